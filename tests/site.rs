//! The site-configured corpora (`corpus/rt5-site`, `corpus/rt4-site`: RT in
//! Europe/Berlin under the WebPath `/rt`, a custom lifecycle, users of the
//! languages de, ja and ru and of every date format) read with the typed
//! views, against what the capture script sent and knows.

#[path = "common/manifest.rs"]
#[allow(dead_code)]
mod manifest;

use manifest::{Capture, SITE_VERSIONS, captures};
use rt_wire::views::{History, LongHistory, StatusChange, TicketList, TicketStatus};
use rt_wire::{Framing, ParseOptions, parse_response_with};

fn named<'a>(caps: &'a [Capture], prefix: &str) -> Vec<&'a Capture> {
    let out: Vec<&Capture> = caps
        .iter()
        .filter(|c| c.file[4..].starts_with(prefix))
        .collect();
    assert!(!out.is_empty(), "no capture named {prefix}*");
    out
}

fn lang(c: &Capture) -> &str {
    c.entry["expect"]["lang"].as_str().expect("expect.lang")
}

fn change<'a>(from: &'a str, to: &'a str) -> StatusChange<'a> {
    StatusChange {
        from: TicketStatus::parse(from),
        to: TicketStatus::parse(to),
    }
}

/// Every user sees the custom status verbatim, non-ASCII letters included;
/// the ticket view reads it as the status the manifest says was set.
#[test]
fn custom_statuses_come_back_verbatim() {
    let mut checked = 0;
    for v in SITE_VERSIONS {
        let caps = captures(v);
        for c in named(&caps, "show-") {
            let r = parse_response_with(&c.body, &ParseOptions::new()).unwrap();
            let list = TicketList::from_response(&r).unwrap();
            let status = list.tickets[0].status().unwrap().unwrap();
            let want = c.entry["expect"]["status"].as_str().unwrap();
            assert_eq!(status, TicketStatus::Other(want), "{v}/{}", c.file);
            assert_eq!(status.as_str(), "geprüft");
            checked += 1;
        }
    }
    // Two corpora, one capture per user (3 languages + 2 × 7 date formats).
    assert_eq!(checked, 2 * 17);
}

/// The long history types every status change in every language: its
/// `OldValue` / `NewValue` hold RT's stored statuses, never translated.
#[test]
fn long_history_status_changes_in_every_language() {
    let mut checked = 0;
    for v in SITE_VERSIONS {
        let caps = captures(v);
        for c in named(&caps, "history-long-") {
            let opts = ParseOptions::new().framing(Framing::Object);
            let r = parse_response_with(&c.body, &opts).unwrap();
            let h = LongHistory::from_response(&r).unwrap();
            let changes: Vec<StatusChange<'_>> =
                h.entries.iter().filter_map(|e| e.status_change()).collect();
            assert_eq!(
                changes,
                [
                    change("new", "waiting on customer"),
                    change("waiting on customer", "geprüft")
                ],
                "{v}/{} ({})",
                c.file,
                lang(c)
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 2 * 4);
}

/// The short history types status changes where RT's description is
/// English; translated descriptions (stock statuses translated too) stay
/// verbatim and are not mistaken for anything.
#[test]
fn short_history_status_changes_where_english() {
    let mut english = 0;
    let mut translated = 0;
    for v in SITE_VERSIONS {
        let caps = captures(v);
        for c in named(&caps, "history-general-") {
            let r = parse_response_with(&c.body, &ParseOptions::new()).unwrap();
            let h = History::from_response(&r).unwrap();
            let changes: Vec<_> = h.entries.iter().filter_map(|e| e.status_change()).collect();
            if lang(c) == "en" {
                assert_eq!(
                    changes,
                    [
                        (change("new", "open"), "anna"),
                        (change("open", "stalled"), "ivan"),
                        (change("stalled", "resolved"), "yuki"),
                    ],
                    "{v}/{}",
                    c.file
                );
                english += 1;
            } else {
                assert_eq!(changes, [], "{v}/{}", c.file);
                assert_eq!(h.entries.len(), 4, "{v}/{}", c.file);
                translated += 1;
            }
        }
    }
    assert_eq!((english, translated), (2, 6));
}

/// Every user's ticket dates, in every date format and language: the dates
/// the capture script set (`Starts`, `Due`) read back as that user's wall
/// clock (`expect.dates`), or, where RT printed an offset (`W3CDTF`,
/// `RFC2822`, `RFC2616` and `iCal`, the last two in UTC whatever the
/// user's zone), as the same instant (`expect.dates_utc`); `Resolved` reads
/// as RT's not-set word in the user's language.
#[test]
fn ticket_dates_in_every_format_and_language() {
    use rt_wire::views::When;
    let mut by_wall_clock = 0;
    let mut by_instant = 0;
    for v in SITE_VERSIONS {
        let caps = captures(v);
        for c in named(&caps, "show-") {
            let e = &c.entry["expect"];
            let r = parse_response_with(&c.body, &ParseOptions::new()).unwrap();
            let list = TicketList::from_response(&r).unwrap();
            let t = &list.tickets[0];
            let what = format!("{v}/{} ({}, {})", c.file, lang(c), e["date_format"]);
            for key in ["Starts", "Due"] {
                let Some(When::At(stamp)) = t.user_date(key).unwrap() else {
                    panic!("{what}: {key} not set");
                };
                match stamp.unix() {
                    Some(unix) => {
                        // `YYYY-MM-DDTHH:MM:SSZ`, read as RT's SQL form.
                        let want = e["dates_utc"][key].as_str().unwrap();
                        let sql = want.trim_end_matches('Z').replace('T', " ");
                        let want_unix = rt_wire::views::parse_utc_date(sql.as_bytes())
                            .unwrap()
                            .at()
                            .unwrap()
                            .local
                            .seconds_since_epoch();
                        assert_eq!(unix, want_unix, "{what}: {key} {stamp:?} (want {want})");
                        by_instant += 1;
                    }
                    None => {
                        let l = stamp.local;
                        let got = format!(
                            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
                            l.year, l.month, l.day, l.hour, l.minute, l.second
                        );
                        assert_eq!(got, e["dates"][key].as_str().unwrap(), "{what}: {key}");
                        by_wall_clock += 1;
                    }
                }
            }
            assert_eq!(
                t.user_date("Resolved").unwrap(),
                Some(When::NotSet),
                "{what}"
            );
        }
    }
    // Per corpus: 17 users × 2 dates; 4 formats of 7 print an offset, for
    // the two users (en, de) of each format.
    assert_eq!((by_wall_clock, by_instant), (2 * 18, 2 * 16));
}

/// RT's answers to the writes of users of other languages: failures and
/// field errors are read by their shape (RT's code, `# <field>: <text>`),
/// so a German, Japanese or Russian RT reports the same kinds as an English
/// one, whatever the words; successes are never read as failures.
#[test]
fn translated_replies_read_by_shape() {
    use rt_wire::views::{Message, Reply};
    let mut field_errors = 0;
    let mut checked = 0;
    for v in SITE_VERSIONS {
        for c in &captures(v) {
            let path = c.request_path();
            if !(path.ends_with("/edit") || path.ends_with("/comment") || path.ends_with("/new")) {
                continue;
            }
            let e = &c.entry["expect"];
            let r = parse_response_with(&c.body, &ParseOptions::new()).unwrap();
            let reply = Reply::from_response(&r);
            let code = e["rt_code"].as_u64().unwrap();
            let what = format!("{v}/{} ({})", c.file, lang(c));
            assert_eq!(reply.is_failure(), code != 200, "{what}: {reply:?}");
            // The field an edit named, lower-cased or not, is the key of
            // RT's field error.
            let content = c.entry["request"]["content"].as_str().unwrap_or_default();
            if code == 409 {
                let sent_key = content.split(':').next().unwrap();
                let keys: Vec<&str> = reply
                    .messages
                    .iter()
                    .filter_map(|n| match n.message {
                        Message::FieldError { key, .. } => Some(key),
                        _ => None,
                    })
                    .collect();
                assert!(
                    keys.len() == 1 && keys[0].eq_ignore_ascii_case(sent_key),
                    "{what}: {keys:?} for {sent_key}"
                );
                field_errors += 1;
            }
            checked += 1;
        }
    }
    // Per corpus: 3 creates and edits refused (409), 13 writes in all.
    assert_eq!((checked, field_errors), (2 * 13, 2 * 3));
}
