//! Forms, fields and values, borrowed from the input.
//!
//! A multi-line value is kept as its raw span plus the indentation width RT used
//! for its key; it is de-indented on demand ([`Value::lines`], [`Value::to_bytes`]).
//!
//! BE ADVISED: the de-indent rule here ([`indent_width`], `value.rs`) and the
//! blank-line accounting of the grammar (`close_field`, `payload_end`) are the
//! exact inverse of the indent rule in `write.rs`. They must change together.

use core::ops::Range;

pub use crate::value::{Items, Value};

/// RT's indentation width for continuation lines of `key` (`continuation-line` in docs/grammar.md):
/// `len(key) + 2`, or 4 when that exceeds 16. The length counts characters when
/// the key is UTF-8 (RT measures decoded text) and bytes otherwise (RT then
/// passed the bytes through undecoded).
#[must_use]
pub fn indent_width(key: &[u8]) -> usize {
    let len = if key.is_ascii() {
        key.len()
    } else {
        match core::str::from_utf8(key) {
            Ok(s) => s.chars().count(),
            Err(_) => key.len(),
        }
    };
    if len + 2 > 16 { 4 } else { len + 2 }
}

pub(crate) const EMPTY_LIST: u8 = 1;
pub(crate) const TRAILING_LF: u8 = 2;
pub(crate) const CRLF: u8 = 4;

/// Where a field lies in the input; a `Field` is built from it on demand.
///
/// Kept to 20 bytes (offsets as `u32`; the parser refuses inputs of 4 GiB or
/// more) because a response holds one per field: the table's size is most of
/// the parser's memory and of its time spent on fresh pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct FieldRec {
    /// Start of the key line.
    pub key_start: u32,
    /// End of the key (the `:` that ends it). The value starts after `": "`,
    /// or after `":"` for an empty list.
    pub key_end: u32,
    /// End of the first value line (CR and LF excluded).
    pub first_end: u32,
    /// End of the last continuation line (CR and LF excluded); `== first_end`
    /// when there is none. The first continuation line starts after the first
    /// line's line end.
    pub cont_end: u32,
    /// Indentation width RT used for this key, or 0 when not computed yet (the
    /// parser computes it at the first continuation line).
    pub indent: u8,
    /// `EMPTY_LIST`, `TRAILING_LF`, `CRLF`.
    pub flags: u8,
}

/// Where a form lies in the input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct FormRec {
    /// The whole form, from its first line to the end of its last non-empty line.
    pub span: Range<usize>,
    /// The leading `#` comment block (without its final LF), if any.
    pub comments: Option<Range<usize>>,
    /// Whether RT composed a field list (possibly empty) after the comments.
    pub field_list: bool,
    /// Indices of the form's fields in the response's field table.
    pub fields: Range<usize>,
    /// The `>>` echo of a 409 answer (`echo-block` in docs/grammar.md), without its final LF.
    pub echo: Option<Range<usize>>,
    /// Whether the input was read with CRLF line ends (a CR before an LF is
    /// then part of the line end, not of the line).
    pub crlf: bool,
}

impl FieldRec {
    pub(crate) fn field<'a>(&self, input: &'a [u8]) -> Field<'a> {
        let key_start = self.key_start as usize;
        let key_end = self.key_end as usize;
        let first_end = self.first_end as usize;
        let cont_end = self.cont_end as usize;
        let value_start = if self.flags & EMPTY_LIST != 0 {
            key_end + 1
        } else {
            key_end + 2
        }
        .min(first_end);
        let has_cont = cont_end > first_end;
        let cont_start = if has_cont {
            first_end + 1 + usize::from(input.get(first_end) == Some(&b'\r'))
        } else {
            first_end
        };
        let key = &input[key_start..key_end];
        let indent = if self.indent == 0 {
            indent_width(key)
        } else {
            usize::from(self.indent)
        };
        Field {
            key,
            line_start: key_start,
            value: Value {
                first: &input[value_start..first_end],
                cont: &input[cont_start.min(cont_end)..cont_end],
                has_cont,
                indent,
                flags: self.flags,
                raw: &input[value_start..cont_end.max(first_end)],
                first_lf: (self.flags & (TRAILING_LF | CRLF) == TRAILING_LF
                    && input.get(first_end) == Some(&b'\n'))
                .then(|| &input[value_start..=first_end]),
            },
        }
    }
}

/// One `Key: value` field of a form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field<'a> {
    key: &'a [u8],
    line_start: usize,
    value: Value<'a>,
}

impl<'a> Field<'a> {
    /// The key as RT printed it: `id`, `CF.{Name with spaces: and colons}`,
    /// `101` (history listings), or empty (`: ` for an unknown `fields=` name).
    #[must_use]
    pub fn key(&self) -> &'a [u8] {
        self.key
    }

    /// The key as text, if it is UTF-8 (RT may pass a custom-field name stored
    /// in another encoding through as raw bytes).
    #[must_use]
    pub fn key_str(&self) -> Option<&'a str> {
        core::str::from_utf8(self.key).ok()
    }

    /// Whether the key equals `name`, ignoring ASCII case (RT's handlers compare
    /// keys case-insensitively).
    #[must_use]
    pub fn key_is(&self, name: &str) -> bool {
        self.key.eq_ignore_ascii_case(name.as_bytes())
    }

    /// The name inside `CF.{…}`, or after `CF-`, if the key names a custom field.
    #[must_use]
    pub fn custom_field_name(&self) -> Option<&'a [u8]> {
        let k = self.key;
        if k.len() >= 5 && k[..4].eq_ignore_ascii_case(b"CF.{") && k.ends_with(b"}") {
            Some(&k[4..k.len() - 1])
        } else if k.len() > 3 && k[..3].eq_ignore_ascii_case(b"CF-") {
            Some(&k[3..])
        } else {
            None
        }
    }

    /// The value.
    #[must_use]
    pub fn value(&self) -> Value<'a> {
        self.value
    }

    /// Byte offset of the field's key line in the input.
    #[must_use]
    pub fn offset(&self) -> usize {
        self.line_start
    }
}

/// One form of a response: an optional block of `#` comment lines, fields, and
/// for 409 answers the `>>` echo of the rejected request.
#[derive(Clone, Copy, Debug)]
pub struct Form<'r, 'a> {
    pub(crate) input: &'a [u8],
    pub(crate) rec: &'r FormRec,
    pub(crate) fields: &'r [FieldRec],
}

impl<'r, 'a> Form<'r, 'a> {
    /// The comment block, each line verbatim (with its `#`), without its line
    /// end.
    #[must_use]
    pub fn comments(&self) -> CommentLines<'a> {
        CommentLines {
            rest: self.rec.comments.clone().map(|r| &self.input[r]),
            crlf: self.rec.crlf,
        }
    }

    /// The comment block as one slice (lines joined by LF, no final LF).
    #[must_use]
    pub fn comment_block(&self) -> Option<&'a [u8]> {
        self.rec.comments.clone().map(|r| &self.input[r])
    }

    /// The fields in input order (duplicate keys kept).
    #[must_use]
    pub fn fields(&self) -> Fields<'r, 'a> {
        Fields {
            input: self.input,
            iter: self.fields.iter(),
        }
    }

    /// Number of fields.
    #[must_use]
    pub fn len(&self) -> usize {
        self.fields.len()
    }

    /// Whether the form has no fields.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    /// The `i`-th field.
    #[must_use]
    pub fn field(&self, i: usize) -> Option<Field<'a>> {
        self.fields.get(i).map(|r| r.field(self.input))
    }

    /// The first field whose key equals `key` exactly.
    #[must_use]
    pub fn get(&self, key: &str) -> Option<Field<'a>> {
        self.fields().find(|f| f.key() == key.as_bytes())
    }

    /// The first field whose key equals `key` ignoring ASCII case.
    #[must_use]
    pub fn get_ignore_case(&self, key: &str) -> Option<Field<'a>> {
        self.fields().find(|f| f.key_is(key))
    }

    /// Whether RT composed a field list after the comments. A form that
    /// reports only comments was composed without one (one empty line after the
    /// comments); an error form returned by a handler has an empty one (two
    /// empty lines, `form` in docs/grammar.md). Always true when the form has fields.
    #[must_use]
    pub fn has_field_list(&self) -> bool {
        self.rec.field_list
    }

    /// The `>>` echo of a 409 answer: the rejected line prefixed with `>> ` and
    /// every later line of that form, verbatim (`echo-block` in docs/grammar.md), without the final LF.
    #[must_use]
    pub fn echo(&self) -> Option<&'a [u8]> {
        self.rec.echo.clone().map(|r| &self.input[r])
    }

    /// The lines of the `>>` echo, each verbatim without its line end (CR
    /// included when the input used CRLF).
    #[must_use]
    pub fn echo_lines(&self) -> CommentLines<'a> {
        CommentLines {
            rest: self.echo(),
            crlf: self.rec.crlf,
        }
    }

    /// The byte range of the form in the input.
    #[must_use]
    pub fn span(&self) -> Range<usize> {
        self.rec.span.clone()
    }
}

/// Iterator over the fields of a [`Form`].
#[derive(Clone, Debug)]
pub struct Fields<'r, 'a> {
    input: &'a [u8],
    iter: core::slice::Iter<'r, FieldRec>,
}

impl<'a> Iterator for Fields<'_, 'a> {
    type Item = Field<'a>;
    fn next(&mut self) -> Option<Field<'a>> {
        self.iter.next().map(|r| r.field(self.input))
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.iter.size_hint()
    }
}

impl DoubleEndedIterator for Fields<'_, '_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.iter.next_back().map(|r| r.field(self.input))
    }
}

impl ExactSizeIterator for Fields<'_, '_> {}

/// The lines of a comment block; see [`Form::comments`].
#[derive(Clone, Debug)]
pub struct CommentLines<'a> {
    rest: Option<&'a [u8]>,
    crlf: bool,
}

impl<'a> Iterator for CommentLines<'a> {
    type Item = &'a [u8];
    fn next(&mut self) -> Option<&'a [u8]> {
        let r = self.rest?;
        let line = match memchr::memchr(b'\n', r) {
            Some(p) => {
                self.rest = Some(&r[p + 1..]);
                &r[..p]
            }
            None => {
                self.rest = None;
                r
            }
        };
        // Without CRLF line ends a CR is data and stays.
        Some(if self.crlf {
            line.strip_suffix(b"\r").unwrap_or(line)
        } else {
            line
        })
    }
}
