//! RT's fixed plain-text responses: messages printed without a form.

/// The plain-text payloads RT prints without a form, which would otherwise
/// read as `Key: value` lines.
const PLAIN_MESSAGES: &[&[u8]] = &[
    b"Invalid object ID specified: ",
    b"You may submit only one form to this object.",
    b"No objects specified.",
    b"Invalid field specification: ",
    b"No matching results.",
    b"Unknown listing format: ",
    b"Invalid query: ",
    b"Invalid operator specification: ",
    b"Invalid query specification: ",
    b"Permission denied",
    b"Unsupported object type.",
    b"Your username or password is incorrect",
    b"Cannot modify Queue CF definitions via REST",
    b"Cannot modify Group CF definitions via REST",
];

fn skip_empty_lines(payload: &[u8]) -> &[u8] {
    let start = payload
        .iter()
        .position(|&b| b != b'\n' && b != b'\r')
        .unwrap_or(payload.len());
    &payload[start..]
}

/// Whether a payload is one of RT's plain-text messages (empty lines before
/// it change nothing).
pub(crate) fn is_plain_message(payload: &[u8]) -> bool {
    let payload = skip_empty_lines(payload);
    PLAIN_MESSAGES.iter().any(|m| payload.starts_with(m))
}

/// Whether `partial`, the start of a payload, may still turn out to be one of
/// RT's plain-text messages once more bytes arrive.
pub(crate) fn may_become_plain(partial: &[u8]) -> bool {
    let partial = skip_empty_lines(partial);
    PLAIN_MESSAGES
        .iter()
        .any(|m| partial.len() < m.len() && m.starts_with(partial))
}
