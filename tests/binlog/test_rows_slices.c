/* test_rows_slices.c - rows events delivered in slices (struct bb_ev_rows:
 * first_row, more_rows). With a small rows_budget, each large rows event of
 * a binlog built here comes out as several deliveries of the same event,
 * numbered first_row.., more_rows on all but the last, whose rows put end to
 * end are exactly those of one delivery under a budget large enough for the
 * whole event: WRITE, UPDATE and DELETE rows with partial images, a MariaDB
 * zlib-compressed rows event (its later rows come from the inflated copy),
 * a rows event inside a compressed transaction payload (from the payload's
 * window), and a pre-GA (v0) event whose first reading of the null bits
 * decodes for thousands of rows before it fails (none of them may go out).
 * A row that fails in a later slice is an error naming the event and the
 * row's index in it, after the slices before it; an event's tables live
 * until its last slice. */
#include <criterion/criterion.h>
#include <criterion/logging.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include "binlog/decoder.h"
#include "tests/testutil.h"

#define T1 0x42         /* slices.t1: id INT NOT NULL, c1..c63 INT NULL */
#define T2 0x43         /* slices.t2: v INT NULL (pre-GA rows) */
#define NCOLS 64
#define SMALL_BUDGET ((size_t)16 << 10)
#define WHOLE_BUDGET ((size_t)1 << 30)

/* ---- building the binlog ---- */

static void add_query(struct bb_buf *f, const char *text, bool outer)
{
    struct bb_buf body;
    bb_buf_init(&body);
    binlog_put_le(&body, 7, 4);   /* thread id, exec time, schema length, error, status length */
    binlog_put_le(&body, 0, 4);
    binlog_put_le(&body, 6, 1);
    binlog_put_le(&body, 0, 2);
    binlog_put_le(&body, 0, 2);
    bb_buf_append(&body, "slices", 7);
    bb_buf_puts(&body, text);
    binlog_add_event(f, QUERY_EVENT, body.data, body.len, outer);
    bb_buf_destroy(&body);
}

static void add_xid(struct bb_buf *f, bool outer)
{
    struct bb_buf body;
    bb_buf_init(&body);
    binlog_put_le(&body, 77, 8);
    binlog_add_event(f, XID_EVENT, body.data, body.len, outer);
    bb_buf_destroy(&body);
}

/* TABLE_MAP of t1 (64 INT columns, with names) or t2 (one INT). */
static void add_table_map(struct bb_buf *f, uint64_t tid, bool outer)
{
    uint32_t ncols = tid == T1 ? NCOLS : 1;
    struct bb_buf body, names;
    bb_buf_init(&body);
    bb_buf_init(&names);
    binlog_put_le(&body, tid, 6);
    binlog_put_le(&body, 1, 2);
    bb_buf_append(&body, "\x06slices\0", 8);
    bb_buf_append(&body, tid == T1 ? "\x02t1\0" : "\x02t2\0", 4);
    binlog_put_lenenc(&body, ncols);
    for (uint32_t i = 0; i < ncols; i++)
        binlog_put_le(&body, MYSQL_TYPE_LONG, 1);
    binlog_put_lenenc(&body, 0);                     /* no metadata bytes */
    for (uint32_t i = 0; i < ncols; i += 8)          /* nullable: all but t1.id */
        binlog_put_le(&body, tid == T1 && i == 0 ? 0xfe : 0xff, 1);
    for (uint32_t i = 0; i < ncols; i++) {
        char name[8];
        int n = tid == T2 ? snprintf(name, sizeof name, "v")
                : i == 0  ? snprintf(name, sizeof name, "id")
                          : snprintf(name, sizeof name, "c%u", i);
        binlog_put_lenenc(&names, (uint64_t)n);
        bb_buf_append(&names, name, (size_t)n);
    }
    binlog_put_le(&body, 4, 1);                      /* COLUMN_NAME */
    binlog_put_lenenc(&body, names.len);
    bb_buf_append(&body, names.data, names.len);
    cr_assert(!body.oom && !names.oom);
    binlog_add_event(f, TABLE_MAP_EVENT, body.data, body.len, outer);
    bb_buf_destroy(&names);
    bb_buf_destroy(&body);
}

/* The columns of an image of t1, as a bitmap. */
struct image {
    uint32_t n;
    uint32_t cols[NCOLS];
};

static void put_bitmap(struct bb_buf *b, const struct image *im)
{
    uint8_t bits[NCOLS / 8] = { 0 };
    for (uint32_t k = 0; k < im->n; k++)
        bits[im->cols[k] / 8] |= (uint8_t)(1u << (im->cols[k] % 8));
    bb_buf_append(b, bits, sizeof bits);
}

/* Column c of row i of image `salt`: NULL now and then (never id). */
static bool cell_null(uint32_t c, uint32_t i, int salt)
{
    return c != 0 && (i + c + (uint32_t)salt) % 7 == 0;
}

static int32_t cell_value(uint32_t c, uint32_t i, int salt)
{
    return c == 0 ? (int32_t)i + 1 : (int32_t)(i * 1000 + c) * (salt ? -1 : 1);
}

/* One row image: the null bitmap over the present columns, then their
 * non-NULL values. */
static void put_image(struct bb_buf *b, const struct image *im, uint32_t i, int salt)
{
    uint8_t nulls[NCOLS / 8] = { 0 };
    for (uint32_t k = 0; k < im->n; k++)
        if (cell_null(im->cols[k], i, salt))
            nulls[k / 8] |= (uint8_t)(1u << (k % 8));
    size_t nbytes = (im->n + 7) / 8;
    bb_buf_append(b, nulls, nbytes < sizeof nulls ? nbytes : sizeof nulls);
    for (uint32_t k = 0; k < im->n; k++)
        if (!cell_null(im->cols[k], i, salt))
            binlog_put_le(b, (uint32_t)cell_value(im->cols[k], i, salt), 4);
}

/* The header of a rows event on t1 (v2: with the empty extra data). */
static void rows_header(struct bb_buf *body, bool v2, uint16_t flags, const struct image *before,
                        const struct image *after)
{
    binlog_put_le(body, T1, 6);
    binlog_put_le(body, flags, 2);
    if (v2)
        binlog_put_le(body, 2, 2);
    binlog_put_lenenc(body, NCOLS);
    put_bitmap(body, before ? before : after);
    if (before && after)
        put_bitmap(body, after);
}

/* The rows of an event on t1: before and/or after images of nrows rows. */
static void put_rows(struct bb_buf *b, const struct image *before, const struct image *after,
                     uint32_t nrows)
{
    for (uint32_t i = 0; i < nrows; i++) {
        if (before)
            put_image(b, before, i, 0);
        if (after)
            put_image(b, after, i, before ? 1 : 0);
    }
}

static void add_rows(struct bb_buf *f, uint8_t type, uint16_t flags, const struct image *before,
                     const struct image *after, uint32_t nrows, bool outer)
{
    struct bb_buf body;
    bb_buf_init(&body);
    rows_header(&body, type == WRITE_ROWS_EVENT || type == UPDATE_ROWS_EVENT ||
                type == DELETE_ROWS_EVENT, flags, before, after);
    put_rows(&body, before, after, nrows);
    cr_assert(!body.oom);
    binlog_add_event(f, type, body.data, body.len, outer);
    bb_buf_destroy(&body);
}

static const struct image FULL_IMAGE = {
    NCOLS, { 0,  1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11, 12, 13, 14, 15,
             16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31,
             32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47,
             48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63 } };
static const struct image FEW = { 4, { 0, 5, 17, 63 } };
static const struct image ID = { 1, { 0 } };
static const struct image ID_C10 = { 2, { 0, 10 } };
static const struct image ID_C63 = { 2, { 0, 63 } };

#define V0_ROWS 1000

/* A pre-GA WRITE_ROWS on t2 whose records have the fixed format's
 * reserved null bit: [0x01][v, 4 bytes]. Read without that bit, 0x01 marks
 * v NULL, and every byte 0x01 of the values is another one-byte NULL row:
 * thousands of rows decode before the last record, whose value is 0,
 * fails. Read with it: 999 rows of 0x01010101 and one of 0. */
static void add_v0_rows(struct bb_buf *f)
{
    struct bb_buf body;
    bb_buf_init(&body);
    binlog_put_le(&body, T2, 6);
    binlog_put_le(&body, STMT_END_F, 2);
    binlog_put_lenenc(&body, 1);
    binlog_put_le(&body, 1, 1);
    for (uint32_t i = 0; i < V0_ROWS; i++) {
        binlog_put_le(&body, 1, 1);
        binlog_put_le(&body, i + 1 < V0_ROWS ? 0x01010101u : 0, 4);
    }
    binlog_add_event(f, PRE_GA_WRITE_ROWS_EVENT, body.data, body.len, true);
    bb_buf_destroy(&body);
}

/* A MariaDB WRITE_ROWS_COMPRESSED_EVENT_V1: the rows as one zlib block
 * after a 0x84 byte and their length, big-endian. */
static void add_compressed_rows(struct bb_buf *f, uint32_t nrows)
{
    struct bb_buf body, rows;
    bb_buf_init(&body);
    bb_buf_init(&rows);
    rows_header(&body, false, STMT_END_F, NULL, &ID_C63);
    put_rows(&rows, NULL, &ID_C63, nrows);
    uLongf zlen = compressBound((uLong)rows.len);
    char *z = malloc(zlen);
    cr_assert(z);
    cr_assert_eq(compress((Bytef *)z, &zlen, (const Bytef *)rows.data, (uLong)rows.len), Z_OK);
    binlog_put_le(&body, 0x84, 1);
    for (int k = 3; k >= 0; k--)
        binlog_put_le(&body, (rows.len >> (8 * k)) & 0xff, 1);
    bb_buf_append(&body, z, zlen);
    cr_assert(!body.oom && !rows.oom);
    binlog_add_event(f, WRITE_ROWS_COMPRESSED_EVENT_V1, body.data, body.len, true);
    free(z);
    bb_buf_destroy(&rows);
    bb_buf_destroy(&body);
}

/* A TRANSACTION_PAYLOAD holding `in`, zstd-compressed. */
static void add_payload(struct bb_buf *f, const struct bb_buf *in)
{
    size_t cap = ZSTD_compressBound(in->len);
    char *z = malloc(cap);
    cr_assert(z);
    size_t zlen = ZSTD_compress(z, cap, in->data, in->len, 3);
    cr_assert(!ZSTD_isError(zlen));
    struct bb_buf body, v;
    bb_buf_init(&body);
    bb_buf_init(&v);
    uint64_t fields[3][2] = { { 2, 0 }, { 3, in->len }, { 1, zlen } };
    for (int i = 0; i < 3; i++) {
        bb_buf_reset(&v);
        binlog_put_lenenc(&v, fields[i][1]);
        binlog_put_lenenc(&body, fields[i][0]);
        binlog_put_lenenc(&body, v.len);
        bb_buf_append(&body, v.data, v.len);
    }
    binlog_put_le(&body, 0, 1);
    bb_buf_append(&body, z, zlen);
    cr_assert(!body.oom);
    binlog_add_event(f, BB_TRANSACTION_PAYLOAD_EVENT, body.data, body.len, true);
    bb_buf_destroy(&v);
    bb_buf_destroy(&body);
    free(z);
}

/* The whole binlog: the events that do not fit SMALL_BUDGET, of every
 * kind, and small ones between them. */
static void build_binlog(struct bb_buf *f)
{
    binlog_start_file(f);
    add_query(f, "BEGIN", true);
    add_table_map(f, T1, true);
    add_rows(f, WRITE_ROWS_EVENT, 0, NULL, &FEW, 200, true);
    add_rows(f, WRITE_ROWS_EVENT, 0, NULL, &FEW, 2, true);        /* fits: one delivery */
    add_rows(f, UPDATE_ROWS_EVENT, 0, &FULL_IMAGE, &ID_C10, 100, true);
    add_rows(f, DELETE_ROWS_EVENT_V1, STMT_END_F, &ID, NULL, 150, true);
    add_xid(f, true);

    struct bb_buf in;
    bb_buf_init(&in);
    add_query(&in, "BEGIN", false);
    add_table_map(&in, T1, false);
    add_rows(&in, WRITE_ROWS_EVENT, STMT_END_F, NULL, &FULL_IMAGE, 120, false);
    add_xid(&in, false);
    add_payload(f, &in);
    bb_buf_destroy(&in);

    add_query(f, "BEGIN", true);
    add_table_map(f, T1, true);
    add_compressed_rows(f, 180);
    add_xid(f, true);

    add_query(f, "BEGIN", true);
    add_table_map(f, T2, true);
    add_v0_rows(f);
    add_xid(f, true);
    cr_assert(!f->oom);
}

static char *write_temp(const struct bb_buf *f)
{
    char *path = strdup("/tmp/bb-slices-XXXXXX");
    cr_assert(path);
    int fd = mkstemp(path);
    cr_assert(fd >= 0);
    cr_assert_eq(write(fd, f->data, f->len), (ssize_t)f->len);
    close(fd);
    return path;
}

/* ---- reading it back ---- */

/* What a stream delivered: a line per event and per row (the row's index
 * in its event and every value), and how the slices went. */
struct reading {
    struct bb_buf text;
    unsigned deliveries;      /* rows deliveries */
    unsigned sliced;          /* events that came in more than one */
    unsigned max_slices;
    unsigned v0_rows;
};

static void put_row_values(struct bb_buf *out, const struct bb_ev_rows *r, const struct bb_value *vals)
{
    struct bb_error err = { 0 };
    for (uint32_t c = 0; c < r->ncols; c++) {
        if (vals[c].kind == BB_VALUE_ABSENT)
            continue;
        bb_buf_printf(out, " %s=", vals[c].col->name);
        if (vals[c].kind == BB_VALUE_NULL)
            bb_buf_puts(out, "NULL");
        else
            cr_assert_eq(bb_value_format_text(&vals[c], out, &err), 0, "%s", err.msg);
    }
}

static void same_event(const struct bb_event *a, const struct bb_event *b)
{
    cr_assert(a->type == b->type && a->pos == b->pos && a->in_payload == b->in_payload &&
              a->length == b->length && a->next_pos == b->next_pos &&
              a->timestamp == b->timestamp && a->flags == b->flags &&
              a->rows.flags == b->rows.flags && a->rows.table == b->rows.table &&
              a->rows.table_id == b->rows.table_id && a->rows.kind == b->rows.kind,
              "a slice of the event at %llu differs from the slice before it",
              (unsigned long long)a->pos);
}

static void read_binlog(const char *path, size_t budget, struct reading *rd)
{
    memset(rd, 0, sizeof *rd);
    bb_buf_init(&rd->text);
    struct bb_stream_options opt;
    bb_stream_options_init(&opt);
    opt.rows_budget = budget;
    struct bb_stream *s;
    struct bb_error err = { 0 };
    const char *paths[] = { path };
    cr_assert_eq(bb_stream_open_files(&s, paths, 1, &opt, &err), 0, "%s", err.msg);
    const struct bb_event *ev;
    struct bb_event prev;
    memset(&prev, 0, sizeof prev);
    bool continuing = false;
    unsigned slices = 0;
    int rc;
    /* A file is never caught up before its end: its next event is there. */
    cr_assert(!bb_stream_caught_up(s));
    while ((rc = bb_stream_next(s, &ev, &err)) > 0) {
        cr_assert(!bb_stream_caught_up(s), "a file stream caught up before its end");
        if (!bb_event_is_rows(ev)) {
            cr_assert(!continuing, "a %s between the slices of the event at %llu",
                      bb_event_type_name(ev->type), (unsigned long long)prev.pos);
            bb_buf_printf(&rd->text, "%llu%s %s\n", (unsigned long long)ev->pos,
                          ev->in_payload ? "+" : "", bb_event_type_name(ev->type));
            continue;
        }
        const struct bb_ev_rows *r = &ev->rows;
        rd->deliveries++;
        if (continuing) {
            same_event(ev, &prev);
            cr_assert_eq(r->first_row, prev.rows.first_row + prev.rows.nrows);
            slices++;
        } else {
            cr_assert_eq(r->first_row, 0, "an event starts at row %u", r->first_row);
            bb_buf_printf(&rd->text, "%llu%s %s\n", (unsigned long long)ev->pos,
                          ev->in_payload ? "+" : "", bb_event_type_name(ev->type));
            slices = 1;
        }
        if (r->more_rows || continuing)
            cr_assert_gt(r->nrows, 0, "an empty slice");
        for (uint32_t n = 0; n < r->nrows; n++) {
            bb_buf_printf(&rd->text, "  row %u:", r->first_row + n);
            if (r->rows[n].before)
                put_row_values(&rd->text, r, r->rows[n].before);
            if (r->rows[n].before && r->rows[n].after)
                bb_buf_puts(&rd->text, " =>");
            if (r->rows[n].after)
                put_row_values(&rd->text, r, r->rows[n].after);
            bb_buf_putc(&rd->text, '\n');
            if (ev->type == PRE_GA_WRITE_ROWS_EVENT) {
                uint32_t i = r->first_row + n;
                const struct bb_value *v = &r->rows[n].after[0];
                cr_assert(v->kind == BB_VALUE_INT &&
                          v->v.i == (i + 1 < V0_ROWS ? 0x01010101 : 0),
                          "pre-GA row %u misread", i);
                rd->v0_rows++;
            }
        }
        continuing = r->more_rows;
        if (!continuing) {
            rd->sliced += slices > 1;
            if (slices > rd->max_slices)
                rd->max_slices = slices;
        }
        prev = *ev;
    }
    cr_assert_eq(rc, 0, "%s", err.msg);
    cr_assert(bb_stream_caught_up(s), "a file stream not caught up at its end");
    cr_assert(!continuing, "the stream ended with more_rows set");
    cr_assert(!rd->text.oom);
    bb_stream_close(s);
}

Test(rows_slices, slices_put_together_are_the_whole_event)
{
    struct bb_buf f;
    bb_buf_init(&f);
    build_binlog(&f);
    char *path = write_temp(&f);

    struct reading whole, sliced;
    read_binlog(path, WHOLE_BUDGET, &whole);
    read_binlog(path, SMALL_BUDGET, &sliced);
    cr_assert_eq(whole.sliced, 0);
    cr_assert_eq(whole.v0_rows, V0_ROWS);
    /* the 200-row write, the update, the delete, the one in the payload,
     * the compressed one and the pre-GA one; not the 2-row write */
    cr_assert_eq(sliced.sliced, 6, "%u events came in slices", sliced.sliced);
    cr_assert_gt(sliced.max_slices, 10);
    cr_assert_eq(sliced.v0_rows, V0_ROWS);
    cr_assert_eq(whole.deliveries, 7);
    cr_assert_gt(sliced.deliveries, 7 + 6 * 2);
    cr_assert_str_eq(sliced.text.data, whole.text.data);
    cr_log_info("rows_slices: %u deliveries of 7 rows events, up to %u slices per event",
                sliced.deliveries, sliced.max_slices);

    bb_buf_destroy(&whole.text);
    bb_buf_destroy(&sliced.text);
    unlink(path);
    free(path);
    bb_buf_destroy(&f);
}

/* Row 199 of 200 is cut short: the slices before it come out, then one
 * line naming the event, its offset and the row's index in the event. */
Test(rows_slices, a_row_failing_in_a_later_slice_names_the_event_and_row)
{
    struct bb_buf f, body;
    bb_buf_init(&f);
    bb_buf_init(&body);
    binlog_start_file(&f);
    add_query(&f, "BEGIN", true);
    add_table_map(&f, T1, true);
    rows_header(&body, true, STMT_END_F, NULL, &FEW);
    put_rows(&body, NULL, &FEW, 200);
    body.len -= 3;
    size_t pos = f.len;
    binlog_add_event(&f, WRITE_ROWS_EVENT, body.data, body.len, true);
    char *path = write_temp(&f);

    struct bb_stream_options opt;
    bb_stream_options_init(&opt);
    opt.rows_budget = SMALL_BUDGET;
    struct bb_stream *s;
    struct bb_error err = { 0 };
    const char *paths[] = { path };
    cr_assert_eq(bb_stream_open_files(&s, paths, 1, &opt, &err), 0, "%s", err.msg);
    const struct bb_event *ev;
    uint32_t rows = 0;
    int rc;
    while ((rc = bb_stream_next(s, &ev, &err)) > 0) {
        if (!bb_event_is_rows(ev))
            continue;
        cr_assert_eq(ev->rows.first_row, rows);
        cr_assert(ev->rows.more_rows);
        for (uint32_t n = 0; n < ev->rows.nrows; n++)
            cr_assert_eq(ev->rows.rows[n].after[0].v.i, rows + n + 1);
        rows += ev->rows.nrows;
    }
    cr_assert_eq(rc, BB_ERR_CORRUPT, "%d: %s", rc, err.msg);
    cr_assert(rows > 150 && rows < 199, "%u rows before the error", rows);
    char want[512];
    snprintf(want, sizeof want, "WRITE_ROWS_EVENT at offset %zu in %s: row 199 after image: ",
             pos, path);
    cr_assert(strncmp(err.msg, want, strlen(want)) == 0, "%s", err.msg);
    cr_assert(strchr(err.msg, '\n') == NULL);
    /* the stream is finished */
    cr_assert_eq(bb_stream_next(s, &ev, &err), 0);
    bb_stream_close(s);
    unlink(path);
    free(path);
    bb_buf_destroy(&body);
    bb_buf_destroy(&f);
}

/* Decode one event of a file built in f at pos. */
static int decode_at(struct decoder *d, const struct bb_buf *f, size_t pos, struct bb_event *ev,
                     struct bb_error *err)
{
    const uint8_t *p = (const uint8_t *)f->data + pos;
    uint32_t len = p[9] | p[10] << 8 | p[11] << 16 | (uint32_t)p[12] << 24;
    return decoder_decode(d, p, len, pos, "t.000001", ev, err);
}

/* The table map of a statement lives until the last slice of its
 * STMT_END_F event (a freed one would be read by the later slices: ASan),
 * and is forgotten after it, or when the rest of the event is abandoned. */
Test(rows_slices, tables_live_until_the_last_slice)
{
    struct bb_buf f;
    bb_buf_init(&f);
    binlog_start_file(&f);
    size_t map = f.len;
    add_table_map(&f, T1, true);
    size_t big = f.len;
    add_rows(&f, WRITE_ROWS_EVENT, STMT_END_F, NULL, &FULL_IMAGE, 100, true);
    size_t small = f.len;
    add_rows(&f, WRITE_ROWS_EVENT, STMT_END_F, NULL, &FEW, 1, true);

    for (int abandon = 0; abandon < 2; abandon++) {
        struct decoder d;
        decoder_init(&d);
        d.rows_budget = SMALL_BUDGET;
        struct bb_event ev;
        struct bb_error err = { 0 };
        cr_assert_eq(decode_at(&d, &f, 4, &ev, &err), 0, "%s", err.msg);
        cr_assert_eq(decode_at(&d, &f, map, &ev, &err), 0, "%s", err.msg);
        cr_assert_eq(decode_at(&d, &f, big, &ev, &err), 0, "%s", err.msg);
        cr_assert(ev.rows.more_rows);
        uint32_t rows = ev.rows.nrows;
        int rc;
        while (!abandon && (rc = decoder_next(&d, &ev, &err)) > 0) {
            cr_assert_eq(ev.rows.first_row, rows);
            cr_assert_str_eq(ev.rows.table->name, "t1");
            for (uint32_t n = 0; n < ev.rows.nrows; n++)
                cr_assert_eq(ev.rows.rows[n].after[63].col, &ev.rows.table->cols[63]);
            rows += ev.rows.nrows;
        }
        if (!abandon)
            cr_assert_eq(rows, 100);
        /* the statement has ended: its table is gone */
        rc = decode_at(&d, &f, small, &ev, &err);
        cr_assert_lt(rc, 0);
        cr_assert(strstr(err.msg, "no TABLE_MAP_EVENT for table id 66"), "%s", err.msg);
        decoder_destroy(&d);
    }
    bb_buf_destroy(&f);
}

/* Every binlog of the corpus, read with a budget of one byte (each row a
 * slice of its own) and with the default: the same rows, the same values.
 * Where a file is broken, both fail the same way, and what was delivered
 * whole is delivered in slices too, with maybe the rows of the failing
 * event that came before the damage. */
Test(rows_slices, every_corpus_row_is_the_same_one_row_per_slice)
{
    DIR *dir = opendir(corpus_dir());
    cr_assert(dir, "cannot open the corpus at %s", corpus_dir());
    struct dirent *de;
    unsigned files = 0, failing = 0;
    size_t bytes = 0;
    while ((de = readdir(dir))) {
        if (de->d_name[0] == '.' || strstr(de->d_name, ".md"))
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", corpus_dir(), de->d_name);
        const char *paths[] = { path };
        struct bb_error e1 = { 0 }, e2 = { 0 };
        int rc1, rc2;
        char *whole = rows_text_budget(paths, 1, 0, &rc1, &e1);
        char *sliced = rows_text_budget(paths, 1, 1, &rc2, &e2);
        cr_assert(whole && sliced);
        cr_assert_eq(rc2, rc1, "%s: %s / %s", de->d_name, e1.msg, e2.msg);
        if (rc1 == 0) {
            cr_assert_str_eq(sliced, whole, "%s", de->d_name);
        } else {
            failing++;
            cr_assert_str_eq(e2.msg, e1.msg, "%s", de->d_name);
            cr_assert(strncmp(sliced, whole, strlen(whole)) == 0, "%s", de->d_name);
        }
        bytes += strlen(whole);
        files++;
        free(whole);
        free(sliced);
    }
    closedir(dir);
    cr_assert_gt(files, 50);
    cr_log_info("rows_slices: %u corpus files (%u failing as they should), %zu bytes of rows",
                files, failing, bytes);
}
