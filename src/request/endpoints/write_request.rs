//! The request a builder produces, its POST body, and `logout`.

use alloc::string::String;
use alloc::vec::Vec;

use super::super::body::{
    Attachment, Credentials, MultipartBody, URLENCODED, multipart_body, percent_encode_except,
    urlencoded_body,
};

/// A write request: the path below `/REST/1.0/`, the `content` text and the
/// files to upload. Send it with POST and the body of [`WriteRequest::body`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WriteRequest<'a> {
    pub(super) path: String,
    pub(super) content: Vec<u8>,
    pub(super) attachments: Vec<Attachment<'a>>,
}

/// A request body and its `Content-Type` header value.
#[derive(Clone, PartialEq, Eq)]
pub struct Body {
    /// The `Content-Type` header value.
    pub content_type: String,
    /// The body.
    pub bytes: Vec<u8>,
}

impl core::fmt::Debug for Body {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        // The body may hold credentials: show only its size.
        f.debug_struct("Body")
            .field("content_type", &self.content_type)
            .field("len", &self.bytes.len())
            .finish()
    }
}

impl<'a> WriteRequest<'a> {
    /// The path below `/REST/1.0/`.
    #[must_use]
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The `content` text (empty for endpoints that take none).
    #[must_use]
    pub fn content(&self) -> &[u8] {
        &self.content
    }

    /// The files, uploaded as `attachment_1..N`.
    #[must_use]
    pub fn attachments(&self) -> &[Attachment<'a>] {
        &self.attachments
    }

    /// A url-encoded body (files are not sent this way; see [`WriteRequest::body`]).
    #[must_use]
    pub fn urlencoded(&self, credentials: Option<&Credentials>) -> Vec<u8> {
        let mut out = Vec::new();
        if self.content.is_empty() {
            if let Some(c) = credentials {
                out.extend_from_slice(b"user=");
                percent_encode_except(c.user().as_bytes(), &mut out, |_| false);
                out.extend_from_slice(b"&pass=");
                percent_encode_except(c.pass().as_bytes(), &mut out, |_| false);
            }
        } else {
            urlencoded_body(&self.content, credentials, &mut out);
        }
        out
    }

    /// A multipart body with the `content` part and every file.
    #[must_use]
    pub fn multipart(&self, credentials: Option<&Credentials>) -> MultipartBody {
        multipart_body(&self.content, credentials, &self.attachments)
    }

    /// The body to POST: multipart when there are files, url-encoded otherwise.
    #[must_use]
    pub fn body(&self, credentials: Option<&Credentials>) -> Body {
        if self.attachments.is_empty() {
            Body {
                content_type: String::from(URLENCODED),
                bytes: self.urlencoded(credentials),
            }
        } else {
            let m = self.multipart(credentials);
            Body {
                content_type: String::from(m.content_type()),
                bytes: m.into_bytes(),
            }
        }
    }
}

/// `logout`: ends the session.
///
/// ```
/// assert_eq!(rt_wire::request::logout().path(), "logout");
/// ```
#[must_use]
pub fn logout() -> WriteRequest<'static> {
    WriteRequest {
        path: String::from("logout"),
        content: Vec::new(),
        attachments: Vec::new(),
    }
}
