//! Sizes as RT prints them in attachment listings.

use core::fmt;
use core::ops::RangeInclusive;

use nom::{
    IResult, Parser,
    branch::alt,
    character::complete::{char, u64 as dec_u64},
    combinator::{map, map_res, opt, value},
    sequence::preceded,
};

use super::{complete, digits};
use crate::error::ParseError;

/// A size as RT prints it in attachment listings: exact bytes up
/// to 1024, otherwise kilobytes truncated to one decimal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub enum Size {
    /// `<n>b`: exactly `n` bytes (characters for text parts). RT 5.0.3 prints
    /// a bare `b` for an empty container part in `transaction/<t>?format=l`;
    /// that reads as 0.
    Bytes(u64),
    /// `<n>[.<d>]k`: the size in tenths of a kilobyte, truncated.
    Tenths(u64),
}

/// RT's size formula in floating point, as Perl computes it:
/// `int(size / 102.4)`.
fn tenths_of(n: u64) -> u64 {
    (n as f64 / 102.4) as u64
}

/// The smallest size above 1 KiB that RT prints as `t` tenths of a kilobyte
/// or more; `None` when no size in a `u64` is. It starts from the exact
/// rational bound and steps to where Perl's floating-point formula changes
/// its answer (a few steps: at most the spacing of `f64` values there).
fn first_at_least(t: u64) -> Option<u64> {
    let bound = u64::try_from(u128::from(t) * 1024 / 10).unwrap_or(u64::MAX);
    let mut n = bound.max(1025);
    while n > 1025 && tenths_of(n - 1) >= t {
        n -= 1;
    }
    while tenths_of(n) < t {
        n = n.checked_add(1)?;
    }
    Some(n)
}

impl Size {
    /// RT's rendering of a size of `n` bytes (or characters).
    #[must_use]
    pub fn of(n: u64) -> Size {
        if n <= 1024 {
            Size::Bytes(n)
        } else {
            Size::Tenths(tenths_of(n))
        }
    }

    /// The exact size, when RT printed it in bytes.
    #[must_use]
    pub fn exact(self) -> Option<u64> {
        match self {
            Size::Bytes(n) => Some(n),
            Size::Tenths(_) => None,
        }
    }

    /// Every size in bytes that RT prints this way; `None` if there is none
    /// (`0.5k` cannot be printed by RT).
    #[must_use]
    pub fn bytes_range(self) -> Option<RangeInclusive<u64>> {
        match self {
            Size::Bytes(n) => Some(n..=n),
            Size::Tenths(t) => {
                let lo = first_at_least(t)?;
                let hi = first_at_least(t.saturating_add(1)).map_or(u64::MAX, |n| n - 1);
                (tenths_of(lo) == t).then_some(lo..=hi)
            }
        }
    }

    /// Whether RT prints a size of `n` bytes this way.
    #[must_use]
    pub fn matches(self, n: u64) -> bool {
        Size::of(n) == self
    }
}

impl fmt::Display for Size {
    /// Writes RT's text: `51b`, `1k`, `1.5k`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Size::Bytes(n) => write!(f, "{n}b"),
            Size::Tenths(t) if t % 10 == 0 => write!(f, "{}k", t / 10),
            Size::Tenths(t) => write!(f, "{}.{}k", t / 10, t % 10),
        }
    }
}

/// `size = 1*DIGIT "b" / 1*DIGIT [ "." DIGIT ] "k" / "b"`
fn size(i: &[u8]) -> IResult<&[u8], Size> {
    alt((
        map((dec_u64, char('b')), |(n, _)| Size::Bytes(n)),
        map_res(
            (dec_u64, opt(preceded(char('.'), digits(1, 1))), char('k')),
            |(n, d, _)| {
                n.checked_mul(10)
                    .and_then(|t| t.checked_add(u64::from(d.unwrap_or(0))))
                    .map(Size::Tenths)
                    .ok_or(())
            },
        ),
        value(Size::Bytes(0), char('b')),
    ))
    .parse(i)
}

/// Parses a size: `51b`, `1.5k`, `10k`.
///
/// # Errors
/// [`ErrorKind::Value`](crate::ErrorKind::Value) for any other text.
///
/// ```
/// use rt_wire::views::{parse_size, Size};
/// let s = parse_size(b"1.5k").unwrap();
/// assert_eq!(s, Size::Tenths(15));
/// assert!(s.bytes_range().unwrap().contains(&1536));
/// assert_eq!(parse_size(b"51b").unwrap().exact(), Some(51));
/// ```
pub fn parse_size(text: &[u8]) -> Result<Size, ParseError> {
    complete(text, size, "a size `<n>b` or `<n>[.<d>]k`")
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    #[test]
    fn sizes_known_answers() {
        for (text, size) in [
            ("0b", Size::Bytes(0)),
            ("51b", Size::Bytes(51)),
            ("1k", Size::Tenths(10)),
            ("1.5k", Size::Tenths(15)),
            ("4.6k", Size::Tenths(46)),
            ("1024k", Size::Tenths(10240)),
        ] {
            assert_eq!(parse_size(text.as_bytes()).unwrap(), size, "{text}");
            assert_eq!(size.to_string(), text);
        }
        assert_eq!(parse_size(b"b").unwrap(), Size::Bytes(0));
        assert!(parse_size(b"1.55k").is_err());
        assert!(parse_size(b"1M").is_err());
        // The spec's table of RT's formula.
        for (n, text) in [
            (1024, "1024b"),
            (1025, "1k"),
            (1536, "1.5k"),
            (4747, "4.6k"),
            (10240, "10k"),
            (1_048_576, "1024k"),
        ] {
            assert_eq!(Size::of(n).to_string(), text, "{n}");
        }
    }

    #[test]
    fn size_ranges_are_exact() {
        // Every size maps into the range of its own rendering, and the ranges
        // of neighbouring renderings touch without overlapping.
        let mut prev_hi = 1024;
        for t in 10..400 {
            let r = Size::Tenths(t).bytes_range().unwrap();
            assert_eq!(*r.start(), prev_hi + 1, "tenths {t}");
            for n in r.clone() {
                assert_eq!(Size::of(n), Size::Tenths(t), "{n}");
            }
            prev_hi = *r.end();
        }
        assert_eq!(Size::Tenths(15).bytes_range(), Some(1536..=1638));
        assert_eq!(Size::Tenths(5).bytes_range(), None);
    }

    /// Far from 1 KiB, where RT's floating-point formula strays from the
    /// exact bounds: every range holds exactly the sizes printed its way,
    /// found in a few steps (a walk from a wrong start would not end).
    #[test]
    fn size_ranges_are_exact_up_to_u64_max() {
        let samples = [
            1025,
            1_048_576,
            1_000_000_000_007,
            (1 << 53) - 1,
            (1 << 53) + 1,
            (1 << 60) + 12_345,
            (1 << 63) + 999,
            u64::MAX - 5000,
            u64::MAX,
        ];
        for n in samples {
            let size = Size::of(n);
            let r = size.bytes_range().unwrap_or_else(|| panic!("{n}"));
            let (lo, hi) = (*r.start(), *r.end());
            assert!(r.contains(&n), "{n}: {r:?}");
            assert!(size.matches(lo) && size.matches(hi), "{n}: {r:?}");
            assert!(lo == 1025 || !size.matches(lo - 1), "{n}: {r:?}");
            assert!(hi == u64::MAX || !size.matches(hi + 1), "{n}: {r:?}");
        }
        // The largest size printed in tenths, and one above it.
        let top = tenths_of(u64::MAX);
        assert_eq!(
            Size::Tenths(top).bytes_range().map(|r| *r.end()),
            Some(u64::MAX)
        );
        assert_eq!(Size::Tenths(top + 1).bytes_range(), None);
    }

    #[test]
    fn matches_is_rt_s_rendering() {
        assert!(Size::Tenths(15).matches(1536) && Size::Tenths(15).matches(1638));
        assert!(!Size::Tenths(15).matches(1535) && !Size::Tenths(15).matches(1639));
        assert!(Size::Bytes(5).matches(5) && !Size::Bytes(5).matches(6));
        assert!(!Size::Bytes(1025).matches(1025));
    }
}
