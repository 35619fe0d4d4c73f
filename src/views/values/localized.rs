//! The dates RT prints in the user's language: `LocalizedDateTime` (CLDR
//! patterns and names, read from the generated table `cldr_dates.rs`) and
//! `DefaultFormat` as RT's lexicons translate it (its pattern, day and month
//! names), read without the lexicons.
//!
//! The response does not say the user's language, so every language RT
//! ships is tried; a text that reads as two different dates is an error.
//! Given the user's language ([`Lang`](super::Lang)), only its CLDR patterns
//! and names (and RT's English names, which a lexicon may leave
//! untranslated) are tried: that can remove a reading, never add one.

use alloc::string::String;
use alloc::vec::Vec;

use super::cldr_dates::LOCALES;
use super::date_formats::{DAYS, MONTHS, Parsed};
use super::dates::{DateFormat, DateTime, Precision};

/// The CLDR date data of one language RT ships (see `cldr_dates.rs`).
pub(crate) struct Locale {
    /// RT's language code (`pt_BR`).
    #[allow(dead_code)]
    pub lang: &'static str,
    /// The CLDR locale DateTime::Locale loads for it.
    #[allow(dead_code)]
    pub cldr: &'static str,
    /// The full date pattern (`EEEE, MMMM d, y`).
    pub date: &'static str,
    /// The medium time pattern (`h:mm:ss a`).
    pub time: &'static str,
    /// AM and PM.
    pub am_pm: [&'static str; 2],
    /// Month names, abbreviated and wide, January first.
    pub months: [[&'static str; 12]; 2],
    /// Day names, abbreviated, wide and wide stand-alone, Monday first.
    pub days: [[&'static str; 7]; 3],
}

/// The RT language codes the table covers, in order.
pub fn cldr_languages() -> impl Iterator<Item = &'static str> {
    LOCALES.iter().map(|l| l.lang)
}

/// The index in the table of RT's language code `lang`.
pub(crate) fn locale_index(lang: &str) -> Option<u8> {
    LOCALES
        .iter()
        .position(|l| l.lang == lang)
        .and_then(|i| u8::try_from(i).ok())
}

/// The code of the language at `index` of the table.
pub(crate) fn locale_code(index: u8) -> &'static str {
    LOCALES[usize::from(index)].lang
}

/// The locales tried: every one, or only the one at `only`.
fn locales(only: Option<u8>) -> impl Iterator<Item = &'static Locale> + Clone {
    LOCALES
        .iter()
        .enumerate()
        .filter(move |(i, _)| only.is_none_or(|o| usize::from(o) == *i))
        .map(|(_, l)| l)
}

/// Reads a date in the user's language: `LocalizedDateTime` in any language
/// RT ships (only the language at `only` when given), else a translated
/// `DefaultFormat`. `Err` when nothing reads or two readings differ.
pub(crate) fn read(text: &str, only: Option<u8>) -> Result<Parsed, ()> {
    let mut found: Option<Parsed> = None;
    for l in locales(only) {
        for with_time in [true, false] {
            if let Some(p) = localized_date_time(l, text, with_time) {
                match found {
                    Some(f) if f.local != p.local => return Err(()),
                    _ => found = Some(p),
                }
            }
        }
    }
    match found {
        Some(p) => Ok(p),
        None => translated_default_format(text, only),
    }
}

/// The fields a pattern walk collects.
#[derive(Default)]
struct Fields {
    year: Option<u32>,
    month: Option<u32>,
    day: Option<u32>,
    hour: Option<u32>,
    pm: Option<bool>,
    minute: u32,
    second: u32,
    /// 0 for Sunday.
    weekday: Option<u8>,
}

/// `localized-date-time = cldr-date [ SP cldr-time ]` — RT's
/// `LocalizedDateTime`: the full date pattern of the language with `EEEE`
/// and `MMMM` shortened to `EEE` and `MMM` (as RT does), a space, the medium
/// time pattern (`Mon, Nov 30, 2026 5:02:46 AM`, `Mo., 30. Nov. 2026
/// 05:02:46`); the date alone under `Time => 0`.
fn localized_date_time(l: &Locale, text: &str, with_time: bool) -> Option<Parsed> {
    let mut f = Fields::default();
    let mut rest = walk(l, l.date, text, &mut f)?;
    if with_time {
        rest = walk(l, l.time, literal(' ', rest)?, &mut f)?;
    }
    if !rest.is_empty() {
        return None;
    }
    let hour = match (f.hour, f.pm) {
        (Some(h), Some(pm)) if (1..=12).contains(&h) => h % 12 + if pm { 12 } else { 0 },
        (Some(_), Some(_)) => return None,
        (h, None) => h.unwrap_or(0),
        (None, Some(_)) => return None,
    };
    let local = DateTime::checked(
        f.year?,
        f.month?,
        f.day?,
        u8::try_from(hour).ok()?,
        u8::try_from(f.minute).ok()?,
        u8::try_from(f.second).ok()?,
    )?;
    if f.weekday.is_some_and(|w| w != local.weekday()) {
        return None;
    }
    Some(Parsed {
        local,
        offset: None,
        format: DateFormat::LocalizedDateTime,
        precision: if with_time {
            Precision::Second
        } else {
            Precision::Day
        },
    })
}

/// Matches `text` against the CLDR `pattern`, filling `f`; the rest.
fn walk<'t>(l: &Locale, pattern: &str, mut text: &'t str, f: &mut Fields) -> Option<&'t str> {
    let mut p = pattern;
    while let Some(c) = p.chars().next() {
        if c.is_ascii_alphabetic() {
            let n = p.bytes().take_while(|&b| b == c as u8).count();
            p = &p[n..];
            text = field(l, c, n, text, f)?;
        } else if c == '\'' {
            let end = p[1..].find('\'')? + 1;
            let lit = if end == 1 { "'" } else { &p[1..end] };
            text = text.strip_prefix(lit)?;
            p = &p[end + 1..];
        } else {
            text = literal(c, text)?;
            p = &p[c.len_utf8()..];
        }
    }
    Some(text)
}

/// The spaces CLDR puts in patterns: a space, U+00A0, or U+202F (CLDR 42
/// has U+202F before AM/PM where older versions, and older servers, have a
/// space); any of them matches any other.
const SPACES: [char; 3] = [' ', '\u{a0}', '\u{202f}'];

fn literal(c: char, text: &str) -> Option<&str> {
    if SPACES.contains(&c) {
        text.strip_prefix(SPACES)
    } else {
        text.strip_prefix(c)
    }
}

fn field<'t>(l: &Locale, c: char, n: usize, text: &'t str, f: &mut Fields) -> Option<&'t str> {
    let monday_first = |i: usize| ((i + 1) % 7) as u8;
    let (value, rest) = match (c, n) {
        ('M' | 'L', 3..) => {
            let (i, rest) = longest(&l.months[0], text)?;
            (i as u32 + 1, rest)
        }
        ('E', _) => {
            let (i, rest) = longest(&l.days[0], text)?;
            f.weekday = Some(monday_first(i));
            return Some(rest);
        }
        ('c', 4) => {
            let (i, rest) = longest(&l.days[2], text)?;
            f.weekday = Some(monday_first(i));
            return Some(rest);
        }
        ('a', _) => {
            let (i, rest) = longest(&l.am_pm, text)?;
            f.pm = Some(i == 1);
            return Some(rest);
        }
        ('y', _) => number(text, 1, 4)?,
        ('M' | 'd' | 'H' | 'h' | 'm' | 's', 1..=2) => number(text, n, 2)?,
        _ => return None,
    };
    let slot = match c {
        'y' => &mut f.year,
        'M' | 'L' => &mut f.month,
        'd' => &mut f.day,
        'H' | 'h' => &mut f.hour,
        'm' => {
            f.minute = value;
            return Some(rest);
        }
        _ => {
            f.second = value;
            return Some(rest);
        }
    };
    *slot = Some(value);
    Some(rest)
}

/// The index of the longest name `text` starts with.
fn longest<'t>(names: &[&str], text: &'t str) -> Option<(usize, &'t str)> {
    names
        .iter()
        .enumerate()
        .filter(|(_, n)| !n.is_empty() && text.starts_with(**n))
        .max_by_key(|(_, n)| n.len())
        .map(|(i, n)| (i, &text[n.len()..]))
}

/// `min*max DIGIT` (ASCII) as a number.
fn number(text: &str, min: usize, max: usize) -> Option<(u32, &str)> {
    let n = text
        .bytes()
        .take(max)
        .take_while(u8::is_ascii_digit)
        .count();
    if n < min {
        return None;
    }
    Some((text[..n].parse().ok()?, &text[n..]))
}

/// A run of ASCII digits in the text: where it ends and its value.
#[derive(Clone, Copy)]
struct Run {
    start: usize,
    end: usize,
    value: u32,
}

impl Run {
    fn len(self) -> usize {
        self.end - self.start
    }
}

fn runs(text: &str) -> Vec<Run> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            let start = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            let value = text[start..i].parse().unwrap_or(u32::MAX);
            out.push(Run {
                start,
                end: i,
                value,
            });
        } else {
            i += 1;
        }
    }
    out
}

/// The times in the runs: maximal chains of two-digit runs joined by one `:`
/// or `.` (`13:04:05`, `13.04.05`, `05:02`), three-run chains only when
/// there is one. Each is the indices of its runs.
fn time_chains(text: &str, runs: &[Run]) -> Vec<Vec<usize>> {
    let b = text.as_bytes();
    let joined = |i: usize| {
        let (x, y) = (runs[i], runs[i + 1]);
        x.len() == 2 && y.len() == 2 && y.start == x.end + 1 && matches!(b[x.end], b':' | b'.')
    };
    let mut chains: Vec<Vec<usize>> = Vec::new();
    let mut i = 0;
    while i + 1 < runs.len() {
        let mut chain = alloc::vec![i];
        while i + 1 < runs.len() && joined(i) && chain.len() < 3 {
            i += 1;
            chain.push(i);
        }
        if chain.len() >= 2 {
            chains.push(chain);
        } else {
            i += 1;
        }
    }
    if chains.iter().any(|c| c.len() == 3) {
        chains.retain(|c| c.len() == 3);
    }
    chains
}

/// The lower-case words (runs of letters) of a text.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Whether the words of `name` occur, in a row, in `text` from word `at`;
/// a one-word name also matches a word of at least three letters that
/// starts it (`четв`, `Mär` for `четвъртък`, `März`) or that it starts
/// (`Urtren` for `urt.`).
fn name_at(text: &[String], at: usize, name: &str, prefixes: bool) -> bool {
    let name = words(name);
    match name.as_slice() {
        [] => false,
        [n] if prefixes => {
            let w = &text[at];
            w == n
                || (w.chars().count() >= 3 && n.chars().count() >= 3)
                    && (n.starts_with(w.as_str()) || w.starts_with(n.as_str()))
        }
        _ => text[at..].starts_with(&name),
    }
}

/// For each word of the text, the months (1–12) and weekdays (0 for Sunday)
/// a name of which, in any language of the table (only the one at `only`
/// when given) or RT's English, starts there: matched whole, or by prefix
/// when no name matches whole.
fn named(text: &str, only: Option<u8>) -> Vec<([bool; 13], [bool; 7])> {
    let w = words(text);
    let months = |at, prefixes| {
        let mut found = [false; 13];
        let sets = core::iter::once(&MONTHS).chain(locales(only).flat_map(|l| &l.months));
        for set in sets {
            for (i, m) in set.iter().enumerate() {
                found[i + 1] |= name_at(&w, at, m, prefixes);
            }
        }
        found
    };
    let days = |at, prefixes| {
        let mut found = [false; 7];
        for (i, d) in DAYS.iter().enumerate() {
            found[i] |= name_at(&w, at, d, prefixes);
        }
        for set in locales(only).flat_map(|l| &l.days) {
            for (i, d) in set.iter().enumerate() {
                found[(i + 1) % 7] |= name_at(&w, at, d, prefixes);
            }
        }
        found
    };
    (0..w.len())
        .map(|at| {
            let m = months(at, false);
            let d = days(at, false);
            (
                if m.contains(&true) {
                    m
                } else {
                    months(at, true)
                },
                if d.contains(&true) { d } else { days(at, true) },
            )
        })
        .collect()
}

/// `translated-default-format` — RT's `DefaultFormat` as a lexicon
/// translates it (`Mo 30. Nov 05:02:46 2026`, `2026-十一月-30 00:32:46 星期一`,
/// `ma 30.11. 2026 05:02:46`), read without the lexicon: one 4-digit year,
/// the time (`hh:mm[:ss]`, `:` or `.`), a 2-digit day, and the month as a
/// number or as a month name of any language of the CLDR table; the date
/// must fall on a weekday whose name (CLDR) another word of the text is.
/// Exactly one reading must remain. With `only`, the names are those of
/// that language and RT's English.
fn translated_default_format(text: &str, only: Option<u8>) -> Result<Parsed, ()> {
    let runs = runs(text);
    let years: Vec<usize> = (0..runs.len()).filter(|&i| runs[i].len() == 4).collect();
    if years.len() != 1 || runs.iter().any(|r| r.len() > 4 || r.len() == 3) {
        return Err(());
    }
    let names = named(text, only);
    let mut chains = time_chains(text, &runs);
    chains.push(Vec::new());
    let mut found: Option<Parsed> = None;
    for chain in &chains {
        let rest: Vec<Run> = (0..runs.len())
            .filter(|i| *i != years[0] && !chain.contains(i))
            .map(|i| runs[i])
            .collect();
        let year = runs[years[0]].value;
        for (day, month, word) in assignments(&rest, &names) {
            let Some(p) = candidate(year, month, day, chain, &runs) else {
                continue;
            };
            // The weekday's name must be another word than the month's.
            let weekday = usize::from(p.local.weekday());
            let named_day = (0..names.len()).any(|i| Some(i) != word && names[i].1[weekday]);
            if !named_day {
                continue;
            }
            match found {
                Some(f) if f.local != p.local => return Err(()),
                _ => found = Some(p),
            }
        }
    }
    found.ok_or(())
}

/// The (day, month, month's word) readings of the runs left after the year
/// and the time: a 2-digit day and a month named by a word, or a day and a
/// month number.
fn assignments(rest: &[Run], names: &[([bool; 13], [bool; 7])]) -> Vec<(u32, u32, Option<usize>)> {
    match rest {
        [d] if d.len() == 2 => (0..names.len())
            .flat_map(|w| {
                (1..=12u32)
                    .filter(move |&m| names[w].0[m as usize])
                    .map(move |m| (d.value, m, Some(w)))
            })
            .collect(),
        [a, b] => [(a, b), (b, a)]
            .into_iter()
            .filter(|(d, _)| d.len() == 2)
            .map(|(d, m)| (d.value, m.value, None))
            .collect(),
        _ => Vec::new(),
    }
}

fn candidate(year: u32, month: u32, day: u32, chain: &[usize], runs: &[Run]) -> Option<Parsed> {
    let t = |k: usize| {
        chain
            .get(k)
            .map_or(Some(0), |&i| u8::try_from(runs[i].value).ok())
    };
    let local = DateTime::checked(year, month, day, t(0)?, t(1)?, t(2)?)?;
    let precision = match chain.len() {
        3 => Precision::Second,
        2 => Precision::Minute,
        _ => Precision::Day,
    };
    Some(Parsed {
        local,
        offset: None,
        format: DateFormat::DefaultFormat,
        precision,
    })
}

#[cfg(test)]
mod tests {
    use super::{name_at, words};

    /// A name is found by its words; a name without a letter names
    /// nothing (the tables have none, but a reading must not hang on it).
    #[test]
    fn names_by_their_words() {
        let text = words("Do., 24. Dez. 2026");
        assert!(name_at(&text, 0, "Do.", false) && name_at(&text, 1, "Dez.", false));
        assert!(name_at(&text, 1, "Dezember", true) && !name_at(&text, 1, "Dezember", false));
        for prefixes in [false, true] {
            assert!(!name_at(&text, 0, "", prefixes) && !name_at(&text, 0, ".", prefixes));
        }
    }
}
