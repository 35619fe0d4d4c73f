//! A `Deserializer` over a form ([`from_form`]), so that a user's own struct
//! can be filled from it, custom fields included.

use alloc::borrow::Cow;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, Visitor};

use super::super::cf_values::split_cf_values;
use crate::form::{Field, Form};

/// Why a form could not be deserialized into a type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeError(String);

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl core::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError(msg.to_string())
    }
}

/// Deserializes a form into `T`: a map of key → decoded value.
///
/// Keys are RT's (`Subject`, `TimeWorked`, `CF.{Name}`; rename fields with
/// `#[serde(rename = …)]` or `rename_all = "PascalCase"`). Values are strings;
/// numbers and booleans (`1`/`0`) are parsed from them, `Option` is `None` for
/// an empty value, and a sequence is a list value, read as RT printed it:
///
/// * a ticket custom field (`CF.{…}`): [`split_cf_values`](crate::views::split_cf_values),
///   the inverse of RT's join of a multi-value field, with its
///   documented readings of the texts RT prints for two lists. Give a
///   single-value field a scalar type: its value is printed unchanged, commas
///   included.
/// * every other key (`Requestors`, `Cc`, `AdminCc`, `Members`, links, user,
///   queue and group custom fields `CF-…`): the `, ` items of RT's list
///   layout ([`Value::items`](crate::Value::items), `field`). RT quotes none
///   of these, so an item holding `, ` comes back as two.
///
/// Neither is RT's `vsplit`, which is how RT's server reads a request
/// ([`crate::request::split_request_list`]), not how it prints a response.
/// RT prints a list item holding a line feed under its own repeated key; each
/// occurrence is a separate map entry here (a derived struct reports a
/// duplicate field).
///
/// # Errors
/// A value that does not parse as the field's type, or a missing field.
///
/// ```
/// # #[cfg(feature = "serde")] {
/// #[derive(serde::Deserialize)]
/// #[serde(rename_all = "PascalCase")]
/// struct T {
///     subject: String,
///     priority: u32,
///     requestors: Vec<String>,
///     #[serde(rename = "CF.{Tags}")]
///     tags: Vec<String>,
/// }
/// let body = b"RT/5.0.3 200 Ok\n\nid: ticket/7\nSubject: hi\nPriority: 5\nRequestors: a@x, b@x\nCF.{Tags}: a,'b,c'\n\n";
/// let r = rt_wire::parse_response(body).unwrap();
/// let t: T = rt_wire::views::from_form(&r.forms().next().unwrap()).unwrap();
/// assert_eq!((t.subject.as_str(), t.priority), ("hi", 5));
/// assert_eq!(t.requestors, ["a@x", "b@x"]);
/// assert_eq!(t.tags, ["a", "b,c"]);
/// # }
/// ```
pub fn from_form<'a, T: Deserialize<'a>>(form: &Form<'_, 'a>) -> Result<T, DeError> {
    let fields: Vec<Field<'a>> = form.fields().collect();
    T::deserialize(FormDe {
        fields: fields.into_iter(),
        value: None,
    })
}

struct FormDe<'a> {
    fields: alloc::vec::IntoIter<Field<'a>>,
    value: Option<Field<'a>>,
}

impl<'de> de::Deserializer<'de> for FormDe<'de> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        v.visit_map(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

impl<'de> MapAccess<'de> for FormDe<'de> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        let Some(f) = self.fields.next() else {
            return Ok(None);
        };
        self.value = Some(f);
        let key = f
            .key_str()
            .ok_or_else(|| DeError("a key that is not UTF-8".into()))?;
        seed.deserialize(de::value::BorrowedStrDeserializer::new(key))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let f = self
            .value
            .take()
            .ok_or_else(|| DeError("a value without a key".into()))?;
        seed.deserialize(ValueDe(f))
    }
}

struct ValueDe<'a>(Field<'a>);

impl<'a> ValueDe<'a> {
    fn text(&self) -> Result<Cow<'a, str>, DeError> {
        self.0.value().to_str().map_err(|_| {
            DeError(alloc::format!(
                "the value of `{}` is not UTF-8",
                String::from_utf8_lossy(self.0.key())
            ))
        })
    }

    fn parse<T: core::str::FromStr>(&self, what: &str) -> Result<T, DeError> {
        let t = self.text()?;
        t.parse().map_err(|_| {
            DeError(alloc::format!(
                "`{}`: expected {what}, found `{t}`",
                String::from_utf8_lossy(self.0.key())
            ))
        })
    }
}

macro_rules! numbers {
    ($($method:ident $ty:ty => $visit:ident,)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
                v.$visit(self.parse::<$ty>(stringify!($ty))?)
            }
        )*
    };
}

impl<'de> de::Deserializer<'de> for ValueDe<'de> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        match self.0.value().to_bytes() {
            Cow::Borrowed(b) => match core::str::from_utf8(b) {
                Ok(s) => v.visit_borrowed_str(s),
                Err(_) => v.visit_borrowed_bytes(b),
            },
            Cow::Owned(b) => match String::from_utf8(b) {
                Ok(s) => v.visit_string(s),
                Err(e) => v.visit_byte_buf(e.into_bytes()),
            },
        }
    }

    numbers! {
        deserialize_i8 i8 => visit_i8,
        deserialize_i16 i16 => visit_i16,
        deserialize_i32 i32 => visit_i32,
        deserialize_i64 i64 => visit_i64,
        deserialize_u8 u8 => visit_u8,
        deserialize_u16 u16 => visit_u16,
        deserialize_u32 u32 => visit_u32,
        deserialize_u64 u64 => visit_u64,
        deserialize_f32 f32 => visit_f32,
        deserialize_f64 f64 => visit_f64,
    }

    fn deserialize_bool<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        match &*self.text()? {
            "1" | "true" => v.visit_bool(true),
            "0" | "false" | "" => v.visit_bool(false),
            other => Err(DeError(alloc::format!("expected 1 or 0, found `{other}`"))),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        if self.0.value().is_empty() {
            v.visit_none()
        } else {
            v.visit_some(self)
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        let items: Vec<String> = if self.0.key().starts_with(b"CF.{") {
            split_cf_values(&self.text()?)
                .map(|v| v.to_str().into_owned())
                .collect()
        } else {
            self.0
                .value()
                .items()
                .map(|i| {
                    core::str::from_utf8(i)
                        .map(String::from)
                        .map_err(|_| DeError("a list item that is not UTF-8".into()))
                })
                .collect::<Result<_, _>>()?
        };
        v.visit_seq(de::value::SeqDeserializer::new(items.into_iter()))
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        v: V,
    ) -> Result<V::Value, DeError> {
        v.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, DeError> {
        let t = self.text()?.into_owned();
        v.visit_enum(t.into_deserializer())
    }

    serde::forward_to_deserialize_any! {
        i128 u128 char str string bytes byte_buf unit unit_struct tuple
        tuple_struct map struct identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse_response;

    #[derive(Deserialize, Debug, PartialEq)]
    #[serde(rename_all = "PascalCase")]
    struct Ticket {
        #[serde(rename = "id")]
        id: String,
        subject: String,
        priority: Option<u32>,
        #[serde(default)]
        requestors: Vec<String>,
        #[serde(rename = "CF.{Multi Select}")]
        multi: Vec<String>,
        #[serde(rename = "CF.{Notes Text}")]
        notes: Option<String>,
        disabled: Option<bool>,
    }

    #[test]
    fn form_into_struct() {
        let body = b"RT/5.0.3 200 Ok\n\nid: ticket/3\nSubject: hello\nPriority: \nRequestors: a@x, b@x\nCF.{Multi Select}: alpha,'beta,gamma'\n\nCF.{Notes Text}: line 1\n    line 2\n\nDisabled: 1\n\n";
        let r = parse_response(body).unwrap();
        let t: Ticket = from_form(&r.forms().next().unwrap()).unwrap();
        assert_eq!(
            t,
            Ticket {
                id: "ticket/3".into(),
                subject: "hello".into(),
                priority: None,
                requestors: alloc::vec!["a@x".into(), "b@x".into()],
                multi: alloc::vec!["alpha".into(), "beta,gamma".into()],
                notes: Some("line 1\nline 2".into()),
                disabled: Some(true),
            }
        );
        let bad = b"RT/5.0.3 200 Ok\n\nid: ticket/3\nSubject: s\nPriority: high\nCF.{Multi Select}: \nCF.{Notes Text}: \n\n";
        let r = parse_response(bad).unwrap();
        let e = from_form::<Ticket>(&r.forms().next().unwrap()).unwrap_err();
        assert!(e.to_string().contains("Priority"), "{e}");
    }

    #[test]
    fn borrowed_strings() {
        #[derive(Deserialize)]
        struct B<'a> {
            #[serde(rename = "Subject")]
            subject: &'a str,
        }
        let body = b"RT/5.0.3 200 Ok\n\nSubject: zero copy\n\n";
        let r = parse_response(body).unwrap();
        let b: B<'_> = from_form(&r.forms().next().unwrap()).unwrap();
        assert_eq!(b.subject, "zero copy");
    }
}
