use alloc::vec::Vec;

use super::*;
use crate::response::Payload;

fn c(s: &str) -> Message<'_> {
    classify_comment(s.as_bytes())
}

/// Created, updated, missing, not found by name, not shown, not created.
#[test]
fn comment_objects() {
    assert_eq!(
        c("# Ticket 7 created."),
        Message::Created {
            object: "Ticket",
            id: "7"
        }
    );
    assert_eq!(c("# Ticket 7 created.").id_number(), Some(7));
    assert_eq!(
        c("# User dave updated."),
        Message::Updated {
            object: "User",
            id: "dave"
        }
    );
    assert_eq!(
        c("# Ticket 999 does not exist."),
        Message::NotFound {
            object: "Ticket",
            id: "999"
        }
    );
    assert_eq!(
        c("# Attachment 99999 does not exist."),
        Message::NotFound {
            object: "Attachment",
            id: "99999"
        }
    );
    assert_eq!(
        c("# No user named nosuchuser exists."),
        Message::NoSuchName {
            object: "user",
            name: "nosuchuser"
        }
    );
    assert_eq!(
        c("# You are not allowed to display ticket 6."),
        Message::PermissionDenied {
            action: "display",
            ticket: "6"
        }
    );
    assert_eq!(
        c("# You are not allowed to Comment on ticket 6."),
        Message::PermissionDenied {
            action: "Comment",
            ticket: "6"
        }
    );
    assert_eq!(
        c("# Could not create ticket. Queue not set"),
        Message::CouldNotCreate {
            object: "ticket",
            reason: "Queue not set"
        }
    );
    assert_eq!(
        c("# Could not create user."),
        Message::CouldNotCreate {
            object: "user",
            reason: ""
        }
    );
}

/// Template and form fields: refused, unknown, single-valued, required.
#[test]
fn comment_fields() {
    assert_eq!(
        c("# Invalid custom field name (Nope)"),
        Message::InvalidCustomFieldName { name: "Nope" }
    );
    assert_eq!(
        c("# Bogus: Unknown field"),
        Message::UnknownField { key: "Bogus" }
    );
    assert_eq!(
        c("# bogus: Unknown field."),
        Message::UnknownField { key: "bogus" }
    );
    assert_eq!(
        c("# bogus: Unknown field: bogus"),
        Message::UnknownField { key: "bogus" }
    );
    assert_eq!(
        c("# cf-queue note: Unknown field."),
        Message::UnknownField {
            key: "cf-queue note"
        }
    );
    assert_eq!(
        c("# nope: Unknown custom field."),
        Message::UnknownCustomField { key: "nope" }
    );
    assert_eq!(
        c("# subject: subject may have only one value."),
        Message::OnlyOneValue { key: "subject" }
    );
    assert_eq!(
        c("# DependsOn: Ticket 999 does not exist."),
        Message::FieldError {
            key: "DependsOn",
            message: "Ticket 999 does not exist."
        }
    );
    assert_eq!(
        c("# Required: id, Queue"),
        Message::Required { keys: "id, Queue" }
    );
}

/// History listings and links.
#[test]
fn comment_history_and_links() {
    assert_eq!(
        c("# Links for ticket 3 updated."),
        Message::LinksUpdated { ticket: "3" }
    );
    assert_eq!(
        c("# 27/27 (/total)"),
        Message::HistoryHeader {
            matched: 27,
            total: 27,
            args: ""
        }
    );
    assert_eq!(
        c("# 1/3 (id/101/total)"),
        Message::HistoryHeader {
            matched: 1,
            total: 3,
            args: "id/101"
        }
    );
    assert_eq!(
        c("# Transaction 59 is not related to Ticket 1"),
        Message::NotRelated {
            transaction: "59",
            ticket: "1"
        }
    );
}

/// Comment, take, merge and status changes.
#[test]
fn comment_actions() {
    assert_eq!(
        c("# Invalid action: `Shout'."),
        Message::InvalidAction { action: "Shout" }
    );
    assert_eq!(
        c("# Owner changed from Nobody to root"),
        Message::OwnerChanged {
            from: "Nobody",
            to: "root"
        }
    );
    assert_eq!(c("# Merge completed."), Message::MergeCompleted);
    assert_eq!(
        c("# You can't change status from 'open' to 'open'."),
        Message::StatusMessage {
            message: "You can't change status from 'open' to 'open'."
        }
    );
}

/// The object path of the generic endpoints.
#[test]
fn comment_object_specs() {
    assert_eq!(
        c("# Invalid object specification: 'ticket/1,2/show'"),
        Message::InvalidObjectSpec {
            spec: "ticket/1,2/show"
        }
    );
    assert_eq!(
        c("# Objects of type attachment must be specified by numeric id."),
        Message::NumericIdRequired {
            object: "attachment"
        }
    );
}

/// Which messages are failures; unknown and non-UTF-8 text.
#[test]
fn comment_failures_and_unknown() {
    assert!(!c("# Comments added").is_failure());
    assert!(c("# Ticket 999 does not exist.").is_failure());
    assert_eq!(c("# \u{ff}").kind(), "other");
    assert_eq!(
        classify_comment(b"# \xff"),
        Message::Other { text: b"\xff" }
    );
}

#[test]
fn text_catalogue() {
    let t = |s: &'static str| classify_text(s.as_bytes());
    assert_eq!(t("No matching results.\n\n\n"), Message::NoMatchingResults);
    assert_eq!(
        t("Invalid object ID specified: 'ticket/1,,x-'\n"),
        Message::InvalidObjectIdSpecified { id: "ticket/1,,x-" }
    );
    assert_eq!(
        t("Unknown listing format: x. (Use i, s, or l.)\n\n\n"),
        Message::UnknownListingFormat { format: "x" }
    );
    assert_eq!(
        t("Invalid query: 'Wrong query\nStack:\n  [x]\n'.\n\n\n"),
        Message::InvalidQuery {
            text: "Wrong query\nStack:\n  [x]\n"
        }
    );
    assert_eq!(
        t("Ticket 6 refers to Ticket 1. Created link 6 RefersTo 1\n"),
        Message::LinkChanged {
            created: true,
            base: "6",
            relation: "RefersTo",
            target: "1",
            message: "Ticket 6 refers to Ticket 1."
        }
    );
    assert_eq!(
        t("/REST/1.0/ticket/link\nInvalid ticket id: 'x'.\n"),
        Message::InvalidTicketId {
            message: "Invalid ticket id: 'x'."
        }
    );
    assert_eq!(
        t("Cannot modify Queue CF definitions via REST"),
        Message::CannotModifyCustomFields { object: "Queue" }
    );
    assert_eq!(t("whatever"), Message::Other { text: b"whatever" });
}

/// Plain payloads are read by the catalogue the parser uses: the core
/// reads them as text (never `Invalid link` as a field), and the views
/// classify them with their placeholders.
#[test]
fn plain_payloads_through_the_parser() {
    let cases: &[(&[u8], Message<'_>)] = &[
        (
            b"RT/5.0.3 400 Bad Request\n\nInvalid link: 'Foo'.\n\n",
            Message::InvalidLink { relation: "Foo" },
        ),
        (
            b"RT/4.4.6 200 Ok\n\nTicket 1 refers to URI a: b. Created link 1 RefersTo a: b\n",
            Message::LinkChanged {
                created: true,
                base: "1",
                relation: "RefersTo",
                target: "a: b",
                message: "Ticket 1 refers to URI a: b.",
            },
        ),
        (
            b"RT/5.0.3 400 Bad Request\n\n/REST/1.0/ticket/merge\nInvalid ticket id: `x'.\n\n",
            Message::InvalidTicketId {
                message: "Invalid ticket id: `x'.",
            },
        ),
        (
            b"RT/5.0.3 403 Permission denied\n\nYou are not allowed to modify ticket 6.\n\n",
            Message::PermissionDenied {
                action: "modify",
                ticket: "6",
            },
        ),
        (
            b"RT/5.0.3 401 Credentials required\n\nUse RT's login page to log in\n",
            Message::LoginPageRequired,
        ),
        (
            b"RT/5.0.3 400 Bad Request\n\nEmpty form submitted.\n\n",
            Message::EmptyForm,
        ),
    ];
    for (body, want) in cases {
        let r = crate::parse_response(body).unwrap();
        let env = r.envelopes().next().unwrap();
        assert!(matches!(env.payload(), Payload::Text(_)), "{body:?}");
        let got: Vec<Message<'_>> = Reply::from_response(&r)
            .messages
            .iter()
            .map(|n| n.message)
            .collect();
        assert_eq!(got, [*want]);
        assert!(want.is_failure() != matches!(want, Message::LinkChanged { .. }));
    }
}

/// A text that starts like a family but lacks its shape stays `Other`; no
/// later family is tried.
#[test]
fn comment_malformed_family_is_other() {
    assert_eq!(
        c("# No user exists."),
        Message::Other {
            text: b"No user exists."
        }
    );
    assert_eq!(
        c("# Links 3 created."),
        Message::Other {
            text: b"Links 3 created."
        }
    );
    assert_eq!(
        c("# No attachment for x exists."),
        Message::Other {
            text: b"No attachment for x exists."
        }
    );
    // `<Kind> <id> <verb>.` needs an id and nothing after the verb.
    assert!(matches!(c("# Ticket 5 created."), Message::Created { .. }));
    assert!(!matches!(c("# Ticket  created."), Message::Created { .. }));
    assert!(!matches!(
        c("# Ticket 5 created. Yes"),
        Message::Created { .. }
    ));
}

/// `<key>: <message>` is a field's error when the key looks like one: no
/// space in it, or a custom field's name (which may hold spaces); never an
/// empty key.
#[test]
fn comment_field_errors_need_a_key() {
    let field = |s| match c(s) {
        Message::FieldError { key, .. } => Some(key),
        _ => None,
    };
    assert_eq!(field("# Priority: Illegal value"), Some("Priority"));
    assert_eq!(field("# CF Due Date: bad value"), Some("CF Due Date"));
    assert_eq!(field("# cf due date: bad value"), Some("cf due date"));
    assert_eq!(field("# Some words: bad value"), None);
    assert_eq!(field("# : bad value"), None);
    assert_eq!(c("# Could not complete the merge."), Message::MergeFailed);
}
