//! # rt-wire
//!
//! The wire-format core for tools that talk to Request Tracker (RT) through its
//! REST 1.0 interface: an exact, zero-copy parser for RT's responses and an
//! encoder for its `content=` request forms.
//!
//! RT answers REST 1.0 requests with a status line (`RT/5.0.3 200 Ok`), an
//! empty line, then forms: `Key: value` lines, leading `#` comments, multi-line
//! values whose continuation lines are indented, forms separated by `--`.
//! RT's own parser, and every client library, loses something of what RT sent
//! (leading spaces, trailing newlines, relative indentation). rt-wire reads the
//! exact inverse of RT's formatter, so every value comes back as RT stored it.
//!
//! ## Layers
//!
//! * [`parse_response`] / [`parse_response_with`]: bytes → [`Response`]
//!   (envelopes, forms, fields), borrowing from the input; values are decoded
//!   on demand ([`Value::lines`], [`Value::to_bytes`]).
//! * [`SharedResponse`]: the same on a [`bytes::Bytes`] buffer, handing out
//!   `Bytes` slices without copying.
//! * [`FormWriter`]: RT's canonical layout, byte for byte
//!   ([`Response::to_bytes`] gives back what RT sent).
//! * [`request`]: `content` forms RT reads back exactly as given, request
//!   bodies, builders for every endpoint, and RT's own request parser.
//!   Every endpoint is a [`request::Endpoint`]: it knows its path, the
//!   [`ParseOptions`] its answer needs and the view that reads it
//!   ([`request::read`], [`request::Search`], [`request::WriteRequest`]).
//! * [`views`]: typed, borrowed views of every response shape (tickets,
//!   links, attachments, history, searches, users, queues, groups) and RT's
//!   messages as values ([`views::Message`], [`views::ServerError`]); owned
//!   results ([`views::Owned`], `into_owned()` on the errors) that are
//!   `'static + Send + Sync`.
//! * [`stream`]: the streaming reader, push-style (`StreamReader`) or on
//!   any `std::io::Read` (`ReadStream`, feature `std`).
//! * `client` (feature `client`): a blocking HTTP client on ureq that
//!   sends every endpoint and returns its view.
//!
//! ```
//! let body = b"RT/5.0.3 200 Ok\n\nid: ticket/7\nSubject: hello\n\nContent: line one\n           indented\n\n\n";
//! let response = rt_wire::parse_response(body)?;
//! let status = response.status().unwrap();
//! assert_eq!((status.version(), status.code(), status.reason()), ("5.0.3", 200, "Ok"));
//!
//! let form = response.forms().next().unwrap();
//! let content = form.get("Content").unwrap().value();
//! assert_eq!(content.to_str().unwrap(), "line one\n  indented");
//!
//! // Parse, then encode, gives back what RT sent.
//! assert_eq!(response.to_bytes(), body);
//! # Ok::<(), rt_wire::ParseError>(())
//! ```
#![no_std]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

extern crate alloc;
#[cfg(any(test, feature = "std"))]
extern crate std;

mod catalogue;
#[cfg(feature = "client")]
pub mod client;
mod error;
mod form;
mod grammar;
mod options;
#[cfg(feature = "std")]
mod read_stream;
pub mod request;
mod response;
mod scan;
mod shared;
mod status;
pub mod stream;
mod value;
pub mod views;
mod write;

pub use error::{ErrorKind, LimitKind, ParseError};
pub use form::{CommentLines, Field, Fields, Form, indent_width};
pub use options::{Framing, KeySplit, Limits, ParseOptions};
pub use response::{
    BodyKind, Envelope, Envelopes, Forms, Payload, Response, parse_response, parse_response_with,
};
pub use shared::SharedResponse;
pub use status::StatusLine;
pub use value::{Items, Lines, Value};
pub use write::{BufMutSink, FormWriter, LenCounter, Sink, write_forms};

#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
