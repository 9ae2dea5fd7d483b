#!/usr/bin/env bash
# `make bench`: every benchmark, each with its comparison run in the same
# run, on private servers (their own ports and data directory), so that
# nothing else writes to the binlog being measured.
#
# Environment (all optional):
#   BB_BENCH_BASELINE=REV   (make bench BASELINE=REV) also time a baseline
#                           build of commit REV, beside the current one in
#                           the same tables: bench/baseline.sh builds it
#                           outside the work tree (reused while REV's commit
#                           is the same), each benchmark alternates the two
#                           builds and gives both, with the median and range
#                           of their runs and the ratio current/baseline
#   BB_BENCH_BASELINE_DIR=D where baselines are built (default $TMPDIR or /tmp)
#   BB_BENCH_ROWS=N         the decode and Redis workload scaled to N row
#                           changes (a multiple of 5,000; default 500,000)
#   BB_BENCH_MONGO_ROWS=N   the same for the MongoDB benchmark (see below)
#   BB_BENCH_ONLY=LIST      which benchmarks, comma-separated, of
#                           decode,redis,pyrepl,lag,mongo,tls,redis-tls,
#                           mongo-tls,failover,redis-cluster (default all ten);
#                           pyrepl, the same workload replicated into Redis
#                           once by python-mysql-replication (see below),
#                           runs redis too: binbridge's keys are its reference
#   BB_BENCH_RUNS=N         decode runs per case (default 7; 8 with a
#                           baseline: an even number of rounds lets each
#                           build go first as often as the other)
#   BB_BENCH_BRIDGE_RUNS=N  Redis replication and lag runs per build
#                           (default 1; 4 with a baseline)
#   BB_BENCH_MONGO_RUNS=N   MongoDB runs per build (default 1: a run of all
#                           500,000 row changes takes some 7 minutes)
#   BB_BENCH_TLS_RUNS=N     tls: runs of each case (default 3)
#   BB_BENCH_REDIS_TLS_RUNS=N  redis-tls: runs of each case (default 3)
#   BB_BENCH_CLUSTER_RUNS=N  redis-cluster: runs of each case (default 3)
#   BB_BENCH_CLUSTER_PORT=P  redis-cluster: the first of the 6 ports of its
#                           cluster (default 63821; bus ports 10000 below)
#   BB_BENCH_REDIS_TLS_PORT=P  redis-tls: the TLS port given to the bench's
#                           Redis for its time (default its port + 1)
#   BB_BENCH_MONGO_TLS_ROWS=N  mongo-tls: its workload, N row changes (a
#                           multiple of 5,000; default 20,000: see below)
#   BB_BENCH_MONGO_TLS_RUNS=N  mongo-tls: runs of each case (default 3)
#   BB_BENCH_FERRETDB_TLS_PORT=P  the bench FerretDB's TLS port (default its
#                           port + 1)
#   BB_BENCH_FAILOVER_RUNS=N  failovers timed (default 5): bench/failover_switch.sh,
#                           its own MariaDB primary and replica and Redis
#   BB_LAG_SECONDS, BB_LAG_RATE   the lag's steady load (default 10 s at
#                           5,000 rows/s, then at 20,000: BB_LAG_RATE=5000,20000;
#                           a comma-separated list of rates, each measured)
# A quick check, a minute or two:
#   BB_BENCH_ROWS=50000 BB_BENCH_MONGO_ROWS=5000 make bench BASELINE=HEAD~1
#
# pyrepl: the bridge users would otherwise write, bench/pyrepl_bridge.py
# (python-mysql-replication reading the binlog as a replica, redis-py
# writing binbridge's default mapping, one MULTI/EXEC per transaction), on
# the Redis benchmark's workload from the same server, timed once per run
# (some 30 s for the 500,000 row changes) and checked to leave the same
# keys, fields and values as binbridge. Its packages, pinned in
# bench/pyrepl-requirements.txt, are installed from PyPI on first use into
# a virtual environment outside the work tree (bench/pyrepl_venv.sh:
# $BB_TOOLS_DIR/pymysqlrepl-venv, default ~/.cache/binbridge/...).
#
# The MongoDB benchmark's server is FerretDB on its PostgreSQL backend (a
# private cluster, see scripts/servers.sh): on SQLite, FerretDB 1.24 reads
# the whole collection for every upsert or delete by a numeric _id. It
# writes about 1,200 row changes/s there, so the two runs of the 500,000
# take some 14 of make bench's 17 minutes on an idle machine;
# BB_BENCH_MONGO_ROWS=N (a multiple of 5,000) replays the same workload
# scaled down to N row changes instead, and the table says so.
#
# redis-tls: the Redis benchmark's replication into the same Redis over TLS
# (rediss://, tls-verify=full, a certificate of scripts/test-ca.sh) beside
# plaintext, the current build only (a build before rediss:// cannot), and
# redis-benchmark --tls beside redis-benchmark (bench/bridge_bench.py
# --only redis-tls).
#
# mongo-tls: the MongoDB benchmark over TLS beside plaintext
# (bench/mongo_bench.py --tls): binbridge and the C driver each write its
# workload into the bench's FerretDB over its plaintext port and over its
# TLS port (BB_FERRETDB_TLS_PORT: scripts/servers.sh gives it a TLS
# listener with its throwaway CA's certificate; tls=true&tlsCAFile=...,
# verified in full), alternating, the current build only. Its own,
# smaller workload (BB_BENCH_MONGO_TLS_ROWS): four cases a run at some
# 1,200 row changes/s, the server's rate.
#
# redis-cluster: the Redis benchmark's replication into a Redis Cluster of
# its own (3 masters, 3 replicas, scripts/cluster.sh), the current build
# only, beside redis-benchmark --cluster on the same cluster
# (bench/bridge_bench.py --only redis-cluster).
#
# tls: the stream's throughput over TLS beside plaintext (bench/tls_bench.py):
# the Redis benchmark's workload read by the current build from the bench
# MariaDB, which serves TLS with scripts/servers.sh's throwaway CA, by
# `dump --format none` and by `run --stop-at-end` into Redis, each with
# ssl-mode=VERIFY_IDENTITY and with ssl-mode=DISABLED, alternating. Every
# other benchmark connects in plaintext, as builds before TLS did
# (BINBRIDGE_SOURCE_SSL_MODE=DISABLED below: the default, PREFERRED, would
# take TLS from this server), so that a baseline compares like with like.
set -euo pipefail
root=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$root"
export BB_SERVERS_DIR=${BB_BENCH_SERVERS_DIR:-/tmp/binbridge-bench}
export BB_MARIADB_PORT=${BB_BENCH_MARIADB_PORT:-33081}
export BB_REDIS_PORT=${BB_BENCH_REDIS_PORT:-63801}
export BB_FERRETDB_PORT=${BB_BENCH_FERRETDB_PORT:-27127}
export BB_POSTGRES_PORT=${BB_BENCH_POSTGRES_PORT:-54341}
export BB_FERRETDB_TLS_PORT=${BB_BENCH_FERRETDB_TLS_PORT:-$((BB_FERRETDB_PORT + 1))}
export BB_FERRETDB_BACKEND=postgresql
# Plaintext to the source but where a benchmark asks for TLS (see above);
# a build before TLS does not read the variable.
export BINBRIDGE_SOURCE_SSL_MODE=DISABLED
rows=${BB_BENCH_ROWS:-500000}
mongo_rows=${BB_BENCH_MONGO_ROWS:-500000}
mongo_tls_rows=${BB_BENCH_MONGO_TLS_ROWS:-20000}
only=${BB_BENCH_ONLY:-decode,redis,pyrepl,lag,mongo,tls,redis-tls,mongo-tls,failover,redis-cluster}
for b in ${only//,/ }; do
    case $b in
    decode | redis | pyrepl | lag | mongo | tls | redis-tls | mongo-tls | failover | redis-cluster) ;;
    *) echo "run.sh: BB_BENCH_ONLY names decode, redis, pyrepl, lag, mongo, tls, redis-tls, mongo-tls, failover or redis-cluster, not '$b'" >&2; exit 2 ;;
    esac
done
want() { [[ ,$only, == *,$1,* ]]; }
for n in "$rows" "$mongo_rows" "$mongo_tls_rows"; do
    if ! [[ $n =~ ^[1-9][0-9]*$ ]] || ((n % 5000)); then
        echo "run.sh: BB_BENCH_ROWS, BB_BENCH_MONGO_ROWS and BB_BENCH_MONGO_TLS_ROWS are positive multiples of 5000, not '$n'" >&2
        exit 2
    fi
done
baseline=()
if [[ -n ${BB_BENCH_BASELINE:-} ]]; then
    # Built before the servers start: a build that fails stops here.
    baseline_build=$(bench/baseline.sh "$BB_BENCH_BASELINE")
    current="the work tree at $(git rev-parse --short=12 HEAD)"
    git diff --quiet HEAD -- || current+=" with uncommitted changes"
    baseline=(--baseline "$baseline_build" --current-label "$current"
              --baseline-label "$BB_BENCH_BASELINE = $(git rev-parse --short=12 "$BB_BENCH_BASELINE^{commit}")")
fi
scripts/deps.sh bench >/dev/null
pyrepl=()
if want pyrepl; then
    # Made (or found) before the servers start: a failed install stops here.
    pyrepl=(--pyrepl "$(bench/pyrepl_venv.sh)")
fi
# The bench servers, for the parts that read them (failover makes its own).
if want decode || want redis || want pyrepl || want lag || want mongo || want tls || want redis-tls ||
    want mongo-tls || want redis-cluster; then
    scripts/servers.sh start >/dev/null
fi
if want decode || want redis || want pyrepl || want tls || want redis-tls || want redis-cluster; then
    bench/workload.sh build/bench/workload.binlog "$rows"
fi
if want decode; then
    echo
    bench/decode_bench.py build build/bench/workload.binlog "$rows" \
        "${BB_BENCH_RUNS:-$((${#baseline[@]} ? 8 : 7))}" \
        "${baseline[@]}"
fi
parts=()
{ want redis || want pyrepl; } && parts+=(redis)
want lag && parts+=(lag)
if ((${#parts[@]})); then
    echo
    # The lag's writes follow the workload in the binlog: after its replay.
    bench/bridge_bench.py build "$(cat build/bench/workload.binlog.source 2>/dev/null || true)" \
        "$rows" --only "$(IFS=,; echo "${parts[*]}")" "${pyrepl[@]}" \
        --runs "${BB_BENCH_BRIDGE_RUNS:-$((${#baseline[@]} ? 4 : 1))}" "${baseline[@]}"
fi
if want redis-tls; then
    echo
    bench/bridge_bench.py build "$(cat build/bench/workload.binlog.source)" "$rows" \
        --only redis-tls --runs "${BB_BENCH_REDIS_TLS_RUNS:-3}"
fi
if want redis-cluster; then
    echo
    bench/bridge_bench.py build "$(cat build/bench/workload.binlog.source)" "$rows" \
        --only redis-cluster --runs "${BB_BENCH_CLUSTER_RUNS:-3}"
fi
if want tls; then
    echo
    # Before the MongoDB workload: the stream it reads runs to the server's end.
    bench/tls_bench.py build "$(cat build/bench/workload.binlog.source)" "$rows" \
        --runs "${BB_BENCH_TLS_RUNS:-3}"
fi
if want mongo; then
    echo
    # Its own workload, written last, so that nothing follows it in the binlog.
    bench/workload.sh build/bench/workload-mongo.binlog "$mongo_rows"
    bench/mongo_bench.py build build/bench/workload-mongo.binlog \
        "$(cat build/bench/workload-mongo.binlog.source)" "$mongo_rows" \
        "BB_BENCH_MONGO_ROWS=$mongo_rows asked for it" --runs "${BB_BENCH_MONGO_RUNS:-1}" \
        "${baseline[@]}"
fi
if want mongo-tls; then
    echo
    # After the MongoDB benchmark, likewise written last.
    bench/workload.sh build/bench/workload-mongo-tls.binlog "$mongo_tls_rows"
    bench/mongo_bench.py build build/bench/workload-mongo-tls.binlog \
        "$(cat build/bench/workload-mongo-tls.binlog.source)" "$mongo_tls_rows" \
        "BB_BENCH_MONGO_TLS_ROWS=$mongo_tls_rows: four cases a run" --tls \
        --runs "${BB_BENCH_MONGO_TLS_RUNS:-3}"
fi
if want failover; then
    echo
    # Servers of its own (it kills a primary): after the others.
    bench/failover_switch.sh "${BB_BENCH_FAILOVER_RUNS:-5}"
fi
