/* decode_events.c - bodies of the control events: QUERY, ROTATE, XID,
 * INTVAR, RAND, USER_VAR, INCIDENT, HEARTBEAT, ROWS_QUERY, XA_PREPARE, the
 * LOAD DATA blocks, MySQL GTIDs and PREVIOUS_GTIDS, and MariaDB's
 * ANNOTATE_ROWS, BINLOG_CHECKPOINT, GTID, GTID_LIST and START_ENCRYPTION. */
#include <string.h>

#include "binlog/decoder.h"
#include "base/error.h"

#define TRUNCATED(c, err, what)                                                           \
    do {                                                                                  \
        if (!cursor_ok(c))                                                                \
            return bb_error_set(err, BB_ERR_CORRUPT, "%s truncated at body offset %zu", \
                                what, (c)->off);                                          \
    } while (0)

static struct bb_bytes bytes_of(const uint8_t *p, size_t n)
{
    struct bb_bytes b = { p, p ? n : 0 };
    return b;
}

static struct bb_bytes rest_of(struct cursor *c)
{
    size_t n;
    const uint8_t *p = cursor_rest(c, &n);
    return bytes_of(p, n);
}

/* Status variables of a QUERY event: a code byte, then a value whose layout
 * depends on the code. Codes are written in increasing order; MySQL stops at
 * the first code it does not know, and so do we (the raw bytes stay in
 * status_vars). */
static int decode_status_vars(struct bb_ev_query *q, struct cursor *s, struct bb_error *err)
{
    while (!cursor_at_end(s)) {
        uint8_t code = cursor_u8(s);
        uint8_t n;
        switch (code) {
        case Q_FLAGS2_CODE:
            q->flags2 = cursor_u32le(s);
            q->has_flags2 = true;
            break;
        case Q_SQL_MODE_CODE:
            q->sql_mode = cursor_u64le(s);
            q->has_sql_mode = true;
            break;
        case Q_CATALOG_CODE: /* 5.0.0-5.0.3: length, bytes, NUL */
            n = cursor_u8(s);
            q->catalog = bytes_of(cursor_bytes(s, n), n);
            cursor_skip(s, 1);
            q->has_catalog = true;
            break;
        case Q_AUTO_INCREMENT_CODE:
            q->auto_increment_increment = cursor_u16le(s);
            q->auto_increment_offset = cursor_u16le(s);
            q->has_auto_increment = true;
            break;
        case Q_CHARSET_CODE:
            q->charset_client = cursor_u16le(s);
            q->collation_connection = cursor_u16le(s);
            q->collation_server = cursor_u16le(s);
            q->has_charset = true;
            break;
        case Q_TIMEZONE_CODE:
            n = cursor_u8(s);
            q->time_zone = bytes_of(cursor_bytes(s, n), n);
            q->has_time_zone = true;
            break;
        case Q_CATALOG_NZ_CODE:
            n = cursor_u8(s);
            q->catalog = bytes_of(cursor_bytes(s, n), n);
            q->has_catalog = true;
            break;
        case Q_LC_TIME_NAMES_CODE:
        case Q_CHARSET_DATABASE_CODE:
            cursor_skip(s, 2);
            break;
        case Q_TABLE_MAP_FOR_UPDATE_CODE:
            cursor_skip(s, 8);
            break;
        case Q_MASTER_DATA_WRITTEN_CODE:
            cursor_skip(s, 4);
            break;
        case Q_INVOKERS_CODE: /* user and host, each length-prefixed */
            n = cursor_u8(s);
            cursor_skip(s, n);
            n = cursor_u8(s);
            cursor_skip(s, n);
            break;
        case Q_UPDATED_DB_NAMES_CODE: {
            /* count, then count NUL-terminated names; 254 means "too many,
             * none listed" (OVER_MAX_DBS_IN_EVENT_MTS). */
            n = cursor_u8(s);
            if (n == 254)
                break;
            for (unsigned i = 0; i < n && cursor_ok(s); i++) {
                const uint8_t *start = cursor_here(s);
                size_t left = cursor_left(s);
                const uint8_t *nul = memchr(start, 0, left);
                if (!nul)
                    cursor_fail(s);
                else
                    cursor_skip(s, (size_t)(nul - start) + 1);
            }
            break;
        }
        case Q_MICROSECONDS_CODE:
            cursor_skip(s, 3);
            break;
        case Q_EXPLICIT_DEFAULTS_FOR_TIMESTAMP_CODE:
            cursor_skip(s, 1);
            break;
        case Q_DDL_LOGGED_WITH_XID_CODE:
            q->ddl_xid = cursor_u64le(s);
            q->has_ddl_xid = true;
            break;
        case Q_DEFAULT_COLLATION_FOR_UTF8_CODE:
            q->default_collation_for_utf8 = cursor_u16le(s);
            q->has_default_collation = true;
            break;
        case Q_SQL_REQUIRE_PRIMARY_KEY_CODE:
        case Q_DEFAULT_TABLE_ENCRYPTION_CODE:
            cursor_skip(s, 1);
            break;
        case Q_HRNOW: /* MariaDB: microseconds of the statement's start */
            q->microseconds = cursor_u24le(s);
            q->has_microseconds = true;
            break;
        case Q_XID: /* MariaDB */
            q->ddl_xid = cursor_u64le(s);
            q->has_ddl_xid = true;
            break;
        case 130: { /* MariaDB Q_GTID_FLAGS3: flags, and a sequence number
                     * for COMMIT/ROLLBACK ALTER (flags 2 and 4) */
            uint8_t flags3 = cursor_u8(s);
            if (flags3 & 0x06)
                cursor_skip(s, 8);
            break;
        }
        default:
            return 0;
        }
        if (!cursor_ok(s))
            return bb_error_set(err, BB_ERR_CORRUPT, "status variable %u overruns the %zu-byte "
                                "status block", code, s->len);
    }
    return 0;
}

/* QUERY_EVENT, QUERY_COMPRESSED_EVENT, EXECUTE_LOAD_QUERY_EVENT.
 * Post-header (13 bytes in v4):
 *   4 thread id  4 exec time  1 schema length  2 error code  2 status-vars length
 *   EXECUTE_LOAD_QUERY adds: 4 file id  4 start pos  4 end pos  1 dup handling
 * Body: status vars, schema, NUL, query text (the rest; for
 * QUERY_COMPRESSED a MariaDB compressed block). */
int decode_query(struct decoder *d, struct bb_event *ev, struct cursor *c, struct bb_error *err)
{
    struct bb_ev_query *q = &ev->query;
    unsigned ph = decoder_post_header_len(d, ev->type);
    if (ph < 11)
        return bb_error_set(err, BB_ERR_CORRUPT, "post-header length %u is less than 11", ph);
    struct cursor h = cursor_sub(c, ph);
    TRUNCATED(&h, err, "post-header");
    q->thread_id = cursor_u32le(&h);
    q->exec_time = cursor_u32le(&h);
    uint8_t schema_len = cursor_u8(&h);
    q->error_code = cursor_u16le(&h);
    uint16_t status_len = ph >= 13 ? cursor_u16le(&h) : 0;
    if (ev->type == EXECUTE_LOAD_QUERY_EVENT) {
        q->file_id = cursor_u32le(&h);
        q->fn_pos_start = cursor_u32le(&h);
        q->fn_pos_end = cursor_u32le(&h);
        q->dup_handling = cursor_u8(&h);
        if (!cursor_ok(&h))
            return bb_error_set(err, BB_ERR_CORRUPT,
                                "post-header of %u bytes is too short for EXECUTE_LOAD_QUERY", ph);
    }
    if (status_len > cursor_left(c))
        return bb_error_set(err, BB_ERR_CORRUPT,
                            "status variables length %u exceeds the %zu body bytes left",
                            status_len, cursor_left(c));
    struct cursor s = cursor_sub(c, status_len);
    q->status_vars = bytes_of(s.p, status_len);
    if (decode_status_vars(q, &s, err) < 0)
        return BB_ERR_CORRUPT;
    if ((size_t)schema_len + 1 > cursor_left(c))
        return bb_error_set(err, BB_ERR_CORRUPT,
                            "schema length %u exceeds the %zu body bytes left", schema_len,
                            cursor_left(c));
    q->schema = bytes_of(cursor_bytes(c, schema_len), schema_len);
    if (cursor_u8(c) != 0)
        return bb_error_set(err, BB_ERR_CORRUPT,
                            "schema name of %u bytes is not followed by its NUL terminator",
                            schema_len);
    q->query = rest_of(c);
    if (ev->type == QUERY_COMPRESSED_EVENT) {
        int rc = decode_mariadb_uncompress(q->query.p, q->query.len, d->max_event_size,
                                           &d->inflated, err);
        if (rc < 0) {
            bb_error_prefix(err, "query text");
            return rc;
        }
        q->query = bytes_of((const uint8_t *)d->inflated.data, d->inflated.len);
    }
    return 0;
}

/* ROTATE_EVENT: 8-byte position (post-header, v4), then the next file's
 * name (the rest of the body, not NUL-terminated). */
int decode_rotate(struct decoder *d, struct bb_event *ev, struct cursor *c, struct bb_error *err)
{
    unsigned ph = decoder_post_header_len(d, ev->type);
    ev->rotate.position = ph >= 8 ? cursor_u64le(c) : 4;
    TRUNCATED(c, err, "position");
    ev->rotate.next_file = rest_of(c);
    if (ev->rotate.next_file.len == 0)
        return bb_error_set(err, BB_ERR_CORRUPT, "next file name is empty");
    if (memchr(ev->rotate.next_file.p, 0, ev->rotate.next_file.len))
        return bb_error_set(err, BB_ERR_CORRUPT, "next file name contains a NUL byte");
    return 0;
}

/* HEARTBEAT_LOG_EVENT_V2 (MySQL 8.0.26+): fields as (type, length, value),
 * each a length-encoded integer; 1 = log file name (bytes), 2 = position
 * (a length-encoded integer inside the field), 0 = end. */
static int decode_heartbeat_v2(struct bb_event *ev, struct cursor *c, struct bb_error *err)
{
    while (!cursor_at_end(c)) {
        uint64_t type = cursor_lenenc(c);
        if (type == 0)
            break;
        uint64_t len = cursor_lenenc(c);
        if (!cursor_ok(c) || len > cursor_left(c))
            return bb_error_set(err, BB_ERR_CORRUPT, "field %llu overruns the body",
                                (unsigned long long)type);
        struct cursor f = cursor_sub(c, (size_t)len);
        if (type == 1) {
            ev->heartbeat.log_file = bytes_of(f.p, f.len);
        } else if (type == 2) {
            ev->heartbeat.position = cursor_lenenc(&f);
            if (!cursor_ok(&f))
                return bb_error_set(err, BB_ERR_CORRUPT, "log position field is malformed");
        }
    }
    return 0;
}

/* The small fixed-layout events. */
int decode_simple(struct decoder *d, struct bb_event *ev, struct cursor *c, struct bb_error *err)
{
    switch (ev->type) {
    case STOP_EVENT:
        return 0;
    case INTVAR_EVENT: /* 1 type, 8 value */
        ev->intvar.type = cursor_u8(c);
        ev->intvar.value = cursor_u64le(c);
        TRUNCATED(c, err, "INTVAR body");
        return 0;
    case RAND_EVENT: /* 8 seed1, 8 seed2 */
        ev->rand.seed1 = cursor_u64le(c);
        ev->rand.seed2 = cursor_u64le(c);
        TRUNCATED(c, err, "RAND body");
        return 0;
    case XID_EVENT: /* 8 xid */
        ev->xid = cursor_u64le(c);
        TRUNCATED(c, err, "XID body");
        return 0;
    case USER_VAR_EVENT: {
        /* 4 name length, name, 1 is-null; unless NULL: 1 type, 4 charset,
         * 4 value length, value, [1 flags (5.1.55+: bit 0 unsigned)] */
        struct bb_ev_user_var *u = &ev->user_var;
        uint32_t n = cursor_u32le(c);
        TRUNCATED(c, err, "name length");
        if (n > cursor_left(c))
            return bb_error_set(err, BB_ERR_CORRUPT, "name length %u exceeds the %zu bytes left",
                                n, cursor_left(c));
        u->name = bytes_of(cursor_bytes(c, n), n);
        u->is_null = cursor_u8(c) != 0;
        TRUNCATED(c, err, "null flag");
        if (u->is_null)
            return 0;
        u->type = cursor_u8(c);
        u->charset = cursor_u32le(c);
        uint32_t vlen = cursor_u32le(c);
        TRUNCATED(c, err, "value header");
        if (vlen > cursor_left(c))
            return bb_error_set(err, BB_ERR_CORRUPT,
                                "value length %u exceeds the %zu bytes left", vlen,
                                cursor_left(c));
        u->value = bytes_of(cursor_bytes(c, vlen), vlen);
        if (!cursor_at_end(c)) {
            u->flags = cursor_u8(c);
            u->has_flags = true;
        }
        if (u->type > 4 || u->type == 3)
            return bb_error_set(err, BB_ERR_CORRUPT, "unknown value type %u", u->type);
        if ((u->type == 1 || u->type == 2) && vlen != 8)
            return bb_error_set(err, BB_ERR_CORRUPT, "%s value of %u bytes, expected 8",
                                u->type == 1 ? "REAL" : "INT", vlen);
        if (u->type == 4 && vlen < 2)
            return bb_error_set(err, BB_ERR_CORRUPT, "DECIMAL value of %u bytes", vlen);
        return 0;
    }
    case INCIDENT_EVENT: { /* post-header: 2 type; body: 1 length, message */
        ev->incident.type = cursor_u16le(c);
        TRUNCATED(c, err, "incident type");
        if (!cursor_at_end(c)) {
            uint8_t n = cursor_u8(c);
            ev->incident.message = bytes_of(cursor_bytes(c, n), n);
            TRUNCATED(c, err, "incident message");
        }
        return 0;
    }
    case HEARTBEAT_LOG_EVENT: /* the current log file name; position in log_pos */
        ev->heartbeat.log_file = rest_of(c);
        ev->heartbeat.position = ev->next_pos;
        return 0;
    case BB_HEARTBEAT_LOG_EVENT_V2:
        return decode_heartbeat_v2(ev, c, err);
    case ROWS_QUERY_LOG_EVENT: /* 1 length (ignored, capped at 255), query text */
        cursor_skip(c, 1);
        TRUNCATED(c, err, "ROWS_QUERY length byte");
        ev->rows_query.query = rest_of(c);
        return 0;
    case XA_PREPARE_LOG_EVENT: {
        /* 1 one-phase, 4 format id, 4 gtrid length, 4 bqual length, data */
        struct bb_ev_xa_prepare *x = &ev->xa_prepare;
        x->one_phase = cursor_u8(c) != 0;
        x->format_id = (int32_t)cursor_u32le(c);
        uint32_t g = cursor_u32le(c), b = cursor_u32le(c);
        TRUNCATED(c, err, "XA_PREPARE header");
        if (g > 64 || b > 64)
            return bb_error_set(err, BB_ERR_CORRUPT, "XID lengths gtrid %u bqual %u exceed 64",
                                g, b);
        x->gtrid = bytes_of(cursor_bytes(c, g), g);
        x->bqual = bytes_of(cursor_bytes(c, b), b);
        TRUNCATED(c, err, "XID data");
        return 0;
    }
    case BEGIN_LOAD_QUERY_EVENT:
    case APPEND_BLOCK_EVENT: /* 4 file id, block data */
        ev->load_block.file_id = cursor_u32le(c);
        TRUNCATED(c, err, "file id");
        ev->load_block.data = rest_of(c);
        return 0;
    case DELETE_FILE_EVENT:
        ev->load_block.file_id = cursor_u32le(c);
        TRUNCATED(c, err, "file id");
        return 0;
    default:
        return bb_error_set(err, BB_ERR_CORRUPT, "no decoder for event type %u", ev->type);
    }
}

/* GTID_LOG_EVENT / ANONYMOUS_GTID_LOG_EVENT:
 *   1 flags  16 SID  8 GNO                                  (5.6, post-header 25)
 *   1 logical-clock type (2)  8 last_committed  8 sequence_number  (5.7.5+, post-header 42)
 *   7 immediate commit ts (bit 55: original ts follows)  [7 original commit ts]  (8.0.1+)
 *   lenenc transaction length                               (8.0.2+)
 *   4 immediate server version (bit 31: original follows) [4 original]  (8.0.14+)
 *   8 commit group ticket                                   (8.0.33+, when set) */
int decode_gtid(struct decoder *d, struct bb_event *ev, struct cursor *c, struct bb_error *err)
{
    struct bb_ev_gtid *g = &ev->gtid;
    g->flags = cursor_u8(c);
    cursor_copy(c, g->sid, 16);
    g->gno = cursor_u64le(c);
    TRUNCATED(c, err, "GTID");
    if (!cursor_at_end(c) && cursor_here(c)[0] == 2) {
        cursor_skip(c, 1);
        g->last_committed = (int64_t)cursor_u64le(c);
        g->sequence_number = (int64_t)cursor_u64le(c);
        TRUNCATED(c, err, "logical clock");
        g->has_logical_clock = true;
        if (cursor_left(c) >= 7) {
            uint64_t ts = cursor_uint_le(c, 7);
            g->has_commit_ts = true;
            if (ts & (1ULL << 55)) {
                g->immediate_commit_ts = ts & ~(1ULL << 55);
                g->original_commit_ts = cursor_uint_le(c, 7);
                TRUNCATED(c, err, "original commit timestamp");
            } else {
                g->immediate_commit_ts = g->original_commit_ts = ts;
            }
        }
        if (!cursor_at_end(c)) {
            g->transaction_length = cursor_lenenc(c);
            TRUNCATED(c, err, "transaction length");
            g->has_transaction_length = true;
        }
        if (cursor_left(c) >= 4) {
            uint32_t v = cursor_u32le(c);
            g->has_server_version = true;
            if (v & (1u << 31)) {
                g->immediate_server_version = v & ~(1u << 31);
                g->original_server_version = cursor_u32le(c);
                TRUNCATED(c, err, "original server version");
            } else {
                g->immediate_server_version = g->original_server_version = v;
            }
        }
        if (cursor_left(c) >= 8) {
            g->commit_group_ticket = cursor_u64le(c);
            g->has_commit_group_ticket = true;
        }
    }
    return 0;
}

/* MySQL serialization library integers (GTID_TAGGED, tagged
 * PREVIOUS_GTIDS): little-endian; the number of trailing 1 bits of the first
 * byte plus one is the byte count, the value is the integer shifted right by
 * that count; a first byte of 0xff is followed by the 8-byte value. */
static uint64_t cursor_varlen(struct cursor *c)
{
    uint8_t first = cursor_u8(c);
    if (!cursor_ok(c))
        return 0;
    if (first == 0xff)
        return cursor_u64le(c);
    int n = 1;
    while (first & (1u << (n - 1)))
        n++;
    uint64_t v = first;
    for (int i = 1; i < n; i++)
        v |= (uint64_t)cursor_u8(c) << (8 * i);
    return v >> n;
}

static int64_t cursor_varlen_signed(struct cursor *c)
{
    uint64_t u = cursor_varlen(c);
    return (u & 1) ? -(int64_t)(u >> 1) - 1 : (int64_t)(u >> 1);
}

/* GTID_TAGGED_LOG_EVENT (MySQL 8.3+): serialization version byte (2), then
 * varlen payload size (covering everything from the version byte), varlen
 * last non-ignorable field id, then (varlen field id, value) pairs:
 * 0 flags, 1 SID (16 varlen bytes), 2 GNO (signed), 3 tag (varlen length +
 * bytes), 4 last_committed, 5 sequence_number (signed), 6 immediate commit
 * ts, 7 original commit ts, 8 transaction length, 9 immediate server
 * version, 10 original server version, 11 commit group ticket. */
int decode_gtid_tagged(struct decoder *d, struct bb_event *ev, struct cursor *c,
                       struct bb_error *err)
{
    struct bb_ev_gtid *g = &ev->gtid;
    uint8_t version = cursor_u8(c);
    TRUNCATED(c, err, "serialization version");
    if (version != 2)
        return bb_error_set(err, BB_ERR_UNSUPPORTED, "serialization version %u is not supported",
                            version);
    uint64_t payload = cursor_varlen(c);
    uint64_t last_non_ignorable = cursor_varlen(c);
    TRUNCATED(c, err, "serialization header");
    if (payload < c->off || payload - c->off > cursor_left(c))
        return bb_error_set(err, BB_ERR_CORRUPT, "payload size %llu does not fit the %zu-byte body",
                            (unsigned long long)payload, c->len);
    struct cursor f = cursor_sub(c, (size_t)(payload - c->off));
    bool have_original_ts = false, have_original_version = false;
    while (!cursor_at_end(&f)) {
        uint64_t id = cursor_varlen(&f);
        switch (id) {
        case 0: g->flags = (uint8_t)cursor_varlen(&f); break;
        case 1:
            for (int i = 0; i < 16; i++)
                g->sid[i] = (uint8_t)cursor_varlen(&f);
            break;
        case 2: g->gno = (uint64_t)cursor_varlen_signed(&f); break;
        case 3: {
            uint64_t n = cursor_varlen(&f);
            if (n > cursor_left(&f) || n > 32)
                return bb_error_set(err, BB_ERR_CORRUPT, "tag length %llu is invalid",
                                    (unsigned long long)n);
            g->tag = bytes_of(cursor_bytes(&f, (size_t)n), (size_t)n);
            break;
        }
        case 4:
            g->last_committed = cursor_varlen_signed(&f);
            g->has_logical_clock = true;
            break;
        case 5: g->sequence_number = cursor_varlen_signed(&f); break;
        case 6:
            g->immediate_commit_ts = cursor_varlen(&f);
            g->has_commit_ts = true;
            break;
        case 7:
            g->original_commit_ts = cursor_varlen(&f);
            have_original_ts = true;
            break;
        case 8:
            g->transaction_length = cursor_varlen(&f);
            g->has_transaction_length = true;
            break;
        case 9:
            g->immediate_server_version = (uint32_t)cursor_varlen(&f);
            g->has_server_version = true;
            break;
        case 10:
            g->original_server_version = (uint32_t)cursor_varlen(&f);
            have_original_version = true;
            break;
        case 11:
            g->commit_group_ticket = cursor_varlen(&f);
            g->has_commit_group_ticket = true;
            break;
        default:
            if (id <= last_non_ignorable)
                return bb_error_set(err, BB_ERR_UNSUPPORTED,
                                    "unknown non-ignorable field %llu", (unsigned long long)id);
            /* An ignorable field we cannot size: the rest is all ignorable. */
            cursor_skip(&f, cursor_left(&f));
            break;
        }
        TRUNCATED(&f, err, "serialized field");
    }
    if (!have_original_ts)
        g->original_commit_ts = g->immediate_commit_ts;
    if (!have_original_version)
        g->original_server_version = g->immediate_server_version;
    if (g->tag.len == 0)
        return bb_error_set(err, BB_ERR_CORRUPT, "tagged GTID without a tag");
    return 0;
}

/* PREVIOUS_GTIDS_LOG_EVENT:
 *   8 n_sids (untagged: the count; tagged, 8.3+: format byte 1 in bits
 *     56-63 and the count in bits 8-55)
 *   per SID: 16 UUID, [tagged: varlen tag length + tag], 8 n_intervals,
 *            n_intervals x (8 start, 8 end) */
int decode_previous_gtids(struct decoder *d, struct bb_event *ev, struct cursor *c,
                          struct bb_error *err)
{
    uint64_t head = cursor_u64le(c);
    TRUNCATED(c, err, "SID count");
    bool tagged = (head >> 56) != 0;
    uint64_t nsid = tagged ? (head >> 8) & ((1ULL << 48) - 1) : head & ((1ULL << 56) - 1);
    /* Each SID needs at least 24 bytes: bound the count before allocating. */
    if (nsid > cursor_left(c) / 24)
        return bb_error_set(err, BB_ERR_CORRUPT, "%llu SIDs cannot fit in %zu bytes",
                            (unsigned long long)nsid, cursor_left(c));
    struct bb_sid_block *sids = bb_arena_calloc(&d->arena, (size_t)nsid * sizeof *sids + 1);
    if (!sids)
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    for (uint64_t i = 0; i < nsid; i++) {
        cursor_copy(c, sids[i].sid, 16);
        if (tagged) {
            uint64_t n = cursor_varlen(c);
            TRUNCATED(c, err, "tag length");
            if (n > 32 || n > cursor_left(c))
                return bb_error_set(err, BB_ERR_CORRUPT, "tag length %llu is invalid",
                                    (unsigned long long)n);
            sids[i].tag = bytes_of(cursor_bytes(c, (size_t)n), (size_t)n);
        }
        uint64_t nint = cursor_u64le(c);
        TRUNCATED(c, err, "interval count");
        if (nint > cursor_left(c) / 16)
            return bb_error_set(err, BB_ERR_CORRUPT, "%llu intervals cannot fit in %zu bytes",
                                (unsigned long long)nint, cursor_left(c));
        struct bb_gtid_interval *iv = bb_arena_alloc(&d->arena, (size_t)nint * sizeof *iv + 1);
        if (!iv)
            return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
        for (uint64_t k = 0; k < nint; k++) {
            iv[k].start = cursor_u64le(c);
            iv[k].end = cursor_u64le(c);
            if (iv[k].start == 0 || iv[k].end <= iv[k].start)
                return bb_error_set(err, BB_ERR_CORRUPT, "interval [%llu, %llu) is invalid",
                                    (unsigned long long)iv[k].start,
                                    (unsigned long long)iv[k].end);
        }
        sids[i].ninterval = nint;
        sids[i].intervals = iv;
    }
    TRUNCATED(c, err, "GTID set");
    ev->previous_gtids.nsid = nsid;
    ev->previous_gtids.sids = sids;
    return 0;
}

/* MariaDB's own events. */
int decode_mariadb(struct decoder *d, struct bb_event *ev, struct cursor *c, struct bb_error *err)
{
    switch (ev->type) {
    case ANNOTATE_ROWS_EVENT: /* the statement text, the whole body */
        ev->rows_query.query = rest_of(c);
        return 0;
    case BINLOG_CHECKPOINT_EVENT: { /* 4 name length, name */
        uint32_t n = cursor_u32le(c);
        TRUNCATED(c, err, "name length");
        if (n > cursor_left(c))
            return bb_error_set(err, BB_ERR_CORRUPT, "file name length %u exceeds %zu bytes left",
                                n, cursor_left(c));
        ev->checkpoint.log_file = bytes_of(cursor_bytes(c, n), n);
        return 0;
    }
    case GTID_EVENT: {
        /* 8 seq_no, 4 domain, 1 flags; FL_GROUP_COMMIT_ID: 8 commit id;
         * XA (flags 0x40/0x80): 4 format id, 1 gtrid length, 1 bqual
         * length, data; then (10.5+) 1 extra flags and their fields, which
         * we leave in the raw body; zero bytes pad what is shorter than 19
         * bytes at the end (not after the flags: an XA GTID carries its
         * format id at byte 13). */
        struct bb_ev_mariadb_gtid *g = &ev->mariadb_gtid;
        g->seq_no = cursor_u64le(c);
        g->domain_id = cursor_u32le(c);
        g->flags = cursor_u8(c);
        g->server_id = ev->server_id;
        TRUNCATED(c, err, "GTID");
        if (g->flags & FL_GROUP_COMMIT_ID)
            g->commit_id = cursor_u64le(c);
        TRUNCATED(c, err, "commit id");
        if (g->flags & (FL_PREPARED_XA | FL_COMPLETED_XA)) {
            g->is_xa = true;
            g->xa_format_id = (int32_t)cursor_u32le(c);
            uint8_t gl = cursor_u8(c), bl = cursor_u8(c);
            TRUNCATED(c, err, "XID header");
            if (gl > 64 || bl > 64)
                return bb_error_set(err, BB_ERR_CORRUPT, "XID lengths gtrid %u bqual %u exceed 64",
                                    gl, bl);
            g->xa_gtrid = bytes_of(cursor_bytes(c, gl), gl);
            g->xa_bqual = bytes_of(cursor_bytes(c, bl), bl);
            TRUNCATED(c, err, "XID data");
        }
        if (!cursor_at_end(c))
            g->flags_extra = cursor_u8(c);
        return 0;
    }
    case GTID_LIST_EVENT: {
        /* 4: count (low 28 bits) and flags (high 4); count x (4 domain,
         * 4 server, 8 seq_no) */
        uint32_t v = cursor_u32le(c);
        TRUNCATED(c, err, "GTID count");
        uint32_t count = v & 0x0fffffff;
        if (count > cursor_left(c) / 16)
            return bb_error_set(err, BB_ERR_CORRUPT, "%u GTIDs cannot fit in %zu bytes", count,
                                cursor_left(c));
        struct bb_mariadb_gtid *list = bb_arena_alloc(&d->arena, (size_t)count * sizeof *list + 1);
        if (!list)
            return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
        for (uint32_t i = 0; i < count; i++) {
            list[i].domain_id = cursor_u32le(c);
            list[i].server_id = cursor_u32le(c);
            list[i].seq_no = cursor_u64le(c);
        }
        TRUNCATED(c, err, "GTID list");
        ev->gtid_list.count = count;
        ev->gtid_list.flags = (uint8_t)(v >> 28);
        ev->gtid_list.gtids = list;
        return 0;
    }
    case START_ENCRYPTION_EVENT: /* 1 scheme, 4 key version, 12 nonce */
        ev->start_encryption.scheme = cursor_u8(c);
        ev->start_encryption.key_version = cursor_u32le(c);
        cursor_copy(c, ev->start_encryption.nonce, 12);
        TRUNCATED(c, err, "START_ENCRYPTION body");
        /* Every event after this one is encrypted with a key we do not
         * have; the next event fails with a clear message. */
        d->encrypted = true;
        return 0;
    default:
        return bb_error_set(err, BB_ERR_CORRUPT, "no decoder for event type %u", ev->type);
    }
}
