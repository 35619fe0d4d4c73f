//! Dates: every format RT prints a date in, in every language it ships, with
//! the zone the field is in.
//!
//! A ticket's dates are printed by `RT::Date::AsString`: the user's
//! `DateTimeFormat` preference (`DefaultFormat`, `ISO`, `W3CDTF`, `RFC2822`,
//! `RFC2616`, `iCal`, `LocalizedDateTime`), in the user's time zone and
//! language, or the not-set word of that language. History, transaction and
//! attachment dates are the SQL form, in UTC. [`When<UserZone>`] and
//! [`When<Utc>`] keep the two apart: they do not compare with each other.

use core::fmt;
use core::marker::PhantomData;

use nom::Parser;

use super::date_formats::{self, Parsed};
use super::localized;
use crate::error::{ErrorKind, ParseError};

/// A calendar date and time as RT printed it, in the zone of its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct DateTime {
    /// Year, e.g. 2026.
    pub year: u16,
    /// Month, 1–12.
    pub month: u8,
    /// Day of the month, 1–31.
    pub day: u8,
    /// Hour, 0–23.
    pub hour: u8,
    /// Minute, 0–59.
    pub minute: u8,
    /// Second, 0–60.
    pub second: u8,
}

impl DateTime {
    /// The fields, if they name a real calendar day and time.
    pub(crate) fn checked(
        year: u32,
        month: u32,
        day: u32,
        hour: u8,
        minute: u8,
        second: u8,
    ) -> Option<DateTime> {
        let ok = (1..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month)
            && hour < 24
            && minute < 60
            && second <= 60;
        ok.then_some(DateTime {
            year: year as u16,
            month: month as u8,
            day: day as u8,
            hour,
            minute,
            second,
        })
    }

    /// Days since 1970-01-01 of the date (proleptic Gregorian).
    #[must_use]
    pub fn days_since_epoch(&self) -> i64 {
        let (y, m, d) = (
            i64::from(self.year),
            i64::from(self.month),
            i64::from(self.day),
        );
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The day of the week, 0 for Sunday to 6 for Saturday.
    #[must_use]
    pub fn weekday(&self) -> u8 {
        (self.days_since_epoch() + 4).rem_euclid(7) as u8
    }

    /// Seconds since 1970-01-01 00:00:00, reading the fields as UTC.
    #[must_use]
    pub fn seconds_since_epoch(&self) -> i64 {
        self.days_since_epoch() * 86_400
            + i64::from(self.hour) * 3600
            + i64::from(self.minute) * 60
            + i64::from(self.second)
    }
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        _ => 31,
    }
}

impl fmt::Display for DateTime {
    /// Writes the SQL form `YYYY-MM-DD HH:MM:SS`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )
    }
}

/// A date field without its zone: set, or RT's not-set word. What
/// [`parse_date`] and [`Record::date`](crate::views::Record::date) give; the
/// typed readers give [`When`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub enum RtDate {
    /// Not set (RT's epoch 0, printed as `Not set` or its translation).
    NotSet,
    /// A date and time, as printed, in the zone of its text.
    At(DateTime),
}

impl RtDate {
    /// The date, if set.
    #[must_use]
    pub fn at(self) -> Option<DateTime> {
        match self {
            RtDate::NotSet => None,
            RtDate::At(d) => Some(d),
        }
    }
}

/// The formatter that printed a date (RT's names; `Sql` for the raw
/// database form of history dates).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub enum DateFormat {
    /// `DefaultFormat`: `Mon Nov 30 05:02:46 2026`, or its translation.
    DefaultFormat,
    /// `ISO`: `2026-11-30 05:02:46`. Also the date alone of `W3CDTF`, which
    /// prints the same.
    Iso,
    /// `W3CDTF`: `2026-11-30T05:02:46+05:30`.
    W3cdtf,
    /// `RFC2822`: `Mon, 30 Nov 2026 05:02:46 +0530`. Also the date alone of
    /// `RFC2616` (`Sun, 29 Nov 2026`, the UTC date), which has its shape.
    Rfc2822,
    /// `RFC2616`: `Sun, 29 Nov 2026 23:32:46 GMT`, in UTC.
    Rfc2616,
    /// `iCal`: `20261129T233246Z` in UTC, or `20261130` (the user's date).
    ICal,
    /// `LocalizedDateTime`: CLDR's full date and medium time of the user's
    /// language, `Mon, Nov 30, 2026 5:02:46 AM`.
    LocalizedDateTime,
    /// The SQL form `2026-11-29 23:32:46` of history dates, in UTC.
    Sql,
}

/// How much of the date and time RT printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub enum Precision {
    /// Date and time to the second.
    Second,
    /// Date, hours and minutes (`Seconds => 0`); the seconds read as 0.
    Minute,
    /// The date alone (`Time => 0`); the time reads as 00:00:00.
    Day,
}

mod sealed {
    pub trait Sealed {}
}

/// The zone a date field is in: [`UserZone`] or [`Utc`].
pub trait Zone:
    sealed::Sealed + Copy + fmt::Debug + PartialEq + Eq + core::hash::Hash + 'static
{
    /// The zone's name in messages.
    const NAME: &'static str;
    /// Reads a date of a field in this zone.
    #[doc(hidden)]
    fn read(text: &[u8]) -> Result<When<Self>, ParseError>;
}

/// The zone of a ticket's dates: the requesting RT user's time zone (a
/// printed offset, where the format has one, says which).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct UserZone;

/// The zone of history, transaction and attachment dates: UTC.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Utc;

impl sealed::Sealed for UserZone {}
impl sealed::Sealed for Utc {}

impl Zone for UserZone {
    const NAME: &'static str = "the user's zone";
    fn read(text: &[u8]) -> Result<When<Self>, ParseError> {
        parse_user_date(text)
    }
}

impl Zone for Utc {
    const NAME: &'static str = "UTC";
    fn read(text: &[u8]) -> Result<When<Self>, ParseError> {
        parse_utc_date(text)
    }
}

/// A date of a field in zone `Z`, as RT printed it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize), serde(bound = ""))]
pub struct Stamp<Z: Zone> {
    /// The calendar fields as printed: in the zone of the field, or in the
    /// zone of the offset printed with them (`RFC2616` and `iCal` print UTC
    /// even for a ticket's dates).
    pub local: DateTime,
    /// The offset RT printed, in minutes east of UTC (`+0100` is 60; `GMT`
    /// and `Z` are 0); `None` when the format prints none.
    pub offset: Option<i16>,
    /// The formatter that printed it.
    pub format: DateFormat,
    /// How much it printed.
    pub precision: Precision,
    #[cfg_attr(feature = "serde", serde(skip))]
    zone: PhantomData<Z>,
}

impl<Z: Zone> Stamp<Z> {
    fn new(p: Parsed) -> Self {
        Stamp {
            local: p.local,
            offset: p.offset,
            format: p.format,
            precision: p.precision,
            zone: PhantomData,
        }
    }

    /// Seconds since the epoch, when the text says its offset (every `Utc`
    /// date; `W3CDTF`, `RFC2822`, `RFC2616` and `iCal` with a time).
    #[must_use]
    pub fn unix(&self) -> Option<i64> {
        self.offset
            .map(|o| self.local.seconds_since_epoch() - i64::from(o) * 60)
    }
}

/// A date field of zone `Z`: set, or RT's not-set word.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize), serde(bound = ""))]
pub enum When<Z: Zone> {
    /// Not set: RT's not-set word in the user's language (`Not set`,
    /// `Nicht angegeben`, `未指定`, …).
    NotSet,
    /// A date.
    At(Stamp<Z>),
}

impl<Z: Zone> When<Z> {
    /// The date, if set.
    #[must_use]
    pub fn at(self) -> Option<Stamp<Z>> {
        match self {
            When::NotSet => None,
            When::At(s) => Some(s),
        }
    }
}

impl<Z: Zone> From<When<Z>> for RtDate {
    /// Drops the zone, the offset and the format.
    fn from(w: When<Z>) -> RtDate {
        match w {
            When::NotSet => RtDate::NotSet,
            When::At(s) => RtDate::At(s.local),
        }
    }
}

/// The formats a ticket's date is tried in, for messages.
pub(crate) const USER_FORMATS: &str = "DefaultFormat, ISO, W3CDTF, RFC2822, RFC2616, iCal, \
     LocalizedDateTime (CLDR, every language RT ships), DefaultFormat translated by RT's \
     lexicons, a not-set word (no digit)";

/// RT's not-set word in any language: the rule is that every date RT prints
/// holds digits, so a non-empty value with no digit at all is its not-set
/// word (`tests/oracle_dates.rs` checks it for every language RT ships).
pub(crate) fn is_not_set_word(text: &[u8]) -> bool {
    match core::str::from_utf8(text) {
        Ok(s) => !s.trim().is_empty() && !s.chars().any(char::is_numeric),
        Err(_) => false,
    }
}

fn failure(text: &[u8], formats: &str) -> ParseError {
    let shown = alloc::string::String::from_utf8_lossy(text);
    let mut shown: alloc::string::String = shown.chars().take(80).collect();
    if text.len() > shown.len() {
        shown.push('…');
    }
    ParseError::view(
        text,
        0,
        ErrorKind::Value,
        &alloc::format!("`{shown}` is not a date RT prints (tried {formats})"),
    )
}

/// Reads a ticket's date (zone [`UserZone`]): any of RT's formatters in any
/// language it ships (see [`DateFormat`]), or the not-set word.
///
/// # Errors
/// [`ErrorKind::Value`] naming the text and the formats tried, when the text
/// is none of them, or when it reads as two different dates (a translated
/// `DefaultFormat` whose names are ambiguous): never a guess.
///
/// ```
/// use rt_wire::views::{parse_user_date, DateFormat, When};
/// let d = parse_user_date(b"Mon, 30 Nov 2026 05:02:46 +0530").unwrap().at().unwrap();
/// assert_eq!((d.local.day, d.local.hour, d.offset), (30, 5, Some(330)));
/// assert_eq!(d.format, DateFormat::Rfc2822);
/// let d = parse_user_date("Mo., 30. Nov. 2026 05:02:46".as_bytes()).unwrap().at().unwrap();
/// assert_eq!(d.format, DateFormat::LocalizedDateTime);
/// assert_eq!(parse_user_date("Nicht angegeben".as_bytes()).unwrap(), When::NotSet);
/// ```
pub fn parse_user_date(text: &[u8]) -> Result<When<UserZone>, ParseError> {
    read_user_date(text, None)
}

/// Reads a ticket's date (zone [`UserZone`]) printed for an RT user of
/// language `lang`: as [`parse_user_date`], but `LocalizedDateTime` and a
/// translated `DefaultFormat` are read with that language's CLDR patterns
/// and names only (and RT's English names, which a lexicon may leave
/// untranslated). The formats RT prints the same in every language
/// (`ISO`, `W3CDTF`, `RFC2822`, `RFC2616`, `iCal`, English `DefaultFormat`)
/// and the not-set word (a text without digits) are read as
/// [`parse_user_date`] reads them. Knowing the language can only remove a
/// reading (an ambiguity between languages), never add one.
///
/// # Errors
/// As [`parse_user_date`]; a translated `DefaultFormat` whose names are not
/// the language's CLDR names can be refused where [`parse_user_date`] reads
/// it through another language's names.
///
/// ```
/// use rt_wire::views::{parse_user_date_in, Lang};
/// let de = Lang::new("de").unwrap();
/// let d = parse_user_date_in("Do., 24. Dez. 2026 10:00:00".as_bytes(), de).unwrap();
/// assert_eq!(d.at().unwrap().local.to_string(), "2026-12-24 10:00:00");
/// // Not German: refused, never read as another language's date.
/// assert!(parse_user_date_in("2026年12月24日木曜日 18:00:00".as_bytes(), de).is_err());
/// ```
pub fn parse_user_date_in(text: &[u8], lang: Lang) -> Result<When<UserZone>, ParseError> {
    read_user_date(text, Some(lang))
}

fn read_user_date(text: &[u8], lang: Option<Lang>) -> Result<When<UserZone>, ParseError> {
    if let Ok((b"", p)) = date_formats::fixed(text) {
        return Ok(When::At(Stamp::new(p)));
    }
    if is_not_set_word(text) {
        return Ok(When::NotSet);
    }
    let only = lang.map(|l| l.0);
    match core::str::from_utf8(text)
        .ok()
        .map(|t| localized::read(t, only))
    {
        Some(Ok(p)) => Ok(When::At(Stamp::new(p))),
        _ => Err(match lang {
            None => failure(text, USER_FORMATS),
            Some(l) => failure(
                text,
                &alloc::format!(
                    "DefaultFormat, ISO, W3CDTF, RFC2822, RFC2616, iCal, LocalizedDateTime \
                     and DefaultFormat in the language `{l}`, a not-set word (no digit)"
                ),
            ),
        }),
    }
}

/// A language RT ships, by RT's code (`de`, `pt_BR`, `zh_CN`): one of
/// [`cldr_languages`](super::cldr_languages). Given to
/// [`parse_user_date_in`] (and [`Ticket::user_date_in`](crate::views::Ticket::user_date_in)),
/// it restricts the localized date readers to that language.
///
/// ```
/// use rt_wire::views::Lang;
/// assert_eq!(Lang::new("pt_BR").unwrap().code(), "pt_BR");
/// assert!(Lang::new("xx").is_none());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Lang(u8);

impl Lang {
    /// The language of RT's code `code`, if RT ships it (exact match,
    /// case-sensitive, as RT names its lexicons: `pt_BR`).
    #[must_use]
    pub fn new(code: &str) -> Option<Lang> {
        localized::locale_index(code).map(Lang)
    }

    /// RT's code of the language.
    #[must_use]
    pub fn code(self) -> &'static str {
        localized::locale_code(self.0)
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl When<UserZone> {
    /// The date as the JSON of a ticket's `dates` (feature `serde`, and
    /// `rt-wire parse --as ticket`): `None` when not set, else
    /// `YYYY-MM-DDTHH:MM:SS`, the user's wall clock as printed; or, for
    /// `RFC2616` and `iCal` with a time, which RT prints in UTC whatever the
    /// user's zone (rt-wire has no time-zone database to convert it),
    /// `YYYY-MM-DDTHH:MM:SSZ`, the instant in UTC. A date printed without
    /// its time is written at `T00:00:00`.
    ///
    /// # Errors
    /// A date alone in `RFC2822`'s shape: `RFC2822` prints the user's date
    /// there and `RFC2616` the UTC date, and the text does not say which
    /// (REST 1.0 prints every ticket date with its time).
    pub fn json_text(&self) -> Result<Option<alloc::string::String>, ParseError> {
        let s = match self {
            When::NotSet => return Ok(None),
            When::At(s) => s,
        };
        let l = s.local;
        let utc = match (s.format, s.offset) {
            (DateFormat::Rfc2616 | DateFormat::ICal, Some(0)) => true,
            (DateFormat::Rfc2822, None) => {
                let text = alloc::format!("{l}");
                return Err(ParseError::view(
                    text.as_bytes(),
                    0,
                    ErrorKind::Value,
                    "a date with its time: an RFC2822-shaped date alone is the user's date \
                     (RFC2822) or the UTC date (RFC2616)",
                ));
            }
            _ => false,
        };
        Ok(Some(alloc::format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{}",
            l.year,
            l.month,
            l.day,
            l.hour,
            l.minute,
            l.second,
            if utc { "Z" } else { "" }
        )))
    }
}

/// Reads a history, transaction or attachment date (zone [`Utc`]): the SQL
/// form `YYYY-MM-DD hh:mm:ss`.
///
/// # Errors
/// [`ErrorKind::Value`] naming the text, for anything else.
pub fn parse_utc_date(text: &[u8]) -> Result<When<Utc>, ParseError> {
    match nom::combinator::all_consuming(date_formats::sql).parse(text) {
        Ok((_, p)) => Ok(When::At(Stamp::new(p))),
        Err(_) => Err(failure(text, "the SQL form `YYYY-MM-DD hh:mm:ss`")),
    }
}

/// Parses a date without its zone: anything [`parse_user_date`] reads
/// (which includes the SQL form of history dates, `ISO`'s shape), as the
/// calendar fields printed.
///
/// # Errors
/// As [`parse_user_date`].
///
/// ```
/// use rt_wire::views::{parse_date, RtDate};
/// let d = parse_date(b"Sat Nov 28 23:32:46 2026").unwrap().at().unwrap();
/// assert_eq!(d.to_string(), "2026-11-28 23:32:46");
/// assert_eq!(parse_date(b"Not set").unwrap(), RtDate::NotSet);
/// ```
pub fn parse_date(text: &[u8]) -> Result<RtDate, ParseError> {
    parse_user_date(text).map(RtDate::from)
}

#[cfg(test)]
#[path = "dates_tests.rs"]
mod tests;
