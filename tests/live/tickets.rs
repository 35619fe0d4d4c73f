//! The run's tickets: the main one with everything a create form can carry,
//! the others, and a show of several.

use crate::*;

/// What the suite sent for the main ticket.
pub(crate) struct Sent {
    pub(crate) subject: String,
    pub(crate) text: &'static str,
    pub(crate) requestors: Vec<String>,
    pub(crate) cc: Vec<String>,
    pub(crate) admin_cc: Vec<String>,
    pub(crate) single: &'static str,
    pub(crate) colon: &'static str,
    pub(crate) braces: &'static str,
    pub(crate) notes: &'static str,
    pub(crate) unicode: &'static str,
    pub(crate) multi: Vec<&'static str>,
    pub(crate) starts: &'static str,
    pub(crate) due: &'static str,
}

/// Creates the main ticket with everything a create form can carry and
/// reads it back.
pub(crate) fn main_ticket(live: &mut Live) -> (u64, Sent) {
    let sent = main_ticket_values(&live.tag);
    let a = create_main_ticket(live, &sent);
    read_main_ticket_back(live, a, &sent);
    (a, sent)
}

/// Hostile text for every field of the main ticket: quotes, tabs, Unicode,
/// lines that look like keys, separators and comments.
fn main_ticket_values(tag: &str) -> Sent {
    Sent {
        subject: format!("Ünïcode ✓ {tag} «live» 'single' \"double\" 日本語 — tab\there"),
        text: "First line of the ticket ✓\n\n  indented by two\n\tand a tab\n# x\n--\n\
               Key: value\n-- \nsignature\n\n\nlast line",
        requestors: vec![
            format!("req1-{tag}@example.com"),
            format!("req2-{tag}@example.com"),
        ],
        cc: vec![
            format!("cc1-{tag}@example.com"),
            format!("cc2-{tag}@example.com"),
        ],
        admin_cc: vec![format!("admin-{tag}@example.com")],
        single: "value: with a colon and {braces}",
        colon: "colon field ✓",
        braces: "{braced} (paren) value",
        notes: "note line 1\n  indented note\n\nafter a blank line",
        unicode: "Wert ✓ ü 日本",
        multi: vec![
            "alpha",
            "beta,gamma",
            "it's",
            "back\\slash",
            "say \"hi\", twice",
        ],
        starts: "2030-01-02 03:04:05",
        due: "2030-12-24 10:00:00",
    }
}

/// `ticket/new` with every value of `sent`, dates, priorities, times and
/// a file.
fn create_main_ticket(live: &mut Live, sent: &Sent) -> u64 {
    let create_file = Upload::new(
        "create-note.txt",
        "text/plain",
        &b"attached at create\n"[..],
    )
    .expect("a file");
    let req = TicketCreate::new("General")
        .subject(sent.subject.as_str())
        .text(sent.text)
        .requestors(sent.requestors.iter().map(String::as_str))
        .cc(sent.cc.iter().map(String::as_str))
        .admin_cc(sent.admin_cc.iter().map(String::as_str))
        .custom_field("Single Line", sent.single)
        .custom_field("Colon: Field", sent.colon)
        .custom_field("Braces {x} (y)", sent.braces)
        .custom_field("Notes Text", sent.notes)
        .custom_field("Ünïcode Feld", sent.unicode)
        .custom_field_values("Multi Select", sent.multi.iter().copied())
        .priority(7)
        .initial_priority(3)
        .final_priority(90)
        .time_estimated(90)
        .time_left(30)
        .starts(sent.starts)
        .due(sent.due)
        .attachment(create_file);
    live.create_ticket(&req)
}

/// `ticket/<n>` and `ticket/<n>/show` agree and give back every value sent.
fn read_main_ticket_back(live: &mut Live, a: u64, sent: &Sent) {
    let body = live.show(a);
    let bare = live.read(&format!("ticket/{a}"));
    check_eq!(
        live,
        lossy(&bare),
        lossy(&body),
        "RT answers ticket/<n> and ticket/<n>/show alike"
    );
    let list = view(TicketList::from_response(&object(&body)), &body);
    check_eq!(live, list.tickets.len(), 1, "{}", lossy(&body));
    let t = ticket(&list, a);
    let b = lossy(&body);
    check_core_fields(live, t, sent, &b);
    check_dates_and_times(live, t, sent, &b);
    check_custom_fields(live, t, sent, &b);
}

/// Subject, queue, owner, status, priorities and watchers.
fn check_core_fields(live: &mut Live, t: &Ticket<'_>, sent: &Sent, b: &str) {
    sent_eq!(live, text_of(t, "Subject"), sent.subject, "{b}");
    sent_eq!(live, text_of(t, "Queue"), "General", "{b}");
    // Set by RT, not sent.
    check_eq!(live, text_of(t, "Owner"), "Nobody", "{b}");
    check_eq!(live, t.status().unwrap(), Some(TicketStatus::New), "{b}");
    sent_eq!(live, t.priority("Priority").unwrap(), Some(7), "{b}");
    sent_eq!(live, t.priority("InitialPriority").unwrap(), Some(3), "{b}");
    sent_eq!(live, t.priority("FinalPriority").unwrap(), Some(90), "{b}");
    sent_eq!(
        live,
        set_of(t.requestors()),
        strings(&sent.requestors),
        "{b}"
    );
    sent_eq!(live, set_of(t.cc()), strings(&sent.cc), "{b}");
    sent_eq!(live, set_of(t.admin_cc()), strings(&sent.admin_cc), "{b}");
}

/// The dates and durations set at create, and those RT sets itself: the
/// time of the create, compared with the time of the request.
fn check_dates_and_times(live: &mut Live, t: &Ticket<'_>, sent: &Sent, b: &str) {
    sent_eq!(
        live,
        t.date("Starts").unwrap(),
        Some(sent_date(sent.starts)),
        "{b}"
    );
    sent_eq!(
        live,
        t.date("Due").unwrap(),
        Some(sent_date(sent.due)),
        "{b}"
    );
    check_eq!(
        live,
        t.date("Resolved").unwrap(),
        Some(RtDate::NotSet),
        "{b}"
    );
    live.stamped_now_in_user_zone(t.date("Created").unwrap(), "Created", b);
    live.stamped_now_in_user_zone(t.date("LastUpdated").unwrap(), "LastUpdated", b);
    sent_eq!(live, t.minutes("TimeEstimated").unwrap(), Some(90), "{b}");
    sent_eq!(live, t.minutes("TimeLeft").unwrap(), Some(30), "{b}");
    check_eq!(live, t.minutes("TimeWorked").unwrap(), Some(0), "{b}");
}

/// Every custom field, single- and multi-valued, exactly as sent.
fn check_custom_fields(live: &mut Live, t: &Ticket<'_>, sent: &Sent, b: &str) {
    for (name, want) in [
        ("Single Line", sent.single),
        ("Colon: Field", sent.colon),
        ("Braces {x} (y)", sent.braces),
        ("Notes Text", sent.notes),
        ("Ünïcode Feld", sent.unicode),
    ] {
        let cf = t
            .custom_field(name)
            .unwrap_or_else(|| panic!("CF {name} missing\n{b}"));
        sent_eq!(live, cf.values().unwrap(), vec![want], "CF {name}\n{b}");
    }
    let multi = t.custom_field("Multi Select").expect("CF Multi Select");
    sent_eq!(
        live,
        strings(multi.values().unwrap()),
        strings(&sent.multi),
        "{b}"
    );
}

/// The other tickets of the run.
pub(crate) struct Others {
    pub(crate) b: u64,
    pub(crate) parent: u64,
    pub(crate) merge_from: u64,
    pub(crate) merge_into: u64,
    pub(crate) subjects: BTreeMap<u64, String>,
    pub(crate) requestors: BTreeMap<u64, String>,
    /// The text each was created with.
    pub(crate) texts: BTreeMap<u64, String>,
}

pub(crate) fn other_tickets(live: &mut Live) -> Others {
    let tag = live.tag.clone();
    let mut subjects = BTreeMap::new();
    let mut requestors = BTreeMap::new();
    let mut texts = BTreeMap::new();
    let mut make = |live: &mut Live, what: &str| {
        let subject = format!("{what} {tag}");
        let requestor = format!("{what}-{tag}@example.com");
        let text = format!("Body of {what}");
        let id = live.create_ticket(
            &TicketCreate::new("General")
                .subject(subject.as_str())
                .requestors([requestor.as_str()])
                .text(text.as_str()),
        );
        texts.insert(id, text);
        subjects.insert(id, subject);
        requestors.insert(id, requestor);
        id
    };
    let b = make(live, "second");
    let parent = make(live, "parent");
    let merge_from = make(live, "merge-source");
    let merge_into = make(live, "merge-target");
    Others {
        b,
        parent,
        merge_from,
        merge_into,
        subjects,
        requestors,
        texts,
    }
}

/// The text of ticket `b`, from its create transaction, and the time of
/// that transaction.
fn other_ticket_text(live: &mut Live, o: &Others) {
    let body = live.read(&read::ticket_history(o.b, true));
    let h = view(LongHistory::from_response(&object(&body)), &body);
    let b = lossy(&body);
    let create = h
        .entries
        .iter()
        .find(|e| e.kind() == Some(TransactionType::Create))
        .unwrap_or_else(|| panic!("no create transaction\n{b}"));
    sent_eq!(
        live,
        create.content().map(|c| c.to_str().unwrap().into_owned()),
        Some(o.texts[&o.b].clone()),
        "{b}"
    );
    live.stamped_now(create.record.date("Created").unwrap(), "create", &b);
}

/// `show?id=ticket/<a>,<b>,…` with and without `fields=`.
pub(crate) fn show_several(live: &mut Live, a: u64, sent: &Sent, o: &Others) {
    let ids = [a, o.b, o.parent];
    let body = live.read(&read::show(ObjectType::Ticket, &ids, &[]));
    let list = view(TicketList::from_response(&object(&body)), &body);
    let got: Vec<u64> = list.tickets.iter().map(|t| t.id().unwrap()).collect();
    // The ids asked for, in the order asked.
    check_eq!(live, got, ids.to_vec(), "{}", lossy(&body));
    sent_eq!(live, text_of(&list.tickets[0], "Subject"), sent.subject, "");
    for t in &list.tickets[1..] {
        let id = t.id().unwrap();
        sent_eq!(live, text_of(t, "Subject"), o.subjects[&id], "{id}");
        sent_eq!(
            live,
            set_of(t.requestors()),
            strings([&o.requestors[&id]]),
            "{id}"
        );
    }

    let fields = [
        FieldName::try_from("Subject").unwrap(),
        FieldName::custom_field("Colon: Field").unwrap(),
        FieldName::custom_field("Braces {x} (y)").unwrap(),
    ];
    other_ticket_text(live, o);

    let body = live.read(&read::show(ObjectType::Ticket, &[a, o.b], &fields));
    let list = view(TicketList::from_response(&object(&body)), &body);
    check_eq!(live, list.tickets.len(), 2, "{}", lossy(&body));
    let t = ticket(&list, a);
    sent_eq!(
        live,
        text_of(t, "Subject"),
        sent.subject,
        "{}",
        lossy(&body)
    );
    sent_eq!(
        live,
        t.custom_field("Colon: Field").map(|c| c.values().unwrap()),
        Some(vec![sent.colon.into()]),
        "{}",
        lossy(&body)
    );
    sent_eq!(
        live,
        t.custom_field("Braces {x} (y)")
            .map(|c| c.values().unwrap()),
        Some(vec![sent.braces.into()]),
        "{}",
        lossy(&body)
    );
    check!(live, t.record().get("Status").is_none(), "{}", lossy(&body));
}
