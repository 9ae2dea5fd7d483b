/* mongo_internal.h - what the files of the MongoDB sink share: the sink's
 * state and the functions each file gives the others. mongo_sink.c: the
 * sink operations, buffering, commits; mongo_conn.c: the connection and
 * its errors; mongo_tls.c: TLS (settings, files, why a server cannot be
 * reached); mongo_names.c: names; bson_value.c: values (mongo.h);
 * geojson.c: GEOMETRY values; mongo_options.c: its options and its type. */
#ifndef BB_MONGO_INTERNAL_H
#define BB_MONGO_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <mongoc/mongoc.h>

#include "binbridge.h"
#include "base/buf.h"
#include "mapping/checkpoint.h"
#include "mapping/config.h"
#include "mapping/mapper.h"
#include "sinks/sink.h"
#include "sinks/mongo/mongo.h"
#include "sinks/mongo/mongo_options.h"

#define CHECKPOINT_DB "binbridge"
#define CHECKPOINT_COLLECTION "binbridge"
#define DEFAULT_MAX_BSON (16 * 1024 * 1024)
/* FerretDB 1.x keeps every update of an update command holding a SQLite
 * connection until the command ends, out of a pool of 100: a command of
 * about 100 updates deadlocks, and long before that the open read
 * transactions make each write slower. Its bulk writes are cut into
 * commands of this many operations. */
#define FERRETDB_OPS_PER_WRITE 32
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
    size_t index;                   /* the sink's index in cfg->sinks: its outputs in a plan */
    mongoc_uri_t *uri;
    mongoc_client_t *client;        /* NULL when not connected */
    char where[300];                /* "host:port[,host:port]" for messages */
    char server[64];                /* "MongoDB 7.0.4", "FerretDB v1.24.2" */
    bool tls;                       /* the URL turns TLS on (mongo_tls_setup) */
    enum mongo_tls_verify tls_verify;   /* what libmongoc checks of the certificate */
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

/* bson_value.c */
/* 0 when a bson_append_* call went through, else BB_ERR_LIMIT. */
int mongo_set_appended(bool ok, struct bb_error *err);

/* geojson.c */
/* A GEOMETRY value as GeoJSON (or its bytes when it is not GeoJSON). */
int mongo_append_geometry(bson_t *doc, const char *key, size_t keylen, const struct bb_value *v,
                          const struct mongo_value_opts *o, struct bb_error *err);

/* mongo_sink.c */
/* The sink's open function (mongo_sink_type): connect to its mongo.url. */
int mongo_sink_open(struct sink *out, const struct bb_config *cfg, size_t k, struct bb_error *err);

/* mongo_conn.c */
/* libmongoc set up (once per process: its log into ours). */
void mongo_init_once(void);
/* libmongoc's reading of a URL (the userinfo escaped as url.h reads it):
 * 0 with *out (caller destroys), BB_ERR_USAGE with libmongoc's reason in e,
 * or BB_ERR_NOMEM. */
int mongo_uri_parse(const char *url, mongoc_uri_t **out, bson_error_t *e);
/* Whether an error passes (a retry may succeed) or not. */
int mongo_error_class(const bson_error_t *e, const bson_t *reply);
/* The same for a bulk write's reply (note: what to tell). */
int mongo_write_error_class(struct mongo_sink *ms, const bson_error_t *e, const bson_t *reply,
                            char *note, size_t size);
void mongo_disconnect(struct mongo_sink *ms);
int mongo_not_connected(struct mongo_sink *ms, struct bb_error *err);
/* Add p[0..n) to s; false when out of memory. */
bool mongo_name_set_add(struct name_set *s, const char *p, size_t n);
void mongo_name_set_destroy(struct name_set *s);
/* Is p[0..n) new to s? (It is added.) */
bool mongo_first_time(struct name_set *s, const char *p, size_t n);
/* The database of the server whose name differs from db only in case, or
 * NULL. */
const char *mongo_db_clash(struct mongo_sink *ms, const char *db);
/* Connect, and learn what the server is and takes. */
int mongo_connect(struct mongo_sink *ms, struct bb_error *err);

/* mongo_tls.c */
/* The TLS settings (mongo.tls_*) into ms->uri where the URL has no
 * option of its own, refused beside a URL without TLS; the files the
 * options name checked (readable, PEM, a key that is the certificate's);
 * ms->tls and ms->tls_verify set. 0 or BB_ERR_USAGE (BB_ERR_NOMEM). */
int mongo_tls_setup(struct mongo_sink *ms, const struct mongo_settings *set, struct bb_error *err);
/* What the URL's TLS is, for the log: "tls_verify=full, tlsCAFile /x". */
void mongo_tls_describe(const struct mongo_sink *ms, char *buf, size_t size);
/* Why libmongoc could not reach the servers (e: a server selection
 * error), on one line: per server, libmongoc's reason, put in words of the
 * URL's options, with what a handshake of our own tells beside it (the
 * certificate's subject, dates and names; the server's alert; TLS where
 * the URL has none, or none where it has). */
void mongo_unreachable_reason(const struct mongo_sink *ms, const bson_error_t *e, char *buf,
                              size_t size);

/* mongo_names.c */
/* A buffer's text, "" when empty. */
const char *mongo_buf_str(const struct bb_buf *b);
/* The database and collection of a target for schema.table. */
int mongo_target_names(struct mongo_sink *ms, const struct mongo_output *mt, const char *schema,
                       const char *table, bool *escaped, const char **why, struct bb_error *err);
/* The field names of a change's columns for a target. */
int mongo_field_names(struct mongo_sink *ms, const struct change *ch, const struct output_plan *tp,
                      bool *escaped, struct bb_error *err);
/* Warnings said once per table: names escaped, names refused. */
void mongo_note_escaped(struct mongo_sink *ms, const struct change *ch,
                        const struct output_plan *tp);
void mongo_note_refused(struct mongo_sink *ms, const struct change *ch,
                        const struct mongo_output *mt, const char *why);

#endif
