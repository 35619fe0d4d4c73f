//! Value formats of RT's fields: dates, durations, sizes,
//! object ids, link URIs, ticket statuses and transaction types.
//!
//! Every parser takes the value's bytes and reports errors at an offset inside
//! them; the views move the offset to the value's place in the response.

#[rustfmt::skip]
mod cldr_dates;
mod date_formats;
mod dates;
mod localized;
mod numbers;
mod refs;
mod size;
mod words;

pub use cldr_dates::CLDR_VERSION;
pub use dates::{
    DateFormat, DateTime, Lang, Precision, RtDate, Stamp, UserZone, Utc, When, Zone, parse_date,
    parse_user_date, parse_user_date_in, parse_utc_date,
};
pub use localized::cldr_languages;
pub use numbers::{parse_minutes, parse_number};
pub(crate) use refs::id_number;
pub use refs::{LinkTarget, ObjectRef, parse_object_ref};
pub use size::{Size, parse_size};
pub use words::{TicketStatus, TransactionType};

use nom::{
    Parser,
    bytes::complete::take_while_m_n,
    combinator::{all_consuming, map_res},
};

use crate::error::{ErrorKind, ParseError};

type NomError<'a> = nom::error::Error<&'a [u8]>;

/// Runs `parser` over the whole of `input`; a failure becomes a
/// [`ErrorKind::Value`] error at the byte where the grammar stopped matching.
pub(crate) fn complete<'a, O>(
    input: &'a [u8],
    parser: impl Parser<&'a [u8], Output = O, Error = NomError<'a>>,
    what: &str,
) -> Result<O, ParseError> {
    match all_consuming(parser).parse(input) {
        Ok((_, o)) => Ok(o),
        Err(nom::Err::Error(e) | nom::Err::Failure(e)) => Err(ParseError::view(
            input,
            input.len() - e.input.len(),
            ErrorKind::Value,
            what,
        )),
        Err(nom::Err::Incomplete(_)) => {
            Err(ParseError::view(input, input.len(), ErrorKind::Value, what))
        }
    }
}

/// `n*m DIGIT` as a number.
fn digits<'a>(n: usize, m: usize) -> impl Parser<&'a [u8], Output = u32, Error = NomError<'a>> {
    map_res(
        take_while_m_n(n, m, |b: u8| b.is_ascii_digit()),
        |d: &[u8]| {
            d.iter()
                .try_fold(0u32, |acc, &b| {
                    acc.checked_mul(10)?.checked_add(u32::from(b - b'0'))
                })
                .ok_or(())
        },
    )
}
