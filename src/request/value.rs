//! Field values that RT reads back unchanged.
//!
//! BE ADVISED: the block layout written here (`Key:` then every line as
//! `" " + line`) is exact only because of the de-indent rule of RT's parser,
//! implemented in `parse.rs` (`read_value`): a line that is empty or starts
//! with a non-whitespace character anchors the one-space indentation, and
//! lines of whitespace only are never exactly empty. Change them together.

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;

use super::error::{EncodeError, ItemError, ValueError};
use super::name::{FieldName, NameKind};
use super::vsplit::{is_ws, split_request_list};
use crate::write::Sink;

/// How a value is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Layout {
    /// One line with no leading whitespace: `Key: value`.
    Inline,
    /// `Key:`, then every line as a continuation line.
    Block,
}

/// A field value that RT's `form_parse` reads back exactly.
///
/// Single-line values are written `Key: value`; multi-line values (and every
/// value after a custom-field key that is not a simple key) as `Key:` followed
/// by each line indented by one space, which RT de-indents exactly. Values RT
/// cannot carry are refused, never changed: a leading LF, every line starting
/// with whitespace (including a single line such as `"  x"`), a CR, bytes
/// that are not UTF-8.
///
/// ```
/// use rt_wire::request::{FieldValue, ValueError, EncodeError};
/// assert!(FieldValue::new("x\nStatus: resolved").is_ok()); // sent as a continuation line
/// assert!(FieldValue::new("trailing newlines survive\n\n").is_ok());
/// let refused = |v| match FieldValue::new(v) {
///     Err(EncodeError::Value { reason, .. }) => Some(reason),
///     _ => None,
/// };
/// assert_eq!(refused("\nStatus: resolved"), Some(ValueError::LeadingLineFeed));
/// assert_eq!(refused("  indented"), Some(ValueError::AllLinesIndented));
/// assert_eq!(refused("a\r\nb"), Some(ValueError::CarriageReturn));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldValue<'a> {
    text: Cow<'a, str>,
    layout: Layout,
    /// Number of LFs in `text`.
    line_feeds: usize,
}

impl<'a> FieldValue<'a> {
    /// Validates `text` (borrowed, not copied).
    ///
    /// # Errors
    /// [`EncodeError::Value`] with the [`ValueError`] that applies.
    pub fn new(text: &'a str) -> Result<Self, EncodeError> {
        Self::from_cow(Cow::Borrowed(text))
    }

    /// Validates an owned `text`.
    ///
    /// # Errors
    /// As [`FieldValue::new`].
    pub fn from_string(text: String) -> Result<FieldValue<'static>, EncodeError> {
        FieldValue::from_cow(Cow::Owned(text))
    }

    /// Validates bytes, which must be UTF-8.
    ///
    /// # Errors
    /// [`ValueError::Utf8`], or as [`FieldValue::new`].
    pub fn from_utf8(bytes: &'a [u8]) -> Result<Self, EncodeError> {
        match core::str::from_utf8(bytes) {
            Ok(s) => Self::new(s),
            Err(e) => Err(EncodeError::Value {
                field: None,
                reason: ValueError::Utf8 {
                    valid_up_to: e.valid_up_to(),
                },
            }),
        }
    }

    fn from_cow(text: Cow<'a, str>) -> Result<Self, EncodeError> {
        let err = |reason| {
            Err(EncodeError::Value {
                field: None,
                reason,
            })
        };
        let b = text.as_bytes();
        if memchr::memchr(b'\r', b).is_some() {
            return err(ValueError::CarriageReturn);
        }
        if b.first() == Some(&b'\n') {
            return err(ValueError::LeadingLineFeed);
        }
        let line_feeds = memchr::memchr_iter(b'\n', b).count();
        let starts_ws = text.starts_with(is_ws);
        // Condition (b): some line is empty or starts with a
        // non-whitespace character. The first line settles it in most cases.
        if starts_ws && !text.split('\n').any(|l| !l.starts_with(is_ws)) {
            return err(ValueError::AllLinesIndented);
        }
        let layout = if line_feeds == 0 && !starts_ws {
            Layout::Inline
        } else {
            Layout::Block
        };
        Ok(FieldValue {
            text,
            layout,
            line_feeds,
        })
    }

    /// A list for a field RT splits without unquoting (watchers `Requestors`,
    /// `Cc`, `AdminCc`, `Bcc`, links, `Attachment` file names).
    ///
    /// Items are joined with `", "`; when RT would split that line otherwise,
    /// one item per continuation line. Items RT cannot carry are
    /// refused: empty ones, ones with a comma (RT would split them or keep
    /// their quotes), leading or trailing whitespace, line breaks, and items
    /// RT's quote handling rewrites (`q{…}`).
    ///
    /// ```
    /// use rt_wire::request::FieldValue;
    /// let v = FieldValue::plain_list(["a@example.com", "b@example.com"])?;
    /// assert_eq!(v.as_str(), "a@example.com, b@example.com");
    /// let v = FieldValue::plain_list(["\"x", "y\""])?; // would re-join as one quoted item
    /// assert_eq!(v.as_str(), "\"x\ny\"");
    /// assert!(FieldValue::plain_list(["a,b.txt"]).is_err());
    /// # Ok::<(), rt_wire::request::EncodeError>(())
    /// ```
    ///
    /// # Errors
    /// [`EncodeError::ListItem`] for the first item RT cannot carry.
    pub fn plain_list<I, T>(items: I) -> Result<FieldValue<'static>, EncodeError>
    where
        I: IntoIterator<Item = T>,
        T: AsRef<str>,
    {
        let items: Vec<T> = items.into_iter().collect();
        for (index, item) in items.iter().enumerate() {
            let item = item.as_ref();
            let err = |reason| {
                Err(EncodeError::ListItem {
                    field: None,
                    index,
                    reason,
                })
            };
            if item.is_empty() {
                return err(ItemError::Empty);
            }
            if item.contains(['\n', '\r']) {
                return err(ItemError::LineBreak);
            }
            let back = split_request_list(item, false);
            if back.len() != 1 || back[0] != item {
                return err(if item.contains(',') {
                    ItemError::Comma
                } else if item.starts_with(is_ws) || item.ends_with(is_ws) {
                    ItemError::Whitespace
                } else {
                    ItemError::Quoting
                });
            }
        }
        let joined = join(&items, ", ");
        let text = if splits_back(&joined, &items, false) {
            joined
        } else {
            join(&items, "\n")
        };
        FieldValue::from_string(text)
    }

    /// A list for a multi-value custom field, which RT splits and unquotes
    /// (strip mode): items needing it are written `'…'` with `\` and
    /// `'` escaped. Any item without a line break can be carried, the empty
    /// one included.
    ///
    /// ```
    /// use rt_wire::request::FieldValue;
    /// let v = FieldValue::quoted_list(["alpha", "beta,gamma", "it's", ""])?;
    /// assert_eq!(v.as_str(), "alpha, 'beta,gamma', it's, ''");
    /// # Ok::<(), rt_wire::request::EncodeError>(())
    /// ```
    ///
    /// # Errors
    /// [`EncodeError::ListItem`] for an item with a line break.
    pub fn quoted_list<I, T>(items: I) -> Result<FieldValue<'static>, EncodeError>
    where
        I: IntoIterator<Item = T>,
        T: AsRef<str>,
    {
        let items: Vec<T> = items.into_iter().collect();
        let mut parts: Vec<Cow<'_, str>> = Vec::with_capacity(items.len());
        for (index, item) in items.iter().enumerate() {
            let item = item.as_ref();
            if item.contains(['\n', '\r']) {
                return Err(EncodeError::ListItem {
                    field: None,
                    index,
                    reason: ItemError::LineBreak,
                });
            }
            let back = split_request_list(item, true);
            if back.len() == 1 && back[0] == item {
                parts.push(Cow::Borrowed(item));
            } else {
                parts.push(Cow::Owned(quote(item)));
            }
        }
        let mut joined = join(&parts, ", ");
        if !splits_back(&joined, &items, true) {
            // Quoted items always split back, whatever their neighbours.
            let quoted: Vec<String> = items.iter().map(|i| quote(i.as_ref())).collect();
            joined = join(&quoted, ", ");
        }
        FieldValue::from_string(joined)
    }

    /// The value's text.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether the value is written on continuation lines after `name`.
    fn is_block(&self, name: &FieldName) -> bool {
        self.layout == Layout::Block
            || (name.kind() == NameKind::CustomField && !self.text.is_empty())
    }

    /// Writes the field `name: value` (one line or a block, ended by LF).
    pub fn write_field<S: Sink>(&self, name: &FieldName, sink: &mut S) {
        let key = name.as_str().as_bytes();
        let text = self.text.as_bytes();
        sink.put(key);
        if !self.is_block(name) {
            if text.is_empty() {
                sink.put(b":\n");
            } else {
                sink.put(b": ");
                sink.put(text);
                sink.put(b"\n");
            }
            return;
        }
        sink.put(b":\n ");
        let mut start = 0;
        for lf in memchr::memchr_iter(b'\n', text) {
            sink.put(&text[start..=lf]);
            sink.put(b" ");
            start = lf + 1;
        }
        sink.put(&text[start..]);
        sink.put(b"\n");
    }

    /// Length of what [`FieldValue::write_field`] writes.
    #[must_use]
    pub fn field_len(&self, name: &FieldName) -> usize {
        let key = name.as_str().len();
        let text = self.text.len();
        if self.is_block(name) {
            key + 3 + text + self.line_feeds + 1
        } else if text == 0 {
            key + 2
        } else {
            key + 3 + text
        }
    }

    /// The value, owning its text.
    #[must_use]
    pub fn into_owned(self) -> FieldValue<'static> {
        FieldValue {
            text: Cow::Owned(self.text.into_owned()),
            layout: self.layout,
            line_feeds: self.line_feeds,
        }
    }
}

impl<'a> TryFrom<&'a str> for FieldValue<'a> {
    type Error = EncodeError;
    fn try_from(text: &'a str) -> Result<Self, EncodeError> {
        FieldValue::new(text)
    }
}

impl TryFrom<String> for FieldValue<'static> {
    type Error = EncodeError;
    fn try_from(text: String) -> Result<Self, EncodeError> {
        FieldValue::from_string(text)
    }
}

fn join<T: AsRef<str>>(items: &[T], sep: &str) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(item.as_ref());
    }
    out
}

fn splits_back<T: AsRef<str>>(text: &str, items: &[T], strip: bool) -> bool {
    let back = split_request_list(text, strip);
    back.len() == items.len() && back.iter().zip(items).all(|(a, b)| a == b.as_ref())
}

/// `'…'` with `\` and `'` escaped.
fn quote(item: &str) -> String {
    let mut s = String::with_capacity(item.len() + 2);
    s.push('\'');
    for c in item.chars() {
        if c == '\\' || c == '\'' {
            s.push('\\');
        }
        s.push(c);
    }
    s.push('\'');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(name: &str, value: &str) -> String {
        let name = FieldName::try_from(name).unwrap();
        let v = FieldValue::new(value).unwrap();
        let mut out = Vec::new();
        v.write_field(&name, &mut out);
        assert_eq!(out.len(), v.field_len(&name), "{value:?}");
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn layouts() {
        assert_eq!(field("Subject", "hi"), "Subject: hi\n");
        assert_eq!(field("Subject", ""), "Subject:\n");
        assert_eq!(field("Text", "a\n  b\n\n"), "Text:\n a\n   b\n \n \n");
        assert_eq!(field("Text", "\tx\ny"), "Text:\n \tx\n y\n");
        assert_eq!(field("CF.{a: b}", "c: d"), "CF.{a: b}:\n c: d\n");
        assert_eq!(field("CF.{a: b}", ""), "CF.{a: b}:\n");
    }

    #[test]
    fn lists() {
        let v = FieldValue::plain_list(["a", "b"]).unwrap();
        assert_eq!(v.as_str(), "a, b");
        let e = FieldValue::plain_list(["a", " b"]).unwrap_err();
        assert!(matches!(
            e,
            EncodeError::ListItem {
                index: 1,
                reason: ItemError::Whitespace,
                ..
            }
        ));
        let e = FieldValue::plain_list(["q{x}"]).unwrap_err();
        assert!(matches!(
            e,
            EncodeError::ListItem {
                reason: ItemError::Quoting,
                ..
            }
        ));
        assert!(FieldValue::plain_list([""]).is_err());
        let v = FieldValue::quoted_list(["\"x", "y\""]).unwrap();
        assert_eq!(split_request_list(v.as_str(), true), ["\"x", "y\""]);
        let v = FieldValue::quoted_list(["  padded  ", "q{0}", "\\'"]).unwrap();
        assert_eq!(
            split_request_list(v.as_str(), true),
            ["  padded  ", "q{0}", "\\'"]
        );
        // Only the items that need it are quoted.
        let v = FieldValue::quoted_list(["alpha", "beta,gamma", "it's", ""]).unwrap();
        assert_eq!(v.as_str(), "alpha, 'beta,gamma', it's, ''");
    }
}
