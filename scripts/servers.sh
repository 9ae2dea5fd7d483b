#!/usr/bin/env bash
# Throwaway MariaDB, Redis and FerretDB (a MongoDB wire-compatible server) on
# private ports and data directories, shared by the tests, the demo and the
# benchmarks.
#
# Usage: scripts/servers.sh start|stop|restart-mariadb|restart-redis|restart-ferretdb|status|env
#   start            start whatever is not already up (idempotent), wait until ready
#   stop             shut them all down cleanly (succeeds when nothing runs)
#   restart-mariadb  stop + start MariaDB only, keeping its data and binlogs
#   restart-redis    stop + start Redis only, keeping its data (AOF)
#   restart-ferretdb stop + start FerretDB only, keeping its data (SQLite files)
#   status           one line per server: up/down, port, pid
#   env              `export` lines for callers: eval "$(scripts/servers.sh env)"
#
# Environment: BB_SERVERS_DIR (default /tmp/binbridge-servers),
#              BB_MARIADB_PORT (default 33071), BB_REDIS_PORT (default 63791),
#              BB_MARIADB_PLAIN_PORT (default 33073: a second, small MariaDB
#              that offers no TLS, for the tests of ssl-mode=REQUIRED; see
#              "TLS" below; as for FerretDB, another BB_SERVERS_DIR gets
#              one only on another port, and BB_SKIP_MARIADB_PLAIN=1 leaves
#              it out),
#              BB_FERRETDB_PORT (default 27117), BB_TOOLS_DIR (where
#              scripts/deps.sh built FerretDB; default ~/.cache/binbridge).
#              With another BB_SERVERS_DIR, FerretDB is started only on a
#              BB_FERRETDB_PORT other than 27117 (private servers beside the
#              shared ones must not take the shared FerretDB's port);
#              BB_SKIP_FERRETDB=1 leaves it out (tests given a real MongoDB
#              with BINBRIDGE_TEST_MONGO_URI).
#              BB_FERRETDB_BACKEND=postgresql (the benchmarks): FerretDB on
#              a private PostgreSQL 15 cluster ($BB_SERVERS_DIR/postgresql,
#              port BB_POSTGRES_PORT, default 54331; `scripts/deps.sh bench`
#              installs PostgreSQL) instead of its SQLite backend (the
#              default, BB_FERRETDB_BACKEND=sqlite); see postgres_start.
#
# TLS: `start` makes a throwaway CA in $BB_SERVERS_DIR/tls (once; openssl),
# with a certificate for the main MariaDB (subjectAltName localhost and
# 127.0.0.1), a client certificate (CN binbridge-test-client, which the user
# bbx509 must present: REQUIRE SUBJECT) and a second, unrelated CA
# (wrong-ca.pem). The main MariaDB serves TLS with them but does not require
# it (the rest of the suite connects in plaintext); the plain one on
# BB_MARIADB_PLAIN_PORT has TLS switched off.
#
# The servers run as plain background processes (no systemd), so this works
# in containers and CI; `start` leaves them running for the next run.
set -euo pipefail

prog=servers.sh
die() { printf '%s: %s\n' "$prog" "$*" >&2; exit 1; }
log() { printf '%s: %s\n' "$prog" "$*" >&2; }

# Absolute, so the paths stay valid whatever directory a caller runs from.
STATE_DIR=$(realpath -m -- "${BB_SERVERS_DIR:-/tmp/binbridge-servers}")
MARIADB_PORT=${BB_MARIADB_PORT:-33071}
MARIADB_PLAIN_PORT=${BB_MARIADB_PLAIN_PORT:-33073}
REDIS_PORT=${BB_REDIS_PORT:-63791}
FERRETDB_PORT=${BB_FERRETDB_PORT:-27117}
FERRETDB_BACKEND=${BB_FERRETDB_BACKEND:-sqlite}
POSTGRES_PORT=${BB_POSTGRES_PORT:-54331}
# The default port belongs to the default state directory's FerretDB: a
# private one (BB_SERVERS_DIR, as the bridge tests' private servers, which
# inherit BB_FERRETDB_PORT=27117 from `env`) gets a FerretDB only on a port
# of its own.
FERRETDB_WANTED=true
[[ $STATE_DIR != /tmp/binbridge-servers && $FERRETDB_PORT == 27117 ]] && FERRETDB_WANTED=false
# BB_SKIP_FERRETDB=1 (as for scripts/deps.sh): a real MongoDB is used instead.
[[ ${BB_SKIP_FERRETDB:-} == 1 ]] && FERRETDB_WANTED=false
# The MariaDB without TLS likewise: a private state directory gets one only
# on a port of its own; BB_SKIP_MARIADB_PLAIN=1 leaves it out.
PLAIN_WANTED=true
[[ $STATE_DIR != /tmp/binbridge-servers && $MARIADB_PLAIN_PORT == 33073 ]] && PLAIN_WANTED=false
[[ ${BB_SKIP_MARIADB_PLAIN:-} == 1 ]] && PLAIN_WANTED=false
# mariadb-install-db breaks on paths with whitespace (unquoted chown).
[[ $STATE_DIR != *[[:space:]]* ]] || die "BB_SERVERS_DIR must not contain whitespace: $STATE_DIR"
[[ $MARIADB_PORT =~ ^[0-9]+$ ]] || die "BB_MARIADB_PORT is not a number: $MARIADB_PORT"
[[ $REDIS_PORT =~ ^[0-9]+$ ]] || die "BB_REDIS_PORT is not a number: $REDIS_PORT"
[[ $MARIADB_PLAIN_PORT =~ ^[0-9]+$ ]] || die "BB_MARIADB_PLAIN_PORT is not a number: $MARIADB_PLAIN_PORT"
[[ $FERRETDB_PORT =~ ^[0-9]+$ ]] || die "BB_FERRETDB_PORT is not a number: $FERRETDB_PORT"
[[ $POSTGRES_PORT =~ ^[0-9]+$ ]] || die "BB_POSTGRES_PORT is not a number: $POSTGRES_PORT"
[[ $FERRETDB_BACKEND == sqlite || $FERRETDB_BACKEND == postgresql ]] \
    || die "BB_FERRETDB_BACKEND must be sqlite or postgresql, not '$FERRETDB_BACKEND'"

MARIADB_DATA=$STATE_DIR/mariadb
BINLOG_DIR=$STATE_DIR/binlog
MARIADB_SOCK=$STATE_DIR/mariadb.sock
MARIADB_PID=$STATE_DIR/mariadb.pid
MARIADB_LOG=$STATE_DIR/mariadb.log
# A Unix socket path must fit in sun_path (108 bytes with the NUL).
((${#MARIADB_SOCK} < 108)) || die "BB_SERVERS_DIR too long for a socket path: $MARIADB_SOCK"
# The throwaway CA and certificates (tls_setup), and the MariaDB without TLS.
TLS_DIR=$STATE_DIR/tls
PLAIN_DATA=$STATE_DIR/mariadb-plain
PLAIN_SOCK=$STATE_DIR/mariadb-plain.sock
PLAIN_PID=$STATE_DIR/mariadb-plain.pid
PLAIN_LOG=$STATE_DIR/mariadb-plain.log
REDIS_DIR=$STATE_DIR/redis
REDIS_PID=$STATE_DIR/redis.pid
REDIS_LOG=$STATE_DIR/redis.log
FERRETDB_DATA=$STATE_DIR/ferretdb
FERRETDB_PID=$STATE_DIR/ferretdb.pid
FERRETDB_LOG=$STATE_DIR/ferretdb.log
# FerretDB's PostgreSQL (BB_FERRETDB_BACKEND=postgresql): cluster, socket
# and log in one directory, owned by the user the server runs as.
POSTGRES_DIR=$STATE_DIR/postgresql
POSTGRES_DATA=$POSTGRES_DIR/data
POSTGRES_LOG=$POSTGRES_DIR/postgresql.log
POSTGRES_BIN=${BB_POSTGRES_BIN:-/usr/lib/postgresql/15/bin}
# Where scripts/deps.sh builds FerretDB (keep the two in step).
FERRETDB_VERSION=v1.24.2
TOOLS_DIR=$(realpath -m -- "${BB_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/binbridge}")
FERRETDB_BIN=$TOOLS_DIR/ferretdb-$FERRETDB_VERSION/ferretdb

READY_TIMEOUT=60   # seconds to wait for a server to start or stop

# --no-defaults everywhere: a developer's ~/.my.cnf or /etc/mysql must not
# change which server we talk to or with which credentials.
mariadb_root() { mariadb --no-defaults --socket="$MARIADB_SOCK" --user=root --batch "$@"; }

# ---------------------------------------------------------------- helpers

# Is PID a live (non-zombie) process named NAME? Read /proc directly: procps
# is not guaranteed on a minimal Debian, and kill -0 succeeds on zombies.
pid_alive() {
    local pid=$1 name=$2 stat comm
    [[ $pid =~ ^[0-9]+$ ]] || return 1
    [[ -r /proc/$pid/stat && -r /proc/$pid/comm ]] || return 1
    { stat=$(</proc/"$pid"/stat) && comm=$(</proc/"$pid"/comm); } 2>/dev/null || return 1
    stat=${stat##*) }
    [[ ${stat%% *} != Z && $comm == "$name" ]]
}

# Is PID, a process this script has just started, still there (not a
# zombie), whatever its name? Right after `setsid mariadbd ... &` the child
# is still the forked shell or setsid until it has exec'd the server, so
# pid_alive's name check would call a slow exec (a loaded machine) an exit.
pid_running() {
    local pid=$1 stat
    [[ $pid =~ ^[0-9]+$ && -r /proc/$pid/stat ]] || return 1
    stat=$(</proc/"$pid"/stat) 2>/dev/null || return 1
    stat=${stat##*) }
    [[ ${stat%% *} != Z ]]
}

# PID from a pid file when that process is alive, else nothing.
live_pid() {
    local file=$1 name=$2 pid=""
    if [[ -r $file ]]; then read -r pid <"$file" 2>/dev/null || true; fi
    if [[ -n $pid ]] && pid_alive "$pid" "$name"; then echo "$pid"; fi
}

fail_with_log() {
    local what=$1 logfile=$2
    if [[ -r $logfile ]]; then
        printf -- '--- last 20 lines of %s ---\n' "$logfile" >&2
        tail -n 20 -- "$logfile" >&2
    fi
    die "$what"
}

# Wait until PID has exited.
wait_exit() {
    local pid=$1 name=$2 i
    for ((i = 0; i < READY_TIMEOUT * 5; i++)); do
        pid_alive "$pid" "$name" || return 0
        sleep 0.2
    done
    return 1
}

# ---------------------------------------------------------------- MariaDB

mariadb_ping() {
    # TCP on purpose: that is how the tests connect. root@127.0.0.1 has no
    # password on this throwaway server; ping would exit 0 even on "access
    # denied", so this works before our users exist.
    mariadb-admin --no-defaults --protocol=tcp --host=127.0.0.1 --port="$MARIADB_PORT" \
        --user=root --connect-timeout=2 ping >/dev/null 2>&1
}

mariadb_init() {
    # The marker is written only after a complete initialisation, so an
    # interrupted mariadb-install-db is redone from scratch.
    [[ -f $MARIADB_DATA/.bb-initialized ]] && return 0
    if [[ -e $MARIADB_DATA ]]; then
        log "removing incomplete MariaDB data dir $MARIADB_DATA"
        rm -rf -- "${MARIADB_DATA:?}" "${BINLOG_DIR:?}"
    fi
    mkdir -p -- "$MARIADB_DATA" "$BINLOG_DIR"
    log "initialising MariaDB data dir $MARIADB_DATA"
    mariadb-install-db --no-defaults "${user_opt[@]}" \
        --auth-root-authentication-method=normal --skip-test-db --skip-name-resolve \
        --datadir="$MARIADB_DATA" >"$STATE_DIR/mariadb-install.log" 2>&1 \
        || fail_with_log "mariadb-install-db failed" "$STATE_DIR/mariadb-install.log"
    : >"$MARIADB_DATA/.bb-initialized"
}

mariadb_users() {
    # Idempotent. Every user exists for '%' (TCP, 127.0.0.1 with
    # skip-name-resolve) and 'localhost' (socket), so no anonymous or
    # root entry can shadow it.
    local sql="" host
    for host in '%' localhost; do
        sql+="CREATE USER IF NOT EXISTS 'bb'@'$host' IDENTIFIED BY 'bbpass';
GRANT ALL PRIVILEGES ON *.* TO 'bb'@'$host' WITH GRANT OPTION;
CREATE USER IF NOT EXISTS 'bbrepl'@'$host' IDENTIFIED BY 'bbrepl';
GRANT REPLICATION SLAVE, REPLICATION CLIENT, SELECT ON *.* TO 'bbrepl'@'$host';
CREATE USER IF NOT EXISTS 'bbnorepl'@'$host' IDENTIFIED BY 'bbnorepl';
GRANT SELECT ON *.* TO 'bbnorepl'@'$host';
CREATE USER IF NOT EXISTS 'bbx509'@'$host' IDENTIFIED BY 'bbx509'
    REQUIRE SUBJECT '/CN=binbridge-test-client' AND ISSUER '/CN=binbridge test CA';
GRANT REPLICATION SLAVE, REPLICATION CLIENT, SELECT, RELOAD ON *.* TO 'bbx509'@'$host';
"
    done
    # Anonymous accounts would match before '%' for some connections.
    sql+="DROP USER IF EXISTS ''@'localhost';"
    # mariadb-install-db also creates root@<hostname>, which skip-name-resolve
    # can never match; it only fills the error log with warnings.
    local extra
    extra=$(mariadb_root --skip-column-names -e "SELECT CONCAT('DROP USER ', QUOTE(user), '@', QUOTE(host), ';')
        FROM mysql.user WHERE host NOT IN ('localhost', '127.0.0.1', '::1', '%')") \
        || fail_with_log "could not list MariaDB users (root over $MARIADB_SOCK)" "$MARIADB_LOG"
    sql+=$extra
    # Don't write the users' DDL into the binlog the tests read.
    mariadb_root -e "SET sql_log_bin=0; $sql" \
        || fail_with_log "could not create MariaDB users (root over $MARIADB_SOCK)" "$MARIADB_LOG"
}

mariadb_start() {
    local pid
    pid=$(live_pid "$MARIADB_PID" mariadbd)
    if [[ -z $pid ]]; then
        if mariadb_ping; then
            # Someone else's server on our port: refuse rather than test against it.
            die "port $MARIADB_PORT answers but no mariadbd from $STATE_DIR runs; set BB_MARIADB_PORT"
        fi
        rm -f -- "$MARIADB_PID" "$MARIADB_SOCK" "$MARIADB_SOCK.lock"
        mariadb_init
        log "starting MariaDB on 127.0.0.1:$MARIADB_PORT"
        # setsid: the server must outlive this script and not receive the
        # caller's Ctrl-C; 9>&- so it does not inherit (and hold) our lock.
        setsid mariadbd --no-defaults "${user_opt[@]}" \
            --datadir="$MARIADB_DATA" \
            --port="$MARIADB_PORT" --bind-address=127.0.0.1 \
            --socket="$MARIADB_SOCK" --pid-file="$MARIADB_PID" \
            --log-error="$MARIADB_LOG" --tmpdir="$STATE_DIR/tmp" \
            --server-id=1 \
            --log-bin="$BINLOG_DIR/mysql-bin" --log-bin-index="$BINLOG_DIR/mysql-bin.index" \
            --binlog-format=ROW --binlog-row-image=FULL --binlog-row-metadata=FULL \
            --binlog-checksum=CRC32 --gtid-strict-mode=ON --log-slave-updates=ON \
            --expire-logs-days=0 \
            --character-set-server=utf8mb4 --default-time-zone=+00:00 \
            --skip-name-resolve \
            --innodb-buffer-pool-size=256M --innodb-flush-log-at-trx-commit=2 \
            --sync-binlog=0 --max-allowed-packet=256M \
            --ssl-ca="$TLS_DIR/ca.pem" --ssl-cert="$TLS_DIR/server-cert.pem" \
            --ssl-key="$TLS_DIR/server-key.pem" \
            </dev/null >>"$MARIADB_LOG" 2>&1 9>&- &
        pid=$!
    else
        log "MariaDB already running (pid $pid)"
        # One started by a servers.sh from before TLS: the TLS tests would
        # fail against it, each with its own story. Say it once, here.
        local ssl
        ssl=$(mariadb_root --skip-column-names -e "SELECT @@have_ssl" 2>/dev/null || true)
        [[ $ssl == YES ]] || die "MariaDB (pid $pid) on port $MARIADB_PORT serves no TLS (have_ssl=${ssl:-?}): it was started by an older servers.sh; run scripts/servers.sh restart-mariadb (its data stays)"
    fi

    local i
    for ((i = 0; i < READY_TIMEOUT * 5; i++)); do
        if mariadb_ping && [[ -S $MARIADB_SOCK ]]; then
            mariadb_users
            return 0
        fi
        pid_running "$pid" || fail_with_log "mariadbd exited during startup" "$MARIADB_LOG"
        sleep 0.2
    done
    fail_with_log "MariaDB not ready on port $MARIADB_PORT after ${READY_TIMEOUT}s" "$MARIADB_LOG"
}

mariadb_stop() {
    local pid
    pid=$(live_pid "$MARIADB_PID" mariadbd)
    if [[ -z $pid ]]; then
        rm -f -- "$MARIADB_PID"
        return 0
    fi
    log "stopping MariaDB (pid $pid)"
    # Clean shutdown over the socket; SIGTERM is the same thing if the
    # socket is gone.
    mariadb-admin --no-defaults --socket="$MARIADB_SOCK" --user=root shutdown >/dev/null 2>&1 \
        || kill -TERM "$pid" 2>/dev/null || true
    wait_exit "$pid" mariadbd \
        || fail_with_log "mariadbd (pid $pid) still running ${READY_TIMEOUT}s after shutdown" "$MARIADB_LOG"
    rm -f -- "$MARIADB_PID"
}

mariadb_status() {
    local pid
    pid=$(live_pid "$MARIADB_PID" mariadbd)
    if [[ -n $pid ]] && mariadb_ping; then
        echo "mariadb: up port=$MARIADB_PORT pid=$pid"
    elif [[ -n $pid ]]; then
        echo "mariadb: starting/unresponsive port=$MARIADB_PORT pid=$pid"
    else
        echo "mariadb: down port=$MARIADB_PORT pid=-"
    fi
}

# ---------------------------------------------------------------- TLS

# A throwaway CA, made once per state directory: ca.pem signs the main
# MariaDB's certificate (server-cert.pem, subjectAltName DNS:localhost and
# IP:127.0.0.1) and a client certificate (client-cert.pem, CN
# binbridge-test-client); wrong-ca.pem is another CA that signed none of
# them. The marker is written last, so an interrupted run starts over.
tls_setup() {
    [[ -f $TLS_DIR/.bb-complete ]] && return 0
    need_tools openssl
    rm -rf -- "${TLS_DIR:?}"
    mkdir -p -- "$TLS_DIR"
    log "making a throwaway CA and certificates in $TLS_DIR"
    local ossl=(openssl) days=3650
    (
        set -e
        cd -- "$TLS_DIR"
        printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' >server.ext
        printf 'basicConstraints=CA:FALSE\nextendedKeyUsage=clientAuth\n' >client.ext
        "${ossl[@]}" req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days "$days" -subj '/CN=binbridge test CA' \
            -keyout ca-key.pem -out ca.pem
        "${ossl[@]}" req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days "$days" -subj '/CN=binbridge wrong CA' \
            -keyout wrong-ca-key.pem -out wrong-ca.pem
        "${ossl[@]}" req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj '/CN=localhost' \
            -keyout server-key.pem -out server.csr
        "${ossl[@]}" x509 -req -in server.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial \
            -days "$days" -extfile server.ext -out server-cert.pem
        "${ossl[@]}" req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj '/CN=binbridge-test-client' \
            -keyout client-key.pem -out client.csr
        "${ossl[@]}" x509 -req -in client.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial \
            -days "$days" -extfile client.ext -out client-cert.pem
        rm -f -- server.csr client.csr ca.srl
    ) >"$STATE_DIR/tls-setup.log" 2>&1 || fail_with_log "making the test certificates failed" "$STATE_DIR/tls-setup.log"
    : >"$TLS_DIR/.bb-complete"
}

# ---------------------------------------------------------------- MariaDB without TLS

# The smallest MariaDB that speaks the protocol: no binlog, no TLS
# (--skip-ssl: its handshake does not offer it), a small buffer pool, users
# bb and bbrepl as on the main one. Only the TLS tests use it (REQUIRED must
# refuse it, PREFERRED falls back to plaintext).
plain_ping() {
    mariadb-admin --no-defaults --protocol=tcp --host=127.0.0.1 --port="$MARIADB_PLAIN_PORT" \
        --user=root --connect-timeout=2 ping >/dev/null 2>&1
}

plain_root() { mariadb --no-defaults --socket="$PLAIN_SOCK" --user=root --batch "$@"; }

plain_start() {
    local pid
    if [[ $PLAIN_WANTED != true ]]; then
        log "MariaDB without TLS not started for $STATE_DIR (BB_SKIP_MARIADB_PLAIN=1, or port $MARIADB_PLAIN_PORT is the shared one's: set BB_MARIADB_PLAIN_PORT)"
        return 0
    fi
    pid=$(live_pid "$PLAIN_PID" mariadbd)
    if [[ -z $pid ]]; then
        if plain_ping; then
            die "port $MARIADB_PLAIN_PORT answers but no mariadbd from $STATE_DIR runs; set BB_MARIADB_PLAIN_PORT"
        fi
        rm -f -- "$PLAIN_PID" "$PLAIN_SOCK" "$PLAIN_SOCK.lock"
        local small=(--innodb-buffer-pool-size=16M --innodb-log-file-size=8M
                     --performance-schema=OFF --skip-log-bin --skip-ssl)
        if [[ ! -f $PLAIN_DATA/.bb-initialized ]]; then
            rm -rf -- "${PLAIN_DATA:?}"
            mkdir -p -- "$PLAIN_DATA"
            log "initialising the MariaDB without TLS in $PLAIN_DATA"
            mariadb-install-db --no-defaults "${user_opt[@]}" \
                --auth-root-authentication-method=normal --skip-test-db --skip-name-resolve \
                --datadir="$PLAIN_DATA" "${small[@]}" >"$STATE_DIR/mariadb-plain-install.log" 2>&1 \
                || fail_with_log "mariadb-install-db (without TLS) failed" "$STATE_DIR/mariadb-plain-install.log"
            : >"$PLAIN_DATA/.bb-initialized"
        fi
        log "starting MariaDB without TLS on 127.0.0.1:$MARIADB_PLAIN_PORT"
        setsid mariadbd --no-defaults "${user_opt[@]}" \
            --datadir="$PLAIN_DATA" \
            --port="$MARIADB_PLAIN_PORT" --bind-address=127.0.0.1 \
            --socket="$PLAIN_SOCK" --pid-file="$PLAIN_PID" \
            --log-error="$PLAIN_LOG" --tmpdir="$STATE_DIR/tmp" \
            --server-id=3 --skip-name-resolve "${small[@]}" \
            </dev/null >>"$PLAIN_LOG" 2>&1 9>&- &
        pid=$!
    else
        log "MariaDB without TLS already running (pid $pid)"
    fi
    local i
    for ((i = 0; i < READY_TIMEOUT * 5; i++)); do
        if plain_ping && [[ -S $PLAIN_SOCK ]]; then
            plain_root -e "CREATE USER IF NOT EXISTS 'bb'@'%' IDENTIFIED BY 'bbpass';
                GRANT ALL PRIVILEGES ON *.* TO 'bb'@'%';
                CREATE USER IF NOT EXISTS 'bbrepl'@'%' IDENTIFIED BY 'bbrepl';
                GRANT REPLICATION SLAVE, REPLICATION CLIENT, SELECT ON *.* TO 'bbrepl'@'%';
                DROP USER IF EXISTS ''@'localhost';" \
                || fail_with_log "could not create users on the MariaDB without TLS" "$PLAIN_LOG"
            return 0
        fi
        pid_running "$pid" || fail_with_log "mariadbd (without TLS) exited during startup" "$PLAIN_LOG"
        sleep 0.2
    done
    fail_with_log "MariaDB without TLS not ready on port $MARIADB_PLAIN_PORT after ${READY_TIMEOUT}s" "$PLAIN_LOG"
}

plain_stop() {
    local pid
    pid=$(live_pid "$PLAIN_PID" mariadbd)
    if [[ -z $pid ]]; then
        rm -f -- "$PLAIN_PID"
        return 0
    fi
    log "stopping MariaDB without TLS (pid $pid)"
    mariadb-admin --no-defaults --socket="$PLAIN_SOCK" --user=root shutdown >/dev/null 2>&1 \
        || kill -TERM "$pid" 2>/dev/null || true
    wait_exit "$pid" mariadbd \
        || fail_with_log "mariadbd without TLS (pid $pid) still running ${READY_TIMEOUT}s after shutdown" "$PLAIN_LOG"
    rm -f -- "$PLAIN_PID"
}

plain_status() {
    local pid
    pid=$(live_pid "$PLAIN_PID" mariadbd)
    if [[ -n $pid ]] && plain_ping; then
        echo "mariadb-plain: up port=$MARIADB_PLAIN_PORT pid=$pid"
    elif [[ -n $pid ]]; then
        echo "mariadb-plain: starting/unresponsive port=$MARIADB_PLAIN_PORT pid=$pid"
    else
        echo "mariadb-plain: down port=$MARIADB_PLAIN_PORT pid=-"
    fi
}

# ---------------------------------------------------------------- Redis

redis_ping() {
    # LOADING (while replaying the AOF) is not ready.
    [[ $(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null) == PONG ]]
}

redis_start() {
    local pid
    pid=$(live_pid "$REDIS_PID" redis-server)
    if [[ -z $pid ]]; then
        if redis_ping; then
            die "port $REDIS_PORT answers but no redis-server from $STATE_DIR runs; set BB_REDIS_PORT"
        fi
        rm -f -- "$REDIS_PID"
        mkdir -p -- "$REDIS_DIR"
        log "starting Redis on 127.0.0.1:$REDIS_PORT"
        # No RDB snapshots; the AOF (fsync on every write) is what lets
        # restart-redis keep the data that tests check after a restart.
        # Config errors are printed before --logfile takes over, so they are
        # appended to the same log (redis never reads it).
        # shellcheck disable=SC2094
        redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$REDIS_DIR" \
            --daemonize yes --pidfile "$REDIS_PID" --logfile "$REDIS_LOG" \
            --save '' --appendonly yes --appendfsync always \
            </dev/null >>"$REDIS_LOG" 2>&1 9>&- \
            || fail_with_log "redis-server failed to start" "$REDIS_LOG"
    else
        log "Redis already running (pid $pid)"
    fi

    local i
    for ((i = 0; i < READY_TIMEOUT * 5; i++)); do
        redis_ping && return 0
        # The daemon writes its pid file shortly after forking.
        if ((i > 25)) && [[ -z $(live_pid "$REDIS_PID" redis-server) ]]; then
            fail_with_log "redis-server exited during startup" "$REDIS_LOG"
        fi
        sleep 0.2
    done
    fail_with_log "Redis not ready on port $REDIS_PORT after ${READY_TIMEOUT}s" "$REDIS_LOG"
}

redis_stop() {
    local pid
    pid=$(live_pid "$REDIS_PID" redis-server)
    if [[ -z $pid ]]; then
        rm -f -- "$REDIS_PID"
        return 0
    fi
    log "stopping Redis (pid $pid)"
    # SHUTDOWN flushes the AOF; SIGTERM does the same if the port is unreachable.
    redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown >/dev/null 2>&1 \
        || kill -TERM "$pid" 2>/dev/null || true
    wait_exit "$pid" redis-server \
        || fail_with_log "redis-server (pid $pid) still running ${READY_TIMEOUT}s after shutdown" "$REDIS_LOG"
    rm -f -- "$REDIS_PID"
}

redis_status() {
    local pid
    pid=$(live_pid "$REDIS_PID" redis-server)
    if [[ -n $pid ]] && redis_ping; then
        echo "redis: up port=$REDIS_PORT pid=$pid"
    elif [[ -n $pid ]]; then
        echo "redis: starting/unresponsive port=$REDIS_PORT pid=$pid"
    else
        echo "redis: down port=$REDIS_PORT pid=-"
    fi
}

# ---------------------------------------------------------------- PostgreSQL

# Only under FerretDB's PostgreSQL backend. initdb and postgres refuse to
# run as root: as root the cluster belongs to, and runs as, the user
# `postgres` that Debian's postgresql package creates. It listens on
# 127.0.0.1 and on a socket in $POSTGRES_DIR, trusts local connections and
# does not fsync (throwaway data, as MariaDB's flush settings above);
# database `ferretdb` holds FerretDB's data.
#
# FerretDB 1.24 looks a document up by _id (each update and delete the
# MongoDB sink sends) with `WHERE _jsonb->$1 @> $2`. Its own index on _id is
# a btree on _jsonb->'_id', which serves neither @> nor a key given as a
# parameter: every lookup reads the whole collection (it is the same on
# SQLite, where only string and ObjectId _ids are pushed down). So here each
# table FerretDB creates also gets a GIN index on _jsonb->'_id' (an event
# trigger on CREATE TABLE), which serves that filter, and statements are
# always planned with their parameters' values (plan_cache_mode=
# force_custom_plan), so that $1 is the constant '_id' the index is on:
# lookups by _id use an index, as on MongoDB. The index has no pending list
# (fastupdate = off): every lookup would read that list through, which
# halved the rate of a 50,000-row-change replay.
pg_as_owner() {
    if ((EUID == 0)); then runuser -u postgres -- "$@"; else "$@"; fi
}

postgres_ping() {
    "$POSTGRES_BIN/pg_isready" -q -h 127.0.0.1 -p "$POSTGRES_PORT" -t 2 >/dev/null 2>&1
}

postgres_running() {
    [[ -f $POSTGRES_DATA/postmaster.pid ]] &&
        pg_as_owner "$POSTGRES_BIN/pg_ctl" -D "$POSTGRES_DATA" status >/dev/null 2>&1
}

pg_psql() {
    PGOPTIONS="-c client_min_messages=warning" pg_as_owner psql -X -q -v ON_ERROR_STOP=1 \
        -h "$POSTGRES_DIR" -p "$POSTGRES_PORT" -U postgres "$@"
}

# shellcheck disable=SC2016 # SQL, not shell: $$ and $t$ are PostgreSQL quotes
PG_ID_INDEX_SQL='
CREATE OR REPLACE FUNCTION bb_id_gin_index() RETURNS event_trigger LANGUAGE plpgsql AS $$
DECLARE r record;
BEGIN
    FOR r IN SELECT * FROM pg_event_trigger_ddl_commands() WHERE command_tag = $t$CREATE TABLE$t$
    LOOP
        IF EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = r.objid AND attname = $t$_jsonb$t$)
           AND r.object_identity NOT LIKE $t$%._ferretdb_database_metadata$t$ THEN
            EXECUTE format($t$CREATE INDEX ON %s USING gin ((_jsonb->$q$_id$q$) jsonb_path_ops)
                             WITH (fastupdate = off)$t$, r.object_identity);
        END IF;
    END LOOP;
END $$;
DROP EVENT TRIGGER IF EXISTS bb_id_gin_index;
CREATE EVENT TRIGGER bb_id_gin_index ON ddl_command_end WHEN TAG IN ($t$CREATE TABLE$t$)
    EXECUTE FUNCTION bb_id_gin_index();
'

postgres_start() {
    [[ -x $POSTGRES_BIN/pg_ctl ]] \
        || die "PostgreSQL not found in $POSTGRES_BIN; run scripts/deps.sh bench first"
    if ((EUID == 0)) && ! id postgres >/dev/null 2>&1; then
        die "no user postgres to run PostgreSQL as; run scripts/deps.sh bench first"
    fi
    if postgres_running; then
        log "PostgreSQL already running"
    elif postgres_ping; then
        die "port $POSTGRES_PORT answers but no PostgreSQL from $STATE_DIR runs; set BB_POSTGRES_PORT"
    else
        # As for MariaDB: the marker is written once the cluster is complete.
        if [[ ! -f $POSTGRES_DIR/.bb-initialized ]]; then
            rm -rf -- "${POSTGRES_DIR:?}"
            mkdir -p -- "$POSTGRES_DIR"
            if ((EUID == 0)); then chown postgres: "$POSTGRES_DIR"; fi
            log "initialising PostgreSQL cluster $POSTGRES_DATA"
            pg_as_owner "$POSTGRES_BIN/initdb" -D "$POSTGRES_DATA" -U postgres --auth=trust \
                -E UTF8 --no-locale >"$POSTGRES_DIR/initdb.log" 2>&1 \
                || fail_with_log "initdb failed" "$POSTGRES_DIR/initdb.log"
        fi
        log "starting PostgreSQL on 127.0.0.1:$POSTGRES_PORT"
        # pg_ctl puts the server in a session of its own; 9>&- so that it
        # does not hold our lock.
        pg_as_owner "$POSTGRES_BIN/pg_ctl" -D "$POSTGRES_DATA" -l "$POSTGRES_LOG" -w \
            -t "$READY_TIMEOUT" -o "-p $POSTGRES_PORT -k $POSTGRES_DIR \
-c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
-c plan_cache_mode=force_custom_plan" start </dev/null >/dev/null 2>&1 9>&- \
            || fail_with_log "PostgreSQL did not start on port $POSTGRES_PORT" "$POSTGRES_LOG"
    fi
    if [[ ! -f $POSTGRES_DIR/.bb-initialized ]]; then
        pg_psql -d postgres -c "CREATE DATABASE ferretdb" \
            || fail_with_log "could not create database ferretdb" "$POSTGRES_LOG"
        : >"$POSTGRES_DIR/.bb-initialized"
    fi
    # On every start, so that a cluster made before gets this definition.
    pg_psql -d ferretdb -c "$PG_ID_INDEX_SQL" \
        || fail_with_log "could not set up the _id index trigger" "$POSTGRES_LOG"
}

postgres_stop() {
    postgres_running || return 0
    log "stopping PostgreSQL"
    pg_as_owner "$POSTGRES_BIN/pg_ctl" -D "$POSTGRES_DATA" -m fast -w -t "$READY_TIMEOUT" stop \
        >/dev/null 2>&1 || fail_with_log "PostgreSQL did not stop" "$POSTGRES_LOG"
}

postgres_status() {
    if postgres_running && postgres_ping; then
        echo "postgresql: up port=$POSTGRES_PORT"
    else
        echo "postgresql: down port=$POSTGRES_PORT"
    fi
}

# ---------------------------------------------------------------- FerretDB

# FerretDB v1.24.2 (MongoDB wire protocol) with its embedded SQLite backend:
# one SQLite file per database under $FERRETDB_DATA. scripts/deps.sh builds
# it into $TOOLS_DIR. It writes no pid file and has no shutdown command:
# the pid is the one started here (setsid execs, so $! is FerretDB itself)
# and SIGTERM stops it cleanly.

# A MongoDB wire-protocol ping (OP_MSG {ping: 1, $db: "admin"}, the reply
# must say ok: 1.0): an accepted connection alone does not mean a server is
# serving. `ferretdb ping` would need --setup-database, which v1.24 only
# takes with its experimental new authentication.
FERRETDB_PING_PY='
import socket, struct, sys
def cstr(s): return s.encode() + b"\0"
body = (b"\x10" + cstr("ping") + struct.pack("<i", 1)
        + b"\x02" + cstr("$db") + struct.pack("<i", 6) + b"admin\0")
doc = struct.pack("<i", len(body) + 5) + body + b"\0"
msg = struct.pack("<I", 0) + b"\0" + doc
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=3)
s.settimeout(3)
s.sendall(struct.pack("<iiii", 16 + len(msg), 1, 0, 2013) + msg)
data = b""
while len(data) < 4 or len(data) < struct.unpack("<i", data[:4])[0]:
    chunk = s.recv(65536)
    if not chunk:
        sys.exit(1)
    data += chunk
sys.exit(0 if b"\x01ok\0" + struct.pack("<d", 1.0) in data else 1)
'

ferretdb_ping() {
    python3 -c "$FERRETDB_PING_PY" "$FERRETDB_PORT" >/dev/null 2>&1
}

ferretdb_start() {
    local pid
    if [[ $FERRETDB_WANTED != true ]]; then
        log "FerretDB not started for $STATE_DIR (BB_SKIP_FERRETDB=1, or port $FERRETDB_PORT is the shared one's: set BB_FERRETDB_PORT)"
        return 0
    fi
    [[ -x $FERRETDB_BIN ]] || die "FerretDB not found at $FERRETDB_BIN; run scripts/deps.sh first"
    pid=$(live_pid "$FERRETDB_PID" ferretdb)
    if [[ -z $pid ]]; then
        if ferretdb_ping; then
            die "port $FERRETDB_PORT answers but no ferretdb from $STATE_DIR runs; set BB_FERRETDB_PORT"
        fi
        rm -f -- "$FERRETDB_PID"
        mkdir -p -- "$FERRETDB_DATA"
        log "starting FerretDB on 127.0.0.1:$FERRETDB_PORT"
        local backend=(--handler=sqlite --sqlite-url="file:$FERRETDB_DATA/")
        [[ $FERRETDB_BACKEND == postgresql ]] && backend=(--handler=postgresql
            --postgresql-url="postgres://postgres@127.0.0.1:$POSTGRES_PORT/ferretdb")
        # No telemetry, no debug HTTP listener (it would take a fixed port),
        # state (its instance id) beside the data.
        setsid "$FERRETDB_BIN" "${backend[@]}" \
            --listen-addr="127.0.0.1:$FERRETDB_PORT" --debug-addr=- \
            --telemetry=disable --state-dir="$STATE_DIR/ferretdb-state" \
            --log-level=ERROR --log-format=text \
            </dev/null >>"$FERRETDB_LOG" 2>&1 9>&- &
        pid=$!
        echo "$pid" >"$FERRETDB_PID"
    else
        log "FerretDB already running (pid $pid)"
    fi

    local i
    for ((i = 0; i < READY_TIMEOUT * 5; i++)); do
        ferretdb_ping && return 0
        pid_running "$pid" || fail_with_log "ferretdb exited during startup" "$FERRETDB_LOG"
        sleep 0.2
    done
    fail_with_log "FerretDB not ready on port $FERRETDB_PORT after ${READY_TIMEOUT}s" "$FERRETDB_LOG"
}

ferretdb_stop() {
    local pid
    pid=$(live_pid "$FERRETDB_PID" ferretdb)
    if [[ -z $pid ]]; then
        rm -f -- "$FERRETDB_PID"
        return 0
    fi
    log "stopping FerretDB (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    wait_exit "$pid" ferretdb \
        || fail_with_log "ferretdb (pid $pid) still running ${READY_TIMEOUT}s after SIGTERM" "$FERRETDB_LOG"
    rm -f -- "$FERRETDB_PID"
}

ferretdb_status() {
    local pid
    pid=$(live_pid "$FERRETDB_PID" ferretdb)
    if [[ -n $pid ]] && ferretdb_ping; then
        echo "ferretdb: up port=$FERRETDB_PORT pid=$pid"
    elif [[ -n $pid ]]; then
        echo "ferretdb: starting/unresponsive port=$FERRETDB_PORT pid=$pid"
    else
        echo "ferretdb: down port=$FERRETDB_PORT pid=-"
    fi
}

# Called as `ferretdb ACTION`, ACTION one of start, stop, status, env.
ferretdb() {
    case $1 in
    start)
        if [[ $FERRETDB_WANTED == true && $FERRETDB_BACKEND == postgresql ]]; then
            postgres_start
        fi
        ferretdb_start
        ;;
    stop)
        ferretdb_stop
        # Whatever the backend asked for now: a cluster this directory has.
        if [[ -x $POSTGRES_BIN/pg_ctl ]]; then postgres_stop; fi
        ;;
    status)
        ferretdb_status
        if [[ $FERRETDB_BACKEND == postgresql ]]; then postgres_status; fi
        ;;
    env)
        printf 'export %s=%q\n' BB_FERRETDB_PORT "$FERRETDB_PORT" \
            BB_MONGO_URL "mongodb://127.0.0.1:$FERRETDB_PORT/"
        ;;
    esac
}

# ---------------------------------------------------------------- main

print_env() {
    local kv
    for kv in \
        "BB_SERVERS_DIR=$STATE_DIR" \
        "BB_MARIADB_HOST=127.0.0.1" \
        "BB_MARIADB_PORT=$MARIADB_PORT" \
        "BB_MARIADB_USER=bb" \
        "BB_MARIADB_PASSWORD=bbpass" \
        "BB_MARIADB_SOCKET=$MARIADB_SOCK" \
        "BB_MARIADB_URL=mysql://bb:bbpass@127.0.0.1:$MARIADB_PORT" \
        "BB_BINLOG_DIR=$BINLOG_DIR" \
        "BB_REDIS_HOST=127.0.0.1" \
        "BB_REDIS_PORT=$REDIS_PORT" \
        "BB_REDIS_URL=redis://127.0.0.1:$REDIS_PORT/0" \
        "BB_MARIADB_PLAIN_PORT=$MARIADB_PLAIN_PORT" \
        "BB_TLS_DIR=$TLS_DIR"; do
        # %q so that paths with spaces survive eval.
        printf 'export %s=%q\n' "${kv%%=*}" "${kv#*=}"
    done
    ferretdb env
}

need_tools() {
    local t
    for t in "$@"; do
        command -v "$t" >/dev/null 2>&1 || die "$t not found; run scripts/deps.sh first"
    done
}

lock() {
    # One start/stop at a time: tests, demo and benchmarks may call this
    # concurrently. The daemons are started with 9>&- so they never hold it.
    mkdir -p -- "$STATE_DIR" "$STATE_DIR/tmp" || die "cannot create $STATE_DIR"
    exec 9>"$STATE_DIR/.lock"
    flock -w 180 9 || die "timed out waiting for the lock $STATE_DIR/.lock"
}

cmd=${1:-}
usage="start|stop|restart-mariadb|restart-redis|restart-ferretdb|status|env"
(($# <= 1)) || die "too many arguments; usage: $prog $usage"

# mariadbd refuses to run as root unless told to; as another user the option
# would only produce a warning.
user_opt=()
((EUID == 0)) && user_opt=(--user=root)

case $cmd in
start)
    need_tools mariadbd mariadb-install-db mariadb-admin mariadb redis-server redis-cli flock setsid python3 openssl
    lock
    tls_setup
    mariadb_start
    plain_start
    redis_start
    ferretdb start
    ;;
stop)
    lock
    redis_stop
    mariadb_stop
    plain_stop
    ferretdb stop
    ;;
restart-mariadb)
    need_tools mariadbd mariadb-admin mariadb flock setsid openssl
    lock
    tls_setup
    mariadb_stop
    mariadb_start
    ;;
restart-redis)
    need_tools redis-server redis-cli flock
    lock
    redis_stop
    redis_start
    ;;
restart-ferretdb)
    need_tools flock setsid python3
    [[ $FERRETDB_WANTED == true ]] || die "restart-ferretdb for $STATE_DIR needs a BB_FERRETDB_PORT of its own"
    lock
    ferretdb_stop
    ferretdb_start
    ;;
status)
    mariadb_status
    plain_status
    redis_status
    ferretdb status
    ;;
env)
    print_env
    ;;
*)
    die "usage: $prog $usage"
    ;;
esac
