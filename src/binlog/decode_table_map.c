/* decode_table_map.c - TABLE_MAP_EVENT: a table's schema as the rows
 * events that follow it need it, with every optional metadata field
 * (binlog_row_metadata=FULL: names, signedness, charsets, ENUM/SET labels,
 * primary key, visibility, geometry and vector details). */
#include <string.h>

#include "binlog/decode_value.h"
#include "binlog/decoder.h"
#include "base/error.h"
#include "base/charset.h"

static bool is_numeric(uint8_t type) { return column_type_is_numeric(type); }
static bool is_character(uint8_t type) { return column_type_is_character(type); }
static bool is_enum_or_set(uint8_t type) { return column_type_is_enum_or_set(type); }

/* MariaDB also gives YEAR a SIGNEDNESS bit: its YEAR is a TINYINT
 * underneath. */
static bool is_numeric_mariadb(uint8_t type)
{
    return is_numeric(type) || type == MYSQL_TYPE_YEAR;
}

/* The nth column (0-based) for which pred holds, or NULL. */
static struct bb_column *nth_column(struct bb_table *t, uint64_t n, bool (*pred)(uint8_t))
{
    for (uint32_t i = 0; i < t->ncols; i++)
        if (pred(t->cols[i].type) && n-- == 0)
            return &t->cols[i];
    return NULL;
}

static uint32_t count_columns(const struct bb_table *t, bool (*pred)(uint8_t))
{
    uint32_t n = 0;
    for (uint32_t i = 0; i < t->ncols; i++)
        n += pred(t->cols[i].type);
    return n;
}

static bool is_set_type(uint8_t type) { return type == MYSQL_TYPE_SET; }
static bool is_enum_type(uint8_t type) { return type == MYSQL_TYPE_ENUM; }
static bool is_geometry(uint8_t type) { return type == MYSQL_TYPE_GEOMETRY; }
static bool is_vector(uint8_t type) { return type == BB_TYPE_VECTOR; }

/* DEFAULT_CHARSET and ENUM_AND_SET_DEFAULT_CHARSET: the default collation,
 * then (column index among the selected columns, collation) pairs for the
 * columns that differ. */
static int read_default_charset(struct bb_table *t, struct cursor *f, bool (*pred)(uint8_t),
                                const char *what, struct bb_error *err)
{
    uint64_t def = cursor_lenenc(f);
    for (uint32_t i = 0; i < t->ncols; i++)
        if (pred(t->cols[i].type))
            t->cols[i].charset = (uint16_t)def;
    while (cursor_ok(f) && !cursor_at_end(f)) {
        uint64_t idx = cursor_lenenc(f);
        uint64_t coll = cursor_lenenc(f);
        struct bb_column *col = nth_column(t, idx, pred);
        if (!cursor_ok(f))
            break;
        if (!col)
            return bb_error_set(err, BB_ERR_CORRUPT, "%s names column %llu of %u", what,
                                (unsigned long long)idx, count_columns(t, pred));
        col->charset = (uint16_t)coll;
    }
    if (!cursor_ok(f) || def > 0xffff)
        return bb_error_set(err, BB_ERR_CORRUPT, "%s field is malformed", what);
    return 0;
}

/* COLUMN_CHARSET and ENUM_AND_SET_COLUMN_CHARSET: one collation per
 * selected column. */
static int read_column_charsets(struct bb_table *t, struct cursor *f, bool (*pred)(uint8_t),
                                const char *what, struct bb_error *err)
{
    uint32_t want = count_columns(t, pred), got = 0;
    for (uint32_t i = 0; i < t->ncols && cursor_ok(f); i++) {
        if (!pred(t->cols[i].type))
            continue;
        uint64_t coll = cursor_lenenc(f);
        if (cursor_ok(f)) {
            t->cols[i].charset = (uint16_t)coll;
            got++;
        }
    }
    if (got != want || !cursor_at_end(f))
        return bb_error_set(err, BB_ERR_CORRUPT, "%s field has %s entries than the %u columns",
                            what, got != want ? "fewer" : "more", want);
    return 0;
}

/* SET_STR_VALUE / ENUM_STR_VALUE: per column, a count then that many
 * length-prefixed labels, in the column's ENUM/SET charset. Labels are
 * converted to UTF-8 after all charsets are known. */
struct raw_labels {
    struct cursor field; /* the field's bytes, re-read once charsets are known */
    bool present;
};

static int convert_labels(struct cached_table *ct, struct raw_labels *raw, bool (*pred)(uint8_t),
                          const char *what, struct bb_error *err)
{
    struct bb_table *t = &ct->table;
    struct cursor f = raw->field;
    struct bb_buf tmp;
    bb_buf_init(&tmp);
    int rc = 0;
    for (uint32_t i = 0; i < t->ncols && rc == 0; i++) {
        struct bb_column *col = &t->cols[i];
        if (!pred(col->type))
            continue;
        uint64_t n = cursor_lenenc(&f);
        if (!cursor_ok(&f) || n > cursor_left(&f) || n > 65535) {
            rc = bb_error_set(err, BB_ERR_CORRUPT, "%s field is malformed at column %u", what, i);
            break;
        }
        const char **labels = bb_arena_alloc(&ct->mem, (size_t)n * sizeof *labels + 1);
        uint32_t *lens = bb_arena_alloc(&ct->mem, (size_t)n * sizeof *lens + 1);
        if (!labels || !lens) {
            rc = bb_error_set(err, BB_ERR_NOMEM, "out of memory");
            break;
        }
        for (uint64_t k = 0; k < n; k++) {
            uint64_t len = cursor_lenenc(&f);
            const uint8_t *p = cursor_ok(&f) && len <= cursor_left(&f)
                                   ? cursor_bytes(&f, (size_t)len) : NULL;
            if (!p) {
                rc = bb_error_set(err, BB_ERR_CORRUPT, "%s label %llu of column %u truncated",
                                  what, (unsigned long long)k, i);
                break;
            }
            bb_buf_reset(&tmp);
            rc = charset_to_utf8(col->charset, p, (size_t)len, &tmp, err);
            if (rc == 0)
                rc = bb_buf_check(&tmp, err);
            if (rc < 0)
                break;
            labels[k] = bb_arena_strndup(&ct->mem, tmp.data ? tmp.data : "", tmp.len);
            lens[k] = (uint32_t)tmp.len;
            if (!labels[k]) {
                rc = bb_error_set(err, BB_ERR_NOMEM, "out of memory");
                break;
            }
        }
        col->nlabels = (uint32_t)n;
        col->labels = labels;
        col->label_lens = lens;
    }
    if (rc == 0 && !cursor_at_end(&f))
        rc = bb_error_set(err, BB_ERR_CORRUPT, "%s field has labels for more columns", what);
    bb_buf_destroy(&tmp);
    return rc;
}

/* A bitmap with one bit per selected column, most significant bit first. */
static bool msb_bit(const uint8_t *p, uint32_t i)
{
    return (p[i / 8] >> (7 - i % 8)) & 1;
}

static int read_optional_metadata(struct cached_table *ct, struct cursor *c, bool mariadb,
                                  struct bb_error *err)
{
    bool (*numeric)(uint8_t) = mariadb ? is_numeric_mariadb : is_numeric;
    struct bb_table *t = &ct->table;
    struct raw_labels enums = { { 0 }, false }, sets = { { 0 }, false };
    uint32_t *pk = NULL;
    uint32_t npk = 0;

    while (!cursor_at_end(c)) {
        uint8_t type = cursor_u8(c);
        uint64_t len = cursor_lenenc(c);
        if (!cursor_ok(c) || len > cursor_left(c))
            return bb_error_set(err, BB_ERR_CORRUPT,
                                "optional metadata field %u of %llu bytes overruns the event",
                                type, (unsigned long long)len);
        struct cursor f = cursor_sub(c, (size_t)len);
        switch (type) {
        case SIGNEDNESS: {
            uint32_t n = count_columns(t, numeric);
            if (f.len != (n + 7) / 8)
                return bb_error_set(err, BB_ERR_CORRUPT,
                                    "SIGNEDNESS has %zu bytes for %u numeric columns", f.len, n);
            for (uint32_t i = 0, k = 0; i < t->ncols; i++) {
                if (!numeric(t->cols[i].type))
                    continue;
                t->cols[i].is_unsigned = msb_bit(f.p, k++);
                t->cols[i].signedness_known = true;
            }
            break;
        }
        case DEFAULT_CHARSET:
            if (read_default_charset(t, &f, is_character, "DEFAULT_CHARSET", err) < 0)
                return BB_ERR_CORRUPT;
            break;
        case COLUMN_CHARSET:
            if (read_column_charsets(t, &f, is_character, "COLUMN_CHARSET", err) < 0)
                return BB_ERR_CORRUPT;
            break;
        case ENUM_AND_SET_DEFAULT_CHARSET:
            if (read_default_charset(t, &f, is_enum_or_set, "ENUM_AND_SET_DEFAULT_CHARSET",
                                     err) < 0)
                return BB_ERR_CORRUPT;
            break;
        case ENUM_AND_SET_COLUMN_CHARSET:
            if (read_column_charsets(t, &f, is_enum_or_set, "ENUM_AND_SET_COLUMN_CHARSET",
                                     err) < 0)
                return BB_ERR_CORRUPT;
            break;
        case COLUMN_NAME:
            for (uint32_t i = 0; i < t->ncols; i++) {
                uint64_t n = cursor_lenenc(&f);
                const uint8_t *p = cursor_ok(&f) && n <= cursor_left(&f)
                                       ? cursor_bytes(&f, (size_t)n) : NULL;
                if (!p)
                    return bb_error_set(err, BB_ERR_CORRUPT,
                                        "COLUMN_NAME truncated at column %u of %u", i, t->ncols);
                t->cols[i].name = bb_arena_strndup(&ct->mem, (const char *)p, (size_t)n);
                if (!t->cols[i].name)
                    return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
            }
            if (!cursor_at_end(&f))
                return bb_error_set(err, BB_ERR_CORRUPT, "COLUMN_NAME has names for more than %u "
                                    "columns", t->ncols);
            t->has_names = true;
            break;
        case SET_STR_VALUE:
            sets.field = f;
            sets.present = true;
            break;
        case ENUM_STR_VALUE:
            enums.field = f;
            enums.present = true;
            break;
        case GEOMETRY_TYPE:
            for (uint32_t i = 0; i < t->ncols; i++) {
                if (!is_geometry(t->cols[i].type))
                    continue;
                t->cols[i].geometry_type = (uint8_t)cursor_lenenc(&f);
            }
            if (!cursor_ok(&f) || !cursor_at_end(&f))
                return bb_error_set(err, BB_ERR_CORRUPT, "GEOMETRY_TYPE does not match the %u "
                                    "geometry columns", count_columns(t, is_geometry));
            break;
        case SIMPLE_PRIMARY_KEY:
        case PRIMARY_KEY_WITH_PREFIX: {
            /* column indexes (each followed by a prefix length for
             * PRIMARY_KEY_WITH_PREFIX) until the end of the field */
            pk = bb_arena_alloc(&ct->mem, (f.len + 1) * sizeof *pk);
            if (!pk)
                return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
            npk = 0;
            while (!cursor_at_end(&f)) {
                uint64_t idx = cursor_lenenc(&f);
                if (type == PRIMARY_KEY_WITH_PREFIX)
                    (void)cursor_lenenc(&f);
                if (!cursor_ok(&f) || idx >= t->ncols)
                    return bb_error_set(err, BB_ERR_CORRUPT,
                                        "primary key names column %llu of %u",
                                        (unsigned long long)idx, t->ncols);
                pk[npk++] = (uint32_t)idx;
            }
            break;
        }
        case BB_OPTMETA_COLUMN_VISIBILITY:
            if (f.len != (t->ncols + 7) / 8)
                return bb_error_set(err, BB_ERR_CORRUPT,
                                    "COLUMN_VISIBILITY has %zu bytes for %u columns", f.len,
                                    t->ncols);
            for (uint32_t i = 0; i < t->ncols; i++)
                t->cols[i].visible = msb_bit(f.p, i);
            break;
        case BB_OPTMETA_VECTOR_DIMENSIONALITY:
            for (uint32_t i = 0; i < t->ncols; i++) {
                if (!is_vector(t->cols[i].type))
                    continue;
                t->cols[i].vector_dim = (uint32_t)cursor_lenenc(&f);
            }
            if (!cursor_ok(&f) || !cursor_at_end(&f))
                return bb_error_set(err, BB_ERR_CORRUPT,
                                    "VECTOR_DIMENSIONALITY does not match the %u vector columns",
                                    count_columns(t, is_vector));
            break;
        default:
            /* A field from a newer server: the length lets us skip it. */
            break;
        }
    }
    if (pk) {
        t->pk = pk;
        t->npk = npk;
        for (uint32_t i = 0; i < npk; i++)
            t->cols[pk[i]].in_primary_key = true;
    }
    /* Labels last: their charset may come from a field that follows them. */
    if (enums.present && convert_labels(ct, &enums, is_enum_type, "ENUM_STR_VALUE", err) < 0)
        return err->code;
    if (sets.present && convert_labels(ct, &sets, is_set_type, "SET_STR_VALUE", err) < 0)
        return err->code;
    return 0;
}

/* TABLE_MAP_EVENT
 * Post-header: 6 table id (4 when the post-header is 6 bytes), 2 flags.
 * Body: 1 schema length, schema, NUL, 1 table length, table, NUL,
 *       lenenc column count, one type byte per column,
 *       lenenc metadata length, metadata (per type, see column_read_meta),
 *       null bitmap (LSB first), then optional metadata fields
 *       (1 type, lenenc length, value) to the end. Pre-GA 5.1 table maps
 *       end after the column types. */
int decode_table_map(struct decoder *d, struct bb_event *ev, struct cursor *c,
                     struct bb_error *err)
{
    unsigned ph = decoder_post_header_len(d, ev->type);
    struct cached_table *ct = cached_table_new();
    if (!ct)
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    struct bb_table *t = &ct->table;
    int rc = BB_ERR_CORRUPT;

    t->id = ph == 6 ? cursor_u32le(c) : cursor_u48le(c);
    t->flags = cursor_u16le(c);
    if (ph > 8)
        cursor_skip(c, ph - 8);
    uint8_t n = cursor_u8(c);
    const uint8_t *schema = cursor_bytes(c, n);
    cursor_skip(c, 1);
    uint8_t m = cursor_u8(c);
    const uint8_t *table = cursor_bytes(c, m);
    cursor_skip(c, 1);
    uint64_t ncols = cursor_lenenc(c);
    if (!cursor_ok(c)) {
        bb_error_set(err, BB_ERR_CORRUPT, "header truncated at body offset %zu", c->off);
        goto fail;
    }
    if (ncols == 0 || ncols > 4096 || ncols > cursor_left(c)) {
        bb_error_set(err, BB_ERR_CORRUPT, "column count %llu is invalid (%zu bytes left)",
                     (unsigned long long)ncols, cursor_left(c));
        goto fail;
    }
    t->schema = bb_arena_strndup(&ct->mem, (const char *)schema, n);
    t->name = bb_arena_strndup(&ct->mem, (const char *)table, m);
    t->ncols = (uint32_t)ncols;
    t->cols = bb_arena_calloc(&ct->mem, (size_t)ncols * sizeof *t->cols);
    if (!t->schema || !t->name || !t->cols) {
        rc = bb_error_set(err, BB_ERR_NOMEM, "out of memory");
        goto fail;
    }
    const uint8_t *types = cursor_bytes(c, (size_t)ncols);

    if (cursor_at_end(c)) {
        /* Pre-GA 5.1 layout: types only. Those rows pack CHAR with a one-byte
         * length, as a CHAR(255) with metadata would say; other types that
         * need metadata cannot be read without it and are refused. */
        static const uint8_t char_meta[2] = { MYSQL_TYPE_STRING, 255 };
        for (uint32_t i = 0; i < t->ncols; i++) {
            struct cursor none = types[i] == MYSQL_TYPE_STRING ? cursor_make(char_meta, 2)
                                                               : cursor_make(NULL, 0);
            t->cols[i].visible = true;
            t->cols[i].nullable = true;
            if (column_read_meta(&t->cols[i], types[i], &none, err) < 0) {
                bb_error_prefix(err, "column %u (table map without metadata)", i);
                goto fail;
            }
        }
    } else {
        uint64_t meta_len = cursor_lenenc(c);
        if (!cursor_ok(c) || meta_len > cursor_left(c)) {
            bb_error_set(err, BB_ERR_CORRUPT, "metadata length %llu exceeds the %zu bytes left",
                         (unsigned long long)meta_len, cursor_left(c));
            goto fail;
        }
        struct cursor meta = cursor_sub(c, (size_t)meta_len);
        for (uint32_t i = 0; i < t->ncols; i++) {
            t->cols[i].visible = true;
            if (column_read_meta(&t->cols[i], types[i], &meta, err) < 0) {
                bb_error_prefix(err, "column %u", i);
                goto fail;
            }
        }
        if (!cursor_at_end(&meta)) {
            bb_error_set(err, BB_ERR_CORRUPT, "%zu metadata bytes left over after %u columns",
                         cursor_left(&meta), t->ncols);
            goto fail;
        }
        const uint8_t *nulls = cursor_bytes(c, (t->ncols + 7) / 8);
        if (!nulls) {
            bb_error_set(err, BB_ERR_CORRUPT, "null bitmap truncated");
            goto fail;
        }
        for (uint32_t i = 0; i < t->ncols; i++)
            t->cols[i].nullable = (nulls[i / 8] >> (i % 8)) & 1;
        if (read_optional_metadata(ct, c, d->mariadb, err) < 0)
            goto fail;
    }
    /* Tables the stream filters out need nothing more. */
    if (d->table_hook && (!d->want_table || d->want_table(d->want_table_ctx, t)) &&
        d->table_hook(d->table_hook_ctx, ct, err) < 0)
        goto fail;
    ev->table_map = t;
    return table_cache_put(&d->tables, ct, err);

fail:
    cached_table_free(ct);
    return err->code ? err->code : rc;
}
