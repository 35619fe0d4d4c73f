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

use rt_wire_testkit::naive::scan;

const USAGE: &str = "usage: rt-wire-naive [--reps N] FILE
    Scan FILE N times (default 10) with the naive baseline; print
    mode=naive bytes= reps= median_s= mb_per_s= fields= peak_rss_kb= on one line.
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (file, reps) = match parse_args(&args) {
        Ok(a) => a,
        Err(m) => {
            eprintln!("rt-wire-naive: {m}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
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

/// FILE and the number of reps from the arguments.
fn parse_args(args: &[String]) -> Result<(String, usize), String> {
    let mut reps = 10usize;
    let mut file = None;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--reps" => {
                i += 1;
                reps = args
                    .get(i)
                    .and_then(|s| s.parse().ok())
                    .filter(|&n| n > 0)
                    .ok_or("--reps takes a positive number")?;
            }
            a if a.starts_with("--") => return Err(format!("unknown option {a}")),
            a if file.is_none() => file = Some(a.to_string()),
            a => return Err(format!("unexpected argument {a}")),
        }
        i += 1;
    }
    Ok((file.ok_or("expected a FILE")?, reps))
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
