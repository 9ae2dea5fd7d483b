/* bench_mongo_upsert.c - the MongoDB sink's ceiling: the row changes of a
 * binlog written straight into a server as plain ordered bulk writes with
 * the C driver, timed.
 *
 *   bench_mongo_upsert write MONGO_URL DB COLL ROWS BINLOG
 *   bench_mongo_upsert prepare MONGO_URL DB COLL CHECKPOINT FILE
 *   bench_mongo_upsert digest MONGO_URL DB COLL
 *
 * write: outside the timing, the first ROWS row changes of BINLOG (one table) are
 * decoded and turned into the documents the sink writes for them with the
 * default mapping (_id = the primary key, then every column, each value
 * through the sink's own mongo_append_value, with the server's value options:
 * FerretDB 1.x stores no Decimal128), and DB.COLL is dropped. Timed: the
 * operations in batches of BATCH_ROWS row changes (the bridge's default
 * batch.rows), each batch one ordered bulk write, as the sink's write_bulk()
 * does: an insert or update is replaceOne({_id}, doc, upsert), a delete
 * deleteOne({_id}); on FerretDB each bulk is cut into commands of
 * FERRETDB_OPS_PER_WRITE operations. No checkpoint is written: that is the
 * sink's own cost.
 *
 * Then DB.COLL must hold as many documents as the row changes leave rows.
 * Prints "rows N docs D seconds S rows_per_s R digest X server NAME VERSION"
 * and drops DB.COLL.
 *
 * prepare (for the `binbridge run` this is compared with): drops DB.COLL
 * and saves checkpoint CHECKPOINT at the start of binlog FILE (its name on
 * the server).
 *
 * digest (after that run): prints "docs D digest X" of DB.COLL and drops
 * it. X is a hash of every document's bytes in _id order, as write
 * prints it: equal digests say both wrote the same documents, and each
 * timed run starts on a server that does not hold (nor vacuums) the other
 * run's collection. */
#include <mongoc/mongoc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "binbridge.h"
#include "base/buf.h"
#include "sinks/mongo/mongo.h"

/* Keep in step with sinks/mongo/mongo_sink.c and the bridge's batch.rows default. */
#define FERRETDB_OPS_PER_WRITE 32
#define BATCH_ROWS 5000

enum { OP_REPLACE = 1, OP_DELETE = 3 };

struct op {
    int kind;
    size_t sel, doc;        /* offsets of the BSON in ops */
};

static struct bb_buf ops;   /* the selectors and documents, one after the other */
static struct op *oplist;
static size_t nops, opcap;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void die(const char *what, const char *why)
{
    fprintf(stderr, "bench_mongo_upsert: %s: %s\n", what, why);
    exit(1);
}

static size_t keep(const bson_t *b)
{
    size_t off = ops.len;
    bb_buf_append(&ops, (const char *)bson_get_data(b), b->len);
    if (ops.oom)
        die("buffering the operations", "out of memory");
    return off;
}

/* In place: a static bson_t points into itself, it cannot be copied. */
static void view(bson_t *b, size_t off)
{
    uint32_t len;
    memcpy(&len, ops.data + off, 4);
    if (!bson_init_static(b, (const uint8_t *)ops.data + off, BSON_UINT32_FROM_LE(len)))
        die("buffered operation", "corrupt");
}

/* {_id: key} of a row image; with doc, also the replacement document. */
static void build(const struct bb_table *t, const struct bb_value *row,
                  const struct mongo_value_opts *o, struct bb_buf *scratch, bson_t *sel,
                  bson_t *doc)
{
    struct bb_error err = { 0 };
    if (t->npk != 1)
        die(t->name, "the benchmark table needs a one-column primary key");
    bson_reinit(sel);
    if (mongo_append_value(sel, "_id", 3, &row[t->pk[0]], true, o, scratch, &err) < 0)
        die("_id", err.msg);
    if (!doc)
        return;
    bson_reinit(doc);
    bson_iter_t it;
    if (!bson_iter_init_find(&it, sel, "_id") || !bson_append_iter(doc, "_id", 3, &it))
        die("_id", "cannot copy");
    for (uint32_t c = 0; c < t->ncols; c++) {
        const char *f = t->cols[c].name;
        if (!f)
            die(t->name, "column names unknown (binlog_row_metadata=FULL)");
        if (row[c].kind == BB_VALUE_ABSENT)
            die(t->name, "a partial row image (binlog_row_image=FULL)");
        if (mongo_append_value(doc, f, strlen(f), &row[c], false, o, scratch, &err) < 0)
            die(f, err.msg);
    }
}

static void push(int kind, const bson_t *sel, const bson_t *doc)
{
    if (nops == opcap) {
        opcap = opcap ? 2 * opcap : 65536;
        if (!(oplist = realloc(oplist, opcap * sizeof *oplist)))
            die("buffering the operations", "out of memory");
    }
    oplist[nops].kind = kind;
    oplist[nops].sel = keep(sel);
    oplist[nops].doc = doc ? keep(doc) : 0;
    nops++;
}

/* The first `rows` row changes of the binlog files as operations; returns
 * how many documents they leave (inserts minus deletes). */
static long long load(const char *const *files, size_t nfiles, long long rows,
                      const struct mongo_value_opts *o)
{
    struct bb_error err = { 0 };
    struct bb_stream *s;
    if (bb_stream_open_files(&s, files, nfiles, NULL, &err) < 0)
        die(files[0], err.msg);
    struct bb_buf scratch;
    bb_buf_init(&scratch);
    bson_t sel, doc;
    bson_init(&sel);
    bson_init(&doc);
    const struct bb_event *ev;
    /* The first table by id and name: its struct is freed by the next
     * TABLE_MAP of the same id (the reader's table cache). */
    uint64_t table_id = 0;
    char table_name[256] = "", name[256];
    long long seen = 0, docs = 0;
    int rc;
    while (seen < rows && (rc = bb_stream_next(s, &ev, &err)) > 0) {
        if (!bb_event_is_rows(ev))
            continue;
        const struct bb_ev_rows *r = &ev->rows;
        snprintf(name, sizeof name, "%s.%s", r->table->schema, r->table->name);
        if (!table_name[0]) {
            table_id = r->table->id;
            memcpy(table_name, name, sizeof name);
        } else if (r->table->id != table_id || strcmp(name, table_name) != 0) {
            die(files[0], "row changes of more than one table");
        }
        for (uint32_t n = 0; n < r->nrows && seen < rows; n++, seen++) {
            const struct bb_row *row = &r->rows[n];
            if (r->kind == BB_ROWS_DELETE) {
                build(r->table, row->before, o, &scratch, &sel, NULL);
                push(OP_DELETE, &sel, NULL);
                docs--;
                continue;
            }
            if (r->kind == BB_ROWS_UPDATE) {
                bson_t old;
                bson_init(&old);
                build(r->table, row->before, o, &scratch, &old, NULL);
                build(r->table, row->after, o, &scratch, &sel, &doc);
                if (!bson_equal(&old, &sel))
                    die(files[0], "an update moves a row to another key: not in this benchmark");
                bson_destroy(&old);
            } else {
                build(r->table, row->after, o, &scratch, &sel, &doc);
                docs++;
            }
            push(OP_REPLACE, &sel, &doc);
        }
    }
    if (seen < rows && rc < 0)
        die(files[0], err.msg);
    if (seen < rows) {
        char why[96];
        snprintf(why, sizeof why, "only %lld row changes, %lld wanted", seen, rows);
        die(files[0], why);
    }
    bson_destroy(&sel);
    bson_destroy(&doc);
    bb_buf_destroy(&scratch);
    bb_stream_close(s);
    return docs;
}

/* Ops [from, to) as ordered bulk writes of at most per_write operations. */
static void write_batch(mongoc_collection_t *coll, size_t from, size_t to, size_t per_write)
{
    bson_t opts, upsert, reply;
    bson_error_t e;
    bson_init(&opts);
    bson_init(&upsert);
    BSON_APPEND_BOOL(&opts, "ordered", true);
    BSON_APPEND_BOOL(&upsert, "upsert", true);
    BSON_APPEND_BOOL(&upsert, "validate", false);
    for (size_t base = from; base < to; base += per_write) {
        size_t end = to - base > per_write ? base + per_write : to;
        mongoc_bulk_operation_t *bulk = mongoc_collection_create_bulk_operation_with_opts(coll,
                                                                                          &opts);
        for (size_t i = base; i < end; i++) {
            bson_t sel, doc;
            bool ok;
            view(&sel, oplist[i].sel);
            if (oplist[i].kind == OP_DELETE) {
                ok = mongoc_bulk_operation_remove_one_with_opts(bulk, &sel, NULL, &e);
            } else {
                view(&doc, oplist[i].doc);
                ok = mongoc_bulk_operation_replace_one_with_opts(bulk, &sel, &doc, &upsert, &e);
            }
            if (!ok)
                die("adding to a bulk write", e.message);
        }
        if (!mongoc_bulk_operation_execute(bulk, &reply, &e))
            die("bulk write", e.message);
        bson_destroy(&reply);
        mongoc_bulk_operation_destroy(bulk);
    }
    bson_destroy(&opts);
    bson_destroy(&upsert);
}

static void drop(mongoc_collection_t *coll)
{
    bson_error_t e;
    if (!mongoc_collection_drop(coll, &e) && !strstr(e.message, "not found"))
        die("dropping a collection", e.message);
}

/* FNV-1a over every document of coll, in _id order (a check that two
 * writers wrote the same documents, not a defence against forgery); their
 * number in *n. Then coll is dropped. */
static uint64_t digest_and_drop(mongoc_collection_t *coll, long long *n)
{
    bson_t filter = BSON_INITIALIZER, opts = BSON_INITIALIZER, sort;
    BSON_APPEND_DOCUMENT_BEGIN(&opts, "sort", &sort);
    BSON_APPEND_INT32(&sort, "_id", 1);
    bson_append_document_end(&opts, &sort);
    mongoc_cursor_t *c = mongoc_collection_find_with_opts(coll, &filter, &opts, NULL);
    const bson_t *doc;
    uint64_t h = 0xcbf29ce484222325u;
    bson_error_t e;
    *n = 0;
    while (mongoc_cursor_next(c, &doc)) {
        const uint8_t *p = bson_get_data(doc);
        for (uint32_t i = 0; i < doc->len; i++)
            h = (h ^ p[i]) * 0x100000001b3u;
        (*n)++;
    }
    if (mongoc_cursor_error(c, &e))
        die("reading back", e.message);
    mongoc_cursor_destroy(c);
    bson_destroy(&opts);
    drop(coll);
    return h;
}

static char server[64];      /* "FerretDB v1.24.2", "MongoDB 7.0.4" */

static mongoc_client_t *client_for(const char *url, bool *ferret)
{
    bson_error_t e;
    mongoc_uri_t *uri = mongoc_uri_new_with_error(url, &e);
    if (!uri)
        die(url, e.message);
    mongoc_client_t *client = mongoc_client_new_from_uri_with_error(uri, &e);
    if (!client)
        die(url, e.message);
    mongoc_uri_destroy(uri);
    mongoc_client_set_error_api(client, MONGOC_ERROR_API_VERSION_2);
    /* What the sink learns from buildInfo: FerretDB 1.x or MongoDB. */
    bson_t cmd = BSON_INITIALIZER, reply;
    BSON_APPEND_INT32(&cmd, "buildInfo", 1);
    if (!mongoc_client_command_simple(client, "admin", &cmd, NULL, &reply, &e))
        die("buildInfo", e.message);
    bson_iter_t it;
    *ferret = bson_iter_init_find(&it, &reply, "ferretdbVersion") && BSON_ITER_HOLDS_UTF8(&it);
    if (*ferret)
        snprintf(server, sizeof server, "FerretDB %s", bson_iter_utf8(&it, NULL));
    else if (bson_iter_init_find(&it, &reply, "version") && BSON_ITER_HOLDS_UTF8(&it))
        snprintf(server, sizeof server, "MongoDB %s", bson_iter_utf8(&it, NULL));
    bson_destroy(&reply);
    bson_destroy(&cmd);
    return client;
}

/* prepare: DB.COLL dropped, and checkpoint NAME at FILE:4 where the sink
 * keeps it for a URL without a database (binbridge.binbridge), so that
 * `binbridge run` starts from the first event of FILE. */
static int prepare(char **argv)
{
    bool ferret;
    mongoc_client_t *client = client_for(argv[0], &ferret);
    mongoc_collection_t *coll = mongoc_client_get_collection(client, argv[1], argv[2]);
    drop(coll);
    mongoc_collection_destroy(coll);
    coll = mongoc_client_get_collection(client, "binbridge", "binbridge");
    bson_t sel = BSON_INITIALIZER, doc = BSON_INITIALIZER, opts = BSON_INITIALIZER;
    bson_error_t e;
    BSON_APPEND_UTF8(&sel, "_id", argv[3]);
    BSON_APPEND_UTF8(&doc, "_id", argv[3]);
    BSON_APPEND_UTF8(&doc, "file", argv[4]);
    BSON_APPEND_UTF8(&doc, "pos", "4");
    BSON_APPEND_UTF8(&doc, "rows_done", "0");
    BSON_APPEND_UTF8(&doc, "gtid", "");
    BSON_APPEND_UTF8(&doc, "commit_time", "0");
    BSON_APPEND_UTF8(&doc, "server_id", "1");
    BSON_APPEND_BOOL(&opts, "upsert", true);
    if (!mongoc_collection_replace_one(coll, &sel, &doc, &opts, NULL, &e))
        die("saving the checkpoint", e.message);
    bson_destroy(&sel);
    bson_destroy(&doc);
    bson_destroy(&opts);
    mongoc_collection_destroy(coll);
    mongoc_client_destroy(client);
    return 0;
}

static int digest(char **argv)
{
    bool ferret;
    mongoc_client_t *client = client_for(argv[0], &ferret);
    mongoc_collection_t *coll = mongoc_client_get_collection(client, argv[1], argv[2]);
    long long n;
    uint64_t h = digest_and_drop(coll, &n);
    printf("docs %lld digest %016llx\n", n, (unsigned long long)h);
    mongoc_collection_destroy(coll);
    mongoc_client_destroy(client);
    return 0;
}

static int write_all(char **argv)
{
    long long rows = atoll(argv[3]);
    if (rows <= 0)
        die("ROWS", "must be a positive number");
    bool ferret;
    mongoc_client_t *client = client_for(argv[0], &ferret);
    struct mongo_value_opts vopts = { .no_decimal128 = ferret, .no_nested_arrays = ferret,
                                      .plain_keys = ferret };
    bb_buf_init(&ops);
    long long docs = load((const char *const *)argv + 4, 1, rows, &vopts);
    mongoc_collection_t *coll = mongoc_client_get_collection(client, argv[1], argv[2]);
    drop(coll);
    size_t per_write = ferret ? FERRETDB_OPS_PER_WRITE : SIZE_MAX;

    double start = now();
    for (size_t from = 0; from < nops; from += BATCH_ROWS)
        write_batch(coll, from, nops - from > BATCH_ROWS ? from + BATCH_ROWS : nops, per_write);
    double secs = now() - start;

    bson_error_t e;
    bson_t all = BSON_INITIALIZER;
    int64_t count = mongoc_collection_count_documents(coll, &all, NULL, NULL, NULL, &e);
    if (count < 0)
        die("counting", e.message);
    if (count != docs) {
        fprintf(stderr, "bench_mongo_upsert: %s.%s holds %lld documents, %lld expected\n",
                argv[1], argv[2], (long long)count, docs);
        return 1;
    }
    long long n;
    uint64_t h = digest_and_drop(coll, &n);
    printf("rows %lld docs %lld seconds %.3f rows_per_s %.0f digest %016llx server %s\n", rows,
           n, secs, (double)rows / secs, (unsigned long long)h, server);
    mongoc_collection_destroy(coll);
    mongoc_client_destroy(client);
    bb_buf_destroy(&ops);
    free(oplist);
    return 0;
}

int main(int argc, char **argv)
{
    mongoc_init();
    mongoc_log_set_handler(NULL, NULL); /* "Couldn't send endSessions" from FerretDB */
    int rc;
    if (argc == 7 && strcmp(argv[1], "prepare") == 0) {
        rc = prepare(argv + 2);
    } else if (argc == 7 && strcmp(argv[1], "write") == 0) {
        rc = write_all(argv + 2);
    } else if (argc == 5 && strcmp(argv[1], "digest") == 0) {
        rc = digest(argv + 2);
    } else {
        fprintf(stderr, "usage: bench_mongo_upsert write MONGO_URL DB COLL ROWS BINLOG\n"
                        "       bench_mongo_upsert prepare MONGO_URL DB COLL CHECKPOINT FILE\n"
                        "       bench_mongo_upsert digest MONGO_URL DB COLL\n");
        rc = 2;
    }
    mongoc_cleanup();
    return rc;
}
