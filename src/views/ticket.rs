//! Ticket show (spec §9.1), `…/new` templates (§9.2), links (§9.6), user,
//! queue and group (§9.16).

use alloc::vec::Vec;

use super::ViewError;
use super::message::{Message, Notice};
use super::record::{CustomField, RawValue, Record, collect, empty_body, shape};
use super::values::{LinkTarget, RtDate, TicketStatus};
use crate::error::{ErrorKind, ParseError};
use crate::response::Response;

/// One ticket of `ticket/<n>`, `show?id=ticket/…` or a `format=l` search
/// (spec §9.1). With `fields=` only the requested keys are present, so every
/// accessor but [`Ticket::id`] returns `Option`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize), serde(transparent))]
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
    /// Not one of RT's English date formats (the raw text stays available from
    /// [`Record::get`]).
    pub fn date(&self, key: &str) -> Result<Option<RtDate>, ParseError> {
        self.record.date(key)
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

/// The template of `ticket/new`, `user/new`, `queue/new`, `group/new`
/// (spec §9.2): default values and the required keys.
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

/// A link relation of `ticket/<n>/links` (spec §9.6).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub enum Relation {
    /// `DependsOn`
    DependsOn,
    /// `DependedOnBy`
    DependedOnBy,
    /// `RefersTo`
    RefersTo,
    /// `ReferredToBy`
    ReferredToBy,
    /// `Members` (the legacy endpoint's `HasMember`)
    Members,
    /// `MemberOf`
    MemberOf,
}

impl Relation {
    /// All relations in RT's order.
    pub const ALL: [Relation; 6] = [
        Relation::DependsOn,
        Relation::DependedOnBy,
        Relation::RefersTo,
        Relation::ReferredToBy,
        Relation::Members,
        Relation::MemberOf,
    ];

    /// The key RT prints.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Relation::DependsOn => "DependsOn",
            Relation::DependedOnBy => "DependedOnBy",
            Relation::RefersTo => "RefersTo",
            Relation::ReferredToBy => "ReferredToBy",
            Relation::Members => "Members",
            Relation::MemberOf => "MemberOf",
        }
    }
}

/// The links of a ticket (spec §9.6). Relations RT did not print are empty.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize), serde(transparent))]
pub struct Links<'a> {
    record: Record<'a>,
}

impl<'a> Links<'a> {
    /// Reads the form `id: ticket/<n>/links`.
    ///
    /// # Errors
    /// [`ViewError::Server`] if RT refused (`# Ticket 999 does not exist.`);
    /// [`ViewError::Shape`] for another form.
    pub fn from_response(response: &Response<'a>) -> Result<Self, ViewError<'a>> {
        empty_body(response, "a links form")?;
        let c = collect(response)?;
        if let Some(e) = c.failure(response) {
            return Err(e);
        }
        for form in &c.forms {
            let record = Record::from_form(response.input(), form);
            if record
                .get("id")
                .and_then(|v| v.object_ref().ok())
                .is_some_and(|r| r.rest == Some("links"))
            {
                return Ok(Links { record });
            }
        }
        Err(c
            .any_failure(response)
            .unwrap_or_else(|| shape(response, 0, "a form with `id: ticket/<n>/links`").into()))
    }

    /// The ticket number of `id: ticket/<n>/links`.
    ///
    /// # Errors
    /// The id is not of that form.
    pub fn ticket(&self) -> Result<u64, ParseError> {
        let v = self.record.require("id")?;
        let r = v.object_ref()?;
        r.number().ok_or_else(|| {
            ParseError::view(
                self.record.input(),
                v.offset(),
                ErrorKind::Value,
                "a ticket number",
            )
        })
    }

    /// The targets of one relation.
    ///
    /// # Errors
    /// A URI that is not UTF-8.
    pub fn get(&self, relation: Relation) -> Result<Vec<LinkTarget<'a>>, ParseError> {
        let mut out = Vec::new();
        for v in self.record.get_all(relation.key()) {
            out.extend(v.links()?);
        }
        Ok(out)
    }

    /// The fields.
    #[must_use]
    pub fn record(&self) -> &Record<'a> {
        &self.record
    }
}

macro_rules! object_view {
    ($(#[$meta:meta])* $name:ident, $kind:literal) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize), serde(transparent))]
        pub struct $name<'a> {
            record: Record<'a>,
        }

        impl<'a> $name<'a> {
            #[doc = concat!("Reads the form `id: ", $kind, "/<n>`.")]
            ///
            /// # Errors
            /// [`ViewError::Server`] if RT refused or reported a failure
            /// (`# No … named … exists.` comes with an `id` form and is still a
            /// failure); [`ViewError::Shape`] for another form.
            pub fn from_response(response: &Response<'a>) -> Result<Self, ViewError<'a>> {
                empty_body(response, concat!("a ", $kind, " form"))?;
                let c = collect(response)?;
                if let Some(e) = c.any_failure(response) {
                    return Err(e);
                }
                for form in &c.forms {
                    let record = Record::from_form(response.input(), form);
                    if record
                        .get("id")
                        .and_then(|v| v.object_ref().ok())
                        .is_some_and(|r| r.kind == $kind && r.rest.is_none())
                    {
                        return Ok($name { record });
                    }
                }
                Err(shape(response, 0, concat!("a form with `id: ", $kind, "/<n>`")).into())
            }

            #[doc = concat!("The number of `id: ", $kind, "/<n>`.")]
            ///
            /// # Errors
            /// The id is not numeric.
            pub fn id(&self) -> Result<u64, ParseError> {
                self.record.id_number($kind)
            }

            /// `Name`.
            #[must_use]
            pub fn name(&self) -> Option<RawValue<'a>> {
                self.record.get("Name")
            }

            /// `Disabled` (`1`/`0`).
            ///
            /// # Errors
            /// Not a number.
            pub fn disabled(&self) -> Result<Option<bool>, ParseError> {
                Ok(self.record.number("Disabled")?.map(|n| n != 0))
            }

            /// The custom fields (`CF-<Name>` lists).
            pub fn custom_fields(&self) -> impl Iterator<Item = CustomField<'a>> + '_ {
                self.record.custom_fields()
            }

            /// The fields.
            #[must_use]
            pub fn record(&self) -> &Record<'a> {
                &self.record
            }
        }
    };
}

object_view!(
    /// A user (`user/<id|name|email>`, spec §9.16). Only non-empty attributes
    /// are shown unless `format=l`.
    User,
    "user"
);
object_view!(
    /// A queue (`queue/<id|name>`, spec §9.16).
    Queue,
    "queue"
);
object_view!(
    /// A group (`group/<id>`, spec §9.16). `Members` only with
    /// `fields=members`.
    Group,
    "group"
);

impl<'a> User<'a> {
    /// `EmailAddress`.
    #[must_use]
    pub fn email_address(&self) -> Option<RawValue<'a>> {
        self.record.get("EmailAddress")
    }

    /// `RealName`.
    #[must_use]
    pub fn real_name(&self) -> Option<RawValue<'a>> {
        self.record.get("RealName")
    }

    /// `Privileged` (`1`/`0`; empty in a `format=l` show of an unprivileged
    /// user).
    ///
    /// # Errors
    /// Not a number.
    pub fn privileged(&self) -> Result<Option<bool>, ParseError> {
        Ok(self.record.number("Privileged")?.map(|n| n != 0))
    }
}

impl<'a> Queue<'a> {
    /// `Description`.
    #[must_use]
    pub fn description(&self) -> Option<RawValue<'a>> {
        self.record.get("Description")
    }
}

impl<'a> Group<'a> {
    /// `Description`.
    #[must_use]
    pub fn description(&self) -> Option<RawValue<'a>> {
        self.record.get("Description")
    }

    /// `Members` (`RealName <email>` and `GROUP [name] (…)` items), only
    /// present with `fields=members`.
    #[must_use]
    pub fn members(&self) -> Vec<&'a [u8]> {
        self.record.items("Members")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse_response;
    use crate::views::ViewError;

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
        let body = b"RT/5.0.3 200 Ok\n\nid: ticket/6\nCreated: Sa 28. Nov 2026\nTimeWorked: 2 hours minutes\n\n";
        let r = parse_response(body).unwrap();
        let list = TicketList::from_response(&r).unwrap();
        let t = &list.tickets[0];
        let e = t.date("Created").unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Value);
        assert_eq!(e.line(), 4);
        assert_eq!(e.column(), 10);
        let e = t.minutes("TimeWorked").unwrap_err();
        assert_eq!((e.line(), e.column()), (5, 14));
        assert_eq!(
            t.record().get("Created").unwrap().as_str(),
            Some("Sa 28. Nov 2026")
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
                assert_eq!(e.status(), Some(super::super::Status::Unauthorized));
            }
            other => panic!("{other:?}"),
        }
    }

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

    #[test]
    fn links_section_9_6() {
        let body = b"RT/5.0.3 200 Ok\n\nid: ticket/6/links\nDependsOn: fsck.com-rt://vm/ticket/2, fsck.com-rt://vm/ticket/3\nRefersTo: http://example.com/x, fsck.com-rt://vm/ticket/1\nMembers: fsck.com-rt://vm/ticket/4\nMemberOf: fsck.com-rt://vm/ticket/5\n\n";
        let r = parse_response(body).unwrap();
        let l = Links::from_response(&r).unwrap();
        assert_eq!(l.ticket().unwrap(), 6);
        let d: Vec<_> = l
            .get(Relation::DependsOn)
            .unwrap()
            .iter()
            .map(|t| t.ticket())
            .collect();
        assert_eq!(d, [Some(2), Some(3)]);
        assert_eq!(
            l.get(Relation::RefersTo).unwrap()[0],
            LinkTarget::Uri("http://example.com/x")
        );
        assert!(l.get(Relation::DependedOnBy).unwrap().is_empty());
    }

    #[test]
    fn user_queue_group_section_9_16() {
        let body = b"RT/5.0.3 200 Ok\n\nid: user/14\nPassword: ********\nName: root\nEmailAddress: root@localhost\nPrivileged: 1\nDisabled: 0\nCF-Dept: Sales, Support\n\n";
        let r = parse_response(body).unwrap();
        let u = User::from_response(&r).unwrap();
        assert_eq!(u.id().unwrap(), 14);
        assert_eq!(u.privileged().unwrap(), Some(true));
        assert_eq!(u.disabled().unwrap(), Some(false));
        let cf = u.custom_fields().next().unwrap();
        assert_eq!(cf.values().unwrap(), ["Sales", "Support"]);
        let r = parse_response(b"RT/5.0.3 200 Ok\n\n# No user named x exists.\n\nid: user/x\n\n")
            .unwrap();
        assert!(matches!(User::from_response(&r), Err(ViewError::Server(_))));
        let r = parse_response(b"RT/5.0.3 200 Ok\n\nid: queue/1\nName: General\n\n").unwrap();
        assert!(matches!(User::from_response(&r), Err(ViewError::Shape(_))));
        assert_eq!(Queue::from_response(&r).unwrap().id().unwrap(), 1);
        let body = b"RT/5.0.3 200 Ok\n\nid: group/27\nName: Staff\nMembers: Enoch Root <root@localhost>, <x@y>\n\n";
        let r = parse_response(body).unwrap();
        let g = Group::from_response(&r).unwrap();
        assert_eq!(g.members(), [&b"Enoch Root <root@localhost>"[..], b"<x@y>"]);
    }
}
