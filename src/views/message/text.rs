//! The classification of plain-text payloads, through the
//! crate's catalogue of them.

use crate::catalogue::{self, Found, Kind};

use super::Message;

/// Classifies a plain-text payload: the text after the status
/// line of an answer that is not a form set.
///
/// ```
/// use rt_wire::views::{classify_text, Message};
/// assert_eq!(classify_text(b"No matching results.\n\n\n"), Message::NoMatchingResults);
/// assert_eq!(classify_text(b"Invalid link: 'Foo'.\n\n"), Message::InvalidLink { relation: "Foo" });
/// ```
#[must_use]
pub fn classify_text(payload: &[u8]) -> Message<'_> {
    let trimmed = trim_lf(payload);
    catalogue::lookup(trimmed)
        .and_then(catalogued)
        .unwrap_or(Message::Other { text: trimmed })
}

/// The message of a catalogue entry, with its placeholders (UTF-8 only).
fn catalogued(found: Found<'_>) -> Option<Message<'_>> {
    let [a, b] = found.holes;
    let (a, b) = (core::str::from_utf8(a).ok()?, core::str::from_utf8(b).ok()?);
    Some(match found.entry.kind {
        Kind::InvalidObjectIdSpecified => Message::InvalidObjectIdSpecified { id: a },
        Kind::OneFormOnly => Message::OneFormOnly,
        Kind::NoObjectsSpecified => Message::NoObjectsSpecified,
        Kind::InvalidFieldSpec => Message::InvalidFieldSpec { fields: a },
        Kind::PermissionDenied => Message::PermissionDenied {
            action: "",
            ticket: "",
        },
        Kind::UnknownListingFormat => Message::UnknownListingFormat { format: a },
        Kind::InvalidQuery => Message::InvalidQuery { text: a },
        Kind::InvalidOperator => Message::InvalidOperator { operator: a },
        Kind::InvalidQuerySpec => Message::InvalidQuerySpec { query: a },
        Kind::NoMatchingResults => Message::NoMatchingResults,
        Kind::UnsupportedObjectType => Message::UnsupportedObjectType,
        Kind::BadCredentials => Message::BadCredentials,
        Kind::LoginPageRequired => Message::LoginPageRequired,
        Kind::CannotModifyCustomFields => Message::CannotModifyCustomFields { object: a },
        Kind::InvalidLink => Message::InvalidLink { relation: a },
        Kind::InvalidTicketId => Message::InvalidTicketId {
            message: core::str::from_utf8(found.text).ok()?,
        },
        Kind::LinkCreated | Kind::LinkDeleted => {
            let mut spec = b.splitn(3, ' ');
            Message::LinkChanged {
                created: found.entry.kind == Kind::LinkCreated,
                base: spec.next()?,
                relation: spec.next()?,
                target: spec.next()?,
                message: a,
            }
        }
        Kind::EmptyForm => Message::EmptyForm,
        Kind::InvalidAction => Message::InvalidAction { action: a },
        Kind::EmptyComment => Message::EmptyComment,
        Kind::NoAttachment => Message::NoAttachment { name: a },
        Kind::NotAllowedOn => Message::PermissionDenied {
            action: a,
            ticket: b,
        },
        Kind::NotAllowedToModify => Message::PermissionDenied {
            action: "modify",
            ticket: a,
        },
    })
}

pub(crate) fn trim_lf(b: &[u8]) -> &[u8] {
    let mut end = b.len();
    while end > 0 && b[end - 1] == b'\n' {
        end -= 1;
    }
    &b[..end]
}
