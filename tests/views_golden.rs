//! Golden tests of the typed views over the corpora captured from live RT 5.0.3
//! and RT 4.4.6 (`corpus/rt5`, `corpus/rt4`).
//!
//! Expected values come from the capture script's own record of what it sent
//! to RT (`corpus/rt5/manifest.json`: subjects, watchers, custom-field values,
//! uploaded files with their SHA-256), never from the responses themselves.
//! (The command-line tool's JSON of every view over the same files is tested
//! in `cli/tests/views_json.rs`.)
//! Each test checks exactly the files the manifest lists
//! (`tests/common/manifest.rs`): a missing one fails, it is not skipped.

#[path = "views_golden/attachments.rs"]
mod attachments;
#[path = "views_golden/history.rs"]
mod history;
#[path = "common/kind.rs"]
mod kind;
#[path = "common/manifest.rs"]
#[allow(dead_code)]
mod manifest;
#[path = "views_golden/messages.rs"]
mod messages;
#[path = "views_golden/objects.rs"]
mod objects;
#[path = "views_golden/search.rs"]
mod search;
#[path = "views_golden/ticket.rs"]
mod ticket;

use std::collections::BTreeMap;

use attachments::{check_attachment, check_attachments, check_content};
use history::{check_history, check_long_history};
use kind::kind_of;
use messages::{check_message, check_template};
use objects::check_object;
use rt_wire::views::{Message, Reply, SearchResults, ViewError};
use rt_wire::{BodyKind, Framing, ParseOptions, Response, parse_response_with};
use search::check_search;
use serde_json::Value;
use sha2::{Digest, Sha256};
use ticket::{check_links, check_ticket};

fn sha(b: &[u8]) -> String {
    Sha256::digest(b)
        .iter()
        .map(|x| format!("{x:02x}"))
        .collect()
}

fn framing(kind: &str) -> Framing {
    match kind {
        "content" => Framing::Content,
        "search" => Framing::Search,
        _ => Framing::Object,
    }
}

struct Corpus {
    version: &'static str,
    manifest: Value,
}

/// The corpus captured from RT `version` (`rt5`: 5.0.3, `rt4`: 4.4.6).
fn corpus(version: &'static str) -> Corpus {
    Corpus {
        version,
        manifest: manifest::manifest(version),
    }
}

/// Every capture the manifest lists, with its bytes (a missing file fails).
fn captures(c: &Corpus) -> Vec<(Value, Vec<u8>)> {
    let all: Vec<_> = manifest::captures(c.version)
        .into_iter()
        .map(|cap| (cap.entry, cap.body))
        .collect();
    assert_eq!(all.len(), manifest::listed(Some(c.version)));
    all
}

fn strs(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| a.iter().map(|x| x.as_str().unwrap().to_owned()).collect())
        .unwrap_or_default()
}

fn text(b: &[u8]) -> String {
    String::from_utf8(b.to_vec()).unwrap()
}

/// Subjects of the tickets the script created, by id.
fn created_subjects(all: &[(Value, Vec<u8>)]) -> BTreeMap<u64, String> {
    all.iter()
        .filter_map(|(c, _)| {
            let id = c["expect"]["created_ticket_id"].as_u64()?;
            Some((id, c["expect"]["subject"].as_str()?.to_owned()))
        })
        .collect()
}

fn server_error<'a, T: std::fmt::Debug>(
    r: Result<T, ViewError<'a>>,
    what: &str,
) -> rt_wire::views::ServerError<'a> {
    match r {
        Err(ViewError::Server(e)) => e,
        other => panic!("{what}: expected RT's refusal, got {other:?}"),
    }
}

#[test]
fn every_rt5_response_has_its_view() {
    every_corpus_response_has_its_view(&corpus("rt5"));
}

#[test]
fn every_rt4_response_has_its_view() {
    every_corpus_response_has_its_view(&corpus("rt4"));
}

#[test]
fn every_site_configured_response_has_its_view() {
    every_corpus_response_has_its_view(&corpus("rt5-site"));
    every_corpus_response_has_its_view(&corpus("rt4-site"));
}

fn every_corpus_response_has_its_view(corpus: &Corpus) {
    let all = captures(corpus);
    let notes = &corpus.manifest["notes"];
    let subjects = created_subjects(&all);
    let uploads: Vec<&Value> = all
        .iter()
        .flat_map(|(c, _)| c["request"]["files"].as_array().unwrap().iter())
        .collect();
    let complex: Vec<u64> = notes["complex_ticket_transactions"]
        .as_array()
        .map(|a| a.iter().map(|x| x.as_u64().unwrap()).collect())
        .unwrap_or_default();
    let mut checked = BTreeMap::<&str, usize>::new();

    for (c, body) in &all {
        let file = c["file"].as_str().unwrap();
        let kind = kind_of(c);
        let e = &c["expect"];
        let opts = ParseOptions::new().framing(framing(kind));
        let r = parse_response_with(body, &opts).unwrap_or_else(|err| panic!("{file}: {err}"));
        *checked.entry(kind).or_default() += 1;

        // The body kind and RT's code, and every message typed.
        let reply = Reply::from_response(&r);
        check_reply(e, &r, &reply, kind, file);

        match kind {
            "ticket" => check_ticket(c, &r, file),
            "template" => check_template(c, &r, file),
            "message" => check_message(c, &reply, file),
            "links" => check_links(c, &r, file),
            "attachments" => check_attachments(c, &r, file, &all),
            "attachment" => check_attachment(c, &r, file),
            "content" => check_content(c, &r, file),
            "history" => check_history(c, &r, file, &complex),
            "history-long" | "transaction" => {
                check_long_history(c, &r, file, kind, &complex, &uploads)
            }
            "user" | "queue" | "group" => check_object(c, &r, file, kind),
            "search" => check_search(c, &r, file, notes, &subjects),
            other => panic!("{file}: no check for {other}"),
        }
    }
    assert_every_kind_checked(&checked, corpus);
}

/// The body kind and RT's code, and every message typed.
fn check_reply(e: &Value, r: &Response<'_>, reply: &Reply<'_>, kind: &str, file: &str) {
    match e["body_kind"].as_str() {
        Some("empty") => assert_eq!(r.kind(), BodyKind::Empty, "{file}"),
        Some("error-text") => {
            assert_eq!(r.kind(), BodyKind::Text, "{file}");
            assert!(
                matches!(reply.messages[0].message, Message::ErrorText { .. }),
                "{file}"
            );
            assert!(reply.is_failure() || reply.status.is_none(), "{file}");
        }
        _ => {}
    }
    if let Some(code) = e["rt_code"].as_u64() {
        assert_eq!(u64::from(reply.status.unwrap().code()), code, "{file}");
    }
    // Listings are not messages: a search that reads as results is
    // checked below.
    let listing = kind == "search" && SearchResults::from_response(r).is_ok();
    // A site-configured capture records the user's language: RT's API
    // messages come translated there, and the reply types only English
    // texts (the REST handlers' own texts stay English in every language).
    let translated = e["lang"].as_str().is_some_and(|l| l != "en");
    if kind != "content" && !listing && !translated {
        for n in &reply.messages {
            assert!(
                !matches!(n.message, Message::Other { .. }),
                "{file}: untyped message {:?}",
                String::from_utf8_lossy(n.text)
            );
        }
    }
}

/// Every kind of view met at least one file, and every file the manifest
/// lists was checked.
fn assert_every_kind_checked(checked: &BTreeMap<&str, usize>, corpus: &Corpus) {
    // The site-configured corpora capture what a site changes (dates,
    // languages, statuses, messages), not every endpoint again.
    let site = corpus.manifest["notes"]["site"].is_object();
    let all_kinds = [
        "ticket",
        "template",
        "message",
        "links",
        "attachments",
        "attachment",
        "content",
        "history",
        "history-long",
        "transaction",
        "user",
        "queue",
        "group",
        "search",
    ];
    let site_kinds = [
        "ticket",
        "message",
        "attachments",
        "history",
        "history-long",
        "user",
        "queue",
        "search",
    ];
    for kind in if site {
        &site_kinds[..]
    } else {
        &all_kinds[..]
    } {
        assert!(
            checked.get(kind).copied().unwrap_or(0) > 0,
            "no corpus file of kind {kind}: {checked:?}"
        );
    }
    assert_eq!(
        checked.values().sum::<usize>(),
        manifest::listed(Some(corpus.version)),
        "files the manifest lists"
    );
}

/// A view's error says what went wrong: RT's refusal with its status and
/// the first line of its message, or the shape error with its position.
#[test]
fn view_errors_say_what_rt_answered() {
    use rt_wire::views::{FromResponse, Ticket};
    let body = std::fs::read("corpus/rt5/028-ticket-missing.rt").unwrap();
    let r = rt_wire::parse_response(&body).unwrap();
    let err = Ticket::from_response(&r).unwrap_err();
    assert!(matches!(err, ViewError::Server(_)), "{err:?}");
    assert_eq!(
        err.to_string(),
        "RT answered 200 Ok: Ticket 999 does not exist."
    );
    let body = b"RT/5.0.3 200 Ok\n\nid: ticket/1\nSubject: a\n\n--\n\nid: ticket/2\n\n";
    let r = rt_wire::parse_response(body).unwrap();
    let err = Ticket::from_response(&r).unwrap_err();
    let ViewError::Shape(shape) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(err.to_string(), shape.to_string());
    assert!(!err.to_string().is_empty());
}
