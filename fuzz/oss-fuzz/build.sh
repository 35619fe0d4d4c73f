#!/usr/bin/env bash
# Builds every fuzz target, its seed corpus and dictionary into $OUT.
# In OSS-Fuzz / ClusterFuzzLite: $SRC, $OUT and the sanitizer flags are set by
# the base image (cargo fuzz build -O picks them up). Locally, without docker:
#   fuzz/oss-fuzz/build.sh            # writes fuzz/oss-fuzz/out/
#   SANITIZER=none fuzz/oss-fuzz/build.sh
# then run e.g. fuzz/oss-fuzz/out/parse_response -dict=fuzz/oss-fuzz/out/parse_response.dict
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
OUT=${OUT:-$here/out}
mkdir -p "$OUT"
cd "$root/fuzz"
if [ -n "${FUZZING_ENGINE:-}" ]; then
    # Inside the OSS-Fuzz base image.
    cargo fuzz build -O -a
else
    command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
    if [ "${SANITIZER:-address}" = none ]; then
        cargo fuzz build -O -a -s none
    else
        RUSTC_BOOTSTRAP=1 cargo fuzz build -O -a
    fi
fi
bin=target/x86_64-unknown-linux-gnu/release
seeds=$(mktemp -d)
trap 'rm -rf "$seeds"' EXIT
cp "$root"/corpus/rt5/*.rt "$seeds/" 2>/dev/null || true
for f in "$root"/corpus/rt4/*.rt; do cp "$f" "$seeds/rt4-$(basename "$f")"; done
cp "$root"/corpus/regressions/* "$seeds/"
for t in $(cargo fuzz list); do
    cp "$bin/$t" "$OUT/$t"
    cp terminals.dict "$OUT/$t.dict"
    (cd "$seeds" && zip -q -r "$OUT/${t}_seed_corpus.zip" .)
done
echo "built $(cargo fuzz list | wc -l) targets into $OUT"
