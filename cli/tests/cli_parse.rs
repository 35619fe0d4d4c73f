//! The `rt-wire parse` command as a user runs it: JSON on stdout, errors on
//! stderr with offset, line and column, exit codes.

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// The repository's root, where `corpus/` is.
fn root() -> &'static std::path::Path {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
}

fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rt-wire"))
        .args(args)
        .current_dir(root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

fn json(out: &Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn parse_prints_the_documented_json() {
    let v = json(&run(
        &["parse"],
        b"RT/5.0.3 200 Ok\n\n# Ticket 7 created.\n\n--\n\nid: ticket/7\nSubject: caf\xc3\xa9\nText: a\n      b\n\nSubject: again\n\n",
    ));
    assert_eq!(v["status"]["version"], "5.0.3");
    assert_eq!(v["status"]["code"], 200);
    assert_eq!(v["status"]["reason"], "Ok");
    assert_eq!(v["forms"][0]["comments"][0], "# Ticket 7 created.");
    let fields = &v["forms"][1]["fields"];
    assert_eq!(fields[0], serde_json::json!(["id", "ticket/7"]));
    assert_eq!(fields[1], serde_json::json!(["Subject", "café"]));
    assert_eq!(fields[2], serde_json::json!(["Text", "a\nb"]));
    // Duplicates kept, in input order.
    assert_eq!(fields[3], serde_json::json!(["Subject", "again"]));
    assert!(v["text"].is_null());
}

#[test]
fn parse_reads_a_corpus_file() {
    let out = run(&["parse", "corpus/rt5/019-ticket-show-complex.rt"], b"");
    let v = json(&out);
    assert_eq!(v["forms"][0]["fields"][0][0], "id");
}

#[test]
fn bodies_without_a_status_line_and_empty_bodies() {
    let v = json(&run(&["parse"], b"ok\n"));
    assert!(v["status"].is_null());
    assert_eq!(v["text"], "ok\n");
    let v = json(&run(&["parse"], b""));
    assert_eq!(v["forms"], serde_json::json!([]));
    // Bytes that are not UTF-8 are kept, as base64.
    let v = json(&run(&["parse"], b"RT/5.0.3 200 Ok\n\nK: \xff\n\n"));
    assert_eq!(
        v["forms"][0]["fields"][0][1],
        serde_json::json!({"base64": "/w=="})
    );
}

#[test]
fn errors_go_to_stderr_with_position_and_exit_1() {
    let out = run(&["parse"], b"RT/5.0.3 2x0 Ok\n\n");
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("line 1, column 10 (byte 9): expected a three-digit status code"),
        "{err}"
    );
    let out = run(
        &["parse", "--forms-only"],
        b"RT/5.0.3 200 Ok\n\nid: 1\n   bad\n\n",
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("line 4, column 4 (byte 26)"), "{err}");
    let out = run(&["parse", "no/such/file"], b"");
    assert_eq!(out.status.code(), Some(1));
    let out = run(&["frobnicate"], b"");
    assert_eq!(out.status.code(), Some(2));
}

/// Without `--framing` every body RT sent parses (exit 0), `…/content` bodies
/// included: a payload that does not read as forms comes out as text, never
/// as an error. The same payload given with `--forms-only` must still fail
/// where it is not forms.
#[test]
fn parse_without_framing_accepts_every_captured_body() {
    let root = root().join("corpus");
    let mut n = 0;
    for dir in ["rt5", "rt4"] {
        let mut files: Vec<_> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "rt"))
            .collect();
        files.sort();
        for path in files {
            let out = run(&["parse", path.to_str().unwrap()], b"");
            assert!(
                out.status.success(),
                "{}: {}",
                path.display(),
                String::from_utf8_lossy(&out.stderr)
            );
            n += 1;
        }
    }
    assert!(n > 300, "only {n} captured bodies");
    // A raw attachment whose text has an empty line after a `Key: value`
    // line and a `--` line later: text, exit 0.
    let body = b"RT/5.0.3 200 Ok\n\nFrom: a\n\n\n\nbody\n--\nx\n";
    let v = json(&run(&["parse"], body));
    assert_eq!(v["forms"].as_array().unwrap().len(), 0);
    assert_eq!(v["text"], "From: a\n\n\n\nbody\n--\nx\n");
    let failed = run(&["parse", "--forms-only"], body);
    assert_eq!(failed.status.code(), Some(1));
}
