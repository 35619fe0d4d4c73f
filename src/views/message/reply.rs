//! RT's answer as a whole: [`Status`], [`Reply`] and [`ServerError`].

use alloc::vec::Vec;
use core::fmt;

use crate::response::{BodyKind, Payload, Response};
use crate::status::StatusLine;

use super::{Message, Notice, classify_text, form_notices, offset_in, text_notice, trim_lf};

/// RT's status code, typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub enum Status {
    /// `200 Ok`.
    Ok,
    /// `400 Bad Request` / `400 Bad request`.
    BadRequest,
    /// `401 Credentials required`.
    Unauthorized,
    /// `403 Forbidden` / `403 Permission denied`.
    Forbidden,
    /// `404 Ticket not found` (legacy components).
    NotFound,
    /// `409 Syntax Error`: the form was rejected or partly applied.
    Conflict,
    /// `500 Server Error` / `500 Error`.
    ServerError,
    /// Any other code.
    Other(u16),
}

impl Status {
    /// Classifies a code.
    #[must_use]
    pub fn from_code(code: u16) -> Status {
        match code {
            200 => Status::Ok,
            400 => Status::BadRequest,
            401 => Status::Unauthorized,
            403 => Status::Forbidden,
            404 => Status::NotFound,
            409 => Status::Conflict,
            500 => Status::ServerError,
            c => Status::Other(c),
        }
    }
}

/// Every message of a response: the view for answers to writes (create,
/// edit, comment, merge, take, links), and what every other view reports when
/// RT says no.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reply<'a> {
    /// The status line of the first envelope, if any.
    pub status: Option<StatusLine<'a>>,
    /// The messages in input order.
    pub messages: Vec<Notice<'a>>,
}

impl<'a> Reply<'a> {
    /// Collects the messages of every envelope: comment lines of every form
    /// and plain-text payloads. An empty body has none; a body that is not an
    /// envelope is one [`Message::ErrorText`].
    #[must_use]
    pub fn from_response(response: &Response<'a>) -> Self {
        let input = response.input();
        let mut messages = Vec::new();
        if let Some(text) = response.text() {
            let first = text.split(|&b| b == b'\n').next().unwrap_or(text);
            messages.push(Notice {
                message: Message::ErrorText { first_line: first },
                text: trim_lf(text),
                offset: 0,
            });
        }
        for env in response.envelopes() {
            match env.payload() {
                Payload::Forms(forms) => {
                    if let Some(n) = text_notice(input, &env) {
                        messages.push(n);
                        continue;
                    }
                    for form in forms {
                        form_notices(input, &form, &mut messages);
                    }
                }
                Payload::Text(t) | Payload::Raw(t) => {
                    let text = trim_lf(t);
                    if !text.is_empty() {
                        messages.push(Notice {
                            message: classify_text(text),
                            text,
                            offset: offset_in(input, text),
                        });
                    }
                }
            }
        }
        Reply {
            status: response.status(),
            messages,
        }
    }

    /// The typed status, if the body has a status line.
    #[must_use]
    pub fn status_kind(&self) -> Option<Status> {
        self.status.map(|s| Status::from_code(s.code()))
    }

    /// The first `Created` message's id (`# Ticket 7 created.` → 7).
    #[must_use]
    pub fn created_id(&self) -> Option<u64> {
        self.messages.iter().find_map(|n| match n.message {
            Message::Created { .. } => n.message.id_number(),
            _ => None,
        })
    }

    /// Whether RT reported a failure: a code other than 200, a failure
    /// message under `200 Ok`, or error text instead of an envelope.
    #[must_use]
    pub fn is_failure(&self) -> bool {
        self.status.is_some_and(|s| s.code() != 200)
            || self.messages.iter().any(|n| n.message.is_failure())
    }

    /// `Ok(self)` unless [`Reply::is_failure`]; then the typed error.
    ///
    /// # Errors
    /// The [`ServerError`] with the status and every message.
    pub fn check(self) -> Result<Self, ServerError<'a>> {
        if self.is_failure() {
            Err(ServerError { reply: self })
        } else {
            Ok(self)
        }
    }
}

/// RT said no: a status code other than 200, a failure RT reported under
/// `200 Ok`, or error text instead of an envelope.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServerError<'a> {
    /// The status and the messages.
    pub reply: Reply<'a>,
}

impl ServerError<'_> {
    /// RT's code, if the body had a status line.
    #[must_use]
    pub fn code(&self) -> Option<u16> {
        self.reply.status.map(|s| s.code())
    }

    /// The typed status, if the body had a status line.
    #[must_use]
    pub fn status(&self) -> Option<Status> {
        self.reply.status_kind()
    }

    /// The first failure message, or else the first message.
    #[must_use]
    pub fn message(&self) -> Option<&Notice<'_>> {
        self.reply
            .messages
            .iter()
            .find(|n| n.message.is_failure())
            .or_else(|| self.reply.messages.first())
    }
}

impl fmt::Display for ServerError<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.reply.status {
            Some(s) => write!(f, "RT answered {} {}", s.code(), s.reason())?,
            None => f.write_str("RT answered without a status line")?,
        }
        if let Some(n) = self.message() {
            let text = n.text.split(|&b| b == b'\n').next().unwrap_or(n.text);
            write!(f, ": {}", alloc::string::String::from_utf8_lossy(text))?;
        }
        Ok(())
    }
}

impl core::error::Error for ServerError<'_> {}

/// Whether the body is one RT sends when it refuses: used by the views.
pub(crate) fn refusal<'a>(response: &Response<'a>) -> Option<ServerError<'a>> {
    if response.kind() == BodyKind::Text {
        return Some(ServerError {
            reply: Reply::from_response(response),
        });
    }
    let status = response.status()?;
    if status.code() != 200 {
        return Some(ServerError {
            reply: Reply::from_response(response),
        });
    }
    None
}
