//! [`Notice`]: one message with the bytes it was read from, and how the views
//! collect them from forms and plain-text payloads.

use alloc::vec::Vec;

use crate::form::Form;

use super::{Message, classify_comment, classify_text, trim_lf};

/// One message with the bytes it was read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Notice<'a> {
    /// The classified message.
    pub message: Message<'a>,
    /// The text it was read from: the comment line without `# `, or the
    /// plain-text payload without its trailing LFs.
    pub text: &'a [u8],
    /// Byte offset of the text in the response.
    pub offset: usize,
}

/// The messages of a form's comment block; `# Syntax error.` gets the form's
/// echo.
pub(crate) fn form_notices<'a>(input: &'a [u8], form: &Form<'_, 'a>, out: &mut Vec<Notice<'a>>) {
    for line in form.comments() {
        let text = line
            .strip_prefix(b"# ")
            .or_else(|| line.strip_prefix(b"#"))
            .unwrap_or(line);
        let mut message = classify_comment(line);
        if let Message::SyntaxError { .. } = message {
            let span = form.span();
            let start = form.fields().next().map_or_else(
                || form.echo().map_or(span.end, |e| offset_in(input, e)),
                |f| f.offset(),
            );
            let echoed = trim_lf(&input[start.min(span.end)..span.end]);
            message = Message::SyntaxError {
                echoed,
                rejected: form.echo().unwrap_or(&[]),
            };
        }
        out.push(Notice {
            message,
            text,
            offset: offset_in(input, text),
        });
    }
}

pub(crate) fn offset_in(input: &[u8], part: &[u8]) -> usize {
    (part.as_ptr() as usize)
        .wrapping_sub(input.as_ptr() as usize)
        .min(input.len())
}

/// A payload read as forms that is really one of RT's plain-text messages:
/// the message, if the payload has no comments and classifies as a known
/// text. The parser decides text or forms with the same catalogue, so this
/// matters for a response read with `forms_only`, which keeps such a
/// payload as a form (`Invalid query specification: x`).
pub(crate) fn text_notice<'a>(
    input: &'a [u8],
    env: &crate::response::Envelope<'_, 'a>,
) -> Option<Notice<'a>> {
    if env.forms().any(|f| f.comment_block().is_some()) {
        return None;
    }
    let text = trim_lf(env.raw_payload());
    let message = classify_text(text);
    if matches!(message, Message::Other { .. }) || text.is_empty() {
        return None;
    }
    Some(Notice {
        message,
        text,
        offset: offset_in(input, text),
    })
}
