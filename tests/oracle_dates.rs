//! Differential test of the date readers against RT's own `RT::Date`.
//!
//! Runs `scripts/rt-date-oracle.pl`, which loads the installed RT
//! (`/usr/share/request-tracker5` and `/usr/share/request-tracker4`, or the
//! directories in `RT_SHARES`, separated by `:`) and has `RT::Date::AsString`
//! print generated instants, as REST 1.0 prints a ticket's dates, for every
//! language RT ships (its `po/*.po`), every formatter RT offers as the
//! `DateTimeFormat` preference and the variants of RT's options
//! (`Seconds => 0`, `Time => 0`, `DayOfWeek => 0`), in time zones with whole,
//! half- and three-quarter-hour offsets on both sides of UTC. The instants
//! cover every month, every weekday, every (month, weekday) pair and times
//! around midnight and noon.
//!
//! For every text RT printed, `views::parse_user_date` must give the
//! calendar fields RT computed (`RT::Date::Localtime`: the user's zone, or
//! UTC for `RFC2616` and `iCal` with a time) at the precision printed, and the
//! offset RT printed; or, only for `DefaultFormat` in a language whose
//! lexicon translates its names beyond what CLDR's names recognise, an error:
//! never a different date. The languages whose translated `DefaultFormat`
//! can be refused are listed in `PARTLY_UNREADABLE_DEFAULT`; together they
//! must stay under a tenth of `DefaultFormat`'s dates. The not-set word of every language must read as `When::NotSet`.
//!
//! Without perl or RT the test prints a SKIP line and passes, or fails when
//! `RT_WIRE_REQUIRE_ORACLES=1` (`tests/common/oracle.rs`).

#[path = "common/oracle.rs"]
#[allow(dead_code)]
mod oracle;

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::Path;

use rt_wire::views::{
    DateFormat, DateTime, Lang, Precision, When, parse_user_date, parse_user_date_in,
};

use oracle::Rng;

/// The languages some of whose `DefaultFormat` dates are refused (never
/// misread): their lexicon translates a day or month name so that no CLDR
/// name of any language recognises it, or so that two readings remain. Every
/// other language's `DefaultFormat` must read back whole. (RT 5.0.3, 4.4.6.)
const PARTLY_UNREADABLE_DEFAULT: &[&str] = &[
    "ar", "ca", "el", "eu", "fi", "id", "ja", "lt", "nb", "pl", "ru", "tr",
];

const ZONES: &[&str] = &[
    "UTC",
    "Europe/Berlin",
    "America/New_York",
    "Asia/Kolkata",
    "America/St_Johns",
    "Pacific/Chatham",
    "Asia/Tokyo",
    "Australia/Adelaide",
];

/// Days since 1970-01-01 of a date (proleptic Gregorian).
fn days(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468
}

/// One instant per line, `<unix> <zone>`: first `PAIRS` in UTC, two for
/// every (month, weekday) pair, at random years and times of day (a fifth of
/// them within two minutes after midnight or noon); then random instants
/// between 1971 and 2037 in every zone.
fn instants(n: usize, rng: &mut Rng) -> String {
    let mut out = String::new();
    for i in 0..n {
        let (t, zone) = if i < PAIRS {
            let (month, weekday) = ((i % 12) as i64 + 1, ((i / 12) % 7) as i64);
            let year = 1971 + rng.below(66) as i64;
            let first = days(year, month, 1);
            let day = first + (weekday - (first + 4).rem_euclid(7)).rem_euclid(7);
            let secs = if i % 5 == 0 {
                rng.below(2) as i64 * 43_200 + rng.below(120) as i64
            } else {
                rng.below(86_400) as i64
            };
            (day * 86_400 + secs, "UTC")
        } else {
            let t = 31_536_000 + rng.below(2_100_000_000 - 31_536_000) as i64;
            (t, ZONES[i % ZONES.len()])
        };
        out.push_str(&format!("{t} {zone}\n"));
    }
    out
}

/// The instants that cover every (month, weekday) pair twice.
const PAIRS: usize = 2 * 84;

/// What RT computed for one instant.
struct Expected {
    user: DateTime,
    offset_minutes: i16,
    utc: DateTime,
}

fn sql(text: &str) -> DateTime {
    let n: Vec<u32> = text
        .split(|c: char| !c.is_ascii_digit())
        .map(|x| x.parse().unwrap())
        .collect();
    let b = |i: usize| u8::try_from(n[i]).unwrap();
    DateTime {
        year: u16::try_from(n[0]).unwrap(),
        month: b(1),
        day: b(2),
        hour: b(3),
        minute: b(4),
        second: b(5),
    }
}

/// The fields a text printed with `spec` must read as, its offset and its
/// precision.
fn expected(spec: &str, e: &Expected) -> (DateTime, Option<i16>, Precision) {
    let (name, args) = spec.split_once(',').unwrap_or((spec, ""));
    let no_time = args.contains("Time=0");
    let no_seconds = args.contains("Seconds=0");
    let utc_time = matches!(name, "RFC2616" | "iCal") && !no_time;
    let mut at = if utc_time || (name == "RFC2616" && no_time) {
        e.utc
    } else {
        e.user
    };
    let precision = if no_time {
        Precision::Day
    } else if no_seconds && !matches!(name, "RFC2616" | "iCal" | "LocalizedDateTime") {
        Precision::Minute
    } else {
        Precision::Second
    };
    if precision != Precision::Second {
        at.second = 0;
    }
    if precision == Precision::Day {
        (at.hour, at.minute) = (0, 0);
    }
    let offset = match name {
        _ if no_time => None,
        "W3CDTF" | "RFC2822" => Some(e.offset_minutes),
        "RFC2616" | "iCal" => Some(0),
        _ => None,
    };
    (at, offset, precision)
}

/// The counts of one run against one RT.
#[derive(Default)]
struct Tally {
    checked: usize,
    read: usize,
    refused: BTreeMap<String, usize>,
    read_in_lang: usize,
    refused_in_lang: BTreeMap<String, usize>,
    wrong: Vec<String>,
    formats: BTreeSet<String>,
    langs: BTreeSet<String>,
    pairs: BTreeSet<(u8, u8)>,
}

fn check_line(tally: &mut Tally, dates: &[Expected], lang: &str, i: usize, spec: &str, text: &str) {
    tally.checked += 1;
    tally.formats.insert(spec.to_owned());
    let (want, offset, precision) = expected(spec, &dates[i]);
    // Read in its own language: the same date, or (a translated
    // `DefaultFormat` only) refused; never another date.
    let l = Lang::new(lang).unwrap_or_else(|| panic!("{lang}: not a Lang"));
    match parse_user_date_in(text.as_bytes(), l) {
        Ok(When::At(s)) if s.local == want && s.offset == offset && s.precision == precision => {
            tally.read_in_lang += 1;
        }
        Err(_) if spec.starts_with("DefaultFormat") => {
            *tally.refused_in_lang.entry(lang.to_owned()).or_default() += 1;
        }
        other => tally.wrong.push(format!(
            "{lang} {spec} in its language: {text:?} read as {other:?}, RT computed {want}"
        )),
    }
    match parse_user_date(text.as_bytes()) {
        Ok(When::At(s)) if s.local == want && s.offset == offset && s.precision == precision => {
            tally.read += 1;
            let name = spec.split(',').next().unwrap();
            let format_ok = match s.format {
                DateFormat::Iso => name == "ISO" || name == "W3CDTF",
                DateFormat::Rfc2822 => name == "RFC2822" || name == "RFC2616",
                DateFormat::DefaultFormat => name == "DefaultFormat",
                DateFormat::LocalizedDateTime => name == "LocalizedDateTime",
                DateFormat::W3cdtf => name == "W3CDTF",
                DateFormat::Rfc2616 => name == "RFC2616",
                DateFormat::ICal => name == "iCal",
                _ => false,
            };
            // A date alone prints the same under several formatters
            // (`RFC2822` and `LocalizedDateTime` in English, `DefaultFormat`
            // and `LocalizedDateTime` in Norwegian): any is right.
            if !format_ok && precision != Precision::Day {
                tally.wrong.push(format!("{lang} {spec}: {text:?} read as {:?}", s.format));
            }
        }
        Err(_) if spec.starts_with("DefaultFormat") => {
            *tally.refused.entry(lang.to_owned()).or_default() += 1;
        }
        other => tally.wrong.push(format!(
            "{lang} {spec}: {text:?} read as {other:?}, RT computed {want} offset {offset:?} {precision:?}"
        )),
    }
}

/// Checks the oracle's output; the tally.
fn check(out: &str) -> Tally {
    let mut tally = Tally::default();
    let mut dates: Vec<Expected> = Vec::new();
    for line in out.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        match f[0] {
            "E" => {
                let user = sql(f[2]);
                tally.pairs.insert((user.month, user.weekday()));
                dates.push(Expected {
                    user,
                    offset_minutes: i16::try_from(f[3].parse::<i32>().unwrap() / 60).unwrap(),
                    utc: sql(f[4]),
                });
            }
            "N" => {
                tally.langs.insert(f[1].to_owned());
                let got = parse_user_date(f[2].as_bytes());
                let lang = Lang::new(f[1]).unwrap();
                let in_lang = parse_user_date_in(f[2].as_bytes(), lang);
                if !matches!((&got, in_lang), (Ok(When::NotSet), Ok(When::NotSet))) {
                    tally
                        .wrong
                        .push(format!("{} not set: {:?} read as {got:?}", f[1], f[2]));
                }
            }
            "D" => check_line(&mut tally, &dates, f[1], f[2].parse().unwrap(), f[3], f[4]),
            _ => {}
        }
    }
    tally
}

/// Runs the oracle of one installed RT; `None` after a SKIP.
fn against(share: &str, n: usize, seed: u64) -> Option<()> {
    let mut rng = Rng(seed | 1);
    let input = instants(n, &mut rng);
    let out = oracle::perl(
        "rt_dates_agree",
        &format!("{share}/lib"),
        "rt-date-oracle.pl",
        &[share],
        input.into_bytes(),
    )?;
    let out = String::from_utf8(out).expect("the oracle writes UTF-8");
    let version = out.lines().next().unwrap_or_default().to_owned();
    let t = check(&out);
    // Written straight to stderr, so that a passing run shows it too.
    let mut summary = format!(
        "{version}: {} languages, {n} instants, {} format specs, {} texts: {} read back exactly, \
         {} refused (DefaultFormat only), {} wrong; (month, weekday) pairs covered: {}",
        t.langs.len(),
        t.formats.len(),
        t.checked,
        t.read,
        t.refused.values().sum::<usize>(),
        t.wrong.len(),
        t.pairs.len()
    );
    for (lang, k) in &t.refused {
        summary.push_str(&format!("\n  {lang}: {k} DefaultFormat dates refused"));
    }
    summary.push_str(&format!(
        "\n  read in their own language: {} read back exactly, {} refused (DefaultFormat only)",
        t.read_in_lang,
        t.refused_in_lang.values().sum::<usize>()
    ));
    for (lang, k) in &t.refused_in_lang {
        summary.push_str(&format!("\n    {lang}: {k}"));
    }
    summary.push('\n');
    let _ = std::io::stderr().lock().write_all(summary.as_bytes());
    assert!(
        t.wrong.is_empty(),
        "{version}: wrong readings:\n{}",
        t.wrong[..t.wrong.len().min(40)].join("\n")
    );
    assert_eq!(t.langs.len(), 39, "{version}: languages");
    assert_eq!(t.formats.len(), 23, "{version}: format specs");
    assert_eq!(
        t.pairs.len(),
        84,
        "{version}: every month with every weekday"
    );
    assert_eq!(t.checked, 39 * 23 * n, "{version}: texts");
    let unexpected: Vec<&String> = t
        .refused
        .keys()
        .filter(|l| !PARTLY_UNREADABLE_DEFAULT.contains(&l.as_str()))
        .collect();
    assert!(
        unexpected.is_empty(),
        "{version}: DefaultFormat refused in {unexpected:?}"
    );
    let all_default = t.langs.len() * 3 * n;
    let refused: usize = t.refused.values().sum();
    assert!(
        refused * 10 < all_default,
        "{version}: {refused} of {all_default} DefaultFormat dates refused"
    );
    Some(())
}

#[test]
fn rt_dates_agree() {
    let shares = std::env::var("RT_SHARES")
        .unwrap_or_else(|_| "/usr/share/request-tracker5:/usr/share/request-tracker4".to_owned());
    let installed: Vec<&str> = shares
        .split(':')
        .filter(|s| Path::new(s).join("lib/RT/Date.pm").exists())
        .collect();
    if installed.is_empty() {
        oracle::missing(
            "rt_dates_agree",
            &format!("RT not installed (none of {shares})"),
        );
        return;
    }
    let seed: u64 = std::env::var("RT_ORACLE_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0xDA7E_5EED_2026_0013);
    let n: usize = std::env::var("RT_ORACLE_DATES")
        .ok()
        .and_then(|s| s.parse().ok())
        .map(|n: usize| n.max(PAIRS))
        .unwrap_or(PAIRS + 48);
    for share in installed {
        if against(share, n, seed).is_none() {
            return;
        }
    }
}
