#!/usr/bin/env bash
# Regenerate the REST 1.0 response corpus from fresh live RT instances.
#
#   corpus/capture.sh            # RT 5 and RT 4.4 (default RT_CAPTURE_VERSIONS="5 4")
#   RT_CAPTURE_VERSIONS=5 corpus/capture.sh
#
# For every version: stop any running instance, start a fresh one with scripts/rt-live.sh,
# run corpus/capture.py against it (writes corpus/rt<v>/*.rt + manifest.json), stop it.
# Finally corpus/README.md is regenerated from the manifests.
set -euo pipefail
cd "$(dirname "$0")/.."

for v in ${RT_CAPTURE_VERSIONS:-5 4}; do
  t0=$(date +%s)
  scripts/rt-live.sh stop "$v"
  if ! url=$(scripts/rt-live.sh start "$v" | tail -n 1); then
    echo "capture: RT $v could not be started; skipping" >&2
    continue
  fi
  python3 corpus/capture.py "$url" "corpus/rt$v" "$v"
  scripts/rt-live.sh stop "$v"
  echo "capture: RT $v done in $(( $(date +%s) - t0 ))s" >&2
done
python3 corpus/capture.py --readme corpus
