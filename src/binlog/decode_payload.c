/* decode_payload.c - TRANSACTION_PAYLOAD_EVENT (MySQL 8.0.20+,
 * binlog_transaction_compression=ON): a whole transaction's events,
 * zstd-compressed. decode_payload() reads the header; the inner events are
 * then inflated one at a time as decoder_next() asks for them, each
 * decoded like any other event and marked in_payload.
 *
 * Streaming, as MySQL's own reader does (Payload_event_buffer_istream):
 * a transaction has no size limit of its own (one of several gigabytes is
 * legal), so inflating it whole would either cap what can be read or let
 * a few kilobytes of crafted frame take gigabytes of memory. Here memory is
 * the largest inner event plus zstd's window (at most 2^27 bytes, what any
 * zstd decoder accepts by default and so what any MySQL server can write;
 * MySQL's level-3 frames use 2^21). */
#include <stdlib.h>
#include <string.h>

#include "binlog/decoder.h"
#include "base/error.h"

#define PAYLOAD_HEADER_END 0
#define PAYLOAD_SIZE 1
#define PAYLOAD_COMPRESSION 2
#define PAYLOAD_UNCOMPRESSED_SIZE 3
#define COMPRESSION_ZSTD 0
#define COMPRESSION_NONE 255

/* zstd's own default limit (ZSTD_WINDOWLOG_LIMIT_DEFAULT), spelled out:
 * a frame asking for a larger window is refused rather than allocated. */
#define PAYLOAD_WINDOW_LOG_MAX 27
/* Inflate in steps of at least this much (zstd's block size is 128 KB). */
#define PAYLOAD_CHUNK ((size_t)256 << 10)
/* Buffers grown past these for one large payload are given back when it
 * ends, so that one big transaction does not pin its memory for good. */
#define PAYLOAD_KEEP_WINDOW ((size_t)4 << 20)
#define PAYLOAD_KEEP_ZSTD ((size_t)16 << 20)

void payload_reader_destroy(struct payload_reader *r)
{
    ZSTD_freeDCtx(r->zctx);
    free(r->win);
    memset(r, 0, sizeof *r);
}

bool payload_reader_has_more(const struct payload_reader *r)
{
    if (!r->active)
        return false;
    if (!r->compressed)
        return r->src_off < r->src_len;
    return r->head < r->tail || !(r->frame_done && r->src_off == r->src_len);
}

/* The payload is done with (read to its end, failed, or abandoned). */
static void finish(struct payload_reader *r)
{
    r->active = false;
    r->src = NULL;
    r->head = r->tail = 0;
    if (r->cap > PAYLOAD_KEEP_WINDOW) {
        free(r->win);
        r->win = NULL;
        r->cap = 0;
    }
    if (r->zctx && ZSTD_sizeof_DCtx(r->zctx) > PAYLOAD_KEEP_ZSTD) {
        ZSTD_freeDCtx(r->zctx);
        r->zctx = NULL;
    }
}

/* Body: header fields as (lenenc type, lenenc length, value) until type 0;
 * the integer fields' values are lenenc integers. Then the payload. */
int decode_payload(struct decoder *d, struct bb_event *ev, struct cursor *c, struct bb_error *err)
{
    struct bb_ev_payload *p = &ev->payload;
    struct payload_reader *r = &d->payload;
    bool have_size = false, have_type = false;
    p->compression_type = COMPRESSION_NONE;
    for (;;) {
        uint64_t type = cursor_lenenc(c);
        if (!cursor_ok(c))
            return bb_error_set(err, BB_ERR_CORRUPT, "header truncated at body offset %zu", c->off);
        if (type == PAYLOAD_HEADER_END)
            break;
        uint64_t len = cursor_lenenc(c);
        if (!cursor_ok(c) || len > cursor_left(c))
            return bb_error_set(err, BB_ERR_CORRUPT, "header field %llu overruns the body",
                                (unsigned long long)type);
        struct cursor f = cursor_sub(c, (size_t)len);
        uint64_t value = cursor_lenenc(&f);
        switch (type) {
        case PAYLOAD_SIZE: p->payload_size = value; have_size = true; break;
        case PAYLOAD_COMPRESSION: p->compression_type = (uint8_t)value; have_type = true; break;
        case PAYLOAD_UNCOMPRESSED_SIZE: p->uncompressed_size = value; break;
        default: continue; /* a newer field: its length let us skip it */
        }
        if (!cursor_ok(&f))
            return bb_error_set(err, BB_ERR_CORRUPT, "header field %llu is malformed",
                                (unsigned long long)type);
    }
    if (!have_size || !have_type)
        return bb_error_set(err, BB_ERR_CORRUPT, "header lacks the payload %s",
                            have_size ? "compression type" : "size");
    if (p->payload_size != cursor_left(c))
        return bb_error_set(err, BB_ERR_CORRUPT,
                            "payload size %llu does not match the %zu bytes that follow",
                            (unsigned long long)p->payload_size, cursor_left(c));
    size_t n;
    const uint8_t *src = cursor_rest(c, &n);
    if (p->compression_type == COMPRESSION_ZSTD) {
        if (ZSTD_getFrameContentSize(src, n) == ZSTD_CONTENTSIZE_ERROR)
            return bb_error_set(err, BB_ERR_CORRUPT, "payload is not a zstd frame");
        if (!r->zctx) {
            r->zctx = ZSTD_createDCtx();
            if (!r->zctx)
                return bb_error_set(err, BB_ERR_NOMEM, "out of memory for a zstd context");
        }
        size_t zrc = ZSTD_DCtx_reset(r->zctx, ZSTD_reset_session_and_parameters);
        if (!ZSTD_isError(zrc))
            zrc = ZSTD_DCtx_setParameter(r->zctx, ZSTD_d_windowLogMax, PAYLOAD_WINDOW_LOG_MAX);
        if (ZSTD_isError(zrc))
            return bb_error_set(err, BB_ERR_NOMEM, "zstd: %s", ZSTD_getErrorName(zrc));
    } else if (p->compression_type != COMPRESSION_NONE) {
        return bb_error_set(err, BB_ERR_UNSUPPORTED, "unknown compression type %u",
                            p->compression_type);
    }

    /* The inner events are read from src as they are asked for: the caller
     * keeps the outer event's bytes valid until then (decoder.h). */
    r->active = true;
    r->compressed = p->compression_type == COMPRESSION_ZSTD;
    r->src = src;
    r->src_len = n;
    r->src_off = 0;
    r->frame_done = false;
    r->expect = p->uncompressed_size;
    r->inflated = 0;
    r->off = 0;
    r->head = r->tail = 0;
    r->pos = ev->pos;
    r->file = ev->log_file;
    return 0;
}

/* Make room in the window for `want` bytes from head (want is more than
 * it holds) plus a step of inflation, moving what is left to the front
 * before growing. Returns 0 or BB_ERR_NOMEM. */
static int make_room(struct payload_reader *r, size_t want, struct bb_error *err)
{
    size_t need = want + PAYLOAD_CHUNK;
    if (r->cap - r->tail >= PAYLOAD_CHUNK && r->cap - r->head >= need)
        return 0;
    size_t kept = r->tail - r->head;
    if (r->head > 0) {
        memmove(r->win, r->win + r->head, kept);
        r->head = 0;
        r->tail = kept;
    }
    if (r->cap >= need)
        return 0;
    size_t cap = r->cap ? r->cap : 2 * PAYLOAD_CHUNK;
    while (cap < need)
        cap *= 2;
    uint8_t *w = realloc(r->win, cap);
    if (!w)
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory for a %zu-byte inner event", want);
    r->win = w;
    r->cap = cap;
    return 0;
}

/* Inflate until `want` bytes from head are in the window, or the payload
 * ends (the frame is complete and its input used up). Returns 0 either way
 * (the caller compares), or a negative error. */
static int fill(struct payload_reader *r, size_t want, struct bb_error *err)
{
    while (r->tail - r->head < want) {
        if (r->frame_done && r->src_off == r->src_len)
            return 0;
        if (make_room(r, want, err) < 0)
            return BB_ERR_NOMEM;
        /* Called even when the input is used up: zstd may still hold
         * inflated bytes that did not fit the last time. */
        ZSTD_inBuffer in = { r->src, r->src_len, r->src_off };
        ZSTD_outBuffer out = { r->win + r->tail, r->cap - r->tail, 0 };
        size_t zrc = ZSTD_decompressStream(r->zctx, &out, &in);
        if (ZSTD_isError(zrc))
            return bb_error_set(err, BB_ERR_CORRUPT, "zstd: %s after %llu inflated bytes",
                                ZSTD_getErrorName(zrc), (unsigned long long)r->inflated);
        if (in.pos == r->src_off && out.pos == 0) {
            if (in.pos == r->src_len)
                return bb_error_set(err, BB_ERR_CORRUPT,
                                    "zstd frame truncated: the payload ends after %llu inflated "
                                    "bytes, inside a frame", (unsigned long long)r->inflated);
            /* never seen: zstd always moves with room on both sides */
            return bb_error_set(err, BB_ERR_CORRUPT, "zstd made no progress after %llu "
                                "inflated bytes", (unsigned long long)r->inflated);
        }
        /* A frame may be followed by another (MySQL's reader reads on too). */
        r->frame_done = zrc == 0;
        r->src_off = in.pos;
        r->tail += out.pos;
        r->inflated += out.pos;
        if (r->expect && r->inflated > r->expect)
            return bb_error_set(err, BB_ERR_CORRUPT,
                                "payload inflates past the %llu bytes its header gives",
                                (unsigned long long)r->expect);
    }
    return 0;
}

int payload_next(struct payload_reader *r, size_t max_event_size, const uint8_t **event,
                 size_t *len, struct bb_error *err)
{
    if (!r->active)
        return 0;
    const uint8_t *p;
    size_t left;
    if (r->compressed) {
        int rc = fill(r, BB_LOG_EVENT_HEADER_LEN, err);
        if (rc < 0)
            goto fail;
        p = r->win + r->head;
        left = r->tail - r->head;
    } else {
        p = r->src + r->src_off;
        left = r->src_len - r->src_off;
    }
    if (left == 0) {
        /* The end: the sizes must agree (a frame's own content size, when
         * it gives one, zstd has checked). */
        uint64_t total = r->compressed ? r->inflated : r->src_len;
        if (r->expect && r->expect != total) {
            bb_error_set(err, BB_ERR_CORRUPT, "payload inflated to %llu bytes but the header "
                         "says %llu", (unsigned long long)total, (unsigned long long)r->expect);
            goto fail;
        }
        finish(r);
        return 0;
    }
    if (left < BB_LOG_EVENT_HEADER_LEN) {
        bb_error_set(err, BB_ERR_CORRUPT,
                     "%zu trailing bytes at payload offset %llu are less than an event header",
                     left, (unsigned long long)r->off);
        goto fail;
    }
    struct cursor h = cursor_make(p, left);
    cursor_skip(&h, 9);
    uint32_t size = cursor_u32le(&h);
    if (size < BB_LOG_EVENT_HEADER_LEN) {
        bb_error_set(err, BB_ERR_CORRUPT,
                     "inner event at payload offset %llu claims %u bytes, less than its header",
                     (unsigned long long)r->off, size);
        goto fail;
    }
    if (size > max_event_size) {
        bb_error_set(err, BB_ERR_LIMIT,
                     "inner event at payload offset %llu claims %u bytes, over the limit of %zu",
                     (unsigned long long)r->off, size, max_event_size);
        goto fail;
    }
    if (r->compressed && size > left) {
        int rc = fill(r, size, err);
        if (rc < 0)
            goto fail;
        p = r->win + r->head;
        left = r->tail - r->head;
    }
    if (size > left) {
        bb_error_set(err, BB_ERR_CORRUPT, "inner event at payload offset %llu claims %u bytes, "
                     "%zu left", (unsigned long long)r->off, size, left);
        goto fail;
    }
    if (r->compressed)
        r->head += size;
    else
        r->src_off += size;
    r->off += size;
    *event = p;
    *len = size;
    return 1;

fail:
    finish(r);
    bb_error_prefix(err, "TRANSACTION_PAYLOAD_EVENT at offset %llu in %s",
                    (unsigned long long)r->pos, r->file ? r->file : "?");
    return err->code < 0 ? err->code : BB_ERR_CORRUPT;
}
