/* redis_key.c - Redis keys from key templates: compiling a template
 * against a table, checking what the keys of a table's outputs may not be,
 * and rendering the key of a row image and the key prefix of a table.
 * The mapper has the templates compiled into each plan through the Redis
 * sink's compile hook (redis_key_plan); the sink renders keys with them. */
#include "sinks/redis/redis_key.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "sinks/redis/redis_options.h"


/* Keys are injective (README, "Redis keys"): in schema names, table names
 * and text values a backslash is written \\ and a colon \:, so that an
 * unescaped ':' always separates two fields; NULL (possible only in a
 * column that is no key column) is \N, which no escaped text contains.
 * Numbers, dates and times are written as they are: their text has no
 * backslash and a fixed layout per column type (a TIME, DATETIME or
 * TIMESTAMP always has exactly two ':'), so they cannot be confused, and a
 * key without either character is the same as before escaping existed. */

/* Escape the bytes appended to out since `start`. Most values hold neither
 * character: two memchr scans (vectorised in the C library), nothing
 * moved. Otherwise the tail is rewritten in place from its end. */
static void key_escape_tail(struct bb_buf *out, size_t start)
{
    if (out->len == start || out->oom)
        return;
    const char *p = out->data + start, *end = out->data + out->len;
    const char *colon = memchr(p, ':', (size_t)(end - p));
    const char *bs = memchr(p, '\\', (size_t)(colon ? colon - p : end - p));
    if (!colon && !bs)
        return;
    p = bs ? bs : colon;
    size_t first = (size_t)(p - out->data), extra = 0;
    for (; p < end; p++)
        extra += *p == ':' || *p == '\\';
    if (!bb_buf_reserve(out, extra))
        return;
    char *d = out->data;
    size_t src = out->len, dst = out->len + extra;
    d[dst] = '\0';
    while (src > first) {
        char c = d[--src];
        d[--dst] = c;
        if (c == ':' || c == '\\')
            d[--dst] = '\\';
    }
    out->len += extra;
}

/* Append s[0..n) to a key, escaped. */
static void key_put_escaped(struct bb_buf *out, const char *s, size_t n)
{
    size_t start = out->len;
    bb_buf_append(out, s, n);
    key_escape_tail(out, start);
}

/* name, escaped for a key, in the plan's memory. */
static const char *escaped_name(struct bb_arena *mem, const char *name, size_t *len)
{
    struct bb_buf b;
    bb_buf_init(&b);
    key_put_escaped(&b, name, strlen(name));
    char *copy = b.oom ? NULL : bb_arena_strndup(mem, b.data ? b.data : "", b.len);
    *len = b.len;
    bb_buf_destroy(&b);
    return copy;
}

/* Compile key template tmpl (from line of the configuration) against the
 * table of mc (NULL: by name only), whose schema and table names become
 * escaped literal text. */
static int compile(const struct mapper_compile *mc, const char *tmpl, int line,
                   struct redis_key_plan *kp, struct bb_error *err)
{
    const struct bb_config *cfg = mc->cfg;
    const struct bb_table *t = mc->table;
    const struct table_plan *plan = mc->plan;
    char where[600];
    size_t cap = 1;
    for (const char *p = tmpl; *p; p++)
        cap += *p == '{' ? 2 : 0;
    struct key_part *parts = bb_arena_calloc(mc->mem, cap * sizeof *parts);
    if (!parts)
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    uint32_t n = 0;
    const char *p = tmpl;
    while (*p) {
        const char *open = strchr(p, '{');
        if (open != p) {
            size_t len = open ? (size_t)(open - p) : strlen(p);
            parts[n].kind = KEY_LITERAL;
            parts[n].text = p;
            parts[n++].len = len;
            p += len;
            continue;
        }
        const char *close = strchr(open, '}');
        if (!close)
            return bb_error_set(err, BB_ERR_USAGE, "%skey template '%s' has an unclosed '{'",
                                mapper_where_of(cfg, line, where, sizeof where), tmpl);
        const char *name = open + 1;
        size_t len = (size_t)(close - name);
        if ((len == 6 && memcmp(name, "schema", 6) == 0) ||
            (len == 5 && memcmp(name, "table", 5) == 0)) {
            bool schema = len == 6;
            parts[n].kind = schema ? KEY_SCHEMA : KEY_TABLE;
            parts[n].text = escaped_name(mc->mem, schema ? plan->schema : plan->table,
                                         &parts[n].len);
            if (!parts[n++].text)
                return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
        } else if (len == 2 && memcmp(name, "pk", 2) == 0) {
            parts[n++].kind = KEY_PK;
        } else if (!t) {
            /* By name only (no columns known): a placeholder ends the
             * table's key prefix, nothing more is needed. */
            parts[n].kind = KEY_COLUMN;
            parts[n++].column = UINT32_MAX;
        } else {
            int col = mapper_column_index(t, name, len);
            if (col < 0)
                return bb_error_set(err, BB_ERR_USAGE,
                                    "%skey template '%s' names column '%.*s', which %s.%s does "
                                    "not have", mapper_where_of(cfg, line, where, sizeof where), tmpl,
                                    (int)len, name, t->schema, t->name);
            parts[n].kind = KEY_COLUMN;
            parts[n].key_column = mapper_is_key_column(plan, (uint32_t)col);
            parts[n++].column = (uint32_t)col;
        }
        p = close + 1;
    }
    kp->tmpl = tmpl;
    kp->part = parts;
    kp->n = n;
    return 0;
}

/* Refuse a target whose keys for this table would start with binbridge's
 * checkpoint prefix: the table binbridge.checkpoint with the default
 * template, or a template written so. The text before the first
 * row-dependent placeholder is compared; a template made only of
 * placeholders ("{a}:{b}:{c}") is its author's to keep apart. */
static int check_reserved(const struct bb_config *cfg, int line, const struct table_plan *plan,
                          const struct redis_key_plan *kp, struct bb_error *err)
{
    static const char reserved[] = REDIS_CHECKPOINT_KEY_PREFIX;
    size_t have = 0;
    for (uint32_t i = 0; i < kp->n && have < sizeof reserved - 1; i++) {
        const struct key_part *part = &kp->part[i];
        if (part->kind == KEY_PK || part->kind == KEY_COLUMN)
            return 0;
        size_t n = part->len < sizeof reserved - 1 - have ? part->len
                                                          : sizeof reserved - 1 - have;
        if (memcmp(part->text, reserved + have, n) != 0)
            return 0;
        have += n;
    }
    if (have < sizeof reserved - 1)
        return 0;
    char where[600];
    return bb_error_set(err, BB_ERR_USAGE, "%sthe Redis keys of %s.%s (template '%s') would "
                        "start with %s, where binbridge saves its checkpoints: give the table "
                        "a rule with another key template", mapper_where_of(cfg, line, where,
                        sizeof where), plan->schema, plan->table, kp->tmpl,
                        REDIS_CHECKPOINT_KEY_PREFIX);
}

/* A target's keys for its table as one string: the text it writes as it
 * is, then \0 and 4 bytes for each column ({pk} is its columns joined
 * with ':'). No template or name holds a NUL byte, so two targets with
 * the same shape write the same keys: "{schema}:{table}:{pk}" and
 * "shop:users:{id}" for shop.users keyed by id, say. */
static void key_shape(const struct table_plan *plan, const struct redis_key_plan *kp,
                      struct bb_buf *out)
{
    for (uint32_t i = 0; i < kp->n; i++) {
        const struct key_part *part = &kp->part[i];
        const uint32_t *cols = &part->column;
        uint32_t ncols = 1;
        if (part->kind == KEY_PK) {
            cols = plan->key_cols;
            ncols = plan->nkey_cols;
        } else if (part->kind != KEY_COLUMN) {
            bb_buf_append(out, part->text, part->len);
            continue;
        }
        for (uint32_t k = 0; k < ncols; k++) {
            if (k)
                bb_buf_putc(out, ':');
            bb_buf_putc(out, '\0');
            bb_buf_append(out, &cols[k], sizeof cols[k]);
        }
    }
}

/* Two outputs of one table must not write the same keys (a hash and a
 * json string at one key fail or replace each other). The configuration
 * refuses equal templates; this catches the ones equal for this table. */
static int check_distinct(const struct bb_config *cfg, const struct table_plan *plan,
                          const struct output_plan *outs, uint32_t n, struct bb_error *err)
{
    struct bb_buf a, b;
    bb_buf_init(&a);
    bb_buf_init(&b);
    int rc = 0;
    for (uint32_t i = 0; i < n && rc == 0; i++)
        for (uint32_t j = i + 1; j < n && rc == 0; j++) {
            bb_buf_reset(&a);
            bb_buf_reset(&b);
            key_shape(plan, outs[i].compiled, &a);
            key_shape(plan, outs[j].compiled, &b);
            if ((rc = bb_buf_check(&a, err)) < 0 || (rc = bb_buf_check(&b, err)) < 0)
                break;
            if (a.len != b.len || memcmp(a.data, b.data, a.len) != 0)
                continue;
            char where[600];
            const struct redis_output *x = redis_output_of(&outs[i]);
            const struct redis_output *y = redis_output_of(&outs[j]);
            rc = bb_error_set(err, BB_ERR_USAGE, "%srules.redis: this output (key '%s') and the "
                              "one at line %d (key '%s') write the same keys for %s.%s",
                              mapper_where_of(cfg, y->head.line, where, sizeof where),
                              y->key ? y->key : "?", x->head.line, x->key ? x->key : "?",
                              plan->schema, plan->table);
        }
    bb_buf_destroy(&a);
    bb_buf_destroy(&b);
    return rc;
}

/* Text forms that may hold any byte, escaped in keys; the others are
 * numbers, dates and times (see above). */
static bool text_kind(uint8_t kind)
{
    switch (kind) {
    case BB_VALUE_INT: case BB_VALUE_UINT: case BB_VALUE_FLOAT: case BB_VALUE_DOUBLE:
    case BB_VALUE_DECIMAL: case BB_VALUE_YEAR: case BB_VALUE_DATE: case BB_VALUE_TIME:
    case BB_VALUE_DATETIME: case BB_VALUE_TIMESTAMP: case BB_VALUE_BIT:
        return false;
    default:
        return true;
    }
}

/* One column's value in a key. A NULL key column is an error: the bridge
 * does not pass such rows on (mapper_null_key_column); a NULL in another
 * column is \N. */
static int put_key_value(const struct table_plan *plan, uint32_t col, bool key_column,
                         const struct bb_value *row, struct bb_buf *out, struct bb_error *err)
{
    const struct bb_value *v = &row[col];
    if (v->kind == BB_VALUE_ABSENT)
        return 1;
    if (v->kind == BB_VALUE_NULL) {
        if (key_column)
            return bb_error_set(err, BB_ERR_USAGE, "key column %s of %s.%s is NULL in a row",
                                v->col && v->col->name ? v->col->name : "?", plan->schema,
                                plan->table);
        bb_buf_append(out, "\\N", 2);
        return 0;
    }
    if (!text_kind(v->kind))
        return bb_value_format_text(v, out, err);
    size_t start = out->len;
    int rc = bb_value_format_text(v, out, err);
    if (rc == 0)
        key_escape_tail(out, start);
    return rc;
}

int redis_key_render(const struct table_plan *plan, const struct output_plan *op,
                     const struct bb_value *row, struct bb_buf *out, struct bb_error *err)
{
    const struct redis_key_plan *kp = op->compiled;
    int rc = 0;
    for (uint32_t i = 0; i < kp->n && rc == 0; i++) {
        const struct key_part *part = &kp->part[i];
        switch (part->kind) {
        case KEY_LITERAL:
        case KEY_SCHEMA:
        case KEY_TABLE: bb_buf_append(out, part->text, part->len); break;
        case KEY_PK:
            for (uint32_t k = 0; k < plan->nkey_cols && rc == 0; k++) {
                if (k)
                    bb_buf_putc(out, ':');
                rc = put_key_value(plan, plan->key_cols[k], true, row, out, err);
            }
            break;
        case KEY_COLUMN:
            rc = put_key_value(plan, part->column, part->key_column, row, out, err);
            break;
        }
    }
    if (rc == 0)
        rc = bb_buf_check(out, err);
    return rc;
}

int redis_key_prefix(const struct output_plan *op, const char *schema, const char *table,
                     struct bb_buf *out)
{
    const struct redis_key_plan *kp = op->compiled;
    bool has_table = false;
    for (uint32_t i = 0; i < kp->n; i++) {
        const struct key_part *part = &kp->part[i];
        switch (part->kind) {
        case KEY_LITERAL: bb_buf_append(out, part->text, part->len); break;
        case KEY_SCHEMA:
        case KEY_TABLE:
            /* A name must end at a separator: in "{table}{id}" the prefix
             * of table t would also be that of table tx, and in
             * "{schema}.{table}:" that of a.b + c that of a + b.c. Only ':'
             * is escaped in names, so only ':' ends one for sure. */
            if (i + 1 >= kp->n || kp->part[i + 1].kind != KEY_LITERAL ||
                kp->part[i + 1].text[0] != ':')
                return 1;
            key_put_escaped(out, part->kind == KEY_SCHEMA ? schema : table,
                            strlen(part->kind == KEY_SCHEMA ? schema : table));
            has_table |= part->kind == KEY_TABLE;
            break;
        default:
            /* Only a prefix naming the table is its own: "user:{id}" could
             * be shared with any other table's keys. */
            return has_table ? 0 : 1;
        }
    }
    return has_table ? 0 : 1;
}

const char *redis_key_template(const struct output_plan *op)
{
    const struct redis_key_plan *kp = op->compiled;
    return kp ? kp->tmpl : "?";
}

int redis_key_plan(const struct mapper_compile *mc, struct output_plan *outs, uint32_t n,
                   struct bb_error *err)
{
    for (uint32_t i = 0; i < n; i++) {
        const struct redis_output *ro = redis_output_of(&outs[i]);
        struct redis_key_plan *kp = bb_arena_calloc(mc->mem, sizeof *kp);
        if (!kp)
            return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
        const char *tmpl = ro->key ? ro->key : redis_default_key(ro->shape);
        if (compile(mc, tmpl, ro->head.line, kp, err) < 0 ||
            check_reserved(mc->cfg, ro->head.line, mc->plan, kp, err) < 0)
            return err->code;
        outs[i].compiled = kp;
    }
    if (mc->table && check_distinct(mc->cfg, mc->plan, outs, n, err) < 0)
        return err->code;
    return 0;
}
