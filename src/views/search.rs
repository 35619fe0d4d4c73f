//! Search results in formats `i`, `s`, `l` and the tab-separated
//! `format=s` with `fields=`.

use alloc::borrow::Cow;
use alloc::vec::Vec;

use super::ViewError;
use super::message::{Message, Notice, Reply, ServerError, classify_text, offset_in, trim_lf};
use super::record::{Collected, Record, collect, shape};
use super::values::{parse_number, parse_object_ref};
use crate::error::ParseError;
use crate::form::Form;
use crate::response::{BodyKind, Response};

/// The listing format RT used.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub enum SearchFormat {
    /// `format=i`: `<type>/<id>` per line.
    Ids,
    /// `format=s`: `<id>: <Subject or Name>` per line.
    Short,
    /// `format=s` with `fields=`: a header row and tab-separated rows.
    Table,
    /// `format=l`: one form per object.
    Long,
}

/// One object found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchRow<'a> {
    /// The object id.
    pub id: u64,
    /// The object type, when RT printed it (`i` and `l`).
    pub kind: Option<&'a str>,
    /// The subject (tickets) or name (others) of format `s`.
    pub summary: Option<Cow<'a, [u8]>>,
    /// The other fields as key and decoded value (formats `l` and table).
    pub fields: Vec<(&'a [u8], Cow<'a, [u8]>)>,
}

impl<'a> SearchRow<'a> {
    /// The value of `key`, from the fields or (for `Subject` and `Name`) the
    /// summary of format `s`.
    #[must_use]
    pub fn get(&self, key: &str) -> Option<&Cow<'a, [u8]>> {
        self.fields
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key.as_bytes()))
            .map(|(_, v)| v)
            .or_else(|| {
                (key.eq_ignore_ascii_case("subject") || key.eq_ignore_ascii_case("name"))
                    .then_some(self.summary.as_ref())
                    .flatten()
            })
    }
}

/// The results of `search/<type>`, parsed with
/// [`Framing::Search`](crate::Framing::Search). No results is an empty list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchResults<'a> {
    /// The format RT used (an empty result of format `i` reads as `Ids`).
    pub format: SearchFormat,
    /// The header row of a table (field names, `id` first).
    pub header: Vec<&'a [u8]>,
    /// The objects in RT's order.
    pub rows: Vec<SearchRow<'a>>,
    /// Messages of forms that were not objects.
    pub messages: Vec<Notice<'a>>,
}

impl<'a> SearchResults<'a> {
    /// Reads the results.
    ///
    /// # Errors
    /// [`ViewError::Server`] if RT refused (`Invalid query: …`, `Unknown
    /// listing format`, `Invalid query specification` under 200);
    /// [`ViewError::Shape`] for a payload of no listing format.
    pub fn from_response(response: &Response<'a>) -> Result<Self, ViewError<'a>> {
        if response.kind() == BodyKind::Empty {
            return Err(shape(
                response,
                0,
                "a search result (RT always sends a status line)",
            )
            .into());
        }
        let c = collect(response)?;
        let Some(env) = response.envelopes().next() else {
            return Err(shape(response, 0, "an envelope").into());
        };
        let input = response.input();
        let as_text = !env.is_forms() || super::message::text_notice(input, &env).is_some();
        if as_text {
            Self::from_text(response, trim_lf(env.raw_payload()))
        } else {
            Self::from_forms(response, c)
        }
    }

    /// No rows, no header, no messages.
    fn empty(format: SearchFormat) -> Self {
        SearchResults {
            format,
            header: Vec::new(),
            rows: Vec::new(),
            messages: Vec::new(),
        }
    }

    /// A payload read as text: nothing (format `i`), `No matching results.`
    /// (format `s`), a table, `<type>/<id>` lines, or RT's refusal.
    fn from_text(response: &Response<'a>, text: &'a [u8]) -> Result<Self, ViewError<'a>> {
        if text.is_empty() {
            return Ok(Self::empty(SearchFormat::Ids));
        }
        let message = classify_text(text);
        if message == Message::NoMatchingResults {
            return Ok(Self::empty(SearchFormat::Short));
        }
        if text.starts_with(b"id\t") || text == b"id" || text.starts_with(b"id\n") {
            return Ok(table(text));
        }
        if let Some(rows) = ids(text) {
            return Ok(SearchResults {
                rows,
                ..Self::empty(SearchFormat::Ids)
            });
        }
        let notice = Notice {
            message,
            text,
            offset: offset_in(response.input(), text),
        };
        if message.is_failure() {
            return Err(ViewError::Server(ServerError {
                reply: Reply {
                    status: response.status(),
                    messages: alloc::vec![notice],
                },
            }));
        }
        Err(shape(
            response,
            notice.offset,
            "search results in format i, s or l",
        )
        .into())
    }

    /// A payload of forms: format `l` when the first form has an `id`,
    /// otherwise format `s` (`<id>: <summary>` fields).
    fn from_forms(response: &Response<'a>, c: Collected<'_, 'a>) -> Result<Self, ViewError<'a>> {
        if let Some(e) = c.failure(response) {
            return Err(e);
        }
        if c.forms.is_empty() {
            return Ok(SearchResults {
                messages: c.notices,
                ..Self::empty(SearchFormat::Ids)
            });
        }
        let long = c.forms[0].get("id").is_some();
        let mut rows = Vec::new();
        for form in &c.forms {
            if long {
                rows.push(long_row(response, form)?);
            } else {
                short_rows(response.input(), form, &mut rows)?;
            }
        }
        Ok(SearchResults {
            format: if long {
                SearchFormat::Long
            } else {
                SearchFormat::Short
            },
            header: Vec::new(),
            rows,
            messages: c.notices,
        })
    }
}

/// One form of format `l`: its `id: <type>/<n>` and the other fields.
fn long_row<'a>(
    response: &Response<'a>,
    form: &Form<'_, 'a>,
) -> Result<SearchRow<'a>, ViewError<'a>> {
    let record = Record::from_form(response.input(), form);
    let id = record.require("id")?.object_ref()?;
    let n = id
        .number()
        .ok_or_else(|| shape(response, form.span().start, "a numeric object id"))?;
    Ok(SearchRow {
        id: n,
        kind: Some(id.kind),
        summary: None,
        fields: record
            .fields()
            .filter(|f| f.key() != b"id")
            .map(|f| (f.key(), f.to_bytes()))
            .collect(),
    })
}

/// The rows of a form of format `s`: one `<id>: <summary>` per field.
fn short_rows<'a>(
    input: &'a [u8],
    form: &Form<'_, 'a>,
    rows: &mut Vec<SearchRow<'a>>,
) -> Result<(), ParseError> {
    for f in form.fields() {
        let id = parse_number(f.key()).map_err(|e| e.rebase(input, f.offset()))?;
        rows.push(SearchRow {
            id,
            kind: None,
            summary: Some(f.value().to_bytes()),
            fields: Vec::new(),
        });
    }
    Ok(())
}

/// `search-i = *( type "/" 1*DIGIT LF )`
fn ids(text: &[u8]) -> Option<Vec<SearchRow<'_>>> {
    text.split(|&b| b == b'\n')
        .map(|line| {
            let s = core::str::from_utf8(line).ok()?;
            let r = parse_object_ref(s).ok()?;
            if r.rest.is_some() {
                return None;
            }
            Some(SearchRow {
                id: r.number()?,
                kind: Some(r.kind),
                summary: None,
                fields: Vec::new(),
            })
        })
        .collect()
}

/// `search-tsv = header LF *( row LF )`. RT does not escape values: a value
/// holding LF continues on the next line, so a line with fewer cells than the
/// header is joined with the following ones.
fn table<'a>(text: &'a [u8]) -> SearchResults<'a> {
    let mut lines = text.split(|&b| b == b'\n');
    let header: Vec<&[u8]> = lines
        .next()
        .unwrap_or_default()
        .split(|&b| b == b'\t')
        .collect();
    let mut rows = Vec::new();
    let base = text.as_ptr() as usize;
    let cells = |r: &[u8]| r.iter().filter(|&&b| b == b'\t').count() + 1;
    let finish = |(start, end): (usize, usize), rows: &mut Vec<SearchRow<'a>>| {
        let mut cells = text[start..end].split(|&b| b == b'\t');
        if let Some(id) = cells.next().and_then(|c| parse_number(c).ok()) {
            rows.push(SearchRow {
                id,
                kind: None,
                summary: None,
                fields: header
                    .iter()
                    .skip(1)
                    .copied()
                    .zip(cells.map(Cow::Borrowed))
                    .collect(),
            });
        }
    };
    let mut current: Option<(usize, usize)> = None;
    for line in lines {
        let start = line.as_ptr() as usize - base;
        let end = start + line.len();
        let row_start = line
            .iter()
            .position(|b| !b.is_ascii_digit())
            .map_or(header.len() == 1, |p| p > 0 && line[p] == b'\t');
        match current {
            Some(span) if !row_start || cells(&text[span.0..span.1]) < header.len() => {
                current = Some((span.0, end));
            }
            _ => {
                if let Some(span) = current {
                    finish(span, &mut rows);
                }
                current = Some((start, end));
            }
        }
    }
    if let Some(span) = current {
        finish(span, &mut rows);
    }
    SearchResults {
        format: SearchFormat::Table,
        header,
        rows,
        messages: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Framing, ParseOptions, parse_response_with};

    fn parse(body: &[u8]) -> Result<SearchResults<'_>, ViewError<'_>> {
        let o = ParseOptions::new().framing(Framing::Search);
        let r = parse_response_with(body, &o).unwrap();
        // The view borrows only the input; rebuild it from a leaked response.
        let r = alloc::boxed::Box::leak(alloc::boxed::Box::new(r));
        SearchResults::from_response(r)
    }

    #[test]
    fn formats_section_9_18() {
        let i = parse(b"RT/5.0.3 200 Ok\n\nticket/6\nticket/7\n\n\n").unwrap();
        assert_eq!(i.format, SearchFormat::Ids);
        assert_eq!(i.rows.iter().map(|r| r.id).collect::<Vec<_>>(), [6, 7]);
        assert_eq!(i.rows[0].kind, Some("ticket"));
        let e = parse(b"RT/5.0.3 200 Ok\n\n\n\n").unwrap();
        assert!(e.rows.is_empty());
        let s = parse(b"RT/5.0.3 200 Ok\n\n6: hello: world\n7: x\n\n\n").unwrap();
        assert_eq!(s.format, SearchFormat::Short);
        assert_eq!(&s.rows[0].get("Subject").unwrap()[..], b"hello: world");
        let n = parse(b"RT/5.0.3 200 Ok\n\nNo matching results.\n\n\n").unwrap();
        assert!(n.rows.is_empty());
        let t = parse(b"RT/5.0.3 200 Ok\n\nid\tSubject\tCF.{Notes}\n1\thello\t\n6\tMulti\tline 1\nline 2\n\n\n").unwrap();
        assert_eq!(t.format, SearchFormat::Table);
        assert_eq!(t.header, [&b"id"[..], b"Subject", b"CF.{Notes}"]);
        assert_eq!(t.rows.len(), 2);
        assert_eq!(&t.rows[1].get("CF.{Notes}").unwrap()[..], b"line 1\nline 2");
        let l = parse(
            b"RT/5.0.3 200 Ok\n\nid: ticket/1\nSubject: a\n\n--\n\nid: ticket/2\nSubject: b\n\n\n",
        )
        .unwrap();
        assert_eq!(l.format, SearchFormat::Long);
        assert_eq!(l.rows[1].id, 2);
        assert_eq!(&l.rows[1].get("subject").unwrap()[..], b"b");
    }

    #[test]
    fn errors() {
        let e = parse(
            b"RT/5.0.3 400 Bad request\n\nUnknown listing format: x. (Use i, s, or l.)\n\n\n",
        )
        .unwrap_err();
        match e {
            ViewError::Server(e) => assert_eq!(e.code(), Some(400)),
            ViewError::Shape(e) => panic!("{e}"),
        }
        let e = parse(b"RT/5.0.3 200 Ok\n\nInvalid query specification: x\n\n\n").unwrap_err();
        assert!(matches!(e, ViewError::Server(_)));
        let e = parse(b"RT/5.0.3 200 Ok\n\nsomething else\n\n\n").unwrap_err();
        assert!(matches!(e, ViewError::Shape(_)));
    }
}
