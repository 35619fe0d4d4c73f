//! `rt-wire get` and `rt-wire post`: the tool talks to a live RT through
//! rt-wire's client (`rt_wire::client`), then prints what `parse --as`
//! prints for the endpoint's answer.

use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use rt_wire::client::Client;
use rt_wire::request::{Attachment, Body, RequestForm, multipart_body, urlencoded_body};
use rt_wire::views::Reply;
use rt_wire::{Framing, ParseOptions, parse_response_with};

use crate::views::{Kind, run_as, run_as_in};

/// Where RT is and who logs in.
#[derive(clap::Args)]
pub struct Connection {
    /// RT's base URL, with its WebPath (`https://rt.example.com/rt`).
    #[arg(long, env = "RT_URL")]
    url: String,
    /// The RT user.
    #[arg(long, env = "RT_USER")]
    user: String,
    /// The user's password.
    #[arg(long, env = "RT_PASS", hide_env_values = true)]
    pass: String,
}

impl Connection {
    fn client(&self) -> Result<Client, String> {
        Client::builder(self.url.as_str())
            .credentials(self.user.as_str(), self.pass.as_str())
            .build()
            .map_err(|e| e.to_string())
    }
}

#[derive(clap::Args)]
pub struct GetArgs {
    #[command(flatten)]
    connection: Connection,
    /// Write the body exactly as RT sent it instead of JSON.
    #[arg(long)]
    raw: bool,
    /// Read the answer as this kind instead of the one the path names.
    #[arg(long = "as", value_enum, value_name = "KIND")]
    kind: Option<Kind>,
    /// The RT user's language (RT's code: de, ja, pt_BR, …): a ticket's dates
    /// are read in it, as `parse --as ticket --lang` does; without it every
    /// language RT ships is tried.
    #[arg(long, value_name = "LANG", value_parser = crate::views::parse_lang)]
    lang: Option<rt_wire::views::Lang>,
    /// The path below `<WebPath>/REST/1.0/`, with its query
    /// (`ticket/7/history?format=l`).
    path: String,
}

#[derive(clap::Args)]
pub struct PostArgs {
    #[command(flatten)]
    connection: Connection,
    /// The form to send: JSON `[[name, value], …]`, as `rt-wire encode`
    /// reads it.
    #[arg(long, value_name = "FILE.json")]
    form: PathBuf,
    /// A file to upload (repeatable): sent as part `attachment_N` and, unless
    /// the form lists its own, named in the form's `Attachment` field.
    #[arg(long, value_name = "FILE")]
    attach: Vec<PathBuf>,
    /// Write the body exactly as RT sent it instead of JSON.
    #[arg(long)]
    raw: bool,
    /// The path below `<WebPath>/REST/1.0/` (`ticket/7/comment`).
    path: String,
}

/// The kind of answer a read path gives, by REST 1.0's paths; `None` for a
/// path with no typed view (templates, custom-field listings, …).
#[must_use]
pub fn kind_of_path(path_and_query: &str) -> Option<Kind> {
    let (path, query) = path_and_query
        .split_once('?')
        .unwrap_or((path_and_query, ""));
    let long = query.split('&').any(|p| p == "format=l");
    let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    Some(match segments.as_slice() {
        ["ticket", n] | ["ticket", n, "show"] if *n != "new" => Kind::Ticket,
        ["show"] | ["ticket", "show"] => {
            let id = query.split('&').find_map(|p| p.strip_prefix("id="));
            match id.and_then(|i| i.split('/').next()) {
                Some("user") => Kind::User,
                Some("queue") => Kind::Queue,
                Some("group") => Kind::Group,
                _ => Kind::Ticket,
            }
        }
        ["ticket", _, "links"] => Kind::Links,
        ["ticket", _, "attachments"] => Kind::Attachments,
        ["ticket", _, "attachments", _] => Kind::Attachment,
        ["ticket", _, "attachments", _, "content"] => Kind::Content,
        ["ticket", _, "history"] if long => Kind::HistoryLong,
        ["ticket", _, "history"] => Kind::History,
        ["ticket", _, "history", "id", _] => Kind::HistoryLong,
        ["transaction", _] => Kind::Transaction,
        ["search", _] => Kind::Search,
        ["user", u] if *u != "new" => Kind::User,
        ["queue", q] if *q != "new" => Kind::Queue,
        ["group", g] if *g != "new" => Kind::Group,
        _ => return None,
    })
}

/// Runs `rt-wire get`.
///
/// # Errors
/// A message for the user: the connection, RT's refusal, a body of another
/// shape.
pub fn get(args: &GetArgs, out: &mut dyn Write) -> Result<(), String> {
    let client = args.connection.client()?;
    let mut reader = client.get_reader(&args.path).map_err(|e| e.to_string())?;
    let body = read_with_progress(&mut reader).map_err(|e| format!("{}: {e}", args.path))?;
    if args.raw {
        return out.write_all(&body).map_err(|e| e.to_string());
    }
    match args.kind.or_else(|| kind_of_path(&args.path)) {
        Some(kind) => run_as_in(kind, args.lang, &body, out),
        None => {
            // No typed view: the forms, read with the framing of the path.
            let framing = if args.path.starts_with("search/") {
                Framing::Search
            } else {
                Framing::Object
            };
            let options = ParseOptions::new().framing(framing);
            let r =
                parse_response_with(&body, &options).map_err(|e| format!("parse error: {e}"))?;
            serde_json::to_writer(&mut *out, &crate::parse_json::ParseJson(&r))
                .map_err(|e| e.to_string())?;
            out.write_all(b"\n").map_err(|e| e.to_string())
        }
    }
}

/// Runs `rt-wire post`: the form through the encoder, each file as an
/// `attachment_N` part; prints RT's typed reply (`parse --as message`), and
/// fails when RT reports a failure.
///
/// # Errors
/// A message for the user: unreadable files, a form RT could not read back as
/// given, the connection, RT's refusal.
pub fn post(args: &PostArgs, out: &mut dyn Write) -> Result<(), String> {
    let json = std::fs::read(&args.form).map_err(|e| format!("{}: {e}", args.form.display()))?;
    let pairs: Vec<(String, String)> = serde_json::from_slice(&json)
        .map_err(|e| format!("{}: JSON [[name, value], …]: {e}", args.form.display()))?;
    let files = args
        .attach
        .iter()
        .map(|p| read_file(p))
        .collect::<Result<Vec<_>, _>>()?;
    let names: Vec<&str> = files.iter().map(|(name, _)| name.as_str()).collect();
    let listed = names.join(", ");
    let mut form = RequestForm::new();
    for (name, value) in &pairs {
        form.field(name, value).map_err(|e| e.to_string())?;
    }
    if !files.is_empty()
        && !pairs
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case("Attachment"))
    {
        form.field("Attachment", &listed)
            .map_err(|e| e.to_string())?;
    }
    let content = form.to_bytes();
    let body = if files.is_empty() {
        let mut bytes = Vec::new();
        urlencoded_body(&content, None, &mut bytes);
        Body {
            content_type: String::from(rt_wire::request::URLENCODED),
            bytes,
        }
    } else {
        let attachments = files
            .iter()
            .map(|(name, bytes)| Attachment::new(name.as_str(), content_type(name), &bytes[..]))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| e.to_string())?;
        let m = multipart_body(&content, None, &attachments);
        Body {
            content_type: String::from(m.content_type()),
            bytes: m.into_bytes(),
        }
    };
    let client = args.connection.client()?;
    let answer = client
        .post_raw(&args.path, &body)
        .map_err(|e| e.to_string())?;
    if args.raw {
        return out.write_all(&answer).map_err(|e| e.to_string());
    }
    run_as(Kind::Message, &answer, out)?;
    let response = parse_response_with(&answer, &ParseOptions::new())
        .map_err(|e| format!("parse error: {e}"))?;
    match Reply::from_response(&response).check() {
        Ok(_) => Ok(()),
        Err(e) => Err(e.to_string()),
    }
}

/// A file to upload: its name (the last path component) and bytes.
fn read_file(path: &Path) -> Result<(String, Vec<u8>), String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| format!("{}: not a file name RT can list", path.display()))?;
    Ok((name.to_owned(), bytes))
}

/// The MIME type sent for an uploaded file, by its extension.
fn content_type(name: &str) -> &'static str {
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    match ext.as_deref() {
        Some("txt" | "log" | "md") => "text/plain",
        Some("html" | "htm") => "text/html",
        Some("json") => "application/json",
        Some("pdf") => "application/pdf",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        _ => "application/octet-stream",
    }
}

/// Reads the whole body; on a terminal, stderr shows the bytes received so
/// far for long transfers.
fn read_with_progress(reader: &mut dyn Read) -> io::Result<Vec<u8>> {
    const STEP: usize = 1 << 20;
    let progress = io::stderr().is_terminal();
    let mut body = Vec::new();
    let mut buf = vec![0u8; 64 * 1024];
    let mut shown = 0;
    loop {
        let n = match reader.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        body.extend_from_slice(&buf[..n]);
        if progress && body.len() >= shown + STEP {
            shown = body.len();
            eprint!("\rrt-wire: {} MiB received", shown >> 20);
        }
    }
    if shown > 0 {
        eprintln!("\rrt-wire: {} bytes received", body.len());
    }
    Ok(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_of_paths() {
        for (path, kind) in [
            ("ticket/7", Some(Kind::Ticket)),
            ("ticket/7/show?fields=Subject", Some(Kind::Ticket)),
            ("show?id=ticket/1,2", Some(Kind::Ticket)),
            ("show?id=user/root", Some(Kind::User)),
            ("ticket/7/links?format=l", Some(Kind::Links)),
            ("ticket/7/attachments", Some(Kind::Attachments)),
            ("ticket/7/attachments/41", Some(Kind::Attachment)),
            ("ticket/7/attachments/41/content", Some(Kind::Content)),
            ("ticket/7/history", Some(Kind::History)),
            ("ticket/7/history?format=l", Some(Kind::HistoryLong)),
            ("ticket/7/history/id/59", Some(Kind::HistoryLong)),
            ("transaction/59", Some(Kind::Transaction)),
            ("search/ticket?query=id%3D1&format=l", Some(Kind::Search)),
            ("user/root", Some(Kind::User)),
            ("queue/General", Some(Kind::Queue)),
            ("group/Staff", Some(Kind::Group)),
            ("ticket/new", None),
            ("ticket/7/customfields", None),
        ] {
            assert_eq!(kind_of_path(path), kind, "{path}");
        }
    }

    #[test]
    fn content_types_by_extension() {
        assert_eq!(content_type("a.TXT"), "text/plain");
        assert_eq!(content_type("bin.dat"), "application/octet-stream");
        assert_eq!(content_type("noext"), "application/octet-stream");
    }
}
