//! Ticket show: one ticket, and the tickets of a show or search.

use alloc::vec::Vec;

use super::super::ViewError;
use super::super::message::Notice;
use super::super::record::{CustomField, RawValue, Record, collect, empty_body, shape};
use super::super::values::{Lang, RtDate, TicketStatus, UserZone, When};
use crate::error::{ErrorKind, ParseError};
use crate::response::Response;

/// One ticket of `ticket/<n>`, `show?id=ticket/…` or a `format=l` search
///. With `fields=` only the requested keys are present, so every
/// accessor but [`Ticket::id`] returns `Option`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ticket<'a> {
    record: Record<'a>,
}

impl<'a> Ticket<'a> {
    /// The ticket's fields.
    #[must_use]
    pub fn record(&self) -> &Record<'a> {
        &self.record
    }

    /// The number of `id: ticket/<n>` (for a merged ticket, the surviving id).
    ///
    /// # Errors
    /// No `id`, or not `ticket/<n>`.
    pub fn id(&self) -> Result<u64, ParseError> {
        self.record.id_number("ticket")
    }

    /// `Queue` (the queue's name).
    #[must_use]
    pub fn queue(&self) -> Option<RawValue<'a>> {
        self.record.get("Queue")
    }

    /// `Owner` (a user name).
    #[must_use]
    pub fn owner(&self) -> Option<RawValue<'a>> {
        self.record.get("Owner")
    }

    /// `Creator` (a user name).
    #[must_use]
    pub fn creator(&self) -> Option<RawValue<'a>> {
        self.record.get("Creator")
    }

    /// `Subject`.
    #[must_use]
    pub fn subject(&self) -> Option<RawValue<'a>> {
        self.record.get("Subject")
    }

    /// `Status`, classified.
    ///
    /// # Errors
    /// The status is not UTF-8.
    pub fn status(&self) -> Result<Option<TicketStatus<'a>>, ParseError> {
        self.record.map("Status", |v| {
            v.as_str().map(TicketStatus::parse).ok_or_else(|| {
                ParseError::view(v.field().value().raw(), 0, ErrorKind::Utf8, "a status")
                    .rebase(self.record.input(), v.offset())
            })
        })
    }

    /// `Priority`, `InitialPriority` or `FinalPriority` (`key`) as a number.
    ///
    /// # Errors
    /// Not a number.
    pub fn priority(&self, key: &str) -> Result<Option<u64>, ParseError> {
        self.record.number(key)
    }

    /// `Requestors` (e-mail addresses of user watchers).
    #[must_use]
    pub fn requestors(&self) -> Vec<&'a [u8]> {
        self.record.items("Requestors")
    }

    /// `Cc`.
    #[must_use]
    pub fn cc(&self) -> Vec<&'a [u8]> {
        self.record.items("Cc")
    }

    /// `AdminCc`.
    #[must_use]
    pub fn admin_cc(&self) -> Vec<&'a [u8]> {
        self.record.items("AdminCc")
    }

    /// The keys of a ticket's date fields, in RT's order.
    pub const DATES: [&'static str; 7] = [
        "Created",
        "Starts",
        "Started",
        "Due",
        "Resolved",
        "Told",
        "LastUpdated",
    ];

    /// The keys of a ticket's duration fields, in RT's order.
    pub const DURATIONS: [&'static str; 3] = ["TimeEstimated", "TimeWorked", "TimeLeft"];

    /// A date field (one of [`Ticket::DATES`]).
    ///
    /// # Errors
    /// Not a date RT prints (the raw text stays available from
    /// [`Record::get`]).
    pub fn date(&self, key: &str) -> Result<Option<RtDate>, ParseError> {
        self.record.date(key)
    }

    /// A date field (one of [`Ticket::DATES`]) with its zone: the RT user's,
    /// in any format and language RT prints, with the offset it printed.
    ///
    /// # Errors
    /// Not a date RT prints: the error names the field, the text and the
    /// formats tried.
    pub fn user_date(&self, key: &str) -> Result<Option<When<UserZone>>, ParseError> {
        self.record.date_in::<UserZone>(key)
    }

    /// A date field (one of [`Ticket::DATES`]) printed for an RT user of
    /// language `lang`: as [`Ticket::user_date`], with the localized formats
    /// read in that language only (see
    /// [`parse_user_date_in`](crate::views::parse_user_date_in)).
    ///
    /// # Errors
    /// Not a date RT prints in that language: the error names the field, the
    /// text and the formats tried.
    pub fn user_date_in(
        &self,
        key: &str,
        lang: Lang,
    ) -> Result<Option<When<UserZone>>, ParseError> {
        self.record.map(key, |v| v.user_date_in(lang))
    }

    /// A duration field in minutes (one of [`Ticket::DURATIONS`]).
    ///
    /// # Errors
    /// Not `0` or `<n> minutes`.
    pub fn minutes(&self, key: &str) -> Result<Option<u64>, ParseError> {
        self.record.minutes(key)
    }

    /// The custom fields (`CF.{Name}`), in RT's order.
    pub fn custom_fields(&self) -> impl Iterator<Item = CustomField<'a>> + '_ {
        self.record.custom_fields()
    }

    /// The custom field `name`.
    #[must_use]
    pub fn custom_field(&self, name: &str) -> Option<CustomField<'a>> {
        self.record.custom_field(name)
    }
}

/// The tickets of a show or `format=l` search, with the messages of the forms
/// that were not tickets (`# Ticket 999 does not exist.`).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct TicketList<'a> {
    /// The tickets, in RT's order.
    pub tickets: Vec<Ticket<'a>>,
    /// Messages of the other forms.
    pub messages: Vec<Notice<'a>>,
}

impl<'a> TicketList<'a> {
    /// Reads every form whose `id` is `ticket/<n>`, in every envelope.
    ///
    /// # Errors
    /// [`ViewError::Server`] if RT refused or every form is a failure
    /// message; [`ViewError::Shape`] for a body with forms but no ticket.
    pub fn from_response(response: &Response<'a>) -> Result<Self, ViewError<'a>> {
        empty_body(response, "a ticket form")?;
        let c = collect(response)?;
        if let Some(e) = c.failure(response) {
            return Err(e);
        }
        let input = response.input();
        let mut tickets = Vec::new();
        for form in &c.forms {
            let record = Record::from_form(input, form);
            let is_ticket = record
                .get("id")
                .and_then(|v| v.object_ref().ok())
                .is_some_and(|r| r.kind == "ticket" && r.rest.is_none() && r.number().is_some());
            if is_ticket {
                tickets.push(Ticket { record });
            }
        }
        if tickets.is_empty() && !c.forms.is_empty() {
            if let Some(e) = c.any_failure(response) {
                return Err(e);
            }
            let at = c.forms[0].span().start;
            return Err(shape(response, at, "a form with `id: ticket/<n>`").into());
        }
        Ok(TicketList {
            tickets,
            messages: c.notices,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse_response;
    use crate::views::Message;

    const SHOW: &[u8] = b"RT/5.0.3+dfsg-3~deb12u6 200 Ok\n\nid: ticket/6\nQueue: General\nOwner: Nobody\nCreator: root\nSubject: Multi-line test \xc3\xbcn\xc3\xafcode\nStatus: new\nPriority: 7\nInitialPriority: 0\nFinalPriority: 0\n\nRequestors: alice@example.com, bob@example.com, carol@example.com,\n            user3@example.com, user4@example.com\n\nCc: user5@example.com\nAdminCc:\nCreated: Sat Nov 28 23:37:01 2026\nStarts: Not set\nStarted: Not set\nDue: Thu Dec 24 10:00:00 2026\nResolved: Not set\nTold: Not set\nLastUpdated: Sat Nov 28 23:37:01 2026\nTimeEstimated: 90 minutes\nTimeWorked: 0\nTimeLeft: 0\nCF.{Single Line}: hello world\nCF.{Multi Select}: alpha,'beta,gamma'\n\nCF.{Notes Text}: note line 1\n    note line 2\n\nCF.{Very Long Custom Field Name For Wrapping}: \nCF.{Colon: Field}: \n\n";

    #[test]
    fn ticket_show_section_9_1() {
        let r = parse_response(SHOW).unwrap();
        let list = TicketList::from_response(&r).unwrap();
        assert_eq!(list.tickets.len(), 1);
        let t = &list.tickets[0];
        assert_eq!(t.id().unwrap(), 6);
        assert_eq!(t.queue().unwrap().as_str(), Some("General"));
        assert_eq!(t.status().unwrap(), Some(TicketStatus::New));
        assert_eq!(t.priority("Priority").unwrap(), Some(7));
        assert_eq!(t.requestors().len(), 5);
        assert_eq!(t.requestors()[3], b"user3@example.com");
        assert_eq!(t.cc(), [&b"user5@example.com"[..]]);
        assert!(t.admin_cc().is_empty());
        assert_eq!(t.date("Starts").unwrap(), Some(RtDate::NotSet));
        assert_eq!(t.date("Due").unwrap().unwrap().at().unwrap().day, 24);
        assert_eq!(t.minutes("TimeEstimated").unwrap(), Some(90));
        let ms = t.custom_field("Multi Select").unwrap();
        assert_eq!(ms.values().unwrap(), ["alpha", "beta,gamma"]);
        let notes = t.custom_field("Notes Text").unwrap();
        assert_eq!(notes.values().unwrap(), ["note line 1\nnote line 2"]);
        assert!(
            t.custom_field("Colon: Field")
                .unwrap()
                .values()
                .unwrap()
                .is_empty()
        );
        assert_eq!(t.custom_fields().count(), 5);
    }

    #[test]
    fn bad_values_point_into_the_response() {
        let body = b"RT/5.0.3 200 Ok\n\nid: ticket/6\nCreated: Sa 28. Nov\nTimeWorked: 2 hours minutes\n\n";
        let r = parse_response(body).unwrap();
        let list = TicketList::from_response(&r).unwrap();
        let t = &list.tickets[0];
        let e = t.date("Created").unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Value);
        assert_eq!(e.line(), 4);
        assert_eq!(e.column(), 10);
        assert!(alloc::format!("{e}").contains("field `Created`"), "{e}");
        assert!(alloc::format!("{e}").contains("`Sa 28. Nov`"), "{e}");
        assert!(t.user_date("Created").is_err());
        let e = t.minutes("TimeWorked").unwrap_err();
        assert_eq!((e.line(), e.column()), (5, 14));
        assert_eq!(
            t.record().get("Created").unwrap().as_str(),
            Some("Sa 28. Nov")
        );
    }

    #[test]
    fn missing_ticket_is_a_typed_error() {
        let r = parse_response(b"RT/5.0.3 200 Ok\n\n# Ticket 999 does not exist.\n\n\n").unwrap();
        match TicketList::from_response(&r) {
            Err(ViewError::Server(e)) => {
                assert_eq!(e.code(), Some(200));
                assert_eq!(
                    e.message().unwrap().message,
                    Message::NotFound {
                        object: "Ticket",
                        id: "999"
                    }
                );
            }
            other => panic!("{other:?}"),
        }
        // Several ids: the tickets and the failure.
        let body = b"RT/5.0.3 200 Ok\n\nid: ticket/1\nSubject: a\n\n--\n\n# Ticket 999 does not exist.\n\n\n";
        let r = parse_response(body).unwrap();
        let l = TicketList::from_response(&r).unwrap();
        assert_eq!(l.tickets.len(), 1);
        assert_eq!(l.messages[0].message.kind(), "not_found");
        // Wrong shape.
        let r = parse_response(b"RT/5.0.3 200 Ok\n\nid: user/1\nName: x\n\n").unwrap();
        assert!(matches!(
            TicketList::from_response(&r),
            Err(ViewError::Shape(_))
        ));
        let r = parse_response(b"").unwrap();
        assert!(matches!(
            TicketList::from_response(&r),
            Err(ViewError::Shape(_))
        ));
        let r = parse_response(b"RT/5.0.3 401 Credentials required\n").unwrap();
        match TicketList::from_response(&r) {
            Err(ViewError::Server(e)) => {
                assert_eq!(e.status(), Some(crate::views::Status::Unauthorized));
            }
            other => panic!("{other:?}"),
        }
    }
}
