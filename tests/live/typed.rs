//! Every read endpoint fetched through its type (`rt_wire::request::Endpoint`):
//! the path it builds, the options it parses with and the view it names.

use crate::comments::Uploaded;
use crate::*;
use rt_wire::request::{Endpoint, ViewOf};
use rt_wire::views::Owned;

/// Fetches `ep` through the client's typed call (`Client::get`); a refusal
/// or a shape error fails the suite. The owned answer is leaked to keep the
/// view's borrow simple in a test.
fn fetch<E: Endpoint>(live: &mut Live, ep: &E) -> ViewOf<'static, E> {
    let path = ep.path_and_query();
    live.endpoints.insert(endpoint("read", &path));
    let owned = live.rt.get(ep).unwrap_or_else(|e| {
        let body = e.body().map(|b| lossy(b)).unwrap_or_default();
        panic!("{path}: {e}\n{body}")
    });
    let owned: &'static Owned<E::Output> = Box::leak(Box::new(owned));
    // The crate against itself (the same body read borrowed): asserted,
    // not counted.
    assert!(ep.read(owned.response().bytes()).is_ok(), "{path}");
    owned.view()
}

/// Ticket `a` has attachments and history (created by the suite before).
pub(crate) fn typed_endpoints(live: &mut Live, a: u64, uploads: &[Uploaded]) {
    check_eq!(
        live,
        fetch(live, &read::Ticket { id: a }).id().unwrap(),
        a,
        "show"
    );
    let list = fetch(
        live,
        &read::Tickets {
            ids: vec![a],
            fields: vec![],
        },
    );
    check_eq!(live, list.tickets.len(), 1, "show?id=");
    for kind in [
        ObjectType::Ticket,
        ObjectType::User,
        ObjectType::Queue,
        ObjectType::Group,
    ] {
        fetch(live, &read::Template { kind });
    }
    for long in [false, true] {
        let links = fetch(live, &read::TicketLinks { id: a, long });
        check_eq!(live, links.ticket().unwrap(), a, "links");
    }
    let listing = fetch(live, &read::TicketAttachments { id: a });
    let (sent, item) = binary_upload(uploads, &listing);
    let shown = fetch(
        live,
        &read::TicketAttachment {
            id: a,
            attachment: item,
        },
    );
    check_eq!(live, shown.id().unwrap(), item, "attachment");
    fetch(live, &read::Attachment { id: item });
    let c1 = fetch(
        live,
        &read::TicketAttachmentContent {
            id: a,
            attachment: item,
        },
    );
    let c2 = fetch(live, &read::AttachmentContent { id: item });
    sent_eq!(live, c1.bytes, &sent.bytes[..], "content, typed");
    sent_eq!(
        live,
        c2.bytes,
        &sent.bytes[..],
        "content, typed (attachment/<a>)"
    );
    let short = fetch(live, &read::TicketHistory { id: a });
    let long = fetch(live, &read::TicketHistoryLong { id: a });
    check_eq!(live, short.entries.len(), long.entries.len(), "history");
    let txn = long.entries[0].id().unwrap();
    let entry = fetch(
        live,
        &read::TicketHistoryEntry {
            id: a,
            transaction: txn,
        },
    );
    check_eq!(live, entry.id().unwrap(), txn, "history entry");
    for long in [false, true] {
        let t = fetch(live, &read::Transaction { id: txn, long });
        check_eq!(live, t.id().unwrap(), txn, "transaction");
    }
    typed_objects(live);
}

/// The file of every byte value the comment uploaded, and its id in the
/// ticket's attachment listing.
fn binary_upload<'u>(uploads: &'u [Uploaded], listing: &AttachmentList<'_>) -> (&'u Uploaded, u64) {
    let sent = uploads
        .iter()
        .find(|u| u.content_type == "application/octet-stream")
        .expect("a binary upload");
    let item = listing
        .items
        .iter()
        .find(|i| i.name == Some(sent.name.as_bytes()))
        .unwrap_or_else(|| panic!("{} not in the listing", sent.name))
        .id;
    (sent, item)
}

fn typed_objects(live: &mut Live) {
    let user = live.user.clone();
    fetch(live, &read::User::new(&user).unwrap());
    fetch(live, &read::Queue::new("General").unwrap());
    for long in [false, true] {
        fetch(
            live,
            &read::QueueCustomFields::new("General", long).unwrap(),
        );
        fetch(
            live,
            &read::QueueTicketCustomFields::new("General", long).unwrap(),
        );
    }
    let groups = fetch(live, &Search::new(ObjectType::Group, ""));
    if let Some(row) = groups.rows.first() {
        let id = row.id.to_string();
        fetch(live, &read::Group::new(&id).unwrap());
        fetch(live, &read::GroupCustomFields::new(&id, false).unwrap());
    }
    let tickets = Search::new(ObjectType::Ticket, "id > 0").format(Format::Ids);
    check!(live, !fetch(live, &tickets).rows.is_empty(), "search");
}
