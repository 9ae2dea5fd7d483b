/* decode_payload.c - TRANSACTION_PAYLOAD_EVENT (MySQL 8.0.20+,
 * binlog_transaction_compression=ON): a whole transaction's events,
 * zstd-compressed. The decoder inflates the payload and then hands out the
 * inner events one by one (decoder_next_inner), each decoded like any other
 * event and marked in_payload. */
#include <zstd.h>

#include "decoder.h"
#include "error.h"

#define PAYLOAD_HEADER_END 0
#define PAYLOAD_SIZE 1
#define PAYLOAD_COMPRESSION 2
#define PAYLOAD_UNCOMPRESSED_SIZE 3
#define COMPRESSION_ZSTD 0
#define COMPRESSION_NONE 255

/* Body: header fields as (lenenc type, lenenc length, value) until type 0;
 * the integer fields' values are lenenc integers. Then the payload. */
int decode_payload(struct decoder *d, struct bb_event *ev, struct cursor *c, struct bb_error *err)
{
    struct bb_ev_payload *p = &ev->payload;
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

    bb_buf_reset(&d->payload);
    if (p->compression_type == COMPRESSION_NONE) {
        bb_buf_append(&d->payload, src, n);
    } else if (p->compression_type == COMPRESSION_ZSTD) {
        unsigned long long size = ZSTD_getFrameContentSize(src, n);
        if (size == ZSTD_CONTENTSIZE_ERROR)
            return bb_error_set(err, BB_ERR_CORRUPT, "payload is not a zstd frame");
        if (size == ZSTD_CONTENTSIZE_UNKNOWN)
            size = p->uncompressed_size;
        if (size > d->max_event_size)
            return bb_error_set(err, BB_ERR_LIMIT,
                                "uncompressed payload of %llu bytes exceeds the limit of %zu",
                                size, d->max_event_size);
        char *dst = bb_buf_reserve(&d->payload, (size_t)size);
        if (!dst)
            return bb_error_set(err, BB_ERR_NOMEM, "out of memory for a %llu-byte payload", size);
        size_t got = ZSTD_decompress(dst, (size_t)size, src, n);
        if (ZSTD_isError(got))
            return bb_error_set(err, BB_ERR_CORRUPT, "zstd: %s", ZSTD_getErrorName(got));
        if (got != size)
            return bb_error_set(err, BB_ERR_CORRUPT, "payload inflated to %zu bytes, not %llu",
                                got, size);
        d->payload.len = got;
        d->payload.data[got] = '\0';
    } else {
        return bb_error_set(err, BB_ERR_UNSUPPORTED, "unknown compression type %u",
                            p->compression_type);
    }
    if (bb_buf_check(&d->payload, err) < 0)
        return BB_ERR_NOMEM;
    if (p->uncompressed_size && p->uncompressed_size != d->payload.len)
        return bb_error_set(err, BB_ERR_CORRUPT,
                            "payload inflated to %zu bytes but the header says %llu",
                            d->payload.len, (unsigned long long)p->uncompressed_size);

    /* Count the inner events (each starts with a 19-byte header whose size
     * field we check here; their bodies are checked when decoded). */
    struct cursor in = cursor_make(d->payload.data, d->payload.len);
    uint32_t count = 0;
    while (!cursor_at_end(&in)) {
        size_t at = in.off;
        cursor_skip(&in, 9);
        uint32_t size = cursor_u32le(&in);
        if (!cursor_ok(&in) || size < BB_LOG_EVENT_HEADER_LEN || size > in.len - at)
            return bb_error_set(err, BB_ERR_CORRUPT,
                                "inner event at payload offset %zu has an invalid size", at);
        in.off = at + size;
        count++;
    }
    p->nevents = count;
    d->payload_off = 0;
    d->payload_active = true;
    d->payload_pos = ev->pos;
    d->payload_file = ev->log_file;
    return 0;
}
