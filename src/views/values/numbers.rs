//! Durations and bare numbers.

use nom::{
    IResult, Parser,
    bytes::complete::tag,
    character::complete::u64 as dec_u64,
    combinator::{map, opt},
};

use super::complete;
use crate::error::ParseError;

/// `duration = "0" / 1*DIGIT " minutes" / 1*DIGIT` (the bare
/// number is a transaction's `TimeTaken`).
fn duration(i: &[u8]) -> IResult<&[u8], u64> {
    map((dec_u64, opt(tag(&b" minutes"[..]))), |(n, _)| n).parse(i)
}

/// Parses a duration (`TimeEstimated`, `TimeWorked`, `TimeLeft`, `TimeTaken`)
/// into minutes.
///
/// # Errors
/// [`ErrorKind::Value`](crate::ErrorKind::Value) unless the text is `<n>` or `<n> minutes`.
///
/// ```
/// assert_eq!(rt_wire::views::parse_minutes(b"90 minutes").unwrap(), 90);
/// assert_eq!(rt_wire::views::parse_minutes(b"0").unwrap(), 0);
/// assert!(rt_wire::views::parse_minutes(b"2 hours minutes").is_err());
/// ```
pub fn parse_minutes(text: &[u8]) -> Result<u64, ParseError> {
    complete(text, duration, "a duration `<n> minutes` or `<n>`")
}

/// Parses a bare decimal number (`Priority`, transaction ids, `Creator` of an
/// attachment).
///
/// # Errors
/// [`ErrorKind::Value`](crate::ErrorKind::Value) unless the text is `1*DIGIT`
/// and fits in a `u64`.
pub fn parse_number(text: &[u8]) -> Result<u64, ParseError> {
    complete(text, dec_u64, "a decimal number")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_known_answers() {
        assert_eq!(parse_minutes(b"90 minutes").unwrap(), 90);
        assert_eq!(parse_minutes(b"0").unwrap(), 0);
        assert_eq!(parse_minutes(b"15").unwrap(), 15);
        let e = parse_minutes(b"2 hours minutes").unwrap_err();
        assert_eq!(e.offset(), 1);
    }
}
