//! Golden tests over the corpus captured from real RT servers (`corpus/rt*/`).
//!
//! For every captured response:
//! * it parses, with the framing its endpoint implies (from the capture
//!   manifest: `search/…` or `…/content`);
//! * parse → encode gives back the captured bytes exactly;
//! * its decoded structure equals `<name>.expected.json`, written by
//!   `corpus/expect.py`, an independent reference decoder written from the
//!   wire-format reference. On mismatch the test writes `<name>.actual.json`
//!   next to it and fails; a capture without its expected file fails too.
//!
//! Each test counts the files it checked against the number the manifests list
//! (`tests/common/manifest.rs`), so it cannot silently check fewer.

#[path = "common/manifest.rs"]
#[allow(dead_code)]
mod manifest;

use std::path::PathBuf;

use rt_wire::{BodyKind, Framing, KeySplit, ParseOptions, Payload, parse_response_with};
use serde_json::{Value as Json, json};

fn base64(b: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut s = String::new();
    for c in b.chunks(3) {
        let n = (u32::from(c[0]) << 16)
            | (u32::from(*c.get(1).unwrap_or(&0)) << 8)
            | u32::from(*c.get(2).unwrap_or(&0));
        for i in 0..4 {
            s.push(if i <= c.len() {
                char::from(A[((n >> (18 - 6 * i)) & 63) as usize])
            } else {
                '='
            });
        }
    }
    s
}

fn text(b: &[u8]) -> Json {
    match std::str::from_utf8(b) {
        Ok(s) => Json::String(s.to_string()),
        Err(_) => json!({ "base64": base64(b) }),
    }
}

/// One captured file and the framing of its endpoint.
struct Capture {
    path: PathBuf,
    options: ParseOptions,
}

fn framing_for(request_path: &str) -> Framing {
    if request_path.contains("/REST/1.0/search/") {
        Framing::Search
    } else if request_path.ends_with("/content") {
        Framing::Content
    } else {
        Framing::Object
    }
}

/// Every capture the manifests list (a listed file that is missing fails).
fn captures() -> Vec<Capture> {
    manifest::all()
        .into_iter()
        .map(|c| {
            let path = c.request_path();
            // The custom-field listings print bare CF names as keys, which
            // may contain ": " (`key-line`).
            let split = if path.ends_with("customfields") {
                KeySplit::Last
            } else {
                KeySplit::First
            };
            let options = ParseOptions::new()
                .framing(framing_for(path))
                .key_split(split);
            Capture {
                path: c.path,
                options,
            }
        })
        .collect()
}

fn structure(input: &[u8], options: &ParseOptions) -> Json {
    let r = parse_response_with(input, options).unwrap_or_else(|e| panic!("parse failed: {e}"));
    let status = r.status().map_or(
        Json::Null,
        |s| json!({"version": s.version(), "code": s.code(), "reason": s.reason()}),
    );
    let forms: Vec<Json> = r
        .forms()
        .map(|f| {
            let mut o = serde_json::Map::new();
            o.insert(
                "comments".into(),
                Json::Array(f.comments().map(text).collect()),
            );
            o.insert(
                "fields".into(),
                Json::Array(
                    f.fields()
                        .map(|x| Json::Array(vec![text(x.key()), text(&x.value().to_bytes())]))
                        .collect(),
                ),
            );
            if let Some(e) = f.echo() {
                o.insert("echo".into(), text(e));
            }
            Json::Object(o)
        })
        .collect();
    let mut t = Vec::new();
    let mut any = r.kind() == BodyKind::Empty;
    if r.kind() == BodyKind::Text {
        t.extend_from_slice(input);
        any = true;
    }
    for e in r.envelopes() {
        if let Payload::Text(b) | Payload::Raw(b) = e.payload() {
            t.extend_from_slice(b);
            any = true;
        }
    }
    json!({"status": status, "forms": forms, "text": if any { text(&t) } else { Json::Null }})
}

#[test]
fn corpus_parses_and_round_trips() {
    let caps = captures();
    let mut checked = 0;
    for c in &caps {
        let input = std::fs::read(&c.path).unwrap();
        let r = parse_response_with(&input, &c.options)
            .unwrap_or_else(|e| panic!("{}: {e}", c.path.display()));
        assert_eq!(
            String::from_utf8_lossy(&r.to_bytes()),
            String::from_utf8_lossy(&input),
            "{}: parse → encode differs",
            c.path.display()
        );
        assert_eq!(r.to_bytes(), input, "{}", c.path.display());
        checked += 1;
    }
    println!("round-tripped {checked} corpus files");
    assert_eq!(checked, manifest::listed(None), "files the manifests list");
}

#[test]
fn corpus_matches_expected_structures() {
    let caps = captures();
    let mut checked = 0;
    let mut failed = Vec::new();
    for c in &caps {
        let expected = c.path.with_extension("expected.json");
        let want = match std::fs::read_to_string(&expected) {
            Ok(want) => want,
            Err(e) => {
                failed.push(format!("{}: {e}", expected.display()));
                continue;
            }
        };
        let want: Json = serde_json::from_str(&want).unwrap();
        let input = std::fs::read(&c.path).unwrap();
        let got = structure(&input, &c.options);
        let actual = c.path.with_extension("actual.json");
        if got == want {
            let _ = std::fs::remove_file(&actual);
        } else {
            std::fs::write(&actual, serde_json::to_string_pretty(&got).unwrap()).unwrap();
            failed.push(c.path.display().to_string());
        }
        checked += 1;
    }
    println!("compared {checked} corpus files with their expected structures");
    assert!(
        failed.is_empty(),
        "mismatches (see *.actual.json) or missing expected files: {failed:#?}"
    );
    assert_eq!(checked, manifest::listed(None), "files the manifests list");
}

/// With `allow_crlf`, a response whose line ends were turned into CRLF (by a
/// proxy, or a file saved on another system) reads as the same forms.
#[test]
fn corpus_with_crlf_line_ends() {
    let caps = captures();
    let raw = caps
        .iter()
        .filter(|c| c.options.framing == Framing::Content)
        .count();
    let mut checked = 0;
    for c in caps {
        if c.options.framing == Framing::Content {
            continue;
        }
        let input = std::fs::read(&c.path).unwrap();
        let crlf = rt_wire_testkit::crlf(&input);
        let lf = parse_response_with(&input, &c.options).unwrap();
        let opts = c.options.allow_crlf(true);
        let r = parse_response_with(&crlf, &opts)
            .unwrap_or_else(|e| panic!("{}: {e}", c.path.display()));
        let forms = |r: &rt_wire::Response<'_>| -> Vec<Json> { structure_forms(r) };
        assert_eq!(forms(&r), forms(&lf), "{}", c.path.display());
        checked += 1;
    }
    assert_eq!(
        checked + raw,
        manifest::listed(None),
        "files the manifests list"
    );
}

fn structure_forms(r: &rt_wire::Response<'_>) -> Vec<Json> {
    r.forms()
        .map(|f| {
            json!({
                "comments": f.comments().map(text).collect::<Vec<_>>(),
                "fields": f.fields().map(|x| json!([text(x.key()), text(&x.value().to_bytes()), x.value().is_empty_list()])).collect::<Vec<_>>(),
                "echo": f.echo_lines().map(text).collect::<Vec<_>>(),
            })
        })
        .collect()
}
