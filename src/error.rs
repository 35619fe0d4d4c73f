//! Parse errors: where (byte offset, line, column) and what (the grammar production).

use core::fmt;

/// The element of the grammar that failed, or the limit that was hit.
///
/// Kinds are nouns for the element that failed. The enum is `#[non_exhaustive]`
/// because new productions (typed views, streaming) add kinds without a breaking
/// change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// `status-line = "RT/" version SP code SP reason LF` (docs/grammar.md).
    StatusLine,
    /// `code = 3DIGIT` in the status line.
    StatusCode,
    /// `reason = 1*( ALPHA / DIGIT / SP )` in the status line.
    Reason,
    /// `version = 1*( %x21-7E / %x80-FF )` in the status line.
    Version,
    /// The empty line that must follow a status line when a payload follows.
    EmptyLine,
    /// A line inside a form that is neither a field (`Key: value` / `Key:`), a
    /// leading `#` comment, a continuation line, a `>>` echo nor a `--` separator.
    FieldLine,
    /// A continuation line (starts with a space) with no field before it.
    Continuation,
    /// A continuation line indented by fewer spaces than RT's formatter uses for
    /// its key (`len(key) + 2`, or 4 when that exceeds 16; `continuation-line` in docs/grammar.md).
    Indentation,
    /// An exactly-empty line followed by a continuation line: RT writes the empty
    /// lines of a value as lines of spaces, so this is not RT output (`form` in docs/grammar.md).
    BlankLineInValue,
    /// More empty lines after a value than RT's formatter ever writes (the exact inverse of RT's layout in docs/grammar.md).
    BlankLines,
    /// A `#` line after the first field of a form (`form` in docs/grammar.md).
    Comment,
    /// `Key:` (an empty list) followed by continuation lines.
    EmptyList,
    /// Text that is not valid UTF-8 where the grammar requires text.
    Utf8,
    /// A documented limit of [`Limits`](crate::Limits) was exceeded.
    Limit(LimitKind),
    /// The input ended where more was required (streaming reader).
    Incomplete,
    /// A value did not match the grammar of a typed view (dates, sizes, ids, ...).
    Value,
    /// A response of a different shape than the view expects.
    Shape,
}

/// Which limit of [`Limits`](crate::Limits) was exceeded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum LimitKind {
    /// [`Limits::max_line_len`](crate::Limits::max_line_len).
    LineLength,
    /// [`Limits::max_forms`](crate::Limits::max_forms).
    Forms,
    /// [`Limits::max_fields`](crate::Limits::max_fields).
    Fields,
    /// [`Limits::max_fields_per_form`](crate::Limits::max_fields_per_form).
    FieldsPerForm,
    /// [`Limits::max_value_lines`](crate::Limits::max_value_lines).
    ValueLines,
    /// [`Limits::max_envelopes`](crate::Limits::max_envelopes).
    Envelopes,
    /// [`Limits::max_input_len`](crate::Limits::max_input_len).
    InputLength,
}

impl ErrorKind {
    /// What the parser expected, in words.
    #[must_use]
    pub fn expected(self) -> &'static str {
        match self {
            ErrorKind::StatusLine => "a status line `RT/<version> <code> <reason>`",
            ErrorKind::StatusCode => "a three-digit status code",
            ErrorKind::Reason => "a reason phrase of letters, digits and spaces",
            ErrorKind::Version => "a version of non-space characters after `RT/`",
            ErrorKind::EmptyLine => "an empty line after the status line",
            ErrorKind::FieldLine => {
                "a field `Key: value` or `Key:`, a `--` separator or a continuation line"
            }
            ErrorKind::Continuation => "a field before this continuation line",
            ErrorKind::Indentation => "a continuation line indented at least as far as the key",
            ErrorKind::BlankLineInValue => {
                "no empty line inside a value (RT writes them as indentation)"
            }
            ErrorKind::BlankLines => "at most two empty lines after a value",
            ErrorKind::Comment => "`#` comment lines only before the first field of a form",
            ErrorKind::EmptyList => "no continuation lines after an empty list `Key:`",
            ErrorKind::Utf8 => "UTF-8 text",
            ErrorKind::Limit(LimitKind::LineLength) => "a line within the line-length limit",
            ErrorKind::Limit(LimitKind::Forms) => "no more forms than the form limit",
            ErrorKind::Limit(LimitKind::Fields) => "no more fields than the field limit",
            ErrorKind::Limit(LimitKind::FieldsPerForm) => {
                "no more fields in one form than the per-form limit"
            }
            ErrorKind::Limit(LimitKind::ValueLines) => "no more lines in one value than the limit",
            ErrorKind::Limit(LimitKind::Envelopes) => {
                "no more envelopes in one body than the limit"
            }
            ErrorKind::Limit(LimitKind::InputLength) => "an input within the input-length limit",
            ErrorKind::Incomplete => "more input",
            ErrorKind::Value => "a value of the documented format",
            ErrorKind::Shape => "a response of the expected shape",
        }
    }
}

/// A parse error: what was expected, at which byte offset, line and column.
///
/// Lines and columns are 1-based; the column counts bytes. The offset is always
/// within the input (`offset <= input.len()`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    kind: ErrorKind,
    offset: usize,
    line: usize,
    column: usize,
    detail: Option<Detail>,
}

/// Extra words for an error message, kept small and allocation-free for the
/// common cases.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Detail {
    /// Found a continuation line with `found` spaces where `expected` were needed.
    Indent { found: usize, expected: usize },
    /// A limit value that was exceeded.
    Limit(usize),
    /// Free text (used by typed views).
    Text(alloc::string::String),
}

impl ParseError {
    /// Builds an error at `offset` of `input`, computing its line and column.
    pub(crate) fn at(input: &[u8], offset: usize, kind: ErrorKind) -> Self {
        let offset = offset.min(input.len());
        let before = &input[..offset];
        let line = memchr::memchr_iter(b'\n', before).count() + 1;
        let line_start = memchr::memrchr(b'\n', before).map_or(0, |p| p + 1);
        ParseError {
            kind,
            offset,
            line,
            column: offset - line_start + 1,
            detail: None,
        }
    }

    pub(crate) fn with_detail(mut self, detail: Detail) -> Self {
        self.detail = Some(detail);
        self
    }

    /// Builds an error of a typed view with a message of its own.
    pub(crate) fn view(input: &[u8], offset: usize, kind: ErrorKind, text: &str) -> Self {
        Self::at(input, offset, kind).with_detail(Detail::Text(text.into()))
    }

    /// Moves the error by `delta` bytes and recomputes line and column against
    /// `input` (used when a slice was parsed on its own).
    pub(crate) fn rebase(self, input: &[u8], delta: usize) -> Self {
        let mut e = Self::at(input, self.offset + delta, self.kind);
        e.detail = self.detail;
        e
    }

    /// Re-positions an error found in `buf[pos..]` (its offset relative to
    /// `pos`) into a stream of which `base_offset` bytes and `base_line` lines
    /// came before `buf`. `buf` starts at a line start.
    pub(crate) fn relocate(
        self,
        buf: &[u8],
        pos: usize,
        base_offset: usize,
        base_line: usize,
    ) -> Self {
        let mut e = Self::at(buf, pos + self.offset, self.kind);
        e.detail = self.detail;
        e.offset += base_offset;
        e.line += base_line;
        e
    }

    /// The free text of a typed view's error, if any.
    pub(crate) fn detail_text(&self) -> Option<&str> {
        match &self.detail {
            Some(Detail::Text(t)) => Some(t),
            _ => None,
        }
    }

    /// The production that failed.
    #[must_use]
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// Byte offset of the error in the input.
    #[must_use]
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// 1-based line number of the error.
    #[must_use]
    pub fn line(&self) -> usize {
        self.line
    }

    /// 1-based column (in bytes) of the error.
    #[must_use]
    pub fn column(&self) -> usize {
        self.column
    }

    /// What the parser expected at this point, in words.
    #[must_use]
    pub fn expected(&self) -> &'static str {
        self.kind.expected()
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}, column {} (byte {}): expected {}",
            self.line,
            self.column,
            self.offset,
            self.kind.expected()
        )?;
        match &self.detail {
            Some(Detail::Indent { found, expected }) => {
                write!(f, " (found {found} spaces, need {expected})")
            }
            Some(Detail::Limit(n)) => write!(f, " (limit {n})"),
            Some(Detail::Text(t)) => write!(f, ": {t}"),
            None => Ok(()),
        }
    }
}

impl core::error::Error for ParseError {}
