//! Property tests of the central invariant: any form set written in RT's
//! layout parses back to exactly the fields, values and comments written, and
//! re-encodes to the same bytes, with either framing.

use proptest::prelude::*;
use rt_wire::{FormWriter, Framing, ParseOptions, parse_response_with};

#[derive(Clone, Debug)]
enum Val {
    Scalar(String),
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

fn value() -> impl Strategy<Value = Val> {
    let line = prop_oneof![
        "[ -~äöü☃]{0,40}",
        Just("--".to_string()),
        Just("# not a comment".to_string()),
        Just("Key: value".to_string()),
        Just("   indented".to_string()),
        Just(String::new()),
        Just(" ".to_string()),
        Just("RT/5.0.3 200 Ok".to_string()),
        Just(">> echo".to_string()),
    ];
    prop_oneof![
        3 => prop::collection::vec(line, 1..6).prop_map(|l| Val::Scalar(l.join("\n"))),
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
                Val::Scalar(s) => w.field(k.as_bytes(), s.as_bytes()),
                Val::EmptyList => w.empty_list(k.as_bytes()),
            }
        }
        w.end_form(true);
    }
    w.finish();
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn written_forms_parse_back_exactly(forms in prop::collection::vec(form(), 1..5), search in any::<bool>()) {
        let payload = write(&forms);
        let framing = if search { Framing::Search } else { Framing::Object };
        let mut body = b"RT/5.0.3 200 Ok\n\n".to_vec();
        body.extend_from_slice(&payload);
        body.extend_from_slice(if search { b"\n\n" } else { b"\n" });
        let opts = ParseOptions::new().framing(framing).forms_only(true);
        let r = parse_response_with(&body, &opts)
            .map_err(|e| TestCaseError::fail(format!("{e} in {:?}", String::from_utf8_lossy(&body))))?;
        prop_assert_eq!(r.form_count(), forms.len(), "{:?}", String::from_utf8_lossy(&body));
        for (f, want) in r.forms().zip(&forms) {
            let comments: Vec<String> = f.comments().map(|c| String::from_utf8(c.to_vec()).unwrap()).collect();
            prop_assert_eq!(&comments, &want.comments);
            prop_assert_eq!(f.len(), want.fields.len(), "{:?}", String::from_utf8_lossy(&body));
            for (got, (k, v)) in f.fields().zip(&want.fields) {
                prop_assert_eq!(got.key(), k.as_bytes(), "{:?}", String::from_utf8_lossy(&body));
                match v {
                    Val::Scalar(s) => {
                        prop_assert!(!got.value().is_empty_list());
                        prop_assert_eq!(
                            got.value().to_str().unwrap().into_owned(),
                            s.clone(),
                            "{:?}",
                            String::from_utf8_lossy(&body)
                        );
                    }
                    Val::EmptyList => prop_assert!(got.value().is_empty_list()),
                }
            }
        }
        prop_assert_eq!(r.to_bytes(), body);
    }
}
