//! Ticket writes: create, edit, comment and correspond, links, merge, take.

use alloc::borrow::Cow;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::super::body::Attachment;
use super::super::error::EncodeError;
use super::super::form::RequestForm;
use super::super::name::FieldName;
use super::WriteRequest;
use super::fields::{Fields, Spec};

/// `POST ticket/new`.
///
/// ```
/// use rt_wire::request::{TicketCreate, Attachment};
/// let log = Attachment::new("boot.log", "text/plain", &b"..."[..])?;
/// let req = TicketCreate::new("General")
///     .requestors(["alice@example.com"])
///     .subject("Printer on fire")
///     .text("It smokes.\nStatus: resolved")
///     .custom_field_values("Multi Select", ["alpha", "beta,gamma"])
///     .due("2026-12-24 10:00:00")
///     .attachment(log)
///     .build()?;
/// assert_eq!(req.path(), "ticket/new");
/// assert_eq!(
///     std::str::from_utf8(req.content()).unwrap(),
///     "id: ticket/new\nQueue: General\nRequestor: alice@example.com\nSubject: Printer on fire\n\
///      Text:\n It smokes.\n Status: resolved\nCF.{Multi Select}:\n alpha, 'beta,gamma'\n\
///      Due: 2026-12-24 10:00:00\nAttachment: boot.log\n"
/// );
/// assert!(req.body(None).content_type.starts_with("multipart/form-data; boundary="));
/// # Ok::<(), rt_wire::request::EncodeError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TicketCreate<'a> {
    fields: Fields<'a>,
}

impl<'a> TicketCreate<'a> {
    /// A ticket in `queue`.
    #[must_use]
    pub fn new(queue: impl Into<Cow<'a, str>>) -> Self {
        let mut fields = Fields::default();
        fields.text("id", "ticket/new");
        fields.text("Queue", queue);
        TicketCreate { fields }
    }

    setter!(
        list requestors,
        "Requestor",
        "`Requestor` (on create RT reads the singular key)."
    );
    setter!(text text, "Text", "`Text`, the ticket's first message.");
    setter!(
        text content_type,
        "Content-Type",
        "`Content-Type` of `Text` (e.g. `text/html`)."
    );

    /// Adds a file (listed in `Attachment:`, uploaded as `attachment_<n>`).
    #[must_use]
    pub fn attachment(mut self, file: Attachment<'a>) -> Self {
        self.fields.attachments.push(file);
        self
    }

    ticket_setters!();
    ticket_cf_setters!();
    common_setters!();

    /// Validates and encodes.
    ///
    /// # Errors
    /// The first field name, value or file name RT could not read back.
    pub fn build(&self) -> Result<WriteRequest<'a>, EncodeError> {
        self.fields.request(String::from("ticket/new"))
    }
}

/// `POST ticket/<n>/edit`.
///
/// ```
/// use rt_wire::request::TicketEdit;
/// let req = TicketEdit::new(6).status("open").requestors(["a@example.com", "b@example.com"]).build()?;
/// assert_eq!(req.path(), "ticket/6/edit");
/// assert_eq!(req.content(), b"id: ticket/6\nStatus: open\nRequestors: a@example.com, b@example.com\n");
/// # Ok::<(), rt_wire::request::EncodeError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TicketEdit<'a> {
    id: u64,
    fields: Fields<'a>,
}

impl<'a> TicketEdit<'a> {
    /// Edits ticket `id`.
    #[must_use]
    pub fn new(id: u64) -> Self {
        let mut fields = Fields::default();
        fields.text("id", format!("ticket/{id}"));
        TicketEdit { id, fields }
    }

    setter!(
        list requestors,
        "Requestors",
        "`Requestors` (full replacement; on edit RT reads the plural key)."
    );

    ticket_setters!();
    ticket_cf_setters!();
    common_setters!();

    /// The form alone, for a multi-form [`MultiEdit`](super::MultiEdit).
    ///
    /// # Errors
    /// As [`TicketEdit::build`].
    pub fn to_form(&self) -> Result<RequestForm<'_>, EncodeError> {
        self.fields.form()
    }

    /// Validates and encodes.
    ///
    /// # Errors
    /// The first field name or value RT could not read back.
    pub fn build(&self) -> Result<WriteRequest<'a>, EncodeError> {
        self.fields.request(format!("ticket/{}/edit", self.id))
    }
}

/// `POST ticket/<n>/comment` with `Action: comment` or `correspond`.
///
/// ```
/// use rt_wire::request::TicketComment;
/// let req = TicketComment::correspond(6, "<p>Fixed.</p>")
///     .content_type("text/html")
///     .cc(["boss@example.com"])
///     .status("resolved")
///     .build()?;
/// assert_eq!(req.path(), "ticket/6/comment");
/// assert_eq!(
///     req.content(),
///     &b"id: 6\nAction: correspond\nText: <p>Fixed.</p>\nContent-Type: text/html\nCc: boss@example.com\nStatus: resolved\n"[..]
/// );
/// # Ok::<(), rt_wire::request::EncodeError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TicketComment<'a> {
    id: u64,
    fields: Fields<'a>,
}

impl<'a> TicketComment<'a> {
    fn with_action(id: u64, action: &'static str, text: Cow<'a, str>) -> Self {
        let mut fields = Fields::default();
        fields.text("id", id.to_string());
        fields.text("Action", action);
        fields.text("Text", text);
        TicketComment { id, fields }
    }

    /// A private comment on ticket `id`.
    #[must_use]
    pub fn comment(id: u64, text: impl Into<Cow<'a, str>>) -> Self {
        Self::with_action(id, "comment", text.into())
    }

    /// A reply (correspondence) on ticket `id`.
    #[must_use]
    pub fn correspond(id: u64, text: impl Into<Cow<'a, str>>) -> Self {
        Self::with_action(id, "correspond", text.into())
    }

    setter!(
        text content_type,
        "Content-Type",
        "`Content-Type` of the text (default `text/plain`; e.g. `text/html`)."
    );
    setter!(list cc, "Cc", "`Cc` for this message only.");
    setter!(list bcc, "Bcc", "`Bcc` for this message only.");
    setter!(number time_worked, "TimeWorked", "`TimeWorked` in minutes.");
    setter!(text status, "Status", "`Status` to set after the message.");

    /// Adds a file.
    #[must_use]
    pub fn attachment(mut self, file: Attachment<'a>) -> Self {
        self.fields.attachments.push(file);
        self
    }

    /// Validates and encodes.
    ///
    /// # Errors
    /// The first value or file name RT could not read back.
    pub fn build(&self) -> Result<WriteRequest<'a>, EncodeError> {
        self.fields.request(format!("ticket/{}/comment", self.id))
    }
}

/// `POST ticket/<n>/links`: each relation given is replaced by
/// the list (ticket numbers or URIs).
///
/// ```
/// use rt_wire::request::LinksEdit;
/// let req = LinksEdit::new(6).depends_on(["2", "3"]).refers_to(["http://example.com/x"]).build()?;
/// assert_eq!(req.path(), "ticket/6/links");
/// assert_eq!(req.content(), b"DependsOn: 2, 3\nRefersTo: http://example.com/x\n");
/// # Ok::<(), rt_wire::request::EncodeError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinksEdit<'a> {
    id: u64,
    fields: Fields<'a>,
}

impl<'a> LinksEdit<'a> {
    /// Edits the links of ticket `id`.
    #[must_use]
    pub fn new(id: u64) -> Self {
        LinksEdit {
            id,
            fields: Fields::default(),
        }
    }

    setter!(list depends_on, "DependsOn", "`DependsOn`.");
    setter!(list depended_on_by, "DependedOnBy", "`DependedOnBy`.");
    setter!(list refers_to, "RefersTo", "`RefersTo`.");
    setter!(list referred_to_by, "ReferredToBy", "`ReferredToBy`.");
    setter!(list members, "Members", "`Members`.");
    setter!(list member_of, "MemberOf", "`MemberOf`.");

    /// Validates and encodes.
    ///
    /// # Errors
    /// The first list item RT could not read back, or no relation given.
    pub fn build(&self) -> Result<WriteRequest<'a>, EncodeError> {
        if self.fields.entries.is_empty() {
            return Err(EncodeError::EmptyForm);
        }
        self.fields.request(format!("ticket/{}/links", self.id))
    }
}

/// `ticket/<a>/merge/<b>`: merges ticket `a` into `b`. RT acts
/// on the path alone; no `content` is sent.
///
/// ```
/// assert_eq!(rt_wire::request::merge(5, 4).path(), "ticket/5/merge/4");
/// ```
#[must_use]
pub fn merge(ticket: u64, into: u64) -> WriteRequest<'static> {
    WriteRequest {
        path: format!("ticket/{ticket}/merge/{into}"),
        content: Vec::new(),
        attachments: Vec::new(),
    }
}

/// Who takes a ticket.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TakeAction {
    /// Take an unowned ticket.
    Take,
    /// Take a ticket owned by someone else.
    Steal,
    /// Give the ticket back to Nobody.
    Untake,
}

/// `POST ticket/<n>/take` with `Action: take|steal|untake`.
///
/// ```
/// use rt_wire::request::{take, TakeAction};
/// let req = take(7, TakeAction::Steal);
/// assert_eq!((req.path(), req.content()), ("ticket/7/take", &b"id: 7\nAction: steal\n"[..]));
/// ```
#[must_use]
pub fn take(ticket: u64, action: TakeAction) -> WriteRequest<'static> {
    let action = match action {
        TakeAction::Take => "take",
        TakeAction::Steal => "steal",
        TakeAction::Untake => "untake",
    };
    WriteRequest {
        path: format!("ticket/{ticket}/take"),
        content: format!("id: {ticket}\nAction: {action}\n").into_bytes(),
        attachments: Vec::new(),
    }
}
