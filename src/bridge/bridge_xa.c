/* bridge_xa.c - XA transactions: applied when they commit, their rows read
 * again from where their XA PREPARE left them (see below). */
#include "bridge/bridge_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/log.h"
#include "mysql/xa.h"


/* ------------------------------------------------------------------ */
/* XA transactions                                                     */

/* An XA transaction reaches the binlog when it is prepared, and its XA
 * COMMIT or XA ROLLBACK is a transaction of its own, maybe much later (or
 * never). So it is applied at its commit: its rows are skipped as they are
 * read, and the checkpoint moves past it listing it among the pending XA
 * transactions with the position where its events start (xa_pending).
 * Its XA COMMIT reads those events again, on a second, short binlog read,
 * and applies their rows as the rows of the XA COMMIT's own transaction:
 * chunk checkpoints of a large one count its rows as for any other, and a
 * restart in the middle finds the list and the position in the
 * checkpoint. XA ROLLBACK only takes it off the list. Nothing of a
 * prepared transaction is kept in memory, so memory stays bounded however
 * large it is, and however long it stays prepared. MySQL's XA COMMIT ...
 * ONE PHASE is an XA transaction whose XA_PREPARE event says one phase: its
 * rows are read again at once. MariaDB logs that one as an ordinary
 * transaction. An XA COMMIT of a transaction prepared before the position
 * the bridge started from (a start at "current", an initial load's
 * snapshot) cannot be applied: nothing says where its rows are. */

/* Seconds a read of a prepared transaction waits for the server. */
#define XA_READ_TIMEOUT 60

/* The transaction being read is XA transaction xid (MariaDB's GTID_EVENT
 * of an XA PREPARE, MySQL's XA START): its rows wait for its commit,
 * unless the checkpoint cannot list one more. */
void bridge_xa_begin(struct bridge *b, const struct bb_event *ev, const char *xid)
{
    /* Entries without a position (prepared before the start, listed for
     * a warning at their commit) give way to one whose rows are needed. */
    const char *cursor = b->cp.xa_pending;
    char other[XA_ID_TEXT_MAX], file[CHECKPOINT_FILE_MAX];
    uint64_t at, server;
    while (!checkpoint_xa_fits(&b->cp, xid, b->txn_file) &&
           checkpoint_xa_next(&cursor, other, sizeof other, file, sizeof file, &at, &server)) {
        if (!file[0]) {
            checkpoint_xa_remove(&b->cp, other);
            cursor = b->cp.xa_pending;
        }
    }
    if (!checkpoint_xa_fits(&b->cp, xid, b->txn_file)) {
        log_warn("%s:%llu: XA transaction %s: more XA transactions are prepared and pending "
                 "than the checkpoint can list (%d bytes): it is applied as it is prepared, and "
                 "a later XA ROLLBACK of it is not undone", ev->log_file,
                 (unsigned long long)ev->pos, xid, CHECKPOINT_XA_MAX);
        return;
    }
    b->txn_xa = true;
    b->txn_xa_rows = false;
    snprintf(b->txn_xid, sizeof b->txn_xid, "%s", xid);
}

/* Does any sink still need rows of the transaction being read (a sink
 * whose checkpoint is past it does not)? */
static bool txn_wanted(const struct bridge *b)
{
    for (size_t i = 0; i < b->nsinks; i++)
        if (bridge_sink_wants(b, i, b->txn_file, b->txn_pos, UINT64_MAX))
            return true;
    return false;
}

/* Read XA transaction xid again from file:pos, where its events start,
 * to its XA_PREPARE event, and apply its rows as rows of the transaction
 * being read, where `at` (the event that commits it) is. The read is a
 * second binlog connection that stops at the end of the binlog (server id
 * 0, which leaves the bridge's own dump alone). Returns 1 when every row
 * is applied, 0 when a stop was requested in the middle (the session then
 * saves a chunk checkpoint), or a negative error. */
static int xa_apply(struct bridge *b, const char *xid, const char *file, uint64_t pos,
                    const struct bb_event *at, struct bb_error *err)
{
    struct bb_server_options o = *b->srv;
    o.blocking = false;
    o.server_id = 0;
    o.heartbeat_period = 0;
    /* The events are there to be sent: a server silent this long is gone
     * (a retry resumes from the checkpoint). */
    if (!o.read_timeout)
        o.read_timeout = XA_READ_TIMEOUT;
    o.start = BB_START_POSITION;
    o.start_file = file;
    o.start_pos = pos;
    struct bb_stream_options so;
    bb_stream_options_init(&so);
    so.filter.table_filter = bridge_table_included;
    so.filter.table_filter_ctx = (void *)b->cfg;
    struct bb_stream *s;
    log_debug("%s:%llu: XA COMMIT of %s: reading its rows again from %s:%llu", at->log_file,
              (unsigned long long)at->pos, xid, file, (unsigned long long)pos);
    int rc = bb_stream_open_server(&s, &o, &so, err);
    const struct bb_event *ev;
    bool prepared = false, applying = false;
    b->xa_commit = at;
    while (rc == 0 && !bridge_stop_requested && (rc = bb_stream_next(s, &ev, err)) > 0) {
        rc = 0;
        char seen[XA_ID_TEXT_MAX] = "(an xid too long)";
        if (bb_event_is_rows(ev)) {
            rc = bridge_apply_rows(b, ev, err);
            applying = rc < 0;
        } else if (ev->type == XA_PREPARE_LOG_EVENT) {
            const struct bb_ev_xa_prepare *x = &ev->xa_prepare;
            if (xa_id_text(x->format_id, &x->gtrid, &x->bqual, seen) < 0 || strcmp(seen, xid))
                rc = bb_error_set(err, BB_ERR_CORRUPT, "the transaction there is XA transaction "
                                  "%s, not %s", seen, xid);
            prepared = true;
            break;
        } else if ((ev->type == XID_EVENT || ev->type == GTID_EVENT ||
                    ev->type == GTID_LOG_EVENT || ev->type == ANONYMOUS_GTID_LOG_EVENT ||
                    ev->type == BB_GTID_TAGGED_LOG_EVENT) && ev->pos != pos) {
            rc = bb_error_set(err, BB_ERR_CORRUPT, "%s at %s:%llu comes before the transaction's "
                              "XA_PREPARE event", bb_event_type_name(ev->type),
                              ev->log_file, (unsigned long long)ev->pos);
        }
    }
    b->xa_commit = NULL;
    bb_stream_close(s);
    if (rc == 0 && !prepared && !bridge_stop_requested)
        rc = bb_error_set(err, BB_ERR_CORRUPT, "the binlog ends before its XA_PREPARE event");
    if (rc < 0 && applying) {
        bb_error_prefix(err, "XA COMMIT of %s at %s:%llu", xid, at->log_file,
                        (unsigned long long)at->pos);
        return rc;
    }
    if (rc < 0) {
        bb_error_prefix(err, "XA COMMIT of %s at %s:%llu: reading its prepared transaction at "
                        "%s:%llu again", xid, at->log_file, (unsigned long long)at->pos, file,
                        (unsigned long long)pos);
        if (err->code != BB_ERR_IO) {
            size_t n = strlen(err->msg);
            snprintf(err->msg + n, sizeof err->msg - n, "; its changes cannot be applied: "
                     "resynchronise the target (delete the checkpoint and start with "
                     "--start snapshot)");
        }
        return rc;
    }
    return prepared ? 1 : 0;
}

/* The XA_PREPARE event that ends an XA transaction. */
int bridge_xa_prepared(struct bridge *b, const struct bb_event *ev, struct bb_error *err)
{
    if (!b->txn_xa)         /* applied as read: the checkpoint could not list it */
        return bridge_end_txn(b, ev, err);
    const struct bb_ev_xa_prepare *x = &ev->xa_prepare;
    char xid[XA_ID_TEXT_MAX];
    if (xa_id_text(x->format_id, &x->gtrid, &x->bqual, xid) < 0 || strcmp(xid, b->txn_xid))
        return bb_error_set(err, BB_ERR_CORRUPT, "XA_PREPARE at %s:%llu names XA transaction %s, "
                            "but the transaction began as %s", ev->log_file,
                            (unsigned long long)ev->pos, xid, b->txn_xid);
    b->txn_xa = false;
    if (x->one_phase) {
        /* MySQL's XA COMMIT ... ONE PHASE: committed with this event */
        if (b->txn_xa_rows && txn_wanted(b)) {
            int rc = xa_apply(b, xid, b->txn_file, b->txn_pos, ev, err);
            if (rc <= 0)
                return rc;
        }
        return bridge_end_txn(b, ev, err);
    }
    /* Listed before the start (XA RECOVER just before the position was
     * read): it was prepared after all, here. */
    checkpoint_xa_remove(&b->cp, xid);
    if (!b->txn_xa_rows) {
        /* Nothing of it is mirrored: its commit or rollback changes
         * nothing, and it takes no room in the list. */
        log_debug("%s:%llu: XA transaction %s prepared, no mirrored rows", ev->log_file,
                  (unsigned long long)ev->pos, xid);
        return bridge_end_txn(b, ev, err);
    }
    if (checkpoint_xa_add(&b->cp, xid, b->txn_file, b->txn_pos, b->facts.server_id) < 0)
        return bb_error_set(err, BB_ERR_LIMIT, "XA transaction %s at %s:%llu does not fit in the "
                            "checkpoint's list", xid, b->txn_file,
                            (unsigned long long)b->txn_pos);   /* xa_begin saw that it did */
    log_debug("%s:%llu: XA transaction %s prepared: applied at its XA COMMIT", ev->log_file,
              (unsigned long long)ev->pos, xid);
    return bridge_end_txn(b, ev, err);
}

/* An XA statement (a QUERY event). */
int bridge_xa_statement_event(struct bridge *b, const struct bb_event *ev, enum xa_verb verb,
                              const char *xid, struct bb_error *err)
{
    if (verb == XA_VERB_START) {            /* MySQL: the transaction's first statement */
        if (!b->in_txn)
            bridge_begin_txn(b, ev, false);
        bridge_xa_begin(b, ev, xid);
        return 0;
    }
    if (verb == XA_VERB_END)                /* the XA_PREPARE event ends the transaction */
        return 0;
    /* XA COMMIT, XA ROLLBACK: a transaction of their own */
    if (!b->in_txn)
        bridge_begin_txn(b, ev, true);
    char file[CHECKPOINT_FILE_MAX];
    uint64_t pos, server;
    if (!checkpoint_xa_find(&b->cp, xid, file, sizeof file, &pos, &server)) {
        /* Prepared after the start with no mirrored rows (or, where XA
         * RECOVER was refused at the start, maybe before it: warned then). */
        log_debug("%s:%llu: XA %s of %s: no mirrored rows", ev->log_file,
                  (unsigned long long)ev->pos, verb == XA_VERB_COMMIT ? "COMMIT" : "ROLLBACK",
                  xid);
        return bridge_end_txn(b, ev, err);
    }
    if (verb == XA_VERB_COMMIT && !file[0])
        log_warn("%s:%llu: XA COMMIT of %s, which was prepared before the position binbridge "
                 "started from (an initial load or a start at the current position): where its "
                 "rows are is not known, so changes it made to mirrored tables are not applied; "
                 "reload those tables (start again with --start snapshot) if it made any",
                 ev->log_file, (unsigned long long)ev->pos, xid);
    /* Its position is one of the server that logged its XA PREPARE
     * (the entry says which): after a switch to another server, that
     * file and offset are somewhere else in another binlog, or nowhere.
     * A replica with log_slave_updates logged the XA PREPARE too, at a
     * place of its own, but nothing in the checkpoint finds that place
     * for sure (README, "Failover"): stop, saying what to do, rather than
     * read whatever is there. An entry whose server is not known (a
     * record of an older binbridge without server_id) is read where it
     * says, as it always was. */
    if (verb == XA_VERB_COMMIT && file[0] && txn_wanted(b) && server &&
        server != b->facts.server_id)
        return bb_error_set(err, BB_ERR_SERVER, "%s:%llu: XA COMMIT of %s, prepared at %s:%llu "
                            "of server_id %llu before a switch to this server (server_id %u): "
                            "its rows cannot be read again here; reload the tables it changed "
                            "(delete the checkpoint, start with source.start = \"snapshot\")",
                            ev->log_file, (unsigned long long)ev->pos, xid, file,
                            (unsigned long long)pos, (unsigned long long)server,
                            b->facts.server_id);
    if (verb == XA_VERB_COMMIT && file[0] && txn_wanted(b)) {
        int rc = xa_apply(b, xid, file, pos, ev, err);
        if (rc <= 0)
            return rc;
    }
    log_debug("%s:%llu: XA %s of %s", ev->log_file, (unsigned long long)ev->pos,
              verb == XA_VERB_COMMIT ? "COMMIT" : "ROLLBACK", xid);
    checkpoint_xa_remove(&b->cp, xid);
    return bridge_end_txn(b, ev, err);
}

/* A start with no checkpoint (at the current position, or from a
 * snapshot): the XA transactions prepared on the server then are listed
 * without a position, so that the commit of one is warned about (where
 * its rows are is not known). Their number is bounded by what the list
 * holds; a later transaction that needs room takes it from them. */
void bridge_note_xa_before_start(struct checkpoint *cp, const char *xids, bool known,
                                 const char *why)
{
    if (!known) {
        log_warn("cannot list the XA transactions prepared on the source (%s): an XA COMMIT of "
                 "one prepared before this start is not noticed; its changes to mirrored tables "
                 "would not be applied", why);
        return;
    }
    char xid[XA_ID_TEXT_MAX], file[CHECKPOINT_FILE_MAX];
    uint64_t pos, server;
    for (const char *p = xids; *p;) {
        size_t n = strcspn(p, " ");
        if (n < sizeof xid) {
            memcpy(xid, p, n);
            xid[n] = '\0';
            if (!checkpoint_xa_find(cp, xid, file, sizeof file, &pos, &server) &&
                checkpoint_xa_add(cp, xid, NULL, 0, 0) < 0)
                break;
        }
        p += n + (p[n] == ' ');
    }
    if (xids[0])
        log_info("XA transactions prepared on the source before this start: %s", xids);
}
