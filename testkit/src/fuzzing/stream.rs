//! The `stream_chunks` oracle: the streaming reader fed in chunks gives the
//! one-shot parse's events.

use rt_wire::stream::{Event, Status, StreamReader};
use rt_wire::{BodyKind, ParseError, ParseOptions, Payload, Response, parse_response_with};

use super::shape::{FormShape, form_shape};
use super::{Show, cases, check_error};

/// One item of a response as the streaming reader reports it.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Item {
    Status(Vec<u8>),
    Form(FormShape),
    Text(Vec<u8>),
    Raw(Vec<u8>),
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

fn one_shot_items(r: &Response<'_>) -> Vec<Item> {
    let mut items = Vec::new();
    match r.kind() {
        BodyKind::Empty => {}
        BodyKind::Text => push(&mut items, Item::Text(r.input().to_vec())),
        BodyKind::Envelopes => {
            for e in r.envelopes() {
                push(&mut items, Item::Status(e.status().as_bytes().to_vec()));
                match e.payload() {
                    Payload::Forms(forms) => {
                        for f in forms {
                            push(&mut items, Item::Form(form_shape(&f)));
                        }
                    }
                    Payload::Text(t) => push(&mut items, Item::Text(t.to_vec())),
                    Payload::Raw(t) => push(&mut items, Item::Raw(t.to_vec())),
                    other => panic!("payload {other:?} unknown to the oracle"),
                }
            }
        }
        other => panic!("body kind {other:?} unknown to the oracle"),
    }
    items
}

/// Feeds `input` in `chunks` (sizes, cycled) and collects the events, or the
/// error.
fn streamed(input: &[u8], chunks: &[usize], opts: &ParseOptions) -> Result<Vec<Item>, ParseError> {
    let ctx = || format!("chunks {chunks:?}; {opts:?} on {}", Show(input));
    let mut reader = StreamReader::with_options(*opts);
    let mut buf: Vec<u8> = Vec::new();
    let mut items = Vec::new();
    let mut at = 0usize;
    let mut consumed = 0usize;
    // Each event consumes bytes or is followed by one that does; a bound on
    // the number of events catches a reader that stops making progress.
    let bound = 4 * input.len() + 64;
    let mut events = 0usize;
    let mut handle = |items: &mut Vec<Item>, e: &Event<'_, '_>| -> bool {
        events += 1;
        assert!(events <= bound, "the reader makes no progress; {}", ctx());
        match e {
            Event::Status(s) => push(items, Item::Status(s.as_bytes().to_vec())),
            Event::Form(f) => push(items, Item::Form(form_shape(f))),
            Event::Text(t) => push(items, Item::Text(t.to_vec())),
            Event::Raw(t) => push(items, Item::Raw(t.to_vec())),
            Event::End => return true,
            other => panic!("event {other:?} unknown to the oracle; {}", ctx()),
        }
        false
    };
    let mut i = 0usize;
    while at < input.len() {
        let n = chunks[i % chunks.len()].clamp(1, input.len() - at);
        i += 1;
        buf.extend_from_slice(&input[at..at + n]);
        at += n;
        while let Status::Complete(e, used) = reader.feed(&buf, false)? {
            assert!(used <= buf.len(), "consumed past the buffer; {}", ctx());
            assert!(!handle(&mut items, &e), "End before eof; {}", ctx());
            buf.drain(..used);
            consumed += used;
        }
        assert_eq!(reader.consumed(), consumed, "consumed(); {}", ctx());
    }
    loop {
        match reader.feed(&buf, true)? {
            Status::Complete(e, used) => {
                assert!(used <= buf.len(), "consumed past the buffer; {}", ctx());
                let end = handle(&mut items, &e);
                buf.drain(..used);
                consumed += used;
                if end {
                    assert!(buf.is_empty(), "bytes left after End; {}", ctx());
                    assert_eq!(consumed, input.len(), "consumed at End; {}", ctx());
                    assert_eq!(reader.consumed(), consumed, "consumed(); {}", ctx());
                    return Ok(items);
                }
            }
            Status::Partial => panic!("Partial at eof; {}", ctx()),
        }
    }
}

/// Feeding the input in chunks gives the one-shot parse's events (forms with
/// decoded values, status lines, concatenated text and raw pieces), or the
/// one-shot parse's error, equal in kind, offset, line and column: both are
/// the same driver, run at the end of the input or on the bytes so far.
///
/// Chunk sizes come from the input's first four bytes (each plus one); a
/// second run splits the input in two at a point taken from its first two
/// bytes. The stream reader never holds the whole input, so it has no input
/// length limit: `max_input_len` is left at its default here.
pub fn stream_chunks(data: &[u8]) {
    let sizes: Vec<usize> = data.iter().take(4).map(|&b| usize::from(b) + 1).collect();
    let sizes = if sizes.is_empty() { vec![1] } else { sizes };
    let split = match data {
        [a, b, ..] => usize::from(u16::from_le_bytes([*a, *b])),
        _ => 0,
    };
    for (opts, input) in cases(data) {
        let opts = opts.limits(opts.limits.max_input_len(usize::MAX));
        let want = parse_response_with(input, &opts).map(|r| one_shot_items(&r));
        let at = split % (input.len() + 1);
        let runs: [Vec<usize>; 2] = [sizes.clone(), vec![at.max(1), input.len() + 1]];
        for chunks in runs {
            let got = streamed(input, &chunks, &opts);
            match (&want, &got) {
                (Ok(w), Ok(g)) => assert!(
                    w == g,
                    "streamed != one-shot; chunks {chunks:?}; {opts:?} on {}\n{w:?}\n{g:?}",
                    Show(input)
                ),
                (Err(w), Err(g)) => {
                    assert_eq!(
                        w,
                        g,
                        "streamed error != one-shot error; chunks {chunks:?}; {opts:?} on {}",
                        Show(input)
                    );
                    check_error(g, input, &opts);
                }
                _ => panic!(
                    "one-shot {:?} but streamed {:?}; chunks {chunks:?}; {opts:?} on {}",
                    want.as_ref().err(),
                    got.as_ref().err(),
                    Show(input)
                ),
            }
        }
    }
}
