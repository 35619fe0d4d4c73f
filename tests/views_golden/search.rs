//! The search view (`SearchResults`) in each format RT was asked for.

use std::collections::BTreeMap;

use rt_wire::Response;
use rt_wire::views::{SearchFormat, SearchResults};
use serde_json::Value;

use crate::{server_error, text};

/// A search: the format asked for, the subjects of the tickets the script
/// created (`subjects`), the General queue's tickets but the merged one
/// (`notes`), or RT's refusal.
pub(crate) fn check_search(
    c: &Value,
    r: &Response<'_>,
    file: &str,
    notes: &Value,
    subjects: &BTreeMap<u64, String>,
) {
    let query = &c["request"]["query"];
    let is_ticket = c["request"]["path"] == "/REST/1.0/search/ticket";
    match SearchResults::from_response(r) {
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
