/* decoder.c - framing of binlog events: the common header, the
 * FORMAT_DESCRIPTION_EVENT that governs the events after it, CRC32
 * checksums, and dispatch to the body decoders. */
#include "binlog/decoder.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "base/crc32.h"
#include "binlog/decode_value.h"
#include "base/error.h"

/* Post-header lengths of a v4 binlog when no FDE said otherwise (the
 * values MySQL 5.7 / MariaDB 10 write). Only the fake ROTATE a server sends
 * before its FDE, and malformed files, ever use these. */
static const uint8_t default_post_header[256] = {
    [QUERY_EVENT] = 13, [ROTATE_EVENT] = 8, [LOAD_EVENT] = 18, [CREATE_FILE_EVENT] = 22,
    [APPEND_BLOCK_EVENT] = 4, [EXEC_LOAD_EVENT] = 4, [DELETE_FILE_EVENT] = 4,
    [NEW_LOAD_EVENT] = 18, [FORMAT_DESCRIPTION_EVENT] = 84, [BEGIN_LOAD_QUERY_EVENT] = 4,
    [EXECUTE_LOAD_QUERY_EVENT] = 26, [TABLE_MAP_EVENT] = 8, [PRE_GA_WRITE_ROWS_EVENT] = 8,
    [PRE_GA_UPDATE_ROWS_EVENT] = 8, [PRE_GA_DELETE_ROWS_EVENT] = 8,
    [WRITE_ROWS_EVENT_V1] = 8, [UPDATE_ROWS_EVENT_V1] = 8, [DELETE_ROWS_EVENT_V1] = 8,
    [INCIDENT_EVENT] = 2, [ROWS_QUERY_LOG_EVENT] = 1, [WRITE_ROWS_EVENT] = 10,
    [UPDATE_ROWS_EVENT] = 10, [DELETE_ROWS_EVENT] = 10, [GTID_LOG_EVENT] = 42,
    [ANONYMOUS_GTID_LOG_EVENT] = 42, [TRANSACTION_CONTEXT_EVENT] = 18,
    [VIEW_CHANGE_EVENT] = 52, [XA_PREPARE_LOG_EVENT] = 0, [PARTIAL_UPDATE_ROWS_EVENT] = 10,
    [BINLOG_CHECKPOINT_EVENT] = 4, [GTID_EVENT] = 19, [GTID_LIST_EVENT] = 4,
    [QUERY_COMPRESSED_EVENT] = 13, [WRITE_ROWS_COMPRESSED_EVENT_V1] = 8,
    [UPDATE_ROWS_COMPRESSED_EVENT_V1] = 8, [DELETE_ROWS_COMPRESSED_EVENT_V1] = 8,
    [WRITE_ROWS_COMPRESSED_EVENT] = 10, [UPDATE_ROWS_COMPRESSED_EVENT] = 10,
    [DELETE_ROWS_COMPRESSED_EVENT] = 10,
};

/* MySQL 5.1.0-5.1.15 "-a_drop" builds and the 5.2 telco tree numbered the
 * 5.1 events differently; MySQL remaps them (raw id -> present id) when such
 * a server's FDE has exactly 22 post-header lengths. */
static const uint8_t old_permutation[23] = {
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
    TABLE_MAP_EVENT, PRE_GA_WRITE_ROWS_EVENT, PRE_GA_UPDATE_ROWS_EVENT,
    PRE_GA_DELETE_ROWS_EVENT, XID_EVENT, BEGIN_LOAD_QUERY_EVENT, EXECUTE_LOAD_QUERY_EVENT,
};

void decoder_init(struct decoder *d)
{
    memset(d, 0, sizeof *d);
    d->verify_checksum = true;
    d->max_event_size = (size_t)1 << 30;
    d->rows_budget = BB_ROWS_BUDGET_DEFAULT;
    table_cache_init(&d->tables);
    bb_arena_init(&d->arena);
    bb_buf_init(&d->inflated);
    decoder_reset_format(d);
}

void decoder_destroy(struct decoder *d)
{
    table_cache_destroy(&d->tables);
    bb_arena_destroy(&d->arena);
    bb_buf_destroy(&d->inflated);
    payload_reader_destroy(&d->payload);
}

void decoder_reset_format(struct decoder *d)
{
    d->have_format = false;
    d->binlog_version = 4;
    d->header_len = BB_LOG_EVENT_HEADER_LEN;
    memcpy(d->post_header, default_post_header, sizeof d->post_header);
    d->old_numbering = false;
    d->mariadb = false;
    d->server_version[0] = '\0';
    d->encrypted = false;
    d->checksum_alg = BB_CHECKSUM_NONE;
    d->slices.active = false;
    d->payload.active = false;
    table_cache_clear(&d->tables);
    d->clear_tables_pending = false;
}

unsigned decoder_post_header_len(const struct decoder *d, uint8_t type)
{
    return d->post_header[type];
}

unsigned decoder_version_number(const char *v)
{
    unsigned part[3] = { 0, 0, 0 };
    int i = 0;
    for (const char *p = v; *p && i < 3; p++) {
        if (*p >= '0' && *p <= '9') {
            if (part[i] < 1000)
                part[i] = part[i] * 10 + (unsigned)(*p - '0');
        } else if (*p == '.') {
            i++;
        } else {
            break;
        }
    }
    for (i = 0; i < 3; i++)
        if (part[i] > 99)
            part[i] = 99;
    return part[0] * 10000 + part[1] * 100 + part[2];
}

/* Servers from MySQL 5.6.1 and MariaDB 5.3 end the FDE with the checksum
 * algorithm byte and a CRC32 slot, even when checksums are off (alg 0). */
static bool checksum_aware(const char *server_version)
{
    unsigned v = decoder_version_number(server_version);
    if (strcasestr(server_version, "mariadb"))
        return v >= 50300;
    return v >= 50601;
}

static bool needs_old_numbering(const char *sv, unsigned ntypes)
{
    if (ntypes != 22 || strlen(sv) < 13 || strncmp(sv + 5, "-a_drop", 7) != 0)
        return false;
    return (sv[2] == '1' && sv[4] >= '1' && sv[4] <= '5' && sv[12] == '5') ||
           (sv[2] == '1' && sv[4] == '4' && sv[12] == '6') ||
           (sv[2] == '2' && sv[4] >= '0' && sv[4] <= '2' && sv[12] == '6');
}

static uint32_t le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* FORMAT_DESCRIPTION_EVENT body (v4):
 *   2  binlog version (4)
 *  50  server version, NUL padded
 *   4  create timestamp
 *   1  common header length (19)
 *   n  post-header length of event types 1..n
 *  [1  checksum algorithm, then the 4-byte CRC32 slot ending the event]
 * The CRC is computed with LOG_EVENT_BINLOG_IN_USE_F clear; the server
 * sets that flag in place while the file is open. */
static int decode_format(struct decoder *d, struct bb_event *ev, const uint8_t *data, size_t len,
                         struct bb_error *err)
{
    struct bb_ev_format *f = &ev->format;
    struct cursor c = cursor_make(data, len);
    cursor_skip(&c, BB_LOG_EVENT_HEADER_LEN);
    f->binlog_version = cursor_u16le(&c);
    cursor_copy(&c, f->server_version, 50);
    f->server_version[50] = '\0';
    f->create_timestamp = cursor_u32le(&c);
    f->header_len = cursor_u8(&c);
    if (!cursor_ok(&c))
        return bb_error_set(err, BB_ERR_CORRUPT, "body of %zu bytes is shorter than 57",
                            len - BB_LOG_EVENT_HEADER_LEN);
    if (f->binlog_version != 4)
        return bb_error_set(err, BB_ERR_UNSUPPORTED,
                            "binlog format version %u is not supported (only v4, MySQL 5.0+)",
                            f->binlog_version);
    if (f->header_len < BB_LOG_EVENT_HEADER_LEN)
        return bb_error_set(err, BB_ERR_CORRUPT, "common header length %u is less than 19",
                            f->header_len);

    size_t post_end = len;
    f->checksum_alg = BB_CHECKSUM_UNDEF;
    bool verified = false;
    if (checksum_aware(f->server_version)) {
        if (cursor_left(&c) < 5)
            return bb_error_set(err, BB_ERR_CORRUPT,
                                "checksum algorithm byte missing for server %s", f->server_version);
        f->checksum_alg = data[len - 5];
        post_end = len - 5;
        if (f->checksum_alg != BB_CHECKSUM_NONE && f->checksum_alg != BB_CHECKSUM_CRC32)
            return bb_error_set(err, BB_ERR_CORRUPT, "unknown checksum algorithm %u",
                                f->checksum_alg);
        if (f->checksum_alg == BB_CHECKSUM_CRC32 && d->verify_checksum) {
            /* CRC over the event with the in-use flag cleared. */
            uint8_t flags_lo = data[17] & (uint8_t)~LOG_EVENT_BINLOG_IN_USE_F;
            uint32_t crc = bb_crc32(data, 17);
            crc = bb_crc32_update(crc, &flags_lo, 1);
            crc = bb_crc32_update(crc, data + 18, len - 4 - 18);
            uint32_t stored = le32(data + len - 4);
            if ((uint32_t)crc != stored)
                return bb_error_set(err, BB_ERR_CORRUPT,
                                    "CRC32 mismatch (stored %08x, computed %08x)", stored,
                                    (uint32_t)crc);
            verified = true;
        }
    }
    f->npost_header = (uint32_t)(post_end - c.off);
    f->mariadb = strcasestr(f->server_version, "mariadb") != NULL;

    /* Install the new format. Relay logs carry a second FDE (the master's);
     * each governs the events after it. */
    memcpy(d->post_header, default_post_header, sizeof d->post_header);
    d->old_numbering = needs_old_numbering(f->server_version, f->npost_header);
    for (uint32_t i = 0; i < f->npost_header && i < 255; i++) {
        uint8_t type = (uint8_t)(i + 1);
        if (d->old_numbering && type < sizeof old_permutation)
            type = old_permutation[type];
        d->post_header[type] = data[c.off + i];
    }
    d->have_format = true;
    d->binlog_version = f->binlog_version;
    d->header_len = f->header_len;
    d->checksum_alg = f->checksum_alg == BB_CHECKSUM_UNDEF ? BB_CHECKSUM_NONE : f->checksum_alg;
    d->mariadb = f->mariadb;
    memcpy(d->server_version, f->server_version, sizeof d->server_version);
    ev->checksum_verified = verified;
    ev->body.p = data + BB_LOG_EVENT_HEADER_LEN;
    ev->body.len = post_end - BB_LOG_EVENT_HEADER_LEN;
    return 0;
}

/* START_EVENT_V3: the first event of binlog v1 (MySQL 3.23) and v3
 * (MySQL 4.0/4.1) files. We read only the version to refuse clearly. */
static int refuse_start_v3(const uint8_t *data, size_t len, unsigned header_len,
                           struct bb_error *err)
{
    struct cursor c = cursor_make(data, len);
    cursor_skip(&c, header_len);
    uint16_t version = cursor_u16le(&c);
    return bb_error_set(err, BB_ERR_UNSUPPORTED,
                        "binlog format v%u (MySQL 3.23/4.x) is not supported; "
                        "binbridge reads v4 binlogs (MySQL 5.0+, MariaDB)",
                        cursor_ok(&c) ? version : 1);
}

/* Which body decoder handles a (present-numbered) event type. */
typedef int (*body_fn)(struct decoder *, struct bb_event *, struct cursor *, struct bb_error *);

static body_fn body_decoder(uint8_t type)
{
    switch (type) {
    case QUERY_EVENT:
    case QUERY_COMPRESSED_EVENT:
    case EXECUTE_LOAD_QUERY_EVENT:
        return decode_query;
    case ROTATE_EVENT:
        return decode_rotate;
    case STOP_EVENT:
    case INTVAR_EVENT:
    case RAND_EVENT:
    case USER_VAR_EVENT:
    case XID_EVENT:
    case INCIDENT_EVENT:
    case HEARTBEAT_LOG_EVENT:
    case BB_HEARTBEAT_LOG_EVENT_V2:
    case ROWS_QUERY_LOG_EVENT:
    case XA_PREPARE_LOG_EVENT:
    case BEGIN_LOAD_QUERY_EVENT:
    case APPEND_BLOCK_EVENT:
    case DELETE_FILE_EVENT:
        return decode_simple;
    case GTID_LOG_EVENT:
    case ANONYMOUS_GTID_LOG_EVENT:
        return decode_gtid;
    case BB_GTID_TAGGED_LOG_EVENT:
        return decode_gtid_tagged;
    case PREVIOUS_GTIDS_LOG_EVENT:
        return decode_previous_gtids;
    case ANNOTATE_ROWS_EVENT:
    case BINLOG_CHECKPOINT_EVENT:
    case GTID_EVENT:
    case GTID_LIST_EVENT:
    case START_ENCRYPTION_EVENT:
        return decode_mariadb;
    case TABLE_MAP_EVENT:
        return decode_table_map;
    case PRE_GA_WRITE_ROWS_EVENT:
    case PRE_GA_UPDATE_ROWS_EVENT:
    case PRE_GA_DELETE_ROWS_EVENT:
    case WRITE_ROWS_EVENT_V1:
    case UPDATE_ROWS_EVENT_V1:
    case DELETE_ROWS_EVENT_V1:
    case WRITE_ROWS_EVENT:
    case UPDATE_ROWS_EVENT:
    case DELETE_ROWS_EVENT:
    case PARTIAL_UPDATE_ROWS_EVENT:
    case WRITE_ROWS_COMPRESSED_EVENT_V1:
    case UPDATE_ROWS_COMPRESSED_EVENT_V1:
    case DELETE_ROWS_COMPRESSED_EVENT_V1:
    case WRITE_ROWS_COMPRESSED_EVENT:
    case UPDATE_ROWS_COMPRESSED_EVENT:
    case DELETE_ROWS_COMPRESSED_EVENT:
        return decode_rows;
    case BB_TRANSACTION_PAYLOAD_EVENT:
        return decode_payload;
    default:
        return NULL;
    }
}

/* Event types we know but deliver with their raw body only: the pre-5.0
 * LOAD DATA family, group-replication bookkeeping and MariaDB's row
 * fragments. */
static bool known_raw(uint8_t type)
{
    switch (type) {
    case LOAD_EVENT:
    case SLAVE_EVENT:
    case CREATE_FILE_EVENT:
    case EXEC_LOAD_EVENT:
    case NEW_LOAD_EVENT:
    case IGNORABLE_LOG_EVENT:
    case TRANSACTION_CONTEXT_EVENT:
    case VIEW_CHANGE_EVENT:
    case BB_PARTIAL_ROW_DATA_EVENT:
        return true;
    default:
        return false;
    }
}

static void where(struct bb_error *err, uint8_t type, uint64_t pos, const char *log_file,
                  bool in_payload)
{
    if (in_payload)
        bb_error_prefix(err, "%s inside TRANSACTION_PAYLOAD_EVENT at offset %llu in %s",
                        bb_event_type_name(type), (unsigned long long)pos,
                        log_file ? log_file : "?");
    else
        bb_error_prefix(err, "%s at offset %llu in %s", bb_event_type_name(type),
                        (unsigned long long)pos, log_file ? log_file : "?");
}

/* Common header (v4, 19 bytes):
 *   4 timestamp   1 type   4 server id   4 event size   4 log_pos   2 flags
 * then header_len - 19 extra header bytes (never written in practice). */
static int decode_one(struct decoder *d, const uint8_t *data, size_t len, uint64_t pos,
                      const char *log_file, bool in_payload, struct bb_event *ev,
                      struct bb_error *err)
{
    if (d->slices.active) {
        /* The rest of a rows event in slices is abandoned: its statement
         * ends all the same when the event says so. */
        d->slices.active = false;
        if (d->slices.ev.rows.flags & STMT_END_F)
            d->clear_tables_pending = true;
    }
    if (d->clear_tables_pending) {
        table_cache_clear(&d->tables);
        d->clear_tables_pending = false;
    }
    bb_arena_reset(&d->arena, (size_t)4 << 20);
    memset(ev, 0, sizeof *ev);
    ev->pos = pos;
    ev->log_file = log_file;
    ev->in_payload = in_payload;

    struct cursor h = cursor_make(data, len);
    ev->timestamp = cursor_u32le(&h);
    uint8_t raw_type = cursor_u8(&h);
    ev->server_id = cursor_u32le(&h);
    ev->length = cursor_u32le(&h);
    ev->next_pos = cursor_u32le(&h);
    ev->flags = cursor_u16le(&h);
    ev->type = raw_type;
    if (!cursor_ok(&h)) {
        bb_error_set(err, BB_ERR_CORRUPT, "event header truncated (%zu bytes)", len);
        where(err, raw_type, pos, log_file, in_payload);
        return BB_ERR_CORRUPT;
    }
    if (ev->length != len) {
        bb_error_set(err, BB_ERR_CORRUPT, "event size field %u does not match %zu bytes read",
                     ev->length, len);
        where(err, raw_type, pos, log_file, in_payload);
        return BB_ERR_CORRUPT;
    }
    if (d->old_numbering && raw_type < sizeof old_permutation)
        ev->type = old_permutation[raw_type];
    uint8_t type = ev->type;

    int rc;
    if (type == FORMAT_DESCRIPTION_EVENT) {
        rc = decode_format(d, ev, data, len, err);
        if (rc < 0)
            where(err, type, pos, log_file, in_payload);
        return rc;
    }
    if (type == START_EVENT_V3) {
        rc = refuse_start_v3(data, len, BB_LOG_EVENT_HEADER_LEN, err);
        where(err, type, pos, log_file, in_payload);
        return rc;
    }
    if (d->require_format && !d->have_format) {
        bb_error_set(err, BB_ERR_CORRUPT,
                     "the file does not start with a FORMAT_DESCRIPTION_EVENT");
        where(err, type, pos, log_file, in_payload);
        return BB_ERR_CORRUPT;
    }
    if (d->encrypted) {
        bb_error_set(err, BB_ERR_UNSUPPORTED,
                     "binlog is encrypted after START_ENCRYPTION_EVENT; "
                     "encrypted binlogs are not readable without the server's key");
        where(err, type, pos, log_file, in_payload);
        return BB_ERR_UNSUPPORTED;
    }

    /* Body span: after the common header, before the checksum. Events inside
     * a transaction payload carry no checksum of their own. */
    size_t body_start = d->header_len;
    size_t body_end = len;
    if (d->checksum_alg == BB_CHECKSUM_CRC32 && !in_payload) {
        if (len < body_start + 4) {
            bb_error_set(err, BB_ERR_CORRUPT, "event of %zu bytes has no room for its checksum",
                         len);
            where(err, type, pos, log_file, in_payload);
            return BB_ERR_CORRUPT;
        }
        body_end = len - 4;
        if (d->verify_checksum) {
            uint32_t stored = le32(data + body_end);
            uint32_t computed = bb_crc32(data, body_end);
            if (stored != computed) {
                bb_error_set(err, BB_ERR_CORRUPT, "CRC32 mismatch (stored %08x, computed %08x)",
                             stored, computed);
                where(err, type, pos, log_file, in_payload);
                return BB_ERR_CORRUPT;
            }
            ev->checksum_verified = true;
        }
    }
    if (body_end < body_start) {
        bb_error_set(err, BB_ERR_CORRUPT, "event of %zu bytes is shorter than its %zu-byte header",
                     len, body_start);
        where(err, type, pos, log_file, in_payload);
        return BB_ERR_CORRUPT;
    }
    ev->body.p = data + body_start;
    ev->body.len = body_end - body_start;

    if (in_payload && (type == BB_TRANSACTION_PAYLOAD_EVENT || type == ROTATE_EVENT)) {
        bb_error_set(err, BB_ERR_CORRUPT, "event type %u cannot appear inside a payload", type);
        where(err, type, pos, log_file, in_payload);
        return BB_ERR_CORRUPT;
    }
    body_fn fn = body_decoder(type);
    if (!fn) {
        if (known_raw(type) || (ev->flags & LOG_EVENT_IGNORABLE_F))
            return 0;
        bb_error_set(err, BB_ERR_CORRUPT,
                     "unknown event type %u not flagged ignorable; cannot skip it safely", type);
        where(err, type, pos, log_file, in_payload);
        return BB_ERR_CORRUPT;
    }
    struct cursor c = cursor_make(ev->body.p, ev->body.len);
    rc = fn(d, ev, &c, err);
    if (rc < 0) {
        where(err, type, pos, log_file, in_payload);
        return rc;
    }
    /* The statement's tables are forgotten after its last rows event, and
     * after that event's last slice: until then they are still in use. */
    if (bb_event_is_rows(ev) && (ev->rows.flags & STMT_END_F) && !ev->rows.more_rows)
        d->clear_tables_pending = true;
    return 0;
}

int decoder_decode(struct decoder *d, const uint8_t *data, size_t len, uint64_t pos,
                   const char *log_file, struct bb_event *ev, struct bb_error *err)
{
    d->payload.active = false;
    return decode_one(d, data, len, pos, log_file, false, ev, err);
}

int decoder_next(struct decoder *d, struct bb_event *ev, struct bb_error *err)
{
    if (d->slices.active) {
        int rc = decode_rows_next(d, ev, err);
        if (rc < 0) {
            /* The event's own bytes failed: say where, as for its first
             * slice; what remains of a payload around it is not read. */
            where(err, ev->type, ev->pos, ev->log_file, ev->in_payload);
            d->payload.active = false;
            return rc;
        }
        if (!ev->rows.more_rows && (ev->rows.flags & STMT_END_F))
            d->clear_tables_pending = true;
        return 1;
    }
    if (!d->payload.active)
        return 0;
    const uint8_t *p;
    size_t size;
    int rc = payload_next(&d->payload, d->max_event_size, &p, &size, err);
    if (rc <= 0)
        return rc;
    rc = decode_one(d, p, size, d->payload.pos, d->payload.file, true, ev, err);
    if (rc < 0) {
        d->payload.active = false;
        return rc;
    }
    return 1;
}

bool decoder_holds_more(const struct decoder *d)
{
    return d->slices.active || payload_reader_has_more(&d->payload);
}

int decode_mariadb_uncompress(const uint8_t *p, size_t n, size_t max_size, struct bb_buf *out,
                              struct bb_error *err)
{
    /* 1 byte: 0x80 | number of length bytes (1..4); that many bytes of
     * big-endian uncompressed length; then a zlib stream. */
    struct cursor c = cursor_make(p, n);
    uint8_t head = cursor_u8(&c);
    unsigned nlen = head & 0x07;
    if (!cursor_ok(&c) || (head & 0xe0) != 0x80 || nlen == 0 || nlen > 4)
        return bb_error_set(err, BB_ERR_CORRUPT, "compressed header byte 0x%02x is invalid", head);
    uint64_t size = cursor_uint_be(&c, (int)nlen);
    if (!cursor_ok(&c))
        return bb_error_set(err, BB_ERR_CORRUPT, "compressed length truncated");
    if (size > max_size)
        return bb_error_set(err, BB_ERR_LIMIT, "uncompressed size %llu exceeds the limit %zu",
                            (unsigned long long)size, max_size);
    if (size / BB_DEFLATE_MAX_RATIO > cursor_left(&c))
        return bb_error_set(err, BB_ERR_CORRUPT,
                            "zlib data of %zu bytes cannot inflate to the %llu bytes announced",
                            cursor_left(&c), (unsigned long long)size);
    bb_buf_reset(out);
    char *dst = bb_buf_reserve(out, (size_t)size);
    if (!dst)
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory for %llu uncompressed bytes",
                            (unsigned long long)size);
    size_t rest;
    const uint8_t *src = cursor_rest(&c, &rest);
    uLong srclen = (uLong)rest;
    uLongf dlen = (uLongf)size;
    int zrc = uncompress2((Bytef *)dst, &dlen, src, &srclen);
    if (zrc != Z_OK || dlen != size)
        return bb_error_set(err, BB_ERR_CORRUPT,
                            "zlib data does not inflate to the %llu bytes announced (%s)",
                            (unsigned long long)size, zrc == Z_OK ? "short" : zError(zrc));
    out->len = (size_t)size;
    out->data[out->len] = '\0';
    return 0;
}
