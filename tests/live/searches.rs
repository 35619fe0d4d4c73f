//! Searches.

use crate::objects::Person;
use crate::tickets::{Others, Sent};
use crate::*;

/// Ticket searches in every format; user and queue searches.
pub(crate) fn searches(live: &mut Live, a: u64, sent: &Sent, o: &Others, merged: u64, p: &Person) {
    let query = format!("Subject LIKE '{}'", live.tag);
    let mut want: BTreeMap<u64, String> = o.subjects.clone();
    want.remove(&merged);
    want.insert(a, sent.subject.clone());
    let ids: Vec<u64> = want.keys().copied().collect();
    let found = Found { query, want, ids };

    search_ids(live, &found);
    search_short(live, &found);
    let fields = vec![
        FieldName::try_from("Subject").unwrap(),
        FieldName::try_from("Status").unwrap(),
    ];
    search_table(live, &found, a, fields.clone());
    search_long(live, &found, a, sent, fields);
    search_descending(live, &found);
    search_nothing(live);
    search_users(live, p);
    search_queues(live);
}

/// The query for the run's tickets, and what it must find: their subjects
/// and ids (without the merged ticket).
struct Found {
    query: String,
    want: BTreeMap<u64, String>,
    ids: Vec<u64>,
}

impl Found {
    /// The query ordered by id, in `format`, with `fields`.
    fn search(&self, format: Option<Format>, fields: Vec<FieldName>) -> String {
        let mut s =
            Search::new(ObjectType::Ticket, self.query.as_str()).order_by(Order::Ascending, "id");
        if let Some(f) = format {
            s = s.format(f);
        }
        s.fields(fields).to_url()
    }
}

/// Format `i`: `ticket/<n>` lines.
fn search_ids(live: &mut Live, found: &Found) {
    let body = live.read(&found.search(Some(Format::Ids), vec![]));
    let s = view(
        SearchResults::from_response(&parse(&body, Framing::Search)),
        &body,
    );
    let b = lossy(&body);
    check_eq!(live, s.format, SearchFormat::Ids, "{b}");
    check_eq!(
        live,
        s.rows.iter().map(|r| r.id).collect::<Vec<_>>(),
        found.ids,
        "{b}"
    );
    check!(live, s.rows.iter().all(|r| r.kind == Some("ticket")), "{b}");
}

/// Format `s`: `<n>: <subject>` lines.
fn search_short(live: &mut Live, found: &Found) {
    let body = live.read(&found.search(Some(Format::Short), vec![]));
    let s = view(
        SearchResults::from_response(&parse(&body, Framing::Search)),
        &body,
    );
    let b = lossy(&body);
    check_eq!(live, s.format, SearchFormat::Short, "{b}");
    let got: BTreeMap<u64, String> = s
        .rows
        .iter()
        .map(|r| (r.id, lossy(r.summary.as_deref().unwrap_or_default())))
        .collect();
    sent_eq!(live, got, found.want, "{b}");
}

/// Format `s` with `fields=` is a table; RT does not escape tabs, so the
/// main ticket (whose subject holds one) is left out of this check.
fn search_table(live: &mut Live, found: &Found, a: u64, fields: Vec<FieldName>) {
    let body = live.read(&found.search(Some(Format::Short), fields));
    let s = view(
        SearchResults::from_response(&parse(&body, Framing::Search)),
        &body,
    );
    let b = lossy(&body);
    check_eq!(live, s.format, SearchFormat::Table, "{b}");
    check_eq!(
        live,
        s.header.iter().map(|h| lossy(h)).collect::<Vec<_>>(),
        ["id", "Subject", "Status"],
        "{b}"
    );
    for row in s.rows.iter().filter(|r| r.id != a) {
        sent_eq!(
            live,
            row.get("Subject").map(|v| lossy(v)),
            Some(found.want[&row.id].clone()),
            "{b}"
        );
        check_eq!(
            live,
            row.get("Status").map(|v| lossy(v)),
            Some("new".to_owned()),
            "{b}"
        );
    }
}

/// Format `l` with `fields=`: forms, read as search rows and as tickets.
fn search_long(live: &mut Live, found: &Found, a: u64, sent: &Sent, fields: Vec<FieldName>) {
    let mut long_fields = fields;
    long_fields.push(FieldName::custom_field("Colon: Field").unwrap());
    long_fields.push(FieldName::try_from("Requestors").unwrap());
    let body = live.read(&found.search(Some(Format::Long), long_fields));
    let s = view(
        SearchResults::from_response(&parse(&body, Framing::Search)),
        &body,
    );
    let b = lossy(&body);
    check_eq!(live, s.format, SearchFormat::Long, "{b}");
    check_eq!(
        live,
        s.rows.iter().map(|r| r.id).collect::<Vec<_>>(),
        found.ids,
        "{b}"
    );
    for row in &s.rows {
        sent_eq!(
            live,
            row.get("Subject").map(|v| lossy(v)),
            Some(found.want[&row.id].clone()),
            "{b}"
        );
    }
    let row = s.rows.iter().find(|r| r.id == a).unwrap();
    sent_eq!(
        live,
        row.get("CF.{Colon: Field}").map(|v| lossy(v)),
        Some(sent.colon.to_owned()),
        "{b}"
    );
    // Set to `open` by the edit.
    sent_eq!(
        live,
        row.get("Status").map(|v| lossy(v)),
        Some("open".to_owned()),
        "{b}"
    );
    // The same body read as tickets: the requestors (the subject is
    // compared above, from the same body).
    let r = parse(&body, Framing::Search);
    let list = view(TicketList::from_response(&r), &body);
    sent_eq!(
        live,
        set_of(ticket(&list, a).requestors()),
        strings(&sent.requestors),
        "{b}"
    );
}

/// Descending order.
fn search_descending(live: &mut Live, found: &Found) {
    let url = Search::new(ObjectType::Ticket, found.query.as_str())
        .order_by(Order::Descending, "id")
        .format(Format::Ids)
        .to_url();
    let body = live.read(&url);
    let s = view(
        SearchResults::from_response(&parse(&body, Framing::Search)),
        &body,
    );
    let mut desc = found.ids.clone();
    desc.reverse();
    check_eq!(
        live,
        s.rows.iter().map(|r| r.id).collect::<Vec<_>>(),
        desc,
        "{}",
        lossy(&body)
    );
}

/// Nothing found: format `s` and `i`.
fn search_nothing(live: &mut Live) {
    let none = format!("Subject = 'nothing {}'", live.tag);
    for (format, want_format) in [
        (Format::Short, SearchFormat::Short),
        (Format::Ids, SearchFormat::Ids),
    ] {
        let body = live.read(
            &Search::new(ObjectType::Ticket, none.as_str())
                .format(format)
                .to_url(),
        );
        let s = view(
            SearchResults::from_response(&parse(&body, Framing::Search)),
            &body,
        );
        check_eq!(
            live,
            (s.format, s.rows.len()),
            (want_format, 0),
            "{}",
            lossy(&body)
        );
    }
}

/// Users by name (format `s`) and by e-mail address (format `l`).
fn search_users(live: &mut Live, p: &Person) {
    let body = live.read(
        &Search::new(ObjectType::User, format!("Name = '{}'", p.name))
            .format(Format::Short)
            .to_url(),
    );
    let s = view(
        SearchResults::from_response(&parse(&body, Framing::Search)),
        &body,
    );
    let b = lossy(&body);
    check_eq!(live, s.rows.len(), 1, "{b}");
    check_eq!(live, s.rows[0].id, p.id, "{b}");
    // The name the query asked for.
    check_eq!(
        live,
        s.rows[0].get("Name").map(|v| lossy(v)),
        Some(p.name.clone()),
        "{b}"
    );
    let body = live.read(
        &Search::new(ObjectType::User, format!("EmailAddress = '{}'", p.email))
            .format(Format::Long)
            .to_url(),
    );
    let s = view(
        SearchResults::from_response(&parse(&body, Framing::Search)),
        &body,
    );
    let b = lossy(&body);
    check_eq!(
        live,
        s.rows.iter().map(|r| r.id).collect::<Vec<_>>(),
        vec![p.id],
        "{b}"
    );
    sent_eq!(
        live,
        s.rows[0].get("RealName").map(|v| lossy(v)),
        Some("Renamed Person ✓".to_owned()),
        "{b}"
    );
}

/// Queues by name (format `i`).
fn search_queues(live: &mut Live) {
    let body = live.read(
        &Search::new(ObjectType::Queue, "Name = 'General'")
            .format(Format::Ids)
            .to_url(),
    );
    let s = view(
        SearchResults::from_response(&parse(&body, Framing::Search)),
        &body,
    );
    let b = lossy(&body);
    check_eq!(live, s.rows.len(), 1, "{b}");
    check_eq!(live, s.rows[0].kind, Some("queue"), "{b}");
}
