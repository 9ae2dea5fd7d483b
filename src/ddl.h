/* ddl.h - which tables a DDL statement (a QUERY event) acts on and how:
 * the bridge removes the rows of truncated and dropped tables, the schema
 * lookups forget tables that may have changed. A statement that cannot be
 * read with certainty (executable comments, names with escaped quotes,
 * ALTER ... RENAME) says DDL_UNSURE, and callers then act on everything. */
#ifndef BB_DDL_H
#define BB_DDL_H

#include <stddef.h>

#include "binbridge.h"

enum ddl_action {
    DDL_NONE = 0,    /* not a table DDL statement */
    DDL_TRUNCATE,    /* TRUNCATE [TABLE] t */
    DDL_DROP,        /* DROP [TEMPORARY] TABLE [IF EXISTS] t[, t...] */
    DDL_CREATE,      /* CREATE [OR REPLACE] [TEMPORARY] TABLE [IF NOT EXISTS] t */
    DDL_ALTER,       /* ALTER [ONLINE] [IGNORE] TABLE [IF EXISTS] t ... */
    DDL_RENAME,      /* RENAME TABLE a TO b[, c TO d...], ALTER TABLE a ... RENAME [TO] b:
                        both names of each pair */
    DDL_DROP_DATABASE, /* DROP {DATABASE|SCHEMA} [IF EXISTS] db: names[0].schema, no table */
    DDL_UNSURE,      /* table DDL whose tables cannot be told */
};

/* A table name: views into the statement or into the event's schema. */
struct ddl_name {
    const char *schema;
    size_t schema_len;
    const char *table;
    size_t table_len;
};

#define DDL_MAX_NAMES 64

struct ddl_statement {
    enum ddl_action action;
    size_t nnames;
    struct ddl_name names[DDL_MAX_NAMES];
};

/* Read q (names without a schema take the event's default schema). The
 * names point into q, valid as long as the event. */
void ddl_parse(const struct bb_ev_query *q, struct ddl_statement *out);

#endif
