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

Usage: bench/decode_bench.py BUILD_DIR WORKLOAD_BINLOG ROWS [RUNS]
"""
import os
import statistics
import subprocess
import sys
import time


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


def main():
    build, binlog, rows = sys.argv[1], sys.argv[2], int(sys.argv[3])
    runs = int(sys.argv[4]) if len(sys.argv) > 4 else 5
    binbridge = os.path.join(build, "binbridge")
    bench = os.path.join(build, "bench_decode")
    cases = [
        ("binbridge: decode every value", [bench, binlog]),
        ("binbridge: decode + render every value as text", [bench, "--render", binlog]),
        ("binbridge dump --format json > /dev/null",
         [binbridge, "dump", "--format", "json", "--file", binlog]),
        ("mariadb-binlog -v --base64-output=DECODE-ROWS > /dev/null",
         ["mariadb-binlog", "-v", "--base64-output=DECODE-ROWS", binlog]),
    ]
    check = subprocess.run([bench, binlog], capture_output=True, text=True, check=True).stdout
    if not check.startswith("rows %d " % rows):
        sys.exit("decode_bench: expected %d rows in %s, bench_decode says: %s" % (rows, binlog, check))
    times = {name: [] for name, _ in cases}
    rss = {name: 0 for name, _ in cases}
    for _ in range(runs):
        for name, cmd in cases:
            t, m = measure(cmd)
            times[name].append(t)
            rss[name] = max(rss[name], m)
    _, twice = measure([bench, binlog, binlog])
    base = rows / statistics.median(times[cases[-1][0]])
    print("decoder benchmark: %d row changes (%d bytes of binlog), %d runs per case"
          % (rows, os.path.getsize(binlog), runs))
    print("%-58s %8s %8s %10s %9s %9s" % ("", "median s", "best s", "rows/s", "vs mb-log",
                                          "peak RSS"))
    for name, _ in cases:
        med = statistics.median(times[name])
        rate = rows / med
        print("%-58s %8.3f %8.3f %10.0f %8.1fx %5d KiB" % (name, med, min(times[name]), rate,
                                                           rate / base, rss[name]))
    print("peak RSS of the decode on the file given twice (2x input): %d KiB (1x: %d KiB)"
          % (twice, rss[cases[0][0]]))


if __name__ == "__main__":
    main()
