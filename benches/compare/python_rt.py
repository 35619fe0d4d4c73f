"""Times python-rt's REST 1.0 parser on one generated response.

usage: python_rt.py history|search|fields FILE REPS

`history` and `search` drive python-rt's public API (`rt.rest1.Rt.get_history` for a long history,
`rt.rest1.Rt.search(..., Format='l')` for a search) with the HTTP layer
replaced: the client's private request method returns the already decoded
response text, so what is timed is python-rt's own work on the body (its
status/"does not exist" checks, the split into forms, its field parser
`__parse_response_dict`, the attachment list and People-field post-processing)
and nothing of the network, of `requests` or of reading the file.

`fields` times python-rt's field parser alone, the work comparable to
`rt-wire bench --mode decoded`: the body split at `\n--\n` into forms (as
`get_history` and `search` split it) and the name-mangled class method
`Rt.__parse_response_dict` (`Rt._Rt__parse_response_dict`, no expected keys)
called on each form, nothing else of the API: no status or "does not exist"
checks, no attachment list or People-field post-processing. The status line
falls into the first form, where the parser itself skips it.

Prints one line of key=value pairs in the format of `rt-wire bench`.

Counting: python-rt returns one dict per form, so a key repeated within one
form keeps only its last value and counts once; `fields` is therefore the
number of distinct keys per form, which equals the number of `Key:` lines only
when no form repeats a key. `search` adds a synthetic `numerical_id` key to
every ticket and `get_history` always sets `Attachments`; neither is a `Key:`
line, so `numerical_id` is not counted and `Attachments` is counted only when
the form had that line.
"""

import gc
import importlib.metadata
import os
import resource
import sys
import time

import rt
import rt.rest1


def main() -> None:
    kind, path, reps = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with open(path, 'rb') as f:
        raw = f.read()
    # python-rt decodes the HTTP body to str before parsing; do it up front.
    body = raw.decode('utf-8')
    del raw

    tracker = rt.rest1.Rt('http://rt.invalid/REST/1.0/', skip_login=True)
    # Name-mangled private method `Rt.__request`: return the body as the
    # server would have sent it.
    tracker._Rt__request = lambda *args, **kwargs: body

    if kind == 'history':
        def run():
            return tracker.get_history(42)

        def count(items):
            # `Attachments` is always present in a parsed item; it was a
            # `Key:` line only if the form had it, which every generated
            # history form does (get_history requires it).
            return len(items), sum(len(d) for d in items)
    elif kind == 'fields':
        parse_dict = rt.rest1.Rt._Rt__parse_response_dict

        def run():
            return [parse_dict(form) for form in body.split('\n--\n')]

        def count(items):
            return len(items), sum(len(d) for d in items)
    elif kind == 'search':
        def run():
            return tracker.search(Queue=rt.rest1.ALL_QUEUES, Format='l')

        def count(items):
            return len(items), sum(len(d) - ('numerical_id' in d) for d in items)
    else:
        sys.exit(f'unknown kind {kind}')

    times = []
    forms = fields = 0
    for _ in range(reps):
        gc.collect()
        t = time.perf_counter()
        items = run()
        times.append(time.perf_counter() - t)
        forms, fields = count(items)
        del items
    times.sort()
    median = times[len(times) // 2]
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    nbytes = os.path.getsize(path)
    print(
        f'parser=python-rt{"-fields" if kind == "fields" else ""} version={importlib.metadata.version("rt")} '
        f'bytes={nbytes} reps={reps} median_s={median:.6f} '
        f'mb_per_s={nbytes / median / 1e6:.1f} forms={forms} fields={fields} '
        f'peak_rss_kb={peak_kb}'
    )


if __name__ == '__main__':
    main()
