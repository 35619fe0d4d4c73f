//! Hostile input hits the documented limits as errors at the offending byte,
//! not memory exhaustion, in the one-shot parser and in the stream reader.

use rt_wire::stream::{Status, StreamReader};
use rt_wire::{ErrorKind, LimitKind, Limits, ParseError, ParseOptions, parse_response_with};

fn stream(input: &[u8], opts: ParseOptions) -> Result<(), ParseError> {
    let mut r = StreamReader::with_options(opts);
    let mut pos = 0;
    loop {
        match r.feed(&input[pos..], true)? {
            Status::Complete(rt_wire::stream::Event::End, _) => return Ok(()),
            Status::Complete(_, used) => pos += used,
            Status::Partial => unreachable!("eof was given"),
        }
    }
}

fn expect_limit(input: &[u8], opts: ParseOptions, kind: LimitKind) -> ParseError {
    let e = parse_response_with(input, &opts).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Limit(kind), "{e}");
    assert!(e.offset() <= input.len());
    let s = stream(input, opts).unwrap_err();
    assert_eq!(s.kind(), ErrorKind::Limit(kind), "stream: {s}");
    e
}

#[test]
fn a_huge_line() {
    let mut input = b"RT/5.0.3 200 Ok\n\nSubject: ".to_vec();
    input.resize(input.len() + 5000, b'x');
    input.push(b'\n');
    let opts = ParseOptions::new().limits(Limits::default().max_line_len(1000));
    let e = expect_limit(&input, opts, LimitKind::LineLength);
    assert_eq!(e.offset(), 17 + 1000);
    assert!(e.to_string().contains("limit 1000"), "{e}");
}

#[test]
fn endless_continuation_lines() {
    let mut input = b"RT/5.0.3 200 Ok\n\nContent: x\n".to_vec();
    for _ in 0..500 {
        input.extend_from_slice(b"         more\n");
    }
    let opts = ParseOptions::new().limits(Limits::default().max_value_lines(100));
    let e = expect_limit(&input, opts, LimitKind::ValueLines);
    assert_eq!(e.line(), 3 + 101);
}

#[test]
fn too_many_fields_in_one_form() {
    let mut input = b"RT/5.0.3 200 Ok\n\n".to_vec();
    for i in 0..300 {
        input.extend_from_slice(format!("K{i}: v\n").as_bytes());
    }
    let opts = ParseOptions::new().limits(Limits::default().max_fields_per_form(200));
    let e = expect_limit(&input, opts, LimitKind::FieldsPerForm);
    assert_eq!(e.line(), 3 + 200);
}

#[test]
fn too_many_fields_in_all() {
    let mut input = b"RT/5.0.3 200 Ok\n\n".to_vec();
    for i in 0..300 {
        input.extend_from_slice(format!("K: {i}\n\n--\n\n").as_bytes());
    }
    let opts = ParseOptions::new().limits(Limits::default().max_fields(250));
    expect_limit(&input, opts, LimitKind::Fields);
}

#[test]
fn a_million_forms_with_the_default_limits() {
    // 1,000,001 forms is one more than the default limit: an error after a
    // bounded amount of work, not a table that grows without end.
    let one = b"a: b\n\n--\n\n";
    let mut input = b"RT/5.0.3 200 Ok\n\n".to_vec();
    input.reserve(one.len() * 1_000_001);
    for _ in 0..1_000_001 {
        input.extend_from_slice(one);
    }
    expect_limit(&input, ParseOptions::new(), LimitKind::Forms);
}

#[test]
fn too_many_forms_with_a_limit_set() {
    let forms = |n: usize| {
        let mut input = b"RT/5.0.3 200 Ok\n\n".to_vec();
        for i in 0..n {
            if i > 0 {
                input.extend_from_slice(b"\n--\n\n");
            }
            input.extend_from_slice(format!("id: {i}\n").as_bytes());
        }
        input.push(b'\n');
        input
    };
    let opts = ParseOptions::new().limits(Limits::default().max_forms(5));
    assert_eq!(
        parse_response_with(&forms(5), &opts)
            .unwrap()
            .forms()
            .count(),
        5
    );
    stream(&forms(5), opts).unwrap();
    let six = forms(6);
    let e = expect_limit(&six, opts, LimitKind::Forms);
    // At the first line of the sixth form (its `id` line), in the one-shot
    // parser and in the streaming one.
    assert_eq!((e.line(), e.column()), (3 + 5 * 4, 1));
    let sixth = six.windows(5).rposition(|w| w == b"id: 5").unwrap();
    assert_eq!(e.offset(), sixth);
    let s = stream(&six, opts).unwrap_err();
    assert_eq!((s.offset(), s.line(), s.column()), (sixth, 3 + 5 * 4, 1));
}

#[test]
fn too_many_envelopes() {
    let mut input = Vec::new();
    for _ in 0..20 {
        input.extend_from_slice(b"RT/5.0.3 200 Ok\n\nid: 1\n\n");
    }
    let opts = ParseOptions::new().limits(Limits::default().max_envelopes(10));
    expect_limit(&input, opts, LimitKind::Envelopes);
}

#[test]
fn input_length() {
    let input = b"RT/5.0.3 200 Ok\n\nid: 1\n\n";
    let opts = ParseOptions::new().limits(Limits::default().max_input_len(10));
    let e = parse_response_with(input, &opts).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Limit(LimitKind::InputLength));
    // The limit is the longest input read: exactly that many bytes pass.
    let opts = ParseOptions::new().limits(Limits::default().max_input_len(input.len()));
    assert!(parse_response_with(input, &opts).is_ok());
    let opts = ParseOptions::new().limits(Limits::default().max_input_len(input.len() - 1));
    let e = parse_response_with(input, &opts).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Limit(LimitKind::InputLength));
}

/// A line of exactly `max_line_len` bytes is read, in one piece or streamed
/// in two pieces split anywhere around its end (the reader waits for its
/// LF); a byte more is the limit error, both ways.
#[test]
fn line_length_at_its_boundary_streamed_or_not() {
    let max = 64;
    for len in [max, max + 1] {
        let mut body = b"RT/5.0.3 200 Ok\n\nid: 1\nSubject: ".to_vec();
        let start = body.len() - "Subject: ".len();
        body.resize(start + len, b'x');
        body.extend_from_slice(b"\n\n");
        let opts = ParseOptions::new().limits(Limits::default().max_line_len(max));
        let want = parse_response_with(&body, &opts)
            .map(|_| ())
            .map_err(|e| e.kind());
        assert_eq!(want.is_ok(), len <= max, "{len}: {want:?}");
        for split in start + len - 2..=start + len + 1 {
            let got = streamed(&[&body[..split], &body[split..]], opts);
            assert_eq!(got, want, "{len} bytes, split at {split}");
        }
    }
}

/// Feeds `chunks` to a stream reader, then the end of the input: the first
/// error's kind, if any.
fn streamed(chunks: &[&[u8]], opts: ParseOptions) -> Result<(), ErrorKind> {
    let mut reader = StreamReader::with_options(opts);
    let mut buf = Vec::new();
    for (i, chunk) in chunks.iter().enumerate() {
        buf.extend_from_slice(chunk);
        let eof = i + 1 == chunks.len();
        loop {
            match reader.feed(&buf, eof).map_err(|e| e.kind())? {
                Status::Complete(rt_wire::stream::Event::End, _) => return Ok(()),
                Status::Complete(_, used) => {
                    buf.drain(..used);
                }
                Status::Partial => break,
            }
        }
    }
    panic!("no End after the end of the input");
}
