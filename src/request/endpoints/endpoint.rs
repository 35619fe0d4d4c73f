//! [`Endpoint`]: a request that knows its path, how RT frames its answer and
//! which view reads it.

use alloc::string::String;

use bytes::Bytes;

use super::search::Search;
use super::write_request::WriteRequest;
use crate::error::ParseError;
use crate::options::{Framing, ParseOptions};
use crate::response::{Response, parse_response_with};
use crate::shared::SharedResponse;
use crate::views::{FromResponse, Owned, OwnedViewError, Reply, SearchResults, ViewError};

/// The view that reads the answer of endpoint `E`, borrowing for `'a`.
pub type ViewOf<'a, E> = <<E as Endpoint>::Output as FromResponse>::View<'a>;

/// A request to one REST 1.0 endpoint: its path, the [`ParseOptions`] its
/// answer needs ([`Framing`], [`crate::KeySplit`]) and the view that reads
/// the answer. No I/O: send [`Endpoint::path_and_query`] (below
/// `<WebPath>/REST/1.0/`) your way, then hand the body to [`Endpoint::read`]
/// (borrowed, zero copy) or [`Endpoint::read_owned`] (`'static + Send`).
///
/// Implemented by every read endpoint type of [`super::read`], by
/// [`Search`], and by [`WriteRequest`] (what every write builder builds),
/// whose answer is a [`Reply`].
///
/// ```
/// use rt_wire::request::{Endpoint, read};
/// let ep = read::TicketHistoryLong { id: 7 };
/// assert_eq!(ep.path_and_query(), "ticket/7/history?format=l");
/// let body = b"RT/5.0.3 200 Ok\n\n# 1/1 (id/101/total)\n\nid: 101\nTicket: 7\nType: Comment\nContent: hi\n\n";
/// let history = ep.read(body)?; // parsed with the right options, read as `LongHistory`
/// assert_eq!(history.entries[0].id()?, 101);
///
/// // The same answer owned: `'static + Send + Sync`, errors too.
/// fn fetch(body: &'static [u8]) -> Result<u64, Box<dyn std::error::Error + Send + Sync>> {
///     let owned = read::TicketHistoryLong { id: 7 }.read_owned(body)?;
///     Ok(owned.view().entries[0].id()?)
/// }
/// assert_eq!(fetch(body)?, 101);
/// assert!(fetch(b"RT/5.0.3 200 Ok\n\n# Ticket 7 does not exist.\n\n").is_err());
/// # Ok::<(), Box<dyn std::error::Error + Send + Sync>>(())
/// ```
pub trait Endpoint {
    /// The view of the answer, named by its `'static` form
    /// (`views::LongHistory<'static>`; see [`FromResponse`]).
    type Output: FromResponse;

    /// The path and query below `<WebPath>/REST/1.0/`.
    fn path_and_query(&self) -> String;

    /// How to parse the answer.
    fn parse_options(&self) -> ParseOptions;

    /// Parses `body` with [`Endpoint::parse_options`].
    ///
    /// # Errors
    /// See [`crate::parse_response`].
    fn parse<'a>(&self, body: &'a [u8]) -> Result<Response<'a>, ParseError> {
        parse_response_with(body, &self.parse_options())
    }

    /// Parses `body` and reads it as [`Endpoint::Output`].
    ///
    /// # Errors
    /// [`ViewError::Shape`] if the body does not parse or has another shape;
    /// [`ViewError::Server`] if RT refused or reported a failure.
    fn read<'a>(&self, body: &'a [u8]) -> Result<ViewOf<'a, Self>, ViewError<'a>> {
        let response = self.parse(body)?;
        Self::Output::from_response(&response)
    }

    /// Like [`Endpoint::read`], keeping the body (any `Into<Bytes>`:
    /// `Vec<u8>`, `&'static [u8]`, `Bytes`) with the view.
    ///
    /// # Errors
    /// As [`Endpoint::read`], owned.
    fn read_owned(&self, body: impl Into<Bytes>) -> Result<Owned<Self::Output>, OwnedViewError> {
        let response = SharedResponse::parse_with(body.into(), &self.parse_options())?;
        Owned::new(response)
    }
}

/// Every write builder ([`super::TicketCreate`], [`super::TicketEdit`],
/// [`super::TicketComment`], [`super::LinksEdit`], [`super::ObjectEdit`],
/// [`super::MultiEdit`], [`super::merge`], [`super::take`],
/// [`super::logout`]) builds a [`WriteRequest`]: RT answers it with
/// messages, read as a [`Reply`] (a failure is [`ViewError::Server`], the
/// reply inside).
impl Endpoint for WriteRequest<'_> {
    type Output = Reply<'static>;

    fn path_and_query(&self) -> String {
        self.path.clone()
    }

    fn parse_options(&self) -> ParseOptions {
        ParseOptions::new().framing(Framing::Object)
    }
}

/// `search/<type>`: [`SearchResults`] in every format, framed
/// [`Framing::Search`].
impl Endpoint for Search {
    type Output = SearchResults<'static>;

    fn path_and_query(&self) -> String {
        self.to_url()
    }

    fn parse_options(&self) -> ParseOptions {
        ParseOptions::new().framing(Framing::Search)
    }
}
