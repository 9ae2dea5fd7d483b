/* test_payload.c - TRANSACTION_PAYLOAD_EVENT (MySQL compressed
 * transactions) read as a stream: the inner events are inflated one at a
 * time, so a transaction of any size passes in bounded memory, every inner
 * event comes out as an ordinary event at the payload's offset, and every
 * way a payload can be broken is one line naming the payload and where in
 * it. The binlogs are built here (zstd as MySQL 8.0 writes it: one frame,
 * size not in its header, no checksum); test_crafted.c has the crafted
 * payload of over a gigabyte. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zstd.h>

#include "binlog/decoder.h"
#include "tests/testutil.h"

/* ---- building binlogs (the helpers are in testutil.h) ---- */

/* The inner events of a transaction on crafted.t (id INT, data LONGBLOB):
 * BEGIN, a TABLE_MAP, nrows WRITE_ROWS of one row each (id first_id + i,
 * data of data_len(i) bytes of the id's low byte), XID. */
static size_t data_len(uint32_t i)
{
    if (i % 5000 == 4999)
        return (size_t)3 << 20; /* larger than the reader's first window */
    return (size_t)(i * 7919u) % 300;
}

static void add_transaction(struct bb_buf *in, uint32_t first_id, uint32_t nrows)
{
    struct bb_buf body;
    bb_buf_init(&body);
    binlog_put_le(&body, 7, 4); /* thread id, exec time, schema length, error code, status length */
    binlog_put_le(&body, 0, 4);
    binlog_put_le(&body, 7, 1);
    binlog_put_le(&body, 0, 2);
    binlog_put_le(&body, 0, 2);
    bb_buf_append(&body, "crafted\0BEGIN", 13);
    binlog_add_event(in, QUERY_EVENT, body.data, body.len, false);

    bb_buf_reset(&body);
    binlog_put_le(&body, 0x42, 6);
    binlog_put_le(&body, 1, 2);
    bb_buf_append(&body, "\x07" "crafted\0" "\x01t\0", 12);
    bb_buf_append(&body, "\x02\x03\xfc\x01\x04\x02", 6); /* 2 columns: LONG, BLOB(4); nullable 2 */
    binlog_add_event(in, TABLE_MAP_EVENT, body.data, body.len, false);

    for (uint32_t i = 0; i < nrows; i++) {
        size_t n = data_len(i);
        bb_buf_reset(&body);
        binlog_put_le(&body, 0x42, 6);
        binlog_put_le(&body, i + 1 == nrows ? STMT_END_F : 0, 2);
        binlog_put_le(&body, 2, 2);               /* no extra row info */
        bb_buf_append(&body, "\x02\xff", 2); /* 2 columns, both present */
        binlog_put_le(&body, 0, 1);               /* null bitmap */
        binlog_put_le(&body, first_id + i, 4);
        binlog_put_le(&body, n, 4);
        char *p = bb_buf_reserve(&body, n);
        cr_assert(p);
        memset(p, (char)(first_id + i), n);
        body.len += n;
        binlog_add_event(in, WRITE_ROWS_EVENT, body.data, body.len, false);
    }
    bb_buf_reset(&body);
    binlog_put_le(&body, first_id, 8);
    binlog_add_event(in, XID_EVENT, body.data, body.len, false);
    cr_assert(!body.oom && !in->oom);
    bb_buf_destroy(&body);
}

/* zstd as MySQL 8.0 writes it: streamed, so the frame header has no
 * content size; no checksum. window_log 0: the level's default. */
static void compress_into(struct bb_buf *out, const void *p, size_t n, int window_log)
{
    ZSTD_CCtx *cc = ZSTD_createCCtx();
    cr_assert(cc);
    cr_assert(!ZSTD_isError(ZSTD_CCtx_setParameter(cc, ZSTD_c_compressionLevel, 3)));
    if (window_log)
        cr_assert(!ZSTD_isError(ZSTD_CCtx_setParameter(cc, ZSTD_c_windowLog, window_log)));
    char *dst = bb_buf_reserve(out, ZSTD_compressBound(n) + 64);
    cr_assert(dst);
    ZSTD_outBuffer ob = { dst, ZSTD_compressBound(n) + 64, 0 };
    ZSTD_inBuffer ib = { p, n, 0 };
    while (ib.pos < ib.size)
        cr_assert(!ZSTD_isError(ZSTD_compressStream2(cc, &ob, &ib, ZSTD_e_continue)));
    size_t left;
    ZSTD_inBuffer none = { NULL, 0, 0 };
    do {
        left = ZSTD_compressStream2(cc, &ob, &none, ZSTD_e_end);
        cr_assert(!ZSTD_isError(left));
    } while (left);
    out->len += ob.pos;
    ZSTD_freeCCtx(cc);
}

enum { ZSTD_TYPE = 0, NONE_TYPE = 255 };

/* A TRANSACTION_PAYLOAD_EVENT holding stored[0..n) (already compressed or
 * not, per ctype), whose header gives usize as the uncompressed size. */
static void add_payload(struct bb_buf *f, const void *stored, size_t n, uint8_t ctype,
                        uint64_t usize)
{
    struct bb_buf body, v;
    bb_buf_init(&body);
    bb_buf_init(&v);
    uint64_t fields[3][2] = { { 2, ctype }, { 3, usize }, { 1, n } };
    for (int i = 0; i < 3; i++) {
        bb_buf_reset(&v);
        binlog_put_lenenc(&v, fields[i][1]);
        binlog_put_lenenc(&body, fields[i][0]);
        binlog_put_lenenc(&body, v.len);
        bb_buf_append(&body, v.data, v.len);
    }
    binlog_put_le(&body, 0, 1);
    bb_buf_append(&body, stored, n);
    cr_assert(!body.oom);
    binlog_add_event(f, BB_TRANSACTION_PAYLOAD_EVENT, body.data, body.len, true);
    bb_buf_destroy(&v);
    bb_buf_destroy(&body);
}

static void add_rotate(struct bb_buf *f)
{
    struct bb_buf body;
    bb_buf_init(&body);
    binlog_put_le(&body, 4, 8);
    bb_buf_puts(&body, "binlog.000002");
    binlog_add_event(f, ROTATE_EVENT, body.data, body.len, true);
    bb_buf_destroy(&body);
}

static char *write_temp(const struct bb_buf *f)
{
    char *path = strdup("/tmp/bb-payload-XXXXXX");
    cr_assert(path);
    int fd = mkstemp(path);
    cr_assert(fd >= 0);
    cr_assert_eq(write(fd, f->data, f->len), (ssize_t)f->len);
    close(fd);
    return path;
}

/* ---- reading them back ---- */

/* Decode a whole in-memory binlog as the file source frames it, inner
 * events included. Returns the first error (0 if none); *ninner counts the
 * inner events delivered before it. */
static int decode_all(const struct bb_buf *f, size_t max_event_size, unsigned *ninner,
                      struct bb_error *err)
{
    struct decoder d;
    decoder_init(&d);
    d.require_format = true;
    if (max_event_size)
        d.max_event_size = max_event_size;
    const uint8_t *p = (const uint8_t *)f->data;
    size_t pos = 4;
    int rc = 0;
    *ninner = 0;
    while (rc == 0 && pos + 19 <= f->len) {
        uint32_t len = p[pos + 9] | p[pos + 10] << 8 | p[pos + 11] << 16 |
                       (uint32_t)p[pos + 12] << 24;
        cr_assert(len >= 19 && len <= f->len - pos, "bad test binlog at %zu", pos);
        struct bb_event ev;
        rc = decoder_decode(&d, p + pos, len, pos, "t.000001", &ev, err);
        while (rc == 0 && (rc = decoder_next(&d, &ev, err)) > 0) {
            (*ninner)++;
            rc = 0;
        }
        pos += len;
    }
    decoder_destroy(&d);
    return rc;
}

/* Expect decode_all to fail with a one-line error naming the payload at
 * payload_pos and containing `why`. */
static void expect_payload_error(const struct bb_buf *f, size_t max_event_size, size_t payload_pos,
                                 const char *why, unsigned ninner_before)
{
    struct bb_error err = { 0 };
    unsigned n;
    int rc = decode_all(f, max_event_size, &n, &err);
    cr_assert_lt(rc, 0, "expected an error containing \"%s\"", why);
    char where[128];
    snprintf(where, sizeof where, "TRANSACTION_PAYLOAD_EVENT at offset %zu in t.000001: ",
             payload_pos);
    cr_expect(strstr(err.msg, where) != NULL, "\"%s\" does not name the payload", err.msg);
    cr_expect(strstr(err.msg, why) != NULL, "\"%s\" does not say \"%s\"", err.msg, why);
    cr_expect(strchr(err.msg, '\n') == NULL, "\"%s\" spans lines", err.msg);
    if (ninner_before != (unsigned)-1)
        cr_expect_eq(n, ninner_before, "%u inner events before \"%s\"", n, err.msg);
}

/* ---- tests ---- */

/* A legal transaction of 40,000 inner events (19 MB, some events of
 * 3 MB), a stored (uncompressed) one, and one compressed as two frames
 * (MySQL's reader reads on after a frame): every inner event is delivered
 * in order, as an ordinary event at its payload's offset, and the event
 * after each payload is where the file has it. The size limit is 4 MB:
 * it bounds each event, inner ones included, not the transaction, which
 * has no limit of its own in MySQL. */
Test(payload, many_inner_events_keep_their_order_and_positions)
{
    enum { N1 = 40000, N2 = 50, N3 = 3000 };
    struct bb_buf f, in, z;
    bb_buf_init(&f);
    bb_buf_init(&in);
    bb_buf_init(&z);
    binlog_start_file(&f);
    uint64_t ppos[3];
    size_t psize[3];

    add_transaction(&in, 1, N1);
    cr_assert_gt(in.len, (size_t)16 << 20);
    compress_into(&z, in.data, in.len, 0);
    ppos[0] = f.len;
    add_payload(&f, z.data, z.len, ZSTD_TYPE, in.len);
    psize[0] = f.len - ppos[0];

    bb_buf_reset(&in);
    add_transaction(&in, N1 + 1, N2);
    ppos[1] = f.len;
    add_payload(&f, in.data, in.len, NONE_TYPE, in.len);
    psize[1] = f.len - ppos[1];

    bb_buf_reset(&in);
    add_transaction(&in, N1 + N2 + 1, N3);
    bb_buf_reset(&z);
    size_t half = in.len / 2;
    compress_into(&z, in.data, half, 0);
    compress_into(&z, in.data + half, in.len - half, 0);
    ppos[2] = f.len;
    add_payload(&f, z.data, z.len, ZSTD_TYPE, in.len);
    psize[2] = f.len - ppos[2];
    uint64_t rotate_pos = f.len;
    add_rotate(&f);
    cr_assert(!f.oom);
    char *path = write_temp(&f);

    struct bb_stream *s;
    struct bb_error err = { 0 };
    const char *paths[] = { path };
    struct bb_stream_options opt;
    bb_stream_options_init(&opt);
    opt.max_event_size = (size_t)4 << 20;
    cr_assert_lt(f.len, opt.max_event_size);
    cr_assert_eq(bb_stream_open_files(&s, paths, 1, &opt, &err), 0, "%s", err.msg);
    const struct bb_event *ev;
    int rc, payload = -1;
    uint32_t next_id = 1;
    unsigned inner[3] = { 0, 0, 0 }, rows = 0;
    bool rotated = false;
    while ((rc = bb_stream_next(s, &ev, &err)) > 0) {
        cr_assert(!rotated, "an event after the ROTATE");
        if (ev->type == BB_TRANSACTION_PAYLOAD_EVENT) {
            payload++;
            cr_assert_lt(payload, 3);
            cr_assert_eq(ev->pos, ppos[payload]);
            cr_assert_eq(ev->length, psize[payload]);
            cr_assert(!ev->in_payload);
            continue;
        }
        if (!ev->in_payload) {
            if (ev->type == ROTATE_EVENT) {
                cr_assert_eq(ev->pos, rotate_pos, "the event after the payloads");
                rotated = true;
            }
            continue;
        }
        cr_assert_geq(payload, 0);
        inner[payload]++;
        cr_assert_eq(ev->pos, ppos[payload], "inner events carry their payload's offset");
        cr_assert_str_eq(ev->log_file, path);
        cr_assert_eq(ev->next_pos, 0, "the inner header's log_pos, as written");
        if (ev->type != WRITE_ROWS_EVENT)
            continue;
        cr_assert_eq(ev->rows.nrows, 1);
        const struct bb_value *v = ev->rows.rows[0].after;
        cr_assert_eq(v[0].v.i, next_id, "row %u out of order (got %lld)", next_id,
                     (long long)v[0].v.i);
        uint32_t i = next_id - (payload == 0 ? 1 : payload == 1 ? N1 + 1 : N1 + N2 + 1);
        cr_assert_eq(v[1].v.str.len, data_len(i), "row %u", next_id);
        if (v[1].v.str.len)
            cr_assert(v[1].v.str.p[0] == (uint8_t)next_id &&
                      v[1].v.str.p[v[1].v.str.len - 1] == (uint8_t)next_id, "row %u", next_id);
        next_id++;
        rows++;
    }
    cr_assert_eq(rc, 0, "%s", err.msg);
    cr_assert(rotated);
    cr_assert_eq(rows, N1 + N2 + N3);
    cr_assert_eq(inner[0], N1 + 3);
    cr_assert_eq(inner[1], N2 + 3);
    cr_assert_eq(inner[2], N3 + 3);
    bb_stream_close(s);
    unlink(path);
    free(path);
    bb_buf_destroy(&z);
    bb_buf_destroy(&in);
    bb_buf_destroy(&f);
}

/* What bb_stream_caught_up asks of the decoder: does it hold more of the
 * payload back? True before every inner event still to come, false once
 * the last one (the XID) is out, so that a reader that has the whole
 * transaction knows it without asking for another event (which would wait
 * for the server). For a stored payload, one zstd frame inflated in
 * several steps (a transaction of 6,000 rows, one of 3 MB), and two
 * frames. */
Test(payload, holds_more_until_its_last_inner_event)
{
    struct bb_buf f, in, z;
    bb_buf_init(&f);
    bb_buf_init(&in);
    bb_buf_init(&z);
    binlog_start_file(&f);
    add_transaction(&in, 1, 6000);
    compress_into(&z, in.data, in.len, 0);
    add_payload(&f, z.data, z.len, ZSTD_TYPE, in.len);
    bb_buf_reset(&in);
    add_transaction(&in, 7001, 30);
    add_payload(&f, in.data, in.len, NONE_TYPE, in.len);
    bb_buf_reset(&in);
    add_transaction(&in, 8001, 500);
    bb_buf_reset(&z);
    compress_into(&z, in.data, in.len / 2, 0);
    compress_into(&z, in.data + in.len / 2, in.len - in.len / 2, 0);
    add_payload(&f, z.data, z.len, ZSTD_TYPE, in.len);
    add_rotate(&f);
    cr_assert(!f.oom);

    struct decoder d;
    decoder_init(&d);
    d.require_format = true;
    const uint8_t *p = (const uint8_t *)f.data;
    struct bb_error err = { 0 };
    unsigned payloads = 0, inner[4] = { 0, 0, 0, 0 };
    for (size_t pos = 4; pos < f.len;) {
        uint32_t len = p[pos + 9] | p[pos + 10] << 8 | p[pos + 11] << 16 |
                       (uint32_t)p[pos + 12] << 24;
        struct bb_event ev;
        cr_assert_eq(decoder_decode(&d, p + pos, len, pos, "t.000001", &ev, &err), 0, "%s",
                     err.msg);
        bool payload = ev.type == BB_TRANSACTION_PAYLOAD_EVENT;
        cr_assert_eq(decoder_holds_more(&d), payload, "after the %s at %zu",
                     bb_event_type_name(ev.type), pos);
        for (;;) {
            bool more = decoder_holds_more(&d);
            int rc = decoder_next(&d, &ev, &err);
            cr_assert_geq(rc, 0, "%s", err.msg);
            cr_assert_eq(more, rc == 1, "payload %u: holds_more said %d before inner event %u "
                         "(decoder_next: %d)", payloads, more, inner[payloads], rc);
            if (rc == 0)
                break;
            inner[payloads]++;
            if (ev.type == XID_EVENT)
                cr_assert(!decoder_holds_more(&d), "payload %u: more after its XID", payloads);
        }
        payloads += payload;
        pos += len;
    }
    cr_assert_eq(payloads, 3);
    cr_assert_eq(inner[0], 6000 + 3);
    cr_assert_eq(inner[1], 30 + 3);
    cr_assert_eq(inner[2], 500 + 3);
    decoder_destroy(&d);
    bb_buf_destroy(&z);
    bb_buf_destroy(&in);
    bb_buf_destroy(&f);
}

/* The events of a small transaction, compressed, in a file: the base of
 * the broken payloads below. */
struct small_case {
    struct bb_buf in, z, f;
    size_t payload_pos;
};

static void small_init(struct small_case *c)
{
    bb_buf_init(&c->in);
    bb_buf_init(&c->z);
    bb_buf_init(&c->f);
    add_transaction(&c->in, 1, 20);
}

static void small_file(struct small_case *c, const void *stored, size_t n, uint8_t ctype,
                       uint64_t usize)
{
    binlog_start_file(&c->f);
    c->payload_pos = c->f.len;
    add_payload(&c->f, stored, n, ctype, usize);
    add_rotate(&c->f);
}

static void small_destroy(struct small_case *c)
{
    bb_buf_destroy(&c->in);
    bb_buf_destroy(&c->z);
    bb_buf_destroy(&c->f);
}

Test(payload, inner_event_size_field_is_checked)
{
    struct small_case c;
    small_init(&c);
    /* BEGIN (45 bytes), then an event whose size field says 5. */
    uint8_t *bad = (uint8_t *)c.in.data + 45;
    bad[9] = 5;
    bad[10] = bad[11] = bad[12] = 0;
    compress_into(&c.z, c.in.data, c.in.len, 0);
    small_file(&c, c.z.data, c.z.len, ZSTD_TYPE, c.in.len);
    expect_payload_error(&c.f, 0, c.payload_pos,
                         "inner event at payload offset 45 claims 5 bytes, less than its header",
                         1);
    /* Stored uncompressed, the same. */
    small_file(&c, c.in.data, c.in.len, NONE_TYPE, c.in.len);
    expect_payload_error(&c.f, 0, c.payload_pos, "claims 5 bytes, less than its header", 1);
    small_destroy(&c);
}

Test(payload, inner_event_over_the_size_limit)
{
    struct small_case c;
    small_init(&c);
    compress_into(&c.z, c.in.data, c.in.len, 0);
    small_file(&c, c.z.data, c.z.len, ZSTD_TYPE, c.in.len);
    /* BEGIN (45), TABLE_MAP (45), then WRITE_ROWS of 40 + data bytes:
     * the fifth event (data 2 * 7919 % 300 = 238) is the first over 250. */
    expect_payload_error(&c.f, 250, c.payload_pos,
                         "claims 278 bytes, over the limit of 250", 4);
    small_destroy(&c);
}

Test(payload, every_cut_of_the_frame_fails_cleanly)
{
    struct small_case c;
    small_init(&c);
    compress_into(&c.z, c.in.data, c.in.len, 0);
    for (size_t n = 0; n < c.z.len; n++) {
        small_file(&c, c.z.data, n, ZSTD_TYPE, c.in.len);
        expect_payload_error(&c.f, 0, c.payload_pos, n < 6 ? "not a zstd frame" : "zstd",
                             (unsigned)-1);
    }
    /* Cut at the end: the events before the cut come out first. */
    small_file(&c, c.z.data, c.z.len - 1, ZSTD_TYPE, c.in.len);
    expect_payload_error(&c.f, 0, c.payload_pos, "zstd frame truncated", (unsigned)-1);
    small_destroy(&c);
}

Test(payload, inflated_size_must_match_the_header)
{
    struct small_case c;
    small_init(&c);
    compress_into(&c.z, c.in.data, c.in.len, 0);
    char why[128];
    small_file(&c, c.z.data, c.z.len, ZSTD_TYPE, c.in.len - 1);
    snprintf(why, sizeof why, "payload inflates past the %zu bytes its header gives",
             c.in.len - 1);
    expect_payload_error(&c.f, 0, c.payload_pos, why, (unsigned)-1);
    small_file(&c, c.z.data, c.z.len, ZSTD_TYPE, c.in.len + 1);
    snprintf(why, sizeof why, "payload inflated to %zu bytes but the header says %zu",
             c.in.len, c.in.len + 1);
    expect_payload_error(&c.f, 0, c.payload_pos, why, 23);
    /* Stored: the same rule. */
    small_file(&c, c.in.data, c.in.len, NONE_TYPE, c.in.len + 1);
    expect_payload_error(&c.f, 0, c.payload_pos, why, 23);
    small_destroy(&c);
}

Test(payload, bytes_after_the_frame_and_partial_headers)
{
    struct small_case c;
    small_init(&c);
    compress_into(&c.z, c.in.data, c.in.len, 0);
    bb_buf_append(&c.z, "junk", 4);
    small_file(&c, c.z.data, c.z.len, ZSTD_TYPE, 0);
    expect_payload_error(&c.f, 0, c.payload_pos, "zstd: ", 23);
    /* Ten bytes after the last event: less than a header. */
    bb_buf_append(&c.in, "0123456789", 10);
    bb_buf_reset(&c.z);
    compress_into(&c.z, c.in.data, c.in.len, 0);
    small_file(&c, c.z.data, c.z.len, ZSTD_TYPE, c.in.len);
    expect_payload_error(&c.f, 0, c.payload_pos, "10 trailing bytes at payload offset", 23);
    small_destroy(&c);
}

/* A frame asking for a window over 2^27 bytes (more than any zstd decoder
 * accepts by default, so more than MySQL can have written) is refused
 * rather than allocated. */
Test(payload, frame_window_is_bounded)
{
    struct small_case c;
    small_init(&c);
    compress_into(&c.z, c.in.data, c.in.len, 28);
    small_file(&c, c.z.data, c.z.len, ZSTD_TYPE, c.in.len);
    expect_payload_error(&c.f, 0, c.payload_pos, "zstd: ", 0);
    small_destroy(&c);
}
