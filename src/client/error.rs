//! [`Error`]: what can go wrong between the client and RT.

use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use bytes::Bytes;

use crate::options::{Framing, ParseOptions};
use crate::response::parse_response_with;
use crate::views::{OwnedServerError, OwnedViewError, Reply, ServerError};

/// How much of a body an error shows.
const SHOWN: usize = 300;

/// An error of the [`Client`](super::Client): `std::error::Error + Send +
/// Sync + 'static`, so `?` converts it into `anyhow::Error` or
/// `Box<dyn Error + Send + Sync>`. Every variant names the URL it concerns.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The client cannot be built: a base URL that is not `http(s)://…`,
    /// a variable of [`Client::from_env`](super::Client::from_env) not set.
    Config(String),
    /// RT refused the credentials, or the session ended: RT answers
    /// `RT/x.y.z 401 Credentials required` under HTTP `200`. The body is
    /// kept; `error` has RT's message (`Your username or password is
    /// incorrect`, or none).
    Unauthorized {
        /// The URL requested.
        url: String,
        /// RT's status and messages.
        error: Box<OwnedServerError>,
        /// RT's answer.
        body: Bytes,
    },
    /// An HTTP status other than `200` (RT answers its own errors under
    /// `200`: this comes from the web server or a proxy in front of RT).
    Http {
        /// The URL requested.
        url: String,
        /// The HTTP status.
        status: u16,
        /// The start of the body, lossily decoded.
        body_start: String,
    },
    /// HTTP `200`, but the body is not empty and has no RT status line
    /// (`RT/x.y.z <code> <reason>`): a proxy's or a login page, or a URL
    /// that is not RT's base. (RT answers the content of an empty
    /// attachment with an empty body, which is no error.)
    NotRt {
        /// The URL requested.
        url: String,
        /// The start of the body, lossily decoded.
        body_start: String,
    },
    /// RT answered, but reported a failure ([`OwnedViewError::Server`],
    /// also under `200 Ok`), or its answer does not read as the
    /// endpoint's view ([`OwnedViewError::Shape`]). The body is kept.
    Rt {
        /// The URL requested.
        url: String,
        /// RT's failure, or the shape error.
        error: Box<OwnedViewError>,
        /// RT's answer.
        body: Bytes,
    },
    /// RT accepted the login but set no session cookie (`RT_SID_…`), so
    /// no later request could be authenticated.
    NoSession {
        /// The URL of the login.
        url: String,
    },
    /// No answer: connection refused, DNS, timeout, TLS, a broken
    /// connection while the body was read.
    Transport {
        /// The URL requested.
        url: String,
        /// What the HTTP library reported.
        source: ureq::Error,
    },
}

impl Error {
    /// The URL the error concerns (empty for [`Error::Config`]).
    #[must_use]
    pub fn url(&self) -> &str {
        match self {
            Error::Config(_) => "",
            Error::Unauthorized { url, .. }
            | Error::Http { url, .. }
            | Error::NotRt { url, .. }
            | Error::NoSession { url }
            | Error::Rt { url, .. }
            | Error::Transport { url, .. } => url,
        }
    }

    /// RT's answer, for the errors that have one ([`Error::Unauthorized`],
    /// [`Error::Rt`]).
    #[must_use]
    pub fn body(&self) -> Option<&Bytes> {
        match self {
            Error::Unauthorized { body, .. } | Error::Rt { body, .. } => Some(body),
            _ => None,
        }
    }

    /// RT's failure, for [`Error::Unauthorized`] and a failure RT reported
    /// ([`Error::Rt`] with [`OwnedViewError::Server`]).
    #[must_use]
    pub fn server_error(&self) -> Option<&OwnedServerError> {
        match self {
            Error::Unauthorized { error, .. } => Some(error),
            Error::Rt { error, .. } => match &**error {
                OwnedViewError::Server(e) => Some(e),
                OwnedViewError::Shape(_) => None,
            },
            _ => None,
        }
    }

    pub(super) fn unauthorized(url: String, body: Bytes) -> Error {
        let opts = ParseOptions::new().framing(Framing::Object);
        let reply = parse_response_with(&body, &opts)
            .map(|r| Reply::from_response(&r))
            .unwrap_or(Reply {
                status: None,
                messages: Vec::new(),
            });
        let error = Box::new(ServerError { reply }.into_owned());
        Error::Unauthorized { url, error, body }
    }
}

/// The first bytes of `body`, lossily decoded.
pub(super) fn start_of(body: &[u8]) -> String {
    let cut = body.len().min(SHOWN);
    let mut s = String::from_utf8_lossy(&body[..cut]).into_owned();
    if cut < body.len() {
        s.push('…');
    }
    s
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Config(what) => write!(f, "RT client: {what}"),
            Error::Unauthorized { url, error, .. } => {
                write!(
                    f,
                    "{url}: RT refused the credentials or the session: {error}"
                )
            }
            Error::Http {
                url,
                status,
                body_start,
            } => write!(f, "{url}: HTTP {status}; the body starts {body_start:?}"),
            Error::NotRt { url, body_start } => write!(
                f,
                "{url}: not an answer of RT (no `RT/x.y.z <code>` status line; is the URL \
                 RT's base URL?); the body starts {body_start:?}"
            ),
            Error::NoSession { url } => {
                write!(f, "{url}: RT accepted the login but set no session cookie")
            }
            Error::Rt { url, error, .. } => write!(f, "{url}: {error}"),
            Error::Transport { url, source } => write!(f, "{url}: {source}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Rt { error, .. } => Some(&**error),
            Error::Unauthorized { error, .. } => Some(&**error),
            Error::Transport { source, .. } => Some(source),
            _ => None,
        }
    }
}
