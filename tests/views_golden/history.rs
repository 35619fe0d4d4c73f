//! The history views: the short listing (`History`) and the long entries
//! (`LongHistory`, also a single transaction).

use std::collections::BTreeSet;

use rt_wire::Response;
use rt_wire::views::{History, LongHistory, TicketList};
use serde_json::Value;

use crate::{server_error, text};

/// A short history: one entry per match; the complex ticket's is exactly the
/// transactions the script noted (`complex`).
pub(crate) fn check_history(c: &Value, r: &Response<'_>, file: &str, complex: &[u64]) {
    match History::from_response(r) {
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
    }
}

/// A long history or a transaction: entries, their attachments (every file
/// in `uploads` among them), the text the script sent.
pub(crate) fn check_long_history(
    c: &Value,
    r: &Response<'_>,
    file: &str,
    kind: &str,
    complex: &[u64],
    uploads: &[&Value],
) {
    let e = &c["expect"];
    match LongHistory::from_response(r) {
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
                for up in uploads {
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
                // With every field asked for, RT prints a `Description` of
                // each transaction, its creator's name among the words
                // (`… by root`).
                if let Some(creator) = x.record.get("Creator") {
                    let d = x.description().unwrap_or_else(|| panic!("{file}"));
                    let creator = creator.to_str().unwrap();
                    assert!(d.to_str().unwrap().contains(&*creator), "{file}");
                }
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
                    TicketList::from_response(r).unwrap().tickets.len(),
                    1,
                    "{file}"
                );
            }
        }
        Err(err) => {
            let err = server_error(Err::<(), _>(err), file);
            assert!(err.message().is_some(), "{file}");
        }
    }
}
