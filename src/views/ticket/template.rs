//! `…/new` templates.

use alloc::vec::Vec;

use super::super::ViewError;
use super::super::message::Message;
use super::super::record::{Record, collect, empty_body, shape};
use crate::response::Response;

/// The template of `ticket/new`, `user/new`, `queue/new`, `group/new`
///: default values and the required keys.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Template<'a> {
    /// `# Required: …`, split at `, `.
    pub required: Vec<&'a str>,
    /// The template's fields (`id: ticket/new`, defaults, empty values).
    pub record: Record<'a>,
}

impl<'a> Template<'a> {
    /// Reads a template form (`id: <type>/new`).
    ///
    /// # Errors
    /// [`ViewError::Server`] if RT refused; [`ViewError::Shape`] if the form's
    /// `id` is not `<type>/new`.
    pub fn from_response(response: &Response<'a>) -> Result<Self, ViewError<'a>> {
        empty_body(response, "a template form")?;
        let c = collect(response)?;
        let Some(form) = c.forms.first() else {
            return Err(c
                .failure(response)
                .unwrap_or_else(|| shape(response, 0, "a template form").into()));
        };
        let record = Record::from_form(response.input(), form);
        let id = record.require("id")?.object_ref()?;
        if id.id != "new" || id.rest.is_some() {
            if let Some(e) = c.any_failure(response) {
                return Err(e);
            }
            return Err(shape(response, form.span().start, "a form with `id: <type>/new`").into());
        }
        if let Some(e) = c.any_failure(response) {
            return Err(e);
        }
        let required = c
            .notices
            .iter()
            .find_map(|n| match n.message {
                Message::Required { keys } => Some(keys.split(", ").collect()),
                _ => None,
            })
            .unwrap_or_default();
        Ok(Template { required, record })
    }

    /// The object type of the template (`ticket`, `user`, …).
    #[must_use]
    pub fn kind(&self) -> Option<&'a str> {
        self.record
            .get("id")
            .and_then(|v| v.object_ref().ok())
            .map(|r| r.kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse_response;

    #[test]
    fn template_section_9_2() {
        let body = b"RT/5.0.3 200 Ok\n\n# Required: id, Queue\n\nid: ticket/new\nQueue: General\nRequestor: root\nSubject: \nCc:\nAdminCc:\nOwner: \nStatus: new\nPriority: \nInitialPriority: \nFinalPriority: \nTimeEstimated: 0\nStarts: 2026-11-28 23:38:15\nDue: \nAttachment: \nText: \n\n";
        let r = parse_response(body).unwrap();
        let t = Template::from_response(&r).unwrap();
        assert_eq!(t.required, ["id", "Queue"]);
        assert_eq!(t.kind(), Some("ticket"));
        assert_eq!(t.record.number("Priority").unwrap(), None);
        assert!(t.record.date("Starts").unwrap().is_some());
    }
}
