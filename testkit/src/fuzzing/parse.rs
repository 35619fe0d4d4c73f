//! The `parse_response` oracle: every slice the parse hands out lies inside
//! the input and inside its form, positions are in input order, counts agree
//! with the iterators, and decoding a value agrees with itself.

use rt_wire::{
    BodyKind, Envelope, Field, Form, ParseOptions, Payload, Response, Value, parse_response_with,
};

use super::{Show, assert_inside, cases, check_error};

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

/// Where the walk over a response is: the end of the previous envelope's
/// payload, of the previous form, the offset of the previous field, and the
/// forms and fields seen so far.
#[derive(Default)]
struct Walk {
    env_end: usize,
    form_end: usize,
    field: Option<usize>,
    forms: usize,
    fields: usize,
}

fn check_response(r: &Response<'_>, input: &[u8], opts: &ParseOptions) {
    let ctx = || format!("{opts:?} on {}", Show(input));
    assert!(std::ptr::eq(r.input(), input), "input() is not the input");
    assert_eq!(r.framing(), opts.framing, "framing; {}", ctx());
    check_kind(r, input, opts);
    let mut walk = Walk::default();
    let n_env = r.envelopes().len();
    let mut counted = 0usize;
    for env in r.envelopes() {
        counted += 1;
        assert!(counted <= n_env, "envelope iterator runs past its length");
        check_envelope(r, &env, input, opts, &mut walk);
    }
    assert_eq!(counted, n_env);
    assert_eq!(walk.forms, r.form_count(), "form count; {}", ctx());
    assert_eq!(
        r.forms().count(),
        r.form_count(),
        "forms() count; {}",
        ctx()
    );
    assert_eq!(walk.fields, r.field_count(), "field count; {}", ctx());
}

/// The body kind agrees with the input, the text and the envelopes.
fn check_kind(r: &Response<'_>, input: &[u8], opts: &ParseOptions) {
    let ctx = || format!("{opts:?} on {}", Show(input));
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
        other => panic!("body kind {other:?} unknown to the oracle; {}", ctx()),
    }
    if r.kind() != BodyKind::Text {
        assert_eq!(r.text(), None);
    }
    assert_eq!(r.status().is_some(), r.envelopes().len() > 0);
}

/// Checks one envelope's status line, payload span and forms.
fn check_envelope(
    r: &Response<'_>,
    env: &Envelope<'_, '_>,
    input: &[u8],
    opts: &ParseOptions,
    walk: &mut Walk,
) {
    let ctx = || format!("{opts:?} on {}", Show(input));
    let status_end = check_status(env, input, opts, walk.env_end);
    let span = env.payload_span();
    assert!(
        span.start <= span.end && span.end <= input.len(),
        "payload span {span:?}; {}",
        ctx()
    );
    assert!(span.start >= status_end, "payload before status; {}", ctx());
    walk.env_end = span.end;
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
                walk.forms += 1;
                assert!(
                    walk.forms <= r.form_count(),
                    "form iterator runs past its count"
                );
                let fs = form.span();
                assert!(
                    fs.start <= fs.end && fs.start >= span.start && fs.end <= span.end,
                    "form span {fs:?} outside payload {span:?}; {}",
                    ctx()
                );
                assert!(fs.start >= walk.form_end, "forms out of order; {}", ctx());
                walk.form_end = fs.end;
                walk.fields += check_form(&form, input, opts, &mut walk.field);
            }
        }
        Payload::Text(t) | Payload::Raw(t) => {
            assert!(!env.is_forms());
            assert_eq!(env.forms().count(), 0, "forms in a text payload; {}", ctx());
            assert_eq!(t, payload);
        }
        other => panic!("payload {other:?} unknown to the oracle; {}", ctx()),
    }
}

/// Checks an envelope's status line, which starts at or after `prev_end`;
/// returns the offset of its end.
fn check_status(
    env: &Envelope<'_, '_>,
    input: &[u8],
    opts: &ParseOptions,
    prev_end: usize,
) -> usize {
    let ctx = || format!("{opts:?} on {}", Show(input));
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
    assert!(status_at >= prev_end, "envelopes out of order; {}", ctx());
    status_at + raw.len()
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
    check_comments(form, input, opts, &in_form);
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

/// The comment block and its lines, and the echo, lie inside the form.
fn check_comments(
    form: &Form<'_, '_>,
    input: &[u8],
    opts: &ParseOptions,
    in_form: &dyn Fn(&[u8], &str),
) {
    let ctx = || format!("{opts:?} on {}", Show(input));
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
        Err(_) => assert!(std::str::from_utf8(&decoded).is_err()),
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
