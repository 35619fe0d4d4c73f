//! `Serialize` for the views: the shapes `rt-wire parse --as KIND` prints.

use serde::Serialize;
use serde::ser::{Error as _, SerializeMap, Serializer};

use super::super::{
    Attachment, AttachmentContent, AttachmentItem, AttachmentList, CustomFieldList, Header,
    History, HistoryAttachment, HistoryEntry, Links, Relation, SearchResults, SearchRow, Ticket,
};
use super::ser::{ByteList, Bytes, lossy, opt_bytes, record_as, snake};

impl Serialize for Ticket<'_> {
    /// The record shape: `id` a number, `requestors`, `cc`, `admin_cc`
    /// arrays, `custom_fields`.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        record_as(
            self.record(),
            Some("ticket"),
            &["Requestors", "Cc", "AdminCc"],
            s,
        )
    }
}

impl Serialize for Links<'_> {
    /// `{"id": <ticket>, "depends_on": […], "depended_on_by": […], …}`: every
    /// relation, each an array of the targets as printed.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(1 + Relation::ALL.len()))?;
        m.serialize_entry("id", &self.ticket().map_err(S::Error::custom)?)?;
        for r in Relation::ALL {
            let items = self.record().items(r.key());
            m.serialize_entry(&snake(r.key().as_bytes()), &ByteList(items.iter().copied()))?;
        }
        m.end()
    }
}

impl Serialize for AttachmentList<'_> {
    /// `{"attachments": […]}`.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(1))?;
        m.serialize_entry("attachments", &self.items)?;
        m.end()
    }
}

impl Serialize for AttachmentItem<'_> {
    /// `{"id", "name" (`null` when RT prints none), "content_type", "size"}`,
    /// the size as RT prints it (`1.5k`).
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(4))?;
        m.serialize_entry("id", &self.id)?;
        m.serialize_entry("name", &opt_bytes(self.name))?;
        m.serialize_entry("content_type", self.content_type)?;
        m.serialize_entry("size", self.size_text)?;
        m.end()
    }
}

impl Serialize for Attachment<'_> {
    /// `{"id", "subject", "filename", "content_type", "content_encoding",
    /// "creator", "created", "message_id" (`null` when absent),
    /// "transaction", "parent", "headers", "content", "original"}`:
    /// `original` is the attachment's original bytes, `null` when they
    /// cannot be had (see [`Attachment::original_bytes`]).
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("id", &self.id().map_err(S::Error::custom)?)?;
        for (key, rt) in [
            ("subject", "Subject"),
            ("filename", "Filename"),
            ("content_type", "ContentType"),
            ("content_encoding", "ContentEncoding"),
            ("creator", "Creator"),
            ("created", "Created"),
            ("message_id", "MessageId"),
        ] {
            m.serialize_entry(key, &self.record().get(rt))?;
        }
        let transaction = self.transaction().map_err(S::Error::custom)?;
        m.serialize_entry("transaction", &transaction)?;
        m.serialize_entry("parent", &self.parent().map_err(S::Error::custom)?)?;
        m.serialize_entry("headers", &self.headers())?;
        m.serialize_entry("content", &self.content().map_err(S::Error::custom)?)?;
        let original = self.original_bytes().ok();
        m.serialize_entry("original", &original.as_ref().map(|o| Bytes(&o.bytes)))?;
        m.end()
    }
}

impl Serialize for Header<'_> {
    /// `{"name", "value"}`.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(2))?;
        m.serialize_entry("name", &Bytes(self.name))?;
        m.serialize_entry("value", &Bytes(&self.value))?;
        m.end()
    }
}

impl Serialize for AttachmentContent<'_> {
    /// The content's bytes as text (or `{"base64": …}`).
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Bytes(self.bytes).serialize(s)
    }
}

impl Serialize for History<'_> {
    /// `{"matched", "total", "entries": [{"id", "description"}, …]}`.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(3))?;
        m.serialize_entry("matched", &self.header.matched)?;
        m.serialize_entry("total", &self.header.total)?;
        m.serialize_entry("entries", &self.entries)?;
        m.end()
    }
}

impl Serialize for HistoryEntry<'_> {
    /// `{"id", <every field in snake case>, "attachments"}`: `ticket` and
    /// `time_taken` as numbers (as text when they are not), `attachments`
    /// only when RT sent the field.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("id", &self.id().map_err(S::Error::custom)?)?;
        for f in self.record.fields() {
            let key = f.key();
            if key == b"id" || key == b"Attachments" {
                continue;
            }
            let name = snake(key);
            let number = (key == b"Ticket" || key == b"TimeTaken")
                .then(|| f.number().ok())
                .flatten();
            match number {
                Some(n) => m.serialize_entry(&name, &n)?,
                None => m.serialize_entry(&name, &f)?,
            }
        }
        if self.record.get("Attachments").is_some() {
            let list = self.attachments().map_err(S::Error::custom)?;
            m.serialize_entry("attachments", &list)?;
        }
        m.end()
    }
}

impl Serialize for HistoryAttachment<'_> {
    /// `{"id", "name", "size"}`, the size as RT prints it.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(3))?;
        m.serialize_entry("id", &self.id)?;
        m.serialize_entry("name", &Bytes(self.name))?;
        m.serialize_entry("size", self.size_text)?;
        m.end()
    }
}

impl Serialize for SearchResults<'_> {
    /// `{"tickets": […]}`, the rows in RT's order.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(1))?;
        m.serialize_entry("tickets", &self.rows)?;
        m.end()
    }
}

impl Serialize for SearchRow<'_> {
    /// `{"id", "type", "subject", <the fields of `fields=` in snake case>}`;
    /// `type` and `subject` only where the format has them.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("id", &self.id)?;
        if let Some(k) = self.kind {
            m.serialize_entry("type", k)?;
        }
        if let Some(summary) = &self.summary {
            m.serialize_entry("subject", &Bytes(summary))?;
        }
        for (k, v) in &self.fields {
            m.serialize_entry(&snake(k), &Bytes(v))?;
        }
        m.end()
    }
}

impl Serialize for CustomFieldList<'_> {
    /// `{"id": "queue/1", "custom_fields": {<name as printed>: <value>}}`:
    /// the owner as printed, and each custom field's value (empty, or its
    /// type under `format=l`) as text.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        struct Fields<'r, 'a>(&'r CustomFieldList<'a>);
        impl Serialize for Fields<'_, '_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut m = s.serialize_map(None)?;
                for f in self.0.fields() {
                    m.serialize_entry(&lossy(f.key()), &f)?;
                }
                m.end()
            }
        }
        let mut m = s.serialize_map(Some(2))?;
        m.serialize_entry("id", &self.record().get("id"))?;
        m.serialize_entry("custom_fields", &Fields(self))?;
        m.end()
    }
}

/// The user, queue and group views: the record shape with `id` a number and
/// `members` an array.
macro_rules! object_serialize {
    ($($name:ident $kind:literal),*) => {
        $(
            impl Serialize for super::super::$name<'_> {
                /// The record shape: `id` a number, `members` an array,
                /// `custom_fields`.
                fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                    record_as(self.record(), Some($kind), &["Members"], s)
                }
            }
        )*
    };
}

object_serialize!(User "user", Queue "queue", Group "group");

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use crate::parse_response;
    use crate::views::{AttachmentList, Group, LongHistory, Reply, TicketList};

    fn value<T: serde::Serialize>(v: &T) -> Value {
        serde_json::to_value(v).unwrap()
    }

    #[test]
    fn the_shapes_of_rt_wire_parse_as() {
        let body = b"RT/5.0.3 200 Ok\n\nid: ticket/1\nSubject: \xff\nAdminCc: a@x, b@x\nCF.{T}: a,'b,c'\n\n";
        let r = parse_response(body).unwrap();
        assert_eq!(
            value(&TicketList::from_response(&r).unwrap()),
            json!({"tickets": [{"id": 1, "subject": {"base64": "/w=="}, "admin_cc": ["a@x", "b@x"],
                "custom_fields": {"T": ["a", "b,c"]}}], "messages": []})
        );
        let r = parse_response(b"RT/5.0.3 200 Ok\n\nid: group/2\nMembers: a, b\n\n").unwrap();
        assert_eq!(
            value(&Group::from_response(&r).unwrap()),
            json!({"id": 2, "members": ["a", "b"], "custom_fields": {}})
        );
        let body = b"RT/5.0.3 200 Ok\n\nid: 12\nTicket: 7\nTimeTaken: 5\nType: Comment\nAttachments: \n             41: untitled (0b)\n\n";
        let r = parse_response(body).unwrap();
        assert_eq!(
            value(&LongHistory::from_response(&r).unwrap()),
            json!({"entries": [{"id": 12, "ticket": 7, "time_taken": 5, "type": "Comment",
                "attachments": [{"id": 41, "name": "untitled", "size": "0b"}]}]})
        );
        let body = b"RT/5.0.3 200 Ok\n\nid: ticket/1/attachments\nAttachments: 3: (Unnamed) (text/plain / 1.5k)\n\n";
        let r = parse_response(body).unwrap();
        assert_eq!(
            value(&AttachmentList::from_response(&r).unwrap()),
            json!({"attachments": [{"id": 3, "name": null, "content_type": "text/plain", "size": "1.5k"}]})
        );
        let r = parse_response(b"RT/5.0.3 200 Ok\n\n# Ticket 7 created.\n\n").unwrap();
        assert_eq!(
            value(&Reply::from_response(&r)),
            json!({"code": 200, "reason": "Ok", "failure": false, "messages": [
                {"kind": "created", "object": "ticket", "id": 7, "text": "Ticket 7 created."}]})
        );
    }

    #[test]
    fn a_malformed_value_is_an_error() {
        let body = b"RT/5.0.3 200 Ok\n\nid: ticket/1\nCF.{T}: \xff\n\n";
        let r = parse_response(body).unwrap();
        let list = TicketList::from_response(&r).unwrap();
        let e = serde_json::to_string(&list).unwrap_err();
        assert!(alloc::format!("{e}").contains("UTF-8"), "{e}");
    }
}
