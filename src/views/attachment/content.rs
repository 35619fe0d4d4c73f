//! The raw content of an attachment.

use super::super::ViewError;
use super::super::message::{Message, Notice, classify_comment, offset_in, refusal};
use super::super::record::shape;
use crate::response::{BodyKind, Payload, Response};

/// The raw content of `…/attachments/<a>/content`: the exact
/// original bytes, parsed with [`Framing::Content`](crate::Framing::Content).
/// An empty body is empty content (RT sends nothing for empty and for `0`
/// content).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AttachmentContent<'a> {
    /// The bytes.
    pub bytes: &'a [u8],
}

impl<'a> AttachmentContent<'a> {
    /// Reads the content.
    ///
    /// RT answers errors on this endpoint with `200 Ok` and a comment form
    /// (`# Invalid attachment id: 9`), which in raw framing is
    /// indistinguishable from content with those bytes; a payload that is
    /// exactly one known failure comment followed by RT's blank lines is
    /// taken as the error.
    ///
    /// # Errors
    /// [`ViewError::Server`] if RT refused; [`ViewError::Shape`] if the body
    /// holds forms (it was not parsed with content framing).
    pub fn from_response(response: &Response<'a>) -> Result<Self, ViewError<'a>> {
        if response.kind() == BodyKind::Empty {
            return Ok(AttachmentContent { bytes: &[] });
        }
        if let Some(e) = refusal(response) {
            return Err(ViewError::Server(e));
        }
        let Some(env) = response.envelopes().next() else {
            return Err(shape(response, 0, "an envelope").into());
        };
        match env.payload() {
            Payload::Raw(bytes) => {
                if let Some(n) = failure_comment(response.input(), bytes) {
                    return Err(ViewError::Server(super::super::message::ServerError {
                        reply: super::super::message::Reply {
                            status: response.status(),
                            messages: alloc::vec![n],
                        },
                    }));
                }
                Ok(AttachmentContent { bytes })
            }
            _ => Err(shape(
                response,
                env.payload_span().start,
                "raw content (parse with `Framing::Content`)",
            )
            .into()),
        }
    }
}

/// `# <failure>\n` followed by one or two empty lines, and nothing else.
fn failure_comment<'a>(input: &'a [u8], bytes: &'a [u8]) -> Option<Notice<'a>> {
    let line_end = memchr::memchr(b'\n', bytes)?;
    let line = &bytes[..line_end];
    let tail = &bytes[line_end..];
    if !line.starts_with(b"# ") || !(tail == b"\n\n" || tail == b"\n\n\n") {
        return None;
    }
    let message = classify_comment(line);
    let known = matches!(
        message,
        Message::InvalidAttachmentId { .. }
            | Message::NotFound { .. }
            | Message::NumericIdRequired { .. }
            | Message::PermissionDenied { .. }
            | Message::InvalidObjectSpec { .. }
            | Message::UnknownObjectType { .. }
    );
    known.then(|| Notice {
        message,
        text: &line[2..],
        offset: offset_in(input, &line[2..]),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Framing, ParseOptions, parse_response, parse_response_with};

    #[test]
    fn content_section_9_9() {
        let o = ParseOptions::new().framing(Framing::Content);
        let body = b"RT/5.0.3 200 Ok\n\nfirst line\nsecond line\n\n\n";
        let r = parse_response_with(body, &o).unwrap();
        let c = AttachmentContent::from_response(&r).unwrap();
        assert_eq!(c.bytes, b"first line\nsecond line\n\n\n");
        let r = parse_response_with(b"", &o).unwrap();
        assert_eq!(AttachmentContent::from_response(&r).unwrap().bytes, b"");
        let r = parse_response_with(
            b"RT/5.0.3 200 Ok\n\n# Invalid attachment id: 99999\n\n\n",
            &o,
        )
        .unwrap();
        assert!(matches!(
            AttachmentContent::from_response(&r),
            Err(ViewError::Server(_))
        ));
        // Content that merely starts like a comment stays content.
        let r = parse_response_with(b"RT/5.0.3 200 Ok\n\n# notes\n\n\n", &o).unwrap();
        assert_eq!(
            AttachmentContent::from_response(&r).unwrap().bytes,
            b"# notes\n\n\n"
        );
        // The failure comment is one line, `# ` first, then one or two empty
        // lines (RT 4.4 and 5.0); anything else is content.
        let content = |payload: &[u8]| {
            let body = [&b"RT/5.0.3 200 Ok\n\n"[..], payload].concat();
            let r = parse_response_with(&body, &o).unwrap();
            match AttachmentContent::from_response(&r) {
                Ok(c) => Some(c.bytes.len()),
                Err(ViewError::Server(_)) => None,
                Err(e) => panic!("{e}"),
            }
        };
        assert_eq!(content(b"# Invalid attachment id: 9\n\n"), None);
        assert_eq!(content(b"# Invalid attachment id: 9\n"), Some(27));
        assert_eq!(content(b"# Invalid attachment id: 9\n\n\n\n"), Some(30));
        assert_eq!(content(b"Invalid attachment id: 9\n\n"), Some(26));
        let r = parse_response(b"RT/5.0.3 200 Ok\n\nid: 1\n\n").unwrap();
        assert!(matches!(
            AttachmentContent::from_response(&r),
            Err(ViewError::Shape(_))
        ));
    }
}
