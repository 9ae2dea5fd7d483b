/* schema_info.c - what a TABLE_MAP lacks, from information_schema.
 *
 * A server with binlog_row_metadata=MINIMAL (or older than MySQL 8.0.14 /
 * MariaDB 10.5) sends no column names, ENUM/SET labels or primary key, and
 * older ones not even signedness or character sets. We ask the server's
 * current schema over a second connection, opened only when a table map
 * first needs it, and use the answer only when it still matches the event:
 * the same column count, each column's DATA_TYPE compatible with its binlog
 * type, and the same names when the event has names. Otherwise the table is
 * left as the event described it: a guess would be worse than a gap.
 *
 * The description is the describer's (describer.h), the one a snapshot of
 * the table also gets, so that rows from the binlog and rows from an
 * initial load are named, labelled and keyed alike.
 *
 * Answers are cached per schema.table (including "no such table") and
 * forgotten when a DDL statement in the binlog may have changed the table;
 * when we cannot tell which tables a statement touches, we forget them all.
 *
 * The schema is the server's current one, not the one at the time of the
 * event: a stream reading old events of a table whose columns have since
 * been renamed gets the new names (the column count and types still have to
 * match). */
#include "binlog/schema_info.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <mysqld_error.h>

#include "binlog/ddl.h"
#include "binlog/decode_value.h"
#include "binlog/describer.h"
#include "base/error.h"
#include "mysql/server_conn.h"

/* A schema query should take milliseconds; without a read timeout of its
 * own, a wedged server would hang the stream. */
#define SCHEMA_READ_TIMEOUT 60
#define MAX_PACKET ((unsigned long)64 << 20)

struct si_table {
    struct si_table *next;   /* hash chain */
    uint32_t hash;
    char *schema, *name;
    bool described;          /* false: no such table (now), or none to use */
    struct table_description d;
    struct bb_arena mem;     /* d's strings and arrays */
};

struct schema_info {
    struct bb_server_options srv;   /* strings point into `strings` */
    char *strings;
    char where[300];
    MYSQL *conn;                    /* NULL until first needed */
    struct describer desc;          /* on conn */
    struct si_table **buckets;
    uint32_t nbuckets;              /* power of two */
    uint32_t count;
};

/* ---- the cache ---- */

static uint32_t name_hash(const char *schema, size_t slen, const char *table, size_t tlen)
{
    /* FNV-1a over "schema\0table", case-folded: a DDL statement may spell
     * a name in another case on a case-insensitive server. */
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < slen; i++)
        h = (h ^ (uint8_t)tolower((unsigned char)schema[i])) * 16777619u;
    h *= 16777619u;
    for (size_t i = 0; i < tlen; i++)
        h = (h ^ (uint8_t)tolower((unsigned char)table[i])) * 16777619u;
    return h;
}

static void table_free(struct si_table *e)
{
    if (!e)
        return;
    bb_arena_destroy(&e->mem);
    free(e->schema);
    free(e->name);
    free(e);
}

static struct si_table *cache_get(struct schema_info *si, const char *schema, const char *table)
{
    if (!si->nbuckets)
        return NULL;
    uint32_t h = name_hash(schema, strlen(schema), table, strlen(table));
    for (struct si_table *e = si->buckets[h & (si->nbuckets - 1)]; e; e = e->next)
        if (e->hash == h && strcmp(e->schema, schema) == 0 && strcmp(e->name, table) == 0)
            return e;
    return NULL;
}

static int cache_put(struct schema_info *si, struct si_table *e, struct bb_error *err)
{
    if (si->count + 1 > si->nbuckets * 2) {
        uint32_t n = si->nbuckets ? si->nbuckets * 2 : 64;
        struct si_table **b = calloc(n, sizeof *b);
        if (!b) {
            table_free(e);
            return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
        }
        for (uint32_t i = 0; i < si->nbuckets; i++)
            for (struct si_table *x = si->buckets[i], *next; x; x = next) {
                next = x->next;
                x->next = b[x->hash & (n - 1)];
                b[x->hash & (n - 1)] = x;
            }
        free(si->buckets);
        si->buckets = b;
        si->nbuckets = n;
    }
    struct si_table **slot = &si->buckets[e->hash & (si->nbuckets - 1)];
    e->next = *slot;
    *slot = e;
    si->count++;
    return 0;
}

/* Forget schema.table, compared case-insensitively (forgetting too much
 * only costs a query). */
static void cache_forget(struct schema_info *si, const char *schema, size_t slen,
                         const char *table, size_t tlen)
{
    if (!si->nbuckets)
        return;
    uint32_t h = name_hash(schema, slen, table, tlen);
    for (struct si_table **pp = &si->buckets[h & (si->nbuckets - 1)]; *pp;) {
        struct si_table *e = *pp;
        if (e->hash == h && strlen(e->schema) == slen && strncasecmp(e->schema, schema, slen) == 0
            && strlen(e->name) == tlen && strncasecmp(e->name, table, tlen) == 0) {
            *pp = e->next;
            table_free(e);
            si->count--;
        } else {
            pp = &e->next;
        }
    }
}

static void cache_forget_all(struct schema_info *si)
{
    for (uint32_t i = 0; i < si->nbuckets; i++) {
        for (struct si_table *e = si->buckets[i], *next; e; e = next) {
            next = e->next;
            table_free(e);
        }
        si->buckets[i] = NULL;
    }
    si->count = 0;
}

/* ---- open / close ---- */

int schema_info_open(struct schema_info **out, const struct bb_server_options *srv,
                     struct bb_error *err)
{
    *out = NULL;
    struct schema_info *si = calloc(1, sizeof *si);
    if (!si)
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    /* Keep our own copy of the connection strings: the caller's options
     * need not outlive the stream. */
    enum { N = 7 };
    const char *src[N] = { srv->host, srv->user, srv->password, srv->socket, srv->ssl_ca,
                           srv->ssl_cert, srv->ssl_key };
    size_t total = 0;
    for (int i = 0; i < N; i++)
        total += src[i] ? strlen(src[i]) + 1 : 0;
    si->strings = malloc(total + 1);
    if (!si->strings) {
        free(si);
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    }
    const char *copy[N] = { NULL };
    char *p = si->strings;
    for (int i = 0; i < N; i++) {
        if (!src[i])
            continue;
        size_t n = strlen(src[i]) + 1;
        memcpy(p, src[i], n);
        copy[i] = p;
        p += n;
    }
    si->srv = *srv;
    si->srv.host = copy[0];
    si->srv.user = copy[1];
    si->srv.password = copy[2];
    si->srv.socket = copy[3];
    si->srv.ssl_ca = copy[4];
    si->srv.ssl_cert = copy[5];
    si->srv.ssl_key = copy[6];
    si->srv.start_file = NULL;
    si->srv.start_gtid = NULL;
    si->srv.url_strings = NULL;
    server_conn_describe(&si->srv, si->where, sizeof si->where);
    *out = si;
    return 0;
}

void schema_info_close(struct schema_info *si)
{
    if (!si)
        return;
    describer_destroy(&si->desc);
    if (si->conn)
        mysql_close(si->conn);
    cache_forget_all(si);
    free(si->buckets);
    free(si->strings);
    free(si);
}

static int connect_lazily(struct schema_info *si, struct bb_error *err)
{
    if (si->conn)
        return 0;
    unsigned timeout = si->srv.read_timeout ? si->srv.read_timeout : SCHEMA_READ_TIMEOUT;
    int rc = server_conn_open(&si->conn, &si->srv, timeout, MAX_PACKET, err);
    if (rc == 0)
        rc = server_conn_query(si->conn, si->where, NULL, "SET NAMES utf8mb4", NULL, err);
    if (rc == 0)
        rc = describer_init(&si->desc, si->conn, si->where, "schema lookup", err);
    if (rc < 0) {
        bb_error_prefix(err, "schema lookup");
        describer_destroy(&si->desc);
        memset(&si->desc, 0, sizeof si->desc);
        if (si->conn)
            mysql_close(si->conn);
        si->conn = NULL;
    }
    return rc;
}

/* ---- reading a table ---- */

/* Describe schema.table into a new cache entry (not described when there
 * is no such table, or none the stream could use). Only what stops every
 * lookup is an error: the connection, memory, a query the server refused. */
static int load_table(struct schema_info *si, const char *schema, const char *table,
                      struct si_table **out, struct bb_error *err)
{
    *out = NULL;
    int rc = connect_lazily(si, err);
    if (rc < 0)
        return rc;
    struct si_table *e = calloc(1, sizeof *e);
    if (!e || !(e->schema = strdup(schema)) || !(e->name = strdup(table))) {
        if (e)
            free(e->schema);
        free(e);
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    }
    bb_arena_init(&e->mem);
    e->hash = name_hash(schema, strlen(schema), table, strlen(table));
    struct bb_error de = { 0 };
    rc = describer_table(&si->desc, schema, table, &e->mem, &e->d, &de);
    if (rc == 0) {
        e->described = true;
    } else if (de.code == BB_ERR_IO || de.code == BB_ERR_NOMEM ||
               (de.server_errno != 0 && de.server_errno != ER_NO_SUCH_TABLE)) {
        table_free(e);
        return bb_error_copy(err, &de);
    } else {
        /* No such table, or one the describer cannot describe (a type it
         * does not know, labels it cannot read): the table map stays as
         * the event has it; a guess would be worse than a gap. */
        bb_arena_destroy(&e->mem);
        bb_arena_init(&e->mem);
        memset(&e->d, 0, sizeof e->d);
    }
    *out = e;
    return 0;
}

/* ---- filling a table map ---- */

static bool is_numeric(uint8_t type) { return column_type_is_numeric(type); }
static bool is_character(uint8_t type) { return column_type_is_character(type); }
static bool is_enum_or_set(uint8_t type) { return column_type_is_enum_or_set(type); }

static bool in_words(const char *word, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(word, *list) == 0)
            return true;
    return false;
}

/* Can a column of information_schema DATA_TYPE dt be written to the binlog
 * as this type? Unknown pairs say no: the table is then left alone. */
static bool type_compatible(uint8_t type, const char *dt)
{
    static const char *const blobs[] = { "tinyblob", "blob", "mediumblob", "longblob",
                                         "tinytext", "text", "mediumtext", "longtext",
                                         "json", NULL };
    static const char *const geometries[] = { "geometry", "point", "linestring", "polygon",
                                              "multipoint", "multilinestring", "multipolygon",
                                              "geometrycollection", "geomcollection", NULL };
    /* MariaDB's INET4, INET6 and UUID are fixed-length binary strings. */
    static const char *const fixed[] = { "char", "binary", "inet4", "inet6", "uuid", NULL };
    static const char *const varying[] = { "varchar", "varbinary", NULL };
    switch (type) {
    case MYSQL_TYPE_TINY: return strcmp(dt, "tinyint") == 0;
    case MYSQL_TYPE_SHORT: return strcmp(dt, "smallint") == 0;
    case MYSQL_TYPE_INT24: return strcmp(dt, "mediumint") == 0;
    case MYSQL_TYPE_LONG: return strcmp(dt, "int") == 0 || strcmp(dt, "integer") == 0;
    case MYSQL_TYPE_LONGLONG: return strcmp(dt, "bigint") == 0;
    case MYSQL_TYPE_FLOAT: return strcmp(dt, "float") == 0;
    case MYSQL_TYPE_DOUBLE: return strcmp(dt, "double") == 0 || strcmp(dt, "real") == 0;
    case MYSQL_TYPE_DECIMAL:
    case MYSQL_TYPE_NEWDECIMAL: return strcmp(dt, "decimal") == 0 || strcmp(dt, "numeric") == 0;
    case MYSQL_TYPE_YEAR: return strcmp(dt, "year") == 0;
    case MYSQL_TYPE_DATE:
    case MYSQL_TYPE_NEWDATE: return strcmp(dt, "date") == 0;
    case MYSQL_TYPE_TIME:
    case MYSQL_TYPE_TIME2: return strcmp(dt, "time") == 0;
    case MYSQL_TYPE_DATETIME:
    case MYSQL_TYPE_DATETIME2: return strcmp(dt, "datetime") == 0;
    case MYSQL_TYPE_TIMESTAMP:
    case MYSQL_TYPE_TIMESTAMP2: return strcmp(dt, "timestamp") == 0;
    case MYSQL_TYPE_VARCHAR:
    case MYSQL_TYPE_VAR_STRING: return in_words(dt, varying);
    case MYSQL_TYPE_STRING: return in_words(dt, fixed);
    case MYSQL_TYPE_ENUM: return strcmp(dt, "enum") == 0;
    case MYSQL_TYPE_SET: return strcmp(dt, "set") == 0;
    case MYSQL_TYPE_BIT: return strcmp(dt, "bit") == 0;
    case MYSQL_TYPE_BLOB:
    case MYSQL_TYPE_TINY_BLOB:
    case MYSQL_TYPE_MEDIUM_BLOB:
    case MYSQL_TYPE_LONG_BLOB: return in_words(dt, blobs);
    case MYSQL_TYPE_JSON: return strcmp(dt, "json") == 0;
    case MYSQL_TYPE_GEOMETRY: return in_words(dt, geometries);
    case BB_TYPE_VECTOR: return strcmp(dt, "vector") == 0;
    default: return false;
    }
}

/* The pre-MySQL 5.6 temporal types. MariaDB still writes TIME(n),
 * DATETIME(n) and TIMESTAMP(n) with them when mysql56_temporal_format is
 * OFF, and their fractional digits (hence the cell width) are not in the
 * binlog: only the schema knows them. */
static bool is_old_temporal(uint8_t type)
{
    return type == MYSQL_TYPE_TIME || type == MYSQL_TYPE_DATETIME || type == MYSQL_TYPE_TIMESTAMP;
}

/* Does the table map lack anything the schema could give? */
/* A LONGTEXT column, which on MariaDB may be a JSON column: only the
 * schema's json_valid() check constraint says so. */
static bool maybe_json_text(const struct bb_column *c)
{
    return c->type == MYSQL_TYPE_BLOB && c->length_bytes == 4 && c->charset != 63;
}

static bool needs_fill(const struct bb_table *t)
{
    if (!t->has_names)
        return true;
    for (uint32_t i = 0; i < t->ncols; i++) {
        const struct bb_column *c = &t->cols[i];
        if (maybe_json_text(c))
            return true;
        if (is_old_temporal(c->type) && c->fsp == 0)
            return true;
        if (is_numeric(c->type) && !c->signedness_known)
            return true;
        if ((is_character(c->type) || is_enum_or_set(c->type)) && c->charset == 0)
            return true;
        if (is_enum_or_set(c->type) && c->nlabels == 0)
            return true;
    }
    return false;
}

/* The table map has the description's columns: all of them (the binlog
 * carries the hidden DB_ROW_HASH_<n> columns of long UNIQUE keys), or
 * those information_schema lists (an event from before such a key). */
static bool matches(const struct si_table *e, const struct bb_table *t)
{
    const struct table_description *d = &e->d;
    if (!e->described || (t->ncols != d->table.ncols && t->ncols != d->nlisted))
        return false;
    for (uint32_t i = 0; i < t->ncols; i++) {
        if (!type_compatible(t->cols[i].type, d->info[i].data_type))
            return false;
        if (t->has_names && t->cols[i].name &&
            strcasecmp(t->cols[i].name, d->table.cols[i].name) != 0)
            return false;
    }
    return true;
}

/* Copy what t lacks from e, into t's arena. Fields the event carried are
 * kept as they are. */
static int apply(const struct si_table *e, struct cached_table *ct, struct bb_error *err)
{
    struct bb_table *t = &ct->table;
    struct bb_arena *mem = &ct->mem;
    const struct bb_table *d = &e->d.table;
    bool fill_names = !t->has_names;
    for (uint32_t i = 0; i < t->ncols; i++) {
        struct bb_column *c = &t->cols[i];
        const struct bb_column *s = &d->cols[i];
        if (fill_names && !c->name) {
            c->name = bb_arena_strndup(mem, s->name, strlen(s->name));
            if (!c->name)
                return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
        }
        if (is_numeric(c->type) && !c->signedness_known) {
            c->is_unsigned = s->is_unsigned;
            c->signedness_known = true;
        }
        if (is_old_temporal(c->type) && c->fsp == 0)
            c->fsp = s->fsp;
        if (maybe_json_text(c) && s->json_text)
            c->json_text = true;
        /* 0 when the collation's name was not found; 63 (binary) for a
         * string without one */
        if ((is_character(c->type) || is_enum_or_set(c->type)) && c->charset == 0)
            c->charset = s->charset;
        if (is_enum_or_set(c->type) && c->nlabels == 0 && s->nlabels > 0) {
            const char **labels = bb_arena_alloc(mem, s->nlabels * sizeof *labels);
            uint32_t *lens = bb_arena_alloc(mem, s->nlabels * sizeof *lens);
            if (!labels || !lens)
                return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
            for (uint32_t k = 0; k < s->nlabels; k++) {
                labels[k] = bb_arena_strndup(mem, s->labels[k], s->label_lens[k]);
                if (!labels[k])
                    return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
                lens[k] = s->label_lens[k];
            }
            c->labels = labels;
            c->label_lens = lens;
            c->nlabels = s->nlabels;
        }
    }
    if (fill_names)
        t->has_names = true;
    if (t->npk == 0 && d->npk > 0) {
        uint32_t *pk = bb_arena_alloc(mem, d->npk * sizeof *pk);
        if (!pk)
            return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
        memcpy(pk, d->pk, d->npk * sizeof *pk);
        for (uint32_t k = 0; k < d->npk; k++)
            t->cols[pk[k]].in_primary_key = true;
        t->pk = pk;
        t->npk = d->npk;
    }
    return 0;
}

int schema_info_fill(struct schema_info *si, struct cached_table *ct, struct bb_error *err)
{
    struct bb_table *t = &ct->table;
    if (!si || !t->schema || !t->name || !needs_fill(t))
        return 0;
    struct si_table *e = cache_get(si, t->schema, t->name);
    if (!e) {
        int rc = load_table(si, t->schema, t->name, &e, err);
        if (rc == 0)
            rc = cache_put(si, e, err);
        if (rc < 0)
            return rc;
    }
    return matches(e, t) ? apply(e, ct, err) : 0;
}

/* ---- DDL ---- */

void schema_info_note_query(struct schema_info *si, const struct bb_ev_query *q,
                            const char *server_version)
{
    if (!si || si->count == 0 || !q->query.p)
        return;
    struct ddl_statement d;
    ddl_parse(q, server_version, &d);
    if (d.action == DDL_NONE)
        return;
    if (d.action == DDL_UNSURE || d.action == DDL_DROP_DATABASE) {
        cache_forget_all(si);
        return;
    }
    for (size_t i = 0; i < d.nnames; i++)
        cache_forget(si, d.names[i].schema, d.names[i].schema_len, d.names[i].table,
                     d.names[i].table_len);
}
