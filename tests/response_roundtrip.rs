//! Property tests of the central invariant: any form set written in RT's
//! layout parses back to exactly the fields, values and comments written, and
//! re-encodes to the same bytes, with either framing. Values are drawn to be
//! hostile (the shares are printed and required); bodies laid out by RT's own
//! `form_compose` instead of the crate's writer are read in
//! `oracle_form_compose.rs`.

use proptest::prelude::*;
use rt_wire::{FormWriter, Framing, ParseOptions, parse_response_with};
use rt_wire_testkit::shares::{Kind, Shares};

#[derive(Clone, Debug)]
enum Val {
    Scalar(Vec<u8>),
    EmptyList,
}

#[derive(Clone, Debug)]
struct F {
    comments: Vec<String>,
    fields: Vec<(String, Val)>,
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-z][A-Za-z0-9_-]{0,20}",
        "[0-9]{1,6}",
        "CF\\.\\{[a-zA-Z0-9 :(){}/äü-]{1,30}\\}".prop_filter("no '}: ' inside", |k| {
            !k[4..k.len() - 1].contains("}: ") && !k.ends_with(":}")
        }),
        "CF-[A-Za-z][A-Za-z0-9 ]{0,20}",
        Just(String::new()),
    ]
}

/// Lines RT's formatter must carry inside a value without reading them as
/// structure: separators, comments, key lines, status lines, echo lines,
/// blanks, tabs, CR, non-UTF-8 bytes.
const HOSTILE_LINES: &[&[u8]] = &[
    b"--",
    b"# not a comment",
    b"#",
    b"Key: value",
    b"CF.{a: b}: c",
    b"   indented",
    b"",
    b" ",
    b"\t",
    b"\ttabbed",
    b"RT/5.0.3 200 Ok",
    b">> echo",
    b"x\r",
    b"\r",
    b"caf\xe9 \xff\xfe",
    "\u{e4}\u{f6}\u{fc}\u{2603}".as_bytes(),
];

fn value() -> impl Strategy<Value = Val> {
    let line = prop_oneof![
        3 => prop::sample::select(HOSTILE_LINES).prop_map(<[u8]>::to_vec),
        2 => "[ -~]{0,40}".prop_map(String::into_bytes),
    ];
    let scalar = (
        prop_oneof![6 => Just(0usize), 1 => Just(1), 1 => Just(2)],
        prop::collection::vec(line, 1..6),
        prop_oneof![3 => Just(0usize), 1 => Just(1), 1 => Just(2)],
    )
        .prop_map(|(lead, lines, trail)| {
            let mut v = b"\n".repeat(lead);
            v.extend(lines.join(&b'\n'));
            v.extend(b"\n".repeat(trail));
            Val::Scalar(v)
        });
    prop_oneof![
        6 => scalar,
        1 => Just(Val::EmptyList),
    ]
}

fn form() -> impl Strategy<Value = F> {
    (
        prop::collection::vec("# [ -~]{0,30}", 0..3),
        prop::collection::vec((key(), value()), 1..8),
    )
        .prop_map(|(comments, fields)| F { comments, fields })
}

fn write(forms: &[F]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut w = FormWriter::new(&mut out);
    for f in forms {
        for c in &f.comments {
            w.comment(c.as_bytes());
        }
        for (k, v) in &f.fields {
            match v {
                Val::Scalar(s) => w.field(k.as_bytes(), s),
                Val::EmptyList => w.empty_list(k.as_bytes()),
            }
        }
        w.end_form(true);
    }
    w.finish();
    out
}

/// Writes `forms`, frames them as `search` or object endpoints do, and
/// requires them back exactly: forms, comments, keys, values, bytes.
fn round_trip(forms: &[F], search: bool) -> Result<(), TestCaseError> {
    let payload = write(forms);
    let framing = if search {
        Framing::Search
    } else {
        Framing::Object
    };
    let mut body = b"RT/5.0.3 200 Ok\n\n".to_vec();
    body.extend_from_slice(&payload);
    body.extend_from_slice(if search { b"\n\n" } else { b"\n" });
    let shown = String::from_utf8_lossy(&body).into_owned();
    let opts = ParseOptions::new().framing(framing).forms_only(true);
    let r = parse_response_with(&body, &opts)
        .map_err(|e| TestCaseError::fail(format!("{e} in {shown:?}")))?;
    prop_assert_eq!(r.form_count(), forms.len(), "{:?}", shown);
    for (f, want) in r.forms().zip(forms) {
        let comments: Vec<String> = f
            .comments()
            .map(|c| String::from_utf8(c.to_vec()).unwrap())
            .collect();
        prop_assert_eq!(&comments, &want.comments);
        prop_assert_eq!(f.len(), want.fields.len(), "{:?}", shown);
        for (got, (k, v)) in f.fields().zip(&want.fields) {
            prop_assert_eq!(got.key(), k.as_bytes(), "{:?}", shown);
            match v {
                Val::Scalar(s) => {
                    prop_assert!(!got.value().is_empty_list());
                    prop_assert_eq!(&got.value().to_bytes()[..], &s[..], "{:?}", shown);
                }
                Val::EmptyList => prop_assert!(got.value().is_empty_list()),
            }
        }
    }
    prop_assert_eq!(r.to_bytes(), body);
    Ok(())
}

/// The central invariant over 3,000 generated form sets, with the share of
/// each hostile kind printed and required: at least a third of the cases
/// hold each of multi-line values, `--` lines, `#` lines, `Key: v` lines,
/// leading blanks, trailing LFs, CR, tabs and non-UTF-8 bytes.
#[test]
fn written_forms_parse_back_exactly() {
    use proptest::test_runner::{Config, TestRunner};
    let shares = std::cell::RefCell::new(Shares::default());
    let mut runner = TestRunner::new(Config {
        cases: 3000,
        failure_persistence: None,
        ..Config::default()
    });
    let cases = (prop::collection::vec(form(), 1..5), any::<bool>());
    runner
        .run(&cases, |(forms, search)| {
            shares
                .borrow_mut()
                .count(
                    forms
                        .iter()
                        .flat_map(|f| &f.fields)
                        .filter_map(|(_, v)| match v {
                            Val::Scalar(s) => Some(&s[..]),
                            Val::EmptyList => None,
                        }),
                );
            round_trip(&forms, search)
        })
        .unwrap();
    let s = shares.into_inner();
    eprintln!("hostile response values: {s}");
    s.require(
        &[
            Kind::MultiLine,
            Kind::SeparatorLine,
            Kind::CommentLine,
            Kind::KeyLine,
            Kind::LeadingBlank,
            Kind::TrailingLf,
            Kind::Cr,
            Kind::Tab,
            Kind::NonUtf8,
        ],
        1.0 / 3.0,
    );
}
