/* decoder.h - turns the bytes of one binlog event into a struct bb_event.
 *
 * The decoder never does I/O: a source hands it whole events (common header
 * through checksum) and it keeps the state that later events need: the
 * format from the last FORMAT_DESCRIPTION_EVENT, the TABLE_MAP cache, the
 * rows of a large rows event not yet delivered and the inner events of a
 * TRANSACTION_PAYLOAD still to be delivered.
 *
 * Errors name the event type, its byte offset and the reason:
 *   "TABLE_MAP_EVENT at offset 1234 in mysql-bin.000001: column count 3 but metadata for 2"
 * Body decoders set only the reason; decoder_decode() adds where. */
#ifndef BB_DECODER_H
#define BB_DECODER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <zstd.h>

#include "binbridge.h"
#include "base/buf.h"
#include "base/cursor.h"
#include "binlog/table_cache.h"

#define BB_LOG_EVENT_HEADER_LEN 19
#define BB_BINLOG_MAGIC "\xfe" "bin"
#define BB_CHECKSUM_NONE 0
#define BB_CHECKSUM_CRC32 1
#define BB_CHECKSUM_UNDEF 255

/* Should the row images of this table be decoded? (the stream's table filter) */
typedef bool (*decoder_want_table_fn)(void *ctx, const struct bb_table *table);

/* Called for each TABLE_MAP before it is cached, to complete what the event
 * did not carry (names, signedness, charsets, labels from the schema).
 * Returns 0 or a negative error. */
typedef int (*decoder_table_hook_fn)(void *ctx, struct cached_table *table, struct bb_error *err);

/* A TRANSACTION_PAYLOAD being unpacked (decode_payload.c). Its inner events
 * are inflated one at a time into a window that holds the event being
 * handed out, so memory is bounded by the largest inner event plus zstd's
 * window, never by the size of the transaction. */
struct payload_reader {
    bool active;                 /* inner events may remain */
    bool compressed;             /* zstd; else the events are stored as they are */
    const uint8_t *src;          /* the payload, inside the outer event's bytes */
    size_t src_len, src_off;     /* src_off: zstd input used, or the next stored event */
    bool frame_done;             /* zstd's last call ended a frame */
    uint64_t expect;             /* uncompressed size from the header, 0 if absent */
    uint64_t inflated;           /* bytes inflated so far */
    uint64_t off;                /* payload offset of the next inner event */
    uint64_t pos;                /* the outer event's offset and file */
    const char *file;
    ZSTD_DCtx *zctx;             /* kept from one payload to the next */
    uint8_t *win;                /* inflated bytes [head, tail) not handed out yet */
    size_t cap, head, tail;
};

/* A rows event delivered in slices (decode_rows.c, struct bb_ev_rows): its
 * rows are decoded from the event's bytes as they are asked for, so that
 * memory is bounded by the budget (plus one row), never by how many rows the
 * event holds. */
struct rows_reader {
    bool active;                 /* more slices of ev remain */
    struct bb_event ev;          /* the event as its last slice went out */
    struct cursor rows;          /* its row bytes not decoded yet */
    unsigned null_bit0;          /* v0 rows: the reserved null bit, as settled */
};

struct decoder {
    /* format, from the last FORMAT_DESCRIPTION_EVENT */
    bool have_format;
    uint16_t binlog_version;
    uint8_t header_len;              /* common header length (19 for v4) */
    uint8_t post_header[256];        /* post-header length by event type */
    uint8_t checksum_alg;            /* BB_CHECKSUM_* */
    bool mariadb;
    bool old_numbering;              /* 5.1 pre-GA type ids, remapped on read */
    char server_version[51];

    bool verify_checksum;
    bool require_format;             /* files: the first event must be an FDE */
    size_t max_event_size;
    size_t rows_budget;              /* arena bytes of decoded rows per slice */
    bool encrypted;                  /* a START_ENCRYPTION_EVENT was seen */

    struct table_cache tables;
    bool clear_tables_pending;       /* a STMT_END_F rows event was delivered whole */
    decoder_want_table_fn want_table;
    void *want_table_ctx;
    decoder_table_hook_fn table_hook;
    void *table_hook_ctx;

    struct bb_arena arena;           /* per-event scratch: rows, values, lists */
    struct bb_buf inflated;          /* MariaDB compressed event bodies */

    /* the slices of a rows event still to deliver, then TRANSACTION_PAYLOAD
     * inner events */
    struct rows_reader slices;
    struct payload_reader payload;
};

void decoder_init(struct decoder *d);
void decoder_destroy(struct decoder *d);

/* Forget the format and tables, as at the start of a new binlog file. */
void decoder_reset_format(struct decoder *d);

/* Decode one whole event: data[0..len) holds the common header, body and
 * checksum. pos is its byte offset in log_file (which must outlive ev).
 * Pointers in ev point into data, into the decoder's arena or its buffers,
 * valid until the next call. Returns 0 or a negative error. A rows event may
 * come out as its first slice (ev->rows.more_rows).
 * data must stay valid until decoder_next() has returned 0 or an error (or
 * the next decoder_decode()) when this event was a TRANSACTION_PAYLOAD_EVENT
 * or a rows event with more_rows: the inner events are inflated, and the
 * further rows decoded, from it as they are asked for, rather than copied.
 * (Both sources hand out events as views that hold until their next read:
 * the stream does not read until decoder_next() says 0.) */
int decoder_decode(struct decoder *d, const uint8_t *data, size_t len, uint64_t pos,
                   const char *log_file, struct bb_event *ev, struct bb_error *err);

/* What the last event decoded holds back: the next slice of a rows event
 * delivered with more_rows (into the same ev), else, after a
 * TRANSACTION_PAYLOAD_EVENT, its next inner event (which may itself be a
 * rows event in slices). Returns 1 with ev filled, 0 when there is nothing
 * more, negative on error. Call it until it returns 0 before the next
 * decoder_decode(), which otherwise abandons what is left. */
int decoder_next(struct decoder *d, struct bb_event *ev, struct bb_error *err);

/* Does the last event decoded hold more back (decoder_next would return
 * something without a new event)? */
bool decoder_holds_more(const struct decoder *d);

/* The next inner event of the payload being read: its bytes in
 * *event[0..*len), valid until the next call. Returns 1, 0 at the end of
 * the payload (after checking it ended where its header said), or a
 * negative error naming the TRANSACTION_PAYLOAD_EVENT and the payload
 * offset; the reader is then inactive. */
int payload_next(struct payload_reader *r, size_t max_event_size, const uint8_t **event,
                 size_t *len, struct bb_error *err);
void payload_reader_destroy(struct payload_reader *r);
/* Are bytes of the payload left to hand out (inner events, or a damage
 * payload_next would report)? */
bool payload_reader_has_more(const struct payload_reader *r);

/* Body decoders: c spans the body (after the common header, before the
 * checksum); they set only the reason on error. */
int decode_query(struct decoder *d, struct bb_event *ev, struct cursor *c, struct bb_error *err);
int decode_rotate(struct decoder *d, struct bb_event *ev, struct cursor *c, struct bb_error *err);
int decode_simple(struct decoder *d, struct bb_event *ev, struct cursor *c, struct bb_error *err);
int decode_gtid(struct decoder *d, struct bb_event *ev, struct cursor *c, struct bb_error *err);
int decode_gtid_tagged(struct decoder *d, struct bb_event *ev, struct cursor *c, struct bb_error *err);
int decode_previous_gtids(struct decoder *d, struct bb_event *ev, struct cursor *c, struct bb_error *err);
int decode_mariadb(struct decoder *d, struct bb_event *ev, struct cursor *c, struct bb_error *err);
int decode_table_map(struct decoder *d, struct bb_event *ev, struct cursor *c, struct bb_error *err);
int decode_rows(struct decoder *d, struct bb_event *ev, struct cursor *c, struct bb_error *err);
int decode_payload(struct decoder *d, struct bb_event *ev, struct cursor *c, struct bb_error *err);

/* The next slice of the rows event in d->slices, into ev (the event's
 * fields, then the rows). Sets only the reason on error. Returns 0 or a
 * negative error; d->slices.active tells whether more follow. */
int decode_rows_next(struct decoder *d, struct bb_event *ev, struct bb_error *err);

/* MariaDB compressed data (QUERY_COMPRESSED, *_ROWS_COMPRESSED): one header
 * byte (0x80 | n), n bytes of big-endian uncompressed length, zlib stream.
 * Decompresses into out (reset first). */
int decode_mariadb_uncompress(const uint8_t *p, size_t n, size_t max_size, struct bb_buf *out,
                              struct bb_error *err);

/* Server version "10.11.19-MariaDB-log" -> 101119 style (major*10000 +
 * minor*100 + patch, each capped at 99). */
unsigned decoder_version_number(const char *server_version);

/* Length of the post-header of this event type under the current format,
 * with the defaults of a v4 binlog when no FDE said otherwise. */
unsigned decoder_post_header_len(const struct decoder *d, uint8_t type);

#endif
