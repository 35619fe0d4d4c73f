//! Typed builders for RT's REST 1.0 endpoints (spec §8, §9): write requests
//! as (path, `content`, files), read requests as URLs.
//!
//! Paths are relative to `<WebPath>/REST/1.0/`.

use alloc::borrow::Cow;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::body::{
    Attachment, Credentials, MultipartBody, URLENCODED, multipart_body, percent_encode_except,
    urlencoded_body,
};
use super::error::EncodeError;
use super::form::{Content, RequestForm};
use super::name::FieldName;
use super::value::FieldValue;

/// A write request: the path below `/REST/1.0/`, the `content` text and the
/// files to upload. Send it with POST and the body of [`WriteRequest::body`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WriteRequest<'a> {
    path: String,
    content: Vec<u8>,
    attachments: Vec<Attachment<'a>>,
}

/// A request body and its `Content-Type` header value.
#[derive(Clone, PartialEq, Eq)]
pub struct Body {
    /// The `Content-Type` header value.
    pub content_type: String,
    /// The body.
    pub bytes: Vec<u8>,
}

impl core::fmt::Debug for Body {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        // The body may hold credentials: show only its size.
        f.debug_struct("Body")
            .field("content_type", &self.content_type)
            .field("len", &self.bytes.len())
            .finish()
    }
}

impl<'a> WriteRequest<'a> {
    /// The path below `/REST/1.0/`.
    #[must_use]
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The `content` text (empty for endpoints that take none).
    #[must_use]
    pub fn content(&self) -> &[u8] {
        &self.content
    }

    /// The files, uploaded as `attachment_1..N`.
    #[must_use]
    pub fn attachments(&self) -> &[Attachment<'a>] {
        &self.attachments
    }

    /// A url-encoded body (files are not sent this way; see [`WriteRequest::body`]).
    #[must_use]
    pub fn urlencoded(&self, credentials: Option<&Credentials>) -> Vec<u8> {
        let mut out = Vec::new();
        if self.content.is_empty() {
            if let Some(c) = credentials {
                out.extend_from_slice(b"user=");
                percent_encode_except(c.user().as_bytes(), &mut out, |_| false);
                out.extend_from_slice(b"&pass=");
                percent_encode_except(c.pass().as_bytes(), &mut out, |_| false);
            }
        } else {
            urlencoded_body(&self.content, credentials, &mut out);
        }
        out
    }

    /// A multipart body with the `content` part and every file.
    #[must_use]
    pub fn multipart(&self, credentials: Option<&Credentials>) -> MultipartBody {
        multipart_body(&self.content, credentials, &self.attachments)
    }

    /// The body to POST: multipart when there are files, url-encoded otherwise.
    #[must_use]
    pub fn body(&self, credentials: Option<&Credentials>) -> Body {
        if self.attachments.is_empty() {
            Body {
                content_type: String::from(URLENCODED),
                bytes: self.urlencoded(credentials),
            }
        } else {
            let m = self.multipart(credentials);
            Body {
                content_type: String::from(m.content_type()),
                bytes: m.into_bytes(),
            }
        }
    }
}

/// A value before validation.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Spec<'a> {
    Text(Cow<'a, str>),
    Plain(Vec<Cow<'a, str>>),
    Quoted(Vec<Cow<'a, str>>),
}

/// Fields collected by a builder; validated by `form`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Fields<'a> {
    entries: Vec<(Result<FieldName, EncodeError>, Spec<'a>)>,
    attachments: Vec<Attachment<'a>>,
}

impl<'a> Fields<'a> {
    fn put(&mut self, name: Result<FieldName, EncodeError>, spec: Spec<'a>) {
        // A later call for the same key replaces the earlier one.
        if let Ok(n) = &name {
            self.entries.retain(|(m, _)| {
                m.as_ref()
                    .map_or(true, |m| !m.as_str().eq_ignore_ascii_case(n.as_str()))
            });
        }
        self.entries.push((name, spec));
    }

    fn text(&mut self, name: &'static str, value: impl Into<Cow<'a, str>>) {
        self.put(Ok(FieldName::known(name)), Spec::Text(value.into()));
    }

    fn number(&mut self, name: &'static str, value: u64) {
        self.text(name, value.to_string());
    }

    fn plain<I, T>(&mut self, name: &'static str, items: I)
    where
        I: IntoIterator<Item = T>,
        T: Into<Cow<'a, str>>,
    {
        let items = items.into_iter().map(Into::into).collect();
        self.put(Ok(FieldName::known(name)), Spec::Plain(items));
    }

    fn form(&self) -> Result<RequestForm<'_>, EncodeError> {
        let mut form = RequestForm::new();
        let mut names: Vec<String> = Vec::new();
        for (name, spec) in &self.entries {
            let name = name.clone()?;
            let value = match spec {
                Spec::Text(t) => FieldValue::new(t),
                Spec::Plain(items) => FieldValue::plain_list(items),
                Spec::Quoted(items) => FieldValue::quoted_list(items),
            }
            .map_err(|e| e.in_field(name.as_str()))?;
            names.push(String::from(name.as_str()));
            form.push(name, value)?;
        }
        if !self.attachments.is_empty() {
            let files = self.attachments.iter().map(Attachment::file_name);
            let value = FieldValue::plain_list(files).map_err(|e| e.in_field("Attachment"))?;
            form.push(FieldName::known("Attachment"), value)?;
        }
        Ok(form)
    }

    fn request(&self, path: String) -> Result<WriteRequest<'a>, EncodeError> {
        let form = self.form()?;
        Ok(WriteRequest {
            path,
            content: form.to_bytes(),
            attachments: self.attachments.clone(),
        })
    }
}

/// Methods shared by every form builder.
macro_rules! common_setters {
    () => {
        /// Sets any field (validated name; a later call for the same key
        /// replaces an earlier one).
        #[must_use]
        pub fn set(mut self, name: &str, value: impl Into<Cow<'a, str>>) -> Self {
            self.fields
                .put(FieldName::try_from(name), Spec::Text(value.into()));
            self
        }

        /// Sets a list field RT splits without unquoting (spec §7.1).
        #[must_use]
        pub fn set_list<I, T>(mut self, name: &str, items: I) -> Self
        where
            I: IntoIterator<Item = T>,
            T: Into<Cow<'a, str>>,
        {
            let items = items.into_iter().map(Into::into).collect();
            self.fields
                .put(FieldName::try_from(name), Spec::Plain(items));
            self
        }
    };
}

/// Setters for ticket custom fields.
macro_rules! ticket_cf_setters {
    () => {
        /// Sets the single-value custom field `CF.{name}`.
        #[must_use]
        pub fn custom_field(mut self, name: &str, value: impl Into<Cow<'a, str>>) -> Self {
            self.fields
                .put(FieldName::custom_field(name), Spec::Text(value.into()));
            self
        }

        /// Sets the multi-value custom field `CF.{name}` (values quoted as
        /// RT unquotes them, spec §7.1).
        #[must_use]
        pub fn custom_field_values<I, T>(mut self, name: &str, values: I) -> Self
        where
            I: IntoIterator<Item = T>,
            T: Into<Cow<'a, str>>,
        {
            let values = values.into_iter().map(Into::into).collect();
            self.fields
                .put(FieldName::custom_field(name), Spec::Quoted(values));
            self
        }

        /// Sets a custom field by id (`CF-<id>`, the spelling RT always splits
        /// correctly).
        #[must_use]
        pub fn custom_field_id(mut self, id: u32, value: impl Into<Cow<'a, str>>) -> Self {
            self.fields
                .put(Ok(FieldName::custom_field_id(id)), Spec::Text(value.into()));
            self
        }
    };
}

/// One builder setter: `text` (a single value), `number` (a bare integer) or
/// `list` (items RT splits without unquoting, spec §7.1), with its doc line.
macro_rules! setter {
    (text $fn:ident, $key:literal, $doc:literal) => {
        #[doc = $doc]
        #[must_use]
        pub fn $fn(mut self, v: impl Into<Cow<'a, str>>) -> Self {
            self.fields.text($key, v);
            self
        }
    };
    (number $fn:ident, $key:literal, $doc:literal) => {
        #[doc = $doc]
        #[must_use]
        pub fn $fn(mut self, v: u32) -> Self {
            self.fields.number($key, v.into());
            self
        }
    };
    (list $fn:ident, $key:literal, $doc:literal) => {
        #[doc = $doc]
        #[must_use]
        pub fn $fn<I, T>(mut self, v: I) -> Self
        where
            I: IntoIterator<Item = T>,
            T: Into<Cow<'a, str>>,
        {
            self.fields.plain($key, v);
            self
        }
    };
}

/// Setters for the ticket fields that create and edit share.
macro_rules! ticket_setters {
    () => {
        setter!(text subject, "Subject", "`Subject`.");
        setter!(text owner, "Owner", "`Owner` (user name).");
        setter!(text status, "Status", "`Status`.");
        setter!(number priority, "Priority", "`Priority`.");
        setter!(number initial_priority, "InitialPriority", "`InitialPriority`.");
        setter!(number final_priority, "FinalPriority", "`FinalPriority`.");
        setter!(
            number time_estimated,
            "TimeEstimated",
            "`TimeEstimated` in minutes (RT wants bare integers, spec §9.4)."
        );
        setter!(number time_worked, "TimeWorked", "`TimeWorked` in minutes.");
        setter!(number time_left, "TimeLeft", "`TimeLeft` in minutes.");
        setter!(
            text starts,
            "Starts",
            "`Starts` (any date RT parses, e.g. `2026-12-24 10:00:00`)."
        );
        setter!(text started, "Started", "`Started`.");
        setter!(text due, "Due", "`Due`.");
        setter!(text resolved, "Resolved", "`Resolved`.");
        setter!(list cc, "Cc", "`Cc` watchers (e-mail addresses).");
        setter!(list admin_cc, "AdminCc", "`AdminCc` watchers.");
        setter!(text sla, "SLA", "`SLA` (RT ≥ 4.4.3).");
    };
}

fn label(label: &str) -> Result<String, EncodeError> {
    if label.is_empty() || label.contains([',', '/', '\\']) {
        return Err(EncodeError::ObjectLabel {
            label: String::from(label),
        });
    }
    let mut out = Vec::new();
    percent_encode_except(label.as_bytes(), &mut out, |b| b == b'@');
    Ok(String::from_utf8(out).unwrap_or_default())
}

/// `POST ticket/new` (spec §9.3).
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
        "`Requestor` (on create RT reads the singular key, spec §9.3)."
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

/// `POST ticket/<n>/edit` (spec §9.4).
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

    /// The form alone, for a multi-form [`MultiEdit`].
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

/// `POST ticket/<n>/comment` with `Action: comment` or `correspond`
/// (spec §9.13).
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

/// `POST ticket/<n>/links` (spec §9.6): each relation given is replaced by
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

/// `ticket/<a>/merge/<b>`: merges ticket `a` into `b` (spec §9.15). RT acts
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

/// Who takes a ticket (spec §9.14).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TakeAction {
    /// Take an unowned ticket.
    Take,
    /// Take a ticket owned by someone else.
    Steal,
    /// Give the ticket back to Nobody.
    Untake,
}

/// `POST ticket/<n>/take` with `Action: take|steal|untake` (spec §9.14).
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

/// `logout`: ends the session (spec §2.2).
///
/// ```
/// assert_eq!(rt_wire::request::logout().path(), "logout");
/// ```
#[must_use]
pub fn logout() -> WriteRequest<'static> {
    WriteRequest {
        path: String::from("logout"),
        content: Vec::new(),
        attachments: Vec::new(),
    }
}

/// Creates or edits a user, queue or group (spec §9.16).
///
/// ```
/// use rt_wire::request::ObjectEdit;
/// let req = ObjectEdit::user_create("dave")
///     .set("EmailAddress", "dave@example.com")
///     .set("RealName", "Dave")
///     .build()?;
/// assert_eq!(req.path(), "user/new");
/// assert_eq!(req.content(), b"id: user/new\nName: dave\nEmailAddress: dave@example.com\nRealName: Dave\n");
///
/// let req = ObjectEdit::queue_edit("Help desk").set("Description", "First line").build()?;
/// assert_eq!(req.path(), "queue/Help%20desk/edit");
///
/// let req = ObjectEdit::group_edit(80).custom_field("Dept", ["IT", "Ops"]).build()?;
/// assert_eq!(req.content(), b"id: group/80\nCF-Dept: IT, Ops\n");
/// # Ok::<(), rt_wire::request::EncodeError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ObjectEdit<'a> {
    path: Result<String, EncodeError>,
    fields: Fields<'a>,
}

impl<'a> ObjectEdit<'a> {
    fn create(kind: &'static str, name: Cow<'a, str>) -> Self {
        let mut fields = Fields::default();
        fields.text("id", format!("{kind}/new"));
        fields.text("Name", name);
        ObjectEdit {
            path: Ok(format!("{kind}/new")),
            fields,
        }
    }

    fn edit(kind: &'static str, who: &str) -> Self {
        let mut fields = Fields::default();
        let path = label(who).map(|l| format!("{kind}/{l}/edit"));
        fields.text("id", format!("{kind}/{who}"));
        ObjectEdit { path, fields }
    }

    /// `user/new` with `Name`.
    #[must_use]
    pub fn user_create(name: impl Into<Cow<'a, str>>) -> Self {
        Self::create("user", name.into())
    }

    /// `user/<id|name|email>/edit`.
    #[must_use]
    pub fn user_edit(user: &str) -> Self {
        Self::edit("user", user)
    }

    /// `queue/new` with `Name`.
    #[must_use]
    pub fn queue_create(name: impl Into<Cow<'a, str>>) -> Self {
        Self::create("queue", name.into())
    }

    /// `queue/<id|name>/edit`.
    #[must_use]
    pub fn queue_edit(queue: &str) -> Self {
        Self::edit("queue", queue)
    }

    /// `group/new` with `Name`.
    #[must_use]
    pub fn group_create(name: impl Into<Cow<'a, str>>) -> Self {
        Self::create("group", name.into())
    }

    /// `group/<n>/edit` (RT edits groups by number only, spec §8.1).
    #[must_use]
    pub fn group_edit(group: u64) -> Self {
        Self::edit("group", &group.to_string())
    }

    /// Sets the object custom field `CF-name` to a list of values.
    #[must_use]
    pub fn custom_field<I, T>(mut self, name: &str, values: I) -> Self
    where
        I: IntoIterator<Item = T>,
        T: Into<Cow<'a, str>>,
    {
        let values = values.into_iter().map(Into::into).collect();
        self.fields
            .put(FieldName::object_custom_field(name), Spec::Plain(values));
        self
    }

    common_setters!();

    /// Validates and encodes.
    ///
    /// # Errors
    /// An object name RT cannot address, or the first field RT could not
    /// read back.
    pub fn build(&self) -> Result<WriteRequest<'a>, EncodeError> {
        let path = self.path.clone()?;
        self.fields.request(path)
    }
}

/// `POST edit`: several forms, each with its own `id` (spec §9.5).
///
/// ```
/// use rt_wire::request::{MultiEdit, TicketEdit};
/// let a = TicketEdit::new(1).status("open");
/// let b = TicketEdit::new(2).priority(5);
/// let mut edit = MultiEdit::new();
/// edit.push(a.to_form()?)?.push(b.to_form()?)?;
/// let req = edit.build();
/// assert_eq!(req.path(), "edit");
/// assert_eq!(req.content(), b"id: ticket/1\nStatus: open\n--\nid: ticket/2\nPriority: 5\n");
/// # Ok::<(), rt_wire::request::EncodeError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MultiEdit<'a> {
    content: Content<'a>,
}

impl<'a> MultiEdit<'a> {
    /// No forms yet.
    #[must_use]
    pub fn new() -> Self {
        MultiEdit::default()
    }

    /// Adds a form, which must have an `id` field.
    ///
    /// # Errors
    /// [`EncodeError::MissingId`], [`EncodeError::EmptyForm`].
    pub fn push(&mut self, form: RequestForm<'a>) -> Result<&mut Self, EncodeError> {
        if !form.is_empty() && !form.fields().iter().any(|(n, _)| n.as_str() == "id") {
            return Err(EncodeError::MissingId);
        }
        self.content.push(form)?;
        Ok(self)
    }

    /// The request.
    #[must_use]
    pub fn build(&self) -> WriteRequest<'static> {
        WriteRequest {
            path: String::from("edit"),
            content: self.content.to_bytes(),
            attachments: Vec::new(),
        }
    }
}

// ---------------------------------------------------------------- reads

/// Object types that `show?id=` and `search/` address.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ObjectType {
    /// `ticket`.
    Ticket,
    /// `user`.
    User,
    /// `queue`.
    Queue,
    /// `group`.
    Group,
}

impl ObjectType {
    /// The path word.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            ObjectType::Ticket => "ticket",
            ObjectType::User => "user",
            ObjectType::Queue => "queue",
            ObjectType::Group => "group",
        }
    }
}

/// Appends `&name=value` (or `?name=value`) percent-encoded; `/` and `,`
/// stay as they are (both are plain data in a query, spec §8.2).
fn query_param(url: &mut String, name: &str, value: &str) {
    url.push(if url.contains('?') { '&' } else { '?' });
    url.push_str(name);
    url.push('=');
    let mut out = Vec::new();
    percent_encode_except(value.as_bytes(), &mut out, |b| b == b'/' || b == b',');
    url.push_str(&String::from_utf8(out).unwrap_or_default());
}

fn fields_param(url: &mut String, fields: &[FieldName]) {
    if !fields.is_empty() {
        let list: Vec<&str> = fields.iter().map(FieldName::as_str).collect();
        query_param(url, "fields", &list.join(","));
    }
}

/// Read URLs (paths with query, below `/REST/1.0/`).
///
/// ```
/// use rt_wire::request::{read, FieldName, ObjectType};
/// assert_eq!(read::ticket(7), "ticket/7/show");
/// let f = [FieldName::try_from("Subject")?, FieldName::custom_field("Due Date")?];
/// assert_eq!(
///     read::show(ObjectType::Ticket, &[1, 2], &f),
///     "show?id=ticket/1,2&fields=Subject,CF.%7BDue%20Date%7D"
/// );
/// assert_eq!(read::user("dave@example.com")?, "user/dave@example.com");
/// assert_eq!(read::ticket_history(7, true), "ticket/7/history?format=l");
/// # Ok::<(), rt_wire::request::EncodeError>(())
/// ```
pub mod read {
    use super::{EncodeError, FieldName, ObjectType, fields_param, label, query_param};
    use alloc::format;
    use alloc::string::{String, ToString};
    use alloc::vec::Vec;

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

    /// `show?id=<type>/<n>,<m>…[&fields=…]` (spec §8.2, §8.3).
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
    pub fn queue_custom_fields(
        queue: &str,
        ticket: bool,
        long: bool,
    ) -> Result<String, EncodeError> {
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
}

/// Output format of a search (spec §9.18).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SearchFormat {
    /// `i`: `<type>/<id>` lines.
    Ids,
    /// `s`: `<id>: <subject or name>` lines (RT's default).
    Short,
    /// `l`: full forms.
    Long,
}

/// Sort direction of `orderby`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Order {
    /// `+field` (sent as `%2B`, spec §9.18).
    Ascending,
    /// `-field`.
    Descending,
}

/// `search/<type>?query=…[&orderby=…][&format=…][&fields=…]` (spec §9.18).
///
/// ```
/// use rt_wire::request::{Search, ObjectType, Order, SearchFormat, FieldName};
/// let url = Search::new(ObjectType::Ticket, "Queue = 'General' AND Status != 'resolved'")
///     .order_by(Order::Ascending, "Created")
///     .format(SearchFormat::Long)
///     .fields(vec![FieldName::try_from("Subject")?, FieldName::custom_field("Due Date")?])
///     .to_url();
/// assert_eq!(
///     url,
///     "search/ticket?query=Queue%20%3D%20%27General%27%20AND%20Status%20%21%3D%20%27resolved%27\
///      &orderby=%2BCreated&format=l&fields=Subject,CF.%7BDue%20Date%7D"
/// );
/// # Ok::<(), rt_wire::request::EncodeError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Search {
    kind: ObjectType,
    query: String,
    order_by: Option<(Option<Order>, String)>,
    format: Option<SearchFormat>,
    fields: Vec<FieldName>,
}

impl Search {
    /// A search of `kind` objects with `query` (TicketSQL for tickets).
    #[must_use]
    pub fn new(kind: ObjectType, query: impl Into<String>) -> Self {
        Search {
            kind,
            query: query.into(),
            order_by: None,
            format: None,
            fields: Vec::new(),
        }
    }

    /// `orderby=+field` / `-field`.
    #[must_use]
    pub fn order_by(mut self, order: Order, field: impl Into<String>) -> Self {
        self.order_by = Some((Some(order), field.into()));
        self
    }

    /// `orderby=field` (RT's default direction).
    #[must_use]
    pub fn order_by_default(mut self, field: impl Into<String>) -> Self {
        self.order_by = Some((None, field.into()));
        self
    }

    /// `format=i|s|l`.
    #[must_use]
    pub fn format(mut self, format: SearchFormat) -> Self {
        self.format = Some(format);
        self
    }

    /// `fields=a,b` (implies `format=l` on RT unless a format is given).
    #[must_use]
    pub fn fields(mut self, fields: Vec<FieldName>) -> Self {
        self.fields = fields;
        self
    }

    /// The URL.
    #[must_use]
    pub fn to_url(&self) -> String {
        let mut url = format!("search/{}", self.kind.as_str());
        query_param(&mut url, "query", &self.query);
        if let Some((order, field)) = &self.order_by {
            let prefix = match order {
                Some(Order::Ascending) => "+",
                Some(Order::Descending) => "-",
                None => "",
            };
            query_param(&mut url, "orderby", &format!("{prefix}{field}"));
        }
        if let Some(f) = self.format {
            let f = match f {
                SearchFormat::Ids => "i",
                SearchFormat::Short => "s",
                SearchFormat::Long => "l",
            };
            query_param(&mut url, "format", f);
        }
        fields_param(&mut url, &self.fields);
        url
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_surface_at_build() {
        let e = TicketCreate::new("General")
            .text("\nStatus: resolved")
            .build()
            .unwrap_err();
        assert!(
            matches!(e, EncodeError::Value { field: Some(ref f), .. } if f == "Text"),
            "{e:?}"
        );
        let e = TicketCreate::new("General")
            .attachment(Attachment::new("a,b.txt", "text/plain", &b""[..]).unwrap())
            .build()
            .unwrap_err();
        assert!(
            matches!(e, EncodeError::ListItem { field: Some(ref f), .. } if f == "Attachment"),
            "{e:?}"
        );
        assert!(ObjectEdit::user_edit("a/b").build().is_err());
        assert!(TicketEdit::new(1).set("X.Y", "z").build().is_err());
        assert!(LinksEdit::new(1).build().is_err());
        let mut m = MultiEdit::new();
        assert_eq!(
            m.push(RequestForm::new()).unwrap_err(),
            EncodeError::EmptyForm
        );
        let mut f = RequestForm::new();
        f.field("Status", "open").unwrap();
        assert_eq!(m.push(f).unwrap_err(), EncodeError::MissingId);
    }

    #[test]
    fn later_setter_replaces() {
        let r = TicketEdit::new(3)
            .status("open")
            .set("status", "new")
            .build()
            .unwrap();
        assert_eq!(r.content(), b"id: ticket/3\nstatus: new\n");
    }

    #[test]
    fn bodies() {
        let r = take(7, TakeAction::Take);
        let c = Credentials::new("root", "p&ss");
        let b = r.body(Some(&c));
        assert_eq!(b.content_type, URLENCODED);
        assert_eq!(
            b.bytes,
            b"content=id%3A%207%0AAction%3A%20take%0A&user=root&pass=p%26ss"
        );
        assert!(!alloc::format!("{b:?}").contains("p&ss"));
        assert_eq!(logout().body(Some(&c)).bytes, b"user=root&pass=p%26ss");
    }
}
