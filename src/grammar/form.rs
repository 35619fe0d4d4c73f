//! Forms: the `form` production and the lines it is made of (`docs/grammar.md`,
//! productions `form`, `comment-block`, `echo-block`, `separator`,
//! `payload-end`).
//!
//! `form` reads one form, line by line from the lexer, up to what ends it: a
//! `separator` line (another form follows), the `next-envelope` (a status line
//! after an empty line) or the end of the input. The one-shot parser and the
//! streaming reader both read every form with it (through `machine.rs`);
//! the streaming reader simply gets `Incomplete` where the lines run out.

use core::ops::Range;

use super::field::{Open, close_field, continuation_line, key_line};
use super::lexer::{Kind, Lexer, Line, PResult};
use crate::error::{ErrorKind, LimitKind};
use crate::form::FormRec;
use crate::options::ParseOptions;
use crate::response::Tables;

/// What ended a form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FormEnd {
    /// A `--` line: another form follows.
    Separator,
    /// A status line after an empty line: the next envelope.
    Envelope,
    /// The end of the input.
    End,
}

/// The result of [`form`].
#[derive(Clone, Copy, Debug)]
pub(crate) struct FormOut {
    pub end: FormEnd,
    /// Where the next production starts: after the separator line, or at the
    /// next envelope's status line, or the end of the input.
    pub next: usize,
    /// At the end of a payload: how many of the LFs at its end were RT's
    /// framing.
    pub trailer: usize,
}

/// Where a form is read: the lexer, the options, and how many forms and
/// fields came before the tables' contents (the streaming reader empties its
/// tables after each form; the limits count the whole response).
pub(crate) struct FormCx<'a, 'o> {
    pub lex: Lexer<'a>,
    pub opts: &'o ParseOptions,
    pub forms_before: usize,
    pub fields_before: usize,
}

/// The state of the form being read.
struct FormState {
    /// The payload's first form (a status line on its first line is the next
    /// envelope; an empty form there is no form at all).
    first: bool,
    start: usize,
    end: usize,
    /// Whether a line of the form was read.
    opened: bool,
    /// Whether the next empty line belongs to the separator before the form.
    after_sep: bool,
    blanks: usize,
    comments: Option<Range<usize>>,
    echo: Option<Range<usize>>,
    fields_start: usize,
    open: Option<Open>,
}

/// `form = [ comment-block ] ( echo-block / *field ) *blank-line`, ended by a
/// `separator`, the next envelope or the end of the input (`first`: the
/// payload's first form; otherwise the form follows a separator, whose empty
/// line it skips). Pushes the form (and its fields) to `tables`.
pub(crate) fn form(
    cx: &FormCx<'_, '_>,
    tables: &mut Tables,
    start: usize,
    first: bool,
) -> PResult<FormOut> {
    let mut st = FormState {
        first,
        start,
        end: start,
        opened: false,
        after_sep: !first,
        blanks: 0,
        comments: None,
        echo: None,
        fields_start: tables.fields.len(),
        open: None,
    };
    let mut pos = start;
    loop {
        let Some(line) = cx.lex.line(pos)? else {
            return payload_end(cx, tables, st, FormEnd::End, pos);
        };
        match line.kind {
            Kind::Blank if st.after_sep => st.after_sep = false,
            Kind::Blank => st.blanks += 1,
            Kind::Continuation => {
                st.after_sep = false;
                let Some(open) = st.open.as_mut() else {
                    return Err(cx.lex.error(line.start, ErrorKind::Continuation));
                };
                continuation_line(&cx.lex, open, &line, st.blanks, &cx.opts.limits)?;
                st.end = line.end;
            }
            Kind::Status if st.blanks > 0 || (first && line.start == start) => {
                return payload_end(cx, tables, st, FormEnd::Envelope, line.start);
            }
            Kind::Separator => {
                let blanks = st.blanks;
                end_form(cx, tables, &mut st, blanks as isize - 1, false, line.start)?;
                return Ok(FormOut {
                    end: FormEnd::Separator,
                    next: line.next,
                    trailer: 0,
                });
            }
            _ => form_line(cx, tables, &mut st, &line)?,
        }
        pos = line.next;
    }
}

/// A line of the form that is not empty, a continuation line, a separator or
/// the next envelope: an `echo-block` line, a `comment-block` line, the
/// start of an echo, or a key line.
#[inline]
fn form_line(
    cx: &FormCx<'_, '_>,
    tables: &mut Tables,
    st: &mut FormState,
    line: &Line,
) -> PResult<()> {
    st.after_sep = false;
    if !st.opened {
        st.opened = true;
        st.start = line.start;
    }
    if st.echo.is_some() {
        echo_line(cx, st, line)?;
    } else if line.kind == Kind::Comment {
        comment_line(cx, tables, st, line)?;
    } else if line.kind == Kind::Echo {
        if let Some(o) = st.open.take() {
            push_field(cx, tables, o, st.blanks as isize, false, line.start)?;
        }
        st.echo = Some(line.start..line.end);
        st.blanks = 0;
    } else {
        field_line(cx, tables, st, line)?;
    }
    st.end = line.end;
    Ok(())
}

/// `echo-block = 1*echo-text-line`: the `>>` lines of a 409 answer and the
/// form text after them, up to the first empty line; after it only empty
/// lines, a separator or the next envelope may follow.
fn echo_line(cx: &FormCx<'_, '_>, st: &mut FormState, line: &Line) -> PResult<()> {
    if st.blanks > 0 {
        return Err(cx.lex.error(line.start, ErrorKind::FieldLine));
    }
    if let Some(e) = st.echo.as_mut() {
        e.end = line.end;
    }
    Ok(())
}

/// `comment-block = 1*comment-line`: `#` lines before the form's first field,
/// with no empty line between them.
fn comment_line(
    cx: &FormCx<'_, '_>,
    tables: &Tables,
    st: &mut FormState,
    line: &Line,
) -> PResult<()> {
    let at_start = st.open.is_none() && tables.fields.len() == st.fields_start;
    match st.comments.as_mut() {
        None if at_start => st.comments = Some(line.start..line.end),
        Some(c) if at_start && st.blanks == 0 => c.end = line.end,
        _ => return Err(cx.lex.error(line.start, ErrorKind::Comment)),
    }
    Ok(())
}

/// A key line: closes the open field and opens the next (`field`).
#[inline]
fn field_line(
    cx: &FormCx<'_, '_>,
    tables: &mut Tables,
    st: &mut FormState,
    line: &Line,
) -> PResult<()> {
    let next = key_line(&cx.lex, line, cx.opts.key_split)?;
    if let Some(o) = st.open.take() {
        push_field(cx, tables, o, st.blanks as isize, false, line.start)?;
    }
    let limits = &cx.opts.limits;
    if tables.fields.len() - st.fields_start >= limits.max_fields_per_form {
        return Err(cx.lex.limit(
            line.start,
            LimitKind::FieldsPerForm,
            limits.max_fields_per_form,
        ));
    }
    if cx.fields_before + tables.fields.len() >= limits.max_fields {
        return Err(cx
            .lex
            .limit(line.start, LimitKind::Fields, limits.max_fields));
    }
    st.open = Some(next);
    st.blanks = 0;
    Ok(())
}

#[inline]
fn push_field(
    cx: &FormCx<'_, '_>,
    tables: &mut Tables,
    open: Open,
    e: isize,
    last: bool,
    at: usize,
) -> PResult<()> {
    let rec = close_field(&cx.lex, open, e, last, at)?;
    tables.fields.push(rec);
    Ok(())
}

/// `payload-end`: the form set ends here (`end`: at the next envelope or the
/// end of the input). Closes the form, if a line of it was read, or records
/// the empty form after a final separator; works out how many of the LFs at
/// the end were RT's framing.
///
/// In RT's layout a multi-line last value is followed by an empty line of its
/// own, so only the empty lines after it are framing. A value ending in an
/// indented empty line decodes with a final LF, which RT's layout writes as
/// two empty lines that a reader takes after the framing: all of the framing
/// is reported.
fn payload_end(
    cx: &FormCx<'_, '_>,
    tables: &mut Tables,
    mut st: FormState,
    why: FormEnd,
    end: usize,
) -> PResult<FormOut> {
    let framing = cx.opts.framing.trailer();
    let out = |trailer| FormOut {
        end: why,
        next: end,
        trailer,
    };
    if !st.opened {
        if !st.first {
            // The empty form after a final separator.
            st.end = st.start;
            end_form(cx, tables, &mut st, 0, true, end)?;
        }
        return Ok(out(st.blanks));
    }
    // A multi-line last value: its own empty line, and whether its last line
    // is an indented empty line (the value then ends with an LF).
    let (own, ends_lf) = match &st.open {
        Some(o) if o.lines > 0 => (1, o.last_len <= usize::from(o.rec.indent)),
        _ => (0, false),
    };
    let trailer = if ends_lf {
        framing
    } else {
        st.blanks.saturating_sub(own).min(framing)
    };
    let e = st.blanks as isize - st.blanks.min(framing) as isize;
    end_form(cx, tables, &mut st, e, true, end)?;
    Ok(out(trailer))
}

/// Closes the form: its last field (with `e` empty lines after it, framing
/// subtracted; `last`: it ends the payload) and the form record.
fn end_form(
    cx: &FormCx<'_, '_>,
    tables: &mut Tables,
    st: &mut FormState,
    e: isize,
    last: bool,
    at: usize,
) -> PResult<()> {
    let had_fields = st.open.is_some() || tables.fields.len() > st.fields_start;
    if let Some(o) = st.open.take() {
        push_field(cx, tables, o, e, last, at)?;
    }
    let limits = &cx.opts.limits;
    if cx.forms_before + tables.forms.len() >= limits.max_forms {
        // At the first line of the form one too many.
        return Err(cx.lex.limit(st.start, LimitKind::Forms, limits.max_forms));
    }
    // Without comments an empty field list leaves no trace in RT's layout
    // (only the empty line after comments shows it).
    let field_list = had_fields || (st.comments.is_some() && st.echo.is_none() && e >= 1);
    tables.forms.push(FormRec {
        span: st.start..st.end.max(st.start),
        comments: st.comments.take(),
        field_list,
        fields: st.fields_start..tables.fields.len(),
        echo: st.echo.take(),
        crlf: cx.lex.crlf,
    });
    Ok(())
}
