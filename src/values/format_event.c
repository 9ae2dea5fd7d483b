/* format_event.c - events as dump() text and as JSON lines. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "binlog/decode_value.h"
#include "base/error.h"
#include "values/format_event.h"
#include "base/text_escape.h"
#include "base/utf8.h"

void format_uuid(const uint8_t sid[16], struct bb_buf *out)
{
    static const int dash_after[16] = { [3] = 1, [5] = 1, [7] = 1, [9] = 1 };
    for (int i = 0; i < 16; i++) {
        bb_buf_put_hex(out, sid + i, 1);
        if (dash_after[i])
            bb_buf_putc(out, '-');
    }
}

void format_gtid(const struct bb_ev_gtid *g, struct bb_buf *out)
{
    format_uuid(g->sid, out);
    bb_buf_putc(out, ':');
    if (g->tag.len) {
        bb_buf_append(out, g->tag.p, g->tag.len);
        bb_buf_putc(out, ':');
    }
    bb_buf_put_u64(out, g->gno);
}

void format_gtid_set(const struct bb_ev_previous_gtids *set, struct bb_buf *out)
{
    const uint8_t *prev_sid = NULL;
    for (uint64_t i = 0; i < set->nsid; i++) {
        const struct bb_sid_block *b = &set->sids[i];
        /* Tagged entries of the same UUID continue the previous one:
         * "uuid:1-13:mytag:1-2". */
        if (prev_sid && memcmp(prev_sid, b->sid, 16) == 0) {
            bb_buf_putc(out, ':');
        } else {
            if (i)
                bb_buf_putc(out, ',');
            format_uuid(b->sid, out);
            bb_buf_putc(out, ':');
        }
        prev_sid = b->sid;
        if (b->tag.len) {
            bb_buf_append(out, b->tag.p, b->tag.len);
            bb_buf_putc(out, ':');
        }
        for (uint64_t k = 0; k < b->ninterval; k++) {
            if (k)
                bb_buf_putc(out, ':');
            bb_buf_put_u64(out, b->intervals[k].start);
            if (b->intervals[k].end - 1 != b->intervals[k].start) {
                bb_buf_putc(out, '-');
                bb_buf_put_u64(out, b->intervals[k].end - 1);
            }
        }
    }
}

static void format_mariadb_gtid(uint32_t domain, uint32_t server, uint64_t seq, struct bb_buf *out)
{
    bb_buf_put_u64(out, domain);
    bb_buf_putc(out, '-');
    bb_buf_put_u64(out, server);
    bb_buf_putc(out, '-');
    bb_buf_put_u64(out, seq);
}

void format_column_name(const struct bb_table *t, uint32_t i, struct bb_buf *out)
{
    if (t->cols[i].name)
        bb_buf_puts(out, t->cols[i].name);
    else
        bb_buf_printf(out, "UNKNOWN_COL%u", i);
}

static void put_date(uint32_t ts, struct bb_buf *out)
{
    time_t t = (time_t)ts;
    struct tm tm;
    gmtime_r(&t, &tm);
    char tmp[32];
    strftime(tmp, sizeof tmp, "%Y-%m-%dT%H:%M:%S", &tm);
    bb_buf_puts(out, tmp);
}

/* USER_VAR values: decoded through the column-type code so REAL, INT and
 * DECIMAL values read exactly as a column of that type would. */
static int user_var_value(const struct bb_ev_user_var *u, bool json, struct bb_buf *out,
                          struct bb_error *err)
{
    struct bb_column col;
    memset(&col, 0, sizeof col);
    struct cursor c = cursor_make(u->value.p, u->value.len);
    struct bb_arena arena;
    struct bb_value v;
    int rc = 0;

    if (u->is_null) {
        bb_buf_puts(out, json ? "null" : "NULL");
        return 0;
    }
    switch (u->type) {
    case 0: /* STRING_RESULT */
        col.type = MYSQL_TYPE_VARCHAR;
        col.charset = (uint16_t)u->charset;
        v.kind = u->charset == 63 ? BB_VALUE_BINARY : BB_VALUE_STRING;
        v.col = &col;
        v.v.str.p = u->value.p;
        v.v.str.len = u->value.len;
        return json ? bb_value_format_json(&v, out, err) : bb_value_format_text(&v, out, err);
    case 1: /* REAL_RESULT */
        col.type = MYSQL_TYPE_DOUBLE;
        col.meta = 8;
        break;
    case 2: /* INT_RESULT */
        col.type = MYSQL_TYPE_LONGLONG;
        col.is_unsigned = u->has_flags && (u->flags & 1);
        break;
    case 4: { /* DECIMAL_RESULT: 1 precision, 1 scale, decimal binary */
        uint8_t precision = cursor_u8(&c), scale = cursor_u8(&c);
        uint8_t meta[2] = { precision, scale };
        struct cursor m = cursor_make(meta, 2);
        rc = column_read_meta(&col, MYSQL_TYPE_NEWDECIMAL, &m, err);
        if (rc < 0)
            return rc;
        break;
    }
    default:
        return bb_error_set(err, BB_ERR_CORRUPT, "user variable of unknown type %u", u->type);
    }
    bb_arena_init(&arena);
    rc = decode_value(&col, &c, &arena, &v, err);
    if (rc == 0)
        rc = json ? bb_value_format_json(&v, out, err) : bb_value_format_text(&v, out, err);
    bb_arena_destroy(&arena);
    return rc;
}

/* ------------------------------------------------------------------ */
/* text                                                                */

/* The text layout is for reading on a terminal: everything in it that
 * comes from the binlog (names, statements, file names, values) is
 * escaped (text_escape.h), so that control characters in it can neither
 * drive the terminal nor break the layout's lines. --format json keeps
 * the exact bytes. */

static void line_bytes(struct bb_buf *out, const char *label, struct bb_bytes b)
{
    bb_buf_puts(out, label);
    text_escape_append(out, b.p, b.len);
    bb_buf_putc(out, '\n');
}

static void put_text(struct bb_buf *out, const char *s)
{
    text_escape_append(out, s, strlen(s));
}

static void put_column_name(const struct bb_table *t, uint32_t i, struct bb_buf *out)
{
    size_t from = out->len;
    format_column_name(t, i, out);
    text_escape_tail(out, from);
}

static int put_value(const struct bb_value *v, struct bb_buf *out, struct bb_error *err)
{
    size_t from = out->len;
    if (bb_value_format_text(v, out, err) < 0)
        return err->code;
    text_escape_tail(out, from);
    return 0;
}

static int text_image(const struct bb_table *t, const struct bb_value *vals, struct bb_buf *out,
                      struct bb_error *err)
{
    for (uint32_t i = 0; i < t->ncols; i++) {
        if (vals[i].kind == BB_VALUE_ABSENT)
            continue;
        bb_buf_puts(out, "*  ");
        put_column_name(t, i, out);
        bb_buf_puts(out, ": ");
        if (vals[i].kind == BB_VALUE_NULL)
            bb_buf_puts(out, "NULL");
        else if (put_value(&vals[i], out, err) < 0)
            return err->code;
        bb_buf_putc(out, '\n');
    }
    return 0;
}

static int text_rows(const struct bb_ev_rows *r, struct bb_buf *out, struct bb_error *err)
{
    const struct bb_table *t = r->table;
    bb_buf_puts(out, "Table: ");
    put_text(out, t->schema);
    bb_buf_putc(out, '.');
    put_text(out, t->name);
    bb_buf_putc(out, '\n');
    bb_buf_printf(out, "Affected columns: %u\n", r->ncols);
    bb_buf_printf(out, "Changed rows: %u\n", r->nrows);
    /* A large event comes in slices, each its own block (the later ones
     * titled "(continued)"): which of the event's rows this block has. */
    if (r->first_row || r->more_rows)
        bb_buf_printf(out, "Event rows: %u-%u (%s)\n", r->first_row,
                      r->first_row + r->nrows - (r->nrows > 0), r->more_rows
                      ? "more in the next block" : "the last");
    bb_buf_puts(out, "Values:\n");
    for (uint32_t n = 0; n < r->nrows; n++) {
        const struct bb_row *row = &r->rows[n];
        if (n)
            bb_buf_puts(out, "--\n");
        if (r->kind != BB_ROWS_UPDATE) {
            if (text_image(t, row->before ? row->before : row->after, out, err) < 0)
                return err->code;
            continue;
        }
        for (uint32_t i = 0; i < t->ncols; i++) {
            const struct bb_value *b = &row->before[i], *a = &row->after[i];
            if (b->kind == BB_VALUE_ABSENT && a->kind == BB_VALUE_ABSENT)
                continue;
            bb_buf_puts(out, "*  ");
            put_column_name(t, i, out);
            bb_buf_puts(out, ": ");
            const struct bb_value *side[2] = { b, a };
            for (int s = 0; s < 2; s++) {
                if (s)
                    bb_buf_puts(out, " => ");
                if (side[s]->kind == BB_VALUE_ABSENT)
                    bb_buf_puts(out, "(absent)");
                else if (side[s]->kind == BB_VALUE_NULL)
                    bb_buf_puts(out, "NULL");
                else if (put_value(side[s], out, err) < 0)
                    return err->code;
            }
            bb_buf_putc(out, '\n');
        }
    }
    return 0;
}

int format_event_text(const struct bb_event *ev, struct bb_buf *out, struct bb_error *err)
{
    bool continued = bb_event_is_rows(ev) && ev->rows.first_row > 0;
    bb_buf_printf(out, "=== %s%s ===\n", bb_event_class_name(ev->type),
                  continued ? " (continued)" : "");
    bb_buf_puts(out, "Date: ");
    put_date(ev->timestamp, out);
    bb_buf_printf(out, "\nLog position: %u\nEvent size: %u\n", ev->next_pos, ev->length);
    if (ev->in_payload)
        bb_buf_puts(out, "In transaction payload: yes\n");

    switch (ev->type) {
    case QUERY_EVENT:
    case QUERY_COMPRESSED_EVENT:
    case EXECUTE_LOAD_QUERY_EVENT:
        line_bytes(out, "Schema: ", ev->query.schema);
        bb_buf_printf(out, "Execution time: %u\n", ev->query.exec_time);
        line_bytes(out, "Query: ", ev->query.query);
        break;
    case ROTATE_EVENT:
        bb_buf_printf(out, "Position: %llu\n", (unsigned long long)ev->rotate.position);
        line_bytes(out, "Next binlog file: ", ev->rotate.next_file);
        break;
    case FORMAT_DESCRIPTION_EVENT:
        bb_buf_printf(out, "Binlog version: %u\nServer version: ", ev->format.binlog_version);
        put_text(out, ev->format.server_version);
        bb_buf_printf(out, "\nChecksum: %s\n", ev->format.checksum_alg == 1 ? "CRC32"
                      : ev->format.checksum_alg == 0 ? "none" : "n/a");
        break;
    case XID_EVENT:
        bb_buf_printf(out, "Transaction ID: %llu\n", (unsigned long long)ev->xid);
        break;
    case INTVAR_EVENT:
        bb_buf_printf(out, "Type: %s\nValue: %llu\n",
                      ev->intvar.type == 1 ? "LAST_INSERT_ID"
                      : ev->intvar.type == 2 ? "INSERT_ID" : "INVALID_INT",
                      (unsigned long long)ev->intvar.value);
        break;
    case RAND_EVENT:
        bb_buf_printf(out, "seed1: %llu\nseed2: %llu\n", (unsigned long long)ev->rand.seed1,
                      (unsigned long long)ev->rand.seed2);
        break;
    case USER_VAR_EVENT:
        line_bytes(out, "User variable name: ", ev->user_var.name);
        bb_buf_puts(out, "Value: ");
        size_t value_from = out->len;
        if (user_var_value(&ev->user_var, false, out, err) < 0)
            return err->code;
        text_escape_tail(out, value_from);
        bb_buf_putc(out, '\n');
        break;
    case INCIDENT_EVENT:
        bb_buf_printf(out, "Incident type: %u\n", ev->incident.type);
        line_bytes(out, "Message: ", ev->incident.message);
        break;
    case HEARTBEAT_LOG_EVENT:
    case BB_HEARTBEAT_LOG_EVENT_V2:
        line_bytes(out, "Current binlog: ", ev->heartbeat.log_file);
        bb_buf_printf(out, "Position: %llu\n", (unsigned long long)ev->heartbeat.position);
        break;
    case GTID_LOG_EVENT:
    case BB_GTID_TAGGED_LOG_EVENT:
    case ANONYMOUS_GTID_LOG_EVENT:
        bb_buf_printf(out, "Commit: %s\n", (ev->gtid.flags & 1) ? "False" : "True");
        bb_buf_puts(out, ev->type == ANONYMOUS_GTID_LOG_EVENT ? "GTID_NEXT: ANONYMOUS\n"
                                                              : "GTID_NEXT: ");
        if (ev->type != ANONYMOUS_GTID_LOG_EVENT) {
            size_t gtid_from = out->len;
            format_gtid(&ev->gtid, out); /* a tag is outside text */
            text_escape_tail(out, gtid_from);
            bb_buf_putc(out, '\n');
        }
        if (ev->gtid.has_logical_clock)
            bb_buf_printf(out, "Last committed: %lld\nSequence number: %lld\n",
                          (long long)ev->gtid.last_committed,
                          (long long)ev->gtid.sequence_number);
        break;
    case PREVIOUS_GTIDS_LOG_EVENT:
        bb_buf_puts(out, "previous_gtids: ");
        size_t set_from = out->len;
        format_gtid_set(&ev->previous_gtids, out);
        text_escape_tail(out, set_from);
        bb_buf_putc(out, '\n');
        break;
    case XA_PREPARE_LOG_EVENT:
        bb_buf_printf(out, "One phase: %s\nFormat ID: %d\n",
                      ev->xa_prepare.one_phase ? "True" : "False", ev->xa_prepare.format_id);
        bb_buf_puts(out, "XID: ");
        bb_buf_put_hex(out, ev->xa_prepare.gtrid.p, ev->xa_prepare.gtrid.len);
        bb_buf_putc(out, ',');
        bb_buf_put_hex(out, ev->xa_prepare.bqual.p, ev->xa_prepare.bqual.len);
        bb_buf_putc(out, '\n');
        break;
    case BB_TRANSACTION_PAYLOAD_EVENT:
        bb_buf_printf(out, "Compression type: %s\nPayload size: %llu\nUncompressed size: %llu\n",
                      ev->payload.compression_type == 0 ? "ZSTD" : "NONE",
                      (unsigned long long)ev->payload.payload_size,
                      (unsigned long long)ev->payload.uncompressed_size);
        break;
    case BEGIN_LOAD_QUERY_EVENT:
    case APPEND_BLOCK_EVENT:
    case DELETE_FILE_EVENT:
        bb_buf_printf(out, "File id: %u\nBlock size: %zu\n", ev->load_block.file_id,
                      ev->load_block.data.len);
        break;
    case ROWS_QUERY_LOG_EVENT:
        line_bytes(out, "Query: ", ev->rows_query.query);
        break;
    case ANNOTATE_ROWS_EVENT:
        line_bytes(out, "SQL statement: ", ev->rows_query.query);
        break;
    case BINLOG_CHECKPOINT_EVENT:
        line_bytes(out, "Filename: ", ev->checkpoint.log_file);
        break;
    case GTID_EVENT:
        bb_buf_printf(out, "Flags: %u\nGTID: ", ev->mariadb_gtid.flags);
        format_mariadb_gtid(ev->mariadb_gtid.domain_id, ev->mariadb_gtid.server_id,
                            ev->mariadb_gtid.seq_no, out);
        bb_buf_putc(out, '\n');
        break;
    case GTID_LIST_EVENT:
        bb_buf_puts(out, "GTID List: ");
        for (uint32_t i = 0; i < ev->gtid_list.count; i++) {
            const struct bb_mariadb_gtid *g = &ev->gtid_list.gtids[i];
            if (i)
                bb_buf_putc(out, ',');
            format_mariadb_gtid(g->domain_id, g->server_id, g->seq_no, out);
        }
        bb_buf_putc(out, '\n');
        break;
    case START_ENCRYPTION_EVENT:
        bb_buf_printf(out, "Schema: %u\nKey version: %u\n", ev->start_encryption.scheme,
                      ev->start_encryption.key_version);
        break;
    case TABLE_MAP_EVENT: {
        const struct bb_table *t = ev->table_map;
        bb_buf_printf(out, "Table id: %llu\nSchema: ", (unsigned long long)t->id);
        put_text(out, t->schema);
        bb_buf_puts(out, "\nTable: ");
        put_text(out, t->name);
        bb_buf_printf(out, "\nColumns: %u\n", t->ncols);
        break;
    }
    default:
        if (bb_event_is_rows(ev)) {
            if (ev->rows.table && text_rows(&ev->rows, out, err) < 0)
                return err->code;
        } else {
            bb_buf_printf(out, "Type code: %u\n", ev->type);
        }
        break;
    }
    bb_buf_putc(out, '\n');
    return bb_buf_check(out, err);
}

/* ------------------------------------------------------------------ */
/* JSON                                                                */

static void json_str(struct bb_buf *out, const void *p, size_t n)
{
    bb_buf_putc(out, '"');
    bb_buf_put_json_escaped(out, p, n);
    bb_buf_putc(out, '"');
}

/* Strings from the binlog that are not column values (schema and table
 * names, queries, file names) are UTF-8 in practice; when they are not, we
 * emit {"base64": ...} rather than invalid JSON. */
static void json_bytes(struct bb_buf *out, const char *key, struct bb_bytes b)
{
    bb_buf_printf(out, ",\"%s\":", key);
    if (utf8_valid(b.p, b.len)) {
        json_str(out, b.p, b.len);
    } else {
        bb_buf_puts(out, "{\"base64\":\"");
        bb_buf_put_base64(out, b.p, b.len);
        bb_buf_puts(out, "\"}");
    }
}

static void json_cstr(struct bb_buf *out, const char *key, const char *s)
{
    struct bb_bytes b = { (const uint8_t *)s, strlen(s) };
    json_bytes(out, key, b);
}

/* The "name": prefixes of a table's columns, escaped once per event rather
 * than once per value. */
struct json_keys {
    struct bb_buf text;
    size_t *off;            /* column i's key is text.data[off[i] .. off[i + 1]) */
};

static int json_keys_init(struct json_keys *k, const struct bb_table *t, struct bb_error *err)
{
    bb_buf_init(&k->text);
    k->off = malloc(((size_t)t->ncols + 1) * sizeof *k->off);
    if (!k->off)
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    for (uint32_t i = 0; i < t->ncols; i++) {
        k->off[i] = k->text.len;
        bb_buf_putc(&k->text, '"');
        if (t->cols[i].name)
            bb_buf_put_json_escaped(&k->text, t->cols[i].name, strlen(t->cols[i].name));
        else
            bb_buf_printf(&k->text, "UNKNOWN_COL%u", i);
        bb_buf_puts(&k->text, "\":");
    }
    k->off[t->ncols] = k->text.len;
    return bb_buf_check(&k->text, err);
}

static void json_keys_destroy(struct json_keys *k)
{
    bb_buf_destroy(&k->text);
    free(k->off);
}

static int json_image(const struct bb_table *t, const struct json_keys *keys,
                      const struct bb_value *vals, struct bb_buf *out, struct bb_error *err)
{
    bb_buf_putc(out, '{');
    bool first = true;
    for (uint32_t i = 0; i < t->ncols; i++) {
        if (vals[i].kind == BB_VALUE_ABSENT)
            continue;
        if (!first)
            bb_buf_putc(out, ',');
        first = false;
        bb_buf_append(out, keys->text.data + keys->off[i], keys->off[i + 1] - keys->off[i]);
        if (vals[i].kind == BB_VALUE_NULL)
            bb_buf_puts(out, "null");
        else if (bb_value_format_json(&vals[i], out, err) < 0)
            return err->code;
    }
    bb_buf_putc(out, '}');
    return 0;
}

static int json_rows(const struct bb_ev_rows *r, struct bb_buf *out, struct bb_error *err)
{
    const struct bb_table *t = r->table;
    struct json_keys keys;
    int rc = json_keys_init(&keys, t, err);
    json_cstr(out, "schema", t->schema);
    json_cstr(out, "table", t->name);
    bb_buf_printf(out, ",\"table_id\":%llu,\"flags\":%u", (unsigned long long)r->table_id,
                  r->flags);
    /* A slice of a large event, one line each: which rows it has. */
    if (r->first_row || r->more_rows)
        bb_buf_printf(out, ",\"first_row\":%u,\"more_rows\":%s", r->first_row,
                      r->more_rows ? "true" : "false");
    bb_buf_puts(out, ",\"rows\":[");
    for (uint32_t n = 0; n < r->nrows && rc == 0; n++) {
        const struct bb_row *row = &r->rows[n];
        if (n)
            bb_buf_putc(out, ',');
        if (r->kind == BB_ROWS_UPDATE) {
            bb_buf_puts(out, "{\"before_values\":");
            rc = json_image(t, &keys, row->before, out, err);
            bb_buf_puts(out, ",\"after_values\":");
            if (rc == 0)
                rc = json_image(t, &keys, row->after, out, err);
        } else {
            bb_buf_puts(out, "{\"values\":");
            rc = json_image(t, &keys, row->before ? row->before : row->after, out, err);
        }
        bb_buf_putc(out, '}');
    }
    bb_buf_putc(out, ']');
    json_keys_destroy(&keys);
    return rc;
}

int format_event_json(const struct bb_event *ev, struct bb_buf *out, struct bb_error *err)
{
    bb_buf_printf(out, "{\"type_code\":%u,\"type\":\"%s\",\"pos\":%llu,\"next_pos\":%u,"
                  "\"timestamp\":%u,\"server_id\":%u,\"size\":%u",
                  ev->type, bb_event_type_name(ev->type), (unsigned long long)ev->pos,
                  ev->next_pos, ev->timestamp, ev->server_id, ev->length);
    if (ev->log_file)
        json_cstr(out, "log_file", ev->log_file);
    if (ev->in_payload)
        bb_buf_puts(out, ",\"in_payload\":true");

    switch (ev->type) {
    case QUERY_EVENT:
    case QUERY_COMPRESSED_EVENT:
    case EXECUTE_LOAD_QUERY_EVENT:
        json_bytes(out, "schema", ev->query.schema);
        bb_buf_printf(out, ",\"thread_id\":%u,\"exec_time\":%u,\"error_code\":%u",
                      ev->query.thread_id, ev->query.exec_time, ev->query.error_code);
        json_bytes(out, "query", ev->query.query);
        break;
    case ROTATE_EVENT:
        bb_buf_printf(out, ",\"position\":%llu", (unsigned long long)ev->rotate.position);
        json_bytes(out, "next_file", ev->rotate.next_file);
        break;
    case FORMAT_DESCRIPTION_EVENT:
        bb_buf_printf(out, ",\"binlog_version\":%u", ev->format.binlog_version);
        json_cstr(out, "server_version", ev->format.server_version);
        bb_buf_printf(out, ",\"checksum_alg\":%u", ev->format.checksum_alg);
        break;
    case XID_EVENT:
        bb_buf_printf(out, ",\"xid\":%llu", (unsigned long long)ev->xid);
        break;
    case INTVAR_EVENT:
        bb_buf_printf(out, ",\"intvar_type\":%u,\"value\":%llu", ev->intvar.type,
                      (unsigned long long)ev->intvar.value);
        break;
    case RAND_EVENT:
        bb_buf_printf(out, ",\"seed1\":%llu,\"seed2\":%llu", (unsigned long long)ev->rand.seed1,
                      (unsigned long long)ev->rand.seed2);
        break;
    case USER_VAR_EVENT:
        json_bytes(out, "name", ev->user_var.name);
        bb_buf_puts(out, ",\"value\":");
        if (user_var_value(&ev->user_var, true, out, err) < 0)
            return err->code;
        break;
    case INCIDENT_EVENT:
        bb_buf_printf(out, ",\"incident\":%u", ev->incident.type);
        json_bytes(out, "message", ev->incident.message);
        break;
    case HEARTBEAT_LOG_EVENT:
    case BB_HEARTBEAT_LOG_EVENT_V2:
        json_bytes(out, "current_log", ev->heartbeat.log_file);
        bb_buf_printf(out, ",\"position\":%llu", (unsigned long long)ev->heartbeat.position);
        break;
    case GTID_LOG_EVENT:
    case BB_GTID_TAGGED_LOG_EVENT:
    case ANONYMOUS_GTID_LOG_EVENT:
        if (ev->type != ANONYMOUS_GTID_LOG_EVENT) {
            bb_buf_puts(out, ",\"gtid\":\"");
            format_gtid(&ev->gtid, out);
            bb_buf_putc(out, '"');
        }
        bb_buf_printf(out, ",\"flags\":%u", ev->gtid.flags);
        if (ev->gtid.has_logical_clock)
            bb_buf_printf(out, ",\"last_committed\":%lld,\"sequence_number\":%lld",
                          (long long)ev->gtid.last_committed,
                          (long long)ev->gtid.sequence_number);
        if (ev->gtid.has_commit_ts)
            bb_buf_printf(out, ",\"immediate_commit_ts\":%llu,\"original_commit_ts\":%llu",
                          (unsigned long long)ev->gtid.immediate_commit_ts,
                          (unsigned long long)ev->gtid.original_commit_ts);
        if (ev->gtid.has_transaction_length)
            bb_buf_printf(out, ",\"transaction_length\":%llu",
                          (unsigned long long)ev->gtid.transaction_length);
        break;
    case PREVIOUS_GTIDS_LOG_EVENT:
        bb_buf_puts(out, ",\"gtid_set\":\"");
        format_gtid_set(&ev->previous_gtids, out);
        bb_buf_putc(out, '"');
        break;
    case XA_PREPARE_LOG_EVENT:
        bb_buf_printf(out, ",\"one_phase\":%s,\"format_id\":%d,\"gtrid\":\"",
                      ev->xa_prepare.one_phase ? "true" : "false", ev->xa_prepare.format_id);
        bb_buf_put_hex(out, ev->xa_prepare.gtrid.p, ev->xa_prepare.gtrid.len);
        bb_buf_puts(out, "\",\"bqual\":\"");
        bb_buf_put_hex(out, ev->xa_prepare.bqual.p, ev->xa_prepare.bqual.len);
        bb_buf_putc(out, '"');
        break;
    case BB_TRANSACTION_PAYLOAD_EVENT:
        bb_buf_printf(out, ",\"compression_type\":%u,\"payload_size\":%llu,"
                      "\"uncompressed_size\":%llu",
                      ev->payload.compression_type, (unsigned long long)ev->payload.payload_size,
                      (unsigned long long)ev->payload.uncompressed_size);
        break;
    case BEGIN_LOAD_QUERY_EVENT:
    case APPEND_BLOCK_EVENT:
    case DELETE_FILE_EVENT:
        bb_buf_printf(out, ",\"file_id\":%u,\"block_size\":%zu", ev->load_block.file_id,
                      ev->load_block.data.len);
        break;
    case ROWS_QUERY_LOG_EVENT:
    case ANNOTATE_ROWS_EVENT:
        json_bytes(out, "query", ev->rows_query.query);
        break;
    case BINLOG_CHECKPOINT_EVENT:
        json_bytes(out, "checkpoint_file", ev->checkpoint.log_file);
        break;
    case GTID_EVENT:
        bb_buf_puts(out, ",\"gtid\":\"");
        format_mariadb_gtid(ev->mariadb_gtid.domain_id, ev->mariadb_gtid.server_id,
                            ev->mariadb_gtid.seq_no, out);
        bb_buf_printf(out, "\",\"flags\":%u", ev->mariadb_gtid.flags);
        if (ev->mariadb_gtid.flags & FL_GROUP_COMMIT_ID)
            bb_buf_printf(out, ",\"commit_id\":%llu",
                          (unsigned long long)ev->mariadb_gtid.commit_id);
        if (ev->mariadb_gtid.is_xa) {
            bb_buf_printf(out, ",\"xa_format_id\":%d,\"xa_gtrid\":\"",
                          ev->mariadb_gtid.xa_format_id);
            bb_buf_put_hex(out, ev->mariadb_gtid.xa_gtrid.p, ev->mariadb_gtid.xa_gtrid.len);
            bb_buf_puts(out, "\",\"xa_bqual\":\"");
            bb_buf_put_hex(out, ev->mariadb_gtid.xa_bqual.p, ev->mariadb_gtid.xa_bqual.len);
            bb_buf_putc(out, '"');
        }
        break;
    case GTID_LIST_EVENT:
        bb_buf_puts(out, ",\"gtid_list\":[");
        for (uint32_t i = 0; i < ev->gtid_list.count; i++) {
            const struct bb_mariadb_gtid *g = &ev->gtid_list.gtids[i];
            bb_buf_puts(out, i ? ",\"" : "\"");
            format_mariadb_gtid(g->domain_id, g->server_id, g->seq_no, out);
            bb_buf_putc(out, '"');
        }
        bb_buf_putc(out, ']');
        break;
    case START_ENCRYPTION_EVENT:
        bb_buf_printf(out, ",\"scheme\":%u,\"key_version\":%u", ev->start_encryption.scheme,
                      ev->start_encryption.key_version);
        break;
    case TABLE_MAP_EVENT: {
        const struct bb_table *t = ev->table_map;
        bb_buf_printf(out, ",\"table_id\":%llu", (unsigned long long)t->id);
        json_cstr(out, "schema", t->schema);
        json_cstr(out, "table", t->name);
        bb_buf_puts(out, ",\"columns\":[");
        for (uint32_t i = 0; i < t->ncols; i++) {
            const struct bb_column *c = &t->cols[i];
            bb_buf_puts(out, i ? ",{\"name\":" : "{\"name\":");
            if (c->name)
                json_str(out, c->name, strlen(c->name));
            else
                bb_buf_puts(out, "null");
            bb_buf_printf(out, ",\"type\":\"%s\",\"nullable\":%s", column_type_name(c->type),
                          c->nullable ? "true" : "false");
            if (c->signedness_known)
                bb_buf_printf(out, ",\"unsigned\":%s", c->is_unsigned ? "true" : "false");
            if (c->charset)
                bb_buf_printf(out, ",\"charset\":%u", c->charset);
            bb_buf_putc(out, '}');
        }
        bb_buf_putc(out, ']');
        if (t->npk) {
            bb_buf_puts(out, ",\"primary_key\":[");
            for (uint32_t i = 0; i < t->npk; i++)
                bb_buf_printf(out, i ? ",%u" : "%u", t->pk[i]);
            bb_buf_putc(out, ']');
        }
        break;
    }
    default:
        if (bb_event_is_rows(ev) && ev->rows.table) {
            if (json_rows(&ev->rows, out, err) < 0)
                return err->code;
        }
        break;
    }
    bb_buf_puts(out, "}\n");
    return bb_buf_check(out, err);
}
