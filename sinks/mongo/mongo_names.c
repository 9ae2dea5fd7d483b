/* mongo_names.c - source names as MongoDB database, collection and field
 * names: escaping (the rule at the top of mongo_sink.c), the checks of
 * what a server refuses, and the warnings said once. */
#include "sinks/mongo/mongo_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/error.h"
#include "base/log.h"
#include "base/utf8.h"


/* ---- Names (the rule at the top of mongo_sink.c) ---- */

const char *mongo_buf_str(const struct bb_buf *b)
{
    return b->len ? b->data : "";
}

/* MongoDB's own databases (any case: names differing only in case clash). */
static bool reserved_db(const char *p, size_t n)
{
    return (n == 5 && (strncasecmp(p, "admin", 5) == 0 || strncasecmp(p, "local", 5) == 0)) ||
           (n == 6 && strncasecmp(p, "config", 6) == 0);
}

bool mongo_escape_name(enum mongo_name_kind kind, const char *name, size_t len, bool at_start,
                       bool whole, struct bb_buf *out)
{
    static const char *const always[] = {
        [MONGO_NAME_DATABASE] = "%/\\. \"$*<>:|?",
        [MONGO_NAME_COLLECTION] = "%$",
        [MONGO_NAME_FIELD] = "%.",
    };
    static const char hex[] = "0123456789ABCDEF";
    const uint8_t *p = (const uint8_t *)name;
    bool any = false;
    for (size_t i = 0; i < len;) {
        size_t k = utf8_char_len(p + i, len - i);
        bool esc = k == 0 || p[i] == '\0' || (k == 1 && strchr(always[kind], p[i]));
        if (!esc && i == 0 && at_start) {
            switch (kind) {
            case MONGO_NAME_DATABASE:
                esc = whole && reserved_db(name, len);
                break;
            case MONGO_NAME_COLLECTION:
                esc = p[0] == '.' || (len >= 7 && memcmp(name, "system.", 7) == 0);
                break;
            case MONGO_NAME_FIELD:
                esc = p[0] == '$' || (whole && len == 3 && memcmp(name, "_id", 3) == 0);
                break;
            }
        }
        if (esc) {
            char e[3] = { '%', hex[p[i] >> 4], hex[p[i] & 15] };
            bb_buf_append(out, e, 3);
            i++;
            any = true;
        } else {
            bb_buf_append(out, p + i, k);
            i += k;
        }
    }
    return any;
}

/* A name template with {schema} and {table} filled in (config.c allows
 * no other placeholder), their values escaped. Returns whether one was. */
static bool render_name(enum mongo_name_kind kind, const char *tmpl, const char *schema,
                        const char *table, struct bb_buf *b)
{
    bb_buf_reset(b);
    bool whole = strcmp(tmpl, "{schema}") == 0 || strcmp(tmpl, "{table}") == 0;
    bool any = false;
    for (const char *p = tmpl; *p;) {
        const char *v;
        if (strncmp(p, "{schema}", 8) == 0) {
            v = schema;
            p += 8;
        } else if (strncmp(p, "{table}", 7) == 0) {
            v = table;
            p += 7;
        } else {
            bb_buf_putc(b, *p++);
            continue;
        }
        any |= mongo_escape_name(kind, v, strlen(v), b->len == 0, whole, b);
    }
    return any;
}

static bool ferret_db_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '-';
}

/* Why the server cannot take the rendered names ms->dbname, ms->collname
 * of output mt (what escaping leaves: lengths, template text, clashes with
 * binbridge's own names, FerretDB's narrower rules), or NULL. */
static const char *names_refused(struct mongo_sink *ms, const struct mongo_output *mt)
{
    const char *db = mongo_buf_str(&ms->dbname), *coll = mongo_buf_str(&ms->collname);
    size_t dbn = ms->dbname.len, colln = ms->collname.len;
    char *why = ms->why;
    size_t size = sizeof ms->why;
    if (dbn == 0)
        return "the database name is empty";
    if (dbn > 63) {
        snprintf(why, size, "the database name is %zu bytes, over MongoDB's 63", dbn);
        return why;
    }
    if (strpbrk(db, "/\\. \"$") || memchr(db, '\0', dbn) || !utf8_valid((const uint8_t *)db, dbn))
        return "the database name has one of / \\ . space \" $ or is not UTF-8";
    if (reserved_db(db, dbn) && strchr(mt->database, '{'))
        return "admin, local and config are MongoDB's own databases";
    if (colln == 0)
        return "the collection name is empty";
    if (strchr(coll, '$') || memchr(coll, '\0', colln) || !utf8_valid((const uint8_t *)coll, colln))
        return "the collection name has a $ or is not UTF-8";
    if (coll[0] == '.')
        return "a collection name cannot begin with '.'";
    if (strncmp(coll, "system.", 7) == 0)
        return "collection names starting with \"system.\" are MongoDB's";
    if (dbn + 1 + colln > ms->max_ns) {
        snprintf(why, size, "the namespace database.collection is %zu bytes, over the server's %zu",
                 dbn + 1 + colln, ms->max_ns);
        return why;
    }
    if (strcmp(db, ms->ckpt_db) == 0 && strcmp(coll, CHECKPOINT_COLLECTION) == 0)
        return "that is where binbridge keeps its checkpoints";
    if (ms->ferret) {
        for (size_t i = 0; i < dbn; i++)
            if (!ferret_db_char(db[i]))
                return "FerretDB 1.x takes database names of ASCII letters, digits, '_' and '-' "
                       "only";
        if (strncmp(db, "_ferretdb_", 10) == 0 || strncmp(coll, "_ferretdb_", 10) == 0)
            return "names starting with \"_ferretdb_\" are FerretDB's";
        if (strchr(coll, '"'))
            return "FerretDB 1.x fails on a '\"' in a collection name";
        if (colln > 235) {
            snprintf(why, size, "the collection name is %zu bytes, over FerretDB's 235", colln);
            return why;
        }
    }
    return NULL;
}

/* Render the database and collection names of target mt for schema.table
 * into ms->dbname and ms->collname (*escaped: whether a name was escaped).
 * Returns 0, 1 when the server cannot take them (ms->why, or a constant,
 * in *why), or a negative error. */
int mongo_target_names(struct mongo_sink *ms, const struct mongo_output *mt, const char *schema,
                       const char *table, bool *escaped, const char **why, struct bb_error *err)
{
    bool e1 = render_name(MONGO_NAME_DATABASE, mt->database, schema, table, &ms->dbname);
    bool e2 = render_name(MONGO_NAME_COLLECTION, mt->collection, schema, table, &ms->collname);
    int rc;
    if ((rc = bb_buf_check(&ms->dbname, err)) < 0 || (rc = bb_buf_check(&ms->collname, err)) < 0)
        return rc;
    *escaped = e1 || e2;
    *why = names_refused(ms, mt);
    return *why ? 1 : 0;
}

/* The field name of every column of the table for target tp (renames
 * applied, source names escaped) into ms->fields; NULL for a kept column
 * named _id that is the row key itself (its value is the _id). *escaped
 * is set when a name was escaped. Checks that no two kept columns have
 * one field name (only a rename can do that). */
int mongo_field_names(struct mongo_sink *ms, const struct change *ch, const struct output_plan *tp,
                      bool *escaped, struct bb_error *err)
{
    const struct bb_table *t = ch->table;
    const struct table_plan *plan = ch->plan;
    config_list renames = mongo_output_of(tp)->renames;
    if (t->ncols > ms->fields_cap) {
        const char **f = realloc(ms->fields, t->ncols * sizeof *f);
        if (f)
            ms->fields = f;
        size_t *o = f ? realloc(ms->field_off, t->ncols * sizeof *o) : NULL;
        if (!o)
            return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
        ms->field_off = o;
        ms->fields_cap = t->ncols;
    }
    for (uint32_t c = 0; c < t->ncols; c++) {
        ms->fields[c] = t->cols[c].name ? t->cols[c].name : "?";
        ms->field_off[c] = FIELD_AS_IS;
    }
    for (size_t i = 0; renames && renames[i]; i += 2) {
        uint32_t c = 0;
        while (c < t->ncols && !(t->cols[c].name && strcasecmp(t->cols[c].name, renames[i]) == 0))
            c++;
        if (c == t->ncols)
            return bb_error_set(err, BB_ERR_USAGE, "rules.mongo.renames names column \"%s\", "
                                "which %s.%s does not have", renames[i], plan->schema,
                                plan->table);
        ms->fields[c] = renames[i + 1];
        ms->field_off[c] = FIELD_RENAMED;
    }
    struct bb_buf *b = &ms->fieldnames;
    bb_buf_reset(b);
    for (uint32_t c = 0; c < t->ncols; c++) {
        bool is_key = false;
        for (uint32_t k = 0; k < plan->nkey_cols; k++)
            is_key |= plan->key_cols[k] == c;
        if (!tp->columns[c] && !(is_key && plan->nkey_cols > 1))
            continue;
        const char *f = ms->fields[c];
        if (is_key && plan->nkey_cols == 1 && strcmp(f, "_id") == 0) {
            ms->fields[c] = NULL;
            continue;
        }
        /* A renamed column's field name was checked with the configuration. */
        if (ms->field_off[c] == FIELD_RENAMED)
            continue;
        size_t at = b->len;
        if (mongo_escape_name(MONGO_NAME_FIELD, f, strlen(f), true, true, b)) {
            bb_buf_putc(b, '\0');
            ms->field_off[c] = at;
            *escaped = true;
        } else {
            /* Unchanged: the column's own name is the field name. */
            b->len = at;
            if (b->cap)
                b->data[at] = '\0';
        }
    }
    int rc = bb_buf_check(b, err);
    if (rc < 0)
        return rc;
    for (uint32_t c = 0; c < t->ncols; c++)
        if (ms->field_off[c] < FIELD_RENAMED)
            ms->fields[c] = b->data + ms->field_off[c];
    for (size_t i = 0; renames && renames[i]; i += 2)
        for (uint32_t c = 0, n = 0; c < t->ncols; c++)
            if (tp->columns[c] && ms->fields[c] && strcmp(ms->fields[c], renames[i + 1]) == 0 &&
                ++n > 1)
                return bb_error_set(err, BB_ERR_USAGE, "rules.mongo.renames: \"%s\" would be "
                                    "the field of two columns of %s.%s", renames[i + 1],
                                    plan->schema, plan->table);
    return 0;
}

/* Log once which names a table's output got by escaping. */
void mongo_note_escaped(struct mongo_sink *ms, const struct change *ch,
                        const struct output_plan *tp)
{
    const struct bb_table *t = ch->table;
    struct bb_buf *b = &ms->note;
    bb_buf_reset(b);
    bb_buf_printf(b, "MongoDB cannot hold some names of %s.%s as they are: they are escaped "
                  "(README, \"MongoDB\"): database \"%s\", collection \"%s\"", ch->plan->schema,
                  ch->plan->table, mongo_buf_str(&ms->dbname), mongo_buf_str(&ms->collname));
    for (uint32_t c = 0; c < t->ncols; c++)
        if (ms->field_off[c] < FIELD_RENAMED && ms->fields[c])
            bb_buf_printf(b, ", column %s as field %s", t->cols[c].name ? t->cols[c].name : "?",
                          ms->fields[c]);
    if (!b->oom && mongo_first_time(&ms->logged, b->data, b->len))
        log_info("%s (at %s:%llu)", b->data, ch->log_file ? ch->log_file : "?",
                 (unsigned long long)ch->pos);
}

/* Log once that a table's output is left out, and why. */
void mongo_note_refused(struct mongo_sink *ms, const struct change *ch,
                        const struct mongo_output *mt, const char *why)
{
    struct bb_buf *b = &ms->note;
    bb_buf_reset(b);
    bb_buf_printf(b, "%s.%s is not mirrored into MongoDB database \"%s\", collection \"%s\" "
                  "(templates \"%s\", \"%s\"): %s; its row changes are left out (a rule with "
                  "other database or collection templates can mirror it)", ch->plan->schema,
                  ch->plan->table, mongo_buf_str(&ms->dbname), mongo_buf_str(&ms->collname), mt->database,
                  mt->collection, why);
    if (!b->oom && mongo_first_time(&ms->logged, b->data, b->len))
        log_warn("%s (first at %s:%llu)", b->data, ch->log_file ? ch->log_file : "?",
                 (unsigned long long)ch->pos);
}
