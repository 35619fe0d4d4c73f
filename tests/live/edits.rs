//! Ticket edits, owner changes and merges.

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
    let body = live.write_ok(&req);
    check!(
        live,
        messages(&reply(&body)).contains(&Message::Updated {
            object: "Ticket",
            id: &a.to_string()
        }),
        "{}",
        lossy(&body)
    );
    let body = live.show(a);
    let list = view(TicketList::from_response(&object(&body)), &body);
    let t = ticket(&list, a);
    let b = lossy(&body);
    check_eq!(live, t.status().unwrap(), Some(TicketStatus::Open), "{b}");
    check_eq!(live, t.priority("Priority").unwrap(), Some(42), "{b}");
    check_eq!(
        live,
        t.custom_field("Single Line").unwrap().values().unwrap(),
        vec!["changed: value ✓"],
        "{b}"
    );
    check_eq!(
        live,
        strings(t.custom_field("Multi Select").unwrap().values().unwrap()),
        strings(["beta,gamma", "it's"]),
        "{b}"
    );
}

/// Whether RT answered exactly `# Owner changed from <from> to <to>`.
fn owner_changed(body: &[u8], from: &str, to: &str) -> bool {
    messages(&reply(body)) == vec![Message::OwnerChanged { from, to }]
}

/// Owner: take, give to the run's user, steal back, untake.
fn owner_changes(live: &mut Live, a: u64, p: &Person) {
    let me = live.user.clone();
    let body = live.write_ok(&take(a, TakeAction::Take));
    check!(
        live,
        owner_changed(&body, "Nobody", &me),
        "{}",
        lossy(&body)
    );
    let body = live.write_ok(&TicketEdit::new(a).owner(p.name.as_str()).build().unwrap());
    check!(live, !reply(&body).is_failure(), "{}", lossy(&body));
    let body = live.show(a);
    let list = view(TicketList::from_response(&object(&body)), &body);
    check_eq!(
        live,
        text_of(ticket(&list, a), "Owner"),
        p.name,
        "{}",
        lossy(&body)
    );
    let body = live.write_ok(&take(a, TakeAction::Steal));
    check!(live, owner_changed(&body, &p.name, &me), "{}", lossy(&body));
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
    let body = live.write_ok(&take(a, TakeAction::Untake));
    check!(
        live,
        owner_changed(&body, &me, "Nobody"),
        "{}",
        lossy(&body)
    );
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
    let body = live.write_ok(&multi.build());
    let b_id = o.b.to_string();
    let p_id = o.parent.to_string();
    check_eq!(
        live,
        messages(&reply(&body)),
        vec![
            Message::Updated {
                object: "Ticket",
                id: &b_id
            },
            Message::Updated {
                object: "Ticket",
                id: &p_id
            }
        ],
        "{}",
        lossy(&body)
    );
    let body = live.read(&read::show(ObjectType::Ticket, &[o.b, o.parent], &[]));
    let list = view(TicketList::from_response(&object(&body)), &body);
    check_eq!(
        live,
        ticket(&list, o.b).priority("Priority").unwrap(),
        Some(11),
        ""
    );
    check_eq!(
        live,
        ticket(&list, o.parent).priority("Priority").unwrap(),
        Some(12),
        ""
    );
}

/// Merges one ticket into another: the source is shown under the target.
pub(crate) fn merges(live: &mut Live, o: &Others) -> u64 {
    let body = live.write_ok(&merge(o.merge_from, o.merge_into));
    check_eq!(
        live,
        messages(&reply(&body)),
        vec![Message::MergeCompleted],
        "{}",
        lossy(&body)
    );
    let body = live.show(o.merge_from);
    let list = view(TicketList::from_response(&object(&body)), &body);
    check_eq!(
        live,
        list.tickets[0].id().unwrap(),
        o.merge_into,
        "{}",
        lossy(&body)
    );
    o.merge_from
}
