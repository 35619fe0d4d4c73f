//! Fuzzing oracles: plain functions over bytes, each asserting an invariant of
//! rt-wire and panicking, with the input in the message, when it does not
//! hold. The `fuzz/` targets call them in two lines each, and
//! `tests/fuzz_oracles.rs` runs them over the committed corpus and every pinned
//! regression, so the same checks run under `cargo test`.
//!
//! Every oracle reads one input as four cases (see [`cases`]): the whole input
//! under each of the three framings with the other options at their defaults
//! (so the committed captures are meaningful seeds as they are), and the input
//! after its first byte under the option combination that byte selects
//! ([`options_from_byte`]: framing, `forms_only`, `allow_crlf`, `key_split`,
//! small limits).
//!
//! | Oracle | Module |
//! |---|---|
//! | [`parse_response`] | `parse`: slices, spans, errors, decoding |
//! | [`roundtrip_response`] | `roundtrip`: parse → encode → parse |
//! | [`stream_chunks`] | `stream`: chunked reading equals the one-shot parse |
//! | [`shared_views`] | `shared`: the `Bytes`-backed parse equals the borrowed one |
//! | [`encode_structured`], [`content_body`] | `request`: the request side |
//! | `view_*` | `views`: every accessor of every typed view |
//!
//! The oracles use only rt-wire's public API.

use std::fmt;

use rt_wire::{Framing, KeySplit, Limits, ParseError, ParseOptions};

mod parse;
mod request;
mod roundtrip;
mod shape;
mod shared;
mod stream;
mod views;

pub use parse::parse_response;
pub use request::{content_body, encode_structured};
pub use roundtrip::roundtrip_response;
pub use shape::{FormShape, Shape, shape};
pub use shared::shared_views;
pub use stream::stream_chunks;
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

/// An error's offset is within the input, its line and column match the
/// offset, and it says what was expected.
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
