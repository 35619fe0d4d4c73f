//! What a site-configured RT adds (`RT_LIVE_SITE=1 scripts/rt-live.sh`,
//! prepared by `corpus/setup-site.pl`): statuses of the custom lifecycle
//! `support` set and read back typed, status changes typed in history, and
//! a German user's view of the same ticket.

use rt_wire::views::{History, LongHistory, StatusChange, TicketStatus};

use crate::*;

/// The statuses set, in order, on a ticket of the queue `Support`.
const STATUSES: [&str; 2] = ["waiting on customer", "geprüft"];

/// Runs the site checks when the suite is told it talks to the
/// site-configured RT (`RT_LIVE_SITE=1`); says so otherwise.
pub(crate) fn site_checks(live: &mut Live, pass: &str) {
    if std::env::var("RT_LIVE_SITE").as_deref() != Ok("1") {
        say("site checks: not a site-configured RT (RT_LIVE_SITE unset)");
        return;
    }
    let id = live.create_ticket(
        &TicketCreate::new("Support").subject(format!("{} lifecycle", live.tag).as_str()),
    );
    for status in STATUSES {
        live.update(
            &TicketEdit::new(id).status(status).build().unwrap(),
            "Ticket",
        );
        let body = live.show(id);
        let list = view(TicketList::from_response(&object(&body)), &body);
        sent_eq!(
            live,
            ticket(&list, id).status().unwrap(),
            Some(TicketStatus::Other(status)),
            "{}",
            lossy(&body)
        );
    }
    // A status the lifecycle lacks: RT's field error, read by its shape.
    let body = live.write(&TicketEdit::new(id).status("stalled").build().unwrap());
    let r = reply(&body);
    check!(
        live,
        r.is_failure()
            && messages(&r)
                .iter()
                .any(|m| matches!(m, Message::FieldError { key: "Status", .. })),
        "{}",
        lossy(&body)
    );
    status_changes(live, id);
    german_view(live, id, pass);
}

/// The changes the suite made, typed in the long history (every language)
/// and in the short one (English descriptions, the suite's user).
fn status_changes(live: &mut Live, id: u64) {
    let want = [
        StatusChange {
            from: TicketStatus::New,
            to: TicketStatus::Other(STATUSES[0]),
        },
        StatusChange {
            from: TicketStatus::Other(STATUSES[0]),
            to: TicketStatus::Other(STATUSES[1]),
        },
    ];
    let body = live.read(&format!("ticket/{id}/history?format=l"));
    let h = view(LongHistory::from_response(&object(&body)), &body);
    let got: Vec<_> = h.entries.iter().filter_map(|e| e.status_change()).collect();
    sent_eq!(live, got, want, "{}", lossy(&body));
    let body = live.read(&format!("ticket/{id}/history"));
    let h = view(History::from_response(&object(&body)), &body);
    let got: Vec<_> = h.entries.iter().filter_map(|e| e.status_change()).collect();
    let user = live.user.clone();
    sent_eq!(
        live,
        got,
        want.map(|c| (c, user.as_str())),
        "{}",
        lossy(&body)
    );
}

/// The ticket as `anna` (language `de`, `LocalizedDateTime`, the site's
/// zone) sees it: the custom status verbatim, dates in her format read as
/// the time they were stamped, the not-set word in German read as not set;
/// a comment in her language is accepted.
fn german_view(live: &mut Live, id: u64, pass: &str) {
    let anna = Client::new(&live.url, "anna", pass).expect("a client for anna");
    let body = anna
        .get_raw(&read::ticket(id))
        .unwrap_or_else(|e| panic!("ticket {id} as anna: {e}"))
        .to_vec();
    let list = view(TicketList::from_response(&object(&body)), &body);
    let t = ticket(&list, id);
    let b = lossy(&body);
    sent_eq!(
        live,
        t.status().unwrap(),
        Some(TicketStatus::Other(STATUSES[1])),
        "{b}"
    );
    live.stamped_now_in_user_zone(t.date("Created").unwrap(), "Created (de)", &b);
    check_eq!(
        live,
        t.date("Resolved").unwrap(),
        Some(RtDate::NotSet),
        "{b}"
    );
    let comment = TicketComment::comment(id, "Ein Kommentar").build().unwrap();
    let reply = anna
        .send(&comment)
        .unwrap_or_else(|e| panic!("comment as anna: {e}"));
    check!(
        live,
        !reply.view().is_failure(),
        "comment as anna: {:?}",
        reply.view()
    );
}
