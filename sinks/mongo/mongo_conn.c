/* mongo_conn.c - the connection to MongoDB: libmongoc's setup and its
 * reading of URLs, connecting (the server's kind, version and limits), its
 * errors and which of them pass, admin commands, and the sets of names said
 * once or known to the server. */
#include "sinks/mongo/mongo_internal.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <unistd.h>

#include "base/error.h"
#include "base/log.h"
#include "base/url.h"

/* ------------------------------------------------------------------ */
/* libmongoc setup                                                     */

static pthread_once_t init_once = PTHREAD_ONCE_INIT;

/* libmongoc's messages go to our log at debug level: its errors and
 * warnings repeat what the failing call returns, which the sink reports on
 * one line ("Empty hostname in URI"), or are noise ("Couldn't send
 * endSessions" from a server without that command, FerretDB, whenever a
 * client closes). */
/* While a URL is read, libmongoc's warnings are what is wrong with it
 * ("Unsupported URI option \"tsl\"", a value it ignores): they are kept
 * here, and the URL is refused with the first of them, rather than
 * logged at debug and the option silently dropped. */
static _Thread_local char *uri_warning;
static _Thread_local size_t uri_warning_size;

static void mongoc_log_to_ours(mongoc_log_level_t level, const char *domain, const char *msg,
                               void *data)
{
    (void)data;
    if (uri_warning && level <= MONGOC_LOG_LEVEL_WARNING && !uri_warning[0]) {
        snprintf(uri_warning, uri_warning_size, "%s", msg);
        return;
    }
    log_debug("libmongoc %s %s: %s", mongoc_log_level_str(level), domain ? domain : "", msg);
}

/* libmongoc keeps counters in /dev/shm/mongoc-<pid>, and a process that
 * is killed leaves its segment behind: a later process given the same pid
 * then warns "Falling back to malloc for counters" on stderr, whatever
 * command it runs. Debian's libmongoc initialises itself when it is
 * loaded, before main, so every process that links this sink gets a
 * segment. Removing its name at once leaves the mapping in use and
 * nothing behind however the process ends (libmongoc's own unlink at exit
 * then finds nothing), and MONGOC_DISABLE_SHM keeps the processes this
 * one starts from making segments at all. Library constructors run
 * before the program's, so the segment exists by now. */
__attribute__((constructor)) static void forget_counters_segment(void)
{
    if (getenv("MONGOC_DISABLE_SHM"))
        return;
    char name[32];
    snprintf(name, sizeof name, "/mongoc-%u", (unsigned)getpid());
    (void)shm_unlink(name);
    setenv("MONGOC_DISABLE_SHM", "1", 0);
}

static void init_mongoc(void)
{
    mongoc_log_set_handler(mongoc_log_to_ours, NULL);
    mongoc_init();
}

void mongo_init_once(void)
{
    pthread_once(&init_once, init_mongoc);
}

int mongo_uri_parse(const char *url, mongoc_uri_t **out, bson_error_t *e)
{
    mongo_init_once();
    *out = NULL;
    /* libmongoc splits the userinfo at the first '@' (a password's tail
     * would become the host of every message) and quotes a password it
     * refuses: it gets the URL with the userinfo's '@' and ':' escaped,
     * read as binbridge reads URLs (url.h). */
    char *escaped = url_escape_userinfo(url);
    if (!escaped) {
        bson_set_error(e, 0, 0, "out of memory");
        return BB_ERR_NOMEM;
    }
    char warning[256] = "";
    uri_warning = warning;
    uri_warning_size = sizeof warning;
    *out = mongoc_uri_new_with_error(escaped, e);
    uri_warning = NULL;
    memset(escaped, 0, strlen(escaped));
    free(escaped);
    if (*out && warning[0]) {
        mongoc_uri_destroy(*out);
        *out = NULL;
        bson_set_error(e, 0, 0, "%s", warning);
    }
    return *out ? 0 : BB_ERR_USAGE;
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
int mongo_error_class(const bson_error_t *e, const bson_t *reply)
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

int mongo_write_error_class(struct mongo_sink *ms, const bson_error_t *e, const bson_t *reply,
                            char *note, size_t size)
{
    note[0] = '\0';
    if (!duplicate_key(e, reply))
        return mongo_error_class(e, reply);
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

void mongo_disconnect(struct mongo_sink *ms)
{
    if (ms->client) {
        mongoc_client_destroy(ms->client);
        ms->client = NULL;
    }
}

int mongo_not_connected(struct mongo_sink *ms, struct bb_error *err)
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
    int code = mongo_error_class(&e, reply);
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
bool mongo_name_set_add(struct name_set *s, const char *p, size_t n)
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

void mongo_name_set_destroy(struct name_set *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->v[i].p);
    free(s->v);
    memset(s, 0, sizeof *s);
}

/* Is p[0..n) new to s (and now in it)? For saying something once. */
bool mongo_first_time(struct name_set *s, const char *p, size_t n)
{
    return !name_set_find(s, p, n, false) && mongo_name_set_add(s, p, n);
}

/* Whether database db clashes with one the server has or this sink writes
 * (MongoDB refuses names that differ only in case): the existing name, or
 * NULL, db then counting as written. */
const char *mongo_db_clash(struct mongo_sink *ms, const char *db)
{
    size_t n = strlen(db);
    if (name_set_find(&ms->dbs, db, n, false))
        return NULL;
    const struct name_entry *e = name_set_find(&ms->dbs, db, n, true);
    if (e)
        return e->p;
    (void)mongo_name_set_add(&ms->dbs, db, n);
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
            (void)mongo_name_set_add(&ms->dbs, names[i], strlen(names[i]));
    bson_strfreev(names);
}

int mongo_connect(struct mongo_sink *ms, struct bb_error *err)
{
    mongo_disconnect(ms);
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
    ms->vopts.plain_keys = true;    /* on every server: see the top of mongo_sink.c */

    mongoc_server_description_t *sd = mongoc_client_select_server(c, true, NULL, &e);
    if (!sd) {
        rc = bb_error_set(err, mongo_error_class(&e, NULL), "cannot reach MongoDB at %s: %s", ms->where,
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
    mongo_disconnect(ms);
    return rc;
}
