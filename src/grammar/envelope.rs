//! Payload-level productions (`docs/grammar.md`): `empty-listing` (a search
//! that found nothing) and `plain-message` (one of RT's fixed texts, from the
//! catalogue).

use nom::{Err, Needed};

use super::lexer::{Kind, Lexer, PResult};

/// `empty-listing = 1*LF ( next-envelope / end )`: a search payload of only
/// empty lines (LF, or CRLF read with `allow_crlf`), up to the next envelope
/// or the end of the input.
pub(crate) fn empty_listing(lex: &Lexer<'_>, start: usize) -> PResult<bool> {
    let mut p = start;
    loop {
        match lex.line(p)? {
            // The end of the input after one LF or more.
            None => return Ok(p > start),
            // An empty line ended by its LF (CRLF with `allow_crlf`, as
            // everywhere else), not a lone CR at the end of the input.
            Some(line) if line.kind == Kind::Blank && lex.input[line.next - 1] == b'\n' => {
                p = line.next;
            }
            Some(line) => return Ok(p > start && line.kind == Kind::Status),
        }
    }
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
