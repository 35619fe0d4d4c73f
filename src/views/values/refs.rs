//! Object references (`type/id[/rest]`) and link targets.

use core::fmt;

use nom::{
    IResult, Parser,
    branch::alt,
    bytes::complete::{tag, take_while1},
    character::complete::{char, u64 as dec_u64},
    combinator::{map, opt},
    sequence::preceded,
};

use super::complete;
use super::numbers::parse_number;
use crate::error::ParseError;

/// An object reference `type/id[/rest]`: `ticket/7`, `user/dave`,
/// `ticket/7/links`, `attachment/43`, `ticket/new`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ObjectRef<'a> {
    /// The object type as printed (`ticket`, `user`, `queue`, `group`, …).
    pub kind: &'a str,
    /// The id or name as printed.
    pub id: &'a str,
    /// What follows the id after a `/` (`links`, `attachments`), if anything.
    pub rest: Option<&'a str>,
}

impl ObjectRef<'_> {
    /// The id as a number, if it is one.
    #[must_use]
    pub fn number(&self) -> Option<u64> {
        parse_number(self.id.as_bytes()).ok()
    }
}

impl fmt::Display for ObjectRef<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.kind, self.id)?;
        if let Some(r) = self.rest {
            write!(f, "/{r}")?;
        }
        Ok(())
    }
}

/// Type, id and rest of an object reference.
type ObjectParts<'a> = (&'a [u8], &'a [u8], Option<&'a [u8]>);

/// `object-ref = type "/" label [ "/" rest ]`, `type = 1*( ALPHA / DIGIT / "_" / "." / "-" )`
fn object_ref(i: &[u8]) -> IResult<&[u8], ObjectParts<'_>> {
    (
        take_while1(|b: u8| b.is_ascii_alphanumeric() || b"_.-".contains(&b)),
        preceded(char('/'), take_while1(|b: u8| b != b'/')),
        opt(preceded(char('/'), take_while1(|_| true))),
    )
        .parse(i)
}

/// Parses an object reference such as `ticket/7` or `ticket/7/links`.
///
/// # Errors
/// [`ErrorKind::Value`](crate::ErrorKind::Value) if the text is not `type/id[/rest]` or not UTF-8.
///
/// ```
/// let r = rt_wire::views::parse_object_ref("ticket/7/links").unwrap();
/// assert_eq!((r.kind, r.number(), r.rest), ("ticket", Some(7), Some("links")));
/// ```
pub fn parse_object_ref(text: &str) -> Result<ObjectRef<'_>, ParseError> {
    let (k, id, rest) = complete(text.as_bytes(), object_ref, "an object id `type/id`")?;
    // Every part is a sub-slice of `text` cut at ASCII bytes, so it is UTF-8.
    let s = |b: &[u8]| &text[b.as_ptr() as usize - text.as_ptr() as usize..][..b.len()];
    Ok(ObjectRef {
        kind: s(k),
        id: s(id),
        rest: rest.map(s),
    })
}

/// Parses the number of an id that is either bare (`59`) or of the form
/// `<kind>/<n>` (`ticket/7`, `attachment/43`).
pub(crate) fn id_number(text: &[u8], kind: &str) -> Result<u64, ParseError> {
    let prefixed = (tag(kind.as_bytes()), char('/'), dec_u64);
    complete(
        text,
        alt((map(prefixed, |(_, _, n)| n), dec_u64)),
        "an id `<n>` or `<type>/<n>`",
    )
}

/// A link target: a ticket of this or another RT
/// (`fsck.com-rt://<rtname>/ticket/<n>`), or any other URI.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub enum LinkTarget<'a> {
    /// `fsck.com-rt://<rtname>/<type>/<n>`.
    Rt {
        /// The RT instance's `$rtname`.
        rtname: &'a str,
        /// The object type, normally `ticket`.
        kind: &'a str,
        /// The object's id.
        id: u64,
    },
    /// Any other URI, verbatim.
    Uri(&'a str),
}

impl<'a> LinkTarget<'a> {
    /// Classifies a link URI; never fails.
    ///
    /// ```
    /// use rt_wire::views::LinkTarget;
    /// assert_eq!(
    ///     LinkTarget::parse("fsck.com-rt://rt.example/ticket/7"),
    ///     LinkTarget::Rt { rtname: "rt.example", kind: "ticket", id: 7 }
    /// );
    /// assert_eq!(LinkTarget::parse("http://x/"), LinkTarget::Uri("http://x/"));
    /// ```
    #[must_use]
    pub fn parse(uri: &'a str) -> Self {
        let local = uri.strip_prefix("fsck.com-rt://").and_then(|rest| {
            let (rtname, r) = rest.split_once('/')?;
            let r = parse_object_ref(r).ok()?;
            if r.rest.is_some() {
                return None;
            }
            Some(LinkTarget::Rt {
                rtname,
                kind: r.kind,
                id: r.number()?,
            })
        });
        local.unwrap_or(LinkTarget::Uri(uri))
    }

    /// The ticket number, for a link to a ticket of an RT.
    #[must_use]
    pub fn ticket(&self) -> Option<u64> {
        match *self {
            LinkTarget::Rt {
                kind: "ticket", id, ..
            } => Some(id),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    #[test]
    fn object_refs_and_links() {
        let r = parse_object_ref("ticket/7").unwrap();
        assert_eq!(
            (r.kind, r.id, r.rest, r.number()),
            ("ticket", "7", None, Some(7))
        );
        let r = parse_object_ref("user/nosuchuser").unwrap();
        assert_eq!(r.number(), None);
        assert_eq!(r.to_string(), "user/nosuchuser");
        assert!(parse_object_ref("ticket").is_err());
        assert_eq!(id_number(b"attachment/43", "attachment").unwrap(), 43);
        assert_eq!(id_number(b"43", "attachment").unwrap(), 43);
        assert!(id_number(b"ticket/43", "attachment").is_err());
        assert_eq!(
            LinkTarget::parse("fsck.com-rt://rt-live-5/ticket/1").ticket(),
            Some(1)
        );
        assert_eq!(
            LinkTarget::parse("http://example.com/x?a=1&b=2"),
            LinkTarget::Uri("http://example.com/x?a=1&b=2")
        );
        assert_eq!(
            LinkTarget::parse("fsck.com-rt://h/ticket/x"),
            LinkTarget::Uri("fsck.com-rt://h/ticket/x")
        );
    }
}
