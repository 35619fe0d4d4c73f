#!/usr/bin/env bash
# Side-by-side comparison of rt-wire with the other REST 1.0 parsers, on the
# same generated inputs, in one run:
#
#   rt-wire bench --mode borrowed | decoded | stream
#   python-rt          rt.rest1.Rt.get_history / .search(Format='l'), HTTP layer
#                      replaced (python_rt.py)
#   python-rt fields   its field parser alone: Rt.__parse_response_dict on each
#                      `\n--\n`-split form (python_rt.py fields), compared with
#                      rt-wire decoded in a table of its own
#   RT::Client::REST   RT::Client::REST::Forms::form_parse (perl_parsers.pl client)
#   RT (server)        RT::Interface::REST::form_parse from request-tracker5
#                      (perl_parsers.pl rt)
#
# Each parser runs in its own process; each reports the median of its reps,
# timed in-process around the parse only (no process start, no file reading;
# except rt-wire's stream mode, which by design reads the file in chunks
# inside the timed loop), and its process's peak RSS (the input held in
# memory included). Every parser's form and field counts are checked against
# rt-wire borrowed; a difference prints a MISMATCH line. (python-rt keeps one
# dict per form, so a key repeated within a form would count once there; the
# Perl parsers merge repeated keys into one list. The generated inputs repeat
# no key, so all counts must agree: see the helpers' headers.)
#
# Run from anywhere:  bash benches/compare/compare.sh
# Environment:
#   COMPARE_SIZES        input sizes in bytes (default "1000000 64000000")
#   COMPARE_REPS_SMALL   reps for inputs up to 8 MB, and for rt-wire at every
#                        size (default 11)
#   COMPARE_REPS_LARGE   reps of the other parsers for larger inputs (default 3:
#                        the Perl parsers take 10-20 s per 64 MB)
#   COMPARE_SEED         generator seed (default 1)
#   COMPARE_WORKDIR      where inputs are written (default: a temp dir, removed)
# Installs when absent (as root): python-rt into benches/compare/.venv (pip),
# librt-client-rest-perl and request-tracker5 (apt).
set -euo pipefail
cd "$(dirname "$0")/../.."
here=benches/compare

sizes=${COMPARE_SIZES:-"1000000 64000000"}
reps_small=${COMPARE_REPS_SMALL:-11}
reps_large=${COMPARE_REPS_LARGE:-3}
seed=${COMPARE_SEED:-1}
rt_lib=/usr/share/request-tracker5/lib

log() { printf '%s\n' "$*" >&2; }
die() { log "compare.sh: $*"; exit 1; }

# ---------------------------------------------------------------- installs
apt_updated=
apt_install() {
  [[ $(id -u) == 0 ]] || die "need root to install $*"
  export DEBIAN_FRONTEND=noninteractive
  if [[ -z $apt_updated ]]; then
    apt-get update >&2
    apt_updated=1
  fi
  apt-get install -y --no-install-recommends "$@" </dev/null >&2
}

if ! perl -MRT::Client::REST::Forms -e 1 2>/dev/null; then
  log "installing librt-client-rest-perl"
  apt_install librt-client-rest-perl
fi
if ! perl -I"$rt_lib" -MRT::Interface::REST -e 1 2>/dev/null; then
  log "installing request-tracker5 (for RT::Interface::REST)"
  apt_install request-tracker5
fi
perl -MRT::Client::REST::Forms -e 1 || die "RT::Client::REST::Forms does not load"
perl -I"$rt_lib" -MRT::Interface::REST -e 1 || die "RT::Interface::REST does not load"

venv=$here/.venv
py=$venv/bin/python
if ! "$py" -c 'import rt.rest1' 2>/dev/null; then
  log "installing python-rt into $venv"
  python3 -m venv "$venv"
  "$py" -m pip install --quiet --disable-pip-version-check 'rt>=3,<4' >&2
fi
"$py" -c 'import rt.rest1' || die "python-rt does not import"

log "building rt-wire and rt-wire-generate (release)"
cargo build --release --quiet --bin rt-wire
cargo build --release --quiet -p rt-wire-testkit --bin rt-wire-generate
rtw=target/release/rt-wire
gen=target/release/rt-wire-generate

# ---------------------------------------------------------------- inputs
if [[ -n ${COMPARE_WORKDIR:-} ]]; then
  work=$COMPARE_WORKDIR keep_inputs=1
  mkdir -p "$work"
else
  work=$(mktemp -d) keep_inputs=
  trap 'rm -rf "$work"' EXIT
fi

human() { # bytes -> "1 MB" / "64 MB" / "500 kB"
  awk -v b="$1" 'BEGIN {
    if (b >= 1e6) printf "%g MB", int(b / 1e5 + 0.5) / 10;
    else if (b >= 1e3) printf "%g kB", int(b / 1e2 + 0.5) / 10;
    else printf "%d B", b }'
}

# kv LINE KEY -> value of KEY= in a `key=value key=value` line
kv() { tr ' ' '\n' <<<"$1" | sed -n "s/^$2=//p" | head -1; }

results=$work/results.tsv
: >"$results"
mismatches=0
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
started=$(date +%s)

# record INPUT PARSER LINE: append a result row, check counts against the
# rt-wire borrowed row of the same input.
ref_forms= ref_fields= ref_mbps=
record() {
  local input=$1 parser=$2 line=$3
  local mbps forms fields rss errors note=""
  mbps=$(kv "$line" mb_per_s)
  forms=$(kv "$line" forms)
  fields=$(kv "$line" fields)
  rss=$(kv "$line" peak_rss_kb)
  errors=$(kv "$line" errors)
  if [[ $parser == "rt-wire borrowed" ]]; then
    ref_forms=$forms ref_fields=$fields ref_mbps=$mbps
  elif [[ $forms != "$ref_forms" || $fields != "$ref_fields" || ${errors:-0} != 0 ]]; then
    echo "MISMATCH: $input, $parser: forms=$forms fields=$fields${errors:+ errors=$errors}" \
      "(rt-wire borrowed: forms=$ref_forms fields=$ref_fields)"
    note=" (MISMATCH)"
    mismatches=$((mismatches + 1))
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$input" "$parser$note" "$mbps" "$ref_mbps" \
    "$forms" "$fields" "$rss" >>"$results"
}

# run INPUT PARSER CMD...: run one timing, print its line, record it; a parser
# that fails is reported and recorded as FAILED, and the run goes on.
run() {
  local input=$1 parser=$2 line
  shift 2
  log "  $parser"
  if line=$("$@" 2>"$work/stderr"); then
    echo "  $parser: $line"
    record "$input" "$parser" "$line"
  else
    echo "FAILED: $input, $parser: $(tail -3 "$work/stderr" | tr '\n' ' ')"
    printf '%s\t%s\t-\t%s\t-\t-\t-\n' "$input" "$parser (FAILED)" "$ref_mbps" >>"$results"
    mismatches=$((mismatches + 1))
  fi
}

echo "## raw results"
for size in $sizes; do
  if ((size > 8000000)); then reps=$reps_large; else reps=$reps_small; fi
  for kind in history-long search-long; do
    file=$work/$kind-$size.txt
    log "generating $kind $size bytes"
    "$gen" "$kind" "$size" --seed "$seed" >"$file"
    bytes=$(stat -c %s "$file")
    input="$kind $(human "$bytes")"
    case $kind in
      history-long) framing=object py_kind=history ;;
      search-long) framing=search py_kind=search ;;
    esac
    log "$input ($bytes bytes)"
    ref_forms= ref_fields= ref_mbps=
    for mode in borrowed decoded stream; do
      run "$input" "rt-wire $mode" \
        "$rtw" bench --mode "$mode" --reps "$reps_small" --framing "$framing" "$file"
    done
    run "$input" "python-rt" "$py" "$here/python_rt.py" "$py_kind" "$file" "$reps"
    run "$input" "python-rt fields" "$py" "$here/python_rt.py" fields "$file" "$reps"
    run "$input" "RT::Client::REST" perl "$here/perl_parsers.pl" client "$file" "$reps"
    run "$input" "RT form_parse" perl -I"$rt_lib" "$here/perl_parsers.pl" rt "$file" "$reps"
    [[ -n $keep_inputs ]] || rm -f "$file"
  done
done
elapsed=$(($(date +%s) - started))
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# ---------------------------------------------------------------- table
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
mem=$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
os=$(. /etc/os-release && echo "$PRETTY_NAME")
py_rt=$("$py" -c 'import importlib.metadata as m; print(m.version("rt"))')
client_v=$(perl -MRT::Client::REST -e 'print $RT::Client::REST::VERSION')
rt_v=$(dpkg-query -W -f '${Version}' request-tracker5 2>/dev/null || echo '?')

echo
echo "## rt-wire and the other RT REST 1.0 parsers"
echo
echo "Machine: $(nproc) CPUs, $cpu, $mem memory; $os; $(uname -r)."
echo "Tools: $(rustc --version | cut -d' ' -f1-2), $("$py" --version), python-rt $py_rt," \
  "perl $(perl -e 'print $^V'), RT::Client::REST $client_v, request-tracker5 $rt_v."
echo "Inputs: \`rt-wire-generate history-long|search-long BYTES --seed $seed\`" \
  "(\`cargo run -p rt-wire-testkit --release --bin rt-wire-generate -- …\`)."
echo "MB/s is 10^6 bytes per second of the whole response (median of the reps:" \
  "rt-wire $reps_small, the others $reps_small up to 8 MB and $reps_large above)." \
  "\"rt-wire borrowed / this\" is how many times faster rt-wire's borrowed parse" \
  "was than that parser on the same input. Peak RSS is the process's" \
  "(input included; MB = 10^6 bytes). rt-wire stream reads the file in 64 KB chunks inside the timing."
echo "Noise: run on a shared machine; load average $load_before before," \
  "$load_after after; total $elapsed s. Other load moves single figures" \
  "by tens of percent; compare ratios within one run."
echo
echo "| input | parser | MB/s | rt-wire borrowed / this | forms | fields | peak RSS |"
echo "|---|---|---:|---:|---:|---:|---:|"
awk -F'\t' '{
  ratio = ($3 == "-" || $3 + 0 == 0) ? "-" : sprintf("%.1f", $4 / $3);
  if (ratio != "-" && $4 / $3 >= 100) ratio = sprintf("%.0f", $4 / $3);
  rss = ($7 == "-") ? "-" : sprintf($7 * 1024 < 1e8 ? "%.1f MB" : "%.0f MB", $7 * 1024 / 1e6);
  printf "| %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, ratio, $5, $6, rss
}' "$results"
echo
echo "### rt-wire decoded and python-rt's field parser alone"
echo
echo "python-rt fields: the body split at \`\\n--\\n\` and python-rt's own field" \
  "parser \`Rt.__parse_response_dict\` called on each form, nothing else of its API;" \
  "rt-wire decoded: the whole parse and every value de-indented into an owned string."
echo
echo "| input | rt-wire decoded MB/s | python-rt fields MB/s | decoded / python-rt fields |"
echo "|---|---:|---:|---:|"
awk -F'\t' '
  $2 == "rt-wire decoded" { dec[$1] = $3; order[++n] = $1 }
  $2 == "python-rt fields" { py[$1] = $3 }
  END {
    for (i = 1; i <= n; i++) {
      k = order[i];
      ratio = (py[k] == "" || py[k] + 0 == 0) ? "-" : sprintf("%.1f", dec[k] / py[k]);
      printf "| %s | %s | %s | %s |\n", k, dec[k], (py[k] == "" ? "-" : py[k]), ratio
    }
  }' "$results"
echo
if ((mismatches)); then
  echo "$mismatches MISMATCH/FAILED row(s): see above."
  exit 1
fi
echo "All parsers found the same forms and fields as rt-wire borrowed."
