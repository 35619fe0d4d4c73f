//! Differential test against RT's own request parser.
//!
//! Runs `scripts/rt-form-oracle.pl`, which calls `form_parse` and `vsplit`
//! from the installed RT (`RT_LIB`, default `/usr/share/request-tracker5/lib`),
//! once over thousands of generated inputs:
//!
//! 1. forms built by the encoder from hostile names and values: RT must read
//!    back exactly the fields and values given (lists through `vsplit`);
//! 2. values the encoder refuses, written in the best layout there is: RT must
//!    indeed change them (the refusals are necessary);
//! 3. arbitrary line soup: the crate's `parse_content` and
//!    `split_request_list` (RT's `vsplit`) must agree with RT's on everything.
//!
//! Without perl or RT the test prints a SKIP line and passes, or fails when
//! `RT_WIRE_REQUIRE_ORACLES=1` (`tests/common/oracle.rs`).

#[path = "common/oracle.rs"]
#[allow(dead_code)]
mod oracle;

use std::io::Write;
use std::path::Path;

use rt_wire::request::{
    Content, EncodeError, FieldName, FieldValue, ParsedValue, RequestForm, ValueError,
    parse_content, split_request_list,
};

/// What RT returned for one form.
#[derive(Clone, Debug, PartialEq, Eq)]
struct OForm {
    comment: Option<String>,
    error: Option<String>,
    fields: Vec<(String, OValue)>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum OValue {
    /// The scalar, its `vsplit` without and with strip.
    Scalar(String, Vec<String>, Vec<String>),
    List(Vec<String>),
}

use oracle::Rng;

const VALUE_TOKENS: &[&str] = &[
    "Status: resolved",
    "--",
    "# x",
    "CF.{a: b}: c",
    "x",
    "hello world",
    "ünïcode",
    "日本",
    "\t",
    " ",
    "  ",
    "\u{A0}",
    "\u{3000}",
    "\u{2028}",
    "\u{85}",
    ":",
    ": ",
    ",",
    ", ",
    "'",
    "\"",
    "\\",
    "q{",
    "}",
    ">>",
    "0",
    "Key:value",
    "\u{212A}ey: v",
];

const NAMES: &[&str] = &[
    "Subject",
    "Text",
    "Status",
    "Content-Type",
    "X_y-9",
    "CF-12",
    "CF.{Single Line}",
    "CF.{a: b}",
    "CF.{Colon: Field}",
    "CF.{x}: y}",
    "CF.{日本: 語}",
    "CF-Foo Bar",
    "CustomField-a b:",
    "CF.{a:}",
    "CF.{ lead}",
    "CF.{tab\tname}",
];

fn hostile_line(rng: &mut Rng) -> String {
    let n = rng.below(4);
    let mut s = String::new();
    for _ in 0..n {
        s.push_str(rng.pick(VALUE_TOKENS));
    }
    s
}

fn hostile_value(rng: &mut Rng) -> String {
    let lines = 1 + rng.below(4);
    let mut v: Vec<String> = (0..lines).map(|_| hostile_line(rng)).collect();
    match rng.below(6) {
        0 => v.push(String::new()),
        1 => {
            v.push(String::new());
            v.push(String::new());
        }
        2 => v.insert(0, String::new()),
        _ => {}
    }
    if rng.below(8) == 0 {
        return format!("{}\r", v.join("\n"));
    }
    v.join("\n")
}

fn hostile_item(rng: &mut Rng) -> String {
    let mut s = String::new();
    for _ in 0..rng.below(4) {
        s.push_str(rng.pick(&[
            "a",
            "b@example.com",
            ",",
            " ",
            "'",
            "\"",
            "\\",
            "q{",
            "}",
            "file.txt",
            "ü",
            "\t",
            "\u{A0}",
            "0",
        ]));
    }
    s
}

/// What a case expects back from RT.
enum Expect {
    /// Encoder output: forms of (key, value) where value is text, or a list
    /// checked through vsplit (strip flag).
    Encoded(Vec<Vec<(String, Want)>>),
    /// A value the encoder refused: RT must not give it back.
    Refused(String),
    /// Arbitrary content: RT must agree with `parse_content`.
    Soup(String),
}

enum Want {
    Text(String),
    Items(Vec<String>, bool),
}

fn soup(rng: &mut Rng) -> String {
    const LINES: &[&str] = &[
        "Subject: hi",
        "Text: a",
        "Text:",
        "text: dup",
        "Cc: a, 'b,c', \"d\", q{e}",
        "Cc: q{}, q{0}, x,,y",
        "CF.{a: b}: c",
        "CF.{Name}: a}: b",
        "CF-Foo Bar: x: y",
        "CF-Foo Bar: x:y",
        "CF-Foo: p: q",
        "CF.{a,b}: c",
        "CustomField-x: 1",
        "Cu\u{FB06}omField-x y: v",
        "Custom\u{FB01}eld-x y: v",
        "\u{212A}ey: kelvin",
        "\u{17F}ub: long s",
        "Subject:value",
        "Subject:\u{3000}ideographic",
        "Subject:\u{A0}nbsp",
        "X.Y: z",
        "1foo: bar",
        "--",
        "--",
        "# comment",
        "#",
        ">> echoed",
        "",
        "",
        " ",
        "  indented",
        "\tTab",
        "\u{A0}nbsp line",
        "\u{3000}wide",
        " --",
        " # x",
        "\r",
        "Subject: x\r",
        "stray text",
        "A: 'x\\'y', \"p\\\"q\"",
        "A: 'unterminated, x",
        "A: \"a\"b, c",
    ];
    let n = rng.below(12);
    let mut lines: Vec<&str> = (0..n).map(|_| rng.pick(LINES)).collect();
    if rng.below(3) == 0 {
        lines.push("");
    }
    lines.join("\n")
}

#[path = "oracle_form_parse/encoded.rs"]
mod encoded;
use encoded::encoded_case;

fn build_case(rng: &mut Rng, stats: &mut [usize; 3]) -> Option<(String, Expect)> {
    match rng.below(10) {
        // Arbitrary content.
        0..=3 => {
            let s = soup(rng);
            Some((s.clone(), Expect::Soup(s)))
        }
        // Encoder output.
        _ => encoded_case(rng, stats),
    }
}

/// Reads the oracle's output for one case.
struct Reader<'a> {
    buf: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn line(&mut self) -> (String, usize) {
        let end = self.at
            + self.buf[self.at..]
                .iter()
                .position(|&b| b == b'\n')
                .expect("oracle output ended");
        let l = std::str::from_utf8(&self.buf[self.at..end]).unwrap();
        self.at = end + 1;
        let (tag, n) = l.split_once(' ').unwrap_or((l, "0"));
        (tag.to_owned(), n.parse().unwrap())
    }
    fn payload(&mut self, len: usize) -> String {
        let s = String::from_utf8(self.buf[self.at..self.at + len].to_vec()).unwrap();
        self.at += len + 1;
        s
    }
    fn peek_tag(&self) -> &[u8] {
        &self.buf[self.at..(self.at + 1).min(self.buf.len())]
    }
    fn items(&mut self, tag: &str) -> Vec<String> {
        let (t, n) = self.line();
        assert_eq!(t, tag);
        (0..n)
            .map(|_| {
                let (t, len) = self.line();
                assert_eq!(t, "I");
                self.payload(len)
            })
            .collect()
    }
    fn case(&mut self) -> Vec<OForm> {
        let (t, forms) = self.line();
        assert_eq!(t, "CASE");
        (0..forms)
            .map(|_| {
                let mut f = OForm {
                    comment: None,
                    error: None,
                    fields: Vec::new(),
                };
                loop {
                    let (t, n) = self.line();
                    match t.as_str() {
                        "C" => f.comment = Some(self.payload(n)),
                        "E" => f.error = Some(self.payload(n)),
                        "F" => {
                            for _ in 0..n {
                                let (t, len) = self.line();
                                assert_eq!(t, "K");
                                let key = self.payload(len);
                                let v = if self.peek_tag() == b"S" {
                                    let (_, len) = self.line();
                                    let s = self.payload(len);
                                    let p = self.items("P");
                                    let q = self.items("Q");
                                    OValue::Scalar(s, p, q)
                                } else {
                                    OValue::List(self.items("L"))
                                };
                                f.fields.push((key, v));
                            }
                            break;
                        }
                        other => panic!("unexpected oracle tag {other}"),
                    }
                }
                f
            })
            .collect()
    }
}

/// The crate's own reading, in the oracle's shape.
fn ours(text: &str) -> Vec<OForm> {
    parse_content(text)
        .iter()
        .map(|f| OForm {
            comment: f.comment().map(str::to_owned),
            error: f.error().map(str::to_owned),
            fields: f
                .fields()
                .iter()
                .map(|(k, v)| {
                    let v = match v {
                        ParsedValue::Scalar(s) => OValue::Scalar(
                            s.to_string(),
                            split_request_list(s, false),
                            split_request_list(s, true),
                        ),
                        ParsedValue::List(l) => OValue::List(l.clone()),
                    };
                    ((*k).to_owned(), v)
                })
                .collect(),
        })
        .collect()
}

fn check(expect: &Expect, rt: &[OForm]) -> Result<(), String> {
    match expect {
        Expect::Soup(text) => {
            let mine = ours(text);
            if mine == rt {
                Ok(())
            } else {
                Err(format!(
                    "parse_content disagrees with RT\n  ours: {mine:?}\n  RT:   {rt:?}"
                ))
            }
        }
        Expect::Refused(value) => match rt.first().and_then(|f| f.fields.first()) {
            Some((_, OValue::Scalar(s, ..))) if s == value => {
                Err(format!("refused value {value:?} came back unchanged"))
            }
            _ => Ok(()),
        },
        Expect::Encoded(forms) => {
            if rt.len() != forms.len() {
                return Err(format!(
                    "{} forms sent, RT read {}: {rt:?}",
                    forms.len(),
                    rt.len()
                ));
            }
            for (want, got) in forms.iter().zip(rt) {
                if got.comment.is_some() || got.error.is_some() || got.fields.len() != want.len() {
                    return Err(format!("RT read {got:?}"));
                }
                for ((wk, wv), (gk, gv)) in want.iter().zip(&got.fields) {
                    let ok = wk == gk
                        && match (wv, gv) {
                            (Want::Text(t), OValue::Scalar(s, ..)) => t == s,
                            (Want::Items(items, false), OValue::Scalar(_, p, _)) => items == p,
                            (Want::Items(items, true), OValue::Scalar(_, _, q)) => items == q,
                            _ => false,
                        };
                    if !ok {
                        return Err(format!("RT read {gk:?} = {gv:?}"));
                    }
                }
            }
            Ok(())
        }
    }
}

#[path = "oracle_form_parse/run.rs"]
mod run;
use run::{compare_with_rt, generate_cases, oracle_input, report_agreement};

#[test]
fn rt_form_parse_agrees() {
    let lib =
        std::env::var("RT_LIB").unwrap_or_else(|_| "/usr/share/request-tracker5/lib".to_owned());
    if !Path::new(&lib).join("RT/Interface/REST.pm").exists() {
        oracle::missing(
            "rt_form_parse_agrees",
            &format!("RT not installed ({lib}/RT/Interface/REST.pm missing; request-tracker5)"),
        );
        return;
    }
    let (all, stats) = generate_cases();
    let input = oracle_input(&all);
    let Some(out) = oracle::perl(
        "rt_form_parse_agrees",
        &lib,
        "rt-form-oracle.pl",
        &[],
        input,
    ) else {
        return;
    };
    let (kinds, failures) = compare_with_rt(&all, &out);
    report_agreement(all.len(), kinds, stats, &failures);
}
