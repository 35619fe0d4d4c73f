#!/usr/bin/env bash
# CI smoke: every fuzz target for N seconds (default 20) on the committed
# seeds, on the stable toolchain without sanitizer (-s none). Any crash,
# timeout or out-of-memory fails the script. Installs cargo-fuzz when absent.
# The seed is fixed (FUZZ_SEED, default 1) so that a smoke run explores the
# same inputs each time: CI stays reproducible, and a long local run with the
# same seed covers what CI will run.
# Usage: fuzz/smoke.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")"
secs=${1:-20}
if ! cargo fuzz --version >/dev/null 2>&1; then
    cargo install cargo-fuzz --locked
fi
cargo fmt --check
cargo clippy --locked -- -D warnings
cargo fuzz build -s none
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
failed=0
for t in $(cargo fuzz list); do
    mkdir -p "$scratch/$t" "$scratch/artifacts/$t"
    if cargo fuzz run -s none "$t" "$scratch/$t" ../corpus/rt5 ../corpus/rt4 ../corpus/regressions -- \
        -dict=terminals.dict -max_total_time="$secs" -seed="${FUZZ_SEED:-1}" -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="$scratch/artifacts/$t/" >"$scratch/$t.log" 2>&1; then
        echo "ok   $t: $(grep -E '^#[0-9]+' "$scratch/$t.log" | tail -1)"
    else
        echo "FAIL $t"
        tail -40 "$scratch/$t.log"
        for f in "$scratch/artifacts/$t"/*; do
            [ -f "$f" ] && { echo "input $f:"; od -c "$f" | head -20; }
        done
        failed=1
    fi
done
exit $failed
