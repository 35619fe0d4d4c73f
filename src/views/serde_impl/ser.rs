//! The building blocks of the views' `Serialize`: bytes that may not be
//! UTF-8, snake-case keys, records.

use alloc::borrow::Cow;
use alloc::string::String;

use base64::Engine as _;
use serde::Serialize;
use serde::ser::{Error as _, SerializeMap, SerializeSeq, Serializer};

use super::super::record::{RawValue, Record};

/// Bytes that serialize as a string when they are UTF-8, else as a map
/// `{"base64": "…"}` (standard alphabet, padded), so that no byte is lost:
/// the rule every view follows for text (feature `serde`).
///
/// ```
/// use rt_wire::views::Utf8OrBase64;
/// assert_eq!(serde_json::to_string(&Utf8OrBase64(b"caf\xc3\xa9")).unwrap(), r#""café""#);
/// assert_eq!(serde_json::to_string(&Utf8OrBase64(b"\xff")).unwrap(), r#"{"base64":"/w=="}"#);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Utf8OrBase64<'b>(pub &'b [u8]);

pub(crate) use Utf8OrBase64 as Bytes;

impl Serialize for Utf8OrBase64<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match core::str::from_utf8(self.0) {
            Ok(t) => s.serialize_str(t),
            Err(_) => {
                let mut m = s.serialize_map(Some(1))?;
                let b64 = base64::engine::general_purpose::STANDARD.encode(self.0);
                m.serialize_entry("base64", &b64)?;
                m.end()
            }
        }
    }
}

/// `Some` bytes as [`Bytes`], `None` as `null`.
pub(crate) fn opt_bytes(b: Option<&[u8]>) -> Option<Bytes<'_>> {
    b.map(Bytes)
}

/// A list of byte strings, each as [`Bytes`].
pub(crate) struct ByteList<I>(pub I);

impl<'b, I: Iterator<Item = &'b [u8]> + Clone> Serialize for ByteList<I> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(None)?;
        for b in self.0.clone() {
            seq.serialize_element(&Bytes(b))?;
        }
        seq.end()
    }
}

/// RT's field name in snake case: `AdminCc` → `admin_cc`, `SLADisabled` →
/// `sla_disabled`, `CF-Queue Note` → `cf_queue_note`. Bytes that are not
/// UTF-8 are replaced (a map key must be a string).
pub(crate) fn snake(key: &[u8]) -> String {
    let mut out = String::with_capacity(key.len() + 4);
    let text = String::from_utf8_lossy(key);
    let chars: alloc::vec::Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_uppercase() {
            let prev = i.checked_sub(1).map(|p| chars[p]);
            let next = chars.get(i + 1);
            let boundary = prev.is_some_and(|p| p.is_lowercase() || p.is_ascii_digit())
                || (prev.is_some_and(char::is_uppercase) && next.is_some_and(|n| n.is_lowercase()));
            if boundary && !out.ends_with('_') {
                out.push('_');
            }
            out.extend(c.to_lowercase());
        } else if c == '-' || c == ' ' || c == '.' {
            if !out.ends_with('_') && !out.is_empty() {
                out.push('_');
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A map key that may not be UTF-8, replaced where it is not.
pub(crate) fn lossy(key: &[u8]) -> Cow<'_, str> {
    String::from_utf8_lossy(key)
}

impl Serialize for RawValue<'_> {
    /// The decoded value: a string if UTF-8, else `{"base64": …}`.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Bytes(&self.to_bytes()).serialize(s)
    }
}

impl Serialize for Record<'_> {
    /// The record shape without a known object type: snake-case keys, every
    /// value its text (`id` too), custom fields in `custom_fields`.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        record_as(self, None, &[], s)
    }
}

/// Serializes `rec` in the record shape: `id` as a number where it is
/// `<kind>/<n>` (with `kind` given), the keys `lists` as arrays of their
/// items, custom fields in `custom_fields` as arrays of values, everything
/// else as text.
pub(crate) fn record_as<S: Serializer>(
    rec: &Record<'_>,
    kind: Option<&str>,
    lists: &[&str],
    s: S,
) -> Result<S::Ok, S::Error> {
    let mut m = s.serialize_map(None)?;
    record_entries(&mut m, rec, kind, lists)?;
    m.end()
}

/// The entries of [`record_as`], into an open map (to which the caller may
/// add its own).
pub(crate) fn record_entries<M: SerializeMap>(
    m: &mut M,
    rec: &Record<'_>,
    kind: Option<&str>,
    lists: &[&str],
) -> Result<(), M::Error> {
    for f in rec.fields() {
        let key = f.key();
        if f.field().custom_field_name().is_some() {
            continue;
        }
        let name = snake(key);
        match kind {
            Some(kind) if key == b"id" => match f.id_number(kind) {
                Ok(n) => m.serialize_entry(&name, &n)?,
                Err(_) => m.serialize_entry(&name, &f)?,
            },
            _ if lists.iter().any(|l| l.as_bytes() == key) => {
                m.serialize_entry(&name, &ByteList(f.items()))?;
            }
            _ => m.serialize_entry(&name, &f)?,
        }
    }
    m.serialize_entry("custom_fields", &CustomFields(rec))
}

/// The custom fields of a record: name → array of values.
struct CustomFields<'r, 'a>(&'r Record<'a>);

impl Serialize for CustomFields<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        for cf in self.0.custom_fields() {
            let values = cf.values().map_err(S::Error::custom)?;
            m.serialize_entry(&lossy(cf.name), &values)?;
        }
        m.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_keys() {
        for (k, s) in [
            ("AdminCc", "admin_cc"),
            ("LastUpdated", "last_updated"),
            ("SLADisabled", "sla_disabled"),
            ("id", "id"),
            ("CF-Queue Note", "cf_queue_note"),
            ("Address1", "address1"),
            ("DependedOnBy", "depended_on_by"),
            // One `_` for a run of separators, none at the start.
            ("CF-Queue  Note", "cf_queue_note"),
            (" -Note", "note"),
        ] {
            assert_eq!(snake(k.as_bytes()), s);
        }
    }
}
