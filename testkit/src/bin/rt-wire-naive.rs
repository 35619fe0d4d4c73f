//! `rt-wire-naive`: time the naive baseline (`rt_wire_testkit::naive::scan`)
//! on a file, in the one-line format of `rt-wire bench`.
//!
//! ```text
//! rt-wire-naive [--reps N] FILE
//! ```
//!
//! Prints `mode=naive bytes= reps= median_s= mb_per_s= fields= peak_rss_kb=`:
//! the file is read once, then scanned N times (10 by default); only the scan
//! is timed, as `rt-wire bench --mode borrowed` times only the parse.
//! `fields` is the number of key/value pairs the scan handed out.

use std::hint::black_box;
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;

use rt_wire_testkit::naive::scan;

/// Scan FILE N times with the naive baseline; print `mode=naive bytes=
/// reps= median_s= mb_per_s= fields= peak_rss_kb=` on one line.
#[derive(Parser)]
#[command(name = "rt-wire-naive")]
struct Args {
    /// How many times to scan the file.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..))]
    reps: u32,
    /// The RT response to scan.
    file: String,
}

fn main() -> ExitCode {
    let Args { reps, file } = Args::parse();
    let reps = reps as usize;
    let input = match std::fs::read(&file) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("rt-wire-naive: {file}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut times = Vec::with_capacity(reps);
    let mut fields = 0usize;
    for _ in 0..reps {
        let t = Instant::now();
        let (mut n, mut len) = (0usize, 0usize);
        scan(black_box(&input), |k, v| {
            n += 1;
            len += k.len() + v.len();
        });
        black_box(len);
        times.push(t.elapsed().as_secs_f64());
        fields = n;
    }
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    #[allow(clippy::cast_precision_loss)]
    let mbps = input.len() as f64 / median / 1e6;
    println!(
        "mode=naive bytes={} reps={reps} median_s={median:.6} mb_per_s={mbps:.1} fields={fields} peak_rss_kb={}",
        input.len(),
        peak_rss_kb()
    );
    ExitCode::SUCCESS
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
