/* mongo.c - the MongoDB sink: one document per row, written with bulk
 * writes, the checkpoint after them (or with them, in one transaction, where
 * the server has transactions).
 *
 * Where (per MongoDB output of a table, its rule's `mongo` group or the
 * default one): database and collection are the output's templates with
 * {schema} and {table} filled in; `_id` is the row key (plan->key_cols: the
 * primary key or the rule's key_columns): the key column's value, or for
 * several a sub-document {field: value, ...} in key order; the fields are
 * the kept columns (include/exclude), named by the renames (also inside a
 * composite _id), `_id` first. A key column is also a field, unless its
 * field name is `_id` itself.
 *
 * Values (mongo_append_value):
 *   NULL                                   null
 *   TINYINT, SMALLINT, MEDIUMINT, INT      int32 (also UNSIGNED, except INT UNSIGNED)
 *   INT UNSIGNED, BIGINT                   int64
 *   BIGINT UNSIGNED                        int64 up to 2^63-1, Decimal128 beyond
 *   FLOAT                                  double of its shortest text (3.14, not
 *                                          3.140000104904175: what SELECT shows)
 *   DOUBLE                                 double
 *   DECIMAL(p,s)                           Decimal128 with exactly s fraction digits;
 *                                          a value with more than 34 significant digits
 *                                          (DECIMAL(65,30)) drops trailing fraction zeros
 *                                          to fit, and when it still does not fit it is
 *                                          the exact decimal string: never rounded
 *   DATE, DATETIME, TIMESTAMP              Date (ms since the epoch; DATE at 00:00,
 *                                          DATETIME taken as UTC; digits below the
 *                                          millisecond dropped); zero and invalid
 *                                          dates (0000-00-00, 2024-02-00, 2024-02-31)
 *                                          are null. dates = "string": the text form
 *                                          instead, every digit and zero dates kept
 *   TIME                                   string, text form ("-838:59:59.000000")
 *   YEAR                                   int32
 *   CHAR, VARCHAR, TEXT                    string, UTF-8 from the column's charset (text
 *                                          of unknown charset that is not UTF-8: BinData)
 *   BINARY, VARBINARY, BLOB                BinData subtype 0
 *   ENUM                                   string (its label; '' for the error value)
 *   SET                                    array of label strings (in an _id: the
 *                                          text form, "a,b", as _id cannot be an array)
 *                                          ENUM and SET labels that are not UTF-8 (binary
 *                                          charset): BinData of the text form
 *   BIT                                    int64 (Decimal128 above 2^63-1)
 *   JSON (MySQL binary)                    the document, array or scalar: integers int32
 *                                          when they fit, else int64, UINT64 beyond
 *                                          int64 Decimal128, doubles double, DECIMAL
 *                                          inside JSON Decimal128, dates and times
 *                                          inside JSON strings (as MySQL prints them),
 *                                          other opaque values BinData
 *   JSON (MariaDB, LONGTEXT marked by its  the same from the text: integers int32/int64,
 *     json_valid() check: col->json_text)  Decimal128 beyond (exact up to 34 digits,
 *                                          else double), other numbers double; text
 *                                          that is not JSON stays a string
 *   GEOMETRY                               GeoJSON (Point, LineString, Polygon,
 *                                          MultiPoint, MultiLineString, MultiPolygon,
 *                                          GeometryCollection) when the SRID is 0 or
 *                                          4326 and the WKB is 2-D; else BinData of the
 *                                          stored bytes (SRID + WKB)
 *   VECTOR                                 array of doubles
 *
 * A JSON value with an object key holding '.' or beginning with '$' is its
 * JSON text on every server: MongoDB before 5.0 refuses such keys in stored
 * documents, 5.0+ refuses some updates of documents holding them, and a
 * query cannot reach them by path anyway; one form everywhere lets a mirror
 * move between servers unchanged.
 *
 * FerretDB 1.x (found by buildInfo's ferretdbVersion) cannot store some of
 * these, and drops the connection for a Decimal128 (which would look like
 * a network failure and be retried for ever): there Decimal128 values are
 * their exact decimal strings, GeoJSON whose coordinates nest arrays (all
 * but Point) is BinData, and a JSON value holding an array directly inside
 * an array is its JSON text. Its bulk writes are cut into commands of
 * FERRETDB_OPS_PER_WRITE operations, and it never gets transactions.
 *
 * Names (mongo_escape_name; README, "MongoDB"). Schema, table and column
 * names come from the source, and MySQL allows names MongoDB cannot hold.
 * Such a name is escaped where it is used: each byte MongoDB refuses there
 * becomes %XX (two upper-case hex digits), and '%' itself is always %25,
 * so that replacing every %XX by its byte gives the source name back: two
 * distinct names never make the same MongoDB name. Escaped are:
 *   in a database name     / \ . space " $ * < > : | ? (those of Windows
 *     ({schema}, {table})  too, so a name works on every server), and the
 *                          whole names admin, local and config in any case
 *                          (MongoDB's own databases; their first letter)
 *   in a collection name   $, and at its start a '.' and the 's' of "system."
 *   in a field name        '.', a leading '$', and _id for a column that is
 *                          not the row key alone (%5Fid)
 *   everywhere             NUL and bytes that are not UTF-8
 * A template's own text is checked when the configuration is loaded and
 * is not escaped. The first row of a table whose names were escaped logs
 * the names it gets. What escaping cannot make valid leaves the table out
 * of that output, with one warning naming it and the reason, and the
 * bridge goes on (a stop would come back at every restart): a database
 * name over 63 bytes, a namespace database.collection over the server's
 * limit (255 bytes, 120 before MongoDB 4.4), a database name that differs
 * only in case from one the server has or this process writes (MongoDB
 * refuses those; the first one met wins, on every server), the collection
 * of binbridge's checkpoints, and on FerretDB 1.x what it refuses beyond
 * MongoDB: database names other than ASCII letters, digits, '_' and '-'
 * (so every escaped one), names starting with "_ferretdb_",
 * collection names with '"' or over 235 bytes.
 *
 * Operations, buffered per collection in add() and written by commit() as
 * one ordered bulk write per collection (order per _id is kept):
 *   insert (and snapshot rows)   replaceOne({_id}, doc, upsert)
 *   update                       replaceOne({_id}, doc, upsert); when the key
 *                                changed, deleteOne({_id: old}) first
 *   update, partial image        $set of the columns the image has (absent =
 *     (binlog_row_image=MINIMAL) unchanged); a key change is refused (the
 *                                old document cannot be moved without reading)
 *   delete                       deleteOne({_id})
 *   update = "set":              inserts and updates are
 *                                updateOne({_id}, {$set: {...}}, upsert) of
 *                                every kept column (inserts, moved rows) or of
 *                                the changed ones (updates), so fields written
 *                                by others survive
 *
 * Exactly once: every operation sets a document to a state that depends
 * only on the row change (upserts and deletes by _id, $set of values), so
 * applying a batch again after a crash between the data and the checkpoint
 * converges to the same documents. commit() writes the bulks, then the
 * checkpoint (collection `binbridge` of the URL's database, or of database
 * `binbridge`; _id = the checkpoint name; the fields of checkpoint.h as
 * strings). On a replica set or through mongos (sessions and transactions,
 * hello's setName or msg "isdbgrid") the bulks and the checkpoint are one
 * transaction instead.
 *
 * clear_table() deletes every document of the table's collections at once
 * (deleteMany({})) when the output's names are the table's own ({schema}
 * and {table} both in the templates, or {table} under a rule whose match
 * names one schema); otherwise it warns and leaves them.
 *
 * A document (or $set) over the server's maxBsonObjectSize (16 MB) is
 * refused when it is added: cfg->mongo_oversize "stop" fails with
 * BB_ERR_LIMIT naming the table and _id (not retried: it would fail
 * again), "skip" logs the same and leaves that row change out.
 *
 * Errors name the server and the collection. Network failures, an
 * unreachable server and the server's "try again" codes (not primary,
 * shutting down, TransientTransactionError) are BB_ERR_IO: the bridge
 * reconnects and resumes from the checkpoint. So are the first
 * DUP_KEY_RETRIES duplicate-key refusals of an upsert (see
 * write_error_class). Other refusals are BB_ERR_SERVER. */
#include "sinks/mongo/mongo.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <unistd.h>

#include <mongoc/mongoc.h>

#include "base/buf.h"
#include "mapping/checkpoint.h"
#include "base/cursor.h"
#include "base/error.h"
#include "base/format_number.h"
#include "values/json_binary.h"
#include "base/charset.h"
#include "base/log.h"
#include "mapping/mapper.h"
#include "sinks/sink.h"
#include "base/url.h"

#define CONNECT_TIMEOUT_MS 5000
#define SELECT_TIMEOUT_MS 5000
#define SOCKET_TIMEOUT_MS 60000
#define DEFAULT_CHECKPOINT_NAME "binbridge"
#define CHECKPOINT_DB "binbridge"
#define CHECKPOINT_COLLECTION "binbridge"
#define DEFAULT_MAX_BSON (16 * 1024 * 1024)
/* MongoDB refuses documents nested deeper than 100 levels; a JSON value
 * deeper than this (its field and the row document are two more) is
 * written as its text. */
#define JSON_MAX_DEPTH 97
/* FerretDB 1.x keeps every update of an update command holding a SQLite
 * connection until the command ends, out of a pool of 100: a command of
 * about 100 updates deadlocks, and long before that the open read
 * transactions make each write slower. Its bulk writes are cut into
 * commands of this many operations. */
#define FERRETDB_OPS_PER_WRITE 32
/* Nested geometry collections deeper than this are written as BinData. */
#define GEO_MAX_DEPTH 32
/* mongo_sink.field_off of a column named by its own name, or by a rename. */
#define FIELD_AS_IS SIZE_MAX
#define FIELD_RENAMED (SIZE_MAX - 1)

enum op_kind { OP_REPLACE = 1, OP_SET, OP_DELETE };

/* The pending operations on one collection: each is its kind byte, the
 * selector {_id: ...} and, but for a delete, the replacement or update
 * document, as BSON bytes one after the other. */
struct pending_coll {
    char *db, *coll;
    struct bb_buf ops;
    size_t nops;
    char *clash;                    /* the existing database whose name differs from db
                                       only in case (db_clash): nothing is written here */
};

/* A set of byte strings, looked up one by one: it holds a few entries per
 * table at most (what was logged once, the databases the server has). */
struct name_entry {
    char *p;
    size_t n;
};

struct name_set {
    struct name_entry *v;
    size_t n, cap;
};

struct mongo_sink {
    mongoc_uri_t *uri;
    mongoc_client_t *client;        /* NULL when not connected */
    char where[300];                /* "host:port[,host:port]" for messages */
    char server[64];                /* "MongoDB 7.0.4", "FerretDB v1.24.2" */
    char *ckpt_name;
    char *ckpt_db;
    bool use_txn;                   /* replica set or mongos: one transaction per batch */
    bool ferret;                    /* FerretDB 1.x (see FERRETDB_OPS_PER_WRITE and vopts) */
    int32_t max_bson;
    size_t max_ns;                  /* bytes of database.collection the server takes */
    struct mongo_value_opts vopts;  /* per target: dates_as_strings set in add() */
    enum mongo_oversize oversize;
    unsigned dup_retries;           /* duplicate-key failures since the last commit */

    struct pending_coll *colls;
    size_t ncolls, colls_cap, last;
    size_t pending;                 /* bytes buffered */
    size_t nops;
    size_t keep_bytes;

    /* Scratch, kept across calls. */
    bson_t sel, doc, upd;
    struct bb_buf text, dbname, collname, idtext;
    const char **fields;            /* per column: its field name; NULL: not written */
    size_t *field_off;              /* per column: its escaped name's offset in fieldnames,
                                       or FIELD_AS_IS, FIELD_RENAMED */
    uint32_t fields_cap;
    struct bb_buf fieldnames, note;
    char why[200];                  /* why names_refused refuses */
    struct name_set logged;         /* what was said once (escaped names, tables left out) */
    struct name_set dbs;            /* databases that exist or are written (db_clash) */
    struct bb_value *merged;
    uint32_t merged_cap;
    bool *want;                     /* per column: $set it */
    uint32_t want_cap;
    size_t *marks;                  /* per collection: its length and op count before add() */
    size_t marks_cap;
    char cpvals[CHECKPOINT_NFIELDS][CHECKPOINT_GTID_MAX];
};

/* ------------------------------------------------------------------ */
/* libmongoc setup                                                     */

static pthread_once_t init_once = PTHREAD_ONCE_INIT;

/* libmongoc's messages go to our log at debug level: its errors and
 * warnings repeat what the failing call returns, which the sink reports on
 * one line ("Empty hostname in URI"), or are noise ("Couldn't send
 * endSessions" from a server without that command, FerretDB, whenever a
 * client closes). */
static void mongoc_log_to_ours(mongoc_log_level_t level, const char *domain, const char *msg,
                               void *data)
{
    (void)data;
    log_debug("libmongoc %s %s: %s", mongoc_log_level_str(level), domain ? domain : "", msg);
}

static void init_mongoc(void)
{
    /* libmongoc keeps counters in /dev/shm/mongoc-<pid>, which every
     * killed process leaves behind, and a later process given the same
     * pid warns on stderr. Debian's libmongoc initialises itself when it
     * is loaded, so MONGOC_DISABLE_SHM (set for anything libmongoc starts
     * after this) comes too late for this process: its segment is already
     * mapped. Removing its name leaves the mapping in use and nothing
     * behind (libmongoc's own unlink at exit then finds nothing). */
    if (!getenv("MONGOC_DISABLE_SHM")) {
        char name[32];
        snprintf(name, sizeof name, "/mongoc-%u", (unsigned)getpid());
        (void)shm_unlink(name);
        setenv("MONGOC_DISABLE_SHM", "1", 0);
    }
    mongoc_log_set_handler(mongoc_log_to_ours, NULL);
    mongoc_init();
}

/* ------------------------------------------------------------------ */
/* Values                                                              */

static int set_appended(bool ok, struct bb_error *err)
{
    return ok ? 0 : bb_error_set(err, BB_ERR_LIMIT, "a BSON document grew past 2 GB");
}

/* days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
 * days_from_civil). */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

static bool leap(uint32_t y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* A real calendar date (not zero, no zero part, not Feb 31). */
static bool valid_date(const struct bb_time *t)
{
    static const uint8_t mdays[13] = { 0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (t->year < 1 || t->year > 9999 || t->month < 1 || t->month > 12 || t->day < 1)
        return false;
    unsigned max = mdays[t->month] + (t->month == 2 && leap(t->year));
    return t->day <= max && t->hour < 24 && t->minute < 60 && t->second < 60 &&
           t->usec < 1000000;
}

static int append_text_form(bson_t *doc, const char *key, size_t keylen, const struct bb_value *v,
                            struct bb_buf *s, struct bb_error *err)
{
    bb_buf_reset(s);
    int rc = bb_value_format_text(v, s, err);
    if (rc < 0)
        return rc;
    const char *text = s->len ? s->data : "";
    if (!utf8_valid((const uint8_t *)text, s->len))     /* a label of the binary charset */
        return set_appended(bson_append_binary(doc, key, (int)keylen, BSON_SUBTYPE_BINARY,
                                               (const uint8_t *)text, (uint32_t)s->len), err);
    return set_appended(bson_append_utf8(doc, key, (int)keylen, text, (int)s->len), err);
}

/* An exact decimal number: Decimal128 when its value fits (trailing
 * fraction zeros dropped if that is what it takes), else (or on a server
 * without Decimal128) its text. */
static int append_decimal_text(bson_t *doc, const char *key, size_t keylen, const char *text,
                               size_t len, const struct mongo_value_opts *o, struct bb_error *err)
{
    char buf[BSON_DECIMAL128_STRING + 100];
    if (!o->no_decimal128 && len < sizeof buf) {
        memcpy(buf, text, len);
        buf[len] = '\0';
        bson_decimal128_t d;
        bool ok = bson_decimal128_from_string(buf, &d);
        if (!ok && memchr(buf, '.', len) && !memchr(buf, 'e', len) && !memchr(buf, 'E', len)) {
            size_t n = len;
            while (!ok && n > 0 && buf[n - 1] == '0') {
                buf[--n] = '\0';
                ok = bson_decimal128_from_string(buf, &d);
            }
        }
        if (ok)
            return set_appended(bson_append_decimal128(doc, key, (int)keylen, &d), err);
    }
    return set_appended(bson_append_utf8(doc, key, (int)keylen, text, (int)len), err);
}

static int append_u64(bson_t *doc, const char *key, size_t keylen, uint64_t u,
                      const struct mongo_value_opts *o, struct bb_error *err)
{
    if (u <= INT64_MAX)
        return set_appended(bson_append_int64(doc, key, (int)keylen, (int64_t)u), err);
    char tmp[24];
    int n = snprintf(tmp, sizeof tmp, "%llu", (unsigned long long)u);
    return append_decimal_text(doc, key, keylen, tmp, (size_t)n, o, err);
}

static int append_int_by_value(bson_t *doc, const char *key, size_t keylen, int64_t i,
                               struct bb_error *err)
{
    if (i >= INT32_MIN && i <= INT32_MAX)
        return set_appended(bson_append_int32(doc, key, (int)keylen, (int32_t)i), err);
    return set_appended(bson_append_int64(doc, key, (int)keylen, i), err);
}

/* FLOAT as the double of its shortest decimal text. */
static double float_as_double(float f, struct bb_buf *s)
{
    bb_buf_reset(s);
    format_float(f, s);
    if (s->oom || !s->len)
        return (double)f;
    return strtod(s->data, NULL);
}

/* ---- MySQL binary JSON -> BSON ----
 * The layout is json_binary.c's: a type byte, then the value; objects and
 * arrays (small: 2-byte counts and offsets; large: 4-byte) hold element
 * count, byte size, key entries (offset, 2-byte length), value entries
 * (type, inline value or offset), keys and values; offsets count from the
 * container's count field. */

enum {
    JSONB_SMALL_OBJECT = 0x00, JSONB_LARGE_OBJECT = 0x01, JSONB_SMALL_ARRAY = 0x02,
    JSONB_LARGE_ARRAY = 0x03, JSONB_LITERAL = 0x04, JSONB_INT16 = 0x05, JSONB_UINT16 = 0x06,
    JSONB_INT32 = 0x07, JSONB_UINT32 = 0x08, JSONB_INT64 = 0x09, JSONB_UINT64 = 0x0a,
    JSONB_DOUBLE = 0x0b, JSONB_STRING = 0x0c, JSONB_OPAQUE = 0x0f,
};

/* Returned by the JSON converters when the value must be written as its
 * text instead (a server limitation, a NUL in a key, too deep). */
#define AS_TEXT 1

struct jconv {
    const struct mongo_value_opts *o;
    struct bb_buf *scratch;
    struct bb_error *err;
};

static int jcorrupt(struct jconv *j, const char *why)
{
    return bb_error_set(j->err, BB_ERR_CORRUPT, "JSON: %s", why);
}

static int jb_varlen(struct jconv *j, struct cursor *c, uint32_t *out)
{
    uint64_t v = 0;
    for (int i = 0; i < 5; i++) {
        if (cursor_left(c) < 1)
            return jcorrupt(j, "variable-length size truncated");
        uint8_t b = cursor_u8(c);
        v |= (uint64_t)(b & 0x7f) << (7 * i);
        if (!(b & 0x80)) {
            if (v > UINT32_MAX)
                return jcorrupt(j, "variable-length size too large");
            *out = (uint32_t)v;
            return 0;
        }
    }
    return jcorrupt(j, "variable-length size longer than 5 bytes");
}

/* May key[0..n) be a field name of an embedded document here? */
static bool key_storable(const struct mongo_value_opts *o, const char *k, size_t n)
{
    if (memchr(k, '\0', n))
        return false;
    if (o->plain_keys && ((n && k[0] == '$') || memchr(k, '.', n)))
        return false;
    return true;
}

static int jb_value(struct jconv *j, bson_t *parent, const char *key, size_t keylen,
                    uint8_t type, struct cursor *c, int depth, bool in_array);

static int jb_container(struct jconv *j, bson_t *parent, const char *key, size_t keylen,
                        uint8_t type, struct cursor *c, int depth, bool in_array)
{
    bool large = type == JSONB_LARGE_OBJECT || type == JSONB_LARGE_ARRAY;
    bool object = type == JSONB_SMALL_OBJECT || type == JSONB_LARGE_OBJECT;
    int ob = large ? 4 : 2;
    if (depth > JSON_MAX_DEPTH)
        return AS_TEXT;
    if (!object && in_array && j->o->no_nested_arrays)
        return AS_TEXT;
    const uint8_t *base = cursor_here(c);
    size_t avail = cursor_left(c);
    if (avail < (size_t)ob * 2)
        return jcorrupt(j, "container header truncated");
    struct cursor h = cursor_make(base, avail);
    uint64_t count = cursor_uint_le(&h, ob), size = cursor_uint_le(&h, ob);
    if (size > avail)
        return jcorrupt(j, "container size exceeds its document");
    size_t key_entry = object ? (size_t)ob + 2 : 0, val_entry = 1 + (size_t)ob;
    if (count > size || (size_t)ob * 2 + count * (key_entry + val_entry) > size)
        return jcorrupt(j, "container entries exceed its size");
    /* json_binary.c's rule: no two entries share or overlap a child, so
     * each byte is converted once (else a few hundred bytes of entries
     * naming one child per level are gigabytes of BSON). */
    if (json_binary_check_container(type, base, avail, j->err) < 0)
        return BB_ERR_CORRUPT;
    cursor_skip(c, (size_t)size);

    bson_t child;
    bool ok = object ? bson_append_document_begin(parent, key, (int)keylen, &child)
                     : bson_append_array_begin(parent, key, (int)keylen, &child);
    if (!ok)
        return set_appended(false, j->err);
    int rc = 0;
    for (uint64_t i = 0; i < count && rc == 0; i++) {
        char ibuf[16];
        const char *k;
        size_t klen;
        if (object) {
            struct cursor ke = cursor_make(base + (size_t)ob * 2 + i * key_entry, key_entry);
            uint64_t koff = cursor_uint_le(&ke, ob), kl = cursor_u16le(&ke);
            if (koff > size || kl > size - koff) {
                rc = jcorrupt(j, "object key outside its object");
                break;
            }
            k = (const char *)base + koff;
            klen = (size_t)kl;
            if (!utf8_valid((const uint8_t *)k, klen)) {
                rc = jcorrupt(j, "object key is not valid UTF-8");
                break;
            }
            if (!key_storable(j->o, k, klen)) {
                rc = AS_TEXT;
                break;
            }
        } else {
            klen = bson_uint32_to_string((uint32_t)i, &k, ibuf, sizeof ibuf);
        }
        struct cursor ve = cursor_make(base + (size_t)ob * 2 + count * key_entry + i * val_entry,
                                       val_entry);
        uint8_t vt = cursor_u8(&ve);
        bool inl = vt == JSONB_LITERAL || vt == JSONB_INT16 || vt == JSONB_UINT16 ||
                   (large && (vt == JSONB_INT32 || vt == JSONB_UINT32));
        if (inl) {
            rc = jb_value(j, &child, k, klen, vt, &ve, depth + 1, !object);
        } else {
            uint64_t voff = cursor_uint_le(&ve, ob);
            if (voff >= size) {
                rc = jcorrupt(j, "value offset outside its container");
                break;
            }
            struct cursor vc = cursor_make(base + voff, (size_t)(size - voff));
            rc = jb_value(j, &child, k, klen, vt, &vc, depth + 1, !object);
        }
    }
    ok = object ? bson_append_document_end(parent, &child) : bson_append_array_end(parent, &child);
    if (rc == 0 && !ok)
        rc = set_appended(false, j->err);
    return rc;
}

/* An opaque value: a MySQL type byte, a variable length, the bytes. */
static int jb_opaque(struct jconv *j, bson_t *parent, const char *key, size_t keylen,
                     struct cursor *c)
{
    if (cursor_left(c) < 1)
        return jcorrupt(j, "opaque value truncated");
    uint8_t ftype = cursor_u8(c);
    uint32_t len;
    int rc = jb_varlen(j, c, &len);
    if (rc < 0)
        return rc;
    if (len > cursor_left(c))
        return jcorrupt(j, "opaque value longer than its document");
    const uint8_t *p = cursor_bytes(c, len);
    if (ftype != MYSQL_TYPE_NEWDECIMAL && ftype != MYSQL_TYPE_DATE && ftype != MYSQL_TYPE_TIME &&
        ftype != MYSQL_TYPE_DATETIME && ftype != MYSQL_TYPE_TIMESTAMP &&
        ftype != MYSQL_TYPE_VAR_STRING)
        return set_appended(bson_append_binary(parent, key, (int)keylen, BSON_SUBTYPE_BINARY, p,
                                               len), j->err);
    /* The text json_binary.c gives this value alone: a bare decimal, or a
     * quoted date/time or string. */
    struct bb_buf *s = j->scratch;
    uint8_t hdr[16];     /* 2 bytes and a length of at most 5 */
    size_t hl = 0;
    hdr[hl++] = JSONB_OPAQUE;
    hdr[hl++] = ftype;
    uint32_t v = len;
    do {
        hdr[hl++] = (uint8_t)((v & 0x7f) | (v > 0x7f ? 0x80 : 0));
        v >>= 7;
    } while (v);
    struct bb_buf whole;
    bb_buf_init(&whole);
    char *w = bb_buf_reserve(&whole, hl + len);
    if (!w) {
        bb_buf_destroy(&whole);
        return bb_error_set(j->err, BB_ERR_NOMEM, "out of memory");
    }
    memcpy(w, hdr, hl);
    memcpy(w + hl, p, len);
    whole.len = hl + len;
    bb_buf_reset(s);
    rc = json_binary_to_text((const uint8_t *)whole.data, whole.len, s, j->err);
    bb_buf_destroy(&whole);
    if (rc < 0)
        return rc;
    if (ftype == MYSQL_TYPE_NEWDECIMAL)
        return append_decimal_text(parent, key, keylen, s->data, s->len, j->o, j->err);
    if (s->len < 2 || s->data[0] != '"')
        return jcorrupt(j, "opaque value did not render as a string");
    if (ftype == MYSQL_TYPE_VAR_STRING) {
        /* The raw bytes rather than the escaped JSON string (the render
         * checked they are UTF-8). */
        return set_appended(bson_append_utf8(parent, key, (int)keylen, (const char *)p, (int)len),
                            j->err);
    }
    return set_appended(bson_append_utf8(parent, key, (int)keylen, s->data + 1,
                                         (int)(s->len - 2)), j->err);
}

static int jb_value(struct jconv *j, bson_t *parent, const char *key, size_t keylen,
                    uint8_t type, struct cursor *c, int depth, bool in_array)
{
    int k = (int)keylen;
    switch (type) {
    case JSONB_SMALL_OBJECT: case JSONB_LARGE_OBJECT:
    case JSONB_SMALL_ARRAY: case JSONB_LARGE_ARRAY:
        return jb_container(j, parent, key, keylen, type, c, depth, in_array);
    case JSONB_LITERAL: {
        if (cursor_left(c) < 1)
            return jcorrupt(j, "literal truncated");
        uint8_t v = cursor_u8(c);
        if (v == 0)
            return set_appended(bson_append_null(parent, key, k), j->err);
        if (v == 1 || v == 2)
            return set_appended(bson_append_bool(parent, key, k, v == 1), j->err);
        return jcorrupt(j, "unknown literal");
    }
    case JSONB_INT16: case JSONB_UINT16:
        if (cursor_left(c) < 2)
            return jcorrupt(j, "int16 truncated");
        return set_appended(bson_append_int32(parent, key, k, type == JSONB_INT16
                                              ? (int32_t)(int16_t)cursor_u16le(c)
                                              : (int32_t)cursor_u16le(c)), j->err);
    case JSONB_INT32:
        if (cursor_left(c) < 4)
            return jcorrupt(j, "int32 truncated");
        return set_appended(bson_append_int32(parent, key, k, (int32_t)cursor_u32le(c)), j->err);
    case JSONB_UINT32:
        if (cursor_left(c) < 4)
            return jcorrupt(j, "int32 truncated");
        return append_int_by_value(parent, key, keylen, cursor_u32le(c), j->err);
    case JSONB_INT64:
        if (cursor_left(c) < 8)
            return jcorrupt(j, "int64 truncated");
        return append_int_by_value(parent, key, keylen, (int64_t)cursor_u64le(c), j->err);
    case JSONB_UINT64: {
        if (cursor_left(c) < 8)
            return jcorrupt(j, "int64 truncated");
        uint64_t u = cursor_u64le(c);
        if (u <= INT64_MAX)
            return append_int_by_value(parent, key, keylen, (int64_t)u, j->err);
        return append_u64(parent, key, keylen, u, j->o, j->err);
    }
    case JSONB_DOUBLE: {
        if (cursor_left(c) < 8)
            return jcorrupt(j, "double truncated");
        uint64_t bits = cursor_u64le(c);
        double d;
        memcpy(&d, &bits, 8);
        if (!isfinite(d))
            return jcorrupt(j, "double is not finite");
        return set_appended(bson_append_double(parent, key, k, d), j->err);
    }
    case JSONB_STRING: {
        uint32_t len;
        int rc = jb_varlen(j, c, &len);
        if (rc < 0)
            return rc;
        if (len > cursor_left(c))
            return jcorrupt(j, "string longer than its document");
        const uint8_t *p = cursor_bytes(c, len);
        if (!utf8_valid(p, len))
            return jcorrupt(j, "string is not valid UTF-8");
        return set_appended(bson_append_utf8(parent, key, k, (const char *)p, (int)len), j->err);
    }
    case JSONB_OPAQUE:
        return jb_opaque(j, parent, key, keylen, c);
    default:
        return bb_error_set(j->err, BB_ERR_CORRUPT, "JSON: unknown value type 0x%02x",
                            (unsigned)type);
    }
}

/* ---- JSON text -> BSON (MariaDB JSON columns) ---- */

struct jt {
    const unsigned char *p, *end;
    struct jconv *j;
    struct bb_buf *str;         /* an unescaped string */
};

static void jt_ws(struct jt *t)
{
    while (t->p < t->end && (*t->p == ' ' || *t->p == '\t' || *t->p == '\n' || *t->p == '\r'))
        t->p++;
}

static int hex4(const unsigned char *p, uint32_t *out)
{
    uint32_t v = 0;
    for (int i = 0; i < 4; i++) {
        unsigned char ch = p[i];
        int d = ch >= '0' && ch <= '9' ? ch - '0' : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10
              : ch >= 'A' && ch <= 'F' ? ch - 'A' + 10 : -1;
        if (d < 0)
            return -1;
        v = v << 4 | (uint32_t)d;
    }
    *out = v;
    return 0;
}

static void put_utf8(struct bb_buf *b, uint32_t cp)
{
    char u[4];
    size_t n;
    if (cp < 0x80) {
        u[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        u[0] = (char)(0xc0 | cp >> 6);
        u[1] = (char)(0x80 | (cp & 0x3f));
        n = 2;
    } else if (cp < 0x10000) {
        u[0] = (char)(0xe0 | cp >> 12);
        u[1] = (char)(0x80 | (cp >> 6 & 0x3f));
        u[2] = (char)(0x80 | (cp & 0x3f));
        n = 3;
    } else {
        u[0] = (char)(0xf0 | cp >> 18);
        u[1] = (char)(0x80 | (cp >> 12 & 0x3f));
        u[2] = (char)(0x80 | (cp >> 6 & 0x3f));
        u[3] = (char)(0x80 | (cp & 0x3f));
        n = 4;
    }
    bb_buf_append(b, u, n);
}

/* A string into t->str (unescaped). Returns 0, or AS_TEXT when it is not
 * valid JSON. */
static int jt_string(struct jt *t)
{
    struct bb_buf *s = t->str;
    bb_buf_reset(s);
    if (t->p >= t->end || *t->p != '"')
        return AS_TEXT;
    t->p++;
    const unsigned char *run = t->p;
    for (;;) {
        if (t->p >= t->end)
            return AS_TEXT;
        unsigned char ch = *t->p;
        if (ch == '"' || ch == '\\') {
            bb_buf_append(s, run, (size_t)(t->p - run));
            if (ch == '"') {
                t->p++;
                break;
            }
            if (t->end - t->p < 2)
                return AS_TEXT;
            unsigned char e = t->p[1];
            t->p += 2;
            switch (e) {
            case '"': bb_buf_putc(s, '"'); break;
            case '\\': bb_buf_putc(s, '\\'); break;
            case '/': bb_buf_putc(s, '/'); break;
            case 'b': bb_buf_putc(s, '\b'); break;
            case 'f': bb_buf_putc(s, '\f'); break;
            case 'n': bb_buf_putc(s, '\n'); break;
            case 'r': bb_buf_putc(s, '\r'); break;
            case 't': bb_buf_putc(s, '\t'); break;
            case 'u': {
                uint32_t cp, lo;
                if (t->end - t->p < 4 || hex4(t->p, &cp) < 0)
                    return AS_TEXT;
                t->p += 4;
                if (cp >= 0xd800 && cp < 0xdc00) {
                    if (t->end - t->p < 6 || t->p[0] != '\\' || t->p[1] != 'u' ||
                        hex4(t->p + 2, &lo) < 0 || lo < 0xdc00 || lo > 0xdfff)
                        return AS_TEXT;
                    t->p += 6;
                    cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
                } else if (cp >= 0xdc00 && cp < 0xe000) {
                    return AS_TEXT;
                }
                put_utf8(s, cp);
                break;
            }
            default:
                return AS_TEXT;
            }
            run = t->p;
        } else if (ch < 0x20) {
            return AS_TEXT;
        } else {
            t->p++;
        }
    }
    if (!utf8_valid((const uint8_t *)(s->len ? s->data : ""), s->len))
        return AS_TEXT;
    return bb_buf_check(s, t->j->err);
}

static int jt_number(struct jt *t, bson_t *parent, const char *key, size_t keylen)
{
    const unsigned char *start = t->p;
    bool integer = true;
    if (t->p < t->end && *t->p == '-')
        t->p++;
    const unsigned char *digits = t->p;
    while (t->p < t->end && *t->p >= '0' && *t->p <= '9')
        t->p++;
    size_t ndig = (size_t)(t->p - digits);
    if (ndig == 0 || (ndig > 1 && digits[0] == '0'))
        return AS_TEXT;
    if (t->p < t->end && *t->p == '.') {
        integer = false;
        t->p++;
        const unsigned char *f = t->p;
        while (t->p < t->end && *t->p >= '0' && *t->p <= '9')
            t->p++;
        if (t->p == f)
            return AS_TEXT;
    }
    if (t->p < t->end && (*t->p == 'e' || *t->p == 'E')) {
        integer = false;
        t->p++;
        if (t->p < t->end && (*t->p == '+' || *t->p == '-'))
            t->p++;
        const unsigned char *f = t->p;
        while (t->p < t->end && *t->p >= '0' && *t->p <= '9')
            t->p++;
        if (t->p == f)
            return AS_TEXT;
    }
    char buf[400];
    size_t n = (size_t)(t->p - start);
    if (n >= sizeof buf)
        return AS_TEXT;
    memcpy(buf, start, n);
    buf[n] = '\0';
    if (integer && ndig <= 19) {
        errno = 0;
        long long v = strtoll(buf, NULL, 10);
        if (errno == 0)
            return append_int_by_value(parent, key, keylen, v, t->j->err);
    }
    if (integer && ndig <= 34)
        return append_decimal_text(parent, key, keylen, buf, n, t->j->o, t->j->err);
    double d = strtod(buf, NULL);
    if (!isfinite(d))
        return append_decimal_text(parent, key, keylen, buf, n, t->j->o, t->j->err);
    return set_appended(bson_append_double(parent, key, (int)keylen, d), t->j->err);
}

static int jt_value(struct jt *t, bson_t *parent, const char *key, size_t keylen, int depth,
                    bool in_array)
{
    jt_ws(t);
    if (t->p >= t->end)
        return AS_TEXT;
    int k = (int)keylen, rc = 0;
    unsigned char ch = *t->p;
    if (ch == '{' || ch == '[') {
        bool object = ch == '{';
        if (depth > JSON_MAX_DEPTH || (!object && in_array && t->j->o->no_nested_arrays))
            return AS_TEXT;
        t->p++;
        bson_t child;
        bool ok = object ? bson_append_document_begin(parent, key, k, &child)
                         : bson_append_array_begin(parent, key, k, &child);
        if (!ok)
            return set_appended(false, t->j->err);
        jt_ws(t);
        uint32_t i = 0;
        if (t->p < t->end && *t->p == (object ? '}' : ']')) {
            t->p++;
        } else {
            for (;;) {
                char ibuf[16];
                const char *ck;
                size_t cklen;
                char *owned = NULL;
                if (object) {
                    jt_ws(t);
                    if ((rc = jt_string(t)) != 0)
                        break;
                    cklen = t->str->len;
                    if (!key_storable(t->j->o, cklen ? t->str->data : "", cklen)) {
                        rc = AS_TEXT;
                        break;
                    }
                    /* The key outlives the next string read: copy it. */
                    if (!(owned = malloc(cklen + 1))) {
                        rc = bb_error_set(t->j->err, BB_ERR_NOMEM, "out of memory");
                        break;
                    }
                    memcpy(owned, cklen ? t->str->data : "", cklen);
                    owned[cklen] = '\0';
                    ck = owned;
                    jt_ws(t);
                    if (t->p >= t->end || *t->p != ':') {
                        free(owned);
                        rc = AS_TEXT;
                        break;
                    }
                    t->p++;
                } else {
                    cklen = bson_uint32_to_string(i, &ck, ibuf, sizeof ibuf);
                }
                rc = jt_value(t, &child, ck, cklen, depth + 1, !object);
                free(owned);
                i++;
                if (rc != 0)
                    break;
                jt_ws(t);
                if (t->p < t->end && *t->p == ',') {
                    t->p++;
                    continue;
                }
                if (t->p < t->end && *t->p == (object ? '}' : ']')) {
                    t->p++;
                    break;
                }
                rc = AS_TEXT;
                break;
            }
        }
        ok = object ? bson_append_document_end(parent, &child)
                    : bson_append_array_end(parent, &child);
        if (rc == 0 && !ok)
            rc = set_appended(false, t->j->err);
        return rc;
    }
    if (ch == '"') {
        if ((rc = jt_string(t)) != 0)
            return rc;
        return set_appended(bson_append_utf8(parent, key, k, t->str->len ? t->str->data : "",
                                             (int)t->str->len), t->j->err);
    }
    if (ch == '-' || (ch >= '0' && ch <= '9'))
        return jt_number(t, parent, key, keylen);
    static const struct { const char *word; int what; } lits[] = {
        { "true", 1 }, { "false", 2 }, { "null", 0 },
    };
    for (size_t i = 0; i < 3; i++) {
        size_t n = strlen(lits[i].word);
        if ((size_t)(t->end - t->p) >= n && memcmp(t->p, lits[i].word, n) == 0) {
            t->p += n;
            if (lits[i].what == 0)
                return set_appended(bson_append_null(parent, key, k), t->j->err);
            return set_appended(bson_append_bool(parent, key, k, lits[i].what == 1), t->j->err);
        }
    }
    return AS_TEXT;
}

/* Convert with fn into a scratch document first, so that a value that has
 * to be written as text leaves nothing half-appended; then copy it over. */
int mongo_append_json_text(bson_t *doc, const char *key, size_t keylen, const char *text,
                           size_t len, const struct mongo_value_opts *o, struct bb_error *err)
{
    struct bb_buf str;
    bb_buf_init(&str);
    struct jconv j = { o, &str, err };
    struct jt t = { (const unsigned char *)text, (const unsigned char *)text + len, &j, &str };
    bson_t tmp;
    bson_init(&tmp);
    int rc = jt_value(&t, &tmp, "v", 1, 0, false);
    if (rc == 0) {
        jt_ws(&t);
        if (t.p != t.end)
            rc = AS_TEXT;
    }
    if (rc == 0) {
        bson_iter_t it;
        if (!bson_iter_init_find(&it, &tmp, "v") ||
            !bson_append_iter(doc, key, (int)keylen, &it))
            rc = set_appended(false, err);
    }
    bson_destroy(&tmp);
    bb_buf_destroy(&str);
    return rc;
}

/* MySQL binary JSON: the value, or its text when it cannot be stored. */
static int append_json_binary(bson_t *doc, const char *key, size_t keylen,
                              const struct bb_value *v, const struct mongo_value_opts *o,
                              struct bb_buf *s, struct bb_error *err)
{
    if (v->v.str.len == 0)  /* an empty document reads as null, as in MySQL */
        return set_appended(bson_append_null(doc, key, (int)keylen), err);
    struct jconv j = { o, s, err };
    struct cursor c = cursor_make(v->v.str.p, v->v.str.len);
    uint8_t type = cursor_u8(&c);
    bson_t tmp;
    bson_init(&tmp);
    int rc = jb_value(&j, &tmp, "v", 1, type, &c, 0, false);
    if (rc == 0) {
        bson_iter_t it;
        if (!bson_iter_init_find(&it, &tmp, "v") ||
            !bson_append_iter(doc, key, (int)keylen, &it))
            rc = set_appended(false, err);
    }
    bson_destroy(&tmp);
    if (rc == AS_TEXT)
        return append_text_form(doc, key, keylen, v, s, err);
    return rc;
}

/* ---- GEOMETRY -> GeoJSON ----
 * The value is a 4-byte little-endian SRID, then WKB: a byte order byte
 * (0 big-endian, 1 little-endian), a 4-byte type (1 Point, 2 LineString,
 * 3 Polygon, 4 MultiPoint, 5 MultiLineString, 6 MultiPolygon,
 * 7 GeometryCollection), then for a point two doubles, for a line a 4-byte
 * count of points, for a polygon a count of rings each a count of points,
 * and for the multi types and collections a count of complete WKB
 * geometries. Anything else (Z/M types, trailing bytes, non-finite
 * coordinates) is not GeoJSON. */

struct geo {
    struct cursor c;
    bool be;
    bool ok;
};

static uint32_t geo_u32(struct geo *g)
{
    if (!cursor_need(&g->c, 4)) {
        g->ok = false;
        return 0;
    }
    const uint8_t *p = cursor_bytes(&g->c, 4);
    return g->be ? (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]
                 : (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

static double geo_f64(struct geo *g)
{
    if (!cursor_need(&g->c, 8)) {
        g->ok = false;
        return 0;
    }
    const uint8_t *p = cursor_bytes(&g->c, 8);
    uint64_t u = 0;
    for (int i = 0; i < 8; i++)
        u = u << 8 | p[g->be ? i : 7 - i];
    double d;
    memcpy(&d, &u, 8);
    if (!isfinite(d))
        g->ok = false;
    return d;
}

/* A byte order and type; false when invalid. */
static bool geo_header(struct geo *g, uint32_t *type)
{
    if (!cursor_need(&g->c, 5))
        return g->ok = false;
    uint8_t order = cursor_u8(&g->c);
    if (order > 1)
        return g->ok = false;
    g->be = order == 0;
    *type = geo_u32(g);
    return g->ok && *type >= 1 && *type <= 7;
}

/* A count of items at least min_bytes each: no more than the bytes left. */
static uint32_t geo_count(struct geo *g, size_t min_bytes)
{
    uint32_t n = geo_u32(g);
    if (g->ok && (size_t)n > cursor_left(&g->c) / min_bytes)
        g->ok = false;
    return g->ok ? n : 0;
}

static void geo_point(struct geo *g, bson_t *arr, const char *key, size_t keylen)
{
    bson_t pt;
    double x = geo_f64(g), y = geo_f64(g);
    if (!g->ok || !bson_append_array_begin(arr, key, (int)keylen, &pt)) {
        g->ok = false;
        return;
    }
    bson_append_double(&pt, "0", 1, x);
    bson_append_double(&pt, "1", 1, y);
    bson_append_array_end(arr, &pt);
}

static void geo_points(struct geo *g, bson_t *parent, const char *key, size_t keylen)
{
    uint32_t n = geo_count(g, 16);
    bson_t arr;
    if (!g->ok || !bson_append_array_begin(parent, key, (int)keylen, &arr)) {
        g->ok = false;
        return;
    }
    for (uint32_t i = 0; i < n && g->ok; i++) {
        char ibuf[16];
        const char *k;
        size_t kl = bson_uint32_to_string(i, &k, ibuf, sizeof ibuf);
        geo_point(g, &arr, k, kl);
    }
    bson_append_array_end(parent, &arr);
}

static void geo_rings(struct geo *g, bson_t *parent, const char *key, size_t keylen)
{
    uint32_t n = geo_count(g, 4);
    bson_t arr;
    if (!g->ok || !bson_append_array_begin(parent, key, (int)keylen, &arr)) {
        g->ok = false;
        return;
    }
    for (uint32_t i = 0; i < n && g->ok; i++) {
        char ibuf[16];
        const char *k;
        size_t kl = bson_uint32_to_string(i, &k, ibuf, sizeof ibuf);
        geo_points(g, &arr, k, kl);
    }
    bson_append_array_end(parent, &arr);
}

static const char *const geo_names[8] = {
    NULL, "Point", "LineString", "Polygon", "MultiPoint", "MultiLineString", "MultiPolygon",
    "GeometryCollection",
};

/* One WKB geometry as a GeoJSON object under key. */
static void geo_object(struct geo *g, bson_t *parent, const char *key, size_t keylen, int depth)
{
    uint32_t type;
    bson_t obj, arr;
    if (depth > GEO_MAX_DEPTH || !geo_header(g, &type) ||
        !bson_append_document_begin(parent, key, (int)keylen, &obj)) {
        g->ok = false;
        return;
    }
    bson_append_utf8(&obj, "type", 4, geo_names[type], -1);
    switch (type) {
    case 1: geo_point(g, &obj, "coordinates", 11); break;
    case 2: geo_points(g, &obj, "coordinates", 11); break;
    case 3: geo_rings(g, &obj, "coordinates", 11); break;
    case 4: case 5: case 6: case 7: {
        /* Members are whole WKB geometries of the one type (any type in a
         * collection); a multi type lists their coordinates only. */
        uint32_t n = geo_count(g, 9);
        uint32_t want = type == 7 ? 0 : type - 3;
        if (!g->ok || !bson_append_array_begin(&obj, type == 7 ? "geometries" : "coordinates",
                                               -1, &arr)) {
            g->ok = false;
            break;
        }
        for (uint32_t i = 0; i < n && g->ok; i++) {
            char ibuf[16];
            const char *k;
            size_t kl = bson_uint32_to_string(i, &k, ibuf, sizeof ibuf);
            if (type == 7) {
                geo_object(g, &arr, k, kl, depth + 1);
                continue;
            }
            uint32_t mt;
            if (!geo_header(g, &mt) || mt != want) {
                g->ok = false;
                break;
            }
            if (mt == 1)
                geo_point(g, &arr, k, kl);
            else if (mt == 2)
                geo_points(g, &arr, k, kl);
            else
                geo_rings(g, &arr, k, kl);
        }
        bson_append_array_end(&obj, &arr);
        break;
    }
    }
    bson_append_document_end(parent, &obj);
}

/* Does the geometry need arrays inside arrays (all but a Point and a
 * collection of Points)? */
static bool geo_nests_arrays(const uint8_t *wkb, size_t n)
{
    if (n < 5)
        return true;
    uint32_t type = wkb[0] ? (uint32_t)wkb[1] | (uint32_t)wkb[2] << 8 | (uint32_t)wkb[3] << 16 |
                                 (uint32_t)wkb[4] << 24
                           : (uint32_t)wkb[4] | (uint32_t)wkb[3] << 8 | (uint32_t)wkb[2] << 16 |
                                 (uint32_t)wkb[1] << 24;
    return type != 1;
}

static int append_geometry(bson_t *doc, const char *key, size_t keylen, const struct bb_value *v,
                           const struct mongo_value_opts *o, struct bb_error *err)
{
    const uint8_t *p = v->v.str.p;
    size_t n = v->v.str.len;
    if (n >= 4) {
        uint32_t srid = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
                        (uint32_t)p[3] << 24;
        if ((srid == 0 || srid == 4326) && !(o->no_nested_arrays && geo_nests_arrays(p + 4, n - 4))) {
            bson_t tmp;
            bson_init(&tmp);
            struct geo g = { cursor_make(p + 4, n - 4), false, true };
            geo_object(&g, &tmp, "v", 1, 0);
            bool ok = g.ok && cursor_at_end(&g.c);
            bson_iter_t it;
            if (ok && bson_iter_init_find(&it, &tmp, "v")) {
                ok = bson_append_iter(doc, key, (int)keylen, &it);
                bson_destroy(&tmp);
                return set_appended(ok, err);
            }
            bson_destroy(&tmp);
        }
    }
    return set_appended(bson_append_binary(doc, key, (int)keylen, BSON_SUBTYPE_BINARY, p,
                                           (uint32_t)n), err);
}

static int append_set(bson_t *doc, const char *key, size_t keylen, const struct bb_value *v,
                      bool as_id, struct bb_buf *s, struct bb_error *err)
{
    const struct bb_column *col = v->col;
    if (as_id)
        return append_text_form(doc, key, keylen, v, s, err);
    if (!col || !col->labels || col->nlabels == 0)     /* labels unknown: the bits */
        return append_u64(doc, key, keylen, v->v.u, &(struct mongo_value_opts){ 0 }, err);
    if (col->nlabels < 64 && (v->v.u >> col->nlabels))
        return bb_error_set(err, BB_ERR_CORRUPT, "SET value 0x%llx has bits beyond its %u labels",
                            (unsigned long long)v->v.u, (unsigned)col->nlabels);
    for (uint32_t i = 0; i < col->nlabels && i < 64; i++)
        if ((v->v.u >> i & 1) &&
            !utf8_valid((const uint8_t *)col->labels[i],
                        col->label_lens ? col->label_lens[i] : strlen(col->labels[i])))
            return append_text_form(doc, key, keylen, v, s, err);   /* BinData */
    bson_t arr;
    if (!bson_append_array_begin(doc, key, (int)keylen, &arr))
        return set_appended(false, err);
    uint32_t k = 0;
    for (uint32_t i = 0; i < col->nlabels && i < 64; i++) {
        if (!(v->v.u >> i & 1))
            continue;
        char ibuf[16];
        const char *ik;
        size_t ikl = bson_uint32_to_string(k++, &ik, ibuf, sizeof ibuf);
        bson_append_utf8(&arr, ik, (int)ikl, col->labels[i],
                         col->label_lens ? (int)col->label_lens[i] : -1);
    }
    return set_appended(bson_append_array_end(doc, &arr), err);
}

static int append_vector(bson_t *doc, const char *key, size_t keylen, const struct bb_value *v,
                         struct bb_buf *s, struct bb_error *err)
{
    if (v->v.str.len % 4)
        return bb_error_set(err, BB_ERR_CORRUPT, "VECTOR length %zu is not a multiple of 4",
                            v->v.str.len);
    bson_t arr;
    if (!bson_append_array_begin(doc, key, (int)keylen, &arr))
        return set_appended(false, err);
    for (size_t i = 0; i < v->v.str.len; i += 4) {
        const uint8_t *p = v->v.str.p + i;
        uint32_t bits = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
                        (uint32_t)p[3] << 24;
        float f;
        memcpy(&f, &bits, 4);
        if (!isfinite(f)) {
            bson_append_array_end(doc, &arr);
            return bb_error_set(err, BB_ERR_CORRUPT, "VECTOR element %zu is not finite", i / 4);
        }
        char ibuf[16];
        const char *ik;
        size_t ikl = bson_uint32_to_string((uint32_t)(i / 4), &ik, ibuf, sizeof ibuf);
        bson_append_double(&arr, ik, (int)ikl, float_as_double(f, s));
    }
    return set_appended(bson_append_array_end(doc, &arr), err);
}

int mongo_append_value(bson_t *doc, const char *key, size_t keylen, const struct bb_value *v,
                       bool as_id, const struct mongo_value_opts *o, struct bb_buf *s,
                       struct bb_error *err)
{
    int k = (int)keylen;
    const struct bb_column *col = v->col;
    switch (v->kind) {
    case BB_VALUE_ABSENT:
        return bb_error_set(err, BB_ERR_USAGE, "an absent value has no BSON form");
    case BB_VALUE_NULL:
        return set_appended(bson_append_null(doc, key, k), err);
    case BB_VALUE_INT:
        if (col && col->type == MYSQL_TYPE_LONGLONG)
            return set_appended(bson_append_int64(doc, key, k, v->v.i), err);
        return append_int_by_value(doc, key, keylen, v->v.i, err);
    case BB_VALUE_UINT:
        if (col && (col->type == MYSQL_TYPE_LONG || col->type == MYSQL_TYPE_LONGLONG))
            return append_u64(doc, key, keylen, v->v.u, o, err);
        if (v->v.u <= INT32_MAX)
            return set_appended(bson_append_int32(doc, key, k, (int32_t)v->v.u), err);
        return append_u64(doc, key, keylen, v->v.u, o, err);
    case BB_VALUE_BIT:
        return append_u64(doc, key, keylen, v->v.u, o, err);
    case BB_VALUE_YEAR:
        return set_appended(bson_append_int32(doc, key, k, (int32_t)(v->v.u % 10000)), err);
    case BB_VALUE_FLOAT:
        if (!isfinite(v->v.f))
            return bb_error_set(err, BB_ERR_CORRUPT, "FLOAT value is not finite");
        return set_appended(bson_append_double(doc, key, k, float_as_double(v->v.f, s)), err);
    case BB_VALUE_DOUBLE:
        if (!isfinite(v->v.d))
            return bb_error_set(err, BB_ERR_CORRUPT, "DOUBLE value is not finite");
        return set_appended(bson_append_double(doc, key, k, v->v.d), err);
    case BB_VALUE_DECIMAL:
        return append_decimal_text(doc, key, keylen, (const char *)v->v.str.p, v->v.str.len, o,
                                   err);
    case BB_VALUE_DATE: case BB_VALUE_DATETIME: {
        if (o->dates_as_strings)
            return append_text_form(doc, key, keylen, v, s, err);
        const struct bb_time *t = &v->v.tm;
        if (!valid_date(t))
            return set_appended(bson_append_null(doc, key, k), err);
        int64_t ms = days_from_civil(t->year, t->month, t->day) * 86400000 +
                     (int64_t)t->hour * 3600000 + (int64_t)t->minute * 60000 +
                     (int64_t)t->second * 1000 + t->usec / 1000;
        return set_appended(bson_append_date_time(doc, key, k, ms), err);
    }
    case BB_VALUE_TIMESTAMP:
        if (o->dates_as_strings)
            return append_text_form(doc, key, keylen, v, s, err);
        if (v->v.ts.sec == 0 && v->v.ts.usec == 0)
            return set_appended(bson_append_null(doc, key, k), err);
        return set_appended(bson_append_date_time(doc, key, k, v->v.ts.sec * 1000 +
                                                  v->v.ts.usec / 1000), err);
    case BB_VALUE_TIME:
    case BB_VALUE_ENUM:
        return append_text_form(doc, key, keylen, v, s, err);
    case BB_VALUE_STRING: {
        bb_buf_reset(s);
        int rc = bb_value_format_text(v, s, err);
        if (rc < 0)
            return rc;
        const char *text = s->len ? s->data : "";
        if (!utf8_valid((const uint8_t *)text, s->len))   /* unknown charset, not UTF-8 */
            return set_appended(bson_append_binary(doc, key, k, BSON_SUBTYPE_BINARY,
                                                   v->v.str.p, (uint32_t)v->v.str.len), err);
        if (col && col->json_text && !as_id &&
            (rc = mongo_append_json_text(doc, key, keylen, text, s->len, o, err)) != AS_TEXT)
            return rc;
        return set_appended(bson_append_utf8(doc, key, k, text, (int)s->len), err);
    }
    case BB_VALUE_BINARY:
        return set_appended(bson_append_binary(doc, key, k, BSON_SUBTYPE_BINARY, v->v.str.p,
                                               (uint32_t)v->v.str.len), err);
    case BB_VALUE_SET:
        return append_set(doc, key, keylen, v, as_id, s, err);
    case BB_VALUE_JSON:
        return append_json_binary(doc, key, keylen, v, o, s, err);
    case BB_VALUE_JSON_DIFF:
        return bb_error_set(err, BB_ERR_USAGE, "a partial JSON update "
                            "(binlog_row_value_options=PARTIAL_JSON) cannot be applied without "
                            "the old document");
    case BB_VALUE_GEOMETRY:
        return append_geometry(doc, key, keylen, v, o, err);
    case BB_VALUE_VECTOR:
        return append_vector(doc, key, keylen, v, s, err);
    default:
        return bb_error_set(err, BB_ERR_USAGE, "value of unknown kind %u", (unsigned)v->kind);
    }
}

/* ------------------------------------------------------------------ */
/* Connection and errors                                               */

/* Server error codes that mean "not now" (the retryable-writes list of
 * the drivers' specification, and a write concern timeout): replaying the
 * batch after a reconnect is safe, every write being idempotent. */
static bool transient_code(uint32_t code)
{
    switch (code) {
    case 6:      /* HostUnreachable */
    case 7:      /* HostNotFound */
    case 64:     /* WriteConcernFailed (wtimeout) */
    case 89:     /* NetworkTimeout */
    case 91:     /* ShutdownInProgress */
    case 189:    /* PrimarySteppedDown */
    case 262:    /* ExceededTimeLimit */
    case 9001:   /* SocketException */
    case 10107:  /* NotWritablePrimary */
    case 11600:  /* InterruptedAtShutdown */
    case 11602:  /* InterruptedDueToReplStateChange */
    case 13435:  /* NotPrimaryNoSecondaryOk */
    case 13436:  /* NotPrimaryOrSecondary */
        return true;
    default:
        return false;
    }
}

/* The bb error code of a libmongoc failure (error API version 2). */
static int error_class(const bson_error_t *e, const bson_t *reply)
{
    if (reply && (mongoc_error_has_label(reply, "TransientTransactionError") ||
                  mongoc_error_has_label(reply, "UnknownTransactionCommitResult") ||
                  mongoc_error_has_label(reply, "RetryableWriteError")))
        return BB_ERR_IO;
    switch (e->domain) {
    case MONGOC_ERROR_STREAM:
    case MONGOC_ERROR_SERVER_SELECTION:
    case MONGOC_ERROR_PROTOCOL:
        return BB_ERR_IO;
    case MONGOC_ERROR_CLIENT:
        return e->code == MONGOC_ERROR_CLIENT_NOT_READY ? BB_ERR_IO
             : e->code == MONGOC_ERROR_CLIENT_TOO_BIG ? BB_ERR_LIMIT : BB_ERR_SERVER;
    default:
        /* FerretDB 1.x shutting down cancels the requests in flight and
         * answers them with InternalError (1) "... context canceled": its
         * ShutdownInProgress. */
        if (e->code == 1 && strstr(e->message, "context canceled"))
            return BB_ERR_IO;
        return transient_code(e->code) ? BB_ERR_IO : BB_ERR_SERVER;
    }
}

/* Whether a failed write was refused for a duplicate key (E11000): the
 * error itself, or the first of the reply's writeErrors. */
static bool duplicate_key(const bson_error_t *e, const bson_t *reply)
{
    if (e->code == 11000)
        return true;
    bson_iter_t it;
    return reply && bson_iter_init(&it, reply) &&
           bson_iter_find_descendant(&it, "writeErrors.0.code", &it) &&
           BSON_ITER_HOLDS_NUMBER(&it) && bson_iter_as_int64(&it) == 11000;
}

/* Every write here is an upsert or a delete by _id, so a duplicate key
 * comes from one of two causes. Two upserts of one _id running at once
 * can both find nothing and both insert: the second is refused. MongoDB
 * 4.2+ retries that itself; FerretDB and older servers do not, and a
 * killed predecessor's last request, still running on the server when
 * this process replays the same batch, is such a second writer. Replaying
 * converges, so the first DUP_KEY_RETRIES are "try again" (BB_ERR_IO).
 * A duplicate that persists is the other cause, a unique index besides
 * _id that the rows break, and is reported as the refusal it is.
 * The bb error code of a failed write: error_class's, but for those;
 * *note gets what the message should add. */
#define DUP_KEY_RETRIES 5

static int write_error_class(struct mongo_sink *ms, const bson_error_t *e, const bson_t *reply,
                             char *note, size_t size)
{
    note[0] = '\0';
    if (!duplicate_key(e, reply))
        return error_class(e, reply);
    if (ms->dup_retries < DUP_KEY_RETRIES) {
        ms->dup_retries++;
        snprintf(note, size, "; an upsert by _id meeting another write of the same _id "
                 "(retry %u of %u)", ms->dup_retries, DUP_KEY_RETRIES);
        return BB_ERR_IO;
    }
    snprintf(note, size, "; still refused after %u retries: does a unique index besides _id "
             "forbid these rows?", DUP_KEY_RETRIES);
    return BB_ERR_SERVER;
}

static void disconnect(struct mongo_sink *ms)
{
    if (ms->client) {
        mongoc_client_destroy(ms->client);
        ms->client = NULL;
    }
}

static int not_connected(struct mongo_sink *ms, struct bb_error *err)
{
    return bb_error_set(err, BB_ERR_IO, "MongoDB at %s: not connected (a previous failure "
                        "dropped the connection)", ms->where);
}

/* Run a command on the admin database; the reply is the caller's to
 * destroy (also after a failure). */
static int admin_command(struct mongo_sink *ms, const char *name, bson_t *reply,
                         struct bb_error *err)
{
    bson_t cmd;
    bson_error_t e;
    bson_init(&cmd);
    BSON_APPEND_INT32(&cmd, name, 1);
    bool ok = mongoc_client_command_simple(ms->client, "admin", &cmd, NULL, reply, &e);
    bson_destroy(&cmd);
    if (ok)
        return 0;
    int code = error_class(&e, reply);
    return bb_error_set(err, code, "%s MongoDB at %s: %s: %s",
                        code == BB_ERR_IO ? "cannot reach" : "refused by", ms->where, name,
                        e.message);
}

/* ---- Sets of names: what was said once, the databases the server has ---- */

static struct name_entry *name_set_find(const struct name_set *s, const char *p, size_t n,
                                        bool nocase)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->v[i].n == n && (nocase ? strncasecmp(s->v[i].p, p, n) == 0
                                      : memcmp(s->v[i].p, p, n) == 0))
            return &s->v[i];
    return NULL;
}

/* Add a copy of p[0..n); false when out of memory. */
static bool name_set_add(struct name_set *s, const char *p, size_t n)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 16;
        struct name_entry *v = realloc(s->v, cap * sizeof *v);
        if (!v)
            return false;
        s->v = v;
        s->cap = cap;
    }
    char *copy = malloc(n + 1);
    if (!copy)
        return false;
    memcpy(copy, p, n);
    copy[n] = '\0';
    s->v[s->n++] = (struct name_entry){ copy, n };
    return true;
}

static void name_set_destroy(struct name_set *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->v[i].p);
    free(s->v);
    memset(s, 0, sizeof *s);
}

/* Is p[0..n) new to s (and now in it)? For saying something once. */
static bool first_time(struct name_set *s, const char *p, size_t n)
{
    return !name_set_find(s, p, n, false) && name_set_add(s, p, n);
}

/* Whether database db clashes with one the server has or this sink writes
 * (MongoDB refuses names that differ only in case): the existing name, or
 * NULL, db then counting as written. */
static const char *db_clash(struct mongo_sink *ms, const char *db)
{
    size_t n = strlen(db);
    if (name_set_find(&ms->dbs, db, n, false))
        return NULL;
    const struct name_entry *e = name_set_find(&ms->dbs, db, n, true);
    if (e)
        return e->p;
    (void)name_set_add(&ms->dbs, db, n);
    return NULL;
}

/* The databases the server has, for db_clash; listed at each connection
 * (authorizedDatabases: those a user without the listDatabases privilege
 * may use). Failing, the list stays what it was and the server's own
 * refusal is what tells. */
static void list_databases(struct mongo_sink *ms)
{
    bson_t opts;
    bson_error_t e;
    bson_init(&opts);
    BSON_APPEND_BOOL(&opts, "authorizedDatabases", true);
    char **names = mongoc_client_get_database_names_with_opts(ms->client, &opts, &e);
    bson_destroy(&opts);
    if (!names) {
        log_debug("MongoDB at %s: listing the databases: %s", ms->where, e.message);
        return;
    }
    for (size_t i = 0; names[i]; i++)
        if (!name_set_find(&ms->dbs, names[i], strlen(names[i]), false))
            (void)name_set_add(&ms->dbs, names[i], strlen(names[i]));
    bson_strfreev(names);
}

static int sink_connect(struct mongo_sink *ms, struct bb_error *err)
{
    disconnect(ms);
    bson_error_t e;
    mongoc_client_t *c = mongoc_client_new_from_uri_with_error(ms->uri, &e);
    if (!c)
        return bb_error_set(err, BB_ERR_USAGE, "MongoDB URL: %s", e.message);
    mongoc_client_set_error_api(c, MONGOC_ERROR_API_VERSION_2);
    ms->client = c;

    /* ping authenticates; buildInfo names the server; the selected
     * server's hello says what it is (standalone, replica set, mongos). */
    bson_t reply;
    int rc = admin_command(ms, "ping", &reply, err);
    bson_destroy(&reply);
    if (rc < 0)
        goto fail;
    rc = admin_command(ms, "buildInfo", &reply, err);
    if (rc < 0) {
        bson_destroy(&reply);
        goto fail;
    }
    bson_iter_t it;
    const char *version = bson_iter_init_find(&it, &reply, "version") && BSON_ITER_HOLDS_UTF8(&it)
                              ? bson_iter_utf8(&it, NULL) : "?";
    bool ferret = bson_iter_init_find(&it, &reply, "ferretdbVersion") && BSON_ITER_HOLDS_UTF8(&it);
    if (ferret)
        snprintf(ms->server, sizeof ms->server, "FerretDB %s", bson_iter_utf8(&it, NULL));
    else
        snprintf(ms->server, sizeof ms->server, "MongoDB %s", version);
    bson_destroy(&reply);
    ms->ferret = ferret;
    ms->vopts.no_decimal128 = ms->vopts.no_nested_arrays = ferret;
    ms->vopts.plain_keys = true;    /* on every server: see the top of this file */

    mongoc_server_description_t *sd = mongoc_client_select_server(c, true, NULL, &e);
    if (!sd) {
        rc = bb_error_set(err, error_class(&e, NULL), "cannot reach MongoDB at %s: %s", ms->where,
                          e.message);
        goto fail;
    }
    const bson_t *hello = mongoc_server_description_hello_response(sd);
    const char *type = mongoc_server_description_type(sd);
    int32_t wire = 0;
    bool sessions = false;
    ms->max_bson = DEFAULT_MAX_BSON;
    if (bson_iter_init_find(&it, hello, "maxBsonObjectSize") && BSON_ITER_HOLDS_INT32(&it) &&
        bson_iter_int32(&it) > 0)
        ms->max_bson = bson_iter_int32(&it);
    if (bson_iter_init_find(&it, hello, "maxWireVersion") && BSON_ITER_HOLDS_INT32(&it))
        wire = bson_iter_int32(&it);
    sessions = bson_iter_init_find(&it, hello, "logicalSessionTimeoutMinutes") &&
               !BSON_ITER_HOLDS_NULL(&it);
    /* Transactions: replica sets from 4.0 (wire 7), sharded clusters from
     * 4.2 (wire 8); never on a standalone server, nor on FerretDB 1.x, which
     * has none even when started with --repl-set-name. */
    ms->use_txn = !ferret && sessions && ((strcmp(type, "RSPrimary") == 0 && wire >= 7) ||
                                          (strcmp(type, "Mongos") == 0 && wire >= 8));
    /* Namespaces: 255 bytes from MongoDB 4.4 (wire 9), 120 before. */
    ms->max_ns = wire >= 9 ? 255 : 120;
    mongoc_server_description_destroy(sd);
    list_databases(ms);
    log_debug("connected to %s at %s (%s%s)", ms->server, ms->where, type,
              ms->use_txn ? ", batches in transactions" : "");
    return 0;
fail:
    disconnect(ms);
    return rc;
}

/* ------------------------------------------------------------------ */
/* Buffering                                                           */

static void reset_pending(struct mongo_sink *ms)
{
    for (size_t i = 0; i < ms->ncolls; i++) {
        struct pending_coll *pc = &ms->colls[i];
        if (pc->ops.cap > ms->keep_bytes || pc->ops.oom)
            bb_buf_destroy(&pc->ops);
        bb_buf_reset(&pc->ops);
        pc->nops = 0;
    }
    ms->pending = 0;
    ms->nops = 0;
}

/* The pending collection db.coll, created when new (with its database's
 * clash, if any: see db_clash). */
static struct pending_coll *coll_for(struct mongo_sink *ms, const char *db, const char *coll,
                                     struct bb_error *err)
{
    if (ms->last < ms->ncolls && strcmp(ms->colls[ms->last].coll, coll) == 0 &&
        strcmp(ms->colls[ms->last].db, db) == 0)
        return &ms->colls[ms->last];
    for (size_t i = 0; i < ms->ncolls; i++)
        if (strcmp(ms->colls[i].coll, coll) == 0 && strcmp(ms->colls[i].db, db) == 0) {
            ms->last = i;
            return &ms->colls[i];
        }
    if (ms->ncolls == ms->colls_cap) {
        size_t cap = ms->colls_cap ? ms->colls_cap * 2 : 16;
        struct pending_coll *p = realloc(ms->colls, cap * sizeof *p);
        if (!p) {
            bb_error_set(err, BB_ERR_NOMEM, "out of memory");
            return NULL;
        }
        ms->colls = p;
        ms->colls_cap = cap;
    }
    struct pending_coll *pc = &ms->colls[ms->ncolls];
    memset(pc, 0, sizeof *pc);
    bb_buf_init(&pc->ops);
    const char *clash = db_clash(ms, db);
    if (!(pc->db = strdup(db)) || !(pc->coll = strdup(coll)) ||
        (clash && !(pc->clash = strdup(clash)))) {
        free(pc->db);
        free(pc->coll);
        bb_error_set(err, BB_ERR_NOMEM, "out of memory");
        return NULL;
    }
    ms->last = ms->ncolls++;
    return pc;
}

static void push_op(struct mongo_sink *ms, struct pending_coll *pc, enum op_kind kind,
                    const bson_t *sel, const bson_t *doc)
{
    size_t before = pc->ops.len;
    bb_buf_putc(&pc->ops, (char)kind);
    bb_buf_append(&pc->ops, bson_get_data(sel), sel->len);
    if (doc)
        bb_buf_append(&pc->ops, bson_get_data(doc), doc->len);
    pc->nops++;
    ms->nops++;
    ms->pending += pc->ops.len - before;
}

/* Op i of pc: its kind, selector and document (views into pc->ops).
 * Returns false past the end. */
static bool op_at(const struct pending_coll *pc, size_t *off, enum op_kind *kind, bson_t *sel,
                  bson_t *doc)
{
    const uint8_t *p = (const uint8_t *)pc->ops.data;
    size_t n = pc->ops.len;
    if (*off >= n)
        return false;
    *kind = (enum op_kind)p[(*off)++];
    uint32_t len;
    memcpy(&len, p + *off, 4);
    len = BSON_UINT32_FROM_LE(len);
    bson_init_static(sel, p + *off, len);
    *off += len;
    if (*kind != OP_DELETE) {
        memcpy(&len, p + *off, 4);
        len = BSON_UINT32_FROM_LE(len);
        bson_init_static(doc, p + *off, len);
        *off += len;
    }
    return true;
}

/* "{ "_id" : ... }" of a selector, cut to fit messages. */
static const char *id_text(struct mongo_sink *ms, const bson_t *sel)
{
    char *json = bson_as_relaxed_extended_json(sel, NULL);
    bb_buf_reset(&ms->idtext);
    if (json) {
        size_t n = strlen(json);
        bb_buf_append(&ms->idtext, json, n > 200 ? 200 : n);
        if (n > 200)
            bb_buf_puts(&ms->idtext, "...");
        bson_free(json);
    }
    return ms->idtext.len ? ms->idtext.data : "?";
}

/* ---- Names (the rule at the top of this file) ---- */

static const char *buf_str(const struct bb_buf *b)
{
    return b->len ? b->data : "";
}

/* The length of the UTF-8 character at p[0..n), 0 when none starts there. */
static size_t utf8_char(const uint8_t *p, size_t n)
{
    size_t k = p[0] < 0x80 ? 1 : p[0] < 0xc2 ? 0 : p[0] < 0xe0 ? 2 : p[0] < 0xf0 ? 3
             : p[0] < 0xf5 ? 4 : 0;
    return k && k <= n && utf8_valid(p, k) ? k : 0;
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
        size_t k = utf8_char(p + i, len - i);
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
static const char *names_refused(struct mongo_sink *ms, const struct mongo_target *mt)
{
    const char *db = buf_str(&ms->dbname), *coll = buf_str(&ms->collname);
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
static int target_names(struct mongo_sink *ms, const struct mongo_target *mt, const char *schema,
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
static int field_names(struct mongo_sink *ms, const struct change *ch, const struct target_plan *tp,
                       bool *escaped, struct bb_error *err)
{
    const struct bb_table *t = ch->table;
    const struct table_plan *plan = ch->plan;
    config_list renames = tp->mongo->renames;
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
static void note_escaped(struct mongo_sink *ms, const struct change *ch,
                         const struct target_plan *tp)
{
    const struct bb_table *t = ch->table;
    struct bb_buf *b = &ms->note;
    bb_buf_reset(b);
    bb_buf_printf(b, "MongoDB cannot hold some names of %s.%s as they are: they are escaped "
                  "(README, \"MongoDB\"): database \"%s\", collection \"%s\"", ch->plan->schema,
                  ch->plan->table, buf_str(&ms->dbname), buf_str(&ms->collname));
    for (uint32_t c = 0; c < t->ncols; c++)
        if (ms->field_off[c] < FIELD_RENAMED && ms->fields[c])
            bb_buf_printf(b, ", column %s as field %s", t->cols[c].name ? t->cols[c].name : "?",
                          ms->fields[c]);
    if (!b->oom && first_time(&ms->logged, b->data, b->len))
        log_info("%s (at %s:%llu)", b->data, ch->log_file ? ch->log_file : "?",
                 (unsigned long long)ch->pos);
}

/* Log once that a table's output is left out, and why. */
static void note_refused(struct mongo_sink *ms, const struct change *ch,
                         const struct mongo_target *mt, const char *why)
{
    struct bb_buf *b = &ms->note;
    bb_buf_reset(b);
    bb_buf_printf(b, "%s.%s is not mirrored into MongoDB database \"%s\", collection \"%s\" "
                  "(templates \"%s\", \"%s\"): %s; its row changes are left out (a rule with "
                  "other database or collection templates can mirror it)", ch->plan->schema,
                  ch->plan->table, buf_str(&ms->dbname), buf_str(&ms->collname), mt->database,
                  mt->collection, why);
    if (!b->oom && first_time(&ms->logged, b->data, b->len))
        log_warn("%s (first at %s:%llu)", b->data, ch->log_file ? ch->log_file : "?",
                 (unsigned long long)ch->pos);
}

/* Append {_id: key} of a row image to sel (reinitialised). */
static int build_selector(struct mongo_sink *ms, const struct change *ch,
                          const struct bb_value *row, const char *image, bson_t *sel,
                          struct bb_error *err)
{
    const struct table_plan *plan = ch->plan;
    const struct bb_table *t = ch->table;
    bson_reinit(sel);
    for (uint32_t k = 0; k < plan->nkey_cols; k++) {
        const struct bb_value *v = &row[plan->key_cols[k]];
        const char *name = t->cols[plan->key_cols[k]].name;
        if (v->kind == BB_VALUE_ABSENT)
            return bb_error_set(err, BB_ERR_USAGE, "the %s image of a row of %s.%s lacks key "
                                "column %s (a partial row image: set binlog_row_image=FULL)",
                                image, plan->schema, plan->table, name ? name : "?");
        if (v->kind == BB_VALUE_NULL)
            return bb_error_set(err, BB_ERR_USAGE, "key column %s of %s.%s is NULL in a row",
                                name ? name : "?", plan->schema, plan->table);
    }
    int rc;
    if (plan->nkey_cols == 1) {
        rc = mongo_append_value(sel, "_id", 3, &row[plan->key_cols[0]], true, &ms->vopts,
                                &ms->text, err);
    } else {
        bson_t id;
        if (!bson_append_document_begin(sel, "_id", 3, &id))
            return set_appended(false, err);
        rc = 0;
        for (uint32_t k = 0; k < plan->nkey_cols && rc == 0; k++) {
            uint32_t c = plan->key_cols[k];
            const char *f = ms->fields[c] ? ms->fields[c] : "_id";
            rc = mongo_append_value(&id, f, strlen(f), &row[c], true, &ms->vopts, &ms->text, err);
        }
        bool ok = bson_append_document_end(sel, &id);
        if (rc == 0)
            rc = set_appended(ok, err);
    }
    if (rc < 0) {
        const char *name = t->cols[plan->key_cols[0]].name;
        bb_error_prefix(err, "key of %s.%s (column %s)", plan->schema, plan->table,
                        name ? name : "?");
    }
    return rc;
}

/* Append the kept columns of row to b: every one the image has, or (want
 * != NULL) those want[c] marks. */
static int append_fields(struct mongo_sink *ms, const struct change *ch,
                         const struct target_plan *tp, const struct bb_value *row,
                         const bool *want, bson_t *b, struct bb_error *err)
{
    const struct bb_table *t = ch->table;
    for (uint32_t c = 0; c < t->ncols; c++) {
        if (!tp->columns[c] || !ms->fields[c] || row[c].kind == BB_VALUE_ABSENT ||
            (want && !want[c]))
            continue;
        const char *f = ms->fields[c];
        int rc = mongo_append_value(b, f, strlen(f), &row[c], false, &ms->vopts, &ms->text, err);
        if (rc < 0) {
            bb_error_prefix(err, "column %s of %s.%s", t->cols[c].name ? t->cols[c].name : "?",
                            ch->plan->schema, ch->plan->table);
            return rc;
        }
    }
    return 0;
}

/* {_id: ..., field: value, ...} of row into ms->doc. */
static int build_replacement(struct mongo_sink *ms, const struct change *ch,
                             const struct target_plan *tp, const bson_t *sel,
                             const struct bb_value *row, struct bb_error *err)
{
    bson_reinit(&ms->doc);
    bson_iter_t it;
    if (!bson_iter_init_find(&it, sel, "_id") || !bson_append_iter(&ms->doc, "_id", 3, &it))
        return set_appended(false, err);
    return append_fields(ms, ch, tp, row, NULL, &ms->doc, err);
}

/* {$set: {field: value, ...}} into ms->upd: the columns want marks (all
 * the image has when want is NULL). An empty $set is not valid: *empty
 * says there is nothing to write. */
static int build_set(struct mongo_sink *ms, const struct change *ch, const struct target_plan *tp,
                     const struct bb_value *row, const bool *want, bool *empty,
                     struct bb_error *err)
{
    bson_reinit(&ms->upd);
    bson_t set;
    if (!bson_append_document_begin(&ms->upd, "$set", 4, &set))
        return set_appended(false, err);
    int rc = append_fields(ms, ch, tp, row, want, &set, err);
    *empty = bson_empty(&set);
    bool ok = bson_append_document_end(&ms->upd, &set);
    return rc < 0 ? rc : set_appended(ok, err);
}

/* A document too large for the server: stop (BB_ERR_LIMIT) or log and
 * leave the row change out (returns 1). */
static int oversize(struct mongo_sink *ms, const struct change *ch, const bson_t *sel,
                    size_t bytes, struct bb_error *err)
{
    const char *id = id_text(ms, sel);
    const char *db = ms->dbname.data, *coll = ms->collname.data;
    if (ms->oversize == MONGO_OVERSIZE_SKIP) {
        log_warn("MongoDB at %s: a row of %s.%s (%s) makes a document of %zu bytes in %s.%s, "
                 "over the server's limit of %d: skipped (mongo.oversize = \"skip\"); the "
                 "document keeps its previous state (at %s:%llu)", ms->where, ch->plan->schema,
                 ch->plan->table, id, bytes, db, coll, (int)ms->max_bson,
                 ch->log_file ? ch->log_file : "?", (unsigned long long)ch->pos);
        return 1;
    }
    return bb_error_set(err, BB_ERR_LIMIT, "a row of %s.%s (%s) makes a document of %zu bytes in "
                        "%s.%s, over the MongoDB limit of %d bytes (mongo.oversize = \"stop\"; "
                        "\"skip\" leaves such rows out)", ch->plan->schema, ch->plan->table, id,
                        bytes, db, coll, (int)ms->max_bson);
}

/* The operations of one row change for one output. */
static int add_target(struct mongo_sink *ms, const struct change *ch, const struct target_plan *tp,
                      struct bb_error *err)
{
    const struct mongo_target *mt = tp->mongo;
    const struct table_plan *plan = ch->plan;
    int rc;
    bool escaped = false;
    const char *why;
    ms->vopts.dates_as_strings = mt->dates_as_strings;
    if ((rc = target_names(ms, mt, plan->schema, plan->table, &escaped, &why, err)) != 0) {
        if (rc < 0)
            return rc;
        note_refused(ms, ch, mt, why);
        return 0;
    }
    if ((rc = field_names(ms, ch, tp, &escaped, err)) < 0)
        return rc;
    struct pending_coll *pc = coll_for(ms, ms->dbname.data, ms->collname.data, err);
    if (!pc)
        return err->code;
    if (pc->clash) {
        snprintf(ms->why, sizeof ms->why, "MongoDB refuses a database whose name differs only "
                 "in case from an existing one, \"%.80s\"", pc->clash);
        note_refused(ms, ch, mt, ms->why);
        return 0;
    }
    if (escaped)
        note_escaped(ms, ch, tp);
    bson_t *sel = &ms->sel;
    int64_t limit = ms->max_bson;

    if (ch->kind == BB_ROWS_DELETE) {
        if ((rc = build_selector(ms, ch, ch->before, "deleted", sel, err)) < 0)
            return rc;
        push_op(ms, pc, OP_DELETE, sel, NULL);
        return 0;
    }

    const struct bb_value *after = ch->after;
    bool partial = false, moved = false;
    if (ch->kind == BB_ROWS_UPDATE) {
        if ((rc = mapper_merged_image(ch->before, ch->after, ch->table->ncols, &ms->merged,
                                       &ms->merged_cap, &after, &partial, err)) < 0)
            return rc;
        moved = mapper_key_changed(plan, ch->before, ch->after);
        /* Partial for this output: a column it writes is not in the image. */
        bool kept_absent = false;
        for (uint32_t c = 0; c < ch->table->ncols && partial; c++)
            kept_absent |= tp->columns[c] && ms->fields[c] && ch->after[c].kind == BB_VALUE_ABSENT;
        partial = kept_absent;
        if (moved && partial)
            return bb_error_set(err, BB_ERR_USAGE, "a row of %s.%s changed its key in a partial "
                                "row image (binlog_row_image=MINIMAL): its document cannot be "
                                "moved to the new _id without the columns the image leaves out; "
                                "set binlog_row_image=FULL on the source", plan->schema,
                                plan->table);
    }
    if ((rc = build_selector(ms, ch, after, ch->kind == BB_ROWS_UPDATE ? "after"
                             : "inserted", sel, err)) < 0)
        return rc;

    /* What to write: the whole document, or a $set. */
    enum op_kind kind;
    const bson_t *doc;
    bool empty = false;
    if (ch->kind == BB_ROWS_UPDATE && !moved && (partial || mt->update_set)) {
        /* $set of what changed (a partial image holds the changed columns
         * and the key; absent ones keep their value). */
        uint32_t n = ch->table->ncols;
        if (n > ms->want_cap) {
            bool *w = realloc(ms->want, n * sizeof *w);
            if (!w)
                return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
            ms->want = w;
            ms->want_cap = n;
        }
        for (uint32_t c = 0; c < n; c++)
            ms->want[c] = ch->after[c].kind != BB_VALUE_ABSENT &&
                          !mapper_value_equal(&ch->before[c], &ch->after[c]);
        rc = build_set(ms, ch, tp, ch->after, ms->want, &empty, err);
        kind = OP_SET;
        doc = &ms->upd;
    } else if (mt->update_set) {
        rc = build_set(ms, ch, tp, after, NULL, &empty, err);
        kind = OP_SET;
        doc = &ms->upd;
        if (empty) {
            /* No field besides _id: a replacement makes the document exist. */
            rc = build_replacement(ms, ch, tp, sel, after, err);
            kind = OP_REPLACE;
            doc = &ms->doc;
            empty = false;
        }
    } else {
        rc = build_replacement(ms, ch, tp, sel, after, err);
        kind = OP_REPLACE;
        doc = &ms->doc;
    }
    if (rc < 0)
        return rc;
    if ((int64_t)doc->len > limit)
        return oversize(ms, ch, sel, doc->len, err) == 1 ? 0 : err->code;

    if (moved) {
        /* The old document goes first: ordered writes keep that order. */
        bson_t old;
        bson_init(&old);
        rc = build_selector(ms, ch, ch->before, "before", &old, err);
        if (rc == 0)
            push_op(ms, pc, OP_DELETE, &old, NULL);
        bson_destroy(&old);
        if (rc < 0)
            return rc;
    }
    if (!empty)
        push_op(ms, pc, kind, sel, doc);
    return 0;
}

static int sink_add(void *ctx, const struct change *ch, struct bb_error *err)
{
    struct mongo_sink *ms = ctx;
    const struct table_plan *plan = ch->plan;
    if ((ch->kind != BB_ROWS_DELETE && !ch->after) || (ch->kind != BB_ROWS_WRITE && !ch->before))
        return bb_error_set(err, BB_ERR_USAGE, "a row change of %s.%s lacks a row image",
                            plan->schema, plan->table);
    /* A change is all or nothing: remember where each collection ended. */
    size_t ncolls = ms->ncolls, pending = ms->pending, nops = ms->nops;
    if (2 * ncolls > ms->marks_cap) {
        size_t *m = realloc(ms->marks, 2 * ms->colls_cap * sizeof *m);
        if (!m)
            return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
        ms->marks = m;
        ms->marks_cap = 2 * ms->colls_cap;
    }
    size_t *marks = ms->marks;
    for (size_t i = 0; i < ncolls; i++) {
        marks[2 * i] = ms->colls[i].ops.len;
        marks[2 * i + 1] = ms->colls[i].nops;
    }
    int rc = 0;
    for (uint32_t i = 0; i < plan->ntargets && rc == 0; i++)
        if (plan->targets[i].mongo)
            rc = add_target(ms, ch, &plan->targets[i], err);
    for (size_t i = 0; i < ms->ncolls && rc == 0; i++)
        if (ms->colls[i].ops.oom)
            rc = bb_error_set(err, BB_ERR_NOMEM, "out of memory buffering MongoDB writes");
    if (rc < 0) {
        for (size_t i = 0; i < ms->ncolls; i++) {
            struct pending_coll *pc = &ms->colls[i];
            pc->ops.oom = false;
            pc->ops.len = i < ncolls ? marks[2 * i] : 0;
            if (pc->ops.cap)
                pc->ops.data[pc->ops.len] = '\0';
            pc->nops = i < ncolls ? marks[2 * i + 1] : 0;
        }
        ms->pending = pending;
        ms->nops = nops;
    }
    return rc;
}

static size_t sink_pending_bytes(void *ctx)
{
    return ((struct mongo_sink *)ctx)->pending;
}

static void sink_discard(void *ctx)
{
    reset_pending(ctx);
}

/* ------------------------------------------------------------------ */
/* Committing                                                          */

/* Which op of pc the server's reply blames ("writeErrors": [{index,
 * errmsg}], counted from op `base`), for the message:
 * " (replace { "_id" : 42 }, op 17 of 230)". */
static const char *blamed_op(struct mongo_sink *ms, const struct pending_coll *pc, size_t base,
                             const bson_t *reply, char *buf, size_t size)
{
    bson_iter_t it, errs, first;
    buf[0] = '\0';
    if (!bson_iter_init_find(&it, reply, "writeErrors") || !BSON_ITER_HOLDS_ARRAY(&it) ||
        !bson_iter_recurse(&it, &errs) || !bson_iter_next(&errs) ||
        !BSON_ITER_HOLDS_DOCUMENT(&errs) || !bson_iter_recurse(&errs, &first) ||
        !bson_iter_find(&first, "index") || !BSON_ITER_HOLDS_INT(&first))
        return buf;
    int64_t idx = bson_iter_as_int64(&first) + (int64_t)base;
    size_t off = 0;
    enum op_kind kind;
    bson_t sel, doc;
    for (int64_t i = 0; op_at(pc, &off, &kind, &sel, &doc); i++)
        if (i == idx) {
            static const char *const names[] = { "?", "replace", "$set", "delete" };
            snprintf(buf, size, " (%s %s, op %lld of %zu)", names[kind <= OP_DELETE ? kind : 0],
                     id_text(ms, &sel), (long long)idx + 1, pc->nops);
            break;
        }
    return buf;
}

/* pc's operations as ordered bulk writes (in session cs, when given): one,
 * or on FerretDB 1.x one per FERRETDB_OPS_PER_WRITE operations. */
static int write_bulk(struct mongo_sink *ms, struct pending_coll *pc, mongoc_client_session_t *cs,
                      struct bb_error *err)
{
    bson_error_t e;
    bson_t opts, upsert, reply;
    bson_init(&opts);
    bson_init(&upsert);
    BSON_APPEND_BOOL(&opts, "ordered", true);
    /* Field names and values were made here: the server checks the rest. */
    BSON_APPEND_BOOL(&upsert, "upsert", true);
    BSON_APPEND_BOOL(&upsert, "validate", false);
    mongoc_collection_t *coll = mongoc_client_get_collection(ms->client, pc->db, pc->coll);
    mongoc_bulk_operation_t *bulk = NULL;
    size_t per_write = ms->ferret ? FERRETDB_OPS_PER_WRITE : SIZE_MAX;
    int rc = 0;
    if (cs && !mongoc_client_session_append(cs, &opts, &e)) {
        rc = bb_error_set(err, BB_ERR_SERVER, "MongoDB at %s: %s", ms->where, e.message);
        goto done;
    }
    size_t off = 0, i = 0, base = 0;
    enum op_kind kind;
    bson_t sel, doc;
    for (bool more = op_at(pc, &off, &kind, &sel, &doc); more;) {
        if (!bulk) {
            bulk = mongoc_collection_create_bulk_operation_with_opts(coll, &opts);
            base = i;
        }
        bool ok = kind == OP_DELETE ? mongoc_bulk_operation_remove_one_with_opts(bulk, &sel, NULL, &e)
                : kind == OP_SET ? mongoc_bulk_operation_update_one_with_opts(bulk, &sel, &doc,
                                                                              &upsert, &e)
                : mongoc_bulk_operation_replace_one_with_opts(bulk, &sel, &doc, &upsert, &e);
        if (!ok) {
            rc = bb_error_set(err, BB_ERR_SERVER, "MongoDB at %s: writing %s.%s: %s", ms->where,
                              pc->db, pc->coll, e.message);
            goto done;
        }
        i++;
        more = op_at(pc, &off, &kind, &sel, &doc);
        if (more && i - base < per_write)
            continue;
        /* execute initialises reply (also when it fails). */
        bool applied = mongoc_bulk_operation_execute(bulk, &reply, &e) != 0;
        if (!applied) {
            char which[400], note[160];
            int code = write_error_class(ms, &e, &reply, note, sizeof note);
            rc = bb_error_set(err, code, "MongoDB at %s: writing %s.%s: %s%s%s", ms->where,
                              pc->db, pc->coll, e.message,
                              blamed_op(ms, pc, base, &reply, which, sizeof which), note);
        }
        bson_destroy(&reply);
        mongoc_bulk_operation_destroy(bulk);
        bulk = NULL;
        if (!applied)
            break;
    }
done:
    mongoc_bulk_operation_destroy(bulk);
    mongoc_collection_destroy(coll);
    bson_destroy(&opts);
    bson_destroy(&upsert);
    return rc;
}

/* replaceOne({_id: name}, {_id: name, file: ..., ...}, upsert). */
static int write_checkpoint(struct mongo_sink *ms, const struct checkpoint *cp,
                            mongoc_client_session_t *cs, struct bb_error *err)
{
    bson_error_t e;
    bson_t sel, doc, opts, reply;
    checkpoint_field_values(cp, ms->cpvals);
    bson_init(&sel);
    bson_init(&doc);
    bson_init(&opts);
    bson_init(&reply);
    BSON_APPEND_UTF8(&sel, "_id", ms->ckpt_name);
    BSON_APPEND_UTF8(&doc, "_id", ms->ckpt_name);
    for (int i = 0; i < CHECKPOINT_NFIELDS; i++)
        BSON_APPEND_UTF8(&doc, checkpoint_field_names[i], ms->cpvals[i]);
    BSON_APPEND_BOOL(&opts, "upsert", true);
    int rc = 0;
    mongoc_collection_t *coll = mongoc_client_get_collection(ms->client, ms->ckpt_db,
                                                             CHECKPOINT_COLLECTION);
    if (cs && !mongoc_client_session_append(cs, &opts, &e))
        rc = bb_error_set(err, BB_ERR_SERVER, "MongoDB at %s: %s", ms->where, e.message);
    else if (!mongoc_collection_replace_one(coll, &sel, &doc, &opts, &reply, &e)) {
        char note[160];
        int code = write_error_class(ms, &e, &reply, note, sizeof note);
        rc = bb_error_set(err, code, "MongoDB at %s: saving the checkpoint %s in %s.%s: %s%s",
                          ms->where, ms->ckpt_name, ms->ckpt_db, CHECKPOINT_COLLECTION,
                          e.message, note);
    }
    mongoc_collection_destroy(coll);
    bson_destroy(&sel);
    bson_destroy(&doc);
    bson_destroy(&opts);
    bson_destroy(&reply);
    return rc;
}

static int commit_plain(struct mongo_sink *ms, const struct checkpoint *cp, struct bb_error *err)
{
    char pos[CHECKPOINT_FILE_MAX + 64];
    for (size_t i = 0; i < ms->ncolls; i++) {
        if (!ms->colls[i].nops)
            continue;
        int rc = write_bulk(ms, &ms->colls[i], NULL, err);
        if (rc < 0) {
            /* Said after the cause: the batch may be partly written. */
            size_t n = strlen(err->msg);
            snprintf(err->msg + n, sizeof err->msg - n, "; the batch up to %s may be partly "
                     "applied, its checkpoint is not saved: it is applied again on resuming",
                     checkpoint_position_text(cp, pos, sizeof pos));
            return rc;
        }
    }
    return write_checkpoint(ms, cp, NULL, err);
}

static int commit_txn(struct mongo_sink *ms, const struct checkpoint *cp, struct bb_error *err)
{
    bson_error_t e;
    bson_t reply;
    bson_init(&reply);
    mongoc_client_session_t *cs = mongoc_client_start_session(ms->client, NULL, &e);
    if (!cs) {
        bson_destroy(&reply);
        return bb_error_set(err, error_class(&e, NULL), "MongoDB at %s: starting a session: %s",
                            ms->where, e.message);
    }
    int rc = 0;
    if (!mongoc_client_session_start_transaction(cs, NULL, &e)) {
        rc = bb_error_set(err, error_class(&e, NULL), "MongoDB at %s: starting a transaction: "
                          "%s", ms->where, e.message);
        goto done;
    }
    for (size_t i = 0; i < ms->ncolls && rc == 0; i++)
        if (ms->colls[i].nops)
            rc = write_bulk(ms, &ms->colls[i], cs, err);
    if (rc == 0)
        rc = write_checkpoint(ms, cp, cs, err);
    if (rc == 0 && !mongoc_client_session_commit_transaction(cs, &reply, &e))
        rc = bb_error_set(err, error_class(&e, &reply), "MongoDB at %s: committing the "
                          "transaction: %s", ms->where, e.message);
    if (rc < 0 && mongoc_client_session_in_transaction(cs))
        (void)mongoc_client_session_abort_transaction(cs, NULL);
done:
    mongoc_client_session_destroy(cs);
    bson_destroy(&reply);
    return rc;
}

static int sink_commit(void *ctx, const struct checkpoint *cp, struct bb_error *err)
{
    struct mongo_sink *ms = ctx;
    int rc = !ms->client ? not_connected(ms, err)
           : ms->use_txn ? commit_txn(ms, cp, err) : commit_plain(ms, cp, err);
    if (rc == 0)
        ms->dup_retries = 0;
    /* Whatever happened, the batch is gone: after a failure the caller
     * reconnects and resumes from the checkpoint read back. */
    reset_pending(ms);
    return rc;
}

static int sink_load_checkpoint(void *ctx, struct checkpoint *cp, struct bb_error *err)
{
    struct mongo_sink *ms = ctx;
    if (!ms->client)
        return not_connected(ms, err);
    bson_error_t e;
    bson_t filter, opts;
    bson_init(&filter);
    bson_init(&opts);
    BSON_APPEND_UTF8(&filter, "_id", ms->ckpt_name);
    BSON_APPEND_INT64(&opts, "limit", 1);
    mongoc_collection_t *coll = mongoc_client_get_collection(ms->client, ms->ckpt_db,
                                                             CHECKPOINT_COLLECTION);
    mongoc_cursor_t *cur = mongoc_collection_find_with_opts(coll, &filter, &opts, NULL);
    const bson_t *doc;
    int rc = 0;
    if (mongoc_cursor_next(cur, &doc)) {
        const char *names[32], *values[32];
        size_t lens[32], n = 0;
        char nums[32][24];
        bson_iter_t it;
        bson_iter_init(&it, doc);
        while (bson_iter_next(&it) && n < 32) {
            uint32_t len = 0;
            names[n] = bson_iter_key(&it);
            if (BSON_ITER_HOLDS_UTF8(&it)) {
                values[n] = bson_iter_utf8(&it, &len);
            } else if (BSON_ITER_HOLDS_INT(&it)) {
                len = (uint32_t)snprintf(nums[n], sizeof nums[n], "%lld",
                                         (long long)bson_iter_as_int64(&it));
                values[n] = nums[n];
            } else {
                continue;   /* _id, or something not ours */
            }
            lens[n++] = len;
        }
        rc = checkpoint_from_fields(cp, names, values, lens, n, err);
        if (rc == BB_ERR_CORRUPT)
            bb_error_prefix(err, "MongoDB at %s, checkpoint %s in %s.%s", ms->where, ms->ckpt_name,
                            ms->ckpt_db, CHECKPOINT_COLLECTION);
        rc = rc < 0 ? rc : 1;
    } else if (mongoc_cursor_error_document(cur, &e, &doc)) {
        rc = bb_error_set(err, error_class(&e, doc), "MongoDB at %s: reading the checkpoint %s "
                          "in %s.%s: %s", ms->where, ms->ckpt_name, ms->ckpt_db,
                          CHECKPOINT_COLLECTION, e.message);
    }
    mongoc_cursor_destroy(cur);
    mongoc_collection_destroy(coll);
    bson_destroy(&filter);
    bson_destroy(&opts);
    return rc;
}

/* Does output mt of a table hold that table's documents only? Its names
 * must depend on the table, and on the schema unless the rule's match
 * names one schema. */
static bool own_collection(const struct table_plan *plan, const struct mongo_target *mt)
{
    bool table = strstr(mt->database, "{table}") || strstr(mt->collection, "{table}");
    bool schema = strstr(mt->database, "{schema}") || strstr(mt->collection, "{schema}");
    if (!table)
        return false;
    if (schema)
        return true;
    const char *match = plan->rule ? plan->rule->match : NULL;
    const char *dot = match ? strchr(match, '.') : NULL;
    return dot && strcspn(match, "*?") > (size_t)(dot - match);
}

static int sink_clear_table(void *ctx, const struct table_plan *plan, struct bb_error *err)
{
    struct mongo_sink *ms = ctx;
    if (ms->nops)
        return bb_error_set(err, BB_ERR_USAGE, "clearing the MongoDB documents of %s.%s with %zu "
                            "writes pending: commit them first (the documents are removed at "
                            "once, outside the batch)", plan->schema, plan->table, ms->nops);
    if (!ms->client)
        return not_connected(ms, err);
    for (uint32_t i = 0; i < plan->ntargets; i++) {
        const struct mongo_target *mt = plan->targets[i].mongo;
        if (!mt)
            continue;
        bool escaped;
        const char *why;
        int rc = target_names(ms, mt, plan->schema, plan->table, &escaped, &why, err);
        if (rc < 0)
            return rc;
        const char *clash = rc == 0 ? db_clash(ms, ms->dbname.data) : NULL;
        if (rc == 1 || clash) {
            /* Its rows were left out (add_target said why): nothing to remove. */
            log_debug("%s.%s: no MongoDB documents to remove from %s.%s: %s", plan->schema,
                      plan->table, buf_str(&ms->dbname), buf_str(&ms->collname),
                      clash ? "its database name differs only in case from an existing one"
                            : why);
            continue;
        }
        if (!own_collection(plan, mt)) {
            log_warn("MongoDB collection %s.%s (templates \"%s\", \"%s\") may hold other tables' "
                     "documents than those of %s.%s: they are left in place after TRUNCATE or "
                     "DROP TABLE", ms->dbname.data, ms->collname.data, mt->database,
                     mt->collection, plan->schema, plan->table);
            continue;
        }
        bson_error_t e;
        bson_t filter, reply;
        bson_init(&filter);
        bson_init(&reply);
        mongoc_collection_t *coll = mongoc_client_get_collection(ms->client, ms->dbname.data,
                                                                 ms->collname.data);
        if (!mongoc_collection_delete_many(coll, &filter, NULL, &reply, &e))
            rc = bb_error_set(err, error_class(&e, &reply), "MongoDB at %s: removing the "
                              "documents of %s.%s from %s.%s: %s", ms->where, plan->schema,
                              plan->table, ms->dbname.data, ms->collname.data, e.message);
        mongoc_collection_destroy(coll);
        bson_destroy(&filter);
        bson_destroy(&reply);
        if (rc < 0)
            return rc;
    }
    return 0;
}

static int sink_reconnect(void *ctx, struct bb_error *err)
{
    return sink_connect(ctx, err);
}

static void sink_close(void *ctx)
{
    struct mongo_sink *ms = ctx;
    if (!ms)
        return;
    disconnect(ms);
    mongoc_uri_destroy(ms->uri);
    for (size_t i = 0; i < ms->ncolls; i++) {
        free(ms->colls[i].db);
        free(ms->colls[i].coll);
        free(ms->colls[i].clash);
        bb_buf_destroy(&ms->colls[i].ops);
    }
    free(ms->colls);
    free(ms->ckpt_name);
    free(ms->ckpt_db);
    bson_destroy(&ms->sel);
    bson_destroy(&ms->doc);
    bson_destroy(&ms->upd);
    bb_buf_destroy(&ms->text);
    bb_buf_destroy(&ms->dbname);
    bb_buf_destroy(&ms->collname);
    bb_buf_destroy(&ms->idtext);
    bb_buf_destroy(&ms->fieldnames);
    bb_buf_destroy(&ms->note);
    name_set_destroy(&ms->logged);
    name_set_destroy(&ms->dbs);
    free(ms->fields);
    free(ms->field_off);
    free(ms->merged);
    free(ms->want);
    free(ms->marks);
    free(ms);
}

static const struct sink_ops mongo_sink_ops = {
    .name = "mongo",
    .load_checkpoint = sink_load_checkpoint,
    .add = sink_add,
    .clear_table = sink_clear_table,
    .commit = sink_commit,
    .discard = sink_discard,
    .pending_bytes = sink_pending_bytes,
    .reconnect = sink_reconnect,
    .close = sink_close,
};

/* "host:port,host:port" or "srv:host" for messages (no credentials). */
static void describe_hosts(struct mongo_sink *ms)
{
    const char *srv = mongoc_uri_get_srv_hostname(ms->uri);
    if (srv) {
        snprintf(ms->where, sizeof ms->where, "%s (SRV)", srv);
        return;
    }
    size_t n = 0;
    ms->where[0] = '\0';
    for (const mongoc_host_list_t *h = mongoc_uri_get_hosts(ms->uri); h && n < sizeof ms->where;
         h = h->next)
        n += (size_t)snprintf(ms->where + n, sizeof ms->where - n, "%s%s", n ? "," : "",
                              h->host_and_port);
}

int mongo_sink_open(struct sink *out, const struct bb_config *cfg, struct bb_error *err)
{
    pthread_once(&init_once, init_mongoc);
    struct mongo_sink *ms = calloc(1, sizeof *ms);
    if (!ms)
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    bson_init(&ms->sel);
    bson_init(&ms->doc);
    bson_init(&ms->upd);
    bb_buf_init(&ms->text);
    bb_buf_init(&ms->dbname);
    bb_buf_init(&ms->collname);
    bb_buf_init(&ms->idtext);
    bb_buf_init(&ms->fieldnames);
    bb_buf_init(&ms->note);
    ms->max_bson = DEFAULT_MAX_BSON;
    ms->max_ns = 255;
    ms->oversize = cfg->mongo_oversize;
    int rc;
    bson_error_t e;
    if (!cfg->mongo_url) {
        rc = bb_error_set(err, BB_ERR_USAGE, "no MongoDB URL");
        goto fail;
    }
    /* libmongoc splits the userinfo at the first '@' (a password's tail
     * would become the host of every message) and quotes a password it
     * refuses: it gets the URL with the userinfo's '@' and ':' escaped,
     * read as binbridge reads URLs (url.h). */
    char *url = url_escape_userinfo(cfg->mongo_url);
    if (!url) {
        rc = bb_error_set(err, BB_ERR_NOMEM, "out of memory");
        goto fail;
    }
    ms->uri = mongoc_uri_new_with_error(url, &e);
    memset(url, 0, strlen(url));
    free(url);
    if (!ms->uri) {
        rc = bb_error_set(err, BB_ERR_USAGE, "MongoDB URL: %s", e.message);
        goto fail;
    }
    describe_hosts(ms);

    const char *env = cfg->mongo_password_env && *cfg->mongo_password_env
                          ? cfg->mongo_password_env : NULL;
    const char *pw = env ? getenv(env) : NULL;
    if (pw && *pw && !mongoc_uri_get_password(ms->uri)) {
        if (!mongoc_uri_get_username(ms->uri)) {
            rc = bb_error_set(err, BB_ERR_USAGE, "mongo.password_env: the MongoDB URL names no "
                              "user (mongodb://user@host/) for the password in $%s", env);
            goto fail;
        }
        mongoc_uri_set_password(ms->uri, pw);
    }
    /* Fail fast when the server is down (the bridge retries with backoff);
     * a batch may take a while. The URL's own settings win. */
    if (!mongoc_uri_has_option(ms->uri, MONGOC_URI_CONNECTTIMEOUTMS))
        mongoc_uri_set_option_as_int32(ms->uri, MONGOC_URI_CONNECTTIMEOUTMS, CONNECT_TIMEOUT_MS);
    if (!mongoc_uri_has_option(ms->uri, MONGOC_URI_SERVERSELECTIONTIMEOUTMS))
        mongoc_uri_set_option_as_int32(ms->uri, MONGOC_URI_SERVERSELECTIONTIMEOUTMS,
                                       SELECT_TIMEOUT_MS);
    if (!mongoc_uri_has_option(ms->uri, MONGOC_URI_SOCKETTIMEOUTMS))
        mongoc_uri_set_option_as_int32(ms->uri, MONGOC_URI_SOCKETTIMEOUTMS, SOCKET_TIMEOUT_MS);

    const char *name = cfg->checkpoint_name && *cfg->checkpoint_name ? cfg->checkpoint_name
                                                                     : DEFAULT_CHECKPOINT_NAME;
    const char *db = mongoc_uri_get_database(ms->uri);
    char app[128];
    snprintf(app, sizeof app, "binbridge-%s", name);
    if (!mongoc_uri_get_appname(ms->uri))
        mongoc_uri_set_appname(ms->uri, app);
    if (!(ms->ckpt_name = strdup(name)) ||
        !(ms->ckpt_db = strdup(db && *db ? db : CHECKPOINT_DB)) ||
        /* Written by this process: a source schema differing from it only
         * in case must not take the name first (db_clash). */
        !name_set_add(&ms->dbs, ms->ckpt_db, strlen(ms->ckpt_db))) {
        rc = bb_error_set(err, BB_ERR_NOMEM, "out of memory");
        goto fail;
    }
    /* Buffers grow with the largest batch; past twice the batch limit
     * (one oversized row) they are given back after the commit. */
    ms->keep_bytes = cfg->batch_bytes ? (size_t)cfg->batch_bytes * 2 + (1u << 20) : 64u << 20;
    if ((rc = sink_connect(ms, err)) < 0)
        goto fail;
    out->ops = &mongo_sink_ops;
    out->ctx = ms;
    return 0;
fail:
    sink_close(ms);
    return rc;
}
