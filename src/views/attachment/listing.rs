//! The attachment listing of a ticket.

use alloc::vec::Vec;

use nom::{
    IResult, Parser,
    bytes::complete::{tag, take_while1},
    character::complete::u64 as dec_u64,
};

use super::super::ViewError;
use super::super::message::offset_in;
use super::super::record::{Record, collect, shape};
use super::super::values::{Size, parse_size};
use crate::error::{ErrorKind, ParseError};
use crate::response::{BodyKind, Response};

/// One item of `ticket/<n>/attachments`:
/// `<id>: <name> (<content-type> / <size>)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AttachmentItem<'a> {
    /// The attachment id.
    pub id: u64,
    /// The file name; `None` for RT's `(Unnamed)`.
    pub name: Option<&'a [u8]>,
    /// The MIME type.
    pub content_type: &'a str,
    /// The size as RT printed it (`51b`, `1.5k`).
    pub size_text: &'a str,
    /// The size, parsed.
    pub size: Size,
}

/// `mime-token = 1*( %x21-27 / %x2A-2E / %x30-7E )`
fn mime_token(i: &[u8]) -> IResult<&[u8], &[u8]> {
    take_while1(|b: u8| (0x21..=0x7e).contains(&b) && !b"()/".contains(&b)).parse(i)
}

/// `item-tail = " (" mime-type " / " size ")"`, returning the type and size.
fn item_tail(i: &[u8]) -> IResult<&[u8], (&[u8], &[u8])> {
    let (i, _) = tag(&b" ("[..]).parse(i)?;
    let start = i;
    let (i, _) = (mime_token, tag(&b"/"[..]), mime_token).parse(i)?;
    let mime = &start[..start.len() - i.len()];
    let (i, _) = tag(&b" / "[..]).parse(i)?;
    let (i, size) =
        take_while1(|b: u8| b.is_ascii_digit() || b == b'.' || b == b'b' || b == b'k').parse(i)?;
    let (i, _) = tag(&b")"[..]).parse(i)?;
    Ok((i, (mime, size)))
}

/// `item-head = 1*DIGIT ": "`
fn item_head(i: &[u8]) -> IResult<&[u8], u64> {
    let (i, id) = dec_u64(i)?;
    let (i, _) = tag(&b": "[..]).parse(i)?;
    Ok((i, id))
}

/// Parses one decoded line of the `Attachments` list: items separated by
/// `", "`, anchored on the right on `" (" type " / " size ")"` followed by
/// `", "` and the next item's `id: `, a final `","`, or the end (`attachment-item`).
fn attachment_listing_line<'a>(
    input: &'a [u8],
    line: &'a [u8],
    out: &mut Vec<AttachmentItem<'a>>,
) -> Result<(), ParseError> {
    let err = |at: &[u8], what: &str| {
        ParseError::view(input, offset_in(input, at), ErrorKind::Value, what)
    };
    let mut rest = line;
    while !rest.is_empty() {
        let (after_head, id) = item_head(rest)
            .map_err(|_| err(rest, "an attachment item `<id>: <name> (<type> / <size>)`"))?;
        // Try every " (" from the left; the first whose tail matches and is
        // followed by a separator or the end ends the name.
        let mut found = None;
        let mut from = 0;
        while let Some(p) = memchr::memmem::find(&after_head[from..], b" (") {
            let at = from + p;
            if let Ok((after, (mime, size))) = item_tail(&after_head[at..]) {
                let next_ok = after.is_empty()
                    || after == b","
                    || after
                        .strip_prefix(b", ")
                        .is_some_and(|n| item_head(n).is_ok());
                if next_ok {
                    found = Some((at, mime, size, after));
                    break;
                }
            }
            from = at + 1;
        }
        let Some((at, mime, size_text, after)) = found else {
            return Err(err(
                after_head,
                "` (<type> / <size>)` after the attachment name",
            ));
        };
        let name = &after_head[..at];
        let size =
            parse_size(size_text).map_err(|e| e.rebase(input, offset_in(input, size_text)))?;
        // Both were matched by ASCII-only grammars.
        let content_type = core::str::from_utf8(mime).unwrap_or_default();
        let size_text = core::str::from_utf8(size_text).unwrap_or_default();
        out.push(AttachmentItem {
            id,
            name: (name != b"(Unnamed)").then_some(name),
            content_type,
            size_text,
            size,
        });
        rest = after
            .strip_prefix(b", ")
            .or_else(|| after.strip_prefix(b","))
            .unwrap_or(after);
    }
    Ok(())
}

/// The attachment listing of a ticket. RT sends an empty body for
/// a ticket without attachments: an empty list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttachmentList<'a> {
    /// The ticket, from `id: ticket/<n>/attachments` (`None` for an empty body).
    pub ticket: Option<u64>,
    /// The attachments in RT's order.
    pub items: Vec<AttachmentItem<'a>>,
}

impl<'a> AttachmentList<'a> {
    /// Reads the listing.
    ///
    /// # Errors
    /// [`ViewError::Server`] if RT refused; [`ViewError::Shape`] for another
    /// form or an item that does not match the grammar.
    pub fn from_response(response: &Response<'a>) -> Result<Self, ViewError<'a>> {
        if response.kind() == BodyKind::Empty {
            return Ok(AttachmentList {
                ticket: None,
                items: Vec::new(),
            });
        }
        let c = collect(response)?;
        if let Some(e) = c.failure(response) {
            return Err(e);
        }
        let input = response.input();
        let Some(form) = c.forms.first() else {
            return Err(shape(response, 0, "a form `id: ticket/<n>/attachments`").into());
        };
        let record = Record::from_form(input, form);
        let id = record.require("id")?;
        let r = id.object_ref()?;
        if r.rest != Some("attachments") {
            return Err(shape(response, id.offset(), "`id: ticket/<n>/attachments`").into());
        }
        let mut items = Vec::new();
        for v in record.get_all("Attachments") {
            for line in v.value().lines() {
                attachment_listing_line(input, line, &mut items)?;
            }
        }
        Ok(AttachmentList {
            ticket: r.number(),
            items,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse_response;

    #[test]
    fn listing_section_9_7() {
        let body = b"RT/5.0.3 200 Ok\n\nid: ticket/6/attachments\n\nAttachments: 41: (Unnamed) (multipart/mixed / 0b),\n             42: (Unnamed) (text/plain / 99b),\n             43: note.txt (text/plain / 25b),\n             44: bin.dat (application/octet-stream / 258b),\n             45: noeol.txt (text/plain / 17b)\n\n\n";
        let r = parse_response(body).unwrap();
        let l = AttachmentList::from_response(&r).unwrap();
        assert_eq!(l.ticket, Some(6));
        assert_eq!(l.items.len(), 5);
        assert_eq!(l.items[0].name, None);
        assert_eq!(l.items[0].content_type, "multipart/mixed");
        assert_eq!(l.items[3].name, Some(&b"bin.dat"[..]));
        assert_eq!(l.items[3].size, Size::Bytes(258));
        assert_eq!(l.items[4].size_text, "17b");
    }

    #[test]
    fn listing_names_with_separators() {
        // Several items on one line, names holding ", " and " (".
        let body = b"RT/5.0.3 200 Ok\n\nid: ticket/6/attachments\nAttachments: 72: a, b (x).txt (text/plain / 1b), 73: 'c, d' (text/plain / 1.5k), 74: e (f / g) (image/png / 2k)\n\n";
        let r = parse_response(body).unwrap();
        let l = AttachmentList::from_response(&r).unwrap();
        let names: Vec<_> = l.items.iter().map(|i| i.name.unwrap()).collect();
        assert_eq!(names, [&b"a, b (x).txt"[..], b"'c, d'", b"e (f / g)"]);
        assert_eq!(l.items[1].size, Size::Tenths(15));
        let bad = b"RT/5.0.3 200 Ok\n\nid: ticket/6/attachments\nAttachments: 72: no tail\n\n";
        let r = parse_response(bad).unwrap();
        match AttachmentList::from_response(&r) {
            Err(ViewError::Shape(e)) => assert_eq!(e.kind(), ErrorKind::Value),
            other => panic!("{other:?}"),
        }
        let r = parse_response(b"").unwrap();
        assert!(AttachmentList::from_response(&r).unwrap().items.is_empty());
    }
}
