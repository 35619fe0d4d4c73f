//! Fuzzing oracles: plain functions over bytes, each asserting an invariant of
//! the crate and panicking, with the input in the message, when it does not
//! hold. The `fuzz/` targets call them in two lines each, and
//! `tests/fuzz_oracles.rs` runs them over the committed corpus and every pinned
//! regression, so the same checks run under `cargo test --features fuzzing`.
//!
//! Every oracle reads one input as four cases (see [`cases`]): the whole input
//! under each of the three framings with the other options at their defaults
//! (so the committed captures are meaningful seeds as they are), and the input
//! after its first byte under the option combination that byte selects
//! ([`options_from_byte`]: framing, `forms_only`, `allow_crlf`, `key_split`,
//! small limits).
//!
//! Not part of the public API: behind the `fuzzing` feature and hidden from
//! the documentation.

use alloc::format;
use alloc::vec::Vec;
use core::fmt;

use bytes::Bytes;

use crate::form::{Field, Form, Value};
use crate::options::{Framing, KeySplit, Limits, ParseOptions};
use crate::response::{BodyKind, Payload, Response, parse_response_with};
use crate::shared::SharedResponse;
use crate::stream::{Event, Status, StreamReader};
use crate::{LenCounter, ParseError, write_forms};

mod views;
pub use views::*;

/// Bytes shown as an escaped byte-string literal in assert messages.
struct Show<'a>(&'a [u8]);

impl fmt::Display for Show<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "b\"{}\"", self.0.escape_ascii())
    }
}

/// The option combination selected by one byte.
///
/// | bits | option |
/// | --- | --- |
/// | 0–1 | framing: 0 and 3 `Object`, 1 `Search`, 2 `Content` |
/// | 2 | `forms_only` |
/// | 3 | `allow_crlf` |
/// | 4 | `key_split(KeySplit::Last)` |
/// | 5 | small limits (lines of 40 bytes, 3 forms, 6 fields, 4 per form, 3 continuation lines, 2 envelopes) |
/// | 6 | `max_input_len` of 200 bytes |
#[must_use]
pub fn options_from_byte(b: u8) -> ParseOptions {
    let framing = match b & 3 {
        1 => Framing::Search,
        2 => Framing::Content,
        _ => Framing::Object,
    };
    let mut limits = Limits::default();
    if b & 0x20 != 0 {
        limits = limits
            .max_line_len(40)
            .max_forms(3)
            .max_fields(6)
            .max_fields_per_form(4)
            .max_value_lines(3)
            .max_envelopes(2);
    }
    if b & 0x40 != 0 {
        limits = limits.max_input_len(200);
    }
    ParseOptions::new()
        .framing(framing)
        .forms_only(b & 4 != 0)
        .allow_crlf(b & 8 != 0)
        .key_split(if b & 0x10 != 0 {
            KeySplit::Last
        } else {
            KeySplit::First
        })
        .limits(limits)
}

/// The cases one input is read as: the whole input under each framing with
/// default options, then the input after its first byte under
/// [`options_from_byte`] of that byte.
#[must_use]
pub fn cases(data: &[u8]) -> Vec<(ParseOptions, &[u8])> {
    let mut out = Vec::with_capacity(4);
    for framing in [Framing::Object, Framing::Search, Framing::Content] {
        out.push((ParseOptions::new().framing(framing), data));
    }
    if let Some((&b, rest)) = data.split_first() {
        out.push((options_from_byte(b), rest));
    }
    out
}

// ---------------------------------------------------------------------------
// parse_response

/// Every slice the parse hands out lies inside the input, every span and
/// offset is within it and in input order, every error offset is within the
/// input with a consistent line and column, every iterator terminates, and
/// decoding values never panics and agrees with itself.
pub fn parse_response(data: &[u8]) {
    for (opts, input) in cases(data) {
        match parse_response_with(input, &opts) {
            Ok(r) => check_response(&r, input, &opts),
            Err(e) => check_error(&e, input, &opts),
        }
    }
}

fn check_error(e: &ParseError, input: &[u8], opts: &ParseOptions) {
    let ctx = || format!("{opts:?} on {}", Show(input));
    assert!(
        e.offset() <= input.len(),
        "error offset {} past the end: {e}; {}",
        e.offset(),
        ctx()
    );
    let before = &input[..e.offset()];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    assert_eq!(e.line(), line, "error line: {e}; {}", ctx());
    assert_eq!(
        e.column(),
        e.offset() - line_start + 1,
        "error column: {e}; {}",
        ctx()
    );
    let _ = format!("{e}");
    assert!(!e.expected().is_empty());
}

/// Whether `part` lies inside `input` (an empty slice: at a position in it,
/// end included).
fn inside(input: &[u8], part: &[u8]) -> bool {
    let base = input.as_ptr() as usize;
    let p = part.as_ptr() as usize;
    p >= base && p + part.len() <= base + input.len()
}

#[track_caller]
fn assert_inside(input: &[u8], part: &[u8], what: &str, opts: &ParseOptions) {
    assert!(
        inside(input, part),
        "{what} {} is not a slice of the input; {opts:?} on {}",
        Show(part),
        Show(input)
    );
}

fn check_response(r: &Response<'_>, input: &[u8], opts: &ParseOptions) {
    let ctx = || format!("{opts:?} on {}", Show(input));
    assert!(core::ptr::eq(r.input(), input), "input() is not the input");
    assert_eq!(r.framing(), opts.framing, "framing; {}", ctx());
    match r.kind() {
        BodyKind::Empty => {
            assert!(
                input.is_empty(),
                "Empty kind for a non-empty input; {}",
                ctx()
            );
        }
        BodyKind::Text => {
            assert!(
                !input.starts_with(b"RT/"),
                "Text kind for an envelope; {}",
                ctx()
            );
            assert_eq!(r.text(), Some(input));
        }
        BodyKind::Envelopes => {
            assert!(
                input.starts_with(b"RT/"),
                "envelopes without RT/; {}",
                ctx()
            );
            assert!(r.envelopes().len() >= 1, "no envelope; {}", ctx());
        }
    }
    if r.kind() != BodyKind::Text {
        assert_eq!(r.text(), None);
    }
    assert_eq!(r.status().is_some(), r.envelopes().len() > 0);

    let mut forms_seen = 0usize;
    let mut fields_seen = 0usize;
    // End of the previous envelope's payload, and of the previous form or field.
    let mut prev_env_end = 0usize;
    let mut prev_form_end = 0usize;
    let mut prev_field = None::<usize>;
    let n_env = r.envelopes().len();
    let mut counted = 0usize;
    for env in r.envelopes() {
        counted += 1;
        assert!(counted <= n_env, "envelope iterator runs past its length");
        let status = env.status();
        let raw = status.as_bytes();
        assert_inside(input, raw, "status line", opts);
        assert_inside(input, status.version().as_bytes(), "status version", opts);
        assert_inside(input, status.reason().as_bytes(), "status reason", opts);
        assert!(
            raw.starts_with(b"RT/"),
            "status line {}; {}",
            Show(raw),
            ctx()
        );
        assert!((0..=999).contains(&status.code()));
        let status_at = raw.as_ptr() as usize - input.as_ptr() as usize;
        assert!(
            status_at >= prev_env_end,
            "envelopes out of order; {}",
            ctx()
        );
        let span = env.payload_span();
        assert!(
            span.start <= span.end && span.end <= input.len(),
            "payload span {span:?}; {}",
            ctx()
        );
        assert!(
            span.start >= status_at + raw.len(),
            "payload before status; {}",
            ctx()
        );
        prev_env_end = span.end;
        let payload = env.raw_payload();
        assert_inside(input, payload, "payload", opts);
        assert_eq!(payload, &input[span.clone()]);
        match env.payload() {
            Payload::Forms(forms) => {
                assert!(env.is_forms());
                assert!(
                    env.trailer() <= payload.len(),
                    "trailer longer than payload"
                );
                for form in forms {
                    forms_seen += 1;
                    assert!(
                        forms_seen <= r.form_count(),
                        "form iterator runs past its count"
                    );
                    let fs = form.span();
                    assert!(
                        fs.start <= fs.end && fs.start >= span.start && fs.end <= span.end,
                        "form span {fs:?} outside payload {span:?}; {}",
                        ctx()
                    );
                    assert!(fs.start >= prev_form_end, "forms out of order; {}", ctx());
                    prev_form_end = fs.end;
                    let n = check_form(&form, input, opts, &mut prev_field);
                    fields_seen += n;
                }
            }
            Payload::Text(t) | Payload::Raw(t) => {
                assert!(!env.is_forms());
                assert_eq!(env.forms().count(), 0, "forms in a text payload; {}", ctx());
                assert_eq!(t, payload);
            }
        }
    }
    assert_eq!(counted, n_env);
    assert_eq!(forms_seen, r.form_count(), "form count; {}", ctx());
    assert_eq!(
        r.forms().count(),
        r.form_count(),
        "forms() count; {}",
        ctx()
    );
    assert_eq!(fields_seen, r.field_count(), "field count; {}", ctx());
}

/// Checks one form; returns its number of fields.
fn check_form(
    form: &Form<'_, '_>,
    input: &[u8],
    opts: &ParseOptions,
    prev_field: &mut Option<usize>,
) -> usize {
    let ctx = || format!("{opts:?} on {}", Show(input));
    let fs = form.span();
    let in_form = |part: &[u8], what: &str| {
        assert_inside(input, part, what, opts);
        let at = part.as_ptr() as usize - input.as_ptr() as usize;
        assert!(
            at >= fs.start && at + part.len() <= fs.end,
            "{what} {} outside its form {fs:?}; {}",
            Show(part),
            ctx()
        );
    };
    if let Some(c) = form.comment_block() {
        in_form(c, "comment block");
        assert!(c.starts_with(b"#"), "comment block {}; {}", Show(c), ctx());
        let mut n = 0;
        for line in form.comments() {
            n += 1;
            assert!(n <= c.len() + 1, "comment lines do not end; {}", ctx());
            in_form(line, "comment line");
            assert!(
                line.starts_with(b"#"),
                "comment line {}; {}",
                Show(line),
                ctx()
            );
        }
    } else {
        assert_eq!(form.comments().count(), 0);
    }
    if let Some(e) = form.echo() {
        in_form(e, "echo");
        assert!(e.starts_with(b">>"), "echo {}; {}", Show(e), ctx());
    }
    let n = form.len();
    assert_eq!(form.is_empty(), n == 0);
    assert_eq!(form.fields().len(), n);
    assert_eq!(form.fields().rev().count(), n);
    if n > 0 {
        assert!(
            form.has_field_list(),
            "fields without a field list; {}",
            ctx()
        );
    }
    let mut count = 0;
    for (i, f) in form.fields().enumerate() {
        count += 1;
        assert!(count <= n, "field iterator runs past its length");
        assert_eq!(form.field(i), Some(f));
        in_form(f.key(), "key");
        let at = f.offset();
        assert_eq!(
            at,
            f.key().as_ptr() as usize - input.as_ptr() as usize,
            "field offset is not its key's; {}",
            ctx()
        );
        assert!(
            prev_field.is_none_or(|p| p < at),
            "fields out of order; {}",
            ctx()
        );
        *prev_field = Some(at);
        if let Some(k) = f.key_str() {
            let first = form.get(k).expect("get finds a present key");
            assert_eq!(first.key(), f.key());
            assert!(form.get_ignore_case(k).is_some());
            assert!(f.key_is(k));
        }
        if let Some(name) = f.custom_field_name() {
            in_form(name, "custom-field name");
        }
        check_value(&f, input, opts, &in_form);
    }
    assert_eq!(form.field(n), None);
    n
}

fn check_value(f: &Field<'_>, input: &[u8], opts: &ParseOptions, in_form: &dyn Fn(&[u8], &str)) {
    let ctx = || format!("key {}; {opts:?} on {}", Show(f.key()), Show(input));
    let v: Value<'_> = f.value();
    in_form(v.raw(), "raw value");
    in_form(v.first_line(), "first value line");
    let decoded = v.to_bytes();
    // The decoded lines: slices of the input, except a final empty one.
    let mut joined = Vec::new();
    let mut n = 0usize;
    for (i, line) in v.lines().enumerate() {
        n += 1;
        assert!(n <= v.raw().len() + 2, "value lines do not end; {}", ctx());
        if !line.is_empty() {
            in_form(line, "value line");
        }
        if i > 0 {
            joined.push(b'\n');
        }
        joined.extend_from_slice(line);
    }
    assert_eq!(joined, &*decoded, "lines() joined != to_bytes(); {}", ctx());
    let mut into = Vec::new();
    v.decode_into(&mut into);
    assert_eq!(into, &*decoded, "decode_into != to_bytes(); {}", ctx());
    assert_eq!(v.decoded_len(), decoded.len(), "decoded_len; {}", ctx());
    assert_eq!(v.is_empty(), decoded.is_empty(), "is_empty; {}", ctx());
    assert_eq!(
        v.is_multiline(),
        decoded.contains(&b'\n'),
        "is_multiline; {}",
        ctx()
    );
    assert_eq!(
        v.trailing_lf(),
        decoded.ends_with(b"\n"),
        "trailing_lf; {}",
        ctx()
    );
    if v.is_empty_list() {
        assert!(decoded.is_empty(), "empty list with a value; {}", ctx());
    }
    if let Some(b) = v.as_bytes() {
        // A value whose only LF is its last byte is the first line and the
        // LF after it, which lies just past the form's span.
        in_form(b.strip_suffix(b"\n").unwrap_or(b), "as_bytes");
        assert_inside(input, b, "as_bytes", opts);
        assert_eq!(b, &*decoded, "as_bytes != to_bytes(); {}", ctx());
    }
    if let Some(s) = v.as_str() {
        assert_eq!(s.as_bytes(), &*decoded);
    }
    match v.to_str() {
        Ok(s) => assert_eq!(s.as_bytes(), &*decoded),
        Err(_) => assert!(core::str::from_utf8(&decoded).is_err()),
    }
    let _ = v.to_string_lossy();
    let mut items = 0usize;
    for item in v.items() {
        items += 1;
        assert!(items <= decoded.len() + 1, "items do not end; {}", ctx());
        if !item.is_empty() {
            in_form(item, "list item");
        }
    }
    if v.is_empty() {
        assert_eq!(items, 0, "items of an empty value; {}", ctx());
    }
}

// ---------------------------------------------------------------------------
// Structures compared by the other oracles

/// A response as owned data: what the parse means, without positions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shape {
    kind: BodyKind,
    text: Option<Vec<u8>>,
    envelopes: Vec<EnvShape>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct EnvShape {
    status: Vec<u8>,
    empty_line: bool,
    trailer: usize,
    payload: PayloadShape,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum PayloadShape {
    Forms(Vec<FormShape>),
    Text(Vec<u8>),
    Raw(Vec<u8>),
}

/// A form as owned data: comment lines, field list flag, fields (key, decoded
/// value, empty list), echo.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormShape {
    comments: Vec<Vec<u8>>,
    field_list: bool,
    fields: Vec<(Vec<u8>, Vec<u8>, bool)>,
    echo: Option<Vec<u8>>,
}

fn form_shape(f: &Form<'_, '_>) -> FormShape {
    FormShape {
        comments: f.comments().map(<[u8]>::to_vec).collect(),
        field_list: f.has_field_list(),
        fields: f
            .fields()
            .map(|x| {
                (
                    x.key().to_vec(),
                    x.value().to_bytes().into_owned(),
                    x.value().is_empty_list(),
                )
            })
            .collect(),
        // Line by line: with CRLF line ends the raw echo keeps its CRs, the
        // lines do not (and the writer writes LF).
        echo: f
            .echo()
            .map(|_| f.echo_lines().collect::<Vec<_>>().join(&b'\n')),
    }
}

/// The [`Shape`] of a parsed response.
#[must_use]
pub fn shape(r: &Response<'_>) -> Shape {
    Shape {
        kind: r.kind(),
        text: r.text().map(<[u8]>::to_vec),
        envelopes: r
            .envelopes()
            .map(|e| EnvShape {
                status: e.status().as_bytes().to_vec(),
                empty_line: e.has_empty_line(),
                trailer: e.trailer(),
                payload: match e.payload() {
                    Payload::Forms(forms) => {
                        PayloadShape::Forms(forms.map(|f| form_shape(&f)).collect())
                    }
                    Payload::Text(t) => PayloadShape::Text(t.to_vec()),
                    Payload::Raw(t) => PayloadShape::Raw(t.to_vec()),
                },
            })
            .collect(),
    }
}

// ---------------------------------------------------------------------------
// roundtrip_response

/// Parse → encode → parse gives the same structure, encoding is a byte-exact
/// fixpoint, `encoded_len` is the encoding's length, and when the input is in
/// RT's layout (encoding gives it back) every payload is exactly its forms in
/// RT's layout plus the framing LFs.
///
/// The encoding is read back with no input length limit and otherwise the
/// same options (text payloads come back verbatim, CRLF included).
pub fn roundtrip_response(data: &[u8]) {
    for (opts, input) in cases(data) {
        let Ok(r1) = parse_response_with(input, &opts) else {
            continue;
        };
        let e1 = r1.to_bytes();
        assert_eq!(
            r1.encoded_len(),
            e1.len(),
            "encoded_len; {opts:?} on {}",
            Show(input)
        );
        let mut counter = LenCounter(0);
        r1.write_to(&mut counter);
        assert_eq!(counter.0, e1.len());
        // The encoding may be longer than the input (RT's layout adds empty
        // lines), so the input length limit does not apply to it.
        // The encoding writes forms with LF line ends (a line's own trailing
        // CR, possible when a CRLF input had "\r\r\n", stays data), so it is
        // read back without `allow_crlf`; text payloads and bodies are written
        // back verbatim, CRLF included, so a response that has one is read
        // back with the option it was read with.
        let verbatim = r1.kind() == BodyKind::Text
            || r1
                .envelopes()
                .any(|e| matches!(e.payload(), Payload::Text(_) | Payload::Raw(_)));
        // Known limit, documented on `ParseOptions::allow_crlf`: a CRLF
        // response that mixes verbatim text payloads with forms whose lines
        // keep a CR of their own cannot be read back both ways at once.
        let form_cr = || {
            r1.forms().any(|f| {
                f.fields()
                    .any(|x| x.value().lines().any(|l| l.ends_with(b"\r")))
                    || f.comments()
                        .chain(f.echo_lines())
                        .any(|l| l.ends_with(b"\r"))
            })
        };
        if opts.allow_crlf && verbatim && form_cr() {
            continue;
        }
        let opts2 = opts
            .allow_crlf(opts.allow_crlf && verbatim)
            .limits(opts.limits.max_input_len(usize::MAX));
        let r2 = match parse_response_with(&e1, &opts2) {
            Ok(r) => r,
            Err(e) => panic!(
                "the encoding does not parse: {e}; {opts:?} on {} encoded as {}",
                Show(input),
                Show(&e1)
            ),
        };
        let (s1, s2) = (
            without_trailing_empty_forms(shape(&r1)),
            without_trailing_empty_forms(shape(&r2)),
        );
        assert!(
            s1 == s2,
            "parse(encode(parse(x))) != parse(x); {opts:?} on {} encoded as {}\n{s1:?}\n{s2:?}",
            Show(input),
            Show(&e1)
        );
        let e2 = r2.to_bytes();
        assert!(
            e1 == e2,
            "encoding is not a fixpoint; {opts:?} on {} encoded as {} then as {}",
            Show(input),
            Show(&e1),
            Show(&e2)
        );
        if e1 == input {
            for env in r1.envelopes() {
                if let Payload::Forms(forms) = env.payload() {
                    let mut out = write_forms(Vec::new(), forms);
                    out.resize(out.len() + env.trailer(), b'\n');
                    assert!(
                        out == env.raw_payload(),
                        "a payload in RT's layout is not its forms plus framing: {} for {}; \
                         {opts:?} on {}",
                        Show(&out),
                        Show(env.raw_payload()),
                        Show(input)
                    );
                }
            }
        }
    }
}

/// Drops the empty forms (no comment, no field list, no echo) at the end of
/// each form set.
///
/// Known difference, reported rather than fixed here: a separator that closes
/// an empty form at the very end of a payload (`--` alone, `A\n--\n--`) reads
/// as a final empty form, which RT's layout writes as nothing, and the
/// encoding then reads back without it. Reading it back with the empty form
/// would need the streaming reader to hold a separator until it knows whether
/// the payload ends there.
fn without_trailing_empty_forms(mut s: Shape) -> Shape {
    for e in &mut s.envelopes {
        if let PayloadShape::Forms(forms) = &mut e.payload {
            while forms.last().is_some_and(|f| {
                f.comments.is_empty() && !f.field_list && f.fields.is_empty() && f.echo.is_none()
            }) {
                forms.pop();
            }
        }
    }
    s
}

// ---------------------------------------------------------------------------
// stream_chunks

/// One item of a response as the streaming reader reports it.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Item {
    Status(Vec<u8>),
    Form(FormShape),
    Text(Vec<u8>),
    Raw(Vec<u8>),
}

fn push(items: &mut Vec<Item>, item: Item) {
    match (items.last_mut(), item) {
        (_, Item::Text(t) | Item::Raw(t)) if t.is_empty() => {}
        (Some(Item::Text(a)), Item::Text(b)) | (Some(Item::Raw(a)), Item::Raw(b)) => {
            a.extend_from_slice(&b);
        }
        (_, item) => items.push(item),
    }
}

fn one_shot_items(r: &Response<'_>) -> Vec<Item> {
    let mut items = Vec::new();
    match r.kind() {
        BodyKind::Empty => {}
        BodyKind::Text => push(&mut items, Item::Text(r.input().to_vec())),
        BodyKind::Envelopes => {
            for e in r.envelopes() {
                push(&mut items, Item::Status(e.status().as_bytes().to_vec()));
                match e.payload() {
                    Payload::Forms(forms) => {
                        for f in forms {
                            push(&mut items, Item::Form(form_shape(&f)));
                        }
                    }
                    Payload::Text(t) => push(&mut items, Item::Text(t.to_vec())),
                    Payload::Raw(t) => push(&mut items, Item::Raw(t.to_vec())),
                }
            }
        }
    }
    items
}

/// Feeds `input` in `chunks` (sizes, cycled) and collects the events, or the
/// error.
fn streamed(input: &[u8], chunks: &[usize], opts: &ParseOptions) -> Result<Vec<Item>, ParseError> {
    let ctx = || format!("chunks {chunks:?}; {opts:?} on {}", Show(input));
    let mut reader = StreamReader::with_options(*opts);
    let mut buf: Vec<u8> = Vec::new();
    let mut items = Vec::new();
    let mut at = 0usize;
    let mut consumed = 0usize;
    // Each event consumes bytes or is followed by one that does; a bound on
    // the number of events catches a reader that stops making progress.
    let bound = 4 * input.len() + 64;
    let mut events = 0usize;
    let mut handle = |items: &mut Vec<Item>, e: &Event<'_, '_>| -> bool {
        events += 1;
        assert!(events <= bound, "the reader makes no progress; {}", ctx());
        match e {
            Event::Status(s) => push(items, Item::Status(s.as_bytes().to_vec())),
            Event::Form(f) => push(items, Item::Form(form_shape(f))),
            Event::Text(t) => push(items, Item::Text(t.to_vec())),
            Event::Raw(t) => push(items, Item::Raw(t.to_vec())),
            Event::End => return true,
        }
        false
    };
    let mut i = 0usize;
    while at < input.len() {
        let n = chunks[i % chunks.len()].clamp(1, input.len() - at);
        i += 1;
        buf.extend_from_slice(&input[at..at + n]);
        at += n;
        while let Status::Complete(e, used) = reader.feed(&buf, false)? {
            assert!(used <= buf.len(), "consumed past the buffer; {}", ctx());
            assert!(!handle(&mut items, &e), "End before eof; {}", ctx());
            buf.drain(..used);
            consumed += used;
        }
        assert_eq!(reader.consumed(), consumed, "consumed(); {}", ctx());
    }
    loop {
        match reader.feed(&buf, true)? {
            Status::Complete(e, used) => {
                assert!(used <= buf.len(), "consumed past the buffer; {}", ctx());
                let end = handle(&mut items, &e);
                buf.drain(..used);
                consumed += used;
                if end {
                    assert!(buf.is_empty(), "bytes left after End; {}", ctx());
                    assert_eq!(consumed, input.len(), "consumed at End; {}", ctx());
                    assert_eq!(reader.consumed(), consumed, "consumed(); {}", ctx());
                    return Ok(items);
                }
            }
            Status::Partial => panic!("Partial at eof; {}", ctx()),
        }
    }
}

/// Feeding the input in chunks gives the one-shot parse's events (forms with
/// decoded values, status lines, concatenated text and raw pieces), or the
/// one-shot parse's error, equal in kind, offset, line and column: both are
/// the same driver, run at the end of the input or on the bytes so far.
///
/// Chunk sizes come from the input's first four bytes (each plus one); a
/// second run splits the input in two at a point taken from its first two
/// bytes. The stream reader never holds the whole input, so it has no input
/// length limit: `max_input_len` is left at its default here.
pub fn stream_chunks(data: &[u8]) {
    let sizes: Vec<usize> = data.iter().take(4).map(|&b| usize::from(b) + 1).collect();
    let sizes = if sizes.is_empty() {
        alloc::vec![1]
    } else {
        sizes
    };
    let split = match data {
        [a, b, ..] => usize::from(u16::from_le_bytes([*a, *b])),
        _ => 0,
    };
    for (opts, input) in cases(data) {
        let opts = opts.limits(opts.limits.max_input_len(usize::MAX));
        let want = parse_response_with(input, &opts).map(|r| one_shot_items(&r));
        let at = split % (input.len() + 1);
        let runs: [Vec<usize>; 2] = [sizes.clone(), alloc::vec![at.max(1), input.len() + 1]];
        for chunks in runs {
            let got = streamed(input, &chunks, &opts);
            match (&want, &got) {
                (Ok(w), Ok(g)) => assert!(
                    w == g,
                    "streamed != one-shot; chunks {chunks:?}; {opts:?} on {}\n{w:?}\n{g:?}",
                    Show(input)
                ),
                (Err(w), Err(g)) => {
                    assert_eq!(
                        w,
                        g,
                        "streamed error != one-shot error; chunks {chunks:?}; {opts:?} on {}",
                        Show(input)
                    );
                    check_stream_error(g, input, &opts);
                }
                _ => panic!(
                    "one-shot {:?} but streamed {:?}; chunks {chunks:?}; {opts:?} on {}",
                    want.as_ref().err(),
                    got.as_ref().err(),
                    Show(input)
                ),
            }
        }
    }
}

fn check_stream_error(e: &ParseError, input: &[u8], opts: &ParseOptions) {
    check_error(e, input, opts);
}

// ---------------------------------------------------------------------------
// shared_views

/// The `Bytes`-backed parse equals the borrowed one; every part of it handed
/// out through [`SharedResponse::slice`] shares the buffer, and
/// [`SharedResponse::value`] gives the decoded value.
pub fn shared_views(data: &[u8]) {
    for (opts, input) in cases(data) {
        let bytes = Bytes::copy_from_slice(input);
        let borrowed = parse_response_with(input, &opts);
        let shared = SharedResponse::parse_with(bytes.clone(), &opts);
        let (b, s) = match (borrowed, shared) {
            (Ok(b), Ok(s)) => (b, s),
            (Err(a), Err(b)) => {
                assert_eq!(a, b, "different errors; {opts:?} on {}", Show(input));
                continue;
            }
            (b, s) => panic!(
                "borrowed {:?} but shared {:?}; {opts:?} on {}",
                b.err(),
                s.err(),
                Show(input)
            ),
        };
        assert!(
            s.bytes().as_ptr() == bytes.as_ptr(),
            "the buffer was copied"
        );
        let view = s.response();
        assert!(
            shape(&b) == shape(&view),
            "shared != borrowed; {opts:?} on {}",
            Show(input)
        );
        assert_eq!(b.to_bytes(), view.to_bytes());
        let buf: &[u8] = s.bytes();
        let check = |part: &[u8], what: &str| {
            let got = s.slice(part);
            assert_eq!(
                &got[..],
                part,
                "slice of {what}; {opts:?} on {}",
                Show(input)
            );
            if !part.is_empty() {
                assert!(
                    got.as_ptr() == part.as_ptr() && inside(buf, &got),
                    "slice of {what} {} does not share the buffer; {opts:?} on {}",
                    Show(part),
                    Show(input)
                );
            }
        };
        if let Some(t) = view.text() {
            check(t, "text");
        }
        for env in view.envelopes() {
            check(env.status().as_bytes(), "status line");
            check(env.raw_payload(), "payload");
        }
        for form in view.forms() {
            if let Some(c) = form.comment_block() {
                check(c, "comment block");
            }
            for line in form.comments() {
                check(line, "comment line");
            }
            if let Some(e) = form.echo() {
                check(e, "echo");
            }
            for f in form.fields() {
                check(f.key(), "key");
                let v = f.value();
                check(v.raw(), "raw value");
                check(v.first_line(), "first value line");
                let got = s.value(&v);
                assert_eq!(
                    &got[..],
                    &*v.to_bytes(),
                    "value(); {opts:?} on {}",
                    Show(input)
                );
                if let Some(b) = v.as_bytes().filter(|b| !b.is_empty()) {
                    assert!(
                        got.as_ptr() == b.as_ptr(),
                        "value() of a one-slice value was copied; {opts:?} on {}",
                        Show(input)
                    );
                }
            }
        }
        // A copy outside the buffer is copied, not shared.
        let outside = Vec::from(&b"x"[..]);
        assert!(s.slice(&outside).as_ptr() != outside.as_ptr());
        // Taking over the borrowed parse of the same buffer gives the same.
        let again = parse_response_with(&bytes, &opts).expect("parsed once already");
        let taken = SharedResponse::from_response(bytes.clone(), again)
            .unwrap_or_else(|_| panic!("from_response refused its own buffer"));
        assert!(
            taken == s,
            "from_response != parse_with; {opts:?} on {}",
            Show(input)
        );
    }
}

// ---------------------------------------------------------------------------
// encode_structured (request side)

/// Field names that are valid most of the time, so that structured inputs
/// build forms rather than fail validation.
const NAMES: &[&str] = &[
    "Subject",
    "Text",
    "Status",
    "Queue",
    "Requestors",
    "CF.{Colon: Field}",
    "CF-Old",
    "Action",
];

/// Anything the request API builds (forms of validated names and values,
/// plain and quoted lists, joined into `content`) encodes to its
/// `encoded_len` bytes of UTF-8 that the request-side parser (RT's
/// `form_parse`) reads back as the same forms, fields and values, with no
/// comment and no error; a list's value splits back (RT's `vsplit`, without
/// or with unquoting) into exactly its items, and a quoted list is refused
/// only for an item with a line break.
pub fn encode_structured(data: &[u8]) {
    use crate::request::{
        Content, FieldName, FieldValue, ParsedValue, RequestForm, parse_content, split_request_list,
    };
    use alloc::string::String;
    use arbitrary::Unstructured;

    /// What one field must read back as: its text, and for a list its items
    /// and whether RT unquotes them.
    struct Want<'d> {
        name: &'d str,
        text: String,
        list: Option<(Vec<&'d str>, bool)>,
    }
    impl fmt::Debug for Want<'_> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "{:?}: {:?} {:?}", self.name, self.text, self.list)
        }
    }

    let mut u = Unstructured::new(data);
    let mut content = Content::new();
    let mut expect: Vec<Vec<Want<'_>>> = Vec::new();
    let n_forms = u.int_in_range(1..=4u8).unwrap_or(1);
    for _ in 0..n_forms {
        let mut form = RequestForm::new();
        let mut fields = Vec::new();
        for _ in 0..u.int_in_range(1..=6u8).unwrap_or(1) {
            let name: &str = if u.ratio(3, 4).unwrap_or(true) {
                NAMES[usize::from(u.int_in_range(0..=7u8).unwrap_or(0))]
            } else {
                u.arbitrary().unwrap_or("")
            };
            if u.ratio(1, 4).unwrap_or(false) {
                let items: Vec<&str> = (0..u.int_in_range(0..=4u8).unwrap_or(0))
                    .map(|_| u.arbitrary().unwrap_or(""))
                    .collect();
                let strip = u.arbitrary().unwrap_or(false);
                let value = if strip {
                    let v = FieldValue::quoted_list(&items);
                    assert_eq!(
                        v.is_err(),
                        items.iter().any(|i| i.contains(['\n', '\r'])),
                        "quoted_list of {items:?}: {v:?}"
                    );
                    v
                } else {
                    FieldValue::plain_list(&items)
                };
                let (Ok(n), Ok(v)) = (FieldName::try_from(name), value) else {
                    continue;
                };
                let text = String::from(v.as_str());
                if form.push(n, v).is_ok() {
                    fields.push(Want {
                        name,
                        text,
                        list: Some((items, strip)),
                    });
                }
            } else {
                let value: &str = u.arbitrary().unwrap_or("");
                if form.field(name, value).is_ok() {
                    fields.push(Want {
                        name,
                        text: String::from(value),
                        list: None,
                    });
                }
            }
        }
        if content.push(form).is_ok() {
            expect.push(fields);
        }
    }
    let bytes = content.to_bytes();
    assert_eq!(
        content.encoded_len(),
        bytes.len(),
        "encoded_len; {expect:?}"
    );
    let text = core::str::from_utf8(&bytes).expect("content is UTF-8");
    let parsed = parse_content(text);
    assert_eq!(
        parsed.len(),
        expect.len(),
        "form count; {expect:?} encoded as {}",
        Show(&bytes)
    );
    for (p, want) in parsed.iter().zip(&expect) {
        let ctx = || format!("{want:?} encoded as {}", Show(&bytes));
        assert_eq!(p.error(), None, "error; {}", ctx());
        assert_eq!(p.comment(), None, "comment; {}", ctx());
        assert_eq!(p.fields().len(), want.len(), "field count; {}", ctx());
        for ((k, v), w) in p.fields().iter().zip(want) {
            assert_eq!(*k, w.name, "key; {}", ctx());
            let got = match v {
                ParsedValue::Scalar(s) => s,
                ParsedValue::List(_) => panic!("a list read back for one key; {}", ctx()),
            };
            assert_eq!(&**got, w.text, "value of {k}; {}", ctx());
            if let Some((items, strip)) = &w.list {
                assert_eq!(
                    split_request_list(got, *strip),
                    *items,
                    "items of {k} (strip {strip}); {}",
                    ctx()
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------
// content_body (request bodies)

fn percent_decode(enc: &[u8], ctx: &dyn Fn() -> alloc::string::String) -> Vec<u8> {
    let hex = |b: u8| match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'A'..=b'F' => Some(b - b'A' + 10),
        b'a'..=b'f' => Some(b - b'a' + 10),
        _ => None,
    };
    let mut out = Vec::with_capacity(enc.len());
    let mut i = 0;
    while i < enc.len() {
        let b = enc[i];
        if b == b'%' {
            let (Some(h), Some(l)) = (
                enc.get(i + 1).copied().and_then(hex),
                enc.get(i + 2).copied().and_then(hex),
            ) else {
                panic!("bad percent escape at {i}; {}", ctx());
            };
            out.push(h << 4 | l);
            i += 3;
        } else {
            assert!(
                b.is_ascii_alphanumeric() || b"-._~*".contains(&b),
                "unescaped byte {b:#04x} in a url-encoded value; {}",
                ctx()
            );
            out.push(b);
            i += 1;
        }
    }
    out
}

/// The url-encoded body (`content=…&user=…&pass=…`) and the multipart body
/// (content, credentials, attachments) decode back to the same parts, their
/// lengths are what the `*_len` functions say, and the multipart boundary
/// occurs in no part.
pub fn content_body(data: &[u8]) {
    use crate::request::{
        Attachment, Credentials, multipart_body, urlencoded_body, urlencoded_len,
    };
    use arbitrary::Unstructured;

    let mut u = Unstructured::new(data);
    let creds = if u.ratio(1, 2).unwrap_or(false) {
        let user: &str = u.arbitrary().unwrap_or("");
        let pass: &str = u.arbitrary().unwrap_or("");
        Some(Credentials::new(user, pass))
    } else {
        None
    };
    let mut atts = Vec::new();
    for _ in 0..u.int_in_range(0..=3u8).unwrap_or(0) {
        let name: &str = u.arbitrary().unwrap_or("");
        let ctype: &str = u.arbitrary().unwrap_or("text/plain");
        let bytes: &[u8] = u.arbitrary().unwrap_or(b"");
        if let Ok(a) = Attachment::new(name, ctype, bytes) {
            atts.push(a);
        }
    }
    let content: &[u8] = u.take_rest();

    // url-encoded
    let mut body = Vec::new();
    urlencoded_body(content, creds.as_ref(), &mut body);
    let ctx = || format!("content {}; url-encoded {}", Show(content), Show(&body));
    assert_eq!(
        urlencoded_len(content, creds.as_ref()),
        body.len(),
        "{}",
        ctx()
    );
    let parts: Vec<&[u8]> = body.split(|&b| b == b'&').collect();
    let mut want: Vec<(&[u8], &[u8])> = alloc::vec![(&b"content"[..], content)];
    if let Some(c) = &creds {
        want.push((b"user", c.user().as_bytes()));
        want.push((b"pass", c.pass().as_bytes()));
    }
    assert_eq!(parts.len(), want.len(), "parts; {}", ctx());
    for (part, (name, value)) in parts.iter().zip(&want) {
        let eq = part.iter().position(|&b| b == b'=').expect("name=value");
        assert_eq!(&part[..eq], *name, "{}", ctx());
        assert_eq!(percent_decode(&part[eq + 1..], &ctx), *value, "{}", ctx());
    }

    // multipart
    let mp = multipart_body(content, creds.as_ref(), &atts);
    let b = mp.boundary().as_bytes();
    let body = mp.bytes();
    let ctx = || format!("content {}; multipart {}", Show(content), Show(body));
    assert!(
        mp.content_type().ends_with(mp.boundary()),
        "content type {}; {}",
        mp.content_type(),
        ctx()
    );
    let mut open = Vec::from(&b"--"[..]);
    open.extend_from_slice(b);
    open.extend_from_slice(b"\r\n");
    let mut close = Vec::from(&b"\r\n--"[..]);
    close.extend_from_slice(b);
    close.extend_from_slice(b"--\r\n");
    let mut delim = Vec::from(&b"\r\n--"[..]);
    delim.extend_from_slice(b);
    delim.extend_from_slice(b"\r\n");
    let inner = body
        .strip_prefix(&open[..])
        .and_then(|r| r.strip_suffix(&close[..]))
        .unwrap_or_else(|| panic!("multipart framing; {}", ctx()));
    let mut parts = Vec::new();
    let mut rest = inner;
    while let Some(p) = memchr::memmem::find(rest, &delim) {
        parts.push(&rest[..p]);
        rest = &rest[p + delim.len()..];
    }
    parts.push(rest);
    let mut want: Vec<(alloc::string::String, &[u8])> =
        alloc::vec![(alloc::string::String::from("name=\"content\""), content)];
    if let Some(c) = &creds {
        want.push((
            alloc::string::String::from("name=\"user\""),
            c.user().as_bytes(),
        ));
        want.push((
            alloc::string::String::from("name=\"pass\""),
            c.pass().as_bytes(),
        ));
    }
    for (i, a) in atts.iter().enumerate() {
        want.push((format!("name=\"attachment_{}\"", i + 1), a.bytes()));
    }
    assert_eq!(parts.len(), want.len(), "multipart parts; {}", ctx());
    for (part, (name, value)) in parts.iter().zip(&want) {
        let h = memchr::memmem::find(part, b"\r\n\r\n")
            .unwrap_or_else(|| panic!("part without header end; {}", ctx()));
        let header = &part[..h];
        assert!(
            memchr::memmem::find(header, name.as_bytes()).is_some(),
            "part header {} lacks {name}; {}",
            Show(header),
            ctx()
        );
        assert_eq!(&part[h + 4..], *value, "part data; {}", ctx());
    }
    assert!(memchr::memmem::find(content, b).is_none());
}
