#!/usr/bin/env python3
"""The bridge binbridge's users would otherwise write: python-mysql-replication
reading the binlog as a replica, redis-py writing binbridge's default Redis
mapping, one MULTI/EXEC per transaction. `make bench` times it on the same
workload as `binbridge run --stop-at-end` (bench/bridge_bench.py) and checks
that it leaves the same keys and fields (the `digest` command).

Run with the python of bench/pyrepl_venv.sh, which has the pinned packages.

Usage:
  pyrepl_bridge.py run --host H --port P --user U --log-file F [--log-pos N]
                       --table SCHEMA.TABLE --redis-port P [--server-id N]
      Replicates TABLE's row changes from F:N (default 4) to the server's
      end (a non-blocking dump) into Redis db 0; the password is
      $PYREPL_PASSWORD. Prints "rows N mysql-replication V redis V".
  pyrepl_bridge.py digest --redis-port P
      Prints "keys N digest SHA256" over every hash in db 0 (each key with
      its fields and values, in order) but binbridge's checkpoints
      (binbridge:checkpoint:*).

The mapping, as binbridge's default (README: "Redis keys", "Text form of
values"): one hash per row at {schema}:{table}:{pk} ({pk} the key columns
joined by ':'; in the schema, the table and text values a '\\' is written
'\\\\' and a ':' '\\:'), one field per column, NULL columns absent; an insert
or update is DEL and HSET (the whole row replaces the hash; no HSET when
every column is NULL), a key change DELs the old key, a delete DELs.

Values: python-mysql-replication gives Python objects; those whose str()
is not binbridge's text form are converted (to_text below):
  DOUBLE    repr() -> MariaDB's layout of the same shortest digits: no
            '.0' on integral values (2.0 -> 2), exponents without '+' and
            only past 15 integral digits or 14 leading zeros (1e+16 -> 1e16,
            1e-05 -> 0.00001)
  FLOAT     the float32's shortest digits, not its double's repr
            (0.1f -> 0.1, not 0.10000000149011612)
  DATETIME, TIMESTAMP  exactly the column's fractional digits: str() drops
            a zero fraction and prints 6 digits whatever the column's
  DECIMAL   fixed point with the column's scale: str(Decimal) turns to an
            exponent for small values (1E-10)
Integers and text go as they are (redis-py writes int as str(int), text as
UTF-8). Other column types are refused: the benchmark's table has none.
"""
import argparse
import hashlib
import math
import os
import struct
import sys
from importlib.metadata import version

import redis
from pymysqlreplication import BinLogStreamReader
from pymysqlreplication.constants import FIELD_TYPE
from pymysqlreplication.event import QueryEvent, XidEvent
from pymysqlreplication.row_event import DeleteRowsEvent, UpdateRowsEvent, WriteRowsEvent


# ------------------------------------------------------------ text form

def layout(neg, digits, decpt):
    """DIGITS (no leading or trailing zeros) x 10^(DECPT - len) as MariaDB's
    my_gcvt() prints it (binbridge's base/format_number.c: layout)."""
    n = len(digits)
    if decpt >= -14 and (decpt <= 15 or n > decpt):
        if decpt <= 0:
            s = "0." + "0" * -decpt + digits
        elif decpt < n:
            s = digits[:decpt] + "." + digits[decpt:]
        else:
            s = digits + "0" * (decpt - n)
    else:
        s = digits[0] + ("." + digits[1:] if n > 1 else "") + "e%d" % (decpt - 1)
    return "-" + s if neg else s


def shortest_text(r):
    """MariaDB's layout of a Python number text R (repr or %g: the
    shortest digits)."""
    neg = r.startswith("-")
    mant, _, exp = r.lstrip("-").partition("e")
    ip, _, fp = mant.partition(".")
    digits = (ip + fp).lstrip("0")
    exp10 = (int(exp) if exp else 0) - len(fp)
    stripped = digits.rstrip("0")
    exp10 += len(digits) - len(stripped)
    return layout(neg, stripped, len(stripped) + exp10)


def special(x):
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "-inf" if x < 0 else "inf"
    return "-0" if math.copysign(1.0, x) < 0 else "0"


def double_text(x):
    """repr() is the shortest round-trip digits, as binbridge's; only the
    layout differs."""
    r = repr(x)
    if "e" not in r and "n" not in r and 0 < abs(x) < 1e15:
        return r[:-2] if r.endswith(".0") else r  # the common case, fast
    if x == 0 or not math.isfinite(x):
        return special(x)
    return shortest_text(r)


def float_text(x):
    """The library reads a FLOAT into a double: its repr has the double's
    digits (0.10000000149011612). The shortest digits that read back to
    the same float32 instead."""
    if x == 0 or not math.isfinite(x):
        return special(x)
    f32 = struct.unpack("<f", struct.pack("<f", x))[0]
    for p in range(1, 10):
        r = "%.*e" % (p - 1, f32)
        try:
            if struct.unpack("<f", struct.pack("<f", float(r)))[0] == f32:
                return shortest_text(r)
        except OverflowError:  # rounded past the largest float
            pass
    return shortest_text(repr(f32))


def decimal_text(d):
    return format(d, "f")  # the Decimal keeps the column's scale


def datetime_text(fsp):
    if fsp == 0:
        return lambda v: v.isoformat(" ", "seconds")
    return lambda v: v.isoformat(" ", "microseconds")[:20 + fsp]


def date_text(v):
    return v.isoformat()


AS_IS = {FIELD_TYPE.TINY, FIELD_TYPE.SHORT, FIELD_TYPE.LONG, FIELD_TYPE.INT24,
         FIELD_TYPE.LONGLONG, FIELD_TYPE.YEAR, FIELD_TYPE.VARCHAR, FIELD_TYPE.STRING,
         FIELD_TYPE.VAR_STRING, FIELD_TYPE.BLOB}
TEXT = {FIELD_TYPE.VARCHAR, FIELD_TYPE.STRING, FIELD_TYPE.VAR_STRING, FIELD_TYPE.BLOB}


def to_text(column):
    """The conversion of COLUMN's values to binbridge's text form, or None
    for values written as they are."""
    t = column.type
    if t in AS_IS:
        return None
    if t == FIELD_TYPE.DOUBLE:
        return double_text
    if t == FIELD_TYPE.FLOAT:
        return float_text
    if t == FIELD_TYPE.NEWDECIMAL:
        return decimal_text
    if t in (FIELD_TYPE.DATETIME2, FIELD_TYPE.TIMESTAMP2):
        return datetime_text(column.fsp)
    if t in (FIELD_TYPE.DATETIME, FIELD_TYPE.TIMESTAMP):
        return datetime_text(0)
    if t in (FIELD_TYPE.DATE, FIELD_TYPE.NEWDATE):
        return date_text
    sys.exit("pyrepl_bridge: column %s: no conversion to binbridge's text form for MySQL "
             "type %d (the benchmark's table has INT, VARCHAR, DOUBLE, DATETIME, DECIMAL and "
             "TEXT)" % (column.name, t))


def escape(s):
    return s.replace("\\", "\\\\").replace(":", "\\:")


# ------------------------------------------------------------ mapping

class Table:
    """One table's mapping: its key prefix, its key columns and how each
    column's value becomes text."""

    def __init__(self, ev):
        self.prefix = "%s:%s:" % (escape(ev.schema), escape(ev.table))
        self.convert = {c.name: to_text(c) for c in ev.columns}
        self.converted = [(n, f) for n, f in self.convert.items() if f]
        pk = ev.primary_key
        if not pk:
            sys.exit("pyrepl_bridge: %s.%s has no primary key" % (ev.schema, ev.table))
        pk = (pk,) if isinstance(pk, str) else tuple(pk)
        types = {c.name: c.type for c in ev.columns}
        self.key_cols = [(n, self.convert[n], types[n] in TEXT) for n in pk]

    def key(self, values):
        parts = []
        for name, conv, text in self.key_cols:
            v = values[name]
            if conv:
                v = conv(v)
            elif text:
                v = escape(v)
            else:
                v = str(v)
            parts.append(v)
        return self.prefix + ":".join(parts)

    def fields(self, values):
        h = {n: v for n, v in values.items() if v is not None}
        for name, conv in self.converted:
            if name in h:
                h[name] = conv(h[name])
        return h


def run(a):
    schema, _, table = a.table.partition(".")
    stream = BinLogStreamReader(
        connection_settings={"host": a.host, "port": a.port, "user": a.user,
                             "passwd": os.environ.get("PYREPL_PASSWORD", "")},
        server_id=a.server_id,
        only_events=[WriteRowsEvent, UpdateRowsEvent, DeleteRowsEvent, XidEvent, QueryEvent],
        only_schemas=[schema], only_tables=[table],
        blocking=False, resume_stream=True, log_file=a.log_file, log_pos=a.log_pos)
    r = redis.Redis(host="127.0.0.1", port=a.redis_port, db=0)
    pipe = r.pipeline(transaction=True)  # MULTI ... EXEC
    tables = {}
    rows = pending = 0
    try:
        for ev in stream:
            kind = type(ev)
            if kind is XidEvent or (kind is QueryEvent and ev.query == "COMMIT"):
                if pending:
                    pipe.execute()
                    pending = 0
                continue
            if kind is QueryEvent:
                continue  # BEGIN, DDL: nothing to write
            m = tables.get(ev.table_id)
            if m is None or m.prefix != "%s:%s:" % (escape(ev.schema), escape(ev.table)):
                m = tables[ev.table_id] = Table(ev)
            evrows = ev.rows
            rows += len(evrows)
            pending += len(evrows)
            if kind is WriteRowsEvent:
                for row in evrows:
                    v = row["values"]
                    k = m.key(v)
                    h = m.fields(v)
                    pipe.delete(k)
                    if h:
                        pipe.hset(k, mapping=h)
            elif kind is UpdateRowsEvent:
                for row in evrows:
                    v = row["after_values"]
                    k = m.key(v)
                    old = m.key(row["before_values"])
                    if old != k:
                        pipe.delete(old)
                    h = m.fields(v)
                    pipe.delete(k)
                    if h:
                        pipe.hset(k, mapping=h)
            else:
                for row in evrows:
                    pipe.delete(m.key(row["values"]))
    finally:
        stream.close()
    if pending:
        sys.exit("pyrepl_bridge: the stream ended inside a transaction (%d row changes not "
                 "committed)" % pending)
    print("rows %d mysql-replication %s redis %s" % (rows, version("mysql-replication"),
                                                     version("redis")))


def digest(a):
    r = redis.Redis(host="127.0.0.1", port=a.redis_port, db=0)
    keys = sorted(k for k in r.scan_iter(count=1000)
                  if not k.startswith(b"binbridge:checkpoint:"))
    h = hashlib.sha256()

    def put(b):
        h.update(b"%d:" % len(b))
        h.update(b)

    for i in range(0, len(keys), 1000):
        chunk = keys[i:i + 1000]
        pipe = r.pipeline(transaction=False)
        for k in chunk:
            pipe.hgetall(k)
        for k, fields in zip(chunk, pipe.execute()):
            put(k)
            h.update(b"%d;" % len(fields))
            for f in sorted(fields):
                put(f)
                put(fields[f])
    print("keys %d digest %s" % (len(keys), h.hexdigest()))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("run")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--user", required=True)
    p.add_argument("--log-file", required=True)
    p.add_argument("--log-pos", type=int, default=4)
    p.add_argument("--table", required=True)
    p.add_argument("--redis-port", type=int, required=True)
    p.add_argument("--server-id", type=int, default=1650589698)
    d = sub.add_parser("digest")
    d.add_argument("--redis-port", type=int, required=True)
    a = ap.parse_args()
    (run if a.cmd == "run" else digest)(a)


if __name__ == "__main__":
    main()
