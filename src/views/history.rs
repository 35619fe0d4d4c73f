//! History: the short listing, long entries, one entry
//! and `transaction/<t>`.

use alloc::vec::Vec;

use super::ViewError;
use super::message::{Message, Notice, form_notices, offset_in};
use super::record::{RawValue, Record, collect, empty_body, shape};
use super::values::{Size, TransactionType, parse_number, parse_size};
use crate::error::{ErrorKind, ParseError};
use crate::response::Response;

/// The header comment `# <matched>/<total> (<args>/total)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct HistoryHeader<'a> {
    /// Transactions after filtering (RT 5.0.3 prints 1 in long entries).
    pub matched: u64,
    /// All transactions of the ticket.
    pub total: u64,
    /// The path after `history` (`""`, `type/Comment`, `id/59`).
    pub args: &'a str,
}

fn header_in<'a>(notices: &[Notice<'a>]) -> Option<HistoryHeader<'a>> {
    notices.iter().find_map(|n| match n.message {
        Message::HistoryHeader {
            matched,
            total,
            args,
        } => Some(HistoryHeader {
            matched,
            total,
            args,
        }),
        _ => None,
    })
}

/// One line `<transaction-id>: <description>` of the short listing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct HistoryLine<'a> {
    /// The transaction id.
    pub id: u64,
    /// The description (localised by RT).
    pub description: RawValue<'a>,
}

/// The short history `ticket/<n>/history`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct History<'a> {
    /// The header comment.
    pub header: HistoryHeader<'a>,
    /// The transactions, in RT's order.
    pub entries: Vec<HistoryLine<'a>>,
}

impl<'a> History<'a> {
    /// Reads the listing. A filter that matches nothing gives no entries.
    ///
    /// # Errors
    /// [`ViewError::Server`] if RT refused (`# Ticket 999 does not exist.`);
    /// [`ViewError::Shape`] without the header or with a line that is not
    /// `<id>: <description>`.
    pub fn from_response(response: &Response<'a>) -> Result<Self, ViewError<'a>> {
        empty_body(response, "a history listing")?;
        let c = collect(response)?;
        if let Some(e) = c.failure(response) {
            return Err(e);
        }
        let header = header_in(&c.notices);
        let Some(header) = header else {
            return Err(shape(response, 0, "a history header `# <m>/<n> (<args>/total)`").into());
        };
        let input = response.input();
        let mut entries = Vec::new();
        for form in &c.forms {
            for f in form.fields() {
                let id = parse_number(f.key()).map_err(|e| e.rebase(input, f.offset()))?;
                entries.push(HistoryLine {
                    id,
                    description: RawValue::new(f, input),
                });
            }
        }
        Ok(History { header, entries })
    }
}

/// One line `<id>: <name> (<size>)` of a history entry's `Attachments`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HistoryAttachment<'a> {
    /// The attachment id.
    pub id: u64,
    /// The name as printed (`untitled` when the part has none).
    pub name: &'a [u8],
    /// The size as printed (`0b`, `1.5k`; RT 5.0.3 prints a bare `b` for an
    /// empty part in `transaction/<t>?format=l`).
    pub size_text: &'a str,
    /// The size, parsed.
    pub size: Size,
}

/// `history-attachment-line = 1*DIGIT ": " name " (" size ")"`, anchored on
/// the last `" ("`.
fn attachment_line<'a>(
    input: &'a [u8],
    line: &'a [u8],
) -> Result<HistoryAttachment<'a>, ParseError> {
    let err = |at: usize, what: &str| {
        ParseError::view(input, offset_in(input, line) + at, ErrorKind::Value, what)
    };
    let colon =
        memchr::memmem::find(line, b": ").ok_or_else(|| err(0, "`<id>: <name> (<size>)`"))?;
    let id = parse_number(&line[..colon]).map_err(|e| e.rebase(input, offset_in(input, line)))?;
    let body = &line[colon + 2..];
    let Some(inner) = body.strip_suffix(b")") else {
        return Err(err(line.len(), "`)` at the end of the attachment line"));
    };
    let open = memchr::memmem::rfind(inner, b" (")
        .ok_or_else(|| err(colon + 2, "` (<size>)` after the name"))?;
    let size_bytes = &inner[open + 2..];
    let size = parse_size(size_bytes).map_err(|e| e.rebase(input, offset_in(input, size_bytes)))?;
    Ok(HistoryAttachment {
        id,
        name: &inner[..open],
        size_text: core::str::from_utf8(size_bytes).unwrap_or_default(),
        size,
    })
}

/// One long history entry or transaction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HistoryEntry<'a> {
    /// The header comment (absent for `transaction/<t>`).
    pub header: Option<HistoryHeader<'a>>,
    /// The fields.
    pub record: Record<'a>,
}

impl<'a> HistoryEntry<'a> {
    /// The transaction id.
    ///
    /// # Errors
    /// No `id`, or not a number.
    pub fn id(&self) -> Result<u64, ParseError> {
        self.record.require("id")?.number()
    }

    /// `Ticket`.
    ///
    /// # Errors
    /// Not a number.
    pub fn ticket(&self) -> Result<Option<u64>, ParseError> {
        self.record.number("Ticket")
    }

    /// `Type`, classified.
    #[must_use]
    pub fn kind(&self) -> Option<TransactionType<'a>> {
        self.record
            .get("Type")
            .and_then(|v| v.as_str())
            .map(TransactionType::parse)
    }

    /// `Description`.
    #[must_use]
    pub fn description(&self) -> Option<RawValue<'a>> {
        self.record.get("Description")
    }

    /// `Content` (or RT's `This transaction appears to have no content`).
    #[must_use]
    pub fn content(&self) -> Option<RawValue<'a>> {
        self.record.get("Content")
    }

    /// `TimeTaken` in minutes.
    ///
    /// # Errors
    /// Not a number.
    pub fn time_taken(&self) -> Result<Option<u64>, ParseError> {
        self.record.minutes("TimeTaken")
    }

    /// The `Attachments` lines.
    ///
    /// # Errors
    /// A line that is not `<id>: <name> (<size>)`.
    pub fn attachments(&self) -> Result<Vec<HistoryAttachment<'a>>, ParseError> {
        let mut out = Vec::new();
        if let Some(v) = self.record.get("Attachments") {
            for line in v.value().lines().filter(|l| !l.is_empty()) {
                out.push(attachment_line(self.record.input(), line)?);
            }
        }
        Ok(out)
    }
}

/// The long history (`…/history?format=l`, `…/history/id/<t>`,
/// `transaction/<t>`), over every envelope of the body.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct LongHistory<'a> {
    /// The entries, in RT's order.
    pub entries: Vec<HistoryEntry<'a>>,
}

impl<'a> LongHistory<'a> {
    /// Reads every form whose `id` is a bare number. Forms of other objects
    /// in the same body (a `show` of a ticket and a history at once) are left
    /// to their own views.
    ///
    /// # Errors
    /// [`ViewError::Server`] if RT refused (`# Transaction 59 is not related
    /// to Ticket 1`, error text for `transaction/<missing>`);
    /// [`ViewError::Shape`] if no form is a transaction.
    pub fn from_response(response: &Response<'a>) -> Result<Self, ViewError<'a>> {
        empty_body(response, "a history entry")?;
        let c = collect(response)?;
        if let Some(e) = c.failure(response) {
            return Err(e);
        }
        let input = response.input();
        let mut entries = Vec::new();
        for form in &c.forms {
            let record = Record::from_form(input, form);
            if record.get("id").is_none_or(|v| v.number().is_err()) {
                continue;
            }
            let mut notices = Vec::new();
            form_notices(input, form, &mut notices);
            let header = header_in(&notices);
            entries.push(HistoryEntry { header, record });
        }
        if entries.is_empty() {
            if let Some(e) = c.any_failure(response) {
                return Err(e);
            }
            return Err(shape(response, 0, "a form with a numeric `id` (a transaction)").into());
        }
        Ok(LongHistory { entries })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse_response;

    #[test]
    fn short_section_9_10() {
        let body = b"RT/5.0.3 200 Ok\n\n# 3/3 (/total)\n\n101: Ticket created by root\n102: Outgoing email recorded by RT_System\n103: Reference to #1: hello added by root\n\n";
        let r = parse_response(body).unwrap();
        let h = History::from_response(&r).unwrap();
        assert_eq!(
            (h.header.matched, h.header.total, h.header.args),
            (3, 3, "")
        );
        assert_eq!(h.entries.len(), 3);
        assert_eq!(h.entries[0].id, 101);
        assert_eq!(
            h.entries[2].description.as_str(),
            Some("Reference to #1: hello added by root")
        );
        let r = parse_response(b"RT/5.0.3 200 Ok\n\n# 0/1 (type/Comment/total)\n\n\n").unwrap();
        let h = History::from_response(&r).unwrap();
        assert!(h.entries.is_empty());
        assert_eq!(h.header.args, "type/Comment");
        let r = parse_response(b"RT/5.0.3 200 Ok\n\n# Ticket 9 does not exist.\n\n\n").unwrap();
        assert!(matches!(
            History::from_response(&r),
            Err(ViewError::Server(_))
        ));
    }

    const LONG: &[u8] = b"RT/5.0.3 200 Ok\n\n# 1/3 (id/101/total)\n\nid: 101\nTicket: 6\nTimeTaken: 0\nType: Create\nField: \nOldValue: \nNewValue: \nData: \nDescription: Ticket created by root\n\nContent: Line one\n           indented line two\n         \n         end\n\nCreator: root\nCreated: 2026-11-28 23:37:01\n\nAttachments: \n             41: untitled (0b)\n             43: note, (x).txt (25b)\n             44: big.txt (1.5k)\n\n\n--\n\n# 1/3 (id/102/total)\n\nid: 102\nTicket: 6\nTimeTaken: 5\nType: SetWatcher\nDescription: x\nContent: This transaction appears to have no content\nAttachments: \n\nRT/5.0.3 200 Ok\n\nid: ticket/1\nSubject: s\n\n";

    #[test]
    fn long_section_9_11() {
        let r = parse_response(LONG).unwrap();
        let h = LongHistory::from_response(&r).unwrap();
        assert_eq!(h.entries.len(), 2);
        let e = &h.entries[0];
        assert_eq!(e.header.unwrap().args, "id/101");
        assert_eq!(e.id().unwrap(), 101);
        assert_eq!(e.ticket().unwrap(), Some(6));
        assert_eq!(e.kind(), Some(TransactionType::Create));
        assert_eq!(
            e.content().unwrap().to_str().unwrap(),
            "Line one\n  indented line two\n\nend"
        );
        let a = e.attachments().unwrap();
        assert_eq!(a.len(), 3);
        assert_eq!(a[1].name, b"note, (x).txt");
        assert_eq!(a[2].size, Size::Tenths(15));
        assert_eq!(
            e.record
                .date("Created")
                .unwrap()
                .unwrap()
                .at()
                .unwrap()
                .minute,
            37
        );
        let e = &h.entries[1];
        assert_eq!(e.kind(), Some(TransactionType::Other("SetWatcher")));
        assert_eq!(e.time_taken().unwrap(), Some(5));
        assert!(e.attachments().unwrap().is_empty());
    }

    #[test]
    fn transaction_quirk_empty_size() {
        let body = b"RT/5.0.3 200 Ok\n\nid: 59\nAttachments: \n             5: untitled (b)\n\n\n";
        let r = parse_response(body).unwrap();
        let h = LongHistory::from_response(&r).unwrap();
        assert_eq!(h.entries[0].attachments().unwrap()[0].size, Size::Bytes(0));
        let bad = b"RT/5.0.3 200 Ok\n\nid: 59\nAttachments: \n             5: untitled\n\n\n";
        let r = parse_response(bad).unwrap();
        let e = LongHistory::from_response(&r).unwrap().entries[0]
            .attachments()
            .unwrap_err();
        assert_eq!((e.kind(), e.line()), (ErrorKind::Value, 5));
    }
}
