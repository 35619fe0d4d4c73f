//! The request side: `content` forms that RT reads back exactly as given,
//! request bodies, endpoint builders, and a parser that reads `content` the
//! way RT's server does.
//!
//! * [`FieldName`], [`FieldValue`]: validated names and values; everything the
//!   API can build, RT's `form_parse` reads back unchanged (checked against
//!   RT's own code by the differential test `tests/oracle_form_parse.rs`).
//! * [`RequestForm`], [`Content`]: forms and the `content` text, written
//!   straight into a `Vec<u8>` or any [`crate::Sink`], with `encoded_len`.
//! * [`urlencoded_body`], [`multipart_body`], [`Credentials`], [`Attachment`].
//! * [`TicketCreate`], [`TicketEdit`], [`TicketComment`], [`LinksEdit`],
//!   [`ObjectEdit`], [`MultiEdit`], [`merge`], [`take`], [`logout`]: write
//!   requests; [`read`] and [`Search`]: read URLs.
//! * [`parse_content`]: RT's `form_parse`, for test servers, mail gateways
//!   and round trips; [`split_request_list`]: how RT's server splits a list
//!   value (its `vsplit`; responses print lists otherwise, see
//!   [`crate::views::split_cf_values`]).
//!
//! ```
//! use rt_wire::request::{parse_content, ParsedValue, RequestForm};
//! let hostile = "fine\nStatus: resolved\n--\n# x";
//! let mut form = RequestForm::new();
//! form.field("Subject", "hello")?.field("Text", hostile)?;
//! let text = form.to_string();
//! let back = parse_content(&text);
//! assert_eq!(back.len(), 1);
//! assert_eq!(back[0].get("Text"), Some(&ParsedValue::Scalar(hostile.into())));
//! assert_eq!(back[0].get("Status"), None);
//! # Ok::<(), rt_wire::request::EncodeError>(())
//! ```

mod body;
mod endpoints;
mod error;
mod form;
mod name;
mod parse;
mod value;
mod vsplit;

pub use body::{
    Attachment, Credentials, MultipartBody, URLENCODED, multipart_body, percent_encode,
    percent_encoded_len, urlencoded_body, urlencoded_len,
};
pub use endpoints::{
    Body, Endpoint, LinksEdit, MultiEdit, ObjectEdit, ObjectType, Order, Search, SearchFormat,
    TakeAction, TicketComment, TicketCreate, TicketEdit, ViewOf, WriteRequest, logout, merge, read,
    take,
};
pub use error::{EncodeError, ItemError, NameError, ValueError};
pub use form::{Content, RequestForm};
pub use name::FieldName;
pub use parse::{ParsedForm, ParsedValue, parse_content};
pub use value::FieldValue;
pub use vsplit::split_request_list;
