#!/usr/bin/env bash
# Generate the benchmark workload binlog: 200,000 inserted, 200,000 updated
# and 100,000 deleted rows (ROWS = 500,000 row changes) over a table of INT, VARCHAR, DOUBLE,
# DATETIME(6), DECIMAL and TEXT columns, in autocommitted statements of
# 1,000 rows, written by the throwaway MariaDB of scripts/servers.sh and
# copied to build/bench/workload.binlog; the file's name on the server goes to
# OUT.source (the bridge benchmark replays it from there). Written anew on
# each run, so that nothing else follows it in the server's binlog.
# Usage: bench/workload.sh [OUT [ROWS]]
# ROWS (default 500000, a multiple of 5,000): the same workload scaled, 2/5
# of ROWS inserted, as many updated, 1/5 deleted, in the same statements.
set -euo pipefail
root=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)
out=${1:-$root/build/bench/workload.binlog}
rows=${2:-500000}
if ! [[ $rows =~ ^[1-9][0-9]*$ ]] || ((rows % 5000)); then
    echo "workload.sh: ROWS must be a positive multiple of 5000, not '$rows'" >&2
    exit 2
fi
inserted=$((rows * 2 / 5)) deleted=$((rows / 5))
"$root/scripts/servers.sh" start >/dev/null
eval "$("$root/scripts/servers.sh" env)"
mkdir -p "$(dirname "$out")"
sql() { mariadb -h"$BB_MARIADB_HOST" -P"$BB_MARIADB_PORT" -u"$BB_MARIADB_USER" -p"$BB_MARIADB_PASSWORD" "$@"; }

sql -e "DROP DATABASE IF EXISTS bbbench; CREATE DATABASE bbbench CHARACTER SET utf8mb4;
CREATE TABLE bbbench.t (id INT PRIMARY KEY, name VARCHAR(64), score DOUBLE, at DATETIME(6),
  amount DECIMAL(12,4), note TEXT);"
sql -e "FLUSH BINARY LOGS"
read -r file _ < <(sql -N -e 'SHOW MASTER STATUS')
{
    for ((a = 1; a <= inserted; a += 1000)); do
        b=$((a + 999))
        echo "INSERT INTO bbbench.t SELECT seq, CONCAT('name-', seq), seq * 1.25 + 0.1,
  TIMESTAMP'2024-01-01 00:00:00' + INTERVAL seq SECOND + INTERVAL (seq * 7919) % 1000000 MICROSECOND,
  (seq * 31) / 7, REPEAT(CONCAT('note ', seq, ' '), 1 + seq % 8) FROM seq_${a}_to_${b};"
    done
    for ((a = 1; a <= inserted; a += 1000)); do
        echo "UPDATE bbbench.t SET score = score * 2, name = CONCAT(name, '-u'), amount = amount + 1.5,
  note = CONCAT(note, 'updated') WHERE id BETWEEN $a AND $((a + 999));"
    done
    for ((a = 1; a <= deleted; a += 1000)); do
        echo "DELETE FROM bbbench.t WHERE id BETWEEN $a AND $((a + 999));"
    done
} | sql bbbench
sql -e "FLUSH BINARY LOGS"
cp "$BB_BINLOG_DIR/$file" "$out.tmp"
mv "$out.tmp" "$out"
echo "$file" > "$out.source"
echo "workload.sh: wrote $out ($rows row changes, $(stat -c %s "$out") bytes)" >&2
