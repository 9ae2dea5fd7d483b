/* ddl.h - which tables a DDL statement (a QUERY event) acts on and how:
 * the bridge removes the rows of truncated and dropped tables and reloads
 * altered ones, the schema lookups forget tables that may have changed.
 *
 * Names are read as the server reads them: `quoted` identifiers with ``
 * inside, "quoted" ones under ANSI_QUOTES (the event's sql_mode), schema
 * qualified or in the event's default schema, across comments (# -- and
 * slash-star) and string literals; MariaDB/MySQL executable comments
 * (slash-star-bang [version], slash-star-M-bang [version]) count when the
 * server that wrote the event ran what they hold. Statements on accounts,
 * databases, views and routines (ALTER USER ... IDENTIFIED BY, GRANT,
 * CREATE VIEW ...) are DDL_NONE. A table statement that cannot be read
 * with certainty says DDL_UNSURE, and callers then act on everything. */
#ifndef BB_DDL_H
#define BB_DDL_H

#include <stddef.h>

#include "binbridge.h"

enum ddl_action {
    DDL_NONE = 0,    /* not a table DDL statement */
    DDL_TRUNCATE,    /* TRUNCATE [TABLE] t */
    DDL_DROP,        /* DROP [TEMPORARY] TABLE [IF EXISTS] t[, t...] */
    DDL_CREATE,      /* CREATE [OR REPLACE] [TEMPORARY] TABLE [IF NOT EXISTS] t */
    DDL_ALTER,       /* ALTER [ONLINE] [IGNORE] TABLE [IF EXISTS] t ... (and the other
                        table of EXCHANGE PARTITION ... WITH TABLE t2) */
    DDL_RENAME,      /* RENAME TABLE a TO b[, c TO d...], ALTER TABLE a ... RENAME [TO] b:
                        both names of each pair */
    DDL_DROP_DATABASE, /* DROP {DATABASE|SCHEMA} [IF EXISTS] db: names[0].schema, no table */
    DDL_UNSURE,      /* table DDL whose tables cannot be told */
};

/* A table name: views into the statement, the event's schema or the
 * statement's store (names whose doubled quotes were undone). */
struct ddl_name {
    const char *schema;
    size_t schema_len;
    const char *table;
    size_t table_len;
};

#define DDL_MAX_NAMES 64
#define DDL_STORE_MAX 8192

struct ddl_statement {
    enum ddl_action action;
    /* With DDL_UNSURE: the table statement it is (DDL_ALTER, DDL_DROP,
     * DDL_TRUNCATE, DDL_RENAME, DDL_CREATE) when its first words said so
     * before the names could not be read; else DDL_UNSURE. */
    enum ddl_action what;
    size_t nnames;
    struct ddl_name names[DDL_MAX_NAMES];
    size_t store_used;
    char store[DDL_STORE_MAX];
};

/* Read q (names without a schema take the event's default schema).
 * server_version is the version string of the server that wrote the event
 * ("10.11.6-MariaDB-log"; NULL or "" when unknown: a versioned executable
 * comment is then unsure). The names point into q and into out, valid as
 * long as both. */
void ddl_parse(const struct bb_ev_query *q, const char *server_version, struct ddl_statement *out);

#endif
