//! Read URLs (paths with query, below `/REST/1.0/`): one function per path
//! rule, and one [`Endpoint`](super::Endpoint) type per read endpoint
//! ([`Ticket`], [`TicketHistoryLong`], [`QueueCustomFields`], …), which
//! builds its path with these functions and names the view of its answer.
//!
//! ```
//! use rt_wire::request::{read, FieldName, ObjectType};
//! assert_eq!(read::ticket(7), "ticket/7/show");
//! let f = [FieldName::try_from("Subject")?, FieldName::custom_field("Due Date")?];
//! assert_eq!(
//!     read::show(ObjectType::Ticket, &[1, 2], &f),
//!     "show?id=ticket/1,2&fields=Subject,CF.%7BDue%20Date%7D"
//! );
//! assert_eq!(read::user("dave@example.com")?, "user/dave@example.com");
//! assert_eq!(read::ticket_history(7, true), "ticket/7/history?format=l");
//! # Ok::<(), rt_wire::request::EncodeError>(())
//! ```

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::super::error::EncodeError;
use super::super::name::FieldName;
pub use super::read_types::{
    Attachment, AttachmentContent, Group, GroupCustomFields, Queue, QueueCustomFields,
    QueueTicketCustomFields, Template, Ticket, TicketAttachment, TicketAttachmentContent,
    TicketAttachments, TicketHistory, TicketHistoryEntry, TicketHistoryLong, TicketLinks, Tickets,
    Transaction, User,
};
use super::url::{ObjectType, fields_param, label, query_param};

/// `ticket/<n>/show`.
#[must_use]
pub fn ticket(id: u64) -> String {
    format!("ticket/{id}/show")
}

/// `ticket/new`: the creation template.
#[must_use]
pub fn ticket_template() -> String {
    String::from("ticket/new")
}

/// `show?id=<type>/<n>,<m>…[&fields=…]`.
#[must_use]
pub fn show(kind: ObjectType, ids: &[u64], fields: &[FieldName]) -> String {
    let list: Vec<String> = ids.iter().map(ToString::to_string).collect();
    let mut url = String::from("show");
    query_param(
        &mut url,
        "id",
        &format!("{}/{}", kind.as_str(), list.join(",")),
    );
    fields_param(&mut url, fields);
    url
}

/// `ticket/<n>/history`, or with `format=l` the full transactions.
#[must_use]
pub fn ticket_history(id: u64, long: bool) -> String {
    if long {
        format!("ticket/{id}/history?format=l")
    } else {
        format!("ticket/{id}/history")
    }
}

/// `ticket/<n>/history/id/<t>`.
#[must_use]
pub fn ticket_history_entry(id: u64, transaction: u64) -> String {
    format!("ticket/{id}/history/id/{transaction}")
}

/// `ticket/<n>/links` (with `format=l`, empty relations too).
#[must_use]
pub fn ticket_links(id: u64, long: bool) -> String {
    if long {
        format!("ticket/{id}/links?format=l")
    } else {
        format!("ticket/{id}/links")
    }
}

/// `ticket/<n>/attachments`.
#[must_use]
pub fn ticket_attachments(id: u64) -> String {
    format!("ticket/{id}/attachments")
}

/// `ticket/<n>/attachments/<a>`.
#[must_use]
pub fn ticket_attachment(id: u64, attachment: u64) -> String {
    format!("ticket/{id}/attachments/{attachment}")
}

/// `ticket/<n>/attachments/<a>/content`: the raw bytes.
#[must_use]
pub fn ticket_attachment_content(id: u64, attachment: u64) -> String {
    format!("ticket/{id}/attachments/{attachment}/content")
}

/// `attachment/<a>`.
#[must_use]
pub fn attachment(attachment: u64) -> String {
    format!("attachment/{attachment}")
}

/// `attachment/<a>/content`.
#[must_use]
pub fn attachment_content(attachment: u64) -> String {
    format!("attachment/{attachment}/content")
}

/// `transaction/<t>` (with `format=l`, all keys).
#[must_use]
pub fn transaction(id: u64, long: bool) -> String {
    if long {
        format!("transaction/{id}?format=l")
    } else {
        format!("transaction/{id}")
    }
}

/// `user/<id|name|email>`.
///
/// # Errors
/// [`EncodeError::ObjectLabel`].
pub fn user(user: &str) -> Result<String, EncodeError> {
    Ok(format!("user/{}", label(user)?))
}

/// `queue/<id|name>`.
///
/// # Errors
/// [`EncodeError::ObjectLabel`].
pub fn queue(queue: &str) -> Result<String, EncodeError> {
    Ok(format!("queue/{}", label(queue)?))
}

/// `group/<id|name>`.
///
/// # Errors
/// [`EncodeError::ObjectLabel`].
pub fn group(group: &str) -> Result<String, EncodeError> {
    Ok(format!("group/{}", label(group)?))
}

/// `queue/<q>/customfields` or `queue/<q>/ticketcustomfields`, with
/// `format=l` for the type descriptions.
///
/// # Errors
/// [`EncodeError::ObjectLabel`].
pub fn queue_custom_fields(queue: &str, ticket: bool, long: bool) -> Result<String, EncodeError> {
    let what = if ticket {
        "ticketcustomfields"
    } else {
        "customfields"
    };
    let mut url = format!("queue/{}/{what}", label(queue)?);
    if long {
        url.push_str("?format=l");
    }
    Ok(url)
}

/// `group/<g>/customfields`.
///
/// # Errors
/// [`EncodeError::ObjectLabel`].
pub fn group_custom_fields(group: &str, long: bool) -> Result<String, EncodeError> {
    let mut url = format!("group/{}/customfields", label(group)?);
    if long {
        url.push_str("?format=l");
    }
    Ok(url)
}

/// Templates for new objects: `user/new`, `queue/new`, `group/new`.
#[must_use]
pub fn template(kind: ObjectType) -> String {
    format!("{}/new", kind.as_str())
}
