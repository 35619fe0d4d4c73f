//! Request forms: the text of the `content` parameter.

use alloc::string::String;
use alloc::vec::Vec;

use super::error::EncodeError;
use super::name::FieldName;
use super::value::FieldValue;
use crate::write::Sink;

/// One request form: fields in order, each key at most once.
///
/// Written one field per line (multi-line values as indented blocks), no
/// comments, no blank lines, LF line ends. RT's `form_parse` reads
/// back exactly the fields and values given; this is checked against RT's own
/// code by the differential test.
///
/// ```
/// use rt_wire::request::RequestForm;
/// let mut form = RequestForm::new();
/// form.field("Subject", "printer on fire")?
///     .field("Text", "It smokes.\nStatus: resolved\n")?;
/// assert_eq!(
///     form.to_string(),
///     "Subject: printer on fire\nText:\n It smokes.\n Status: resolved\n \n"
/// );
/// # Ok::<(), rt_wire::request::EncodeError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RequestForm<'a> {
    fields: Vec<(FieldName, FieldValue<'a>)>,
}

impl<'a> RequestForm<'a> {
    /// An empty form.
    #[must_use]
    pub fn new() -> Self {
        RequestForm { fields: Vec::new() }
    }

    /// Adds a validated field.
    ///
    /// # Errors
    /// [`EncodeError::DuplicateField`] if the key (ignoring ASCII case) is
    /// already in the form.
    pub fn push(
        &mut self,
        name: FieldName,
        value: FieldValue<'a>,
    ) -> Result<&mut Self, EncodeError> {
        if self
            .fields
            .iter()
            .any(|(n, _)| n.as_str().eq_ignore_ascii_case(name.as_str()))
        {
            return Err(EncodeError::DuplicateField {
                name: String::from(name.as_str()),
            });
        }
        self.fields.push((name, value));
        Ok(self)
    }

    /// Adds `name: value`, validating both.
    ///
    /// # Errors
    /// An invalid name or value, or a duplicate key.
    pub fn field(&mut self, name: &str, value: &'a str) -> Result<&mut Self, EncodeError> {
        let n = FieldName::try_from(name)?;
        let v = FieldValue::new(value).map_err(|e| e.in_field(name))?;
        self.push(n, v)
    }

    /// The fields.
    #[must_use]
    pub fn fields(&self) -> &[(FieldName, FieldValue<'a>)] {
        &self.fields
    }

    /// Number of fields.
    #[must_use]
    pub fn len(&self) -> usize {
        self.fields.len()
    }

    /// Whether the form has no field.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    /// Writes the form into `sink` (straight into the buffer, no allocation).
    pub fn write_to<S: Sink>(&self, sink: &mut S) {
        for (n, v) in &self.fields {
            v.write_field(n, sink);
        }
    }

    /// Length of what [`RequestForm::write_to`] writes.
    #[must_use]
    pub fn encoded_len(&self) -> usize {
        self.fields.iter().map(|(n, v)| v.field_len(n)).sum()
    }

    /// The form's text.
    #[must_use]
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.encoded_len());
        self.write_to(&mut out);
        out
    }
}

impl core::fmt::Display for RequestForm<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        // Every name and value is UTF-8, so is the text.
        f.write_str(&String::from_utf8_lossy(&self.to_bytes()))
    }
}

/// The `content` of a request: one form, or several separated by `--` (only
/// `edit` / `<type>/edit` take several).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Content<'a> {
    forms: Vec<RequestForm<'a>>,
}

impl<'a> Content<'a> {
    /// No forms yet.
    #[must_use]
    pub fn new() -> Self {
        Content { forms: Vec::new() }
    }

    /// Adds a form.
    ///
    /// # Errors
    /// [`EncodeError::EmptyForm`]: RT skips a form without fields, so later
    /// forms would not line up with the caller's.
    pub fn push(&mut self, form: RequestForm<'a>) -> Result<&mut Self, EncodeError> {
        if form.is_empty() {
            return Err(EncodeError::EmptyForm);
        }
        self.forms.push(form);
        Ok(self)
    }

    /// The forms.
    #[must_use]
    pub fn forms(&self) -> &[RequestForm<'a>] {
        &self.forms
    }

    /// Writes the forms, separated by `--` lines.
    pub fn write_to<S: Sink>(&self, sink: &mut S) {
        for (i, f) in self.forms.iter().enumerate() {
            if i > 0 {
                sink.put(b"--\n");
            }
            f.write_to(sink);
        }
    }

    /// Length of what [`Content::write_to`] writes.
    #[must_use]
    pub fn encoded_len(&self) -> usize {
        let forms: usize = self.forms.iter().map(RequestForm::encoded_len).sum();
        forms + 3 * self.forms.len().saturating_sub(1)
    }

    /// The content text.
    #[must_use]
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.encoded_len());
        self.write_to(&mut out);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A form keeps its fields in the order given, counts them, and refuses
    /// an empty form in a `Content`.
    #[test]
    fn fields_in_order_and_counted() {
        let mut form = RequestForm::new();
        assert!(form.is_empty());
        assert_eq!(form.len(), 0);
        form.field("Subject", "s")
            .unwrap()
            .field("Queue", "q")
            .unwrap();
        assert_eq!(form.len(), 2);
        assert!(!form.is_empty());
        let names: Vec<&str> = form.fields().iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["Subject", "Queue"]);
        form.field("Cc", "a@b").unwrap();
        assert_eq!(form.len(), 3);
        let mut content = Content::new();
        assert_eq!(
            content.push(RequestForm::new()),
            Err(EncodeError::EmptyForm)
        );
        content.push(form.clone()).unwrap().push(form).unwrap();
        assert_eq!(content.forms().len(), 2);
        let bytes = content.to_bytes();
        assert_eq!(bytes.len(), content.encoded_len());
        assert_eq!(bytes.capacity(), bytes.len());
    }
}
