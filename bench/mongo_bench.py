#!/usr/bin/env python3
"""MongoDB benchmark: a workload binlog's row changes replicated into the
bench's MongoDB-compatible server by `binbridge run --stop-at-end --mongo`
(default mapping, no Redis), beside the sink's ceiling in the same run:
bench_mongo_upsert writing the same documents into the same server with
plain ordered bulk writes of the C driver (replaceOne upsert by _id,
deleteOne), batched as the sink batches them. bench_mongo_upsert then checks
that its collection and binbridge's hold the same documents, byte for byte.
Servers come from `scripts/servers.sh env` (bench/run.sh points it at
private bench servers).

Usage: bench/mongo_bench.py BUILD_DIR WORKLOAD_BINLOG WORKLOAD_SOURCE_FILE ROWS [WHY_SUBSET]

ROWS is the workload's size; below 500,000 the table says that it is the
scaled-down workload, and why (WHY_SUBSET).
"""
import os
import re
import subprocess
import sys

from bridge_bench import bridge_conf, env, timed_bridge

FULL_ROWS = 500000
TARGET = 0.70


def main():
    build, binlog, source_file, rows = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    why = sys.argv[5] if len(sys.argv) > 5 else ""
    e = env()
    mongo_url = e["BB_MONGO_URL"]
    binbridge = os.path.join(build, "binbridge")
    upsert = os.path.join(build, "bench_mongo_upsert")
    conf = bridge_conf(build, "bridge-mongo", "bbbench.t", "bench")

    # 1. binbridge replicates the workload from its first event into bbbench.t.
    subprocess.run([upsert, "prepare", mongo_url, "bbbench", "t", "bench", source_file],
                   check=True)
    secs, rss = timed_bridge([binbridge, "run", "--config", conf, "--source", e["BB_MARIADB_URL"],
                              "--mongo", mongo_url, "--stop-at-end"], "mongo_bench")
    bridge_rate = rows / secs

    # 2. The ceiling: the same documents into bbbench_ceiling.t, then
    # compared with binbridge's bbbench.t.
    p = subprocess.run([upsert, "write", mongo_url, "bbbench_ceiling", "t", str(rows), binlog,
                        "bbbench", "t"], capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit("mongo_bench: bench_mongo_upsert failed: %s" % p.stderr.strip())
    m = re.search(r"rows_per_s ([0-9.]+)", p.stdout)
    if not m:
        sys.exit("mongo_bench: cannot read bench_mongo_upsert's output: %s" % p.stdout)
    ceiling = float(m.group(1))
    server = p.stdout.split(" server ", 1)[1].strip()
    if server.startswith("FerretDB"):
        server += " on its %s backend" % os.environ.get("BB_FERRETDB_BACKEND", "sqlite")
    print("MongoDB benchmark: %d row changes replicated into %s, default mapping, one run"
          % (rows, server))
    if rows < FULL_ROWS:
        print("SUBSET: the %d-row-change workload scaled down to %d (same statements and mix of "
              "inserts, updates, deletes), for both rows below: %s" % (FULL_ROWS, rows, why))
    print("%-58s %10s %9s %9s" % ("", "rows/s", "vs C", "peak RSS"))
    print("%-58s %10.0f %8.2fx %5d KiB" % ("binbridge run --stop-at-end --mongo (decode, map, bulk)",
                                         bridge_rate, bridge_rate / ceiling, rss))
    print("%-58s %10.0f %8.2fx" % ("C driver: ordered bulk upsert/delete of the same documents",
                                   ceiling, 1.0))
    print("binbridge at %.0f%% of the C driver's rate (target: at least %.0f%%): %s"
          % (100 * bridge_rate / ceiling, 100 * TARGET,
             "met" if bridge_rate >= TARGET * ceiling else "NOT met"))


if __name__ == "__main__":
    main()
