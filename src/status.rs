//! The status line `RT/<version> <code> <reason>` (`status-line` in docs/grammar.md).

use nom::{
    IResult, Parser,
    bytes::complete::{tag, take_while_m_n, take_while1},
    character::complete::char,
    combinator::{all_consuming, map_res},
};

use crate::error::{ErrorKind, ParseError};

/// A parsed status line, borrowed from the input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct StatusLine<'a> {
    version: &'a str,
    code: u16,
    reason: &'a str,
    raw: &'a [u8],
}

impl<'a> StatusLine<'a> {
    /// `$RT::VERSION` verbatim, e.g. `5.0.3` or `5.0.3+dfsg-3~deb12u6`.
    #[must_use]
    pub fn version(&self) -> &'a str {
        self.version
    }

    /// The RT status code (`200`, `400`, `401`, `409`, …). It is not the HTTP
    /// status, which RT sets to 200 for every REST 1.0 answer.
    #[must_use]
    pub fn code(&self) -> u16 {
        self.code
    }

    /// The reason phrase, e.g. `Ok`, `Syntax Error`, `Credentials required`.
    #[must_use]
    pub fn reason(&self) -> &'a str {
        self.reason
    }

    /// The whole line without its LF.
    #[must_use]
    pub fn as_bytes(&self) -> &'a [u8] {
        self.raw
    }

    /// Whether the code is 200. Many failures are reported under 200 with a
    /// `#` comment, so this is not "the request succeeded".
    #[must_use]
    pub fn is_ok(&self) -> bool {
        self.code == 200
    }
}

/// `version = 1*( %x21-7E / %x80-FF )`
fn version(i: &[u8]) -> IResult<&[u8], &[u8]> {
    take_while1(|b: u8| b > 0x20 && b != 0x7f).parse(i)
}

/// `code = 3DIGIT`
fn code(i: &[u8]) -> IResult<&[u8], u16> {
    map_res(
        take_while_m_n(3, 3, |b: u8| b.is_ascii_digit()),
        |d: &[u8]| {
            // Three ASCII digits always fit; the closure only fails on non-digits,
            // which take_while_m_n already excluded.
            core::str::from_utf8(d)
                .map_err(|_| ())
                .and_then(|s| s.parse::<u16>().map_err(|_| ()))
        },
    )
    .parse(i)
}

/// `reason = 1*( ALPHA / DIGIT / SP )`
fn reason(i: &[u8]) -> IResult<&[u8], &[u8]> {
    take_while1(|b: u8| b.is_ascii_alphanumeric() || b == b' ').parse(i)
}

/// Parses one status line (without its LF). `base` is the offset of `line` in
/// `input`, for error positions.
///
/// `status-line = "RT/" version SP code SP reason`
pub(crate) fn status_line<'a>(
    input: &'a [u8],
    base: usize,
    line: &'a [u8],
) -> Result<StatusLine<'a>, ParseError> {
    let err = |at: &[u8], kind| ParseError::at(input, base + (line.len() - at.len()), kind);
    let (rest, _) = tag::<_, _, nom::error::Error<&[u8]>>(&b"RT/"[..])
        .parse(line)
        .map_err(|_| err(line, ErrorKind::StatusLine))?;
    let (rest, v) = version(rest).map_err(|_| err(rest, ErrorKind::Version))?;
    let (rest, _) = char::<_, nom::error::Error<&[u8]>>(' ')
        .parse(rest)
        .map_err(|_| err(rest, ErrorKind::StatusLine))?;
    let (rest, c) = code(rest).map_err(|_| err(rest, ErrorKind::StatusCode))?;
    let (rest, _) = char::<_, nom::error::Error<&[u8]>>(' ')
        .parse(rest)
        .map_err(|_| err(rest, ErrorKind::StatusLine))?;
    let (_, r) = all_consuming(reason)
        .parse(rest)
        .map_err(|_| err(rest, ErrorKind::Reason))?;
    let version = core::str::from_utf8(v).map_err(|_| err(v, ErrorKind::Utf8))?;
    // The reason is ASCII by its grammar.
    let reason = core::str::from_utf8(r).map_err(|_| err(r, ErrorKind::Utf8))?;
    Ok(StatusLine {
        version,
        code: c,
        reason,
        raw: line,
    })
}

/// Whether `line` is a well-formed status line (used to find the start of the
/// next envelope in a body holding several).
pub(crate) fn is_status_line(line: &[u8]) -> bool {
    line.starts_with(b"RT/") && status_line(line, 0, line).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::String;

    #[test]
    fn known_answers() {
        type Case<'a> = (&'a [u8], Option<(&'a str, u16, &'a str)>);
        let cases: &[Case<'_>] = &[
            (b"RT/5.0.3 200 Ok", Some(("5.0.3", 200, "Ok"))),
            (
                b"RT/5.0.3+dfsg-3~deb12u6 409 Syntax Error",
                Some(("5.0.3+dfsg-3~deb12u6", 409, "Syntax Error")),
            ),
            (
                b"RT/4.4.3 401 Credentials required",
                Some(("4.4.3", 401, "Credentials required")),
            ),
            (b"RT/5.0.3 20 Ok", None),
            (b"RT/5.0.3 2000 Ok", None),
            (b"RT/ 200 Ok", None),
            (b"RT/5.0.3 200 ", None),
            (b"RT/5.0.3 200 Ok!", None),
            (b"HTTP/1.1 200 OK", None),
        ];
        for (line, want) in cases {
            let got = status_line(line, 0, line)
                .ok()
                .map(|s| (s.version(), s.code(), s.reason()));
            assert_eq!(got, *want, "{:?}", String::from_utf8_lossy(line));
        }
    }

    #[test]
    fn error_positions() {
        let line = b"RT/5.0.3 2x0 Ok";
        let e = status_line(line, 0, line).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::StatusCode);
        assert_eq!(e.offset(), 9);
        assert_eq!(e.column(), 10);
    }
}
