#!/usr/bin/env bash
# A private MariaDB primary and its GTID replica, for the failover tests,
# which kill and promote servers: never the shared ones of
# scripts/servers.sh. Same binary and settings as scripts/servers.sh's
# MariaDB (row format, FULL metadata, gtid_strict_mode, log_slave_updates);
# the replica replicates with MASTER_USE_GTID=slave_pos.
#
# Usage: tests/failover/pair.sh ACTION DIR [PRIMARY_PORT REPLICA_PORT [TLS_DIR]]
#   start DIR P1 P2 [TLS_DIR]
#                     initialise (once per DIR) and start both, replication running;
#                     with TLS_DIR (ca.pem, server-cert.pem, server-key.pem: the
#                     throwaway CA scripts/servers.sh makes, whose certificate names
#                     127.0.0.1), both serve TLS with that certificate, as
#                     scripts/servers.sh's MariaDB does
#   kill-primary DIR  kill -9 the primary
#   promote DIR       the replica applies what it received, stops replicating and takes writes
#                     (STOP SLAVE; RESET SLAVE ALL; read_only=0)
#   stop-io DIR       the replica stops receiving (STOP SLAVE): it stays behind
#   stop-sql DIR      the replica receives but does not apply (STOP SLAVE SQL_THREAD)
#   start-sql DIR     it applies again (START SLAVE SQL_THREAD)
#   stop DIR          kill both (-9: nothing of them is kept) and remove DIR
# Users: bb/bbpass (all privileges) and bbrepl/bbrepl (a replica's) on both,
# created outside the binlog; with TLS_DIR also bbtls/bbtls, a replica's
# privileges but only over TLS (REQUIRE SSL), so that a client that gets
# in used TLS.
set -euo pipefail

prog=pair.sh
die() { printf '%s: %s\n' "$prog" "$*" >&2; exit 1; }
(($# >= 2)) || die "usage: $prog start|kill-primary|promote|stop-io|stop-sql|start-sql|stop DIR [P1 P2]"
action=$1
dir=$2
READY_TIMEOUT=60

user_opt=()
((EUID == 0)) && user_opt=(--user=root)

sql() { # sql NODE STATEMENTS
    mariadb --no-defaults --socket="$dir/$1.sock" --user=root --batch --skip-column-names \
        -e "$2"
}

slave_status() { # the replica's SHOW SLAVE STATUS, one "Name: value" per line
    mariadb --no-defaults --socket="$dir/replica.sock" --user=root -e "SHOW SLAVE STATUS\G"
}

node_pid() { [[ -f $dir/$1.pid ]] && cat -- "$dir/$1.pid" || true; }

tls_opt=()
start_node() { # start_node NODE PORT SERVER_ID
    local node=$1 port=$2 id=$3
    setsid mariadbd --no-defaults "${user_opt[@]}" \
        --datadir="$dir/$node" --port="$port" --bind-address=127.0.0.1 \
        --socket="$dir/$node.sock" --pid-file="$dir/$node.pid.mariadb" \
        --log-error="$dir/$node.err" --tmpdir="$dir/tmp" \
        --server-id="$id" --gtid-domain-id=0 \
        --log-bin="$dir/$node-bin/mysql-bin" --log-bin-index="$dir/$node-bin/mysql-bin.index" \
        --relay-log="$dir/$node-bin/relay-bin" \
        --binlog-format=ROW --binlog-row-image=FULL --binlog-row-metadata=FULL \
        --binlog-checksum=CRC32 --gtid-strict-mode=ON --log-slave-updates=ON \
        --expire-logs-days=0 --character-set-server=utf8mb4 --default-time-zone=+00:00 \
        --skip-name-resolve --innodb-buffer-pool-size=32M --innodb-log-file-size=16M \
        --innodb-flush-log-at-trx-commit=2 --sync-binlog=0 --max-allowed-packet=64M \
        --skip-slave-start --performance-schema=OFF "${tls_opt[@]}" \
        </dev/null >>"$dir/$node.out" 2>&1 9>&- &
    echo $! >"$dir/$node.pid"
}

wait_ready() { # wait_ready NODE
    local i pid
    pid=$(node_pid "$1")
    for ((i = 0; i < READY_TIMEOUT * 10; i++)); do
        if [[ -S $dir/$1.sock ]] && sql "$1" "SELECT 1" >/dev/null 2>&1; then
            return 0
        fi
        kill -0 "$pid" 2>/dev/null || { tail -n 20 -- "$dir/$1.err" >&2; die "$1 exited during startup"; }
        sleep 0.1
    done
    die "$1 not ready after ${READY_TIMEOUT}s"
}

case $action in
start)
    (($# == 4 || $# == 5)) || die "start needs DIR PRIMARY_PORT REPLICA_PORT [TLS_DIR]"
    p1=$3 p2=$4
    if (($# == 5)); then
        for f in ca.pem server-cert.pem server-key.pem; do
            [[ -r $5/$f ]] || die "$5/$f is not readable (scripts/servers.sh start makes it)"
        done
        tls_opt=(--ssl-ca="$5/ca.pem" --ssl-cert="$5/server-cert.pem" --ssl-key="$5/server-key.pem")
    fi
    mkdir -p -- "$dir/tmp" "$dir/primary-bin" "$dir/replica-bin"
    if [[ ! -f $dir/.initialized ]]; then
        # One initialisation, copied: the replica starts as the primary's
        # twin (no binlog yet on either).
        # Its temporary tables in DIR too: a mariadbd starting removes the
        # #sql* files of its tmpdir, so in the shared /tmp an install beside
        # another (tests run two at a time) lost its own ("Can't find file:
        # '/tmp/#sql-temptable-...MAI'").
        mariadb-install-db --no-defaults "${user_opt[@]}" --auth-root-authentication-method=normal \
            --skip-test-db --skip-name-resolve --datadir="$dir/primary" --tmpdir="$dir/tmp" \
            >"$dir/install.log" 2>&1 \
            || { tail -n 20 -- "$dir/install.log" >&2; die "mariadb-install-db failed"; }
        cp -a -- "$dir/primary" "$dir/replica"
        : >"$dir/.initialized"
    fi
    start_node primary "$p1" 1
    start_node replica "$p2" 2
    wait_ready primary
    wait_ready replica
    users="CREATE USER IF NOT EXISTS 'bb'@'%' IDENTIFIED BY 'bbpass';
GRANT ALL PRIVILEGES ON *.* TO 'bb'@'%' WITH GRANT OPTION;
CREATE USER IF NOT EXISTS 'bb'@'localhost' IDENTIFIED BY 'bbpass';
GRANT ALL PRIVILEGES ON *.* TO 'bb'@'localhost' WITH GRANT OPTION;
CREATE USER IF NOT EXISTS 'bbrepl'@'%' IDENTIFIED BY 'bbrepl';
GRANT REPLICATION SLAVE, REPLICATION CLIENT, SELECT ON *.* TO 'bbrepl'@'%';
DROP USER IF EXISTS ''@'localhost';"
    if ((${#tls_opt[@]})); then
        users+="
CREATE USER IF NOT EXISTS 'bbtls'@'%' IDENTIFIED BY 'bbtls' REQUIRE SSL;
GRANT REPLICATION SLAVE, REPLICATION CLIENT, SELECT ON *.* TO 'bbtls'@'%';"
    fi
    sql primary "SET sql_log_bin=0; $users"
    sql replica "SET sql_log_bin=0; $users"
    sql replica "CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=$p1, MASTER_USER='bb',
        MASTER_PASSWORD='bbpass', MASTER_USE_GTID=slave_pos, MASTER_CONNECT_RETRY=1;
        SET GLOBAL read_only=1; START SLAVE;"
    for ((i = 0; i < READY_TIMEOUT * 10; i++)); do
        io=$(slave_status | awk '/Slave_IO_Running:/ { print $2 }')
        [[ $io == Yes ]] && exit 0
        sleep 0.1
    done
    die "the replica does not replicate: $(slave_status | grep -i error)"
    ;;
kill-primary)
    pid=$(node_pid primary)
    [[ -n $pid ]] || die "no primary in $dir"
    kill -9 "$pid" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do kill -0 "$pid" 2>/dev/null || exit 0; sleep 0.05; done
    die "primary (pid $pid) still running after kill -9"
    ;;
promote)
    # What the replica received (its relay log) is applied first: that is
    # how an operator promotes, and all the test can wait for.
    for ((i = 0; i < READY_TIMEOUT * 10; i++)); do
        st=$(slave_status)
        read_pos=$(awk '/ Read_Master_Log_Pos:/ { print $2 }' <<<"$st")
        exec_pos=$(awk '/ Exec_Master_Log_Pos:/ { print $2 }' <<<"$st")
        read_file=$(awk '/ Master_Log_File:/ { print $2 }' <<<"$st")
        exec_file=$(awk '/ Relay_Master_Log_File:/ { print $2 }' <<<"$st")
        sql_run=$(awk '/ Slave_SQL_Running:/ { print $2 }' <<<"$st")
        if [[ $sql_run != Yes || ($read_pos == "$exec_pos" && $read_file == "$exec_file") ]]; then
            break
        fi
        sleep 0.1
    done
    sql replica "STOP SLAVE; RESET SLAVE ALL; SET GLOBAL read_only=0;"
    ;;
stop-io)
    sql replica "STOP SLAVE;"
    ;;
stop-sql)
    sql replica "STOP SLAVE SQL_THREAD;"
    ;;
start-sql)
    sql replica "START SLAVE SQL_THREAD;"
    ;;
stop)
    for node in primary replica; do
        pid=$(node_pid "$node")
        [[ -n $pid ]] && kill -9 "$pid" 2>/dev/null || true
    done
    for node in primary replica; do
        pid=$(node_pid "$node")
        for ((i = 0; i < 100 && ${#pid}; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
    done
    [[ $dir == /tmp/* ]] && rm -rf -- "$dir"
    ;;
*)
    die "unknown action '$action'"
    ;;
esac
