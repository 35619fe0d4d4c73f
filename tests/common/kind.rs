//! The view each capture of the corpus asks for, from its request alone
//! (shared by `tests/views_golden.rs` and `cli/tests/views_json.rs`).

use std::collections::BTreeMap;

use serde_json::Value;

/// The view a capture's request asks for, from the request alone.
pub fn kind_of(c: &Value) -> &'static str {
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
