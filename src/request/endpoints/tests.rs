use super::super::body::{Attachment, Credentials, URLENCODED};
use super::super::error::EncodeError;
use super::super::form::RequestForm;
use super::*;

#[test]
fn errors_surface_at_build() {
    let e = TicketCreate::new("General")
        .text("\nStatus: resolved")
        .build()
        .unwrap_err();
    assert!(
        matches!(e, EncodeError::Value { field: Some(ref f), .. } if f == "Text"),
        "{e:?}"
    );
    let e = TicketCreate::new("General")
        .attachment(Attachment::new("a,b.txt", "text/plain", &b""[..]).unwrap())
        .build()
        .unwrap_err();
    assert!(
        matches!(e, EncodeError::ListItem { field: Some(ref f), .. } if f == "Attachment"),
        "{e:?}"
    );
    assert!(ObjectEdit::user_edit("a/b").build().is_err());
    assert!(TicketEdit::new(1).set("X.Y", "z").build().is_err());
    assert!(LinksEdit::new(1).build().is_err());
    let mut m = MultiEdit::new();
    assert_eq!(
        m.push(RequestForm::new()).unwrap_err(),
        EncodeError::EmptyForm
    );
    let mut f = RequestForm::new();
    f.field("Status", "open").unwrap();
    assert_eq!(m.push(f).unwrap_err(), EncodeError::MissingId);
}

#[test]
fn later_setter_replaces() {
    let r = TicketEdit::new(3)
        .status("open")
        .set("status", "new")
        .build()
        .unwrap();
    assert_eq!(r.content(), b"id: ticket/3\nstatus: new\n");
}

#[test]
fn bodies() {
    let r = take(7, TakeAction::Take);
    let c = Credentials::new("root", "p&ss");
    let b = r.body(Some(&c));
    assert_eq!(b.content_type, URLENCODED);
    assert_eq!(
        b.bytes,
        b"content=id%3A%207%0AAction%3A%20take%0A&user=root&pass=p%26ss"
    );
    assert!(!alloc::format!("{b:?}").contains("p&ss"));
    assert_eq!(logout().body(Some(&c)).bytes, b"user=root&pass=p%26ss");
}

/// The last field a comment's setters wrote.
fn last_field(c: TicketComment<'_>) -> alloc::string::String {
    let r = c.build().unwrap();
    let text = alloc::string::String::from_utf8_lossy(r.content()).into_owned();
    let last = text
        .trim_end_matches('\n')
        .rsplit('\n')
        .next()
        .unwrap_or_default();
    alloc::string::String::from(last)
}

#[test]
fn list_setters_write_the_list() {
    let c = TicketComment::comment(4, "hi").cc(["a@example.com", "b@example.com"]);
    assert_eq!(last_field(c), "Cc: a@example.com, b@example.com");
}

#[test]
fn number_setters_write_the_number() {
    let r = TicketEdit::new(3)
        .priority(42)
        .time_worked(15)
        .build()
        .unwrap();
    assert_eq!(r.content(), b"id: ticket/3\nPriority: 42\nTimeWorked: 15\n");
    let c = TicketComment::comment(4, "hi").time_worked(7);
    assert_eq!(last_field(c), "TimeWorked: 7");
}

#[test]
fn a_body_shows_its_type_and_size_only() {
    let b = take(7, TakeAction::Take).body(Some(&Credentials::new("root", "s3cret")));
    assert_eq!(
        alloc::format!("{b:?}"),
        alloc::format!(
            "Body {{ content_type: \"{URLENCODED}\", len: {} }}",
            b.bytes.len()
        )
    );
}

#[test]
fn files_travel_with_the_request() {
    let file = Attachment::new("a.txt", "text/plain", &b"hello"[..]).unwrap();
    let r = TicketComment::comment(4, "see file")
        .attachment(file.clone())
        .build()
        .unwrap();
    assert_eq!(r.attachments(), [file]);
    assert!(
        r.body(None)
            .content_type
            .starts_with("multipart/form-data; ")
    );
}

#[test]
fn a_ticket_edit_is_one_form_of_a_multi_edit() {
    let e = TicketEdit::new(5).status("open");
    let form = e.to_form().unwrap();
    assert_eq!(form.to_bytes(), b"id: ticket/5\nStatus: open\n");
    let mut m = MultiEdit::new();
    m.push(form).unwrap();
    let second = TicketEdit::new(6).status("new");
    m.push(second.to_form().unwrap()).unwrap();
    assert_eq!(
        m.build().content(),
        b"id: ticket/5\nStatus: open\n--\nid: ticket/6\nStatus: new\n"
    );
}

#[test]
fn query_values_keep_slashes_and_commas() {
    let s = Search::new(ObjectType::Ticket, "Queue = 'a/b,c' AND Owner = 'x y'")
        .order_by(Order::Descending, "Created")
        .format(SearchFormat::Ids);
    assert_eq!(
        s.to_url(),
        "search/ticket?query=Queue%20%3D%20%27a/b,c%27%20AND%20Owner%20%3D%20%27x%20y%27\
         &orderby=-Created&format=i"
    );
}
