#!/usr/bin/env bash
# check-expect.sh — run the independent reference decoder (corpus/expect.py) over a
# temporary copy of every corpus directory and fail when it warns, when a decoded value
# disagrees with the capture manifest, or when its output differs from the committed
# <name>.expected.json files (a regenerated file that is missing, extra or different).
#
#   corpus/check-expect.sh          (from anywhere; CI runs it from .ci/run)
#
# Nothing in the repository is written. To accept a change, run expect.py on the real
# directories (python3 corpus/expect.py corpus/rt5 corpus/rt4) and commit the result.
set -euo pipefail
cd "$(dirname "$0")/.."

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

dirs=()
for man in corpus/*/manifest.json; do
  d=$(dirname "$man")
  name=$(basename "$d")
  mkdir -p "$tmp/$name"
  cp "$d"/*.rt "$man" "$tmp/$name/"
  dirs+=("$tmp/$name")
done
[ ${#dirs[@]} -gt 0 ] || { echo "check-expect: no corpus/*/manifest.json" >&2; exit 1; }

status=0
python3 corpus/expect.py "${dirs[@]}" >"$tmp/report.txt" || status=$?
if [ "$status" -ne 0 ] || grep -qE 'WARNING|MISMATCH|not in manifest|file missing' "$tmp/report.txt"; then
  grep -E 'WARNING|MISMATCH|not in manifest|file missing|warnings or mismatches' "$tmp/report.txt" >&2 || true
  echo "check-expect: expect.py reported problems (exit $status)" >&2
  exit 1
fi
grep -E '^[^ ].*: [0-9]+ files, ' "$tmp/report.txt" | sed "s#$tmp/#corpus/#"

for d in "${dirs[@]}"; do
  name=$(basename "$d")
  if ! diff -u <(cd "corpus/$name" && ls ./*.expected.json) <(cd "$d" && ls ./*.expected.json) >&2; then
    echo "check-expect: corpus/$name: the set of expected files differs" >&2
    exit 1
  fi
  for f in "$d"/*.expected.json; do
    if ! cmp -s "$f" "corpus/$name/$(basename "$f")"; then
      diff -u "corpus/$name/$(basename "$f")" "$f" | head -40 >&2
      echo "check-expect: corpus/$name/$(basename "$f") differs from expect.py's output" >&2
      exit 1
    fi
  done
done
echo "check-expect: every expected file is expect.py's output"
