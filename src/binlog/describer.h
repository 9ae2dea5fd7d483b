/* describer.h - a table as information_schema describes it, the one place
 * that reads a table's description from a server.
 *
 * A description is what a TABLE_MAP with binlog_row_metadata=FULL says of
 * the table on the same server (decode_table_map.c): names, binlog types
 * and their metadata, signedness, character sets, fractional digits,
 * ENUM/SET labels (on MariaDB the labels' own bytes, from the server), the
 * MariaDB JSON columns (CHECK (json_valid(`c`))), visibility, the row key
 * (mysql/row_key.h) and MariaDB's hidden DB_ROW_HASH_<n> columns of long
 * UNIQUE keys. Beside each column, the information_schema words it came
 * from, for a reader that needs more (how a snapshot SELECTs it).
 *
 * Two users: the schema lookups of a live stream (schema_info.c), which
 * fill what a TABLE_MAP lacks, and the snapshots (snapshot/), which read
 * whole tables and describe them as the binlog would: rows from either
 * are keyed and labelled alike because the description is one.
 *
 * Errors name the server and the table ("server H:P: <purpose> of db.t:
 * ..."); the code says what a caller may do:
 *   BB_ERR_IO, BB_ERR_SERVER with server_errno: a query failed (the
 *       server's error number; connection failures are BB_ERR_IO);
 *   BB_ERR_SERVER, server_errno ER_NO_SUCH_TABLE (1146): information_schema
 *       lists no such table (as a SELECT from it would say);
 *   BB_ERR_SERVER, server_errno 0: the server's answer makes no sense as a
 *       description (a DECIMAL without precision, labels that do not match
 *       COLUMN_TYPE, more than 4096 columns);
 *   BB_ERR_UNSUPPORTED: a column type this reader does not know, more
 *       than 64 long UNIQUE keys;
 *   BB_ERR_NOMEM. */
#ifndef BB_DESCRIBER_H
#define BB_DESCRIBER_H

#include <stdbool.h>
#include <stdint.h>

#include "binbridge.h"
#include "base/buf.h"
#include "mysql/server_conn.h"

/* What a description needs to know of its server, read once per
 * connection. The connection is the caller's (it may hold a transaction:
 * the describer only reads). */
struct describer {
    MYSQL *conn;             /* borrowed */
    const char *where;       /* borrowed: "H:P", how messages name the server */
    const char *purpose;     /* borrowed: "snapshot", "schema lookup" */
    bool mariadb;
    unsigned long version;   /* mysql_get_server_version */
    bool mysql56_temporal;   /* MariaDB: @@GLOBAL.mysql56_temporal_format */
    struct server_collations collations;
    struct bb_buf sql;       /* statement text */
};

/* What information_schema.COLUMNS says of a column, beyond its bb_column. */
struct described_column {
    const char *data_type;   /* lower case: "int", "varchar", "longtext", "inet6" */
    const char *column_type; /* as the server writes it: "int(10) unsigned", "enum('a')" */
    bool hidden;             /* MariaDB's DB_ROW_HASH_<n>: in the binlog, in no SELECT */
};

struct table_description {
    struct bb_table table;          /* ncols columns, hidden ones last */
    struct described_column *info;  /* table.ncols of them */
    uint32_t nlisted;               /* the columns information_schema lists (the first
                                       nlisted); the rest are hidden */
};

/* Read what describing needs of the server behind conn (flavour, version,
 * collations, MariaDB's temporal format). where and purpose name the
 * server and the reader in messages; both must outlive d. */
int describer_init(struct describer *d, MYSQL *conn, const char *where, const char *purpose,
                   struct bb_error *err);
/* Free what init allocated (not the connection). Zeroed or NULL d: no-op. */
void describer_destroy(struct describer *d);

/* Describe schema.table into *out; its strings and arrays come from mem
 * (the caller's arena, valid until it is reset). Returns 0 or a negative
 * error (see above). */
int describer_table(struct describer *d, const char *schema, const char *table,
                    struct bb_arena *mem, struct table_description *out, struct bb_error *err);

#endif
