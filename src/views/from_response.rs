//! [`FromResponse`]: every view as a type that reads a whole response, so an
//! endpoint can name the view of its answer (`request::Endpoint::Output`).

use alloc::format;

use super::record::shape;
use super::{
    Attachment, AttachmentContent, AttachmentList, CustomFieldList, Group, History, HistoryEntry,
    Links, LongHistory, Queue, Reply, SearchResults, Template, Ticket, TicketList, User, ViewError,
};
use crate::response::Response;

/// A view that reads a whole response, named by its `'static` form.
///
/// The trait is implemented on `V<'static>` for each view `V<'a>`, and
/// [`FromResponse::View`] gives back the view for any lifetime (the way
/// `yoke::Yokeable` is implemented on `Cow<'static, T>`). The `'static`
/// name lets a type with no lifetime of its own ([`Owned`](super::Owned), an
/// endpoint type) say which view it holds.
///
/// ```
/// use rt_wire::views::{FromResponse, Links};
/// let body = b"RT/5.0.3 200 Ok\n\nid: ticket/7/links\nDependsOn: fsck.com-rt://example.com/ticket/3\n\n";
/// let response = rt_wire::parse_response(body)?;
/// let links = <Links<'static> as FromResponse>::from_response(&response)?;
/// assert_eq!(links.ticket()?, 7);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait FromResponse: 'static {
    /// The view borrowing from a response's input.
    type View<'a>;

    /// Reads the view from a parsed response.
    ///
    /// # Errors
    /// [`ViewError::Server`] when RT refused or reported a failure,
    /// [`ViewError::Shape`] when the response is not of this view's shape.
    fn from_response<'a>(response: &Response<'a>) -> Result<Self::View<'a>, ViewError<'a>>;
}

macro_rules! from_response {
    ($($view:ident),* $(,)?) => {
        $(
            impl FromResponse for $view<'static> {
                type View<'a> = $view<'a>;

                fn from_response<'a>(
                    response: &Response<'a>,
                ) -> Result<$view<'a>, ViewError<'a>> {
                    $view::from_response(response)
                }
            }
        )*
    };
}

from_response!(
    TicketList,
    Template,
    Links,
    AttachmentList,
    Attachment,
    AttachmentContent,
    History,
    LongHistory,
    SearchResults,
    User,
    Queue,
    Group,
    CustomFieldList,
);

/// `ticket/<n>/show`: exactly one ticket.
impl FromResponse for Ticket<'static> {
    type View<'a> = Ticket<'a>;

    fn from_response<'a>(response: &Response<'a>) -> Result<Ticket<'a>, ViewError<'a>> {
        let mut list = TicketList::from_response(response)?;
        match list.tickets.len() {
            1 => Ok(list.tickets.remove(0)),
            n => Err(shape(response, 0, &format!("one ticket form, found {n}")).into()),
        }
    }
}

/// `…/history/id/<t>`, `transaction/<t>`: exactly one transaction.
impl FromResponse for HistoryEntry<'static> {
    type View<'a> = HistoryEntry<'a>;

    fn from_response<'a>(response: &Response<'a>) -> Result<HistoryEntry<'a>, ViewError<'a>> {
        let mut history = LongHistory::from_response(response)?;
        match history.entries.len() {
            1 => Ok(history.entries.remove(0)),
            n => Err(shape(response, 0, &format!("one transaction form, found {n}")).into()),
        }
    }
}

/// Answers to writes: the [`Reply`], or [`ViewError::Server`] when
/// [`Reply::is_failure`] (the reply is in [`super::ServerError::reply`]).
impl FromResponse for Reply<'static> {
    type View<'a> = Reply<'a>;

    fn from_response<'a>(response: &Response<'a>) -> Result<Reply<'a>, ViewError<'a>> {
        Ok(Reply::from_response(response).check()?)
    }
}
