#!/usr/bin/env python3
"""Decoder benchmark: rows/s and peak memory of binbridge decoding every
value, of `binbridge dump --format json`, and of
`mariadb-binlog -v --base64-output=DECODE-ROWS`, all on the same workload
binlog in the same run (median of N runs each). Peak memory is also taken
on the file given twice, to show it does not grow with the input.

Usage: bench/decode_bench.py BINBRIDGE WORKLOAD_BINLOG ROWS [RUNS]
"""
import statistics
import subprocess
import sys


def measure(cmd):
    """Run cmd with stdout to /dev/null; return (seconds, peak RSS KiB)."""
    p = subprocess.run(["/usr/bin/time", "-f", "%e %M"] + cmd, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, text=True)
    if p.returncode != 0:
        sys.exit("decode_bench: %s failed: %s" % (" ".join(cmd), p.stderr.strip()))
    secs, rss = p.stderr.strip().splitlines()[-1].split()
    return float(secs), int(rss)


def main():
    binbridge, binlog, rows = sys.argv[1], sys.argv[2], int(sys.argv[3])
    runs = int(sys.argv[4]) if len(sys.argv) > 4 else 3
    cases = [
        ("binbridge decode every value (--format none)",
         [binbridge, "dump", "--format", "none", "--file", binlog]),
        ("binbridge dump --format json > /dev/null",
         [binbridge, "dump", "--format", "json", "--file", binlog]),
        ("mariadb-binlog -v --base64-output=DECODE-ROWS > /dev/null",
         ["mariadb-binlog", "-v", "--base64-output=DECODE-ROWS", binlog]),
    ]
    results = []
    for name, cmd in cases:
        times, rss = [], []
        for _ in range(runs):
            t, m = measure(cmd)
            times.append(t)
            rss.append(m)
        t = statistics.median(times)
        results.append((name, t, rows / t if t > 0 else float("inf"), max(rss)))
    _, twice_rss = measure([binbridge, "dump", "--format", "none", "--file", binlog, binlog])
    base = results[2][2]
    print("decoder benchmark: %d row changes, %s, median of %d runs" % (rows, binlog, runs))
    print("%-62s %9s %12s %9s %10s" % ("", "seconds", "rows/s", "vs mb-log", "peak RSS"))
    for name, t, rate, rss in results:
        print("%-62s %9.3f %12.0f %8.1fx %7d KiB" % (name, t, rate, rate / base, rss))
    print("binbridge --format none on the file given twice (2x input): peak RSS %d KiB "
          "(1x: %d KiB)" % (twice_rss, results[0][3]))


if __name__ == "__main__":
    main()
