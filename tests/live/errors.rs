//! RT's refusals.

use crate::*;

/// Every refusal, typed.
pub(crate) fn errors(live: &mut Live, a: u64, user: &str, pass: &str) {
    unauthenticated(live, a, user, pass);
    missing_ticket(live, a);
    unknown_field(live, a);
    unknown_custom_field(live, a);
    empty_comment(live, a);
    invalid_value(live, a);
    syntax_error(live, a);
    merge_into_missing(live, a);
    unparsable_search(live);
    logout_ends_session(live, a);
}

/// No credentials, and a wrong password.
fn unauthenticated(live: &mut Live, a: u64, user: &str, pass: &str) {
    // No credentials.
    let anon = Client::builder(&live.url).build().unwrap();
    let path = read::ticket(a);
    live.endpoints.insert(endpoint("read", &path));
    let body = unauthorized(anon.get_raw(&path));
    let e = refusal(TicketList::from_response(&object(&body)), &body);
    check_eq!(
        live,
        e.status(),
        Some(Status::Unauthorized),
        "{}",
        lossy(&body)
    );
    check_eq!(live, e.code(), Some(401), "{}", lossy(&body));
    check!(live, e.reply.messages.is_empty(), "{}", lossy(&body));

    // A wrong password.
    let wrong = format!("{pass}-wrong");
    let bad = Client::new(&live.url, user, wrong).unwrap();
    let body = unauthorized(bad.get_raw(&path));
    let e = refusal(TicketList::from_response(&object(&body)), &body);
    check_eq!(
        live,
        e.status(),
        Some(Status::Unauthorized),
        "{}",
        lossy(&body)
    );
    check_eq!(
        live,
        e.message().map(|n| n.message),
        Some(Message::BadCredentials),
        "{}",
        lossy(&body)
    );
}

/// A missing ticket: read, comment, links.
fn missing_ticket(live: &mut Live, a: u64) {
    let missing = MISSING.to_string();
    let body = live.show(MISSING);
    let e = refusal(TicketList::from_response(&object(&body)), &body);
    check_eq!(
        live,
        e.message().map(|n| n.message),
        Some(Message::NotFound {
            object: "Ticket",
            id: &missing
        }),
        "{}",
        lossy(&body)
    );
    let body = live.write(
        &TicketComment::comment(MISSING, "to nowhere")
            .build()
            .unwrap(),
    );
    let e = reply(&body).check().unwrap_err();
    check_eq!(
        live,
        e.status(),
        Some(Status::BadRequest),
        "{}",
        lossy(&body)
    );
    check_eq!(
        live,
        e.message().map(|n| n.message),
        Some(Message::NotFound {
            object: "Ticket",
            id: &missing
        }),
        "{}",
        lossy(&body)
    );
    let body = live.read(&read::ticket_attachment(a, MISSING));
    let e = refusal(Attachment::from_response(&object(&body)), &body);
    check_eq!(
        live,
        e.message().map(|n| n.message),
        Some(Message::InvalidAttachmentId { id: &missing }),
        "{}",
        lossy(&body)
    );
}

/// An unknown field: on edit the other keys are applied, on create
/// nothing is created.
fn unknown_field(live: &mut Live, a: u64) {
    let body = live.write(
        &TicketEdit::new(a)
            .set("Bogus", "x")
            .priority(43)
            .build()
            .unwrap(),
    );
    let r = reply(&body);
    check_eq!(
        live,
        r.status_kind(),
        Some(Status::Conflict),
        "{}",
        lossy(&body)
    );
    let m = messages(&r);
    check!(
        live,
        m.contains(&Message::UnknownField { key: "bogus" }),
        "{m:?}"
    );
    check!(
        live,
        m.contains(&Message::Updated {
            object: "Ticket",
            id: &a.to_string()
        }),
        "{m:?}"
    );
    let shown = live.show(a);
    let list = view(TicketList::from_response(&object(&shown)), &shown);
    sent_eq!(
        live,
        ticket(&list, a).priority("Priority").unwrap(),
        Some(43),
        "the known field of the edit is applied\n{}",
        lossy(&shown)
    );
    let body = live.write(
        &TicketCreate::new("General")
            .subject("never created")
            .set("Bogus", "x")
            .build()
            .unwrap(),
    );
    let e = reply(&body).check().unwrap_err();
    check_eq!(live, e.status(), Some(Status::Conflict), "{}", lossy(&body));
    let m = messages(&e.reply);
    check!(
        live,
        matches!(
            m[0],
            Message::CouldNotCreate {
                object: "ticket",
                ..
            }
        ),
        "{m:?}"
    );
    check!(
        live,
        m.contains(&Message::UnknownField { key: "Bogus" }),
        "{m:?}"
    );
}

/// An unknown custom field: refused on edit, only reported on create.
fn unknown_custom_field(live: &mut Live, a: u64) {
    let nope = format!("Nope {}", live.tag);
    let body = live.write(&TicketEdit::new(a).custom_field(&nope, "y").build().unwrap());
    let e = reply(&body).check().unwrap_err();
    check_eq!(live, e.status(), Some(Status::Conflict), "{}", lossy(&body));
    let key = nope.to_lowercase();
    check_eq!(
        live,
        e.message().map(|n| n.message),
        Some(Message::UnknownCustomField { key: &key }),
        "{}",
        lossy(&body)
    );
    // On create an unknown custom field is only reported.
    let body = live.write(
        &TicketCreate::new("General")
            .subject("invalid custom field")
            .custom_field(&nope, "y")
            .build()
            .unwrap(),
    );
    let r = reply(&body);
    check!(
        live,
        !r.is_failure() && r.created_id().is_some(),
        "{}",
        lossy(&body)
    );
    check!(
        live,
        messages(&r).contains(&Message::InvalidCustomFieldName { name: &nope }),
        "{}",
        lossy(&body)
    );
}

/// An empty comment.
fn empty_comment(live: &mut Live, a: u64) {
    let body = live.write(&TicketComment::comment(a, "").build().unwrap());
    let e = reply(&body).check().unwrap_err();
    check_eq!(
        live,
        e.status(),
        Some(Status::BadRequest),
        "{}",
        lossy(&body)
    );
    check_eq!(
        live,
        e.message().map(|n| n.message),
        Some(Message::EmptyComment),
        "{}",
        lossy(&body)
    );
}

/// An invalid value.
fn invalid_value(live: &mut Live, a: u64) {
    let body = live.write(&TicketEdit::new(a).status("no-such-status").build().unwrap());
    let e = reply(&body).check().unwrap_err();
    check_eq!(live, e.status(), Some(Status::Conflict), "{}", lossy(&body));
    check!(
        live,
        matches!(
            e.message().map(|n| n.message),
            Some(Message::FieldError { key: "Status", .. })
        ),
        "{}",
        lossy(&body)
    );
}

/// A syntax error: a `#` line after a field, which the encoder cannot
/// produce, sent as raw content.
fn syntax_error(live: &mut Live, a: u64) {
    let subject = |live: &mut Live| {
        let body = live.show(a);
        let list = view(TicketList::from_response(&object(&body)), &body);
        text_of(ticket(&list, a), "Subject")
    };
    let before = subject(live);
    let path = format!("ticket/{a}/edit");
    let raw = format!("id: ticket/{a}\nSubject: never applied\n# not allowed here\n");
    let body = live.write_raw(&path, raw.as_bytes());
    let e = reply(&body).check().unwrap_err();
    check_eq!(live, e.status(), Some(Status::Conflict), "{}", lossy(&body));
    match e.message().map(|n| n.message) {
        Some(Message::SyntaxError { echoed, rejected }) => {
            check_eq!(
                live,
                lossy(rejected),
                ">> # not allowed here",
                "{}",
                lossy(&body)
            );
            check!(
                live,
                lossy(echoed).contains("Subject: never applied"),
                "{}",
                lossy(&body)
            );
        }
        other => panic!("expected a syntax error, got {other:?}\n{}", lossy(&body)),
    }
    // Nothing of a form with a syntax error is applied.
    let after = subject(live);
    check_eq!(live, after, before, "the subject after a refused edit");
}

/// A merge into a missing ticket.
fn merge_into_missing(live: &mut Live, a: u64) {
    let missing = MISSING.to_string();
    let body = live.write(&merge(a, MISSING));
    let e = reply(&body).check().unwrap_err();
    // Without `content` RT reports merge errors under 200.
    check_eq!(live, e.status(), Some(Status::Ok), "{}", lossy(&body));
    check!(
        live,
        matches!(
            e.message().map(|n| n.message),
            Some(Message::NotFound { object: "Ticket", id }) if id == missing
        ),
        "{}",
        lossy(&body)
    );
}

/// A search RT cannot parse.
fn unparsable_search(live: &mut Live) {
    let body = live.read(&Search::new(ObjectType::Ticket, "Subject = ").to_url());
    let e = refusal(
        SearchResults::from_response(&parse(&body, Framing::Search)),
        &body,
    );
    check_eq!(
        live,
        e.status(),
        Some(Status::BadRequest),
        "{}",
        lossy(&body)
    );
    check!(
        live,
        matches!(
            e.message().map(|n| n.message),
            Some(Message::InvalidQuery { .. })
        ),
        "{}",
        lossy(&body)
    );
}

/// Logout ends the session: the cookie no longer works.
fn logout_ends_session(live: &mut Live, a: u64) {
    let body = live.write(&logout());
    let r = object(&body);
    check_eq!(
        live,
        r.status().map(|s| s.code()),
        Some(200),
        "{}",
        lossy(&body)
    );
    let path = read::ticket(a);
    live.endpoints.insert(endpoint("read", &path));
    let body = unauthorized(live.rt.get_raw(&path));
    let e = refusal(TicketList::from_response(&object(&body)), &body);
    check_eq!(
        live,
        e.status(),
        Some(Status::Unauthorized),
        "{}",
        lossy(&body)
    );
}
