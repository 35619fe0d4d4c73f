//! The custom-field listings: `queue/<q>/customfields`,
//! `queue/<q>/ticketcustomfields` and `group/<g>/customfields`.
//!
//! Their keys are bare custom-field names, which may contain `": "`; parse
//! them with [`KeySplit::Last`](crate::KeySplit::Last) (the endpoint type
//! [`crate::request::read::QueueCustomFields`] and its siblings do).

use super::ViewError;
use super::record::{RawValue, Record, collect, empty_body, shape};
use super::values::ObjectRef;
use crate::error::ParseError;
use crate::response::Response;

/// The custom fields of a queue or group: a form `id: queue/<n>` (or
/// `group/<n>`) and one field per custom field, its value empty, or with
/// `format=l` its type (`Multi Select (several values): MultiValueSelect`).
///
/// ```
/// use rt_wire::{parse_response_with, KeySplit, ParseOptions};
/// use rt_wire::views::CustomFieldList;
/// let body = b"RT/5.0.3 200 Ok\n\nid: queue/1\nColon: Field (): SingleValueFreeform\n\n";
/// let options = ParseOptions::new().key_split(KeySplit::Last);
/// let response = parse_response_with(body, &options)?;
/// let list = CustomFieldList::from_response(&response)?;
/// let (name, kind) = list.fields().map(|f| (f.key(), f.as_str())).next().unwrap();
/// assert_eq!((name, kind), (&b"Colon: Field ()"[..], Some("SingleValueFreeform")));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CustomFieldList<'a> {
    record: Record<'a>,
}

impl<'a> CustomFieldList<'a> {
    /// Reads the first form whose `id` is `queue/<q>` or `group/<g>`.
    ///
    /// # Errors
    /// [`ViewError::Server`] if RT refused or reported a failure;
    /// [`ViewError::Shape`] for another form.
    pub fn from_response(response: &Response<'a>) -> Result<Self, ViewError<'a>> {
        empty_body(response, "a custom-field listing")?;
        let c = collect(response)?;
        if let Some(e) = c.any_failure(response) {
            return Err(e);
        }
        for form in &c.forms {
            let record = Record::from_form(response.input(), form);
            let owner = record.get("id").and_then(|v| v.object_ref().ok());
            if owner.is_some_and(|r| matches!(r.kind, "queue" | "group") && r.rest.is_none()) {
                return Ok(CustomFieldList { record });
            }
        }
        Err(shape(
            response,
            0,
            "a form with `id: queue/<q>` or `id: group/<g>`",
        )
        .into())
    }

    /// The queue or group (`id`).
    ///
    /// # Errors
    /// No `id` field, or not `type/id`.
    pub fn owner(&self) -> Result<ObjectRef<'a>, ParseError> {
        self.record.require("id")?.object_ref()
    }

    /// The custom fields in RT's order: the key is the name (with its
    /// description in parentheses under `format=l`), the value empty or the
    /// type.
    pub fn fields(&self) -> impl Iterator<Item = RawValue<'a>> + '_ {
        self.record.fields().filter(|f| f.key() != b"id")
    }

    /// The whole form.
    #[must_use]
    pub fn record(&self) -> &Record<'a> {
        &self.record
    }
}
