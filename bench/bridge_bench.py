#!/usr/bin/env python3
"""Bridge benchmark: the decoder benchmark's 500,000 row changes replicated
into Redis by `binbridge run --stop-at-end` (default mapping), beside
`redis-benchmark -P 64` doing the equivalent HSETs on the same server, and
the lag under a steady write load (bench_lag). Servers come from
`scripts/servers.sh env` (bench/run.sh points it at private bench servers).

Usage: bench/bridge_bench.py BUILD_DIR WORKLOAD_SOURCE_FILE ROWS [--only redis,lag]

--only: the replication into Redis beside redis-benchmark (redis), the lag
(lag), or both (the default); with lag alone WORKLOAD_SOURCE_FILE and ROWS
are not read. The lag's load: BB_LAG_SECONDS (default 10) at BB_LAG_RATE
rows/s (default 5,000).
"""
import argparse
import os
import re
import shlex
import signal
import subprocess
import sys
import time

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


def timed_bridge(cmd, who):
    """Run a `binbridge run --stop-at-end` command line under GNU time; return
    (wall seconds, peak RSS KiB), or exit naming WHO when it fails."""
    start = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, capture_output=True, text=True)
    secs = time.perf_counter() - start
    if p.returncode != 0:
        sys.exit("%s: binbridge run failed: %s" % (who, p.stderr.strip()))
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
    a = ap.parse_args()
    a.only = set(a.only.split(","))
    if a.only - {"redis", "lag"}:
        ap.error("--only takes redis, lag or redis,lag")
    if "redis" in a.only and not a.source_file:
        ap.error("the replication needs the workload's file name on the server")
    return a


def replicate(build, e, redis_url, source_file, rows):
    """The workload replayed by `binbridge run --stop-at-end`, then as many
    HSETs by redis-benchmark; prints their table."""
    binbridge = os.path.join(build, "binbridge")
    # The workload's table only: later bench_lag runs write to bbbench.lag.
    conf = bridge_conf(build, "bridge", "bbbench.t", "bench")
    common = ["--config", conf, "--source", e["BB_MARIADB_URL"], "--redis", redis_url]

    # 1. Replicate the workload from its first event.
    redis(e["BB_REDIS_PORT"], "FLUSHDB")
    redis(e["BB_REDIS_PORT"], "HSET", "binbridge:checkpoint:bench", "file", source_file, "pos", "4", "rows_done", "0",
          "gtid", "", "commit_time", "0", "server_id", "1")
    secs, rss = timed_bridge([binbridge, "run"] + common + ["--stop-at-end"], "bridge_bench")
    # 2/5 of the rows inserted, 1/5 deleted (workload.sh): 1/5 left as
    # hashes, and the checkpoint.
    keys, want = int(redis(e["BB_REDIS_PORT"], "DBSIZE")), rows // 5 + 1
    if keys != want:
        sys.exit("bridge_bench: expected %d keys after the workload, found %d" % (want, keys))
    bridge_rate = rows / secs

    # 2. The same number of HSETs by redis-benchmark, pipelined 64 deep.
    bm = subprocess.run(["redis-benchmark", "-p", e["BB_REDIS_PORT"], "-P", "64", "-n", str(rows),
                         "-r", str(rows), "-q", "--csv", "HSET", "bbbench:bm:__rand_int__",
                         "id", "__rand_int__", "name", "name-__rand_int__-u", "score",
                         "24690.45", "at", "2024-01-03 10:17:36.123456", "amount", "55384.7142",
                         "note", "note 12345 note 12345 note 12345 updated"],
                        check=True, capture_output=True, text=True).stdout
    m = re.search(r'"HSET[^"]*","([0-9.]+)"', bm)
    if not m:
        sys.exit("bridge_bench: cannot read redis-benchmark's output: %s" % bm)
    hset_rate = float(m.group(1))
    redis(e["BB_REDIS_PORT"], "FLUSHDB")

    print("bridge benchmark: %d row changes replicated into Redis (default mapping), one run"
          % rows)
    print("%-58s %10s %9s %9s" % ("", "rows/s", "vs bench", "peak RSS"))
    print("%-58s %10.0f %8.2fx %5d KiB" % ("binbridge run --stop-at-end (decode, map, MULTI/EXEC)",
                                         bridge_rate, bridge_rate / hset_rate, rss))
    print("%-58s %10.0f %8.2fx" % ("redis-benchmark -P 64 HSET (6 fields)", hset_rate, 1.0))


def lag(build, e, redis_url):
    """Lag under a steady write load, with the bridge following the server;
    prints bench_lag's lines."""
    binbridge = os.path.join(build, "binbridge")
    lag_conf = bridge_conf(build, "bridge-lag", "bbbench.lag", "lag")
    redis(e["BB_REDIS_PORT"], "FLUSHDB")
    bridge = subprocess.Popen([binbridge, "run", "--config", lag_conf, "--source",
                               e["BB_MARIADB_URL"], "--redis", redis_url, "--start", "current"],
                              stderr=subprocess.PIPE, text=True)
    time.sleep(1.0)
    load = subprocess.run([os.path.join(build, "bench_lag"), "127.0.0.1", e["BB_MARIADB_PORT"],
                          e["BB_MARIADB_USER"], e["BB_MARIADB_PASSWORD"], "127.0.0.1",
                          e["BB_REDIS_PORT"], "0", os.environ.get("BB_LAG_SECONDS", "10"),
                          os.environ.get("BB_LAG_RATE", "5000")],
                         capture_output=True, text=True)
    bridge.send_signal(signal.SIGTERM)
    try:
        bridge.wait(timeout=30)
    except subprocess.TimeoutExpired:
        bridge.kill()
        sys.exit("bridge_bench: binbridge did not stop within 30 s of SIGTERM")
    if load.returncode != 0:
        sys.exit("bridge_bench: bench_lag failed: %s %s" % (load.stderr.strip(),
                                                            bridge.stderr.read()))
    if bridge.returncode != 0:
        sys.exit("bridge_bench: binbridge exited %d after SIGTERM: %s"
                 % (bridge.returncode, bridge.stderr.read()))
    print(load.stdout.strip())


def main():
    a = parse_args()
    e = env()
    redis_url = "redis://127.0.0.1:%s/0" % e["BB_REDIS_PORT"]
    if "redis" in a.only:
        replicate(a.build, e, redis_url, a.source_file, a.rows)
    if "lag" in a.only:
        lag(a.build, e, redis_url)


if __name__ == "__main__":
    main()
