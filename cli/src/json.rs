//! A small JSON writer for the command-line tool.
//!
//! Strings are written as JSON strings when they are UTF-8. Bytes that are not
//! UTF-8 are never lost: such a string is written as an object
//! `{"base64": "<standard base64 with padding>"}` instead.

use std::io::{self, Write};

/// Appends `s` to `out` as a JSON string (escaping per RFC 8259).
pub fn escape_into(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\u{:04x}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Writes `s` as a JSON string (escaping per RFC 8259).
pub fn string(out: &mut dyn Write, s: &str) -> io::Result<()> {
    out.write_all(b"\"")?;
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let esc: Option<&[u8]> = match b {
            b'"' => Some(b"\\\""),
            b'\\' => Some(b"\\\\"),
            b'\n' => Some(b"\\n"),
            b'\r' => Some(b"\\r"),
            b'\t' => Some(b"\\t"),
            0..=0x1f | 0x7f => None,
            _ => continue,
        };
        out.write_all(&bytes[start..i])?;
        match esc {
            Some(e) => out.write_all(e)?,
            None => write!(out, "\\u{b:04x}")?,
        }
        start = i + 1;
    }
    out.write_all(&bytes[start..])?;
    out.write_all(b"\"")
}

/// Writes bytes as a JSON string if they are UTF-8, else as `{"base64": …}`.
pub fn bytes(out: &mut dyn Write, b: &[u8]) -> io::Result<()> {
    match std::str::from_utf8(b) {
        Ok(s) => string(out, s),
        Err(_) => {
            out.write_all(b"{\"base64\":\"")?;
            out.write_all(base64(b).as_bytes())?;
            out.write_all(b"\"}")
        }
    }
}

/// Standard base64 with padding (RFC 4648 §4).
pub fn base64(b: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut s = String::with_capacity(b.len().div_ceil(3) * 4);
    for c in b.chunks(3) {
        let n = (u32::from(c[0]) << 16)
            | (u32::from(*c.get(1).unwrap_or(&0)) << 8)
            | u32::from(*c.get(2).unwrap_or(&0));
        for i in 0..4 {
            if i <= c.len() {
                s.push(char::from(A[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                s.push('=');
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_keys() {
        for (k, s) in [
            ("AdminCc", "admin_cc"),
            ("LastUpdated", "last_updated"),
            ("SLADisabled", "sla_disabled"),
            ("id", "id"),
            ("CF-Queue Note", "cf_queue_note"),
            ("Address1", "address1"),
            ("DependedOnBy", "depended_on_by"),
        ] {
            assert_eq!(snake(k.as_bytes()), s);
        }
    }

    #[test]
    fn base64_known_answers() {
        for (i, o) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(i.as_bytes()), o);
        }
    }

    #[test]
    fn escapes() {
        let mut v = Vec::new();
        string(&mut v, "a\"b\\c\n\u{1}é").unwrap();
        assert_eq!(String::from_utf8(v).unwrap(), "\"a\\\"b\\\\c\\n\\u0001é\"");
        let mut v = Vec::new();
        bytes(&mut v, b"\xff").unwrap();
        assert_eq!(String::from_utf8(v).unwrap(), "{\"base64\":\"/w==\"}");
    }
}

/// A minimal JSON writer: tracks whether a comma is needed.
#[derive(Default)]
pub struct Json {
    pub out: String,
    pub first: bool,
}

impl Json {
    pub fn open(&mut self, c: char) {
        self.out.push(c);
        self.first = true;
    }
    pub fn close(&mut self, c: char) {
        self.out.push(c);
        self.first = false;
    }
    /// Starts an array element.
    pub fn item(&mut self) {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
    }
    pub fn key(&mut self, k: &str) {
        self.key_bytes(k.as_bytes());
    }
    pub fn key_bytes(&mut self, k: &[u8]) {
        self.item();
        // Object keys must be strings: not-UTF-8 keys are written lossily.
        self.string(&String::from_utf8_lossy(k));
        self.out.push(':');
        self.first = true;
    }
    pub fn raw(&mut self, s: &str) {
        self.out.push_str(s);
        self.first = false;
    }
    pub fn num(&mut self, n: u64) {
        self.raw(&n.to_string());
    }
    /// A string, or `{"base64": …}` for bytes that are not UTF-8.
    pub fn bytes(&mut self, b: &[u8]) {
        match std::str::from_utf8(b) {
            Ok(s) => self.string(s),
            Err(_) => {
                self.out.push_str("{\"base64\":\"");
                self.out.push_str(&super::json::base64(b));
                self.out.push_str("\"}");
            }
        }
        self.first = false;
    }
    pub fn string(&mut self, s: &str) {
        super::json::escape_into(&mut self.out, s);
        self.first = false;
    }
}

/// RT's field name in snake case: `AdminCc` → `admin_cc`, `SLADisabled` →
/// `sla_disabled`, `CF-Queue Note` → `cf_queue_note`.
pub fn snake(key: &[u8]) -> String {
    let mut out = String::with_capacity(key.len() + 4);
    let text = String::from_utf8_lossy(key);
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_uppercase() {
            let prev = i.checked_sub(1).map(|p| chars[p]);
            let next = chars.get(i + 1);
            let boundary = prev.is_some_and(|p| p.is_lowercase() || p.is_ascii_digit())
                || (prev.is_some_and(char::is_uppercase) && next.is_some_and(|n| n.is_lowercase()));
            if boundary && !out.ends_with('_') {
                out.push('_');
            }
            out.extend(c.to_lowercase());
        } else if c == '-' || c == ' ' || c == '.' {
            if !out.ends_with('_') && !out.is_empty() {
                out.push('_');
            }
        } else {
            out.push(c);
        }
    }
    out
}
