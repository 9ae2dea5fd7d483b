/* bridge_ddl.c - what DDL statements do to the mirrors: TRUNCATE and DROP
 * TABLE remove a table's rows, ALTER TABLE and RENAME TABLE reload them. */
#include "bridge/bridge_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/error.h"
#include "base/log.h"
#include "binlog/ddl.h"


/* ------------------------------------------------------------------ */
/* TRUNCATE and DROP TABLE                                             */

static void name_of(const struct ddl_name *n, char *schema, char *table, size_t size)
{
    snprintf(schema, size, "%.*s", (int)n->schema_len, n->schema);
    snprintf(table, size, "%.*s", (int)n->table_len, n->table);
}

/* ALTER TABLE t: reload t. RENAME TABLE a TO b: a's keys go, b is loaded. */
static int reload_tables(struct bridge *b, const struct bb_event *ev, const struct ddl_statement *d,
                         struct bb_error *err)
{
    int rc = 0;
    if (b->dirty || b->pending_rows)
        rc = bridge_commit(b, &b->cp, "before an ALTER or RENAME TABLE", err);
    for (size_t i = 0; i < d->nnames && rc == 0; i++) {
        char schema[256], table[256];
        name_of(&d->names[i], schema, table, sizeof schema);
        bool renamed_from = d->action == DDL_RENAME && i % 2 == 0;
        if (renamed_from) {
            const struct table_plan *plan;
            rc = mapper_plan_by_name(b->mapper, schema, table, &plan, err);
            if (rc == 0 && plan->mirrored && bridge_sink_wants(b, 0, b->txn_file, b->txn_pos, 0))
                rc = bridge_clear_table(b, plan, err);
            continue;
        }
        if (!config_table_included(b->cfg, schema, table) ||
            !bridge_sink_wants(b, 0, b->txn_file, b->txn_pos, 0))
            continue;
        rc = bridge_reload_table(b, schema, table, err);
    }
    (void)ev;
    return rc;
}

/* A TRUNCATE or DROP TABLE removes rows without row events: remove their
 * keys. The sinks do that outside a batch, so what is buffered is
 * committed first; removing again after a crash is harmless.
 *
 * The statement's text is never logged: one not read as a table's DDL may
 * be anything (MariaDB writes ALTER USER ... IDENTIFIED BY '<plaintext>'),
 * and every replay would log it again. Warnings give its position, where
 * `binbridge dump --start-file F --start-pos N` shows it to whoever asks. */
int bridge_remove_dropped_rows(struct bridge *b, const struct bb_event *ev, struct bb_error *err)
{
    struct ddl_statement d;
    ddl_parse(&ev->query, b->binlog_version[0] ? b->binlog_version : b->facts.version, &d);
    if (d.action == DDL_UNSURE && (d.what == DDL_TRUNCATE || d.what == DDL_DROP)) {
        log_warn("%s:%llu: cannot tell which tables a %s statement removes: their keys are left "
                 "in place", ev->log_file, (unsigned long long)ev->pos,
                 d.what == DDL_TRUNCATE ? "TRUNCATE" : "DROP TABLE");
        return 0;
    }
    if (d.action == DDL_DROP_DATABASE) {
        char schema[256];
        snprintf(schema, sizeof schema, "%.*s", (int)d.names[0].schema_len, d.names[0].schema);
        if (config_schema_included(b->cfg, schema))
            log_warn("%s:%llu: DROP DATABASE %s: the keys of its tables are left in place "
                     "(drop them with the schema's key prefix)", ev->log_file,
                     (unsigned long long)ev->pos, schema);
        return 0;
    }
    if (d.action == DDL_UNSURE && (d.what == DDL_ALTER || d.what == DDL_RENAME)) {
        log_warn("%s:%llu: cannot tell which table an %s statement changes: rows it does not "
                 "rewrite keep their old shape", ev->log_file, (unsigned long long)ev->pos,
                 d.what == DDL_ALTER ? "ALTER TABLE" : "RENAME TABLE");
        return 0;
    }
    if (d.action == DDL_ALTER || d.action == DDL_RENAME)
        return reload_tables(b, ev, &d, err);
    if (d.action != DDL_TRUNCATE && d.action != DDL_DROP)
        return 0;
    int rc = 0;
    if (b->dirty || b->pending_rows)
        rc = bridge_commit(b, &b->cp, "before a TRUNCATE or DROP", err);
    for (size_t i = 0; i < d.nnames && rc == 0; i++) {
        char schema[256], table[256];
        snprintf(schema, sizeof schema, "%.*s", (int)d.names[i].schema_len, d.names[i].schema);
        snprintf(table, sizeof table, "%.*s", (int)d.names[i].table_len, d.names[i].table);
        const struct table_plan *plan;
        rc = mapper_plan_by_name(b->mapper, schema, table, &plan, err);
        if (rc < 0 || !plan->mirrored)
            continue;
        log_info("%s of %s.%s at %s:%llu: removing its rows", d.action == DDL_TRUNCATE
                 ? "TRUNCATE" : "DROP TABLE", schema, table, ev->log_file,
                 (unsigned long long)ev->pos);
        for (size_t k = 0; k < b->nsinks && rc == 0; k++)
            if (bridge_sink_wants(b, k, b->txn_file, b->txn_pos, 0))
                rc = b->sinks[k].ops->clear_table(b->sinks[k].ctx, plan, err);
    }
    return rc;
}
