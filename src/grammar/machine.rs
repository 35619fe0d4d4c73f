//! The one driver of the grammar: a push parser that reads one production at
//! a time (`docs/grammar.md`, production `body`).
//!
//! The streaming reader calls [`Machine::step`] on the bytes it has, with
//! `eof` false until the input ends, and hands out each step as an event. The
//! one-shot parser calls the same `step` on the whole input with `eof` set and
//! collects the steps into its tables, the way `httparse` makes a complete
//! parse a push parse at the end of the input. Both therefore read every body
//! with the same productions and cannot disagree.

use core::ops::Range;

use nom::Err;

use super::envelope::{empty_listing, plain_message};
use super::form::{FormCx, FormEnd, form};
use super::lexer::{Kind, Lexer, PResult};
use crate::error::{ErrorKind, LimitKind, ParseError};
use crate::options::{Framing, ParseOptions};
use crate::response::Tables;
use crate::status::status_line;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    /// Nothing read yet: an envelope (`RT/`) or a text body.
    Start,
    TextBody,
    StatusLine,
    /// After a status line: its empty line, or the end.
    AfterStatus,
    /// Forms of a payload (`first`: none was read yet).
    Forms {
        first: bool,
    },
    /// A payload that is not forms (`at_start`: nothing of it was read yet).
    TextPayload {
        at_start: bool,
    },
    Raw,
    Done,
}

/// One step of [`Machine::step`]: what was read from `pos` on, and where the
/// next step starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Step {
    /// More input is needed; nothing was read.
    Partial,
    /// A status line (`line`, without its line end); the next step starts at
    /// `next`.
    Status { line: Range<usize>, next: usize },
    /// The empty line after a status line.
    EmptyLine { next: usize },
    /// One form (or, for an empty payload, none) was pushed to the tables;
    /// `trailer` is set when the form set ended, with the number of LFs at
    /// its end that were RT's framing.
    Form { next: usize, trailer: Option<usize> },
    /// Text from `pos` to `end` (`body`: the body is not an envelope).
    Text { end: usize, body: bool },
    /// Raw attachment content from `pos` to `end`.
    Raw { end: usize },
    /// The input ended: everything was read.
    End,
}

/// The driver; see the module documentation.
#[derive(Clone, Debug)]
pub(crate) struct Machine {
    pub opts: ParseOptions,
    state: State,
    /// Forms and fields handed out and no longer in the tables (the
    /// streaming reader empties them after each form).
    forms_before: usize,
    fields_before: usize,
    envelopes: usize,
}

impl Machine {
    pub(crate) fn new(opts: ParseOptions) -> Self {
        Machine {
            opts,
            state: State::Start,
            forms_before: 0,
            fields_before: 0,
            envelopes: 0,
        }
    }

    /// Empties the tables, counting what they held against the limits.
    pub(crate) fn flush(&mut self, tables: &mut Tables) {
        self.forms_before += tables.forms.len();
        self.fields_before += tables.fields.len();
        tables.forms.clear();
        tables.fields.clear();
    }

    /// Whether the machine is reading the forms of a payload.
    pub(crate) fn in_forms(&self) -> bool {
        matches!(self.state, State::Forms { .. })
    }

    fn lexer<'a>(&self, input: &'a [u8], eof: bool) -> Lexer<'a> {
        Lexer::new(
            input,
            eof,
            self.opts.allow_crlf,
            self.opts.limits.max_line_len,
        )
    }

    /// Reads the next production of `input` at `pos`.
    ///
    /// # Errors
    /// A [`ParseError`] positioned in `input`.
    pub(crate) fn step(
        &mut self,
        input: &[u8],
        pos: usize,
        eof: bool,
        tables: &mut Tables,
    ) -> Result<Step, ParseError> {
        let lex = self.lexer(input, eof);
        let step = loop {
            let r = match self.state {
                State::Done => Ok(Some(Step::End)),
                State::Start => Ok(self.body(&lex, pos)),
                State::TextBody | State::Raw => Ok(self.verbatim(&lex, pos)),
                State::StatusLine => self.envelope(&lex, pos).map(Some),
                State::AfterStatus => self.empty_line(&lex, pos).map(Some),
                State::Forms { first } => self.payload(&lex, pos, first, tables),
                State::TextPayload { at_start } => self.text_payload(&lex, pos, at_start).map(Some),
            };
            match r {
                Ok(Some(step)) => break step,
                // The state changed without reading: go on.
                Ok(None) => {}
                Err(Err::Incomplete(_)) => break Step::Partial,
                Err(Err::Error(e) | Err::Failure(e)) => return Err(*e),
            }
        };
        Ok(step)
    }

    /// `body = empty / text-body / 1*envelope`: decided by the first bytes.
    fn body(&mut self, lex: &Lexer<'_>, pos: usize) -> Option<Step> {
        let rest = &lex.input[pos..];
        if rest.is_empty() && lex.eof {
            self.state = State::Done;
            return None;
        }
        let n = rest.len().min(3);
        if rest[..n] != b"RT/"[..n] || (n < 3 && lex.eof) {
            self.state = State::TextBody;
        } else if n == 3 {
            self.state = State::StatusLine;
        } else {
            return Some(Step::Partial);
        }
        None
    }

    /// `text-body` and `raw-payload`: everything there is, verbatim.
    fn verbatim(&mut self, lex: &Lexer<'_>, pos: usize) -> Option<Step> {
        let n = lex.input.len();
        if pos < n {
            let body = self.state == State::TextBody;
            return Some(if body {
                Step::Text { end: n, body }
            } else {
                Step::Raw { end: n }
            });
        }
        if lex.eof {
            self.state = State::Done;
            return None;
        }
        Some(Step::Partial)
    }

    /// `envelope`: its `status-line`.
    fn envelope(&mut self, lex: &Lexer<'_>, pos: usize) -> PResult<Step> {
        let max = self.opts.limits.max_envelopes;
        if self.envelopes >= max {
            return Err(lex.limit(pos, LimitKind::Envelopes, max));
        }
        let Some(line) = lex.line(pos)? else {
            return Err(lex.error(pos, ErrorKind::StatusLine));
        };
        status_line(lex.input, pos, lex.text(&line)).map_err(|e| Err::Error(e.into()))?;
        self.envelopes += 1;
        self.state = State::AfterStatus;
        Ok(Step::Status {
            line: line.start..line.end,
            next: line.next,
        })
    }

    /// `empty-line`: the empty line after a status line, if anything follows.
    fn empty_line(&mut self, lex: &Lexer<'_>, pos: usize) -> PResult<Step> {
        let Some(line) = lex.line(pos)? else {
            self.state = State::Done;
            return Ok(Step::End);
        };
        if line.kind != Kind::Blank {
            return Err(lex.error(pos, ErrorKind::EmptyLine));
        }
        self.state = if self.opts.framing == Framing::Content {
            State::Raw
        } else {
            State::Forms { first: true }
        };
        Ok(Step::EmptyLine { next: line.next })
    }

    /// `payload = plain-message / empty-listing / form-set / text-payload`,
    /// one form at a time. A payload whose first form does not parse is text
    /// (unless the options ask for forms only); once a form was read, what
    /// follows must be forms too.
    fn payload(
        &mut self,
        lex: &Lexer<'_>,
        pos: usize,
        first: bool,
        tables: &mut Tables,
    ) -> PResult<Option<Step>> {
        let text_ok = first && !self.opts.forms_only;
        if text_ok
            && (plain_message(lex, pos)?
                || (self.opts.framing == Framing::Search && empty_listing(lex, pos)?))
        {
            self.state = State::TextPayload { at_start: true };
            return Ok(None);
        }
        if u32::try_from(lex.input.len()).is_err() {
            let max = u32::MAX as usize;
            return Err(lex.limit(max, LimitKind::InputLength, max));
        }
        let cx = FormCx {
            lex: *lex,
            opts: &self.opts,
            forms_before: self.forms_before,
            fields_before: self.fields_before,
        };
        let (forms, fields) = (tables.forms.len(), tables.fields.len());
        match form(&cx, tables, pos, first) {
            Ok(out) => {
                self.state = match out.end {
                    FormEnd::Separator => State::Forms { first: false },
                    FormEnd::Envelope => State::StatusLine,
                    FormEnd::End => State::Done,
                };
                let trailer = (out.end != FormEnd::Separator).then_some(out.trailer);
                Ok(Some(Step::Form {
                    next: out.next,
                    trailer,
                }))
            }
            Err(e) => {
                tables.forms.truncate(forms);
                tables.fields.truncate(fields);
                if text_ok && matches!(e, Err::Error(_)) {
                    self.state = State::TextPayload { at_start: true };
                    return Ok(None);
                }
                Err(e)
            }
        }
    }

    /// `text-payload`: verbatim up to `next-envelope` (a status line after an
    /// empty line, or at the payload's start). While more input may come,
    /// whole lines only, and the empty lines at the end are kept back (a
    /// status line may follow them).
    fn text_payload(&mut self, lex: &Lexer<'_>, pos: usize, at_start: bool) -> PResult<Step> {
        let mut p = pos;
        let mut after_blank = at_start;
        // The end of the last line that is not an empty line kept back.
        let mut whole = pos;
        loop {
            let line = match lex.line(p) {
                Ok(Some(line)) => line,
                Ok(None) => {
                    self.state = State::Done;
                    return Ok(Step::Text {
                        end: lex.input.len(),
                        body: false,
                    });
                }
                Err(Err::Incomplete(_)) if whole > pos => {
                    self.state = State::TextPayload { at_start: false };
                    return Ok(Step::Text {
                        end: whole,
                        body: false,
                    });
                }
                Err(e) => return Err(e),
            };
            if line.kind == Kind::Status && after_blank {
                self.state = State::StatusLine;
                return Ok(Step::Text {
                    end: line.start,
                    body: false,
                });
            }
            after_blank = line.kind == Kind::Blank;
            if !after_blank {
                whole = line.next;
            }
            p = line.next;
        }
    }
}
