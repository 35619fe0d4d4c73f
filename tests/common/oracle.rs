//! The one rule for tests that need an oracle outside the crate: RT's Perl
//! (`tests/oracle_form_parse.rs`) or a live RT named by `RT_URL`
//! (`tests/live.rs`).
//!
//! Without its oracle such a test skips, and says so where the user sees it: a
//! `SKIP <test>: <reason>` line written straight to the process's stderr (the
//! harness shows `print!`/`eprint!` output of a passing test only with
//! `--nocapture`; a direct write is always shown). With
//! `RT_WIRE_REQUIRE_ORACLES=1` (CI sets it, since it installs and starts RT) a
//! missing oracle fails the test instead: a run that needs the oracles cannot
//! pass without them.

use std::io::Write;

/// The environment variable that turns a missing oracle into a failure.
pub const REQUIRE: &str = "RT_WIRE_REQUIRE_ORACLES";

/// Whether a missing oracle fails (`RT_WIRE_REQUIRE_ORACLES=1`) rather than
/// skips (unset, empty or `0`). Any other value fails: a typo must not turn
/// the requirement off.
pub fn required() -> bool {
    match std::env::var(REQUIRE) {
        Ok(v) if v == "1" => true,
        Ok(v) if v.is_empty() || v == "0" => false,
        Err(std::env::VarError::NotPresent) => false,
        Ok(v) => panic!("{REQUIRE}={v:?}: use 1 (oracles required) or 0"),
        Err(e) => panic!("{REQUIRE}: {e}"),
    }
}

/// Reports that `test` cannot reach its oracle, for `reason`: fails when
/// oracles are required, else writes the SKIP line. The caller returns.
pub fn missing(test: &str, reason: &str) {
    assert!(
        !required(),
        "{test}: {reason}; {REQUIRE}=1 requires every oracle"
    );
    // One write, so that the harness's own output does not split the line,
    // and on a line of its own after the harness's `test <name> ... `.
    let line = format!("\nSKIP {test}: {reason} (set {REQUIRE}=1 to make this a failure)\n");
    let _ = std::io::stderr().lock().write_all(line.as_bytes());
}

/// The value of the environment variable `var` that names `test`'s oracle, or
/// [`missing`] with `hint` when it is unset.
pub fn env(test: &str, var: &str, hint: &str) -> Option<String> {
    match std::env::var(var) {
        Ok(v) if !v.is_empty() => Some(v),
        _ => {
            missing(test, &format!("{var} not set ({hint})"));
            None
        }
    }
}

/// Runs the oracle script `script` (a file under `scripts/`) with RT's Perl
/// library `lib` on the include path and `args` after it, feeding it `input`;
/// its standard output. `None`, after [`missing`], when perl cannot run; a
/// script that fails fails the test.
///
/// With `RT_WIRE_ORACLE_CACHE=<dir>` set, the output is kept in `<dir>`
/// under the SHA-256 of everything it depends on (the script's text, the
/// library path and the modification time of its `RT.pm`, the arguments,
/// the input) and replayed when the same run comes again: a mutation run
/// then asks RT's Perl only about inputs a mutant changed. Unset, RT is
/// always asked.
pub fn perl(test: &str, lib: &str, script: &str, args: &[&str], input: Vec<u8>) -> Option<Vec<u8>> {
    let script = format!("{}/scripts/{script}", env!("CARGO_MANIFEST_DIR"));
    let Some(dir) = std::env::var_os(CACHE).filter(|d| !d.is_empty()) else {
        return run_perl(test, lib, &script, args, input);
    };
    use sha2::{Digest, Sha256};
    let mut key = Sha256::new();
    key.update(std::fs::read(&script).expect("the oracle script"));
    let rt_pm = format!(
        "{:?}",
        std::fs::metadata(format!("{lib}/RT.pm")).and_then(|m| m.modified())
    );
    for part in [lib, rt_pm.as_str()]
        .into_iter()
        .chain(args.iter().copied())
    {
        key.update((part.len() as u64).to_le_bytes());
        key.update(part.as_bytes());
    }
    key.update(&input);
    let path = std::path::Path::new(&dir).join(format!("{:x}", key.finalize()));
    if let Ok(out) = std::fs::read(&path) {
        return Some(out);
    }
    let out = run_perl(test, lib, &script, args, input)?;
    std::fs::create_dir_all(&dir).expect("the oracle cache directory");
    // Written whole under a temporary name first: a run stopped halfway
    // leaves no partial answer behind.
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    std::fs::write(&tmp, &out).expect("the oracle cache");
    std::fs::rename(&tmp, &path).expect("the oracle cache");
    Some(out)
}

/// The environment variable naming the directory of [`perl`]'s cache.
pub const CACHE: &str = "RT_WIRE_ORACLE_CACHE";

fn run_perl(test: &str, lib: &str, script: &str, args: &[&str], input: Vec<u8>) -> Option<Vec<u8>> {
    use std::process::{Command, Stdio};
    let child = Command::new("perl")
        .arg(format!("-I{lib}"))
        .arg(script)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) => {
            missing(test, &format!("cannot run perl: {e}"));
            return None;
        }
    };
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(
        out.status.success(),
        "{test}: {script} failed ({lib}): {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(out.stdout)
}

/// A small deterministic generator (xorshift64*) for the generated cases.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}
