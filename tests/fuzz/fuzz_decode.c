/* fuzz_decode.c - libFuzzer target for the decoder entry points.
 *
 * An input starting with the binlog magic is a binlog: it is framed into
 * events (as the file source does) and each is decoded, its inner payload
 * events and the slices of its rows too (FUZZ_ROWS_BUDGET, small, so that
 * many events are sliced), and rendered as text and JSON (value formatters
 * included); QUERY events also go through the DDL reader (ddl_parse).
 * Otherwise the first byte picks the entry point:
 *   0..191   a binlog without its magic, as above;
 *   192..223 one column cell: type, two metadata bytes, then the cell bytes
 *            (column_read_meta + decode_value + both value formatters);
 *   224..239 MySQL binary JSON and JSON diff bytes;
 *   240..255 JSON text: the tokenizer (decoding and not), the validator,
 *            and a document written from the text, which must then be
 *            valid text and render (a failure of either traps).
 * Seeds: the corpus binlogs and the crafted ones of tests/data/crafted
 * (scripts/fuzz.sh). Any crash, leak, overread or UB report is a bug. */
#include <stdint.h>
#include <string.h>

#include "base/json_text.h"
#include "binlog/ddl.h"
#include "binlog/decode_value.h"
#include "binlog/decoder.h"
#include "values/format_event.h"
#include "values/json_binary.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Inner events of compressed transactions rendered per input, at most: a
 * few kilobytes of frame may legally inflate to gigabytes (one of the
 * seeds does), and one such input would take the fuzzer's time budget
 * without finding more than the first megabytes do. */
#define FUZZ_INNER_BYTES ((uint64_t)2 << 20)
/* Decoded rows per slice: small, so that the slices' bookkeeping is fuzzed
 * too, and so that rows of a wide table cannot take the fuzzer's memory. */
#define FUZZ_ROWS_BUDGET ((size_t)64 << 10)

static void fuzz_binlog(const uint8_t *p, size_t n)
{
    struct decoder d;
    struct bb_buf out;
    uint64_t inner_bytes = 0;
    decoder_init(&d);
    d.max_event_size = 1 << 20;
    d.rows_budget = FUZZ_ROWS_BUDGET;
    bb_buf_init(&out);
    size_t pos = (n >= 4 && memcmp(p, BB_BINLOG_MAGIC, 4) == 0) ? 4 : 0;
    while (pos + BB_LOG_EVENT_HEADER_LEN <= n) {
        uint32_t len = p[pos + 9] | p[pos + 10] << 8 | p[pos + 11] << 16 | (uint32_t)p[pos + 12] << 24;
        if (len < BB_LOG_EVENT_HEADER_LEN || len > n - pos)
            break;
        struct bb_event ev;
        struct bb_error err = { 0 };
        if (decoder_decode(&d, p + pos, len, pos, "fuzz", &ev, &err) < 0)
            break;
        int rc = 0;
        do {
            bb_buf_reset(&out);
            struct bb_error ferr = { 0 };
            format_event_text(&ev, &out, &ferr);
            bb_buf_reset(&out);
            format_event_json(&ev, &out, &ferr);
            if (ev.type == QUERY_EVENT || ev.type == QUERY_COMPRESSED_EVENT) {
                static struct ddl_statement st;
                ddl_parse(&ev.query, d.server_version, &st);
            }
            bool slice = bb_event_is_rows(&ev) && ev.rows.first_row > 0;
            if (ev.in_payload && !slice && (inner_bytes += ev.length) > FUZZ_INNER_BYTES)
                break;
            rc = decoder_next(&d, &ev, &err);
        } while (rc > 0);
        if (inner_bytes > FUZZ_INNER_BYTES)
            break;
        if (rc < 0)
            break;
        pos += len;
    }
    bb_buf_destroy(&out);
    decoder_destroy(&d);
}

static void fuzz_cell(const uint8_t *p, size_t n)
{
    if (n < 4)
        return;
    struct bb_column col;
    memset(&col, 0, sizeof col);
    col.charset = (uint16_t)(p[3] & 1 ? 63 : 45);
    col.is_unsigned = p[3] & 2;
    struct cursor m = cursor_make(p + 1, 2);
    struct bb_error err = { 0 };
    if (column_read_meta(&col, p[0], &m, &err) < 0)
        return;
    struct cursor c = cursor_make(p + 4, n - 4);
    struct bb_arena arena;
    struct bb_buf out;
    bb_arena_init(&arena);
    bb_buf_init(&out);
    while (!cursor_at_end(&c)) {
        struct bb_value v;
        size_t at = c.off;
        if (decode_value(&col, &c, &arena, &v, &err) < 0 || c.off == at)
            break; /* an error, or a type of zero width (NULL) */
        bb_value_format_text(&v, &out, &err);
        bb_buf_reset(&out);
        bb_value_format_json(&v, &out, &err);
        bb_buf_reset(&out);
    }
    bb_buf_destroy(&out);
    bb_arena_destroy(&arena);
}

static void fuzz_json(const uint8_t *p, size_t n)
{
    struct bb_buf out;
    struct bb_error err = { 0 };
    bb_buf_init(&out);
    json_binary_to_text(p, n, &out, &err);
    bb_buf_reset(&out);
    bb_error_clear(&err);
    json_diff_to_text(p, n, &out, &err);
    bb_buf_destroy(&out);
}

static void fuzz_json_text(const uint8_t *p, size_t n)
{
    const char *text = (const char *)p;
    struct json_reader r;
    struct json_token t;
    json_reader_init(&r, text, n, JSON_TEXT_MAX_DEPTH, JSON_READ_DECODE);
    while (json_reader_next(&r, &t, NULL) == 0 && t.kind != JSON_TOKEN_END) {
        double d;
        if (t.kind == JSON_TOKEN_NUMBER)
            json_number_double(&t, &d);
    }
    json_reader_destroy(&r);
    bool valid = json_text_valid(text, n);
    struct bb_buf bin, out;
    struct bb_error err = { 0 };
    bb_buf_init(&bin);
    bb_buf_init(&out);
    if (json_binary_from_text(text, n, &bin, &err) == 0) {
        if (!valid)
            __builtin_trap();
        if (json_binary_to_text((const uint8_t *)bin.data, bin.len, &out, &err) != 0)
            __builtin_trap();
    }
    bb_buf_destroy(&bin);
    bb_buf_destroy(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    if (size >= 4 && memcmp(data, BB_BINLOG_MAGIC, 4) == 0)
        fuzz_binlog(data, size);
    else if (data[0] < 192)
        fuzz_binlog(data + 1, size - 1);
    else if (data[0] < 224)
        fuzz_cell(data + 1, size - 1);
    else if (data[0] < 240)
        fuzz_json(data + 1, size - 1);
    else
        fuzz_json_text(data + 1, size - 1);
    return 0;
}
