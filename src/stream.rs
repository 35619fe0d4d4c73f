//! A push-style streaming reader (like `httparse` or `csv-core`): feed bytes as
//! they arrive, get one event at a time with the number of bytes it consumed.
//!
//! The reader never buffers: the caller keeps the unconsumed bytes and feeds
//! them again with more appended. Its own memory is the field table of one form,
//! reused from form to form, so streaming a response of any size needs the
//! caller's buffer (one form plus one chunk) and nothing that grows with the
//! response. Forms are parsed by the same code as [`crate::parse_response`];
//! only the framing is found first (`"\n--\n"`, a status line after an empty
//! line, or the end of the input).

use crate::error::{ErrorKind, LimitKind, ParseError};
use crate::form::Form;
use crate::options::{Framing, ParseOptions};
use crate::response::{
    Tables, find_envelope, is_plain_payload, may_become_plain, parse_form_window,
};
use crate::status::{StatusLine, status_line};

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
    /// A piece of raw attachment content ([`Framing::Content`]).
    Raw(&'b [u8]),
    /// The input ended; everything was read.
    End,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    Start,
    TextBody,
    StatusLine,
    AfterStatus,
    Payload { first: bool },
    TextPayload { at_start: bool },
    Raw,
    Done,
}

/// What one step decided, before any borrow of the tables is handed out.
enum Outcome {
    Partial,
    Status(usize, usize),
    Form(usize),
    Text(usize, usize),
    Raw(usize, usize),
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
    opts: ParseOptions,
    state: State,
    /// After a `--` separator: one empty line still belongs to it.
    skip_blank: bool,
    tables: Tables,
    /// Bytes and lines consumed before the current buffer.
    offset: usize,
    lines: usize,
    forms: usize,
    fields: usize,
    envelopes: usize,
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

    /// A reader with explicit options ([`Framing`], limits, CRLF).
    #[must_use]
    pub fn with_options(opts: ParseOptions) -> Self {
        StreamReader {
            opts,
            state: State::Start,
            skip_blank: false,
            tables: Tables::empty(opts.framing),
            offset: 0,
            lines: 0,
            forms: 0,
            fields: 0,
            envelopes: 0,
        }
    }

    /// Bytes consumed so far.
    #[must_use]
    pub fn consumed(&self) -> usize {
        self.offset
    }

    fn err(&self, buf: &[u8], at: usize, kind: ErrorKind) -> ParseError {
        ParseError::at(&[], 0, kind).relocate(buf, at, self.offset, self.lines)
    }

    fn advance(&mut self, buf: &[u8], n: usize) {
        self.offset += n;
        self.lines += memchr::memchr_iter(b'\n', &buf[..n]).count();
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
        let outcome = self.step(buf, eof)?;
        Ok(match outcome {
            Outcome::Partial => Status::Partial,
            Outcome::End => Status::Complete(Event::End, 0),
            Outcome::Status(len, used) => {
                let s = status_line(buf, 0, &buf[..len])
                    .map_err(|e| e.relocate(buf, 0, self.offset - used, self.lines))?;
                Status::Complete(Event::Status(s), used)
            }
            Outcome::Text(n, used) => Status::Complete(Event::Text(&buf[..n]), used),
            Outcome::Raw(n, used) => Status::Complete(Event::Raw(&buf[..n]), used),
            Outcome::Form(used) => match self.tables.form(buf, 0) {
                Some(f) => Status::Complete(Event::Form(f), used),
                None => Status::Partial,
            },
        })
    }

    /// Decides the next event. Consumption is accounted here; the event itself
    /// is built by `feed` from `buf` and the tables.
    #[allow(clippy::too_many_lines)]
    fn step(&mut self, buf: &[u8], eof: bool) -> Result<Outcome, ParseError> {
        let mut pos = 0usize;
        loop {
            let rest = &buf[pos..];
            match self.state {
                State::Done => {
                    self.advance(buf, pos);
                    return Ok(if pos > 0 {
                        Outcome::Text(0, pos)
                    } else {
                        Outcome::End
                    });
                }
                State::Start => {
                    if rest.is_empty() && eof {
                        self.state = State::Done;
                        continue;
                    }
                    let n = rest.len().min(3);
                    if rest[..n] != b"RT/"[..n] {
                        self.state = State::TextBody;
                    } else if n == 3 {
                        self.state = State::StatusLine;
                    } else if eof {
                        self.state = State::TextBody;
                    } else {
                        return Ok(Outcome::Partial);
                    }
                }
                State::TextBody | State::Raw => {
                    if rest.is_empty() {
                        if eof {
                            self.state = State::Done;
                            continue;
                        }
                        return Ok(Outcome::Partial);
                    }
                    let n = rest.len();
                    self.advance(buf, pos + n);
                    let text = self.state == State::TextBody;
                    // Events hand out `buf[..n]`; report the piece from `pos`.
                    return Ok(if pos == 0 {
                        if text {
                            Outcome::Text(n, n)
                        } else {
                            Outcome::Raw(n, n)
                        }
                    } else {
                        // Only reached after skipping nothing; kept total.
                        Outcome::Text(0, pos)
                    });
                }
                State::StatusLine => {
                    if pos > 0 {
                        self.advance(buf, pos);
                        return Ok(Outcome::Text(0, pos));
                    }
                    if self.envelopes >= self.opts.limits.max_envelopes {
                        return Err(self.err(buf, 0, ErrorKind::Limit(LimitKind::Envelopes)));
                    }
                    let Some(lf) = memchr::memchr(b'\n', rest) else {
                        if rest.len() > self.opts.limits.max_line_len {
                            return Err(self.err(
                                buf,
                                self.opts.limits.max_line_len,
                                ErrorKind::Limit(LimitKind::LineLength),
                            ));
                        }
                        if !eof {
                            return Ok(Outcome::Partial);
                        }
                        // A status line at the very end, without LF.
                        let line = rest;
                        status_line(buf, 0, line)
                            .map_err(|e| e.relocate(buf, 0, self.offset, self.lines))?;
                        self.envelopes += 1;
                        self.advance(buf, rest.len());
                        self.state = State::Done;
                        return Ok(Outcome::Status(line.len(), rest.len()));
                    };
                    if lf > self.opts.limits.max_line_len {
                        return Err(self.err(
                            buf,
                            self.opts.limits.max_line_len,
                            ErrorKind::Limit(LimitKind::LineLength),
                        ));
                    }
                    let mut len = lf;
                    if self.opts.allow_crlf && len > 0 && rest[len - 1] == b'\r' {
                        len -= 1;
                    }
                    status_line(buf, 0, &rest[..len])
                        .map_err(|e| e.relocate(buf, 0, self.offset, self.lines))?;
                    self.envelopes += 1;
                    self.advance(buf, lf + 1);
                    self.state = State::AfterStatus;
                    return Ok(Outcome::Status(len, lf + 1));
                }
                State::AfterStatus => {
                    if rest.is_empty() {
                        if eof {
                            self.state = State::Done;
                            continue;
                        }
                        return Ok(Outcome::Partial);
                    }
                    let blank = if rest[0] == b'\n' {
                        1
                    } else if self.opts.allow_crlf && rest.starts_with(b"\r\n") {
                        2
                    } else if self.opts.allow_crlf && rest == b"\r" && !eof {
                        return Ok(Outcome::Partial);
                    } else {
                        return Err(self.err(buf, pos, ErrorKind::EmptyLine));
                    };
                    pos += blank;
                    self.skip_blank = false;
                    self.state = if self.opts.framing == Framing::Content {
                        State::Raw
                    } else {
                        State::Payload { first: true }
                    };
                    // Raw content is handed out from the start of a buffer.
                    if self.state == State::Raw {
                        self.advance(buf, pos);
                        return Ok(Outcome::Text(0, pos));
                    }
                }
                State::Payload { first } => {
                    if self.skip_blank {
                        if rest.is_empty() && !eof {
                            return Ok(Outcome::Partial);
                        }
                        if rest.first() == Some(&b'\n') {
                            pos += 1;
                        } else if self.opts.allow_crlf && rest.starts_with(b"\r\n") {
                            pos += 2;
                        } else if self.opts.allow_crlf && rest == b"\r" && !eof {
                            return Ok(Outcome::Partial);
                        }
                        self.skip_blank = false;
                        continue;
                    }
                    if pos > 0 {
                        // Forms are handed out from the start of a buffer.
                        self.advance(buf, pos);
                        return Ok(Outcome::Text(0, pos));
                    }
                    if first && !self.opts.forms_only {
                        if !eof && may_become_plain(rest) {
                            return Ok(Outcome::Partial);
                        }
                        if is_plain_payload(rest, Framing::Object) {
                            self.state = State::TextPayload { at_start: true };
                            continue;
                        }
                    }
                    let (end, is_sep) = self.form_end(rest, first, eof);
                    let end = match end {
                        Some(e) => e,
                        None if eof => rest.len(),
                        None => {
                            if rest.len() > self.opts.limits.max_line_len
                                && memchr::memchr(b'\n', rest).is_none()
                            {
                                return Err(self.err(
                                    buf,
                                    self.opts.limits.max_line_len,
                                    ErrorKind::Limit(LimitKind::LineLength),
                                ));
                            }
                            return Ok(Outcome::Partial);
                        }
                    };
                    let window = &rest[..end];
                    if first && !self.opts.forms_only && is_plain_payload(window, self.opts.framing)
                    {
                        // A search's empty listing: only LFs.
                        self.state = State::TextPayload { at_start: true };
                        continue;
                    }
                    // A window that ends at a separator leaves the form after
                    // it to the next window; a window that ends the payload
                    // (at the next envelope or the end of the input) closes it.
                    let last = !is_sep;
                    let stop = match parse_form_window(
                        window,
                        &self.opts,
                        &mut self.tables,
                        first,
                        last,
                    ) {
                        Ok((stop, _)) => stop,
                        Err(e)
                            if first
                                && !self.opts.forms_only
                                && !matches!(e.kind(), ErrorKind::Limit(_)) =>
                        {
                            self.state = State::TextPayload { at_start: true };
                            continue;
                        }
                        Err(e) => return Err(e.relocate(buf, 0, self.offset, self.lines)),
                    };
                    // The form set stops early only at the next envelope.
                    let (end, is_sep) = if stop < window.len() {
                        (stop, false)
                    } else {
                        (end, is_sep)
                    };
                    let n_forms = self.tables.forms.len();
                    let n_fields = self.tables.fields.len();
                    if self.forms + n_forms > self.opts.limits.max_forms {
                        return Err(self.err(buf, 0, ErrorKind::Limit(LimitKind::Forms)));
                    }
                    if self.fields + n_fields > self.opts.limits.max_fields {
                        return Err(self.err(buf, 0, ErrorKind::Limit(LimitKind::Fields)));
                    }
                    self.forms += n_forms;
                    self.fields += n_fields;
                    self.advance(buf, end);
                    self.skip_blank = is_sep;
                    if end == rest.len() && !is_sep && eof {
                        self.state = State::Done;
                    } else if !is_sep {
                        self.state = State::StatusLine;
                    } else {
                        self.state = State::Payload { first: false };
                    }
                    if n_forms == 0 {
                        return Ok(Outcome::Text(0, end));
                    }
                    return Ok(Outcome::Form(end));
                }
                State::TextPayload { at_start } => {
                    let crlf = self.opts.allow_crlf;
                    // A held-back empty line at the start: a status line may
                    // follow it directly.
                    let blank = if rest.first() == Some(&b'\n') {
                        1
                    } else if crlf && rest.starts_with(b"\r\n") {
                        2
                    } else {
                        0
                    };
                    let (cand, _) = if blank > 0 {
                        find_envelope(rest, blank, true, crlf, eof)
                    } else {
                        find_envelope(rest, 0, at_start, crlf, eof)
                    };
                    if let Some(c) = cand {
                        self.advance(buf, pos + c);
                        self.state = State::StatusLine;
                        return Ok(if pos == 0 {
                            Outcome::Text(c, c)
                        } else {
                            Outcome::Text(0, pos + c)
                        });
                    }
                    if eof {
                        self.advance(buf, pos + rest.len());
                        self.state = State::Done;
                        return Ok(Outcome::Text(rest.len(), rest.len()));
                    }
                    // Whole lines only; keep a final empty line back (a status
                    // line may follow it) for the next call.
                    let mut n = memchr::memrchr(b'\n', rest).map_or(0, |p| p + 1);
                    if n > 0 {
                        let prev = memchr::memrchr(b'\n', &rest[..n - 1]).map_or(0, |p| p + 1);
                        let line = &rest[prev..n - 1];
                        if line.is_empty() || (crlf && line == b"\r") {
                            n = prev;
                        }
                    }
                    if n == 0 {
                        return Ok(Outcome::Partial);
                    }
                    self.advance(buf, n);
                    self.state = State::TextPayload { at_start: false };
                    return Ok(Outcome::Text(n, n));
                }
            }
        }
    }

    /// Where the next form ends in `rest`: after its `--` separator line
    /// (`is_sep`), or at the start of the next envelope; `None` when neither
    /// is in `rest` yet.
    fn form_end(&self, rest: &[u8], at_start: bool, eof: bool) -> (Option<usize>, bool) {
        let crlf = self.opts.allow_crlf;
        let sep = {
            let mut best: Option<(usize, usize)> = None;
            if rest.starts_with(b"--\n") {
                best = Some((0, 3));
            } else if crlf && rest.starts_with(b"--\r\n") {
                best = Some((0, 4));
            }
            if best.is_none() {
                if let Some(p) = memchr::memmem::find(rest, b"\n--\n") {
                    best = Some((p + 1, p + 4));
                }
                if crlf {
                    if let Some(p) = memchr::memmem::find(rest, b"\n--\r\n") {
                        if best.is_none_or(|(s, _)| p + 1 < s) {
                            best = Some((p + 1, p + 5));
                        }
                    }
                }
            }
            best
        };
        // An envelope can only end the form before its separator: search no
        // further, so that each form costs its own length, not the buffer's.
        let scope = match sep {
            Some((s, _)) => &rest[..s],
            None => rest,
        };
        let (env, _) = find_envelope(scope, 0, at_start, crlf, eof && sep.is_none());
        match (sep, env) {
            (Some((s, e)), Some(v)) if s < v => (Some(e), true),
            (_, Some(v)) => (Some(v), false),
            (Some((_, e)), None) => (Some(e), true),
            (None, None) => {
                // At the end of the input a last line `--` needs no LF to be
                // a separator.
                let last = memchr::memrchr(b'\n', rest).map_or(0, |p| p + 1);
                let line = &rest[last..];
                let line = if crlf {
                    line.strip_suffix(b"\r").unwrap_or(line)
                } else {
                    line
                };
                if eof && line == b"--" {
                    (Some(rest.len()), true)
                } else {
                    (None, false)
                }
            }
        }
    }
}
