//! Single rules of RT's payloads and envelopes, each pinned at its boundary
//! by a test that runs without RT: where an envelope starts, what a payload
//! is (a message, an empty listing, forms, text), comment blocks, the
//! framing after a payload, the status line, the iterators. As in
//! `tests/rules.rs`, each rule was once checked by nothing: a planted change
//! of it (a mutant) went unnoticed.

use rt_wire::{ErrorKind, Framing, ParseOptions, parse_response_with};

/// RT's legacy `ticket/link` and `ticket/merge` print the request path on
/// the line before their "Invalid ticket id" message; the payload is that
/// message only after its own handler's path (link quotes with `'`, merge
/// with `` ` ``). After any other first line it is read as what it is: here
/// a form whose second field reads like the message.
#[test]
fn a_path_line_message_needs_its_own_handlers_path() {
    let opts = ParseOptions::new();
    for (first, quote) in [
        ("/REST/1.0/ticket/link", '\''),
        ("/REST/1.0/ticket/merge", '`'),
        ("id: 1", '\''),
        ("id: 1", '`'),
    ] {
        let body = format!("RT/5.0.3 200 Ok\n\n{first}\nInvalid ticket id: {quote}abc'.\n\n");
        let r = parse_response_with(body.as_bytes(), &opts).unwrap();
        let e = r.envelopes().next().unwrap();
        match e.payload() {
            rt_wire::Payload::Text(t) => {
                assert!(first.starts_with('/'), "{first}: read as a message");
                assert!(t.starts_with(first.as_bytes()), "{first}");
            }
            rt_wire::Payload::Forms(_) => {
                assert!(!first.starts_with('/'), "{first}: read as forms");
                let form = r.forms().next().unwrap();
                let v = form.get("Invalid ticket id").unwrap().value().to_bytes();
                assert_eq!(&v[..], format!("{quote}abc'.").as_bytes());
            }
            p => panic!("{first}: {p:?}"),
        }
    }
}

/// The envelope, form and field iterators know their exact length, from
/// either end.
#[test]
fn iterators_know_their_exact_length() {
    let body = b"RT/5.0.3 200 Ok\n\nid: 1\nA: x\n\n--\n\nid: 2\n\nRT/5.0.3 200 Ok\n\nid: 3\nB: y\nC: z\n\n";
    let r = parse_response_with(body, &ParseOptions::new()).unwrap();
    let mut envelopes = r.envelopes();
    assert_eq!((envelopes.len(), envelopes.size_hint()), (2, (2, Some(2))));
    envelopes.next();
    assert_eq!(envelopes.len(), 1);
    let mut forms = r.forms();
    assert_eq!((forms.len(), forms.size_hint()), (3, (3, Some(3))));
    let last = forms.next_back().unwrap();
    assert_eq!(forms.len(), 2);
    let mut fields = last.fields();
    assert_eq!((fields.len(), fields.size_hint()), (3, (3, Some(3))));
    fields.next();
    assert_eq!(fields.size_hint(), (2, Some(2)));
    forms.next();
    forms.next();
    assert_eq!(forms.len(), 0);
    assert!(forms.next().is_none());
}

/// `status-line = "RT/" version SP code SP reason`: each part as RT printed
/// it; `is_ok` is code 200 alone (RT reports many failures under 200 with a
/// `#` comment, and 401, 409 and the others are never ok).
#[test]
fn status_line_parts() {
    for (body, version, code, reason, ok) in [
        (
            &b"RT/5.0.3 200 Ok\n\nid: 1\n\n"[..],
            "5.0.3",
            200,
            "Ok",
            true,
        ),
        (
            b"RT/4.4.6 401 Credentials required\n",
            "4.4.6",
            401,
            "Credentials required",
            false,
        ),
        (
            b"RT/5.0.3 409 Syntax Error\n\n# x\n\n",
            "5.0.3",
            409,
            "Syntax Error",
            false,
        ),
        (b"RT/5.0.3 201 Ok\n\nid: 1\n\n", "5.0.3", 201, "Ok", false),
    ] {
        let r = parse_response_with(body, &ParseOptions::new()).unwrap();
        let s = r.envelopes().next().unwrap().status();
        let line = format!("RT/{version} {code} {reason}");
        assert_eq!(
            (s.version(), s.code(), s.reason(), s.as_bytes(), s.is_ok()),
            (version, code, reason, line.as_bytes(), ok)
        );
    }
}

/// `empty-listing = 1*LF`: under `Framing::Search` a payload of only empty
/// lines is an empty listing, kept as its text; read with `allow_crlf` its
/// CRLF lines count as they do everywhere else. No empty line after the
/// status line's is no listing at all (no forms); a lone CR is no line end.
#[test]
fn an_empty_listing_is_one_or_more_empty_lines() {
    let search = ParseOptions::new().framing(Framing::Search);
    let payload = |body: &[u8], opts: &ParseOptions| {
        let r = parse_response_with(body, opts).unwrap();
        let e = r.envelopes().next().unwrap();
        match e.payload() {
            rt_wire::Payload::Text(t) => format!("text {t:?}"),
            rt_wire::Payload::Forms(f) => format!("forms {}", f.len()),
            p => format!("{p:?}"),
        }
    };
    assert_eq!(payload(b"RT/5.0.3 200 Ok\n\n", &search), "forms 0");
    assert_eq!(payload(b"RT/5.0.3 200 Ok\n\n\n", &search), "text [10]");
    assert_eq!(
        payload(b"RT/5.0.3 200 Ok\n\n\n\n", &search),
        "text [10, 10]"
    );
    let crlf = search.allow_crlf(true);
    assert_eq!(payload(b"RT/5.0.3 200 Ok\r\n\r\n", &crlf), "forms 0");
    assert_eq!(
        payload(b"RT/5.0.3 200 Ok\r\n\r\n\r\n", &crlf),
        "text [13, 10]"
    );
    assert_ne!(payload(b"RT/5.0.3 200 Ok\r\n\r\n\r", &crlf), "text [13]");
    // A status line right after the status line's empty line: no listing.
    let two = b"RT/5.0.3 200 Ok\n\nRT/5.0.3 200 Ok\n\n\n";
    assert_eq!(payload(two, &search), "forms 0");
    let r = parse_response_with(two, &search).unwrap();
    assert_eq!(r.envelopes().count(), 2);
}

/// A status line starts the next envelope only after an empty line, or as
/// the very first line of a payload (an empty payload); inside a form it is
/// not RT's layout. After a 409 answer's `>>` echo and its empty line only
/// empty lines, a separator or the next envelope may follow.
#[test]
fn a_status_line_starts_an_envelope_only_after_an_empty_line() {
    let forms_only = ParseOptions::new().forms_only(true);
    let at_start = b"RT/5.0.3 200 Ok\n\nRT/5.0.3 200 Ok\n\nid: 1\n\n";
    let r = parse_response_with(at_start, &forms_only).unwrap();
    assert_eq!(r.envelopes().count(), 2);
    assert_eq!(r.forms().count(), 1);
    let after_blank = b"RT/5.0.3 200 Ok\n\nid: 1\n\nRT/5.0.3 200 Ok\n\nid: 2\n\n";
    let r = parse_response_with(after_blank, &forms_only).unwrap();
    assert_eq!((r.envelopes().count(), r.forms().count()), (2, 2));
    let inside = b"RT/5.0.3 200 Ok\n\nid: 1\nRT/5.0.3 200 Ok\n\nid: 2\n\n";
    let e = parse_response_with(inside, &forms_only).unwrap_err();
    assert_eq!(
        (e.kind(), e.line(), e.column()),
        (ErrorKind::FieldLine, 4, 1)
    );
    let echo = b"RT/5.0.3 409 Syntax Error\n\n# Syntax error.\n\n>> x\nSubject: z\n\nmore\n\n";
    let e = parse_response_with(echo, &forms_only).unwrap_err();
    assert_eq!(
        (e.kind(), e.line(), e.column()),
        (ErrorKind::FieldLine, 8, 1)
    );
}

/// `comment-block = 1*comment-line`: `#` lines only before a form's first
/// field, with no empty line between them.
#[test]
fn comment_lines_only_as_one_block_before_the_fields() {
    let forms_only = ParseOptions::new().forms_only(true);
    let ok = b"RT/5.0.3 200 Ok\n\n# a\n# b\n\nid: 1\n\n";
    let r = parse_response_with(ok, &forms_only).unwrap();
    let form = r.forms().next().unwrap();
    assert_eq!(form.comments().collect::<Vec<_>>(), [&b"# a"[..], b"# b"]);
    for (body, line) in [
        // After a field.
        (&b"RT/5.0.3 200 Ok\n\nid: 1\n# late\n\n"[..], 4),
        // After the first field has been closed by the next one.
        (b"RT/5.0.3 200 Ok\n\nid: 1\nA: x\n# late\n\n", 5),
        // A second block after an empty line.
        (b"RT/5.0.3 200 Ok\n\n# a\n\n# b\n\nid: 1\n\n", 5),
    ] {
        let e = parse_response_with(body, &forms_only).unwrap_err();
        assert_eq!((e.kind(), e.line()), (ErrorKind::Comment, line), "{e}");
    }
}

/// The framing after a payload (what the endpoint appends: one LF after an
/// object, two after a search listing) is counted only from the empty lines
/// that are there: a single-line last field followed by fewer keeps them as
/// they are, and the body is written back byte for byte.
#[test]
fn the_framing_after_a_single_line_last_field_is_what_is_there() {
    for (framing, blanks) in [
        (Framing::Object, 0),
        (Framing::Object, 1),
        (Framing::Search, 0),
        (Framing::Search, 1),
        (Framing::Search, 2),
    ] {
        let mut body = b"RT/5.0.3 200 Ok\n\nid: 1\nSubject: x\n".to_vec();
        body.extend(std::iter::repeat_n(b'\n', blanks));
        let opts = ParseOptions::new().framing(framing);
        let r = parse_response_with(&body, &opts).unwrap();
        let e = r.envelopes().next().unwrap();
        assert_eq!(e.trailer(), blanks, "{framing:?} {blanks}");
        let subject = r.forms().next().unwrap().get("Subject").unwrap().value();
        assert_eq!(&subject.to_bytes()[..], b"x", "{framing:?} {blanks}");
        assert_eq!(r.to_bytes(), body, "{framing:?} {blanks}");
    }
}

/// `body = empty / text-body / 1*envelope`, decided by the first bytes: a
/// body that is a start of `RT/` but ends before it (`R`, `RT`) is text,
/// in one piece or streamed.
#[test]
fn a_body_shorter_than_rt_slash_is_text() {
    use rt_wire::BodyKind;
    for body in [&b"R"[..], b"RT", b"RX/", b"ok\n"] {
        let r = parse_response_with(body, &ParseOptions::new()).unwrap();
        assert_eq!(r.kind(), BodyKind::Text, "{body:?}");
        let mut reader = rt_wire::stream::StreamReader::new();
        match reader.feed(body, true).unwrap() {
            rt_wire::stream::Status::Complete(rt_wire::stream::Event::Text(t), _) => {
                assert_eq!(t, body);
            }
            _ => panic!("{body:?}: not text"),
        }
    }
}
