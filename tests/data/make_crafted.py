#!/usr/bin/env python3
"""Write the crafted binlogs of tests/data/crafted/ (committed; rerun this
only to change them). Each is a hostile input that once cost binbridge far
more than its size:

  payload-over-1gib.binlog      a MySQL 8.0 TRANSACTION_PAYLOAD_EVENT whose
                                zstd frame (about 34 KB) inflates to 1.1 GB of
                                valid inner events: BEGIN, a TABLE_MAP, 1100
                                WRITE_ROWS of one ~1 MB LONGBLOB row each,
                                XID. A legal transaction; a reader must get
                                through it in bounded memory.
  json-shared-children.binlog   a WRITE_ROWS whose JSON column is 22 nested
                                arrays, each with two entries pointing at the
                                same child: 224 bytes that a naive walker
                                renders as 4 million leaves. MySQL never
                                writes two entries sharing a value.

  rows-4096-columns-minimal.binlog
                                a table of 4096 columns (the most MySQL and
                                MariaDB allow, with MyISAM or Aria) and
                                partial row images (binlog_row_image=MINIMAL):
                                a WRITE_ROWS of 600 rows setting only id, an
                                UPDATE_ROWS of 400 rows (before: id, after:
                                c4095), each event under 8 KB, as MySQL writes
                                them (binlog_row_event_max_size). A row of a
                                few bytes is 4096 decoded values (160 KB), so
                                these 8 KB took 100 MB each: a reader must
                                deliver such an event in slices.

Files named corrupt-* must be refused (a size field claims a gigabyte the
bytes cannot hold), without that claim sizing an allocation first:

  corrupt-event-claims-1gb.binlog          an event header claiming 1000 MB,
                                           then the file ends
  corrupt-mariadb-query-claims-1gb.binlog  a MariaDB QUERY_COMPRESSED_EVENT
                                           whose zlib header claims 1 GiB
  corrupt-mariadb-column-claims-1gb.binlog a MariaDB BLOB COMPRESSED cell
                                           whose header claims 1 GiB - 1

The zstd frame is made by the zstd command (as MySQL does: one frame, no
checksum, size not in the frame header).

Usage: tests/data/make_crafted.py [OUTDIR]   (default: tests/data/crafted)
"""
import os
import struct
import subprocess
import sys
import zlib

FDE, QUERY, ROTATE, XID, TABLE_MAP, WRITE_ROWS, UPDATE_ROWS, PAYLOAD = 15, 2, 4, 16, 19, 30, 31, 40
WRITE_ROWS_V1, QUERY_COMPRESSED, BLOB_COMPRESSED = 23, 165, 140
STMT_END_F = 1
TIMESTAMP = 1700000000

# Post-header lengths of event types 1..41 as MySQL 8.0.32 writes them
# (FORMAT_DESCRIPTION_EVENT of rmc-transaction_compression.000001).
POST_HEADER_80 = bytes.fromhex(
    "000d0008000000000400040000006200041a08000000080808020000000a0a0a2a2a00123400"
    "0a2800")


def lenenc(n):
    if n < 251:
        return bytes([n])
    if n < 1 << 16:
        return b"\xfc" + struct.pack("<H", n)
    if n < 1 << 24:
        return b"\xfd" + struct.pack("<I", n)[:3]
    return b"\xfe" + struct.pack("<Q", n)


class Binlog:
    """Outer events get their end position and a CRC32; events inside a
    payload get neither (log_pos 0, as MySQL writes them)."""

    def __init__(self):
        self.data = bytearray(b"\xfebin")

    @staticmethod
    def inner(etype, body):
        return struct.pack("<IBIIIH", TIMESTAMP, etype, 1, 19 + len(body), 0, 0) + body

    def add(self, etype, body):
        size = 19 + len(body) + 4
        ev = struct.pack("<IBIIIH", TIMESTAMP, etype, 1, size, len(self.data) + size, 0) + body
        self.data += ev + struct.pack("<I", zlib.crc32(ev))

    def fde(self, version=b"8.0.32"):
        # MariaDB's later event types get the post-header lengths a v4
        # binlog has by default (QUERY_COMPRESSED 13, rows v1 8).
        body = struct.pack("<H", 4) + version.ljust(50, b"\0") + struct.pack("<I", TIMESTAMP)
        self.add(FDE, body + bytes([19]) + POST_HEADER_80 + bytes([1]))  # alg 1: CRC32

    def rotate(self, next_file):
        self.add(ROTATE, struct.pack("<Q", 4) + next_file)


def query(text, schema=b"crafted"):
    # thread id, exec time, schema length, error code, status vars length
    return struct.pack("<IIBHH", 7, 0, len(schema), 0, 0) + schema + b"\0" + text


def table_map(table_id, schema, table, types, meta, nullable, names):
    ncols = len(types)
    null_bits = bytes((sum(1 << (i % 8) for i in range(j, min(j + 8, ncols)) if nullable[i]))
                      for j in range(0, ncols, 8))
    names_field = b"".join(lenenc(len(n)) + n for n in names)
    opt = bytes([4]) + lenenc(len(names_field)) + names_field  # 4: COLUMN_NAME
    return (struct.pack("<Q", table_id)[:6] + struct.pack("<H", 1) +
            bytes([len(schema)]) + schema + b"\0" + bytes([len(table)]) + table + b"\0" +
            lenenc(ncols) + bytes(types) + lenenc(len(meta)) + meta + null_bits + opt)


def write_rows(table_id, ncols, rows, flags):
    present = b"\xff" * ((ncols + 7) // 8)
    return (struct.pack("<Q", table_id)[:6] + struct.pack("<HH", flags, 2) + lenenc(ncols) +
            present + b"".join(rows))


def payload_over_1gib():
    tid = 0x42
    blob = b"x" * 1000000
    events = [Binlog.inner(QUERY, query(b"BEGIN")),
              Binlog.inner(TABLE_MAP, table_map(tid, b"crafted", b"big", [3, 252], b"\x04",
                                                [False, True], [b"id", b"data"]))]
    n = 1100
    for i in range(n):
        row = b"\0" + struct.pack("<I", i + 1) + struct.pack("<I", len(blob)) + blob
        events.append(Binlog.inner(WRITE_ROWS, write_rows(tid, 2, [row],
                                                          STMT_END_F if i == n - 1 else 0)))
    events.append(Binlog.inner(XID, struct.pack("<Q", 4242)))
    size = sum(len(e) for e in events)
    assert size > 1 << 30
    z = subprocess.Popen(["zstd", "-3", "-q", "-c", "--no-check"], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE)
    # The events are fed in pieces so that the gigabyte never sits in memory.
    import threading
    out = []
    reader = threading.Thread(target=lambda: out.append(z.stdout.read()))
    reader.start()
    for e in events:
        z.stdin.write(e)
    z.stdin.close()
    reader.join()
    if z.wait() != 0:
        sys.exit("zstd failed")
    frame = out[0]
    # Header fields as (type, length, value): compression type 0 (zstd),
    # uncompressed size, payload size; 0 ends the header.
    def field(t, v):
        enc = lenenc(v)
        return lenenc(t) + lenenc(len(enc)) + enc
    body = field(2, 0) + field(3, size) + field(1, len(frame)) + b"\0" + frame
    b = Binlog()
    b.fde()
    b.add(PAYLOAD, body)
    b.rotate(b"binlog.000002")
    return bytes(b.data)


def json_shared_children(depth=22):
    # Small arrays of two entries (type 0x02, offset 10) that both point at
    # the next array, which starts right after the entries (offset 10).
    doc = bytearray([0x02])
    for level in range(depth):
        size = 10 * (depth - level) + 4
        doc += struct.pack("<HH", 2, size) + b"\x02\x0a\x00" * 2
    doc += struct.pack("<HH", 0, 4)  # the innermost: an empty array
    tid = 0x43
    b = Binlog()
    b.fde()
    b.add(QUERY, query(b"BEGIN"))
    b.add(TABLE_MAP, table_map(tid, b"crafted", b"docs", [3, 245], b"\x04", [False, True],
                               [b"id", b"doc"]))
    row = b"\0" + struct.pack("<I", 1) + struct.pack("<I", len(doc)) + bytes(doc)
    b.add(WRITE_ROWS, write_rows(tid, 2, [row], STMT_END_F))
    b.add(XID, struct.pack("<Q", 4343))
    return bytes(b.data)


def bitmap(ncols, present):
    bits = bytearray((ncols + 7) // 8)
    for i in present:
        bits[i // 8] |= 1 << (i % 8)
    return bytes(bits)


def rows_4096_columns_minimal(ninsert=600, nupdate=400):
    # id INT NOT NULL, then c1..c4095 TINYINT NULL (types 3 and 1: no
    # metadata bytes).
    ncols = 4096
    types = [3] + [1] * (ncols - 1)
    names = [b"id"] + [b"c%d" % i for i in range(1, ncols)]
    nullable = [False] + [True] * (ncols - 1)
    tid = 0x46
    tmap = table_map(tid, b"crafted", b"wide", types, b"", nullable, names)
    b = Binlog()
    b.fde()
    b.add(QUERY, query(b"BEGIN"))
    # INSERT INTO wide (id) VALUES (1), ..., (600): the after image holds
    # id alone, one null byte and 4 bytes per row.
    b.add(TABLE_MAP, tmap)
    rows = [b"\0" + struct.pack("<i", i) for i in range(1, ninsert + 1)]
    body = (struct.pack("<Q", tid)[:6] + struct.pack("<HH", STMT_END_F, 2) + lenenc(ncols) +
            bitmap(ncols, [0]) + b"".join(rows))
    assert 19 + len(body) + 4 <= 8192
    b.add(WRITE_ROWS, body)
    # UPDATE wide SET c4095 = id % 100 (NULL when id % 10 = 0) WHERE id <= 400:
    # before image id, after image c4095.
    b.add(TABLE_MAP, tmap)
    rows = []
    for i in range(1, nupdate + 1):
        after = b"\x01" if i % 10 == 0 else b"\0" + struct.pack("<b", i % 100)
        rows.append(b"\0" + struct.pack("<i", i) + after)
    body = (struct.pack("<Q", tid)[:6] + struct.pack("<HH", STMT_END_F, 2) + lenenc(ncols) +
            bitmap(ncols, [0]) + bitmap(ncols, [ncols - 1]) + b"".join(rows))
    assert 19 + len(body) + 4 <= 8192
    b.add(UPDATE_ROWS, body)
    b.add(XID, struct.pack("<Q", 4646))
    return bytes(b.data)


def event_claims_1gb():
    b = Binlog()
    b.fde()
    # A QUERY_EVENT header whose size field says 1000 MB; 40 bytes follow.
    b.data += struct.pack("<IBIIIH", TIMESTAMP, QUERY, 1, 1000 << 20, 0, 0) + b"x" * 40
    return bytes(b.data)


def mariadb_zlib(claimed, data):
    # MariaDB's compressed data: 0x80 | length bytes, the original length
    # big-endian, then a zlib stream.
    return bytes([0x84]) + struct.pack(">I", claimed) + zlib.compress(data)


def mariadb_query_claims_1gb():
    b = Binlog()
    b.fde(b"10.11.6-MariaDB-log")
    b.add(QUERY_COMPRESSED, query(mariadb_zlib(1 << 30, b"BEGIN")))
    return bytes(b.data)


def mariadb_column_claims_1gb():
    tid = 0x45
    b = Binlog()
    b.fde(b"10.11.6-MariaDB-log")
    b.add(QUERY, query(b"BEGIN"))
    b.add(TABLE_MAP, table_map(tid, b"crafted", b"packed", [3, BLOB_COMPRESSED], b"\x04",
                               [False, True], [b"id", b"data"]))
    cell = mariadb_zlib((1 << 30) - 1, b"x")
    row = b"\0" + struct.pack("<I", 1) + struct.pack("<I", len(cell)) + cell
    body = (struct.pack("<Q", tid)[:6] + struct.pack("<H", STMT_END_F) + lenenc(2) + b"\x03" +
            row)
    b.add(WRITE_ROWS_V1, body)
    b.add(XID, struct.pack("<Q", 4545))
    return bytes(b.data)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    outdir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "crafted")
    os.makedirs(outdir, exist_ok=True)
    for name, make in (("json-shared-children.binlog", json_shared_children),
                       ("corrupt-event-claims-1gb.binlog", event_claims_1gb),
                       ("corrupt-mariadb-query-claims-1gb.binlog", mariadb_query_claims_1gb),
                       ("corrupt-mariadb-column-claims-1gb.binlog", mariadb_column_claims_1gb),
                       ("rows-4096-columns-minimal.binlog", rows_4096_columns_minimal),
                       ("payload-over-1gib.binlog", payload_over_1gib)):
        data = make()
        with open(os.path.join(outdir, name), "wb") as f:
            f.write(data)
        print(f"{name}: {len(data)} bytes")


if __name__ == "__main__":
    main()
