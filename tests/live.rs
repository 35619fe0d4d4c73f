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

/// What the suite sent for the main ticket.
struct Sent {
    subject: String,
    text: &'static str,
    requestors: Vec<String>,
    cc: Vec<String>,
    admin_cc: Vec<String>,
    single: &'static str,
    colon: &'static str,
    braces: &'static str,
    notes: &'static str,
    unicode: &'static str,
    multi: Vec<&'static str>,
}

/// One uploaded file and where RT put it.
struct Uploaded {
    name: String,
    content_type: &'static str,
    bytes: Vec<u8>,
}

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

/// The custom fields the suite writes exist (scripts/rt-live-setup.sh).
fn custom_fields_present(live: &mut Live) {
    let path = read::queue_custom_fields("General", true, false).unwrap();
    let body = live.read(&path);
    let r = parse_response_with(&body, &ParseOptions::new().key_split(KeySplit::Last))
        .unwrap_or_else(|e| panic!("{e}\n{}", lossy(&body)));
    let names: BTreeSet<String> = r
        .forms()
        .flat_map(|f| f.fields().map(|x| lossy(x.key())).collect::<Vec<String>>())
        .collect();
    for cf in [
        "Single Line",
        "Multi Select",
        "Notes Text",
        "Colon: Field",
        "Braces {x} (y)",
        "Ünïcode Feld",
    ] {
        check!(
            live,
            names.contains(cf),
            "custom field {cf:?} missing in queue General: run scripts/rt-live-setup.sh \
             against this server first\n{}",
            lossy(&body)
        );
    }
}

/// `ticket/new`, `user/new`, `queue/new`, `group/new` templates, and the
/// custom fields of queue General itself.
fn templates_and_fields(live: &mut Live) {
    templates(live);
    let path = read::queue_custom_fields("General", false, true).unwrap();
    let body = live.read(&path);
    let r = parse_response_with(&body, &ParseOptions::new().key_split(KeySplit::Last))
        .unwrap_or_else(|e| panic!("{e}\n{}", lossy(&body)));
    let form = r.forms().next().expect("a form");
    let f = form
        .fields()
        .find(|f| f.key() == "Queue Note (queue note)".as_bytes())
        .unwrap_or_else(|| panic!("{}", lossy(&body)));
    check_eq!(
        live,
        lossy(&f.value().to_bytes()),
        "SingleValueFreeform",
        "{}",
        lossy(&body)
    );
}

/// `ticket/new`, `user/new`, `queue/new`, `group/new` templates.
fn templates(live: &mut Live) {
    for (kind, required) in [
        (None, vec!["id", "Queue"]),
        (Some(ObjectType::User), vec!["Name", "EmailAddress"]),
        (Some(ObjectType::Queue), vec!["Name"]),
        (Some(ObjectType::Group), vec!["Name"]),
    ] {
        let path = kind.map_or_else(read::ticket_template, read::template);
        let body = live.read(&path);
        let t = view(Template::from_response(&object(&body)), &body);
        let want = kind.map_or("ticket", ObjectType::as_str);
        check_eq!(live, t.kind(), Some(want), "{path}");
        check_eq!(live, t.required, required, "{path}\n{}", lossy(&body));
    }
}

/// Creates the main ticket with everything a create form can carry and
/// reads it back.
fn main_ticket(live: &mut Live) -> (u64, Sent) {
    let tag = live.tag.clone();
    let sent = Sent {
        subject: format!("Ünïcode ✓ {tag} «live» 'single' \"double\" 日本語 — tab\there"),
        text: "First line of the ticket ✓\n\n  indented by two\n\tand a tab\n# x\n--\n\
               Key: value\n-- \nsignature\n\n\nlast line",
        requestors: vec![
            format!("req1-{tag}@example.com"),
            format!("req2-{tag}@example.com"),
        ],
        cc: vec![
            format!("cc1-{tag}@example.com"),
            format!("cc2-{tag}@example.com"),
        ],
        admin_cc: vec![format!("admin-{tag}@example.com")],
        single: "value: with a colon and {braces}",
        colon: "colon field ✓",
        braces: "{braced} (paren) value",
        notes: "note line 1\n  indented note\n\nafter a blank line",
        unicode: "Wert ✓ ü 日本",
        multi: vec![
            "alpha",
            "beta,gamma",
            "it's",
            "back\\slash",
            "say \"hi\", twice",
        ],
    };
    let create_file = Upload::new(
        "create-note.txt",
        "text/plain",
        &b"attached at create\n"[..],
    )
    .expect("a file");
    let req = TicketCreate::new("General")
        .subject(sent.subject.as_str())
        .text(sent.text)
        .requestors(sent.requestors.iter().map(String::as_str))
        .cc(sent.cc.iter().map(String::as_str))
        .admin_cc(sent.admin_cc.iter().map(String::as_str))
        .custom_field("Single Line", sent.single)
        .custom_field("Colon: Field", sent.colon)
        .custom_field("Braces {x} (y)", sent.braces)
        .custom_field("Notes Text", sent.notes)
        .custom_field("Ünïcode Feld", sent.unicode)
        .custom_field_values("Multi Select", sent.multi.iter().copied())
        .priority(7)
        .initial_priority(3)
        .final_priority(90)
        .time_estimated(90)
        .time_left(30)
        .starts("2030-01-02 03:04:05")
        .due("2030-12-24 10:00:00")
        .attachment(create_file);
    let a = live.create_ticket(&req);

    let body = live.show(a);
    let bare = live.read(&format!("ticket/{a}"));
    check_eq!(
        live,
        lossy(&bare),
        lossy(&body),
        "ticket/<n> and ticket/<n>/show"
    );
    let list = view(TicketList::from_response(&object(&body)), &body);
    check_eq!(live, list.tickets.len(), 1, "{}", lossy(&body));
    let t = ticket(&list, a);
    let b = lossy(&body);
    check_eq!(live, text_of(t, "Subject"), sent.subject, "{b}");
    check_eq!(live, text_of(t, "Queue"), "General", "{b}");
    check_eq!(live, text_of(t, "Owner"), "Nobody", "{b}");
    check_eq!(live, t.status().unwrap(), Some(TicketStatus::New), "{b}");
    check_eq!(live, t.priority("Priority").unwrap(), Some(7), "{b}");
    check_eq!(live, t.priority("InitialPriority").unwrap(), Some(3), "{b}");
    check_eq!(live, t.priority("FinalPriority").unwrap(), Some(90), "{b}");
    check_eq!(
        live,
        set_of(t.requestors()),
        strings(&sent.requestors),
        "{b}"
    );
    check_eq!(live, set_of(t.cc()), strings(&sent.cc), "{b}");
    check_eq!(live, set_of(t.admin_cc()), strings(&sent.admin_cc), "{b}");
    check_eq!(
        live,
        t.date("Starts").unwrap(),
        Some(at(2030, 1, 2, 3, 4, 5)),
        "{b}"
    );
    check_eq!(
        live,
        t.date("Due").unwrap(),
        Some(at(2030, 12, 24, 10, 0, 0)),
        "{b}"
    );
    check_eq!(
        live,
        t.date("Resolved").unwrap(),
        Some(RtDate::NotSet),
        "{b}"
    );
    check!(
        live,
        matches!(t.date("Created").unwrap(), Some(RtDate::At(_))),
        "{b}"
    );
    check_eq!(live, t.minutes("TimeEstimated").unwrap(), Some(90), "{b}");
    check_eq!(live, t.minutes("TimeLeft").unwrap(), Some(30), "{b}");
    check_eq!(live, t.minutes("TimeWorked").unwrap(), Some(0), "{b}");
    for (name, want) in [
        ("Single Line", sent.single),
        ("Colon: Field", sent.colon),
        ("Braces {x} (y)", sent.braces),
        ("Notes Text", sent.notes),
        ("Ünïcode Feld", sent.unicode),
    ] {
        let cf = t
            .custom_field(name)
            .unwrap_or_else(|| panic!("CF {name} missing\n{b}"));
        check_eq!(live, cf.values().unwrap(), vec![want], "CF {name}\n{b}");
    }
    let multi = t.custom_field("Multi Select").expect("CF Multi Select");
    check_eq!(
        live,
        strings(multi.values().unwrap()),
        strings(&sent.multi),
        "{b}"
    );
    (a, sent)
}

/// The other tickets of the run.
struct Others {
    b: u64,
    parent: u64,
    merge_from: u64,
    merge_into: u64,
    subjects: BTreeMap<u64, String>,
}

fn other_tickets(live: &mut Live) -> Others {
    let tag = live.tag.clone();
    let mut subjects = BTreeMap::new();
    let mut make = |live: &mut Live, what: &str| {
        let subject = format!("{what} {tag}");
        let id = live.create_ticket(
            &TicketCreate::new("General")
                .subject(subject.as_str())
                .requestors([format!("{what}-{tag}@example.com")])
                .text(format!("Body of {what}")),
        );
        subjects.insert(id, subject);
        id
    };
    let b = make(live, "second");
    let parent = make(live, "parent");
    let merge_from = make(live, "merge-source");
    let merge_into = make(live, "merge-target");
    Others {
        b,
        parent,
        merge_from,
        merge_into,
        subjects,
    }
}

/// `show?id=ticket/<a>,<b>,…` with and without `fields=`.
fn show_several(live: &mut Live, a: u64, sent: &Sent, o: &Others) {
    let ids = [a, o.b, o.parent];
    let body = live.read(&read::show(ObjectType::Ticket, &ids, &[]));
    let list = view(TicketList::from_response(&object(&body)), &body);
    let got: Vec<u64> = list.tickets.iter().map(|t| t.id().unwrap()).collect();
    check_eq!(live, got, ids.to_vec(), "{}", lossy(&body));
    check_eq!(live, text_of(&list.tickets[0], "Subject"), sent.subject, "");
    for t in &list.tickets[1..] {
        let id = t.id().unwrap();
        check_eq!(live, text_of(t, "Subject"), o.subjects[&id], "{id}");
    }

    let fields = [
        FieldName::try_from("Subject").unwrap(),
        FieldName::custom_field("Colon: Field").unwrap(),
        FieldName::custom_field("Braces {x} (y)").unwrap(),
    ];
    let body = live.read(&read::show(ObjectType::Ticket, &[a, o.b], &fields));
    let list = view(TicketList::from_response(&object(&body)), &body);
    check_eq!(live, list.tickets.len(), 2, "{}", lossy(&body));
    let t = ticket(&list, a);
    check_eq!(
        live,
        text_of(t, "Subject"),
        sent.subject,
        "{}",
        lossy(&body)
    );
    check_eq!(
        live,
        t.custom_field("Colon: Field").map(|c| c.values().unwrap()),
        Some(vec![sent.colon.into()]),
        "{}",
        lossy(&body)
    );
    check_eq!(
        live,
        t.custom_field("Braces {x} (y)")
            .map(|c| c.values().unwrap()),
        Some(vec![sent.braces.into()]),
        "{}",
        lossy(&body)
    );
    check!(live, t.record().get("Status").is_none(), "{}", lossy(&body));
}

fn all_bytes() -> Vec<u8> {
    (0..=255u8).collect()
}

/// A comment with files of every kind, a reply in HTML; the encoder's
/// refusal of a file name with a comma.
fn comment_and_correspond(live: &mut Live, a: u64) -> Vec<Uploaded> {
    let uploads = vec![
        Uploaded {
            name: "notes.txt".into(),
            content_type: "text/plain",
            bytes: b"line one\nline two\n\n\n".to_vec(),
        },
        Uploaded {
            name: "all-bytes.bin".into(),
            content_type: "application/octet-stream",
            bytes: all_bytes(),
        },
        Uploaded {
            name: "empty.txt".into(),
            content_type: "text/plain",
            bytes: Vec::new(),
        },
        Uploaded {
            name: "résumé ünï ✓.txt".into(),
            content_type: "text/plain",
            bytes: "unicode name ✓\nno final newline".as_bytes().to_vec(),
        },
    ];
    let text = "Comment ✓\n\n   three-space indent\n# x\n--\nKey: value";
    let mut req = TicketComment::comment(a, text).time_worked(5);
    for u in &uploads {
        req = req.attachment(Upload::new(u.name.as_str(), u.content_type, &u.bytes[..]).unwrap());
    }
    let body = live.write_ok(&req.build().expect("the encoder builds the comment"));
    check_eq!(
        live,
        messages(&reply(&body)),
        vec![Message::CommentAdded],
        "{}",
        lossy(&body)
    );

    // A file name with a comma cannot be listed in `Attachment:`.
    let comma = Upload::new("a,b.txt", "text/plain", &b"x"[..]).unwrap();
    let refused = TicketComment::comment(a, "never sent")
        .attachment(comma)
        .build();
    check_eq!(
        live,
        refused,
        Err(EncodeError::ListItem {
            field: Some("Attachment".into()),
            index: 0,
            reason: ItemError::Comma,
        }),
        "a comma in a file name"
    );

    let html = "<p>Hello <b>wörld</b> ✓</p>\n<ul>\n  <li>one</li>\n</ul>\n";
    let req = TicketComment::correspond(a, html)
        .content_type("text/html")
        .cc([format!("reply-cc-{}@example.com", live.tag)])
        .build()
        .unwrap();
    let body = live.write_ok(&req);
    check_eq!(
        live,
        messages(&reply(&body)),
        vec![Message::CorrespondenceAdded],
        "{}",
        lossy(&body)
    );
    let mut all = uploads;
    all.push(Uploaded {
        name: String::new(),
        content_type: "text/html",
        bytes: html.as_bytes().to_vec(),
    });
    all.push(Uploaded {
        name: "create-note.txt".into(),
        content_type: "text/plain",
        bytes: b"attached at create\n".to_vec(),
    });
    all
}

/// A user the suite creates and edits.
struct Person {
    name: String,
    email: String,
    id: u64,
}

fn users(live: &mut Live) -> Person {
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

/// Status, priority, custom field, owner (take / steal / untake), and a
/// multi-form edit.
fn edits_and_owner(live: &mut Live, a: u64, o: &Others, p: &Person) {
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

    // Owner: take, give to the run's user, steal back, untake.
    let me = live.user.clone();
    let owner_changed = |body: &[u8], from: &str, to: &str| {
        messages(&reply(body)) == vec![Message::OwnerChanged { from, to }]
    };
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

    // Two tickets in one request.
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

/// Depends-on, refers-to an external URL, member-of; read from both ends.
fn links(live: &mut Live, a: u64, o: &Others) {
    let external = format!("https://example.com/rt-wire/{}?q=1&r=%C3%BC", live.tag);
    let req = LinksEdit::new(a)
        .depends_on([o.b.to_string()])
        .refers_to([external.as_str()])
        .member_of([o.parent.to_string()])
        .build()
        .unwrap();
    let body = live.write_ok(&req);
    check_eq!(
        live,
        messages(&reply(&body)),
        vec![Message::LinksUpdated {
            ticket: &a.to_string()
        }],
        "{}",
        lossy(&body)
    );

    let body = live.read(&read::ticket_links(a, false));
    let l = view(Links::from_response(&object(&body)), &body);
    let b = lossy(&body);
    check_eq!(live, l.ticket().unwrap(), a, "{b}");
    let tickets = |v: Vec<LinkTarget<'_>>| v.iter().map(|t| t.ticket()).collect::<Vec<_>>();
    check_eq!(
        live,
        tickets(l.get(Relation::DependsOn).unwrap()),
        vec![Some(o.b)],
        "{b}"
    );
    check_eq!(
        live,
        l.get(Relation::RefersTo).unwrap(),
        vec![LinkTarget::Uri(&external)],
        "{b}"
    );
    check_eq!(
        live,
        tickets(l.get(Relation::MemberOf).unwrap()),
        vec![Some(o.parent)],
        "{b}"
    );
    check!(live, l.get(Relation::Members).unwrap().is_empty(), "{b}");

    let body = live.read(&read::ticket_links(o.parent, true));
    let l = view(Links::from_response(&object(&body)), &body);
    let b = lossy(&body);
    check_eq!(
        live,
        tickets(l.get(Relation::Members).unwrap()),
        vec![Some(a)],
        "{b}"
    );
    check!(live, l.get(Relation::DependsOn).unwrap().is_empty(), "{b}");
    check!(
        live,
        l.record().get("DependsOn").is_some(),
        "format=l lists empty relations\n{b}"
    );

    let body = live.read(&read::ticket_links(o.b, false));
    let l = view(Links::from_response(&object(&body)), &body);
    check_eq!(
        live,
        tickets(l.get(Relation::DependedOnBy).unwrap()),
        vec![Some(a)],
        "{}",
        lossy(&body)
    );

    // The legacy component `ticket/link` (no `content`; plain-text answers).
    let (from, to) = (o.b.to_string(), o.parent.to_string());
    for del in [false, true] {
        let mut params = vec![
            ("id", from.as_str()),
            ("rel", "RefersTo"),
            ("to", to.as_str()),
        ];
        if del {
            params.push(("del", "1"));
        }
        live.endpoints.insert(endpoint("write", "ticket/link"));
        let body = live.rt.post_params("ticket/link", &params).unwrap();
        let r = reply(&body);
        check!(
            live,
            matches!(
                messages(&r)[..],
                [Message::LinkChanged { created, base, relation: "RefersTo", target, .. }]
                    if created != del && base == from && target == to
            ),
            "{}",
            lossy(&body)
        );
        let body = live.read(&read::ticket_links(o.b, false));
        let l = view(Links::from_response(&object(&body)), &body);
        let refers = tickets(l.get(Relation::RefersTo).unwrap());
        let want = if del { vec![] } else { vec![Some(o.parent)] };
        check_eq!(live, refers, want, "{}", lossy(&body));
    }
    // Its refusals are plain text too (the catalogue of src/catalogue.rs):
    // read as text, never as a form with a field `Invalid link`.
    let refusals: [(&[(&str, &str)], Message<'_>); 3] = [
        (
            &[("id", &from), ("rel", "Bogus"), ("to", &to)],
            Message::InvalidLink { relation: "Bogus" },
        ),
        (
            &[("id", "abc"), ("rel", "RefersTo"), ("to", &to)],
            Message::InvalidTicketId {
                message: "Invalid ticket id: 'abc'.",
            },
        ),
        (
            &[("id", "999999"), ("rel", "RefersTo"), ("to", &to)],
            Message::InvalidTicketId {
                message: "Couldn't load ticket id: '999999'.",
            },
        ),
    ];
    for (params, want) in refusals {
        let body = live.rt.post_params("ticket/link", params).unwrap();
        let r = object(&body);
        check!(live, r.forms().next().is_none(), "{}", lossy(&body));
        check_eq!(
            live,
            messages(&reply(&body)),
            vec![want],
            "{}",
            lossy(&body)
        );
    }
}

/// Merges one ticket into another: the source is shown under the target.
fn merges(live: &mut Live, o: &Others) -> u64 {
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

/// The listing, every attachment through both URLs, and its raw content.
/// `ours`: the attachments of the suite's own transactions (RT adds those
/// of the notifications it sends).
fn attachments(live: &mut Live, a: u64, uploads: &[Uploaded], ours: &BTreeSet<u64>) {
    let body = live.read(&read::ticket_attachments(a));
    let list = view(AttachmentList::from_response(&object(&body)), &body);
    let b = lossy(&body);
    check_eq!(live, list.ticket, Some(a), "{b}");
    let mut seen = BTreeSet::new();
    for up in uploads {
        let item = list
            .items
            .iter()
            .find(|i| {
                ours.contains(&i.id)
                    && i.content_type == up.content_type
                    && (up.name.is_empty() && i.name.is_none()
                        || i.name == Some(up.name.as_bytes()))
            })
            .unwrap_or_else(|| panic!("{:?} ({}) not listed\n{b}", up.name, up.content_type));
        check!(live, seen.insert(item.id), "{} listed once\n{b}", up.name);
        // RT lists the size of a text part in characters, of any other part
        // in bytes.
        let size = if up.content_type.starts_with("text/") {
            std::str::from_utf8(&up.bytes).unwrap().chars().count()
        } else {
            up.bytes.len()
        };
        check!(
            live,
            item.size.matches(size as u64),
            "{}: {} for {size}\n{b}",
            up.name,
            item.size_text,
        );

        // `ticket/<n>/attachments/<a>`: the whole form, original bytes.
        let body = live.read(&read::ticket_attachment(a, item.id));
        let att = view(Attachment::from_response(&object(&body)), &body);
        let ab = lossy(&body);
        check_eq!(live, att.id().unwrap(), item.id, "{ab}");
        check_eq!(live, att.content_type(), Some(up.content_type), "{ab}");
        if !up.name.is_empty() {
            check_eq!(
                live,
                att.filename().map(|f| f.to_str().unwrap().into_owned()),
                Some(up.name.clone()),
                "{ab}"
            );
        }
        let original = view(att.original_bytes(), &body);
        check_eq!(
            live,
            sha(&original.bytes),
            sha(&up.bytes),
            "{}: {ab}",
            up.name
        );

        // `attachment/<a>`: the same, with a placeholder for binary parts.
        let body = live.read(&read::attachment(item.id));
        let att2 = view(Attachment::from_response(&object(&body)), &body);
        check_eq!(
            live,
            att2.content_type(),
            Some(up.content_type),
            "{}",
            lossy(&body)
        );
        check_eq!(
            live,
            att2.is_placeholder(),
            !up.content_type.starts_with("text/"),
            "{}",
            lossy(&body)
        );
        if !att2.is_placeholder() {
            check_eq!(
                live,
                sha(&view(att2.original_bytes(), &body).bytes),
                sha(&up.bytes),
                "{}",
                lossy(&body)
            );
        }

        // Both raw content endpoints give the uploaded bytes.
        for path in [
            read::ticket_attachment_content(a, item.id),
            read::attachment_content(item.id),
        ] {
            let body = live.read(&path);
            let got = view(
                AttachmentContent::from_response(&parse(&body, Framing::Content)),
                &body,
            );
            check_eq!(
                live,
                sha(got.bytes),
                sha(&up.bytes),
                "{path}: {:?}",
                lossy(got.bytes)
            );
        }
    }
}

/// Short and long history, each entry, each transaction. Returns the
/// attachment ids of the create, comment and correspond transactions.
fn history(live: &mut Live, a: u64, sent: &Sent, uploads: &[Uploaded]) -> BTreeSet<u64> {
    let body = live.read(&read::ticket_history(a, false));
    let short_body = body;
    let short = view(History::from_response(&object(&short_body)), &short_body);
    let sb = lossy(&short_body);
    check_eq!(
        live,
        short.header.matched,
        short.entries.len() as u64,
        "{sb}"
    );
    check_eq!(live, short.header.total, short.entries.len() as u64, "{sb}");
    check_eq!(live, short.header.args, "", "{sb}");

    let body = live.read(&read::ticket_history(a, true));
    let long = view(LongHistory::from_response(&object(&body)), &body);
    let lb = lossy(&body);
    let short_ids: Vec<u64> = short.entries.iter().map(|e| e.id).collect();
    let long_ids: Vec<u64> = long.entries.iter().map(|e| e.id().unwrap()).collect();
    check_eq!(live, long_ids, short_ids, "{lb}");
    for (s, l) in short.entries.iter().zip(&long.entries) {
        check_eq!(live, l.ticket().unwrap(), Some(a), "{lb}");
        check_eq!(
            live,
            l.description().map(|d| d.to_bytes()),
            Some(s.description.to_bytes()),
            "{lb}"
        );
    }
    let of_kind = |kind: TransactionType<'_>| {
        long.entries
            .iter()
            .find(|e| e.kind() == Some(kind))
            .unwrap_or_else(|| panic!("no {kind:?} transaction\n{lb}"))
    };
    let create = of_kind(TransactionType::Create);
    check_eq!(
        live,
        create.content().unwrap().to_str().unwrap(),
        sent.text,
        "the ticket's text\n{lb}"
    );
    let comment = of_kind(TransactionType::Comment);
    check_eq!(
        live,
        comment.content().unwrap().to_str().unwrap(),
        "Comment ✓\n\n   three-space indent\n# x\n--\nKey: value",
        "{lb}"
    );
    check_eq!(live, comment.time_taken().unwrap(), Some(5), "{lb}");
    let names: BTreeSet<String> = comment
        .attachments()
        .unwrap()
        .iter()
        .map(|x| lossy(x.name))
        .collect();
    for up in uploads.iter().take(4) {
        check!(
            live,
            names.contains(&up.name),
            "{} in {names:?}\n{lb}",
            up.name
        );
    }
    let correspond = of_kind(TransactionType::Correspond);
    let html = &uploads
        .iter()
        .find(|u| u.content_type == "text/html")
        .unwrap()
        .bytes;
    // RT shows an HTML message as text (its own converter); the HTML
    // itself comes back from the attachment (below).
    let shown = correspond.content().unwrap().to_str().unwrap().into_owned();
    check!(
        live,
        shown.starts_with("Hello wörld ✓") && !shown.contains("<p>"),
        "{shown:?} for {}\n{lb}",
        lossy(html)
    );

    // A filtered listing.
    let body = live.read(&format!("ticket/{a}/history/type/Comment"));
    let h = view(History::from_response(&object(&body)), &body);
    let b = lossy(&body);
    check_eq!(live, h.header.args, "type/Comment", "{b}");
    check_eq!(
        live,
        (h.header.matched, h.header.total),
        (1, short.header.total),
        "{b}"
    );
    check_eq!(
        live,
        h.entries.iter().map(|e| e.id).collect::<Vec<_>>(),
        vec![comment.id().unwrap()],
        "{b}"
    );

    let ours: BTreeSet<u64> = [create, comment, correspond]
        .iter()
        .flat_map(|e| e.attachments().unwrap())
        .map(|x| x.id)
        .collect();

    // Each entry alone, and each as a transaction.
    let (create_id, comment_id) = (create.id().unwrap(), comment.id().unwrap());
    for (s, l) in short.entries.iter().zip(&long.entries) {
        let body = live.read(&read::ticket_history_entry(a, s.id));
        let one = view(LongHistory::from_response(&object(&body)), &body);
        let b = lossy(&body);
        check_eq!(live, one.entries.len(), 1, "{b}");
        let e = &one.entries[0];
        check_eq!(live, e.id().unwrap(), s.id, "{b}");
        check_eq!(live, e.kind(), l.kind(), "{b}");
        check_eq!(
            live,
            e.content().map(|c| c.to_bytes()),
            l.content().map(|c| c.to_bytes()),
            "{b}"
        );
        check_eq!(
            live,
            e.header.map(|h| h.args),
            Some(&*format!("id/{}", s.id)),
            "{b}"
        );
        if s.id == create_id || s.id == comment_id {
            for long_form in [false, true] {
                let body = live.read(&read::transaction(s.id, long_form));
                let t = view(LongHistory::from_response(&object(&body)), &body);
                let b = lossy(&body);
                check_eq!(live, t.entries[0].id().unwrap(), s.id, "{b}");
                check_eq!(
                    live,
                    t.entries[0].description().map(|d| d.to_bytes()),
                    Some(s.description.to_bytes()),
                    "{b}"
                );
                if long_form {
                    check_eq!(
                        live,
                        t.entries[0].content().map(|c| c.to_bytes()),
                        l.content().map(|c| c.to_bytes()),
                        "{b}"
                    );
                }
            }
        }
    }
    ours
}

/// A queue and a group: create, read, edit, read back.
fn queues_and_groups(live: &mut Live) {
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

/// Ticket searches in every format; user and queue searches.
fn searches(live: &mut Live, a: u64, sent: &Sent, o: &Others, merged: u64, p: &Person) {
    let query = format!("Subject LIKE '{}'", live.tag);
    let mut want: BTreeMap<u64, String> = o.subjects.clone();
    want.remove(&merged);
    want.insert(a, sent.subject.clone());
    let ids: Vec<u64> = want.keys().copied().collect();

    let search = |format: Option<Format>, fields: Vec<FieldName>| {
        let mut s =
            Search::new(ObjectType::Ticket, query.as_str()).order_by(Order::Ascending, "id");
        if let Some(f) = format {
            s = s.format(f);
        }
        s.fields(fields).to_url()
    };

    let body = live.read(&search(Some(Format::Ids), vec![]));
    let s = view(
        SearchResults::from_response(&parse(&body, Framing::Search)),
        &body,
    );
    let b = lossy(&body);
    check_eq!(live, s.format, SearchFormat::Ids, "{b}");
    check_eq!(
        live,
        s.rows.iter().map(|r| r.id).collect::<Vec<_>>(),
        ids,
        "{b}"
    );
    check!(live, s.rows.iter().all(|r| r.kind == Some("ticket")), "{b}");

    let body = live.read(&search(Some(Format::Short), vec![]));
    let s = view(
        SearchResults::from_response(&parse(&body, Framing::Search)),
        &body,
    );
    let b = lossy(&body);
    check_eq!(live, s.format, SearchFormat::Short, "{b}");
    let got: BTreeMap<u64, String> = s
        .rows
        .iter()
        .map(|r| (r.id, lossy(r.summary.as_deref().unwrap_or_default())))
        .collect();
    check_eq!(live, got, want, "{b}");

    // Format `s` with `fields=` is a table; RT does not escape tabs, so the
    // main ticket (whose subject holds one) is left out of this check.
    let fields = vec![
        FieldName::try_from("Subject").unwrap(),
        FieldName::try_from("Status").unwrap(),
    ];
    let body = live.read(&search(Some(Format::Short), fields.clone()));
    let s = view(
        SearchResults::from_response(&parse(&body, Framing::Search)),
        &body,
    );
    let b = lossy(&body);
    check_eq!(live, s.format, SearchFormat::Table, "{b}");
    check_eq!(
        live,
        s.header.iter().map(|h| lossy(h)).collect::<Vec<_>>(),
        ["id", "Subject", "Status"],
        "{b}"
    );
    for row in s.rows.iter().filter(|r| r.id != a) {
        check_eq!(
            live,
            row.get("Subject").map(|v| lossy(v)),
            Some(want[&row.id].clone()),
            "{b}"
        );
        check_eq!(
            live,
            row.get("Status").map(|v| lossy(v)),
            Some("new".to_owned()),
            "{b}"
        );
    }

    let mut long_fields = fields;
    long_fields.push(FieldName::custom_field("Colon: Field").unwrap());
    long_fields.push(FieldName::try_from("Requestors").unwrap());
    let body = live.read(&search(Some(Format::Long), long_fields));
    let s = view(
        SearchResults::from_response(&parse(&body, Framing::Search)),
        &body,
    );
    let b = lossy(&body);
    check_eq!(live, s.format, SearchFormat::Long, "{b}");
    check_eq!(
        live,
        s.rows.iter().map(|r| r.id).collect::<Vec<_>>(),
        ids,
        "{b}"
    );
    for row in &s.rows {
        check_eq!(
            live,
            row.get("Subject").map(|v| lossy(v)),
            Some(want[&row.id].clone()),
            "{b}"
        );
    }
    let row = s.rows.iter().find(|r| r.id == a).unwrap();
    check_eq!(
        live,
        row.get("CF.{Colon: Field}").map(|v| lossy(v)),
        Some(sent.colon.to_owned()),
        "{b}"
    );
    check_eq!(
        live,
        row.get("Status").map(|v| lossy(v)),
        Some("open".to_owned()),
        "{b}"
    );
    // The same search, read as tickets.
    let r = parse(&body, Framing::Search);
    let list = view(TicketList::from_response(&r), &body);
    check_eq!(
        live,
        text_of(ticket(&list, a), "Subject"),
        sent.subject,
        "{b}"
    );
    check_eq!(
        live,
        set_of(ticket(&list, a).requestors()),
        strings(&sent.requestors),
        "{b}"
    );

    // Descending order.
    let url = Search::new(ObjectType::Ticket, query.as_str())
        .order_by(Order::Descending, "id")
        .format(Format::Ids)
        .to_url();
    let body = live.read(&url);
    let s = view(
        SearchResults::from_response(&parse(&body, Framing::Search)),
        &body,
    );
    let mut desc = ids.clone();
    desc.reverse();
    check_eq!(
        live,
        s.rows.iter().map(|r| r.id).collect::<Vec<_>>(),
        desc,
        "{}",
        lossy(&body)
    );

    // Nothing found: format `s` and `i`.
    let none = format!("Subject = 'nothing {}'", live.tag);
    for (format, want_format) in [
        (Format::Short, SearchFormat::Short),
        (Format::Ids, SearchFormat::Ids),
    ] {
        let body = live.read(
            &Search::new(ObjectType::Ticket, none.as_str())
                .format(format)
                .to_url(),
        );
        let s = view(
            SearchResults::from_response(&parse(&body, Framing::Search)),
            &body,
        );
        check_eq!(
            live,
            (s.format, s.rows.len()),
            (want_format, 0),
            "{}",
            lossy(&body)
        );
    }

    // Users and queues.
    let body = live.read(
        &Search::new(ObjectType::User, format!("Name = '{}'", p.name))
            .format(Format::Short)
            .to_url(),
    );
    let s = view(
        SearchResults::from_response(&parse(&body, Framing::Search)),
        &body,
    );
    let b = lossy(&body);
    check_eq!(live, s.rows.len(), 1, "{b}");
    check_eq!(live, s.rows[0].id, p.id, "{b}");
    check_eq!(
        live,
        s.rows[0].get("Name").map(|v| lossy(v)),
        Some(p.name.clone()),
        "{b}"
    );
    let body = live.read(
        &Search::new(ObjectType::User, format!("EmailAddress = '{}'", p.email))
            .format(Format::Long)
            .to_url(),
    );
    let s = view(
        SearchResults::from_response(&parse(&body, Framing::Search)),
        &body,
    );
    let b = lossy(&body);
    check_eq!(
        live,
        s.rows.iter().map(|r| r.id).collect::<Vec<_>>(),
        vec![p.id],
        "{b}"
    );
    check_eq!(
        live,
        s.rows[0].get("RealName").map(|v| lossy(v)),
        Some("Renamed Person ✓".to_owned()),
        "{b}"
    );
    let body = live.read(
        &Search::new(ObjectType::Queue, "Name = 'General'")
            .format(Format::Ids)
            .to_url(),
    );
    let s = view(
        SearchResults::from_response(&parse(&body, Framing::Search)),
        &body,
    );
    let b = lossy(&body);
    check_eq!(live, s.rows.len(), 1, "{b}");
    check_eq!(live, s.rows[0].kind, Some("queue"), "{b}");
}

/// Every refusal, typed.
fn errors(live: &mut Live, a: u64, user: &str, pass: &str) {
    // No credentials.
    let mut anon = Session::new(&live.url, None).unwrap();
    let path = read::ticket(a);
    live.endpoints.insert(endpoint("read", &path));
    let body = anon.read(&path).unwrap();
    let e = refusal(TicketList::from_response(&object(&body)), &body);
    check_eq!(
        live,
        e.status(),
        Some(Status::Unauthorized),
        "{}",
        lossy(&body)
    );
    check_eq!(live, e.code(), Some(401), "{}", lossy(&body));
    check!(live, e.reply.messages.is_empty(), "{}", lossy(&body));

    // A wrong password.
    let wrong = format!("{pass}-wrong");
    let mut bad = Session::new(&live.url, Some(Credentials::new(user, wrong))).unwrap();
    let body = bad.read(&path).unwrap();
    let e = refusal(TicketList::from_response(&object(&body)), &body);
    check_eq!(
        live,
        e.status(),
        Some(Status::Unauthorized),
        "{}",
        lossy(&body)
    );
    check_eq!(
        live,
        e.message().map(|n| n.message),
        Some(Message::BadCredentials),
        "{}",
        lossy(&body)
    );

    // A missing ticket: read, comment, links.
    let missing = MISSING.to_string();
    let body = live.show(MISSING);
    let e = refusal(TicketList::from_response(&object(&body)), &body);
    check_eq!(
        live,
        e.message().map(|n| n.message),
        Some(Message::NotFound {
            object: "Ticket",
            id: &missing
        }),
        "{}",
        lossy(&body)
    );
    let body = live.write(
        &TicketComment::comment(MISSING, "to nowhere")
            .build()
            .unwrap(),
    );
    let e = reply(&body).check().unwrap_err();
    check_eq!(
        live,
        e.status(),
        Some(Status::BadRequest),
        "{}",
        lossy(&body)
    );
    check_eq!(
        live,
        e.message().map(|n| n.message),
        Some(Message::NotFound {
            object: "Ticket",
            id: &missing
        }),
        "{}",
        lossy(&body)
    );
    let body = live.read(&read::ticket_attachment(a, MISSING));
    let e = refusal(Attachment::from_response(&object(&body)), &body);
    check_eq!(
        live,
        e.message().map(|n| n.message),
        Some(Message::InvalidAttachmentId { id: &missing }),
        "{}",
        lossy(&body)
    );

    // An unknown field: on edit the other keys are applied, on create
    // nothing is created.
    let body = live.write(
        &TicketEdit::new(a)
            .set("Bogus", "x")
            .priority(43)
            .build()
            .unwrap(),
    );
    let r = reply(&body);
    check_eq!(
        live,
        r.status_kind(),
        Some(Status::Conflict),
        "{}",
        lossy(&body)
    );
    let m = messages(&r);
    check!(
        live,
        m.contains(&Message::UnknownField { key: "bogus" }),
        "{m:?}"
    );
    check!(
        live,
        m.contains(&Message::Updated {
            object: "Ticket",
            id: &a.to_string()
        }),
        "{m:?}"
    );
    let body = live.write(
        &TicketCreate::new("General")
            .subject("never created")
            .set("Bogus", "x")
            .build()
            .unwrap(),
    );
    let e = reply(&body).check().unwrap_err();
    check_eq!(live, e.status(), Some(Status::Conflict), "{}", lossy(&body));
    let m = messages(&e.reply);
    check!(
        live,
        matches!(
            m[0],
            Message::CouldNotCreate {
                object: "ticket",
                ..
            }
        ),
        "{m:?}"
    );
    check!(
        live,
        m.contains(&Message::UnknownField { key: "Bogus" }),
        "{m:?}"
    );

    let nope = format!("Nope {}", live.tag);
    let body = live.write(&TicketEdit::new(a).custom_field(&nope, "y").build().unwrap());
    let e = reply(&body).check().unwrap_err();
    check_eq!(live, e.status(), Some(Status::Conflict), "{}", lossy(&body));
    let key = nope.to_lowercase();
    check_eq!(
        live,
        e.message().map(|n| n.message),
        Some(Message::UnknownCustomField { key: &key }),
        "{}",
        lossy(&body)
    );
    // On create an unknown custom field is only reported.
    let body = live.write(
        &TicketCreate::new("General")
            .subject("invalid custom field")
            .custom_field(&nope, "y")
            .build()
            .unwrap(),
    );
    let r = reply(&body);
    check!(live, !r.is_failure(), "{}", lossy(&body));
    check!(live, r.created_id().is_some(), "{}", lossy(&body));
    check!(
        live,
        messages(&r).contains(&Message::InvalidCustomFieldName { name: &nope }),
        "{}",
        lossy(&body)
    );

    // An empty comment.
    let body = live.write(&TicketComment::comment(a, "").build().unwrap());
    let e = reply(&body).check().unwrap_err();
    check_eq!(
        live,
        e.status(),
        Some(Status::BadRequest),
        "{}",
        lossy(&body)
    );
    check_eq!(
        live,
        e.message().map(|n| n.message),
        Some(Message::EmptyComment),
        "{}",
        lossy(&body)
    );

    // An invalid value.
    let body = live.write(&TicketEdit::new(a).status("no-such-status").build().unwrap());
    let e = reply(&body).check().unwrap_err();
    check_eq!(live, e.status(), Some(Status::Conflict), "{}", lossy(&body));
    check!(
        live,
        matches!(
            e.message().map(|n| n.message),
            Some(Message::FieldError { key: "Status", .. })
        ),
        "{}",
        lossy(&body)
    );

    // A syntax error: a `#` line after a field, which the encoder cannot
    // produce, sent as raw content.
    let path = format!("ticket/{a}/edit");
    live.endpoints.insert(endpoint("write", &path));
    let raw = format!("id: ticket/{a}\nSubject: never applied\n# not allowed here\n");
    let body = live.rt.write_raw(&path, raw.as_bytes()).unwrap();
    let e = reply(&body).check().unwrap_err();
    check_eq!(live, e.status(), Some(Status::Conflict), "{}", lossy(&body));
    match e.message().map(|n| n.message) {
        Some(Message::SyntaxError { echoed, rejected }) => {
            check_eq!(
                live,
                lossy(rejected),
                ">> # not allowed here",
                "{}",
                lossy(&body)
            );
            check!(
                live,
                lossy(echoed).contains("Subject: never applied"),
                "{}",
                lossy(&body)
            );
        }
        other => panic!("expected a syntax error, got {other:?}\n{}", lossy(&body)),
    }

    // A merge into a missing ticket.
    let body = live.write(&merge(a, MISSING));
    let e = reply(&body).check().unwrap_err();
    // Without `content` RT reports merge errors under 200 (spec §9.15).
    check_eq!(live, e.status(), Some(Status::Ok), "{}", lossy(&body));
    check!(
        live,
        matches!(
            e.message().map(|n| n.message),
            Some(Message::NotFound { object: "Ticket", id }) if id == missing
        ),
        "{}",
        lossy(&body)
    );

    // A search RT cannot parse.
    let body = live.read(&Search::new(ObjectType::Ticket, "Subject = ").to_url());
    let e = refusal(
        SearchResults::from_response(&parse(&body, Framing::Search)),
        &body,
    );
    check_eq!(
        live,
        e.status(),
        Some(Status::BadRequest),
        "{}",
        lossy(&body)
    );
    check!(
        live,
        matches!(
            e.message().map(|n| n.message),
            Some(Message::InvalidQuery { .. })
        ),
        "{}",
        lossy(&body)
    );

    // Logout ends the session: the cookie no longer works.
    let body = live.write(&logout());
    let r = object(&body);
    check_eq!(
        live,
        r.status().map(|s| s.code()),
        Some(200),
        "{}",
        lossy(&body)
    );
    let body = live.show(a);
    let e = refusal(TicketList::from_response(&object(&body)), &body);
    check_eq!(
        live,
        e.status(),
        Some(Status::Unauthorized),
        "{}",
        lossy(&body)
    );
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
