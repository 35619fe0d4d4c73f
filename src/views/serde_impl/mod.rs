//! `serde` support (feature `serde`): `Serialize` for the views, and a
//! `Deserializer` over a form so that a user's own struct can be filled from
//! it, custom fields included.
//!
//! The views serialize to the shapes `rt-wire parse --as KIND` prints (the
//! command-line tool writes exactly this, with `serde_json`):
//!
//! * keys are RT's field names in snake case (`AdminCc` → `admin_cc`,
//!   `SLADisabled` → `sla_disabled`, `CF-Queue Note` → `cf_queue_note`);
//! * text is a string when it is UTF-8, and never lost when it is not: such
//!   bytes are a map `{"base64": "<standard base64, padded>"}` instead;
//! * a record (ticket, user, queue, group) has its `id` as a number, its
//!   list fields (`Requestors`, `Cc`, `AdminCc`, `Members`) as arrays of
//!   their `, ` items, and its custom fields in `custom_fields`, a map from
//!   the name as printed to the array of its values (see
//!   [`CustomField::values`](super::CustomField::values));
//! * numbers RT prints as numbers (ids, a transaction's `Ticket` and
//!   `TimeTaken`) are numbers, everything else the text as RT sent it;
//! * a ticket adds, after its fields (kept as the text RT sent) and
//!   `custom_fields`, `dates`: a map from each date field RT printed
//!   (`created`, `starts`, `started`, `due`, `resolved`, `told`,
//!   `last_updated`) to `"YYYY-MM-DDTHH:MM:SS"`, the wall clock in the RT
//!   user's zone as printed, or `null` for RT's not-set word (see
//!   [`When::json_text`](super::When::json_text)). `RFC2616` and `iCal`
//!   print a ticket's dates in UTC whatever the user's zone, and rt-wire has
//!   no time-zone database to convert them: those are written as the instant,
//!   `"YYYY-MM-DDTHH:MM:SSZ"` (UTC, marked `Z`). [`Ticket`](super::Ticket)
//!   and [`TicketList`](super::TicketList) read the dates in any language
//!   RT ships; [`TicketList::in_lang`](super::TicketList::in_lang) in the
//!   user's language only.
//!
//! A value the shape types (an `id`, a custom field's values, a ticket's
//! date) that does not have RT's format is a serialization error
//! (`S::Error::custom` with the [`ParseError`](crate::ParseError)), never a
//! guess.

mod de;
mod ser;
mod ser_message;
mod ser_views;

pub use de::{DeError, from_form};
pub use ser::Utf8OrBase64;
pub use ser_views::TicketListIn;
