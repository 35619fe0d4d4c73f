//! `rt-wire-generate`: write a deterministic, realistic RT response to stdout
//! (the generator of `rt_wire_testkit::generate`), for benchmarks.
//!
//! ```text
//! rt-wire-generate history-long|search-long|attachments BYTES [--seed N]
//! ```

use std::io::Write;
use std::process::ExitCode;

use rt_wire_testkit::generate::{Kind, generate};

const USAGE: &str = "usage: rt-wire-generate history-long|search-long|attachments BYTES [--seed N]
    Write a deterministic, realistic RT 5.0.3 response of about BYTES bytes
    (at least one form) to stdout; the same kind, size and seed always give
    the same bytes (seed 1 when not given).
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args
        .first()
        .is_some_and(|a| matches!(a.as_str(), "-h" | "--help" | "help"))
    {
        print!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    match parse_args(&args) {
        Ok((kind, bytes, seed)) => {
            let out = generate(kind, bytes, seed);
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
        Err(m) => {
            eprintln!("rt-wire-generate: {m}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// KIND, BYTES and the seed from the arguments.
fn parse_args(args: &[String]) -> Result<(Kind, usize, u64), String> {
    let mut seed = 1u64;
    let mut pos = Vec::new();
    let mut i = 0;
    while i < args.len() {
        if args[i] == "--seed" {
            i += 1;
            seed = args
                .get(i)
                .and_then(|s| s.parse().ok())
                .ok_or("--seed takes a number")?;
        } else {
            pos.push(args[i].as_str());
        }
        i += 1;
    }
    let [kind, bytes] = pos[..] else {
        return Err("expected KIND and BYTES".into());
    };
    let kind = Kind::from_name(kind).ok_or_else(|| format!("unknown kind {kind}"))?;
    let bytes = bytes.parse().map_err(|_| "BYTES must be a number")?;
    Ok((kind, bytes, seed))
}
