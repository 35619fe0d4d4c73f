//! `rt-wire parse --as ticket [--lang LANG]`: the `dates` object, run as a
//! user runs the binary.
//!
//! * Over every ticket show of the site-configured corpora
//!   (`corpus/rt5-site`, `corpus/rt4-site`: users of every date format and
//!   of the languages de, ja, ru, in their own zones), with `--lang` the
//!   user's language and without it: `starts` and `due` are the wall clock
//!   the capture script set (`expect.dates`), or, for `RFC2616` and `iCal`
//!   (printed in UTC whatever the user's zone), the instant
//!   (`expect.dates_utc`, marked `Z`); `resolved` is `null`; the other dates
//!   are strings of the documented shape.
//! * Over every capture of the stock corpora (`corpus/rt5`, `corpus/rt4`)
//!   read as a ticket: the output with `dates` taken out is byte for byte
//!   what the binary printed before `dates` existed (its SHA-256 and exit
//!   code, recorded in `dates_json/stock_before_dates.txt` from the binary
//!   built from the commit before; see that file's first line).
//! * A language RT does not ship is a usage error (exit 2).

#[path = "../../tests/common/manifest.rs"]
#[allow(dead_code)]
mod manifest;

use std::collections::BTreeMap;
use std::process::{Command, Output};

use serde_json::Value;
use sha2::{Digest, Sha256};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rt-wire"))
        .args(args)
        .output()
        .unwrap()
}

fn sha(b: &[u8]) -> String {
    Sha256::digest(b)
        .iter()
        .map(|x| format!("{x:02x}"))
        .collect()
}

/// `YYYY-MM-DDTHH:MM:SS`, with a `Z` when `utc`.
fn is_date_text(s: &str, utc: bool) -> bool {
    let b = s.as_bytes();
    let shape = b"dddd-dd-ddTdd:dd:dd";
    let n = shape.len();
    b.len() == n + usize::from(utc)
        && b[..n].iter().zip(shape).all(|(c, s)| {
            if *s == b'd' {
                c.is_ascii_digit()
            } else {
                c == s
            }
        })
        && (!utc || b[n] == b'Z')
}

#[test]
fn site_dates_in_every_format_and_language() {
    let (mut wall, mut instant, mut files) = (0, 0, 0);
    for v in manifest::SITE_VERSIONS {
        for c in manifest::captures(v) {
            if !c.file[4..].starts_with("show-") {
                continue;
            }
            files += 1;
            let e = &c.entry["expect"];
            let lang = e["lang"].as_str().unwrap();
            let format = e["date_format"].as_str().unwrap();
            let utc = matches!(format, "RFC2616" | "iCal");
            let path = c.path.to_str().unwrap();
            let what = format!("{v}/{} ({lang}, {format})", c.file);
            let with_lang = run(&["parse", "--as", "ticket", "--lang", lang, path]);
            let without = run(&["parse", "--as", "ticket", path]);
            for out in [&with_lang, &without] {
                assert!(
                    out.status.success(),
                    "{what}: {}",
                    String::from_utf8_lossy(&out.stderr)
                );
            }
            // Without --lang every language is tried: the same dates here.
            assert_eq!(with_lang.stdout, without.stdout, "{what}");
            let json: Value = serde_json::from_slice(&with_lang.stdout).unwrap();
            let t = &json["tickets"][0];
            let dates = t["dates"].as_object().unwrap();
            for (key, rt) in [("starts", "Starts"), ("due", "Due")] {
                let want = if utc {
                    instant += 1;
                    &e["dates_utc"][rt]
                } else {
                    wall += 1;
                    &e["dates"][rt]
                };
                assert_eq!(&dates[key], want, "{what}: {key}");
                // The field itself stays the text RT printed.
                assert!(t[key].is_string(), "{what}: {key}");
            }
            assert_eq!(dates["resolved"], Value::Null, "{what}");
            assert!(t["resolved"].is_string(), "{what}");
            for key in ["created", "started", "told", "last_updated"] {
                let d = dates[key]
                    .as_str()
                    .unwrap_or_else(|| panic!("{what}: {key}"));
                assert!(is_date_text(d, utc), "{what}: {key} {d}");
                assert!(t[key].is_string(), "{what}: {key}");
            }
            assert_eq!(dates.len(), 7, "{what}: {dates:?}");
        }
    }
    // Per corpus: 17 users; the 2 users (en, de) of RFC2616 and of iCal
    // have their dates as instants.
    assert_eq!(files, 2 * 17);
    assert_eq!((wall, instant), (2 * 13 * 2, 2 * 4 * 2));
}

/// The localized users' dates read in another language are refused (exit 1,
/// `malformed value`), never read as another date.
#[test]
fn a_date_in_another_language_is_an_error() {
    let mut refused = 0;
    for v in manifest::SITE_VERSIONS {
        for c in manifest::captures(v) {
            let e = &c.entry["expect"];
            if !c.file[4..].starts_with("show-")
                || e["date_format"] != "LocalizedDateTime"
                || e["lang"] == "en"
            {
                continue;
            }
            let other = if e["lang"] == "ja" { "ru" } else { "ja" };
            let out = run(&[
                "parse",
                "--as",
                "ticket",
                "--lang",
                other,
                c.path.to_str().unwrap(),
            ]);
            assert_eq!(out.status.code(), Some(1), "{v}/{}", c.file);
            assert!(out.stdout.is_empty(), "{v}/{}", c.file);
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(err.contains("malformed value: "), "{err}");
            assert!(err.contains(&format!("in the language `{other}`")), "{err}");
            refused += 1;
        }
    }
    // ja, ru and de (anna; de-LocalizedDateTime) in both corpora.
    assert_eq!(refused, 2 * 4);
}

#[test]
fn a_language_rt_does_not_ship_is_a_usage_error() {
    let file = manifest::dir("rt5").join("019-ticket-show-complex.rt");
    for lang in ["xx", "DE", "", "pt-BR"] {
        let out = run(&[
            "parse",
            "--as",
            "ticket",
            "--lang",
            lang,
            file.to_str().unwrap(),
        ]);
        assert_eq!(out.status.code(), Some(2), "{lang}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("pt_BR, pt_PT"), "{lang}: {err}");
    }
    // --lang without --as is a usage error too.
    let out = run(&["parse", "--lang", "de", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
}

/// `out` with each ticket's `,"dates":{…}` taken out (its values are
/// strings without braces, or null).
fn without_dates(out: &[u8]) -> Vec<u8> {
    let text = std::str::from_utf8(out).unwrap();
    let mut rest = text;
    let mut kept = String::new();
    while let Some(at) = rest.find(",\"dates\":{") {
        kept.push_str(&rest[..at]);
        let end = rest[at..].find('}').unwrap();
        rest = &rest[at + end + 1..];
    }
    kept.push_str(rest);
    kept.into_bytes()
}

#[test]
fn stock_corpora_unchanged_but_for_dates() {
    let recorded = include_str!("dates_json/stock_before_dates.txt");
    let before: BTreeMap<&str, (&str, &str)> = recorded
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| {
            let f: Vec<&str> = l.split(' ').collect();
            (f[0], (f[1], f[2]))
        })
        .collect();
    let (mut tickets, mut compared) = (0, 0);
    for v in manifest::VERSIONS {
        for c in manifest::captures(v) {
            let name = format!("{v}/{}", c.file);
            let out = run(&["parse", "--as", "ticket", c.path.to_str().unwrap()]);
            let code = out.status.code().unwrap().to_string();
            let (want_code, want_sha) = before[name.as_str()];
            assert_eq!(code, want_code, "{name}");
            if out.status.success() {
                let json: Value = serde_json::from_slice(&out.stdout).unwrap();
                for t in json["tickets"].as_array().unwrap() {
                    assert!(t["dates"].is_object(), "{name}");
                    tickets += 1;
                }
            }
            assert_eq!(sha(&without_dates(&out.stdout)), want_sha, "{name}");
            compared += 1;
        }
    }
    assert_eq!(compared, before.len());
    assert_eq!(
        compared,
        manifest::listed(Some("rt5")) + manifest::listed(Some("rt4"))
    );
    assert!(tickets >= 20, "only {tickets} tickets");
}
