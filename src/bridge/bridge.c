/* bridge.c - the replication loop of `binbridge run`. */
#include "bridge/bridge.h"

#include "bridge/bridge_internal.h"

#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "sinks/sink.h"
#include "mapping/checkpoint.h"
#include "binlog/ddl.h"
#include "base/error.h"
#include "values/format_event.h"
#include "base/log.h"
#include "mapping/mapper.h"
#include "bridge/server_checks.h"
#include "snapshot/snapshot.h"
#include "mysql/xa.h"
#include "mysql/server_conn.h"
#include "bridge/gtid_resume.h"

/* A session connected this long made progress even without a commit (a
 * quiet source): its failure restarts the retry backoff. */
#define SETTLED_SESSION_SECONDS 30.0
/* An idle bridge writes its checkpoint again this often, so that a sink
 * that became unreachable while nothing changed is noticed (logged, and
 * /health says so) rather than at the next change. */
#define IDLE_PROBE_SECONDS 5.0
/* Between the lines that start and end an outage, one every progress
 * interval, or this often when progress lines are off. */
#define STILL_DOWN_SECONDS 60.0

volatile sig_atomic_t bridge_stop_requested;

void bridge_request_stop(void)
{
    bridge_stop_requested = 1;
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

bool bridge_warned_once(struct warned *w, const char *schema, const char *table)
{
    size_t len = strlen(schema) + strlen(table) + 2;
    char *name = malloc(len);
    if (!name)
        return false;
    snprintf(name, len, "%s.%s", schema, table);
    for (size_t i = 0; i < w->n; i++)
        if (strcmp(w->names[i], name) == 0) {
            free(name);
            return true;
        }
    if (w->n == w->cap) {
        size_t cap = w->cap ? w->cap * 2 : 16;
        char **names = realloc(w->names, cap * sizeof *names);
        if (!names) {
            free(name);
            return false;
        }
        w->names = names;
        w->cap = cap;
    }
    w->names[w->n++] = name;
    return false;
}

static void warned_clear(struct warned *w)
{
    for (size_t i = 0; i < w->n; i++)
        free(w->names[i]);
    free(w->names);
    memset(w, 0, sizeof *w);
}

/* ------------------------------------------------------------------ */
/* Positions                                                           */

static void set_position(struct checkpoint *cp, const char *file, uint64_t pos, uint64_t rows)
{
    snprintf(cp->file, sizeof cp->file, "%s", file);
    cp->pos = pos;
    cp->rows_done = rows;
}

/* Does sink i still need row change k of the transaction at file:pos? */
bool bridge_sink_wants(const struct bridge *b, size_t i, const char *file, uint64_t pos,
                       uint64_t k)
{
    if (!b->has_saved[i])
        return true;
    /* Resumed by GTID: positions of another server tell nothing; the
     * transaction's GTID said what the sink holds of it. */
    if (b->by_gtid && b->txn_want_known)
        return k >= b->txn_want_from[i];
    /* Only the position is compared: the rest (the GTID and XA lists, some
     * KB) is left unset rather than cleared for every row. */
    struct checkpoint here;
    set_position(&here, file, pos, k);
    return checkpoint_compare(&here, &b->saved[i]) >= 0;
}

/* The order of two checkpoints: by GTIDs once resumed by GTID (the saved
 * ones may hold positions of another server), else by position. */
static int cp_compare(const struct bridge *b, const struct checkpoint *x,
                      const struct checkpoint *y)
{
    if (b->by_gtid && x->gtid[0] && y->gtid[0])
        return gtid_checkpoint_compare(b->facts.mariadb, x, y);
    return checkpoint_compare(x, y);
}

/* At a transaction's GTID event, resumed by GTID: what each sink needs of
 * it. A sink holds it when its checkpoint's GTIDs include it; a sink that
 * applied part of it (a chunk checkpoint naming it) needs the rows after
 * those; any other needs all. */
static void txn_wants(struct bridge *b)
{
    b->txn_want_known = false;
    if (!b->by_gtid || !b->txn_gtid[0])
        return;
    for (size_t i = 0; i < b->nsinks; i++) {
        const struct checkpoint *sv = &b->saved[i];
        uint64_t from = 0;
        if (!b->has_saved[i] || !sv->gtid[0])
            from = 0;
        else if (sv->rows_done && strcmp(sv->txn_gtid, b->txn_gtid) == 0)
            from = sv->rows_done;
        else if (gtid_checkpoint_holds(b->facts.mariadb, sv, b->txn_gtid))
            from = UINT64_MAX;
        b->txn_want_from[i] = from;
    }
    b->txn_want_known = true;
}

/* MySQL: the executed set, as the checkpoint's text ("" while it is not
 * known whole). */
static int executed_to_cp(struct bridge *b, struct bb_error *err)
{
    if (!b->executed_known) {
        b->cp.gtid[0] = '\0';
        return 0;
    }
    struct bb_buf t;
    bb_buf_init(&t);
    gtid_set_text(&b->executed, &t);
    int rc = bb_buf_check(&t, err);
    if (rc == 0 && t.len >= sizeof b->cp.gtid)
        rc = bb_error_set(err, BB_ERR_LIMIT, "the executed GTID set is longer than the %d bytes a "
                          "checkpoint holds (%zu bytes: many server UUIDs?)", CHECKPOINT_GTID_MAX,
                          t.len);
    if (rc == 0) {
        memcpy(b->cp.gtid, t.len ? t.data : "", t.len);
        b->cp.gtid[t.len] = '\0';
    }
    bb_buf_destroy(&t);
    return rc;
}

/* ------------------------------------------------------------------ */
/* Outages                                                             */

static struct outage *outage_of(struct bridge *b, int who)
{
    return &b->outages[who == BRIDGE_SOURCE ? 0 : 1 + who];
}

static const char *who_name(const struct bridge *b, int who)
{
    return who == BRIDGE_SOURCE ? "the source" : b->cfg->sinks[who]->title;
}

/* ... for the json logs: "source", or the sink's name */
static const char *who_label(const struct bridge *b, int who)
{
    return who == BRIDGE_SOURCE ? "source" : b->cfg->sinks[who]->name;
}

/* who (the source, or sink k of the configuration) failed with msg: the
 * line that starts an outage, or, every so often while it lasts, one
 * that says it still does (and why, when the reason changed). refused:
 * the store is there but refuses writes for now. */
static void outage_failed(struct bridge *b, int who, const char *msg, bool refused)
{
    struct outage *o = outage_of(b, who);
    double t = now_seconds();
    metrics_note_down(b->metrics, who, msg);
    if (!o->down) {
        o->down = true;
        o->refused = refused;
        o->since = o->last_line = t;
        o->retries = 0;
        snprintf(o->said, sizeof o->said, "%s", msg);
        const struct bb_log_field f[] = { { .name = "outage", .text = "start" },
                                          { .name = "component", .text = who_label(b, who) } };
        log_warn_with(f, 2, "%s; retrying with backoff up to %u ms", msg, b->cfg->retry_max_ms);
        return;
    }
    o->retries++;
    double every = b->cfg->progress_interval ? b->cfg->progress_interval : STILL_DOWN_SECONDS;
    if (t - o->last_line >= every) {
        o->last_line = t;
        const struct bb_log_field f[] = { { .name = "outage", .text = "ongoing" },
                                          { .name = "component", .text = who_label(b, who) },
                                          { .name = "down_s", .num = round(t - o->since) },
                                          { .name = "retries", .num = o->retries } };
        bool same = strcmp(o->said, msg) == 0;
        log_warn_with(f, 4, "%s still %s for %.0f s (%u retries)%s%s", who_name(b, who),
                      o->refused ? "refusing writes" : "down", t - o->since, o->retries,
                      same ? "" : ": ", same ? "" : msg);
        snprintf(o->said, sizeof o->said, "%s", msg);
    }
}

/* who works again: the line that ends its outage, if it had one. */
static void outage_over(struct bridge *b, int who)
{
    struct outage *o = outage_of(b, who);
    metrics_note_up(b->metrics, who);
    if (!o->down)
        return;
    o->down = false;
    double down = now_seconds() - o->since;
    const struct bb_log_field f[] = { { .name = "outage", .text = "end" },
                                      { .name = "component", .text = who_label(b, who) },
                                      { .name = "down_s", .num = round(down * 10) / 10 },
                                      { .name = "retries", .num = o->retries } };
    log_info_with(f, 4, "%s %s after %.1f s (%u retries)", who_name(b, who),
                  o->refused ? "takes writes again" : "is back", down, o->retries);
}

/* ------------------------------------------------------------------ */
/* Committing                                                          */

static void backoff(uint32_t *delay, const struct bb_config *cfg);

/* Sink i commits; while it refuses the batch for a passing reason (its
 * store out of memory, read-only during a failover: BB_ERR_AGAIN, nothing
 * applied, the batch still buffered), wait with backoff and write it
 * again, with one line when that starts and one when it ends. The source
 * stays connected (it is only not read meanwhile). Before each new try the
 * sink connects again and its checkpoint must be the one it saved last:
 * a store that failed over to a copy without it resumes from what that copy
 * holds instead (a lost connection, as after any failure). */
static int commit_sink(struct bridge *b, size_t i, const struct checkpoint *cp,
                       struct bb_error *err)
{
    const struct sink *s = &b->sinks[i];
    size_t k = b->sink_index[i];
    double t0 = now_seconds();
    int rc = s->ops->commit(s->ctx, cp, err);
    if (rc == BB_ERR_AGAIN) {
        metrics_note_sink_error(b->metrics, k, METRICS_SINK_REFUSED);
        char msg[BB_ERROR_MSG_MAX + 128];
        snprintf(msg, sizeof msg, "%s; the batch is kept and written again (the source stays "
                 "connected)", err->msg);
        outage_failed(b, (int)k, msg, true);
    }
    uint32_t delay = b->cfg->retry_initial_ms;
    while (rc == BB_ERR_AGAIN) {
        backoff(&delay, b->cfg);
        bb_error_clear(err);
        if (bridge_stop_requested)
            return bb_error_set(err, BB_ERR_IO, "stopped while the %s sink refused writes: the "
                                "batch was not applied", s->ops->name);
        struct checkpoint now;
        if ((rc = s->ops->reconnect(s->ctx, err)) < 0 ||
            (rc = s->ops->load_checkpoint(s->ctx, &now, err)) < 0)
            return rc;
        if ((rc > 0) != b->has_saved[i] || (rc > 0 && checkpoint_compare(&now, &b->saved[i]) != 0))
            return bb_error_set(err, BB_ERR_IO, "the %s sink's checkpoint changed while it "
                                "refused writes (a failover to a copy without the last batches?): "
                                "resuming from the checkpoint it holds", s->ops->name);
        t0 = now_seconds();
        rc = s->ops->commit(s->ctx, cp, err);
        if (rc == BB_ERR_AGAIN) {
            metrics_note_sink_error(b->metrics, k, METRICS_SINK_REFUSED);
            char msg[BB_ERROR_MSG_MAX + 128];
            snprintf(msg, sizeof msg, "%s; the batch is kept and written again (the source "
                     "stays connected)", err->msg);
            outage_failed(b, (int)k, msg, true);
        }
    }
    if (rc < 0) {
        metrics_note_sink_error(b->metrics, k, METRICS_SINK_WRITE);
        return rc;
    }
    metrics_note_commit(b->metrics, k, now_seconds() - t0, cp);
    outage_over(b, (int)k);
    return 0;
}

int bridge_commit(struct bridge *b, const struct checkpoint *cp, const char *why,
                  struct bb_error *err)
{
    uint64_t rows = b->pending_rows, txns = b->pending_txns;
    for (size_t i = 0; i < b->nsinks; i++) {
        /* A sink ahead of this position (it committed further before a
         * restart) keeps its checkpoint, and what it buffered (changes past
         * its checkpoint, hence past cp), until the stream passes it. */
        if (b->has_saved[i] && cp_compare(b, cp, &b->saved[i]) < 0)
            continue;
        metrics_note_busy(b->metrics, true);
        int rc = commit_sink(b, i, cp, err);
        if (rc < 0) {
            b->fail_who = (int)b->sink_index[i];
            return rc;
        }
        b->saved[i] = *cp;
        b->has_saved[i] = true;
    }
    b->pending_rows = 0;
    b->pending_txns = 0;
    b->dirty = false;
    b->commits++;
    b->last_commit = now_seconds();
    char pos[CHECKPOINT_FILE_MAX + 64];
    log_debug("wrote a batch: %llu row changes, %llu transactions, up to %s (%s)",
              (unsigned long long)rows, (unsigned long long)txns,
              checkpoint_position_text(cp, pos, sizeof pos), why);
    return 0;
}

size_t bridge_pending_bytes(const struct bridge *b)
{
    size_t n = 0;
    for (size_t i = 0; i < b->nsinks; i++)
        n += b->sinks[i].ops->pending_bytes(b->sinks[i].ctx);
    return n;
}

static void note_pending(struct bridge *b)
{
    if (!b->dirty && b->pending_rows == 0)
        b->first_pending = now_seconds();
}

/* Commit the complete transactions read so far: when `why_now` says why (the
 * source is caught up or quiet, the stream ends, a stop), or when a batch
 * limit is reached. The delay is a limit only while the bridge is behind:
 * once it has read everything the source sent, the session loop writes at
 * once (session(), "caught up"). */
static int maybe_commit(struct bridge *b, const char *why_now, struct bb_error *err)
{
    if (!b->dirty && b->pending_rows == 0)
        return 0;
    const struct bb_config *cfg = b->cfg;
    const char *why = why_now ? why_now
                      : b->pending_rows >= cfg->batch_rows ? "batch.rows reached"
                      : bridge_pending_bytes(b) >= cfg->batch_bytes ? "batch.bytes reached"
                      : (now_seconds() - b->first_pending) * 1000.0 >= cfg->batch_delay_ms
                          ? "batch.delay_ms reached"
                          : NULL;
    return why ? bridge_commit(b, &b->cp, why, err) : 0;
}

/* Inside a transaction too large for one batch: write what is buffered,
 * with a checkpoint that says how many of its rows are applied. */
static int commit_chunk(struct bridge *b, const char *why, struct bb_error *err)
{
    struct checkpoint chunk = b->cp;
    set_position(&chunk, b->txn_file, b->txn_pos, b->txn_rows);
    /* a resume by GTID restarts the transaction at its GTID event */
    snprintf(chunk.txn_gtid, sizeof chunk.txn_gtid, "%s", b->txn_gtid);
    log_debug("transaction at %s:%llu exceeds the batch limits: writing its first %llu rows",
              b->txn_file, (unsigned long long)b->txn_pos, (unsigned long long)b->txn_rows);
    int rc = bridge_commit(b, &chunk, why, err);
    /* The position after the last complete transaction is not saved yet. */
    b->dirty = true;
    return rc;
}

/* ------------------------------------------------------------------ */
/* Transactions                                                        */

void bridge_begin_txn(struct bridge *b, const struct bb_event *ev, bool standalone)
{
    b->in_txn = true;
    b->txn_standalone = standalone;
    snprintf(b->txn_file, sizeof b->txn_file, "%s", ev->log_file ? ev->log_file : "");
    b->txn_pos = ev->pos;
    b->txn_rows = 0;
    b->txn_gtid[0] = '\0';
    b->txn_has_mariadb_gtid = false;
    b->txn_has_mysql_gtid = false;
    b->txn_want_known = false;
    b->txn_xa = false;
}

int bridge_end_txn(struct bridge *b, const struct bb_event *ev, struct bb_error *err)
{
    uint64_t next = ev->in_payload ? b->payload_end : ev->pos + ev->length;
    note_pending(b);
    set_position(&b->cp, ev->log_file ? ev->log_file : b->cp.file, next, 0);
    b->cp.commit_time = ev->timestamp;
    b->last_timestamp = ev->timestamp;
    metrics_note_synced(b->metrics, ev->timestamp);
    b->cp.server_id = b->facts.server_id;
    if (b->txn_has_mariadb_gtid) {
        int rc = checkpoint_note_mariadb_gtid(&b->cp, b->mariadb_domain, b->mariadb_server,
                                              b->mariadb_seq, err);
        if (rc < 0)
            return rc;
    } else if (b->txn_has_mysql_gtid && b->executed_known) {
        int rc = gtid_set_add_gtid(&b->executed, &b->txn_mysql_gtid);
        if (rc == 0)
            rc = executed_to_cp(b, err);
        else
            rc = bb_error_set(err, rc, "GTID %s at %s:%llu cannot be kept", b->txn_gtid,
                              b->txn_file, (unsigned long long)b->txn_pos);
        if (rc < 0)
            return rc;
    }
    b->cp.txn_gtid[0] = '\0';
    b->cp.gtid_full = true;
    b->dirty = true;
    b->in_txn = false;
    b->pending_txns++;
    b->txns_read++;
    return maybe_commit(b, NULL, err);
}

static bool query_is(const struct bb_ev_query *q, const char *word)
{
    size_t n = strlen(word);
    return q->query.len == n && strncasecmp((const char *)q->query.p, word, n) == 0;
}

/* ------------------------------------------------------------------ */
/* Row changes                                                         */

/* A row whose key holds NULL has no key: MySQL's UNIQUE keys (and the
 * columns a rule's key_columns names) let several rows hold NULL there, so
 * no key tells them apart. Such a row is not mirrored, with one warning
 * per table; an update that fills in its key inserts the row, one that
 * empties it deletes the row. Stopping instead would stop again at every
 * restart. */
void bridge_warn_null_key(struct bridge *b, const struct table_plan *plan,
                          const struct bb_table *t, int col, const char *where)
{
    if (bridge_warned_once(&b->null_keys, plan->schema, plan->table))
        return;
    log_warn("%s.%s: rows whose key column %s is NULL are not mirrored (several rows may hold "
             "NULL there, so no key tells them apart); the first at %s", plan->schema,
             plan->table, t->cols[col].name ? t->cols[col].name : "?", where);
}

/* Make ch a change of rows that have a key (above); *skip when nothing is
 * left of it. */
static int keyed_change(struct bridge *b, struct change *ch, const struct bb_event *ev,
                        bool *skip, struct bb_error *err)
{
    const struct table_plan *plan = ch->plan;
    int nb = ch->before ? mapper_null_key_column(plan, ch->before, NULL) : -1;
    int na = ch->after ? mapper_null_key_column(plan, ch->after, ch->before) : -1;
    *skip = false;
    if (nb < 0 && na < 0)
        return 0;
    char where[CHECKPOINT_FILE_MAX + 32];
    snprintf(where, sizeof where, "%s:%llu", ev->log_file, (unsigned long long)ev->pos);
    bridge_warn_null_key(b, plan, ch->table, nb >= 0 ? nb : na, where);
    bool before_ok = ch->before && nb < 0, after_ok = ch->after && na < 0;
    if (!before_ok && !after_ok) {
        *skip = true;
    } else if (after_ok) {
        /* an update that gave the row a key: its whole after image */
        bool partial;
        const struct bb_value *img;
        int rc = mapper_merged_image(ch->before, ch->after, ch->table->ncols, &b->merged,
                                     &b->merged_cap, &img, &partial, err);
        if (rc < 0)
            return rc;
        ch->kind = BB_ROWS_WRITE;
        ch->before = NULL;
        ch->after = img;
    } else {
        ch->kind = BB_ROWS_DELETE;
        ch->after = NULL;
    }
    return 0;
}

static enum metrics_op metrics_op_of(enum bb_rows_kind kind)
{
    return kind == BB_ROWS_WRITE ? METRICS_INSERT
           : kind == BB_ROWS_UPDATE ? METRICS_UPDATE : METRICS_DELETE;
}

/* One delivery of a rows event: the whole event, or one slice of a large
 * one (struct bb_ev_rows), whose rows go on from where the slice before
 * ended: txn_rows counts the transaction's row changes across slices and
 * events alike (the chunk checkpoints' rows_done), and a row's index in its
 * event is first_row + n. */
int bridge_apply_rows(struct bridge *b, const struct bb_event *ev, struct bb_error *err)
{
    const struct bb_ev_rows *r = &ev->rows;
    if (!r->table)
        return 0;
    if (b->in_txn && b->txn_xa) {
        b->txn_xa_rows = true;      /* applied at its commit */
        return 0;
    }
    const struct table_plan *plan;
    int rc = mapper_plan(b->mapper, r->table, &plan, err);
    if (rc < 0)
        return rc;
    if (!b->in_txn)
        bridge_begin_txn(b, ev, false);
    size_t slot = metrics_table_slot(b->metrics, plan->schema, plan->table);
    metrics_note_rows_read(b->metrics, slot, metrics_op_of(r->kind), r->nrows);
    if (!plan->mirrored) {
        if (plan->skip_reason && !bridge_warned_once(&b->warned, plan->schema, plan->table))
            log_warn("%s.%s is not mirrored: %s (at %s:%llu)", plan->schema, plan->table,
                     plan->skip_reason, ev->log_file, (unsigned long long)ev->pos);
        b->txn_rows += r->nrows;
        return 0;
    }
    if (r->partial_json) {
        for (uint32_t n = 0; n < r->nrows; n++)
            for (uint32_t c = 0; c < r->ncols; c++)
                if (r->rows[n].after && r->rows[n].after[c].kind == BB_VALUE_JSON_DIFF)
                    return bb_error_set(err, BB_ERR_USAGE,
                                        "%s.%s at %s:%llu: a partial JSON update "
                                        "(binlog_row_value_options=PARTIAL_JSON) cannot be "
                                        "applied without the old document; set "
                                        "binlog_row_value_options='' on the server",
                                        plan->schema, plan->table, ev->log_file,
                                        (unsigned long long)ev->pos);
    }
    struct change ch;
    memset(&ch, 0, sizeof ch);
    ch.table = r->table;
    ch.plan = plan;
    ch.log_file = ev->log_file;
    ch.pos = ev->pos;
    ch.timestamp = ev->timestamp;
    ch.gtid = b->txn_gtid;
    if (b->xa_commit) {
        /* An XA transaction's changes happen at its commit: there, in
         * order (row = its index in the transaction), so change logs see
         * them in commit order and never twice at one position. */
        ch.log_file = b->xa_commit->log_file;
        ch.pos = b->xa_commit->pos;
        ch.timestamp = b->xa_commit->timestamp;
    }
    for (uint32_t n = 0; n < r->nrows; n++) {
        uint64_t k = b->txn_rows++;
        ch.kind = r->kind;
        ch.before = r->rows[n].before;
        ch.after = r->rows[n].after;
        ch.row_index = b->xa_commit ? (uint32_t)k : r->first_row + n;
        bool skip;
        if ((rc = keyed_change(b, &ch, ev, &skip, err)) < 0)
            return rc;
        if (skip)
            continue;
        bool added = false;
        for (size_t i = 0; i < b->nsinks; i++) {
            if (!bridge_sink_wants(b, i, b->txn_file, b->txn_pos, k))
                continue;
            rc = b->sinks[i].ops->add(b->sinks[i].ctx, &ch, err);
            if (rc < 0) {
                bb_error_prefix(err, "%s.%s at %s:%llu", plan->schema, plan->table,
                                ev->log_file, (unsigned long long)ev->pos);
                return rc;
            }
            metrics_note_row_buffered(b->metrics, b->sink_index[i], slot, metrics_op_of(ch.kind));
            added = true;
        }
        if (!added)
            continue;
        note_pending(b);
        b->pending_rows++;
        b->rows++;
        if (bridge_pending_bytes(b) >= b->cfg->batch_bytes) {
            rc = commit_chunk(b, "batch.bytes reached inside a transaction", err);
            if (rc < 0)
                return rc;
        }
    }
    return 0;
}

/* A heartbeat: the source is quiet. Write what waits; with nothing
 * waiting, write the checkpoint again now and then (IDLE_PROBE_SECONDS), so
 * that a sink gone while idle is noticed. (A sink ahead of this position,
 * after a restart, keeps its own: bridge_commit skips it.) */
static int idle_commit(struct bridge *b, struct bb_error *err)
{
    if (b->dirty || b->pending_rows)
        return maybe_commit(b, "the source is quiet (heartbeat)", err);
    if (!b->cp.file[0] || now_seconds() - b->last_commit < IDLE_PROBE_SECONDS)
        return 0;
    return bridge_commit(b, &b->cp, "idle: the checkpoint again, a probe of the sinks", err);
}

/* ------------------------------------------------------------------ */
/* Events                                                              */

/* MariaDB, a stream that starts at a file's start (start = earliest, or a
 * position there), before its first transaction: the file's GTID_LIST is
 * the binlog state there. A domain that writes nothing in what is read
 * would otherwise be missing from the checkpoint's GTID position, and a
 * resume by GTID would ask for its whole history, which may be purged
 * (that is what `gtid_binlog_pos` avoids by listing every domain). Each
 * domain the position lacks is taken at its last GTID: MariaDB writes a
 * domain's entries one per server id, its most recent one last
 * (rpl_binlog_state::get_gtid_list), as @@gtid_binlog_pos shows it.
 * Domains the position has are left alone: they come from the stream. */
static int note_idle_domains(struct bridge *b, const struct bb_event *ev, struct bb_error *err)
{
    const struct bb_ev_gtid_list *l = &ev->gtid_list;
    struct mariadb_gtid_pos *have = malloc(sizeof *have);
    if (!have)
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    struct bb_error e = { 0 };
    int rc = 0;
    /* a position that does not parse is not MariaDB's: nothing to add */
    if (mariadb_gtid_parse(have, b->cp.gtid, false, &e) == 0) {
        for (uint32_t i = 0; i < l->count && rc == 0; i++) {
            const struct bb_mariadb_gtid *g = &l->gtids[i];
            bool later = false;
            for (uint32_t j = i + 1; j < l->count && !later; j++)
                later = l->gtids[j].domain_id == g->domain_id;
            if (later || mariadb_gtid_domain(have, g->domain_id))
                continue;
            rc = checkpoint_note_mariadb_gtid(&b->cp, g->domain_id, g->server_id, g->seq_no,
                                              err);
        }
    }
    free(have);
    return rc;
}

/* The events that open a binlog file (its format description, the GTID
 * state before it, MariaDB's binlog checkpoint) belong to no transaction.
 * Once the source rotates, the checkpoint moves past them into the new
 * file, so that a bridge with nothing to apply stays at the source's
 * position ("caught up" in status, a health check with --max-lag passes)
 * instead of aging at the old file's end. Only real events, read where
 * they lie: the format description a server sends when a dump starts
 * inside a file is artificial (no log_pos), and moves nothing. The last
 * commit time is kept: nothing new was applied. */
static int follow_file_header(struct bridge *b, const struct bb_event *ev)
{
    if (b->in_txn || ev->in_payload || !ev->log_file || !ev->next_pos ||
        (ev->flags & LOG_EVENT_ARTIFICIAL_F) || (uint64_t)ev->next_pos != ev->pos + ev->length)
        return 0;
    if (strcmp(ev->log_file, b->cp.file) == 0 && ev->next_pos <= b->cp.pos)
        return 0;
    if (!b->cp.file[0] || b->cp.rows_done)
        return 0;
    note_pending(b);
    set_position(&b->cp, ev->log_file, ev->next_pos, 0);
    /* a position is the server's that wrote it: after a switch, the new
     * source's (as bridge_end_txn notes it) */
    b->cp.server_id = b->facts.server_id;
    b->dirty = true;
    return 0;
}

static int on_event(struct bridge *b, const struct bb_event *ev, struct bb_error *err)
{
    bool heartbeat = ev->type == HEARTBEAT_LOG_EVENT || ev->type == BB_HEARTBEAT_LOG_EVENT_V2;
    if (!bb_event_is_rows(ev) || ev->rows.first_row == 0) {
        b->events++;            /* the later slices of a rows event are not events */
        if (bb_event_is_rows(ev))
            b->row_events++;
        metrics_note_event(b->metrics, ev->type, ev->in_payload ? 0 : ev->length, heartbeat,
                           (ev->flags & LOG_EVENT_ARTIFICIAL_F) != 0);
    }
    if (!(ev->flags & LOG_EVENT_ARTIFICIAL_F))
        b->caught_up = false;
    switch (ev->type) {
    case GTID_EVENT: /* MariaDB: starts every transaction */
        bridge_begin_txn(b, ev, (ev->mariadb_gtid.flags & FL_STANDALONE) != 0);
        b->txn_has_mariadb_gtid = true;
        b->mariadb_domain = ev->mariadb_gtid.domain_id;
        b->mariadb_server = ev->mariadb_gtid.server_id;
        b->mariadb_seq = ev->mariadb_gtid.seq_no;
        snprintf(b->txn_gtid, sizeof b->txn_gtid, "%u-%u-%llu", ev->mariadb_gtid.domain_id,
                 ev->mariadb_gtid.server_id, (unsigned long long)ev->mariadb_gtid.seq_no);
        txn_wants(b);
        if ((ev->mariadb_gtid.flags & FL_PREPARED_XA) && ev->mariadb_gtid.is_xa) {
            char xid[XA_ID_TEXT_MAX];
            if (xa_id_text(ev->mariadb_gtid.xa_format_id, &ev->mariadb_gtid.xa_gtrid,
                           &ev->mariadb_gtid.xa_bqual, xid) == 0)
                bridge_xa_begin(b, ev, xid);
        }
        return 0;
    case GTID_LOG_EVENT:
    case BB_GTID_TAGGED_LOG_EVENT:
    case ANONYMOUS_GTID_LOG_EVENT: {
        bridge_begin_txn(b, ev, false);
        if (ev->type != ANONYMOUS_GTID_LOG_EVENT) {
            struct bb_buf g;
            bb_buf_init(&g);
            format_gtid(&ev->gtid, &g);
            if (g.data)
                snprintf(b->txn_gtid, sizeof b->txn_gtid, "%s", g.data);
            bb_buf_destroy(&g);
            /* the event's bytes go with the next one: keep what is kept */
            b->txn_mysql_gtid = ev->gtid;
            b->txn_mysql_gtid.tag.p = (const uint8_t *)b->txn_mysql_tag;
            b->txn_mysql_gtid.tag.len = ev->gtid.tag.len < sizeof b->txn_mysql_tag
                                        ? ev->gtid.tag.len : 0;
            memcpy(b->txn_mysql_tag, ev->gtid.tag.len ? (const char *)ev->gtid.tag.p : "",
                   b->txn_mysql_gtid.tag.len);
            b->txn_has_mysql_gtid = true;
            txn_wants(b);
        }
        return 0;
    }
    case PREVIOUS_GTIDS_LOG_EVENT:
        /* MySQL, a stream that starts at a file's start: the set before it */
        if (!b->executed_known && b->facts.gtid_on && b->txns_read == 0) {
            gtid_set_clear(&b->executed);
            if (gtid_set_add_previous(&b->executed, &ev->previous_gtids) < 0)
                return bb_error_set(err, BB_ERR_CORRUPT, "PREVIOUS_GTIDS at %s:%llu: a set "
                                    "that cannot be kept", ev->log_file,
                                    (unsigned long long)ev->pos);
            b->executed_known = true;
            int rc = executed_to_cp(b, err);
            if (rc < 0)
                return rc;
        }
        return follow_file_header(b, ev);
    case GTID_LIST_EVENT:
        if (!b->by_gtid && b->txns_read == 0 && !(ev->flags & LOG_EVENT_ARTIFICIAL_F) &&
            b->facts.mariadb) {
            int rc = note_idle_domains(b, ev, err);
            if (rc < 0)
                return rc;
        }
        return follow_file_header(b, ev);
    case BB_TRANSACTION_PAYLOAD_EVENT:
        b->payload_end = ev->pos + ev->length;
        return 0;
    case FORMAT_DESCRIPTION_EVENT:
        /* which executable comments its statements ran (ddl_parse) */
        snprintf(b->binlog_version, sizeof b->binlog_version, "%s", ev->format.server_version);
        return follow_file_header(b, ev);
    case BINLOG_CHECKPOINT_EVENT:
        return follow_file_header(b, ev);
    case QUERY_EVENT:
    case QUERY_COMPRESSED_EVENT: {
        const struct bb_ev_query *q = &ev->query;
        if (query_is(q, "BEGIN")) {
            if (!b->in_txn)
                bridge_begin_txn(b, ev, false);
            return 0;
        }
        if (query_is(q, "COMMIT") || query_is(q, "ROLLBACK"))
            return b->in_txn ? bridge_end_txn(b, ev, err) : 0;
        char xid[XA_ID_TEXT_MAX];
        enum xa_verb verb = xa_statement(&q->query, xid);
        if (verb != XA_VERB_NONE)
            return bridge_xa_statement_event(b, ev, verb, xid, err);
        /* A statement of its own (DDL, or statement-based DML we cannot
         * apply): it ends its transaction. */
        if (!b->in_txn)
            bridge_begin_txn(b, ev, true);
        int rc = bridge_remove_dropped_rows(b, ev, err);
        return rc < 0 ? rc : bridge_end_txn(b, ev, err);
    }
    case XID_EVENT:
        return b->in_txn ? bridge_end_txn(b, ev, err) : 0;
    case XA_PREPARE_LOG_EVENT:
        return b->in_txn ? bridge_xa_prepared(b, ev, err) : 0;
    case HEARTBEAT_LOG_EVENT:
    case BB_HEARTBEAT_LOG_EVENT_V2:
        /* The source is quiet: nothing more will join the batch soon, and
         * everything written so far has been read (no lag). */
        b->caught_up = true;
        return b->in_txn ? 0 : idle_commit(b, err);
    default:
        if (bb_event_is_rows(ev)) {
            int rc = bridge_apply_rows(b, ev, err);
            /* A standalone transaction ends with its statement: at the last
             * slice of its STMT_END_F event, never at a slice boundary. */
            if (rc == 0 && b->in_txn && b->txn_standalone && (ev->rows.flags & STMT_END_F) &&
                !ev->rows.more_rows)
                rc = bridge_end_txn(b, ev, err);
            return rc;
        }
        return 0;
    }
}

static void progress(struct bridge *b, bool force)
{
    double t = now_seconds();
    double dt = t - b->last_progress;
    if (!force && (b->cfg->progress_interval == 0 || dt < b->cfg->progress_interval))
        return;
    b->last_progress = t;
    if (!b->ever_connected) {
        log_info("never connected to the source: nothing read, nothing applied");
        return;
    }
    char pos[CHECKPOINT_FILE_MAX + 64];
    time_t wall = time(NULL);
    long lag = !b->caught_up && b->last_timestamp && (time_t)b->last_timestamp < wall
                   ? (long)(wall - (time_t)b->last_timestamp) : 0;
    /* The lag is that of what is read; what is saved follows within a
     * batch delay. Row events, not all events: an idle source sends
     * heartbeats. */
    double row_events = dt > 0 ? (double)(b->row_events - b->last_row_events) / dt : 0;
    double rows = dt > 0 ? (double)(b->rows - b->last_rows) / dt : 0;
    const struct bb_log_field fields[] = {
        { .name = "row_events_per_s", .num = round(row_events) },
        { .name = "rows_per_s", .num = round(rows) },
        { .name = "lag_s", .num = (double)lag },
        { .name = "position", .text = checkpoint_position_text(&b->cp, pos, sizeof pos) },
    };
    log_info_with(fields, 4, "%.0f row events/s, %.0f rows/s, lag %ld s, position %s", row_events,
                  rows, lag, pos);
    b->last_events = b->events;
    b->last_row_events = b->row_events;
    b->last_rows = b->rows;
}

/* ------------------------------------------------------------------ */
/* One connected session                                               */

/* What the sinks' outputs need of the source (whole row images, ...). */
static int check_sinks_source(const struct bridge *b, struct bb_error *err)
{
    const struct sink_source_facts f = { .row_image_full = b->facts.row_image_full,
                                         .row_image = b->facts.row_image };
    for (size_t i = 0; i < b->nsinks; i++) {
        size_t k = b->sink_index[i];
        const struct sink_type *type = sink_type_of(b->cfg->sinks[k]);
        if (type->check_source && type->check_source(b->cfg, k, &f, err) < 0)
            return err->code;
    }
    return 0;
}

static void discard_all(struct bridge *b)
{
    for (size_t i = 0; i < b->nsinks; i++) {
        b->sinks[i].ops->discard(b->sinks[i].ctx);
        metrics_note_discard(b->metrics, b->sink_index[i]);
    }
    b->pending_rows = 0;
    b->dirty = false;
    b->in_txn = false;
}

bool bridge_table_included(void *ctx, const char *schema, const char *table)
{
    return config_table_included(ctx, schema, table);
}

static bool retryable(int code);

/* Sleep ms milliseconds, or less when a stop is requested. */
static void nap(unsigned ms)
{
    struct timespec ts = { (time_t)(ms / 1000), (long)(ms % 1000) * 1000000L };
    while (nanosleep(&ts, &ts) < 0 && errno == EINTR && !bridge_stop_requested)
        ;
}

/* Can the checkpoint be resumed by GTID on a server with facts f? */
static bool gtid_resumable(const struct checkpoint *cp, const struct server_facts *f)
{
    if (!cp || !cp->gtid[0] || !f->gtid_on)
        return false;
    bool mariadb_text = strchr(cp->gtid, ':') == NULL;
    if (mariadb_text != f->mariadb || !(f->mariadb || cp->gtid_full))
        return false;
    /* inside a transaction, saved by a binbridge that did not name it:
     * only its position says where (on the server that wrote it) */
    if (cp->rows_done && !cp->txn_gtid[0])
        return false;
    /* a position that does not read (written by hand?) resumes by position */
    struct bb_error e = { 0 };
    if (f->mariadb)
        return server_gtid_check_mariadb(cp->gtid, &e) == 0;
    struct gtid_set set;
    gtid_set_init(&set);
    bool ok = gtid_set_parse(&set, cp->gtid, &e) == 0;
    gtid_set_destroy(&set);
    return ok;
}

/* Which source to follow and how: the first of the configured servers,
 * in order, that can serve the checkpoint (resume; NULL: none yet). By
 * GTID (where both have GTIDs, unless source.resume says position) it
 * must hold every GTID the checkpoint holds and not have purged what
 * follows; by position it must be the server that wrote it and still have
 * the file. A server that lacks GTIDs is waited for (source.catch_up_wait)
 * while no other can serve. Sets b->cur, b->srv, b->facts and *by_gtid;
 * logs one line when the server followed changes. */
static int choose_source(struct bridge *b, const struct checkpoint *resume, bool *by_gtid,
                         struct bb_error *err)
{
    const struct bb_config *cfg = b->cfg;
    double wait_start = 0;
    bool waiting = false;
    char (*why)[BB_ERROR_MSG_MAX + 64] = calloc(b->nsrv, sizeof *why);
    struct server_facts *f = malloc(sizeof *f);
    struct bb_buf what;
    bb_buf_init(&what);
    int rc = 0;
    if (!why || !f) {
        rc = bb_error_set(err, BB_ERR_NOMEM, "out of memory");
        goto done;
    }
    for (;;) {
        struct bb_error last = { 0 };
        size_t behind = b->nsrv, purged = b->nsrv;
        char behind_what[BB_ERROR_MSG_MAX] = "", purged_what[BB_ERROR_MSG_MAX] = "";
        for (size_t k = 0; k < b->nsrv && !bridge_stop_requested; k++) {
            const struct bb_server_options *srv = &b->srvs[k];
            char where[300];
            server_conn_describe(srv, where, sizeof where);
            struct bb_error e = { 0 };
            rc = server_checks_run(srv, resume, f, &e);
            if (rc < 0) {
                /* One server: its failure is the bridge's, as it always
                 * was. Of several, one that is down or misconfigured is
                 * passed over; a usage error (configuration) stops. */
                if (b->nsrv == 1 || e.code == BB_ERR_USAGE) {
                    *err = e;
                    goto done;
                }
                snprintf(why[k], sizeof why[k], "%s", e.msg);
                if (retryable(e.code) || !last.code)
                    last = e;
                continue;
            }
            bool can_gtid = gtid_resumable(resume, f);
            if (resume && cfg->resume == RESUME_GTID && !can_gtid) {
                rc = bb_error_set(err, BB_ERR_USAGE, "source.resume is \"gtid\" but %s: use "
                                  "\"auto\" or \"position\"",
                                  !f->gtid_on ? "the source has no GTIDs (MySQL: gtid_mode=ON)"
                                  : !resume->gtid[0] ? "the checkpoint has no GTID position"
                                  : "the checkpoint's GTID position is of another kind of server "
                                    "or was saved by an older binbridge");
                goto done;
            }
            bool use_gtid = can_gtid && cfg->resume != RESUME_POSITION;
            if (use_gtid) {
                enum gtid_serve v;
                bb_buf_reset(&what);
                rc = gtid_can_serve(f->mariadb, resume->gtid, f->gtid_state, f->gtid_purged, &v,
                                    &what, &e);
                if (rc == 0)
                    rc = bb_buf_check(&what, &e);
                if (rc < 0) {
                    *err = e;
                    goto done;
                }
                if (v == GTID_SERVE_BEHIND) {
                    snprintf(why[k], sizeof why[k], "it lacks transactions the sinks hold: %s",
                             what.data);
                    if (behind == b->nsrv) {
                        behind = k;
                        snprintf(behind_what, sizeof behind_what, "%s", what.data);
                    }
                    continue;
                }
                if (v == GTID_SERVE_PURGED) {
                    snprintf(why[k], sizeof why[k], "it purged transactions the sinks need: %s",
                             what.data);
                    if (purged == b->nsrv) {
                        purged = k;
                        snprintf(purged_what, sizeof purged_what, "%s", what.data);
                    }
                    continue;
                }
            } else if (resume) {
                /* A position is the server's that wrote it. */
                if (b->nsrv > 1 && resume->server_id && resume->server_id != f->server_id) {
                    snprintf(why[k], sizeof why[k], "the checkpoint's position %.200s:%llu is one of "
                             "server_id %llu, not of this server (%u)%s", resume->file,
                             (unsigned long long)resume->pos,
                             (unsigned long long)resume->server_id, f->server_id,
                             can_gtid ? " (source.resume is \"position\")" : "");
                    continue;
                }
                if (server_checks_position(srv, resume, f, &e) < 0) {
                    if (b->nsrv == 1) {
                        *err = e;
                        rc = e.code;
                        goto done;
                    }
                    snprintf(why[k], sizeof why[k], "%s", e.msg);
                    if (purged == b->nsrv) {
                        purged = k;
                        snprintf(purged_what, sizeof purged_what, "%s", e.msg);
                    }
                    continue;
                }
            }
            /* This one. */
            if (waiting)
                log_info("source %s has caught up after %.1f s: it holds every transaction "
                         "the sinks hold", where, now_seconds() - wait_start);
            if (b->nsrv > 1 && k != b->cur) {
                const struct bb_log_field fl[] = { { .name = "source", .text = where } };
                if (b->cur >= b->nsrv) {
                    log_info_with(fl, 1, "following source %s (%zu of %zu)%s%s", where, k + 1,
                                  b->nsrv, k ? ", the first ones cannot serve: " : "",
                                  k ? why[0] : "");
                } else {
                    char was[300];
                    server_conn_describe(&b->srvs[b->cur], was, sizeof was);
                    if (b->cur < k)
                        log_warn_with(fl, 1, "switched source: following %s (%zu of %zu) %s "
                                      "instead of %s: %s", where, k + 1, b->nsrv,
                                      use_gtid ? "by GTID" : "by position", was, why[b->cur]);
                    else
                        log_warn_with(fl, 1, "switched source: following %s (%zu of %zu) %s "
                                      "instead of %s: it comes first in the list and can serve "
                                      "the checkpoint", where, k + 1, b->nsrv,
                                      use_gtid ? "by GTID" : "by position", was);
                }
            }
            b->cur = k;
            b->srv = srv;
            b->facts = *f;
            metrics_note_source(b->metrics, where);
            *by_gtid = use_gtid;
            rc = 0;
            goto done;
        }
        if (bridge_stop_requested) {
            rc = bb_error_set(err, BB_ERR_IO, "stopped while choosing a source");
            goto done;
        }
        if (behind < b->nsrv) {
            char where[300];
            server_conn_describe(&b->srvs[behind], where, sizeof where);
            if (!waiting) {
                waiting = true;
                wait_start = now_seconds();
                log_warn("source %s lacks transactions the sinks already hold (%s): waiting up to "
                         "%.0f s for it to catch up (source.catch_up_wait)", where, behind_what,
                         cfg->catch_up_wait);
            }
            if (now_seconds() - wait_start >= cfg->catch_up_wait) {
                rc = bb_error_set(err, BB_ERR_SERVER, "source %s lacks transactions the sinks "
                                  "already hold: %s; waited %.0f s for it to catch up "
                                  "(source.catch_up_wait). A failover lost them: bring back a "
                                  "server that has them, or resynchronise the sinks (delete the "
                                  "checkpoint and start with source.start = \"snapshot\")", where,
                                  behind_what, now_seconds() - wait_start);
                goto done;
            }
            nap(1000);
            continue;
        }
        if (purged < b->nsrv) {
            char where[300];
            server_conn_describe(&b->srvs[purged], where, sizeof where);
            if (strstr(purged_what, "no longer on the server"))
                rc = bb_error_set(err, BB_ERR_SERVER, "%s", purged_what);
            else
                rc = bb_error_set(err, BB_ERR_SERVER, "source %s purged binlogs the checkpoint "
                                  "needs (%s): the changes after GTID position '%s' are lost to "
                                  "the binlog; resynchronise: delete the checkpoint and start "
                                  "again with source.start = \"snapshot\"", where, purged_what,
                                  resume->gtid);
            goto done;
        }
        /* Nobody can serve: each one's reason, in one line. */
        bb_buf_reset(&what);
        for (size_t k = 0; k < b->nsrv; k++) {
            char where[300];
            server_conn_describe(&b->srvs[k], where, sizeof where);
            bb_buf_printf(&what, "%s%s: %s", k ? "; " : "", where, why[k]);
        }
        if ((rc = bb_buf_check(&what, err)) < 0)
            goto done;
        if (b->nsrv == 1)
            *err = last, rc = last.code;
        else if (last.code)
            /* some are down: they may come back */
            rc = bb_error_set(err, retryable(last.code) ? BB_ERR_IO : last.code, "no source can "
                              "serve the checkpoint now (%zu tried): %s", b->nsrv, what.data);
        else
            rc = bb_error_set(err, BB_ERR_SERVER, "no source can serve the checkpoint: %s",
                              what.data);
        goto done;
    }
done:
    bb_buf_destroy(&what);
    free(why);
    free(f);
    return rc;
}

/* MySQL: the executed set at file:pos, read from the binlog (the file's
 * PREVIOUS_GTIDS and the GTIDs before pos) on a second, short connection,
 * for a checkpoint of an older binbridge that kept only the last GTID. */
static int executed_at(struct bridge *b, const char *file, uint64_t pos, struct bb_error *err)
{
    struct bb_server_options o = *b->srv;
    o.blocking = false;
    o.server_id = 0;
    o.heartbeat_period = 0;
    if (!o.read_timeout)
        o.read_timeout = 30;
    o.start = BB_START_POSITION;
    o.start_file = file;
    o.start_pos = 4;
    struct bb_stream *s;
    int rc = bb_stream_open_server(&s, &o, NULL, err);
    if (rc < 0)
        return rc;
    gtid_set_clear(&b->executed);
    rc = gtid_executed_until(s, file, pos, &b->executed, err);
    bb_stream_close(s);
    b->executed_known = rc == 0;
    return rc;
}

static int session(struct bridge *b, bool *connected, struct bb_error *err)
{
    /* Where to resume: the earliest position any sink has saved. */
    const struct checkpoint *resume = NULL;
    b->fail_who = BRIDGE_SOURCE;
    b->by_gtid = false;
    b->txns_read = 0;
    for (size_t i = 0; i < b->nsinks; i++) {
        int k = (int)b->sink_index[i];
        int rc = b->sinks[i].ops->load_checkpoint(b->sinks[i].ctx, &b->saved[i], err);
        if (rc < 0) {
            b->fail_who = k;
            return rc;
        }
        outage_over(b, k);
        b->has_saved[i] = rc > 0;
        if (b->has_saved[i]) {
            metrics_note_checkpoint(b->metrics, (size_t)k, &b->saved[i]);
            /* all it holds was read, at the latest, when committed */
            metrics_note_synced(b->metrics, b->saved[i].commit_time);
        }
    }
    /* The earliest: by GTIDs when every checkpoint has them (the sinks
     * may have followed different servers), else by position. */
    bool all_gtid = true;
    for (size_t i = 0; i < b->nsinks; i++)
        if (b->has_saved[i])
            all_gtid &= b->saved[i].gtid[0] != '\0';
    for (size_t i = 0; i < b->nsinks; i++) {
        if (!b->has_saved[i])
            continue;
        bool mariadb = strchr(b->saved[i].gtid, ':') == NULL;
        if (!resume || (all_gtid ? gtid_checkpoint_compare(mariadb, &b->saved[i], resume)
                                 : checkpoint_compare(&b->saved[i], resume)) < 0)
            resume = &b->saved[i];
    }
    bool all_saved = true;
    for (size_t i = 0; i < b->nsinks; i++)
        all_saved &= b->has_saved[i];
    /* A sink without a checkpoint starts with the others' position only
     * when it is new next to an established one: then it gets the changes
     * from there on, like a start at "current". */
    bool by_gtid = false;
    int rc = choose_source(b, resume && !resume->loading ? resume : NULL, &by_gtid, err);
    if (rc < 0) {
        metrics_note_source_error(b->metrics, METRICS_SOURCE_CONNECT);
        return rc;
    }
    if ((rc = check_sinks_source(b, err)) < 0)
        return rc;

    /* An initial load that was interrupted starts over. */
    struct checkpoint loaded;
    bool reload = false;
    if (resume && resume->loading) {
        log_info("the initial load was interrupted: loading again");
        resume = NULL;
        reload = true;
    }
    if (!resume && (reload || b->cfg->start == START_SNAPSHOT)) {
        rc = bridge_initial_load(b, &loaded, err);
        if (rc < 0)
            return rc;
        resume = &loaded;
        *connected = true;
    }

    struct bb_server_options o = *b->srv;
    o.blocking = !b->stop_at_end;
    /* Heartbeats tell a dead connection from a quiet source (3 periods
     * without one, server_source's read timeout). A batch never waits for
     * one: the loop below writes as soon as everything sent is read. */
    o.heartbeat_period = b->cfg->heartbeat;
    if (b->cfg->server_id)
        o.server_id = b->cfg->server_id;
    /* Waiting longer than this for the source is a stall (/health); the
     * source's read timeout (three periods) then reconnects. */
    b->stall_seconds = o.read_timeout ? o.read_timeout : ceil(3 * o.heartbeat_period);
    metrics_note_stall_after(b->metrics, 2 * o.heartbeat_period + 0.5);
    memset(&b->cp, 0, sizeof b->cp);
    gtid_set_clear(&b->executed);
    b->executed_known = false;
    if (resume) {
        b->cp = *resume;
        b->cp.rows_done = 0;
        b->cp.txn_gtid[0] = '\0';
        if (by_gtid && resume != &loaded) {
            /* From the transaction after the GTID position, on whichever
             * server: one restarted inside a chunk comes again from its
             * GTID event, and its applied rows are skipped (txn_wants). */
            o.start = BB_START_GTID;
            o.start_gtid = resume->gtid;
            b->by_gtid = true;
        } else {
            o.start = BB_START_POSITION;
            o.start_file = resume->file;
            o.start_pos = resume->pos;
        }
        if (resume == &loaded && b->facts.gtid_on && b->facts.mariadb) {
            /* the GTID position of the snapshot's own binlog position */
            struct bb_error e = { 0 };
            if (server_gtid_at(b->srv, loaded.file, loaded.pos, b->cp.gtid, sizeof b->cp.gtid,
                               &e) < 0)
                log_warn("the GTID position at the snapshot's %s:%llu could not be read (%s): "
                         "the one before it is kept", loaded.file,
                         (unsigned long long)loaded.pos, e.msg);
        }
        if (!b->facts.mariadb && b->facts.gtid_on) {
            /* MySQL: the executed set goes on from the checkpoint's */
            if (resume->gtid_full && resume->gtid[0] && resume != &loaded) {
                b->executed_known = gtid_set_parse(&b->executed, resume->gtid, err) == 0;
                bb_error_clear(err);
            } else if (resume->gtid[0] || resume == &loaded || !by_gtid) {
                /* an older binbridge's "uuid:n", a checkpoint of before
                 * gtid_mode=ON, or a snapshot: read the set at the
                 * position from the binlog */
                struct bb_error e = { 0 };
                if (executed_at(b, resume->file, resume->pos, &e) < 0)
                    log_warn("the checkpoint holds no executed GTID set, and the one at %s:%llu "
                             "could not be read (%s): resuming by position; resuming by GTID "
                             "works once a checkpoint holds one", resume->file,
                             (unsigned long long)resume->pos, e.msg);
                else
                    log_info("the checkpoint held no executed GTID set: the one at %s:%llu is "
                             "read back from the binlog", resume->file,
                             (unsigned long long)resume->pos);
            }
            if ((rc = executed_to_cp(b, err)) < 0)
                return rc;
        }
        if (resume == &loaded) {
            /* Save "loaded, following from here" at the first commit. */
            b->dirty = true;
            b->first_pending = now_seconds();
        }
    } else if (b->cfg->start == START_EARLIEST) {
        o.start = BB_START_EARLIEST;
    } else {
        o.start = BB_START_CURRENT;
        set_position(&b->cp, b->facts.current_file, b->facts.current_pos, 0);
        snprintf(b->cp.gtid, sizeof b->cp.gtid, "%s", b->facts.gtid_current);
        if (!b->facts.mariadb && b->facts.gtid_on) {
            b->executed_known = gtid_set_parse(&b->executed, b->facts.gtid_current, err) == 0;
            bb_error_clear(err);
            if ((rc = executed_to_cp(b, err)) < 0)
                return rc;
        }
        b->cp.gtid_full = true;
        b->cp.server_id = b->facts.server_id;
        bridge_note_xa_before_start(&b->cp, b->facts.xa_prepared, b->facts.xa_prepared_known,
                                    b->facts.xa_prepared_why);
        b->dirty = true; /* save where we start, so a restart starts there too */
        b->first_pending = now_seconds();
    }
    if (!all_saved && resume && resume != &loaded)
        log_warn("a sink has no checkpoint: it receives the changes from %s:%llu on",
                 resume->file, (unsigned long long)resume->pos);

    /* Rows of tables that are not mirrored are not even decoded. */
    struct bb_stream_options so;
    bb_stream_options_init(&so);
    so.filter.table_filter = bridge_table_included;
    so.filter.table_filter_ctx = (void *)b->cfg;
    rc = bb_stream_open_server(&b->stream, &o, &so, err);
    if (rc < 0) {
        metrics_note_source_error(b->metrics, METRICS_SOURCE_CONNECT);
        return rc;
    }
    *connected = true;
    b->ever_connected = true;
    metrics_note_connected(b->metrics, true);
    outage_over(b, BRIDGE_SOURCE);
    char pos[CHECKPOINT_FILE_MAX + 64], tls[128];
    /* Every connection to the source has the same TLS settings
     * (server_conn_open): the checks' tells. */
    if (b->facts.tls_cipher[0])
        snprintf(tls, sizeof tls, "over TLS (%s, ssl-mode=%s)", b->facts.tls_cipher,
                 bb_ssl_mode_name(o.ssl_mode));
    else
        snprintf(tls, sizeof tls, "in plaintext (ssl-mode=%s)", bb_ssl_mode_name(o.ssl_mode));
    if (resume && b->by_gtid)
        log_info("connected to %s %s %s, resuming by GTID after %s (saved at %s%s)",
                 b->facts.mariadb ? "MariaDB" : "MySQL", b->facts.version, tls, resume->gtid,
                 checkpoint_position_text(resume, pos, sizeof pos),
                 resume->rows_done ? ", inside the next transaction" : "");
    else if (resume)
        log_info("connected to %s %s %s, resuming at %s", b->facts.mariadb ? "MariaDB" : "MySQL",
                 b->facts.version, tls, checkpoint_position_text(resume, pos, sizeof pos));
    else
        log_info("connected to %s %s %s, no checkpoint: starting at the %s", b->facts.mariadb
                 ? "MariaDB" : "MySQL", b->facts.version, tls,
                 o.start == BB_START_EARLIEST ? "earliest binlog" : "current end of binlog");

    const struct bb_event *ev;
    while (!bridge_stop_requested) {
        /* Everything the source has sent is read (nothing buffered, nothing
         * readable): write the complete transactions now rather than wait
         * for more to batch them with. While more is there the batch grows
         * up to its limits, so a backlog is written in large batches. Only
         * between transactions: a batch holds whole ones. */
        if (!b->in_txn && (b->dirty || b->pending_rows) && bb_stream_caught_up(b->stream) &&
            (rc = maybe_commit(b, "caught up", err)) < 0)
            break;
        metrics_note_busy(b->metrics, false);
        rc = bb_stream_next(b->stream, &ev, err);
        if (rc < 0) {
            double waited = metrics_quiet_seconds(b->metrics);
            if (b->stall_seconds > 0 && waited >= b->stall_seconds * 0.9 && !b->stop_at_end) {
                log_warn("stalled: no event or heartbeat from the source for %.0f s after %s:%llu: "
                         "reconnecting", waited, b->cp.file, (unsigned long long)b->cp.pos);
                metrics_note_source_error(b->metrics, METRICS_SOURCE_STALL);
            } else {
                metrics_note_source_error(b->metrics, METRICS_SOURCE_READ);
            }
            if (b->by_gtid && err->server_errno == 1236 && err->code == BB_ERR_SERVER &&
                b->txns_read == 0) {
                /* the server refused the GTID position: what to do */
                char msg[BB_ERROR_MSG_MAX];
                snprintf(msg, sizeof msg, "%s", err->msg);
                int no = err->server_errno;
                bb_error_clear(err);
                bb_error_set_server(err, BB_ERR_SERVER, no, "%.*s; if the server purged what "
                                    "follows the checkpoint's GTID position, resynchronise: "
                                    "delete the checkpoint and start again with source.start = "
                                    "\"snapshot\"", BB_ERROR_MSG_MAX - 200, msg);
            }
        }
        metrics_note_busy(b->metrics, true);
        if (rc <= 0)
            break;
        rc = on_event(b, ev, err);
        if (rc < 0)
            break;
        progress(b, false);
    }
    if (rc == 0)
        b->caught_up = true;
    if (rc == 0 || bridge_stop_requested) {
        /* The end (stop_at_end) or a stop request: save what is read. In the
         * middle of a transaction that is a chunk checkpoint (its rows so
         * far), so a restart neither loses nor repeats them. */
        bb_error_clear(err);
        if (b->in_txn && b->pending_rows)
            rc = commit_chunk(b, bridge_stop_requested ? "stop requested inside a transaction"
                                                       : "end of the binlog inside a transaction",
                              err);
        else
            rc = maybe_commit(b, bridge_stop_requested ? "stop requested" : "end of the binlog",
                              err);
    }
    bb_stream_close(b->stream);
    b->stream = NULL;
    metrics_note_connected(b->metrics, false);
    return rc;
}

/* ------------------------------------------------------------------ */

static bool retryable(int code)
{
    return code == BB_ERR_IO;
}

/* Open sink k of the configuration, waiting with backoff while its store
 * is unreachable. */
static int open_sink(struct bridge *b, size_t k, uint32_t *delay, struct bb_error *err)
{
    const struct sink_type *type = sink_type_of(b->cfg->sinks[k]);
    for (;;) {
        struct bb_error e = { 0 };
        if (type->open(&b->sinks[b->nsinks], b->cfg, k, &e) == 0) {
            b->sink_index[b->nsinks++] = k;
            outage_over(b, (int)k);
            return 0;
        }
        if (!retryable(e.code)) {
            *err = e;
            return e.code;
        }
        if (bridge_stop_requested)
            return 0;
        metrics_note_sink_error(b->metrics, k, METRICS_SINK_CONNECT);
        outage_failed(b, (int)k, e.msg, false);
        backoff(delay, b->cfg);
    }
}

/* Sleep *delay ms (a stop request cuts it short), then double it up to the
 * configured maximum. */
static void backoff(uint32_t *delay, const struct bb_config *cfg)
{
    struct timespec ts = { (time_t)(*delay / 1000), (long)(*delay % 1000) * 1000000L };
    while (nanosleep(&ts, &ts) < 0 && errno == EINTR && !bridge_stop_requested)
        ;
    *delay = *delay * 2 > cfg->retry_max_ms ? cfg->retry_max_ms : *delay * 2;
}

int bridge_run(const struct bb_config *cfg, const struct bb_server_options *srv, bool stop_at_end,
               struct metrics *metrics, struct bb_error *err)
{
    return bridge_run_sources(cfg, srv, 1, stop_at_end, metrics, err);
}

int bridge_run_sources(const struct bb_config *cfg, const struct bb_server_options *srvs,
                       size_t nsrv, bool stop_at_end, struct metrics *metrics,
                       struct bb_error *err)
{
    if (nsrv == 0)
        return bb_error_set(err, BB_ERR_USAGE, "no source server given");
    struct bridge *b = calloc(1, sizeof *b);
    if (!b)
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    b->cfg = cfg;
    b->srvs = srvs;
    b->nsrv = nsrv;
    b->cur = nsrv;
    b->srv = &srvs[0];
    b->stop_at_end = stop_at_end;
    b->last_progress = now_seconds();
    b->metrics = metrics;
    if (!b->metrics) {
        b->metrics = metrics_new(cfg, 0);
        b->own_metrics = true;
        if (!b->metrics) {
            free(b);
            return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
        }
    }
    uint32_t delay = cfg->retry_initial_ms;
    int rc = mapper_new(&b->mapper, cfg, err);
    /* The configured sinks (the configuration's are sink types', sink.h),
     * in their order: a store that is down at startup is waited for, like
     * one that goes down later. */
    if (rc == 0 && cfg->nsinks > MAX_SINKS)
        rc = bb_error_set(err, BB_ERR_USAGE, "%zu kinds of sink, at most %d", cfg->nsinks,
                          MAX_SINKS);
    for (size_t k = 0; k < cfg->nsinks && rc == 0 && !bridge_stop_requested; k++)
        if (config_sink_url(cfg, k))
            rc = open_sink(b, k, &delay, err);
    if (rc < 0 || bridge_stop_requested)
        goto done;

    for (;;) {
        struct bb_error e = { 0 };
        bool connected = false;
        uint64_t commits = b->commits;
        double started = now_seconds();
        rc = session(b, &connected, &e);
        if (rc == 0)
            break;
        discard_all(b);
        if (bridge_stop_requested) {
            /* Stopped while failing: nothing unsaved was applied. */
            rc = 0;
            break;
        }
        if (!retryable(e.code)) {
            *err = e;
            break;
        }
        /* One line when an outage starts, one when it ends, and now and
         * then one between; not one per attempt. */
        outage_failed(b, b->fail_who, e.msg, false);
        /* The backoff starts over after a session that got somewhere: it
         * committed, or stayed connected a while. One that connects and
         * fails at once again (a store refusing every batch) backs off
         * further each time rather than retrying at the first pace. */
        if (b->commits != commits ||
            (connected && now_seconds() - started >= SETTLED_SESSION_SECONDS))
            delay = cfg->retry_initial_ms;
        backoff(&delay, cfg);
        for (size_t i = 0; i < b->nsinks && !bridge_stop_requested; i++) {
            struct bb_error re = { 0 };
            int k = (int)b->sink_index[i];
            if (b->sinks[i].ops->reconnect(b->sinks[i].ctx, &re) < 0) {
                metrics_note_sink_error(b->metrics, (size_t)k, METRICS_SINK_CONNECT);
                outage_failed(b, k, re.msg, false);
            } else if (k == b->fail_who) {
                metrics_note_sink_reconnect(b->metrics, (size_t)k);
            }
        }
    }
done:
    /* the last progress line (or that it never connected) */
    if (rc == 0)
        progress(b, true);
    for (size_t i = 0; i < b->nsinks; i++)
        b->sinks[i].ops->close(b->sinks[i].ctx);
    mapper_free(b->mapper);
    if (b->own_metrics)
        metrics_free(b->metrics);
    warned_clear(&b->warned);
    warned_clear(&b->null_keys);
    gtid_set_destroy(&b->executed);
    free(b->merged);
    free(b);
    return rc;
}
