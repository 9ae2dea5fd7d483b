#!/usr/bin/env bash
# `make bench`: every benchmark, each with its comparison run in the same
# run, on private servers (their own ports and data directory), so that
# nothing else writes to the binlog being measured.
set -euo pipefail
root=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$root"
export BB_SERVERS_DIR=${BB_BENCH_SERVERS_DIR:-/tmp/binbridge-bench}
export BB_MARIADB_PORT=${BB_BENCH_MARIADB_PORT:-33081}
export BB_REDIS_PORT=${BB_BENCH_REDIS_PORT:-63801}
scripts/deps.sh >/dev/null
scripts/servers.sh start >/dev/null
bench/workload.sh build/bench/workload.binlog
echo
bench/decode_bench.py build build/bench/workload.binlog 500000 "${BB_BENCH_RUNS:-7}"
echo
bench/bridge_bench.py build "$(cat build/bench/workload.binlog.source)" 500000
