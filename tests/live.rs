//! The live suite: rt-wire's encoder and views against a real RT server.
//!
//! Runs whenever `RT_URL` is set (`RT_USER` / `RT_PASS`, default `root` /
//! `password`) and starts nothing itself; without it the test prints a SKIP
//! line, or fails when `RT_WIRE_REQUIRE_ORACLES=1` (`tests/common/oracle.rs`).
//! Bring a server up with
//!
//! ```text
//! export RT_URL=$(scripts/rt-live.sh start 5) && scripts/rt-live-setup.sh 5
//! cargo test --test live -- --nocapture
//! ```
//!
//! Every request is built by `rt_wire::request`, every answer read by
//! `rt_wire::views`, and every value RT gives back is compared with what was
//! sent: text byte for byte, uploads by SHA-256. Names carry a per-run tag, so
//! the suite can run again and again against the same server. It ends with
//! `live RT: <E> endpoints, <A> assertions, RT <version>`.

#[path = "common/http.rs"]
mod http;
#[path = "common/oracle.rs"]
mod oracle;

use std::collections::{BTreeMap, BTreeSet};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use http::Session;
use rt_wire::request::{
    Attachment as Upload, Credentials, EncodeError, FieldName, ItemError, LinksEdit, MultiEdit,
    ObjectEdit, ObjectType, Order, Search, SearchFormat as Format, TakeAction, TicketComment,
    TicketCreate, TicketEdit, WriteRequest, logout, merge, read, take,
};
use rt_wire::views::{
    Attachment, AttachmentContent, AttachmentList, DateTime, Group, History, LinkTarget, Links,
    LongHistory, Message, Queue, Relation, Reply, RtDate, SearchFormat, SearchResults, ServerError,
    Status, Template, Ticket, TicketList, TicketStatus, TransactionType, User, ViewError,
};
use rt_wire::{Framing, KeySplit, ParseOptions, Response, parse_response_with};
use sha2::{Digest, Sha256};

/// A ticket number RT will not reach during the suite.
const MISSING: u64 = 999_999_999;

/// Writes a line past the test harness's output capture, so that it shows
/// in a plain `cargo test` run.
fn say(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{text}");
    let _ = out.flush();
}

fn sha(b: &[u8]) -> String {
    Sha256::digest(b)
        .iter()
        .map(|x| format!("{x:02x}"))
        .collect()
}

fn lossy(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// The endpoint a path belongs to: numbers and names replaced by
/// placeholders, the query reduced to its `format` and the names of the
/// other parameters.
fn endpoint(method: &str, path: &str) -> String {
    let (path, query) = path.split_once('?').unwrap_or((path, ""));
    let segments: Vec<&str> = path.split('/').collect();
    let mut out = Vec::new();
    for (i, s) in segments.iter().enumerate() {
        let named = i == 1 && matches!(segments[0], "user" | "queue" | "group") && *s != "new";
        if s.bytes().all(|b| b.is_ascii_digit()) && !s.is_empty() {
            out.push("<n>".to_owned());
        } else if named {
            out.push("<name>".to_owned());
        } else {
            out.push((*s).to_owned());
        }
    }
    let mut q: Vec<String> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some(("format", f)) => format!("format={f}"),
            Some((k, _)) => k.to_owned(),
            None => p.to_owned(),
        })
        .collect();
    q.sort();
    let mut e = format!("{method} {}", out.join("/"));
    if !q.is_empty() {
        e.push('?');
        e.push_str(&q.join("&"));
    }
    e
}

/// Parses a body with the framing of its endpoint; a body rt-wire cannot
/// parse fails the suite with the body shown.
fn parse(body: &[u8], framing: Framing) -> Response<'_> {
    parse_response_with(body, &ParseOptions::new().framing(framing))
        .unwrap_or_else(|e| panic!("rt-wire cannot parse RT's answer: {e}\n{}", lossy(body)))
}

fn object(body: &[u8]) -> Response<'_> {
    parse(body, Framing::Object)
}

fn reply(body: &[u8]) -> Reply<'_> {
    Reply::from_response(&object(body))
}

fn messages<'a>(r: &Reply<'a>) -> Vec<Message<'a>> {
    r.messages.iter().map(|n| n.message).collect()
}

/// The refusal a view reports; anything else fails the suite.
fn refusal<'a, T: std::fmt::Debug>(r: Result<T, ViewError<'a>>, body: &[u8]) -> ServerError<'a> {
    match r {
        Err(ViewError::Server(e)) => e,
        other => panic!("expected RT's refusal, got {other:?}\n{}", lossy(body)),
    }
}

fn view<T, E: std::fmt::Display>(r: Result<T, E>, body: &[u8]) -> T {
    r.unwrap_or_else(|e| panic!("{e}\n{}", lossy(body)))
}

/// The suite's state: the session, the per-run tag, and what was exercised.
struct Live {
    rt: Session,
    /// The user the suite logs in as.
    user: String,
    url: String,
    tag: String,
    endpoints: BTreeSet<String>,
    assertions: usize,
}

/// `assert!` that counts.
macro_rules! check {
    ($live:expr, $cond:expr, $($msg:tt)+) => {{
        $live.assertions += 1;
        assert!($cond, $($msg)+);
    }};
}

/// `assert_eq!` that counts.
macro_rules! check_eq {
    ($live:expr, $got:expr, $want:expr, $($msg:tt)+) => {{
        $live.assertions += 1;
        assert_eq!($got, $want, $($msg)+);
    }};
}

impl Live {
    fn read(&mut self, path: &str) -> Vec<u8> {
        self.endpoints.insert(endpoint("read", path));
        self.rt
            .read(path)
            .unwrap_or_else(|e| panic!("read {path}: {e}"))
    }

    fn write(&mut self, req: &WriteRequest<'_>) -> Vec<u8> {
        self.endpoints.insert(endpoint("write", req.path()));
        self.rt
            .write(req)
            .unwrap_or_else(|e| panic!("write {}: {e}", req.path()))
    }

    /// A write RT must accept: its messages, checked to hold no failure.
    fn write_ok(&mut self, req: &WriteRequest<'_>) -> Vec<u8> {
        let body = self.write(req);
        let r = reply(&body);
        check!(
            self,
            !r.is_failure(),
            "{} refused: {:?}\n{}",
            req.path(),
            messages(&r),
            lossy(&body)
        );
        check_eq!(
            self,
            r.status_kind(),
            Some(Status::Ok),
            "{}\n{}",
            req.path(),
            lossy(&body)
        );
        body
    }

    /// An edit RT must answer with exactly `# <object> <x> updated.`.
    fn update(&mut self, req: &WriteRequest<'_>, object: &str) -> Vec<u8> {
        let body = self.write_ok(req);
        let m = messages(&reply(&body));
        check!(
            self,
            matches!(&m[..], [Message::Updated { object: o, .. }] if *o == object),
            "{} {object}: {m:?}\n{}",
            req.path(),
            lossy(&body)
        );
        body
    }

    fn create_ticket(&mut self, req: &TicketCreate<'_>) -> u64 {
        let req = req.build().expect("the encoder builds the ticket");
        let body = self.write_ok(&req);
        let r = reply(&body);
        let id = r
            .created_id()
            .unwrap_or_else(|| panic!("no `# Ticket <n> created.`\n{}", lossy(&body)));
        check!(
            self,
            matches!(
                r.messages[0].message,
                Message::Created {
                    object: "Ticket",
                    ..
                }
            ),
            "{:?}",
            messages(&r)
        );
        id
    }

    fn show(&mut self, id: u64) -> Vec<u8> {
        self.read(&read::ticket(id))
    }
}

fn ticket<'a>(list: &'a TicketList<'_>, id: u64) -> &'a Ticket<'a> {
    list.tickets
        .iter()
        .find(|t| t.id().ok() == Some(id))
        .unwrap_or_else(|| panic!("ticket {id} not in the answer"))
}

fn text_of(t: &Ticket<'_>, key: &str) -> String {
    t.record()
        .text(key)
        .unwrap_or_else(|e| panic!("{key}: {e}"))
        .unwrap_or_else(|| panic!("no {key}"))
        .into_owned()
}

fn set_of(items: Vec<&[u8]>) -> BTreeSet<String> {
    items.into_iter().map(lossy).collect()
}

fn strings<I: IntoIterator<Item = S>, S: AsRef<str>>(items: I) -> BTreeSet<String> {
    items.into_iter().map(|s| s.as_ref().to_owned()).collect()
}

fn at(year: u16, month: u8, day: u8, hour: u8, minute: u8, second: u8) -> RtDate {
    RtDate::At(DateTime {
        year,
        month,
        day,
        hour,
        minute,
        second,
    })
}

#[path = "live/attachments.rs"]
mod attachments;
#[path = "live/comments.rs"]
mod comments;
#[path = "live/edits.rs"]
mod edits;
#[path = "live/errors.rs"]
mod errors;
#[path = "live/history.rs"]
mod history;
#[path = "live/links.rs"]
mod links;
#[path = "live/objects.rs"]
mod objects;
#[path = "live/searches.rs"]
mod searches;
#[path = "live/templates.rs"]
mod templates;
#[path = "live/tickets.rs"]
mod tickets;
#[path = "live/typed.rs"]
mod typed;

use attachments::attachments;
use comments::comment_and_correspond;
use edits::{edits_and_owner, merges};
use errors::errors;
use history::history;
use links::links;
use objects::{queues_and_groups, users};
use searches::searches;
use templates::{custom_fields_present, templates_and_fields};
use tickets::{main_ticket, other_tickets, show_several};
use typed::typed_endpoints;

#[test]
fn live_rt() {
    let Some(url) = oracle::env(
        "live_rt",
        "RT_URL",
        "a live RT: export RT_URL=$(scripts/rt-live.sh start 5)",
    ) else {
        return;
    };
    let started = Instant::now();
    let user = std::env::var("RT_USER").unwrap_or_else(|_| "root".to_owned());
    let pass = std::env::var("RT_PASS").unwrap_or_else(|_| "password".to_owned());
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let tag = format!("rtw{secs}p{}", std::process::id());
    let rt = Session::new(&url, Some(Credentials::new(user.clone(), pass.clone())))
        .expect("RT_URL is an http:// URL");
    let mut live = Live {
        rt,
        user: user.clone(),
        url: url.clone(),
        tag,
        endpoints: BTreeSet::new(),
        assertions: 0,
    };

    // Log in: RT's default answer, and the version from its status line.
    let body = live.read("");
    let version = {
        let r = object(&body);
        let status = r.status().expect("RT's status line");
        check_eq!(
            live,
            status.code(),
            200,
            "login as {user}\n{}",
            lossy(&body)
        );
        status.version().to_owned()
    };
    check_eq!(
        live,
        messages(&reply(&body)),
        vec![Message::InvalidObjectSpec { spec: "" }],
        "{}",
        lossy(&body)
    );
    custom_fields_present(&mut live);
    templates_and_fields(&mut live);
    let (a, sent) = main_ticket(&mut live);
    let others = other_tickets(&mut live);
    show_several(&mut live, a, &sent, &others);
    let uploads = comment_and_correspond(&mut live, a);
    let person = users(&mut live);
    edits_and_owner(&mut live, a, &others, &person);
    links(&mut live, a, &others);
    let merged = merges(&mut live, &others);
    let ours = history(&mut live, a, &sent, &uploads);
    attachments(&mut live, a, &uploads, &ours);
    queues_and_groups(&mut live);
    searches(&mut live, a, &sent, &others, merged, &person);
    typed_endpoints(&mut live, a);
    errors(&mut live, a, &user, &pass);

    let mut report = format!(
        "{} requests in {:.1}s against {url}; endpoints:\n",
        live.rt.requests,
        started.elapsed().as_secs_f64()
    );
    for e in &live.endpoints {
        report.push_str(&format!("  {e}\n"));
    }
    report.push_str(&format!(
        "live RT: {} endpoints, {} assertions, RT {version}",
        live.endpoints.len(),
        live.assertions
    ));
    say(&report);
}

/// The suite's HTTP client reads the framings RT's servers use (Starlet
/// sends chunked bodies, the standalone server `Content-Length`), without a
/// server.
#[test]
fn http_client_reads_chunked_and_sized_bodies() {
    let chunked = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nSet-Cookie: RT_SID_x.1=ab; path=/\r\n\r\n\
                    5\r\nRT/5.\r\n1e;ext=1\r\n0.3 200 Ok\n\n# Ticket 7 created\r\n0\r\nX-Trailer: 1\r\n\r\n";
    let r = http::read_response(&chunked[..], false).unwrap();
    assert_eq!(r.status, 200);
    assert_eq!(r.header("set-cookie"), Some("RT_SID_x.1=ab; path=/"));
    assert_eq!(r.body, b"RT/5.0.3 200 Ok\n\n# Ticket 7 created");

    let sized = b"HTTP/1.0 200 OK\r\nContent-Length: 4\r\n\r\nab\r\nextra";
    let r = http::read_response(&sized[..], false).unwrap();
    assert_eq!(r.body, b"ab\r\n");

    let to_end = b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nall\nof it";
    assert_eq!(
        http::read_response(&to_end[..], false).unwrap().body,
        b"all\nof it"
    );

    assert!(
        http::read_response(
            &b"HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nshort"[..],
            false
        )
        .is_err()
    );
    assert!(http::read_response(&b"SMTP nonsense\r\n\r\n"[..], false).is_err());
    assert!(http::BaseUrl::parse("https://x").is_err());
    let u = http::BaseUrl::parse("http://127.0.0.1:8085/rt/").unwrap();
    assert_eq!(
        (u.host.as_str(), u.port, u.path.as_str()),
        ("127.0.0.1", 8085, "/rt")
    );
}

#[test]
fn endpoints_are_named_by_shape() {
    assert_eq!(
        endpoint("read", "ticket/12/history/id/99"),
        "read ticket/<n>/history/id/<n>"
    );
    assert_eq!(
        endpoint("read", "user/dave@example.com"),
        "read user/<name>"
    );
    assert_eq!(endpoint("read", "user/new"), "read user/new");
    assert_eq!(
        endpoint("read", "search/ticket?query=x&format=l&fields=a,b"),
        "read search/ticket?fields&format=l&query"
    );
}
