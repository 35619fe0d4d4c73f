//! `rt-wire encode [--urlencoded | --multipart] [FILE]`: reads a JSON list of
//! `[name, value]` pairs (from FILE or standard input) and prints the request
//! `content` text RT reads back exactly, or with `--urlencoded` /
//! `--multipart` the whole request body. The multipart boundary is the body's
//! first line without its leading `--`; the `Content-Type` to send is
//! `multipart/form-data; boundary=<that>`.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use rt_wire::request::{RequestForm, multipart_body, urlencoded_body};

#[derive(clap::Args)]
pub struct EncodeArgs {
    /// Print the whole `application/x-www-form-urlencoded` body.
    #[arg(long, conflicts_with = "multipart")]
    urlencoded: bool,
    /// Print the whole `multipart/form-data` body (its boundary is the first
    /// line without the leading `--`).
    #[arg(long)]
    multipart: bool,
    /// The JSON input; stdin when absent or `-`.
    file: Option<PathBuf>,
}

/// Runs `rt-wire encode`.
///
/// # Errors
/// A message for the user: unreadable input, malformed JSON, or a name or
/// value RT could not read back as given.
pub fn run(args: &EncodeArgs, stdin: &mut dyn Read, stdout: &mut dyn Write) -> Result<(), String> {
    let mut input = Vec::new();
    match &args.file {
        Some(path) if path != Path::new("-") => {
            input = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        }
        _ => {
            stdin
                .read_to_end(&mut input)
                .map_err(|e| format!("standard input: {e}"))?;
        }
    }
    let text = std::str::from_utf8(&input).map_err(|e| format!("input is not UTF-8: {e}"))?;
    let pairs = parse_pairs(text)?;
    let mut form = RequestForm::new();
    for (name, value) in &pairs {
        form.field(name, value).map_err(|e| e.to_string())?;
    }
    if form.is_empty() {
        return Err(String::from(
            "no fields: RT would take an empty content for a read",
        ));
    }
    let content = form.to_bytes();
    let body = if args.urlencoded {
        let mut out = Vec::new();
        urlencoded_body(&content, None, &mut out);
        out
    } else if args.multipart {
        multipart_body(&content, None, &[]).into_bytes()
    } else {
        content
    };
    stdout.write_all(&body).map_err(|e| e.to_string())
}

/// A minimal JSON reader for `[[string, string], ...]`.
struct Json<'a> {
    s: &'a str,
    at: usize,
}

impl Json<'_> {
    fn err(&self, what: &str) -> String {
        let line = self.s[..self.at].matches('\n').count() + 1;
        let col = self.s[..self.at]
            .rsplit('\n')
            .next()
            .map_or(0, |l| l.chars().count())
            + 1;
        format!("JSON line {line} column {col}: expected {what}")
    }

    fn ws(&mut self) {
        let rest = &self.s[self.at..];
        self.at += rest.len() - rest.trim_start_matches([' ', '\t', '\n', '\r']).len();
    }

    fn eat(&mut self, c: char) -> bool {
        self.ws();
        if self.s[self.at..].starts_with(c) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn expect(&mut self, c: char, what: &str) -> Result<(), String> {
        if self.eat(c) {
            Ok(())
        } else {
            Err(self.err(what))
        }
    }

    fn hex4(&mut self) -> Result<u32, String> {
        let h = self
            .s
            .get(self.at..self.at + 4)
            .ok_or_else(|| self.err("four hex digits"))?;
        let v = u32::from_str_radix(h, 16).map_err(|_| self.err("four hex digits"))?;
        if !h.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(self.err("four hex digits"));
        }
        self.at += 4;
        Ok(v)
    }

    fn string(&mut self) -> Result<String, String> {
        self.expect('"', "a string")?;
        let mut out = String::new();
        loop {
            let rest = &self.s[self.at..];
            let n = rest
                .find(['"', '\\'])
                .ok_or_else(|| self.err("a closing quote"))?;
            let chunk = &rest[..n];
            if chunk.chars().any(|c| c < ' ') {
                return Err(self.err("no raw control characters in a string"));
            }
            out.push_str(chunk);
            self.at += n + 1;
            if rest.as_bytes()[n] == b'"' {
                return Ok(out);
            }
            let e = self.s[self.at..]
                .chars()
                .next()
                .ok_or_else(|| self.err("an escape"))?;
            self.at += 1;
            match e {
                '"' | '\\' | '/' => out.push(e),
                'b' => out.push('\u{8}'),
                'f' => out.push('\u{C}'),
                'n' => out.push('\n'),
                'r' => out.push('\r'),
                't' => out.push('\t'),
                'u' => {
                    let hi = self.hex4()?;
                    let c = if (0xD800..0xDC00).contains(&hi) {
                        if !self.s[self.at..].starts_with("\\u") {
                            return Err(self.err("a low surrogate"));
                        }
                        self.at += 2;
                        let lo = self.hex4()?;
                        if !(0xDC00..0xE000).contains(&lo) {
                            return Err(self.err("a low surrogate"));
                        }
                        0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                    } else {
                        hi
                    };
                    out.push(char::from_u32(c).ok_or_else(|| self.err("a valid code point"))?);
                }
                _ => return Err(self.err("a valid escape")),
            }
        }
    }
}

/// `[[name, value], ...]`.
fn parse_pairs(s: &str) -> Result<Vec<(String, String)>, String> {
    let mut j = Json { s, at: 0 };
    let mut pairs = Vec::new();
    j.expect('[', "`[`")?;
    if !j.eat(']') {
        loop {
            j.expect('[', "`[` starting a [name, value] pair")?;
            let name = j.string()?;
            j.expect(',', "`,`")?;
            let value = j.string()?;
            j.expect(']', "`]` ending a [name, value] pair")?;
            pairs.push((name, value));
            if j.eat(']') {
                break;
            }
            j.expect(',', "`,` or `]`")?;
        }
    }
    j.ws();
    if j.at != s.len() {
        return Err(j.err("the end of the input"));
    }
    Ok(pairs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encode(args: &[&str], input: &str) -> Result<String, String> {
        #[derive(clap::Parser)]
        struct Cli {
            #[command(flatten)]
            args: EncodeArgs,
        }
        let cli = <Cli as clap::Parser>::try_parse_from(
            std::iter::once("encode").chain(args.iter().copied()),
        )
        .map_err(|e| e.to_string())?;
        let mut out = Vec::new();
        run(&cli.args, &mut input.as_bytes(), &mut out)?;
        Ok(String::from_utf8_lossy(&out).into_owned())
    }

    #[test]
    fn content_and_bodies() {
        let json =
            r#" [ ["Subject", "caf\u00e9 \ud83d\ude00"], ["Text", "a\nStatus: resolved\n"] ] "#;
        assert_eq!(
            encode(&[], json).unwrap(),
            "Subject: café 😀\nText:\n a\n Status: resolved\n \n"
        );
        assert_eq!(
            encode(&["--urlencoded"], r#"[["Subject","a b"]]"#).unwrap(),
            "content=Subject%3A%20a%20b%0A"
        );
        let m = encode(&["--multipart"], r#"[["Subject","x"]]"#).unwrap();
        assert!(m.starts_with("--rt-wire-0000000000000000\r\n"), "{m}");
        assert!(
            m.contains("name=\"content\"\r\n\r\nSubject: x\n\r\n"),
            "{m}"
        );
    }

    #[test]
    fn errors() {
        assert!(
            encode(&[], r#"[["Text", "\nStatus: resolved"]]"#)
                .unwrap_err()
                .contains("line feed")
        );
        assert!(
            encode(&[], r#"[["X.Y", "z"]]"#)
                .unwrap_err()
                .contains("invalid field name")
        );
        assert!(
            encode(&[], r#"[["A", "1"], ["a", "2"]]"#)
                .unwrap_err()
                .contains("twice")
        );
        assert!(
            encode(&[], r#"[["A", "1"]"#)
                .unwrap_err()
                .contains("JSON line 1")
        );
        assert!(
            encode(&[], r#"[["A", 1]]"#)
                .unwrap_err()
                .contains("a string")
        );
        assert!(encode(&[], "[]").is_err());
        assert!(encode(&["--multipart", "--urlencoded"], "[]").is_err());
        assert!(encode(&["--bogus"], "[]").is_err());
    }
}
