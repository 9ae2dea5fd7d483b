/* decode_rows.c - the row events: WRITE/UPDATE/DELETE_ROWS in their v0
 * (pre-GA 5.1), v1 and v2 forms, PARTIAL_UPDATE_ROWS (JSON diffs) and
 * MariaDB's zlib-compressed variants. Row images are decoded from the raw
 * bytes against the TABLE_MAP, honouring the column bitmaps, so partial
 * images (binlog_row_image=MINIMAL/NOBLOB) decode correctly. */
#include <string.h>

#include "binlog/decode_value.h"
#include "binlog/decoder.h"
#include "base/error.h"

struct rows_kind_info {
    enum bb_rows_kind kind;
    uint8_t version;
    bool compressed;
    bool partial;
};

static bool rows_info(uint8_t type, struct rows_kind_info *k)
{
    memset(k, 0, sizeof *k);
    switch (type) {
    case PRE_GA_WRITE_ROWS_EVENT: k->kind = BB_ROWS_WRITE; k->version = 0; return true;
    case PRE_GA_UPDATE_ROWS_EVENT: k->kind = BB_ROWS_UPDATE; k->version = 0; return true;
    case PRE_GA_DELETE_ROWS_EVENT: k->kind = BB_ROWS_DELETE; k->version = 0; return true;
    case WRITE_ROWS_EVENT_V1: k->kind = BB_ROWS_WRITE; k->version = 1; return true;
    case UPDATE_ROWS_EVENT_V1: k->kind = BB_ROWS_UPDATE; k->version = 1; return true;
    case DELETE_ROWS_EVENT_V1: k->kind = BB_ROWS_DELETE; k->version = 1; return true;
    case WRITE_ROWS_EVENT: k->kind = BB_ROWS_WRITE; k->version = 2; return true;
    case UPDATE_ROWS_EVENT: k->kind = BB_ROWS_UPDATE; k->version = 2; return true;
    case DELETE_ROWS_EVENT: k->kind = BB_ROWS_DELETE; k->version = 2; return true;
    case PARTIAL_UPDATE_ROWS_EVENT:
        k->kind = BB_ROWS_UPDATE; k->version = 2; k->partial = true; return true;
    case WRITE_ROWS_COMPRESSED_EVENT_V1:
        k->kind = BB_ROWS_WRITE; k->version = 1; k->compressed = true; return true;
    case UPDATE_ROWS_COMPRESSED_EVENT_V1:
        k->kind = BB_ROWS_UPDATE; k->version = 1; k->compressed = true; return true;
    case DELETE_ROWS_COMPRESSED_EVENT_V1:
        k->kind = BB_ROWS_DELETE; k->version = 1; k->compressed = true; return true;
    case WRITE_ROWS_COMPRESSED_EVENT:
        k->kind = BB_ROWS_WRITE; k->version = 2; k->compressed = true; return true;
    case UPDATE_ROWS_COMPRESSED_EVENT:
        k->kind = BB_ROWS_UPDATE; k->version = 2; k->compressed = true; return true;
    case DELETE_ROWS_COMPRESSED_EVENT:
        k->kind = BB_ROWS_DELETE; k->version = 2; k->compressed = true; return true;
    default:
        return false;
    }
}

bool bb_event_is_rows(const struct bb_event *ev)
{
    struct rows_kind_info k;
    return rows_info(ev->type, &k);
}

static inline bool bit_set(const uint8_t *bitmap, uint32_t i)
{
    return (bitmap[i / 8] >> (i % 8)) & 1;
}

static uint32_t popcount_bits(const uint8_t *bitmap, uint32_t n)
{
    uint32_t count = 0;
    for (uint32_t i = 0; i < n; i++)
        count += bit_set(bitmap, i);
    return count;
}

/* Which present JSON columns of the after image carry a diff: PARTIAL_UPDATE
 * rows start their after image with lenenc value options; with
 * PARTIAL_JSON_UPDATES (1) a bitmap of ceil(json columns / 8) bytes follows,
 * one bit per JSON column of the table, consumed in column order by the
 * JSON columns present in the image. */
struct partial_bits {
    const uint8_t *bits;
    uint32_t nbits;
    uint32_t next;
};

/* One row image: a null bitmap over the present columns, then the values of
 * the present, non-NULL columns in column order. Absent columns get kind
 * BB_VALUE_ABSENT. */
static int decode_image(struct decoder *d, const struct bb_table *t, const uint8_t *present,
                        uint32_t npresent, unsigned null_bit0, struct cursor *c,
                        struct partial_bits *partial, struct bb_value *out, struct bb_error *err)
{
    const uint8_t *nulls = cursor_bytes(c, (npresent + null_bit0 + 7) / 8);
    if (!nulls)
        return bb_error_set(err, BB_ERR_CORRUPT, "null bitmap truncated at rows offset %zu",
                            c->off);
    uint32_t k = null_bit0;
    for (uint32_t i = 0; i < t->ncols; i++) {
        struct bb_value *v = &out[i];
        const struct bb_column *col = &t->cols[i];
        v->col = col;
        if (!bit_set(present, i)) {
            v->kind = BB_VALUE_ABSENT;
            continue;
        }
        bool is_null = bit_set(nulls, k++);
        bool is_partial = false;
        if (partial && col->type == MYSQL_TYPE_JSON) {
            if (partial->next < partial->nbits)
                is_partial = bit_set(partial->bits, partial->next);
            partial->next++;
        }
        if (is_null) {
            v->kind = BB_VALUE_NULL;
            continue;
        }
        if (is_partial) {
            /* A JSON diff list, length-prefixed like the JSON value. */
            size_t start = c->off;
            uint64_t len = cursor_uint_le(c, col->length_bytes ? col->length_bytes : 4);
            const uint8_t *p = cursor_ok(c) && len <= cursor_left(c)
                                   ? cursor_bytes(c, (size_t)len) : NULL;
            if (!p)
                return bb_error_set(err, BB_ERR_CORRUPT,
                                    "JSON diff of column %u (%s) truncated at rows offset %zu", i,
                                    col->name ? col->name : "?", start);
            v->kind = BB_VALUE_JSON_DIFF;
            v->v.str.p = p;
            v->v.str.len = (size_t)len;
            continue;
        }
        size_t start = c->off;
        if (decode_value(col, c, &d->arena, v, err) < 0) {
            bb_error_prefix(err, "column %u (%s) at rows offset %zu", i,
                            col->name ? col->name : "?", start);
            return err->code;
        }
    }
    return 0;
}

/* Decode rows of the event from `cur` on into r->rows, numbered from
 * r->first_row: to the end of the event, or until the rows decoded take
 * d->rows_budget bytes of the arena (and at least one row is decoded), when
 * r->more_rows says that rows remain at *cur. The check costs one
 * comparison per row. */
static int decode_slice(struct decoder *d, struct bb_ev_rows *r, const struct bb_table *t,
                        bool partial, unsigned null_bit0, struct cursor *cur,
                        struct bb_error *err)
{
    struct cursor rows = *cur;
    uint32_t nbefore = r->present_before ? popcount_bits(r->present_before, r->ncols) : 0;
    uint32_t nafter = r->present_after ? popcount_bits(r->present_after, r->ncols) : 0;
    uint32_t json_cols = 0;
    if (partial)
        for (uint32_t i = 0; i < t->ncols; i++)
            json_cols += t->cols[i].type == MYSQL_TYPE_JSON;
    size_t budget = d->rows_budget;

    /* Rows are decoded into an array grown by doubling in the arena. Each
     * row takes at least one byte, which bounds the count by the body. */
    uint32_t cap = 0, nrows = 0;
    struct bb_row *out = NULL;
    while (!cursor_at_end(&rows)) {
        uint32_t at = r->first_row + nrows;   /* the row's index in the event */
        if (nrows == cap) {
            uint32_t ncap = cap ? cap * 2 : 16;
            struct bb_row *grown = bb_arena_alloc(&d->arena, (size_t)ncap * sizeof *grown);
            if (!grown)
                return bb_error_set(err, BB_ERR_NOMEM, "out of memory decoding rows");
            if (nrows)
                memcpy(grown, out, (size_t)nrows * sizeof *out);
            out = grown;
            cap = ncap;
        }
        struct bb_row *row = &out[nrows];
        size_t row_start = rows.off;
        row->before = row->after = NULL;
        int rc;
        if (r->present_before) {
            row->before = bb_arena_alloc(&d->arena, (size_t)t->ncols * sizeof(struct bb_value));
            if (!row->before)
                return bb_error_set(err, BB_ERR_NOMEM, "out of memory decoding rows");
            rc = decode_image(d, t, r->present_before, nbefore, null_bit0, &rows, NULL, row->before,
                              err);
            if (rc < 0) {
                bb_error_prefix(err, "row %u before image", at);
                return rc;
            }
        }
        if (r->present_after) {
            struct partial_bits pb = { NULL, 0, 0 }, *ppb = NULL;
            if (partial) {
                uint64_t options = cursor_lenenc(&rows);
                if (!cursor_ok(&rows))
                    return bb_error_set(err, BB_ERR_CORRUPT,
                                        "row %u value options truncated at rows offset %zu",
                                        at, rows.off);
                if (options & 1) {
                    pb.nbits = json_cols;
                    pb.bits = cursor_bytes(&rows, (json_cols + 7) / 8);
                    if (!pb.bits)
                        return bb_error_set(err, BB_ERR_CORRUPT,
                                            "row %u partial-JSON bitmap truncated", at);
                    ppb = &pb;
                }
            }
            row->after = bb_arena_alloc(&d->arena, (size_t)t->ncols * sizeof(struct bb_value));
            if (!row->after)
                return bb_error_set(err, BB_ERR_NOMEM, "out of memory decoding rows");
            rc = decode_image(d, t, r->present_after, nafter, null_bit0, &rows, ppb, row->after, err);
            if (rc < 0) {
                bb_error_prefix(err, "row %u after image", at);
                return rc;
            }
        }
        if (rows.off == row_start)
            return bb_error_set(err, BB_ERR_CORRUPT,
                                "row %u has no present columns but %zu row bytes remain", at,
                                cursor_left(&rows));
        nrows++;
        if (bb_arena_used(&d->arena) >= budget)
            break;
    }
    r->nrows = nrows;
    r->rows = out;
    r->more_rows = !cursor_at_end(&rows);
    *cur = rows;
    return 0;
}

/* Arena bytes kept from one slice of an event to the next: the next slice
 * reuses them rather than allocating again. */
static size_t slice_keep(const struct decoder *d)
{
    return d->rows_budget;
}

/* Pre-GA (v0) rows are MySQL 5.1 records whose null bytes begin with a
 * reserved bit when the table used the fixed record format (MyISAM
 * without packed rows). The binlog does not say which, so v0 rows are
 * decoded without it first, then with it; only a decoding that ends
 * exactly at the end of the event is accepted. When the event does not fit
 * one slice, the rest of it is decoded (and dropped, slice by slice) before
 * the first slice goes out, so that no row of a misreading is delivered.
 * Returns the first slice in r and the bit in *bit0. */
static int decode_first_slice_v0(struct decoder *d, struct bb_ev_rows *r,
                                 const struct bb_table *t, struct cursor *cur, unsigned *bit0,
                                 struct bb_error *err)
{
    struct cursor start = *cur;
    struct bb_error first = { 0 };
    for (unsigned b = 0; b < 2; b++) {
        *cur = start;
        bb_arena_reset(&d->arena, slice_keep(d));
        int rc = decode_slice(d, r, t, false, b, cur, err);
        if (rc == 0 && r->more_rows) {
            struct bb_ev_rows probe = *r;
            struct cursor rest = *cur;
            while (rc == 0 && probe.more_rows) {
                probe.first_row += probe.nrows;
                bb_arena_reset(&d->arena, slice_keep(d));
                rc = decode_slice(d, &probe, t, false, b, &rest, err);
            }
            if (rc == 0) {   /* it reads to the end: decode the first slice again */
                *cur = start;
                bb_arena_reset(&d->arena, slice_keep(d));
                rc = decode_slice(d, r, t, false, b, cur, err);
            }
        }
        if (rc == 0) {
            *bit0 = b;
            return 0;
        }
        if (rc != BB_ERR_CORRUPT)
            return rc;
        if (b == 0) {
            first = *err;
            bb_error_clear(err);
        }
    }
    *err = first;
    return first.code;
}

int decode_rows_next(struct decoder *d, struct bb_event *ev, struct bb_error *err)
{
    struct rows_reader *s = &d->slices;
    bb_arena_reset(&d->arena, slice_keep(d));
    *ev = s->ev;
    struct bb_ev_rows *r = &ev->rows;
    r->first_row += r->nrows;
    r->nrows = 0;
    r->rows = NULL;
    int rc = decode_slice(d, r, r->table, r->partial_json, s->null_bit0, &s->rows, err);
    if (rc < 0) {
        s->active = false;
        return rc;
    }
    s->active = r->more_rows;
    if (s->active)
        s->ev = *ev;
    return 0;
}

/* Rows event layout:
 * Post-header: 6 table id (4 when the post-header is 6 bytes), 2 flags,
 *   v2 only: 2 extra-data length (counting itself), extra data.
 * Body: lenenc column count, present-columns bitmap (before image for
 *   UPDATE/DELETE, after image for WRITE), UPDATE v1/v2 and PARTIAL_UPDATE:
 *   a second bitmap for the after image; then rows to the end of the body
 *   (MariaDB compressed events: the rows are one compressed block). */
int decode_rows(struct decoder *d, struct bb_event *ev, struct cursor *c, struct bb_error *err)
{
    struct bb_ev_rows *r = &ev->rows;
    struct rows_kind_info k;
    rows_info(ev->type, &k);
    r->kind = k.kind;
    r->version = k.version;
    r->compressed = k.compressed;
    r->partial_json = k.partial;

    unsigned ph = decoder_post_header_len(d, ev->type);
    r->table_id = ph == 6 ? cursor_u32le(c) : cursor_u48le(c);
    r->flags = cursor_u16le(c);
    if (!cursor_ok(c))
        return bb_error_set(err, BB_ERR_CORRUPT, "post-header truncated");
    if (k.version == 2 && ph >= 10) {
        uint16_t extra_len = cursor_u16le(c);
        if (!cursor_ok(c) || extra_len < 2 || extra_len - 2u > cursor_left(c))
            return bb_error_set(err, BB_ERR_CORRUPT, "extra data length %u is invalid", extra_len);
        r->extra.len = extra_len - 2u;
        r->extra.p = cursor_bytes(c, r->extra.len);
        if (ph > 10)
            cursor_skip(c, ph - 10);
    } else if (ph > 8) {
        cursor_skip(c, ph - 8);
    }
    uint64_t ncols = cursor_lenenc(c);
    if (!cursor_ok(c))
        return bb_error_set(err, BB_ERR_CORRUPT, "column count truncated");
    if (ncols == 0 || ncols > 4096)
        return bb_error_set(err, BB_ERR_CORRUPT, "column count %llu is invalid",
                            (unsigned long long)ncols);
    r->ncols = (uint32_t)ncols;
    size_t bitmap_len = (r->ncols + 7) / 8;
    r->present_before = cursor_bytes(c, bitmap_len);
    bool two_images = k.kind == BB_ROWS_UPDATE && k.version > 0;
    r->present_after = two_images ? cursor_bytes(c, bitmap_len) : r->present_before;
    if (!cursor_ok(c))
        return bb_error_set(err, BB_ERR_CORRUPT, "column bitmaps truncated");
    if (k.kind == BB_ROWS_WRITE)
        r->present_before = NULL;
    if (k.kind == BB_ROWS_DELETE)
        r->present_after = NULL;

    const struct bb_table *t = table_cache_get(&d->tables, r->table_id);
    if (!t)
        return bb_error_set(err, BB_ERR_CORRUPT,
                            "no TABLE_MAP_EVENT for table id %llu precedes this rows event",
                            (unsigned long long)r->table_id);
    if (t->ncols != r->ncols)
        return bb_error_set(err, BB_ERR_CORRUPT,
                            "rows event has %u columns but the table map of %s.%s has %u",
                            r->ncols, t->schema, t->name, t->ncols);
    r->table = t;
    if (d->want_table && !d->want_table(d->want_table_ctx, t))
        return 0; /* filtered out: rows are not decoded */

    struct cursor rows = *c;
    if (k.compressed) {
        size_t n;
        const uint8_t *p = cursor_rest(c, &n);
        int rc = decode_mariadb_uncompress(p, n, d->max_event_size, &d->inflated, err);
        if (rc < 0) {
            bb_error_prefix(err, "row data");
            return rc;
        }
        rows = cursor_make(d->inflated.data, d->inflated.len);
    }

    /* The first slice (usually the whole event); the rest is decoded as
     * decoder_next() asks for it, from the event's bytes or d->inflated,
     * which stay as they are until then (decoder.h). */
    unsigned bit0 = 0;
    int rc = k.version == 0 ? decode_first_slice_v0(d, r, t, &rows, &bit0, err)
                            : decode_slice(d, r, t, k.partial, 0, &rows, err);
    if (rc == 0 && r->more_rows) {
        d->slices.active = true;
        d->slices.ev = *ev;
        d->slices.rows = rows;
        d->slices.null_bit0 = bit0;
    }
    return rc;
}
