/* mongo_sink.c - the MongoDB sink: one document per row, written with bulk
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
 * refused when it is added: mongo.oversize "stop" fails with
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

#include "sinks/mongo/mongo_internal.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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
    const char *clash = mongo_db_clash(ms, db);
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
            return mongo_set_appended(false, err);
        rc = 0;
        for (uint32_t k = 0; k < plan->nkey_cols && rc == 0; k++) {
            uint32_t c = plan->key_cols[k];
            const char *f = ms->fields[c] ? ms->fields[c] : "_id";
            rc = mongo_append_value(&id, f, strlen(f), &row[c], true, &ms->vopts, &ms->text, err);
        }
        bool ok = bson_append_document_end(sel, &id);
        if (rc == 0)
            rc = mongo_set_appended(ok, err);
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
                         const struct output_plan *tp, const struct bb_value *row,
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
                             const struct output_plan *tp, const bson_t *sel,
                             const struct bb_value *row, struct bb_error *err)
{
    bson_reinit(&ms->doc);
    bson_iter_t it;
    if (!bson_iter_init_find(&it, sel, "_id") || !bson_append_iter(&ms->doc, "_id", 3, &it))
        return mongo_set_appended(false, err);
    return append_fields(ms, ch, tp, row, NULL, &ms->doc, err);
}

/* {$set: {field: value, ...}} into ms->upd: the columns want marks (all
 * the image has when want is NULL). An empty $set is not valid: *empty
 * says there is nothing to write. */
static int build_set(struct mongo_sink *ms, const struct change *ch, const struct output_plan *tp,
                     const struct bb_value *row, const bool *want, bool *empty,
                     struct bb_error *err)
{
    bson_reinit(&ms->upd);
    bson_t set;
    if (!bson_append_document_begin(&ms->upd, "$set", 4, &set))
        return mongo_set_appended(false, err);
    int rc = append_fields(ms, ch, tp, row, want, &set, err);
    *empty = bson_empty(&set);
    bool ok = bson_append_document_end(&ms->upd, &set);
    return rc < 0 ? rc : mongo_set_appended(ok, err);
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
static int add_target(struct mongo_sink *ms, const struct change *ch, const struct output_plan *tp,
                      struct bb_error *err)
{
    const struct mongo_output *mt = mongo_output_of(tp);
    const struct table_plan *plan = ch->plan;
    int rc;
    bool escaped = false;
    const char *why;
    ms->vopts.dates_as_strings = mt->dates_as_strings;
    if ((rc = mongo_target_names(ms, mt, plan->schema, plan->table, &escaped, &why, err)) != 0) {
        if (rc < 0)
            return rc;
        mongo_note_refused(ms, ch, mt, why);
        return 0;
    }
    if ((rc = mongo_field_names(ms, ch, tp, &escaped, err)) < 0)
        return rc;
    struct pending_coll *pc = coll_for(ms, ms->dbname.data, ms->collname.data, err);
    if (!pc)
        return err->code;
    if (pc->clash) {
        snprintf(ms->why, sizeof ms->why, "MongoDB refuses a database whose name differs only "
                 "in case from an existing one, \"%.80s\"", pc->clash);
        mongo_note_refused(ms, ch, mt, ms->why);
        return 0;
    }
    if (escaped)
        mongo_note_escaped(ms, ch, tp);
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
    const struct sink_outputs *mine = mapper_sink_outputs(plan, ms->index);
    for (uint32_t i = 0; i < mine->n && rc == 0; i++)
        rc = add_target(ms, ch, &mine->v[i], err);
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
            int code = mongo_write_error_class(ms, &e, &reply, note, sizeof note);
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
        int code = mongo_write_error_class(ms, &e, &reply, note, sizeof note);
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
        return bb_error_set(err, mongo_error_class(&e, NULL), "MongoDB at %s: starting a session: %s",
                            ms->where, e.message);
    }
    int rc = 0;
    if (!mongoc_client_session_start_transaction(cs, NULL, &e)) {
        rc = bb_error_set(err, mongo_error_class(&e, NULL), "MongoDB at %s: starting a transaction: "
                          "%s", ms->where, e.message);
        goto done;
    }
    for (size_t i = 0; i < ms->ncolls && rc == 0; i++)
        if (ms->colls[i].nops)
            rc = write_bulk(ms, &ms->colls[i], cs, err);
    if (rc == 0)
        rc = write_checkpoint(ms, cp, cs, err);
    if (rc == 0 && !mongoc_client_session_commit_transaction(cs, &reply, &e))
        rc = bb_error_set(err, mongo_error_class(&e, &reply), "MongoDB at %s: committing the "
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
    int rc = !ms->client ? mongo_not_connected(ms, err)
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
        return mongo_not_connected(ms, err);
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
        rc = bb_error_set(err, mongo_error_class(&e, doc), "MongoDB at %s: reading the checkpoint %s "
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
static bool own_collection(const struct table_plan *plan, const struct mongo_output *mt)
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
        return mongo_not_connected(ms, err);
    const struct sink_outputs *mine = mapper_sink_outputs(plan, ms->index);
    for (uint32_t i = 0; i < mine->n; i++) {
        const struct mongo_output *mt = mongo_output_of(&mine->v[i]);
        bool escaped;
        const char *why;
        int rc = mongo_target_names(ms, mt, plan->schema, plan->table, &escaped, &why, err);
        if (rc < 0)
            return rc;
        const char *clash = rc == 0 ? mongo_db_clash(ms, ms->dbname.data) : NULL;
        if (rc == 1 || clash) {
            /* Its rows were left out (add_target said why): nothing to remove. */
            log_debug("%s.%s: no MongoDB documents to remove from %s.%s: %s", plan->schema,
                      plan->table, mongo_buf_str(&ms->dbname), mongo_buf_str(&ms->collname),
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
            rc = bb_error_set(err, mongo_error_class(&e, &reply), "MongoDB at %s: removing the "
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
    return mongo_connect(ctx, err);
}

static void sink_close(void *ctx)
{
    struct mongo_sink *ms = ctx;
    if (!ms)
        return;
    mongo_disconnect(ms);
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
    mongo_name_set_destroy(&ms->logged);
    mongo_name_set_destroy(&ms->dbs);
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

int mongo_sink_open(struct sink *out, const struct bb_config *cfg, size_t k, struct bb_error *err)
{
    const struct mongo_settings *set = config_sink_settings(cfg, k);
    if (!set)
        return bb_error_set(err, BB_ERR_USAGE, "no MongoDB sink %zu in the configuration", k);
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
    ms->index = k;
    ms->max_bson = DEFAULT_MAX_BSON;
    ms->max_ns = 255;
    ms->oversize = set->oversize;
    int rc;
    bson_error_t e;
    if (!set->url) {
        rc = bb_error_set(err, BB_ERR_USAGE, "no MongoDB URL");
        goto fail;
    }
    if ((rc = mongo_uri_parse(set->url, &ms->uri, &e)) < 0) {
        rc = bb_error_set(err, rc, "MongoDB URL: %s", e.message);
        goto fail;
    }
    describe_hosts(ms);

    /* The URL's password first, else the environment's (config.h) */
    const char *sink = cfg->sinks[k]->name;
    const char *pw = config_password(cfg, sink);
    if (pw && !mongoc_uri_get_password(ms->uri)) {
        if (!mongoc_uri_get_username(ms->uri)) {
            char var[128];
            if (!config_password_env_name(cfg, sink, var, sizeof var))
                var[0] = '\0';
            rc = bb_error_set(err, BB_ERR_USAGE, "a MongoDB password is given (%s or "
                              "%s.password_env) but the MongoDB URL names no user: write "
                              "mongodb://user@host/", var, sink);
            goto fail;
        }
        mongoc_uri_set_password(ms->uri, pw);
    }
    if ((rc = mongo_tls_setup(ms, set, err)) < 0)
        goto fail;
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
        !mongo_name_set_add(&ms->dbs, ms->ckpt_db, strlen(ms->ckpt_db))) {
        rc = bb_error_set(err, BB_ERR_NOMEM, "out of memory");
        goto fail;
    }
    /* Buffers grow with the largest batch; past twice the batch limit
     * (one oversized row) they are given back after the commit. */
    ms->keep_bytes = cfg->batch_bytes ? (size_t)cfg->batch_bytes * 2 + (1u << 20) : 64u << 20;
    if ((rc = mongo_connect(ms, err)) < 0)
        goto fail;
    if (ms->tls) {
        char tls[700];
        mongo_tls_describe(ms, tls, sizeof tls);
        log_info("MongoDB at %s: over TLS (%s)", ms->where, tls);
    }
    out->ops = &mongo_sink_ops;
    out->ctx = ms;
    return 0;
fail:
    sink_close(ms);
    return rc;
}
