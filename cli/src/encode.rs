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
    let pairs: Vec<(String, String)> =
        serde_json::from_slice(&input).map_err(|e| format!("JSON [[name, value], …]: {e}"))?;
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
        let e = encode(&[], r#"[["A", "1"]"#).unwrap_err();
        assert!(e.contains("JSON") && e.contains("line 1 column 11"), "{e}");
        let e = encode(&[], r#"[["A", 1]]"#).unwrap_err();
        assert!(e.contains("a string"), "{e}");
        assert!(encode(&[], r#"[["A", "\ud800"]]"#).is_err());
        assert!(encode(&[], r#"[["A", "b", "c"]]"#).is_err());
        assert!(encode(&[], "[]").is_err());
        assert!(encode(&["--multipart", "--urlencoded"], "[]").is_err());
        assert!(encode(&["--bogus"], "[]").is_err());
    }
}
