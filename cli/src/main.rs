//! `rt-wire`: parse Request Tracker REST 1.0 responses from the command line.
//!
//! ```text
//! rt-wire parse [--framing object|search|content] [--keys first|last] [--crlf] [--forms-only] [FILE]
//! rt-wire bench [--mode borrowed|decoded|stream] [--reps N] [--chunk BYTES] [--framing …] FILE
//! ```

use std::io::{self, Read, Write};
use std::process::ExitCode;
use std::time::Instant;

use rt_wire::{BodyKind, Framing, KeySplit, ParseOptions, Payload, Response, parse_response_with};

mod encode;
mod json;
mod views;

const USAGE: &str = "usage:
  rt-wire parse [--framing object|search|content] [--keys first|last] [--crlf]
                [--forms-only] [FILE]
      Parse a REST 1.0 response (stdin when no FILE) and print it as JSON:
      {\"status\":{\"version\",\"code\",\"reason\"}|null,\"forms\":[{\"comments\":[…],
      \"fields\":[[name, decoded value],…]}],\"text\":null|\"…\"}.
  rt-wire parse --as KIND [FILE]
      Print the typed view of the response as JSON. KIND: ticket, links,
      attachments, attachment, content, history, history-long, search, user,
      queue, group, transaction, message (content writes the exact bytes).
  rt-wire bench [--mode borrowed|decoded|stream] [--reps N] [--chunk BYTES]
                [--framing …] FILE
      Parse FILE N times (stream: read from disk in chunks through the
      streaming reader); print mode= bytes= reps= median_s= mb_per_s= forms=
      fields= peak_rss_kb= on one line.
  rt-wire encode [--urlencoded | --multipart] [FILE]
      Read JSON [[name, value], …] (stdin when no FILE) and print the `content`
      form RT reads back exactly, or the whole request body.
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let result = match args.first().map(String::as_str) {
        Some("parse") => cmd_parse(&args[1..], &mut out),
        Some("bench") => cmd_bench(&args[1..], &mut out),
        Some("encode") => {
            encode::run(&args[1..], &mut io::stdin().lock(), &mut out).map_err(Failure::Error)
        }
        // The generator lives in the testkit now; say where.
        Some("generate") => Err(Failure::Usage(String::from(
            "generate is the testkit's rt-wire-generate now: cargo run -p rt-wire-testkit \
             --release --bin rt-wire-generate -- KIND BYTES [--seed N]",
        ))),
        Some("-h" | "--help" | "help") => {
            let _ = out.write_all(USAGE.as_bytes());
            Ok(())
        }
        _ => Err(Failure::Usage(String::from("expected a command"))),
    };
    let flushed = out.flush();
    match result {
        Ok(()) if flushed.is_ok() => ExitCode::SUCCESS,
        Ok(()) => {
            eprintln!("rt-wire: cannot write output");
            ExitCode::FAILURE
        }
        Err(Failure::Usage(m)) => {
            eprintln!("rt-wire: {m}\n{USAGE}");
            ExitCode::from(2)
        }
        Err(Failure::Error(m)) => {
            eprintln!("rt-wire: {m}");
            ExitCode::FAILURE
        }
    }
}

enum Failure {
    Usage(String),
    Error(String),
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        Failure::Error(e.to_string())
    }
}

/// Options shared by the commands.
struct Common {
    options: ParseOptions,
    /// Whether `--framing` was given (the caller knows the endpoint).
    framing_given: bool,
    file: Option<String>,
    rest: Vec<(String, String)>,
}

impl Common {
    /// Whether a body that failed to parse is shown as text instead: when
    /// neither `--framing` nor `--forms-only` was given and no limit was hit.
    fn falls_back_to_text(&self, e: &rt_wire::ParseError) -> bool {
        !self.framing_given
            && !self.options.forms_only
            && !matches!(e.kind(), rt_wire::ErrorKind::Limit(_))
    }
}

fn common(args: &[String], takes_value: &[&str]) -> Result<Common, Failure> {
    let mut options = ParseOptions::new();
    let mut file = None;
    let mut rest = Vec::new();
    let mut framing_given = false;
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        match a {
            "--framing" => {
                i += 1;
                framing_given = true;
                options = options.framing(match args.get(i).map(String::as_str) {
                    Some("object") => Framing::Object,
                    Some("search") => Framing::Search,
                    Some("content") => Framing::Content,
                    _ => {
                        return Err(Failure::Usage(
                            "--framing takes object, search or content".into(),
                        ));
                    }
                });
            }
            "--crlf" => options = options.allow_crlf(true),
            "--forms-only" => options = options.forms_only(true),
            "--keys" => {
                i += 1;
                options = options.key_split(match args.get(i).map(String::as_str) {
                    Some("first") => KeySplit::First,
                    Some("last") => KeySplit::Last,
                    _ => return Err(Failure::Usage("--keys takes first or last".into())),
                });
            }
            _ if takes_value.contains(&a) => {
                i += 1;
                let v = args
                    .get(i)
                    .ok_or_else(|| Failure::Usage(format!("{a} needs a value")))?;
                rest.push((a.to_string(), v.clone()));
            }
            _ if a.starts_with("--") => return Err(Failure::Usage(format!("unknown option {a}"))),
            _ if file.is_none() => file = Some(a.to_string()),
            _ => return Err(Failure::Usage(format!("unexpected argument {a}"))),
        }
        i += 1;
    }
    Ok(Common {
        options,
        framing_given,
        file,
        rest,
    })
}

fn read_input(file: Option<&str>) -> Result<Vec<u8>, Failure> {
    match file {
        Some(path) if path != "-" => {
            std::fs::read(path).map_err(|e| Failure::Error(format!("{path}: {e}")))
        }
        _ => {
            let mut v = Vec::new();
            io::stdin().read_to_end(&mut v)?;
            Ok(v)
        }
    }
}

fn parse_error(input: &[u8], e: &rt_wire::ParseError) -> Failure {
    let _ = input;
    Failure::Error(format!("parse error: {e}"))
}

fn cmd_parse(args: &[String], out: &mut dyn Write) -> Result<(), Failure> {
    let c = common(args, &["--as"])?;
    let input = read_input(c.file.as_deref())?;
    if let Some((_, kind)) = c.rest.iter().find(|(k, _)| k == "--as") {
        if !views::KINDS.contains(&kind.as_str()) {
            return Err(Failure::Usage(format!(
                "--as takes one of {}",
                views::KINDS.join(", ")
            )));
        }
        return views::run_as(kind, &input, out).map_err(Failure::Error);
    }
    let response = match parse_response_with(&input, &c.options) {
        Ok(r) => r,
        // Without `--framing` the endpoint is unknown: a payload that does not
        // read as forms (an attachment's raw content, say) is shown as text.
        Err(e) if c.falls_back_to_text(&e) => {
            parse_response_with(&input, &c.options.framing(Framing::Content))
                .map_err(|_| parse_error(&input, &e))?
        }
        Err(e) => return Err(parse_error(&input, &e)),
    };
    write_parse_json(&response, out)?;
    Ok(())
}

/// Writes the generic JSON of `rt-wire parse`.
fn write_parse_json(r: &Response<'_>, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(b"{\"status\":")?;
    match r.status() {
        Some(s) => {
            out.write_all(b"{\"version\":")?;
            json::string(out, s.version())?;
            write!(out, ",\"code\":{},\"reason\":", s.code())?;
            json::string(out, s.reason())?;
            out.write_all(b"}")?;
        }
        None => out.write_all(b"null")?,
    }
    out.write_all(b",\"forms\":[")?;
    let mut buf = Vec::new();
    for (i, form) in r.forms().enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        out.write_all(b"{\"comments\":[")?;
        for (j, c) in form.comments().enumerate() {
            if j > 0 {
                out.write_all(b",")?;
            }
            json::bytes(out, c)?;
        }
        out.write_all(b"],\"fields\":[")?;
        for (j, f) in form.fields().enumerate() {
            if j > 0 {
                out.write_all(b",")?;
            }
            out.write_all(b"[")?;
            json::bytes(out, f.key())?;
            out.write_all(b",")?;
            buf.clear();
            f.value().decode_into(&mut buf);
            json::bytes(out, &buf)?;
            out.write_all(b"]")?;
        }
        out.write_all(b"]")?;
        if let Some(e) = form.echo() {
            out.write_all(b",\"echo\":")?;
            json::bytes(out, e)?;
        }
        out.write_all(b"}")?;
    }
    out.write_all(b"],\"text\":")?;
    let mut text: Vec<u8> = Vec::new();
    let mut any_text = r.kind() == BodyKind::Empty;
    if r.kind() == BodyKind::Text {
        text.extend_from_slice(r.input());
        any_text = true;
    }
    for env in r.envelopes() {
        if let Payload::Text(t) | Payload::Raw(t) = env.payload() {
            text.extend_from_slice(t);
            any_text = true;
        }
    }
    if any_text {
        json::bytes(out, &text)?;
    } else {
        out.write_all(b"null")?;
    }
    out.write_all(b"}\n")
}

fn cmd_bench(args: &[String], out: &mut dyn Write) -> Result<(), Failure> {
    let c = common(args, &["--mode", "--reps", "--chunk"])?;
    let mut mode = "borrowed".to_string();
    let mut reps = 10usize;
    let mut chunk = 65_536usize;
    for (k, v) in &c.rest {
        let number = || {
            v.parse::<usize>()
                .ok()
                .filter(|&n| n > 0)
                .ok_or_else(|| Failure::Usage(format!("{k} takes a positive number")))
        };
        match k.as_str() {
            "--mode" if ["borrowed", "decoded", "stream"].contains(&v.as_str()) => {
                mode.clone_from(v);
            }
            "--mode" => {
                return Err(Failure::Usage(
                    "--mode takes borrowed, decoded or stream".into(),
                ));
            }
            "--chunk" => chunk = number()?,
            _ => reps = number()?,
        }
    }
    let Some(file) = c.file.as_deref() else {
        return Err(Failure::Usage("bench needs a FILE".into()));
    };
    let mut times = Vec::with_capacity(reps);
    let (mut forms, mut fields) = (0, 0);
    let bytes;
    if mode == "stream" {
        // The file is read from disk in chunks: memory stays bounded by the
        // largest form plus one chunk, whatever the file's size.
        bytes = std::fs::metadata(file)
            .map_err(|e| Failure::Error(format!("{file}: {e}")))?
            .len();
        for _ in 0..reps {
            let t = Instant::now();
            (forms, fields) = stream_file(file, chunk, &c.options)?;
            times.push(t.elapsed().as_secs_f64());
        }
    } else {
        let input = read_input(Some(file))?;
        bytes = input.len() as u64;
        for _ in 0..reps {
            let t = Instant::now();
            let r = parse_response_with(&input, &c.options).map_err(|e| parse_error(&input, &e))?;
            forms = r.form_count();
            fields = r.field_count();
            if mode == "decoded" {
                // The work other parsers do: every value de-indented into an
                // owned string.
                let mut total = 0usize;
                for f in r.forms() {
                    for x in f.fields() {
                        total += x.value().to_string_lossy().len();
                    }
                }
                std::hint::black_box(total);
            }
            std::hint::black_box(&r);
            drop(r);
            times.push(t.elapsed().as_secs_f64());
        }
    }
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    #[allow(clippy::cast_precision_loss)]
    let mbps = bytes as f64 / median / 1e6;
    writeln!(
        out,
        "mode={mode} bytes={bytes} reps={reps} median_s={median:.6} mb_per_s={mbps:.1} forms={forms} fields={fields} peak_rss_kb={}",
        peak_rss_kb()
    )?;
    Ok(())
}

/// Streams `file` through the reader in `chunk`-byte reads; returns the
/// number of forms and fields.
fn stream_file(
    file: &str,
    chunk: usize,
    options: &ParseOptions,
) -> Result<(usize, usize), Failure> {
    use rt_wire::stream::{Event, Status, StreamReader};
    let mut f = std::fs::File::open(file).map_err(|e| Failure::Error(format!("{file}: {e}")))?;
    let mut reader = StreamReader::with_options(*options);
    let mut buf: Vec<u8> = Vec::with_capacity(chunk * 2);
    let mut eof = false;
    // Bytes of `buf` already consumed; moved out only when more is read, so
    // that each byte is moved at most once per chunk rather than once per form.
    let mut start = 0;
    let (mut forms, mut fields) = (0, 0);
    loop {
        match reader
            .feed(&buf[start..], eof)
            .map_err(|e| Failure::Error(format!("parse error: {e}")))?
        {
            Status::Complete(event, used) => {
                match event {
                    Event::Form(form) => {
                        forms += 1;
                        fields += form.len();
                    }
                    Event::End => return Ok((forms, fields)),
                    _ => {}
                }
                start += used;
            }
            Status::Partial => {
                buf.drain(..start);
                start = 0;
                let len = buf.len();
                buf.resize(len + chunk, 0);
                let n = f.read(&mut buf[len..])?;
                buf.truncate(len + n);
                eof = n == 0;
            }
        }
    }
}

/// Peak resident set size of this process in KiB (Linux `VmHWM`), 0 elsewhere.
fn peak_rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|n| n.parse().ok()))
        })
        .unwrap_or(0)
}
