//! The classification of `#` comment lines, by family of
//! messages, in a fixed order.

use nom::{
    IResult,
    bytes::complete::{tag, take_until, take_while1},
    character::complete::{char, u64 as dec_u64},
    combinator::rest,
};

use super::Message;

type R<'a, T> = IResult<&'a str, T>;

/// `created = kind SP id " created."` and the other `<Kind> <id> <verb>.` lines.
fn kind_id_verb<'a>(verb: &'static str) -> impl FnMut(&'a str) -> R<'a, (&'a str, &'a str)> {
    move |i| {
        let (i, kind) = take_while1(|c: char| c.is_ascii_alphabetic())(i)?;
        let (i, _) = char(' ')(i)?;
        let (i, id) = take_until(verb)(i)?;
        let (i, _) = tag(verb)(i)?;
        if id.is_empty() || !i.is_empty() {
            return Err(nom::Err::Error(nom::error::Error::new(
                i,
                nom::error::ErrorKind::Verify,
            )));
        }
        Ok((i, (kind, id)))
    }
}

/// `history-header = 1*DIGIT "/" 1*DIGIT " (" args "/total)"`
fn history_header(i: &str) -> R<'_, Message<'_>> {
    let (i, matched) = dec_u64(i)?;
    let (i, _) = char('/')(i)?;
    let (i, total) = dec_u64(i)?;
    let (i, _) = tag(" (")(i)?;
    let (i, args) = rest(i)?;
    match args.strip_suffix("/total)") {
        Some(args) => Ok((
            "",
            Message::HistoryHeader {
                matched,
                total,
                args,
            },
        )),
        None => Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Tag,
        ))),
    }
}

fn between<'a>(text: &'a str, pre: &str, post: &str) -> Option<&'a str> {
    text.strip_prefix(pre)?.strip_suffix(post)
}

/// Classifies one `#` comment line (with or without its `# `).
///
/// ```
/// use rt_wire::views::{classify_comment, Message};
/// assert_eq!(
///     classify_comment(b"# Ticket 7 created."),
///     Message::Created { object: "Ticket", id: "7" }
/// );
/// assert_eq!(classify_comment(b"# something new"), Message::Other { text: b"something new" });
/// ```
#[must_use]
pub fn classify_comment(line: &[u8]) -> Message<'_> {
    let body = line
        .strip_prefix(b"# ")
        .or_else(|| line.strip_prefix(b"#"))
        .unwrap_or(line);
    match core::str::from_utf8(body) {
        Ok(text) => classify_comment_text(text).unwrap_or(Message::Other { text: body }),
        Err(_) => Message::Other { text: body },
    }
}

/// What one family of patterns makes of a comment text: `None` when the text
/// is not of the family (the next family is tried); `Some(message)` when it
/// is, with `message` `None` when the text starts like the family but does
/// not have its shape (it then stays [`Message::Other`], no later family is
/// tried).
type Step<'a> = Option<Option<Message<'a>>>;

/// The families are tried in this order; the first that claims the text
/// decides.
fn classify_comment_text(t: &str) -> Option<Message<'_>> {
    fixed_text(t)
        .or_else(|| history(t))
        .or_else(|| object_outcome(t))
        .or_else(|| request_outcome(t))
        .or_else(|| object_spec(t))
        .or_else(|| field_message(t))
        .flatten()
}

/// Whole texts (merge, comment, take, edit) and RT core's status-change
/// messages.
fn fixed_text(t: &str) -> Step<'_> {
    let fixed = match t {
        "Empty comment with no attachments submitted." => Some(Message::EmptyComment),
        "Comments added" => Some(Message::CommentAdded),
        "Correspondence added" => Some(Message::CorrespondenceAdded),
        "Merge completed." => Some(Message::MergeCompleted),
        "Could not complete the merge." => Some(Message::MergeFailed),
        "Please set the queue name." => Some(Message::QueueNameRequired),
        "Please resubmit with errors corrected." => Some(Message::ResubmitWithErrors),
        "No object ID specified." => Some(Message::NoObjectId),
        "That user already owns that ticket"
        | "You already own this ticket"
        | "You can only steal a ticket owned by someone else" => {
            Some(Message::TakeRefused { message: t })
        }
        _ => None,
    };
    if fixed.is_some() {
        return Some(fixed);
    }
    if t.starts_with("You can't change status from ") || t.starts_with("Status changed from ") {
        return Some(Some(Message::StatusMessage { message: t }));
    }
    None
}

/// The header of a history listing.
fn history(t: &str) -> Step<'_> {
    if let Ok((_, m)) = history_header(t) {
        return Some(Some(m));
    }
    None
}

/// What became of an object: created, updated, missing, not found by name,
/// not shown to the user, not created.
fn object_outcome(t: &str) -> Step<'_> {
    for (verb, make) in [
        (" created.", 0u8),
        (" updated.", 1),
        (" does not exist.", 2),
    ] {
        if let Ok((_, (object, id))) = kind_id_verb(verb)(t) {
            if object == "Links" {
                break;
            }
            return Some(Some(match make {
                0 => Message::Created { object, id },
                1 => Message::Updated { object, id },
                _ => Message::NotFound { object, id },
            }));
        }
    }
    if let Some(ticket) = between(t, "Links for ticket ", " updated.") {
        return Some(Some(Message::LinksUpdated { ticket }));
    }
    if let Some(r) = between(t, "No ", " exists.") {
        return Some(
            r.split_once(" named ")
                .map(|(object, name)| Message::NoSuchName { object, name }),
        );
    }
    if let Some(r) = t.strip_prefix("You are not allowed to ") {
        return Some(
            r.strip_suffix('.')
                .and_then(|r| {
                    r.split_once(" on ticket ")
                        .or_else(|| r.split_once(" ticket "))
                })
                .map(|(action, ticket)| Message::PermissionDenied { action, ticket }),
        );
    }
    if let Some(r) = t.strip_prefix("Could not create ") {
        return Some(
            r.split_once('.')
                .map(|(object, reason)| Message::CouldNotCreate {
                    object,
                    reason: reason.trim_start(),
                }),
        );
    }
    None
}

/// The outcome of a request's arguments or action: template fields, history
/// and attachment ids, comment and take.
fn request_outcome(t: &str) -> Step<'_> {
    if let Some(name) = between(t, "Invalid custom field name (", ")") {
        return Some(Some(Message::InvalidCustomFieldName { name }));
    }
    if let Some(keys) = t.strip_prefix("Required: ") {
        return Some(Some(Message::Required { keys }));
    }
    if let Some(r) = t.strip_prefix("Transaction ") {
        return Some(
            r.split_once(" is not related to Ticket ")
                .map(|(transaction, ticket)| Message::NotRelated {
                    transaction,
                    ticket,
                }),
        );
    }
    if let Some(id) = t.strip_prefix("Invalid attachment id: ") {
        return Some(Some(Message::InvalidAttachmentId { id }));
    }
    if let Some(action) = between(t, "Invalid action: `", "'.") {
        return Some(Some(Message::InvalidAction { action }));
    }
    if let Some(name) = t.strip_prefix("No attachment for ") {
        return Some(Some(Message::NoAttachment { name }));
    }
    if let Some(r) = t.strip_prefix("Owner changed from ") {
        return Some(
            r.split_once(" to ")
                .map(|(from, to)| Message::OwnerChanged { from, to }),
        );
    }
    None
}

/// The object path and the form of the generic `edit` endpoint.
fn object_spec(t: &str) -> Step<'_> {
    if let Some(object) = t.strip_prefix("Unknown object type: ") {
        return Some(Some(Message::UnknownObjectType { object }));
    }
    if let Some(object) = between(t, "Objects of type ", " must be specified by numeric id.") {
        return Some(Some(Message::NumericIdRequired { object }));
    }
    if let Some(spec) = between(t, "Invalid object specification: '", "'") {
        return Some(Some(Message::InvalidObjectSpec { spec }));
    }
    if let Some(id) = between(t, "Invalid object ID: '", "'") {
        return Some(Some(Message::InvalidObjectId { id }));
    }
    if t == "Syntax error." {
        return Some(Some(Message::SyntaxError {
            echoed: &[],
            rejected: &[],
        }));
    }
    None
}

/// `<key>: <message>`: a field of the submitted form was refused.
fn field_message(t: &str) -> Step<'_> {
    let (key, msg) = t.split_once(": ")?;
    if msg == "Unknown field." || msg == "Unknown field" || msg.starts_with("Unknown field: ") {
        return Some(Some(Message::UnknownField { key }));
    }
    if msg == "Unknown custom field." {
        return Some(Some(Message::UnknownCustomField { key }));
    }
    if msg.strip_suffix(" may have only one value.") == Some(key) {
        return Some(Some(Message::OnlyOneValue { key }));
    }
    let key_like =
        !key.is_empty() && (key.starts_with("CF") || key.starts_with("cf") || !key.contains(' '));
    if key_like {
        return Some(Some(Message::FieldError { key, message: msg }));
    }
    None
}
