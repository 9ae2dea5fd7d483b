/* ddl.c - reading the tables out of DDL statements: a small lexer over the
 * statement as the server reads it (words, quoted identifiers, string
 * literals, punctuation; whitespace and comments skipped, executable
 * comments entered when the server ran what they hold) and the few
 * statement shapes that name tables. */
#include "binlog/ddl.h"

#include <ctype.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "binlog/decoder.h"

/* sql_mode bits (the QUERY event's Q_SQL_MODE_CODE), as MySQL and MariaDB
 * number them */
#define SQL_MODE_ANSI_QUOTES (1ull << 2)
#define SQL_MODE_NO_BACKSLASH_ESCAPES (1ull << 20)

struct lexer {
    const char *p, *end;
    bool ansi_quotes;        /* "x" is an identifier, not a string */
    bool backslash_escapes;  /* \' inside a string literal */
    bool version_known;
    unsigned version;        /* the server's, 100611 for 10.6.11 */
    bool mariadb;
    bool in_exec;            /* inside an executed comment: its closing star-slash is skipped */
    bool unsure;             /* something that cannot be read with certainty */
};

enum token_kind {
    TOK_END = 0,
    TOK_WORD,        /* unquoted identifier or keyword */
    TOK_IDENT,       /* `identifier` or, under ANSI_QUOTES, "identifier" */
    TOK_STRING,      /* 'text' (or "text") */
    TOK_PUNCT,       /* one other character */
};

struct token {
    enum token_kind kind;
    const char *p;   /* TOK_IDENT: inside the quotes, doubled quotes kept */
    size_t n;
    char quote;      /* TOK_IDENT: '`' or '"' */
};

static bool is_ident_char(unsigned char c)
{
    return isalnum(c) || c == '_' || c == '$' || c >= 0x80;
}

/* An executable comment starts at lx->p ("/" "*!" or "/" "*M!"): does the
 * server run what it holds? Moves past the marker and the version. */
static bool enter_exec_comment(struct lexer *lx)
{
    bool mariadb_only = lx->p[2] == 'M';
    lx->p += mariadb_only ? 4 : 3;
    /* a version of 5 or 6 digits: run by servers at least that recent */
    const char *d = lx->p;
    unsigned v = 0;
    size_t nd = 0;
    while (d < lx->end && nd < 6 && isdigit((unsigned char)*d)) {
        v = v * 10 + (unsigned)(*d - '0');
        d++;
        nd++;
    }
    bool versioned = nd == 5 || nd == 6;
    if (versioned)
        lx->p = d;
    if ((versioned || mariadb_only) && !lx->version_known) {
        lx->unsure = true; /* cannot tell: read it, the result is unsure anyway */
        return true;
    }
    if (mariadb_only && !lx->mariadb)
        return false;
    return !versioned || lx->version >= v;
}

static void skip_comment(struct lexer *lx)
{
    const char *q = lx->p + 2;
    while (q + 1 < lx->end && !(q[0] == '*' && q[1] == '/'))
        q++;
    if (q + 1 >= lx->end)
        lx->unsure = true; /* no end */
    lx->p = q + 1 < lx->end ? q + 2 : lx->end;
}

static void skip_space(struct lexer *lx)
{
    while (lx->p < lx->end) {
        unsigned char c = (unsigned char)*lx->p;
        size_t left = (size_t)(lx->end - lx->p);
        if (isspace(c)) {
            lx->p++;
        } else if (c == '#' || (c == '-' && left >= 2 && lx->p[1] == '-' &&
                                (left == 2 || isspace((unsigned char)lx->p[2]) ||
                                 iscntrl((unsigned char)lx->p[2])))) {
            while (lx->p < lx->end && *lx->p != '\n')
                lx->p++;
        } else if (c == '/' && left >= 2 && lx->p[1] == '*') {
            bool exec = (left >= 3 && lx->p[2] == '!') ||
                        (left >= 4 && lx->p[2] == 'M' && lx->p[3] == '!');
            if (exec && !lx->in_exec) {
                const char *start = lx->p;
                if (enter_exec_comment(lx)) {
                    lx->in_exec = true;
                } else {
                    lx->p = start;
                    skip_comment(lx);
                }
            } else {
                skip_comment(lx);
            }
        } else if (c == '*' && lx->in_exec && left >= 2 && lx->p[1] == '/') {
            lx->in_exec = false;
            lx->p += 2;
        } else {
            break;
        }
    }
}

/* A quoted run starting at lx->p (the quote): to the closing quote, a
 * doubled quote and (in strings, unless NO_BACKSLASH_ESCAPES) a backslash
 * escape staying inside. */
static struct token quoted(struct lexer *lx, enum token_kind kind, bool backslash)
{
    char qc = *lx->p;
    const char *q = lx->p + 1;
    for (;;) {
        if (q >= lx->end) {
            lx->unsure = true; /* unterminated */
            lx->p = lx->end;
            return (struct token){ TOK_END, NULL, 0, 0 };
        }
        if (backslash && *q == '\\') {
            q += 2;
        } else if (*q == qc) {
            if (q + 1 < lx->end && q[1] == qc)
                q += 2;
            else
                break;
        } else {
            q++;
        }
    }
    struct token t = { kind, lx->p + 1, (size_t)(q - lx->p - 1), qc };
    lx->p = q + 1;
    return t;
}

/* The next token; kind TOK_END at the end. */
static struct token next_token(struct lexer *lx)
{
    struct token t = { TOK_END, NULL, 0, 0 };
    skip_space(lx);
    if (lx->p >= lx->end)
        return t;
    char c = *lx->p;
    if (c == '`' || (c == '"' && lx->ansi_quotes))
        return quoted(lx, TOK_IDENT, false);
    if (c == '\'' || c == '"')
        return quoted(lx, TOK_STRING, lx->backslash_escapes);
    t.p = lx->p;
    if (is_ident_char((unsigned char)c)) {
        t.kind = TOK_WORD;
        while (lx->p < lx->end && is_ident_char((unsigned char)*lx->p))
            lx->p++;
    } else {
        t.kind = TOK_PUNCT;
        lx->p++;
    }
    t.n = (size_t)(lx->p - t.p);
    return t;
}

static bool is_word(struct token t, const char *w)
{
    return t.kind == TOK_WORD && t.n == strlen(w) && strncasecmp(t.p, w, t.n) == 0;
}

static bool is_any_word(struct token t, const char *const *words)
{
    for (; *words; words++)
        if (is_word(t, *words))
            return true;
    return false;
}

static bool is_punct(struct token t, char c)
{
    return t.kind == TOK_PUNCT && *t.p == c;
}

/* An identifier (quoted or not) as the name it stands for, into *p and *n:
 * doubled quotes undone in d's store. false when t is no identifier. */
static bool identifier(struct token t, struct ddl_statement *d, const char **p, size_t *n)
{
    if (t.kind == TOK_WORD) {
        *p = t.p;
        *n = t.n;
        return true;
    }
    if (t.kind != TOK_IDENT || t.n == 0)
        return false;
    if (!memchr(t.p, t.quote, t.n)) {
        *p = t.p;
        *n = t.n;
        return true;
    }
    if (t.n > sizeof d->store - d->store_used)
        return false;
    char *out = d->store + d->store_used;
    size_t o = 0;
    for (size_t i = 0; i < t.n; i++) {
        out[o++] = t.p[i];
        if (t.p[i] == t.quote)
            i++; /* the second of a doubled quote */
    }
    d->store_used += o;
    *p = out;
    *n = o;
    return true;
}

/* Read [schema.]table starting with token first into d; false when no
 * readable name is there. */
static bool read_name(struct lexer *lx, struct token first, const struct bb_bytes *default_schema,
                      struct ddl_statement *d)
{
    if (d->nnames == DDL_MAX_NAMES)
        return false;
    struct ddl_name *n = &d->names[d->nnames];
    const char *a;
    size_t alen;
    if (!identifier(first, d, &a, &alen))
        return false;
    const char *save = lx->p;
    bool in_exec = lx->in_exec;
    struct token dot = next_token(lx);
    if (is_punct(dot, '.')) {
        if (!identifier(next_token(lx), d, &n->table, &n->table_len))
            return false;
        n->schema = a;
        n->schema_len = alen;
    } else {
        lx->p = save;
        lx->in_exec = in_exec;
        if (!default_schema->len)
            return false;
        n->schema = (const char *)default_schema->p;
        n->schema_len = default_schema->len;
        n->table = a;
        n->table_len = alen;
    }
    d->nnames++;
    return true;
}

/* After a table name: [WAIT n | NOWAIT] (MariaDB); returns the token after. */
static struct token skip_wait(struct lexer *lx)
{
    struct token t = next_token(lx);
    if (is_word(t, "NOWAIT"))
        return next_token(lx);
    if (is_word(t, "WAIT")) {
        next_token(lx); /* n */
        return next_token(lx);
    }
    return t;
}

/* IF EXISTS / IF NOT EXISTS at t: skipped; returns the token after. */
static struct token skip_if_exists(struct lexer *lx, struct token t)
{
    if (!is_word(t, "IF"))
        return t;
    t = next_token(lx);
    if (is_word(t, "NOT"))
        t = next_token(lx);
    return is_word(t, "EXISTS") ? next_token(lx) : (struct token){ TOK_END, NULL, 0, 0 };
}

/* What the DDL words act on besides tables: statements on them name no
 * table (accounts, databases, views, routines ...), and are DDL_NONE. */
static const char *const not_tables[] = {
    "USER", "ROLE", "DATABASE", "SCHEMA", "VIEW", "EVENT", "FUNCTION", "PROCEDURE", "TRIGGER",
    "SERVER", "TABLESPACE", "LOGFILE", "RESOURCE", "INSTANCE", "PACKAGE", "UNDO", "AGGREGATE",
    "DEFINER", "ALGORITHM", "SQL", NULL,
};

enum parsed { PARSED_OK, PARSED_NONE, PARSED_UNSURE };

static enum parsed parse_alter(struct lexer *lx, const struct bb_ev_query *q,
                               struct ddl_statement *d)
{
    /* ALTER [ONLINE] [IGNORE] TABLE [IF EXISTS] name [WAIT n|NOWAIT] ... */
    struct token w;
    do
        w = next_token(lx);
    while (is_word(w, "ONLINE") || is_word(w, "IGNORE"));
    if (is_any_word(w, not_tables))
        return PARSED_NONE;
    if (!is_word(w, "TABLE"))
        return PARSED_UNSURE;
    d->what = d->action = DDL_ALTER;
    if (!read_name(lx, skip_if_exists(lx, next_token(lx)), &q->schema, d))
        return PARSED_UNSURE;
    /* RENAME COLUMN / INDEX / KEY keep the table's name; RENAME [TO|AS]
     * name moves the table: then it reads as RENAME TABLE old TO new.
     * EXCHANGE PARTITION p WITH TABLE other changes other's rows too. */
    for (struct token t = next_token(lx); t.kind != TOK_END; t = next_token(lx)) {
        if (is_word(t, "EXCHANGE")) {
            while (t.kind != TOK_END && !is_word(t, "WITH"))
                t = next_token(lx);
            if (!is_word(next_token(lx), "TABLE") ||
                !read_name(lx, next_token(lx), &q->schema, d))
                return PARSED_UNSURE;
            continue;
        }
        if (!is_word(t, "RENAME"))
            continue;
        struct token what = next_token(lx);
        if (is_word(what, "COLUMN") || is_word(what, "INDEX") || is_word(what, "KEY"))
            continue;
        if (is_word(what, "TO") || is_word(what, "AS"))
            what = next_token(lx);
        if (d->nnames != 1 || !read_name(lx, what, &q->schema, d))
            return PARSED_UNSURE;
        d->action = DDL_RENAME;
        return PARSED_OK;
    }
    return PARSED_OK;
}

static enum parsed parse_create_drop(struct lexer *lx, const struct bb_ev_query *q, bool drop,
                                     struct ddl_statement *d)
{
    /* CREATE [OR REPLACE] [TEMPORARY] TABLE [IF NOT EXISTS] name ...
     * DROP [TEMPORARY] TABLE [IF EXISTS] name[, name...]
     * DROP {DATABASE|SCHEMA} [IF EXISTS] db */
    struct token w = next_token(lx);
    if (drop && (is_word(w, "DATABASE") || is_word(w, "SCHEMA"))) {
        d->action = DDL_DROP_DATABASE;
        w = skip_if_exists(lx, next_token(lx));
        if (!identifier(w, d, &d->names[0].schema, &d->names[0].schema_len))
            return PARSED_UNSURE;
        d->nnames = 1;
        return PARSED_OK;
    }
    if (!drop && is_word(w, "OR")) {
        next_token(lx); /* REPLACE */
        w = next_token(lx);
    }
    if (is_word(w, "TEMPORARY"))
        w = next_token(lx);
    if (is_any_word(w, not_tables))
        return PARSED_NONE;
    if (!is_word(w, "TABLE"))
        return PARSED_UNSURE;
    d->what = d->action = drop ? DDL_DROP : DDL_CREATE;
    w = skip_if_exists(lx, next_token(lx));
    for (;;) {
        if (!read_name(lx, w, &q->schema, d))
            return PARSED_UNSURE;
        if (!drop)
            return PARSED_OK;
        w = skip_wait(lx);
        if (!is_punct(w, ','))
            return PARSED_OK;
        w = next_token(lx);
    }
}

static enum parsed parse_rename(struct lexer *lx, const struct bb_ev_query *q,
                                struct ddl_statement *d)
{
    /* RENAME TABLE[S] [IF EXISTS] a [WAIT n|NOWAIT] TO b[, c TO d...]:
     * both names of each pair */
    struct token w = next_token(lx);
    if (is_any_word(w, not_tables))
        return PARSED_NONE;
    if (!is_word(w, "TABLE") && !is_word(w, "TABLES"))
        return PARSED_UNSURE;
    d->what = d->action = DDL_RENAME;
    for (;;) {
        w = skip_if_exists(lx, next_token(lx));
        if (!read_name(lx, w, &q->schema, d))
            return PARSED_UNSURE;
        if (!is_word(skip_wait(lx), "TO"))
            return PARSED_UNSURE;
        if (!read_name(lx, next_token(lx), &q->schema, d))
            return PARSED_UNSURE;
        if (!is_punct(next_token(lx), ','))
            return PARSED_OK;
    }
}

static enum parsed parse_truncate(struct lexer *lx, const struct bb_ev_query *q,
                                  struct ddl_statement *d)
{
    /* TRUNCATE [TABLE] name [WAIT n|NOWAIT] */
    d->what = d->action = DDL_TRUNCATE;
    struct token w = next_token(lx);
    if (is_word(w, "TABLE"))
        w = next_token(lx);
    return read_name(lx, w, &q->schema, d) ? PARSED_OK : PARSED_UNSURE;
}

void ddl_parse(const struct bb_ev_query *q, const char *server_version, struct ddl_statement *d)
{
    /* Not a memset: the name store is large and most statements are
     * BEGIN or COMMIT. */
    d->action = DDL_NONE;
    d->what = DDL_UNSURE;
    d->nnames = 0;
    d->store_used = 0;
    if (!q->query.p)
        return;
    struct lexer lx;
    memset(&lx, 0, sizeof lx);
    lx.p = (const char *)q->query.p;
    lx.end = lx.p + q->query.len;
    lx.ansi_quotes = q->has_sql_mode && (q->sql_mode & SQL_MODE_ANSI_QUOTES);
    lx.backslash_escapes = !(q->has_sql_mode && (q->sql_mode & SQL_MODE_NO_BACKSLASH_ESCAPES));
    if (server_version && *server_version) {
        lx.version_known = true;
        lx.version = decoder_version_number(server_version);
        lx.mariadb = strcasestr(server_version, "mariadb") != NULL;
    }
    struct token w = next_token(&lx);
    bool first_unsure = lx.unsure;
    enum parsed r;
    if (is_word(w, "ALTER"))
        r = parse_alter(&lx, q, d);
    else if (is_word(w, "CREATE"))
        r = parse_create_drop(&lx, q, false, d);
    else if (is_word(w, "DROP"))
        r = parse_create_drop(&lx, q, true, d);
    else if (is_word(w, "RENAME"))
        r = parse_rename(&lx, q, d);
    else if (is_word(w, "TRUNCATE"))
        r = parse_truncate(&lx, q, d);
    else if (!first_unsure)
        return; /* DML, BEGIN, GRANT, SET PASSWORD ...: DDL_NONE */
    else
        r = PARSED_UNSURE;
    if (r == PARSED_NONE && !lx.unsure) {
        d->action = DDL_NONE;
        d->nnames = 0;
        return;
    }
    if (r != PARSED_OK || lx.unsure) {
        /* A DDL word on something we cannot name (CREATE INDEX, ...), or a
         * statement we cannot read with certainty: unsure. */
        d->action = DDL_UNSURE;
        d->nnames = 0;
    }
}
