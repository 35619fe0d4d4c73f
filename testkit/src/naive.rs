//! The deliberately naive baseline the benches measure rt-wire against: the
//! least work that still finds every field of a response in RT's layout.
//!
//! [`scan`] walks the lines with `memchr`, skips the status line, `#` lines and
//! `--` lines, extends a value over the indented lines after it (lines that
//! start with a space) and hands each raw key and value slice to a callback.
//! It stores nothing and validates nothing: no envelope, no framing, no
//! limits, no error, no de-indenting, no check that a key is a key. On a
//! response that is not in RT's layout it still returns, with whatever it
//! found.

use memchr::{memchr, memchr_iter};

/// Calls `field(key, value)` for each field of `input`, in input order.
///
/// * The first line is skipped when it starts with `RT/` (the status line).
/// * Empty lines, lines starting with `#` and lines that are exactly `--` are
///   skipped; they end the open value.
/// * A line starting with a space extends the open value (and is ignored when
///   no value is open).
/// * Any other line starts a field: the key is the line up to its first
///   `": "`, the value runs from after that `": "` to the end of the last
///   indented line that follows, indentation and inner LFs included, the
///   final LF excluded. A line without `": "` (RT writes an empty list as
///   `Cc:`) is a key, less a final `:`, with an empty value.
///
/// ```
/// let body = b"RT/5.0.3 200 Ok\n\n# c\nid: 7\nText: a\n      b\n\n--\n\nid: 8\n";
/// let mut fields = Vec::new();
/// rt_wire_testkit::naive::scan(body, |k, v| fields.push((k, v)));
/// assert_eq!(
///     fields,
///     [
///         (&b"id"[..], &b"7"[..]),
///         (b"Text", b"a\n      b"),
///         (b"id", b"8"),
///     ]
/// );
/// ```
pub fn scan<'a>(input: &'a [u8], mut field: impl FnMut(&'a [u8], &'a [u8])) {
    let mut pos = 0;
    if input.starts_with(b"RT/") {
        pos = memchr(b'\n', input).map_or(input.len(), |p| p + 1);
    }
    // The open field: its key, and where its value starts and ends.
    let mut open: Option<(&'a [u8], usize, usize)> = None;
    while pos < input.len() {
        let end = memchr(b'\n', &input[pos..]).map_or(input.len(), |p| pos + p);
        let line = &input[pos..end];
        if line.first() == Some(&b' ') {
            if let Some((_, _, value_end)) = &mut open {
                *value_end = end;
            }
        } else {
            if let Some((key, start, stop)) = open.take() {
                field(key, &input[start..stop]);
            }
            if !(line.is_empty() || line[0] == b'#' || line == b"--") {
                let colon = memchr_iter(b':', line).find(|&c| line.get(c + 1) == Some(&b' '));
                open = Some(match colon {
                    Some(c) => (&line[..c], pos + c + 2, end),
                    None => (line.strip_suffix(b":").unwrap_or(line), end, end),
                });
            }
        }
        pos = end + 1;
    }
    if let Some((key, start, stop)) = open {
        field(key, &input[start..stop]);
    }
}
