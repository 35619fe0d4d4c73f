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
//! Every request is built by `rt_wire::request` and every answer read by
//! `rt_wire::views`. The checks are of two kinds, counted apart:
//!
//! - `sent_eq!` / `sent_check!`: a value RT gave back compared with the
//!   value the suite sent in a request: text byte for byte (subjects,
//!   ticket text, comments, custom-field values, user and queue fields),
//!   uploads by SHA-256 (and their sizes, names and types), people lists,
//!   links (read from both ends), priorities and durations, the dates the
//!   suite set, and the dates RT stamps on the run's writes compared with the
//!   time the request was made (within `CLOCK_SLACK` seconds).
//! - `check!` / `check_eq!`: a status or message check: RT's code, the
//!   typed message of a write or a refusal, a search's format and the ids it
//!   finds, a value RT sets itself (`Nobody`, `new`), two RT answers that
//!   must agree, an id RT echoes from the URL. Each write counts once.
//!
//! Not compared: values RT derives on its own (its HTML-to-text rendering
//! is only checked for shape), the bodies of RT's own notifications, and
//! anything the crate could only compare with itself (two parses of one
//! body are not a check). The encoder's own refusal of a file name with a
//! comma involves no RT and is asserted without being counted. Names carry a
//! per-run tag, so the suite can run again and again against the same
//! server. It ends with
//! `live RT: <E> endpoints, <V> values compared with what was sent, <S> status
//! and message checks, RT <version>`.
//!
//! Every request goes through `rt_wire::client` (feature `client`, which
//! `cargo test --all-features` enables).

#![cfg(feature = "client")]

#[path = "common/oracle.rs"]
#[allow(dead_code)]
mod oracle;

use std::collections::{BTreeMap, BTreeSet};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use rt_wire::client::{Client, Error as ClientError};
use rt_wire::request::{
    Attachment as Upload, Body, EncodeError, FieldName, ItemError, LinksEdit, MultiEdit,
    ObjectEdit, ObjectType, Order, Search, SearchFormat as Format, TakeAction, TicketComment,
    TicketCreate, TicketEdit, URLENCODED, WriteRequest, logout, merge, percent_encode, read, take,
    urlencoded_body,
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

/// The body of RT's 401 that a request must get; anything else fails the
/// suite.
fn unauthorized<T: std::fmt::Debug>(r: Result<T, ClientError>) -> Vec<u8> {
    match r {
        Err(ClientError::Unauthorized { body, .. }) => body.to_vec(),
        other => panic!("expected RT's 401, got {other:?}"),
    }
}

/// The suite's state: the client, the per-run tag, and what was exercised.
struct Live {
    rt: Client,
    /// The user the suite logs in as.
    user: String,
    url: String,
    tag: String,
    endpoints: BTreeSet<String>,
    /// When the run started (seconds since the epoch).
    started: i64,
    /// The offset of the RT user's time zone now, in seconds east of UTC:
    /// ticket dates are printed in it (REST 1.0 does not tell it; the run
    /// is told by `RT_USER_UTC_OFFSET`, `±HHMM`, default `+0000`).
    user_offset: i64,
    /// Values RT gave back compared with what the suite sent.
    values: usize,
    /// Status and message checks.
    statuses: usize,
}

/// How far a date RT stamps may stray from the time of the request, in
/// seconds (RT keeps whole seconds).
const CLOCK_SLACK: i64 = 5;

/// A status or message check: `assert!` counted as such.
macro_rules! check {
    ($live:expr, $cond:expr, $($msg:tt)+) => {{
        $live.statuses += 1;
        assert!($cond, $($msg)+);
    }};
}

/// A status or message check: `assert_eq!` counted as such.
macro_rules! check_eq {
    ($live:expr, $got:expr, $want:expr, $($msg:tt)+) => {{
        $live.statuses += 1;
        assert_eq!($got, $want, $($msg)+);
    }};
}

/// A value RT gave back (`got`) equal to the value the suite sent (`sent`).
macro_rules! sent_eq {
    ($live:expr, $got:expr, $sent:expr, $($msg:tt)+) => {{
        $live.values += 1;
        assert_eq!($got, $sent, $($msg)+);
    }};
}

/// A value RT gave back matching what the suite sent by a test other than
/// equality (a size, a time window, a name among those sent).
macro_rules! sent_check {
    ($live:expr, $cond:expr, $($msg:tt)+) => {{
        $live.values += 1;
        assert!($cond, $($msg)+);
    }};
}

impl Live {
    /// The exact body RT answers to a read.
    fn read(&mut self, path: &str) -> Vec<u8> {
        self.endpoints.insert(endpoint("read", path));
        self.rt
            .get_raw(path)
            .unwrap_or_else(|e| panic!("read {path}: {e}"))
            .to_vec()
    }

    /// The exact body RT answers to a write, whatever it says.
    fn write(&mut self, req: &WriteRequest<'_>) -> Vec<u8> {
        self.endpoints.insert(endpoint("write", req.path()));
        self.rt
            .send_raw(req)
            .unwrap_or_else(|e| panic!("write {}: {e}", req.path()))
            .to_vec()
    }

    /// Posts other parameters (`name=value`, url-encoded), for RT's legacy
    /// components that take no `content`.
    fn post_params(&mut self, path: &str, params: &[(&str, &str)]) -> Vec<u8> {
        self.endpoints.insert(endpoint("write", path));
        let mut bytes = Vec::new();
        for (i, (k, v)) in params.iter().enumerate() {
            if i > 0 {
                bytes.push(b'&');
            }
            percent_encode(k.as_bytes(), &mut bytes);
            bytes.push(b'=');
            percent_encode(v.as_bytes(), &mut bytes);
        }
        self.post(path, bytes)
    }

    /// Sends `content` as given (for requests the encoder refuses to build).
    fn write_raw(&mut self, path: &str, content: &[u8]) -> Vec<u8> {
        self.endpoints.insert(endpoint("write", path));
        let mut bytes = Vec::new();
        urlencoded_body(content, None, &mut bytes);
        self.post(path, bytes)
    }

    fn post(&mut self, path: &str, bytes: Vec<u8>) -> Vec<u8> {
        let body = Body {
            content_type: URLENCODED.to_owned(),
            bytes,
        };
        self.rt
            .post_raw(path, &body)
            .unwrap_or_else(|e| panic!("write {path}: {e}"))
            .to_vec()
    }

    /// A write RT must accept (200, no failure) with messages `ok` holds
    /// for: one check. Sent through the client's typed call, which reads
    /// RT's reply.
    fn write_ok_where(
        &mut self,
        req: &WriteRequest<'_>,
        ok: impl FnOnce(&[Message<'_>]) -> bool,
    ) -> Vec<u8> {
        self.endpoints.insert(endpoint("write", req.path()));
        let owned = self.rt.send(req).unwrap_or_else(|e| {
            let body = e.body().map(|b| lossy(b)).unwrap_or_default();
            panic!("{} refused: {e}\n{body}", req.path())
        });
        let body = owned.response().bytes().to_vec();
        let r = owned.view();
        let m = messages(&r);
        check!(
            self,
            !r.is_failure() && r.status_kind() == Some(Status::Ok) && ok(&m),
            "{} refused or unexpected: {m:?}\n{}",
            req.path(),
            lossy(&body)
        );
        body
    }

    /// A write RT must accept, whatever its messages.
    fn write_ok(&mut self, req: &WriteRequest<'_>) -> Vec<u8> {
        self.write_ok_where(req, |_| true)
    }

    /// A write RT must accept with exactly the messages `want`.
    fn write_says(&mut self, req: &WriteRequest<'_>, want: &[Message<'_>]) -> Vec<u8> {
        self.write_ok_where(req, |m| m == want)
    }

    /// An edit RT must answer with exactly `# <object> <x> updated.`.
    fn update(&mut self, req: &WriteRequest<'_>, object: &str) -> Vec<u8> {
        self.write_ok_where(
            req,
            |m| matches!(m, [Message::Updated { object: o, .. }] if *o == object),
        )
    }

    /// A create RT must answer with `# <object> <n> created.`; the number.
    fn create(&mut self, req: &WriteRequest<'_>, object: &str) -> u64 {
        let body = self.write_ok_where(
            req,
            |m| matches!(m.first(), Some(Message::Created { object: o, .. }) if *o == object),
        );
        reply(&body)
            .created_id()
            .unwrap_or_else(|| panic!("no `# {object} <n> created.`\n{}", lossy(&body)))
    }

    fn create_ticket(&mut self, req: &TicketCreate<'_>) -> u64 {
        let req = req.build().expect("the encoder builds the ticket");
        self.create(&req, "Ticket")
    }

    /// A date RT stamped on one of the run's writes and printed in UTC
    /// (history, transactions), compared with the time the request was
    /// made: after the run started, not after now.
    fn stamped_now(&mut self, got: Option<RtDate>, what: &str, body: &str) {
        self.stamped_now_at(got, 0, what, body);
    }

    /// The same for a ticket's own dates, printed in the user's zone.
    fn stamped_now_in_user_zone(&mut self, got: Option<RtDate>, what: &str, body: &str) {
        self.stamped_now_at(got, self.user_offset, what, body);
    }

    fn stamped_now_at(&mut self, got: Option<RtDate>, offset: i64, what: &str, body: &str) {
        let now = unix_now();
        let ok = matches!(&got, Some(RtDate::At(d))
            if (self.started - CLOCK_SLACK..=now + CLOCK_SLACK).contains(&(unix(d) - offset)));
        sent_check!(
            self,
            ok,
            "{what}: {got:?} is not between the start of the run ({}) and now ({now})\n{body}",
            self.started
        );
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

/// The date the suite sent as `YYYY-MM-DD hh:mm:ss`, as RT gives it back.
fn sent_date(text: &str) -> RtDate {
    let n: Vec<u16> = text
        .split(|c: char| !c.is_ascii_digit())
        .map(|x| x.parse().unwrap())
        .collect();
    let b = |i: usize| u8::try_from(n[i]).unwrap();
    RtDate::At(DateTime {
        year: n[0],
        month: b(1),
        day: b(2),
        hour: b(3),
        minute: b(4),
        second: b(5),
    })
}

fn unix_now() -> i64 {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    i64::try_from(secs).unwrap()
}

/// `RT_USER_UTC_OFFSET` (`+0100`, `-0530`) in seconds; 0 when unset.
fn user_offset() -> i64 {
    let Ok(text) = std::env::var("RT_USER_UTC_OFFSET") else {
        return 0;
    };
    let sign = match text.as_bytes().first() {
        Some(b'+') => 1,
        Some(b'-') => -1,
        _ => 0,
    };
    let digits = text.get(1..).unwrap_or_default();
    let n: i64 = digits.parse().unwrap_or(-1);
    assert!(
        sign != 0 && digits.len() == 4 && (0..2400).contains(&n) && n % 100 < 60,
        "RT_USER_UTC_OFFSET={text:?}: expected ±HHMM"
    );
    sign * (n / 100 * 3600 + n % 100 * 60)
}

/// Seconds since the epoch of a date RT gives in UTC.
fn unix(d: &DateTime) -> i64 {
    // Days from the civil date (H. Hinnant's algorithm).
    let (m, y) = (i64::from(d.month), i64::from(d.year));
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(d.day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    days * 86_400 + i64::from(d.hour) * 3600 + i64::from(d.minute) * 60 + i64::from(d.second)
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
#[path = "live/site.rs"]
mod site;
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
    let secs = unix_now();
    let tag = format!("rtw{secs}p{}", std::process::id());
    let rt = Client::new(&url, &user, &pass).expect("RT_URL is an http(s):// URL");
    let mut live = Live {
        rt,
        user: user.clone(),
        url: url.clone(),
        tag,
        endpoints: BTreeSet::new(),
        started: secs,
        user_offset: user_offset(),
        values: 0,
        statuses: 0,
    };

    // Log in: RT's default answer, and the version from its status line.
    live.endpoints.insert(endpoint("read", ""));
    let body = live.rt.login().expect("login").to_vec();
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
    typed_endpoints(&mut live, a, &uploads);
    site::site_checks(&mut live, &pass);
    errors(&mut live, a, &user, &pass);

    say(&summary(&live, started, &version));
}

/// What was exercised, and the summary line.
fn summary(live: &Live, started: Instant, version: &str) -> String {
    let mut report = format!(
        "{} requests in {:.1}s against {}; endpoints:\n",
        live.rt.requests(),
        started.elapsed().as_secs_f64(),
        live.url
    );
    for e in &live.endpoints {
        report.push_str(&format!("  {e}\n"));
    }
    report.push_str(&format!(
        "live RT: {} endpoints, {} values compared with what was sent, {} status and \
         message checks, RT {version}",
        live.endpoints.len(),
        live.values,
        live.statuses
    ));
    report
}

/// The suite's date arithmetic, without a server.
#[test]
fn dates_become_seconds_since_the_epoch() {
    let d = |t: &str| match sent_date(t) {
        RtDate::At(d) => unix(&d),
        other => panic!("{other:?}"),
    };
    assert_eq!(d("1970-01-01 00:00:00"), 0);
    assert_eq!(d("2000-01-01 00:00:00"), 946_684_800);
    assert_eq!(d("2024-02-29 12:34:56"), 1_709_210_096);
    assert_eq!(d("2030-12-24 10:00:00"), 1_924_336_800);
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
