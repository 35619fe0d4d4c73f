#!/usr/bin/env python3
"""Merges cargo-mutants runs of one scope into one set of figures.

A run done in passes (a first pass with a few test programs, `--iterate`
passes after it, a last pass with every test) leaves one `outcomes.json` per
pass. Given them in the order they ran, this prints, for every mutant, the
outcome of the last pass that tested it (but caught in any pass is caught:
a test failed, and tests are only added), then the counts and the mutants
still missed or timed out.

With `--list FILE` (the output of `cargo mutants --list` over the scope, on
the tree as it is now) only the mutants that exist now count: a mutant on a
line that has since moved or gone is left out, and one never tested under its
present name is reported as untested.

    cargo mutants --list -f 'src/request/**/*.rs' > /tmp/now.txt
    scripts/mutants-merge.py --list /tmp/now.txt /tmp/b1/mutants.out/outcomes.json /tmp/b2/mutants.out/outcomes.json
"""

import json
import sys

NAMES = {
    "CaughtMutant": "caught",
    "MissedMutant": "missed",
    "Timeout": "timeout",
    "Unviable": "unviable",
}


def main(args):
    now = None
    if args[:1] == ["--list"]:
        with open(args[1], encoding="utf-8") as f:
            now = {line.strip() for line in f if line.strip()}
        args = args[2:]
    paths = args
    last = {}
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for o in json.load(f)["outcomes"]:
                mutant = o["scenario"]
                if not isinstance(mutant, dict) or "Mutant" not in mutant:
                    continue  # the baseline
                name = mutant["Mutant"]["name"]
                if last.get(name) != "caught":
                    last[name] = NAMES.get(o["summary"], o["summary"])
    if now is not None:
        last = {n: last.get(n, "untested") for n in now}
    counts = {}
    for outcome in last.values():
        counts[outcome] = counts.get(outcome, 0) + 1
    kinds = [*NAMES.values(), "untested"]
    print(f"mutants: {len(last)}", *(f"{k}: {counts.get(k, 0)}" for k in kinds), sep="\n  ")
    for kind in ("missed", "timeout", "untested"):
        names = sorted(n for n, o in last.items() if o == kind)
        if names:
            print(f"{kind}:")
            for n in names:
                print(f"  {n}")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
