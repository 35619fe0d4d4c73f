//! The response parser: body kinds, envelopes, form sets (spec §3, §5, §14).
//!
//! Framing first, then the productions: lines are found with `memchr`, each line
//! is classified by its first bytes, and the status line is parsed with nom
//! (`status.rs`). The parser makes one pass over the input and records spans
//! into three flat tables (envelopes, forms, fields); nothing is copied and
//! nothing is allocated per form or field beyond the amortised growth of those
//! tables.

use alloc::borrow::Cow;
use alloc::vec::Vec;
use core::ops::Range;

use crate::error::{Detail, ErrorKind, LimitKind, ParseError};
use crate::form::{CRLF, EMPTY_LIST, FieldRec, Form, FormRec, TRAILING_LF, indent_width};
use crate::options::{Framing, KeySplit, ParseOptions};
use crate::status::{StatusLine, is_status_line, status_line};

/// What kind of body RT sent (spec §3.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum BodyKind {
    /// Zero bytes: a no-op edit, an empty listing, empty attachment content.
    Empty,
    /// Text that does not start with `RT/`: Perl or Mason error output, the mail
    /// gateway's `ok`. Available verbatim from [`Response::text`].
    Text,
    /// One or more envelopes (status line, empty line, payload).
    Envelopes,
}

/// How an envelope's payload was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum PayloadKind {
    Forms,
    Text,
    Raw,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct EnvRec {
    /// The status line without its LF.
    pub status: Range<usize>,
    /// Whether the empty line after the status line is present.
    pub blank: bool,
    /// Everything after the status line's empty line, up to the next envelope.
    pub payload: Range<usize>,
    pub kind: PayloadKind,
    /// Indices into the form table.
    pub forms: Range<usize>,
    /// Number of LFs after the last form that were RT's framing (spec §3.3):
    /// normally [`Framing::trailer`], fewer when RT wrote a plain message
    /// without it, all of them for a payload of only LFs.
    pub trailer: usize,
}

/// The parse result, free of lifetimes so that [`crate::SharedResponse`] can
/// keep it next to a `Bytes` buffer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Tables {
    pub kind: BodyKind,
    pub envelopes: Vec<EnvRec>,
    pub forms: Vec<FormRec>,
    pub fields: Vec<FieldRec>,
    pub framing: Framing,
}

/// Parses a REST 1.0 response body with the default [`ParseOptions`].
///
/// # Errors
/// A [`ParseError`] with the byte offset, line, column and the production that
/// failed, or the limit that was exceeded.
///
/// ```
/// let body = b"RT/5.0.3 200 Ok\n\nid: ticket/7\nSubject: hello\n\n";
/// let response = rt_wire::parse_response(body)?;
/// assert_eq!(response.status().unwrap().code(), 200);
/// let form = response.forms().next().unwrap();
/// assert_eq!(form.get("Subject").unwrap().value().as_str(), Some("hello"));
/// # Ok::<(), rt_wire::ParseError>(())
/// ```
pub fn parse_response(input: &[u8]) -> Result<Response<'_>, ParseError> {
    parse_response_with(input, &ParseOptions::default())
}

/// Parses a REST 1.0 response body with explicit options.
///
/// # Errors
/// See [`parse_response`].
pub fn parse_response_with<'a>(
    input: &'a [u8],
    options: &ParseOptions,
) -> Result<Response<'a>, ParseError> {
    let tables = parse_tables(input, options)?;
    Ok(Response {
        input,
        tables: Cow::Owned(tables),
    })
}

/// Parses `window` as (the rest of) one payload's form set into `tables`
/// (cleared first), for the streaming reader. Returns where the payload ends
/// in `window` and how many LFs at its end were framing.
pub(crate) fn parse_form_window(
    window: &[u8],
    options: &ParseOptions,
    tables: &mut Tables,
    payload_start: bool,
    last: bool,
) -> Result<(usize, usize), ParseError> {
    tables.forms.clear();
    tables.fields.clear();
    tables.envelopes.clear();
    let mut p = Parser {
        input: window,
        opts: options,
        t: core::mem::replace(tables, Tables::empty(options.framing)),
        status_at_start: payload_start,
        after_separator: !payload_start,
        close_after_separator: last,
    };
    let r = p.form_set(0);
    *tables = p.t;
    r
}

impl Tables {
    pub(crate) fn empty(framing: Framing) -> Self {
        Tables {
            kind: BodyKind::Envelopes,
            envelopes: Vec::new(),
            forms: Vec::new(),
            fields: Vec::new(),
            framing,
        }
    }

    pub(crate) fn form<'r, 'a>(&'r self, input: &'a [u8], i: usize) -> Option<Form<'r, 'a>> {
        let rec = self.forms.get(i)?;
        Some(Form {
            input,
            rec,
            fields: &self.fields[rec.fields.clone()],
        })
    }
}

/// The start of the next envelope in `input` at or after `start`: a status
/// line at `start` (when `check_start`: the caller knows an empty line precedes
/// it) or at column 0 right after an empty line (with `crlf`, a line of only CR
/// is empty too). The flag is false when the end of `input` may still turn
/// into an envelope start once more bytes arrive. With `eof` the input ends
/// where it ends: a last line without LF is a whole line (as the parser reads
/// it), so it can be the status line that starts the next envelope.
pub(crate) fn find_envelope(
    input: &[u8],
    start: usize,
    check_start: bool,
    crlf: bool,
    eof: bool,
) -> (Option<usize>, bool) {
    let line_at = |p: usize| {
        let l = match memchr::memchr(b'\n', &input[p..]) {
            Some(q) => &input[p..p + q],
            None if eof => &input[p..],
            None => return None,
        };
        Some(if crlf {
            l.strip_suffix(b"\r").unwrap_or(l)
        } else {
            l
        })
    };
    // Whether the line that ends just before `p` (at an LF) is empty. The
    // start of `input` is a line start.
    let blank_before = |p: usize| -> bool {
        p >= 1
            && input[p - 1] == b'\n'
            && (p == 1
                || input[p - 2] == b'\n'
                || (crlf && input[p - 2] == b'\r' && (p == 2 || input[p - 3] == b'\n')))
    };
    let mut complete = true;
    let mut check = |p: usize| -> bool {
        match line_at(p) {
            Some(l) => is_status_line(l),
            None => {
                // An unfinished line that may still become a status line.
                let rest = &input[p..];
                let n = rest.len().min(3);
                if rest[..n] == b"RT/"[..n] {
                    complete = false;
                }
                false
            }
        }
    };
    if check_start && start < input.len() && check(start) {
        return (Some(start), true);
    }
    let mut from = start;
    while let Some(q) = memchr::memmem::find(&input[from..], b"\nRT/") {
        let cand = from + q + 1;
        if blank_before(cand) && check(cand) {
            return (Some(cand), true);
        }
        from = cand;
    }
    // The last, unfinished line may still become a status line after an
    // empty line.
    let last = memchr::memrchr(b'\n', &input[start..]).map_or(start, |l| start + l + 1);
    let tail = &input[last..];
    if tail.len() < 3
        && b"RT/".starts_with(tail)
        && (blank_before(last) || last == start && check_start)
    {
        complete = false;
    }
    (None, complete)
}

pub(crate) fn parse_tables(input: &[u8], options: &ParseOptions) -> Result<Tables, ParseError> {
    // Reserve for the typical density of RT output (a field per 30-odd bytes,
    // a form per 500) so that large responses are not copied while the tables
    // grow; pages that are reserved but not used are never touched.
    let fields = (input.len() / 24).min(options.limits.max_fields);
    let forms = (input.len() / 512).min(options.limits.max_forms);
    let mut p = Parser {
        input,
        opts: options,
        t: Tables {
            kind: BodyKind::Empty,
            envelopes: Vec::new(),
            forms: Vec::with_capacity(forms),
            fields: Vec::with_capacity(fields),
            framing: options.framing,
        },
        status_at_start: true,
        after_separator: false,
        close_after_separator: true,
    };
    p.body()?;
    Ok(p.t)
}

/// A parsed response, borrowing from the input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Response<'a> {
    input: &'a [u8],
    tables: Cow<'a, Tables>,
}

impl<'a> Response<'a> {
    pub(crate) fn borrowed(input: &'a [u8], tables: &'a Tables) -> Self {
        Response {
            input,
            tables: Cow::Borrowed(tables),
        }
    }

    pub(crate) fn into_tables(self) -> Tables {
        self.tables.into_owned()
    }

    /// The input the response borrows from.
    #[must_use]
    pub fn input(&self) -> &'a [u8] {
        self.input
    }

    /// The kind of body.
    #[must_use]
    pub fn kind(&self) -> BodyKind {
        self.tables.kind
    }

    /// The framing the response was parsed with.
    #[must_use]
    pub fn framing(&self) -> Framing {
        self.tables.framing
    }

    /// The status line of the first envelope, if the body has one.
    #[must_use]
    pub fn status(&self) -> Option<StatusLine<'a>> {
        self.envelopes().next().map(|e| e.status())
    }

    /// The whole body, if it is not an envelope ([`BodyKind::Text`]).
    #[must_use]
    pub fn text(&self) -> Option<&'a [u8]> {
        (self.tables.kind == BodyKind::Text).then_some(self.input)
    }

    /// The envelopes in input order (several only for long history, spec §3.1 M).
    #[must_use]
    pub fn envelopes(&self) -> Envelopes<'_, 'a> {
        Envelopes {
            input: self.input,
            tables: &self.tables,
            iter: self.tables.envelopes.iter(),
        }
    }

    /// Every form of every envelope, in input order.
    #[must_use]
    pub fn forms(&self) -> Forms<'_, 'a> {
        Forms {
            input: self.input,
            tables: &self.tables,
            range: 0..self.tables.forms.len(),
        }
    }

    /// Number of forms in all envelopes.
    #[must_use]
    pub fn form_count(&self) -> usize {
        self.tables.forms.len()
    }

    /// Number of fields in all forms.
    #[must_use]
    pub fn field_count(&self) -> usize {
        self.tables.fields.len()
    }
}

/// Iterator over [`Envelope`]s.
#[derive(Clone, Debug)]
pub struct Envelopes<'r, 'a> {
    input: &'a [u8],
    tables: &'r Tables,
    iter: core::slice::Iter<'r, EnvRec>,
}

impl<'r, 'a> Iterator for Envelopes<'r, 'a> {
    type Item = Envelope<'r, 'a>;
    fn next(&mut self) -> Option<Self::Item> {
        self.iter.next().map(|rec| Envelope {
            input: self.input,
            tables: self.tables,
            rec,
        })
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.iter.size_hint()
    }
}

impl ExactSizeIterator for Envelopes<'_, '_> {}

/// One envelope: a status line and its payload.
#[derive(Clone, Copy, Debug)]
pub struct Envelope<'r, 'a> {
    input: &'a [u8],
    tables: &'r Tables,
    rec: &'r EnvRec,
}

/// An envelope's payload, read as the options asked.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum Payload<'r, 'a> {
    /// A form set (possibly with no forms).
    Forms(Forms<'r, 'a>),
    /// A payload that is not a form set (search formats `i` and tab-separated
    /// `s`, `No matching results.`, `Invalid query: …`, the 401 message),
    /// verbatim, trailing LFs included.
    Text(&'a [u8]),
    /// Raw attachment bytes ([`Framing::Content`]), verbatim.
    Raw(&'a [u8]),
}

impl<'r, 'a> Envelope<'r, 'a> {
    /// The status line.
    #[must_use]
    pub fn status(&self) -> StatusLine<'a> {
        let line = &self.input[self.rec.status.clone()];
        // The line was validated when the response was parsed.
        status_line(self.input, self.rec.status.start, line)
            .unwrap_or_else(|_| unreachable_status())
    }

    /// Whether the empty line after the status line is present (RT leaves it
    /// out only when nothing follows: `logout`, a bare 401).
    #[must_use]
    pub fn has_empty_line(&self) -> bool {
        self.rec.blank
    }

    /// The payload.
    #[must_use]
    pub fn payload(&self) -> Payload<'r, 'a> {
        match self.rec.kind {
            PayloadKind::Forms => Payload::Forms(self.forms()),
            PayloadKind::Text => Payload::Text(self.raw_payload()),
            PayloadKind::Raw => Payload::Raw(self.raw_payload()),
        }
    }

    /// Number of LFs after the last form that were RT's framing (spec §3.3).
    #[must_use]
    pub fn trailer(&self) -> usize {
        self.rec.trailer
    }

    /// Whether the payload was read as a form set.
    #[must_use]
    pub fn is_forms(&self) -> bool {
        self.rec.kind == PayloadKind::Forms
    }

    /// The payload bytes verbatim: everything after the empty line that follows
    /// the status line, up to the next envelope, trailing LFs included.
    #[must_use]
    pub fn raw_payload(&self) -> &'a [u8] {
        &self.input[self.rec.payload.clone()]
    }

    /// The byte range of the payload in the input.
    #[must_use]
    pub fn payload_span(&self) -> Range<usize> {
        self.rec.payload.clone()
    }

    /// The forms of the payload (none if it is text or raw bytes).
    #[must_use]
    pub fn forms(&self) -> Forms<'r, 'a> {
        Forms {
            input: self.input,
            tables: self.tables,
            range: self.rec.forms.clone(),
        }
    }
}

#[cold]
fn unreachable_status() -> StatusLine<'static> {
    // Never reached: the same bytes parsed when the table was built. Kept as a
    // value rather than a panic.
    match status_line(b"RT/0 000 Invalid", 0, b"RT/0 000 Invalid") {
        Ok(s) => s,
        Err(_) => unreachable_status(),
    }
}

/// Iterator over [`Form`]s.
#[derive(Clone, Debug)]
pub struct Forms<'r, 'a> {
    input: &'a [u8],
    tables: &'r Tables,
    range: Range<usize>,
}

impl<'r, 'a> Iterator for Forms<'r, 'a> {
    type Item = Form<'r, 'a>;
    fn next(&mut self) -> Option<Self::Item> {
        let i = self.range.next()?;
        Some(self.form(i))
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.range.size_hint()
    }
}

impl DoubleEndedIterator for Forms<'_, '_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        let i = self.range.next_back()?;
        Some(self.form(i))
    }
}

impl ExactSizeIterator for Forms<'_, '_> {}

impl<'r, 'a> Forms<'r, 'a> {
    fn form(&self, i: usize) -> Form<'r, 'a> {
        let rec = &self.tables.forms[i];
        Form {
            input: self.input,
            rec,
            fields: &self.tables.fields[rec.fields.clone()],
        }
    }
}

// ---------------------------------------------------------------------------
// The parser.

struct Parser<'a, 'o> {
    input: &'a [u8],
    opts: &'o ParseOptions,
    t: Tables,
    /// Whether a status line at the very start of a form set starts the next
    /// envelope (true at a payload's start, which follows an empty line; false
    /// for the streaming reader's windows after a separator).
    status_at_start: bool,
    /// Whether the form set starts right after a `--` separator (the
    /// streaming reader's windows after the first form).
    after_separator: bool,
    /// Whether a separator at the end of the form set opens an empty last
    /// form (false for the streaming reader's windows that end at a
    /// separator: the next window reads that form).
    close_after_separator: bool,
}

/// One line: `start..end` is its text (LF, and CR with `allow_crlf`, excluded),
/// `next` the start of the following line.
#[derive(Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
    next: usize,
}

/// Why a form ended.
#[derive(Clone, Copy, PartialEq, Eq)]
enum FormEnd {
    Separator,
    Payload,
}

/// A field being read.
struct Open {
    rec: FieldRec,
    lines: usize,
}

impl<'a> Parser<'a, '_> {
    fn err(&self, at: usize, kind: ErrorKind) -> ParseError {
        ParseError::at(self.input, at, kind)
    }

    fn limit(&self, at: usize, kind: LimitKind, n: usize) -> ParseError {
        self.err(at, ErrorKind::Limit(kind))
            .with_detail(Detail::Limit(n))
    }

    /// Reads the line starting at `pos` (which is `< input.len()`).
    #[inline]
    fn line(&self, pos: usize) -> Result<Line, ParseError> {
        let (end, next) = match memchr::memchr(b'\n', &self.input[pos..]).map(|p| pos + p) {
            Some(p) => (p, p + 1),
            None => (self.input.len(), self.input.len()),
        };
        self.check_line(pos, end, next)
    }

    #[inline]
    fn check_line(&self, pos: usize, mut end: usize, next: usize) -> Result<Line, ParseError> {
        if end - pos > self.opts.limits.max_line_len {
            return Err(self.limit(
                pos + self.opts.limits.max_line_len,
                LimitKind::LineLength,
                self.opts.limits.max_line_len,
            ));
        }
        if self.opts.allow_crlf && end > pos && self.input[end - 1] == b'\r' {
            end -= 1;
        }
        Ok(Line {
            start: pos,
            end,
            next,
        })
    }

    /// `body = empty / error-text / envelope *( envelope )`
    fn body(&mut self) -> Result<(), ParseError> {
        let input = self.input;
        if input.len() > self.opts.limits.max_input_len || u32::try_from(input.len()).is_err() {
            let max = self.opts.limits.max_input_len.min(u32::MAX as usize);
            return Err(self.limit(max, LimitKind::InputLength, max));
        }
        if input.is_empty() {
            self.t.kind = BodyKind::Empty;
            return Ok(());
        }
        if !input.starts_with(b"RT/") {
            self.t.kind = BodyKind::Text;
            return Ok(());
        }
        self.t.kind = BodyKind::Envelopes;
        let mut pos = 0;
        loop {
            if self.t.envelopes.len() >= self.opts.limits.max_envelopes {
                return Err(self.limit(pos, LimitKind::Envelopes, self.opts.limits.max_envelopes));
            }
            match self.envelope(pos)? {
                Some(next) => pos = next,
                None => return Ok(()),
            }
        }
    }

    /// `envelope = status-line [ LF payload ]`; returns the start of the next
    /// envelope, if any.
    fn envelope(&mut self, pos: usize) -> Result<Option<usize>, ParseError> {
        let input = self.input;
        let line = self.line(pos)?;
        status_line(input, pos, &input[line.start..line.end])?;
        let status = line.start..line.end;
        let forms_start = self.t.forms.len();
        if line.next >= input.len() {
            self.t.envelopes.push(EnvRec {
                status,
                blank: false,
                payload: input.len()..input.len(),
                kind: PayloadKind::Forms,
                forms: forms_start..forms_start,
                trailer: 0,
            });
            return Ok(None);
        }
        let blank = self.line(line.next)?;
        if blank.end != blank.start {
            return Err(self.err(line.next, ErrorKind::EmptyLine));
        }
        let start = blank.next;
        if self.opts.framing == Framing::Content {
            self.t.envelopes.push(EnvRec {
                status,
                blank: true,
                payload: start..input.len(),
                kind: PayloadKind::Raw,
                forms: forms_start..forms_start,
                trailer: 0,
            });
            return Ok(None);
        }
        let fields_start = self.t.fields.len();
        // A search payload of only LFs ends at the next envelope: look no
        // further than that for the empty listing.
        let plain = !self.opts.forms_only
            && if self.opts.framing == Framing::Search && input.get(start) == Some(&b'\n') {
                is_plain_payload(&input[start..self.next_envelope(start)], self.opts.framing)
            } else {
                is_plain_payload(&input[start..], self.opts.framing)
            };
        if plain {
            let end = self.next_envelope(start);
            self.t.envelopes.push(EnvRec {
                status,
                blank: true,
                payload: start..end,
                kind: PayloadKind::Text,
                forms: forms_start..forms_start,
                trailer: 0,
            });
            return Ok((end < input.len()).then_some(end));
        }
        let (end, kind, trailer) = match self.form_set(start) {
            Ok((end, trailer)) => (end, PayloadKind::Forms, trailer),
            // A payload is read as text only when its first form is not a
            // form: once a form was read, what follows must be forms too
            // (the streaming reader, which hands forms out as they come,
            // decides the same way).
            Err(e)
                if self.opts.forms_only
                    || matches!(e.kind(), ErrorKind::Limit(_))
                    || self.t.forms.len() > forms_start =>
            {
                return Err(e);
            }
            Err(_) => {
                self.t.forms.truncate(forms_start);
                self.t.fields.truncate(fields_start);
                (self.next_envelope(start), PayloadKind::Text, 0)
            }
        };
        self.t.envelopes.push(EnvRec {
            status,
            blank: true,
            payload: start..end,
            kind,
            forms: forms_start..self.t.forms.len(),
            trailer,
        });
        Ok((end < input.len()).then_some(end))
    }

    /// The start of the next envelope at or after `start`, or the end of the
    /// input.
    fn next_envelope(&self, start: usize) -> usize {
        find_envelope(self.input, start, true, self.opts.allow_crlf, true)
            .0
            .unwrap_or(self.input.len())
    }

    /// `form-set = form *( sep form ) *LF`, ended by the end of the input or by
    /// the next envelope. Returns where the payload ends and how many LFs at
    /// its end were framing.
    #[allow(clippy::too_many_lines)]
    fn form_set(&mut self, start: usize) -> Result<(usize, usize), ParseError> {
        let input = self.input;
        let limits = self.opts.limits;
        let crlf = if self.opts.allow_crlf { CRLF } else { 0 };

        let mut pos = start;
        // Empty lines since the last non-empty line.
        let mut blanks = 0usize;
        // State of the current form.
        let mut form_open = false;
        let mut form_start = start;
        let mut form_end = start;
        let mut comments: Option<Range<usize>> = None;
        let mut echo: Option<Range<usize>> = None;
        let mut fields_start = self.t.fields.len();
        let mut open: Option<Open> = None;
        // Whether the next empty line belongs to a `--` separator.
        let mut after_sep = false;
        // Whether a `--` separator came last: it opens a form even if nothing
        // follows (RT's layout of a last, empty form is `--` then nothing).
        let mut sep_last = self.after_separator;

        let end = loop {
            if pos >= input.len() {
                break input.len();
            }
            let line = self.line(pos)?;
            let text = &input[line.start..line.end];
            if text.is_empty() {
                if after_sep {
                    after_sep = false;
                } else {
                    blanks += 1;
                }
                pos = line.next;
                continue;
            }
            after_sep = false;
            let first = text[0];

            // Continuation line: belongs to the open field.
            if first == b' ' {
                let Some(o) = open.as_mut() else {
                    return Err(self.err(line.start, ErrorKind::Continuation));
                };
                if echo.is_some() {
                    return Err(self.err(line.start, ErrorKind::FieldLine));
                }
                if blanks > 0 {
                    return Err(self.err(line.start, ErrorKind::BlankLineInValue));
                }
                if o.rec.flags & EMPTY_LIST != 0 {
                    return Err(self.err(line.start, ErrorKind::EmptyList));
                }
                if o.rec.indent == 0 {
                    let key = &input[o.rec.key_start as usize..o.rec.key_end as usize];
                    // At most 16 by RT's rule.
                    o.rec.indent = u8::try_from(indent_width(key)).unwrap_or(4);
                }
                let mut w = usize::from(o.rec.indent);
                if text.len() < w || text[..w] != INDENT[..w] {
                    let spaces = text.iter().take(w).take_while(|&&b| b == b' ').count();
                    // A key that itself contains ": " (a user, queue or group
                    // custom field named `CF-A: B`) was split too early and
                    // its width is wrong: RT's own width for the longer key
                    // tells where it really ends.
                    // Only a line with text tells: a line of spaces may be
                    // an empty line of the value under any width.
                    let has_text = text.iter().any(|&b| b != b' ');
                    if let Some((key_end, width)) =
                        has_text.then(|| self.later_split(&o.rec, spaces)).flatten()
                    {
                        o.rec.key_end = pos32(key_end);
                        o.rec.indent = u8::try_from(width).unwrap_or(4);
                        w = width;
                    }
                }
                if text.len() < w || text[..w] != INDENT[..w] {
                    let spaces = text.iter().take(w).take_while(|&&b| b == b' ').count();
                    return Err(self
                        .err(line.start + spaces, ErrorKind::Indentation)
                        .with_detail(Detail::Indent {
                            found: spaces,
                            expected: w,
                        }));
                }
                o.lines += 1;
                if o.lines > limits.max_value_lines {
                    return Err(self.limit(
                        line.start,
                        LimitKind::ValueLines,
                        limits.max_value_lines,
                    ));
                }
                o.rec.cont_end = pos32(line.end);
                form_end = line.end;
                pos = line.next;
                continue;
            }

            // The next envelope (long history): a status line after an empty line.
            if first == b'R'
                && (blanks > 0 || (line.start == start && self.status_at_start))
                && text.starts_with(b"RT/")
                && is_status_line(text)
            {
                break line.start;
            }

            // Separator.
            if text == b"--" {
                self.end_form(
                    &mut open,
                    blanks,
                    FormEnd::Separator,
                    FormParts {
                        start: form_start,
                        end: form_end,
                        comments: comments.take(),
                        echo: echo.take(),
                        fields_start,
                    },
                    line.start,
                )?;
                form_open = false;
                // A form with no line (`--` right after `--`) lies after the
                // separator, not over the previous form.
                form_start = line.next;
                form_end = line.next;
                sep_last = true;
                blanks = 0;
                after_sep = true;
                pos = line.next;
                fields_start = self.t.fields.len();
                continue;
            }

            if !form_open {
                form_open = true;
                sep_last = false;
                form_start = line.start;
            }

            if echo.is_some() {
                // Echo text runs to the first empty line; after it only empty
                // lines, a separator or the next envelope may follow.
                if blanks > 0 {
                    return Err(self.err(line.start, ErrorKind::FieldLine));
                }
                if let Some(e) = echo.as_mut() {
                    e.end = line.end;
                }
                form_end = line.end;
                pos = line.next;
                continue;
            }

            if first == b'#' {
                let at_start = open.is_none() && self.t.fields.len() == fields_start;
                match comments.as_mut() {
                    None if at_start => comments = Some(line.start..line.end),
                    Some(c) if at_start && blanks == 0 => c.end = line.end,
                    _ => return Err(self.err(line.start, ErrorKind::Comment)),
                }
                form_end = line.end;
                pos = line.next;
                continue;
            }

            if text.starts_with(b">>") {
                if let Some(o) = open.take() {
                    self.close_field(o, blanks as isize, false, line.start)?;
                }
                echo = Some(line.start..line.end);
                blanks = 0;
                form_end = line.end;
                pos = line.next;
                continue;
            }

            // A field line.
            let split = match self.opts.key_split {
                KeySplit::First => split_key(text),
                KeySplit::Last => split_key_last(text),
            };
            let Some((key_end, _, empty_list)) = split else {
                return Err(self.err(line.start, ErrorKind::FieldLine));
            };
            if let Some(o) = open.take() {
                self.close_field(o, blanks as isize, false, line.start)?;
            }
            let n_form = self.t.fields.len() - fields_start;
            if n_form >= limits.max_fields_per_form {
                return Err(self.limit(
                    line.start,
                    LimitKind::FieldsPerForm,
                    limits.max_fields_per_form,
                ));
            }
            if self.t.fields.len() >= limits.max_fields {
                return Err(self.limit(line.start, LimitKind::Fields, limits.max_fields));
            }
            open = Some(Open {
                rec: FieldRec {
                    key_start: pos32(line.start),
                    key_end: pos32(line.start + key_end),
                    first_end: pos32(line.end),
                    cont_end: pos32(line.end),
                    indent: 0,
                    flags: crlf | if empty_list { EMPTY_LIST } else { 0 },
                },
                lines: 0,
            });
            blanks = 0;
            form_end = line.end;
            pos = line.next;
        };

        // End of the payload. In RT's layout a multi-line last value is
        // followed by an empty line of its own, so only the empty lines after
        // it are framing. A value ending in an indented empty line decodes
        // with a final LF, which RT's layout writes as two empty lines that a
        // reader takes after the framing: all of the framing is reported.
        let framing = self.opts.framing.trailer();
        let (own, ends_lf) = match &open {
            Some(o) if o.rec.cont_end > o.rec.first_end => {
                let cont = &input[o.rec.first_end as usize + 1..o.rec.cont_end as usize];
                let last = memchr::memrchr(b'\n', cont).map_or(0, |p| p + 1);
                let line = &cont[last..];
                let line = if crlf != 0 {
                    line.strip_suffix(b"\r").unwrap_or(line)
                } else {
                    line
                };
                (1, line.len() <= usize::from(o.rec.indent))
            }
            _ => (0, false),
        };
        let trailer = if ends_lf {
            framing
        } else if form_open || open.is_some() || comments.is_some() {
            blanks.saturating_sub(own).min(framing)
        } else {
            blanks
        };
        if form_open || open.is_some() || comments.is_some() {
            self.end_form(
                &mut open,
                blanks,
                FormEnd::Payload,
                FormParts {
                    start: form_start,
                    end: form_end,
                    comments,
                    echo,
                    fields_start,
                },
                end,
            )?;
        } else if sep_last && self.close_after_separator {
            // The empty form after a last separator.
            self.end_form(
                &mut open,
                0,
                FormEnd::Payload,
                FormParts {
                    start: form_start,
                    end: form_start,
                    comments: None,
                    echo: None,
                    fields_start,
                },
                end,
            )?;
        }
        Ok((end, trailer))
    }

    /// For a field whose continuation line has only `spaces` spaces, a later
    /// `": "` of its key line at which the key would have RT's width of at
    /// most `spaces` (spec §5.2), if there is one, as `(key_end, width)`.
    fn later_split(&self, rec: &FieldRec, spaces: usize) -> Option<(usize, usize)> {
        let key_start = rec.key_start as usize;
        let line = &self.input[key_start..rec.first_end as usize];
        let mut from = rec.key_end as usize - key_start + 2;
        while let Some(p) = memchr::memmem::find(&line[from.min(line.len())..], b": ") {
            let end = from + p;
            let width = indent_width(&line[..end]);
            if width <= spaces {
                return Some((key_start + end, width));
            }
            from = end + 2;
        }
        None
    }

    /// Closes the open field. `e` is the number of empty lines after it, with
    /// the framing already subtracted (spec §5.8 rules 2–4).
    fn close_field(
        &mut self,
        mut o: Open,
        e: isize,
        last: bool,
        at: usize,
    ) -> Result<(), ParseError> {
        let e = if last { e.clamp(0, 2) } else { e.max(0) };
        if e > 2 {
            return Err(self.err(at, ErrorKind::BlankLines));
        }
        if e == 2 {
            if o.rec.flags & EMPTY_LIST != 0 {
                // `Key:` then an empty line is an empty list followed by a
                // structural empty line; keep it an empty list.
            } else {
                o.rec.flags |= TRAILING_LF;
            }
        }
        self.t.fields.push(o.rec);
        Ok(())
    }

    fn end_form(
        &mut self,
        open: &mut Option<Open>,
        blanks: usize,
        why: FormEnd,
        parts: FormParts,
        at: usize,
    ) -> Result<(), ParseError> {
        let sub = match why {
            FormEnd::Separator => 1,
            FormEnd::Payload => blanks.min(self.opts.framing.trailer()),
        };
        let e = blanks as isize - sub as isize;
        let had_fields = open.is_some() || self.t.fields.len() > parts.fields_start;
        if let Some(o) = open.take() {
            self.close_field(o, e, why == FormEnd::Payload, at)?;
        }
        if self.t.forms.len() >= self.opts.limits.max_forms {
            return Err(self.limit(at, LimitKind::Forms, self.opts.limits.max_forms));
        }
        // Without comments an empty field list leaves no trace in RT's
        // layout (only the empty line after comments shows it).
        let field_list = had_fields || (parts.comments.is_some() && parts.echo.is_none() && e >= 1);
        self.t.forms.push(FormRec {
            span: parts.start..parts.end.max(parts.start),
            comments: parts.comments,
            field_list,
            fields: parts.fields_start..self.t.fields.len(),
            echo: parts.echo,
            crlf: self.opts.allow_crlf,
        });
        Ok(())
    }
}

struct FormParts {
    start: usize,
    end: usize,
    comments: Option<Range<usize>>,
    echo: Option<Range<usize>>,
    fields_start: usize,
}

/// The widest indentation RT writes (spec §5.2: at most 16 spaces).
const INDENT: [u8; 16] = [b' '; 16];

/// An input offset as stored in the field table. The parser refuses inputs of
/// 4 GiB or more before it starts, so this never truncates.
#[inline]
fn pos32(p: usize) -> u32 {
    u32::try_from(p).unwrap_or(u32::MAX)
}

/// Splits a key line at its last `": "`, or at a final `:` ([`KeySplit::Last`]).
pub(crate) fn split_key_last(line: &[u8]) -> Option<(usize, usize, bool)> {
    if let Some(p) = memchr::memmem::rfind(line, b": ") {
        return Some((p, p + 2, false));
    }
    line.ends_with(b":")
        .then(|| (line.len() - 1, line.len(), true))
}

/// Whether a payload is one of RT's plain-text messages (spec §10.2; the
/// catalogue in `crate::catalogue`), or, for a search, an empty listing (only
/// LFs).
pub(crate) fn is_plain_payload(payload: &[u8], framing: Framing) -> bool {
    if framing == Framing::Search && !payload.is_empty() && payload.iter().all(|&b| b == b'\n') {
        return true;
    }
    crate::catalogue::is_plain_message(payload)
}

/// Whether `partial`, the start of a payload, may still turn out to be one of
/// RT's plain-text messages once more bytes arrive.
pub(crate) fn may_become_plain(partial: &[u8]) -> bool {
    crate::catalogue::may_become_plain(partial)
}

/// Splits a key line into key and value (spec §14.2 rule 4).
///
/// `field-line = key-text ":" ( SP value-line / "" )`: the key runs to the
/// first `": "`; for `CF.{…}` keys to the `}` before the first `"}: "`, so that
/// custom-field names may contain `": "`. A line without `": "` that ends with
/// `:` is an empty list (`Key:`). Returns `(key_end, value_start, empty_list)`.
#[inline]
pub(crate) fn split_key(line: &[u8]) -> Option<(usize, usize, bool)> {
    if line.len() >= 4 && line[..4].eq_ignore_ascii_case(b"CF.{") {
        if let Some(p) = memchr::memmem::find(&line[4..], b"}: ") {
            let k = 4 + p + 1;
            return Some((k, k + 2, false));
        }
        if line.ends_with(b"}:") {
            return Some((line.len() - 1, line.len(), true));
        }
    }
    let mut from = 0;
    while let Some(p) = crate::scan::find(b':', &line[from..]) {
        let c = from + p;
        match line.get(c + 1) {
            Some(b' ') => return Some((c, c + 2, false)),
            None => return Some((c, c + 1, true)),
            Some(_) => from = c + 1,
        }
    }
    None
}
