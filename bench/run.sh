#!/usr/bin/env bash
# `make bench`: every benchmark, each with its comparison run in the same run.
set -euo pipefail
root=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$root"
scripts/deps.sh >/dev/null
scripts/servers.sh start >/dev/null
bench/workload.sh build/bench/workload.binlog
bench/decode_bench.py build build/bench/workload.binlog 500000 "${BB_BENCH_RUNS:-7}"
