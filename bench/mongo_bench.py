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

ROWS is the workload's size; below 500,000 the table says that it is the
scaled-down workload, and why (WHY_SUBSET).
"""
import os
import subprocess
import sys

sys.dont_write_bytecode = True  # no bench/__pycache__ from the import below
from bridge_bench import bridge_conf, env, timed_bridge  # noqa: E402

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

    def upsert_run(*args):
        p = subprocess.run([upsert] + list(args), capture_output=True, text=True)
        if p.returncode != 0:
            sys.exit("mongo_bench: bench_mongo_upsert %s failed: %s" % (args[0], p.stderr.strip()))
        return p.stdout

    # 1. binbridge replicates the workload from its first event into bbbench.t.
    upsert_run("prepare", mongo_url, "bbbench", "t", "bench", source_file)
    secs, rss = timed_bridge([binbridge, "run", "--config", conf, "--source", e["BB_MARIADB_URL"],
                              "--mongo", mongo_url, "--stop-at-end"], "mongo_bench")
    bridge_rate = rows / secs
    bridge_docs = upsert_run("digest", mongo_url, "bbbench", "t").strip()

    # 2. The ceiling: the same documents into bbbench_ceiling.t.
    out = upsert_run("write", mongo_url, "bbbench_ceiling", "t", str(rows), binlog)
    fields, _, server = out.strip().partition(" server ")
    w = dict(zip(fields.split()[::2], fields.split()[1::2]))
    if "rows_per_s" not in w or not server:
        sys.exit("mongo_bench: cannot read bench_mongo_upsert's output: %s" % out)
    ceiling = float(w["rows_per_s"])
    ceiling_docs = "docs %s digest %s" % (w["docs"], w["digest"])
    if ceiling_docs != bridge_docs:
        sys.exit("mongo_bench: binbridge and the C driver did not write the same documents: "
                 "binbridge %s, C driver %s" % (bridge_docs, ceiling_docs))
    if server.startswith("FerretDB"):
        server += " on its %s backend" % os.environ.get("BB_FERRETDB_BACKEND", "sqlite")
    print("MongoDB benchmark: %d row changes replicated into %s, default mapping, one run"
          % (rows, server))
    if rows < FULL_ROWS:
        print("SUBSET: the %d-row-change workload scaled down to %d row changes (the same "
              "statements, 2/5 inserts, 2/5 updates, 1/5 deletes), for both rows below: %s; "
              "all %d at these rates: binbridge %.1f min, C driver %.1f min"
              % (FULL_ROWS, rows, why, FULL_ROWS, FULL_ROWS / bridge_rate / 60,
                 FULL_ROWS / ceiling / 60))
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
