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
