//! The building blocks of every view: a form's fields ([`Record`]), one field
//! with typed parsers ([`RawValue`]), and custom fields.

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;

use super::ViewError;
use super::cf_values::split_cf_values;
use super::message::{Notice, ServerError, form_notices, refusal};
use super::values::{
    self, Lang, LinkTarget, ObjectRef, RtDate, Size, UserZone, When, Zone, parse_minutes,
    parse_number, parse_size, parse_user_date_in,
};
use crate::error::{ErrorKind, ParseError};
use crate::form::{Field, Form, Items, Value};
use crate::response::{BodyKind, Response};

/// One field of a view: the key, the value as RT sent it, and parsers that
/// report errors at the value's place in the response.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RawValue<'a> {
    field: Field<'a>,
    input: &'a [u8],
}

impl<'a> RawValue<'a> {
    pub(crate) fn new(field: Field<'a>, input: &'a [u8]) -> Self {
        RawValue { field, input }
    }

    /// The key as RT printed it.
    #[must_use]
    pub fn key(&self) -> &'a [u8] {
        self.field.key()
    }

    /// The field of the core parser.
    #[must_use]
    pub fn field(&self) -> Field<'a> {
        self.field
    }

    /// The value of the core parser.
    #[must_use]
    pub fn value(&self) -> Value<'a> {
        self.field.value()
    }

    /// Byte offset of the value's first byte in the response.
    #[must_use]
    pub fn offset(&self) -> usize {
        let key_end = self.field.offset() + self.field.key().len();
        // `Key: value`; an empty list `Key:` has nothing after the colon.
        (key_end + 2).min(self.input.len())
    }

    /// The decoded value (exact inverse of RT's formatter).
    #[must_use]
    pub fn to_bytes(&self) -> Cow<'a, [u8]> {
        self.value().to_bytes()
    }

    /// The decoded value as text.
    ///
    /// # Errors
    /// [`ErrorKind::Utf8`] at the first invalid byte.
    pub fn to_str(&self) -> Result<Cow<'a, str>, ParseError> {
        match self.value().to_bytes() {
            Cow::Borrowed(b) => core::str::from_utf8(b)
                .map(Cow::Borrowed)
                .map_err(|e| self.utf8_error(e)),
            Cow::Owned(v) => String::from_utf8(v)
                .map(Cow::Owned)
                .map_err(|e| self.utf8_error(e.utf8_error())),
        }
    }

    fn utf8_error(&self, e: core::str::Utf8Error) -> ParseError {
        // Exact for single-line values; for multi-line values the offset of
        // the decoded text is mapped to the start of the value.
        let at = if self.value().is_multiline() {
            0
        } else {
            e.valid_up_to()
        };
        ParseError::at(self.input, self.offset() + at, ErrorKind::Utf8)
    }

    /// The decoded value as `&str` when it needs no de-indenting (one line,
    /// or one line and its LF) and is UTF-8.
    #[must_use]
    pub fn as_str(&self) -> Option<&'a str> {
        self.value().as_str()
    }

    /// Whether the value is empty (`Key: ` or `Key:`).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.value().is_empty()
    }

    /// Runs a value parser over the single-line value and moves its error to
    /// the value's place in the response.
    fn single<T>(
        &self,
        parse: impl FnOnce(&'a [u8]) -> Result<T, ParseError>,
    ) -> Result<T, ParseError> {
        let v = self.value();
        if v.is_multiline() {
            return Err(ParseError::view(
                self.input,
                self.offset(),
                ErrorKind::Value,
                "a single-line value",
            ));
        }
        parse(v.first_line()).map_err(|e| e.rebase(self.input, self.offset()))
    }

    /// The value as a date without its zone (any format
    /// [`parse_user_date`](super::parse_user_date) reads; see
    /// [`RawValue::date_in`] for the typed reading).
    ///
    /// # Errors
    /// [`ErrorKind::Value`] naming the field, the text and the formats tried.
    pub fn date(&self) -> Result<RtDate, ParseError> {
        self.date_in::<values::UserZone>().map(RtDate::from)
    }

    /// The value as a date of a field in zone `Z`:
    /// [`UserZone`](super::UserZone) for a ticket's dates (every format RT
    /// prints, in every language it ships), [`Utc`](super::Utc) for history,
    /// transaction and attachment dates (the SQL form).
    ///
    /// # Errors
    /// [`ErrorKind::Value`] naming the field, the text and the formats tried.
    pub fn date_in<Z: Zone>(&self) -> Result<When<Z>, ParseError> {
        self.date_with(Z::read)
    }

    /// The value as a ticket's date printed for an RT user of language
    /// `lang` (see [`parse_user_date_in`](super::parse_user_date_in)).
    ///
    /// # Errors
    /// [`ErrorKind::Value`] naming the field, the text and the formats tried.
    pub fn user_date_in(&self, lang: Lang) -> Result<When<UserZone>, ParseError> {
        self.date_with(|t| parse_user_date_in(t, lang))
    }

    fn date_with<Z: Zone>(
        &self,
        read: impl FnOnce(&'a [u8]) -> Result<When<Z>, ParseError>,
    ) -> Result<When<Z>, ParseError> {
        self.single(read).map_err(|e| {
            let key = String::from_utf8_lossy(self.key());
            let what = e.detail_text().unwrap_or_else(|| e.expected());
            let detail = alloc::format!("field `{key}` ({}): {what}", Z::NAME);
            ParseError::view(self.input, e.offset(), ErrorKind::Value, &detail)
        })
    }

    /// The value as a duration in minutes.
    ///
    /// # Errors
    /// [`ErrorKind::Value`] unless it is `<n>` or `<n> minutes`.
    pub fn minutes(&self) -> Result<u64, ParseError> {
        self.single(parse_minutes)
    }

    /// The value as a number.
    ///
    /// # Errors
    /// [`ErrorKind::Value`] unless it is `1*DIGIT`.
    pub fn number(&self) -> Result<u64, ParseError> {
        self.single(parse_number)
    }

    /// The value as a number or empty (`Priority: ` in templates).
    ///
    /// # Errors
    /// [`ErrorKind::Value`] unless it is empty or `1*DIGIT`.
    pub fn optional_number(&self) -> Result<Option<u64>, ParseError> {
        if self.is_empty() {
            Ok(None)
        } else {
            self.number().map(Some)
        }
    }

    /// The value as a size.
    ///
    /// # Errors
    /// [`ErrorKind::Value`] unless it is `<n>b` or `<n>[.<d>]k`.
    pub fn size(&self) -> Result<Size, ParseError> {
        self.single(parse_size)
    }

    /// The number of an id that is bare (`43`) or `<kind>/<n>`.
    ///
    /// # Errors
    /// [`ErrorKind::Value`] for anything else.
    pub fn id_number(&self, kind: &str) -> Result<u64, ParseError> {
        self.single(|b| values::id_number(b, kind))
    }

    /// The value as an object reference `type/id[/rest]`.
    ///
    /// # Errors
    /// [`ErrorKind::Value`] unless it is `type/id[/rest]` in UTF-8.
    pub fn object_ref(&self) -> Result<ObjectRef<'a>, ParseError> {
        // `single` places the error in the response.
        self.single(|b| {
            let s = core::str::from_utf8(b)
                .map_err(|e| ParseError::at(b, e.valid_up_to(), ErrorKind::Utf8))?;
            values::parse_object_ref(s)
        })
    }

    /// The items of a list value (`Requestors`, `Cc`, user CFs, links):
    /// separated by `, ` and wrapped (`field`).
    #[must_use]
    pub fn items(&self) -> Items<'a> {
        self.value().items()
    }

    /// The items of a list value of link URIs, classified.
    ///
    /// # Errors
    /// [`ErrorKind::Utf8`] if an item is not UTF-8.
    pub fn links(&self) -> Result<Vec<LinkTarget<'a>>, ParseError> {
        self.items()
            .map(|item| {
                core::str::from_utf8(item)
                    .map(LinkTarget::parse)
                    .map_err(|e| {
                        let at = super::message::offset_in(self.input, item) + e.valid_up_to();
                        ParseError::at(self.input, at, ErrorKind::Utf8)
                    })
            })
            .collect()
    }
}

/// A custom field of a ticket (`CF.{Name}`) or of a user, queue or group
/// (`CF-Name`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CustomField<'a> {
    /// The name inside `CF.{…}` or after `CF-`.
    pub name: &'a [u8],
    /// The value as RT sent it.
    pub value: RawValue<'a>,
}

impl<'a> CustomField<'a> {
    /// The name as text, if UTF-8 (RT passes names stored in another encoding
    /// through as bytes).
    #[must_use]
    pub fn name_str(&self) -> Option<&'a str> {
        core::str::from_utf8(self.name).ok()
    }

    /// Whether the key is a ticket custom field (`CF.{…}`), whose multiple
    /// values RT joins with `,` and quotes; else a user, queue or
    /// group custom field (`CF-…`), a plain `, ` list.
    #[must_use]
    pub fn is_ticket_field(&self) -> bool {
        self.value.key().starts_with(b"CF.{")
    }

    /// The values: for a ticket custom field (`CF.{…}`) the decoded value
    /// read by [`split_cf_values`], the exact inverse of RT's join of a
    /// multi-value field; for `CF-…` the `, ` list items. An empty value has
    /// none.
    ///
    /// The response does not say whether a ticket custom field takes one
    /// value or many; this reads it as many. A single-value field's value is
    /// [`CustomField::value`] as it is: RT prints it unchanged, so its commas
    /// and quotes would split it here. [`CustomField::is_ambiguous`] says
    /// when RT prints the same text for another list of values.
    ///
    /// # Errors
    /// [`ErrorKind::Utf8`] if the value is not UTF-8.
    pub fn values(&self) -> Result<Vec<Cow<'a, str>>, ParseError> {
        if self.value.is_empty() {
            return Ok(Vec::new());
        }
        if !self.is_ticket_field() {
            return self.list_items();
        }
        Ok(match self.value.to_str()? {
            Cow::Borrowed(s) => split_cf_values(s).map(|v| v.to_str()).collect(),
            Cow::Owned(s) => split_cf_values(&s)
                .map(|v| Cow::Owned(v.to_str().into_owned()))
                .collect(),
        })
    }

    /// Whether RT prints the same text for another list of values, so that
    /// [`CustomField::values`] may not be the values RT holds. For a ticket
    /// custom field, [`CfValues::is_ambiguous`](super::CfValues::is_ambiguous):
    /// a value was read as quoted (`'x,y'` is the value `x,y`, or the values
    /// `'x` and `y'`), or the value is empty (no values, or one empty value).
    /// For `CF-…`, more than one item: RT does not quote these values, so a
    /// value holding `, ` prints as two.
    ///
    /// Whether a ticket custom field takes one value or many the response
    /// does not say; this assumes many (see [`CustomField::values`]).
    ///
    /// # Errors
    /// [`ErrorKind::Utf8`] if a ticket custom field's value is not UTF-8.
    pub fn is_ambiguous(&self) -> Result<bool, ParseError> {
        if !self.is_ticket_field() {
            return Ok(self.value.items().nth(1).is_some());
        }
        Ok(split_cf_values(&self.value.to_str()?).is_ambiguous())
    }

    /// The `, ` items of a `CF-…` value, as text.
    fn list_items(&self) -> Result<Vec<Cow<'a, str>>, ParseError> {
        self.value
            .items()
            .map(|item| {
                core::str::from_utf8(item).map(Cow::Borrowed).map_err(|e| {
                    let at = super::message::offset_in(self.value.input, item) + e.valid_up_to();
                    ParseError::at(self.value.input, at, ErrorKind::Utf8)
                })
            })
            .collect()
    }
}

/// The fields of one form, with lookups by key. Every object view wraps one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record<'a> {
    input: &'a [u8],
    fields: Vec<Field<'a>>,
}

impl<'a> Record<'a> {
    /// The fields of `form`.
    #[must_use]
    pub fn from_form(input: &'a [u8], form: &Form<'_, 'a>) -> Self {
        Record {
            input,
            fields: form.fields().collect(),
        }
    }

    /// The response the record borrows from.
    #[must_use]
    pub fn input(&self) -> &'a [u8] {
        self.input
    }

    /// The first field with `key` (exact match, as RT prints keys).
    #[must_use]
    pub fn get(&self, key: &str) -> Option<RawValue<'a>> {
        self.fields
            .iter()
            .find(|f| f.key() == key.as_bytes())
            .map(|f| RawValue::new(*f, self.input))
    }

    /// Every field with `key` (RT repeats a key for list items containing LF).
    pub fn get_all<'s>(&'s self, key: &'s str) -> impl Iterator<Item = RawValue<'a>> + 's {
        self.fields
            .iter()
            .filter(move |f| f.key() == key.as_bytes())
            .map(|f| RawValue::new(*f, self.input))
    }

    /// All fields in input order.
    pub fn fields(&self) -> impl Iterator<Item = RawValue<'a>> + '_ {
        self.fields.iter().map(|f| RawValue::new(*f, self.input))
    }

    /// The custom fields, in input order.
    pub fn custom_fields(&self) -> impl Iterator<Item = CustomField<'a>> + '_ {
        self.fields.iter().filter_map(|f| {
            f.custom_field_name().map(|name| CustomField {
                name,
                value: RawValue::new(*f, self.input),
            })
        })
    }

    /// The custom field called `name` (exact, case-sensitive).
    #[must_use]
    pub fn custom_field(&self, name: &str) -> Option<CustomField<'a>> {
        self.custom_fields().find(|c| c.name == name.as_bytes())
    }

    /// The text of `key`, decoded; `None` if absent.
    ///
    /// # Errors
    /// [`ErrorKind::Utf8`] if the value is not UTF-8.
    pub fn text(&self, key: &str) -> Result<Option<Cow<'a, str>>, ParseError> {
        self.get(key).map(|v| v.to_str()).transpose()
    }

    /// `id: <kind>/<n>` (or a bare number) as a number.
    ///
    /// # Errors
    /// [`ErrorKind::Shape`] if there is no `id`; [`ErrorKind::Value`] if it is
    /// not of that form.
    pub fn id_number(&self, kind: &str) -> Result<u64, ParseError> {
        self.require("id")?.id_number(kind)
    }

    /// The field `key`, or a [`ErrorKind::Shape`] error naming it.
    ///
    /// # Errors
    /// The field is absent.
    pub fn require(&self, key: &str) -> Result<RawValue<'a>, ParseError> {
        self.get(key).ok_or_else(|| {
            let at = self.fields.first().map_or(0, Field::offset);
            ParseError::view(
                self.input,
                at,
                ErrorKind::Shape,
                &alloc::format!("a field `{key}`"),
            )
        })
    }

    /// Applies `parse` to `key` if present.
    pub(crate) fn map<T>(
        &self,
        key: &str,
        parse: impl FnOnce(&RawValue<'a>) -> Result<T, ParseError>,
    ) -> Result<Option<T>, ParseError> {
        self.get(key).map(|v| parse(&v)).transpose()
    }

    /// A date field; `None` if absent.
    ///
    /// # Errors
    /// See [`RawValue::date`].
    pub fn date(&self, key: &str) -> Result<Option<RtDate>, ParseError> {
        self.map(key, RawValue::date)
    }

    /// A date field of zone `Z`; `None` if absent.
    ///
    /// # Errors
    /// See [`RawValue::date_in`].
    pub fn date_in<Z: Zone>(&self, key: &str) -> Result<Option<When<Z>>, ParseError> {
        self.map(key, RawValue::date_in::<Z>)
    }

    /// A duration field in minutes; `None` if absent.
    ///
    /// # Errors
    /// See [`RawValue::minutes`].
    pub fn minutes(&self, key: &str) -> Result<Option<u64>, ParseError> {
        self.map(key, RawValue::minutes)
    }

    /// A number field; `None` if absent or empty.
    ///
    /// # Errors
    /// See [`RawValue::number`].
    pub fn number(&self, key: &str) -> Result<Option<u64>, ParseError> {
        Ok(self.map(key, RawValue::optional_number)?.flatten())
    }

    /// The items of a list field; empty if absent.
    #[must_use]
    pub fn items(&self, key: &str) -> Vec<&'a [u8]> {
        self.get_all(key).flat_map(|v| v.items()).collect()
    }

    /// The number of fields.
    #[must_use]
    pub fn len(&self) -> usize {
        self.fields.len()
    }

    /// Whether there are no fields.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }
}

/// The forms with fields and the messages of every envelope of an object
/// response, or the refusal. Forms that carry only comments become messages.
pub(crate) struct Collected<'r, 'a> {
    pub forms: Vec<Form<'r, 'a>>,
    pub notices: Vec<Notice<'a>>,
}

pub(crate) fn collect<'r, 'a>(
    response: &'r Response<'a>,
) -> Result<Collected<'r, 'a>, ViewError<'a>> {
    if let Some(e) = refusal(response) {
        return Err(ViewError::Server(e));
    }
    let input = response.input();
    let mut forms = Vec::new();
    let mut notices = Vec::new();
    for env in response.envelopes() {
        if !env.is_forms() {
            let text = super::message::trim_lf(env.raw_payload());
            if !text.is_empty() {
                notices.push(Notice {
                    message: super::message::classify_text(text),
                    text,
                    offset: super::message::offset_in(input, text),
                });
            }
            continue;
        }
        if let Some(n) = super::message::text_notice(input, &env) {
            notices.push(n);
            continue;
        }
        for form in env.forms() {
            form_notices(input, &form, &mut notices);
            if !form.is_empty() {
                forms.push(form);
            }
        }
    }
    Ok(Collected { forms, notices })
}

impl<'a> Collected<'_, 'a> {
    /// The refusal when a message reports a failure, whatever the forms.
    pub(crate) fn any_failure(&self, response: &Response<'a>) -> Option<ViewError<'a>> {
        self.notices
            .iter()
            .any(|n| n.message.is_failure())
            .then(|| {
                ViewError::Server(ServerError {
                    reply: super::message::Reply {
                        status: response.status(),
                        messages: self.notices.clone(),
                    },
                })
            })
    }

    /// The refusal when no form has fields and a message reports a failure.
    pub(crate) fn failure(&self, response: &Response<'a>) -> Option<ViewError<'a>> {
        if self.forms.is_empty() {
            self.any_failure(response)
        } else {
            None
        }
    }
}

/// A shape error for a response that holds nothing of what a view expects.
pub(crate) fn shape(response: &Response<'_>, at: usize, what: &str) -> ParseError {
    ParseError::view(response.input(), at, ErrorKind::Shape, what)
}

/// An empty body where the view needs content.
pub(crate) fn empty_body<'a>(response: &Response<'a>, what: &str) -> Result<(), ViewError<'a>> {
    if response.kind() == BodyKind::Empty {
        Err(ViewError::Shape(shape(response, 0, what)))
    } else {
        Ok(())
    }
}
