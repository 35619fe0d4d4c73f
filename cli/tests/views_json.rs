//! `rt-wire parse --as KIND` over the corpora captured from RT 5.0.3 and RT
//! 4.4.6: every file as its own kind gives the JSON of its view, and as every
//! other kind a clean answer or a clean error, never a panic. Each test
//! checks exactly the files the manifest lists (`tests/common/manifest.rs`).

#[path = "../src/views.rs"]
#[allow(dead_code)]
mod cli;
#[path = "../../tests/common/kind.rs"]
mod kind;
#[path = "../../tests/common/manifest.rs"]
#[allow(dead_code)]
mod manifest;

use kind::kind_of;
use serde_json::Value;
use sha2::{Digest, Sha256};

fn sha(b: &[u8]) -> String {
    Sha256::digest(b)
        .iter()
        .map(|x| format!("{x:02x}"))
        .collect()
}

/// Every capture the manifest lists, with its bytes (a missing file fails).
fn captures(version: &'static str) -> Vec<(Value, Vec<u8>)> {
    let all: Vec<_> = manifest::captures(version)
        .into_iter()
        .map(|cap| (cap.entry, cap.body))
        .collect();
    assert_eq!(all.len(), manifest::listed(Some(version)));
    all
}

/// Every kind on every file: a clean answer or a clean error, never a panic.
#[test]
fn every_kind_over_every_file() {
    let mut n = 0;
    for version in manifest::VERSIONS {
        for (_, body) in captures(version) {
            for &k in <cli::Kind as clap::ValueEnum>::value_variants() {
                let mut out = Vec::new();
                let _ = cli::run_as(k, &body, &mut out);
                n += 1;
            }
        }
    }
    assert!(n > 300 * 13, "only {n} runs");
}

#[test]
fn cli_json_over_the_rt5_corpus() {
    cli_json_over_the_corpus("rt5");
}

#[test]
fn cli_json_over_the_rt4_corpus() {
    cli_json_over_the_corpus("rt4");
}

fn cli_json_over_the_corpus(version: &'static str) {
    let all = captures(version);
    let (mut ran, mut visited) = (0, 0);
    for (c, body) in &all {
        let file = c["file"].as_str().unwrap();
        visited += 1;
        let kind = match kind_of(c) {
            "template" => continue,
            k => k,
        };
        let mut out = Vec::new();
        let as_kind = <cli::Kind as clap::ValueEnum>::from_str(kind, false).unwrap();
        let res = cli::run_as(as_kind, body, &mut out);
        if kind == "content" {
            if let (Ok(()), Some(want)) = (&res, c["expect"]["raw_content_sha256"].as_str()) {
                assert_eq!(sha(&out), want, "{file}");
            }
            continue;
        }
        match res {
            Ok(()) => {
                let v: Value = serde_json::from_slice(&out).unwrap_or_else(|err| {
                    panic!("{file}: {err}\n{}", String::from_utf8_lossy(&out))
                });
                ran += 1;
                match kind {
                    "ticket" => {
                        let t = &v["tickets"][0];
                        assert!(t["id"].is_u64(), "{file}: {v}");
                        if let Some(s) = c["expect"]["subject"].as_str() {
                            assert_eq!(t["subject"], s, "{file}");
                        }
                    }
                    "history" => assert!(v["entries"].as_array().is_some(), "{file}"),
                    "history-long" | "transaction" => {
                        let first = &v["entries"][0];
                        assert!(first["id"].is_u64(), "{file}");
                        if kind == "history-long" && c["expect"]["transaction"].is_u64() {
                            assert_eq!(first["type"], "Create", "{file}");
                            assert_eq!(first["attachments"][0]["name"], "untitled", "{file}");
                        }
                    }
                    "attachments" => {
                        let list = v["attachments"].as_array().unwrap();
                        if c["expect"]["body_kind"].as_str() == Some("empty") {
                            assert!(list.is_empty(), "{file}");
                        } else {
                            assert!(list.iter().any(|a| a["name"].is_null()), "{file}");
                        }
                    }
                    "message" => {
                        if let Some(id) = c["expect"]["created_ticket_id"].as_u64() {
                            let m = v["messages"]
                                .as_array()
                                .unwrap()
                                .iter()
                                .find(|m| m["kind"] == "created")
                                .unwrap();
                            assert_eq!(m["id"], id, "{file}");
                            assert_eq!(m["object"], "ticket", "{file}");
                        }
                        if let Some(code) = c["expect"]["rt_code"].as_u64() {
                            assert_eq!(v["code"].as_u64(), Some(code), "{file}");
                        }
                    }
                    _ => {}
                }
            }
            Err(msg) => assert!(!msg.is_empty(), "{file}"),
        }
    }
    assert_eq!(
        visited,
        manifest::listed(Some(version)),
        "files the manifest lists"
    );
    assert!(ran >= 100, "only {ran} JSON outputs");
}
