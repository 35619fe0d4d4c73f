#!/usr/bin/env bash
# A time-boxed campaign: AddressSanitizer (RUSTC_BOOTSTRAP=1 on the stable
# toolchain) plus debug assertions (integer overflow checks), fork mode with
# one worker per target so that a finding is recorded under artifacts/TARGET/
# and the run goes on. The corpus of each target grows in scratch/TARGET/, so
# a later campaign continues where the last one stopped.
#
# Usage: fuzz/campaign.sh SECONDS [TARGET...]   (default: every target)
#   PARALLEL=N   run N targets at once (default 1: one after the other).
#                With more targets than cores the wall time of each target is
#                SECONDS but its CPU time is a share of the cores: the summary
#                prints both.
#   NICE_VIEWS=K run the view_* targets at nice level K (default 0), so that
#                the core targets get more of the CPU in a shared run.
#   LOG_DIR=D    where the logs go (default logs): D/TARGET.log (libFuzzer),
#                D/TARGET.cpu (wall, user, sys seconds), D/summary.tsv.
set -euo pipefail
cd "$(dirname "$0")"
secs=${1:-600}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    mapfile -t targets < <(cargo fuzz list)
fi
parallel=${PARALLEL:-1}
nice_views=${NICE_VIEWS:-0}
logs=${LOG_DIR:-logs}
export RUSTC_BOOTSTRAP=1
cargo fuzz build -a >/dev/null
mkdir -p "$logs"

run_one() {
    local t=$1 prio=0
    case $t in view_*) prio=$nice_views ;; esac
    mkdir -p "scratch/$t" "artifacts/$t"
    # GNU time reports the CPU of every process the run waited for: cargo,
    # the fork-mode parent and each of its jobs.
    /usr/bin/time -f "%e %U %S" -o "$logs/$t.time" \
        nice -n "$prio" cargo fuzz run -a "$t" "scratch/$t" ../corpus/rt5 ../corpus/rt4 ../corpus/regressions -- \
        -dict=terminals.dict -max_total_time="$secs" -fork=1 \
        -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 -timeout=10 -rss_limit_mb=1536 \
        -artifact_prefix="artifacts/$t/" >"$logs/$t.log" 2>&1 || true
    # (a non-zero exit adds a line before the figures)
    tail -1 "$logs/$t.time" | awk '{ printf "%.0f %.0f %.0f\n", $1, $2, $3 }' >"$logs/$t.cpu"
}

for t in "${targets[@]}"; do
    while [ "$(jobs -rp | wc -l)" -ge "$parallel" ]; do
        wait -n || true
    done
    echo "== $t for ${secs}s (started $(date -u +%H:%M:%S))"
    run_one "$t" &
done
wait

printf 'target\twall_s\tcpu_s\texecs\tcov\tft\tcorpus\tfindings\n' >"$logs/summary.tsv"
for t in "${targets[@]}"; do
    read -r wall user sys <"$logs/$t.cpu"
    last=$(grep -E '^#[0-9]+' "$logs/$t.log" | tail -1 || true)
    execs=$(sed -E 's/^#([0-9]+).*/\1/' <<<"$last")
    cov=$(grep -oE 'cov: [0-9]+' <<<"$last" | cut -d' ' -f2)
    ft=$(grep -oE 'ft: [0-9]+' <<<"$last" | cut -d' ' -f2)
    corp=$(grep -oE 'corp: [0-9]+' <<<"$last" | cut -d' ' -f2)
    found=$(find "artifacts/$t" -type f | wc -l)
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$t" "$wall" "$((user + sys))" \
        "${execs:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "$found" >>"$logs/summary.tsv"
done
column -t "$logs/summary.tsv"
