//! The `shared_views` oracle: the `Bytes`-backed parse equals the borrowed
//! one and shares its buffer.

use bytes::Bytes;
use rt_wire::{Form, ParseOptions, SharedResponse, parse_response_with};

use super::shape::shape;
use super::{Show, cases, inside};

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
        check_slices(&s, input, &opts);
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

/// Every part of the response, handed out through `slice`, is the same bytes
/// and shares the buffer.
fn check_slices(s: &SharedResponse, input: &[u8], opts: &ParseOptions) {
    let view = s.response();
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
        check_fields(s, &form, &check, input, opts);
    }
}

/// Keys and raw values are shared slices; `value` gives the decoded value,
/// without copying when no de-indenting is needed.
fn check_fields(
    s: &SharedResponse,
    form: &Form<'_, '_>,
    check: &dyn Fn(&[u8], &str),
    input: &[u8],
    opts: &ParseOptions,
) {
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
