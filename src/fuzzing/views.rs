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

use alloc::borrow::Cow;
use alloc::format;
use alloc::string::ToString;
use alloc::vec::Vec;
use core::fmt;

use super::{Show, inside};
use crate::ParseError;
use crate::options::ParseOptions;
use crate::response::parse_response_with;
use crate::views::{
    Attachment, AttachmentContent, AttachmentList, CustomField, Group, History, LinkTarget, Links,
    LongHistory, Notice, Queue, RawValue, Record, Relation, Reply, RtDate, SearchResults,
    ServerError, Size, Template, Ticket, TicketList, TicketStatus, TransactionType, User,
    ViewError, parse_date, parse_object_ref, parse_size,
};

/// The input and options of one case, for the checks and their messages.
struct Ck<'i> {
    input: &'i [u8],
    opts: &'i ParseOptions,
    /// Offsets of the input's LFs, so that checking the many value errors of
    /// a large input stays linear.
    lfs: Vec<usize>,
}

impl<'i> Ck<'i> {
    fn new(input: &'i [u8], opts: &'i ParseOptions) -> Self {
        let lfs = memchr::memchr_iter(b'\n', input).collect();
        Ck { input, opts, lfs }
    }

    fn ctx(&self) -> alloc::string::String {
        format!("{:?} on {}", self.opts, Show(self.input))
    }

    /// A non-empty slice lies inside the input (an empty one may be any
    /// empty slice: a view has no position to report for it).
    #[track_caller]
    fn slice(&self, part: &[u8], what: &str) {
        assert!(
            part.is_empty() || inside(self.input, part),
            "{what} {} is not a slice of the input; {}",
            Show(part),
            self.ctx()
        );
    }

    /// A borrowed decoding lies inside the input; an owned one may not.
    #[track_caller]
    #[allow(clippy::ptr_arg, reason = "which variant it is matters here")]
    fn cow(&self, part: &Cow<'_, [u8]>, what: &str) {
        if let Cow::Borrowed(b) = part {
            self.slice(b, what);
        }
    }

    /// The error's offset is within the input and its line and column match
    /// the offset (as `check_error` of the parse oracle, with a line table).
    fn error(&self, e: &ParseError) {
        let at = e.offset();
        assert!(
            at <= self.input.len(),
            "error offset {at} past the end: {e}; {}",
            self.ctx()
        );
        let before = self.lfs.partition_point(|&p| p < at);
        let line_start = if before == 0 {
            0
        } else {
            self.lfs[before - 1] + 1
        };
        assert_eq!(e.line(), before + 1, "error line: {e}; {}", self.ctx());
        assert_eq!(
            e.column(),
            at - line_start + 1,
            "error column: {e}; {}",
            self.ctx()
        );
        assert!(!e.expected().is_empty(), "error without expectation: {e}");
        let _ = format!("{e}");
    }

    /// `Some` of the value, or `None` after checking the error.
    fn ok<T>(&self, r: Result<T, ParseError>) -> Option<T> {
        r.map_err(|e| self.error(&e)).ok()
    }

    fn notice(&self, n: &Notice<'_>) {
        self.slice(n.text, "notice text");
        assert!(
            n.offset <= self.input.len(),
            "notice offset {} past the end; {}",
            n.offset,
            self.ctx()
        );
        let _ = (
            n.message.kind(),
            n.message.is_failure(),
            n.message.id_number(),
        );
        let _ = format!("{:?}", n.message);
    }

    fn server(&self, e: &ServerError<'_>) {
        for n in &e.reply.messages {
            self.notice(n);
        }
        assert_eq!(e.code(), e.reply.status.map(|s| s.code()));
        let _ = (e.status(), e.message());
        let _ = format!("{e} {e:?}");
    }

    fn view_error(&self, e: &ViewError<'_>) {
        match e {
            ViewError::Shape(e) => self.error(e),
            ViewError::Server(e) => self.server(e),
        }
        let _ = format!("{e} {e:?}");
    }

    fn raw(&self, v: &RawValue<'_>) {
        self.slice(v.key(), "key");
        self.slice(v.value().raw(), "raw value");
        assert!(
            v.offset() <= self.input.len(),
            "value offset; {}",
            self.ctx()
        );
        let bytes = v.to_bytes();
        self.cow(&bytes, "decoded value");
        match v.to_str() {
            Ok(s) => assert_eq!(s.as_bytes(), &bytes[..], "to_str; {}", self.ctx()),
            Err(e) => {
                self.error(&e);
                assert!(
                    core::str::from_utf8(&bytes).is_err(),
                    "to_str failed on UTF-8; {}",
                    self.ctx()
                );
            }
        }
        if let Some(s) = v.as_str() {
            self.slice(s.as_bytes(), "as_str");
            assert_eq!(s.as_bytes(), &bytes[..], "as_str; {}", self.ctx());
        }
        if let Some(d) = self.ok(v.date()) {
            self.date(d);
        }
        let _ = self.ok(v.minutes());
        let number = self.ok(v.number());
        match self.ok(v.optional_number()) {
            Some(None) => assert!(v.is_empty(), "optional_number None; {}", self.ctx()),
            Some(Some(n)) => assert_eq!(number, Some(n), "optional_number; {}", self.ctx()),
            None => assert!(number.is_none(), "optional_number failed; {}", self.ctx()),
        }
        if let Some(s) = self.ok(v.size()) {
            self.size(s);
        }
        let _ = self.ok(v.id_number("ticket"));
        if let Some(r) = self.ok(v.object_ref()) {
            self.slice(r.kind.as_bytes(), "object kind");
            self.slice(r.id.as_bytes(), "object id");
            if let Some(rest) = r.rest {
                self.slice(rest.as_bytes(), "object rest");
            }
            let text = r.to_string();
            assert_eq!(
                text.as_bytes(),
                v.value().first_line(),
                "object ref printed"
            );
            assert_eq!(parse_object_ref(&text).ok(), Some(r), "object ref re-read");
        }
        for item in v.items() {
            self.slice(item, "list item");
        }
        if let Some(links) = self.ok(v.links()) {
            for l in links {
                self.link(&l);
            }
        }
    }

    fn date(&self, d: RtDate) {
        if let RtDate::At(t) = d {
            assert!(
                (1..=12).contains(&t.month)
                    && (1..=31).contains(&t.day)
                    && t.hour < 24
                    && t.minute < 60
                    && t.second <= 60,
                "date out of range {t:?}; {}",
                self.ctx()
            );
            let sql = t.to_string();
            assert_eq!(
                parse_date(sql.as_bytes()).ok(),
                Some(d),
                "date {sql} does not read back; {}",
                self.ctx()
            );
        }
    }

    /// A size prints as text that reads back to it, and its byte range is
    /// exactly the sizes RT prints this way.
    fn size(&self, s: Size) {
        assert_eq!(
            parse_size(s.to_string().as_bytes()).ok(),
            Some(s),
            "size re-read"
        );
        match s {
            Size::Bytes(n) => {
                assert_eq!(s.exact(), Some(n));
                assert_eq!(s.bytes_range(), Some(n..=n));
            }
            Size::Tenths(t) => {
                assert_eq!(s.exact(), None);
                match s.bytes_range() {
                    Some(r) => {
                        let (lo, hi) = (*r.start(), *r.end());
                        assert!(lo <= hi, "empty range for {s}; {}", self.ctx());
                        assert!(
                            Size::of(lo) == s && Size::of(hi) == s && s.matches(lo),
                            "range {lo}..={hi} is not {s}; {}",
                            self.ctx()
                        );
                        assert!(
                            lo == 1025 || Size::of(lo - 1) != s,
                            "range of {s} starts too late at {lo}; {}",
                            self.ctx()
                        );
                        assert!(
                            hi == u64::MAX || Size::of(hi + 1) != s,
                            "range of {s} ends too early at {hi}; {}",
                            self.ctx()
                        );
                    }
                    None => {
                        // RT prints no size this way: none near t × 102.4.
                        let near = u64::try_from(u128::from(t) * 1024 / 10).unwrap_or(u64::MAX);
                        for n in near.saturating_sub(3)..=near.saturating_add(3) {
                            assert!(
                                Size::of(n) != s,
                                "{n} bytes print as {s} but bytes_range is None; {}",
                                self.ctx()
                            );
                        }
                    }
                }
            }
        }
    }

    fn link(&self, l: &LinkTarget<'_>) {
        match *l {
            LinkTarget::Uri(u) => self.slice(u.as_bytes(), "link URI"),
            LinkTarget::Rt { rtname, kind, id } => {
                self.slice(rtname.as_bytes(), "link rtname");
                self.slice(kind.as_bytes(), "link kind");
                let again = format!("fsck.com-rt://{rtname}/{kind}/{id}");
                assert_eq!(LinkTarget::parse(&again), *l, "link re-read");
                assert_eq!(l.ticket(), (kind == "ticket").then_some(id));
            }
        }
    }

    fn custom_field(&self, c: &CustomField<'_>) {
        self.slice(c.name, "custom field name");
        self.raw(&c.value);
        assert_eq!(c.name_str().is_some(), core::str::from_utf8(c.name).is_ok());
        if let Some(values) = self.ok(c.values()) {
            for v in &values {
                if let Cow::Borrowed(s) = v {
                    self.slice(s.as_bytes(), "custom field value");
                }
            }
            if c.value.is_empty() {
                assert!(
                    values.is_empty(),
                    "values of an empty field; {}",
                    self.ctx()
                );
            }
        }
    }

    fn record(&self, r: &Record<'_>) {
        assert!(core::ptr::eq(r.input(), self.input), "record input");
        let fields: Vec<RawValue<'_>> = r.fields().collect();
        assert_eq!(fields.len(), r.len());
        assert_eq!(r.is_empty(), fields.is_empty());
        // Lookups (each a scan of the record) once per distinct key, for the
        // first few keys, so that a record of many fields stays linear.
        let mut seen = alloc::collections::BTreeSet::new();
        for f in &fields {
            self.raw(f);
            if seen.len() >= LOOKUPS || !seen.insert(f.key()) {
                continue;
            }
            if let Ok(key) = core::str::from_utf8(f.key()) {
                let first = fields.iter().find(|g| g.key() == f.key());
                assert_eq!(r.get(key).as_ref(), first, "get({key}); {}", self.ctx());
                let all = fields.iter().filter(|g| g.key() == f.key()).count();
                assert_eq!(r.get_all(key).count(), all, "get_all({key})");
                for item in r.items(key) {
                    self.slice(item, "list item");
                }
                let text = self.ok(r.text(key));
                if let Some(Some(Cow::Borrowed(s))) = text {
                    self.slice(s.as_bytes(), "text");
                }
                let _ = (self.ok(r.date(key)), self.ok(r.minutes(key)));
                let _ = self.ok(r.number(key));
            }
        }
        let cfs: Vec<CustomField<'_>> = r.custom_fields().collect();
        let mut seen = alloc::collections::BTreeSet::new();
        for c in &cfs {
            self.custom_field(c);
            if seen.len() >= LOOKUPS || !seen.insert(c.name) {
                continue;
            }
            if let Some(name) = c.name_str() {
                let first = cfs.iter().find(|d| d.name == c.name);
                assert_eq!(r.custom_field(name).as_ref(), first, "custom_field({name})");
            }
        }
        let _ = self.ok(r.id_number("ticket"));
        if let Err(e) = r.require("a key no form has") {
            self.error(&e);
        }
    }

    /// The view, or `None` after checking the error.
    fn view<T: fmt::Debug>(&self, v: Result<T, ViewError<'_>>) -> Option<T> {
        match v {
            Ok(v) => {
                let _ = format!("{v:?}");
                Some(v)
            }
            Err(e) => {
                self.view_error(&e);
                None
            }
        }
    }
}

/// How many distinct keys of a record the lookup checks cover.
const LOOKUPS: usize = 64;

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
        .collect::<alloc::string::String>()
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
        if let Ok(name) = core::str::from_utf8(h.name) {
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
            crate::views::parse_number(e.description.key()).ok(),
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
            if let Ok(key) = core::str::from_utf8(k) {
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
    build: impl for<'r> Fn(&'r crate::Response<'a>) -> Result<T, ViewError<'a>>,
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
                .filter(|n| matches!(n.message, crate::views::Message::Created { .. }))
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
