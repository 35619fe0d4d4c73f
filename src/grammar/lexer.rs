//! The lexer: the only loop over the bytes of a response (`docs/grammar.md`,
//! production `line`).
//!
//! It finds the next line end (an empty line at once, any other with
//! `memchr`'s AVX2 searcher, built once per parse), strips the CR of a CRLF line end
//! when the options allow CRLF (decided once, for the whole input), checks the
//! line-length limit and classifies the line by its first bytes. Whether the
//! input may still grow (`eof`) is decided here too: a line without its LF at
//! the end of an input that may grow is `Incomplete`, at the true end it is a
//! whole line. Every production above the lexer is therefore the same for the
//! one-shot parser (`eof` set) and the streaming reader.

use alloc::boxed::Box;

use nom::{Err, Needed};

use crate::error::{Detail, ErrorKind, LimitKind, ParseError};
use crate::status::is_status_line;

/// The result of a production: a value, `Err::Incomplete` (more bytes are
/// needed), `Err::Error` (the input does not match; a payload whose first
/// form fails this way is read as text) or `Err::Failure` (a limit: never
/// recovered from).
pub(crate) type PResult<T> = Result<T, Err<Box<ParseError>>>;

/// What a line is, by its first bytes (`line-kind` in `docs/grammar.md`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Nothing between the line start and its line end.
    Blank,
    /// Starts with a space: a continuation line of a value.
    Continuation,
    /// Exactly `--`.
    Separator,
    /// Starts with `#`.
    Comment,
    /// Starts with `>>`: the echo of a 409 answer.
    Echo,
    /// A well-formed status line `RT/<version> <code> <reason>`.
    Status,
    /// Anything else: a key line, if it splits.
    Key,
}

/// One line: `start..end` is its text (the LF, and the CR of a CRLF line end
/// when allowed, excluded), `next` is where the following line starts.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Line {
    pub start: usize,
    pub end: usize,
    pub next: usize,
    pub kind: Kind,
}

/// The LF search: AVX2 where the CPU has it, `memchr`'s own choice elsewhere.
/// Built once per parse (it holds the needle's vectors), lent to each lexer.
#[derive(Clone, Copy, Debug)]
pub(crate) struct LfFinder {
    #[cfg(all(target_arch = "x86_64", feature = "std"))]
    avx2: Option<memchr::arch::x86_64::avx2::memchr::One>,
}

impl LfFinder {
    pub(crate) fn new() -> Self {
        LfFinder {
            #[cfg(all(target_arch = "x86_64", feature = "std"))]
            avx2: memchr::arch::x86_64::avx2::memchr::One::new(b'\n'),
        }
    }

    #[inline(always)]
    fn find(&self, hay: &[u8]) -> Option<usize> {
        #[cfg(all(target_arch = "x86_64", feature = "std"))]
        if let Some(one) = &self.avx2 {
            return one.find(hay);
        }
        memchr::memchr(b'\n', hay)
    }
}

/// The lexer over one input.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Lexer<'a> {
    lf: &'a LfFinder,
    pub input: &'a [u8],
    /// Whether the input ends where it ends (false: more bytes may come).
    pub eof: bool,
    /// Whether a CR directly before an LF belongs to the line end.
    pub crlf: bool,
    pub max_line: usize,
}

impl<'a> Lexer<'a> {
    pub(crate) fn new(
        lf: &'a LfFinder,
        input: &'a [u8],
        eof: bool,
        crlf: bool,
        max_line: usize,
    ) -> Self {
        Lexer {
            lf,
            input,
            eof,
            crlf,
            max_line,
        }
    }

    /// An error at `at` of this input.
    #[cold]
    pub(crate) fn error(&self, at: usize, kind: ErrorKind) -> Err<Box<ParseError>> {
        Err::Error(Box::new(ParseError::at(self.input, at, kind)))
    }

    /// A limit that was exceeded at `at`: a failure, never recovered from.
    #[cold]
    pub(crate) fn limit(&self, at: usize, kind: LimitKind, n: usize) -> Err<Box<ParseError>> {
        Err::Failure(Box::new(
            ParseError::at(self.input, at, ErrorKind::Limit(kind)).with_detail(Detail::Limit(n)),
        ))
    }

    /// The text of `line`.
    #[inline]
    pub(crate) fn text(&self, line: &Line) -> &'a [u8] {
        &self.input[line.start..line.end]
    }

    /// `line`: the line that starts at `pos`, `None` at the end of the input.
    #[inline(always)]
    pub(crate) fn line(&self, pos: usize) -> PResult<Option<Line>> {
        let input = self.input;
        if pos >= input.len() {
            return if self.eof {
                Ok(None)
            } else {
                Err(Err::Incomplete(Needed::Unknown))
            };
        }
        let rest = &input[pos..];
        // An empty line (a fifth of RT's lines) needs no search.
        if rest[0] == b'\n' {
            return Ok(Some(Line {
                start: pos,
                end: pos,
                next: pos + 1,
                kind: Kind::Blank,
            }));
        }
        let (mut end, next) = match self.lf.find(rest) {
            Some(p) => (pos + p, pos + p + 1),
            None if self.eof => (input.len(), input.len()),
            None if rest.len() > self.max_line => return Err(self.too_long(pos)),
            None => return Err(Err::Incomplete(Needed::Unknown)),
        };
        if end - pos > self.max_line {
            return Err(self.too_long(pos));
        }
        if self.crlf && end > pos && input[end - 1] == b'\r' {
            end -= 1;
        }
        Ok(Some(Line {
            start: pos,
            end,
            next,
            kind: line_kind(&input[pos..end]),
        }))
    }

    #[cold]
    fn too_long(&self, pos: usize) -> Err<Box<ParseError>> {
        self.limit(pos + self.max_line, LimitKind::LineLength, self.max_line)
    }
}

/// `line-kind`: classifies a line's text by its first bytes.
#[inline(always)]
pub(crate) fn line_kind(text: &[u8]) -> Kind {
    match text.first() {
        None => Kind::Blank,
        Some(b' ') => Kind::Continuation,
        Some(b'#') => Kind::Comment,
        Some(b'-') if text == b"--" => Kind::Separator,
        Some(b'>') if text.starts_with(b">>") => Kind::Echo,
        Some(b'R') if is_status_line(text) => Kind::Status,
        Some(_) => Kind::Key,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static LF: std::sync::LazyLock<LfFinder> = std::sync::LazyLock::new(LfFinder::new);

    fn lexer(input: &[u8], eof: bool, crlf: bool) -> Lexer<'_> {
        Lexer::new(&LF, input, eof, crlf, 8)
    }

    #[test]
    fn kinds() {
        let cases: &[(&[u8], Kind)] = &[
            (b"", Kind::Blank),
            (b"  x", Kind::Continuation),
            (b"--", Kind::Separator),
            (b"---", Kind::Key),
            (b"# x", Kind::Comment),
            (b">> x", Kind::Echo),
            (b"> x", Kind::Key),
            (b"RT/5.0.3 200 Ok", Kind::Status),
            (b"RT/5.0.3 200 Ok!", Kind::Key),
            (b"Requestors: a", Kind::Key),
        ];
        for (text, kind) in cases {
            assert_eq!(line_kind(text), *kind, "{text:?}");
        }
    }

    #[test]
    fn end_of_input_decides_the_last_line() {
        let l = lexer(b"a: b\n--", false, false);
        assert!(matches!(
            l.line(0),
            Ok(Some(Line {
                end: 4,
                next: 5,
                ..
            }))
        ));
        assert!(matches!(l.line(5), Err(Err::Incomplete(_))));
        let l = lexer(b"a: b\n--", true, false);
        let last = l.line(5).unwrap().unwrap();
        assert_eq!((last.end, last.next, last.kind), (7, 7, Kind::Separator));
        assert!(l.line(7).unwrap().is_none());
    }

    #[test]
    fn crlf_only_when_allowed() {
        let l = lexer(b"--\r\n", true, true);
        assert_eq!(l.line(0).unwrap().unwrap().kind, Kind::Separator);
        let l = lexer(b"--\r\n", true, false);
        assert_eq!(l.line(0).unwrap().unwrap().kind, Kind::Key);
    }

    #[test]
    fn long_lines_are_a_failure_even_before_their_end() {
        let l = lexer(b"aaaaaaaaaaaa", false, false);
        assert!(matches!(l.line(0), Err(Err::Failure(e)) if e.offset() == 8));
        let l = lexer(b"aaaaaaaaa\n", true, false);
        assert!(matches!(l.line(0), Err(Err::Failure(_))));
        let l = lexer(b"aaaaaaaa\n", true, false);
        assert!(l.line(0).is_ok());
    }
}
