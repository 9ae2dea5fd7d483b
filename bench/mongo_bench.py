#!/usr/bin/env python3
"""MongoDB benchmark: a workload binlog's row changes replicated into the
bench's MongoDB-compatible server by `binbridge run --stop-at-end --mongo`
(default mapping, no Redis), beside the sink's ceiling in the same run:
bench_mongo_upsert writing the same documents into the same server with
plain ordered bulk writes of the C driver (replaceOne upsert by _id,
deleteOne), batched as the sink batches them. Both collections must end with
the same documents, byte for byte (equal digests); each is dropped once
digested, so that both runs start on the same server state.
Servers come from `scripts/servers.sh env` (bench/run.sh points it at
private bench servers).

Usage: bench/mongo_bench.py BUILD_DIR WORKLOAD_BINLOG WORKLOAD_SOURCE_FILE ROWS [WHY_SUBSET]
                            [--runs N] [--baseline DIR --baseline-label L --current-label L]

ROWS is the workload's size; below 500,000 the table says that it is the
scaled-down workload, and why (WHY_SUBSET).

--runs N: each measure N times (default 1), alternating. With --baseline
DIR (bench/baseline.sh), the baseline's binbridge also replicates the
workload, beside the current one in each round (see compare.py), into the
same collection with the same check of the documents; the C driver's run
is the current tree's bench_mongo_upsert for both.

--tls: instead, MongoDB over TLS beside plaintext, the current build only
(a build before the sink's TLS cannot be told why a connection fails, but
connects as well: what is timed is libmongoc's TLS): binbridge and the C
driver each into the same server over BB_MONGO_URL (plaintext) and over
BB_MONGO_TLS_URL (tls=true, tlsCAFile: the certificate and host name
verified), alternating, every run leaving the same documents. The bench's
FerretDB serves TLS on BB_FERRETDB_TLS_PORT (bench/run.sh sets it; see
scripts/servers.sh).
"""
import argparse
import os
import resource
import statistics
import subprocess
import sys

sys.dont_write_bytecode = True  # no bench/__pycache__ from the imports below
import compare  # noqa: E402
from bridge_bench import bridge_conf, env, timed_bridge  # noqa: E402
from compare import BASELINE, CURRENT  # noqa: E402

FULL_ROWS = 500000
TARGET = 0.70
C_DRIVER = "C driver: ordered bulk upsert/delete of the same documents"


def main():
    ap = argparse.ArgumentParser(description="MongoDB benchmark")
    ap.add_argument("build")
    ap.add_argument("binlog")
    ap.add_argument("source_file")
    ap.add_argument("rows", type=int)
    ap.add_argument("why", nargs="?", default="")
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--tls", action="store_true",
                    help="over TLS beside plaintext, the current build only")
    compare.add_args(ap)
    a = ap.parse_args()
    if a.runs < 1:
        ap.error("--runs must be at least 1")
    if a.tls and a.baseline:
        ap.error("--tls compares TLS with plaintext, not builds: no --baseline")
    build, binlog, source_file, rows, why = a.build, a.binlog, a.source_file, a.rows, a.why
    builds = compare.builds(a, build) or {"": build}
    e = env()
    mongo_url = e["BB_MONGO_URL"]
    upsert = os.path.join(build, "bench_mongo_upsert")
    conf = bridge_conf(build, "bridge-mongo", "bbbench.t", "bench")

    def upsert_run(*args):
        p = subprocess.run([upsert] + list(args), capture_output=True, text=True)
        if p.returncode != 0:
            sys.exit("mongo_bench: bench_mongo_upsert %s failed: %s" % (args[0], p.stderr.strip()))
        return p.stdout

    def bridge_run(b, url=mongo_url):
        """binbridge of build B replicates the workload from its first event
        into bbbench.t over URL; returns (rows/s, peak RSS KiB, "docs D
        digest X", CPU seconds: user + system)."""
        upsert_run("prepare", mongo_url, "bbbench", "t", "bench", source_file)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        secs, rss = timed_bridge([os.path.join(builds[b], "binbridge"), "run", "--config", conf,
                                  "--source", e["BB_MARIADB_URL"], "--mongo", url,
                                  "--stop-at-end"], "mongo_bench" + (" (%s)" % b if b else ""))
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
        return rows / secs, rss, upsert_run("digest", mongo_url, "bbbench", "t").strip(), cpu

    def ceiling_run(url=mongo_url):
        """The same documents into bbbench_ceiling.t by the C driver over URL;
        returns (rows/s, "docs D digest X", the server's name and version)."""
        out = upsert_run("write", url, "bbbench_ceiling", "t", str(rows), binlog)
        fields, _, server = out.strip().partition(" server ")
        w = dict(zip(fields.split()[::2], fields.split()[1::2]))
        if "rows_per_s" not in w or not server:
            sys.exit("mongo_bench: cannot read bench_mongo_upsert's output: %s" % out)
        return float(w["rows_per_s"]), "docs %s digest %s" % (w["docs"], w["digest"]), server

    if a.tls:
        tls_bench(a, e, bridge_run, ceiling_run)
        return

    # Rounds of binbridge (each build) and the C driver, alternating; every
    # run must leave the same documents.
    rates = {b: [] for b in list(builds) + [C_DRIVER]}
    rss = {b: 0 for b in builds}
    docs = {}
    server = ""
    for n in range(a.runs):
        for b in compare.order(n, builds, [C_DRIVER]):
            if b == C_DRIVER:
                rate, docs[b], server = ceiling_run()
            else:
                rate, m, docs[b], _ = bridge_run(b)
                rss[b] = max(rss[b], m)
            rates[b].append(rate)
            if len(set(docs.values())) > 1:
                sys.exit("mongo_bench: binbridge and the C driver did not write the same documents: "
                         + ", ".join("%s %s" % (k or "binbridge", v) for k, v in docs.items()))
    if server.startswith("FerretDB"):
        server += " on its %s backend" % os.environ.get("BB_FERRETDB_BACKEND", "sqlite")
    ceiling = statistics.median(rates[C_DRIVER])
    bridge_rate = statistics.median(rates[CURRENT if a.baseline else ""])
    runs = "one run" if a.runs == 1 else "%d runs, medians" % a.runs
    if a.baseline:
        runs = "%d run%s each, current and baseline alternating" % (a.runs, "s" * (a.runs > 1))
    print("MongoDB benchmark: %d row changes replicated into %s, default mapping, %s"
          % (rows, server, runs))
    if a.baseline:
        print(compare.describe(a))
    if rows < FULL_ROWS:
        print("SUBSET: the %d-row-change workload scaled down to %d row changes (the same "
              "statements, 2/5 inserts, 2/5 updates, 1/5 deletes), for %s rows below: %s; "
              "all %d at these rates: binbridge %.1f min, C driver %.1f min"
              % (FULL_ROWS, rows, "all" if a.baseline else "both", why, FULL_ROWS, FULL_ROWS / bridge_rate / 60,
                 FULL_ROWS / ceiling / 60))
    bridge_name = "binbridge run --stop-at-end --mongo (decode, map, bulk)"
    if not a.baseline:
        print("%-58s %10s %9s %9s" % ("", "rows/s", "vs C", "peak RSS"))
        print("%-58s %10.0f %8.2fx %5d KiB" % (bridge_name, bridge_rate, bridge_rate / ceiling,
                                               rss[""]))
        print("%-58s %10.0f %8.2fx" % (C_DRIVER, ceiling, 1.0))
    else:
        print("%-58s %10s %15s %9s %9s" % ("", "rows/s", "min-max", "vs C", "peak RSS"))

        def row(label, xs, rss_kib=None):
            med = statistics.median(xs)
            print("%-58s %10.0f %15s %8.2fx%s" % (label, med, compare.span(xs),
                                                   med / ceiling,
                                                   " %5d KiB" % rss_kib if rss_kib else ""))

        print(bridge_name)
        for b in builds:
            row("  " + b, rates[b], rss[b])
        print("  current/baseline rows/s: %s"
              % compare.ratio(rates[CURRENT], rates[BASELINE], more="BB_BENCH_MONGO_RUNS"))
        row(C_DRIVER, rates[C_DRIVER])
    print("binbridge%s at %.0f%% of the C driver's rate (target: at least %.0f%%): %s"
          % (" (current)" if a.baseline else "", 100 * bridge_rate / ceiling, 100 * TARGET,
             "met" if bridge_rate >= TARGET * ceiling else "NOT met"))


def tls_bench(a, e, bridge_run, ceiling_run):
    """--tls: binbridge and the C driver, each over TLS and in plaintext
    into the same server, alternating, --runs times; prints their table."""
    tls_url = e.get("BB_MONGO_TLS_URL")
    if not tls_url:
        sys.exit("mongo_bench: --tls needs a FerretDB serving TLS: BB_FERRETDB_TLS_PORT "
                 "(bench/run.sh sets it)")
    PLAIN, TLS = "plaintext", "TLS (tls_verify=full)"
    B, C = "binbridge run --stop-at-end --mongo, ", "C driver, same documents, "
    urls = {PLAIN: e["BB_MONGO_URL"], TLS: tls_url}
    rates = {(w, b): [] for w in (B, C) for b in (PLAIN, TLS)}
    rss = {PLAIN: 0, TLS: 0}
    cpu = {PLAIN: [], TLS: []}
    docs = {}
    server = ""
    for n in range(a.runs):
        for w, b in compare.order(n, [(B, PLAIN), (B, TLS)]) + compare.order(n, [(C, PLAIN),
                                                                                 (C, TLS)]):
            if w == C:
                rate, docs[(w, b)], server = ceiling_run(urls[b])
            else:
                rate, m, docs[(w, b)], secs = bridge_run("", urls[b])
                rss[b] = max(rss[b], m)
                cpu[b].append(secs * 1e6 / a.rows)
            rates[(w, b)].append(rate)
            if len(set(docs.values())) > 1:
                sys.exit("mongo_bench: the runs did not write the same documents: "
                         + ", ".join("%s%s: %s" % (k[0], k[1], v) for k, v in docs.items()))
    if server.startswith("FerretDB"):
        server += " on its %s backend" % os.environ.get("BB_FERRETDB_BACKEND", "sqlite")
    print("MongoDB over TLS: %d row changes replicated into %s in plaintext and over TLS by "
          "the current build, and written by the C driver both ways, %d run%s each, "
          "alternating, medians" % (a.rows, server, a.runs, "s" * (a.runs > 1)))
    if a.rows < FULL_ROWS:
        print("SUBSET: the %d-row-change workload scaled down to %d row changes (%s)"
              % (FULL_ROWS, a.rows, a.why))
    print("%-60s %10s %15s %9s %9s %14s" % ("", "rows/s", "min-max", "TLS/plain", "peak RSS",
                                            "CPU us/change"))
    for w in (B, C):
        plain = statistics.median(rates[(w, PLAIN)])
        for b in (PLAIN, TLS):
            med = statistics.median(rates[(w, b)])
            print(("%-60s %10.0f %15s %9s%s" % (
                w + b, med, compare.span(rates[(w, b)]),
                "%.2fx" % (med / plain) if b == TLS else "",
                " %5d KiB %14s" % (rss[b], compare.spread(cpu[b], "%.1f")) if w == B
                else "")).rstrip())
    print("binbridge's CPU time (user + system, the whole process: decoding, mapping, the "
          "connection) per row change, over TLS / plaintext: %.2fx"
          % (statistics.median(cpu[TLS]) / statistics.median(cpu[PLAIN])))


if __name__ == "__main__":
    main()
