//! The client against a scripted HTTP server on loopback: the login and
//! its cookie, every kind of error, multipart writes, streaming.

use alloc::string::{String, ToString};
use alloc::sync::Arc;
use alloc::vec::Vec;
use alloc::{format, vec};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::Mutex;
use std::thread;

use super::{Client, Error};
use crate::request::{Attachment, TicketComment, read};
use crate::stream::Event;
use crate::views::OwnedViewError;

/// A request as the server saw it.
#[derive(Debug, Clone)]
struct Seen {
    line: String,
    headers: Vec<String>,
    body: Vec<u8>,
}

impl Seen {
    fn header(&self, name: &str) -> Option<&str> {
        let prefix = format!("{}:", name.to_ascii_lowercase());
        self.headers
            .iter()
            .find(|h| h.to_ascii_lowercase().starts_with(&prefix))
            .map(|h| h[prefix.len()..].trim())
    }
}

/// Serves `answers` (HTTP status, extra header lines, body) in order, one
/// connection each; the base URL and what it saw.
fn serve(answers: Vec<(u16, &'static str, &'static [u8])>) -> (String, Arc<Mutex<Vec<Seen>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/rt", listener.local_addr().unwrap());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    thread::spawn(move || {
        for (status, headers, body) in answers {
            let (stream, _) = listener.accept().unwrap();
            let mut r = BufReader::new(stream);
            let mut line = String::new();
            r.read_line(&mut line).unwrap();
            let mut seen = Seen {
                line: line.trim().to_string(),
                headers: Vec::new(),
                body: Vec::new(),
            };
            loop {
                let mut h = String::new();
                r.read_line(&mut h).unwrap();
                if h.trim().is_empty() {
                    break;
                }
                seen.headers.push(h.trim().to_string());
            }
            let len = seen
                .header("content-length")
                .map_or(0, |n| n.parse().unwrap());
            seen.body = vec![0; len];
            r.read_exact(&mut seen.body).unwrap();
            log.lock().unwrap().push(seen);
            let mut out = r.into_inner();
            let head = format!(
                "HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n{headers}\r\n",
                body.len()
            );
            out.write_all(head.as_bytes()).unwrap();
            out.write_all(body).unwrap();
        }
    });
    (url, seen)
}

const LOGIN: &[u8] = b"RT/5.0.3 200 Ok\n\n# Invalid object specification: ''\n\nid: \n\n";
const COOKIE: &str = "Set-Cookie: RT_SID_rt.80=abc123; path=/rt; HttpOnly\r\n";
const TICKET: &[u8] = b"RT/5.0.3 200 Ok\n\nid: ticket/7\nSubject: hello\n\n";
const REFUSED: &[u8] =
    b"RT/5.0.3 401 Credentials required\n\nYour username or password is incorrect\n\n";

#[test]
fn logs_in_once_and_sends_the_cookie() {
    let (url, seen) = serve(vec![
        (200, COOKIE, LOGIN),
        (200, "", TICKET),
        (200, "", TICKET),
    ]);
    let rt = Client::new(url, "me", "p&ss word").unwrap();
    for _ in 0..2 {
        let t = rt.get(&read::Ticket { id: 7 }).unwrap();
        assert_eq!(t.view().id().unwrap(), 7);
    }
    assert_eq!(rt.requests(), 3);
    let seen = seen.lock().unwrap();
    assert_eq!(seen[0].line, "POST /rt/REST/1.0/ HTTP/1.1");
    assert_eq!(seen[0].body, b"user=me&pass=p%26ss%20word");
    for s in &seen[1..] {
        assert_eq!(s.line, "GET /rt/REST/1.0/ticket/7/show HTTP/1.1");
        assert_eq!(s.header("cookie"), Some("RT_SID_rt.80=abc123"));
    }
}

#[test]
fn wrong_credentials_are_unauthorized() {
    let (url, _) = serve(vec![(200, COOKIE, REFUSED)]);
    let rt = Client::new(url, "me", "wrong").unwrap();
    let e = rt.get(&read::Ticket { id: 7 }).unwrap_err();
    let Error::Unauthorized { error, body, .. } = &e else {
        panic!("{e:?}")
    };
    assert_eq!(error.code(), Some(401));
    assert_eq!(error.message().unwrap().kind(), "bad_credentials");
    assert_eq!(&body[..], REFUSED);
    assert!(e.to_string().contains("REST/1.0/"), "{e}");
}

#[test]
fn http_errors_pages_that_are_not_rt_and_failures_of_rt() {
    let html: &[u8] = b"<html><body>Please sign in</body></html>";
    let missing: &[u8] = b"RT/5.0.3 200 Ok\n\n# Ticket 9 does not exist.\n\n";
    let (url, _) = serve(vec![
        (200, COOKIE, LOGIN),
        (502, "", b"Bad gateway"),
        (200, "", html),
        (200, "", missing),
    ]);
    let rt = Client::new(url, "me", "p").unwrap();
    let e = rt.get(&read::Ticket { id: 9 }).unwrap_err();
    assert!(
        matches!(&e, Error::Http { status: 502, body_start, .. } if body_start == "Bad gateway")
    );
    assert!(
        e.to_string()
            .contains("/rt/REST/1.0/ticket/9/show: HTTP 502"),
        "{e}"
    );
    let e = rt.get_raw("ticket/9/show").unwrap_err();
    assert!(matches!(&e, Error::NotRt { body_start, .. } if body_start.contains("Please sign in")));
    assert!(e.to_string().contains("not an answer of RT"), "{e}");
    let e = rt.get(&read::Ticket { id: 9 }).unwrap_err();
    let Error::Rt { error, .. } = &e else {
        panic!("{e:?}")
    };
    let OwnedViewError::Server(server) = &**error else {
        panic!("{e:?}")
    };
    assert_eq!(server.message().unwrap().kind(), "not_found");
    assert!(e.server_error().is_some());
}

#[test]
fn an_expired_session_logs_in_again_but_not_after_logout() {
    let expired: &[u8] = b"RT/5.0.3 401 Credentials required\n\n";
    let (url, seen) = serve(vec![
        (200, COOKIE, LOGIN),
        (200, "", expired),
        (200, "Set-Cookie: RT_SID_rt.80=fresh; path=/\r\n", LOGIN),
        (200, "", TICKET),
        (200, "", b"RT/5.0.3 200 Ok\n\n"),
        (200, "", expired),
    ]);
    let rt = Client::new(url, "me", "p").unwrap();
    assert!(rt.get(&read::Ticket { id: 7 }).is_ok());
    assert_eq!(
        seen.lock().unwrap()[3].header("cookie"),
        Some("RT_SID_rt.80=fresh")
    );
    rt.send(&crate::request::logout()).unwrap();
    let e = rt.get(&read::Ticket { id: 7 }).unwrap_err();
    assert!(matches!(e, Error::Unauthorized { .. }), "{e:?}");
    assert_eq!(rt.requests(), 6);
}

#[test]
fn writes_with_files_go_multipart() {
    let (url, seen) = serve(vec![
        (200, COOKIE, LOGIN),
        (200, "", b"RT/5.0.3 200 Ok\n\n# Comments added\n\n"),
    ]);
    let rt = Client::new(url, "me", "p").unwrap();
    let file = Attachment::new("a.bin", "application/octet-stream", &b"\x00\x01--x"[..]).unwrap();
    let req = TicketComment::comment(7, "see file")
        .attachment(file)
        .build()
        .unwrap();
    let reply = rt.send(&req).unwrap();
    assert_eq!(reply.view().messages.len(), 1);
    let seen = seen.lock().unwrap();
    assert_eq!(seen[1].line, "POST /rt/REST/1.0/ticket/7/comment HTTP/1.1");
    let ct = seen[1].header("content-type").unwrap();
    assert!(ct.starts_with("multipart/form-data; boundary="), "{ct}");
    assert!(seen[1].body.windows(12).any(|w| w == b"attachment_1"));
    assert_eq!(seen[1].header("cookie"), Some("RT_SID_rt.80=abc123"));
    assert!(!String::from_utf8_lossy(&seen[1].body).contains("pass"));
}

#[test]
fn streams_the_body() {
    let search: &[u8] =
        b"RT/5.0.3 200 Ok\n\nid: ticket/1\nSubject: a\n\n--\n\nid: ticket/2\nSubject: b\n\n\n";
    let (url, _) = serve(vec![
        (200, COOKIE, LOGIN),
        (200, "", search),
        (200, "", REFUSED),
    ]);
    let rt = Client::new(url, "me", "p").unwrap();
    let s = crate::request::Search::new(crate::request::ObjectType::Ticket, "id > 0")
        .format(crate::request::SearchFormat::Long);
    let mut events = rt.stream(&s).unwrap();
    let mut n = 0;
    while let Some(e) = events.next_event().unwrap() {
        n += usize::from(matches!(e, Event::Form(_)));
    }
    assert_eq!(n, 2);
    let e = rt.get_reader("ticket/1/show").unwrap_err();
    assert!(matches!(e, Error::Unauthorized { .. }), "{e:?}");
}

#[test]
fn transport_errors_and_bad_urls() {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let rt = Client::new(format!("http://127.0.0.1:{port}"), "me", "p").unwrap();
    let e = rt.get_raw("").unwrap_err();
    assert!(matches!(e, Error::Transport { .. }), "{e:?}");
    // A server that accepts and never answers: the read timeout.
    let silent = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", silent.local_addr().unwrap());
    thread::spawn(move || {
        let held = silent.accept();
        thread::sleep(std::time::Duration::from_secs(3));
        drop(held);
    });
    let rt = Client::builder(url)
        .credentials("me", "p")
        .io_timeout(std::time::Duration::from_millis(200))
        .build()
        .unwrap();
    let started = std::time::Instant::now();
    let e = rt.get_raw("").unwrap_err();
    assert!(
        matches!(
            &e,
            Error::Transport {
                source: ureq::Error::Timeout(_),
                ..
            }
        ),
        "{e:?}"
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(2));
    for bad in ["127.0.0.1", "ftp://x", "http://", "http:///rt"] {
        assert!(
            matches!(Client::new(bad, "u", "p"), Err(Error::Config(_))),
            "{bad}"
        );
    }
    let rt = Client::new("https://rt.example.com/rt/", "u", "p").unwrap();
    assert_eq!(
        rt.url("ticket/1"),
        "https://rt.example.com/rt/REST/1.0/ticket/1"
    );
    fn send_sync<T: Send + Sync + 'static>() {}
    send_sync::<Error>();
    send_sync::<Client>();
}

/// `get_reader` returns once it has the status line and reads no further:
/// the rest of a large body may not have been sent yet.
#[test]
fn get_reader_returns_after_the_status_line() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let (go, wait) = std::sync::mpsc::channel::<()>();
    let (status, rest): (&[u8], &[u8]) = (b"RT/5.0.3 200 Ok\n", b"\nid: ticket/1\nSubject: a\n\n");
    thread::spawn(move || {
        let (stream, _) = listener.accept().unwrap();
        let mut r = BufReader::new(stream);
        let mut h = String::from("x");
        while !h.trim().is_empty() {
            h.clear();
            r.read_line(&mut h).unwrap();
        }
        let mut out = r.into_inner();
        let head = format!(
            "HTTP/1.1 200 X\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            status.len() + rest.len()
        );
        out.write_all(head.as_bytes()).unwrap();
        out.write_all(status).unwrap();
        out.flush().unwrap();
        // The rest only once the client has returned from `get_reader`.
        let _ = wait.recv_timeout(std::time::Duration::from_secs(5));
        out.write_all(rest).unwrap();
    });
    let rt = Client::builder(url)
        .io_timeout(std::time::Duration::from_millis(1000))
        .build()
        .unwrap();
    let mut body = rt.get_reader("ticket/1/show").unwrap();
    go.send(()).unwrap();
    let mut all = Vec::new();
    body.read_to_end(&mut all).unwrap();
    assert_eq!(all, [status, rest].concat());
    assert_eq!(format!("{body:?}"), "BodyReader { .. }");
}

const NOT_RT: &[u8] = &[b'x'; 1000];

#[test]
fn empty_bodies_are_rt_s_and_others_are_shown_cut() {
    let (url, _) = serve(vec![
        (200, "", b""),
        (200, "", b""),
        (200, "", NOT_RT),
        (200, "", NOT_RT),
        (200, "", b"RT/5.0.3 200\n\n"),
    ]);
    let rt = Client::builder(url).build().unwrap();
    // RT answers the content of an empty attachment with an empty body.
    assert_eq!(rt.get_raw("ticket/1/attachments/2/content").unwrap(), "");
    let mut all = Vec::new();
    let mut r = rt.get_reader("ticket/1/attachments/2/content").unwrap();
    r.read_to_end(&mut all).unwrap();
    assert!(all.is_empty());
    // What is not RT's: its first 300 bytes (and `…`), or the 256 bytes
    // read looking for a status line.
    let e = rt.get_raw("ticket/1/show").unwrap_err();
    let Error::NotRt { body_start, .. } = &e else {
        panic!("{e:?}")
    };
    assert_eq!(*body_start, format!("{}…", "x".repeat(300)));
    let e = rt.get_reader("ticket/1/show").unwrap_err();
    let Error::NotRt { body_start, .. } = &e else {
        panic!("{e:?}")
    };
    assert_eq!(*body_start, "x".repeat(256));
    // A status line without its reason is not RT's (`status-line`).
    let e = rt.get_raw("ticket/1/show").unwrap_err();
    assert!(matches!(e, Error::NotRt { .. }), "{e:?}");
}

#[test]
fn rt_code_reads_the_status_line() {
    use super::rt_code;
    let cases: &[(&[u8], Option<u16>)] = &[
        (b"RT/5.0.3 200 Ok\n\nid: 1\n", Some(200)),
        (b"RT/4.4.3 401 Credentials required\r\n\r\n", Some(401)),
        (b"RT/5.0.3+dfsg-3~deb12u6 409 Syntax Error", Some(409)),
        (b"RT/ 200 Ok\n", None),
        (b"RT/5.0.3 20 Ok\n", None),
        (b"RT/5.0.3 2000 Ok\n", None),
        (b"RT/5.0.3 +20 Ok\n", None),
        (b"HTTP/1.1 200 OK\n", None),
        (b"", None),
    ];
    for &(body, want) in cases {
        assert_eq!(rt_code(body), want, "{:?}", String::from_utf8_lossy(body));
    }
}

#[test]
fn login_and_post_raw_give_rt_s_answer() {
    let linked: &[u8] = b"RT/5.0.3 200 Ok\n\n# Link added.\n\n";
    let (url, seen) = serve(vec![(200, COOKIE, LOGIN), (200, "", linked)]);
    let rt = Client::new(url, "me", "p").unwrap();
    assert_eq!(rt.login().unwrap(), LOGIN);
    let body = crate::request::Body {
        content_type: crate::request::URLENCODED.to_string(),
        bytes: b"id=1&rel=RefersTo&to=2&del=0".to_vec(),
    };
    assert_eq!(rt.post_raw("ticket/link", &body).unwrap(), linked);
    assert_eq!(rt.requests(), 2);
    let seen = seen.lock().unwrap();
    assert_eq!(seen[1].line, "POST /rt/REST/1.0/ticket/link HTTP/1.1");
    assert_eq!(seen[1].body, body.bytes);
    assert_eq!(seen[1].header("cookie"), Some("RT_SID_rt.80=abc123"));
}

/// Every error names its URL; RT's answer and failure where there is one;
/// its source.
#[test]
fn what_an_error_holds() {
    use std::error::Error as _;
    let missing: &[u8] = b"RT/5.0.3 200 Ok\n\n# Ticket 9 does not exist.\n\n";
    let (url, _) = serve(vec![
        (200, COOKIE, REFUSED),
        (200, COOKIE, LOGIN),
        (200, "", missing),
        (502, "", b"Bad gateway"),
    ]);
    let at = format!("{url}/REST/1.0/ticket/9/show");
    let rt = Client::new(url.clone(), "me", "p").unwrap();
    let e = rt.get(&read::Ticket { id: 9 }).unwrap_err();
    assert_eq!(e.url(), format!("{url}/REST/1.0/"));
    assert_eq!(e.body().map(|b| &b[..]), Some(REFUSED));
    assert_eq!(e.server_error().unwrap().code(), Some(401));
    assert!(
        e.source().unwrap().to_string().contains("401"),
        "{:?}",
        e.source()
    );
    let e = rt.get(&read::Ticket { id: 9 }).unwrap_err();
    assert!(matches!(e, Error::Rt { .. }), "{e:?}");
    assert_eq!(e.url(), at);
    assert_eq!(e.body().map(|b| &b[..]), Some(missing));
    assert!(
        e.source().unwrap().to_string().contains("does not exist"),
        "{:?}",
        e.source()
    );
    let e = rt.get(&read::Ticket { id: 9 }).unwrap_err();
    assert!(matches!(e, Error::Http { .. }), "{e:?}");
    assert_eq!(e.url(), at);
    assert!(e.body().is_none() && e.server_error().is_none() && e.source().is_none());
    // Nothing listens any more: no answer at all.
    let e = rt.get(&read::Ticket { id: 9 }).unwrap_err();
    assert!(matches!(e, Error::Transport { .. }), "{e:?}");
    assert_eq!(e.url(), at);
    assert!(e.source().is_some());
    for bad in ["http:///rt", "http://", "https:///"] {
        let e = Client::new(bad, "u", "p").unwrap_err();
        assert_eq!(e.url(), "");
        assert!(e.to_string().contains("has no host"), "{bad}: {e}");
    }
    for bad in ["ftp://x", "rt.example.com", "http:/x"] {
        let e = Client::new(bad, "u", "p").unwrap_err();
        assert!(
            e.to_string().contains("must start with http://"),
            "{bad}: {e}"
        );
    }
}
