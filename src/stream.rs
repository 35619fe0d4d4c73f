//! A push-style streaming reader (like `httparse` or `csv-core`): feed bytes as
//! they arrive, get one event at a time with the number of bytes it consumed.
//!
//! The reader never buffers: the caller keeps the unconsumed bytes and feeds
//! them again with more appended. Its own memory is the field table of one form,
//! reused from form to form, so streaming a response of any size needs the
//! caller's buffer (one form plus one chunk) and nothing that grows with the
//! response. The reader is the grammar's driver itself: [`crate::parse_response`]
//! runs the same driver over the whole input at its end, so both read every
//! body the same way, production for production.
//!
//! `ReadStream` (feature `std`) runs it on any `std::io::Read`, keeping the
//! buffer for the caller.

use core::ops::Range;

use crate::error::ParseError;
use crate::form::Form;
use crate::grammar::machine::{Machine, Step};
use crate::options::ParseOptions;
use crate::response::Tables;
use crate::status::{StatusLine, status_line};

#[cfg(feature = "std")]
pub use crate::read_stream::{DEFAULT_READ_SIZE, ReadStream};

/// The result of one [`StreamReader::feed`].
#[derive(Clone, Debug)]
pub enum Status<T> {
    /// An event, and how many bytes from the start of the fed buffer it
    /// consumed. Drop those bytes before the next call.
    Complete(T, usize),
    /// More input is needed: feed the same bytes again with more appended
    /// (or with `eof` set).
    Partial,
}

/// One event of a streamed response.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum Event<'r, 'b> {
    /// The status line that starts an envelope.
    Status(StatusLine<'b>),
    /// One complete form.
    Form(Form<'r, 'b>),
    /// A piece of a payload that is not a form set, or of a body that is not
    /// an envelope. Pieces concatenate to the text verbatim.
    Text(&'b [u8]),
    /// A piece of raw attachment content ([`Framing::Content`](crate::Framing::Content)).
    Raw(&'b [u8]),
    /// The input ended; everything was read.
    End,
}

/// The streaming reader; see the module documentation.
///
/// ```
/// use rt_wire::stream::{Event, Status, StreamReader};
/// let body = b"RT/5.0.3 200 Ok\n\nid: ticket/1\nSubject: a\n\n--\n\nid: ticket/2\nSubject: b\n\n";
/// let mut reader = StreamReader::new();
/// let mut buf: Vec<u8> = Vec::new();
/// let mut subjects = Vec::new();
/// for chunk in body.chunks(7) {
///     buf.extend_from_slice(chunk);
///     loop {
///         let eof = false;
///         match reader.feed(&buf, eof)? {
///             Status::Complete(event, used) => {
///                 if let Event::Form(f) = event {
///                     subjects.push(f.get("Subject").unwrap().value().to_string_lossy());
///                 }
///                 buf.drain(..used);
///             }
///             Status::Partial => break,
///         }
///     }
/// }
/// while let Status::Complete(event, used) = reader.feed(&buf, true)? {
///     let end = matches!(event, Event::End);
///     if let Event::Form(f) = &event {
///         subjects.push(f.get("Subject").unwrap().value().to_string_lossy());
///     }
///     buf.drain(..used);
///     if end {
///         break;
///     }
/// }
/// assert_eq!(subjects, ["a", "b"]);
/// # Ok::<(), rt_wire::ParseError>(())
/// ```
#[derive(Debug)]
pub struct StreamReader {
    machine: Machine,
    tables: Tables,
    /// Bytes and lines consumed before the current buffer.
    offset: usize,
    lines: usize,
    /// The buffer's length when a form was last found incomplete (0: none
    /// was). The form is read again only when the bytes that came since may
    /// end it (a line starting with `--` or `RT/`), the buffer has doubled,
    /// or the input ended: a long form costs its own length a bounded number
    /// of times, not once per chunk.
    tried: usize,
}

impl Default for StreamReader {
    fn default() -> Self {
        Self::new()
    }
}

impl StreamReader {
    /// A reader with the default options.
    #[must_use]
    pub fn new() -> Self {
        Self::with_options(ParseOptions::default())
    }

    /// A reader with explicit options ([`Framing`](crate::Framing), limits, CRLF).
    #[must_use]
    pub fn with_options(opts: ParseOptions) -> Self {
        StreamReader {
            machine: Machine::new(opts),
            tables: Tables::empty(opts.framing),
            offset: 0,
            lines: 0,
            tried: 0,
        }
    }

    /// Bytes consumed so far.
    #[must_use]
    pub fn consumed(&self) -> usize {
        self.offset
    }

    fn advance(&mut self, buf: &[u8], n: usize) {
        self.offset += n;
        self.lines += memchr::memchr_iter(b'\n', &buf[..n]).count();
        self.tried = 0;
    }

    /// Whether reading the current form again may give more than last time.
    fn worth_trying(&self, buf: &[u8]) -> bool {
        if self.tried == 0 || !self.machine.in_forms() || buf.len() >= 2 * self.tried {
            return true;
        }
        let Some(new) = buf.get(self.tried.saturating_sub(3)..) else {
            return true;
        };
        memchr::memmem::find(new, b"\n--").is_some()
            || memchr::memmem::find(new, b"\nRT/").is_some()
    }

    /// Reads the next event from `buf`, the bytes not consumed yet. Set `eof`
    /// when no more bytes will come.
    ///
    /// # Errors
    /// The same errors as [`crate::parse_response_with`], with offsets and
    /// lines counted from the start of the stream.
    pub fn feed<'r, 'b>(
        &'r mut self,
        buf: &'b [u8],
        eof: bool,
    ) -> Result<Status<Event<'r, 'b>>, ParseError> {
        match self.step(buf, eof)? {
            None => Ok(Status::Partial),
            Some(ready) => {
                let used = ready.used;
                Ok(Status::Complete(self.event(buf, ready)?, used))
            }
        }
    }

    /// The first half of [`StreamReader::feed`]: reads the next step and
    /// consumes its bytes, holding no borrow of `buf` (`None`: more input
    /// is needed). [`StreamReader::event`] builds the event.
    pub(crate) fn step(&mut self, buf: &[u8], eof: bool) -> Result<Option<Ready>, ParseError> {
        if !eof && !self.worth_trying(buf) {
            return Ok(None);
        }
        self.machine.flush(&mut self.tables);
        let step = self
            .machine
            .step(buf, 0, eof, &mut self.tables)
            .map_err(|e| e.relocate(buf, 0, self.offset, self.lines))?;
        let used = match &step {
            Step::Partial => {
                self.tried = buf.len().max(1);
                return Ok(None);
            }
            Step::End => 0,
            Step::Status { next, .. } | Step::EmptyLine { next } | Step::Form { next, .. } => *next,
            Step::Text { end, .. } | Step::Raw { end } => *end,
        };
        let ready = Ready {
            step,
            used,
            offset: self.offset,
            lines: self.lines,
        };
        if let Step::Status { line, .. } = &ready.step {
            ready.status(buf, line)?;
        }
        self.advance(buf, used);
        Ok(Some(ready))
    }

    /// The second half of [`StreamReader::feed`]: the event of a step that
    /// [`StreamReader::step`] read from the same `buf`.
    pub(crate) fn event<'r, 'b>(
        &'r self,
        buf: &'b [u8],
        ready: Ready,
    ) -> Result<Event<'r, 'b>, ParseError> {
        Ok(match ready.step {
            Step::Status { ref line, .. } => Event::Status(ready.status(buf, line)?),
            Step::Text { end, .. } => Event::Text(&buf[..end]),
            Step::Raw { end } => Event::Raw(&buf[..end]),
            Step::Form { .. } => match self.tables.form(buf, 0) {
                Some(f) => Event::Form(f),
                // An empty payload: no form.
                None => Event::Text(&buf[..0]),
            },
            Step::End => Event::End,
            // The empty line after a status line.
            Step::EmptyLine { .. } | Step::Partial => Event::Text(&buf[..0]),
        })
    }
}

#[cfg(feature = "std")]
impl StreamReader {
    /// Whether the event of `ready` is an empty piece of text (the empty
    /// line after a status line, an empty payload, an empty piece).
    pub(crate) fn is_empty_text(&self, ready: &Ready) -> bool {
        match ready.step {
            Step::EmptyLine { .. } | Step::Partial => true,
            Step::Text { end, .. } | Step::Raw { end } => end == 0,
            Step::Form { .. } => self.tables.forms.is_empty(),
            Step::Status { .. } | Step::End => false,
        }
    }
}

/// A step [`StreamReader::step`] read: what [`StreamReader::event`] needs to
/// build its event.
#[derive(Debug)]
pub(crate) struct Ready {
    step: Step,
    /// Bytes the step consumed.
    pub(crate) used: usize,
    /// Bytes and lines consumed before it.
    offset: usize,
    lines: usize,
}

impl Ready {
    /// The status line at `line`, with its error placed in the stream.
    fn status<'b>(&self, buf: &'b [u8], line: &Range<usize>) -> Result<StatusLine<'b>, ParseError> {
        status_line(buf, line.start, &buf[line.clone()])
            .map_err(|e| e.relocate(buf, 0, self.offset, self.lines))
    }
}
