//! The response side against RT's own layout: forms of hostile values are
//! laid out by RT's `form_compose` (the installed request-tracker5 and
//! request-tracker4 Perl, run by `scripts/rt-form-compose-oracle.pl`, never
//! copied), wrapped as the dhandler sends a body, and read by the crate: every
//! form and every value must come back exactly as given. These bodies are not
//! made by the crate's own writer, so a bug shared by the parser and the
//! writer cannot pass here.
//!
//! The share of each hostile kind is printed and required. Without perl or
//! RT the test prints a SKIP line and passes, or fails when
//! `RT_WIRE_REQUIRE_ORACLES=1` (`tests/common/oracle.rs`).

#[path = "common/oracle.rs"]
#[allow(dead_code)]
mod oracle;

use std::io::Write;
use std::path::Path;

use rt_wire_testkit::shares::{Kind, Shares};

/// Key names, with their widths: short, 14 and more characters (indent 4),
/// a custom field holding `": "`, a non-ASCII name (width in characters).
const NAMES: &[&str] = &[
    "id",
    "A",
    "Subject",
    "Text",
    "Content",
    "TimeEstimated",
    "X-Very-Long-Name-Here",
    "CF.{a: b}",
    "Tëxt",
];

/// Lines of values: separators, comments, keys, echo marks, blank and
/// whitespace-only lines, leading and trailing blanks, tabs, CR, non-ASCII.
const LINES: &[&str] = &[
    "--",
    "# x",
    "#",
    "Key: v",
    "CF.{a: b}: c",
    ">> x",
    "",
    "",
    " ",
    "   ",
    "  lead",
    "trail  ",
    "\tx",
    "text",
    "ü 日本",
    "a, b",
    "x\r",
    "RT/5.0.3 200 Ok",
];

use oracle::Rng;

fn value(rng: &mut Rng) -> String {
    let n = [1, 1, 2, 3, 4, 6][rng.below(6)];
    let lines: Vec<&str> = (0..n).map(|_| LINES[rng.below(LINES.len())]).collect();
    let mut v = lines.join("\n");
    if rng.below(4) == 0 {
        v.push('\n');
    }
    if rng.below(8) == 0 {
        v.insert(0, '\n');
    }
    v
}

type Form = Vec<(&'static str, String)>;

fn case(rng: &mut Rng) -> Vec<Form> {
    (0..1 + rng.below(3))
        .map(|_| {
            let mut names: Vec<&str> = NAMES.to_vec();
            (0..1 + rng.below(5))
                .map(|_| {
                    let name = names.remove(rng.below(names.len()));
                    (name, value(rng))
                })
                .collect()
        })
        .collect()
}

fn encode(cases: &[Vec<Form>]) -> Vec<u8> {
    let mut out = Vec::new();
    for forms in cases {
        writeln!(out, "C {}", forms.len()).unwrap();
        for form in forms {
            writeln!(out, "K {}", form.len()).unwrap();
            for (name, value) in form {
                writeln!(out, "N {}\n{name}", name.len()).unwrap();
                writeln!(out, "V {}\n{value}", value.len()).unwrap();
            }
        }
    }
    out
}

/// The bodies RT composed, one per case.
fn bodies(mut out: &[u8]) -> Vec<Vec<u8>> {
    let mut bodies = Vec::new();
    while !out.is_empty() {
        let nl = out.iter().position(|&b| b == b'\n').unwrap();
        let head = std::str::from_utf8(&out[..nl]).unwrap();
        let n: usize = head.strip_prefix("B ").unwrap().parse().unwrap();
        bodies.push(out[nl + 1..nl + 1 + n].to_vec());
        out = &out[nl + 2 + n..];
    }
    bodies
}

fn run(share: &str, input: Vec<u8>) -> Option<Vec<u8>> {
    let lib = format!("{share}/lib");
    oracle::perl(
        "rt_form_compose_reads_back",
        &lib,
        "rt-form-compose-oracle.pl",
        &[],
        input,
    )
}

/// Checks one body against the forms RT was given.
fn check(forms: &[Form], body: &[u8]) -> Result<(), String> {
    let r = rt_wire::parse_response(body).map_err(|e| format!("parse: {e}"))?;
    let got: Vec<Vec<(String, Vec<u8>)>> = r
        .forms()
        .map(|f| {
            f.fields()
                .map(|x| {
                    let key = String::from_utf8_lossy(x.key()).into_owned();
                    (key, x.value().to_bytes().into_owned())
                })
                .collect()
        })
        .collect();
    let want: Vec<Vec<(String, Vec<u8>)>> = forms
        .iter()
        .map(|f| {
            f.iter()
                .map(|(k, v)| ((*k).to_owned(), v.clone().into_bytes()))
                .collect()
        })
        .collect();
    if got != want {
        return Err(format!("read back {got:?}\nwant {want:?}"));
    }
    if r.to_bytes() != body {
        return Err("writing the parse back does not give RT's bytes".into());
    }
    Ok(())
}

#[test]
fn rt_form_compose_reads_back() {
    let installed: Vec<&str> = ["/usr/share/request-tracker5", "/usr/share/request-tracker4"]
        .into_iter()
        .filter(|s| Path::new(s).join("lib/RT/Interface/REST.pm").exists())
        .collect();
    if installed.is_empty() {
        oracle::missing("rt_form_compose_reads_back", "RT's Perl not installed");
        return;
    }
    let n: usize = std::env::var("RT_ORACLE_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5_000);
    let mut rng = Rng(0x5EED_F0E5_2026_1203);
    let cases: Vec<Vec<Form>> = (0..n).map(|_| case(&mut rng)).collect();
    // Each value a case of its own: the share of values of each kind.
    let mut s = Shares::default();
    for (_, v) in cases.iter().flatten().flatten() {
        s.count([v.as_bytes()]);
    }
    eprintln!("form_compose oracle: {s}");
    s.require(&[Kind::MultiLine], 1.0 / 3.0);
    s.require(
        &[
            Kind::SeparatorLine,
            Kind::CommentLine,
            Kind::KeyLine,
            Kind::LeadingBlank,
            Kind::TrailingLf,
            Kind::Cr,
            Kind::Tab,
            Kind::EmptyLineInside,
        ],
        0.05,
    );
    for share in installed {
        let Some(out) = run(share, encode(&cases)) else {
            return;
        };
        let bodies = bodies(&out);
        assert_eq!(bodies.len(), cases.len(), "{share}");
        let mut failed = 0;
        for (forms, body) in cases.iter().zip(&bodies) {
            if let Err(e) = check(forms, body) {
                failed += 1;
                if failed <= 3 {
                    eprintln!("{share}: {e}\nbody {:?}", String::from_utf8_lossy(body));
                }
            }
        }
        assert_eq!(
            failed,
            0,
            "{share}: {failed} of {} cases differ",
            cases.len()
        );
        eprintln!(
            "form_compose oracle: {share}: {} cases, every value read back",
            cases.len()
        );
    }
}
