//! Ticket edits, owner changes and merges.

use crate::comments::COMMENT_MINUTES;
use crate::objects::Person;
use crate::tickets::Others;
use crate::*;

/// Status, priority, custom field, owner (take / steal / untake), and a
/// multi-form edit.
pub(crate) fn edits_and_owner(live: &mut Live, a: u64, o: &Others, p: &Person) {
    edit_fields(live, a);
    owner_changes(live, a, p);
    multi_form_edit(live, o);
}

/// Status, priority and custom fields in one edit, read back.
fn edit_fields(live: &mut Live, a: u64) {
    let req = TicketEdit::new(a)
        .status("open")
        .priority(42)
        .custom_field("Single Line", "changed: value ✓")
        .custom_field_values("Multi Select", ["beta,gamma", "it's"])
        .build()
        .unwrap();
    let id = a.to_string();
    live.write_ok_where(&req, |m| {
        m.contains(&Message::Updated {
            object: "Ticket",
            id: &id,
        })
    });
    let body = live.show(a);
    let list = view(TicketList::from_response(&object(&body)), &body);
    let t = ticket(&list, a);
    let b = lossy(&body);
    sent_eq!(live, text_of(t, "Status"), "open", "{b}");
    sent_eq!(live, t.priority("Priority").unwrap(), Some(42), "{b}");
    // The time the comment reported, added to the ticket's.
    sent_eq!(
        live,
        t.minutes("TimeWorked").unwrap(),
        Some(u64::from(COMMENT_MINUTES)),
        "{b}"
    );
    // RT stamps `Started` when a ticket first opens.
    live.stamped_now_in_user_zone(t.date("Started").unwrap(), "Started", &b);
    sent_eq!(
        live,
        t.custom_field("Single Line").unwrap().values().unwrap(),
        vec!["changed: value ✓"],
        "{b}"
    );
    sent_eq!(
        live,
        strings(t.custom_field("Multi Select").unwrap().values().unwrap()),
        strings(["beta,gamma", "it's"]),
        "{b}"
    );
}

/// Owner: take, give to the run's user, steal back, untake.
fn owner_changes(live: &mut Live, a: u64, p: &Person) {
    let me = live.user.clone();
    let owner = |from, to| [Message::OwnerChanged { from, to }];
    live.write_says(&take(a, TakeAction::Take), &owner("Nobody", &me));
    live.write_ok(&TicketEdit::new(a).owner(p.name.as_str()).build().unwrap());
    let body = live.show(a);
    let list = view(TicketList::from_response(&object(&body)), &body);
    sent_eq!(
        live,
        text_of(ticket(&list, a), "Owner"),
        p.name,
        "{}",
        lossy(&body)
    );
    live.write_says(&take(a, TakeAction::Steal), &owner(&p.name, &me));
    let body = live.write(&take(a, TakeAction::Steal));
    let r = reply(&body);
    check_eq!(
        live,
        r.status_kind(),
        Some(Status::BadRequest),
        "{}",
        lossy(&body)
    );
    check!(
        live,
        messages(&r)
            == [Message::TakeRefused {
                message: "You already own this ticket"
            }],
        "{}",
        lossy(&body)
    );
    live.write_says(&take(a, TakeAction::Untake), &owner(&me, "Nobody"));
    let body = live.show(a);
    let list = view(TicketList::from_response(&object(&body)), &body);
    check_eq!(
        live,
        text_of(ticket(&list, a), "Owner"),
        "Nobody",
        "{}",
        lossy(&body)
    );
}

/// Two tickets in one request.
fn multi_form_edit(live: &mut Live, o: &Others) {
    let one = TicketEdit::new(o.b).priority(11);
    let two = TicketEdit::new(o.parent).priority(12);
    let mut multi = MultiEdit::new();
    multi
        .push(one.to_form().unwrap())
        .unwrap()
        .push(two.to_form().unwrap())
        .unwrap();
    let b_id = o.b.to_string();
    let p_id = o.parent.to_string();
    live.write_says(
        &multi.build(),
        &[
            Message::Updated {
                object: "Ticket",
                id: &b_id,
            },
            Message::Updated {
                object: "Ticket",
                id: &p_id,
            },
        ],
    );
    let body = live.read(&read::show(ObjectType::Ticket, &[o.b, o.parent], &[]));
    let list = view(TicketList::from_response(&object(&body)), &body);
    sent_eq!(
        live,
        ticket(&list, o.b).priority("Priority").unwrap(),
        Some(11),
        ""
    );
    sent_eq!(
        live,
        ticket(&list, o.parent).priority("Priority").unwrap(),
        Some(12),
        ""
    );
}

/// Merges one ticket into another: the source is shown under the target.
pub(crate) fn merges(live: &mut Live, o: &Others) -> u64 {
    live.write_says(
        &merge(o.merge_from, o.merge_into),
        &[Message::MergeCompleted],
    );
    let body = live.show(o.merge_from);
    let list = view(TicketList::from_response(&object(&body)), &body);
    // The target the merge request named.
    sent_eq!(
        live,
        list.tickets[0].id().unwrap(),
        o.merge_into,
        "{}",
        lossy(&body)
    );
    o.merge_from
}
