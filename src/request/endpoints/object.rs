//! User, queue and group writes, and the multi-form `edit`.

use alloc::borrow::Cow;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::super::error::EncodeError;
use super::super::form::{Content, RequestForm};
use super::super::name::FieldName;
use super::WriteRequest;
use super::fields::{Fields, Spec};
use super::url::label;

/// Creates or edits a user, queue or group.
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

    /// `group/<n>/edit` (RT edits groups by number only).
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

/// `POST edit`: several forms, each with its own `id`.
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
