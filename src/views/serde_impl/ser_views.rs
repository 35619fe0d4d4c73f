//! `Serialize` for the views: the shapes `rt-wire parse --as KIND` prints.

use serde::Serialize;
use serde::ser::{Error as _, SerializeMap, SerializeSeq, Serializer};

use super::super::{
    Attachment, AttachmentContent, AttachmentItem, AttachmentList, CustomFieldList, Header,
    History, HistoryAttachment, HistoryEntry, Lang, Links, Relation, SearchResults, SearchRow,
    Ticket, TicketList,
};
use super::ser::{ByteList, Bytes, lossy, opt_bytes, record_as, record_entries, snake};

impl Serialize for Ticket<'_> {
    /// The record shape: `id` a number, `requestors`, `cc`, `admin_cc`
    /// arrays, `custom_fields`; then `dates`, each date field RT printed
    /// read in any language (see [`TicketList::in_lang`] for one language,
    /// and the module's documentation for the shape).
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        ticket_as(self, None, s)
    }
}

/// A ticket in the record shape with its `dates`, read in `lang` when given.
fn ticket_as<S: Serializer>(t: &Ticket<'_>, lang: Option<Lang>, s: S) -> Result<S::Ok, S::Error> {
    let mut m = s.serialize_map(None)?;
    let lists = ["Requestors", "Cc", "AdminCc"];
    record_entries(&mut m, t.record(), Some("ticket"), &lists)?;
    m.serialize_entry("dates", &TicketDates { ticket: t, lang })?;
    m.end()
}

/// A ticket's `dates`: each of [`Ticket::DATES`] RT printed, in snake case,
/// as [`When::json_text`] writes it (`null` when not set); a date that does
/// not read is a serialization error naming the field.
struct TicketDates<'t, 'a> {
    ticket: &'t Ticket<'a>,
    lang: Option<Lang>,
}

impl Serialize for TicketDates<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        for key in Ticket::DATES {
            let when = match self.lang {
                None => self.ticket.user_date(key),
                Some(lang) => self.ticket.user_date_in(key, lang),
            };
            let Some(when) = when.map_err(S::Error::custom)? else {
                continue;
            };
            let text = when
                .json_text()
                .map_err(|e| S::Error::custom(format_args!("field `{key}`: {e}")))?;
            m.serialize_entry(&snake(key.as_bytes()), &text)?;
        }
        m.end()
    }
}

/// A [`TicketList`] whose tickets' `dates` are read in one language: what
/// [`TicketList::in_lang`] gives, to serialize (feature `serde`).
#[derive(Clone, Copy, Debug)]
pub struct TicketListIn<'l, 'a> {
    list: &'l TicketList<'a>,
    lang: Lang,
}

impl<'a> TicketList<'a> {
    /// The list to serialize with its tickets' `dates` read as printed for an
    /// RT user of language `lang` (see [`parse_user_date_in`](crate::views::parse_user_date_in)),
    /// what `rt-wire parse --as ticket --lang LANG` prints; the list itself
    /// serializes its dates read in any language.
    ///
    /// ```
    /// use rt_wire::parse_response;
    /// use rt_wire::views::{Lang, TicketList};
    /// let r = parse_response("RT/5.0.3 200 Ok\n\nid: ticket/1\nDue: Do., 24. Dez. 2026 10:00:00\nTold: Nicht angegeben\n\n".as_bytes()).unwrap();
    /// let list = TicketList::from_response(&r).unwrap();
    /// let json = serde_json::to_value(list.in_lang(Lang::new("de").unwrap())).unwrap();
    /// assert_eq!(json["tickets"][0]["dates"], serde_json::json!({"due": "2026-12-24T10:00:00", "told": null}));
    /// assert!(serde_json::to_string(&list.in_lang(Lang::new("ja").unwrap())).is_err());
    /// ```
    #[must_use]
    pub fn in_lang<'l>(&'l self, lang: Lang) -> TicketListIn<'l, 'a> {
        TicketListIn { list: self, lang }
    }
}

impl Serialize for TicketListIn<'_, '_> {
    /// `{"tickets": […], "messages": […]}`, as [`TicketList`].
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        struct Tickets<'r, 'a>(&'r [Ticket<'a>], Lang);
        impl Serialize for Tickets<'_, '_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                struct One<'r, 'a>(&'r Ticket<'a>, Lang);
                impl Serialize for One<'_, '_> {
                    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                        ticket_as(self.0, Some(self.1), s)
                    }
                }
                let mut seq = s.serialize_seq(Some(self.0.len()))?;
                for t in self.0 {
                    seq.serialize_element(&One(t, self.1))?;
                }
                seq.end()
            }
        }
        let mut m = s.serialize_map(Some(2))?;
        m.serialize_entry("tickets", &Tickets(&self.list.tickets, self.lang))?;
        m.serialize_entry("messages", &self.list.messages)?;
        m.end()
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
                "custom_fields": {"T": ["a", "b,c"]}, "dates": {}}], "messages": []})
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
        let body = b"RT/5.0.3 200 Ok\n\nid: ticket/1/attachments\nAttachments: 3: (Unnamed) (text/plain / 1.5k),\n             4: a.txt (text/plain / 2b)\n\n";
        let r = parse_response(body).unwrap();
        assert_eq!(
            value(&AttachmentList::from_response(&r).unwrap()),
            json!({"attachments": [{"id": 3, "name": null, "content_type": "text/plain", "size": "1.5k"},
                {"id": 4, "name": "a.txt", "content_type": "text/plain", "size": "2b"}]})
        );
        let r = parse_response(b"RT/5.0.3 200 Ok\n\n# Ticket 7 created.\n\n").unwrap();
        assert_eq!(
            value(&Reply::from_response(&r)),
            json!({"code": 200, "reason": "Ok", "failure": false, "messages": [
                {"kind": "created", "object": "ticket", "id": 7, "text": "Ticket 7 created."}]})
        );
    }

    #[test]
    fn ticket_dates() {
        use crate::views::Lang;
        let body = "RT/5.0.3 200 Ok\n\nid: ticket/1\nCreated: Mon Nov 30 05:02:46 2026\n\
            Starts: Thu, 24 Dec 2026 09:00:00 GMT\nStarted: 20261224T090000Z\n\
            Due: 2027-01-05T17:30:00+01:00\nResolved: Nicht angegeben\n\
            Told: Do., 24. Dez. 2026 10:00:00\nLastUpdated: 2026-12-24 10:00\n\n";
        let r = parse_response(body.as_bytes()).unwrap();
        let list = TicketList::from_response(&r).unwrap();
        let want = json!({"created": "2026-11-30T05:02:46", "starts": "2026-12-24T09:00:00Z",
            "started": "2026-12-24T09:00:00Z", "due": "2027-01-05T17:30:00", "resolved": null,
            "told": "2026-12-24T10:00:00", "last_updated": "2026-12-24T10:00:00"});
        assert_eq!(value(&list)["tickets"][0]["dates"], want);
        let de = value(&list.in_lang(Lang::new("de").unwrap()));
        assert_eq!(de["tickets"][0]["dates"], want);
        assert_eq!(de["messages"], json!([]));
        // The fields themselves stay the text RT sent.
        assert_eq!(
            value(&list)["tickets"][0]["told"],
            "Do., 24. Dez. 2026 10:00:00"
        );
        // Not a Japanese date: an error naming the field, never another date.
        let e = serde_json::to_string(&list.in_lang(Lang::new("ja").unwrap())).unwrap_err();
        assert!(alloc::format!("{e}").contains("`Told`"), "{e}");
    }

    #[test]
    fn a_malformed_date_is_an_error() {
        for due in ["Someday 12", "Thu, 24 Dec 2026", "2026-13-01 00:00:00"] {
            let body = alloc::format!("RT/5.0.3 200 Ok\n\nid: ticket/1\nDue: {due}\n\n");
            let r = parse_response(body.as_bytes()).unwrap();
            let list = TicketList::from_response(&r).unwrap();
            let e = serde_json::to_string(&list).unwrap_err();
            assert!(alloc::format!("{e}").contains("Due"), "{due}: {e}");
        }
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
