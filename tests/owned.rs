//! Owned results: an owned view and an owned error move to another thread,
//! and `?` turns the owned error into `Box<dyn Error + Send + Sync>`.

use std::error::Error;
use std::thread;

use rt_wire::request::{Endpoint, read};
use rt_wire::views::{LongHistory, Owned, OwnedViewError, ViewError};

const HISTORY: &[u8] = b"RT/5.0.3 200 Ok\n\n# 1/1 (id/101/total)\n\nid: 101\nTicket: 7\nType: Comment\nContent: line one\n         line two\n\n";
const MISSING: &[u8] = b"RT/5.0.3 200 Ok\n\n# Ticket 7 does not exist.\n\n";

fn assert_send_sync_static<T: Send + Sync + 'static>() {}

#[test]
fn owned_types_are_send_sync_static() {
    assert_send_sync_static::<Owned<LongHistory<'static>>>();
    assert_send_sync_static::<OwnedViewError>();
    assert_send_sync_static::<rt_wire::views::OwnedServerError>();
}

/// A function that returns its result past the body it read.
fn fetch(body: Vec<u8>) -> Result<Owned<LongHistory<'static>>, OwnedViewError> {
    read::TicketHistoryLong { id: 7 }.read_owned(body)
}

/// `?` from the owned error into a boxed, thread-safe error.
fn first_id(body: Vec<u8>) -> Result<u64, Box<dyn Error + Send + Sync>> {
    let history = fetch(body)?;
    Ok(history.view().entries[0].id()?)
}

#[test]
fn owned_result_and_error_cross_threads() {
    let owned = fetch(HISTORY.to_vec()).unwrap();
    let error = fetch(MISSING.to_vec()).unwrap_err();
    let (content, code, text) = thread::spawn(move || {
        let view = owned.view();
        let content = view.entries[0]
            .content()
            .unwrap()
            .to_str()
            .unwrap()
            .into_owned();
        let OwnedViewError::Server(e) = &error else {
            panic!("{error:?}")
        };
        (content, e.code(), error.to_string())
    })
    .join()
    .unwrap();
    assert_eq!(content, "line one\nline two");
    assert_eq!(code, Some(200));
    assert_eq!(text, "RT answered 200 Ok: Ticket 7 does not exist.");
}

#[test]
fn question_mark_into_boxed_error() {
    assert_eq!(first_id(HISTORY.to_vec()).unwrap(), 101);
    let e = thread::spawn(|| first_id(MISSING.to_vec()).unwrap_err())
        .join()
        .unwrap();
    let owned = e.downcast_ref::<OwnedViewError>().unwrap();
    let OwnedViewError::Server(server) = owned else {
        panic!("{owned:?}")
    };
    let notice = server.message().unwrap();
    assert_eq!(notice.kind(), "not_found");
    assert!(notice.is_failure());
    assert_eq!(notice.text(), b"Ticket 7 does not exist.");
    // After the status line, the empty line and `# `.
    assert_eq!(notice.offset(), 19);
}

#[test]
fn shape_errors_keep_offset_line_and_column() {
    // A ticket form is not a history: the shape error, owned.
    let body = b"RT/5.0.3 200 Ok\n\nid: ticket/7\nSubject: x\n\n".to_vec();
    let e = fetch(body.clone()).unwrap_err();
    let p = e.parse_error().expect("a shape error");
    assert_eq!((p.offset(), p.line(), p.column()), (0, 1, 1));
    // The borrowed error converts the same way.
    let borrowed: ViewError<'_> = read::TicketHistoryLong { id: 7 }.read(&body).unwrap_err();
    assert_eq!(borrowed.into_owned(), e);
    // A body that does not parse: no empty line after the status line.
    let e = fetch(b"RT/5.0.3 200 Ok\nid: 1\n\n".to_vec()).unwrap_err();
    let p = e.parse_error().expect("a parse error");
    assert_eq!((p.offset(), p.line(), p.column()), (16, 2, 1), "{e}");
    let boxed: Box<dyn Error + Send + Sync> = e.into();
    assert!(boxed.to_string().starts_with("line "), "{boxed}");
}

/// A borrowed response becomes a shared one only over the very buffer it
/// was parsed from (same start, same length); a slice of the shared
/// response shares the buffer only when it lies wholly inside it.
#[test]
fn shared_response_takes_only_its_own_buffer() {
    use bytes::Bytes;
    use rt_wire::SharedResponse;
    let body = b"RT/5.0.3 200 Ok\n\nid: 1\nSubject: shared\n\nXXXXXXXX";
    let big = Bytes::from_static(body);
    let bytes = big.slice(..body.len() - 8);
    // Parsed from a prefix of the buffer: refused.
    let prefix = rt_wire::parse_response(&bytes[..bytes.len() - 1]).unwrap();
    assert!(SharedResponse::from_response(bytes.clone(), prefix).is_err());
    // Parsed from a copy of the buffer: refused.
    let copy = bytes.to_vec();
    let elsewhere = rt_wire::parse_response(&copy).unwrap();
    assert!(SharedResponse::from_response(bytes.clone(), elsewhere).is_err());
    let own = rt_wire::parse_response(&bytes).unwrap();
    let shared = SharedResponse::from_response(bytes.clone(), own).unwrap();
    // A value inside the buffer is a slice of it.
    let response = shared.response();
    let subject = response
        .forms()
        .next()
        .unwrap()
        .get("Subject")
        .unwrap()
        .value()
        .raw();
    let s = shared.slice(subject);
    assert_eq!((&s[..], s.as_ptr()), (&b"shared"[..], subject.as_ptr()));
    // A part that starts inside the buffer and runs past its end is copied.
    let across = &big[bytes.len() - 4..];
    let s = shared.slice(across);
    assert_eq!(&s[..], across);
    assert_ne!(s.as_ptr(), across.as_ptr());
}

/// An owned notice keeps what its message says: a success is not a failure,
/// its id and kind come along.
#[test]
fn an_owned_notice_of_a_success_is_not_a_failure() {
    let body = b"RT/5.0.3 200 Ok\n\n# Ticket 12 created.\n\n";
    let r = rt_wire::parse_response(body).unwrap();
    let reply = rt_wire::views::Reply::from_response(&r);
    let notice = reply.messages[0].into_owned();
    assert!(!notice.is_failure());
    assert_eq!(notice.kind(), "created");
    assert_eq!(notice.id_number(), Some(12));
    assert_eq!(notice.text(), b"Ticket 12 created.");
}

/// An owned server error keeps the status line's parts and every message in
/// order; its message is the first failure, not merely the first.
#[test]
fn an_owned_server_error_keeps_status_and_messages() {
    let body = b"RT/4.4.6 200 Ok\n\n# Ticket 12 created.\n# Ticket 13 does not exist.\n\n";
    let r = rt_wire::parse_response(body).unwrap();
    let err = rt_wire::views::Reply::from_response(&r)
        .check()
        .unwrap_err();
    let owned = err.into_owned();
    assert_eq!(owned.code(), Some(200));
    assert_eq!(owned.status(), Some(rt_wire::views::Status::Ok));
    assert_eq!(owned.version_and_reason(), Some(("4.4.6", "Ok")));
    let kinds: Vec<&str> = owned.messages().iter().map(|n| n.kind()).collect();
    assert_eq!(kinds, ["created", "not_found"]);
    assert_eq!(owned.message().unwrap().kind(), "not_found");
    let body = b"RT/5.0.3 401 Credentials required\n";
    let r = rt_wire::parse_response(body).unwrap();
    let owned = rt_wire::views::Reply::from_response(&r)
        .check()
        .unwrap_err()
        .into_owned();
    assert_eq!(owned.status(), Some(rt_wire::views::Status::Unauthorized));
    assert_eq!(
        owned.version_and_reason(),
        Some(("5.0.3", "Credentials required"))
    );
    assert!(owned.messages().is_empty() && owned.message().is_none());
}
