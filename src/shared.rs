//! Owned responses on `bytes::Bytes`: values handed out as `Bytes` slices of
//! the one buffer, without copying.

use alloc::vec::Vec;

use bytes::Bytes;

use crate::error::ParseError;
use crate::form::Value;
use crate::options::ParseOptions;
use crate::response::{Response, Tables, parse_tables};

/// A parsed response that owns its input as a [`Bytes`] buffer.
///
/// [`SharedResponse::response`] gives the borrowed view (the same tables, no
/// re-parse, no copy); [`SharedResponse::slice`] and
/// [`SharedResponse::value`] turn borrowed parts into `Bytes` that share the
/// buffer (`Bytes::slice_ref`), so they can outlive the view.
///
/// ```
/// use bytes::Bytes;
/// let body = Bytes::from_static(b"RT/5.0.3 200 Ok\n\nid: ticket/7\nSubject: hi\n\n");
/// let shared = rt_wire::SharedResponse::parse(body.clone())?;
/// let subject = {
///     let view = shared.response();
///     let form = view.forms().next().unwrap();
///     shared.value(&form.get("Subject").unwrap().value())
/// };
/// assert_eq!(subject, Bytes::from_static(b"hi"));
/// // `subject` points into `body`'s buffer.
/// assert_eq!(subject.as_ptr(), body[body.len() - 4..].as_ptr());
/// # Ok::<(), rt_wire::ParseError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SharedResponse {
    bytes: Bytes,
    tables: Tables,
}

impl SharedResponse {
    /// Parses `bytes` with the default options.
    ///
    /// # Errors
    /// See [`crate::parse_response`].
    pub fn parse(bytes: Bytes) -> Result<Self, ParseError> {
        Self::parse_with(bytes, &ParseOptions::default())
    }

    /// Parses `bytes` with explicit options.
    ///
    /// # Errors
    /// See [`crate::parse_response`].
    pub fn parse_with(bytes: Bytes, options: &ParseOptions) -> Result<Self, ParseError> {
        let tables = parse_tables(&bytes, options)?;
        Ok(SharedResponse { bytes, tables })
    }

    /// Takes over a borrowed response whose input is `bytes`' content.
    ///
    /// # Errors
    /// Returns the response back if its input is not `bytes`' buffer.
    pub fn from_response(bytes: Bytes, response: Response<'_>) -> Result<Self, Response<'_>> {
        if response.input().as_ptr() != bytes.as_ptr() || response.input().len() != bytes.len() {
            return Err(response);
        }
        Ok(SharedResponse {
            bytes,
            tables: response.into_tables(),
        })
    }

    /// The buffer.
    #[must_use]
    pub fn bytes(&self) -> &Bytes {
        &self.bytes
    }

    /// The borrowed view of the parse (no copy, no re-parse).
    #[must_use]
    pub fn response(&self) -> Response<'_> {
        Response::borrowed(&self.bytes, &self.tables)
    }

    /// `part` as `Bytes` sharing this buffer, when `part` lies inside it (any
    /// key, line or value slice of [`SharedResponse::response`] does);
    /// otherwise a copy.
    #[must_use]
    pub fn slice(&self, part: &[u8]) -> Bytes {
        let base = self.bytes.as_ptr() as usize;
        let p = part.as_ptr() as usize;
        if part.is_empty() {
            Bytes::new()
        } else if p >= base && p + part.len() <= base + self.bytes.len() {
            self.bytes.slice(p - base..p - base + part.len())
        } else {
            Bytes::copy_from_slice(part)
        }
    }

    /// A value decoded into `Bytes`: a slice of the buffer when the value needs
    /// no de-indenting, a new buffer otherwise.
    #[must_use]
    pub fn value(&self, value: &Value<'_>) -> Bytes {
        match value.as_bytes() {
            Some(b) => self.slice(b),
            None => {
                let mut v = Vec::with_capacity(value.raw().len() + 1);
                value.decode_into(&mut v);
                Bytes::from(v)
            }
        }
    }
}
