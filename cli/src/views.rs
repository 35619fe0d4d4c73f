//! `rt-wire parse --as KIND`: a response body → the typed view as JSON.
//!
//! The JSON is the view's `Serialize` (rt-wire's `serde` feature) written by
//! `serde_json`: keys are RT's field names in snake case (`AdminCc` →
//! `admin_cc`), strings that are not UTF-8 are written losslessly as
//! `{"base64": "…"}`.

use std::io::Write;

use rt_wire::views::{
    Attachment, AttachmentContent, AttachmentList, Group, History, Lang, Links, LongHistory, Queue,
    Reply, SearchResults, TicketList, User, ViewError,
};
use rt_wire::{Framing, ParseOptions, parse_response_with};
use serde::Serialize;

/// The kinds `--as` accepts.
#[derive(Clone, Copy, PartialEq, Eq, Debug, clap::ValueEnum)]
pub enum Kind {
    /// `ticket/<n>`, `show?id=…`, search `format=l`: tickets and messages.
    Ticket,
    /// `ticket/<n>/links`.
    Links,
    /// `ticket/<n>/attachments`: the listing.
    Attachments,
    /// `ticket/<n>/attachments/<a>`, `attachment/<a>`.
    Attachment,
    /// `…/content`: the attachment's exact bytes, not JSON.
    Content,
    /// `ticket/<n>/history`.
    History,
    /// `…/history?format=l`, `…/history/id/<t>`.
    HistoryLong,
    /// `search/…`.
    Search,
    /// `user/<u>`.
    User,
    /// `queue/<q>`.
    Queue,
    /// `group/<g>`.
    Group,
    /// `transaction/<t>`.
    Transaction,
    /// Any answer: RT's code and its messages.
    Message,
}

impl Kind {
    /// The name `--as` takes (`history-long`).
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Kind::Ticket => "ticket",
            Kind::Links => "links",
            Kind::Attachments => "attachments",
            Kind::Attachment => "attachment",
            Kind::Content => "content",
            Kind::History => "history",
            Kind::HistoryLong => "history-long",
            Kind::Search => "search",
            Kind::User => "user",
            Kind::Queue => "queue",
            Kind::Group => "group",
            Kind::Transaction => "transaction",
            Kind::Message => "message",
        }
    }
}

/// Parses `input` as the response shape `kind` and writes its JSON (for
/// `content`: the attachment's bytes) to `stdout`.
///
/// # Errors
/// A body that does not parse, a body of another shape, a value that does
/// not have RT's format, or RT's refusal, as a message for the user.
pub fn run_as(kind: Kind, input: &[u8], stdout: &mut dyn Write) -> Result<(), String> {
    run_as_in(kind, None, input, stdout)
}

/// [`run_as`], with a ticket's `dates` read in the RT user's language
/// `lang` when given (else in any language RT ships).
///
/// # Errors
/// As [`run_as`].
pub fn run_as_in(
    kind: Kind,
    lang: Option<Lang>,
    input: &[u8],
    stdout: &mut dyn Write,
) -> Result<(), String> {
    let framing = match kind {
        Kind::Content => Framing::Content,
        Kind::Search => Framing::Search,
        _ => Framing::Object,
    };
    let r = &parse_response_with(input, &ParseOptions::new().framing(framing))
        .map_err(|e| format!("not an RT response: {e}"))?;
    let fail = |e: ViewError<'_>| match e {
        ViewError::Server(e) => format!("{e}"),
        ViewError::Shape(e) => format!("not a `{}` response: {e}", kind.name()),
        other => format!("{other}"),
    };
    let json = match kind {
        Kind::Content => {
            let c = AttachmentContent::from_response(r).map_err(fail)?;
            return stdout.write_all(c.bytes).map_err(|e| e.to_string());
        }
        Kind::Ticket => {
            let list = TicketList::from_response(r).map_err(fail)?;
            match lang {
                Some(lang) => to_json(&list.in_lang(lang)),
                None => to_json(&list),
            }
        }
        Kind::Links => to_json(&Links::from_response(r).map_err(fail)?),
        Kind::Attachments => to_json(&AttachmentList::from_response(r).map_err(fail)?),
        Kind::Attachment => to_json(&Attachment::from_response(r).map_err(fail)?),
        Kind::History => to_json(&History::from_response(r).map_err(fail)?),
        Kind::HistoryLong | Kind::Transaction => {
            to_json(&LongHistory::from_response(r).map_err(fail)?)
        }
        Kind::Search => to_json(&SearchResults::from_response(r).map_err(fail)?),
        Kind::User => to_json(&User::from_response(r).map_err(fail)?),
        Kind::Queue => to_json(&Queue::from_response(r).map_err(fail)?),
        Kind::Group => to_json(&Group::from_response(r).map_err(fail)?),
        Kind::Message => to_json(&Reply::from_response(r)),
    }?;
    stdout.write_all(&json).map_err(|e| e.to_string())
}

/// `--lang`'s value parser: one of the languages RT ships.
///
/// # Errors
/// Any other code, with the list of those.
pub fn parse_lang(code: &str) -> Result<Lang, String> {
    Lang::new(code).ok_or_else(|| {
        let all: Vec<&str> = rt_wire::views::cldr_languages().collect();
        format!(
            "`{code}` is not a language RT ships; one of: {}",
            all.join(", ")
        )
    })
}

/// The view's JSON and a line feed; a value that does not have RT's format
/// (the view's `Serialize` fails) is an error, and nothing is written.
fn to_json<T: Serialize>(view: &T) -> Result<Vec<u8>, String> {
    let mut out = serde_json::to_vec(view).map_err(|e| format!("malformed value: {e}"))?;
    out.push(b'\n');
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(kind: &str, body: &[u8]) -> Result<String, String> {
        let kind = <Kind as clap::ValueEnum>::from_str(kind, false)?;
        let mut out = Vec::new();
        run_as(kind, body, &mut out)?;
        Ok(String::from_utf8(out).unwrap())
    }

    #[test]
    fn message_json() {
        let out = run("message", b"RT/5.0.3 200 Ok\n\n# Ticket 7 created.\n\n").unwrap();
        assert_eq!(
            out,
            "{\"code\":200,\"reason\":\"Ok\",\"failure\":false,\"messages\":[{\"kind\":\"created\",\"object\":\"ticket\",\"id\":7,\"text\":\"Ticket 7 created.\"}]}\n"
        );
        let out = run("message", b"").unwrap();
        assert_eq!(
            out,
            "{\"code\":null,\"reason\":null,\"failure\":false,\"messages\":[]}\n"
        );
    }

    #[test]
    fn kinds_and_errors() {
        assert!(run("bogus", b"").is_err());
        let e = run(
            "ticket",
            b"RT/5.0.3 200 Ok\n\n# Ticket 999 does not exist.\n\n\n",
        )
        .unwrap_err();
        assert!(e.contains("Ticket 999 does not exist."), "{e}");
        let e = run("user", b"RT/5.0.3 200 Ok\n\nid: ticket/1\n\n").unwrap_err();
        assert!(e.contains("not a `user` response"), "{e}");
        assert_eq!(run("content", b"").unwrap(), "");
        assert_eq!(run("attachments", b"").unwrap(), "{\"attachments\":[]}\n");
        let out = run(
            "ticket",
            b"RT/5.0.3 200 Ok\n\nid: ticket/1\nSubject: \xff\nCc: a@x, b@x\nCF.{T}: a,'b,c'\n\n",
        )
        .unwrap();
        assert_eq!(
            out,
            "{\"tickets\":[{\"id\":1,\"subject\":{\"base64\":\"/w==\"},\"cc\":[\"a@x\",\"b@x\"],\"custom_fields\":{\"T\":[\"a\",\"b,c\"]},\"dates\":{}}],\"messages\":[]}\n"
        );
        assert!(parse_lang("pt_BR").is_ok());
        let e = parse_lang("xx").unwrap_err();
        assert!(e.contains("de, el, en,"), "{e}");
    }
}
