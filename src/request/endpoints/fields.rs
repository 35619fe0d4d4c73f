//! What every form builder shares: fields collected unvalidated, validated
//! into a form at `build`, and the setter macros.

use alloc::borrow::Cow;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::super::body::Attachment;
use super::super::error::EncodeError;
use super::super::form::RequestForm;
use super::super::name::FieldName;
use super::super::value::FieldValue;
use super::WriteRequest;

/// A value before validation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Spec<'a> {
    Text(Cow<'a, str>),
    Plain(Vec<Cow<'a, str>>),
    Quoted(Vec<Cow<'a, str>>),
}

/// Fields collected by a builder; validated by `form`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Fields<'a> {
    pub(super) entries: Vec<(Result<FieldName, EncodeError>, Spec<'a>)>,
    pub(super) attachments: Vec<Attachment<'a>>,
}

impl<'a> Fields<'a> {
    pub(super) fn put(&mut self, name: Result<FieldName, EncodeError>, spec: Spec<'a>) {
        // A later call for the same key replaces the earlier one.
        if let Ok(n) = &name {
            self.entries.retain(|(m, _)| {
                m.as_ref()
                    .map_or(true, |m| !m.as_str().eq_ignore_ascii_case(n.as_str()))
            });
        }
        self.entries.push((name, spec));
    }

    pub(super) fn text(&mut self, name: &'static str, value: impl Into<Cow<'a, str>>) {
        self.put(Ok(FieldName::known(name)), Spec::Text(value.into()));
    }

    pub(super) fn number(&mut self, name: &'static str, value: u64) {
        self.text(name, value.to_string());
    }

    pub(super) fn plain<I, T>(&mut self, name: &'static str, items: I)
    where
        I: IntoIterator<Item = T>,
        T: Into<Cow<'a, str>>,
    {
        let items = items.into_iter().map(Into::into).collect();
        self.put(Ok(FieldName::known(name)), Spec::Plain(items));
    }

    pub(super) fn form(&self) -> Result<RequestForm<'_>, EncodeError> {
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

    pub(super) fn request(&self, path: String) -> Result<WriteRequest<'a>, EncodeError> {
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

        /// Sets a list field RT splits without unquoting.
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
        /// RT unquotes them).
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
/// `list` (items RT splits without unquoting), with its doc line.
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
            "`TimeEstimated` in minutes (RT wants bare integers)."
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
