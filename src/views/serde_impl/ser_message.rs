//! `Serialize` for RT's messages: [`Message`], [`Notice`], [`Reply`].

use alloc::borrow::Cow;
use alloc::vec;
use alloc::vec::Vec;

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use super::super::message::{Message, Notice, Reply};
use super::ser::Bytes;

/// One named part of a message.
enum Part<'a> {
    Str(Cow<'a, str>),
    Bytes(&'a [u8]),
    Num(u64),
    Bool(bool),
}

impl Serialize for Part<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Part::Str(t) => s.serialize_str(t),
            Part::Bytes(b) => Bytes(b).serialize(s),
            Part::Num(n) => s.serialize_u64(*n),
            Part::Bool(b) => s.serialize_bool(*b),
        }
    }
}

/// Writes `kind` and the named parts of `m` into `map`.
fn entries<M: SerializeMap>(m: &Message<'_>, map: &mut M) -> Result<(), M::Error> {
    map.serialize_entry("kind", m.kind())?;
    for (k, v) in &parts(m) {
        map.serialize_entry(k, v)?;
    }
    Ok(())
}

impl Serialize for Message<'_> {
    /// `{"kind": "created", "object": "ticket", "id": 7}`: the kind in snake
    /// case ([`Message::kind`]), then the named parts, ids that are numbers as
    /// numbers, object types in lower case. ([`Message::Other`] has no part:
    /// its [`Notice`] carries the text.)
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        entries(self, &mut map)?;
        map.end()
    }
}

impl Serialize for Notice<'_> {
    /// The message's map ([`Message`]'s shape) with the `text` it was read
    /// from.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        entries(&self.message, &mut map)?;
        map.serialize_entry("text", &Bytes(self.text))?;
        map.end()
    }
}

impl Serialize for Reply<'_> {
    /// `{"code": 200, "reason": "Ok", "failure": false, "messages": […]}`;
    /// `code` and `reason` are `null` without a status line.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(4))?;
        map.serialize_entry("code", &self.status.map(|st| st.code()))?;
        map.serialize_entry("reason", &self.status.map(|st| st.reason()))?;
        map.serialize_entry("failure", &self.is_failure())?;
        map.serialize_entry("messages", &self.messages)?;
        map.end()
    }
}

fn id(s: &str) -> Part<'_> {
    match s.parse::<u64>() {
        Ok(n) => Part::Num(n),
        Err(_) => Part::Str(Cow::Borrowed(s)),
    }
}

fn obj(s: &str) -> Part<'_> {
    Part::Str(Cow::Owned(s.to_ascii_lowercase()))
}

fn s(s: &str) -> Part<'_> {
    Part::Str(Cow::Borrowed(s))
}

/// The named parts of a message (none for those without).
fn parts<'a>(m: &Message<'a>) -> Vec<(&'static str, Part<'a>)> {
    match *m {
        Message::Created { object, id: i }
        | Message::Updated { object, id: i }
        | Message::NotFound { object, id: i } => vec![("object", obj(object)), ("id", id(i))],
        Message::NoSuchName { object, name } => vec![("object", obj(object)), ("name", s(name))],
        Message::PermissionDenied { action, ticket } => {
            vec![("action", s(action)), ("ticket", id(ticket))]
        }
        Message::CouldNotCreate { object, reason } => {
            vec![("object", obj(object)), ("reason", s(reason))]
        }
        Message::InvalidCustomFieldName { name } => vec![("name", s(name))],
        Message::UnknownField { key }
        | Message::UnknownCustomField { key }
        | Message::OnlyOneValue { key } => vec![("key", s(key))],
        Message::FieldError { key, message } => vec![("key", s(key)), ("message", s(message))],
        Message::Required { keys } => vec![("keys", s(keys))],
        Message::LinksUpdated { ticket } => vec![("ticket", id(ticket))],
        Message::HistoryHeader {
            matched,
            total,
            args,
        } => vec![
            ("matched", Part::Num(matched)),
            ("total", Part::Num(total)),
            ("args", s(args)),
        ],
        _ => more_parts(m),
    }
}

/// The named parts of the messages [`parts`] leaves to this one.
fn more_parts<'a>(m: &Message<'a>) -> Vec<(&'static str, Part<'a>)> {
    match *m {
        Message::NotRelated {
            transaction,
            ticket,
        } => vec![("transaction", id(transaction)), ("ticket", id(ticket))],
        Message::InvalidAttachmentId { id: i } => vec![("id", id(i))],
        Message::InvalidAction { action } => vec![("action", s(action))],
        Message::NoAttachment { name } => vec![("name", s(name))],
        Message::OwnerChanged { from, to } => vec![("from", s(from)), ("to", s(to))],
        Message::TakeRefused { message }
        | Message::InvalidTicketId { message }
        | Message::StatusMessage { message } => vec![("message", s(message))],
        Message::LinkChanged {
            created,
            base,
            relation,
            target,
            message,
        } => vec![
            ("created", Part::Bool(created)),
            ("base", id(base)),
            ("relation", s(relation)),
            ("target", id(target)),
            ("message", s(message)),
        ],
        Message::InvalidLink { relation } => vec![("relation", s(relation))],
        Message::UnknownObjectType { object }
        | Message::NumericIdRequired { object }
        | Message::CannotModifyCustomFields { object } => vec![("object", obj(object))],
        Message::InvalidObjectSpec { spec } => vec![("spec", s(spec))],
        Message::SyntaxError { echoed, rejected } => {
            vec![
                ("echoed", Part::Bytes(echoed)),
                ("rejected", Part::Bytes(rejected)),
            ]
        }
        Message::InvalidObjectId { id: i } | Message::InvalidObjectIdSpecified { id: i } => {
            vec![("id", s(i))]
        }
        Message::InvalidFieldSpec { fields } => vec![("fields", s(fields))],
        Message::UnknownListingFormat { format } => vec![("format", s(format))],
        Message::InvalidQuery { text } => vec![("error", s(text))],
        Message::InvalidOperator { operator } => vec![("operator", s(operator))],
        Message::InvalidQuerySpec { query } => vec![("query", s(query))],
        Message::ErrorText { first_line } => vec![("first_line", Part::Bytes(first_line))],
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::Message as M;

    /// Each message serializes its own parts under their names (the `kind`
    /// aside): ids that are numbers as numbers, object types in lower case.
    fn check<const N: usize>(cases: [(M<'_>, Value); N]) {
        for (m, want) in cases {
            let mut v = serde_json::to_value(m).unwrap();
            let Value::Object(map) = &mut v else {
                panic!("{v}")
            };
            assert_eq!(map.remove("kind"), Some(Value::from(m.kind())));
            assert_eq!(v, want, "{m:?}");
        }
    }

    #[test]
    fn object_and_field_messages_name_their_parts() {
        check([
            (
                M::Created {
                    object: "Ticket",
                    id: "7",
                },
                json!({"object": "ticket", "id": 7}),
            ),
            (
                M::NoSuchName {
                    object: "User",
                    name: "bob",
                },
                json!({"object": "user", "name": "bob"}),
            ),
            (
                M::PermissionDenied {
                    action: "modify",
                    ticket: "3",
                },
                json!({"action": "modify", "ticket": 3}),
            ),
            (
                M::CouldNotCreate {
                    object: "ticket",
                    reason: "r",
                },
                json!({"object": "ticket", "reason": "r"}),
            ),
            (
                M::InvalidCustomFieldName { name: "X" },
                json!({"name": "X"}),
            ),
            (M::OnlyOneValue { key: "Queue" }, json!({"key": "Queue"})),
            (
                M::FieldError {
                    key: "Due",
                    message: "bad",
                },
                json!({"key": "Due", "message": "bad"}),
            ),
            (M::Required { keys: "Name" }, json!({"keys": "Name"})),
            (M::LinksUpdated { ticket: "4" }, json!({"ticket": 4})),
            (
                M::HistoryHeader {
                    matched: 1,
                    total: 2,
                    args: "id/5",
                },
                json!({"matched": 1, "total": 2, "args": "id/5"}),
            ),
            (M::MergeCompleted, json!({})),
        ]);
    }

    #[test]
    fn action_and_link_messages_name_their_parts() {
        check([
            (
                M::NotRelated {
                    transaction: "59",
                    ticket: "1",
                },
                json!({"transaction": 59, "ticket": 1}),
            ),
            (M::InvalidAttachmentId { id: "99" }, json!({"id": 99})),
            (M::InvalidAction { action: "fly" }, json!({"action": "fly"})),
            (M::NoAttachment { name: "a.txt" }, json!({"name": "a.txt"})),
            (
                M::OwnerChanged {
                    from: "Nobody",
                    to: "root",
                },
                json!({"from": "Nobody", "to": "root"}),
            ),
            (M::TakeRefused { message: "m" }, json!({"message": "m"})),
            (
                M::InvalidLink { relation: "Foo" },
                json!({"relation": "Foo"}),
            ),
            (
                M::NumericIdRequired { object: "Ticket" },
                json!({"object": "ticket"}),
            ),
            (M::InvalidObjectSpec { spec: "x/y" }, json!({"spec": "x/y"})),
        ]);
        let link = M::LinkChanged {
            created: true,
            base: "1",
            relation: "DependsOn",
            target: "2",
            message: "m",
        };
        check([(
            link,
            json!({"created": true, "base": 1, "relation": "DependsOn", "target": 2, "message": "m"}),
        )]);
    }

    #[test]
    fn request_and_search_messages_name_their_parts() {
        check([
            (
                M::SyntaxError {
                    echoed: b"id: 1\n",
                    rejected: b"",
                },
                json!({"echoed": "id: 1\n", "rejected": ""}),
            ),
            (
                M::InvalidObjectIdSpecified { id: "abc" },
                json!({"id": "abc"}),
            ),
            (
                M::InvalidFieldSpec { fields: "a,b" },
                json!({"fields": "a,b"}),
            ),
            (
                M::UnknownListingFormat { format: "q" },
                json!({"format": "q"}),
            ),
            (
                M::InvalidQuery {
                    text: "Wrong query",
                },
                json!({"error": "Wrong query"}),
            ),
            (
                M::InvalidOperator { operator: "~~" },
                json!({"operator": "~~"}),
            ),
            (M::InvalidQuerySpec { query: "x" }, json!({"query": "x"})),
            (
                M::ErrorText {
                    first_line: b"<html>",
                },
                json!({"first_line": "<html>"}),
            ),
        ]);
    }
}
