//! One type per read endpoint, each an [`Endpoint`]: the path comes from the
//! path function of [`super::read`] (one place for each path rule), the
//! options and the view from the type.

use alloc::string::String;
use alloc::vec::Vec;

use super::endpoint::Endpoint;
use super::read;
use super::url::ObjectType;
use crate::options::{Framing, KeySplit, ParseOptions};
use crate::request::{EncodeError, FieldName};
use crate::views;

/// Implements [`Endpoint`]: `$out` is the view, `$path` the path expression
/// over `$s` (the endpoint), then the framing and key split of the answer.
macro_rules! endpoint {
    ($ty:ty => $out:ident, |$s:ident| $path:expr, $framing:ident, $keys:ident) => {
        impl Endpoint for $ty {
            type Output = views::$out<'static>;

            fn path_and_query(&self) -> String {
                let $s = self;
                $path
            }

            fn parse_options(&self) -> ParseOptions {
                ParseOptions::new()
                    .framing(Framing::$framing)
                    .key_split(KeySplit::$keys)
            }
        }
    };
    ($ty:ty => $out:ident, |$s:ident| $path:expr) => {
        endpoint!($ty => $out, |$s| $path, Object, First);
    };
}

/// `ticket/<n>/show`: one [`views::Ticket`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Ticket {
    /// The ticket.
    pub id: u64,
}
endpoint!(Ticket => Ticket, |s| read::ticket(s.id));

/// `show?id=ticket/<n>,<m>…[&fields=…]`: a [`views::TicketList`] (missing
/// tickets are messages in it).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Tickets {
    /// The tickets.
    pub ids: Vec<u64>,
    /// The fields to show; empty for all.
    pub fields: Vec<FieldName>,
}
endpoint!(Tickets => TicketList, |s| read::show(ObjectType::Ticket, &s.ids, &s.fields));

/// `<type>/new`: the creation [`views::Template`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Template {
    /// The object type.
    pub kind: ObjectType,
}
endpoint!(Template => Template, |s| read::template(s.kind));

/// `ticket/<n>/links` (with `long`, `format=l`): [`views::Links`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TicketLinks {
    /// The ticket.
    pub id: u64,
    /// `format=l`: empty relations too.
    pub long: bool,
}
endpoint!(TicketLinks => Links, |s| read::ticket_links(s.id, s.long));

/// `ticket/<n>/attachments`: [`views::AttachmentList`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TicketAttachments {
    /// The ticket.
    pub id: u64,
}
endpoint!(TicketAttachments => AttachmentList, |s| read::ticket_attachments(s.id));

/// `ticket/<n>/attachments/<a>`: [`views::Attachment`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TicketAttachment {
    /// The ticket.
    pub id: u64,
    /// The attachment.
    pub attachment: u64,
}
endpoint!(TicketAttachment => Attachment, |s| read::ticket_attachment(s.id, s.attachment));

/// `ticket/<n>/attachments/<a>/content`: the raw bytes,
/// [`views::AttachmentContent`], framed [`Framing::Content`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TicketAttachmentContent {
    /// The ticket.
    pub id: u64,
    /// The attachment.
    pub attachment: u64,
}
endpoint!(
    TicketAttachmentContent => AttachmentContent,
    |s| read::ticket_attachment_content(s.id, s.attachment),
    Content,
    First
);

/// `attachment/<a>`: [`views::Attachment`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Attachment {
    /// The attachment.
    pub id: u64,
}
endpoint!(Attachment => Attachment, |s| read::attachment(s.id));

/// `attachment/<a>/content`: [`views::AttachmentContent`], framed
/// [`Framing::Content`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct AttachmentContent {
    /// The attachment.
    pub id: u64,
}
endpoint!(AttachmentContent => AttachmentContent, |s| read::attachment_content(s.id), Content, First);

/// `ticket/<n>/history`: the short [`views::History`]. The long one is
/// its own type, [`TicketHistoryLong`], because its view is another type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TicketHistory {
    /// The ticket.
    pub id: u64,
}
endpoint!(TicketHistory => History, |s| read::ticket_history(s.id, false));

/// `ticket/<n>/history?format=l`: [`views::LongHistory`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TicketHistoryLong {
    /// The ticket.
    pub id: u64,
}
endpoint!(TicketHistoryLong => LongHistory, |s| read::ticket_history(s.id, true));

/// `ticket/<n>/history/id/<t>`: one [`views::HistoryEntry`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TicketHistoryEntry {
    /// The ticket.
    pub id: u64,
    /// The transaction.
    pub transaction: u64,
}
endpoint!(TicketHistoryEntry => HistoryEntry, |s| read::ticket_history_entry(s.id, s.transaction));

/// `transaction/<t>` (with `long`, `format=l`): one [`views::HistoryEntry`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Transaction {
    /// The transaction.
    pub id: u64,
    /// `format=l`: all keys.
    pub long: bool,
}
endpoint!(Transaction => HistoryEntry, |s| read::transaction(s.id, s.long));

/// Declares an endpoint whose path is built (and its label checked) once,
/// in `new`, by a fallible function of [`super::read`].
macro_rules! labelled {
    (
        $(#[$meta:meta])* $ty:ident => $out:ident, $keys:ident,
        fn new($($arg:ident: $t:ty),*) = $link:path, $f:expr
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub struct $ty {
            path: String,
        }

        impl $ty {
            #[doc = concat!("The endpoint; the path comes from [`", stringify!($link), "`].")]
            ///
            /// # Errors
            /// [`EncodeError::ObjectLabel`]: an empty label, or one with `,`,
            /// `/` or `\`.
            pub fn new($($arg: $t),*) -> Result<Self, EncodeError> {
                Ok($ty { path: ($f)($($arg),*)? })
            }
        }

        endpoint!($ty => $out, |s| s.path.clone(), Object, $keys);
    };
}

labelled!(
    /// `user/<id|name|email>`: [`views::User`].
    User => User, First, fn new(user: &str) = read::user, read::user
);
labelled!(
    /// `queue/<id|name>`: [`views::Queue`].
    Queue => Queue, First, fn new(queue: &str) = read::queue, read::queue
);
labelled!(
    /// `group/<id|name>`: [`views::Group`].
    Group => Group, First, fn new(group: &str) = read::group, read::group
);
labelled!(
    /// `queue/<q>/customfields` (with `long`, `format=l`): the queue's own
    /// custom fields, [`views::CustomFieldList`], keys split at the last
    /// `": "` ([`KeySplit::Last`]).
    QueueCustomFields => CustomFieldList, Last,
    fn new(queue: &str, long: bool) = read::queue_custom_fields,
        |q, l| read::queue_custom_fields(q, false, l)
);
labelled!(
    /// `queue/<q>/ticketcustomfields` (with `long`, `format=l`): the ticket
    /// custom fields of a queue, [`views::CustomFieldList`], keys split at
    /// the last `": "` ([`KeySplit::Last`]).
    QueueTicketCustomFields => CustomFieldList, Last,
    fn new(queue: &str, long: bool) = read::queue_custom_fields,
        |q, l| read::queue_custom_fields(q, true, l)
);
labelled!(
    /// `group/<g>/customfields` (with `long`, `format=l`):
    /// [`views::CustomFieldList`], keys split at the last `": "`
    /// ([`KeySplit::Last`]).
    GroupCustomFields => CustomFieldList, Last,
    fn new(group: &str, long: bool) = read::group_custom_fields, read::group_custom_fields
);
