/* gtid_resume.c - executed sets, what a server can serve, checkpoint
 * order by GTIDs (gtid_resume.h). */
#include "bridge/gtid_resume.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int gtid_executed_note(struct gtid_set *set, const struct bb_event *ev)
{
    switch (ev->type) {
    case PREVIOUS_GTIDS_LOG_EVENT:
        return gtid_set_add_previous(set, &ev->previous_gtids);
    case GTID_LOG_EVENT:
    case BB_GTID_TAGGED_LOG_EVENT:
        return gtid_set_add_gtid(set, &ev->gtid);
    default:
        return 0;
    }
}

int gtid_executed_until(struct bb_stream *s, const char *file, uint64_t pos,
                        struct gtid_set *set, struct bb_error *err)
{
    const struct bb_event *ev;
    int rc;
    while ((rc = bb_stream_next(s, &ev, err)) > 0) {
        bool artificial = (ev->flags & LOG_EVENT_ARTIFICIAL_F) || ev->type == ROTATE_EVENT ||
                          ev->type == HEARTBEAT_LOG_EVENT;
        if (!artificial && !ev->in_payload && (!file || strcmp(ev->log_file, file) == 0) &&
            ev->pos >= pos)
            return 0;
        if (ev->in_payload)
            continue;
        rc = gtid_executed_note(set, ev);
        if (rc < 0)
            return bb_error_set(err, rc, "%s at %s:%llu: a GTID set that cannot be kept",
                                bb_event_type_name(ev->type), ev->log_file,
                                (unsigned long long)ev->pos);
    }
    if (rc < 0)
        return rc;
    return 0;   /* the position is the end of what the server has: all of it counted */
}

int gtid_can_serve(bool mariadb, const char *cp_gtid, const char *server_state,
                   const char *server_purged, enum gtid_serve *verdict, struct bb_buf *what,
                   struct bb_error *err)
{
    *verdict = GTID_SERVE_OK;
    if (mariadb) {
        struct mariadb_gtid_pos *pos = malloc(3 * sizeof *pos);
        if (!pos)
            return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
        struct mariadb_gtid_pos *state = pos + 1, *purged = pos + 2;
        int rc = mariadb_gtid_parse(pos, cp_gtid, false, err);
        if (rc == 0)
            rc = mariadb_gtid_parse(state, server_state, true, err);
        if (rc == 0)
            rc = mariadb_gtid_parse(purged, server_purged, false, err);
        if (rc == 0 && mariadb_gtid_missing(pos, state, what)) {
            *verdict = GTID_SERVE_BEHIND;
        } else if (rc == 0) {
            /* The oldest binlog starts after purged: a domain of it that
             * the checkpoint has not reached (or lacks) needs what is gone. */
            bool first = true;
            for (size_t i = 0; i < purged->n; i++) {
                const struct bb_mariadb_gtid *g = &purged->g[i];
                if (mariadb_gtid_contains(pos, g->domain_id, g->seq_no))
                    continue;
                *verdict = GTID_SERVE_PURGED;
                const struct bb_mariadb_gtid *have = mariadb_gtid_domain(pos, g->domain_id);
                bb_buf_printf(what, "%sdomain %u: the oldest binlog starts after %u-%u-%llu, ",
                              first ? "" : "; ", g->domain_id, g->domain_id, g->server_id,
                              (unsigned long long)g->seq_no);
                if (have)
                    bb_buf_printf(what, "the checkpoint is at %u-%u-%llu", have->domain_id,
                                  have->server_id, (unsigned long long)have->seq_no);
                else
                    bb_buf_puts(what, "the checkpoint has nothing of it");
                first = false;
            }
        }
        free(pos);
        return rc;
    }
    struct gtid_set cp, state, purged, diff;
    gtid_set_init(&cp);
    gtid_set_init(&state);
    gtid_set_init(&purged);
    gtid_set_init(&diff);
    int rc = gtid_set_parse(&cp, cp_gtid, err);
    if (rc == 0)
        rc = gtid_set_parse(&state, server_state, err);
    if (rc == 0)
        rc = gtid_set_parse(&purged, server_purged, err);
    if (rc == 0 && (rc = gtid_set_subtract(&cp, &state, &diff)) == 0 && !gtid_set_is_empty(&diff)) {
        *verdict = GTID_SERVE_BEHIND;
        gtid_set_text(&diff, what);
    } else if (rc == 0 && (rc = gtid_set_subtract(&purged, &cp, &diff)) == 0 &&
               !gtid_set_is_empty(&diff)) {
        *verdict = GTID_SERVE_PURGED;
        gtid_set_text(&diff, what);
    }
    if (rc < 0 && !err->code)
        rc = bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    gtid_set_destroy(&cp);
    gtid_set_destroy(&state);
    gtid_set_destroy(&purged);
    gtid_set_destroy(&diff);
    return rc;
}

/* a's GTIDs within b's, and b's within a's */
static int gtid_holds(bool mariadb, const char *a, const char *b, bool *a_in_b, bool *b_in_a)
{
    struct bb_error err = { 0 };
    if (mariadb) {
        struct mariadb_gtid_pos *p = malloc(2 * sizeof *p);
        if (!p)
            return -1;
        int rc = mariadb_gtid_parse(&p[0], a, false, &err);
        if (rc == 0)
            rc = mariadb_gtid_parse(&p[1], b, false, &err);
        if (rc == 0) {
            *a_in_b = mariadb_gtid_is_subset(&p[0], &p[1]);
            *b_in_a = mariadb_gtid_is_subset(&p[1], &p[0]);
        }
        free(p);
        return rc;
    }
    struct gtid_set x, y;
    gtid_set_init(&x);
    gtid_set_init(&y);
    int rc = gtid_set_parse(&x, a, &err);
    if (rc == 0)
        rc = gtid_set_parse(&y, b, &err);
    if (rc == 0) {
        *a_in_b = gtid_set_is_subset(&x, &y);
        *b_in_a = gtid_set_is_subset(&y, &x);
    }
    gtid_set_destroy(&x);
    gtid_set_destroy(&y);
    return rc;
}

int gtid_checkpoint_compare(bool mariadb, const struct checkpoint *a, const struct checkpoint *b)
{
    bool a_in_b = false, b_in_a = false;
    if (gtid_holds(mariadb, a->gtid, b->gtid, &a_in_b, &b_in_a) < 0)
        return 1;
    if (a_in_b && !b_in_a)
        return -1;
    if (!a_in_b)
        return 1;
    /* the same GTIDs: a transaction in progress orders them */
    uint64_t ra = a->rows_done, rb = b->rows_done;
    if (ra && rb && strcmp(a->txn_gtid, b->txn_gtid) != 0)
        return 1;
    return ra < rb ? -1 : ra > rb;
}

bool gtid_checkpoint_holds(bool mariadb, const struct checkpoint *cp, const char *g)
{
    struct bb_error err = { 0 };
    if (mariadb) {
        struct mariadb_gtid_pos *p = malloc(2 * sizeof *p);
        if (!p)
            return false;
        bool held = false;
        if (mariadb_gtid_parse(&p[0], cp->gtid, false, &err) == 0 &&
            mariadb_gtid_parse(&p[1], g, false, &err) == 0 && p[1].n == 1)
            held = mariadb_gtid_contains(&p[0], p[1].g[0].domain_id, p[1].g[0].seq_no);
        free(p);
        return held;
    }
    struct gtid_set x, y;
    gtid_set_init(&x);
    gtid_set_init(&y);
    bool held = gtid_set_parse(&x, cp->gtid, &err) == 0 && gtid_set_parse(&y, g, &err) == 0 &&
                !gtid_set_is_empty(&y) && gtid_set_is_subset(&y, &x);
    gtid_set_destroy(&x);
    gtid_set_destroy(&y);
    return held;
}
