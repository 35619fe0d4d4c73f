#!/usr/bin/env python3
"""Runs a first mutation pass with only the test programs that exercise a scope.

cargo-mutants builds every mutant with `cargo test --no-run` and the config's
`additional_cargo_args` alone (its test arguments do not narrow the build), so
with `.cargo/mutants.toml` every mutant rebuilds the library and all 22 test
programs. This writes a copy of that config (the exclusions stay written
once, there) whose `additional_cargo_args` name the library's unit tests and
the given test programs, and runs cargo-mutants with it and the remaining
arguments:

    scripts/mutants-pass.py views_golden,views_rules,owned -- -j 2 --timeout 30 -o /tmp/c -f 'src/views/**/*.rs'

A mutant this pass misses is not yet a missed mutant: run the output
directory again with every test (`cargo mutants --iterate -o /tmp/c ...`, the
repository's config) and merge the passes (`scripts/mutants-merge.py`).
"""

import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main(argv):
    if len(argv) < 2 or argv[1] != "--":
        sys.exit(__doc__)
    tests = [t for t in argv[0].split(",") if t]
    with open(os.path.join(ROOT, ".cargo", "mutants.toml"), encoding="utf-8") as f:
        config = f.read()
    args = ["--all-features", "--lib"] + [a for t in tests for a in ("--test", t)]
    quoted = ", ".join(f'"{a}"' for a in args)
    config, n = re.subn(r"^additional_cargo_args = .*$", f"additional_cargo_args = [{quoted}]", config, flags=re.M)
    assert n == 1, "additional_cargo_args not found in .cargo/mutants.toml"
    # The test arguments keep only what follows `--` (tests to skip).
    config, n = re.subn(
        r'^additional_cargo_test_args = \[.*?"--",(.*)$',
        r'additional_cargo_test_args = ["--",\1',
        config,
        flags=re.M,
    )
    assert n == 1, "additional_cargo_test_args not found in .cargo/mutants.toml"
    with tempfile.NamedTemporaryFile("w", suffix=".toml", delete=False) as f:
        f.write(config)
    try:
        return subprocess.call(["cargo", "mutants", "--config", f.name, *argv[2:]], cwd=ROOT)
    finally:
        os.unlink(f.name)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
