//! The JSON of `rt-wire parse`: the status line, every form (comments,
//! fields as `[name, decoded value]` pairs in input order, the `>>` echo of
//! a 409), and the payload that is not forms as `text`.

use rt_wire::views::Utf8OrBase64 as Bytes;
use rt_wire::{BodyKind, Form, Payload, Response, StatusLine};
use serde::Serialize;
use serde::ser::{SerializeMap, SerializeSeq, Serializer};

/// `{"status": …, "forms": […], "text": …}`.
pub struct ParseJson<'r, 'a>(pub &'r Response<'a>);

impl Serialize for ParseJson<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let r = self.0;
        let mut m = s.serialize_map(Some(3))?;
        m.serialize_entry("status", &r.status().map(Status))?;
        m.serialize_entry("forms", &Forms(r))?;
        m.serialize_entry("text", &text(r).as_deref().map(Bytes))?;
        m.end()
    }
}

/// `{"version", "code", "reason"}`.
struct Status<'a>(StatusLine<'a>);

impl Serialize for Status<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(3))?;
        m.serialize_entry("version", self.0.version())?;
        m.serialize_entry("code", &self.0.code())?;
        m.serialize_entry("reason", self.0.reason())?;
        m.end()
    }
}

struct Forms<'r, 'a>(&'r Response<'a>);

impl Serialize for Forms<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(None)?;
        for form in self.0.forms() {
            seq.serialize_element(&FormJson(form))?;
        }
        seq.end()
    }
}

/// `{"comments": […], "fields": [[name, value], …]}`, and `"echo"` when the
/// form has one.
struct FormJson<'r, 'a>(Form<'r, 'a>);

impl Serialize for FormJson<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let form = &self.0;
        let comments: Vec<Bytes<'_>> = form.comments().map(Bytes).collect();
        let values: Vec<_> = form
            .fields()
            .map(|f| (f.key(), f.value().to_bytes()))
            .collect();
        let fields: Vec<(Bytes<'_>, Bytes<'_>)> =
            values.iter().map(|(k, v)| (Bytes(k), Bytes(v))).collect();
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("comments", &comments)?;
        m.serialize_entry("fields", &fields)?;
        if let Some(e) = form.echo() {
            m.serialize_entry("echo", &Bytes(e))?;
        }
        m.end()
    }
}

/// The payloads that are not forms, in order (a text body whole); `None`
/// when there is none, `Some("")` for an empty body.
fn text(r: &Response<'_>) -> Option<Vec<u8>> {
    let mut text: Vec<u8> = Vec::new();
    let mut any_text = r.kind() == BodyKind::Empty;
    if r.kind() == BodyKind::Text {
        text.extend_from_slice(r.input());
        any_text = true;
    }
    for env in r.envelopes() {
        if let Payload::Text(t) | Payload::Raw(t) = env.payload() {
            text.extend_from_slice(t);
            any_text = true;
        }
    }
    any_text.then_some(text)
}
