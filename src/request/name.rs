//! Validated field names.

use alloc::borrow::Cow;
use alloc::format;
use alloc::string::String;
use core::fmt;

use super::error::{EncodeError, NameError};
use super::parse::{field_line, reads_back_as_key};

/// How RT's key grammar matches a name; decides how the encoder writes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum NameKind {
    /// `[A-Za-z][A-Za-z0-9_-]*`: always matched as written, whatever follows.
    Simple,
    /// `CF.{name}` / `CF-name` that is not a simple key: RT matches it greedily
    /// up to the last `:` followed by whitespace, so the encoder always ends
    /// its line right after the colon.
    CustomField,
}

/// A request field name that RT's `form_parse` reads back exactly as written.
///
/// Accepted: simple keys `[A-Za-z][A-Za-z0-9_-]*` (which include `CF-<id>`
/// and `CF-Name` for simple names), `CF.{name}` and `CF-name` (`CustomField-`
/// etc.) with any name free of commas and line breaks, provided RT's greedy
/// key match gives the whole name back (`CF-a: b` does not: RT reads the simple
/// key `CF-a`). Values after a custom-field key that is not a simple key are
/// always written on continuation lines, so a `": "` in such a value cannot
/// move the split point.
///
/// ```
/// use rt_wire::request::FieldName;
/// assert!(FieldName::try_from("Subject").is_ok());
/// assert!(FieldName::try_from("CF.{Colon: Field}").is_ok());
/// assert!(FieldName::try_from("X.Y").is_err());
/// assert_eq!(FieldName::custom_field("Due date (UTC)")?.as_str(), "CF.{Due date (UTC)}");
/// assert_eq!(FieldName::custom_field_id(12).as_str(), "CF-12");
/// # Ok::<(), rt_wire::request::EncodeError>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct FieldName {
    text: Cow<'static, str>,
    kind: NameKind,
}

impl FieldName {
    /// Validates `text`.
    fn validate(text: Cow<'static, str>) -> Result<Self, EncodeError> {
        let err = |reason| EncodeError::FieldName {
            name: String::from(&*text),
            reason,
        };
        if text.is_empty() {
            return Err(err(NameError::Empty));
        }
        if text.contains(['\n', '\r']) {
            return Err(err(NameError::LineBreak));
        }
        if text.contains(',') {
            return Err(err(NameError::Comma));
        }
        let simple = text.as_bytes()[0].is_ascii_alphabetic()
            && text
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
        if simple {
            return Ok(FieldName {
                text,
                kind: NameKind::Simple,
            });
        }
        if !reads_back_as_key(&text) {
            // Tell apart "no production" from "a production, but elsewhere".
            let mut line = String::from(&*text);
            line.push(':');
            let reason = if field_line(&line).is_some() {
                NameError::MisSplit
            } else {
                NameError::Grammar
            };
            return Err(err(reason));
        }
        Ok(FieldName {
            text,
            kind: NameKind::CustomField,
        })
    }

    /// A field name from a `'static` text (no copy).
    ///
    /// # Errors
    /// See [`FieldName`].
    pub fn from_static(text: &'static str) -> Result<Self, EncodeError> {
        Self::validate(Cow::Borrowed(text))
    }

    /// A known-good built-in name.
    pub(crate) const fn known(text: &'static str) -> Self {
        FieldName {
            text: Cow::Borrowed(text),
            kind: NameKind::Simple,
        }
    }

    /// `CF.{name}`, the key RT's ticket forms use for a custom field.
    ///
    /// # Errors
    /// If `name` is empty or holds a comma or a line break, or RT would read
    /// another key from `CF.{name}:`.
    pub fn custom_field(name: &str) -> Result<Self, EncodeError> {
        if name.is_empty() {
            return Err(EncodeError::FieldName {
                name: String::from("CF.{}"),
                reason: NameError::Empty,
            });
        }
        Self::validate(Cow::Owned(format!("CF.{{{name}}}")))
    }

    /// `CF-name`, the key RT's user, queue and group forms use.
    ///
    /// # Errors
    /// As [`FieldName::custom_field`].
    pub fn object_custom_field(name: &str) -> Result<Self, EncodeError> {
        if name.is_empty() {
            return Err(EncodeError::FieldName {
                name: String::from("CF-"),
                reason: NameError::Empty,
            });
        }
        Self::validate(Cow::Owned(format!("CF-{name}")))
    }

    /// `CF-<id>`: RT looks a numeric custom-field name up by id. Always valid.
    #[must_use]
    pub fn custom_field_id(id: u32) -> Self {
        FieldName {
            text: Cow::Owned(format!("CF-{id}")),
            kind: NameKind::Simple,
        }
    }

    /// The name as written on the wire.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether RT reads this name as a key whatever follows its colon.
    #[must_use]
    pub fn is_simple(&self) -> bool {
        self.kind == NameKind::Simple
    }

    pub(crate) fn kind(&self) -> NameKind {
        self.kind
    }
}

impl fmt::Debug for FieldName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.text, f)
    }
}

impl fmt::Display for FieldName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl TryFrom<&str> for FieldName {
    type Error = EncodeError;
    fn try_from(text: &str) -> Result<Self, EncodeError> {
        Self::validate(Cow::Owned(String::from(text)))
    }
}

impl TryFrom<String> for FieldName {
    type Error = EncodeError;
    fn try_from(text: String) -> Result<Self, EncodeError> {
        Self::validate(Cow::Owned(text))
    }
}

impl AsRef<str> for FieldName {
    fn as_ref(&self) -> &str {
        &self.text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        let reason = |s: &str| match FieldName::try_from(s) {
            Ok(_) => None,
            Err(EncodeError::FieldName { reason, .. }) => Some(reason),
            Err(e) => panic!("{e}"),
        };
        assert_eq!(reason("Subject"), None);
        assert_eq!(reason("Content-Type"), None);
        assert_eq!(reason("CF-12"), None);
        assert_eq!(reason("CF.{Multi Select}"), None);
        assert_eq!(reason("CF.{a: b}"), None);
        assert_eq!(reason("CF.{a}: b}"), None);
        assert_eq!(reason("CF-Foo Bar"), None);
        assert_eq!(reason("CF-a: b"), Some(NameError::MisSplit));
        assert_eq!(reason("CF.{a,b}"), Some(NameError::Comma));
        assert_eq!(reason("CF.{}"), Some(NameError::Grammar));
        assert_eq!(reason("X.Y"), Some(NameError::Grammar));
        assert_eq!(reason("1foo"), Some(NameError::Grammar));
        assert_eq!(reason(""), Some(NameError::Empty));
        assert_eq!(reason("A\nB"), Some(NameError::LineBreak));
        assert!(FieldName::custom_field("").is_err());
        assert!(FieldName::object_custom_field("Dept").unwrap().is_simple());
        assert!(!FieldName::custom_field("x").unwrap().is_simple());
    }

    /// A name shows and lends exactly its text.
    #[test]
    fn text_of_a_name() {
        use alloc::string::ToString;
        let n = FieldName::custom_field("Multi Select").unwrap();
        assert_eq!(n.to_string(), "CF.{Multi Select}");
        assert_eq!(AsRef::<str>::as_ref(&n), "CF.{Multi Select}");
        assert_eq!(n.as_str(), "CF.{Multi Select}");
    }
}
