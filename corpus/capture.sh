#!/usr/bin/env bash
# Regenerate the REST 1.0 response corpus from fresh live RT instances.
#
#   corpus/capture.sh            # RT 5 and RT 4.4 (default RT_CAPTURE_VERSIONS="5 4")
#   RT_CAPTURE_VERSIONS=5 corpus/capture.sh       # one version ("" for none)
#   RT_CAPTURE_SITE_VERSIONS=5 corpus/capture.sh   # site-configured captures (default "5 4"; "" for none)
#
# For every version: stop any running instance, start a fresh one with scripts/rt-live.sh,
# run corpus/capture.py against it (writes corpus/rt<v>/*.rt + manifest.json), stop it;
# then the same with a site-configured instance and corpus/capture_site.py (corpus/rt<v>-site).
# Finally corpus/README.md is regenerated from the manifests.
set -euo pipefail
cd "$(dirname "$0")/.."

for v in ${RT_CAPTURE_VERSIONS-5 4}; do
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
# The site-configured instances (RT_LIVE_SITE=1: time zone, WebPath, lifecycle, users of
# several languages and date formats): corpus/capture_site.py writes corpus/rt<v>-site.
for v in ${RT_CAPTURE_SITE_VERSIONS-5 4}; do
  t0=$(date +%s)
  RT_LIVE_SITE=1 scripts/rt-live.sh stop "$v"
  if ! url=$(RT_LIVE_SITE=1 scripts/rt-live.sh start "$v" | tail -n 1); then
    echo "capture: site-configured RT $v could not be started; skipping" >&2
    continue
  fi
  python3 corpus/capture_site.py "$url" "corpus/rt$v-site" "$v"
  RT_LIVE_SITE=1 scripts/rt-live.sh stop "$v"
  echo "capture: site-configured RT $v done in $(( $(date +%s) - t0 ))s" >&2
done
python3 corpus/capture.py --readme corpus
