//! One attachment and its original bytes.

use alloc::borrow::Cow;
use alloc::vec::Vec;

use super::super::ViewError;
use super::super::message::offset_in;
use super::super::record::{RawValue, Record, collect, empty_body, shape};
use crate::error::{ErrorKind, ParseError};
use crate::response::Response;

/// One header of an attachment's `Headers`, unfolded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header<'a> {
    /// The header name.
    pub name: &'a [u8],
    /// The value after `": "`, folded lines joined without their LF (the
    /// folding whitespace kept).
    pub value: Cow<'a, [u8]>,
}

/// The original bytes of an attachment and how they were recovered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Original<'a> {
    /// The bytes.
    pub bytes: Cow<'a, [u8]>,
    /// Whether RT had re-encoded bytes 0x80–0xFF as UTF-8 (Latin-1 → UTF-8)
    /// or the text was converted back to its original charset.
    pub converted: bool,
}

const NOT_TEXT: &[u8] = b"Content is not text and will not be displayed!\n";

/// One attachment: `ticket/<n>/attachments/<a>` or `attachment/<a>`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attachment<'a> {
    record: Record<'a>,
}

impl<'a> Attachment<'a> {
    /// Reads the attachment form.
    ///
    /// # Errors
    /// [`ViewError::Server`] if RT refused (`# Invalid attachment id: …`,
    /// `# Attachment … does not exist.`); [`ViewError::Shape`] for another form.
    pub fn from_response(response: &Response<'a>) -> Result<Self, ViewError<'a>> {
        empty_body(response, "an attachment form")?;
        let c = collect(response)?;
        if let Some(e) = c.any_failure(response) {
            return Err(e);
        }
        let Some(form) = c.forms.first() else {
            return Err(shape(response, 0, "an attachment form").into());
        };
        let record = Record::from_form(response.input(), form);
        let a = Attachment { record };
        if a.record.get("ContentType").is_none() || a.record.get("Content").is_none() {
            return Err(shape(
                response,
                form.span().start,
                "an attachment form with `ContentType` and `Content`",
            )
            .into());
        }
        a.id()?;
        Ok(a)
    }

    /// The fields.
    #[must_use]
    pub fn record(&self) -> &Record<'a> {
        &self.record
    }

    /// The attachment id (`43` or `attachment/43`).
    ///
    /// # Errors
    /// No id or another form.
    pub fn id(&self) -> Result<u64, ParseError> {
        self.record.id_number("attachment")
    }

    /// The parent attachment (`0`/`attachment/0` for a top-level part: `None`).
    ///
    /// # Errors
    /// Not an id.
    pub fn parent(&self) -> Result<Option<u64>, ParseError> {
        Ok(self
            .record
            .map("Parent", |v| v.id_number("attachment"))?
            .filter(|&p| p != 0))
    }

    /// The transaction the attachment belongs to.
    ///
    /// # Errors
    /// Not a number.
    pub fn transaction(&self) -> Result<Option<u64>, ParseError> {
        self.record.number("Transaction")
    }

    /// `Filename`; `None` when empty.
    #[must_use]
    pub fn filename(&self) -> Option<RawValue<'a>> {
        self.record.get("Filename").filter(|v| !v.is_empty())
    }

    /// `ContentType`.
    #[must_use]
    pub fn content_type(&self) -> Option<&'a str> {
        self.record.get("ContentType").and_then(|v| v.as_str())
    }

    /// Whether the MIME type is `text/*`.
    #[must_use]
    pub fn is_text(&self) -> bool {
        self.content_type().is_some_and(|t| {
            t.as_bytes()
                .get(..5)
                .is_some_and(|p| p.eq_ignore_ascii_case(b"text/"))
        })
    }

    /// `Headers`, unfolded, in order.
    #[must_use]
    pub fn headers(&self) -> Vec<Header<'a>> {
        let mut out: Vec<Header<'a>> = Vec::new();
        let Some(h) = self.record.get("Headers") else {
            return out;
        };
        for line in h.value().lines() {
            if line.first().is_some_and(|b| *b == b' ' || *b == b'\t') {
                if let Some(last) = out.last_mut() {
                    last.value.to_mut().extend_from_slice(line);
                }
                continue;
            }
            if line.is_empty() {
                continue;
            }
            let (name, value) = match memchr::memmem::find(line, b": ") {
                Some(p) => (&line[..p], &line[p + 2..]),
                None => (line.strip_suffix(b":").unwrap_or(line), &[][..]),
            };
            out.push(Header {
                name,
                value: Cow::Borrowed(value),
            });
        }
        out
    }

    /// The first header called `name` (ASCII case-insensitive).
    #[must_use]
    pub fn header(&self, name: &str) -> Option<Cow<'a, [u8]>> {
        self.headers()
            .into_iter()
            .find(|h| h.name.eq_ignore_ascii_case(name.as_bytes()))
            .map(|h| h.value)
    }

    /// `Content`, decoded as RT sent it (text parts in UTF-8).
    ///
    /// # Errors
    /// No `Content` field.
    pub fn content(&self) -> Result<RawValue<'a>, ParseError> {
        self.record.require("Content")
    }

    /// Whether RT sent its placeholder instead of the content
    /// (`attachment/<a>` of a part that is not text).
    #[must_use]
    pub fn is_placeholder(&self) -> bool {
        self.record
            .get("Content")
            .is_some_and(|c| c.to_bytes().starts_with(NOT_TEXT) && !self.is_text())
    }

    /// The original bytes of the attachment, where the form holds them:
    ///
    /// * a `text/*` part: the content converted back to the charset of
    ///   `X-RT-Original-Encoding` when that is UTF-8, ASCII or Latin-1;
    /// * any other part (through `ticket/<n>/attachments/<a>`): the content's
    ///   bytes, with RT's Latin-1 → UTF-8 re-encoding undone where RT applied
    ///   it. RT applies it to the whole response when anything
    ///   else in it is non-ASCII; the `Content-Length` header, when present,
    ///   decides between the two readings.
    ///
    /// # Errors
    /// [`ErrorKind::Shape`] for the placeholder of `attachment/<a>` or a
    /// charset the form cannot reproduce (use the `…/content` endpoint);
    /// [`ErrorKind::Value`] if re-encoded content does not decode.
    pub fn original_bytes(&self) -> Result<Original<'a>, ParseError> {
        let content = self.content()?;
        let input = self.record.input();
        if self.is_placeholder() {
            return Err(ParseError::view(
                input,
                content.offset(),
                ErrorKind::Shape,
                "the attachment's content, not RT's placeholder; ask `attachment/<a>/content`",
            ));
        }
        let bytes = content.to_bytes();
        if self.is_text() {
            let charset = self
                .header("X-RT-Original-Encoding")
                .map(|c| c.to_ascii_lowercase())
                .unwrap_or_else(|| b"utf-8".to_vec());
            return match &charset[..] {
                b"utf-8" | b"utf8" | b"ascii" | b"us-ascii" => Ok(Original {
                    bytes,
                    converted: false,
                }),
                b"iso-8859-1" | b"latin1" | b"latin-1" | b"iso8859-1" => {
                    let latin = utf8_to_latin1(&bytes).ok_or_else(|| {
                        ParseError::view(
                            input,
                            content.offset(),
                            ErrorKind::Value,
                            "text of code points up to U+00FF",
                        )
                    })?;
                    Ok(Original {
                        bytes: Cow::Owned(latin),
                        converted: true,
                    })
                }
                _ => Err(ParseError::view(
                    input,
                    content.offset(),
                    ErrorKind::Shape,
                    "a charset the form can reproduce; ask `…/content`",
                )),
            };
        }
        let downgraded = utf8_to_latin1(&bytes);
        let length = self
            .header("Content-Length")
            .and_then(|l| super::super::values::parse_number(&l).ok());
        let upgraded = match (length, &downgraded) {
            (Some(n), Some(d)) if bytes.len() as u64 != n && d.len() as u64 == n => true,
            (Some(n), _) if bytes.len() as u64 == n => false,
            _ => {
                // RT encodes the whole response when anything outside the
                // content is non-ASCII.
                let raw = content.value().raw();
                let at = offset_in(input, raw);
                let outside = input[..at]
                    .iter()
                    .chain(&input[(at + raw.len()).min(input.len())..]);
                outside.copied().any(|b| b >= 0x80) && downgraded.is_some()
            }
        };
        Ok(match (upgraded, downgraded) {
            (true, Some(d)) => Original {
                bytes: Cow::Owned(d),
                converted: true,
            },
            _ => Original {
                bytes,
                converted: false,
            },
        })
    }
}

/// Undoes a Latin-1 → UTF-8 re-encoding: every code point must be ≤ U+00FF.
fn utf8_to_latin1(b: &[u8]) -> Option<Vec<u8>> {
    let s = core::str::from_utf8(b).ok()?;
    s.chars().map(|c| u8::try_from(u32::from(c)).ok()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse_response;

    const ONE: &[u8] = b"RT/5.0.3 200 Ok\n\nid: 43\nSubject: \nCreator: 14\nCreated: 2026-11-28 23:37:01\nTransaction: 101\nParent: 41\nMessageId: \nFilename: note.txt\nContentType: text/plain\nContentEncoding: none\n\nHeaders: Content-Type: text/plain; charset=\"utf-8\"; name=\"note.txt\"\n         Content-Disposition: form-data;\n          filename=\"note.txt\"; name=\"attachment_1\"\n         Content-Transfer-Encoding: binary\n         X-RT-Original-Encoding: ascii\n         Content-Length: 25\n\nContent: first line\n         second line\n         \n         \n\n\n\n";

    #[test]
    fn one_attachment_section_9_8() {
        let r = parse_response(ONE).unwrap();
        let a = Attachment::from_response(&r).unwrap();
        assert_eq!(a.id().unwrap(), 43);
        assert_eq!(a.parent().unwrap(), Some(41));
        assert_eq!(a.transaction().unwrap(), Some(101));
        assert_eq!(a.filename().unwrap().as_str(), Some("note.txt"));
        assert_eq!(a.headers().len(), 5);
        assert_eq!(
            &a.header("content-disposition").unwrap()[..],
            b"form-data; filename=\"note.txt\"; name=\"attachment_1\""
        );
        let o = a.original_bytes().unwrap();
        assert_eq!(&o.bytes[..], b"first line\nsecond line\n\n\n");
        assert!(!o.converted);
        assert_eq!(
            a.record()
                .date("Created")
                .unwrap()
                .unwrap()
                .at()
                .unwrap()
                .hour,
            23
        );
    }

    #[test]
    fn latin1_text_is_converted_back() {
        let body = "RT/5.0.3 200 Ok\n\nid: 42\nFilename: latin1.txt\nContentType: text/plain\n\nHeaders: Content-Type: text/plain; charset=\"utf-8\"\n         X-RT-Original-Encoding: iso-8859-1\n\nContent: caf\u{e9} cr\u{e8}me\n         \n\n\n";
        let r = parse_response(body.as_bytes()).unwrap();
        let a = Attachment::from_response(&r).unwrap();
        let o = a.original_bytes().unwrap();
        assert_eq!(&o.bytes[..], b"caf\xe9 cr\xe8me\n");
    }

    #[test]
    fn placeholder_is_not_content() {
        let body = b"RT/5.0.3 200 Ok\n\nid: attachment/8\nParent: attachment/5\nContentType: application/octet-stream\n\nContent: Content is not text and will not be displayed!\n         Use \"rt show attachment/<id>/content [> file.ext]\" to get the content.\n\n\n";
        let r = parse_response(body).unwrap();
        let a = Attachment::from_response(&r).unwrap();
        assert_eq!(a.id().unwrap(), 8);
        assert_eq!(a.parent().unwrap(), Some(5));
        assert!(a.is_placeholder());
        assert_eq!(a.original_bytes().unwrap_err().kind(), ErrorKind::Shape);
        let r = parse_response(b"RT/5.0.3 200 Ok\n\n# Invalid attachment id: 9\n\n\n").unwrap();
        assert!(matches!(
            Attachment::from_response(&r),
            Err(ViewError::Server(_))
        ));
    }
}
