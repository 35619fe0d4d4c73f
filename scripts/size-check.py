#!/usr/bin/env python3
"""Size rules of the code: no Rust source file over 600 lines, no function
over 80 lines (from its `fn` line to its closing brace), no
`#[allow(clippy::too_many_lines)]`. Prints each breach; exits 1 if any.
Generated data tables (a file whose first line starts with `// @generated`,
e.g. the CLDR date table) are skipped: they are data written by a script,
not code, and their size follows the data.
Usage: scripts/size-check.py [DIR ...]  (default: src tests benches examples testkit cli)"""
import os
import re
import sys

MAX_FILE, MAX_FN = 600, 80
FN = re.compile(r'^\s*(pub(\([a-z]+\))?\s+)?(const\s+)?(async\s+)?(unsafe\s+)?fn\s+(\w+)')


def functions(lines):
    """(name, first line, length) of each function, by brace depth."""
    out = []
    i = 0
    while i < len(lines):
        m = FN.match(lines[i])
        if not m:
            i += 1
            continue
        depth, start, opened = 0, i, False
        j = i
        while j < len(lines):
            code = re.sub(r'//.*', '', lines[j])
            code = re.sub(r"b?'(\\.|[^\\'])'", "''", code)
            code = re.sub(r'"(\\.|[^"\\])*"', '""', code)
            depth += code.count('{') - code.count('}')
            if '{' in code:
                opened = True
            if opened and depth <= 0:
                break
            if not opened and code.rstrip().endswith(';'):
                break
            j += 1
        if opened:
            out.append((m.group(6), start + 1, j - start + 1))
        i += 1
    return out


def main():
    roots = sys.argv[1:] or ['src', 'tests', 'benches', 'examples', 'testkit', 'cli']
    bad = 0
    for root in roots:
        walk = [(os.path.dirname(root), [], [os.path.basename(root)])] if os.path.isfile(root) else os.walk(root)
        for dirpath, _, files in walk:
            if 'target' in dirpath:
                continue
            for f in sorted(files):
                if not f.endswith('.rs'):
                    continue
                path = os.path.join(dirpath, f)
                lines = open(path, encoding='utf-8').read().split('\n')
                if lines[0].startswith('// @generated'):
                    continue
                if len(lines) - 1 > MAX_FILE:
                    print(f'{path}: {len(lines) - 1} lines (max {MAX_FILE})')
                    bad += 1
                for name, line, n in functions(lines):
                    if n > MAX_FN:
                        print(f'{path}:{line}: fn {name} is {n} lines (max {MAX_FN})')
                        bad += 1
                for k, l in enumerate(lines):
                    if 'too_many_lines' in l:
                        print(f'{path}:{k + 1}: allows too_many_lines')
                        bad += 1
    sys.exit(1 if bad else 0)


main()
