//! Rules of the typed views that the captured corpus does not reach: the
//! edge of each shape, and where a view's error points.

use rt_wire::parse_response;
use rt_wire::views::{CustomFieldList, LongHistory};

/// Where `text` starts in `body`.
fn at(body: &[u8], text: &str) -> usize {
    memchr::memmem::find(body, text.as_bytes()).unwrap()
}

/// `history-attachment-line = 1*DIGIT ": " name " (" size ")"`: a line
/// without ` (<size>)` is an error at the name, one without `)` at the
/// line's end, a bad size at the size.
#[test]
fn a_bad_history_attachment_line_is_an_error_where_it_breaks() {
    let entry = |line: &str| {
        format!(
            "RT/5.0.3 200 Ok\n\n# 1/1 (id/7/total)\n\nid: 7\nTicket: 1\n\
             Attachments: \n             12: one (2b)\n             {line}\n\n"
        )
    };
    // The line, and where its error is (`None`: at the line's end).
    let cases = [
        ("13: noname", None),
        ("135: name(2b)", Some("name(2b)")),
        ("13: name (2q)", Some("2q)")),
    ];
    for (line, from) in cases {
        let body = entry(line).into_bytes();
        let r = parse_response(&body).unwrap();
        let h = LongHistory::from_response(&r).unwrap();
        let e = h.entries[0].attachments().unwrap_err();
        let want = from.map_or(at(&body, line) + line.len(), |f| at(&body, f));
        assert_eq!(e.offset(), want, "{line}: {e}");
        let line_start = at(&body, line) - 13;
        assert_eq!(e.column(), want - line_start + 1, "{line}: {e}");
    }
    let body = entry("13: a (b) (3b)").into_bytes();
    let r = parse_response(&body).unwrap();
    let h = LongHistory::from_response(&r).unwrap();
    let a = h.entries[0].attachments().unwrap();
    assert_eq!(
        (a[1].id, a[1].name, a[1].size_text),
        (13, &b"a (b)"[..], "3b")
    );
}

/// A custom-field listing is the first form whose `id` is a queue or a group
/// itself (`queue/<q>`, `group/<g>`): not another object, not a path below one.
#[test]
fn a_custom_field_listing_belongs_to_a_queue_or_group() {
    let body = b"RT/5.0.3 200 Ok\n\nid: ticket/1\nCF.{a}: x\n\n--\n\nid: queue/1/x\nCF.{b}: y\n\n--\n\nid: queue/General\nCF.{c}: z\n";
    let r = parse_response(body).unwrap();
    let l = CustomFieldList::from_response(&r).unwrap();
    let owner = l.owner().unwrap();
    assert_eq!((owner.kind, owner.id), ("queue", "General"));
    let body = b"RT/5.0.3 200 Ok\n\nid: ticket/1\nCF.{a}: x\n";
    let r = parse_response(body).unwrap();
    assert!(CustomFieldList::from_response(&r).is_err());
}

/// A value that is not UTF-8 is an error at its first bad byte when it is
/// one line, and at the value's start when it spans lines.
#[test]
fn a_value_not_utf8_is_an_error_at_its_bad_byte() {
    use rt_wire::views::{FromResponse, Ticket};
    let body = b"RT/5.0.3 200 Ok\n\nid: ticket/1\nSubject: ab\xffc\nText: x\n      y\xff\n";
    let r = parse_response(body).unwrap();
    let t = Ticket::from_response(&r).unwrap();
    let e = t.record().get("Subject").unwrap().to_str().unwrap_err();
    assert_eq!(e.offset(), memchr::memchr(0xff, body).unwrap());
    assert_eq!((e.line(), e.column()), (4, 12));
    let e = t.record().get("Text").unwrap().to_str().unwrap_err();
    assert_eq!(e.offset(), at(body, "x\n      y"));
}

/// An object reference, a link list and a `CF-…` list point their errors
/// into the response: at the bad byte of a one-line value, at the start of
/// a value that spans lines.
#[test]
fn list_and_reference_errors_point_into_the_response() {
    use rt_wire::views::{FromResponse, Ticket};
    let body = b"RT/5.0.3 200 Ok\n\nid: ticket/1\nQueue: queue/\xff\nOwner: user/1\n       more\n\
        RefersTo: fsck.com-rt://x/ticket/2,\n          fsck.com-rt://x/ticket/\xff3\n\
        CF-Dept: a, b\xff, c\n";
    let r = parse_response(body).unwrap();
    let t = Ticket::from_response(&r).unwrap();
    let rec = t.record();
    let bad = |from: usize| from + memchr::memchr(0xff, &body[from..]).unwrap();
    let e = rec.get("Queue").unwrap().object_ref().unwrap_err();
    assert_eq!(e.offset(), bad(0));
    let e = rec.get("Owner").unwrap().object_ref().unwrap_err();
    assert_eq!(e.offset(), at(body, "user/1"));
    let e = rec.get("RefersTo").unwrap().links().unwrap_err();
    assert_eq!(e.offset(), bad(at(body, "RefersTo")));
    let cf = rec.custom_field("Dept").unwrap();
    let e = cf.values().unwrap_err();
    assert_eq!(e.offset(), bad(at(body, "CF-Dept")));
    let id = rec.get("id").unwrap().object_ref().unwrap();
    assert_eq!((id.kind, id.id, id.rest), ("ticket", "1", None));
}

/// A record counts its fields; a form of comments only has none.
#[test]
fn a_record_counts_its_fields() {
    use rt_wire::views::Record;
    let body = b"RT/5.0.3 200 Ok\n\n# only a comment\n\n--\n\nid: ticket/1\nSubject: s\n";
    let r = parse_response(body).unwrap();
    let records: Vec<Record<'_>> = r.forms().map(|f| Record::from_form(body, &f)).collect();
    let counts: Vec<(usize, bool)> = records.iter().map(|r| (r.len(), r.is_empty())).collect();
    assert_eq!(counts, [(0, true), (2, false)]);
}

/// The rows of a search table (`search-tsv`) and what they hold.
fn table_rows(tsv: &str) -> Vec<(u64, Vec<String>)> {
    use rt_wire::views::SearchResults;
    use rt_wire::{Framing, ParseOptions, parse_response_with};
    let body = format!("RT/5.0.3 200 Ok\n\n{tsv}\n\n");
    let r = parse_response_with(
        body.as_bytes(),
        &ParseOptions::new().framing(Framing::Search),
    )
    .unwrap();
    let s = SearchResults::from_response(&r).unwrap();
    s.rows
        .iter()
        .map(|row| {
            let cells = row.fields.iter();
            (
                row.id,
                cells
                    .map(|(_, v)| String::from_utf8_lossy(v).into_owned())
                    .collect(),
            )
        })
        .collect()
}

/// `search-tsv`: a row starts with digits and a tab once the row before has
/// all its cells; a line with fewer cells, a line of digits only, a line
/// starting with a tab or with digits then other text continues the value
/// before it (RT does not escape the LF of a multi-line value).
#[test]
fn a_search_table_joins_the_lines_of_multi_line_values() {
    let rows = table_rows(
        "id\tSubject\tStatus\n1\tfirst\tnew\n2\ttwo\nlines\topen\n3\tdigits\n42\topen\n\
         4\tx\ty\n123\n5\ta\tb\n\tc\n6\tp\tq\n12abc\n7\tlast\tnew",
    );
    let want: Vec<(u64, Vec<&str>)> = vec![
        (1, vec!["first", "new"]),
        (2, vec!["two\nlines", "open"]),
        (3, vec!["digits\n42", "open"]),
        (4, vec!["x", "y\n123"]),
        (5, vec!["a", "b\n"]),
        (6, vec!["p", "q\n12abc"]),
        (7, vec!["last", "new"]),
    ];
    let got: Vec<(u64, Vec<&str>)> = rows
        .iter()
        .map(|(id, c)| (*id, c.iter().map(String::as_str).collect()))
        .collect();
    assert_eq!(got, want);
    // A table of the `id` column alone: every line of digits is a row.
    let ids: Vec<u64> = table_rows("id\n1\n2\n30").iter().map(|r| r.0).collect();
    assert_eq!(ids, [1, 2, 30]);
    assert_eq!(table_rows("id").len(), 0);
}

/// Search forms that are all comments give no rows and keep their messages;
/// a text payload that is not a refusal stays a message of the object view.
#[test]
fn messages_of_formless_results_are_kept() {
    use rt_wire::views::{SearchResults, TicketList};
    use rt_wire::{Framing, ParseOptions, parse_response_with};
    let body = b"RT/5.0.3 200 Ok\n\n# a remark\n\n\n";
    let r = parse_response_with(body, &ParseOptions::new().framing(Framing::Search)).unwrap();
    let s = SearchResults::from_response(&r).unwrap();
    assert!(s.rows.is_empty());
    let texts: Vec<&[u8]> = s.messages.iter().map(|n| n.text).collect();
    assert_eq!(texts, [&b"a remark"[..]]);
    let body = b"RT/5.0.3 200 Ok\n\nsomething else\n\n";
    let r = parse_response(body).unwrap();
    let l = TicketList::from_response(&r).unwrap();
    assert!(l.tickets.is_empty());
    let texts: Vec<&[u8]> = l.messages.iter().map(|n| n.text).collect();
    assert_eq!(texts, [&b"something else"[..]]);
}

/// A status change is a `Status` or `Set` transaction of the `Status` field,
/// nothing else.
#[test]
fn a_status_change_is_a_change_of_the_status_field() {
    let entry = |kind: &str, field: &str| {
        format!(
            "RT/5.0.3 200 Ok\n\n# 1/1 (id/74/total)\n\nid: 74\nTicket: 1\nType: {kind}\n\
             Field: {field}\nOldValue: new\nNewValue: open\n\n"
        )
    };
    for (kind, field, change) in [
        ("Status", "Status", true),
        ("Set", "Status", true),
        ("Set", "Queue", false),
        ("Comment", "Status", false),
    ] {
        let body = entry(kind, field);
        let r = parse_response(body.as_bytes()).unwrap();
        let h = LongHistory::from_response(&r).unwrap();
        assert_eq!(
            h.entries[0].status_change().is_some(),
            change,
            "{kind} {field}"
        );
    }
}

/// An attachment form needs both `ContentType` and `Content`.
#[test]
fn an_attachment_form_needs_type_and_content() {
    use rt_wire::views::Attachment;
    let form = |fields: &str| format!("RT/5.0.3 200 Ok\n\nid: 8\n{fields}\n\n");
    for (fields, ok) in [
        ("ContentType: text/plain\nContent: x", true),
        ("ContentType: text/plain", false),
        ("Content: x", false),
    ] {
        let body = form(fields);
        let r = parse_response(body.as_bytes()).unwrap();
        assert_eq!(Attachment::from_response(&r).is_ok(), ok, "{fields}");
    }
}

/// Read with `forms_only`, one of RT's text messages that looks like a field
/// (`Invalid query specification: …`) is still RT's message to the views;
/// a body that is no envelope is error text, named by its first line.
#[test]
fn text_messages_read_as_forms_are_still_messages() {
    use rt_wire::views::{Message, Reply};
    use rt_wire::{ParseOptions, parse_response_with};
    let body = b"RT/5.0.3 200 Ok\n\nInvalid query specification: x\n\n";
    let r = parse_response_with(body, &ParseOptions::new().forms_only(true)).unwrap();
    assert_eq!(r.forms().count(), 1);
    let reply = Reply::from_response(&r);
    assert_eq!(reply.messages.len(), 1);
    assert!(reply.messages[0].message.is_failure(), "{reply:?}");
    let r = parse_response(b"<html>\nfailure\n").unwrap();
    let reply = Reply::from_response(&r);
    assert_eq!(
        reply.messages[0].message,
        Message::ErrorText {
            first_line: b"<html>"
        }
    );
}

/// A user's, queue's and group's own fields, as RT prints them.
#[test]
fn user_queue_and_group_fields() {
    use rt_wire::views::{Group, Queue, User};
    let text =
        |v: Option<rt_wire::views::RawValue<'_>>| v.map(|v| v.to_str().unwrap().into_owned());
    let body = b"RT/5.0.3 200 Ok\n\nid: user/14\nName: alice\nRealName: Alice A\nEmailAddress: alice@example.com\nPrivileged: 0\n";
    let r = parse_response(body).unwrap();
    let u = User::from_response(&r).unwrap();
    assert_eq!(
        text(u.email_address()).as_deref(),
        Some("alice@example.com")
    );
    assert_eq!(text(u.real_name()).as_deref(), Some("Alice A"));
    assert_eq!(u.privileged().unwrap(), Some(false));
    let body = b"RT/5.0.3 200 Ok\n\nid: queue/1\nName: General\nDescription: The default queue\n";
    let r = parse_response(body).unwrap();
    let q = Queue::from_response(&r).unwrap();
    assert_eq!(text(q.description()).as_deref(), Some("The default queue"));
    let body = b"RT/5.0.3 200 Ok\n\nid: group/2\nName: staff\nDescription: Everyone\n";
    let r = parse_response(body).unwrap();
    let g = Group::from_response(&r).unwrap();
    assert_eq!(text(g.description()).as_deref(), Some("Everyone"));
}

/// A ticket's people fields, as RT prints them.
#[test]
fn ticket_owner_and_creator() {
    use rt_wire::views::TicketList;
    let body = b"RT/5.0.3 200 Ok\n\nid: ticket/3\nQueue: General\nOwner: bob\nCreator: alice\n\n";
    let r = parse_response(body).unwrap();
    let list = TicketList::from_response(&r).unwrap();
    let t = &list.tickets[0];
    assert_eq!(t.owner().unwrap().to_str().unwrap(), "bob");
    assert_eq!(t.creator().unwrap().to_str().unwrap(), "alice");
}

/// A blank form's `id` is `<type>/new` and nothing else: an object's id or
/// a longer path is no template.
#[test]
fn a_template_is_a_form_of_a_new_object() {
    use rt_wire::views::Template;
    let form = |id: &str| format!("RT/5.0.3 200 Ok\n\nid: {id}\nQueue: General\nSubject: \n\n");
    let ok = form("ticket/new");
    assert!(Template::from_response(&parse_response(ok.as_bytes()).unwrap()).is_ok());
    for id in ["ticket/5", "ticket/new/links"] {
        let body = form(id);
        let r = parse_response(body.as_bytes()).unwrap();
        let e = Template::from_response(&r).unwrap_err();
        assert!(e.to_string().contains("<type>/new"), "{id}: {e}");
    }
}

/// A ticket's links serialize as every relation with its targets.
#[test]
fn links_serialize_every_relation() {
    use rt_wire::views::Links;
    let body = b"RT/5.0.3 200 Ok\n\nid: ticket/1/links\nDependsOn: fsck.com-rt://x/ticket/2,\n           fsck.com-rt://x/ticket/3\nRefersTo: https://example.com/\n";
    let r = parse_response(body).unwrap();
    let l = Links::from_response(&r).unwrap();
    let v = serde_json::to_value(&l).unwrap();
    assert_eq!(v["id"], 1);
    assert_eq!(
        v["depends_on"],
        serde_json::json!(["fsck.com-rt://x/ticket/2", "fsck.com-rt://x/ticket/3"])
    );
    assert_eq!(v["refers_to"], serde_json::json!(["https://example.com/"]));
    assert_eq!(v["members"], serde_json::json!([]));
}

/// A ticket's links tell the serializer their map's length (one `id` and one
/// entry per relation): serializers that write the length first rely on it.
#[test]
fn links_serialize_with_their_length() {
    use rt_wire::views::Links;
    use serde_test::{Token, assert_ser_tokens};
    let body = b"RT/5.0.3 200 Ok\n\nid: ticket/1/links\nRefersTo: https://example.com/\n";
    let r = parse_response(body).unwrap();
    let l = Links::from_response(&r).unwrap();
    let mut tokens = vec![Token::Map { len: Some(7) }, Token::Str("id"), Token::U64(1)];
    for key in [
        "depends_on",
        "depended_on_by",
        "refers_to",
        "referred_to_by",
        "members",
        "member_of",
    ] {
        tokens.push(Token::Str(key));
        if key == "refers_to" {
            tokens.extend([
                Token::Seq { len: None },
                Token::Str("https://example.com/"),
                Token::SeqEnd,
            ]);
        } else {
            tokens.extend([Token::Seq { len: None }, Token::SeqEnd]);
        }
    }
    tokens.push(Token::MapEnd);
    assert_ser_tokens(&l, &tokens);
}
