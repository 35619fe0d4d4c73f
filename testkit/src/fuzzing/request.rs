//! The request-side oracles: `encode_structured` (everything the request API
//! builds is read back exactly by RT's request grammar) and `content_body`
//! (request bodies decode back to their parts).

use std::fmt;

use arbitrary::Unstructured;
use rt_wire::request::{
    Attachment, Content, Credentials, FieldName, FieldValue, ParsedForm, ParsedValue, RequestForm,
    multipart_body, parse_content, split_request_list, urlencoded_body, urlencoded_len,
};

use super::Show;

/// Field names that are valid most of the time, so that structured inputs
/// build forms rather than fail validation.
const NAMES: &[&str] = &[
    "Subject",
    "Text",
    "Status",
    "Queue",
    "Requestors",
    "CF.{Colon: Field}",
    "CF-Old",
    "Action",
];

/// What one field must read back as: its text, and for a list its items and
/// whether RT unquotes them.
struct Want<'d> {
    name: &'d str,
    text: String,
    list: Option<(Vec<&'d str>, bool)>,
}

impl fmt::Debug for Want<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}: {:?} {:?}", self.name, self.text, self.list)
    }
}

/// Anything the request API builds (forms of validated names and values,
/// plain and quoted lists, joined into `content`) encodes to its
/// `encoded_len` bytes of UTF-8 that the request-side parser (RT's
/// `form_parse`) reads back as the same forms, fields and values, with no
/// comment and no error; a list's value splits back (RT's `vsplit`, without
/// or with unquoting) into exactly its items, and a quoted list is refused
/// only for an item with a line break.
pub fn encode_structured(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let (content, expect) = build_content(&mut u);
    let bytes = content.to_bytes();
    assert_eq!(
        content.encoded_len(),
        bytes.len(),
        "encoded_len; {expect:?}"
    );
    let text = std::str::from_utf8(&bytes).expect("content is UTF-8");
    let parsed = parse_content(text);
    assert_eq!(
        parsed.len(),
        expect.len(),
        "form count; {expect:?} encoded as {}",
        Show(&bytes)
    );
    for (p, want) in parsed.iter().zip(&expect) {
        check_read_back(p, want, &bytes);
    }
}

/// Builds up to four forms of up to six fields from `u`; returns the content
/// and, for each form it accepted, the fields it accepted.
fn build_content<'d>(u: &mut Unstructured<'d>) -> (Content<'d>, Vec<Vec<Want<'d>>>) {
    let mut content = Content::new();
    let mut expect = Vec::new();
    let n_forms = u.int_in_range(1..=4u8).unwrap_or(1);
    for _ in 0..n_forms {
        let mut form = RequestForm::new();
        let mut fields = Vec::new();
        for _ in 0..u.int_in_range(1..=6u8).unwrap_or(1) {
            let name: &str = if u.ratio(3, 4).unwrap_or(true) {
                NAMES[usize::from(u.int_in_range(0..=7u8).unwrap_or(0))]
            } else {
                u.arbitrary().unwrap_or("")
            };
            if u.ratio(1, 4).unwrap_or(false) {
                fields.extend(push_list(u, &mut form, name));
            } else {
                let value: &str = u.arbitrary().unwrap_or("");
                if form.field(name, value).is_ok() {
                    fields.push(Want {
                        name,
                        text: String::from(value),
                        list: None,
                    });
                }
            }
        }
        if content.push(form).is_ok() {
            expect.push(fields);
        }
    }
    (content, expect)
}

/// Pushes a plain or quoted list of up to four items from `u` onto `form`;
/// returns what it must read back as, when the form accepted it.
fn push_list<'d>(
    u: &mut Unstructured<'d>,
    form: &mut RequestForm<'d>,
    name: &'d str,
) -> Option<Want<'d>> {
    let items: Vec<&str> = (0..u.int_in_range(0..=4u8).unwrap_or(0))
        .map(|_| u.arbitrary().unwrap_or(""))
        .collect();
    let strip = u.arbitrary().unwrap_or(false);
    let value = if strip {
        let v = FieldValue::quoted_list(&items);
        assert_eq!(
            v.is_err(),
            items.iter().any(|i| i.contains(['\n', '\r'])),
            "quoted_list of {items:?}: {v:?}"
        );
        v
    } else {
        FieldValue::plain_list(&items)
    };
    let (Ok(n), Ok(v)) = (FieldName::try_from(name), value) else {
        return None;
    };
    let text = String::from(v.as_str());
    form.push(n, v).ok()?;
    Some(Want {
        name,
        text,
        list: Some((items, strip)),
    })
}

/// One form read back by `parse_content` is exactly the fields wanted.
fn check_read_back(p: &ParsedForm<'_>, want: &[Want<'_>], bytes: &[u8]) {
    let ctx = || format!("{want:?} encoded as {}", Show(bytes));
    assert_eq!(p.error(), None, "error; {}", ctx());
    assert_eq!(p.comment(), None, "comment; {}", ctx());
    assert_eq!(p.fields().len(), want.len(), "field count; {}", ctx());
    for ((k, v), w) in p.fields().iter().zip(want) {
        assert_eq!(*k, w.name, "key; {}", ctx());
        let got = match v {
            ParsedValue::Scalar(s) => s,
            ParsedValue::List(_) => panic!("a list read back for one key; {}", ctx()),
        };
        assert_eq!(&**got, w.text, "value of {k}; {}", ctx());
        if let Some((items, strip)) = &w.list {
            assert_eq!(
                split_request_list(got, *strip),
                *items,
                "items of {k} (strip {strip}); {}",
                ctx()
            );
        }
    }
}

// ---------------------------------------------------------------------------
// content_body (request bodies)

fn percent_decode(enc: &[u8], ctx: &dyn Fn() -> String) -> Vec<u8> {
    let hex = |b: u8| match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'A'..=b'F' => Some(b - b'A' + 10),
        b'a'..=b'f' => Some(b - b'a' + 10),
        _ => None,
    };
    let mut out = Vec::with_capacity(enc.len());
    let mut i = 0;
    while i < enc.len() {
        let b = enc[i];
        if b == b'%' {
            let (Some(h), Some(l)) = (
                enc.get(i + 1).copied().and_then(hex),
                enc.get(i + 2).copied().and_then(hex),
            ) else {
                panic!("bad percent escape at {i}; {}", ctx());
            };
            out.push(h << 4 | l);
            i += 3;
        } else {
            assert!(
                b.is_ascii_alphanumeric() || b"-._~*".contains(&b),
                "unescaped byte {b:#04x} in a url-encoded value; {}",
                ctx()
            );
            out.push(b);
            i += 1;
        }
    }
    out
}

/// The url-encoded body (`content=…&user=…&pass=…`) and the multipart body
/// (content, credentials, attachments) decode back to the same parts, their
/// lengths are what the `*_len` functions say, and the multipart boundary
/// occurs in no part.
pub fn content_body(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let creds = if u.ratio(1, 2).unwrap_or(false) {
        let user: &str = u.arbitrary().unwrap_or("");
        let pass: &str = u.arbitrary().unwrap_or("");
        Some(Credentials::new(user, pass))
    } else {
        None
    };
    let mut atts = Vec::new();
    for _ in 0..u.int_in_range(0..=3u8).unwrap_or(0) {
        let name: &str = u.arbitrary().unwrap_or("");
        let ctype: &str = u.arbitrary().unwrap_or("text/plain");
        let bytes: &[u8] = u.arbitrary().unwrap_or(b"");
        if let Ok(a) = Attachment::new(name, ctype, bytes) {
            atts.push(a);
        }
    }
    let content: &[u8] = u.take_rest();
    check_urlencoded(content, creds.as_ref());
    check_multipart(content, creds.as_ref(), &atts);
}

/// The url-encoded body splits at `&` into `content`, `user`, `pass` that
/// percent-decode back to what was given.
fn check_urlencoded(content: &[u8], creds: Option<&Credentials>) {
    let mut body = Vec::new();
    urlencoded_body(content, creds, &mut body);
    let ctx = || format!("content {}; url-encoded {}", Show(content), Show(&body));
    assert_eq!(urlencoded_len(content, creds), body.len(), "{}", ctx());
    let parts: Vec<&[u8]> = body.split(|&b| b == b'&').collect();
    let mut want: Vec<(&[u8], &[u8])> = vec![(&b"content"[..], content)];
    if let Some(c) = creds {
        want.push((b"user", c.user().as_bytes()));
        want.push((b"pass", c.pass().as_bytes()));
    }
    assert_eq!(parts.len(), want.len(), "parts; {}", ctx());
    for (part, (name, value)) in parts.iter().zip(&want) {
        let eq = part.iter().position(|&b| b == b'=').expect("name=value");
        assert_eq!(&part[..eq], *name, "{}", ctx());
        assert_eq!(percent_decode(&part[eq + 1..], &ctx), *value, "{}", ctx());
    }
}

/// The multipart body splits at its boundary into exactly the parts given,
/// with their names and bytes; the boundary occurs in no part.
fn check_multipart(content: &[u8], creds: Option<&Credentials>, atts: &[Attachment<'_>]) {
    let mp = multipart_body(content, creds, atts);
    let b = mp.boundary().as_bytes();
    let body = mp.bytes();
    let ctx = || format!("content {}; multipart {}", Show(content), Show(body));
    assert!(
        mp.content_type().ends_with(mp.boundary()),
        "content type {}; {}",
        mp.content_type(),
        ctx()
    );
    let framed = |pre: &[u8], post: &[u8]| [pre, b, post].concat();
    let (open, close, delim) = (
        framed(b"--", b"\r\n"),
        framed(b"\r\n--", b"--\r\n"),
        framed(b"\r\n--", b"\r\n"),
    );
    let inner = body
        .strip_prefix(&open[..])
        .and_then(|r| r.strip_suffix(&close[..]))
        .unwrap_or_else(|| panic!("multipart framing; {}", ctx()));
    let mut parts = Vec::new();
    let mut rest = inner;
    while let Some(p) = memchr::memmem::find(rest, &delim) {
        parts.push(&rest[..p]);
        rest = &rest[p + delim.len()..];
    }
    parts.push(rest);
    let mut want: Vec<(String, &[u8])> = vec![(String::from("name=\"content\""), content)];
    if let Some(c) = creds {
        want.push((String::from("name=\"user\""), c.user().as_bytes()));
        want.push((String::from("name=\"pass\""), c.pass().as_bytes()));
    }
    for (i, a) in atts.iter().enumerate() {
        want.push((format!("name=\"attachment_{}\"", i + 1), a.bytes()));
    }
    assert_eq!(parts.len(), want.len(), "multipart parts; {}", ctx());
    for (part, (name, value)) in parts.iter().zip(&want) {
        let h = memchr::memmem::find(part, b"\r\n\r\n")
            .unwrap_or_else(|| panic!("part without header end; {}", ctx()));
        let header = &part[..h];
        assert!(
            memchr::memmem::find(header, name.as_bytes()).is_some(),
            "part header {} lacks {name}; {}",
            Show(header),
            ctx()
        );
        assert_eq!(&part[h + 4..], *value, "part data; {}", ctx());
    }
    assert!(memchr::memmem::find(content, b).is_none());
}
