//! Status changes in history: typed from the fields of a long entry, which
//! RT never translates, and from the English description of the short
//! listing.

use nom::{
    IResult, Parser,
    bytes::complete::{tag, take_until},
    combinator::rest,
};

use super::history::{HistoryEntry, HistoryLine};
use super::values::TicketStatus;

/// A change of a ticket's status, as a history entry records it. Statuses
/// of a site's own lifecycle are kept verbatim ([`TicketStatus::Other`]),
/// non-ASCII letters and spaces included.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct StatusChange<'a> {
    /// The status before.
    pub from: TicketStatus<'a>,
    /// The status after.
    pub to: TicketStatus<'a>,
}

impl<'a> HistoryEntry<'a> {
    /// The status change this entry records: `Type: Status` (or `Set`) with
    /// `Field: Status`, from `OldValue` to `NewValue`. These fields hold the
    /// statuses as RT stores them, in every user language (only the
    /// `Description` is translated). `None` for any other entry.
    ///
    /// ```
    /// use rt_wire::views::{LongHistory, StatusChange, TicketStatus};
    /// let body = "RT/5.0.3 200 Ok\n\n# 1/1 (id/74/total)\n\nid: 74\nTicket: 1\nType: Status\nField: Status\nOldValue: new\nNewValue: geprüft\nDescription: Status von 'neu' auf 'geprüft' geändert von anna\n\n";
    /// let r = rt_wire::parse_response(body.as_bytes())?;
    /// let history = LongHistory::from_response(&r)?;
    /// assert_eq!(
    ///     history.entries[0].status_change(),
    ///     Some(StatusChange { from: TicketStatus::New, to: TicketStatus::Other("geprüft") })
    /// );
    /// # Ok::<(), Box<dyn std::error::Error + '_>>(())
    /// ```
    #[must_use]
    pub fn status_change(&self) -> Option<StatusChange<'a>> {
        let text = |key: &str| self.record.get(key).and_then(|v| v.as_str());
        if !matches!(text("Type"), Some("Status" | "Set")) || text("Field") != Some("Status") {
            return None;
        }
        Some(StatusChange {
            from: TicketStatus::parse(text("OldValue")?),
            to: TicketStatus::parse(text("NewValue")?),
        })
    }
}

/// `status-description = "Status changed from '" status "' to '" status "' by " name`
fn status_description(i: &str) -> IResult<&str, (&str, &str, &str)> {
    let (i, (_, from, _, to, _, by)) = (
        tag("Status changed from '"),
        take_until("' to '"),
        tag("' to '"),
        take_until("' by "),
        tag("' by "),
        rest,
    )
        .parse(i)?;
    Ok((i, (from, to, by)))
}

impl<'a> HistoryLine<'a> {
    /// The status change an English description names (`Status changed
    /// from 'new' to 'open' by anna`), with the user who made it. RT
    /// translates this description for users of other languages, stock
    /// statuses included (`Status von 'neu' auf 'offen' geändert von
    /// anna`): there it is `None` and the description stays verbatim; the
    /// long history ([`HistoryEntry::status_change`]) is typed in every
    /// language.
    ///
    /// ```
    /// use rt_wire::views::{History, StatusChange, TicketStatus};
    /// let body = b"RT/5.0.3 200 Ok\n\n# 2/2 (/total)\n\n84: Status changed from 'new' to 'waiting on customer' by anna\n85: Status von 'neu' auf 'offen' ge\xc3\xa4ndert von anna\n\n";
    /// let r = rt_wire::parse_response(body)?;
    /// let history = History::from_response(&r)?;
    /// let change = StatusChange { from: TicketStatus::New, to: TicketStatus::Other("waiting on customer") };
    /// assert_eq!(history.entries[0].status_change(), Some((change, "anna")));
    /// assert_eq!(history.entries[1].status_change(), None);
    /// # Ok::<(), Box<dyn std::error::Error + '_>>(())
    /// ```
    #[must_use]
    pub fn status_change(&self) -> Option<(StatusChange<'a>, &'a str)> {
        let (_, (from, to, by)) = status_description(self.description.as_str()?).ok()?;
        let change = StatusChange {
            from: TicketStatus::parse(from),
            to: TicketStatus::parse(to),
        };
        Some((change, by))
    }
}
