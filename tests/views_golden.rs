//! Golden tests of the typed views over the corpora captured from live RT 5.0.3
//! and RT 4.4.6 (`corpus/rt5`, `corpus/rt4`).
//!
//! Expected values come from the capture script's own record of what it sent
//! to RT (`corpus/rt5/manifest.json`: subjects, watchers, custom-field values,
//! uploaded files with their SHA-256), never from the responses themselves.
//! Every file is also run through `rt-wire parse --as KIND` for its kind and
//! for every other kind (a wrong shape must be a clean error, never a panic).
//! Each test checks exactly the files the manifest lists
//! (`tests/common/manifest.rs`): a missing one fails, it is not skipped.

#[path = "../src/bin/rt-wire/views.rs"]
#[allow(dead_code)]
mod cli;
#[path = "../src/bin/rt-wire/json.rs"]
#[allow(dead_code)]
mod json;
#[path = "common/manifest.rs"]
#[allow(dead_code)]
mod manifest;

use std::collections::{BTreeMap, BTreeSet};

use rt_wire::views::{
    Attachment, AttachmentContent, AttachmentList, Group, History, Links, LongHistory, Message,
    Queue, Relation, Reply, SearchFormat, SearchResults, Template, Ticket, TicketList, User,
    ViewError,
};
use rt_wire::{BodyKind, Framing, ParseOptions, Response, parse_response_with};
use serde_json::Value;
use sha2::{Digest, Sha256};

fn sha(b: &[u8]) -> String {
    Sha256::digest(b)
        .iter()
        .map(|x| format!("{x:02x}"))
        .collect()
}

/// The view a capture's request asks for, from the request alone.
fn kind_of(c: &Value) -> &'static str {
    let req = &c["request"];
    let path = req["path"]
        .as_str()
        .unwrap()
        .trim_start_matches("/REST/1.0/");
    let query: BTreeMap<&str, &str> = req["query"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p[0].as_str().unwrap(), p[1].as_str().unwrap()))
        .collect();
    let parts: Vec<&str> = path.split('/').collect();
    let long = query.get("format") == Some(&"l") || query.contains_key("fields");
    if !req["content"].is_null() || path.contains("/merge/") || path.ends_with("/take") {
        return "message";
    }
    match parts.as_slice() {
        ["search", ..] => "search",
        [.., "content"] => "content",
        ["ticket", _, "attachments", _] | ["attachment", _] => "attachment",
        ["ticket", _, "attachments"] => "attachments",
        ["ticket", _, "links"] => "links",
        ["ticket", _, "history", "id", _] => "history-long",
        ["ticket", _, "history", ..] if long => "history-long",
        ["ticket", _, "history", ..] => "history",
        ["show"] if query.get("format") == Some(&"l") => "history-long",
        ["transaction", _] => "transaction",
        [_, "new"] => "template",
        ["user", _] => "user",
        ["queue", _] => "queue",
        ["group", _] => "group",
        ["queue", _, _] => "message",
        ["ticket", ..] | ["show"] => "ticket",
        _ => "message",
    }
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

fn check_ticket(c: &Value, r: &Response<'_>, file: &str) {
    let e = &c["expect"];
    let list = match TicketList::from_response(r) {
        Ok(l) => l,
        Err(ViewError::Server(err)) => {
            // A refusal: a code other than 200 or a typed failure message.
            assert!(
                err.message()
                    .map_or(err.code() != Some(200), |m| m.message.is_failure()),
                "{file}: {err}"
            );
            if let Some(n) = e["missing_ticket"].as_u64() {
                assert_eq!(
                    err.message().unwrap().message.id_number(),
                    Some(n),
                    "{file}"
                );
            }
            return;
        }
        Err(err) => panic!("{file}: {err}"),
    };
    if let Some(id) = e["id"].as_str() {
        assert_eq!(
            format!("ticket/{}", list.tickets[0].id().unwrap()),
            id,
            "{file}"
        );
    }
    if let Some(ids) = e.get("ids") {
        let got: Vec<String> = list
            .tickets
            .iter()
            .map(|t| format!("ticket/{}", t.id().unwrap()))
            .collect();
        assert_eq!(got, strs(ids), "{file}");
    }
    if let Some(n) = e["forms"].as_u64() {
        assert_eq!(
            (list.tickets.len() + list.messages.len()) as u64,
            n,
            "{file}"
        );
    }
    if let Some(n) = e["missing_ticket"].as_u64() {
        assert!(
            list.messages
                .iter()
                .any(|m| matches!(m.message, Message::NotFound { .. })
                    && m.message.id_number() == Some(n)),
            "{file}"
        );
    }
    let t = &list.tickets[0];
    if let Some(s) = e["subject"].as_str() {
        let got = t.subject().unwrap_or_else(|| panic!("{file}: no Subject"));
        assert_eq!(got.to_str().unwrap(), s, "{file}");
    }
    if let Some(s) = e["status"].as_str() {
        assert_eq!(t.status().unwrap().unwrap().as_str(), s, "{file}");
    }
    for (key, got) in [
        ("requestors", t.requestors()),
        ("cc", t.cc()),
        ("admincc", t.admin_cc()),
    ] {
        if let Some(want) = e.get(key) {
            let got: BTreeSet<String> = got.iter().map(|b| text(b)).collect();
            let want: BTreeSet<String> = strs(want).into_iter().collect();
            assert_eq!(got, want, "{file} {key}");
        }
    }
    if let Some(cf) = e["cf"].as_object() {
        for (name, want) in cf {
            let field = t
                .custom_field(name)
                .unwrap_or_else(|| panic!("{file}: CF {name}"));
            let got = field.values().unwrap();
            let want = match want {
                Value::String(s) => vec![s.clone()],
                other => strs(other),
            };
            assert_eq!(got, want, "{file} CF {name}");
        }
    }
    // Every date and duration RT printed in English parses.
    for key in Ticket::DATES {
        t.date(key)
            .unwrap_or_else(|err| panic!("{file} {key}: {err}"));
    }
    for key in Ticket::DURATIONS {
        t.minutes(key)
            .unwrap_or_else(|err| panic!("{file} {key}: {err}"));
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
        let listing = kind == "search" && SearchResults::from_response(&r).is_ok();
        if kind != "content" && !listing {
            for n in &reply.messages {
                assert!(
                    !matches!(n.message, Message::Other { .. }),
                    "{file}: untyped message {:?}",
                    String::from_utf8_lossy(n.text)
                );
            }
        }

        // The CLI: its own kind never panics; every other kind is a clean
        // answer or a clean error.
        for k in cli::KINDS {
            let mut out = Vec::new();
            let _ = cli::run_as(k, body, &mut out);
        }

        match kind {
            "ticket" => check_ticket(c, &r, file),
            "template" => {
                let t = Template::from_response(&r).unwrap_or_else(|err| panic!("{file}: {err}"));
                let want = c["request"]["path"]
                    .as_str()
                    .unwrap()
                    .split('/')
                    .nth(3)
                    .unwrap();
                assert_eq!(t.kind(), Some(want), "{file}");
                assert!(!t.required.is_empty(), "{file}");
            }
            "message" => {
                if let Some(id) = e["created_ticket_id"].as_u64() {
                    assert_eq!(reply.created_id(), Some(id), "{file}");
                }
                if let Some(keys) = e.get("unknown_fields") {
                    let got: Vec<String> = reply
                        .messages
                        .iter()
                        .filter_map(|n| match n.message {
                            Message::UnknownField { key } => Some(key.to_owned()),
                            _ => None,
                        })
                        .collect();
                    assert_eq!(got, strs(keys), "{file}");
                }
                let code = reply.status.map(|s| s.code());
                if code == Some(409) || code == Some(400) || code == Some(401) || code == Some(500)
                {
                    assert!(reply.is_failure(), "{file}");
                }
                for n in &reply.messages {
                    if let Message::SyntaxError { echoed, rejected } = n.message {
                        assert!(rejected.starts_with(b">> "), "{file}");
                        assert!(!echoed.is_empty(), "{file}");
                    }
                }
                if e["rt_code"] == 200 && e.get("created_ticket_id").is_some() {
                    assert!(!reply.is_failure(), "{file}");
                }
            }
            "links" => {
                let l = Links::from_response(&r).unwrap_or_else(|err| panic!("{file}: {err}"));
                let path = c["request"]["path"].as_str().unwrap();
                assert!(
                    path.ends_with(&format!("ticket/{}/links", l.ticket().unwrap())),
                    "{file}"
                );
                for (key, rel) in [
                    ("depends_on", Relation::DependsOn),
                    ("refers_to", Relation::RefersTo),
                    ("member_of", Relation::MemberOf),
                ] {
                    if let Some(want) = e[key].as_array() {
                        let got = l.get(rel).unwrap();
                        assert_eq!(got.len(), want.len(), "{file} {key}");
                        for w in want {
                            let found = match w {
                                Value::Number(n) => got.iter().any(|t| t.ticket() == n.as_u64()),
                                Value::String(s) => {
                                    got.contains(&rt_wire::views::LinkTarget::Uri(s))
                                }
                                _ => false,
                            };
                            assert!(found, "{file} {key} {w}");
                        }
                    }
                }
            }
            "attachments" => match AttachmentList::from_response(&r) {
                Ok(l) => {
                    // Every attachment the script looked at is listed with its
                    // name, type and size.
                    for (a, _) in &all {
                        let ae = &a["expect"];
                        let (Some(id), Some(name)) =
                            (ae["attachment_id"].as_u64(), ae["listed_name"].as_str())
                        else {
                            continue;
                        };
                        if !c["request"]["path"].as_str().unwrap().contains("ticket/3/") {
                            continue;
                        }
                        let item = l
                            .items
                            .iter()
                            .find(|i| i.id == id)
                            .unwrap_or_else(|| panic!("{file}: {id}"));
                        match item.name {
                            None => assert_eq!(name, "(Unnamed)", "{file}"),
                            Some(n) => assert_eq!(text(n), name, "{file}"),
                        }
                        assert_eq!(
                            item.content_type,
                            ae["content_type"].as_str().unwrap(),
                            "{file}"
                        );
                        if let Some(size) = ae["size"].as_u64() {
                            let range = item.size.bytes_range().unwrap();
                            // RT counts characters of text parts; the upload's
                            // size is in bytes.
                            if name.is_ascii()
                                && ae["uploaded_file"]
                                    .as_str()
                                    .is_some_and(|u| u != "zero.txt")
                            {
                                assert!(range.contains(&size), "{file}: {id} {range:?} {size}");
                            } else {
                                assert!(*range.start() <= size, "{file}: {id}");
                            }
                        }
                    }
                    // An empty body is RT's listing of a ticket without
                    // attachments.
                    let empty = e["body_kind"].as_str() == Some("empty");
                    assert_eq!(l.items.is_empty(), empty, "{file}");
                }
                Err(err) => {
                    let err = server_error(Err::<(), _>(err), file);
                    assert_eq!(
                        err.message().unwrap().message.id_number(),
                        e["missing_ticket"].as_u64(),
                        "{file}"
                    );
                }
            },
            "attachment" => match Attachment::from_response(&r) {
                Ok(a) => {
                    assert_eq!(Some(a.id().unwrap()), e["attachment_id"].as_u64(), "{file}");
                    let listed = e["listed_name"].as_str().unwrap();
                    match a.filename() {
                        None => assert_eq!(listed, "(Unnamed)", "{file}"),
                        Some(f) => assert_eq!(f.to_str().unwrap(), listed, "{file}"),
                    }
                    assert_eq!(a.content_type(), e["content_type"].as_str(), "{file}");
                    a.record().date("Created").unwrap().unwrap();
                    assert!(!a.headers().is_empty(), "{file}");
                    if let Some(want) = e["sha256"].as_str() {
                        if a.is_placeholder() {
                            assert!(
                                c["request"]["path"]
                                    .as_str()
                                    .unwrap()
                                    .starts_with("/REST/1.0/attachment/"),
                                "{file}"
                            );
                        } else {
                            let o = a
                                .original_bytes()
                                .unwrap_or_else(|err| panic!("{file}: {err}"));
                            assert_eq!(sha(&o.bytes), want, "{file}");
                        }
                    }
                }
                Err(err) => {
                    let err = server_error(Err::<(), _>(err), file);
                    assert!(err.message().unwrap().message.is_failure(), "{file}");
                }
            },
            "content" => {
                let got = AttachmentContent::from_response(&r)
                    .unwrap_or_else(|err| panic!("{file}: {err}"));
                if let Some(want) = e["raw_content_sha256"].as_str() {
                    assert_eq!(sha(got.bytes), want, "{file}");
                    assert_eq!(
                        got.bytes.len() as u64,
                        e["raw_content_size"].as_u64().unwrap(),
                        "{file}"
                    );
                    // The uploaded file itself.
                    if let Some(up) = e["sha256"].as_str() {
                        assert_eq!(sha(got.bytes), up, "{file}");
                    }
                }
                if e["body_kind"] == "empty" {
                    assert!(got.bytes.is_empty(), "{file}");
                    assert!(e["size"].as_u64().is_none_or(|s| s <= 1), "{file}");
                }
            }
            "history" => match History::from_response(&r) {
                Ok(h) => {
                    assert_eq!(h.entries.len() as u64, h.header.matched, "{file}");
                    if c["request"]["path"] == "/REST/1.0/ticket/3/history" {
                        let ids: Vec<u64> = h.entries.iter().map(|x| x.id).collect();
                        assert_eq!(ids, complex, "{file}");
                        assert_eq!(h.header.total, complex.len() as u64, "{file}");
                    }
                }
                Err(err) => {
                    server_error(Err::<(), _>(err), file);
                    assert!(file.contains("missing"), "{file}");
                }
            },
            "history-long" | "transaction" => match LongHistory::from_response(&r) {
                Ok(h) => {
                    if let Some(n) = e["entries"].as_u64() {
                        assert_eq!(h.entries.len() as u64, n, "{file}");
                        let ids: Vec<u64> = h.entries.iter().map(|x| x.id().unwrap()).collect();
                        assert_eq!(ids, complex, "{file}");
                        // Every file uploaded to the complex ticket is among
                        // the entries' attachments.
                        let names: BTreeSet<String> = h
                            .entries
                            .iter()
                            .flat_map(|x| x.attachments().unwrap())
                            .map(|a| text(a.name))
                            .collect();
                        for up in &uploads {
                            let n = up["name"].as_str().unwrap();
                            assert!(
                                names.contains(n) || names.contains(&format!("'{n}'")),
                                "{file}: {n}"
                            );
                        }
                    }
                    for x in &h.entries {
                        x.attachments()
                            .unwrap_or_else(|err| panic!("{file}: {err}"));
                        x.time_taken().unwrap();
                        if let Some(h) = x.header {
                            assert!(h.total >= h.matched, "{file}");
                        }
                    }
                    if let Some(t) = e["transaction"].as_u64() {
                        assert_eq!(h.entries[0].id().unwrap(), t, "{file}");
                    }
                    if let Some(want) = e["text"].as_str() {
                        assert_eq!(
                            h.entries[0].content().unwrap().to_str().unwrap(),
                            want,
                            "{file}"
                        );
                    }
                    if kind == "history-long" && c["request"]["path"] == "/REST/1.0/show" {
                        // A ticket and a history in one body: both views.
                        let total = h.entries[0].header.unwrap().total;
                        assert_eq!(h.entries.len() as u64, total, "{file}");
                        assert_eq!(
                            TicketList::from_response(&r).unwrap().tickets.len(),
                            1,
                            "{file}"
                        );
                    }
                }
                Err(err) => {
                    let err = server_error(Err::<(), _>(err), file);
                    assert!(err.message().is_some(), "{file}");
                }
            },
            "user" | "queue" | "group" => {
                let rec = match kind {
                    "user" => User::from_response(&r).map(|u| u.record().clone()),
                    "queue" => Queue::from_response(&r).map(|q| q.record().clone()),
                    _ => Group::from_response(&r).map(|g| g.record().clone()),
                };
                match rec {
                    Ok(rec) => {
                        if let Some(n) = e["name"].as_str() {
                            assert_eq!(rec.text("Name").unwrap().unwrap(), n, "{file}");
                        }
                        if let Some(id) = e["group_id"].as_u64() {
                            assert_eq!(rec.id_number("group").unwrap(), id, "{file}");
                        }
                        if let Some(cf) = e["cf"].as_object() {
                            for (name, want) in cf {
                                let f = rec.custom_field(name).unwrap();
                                // RT joins user/queue/group CF values with ", "
                                // unquoted: the joined text is exact.
                                assert_eq!(
                                    f.value.to_str().unwrap(),
                                    strs(want).join(", "),
                                    "{file}"
                                );
                            }
                        }
                    }
                    Err(err) => {
                        let err = server_error(Err::<(), _>(err), file);
                        assert!(err.message().unwrap().message.is_failure(), "{file}");
                    }
                }
            }
            "search" => {
                let query = &c["request"]["query"];
                let is_ticket = c["request"]["path"] == "/REST/1.0/search/ticket";
                match SearchResults::from_response(&r) {
                    Ok(s) => {
                        let fmt = query
                            .as_array()
                            .unwrap()
                            .iter()
                            .find(|p| p[0] == "format")
                            .map(|p| p[1].as_str().unwrap());
                        match (fmt, s.format) {
                            (Some("i"), SearchFormat::Ids)
                            | (Some("l"), SearchFormat::Long)
                            | (Some("s"), SearchFormat::Table) => {}
                            (None, SearchFormat::Short | SearchFormat::Long) => {}
                            (f, got) if s.rows.is_empty() => {
                                assert!(f != Some("l"), "{file}: {got:?}")
                            }
                            (f, got) => panic!("{file}: format {f:?} read as {got:?}"),
                        }
                        if is_ticket {
                            for row in &s.rows {
                                if let Some(want) = subjects.get(&row.id) {
                                    if let Some(got) = row.get("Subject") {
                                        assert_eq!(&text(got), want, "{file} {}", row.id);
                                    }
                                }
                                assert!(subjects.contains_key(&row.id), "{file}: {}", row.id);
                            }
                        }
                        if query.to_string().contains("Queue = 'General'") {
                            let merged = notes["tickets"]["merge_source"].as_u64();
                            let want: Vec<u64> = subjects
                                .keys()
                                .copied()
                                .filter(|id| Some(*id) != merged)
                                .collect();
                            let mut got: Vec<u64> = s.rows.iter().map(|x| x.id).collect();
                            got.sort_unstable();
                            assert_eq!(got, want, "{file}");
                        }
                    }
                    Err(err) => {
                        let err = server_error(Err::<(), _>(err), file);
                        assert!(err.code() != Some(200) || err.message().is_some(), "{file}");
                    }
                }
            }
            other => panic!("{file}: no check for {other}"),
        }
    }
    for kind in [
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
    ] {
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

#[test]
fn cli_json_over_the_rt5_corpus() {
    cli_json_over_the_corpus(&corpus("rt5"));
}

#[test]
fn cli_json_over_the_rt4_corpus() {
    cli_json_over_the_corpus(&corpus("rt4"));
}

fn cli_json_over_the_corpus(corpus: &Corpus) {
    let all = captures(corpus);
    let (mut ran, mut visited) = (0, 0);
    for (c, body) in &all {
        let file = c["file"].as_str().unwrap();
        visited += 1;
        let kind = match kind_of(c) {
            "template" => continue,
            k => k,
        };
        let mut out = Vec::new();
        let res = cli::run_as(kind, body, &mut out);
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
        manifest::listed(Some(corpus.version)),
        "files the manifest lists"
    );
    assert!(ran >= 100, "only {ran} JSON outputs");
}
