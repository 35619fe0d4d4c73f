//! Dates: `Www Mmm DD hh:mm:ss YYYY`, `YYYY-MM-DD hh:mm:ss`,
//! `Not set`.

use core::fmt;

use nom::{
    IResult, Parser,
    branch::alt,
    bytes::complete::{tag, take_while_m_n},
    character::complete::char,
    combinator::{map, map_res, value},
};

use super::{complete, digits};
use crate::error::ParseError;

/// A calendar date and time as RT printed it (no time zone: ticket dates are in
/// the requesting user's zone, history dates in UTC).
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

/// A date field: set, or RT's `Not set`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub enum RtDate {
    /// `Not set` (RT's epoch 0).
    NotSet,
    /// A date and time.
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

const MONTHS: [&[u8]; 12] = [
    b"Jan", b"Feb", b"Mar", b"Apr", b"May", b"Jun", b"Jul", b"Aug", b"Sep", b"Oct", b"Nov", b"Dec",
];

/// `wday = "Sun" / "Mon" / "Tue" / "Wed" / "Thu" / "Fri" / "Sat"`
fn wday(i: &[u8]) -> IResult<&[u8], &[u8]> {
    alt((
        tag(&b"Sun"[..]),
        tag(&b"Mon"[..]),
        tag(&b"Tue"[..]),
        tag(&b"Wed"[..]),
        tag(&b"Thu"[..]),
        tag(&b"Fri"[..]),
        tag(&b"Sat"[..]),
    ))
    .parse(i)
}

/// `month = "Jan" / … / "Dec"`
fn month(i: &[u8]) -> IResult<&[u8], u8> {
    map_res(
        take_while_m_n(3, 3, |b: u8| b.is_ascii_alphabetic()),
        |m: &[u8]| {
            MONTHS
                .iter()
                .position(|x| *x == m)
                .map(|p| p as u8 + 1)
                .ok_or(())
        },
    )
    .parse(i)
}

/// `time = 2DIGIT ":" 2DIGIT ":" 2DIGIT`
fn time(i: &[u8]) -> IResult<&[u8], (u8, u8, u8)> {
    map_res(
        (
            digits(2, 2),
            char(':'),
            digits(2, 2),
            char(':'),
            digits(2, 2),
        ),
        |(h, _, m, _, s)| {
            if h < 24 && m < 60 && s <= 60 {
                Ok((h as u8, m as u8, s as u8))
            } else {
                Err(())
            }
        },
    )
    .parse(i)
}

fn checked(
    year: u32,
    month: u8,
    day: u32,
    (hour, minute, second): (u8, u8, u8),
) -> Result<DateTime, ()> {
    if (1..=31).contains(&day) && (1..=12).contains(&month) && year <= 9999 {
        Ok(DateTime {
            year: year as u16,
            month,
            day: day as u8,
            hour,
            minute,
            second,
        })
    } else {
        Err(())
    }
}

/// `sql-datetime = 4DIGIT "-" 2DIGIT "-" 2DIGIT SP 2DIGIT ":" 2DIGIT ":" 2DIGIT`
fn sql_datetime(i: &[u8]) -> IResult<&[u8], DateTime> {
    map_res(
        (
            digits(4, 4),
            char('-'),
            digits(2, 2),
            char('-'),
            digits(2, 2),
            char(' '),
            time,
        ),
        |(y, _, mo, _, d, _, t)| checked(y, u8::try_from(mo).map_err(|_| ())?, d, t),
    )
    .parse(i)
}

/// `default-date = wday SP month SP 2DIGIT SP time SP 4DIGIT`
fn default_date(i: &[u8]) -> IResult<&[u8], DateTime> {
    map_res(
        (
            wday,
            char(' '),
            month,
            char(' '),
            digits(2, 2),
            char(' '),
            time,
            char(' '),
            digits(4, 4),
        ),
        |(_, _, mo, _, d, _, t, _, y)| checked(y, mo, d, t),
    )
    .parse(i)
}

/// `rt-date = default-date / sql-datetime / "Not set"`
fn rt_date(i: &[u8]) -> IResult<&[u8], RtDate> {
    alt((
        value(RtDate::NotSet, tag(&b"Not set"[..])),
        map(default_date, RtDate::At),
        map(sql_datetime, RtDate::At),
    ))
    .parse(i)
}

/// Parses a date as RT prints it in English: ticket show's
/// `Sat Nov 28 23:32:46 2026`, history's `2026-11-28 23:32:46`, or `Not set`.
///
/// # Errors
/// [`ErrorKind::Value`](crate::ErrorKind::Value) for any other text (a
/// localised date, an RFC 2822 date from a user preference). The
/// raw text stays available from the view.
///
/// ```
/// use rt_wire::views::{parse_date, RtDate};
/// let d = parse_date(b"Sat Nov 28 23:32:46 2026").unwrap().at().unwrap();
/// assert_eq!(d.to_string(), "2026-11-28 23:32:46");
/// assert_eq!(parse_date(b"Not set").unwrap(), RtDate::NotSet);
/// ```
pub fn parse_date(text: &[u8]) -> Result<RtDate, ParseError> {
    complete(
        text,
        rt_date,
        "a date `Www Mmm DD hh:mm:ss YYYY`, `YYYY-MM-DD hh:mm:ss` or `Not set`",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use alloc::string::ToString;

    #[test]
    fn dates_known_answers() {
        let d = DateTime {
            year: 2026,
            month: 11,
            day: 28,
            hour: 23,
            minute: 32,
            second: 46,
        };
        assert_eq!(
            parse_date(b"Sat Nov 28 23:32:46 2026").unwrap(),
            RtDate::At(d)
        );
        assert_eq!(parse_date(b"2026-11-28 23:32:46").unwrap(), RtDate::At(d));
        assert_eq!(parse_date(b"Not set").unwrap(), RtDate::NotSet);
        assert_eq!(
            parse_date(b"Thu Dec 04 10:00:00 2026")
                .unwrap()
                .at()
                .unwrap()
                .day,
            4
        );
        let e = parse_date(b"Sa 28. Nov 23:37:01 2026").unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Value);
        assert!(parse_date(b"Nicht angegeben").is_err());
        assert!(parse_date(b"2026-13-28 23:32:46").is_err());
        assert!(parse_date(b"2026-11-28 23:32:46 ").is_err());
        assert_eq!(d.to_string(), "2026-11-28 23:32:46");
    }
}
