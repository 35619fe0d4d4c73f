//! Request bodies: `application/x-www-form-urlencoded` and
//! `multipart/form-data`.

use alloc::borrow::Cow;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use super::error::EncodeError;
use crate::write::Sink;

/// `Content-Type` of a url-encoded body.
pub const URLENCODED: &str = "application/x-www-form-urlencoded";

/// RT's `user` and `pass` parameters. Their `Debug` output shows
/// neither.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    user: String,
    pass: String,
}

impl Credentials {
    /// User name and password.
    #[must_use]
    pub fn new(user: impl Into<String>, pass: impl Into<String>) -> Self {
        Credentials {
            user: user.into(),
            pass: pass.into(),
        }
    }

    /// The user name.
    #[must_use]
    pub fn user(&self) -> &str {
        &self.user
    }

    /// The password.
    #[must_use]
    pub fn pass(&self) -> &str {
        &self.pass
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Credentials { .. }")
    }
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// Bytes that stay unencoded in a form body or query value: RFC 3986
/// unreserved characters.
fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
}

/// Percent-encodes `bytes` (everything except unreserved characters; space as
/// `%20`, `+` as `%2B`, LF as `%0A`), writing runs of unreserved
/// bytes in one piece.
pub fn percent_encode<S: Sink>(bytes: &[u8], sink: &mut S) {
    percent_encode_except(bytes, sink, |_| false);
}

/// [`percent_encode`] that also keeps the bytes for which `keep` holds.
pub(crate) fn percent_encode_except<S: Sink>(
    bytes: &[u8],
    sink: &mut S,
    keep: impl Fn(u8) -> bool,
) {
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if is_unreserved(b) || keep(b) {
            continue;
        }
        sink.put(&bytes[start..i]);
        sink.put(&[b'%', HEX[usize::from(b >> 4)], HEX[usize::from(b & 15)]]);
        start = i + 1;
    }
    sink.put(&bytes[start..]);
}

/// Length of [`percent_encode`]'s output.
#[must_use]
pub fn percent_encoded_len(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .map(|&b| if is_unreserved(b) { 1 } else { 3 })
        .sum()
}

/// Writes an `application/x-www-form-urlencoded` body: `content=…`, then
/// `user=…&pass=…` if given.
///
/// ```
/// use rt_wire::request::{urlencoded_body, Credentials};
/// let mut body = Vec::new();
/// urlencoded_body(b"Subject: 1+1=2 & more\n", Some(&Credentials::new("me", "s3cret")), &mut body);
/// assert_eq!(body, b"content=Subject%3A%201%2B1%3D2%20%26%20more%0A&user=me&pass=s3cret");
/// ```
pub fn urlencoded_body<S: Sink>(content: &[u8], credentials: Option<&Credentials>, sink: &mut S) {
    sink.put(b"content=");
    percent_encode(content, sink);
    if let Some(c) = credentials {
        sink.put(b"&user=");
        percent_encode(c.user.as_bytes(), sink);
        sink.put(b"&pass=");
        percent_encode(c.pass.as_bytes(), sink);
    }
}

/// Length of [`urlencoded_body`]'s output.
#[must_use]
pub fn urlencoded_len(content: &[u8], credentials: Option<&Credentials>) -> usize {
    8 + percent_encoded_len(content)
        + credentials.map_or(0, |c| {
            6 + percent_encoded_len(c.user.as_bytes()) + 6 + percent_encoded_len(c.pass.as_bytes())
        })
}

/// A file to upload as `attachment_<n>`.
#[derive(Clone, PartialEq, Eq)]
pub struct Attachment<'a> {
    file_name: Cow<'a, str>,
    content_type: Cow<'a, str>,
    bytes: Cow<'a, [u8]>,
}

impl<'a> Attachment<'a> {
    /// A file: its name (as listed in the form's `Attachment:` field, where RT
    /// takes the stored name from), MIME type and raw bytes.
    ///
    /// # Errors
    /// [`EncodeError::ContentType`] if the content type is empty or holds a
    /// line break.
    pub fn new(
        file_name: impl Into<Cow<'a, str>>,
        content_type: impl Into<Cow<'a, str>>,
        bytes: impl Into<Cow<'a, [u8]>>,
    ) -> Result<Self, EncodeError> {
        let content_type = content_type.into();
        if content_type.is_empty() || content_type.contains(['\r', '\n']) {
            return Err(EncodeError::ContentType {
                content_type: content_type.into_owned(),
            });
        }
        Ok(Attachment {
            file_name: file_name.into(),
            content_type,
            bytes: bytes.into(),
        })
    }

    /// The file name.
    #[must_use]
    pub fn file_name(&self) -> &str {
        &self.file_name
    }

    /// The MIME type.
    #[must_use]
    pub fn content_type(&self) -> &str {
        &self.content_type
    }

    /// The bytes.
    #[must_use]
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }
}

impl fmt::Debug for Attachment<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Attachment")
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .field("len", &self.bytes.len())
            .finish()
    }
}

/// A `multipart/form-data` body with its `Content-Type` header value.
#[derive(Clone, PartialEq, Eq)]
pub struct MultipartBody {
    content_type: String,
    boundary_len: usize,
    bytes: Vec<u8>,
}

impl MultipartBody {
    /// The `Content-Type` header value, `multipart/form-data; boundary=…`.
    #[must_use]
    pub fn content_type(&self) -> &str {
        &self.content_type
    }

    /// The boundary.
    #[must_use]
    pub fn boundary(&self) -> &str {
        &self.content_type[self.content_type.len() - self.boundary_len..]
    }

    /// The body.
    #[must_use]
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The body, consumed.
    #[must_use]
    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }
}

impl fmt::Debug for MultipartBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The body may hold credentials: show only its size.
        f.debug_struct("MultipartBody")
            .field("content_type", &self.content_type)
            .field("len", &self.bytes.len())
            .finish()
    }
}

/// A part's header and data, before the boundary is known.
struct Part<'p> {
    header: String,
    data: &'p [u8],
}

/// Writes a file name into a quoted header parameter: `"`, CR and LF are
/// percent-encoded as browsers do. RT does not take the stored name from here
/// but from the form's `Attachment:` list.
fn quoted_file_name(name: &str) -> String {
    let mut s = String::with_capacity(name.len());
    for c in name.chars() {
        match c {
            '"' => s.push_str("%22"),
            '\r' => s.push_str("%0D"),
            '\n' => s.push_str("%0A"),
            _ => s.push(c),
        }
    }
    s
}

/// Builds a `multipart/form-data` body: a `content` part, `user` / `pass`
/// parts if given, and one `attachment_<n>` file part per attachment
/// (1-based, in order).
///
/// The boundary is the first of `rt-wire-<16 hex digits>` (counting up from
/// 0) that occurs in no part. A part of `n` bytes holds at most `n` distinct
/// substrings of the boundary's length, so among `total + 1` candidates one
/// occurs nowhere: the search ends, and the chosen boundary provably does not
/// occur in any part.
///
/// ```
/// use rt_wire::request::{multipart_body, Attachment};
/// let file = Attachment::new("a.txt", "text/plain", &b"hello"[..])?;
/// let body = multipart_body(b"Attachment: a.txt\n", None, &[file]);
/// assert_eq!(body.content_type(), "multipart/form-data; boundary=rt-wire-0000000000000000");
/// let text = String::from_utf8_lossy(body.bytes());
/// assert!(text.contains("name=\"attachment_1\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\nhello\r\n"));
/// assert!(text.ends_with("--rt-wire-0000000000000000--\r\n"));
/// # Ok::<(), rt_wire::request::EncodeError>(())
/// ```
#[must_use]
pub fn multipart_body(
    content: &[u8],
    credentials: Option<&Credentials>,
    attachments: &[Attachment<'_>],
) -> MultipartBody {
    let mut parts: Vec<Part<'_>> = Vec::with_capacity(3 + attachments.len());
    let plain = |name: &str| format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n");
    parts.push(Part {
        header: plain("content"),
        data: content,
    });
    if let Some(c) = credentials {
        parts.push(Part {
            header: plain("user"),
            data: c.user.as_bytes(),
        });
        parts.push(Part {
            header: plain("pass"),
            data: c.pass.as_bytes(),
        });
    }
    for (i, a) in attachments.iter().enumerate() {
        parts.push(Part {
            header: format!(
                "Content-Disposition: form-data; name=\"attachment_{}\"; filename=\"{}\"\r\nContent-Type: {}\r\n\r\n",
                i + 1,
                quoted_file_name(&a.file_name),
                a.content_type
            ),
            data: &a.bytes,
        });
    }
    let boundary = choose_boundary(&parts);
    let mut len = boundary.len() + 6;
    for p in &parts {
        len += boundary.len() + 4 + p.header.len() + p.data.len() + 2;
    }
    let mut bytes = Vec::with_capacity(len);
    for p in &parts {
        bytes.extend_from_slice(b"--");
        bytes.extend_from_slice(boundary.as_bytes());
        bytes.extend_from_slice(b"\r\n");
        bytes.extend_from_slice(p.header.as_bytes());
        bytes.extend_from_slice(p.data);
        bytes.extend_from_slice(b"\r\n");
    }
    bytes.extend_from_slice(b"--");
    bytes.extend_from_slice(boundary.as_bytes());
    bytes.extend_from_slice(b"--\r\n");
    MultipartBody {
        content_type: format!("multipart/form-data; boundary={boundary}"),
        boundary_len: boundary.len(),
        bytes,
    }
}

fn choose_boundary(parts: &[Part<'_>]) -> String {
    let mut k: u64 = 0;
    loop {
        let candidate = format!("rt-wire-{k:016x}");
        let finder = memchr::memmem::Finder::new(candidate.as_bytes());
        let occurs = parts
            .iter()
            .any(|p| finder.find(p.header.as_bytes()).is_some() || finder.find(p.data).is_some());
        if !occurs {
            return candidate;
        }
        k += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_hidden() {
        let c = Credentials::new("root", "hunter2");
        let d = format!("{c:?}");
        assert!(!d.contains("hunter2") && !d.contains("root"), "{d}");
        let body = multipart_body(b"x", Some(&c), &[]);
        let d = format!("{body:?}");
        assert!(!d.contains("hunter2"), "{d}");
    }

    #[test]
    fn boundary_avoids_parts() {
        let mut evil = Vec::new();
        for k in 0..40u64 {
            evil.extend_from_slice(format!("rt-wire-{k:016x}").as_bytes());
        }
        let a = Attachment::new("e.bin", "application/octet-stream", evil.clone()).unwrap();
        let body = multipart_body(&evil, None, &[a]);
        assert_eq!(body.boundary(), "rt-wire-0000000000000028");
        let n = memchr::memmem::find_iter(body.bytes(), body.boundary().as_bytes()).count();
        assert_eq!(n, 3);
    }

    /// A file part names its file in a quoted parameter (`"`, CR and LF
    /// percent-encoded, so a name cannot end the header or add one) and
    /// carries the attachment's content type; every part is framed by the
    /// boundary, the body ends with the closing one.
    #[test]
    fn multipart_parts_and_file_names() {
        let a = Attachment::new("a\"b\r\nc.txt", "text/x-rt; charset=utf-8", &b"one"[..]).unwrap();
        assert_eq!(a.file_name(), "a\"b\r\nc.txt");
        assert_eq!(a.content_type(), "text/x-rt; charset=utf-8");
        assert_eq!(a.bytes(), b"one");
        let b = Attachment::new("d.bin", "application/octet-stream", &b"\x00\xff"[..]).unwrap();
        let c = Credentials::new("me", "pw");
        let body = multipart_body(b"Text: x\n", Some(&c), &[a, b]);
        let want: &[u8] = b"--rt-wire-0000000000000000\r\n\
            Content-Disposition: form-data; name=\"content\"\r\n\r\nText: x\n\r\n\
            --rt-wire-0000000000000000\r\n\
            Content-Disposition: form-data; name=\"user\"\r\n\r\nme\r\n\
            --rt-wire-0000000000000000\r\n\
            Content-Disposition: form-data; name=\"pass\"\r\n\r\npw\r\n\
            --rt-wire-0000000000000000\r\n\
            Content-Disposition: form-data; name=\"attachment_1\"; filename=\"a%22b%0D%0Ac.txt\"\r\n\
            Content-Type: text/x-rt; charset=utf-8\r\n\r\none\r\n\
            --rt-wire-0000000000000000\r\n\
            Content-Disposition: form-data; name=\"attachment_2\"; filename=\"d.bin\"\r\n\
            Content-Type: application/octet-stream\r\n\r\n\x00\xff\r\n\
            --rt-wire-0000000000000000--\r\n";
        assert_eq!(
            String::from_utf8_lossy(body.bytes()),
            String::from_utf8_lossy(want)
        );
        assert_eq!(body.bytes(), want);
        assert_eq!(body.boundary(), "rt-wire-0000000000000000");
        assert_eq!(
            body.content_type(),
            "multipart/form-data; boundary=rt-wire-0000000000000000"
        );
        let bytes = body.into_bytes();
        assert_eq!(bytes, want);
        // Built in one allocation of exactly its size.
        assert_eq!(bytes.capacity(), bytes.len());
    }

    #[test]
    fn urlencoded() {
        let mut out = Vec::new();
        urlencoded_body("ü~ \n".as_bytes(), None, &mut out);
        assert_eq!(out, b"content=%C3%BC~%20%0A");
        assert_eq!(out.len(), urlencoded_len("ü~ \n".as_bytes(), None));
    }
}
