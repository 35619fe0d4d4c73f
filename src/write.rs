//! The form writer: RT's canonical response layout, byte for byte (`form` in docs/grammar.md).
//!
//! BE ADVISED: the indent rule here (`len(key) + 2`, or 4 above 16; every line
//! start of a value but one at its very end prefixed; an empty line before a
//! multi-line value unless the previous line already has one; `"\n\n"` after it)
//! is the exact inverse of the de-indent rule and blank-line accounting in
//! `form.rs` / `response.rs`. Change them together.

use alloc::vec::Vec;

use crate::form::{Form, indent_width};
use crate::response::{BodyKind, Envelope, Payload, Response};

/// Where the writer puts bytes: a `Vec<u8>`, a `bytes::BytesMut`, any other
/// [`bytes::BufMut`] wrapped in [`BufMutSink`], a [`LenCounter`], or a mutable
/// reference to any of these.
pub trait Sink {
    /// Appends `bytes`.
    fn put(&mut self, bytes: &[u8]);
}

impl Sink for Vec<u8> {
    fn put(&mut self, bytes: &[u8]) {
        self.extend_from_slice(bytes);
    }
}

impl Sink for bytes::BytesMut {
    fn put(&mut self, bytes: &[u8]) {
        self.extend_from_slice(bytes);
    }
}

impl<S: Sink + ?Sized> Sink for &mut S {
    fn put(&mut self, bytes: &[u8]) {
        (**self).put(bytes);
    }
}

/// Adapts any [`bytes::BufMut`] into a [`Sink`].
#[derive(Debug)]
pub struct BufMutSink<B>(pub B);

impl<B: bytes::BufMut> Sink for BufMutSink<B> {
    fn put(&mut self, bytes: &[u8]) {
        self.0.put_slice(bytes);
    }
}

/// A [`Sink`] that only counts bytes, for `encoded_len`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LenCounter(pub usize);

impl Sink for LenCounter {
    fn put(&mut self, bytes: &[u8]) {
        self.0 += bytes.len();
    }
}

const SPACES: &[u8; 16] = b"                ";

fn put_spaces<S: Sink>(s: &mut S, mut n: usize) {
    while n > 0 {
        let k = n.min(SPACES.len());
        s.put(&SPACES[..k]);
        n -= k;
    }
}

/// Characters as RT's formatter counts them (code points of decoded text, or
/// bytes when the text is not UTF-8).
fn char_len(b: &[u8]) -> usize {
    match core::str::from_utf8(b) {
        Ok(s) if !s.is_ascii() => s.chars().count(),
        _ => b.len(),
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    /// Nothing of the current form written yet.
    Start,
    /// Comment lines written; the empty line after them is pending.
    Comments,
    /// Inside the field list; `blank` tells whether the last line written is
    /// followed by an empty line.
    Fields { any: bool, blank: bool },
    /// Echo text written.
    Echo,
}

/// Writes form sets in RT's canonical layout (the layout of RT's
/// `form_compose`, `form` in docs/grammar.md), into any [`Sink`].
///
/// ```
/// use rt_wire::FormWriter;
/// let mut out = Vec::new();
/// let mut w = FormWriter::new(&mut out);
/// w.comment(b"# Ticket 7 created.");
/// w.end_form(false);
/// w.field(b"id", b"ticket/7");
/// w.field(b"Text", b"two\nlines");
/// w.list(b"Cc", [&b"a@example.com"[..], b"b@example.com"]);
/// w.empty_list(b"AdminCc");
/// w.finish();
/// assert_eq!(
///     out,
///     b"# Ticket 7 created.\n\n--\n\nid: ticket/7\n\nText: two\n      lines\n\nCc: a@example.com, b@example.com\nAdminCc:\n"
/// );
/// ```
#[derive(Debug)]
pub struct FormWriter<S: Sink> {
    sink: S,
    state: State,
    /// Whether a form has been ended (the next one needs a separator).
    forms: usize,
}

impl<S: Sink> FormWriter<S> {
    /// A writer appending to `sink`.
    pub fn new(sink: S) -> Self {
        FormWriter {
            sink,
            state: State::Start,
            forms: 0,
        }
    }

    /// The sink.
    pub fn into_inner(self) -> S {
        self.sink
    }

    fn begin(&mut self) {
        if self.state == State::Start && self.forms > 0 {
            self.sink.put(b"\n--\n\n");
        }
    }

    fn enter_fields(&mut self) {
        self.begin();
        match self.state {
            State::Start => {
                self.state = State::Fields {
                    any: false,
                    blank: false,
                };
            }
            State::Comments => {
                self.sink.put(b"\n");
                self.state = State::Fields {
                    any: false,
                    blank: true,
                };
            }
            State::Fields { .. } | State::Echo => {}
        }
    }

    /// Writes comment text (one or more lines; trailing LFs are dropped as RT
    /// does). Only before the first field of a form.
    pub fn comment(&mut self, text: &[u8]) {
        let mut end = text.len();
        while end > 0 && text[end - 1] == b'\n' {
            end -= 1;
        }
        self.begin();
        self.sink.put(&text[..end]);
        self.sink.put(b"\n");
        self.state = State::Comments;
    }

    /// Writes a scalar field `key: value` (multi-line values indented, `field` in docs/grammar.md).
    pub fn field(&mut self, key: &[u8], value: &[u8]) {
        self.enter_fields();
        let State::Fields { any, blank } = self.state else {
            return;
        };
        if memchr::memchr(b'\n', value).is_none() {
            self.sink.put(key);
            self.sink.put(b": ");
            self.sink.put(value);
            self.sink.put(b"\n");
            self.state = State::Fields {
                any: true,
                blank: false,
            };
            return;
        }
        if any && !blank {
            self.sink.put(b"\n");
        }
        let w = indent_width(key);
        self.sink.put(key);
        self.sink.put(b": ");
        let mut pieces = value.split(|&b| b == b'\n').peekable();
        if let Some(first) = pieces.next() {
            self.sink.put(first);
        }
        while let Some(piece) = pieces.next() {
            self.sink.put(b"\n");
            let at_very_end = pieces.peek().is_none() && piece.is_empty();
            if !at_very_end {
                put_spaces(&mut self.sink, w);
            }
            self.sink.put(piece);
        }
        self.sink.put(b"\n\n");
        self.state = State::Fields {
            any: true,
            blank: true,
        };
    }

    /// Writes an empty list `key:` (no trailing space, `field` in docs/grammar.md).
    pub fn empty_list(&mut self, key: &[u8]) {
        self.enter_fields();
        self.sink.put(key);
        self.sink.put(b":\n");
        self.state = State::Fields {
            any: true,
            blank: false,
        };
    }

    /// Writes a list value: items joined with `", "`, wrapped before column 70,
    /// items containing LF written as fields of their own (`field` in docs/grammar.md).
    pub fn list<'i, I>(&mut self, key: &[u8], items: I)
    where
        I: IntoIterator<Item = &'i [u8]>,
    {
        let mut line: Vec<u8> = Vec::new();
        // Characters since the last LF of `line`.
        let mut col = 0usize;
        let mut any = false;
        let w = indent_width(key);
        for v in items {
            any = true;
            if memchr::memchr(b'\n', v).is_some() {
                if !line.is_empty() {
                    self.raw_line_group(&line, false);
                    line.clear();
                    // The pending part is flushed followed by an empty line.
                    self.sink.put(b"\n");
                    self.state = State::Fields {
                        any: true,
                        blank: true,
                    };
                }
                self.field(key, v);
                col = 0;
                continue;
            }
            let vl = char_len(v);
            if line.is_empty() {
                line.extend_from_slice(key);
                line.extend_from_slice(b": ");
                line.extend_from_slice(v);
                col = char_len(key) + 2 + vl;
            } else if col + 1 + vl >= 70 {
                line.extend_from_slice(b",\n");
                line.extend(core::iter::repeat_n(b' ', w));
                line.extend_from_slice(v);
                col = w + vl;
            } else {
                line.extend_from_slice(b", ");
                line.extend_from_slice(v);
                col += 2 + vl;
            }
        }
        if !any {
            self.empty_list(key);
            return;
        }
        if !line.is_empty() {
            let wrapped = memchr::memchr(b'\n', &line).is_some();
            self.raw_line_group(&line, wrapped);
        }
    }

    /// Writes an already composed field line (or wrapped group of lines).
    fn raw_line_group(&mut self, line: &[u8], wrapped: bool) {
        self.enter_fields();
        let State::Fields { any, blank } = self.state else {
            return;
        };
        if wrapped && any && !blank {
            self.sink.put(b"\n");
        }
        self.sink.put(line);
        self.sink.put(if wrapped { b"\n\n" } else { b"\n" });
        self.state = State::Fields {
            any: true,
            blank: wrapped,
        };
    }

    /// Writes the `>>` echo text of a 409 answer verbatim (each line ended by LF).
    pub fn echo(&mut self, text: &[u8]) {
        self.enter_fields();
        self.sink.put(text);
        if !text.ends_with(b"\n") {
            self.sink.put(b"\n");
        }
        self.state = State::Echo;
    }

    /// Ends the current form. `field_list` tells whether RT composed a field
    /// list after the comments: a form with fields always has one; a form that
    /// only reports comments has none (`form` in docs/grammar.md).
    pub fn end_form(&mut self, field_list: bool) {
        if field_list {
            self.enter_fields();
        }
        self.begin();
        self.state = State::Start;
        self.forms += 1;
    }

    /// Writes one parsed form (comments, fields with their decoded values, echo).
    pub fn form(&mut self, form: &Form<'_, '_>) {
        // Line by line, so that CRLF input is written with LF like the rest.
        for line in form.comments() {
            self.comment(line);
        }
        let mut buf = Vec::new();
        for f in form.fields() {
            let v = f.value();
            if v.is_empty_list() {
                self.empty_list(f.key());
            } else if let Some(b) = v.as_bytes() {
                self.field(f.key(), b);
            } else {
                buf.clear();
                v.decode_into(&mut buf);
                self.field(f.key(), &buf);
            }
        }
        // Line by line, so that CRLF input is written with LF like the rest.
        for line in form.echo_lines() {
            self.echo(line);
        }
        self.end_form(form.has_field_list());
    }

    /// Ends the form set (ends an open form; writes nothing else).
    pub fn finish(mut self) -> S {
        if self.state != State::Start {
            self.end_form(true);
        }
        self.sink
    }

    /// Number of forms written so far.
    #[must_use]
    pub fn form_count(&self) -> usize {
        self.forms
    }
}

impl FormWriter<&mut Vec<u8>> {
    /// Length of the buffer written into (what it held before included).
    #[must_use]
    pub fn buffer_len(&self) -> usize {
        self.sink.len()
    }
}

/// Writes the form set of `forms` in RT's layout (what RT's `form_compose`
/// produced; the envelope's framing LFs are not included).
pub fn write_forms<'r, 'a, S: Sink>(sink: S, forms: impl IntoIterator<Item = Form<'r, 'a>>) -> S
where
    'a: 'r,
{
    let mut w = FormWriter::new(sink);
    for f in forms {
        w.form(&f);
    }
    w.finish()
}

fn write_envelope<S: Sink>(sink: &mut S, env: &Envelope<'_, '_>) {
    sink.put(env.status().as_bytes());
    sink.put(b"\n");
    if env.has_empty_line() {
        sink.put(b"\n");
    }
    match env.payload() {
        Payload::Forms(forms) => {
            write_forms(&mut *sink, forms);
            for _ in 0..env.trailer() {
                sink.put(b"\n");
            }
        }
        Payload::Text(t) | Payload::Raw(t) => sink.put(t),
    }
}

impl Response<'_> {
    /// Writes the response back in RT's layout. For every response RT sends,
    /// this gives back the input byte for byte (text payloads and raw content
    /// verbatim); for other input it gives the canonical form of what was read.
    pub fn write_to<S: Sink>(&self, sink: &mut S) {
        match self.kind() {
            BodyKind::Empty => {}
            BodyKind::Text => sink.put(self.input()),
            BodyKind::Envelopes => {
                for env in self.envelopes() {
                    write_envelope(sink, &env);
                }
            }
        }
    }

    /// The response re-encoded; see [`Response::write_to`].
    #[must_use]
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.input().len());
        self.write_to(&mut out);
        out
    }

    /// Length of [`Response::to_bytes`], without writing.
    #[must_use]
    pub fn encoded_len(&self) -> usize {
        let mut c = LenCounter(0);
        self.write_to(&mut c);
        c.0
    }
}
