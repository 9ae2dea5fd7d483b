#!/usr/bin/env bash
# A throwaway Redis Cluster from Debian's redis-server: N nodes on
# consecutive private ports (their cluster bus 10000 below each port, so
# that ports above 55535 work), made with `redis-cli --cluster create
# --cluster-replicas R`, no persistence (a node killed and started again
# comes back empty and resynchronises from its master). The tests start
# one per test (tests/e2e/test_bridge_cluster.c) and the benchmark its own
# (bench/run.sh, redis-cluster).
#
# Usage: scripts/cluster.sh start|stop|status|env|kill PORT|start-node PORT
#   start        start the nodes that are down, create the cluster when it
#                is not, wait until every node says cluster_state:ok
#   stop         stop every node (SIGTERM, then SIGKILL) and remove the directory
#   status       one line per node
#   env          `export` lines: BB_CLUSTER_PORTS, BB_CLUSTER_URL
#   kill PORT    kill -9 the node on PORT (a crash)
#   start-node PORT  start that node again (it rejoins with its nodes.conf)
#
# Environment: BB_CLUSTER_DIR (default /tmp/binbridge-cluster-<first port>),
#   BB_CLUSTER_PORT (the first port, default 63901), BB_CLUSTER_NODES
#   (default 6), BB_CLUSTER_REPLICAS (replicas per master, default 1),
#   BB_CLUSTER_NODE_TIMEOUT (cluster-node-timeout in ms, default 1000: a
#   failed master is replaced within a few seconds), BB_CLUSTER_TLS_DIR
#   (a directory of scripts/test-ca.sh: the nodes serve TLS with
#   server-cert.pem on the ports, use TLS between themselves, and serve
#   plaintext too on the port NODES above each, for tests that read them
#   with a client without TLS).
set -euo pipefail

prog=cluster.sh
die() { printf '%s: %s\n' "$prog" "$*" >&2; exit 1; }
log() { printf '%s: %s\n' "$prog" "$*" >&2; }

PORT=${BB_CLUSTER_PORT:-63901}
NODES=${BB_CLUSTER_NODES:-6}
REPLICAS=${BB_CLUSTER_REPLICAS:-1}
TIMEOUT=${BB_CLUSTER_NODE_TIMEOUT:-1000}
TLS_DIR=${BB_CLUSTER_TLS_DIR:-}
DIR=$(realpath -m -- "${BB_CLUSTER_DIR:-/tmp/binbridge-cluster-$PORT}")
[[ $PORT =~ ^[0-9]+$ && $NODES =~ ^[0-9]+$ && $REPLICAS =~ ^[0-9]+$ && $TIMEOUT =~ ^[0-9]+$ ]] \
    || die "BB_CLUSTER_PORT, _NODES, _REPLICAS and _NODE_TIMEOUT must be numbers"
((PORT > 10000 && PORT + NODES <= 65536)) || die "BB_CLUSTER_PORT $PORT: the ports and their bus ports (10000 below) must be valid"
((NODES >= 3 * (REPLICAS + 1))) || die "$NODES nodes cannot make 3 masters with $REPLICAS replicas each"

ports=()
for ((i = 0; i < NODES; i++)); do ports+=($((PORT + i))); done

cli() {
    local port=$1
    shift
    if [[ -n $TLS_DIR ]]; then
        redis-cli --tls --cacert "$TLS_DIR/ca.pem" -h 127.0.0.1 -p "$port" "$@"
    else
        redis-cli -h 127.0.0.1 -p "$port" "$@"
    fi
}

node_pid() {
    local f=$DIR/$1/redis.pid pid
    [[ -r $f ]] || return 1
    read -r pid <"$f" || return 1
    [[ -r /proc/$pid/comm && $(</proc/"$pid"/comm) == redis-server ]] || return 1
    echo "$pid"
}

start_node() {
    local port=$1
    node_pid "$port" >/dev/null && return 0
    mkdir -p -- "$DIR/$port"
    local listen=(--port "$port")
    [[ -n $TLS_DIR ]] && listen=(--port $((port + NODES)) --tls-port "$port" --tls-cert-file "$TLS_DIR/server-cert.pem"
        --tls-key-file "$TLS_DIR/server-key.pem" --tls-ca-cert-file "$TLS_DIR/ca.pem"
        --tls-client-cert-file "$TLS_DIR/client-cert.pem" --tls-client-key-file "$TLS_DIR/client-key.pem"
        --tls-cluster yes --tls-replication yes --tls-auth-clients optional)
    redis-server "${listen[@]}" --bind 127.0.0.1 --cluster-enabled yes \
        --cluster-port $((port - 10000)) --cluster-config-file "$DIR/$port/nodes.conf" \
        --cluster-node-timeout "$TIMEOUT" --dir "$DIR/$port" --save '' --appendonly no \
        --daemonize yes --pidfile "$DIR/$port/redis.pid" --logfile "$DIR/$port/redis.log" \
        </dev/null >>"$DIR/$port/redis.log" 2>&1 9>&- || { tail -5 "$DIR/$port/redis.log" >&2; die "redis-server on port $port did not start"; }
    local i
    for ((i = 0; i < 100; i++)); do
        [[ $(cli "$port" ping 2>/dev/null) == PONG ]] && return 0
        sleep 0.1
    done
    tail -5 "$DIR/$port/redis.log" >&2
    die "redis-server on port $port does not answer"
}

info_field() { cli "$1" cluster info 2>/dev/null | tr -d '\r' | sed -n "s/^$2://p"; }

wait_ok() {
    local i p ok
    for ((i = 0; i < 300; i++)); do
        ok=1
        for p in "${ports[@]}"; do
            [[ $(info_field "$p" cluster_state) == ok && $(info_field "$p" cluster_known_nodes) == "$NODES" ]] || { ok=0; break; }
        done
        ((ok)) && return 0
        sleep 0.1
    done
    die "the cluster on ports ${ports[0]}-${ports[-1]} is not ok after 30 s (see $DIR/*/redis.log)"
}

start() {
    command -v redis-server >/dev/null && command -v redis-cli >/dev/null \
        || die "redis-server and redis-cli not found (Debian: apt-get install redis-server redis-tools)"
    mkdir -p -- "$DIR"
    exec 9>"$DIR/.lock"
    flock -w 120 9 || die "timed out waiting for $DIR/.lock"
    local p
    for p in "${ports[@]}"; do start_node "$p"; done
    if [[ $(info_field "${ports[0]}" cluster_slots_assigned) != 16384 ]]; then
        log "creating the cluster on 127.0.0.1:${ports[0]}-${ports[-1]} ($REPLICAS replica(s) per master)"
        local addrs=() tls=()
        for p in "${ports[@]}"; do addrs+=("127.0.0.1:$p"); done
        [[ -n $TLS_DIR ]] && tls=(--tls --cacert "$TLS_DIR/ca.pem")
        redis-cli "${tls[@]}" --cluster create "${addrs[@]}" --cluster-replicas "$REPLICAS" \
            --cluster-yes >"$DIR/create.log" 2>&1 || { tail -20 "$DIR/create.log" >&2; die "redis-cli --cluster create failed"; }
    fi
    wait_ok
}

stop() {
    # The pids first: a node removes its pid file as it exits, and its
    # ports are free only once it has.
    local p pid pids=()
    for p in "${ports[@]}"; do
        pid=$(node_pid "$p") || continue
        pids+=("$pid")
        kill -TERM "$pid" 2>/dev/null || true
    done
    local i
    for pid in "${pids[@]}"; do
        for ((i = 0; i < 50; i++)); do
            [[ -d /proc/$pid ]] || break
            sleep 0.1
        done
        if [[ -d /proc/$pid ]]; then kill -KILL "$pid" 2>/dev/null || true; fi
        while [[ -d /proc/$pid ]]; do sleep 0.05; done
    done
    rm -rf -- "${DIR:?}"
}

case ${1:-} in
start) start ;;
stop) stop ;;
status)
    for p in "${ports[@]}"; do
        if pid=$(node_pid "$p"); then
            printf 'node %s: up pid=%s %s\n' "$p" "$pid" "$(cli "$p" role 2>/dev/null | head -1)"
        else
            printf 'node %s: down\n' "$p"
        fi
    done
    ;;
env)
    printf 'export BB_CLUSTER_PORTS=%q\n' "${ports[*]}"
    printf 'export BB_CLUSTER_URL=%q\n' "redis://127.0.0.1:${ports[0]}"
    ;;
kill)
    [[ ${2:-} =~ ^[0-9]+$ ]] || die "usage: $prog kill PORT"
    pid=$(node_pid "$2") || die "no node runs on port $2"
    kill -KILL "$pid"
    ;;
start-node)
    [[ ${2:-} =~ ^[0-9]+$ ]] || die "usage: $prog start-node PORT"
    start_node "$2"
    ;;
*) die "usage: $prog start|stop|status|env|kill PORT|start-node PORT" ;;
esac
