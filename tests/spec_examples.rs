//! Known answers from the byte-exact examples of the wire-format reference
//! (`rest1-wire-format.md`), each checked for its decoded values and for the
//! byte-exact round trip parse → encode.

use rt_wire::{BodyKind, Framing, ParseOptions, Payload, parse_response, parse_response_with};

fn roundtrip(body: &[u8], opts: &ParseOptions) {
    let r = parse_response_with(body, opts).unwrap();
    assert_eq!(
        String::from_utf8_lossy(&r.to_bytes()),
        String::from_utf8_lossy(body),
        "round trip of {:?}",
        String::from_utf8_lossy(body)
    );
    assert_eq!(r.encoded_len(), body.len());
}

fn values(body: &[u8], opts: &ParseOptions) -> Vec<Vec<(String, String)>> {
    let r = parse_response_with(body, opts).unwrap();
    r.forms()
        .map(|f| {
            f.fields()
                .map(|x| {
                    (
                        String::from_utf8(x.key().to_vec()).unwrap(),
                        x.value().to_str().unwrap().into_owned(),
                    )
                })
                .collect()
        })
        .collect()
}

#[test]
fn ticket_show_section_5_7() {
    let body = b"RT/5.0.3+dfsg-3~deb12u6 200 Ok\n\nid: ticket/1\nQueue: General\nOwner: Nobody\nCreator: root\nSubject: hello\nStatus: new\nPriority: 0\nInitialPriority: 0\nFinalPriority: 0\nRequestors:\nCc:\nAdminCc:\nCreated: Sat Nov 28 23:32:46 2026\nStarts: Not set\nStarted: Not set\nDue: Not set\nResolved: Not set\nTold: Not set\nLastUpdated: Sat Nov 28 23:34:51 2026\nTimeEstimated: 0\nTimeWorked: 0\nTimeLeft: 0\n\n";
    let o = ParseOptions::new();
    roundtrip(body, &o);
    let r = parse_response(body).unwrap();
    let s = r.status().unwrap();
    assert_eq!(s.version(), "5.0.3+dfsg-3~deb12u6");
    let f = r.forms().next().unwrap();
    assert_eq!(f.len(), 22);
    assert!(f.get("Requestors").unwrap().value().is_empty_list());
    assert!(!f.get("Subject").unwrap().value().is_empty_list());
    assert_eq!(f.get("TimeLeft").unwrap().value().as_str(), Some("0"));
}

#[test]
fn several_tickets() {
    let body = b"RT/5.0.3+dfsg-3~deb12u6 200 Ok\n\nid: ticket/1\nSubject: hello\nStatus: new\n\n--\n\nid: ticket/2\nSubject: Renamed subject\nStatus: resolved\n\n";
    roundtrip(body, &ParseOptions::new());
    let v = values(body, &ParseOptions::new());
    assert_eq!(v.len(), 2);
    assert_eq!(v[1][1], ("Subject".into(), "Renamed subject".into()));
}

#[test]
fn attachment_content_trailing_newlines_9_8() {
    let body = b"RT/5.0.3 200 Ok\n\nid: 43\nSubject: \nFilename: note.txt\nContentEncoding: none\n\nHeaders: Content-Type: text/plain\n         Content-Length: 25\n\nContent: first line\n         second line\n         \n         \n\n\n\n";
    roundtrip(body, &ParseOptions::new());
    let v = values(body, &ParseOptions::new());
    let content = &v[0].iter().find(|(k, _)| k == "Content").unwrap().1;
    assert_eq!(content, "first line\nsecond line\n\n\n");
    let headers = &v[0].iter().find(|(k, _)| k == "Headers").unwrap().1;
    assert_eq!(headers, "Content-Type: text/plain\nContent-Length: 25");
}

#[test]
fn long_history_value_with_lookalike_lines_9_11() {
    let body = b"RT/5.0.3 200 Ok\n\n# 1/3 (id/101/total)\n\nid: 101\nTicket: 6\nType: Create\nField: \nDescription: Ticket created by root\n\nContent: Line one\n           indented line two\n         \n         line after blank\n         -- \n         sig\n         # not a comment\n         Key: looks like field\n         --\n         end\n\nCreator: root\nCreated: 2026-11-28 23:37:01\n\nAttachments: \n             41: untitled (0b)\n             45: noeol.txt (17b)\n\n\n--\n\n# 1/3 (id/102/total)\n\nid: 102\nAttachments: \n\n";
    roundtrip(body, &ParseOptions::new());
    let v = values(body, &ParseOptions::new());
    assert_eq!(v.len(), 2);
    let content = &v[0].iter().find(|(k, _)| k == "Content").unwrap().1;
    assert_eq!(
        content,
        "Line one\n  indented line two\n\nline after blank\n-- \nsig\n# not a comment\nKey: looks like field\n--\nend"
    );
    let att = &v[0].iter().find(|(k, _)| k == "Attachments").unwrap().1;
    assert_eq!(att, "\n41: untitled (0b)\n45: noeol.txt (17b)");
}

#[test]
fn comments_only_and_error_forms_5_1() {
    let ok = b"RT/5.0.3 200 Ok\n\n# Ticket 6 updated.\n\n";
    let err = b"RT/5.0.3 200 Ok\n\n# Ticket 999 does not exist.\n\n\n";
    for b in [&ok[..], &err[..]] {
        roundtrip(b, &ParseOptions::new());
    }
    let a = parse_response(ok).unwrap();
    let b = parse_response(err).unwrap();
    assert!(!a.forms().next().unwrap().has_field_list());
    assert!(b.forms().next().unwrap().has_field_list());
    assert_eq!(
        b.forms().next().unwrap().comments().collect::<Vec<_>>(),
        vec![&b"# Ticket 999 does not exist."[..]]
    );
}

#[test]
fn syntax_error_echo_5_5() {
    let body = b"RT/5.0.3+dfsg-3~deb12u6 409 Syntax Error\n\n# Syntax error.\n\nPriority: 11\n>> # a comment after a field\nSubject: z\n\n";
    roundtrip(body, &ParseOptions::new());
    let r = parse_response(body).unwrap();
    let f = r.forms().next().unwrap();
    assert_eq!(f.len(), 1);
    assert_eq!(
        f.echo().unwrap(),
        b">> # a comment after a field\nSubject: z"
    );
}

#[test]
fn multi_form_edit_409_9_5() {
    let body = b"RT/5.0.3 409 Syntax Error\n\n# Please resubmit with errors corrected.\n\n--\n\n# No object ID specified.\n\nPriority: 3\n\n--\n\n# Invalid object ID: 'foo bar/x/foo bar/x'\n\nid: foo bar/x\nPriority: 4\n\n--\n\n# Syntax error.\n\nid: ticket/1\n>> # bad\n\n";
    roundtrip(body, &ParseOptions::new());
    let body2 = b"RT/5.0.3 400 Bad Request\n\n# Ticket 1 updated.\n# Ticket 2 updated.\n\n--\n\n# Ticket 999 does not exist.\n\n\n";
    roundtrip(body2, &ParseOptions::new());
}

#[test]
fn wrapped_lists_5_4() {
    let body = b"RT/5.0.3 200 Ok\n\nid: ticket/6\nFinalPriority: 0\n\nRequestors: alice@example.com, bob@example.com, carol@example.com,\n            user3@example.com, user4@example.com\n\nCc: user5@example.com\nAdminCc:\nCF.{Multi Select}: alpha,'beta,gamma'\n\nCF.{Notes Text}: note line 1\n    note line 2\n\nCF.{Very Long Custom Field Name For Wrapping}: \nCF.{Colon: Field}: \n\n";
    roundtrip(body, &ParseOptions::new());
    let r = parse_response(body).unwrap();
    let f = r.forms().next().unwrap();
    let req: Vec<_> = f.get("Requestors").unwrap().value().items().collect();
    assert_eq!(req.len(), 5);
    assert_eq!(req[3], b"user3@example.com");
    assert_eq!(
        f.get("CF.{Notes Text}").unwrap().value().to_str().unwrap(),
        "note line 1\nnote line 2"
    );
    assert!(f.get("CF.{Colon: Field}").is_some());
}

#[test]
fn search_framing() {
    // format=l with a multi-line last value: search adds two LFs.
    let body = b"RT/5.0.3 200 Ok\n\nid: ticket/1\n\nCF.{Notes}: a\n            b\n\n\n\n";
    let o = ParseOptions::new().framing(Framing::Search);
    roundtrip(body, &o);
    let v = values(body, &o);
    assert_eq!(v[0][1].1, "a\nb");
    let v = values(body, &ParseOptions::new());
    assert_eq!(v[0][1].1, "a\nb\n");
    roundtrip(b"RT/5.0.3 200 Ok\n\n\n\n", &o);
}

#[test]
fn text_payloads_and_bodies() {
    let r = parse_response(b"RT/5.0.3 200 Ok\n\nNo matching results.\n\n\n").unwrap();
    let e = r.envelopes().next().unwrap();
    assert!(matches!(e.payload(), Payload::Text(t) if t == b"No matching results.\n\n\n"));
    let r = parse_response(b"").unwrap();
    assert_eq!(r.kind(), BodyKind::Empty);
    let r =
        parse_response(b"Can't call method \"new\" on an undefined value at x line 3.\n").unwrap();
    assert_eq!(r.kind(), BodyKind::Text);
    let r = parse_response(b"RT/5.0.3 401 Credentials required\n").unwrap();
    assert_eq!(r.status().unwrap().code(), 401);
    assert_eq!(r.form_count(), 0);
    roundtrip(b"RT/5.0.3 401 Credentials required\n", &ParseOptions::new());
    roundtrip(
        b"RT/5.0.3 401 Credentials required\n\nYour username or password is incorrect\n",
        &ParseOptions::new(),
    );
    let o = ParseOptions::new().forms_only(true);
    let e = parse_response_with(b"RT/5.0.3 200 Ok\n\nticket/6\nticket/7\n\n\n", &o).unwrap_err();
    assert_eq!((e.offset(), e.line(), e.column()), (17, 3, 1));
}

#[test]
fn several_envelopes_3_1() {
    let body = b"RT/5.0.3 200 Ok\n\n# 1/23 (id/40/total)\n\nid: 40\nType: AddLink\n\nRT/5.0.3 200 Ok\n\nid: ticket/1\nSubject: x\n\n";
    roundtrip(body, &ParseOptions::new());
    let r = parse_response(body).unwrap();
    assert_eq!(r.envelopes().len(), 2);
    assert_eq!(r.form_count(), 2);
}

#[test]
fn raw_content() {
    let mut body = b"RT/5.0.3 200 Ok\n\n".to_vec();
    body.extend(0u8..=255);
    body.extend_from_slice(b"\n\nRT/5.0.3 200 Ok\n\n");
    let o = ParseOptions::new().framing(Framing::Content);
    let r = parse_response_with(&body, &o).unwrap();
    let e = r.envelopes().next().unwrap();
    assert!(matches!(e.payload(), Payload::Raw(b) if b == &body[17..]));
    roundtrip(&body, &o);
}

#[test]
fn values_with_leading_space_and_trailing_lfs() {
    for (value, encoded) in [
        ("x\n", "K: x\n\n\n"),
        ("\n", "K: \n\n\n"),
        ("  lead", "K:   lead\n"),
        ("\nabc", "K: \n   abc\n\n"),
        ("a\n\n", "K: a\n   \n\n\n"),
    ] {
        let body = format!("RT/5.0.3 200 Ok\n\n{encoded}\n");
        let v = values(body.as_bytes(), &ParseOptions::new());
        assert_eq!(v[0][0].1, value, "{encoded:?}");
        roundtrip(body.as_bytes(), &ParseOptions::new());
    }
}

#[test]
fn errors_have_positions() {
    let e = parse_response_with(
        b"RT/5.0.3 200 Ok\n\nid: 1\nContent: a\n  b\n\n",
        &ParseOptions::new().forms_only(true),
    )
    .unwrap_err();
    assert_eq!(e.kind(), rt_wire::ErrorKind::Indentation);
    assert_eq!((e.line(), e.column()), (5, 3));
    let e = parse_response(b"RT/5.0.3 2OO Ok\n\n").unwrap_err();
    assert_eq!(e.kind(), rt_wire::ErrorKind::StatusCode);
    let e = parse_response(b"RT/5.0.3 200 Ok\nid: 1\n").unwrap_err();
    assert_eq!(e.kind(), rt_wire::ErrorKind::EmptyLine);
    assert!(e.to_string().contains("line 2, column 1"));
}

#[test]
fn object_custom_field_names_with_colons() {
    // A user custom field named `Colon: Field` with a wrapped list: the first
    // ": " would give the key `CF-Colon` (width 10), but RT indented by 4, the
    // width of the whole name `CF-Colon: Field` (`continuation-line`, `key-line`).
    let body = b"RT/5.0.3 200 Ok\n\nid: user/76\nName: dave\n\nCF-Colon: Field: alpha@example.com, bravo@example.com, charlie@example.com,\n    delta@example.com\n\n";
    roundtrip(body, &ParseOptions::new().forms_only(true));
    let r = parse_response(body).unwrap();
    let f = r.forms().next().unwrap();
    let cf = f.field(2).unwrap();
    assert_eq!(cf.key(), b"CF-Colon: Field");
    assert_eq!(cf.value().items().count(), 4);
}
