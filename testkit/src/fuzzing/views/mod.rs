//! Oracles of the typed views. Each builds its view from every parse of the
//! input and then calls every accessor, asserting that
//!
//! * every slice a view hands out (keys, raw values, list items, names,
//!   content types, sizes as printed, notices, header names) lies inside the
//!   input;
//! * every error (a shape error of the view, a value error of an accessor)
//!   points into the input with a consistent line and column;
//! * the value parsers agree with their printers and with each other: a date
//!   prints as SQL text that parses back to it, a size prints as text that
//!   reads back to it and its byte range is exactly the sizes RT prints that
//!   way, an object id prints as its text, a status or transaction type gives
//!   its word back, `number` and `optional_number` agree, `to_str` is the UTF-8 of
//!   `to_bytes`;
//! * an attachment's `original_bytes` re-encode to the content RT sent
//!   (Latin-1 → UTF-8 where it reports a conversion, unchanged otherwise);
//! * lookups (`get`, `custom_field`, `header`, a search row's `get`) return
//!   the first matching entry of the full listing.

use std::fmt;

use rt_wire::parse_response_with;
use rt_wire::views::{
    Attachment, AttachmentContent, AttachmentList, Group, History, Links, LongHistory, Queue,
    Relation, Reply, SearchResults, Template, Ticket, TicketList, TicketStatus, TransactionType,
    User, ViewError, parse_size,
};

mod ck;

use ck::{Ck, LOOKUPS};

fn ticket_list(ck: &Ck<'_>, v: &TicketList<'_>) {
    for n in &v.messages {
        ck.notice(n);
    }
    for t in &v.tickets {
        ck.record(t.record());
        let _ = ck.ok(t.id());
        for f in [t.queue(), t.owner(), t.creator(), t.subject()]
            .into_iter()
            .flatten()
        {
            ck.raw(&f);
        }
        if let Some(Some(s)) = ck.ok(t.status()) {
            assert_eq!(TicketStatus::parse(s.as_str()), s);
            if let TicketStatus::Other(w) = s {
                ck.slice(w.as_bytes(), "status");
            }
        }
        for key in ["Priority", "InitialPriority", "FinalPriority"] {
            let _ = ck.ok(t.priority(key));
        }
        for item in [t.requestors(), t.cc(), t.admin_cc()].iter().flatten() {
            ck.slice(item, "watcher");
        }
        for key in Ticket::DATES {
            if let Some(Some(d)) = ck.ok(t.date(key)) {
                ck.date(d);
            }
        }
        for key in Ticket::DURATIONS {
            let _ = ck.ok(t.minutes(key));
        }
        for c in t.custom_fields() {
            ck.custom_field(&c);
            if let Some(name) = c.name_str() {
                assert!(t.custom_field(name).is_some());
            }
        }
    }
}

fn template(ck: &Ck<'_>, v: &Template<'_>) {
    for r in &v.required {
        ck.slice(r.as_bytes(), "required key");
    }
    ck.record(&v.record);
    if let Some(k) = v.kind() {
        ck.slice(k.as_bytes(), "template kind");
    }
}

fn links(ck: &Ck<'_>, v: &Links<'_>) {
    ck.record(v.record());
    let _ = ck.ok(v.ticket());
    for rel in Relation::ALL {
        if let Some(targets) = ck.ok(v.get(rel)) {
            for l in &targets {
                ck.link(l);
            }
        }
    }
}

fn attachment_list(ck: &Ck<'_>, v: &AttachmentList<'_>) {
    for item in &v.items {
        if let Some(name) = item.name {
            ck.slice(name, "attachment name");
        }
        ck.slice(item.content_type.as_bytes(), "content type");
        ck.slice(item.size_text.as_bytes(), "size text");
        assert_eq!(
            parse_size(item.size_text.as_bytes()).ok(),
            Some(item.size),
            "size of {}; {}",
            item.size_text,
            ck.ctx()
        );
        ck.size(item.size);
    }
}

/// Latin-1 bytes as UTF-8: RT's re-encoding that `original_bytes` undoes.
fn latin1_to_utf8(b: &[u8]) -> Vec<u8> {
    b.iter()
        .map(|&c| char::from(c))
        .collect::<String>()
        .into_bytes()
}

fn attachment(ck: &Ck<'_>, v: &Attachment<'_>) {
    ck.record(v.record());
    let _ = (ck.ok(v.id()), ck.ok(v.parent()), ck.ok(v.transaction()));
    if let Some(f) = v.filename() {
        ck.raw(&f);
    }
    if let Some(t) = v.content_type() {
        ck.slice(t.as_bytes(), "content type");
    }
    assert_eq!(
        v.is_text(),
        v.content_type()
            .is_some_and(|t| t.to_ascii_lowercase().starts_with("text/"))
    );
    let headers = v.headers();
    for (i, h) in headers.iter().enumerate() {
        ck.slice(h.name, "header name");
        ck.cow(&h.value, "header value");
        if i >= LOOKUPS {
            continue;
        }
        if let Ok(name) = std::str::from_utf8(h.name) {
            let first = headers
                .iter()
                .find(|g| g.name.eq_ignore_ascii_case(h.name))
                .map(|g| g.value.clone());
            assert_eq!(v.header(name), first, "header({name}); {}", ck.ctx());
        }
    }
    let content = ck.ok(v.content());
    if let Some(c) = &content {
        ck.raw(c);
    }
    let placeholder = v.is_placeholder();
    match v.original_bytes() {
        Ok(o) => {
            assert!(!placeholder, "original bytes of a placeholder");
            let sent = content.expect("original bytes without content").to_bytes();
            if o.converted {
                assert_eq!(
                    latin1_to_utf8(&o.bytes),
                    &sent[..],
                    "original bytes do not re-encode to the content; {}",
                    ck.ctx()
                );
            } else {
                assert_eq!(&o.bytes[..], &sent[..], "unconverted original bytes");
            }
            ck.cow(&o.bytes, "original bytes");
        }
        Err(e) => ck.error(&e),
    }
}

fn history(ck: &Ck<'_>, v: &History<'_>) {
    ck.slice(v.header.args.as_bytes(), "history args");
    for e in &v.entries {
        ck.raw(&e.description);
        assert_eq!(
            rt_wire::views::parse_number(e.description.key()).ok(),
            Some(e.id),
            "history line id; {}",
            ck.ctx()
        );
    }
}

fn long_history(ck: &Ck<'_>, v: &LongHistory<'_>) {
    for e in &v.entries {
        if let Some(h) = &e.header {
            ck.slice(h.args.as_bytes(), "history args");
        }
        ck.record(&e.record);
        let _ = (ck.ok(e.id()), ck.ok(e.ticket()), ck.ok(e.time_taken()));
        if let Some(k) = e.kind() {
            assert_eq!(TransactionType::parse(k.as_str()), k);
            if let TransactionType::Other(w) = k {
                ck.slice(w.as_bytes(), "transaction type");
            }
        }
        for f in [e.description(), e.content()].into_iter().flatten() {
            ck.raw(&f);
        }
        if let Some(atts) = ck.ok(e.attachments()) {
            for a in &atts {
                ck.slice(a.name, "attachment name");
                ck.slice(a.size_text.as_bytes(), "size text");
                assert_eq!(parse_size(a.size_text.as_bytes()).ok(), Some(a.size));
                ck.size(a.size);
            }
        }
    }
}

fn search_results(ck: &Ck<'_>, v: &SearchResults<'_>) {
    for h in &v.header {
        ck.slice(h, "table header");
    }
    for n in &v.messages {
        ck.notice(n);
    }
    for row in &v.rows {
        if let Some(k) = row.kind {
            ck.slice(k.as_bytes(), "row kind");
        }
        if let Some(s) = &row.summary {
            ck.cow(s, "row summary");
        }
        for (i, (k, val)) in row.fields.iter().enumerate() {
            ck.slice(k, "row key");
            ck.cow(val, "row value");
            if i >= LOOKUPS {
                continue;
            }
            if let Ok(key) = std::str::from_utf8(k) {
                let first = row
                    .fields
                    .iter()
                    .find(|(j, _)| j.eq_ignore_ascii_case(k))
                    .map(|(_, w)| w);
                assert_eq!(row.get(key), first, "row get({key}); {}", ck.ctx());
            }
        }
    }
}

macro_rules! object_checks {
    ($ck:ident, $v:ident) => {{
        $ck.record($v.record());
        let _ = ($ck.ok($v.id()), $ck.ok($v.disabled()));
        if let Some(n) = $v.name() {
            $ck.raw(&n);
        }
        for c in $v.custom_fields() {
            $ck.custom_field(&c);
        }
    }};
}

fn user(ck: &Ck<'_>, v: &User<'_>) {
    object_checks!(ck, v);
    for f in [v.email_address(), v.real_name()].into_iter().flatten() {
        ck.raw(&f);
    }
    let _ = ck.ok(v.privileged());
}

fn queue(ck: &Ck<'_>, v: &Queue<'_>) {
    object_checks!(ck, v);
    if let Some(d) = v.description() {
        ck.raw(&d);
    }
}

fn group(ck: &Ck<'_>, v: &Group<'_>) {
    object_checks!(ck, v);
    if let Some(d) = v.description() {
        ck.raw(&d);
    }
    for m in v.members() {
        ck.slice(m, "group member");
    }
}

fn attachment_content(ck: &Ck<'_>, v: &AttachmentContent<'_>) {
    ck.slice(v.bytes, "attachment content");
}

/// Runs `check` on the view `build` makes from every parse of `data`.
fn each_view<'a, T: fmt::Debug>(
    data: &'a [u8],
    build: impl for<'r> Fn(&'r rt_wire::Response<'a>) -> Result<T, ViewError<'a>>,
    check: impl Fn(&Ck<'_>, &T),
) {
    for (opts, input) in super::cases(data) {
        if let Ok(r) = parse_response_with(input, &opts) {
            let ck = Ck::new(input, &opts);
            if let Some(v) = ck.view(build(&r)) {
                check(&ck, &v);
            }
        }
    }
}

macro_rules! view_oracles {
    ($($(#[$m:meta])* $name:ident => $ty:ident, $check:ident;)*) => {$(
        $(#[$m])*
        ///
        /// Every accessor of the view is called; see the module for the
        /// invariants.
        pub fn $name(data: &[u8]) {
            each_view(data, |r| $ty::from_response(r), $check);
        }
    )*};
}

view_oracles! {
    /// `views::TicketList` (ticket show, search `format=l`).
    view_ticket_list => TicketList, ticket_list;
    /// `views::Template` (`…/new`).
    view_template => Template, template;
    /// `views::Links`.
    view_links => Links, links;
    /// `views::AttachmentList`.
    view_attachment_list => AttachmentList, attachment_list;
    /// `views::Attachment` (one attachment with headers and content).
    view_attachment => Attachment, attachment;
    /// `views::AttachmentContent` (raw content).
    view_attachment_content => AttachmentContent, attachment_content;
    /// `views::History`.
    view_history => History, history;
    /// `views::LongHistory`.
    view_long_history => LongHistory, long_history;
    /// `views::SearchResults`.
    view_search_results => SearchResults, search_results;
    /// `views::User`.
    view_user => User, user;
    /// `views::Queue`.
    view_queue => Queue, queue;
    /// `views::Group`.
    view_group => Group, group;
}

/// `views::Reply` (answers to writes, every refusal): every notice lies
/// inside the input, `created_id` is the first `Created` message's id, and
/// `check` fails exactly when `is_failure`.
pub fn view_reply(data: &[u8]) {
    for (opts, input) in super::cases(data) {
        if let Ok(r) = parse_response_with(input, &opts) {
            let ck = Ck::new(input, &opts);
            let reply = Reply::from_response(&r);
            for n in &reply.messages {
                ck.notice(n);
            }
            let created = reply
                .messages
                .iter()
                .filter(|n| matches!(n.message, rt_wire::views::Message::Created { .. }))
                .find_map(|n| n.message.id_number());
            assert_eq!(reply.created_id(), created, "created_id");
            let _ = reply.status_kind();
            let failure = reply.is_failure();
            match reply.check() {
                Ok(_) => assert!(!failure, "check passed a failure; {}", ck.ctx()),
                Err(e) => {
                    assert!(failure, "check failed a success; {}", ck.ctx());
                    ck.server(&e);
                }
            }
        }
    }
}
