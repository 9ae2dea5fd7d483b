#!/usr/bin/env python3
"""Decoder benchmark, one run, one workload binlog, every case beside the
comparison:

  binbridge decode   every value decoded to its exact typed form (bench_decode)
  binbridge render   the same, each value also rendered to its text form
  dump --format json binbridge dump --format json > /dev/null
  mariadb-binlog     mariadb-binlog -v --base64-output=DECODE-ROWS > /dev/null

Each case runs RUNS times, alternating with the others so machine noise
hits all alike; the table gives the median and the best wall time, rows/s
from the median, the ratio to mariadb-binlog's median, and peak RSS (GNU
time). Peak RSS of the decode is also taken on the file given twice, to
show that memory does not grow with the input.

With --baseline DIR (bench/baseline.sh), every binbridge case also runs
the baseline's build, right beside the current one in each round (see
compare.py), and the table gives both, their range and their ratio. The
decode cases time the current bench_decode.c built against the baseline's
library (DIR/current-harness/bench_decode); when it does not build
against it, the table says so and times `binbridge dump --format none` of
both builds instead.

Usage: bench/decode_bench.py BUILD_DIR WORKLOAD_BINLOG ROWS [RUNS]
                             [--baseline DIR --baseline-label L --current-label L]
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

sys.dont_write_bytecode = True  # no bench/__pycache__ from the import below
import compare  # noqa: E402
from compare import BASELINE, CURRENT  # noqa: E402

MB_LOG = "mariadb-binlog -v --base64-output=DECODE-ROWS > /dev/null"


def measure(cmd):
    """Run cmd, stdout to /dev/null; return (wall seconds, peak RSS KiB)."""
    with open(os.devnull, "wb") as devnull:
        start = time.perf_counter()
        p = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, stdout=devnull,
                           stderr=subprocess.PIPE)
        secs = time.perf_counter() - start
    err = p.stderr.decode("utf-8", "replace").strip()
    if p.returncode != 0:
        sys.exit("decode_bench: %s failed: %s" % (" ".join(cmd), err))
    return secs, int(err.splitlines()[-1])


def decode_counts(bench, binlog):
    """bench_decode's 'rows R values V checksum C' line for BINLOG."""
    return subprocess.run([bench, binlog], capture_output=True, text=True, check=True).stdout


def cases_of(build, binlog, baseline):
    """[(name, {build name: command})], mariadb-binlog last; the build name is
    "" without a baseline. Also the notes to print above the table."""
    builds = {CURRENT: build, BASELINE: baseline} if baseline else {"": build}
    harness = {b: os.path.join(d, "bench_decode") for b, d in builds.items()}
    notes = []
    if baseline:
        harness[BASELINE] = os.path.join(baseline, "current-harness", "bench_decode")
        if not os.access(harness[BASELINE], os.X_OK):
            why = "?"
            try:
                with open(harness[BASELINE] + ".incompatible") as f:
                    why = f.read().strip().replace("\n", "; ")
            except OSError:
                pass
            notes.append("NOTE: the current bench/bench_decode.c does not build against the "
                         "baseline's library (%s): its decode cases run for the current build only, "
                         "and both builds are compared by `binbridge dump --format none`." % why)
            del harness[BASELINE]
    cases = [
        ("binbridge: decode every value", {b: [h, binlog] for b, h in harness.items()}),
        ("binbridge: decode + render every value as text",
         {b: [h, "--render", binlog] for b, h in harness.items()}),
    ]
    if baseline and BASELINE not in harness:
        cases.append(("binbridge dump --format none",
                      {b: [os.path.join(d, "binbridge"), "dump", "--format", "none", "--file",
                           binlog] for b, d in builds.items()}))
    cases += [
        ("binbridge dump --format json > /dev/null",
         {b: [os.path.join(d, "binbridge"), "dump", "--format", "json", "--file", binlog]
          for b, d in builds.items()}),
        (MB_LOG, {"": ["mariadb-binlog", "-v", "--base64-output=DECODE-ROWS", binlog]}),
    ]
    return cases, harness, notes


def main():
    ap = argparse.ArgumentParser(description="Decoder benchmark")
    ap.add_argument("build")
    ap.add_argument("binlog")
    ap.add_argument("rows", type=int)
    ap.add_argument("runs", type=int, nargs="?", default=5)
    compare.add_args(ap)
    a = ap.parse_args()
    binlog, rows, runs = a.binlog, a.rows, a.runs
    cases, harness, notes = cases_of(a.build, binlog, a.baseline)

    counts = {b: decode_counts(h, binlog) for b, h in harness.items()}
    for b, check in counts.items():
        if not check.startswith("rows %d " % rows):
            sys.exit("decode_bench: expected %d rows in %s, bench_decode (%s) says: %s"
                     % (rows, binlog, b or CURRENT, check))
    if len(set(counts.values())) > 1:
        notes.append("NOTE: the builds decode the workload differently: %s"
                     % "; ".join("%s %s" % (b, c.strip()) for b, c in counts.items()))

    times = {(name, b): [] for name, variants in cases for b in variants}
    rss = {k: 0 for k in times}
    if a.baseline:
        # Untimed, so that no build's first round pays for a cold start.
        for name, variants in cases:
            for cmd in variants.values():
                measure(cmd)
    for n in range(runs):
        for name, variants in cases:
            for b in compare.order(n, variants):
                t, m = measure(variants[b])
                times[name, b].append(t)
                rss[name, b] = max(rss[name, b], m)
    twice = {b: measure([h, binlog, binlog])[1] for b, h in harness.items()}
    base = rows / statistics.median(times[MB_LOG, ""])

    if not a.baseline:
        print("decoder benchmark: %d row changes (%d bytes of binlog), %d runs per case"
              % (rows, os.path.getsize(binlog), runs))
        print("%-58s %8s %8s %10s %9s %9s" % ("", "median s", "best s", "rows/s", "vs mb-log",
                                              "peak RSS"))
        for name, _ in cases:
            med = statistics.median(times[name, ""])
            rate = rows / med
            print("%-58s %8.3f %8.3f %10.0f %8.1fx %5d KiB"
                  % (name, med, min(times[name, ""]), rate, rate / base, rss[name, ""]))
        print("peak RSS of the decode on the file given twice (2x input): %d KiB (1x: %d KiB)"
              % (twice[""], rss[cases[0][0], ""]))
        return

    print("decoder benchmark: %d row changes (%d bytes of binlog), %d runs per case after an "
          "untimed one, current and baseline alternating" % (rows, os.path.getsize(binlog), runs))
    print(compare.describe(a))
    for note in notes:
        print(note)
    print("%-58s %8s %15s %10s %9s %9s" % ("", "median s", "min-max s", "rows/s", "vs mb-log",
                                           "peak RSS"))

    def row(label, name, b):
        ts = times[name, b]
        rate = rows / statistics.median(ts)
        print("%-58s %8.3f %15s %10.0f %8.1fx %5d KiB"
              % (label, statistics.median(ts), compare.span(ts, "%.3f"), rate,
                 rate / base, rss[name, b]))

    for name, variants in cases:
        if list(variants) == [""]:
            row(name, name, "")
            continue
        print(name)
        for b in variants:
            row("  " + b, name, b)
        if len(variants) == 2:
            print("  current/baseline rows/s: %s"
                  % compare.ratio([rows / t for t in times[name, CURRENT]],
                                  [rows / t for t in times[name, BASELINE]],
                                  more="BB_BENCH_RUNS"))
    print("peak RSS of the decode on the file given twice (2x input): %s"
          % ", ".join("%s %d KiB (1x: %d KiB)" % (b, twice[b], rss[cases[0][0], b])
                      for b in harness))


if __name__ == "__main__":
    main()
