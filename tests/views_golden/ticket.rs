//! The ticket views: a show (`TicketList`, each `Ticket`) and its links.

use std::collections::BTreeSet;

use rt_wire::Response;
use rt_wire::views::{LinkTarget, Links, Message, Relation, Ticket, TicketList, ViewError};
use serde_json::Value;

use crate::{strs, text};

/// A show: RT's refusal, or the listed tickets and the first one's fields.
pub(crate) fn check_ticket(c: &Value, r: &Response<'_>, file: &str) {
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
    check_ticket_fields(e, &list.tickets[0], file);
}

/// The first ticket of a show against what the script sent: subject, status,
/// watchers, custom fields, and every date and duration.
fn check_ticket_fields(e: &Value, t: &Ticket<'_>, file: &str) {
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

/// A ticket's links: the ticket asked for, and every link the script made.
pub(crate) fn check_links(c: &Value, r: &Response<'_>, file: &str) {
    let e = &c["expect"];
    let l = Links::from_response(r).unwrap_or_else(|err| panic!("{file}: {err}"));
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
                    Value::String(s) => got.contains(&LinkTarget::Uri(s)),
                    _ => false,
                };
                assert!(found, "{file} {key} {w}");
            }
        }
    }
}
