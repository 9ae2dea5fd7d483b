#!/usr/bin/env bash
# The README's first command: on a fresh Debian 12 machine, install what is
# missing, build binbridge, start a throwaway MariaDB (binlog on, row
# format), Redis and FerretDB, run a small workload and show `binbridge dump`
# of it; then mirror a table into Redis and MongoDB with `binbridge run`
# (an initial load, then the binlog) and show a hash and a document.
set -euo pipefail
root=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$root"

scripts/deps.sh
make -j2
scripts/servers.sh start >/dev/null
eval "$(scripts/servers.sh env)"

sql() { mariadb -h"$BB_MARIADB_HOST" -P"$BB_MARIADB_PORT" -u"$BB_MARIADB_USER" -p"$BB_MARIADB_PASSWORD" "$@"; }
# binbridge takes the source's password from the environment: a command
# line is visible to every local user.
export BINBRIDGE_PASSWORD=$BB_MARIADB_PASSWORD
source_url="mysql://$BB_MARIADB_USER@$BB_MARIADB_HOST:$BB_MARIADB_PORT"

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

echo "# BINBRIDGE_PASSWORD=... binbridge dump --source $source_url --start-file $file --start-pos $pos"
build/binbridge dump --source "$source_url" --start-file "$file" --start-pos "$pos" \
    --ignored-events FormatDescriptionEvent,RotateEvent,MariadbGtidListEvent,MariadbBinLogCheckPointEvent "$@"

# The bridge: rows that exist now are loaded from a consistent snapshot,
# later changes come from the binlog. The demo starts afresh each time:
# no saved checkpoint, no mirrored rows from an earlier run.
sql <<'SQL'
DROP TABLE IF EXISTS demo.products;
CREATE TABLE demo.products (id INT PRIMARY KEY, name VARCHAR(50), price DECIMAL(10,2),
  added DATETIME(6), tags SET('new','sale'), attrs JSON, photo BLOB);
INSERT INTO demo.products VALUES
  (1, 'kettle', 24.90, '2024-05-01 12:34:56.123456', 'new', '{"watts": 2200, "colors": ["red", "steel"]}', x'89504e47'),
  (2, 'teapot', 31.00, '2024-05-02 08:00:00', '', NULL, NULL);
SQL
redis-cli -h "$BB_REDIS_HOST" -p "$BB_REDIS_PORT" DEL binbridge:checkpoint:demo >/dev/null
redis-cli -h "$BB_REDIS_HOST" -p "$BB_REDIS_PORT" --scan --pattern 'demo:*' \
    | xargs -r redis-cli -h "$BB_REDIS_HOST" -p "$BB_REDIS_PORT" DEL >/dev/null
/usr/bin/python3 - "$BB_MONGO_URL" <<'PY'
import sys, pymongo
c = pymongo.MongoClient(sys.argv[1], serverSelectionTimeoutMS=5000)
c.drop_database("demo")
c["binbridge"]["binbridge"].delete_one({"_id": "demo"})
PY
conf=$(mktemp)
trap 'rm -f "$conf"' EXIT
echo 'include_schemas = [ "demo" ]; source = { start = "snapshot"; };' >"$conf"
echo
echo "# binbridge run --config demo.conf --source $source_url --redis $BB_REDIS_URL --mongo $BB_MONGO_URL --checkpoint demo --stop-at-end"
build/binbridge run --config "$conf" --source "$source_url" --redis "$BB_REDIS_URL" \
    --mongo "$BB_MONGO_URL" --checkpoint demo --stop-at-end
sql -e "UPDATE demo.products SET price = 22.50, tags = 'new,sale' WHERE id = 1; DELETE FROM demo.products WHERE id = 2"
build/binbridge run --config "$conf" --source "$source_url" --redis "$BB_REDIS_URL" \
    --mongo "$BB_MONGO_URL" --checkpoint demo --stop-at-end
echo
echo "# redis-cli HGETALL demo:products:1"
redis-cli -h "$BB_REDIS_HOST" -p "$BB_REDIS_PORT" HGETALL demo:products:1
echo
echo "# db.products.find() in MongoDB database demo (FerretDB here: DECIMAL as its exact string)"
/usr/bin/python3 - "$BB_MONGO_URL" <<'PY'
import sys, pymongo
from bson import json_util
c = pymongo.MongoClient(sys.argv[1], serverSelectionTimeoutMS=5000)
for doc in c["demo"]["products"].find():
    print(json_util.dumps(doc, json_options=json_util.RELAXED_JSON_OPTIONS))
PY
