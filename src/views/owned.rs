//! Owned results: errors that are `'static + Send + Sync`, and [`Owned`],
//! a view together with the buffer it borrows from.
//!
//! The borrowed views stay the zero-copy default. These are the escape hatch
//! for results that must leave the function that holds the body (returned,
//! sent to another thread, `?`-converted into `Box<dyn Error + Send + Sync>`
//! or `anyhow::Error`), the way quick-xml pairs its borrowed events with
//! `into_owned`.

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;
use core::marker::PhantomData;

use super::{FromResponse, Notice, ServerError, Status, ViewError};
use crate::error::ParseError;
use crate::shared::SharedResponse;

/// A [`Notice`] that owns its text.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct OwnedNotice {
    kind: &'static str,
    failure: bool,
    id: Option<u64>,
    text: Vec<u8>,
    offset: usize,
}

impl OwnedNotice {
    /// The message's kind ([`super::Message::kind`]: `created`, `not_found`, …).
    #[must_use]
    pub fn kind(&self) -> &'static str {
        self.kind
    }

    /// Whether the message reports a failure ([`super::Message::is_failure`]).
    #[must_use]
    pub fn is_failure(&self) -> bool {
        self.failure
    }

    /// The numeric id the message names, if any ([`super::Message::id_number`]).
    #[must_use]
    pub fn id_number(&self) -> Option<u64> {
        self.id
    }

    /// The text the message was read from ([`Notice::text`]).
    #[must_use]
    pub fn text(&self) -> &[u8] {
        &self.text
    }

    /// Byte offset of the text in the response.
    #[must_use]
    pub fn offset(&self) -> usize {
        self.offset
    }
}

impl Notice<'_> {
    /// Copies the text into an [`OwnedNotice`].
    #[must_use]
    pub fn into_owned(self) -> OwnedNotice {
        OwnedNotice {
            kind: self.message.kind(),
            failure: self.message.is_failure(),
            id: self.message.id_number(),
            text: self.text.to_vec(),
            offset: self.offset,
        }
    }
}

/// A [`ServerError`] that owns its texts: `'static + Send + Sync`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OwnedServerError {
    status: Option<(String, u16, String)>,
    messages: Vec<OwnedNotice>,
    display: String,
}

impl OwnedServerError {
    /// RT's code, if the body had a status line.
    #[must_use]
    pub fn code(&self) -> Option<u16> {
        self.status.as_ref().map(|s| s.1)
    }

    /// The typed status, if the body had a status line.
    #[must_use]
    pub fn status(&self) -> Option<Status> {
        self.code().map(Status::from_code)
    }

    /// RT's version and reason of the status line (`5.0.3`, `Bad Request`).
    #[must_use]
    pub fn version_and_reason(&self) -> Option<(&str, &str)> {
        self.status.as_ref().map(|s| (s.0.as_str(), s.2.as_str()))
    }

    /// Every message, in input order.
    #[must_use]
    pub fn messages(&self) -> &[OwnedNotice] {
        &self.messages
    }

    /// The first failure message, or else the first message
    /// ([`ServerError::message`]).
    #[must_use]
    pub fn message(&self) -> Option<&OwnedNotice> {
        let mut all = self.messages.iter();
        all.clone().find(|n| n.failure).or_else(|| all.next())
    }
}

impl ServerError<'_> {
    /// Copies the status and messages into an [`OwnedServerError`].
    #[must_use]
    pub fn into_owned(self) -> OwnedServerError {
        let display = self.to_string();
        let status = self
            .reply
            .status
            .map(|s| (s.version().into(), s.code(), s.reason().into()));
        OwnedServerError {
            status,
            messages: self
                .reply
                .messages
                .into_iter()
                .map(Notice::into_owned)
                .collect(),
            display,
        }
    }
}

impl fmt::Display for OwnedServerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display)
    }
}

impl core::error::Error for OwnedServerError {}

/// A [`ViewError`] that owns its data: `'static + Send + Sync`, so `?` turns
/// it into `Box<dyn Error + Send + Sync>` or `anyhow::Error`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum OwnedViewError {
    /// RT refused the request or reported a failure.
    Server(OwnedServerError),
    /// The response does not parse, or does not have the shape of the view;
    /// with its offset, line and column.
    Shape(ParseError),
}

impl OwnedViewError {
    /// The parse or shape error with its offset, line and column, if it is one.
    #[must_use]
    pub fn parse_error(&self) -> Option<&ParseError> {
        match self {
            OwnedViewError::Shape(e) => Some(e),
            OwnedViewError::Server(_) => None,
        }
    }
}

impl ViewError<'_> {
    /// Copies the error into an [`OwnedViewError`].
    #[must_use]
    pub fn into_owned(self) -> OwnedViewError {
        match self {
            ViewError::Server(e) => OwnedViewError::Server(e.into_owned()),
            ViewError::Shape(e) => OwnedViewError::Shape(e),
        }
    }
}

impl fmt::Display for OwnedViewError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OwnedViewError::Server(e) => e.fmt(f),
            OwnedViewError::Shape(e) => e.fmt(f),
        }
    }
}

impl core::error::Error for OwnedViewError {}

impl From<ViewError<'_>> for OwnedViewError {
    fn from(e: ViewError<'_>) -> Self {
        e.into_owned()
    }
}

impl From<ParseError> for OwnedViewError {
    fn from(e: ParseError) -> Self {
        OwnedViewError::Shape(e)
    }
}

impl From<ServerError<'_>> for OwnedViewError {
    fn from(e: ServerError<'_>) -> Self {
        OwnedViewError::Server(e.into_owned())
    }
}

/// A view of type `V` (named by its `'static` form, see [`FromResponse`])
/// together with the response it reads: `'static + Send + Sync`, for any
/// view.
///
/// It holds a [`SharedResponse`] (the body as [`bytes::Bytes`] and the parse
/// tables) whose shape [`Owned::new`] has checked. [`Owned::view`] builds the
/// borrowed view from those tables: no copy and no re-parse, one walk over
/// the forms (cheap next to parsing; keep the view while you use it).
///
/// ```
/// use bytes::Bytes;
/// use rt_wire::views::{Links, Owned};
/// let body = Bytes::from_static(b"RT/5.0.3 200 Ok\n\nid: ticket/7/links\nRefersTo: https://example.com/\n\n");
/// let owned = Owned::<Links<'static>>::new(rt_wire::SharedResponse::parse(body)?)?;
/// let handle = std::thread::spawn(move || owned.view().ticket().unwrap());
/// assert_eq!(handle.join().unwrap(), 7);
/// # Ok::<(), Box<dyn std::error::Error + Send + Sync>>(())
/// ```
pub struct Owned<V: FromResponse> {
    response: SharedResponse,
    view: PhantomData<fn() -> V>,
}

impl<V: FromResponse> Owned<V> {
    /// Checks that `response` reads as the view `V`.
    ///
    /// # Errors
    /// The view's error, owned.
    pub fn new(response: SharedResponse) -> Result<Self, OwnedViewError> {
        V::from_response(&response.response()).map_err(ViewError::into_owned)?;
        Ok(Owned {
            response,
            view: PhantomData,
        })
    }

    /// The borrowed view.
    ///
    /// # Panics
    /// Never: [`Owned::new`] read the same view from the same tables, and
    /// reading a view is a pure function of them.
    #[must_use]
    pub fn view(&self) -> V::View<'_> {
        match V::from_response(&self.response.response()) {
            Ok(view) => view,
            Err(e) => unreachable!("a view read once reads again: {e}"),
        }
    }

    /// The response.
    #[must_use]
    pub fn response(&self) -> &SharedResponse {
        &self.response
    }

    /// Gives back the response.
    #[must_use]
    pub fn into_response(self) -> SharedResponse {
        self.response
    }
}

impl<V: FromResponse> Clone for Owned<V> {
    fn clone(&self) -> Self {
        Owned {
            response: self.response.clone(),
            view: PhantomData,
        }
    }
}

impl<V: FromResponse> fmt::Debug for Owned<V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Owned")
            .field("view", &core::any::type_name::<V>())
            .field("response", &self.response)
            .finish()
    }
}
