//! Ticket history and transactions.

use crate::comments::{COMMENT, COMMENT_MINUTES, Uploaded};
use crate::tickets::Sent;
use crate::*;
use rt_wire::views::{HistoryEntry, HistoryLine};

/// Short and long history, each entry, each transaction. Returns the
/// attachment ids of the create, comment and correspond transactions.
pub(crate) fn history(live: &mut Live, a: u64, sent: &Sent, uploads: &[Uploaded]) -> BTreeSet<u64> {
    let body = live.read(&read::ticket_history(a, false));
    let short_body = body;
    let short = view(History::from_response(&object(&short_body)), &short_body);
    let sb = lossy(&short_body);
    check_eq!(
        live,
        short.header.matched,
        short.entries.len() as u64,
        "{sb}"
    );
    check_eq!(live, short.header.total, short.entries.len() as u64, "{sb}");
    check_eq!(live, short.header.args, "", "{sb}");

    let body = live.read(&read::ticket_history(a, true));
    let long = view(LongHistory::from_response(&object(&body)), &body);
    let lb = lossy(&body);
    check_long_matches_short(live, a, &short, &long, &lb);
    let of_kind = |kind: TransactionType<'_>| {
        long.entries
            .iter()
            .find(|e| e.kind() == Some(kind))
            .unwrap_or_else(|| panic!("no {kind:?} transaction\n{lb}"))
    };
    let create = of_kind(TransactionType::Create);
    live.stamped_now(create.record.date("Created").unwrap(), "create", &lb);
    sent_eq!(
        live,
        create.content().unwrap().to_str().unwrap(),
        sent.text,
        "the ticket's text\n{lb}"
    );
    let comment = of_kind(TransactionType::Comment);
    check_comment(live, comment, uploads, &lb);
    let correspond = of_kind(TransactionType::Correspond);
    live.stamped_now(correspond.record.date("Created").unwrap(), "reply", &lb);
    check_correspondence(live, correspond, uploads, &lb);
    // The suite's user made the three transactions.
    let user = live.user.clone();
    for e in [create, comment, correspond] {
        let creator = e.record.text("Creator").unwrap().map(|c| c.into_owned());
        sent_eq!(live, creator.as_deref(), Some(user.as_str()), "{lb}");
    }
    filtered_history(live, a, &short, comment);

    let ours: BTreeSet<u64> = [create, comment, correspond]
        .iter()
        .flat_map(|e| e.attachments().unwrap())
        .map(|x| x.id)
        .collect();
    let (create_id, comment_id) = (create.id().unwrap(), comment.id().unwrap());
    each_entry_alone(live, a, &short, &long, create_id, comment_id);
    ours
}

/// The long history has the entries of the short one, of ticket `a`, with
/// the same descriptions.
fn check_long_matches_short(
    live: &mut Live,
    a: u64,
    short: &History<'_>,
    long: &LongHistory<'_>,
    lb: &str,
) {
    let short_ids: Vec<u64> = short.entries.iter().map(|e| e.id).collect();
    let long_ids: Vec<u64> = long.entries.iter().map(|e| e.id().unwrap()).collect();
    check_eq!(live, long_ids, short_ids, "{lb}");
    for (s, l) in short.entries.iter().zip(&long.entries) {
        check_eq!(live, l.ticket().unwrap(), Some(a), "{lb}");
        check_eq!(
            live,
            l.description().map(|d| d.to_bytes()),
            Some(s.description.to_bytes()),
            "{lb}"
        );
    }
}

/// The comment: its text, time taken and the names of its files.
fn check_comment(live: &mut Live, comment: &HistoryEntry<'_>, uploads: &[Uploaded], lb: &str) {
    sent_eq!(
        live,
        comment.content().unwrap().to_str().unwrap(),
        COMMENT,
        "{lb}"
    );
    sent_eq!(
        live,
        comment.time_taken().unwrap(),
        Some(u64::from(COMMENT_MINUTES)),
        "{lb}"
    );
    live.stamped_now(comment.record.date("Created").unwrap(), "comment", lb);
    let names: BTreeSet<String> = comment
        .attachments()
        .unwrap()
        .iter()
        .map(|x| lossy(x.name))
        .collect();
    for up in uploads.iter().take(4) {
        sent_check!(
            live,
            names.contains(&up.name),
            "{} in {names:?}\n{lb}",
            up.name
        );
    }
}

/// The HTML reply, which RT shows as text.
fn check_correspondence(
    live: &mut Live,
    correspond: &HistoryEntry<'_>,
    uploads: &[Uploaded],
    lb: &str,
) {
    let html = &uploads
        .iter()
        .find(|u| u.content_type == "text/html")
        .unwrap()
        .bytes;
    // RT shows an HTML message as text (its own converter); the HTML
    // itself comes back from the attachment (below).
    let shown = correspond.content().unwrap().to_str().unwrap().into_owned();
    check!(
        live,
        shown.starts_with("Hello wörld ✓") && !shown.contains("<p>"),
        "{shown:?} for {}\n{lb}",
        lossy(html)
    );
}

/// A filtered listing: only the comment.
fn filtered_history(live: &mut Live, a: u64, short: &History<'_>, comment: &HistoryEntry<'_>) {
    let body = live.read(&format!("ticket/{a}/history/type/Comment"));
    let h = view(History::from_response(&object(&body)), &body);
    let b = lossy(&body);
    check_eq!(live, h.header.args, "type/Comment", "{b}");
    check_eq!(
        live,
        (h.header.matched, h.header.total),
        (1, short.header.total),
        "{b}"
    );
    check_eq!(
        live,
        h.entries.iter().map(|e| e.id).collect::<Vec<_>>(),
        vec![comment.id().unwrap()],
        "{b}"
    );
}

/// Each entry alone, and the create and comment entries as transactions.
fn each_entry_alone(
    live: &mut Live,
    a: u64,
    short: &History<'_>,
    long: &LongHistory<'_>,
    create_id: u64,
    comment_id: u64,
) {
    for (s, l) in short.entries.iter().zip(&long.entries) {
        let body = live.read(&read::ticket_history_entry(a, s.id));
        let one = view(LongHistory::from_response(&object(&body)), &body);
        let b = lossy(&body);
        check_eq!(live, one.entries.len(), 1, "{b}");
        let e = &one.entries[0];
        // The id asked for, echoed in the entry and in its header: one
        // check.
        let args = format!("id/{}", s.id);
        check_eq!(
            live,
            (e.id().unwrap(), e.header.map(|h| h.args)),
            (s.id, Some(args.as_str())),
            "{b}"
        );
        check_eq!(live, e.kind(), l.kind(), "{b}");
        check_eq!(
            live,
            e.content().map(|c| c.to_bytes()),
            l.content().map(|c| c.to_bytes()),
            "{b}"
        );
        if s.id == create_id || s.id == comment_id {
            entry_as_transaction(live, s, l);
        }
    }
}

/// `transaction/<t>`, short and long: the entry's id, description and
/// (long) content.
fn entry_as_transaction(live: &mut Live, s: &HistoryLine<'_>, l: &HistoryEntry<'_>) {
    for long_form in [false, true] {
        let body = live.read(&read::transaction(s.id, long_form));
        let t = view(LongHistory::from_response(&object(&body)), &body);
        let b = lossy(&body);
        check_eq!(live, t.entries[0].id().unwrap(), s.id, "{b}");
        check_eq!(
            live,
            t.entries[0].description().map(|d| d.to_bytes()),
            Some(s.description.to_bytes()),
            "{b}"
        );
        if long_form {
            check_eq!(
                live,
                t.entries[0].content().map(|c| c.to_bytes()),
                l.content().map(|c| c.to_bytes()),
                "{b}"
            );
        }
    }
}
