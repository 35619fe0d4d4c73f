//! `rt-wire-generate`: write a deterministic, realistic RT response to stdout
//! (the generator of `rt_wire_testkit::generate`), for benchmarks.
//!
//! ```text
//! rt-wire-generate history-long|search-long|attachments BYTES [--seed N]
//! ```

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use rt_wire_testkit::generate::{Kind, generate};

/// Write a deterministic, realistic RT 5.0.3 response of about BYTES bytes
/// (at least one form) to stdout; the same kind, size and seed always give
/// the same bytes.
#[derive(Parser)]
#[command(name = "rt-wire-generate")]
struct Args {
    /// history-long, search-long or attachments.
    #[arg(value_parser = kind)]
    kind: Kind,
    /// About how many bytes to write.
    bytes: usize,
    /// The generator's seed.
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

fn kind(name: &str) -> Result<Kind, String> {
    Kind::from_name(name).ok_or_else(|| format!("unknown kind {name}"))
}

fn main() -> ExitCode {
    let args = Args::parse();
    let out = generate(args.kind, args.bytes, args.seed);
    let mut stdout = std::io::stdout().lock();
    if stdout
        .write_all(&out)
        .and_then(|()| stdout.flush())
        .is_err()
    {
        eprintln!("rt-wire-generate: cannot write output");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
