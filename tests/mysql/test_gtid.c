/* test_gtid.c - MySQL GTID sets and MariaDB GTID positions (mysql/gtid.h),
 * and the executed set kept from a binlog's events, checked against the
 * PREVIOUS_GTIDS events real servers wrote (the corpus). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "bridge/gtid_resume.h"
#include "mapping/checkpoint.h"
#include "mysql/gtid.h"
#include "mysql/server_conn.h"
#include "tests/testutil.h"

static char *text_of(const struct gtid_set *s)
{
    struct bb_buf b;
    bb_buf_init(&b);
    gtid_set_text(s, &b);
    bb_buf_putc(&b, '\0');
    return b.data;
}

/* parse text, print it back */
static void expect_text(const char *in, const char *out)
{
    struct gtid_set s;
    gtid_set_init(&s);
    struct bb_error err = { 0 };
    cr_assert_eq(gtid_set_parse(&s, in, &err), 0, "%s: %s", in, err.msg);
    char *t = text_of(&s);
    cr_assert_str_eq(t, out, "'%s' printed as '%s', not '%s'", in, t, out);
    free(t);
    gtid_set_destroy(&s);
}

#define U1 "3e11fa47-71ca-11e1-9e33-c80aa9429562"
#define U2 "3e11fa47-71ca-11e1-9e33-c80aa9429563"

Test(gtid, sets_merge_intervals_and_keep_gaps)
{
    expect_text("", "");
    expect_text(U1 ":1-5:7-9", U1 ":1-5:7-9");             /* a gap stays a gap */
    expect_text(U1 ":7-9:1-5:6", U1 ":1-9");               /* touching intervals merge */
    expect_text(U1 ":3:1:2:5", U1 ":1-3:5");
    expect_text(" " U2 ":10-12 ,\n" U1 ":1-2", U1 ":1-2," U2 ":10-12"); /* uuid order */
    expect_text(U1 ":1-3:Tag_B:4:tag_a:9,3E11FA4771CA11E19E33C80AA9429562:tag_b:5",
                U1 ":1-3:tag_a:9:tag_b:4-5");               /* untagged first, tags lower case */
    expect_text(U1 ":1-3," U1 ":2-8", U1 ":1-8");
}

Test(gtid, set_contains_subset_and_difference)
{
    struct gtid_set a, b, d;
    gtid_set_init(&a);
    gtid_set_init(&b);
    gtid_set_init(&d);
    struct bb_error err = { 0 };
    cr_assert_eq(gtid_set_parse(&a, U1 ":1-10:20-30:tg:1-5," U2 ":1-3", &err), 0, "%s", err.msg);
    cr_assert_eq(gtid_set_parse(&b, U1 ":1-4:6-10:20-25:tg:1-5", &err), 0, "%s", err.msg);
    uint8_t u1[16];
    memcpy(u1, a.sids[0].uuid, 16);
    cr_assert(gtid_set_contains(&a, u1, "", 0, 1));
    cr_assert(gtid_set_contains(&a, u1, "", 0, 10));
    cr_assert_not(gtid_set_contains(&a, u1, "", 0, 11));
    cr_assert_not(gtid_set_contains(&a, u1, "", 0, 19));
    cr_assert(gtid_set_contains(&a, u1, "", 0, 30));
    cr_assert(gtid_set_contains(&a, u1, "TG", 2, 5), "tags compare in lower case");
    cr_assert_not(gtid_set_contains(&a, u1, "tg", 2, 6));
    cr_assert_not(gtid_set_contains(&a, u1, "other", 5, 1));

    cr_assert(gtid_set_is_subset(&b, &a));
    cr_assert_not(gtid_set_is_subset(&a, &b));
    cr_assert_eq(gtid_set_subtract(&a, &b, &d), 0);
    char *t = text_of(&d);
    cr_assert_str_eq(t, U1 ":5:26-30," U2 ":1-3");
    free(t);
    cr_assert_eq(gtid_set_subtract(&b, &a, &d), 0);
    cr_assert(gtid_set_is_empty(&d));
    cr_assert_eq(gtid_set_add_set(&b, &a), 0);
    cr_assert(gtid_set_equal(&a, &b));
    gtid_set_destroy(&a);
    gtid_set_destroy(&b);
    gtid_set_destroy(&d);
}

Test(gtid, bad_sets_are_refused_with_the_offset)
{
    static const char *const bad[] = {
        U1, U1 ":", U1 ":0", U1 ":5-3", U1 ":1-3,", U1 ":tag", "xyz:1",
        U1 ":abcdefghijabcdefghijabcdefghijabc:1", U1 ":1-3;" U2 ":1",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        struct gtid_set s;
        gtid_set_init(&s);
        struct bb_error err = { 0 };
        cr_assert_eq(gtid_set_parse(&s, bad[i], &err), BB_ERR_USAGE, "'%s' accepted", bad[i]);
        cr_assert(strstr(err.msg, "offset") || strstr(err.msg, "interval"), "%s", err.msg);
        gtid_set_destroy(&s);
    }
}

Test(gtid, mariadb_positions_and_what_a_server_lacks)
{
    struct mariadb_gtid_pos pos, state;
    struct bb_error err = { 0 };
    cr_assert_eq(mariadb_gtid_parse(&pos, "0-1-105,1-1-7,5-3-2", false, &err), 0, "%s", err.msg);
    cr_assert(mariadb_gtid_contains(&pos, 0, 105));
    cr_assert(mariadb_gtid_contains(&pos, 0, 3), "an earlier transaction of the domain");
    cr_assert_not(mariadb_gtid_contains(&pos, 0, 106));
    cr_assert_not(mariadb_gtid_contains(&pos, 2, 1), "a domain the position lacks");
    cr_assert_eq(mariadb_gtid_parse(&pos, "0-1-1,0-2-1", false, &err), BB_ERR_USAGE);

    /* a binlog state: one entry per domain and server id */
    cr_assert_eq(mariadb_gtid_parse(&pos, "0-1-105,1-1-7,5-3-2", false, &err), 0, "%s", err.msg);
    cr_assert_eq(mariadb_gtid_parse(&state, "0-1-100,0-2-120,1-1-7,5-3-9", true, &err), 0, "%s",
                 err.msg);
    struct bb_buf b;
    bb_buf_init(&b);
    cr_assert(mariadb_gtid_missing(&pos, &state, &b));
    bb_buf_putc(&b, '\0');
    cr_assert_str_eq(b.data, "0-1-101..0-1-105",
                     "server 2 wrote 101..120 of domain 0 on its own: 0-1-101.. are not there");
    bb_buf_reset(&b);
    cr_assert_eq(mariadb_gtid_parse(&state, "0-1-105,0-2-120,1-1-8,5-3-2,9-9-9", true, &err), 0);
    cr_assert_not(mariadb_gtid_missing(&pos, &state, &b), "the new server has all of them");
    cr_assert_eq(mariadb_gtid_parse(&state, "0-1-104", true, &err), 0);
    cr_assert(mariadb_gtid_missing(&pos, &state, &b));
    bb_buf_putc(&b, '\0');
    cr_assert_str_eq(b.data, "0-1-105,1-1-7,5-3-2");
    bb_buf_destroy(&b);
}

/* What a server can do for a checkpoint's GTID position: its verdict and
 * what it names. */
static void expect_serve(bool mariadb, const char *cp, const char *state, const char *purged,
                         enum gtid_serve want, const char *want_what)
{
    enum gtid_serve v;
    struct bb_buf what;
    bb_buf_init(&what);
    struct bb_error err = { 0 };
    cr_assert_eq(gtid_can_serve(mariadb, cp, state, purged, &v, &what, &err), 0, "%s", err.msg);
    bb_buf_putc(&what, '\0');
    cr_expect_eq(v, want, "checkpoint '%s', server '%s' purged '%s': verdict %d, not %d", cp,
                 state, purged, (int)v, (int)want);
    cr_expect_str_eq(what.data, want_what, "checkpoint '%s', server '%s' purged '%s'", cp,
                     state, purged);
    bb_buf_destroy(&what);
}

/* The hard cases of a switch, decided before a server is followed: a gap
 * in the checkpoint's set stays a gap (the server holds the missing
 * transaction, and sends it; one that lacks it, or purged it, is named
 * by exactly that GTID, never a flattened range); a new server UUID,
 * server id or domain on the new primary is not in the checkpoint, so
 * its transactions come from their start, unless they were purged. */
Test(gtid, what_a_server_can_serve_keeps_gaps_and_new_servers)
{
    /* MySQL */
    expect_serve(false, U1 ":1-5:7-9", U1 ":1-9", "", GTID_SERVE_OK, "");
    expect_serve(false, U1 ":1-9", U1 ":1-5:7-12", "", GTID_SERVE_BEHIND, U1 ":6");
    expect_serve(false, U1 ":1-5:7-9", U1 ":1-12", U1 ":1-6", GTID_SERVE_PURGED, U1 ":6");
    expect_serve(false, U1 ":1-5:7-9", U1 ":1-12", U1 ":1-5", GTID_SERVE_OK, "");
    expect_serve(false, U1 ":1-9", U1 ":1-9," U2 ":1-3", "", GTID_SERVE_OK, "");
    expect_serve(false, U1 ":1-9", U1 ":1-9," U2 ":1-3", U2 ":1", GTID_SERVE_PURGED, U2 ":1");
    expect_serve(false, U1 ":1-9:tg:1-2", U1 ":1-12", "", GTID_SERVE_BEHIND, U1 ":tg:1-2");
    /* MariaDB: server id 2 and domain 7 are new on the promoted replica */
    expect_serve(true, "0-1-105", "0-1-105,0-2-120,7-2-3", "0-1-90", GTID_SERVE_OK, "");
    expect_serve(true, "0-1-105", "0-1-105,0-2-120,7-2-3", "0-2-110,7-2-1", GTID_SERVE_PURGED,
                 "domain 0: the oldest binlog starts after 0-2-110, the checkpoint is at 0-1-105; "
                 "domain 7: the oldest binlog starts after 7-2-1, the checkpoint has nothing of "
                 "it");
    expect_serve(true, "0-1-105", "0-1-100,0-2-120", "", GTID_SERVE_BEHIND, "0-1-101..0-1-105");
}

/* The executed set follows the stream's GTIDs as they come: one that
 * skips a number leaves a gap, which closes only when the missing one
 * comes. */
Test(gtid, executed_set_keeps_a_gap_in_the_stream)
{
    struct gtid_set set, u;
    gtid_set_init(&set);
    gtid_set_init(&u);
    struct bb_error err = { 0 };
    cr_assert_eq(gtid_set_parse(&set, U1 ":1-5", &err), 0, "%s", err.msg);
    cr_assert_eq(gtid_set_parse(&u, U1 ":1", &err), 0, "%s", err.msg);
    struct bb_event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = GTID_LOG_EVENT;
    memcpy(ev.gtid.sid, u.sids[0].uuid, 16);
    ev.gtid.gno = 7;
    cr_assert_eq(gtid_executed_note(&set, &ev), 0);
    char *t = text_of(&set);
    cr_assert_str_eq(t, U1 ":1-5:7");
    free(t);
    ev.gtid.gno = 6;
    cr_assert_eq(gtid_executed_note(&set, &ev), 0);
    t = text_of(&set);
    cr_assert_str_eq(t, U1 ":1-7");
    free(t);
    gtid_set_destroy(&set);
    gtid_set_destroy(&u);
}

/* The body of the first PREVIOUS_GTIDS event of a corpus file, and the
 * executed set at the end of the file (that event's set plus every GTID
 * after it), as text. */
static void corpus_sets(const char *name, struct bb_buf *prev_body, char **prev_text,
                        char **end_text)
{
    const char *path = corpus_path(name);
    struct bb_stream *s;
    struct bb_error err = { 0 };
    cr_assert_eq(bb_stream_open_files(&s, &path, 1, NULL, &err), 0, "%s: %s", name, err.msg);
    struct gtid_set prev, all;
    gtid_set_init(&prev);
    gtid_set_init(&all);
    const struct bb_event *ev;
    bool seen = false;
    int rc;
    while ((rc = bb_stream_next(s, &ev, &err)) > 0) {
        if (ev->type == PREVIOUS_GTIDS_LOG_EVENT && !seen) {
            seen = true;
            bb_buf_append(prev_body, ev->body.p, ev->body.len);
            cr_assert_eq(gtid_set_add_previous(&prev, &ev->previous_gtids), 0);
        }
        cr_assert_eq(gtid_executed_note(&all, ev), 0, "%s at %llu", name,
                     (unsigned long long)ev->pos);
    }
    cr_assert_eq(rc, 0, "%s: %s", name, err.msg);
    cr_assert(seen, "%s has no PREVIOUS_GTIDS event", name);
    bb_stream_close(s);
    *prev_text = text_of(&prev);
    *end_text = text_of(&all);
    gtid_set_destroy(&prev);
    gtid_set_destroy(&all);
}

/* What we send in COM_BINLOG_DUMP_GTID is a PREVIOUS_GTIDS body: the set a
 * real server wrote, parsed from its text and encoded again, is the same
 * bytes. Tagged (MySQL 8.3+) and untagged layouts. */
Test(gtid, encoded_sets_are_the_bytes_servers_write)
{
    static const char *const files[] = {
        "rmc-binlog_transaction_with_GTID_TAG.000001",   /* tagged: 1-13 and mytag:1-2 */
        "ikari-mysql-bin56.000002",                      /* MySQL 5.6, several uuids */
        "pbs-80045_gtid-binlog.000002",                  /* MySQL 8.0.45 */
        "rmc-binlog_transaction_previous_GTID_no_tag.000001",
        "ape-mysql-bin.000080",
        "walg-binlog_small_test",
        "pbs-80045_gtid-binlog.000001",                  /* the empty set */
    };
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        struct bb_buf body, again;
        bb_buf_init(&body);
        bb_buf_init(&again);
        char *prev, *end;
        corpus_sets(files[i], &body, &prev, &end);
        struct bb_error err = { 0 };
        cr_assert_eq(server_gtid_encode_mysql(prev, &again, &err), 0, "%s: %s", files[i],
                     err.msg);
        cr_assert_eq(again.len, body.len, "%s: '%s' encodes to %zu bytes, the server wrote %zu",
                     files[i], prev, again.len, body.len);
        cr_assert_eq(memcmp(again.data, body.data, body.len), 0, "%s: '%s' differs from the "
                     "server's bytes", files[i], prev);
        cr_log_info("%s: %s (%zu bytes)", files[i], prev, body.len);
        free(prev);
        free(end);
        bb_buf_destroy(&body);
        bb_buf_destroy(&again);
    }
}

/* The executed set kept from the events: at the end of one file it is
 * what the next file's PREVIOUS_GTIDS says, and tagged GTIDs join their
 * tag's intervals. */
Test(gtid, executed_sets_follow_the_binlog)
{
    struct bb_buf body;
    bb_buf_init(&body);
    char *prev1, *end1, *prev2, *end2;
    corpus_sets("pbs-80045_gtid-binlog.000001", &body, &prev1, &end1);
    corpus_sets("pbs-80045_gtid-binlog.000002", &body, &prev2, &end2);
    cr_assert_str_eq(prev1, "");
    cr_assert_str_eq(end1, "396e294c-1ca4-11f1-9ae7-00155da79c6b:1-4");
    cr_assert_str_eq(end1, prev2, "the end of .000001 is where .000002 starts");
    cr_assert_str_eq(end2, "396e294c-1ca4-11f1-9ae7-00155da79c6b:1-6");
    free(prev1);
    free(end1);
    free(prev2);
    free(end2);

    char *p, *e;
    corpus_sets("rmc-binlog_transaction_with_GTID_TAG.000001", &body, &p, &e);
    cr_assert_str_eq(p, "55778904-0299-11f1-b1b8-4ef0c4956feb:1-13:mytag:1-2");
    cr_assert_str_eq(e, "55778904-0299-11f1-b1b8-4ef0c4956feb:1-13:mytag:1-3",
                     "GTID_TAGGED mytag:3 joins mytag's interval");
    free(p);
    free(e);
    bb_buf_destroy(&body);
}

/* The executed set at a position inside a file: its PREVIOUS_GTIDS and
 * the GTIDs before the position (how a checkpoint of an older binbridge,
 * which kept only the last GTID, gets its set back). */
Test(gtid, executed_set_at_a_position)
{
    const char *path = corpus_path("pbs-80045_gtid-binlog.000002");
    /* the transactions of .000002 start at 197 (gtid :5) and after :5 */
    uint64_t starts[2] = { 0, 0 };
    struct bb_stream *s;
    struct bb_error err = { 0 };
    cr_assert_eq(bb_stream_open_files(&s, &path, 1, NULL, &err), 0, "%s", err.msg);
    const struct bb_event *ev;
    size_t n = 0;
    while (bb_stream_next(s, &ev, &err) > 0)
        if (ev->type == GTID_LOG_EVENT && n < 2)
            starts[n++] = ev->pos;
    bb_stream_close(s);
    cr_assert_eq(n, 2);
    const char *want[2] = { "396e294c-1ca4-11f1-9ae7-00155da79c6b:1-4",
                            "396e294c-1ca4-11f1-9ae7-00155da79c6b:1-5" };
    for (size_t i = 0; i < 2; i++) {
        cr_assert_eq(bb_stream_open_files(&s, &path, 1, NULL, &err), 0, "%s", err.msg);
        struct gtid_set set;
        gtid_set_init(&set);
        cr_assert_eq(gtid_executed_until(s, NULL, starts[i], &set, &err), 0, "%s", err.msg);
        char *t = text_of(&set);
        cr_assert_str_eq(t, want[i], "at %llu", (unsigned long long)starts[i]);
        free(t);
        gtid_set_destroy(&set);
        bb_stream_close(s);
    }
}

/* Checkpoint records: the new fields read back, and a record of an older
 * binbridge (no format, no txn_gtid) is still read, marked as such. */
static int record_back(const char *const *names, const char *const *vals, size_t n,
                       struct checkpoint *cp, struct bb_error *err)
{
    size_t lens[16];
    for (size_t i = 0; i < n; i++)
        lens[i] = strlen(vals[i]);
    return checkpoint_from_fields(cp, names, vals, lens, n, err);
}

Test(gtid, checkpoint_records_old_and_new)
{
    struct checkpoint cp, back;
    memset(&cp, 0, sizeof cp);
    snprintf(cp.file, sizeof cp.file, "mysql-bin.000007");
    cp.pos = 1234;
    cp.rows_done = 500;
    snprintf(cp.gtid, sizeof cp.gtid, U1 ":1-41:43-50," U2 ":tg:1-3");
    snprintf(cp.txn_gtid, sizeof cp.txn_gtid, U1 ":51");
    static char values[CHECKPOINT_NFIELDS][CHECKPOINT_GTID_MAX];
    checkpoint_field_values(&cp, values);
    const char *vals[CHECKPOINT_NFIELDS];
    for (int i = 0; i < CHECKPOINT_NFIELDS; i++)
        vals[i] = values[i];
    struct bb_error err = { 0 };
    cr_assert_eq(record_back(checkpoint_field_names, vals, CHECKPOINT_NFIELDS, &back, &err), 0,
                 "%s", err.msg);
    cr_assert(back.gtid_full, "a record of this version holds a whole GTID position");
    cr_assert_str_eq(back.gtid, cp.gtid, "the executed set, gap and all");
    cr_assert_str_eq(back.txn_gtid, U1 ":51");
    cr_assert_eq(back.rows_done, 500);

    /* an older binbridge's record: 8 fields, MySQL's last GTID alone */
    static const char *const old_names[] = { "file", "pos", "rows_done", "gtid", "commit_time",
                                             "server_id", "state", "xa_pending" };
    static const char *const old_vals[] = { "mysql-bin.000007", "1234", "0", U1 ":50",
                                            "1700000000", "1", "streaming", "" };
    cr_assert_eq(record_back(old_names, old_vals, 8, &back, &err), 0, "%s", err.msg);
    cr_assert_not(back.gtid_full, "an older record's MySQL GTID is not an executed set");
    cr_assert_str_eq(back.gtid, U1 ":50");
    cr_assert_str_eq(back.txn_gtid, "");
    cr_assert_eq(back.pos, 1234);

    /* a format from the future is refused, not misread */
    static const char *const fut_names[] = { "file", "pos", "format" };
    static const char *const fut_vals[] = { "mysql-bin.000007", "4", "4" };
    cr_assert_eq(record_back(fut_names, fut_vals, 3, &back, &err), BB_ERR_CORRUPT);
    cr_assert(strstr(err.msg, "format '4'"), "%s", err.msg);
    /* format 2 (before the xa_pending entries named their server) is read */
    static const char *const two_vals[] = { "mysql-bin.000007", "4", "2" };
    cr_assert_eq(record_back(fut_names, two_vals, 3, &back, &err), 0, "%s", err.msg);
    cr_assert(back.gtid_full);
}

/* hex text (spaces ignored) as bytes */
static size_t unhex(const char *h, uint8_t *out)
{
    size_t n = 0;
    for (; *h; h++) {
        if (*h == ' ')
            continue;
        unsigned v;
        cr_assert_eq(sscanf(h, "%2x", &v), 1);
        out[n++] = (uint8_t)v;
        h++;
    }
    return n;
}

/* COM_BINLOG_DUMP_GTID byte for byte, as MySQL's protocol documentation
 * lays it out (int<2> flags, int<4> server-id, int<4> filename length,
 * filename, int<8> binlog-pos, int<4> gtid-data-length, gtid-data; the
 * data is Gtid_set::encode's: int<8> n_sids, then per sid 16 bytes, int<8>
 * n_intervals and [start, end) pairs of int<8>; tagged (8.3+): the first
 * 8 bytes are format 1, 6 bytes of n_sids, format 1, and each sid's tag
 * follows its uuid, its length as a varlen (length << 1)). */
Test(gtid, dump_gtid_packets_are_the_documented_bytes)
{
    struct bb_buf set, body;
    bb_buf_init(&set);
    bb_buf_init(&body);
    struct bb_error err = { 0 };
    cr_assert_eq(server_gtid_encode_mysql(U1 ":1-5:7-9", &set, &err), 0, "%s", err.msg);
    server_dump_gtid_body(&body, 0x0004, 0x62620001u, "", 4, &set);
    uint8_t want[256];
    size_t n = unhex("0400" "01006262" "00000000" "0400000000000000" "40000000"
                     "0100000000000000" "3e11fa4771ca11e19e33c80aa9429562" "0200000000000000"
                     "0100000000000000" "0600000000000000" "0700000000000000" "0a00000000000000",
                     want);
    cr_assert_eq(body.len, n, "%zu bytes, not %zu", body.len, n);
    cr_assert_eq(memcmp(body.data, want, n), 0);

    /* tagged, non-blocking, with a file name */
    bb_buf_reset(&set);
    bb_buf_reset(&body);
    cr_assert_eq(server_gtid_encode_mysql(U1 ":3:Ab:1-2", &set, &err), 0, "%s", err.msg);
    server_dump_gtid_body(&body, 0x0005, 7, "b.000001", 0x0102, &set);
    n = unhex("0500" "07000000" "08000000" "622e303030303031" "0201000000000000" "5c000000"
              "0102000000000001"
              "3e11fa4771ca11e19e33c80aa9429562" "00" "0100000000000000"
              "0300000000000000" "0400000000000000"
              "3e11fa4771ca11e19e33c80aa9429562" "04" "6162" "0100000000000000"
              "0100000000000000" "0300000000000000", want);
    cr_assert_eq(body.len, n, "%zu bytes, not %zu", body.len, n);
    cr_assert_eq(memcmp(body.data, want, n), 0);
    bb_buf_destroy(&set);
    bb_buf_destroy(&body);
}
