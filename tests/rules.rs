//! Single rules of RT's format, each pinned at its boundary by a test that
//! runs without RT (no Perl, no server). Each rule was once only checked by
//! an oracle test, or by nothing: a planted change of the rule (a mutant)
//! went unnoticed. The test names state the rule.

use rt_wire::request::ParsedValue;
use rt_wire::request::parse_content;
use rt_wire::views::Attachment;
use rt_wire::{ErrorKind, FormWriter, Framing, ParseOptions, indent_width, parse_response_with};

/// The error of reading `body` as forms only: its kind, offset, line, column.
fn error_at(body: &[u8]) -> (ErrorKind, usize, usize, usize) {
    let e = parse_response_with(body, &ParseOptions::new().forms_only(true)).unwrap_err();
    (e.kind(), e.offset(), e.line(), e.column())
}

fn write(f: impl FnOnce(&mut FormWriter<Vec<u8>>)) -> Vec<u8> {
    let mut w = FormWriter::new(Vec::new());
    f(&mut w);
    w.finish()
}

/// RT's `form_compose` wraps a list before an item that would make the
/// current line reach column 70: "line length + 1 + item length >= 70".
/// A line of exactly 70 characters therefore stays one line only when it was
/// reached by the last item fitting (69 before the `, `), never by wrapping late.
#[test]
fn list_wraps_when_the_line_would_reach_column_70() {
    // "Cc: " + 30 letters: 34 characters.
    let first = "a".repeat(30);
    // 34 + 1 + 34 = 69: fits, the line becomes 34 + 2 + 34 = 70 characters.
    let fits = "b".repeat(34);
    let out = write(|w| w.list(b"Cc", [first.as_bytes(), fits.as_bytes()]));
    assert_eq!(out, format!("Cc: {first}, {fits}\n").into_bytes());
    // 34 + 1 + 35 = 70: wraps, the item goes on a line indented 4 (`Cc: `).
    let wraps = "c".repeat(35);
    let out = write(|w| w.list(b"Cc", [first.as_bytes(), wraps.as_bytes()]));
    assert_eq!(out, format!("Cc: {first},\n    {wraps}\n\n").into_bytes());
    // After a wrap the column counts from the continuation line's start:
    // 4 + 35 = 39, then 39 + 1 + 29 = 69 fits and 39 + 1 + 30 = 70 wraps.
    let (a, b) = ("d".repeat(29), "e".repeat(30));
    let out = write(|w| w.list(b"Cc", [&first, &wraps, &a].map(|s| s.as_bytes())));
    assert_eq!(
        out,
        format!("Cc: {first},\n    {wraps}, {a}\n\n").into_bytes()
    );
    let out = write(|w| w.list(b"Cc", [&first, &wraps, &b].map(|s| s.as_bytes())));
    assert_eq!(
        out,
        format!("Cc: {first},\n    {wraps},\n    {b}\n\n").into_bytes()
    );
    // The first line counts the key: "AdminCc: " + 30 = 39, then
    // 39 + 1 + 30 = 70 wraps and 39 + 1 + 29 = 69 fits.
    let out = write(|w| w.list(b"AdminCc", [first.as_bytes(), a.as_bytes()]));
    assert_eq!(out, format!("AdminCc: {first}, {a}\n").into_bytes());
    let out = write(|w| w.list(b"AdminCc", [first.as_bytes(), b.as_bytes()]));
    assert_eq!(
        out,
        format!("AdminCc: {first},\n         {b}\n\n").into_bytes()
    );
    // Characters, not bytes: 35 two-byte letters fit where 35 bytes would not.
    let wide = "\u{e9}".repeat(34);
    let out = write(|w| w.list(b"Cc", [first.as_bytes(), wide.as_bytes()]));
    assert_eq!(out, format!("Cc: {first}, {wide}\n").into_bytes());
}

/// The continuation indent is `len(key) + 2`, or 4 when that exceeds 16:
/// a 14-character key is indented 16, a 15-character key 4. Characters, not
/// bytes, when the key is UTF-8.
#[test]
fn continuation_indent_is_key_plus_two_up_to_16() {
    assert_eq!(indent_width(b"Subject"), 9);
    assert_eq!(indent_width(b"ABCDEFGHIJKLMN"), 16);
    assert_eq!(indent_width(b"ABCDEFGHIJKLMNO"), 4);
    assert_eq!(indent_width("\u{e9}\u{e9}\u{e9}".as_bytes()), 5);
    assert_eq!(
        indent_width("CF.{\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}}".as_bytes()),
        16
    );
    // The writer and the parser agree at the boundary.
    for key in ["ABCDEFGHIJKLMN", "ABCDEFGHIJKLMNO"] {
        let out = write(|w| w.field(key.as_bytes(), b"one\ntwo"));
        let pad = " ".repeat(indent_width(key.as_bytes()));
        assert_eq!(out, format!("{key}: one\n{pad}two\n\n").into_bytes());
        let mut body = b"RT/5.0.3 200 Ok\n\n".to_vec();
        body.extend_from_slice(&out);
        body.push(b'\n');
        let r = parse_response_with(&body, &ParseOptions::new()).unwrap();
        let form = r.forms().next().unwrap();
        let v = form.get(key).unwrap().value().to_bytes();
        assert_eq!(&v[..], b"one\ntwo", "{key}");
    }
}

/// After a value, one empty line ends the field, two mean the value ends
/// with an LF; RT never prints three between fields, so a third is an
/// error, reported where the next field starts.
#[test]
fn three_empty_lines_between_fields_are_an_error() {
    let ok = b"RT/5.0.3 200 Ok\n\nA: x\n\n\nB: y\n\n";
    let r = parse_response_with(ok, &ParseOptions::new()).unwrap();
    let form = r.forms().next().unwrap();
    assert_eq!(&form.get("A").unwrap().value().to_bytes()[..], b"x\n");
    let bad = b"RT/5.0.3 200 Ok\n\nA: x\n\n\n\nB: y\n\n";
    // (Without `forms_only` such a payload is read as text.)
    assert_eq!(error_at(bad), (ErrorKind::BlankLines, 25, 7, 1));
    let e = parse_response_with(bad, &ParseOptions::new().forms_only(true)).unwrap_err();
    // The error says what was expected, in words, and where.
    assert_eq!(e.expected(), "at most two empty lines after a value");
    assert_eq!(
        e.to_string(),
        "line 7, column 1 (byte 25): expected at most two empty lines after a value"
    );
}

/// With `allow_crlf`, a CR before the LF is part of the line end, also on the
/// last continuation line of the payload's last value: an indented empty
/// last line means the value ends with an LF, whatever the line end.
#[test]
fn crlf_last_continuation_line_reads_as_with_lf() {
    // What each endpoint appends after its payload.
    for (framing, trailer) in [(Framing::Object, &b"\n"[..]), (Framing::Search, b"\n\n")] {
        // RT prints every content line indented, the empty last one too.
        let mut lf = b"RT/5.0.3 200 Ok\n\nid: 1\n\nText: one\n      two\n      \n".to_vec();
        lf.extend_from_slice(trailer);
        let crlf = rt_wire_testkit::crlf(&lf);
        let opts = ParseOptions::new().framing(framing);
        for (body, opts) in [(&lf, opts), (&crlf, opts.allow_crlf(true))] {
            let r = parse_response_with(body, &opts).unwrap();
            let form = r.forms().next().unwrap();
            let text = form.get("Text").unwrap().value().to_bytes();
            assert_eq!(
                &text[..],
                b"one\ntwo\n",
                "{framing:?} crlf={}",
                opts.allow_crlf
            );
        }
    }
}

/// RT's `form_parse` strips the shortest leading-whitespace run of the
/// continuation lines; among runs of the same length the first one wins,
/// and a line that does not start with it keeps its whitespace.
#[test]
fn request_value_strips_the_first_shortest_whitespace_run() {
    let forms = parse_content("Text: x\n\t a\n \tb\n");
    assert_eq!(
        forms[0].get("Text"),
        Some(&ParsedValue::Scalar("x\na\n \tb".into()))
    );
    let forms = parse_content("Text: x\n \tb\n\t a\n");
    assert_eq!(
        forms[0].get("Text"),
        Some(&ParsedValue::Scalar("x\nb\n\t a".into()))
    );
}

fn binary_attachment(filename: &str, length: Option<usize>, content: &[u8]) -> Vec<u8> {
    let mut b = format!(
        "RT/5.0.3 200 Ok\n\nid: 8\nSubject: \nCreator: 14\nCreated: 2026-11-28 23:37:01\nTransaction: 59\nParent: 5\nMessageId: \nFilename: {filename}\nContentType: application/octet-stream\nContentEncoding: base64\n\nHeaders: Content-Type: application/octet-stream\n"
    )
    .into_bytes();
    if let Some(n) = length {
        b.extend_from_slice(format!("         Content-Length: {n}\n").as_bytes());
    }
    b.extend_from_slice(b"\nContent: ");
    for &byte in content {
        b.push(byte);
        if byte == b'\n' {
            b.extend_from_slice(b"         ");
        }
    }
    b.extend_from_slice(b"\n\n");
    b
}

/// A binary attachment's bytes come back as RT stored them (spec §12.3):
/// as they are when everything else in the response is ASCII; from RT's
/// UTF-8 re-encoding of 0x80-0xFF when something else (here the file name)
/// is not.
#[test]
fn binary_content_comes_back_byte_for_byte() {
    let body = binary_attachment("bin.dat", Some(4), b"\x00\xe9\n\xff");
    let r = parse_response_with(&body, &ParseOptions::new()).unwrap();
    let o = Attachment::from_response(&r)
        .unwrap()
        .original_bytes()
        .unwrap();
    assert_eq!(&o.bytes[..], b"\x00\xe9\n\xff");
    assert!(!o.converted);
    let body = binary_attachment("b\u{ef}n.dat", Some(4), "\u{0}\u{e9}\n\u{ff}".as_bytes());
    let r = parse_response_with(&body, &ParseOptions::new()).unwrap();
    let o = Attachment::from_response(&r)
        .unwrap()
        .original_bytes()
        .unwrap();
    assert_eq!(&o.bytes[..], b"\x00\xe9\n\xff");
    assert!(o.converted);
}

/// RT re-encodes a binary attachment's bytes 0x80-0xFF as UTF-8 when
/// anything else in the response is non-ASCII. Without a `Content-Length`
/// header to decide, that is the rule `original_bytes` undoes: a non-ASCII
/// file name means the content was re-encoded, an ASCII one that it was not.
#[test]
fn latin1_undo_without_content_length_follows_the_rest_of_the_response() {
    let original = b"\x00\xe9\n\xff";
    let upgraded = "\u{0}\u{e9}\n\u{ff}".as_bytes();
    for (name, content, converted) in [
        ("b\u{ef}n.dat", upgraded, true),
        ("bin.dat", upgraded, false),
        ("bin.dat", &original[..], false),
    ] {
        let body = binary_attachment(name, None, content);
        let r = parse_response_with(&body, &ParseOptions::new()).unwrap();
        let a = Attachment::from_response(&r).unwrap();
        let o = a.original_bytes().unwrap();
        assert_eq!(o.converted, converted, "{name}");
        let want: &[u8] = if converted { original } else { content };
        assert_eq!(&o.bytes[..], want, "{name}");
    }
    // With the header, its length decides, whatever the file name.
    let body = binary_attachment("b\u{ef}n.dat", Some(6), upgraded);
    let r = parse_response_with(&body, &ParseOptions::new()).unwrap();
    let o = Attachment::from_response(&r)
        .unwrap()
        .original_bytes()
        .unwrap();
    assert!(!o.converted);
    assert_eq!(&o.bytes[..], upgraded);
    // The header's length decides for the Latin-1 bytes too (an ASCII name),
    // and a length that fits neither leaves the decision to the rest of
    // the response.
    for (name, length, converted) in [
        ("bin.dat", 4, true),
        ("b\u{ef}n.dat", 99, true),
        ("bin.dat", 99, false),
    ] {
        let body = binary_attachment(name, Some(length), upgraded);
        let r = parse_response_with(&body, &ParseOptions::new()).unwrap();
        let o = Attachment::from_response(&r)
            .unwrap()
            .original_bytes()
            .unwrap();
        assert_eq!(o.converted, converted, "{name} {length}");
    }
    // What follows the content counts as the rest of the response too.
    let mut body = binary_attachment("bin.dat", None, upgraded);
    body.truncate(body.len() - 1);
    body.extend_from_slice("Extra: \u{ef}\n\n".as_bytes());
    let r = parse_response_with(&body, &ParseOptions::new()).unwrap();
    let a = Attachment::from_response(&r).unwrap();
    assert_eq!(a.record().get("Extra").unwrap().to_str().unwrap(), "\u{ef}");
    assert!(a.original_bytes().unwrap().converted);
}

/// The writer lays out the same bytes on every sink: `Vec<u8>`,
/// `bytes::BytesMut`, any `BufMut` through `BufMutSink`, and `LenCounter`
/// counts exactly them.
#[test]
fn every_sink_receives_the_same_bytes() {
    use rt_wire::{BufMutSink, LenCounter};
    fn lay_out<S: rt_wire::Sink>(sink: S) -> S {
        let mut w = FormWriter::new(sink);
        w.comment(b"# Ticket 7");
        w.field(b"Subject", b"hello");
        w.field(b"Text", b"one\n  two\n");
        w.list(b"Cc", [&b"a@example.com"[..], b"b@example.com"]);
        w.end_form(true);
        w.field(b"id", b"8");
        w.finish()
    }
    let vec = lay_out(Vec::new());
    assert!(vec.len() > 60);
    let bytes_mut = lay_out(bytes::BytesMut::new());
    assert_eq!(&bytes_mut[..], &vec[..]);
    let BufMutSink(buf) = lay_out(BufMutSink(Vec::new()));
    assert_eq!(buf, vec);
    assert_eq!(lay_out(LenCounter::default()).0, vec.len());
}

/// RT prints a form's comment text without its trailing LFs: a comment
/// given with them is written as the same `#` line.
#[test]
fn comment_trailing_lfs_are_dropped() {
    let plain = write(|w| {
        w.comment(b"# Ticket 7 created.");
        w.field(b"id", b"7");
    });
    for text in [&b"# Ticket 7 created.\n"[..], b"# Ticket 7 created.\n\n\n"] {
        let out = write(|w| {
            w.comment(text);
            w.field(b"id", b"7");
        });
        assert_eq!(out, plain, "{:?}", String::from_utf8_lossy(text));
    }
    assert_eq!(plain, b"# Ticket 7 created.\n\nid: 7\n");
    // A comment of LFs only is an empty comment, as an empty one is.
    let empty = write(|w| w.comment(b""));
    assert_eq!(write(|w| w.comment(b"\n\n")), empty);
}

/// An empty line followed by an indented line is not RT's layout: RT
/// prints an empty line inside a value as a line of the indent's spaces, so
/// an empty line ends the field and a continuation line after it is an
/// error at the continuation line.
#[test]
fn an_empty_line_inside_a_value_is_an_error() {
    let ok = b"RT/5.0.3 200 Ok\n\nA: x\n   \n   y\n\n";
    let r = parse_response_with(ok, &ParseOptions::new()).unwrap();
    let form = r.forms().next().unwrap();
    assert_eq!(&form.get("A").unwrap().value().to_bytes()[..], b"x\n\ny");
    let bad = b"RT/5.0.3 200 Ok\n\nA: x\n\n   y\n\n";
    assert_eq!(error_at(bad), (ErrorKind::BlankLineInValue, 23, 5, 1));
}

/// A key that itself holds `": "` (a user, queue or group custom field
/// `CF-Name: Field`) is split at its first `": "` until a continuation line
/// shows RT's indent for a longer key: the key then ends at the first later
/// `": "` whose key has RT's width for that indent (a key of 15 or more
/// characters is indented 4), however close the later `": "` follows.
#[test]
fn a_key_with_colons_ends_where_the_indent_says() {
    for (body, key) in [
        // The later `": "` right after a short second part.
        (
            &b"RT/5.0.3 200 Ok\n\nAbcdefgh: ijklm: one\n    two\n\n"[..],
            "Abcdefgh: ijklm",
        ),
        // The second `": "` still too narrow (width 12), the third one fits.
        (
            b"RT/5.0.3 200 Ok\n\nAbcdef: gh: ijk: one\n    two\n\n",
            "Abcdef: gh: ijk",
        ),
    ] {
        let r = parse_response_with(body, &ParseOptions::new().forms_only(true)).unwrap();
        let form = r.forms().next().unwrap();
        let field = form.get(key).unwrap_or_else(|| panic!("no key {key:?}"));
        assert_eq!(&field.value().to_bytes()[..], b"one\ntwo", "{key}");
    }
    // No later split has a width as narrow as the line's 2 spaces: the
    // line is under-indented for the one-letter key (width 3).
    let bad = b"RT/5.0.3 200 Ok\n\nA: b: c\n  two\n\n";
    assert_eq!(error_at(bad), (ErrorKind::Indentation, 27, 4, 3));
}

/// A value is one slice of the input when it needs no de-indenting: one
/// line, or one line whose only LF is its last byte (two empty lines after
/// it), with LF line ends; read with CRLF the CR is not part of the value,
/// so that value is built. Its indent is RT's width for its key, whether
/// or not it has continuation lines.
#[test]
fn a_value_is_one_slice_when_it_needs_no_de_indenting() {
    let body = b"RT/5.0.3 200 Ok\n\nSubject: x\n\n\nOwner: y\n\nText: a\n      b\n\n";
    let r = parse_response_with(body, &ParseOptions::new()).unwrap();
    let f = r.forms().next().unwrap();
    let (subject, owner, text) = (
        f.get("Subject").unwrap().value(),
        f.get("Owner").unwrap().value(),
        f.get("Text").unwrap().value(),
    );
    assert_eq!(subject.as_bytes(), Some(&b"x\n"[..]));
    assert_eq!(owner.as_bytes(), Some(&b"y"[..]));
    assert_eq!(text.as_bytes(), None);
    assert_eq!(&text.to_bytes()[..], b"a\nb");
    assert_eq!((subject.indent(), owner.indent(), text.indent()), (9, 7, 6));
    let crlf = rt_wire_testkit::crlf(body);
    let r = parse_response_with(&crlf, &ParseOptions::new().allow_crlf(true)).unwrap();
    let f = r.forms().next().unwrap();
    let subject = f.get("Subject").unwrap().value();
    assert_eq!(subject.as_bytes(), None);
    assert_eq!(&subject.to_bytes()[..], b"x\n");
    assert_eq!(f.get("Owner").unwrap().value().as_bytes(), Some(&b"y"[..]));
}

/// Keys compare ignoring ASCII case, as RT's handlers do. A key names a
/// custom field as `CF.{name}` (tickets) or `CF-name` (users, queues,
/// groups), ASCII case ignored; `CF.{}` names the empty name (what is inside
/// the braces), `CF.{` without its `}` and a bare `CF-` name none.
#[test]
fn keys_compare_ignoring_case_and_name_custom_fields() {
    let body = b"RT/5.0.3 200 Ok\n\nid: 1\nCF.{Name}: a\ncf.{x}: b\nCF-Foo: c\ncf-y: d\nCF.{abc: e\nCF-: f\nCF.{}: g\nCFX: h\nCF: i\n\n";
    let r = parse_response_with(body, &ParseOptions::new()).unwrap();
    let form = r.forms().next().unwrap();
    let names: Vec<(String, Option<String>)> = form
        .fields()
        .map(|f| {
            let name = f
                .custom_field_name()
                .map(|n| String::from_utf8_lossy(n).into_owned());
            (f.key_str().unwrap().to_owned(), name)
        })
        .collect();
    let want: Vec<(String, Option<String>)> = [
        ("id", None),
        ("CF.{Name}", Some("Name")),
        ("cf.{x}", Some("x")),
        ("CF-Foo", Some("Foo")),
        ("cf-y", Some("y")),
        ("CF.{abc", None),
        ("CF-", None),
        ("CF.{}", Some("")),
        ("CFX", None),
        ("CF", None),
    ]
    .iter()
    .map(|(k, n)| (k.to_string(), n.map(str::to_owned)))
    .collect();
    assert_eq!(names, want);
    let id = form.fields().next().unwrap();
    assert!(id.key_is("id") && id.key_is("ID") && id.key_is("Id"));
    assert!(!id.key_is("i") && !id.key_is("idx") && !id.key_is(""));
}

/// The decodings of a value agree: its lines, its bytes, its lossy text and
/// its list items. A continuation line no longer than the indent is an
/// empty line (with CRLF, its CR is the line end; with LF, a CR is data).
/// List items are split at `", "`, a wrapped line's final `,` ends an item,
/// and a final LF adds no empty item.
#[test]
fn a_values_decodings_agree() {
    let body = b"RT/5.0.3 200 Ok\n\nText: one\n      two\n      \nCR: x\n    \r\nCc: alpha@x, beta@x,\n    gamma@x\nLossy: caf\xe9\n       x\nList: a, b\n\n\nEnd: z\n\n";
    let r = parse_response_with(body, &ParseOptions::new()).unwrap();
    let f = r.forms().next().unwrap();
    let v = |k: &str| f.get(k).unwrap().value();
    let lines = |k: &str| v(k).lines().map(<[u8]>::to_vec).collect::<Vec<_>>();
    let items = |k: &str| v(k).items().map(<[u8]>::to_vec).collect::<Vec<_>>();
    assert_eq!(lines("Text"), [&b"one"[..], b"two", b""]);
    assert_eq!(&v("Text").to_bytes()[..], b"one\ntwo\n");
    assert!(v("Text").trailing_lf());
    // With LF line ends the CR is data: the last line is not empty.
    assert_eq!(&v("CR").to_bytes()[..], b"x\n\r");
    assert!(!v("CR").trailing_lf());
    assert_eq!(items("Cc"), [&b"alpha@x"[..], b"beta@x", b"gamma@x"]);
    assert_eq!(v("Lossy").to_string_lossy(), "caf\u{fffd}\nx");
    assert_eq!(v("End").to_string_lossy(), "z");
    assert_eq!(items("List"), [&b"a"[..], b"b"]);
    assert_eq!(&v("List").to_bytes()[..], b"a, b\n");
    // Read with CRLF, the CR of the indented empty line is its line end.
    let crlf = rt_wire_testkit::crlf(b"RT/5.0.3 200 Ok\n\nText: one\n      two\n      \n\n");
    let r = parse_response_with(&crlf, &ParseOptions::new().allow_crlf(true)).unwrap();
    let text = r.forms().next().unwrap().get("Text").unwrap().value();
    assert!(text.trailing_lf());
    assert_eq!(&text.to_bytes()[..], b"one\ntwo\n");
    assert_eq!(text.to_string_lossy(), "one\ntwo\n");
}

/// The writer lays out a 409 answer as RT does (its comment, then the `>>`
/// echo verbatim, each line ended by one LF) and counts the forms it wrote.
#[test]
fn writer_echo_and_form_count() {
    let mut w = FormWriter::new(Vec::new());
    assert_eq!(w.form_count(), 0);
    w.comment(b"# Syntax error.");
    w.echo(b">> # a comment after a field\nSubject: z");
    w.end_form(true);
    assert_eq!(w.form_count(), 1);
    w.comment(b"# Syntax error.");
    w.echo(b">> x\n");
    w.end_form(true);
    assert_eq!(w.form_count(), 2);
    assert_eq!(
        w.finish(),
        b"# Syntax error.\n\n>> # a comment after a field\nSubject: z\n\n--\n\n# Syntax error.\n\n>> x\n"
    );
}
