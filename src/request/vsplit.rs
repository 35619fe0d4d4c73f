//! What RT's server reads in a request list: RT's `vsplit` (
//! RT ≥ 4.2.11), as [`split_request_list`].
//!
//! Written from the spec's description and checked against RT's own code by
//! the differential test `tests/oracle_form_parse.rs`. This is the request
//! side only: RT never prints a list this way. The values of a multi-value
//! ticket custom field in a response are read by
//! [`crate::views::split_cf_values`], the inverse of RT's join.
//!
//! BE ADVISED: the list encoder in `value.rs` decides how to write a list by
//! running these functions on its own output; a change here changes what the
//! encoder accepts.

use alloc::string::String;
use alloc::vec::Vec;

/// Whitespace as RT's parsers see it: Perl's `\s` on decoded text, which is
/// the Unicode `White_Space` set.
#[inline]
pub(crate) fn is_ws(c: char) -> bool {
    c.is_whitespace()
}

/// Length in bytes of the leading whitespace run of `s`.
pub(crate) fn ws_prefix_len(s: &str) -> usize {
    s.len() - s.trim_start_matches(is_ws).len()
}

/// `\s* ( \Z | , )` at the start of `s`: the bytes it consumes, if it matches.
fn item_end(s: &str) -> Option<usize> {
    let ws = ws_prefix_len(s);
    let rest = &s[ws..];
    if rest.is_empty() {
        Some(ws)
    } else if rest.starts_with(',') {
        Some(ws + 1)
    } else {
        None
    }
}

/// `quote ( [^\\q]* (?: \\ . [^\\q]* )* ) quote`, the body matched
/// atomically: the length of the quoted text (quotes included) if it matches.
fn quoted_len(s: &str, quote: char) -> Option<usize> {
    let mut chars = s.char_indices();
    match chars.next() {
        Some((_, c)) if c == quote => {}
        _ => return None,
    }
    while let Some((i, c)) = chars.next() {
        if c == '\\' {
            // The escaped character, whatever it is; none means no match.
            chars.next()?;
        } else if c == quote {
            return Some(i + c.len_utf8());
        }
    }
    None
}

/// One list item as RT's `vsplit` yields it.
#[derive(Debug, PartialEq, Eq)]
struct Item<'a> {
    /// `"`, `'` or empty.
    quote: &'a str,
    /// The text between the quotes (already re-escaped for a `q{…}` item).
    text: ItemText<'a>,
}

#[derive(Debug, PartialEq, Eq)]
enum ItemText<'a> {
    Borrowed(&'a str),
    Owned(String),
}

impl ItemText<'_> {
    fn as_str(&self) -> &str {
        match self {
            ItemText::Borrowed(s) => s,
            ItemText::Owned(s) => s,
        }
    }
}

/// The next item of `line` (leading whitespace already skipped) and the bytes
/// consumed: `quoted-item / q-item / plain-item`, each followed by
/// `\s* ( \Z | , )`.
fn next_item(line: &str) -> (Item<'_>, usize) {
    for quote in ['"', '\''] {
        if let Some(n) = quoted_len(line, quote) {
            if let Some(e) = item_end(&line[n..]) {
                let q = &line[..1];
                return (
                    Item {
                        quote: q,
                        text: ItemText::Borrowed(&line[1..n - 1]),
                    },
                    n + e,
                );
            }
        }
    }
    if let Some(body) = line.strip_prefix("q{") {
        // `q\{(.*?)\}`: the first `}` after which the item ends.
        for (j, _) in body.match_indices('}') {
            if let Some(e) = item_end(&body[j + 1..]) {
                let inner = &body[..j];
                let consumed = 2 + j + 1 + e;
                // RT tests the captured text for truth: "" and "0" are false
                // and leave the item undefined, i.e. empty and unquoted.
                if inner.is_empty() || inner == "0" {
                    return (
                        Item {
                            quote: "",
                            text: ItemText::Borrowed(""),
                        },
                        consumed,
                    );
                }
                let mut esc = String::with_capacity(inner.len() + 2);
                for c in inner.chars() {
                    if c == '\\' || c == '\'' {
                        esc.push('\\');
                    }
                    esc.push(c);
                }
                return (
                    Item {
                        quote: "'",
                        text: ItemText::Owned(esc),
                    },
                    consumed,
                );
            }
        }
    }
    // `(.*?)`: up to the first comma, trailing whitespace excluded.
    let seg_end = line.find(',').unwrap_or(line.len());
    let item = line[..seg_end].trim_end_matches(is_ws);
    let consumed = if seg_end < line.len() {
        seg_end + 1
    } else {
        seg_end
    };
    (
        Item {
            quote: "",
            text: ItemText::Borrowed(item),
        },
        consumed,
    )
}

/// Splits a list value of a request the way RT's server does
/// (`RT::Interface::REST::vsplit`): per line, then per item.
///
/// With `strip` (what RT does for multi-value custom fields) quotes are
/// removed and `\\`, `\q` unescaped; without it (watchers, links,
/// `Attachment`) items keep their quotes. Each line is split at commas,
/// items are trimmed, and `"…"`, `'…'` and `q{…}` protect commas; an empty
/// `q{}` or `q{0}` is an empty item. [`FieldValue::plain_list`] and
/// [`FieldValue::quoted_list`] write lists that this gives back exactly.
///
/// This reads requests only. RT's responses print lists differently: use
/// [`crate::views::split_cf_values`] for a ticket custom field and
/// [`crate::Value::items`] for the other lists.
///
/// [`FieldValue::plain_list`]: super::FieldValue::plain_list
/// [`FieldValue::quoted_list`]: super::FieldValue::quoted_list
///
/// ```
/// use rt_wire::request::split_request_list;
/// assert_eq!(split_request_list("a, b,c ,  d", false), ["a", "b", "c", "d"]);
/// assert_eq!(split_request_list("'a,b', \"c,d\", q{e,f}", true), ["a,b", "c,d", "e,f"]);
/// assert_eq!(split_request_list("'a,b'", false), ["'a,b'"]);
/// assert_eq!(split_request_list("q{a}b}, c", true), ["a}b", "c"]);
/// assert_eq!(split_request_list("q{}, q{0}", true), ["", ""]);
/// ```
#[must_use]
pub fn split_request_list(value: &str, strip: bool) -> Vec<String> {
    let mut out = Vec::new();
    vsplit_into(value, strip, &mut out);
    out
}

/// [`split_request_list`] appending to `out`.
pub(crate) fn vsplit_into(value: &str, strip: bool, out: &mut Vec<String>) {
    for line in value.split('\n') {
        let mut rest = line;
        while rest.contains(|c: char| !is_ws(c)) {
            rest = &rest[ws_prefix_len(rest)..];
            let (item, consumed) = next_item(rest);
            rest = &rest[consumed..];
            let text = item.text.as_str();
            if strip {
                if item.quote.is_empty() {
                    out.push(String::from(text));
                } else {
                    let q = item.quote.chars().next().unwrap_or('\'');
                    let mut s = String::with_capacity(text.len());
                    let mut chars = text.chars().peekable();
                    while let Some(c) = chars.next() {
                        if c == '\\' {
                            if let Some(&n) = chars.peek() {
                                if n == '\\' || n == q {
                                    s.push(n);
                                    chars.next();
                                    continue;
                                }
                            }
                        }
                        s.push(c);
                    }
                    out.push(s);
                }
            } else {
                let mut s = String::with_capacity(text.len() + 2);
                s.push_str(item.quote);
                s.push_str(text);
                s.push_str(item.quote);
                out.push(s);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::split_request_list;
    use alloc::vec::Vec;

    fn v(s: &str, strip: bool) -> Vec<alloc::string::String> {
        split_request_list(s, strip)
    }

    /// The examples RT's documentation gives.
    #[test]
    fn spec_examples() {
        assert_eq!(v("a, b,c ,  d", false), ["a", "b", "c", "d"]);
        assert_eq!(v("'a,b', \"c,d\", q{e,f}", true), ["a,b", "c,d", "e,f"]);
        assert_eq!(v("alpha,'beta,gamma'", true), ["alpha", "beta,gamma"]);
        assert_eq!(v("'a,b'", false), ["'a,b'"]);
        assert_eq!(v("\"a\"b, c", true), ["\"a\"b", "c"]);
        assert_eq!(v("x,,y", false), ["x", "", "y"]);
        assert_eq!(v(",a", false), ["", "a"]);
        assert_eq!(v("a,", false), ["a"]);
        assert_eq!(v("a, ", false), ["a"]);
        assert_eq!(v(" , ", false), [""]);
        assert_eq!(v("'unterminated, x", false), ["'unterminated", "x"]);
        assert_eq!(v("back\\\\slash", true), ["back\\\\slash"]);
        assert_eq!(v("a\n b, c\n\n", false), ["a", "b", "c"]);
    }

    #[test]
    fn q_items() {
        assert_eq!(v("q{it's}", false), ["'it\\'s'"]);
        assert_eq!(v("q{it's}", true), ["it's"]);
        assert_eq!(v("q{a}b}, c", true), ["a}b", "c"]);
        assert_eq!(v("q{}, q{0}", false), ["", ""]);
        assert_eq!(v("'it\\'s', \"a\\\\b\"", true), ["it's", "a\\b"]);
    }
}
