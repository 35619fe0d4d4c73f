//! Envelope-level productions (`docs/grammar.md`): `next-envelope` (where a
//! payload that is text ends), `empty-listing` (a search that found nothing)
//! and `plain-message` (one of RT's fixed texts, from the catalogue).

use nom::{Err, Needed};

use super::lexer::{Kind, Lexer, PResult};
use crate::status::is_status_line;

/// `next-envelope`: the start of the next envelope in `input` at or after
/// `start`: a status line at `start` (when `check_start`: the caller knows an
/// empty line precedes it) or at column 0 right after an empty line (with
/// `crlf`, a line of only CR is empty too). The flag is false when the end of
/// `input` may still turn into an envelope start once more bytes arrive. With
/// `eof` the input ends where it ends: a last line without LF is a whole line,
/// so it can be the status line that starts the next envelope.
pub(crate) fn next_envelope(
    input: &[u8],
    start: usize,
    check_start: bool,
    crlf: bool,
    eof: bool,
) -> (Option<usize>, bool) {
    let line_at = |p: usize| {
        let l = match memchr::memchr(b'\n', &input[p..]) {
            Some(q) => &input[p..p + q],
            None if eof => &input[p..],
            None => return None,
        };
        Some(if crlf {
            l.strip_suffix(b"\r").unwrap_or(l)
        } else {
            l
        })
    };
    // Whether the line that ends just before `p` (at an LF) is empty. The
    // start of `input` is a line start.
    let blank_before = |p: usize| -> bool {
        p >= 1
            && input[p - 1] == b'\n'
            && (p == 1
                || input[p - 2] == b'\n'
                || (crlf && input[p - 2] == b'\r' && (p == 2 || input[p - 3] == b'\n')))
    };
    let mut complete = true;
    let mut check = |p: usize| -> bool {
        match line_at(p) {
            Some(l) => is_status_line(l),
            None => {
                // An unfinished line that may still become a status line.
                let rest = &input[p..];
                let n = rest.len().min(3);
                if rest[..n] == b"RT/"[..n] {
                    complete = false;
                }
                false
            }
        }
    };
    if check_start && start < input.len() && check(start) {
        return (Some(start), true);
    }
    let mut from = start;
    while let Some(q) = memchr::memmem::find(&input[from..], b"\nRT/") {
        let cand = from + q + 1;
        if blank_before(cand) && check(cand) {
            return (Some(cand), true);
        }
        from = cand;
    }
    // The last, unfinished line may still become a status line after an
    // empty line.
    let last = memchr::memrchr(b'\n', &input[start..]).map_or(start, |l| start + l + 1);
    let tail = &input[last..];
    if tail.len() < 3
        && b"RT/".starts_with(tail)
        && (blank_before(last) || last == start && check_start)
    {
        complete = false;
    }
    (None, complete)
}

/// `empty-listing = 1*LF ( next-envelope / end )`: a search payload of only
/// LFs, up to the next envelope or the end of the input.
pub(crate) fn empty_listing(lex: &Lexer<'_>, start: usize) -> PResult<bool> {
    let rest = &lex.input[start..];
    if rest.first() != Some(&b'\n') {
        return Ok(false);
    }
    let n = rest.iter().take_while(|&&b| b == b'\n').count();
    if n == rest.len() {
        return if lex.eof {
            Ok(true)
        } else {
            Err(Err::Incomplete(Needed::Unknown))
        };
    }
    Ok(lex
        .line(start + n)?
        .is_some_and(|line| line.kind == Kind::Status))
}

/// `plain-message`: whether the payload at `start` is one of RT's fixed
/// plain-text messages (empty lines before it change nothing), or may still
/// become one when more bytes come (`Incomplete`).
pub(crate) fn plain_message(lex: &Lexer<'_>, start: usize) -> PResult<bool> {
    let rest = &lex.input[start..];
    if !lex.eof && crate::catalogue::may_become_plain(rest) {
        return Err(Err::Incomplete(Needed::Unknown));
    }
    Ok(crate::catalogue::is_plain_message(rest))
}
