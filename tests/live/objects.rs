//! Users, queues and groups.

use crate::*;

/// A user the suite creates and edits.
pub(crate) struct Person {
    pub(crate) name: String,
    pub(crate) email: String,
    pub(crate) id: u64,
}

pub(crate) fn users(live: &mut Live) -> Person {
    let name = format!("user-{}", live.tag);
    let email = format!("{name}@example.com");
    let req = ObjectEdit::user_create(name.as_str())
        .set("EmailAddress", email.as_str())
        .set("RealName", "Ünïcode Person ✓")
        .set("Organization", "rt-wire live")
        .set("Privileged", "1")
        .build()
        .unwrap();
    let id = live.create(&req, "User");

    // Every value sent, read by number; by name and by address, the same
    // user.
    let body = live.read(&read::user(&id.to_string()).unwrap());
    let u = view(User::from_response(&object(&body)), &body);
    let b = lossy(&body);
    sent_eq!(live, u.name().unwrap().to_str().unwrap(), name, "{b}");
    sent_eq!(
        live,
        u.email_address().unwrap().to_str().unwrap(),
        email,
        "{b}"
    );
    sent_eq!(
        live,
        u.real_name().unwrap().to_str().unwrap(),
        "Ünïcode Person ✓",
        "{b}"
    );
    sent_eq!(
        live,
        u.record().text("Organization").unwrap().as_deref(),
        Some("rt-wire live"),
        "{b}"
    );
    sent_eq!(live, u.privileged().unwrap(), Some(true), "{b}");
    for label in [name.clone(), email.clone()] {
        let body = live.read(&read::user(&label).unwrap());
        let u = view(User::from_response(&object(&body)), &body);
        check_eq!(live, u.id().unwrap(), id, "{label}\n{}", lossy(&body));
    }

    let comments = "Line one\n  indented\n\n# not a comment\nKey: value";
    let req = ObjectEdit::user_edit(&name)
        .set("RealName", "Renamed Person ✓")
        .set("Comments", comments)
        .build()
        .unwrap();
    live.update(&req, "User");
    let body = live.read(&read::user(&name).unwrap());
    let u = view(User::from_response(&object(&body)), &body);
    let b = lossy(&body);
    sent_eq!(
        live,
        u.real_name().unwrap().to_str().unwrap(),
        "Renamed Person ✓",
        "{b}"
    );
    sent_eq!(
        live,
        u.record().text("Comments").unwrap().as_deref(),
        Some(comments),
        "{b}"
    );
    Person { name, email, id }
}

/// A queue and a group: create, read, edit, read back.
pub(crate) fn queues_and_groups(live: &mut Live) {
    queue(live);
    group(live);
}

/// A queue: created, read by name and by number, edited, read back.
fn queue(live: &mut Live) {
    let name = format!("Queue ünï {}", live.tag);
    let address = format!("q-{}@example.com", live.tag);
    let req = ObjectEdit::queue_create(name.as_str())
        .set("Description", "Queue ✓ description")
        .set("CorrespondAddress", address.as_str())
        .build()
        .unwrap();
    let id = live.create(&req, "Queue");
    let body = live.read(&read::queue(&id.to_string()).unwrap());
    let q = view(Queue::from_response(&object(&body)), &body);
    let b = lossy(&body);
    sent_eq!(live, q.name().unwrap().to_str().unwrap(), name, "{b}");
    sent_eq!(
        live,
        q.description().unwrap().to_str().unwrap(),
        "Queue ✓ description",
        "{b}"
    );
    sent_eq!(
        live,
        q.record().text("CorrespondAddress").unwrap().as_deref(),
        Some(address.as_str()),
        "{b}"
    );
    check_eq!(live, q.disabled().unwrap(), Some(false), "{b}");
    let body = live.read(&read::queue(&name).unwrap());
    let q = view(Queue::from_response(&object(&body)), &body);
    check_eq!(live, q.id().unwrap(), id, "by name\n{}", lossy(&body));
    let req = ObjectEdit::queue_edit(&name)
        .set("Description", "Changed ✓ description")
        .build()
        .unwrap();
    live.update(&req, "Queue");
    let body = live.read(&read::queue(&id.to_string()).unwrap());
    let q = view(Queue::from_response(&object(&body)), &body);
    sent_eq!(
        live,
        q.description().unwrap().to_str().unwrap(),
        "Changed ✓ description",
        "{}",
        lossy(&body)
    );
}

/// A group: created, read by name, edited, read back by number.
fn group(live: &mut Live) {
    let gname = format!("Group ünï {}", live.tag);
    let req = ObjectEdit::group_create(gname.as_str())
        .set("Description", "Group ✓")
        .build()
        .unwrap();
    let gid = live.create(&req, "Group");
    let body = live.read(&read::group(&gname).unwrap());
    let g = view(Group::from_response(&object(&body)), &body);
    check_eq!(live, g.id().unwrap(), gid, "by name\n{}", lossy(&body));
    sent_eq!(
        live,
        g.description().unwrap().to_str().unwrap(),
        "Group ✓",
        "{}",
        lossy(&body)
    );
    let req = ObjectEdit::group_edit(gid)
        .set("Description", "Group ✓ changed")
        .build()
        .unwrap();
    live.update(&req, "Group");
    let body = live.read(&read::group(&gid.to_string()).unwrap());
    let g = view(Group::from_response(&object(&body)), &body);
    let b = lossy(&body);
    sent_eq!(live, g.name().unwrap().to_str().unwrap(), gname, "{b}");
    sent_eq!(
        live,
        g.description().unwrap().to_str().unwrap(),
        "Group ✓ changed",
        "{b}"
    );
}
