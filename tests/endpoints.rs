//! Every endpoint type (`rt_wire::request::Endpoint`) against the committed
//! corpus: its path and query are the request the capture was made with (as
//! the manifest records it), its parse options are the ones its answer needs,
//! and it reads the captured body (RT 5 and RT 4) as its view, or as the
//! refusal RT sent. Each test counts the captures it read.

#[path = "common/manifest.rs"]
#[allow(dead_code)]
mod manifest;

use manifest::Capture;
use rt_wire::request::{
    Endpoint, FieldName, ObjectType, Order, Search, SearchFormat, TakeAction, TicketComment,
    TicketCreate, TicketEdit, ViewOf, logout, merge, read, take,
};
use rt_wire::views::{OwnedViewError, Status, ViewError};
use rt_wire::{Framing, KeySplit, ParseOptions};

/// The captures of every corpus, by version.
struct Corpus {
    captures: Vec<Capture>,
    read: usize,
}

impl Corpus {
    fn new() -> Self {
        Corpus {
            captures: manifest::all(),
            read: 0,
        }
    }

    fn get(&self, version: &str, prefix: &str) -> &Capture {
        self.captures
            .iter()
            .find(|c| c.version == version && c.file.starts_with(prefix))
            .unwrap_or_else(|| panic!("corpus/{version}/{prefix}*: no such capture"))
    }

    /// Reads capture `prefix` of `version` through `ep`, after checking that
    /// `ep` asks what the capture asked (unless `same_request` is false: the
    /// capture used another spelling of the same endpoint). Checks that
    /// `read_owned` agrees, then hands the view to `check`.
    fn ok<E: Endpoint>(
        &mut self,
        version: &str,
        prefix: &str,
        ep: &E,
        same_request: bool,
        check: impl FnOnce(ViewOf<'_, E>, &Capture),
    ) {
        let c = self.get(version, prefix);
        if same_request {
            assert_eq!(
                request_of(&ep.path_and_query()),
                capture_request(c),
                "{}",
                c.file
            );
        }
        let view = ep
            .read(&c.body)
            .unwrap_or_else(|e| panic!("{version}/{}: {e}", c.file));
        if let Err(e) = ep.read_owned(c.body.clone()) {
            panic!("{version}/{}: owned: {e}", c.file);
        }
        check(view, c);
        self.read += 1;
    }

    /// Reads a capture in which RT refused: the typed refusal, borrowed and
    /// owned.
    fn refused<E: Endpoint>(&mut self, version: &str, prefix: &str, ep: &E) -> Option<u16> {
        let c = self.get(version, prefix);
        let code = match ep.read(&c.body) {
            Err(ViewError::Server(e)) => e.code(),
            Err(e) => panic!("{version}/{}: not a refusal: {e}", c.file),
            Ok(_) => panic!("{version}/{}: read as a view", c.file),
        };
        match ep.read_owned(c.body.clone()) {
            Err(OwnedViewError::Server(e)) => assert_eq!(e.code(), code, "{}", c.file),
            other => panic!("{version}/{}: owned: {:?}", c.file, other.err()),
        }
        self.read += 1;
        code
    }
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).expect("hex"));
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).expect("utf-8")
}

type Request = (String, Vec<(String, String)>);

/// Our path and query, decoded.
fn request_of(path_and_query: &str) -> Request {
    let (path, query) = path_and_query
        .split_once('?')
        .unwrap_or((path_and_query, ""));
    let pairs = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect();
    (percent_decode(path), pairs)
}

/// The capture's request as the manifest records it.
fn capture_request(c: &Capture) -> Request {
    let path = c.request_path().trim_start_matches("/REST/1.0/").to_owned();
    let pairs = c.entry["request"]["query"]
        .as_array()
        .expect("request.query")
        .iter()
        .map(|p| {
            let s = |i: usize| p[i].as_str().expect("query pair").to_owned();
            (s(0), s(1))
        })
        .collect();
    (path, pairs)
}

/// The last path segment of a capture's request, as a number (ids that
/// differ between the RT 5 and RT 4 captures).
fn last_id(c: &Capture) -> u64 {
    c.request_path()
        .rsplit('/')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

fn object() -> ParseOptions {
    ParseOptions::new()
}

#[test]
fn parse_options_of_every_endpoint() {
    let content = ParseOptions::new().framing(Framing::Content);
    let last = ParseOptions::new().key_split(KeySplit::Last);
    let search = ParseOptions::new().framing(Framing::Search);
    let ticket = read::Ticket { id: 1 };
    assert_eq!(ticket.parse_options(), object());
    assert_eq!(read::TicketHistoryLong { id: 1 }.parse_options(), object());
    assert_eq!(
        read::TicketAttachment {
            id: 1,
            attachment: 2
        }
        .parse_options(),
        object()
    );
    let c = read::TicketAttachmentContent {
        id: 1,
        attachment: 2,
    };
    assert_eq!(c.parse_options(), content);
    assert_eq!(read::AttachmentContent { id: 2 }.parse_options(), content);
    assert_eq!(read::User::new("dave").unwrap().parse_options(), object());
    for cfs in [
        read::QueueCustomFields::new("General", false)
            .unwrap()
            .parse_options(),
        read::QueueTicketCustomFields::new("General", true)
            .unwrap()
            .parse_options(),
        read::GroupCustomFields::new("Staff", false)
            .unwrap()
            .parse_options(),
    ] {
        assert_eq!(cfs, last);
    }
    assert_eq!(
        Search::new(ObjectType::Ticket, "id = 1").parse_options(),
        search
    );
    assert_eq!(take(1, TakeAction::Take).parse_options(), object());
    assert_eq!(logout().parse_options(), object());
}

#[test]
fn paths_without_a_capture() {
    let g = read::GroupCustomFields::new("Staff Team", true).unwrap();
    assert_eq!(
        g.path_and_query(),
        "group/Staff%20Team/customfields?format=l"
    );
    assert!(read::User::new("a/b").is_err());
    assert!(read::Queue::new("").is_err());
    assert!(read::Group::new("x,y").is_err());
    assert!(read::QueueCustomFields::new("a\\b", false).is_err());
    let t = read::Template {
        kind: ObjectType::Ticket,
    };
    assert_eq!(t.path_and_query(), read::ticket_template());
    let tr = read::Transaction { id: 5, long: true };
    assert_eq!(tr.path_and_query(), "transaction/5?format=l");
    let e = read::TicketHistoryEntry {
        id: 3,
        transaction: 59,
    };
    assert_eq!(e.path_and_query(), "ticket/3/history/id/59");
}

const VERSIONS: [&str; 2] = manifest::VERSIONS;

#[test]
fn tickets_templates_links() {
    let mut k = Corpus::new();
    for v in VERSIONS {
        for (prefix, kind) in [
            ("004", ObjectType::Ticket),
            ("005", ObjectType::User),
            ("006", ObjectType::Queue),
            ("007", ObjectType::Group),
        ] {
            k.ok(v, prefix, &read::Template { kind }, true, |t, _| {
                assert!(!t.record.is_empty());
            });
        }
        k.ok(v, "019", &read::Ticket { id: 3 }, true, |t, _| {
            assert_eq!(t.id().unwrap(), 3);
        });
        // Captured as `ticket/1`, the same endpoint as `ticket/1/show`.
        k.ok(v, "018", &read::Ticket { id: 1 }, false, |t, _| {
            assert_eq!(t.id().unwrap(), 1);
        });
        assert_eq!(k.refused(v, "028", &read::Ticket { id: 999 }), Some(200));
        let two = read::Tickets {
            ids: vec![1, 2],
            fields: vec![],
        };
        k.ok(v, "020", &two, true, |l, _| assert_eq!(l.tickets.len(), 2));
        let f = ["Subject", "Status"].map(|n| FieldName::try_from(n).unwrap());
        let missing = read::Tickets {
            ids: vec![1, 2, 3, 999],
            fields: f.to_vec(),
        };
        k.ok(v, "021", &missing, false, |l, _| {
            assert_eq!(l.tickets.len(), 3);
            assert!(!l.messages.is_empty());
        });
        for (prefix, id, long) in [("061", 3, false), ("062", 3, true), ("066", 6, false)] {
            k.ok(v, prefix, &read::TicketLinks { id, long }, true, |l, _| {
                assert_eq!(l.ticket().unwrap(), id);
            });
        }
    }
    assert_eq!(k.read, 2 * 12);
}

#[test]
fn attachments() {
    let mut k = Corpus::new();
    for v in VERSIONS {
        k.ok(
            v,
            "076",
            &read::TicketAttachments { id: 3 },
            true,
            |l, _| {
                assert!(l.items.len() > 5);
            },
        );
        k.ok(
            v,
            "078",
            &read::TicketAttachments { id: 6 },
            true,
            |l, _| {
                assert!(l.items.is_empty());
            },
        );
        k.refused(v, "079", &read::TicketAttachments { id: 999 });
        let shown = read::TicketAttachment {
            id: 3,
            attachment: 8,
        };
        let mut original = Vec::new();
        k.ok(v, "091", &shown, true, |a, _| {
            assert_eq!(a.id().unwrap(), 8);
            original = a.original_bytes().unwrap().bytes.into_owned();
        });
        k.ok(v, "092", &read::Attachment { id: 8 }, true, |a, _| {
            assert_eq!(a.id().unwrap(), 8);
        });
        let content = read::TicketAttachmentContent {
            id: 3,
            attachment: 8,
        };
        k.ok(v, "093", &content, true, |c, _| {
            assert_eq!(c.bytes, original)
        });
        let by_id = read::AttachmentContent { id: 8 };
        k.ok(v, "094", &by_id, true, |c, _| assert_eq!(c.bytes, original));
        let missing = read::TicketAttachment {
            id: 3,
            attachment: 99999,
        };
        k.refused(v, "127", &missing);
        k.refused(v, "128", &read::Attachment { id: 99999 });
    }
    assert_eq!(k.read, 2 * 9);
}

#[test]
fn history_and_transactions() {
    let mut k = Corpus::new();
    for v in VERSIONS {
        k.ok(v, "130", &read::TicketHistory { id: 3 }, true, |h, _| {
            assert_eq!(h.header.matched, h.entries.len() as u64);
        });
        let mut ids = Vec::new();
        k.ok(
            v,
            "131",
            &read::TicketHistoryLong { id: 3 },
            true,
            |h, _| {
                ids = h.entries.iter().map(|e| e.id().unwrap()).collect();
            },
        );
        let txn = last_id(k.get(v, "136"));
        assert!(ids.contains(&txn), "{v}: {txn} in {ids:?}");
        let entry = read::TicketHistoryEntry {
            id: 3,
            transaction: txn,
        };
        k.ok(v, "136", &entry, true, |e, _| {
            assert_eq!(e.id().unwrap(), txn)
        });
        let unrelated = read::TicketHistoryEntry {
            id: 1,
            transaction: txn,
        };
        k.refused(v, "137", &unrelated);
        for (prefix, long) in [("138", false), ("139", true)] {
            let t = read::Transaction { id: txn, long };
            k.ok(v, prefix, &t, true, |e, _| assert_eq!(e.id().unwrap(), txn));
        }
        k.refused(
            v,
            "140",
            &read::Transaction {
                id: 99999,
                long: false,
            },
        );
        k.refused(v, "141", &read::TicketHistory { id: 999 });
    }
    assert_eq!(k.read, 2 * 8);
}

#[test]
fn users_queues_groups_custom_fields() {
    let mut k = Corpus::new();
    for v in VERSIONS {
        for (prefix, name) in [
            ("147", "dave"),
            ("149", "root"),
            ("150", "dave@example.com"),
        ] {
            k.ok(v, prefix, &read::User::new(name).unwrap(), true, |u, _| {
                assert!(u.id().unwrap() > 0);
            });
        }
        k.refused(v, "151", &read::User::new("nosuchuser").unwrap());
        for (prefix, name) in [("156", "General"), ("157", "1"), ("158", "Support Ünï")] {
            k.ok(v, prefix, &read::Queue::new(name).unwrap(), true, |q, _| {
                assert!(q.id().unwrap() > 0);
            });
        }
        k.refused(v, "159", &read::Queue::new("NoSuchQueue").unwrap());
        k.ok(v, "165", &read::Group::new("27").unwrap(), true, |g, _| {
            assert_eq!(g.id().unwrap(), 27);
        });
        k.refused(v, "168", &read::Group::new("99999").unwrap());
        custom_field_listings(&mut k, v);
    }
    assert_eq!(k.read, 2 * 13);
}

fn custom_field_listings(k: &mut Corpus, v: &str) {
    let names = |l: &rt_wire::views::CustomFieldList<'_>| -> Vec<String> {
        l.fields()
            .map(|f| String::from_utf8(f.key().to_vec()).unwrap())
            .collect()
    };
    let short = read::QueueTicketCustomFields::new("1", false).unwrap();
    k.ok(v, "162", &short, true, |l, _| {
        assert_eq!(l.owner().unwrap().id, "1");
        assert!(
            names(&l).contains(&"Colon: Field".to_owned()),
            "{:?}",
            names(&l)
        );
    });
    let long = read::QueueTicketCustomFields::new("1", true).unwrap();
    k.ok(v, "163", &long, true, |l, _| {
        let colon = l
            .fields()
            .find(|f| f.key().starts_with(b"Colon: Field"))
            .unwrap();
        assert_eq!(colon.as_str(), Some("SingleValueFreeform"));
    });
    let queue = read::QueueCustomFields::new("1", false).unwrap();
    k.ok(v, "164", &queue, true, |l, _| {
        assert_eq!(l.owner().unwrap().kind, "queue");
    });
}

#[test]
fn searches() {
    let mut k = Corpus::new();
    let general = || Search::new(ObjectType::Ticket, "Queue = 'General'");
    let fields = |names: &[&str]| -> Vec<FieldName> {
        names
            .iter()
            .map(|n| FieldName::try_from(*n).unwrap())
            .collect()
    };
    for v in VERSIONS {
        let ids = general()
            .order_by(Order::Ascending, "id")
            .format(SearchFormat::Ids);
        k.ok(v, "169", &ids, true, |s, _| assert!(!s.rows.is_empty()));
        let short = general().order_by(Order::Ascending, "id");
        k.ok(v, "170", &short, true, |s, _| assert!(!s.rows.is_empty()));
        let long = Search::new(ObjectType::Ticket, "id <= 3")
            .order_by(Order::Ascending, "id")
            .format(SearchFormat::Long);
        k.ok(v, "171", &long, true, |s, _| assert_eq!(s.rows.len(), 3));
        let tsv = general()
            .order_by(Order::Ascending, "id")
            .format(SearchFormat::Short)
            .fields(fields(&[
                "Subject",
                "Status",
                "Requestors",
                "CF.{Multi Select}",
            ]));
        k.ok(v, "172", &tsv, true, |s, _| assert!(!s.header.is_empty()));
        let some = general()
            .order_by(Order::Descending, "id")
            .format(SearchFormat::Long)
            .fields(fields(&["Subject", "Owner", "CF.{Notes Text}"]));
        k.ok(v, "173", &some, true, |s, _| assert!(!s.rows.is_empty()));
        let empty = Search::new(ObjectType::Ticket, "Subject = 'does not exist anywhere'");
        k.ok(v, "175", &empty, true, |s, _| assert!(s.rows.is_empty()));
        let bad = Search::new(ObjectType::Ticket, "Subject = = ");
        assert_eq!(k.refused(v, "178", &bad), Some(400));
        for (prefix, kind) in [
            ("182", ObjectType::Queue),
            ("184", ObjectType::User),
            ("186", ObjectType::Group),
        ] {
            k.ok(v, prefix, &Search::new(kind, ""), true, |s, _| {
                assert!(!s.rows.is_empty())
            });
        }
    }
    assert_eq!(k.read, 2 * 10);
}

#[test]
fn write_requests_read_their_reply() {
    let mut k = Corpus::new();
    for v in VERSIONS {
        let create = TicketCreate::new("General")
            .subject("hello")
            .build()
            .unwrap();
        k.ok(v, "008", &create, true, |r, _| {
            assert!(r.created_id().is_some())
        });
        assert_eq!(k.refused(v, "014", &create), Some(409));
        assert_eq!(k.refused(v, "016", &create), Some(200));
        let edit = TicketEdit::new(3).build().unwrap();
        k.ok(v, "031", &edit, true, |r, _| {
            assert!(!r.messages.is_empty())
        });
        let comment = TicketComment::comment(3, "text").build().unwrap();
        k.ok(v, "049", &comment, true, |r, _| assert!(!r.is_failure()));
        k.ok(v, "067", &take(4, TakeAction::Take), true, |r, _| {
            assert_eq!(r.status_kind(), Some(Status::Ok));
        });
        k.ok(v, "072", &merge(5, 4), true, |r, _| {
            assert!(!r.messages.is_empty())
        });
        k.ok(v, "189", &logout(), true, |r, _| assert!(!r.is_failure()));
    }
    assert_eq!(k.read, 2 * 8);
}
