//! Values: a field's value as spans, de-indented on demand by the exact
//! inverse of RT's layout (`docs/grammar.md`, "The exact inverse of RT's
//! layout").

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;

use crate::form::{CRLF, EMPTY_LIST, TRAILING_LF};

/// A field's value: the first line plus the raw, still indented continuation
/// lines, decoded on demand by the exact inverse of RT's layout (docs/grammar.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Value<'a> {
    pub(crate) first: &'a [u8],
    pub(crate) cont: &'a [u8],
    pub(crate) has_cont: bool,
    pub(crate) indent: usize,
    pub(crate) flags: u8,
    pub(crate) raw: &'a [u8],
    /// The first line with the LF after it, when that LF is the value's last
    /// byte and directly follows it in the input.
    pub(crate) first_lf: Option<&'a [u8]>,
}

impl<'a> Value<'a> {
    /// A single-line value (used by views that build values from parts).
    #[must_use]
    pub fn single_line(text: &'a [u8]) -> Self {
        Value {
            first: text,
            cont: &[],
            has_cont: false,
            indent: 0,
            flags: 0,
            raw: text,
            first_lf: None,
        }
    }

    /// Whether RT printed an empty list (`Key:` with no space, `field` in docs/grammar.md), as
    /// opposed to an empty scalar (`Key: `).
    #[must_use]
    pub fn is_empty_list(&self) -> bool {
        self.flags & EMPTY_LIST != 0
    }

    /// Whether the decoded value is empty (an empty scalar or an empty list).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.first.is_empty() && !self.has_cont && !self.trailing_lf()
    }

    /// Whether the value contains an LF (it spans lines, or ends with LF).
    #[must_use]
    pub fn is_multiline(&self) -> bool {
        self.has_cont || self.trailing_lf()
    }

    /// Whether the decoded value ends with LF.
    #[must_use]
    pub fn trailing_lf(&self) -> bool {
        self.flags & TRAILING_LF != 0 || self.last_cont_empty()
    }

    /// Whether the last continuation line decodes to an empty line (it is no
    /// longer than the indentation). RT writes a final LF as an unindented
    /// empty line instead, but other input may end a value this way.
    fn last_cont_empty(&self) -> bool {
        if !self.has_cont {
            return false;
        }
        let start = memchr::memrchr(b'\n', self.cont).map_or(0, |p| p + 1);
        let last = &self.cont[start..];
        let last = if self.flags & CRLF != 0 {
            last.strip_suffix(b"\r").unwrap_or(last)
        } else {
            last
        };
        last.len() <= self.indent
    }

    /// The first line of the value, exactly as printed after `": "` (leading
    /// spaces included).
    #[must_use]
    pub fn first_line(&self) -> &'a [u8] {
        self.first
    }

    /// The indentation width RT used for the continuation lines.
    #[must_use]
    pub fn indent(&self) -> usize {
        self.indent
    }

    /// The raw bytes of the value in the input: the first line and every
    /// continuation line with its indentation (structural empty lines after it
    /// excluded).
    #[must_use]
    pub fn raw(&self) -> &'a [u8] {
        self.raw
    }

    /// The value as one slice of the input, if it needs no de-indenting: a
    /// single-line value, or one whose only LF is its last byte.
    #[must_use]
    pub fn as_bytes(&self) -> Option<&'a [u8]> {
        if self.has_cont {
            None
        } else if self.trailing_lf() {
            self.first_lf
        } else {
            Some(self.first)
        }
    }

    /// The value as `&str`, if it needs no de-indenting and is UTF-8.
    #[must_use]
    pub fn as_str(&self) -> Option<&'a str> {
        self.as_bytes().and_then(|b| core::str::from_utf8(b).ok())
    }

    /// The decoded lines of the value, split at LF: the first line, then every
    /// continuation line without its indentation, then an empty line if the
    /// value ends with LF. Allocation-free.
    #[must_use]
    pub fn lines(&self) -> Lines<'a> {
        Lines {
            first: Some(self.first),
            cont: if self.has_cont { Some(self.cont) } else { None },
            indent: self.indent,
            crlf: self.flags & CRLF != 0,
            trailing: self.flags & TRAILING_LF != 0,
        }
    }

    /// Length of the decoded value in bytes.
    #[must_use]
    pub fn decoded_len(&self) -> usize {
        let mut n = 0;
        let mut count = 0;
        for l in self.lines() {
            n += l.len();
            count += 1;
        }
        n + count - 1
    }

    /// Appends the decoded value to `out`.
    pub fn decode_into(&self, out: &mut Vec<u8>) {
        let mut first = true;
        for l in self.lines() {
            if !first {
                out.push(b'\n');
            }
            first = false;
            out.extend_from_slice(l);
        }
    }

    /// The decoded value: borrowed when it is a single line, owned otherwise.
    #[must_use]
    pub fn to_bytes(&self) -> Cow<'a, [u8]> {
        if !self.is_multiline() {
            return Cow::Borrowed(self.first);
        }
        let mut out = Vec::with_capacity(self.raw.len() + 1);
        self.decode_into(&mut out);
        Cow::Owned(out)
    }

    /// The decoded value as text, if it is UTF-8.
    ///
    /// # Errors
    /// The value is not valid UTF-8 (RT can send raw bytes).
    pub fn to_str(&self) -> Result<Cow<'a, str>, core::str::Utf8Error> {
        match self.to_bytes() {
            Cow::Borrowed(b) => core::str::from_utf8(b).map(Cow::Borrowed),
            Cow::Owned(v) => String::from_utf8(v)
                .map(Cow::Owned)
                .map_err(|e| e.utf8_error()),
        }
    }

    /// The decoded value as text, with invalid UTF-8 replaced by U+FFFD.
    #[must_use]
    pub fn to_string_lossy(&self) -> String {
        // One allocation: decode into the buffer, then validate it in place.
        let mut v = Vec::with_capacity(self.raw.len() + usize::from(self.trailing_lf()));
        self.decode_into(&mut v);
        match String::from_utf8(v) {
            Ok(s) => s,
            Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        }
    }

    /// The items of a list value (`field` in docs/grammar.md): the decoded lines split at `", "`,
    /// with the `","` that ends a wrapped line removed. An empty value has no
    /// items. Item text that itself contains `", "` cannot be told apart from
    /// two items; views for listings with such items parse them
    /// with their own grammar.
    #[must_use]
    pub fn items(&self) -> Items<'a> {
        Items {
            lines: self.lines(),
            current: None,
            empty: self.is_empty(),
        }
    }
}

/// Decoded lines of a [`Value`]; see [`Value::lines`].
#[derive(Clone, Debug)]
pub struct Lines<'a> {
    first: Option<&'a [u8]>,
    cont: Option<&'a [u8]>,
    indent: usize,
    crlf: bool,
    trailing: bool,
}

impl<'a> Iterator for Lines<'a> {
    type Item = &'a [u8];

    fn next(&mut self) -> Option<&'a [u8]> {
        if let Some(f) = self.first.take() {
            return Some(f);
        }
        if let Some(c) = self.cont {
            let (line, rest) = match memchr::memchr(b'\n', c) {
                Some(p) => (&c[..p], Some(&c[p + 1..])),
                None => (c, None),
            };
            self.cont = rest;
            let line = if self.crlf {
                line.strip_suffix(b"\r").unwrap_or(line)
            } else {
                line
            };
            // The parser checked that every continuation line starts with at
            // least `indent` spaces.
            return Some(&line[self.indent.min(line.len())..]);
        }
        if self.trailing {
            self.trailing = false;
            return Some(&[]);
        }
        None
    }
}

/// Items of a list [`Value`]; see [`Value::items`].
#[derive(Clone, Debug)]
pub struct Items<'a> {
    lines: Lines<'a>,
    current: Option<&'a [u8]>,
    empty: bool,
}

impl<'a> Iterator for Items<'a> {
    type Item = &'a [u8];

    fn next(&mut self) -> Option<&'a [u8]> {
        if self.empty {
            return None;
        }
        loop {
            if let Some(cur) = self.current {
                return Some(match memchr::memmem::find(cur, b", ") {
                    Some(p) => {
                        self.current = Some(&cur[p + 2..]);
                        &cur[..p]
                    }
                    None => {
                        self.current = None;
                        cur
                    }
                });
            }
            let line = self.lines.next()?;
            // A wrapped line ends with ","; the item ends there.
            let more = self.lines.clone().next().is_some();
            let line = if more {
                line.strip_suffix(b",").unwrap_or(line)
            } else {
                line
            };
            if line.is_empty() && !more {
                return None;
            }
            self.current = Some(line);
        }
    }
}
