//! RT's replies to writes (`Reply`) and its blank forms (`Template`).

use rt_wire::Response;
use rt_wire::views::{Message, Reply, Template};
use serde_json::Value;

use crate::strs;

/// A blank form (`ticket/new`, `queue/new`, ...): its kind and required fields.
pub(crate) fn check_template(c: &Value, r: &Response<'_>, file: &str) {
    let t = Template::from_response(r).unwrap_or_else(|err| panic!("{file}: {err}"));
    let want = c["request"]["path"]
        .as_str()
        .unwrap()
        .split('/')
        .nth(3)
        .unwrap();
    assert_eq!(t.kind(), Some(want), "{file}");
    assert!(!t.required.is_empty(), "{file}");
}

/// A reply to a write: the created id, unknown fields, failures by code, and
/// syntax errors with what RT echoed.
pub(crate) fn check_message(c: &Value, reply: &Reply<'_>, file: &str) {
    let e = &c["expect"];
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
    if code == Some(409) || code == Some(400) || code == Some(401) || code == Some(500) {
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
