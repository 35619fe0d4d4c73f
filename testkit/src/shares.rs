//! The hostile kinds of value the round-trip property tests and the
//! `form_compose` oracle must reach, and the share of cases that reached each
//! (each test prints its shares and requires a minimum).

use std::fmt;

/// A kind of value that breaks a naive encoder or parser of RT's format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// An LF inside or at the end.
    MultiLine,
    /// A line that is exactly `--` (RT's form separator).
    SeparatorLine,
    /// A line starting with `#` (RT's comment).
    CommentLine,
    /// A line holding `": "` (a field of its own, were it not indented).
    KeyLine,
    /// A first byte that is an LF, a space or a tab.
    LeadingBlank,
    /// A last byte that is an LF.
    TrailingLf,
    /// A CR anywhere.
    Cr,
    /// A tab anywhere.
    Tab,
    /// Bytes that are not UTF-8.
    NonUtf8,
    /// Two LFs in a row (an empty line inside the value).
    EmptyLineInside,
}

impl Kind {
    /// Every kind, in the order shares are printed.
    pub const ALL: [Kind; 10] = [
        Kind::MultiLine,
        Kind::SeparatorLine,
        Kind::CommentLine,
        Kind::KeyLine,
        Kind::LeadingBlank,
        Kind::TrailingLf,
        Kind::Cr,
        Kind::Tab,
        Kind::NonUtf8,
        Kind::EmptyLineInside,
    ];

    /// Whether `value` is of this kind.
    #[must_use]
    pub fn holds(self, value: &[u8]) -> bool {
        let mut lines = value.split(|&b| b == b'\n');
        match self {
            Kind::MultiLine => value.contains(&b'\n'),
            Kind::SeparatorLine => lines.any(|l| l == b"--"),
            Kind::CommentLine => lines.any(|l| l.starts_with(b"#")),
            Kind::KeyLine => lines.any(|l| l.windows(2).any(|w| w == b": ")),
            Kind::LeadingBlank => matches!(value.first(), Some(b'\n' | b' ' | b'\t')),
            Kind::TrailingLf => value.ends_with(b"\n"),
            Kind::Cr => value.contains(&b'\r'),
            Kind::Tab => value.contains(&b'\t'),
            Kind::NonUtf8 => std::str::from_utf8(value).is_err(),
            Kind::EmptyLineInside => value.windows(2).any(|w| w == b"\n\n"),
        }
    }
}

/// How many cases held at least one value of each kind.
#[derive(Clone, Debug, Default)]
pub struct Shares {
    cases: usize,
    counts: [usize; Kind::ALL.len()],
}

impl Shares {
    /// Counts one case: a kind counts when any of `values` holds it.
    pub fn count<'a>(&mut self, values: impl IntoIterator<Item = &'a [u8]>) {
        let mut seen = [false; Kind::ALL.len()];
        for v in values {
            for (i, k) in Kind::ALL.iter().enumerate() {
                seen[i] |= k.holds(v);
            }
        }
        self.cases += 1;
        for (n, s) in self.counts.iter_mut().zip(seen) {
            *n += usize::from(s);
        }
    }

    /// The cases counted.
    #[must_use]
    pub fn cases(&self) -> usize {
        self.cases
    }

    /// The share of cases that held `kind`, from 0 to 1.
    #[must_use]
    pub fn share(&self, kind: Kind) -> f64 {
        let i = Kind::ALL.iter().position(|&k| k == kind).unwrap_or(0);
        #[allow(clippy::cast_precision_loss)]
        let share = self.counts[i] as f64 / self.cases.max(1) as f64;
        share
    }

    /// Panics, naming the shares, unless at least `min` of the cases held
    /// each of `kinds`.
    pub fn require(&self, kinds: &[Kind], min: f64) {
        for &k in kinds {
            assert!(
                self.share(k) >= min,
                "{k:?} in {:.3} of the cases, below {min:.3}: {self}",
                self.share(k)
            );
        }
    }
}

impl fmt::Display for Shares {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} cases", self.cases)?;
        for (k, n) in Kind::ALL.iter().zip(self.counts) {
            write!(f, ", {k:?} {n}")?;
        }
        Ok(())
    }
}
