//! The streaming reader gives the one-shot result at every split point of
//! every corpus file, and for every chunk size. Every capture the manifests
//! list is read (`tests/common/manifest.rs`), and counted.

#[path = "common/manifest.rs"]
#[allow(dead_code)]
mod manifest;

use rt_wire::stream::{Event, Status, StreamReader};
use rt_wire::{BodyKind, Form, Framing, ParseOptions, Payload, parse_response_with};

#[derive(Debug, PartialEq, Eq)]
enum Item {
    Status(Vec<u8>),
    Form {
        comments: Vec<Vec<u8>>,
        fields: Vec<(Vec<u8>, Vec<u8>, bool)>,
        echo: Option<Vec<u8>>,
        field_list: bool,
    },
    Text(Vec<u8>),
    Raw(Vec<u8>),
}

fn form_item(f: &Form<'_, '_>) -> Item {
    Item::Form {
        comments: f.comments().map(<[u8]>::to_vec).collect(),
        fields: f
            .fields()
            .map(|x| {
                (
                    x.key().to_vec(),
                    x.value().to_bytes().into_owned(),
                    x.value().is_empty_list(),
                )
            })
            .collect(),
        echo: f.echo().map(<[u8]>::to_vec),
        field_list: f.has_field_list(),
    }
}

fn push(items: &mut Vec<Item>, item: Item) {
    match (items.last_mut(), item) {
        (_, Item::Text(t) | Item::Raw(t)) if t.is_empty() => {}
        (Some(Item::Text(a)), Item::Text(b)) | (Some(Item::Raw(a)), Item::Raw(b)) => {
            a.extend_from_slice(&b);
        }
        (_, item) => items.push(item),
    }
}

fn one_shot(input: &[u8], opts: &ParseOptions) -> Vec<Item> {
    let r = parse_response_with(input, opts).unwrap();
    let mut items = Vec::new();
    match r.kind() {
        BodyKind::Empty => {}
        BodyKind::Text => push(&mut items, Item::Text(input.to_vec())),
        _ => {
            for e in r.envelopes() {
                push(&mut items, Item::Status(e.status().as_bytes().to_vec()));
                match e.payload() {
                    Payload::Forms(forms) => {
                        for f in forms {
                            push(&mut items, form_item(&f));
                        }
                    }
                    Payload::Text(t) => push(&mut items, Item::Text(t.to_vec())),
                    Payload::Raw(t) => push(&mut items, Item::Raw(t.to_vec())),
                    _ => unreachable!(),
                }
            }
        }
    }
    items
}

fn handle(items: &mut Vec<Item>, e: &Event<'_, '_>) -> bool {
    match e {
        Event::Status(s) => push(items, Item::Status(s.as_bytes().to_vec())),
        Event::Form(f) => push(items, form_item(f)),
        Event::Text(t) => push(items, Item::Text(t.to_vec())),
        Event::Raw(t) => push(items, Item::Raw(t.to_vec())),
        Event::End => return true,
        _ => unreachable!(),
    }
    false
}

fn streamed(chunks: &[&[u8]], opts: &ParseOptions) -> Vec<Item> {
    let mut reader = StreamReader::with_options(*opts);
    let mut buf: Vec<u8> = Vec::new();
    let mut items = Vec::new();
    for chunk in chunks {
        buf.extend_from_slice(chunk);
        while let Status::Complete(e, used) = reader.feed(&buf, false).unwrap() {
            assert!(!handle(&mut items, &e), "End before eof");
            buf.drain(..used);
        }
    }
    for _ in 0..1_000_000 {
        match reader.feed(&buf, true).unwrap() {
            Status::Complete(e, used) => {
                let end = handle(&mut items, &e);
                buf.drain(..used);
                if end {
                    assert!(buf.is_empty(), "bytes left after End");
                    return items;
                }
            }
            Status::Partial => panic!("Partial at eof"),
        }
    }
    panic!("no End");
}

fn framing_for(path: &str) -> Framing {
    if path.contains("/REST/1.0/search/") {
        Framing::Search
    } else if path.ends_with("/content") {
        Framing::Content
    } else {
        Framing::Object
    }
}

/// Every capture the manifests list (a listed file that is missing fails).
fn corpus() -> Vec<(std::path::PathBuf, Framing)> {
    manifest::all()
        .into_iter()
        .map(|c| {
            let framing = framing_for(c.request_path());
            (c.path, framing)
        })
        .collect()
}

#[test]
fn every_split_point_gives_the_one_shot_result() {
    let mut files = 0;
    let mut splits = 0usize;
    for (path, framing) in corpus() {
        let input = std::fs::read(&path).unwrap();
        let opts = ParseOptions::new().framing(framing);
        let want = one_shot(&input, &opts);
        // Every split point for files up to 8 KiB; a stride that still hits
        // every byte position modulo 7 for larger ones.
        let stride = if input.len() <= 8192 { 1 } else { 7 };
        for s in (0..=input.len()).step_by(stride) {
            let got = streamed(&[&input[..s], &input[s..]], &opts);
            assert_eq!(got, want, "{} split at {s}", path.display());
            splits += 1;
        }
        files += 1;
    }
    println!("{files} files, {splits} split points");
    assert_eq!(files, manifest::listed(None), "files the manifests list");
}

#[test]
fn every_chunk_size_gives_the_one_shot_result() {
    let mut files = 0;
    for (path, framing) in corpus() {
        let input = std::fs::read(&path).unwrap();
        let opts = ParseOptions::new().framing(framing);
        let want = one_shot(&input, &opts);
        for size in [1, 2, 3, 5, 16, 64, 4096] {
            let chunks: Vec<&[u8]> = input.chunks(size).collect();
            assert_eq!(
                streamed(&chunks, &opts),
                want,
                "{} in chunks of {size}",
                path.display()
            );
        }
        files += 1;
    }
    assert_eq!(files, manifest::listed(None), "files the manifests list");
}

#[test]
fn hand_written_shapes() {
    let cases: &[&[u8]] = &[
        b"",
        b"RT/5.0.3 401 Credentials required\n",
        b"RT/5.0.3 200 Ok",
        b"Can't locate object method\n",
        b"RT/5.0.3 200 Ok\n\n# 1/2 (id/1/total)\n\nid: 1\n\nRT/5.0.3 200 Ok\n\nid: ticket/1\n\n",
        b"RT/5.0.3 200 Ok\n\nNo matching results.\n\nRT/5.0.3 200 Ok\n\nid: 2\n\n",
        b"RT/5.0.3 200 Ok\n\nid: 1\n\n--\n\n\n--\n\nid: 2\n\n",
        b"RT/5.0.3 409 Syntax Error\n\n# Syntax error.\n\nPriority: 11\n>> # x\nSubject: z\n\n",
    ];
    for input in cases {
        let opts = ParseOptions::new();
        let want = one_shot(input, &opts);
        for s in 0..=input.len() {
            assert_eq!(
                streamed(&[&input[..s], &input[s..]], &opts),
                want,
                "{:?} split at {s}",
                String::from_utf8_lossy(input)
            );
        }
        for size in [1, 2, 3] {
            let chunks: Vec<&[u8]> = input.chunks(size).collect();
            assert_eq!(streamed(&chunks, &opts), want);
        }
    }
}

#[test]
fn crlf_streams_like_the_one_shot_parse() {
    let (mut files, mut raw) = (0, 0);
    for (path, framing) in corpus() {
        if framing == Framing::Content {
            raw += 1;
            continue;
        }
        let input = rt_wire_testkit::crlf(&std::fs::read(&path).unwrap());
        let opts = ParseOptions::new().framing(framing).allow_crlf(true);
        let want = one_shot(&input, &opts);
        for size in [1, 3, 64] {
            let chunks: Vec<&[u8]> = input.chunks(size).collect();
            assert_eq!(
                streamed(&chunks, &opts),
                want,
                "{} (CRLF) in chunks of {size}",
                path.display()
            );
        }
        files += 1;
    }
    assert_eq!(
        files + raw,
        manifest::listed(None),
        "files the manifests list"
    );
}

/// A line of RT's message shape is read as the message up to 64 KiB
/// (`MAX_MESSAGE_LINE`) and as a form beyond (RT's placeholders are ids and
/// names from the request): the streaming reader waits for a line of
/// exactly 64 KiB to end (a byte more and it is no message), and decides as
/// the one-shot parse at every length around the bound and at every split
/// around the line's end.
#[test]
fn a_message_line_at_the_length_bound_streams_like_the_one_shot_parse() {
    const MAX: usize = 64 << 10;
    let status = b"RT/5.0.3 200 Ok\n\n";
    for len in [MAX - 1, MAX, MAX + 1] {
        // `Invalid link: 'x…x'.` of `len` bytes, then (or not) one more byte.
        for more in [&b""[..], b"y"] {
            let mut input = status.to_vec();
            input.extend_from_slice(b"Invalid link: '");
            input.resize(status.len() + len - 2, b'x');
            input.extend_from_slice(b"'.");
            input.extend_from_slice(more);
            input.extend_from_slice(b"\n\n");
            let opts = ParseOptions::new();
            let want = one_shot(&input, &opts);
            let message = matches!(&want[..], [Item::Status(_), Item::Text(_)]);
            let form = matches!(&want[..], [Item::Status(_), Item::Form { .. }]);
            let what = format!("{len} + {} bytes", more.len());
            if len <= MAX && more.is_empty() {
                assert!(message, "{what}: {want:?}");
            } else {
                assert!(form, "{what}: {want:?}");
            }
            let end = status.len() + len;
            for s in end - 2..=end + more.len() + 2 {
                let got = streamed(&[&input[..s], &input[s..]], &opts);
                assert!(got == want, "{what}, split at {s}");
            }
            let chunks: Vec<&[u8]> = input.chunks(4096).collect();
            assert!(streamed(&chunks, &opts) == want, "{what}, chunks of 4096");
        }
    }
}

/// Each form is handed out as soon as the line that ends it has arrived
/// (the separator after it), and the status as soon as its line and the
/// empty line after it have, however the bytes trickle in: a reader showing
/// progress never waits for bytes it does not need.
#[test]
fn each_form_is_handed_out_once_its_end_has_arrived() {
    let mut input = b"RT/5.0.3 200 Ok\n\n".to_vec();
    let mut ends = Vec::new();
    for i in 0..40 {
        if i > 0 {
            input.extend_from_slice(b"\n--\n\n");
            // The separator line has arrived once its LF has.
            ends.push(input.len() - 1);
        }
        input.extend_from_slice(format!("id: ticket/{i}\nSubject: form {i}\n").as_bytes());
        input.extend_from_slice(b"Text: one\n      two\n");
    }
    for chunk in [1, 2, 7] {
        let mut reader = StreamReader::new();
        let mut buf: Vec<u8> = Vec::new();
        let mut fed = 0;
        let mut handed = Vec::new();
        let mut status = None;
        for c in input.chunks(chunk) {
            buf.extend_from_slice(c);
            fed += c.len();
            while let Status::Complete(e, used) = reader.feed(&buf, false).unwrap() {
                match e {
                    Event::Form(_) => handed.push(fed),
                    Event::Status(_) => status = status.or(Some(fed)),
                    _ => {}
                }
                buf.drain(..used);
            }
        }
        // "RT/5.0.3 200 Ok\n\n": 17 bytes.
        let status = status.unwrap();
        assert!(
            status <= 17 + chunk,
            "chunks of {chunk}: status after {status} bytes"
        );
        assert_eq!(handed.len(), ends.len(), "chunks of {chunk}");
        for (k, (&at, &end)) in handed.iter().zip(&ends).enumerate() {
            assert!(
                at <= end + chunk,
                "chunks of {chunk}: form {k} handed out after {at} bytes, its end arrived at {end}"
            );
        }
    }
}

/// Every capture read through `ReadStream` (from any `std::io::Read`) gives
/// the one-shot result, whatever the read size: forms, messages, text and
/// raw content alike.
#[test]
fn read_stream_gives_the_one_shot_result() {
    use rt_wire::stream::ReadStream;
    let mut files = 0;
    for (path, framing) in corpus() {
        let input = std::fs::read(&path).unwrap();
        let opts = ParseOptions::new().framing(framing);
        let want = one_shot(&input, &opts);
        for size in [7, 4096] {
            let mut s = ReadStream::with_options(&input[..], opts).read_size(size);
            let mut got = Vec::new();
            while let Some(e) = s.next_event().unwrap() {
                handle(&mut got, &e);
            }
            assert!(
                got == want,
                "{} read {size} bytes at a time",
                path.display()
            );
        }
        files += 1;
    }
    assert_eq!(files, manifest::listed(None), "files the manifests list");
}

/// A text payload (not forms, not one of RT's messages: a proxy's or Perl's
/// page under RT's status line) is handed out in pieces of whole lines as
/// they arrive, not kept until the end: the buffer stays small.
#[test]
fn a_text_payload_is_handed_out_as_it_arrives() {
    let mut input = b"RT/5.0.3 200 Ok\n\n<html>\n".to_vec();
    for i in 0..2000 {
        input.extend_from_slice(format!("<p>line {i} of a page</p>\n").as_bytes());
    }
    let opts = ParseOptions::new();
    let want = one_shot(&input, &opts);
    assert!(
        matches!(&want[..], [Item::Status(_), Item::Text(_)]),
        "{want:?}"
    );
    let mut reader = StreamReader::with_options(opts);
    let (mut buf, mut items, mut before_eof, mut most) = (Vec::new(), Vec::new(), 0, 0);
    for chunk in input.chunks(256) {
        buf.extend_from_slice(chunk);
        most = most.max(buf.len());
        while let Status::Complete(e, used) = reader.feed(&buf, false).unwrap() {
            before_eof += usize::from(matches!(e, Event::Text(_)));
            handle(&mut items, &e);
            buf.drain(..used);
        }
    }
    while let Status::Complete(e, used) = reader.feed(&buf, true).unwrap() {
        let end = handle(&mut items, &e);
        buf.drain(..used);
        if end {
            break;
        }
    }
    assert!(items == want);
    assert!(before_eof > 100, "{before_eof} pieces before the end");
    assert!(most < 1024, "{most} bytes held");
}
