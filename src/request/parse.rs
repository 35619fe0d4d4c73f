//! The request-side parser: `content` forms read exactly as RT's server reads
//! them (`form_parse`).
//!
//! Written from the spec's description; the differential test
//! `tests/oracle_form_parse.rs` runs RT's own `form_parse` on generated input
//! and checks that this parser returns the same forms.
//!
//! BE ADVISED: the value encoder in `value.rs` relies on the continuation and
//! de-indent rules implemented here (`read_value`); change them together.

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;

use super::vsplit::{is_ws, vsplit_into, ws_prefix_len};
use crate::write::FormWriter;

/// A value as RT's `form_parse` returns it: a string, or a list when the key
/// occurred more than once in the form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParsedValue<'a> {
    /// A key that occurred once.
    Scalar(Cow<'a, str>),
    /// A key that occurred more than once (`vpush`); in the last form of the
    /// content the list is then split with `vsplit`.
    List(Vec<String>),
}

impl ParsedValue<'_> {
    /// The scalar value, if this is one.
    #[must_use]
    pub fn as_scalar(&self) -> Option<&str> {
        match self {
            ParsedValue::Scalar(s) => Some(s),
            ParsedValue::List(_) => None,
        }
    }
}

/// One form of a request `content`, as RT's `form_parse` returns it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParsedForm<'a> {
    comment: Option<Cow<'a, str>>,
    fields: Vec<(&'a str, ParsedValue<'a>)>,
    error: Option<String>,
}

impl<'a> ParsedForm<'a> {
    /// The leading `#` comment block (its lines, each ended by LF).
    #[must_use]
    pub fn comment(&self) -> Option<&str> {
        self.comment.as_deref()
    }

    /// The fields in order of first occurrence; keys exactly as written.
    #[must_use]
    pub fn fields(&self) -> &[(&'a str, ParsedValue<'a>)] {
        &self.fields
    }

    /// The value of `key` (exact spelling, as RT stores it).
    #[must_use]
    pub fn get(&self, key: &str) -> Option<&ParsedValue<'a>> {
        self.fields.iter().find(|(k, _)| *k == key).map(|(_, v)| v)
    }

    /// The syntax-error text (`>>` echo, `echo-block`) if the form has a `#`
    /// line after a field: RT answers such a request with 409.
    #[must_use]
    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    fn is_kept(&self) -> bool {
        self.comment.is_some() || !self.fields.is_empty() || self.error.is_some()
    }

    fn push_value(&mut self, key: &'a str, value: Cow<'a, str>) {
        // `vpush`: a second occurrence turns the value into a list; an empty
        // first value is dropped then.
        match self.fields.iter_mut().find(|(k, _)| *k == key) {
            None => self.fields.push((key, ParsedValue::Scalar(value))),
            Some((_, v)) => match v {
                ParsedValue::Scalar(first) => {
                    let mut list = Vec::with_capacity(2);
                    if !first.is_empty() {
                        list.push(String::from(&**first));
                    }
                    list.push(value.into_owned());
                    *v = ParsedValue::List(list);
                }
                ParsedValue::List(list) => list.push(value.into_owned()),
            },
        }
    }

    /// The fields parsed so far in RT's response layout (`form_compose`).
    fn compose_fields(&self) -> String {
        let mut out = Vec::new();
        let mut w = FormWriter::new(&mut out);
        for (k, v) in &self.fields {
            match v {
                ParsedValue::Scalar(s) => w.field(k.as_bytes(), s.as_bytes()),
                ParsedValue::List(items) => {
                    w.list(k.as_bytes(), items.iter().map(String::as_bytes));
                }
            }
        }
        w.finish();
        String::from_utf8(out).unwrap_or_default()
    }
}

/// Whether `c` matches `ch` (an ASCII letter of a pattern) case-insensitively
/// as Perl matches decoded text: besides the two ASCII cases, `ſ` (U+017F)
/// folds to `s`. (The Kelvin sign folds to `k`, but no pattern of
/// [`cf_new_key`] or [`cf_old_key`] holds a `k`; [`is_key_letter`] takes it.)
fn fold_eq(c: char, ch: char) -> bool {
    c.eq_ignore_ascii_case(&ch) || (ch == 's' && c == '\u{17F}')
}

/// `[A-Za-z]` under Perl's `/i` on decoded text.
fn is_key_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '\u{17F}' || c == '\u{212A}'
}

/// Matches the case-insensitive literal `pat` (ASCII lower case) at the start
/// of `s`; returns the bytes consumed. The pair `st` also matches the
/// ligatures `ﬅ` and `ﬆ`, which Perl folds to `st`.
fn match_literal(s: &str, pat: &str) -> Option<usize> {
    let mut at = 0;
    let pb = pat.as_bytes();
    let mut i = 0;
    while i < pb.len() {
        let c = s[at..].chars().next()?;
        if pb[i] == b's' && pb.get(i + 1) == Some(&b't') && (c == '\u{FB05}' || c == '\u{FB06}') {
            at += c.len_utf8();
            i += 2;
            continue;
        }
        if !fold_eq(c, pb[i] as char) {
            return None;
        }
        at += c.len_utf8();
        i += 1;
    }
    Some(at)
}

/// After the `:` of a field line: end of line, or `\s+ (.*)`. Returns the
/// start of the value's first line.
fn after_colon(line: &str, colon: usize) -> Option<usize> {
    let rest = &line[colon + 1..];
    match rest.chars().next() {
        None => Some(line.len()),
        Some(c) if is_ws(c) => Some(colon + 1 + ws_prefix_len(rest)),
        Some(_) => None,
    }
}

/// `simple-key = ALPHA *( ALPHA / DIGIT / "_" / "-" )` then `":"` (the first
/// alternative of RT's key rule).
fn simple_key(line: &str) -> Option<(usize, usize)> {
    let mut chars = line.char_indices();
    match chars.next() {
        Some((_, c)) if is_key_letter(c) => {}
        _ => return None,
    }
    let end = chars
        .find(|&(_, c)| !(is_key_letter(c) || c.is_ascii_digit() || c == '_' || c == '-'))
        .map_or(line.len(), |(i, _)| i);
    if line[end..].starts_with(':') {
        after_colon(line, end).map(|v| (end, v))
    } else {
        None
    }
}

/// The greedy `1*not-comma` of a custom-field key starting at `from`, then
/// `tail` (`"}:"` or `":"`): the last such position before the first comma.
fn greedy_cf_name(line: &str, from: usize, tail: &str) -> Option<(usize, usize)> {
    // The name may not hold a comma: candidates end at the first one.
    let limit = line[from..].find(',').map_or(line.len(), |i| from + i);
    line[from..limit]
        .match_indices(tail)
        .map(|(j, _)| from + j)
        // The name needs at least one character.
        .filter(|&j| j > from)
        .filter_map(|j| {
            let colon = j + tail.len() - 1;
            after_colon(line, colon).map(|v| (colon, v))
        })
        .last()
}

/// `cf-new = "CF.{" 1*not-comma "}"` then `":"`, greedy.
fn cf_new_key(line: &str) -> Option<(usize, usize)> {
    let n = match_literal(line, "cf.{")?;
    greedy_cf_name(line, n, "}:")
}

/// `cf-old = ( "CF" / "CustomF" / "CField" / "CustomField" ) "-" 1*not-comma`
/// then `":"`, greedy.
fn cf_old_key(line: &str) -> Option<(usize, usize)> {
    for prefix in ["customfield-", "customf-", "cfield-", "cf-"] {
        if let Some(n) = match_literal(line, prefix) {
            return greedy_cf_name(line, n, ":");
        }
    }
    None
}

/// A field line: the key's end (the `:`) and the start of the
/// first value line, for the first key alternative that makes the whole line
/// match.
pub(crate) fn field_line(line: &str) -> Option<(usize, usize)> {
    simple_key(line)
        .or_else(|| cf_new_key(line))
        .or_else(|| cf_old_key(line))
}

/// Whether RT's `form_parse` reads the line `key + ":"` as the key `key`.
pub(crate) fn reads_back_as_key(key: &str) -> bool {
    let mut line = String::with_capacity(key.len() + 1);
    line.push_str(key);
    line.push(':');
    field_line(&line) == Some((key.len(), line.len()))
}

/// Reads a value: the first line's text plus the continuation lines that
/// follow. `lines` is advanced past the continuation lines.
fn read_value<'a>(first: &'a str, lines: &[&'a str], next: &mut usize) -> Cow<'a, str> {
    let start = *next;
    while *next < lines.len() {
        let l = lines[*next];
        if l.is_empty() || l.starts_with(is_ws) {
            *next += 1;
        } else {
            break;
        }
    }
    let mut cont = &lines[start..*next];
    // Exactly-empty trailing lines go first (the first line included when
    // nothing else is left).
    while let Some((last, rest)) = cont.split_last() {
        if last.is_empty() {
            cont = rest;
        } else {
            break;
        }
    }
    if cont.is_empty() {
        return Cow::Borrowed(first);
    }
    // The shortest leading-whitespace run among the continuation lines (the
    // first one of that length wins), removed where it is a prefix.
    let mut ws: &str = "";
    for l in cont {
        let n = ws_prefix_len(l);
        if n > 0 && (ws.is_empty() || l[..n].chars().count() < ws.chars().count()) {
            ws = &l[..n];
        }
    }
    let strip = |l: &'a str| l.strip_prefix(ws).unwrap_or(l);
    // Leading empty lines are dropped (the first line included).
    let mut parts = core::iter::once(first)
        .chain(cont.iter().map(|l| strip(l)))
        .skip_while(|l| l.is_empty());
    let mut out = String::new();
    if let Some(p) = parts.next() {
        out.push_str(p);
    }
    for p in parts {
        out.push('\n');
        out.push_str(p);
    }
    Cow::Owned(out)
}

/// Reads request `content` exactly as RT's server does (`form_parse`): the
/// forms it keeps, their comments, fields and syntax errors.
///
/// ```
/// use rt_wire::request::{parse_content, ParsedValue};
/// let forms = parse_content("Subject: hi\nText:\n line 1\n  line 2\nStatus:resolved\n# oops\n");
/// let form = &forms[0];
/// assert_eq!(form.get("Text"), Some(&ParsedValue::Scalar("line 1\n line 2".into())));
/// assert_eq!(form.get("Status"), None); // no space after the colon: ignored
/// assert_eq!(form.error(), Some("Subject: hi\n\nText: line 1\n       line 2\n\n>> # oops\n"));
/// ```
#[must_use]
pub fn parse_content(content: &str) -> Vec<ParsedForm<'_>> {
    let mut lines: Vec<&str> = content.split('\n').collect();
    // Perl's `split` drops trailing empty fields.
    while lines.last() == Some(&"") {
        lines.pop();
    }
    let mut forms = Vec::new();
    let mut form = ParsedForm::default();
    #[derive(PartialEq)]
    enum State {
        Start,
        Fields,
        Error,
    }
    let mut state = State::Start;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        i += 1;
        if line.is_empty() {
            continue;
        }
        if line == "--" {
            if form.is_kept() {
                forms.push(core::mem::take(&mut form));
            } else {
                form = ParsedForm::default();
            }
            state = State::Start;
        } else if state == State::Error {
            let e = form.error.get_or_insert_with(String::new);
            e.push_str(line);
            e.push('\n');
        } else if state == State::Start && line.starts_with('#') {
            let start = i - 1;
            while i < lines.len() && lines[i].starts_with('#') {
                i += 1;
            }
            let mut c = lines[start..i].join("\n");
            c.push('\n');
            form.comment = Some(Cow::Owned(c));
            state = State::Fields;
        } else if let Some((key_end, value_start)) = field_line(line) {
            let value = read_value(&line[value_start..], &lines, &mut i);
            form.push_value(&line[..key_end], value);
            state = State::Fields;
        } else if line.starts_with('#') {
            let mut e = form.compose_fields();
            if !line.starts_with(">>") {
                e.push_str(">> ");
            }
            e.push_str(line);
            e.push('\n');
            form.error = Some(e);
            state = State::Error;
        }
    }
    if form.is_kept() {
        // Only the form still open at the end has its lists split.
        for (_, v) in &mut form.fields {
            if let ParsedValue::List(list) = v {
                let mut split = Vec::with_capacity(list.len());
                for item in list.iter() {
                    vsplit_into(item, false, &mut split);
                }
                *list = split;
            }
        }
        forms.push(form);
    }
    forms
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    fn scalar(f: &ParsedForm<'_>, k: &str) -> String {
        String::from(f.get(k).and_then(ParsedValue::as_scalar).unwrap())
    }

    /// The examples RT's documentation gives of keys.
    #[test]
    fn keys() {
        fn k(l: &str) -> Option<(&str, &str)> {
            field_line(l).map(|(e, v)| (&l[..e], &l[v..]))
        }
        assert_eq!(k("CF-Foo: p: q"), Some(("CF-Foo", "p: q")));
        assert_eq!(k("CF-Foo Bar: x: y"), Some(("CF-Foo Bar: x", "y")));
        assert_eq!(k("CF-Foo Bar: x:"), Some(("CF-Foo Bar: x", "")));
        assert_eq!(k("CF-Foo Bar: x:y"), Some(("CF-Foo Bar", "x:y")));
        assert_eq!(k("CF.{Name}: a}: b"), Some(("CF.{Name}: a}", "b")));
        assert_eq!(k("CF.{a,b}: c"), None);
        assert_eq!(k("CF.{a}: b, c: d"), Some(("CF.{a}", "b, c: d")));
        assert_eq!(k("Subject:value"), None);
        assert_eq!(k("X.Y: z"), None);
        assert_eq!(k("1foo: bar"), None);
        assert_eq!(k("Subject:\u{3000}x"), Some(("Subject", "x")));
        assert_eq!(k("\u{212A}ey: v"), Some(("\u{212A}ey", "v")));
        assert_eq!(
            k("Cu\u{FB06}omField-x y: v"),
            Some(("Cu\u{FB06}omField-x y", "v"))
        );
        assert_eq!(k("Custom\u{FB01}eld-x y: v"), None);
        // `ſ` folds to the `s` of a prefix; no other letter stands in for it.
        assert_eq!(
            k("Cu\u{17F}tomField-x y: v"),
            Some(("Cu\u{17F}tomField-x y", "v"))
        );
        assert_eq!(k("CuxtomField-x y: v"), None);
        assert_eq!(k("C\u{17F}-x y: v"), None);
    }

    /// The examples RT's documentation gives of values.
    #[test]
    fn values() {
        let f = parse_content("Text: line1\n   deeper\n  shallow\n\n \n\nAfter: x");
        assert_eq!(scalar(&f[0], "Text"), "line1\n  deeper\n shallow\n\n");
        let f = parse_content("Text: a\n \n");
        assert_eq!(scalar(&f[0], "Text"), "a\n");
        let f = parse_content("Text:\tval\n  indented cont\n\tcont2");
        assert_eq!(scalar(&f[0], "Text"), "val\n  indented cont\ncont2");
        let f = parse_content("Text: x\n\u{A0}cont");
        assert_eq!(scalar(&f[0], "Text"), "x\ncont");
        let f = parse_content("Text:\n \n  a\n");
        assert_eq!(scalar(&f[0], "Text"), " a");
        let f = parse_content("Subject: x\r\n");
        assert_eq!(scalar(&f[0], "Subject"), "x\r");
    }

    #[test]
    fn forms_comments_errors() {
        let f = parse_content("# c1\n# c2\nA: 1\n--\n--\n\nB: 2\nstray\nC: 3\n# bad\nD: 4\n\n");
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].comment(), Some("# c1\n# c2\n"));
        assert_eq!(scalar(&f[0], "A"), "1");
        assert_eq!(f[1].error(), Some("B: 2\nC: 3\n>> # bad\nD: 4\n"));
        let f = parse_content("# c1\n\n# c2\nKey: v");
        assert_eq!(f[0].error(), Some(">> # c2\nKey: v\n"));
        assert!(parse_content("\n\n").is_empty());
    }

    #[test]
    fn duplicates_split_in_last_form_only() {
        let f = parse_content("Cc: a, b\nCc: c\n--\nCc: \nCc: 'x,y', z\n");
        assert_eq!(
            f[0].get("Cc"),
            Some(&ParsedValue::List(vec!["a, b".into(), "c".into()]))
        );
        assert_eq!(
            f[1].get("Cc"),
            Some(&ParsedValue::List(vec!["'x,y'".into(), "z".into()]))
        );
        let f = parse_content("Cc: a, b\nCc: c\n--\n");
        assert_eq!(
            f[0].get("Cc"),
            Some(&ParsedValue::List(vec!["a, b".into(), "c".into()]))
        );
    }
}
