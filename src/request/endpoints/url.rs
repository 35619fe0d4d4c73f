//! Pieces of read and write URLs: object types, object labels, query
//! parameters.

use alloc::string::String;
use alloc::vec::Vec;

use super::super::body::percent_encode_except;
use super::super::error::EncodeError;
use super::super::name::FieldName;

/// Object types that `show?id=` and `search/` address.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ObjectType {
    /// `ticket`.
    Ticket,
    /// `user`.
    User,
    /// `queue`.
    Queue,
    /// `group`.
    Group,
}

impl ObjectType {
    /// The path word.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            ObjectType::Ticket => "ticket",
            ObjectType::User => "user",
            ObjectType::Queue => "queue",
            ObjectType::Group => "group",
        }
    }
}

pub(super) fn label(label: &str) -> Result<String, EncodeError> {
    if label.is_empty() || label.contains([',', '/', '\\']) {
        return Err(EncodeError::ObjectLabel {
            label: String::from(label),
        });
    }
    let mut out = Vec::new();
    percent_encode_except(label.as_bytes(), &mut out, |b| b == b'@');
    Ok(String::from_utf8(out).unwrap_or_default())
}

/// Appends `&name=value` (or `?name=value`) percent-encoded; `/` and `,`
/// stay as they are (both are plain data in a query).
pub(super) fn query_param(url: &mut String, name: &str, value: &str) {
    url.push(if url.contains('?') { '&' } else { '?' });
    url.push_str(name);
    url.push('=');
    let mut out = Vec::new();
    percent_encode_except(value.as_bytes(), &mut out, |b| b == b'/' || b == b',');
    url.push_str(&String::from_utf8(out).unwrap_or_default());
}

pub(super) fn fields_param(url: &mut String, fields: &[FieldName]) {
    if !fields.is_empty() {
        let list: Vec<&str> = fields.iter().map(FieldName::as_str).collect();
        query_param(url, "fields", &list.join(","));
    }
}
