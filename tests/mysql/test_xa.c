/* test_xa.c - XA statements and xids (xa.c), and the checkpoint's list of
 * pending XA transactions (checkpoint.c: xa_pending, its text form, its
 * parsing back). */
#include <criterion/criterion.h>

#include <stdio.h>
#include <string.h>

#include "mapping/checkpoint.h"
#include "base/error.h"
#include "mysql/xa.h"

static enum xa_verb parse(const char *q, char xid[XA_ID_TEXT_MAX])
{
    struct bb_bytes b = { (const uint8_t *)q, strlen(q) };
    xid[0] = '\0';
    return xa_statement(&b, xid);
}

Test(xa, statements_as_the_servers_log_them)
{
    char xid[XA_ID_TEXT_MAX];
    /* MariaDB 10.11, as seen in its binlog */
    cr_assert_eq(parse("XA END X'7831',X'',1", xid), XA_VERB_END);
    cr_assert_str_eq(xid, "X'7831',X'',1");
    cr_assert_eq(parse("XA COMMIT X'7832',X'',1", xid), XA_VERB_COMMIT);
    cr_assert_str_eq(xid, "X'7832',X'',1");
    cr_assert_eq(parse("XA ROLLBACK X'6762',X'6271',7", xid), XA_VERB_ROLLBACK);
    cr_assert_str_eq(xid, "X'6762',X'6271',7");
    /* MySQL's XA START; lower-case hex and keywords are the same xid */
    cr_assert_eq(parse("XA START X'0a0B',X'ff',4294967295", xid), XA_VERB_START);
    cr_assert_str_eq(xid, "X'0A0B',X'FF',4294967295");
    cr_assert_eq(parse("  xa begin x'31',x'',0 ", xid), XA_VERB_START);
    cr_assert_str_eq(xid, "X'31',X'',0");
}

Test(xa, other_statements_are_not_xa)
{
    char xid[XA_ID_TEXT_MAX];
    static const char *const not_xa[] = {
        "BEGIN", "COMMIT", "XA", "XA RECOVER", "XA PREPARE X'31',X'',1",
        "XA COMMIT X'31',X'',1 ONE PHASE",        /* logged otherwise: not acted on */
        "XA COMMIT 'x1'",                          /* not the logged form */
        "XA COMMIT X'31',X'',",                    /* no format id */
        "XA COMMIT X'31',X''",                     /* no format id */
        "XA COMMIT X'3',X'',1",                    /* odd hex digits */
        "XA COMMIT X'3G',X'',1",                   /* not hex */
        "XA COMMIT X'31',X'',4294967296",          /* format id beyond 32 bits */
        "XA COMMIT X'31,X'',1",                    /* unterminated */
        "XAX COMMIT X'31',X'',1",
        "XA COMMITX'31',X'',1",
        "CREATE TABLE xa (id INT)",
        "",
    };
    for (size_t i = 0; i < sizeof not_xa / sizeof *not_xa; i++)
        cr_assert_eq(parse(not_xa[i], xid), XA_VERB_NONE, "'%s'", not_xa[i]);
    /* 64 bytes per part at most */
    char q[400] = "XA COMMIT X'";
    for (int i = 0; i < 65; i++)
        strcat(q, "41");
    strcat(q, "',X'',1");
    cr_assert_eq(parse(q, xid), XA_VERB_NONE);
    /* every truncation of a valid statement is refused (or is a shorter valid one) */
    const char *full = "XA COMMIT X'7831',X'6271',12";
    for (size_t n = 0; n < strlen(full); n++) {
        char cut[64];
        snprintf(cut, sizeof cut, "%.*s", (int)n, full);
        enum xa_verb v = parse(cut, xid);
        cr_assert(v == XA_VERB_NONE || (n == strlen(full) - 1 && strcmp(xid, "X'7831',X'6271',1") == 0),
                  "'%s' read as %d", cut, (int)v);
    }
}

Test(xa, ids_from_events_match_the_statements)
{
    char a[XA_ID_TEXT_MAX], b[XA_ID_TEXT_MAX];
    struct bb_bytes g = { (const uint8_t *)"x1", 2 }, q = { (const uint8_t *)"", 0 };
    cr_assert_eq(xa_id_text(1, &g, &q, a), 0);
    cr_assert_eq(parse("XA COMMIT X'7831',X'',1", b), XA_VERB_COMMIT);
    cr_assert_str_eq(a, b);
    /* binary bytes and a format id with the top bit set */
    uint8_t bin[3] = { 0x00, 0xff, 0x27 };
    struct bb_bytes gb = { bin, 3 };
    cr_assert_eq(xa_id_text(-1, &gb, &gb, a), 0);
    cr_assert_str_eq(a, "X'00FF27',X'00FF27',4294967295");
    cr_assert(xa_id_valid(a, strlen(a)));
    uint8_t big[65] = { 0 };
    struct bb_bytes too_long = { big, 65 };
    cr_assert_lt(xa_id_text(1, &too_long, &q, a), 0);
    /* the longest xid fits its buffer */
    struct bb_bytes longest = { big, 64 };
    cr_assert_eq(xa_id_text(-1, &longest, &longest, a), 0);
    cr_assert_eq(strlen(a) + 1, (size_t)XA_ID_TEXT_MAX);
    /* canonical text only */
    cr_assert(!xa_id_valid("X'7a',X'',1", 11));
    cr_assert(!xa_id_valid("X'7A',X'',1 ", 12));
    cr_assert(xa_id_valid("X'7A',X'',1", 11));
}

/* The fields of cp, as a sink stores them, read back. */
static int round_trip(const struct checkpoint *cp, struct checkpoint *back, const char *xa,
                      struct bb_error *err)
{
    static char values[CHECKPOINT_NFIELDS][CHECKPOINT_GTID_MAX];
    checkpoint_field_values(cp, values);
    const char *vals[CHECKPOINT_NFIELDS];
    size_t lens[CHECKPOINT_NFIELDS];
    for (int i = 0; i < CHECKPOINT_NFIELDS; i++) {
        vals[i] = values[i];
        lens[i] = strlen(values[i]);
        if (xa && strcmp(checkpoint_field_names[i], "xa_pending") == 0) {
            vals[i] = xa;
            lens[i] = strlen(xa);
        }
    }
    return checkpoint_from_fields(back, checkpoint_field_names, vals, lens, CHECKPOINT_NFIELDS,
                                  err);
}

static struct checkpoint cp_, back_;

Test(xa, pending_list_add_find_remove)
{
    struct checkpoint *cp = &cp_;
    memset(cp, 0, sizeof *cp);
    strcpy(cp->file, "mysql-bin.000004");
    cp->pos = 3130;
    cp->server_id = 1;
    cr_assert_eq(checkpoint_xa_add(cp, "X'7831',X'',1", "mysql-bin.000004", 2612, 1), 0);
    cr_assert_eq(checkpoint_xa_add(cp, "X'78',X'',1", NULL, 0, 0), 0);
    cr_assert_eq(checkpoint_xa_add(cp, "X'7832',X'62',7", "my:odd@name.000004", 12345, 2), 0);
    cr_assert_str_eq(cp->xa_pending, "X'7831',X'',1@mysql-bin.000004:2612@1 X'78',X'',1 "
                     "X'7832',X'62',7@my:odd@name.000004:12345@2");
    char file[CHECKPOINT_FILE_MAX];
    uint64_t pos, server;
    cr_assert(checkpoint_xa_find(cp, "X'7831',X'',1", file, sizeof file, &pos, &server));
    cr_assert_str_eq(file, "mysql-bin.000004");
    cr_assert_eq(pos, 2612);
    cr_assert_eq(server, 1);
    cr_assert(checkpoint_xa_find(cp, "X'78',X'',1", file, sizeof file, &pos, &server));
    cr_assert_str_eq(file, "");
    cr_assert_eq(pos, 0);
    cr_assert_eq(server, 0);
    cr_assert(checkpoint_xa_find(cp, "X'7832',X'62',7", file, sizeof file, &pos, &server));
    cr_assert_str_eq(file, "my:odd@name.000004");
    cr_assert_eq(pos, 12345);
    cr_assert_eq(server, 2, "the server of an entry is its own, not the checkpoint's");
    cr_assert(!checkpoint_xa_find(cp, "X'783',X'',1", file, sizeof file, &pos, &server),
              "a prefix");
    cr_assert(!checkpoint_xa_find(cp, "X'7832',X'62',1", file, sizeof file, &pos, &server));

    /* the list survives the sinks' fields */
    struct bb_error err = { 0 };
    cr_assert_eq(round_trip(cp, &back_, NULL, &err), 0, "%s", err.msg);
    cr_assert_str_eq(back_.xa_pending, cp->xa_pending);
    const char *cursor = back_.xa_pending;
    char xid[XA_ID_TEXT_MAX];
    int n = 0;
    while (checkpoint_xa_next(&cursor, xid, sizeof xid, file, sizeof file, &pos, &server))
        n++;
    cr_assert_eq(n, 3);

    /* removing the middle, the last and the first entries */
    cr_assert(checkpoint_xa_remove(cp, "X'78',X'',1"));
    cr_assert_str_eq(cp->xa_pending, "X'7831',X'',1@mysql-bin.000004:2612@1 "
                     "X'7832',X'62',7@my:odd@name.000004:12345@2");
    cr_assert(!checkpoint_xa_remove(cp, "X'78',X'',1"));
    cr_assert(checkpoint_xa_remove(cp, "X'7832',X'62',7"));
    cr_assert_str_eq(cp->xa_pending, "X'7831',X'',1@mysql-bin.000004:2612@1");
    cr_assert_eq(checkpoint_xa_add(cp, "X'79',X'',1", NULL, 0, 0), 0);
    cr_assert(checkpoint_xa_remove(cp, "X'7831',X'',1"));
    cr_assert_str_eq(cp->xa_pending, "X'79',X'',1");
    cr_assert(checkpoint_xa_remove(cp, "X'79',X'',1"));
    cr_assert_str_eq(cp->xa_pending, "");
}

Test(xa, pending_list_is_bounded)
{
    struct checkpoint *cp = &cp_;
    memset(cp, 0, sizeof *cp);
    char xid[XA_ID_TEXT_MAX];
    unsigned added = 0;
    for (;; added++) {
        snprintf(xid, sizeof xid, "X'%08X',X'',1", added);
        if (!checkpoint_xa_fits(cp, xid, "mysql-bin.000001"))
            break;
        cr_assert_eq(checkpoint_xa_add(cp, xid, "mysql-bin.000001", 18446744073709551615ULL,
                                       4294967295ULL), 0);
    }
    cr_assert_gt(added, 50u, "only %u pending XA transactions fit", added);
    cr_assert_lt(strlen(cp->xa_pending), sizeof cp->xa_pending);
    cr_assert_lt(checkpoint_xa_add(cp, xid, "mysql-bin.000001", 4, 1), 0);
    /* a file name with a space cannot be listed */
    memset(cp, 0, sizeof *cp);
    cr_assert(!checkpoint_xa_fits(cp, "X'31',X'',1", "my bin.000001"));
    cr_assert_lt(checkpoint_xa_add(cp, "X'31',X'',1", "my bin.000001", 4, 1), 0);
    cr_assert(checkpoint_xa_fits(cp, "X'31',X'',1", NULL));
    /* the fullest list still round-trips */
    memset(cp, 0, sizeof *cp);
    strcpy(cp->file, "mysql-bin.000001");
    cp->pos = 4;
    for (unsigned i = 0;; i++) {
        snprintf(xid, sizeof xid, "X'%04X',X'',1", i);
        if (checkpoint_xa_add(cp, xid, NULL, 0, 0) < 0)
            break;
    }
    struct bb_error err = { 0 };
    cr_assert_eq(round_trip(cp, &back_, NULL, &err), 0, "%s", err.msg);
    cr_assert_str_eq(back_.xa_pending, cp->xa_pending);
}

Test(xa, pending_list_parsing_refuses_damage)
{
    struct checkpoint *cp = &cp_;
    memset(cp, 0, sizeof *cp);
    strcpy(cp->file, "mysql-bin.000004");
    cp->pos = 3130;
    struct bb_error err = { 0 };
    static const char *const good[] = {
        "", "X'31',X'',1", "X'31',X'',1@f.1:4", "X'31',X'',1@f.1:4 X'32',X'',1",
        "X'31',X'',1@a:b:99", "X'31',X'',1@f.1:4@7", "X'31',X'',1@a@b:c:99@4294967295",
    };
    for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
        bb_error_clear(&err);
        cr_assert_eq(round_trip(cp, &back_, good[i], &err), 0, "'%s': %s", good[i], err.msg);
        cr_assert_str_eq(back_.xa_pending, good[i]);
    }
    static const char *const bad[] = {
        " ", "X'31',X'',1 ", " X'31',X'',1", "X'31',X'',1  X'32',X'',1", "x1",
        "X'31',X'',1@", "X'31',X'',1@f.1", "X'31',X'',1@f.1:", "X'31',X'',1@:4",
        "X'31',X'',1@f.1:3", "X'31',X'',1@f.1:4x", "X'31',X'',1@f.1:99999999999999999999999",
        "X'3a',X'',1", "X'31',X'',1@f.1:4@", "X'31',X'',1@f.1:4@0", "X'31',X'',1@f.1:4@x",
        "X'31',X'',1@f.1:4@4294967296", "X'31',X'',1@f.1:4@1@2", "X'31',X'',1@f.1:@1",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        bb_error_clear(&err);
        cr_assert_lt(round_trip(cp, &back_, bad[i], &err), 0, "'%s' accepted", bad[i]);
        cr_assert(strstr(err.msg, "xa_pending"), "'%s': %s", bad[i], err.msg);
    }
    /* a record saved before the field existed: nothing pending */
    const char *names[] = { "file", "pos" }, *vals[] = { "mysql-bin.000004", "3130" };
    size_t lens[] = { 16, 4 };
    memset(&back_, 'x', sizeof back_);
    cr_assert_eq(checkpoint_from_fields(&back_, names, vals, lens, 2, &err), 0);
    cr_assert_str_eq(back_.xa_pending, "");
}

/* A record of format 2 (or older) names no server in its entries: their
 * positions are of the server of the checkpoint's own position, and they
 * stay so once the checkpoint is of another server (a switch). */
Test(xa, pending_entries_of_format_2_are_of_the_checkpoints_server)
{
    static const char *const names[] = { "file", "pos", "server_id", "xa_pending", "format" };
    static const char old_list[] = "X'41',X'',1@f.1:4 X'42',X'',1 X'43',X'',1@a:b:99 "
                                   "X'44',X'',1@g.2:8@9";
    const char *vals[] = { "mysql-bin.000009", "4", "5", old_list, "2" };
    size_t lens[5];
    for (int i = 0; i < 5; i++)
        lens[i] = strlen(vals[i]);
    struct bb_error err = { 0 };
    struct checkpoint *back = &back_;
    for (int fields = 5; fields >= 4; fields--) {      /* format 2, and no format at all */
        cr_assert_eq(checkpoint_from_fields(back, names, vals, lens, (size_t)fields, &err), 0,
                     "%s", err.msg);
        cr_assert_str_eq(back->xa_pending, "X'41',X'',1@f.1:4@5 X'42',X'',1 "
                         "X'43',X'',1@a:b:99@5 X'44',X'',1@g.2:8@9");
    }
    char file[CHECKPOINT_FILE_MAX];
    uint64_t pos, server;
    cr_assert(checkpoint_xa_find(back, "X'43',X'',1", file, sizeof file, &pos, &server));
    cr_assert_str_eq(file, "a:b");
    cr_assert_eq(pos, 99);
    cr_assert_eq(server, 5);

    /* the checkpoint moves to server 2: the entries stay server 5's, saved
     * and read back as format 3 */
    struct checkpoint *cp = &cp_;
    *cp = *back;
    cp->server_id = 2;
    cr_assert_eq(round_trip(cp, back, NULL, &err), 0, "%s", err.msg);
    cr_assert_str_eq(back->xa_pending, cp->xa_pending);
    cr_assert(checkpoint_xa_find(back, "X'41',X'',1", file, sizeof file, &pos, &server));
    cr_assert_eq(server, 5);
    cr_assert_eq(back->server_id, 2);

    /* no server_id in the record: an entry's server is not known */
    vals[2] = "0";
    cr_assert_eq(checkpoint_from_fields(back, names, vals, lens, 5, &err), 0, "%s", err.msg);
    cr_assert(checkpoint_xa_find(back, "X'41',X'',1", file, sizeof file, &pos, &server));
    cr_assert_eq(server, 0);

    /* an old list too full for every server: those that fit get theirs,
     * the others none, and the list stays valid */
    static char full[CHECKPOINT_XA_MAX];
    size_t n = 0;
    for (unsigned i = 0;; i++) {
        char e[64];
        int len = snprintf(e, sizeof e, "%sX'%04X',X'',1@mysql-bin.000001:4", n ? " " : "", i);
        if (n + (size_t)len >= sizeof full - 60)     /* room for a few servers */
            break;
        memcpy(full + n, e, (size_t)len + 1);
        n += (size_t)len;
    }
    vals[2] = "4294967295";
    lens[2] = strlen(vals[2]);
    vals[3] = full;
    lens[3] = n;
    cr_assert_eq(checkpoint_from_fields(back, names, vals, lens, 5, &err), 0, "%s", err.msg);
    cr_assert_lt(strlen(back->xa_pending), sizeof back->xa_pending);
    cr_assert(checkpoint_xa_find(back, "X'0000',X'',1", file, sizeof file, &pos, &server));
    cr_assert_eq(server, 4294967295ULL);
    const char *cursor = back->xa_pending;
    char xid[XA_ID_TEXT_MAX];
    unsigned listed = 0, named = 0;
    while (checkpoint_xa_next(&cursor, xid, sizeof xid, file, sizeof file, &pos, &server)) {
        listed++;
        named += server != 0;
    }
    cr_assert_gt(listed, named, "every entry got its server in a full list?");
    cr_assert_gt(named, 0u);
    cr_assert_eq(round_trip(back, cp, NULL, &err), 0, "%s", err.msg);
    cr_assert_str_eq(cp->xa_pending, back->xa_pending);
}
