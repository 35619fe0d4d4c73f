#!/usr/bin/env bash
# rt-wire before and after a change, next to the naive baseline, in one run:
#
#   before   `rt-wire bench` built at git revision REV (a temporary
#            `git worktree`, its own target directory)
#   after    `rt-wire bench` built from the working tree (uncommitted changes
#            included), in target/
#   naive    `rt-wire-naive` (rt_wire_testkit::naive::scan) from the working
#            tree: memchr lines, key/value slices to a callback, nothing stored
#            or validated
#
# on two inputs generated once by the working tree's `rt-wire-generate`
# (long history and search `format=l`, SIZE bytes each, fixed seed), in the
# modes borrowed, decoded and stream (64 KiB reads). The runs are interleaved:
# each of ROUNDS rounds runs every input, mode and build once (before and
# after in alternating order, then the naive baseline), each run reporting the
# median of REPS timed parses; a figure below is the median over the rounds.
# Forms and fields of before and after must agree (a MISMATCH line otherwise),
# and the naive baseline must find the same number of fields.
#
# Usage:  bash benches/compare/before-after.sh REV      (e.g. main, HEAD~3, a hash)
# Environment:
#   BEFORE_AFTER_SIZE     input size in bytes (default 64000000)
#   BEFORE_AFTER_REPS     timed parses per run (default 5)
#   BEFORE_AFTER_ROUNDS   interleaved rounds (default 3)
#   BEFORE_AFTER_SEED     generator seed (default 1)
#   BEFORE_AFTER_WORKDIR  keep the inputs and REV's target directory there, to
#                         reuse them in a later run (default: a temp dir, removed)
set -euo pipefail
cd "$(dirname "$0")/../.."

log() { printf '%s\n' "$*" >&2; }
die() { log "before-after.sh: $*"; exit 1; }

[[ $# == 1 ]] || die "usage: benches/compare/before-after.sh REV"
rev=$(git rev-parse --verify --quiet "$1^{commit}") || die "$1 is not a revision"
size=${BEFORE_AFTER_SIZE:-64000000}
reps=${BEFORE_AFTER_REPS:-5}
rounds=${BEFORE_AFTER_ROUNDS:-3}
seed=${BEFORE_AFTER_SEED:-1}

if [[ -n ${BEFORE_AFTER_WORKDIR:-} ]]; then
  work=$BEFORE_AFTER_WORKDIR keep=1
  mkdir -p "$work"
else
  work=$(mktemp -d) keep=
fi
tree=$work/tree-$rev
cleanup() {
  if [[ -d $tree ]]; then git worktree remove --force "$tree" >/dev/null 2>&1 || true; fi
  [[ -n $keep ]] || rm -rf "$work"
}
trap cleanup EXIT

# ---------------------------------------------------------------- builds
log "building rt-wire at $(git log -1 --format='%h %s' "$rev")"
git worktree add --detach --force "$tree" "$rev" >/dev/null 2>&1 || die "git worktree add failed"
(cd "$tree" && CARGO_TARGET_DIR="$work/target-before" cargo build --release --quiet --bin rt-wire)
before=$work/target-before/release/rt-wire
log "building rt-wire, rt-wire-generate and rt-wire-naive from the working tree"
cargo build --release --quiet --bin rt-wire
cargo build --release --quiet -p rt-wire-testkit --bin rt-wire-generate --bin rt-wire-naive
after=target/release/rt-wire
naive=target/release/rt-wire-naive
gen=target/release/rt-wire-generate

# ---------------------------------------------------------------- inputs
inputs=()
for kind in history-long search-long; do
  file=$work/$kind-$size-$seed.txt
  if [[ ! -s $file ]]; then
    log "generating $kind, $size bytes"
    "$gen" "$kind" "$size" --seed "$seed" >"$file"
  fi
  inputs+=("$kind")
done

# kv LINE KEY -> value of KEY= in a `key=value key=value` line
kv() { tr ' ' '\n' <<<"$1" | sed -n "s/^$2=//p" | head -1; }

results=$work/results.tsv
: >"$results"
mismatches=0
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
started=$(date +%s)

# run INPUT MODE BUILD CMD...: one run; appends INPUT MODE BUILD MB/s FORMS FIELDS.
run() {
  local input=$1 mode=$2 build=$3 line
  shift 3
  line=$("$@") || die "$build $mode on $input failed"
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$input" "$mode" "$build" "$(kv "$line" mb_per_s)" \
    "$(kv "$line" forms)" "$(kv "$line" fields)" >>"$results"
  log "    $build $mode: $(kv "$line" mb_per_s) MB/s"
}

for ((round = 1; round <= rounds; round++)); do
  log "round $round of $rounds"
  for kind in "${inputs[@]}"; do
    file=$work/$kind-$size-$seed.txt
    framing=object
    [[ $kind == search-long ]] && framing=search
    for mode in borrowed decoded stream; do
      args=(bench --mode "$mode" --reps "$reps" --framing "$framing" "$file")
      # Alternate the order, so that a drift of the machine's load does not
      # favour one build.
      if ((round % 2)); then
        run "$kind" "$mode" before "$before" "${args[@]}"
        run "$kind" "$mode" after "$after" "${args[@]}"
      else
        run "$kind" "$mode" after "$after" "${args[@]}"
        run "$kind" "$mode" before "$before" "${args[@]}"
      fi
    done
    run "$kind" naive naive "$naive" --reps "$reps" "$file"
  done
done
elapsed=$(($(date +%s) - started))
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# median INPUT MODE BUILD -> median MB/s over the rounds
median() {
  awk -F'\t' -v i="$1" -v m="$2" -v b="$3" '$1 == i && $2 == m && $3 == b { print $4 }' "$results" |
    sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.1f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
# counts INPUT MODE BUILD -> the distinct "forms fields" pairs of its runs
counts() {
  awk -F'\t' -v i="$1" -v m="$2" -v b="$3" '$1 == i && $2 == m && $3 == b { print $5 " " $6 }' "$results" | sort -u
}

# ---------------------------------------------------------------- table
bytes=$(stat -c %s "$work/${inputs[0]}-$size-$seed.txt")
echo "## rt-wire before and after"
echo
echo "Before: $(git log -1 --format='%h (%s)' "$rev"). After: the working tree at" \
  "$(git log -1 --format='%h' HEAD)$(git diff --quiet HEAD -- . 2>/dev/null || echo ' with uncommitted changes')."
echo "Machine: $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1);" \
  "$(rustc --version | cut -d' ' -f1-2)."
echo "Inputs: \`rt-wire-generate history-long|search-long $size --seed $seed\` (about $bytes bytes)."
echo "MB/s = 10^6 bytes per second of the whole response: the median over $rounds interleaved" \
  "rounds of each run's median of $reps parses (stream reads the file in 64 KiB chunks inside" \
  "the timing). after / naive is the share of the naive baseline's speed reached."
echo "Noise: load average $load_before before, $load_after after; total $elapsed s."
echo
echo "| input | mode | before MB/s | after MB/s | naive MB/s | after / before | after / naive |"
echo "|---|---|---:|---:|---:|---:|---:|"
for kind in "${inputs[@]}"; do
  n=$(median "$kind" naive naive)
  ref=$(counts "$kind" borrowed after)
  naive_fields=$(counts "$kind" naive naive | sed 's/^ *//')
  if [[ $naive_fields != "${ref#* }" ]]; then
    echo "MISMATCH: $kind: naive found fields=$naive_fields, rt-wire fields=${ref#* }"
    mismatches=$((mismatches + 1))
  fi
  for mode in borrowed decoded stream; do
    b=$(median "$kind" "$mode" before)
    a=$(median "$kind" "$mode" after)
    for build in before after; do
      got=$(counts "$kind" "$mode" "$build")
      if [[ $got != "$ref" ]]; then
        echo "MISMATCH: $kind, $mode, $build: forms fields = $got, after borrowed: $ref"
        mismatches=$((mismatches + 1))
      fi
    done
    awk -v k="$kind" -v m="$mode" -v b="$b" -v a="$a" -v n="$n" 'BEGIN {
      printf "| %s | %s | %s | %s | %s | %.2f | %.2f |\n", k, m, b, a, n, a / b, a / n }'
  done
done
echo
if ((mismatches)); then
  echo "$mismatches MISMATCH line(s): see above."
  exit 1
fi
echo "Before, after and the naive baseline found the same forms and fields."
