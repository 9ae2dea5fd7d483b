#!/usr/bin/env bash
# How long a failover takes: from the primary's kill -9 to the first change
# of the promoted replica applied to Redis, by `binbridge run` with the
# default settings given both servers (README, "Failover").
#
# Usage: bench/failover_switch.sh [RUNS]   (default 5; make bench runs it too)
# Each run: a private MariaDB primary and GTID replica (tests/failover/pair.sh)
# and a private Redis, on free ports under one temporary directory; the
# bridge follows the primary and has applied a first row; then, timed from
# the kill: kill -9 of the primary, the replica promoted (STOP SLAVE;
# RESET SLAVE ALL; read_only=0), one INSERT on it, and Redis polled until
# that row's hash is there. Printed per run and as the median:
#   to_redis   kill -9 -> the new primary's row in Redis (what a user sees)
#   after_ins  the INSERT's commit -> its row in Redis
#   switch     kill -9 -> the bridge's "switched source" line (its clock)
# Environment: BB_BINBRIDGE (default build/binbridge). The bridge runs
# with the default settings: no configuration file, and without the
# BINBRIDGE_SOURCE_SSL_MODE=DISABLED of bench/run.sh (the pair offers no
# TLS, so the default, PREFERRED, is plaintext here too).
set -euo pipefail
root=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$root"
runs=${1:-5}
bin=${BB_BINBRIDGE:-build/binbridge}
[[ -x $bin ]] || { echo "failover_switch.sh: $bin not built (make)" >&2; exit 2; }
dir=$(mktemp -d /tmp/bb-failover-bench.XXXXXX)
redis_pid=
bridge_pid=
cleanup() {
    [[ -n $bridge_pid ]] && kill -9 "$bridge_pid" 2>/dev/null
    [[ -n $redis_pid ]] && kill -9 "$redis_pid" 2>/dev/null
    tests/failover/pair.sh stop "$dir/pair" >/dev/null 2>&1 || true
    rm -rf -- "$dir"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now() { date +%s.%N; }
# a - b, and a > b, in seconds with decimals (awk: no bc needed)
sub() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.6f", a - b }'; }
gt() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a > b) }'; }
sql() { mariadb --no-defaults -h127.0.0.1 -P"$1" -ubb -pbbpass -N -e "$2"; }

rport=$(free_port)
redis-server --port "$rport" --bind 127.0.0.1 --save '' --appendonly no --dir "$dir" \
    --daemonize no >"$dir/redis.log" 2>&1 &
redis_pid=$!
disown "$redis_pid"
for ((i = 0; i < 100; i++)); do redis-cli -p "$rport" ping >/dev/null 2>&1 && break; sleep 0.05; done

results=()
for ((r = 1; r <= runs; r++)); do
    p1=$(free_port) p2=$(free_port)
    tests/failover/pair.sh start "$dir/pair" "$p1" "$p2" >"$dir/pair.log" 2>&1
    sql "$p1" "CREATE DATABASE fo; CREATE TABLE fo.t (id INT PRIMARY KEY, v INT)"
    # A log of its own per run: the wait below must not find the line of
    # the run before (the first row would go in before this bridge starts).
    log=$dir/bridge-$r.log
    env -u BINBRIDGE_SOURCE_SSL_MODE "$bin" run --source "mysql://bbrepl:bbrepl@127.0.0.1:$p1,mysql://bbrepl:bbrepl@127.0.0.1:$p2" \
        --redis "redis://127.0.0.1:$rport/0" --checkpoint "fo$r" >"$log" 2>&1 &
    bridge_pid=$!
    for ((i = 0; i < 600; i++)); do
        grep -qs "connected to" "$log" && break
        sleep 0.05
    done
    sql "$p1" "INSERT INTO fo.t VALUES (1, 1)"
    for ((i = 0; i < 600; i++)); do
        [[ $(redis-cli -p "$rport" exists fo:t:1) == 1 ]] && break
        sleep 0.05
    done
    [[ $(redis-cli -p "$rport" exists fo:t:1) == 1 ]] || { cat "$log" >&2; exit 1; }
    # wait until the replica has the row too, then the kill
    for ((i = 0; i < 600; i++)); do
        [[ $(sql "$p2" "SELECT COUNT(*) FROM fo.t" 2>/dev/null) == 1 ]] && break
        sleep 0.05
    done
    ppid=$(cat "$dir/pair/primary.pid")
    t0=$(now)
    kill -9 "$ppid"
    tests/failover/pair.sh promote "$dir/pair" >/dev/null
    sql "$p2" "INSERT INTO fo.t VALUES (2, 2)"
    t1=$(now)
    until [[ $(redis-cli -p "$rport" exists fo:t:2) == 1 ]]; do
        if gt "$(sub "$(now)" "$t0")" 60; then cat "$log" >&2; exit 1; fi
    done
    t2=$(now)
    sw=$(grep -m1 "switched source" "$log" | cut -c1-23 || true)
    sw_s=nan
    if [[ -n $sw ]]; then
        sw_epoch=$(date -u -d "${sw/T/ }" +%s.%N)
        sw_s=$(printf '%.3f' "$(sub "$sw_epoch" "$t0")")
    fi
    kill -TERM "$bridge_pid"; wait "$bridge_pid" 2>/dev/null || true; bridge_pid=
    tests/failover/pair.sh stop "$dir/pair" >/dev/null
    redis-cli -p "$rport" flushall >/dev/null
    to_redis=$(sub "$t2" "$t0") after_ins=$(sub "$t2" "$t1")
    printf 'failover run %d: to_redis %.3f s, after_ins %.3f s, switch %s s\n' "$r" "$to_redis" \
        "$after_ins" "$sw_s"
    results+=("$to_redis")
done
median=$(printf '%s\n' "${results[@]}" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
printf 'failover: kill -9 of the primary -> first change of the promoted replica in Redis, median of %d: %.3f s (default settings)\n' \
    "$runs" "$median"
