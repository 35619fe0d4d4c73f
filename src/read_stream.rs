//! [`ReadStream`]: the streaming reader on any [`std::io::Read`].

use alloc::vec::Vec;
use std::io::{self, Read};

use crate::error::ParseError;
use crate::options::ParseOptions;
use crate::stream::{Event, StreamReader};

/// The default size of one read: 64 KiB.
pub const DEFAULT_READ_SIZE: usize = 64 * 1024;

/// Reads a response from any [`Read`] (a file, a socket, an HTTP body) in
/// bounded memory and hands out its events one at a time: the status line
/// of each envelope, each form, pieces of text and of raw content.
///
/// **Memory**: the buffer holds the event being read (the unfinished form)
/// and one read: bytes of events already handed out are dropped before the
/// next read. Its size stays below `2 × (longest form + read size)`, whatever
/// the length of the response ([`ReadStream::buffer_capacity`]); the
/// reader's own tables hold the fields of one form. [`crate::Limits`] bound
/// the length of a form, so a hostile body is an error, not an
/// out-of-memory.
///
/// **Errors** are [`io::Error`]s: those of the reader, and parse errors as
/// [`io::ErrorKind::InvalidData`] with the [`ParseError`] (offset, line,
/// column counted from the start of the body) inside: see
/// [`ReadStream::parse_error`].
///
/// ```
/// use rt_wire::stream::{Event, ReadStream};
/// let body: &[u8] = b"RT/5.0.3 200 Ok\n\nid: ticket/1\nSubject: a\n\n--\n\nid: ticket/2\nSubject: b\n\n";
/// let mut events = ReadStream::new(body); // any `impl Read`
/// let mut subjects = Vec::new();
/// while let Some(event) = events.next_event()? {
///     match event {
///         Event::Status(s) => assert_eq!(s.code(), 200),
///         Event::Form(f) => subjects.push(f.get("Subject").unwrap().value().to_string_lossy()),
///         _ => {}
///     }
/// }
/// assert_eq!(subjects, ["a", "b"]);
///
/// // A parse error inside the `io::Error` (`forms_only`: the payload must
/// // be a form set).
/// let opts = rt_wire::ParseOptions::new().forms_only(true);
/// let mut events = ReadStream::with_options(&b"RT/5.0.3 200 Ok\n\nid: 1\nno colon\n\n"[..], opts);
/// let e = loop {
///     match events.next_event() {
///         Ok(Some(_)) => {}
///         Ok(None) => panic!("no error"),
///         Err(e) => break e,
///     }
/// };
/// assert_eq!(ReadStream::<&[u8]>::parse_error(&e).unwrap().line(), 4);
/// # Ok::<(), std::io::Error>(())
/// ```
#[derive(Debug)]
pub struct ReadStream<R> {
    reader: R,
    stream: StreamReader,
    /// `buf[start..end]`: read and not consumed yet; `buf.len()` is what
    /// was allocated and zeroed.
    buf: Vec<u8>,
    start: usize,
    end: usize,
    read_size: usize,
    eof: bool,
    done: bool,
}

impl<R: Read> ReadStream<R> {
    /// A stream with the default options.
    pub fn new(reader: R) -> Self {
        Self::with_options(reader, ParseOptions::default())
    }

    /// A stream with explicit options ([`crate::Framing`], limits, CRLF).
    pub fn with_options(reader: R, options: ParseOptions) -> Self {
        ReadStream {
            reader,
            stream: StreamReader::with_options(options),
            buf: Vec::new(),
            start: 0,
            end: 0,
            read_size: DEFAULT_READ_SIZE,
            eof: false,
            done: false,
        }
    }

    /// Sets the size of one read (default [`DEFAULT_READ_SIZE`], at least 1).
    #[must_use]
    pub fn read_size(mut self, bytes: usize) -> Self {
        self.read_size = bytes.max(1);
        self
    }

    /// The next event, or `None` once the body has been read to its end.
    /// Empty pieces of text are skipped.
    ///
    /// # Errors
    /// The reader's errors, and parse errors ([`ReadStream::parse_error`]).
    /// After an error the stream ends.
    pub fn next_event(&mut self) -> io::Result<Option<Event<'_, '_>>> {
        if self.done {
            return Ok(None);
        }
        let ready = loop {
            match self.stream.step(&self.buf[self.start..self.end], self.eof) {
                // Nothing to hand out (the empty line after a status line,
                // the empty end of a text payload).
                Ok(Some(ready)) if self.stream.is_empty_text(&ready) => {
                    self.start += ready.used;
                }
                Ok(Some(ready)) => break ready,
                Ok(None) => self.fill()?,
                Err(e) => {
                    self.done = true;
                    return Err(into_io(e));
                }
            }
        };
        let buf = &self.buf[self.start..self.end];
        self.start += ready.used;
        match self.stream.event(buf, ready) {
            Ok(Event::End) => {
                self.done = true;
                Ok(None)
            }
            Ok(event) => Ok(Some(event)),
            Err(e) => {
                self.done = true;
                Err(into_io(e))
            }
        }
    }

    /// Reads once more into the buffer, after dropping the bytes consumed.
    fn fill(&mut self) -> io::Result<()> {
        if self.eof {
            self.done = true;
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "the stream reader wants more input after the end",
            ));
        }
        if self.start > 0 {
            self.buf.copy_within(self.start..self.end, 0);
            self.end -= self.start;
            self.start = 0;
        }
        // Room for one read; `Vec` grows its allocation geometrically.
        self.buf
            .resize(self.buf.len().max(self.end + self.read_size), 0);
        let space = &mut self.buf[self.end..self.end + self.read_size];
        loop {
            match self.reader.read(space) {
                Ok(0) => self.eof = true,
                Ok(n) => self.end += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    self.done = true;
                    return Err(e);
                }
            }
            return Ok(());
        }
    }
}

impl<R> ReadStream<R> {
    /// The parse error inside an error of [`ReadStream::next_event`], if it
    /// is one.
    #[must_use]
    pub fn parse_error(error: &io::Error) -> Option<&ParseError> {
        error.get_ref()?.downcast_ref::<ParseError>()
    }

    /// Bytes of the body consumed so far.
    #[must_use]
    pub fn consumed(&self) -> usize {
        self.stream.consumed()
    }

    /// The size of the buffer: see the memory bound in the type's
    /// documentation.
    #[must_use]
    pub fn buffer_capacity(&self) -> usize {
        self.buf.capacity()
    }

    /// Gives back the reader.
    pub fn into_inner(self) -> R {
        self.reader
    }
}

fn into_io(e: ParseError) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, e)
}

#[cfg(test)]
mod tests {
    use alloc::format;
    use alloc::string::{String, ToString};
    use alloc::vec::Vec;
    use std::io::{self, Read};

    use super::ReadStream;
    use crate::stream::Event;
    use crate::{Framing, ParseOptions, parse_response_with};

    /// A reader that hands out pieces of the sizes `sizes` gives.
    struct Chunked<'a, F> {
        data: &'a [u8],
        sizes: F,
    }

    impl<F: FnMut() -> usize> Read for Chunked<'_, F> {
        fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
            let n = (self.sizes)().max(1).min(out.len()).min(self.data.len());
            out[..n].copy_from_slice(&self.data[..n]);
            self.data = &self.data[n..];
            Ok(n)
        }
    }

    /// A deterministic generator of sizes from 1 to `max`.
    fn random(max: usize, mut seed: u64) -> impl FnMut() -> usize {
        move || {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            usize::try_from(seed >> 33).unwrap() % max + 1
        }
    }

    /// Every event, as text: `S <status>`, `F key=value;…`, `T <text>`.
    fn events<R: Read>(mut s: ReadStream<R>) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        while let Some(event) = s.next_event().unwrap() {
            let line = match event {
                Event::Status(st) => format!("S {} {}", st.version(), st.code()),
                Event::Form(f) => {
                    let mut line = String::from("F ");
                    for c in f.comments() {
                        line.push_str(&format!("{};", String::from_utf8_lossy(c)));
                    }
                    for x in f.fields() {
                        let v = x.value().to_bytes();
                        let k = String::from_utf8_lossy(x.key());
                        line.push_str(&format!("{k}={};", String::from_utf8_lossy(&v)));
                    }
                    line
                }
                Event::Text(t) | Event::Raw(t) => format!("T {}", String::from_utf8_lossy(t)),
                Event::End => unreachable!("the end is `None`"),
            };
            // Pieces of text concatenate.
            match (out.last_mut(), line.strip_prefix("T ")) {
                (Some(last), Some(t)) if last.starts_with("T ") => last.push_str(t),
                _ => out.push(line),
            }
        }
        out
    }

    /// The one-shot parse of `body`, as [`events`] prints it.
    fn one_shot(body: &[u8]) -> Vec<String> {
        let whole = ReadStream::new(body).read_size(body.len() + 1);
        let got = events(whole);
        let r = parse_response_with(body, &ParseOptions::new().framing(Framing::Object)).unwrap();
        let forms = got.iter().filter(|l| l.starts_with("F ")).count();
        assert_eq!(forms, r.forms().count());
        got
    }

    const BODY: &[u8] = b"RT/5.0.3 200 Ok\n\n# 2/2 (id/101/total)\n\nid: 101\nTicket: 7\n\
        Content: line one\n         indented\n         --\n         RT/1.2 3 x\n\n--\n\n\
        # 2/2 (id/102/total)\n\nid: 102\nTicket: 7\nContent: two\n\n";

    #[test]
    fn one_byte_and_random_reads_give_the_one_shot_events() {
        let want = one_shot(BODY);
        assert_eq!(want.len(), 3, "{want:?}");
        let ones = Chunked {
            data: BODY,
            sizes: || 1,
        };
        assert_eq!(events(ReadStream::new(ones).read_size(1)), want);
        for seed in 0..50 {
            let r = Chunked {
                data: BODY,
                sizes: random(40, seed),
            };
            assert_eq!(
                events(ReadStream::new(r).read_size(16)),
                want,
                "seed {seed}"
            );
            let r = Chunked {
                data: BODY,
                sizes: random(7, seed),
            };
            assert_eq!(events(ReadStream::new(r)), want, "seed {seed}");
        }
    }

    #[test]
    fn text_and_several_envelopes() {
        for body in [
            &b"RT/5.0.3 200 Ok\n\nNo matching results.\n\n"[..],
            b"RT/5.0.3 200 Ok\n\nid: ticket/1\n\nRT/5.0.3 200 Ok\n\nid: ticket/2\n\n",
            b"not RT at all\n",
            b"",
        ] {
            let want = one_shot(body);
            for seed in 0..20 {
                let r = Chunked {
                    data: body,
                    sizes: random(5, seed),
                };
                assert_eq!(events(ReadStream::new(r).read_size(3)), want);
            }
        }
    }

    #[test]
    fn memory_stays_bounded_on_many_forms() {
        let mut body = Vec::from(&b"RT/5.0.3 200 Ok\n\n"[..]);
        let forms = 20_000;
        for i in 0..forms {
            if i > 0 {
                body.extend_from_slice(b"\n--\n\n");
            }
            body.extend_from_slice(format!("id: ticket/{i}\nSubject: subject {i}\n").as_bytes());
            body.extend_from_slice(b"Text: a longer value\n      over two lines\n");
        }
        body.extend_from_slice(b"\n");
        let read = 4096;
        let mut s = ReadStream::new(Chunked {
            data: &body,
            sizes: random(read, 9),
        })
        .read_size(read);
        let (mut seen, mut largest) = (0, 0);
        while let Some(event) = s.next_event().unwrap() {
            if let Event::Form(_) = event {
                seen += 1;
            }
            largest = largest.max(s.buffer_capacity());
        }
        assert_eq!(seen, forms);
        assert!(body.len() > 50 * read);
        // Two reads and a form, whatever the number of forms; at least a read.
        assert!(largest <= 2 * (read + 200), "{largest}");
        assert!(largest >= read, "{largest}");
        assert_eq!(s.consumed(), body.len());
    }

    #[test]
    fn parse_errors_come_inside_io_errors() {
        let body = b"RT/5.0.3 200 Ok\n\nid: 1\nKey: v\nno colon here\n\n";
        let r = Chunked {
            data: body,
            sizes: || 2,
        };
        let opts = ParseOptions::new().forms_only(true);
        let mut s = ReadStream::with_options(r, opts).read_size(2);
        let e = loop {
            match s.next_event() {
                Ok(Some(_)) => {}
                Ok(None) => panic!("no error"),
                Err(e) => break e,
            }
        };
        assert_eq!(e.kind(), io::ErrorKind::InvalidData);
        let one_shot = parse_response_with(body, &opts).unwrap_err();
        let inner = ReadStream::<&[u8]>::parse_error(&e).unwrap();
        assert_eq!(
            (inner.offset(), inner.line(), inner.column()),
            (one_shot.offset(), one_shot.line(), one_shot.column())
        );
        // The stream ends after an error.
        assert!(s.next_event().unwrap().is_none());
    }

    /// Every event of `body` read `size` bytes at a time; `(event, text)`
    /// with the event's kind (`S`, `F`, `T`).
    fn kinds(body: &[u8], size: usize) -> Vec<(char, usize)> {
        let mut s = ReadStream::new(body).read_size(size);
        let mut out = Vec::new();
        while let Some(event) = s.next_event().unwrap() {
            out.push(match event {
                Event::Status(_) => ('S', 0),
                Event::Form(f) => ('F', f.fields().count()),
                Event::Text(t) | Event::Raw(t) => ('T', t.len()),
                Event::End => unreachable!("the end is `None`"),
            });
        }
        out
    }

    #[test]
    fn empty_pieces_of_text_are_skipped() {
        let text = b"RT/5.0.3 200 Ok\n\nNo matching results.\n\n";
        for size in [1, 3, 1000] {
            let pieces = kinds(text, size);
            assert_eq!(pieces[0], ('S', 0));
            let texts: usize = pieces.iter().filter(|p| p.0 == 'T').map(|p| p.1).sum();
            assert_eq!(texts, text.len() - 17, "{size}: {pieces:?}");
            assert!(
                pieces[1..].iter().all(|&(k, n)| k == 'T' && n > 0),
                "{size}: {pieces:?}"
            );
        }
        assert_eq!(
            kinds(b"RT/5.0.3 200 Ok\n\nid: 1\n\n", 4),
            [('S', 0), ('F', 1)]
        );
        assert_eq!(kinds(b"RT/5.0.3 200 Ok\n\n", 4), [('S', 0)]);
    }

    #[test]
    fn reads_64_kib_at_a_time_by_default() {
        struct Sizes(Vec<usize>);
        impl Read for Sizes {
            fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
                self.0.push(out.len());
                Ok(0)
            }
        }
        let mut s = ReadStream::new(Sizes(Vec::new()));
        while s.next_event().unwrap().is_some() {}
        assert_eq!(s.into_inner().0, [64 * 1024]);
    }

    #[test]
    fn interrupted_reads_are_tried_again() {
        struct Interrupting<'a>(&'a [u8], bool);
        impl Read for Interrupting<'_> {
            fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
                self.1 = !self.1;
                if self.1 {
                    return Err(io::ErrorKind::Interrupted.into());
                }
                self.0.read(out)
            }
        }
        let r = Interrupting(BODY, false);
        assert_eq!(events(ReadStream::new(r).read_size(5)), one_shot(BODY));
    }

    #[test]
    fn reader_errors_pass_through() {
        struct Broken;
        impl Read for Broken {
            fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
                Err(io::Error::other("cable cut"))
            }
        }
        let e = ReadStream::new(Broken).next_event().unwrap_err();
        assert_eq!(e.to_string(), "cable cut");
        assert!(ReadStream::<Broken>::parse_error(&e).is_none());
    }
}
