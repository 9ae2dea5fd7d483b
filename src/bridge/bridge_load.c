/* bridge_load.c - the initial load of every mirrored table from one
 * consistent snapshot, and the reload of a table after ALTER TABLE or
 * RENAME TABLE. */
#include "bridge/bridge_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mysqld_error.h>

#include "base/error.h"
#include "base/log.h"
#include "snapshot/snapshot.h"


/* ------------------------------------------------------------------ */
/* Snapshots: the initial load, and tables reloaded after ALTER TABLE   */

/* Did a snapshot fail because the table changed under it: dropped (the
 * describer or the SELECT: ER_NO_SUCH_TABLE), a column gone
 * (ER_BAD_FIELD_ERROR), its definition changed since the snapshot began
 * (ER_TABLE_DEF_CHANGED)? */
static bool changed_since(const struct bb_error *err)
{
    if (err->code != BB_ERR_SERVER)
        return false;
    switch (err->server_errno) {
    case ER_NO_SUCH_TABLE:
    case ER_BAD_FIELD_ERROR:
    case ER_TABLE_DEF_CHANGED:
        return true;
    default:
        return false;
    }
}

/* Remove every key of a table (the sinks do it at once, outside a batch,
 * which is why nothing may be pending). */
int bridge_clear_table(struct bridge *b, const struct table_plan *plan, struct bb_error *err)
{
    for (size_t k = 0; k < b->nsinks; k++) {
        int rc = b->sinks[k].ops->clear_table(b->sinks[k].ctx, plan, err);
        if (rc < 0)
            return rc;
    }
    return 0;
}

/* Copy every row of schema.table from the snapshot into the sinks as
 * state (streams leave them out), replacing the table's keys, and commit
 * in batches with checkpoint cp. Committing cp over and over is what makes
 * a crash in the middle harmless: cp still says "before this load", so the
 * load is simply done again. */
static int load_table(struct bridge *b, struct snapshot *snap, const char *schema,
                      const char *table, const struct checkpoint *cp, uint64_t *rows,
                      struct bb_error *err)
{
    const struct bb_table *t;
    /* how many rows to expect, roughly (for the metrics) */
    uint64_t estimate = 0;
    int rc = snapshot_table_estimate(snap, schema, table, &estimate, err);
    if (rc < 0)
        return rc;
    rc = snapshot_table_begin(snap, schema, table, &t, err);
    if (rc < 0)
        return rc;
    const struct table_plan *plan;
    rc = mapper_plan(b->mapper, t, &plan, err);
    if (rc < 0)
        return rc;
    if (!plan->mirrored) {
        if (plan->skip_reason && !bridge_warned_once(&b->warned, schema, table))
            log_warn("%s.%s is not mirrored: %s", schema, table, plan->skip_reason);
        return 0;
    }
    rc = bridge_clear_table(b, plan, err);
    metrics_note_snapshot_table(b->metrics, estimate);
    struct change ch;
    memset(&ch, 0, sizeof ch);
    ch.kind = BB_ROWS_WRITE;
    ch.table = t;
    ch.plan = plan;
    ch.log_file = cp->file;
    ch.pos = cp->pos;
    ch.gtid = "";
    ch.from_snapshot = true;
    const struct bb_value *row;
    while (rc == 0 && !bridge_stop_requested && (rc = snapshot_table_next(snap, &row, err)) > 0) {
        rc = 0;
        int null_col = mapper_null_key_column(plan, row, NULL);
        if (null_col >= 0) {
            char where[300];
            snprintf(where, sizeof where, "loading %s.%s", schema, table);
            bridge_warn_null_key(b, plan, t, null_col, where);
            continue;
        }
        ch.after = row;
        for (size_t k = 0; k < b->nsinks && rc == 0; k++)
            rc = b->sinks[k].ops->add(b->sinks[k].ctx, &ch, err);
        if (rc < 0) {
            bb_error_prefix(err, "loading %s.%s", schema, table);
            break;
        }
        (*rows)++;
        b->pending_rows++;
        if (b->pending_rows >= b->cfg->batch_rows || bridge_pending_bytes(b) >= b->cfg->batch_bytes) {
            metrics_note_snapshot_rows(b->metrics, b->pending_rows);
            rc = bridge_commit(b, cp, "a batch limit reached while loading", err);
        }
    }
    if (rc == 0 && bridge_stop_requested)
        return bb_error_set(err, BB_ERR_IO, "stopped while loading %s.%s", schema, table);
    if (rc < 0)
        return rc;
    metrics_note_snapshot_rows(b->metrics, b->pending_rows);
    return bridge_commit(b, cp, "a table loaded", err);
}

struct load_all {
    struct bridge *b;
    struct snapshot *snap;
    const struct checkpoint *cp;
    uint64_t rows, tables;
};

static int load_one(void *ctx, const char *schema, const char *table)
{
    struct load_all *la = ctx;
    if (!config_table_included(la->b->cfg, schema, table))
        return 0;
    la->tables++;
    return load_table(la->b, la->snap, schema, table, la->cp, &la->rows, &la->b->load_err);
}

/* The initial load: every mirrored table from one consistent snapshot.
 * Until it is complete the saved checkpoint says "loading", so an
 * interrupted load starts over; then the binlog is followed from the
 * snapshot's position, which *start receives. */
int bridge_initial_load(struct bridge *b, struct checkpoint *start, struct bb_error *err)
{
    struct snapshot *snap;
    memset(start, 0, sizeof *start);
    /* The XA transactions prepared before the snapshot: it cannot see
     * their rows, and their commits may follow it. */
    char xa[CHECKPOINT_XA_MAX];
    struct bb_error xe = { 0 };
    bool xa_known = server_prepared_xa(b->srv, xa, sizeof xa, &xe) == 0;
    bridge_note_xa_before_start(start, xa_known ? xa : "", xa_known, xe.msg);
    int rc = snapshot_open(&snap, b->srv, start->file, sizeof start->file, &start->pos, err);
    if (rc < 0)
        return rc;
    metrics_note_snapshot(b->metrics, true);
    start->server_id = b->facts.server_id;
    snprintf(start->gtid, sizeof start->gtid, "%s", b->facts.gtid_current);
    start->loading = true;
    log_info("initial load from a consistent snapshot at %s:%llu", start->file,
             (unsigned long long)start->pos);
    struct load_all la = { b, snap, start, 0, 0 };
    bb_error_clear(&b->load_err);
    rc = snapshot_list_tables(snap, load_one, &la, err);
    if (rc < 0 && b->load_err.code)
        *err = b->load_err;
    snapshot_close(snap);
    metrics_note_snapshot(b->metrics, false);
    if (rc < 0 && changed_since(err)) {
        /* A table changed under the load: load again from a new snapshot
         * (the retry loop starts over, as after a dropped connection). */
        err->code = BB_ERR_IO;
        bb_error_prefix(err, "initial load");
    }
    if (rc < 0)
        return err->code;
    start->loading = false;
    log_info("initial load done: %llu rows of %llu tables; following the binlog from %s:%llu",
             (unsigned long long)la.rows, (unsigned long long)la.tables, start->file,
             (unsigned long long)start->pos);
    return 0;
}

/* An ALTER TABLE (or RENAME TABLE) changed a mirrored table's columns:
 * rows the binlog will not rewrite still have their old shape in the
 * sinks. Reload the table from a snapshot of its current rows; the row
 * events that follow, some already in the snapshot, are replayed on top
 * and, each setting a row to its new image, converge on the source. */
int bridge_reload_table(struct bridge *b, const char *schema, const char *table,
                        struct bb_error *err)
{
    struct snapshot *snap;
    char file[CHECKPOINT_FILE_MAX];
    uint64_t pos;
    int rc = snapshot_open(&snap, b->srv, file, sizeof file, &pos, err);
    if (rc < 0)
        return rc;
    uint64_t rows = 0;
    log_info("reloading %s.%s after a change of its columns", schema, table);
    metrics_note_snapshot(b->metrics, true);
    rc = load_table(b, snap, schema, table, &b->cp, &rows, err);
    metrics_note_snapshot(b->metrics, false);
    snapshot_close(snap);
    if (rc < 0 && changed_since(err)) {
        /* Dropped or altered again since this ALTER: that later DDL is
         * further on in the binlog and reloads the table (or removes it)
         * when its turn comes. */
        log_info("%s.%s changed again while being reloaded (%s): the later change reloads it",
                 schema, table, err->msg);
        bb_error_clear(err);
        rc = 0;
    }
    return rc;
}
