//! Encoder errors: what RT could not read back as given, and why.

use alloc::string::String;
use core::fmt;

/// Why a text is not a field name RT reads back as written.
///
/// `#[non_exhaustive]`: RT versions may narrow or widen the key grammar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum NameError {
    /// The name is empty (or a custom-field name is).
    Empty,
    /// Holds a comma, which no request key may contain.
    Comma,
    /// Holds a line break (LF or CR).
    LineBreak,
    /// Matches none of `[A-Za-z][A-Za-z0-9_-]*`, `CF.{name}`, `CF-name`.
    Grammar,
    /// RT's greedy key match would split the line elsewhere and read another
    /// key (e.g. `CF-a: b`, whose `CF-a` is a simple key of its own).
    MisSplit,
}

/// Why a value cannot be sent so that RT reads it back unchanged.
///
/// `#[non_exhaustive]`: further checks may be added.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ValueError {
    /// Starts with LF: RT drops leading empty lines.
    LeadingLineFeed,
    /// Every line is non-empty and starts with whitespace: RT strips the
    /// common leading whitespace and offers no escape.
    AllLinesIndented,
    /// Holds a CR: CR LF and CR are rewritten on the way (HTTP, MIME, mail)
    /// and RT itself keeps CR only by accident.
    CarriageReturn,
    /// Not UTF-8 (RT decodes request text as UTF-8, replacing bad bytes);
    /// `valid_up_to` is the length of the valid prefix.
    Utf8 {
        /// Bytes of valid UTF-8 before the first invalid sequence.
        valid_up_to: usize,
    },
}

/// Why a list item cannot be sent so that RT's `vsplit` gives it
/// back unchanged.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ItemError {
    /// The empty item (a plain list cannot carry it).
    Empty,
    /// Holds a line break: lists are split per line.
    LineBreak,
    /// Holds a comma, in a list whose items RT does not unquote (watchers,
    /// links, `Attachment` file names).
    Comma,
    /// Starts or ends with whitespace, which `vsplit` trims.
    Whitespace,
    /// RT's quote handling would change it (a `q{…}` item, or an item RT
    /// reads as quoted).
    Quoting,
}

/// A request that cannot be encoded so that RT reads exactly what was given.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum EncodeError {
    /// An invalid field name.
    FieldName {
        /// The name as given.
        name: String,
        /// What is wrong with it.
        reason: NameError,
    },
    /// A value RT cannot carry.
    Value {
        /// The field, if known.
        field: Option<String>,
        /// What is wrong with it.
        reason: ValueError,
    },
    /// A list item RT cannot carry.
    ListItem {
        /// The field, if known.
        field: Option<String>,
        /// Index of the item in the list.
        index: usize,
        /// What is wrong with it.
        reason: ItemError,
    },
    /// The same key twice in one form: RT would merge the values into a list
    /// (and split them on commas). Keys are compared ignoring ASCII
    /// case because RT's handlers do.
    DuplicateField {
        /// The key.
        name: String,
    },
    /// A form without fields: RT skips it, so the forms after it would be
    /// misnumbered.
    EmptyForm,
    /// A form of a multi-form edit without an `id` field (RT needs one in
    /// every form).
    MissingId,
    /// An object name or id RT cannot address in a path (labels
    /// may not hold `,`, `/`, `\`, and may not be empty).
    ObjectLabel {
        /// The label as given.
        label: String,
    },
    /// An attachment's content type holds a line break or is empty.
    ContentType {
        /// The content type as given.
        content_type: String,
    },
}

impl EncodeError {
    /// Sets the field name of a [`EncodeError::Value`] / [`EncodeError::ListItem`].
    pub(crate) fn in_field(mut self, name: &str) -> Self {
        match &mut self {
            EncodeError::Value { field, .. } | EncodeError::ListItem { field, .. }
                if field.is_none() =>
            {
                *field = Some(String::from(name));
            }
            _ => {}
        }
        self
    }
}

impl fmt::Display for NameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            NameError::Empty => "it is empty",
            NameError::Comma => "it holds a comma",
            NameError::LineBreak => "it holds a line break",
            NameError::Grammar => {
                "it is neither `[A-Za-z][A-Za-z0-9_-]*` nor `CF.{name}` nor `CF-name`"
            }
            NameError::MisSplit => {
                "RT would read a different key from it (a `:` inside the name); use `CF-<id>`"
            }
        })
    }
}

impl fmt::Display for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ValueError::LeadingLineFeed => {
                f.write_str("it starts with a line feed, which RT drops")
            }
            ValueError::AllLinesIndented => {
                f.write_str("every line starts with whitespace, which RT strips (no escape exists)")
            }
            ValueError::CarriageReturn => f.write_str("it holds a carriage return"),
            ValueError::Utf8 { valid_up_to } => {
                write!(f, "it is not UTF-8 (invalid after byte {valid_up_to})")
            }
        }
    }
}

impl fmt::Display for ItemError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ItemError::Empty => "it is empty",
            ItemError::LineBreak => "it holds a line break",
            ItemError::Comma => "it holds a comma, and RT keeps quotes in this list",
            ItemError::Whitespace => "it starts or ends with whitespace, which RT trims",
            ItemError::Quoting => "RT's quote handling would change it",
        })
    }
}

impl fmt::Display for EncodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EncodeError::FieldName { name, reason } => {
                write!(f, "invalid field name {name:?}: {reason}")
            }
            EncodeError::Value { field, reason } => match field {
                Some(n) => write!(f, "value of {n:?} cannot be sent: {reason}"),
                None => write!(f, "value cannot be sent: {reason}"),
            },
            EncodeError::ListItem {
                field,
                index,
                reason,
            } => match field {
                Some(n) => write!(f, "item {index} of {n:?} cannot be sent: {reason}"),
                None => write!(f, "list item {index} cannot be sent: {reason}"),
            },
            EncodeError::DuplicateField { name } => write!(
                f,
                "field {name:?} given twice in one form; RT would merge the values"
            ),
            EncodeError::MissingId => f.write_str("a form of a multi-form edit has no `id` field"),
            EncodeError::EmptyForm => f.write_str("a form without fields (RT skips it)"),
            EncodeError::ObjectLabel { label } => write!(
                f,
                "object name {label:?} cannot be addressed (empty, or holds `,`, `/` or `\\`)"
            ),
            EncodeError::ContentType { content_type } => {
                write!(f, "invalid content type {content_type:?}")
            }
        }
    }
}

impl core::error::Error for EncodeError {}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    fn value(field: Option<&str>, reason: ValueError) -> EncodeError {
        EncodeError::Value {
            field: field.map(String::from),
            reason,
        }
    }

    fn item(field: Option<&str>, reason: ItemError) -> EncodeError {
        EncodeError::ListItem {
            field: field.map(String::from),
            index: 2,
            reason,
        }
    }

    fn check<const N: usize>(cases: [(EncodeError, &str); N]) {
        for (e, want) in cases {
            assert_eq!(e.to_string(), want);
        }
    }

    /// A name error quotes the name and says what is wrong with it.
    #[test]
    fn name_messages_quote_the_name() {
        let field = |name: &str, reason| EncodeError::FieldName {
            name: name.into(),
            reason,
        };
        check([
            (
                field("", NameError::Empty),
                r#"invalid field name "": it is empty"#,
            ),
            (
                field("a,b", NameError::Comma),
                r#"invalid field name "a,b": it holds a comma"#,
            ),
            (
                field("a\n", NameError::LineBreak),
                r#"invalid field name "a\n": it holds a line break"#,
            ),
            (
                field("1x", NameError::Grammar),
                "invalid field name \"1x\": it is neither `[A-Za-z][A-Za-z0-9_-]*` nor `CF.{name}` nor `CF-name`",
            ),
            (
                field("CF-a: b", NameError::MisSplit),
                "invalid field name \"CF-a: b\": RT would read a different key from it (a `:` inside the name); use `CF-<id>`",
            ),
        ]);
    }

    /// A value or item error names its field (when known), the item's index
    /// and the reason.
    #[test]
    fn value_and_item_messages_name_the_field() {
        check([
            (
                value(Some("Text"), ValueError::LeadingLineFeed),
                r#"value of "Text" cannot be sent: it starts with a line feed, which RT drops"#,
            ),
            (
                value(None, ValueError::AllLinesIndented),
                "value cannot be sent: every line starts with whitespace, which RT strips (no escape exists)",
            ),
            (
                value(None, ValueError::CarriageReturn),
                "value cannot be sent: it holds a carriage return",
            ),
            (
                value(None, ValueError::Utf8 { valid_up_to: 7 }),
                "value cannot be sent: it is not UTF-8 (invalid after byte 7)",
            ),
            (
                item(Some("Cc"), ItemError::Empty),
                r#"item 2 of "Cc" cannot be sent: it is empty"#,
            ),
            (
                item(None, ItemError::LineBreak),
                "list item 2 cannot be sent: it holds a line break",
            ),
            (
                item(None, ItemError::Comma),
                "list item 2 cannot be sent: it holds a comma, and RT keeps quotes in this list",
            ),
            (
                item(None, ItemError::Whitespace),
                "list item 2 cannot be sent: it starts or ends with whitespace, which RT trims",
            ),
            (
                item(None, ItemError::Quoting),
                "list item 2 cannot be sent: RT's quote handling would change it",
            ),
        ]);
    }

    /// The errors of a form as a whole say what RT would do with it.
    #[test]
    fn form_messages_say_what_rt_would_do() {
        check([
            (
                EncodeError::DuplicateField { name: "Cc".into() },
                r#"field "Cc" given twice in one form; RT would merge the values"#,
            ),
            (
                EncodeError::MissingId,
                "a form of a multi-form edit has no `id` field",
            ),
            (
                EncodeError::EmptyForm,
                "a form without fields (RT skips it)",
            ),
            (
                EncodeError::ObjectLabel {
                    label: "a/b".into(),
                },
                r#"object name "a/b" cannot be addressed (empty, or holds `,`, `/` or `\`)"#,
            ),
            (
                EncodeError::ContentType {
                    content_type: "text/\n".into(),
                },
                r#"invalid content type "text/\n""#,
            ),
        ]);
    }

    /// `in_field` names the field of a value or item error once: a name
    /// already there stays, and other errors are left as they are.
    #[test]
    fn in_field_sets_the_field_once() {
        let v = EncodeError::Value {
            field: None,
            reason: ValueError::CarriageReturn,
        };
        let named = v.in_field("Text").in_field("Other");
        assert_eq!(
            named,
            EncodeError::Value {
                field: Some("Text".into()),
                reason: ValueError::CarriageReturn
            }
        );
        let i = EncodeError::ListItem {
            field: None,
            index: 0,
            reason: ItemError::Empty,
        };
        assert!(
            matches!(i.in_field("Cc"), EncodeError::ListItem { field: Some(f), .. } if f == "Cc")
        );
        assert_eq!(EncodeError::EmptyForm.in_field("x"), EncodeError::EmptyForm);
    }
}
