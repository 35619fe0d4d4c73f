//! The checks the view oracles make on what a view hands out: slices inside
//! the input, errors pointing into it, parsers agreeing with printers.

use std::borrow::Cow;
use std::fmt;

use rt_wire::views::{
    CustomField, LinkTarget, Notice, RawValue, Record, RtDate, ServerError, Size, ViewError,
    parse_date, parse_object_ref, parse_size,
};
use rt_wire::{ParseError, ParseOptions};

use crate::fuzzing::{Show, inside};

/// The input and options of one case, for the checks and their messages.
pub(super) struct Ck<'i> {
    input: &'i [u8],
    opts: &'i ParseOptions,
    /// Offsets of the input's LFs, so that checking the many value errors of
    /// a large input stays linear.
    lfs: Vec<usize>,
}

impl<'i> Ck<'i> {
    pub(super) fn new(input: &'i [u8], opts: &'i ParseOptions) -> Self {
        let lfs = memchr::memchr_iter(b'\n', input).collect();
        Ck { input, opts, lfs }
    }

    pub(super) fn ctx(&self) -> String {
        format!("{:?} on {}", self.opts, Show(self.input))
    }

    /// A non-empty slice lies inside the input (an empty one may be any
    /// empty slice: a view has no position to report for it).
    #[track_caller]
    pub(super) fn slice(&self, part: &[u8], what: &str) {
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
    pub(super) fn cow(&self, part: &Cow<'_, [u8]>, what: &str) {
        if let Cow::Borrowed(b) = part {
            self.slice(b, what);
        }
    }

    /// The error's offset is within the input and its line and column match
    /// the offset (as `check_error` of the parse oracle, with a line table).
    pub(super) fn error(&self, e: &ParseError) {
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
    pub(super) fn ok<T>(&self, r: Result<T, ParseError>) -> Option<T> {
        r.map_err(|e| self.error(&e)).ok()
    }

    pub(super) fn notice(&self, n: &Notice<'_>) {
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

    pub(super) fn server(&self, e: &ServerError<'_>) {
        for n in &e.reply.messages {
            self.notice(n);
        }
        assert_eq!(e.code(), e.reply.status.map(|s| s.code()));
        let _ = (e.status(), e.message());
        let _ = format!("{e} {e:?}");
    }

    pub(super) fn view_error(&self, e: &ViewError<'_>) {
        match e {
            ViewError::Shape(e) => self.error(e),
            ViewError::Server(e) => self.server(e),
            other => panic!("view error {other:?} unknown to the oracle; {}", self.ctx()),
        }
        let _ = format!("{e} {e:?}");
    }

    pub(super) fn raw(&self, v: &RawValue<'_>) {
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
                    std::str::from_utf8(&bytes).is_err(),
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

    pub(super) fn date(&self, d: RtDate) {
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
    pub(super) fn size(&self, s: Size) {
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

    pub(super) fn link(&self, l: &LinkTarget<'_>) {
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

    pub(super) fn custom_field(&self, c: &CustomField<'_>) {
        self.slice(c.name, "custom field name");
        self.raw(&c.value);
        assert_eq!(c.name_str().is_some(), std::str::from_utf8(c.name).is_ok());
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

    pub(super) fn record(&self, r: &Record<'_>) {
        assert!(std::ptr::eq(r.input(), self.input), "record input");
        let fields: Vec<RawValue<'_>> = r.fields().collect();
        assert_eq!(fields.len(), r.len());
        assert_eq!(r.is_empty(), fields.is_empty());
        // Lookups (each a scan of the record) once per distinct key, for the
        // first few keys, so that a record of many fields stays linear.
        let mut seen = std::collections::BTreeSet::new();
        for f in &fields {
            self.raw(f);
            if seen.len() >= LOOKUPS || !seen.insert(f.key()) {
                continue;
            }
            if let Ok(key) = std::str::from_utf8(f.key()) {
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
        let mut seen = std::collections::BTreeSet::new();
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
    pub(super) fn view<T: fmt::Debug>(&self, v: Result<T, ViewError<'_>>) -> Option<T> {
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
pub(super) const LOOKUPS: usize = 64;
