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
use rt_wire::{Framing, ParseOptions, parse_response_with};

/// The kinds `--as` accepts.
pub const KINDS: &[&str] = &[
    "ticket",
    "links",
    "attachments",
    "attachment",
    "content",
    "history",
    "history-long",
    "search",
    "user",
    "queue",
    "group",
    "transaction",
    "message",
];

/// Parses `input` as the response shape `kind` and writes its JSON (for
/// `content`: the attachment's bytes) to `stdout`.
///
/// # Errors
/// An unknown kind, a body that does not parse, a body of another shape, or
/// RT's refusal, as a message for the user.
pub fn run_as(kind: &str, input: &[u8], stdout: &mut dyn Write) -> Result<(), String> {
    let framing = match kind {
        "content" => Framing::Content,
        "search" => Framing::Search,
        k if KINDS.contains(&k) => Framing::Object,
        k => {
            return Err(format!(
                "unknown kind `{k}`; expected one of: {}",
                KINDS.join(", ")
            ));
        }
    };
    let response = parse_response_with(input, &ParseOptions::new().framing(framing))
        .map_err(|e| format!("not an RT response: {e}"))?;
    let mut j = Json::default();
    let fail = |e: ViewError<'_>| match e {
        ViewError::Server(e) => format!("{e}"),
        ViewError::Shape(e) => format!("not a `{kind}` response: {e}"),
        other => format!("{other}"),
    };
    let value = |e: rt_wire::ParseError| format!("malformed value: {e}");
    match kind {
        "content" => {
            let c = AttachmentContent::from_response(&response).map_err(fail)?;
            return stdout.write_all(c.bytes).map_err(|e| e.to_string());
        }
        "ticket" => {
            let list = TicketList::from_response(&response).map_err(fail)?;
            j.open('{');
            j.key("tickets");
            j.open('[');
            for t in &list.tickets {
                j.item();
                record(
                    &mut j,
                    t.record(),
                    "ticket",
                    &["Requestors", "Cc", "AdminCc"],
                )
                .map_err(value)?;
            }
            j.close(']');
            j.key("messages");
            messages(&mut j, &Reply::from_response(&response));
            j.close('}');
        }
        "links" => {
            let l = Links::from_response(&response).map_err(fail)?;
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
        }
        "attachments" => {
            let l = AttachmentList::from_response(&response).map_err(fail)?;
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
        }
        "attachment" => {
            let a = Attachment::from_response(&response).map_err(fail)?;
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
            opt_num(&mut j, a.transaction().map_err(value)?);
            j.key("parent");
            opt_num(&mut j, a.parent().map_err(value)?);
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
        }
        "history" => {
            let h = History::from_response(&response).map_err(fail)?;
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
        }
        "history-long" | "transaction" => {
            let h = LongHistory::from_response(&response).map_err(fail)?;
            j.open('{');
            j.key("entries");
            j.open('[');
            for e in &h.entries {
                j.item();
                entry(&mut j, e).map_err(value)?;
            }
            j.close(']');
            j.close('}');
        }
        "search" => {
            let s = SearchResults::from_response(&response).map_err(fail)?;
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
        }
        "user" | "queue" | "group" => {
            let rec = match kind {
                "user" => User::from_response(&response).map(|u| u.record().clone()),
                "queue" => Queue::from_response(&response).map(|q| q.record().clone()),
                _ => Group::from_response(&response).map(|g| g.record().clone()),
            }
            .map_err(fail)?;
            record(&mut j, &rec, kind, &["Members"]).map_err(value)?;
        }
        _ => {
            // "message"
            let reply = Reply::from_response(&response);
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
            messages(&mut j, &reply);
            j.close('}');
        }
    }
    j.out.push('\n');
    stdout
        .write_all(j.out.as_bytes())
        .map_err(|e| e.to_string())
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

/// RT's field name in snake case: `AdminCc` → `admin_cc`, `SLADisabled` →
/// `sla_disabled`, `CF-Queue Note` → `cf_queue_note`.
fn snake(key: &[u8]) -> String {
    let mut out = String::with_capacity(key.len() + 4);
    let text = String::from_utf8_lossy(key);
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_uppercase() {
            let prev = i.checked_sub(1).map(|p| chars[p]);
            let next = chars.get(i + 1);
            let boundary = prev.is_some_and(|p| p.is_lowercase() || p.is_ascii_digit())
                || (prev.is_some_and(char::is_uppercase) && next.is_some_and(|n| n.is_lowercase()));
            if boundary && !out.ends_with('_') {
                out.push('_');
            }
            out.extend(c.to_lowercase());
        } else if c == '-' || c == ' ' || c == '.' {
            if !out.ends_with('_') && !out.is_empty() {
                out.push('_');
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A minimal JSON writer: tracks whether a comma is needed.
#[derive(Default)]
struct Json {
    out: String,
    first: bool,
}

impl Json {
    fn open(&mut self, c: char) {
        self.out.push(c);
        self.first = true;
    }
    fn close(&mut self, c: char) {
        self.out.push(c);
        self.first = false;
    }
    /// Starts an array element.
    fn item(&mut self) {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
    }
    fn key(&mut self, k: &str) {
        self.key_bytes(k.as_bytes());
    }
    fn key_bytes(&mut self, k: &[u8]) {
        self.item();
        // Object keys must be strings: not-UTF-8 keys are written lossily.
        self.string(&String::from_utf8_lossy(k));
        self.out.push(':');
        self.first = true;
    }
    fn raw(&mut self, s: &str) {
        self.out.push_str(s);
        self.first = false;
    }
    fn num(&mut self, n: u64) {
        self.raw(&n.to_string());
    }
    /// A string, or `{"base64": …}` for bytes that are not UTF-8.
    fn bytes(&mut self, b: &[u8]) {
        match std::str::from_utf8(b) {
            Ok(s) => self.string(s),
            Err(_) => {
                self.out.push_str("{\"base64\":\"");
                base64(b, &mut self.out);
                self.out.push_str("\"}");
            }
        }
        self.first = false;
    }
    fn string(&mut self, s: &str) {
        self.out.push('"');
        for c in s.chars() {
            match c {
                '"' => self.out.push_str("\\\""),
                '\\' => self.out.push_str("\\\\"),
                '\n' => self.out.push_str("\\n"),
                '\r' => self.out.push_str("\\r"),
                '\t' => self.out.push_str("\\t"),
                c if u32::from(c) < 0x20 || c == '\u{7f}' => {
                    self.out.push_str(&format!("\\u{:04x}", u32::from(c)));
                }
                c => self.out.push(c),
            }
        }
        self.out.push('"');
        self.first = false;
    }
}

/// Standard base64 with padding.
fn base64(b: &[u8], out: &mut String) {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for chunk in b.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, &x)| acc | (u32::from(x) << (16 - 8 * i)));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(A[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(kind: &str, body: &[u8]) -> Result<String, String> {
        let mut out = Vec::new();
        run_as(kind, body, &mut out)?;
        Ok(String::from_utf8(out).unwrap())
    }

    #[test]
    fn snake_case_keys() {
        for (k, s) in [
            ("AdminCc", "admin_cc"),
            ("LastUpdated", "last_updated"),
            ("SLADisabled", "sla_disabled"),
            ("id", "id"),
            ("CF-Queue Note", "cf_queue_note"),
            ("Address1", "address1"),
            ("DependedOnBy", "depended_on_by"),
        ] {
            assert_eq!(snake(k.as_bytes()), s);
        }
    }

    #[test]
    fn base64_known_answers() {
        for (i, o) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
        ] {
            let mut s = String::new();
            base64(i.as_bytes(), &mut s);
            assert_eq!(s, o);
        }
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
        assert!(run("bogus", b"").unwrap_err().contains("unknown kind"));
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
