#!/usr/bin/env python3
"""TLS benchmark: the stream's throughput over TLS beside plaintext, in the
same run, from the same server: the Redis benchmark's workload (ROWS row
changes, bench/workload.sh) read from the bench MariaDB by the current
build, alternating

  decode     `binbridge dump --format none` from the workload's first event
             to the server's end: the binlog stream alone, every row decoded
             and rendered, nothing written anywhere
  replicate  `binbridge run --stop-at-end` of the same range into Redis
             (bridge_bench.py's replay: default mapping, its checks)

each over TLS (ssl-mode=VERIFY_IDENTITY with the servers' throwaway CA,
scripts/servers.sh) and in plaintext (ssl-mode=DISABLED), --runs times.
It prints the median rows/s of each, their range, and TLS/plaintext. No
baseline: builds before TLS cannot connect over it.

Usage: bench/tls_bench.py BUILD_DIR WORKLOAD_SOURCE_FILE ROWS [--runs N]
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

sys.dont_write_bytecode = True
import bridge_bench  # noqa: E402
import compare  # noqa: E402

TLS = "TLS (VERIFY_IDENTITY)"
PLAIN = "plaintext (DISABLED)"


def url(e, tls):
    if tls:
        return "%s?ssl-mode=VERIFY_IDENTITY&ssl-ca=%s/ca.pem" % (e["BB_MARIADB_URL"],
                                                                e["BB_TLS_DIR"])
    return e["BB_MARIADB_URL"] + "?ssl-mode=DISABLED"


def decode_once(binbridge, e, source_file, rows, tls):
    """rows/s of one `dump --format none` of the workload's range."""
    start = time.perf_counter()
    p = subprocess.run([binbridge, "dump", "--source", url(e, tls), "--start-file", source_file,
                        "--start-pos", "4", "--format", "none", "--only-schemas", "bbbench"],
                       capture_output=True, text=True)
    secs = time.perf_counter() - start
    if p.returncode != 0:
        sys.exit("tls_bench: dump %s failed: %s" % ("over TLS" if tls else "in plaintext",
                                                    p.stderr.strip()))
    return rows / secs


def replicate_once(binbridge, conf, e, source_file, rows, tls):
    rate, _ = bridge_bench.replicate_once(binbridge, conf, dict(e, BB_MARIADB_URL=url(e, tls)),
                                          "redis://127.0.0.1:%s/0" % e["BB_REDIS_PORT"],
                                          source_file, rows,
                                          "tls_bench (%s)" % (TLS if tls else PLAIN))
    return rate


def main():
    ap = argparse.ArgumentParser(description="TLS beside plaintext")
    ap.add_argument("build")
    ap.add_argument("source_file")
    ap.add_argument("rows", type=int)
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    if a.runs < 1:
        ap.error("--runs must be at least 1")
    e = bridge_bench.env()
    binbridge = os.path.join(a.build, "binbridge")
    conf = bridge_bench.bridge_conf(a.build, "tls", "bbbench.t", "bench")
    rates = {(w, t): [] for w in ("decode", "replicate") for t in (True, False)}
    # Untimed: the first read after the workload's writes shares the
    # machine with the server's own work on them (InnoDB's purge).
    decode_once(binbridge, e, a.source_file, a.rows, False)
    for n in range(a.runs):
        # Each goes first as often as the other.
        for tls in ((True, False) if n % 2 == 0 else (False, True)):
            rates[("decode", tls)].append(decode_once(binbridge, e, a.source_file, a.rows, tls))
            rates[("replicate", tls)].append(
                replicate_once(binbridge, conf, e, a.source_file, a.rows, tls))
    print("TLS to the source: %s row changes of the Redis benchmark's workload, %d run%s each, "
          "alternating; median rows/s" % (format(a.rows, ","), a.runs, "s" if a.runs > 1 else ""))
    print("%-62s %10s %17s" % ("", "rows/s", "min-max"))
    for w, what in (("decode", "binbridge dump --format none"),
                    ("replicate", "binbridge run --stop-at-end into Redis")):
        for tls in (False, True):
            xs = rates[(w, tls)]
            print("%-62s %10.0f %17s" % ("%s, %s" % (what, TLS if tls else PLAIN),
                                          statistics.median(xs), compare.span(xs)))
        ratio = statistics.median(rates[(w, True)]) / statistics.median(rates[(w, False)])
        print("%-62s %10.2f" % ("  TLS / plaintext", ratio))


if __name__ == "__main__":
    main()
