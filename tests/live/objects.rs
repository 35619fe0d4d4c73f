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
    let body = live.write_ok(&req);
    let r = reply(&body);
    let id = r.created_id().expect("`# User <n> created.`");
    check!(
        live,
        matches!(
            r.messages[0].message,
            Message::Created { object: "User", .. }
        ),
        "{}",
        lossy(&body)
    );

    for label in [name.clone(), id.to_string(), email.clone()] {
        let body = live.read(&read::user(&label).unwrap());
        let u = view(User::from_response(&object(&body)), &body);
        let b = lossy(&body);
        check_eq!(live, u.id().unwrap(), id, "{b}");
        check_eq!(live, u.name().unwrap().to_str().unwrap(), name, "{b}");
        check_eq!(
            live,
            u.email_address().unwrap().to_str().unwrap(),
            email,
            "{b}"
        );
        check_eq!(
            live,
            u.real_name().unwrap().to_str().unwrap(),
            "Ünïcode Person ✓",
            "{b}"
        );
        check_eq!(live, u.privileged().unwrap(), Some(true), "{b}");
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
    check_eq!(
        live,
        u.real_name().unwrap().to_str().unwrap(),
        "Renamed Person ✓",
        "{b}"
    );
    check_eq!(
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
    let req = ObjectEdit::queue_create(name.as_str())
        .set("Description", "Queue ✓ description")
        .set("CorrespondAddress", format!("q-{}@example.com", live.tag))
        .build()
        .unwrap();
    let body = live.write_ok(&req);
    let r = reply(&body);
    let id = r.created_id().expect("`# Queue <n> created.`");
    check!(
        live,
        matches!(
            r.messages[0].message,
            Message::Created {
                object: "Queue",
                ..
            }
        ),
        "{}",
        lossy(&body)
    );
    for label in [name.clone(), id.to_string()] {
        let body = live.read(&read::queue(&label).unwrap());
        let q = view(Queue::from_response(&object(&body)), &body);
        let b = lossy(&body);
        check_eq!(live, q.id().unwrap(), id, "{b}");
        check_eq!(live, q.name().unwrap().to_str().unwrap(), name, "{b}");
        check_eq!(
            live,
            q.description().unwrap().to_str().unwrap(),
            "Queue ✓ description",
            "{b}"
        );
        check_eq!(live, q.disabled().unwrap(), Some(false), "{b}");
    }
    let req = ObjectEdit::queue_edit(&name)
        .set("Description", "Changed ✓ description")
        .build()
        .unwrap();
    live.update(&req, "Queue");
    let body = live.read(&read::queue(&id.to_string()).unwrap());
    let q = view(Queue::from_response(&object(&body)), &body);
    check_eq!(
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
    let body = live.write_ok(&req);
    let r = reply(&body);
    let gid = r.created_id().expect("`# Group <n> created.`");
    let body = live.read(&read::group(&gname).unwrap());
    let g = view(Group::from_response(&object(&body)), &body);
    check_eq!(live, g.id().unwrap(), gid, "{}", lossy(&body));
    check_eq!(
        live,
        g.name().unwrap().to_str().unwrap(),
        gname,
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
    check_eq!(
        live,
        g.description().unwrap().to_str().unwrap(),
        "Group ✓ changed",
        "{}",
        lossy(&body)
    );
}
