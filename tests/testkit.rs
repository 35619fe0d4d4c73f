//! The testkit's generator and naive baseline (`rt_wire_testkit`), checked
//! against the crate: the generator is deterministic and writes RT's layout;
//! the naive scan finds exactly the fields rt-wire finds, with the same key and
//! raw value slices, so the benches compare like with like.

use rt_wire::{Framing, ParseOptions, parse_response_with};
use rt_wire_testkit::generate::{Kind, generate, history_entries};
use rt_wire_testkit::naive::scan;

const KINDS: [(Kind, Framing); 3] = [
    (Kind::HistoryLong, Framing::Object),
    (Kind::SearchLong, Framing::Search),
    (Kind::Attachments, Framing::Object),
];

#[test]
fn generator_is_deterministic_and_in_rt_layout() {
    for (kind, framing) in KINDS {
        let a = generate(kind, 200_000, 3);
        assert_eq!(a, generate(kind, 200_000, 3), "{kind:?}");
        assert_ne!(
            a,
            generate(kind, 200_000, 4),
            "{kind:?}: the seed is unused"
        );
        assert!(a.len() >= 200_000, "{kind:?}: {} bytes", a.len());
        let r = parse_response_with(&a, &ParseOptions::new().framing(framing)).unwrap();
        assert!(r.form_count() > 0);
        // RT's layout: encoding gives the input back.
        assert!(r.to_bytes() == a, "{kind:?}: not in RT's layout");
    }
    let h = history_entries(25, 7);
    assert_eq!(rt_wire::parse_response(&h).unwrap().form_count(), 25);
}

#[test]
fn naive_scan_finds_the_fields_rt_wire_finds() {
    for (kind, framing) in KINDS {
        let input = generate(kind, 300_000, 1);
        let r = parse_response_with(&input, &ParseOptions::new().framing(framing)).unwrap();
        let want: Vec<(&[u8], &[u8])> = r
            .forms()
            .flat_map(|f| {
                f.fields()
                    .map(|x| (x.key(), x.value().raw()))
                    .collect::<Vec<_>>()
            })
            .collect();
        let mut got = Vec::new();
        scan(&input, |k, v| got.push((k, v)));
        assert_eq!(got.len(), want.len(), "{kind:?}: field count");
        for (i, (g, w)) in got.iter().zip(&want).enumerate() {
            assert!(
                g.0 == w.0 && g.1 == w.1,
                "{kind:?}: field {i}: naive {:?} = {:?}, rt-wire {:?} = {:?}",
                g.0.escape_ascii().to_string(),
                g.1.escape_ascii().to_string(),
                w.0.escape_ascii().to_string(),
                w.1.escape_ascii().to_string()
            );
        }
    }
}

#[test]
fn naive_scan_skips_what_is_not_a_field() {
    let body = b"RT/5.0.3 200 Ok\n\n# 2/2 (id/7/total)\nid: 7\nText: a\n      -- \n      # b\n\n      \nCc:\nNo colon\n--\n\nk: v";
    let mut got = Vec::new();
    scan(body, |k, v| got.push((k, v)));
    let want: [(&[u8], &[u8]); 5] = [
        (b"id", b"7"),
        (b"Text", b"a\n      -- \n      # b"),
        (b"Cc", b""),
        (b"No colon", b""),
        (b"k", b"v"),
    ];
    assert_eq!(got, want);
    // No status line: the first line is a field; an empty input has none.
    let mut n = 0;
    scan(b"a: 1\n", |_, _| n += 1);
    scan(b"", |_, _| n += 1);
    assert_eq!(n, 1);
}
