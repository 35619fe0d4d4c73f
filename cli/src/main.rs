//! `rt-wire`: parse Request Tracker REST 1.0 responses from the command line,
//! print their typed views as JSON, encode request forms, benchmark the parser.

use std::io::{self, Read, Write};
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{Args, Parser, Subcommand, ValueEnum};
use rt_wire::{Framing, KeySplit, ParseOptions, parse_response_with};

mod encode;
mod parse_json;
mod remote;
mod views;

/// Parse Request Tracker REST 1.0 responses (exactly, as RT sent them) and
/// print them as JSON; encode request forms RT reads back exactly.
#[derive(Parser)]
#[command(name = "rt-wire", version, args_override_self = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Parse a response (stdin when no FILE) and print it as JSON.
    ///
    /// Prints {"status":{"version","code","reason"}|null,
    /// "forms":[{"comments":[…],"fields":[[name, decoded value],…]}],
    /// "text":null|"…"}; strings that are not UTF-8 come out as
    /// {"base64":"…"}. With --as KIND, prints the typed view of the response
    /// instead (content: the attachment's exact bytes). A ticket's view
    /// adds "dates": each date field RT printed as "YYYY-MM-DDTHH:MM:SS",
    /// the wall clock in the RT user's zone, or null when not set; RFC2616
    /// and iCal dates, which RT prints in UTC, as "YYYY-MM-DDTHH:MM:SSZ".
    Parse(ParseArgs),
    /// Read JSON [[name, value], …] and print the `content` form RT reads
    /// back exactly, or the whole request body.
    Encode(encode::EncodeArgs),
    /// Parse FILE N times and print mode= bytes= reps= median_s= mb_per_s=
    /// forms= fields= peak_rss_kb= on one line.
    Bench(BenchArgs),
    /// Fetch PATH from a live RT and print its typed view as JSON (the kind
    /// of `parse --as` the path names), or with --raw the exact body.
    Get(remote::GetArgs),
    /// Send a write (a form and files) to a live RT and print RT's typed
    /// reply; exit 1 when RT reports a failure.
    Post(remote::PostArgs),
    /// The generator is the testkit's `rt-wire-generate` now.
    #[command(hide = true, disable_help_flag = true)]
    Generate {
        #[arg(trailing_var_arg = true, allow_hyphen_values = true, hide = true)]
        args: Vec<String>,
    },
}

/// How the body is read: which endpoint it came from, and key splitting.
#[derive(Args)]
struct ReadArgs {
    /// The endpoint the body came from: `search/…` appends two LFs after its
    /// payload, object endpoints one, `…/content` none. Without it (or
    /// --forms-only) a payload that is not forms is shown as "text".
    #[arg(long, value_enum)]
    framing: Option<FramingArg>,
    /// Where a key line splits: at the first ": ", or the last (the
    /// `…/customfields` listings, whose keys are bare custom-field names).
    #[arg(long, value_enum)]
    keys: Option<KeysArg>,
    /// Accept CRLF line ends.
    #[arg(long)]
    crlf: bool,
    /// Fail when the payload is not a well-formed form set.
    #[arg(long)]
    forms_only: bool,
}

#[derive(Args)]
struct ParseArgs {
    #[command(flatten)]
    read: ReadArgs,
    /// Print the typed view of this kind instead (read with the kind's own
    /// framing; the reading options above do not apply).
    #[arg(long = "as", value_enum, value_name = "KIND")]
    kind: Option<views::Kind>,
    /// With --as ticket: the RT user's language (RT's code: de, ja, pt_BR,
    /// …), in which the "dates" object reads the localized dates. Without
    /// it every language RT ships is tried (a date that reads as two
    /// different dates is an error); with it only that language's names
    /// and patterns are.
    #[arg(long, value_name = "LANG", value_parser = views::parse_lang, requires = "kind")]
    lang: Option<rt_wire::views::Lang>,
    /// The response body; stdin when absent or `-`.
    file: Option<PathBuf>,
}

#[derive(Args)]
struct BenchArgs {
    #[command(flatten)]
    read: ReadArgs,
    /// What each parse does.
    #[arg(long, value_enum, default_value_t = Mode::Borrowed)]
    mode: Mode,
    /// How many parses (the median is printed).
    #[arg(long, value_name = "N", default_value = "10")]
    reps: NonZeroUsize,
    /// The read size of --mode stream, in bytes.
    #[arg(long, value_name = "BYTES", default_value = "65536")]
    chunk: NonZeroUsize,
    /// The response body.
    file: PathBuf,
}

#[derive(Clone, Copy, ValueEnum)]
enum FramingArg {
    Object,
    Search,
    Content,
}

#[derive(Clone, Copy, ValueEnum)]
enum KeysArg {
    First,
    Last,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Mode {
    /// The one-shot parse: every key and raw value, borrowed.
    Borrowed,
    /// The one-shot parse, then every value de-indented into an owned string.
    Decoded,
    /// FILE read from disk in --chunk reads through the streaming reader.
    Stream,
}

impl Mode {
    fn name(self) -> &'static str {
        match self {
            Mode::Borrowed => "borrowed",
            Mode::Decoded => "decoded",
            Mode::Stream => "stream",
        }
    }
}

impl ReadArgs {
    fn options(&self) -> ParseOptions {
        let mut options = ParseOptions::new()
            .allow_crlf(self.crlf)
            .forms_only(self.forms_only);
        if let Some(f) = self.framing {
            options = options.framing(match f {
                FramingArg::Object => Framing::Object,
                FramingArg::Search => Framing::Search,
                FramingArg::Content => Framing::Content,
            });
        }
        if let Some(k) = self.keys {
            options = options.key_split(match k {
                KeysArg::First => KeySplit::First,
                KeysArg::Last => KeySplit::Last,
            });
        }
        options
    }

    /// Whether a body that failed to parse is shown as text instead: when
    /// neither `--framing` nor `--forms-only` was given and no limit was hit.
    fn falls_back_to_text(&self, e: &rt_wire::ParseError) -> bool {
        self.framing.is_none()
            && !self.forms_only
            && !matches!(e.kind(), rt_wire::ErrorKind::Limit(_))
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let result = match cli.command {
        Command::Parse(a) => cmd_parse(&a, &mut out),
        Command::Bench(a) => cmd_bench(&a, &mut out),
        Command::Encode(a) => encode::run(&a, &mut io::stdin().lock(), &mut out),
        Command::Get(a) => remote::get(&a, &mut out),
        Command::Post(a) => remote::post(&a, &mut out),
        Command::Generate { .. } => {
            eprintln!(
                "rt-wire: generate is the testkit's rt-wire-generate now: cargo run -p \
                 rt-wire-testkit --release --bin rt-wire-generate -- KIND BYTES [--seed N]"
            );
            return ExitCode::from(2);
        }
    };
    let flushed = out.flush();
    match result {
        Ok(()) if flushed.is_ok() => ExitCode::SUCCESS,
        Ok(()) => {
            eprintln!("rt-wire: cannot write output");
            ExitCode::FAILURE
        }
        Err(m) => {
            eprintln!("rt-wire: {m}");
            ExitCode::FAILURE
        }
    }
}

/// The bytes of `file`, or of stdin when it is absent or `-`.
fn read_input(file: Option<&Path>) -> Result<Vec<u8>, String> {
    match file {
        Some(path) if path != Path::new("-") => {
            std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))
        }
        _ => {
            let mut v = Vec::new();
            io::stdin()
                .read_to_end(&mut v)
                .map_err(|e| format!("standard input: {e}"))?;
            Ok(v)
        }
    }
}

fn parse_error(e: &rt_wire::ParseError) -> String {
    format!("parse error: {e}")
}

fn cmd_parse(args: &ParseArgs, out: &mut dyn Write) -> Result<(), String> {
    let input = read_input(args.file.as_deref())?;
    if let Some(kind) = args.kind {
        return views::run_as_in(kind, args.lang, &input, out);
    }
    let options = args.read.options();
    let response = match parse_response_with(&input, &options) {
        Ok(r) => r,
        // Without `--framing` the endpoint is unknown: a payload that does not
        // read as forms (an attachment's raw content, say) is shown as text.
        Err(e) if args.read.falls_back_to_text(&e) => {
            parse_response_with(&input, &options.framing(Framing::Content))
                .map_err(|_| parse_error(&e))?
        }
        Err(e) => return Err(parse_error(&e)),
    };
    serde_json::to_writer(&mut *out, &parse_json::ParseJson(&response))
        .map_err(|e| e.to_string())?;
    out.write_all(b"\n").map_err(|e| e.to_string())
}

fn cmd_bench(args: &BenchArgs, out: &mut dyn Write) -> Result<(), String> {
    let (reps, chunk, file) = (args.reps.get(), args.chunk.get(), args.file.as_path());
    let options = args.read.options();
    let mut times = Vec::with_capacity(reps);
    let (mut forms, mut fields) = (0, 0);
    let bytes;
    if args.mode == Mode::Stream {
        // The file is read from disk in chunks: memory stays bounded by the
        // largest form plus one chunk, whatever the file's size.
        bytes = std::fs::metadata(file)
            .map_err(|e| format!("{}: {e}", file.display()))?
            .len();
        for _ in 0..reps {
            let t = Instant::now();
            (forms, fields) = stream_file(file, chunk, &options)?;
            times.push(t.elapsed().as_secs_f64());
        }
    } else {
        let input = read_input(Some(file))?;
        bytes = input.len() as u64;
        for _ in 0..reps {
            let t = Instant::now();
            let r = parse_response_with(&input, &options).map_err(|e| parse_error(&e))?;
            forms = r.form_count();
            fields = r.field_count();
            if args.mode == Mode::Decoded {
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
        "mode={} bytes={bytes} reps={reps} median_s={median:.6} mb_per_s={mbps:.1} forms={forms} fields={fields} peak_rss_kb={}",
        args.mode.name(),
        peak_rss_kb()
    )
    .map_err(|e| e.to_string())
}

/// Streams `file` through the reader in `chunk`-byte reads; returns the
/// number of forms and fields.
fn stream_file(
    file: &Path,
    chunk: usize,
    options: &ParseOptions,
) -> Result<(usize, usize), String> {
    use rt_wire::stream::{Event, Status, StreamReader};
    let mut f = std::fs::File::open(file).map_err(|e| format!("{}: {e}", file.display()))?;
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
            .map_err(|e| parse_error(&e))?
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
                let n = f
                    .read(&mut buf[len..])
                    .map_err(|e| format!("{}: {e}", file.display()))?;
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
