#!/usr/bin/env bash
# `make bench`: every benchmark, each with its comparison run in the same
# run, on private servers (their own ports and data directory), so that
# nothing else writes to the binlog being measured.
#
# The MongoDB benchmark's server is FerretDB on its PostgreSQL backend (a
# private cluster, see scripts/servers.sh): on SQLite, FerretDB 1.24 reads
# the whole collection for every upsert or delete by a numeric _id. It
# writes about 1,200 row changes/s there, so the two runs of the 500,000
# take some 14 of make bench's 17 minutes on an idle machine;
# BB_BENCH_MONGO_ROWS=N (a multiple of 5,000) replays the same workload
# scaled down to N row changes instead, and the table says so.
set -euo pipefail
root=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$root"
export BB_SERVERS_DIR=${BB_BENCH_SERVERS_DIR:-/tmp/binbridge-bench}
export BB_MARIADB_PORT=${BB_BENCH_MARIADB_PORT:-33081}
export BB_REDIS_PORT=${BB_BENCH_REDIS_PORT:-63801}
export BB_FERRETDB_PORT=${BB_BENCH_FERRETDB_PORT:-27127}
export BB_POSTGRES_PORT=${BB_BENCH_POSTGRES_PORT:-54341}
export BB_FERRETDB_BACKEND=postgresql
mongo_rows=${BB_BENCH_MONGO_ROWS:-500000}
scripts/deps.sh bench >/dev/null
scripts/servers.sh start >/dev/null
bench/workload.sh build/bench/workload.binlog
echo
bench/decode_bench.py build build/bench/workload.binlog 500000 "${BB_BENCH_RUNS:-7}"
echo
bench/bridge_bench.py build "$(cat build/bench/workload.binlog.source)" 500000
echo
# Its own workload, written last, so that nothing follows it in the binlog.
bench/workload.sh build/bench/workload-mongo.binlog "$mongo_rows"
bench/mongo_bench.py build build/bench/workload-mongo.binlog \
    "$(cat build/bench/workload-mongo.binlog.source)" "$mongo_rows" \
    "BB_BENCH_MONGO_ROWS=$mongo_rows asked for it"
