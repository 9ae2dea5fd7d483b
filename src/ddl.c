/* ddl.c - reading the tables out of DDL statements: a small lexer over the
 * statement (words, backquoted identifiers, punctuation; whitespace and
 * comments skipped) and the few statement shapes that name tables. */
#include "ddl.h"

#include <ctype.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>

/* A small lexer over a statement: words, quoted identifiers, punctuation,
 * with whitespace and comments skipped. */
struct lexer {
    const char *p, *end;
    bool unsure;          /* an executable comment: we cannot tell what runs */
};

struct token {
    const char *p;
    size_t n;
    bool quoted;          /* `identifier` (p/n exclude the backticks; `` kept) */
};

static void skip_space(struct lexer *lx)
{
    while (lx->p < lx->end) {
        unsigned char c = (unsigned char)*lx->p;
        if (isspace(c)) {
            lx->p++;
        } else if (c == '#' || (c == '-' && lx->end - lx->p >= 3 && lx->p[1] == '-' &&
                                isspace((unsigned char)lx->p[2]))) {
            while (lx->p < lx->end && *lx->p != '\n')
                lx->p++;
        } else if (c == '/' && lx->end - lx->p >= 2 && lx->p[1] == '*') {
            if (lx->end - lx->p >= 3 && (lx->p[2] == '!' || lx->p[2] == 'M'))
                lx->unsure = true;
            const char *q = lx->p + 2;
            while (q + 1 < lx->end && !(q[0] == '*' && q[1] == '/'))
                q++;
            lx->p = q + 1 < lx->end ? q + 2 : lx->end;
        } else {
            break;
        }
    }
}

static bool is_ident_char(unsigned char c)
{
    return isalnum(c) || c == '_' || c == '$' || c >= 0x80;
}

/* The next token; n == 0 at the end. */
static struct token next_token(struct lexer *lx)
{
    struct token t = { NULL, 0, false };
    skip_space(lx);
    if (lx->p >= lx->end)
        return t;
    if (*lx->p == '`') {
        const char *q = lx->p + 1;
        while (q < lx->end && !(*q == '`' && !(q + 1 < lx->end && q[1] == '`')))
            q += *q == '`' ? 2 : 1;
        t.p = lx->p + 1;
        t.n = (size_t)((q < lx->end ? q : lx->end) - t.p);
        t.quoted = true;
        lx->p = q < lx->end ? q + 1 : lx->end;
        return t;   /* an empty `` reads as the end: the caller is then unsure */
    }
    t.p = lx->p;
    if (is_ident_char((unsigned char)*lx->p)) {
        while (lx->p < lx->end && is_ident_char((unsigned char)*lx->p))
            lx->p++;
    } else {
        lx->p++;
    }
    t.n = (size_t)(lx->p - t.p);
    return t;
}

static bool is_word(struct token t, const char *w)
{
    return !t.quoted && t.n == strlen(w) && strncasecmp(t.p, w, t.n) == 0;
}

/* Names with `` inside would need unescaping to compare. */
static bool has_escaped_quote(struct token t)
{
    return t.quoted && memchr(t.p, '`', t.n) != NULL;
}

/* Read [schema.]table starting with token first into d; false when no
 * readable name is there. */
static bool read_name(struct lexer *lx, struct token first, const struct bb_bytes *default_schema,
                      struct ddl_statement *d)
{
    if (first.n == 0 || has_escaped_quote(first) ||
        (!first.quoted && !is_ident_char((unsigned char)first.p[0])))
        return false;
    if (d->nnames == DDL_MAX_NAMES)
        return false;
    struct ddl_name *n = &d->names[d->nnames];
    const char *save = lx->p;
    struct token dot = next_token(lx);
    if (dot.n == 1 && !dot.quoted && *dot.p == '.') {
        struct token table = next_token(lx);
        if (table.n == 0 || has_escaped_quote(table))
            return false;
        n->schema = first.p;
        n->schema_len = first.n;
        n->table = table.p;
        n->table_len = table.n;
    } else {
        lx->p = save;
        if (!default_schema->len)
            return false;
        n->schema = (const char *)default_schema->p;
        n->schema_len = default_schema->len;
        n->table = first.p;
        n->table_len = first.n;
    }
    d->nnames++;
    return true;
}

/* The statement's shape; false when it names tables we cannot read. */
static bool parse(struct lexer *lx, const struct bb_ev_query *q, struct token w,
                  struct ddl_statement *d)
{
    if (is_word(w, "TRUNCATE")) {
        d->action = DDL_TRUNCATE;
        w = next_token(lx);
        if (is_word(w, "TABLE"))
            w = next_token(lx);
        return read_name(lx, w, &q->schema, d);
    }
    if (is_word(w, "ALTER")) {
        /* ALTER [ONLINE] [IGNORE] TABLE [IF EXISTS] name ...; anything but
         * a table is unsure. */
        do
            w = next_token(lx);
        while (is_word(w, "ONLINE") || is_word(w, "IGNORE"));
        if (!is_word(w, "TABLE"))
            return false;
        d->action = DDL_ALTER;
        w = next_token(lx);
        if (is_word(w, "IF")) {
            next_token(lx); /* EXISTS */
            w = next_token(lx);
        }
        if (!read_name(lx, w, &q->schema, d))
            return false;
        /* RENAME COLUMN / INDEX / KEY keep the table's name; RENAME [TO|AS]
         * name moves the table: then it reads as RENAME TABLE old TO new. */
        for (struct token t = next_token(lx); t.n; t = next_token(lx)) {
            if (!is_word(t, "RENAME"))
                continue;
            struct token what = next_token(lx);
            if (is_word(what, "COLUMN") || is_word(what, "INDEX") || is_word(what, "KEY"))
                continue;
            if (is_word(what, "TO") || is_word(what, "AS"))
                what = next_token(lx);
            if (!read_name(lx, what, &q->schema, d))
                return false;
            d->action = DDL_RENAME;
            return true;
        }
        return true;
    }
    if (is_word(w, "DROP")) {
        /* DROP {DATABASE|SCHEMA} [IF EXISTS] db */
        const char *save = lx->p;
        struct token what = next_token(lx);
        if (is_word(what, "DATABASE") || is_word(what, "SCHEMA")) {
            d->action = DDL_DROP_DATABASE;
            w = next_token(lx);
            if (is_word(w, "IF")) {
                next_token(lx); /* EXISTS */
                w = next_token(lx);
            }
            if (w.n == 0 || has_escaped_quote(w) ||
                (!w.quoted && !is_ident_char((unsigned char)w.p[0])))
                return false;
            d->names[0].schema = w.p;
            d->names[0].schema_len = w.n;
            d->nnames = 1;
            return true;
        }
        lx->p = save;
    }
    if (is_word(w, "CREATE") || is_word(w, "DROP")) {
        /* CREATE [OR REPLACE] [TEMPORARY] TABLE [IF NOT EXISTS] name ...
         * DROP [TEMPORARY] TABLE [IF EXISTS] name[, name...] */
        bool drop = is_word(w, "DROP");
        w = next_token(lx);
        if (is_word(w, "OR")) {
            next_token(lx); /* REPLACE */
            w = next_token(lx);
        }
        if (is_word(w, "TEMPORARY"))
            w = next_token(lx);
        if (!is_word(w, "TABLE"))
            return false;
        d->action = drop ? DDL_DROP : DDL_CREATE;
        w = next_token(lx);
        if (is_word(w, "IF")) {
            w = next_token(lx);
            if (is_word(w, "NOT"))
                next_token(lx);
            w = next_token(lx);
        }
        for (;;) {
            if (!read_name(lx, w, &q->schema, d))
                return false;
            if (!drop)
                return true;
            w = next_token(lx);
            if (!(w.n == 1 && *w.p == ','))
                return true;
            w = next_token(lx);
        }
    }
    if (is_word(w, "RENAME")) {
        /* RENAME TABLE a TO b[, c TO d...]: both names of each pair. */
        w = next_token(lx);
        if (!is_word(w, "TABLE") && !is_word(w, "TABLES"))
            return false;
        d->action = DDL_RENAME;
        for (;;) {
            w = next_token(lx);
            if (is_word(w, "IF")) {
                next_token(lx);
                w = next_token(lx);
            }
            if (!read_name(lx, w, &q->schema, d))
                return false;
            if (!is_word(next_token(lx), "TO"))
                return false;
            w = next_token(lx);
            if (!read_name(lx, w, &q->schema, d))
                return false;
            w = next_token(lx);
            if (!(w.n == 1 && *w.p == ','))
                return true;
        }
    }
    return false;
}

void ddl_parse(const struct bb_ev_query *q, struct ddl_statement *d)
{
    static const char *const words[] = { "ALTER", "CREATE", "DROP", "RENAME", "TRUNCATE", NULL };
    memset(d, 0, sizeof *d);
    if (!q->query.p)
        return;
    struct lexer lx = { (const char *)q->query.p, (const char *)q->query.p + q->query.len,
                        false };
    struct token w = next_token(&lx);
    bool table_ddl = false;
    for (const char *const *p = words; *p; p++)
        table_ddl |= is_word(w, *p);
    if (!table_ddl && !lx.unsure)
        return;
    bool ok = table_ddl && parse(&lx, q, w, d);
    if (!ok) {
        /* A DDL word on something other than a table (CREATE INDEX, DROP
         * DATABASE, ...) acts on no table we can name: unsure. */
        d->nnames = 0;
        d->action = DDL_UNSURE;
        return;
    }
    if (lx.unsure) {
        d->nnames = 0;
        d->action = DDL_UNSURE;
    }
}
