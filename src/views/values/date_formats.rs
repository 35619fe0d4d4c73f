//! The date formats RT prints the same in every language: its formatters
//! `ISO`, `W3CDTF`, `RFC2822`, `RFC2616` and `iCal`, English `DefaultFormat`,
//! and the SQL form of history dates. Each is a nom parser named after the
//! format; every variant RT's options produce (`Seconds => 0`, `Time => 0`,
//! `DayOfWeek => 0`) is read, with the offset RT prints.

use nom::{
    IResult, Parser,
    branch::alt,
    bytes::complete::tag,
    character::complete::{char, one_of},
    combinator::{map, map_res, opt, value},
    sequence::preceded,
};

use super::dates::{DateFormat, DateTime, Precision};
use super::digits;

/// What a format reader found: the calendar fields as printed, the offset
/// it printed (minutes east of UTC), the format and how much it printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Parsed {
    pub local: DateTime,
    pub offset: Option<i16>,
    pub format: DateFormat,
    pub precision: Precision,
}

/// RT's English month abbreviations (`@RT::Date::MONTHS`), January first.
pub(crate) const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
/// RT's English day abbreviations (`@RT::Date::DAYS_OF_WEEK`), Sunday first.
pub(crate) const DAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

type Time = (u8, u8, u8, Precision);

/// `wday = "Sun" / "Mon" / "Tue" / "Wed" / "Thu" / "Fri" / "Sat"`, as 0–6
/// from Sunday.
fn wday(i: &[u8]) -> IResult<&[u8], u8> {
    english(&DAYS, i)
}

/// `month = "Jan" / … / "Dec"`, as 1–12.
fn month(i: &[u8]) -> IResult<&[u8], u8> {
    map(|i| english(&MONTHS, i), |m| m + 1).parse(i)
}

fn english<'a>(names: &[&str], i: &'a [u8]) -> IResult<&'a [u8], u8> {
    match names.iter().position(|n| i.starts_with(n.as_bytes())) {
        Some(p) => Ok((&i[3..], p as u8)),
        None => Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Tag,
        ))),
    }
}

fn two(i: &[u8]) -> IResult<&[u8], u32> {
    digits(2, 2).parse(i)
}

/// `hms = 2DIGIT ":" 2DIGIT [ ":" 2DIGIT ]` (without seconds under
/// `Seconds => 0`). The ranges are checked with the date
/// ([`DateTime::checked`], through [`build`]).
fn hms(i: &[u8]) -> IResult<&[u8], Time> {
    map(
        (two, char(':'), two, opt(preceded(char(':'), two))),
        |(h, _, m, s)| {
            let precision = if s.is_some() {
                Precision::Second
            } else {
                Precision::Minute
            };
            // Two digits each: below 100.
            (h as u8, m as u8, s.unwrap_or(0) as u8, precision)
        },
    )
    .parse(i)
}

/// `ymd = 4DIGIT "-" 2DIGIT "-" 2DIGIT`
fn ymd(i: &[u8]) -> IResult<&[u8], (u32, u32, u32)> {
    map(
        (digits(4, 4), char('-'), two, char('-'), two),
        |(y, _, m, _, d)| (y, m, d),
    )
    .parse(i)
}

const MIDNIGHT: Time = (0, 0, 0, Precision::Day);

/// A checked [`Parsed`]: a real calendar day, and the weekday RT printed.
fn build(
    (year, month, day): (u32, u32, u32),
    (hour, minute, second, precision): Time,
    weekday: Option<u8>,
    offset: Option<i16>,
    format: DateFormat,
) -> Result<Parsed, ()> {
    let local = DateTime::checked(year, month, day, hour, minute, second).ok_or(())?;
    if weekday.is_some_and(|w| w != local.weekday()) {
        return Err(());
    }
    Ok(Parsed {
        local,
        offset,
        format,
        precision,
    })
}

/// `sql = ymd SP 2DIGIT ":" 2DIGIT ":" 2DIGIT` — history, transaction and
/// attachment dates, in UTC.
pub(crate) fn sql(i: &[u8]) -> IResult<&[u8], Parsed> {
    map_res((ymd, char(' '), hms), |(d, _, t)| {
        if t.3 != Precision::Second {
            return Err(());
        }
        build(d, t, None, Some(0), DateFormat::Sql)
    })
    .parse(i)
}

/// `iso = ymd [ SP hms ]` — RT's `ISO`: `2026-11-30 05:02:46`, `2026-11-30
/// 05:02`, `2026-11-30`; the user's zone, no offset.
pub(crate) fn iso(i: &[u8]) -> IResult<&[u8], Parsed> {
    map_res((ymd, opt(preceded(char(' '), hms))), |(d, t)| {
        build(d, t.unwrap_or(MIDNIGHT), None, None, DateFormat::Iso)
    })
    .parse(i)
}

/// `w3cdtf = ymd "T" hms ( "Z" / ( "+" / "-" ) 2DIGIT ":" 2DIGIT )` — RT's
/// `W3CDTF`: `2026-11-30T05:02:46+05:30`, `2026-11-30T05:02Z`. (Its date-only
/// form is `ymd`, read as [`iso`].)
pub(crate) fn w3cdtf(i: &[u8]) -> IResult<&[u8], Parsed> {
    let zone = alt((
        value(0, char('Z')),
        map((one_of("+-"), two, char(':'), two), |(s, h, _, m)| {
            signed(s, h, m)
        }),
    ));
    map_res((ymd, char('T'), hms, zone), |(d, _, t, z)| {
        build(d, t, None, Some(z), DateFormat::W3cdtf)
    })
    .parse(i)
}

/// An offset of two 2-digit numbers, in minutes (at most 6039).
fn signed(sign: char, hours: u32, minutes: u32) -> i16 {
    let m = (hours * 60 + minutes) as i16;
    if sign == '-' { -m } else { m }
}

/// `dmy = 2DIGIT SP month SP 4DIGIT`
fn dmy(i: &[u8]) -> IResult<&[u8], (u32, u32, u32)> {
    map(
        (two, char(' '), month, char(' '), digits(4, 4)),
        |(d, _, m, _, y)| (y, u32::from(m), d),
    )
    .parse(i)
}

/// `rfc2822 = [ wday ", " ] dmy [ SP hms SP ( "+" / "-" ) 4DIGIT ]` — RT's
/// `RFC2822`: `Mon, 30 Nov 2026 05:02:46 +0530`, without the day of week
/// under `DayOfWeek => 0`, without the time under `Time => 0`.
pub(crate) fn rfc2822(i: &[u8]) -> IResult<&[u8], Parsed> {
    let zone = map((one_of("+-"), two, two), |(s, h, m)| signed(s, h, m));
    map_res(
        (
            opt((wday, tag(&b", "[..]))),
            dmy,
            opt((char(' '), hms, char(' '), zone)),
        ),
        |(w, d, t)| {
            let (t, z) = t.map_or((MIDNIGHT, None), |(_, t, _, z)| (t, Some(z)));
            build(d, t, w.map(|w| w.0), z, DateFormat::Rfc2822)
        },
    )
    .parse(i)
}

/// `rfc2616 = wday ", " dmy SP 2DIGIT ":" 2DIGIT ":" 2DIGIT " GMT"` — RT's
/// `RFC2616`, always in UTC: `Sun, 29 Nov 2026 23:32:46 GMT`. (Under
/// `Time => 0` it prints the UTC date as `Sun, 29 Nov 2026`, the shape of an
/// `RFC2822` date, read by [`rfc2822`].)
pub(crate) fn rfc2616(i: &[u8]) -> IResult<&[u8], Parsed> {
    map_res(
        (
            wday,
            tag(&b", "[..]),
            dmy,
            char(' '),
            hms,
            tag(&b" GMT"[..]),
        ),
        |(w, _, d, _, t, _)| {
            if t.3 != Precision::Second {
                return Err(());
            }
            build(d, t, Some(w), Some(0), DateFormat::Rfc2616)
        },
    )
    .parse(i)
}

/// `ical = 4DIGIT 2DIGIT 2DIGIT [ "T" 2DIGIT 2DIGIT 2DIGIT "Z" ]` — RT's
/// `iCal`: `20261129T233246Z` in UTC, or the date alone in the user's zone
/// (`Time => 0`).
pub(crate) fn ical(i: &[u8]) -> IResult<&[u8], Parsed> {
    map_res(
        (
            digits(4, 4),
            two,
            two,
            opt((char('T'), two, two, two, char('Z'))),
        ),
        |(y, m, d, t)| match t {
            // Two digits each: below 100; `build` checks the ranges.
            Some((_, h, mi, s, _)) => build(
                (y, m, d),
                (h as u8, mi as u8, s as u8, Precision::Second),
                None,
                Some(0),
                DateFormat::ICal,
            ),
            None => build((y, m, d), MIDNIGHT, None, None, DateFormat::ICal),
        },
    )
    .parse(i)
}

/// `default-format = wday SP month SP 2DIGIT [ SP hms ] SP 4DIGIT` — RT's
/// `DefaultFormat` in English (and in the languages whose lexicon leaves it
/// English): `Mon Nov 30 05:02:46 2026`, `Mon Nov 30 05:02 2026`, `Mon Nov
/// 30 2026`.
pub(crate) fn default_format(i: &[u8]) -> IResult<&[u8], Parsed> {
    map_res(
        (
            wday,
            char(' '),
            month,
            char(' '),
            two,
            opt(preceded(char(' '), hms)),
            char(' '),
            digits(4, 4),
        ),
        |(w, _, m, _, d, t, _, y)| {
            build(
                (y, u32::from(m), d),
                t.unwrap_or(MIDNIGHT),
                Some(w),
                None,
                DateFormat::DefaultFormat,
            )
        },
    )
    .parse(i)
}

/// `user-date-fixed = default-format / rfc2616 / rfc2822 / w3cdtf / iso / ical`
pub(crate) fn fixed(i: &[u8]) -> IResult<&[u8], Parsed> {
    alt((default_format, rfc2616, rfc2822, w3cdtf, iso, ical)).parse(i)
}
