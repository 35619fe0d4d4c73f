//! RT's fixed plain-text responses: the one catalogue of the
//! messages RT's REST 1.0 handlers print after the status line's empty line
//! *without* a form and without `#`.
//!
//! Read from the handlers RT 4.4.6 and RT 5.0.3 install
//! (`share/html/REST/1.0/{dhandler,search/dhandler,ticket/link,ticket/comment,
//! ticket/merge,Forms/*/*customfields}`, and the REST branch of
//! `RT::Interface::Web` for 401), and checked against live servers. The parser
//! core asks [`is_plain_message`] and [`may_become_plain`] whether a payload is
//! such a message rather than forms; the views ask [`lookup`] which message it
//! is and what its placeholders hold. Both use the same table, [`ENTRIES`].
//!
//! A message is matched as a whole line of its shape: fixed texts in between,
//! a placeholder at each gap (`Invalid link: '` … `'.`). Only where RT's
//! placeholder runs to the end of the line (`Invalid field specification: …`)
//! or over several lines (`Invalid query: '…'.` with a Perl stack) does the
//! fixed start decide alone. The first line of a real form set is a `#`
//! comment, `id: …` or, in a search listing, `<id>: …`; no entry starts so.
//!
//! BE ADVISED: `corpus/expect.py` reads the same messages independently (it
//! shares no code with this); when RT's texts change, change both.

/// Lines longer than this (not counting the CRs that end them) are never a
/// message whose placeholder has to be closed (RT's placeholders are ids,
/// names and relations from the request).
/// The streaming reader waits for such a line to end: the bound keeps its
/// memory bounded, and the one-shot parse applies it too, so both decide alike.
pub(crate) const MAX_MESSAGE_LINE: usize = 64 << 10;

/// Which message an entry is; the views turn it into a `views::Message`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    InvalidObjectIdSpecified,
    OneFormOnly,
    NoObjectsSpecified,
    InvalidFieldSpec,
    PermissionDenied,
    UnknownListingFormat,
    InvalidQuery,
    InvalidOperator,
    InvalidQuerySpec,
    NoMatchingResults,
    UnsupportedObjectType,
    BadCredentials,
    LoginPageRequired,
    CannotModifyCustomFields,
    InvalidLink,
    /// Every "which ticket" refusal of the legacy components.
    InvalidTicketId,
    LinkCreated,
    LinkDeleted,
    EmptyForm,
    InvalidAction,
    EmptyComment,
    NoAttachment,
    /// `You are not allowed to <Action> on ticket <n>.`
    NotAllowedOn,
    /// `You are not allowed to modify ticket <n>.`
    NotAllowedToModify,
}

/// What a placeholder may hold (never an LF, except [`Hole::Lines`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Hole {
    /// Anything, possibly nothing.
    Any,
    /// At least one byte.
    Text,
    /// One of these words.
    OneOf(&'static [&'static [u8]]),
    /// RT's own (localised) message before the fixed text of the legacy
    /// `ticket/link`: anything that does not start a form set's first line.
    RtMessage,
    /// `<ticket> <Relation> <target>` of the legacy `ticket/link`.
    LinkSpec,
    /// Several lines (a Perl error with its stack): the fixed start decides.
    Lines,
}

/// One message of the catalogue. `name`, `code`, `source` and `versions` are
/// for the reader of the table and its tests; the parser needs only the shape.
#[derive(Debug)]
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) struct Entry {
    pub(crate) name: &'static str,
    pub(crate) kind: Kind,
    /// A fixed line RT prints before the message: the request path
    /// (`$r->path_info`) of the legacy `ticket/link` and `ticket/merge`.
    pub(crate) before: Option<&'static [u8]>,
    /// The fixed texts; a placeholder sits between each two.
    pub(crate) parts: &'static [&'static [u8]],
    pub(crate) holes: &'static [Hole],
    /// RT's status code with this message, the handler that prints it, and
    /// the RT versions whose handlers do.
    pub(crate) code: u16,
    pub(crate) source: &'static str,
    pub(crate) versions: &'static [&'static str],
}

const BOTH: &[&str] = &["4.4.6", "5.0.3"];
#[rustfmt::skip]
const RELATIONS: &[&[u8]] = &[b"DependsOn", b"DependedOnBy", b"RefersTo", b"ReferredToBy", b"HasMember", b"MemberOf"];

#[rustfmt::skip]
const fn entry(
    name: &'static str, kind: Kind, parts: &'static [&'static [u8]], holes: &'static [Hole],
    code: u16, source: &'static str,
) -> Entry {
    Entry { name, kind, before: None, parts, holes, code, source, versions: BOTH }
}

#[rustfmt::skip]
impl Entry {
    const fn after(self, line: &'static [u8]) -> Entry {
        Entry { before: Some(line), ..self }
    }

    const fn only(self, versions: &'static [&'static str]) -> Entry {
        Entry { versions, ..self }
    }
}

/// The catalogue. Under `rt-server` (Plack) the legacy `ticket/comment` and
/// `ticket/merge` take the whole request path for the ticket id, so of their
/// messages only the ticket-id and `Different ids` ones are reachable there.
#[rustfmt::skip]
pub(crate) const ENTRIES: &[Entry] = &[
    entry("object-id-specified", Kind::InvalidObjectIdSpecified,
        &[b"Invalid object ID specified: '", b"'"], &[Hole::Any], 400, "dhandler"),
    entry("one-form-only", Kind::OneFormOnly,
        &[b"You may submit only one form to this object."], &[], 400, "dhandler"),
    entry("no-objects", Kind::NoObjectsSpecified,
        &[b"No objects specified."], &[], 400, "dhandler"),
    entry("field-spec", Kind::InvalidFieldSpec,
        &[b"Invalid field specification: ", b""], &[Hole::Any], 400, "dhandler, search/dhandler"),
    entry("permission-denied", Kind::PermissionDenied,
        &[b"Permission denied"], &[], 403, "search/dhandler (user)"),
    entry("listing-format", Kind::UnknownListingFormat,
        &[b"Unknown listing format: ", b". (Use i, s, or l.)"], &[Hole::Text], 400, "search/dhandler"),
    entry("query", Kind::InvalidQuery,
        &[b"Invalid query: '", b"'."], &[Hole::Lines], 400, "search/dhandler (ticket)"),
    entry("operator-spec", Kind::InvalidOperator,
        &[b"Invalid operator specification: ", b""], &[Hole::Any], 400, "search/dhandler"),
    entry("query-spec", Kind::InvalidQuerySpec,
        &[b"Invalid query specification: ", b""], &[Hole::Any], 200, "search/dhandler"),
    entry("no-matching-results", Kind::NoMatchingResults,
        &[b"No matching results."], &[], 200, "search/dhandler"),
    entry("unsupported-type", Kind::UnsupportedObjectType,
        &[b"Unsupported object type."], &[], 500, "search/dhandler"),
    entry("bad-credentials", Kind::BadCredentials,
        &[b"Your username or password is incorrect"], &[], 401, "RT::Interface::Web"),
    entry("login-page-only", Kind::LoginPageRequired,
        &[b"Use RT's login page to log in"], &[], 401, "RT::Interface::Web (RestrictLoginReferrer)")
        .only(&["5.0.3"]),
    entry("cf-definitions", Kind::CannotModifyCustomFields,
        &[b"Cannot modify ", b" CF definitions via REST"], &[Hole::OneOf(&[b"Queue", b"Group"])],
        400, "Forms/queue/{customfields,ticketcustomfields}, Forms/group/customfields"),
    entry("link-ticket-id", Kind::InvalidTicketId,
        &[b"Invalid ticket id: '", b"'."], &[Hole::Any], 400, "ticket/link").after(b"/REST/1.0/ticket/link"),
    entry("merge-ticket-id", Kind::InvalidTicketId,
        &[b"Invalid ticket id: `", b"'."], &[Hole::Any], 400, "ticket/merge").after(b"/REST/1.0/ticket/merge"),
    entry("invalid-link", Kind::InvalidLink,
        &[b"Invalid link: '", b"'."], &[Hole::Any], 400, "ticket/link"),
    entry("link-load", Kind::InvalidTicketId,
        &[b"Couldn't load ticket id: '", b"'."], &[Hole::Any], 404, "ticket/link"),
    entry("different-ids", Kind::InvalidTicketId,
        &[b"Different ids in URL (`", b"') and submitted form (`", b"')."], &[Hole::Any, Hole::Any],
        400, "ticket/link, ticket/merge"),
    entry("link-created", Kind::LinkCreated,
        &[b"", b" Created link ", b""], &[Hole::RtMessage, Hole::LinkSpec], 200, "ticket/link"),
    entry("link-deleted", Kind::LinkDeleted,
        &[b"", b" Deleted link ", b""], &[Hole::RtMessage, Hole::LinkSpec], 200, "ticket/link"),
    entry("comment-ticket-id", Kind::InvalidTicketId,
        &[b"Invalid ticket id: `", b"'."], &[Hole::Any], 400, "ticket/comment"),
    entry("load-ticket", Kind::InvalidTicketId,
        &[b"Couldn't load ticket id: `", b"'."], &[Hole::Any], 404, "ticket/comment, ticket/merge"),
    entry("empty-form", Kind::EmptyForm,
        &[b"Empty form submitted."], &[], 400, "ticket/comment"),
    entry("different-tickets", Kind::InvalidTicketId,
        &[b"The submitted form and URL specify different tickets."], &[], 400, "ticket/comment"),
    entry("invalid-action", Kind::InvalidAction,
        &[b"Invalid action: `", b"'."], &[Hole::Any], 400, "ticket/comment"),
    entry("empty-comment", Kind::EmptyComment,
        &[b"Empty comment with no attachments submitted."], &[], 400, "ticket/comment"),
    entry("no-attachment", Kind::NoAttachment,
        &[b"No attachment for ", b""], &[Hole::Any], 400, "ticket/comment (process_attachments)"),
    entry("not-allowed-on", Kind::NotAllowedOn,
        &[b"You are not allowed to ", b" on ticket ", b"."],
        &[Hole::OneOf(&[b"Comment", b"Correspond"]), Hole::Any], 403, "ticket/comment"),
    entry("not-allowed-modify", Kind::NotAllowedToModify,
        &[b"You are not allowed to modify ticket ", b"."], &[Hole::Any], 403, "ticket/merge"),
];

/// A message found by [`lookup`], borrowing from the payload.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Found<'a> {
    pub(crate) entry: &'static Entry,
    /// The message itself: its line, without the path line before it (for
    /// [`Hole::Lines`] every line of it).
    pub(crate) text: &'a [u8],
    /// The placeholders in order; unused ones are empty.
    pub(crate) holes: [&'a [u8]; 2],
}

/// Whether `payload` (what follows the status line's empty line; leading
/// empty lines, LF or CRLF, change nothing) is one of RT's plain-text
/// messages. Only the message's own lines are looked at: what follows them
/// (trailing LFs, a later envelope) does not matter.
pub(crate) fn is_plain_message(payload: &[u8]) -> bool {
    match skip_empty_lines(payload, true) {
        Some(rest) if !rest.is_empty() => ENTRIES
            .iter()
            .any(|e| e.verdict(rest, true) == Verdict::Yes),
        _ => false,
    }
}

/// Whether `partial`, the start of a payload that has not fully arrived, may
/// still become one of RT's plain-text messages: a message line (or the path
/// line before it) is not complete yet and could still take the shape. When
/// this is false, [`is_plain_message`] on the same bytes decides as it will on
/// the whole payload.
pub(crate) fn may_become_plain(partial: &[u8]) -> bool {
    let Some(rest) = skip_empty_lines(partial, false) else {
        return true;
    };
    if rest.is_empty() {
        return true;
    }
    let mut wait = false;
    for e in ENTRIES {
        match e.verdict(rest, false) {
            Verdict::Yes => return false,
            Verdict::Wait => wait = true,
            Verdict::No => {}
        }
    }
    wait
}

/// The message a whole plain-text payload is, with its placeholders: the
/// payload must be exactly the message (leading and trailing empty lines
/// aside).
pub(crate) fn lookup(payload: &[u8]) -> Option<Found<'_>> {
    let text = trim_end_lines(skip_empty_lines(payload, true)?);
    ENTRIES.iter().find_map(|e| e.lookup(text))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Verdict {
    Yes,
    No,
    /// Not decided until more of the line arrives.
    Wait,
}

impl Entry {
    /// The fixed start decides alone: the placeholder runs to the end of the
    /// line, or over several lines.
    fn by_start(&self) -> bool {
        matches!(
            (self.holes, self.parts),
            ([Hole::Lines], _) | ([Hole::Any], [_, b""])
        )
    }

    /// Decides on the first line(s) of `rest`. `complete`: the input ends
    /// here, an unterminated last line is whole.
    fn verdict(&self, rest: &[u8], complete: bool) -> Verdict {
        let mut rest = rest;
        if let Some(before) = self.before {
            match next_line(rest, complete) {
                Some((line, after)) if line == before => rest = after,
                Some(_) => return Verdict::No,
                None => return fixed_partial(before, rest),
            }
        }
        match next_line(rest, complete) {
            Some((line, _)) if self.line_holes(line).is_some() => Verdict::Yes,
            Some(_) => Verdict::No,
            None => self.partial(rest),
        }
    }

    /// A message line that has not ended yet.
    fn partial(&self, line: &[u8]) -> Verdict {
        let start = self.parts[0];
        if self.holes.is_empty() || !line.starts_with(start) {
            return fixed_partial(start, line);
        }
        if self.by_start() {
            return Verdict::Yes;
        }
        if trim_cr(line).len() > MAX_MESSAGE_LINE
            || (self.holes[0] == Hole::RtMessage && starts_form(&line[start.len()..]))
        {
            return Verdict::No;
        }
        Verdict::Wait
    }

    /// The placeholders of one whole message line, if it has this shape.
    fn line_holes<'a>(&self, line: &'a [u8]) -> Option<[&'a [u8]; 2]> {
        let rest = line.strip_prefix(self.parts[0])?;
        if self.by_start() {
            return Some([rest, &rest[..0]]);
        }
        if line.len() > MAX_MESSAGE_LINE {
            return None;
        }
        let mut out = [&rest[..0]; 2];
        fill(rest, &self.parts[1..], self.holes, &mut out).then_some(out)
    }

    fn lookup<'a>(&'static self, text: &'a [u8]) -> Option<Found<'a>> {
        let mut rest = text;
        if let Some(before) = self.before {
            let (line, after) = next_line(rest, true)?;
            if line != before {
                return None;
            }
            rest = after;
        }
        if self.holes == [Hole::Lines] {
            let inner = rest
                .strip_prefix(self.parts[0])?
                .strip_suffix(self.parts[1])?;
            return Some(Found {
                entry: self,
                text: rest,
                holes: [inner, &inner[..0]],
            });
        }
        let (line, after) = next_line(rest, true)?;
        if !after.is_empty() {
            return None;
        }
        let holes = self.line_holes(line)?;
        Some(Found {
            entry: self,
            text: line,
            holes,
        })
    }
}

/// `rest = hole part hole part …`, the last part ending the line; tries each
/// place of a middle part, rightmost first, until every hole fits.
fn fill<'a>(rest: &'a [u8], parts: &[&'static [u8]], holes: &[Hole], out: &mut [&'a [u8]]) -> bool {
    let (Some((&hole, holes)), Some((&part, parts))) = (holes.split_first(), parts.split_first())
    else {
        return rest.is_empty();
    };
    let Some((slot, out)) = out.split_first_mut() else {
        return false;
    };
    if parts.is_empty() {
        return match rest.strip_suffix(part) {
            Some(h) if hole.fits(h) => {
                *slot = h;
                true
            }
            _ => false,
        };
    }
    for at in memchr::memmem::rfind_iter(rest, part) {
        let h = &rest[..at];
        if hole.fits(h) && fill(&rest[at + part.len()..], parts, holes, out) {
            *slot = h;
            return true;
        }
    }
    false
}

impl Hole {
    fn fits(self, h: &[u8]) -> bool {
        match self {
            Hole::Any | Hole::Lines => true,
            Hole::Text => !h.is_empty(),
            Hole::OneOf(words) => words.contains(&h),
            Hole::RtMessage => !starts_form(h),
            Hole::LinkSpec => link_spec(h),
        }
    }
}

/// `link-spec = 1*DIGIT SP relation SP target` (`$ticket->Id`, the relation
/// as RT spells it, and `to` as given).
fn link_spec(h: &[u8]) -> bool {
    let digits = h.iter().take_while(|b| b.is_ascii_digit()).count();
    let Some(rest) = h[digits..].strip_prefix(b" ").filter(|_| digits > 0) else {
        return false;
    };
    RELATIONS.iter().any(|rel| {
        rest.strip_prefix(*rel)
            .and_then(|r| r.strip_prefix(b" "))
            .is_some_and(|target| !target.is_empty())
    })
}

/// Whether a line starts the way the first line of a real form set does: a
/// `#` comment, `id:`, or a search listing's `<id>:`.
fn starts_form(line: &[u8]) -> bool {
    let digits = line.iter().take_while(|b| b.is_ascii_digit()).count();
    line.starts_with(b"#")
        || line.starts_with(b"id:")
        || (digits > 0 && line.get(digits) == Some(&b':'))
}

/// A fixed line that has not ended yet: `Wait` while it can still be `text`.
fn fixed_partial(text: &[u8], line: &[u8]) -> Verdict {
    let still = text.starts_with(line)
        || line
            .strip_prefix(text)
            .is_some_and(|r| trim_cr(r).is_empty());
    if still { Verdict::Wait } else { Verdict::No }
}

/// The first line of `rest` without its LF and the CRs before it, and what
/// follows it; `None` if the line has not ended and the input may go on.
///
/// Every CR at the end of a line is dropped, not only the one of a CRLF: with
/// `ParseOptions::allow_crlf` the parser takes one CR of `"\r\r\n"` as line end
/// and keeps the other as data, which the form writer then ends with LF. A
/// line must be a message, or not, however many CRs end it, or such a form
/// would read back as a message.
fn next_line(rest: &[u8], complete: bool) -> Option<(&[u8], &[u8])> {
    let (line, after) = match memchr::memchr(b'\n', rest) {
        Some(p) => (&rest[..p], &rest[p + 1..]),
        None if complete => (rest, &rest[rest.len()..]),
        None => return None,
    };
    Some((trim_cr(line), after))
}

fn trim_cr(mut line: &[u8]) -> &[u8] {
    while let [l @ .., b'\r'] = line {
        line = l;
    }
    line
}

/// Skips empty lines (LF or CRLF). `None` if what is left may still be the
/// start of an empty line (a lone CR with more input to come).
fn skip_empty_lines(mut rest: &[u8], complete: bool) -> Option<&[u8]> {
    loop {
        if let Some(r) = rest
            .strip_prefix(b"\n")
            .or_else(|| rest.strip_prefix(b"\r\n"))
        {
            rest = r;
        } else if rest == b"\r" {
            return complete.then_some(&rest[..0]);
        } else {
            return Some(rest);
        }
    }
}

/// Drops trailing empty lines and the line end before them (LFs and CRs).
fn trim_end_lines(mut text: &[u8]) -> &[u8] {
    while let [t @ .., b'\n' | b'\r'] = text {
        text = t;
    }
    text
}

#[cfg(test)]
#[path = "catalogue_tests.rs"]
mod tests;
