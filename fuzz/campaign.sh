#!/usr/bin/env bash
# A time-boxed campaign on one core: each target in turn, AddressSanitizer
# (RUSTC_BOOTSTRAP=1 on the stable toolchain), fork mode with one worker so
# that a finding is recorded under artifacts/TARGET/ and the run goes on.
# Usage: fuzz/campaign.sh SECONDS [TARGET...]   (default: every target)
# Logs: fuzz/logs/TARGET.log; the last stats line has cov/ft/corp/exec.
set -euo pipefail
cd "$(dirname "$0")"
secs=${1:-600}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    mapfile -t targets < <(cargo fuzz list)
fi
export RUSTC_BOOTSTRAP=1
cargo fuzz build >/dev/null
mkdir -p logs
for t in "${targets[@]}"; do
    mkdir -p "scratch/$t" "artifacts/$t"
    echo "== $t for ${secs}s"
    cargo fuzz run "$t" "scratch/$t" ../corpus/rt5 ../corpus/rt4 ../corpus/regressions -- \
        -dict=terminals.dict -max_total_time="$secs" -fork=1 \
        -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 -timeout=10 \
        -artifact_prefix="artifacts/$t/" >"logs/$t.log" 2>&1 || true
    grep -E '^#[0-9]+' "logs/$t.log" | tail -1
    ls "artifacts/$t" | sed 's/^/  finding: /'
done
