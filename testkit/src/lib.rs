//! # rt-wire-testkit
//!
//! What rt-wire's tests, benches and fuzz targets share, kept out of the
//! published crate (this crate is not published):
//!
//! * [`fuzzing`]: the fuzzing oracles, plain functions over bytes that assert
//!   an invariant of rt-wire. The `fuzz/` targets call them in two lines each;
//!   `tests/fuzz_oracles.rs` runs them over the corpus and every pinned
//!   regression.
//! * [`generate`]: the deterministic generator of large, realistic RT
//!   responses behind the benches, `benches/compare/` and the
//!   `rt-wire-generate` binary.
//! * [`naive`]: the deliberately naive baseline the benches measure rt-wire
//!   against (also the `rt-wire-naive` binary).
//! * [`shares`]: the hostile kinds of value the round-trip property tests and
//!   the `form_compose` oracle must reach, and the share of cases reaching each.
//!
//! Everything here uses only rt-wire's public API.
//!
//! ```
//! use rt_wire_testkit::generate::{Kind, generate};
//! let body = generate(Kind::HistoryLong, 10_000, 1);
//! let response = rt_wire::parse_response(&body)?;
//! let mut fields = 0;
//! rt_wire_testkit::naive::scan(&body, |_key, _value| fields += 1);
//! assert_eq!(fields, response.field_count());
//! rt_wire_testkit::fuzzing::roundtrip_response(&body);
//! # Ok::<(), rt_wire::ParseError>(())
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod fuzzing;
pub mod generate;
pub mod naive;
pub mod shares;

/// `input` with every LF preceded by a CR, as a proxy that rewrites line
/// ends would deliver it (read with `ParseOptions::allow_crlf`).
#[must_use]
pub fn crlf(input: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(input.len() + input.len() / 16);
    for &b in input {
        if b == b'\n' {
            out.push(b'\r');
        }
        out.push(b);
    }
    out
}
