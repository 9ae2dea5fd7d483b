#!/usr/bin/env python3
"""Bridge benchmark: the decoder benchmark's 500,000 row changes replicated
into Redis by `binbridge run --stop-at-end` (default mapping), beside
`redis-benchmark -P 64` doing the equivalent HSETs on the same server, and
the lag under a steady write load (bench_lag). Servers come from
`scripts/servers.sh env` (bench/run.sh points it at private bench servers).

Usage: bench/bridge_bench.py BUILD_DIR WORKLOAD_SOURCE_FILE ROWS [--only redis,lag]
                             [--pyrepl PYTHON] [--runs N]
                             [--baseline DIR --baseline-label L --current-label L]

--only: the replication into Redis beside redis-benchmark (redis), the lag
(lag), or both (the default); with lag alone WORKLOAD_SOURCE_FILE and ROWS
are not read. redis-tls: the same replication into the same Redis over TLS
(rediss://) beside plaintext, the current build only (see redis_tls).
redis-cluster: the same replication into a Redis Cluster of its own (3
masters, 3 replicas, scripts/cluster.sh on BB_BENCH_CLUSTER_PORT, default
63821, and the 5 ports after it) beside `redis-benchmark --cluster` doing the
same HSETs on the same cluster, the current build only (see redis_cluster).

--pyrepl PYTHON: with redis, the same workload also replicated once by
bench/pyrepl_bridge.py (python-mysql-replication and redis-py, the same
mapping, one MULTI/EXEC per transaction) run by PYTHON (bench/pyrepl_venv.sh
makes it), in the first round; its keys and fields must equal those of the
binbridge runs of that round (a digest of every hash), and the table gives
its rate, the ratio binbridge/python and its peak RSS. The lag's load: BB_LAG_SECONDS (default 10) at BB_LAG_RATE
rows/s (a comma-separated list, one measure at each rate; default
5000,20000).

--runs N: each measure N times (default 1), alternating. With --baseline
DIR (bench/baseline.sh), every measure also runs the baseline's binbridge,
beside the current one in each round (see compare.py), and the tables give
both, their range and their ratio; redis-benchmark and bench_lag are the
current tree's for both.
"""
import argparse
import os
import re
import shlex
import signal
import statistics
import subprocess
import sys
import time

sys.dont_write_bytecode = True  # no bench/__pycache__ from the import below
import compare  # noqa: E402
from compare import BASELINE, CURRENT  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def env():
    out = subprocess.run([os.path.join(ROOT, "scripts/servers.sh"), "env"], check=True,
                         capture_output=True, text=True).stdout
    e = {}
    for line in out.splitlines():
        m = re.match(r"export (\w+)=(.*)", line)
        if m:
            e[m.group(1)] = shlex.split(m.group(2))[0] if m.group(2) else ""
    return e


def bridge_conf(build, name, table, checkpoint):
    """A config file BUILD/bench/NAME.conf mirroring TABLE only (so that other
    benchmarks' tables in the same binlog are skipped), quiet."""
    conf = os.path.join(build, "bench", name + ".conf")
    with open(conf, "w") as f:
        f.write('include_tables = [ "%s" ];\ncheckpoint = "%s";\n'
                'progress_interval = 0;\nlog_level = "warn";\n' % (table, checkpoint))
    return conf


def timed_bridge(cmd, who, what="binbridge run", out=None, env=None):
    """Run a `binbridge run --stop-at-end` command line (or WHAT) under GNU
    time; return (wall seconds, peak RSS KiB), or exit naming WHO when it
    fails. OUT, a list, gets its standard output."""
    start = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, capture_output=True, text=True,
                       env=env)
    secs = time.perf_counter() - start
    if p.returncode != 0:
        sys.exit("%s: %s failed: %s" % (who, what, p.stderr.strip()))
    if out is not None:
        out.append(p.stdout)
    return secs, int(p.stderr.strip().splitlines()[-1])


def redis(port, *args):
    return subprocess.run(["redis-cli", "-p", port, "-n", "0"] + list(args),
                          check=True, capture_output=True, text=True).stdout.strip()


def parse_args():
    ap = argparse.ArgumentParser(description="Bridge benchmark: Redis and lag")
    ap.add_argument("build")
    ap.add_argument("source_file")
    ap.add_argument("rows", type=int)
    ap.add_argument("--only", default="redis,lag")
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--pyrepl", metavar="PYTHON",
                    help="also the Python bridge, run by this python (bench/pyrepl_venv.sh)")
    compare.add_args(ap)
    a = ap.parse_args()
    a.only = set(a.only.split(","))
    if a.only - {"redis", "lag", "redis-tls", "redis-cluster"}:
        ap.error("--only takes redis, lag, redis-tls, redis-cluster or a comma-separated list "
                 "of them")
    if a.pyrepl and "redis" not in a.only:
        ap.error("--pyrepl goes with --only redis: binbridge's keys are its reference")
    if a.only & {"redis", "redis-tls", "redis-cluster"} and not a.source_file:
        ap.error("the replication needs the workload's file name on the server")
    if a.runs < 1:
        ap.error("--runs must be at least 1")
    return a


BM = "redis-benchmark -P 64 HSET (6 fields)"
PY = "python-mysql-replication bridge (pyrepl_bridge.py)"


def redis_benchmark(e, rows, tls=()):
    """rows/s of redis-benchmark doing ROWS 6-field HSETs, pipelined 64 deep;
    TLS: its connection options (--tls, the port, the CA)."""
    port = [] if tls else ["-p", e["BB_REDIS_PORT"]]
    bm = subprocess.run(["redis-benchmark"] + port + list(tls) + ["-P", "64", "-n", str(rows),
                         "-r", str(rows), "-q", "--csv", "HSET", "bbbench:bm:__rand_int__",
                         "id", "__rand_int__", "name", "name-__rand_int__-u", "score",
                         "24690.45", "at", "2024-01-03 10:17:36.123456", "amount", "55384.7142",
                         "note", "note 12345 note 12345 note 12345 updated"],
                        check=True, capture_output=True, text=True).stdout
    m = re.search(r'"HSET[^"]*","([0-9.]+)"', bm)
    if not m:
        sys.exit("bridge_bench: cannot read redis-benchmark's output: %s" % bm)
    redis(e["BB_REDIS_PORT"], "FLUSHDB")
    return float(m.group(1))


def replicate_once(binbridge, conf, e, redis_url, source_file, rows, who):
    """One replay of the workload from its first event by `binbridge run
    --stop-at-end`; returns (rows/s, peak RSS KiB)."""
    redis(e["BB_REDIS_PORT"], "FLUSHDB")
    redis(e["BB_REDIS_PORT"], "HSET", "binbridge:checkpoint:bench", "file", source_file, "pos", "4", "rows_done", "0",
          "gtid", "", "commit_time", "0", "server_id", "1")
    secs, rss = timed_bridge([binbridge, "run", "--config", conf, "--source", e["BB_MARIADB_URL"],
                              "--redis", redis_url, "--stop-at-end"], who)
    # 2/5 of the rows inserted, 1/5 deleted (workload.sh): 1/5 left as
    # hashes, and the checkpoint.
    keys, want = int(redis(e["BB_REDIS_PORT"], "DBSIZE")), rows // 5 + 1
    if keys != want:
        sys.exit("%s: expected %d keys after the workload, found %d" % (who, want, keys))
    return rows / secs, rss


def digest(a, e, who):
    """'keys N digest X' of every hash in the bench's Redis (checkpoints
    left out), by pyrepl_bridge.py's digest."""
    p = subprocess.run([a.pyrepl, os.path.join(ROOT, "bench/pyrepl_bridge.py"), "digest",
                        "--redis-port", e["BB_REDIS_PORT"]], capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit("%s: the digest of Redis failed: %s" % (who, p.stderr.strip()))
    return p.stdout.strip()


def pyrepl_once(a, e, rows):
    """One replay of the workload from its first event by pyrepl_bridge.py;
    returns (rows/s, peak RSS KiB, digest of the keys it left, the
    versions of the libraries)."""
    who = "bridge_bench (python-mysql-replication)"
    redis(e["BB_REDIS_PORT"], "FLUSHDB")
    out = []
    secs, rss = timed_bridge(
        [a.pyrepl, os.path.join(ROOT, "bench/pyrepl_bridge.py"), "run", "--host", "127.0.0.1",
         "--port", e["BB_MARIADB_PORT"], "--user", e["BB_MARIADB_USER"], "--log-file",
         a.source_file, "--table", "bbbench.t", "--redis-port", e["BB_REDIS_PORT"]],
        who, "pyrepl_bridge.py run", out,
        dict(os.environ, PYREPL_PASSWORD=e["BB_MARIADB_PASSWORD"]))
    got = out[0].split()
    if len(got) < 2 or got[0] != "rows" or int(got[1]) != rows:
        sys.exit("%s: expected rows %d, got: %s" % (who, rows, out[0].strip()))
    versions = dict(zip(got[2::2], got[3::2]))
    keys, want = int(redis(e["BB_REDIS_PORT"], "DBSIZE")), rows // 5
    if keys != want:
        sys.exit("%s: expected %d keys after the workload, found %d" % (who, want, keys))
    return rows / secs, rss, digest(a, e, who), versions


def replicate(a, builds, e, redis_url):
    """The workload replayed by `binbridge run --stop-at-end` of each build,
    and as many HSETs by redis-benchmark, alternating, --runs times each;
    prints their table."""
    # The workload's table only: later bench_lag runs write to bbbench.lag.
    conf = bridge_conf(a.build, "bridge", "bbbench.t", "bench")
    rates = {b: [] for b in list(builds) + [BM, PY]}
    rss = {b: 0 for b in list(builds) + [PY]}
    who = {b: "bridge_bench" + (" (%s)" % b if b else "") for b in builds}
    digests = {}  # of the first round's runs, with --pyrepl
    versions = {}
    if a.baseline:
        # Untimed: the first replay after the workload's writes shares the
        # machine with the server's own work on them (InnoDB's purge).
        for b in builds:
            replicate_once(os.path.join(builds[b], "binbridge"), conf, e, redis_url,
                           a.source_file, a.rows, who[b])
    for n in range(a.runs):
        # The Python bridge once, in the first round (some 30 s for the
        # 500,000 row changes), after the binbridge runs it is checked against.
        for b in compare.order(n, builds, [BM] + ([PY] if a.pyrepl and n == 0 else [])):
            if b == BM:
                rates[b].append(redis_benchmark(e, a.rows))
                continue
            if b == PY:
                rate, m, digests[PY], versions = pyrepl_once(a, e, a.rows)
                rates[b].append(rate)
                rss[b] = m
                continue
            rate, m = replicate_once(os.path.join(builds[b], "binbridge"), conf, e, redis_url,
                                     a.source_file, a.rows, who[b])
            rates[b].append(rate)
            rss[b] = max(rss[b], m)
            if a.pyrepl and n == 0:
                digests[b] = digest(a, e, who[b])
    if len(set(digests.values())) > 1:
        sys.exit("bridge_bench: binbridge and the python-mysql-replication bridge left different "
                 "keys or fields in Redis: "
                 + "; ".join("%s %s" % (b or "binbridge", d) for b, d in digests.items())
                 + " (the Python bridge's are still in the bench's Redis, db 0)")
    hset_rate = statistics.median(rates[BM])
    py_name = PY
    if versions:
        py_name = "python-mysql-replication %s + redis-py %s" % (versions.get("mysql-replication"),
                                                                versions.get("redis"))

    py_rate = rates[PY][0] if a.pyrepl else 0

    def header():
        print("%-58s %10s%s %9s%s %9s" % ("", "rows/s", " %15s" % "min-max" if a.baseline else "",
                                          "vs bench", " %9s" % "vs python" if py_rate else "",
                                          "peak RSS"))

    def row(label, xs, rss_kib=None, vs_python=True):
        """A line of the table: the median of the runs XS (their range with
        a baseline), against redis-benchmark and the Python bridge."""
        med = statistics.median(xs)
        print(("%-58s %10.0f%s %8.2fx%s%s" % (
            label, med, " %15s" % compare.span(xs) if a.baseline else "", med / hset_rate,
            (" %8.1fx" % (med / py_rate) if vs_python else " " * 10) if py_rate else "",
            " %5d KiB" % rss_kib if rss_kib else "")).rstrip())

    def pyrepl_lines():
        """The check of the end state and the conversions, after the table."""
        if not a.pyrepl:
            return
        keys, sha = digests[PY].split()[1::2]
        print("same end state: binbridge%s and the Python bridge left the same %s hashes, every "
              "key, field and value alike (sha256 %s, checkpoints left out)"
              % (" (both builds)" if a.baseline else "", "{:,}".format(int(keys)), sha[:16]))
        print("  values converted by the Python bridge to binbridge's text form: DECIMAL "
              "(Decimal, at the column's scale), DATETIME(6) (datetime, with the column's "
              "fractional digits), DOUBLE (repr, laid out as MariaDB prints it); see "
              "bench/pyrepl_bridge.py")

    bridge_name = "binbridge run --stop-at-end (decode, map, MULTI/EXEC)"
    if a.pyrepl:
        py_name += " (one run)" if a.runs > 1 else ""
    if not a.baseline:
        print("bridge benchmark: %d row changes replicated into Redis (default mapping), %s"
              % (a.rows, "one run" if a.runs == 1 else "%d runs, medians" % a.runs))
        header()
        row(bridge_name, rates[""], rss[""])
    else:
        print("bridge benchmark: %d row changes replicated into Redis (default mapping), %d runs "
              "each after an untimed one, current and baseline alternating" % (a.rows, a.runs))
        print(compare.describe(a))
        header()
        print(bridge_name)
        for b in builds:
            row("  " + b, rates[b], rss[b])
        print("  current/baseline rows/s: %s"
              % compare.ratio(rates[CURRENT], rates[BASELINE], more="BB_BENCH_BRIDGE_RUNS"))
    if a.pyrepl:
        row(py_name, rates[PY], rss[PY])
    row(BM, rates[BM], vs_python=False)
    pyrepl_lines()


def redis_tls(a, e):
    """The workload replayed by the current build into the bench's Redis
    over TLS and in plaintext, and redis-benchmark's HSETs both ways,
    alternating, --runs times each; prints their table. The bench's Redis
    is given a TLS port for the time of it (CONFIG SET tls-port: the same
    server, data and fsync policy both ways), with a certificate of
    scripts/test-ca.sh's throwaway CA, verified in full (localhost)."""
    port = e["BB_REDIS_PORT"]
    tls_port = os.environ.get("BB_BENCH_REDIS_TLS_PORT") or str(int(port) + 1)
    ca = os.path.join(os.environ.get("BB_SERVERS_DIR", "/tmp/binbridge-bench"), "redis-tls-ca")
    subprocess.run([os.path.join(ROOT, "scripts/test-ca.sh"), ca], check=True)
    redis(port, "CONFIG", "SET", "tls-cert-file", os.path.join(ca, "server-cert.pem"),
          "tls-key-file", os.path.join(ca, "server-key.pem"),
          "tls-ca-cert-file", os.path.join(ca, "ca.pem"), "tls-auth-clients", "no")
    redis(port, "CONFIG", "SET", "tls-port", tls_port)
    conf = bridge_conf(a.build, "bridge-tls", "bbbench.t", "bench")
    binbridge = os.path.join(a.build, "binbridge")
    plain_url = "redis://127.0.0.1:%s/0" % port
    tls_url = "rediss://localhost:%s/0?tls-ca=%s" % (tls_port, os.path.join(ca, "ca.pem"))
    bm_tls = ["--tls", "--cacert", os.path.join(ca, "ca.pem"), "-h", "localhost", "-p", tls_port]
    PLAIN, TLS = "redis:// (plaintext)", "rediss:// (TLS, tls-verify=full)"
    BM_PLAIN, BM_TLS = BM + ", plaintext", BM + ", TLS"
    rates = {b: [] for b in (PLAIN, TLS, BM_PLAIN, BM_TLS)}
    rss = {PLAIN: 0, TLS: 0}
    try:
        # Untimed, as the replication's first run is.
        replicate_once(binbridge, conf, e, tls_url, a.source_file, a.rows, "bridge_bench (tls)")
        for n in range(a.runs):
            for b in compare.order(n, [PLAIN, TLS], [BM_PLAIN, BM_TLS]):
                if b in (BM_PLAIN, BM_TLS):
                    rates[b].append(redis_benchmark(e, a.rows, bm_tls if b == BM_TLS else ()))
                    continue
                rate, m = replicate_once(binbridge, conf, e, tls_url if b == TLS else plain_url,
                                         a.source_file, a.rows, "bridge_bench (%s)" % b)
                rates[b].append(rate)
                rss[b] = max(rss[b], m)
    finally:
        redis(port, "CONFIG", "SET", "tls-port", "0")
    print("Redis over TLS: %d row changes replicated into the same Redis in plaintext and over "
          "TLS by the current build (%s), %d runs each, alternating, medians"
          % (a.rows, "TLSv1.3, tls-verify=full", a.runs))
    print("%-58s %10s %15s %9s %9s" % ("", "rows/s", "min-max", "TLS/plain", "peak RSS"))
    for plain, tls, rows in ((PLAIN, TLS, True), (BM_PLAIN, BM_TLS, False)):
        for b in (plain, tls):
            med = statistics.median(rates[b])
            print(("%-58s %10.0f %15s %9s%s" % (
                ("binbridge run --stop-at-end, " + b) if rows else b, med,
                compare.span(rates[b]),
                "%.2fx" % (med / statistics.median(rates[plain])) if b == tls else "",
                " %5d KiB" % rss[b] if rows else "")).rstrip())


def cluster_cli(port, *args):
    return subprocess.run(["redis-cli", "-c", "-p", str(port)] + list(args),
                          check=True, capture_output=True, text=True).stdout.strip()


def redis_cluster(a, e):
    """The workload replayed by the current build into a Redis Cluster of
    3 masters and 3 replicas (scripts/cluster.sh), and redis-benchmark
    --cluster's HSETs on the same cluster, alternating, --runs times each;
    prints their table. Both write to every master; binbridge also waits
    for the replicas (WAIT) before each checkpoint, which redis-benchmark
    does not."""
    first = int(os.environ.get("BB_BENCH_CLUSTER_PORT") or 63821)
    ports = [first + i for i in range(6)]
    cenv = dict(os.environ, BB_CLUSTER_PORT=str(first), BB_CLUSTER_NODES="6",
                BB_CLUSTER_REPLICAS="1", BB_CLUSTER_NODE_TIMEOUT="5000",
                BB_CLUSTER_DIR=os.path.join(os.environ.get("BB_SERVERS_DIR",
                                                           "/tmp/binbridge-bench"), "cluster"))
    script = os.path.join(ROOT, "scripts/cluster.sh")
    subprocess.run([script, "stop"], env=cenv, check=True)
    subprocess.run([script, "start"], env=cenv, check=True)
    conf = bridge_conf(a.build, "bridge-cluster", "bbbench.t", "bench")
    binbridge = os.path.join(a.build, "binbridge")
    url = "redis://127.0.0.1:%d" % first

    def masters():
        return [p for p in ports if cluster_cli(p, "ROLE").splitlines()[0] == "master"]

    def flush():
        for p in masters():
            cluster_cli(p, "FLUSHALL")
        subprocess.run(["redis-cli", "-p", str(first), "WAIT", "1", "5000"], check=True,
                       capture_output=True)

    def once():
        flush()
        cluster_cli(first, "HSET", "binbridge:checkpoint:bench", "file", a.source_file, "pos",
                    "4", "rows_done", "0", "gtid", "", "commit_time", "0", "server_id", "1")
        secs, rss = timed_bridge([binbridge, "run", "--config", conf, "--source",
                                  e["BB_MARIADB_URL"], "--redis", url, "--stop-at-end"],
                                 "bridge_bench (redis-cluster)")
        keys = sum(int(cluster_cli(p, "DBSIZE")) for p in masters())
        if keys != a.rows // 5 + 1:
            sys.exit("bridge_bench (redis-cluster): expected %d keys after the workload, found %d"
                     % (a.rows // 5 + 1, keys))
        return a.rows / secs, rss

    def benchmark():
        flush()
        bm = subprocess.run(["redis-benchmark", "--cluster", "-h", "127.0.0.1", "-p", str(first),
                             "-P", "64", "-n", str(a.rows), "-r", str(a.rows), "-q", "--csv",
                             "HSET", "bbbench:{tag}:bm:__rand_int__", "id", "__rand_int__",
                             "name", "name-__rand_int__-u", "score", "24690.45", "at",
                             "2024-01-03 10:17:36.123456", "amount", "55384.7142", "note",
                             "note 12345 note 12345 note 12345 updated"],
                            check=True, capture_output=True, text=True).stdout
        m = re.search(r'"HSET[^"]*","([0-9.]+)"', bm)
        if not m:
            sys.exit("bridge_bench: cannot read redis-benchmark --cluster's output: %s" % bm)
        return float(m.group(1))

    BR = "binbridge run --stop-at-end, Redis Cluster"
    BMC = "redis-benchmark --cluster -P 64 HSET (6 fields)"
    rates = {BR: [], BMC: []}
    rss = 0
    try:
        once()  # untimed, as the replication's first run is
        for n in range(a.runs):
            for b in compare.order(n, [BR], [BMC]):
                if b == BMC:
                    rates[b].append(benchmark())
                else:
                    rate, m = once()
                    rates[b].append(rate)
                    rss = max(rss, m)
    finally:
        subprocess.run([script, "stop"], env=cenv, check=True)
    bm = statistics.median(rates[BMC])
    print("Redis Cluster: %d row changes replicated into a cluster of 3 masters and 3 replicas "
          "(127.0.0.1:%d-%d) by the current build, beside redis-benchmark --cluster on the same "
          "cluster, %d runs each, alternating, medians" % (a.rows, ports[0], ports[-1], a.runs))
    print("%-58s %10s %15s %9s %9s" % ("", "rows/s", "min-max", "vs bench", "peak RSS"))
    for b in (BR, BMC):
        med = statistics.median(rates[b])
        print(("%-58s %10.0f %15s %8.2fx%s" % (b, med, compare.span(rates[b]), med / bm,
                                               " %5d KiB" % rss if b == BR else "")).rstrip())


LAG_FIGURES = ("p50", "p90", "p99", "max")


def lag_once(binbridge, build, lag_conf, e, redis_url, seconds, rate, who):
    """One steady load of RATE rows/s for SECONDS with BINBRIDGE following
    the server; returns bench_lag's output and its figures: {"written":
    rows/s, "p50": ms, ...}."""
    redis(e["BB_REDIS_PORT"], "FLUSHDB")
    bridge = subprocess.Popen([binbridge, "run", "--config", lag_conf, "--source",
                               e["BB_MARIADB_URL"], "--redis", redis_url, "--start", "current"],
                              stderr=subprocess.PIPE, text=True)
    time.sleep(1.0)
    load = subprocess.run([os.path.join(build, "bench_lag"), "127.0.0.1", e["BB_MARIADB_PORT"],
                           e["BB_MARIADB_USER"], e["BB_MARIADB_PASSWORD"], "127.0.0.1",
                           e["BB_REDIS_PORT"], "0", seconds, rate],
                          capture_output=True, text=True)
    bridge.send_signal(signal.SIGTERM)
    try:
        bridge.wait(timeout=30)
    except subprocess.TimeoutExpired:
        bridge.kill()
        sys.exit("%s: binbridge did not stop within 30 s of SIGTERM" % who)
    if load.returncode != 0:
        sys.exit("%s: bench_lag failed: %s %s" % (who, load.stderr.strip(), bridge.stderr.read()))
    if bridge.returncode != 0:
        sys.exit("%s: binbridge exited %d after SIGTERM: %s"
                 % (who, bridge.returncode, bridge.stderr.read()))
    out = load.stdout.strip()
    w = re.search(r"([0-9.]+) rows/s written", out)
    p = re.search(r"p50 ([0-9.]+) ms, p90 ([0-9.]+) ms, p99 ([0-9.]+) ms, max ([0-9.]+) ms", out)
    if not w or not p:
        sys.exit("%s: cannot read bench_lag's output: %s" % (who, out))
    figures = dict(zip(LAG_FIGURES, map(float, p.groups())))
    figures["written"] = float(w.group(1))
    return out, figures


def lag(a, builds, e, redis_url):
    """Lag under a steady write load, with each build's bridge following the
    server, alternating, --runs times each, at each rate of BB_LAG_RATE;
    prints bench_lag's lines, or with a baseline a table per rate."""
    lag_conf = bridge_conf(a.build, "bridge-lag", "bbbench.lag", "lag")
    seconds = os.environ.get("BB_LAG_SECONDS", "10")
    for rate in os.environ.get("BB_LAG_RATE", "5000,20000").split(","):
        runs = {b: [] for b in builds}
        for n in range(a.runs):
            for b in compare.order(n, builds):
                out, figures = lag_once(os.path.join(builds[b], "binbridge"), a.build, lag_conf, e,
                                        redis_url, seconds, rate,
                                        "bridge_bench" + (" (%s)" % b if b else ""))
                runs[b].append(figures)
                if not a.baseline:
                    print(out)
        if not a.baseline:
            continue
        print("lag from COMMIT to visible in Redis (ms) at a steady %s rows/s for %s s, %d runs "
              "each, alternating:" % (rate, seconds, a.runs))
        print("%-10s %8s %20s %20s %20s %20s" % (("", "rows/s") + LAG_FIGURES))
        for b in builds:
            print("%-10s %8.0f %s" % (b, statistics.median(f["written"] for f in runs[b]),
                                      " ".join("%20s" % compare.spread([f[k] for f in runs[b]],
                                                                       "%.1f")
                                               for k in LAG_FIGURES)))
        for k in LAG_FIGURES:
            print("current/baseline %s: %s"
                  % (k, compare.ratio([f[k] for f in runs[CURRENT]], [f[k] for f in runs[BASELINE]],
                                      ("higher", "lower"), "BB_BENCH_BRIDGE_RUNS")))


def main():
    a = parse_args()
    builds = compare.builds(a, a.build) or {"": a.build}
    e = env()
    redis_url = "redis://127.0.0.1:%s/0" % e["BB_REDIS_PORT"]
    if "redis" in a.only:
        replicate(a, builds, e, redis_url)
    if "redis-tls" in a.only:
        redis_tls(a, e)
    if "redis-cluster" in a.only:
        redis_cluster(a, e)
    if "lag" in a.only:
        if a.baseline and "redis" not in a.only:
            print(compare.describe(a))  # else the replication's table did
        lag(a, builds, e, redis_url)


if __name__ == "__main__":
    main()
