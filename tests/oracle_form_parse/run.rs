//! Running the oracle over every case: generate the cases, write the
//! oracle's input, compare its readings with the expectations, report.

use super::*;

/// `RT_ORACLE_CASES` cases (default 10,000) from `RT_ORACLE_SEED`, and the
/// counts of `build_case`: encoded cases, values and list items refused.
pub(super) fn generate_cases() -> (Vec<(String, Expect)>, [usize; 3]) {
    let seed: u64 = std::env::var("RT_ORACLE_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5EED_F0F0_1234_5678);
    let cases: usize = std::env::var("RT_ORACLE_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10_000);
    let mut rng = Rng(seed | 1);
    let mut stats = [0usize; 3];
    let mut all = Vec::new();
    while all.len() < cases {
        if let Some(c) = build_case(&mut rng, &mut stats) {
            all.push(c);
        }
    }
    (all, stats)
}

/// The oracle's input: each case as its length on a line, then its text.
pub(super) fn oracle_input(all: &[(String, Expect)]) -> Vec<u8> {
    let mut input = Vec::new();
    for (text, _) in all {
        writeln!(input, "{}", text.len()).unwrap();
        input.extend_from_slice(text.as_bytes());
    }
    input
}

/// Checks every case against RT's reading in `stdout`, which must hold
/// exactly one reading per case: the count of cases of each kind and the
/// disagreements.
pub(super) fn compare_with_rt(
    all: &[(String, Expect)],
    stdout: &[u8],
) -> ([usize; 3], Vec<String>) {
    let mut reader = Reader { buf: stdout, at: 0 };
    let mut kinds = [0usize; 3];
    let mut failures = Vec::new();
    for (text, expect) in all {
        let rt = reader.case();
        kinds[match expect {
            Expect::Encoded(_) => 0,
            Expect::Refused(_) => 1,
            Expect::Soup(_) => 2,
        }] += 1;
        if let Err(e) = check(expect, &rt) {
            failures.push(format!("input {text:?}: {e}"));
        }
    }
    assert_eq!(reader.at, stdout.len(), "oracle printed more than expected");
    (kinds, failures)
}

/// Prints the summary and the first disagreements; fails on any
/// disagreement or on fewer than 100 cases of a kind.
pub(super) fn report_agreement(
    cases: usize,
    kinds: [usize; 3],
    stats: [usize; 3],
    failures: &[String],
) {
    println!(
        "oracle_form_parse: {} of {} cases agreed with RT's form_parse \
         ({} encoded requests, {} refusals confirmed necessary, {} arbitrary contents); \
         values refused: {}, list items refused: {}",
        cases - failures.len(),
        cases,
        kinds[0],
        kinds[1],
        kinds[2],
        stats[1],
        stats[2]
    );
    for f in failures.iter().take(20) {
        println!("DISAGREEMENT {f}");
    }
    assert!(
        failures.is_empty(),
        "{} disagreements with RT",
        failures.len()
    );
    assert!(
        kinds.iter().all(|&k| k >= 100),
        "too few cases of a kind: {kinds:?}"
    );
}
