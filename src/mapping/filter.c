/* filter.c - which tables are mirrored, and by which rule: the schema and
 * table include/exclude globs of a configuration, the system schemas that
 * are never mirrored, and the first rule that matches a table. */
#include "mapping/config.h"

#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <strings.h>


/* The schemas binbridge never mirrors. */
bool config_is_system_schema(const char *schema)
{
    /* information_schema and performance_schema are case-insensitive in
     * MySQL; mysql and sys are ordinary (case-sensitive) schema names. */
    return strcmp(schema, "mysql") == 0 || strcmp(schema, "sys") == 0 ||
           strcasecmp(schema, "information_schema") == 0 ||
           strcasecmp(schema, "performance_schema") == 0;
}

/* ------------------------------------------------------------------ */
/* Matching tables                                                     */

/* The text a glob is matched against: a, or a "." b when b is set. */
struct glob_text {
    const char *a, *b;
    size_t la, lb;
};

static unsigned char text_at(const struct glob_text *t, size_t i)
{
    if (i < t->la)
        return (unsigned char)t->a[i];
    return i == t->la ? '.' : (unsigned char)t->b[i - t->la - 1];
}

/* The index after the UTF-8 character at i ('?' matches one character). */
static size_t next_char(const struct glob_text *t, size_t i, size_t n)
{
    for (i++; i < n && (text_at(t, i) & 0xC0) == 0x80; i++)
        ;
    return i;
}

/* '*' any run of characters (also none, also '.'), '?' one character,
 * anything else itself, case-sensitively. Backtracks to the last '*'
 * only, so the time is at most the product of the lengths. */
static bool glob_match(const char *glob, const struct glob_text *t)
{
    size_t n = t->b ? t->la + 1 + t->lb : t->la;
    size_t ti = 0, star_t = 0;
    const char *g = glob, *star_g = NULL;
    while (ti < n) {
        if (*g == '*') {
            star_g = ++g;
            star_t = ti;
        } else if (*g == '?') {
            g++;
            ti = next_char(t, ti, n);
        } else if (*g && (unsigned char)*g == text_at(t, ti)) {
            g++;
            ti++;
        } else if (star_g) {
            g = star_g;
            ti = star_t = next_char(t, star_t, n);
        } else {
            return false;
        }
    }
    while (*g == '*')
        g++;
    return *g == '\0';
}

bool config_glob_match(const char *glob, const char *text)
{
    struct glob_text t = { .a = text, .la = strlen(text) };
    return glob_match(glob, &t);
}

static bool any_match(const config_list globs, const struct glob_text *t)
{
    for (size_t i = 0; globs && globs[i]; i++)
        if (glob_match(globs[i], t))
            return true;
    return false;
}

bool config_table_included(const struct bb_config *cfg, const char *schema, const char *table)
{
    if (config_is_system_schema(schema))
        return false;
    struct glob_text s = { .a = schema, .la = strlen(schema) };
    if (any_match(cfg->exclude_schemas, &s))
        return false;
    if (cfg->include_schemas && !any_match(cfg->include_schemas, &s))
        return false;
    struct glob_text st = { .a = schema, .la = s.la, .b = table, .lb = strlen(table) };
    if (any_match(cfg->exclude_tables, &st))
        return false;
    if (cfg->include_tables && !any_match(cfg->include_tables, &st))
        return false;
    return true;
}

bool config_schema_included(const struct bb_config *cfg, const char *schema)
{
    if (config_is_system_schema(schema))
        return false;
    struct glob_text s = { .a = schema, .la = strlen(schema) };
    if (any_match(cfg->exclude_schemas, &s))
        return false;
    return !cfg->include_schemas || any_match(cfg->include_schemas, &s);
}

const struct table_rule *config_rule_for(const struct bb_config *cfg, const char *schema,
                                         const char *table)
{
    struct glob_text st = { .a = schema, .la = strlen(schema), .b = table, .lb = strlen(table) };
    for (size_t i = 0; i < cfg->nrules; i++)
        if (glob_match(cfg->rules[i].match, &st))
            return &cfg->rules[i];
    return NULL;
}
