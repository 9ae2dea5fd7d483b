#!/usr/bin/env bash
# The README's first command: on a fresh Debian 12 machine, install what is
# missing, build binbridge, start a throwaway MariaDB (binlog on, row
# format), run a small workload and show `binbridge dump` of it.
set -euo pipefail
root=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$root"

scripts/deps.sh
make -j2
scripts/servers.sh start >/dev/null
eval "$(scripts/servers.sh env)"

sql() { mariadb -h"$BB_MARIADB_HOST" -P"$BB_MARIADB_PORT" -u"$BB_MARIADB_USER" -p"$BB_MARIADB_PASSWORD" "$@"; }

# Where the binlog is now: the dump starts here, so it shows just the demo.
read -r file pos _ < <(sql -N -e 'SHOW MASTER STATUS')

sql <<'SQL'
CREATE DATABASE IF NOT EXISTS demo CHARACTER SET utf8mb4;
DROP TABLE IF EXISTS demo.test4;
CREATE TABLE demo.test4 (id INT NOT NULL AUTO_INCREMENT, data VARCHAR(255), data2 VARCHAR(255),
  price DECIMAL(10,2), created DATETIME(6), tags SET('new','sale'), PRIMARY KEY (id));
INSERT INTO demo.test4 (data, data2, price, created, tags)
  VALUES ('Hello', 'World', 19.99, '2024-05-01 12:34:56.123456', 'new');
UPDATE demo.test4 SET data = 'World', data2 = 'Hello', tags = 'new,sale' WHERE id = 1;
DELETE FROM demo.test4 WHERE id = 1;
SQL

echo "# binbridge dump --source mysql://$BB_MARIADB_USER:***@$BB_MARIADB_HOST:$BB_MARIADB_PORT --start-file $file --start-pos $pos"
exec build/binbridge dump --source "$BB_MARIADB_URL" --start-file "$file" --start-pos "$pos" \
    --ignored-events FormatDescriptionEvent,RotateEvent,MariadbGtidListEvent,MariadbBinLogCheckPointEvent "$@"
