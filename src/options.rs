//! Parse options and limits.

/// How the bytes after the last form of a payload were framed by RT.
///
/// # Background
///
/// RT's object handler (`dhandler`) writes the composed form set followed by one
/// LF; the search handler writes it followed by two (`payload-end` in docs/grammar.md); the raw content
/// endpoints write the attachment bytes and nothing else. The exact value of the
/// last field of a payload depends on which it was (the exact inverse of RT's layout in docs/grammar.md): the same
/// bytes `"K: x\n   y\n\n\n"` are the value `"x\ny\n"` from an object endpoint but
/// `"x\ny"` from a search. The caller knows which endpoint it asked.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Framing {
    /// Object endpoints (`ticket/<n>`, `…/history`, `…/links`, `user/<u>`, …):
    /// the payload is followed by one LF.
    #[default]
    Object,
    /// `search/<type>`: the payload is followed by two LFs (RT ≥ 4.2.2).
    Search,
    /// `…/attachments/<a>/content`: the payload is the attachment's bytes,
    /// verbatim, with nothing appended and no envelope splitting (RT ≥ 4.4.5).
    Content,
}

impl Framing {
    /// Number of LFs RT appends after the payload.
    pub(crate) fn trailer(self) -> usize {
        match self {
            Framing::Object => 1,
            Framing::Search => 2,
            Framing::Content => 0,
        }
    }
}

/// Where a key line is split into key and value.
///
/// # Background
///
/// Keys RT prints may themselves contain `": "` (`key-line` in docs/grammar.md): `CF.{…}` keys (the
/// default split handles them, splitting after the `}` before the first `"}: "`)
/// and the bare custom-field names of the `…/customfields` and
/// `…/ticketcustomfields` listings, whose values never contain `": "` and whose
/// keys may (`Colon: Field (): SingleValueFreeform`). For those listings split at
/// the last `": "` (`key-line` in docs/grammar.md).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum KeySplit {
    /// At the first `": "` (`CF.{…}` keys at the first `"}: "`).
    #[default]
    First,
    /// At the last `": "` (or at a final `:`).
    Last,
}

/// Limits that keep hostile input from exhausting memory or time.
///
/// Every limit is checked while parsing; exceeding one is an
/// [`ErrorKind::Limit`](crate::ErrorKind::Limit) error at the offending byte.
/// The defaults are far above anything a real RT server sends (a ticket with
/// 100,000 history entries, attachments shown inline of 64 MiB) and keep the
/// parser's own memory to a few dozen bytes per field. The struct is
/// `#[non_exhaustive]` so limits can be added; build it with
/// [`Limits::default`] and the setters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Limits {
    /// Longest line in bytes, LF excluded. Default 64 MiB.
    pub max_line_len: usize,
    /// Most forms in one response (all envelopes together). Default 1,000,000.
    /// The error points at the first line of the form one too many.
    pub max_forms: usize,
    /// Most fields in one response (all forms together). Default 10,000,000.
    pub max_fields: usize,
    /// Most fields in one form. Default 100,000.
    pub max_fields_per_form: usize,
    /// Most continuation lines in one value. Default 10,000,000.
    pub max_value_lines: usize,
    /// Most envelopes (status lines) in one body. Default 1,000,000.
    pub max_envelopes: usize,
    /// Largest input in bytes. Default `usize::MAX` (no limit of its own).
    pub max_input_len: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_line_len: 64 << 20,
            max_forms: 1_000_000,
            max_fields: 10_000_000,
            max_fields_per_form: 100_000,
            max_value_lines: 10_000_000,
            max_envelopes: 1_000_000,
            max_input_len: usize::MAX,
        }
    }
}

impl Limits {
    /// Sets [`Limits::max_line_len`].
    #[must_use]
    pub fn max_line_len(mut self, n: usize) -> Self {
        self.max_line_len = n;
        self
    }
    /// Sets [`Limits::max_forms`].
    #[must_use]
    pub fn max_forms(mut self, n: usize) -> Self {
        self.max_forms = n;
        self
    }
    /// Sets [`Limits::max_fields`].
    #[must_use]
    pub fn max_fields(mut self, n: usize) -> Self {
        self.max_fields = n;
        self
    }
    /// Sets [`Limits::max_fields_per_form`].
    #[must_use]
    pub fn max_fields_per_form(mut self, n: usize) -> Self {
        self.max_fields_per_form = n;
        self
    }
    /// Sets [`Limits::max_value_lines`].
    #[must_use]
    pub fn max_value_lines(mut self, n: usize) -> Self {
        self.max_value_lines = n;
        self
    }
    /// Sets [`Limits::max_envelopes`].
    #[must_use]
    pub fn max_envelopes(mut self, n: usize) -> Self {
        self.max_envelopes = n;
        self
    }
    /// Sets [`Limits::max_input_len`].
    #[must_use]
    pub fn max_input_len(mut self, n: usize) -> Self {
        self.max_input_len = n;
        self
    }
}

/// Options for [`parse_response_with`](crate::parse_response_with).
///
/// `#[non_exhaustive]` so that options can be added; build it with
/// [`ParseOptions::new`] and the setters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct ParseOptions {
    /// The limits in force.
    pub limits: Limits,
    /// How RT framed the payload; see [`Framing`].
    pub framing: Framing,
    /// Reject a payload that is not a form set instead of returning it as text.
    pub forms_only: bool,
    /// Accept CRLF line ends.
    pub allow_crlf: bool,
    /// Where key lines are split; see [`KeySplit`].
    pub key_split: KeySplit,
}

impl ParseOptions {
    /// The defaults: object framing, default limits, payloads that are not
    /// form sets returned as [`Payload::Text`](crate::Payload::Text), LF line ends.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the limits.
    #[must_use]
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// Sets the framing; see [`Framing`].
    #[must_use]
    pub fn framing(mut self, framing: Framing) -> Self {
        self.framing = framing;
        self
    }

    /// Makes a payload that is not a form set an error.
    ///
    /// # Background
    ///
    /// Many RT payloads are not forms: `search` in format `i`, the tab-separated
    /// `format=s` with `fields=`, `No matching results.`, `Invalid query: …`. By
    /// default such a payload is returned verbatim as
    /// [`Payload::Text`](crate::Payload::Text). A caller that asked an endpoint
    /// that only answers with forms can turn this on to get the exact offset of
    /// the first line that is not a form line.
    #[must_use]
    pub fn forms_only(mut self, yes: bool) -> Self {
        self.forms_only = yes;
        self
    }

    /// Sets where key lines are split; see [`KeySplit`].
    #[must_use]
    pub fn key_split(mut self, split: KeySplit) -> Self {
        self.key_split = split;
        self
    }

    /// Accepts CRLF line ends.
    ///
    /// # Background
    ///
    /// RT itself only ever writes LF, but a proxy or a file saved on
    /// another system may turn them into CRLF. With this option a CR directly
    /// before an LF is treated as part of the line end: it is not part of any key
    /// or value, and decoded multi-line values are joined with LF. Only one CR
    /// is: a line ending in `"\r\r\n"` keeps one CR as data, which
    /// [`Response::to_bytes`](crate::Response::to_bytes) writes before an LF, so
    /// reading that output back needs `allow_crlf` off (text payloads are
    /// written back verbatim, CRLF included).
    #[must_use]
    pub fn allow_crlf(mut self, yes: bool) -> Self {
        self.allow_crlf = yes;
        self
    }
}
