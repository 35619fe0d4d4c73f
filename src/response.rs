//! The response: body kinds, envelopes, forms, and the one-shot parse.
//!
//! The one-shot parse is the grammar's driver (`grammar/machine.rs`) run over
//! the whole input at its end; it records spans into three flat tables
//! (envelopes, forms, fields). Nothing is copied and nothing is allocated per
//! form or field beyond the amortised growth of those tables.

use alloc::borrow::Cow;
use alloc::vec::Vec;
use core::ops::Range;

use crate::error::{Detail, ErrorKind, LimitKind, ParseError};
use crate::form::{FieldRec, Form, FormRec};
use crate::grammar::machine::{Machine, Step};
use crate::options::{Framing, ParseOptions};
use crate::status::{StatusLine, status_line};

/// What kind of body RT sent (`body` in docs/grammar.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum BodyKind {
    /// Zero bytes: a no-op edit, an empty listing, empty attachment content.
    Empty,
    /// Text that does not start with `RT/`: Perl or Mason error output, the mail
    /// gateway's `ok`. Available verbatim from [`Response::text`].
    Text,
    /// One or more envelopes (status line, empty line, payload).
    Envelopes,
}

/// How an envelope's payload was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum PayloadKind {
    Forms,
    Text,
    Raw,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct EnvRec {
    /// The status line without its LF.
    pub status: Range<usize>,
    /// Whether the empty line after the status line is present.
    pub blank: bool,
    /// Everything after the status line's empty line, up to the next envelope.
    pub payload: Range<usize>,
    pub kind: PayloadKind,
    /// Indices into the form table.
    pub forms: Range<usize>,
    /// Number of LFs after the last form that were RT's framing (`payload-end` in docs/grammar.md):
    /// normally [`Framing::trailer`], fewer when RT wrote a plain message
    /// without it, all of them for a payload of only LFs.
    pub trailer: usize,
}

/// The parse result, free of lifetimes so that [`crate::SharedResponse`] can
/// keep it next to a `Bytes` buffer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Tables {
    pub kind: BodyKind,
    pub envelopes: Vec<EnvRec>,
    pub forms: Vec<FormRec>,
    pub fields: Vec<FieldRec>,
    pub framing: Framing,
}

/// Parses a REST 1.0 response body with the default [`ParseOptions`].
///
/// # Errors
/// A [`ParseError`] with the byte offset, line, column and the production that
/// failed, or the limit that was exceeded.
///
/// ```
/// let body = b"RT/5.0.3 200 Ok\n\nid: ticket/7\nSubject: hello\n\n";
/// let response = rt_wire::parse_response(body)?;
/// assert_eq!(response.status().unwrap().code(), 200);
/// let form = response.forms().next().unwrap();
/// assert_eq!(form.get("Subject").unwrap().value().as_str(), Some("hello"));
/// # Ok::<(), rt_wire::ParseError>(())
/// ```
pub fn parse_response(input: &[u8]) -> Result<Response<'_>, ParseError> {
    parse_response_with(input, &ParseOptions::default())
}

/// Parses a REST 1.0 response body with explicit options.
///
/// # Errors
/// See [`parse_response`].
pub fn parse_response_with<'a>(
    input: &'a [u8],
    options: &ParseOptions,
) -> Result<Response<'a>, ParseError> {
    let tables = parse_tables(input, options)?;
    Ok(Response {
        input,
        tables: Cow::Owned(tables),
    })
}

impl Tables {
    pub(crate) fn empty(framing: Framing) -> Self {
        Tables {
            kind: BodyKind::Envelopes,
            envelopes: Vec::new(),
            forms: Vec::new(),
            fields: Vec::new(),
            framing,
        }
    }

    pub(crate) fn form<'r, 'a>(&'r self, input: &'a [u8], i: usize) -> Option<Form<'r, 'a>> {
        let rec = self.forms.get(i)?;
        Some(Form {
            input,
            rec,
            fields: &self.fields[rec.fields.clone()],
        })
    }
}

/// The one-shot parse: the grammar's driver ([`Machine`]) run over the whole
/// input at its end, its steps collected into the tables.
pub(crate) fn parse_tables(input: &[u8], options: &ParseOptions) -> Result<Tables, ParseError> {
    if input.len() > options.limits.max_input_len || u32::try_from(input.len()).is_err() {
        let max = options.limits.max_input_len.min(u32::MAX as usize);
        return Err(
            ParseError::at(input, max, ErrorKind::Limit(LimitKind::InputLength))
                .with_detail(Detail::Limit(max)),
        );
    }
    // Reserve for the typical density of RT output (a field per 30-odd bytes,
    // a form per 500) so that large responses are not copied while the tables
    // grow; pages that are reserved but not used are never touched.
    let mut t = Tables {
        kind: if input.is_empty() {
            BodyKind::Empty
        } else {
            BodyKind::Envelopes
        },
        envelopes: Vec::new(),
        forms: Vec::with_capacity((input.len() / 512).min(options.limits.max_forms)),
        fields: Vec::with_capacity((input.len() / 24).min(options.limits.max_fields)),
        framing: options.framing,
    };
    let mut machine = Machine::new(*options);
    let mut pos = 0;
    loop {
        let step = machine.step(input, pos, true, &mut t)?;
        let n_forms = t.forms.len();
        let env = t.envelopes.last_mut();
        pos = match (step, env) {
            (Step::End | Step::Partial, _) => return Ok(t),
            (Step::Status { line, next }, _) => {
                t.envelopes.push(EnvRec {
                    status: line,
                    blank: false,
                    payload: next..next,
                    kind: PayloadKind::Forms,
                    forms: n_forms..n_forms,
                    trailer: 0,
                });
                next
            }
            (Step::Text { end, body: true }, _) => {
                t.kind = BodyKind::Text;
                end
            }
            (Step::EmptyLine { next }, Some(env)) => {
                env.blank = true;
                env.payload = next..next;
                if options.framing == Framing::Content {
                    env.kind = PayloadKind::Raw;
                }
                next
            }
            (Step::Form { next, trailer }, Some(env)) => {
                env.forms.end = n_forms;
                env.trailer = trailer.unwrap_or(env.trailer);
                env.payload.end = next;
                next
            }
            (Step::Text { end, .. } | Step::Raw { end }, Some(env)) => {
                if env.kind == PayloadKind::Forms {
                    env.kind = PayloadKind::Text;
                }
                env.payload.end = end;
                end
            }
            // Every payload step follows a status line.
            (_, None) => return Err(ParseError::at(input, pos, ErrorKind::StatusLine)),
        };
    }
}

/// A parsed response, borrowing from the input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Response<'a> {
    input: &'a [u8],
    tables: Cow<'a, Tables>,
}

impl<'a> Response<'a> {
    pub(crate) fn borrowed(input: &'a [u8], tables: &'a Tables) -> Self {
        Response {
            input,
            tables: Cow::Borrowed(tables),
        }
    }

    pub(crate) fn into_tables(self) -> Tables {
        self.tables.into_owned()
    }

    /// The input the response borrows from.
    #[must_use]
    pub fn input(&self) -> &'a [u8] {
        self.input
    }

    /// The kind of body.
    #[must_use]
    pub fn kind(&self) -> BodyKind {
        self.tables.kind
    }

    /// The framing the response was parsed with.
    #[must_use]
    pub fn framing(&self) -> Framing {
        self.tables.framing
    }

    /// The status line of the first envelope, if the body has one.
    #[must_use]
    pub fn status(&self) -> Option<StatusLine<'a>> {
        self.envelopes().next().map(|e| e.status())
    }

    /// The whole body, if it is not an envelope ([`BodyKind::Text`]).
    #[must_use]
    pub fn text(&self) -> Option<&'a [u8]> {
        (self.tables.kind == BodyKind::Text).then_some(self.input)
    }

    /// The envelopes in input order (several only for a long history).
    #[must_use]
    pub fn envelopes(&self) -> Envelopes<'_, 'a> {
        Envelopes {
            input: self.input,
            tables: &self.tables,
            iter: self.tables.envelopes.iter(),
        }
    }

    /// Every form of every envelope, in input order.
    #[must_use]
    pub fn forms(&self) -> Forms<'_, 'a> {
        Forms {
            input: self.input,
            tables: &self.tables,
            range: 0..self.tables.forms.len(),
        }
    }

    /// Number of forms in all envelopes.
    #[must_use]
    pub fn form_count(&self) -> usize {
        self.tables.forms.len()
    }

    /// Number of fields in all forms.
    #[must_use]
    pub fn field_count(&self) -> usize {
        self.tables.fields.len()
    }
}

/// Iterator over [`Envelope`]s.
#[derive(Clone, Debug)]
pub struct Envelopes<'r, 'a> {
    input: &'a [u8],
    tables: &'r Tables,
    iter: core::slice::Iter<'r, EnvRec>,
}

impl<'r, 'a> Iterator for Envelopes<'r, 'a> {
    type Item = Envelope<'r, 'a>;
    fn next(&mut self) -> Option<Self::Item> {
        self.iter.next().map(|rec| Envelope {
            input: self.input,
            tables: self.tables,
            rec,
        })
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.iter.size_hint()
    }
}

impl ExactSizeIterator for Envelopes<'_, '_> {}

/// One envelope: a status line and its payload.
#[derive(Clone, Copy, Debug)]
pub struct Envelope<'r, 'a> {
    input: &'a [u8],
    tables: &'r Tables,
    rec: &'r EnvRec,
}

/// An envelope's payload, read as the options asked.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum Payload<'r, 'a> {
    /// A form set (possibly with no forms).
    Forms(Forms<'r, 'a>),
    /// A payload that is not a form set (search formats `i` and tab-separated
    /// `s`, `No matching results.`, `Invalid query: …`, the 401 message),
    /// verbatim, trailing LFs included.
    Text(&'a [u8]),
    /// Raw attachment bytes ([`Framing::Content`]), verbatim.
    Raw(&'a [u8]),
}

impl<'r, 'a> Envelope<'r, 'a> {
    /// The status line.
    #[must_use]
    pub fn status(&self) -> StatusLine<'a> {
        let line = &self.input[self.rec.status.clone()];
        // The line was validated when the response was parsed.
        status_line(self.input, self.rec.status.start, line)
            .unwrap_or_else(|_| unreachable_status())
    }

    /// Whether the empty line after the status line is present (RT leaves it
    /// out only when nothing follows: `logout`, a bare 401).
    #[must_use]
    pub fn has_empty_line(&self) -> bool {
        self.rec.blank
    }

    /// The payload.
    #[must_use]
    pub fn payload(&self) -> Payload<'r, 'a> {
        match self.rec.kind {
            PayloadKind::Forms => Payload::Forms(self.forms()),
            PayloadKind::Text => Payload::Text(self.raw_payload()),
            PayloadKind::Raw => Payload::Raw(self.raw_payload()),
        }
    }

    /// Number of LFs after the last form that were RT's framing (`payload-end` in docs/grammar.md).
    #[must_use]
    pub fn trailer(&self) -> usize {
        self.rec.trailer
    }

    /// Whether the payload was read as a form set.
    #[must_use]
    pub fn is_forms(&self) -> bool {
        self.rec.kind == PayloadKind::Forms
    }

    /// The payload bytes verbatim: everything after the empty line that follows
    /// the status line, up to the next envelope, trailing LFs included.
    #[must_use]
    pub fn raw_payload(&self) -> &'a [u8] {
        &self.input[self.rec.payload.clone()]
    }

    /// The byte range of the payload in the input.
    #[must_use]
    pub fn payload_span(&self) -> Range<usize> {
        self.rec.payload.clone()
    }

    /// The forms of the payload (none if it is text or raw bytes).
    #[must_use]
    pub fn forms(&self) -> Forms<'r, 'a> {
        Forms {
            input: self.input,
            tables: self.tables,
            range: self.rec.forms.clone(),
        }
    }
}

#[cold]
fn unreachable_status() -> StatusLine<'static> {
    // Never reached: the same bytes parsed when the table was built. Kept as a
    // value rather than a panic.
    match status_line(b"RT/0 000 Invalid", 0, b"RT/0 000 Invalid") {
        Ok(s) => s,
        Err(_) => unreachable_status(),
    }
}

/// Iterator over [`Form`]s.
#[derive(Clone, Debug)]
pub struct Forms<'r, 'a> {
    input: &'a [u8],
    tables: &'r Tables,
    range: Range<usize>,
}

impl<'r, 'a> Iterator for Forms<'r, 'a> {
    type Item = Form<'r, 'a>;
    fn next(&mut self) -> Option<Self::Item> {
        let i = self.range.next()?;
        Some(self.form(i))
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.range.size_hint()
    }
}

impl DoubleEndedIterator for Forms<'_, '_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        let i = self.range.next_back()?;
        Some(self.form(i))
    }
}

impl ExactSizeIterator for Forms<'_, '_> {}

impl<'r, 'a> Forms<'r, 'a> {
    fn form(&self, i: usize) -> Form<'r, 'a> {
        let rec = &self.tables.forms[i];
        Form {
            input: self.input,
            rec,
            fields: &self.tables.fields[rec.fields.clone()],
        }
    }
}
