//! Differential test of the response-side custom-field reader against RT's
//! own printing of ticket custom fields.
//!
//! Runs `scripts/rt-cf-join-oracle.pl`, which compiles the custom-field block
//! of the installed `REST/1.0/Forms/ticket/default` over stand-in objects and
//! lays the result out with RT's `form_compose`, once per installed RT
//! (`/usr/share/request-tracker5` and `/usr/share/request-tracker4`, or the
//! directories in `RT_SHARES`, separated by `:`), over thousands of generated
//! tickets with one to three custom fields, single- and multi-value, whose
//! values hold commas, quotes, backslashes, spaces, line feeds, non-ASCII
//! text, or nothing. For every field:
//!
//! 1. RT's text is the join described in the reference (the model `join` below);
//! 2. the crate parses RT's whole body back byte for byte, and the ticket
//!    view's custom field decodes to RT's text;
//! 3. a single-value field's value is that text; a multi-value field's values
//!    are what `views::split_cf_values` reads from it, unless RT prints the
//!    same text for another list (a comma-free value starting with `'`, or
//!    one empty value): then the reading must be flagged (`is_ambiguous`)
//!    and RT's join of the reading must give the same text.
//!    `CustomField::values`, `CustomField::is_ambiguous` and (with `serde`)
//!    `views::from_form` must agree with the reader.
//!
//! Without perl or RT the test prints a SKIP line and passes, or fails when
//! `RT_WIRE_REQUIRE_ORACLES=1` (`tests/common/oracle.rs`).

#[path = "common/oracle.rs"]
#[allow(dead_code)]
mod oracle;

use std::io::Write;
use std::path::Path;

use rt_wire::views::{TicketList, split_cf_values};

use oracle::Rng;

const TOKENS: &[&str] = &[
    "a", "b c", "x", "hello", ",", ", ", ",,", "'", "''", "\\", "\\'", "\"", " ", "  ", "\t",
    "\u{A0}", "ü", "日本", "\n", "'x", "y'", ",'", "',", "q{", "}", "0", "--", "# x", "Key: v",
    "it's", "\r",
];

/// One custom field of a generated ticket.
struct Field {
    name: String,
    single: bool,
    values: Vec<String>,
}

fn value(rng: &mut Rng) -> String {
    (0..rng.below(5)).map(|_| rng.pick(TOKENS)).collect()
}

fn ticket(rng: &mut Rng) -> Vec<Field> {
    (0..1 + rng.below(3))
        .map(|i| {
            let single = rng.below(4) == 0;
            let name = format!("{} {i}", if single { "Single" } else { "Multi" });
            let values = (0..rng.below(6)).map(|_| value(rng)).collect();
            Field {
                name,
                single,
                values,
            }
        })
        .collect()
}

/// RT's join of a multi-value field as the reference describes it.
fn join<S: AsRef<str>>(values: &[S]) -> String {
    let printed: Vec<String> = values
        .iter()
        .map(|v| {
            let v = v.as_ref();
            if v.contains(',') {
                format!("'{}'", v.replace('\\', "\\\\").replace('\'', "\\'"))
            } else {
                v.to_owned()
            }
        })
        .collect();
    printed.join(",")
}

fn encode_case(out: &mut Vec<u8>, fields: &[Field]) {
    writeln!(out, "T {}", fields.len()).unwrap();
    for f in fields {
        let n = f.values.len();
        writeln!(
            out,
            "F {} {n} {}\n{}",
            u8::from(f.single),
            f.name.len(),
            f.name
        )
        .unwrap();
        for v in &f.values {
            writeln!(out, "V {}\n{v}", v.len()).unwrap();
        }
    }
}

/// Reads the oracle's output.
struct Reader<'a> {
    buf: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn line(&mut self) -> String {
        let end = self.at
            + self.buf[self.at..]
                .iter()
                .position(|&b| b == b'\n')
                .expect("oracle output ended");
        let l = String::from_utf8(self.buf[self.at..end].to_vec()).unwrap();
        self.at = end + 1;
        l
    }
    fn payload(&mut self, tag: &str) -> String {
        let l = self.line();
        let len: usize = l
            .strip_prefix(tag)
            .and_then(|n| n.strip_prefix(' '))
            .unwrap_or_else(|| panic!("expected {tag}, found {l:?}"))
            .parse()
            .unwrap();
        let s = String::from_utf8(self.buf[self.at..self.at + len].to_vec()).unwrap();
        self.at += len + 1;
        s
    }
}

/// Counts of what was checked.
#[derive(Default, Debug)]
struct Stats {
    fields: usize,
    multi: usize,
    values: usize,
    exact: usize,
    flagged: usize,
    misread_quote: usize,
    misread_empty: usize,
    single_split: usize,
}

/// Checks one multi-value field against RT's text; the reader's reading.
fn check_multi(f: &Field, rt: &str, st: &mut Stats) -> Result<Vec<String>, String> {
    let values = split_cf_values(rt);
    let flagged = values.is_ambiguous();
    let reading: Vec<String> = values.map(|v| v.to_str().into_owned()).collect();
    st.flagged += usize::from(flagged);
    if reading == f.values {
        st.exact += 1;
        return Ok(reading);
    }
    if join(&reading) != rt {
        return Err(format!("read {reading:?}, whose join is not RT's text"));
    }
    if !flagged {
        return Err(format!("read {reading:?}, not flagged ambiguous"));
    }
    if rt.is_empty() && f.values == [""] {
        st.misread_empty += 1;
    } else if f
        .values
        .iter()
        .any(|v| v.starts_with('\'') && !v.contains(','))
    {
        st.misread_quote += 1;
    } else {
        return Err(format!("read {reading:?}, not an ambiguity RT's text has"));
    }
    Ok(reading)
}

/// Checks one ticket: RT's rows, the crate's parse of RT's body, the views.
fn check_case(fields: &[Field], rows: &[String], body: &str, st: &mut Stats) -> Result<(), String> {
    let response = rt_wire::parse_response(body.as_bytes()).map_err(|e| format!("parse: {e}"))?;
    if response.to_bytes() != body.as_bytes() {
        return Err("the body does not encode back byte for byte".into());
    }
    let list = TicketList::from_response(&response).map_err(|e| format!("view: {e}"))?;
    let t = list.tickets.first().ok_or("no ticket")?;
    for (f, rt) in fields.iter().zip(rows) {
        st.fields += 1;
        let model = if f.single {
            f.values.first().cloned().unwrap_or_default()
        } else {
            join(&f.values)
        };
        if *rt != model {
            return Err(format!(
                "{}: RT printed {rt:?}, the spec's join {model:?}",
                f.name
            ));
        }
        let cf = t.custom_field(&f.name).ok_or("custom field missing")?;
        let decoded = cf.value.to_str().map_err(|e| e.to_string())?;
        if decoded != *rt {
            return Err(format!(
                "{}: decoded {decoded:?}, RT printed {rt:?}",
                f.name
            ));
        }
        if f.single {
            st.single_split += usize::from(split_cf_values(rt).count() != 1);
            continue;
        }
        st.multi += 1;
        st.values += f.values.len();
        let reading = check_multi(f, rt, st).map_err(|e| format!("{}: {e}", f.name))?;
        let view = cf.values().map_err(|e| e.to_string())?;
        let ambiguous = cf.is_ambiguous().map_err(|e| e.to_string())?;
        if view != reading || ambiguous != split_cf_values(rt).is_ambiguous() {
            return Err(format!("{}: the view read {view:?} ({ambiguous})", f.name));
        }
    }
    check_serde(&response, fields, rows)
}

/// `from_form` reads a ticket custom field as the reader does.
#[cfg(feature = "serde")]
fn check_serde(
    response: &rt_wire::Response<'_>,
    fields: &[Field],
    rows: &[String],
) -> Result<(), String> {
    use std::collections::BTreeMap;
    let form = response.forms().next().ok_or("no form")?;
    let map: BTreeMap<String, Vec<String>> =
        rt_wire::views::from_form(&form).map_err(|e| format!("from_form: {e}"))?;
    for (f, rt) in fields.iter().zip(rows) {
        let want: Vec<String> = split_cf_values(rt)
            .map(|v| v.to_str().into_owned())
            .collect();
        if map.get(&format!("CF.{{{}}}", f.name)) != Some(&want) {
            return Err(format!("from_form disagrees on {}", f.name));
        }
    }
    Ok(())
}

#[cfg(not(feature = "serde"))]
fn check_serde(_: &rt_wire::Response<'_>, _: &[Field], _: &[String]) -> Result<(), String> {
    Ok(())
}

/// Runs the oracle of one installed RT over `cases`; its version and output.
fn run_oracle(share: &str, input: Vec<u8>) -> Option<(String, Vec<u8>)> {
    let lib = format!("{share}/lib");
    let out = oracle::perl(
        "rt_cf_join_agrees",
        &lib,
        "rt-cf-join-oracle.pl",
        &[share],
        input,
    )?;
    let nl = out.iter().position(|&b| b == b'\n').unwrap();
    let version = String::from_utf8_lossy(&out[..nl]).into_owned();
    Some((version, out[nl + 1..].to_vec()))
}

/// Checks every case against one installed RT; the number of cases checked.
fn against(share: &str, cases: &[Vec<Field>]) -> Option<usize> {
    let mut input = Vec::new();
    for c in cases {
        encode_case(&mut input, c);
    }
    let (version, out) = run_oracle(share, input)?;
    let mut reader = Reader { buf: &out, at: 0 };
    let mut st = Stats::default();
    let mut failures = Vec::new();
    for fields in cases {
        let rows: Vec<String> = fields.iter().map(|_| reader.payload("J")).collect();
        let body = reader.payload("B");
        if let Err(e) = check_case(fields, &rows, &body, &mut st) {
            failures.push(format!("body {body:?}: {e}"));
        }
    }
    assert_eq!(reader.at, out.len(), "oracle printed more than expected");
    println!(
        "oracle_cf_values: {version}: {} of {} tickets agreed ({} custom fields, {} multi-value \
         with {} values: {} read exactly, {} flagged ambiguous; documented misreadings: {} \
         quoted-looking, {} empty value; {} single-value fields whose text splits)",
        cases.len() - failures.len(),
        cases.len(),
        st.fields,
        st.multi,
        st.values,
        st.exact,
        st.flagged,
        st.misread_quote,
        st.misread_empty,
        st.single_split,
    );
    for f in failures.iter().take(20) {
        println!("DISAGREEMENT ({version}) {f}");
    }
    assert!(
        failures.is_empty(),
        "{} disagreements with {version}",
        failures.len()
    );
    assert!(
        st.misread_quote >= 10 && st.misread_empty >= 10 && st.exact >= 1000,
        "too few cases of a kind: {st:?}"
    );
    Some(cases.len())
}

#[test]
fn rt_cf_join_agrees() {
    let shares = std::env::var("RT_SHARES")
        .unwrap_or_else(|_| "/usr/share/request-tracker5:/usr/share/request-tracker4".to_owned());
    let installed: Vec<&str> = shares
        .split(':')
        .filter(|s| {
            Path::new(s)
                .join("html/REST/1.0/Forms/ticket/default")
                .exists()
        })
        .collect();
    if installed.is_empty() {
        oracle::missing(
            "rt_cf_join_agrees",
            &format!("RT not installed (none of {shares})"),
        );
        return;
    }
    let seed: u64 = std::env::var("RT_ORACLE_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0xC0FF_EE15_2024_0007);
    let n: usize = std::env::var("RT_ORACLE_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10_000);
    let mut rng = Rng(seed | 1);
    let cases: Vec<Vec<Field>> = (0..n).map(|_| ticket(&mut rng)).collect();
    for share in installed {
        if against(share, &cases).is_none() {
            return;
        }
    }
}
