//! The `roundtrip_response` oracle: parse → encode → parse gives the same
//! structure, and the encoding is a byte-exact fixpoint.

use rt_wire::{
    BodyKind, LenCounter, ParseOptions, Payload, Response, parse_response_with, write_forms,
};

use super::shape::{shape, without_trailing_empty_forms};
use super::{Show, cases};

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
        let Some(opts2) = read_back_options(&r1, &opts) else {
            continue;
        };
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
            check_layout(&r1, input, &opts);
        }
    }
}

/// The options the encoding of `r1` (parsed with `opts`) is read back with,
/// or `None` when it cannot be read back (a documented limit).
///
/// The encoding may be longer than the input (RT's layout adds empty lines),
/// so the input length limit does not apply to it. The encoding writes forms
/// with LF line ends (a line's own trailing CR, possible when a CRLF input had
/// "\r\r\n", stays data), so it is read back without `allow_crlf`; text
/// payloads and bodies are written back verbatim, CRLF included, so a
/// response that has one is read back with the option it was read with.
fn read_back_options(r1: &Response<'_>, opts: &ParseOptions) -> Option<ParseOptions> {
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
        return None;
    }
    Some(
        opts.allow_crlf(opts.allow_crlf && verbatim)
            .limits(opts.limits.max_input_len(usize::MAX)),
    )
}

/// For an input in RT's layout (its encoding gives it back): each form
/// payload is exactly `write_forms` of its forms plus the framing LFs.
fn check_layout(r1: &Response<'_>, input: &[u8], opts: &ParseOptions) {
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
