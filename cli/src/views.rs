//! `rt-wire parse --as KIND`: a response body → the typed view as JSON.
//!
//! The JSON is written by hand (no dependency): keys are RT's field names in
//! snake case (`AdminCc` → `admin_cc`), strings that are not UTF-8 are written
//! losslessly as `{"base64": "…"}`.

use std::borrow::Cow;
use std::io::Write;

use rt_wire::views::{
    Attachment, AttachmentContent, AttachmentList, Group, History, HistoryEntry, Links,
    LongHistory, Message, Queue, Record, Relation, Reply, SearchResults, TicketList, User,
    ViewError,
};
use rt_wire::{Framing, ParseOptions, Response, parse_response_with};

use crate::json::{Json, snake};

/// The kinds `--as` accepts.
#[derive(Clone, Copy, PartialEq, Eq, Debug, clap::ValueEnum)]
pub enum Kind {
    /// `ticket/<n>`, `show?id=…`, search `format=l`: tickets and messages.
    Ticket,
    /// `ticket/<n>/links`.
    Links,
    /// `ticket/<n>/attachments`: the listing.
    Attachments,
    /// `ticket/<n>/attachments/<a>`, `attachment/<a>`.
    Attachment,
    /// `…/content`: the attachment's exact bytes, not JSON.
    Content,
    /// `ticket/<n>/history`.
    History,
    /// `…/history?format=l`, `…/history/id/<t>`.
    HistoryLong,
    /// `search/…`.
    Search,
    /// `user/<u>`.
    User,
    /// `queue/<q>`.
    Queue,
    /// `group/<g>`.
    Group,
    /// `transaction/<t>`.
    Transaction,
    /// Any answer: RT's code and its messages.
    Message,
}

impl Kind {
    /// The name `--as` takes (`history-long`).
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Kind::Ticket => "ticket",
            Kind::Links => "links",
            Kind::Attachments => "attachments",
            Kind::Attachment => "attachment",
            Kind::Content => "content",
            Kind::History => "history",
            Kind::HistoryLong => "history-long",
            Kind::Search => "search",
            Kind::User => "user",
            Kind::Queue => "queue",
            Kind::Group => "group",
            Kind::Transaction => "transaction",
            Kind::Message => "message",
        }
    }
}

/// Parses `input` as the response shape `kind` and writes its JSON (for
/// `content`: the attachment's bytes) to `stdout`.
///
/// # Errors
/// A body that does not parse, a body of another shape, or RT's refusal, as
/// a message for the user.
pub fn run_as(kind: Kind, input: &[u8], stdout: &mut dyn Write) -> Result<(), String> {
    let framing = match kind {
        Kind::Content => Framing::Content,
        Kind::Search => Framing::Search,
        _ => Framing::Object,
    };
    let response = parse_response_with(input, &ParseOptions::new().framing(framing))
        .map_err(|e| format!("not an RT response: {e}"))?;
    let mut j = Json::default();
    let name = kind.name();
    match kind {
        Kind::Content => {
            let c = AttachmentContent::from_response(&response).map_err(|e| fail(name, e))?;
            return stdout.write_all(c.bytes).map_err(|e| e.to_string());
        }
        Kind::Ticket => ticket_json(&mut j, name, &response)?,
        Kind::Links => links_json(&mut j, name, &response)?,
        Kind::Attachments => attachments_json(&mut j, name, &response)?,
        Kind::Attachment => attachment_json(&mut j, name, &response)?,
        Kind::History => history_json(&mut j, name, &response)?,
        Kind::HistoryLong | Kind::Transaction => long_history_json(&mut j, name, &response)?,
        Kind::Search => search_json(&mut j, name, &response)?,
        Kind::User | Kind::Queue | Kind::Group => record_kind_json(&mut j, name, &response)?,
        Kind::Message => message_json(&mut j, &response)?,
    }
    j.out.push('\n');
    stdout
        .write_all(j.out.as_bytes())
        .map_err(|e| e.to_string())
}

/// RT's refusal, or a body of another shape than `kind`, for the user.
fn fail(kind: &str, e: ViewError<'_>) -> String {
    match e {
        ViewError::Server(e) => format!("{e}"),
        ViewError::Shape(e) => format!("not a `{kind}` response: {e}"),
        other => format!("{other}"),
    }
}

/// A value that does not have RT's format, for the user.
fn value(e: rt_wire::ParseError) -> String {
    format!("malformed value: {e}")
}

/// The JSON of `--as ticket`.
fn ticket_json(j: &mut Json, kind: &str, response: &Response<'_>) -> Result<(), String> {
    let list = TicketList::from_response(response).map_err(|e| fail(kind, e))?;
    j.open('{');
    j.key("tickets");
    j.open('[');
    for t in &list.tickets {
        j.item();
        record(j, t.record(), "ticket", &["Requestors", "Cc", "AdminCc"]).map_err(value)?;
    }
    j.close(']');
    j.key("messages");
    messages(j, &Reply::from_response(response));
    j.close('}');
    Ok(())
}

/// The JSON of `--as links`.
fn links_json(j: &mut Json, kind: &str, response: &Response<'_>) -> Result<(), String> {
    let l = Links::from_response(response).map_err(|e| fail(kind, e))?;
    j.open('{');
    j.key("id");
    j.num(l.ticket().map_err(value)?);
    for r in Relation::ALL {
        j.key(&snake(r.key().as_bytes()));
        j.open('[');
        for v in l.record().get_all(r.key()) {
            for item in v.items() {
                j.item();
                j.bytes(item);
            }
        }
        j.close(']');
    }
    j.close('}');
    Ok(())
}

/// The JSON of `--as attachments`.
fn attachments_json(j: &mut Json, kind: &str, response: &Response<'_>) -> Result<(), String> {
    let l = AttachmentList::from_response(response).map_err(|e| fail(kind, e))?;
    j.open('{');
    j.key("attachments");
    j.open('[');
    for a in &l.items {
        j.item();
        j.open('{');
        j.key("id");
        j.num(a.id);
        j.key("name");
        match a.name {
            Some(n) => j.bytes(n),
            None => j.raw("null"),
        }
        j.key("content_type");
        j.bytes(a.content_type.as_bytes());
        j.key("size");
        j.bytes(a.size_text.as_bytes());
        j.close('}');
    }
    j.close(']');
    j.close('}');
    Ok(())
}

/// The JSON of `--as attachment`.
fn attachment_json(j: &mut Json, kind: &str, response: &Response<'_>) -> Result<(), String> {
    let a = Attachment::from_response(response).map_err(|e| fail(kind, e))?;
    j.open('{');
    j.key("id");
    j.num(a.id().map_err(value)?);
    for (key, rt) in [
        ("subject", "Subject"),
        ("filename", "Filename"),
        ("content_type", "ContentType"),
        ("content_encoding", "ContentEncoding"),
        ("creator", "Creator"),
        ("created", "Created"),
        ("message_id", "MessageId"),
    ] {
        j.key(key);
        match a.record().get(rt) {
            Some(v) => j.bytes(&v.to_bytes()),
            None => j.raw("null"),
        }
    }
    j.key("transaction");
    opt_num(j, a.transaction().map_err(value)?);
    j.key("parent");
    opt_num(j, a.parent().map_err(value)?);
    j.key("headers");
    j.open('[');
    for h in a.headers() {
        j.item();
        j.open('{');
        j.key("name");
        j.bytes(h.name);
        j.key("value");
        j.bytes(&h.value);
        j.close('}');
    }
    j.close(']');
    j.key("content");
    j.bytes(&a.content().map_err(value)?.to_bytes());
    j.key("original");
    match a.original_bytes() {
        Ok(o) => j.bytes(&o.bytes),
        Err(_) => j.raw("null"),
    }
    j.close('}');
    Ok(())
}

/// The JSON of `--as history`.
fn history_json(j: &mut Json, kind: &str, response: &Response<'_>) -> Result<(), String> {
    let h = History::from_response(response).map_err(|e| fail(kind, e))?;
    j.open('{');
    j.key("matched");
    j.num(h.header.matched);
    j.key("total");
    j.num(h.header.total);
    j.key("entries");
    j.open('[');
    for e in &h.entries {
        j.item();
        j.open('{');
        j.key("id");
        j.num(e.id);
        j.key("description");
        j.bytes(&e.description.to_bytes());
        j.close('}');
    }
    j.close(']');
    j.close('}');
    Ok(())
}

/// The JSON of `--as history-long`, `--as transaction`.
fn long_history_json(j: &mut Json, kind: &str, response: &Response<'_>) -> Result<(), String> {
    let h = LongHistory::from_response(response).map_err(|e| fail(kind, e))?;
    j.open('{');
    j.key("entries");
    j.open('[');
    for e in &h.entries {
        j.item();
        entry(j, e).map_err(value)?;
    }
    j.close(']');
    j.close('}');
    Ok(())
}

/// The JSON of `--as search`.
fn search_json(j: &mut Json, kind: &str, response: &Response<'_>) -> Result<(), String> {
    let s = SearchResults::from_response(response).map_err(|e| fail(kind, e))?;
    j.open('{');
    j.key("tickets");
    j.open('[');
    for row in &s.rows {
        j.item();
        j.open('{');
        j.key("id");
        j.num(row.id);
        if let Some(k) = row.kind {
            j.key("type");
            j.bytes(k.as_bytes());
        }
        if let Some(s) = &row.summary {
            j.key("subject");
            j.bytes(s);
        }
        for (k, v) in &row.fields {
            j.key(&snake(k));
            j.bytes(v);
        }
        j.close('}');
    }
    j.close(']');
    j.close('}');
    Ok(())
}

/// The JSON of `--as user`, `--as queue`, `--as group`.
fn record_kind_json(j: &mut Json, kind: &str, response: &Response<'_>) -> Result<(), String> {
    let rec = match kind {
        "user" => User::from_response(response).map(|u| u.record().clone()),
        "queue" => Queue::from_response(response).map(|q| q.record().clone()),
        _ => Group::from_response(response).map(|g| g.record().clone()),
    }
    .map_err(|e| fail(kind, e))?;
    record(j, &rec, kind, &["Members"]).map_err(value)?;
    Ok(())
}

/// The JSON of `--as message`.
fn message_json(j: &mut Json, response: &Response<'_>) -> Result<(), String> {
    // "message"
    let reply = Reply::from_response(response);
    j.open('{');
    j.key("code");
    match reply.status {
        Some(s) => j.num(u64::from(s.code())),
        None => j.raw("null"),
    }
    j.key("reason");
    match reply.status {
        Some(s) => j.bytes(s.reason().as_bytes()),
        None => j.raw("null"),
    }
    j.key("failure");
    j.raw(if reply.is_failure() { "true" } else { "false" });
    j.key("messages");
    messages(j, &reply);
    j.close('}');
    Ok(())
}

fn opt_num(j: &mut Json, n: Option<u64>) {
    match n {
        Some(n) => j.num(n),
        None => j.raw("null"),
    }
}

/// A record as an object: `id` as a number where it is `<kind>/<n>`, list
/// keys as arrays, custom fields in `custom_fields` as arrays of values,
/// everything else as strings.
fn record(
    j: &mut Json,
    rec: &Record<'_>,
    kind: &str,
    lists: &[&str],
) -> Result<(), rt_wire::ParseError> {
    j.open('{');
    for f in rec.fields() {
        let key = f.key();
        if f.field().custom_field_name().is_some() {
            continue;
        }
        j.key(&snake(key));
        if key == b"id" {
            match f.id_number(kind) {
                Ok(n) => j.num(n),
                Err(_) => j.bytes(&f.to_bytes()),
            }
        } else if lists.iter().any(|l| l.as_bytes() == key) {
            j.open('[');
            for item in f.items() {
                j.item();
                j.bytes(item);
            }
            j.close(']');
        } else {
            j.bytes(&f.to_bytes());
        }
    }
    j.key("custom_fields");
    j.open('{');
    for cf in rec.custom_fields() {
        j.key_bytes(cf.name);
        j.open('[');
        for v in cf.values()? {
            j.item();
            j.bytes(v.as_bytes());
        }
        j.close(']');
    }
    j.close('}');
    j.close('}');
    Ok(())
}

fn entry(j: &mut Json, e: &HistoryEntry<'_>) -> Result<(), rt_wire::ParseError> {
    j.open('{');
    j.key("id");
    j.num(e.id()?);
    for f in e.record.fields() {
        let key = f.key();
        if key == b"id" || key == b"Attachments" {
            continue;
        }
        j.key(&snake(key));
        if key == b"Ticket" || key == b"TimeTaken" {
            match f.number() {
                Ok(n) => j.num(n),
                Err(_) => j.bytes(&f.to_bytes()),
            }
        } else {
            j.bytes(&f.to_bytes());
        }
    }
    if e.record.get("Attachments").is_some() {
        j.key("attachments");
        j.open('[');
        for a in e.attachments()? {
            j.item();
            j.open('{');
            j.key("id");
            j.num(a.id);
            j.key("name");
            j.bytes(a.name);
            j.key("size");
            j.bytes(a.size_text.as_bytes());
            j.close('}');
        }
        j.close(']');
    }
    j.close('}');
    Ok(())
}

fn messages(j: &mut Json, reply: &Reply<'_>) {
    j.open('[');
    for n in &reply.messages {
        j.item();
        j.open('{');
        j.key("kind");
        j.bytes(n.message.kind().as_bytes());
        for (k, v) in message_fields(&n.message) {
            j.key(k);
            match v {
                Field::Str(s) => j.bytes(s.as_bytes()),
                Field::Bytes(b) => j.bytes(b),
                Field::Num(n) => j.num(n),
                Field::Bool(b) => j.raw(if b { "true" } else { "false" }),
            }
        }
        j.key("text");
        j.bytes(n.text);
        j.close('}');
    }
    j.close(']');
}

enum Field<'a> {
    Str(Cow<'a, str>),
    Bytes(&'a [u8]),
    Num(u64),
    Bool(bool),
}

/// The named parts of a message; ids that are numbers as numbers, object
/// types in lower case.
fn message_fields<'a>(m: &Message<'a>) -> Vec<(&'static str, Field<'a>)> {
    let id = |s: &'a str| match s.parse::<u64>() {
        Ok(n) => Field::Num(n),
        Err(_) => Field::Str(Cow::Borrowed(s)),
    };
    let obj = |s: &'a str| Field::Str(Cow::Owned(s.to_ascii_lowercase()));
    let s = |s: &'a str| Field::Str(Cow::Borrowed(s));
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
            ("matched", Field::Num(matched)),
            ("total", Field::Num(total)),
            ("args", s(args)),
        ],
        _ => more_message_fields(m),
    }
}

/// The fields of the messages [`message_fields`] leaves to this one.
fn more_message_fields<'a>(m: &Message<'a>) -> Vec<(&'static str, Field<'a>)> {
    let id = |s: &'a str| match s.parse::<u64>() {
        Ok(n) => Field::Num(n),
        Err(_) => Field::Str(Cow::Borrowed(s)),
    };
    let obj = |s: &'a str| Field::Str(Cow::Owned(s.to_ascii_lowercase()));
    let s = |s: &'a str| Field::Str(Cow::Borrowed(s));
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
        | Message::StatusMessage { message } => {
            vec![("message", s(message))]
        }
        Message::LinkChanged {
            created,
            base,
            relation,
            target,
            message,
        } => vec![
            ("created", Field::Bool(created)),
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
                ("echoed", Field::Bytes(echoed)),
                ("rejected", Field::Bytes(rejected)),
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
        Message::ErrorText { first_line } => vec![("first_line", Field::Bytes(first_line))],
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(kind: &str, body: &[u8]) -> Result<String, String> {
        let kind = <Kind as clap::ValueEnum>::from_str(kind, false)?;
        let mut out = Vec::new();
        run_as(kind, body, &mut out)?;
        Ok(String::from_utf8(out).unwrap())
    }

    #[test]
    fn message_json() {
        let out = run("message", b"RT/5.0.3 200 Ok\n\n# Ticket 7 created.\n\n").unwrap();
        assert_eq!(
            out,
            "{\"code\":200,\"reason\":\"Ok\",\"failure\":false,\"messages\":[{\"kind\":\"created\",\"object\":\"ticket\",\"id\":7,\"text\":\"Ticket 7 created.\"}]}\n"
        );
        let out = run("message", b"").unwrap();
        assert_eq!(
            out,
            "{\"code\":null,\"reason\":null,\"failure\":false,\"messages\":[]}\n"
        );
    }

    #[test]
    fn kinds_and_errors() {
        assert!(run("bogus", b"").is_err());
        let e = run(
            "ticket",
            b"RT/5.0.3 200 Ok\n\n# Ticket 999 does not exist.\n\n\n",
        )
        .unwrap_err();
        assert!(e.contains("Ticket 999 does not exist."), "{e}");
        let e = run("user", b"RT/5.0.3 200 Ok\n\nid: ticket/1\n\n").unwrap_err();
        assert!(e.contains("not a `user` response"), "{e}");
        assert_eq!(run("content", b"").unwrap(), "");
        assert_eq!(run("attachments", b"").unwrap(), "{\"attachments\":[]}\n");
        let out = run(
            "ticket",
            b"RT/5.0.3 200 Ok\n\nid: ticket/1\nSubject: \xff\nCc: a@x, b@x\nCF.{T}: a,'b,c'\n\n",
        )
        .unwrap();
        assert_eq!(
            out,
            "{\"tickets\":[{\"id\":1,\"subject\":{\"base64\":\"/w==\"},\"cc\":[\"a@x\",\"b@x\"],\"custom_fields\":{\"T\":[\"a\",\"b,c\"]}}],\"messages\":[]}\n"
        );
    }
}
