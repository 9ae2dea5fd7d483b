/* mapper.c - table plans: which tables are mirrored, by which rule, with
 * which columns and row key, and for each output what its sink's compile
 * hook makes of it (the sinks' own parts: Redis key templates are
 * sinks/redis/redis_key.c's). */
#include "mapping/mapper.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/error.h"

/* A plan and the memory it points into (one per table, cached). */
struct cached_plan {
    struct cached_plan *next;
    char *schema, *table;
    uint64_t signature;          /* of the columns the plan was built for */
    struct table_plan plan;
    struct bb_arena mem;         /* everything the plan points to */
};

struct mapper {
    const struct bb_config *cfg;
    struct cached_plan *by_name;  /* the last mapper_plan_by_name plan */
    struct cached_plan **buckets;
    uint32_t nbuckets;
};

int mapper_new(struct mapper **out, const struct bb_config *cfg, struct bb_error *err)
{
    struct mapper *m = calloc(1, sizeof *m);
    if (!m || !(m->buckets = calloc(256, sizeof *m->buckets))) {
        free(m);
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    }
    m->nbuckets = 256;
    m->cfg = cfg;
    *out = m;
    return 0;
}

static void plan_free(struct cached_plan *p)
{
    if (!p)
        return;
    bb_arena_destroy(&p->mem);
    free(p->schema);
    free(p->table);
    free(p);
}

void mapper_free(struct mapper *m)
{
    if (!m)
        return;
    for (uint32_t i = 0; i < m->nbuckets; i++)
        for (struct cached_plan *p = m->buckets[i], *next; p; p = next) {
            next = p->next;
            plan_free(p);
        }
    plan_free(m->by_name);
    free(m->buckets);
    free(m);
}

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
    const uint8_t *b = p;
    for (size_t i = 0; i < n; i++) {
        h ^= b[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

/* The columns a plan depends on: names, types and the primary key. */
static uint64_t table_signature(const struct bb_table *t)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    h = fnv(h, &t->ncols, sizeof t->ncols);
    for (uint32_t i = 0; i < t->ncols; i++) {
        const struct bb_column *c = &t->cols[i];
        if (c->name)
            h = fnv(h, c->name, strlen(c->name) + 1);
        h = fnv(h, &c->type, 1);
    }
    h = fnv(h, &t->npk, sizeof t->npk);
    if (t->npk)
        h = fnv(h, t->pk, t->npk * sizeof *t->pk);
    return h;
}

/* Column names are case-insensitive in MySQL, as here. */
int mapper_column_index(const struct bb_table *t, const char *name, size_t n)
{
    for (uint32_t i = 0; i < t->ncols; i++)
        if (t->cols[i].name && strlen(t->cols[i].name) == n &&
            strncasecmp(t->cols[i].name, name, n) == 0)
            return (int)i;
    return -1;
}

static size_t list_len(const config_list l)
{
    size_t n = 0;
    while (l && l[n])
        n++;
    return n;
}

const char *mapper_where_of(const struct bb_config *cfg, int line, char *buf, size_t size)
{
    if (line > 0 && cfg->path)
        snprintf(buf, size, "%s:%d: ", cfg->path, line);
    else
        buf[0] = '\0';
    return buf;
}

bool mapper_is_key_column(const struct table_plan *plan, uint32_t col)
{
    for (uint32_t k = 0; k < plan->nkey_cols; k++)
        if (plan->key_cols[k] == col)
            return true;
    return false;
}

/* MariaDB's long UNIQUE keys (on BLOB/TEXT, or USING HASH) add a hidden
 * column DB_ROW_HASH_<n> that the binlog carries and no SELECT can name:
 * the server's own, never mirrored. */
static bool server_internal(const struct bb_column *c)
{
    const char *n = c->name;
    if (!n || strncmp(n, "DB_ROW_HASH_", 12) != 0 || !n[12])
        return false;
    for (n += 12; *n; n++)
        if (*n < '0' || *n > '9')
            return false;
    return true;
}

/* Which columns an output keeps: include_columns, or all but exclude_columns
 * (never the server's internal ones). */
static int column_mask(struct cached_plan *cp, const struct bb_config *cfg,
                       const struct config_output *o, const struct bb_table *t, const bool **out,
                       struct bb_error *err)
{
    char where[600];
    bool *mask = bb_arena_alloc(&cp->mem, t->ncols * sizeof *mask + 1);
    if (!mask)
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    config_list include = o->include_columns, exclude = o->exclude_columns;
    for (uint32_t i = 0; i < t->ncols; i++)
        mask[i] = include == NULL && !server_internal(&t->cols[i]);
    config_list list = include ? include : exclude;
    for (size_t k = 0; list && list[k]; k++) {
        int col = mapper_column_index(t, list[k], strlen(list[k]));
        if (col < 0)
            return bb_error_set(err, BB_ERR_USAGE, "%s%s_columns names '%s', which %s.%s does not "
                                "have", mapper_where_of(cfg, o->line, where, sizeof where),
                                include ? "include" : "exclude", list[k], t->schema, t->name);
        mask[col] = include != NULL;
    }
    *out = mask;
    return 0;
}

static const struct sink_outputs no_outputs;

const struct sink_outputs *mapper_sink_outputs(const struct table_plan *plan, size_t k)
{
    return plan->by_sink ? &plan->by_sink[k] : &no_outputs;
}

/* The plan's outputs: the rule's, else one default per configured sink,
 * sink by sink. With the table, each output's kept columns, then what the
 * sink compiles of its outputs for the table; without (t NULL: a plan by
 * name) only what the sinks compile without columns. */
static int build_outputs(struct cached_plan *cp, const struct bb_config *cfg,
                         const struct table_rule *rule, const struct bb_table *t,
                         struct table_plan *plan, struct bb_error *err)
{
    size_t total = 0;
    for (size_t k = 0; k < cfg->nsinks; k++)
        if (config_sink_url(cfg, k))
            total += config_rule_noutputs(cfg, rule, k);
    struct output_plan *outs = bb_arena_calloc(&cp->mem, (total + 1) * sizeof *outs);
    struct sink_outputs *by_sink = bb_arena_calloc(&cp->mem, (cfg->nsinks + 1) * sizeof *by_sink);
    if (!outs || !by_sink)
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    plan->by_sink = by_sink;
    uint32_t n = 0;
    for (size_t k = 0; k < cfg->nsinks; k++) {
        if (!config_sink_url(cfg, k))
            continue;
        const struct config_sink *sk = cfg->sinks[k];
        struct output_plan *mine = &outs[n];
        uint32_t nk = (uint32_t)config_rule_noutputs(cfg, rule, k);
        for (uint32_t i = 0; i < nk; i++) {
            struct output_plan *op = &outs[n++];
            op->sink = k;
            op->output = config_rule_output(cfg, rule, k, i);
            if (t && column_mask(cp, cfg, op->output, t, &op->columns, err) < 0)
                return err->code;
        }
        if (sk->compile && nk) {
            const struct mapper_compile mc = { .cfg = cfg, .mem = &cp->mem, .table = t,
                                               .plan = plan };
            if (sk->compile(&mc, mine, nk, err) < 0)
                return err->code;
        }
        by_sink[k] = (struct sink_outputs){ mine, nk };
    }
    plan->outputs = outs;
    plan->noutputs = n;
    plan->mirrored = n > 0;
    return 0;
}

static int build_plan(struct mapper *m, struct cached_plan *cp, const struct bb_table *t,
                      struct bb_error *err)
{
    const struct bb_config *cfg = m->cfg;
    struct table_plan *plan = &cp->plan;
    char where[600];
    memset(plan, 0, sizeof *plan);
    plan->schema = cp->schema;
    plan->table = cp->table;
    if (!config_table_included(cfg, t->schema, t->name))
        return 0;
    const struct table_rule *rule = config_rule_for(cfg, t->schema, t->name);
    plan->rule = rule;
    if (!t->has_names) {
        plan->skip_reason = "its column names are unknown (the server sends no column names: set "
                            "binlog_row_metadata=FULL, or let binbridge read information_schema)";
        return 0;
    }

    /* The row key. */
    size_t nkeys = rule ? list_len(rule->key_columns) : 0;
    if (nkeys) {
        uint32_t *keys = bb_arena_alloc(&cp->mem, nkeys * sizeof *keys);
        if (!keys)
            return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
        for (size_t k = 0; k < nkeys; k++) {
            int col = mapper_column_index(t, rule->key_columns[k], strlen(rule->key_columns[k]));
            if (col < 0)
                return bb_error_set(err, BB_ERR_USAGE,
                                    "%skey_columns names '%s', which %s.%s does not have",
                                    mapper_where_of(cfg, rule->line, where, sizeof where),
                                    rule->key_columns[k], t->schema, t->name);
            keys[k] = (uint32_t)col;
        }
        plan->key_cols = keys;
        plan->nkey_cols = (uint32_t)nkeys;
    } else if (t->npk) {
        plan->key_cols = t->pk;
        plan->nkey_cols = t->npk;
        /* t->pk belongs to the table map, which goes away at the end of the
         * statement; the plan outlives it. */
        uint32_t *keys = bb_arena_alloc(&cp->mem, t->npk * sizeof *keys);
        if (!keys)
            return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
        memcpy(keys, t->pk, t->npk * sizeof *keys);
        plan->key_cols = keys;
    } else {
        plan->skip_reason = "it has no primary key and no UNIQUE key of NOT NULL columns (name "
                            "its key columns with key_columns in a rule)";
        return 0;
    }

    return build_outputs(cp, cfg, rule, t, plan, err);
}

int mapper_plan_by_name(struct mapper *m, const char *schema, const char *table,
                        const struct table_plan **out, struct bb_error *err)
{
    plan_free(m->by_name);
    m->by_name = NULL;
    struct cached_plan *p = calloc(1, sizeof *p);
    if (!p || !(p->schema = strdup(schema)) || !(p->table = strdup(table))) {
        plan_free(p);
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    }
    bb_arena_init(&p->mem);
    struct table_plan *plan = &p->plan;
    const struct bb_config *cfg = m->cfg;
    plan->schema = p->schema;
    plan->table = p->table;
    m->by_name = p;
    *out = plan;
    if (!config_table_included(cfg, schema, table))
        return 0;
    const struct table_rule *rule = config_rule_for(cfg, schema, table);
    plan->rule = rule;
    return build_outputs(p, cfg, rule, NULL, plan, err);
}

int mapper_plan(struct mapper *m, const struct bb_table *t, const struct table_plan **out,
                struct bb_error *err)
{
    uint64_t sig = table_signature(t);
    size_t slen = strlen(t->schema), tlen = strlen(t->name);
    uint64_t h = fnv(fnv(0xcbf29ce484222325ULL, t->schema, slen + 1), t->name, tlen);
    struct cached_plan **slot = &m->buckets[h % m->nbuckets];
    for (struct cached_plan **pp = slot; *pp; pp = &(*pp)->next) {
        struct cached_plan *p = *pp;
        if (strcmp(p->schema, t->schema) != 0 || strcmp(p->table, t->name) != 0)
            continue;
        if (p->signature == sig) {
            *out = &p->plan;
            return 0;
        }
        /* The table changed (ALTER TABLE): rebuild. */
        *pp = p->next;
        plan_free(p);
        break;
    }
    struct cached_plan *p = calloc(1, sizeof *p);
    if (!p || !(p->schema = strdup(t->schema)) || !(p->table = strdup(t->name))) {
        plan_free(p);
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    }
    bb_arena_init(&p->mem);
    p->signature = sig;
    int rc = build_plan(m, p, t, err);
    if (rc < 0) {
        plan_free(p);
        return rc;
    }
    p->next = *slot;
    *slot = p;
    *out = &p->plan;
    return 0;
}

bool mapper_value_equal(const struct bb_value *a, const struct bb_value *b)
{
    if (a->kind != b->kind)
        return false;
    switch (a->kind) {
    case BB_VALUE_ABSENT:
    case BB_VALUE_NULL:
        return true;
    case BB_VALUE_INT:
        return a->v.i == b->v.i;
    case BB_VALUE_FLOAT:
        return memcmp(&a->v.f, &b->v.f, sizeof a->v.f) == 0;
    case BB_VALUE_DOUBLE:
        return memcmp(&a->v.d, &b->v.d, sizeof a->v.d) == 0;
    case BB_VALUE_DATE:
    case BB_VALUE_TIME:
    case BB_VALUE_DATETIME:
        return a->v.tm.year == b->v.tm.year && a->v.tm.month == b->v.tm.month &&
               a->v.tm.day == b->v.tm.day && a->v.tm.hour == b->v.tm.hour &&
               a->v.tm.minute == b->v.tm.minute && a->v.tm.second == b->v.tm.second &&
               a->v.tm.usec == b->v.tm.usec && a->v.tm.neg == b->v.tm.neg;
    case BB_VALUE_TIMESTAMP:
        return a->v.ts.sec == b->v.ts.sec && a->v.ts.usec == b->v.ts.usec;
    case BB_VALUE_DECIMAL:
    case BB_VALUE_STRING:
    case BB_VALUE_BINARY:
    case BB_VALUE_JSON:
    case BB_VALUE_JSON_DIFF:
    case BB_VALUE_GEOMETRY:
    case BB_VALUE_VECTOR:
        return a->v.str.len == b->v.str.len &&
               (a->v.str.len == 0 || memcmp(a->v.str.p, b->v.str.p, a->v.str.len) == 0);
    default: /* UINT, YEAR, ENUM, SET, BIT */
        return a->v.u == b->v.u;
    }
}

int mapper_null_key_column(const struct table_plan *plan, const struct bb_value *row,
                           const struct bb_value *under)
{
    for (uint32_t k = 0; k < plan->nkey_cols; k++) {
        uint32_t c = plan->key_cols[k];
        const struct bb_value *v = row[c].kind == BB_VALUE_ABSENT && under ? &under[c] : &row[c];
        if (v->kind == BB_VALUE_NULL)
            return (int)c;
    }
    return -1;
}

bool mapper_key_changed(const struct table_plan *plan, const struct bb_value *before,
                        const struct bb_value *after)
{
    for (uint32_t k = 0; k < plan->nkey_cols; k++) {
        uint32_t c = plan->key_cols[k];
        /* A partial after image leaves out the columns that did not change. */
        if (after[c].kind == BB_VALUE_ABSENT)
            continue;
        if (!mapper_value_equal(&before[c], &after[c]))
            return true;
    }
    return false;
}

int mapper_merged_image(const struct bb_value *before, const struct bb_value *after,
                        uint32_t ncols, struct bb_value **buf, uint32_t *cap,
                        const struct bb_value **out, bool *partial, struct bb_error *err)
{
    *partial = false;
    for (uint32_t c = 0; c < ncols && !*partial; c++)
        *partial = after[c].kind == BB_VALUE_ABSENT;
    if (!*partial || !before) {
        *out = after;
        return 0;
    }
    if (ncols > *cap) {
        struct bb_value *m = realloc(*buf, ncols * sizeof *m);
        if (!m)
            return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
        *buf = m;
        *cap = ncols;
    }
    for (uint32_t c = 0; c < ncols; c++)
        (*buf)[c] = after[c].kind != BB_VALUE_ABSENT ? after[c] : before[c];
    *out = *buf;
    return 0;
}
