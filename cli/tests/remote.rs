//! `rt-wire get` and `rt-wire post` against a live RT (`RT_URL`, root /
//! password; `scripts/rt-live.sh start 5`): every value read back is
//! compared with what was sent. Skips visibly without `RT_URL`, fails
//! instead under `RT_WIRE_REQUIRE_ORACLES=1`.

#[path = "../../tests/common/oracle.rs"]
#[allow(dead_code)]
mod oracle;

use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::{Value, json};

struct Rt {
    url: String,
    dir: PathBuf,
}

impl Rt {
    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_rt-wire"))
            .args(args)
            .env("RT_URL", &self.url)
            .env("RT_USER", "root")
            .env("RT_PASS", "password")
            .output()
            .unwrap()
    }

    /// Runs a command that must succeed; its stdout.
    fn ok(&self, args: &[&str]) -> Vec<u8> {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "rt-wire {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    }

    fn json(&self, args: &[&str]) -> Value {
        serde_json::from_slice(&self.ok(args)).unwrap()
    }

    fn file(&self, name: &str, bytes: &[u8]) -> String {
        let path = self.dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        path.to_str().unwrap().to_owned()
    }
}

#[test]
fn get_and_post_against_live_rt() {
    let Some(url) = oracle::env("rt_wire_get_post", "RT_URL", "scripts/rt-live.sh start 5") else {
        return;
    };
    let dir = std::env::temp_dir().join(format!("rt-wire-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let rt = Rt { url, dir };

    // A ticket created through the encoder: RT's reply typed.
    let subject = format!("rt-wire post {}", std::process::id());
    let text = "line one\n  indented\n--\n# not a comment\nKey: not a field";
    let form = json!([
        ["id", "ticket/new"],
        ["Queue", "General"],
        ["Subject", subject],
        ["Text", text]
    ]);
    let new = rt.file("new.json", form.to_string().as_bytes());
    let reply = rt.json(&["post", "ticket/new", "--form", &new]);
    assert_eq!(reply["code"], 200, "{reply}");
    assert_eq!(reply["messages"][0]["kind"], "created", "{reply}");
    let id = reply["messages"][0]["id"].as_u64().unwrap();

    // The ticket as RT stored it.
    let shown = rt.json(&["get", &format!("ticket/{id}")]);
    assert_eq!(shown["tickets"][0]["subject"], subject.as_str(), "{shown}");
    assert_eq!(shown["tickets"][0]["id"], id, "{shown}");

    // A comment with a file: the file is an attachment_N part, listed in the form.
    let upload = b"bytes \x00\xff of a file\n--\nnot a separator\n";
    let path = rt.file("upload.bin", upload);
    let form = json!([
        ["id", id.to_string()],
        ["Action", "comment"],
        ["Text", "with a file"]
    ]);
    let comment = rt.file("comment.json", form.to_string().as_bytes());
    let reply = rt.json(&[
        "post",
        &format!("ticket/{id}/comment"),
        "--form",
        &comment,
        "--attach",
        &path,
    ]);
    assert_eq!(reply["messages"][0]["kind"], "comment_added", "{reply}");

    // The long history has the text sent and the file; its content is the bytes sent.
    let history = rt.json(&["get", &format!("ticket/{id}/history?format=l")]);
    let entries = history["entries"].as_array().unwrap();
    assert_eq!(entries[0]["content"], text, "{history}");
    let attachment = entries
        .iter()
        .flat_map(|e| e["attachments"].as_array().unwrap())
        .find(|a| a["name"] == "upload.bin")
        .unwrap_or_else(|| panic!("upload.bin not in {history}"))["id"]
        .as_u64()
        .unwrap();
    let content = rt.ok(&[
        "get",
        &format!("ticket/{id}/attachments/{attachment}/content"),
    ]);
    assert_eq!(content, upload);

    // --raw is the exact body.
    let raw = rt.ok(&["get", "--raw", &format!("ticket/{id}/show")]);
    assert!(raw.starts_with(b"RT/"), "{}", String::from_utf8_lossy(&raw));

    refusals(&rt, id);
    std::fs::remove_dir_all(&rt.dir).unwrap();
}

/// RT's refusals: exit 1 and a message on stderr; a refused write prints
/// RT's reply too.
fn refusals(rt: &Rt, id: u64) {
    let missing = rt.run(&["get", "ticket/999999"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("does not exist"));
    let denied = rt.run(&["get", "--pass", "wrong", &format!("ticket/{id}")]);
    assert_eq!(denied.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&denied.stderr).contains("401"));
    let bad = rt.file("bad.json", br#"[["Owner","no-such-user-here"]]"#);
    let refused = rt.run(&["post", &format!("ticket/{id}/edit"), "--form", &bad]);
    assert_eq!(refused.status.code(), Some(1));
    let reply: Value = serde_json::from_slice(&refused.stdout).unwrap();
    assert_eq!(reply["code"], 409, "{reply}");
}
