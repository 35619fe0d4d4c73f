//! Typed views of every REST 1.0 response shape, borrowed from a
//! parsed [`Response`](crate::Response).
//!
//! A view keeps the fields RT sent and parses them on demand: every typed
//! accessor returns a [`crate::ParseError`] pointing into the
//! response when a value does not have RT's format, and
//! [`Record::get`] always gives the raw text. When RT says no (a code other
//! than 200, a failure reported under `200 Ok`, error text instead of an
//! envelope) a view's constructor returns [`ViewError::Server`] with every
//! [`Message`] classified.
//!
//! Lists are read as RT prints them: the `, ` items of RT's list layout
//! ([`RawValue::items`]) for watchers, links and `CF-…` fields, and
//! [`split_cf_values`], the exact inverse of RT's join, for the values of a
//! multi-value ticket custom field ([`CustomField::values`], with
//! [`CustomField::is_ambiguous`] where RT prints the same text for two
//! lists). RT's `vsplit` is the request side
//! ([`crate::request::split_request_list`]).
//!
//! | Endpoint | View | Framing |
//! |---|---|---|
//! | `ticket/<n>`, `show?id=…`, search `format=l` | [`TicketList`], [`Ticket`] | object / search |
//! | `ticket/new`, `user/new`, `queue/new`, `group/new` | [`Template`] | object |
//! | `ticket/<n>/links` | [`Links`] | object |
//! | `ticket/<n>/attachments` | [`AttachmentList`] | object |
//! | `ticket/<n>/attachments/<a>`, `attachment/<a>` | [`Attachment`] | object |
//! | `…/content` | [`AttachmentContent`] | [`Framing::Content`](crate::Framing::Content) |
//! | `ticket/<n>/history` | [`History`] | object |
//! | `…/history?format=l`, `…/history/id/<t>`, `transaction/<t>` | [`LongHistory`], [`HistoryEntry`] | object |
//! | `search/<type>` | [`SearchResults`] | [`Framing::Search`](crate::Framing::Search) |
//! | `user/<u>`, `queue/<q>`, `group/<g>` | [`User`], [`Queue`], [`Group`] | object |
//! | `queue/<q>/customfields`, `…/ticketcustomfields`, `group/<g>/customfields` | [`CustomFieldList`] | object, [`KeySplit::Last`](crate::KeySplit::Last) |
//! | answers to writes; every refusal | [`Reply`], [`ServerError`] | any |
//!
//! Each endpoint type of [`crate::request`] names its view
//! ([`crate::request::Endpoint::Output`], a [`FromResponse`]) and parses with
//! the right options, so the table above is also in the types. For results
//! that must outlive the body: [`Owned`], and `into_owned()` on
//! [`ViewError`], [`ServerError`] and [`Notice`] (`'static + Send + Sync`).
//!
//! ```
//! use rt_wire::views::{TicketList, TicketStatus};
//! let body = b"RT/5.0.3 200 Ok\n\nid: ticket/7\nSubject: hi\nStatus: open\nCF.{Tags}: a,'b,c'\n\n";
//! let response = rt_wire::parse_response(body)?;
//! let list = TicketList::from_response(&response).unwrap();
//! let t = &list.tickets[0];
//! assert_eq!(t.id()?, 7);
//! assert_eq!(t.status()?, Some(TicketStatus::Open));
//! assert_eq!(t.custom_field("Tags").unwrap().values()?, ["a", "b,c"]);
//! # Ok::<(), rt_wire::ParseError>(())
//! ```

mod attachment;
mod cf_values;
mod custom_fields;
mod from_response;
mod history;
mod message;
mod owned;
mod record;
mod search;
#[cfg(feature = "serde")]
mod serde_impl;
mod status_change;
mod ticket;
mod values;

pub use attachment::{
    Attachment, AttachmentContent, AttachmentItem, AttachmentList, Header, Original,
};
pub use cf_values::{CfValue, CfValues, split_cf_values};
pub use custom_fields::CustomFieldList;
pub use from_response::FromResponse;
pub use history::{
    History, HistoryAttachment, HistoryEntry, HistoryHeader, HistoryLine, LongHistory,
};
pub use message::{Message, Notice, Reply, ServerError, Status, classify_comment, classify_text};
pub use owned::{Owned, OwnedNotice, OwnedServerError, OwnedViewError};
pub use record::{CustomField, RawValue, Record};
pub use search::{SearchFormat, SearchResults, SearchRow};
#[cfg(feature = "serde")]
pub use serde_impl::{DeError, TicketListIn, Utf8OrBase64, from_form};
pub use status_change::StatusChange;
pub use ticket::{Group, Links, Queue, Relation, Template, Ticket, TicketList, User};
pub use values::{
    CLDR_VERSION, DateFormat, DateTime, Lang, LinkTarget, ObjectRef, Precision, RtDate, Size,
    Stamp, TicketStatus, TransactionType, UserZone, Utc, When, Zone, cldr_languages, parse_date,
    parse_minutes, parse_number, parse_object_ref, parse_size, parse_user_date, parse_user_date_in,
    parse_utc_date,
};

use core::fmt;

use crate::error::ParseError;

/// Why a view could not be built.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ViewError<'a> {
    /// RT refused the request or reported a failure.
    Server(ServerError<'a>),
    /// The response does not have the shape of this view.
    Shape(ParseError),
}

impl fmt::Display for ViewError<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ViewError::Server(e) => e.fmt(f),
            ViewError::Shape(e) => e.fmt(f),
        }
    }
}

impl core::error::Error for ViewError<'_> {}

impl From<ParseError> for ViewError<'_> {
    fn from(e: ParseError) -> Self {
        ViewError::Shape(e)
    }
}

impl<'a> From<ServerError<'a>> for ViewError<'a> {
    fn from(e: ServerError<'a>) -> Self {
        ViewError::Server(e)
    }
}
