//! Fields: `key_line`, `continuation_line`, `close_field` (`docs/grammar.md`,
//! productions `field`, `key-line`, `continuation-line`).
//!
//! A field is a key line and the continuation lines after it; its value is
//! kept as spans and de-indented on demand (`form.rs`). The empty lines after
//! a field decide whether its value ends with an LF; they are counted by the
//! `form` production and handed to `close_field`, which applies the exact
//! inverse of RT's layout.

use nom::Parser;
use nom::bytes::complete::{tag_no_case, take_until};
use nom::combinator::opt;

use super::lexer::{Lexer, Line, PResult};
use crate::error::{Detail, ErrorKind, LimitKind, ParseError};
use crate::form::{CRLF, EMPTY_LIST, FieldRec, TRAILING_LF, indent_width};
use crate::options::{KeySplit, Limits};

/// A field being read: its record and its number of continuation lines.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Open {
    pub rec: FieldRec,
    pub lines: usize,
    /// The length of the last continuation line (line end excluded).
    pub last_len: usize,
}

/// Whether `text` starts with `w` spaces (`w` is at most 16, RT's widest
/// indentation).
#[inline(always)]
fn indented(text: &[u8], w: usize) -> bool {
    const SPACES: u128 = u128::from_le_bytes([b' '; 16]);
    match text.get(..16) {
        Some(head) if w <= 16 => {
            let mut b = [0u8; 16];
            b.copy_from_slice(head);
            let mask = u128::MAX.checked_shr(8 * (16 - w) as u32).unwrap_or(0);
            (u128::from_le_bytes(b) ^ SPACES) & mask == 0
        }
        _ => text.get(..w).is_some_and(|p| p.iter().all(|&b| b == b' ')),
    }
}

/// An input offset as stored in the field table. Inputs of 4 GiB or more are
/// refused before parsing starts, so this never truncates.
#[inline]
pub(crate) fn pos32(p: usize) -> u32 {
    u32::try_from(p).unwrap_or(u32::MAX)
}

/// `key-line`: opens a field at `line`, or fails when the line has no key.
#[inline]
pub(crate) fn key_line(lex: &Lexer<'_>, line: &Line, split: KeySplit) -> PResult<Open> {
    let text = lex.text(line);
    let split = match split {
        KeySplit::First => split_key(text),
        KeySplit::Last => split_key_last(text),
    };
    let Some((key_end, _, empty_list)) = split else {
        return Err(lex.error(line.start, ErrorKind::FieldLine));
    };
    let crlf = if lex.crlf { CRLF } else { 0 };
    Ok(Open {
        rec: FieldRec {
            key_start: pos32(line.start),
            key_end: pos32(line.start + key_end),
            first_end: pos32(line.end),
            cont_end: pos32(line.end),
            indent: 0,
            flags: crlf | if empty_list { EMPTY_LIST } else { 0 },
        },
        lines: 0,
        last_len: 0,
    })
}

/// `custom-field-key = "CF.{" name "}"`, split at the `}` before the first
/// `"}: "`, or an empty list `CF.{name}:`. Returns `(key_end, value_start,
/// empty_list)`.
fn custom_field_key(line: &[u8]) -> Option<(usize, usize, bool)> {
    let (rest, _) = tag_no_case::<_, _, ()>(&b"CF.{"[..]).parse(line).ok()?;
    match opt(take_until::<_, _, ()>(&b"}: "[..])).parse(rest) {
        Ok((_, Some(name))) => {
            let k = 4 + name.len() + 1;
            Some((k, k + 2, false))
        }
        _ => line
            .ends_with(b"}:")
            .then(|| (line.len() - 1, line.len(), true)),
    }
}

/// Splits a key line into key and value ([`KeySplit::First`]).
///
/// `key-line = key ":" ( SP first-value-line / "" )`: the key runs to the
/// first `": "` (a `custom-field-key` to its closing brace); a line without
/// `": "` that ends with `:` is an empty list (`Key:`). Returns `(key_end,
/// value_start, empty_list)`.
#[inline]
pub(crate) fn split_key(line: &[u8]) -> Option<(usize, usize, bool)> {
    if line.len() >= 4 && line[..4].eq_ignore_ascii_case(b"CF.{") {
        if let Some(split) = custom_field_key(line) {
            return Some(split);
        }
    }
    let mut from = 0;
    while let Some(p) = crate::scan::find(b':', &line[from..]) {
        let c = from + p;
        match line.get(c + 1) {
            Some(b' ') => return Some((c, c + 2, false)),
            None => return Some((c, c + 1, true)),
            Some(_) => from = c + 1,
        }
    }
    None
}

/// Splits a key line at its last `": "`, or at a final `:` ([`KeySplit::Last`]).
pub(crate) fn split_key_last(line: &[u8]) -> Option<(usize, usize, bool)> {
    if let Some(p) = memchr::memmem::rfind(line, b": ") {
        return Some((p, p + 2, false));
    }
    line.ends_with(b":")
        .then(|| (line.len() - 1, line.len(), true))
}

/// `continuation-line`: a line indented by RT's width for the open field's
/// key, with no empty line before it (`blanks` is the number of empty lines
/// since the field's last line).
#[inline]
pub(crate) fn continuation_line(
    lex: &Lexer<'_>,
    open: &mut Open,
    line: &Line,
    blanks: usize,
    limits: &Limits,
) -> PResult<()> {
    if blanks > 0 {
        return Err(lex.error(line.start, ErrorKind::BlankLineInValue));
    }
    if open.rec.flags & EMPTY_LIST != 0 {
        return Err(lex.error(line.start, ErrorKind::EmptyList));
    }
    let input = lex.input;
    if open.rec.indent == 0 {
        let key = &input[open.rec.key_start as usize..open.rec.key_end as usize];
        // At most 16 by RT's rule.
        open.rec.indent = u8::try_from(indent_width(key)).unwrap_or(4);
    }
    let text = lex.text(line);
    let w = usize::from(open.rec.indent);
    if !indented(text, w) {
        indentation(lex, open, line)?;
    }
    open.lines += 1;
    if open.lines > limits.max_value_lines {
        return Err(lex.limit(line.start, LimitKind::ValueLines, limits.max_value_lines));
    }
    open.rec.cont_end = pos32(line.end);
    open.last_len = line.end - line.start;
    Ok(())
}

/// A continuation line indented less than RT's width for the key. A key that
/// itself contains `": "` (a user, queue or group custom field `CF-A: B`) was
/// split too early and its width is wrong: RT's width for the longer key
/// tells where the key really ends. Only a line with text tells: a line of
/// spaces may be an empty line of the value under any width.
#[cold]
fn indentation(lex: &Lexer<'_>, open: &mut Open, line: &Line) -> PResult<()> {
    let text = lex.text(line);
    let w = usize::from(open.rec.indent);
    let spaces = text.iter().take(w).take_while(|&&b| b == b' ').count();
    let has_text = text.iter().any(|&b| b != b' ');
    if let Some((key_end, width)) = has_text
        .then(|| later_split(lex.input, &open.rec, spaces))
        .flatten()
    {
        open.rec.key_end = pos32(key_end);
        open.rec.indent = u8::try_from(width).unwrap_or(4);
        if indented(text, width) {
            return Ok(());
        }
    }
    let w = usize::from(open.rec.indent);
    let spaces = text.iter().take(w).take_while(|&&b| b == b' ').count();
    Err(nom::Err::Error(alloc::boxed::Box::new(
        ParseError::at(lex.input, line.start + spaces, ErrorKind::Indentation).with_detail(
            Detail::Indent {
                found: spaces,
                expected: w,
            },
        ),
    )))
}

/// For a field whose continuation line has only `spaces` spaces, a later
/// `": "` of its key line at which the key would have RT's width of at most
/// `spaces`, if there is one, as `(key_end, width)`.
fn later_split(input: &[u8], rec: &FieldRec, spaces: usize) -> Option<(usize, usize)> {
    let key_start = rec.key_start as usize;
    let line = &input[key_start..rec.first_end as usize];
    let mut from = rec.key_end as usize - key_start + 2;
    while let Some(p) = memchr::memmem::find(&line[from.min(line.len())..], b": ") {
        let end = from + p;
        let width = indent_width(&line[..end]);
        if width <= spaces {
            return Some((key_start + end, width));
        }
        from = end + 2;
    }
    None
}

/// `field` ends: closes the open field given `e`, the number of empty lines
/// after it with the framing already subtracted. Two mean the value ends with
/// an LF, more are not RT's layout (`last`: the field ends the payload, where
/// extra empty lines are framing).
pub(crate) fn close_field(
    lex: &Lexer<'_>,
    mut open: Open,
    e: isize,
    last: bool,
    at: usize,
) -> PResult<FieldRec> {
    let e = if last { e.clamp(0, 2) } else { e.max(0) };
    if e > 2 {
        return Err(lex.error(at, ErrorKind::BlankLines));
    }
    // `Key:` then an empty line is an empty list followed by a structural
    // empty line; it stays an empty list.
    if e == 2 && open.rec.flags & EMPTY_LIST == 0 {
        open.rec.flags |= TRAILING_LF;
    }
    Ok(open.rec)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_splits() {
        assert_eq!(split_key(b"a: b"), Some((1, 3, false)));
        assert_eq!(split_key(b"a:b: c"), Some((3, 5, false)));
        assert_eq!(split_key(b"List:"), Some((4, 5, true)));
        assert_eq!(split_key(b"no colon"), None);
        assert_eq!(split_key(b"CF.{a: b}: v"), Some((9, 11, false)));
        assert_eq!(split_key(b"cf.{a: b}:"), Some((9, 10, true)));
        assert_eq!(split_key(b"CF.{a: b"), Some((5, 7, false)));
        assert_eq!(split_key_last(b"A: B: v"), Some((4, 6, false)));
        assert_eq!(split_key_last(b"A: B:"), Some((1, 3, false)));
        assert_eq!(split_key_last(b"AB:"), Some((2, 3, true)));
    }
}
