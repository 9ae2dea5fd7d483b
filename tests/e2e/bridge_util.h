/* bridge_util.h - the end-to-end harness of test_bridge.c: the real
 * `binbridge run` as a child process against a real MariaDB and Redis, a
 * seeded random workload, and the comparison of every Redis key with a
 * fresh SELECT of the source in the text form (design.md, "Default
 * mapping", "Text form of values").
 *
 * Every function here asserts (Criterion) on an unexpected failure of the
 * harness itself: a test never goes on with a broken fixture. */
#ifndef BB_BRIDGE_UTIL_H
#define BB_BRIDGE_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include <hiredis/hiredis.h>
#include <mongoc/mongoc.h>
#include <mysql.h>

/* ------------------------------------------------------------------ */
/* Servers                                                             */

/* A MariaDB + Redis pair: the shared test servers (from the environment
 * scripts/run-tests.sh exports) or a private pair (e2e_private_start). */
struct e2e_servers {
    char host[64];
    unsigned mariadb_port, redis_port;
    char mysql_url[256];      /* mysql://bb:bbpass@host:port */
    char redis_url[256];      /* redis://host:port/0 */
    char dir[512];            /* BB_SERVERS_DIR ("" for the shared ones) */
    bool private_pair;
    /* MongoDB: $BINBRIDGE_TEST_MONGO_URI when set, else $BB_MONGO_URL (the
     * shared FerretDB), or a private FerretDB (mongo_port) started by
     * e2e_private_start_mongo; "" when none is known. */
    char mongo_url[512];
    unsigned mongo_port;      /* a private FerretDB's port, 0: none */
};

/* CLOCK_MONOTONIC in seconds; a sleep that survives signals. */
double e2e_now(void);
void e2e_sleep_ms(unsigned ms);

void e2e_servers_from_env(struct e2e_servers *s);

/* A private pair on free ports with its data in /tmp/binbridge-e2e-<pid>
 * (scripts/servers.sh start with BB_SERVERS_DIR, BB_MARIADB_PORT,
 * BB_REDIS_PORT). Pairs left behind by a killed test run are stopped and
 * removed first. */
void e2e_private_start(struct e2e_servers *s);
/* The same with a private FerretDB too (BB_FERRETDB_PORT of its own), so
 * that restart-ferretdb is possible; with BINBRIDGE_TEST_MONGO_URI set, a
 * MariaDB + Redis pair and that MongoDB (no FerretDB is started). */
void e2e_private_start_mongo(struct e2e_servers *s);
/* scripts/servers.sh ACTION for that pair (restart-redis, restart-mariadb,
 * restart-ferretdb, stop); returns its exit status. Output goes to
 * DIR/servers.log. */
int e2e_private_action(const struct e2e_servers *s, const char *action);
/* Stop the pair and remove its directory; safe to call twice. */
void e2e_private_destroy(struct e2e_servers *s);

/* A TCP port nobody listens on right now. */
unsigned e2e_free_port(void);

/* ------------------------------------------------------------------ */
/* SQL                                                                 */

/* Connect as bb (all privileges), SET NAMES utf8mb4, time_zone '+00:00'.
 * e2e_sql_connect_retry keeps trying for up to `seconds` (a restarting
 * server). */
MYSQL *e2e_sql_connect(const struct e2e_servers *s);
MYSQL *e2e_sql_connect_retry(const struct e2e_servers *s, double seconds);

void e2e_sql(MYSQL *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Run a statement; 0 or the server's error number. */
unsigned e2e_sql_try(MYSQL *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The first column of the first row (malloc'd; NULL for SQL NULL or no row). */
char *e2e_sql_value(MYSQL *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* SHOW MASTER STATUS. */
void e2e_master_status(MYSQL *m, char *file, size_t size, uint64_t *pos);

/* ------------------------------------------------------------------ */
/* Redis                                                               */

redisContext *e2e_redis_connect(const struct e2e_servers *s);
redisContext *e2e_redis_connect_retry(const struct e2e_servers *s, double seconds);
/* A command; asserts a reply that is not an error. Caller frees. */
redisReply *e2e_redis(redisContext *c, const char *fmt, ...);
/* Every key matching a glob (SCAN), malloc'd array of malloc'd strings. */
char **e2e_redis_keys(redisContext *c, const char *glob, size_t *n);
void e2e_free_strings(char **v, size_t n);
/* Delete every key matching glob. */
void e2e_redis_delete(redisContext *c, const char *glob);

/* The checkpoint binbridge saved under `name` (binbridge:checkpoint:NAME). */
struct e2e_checkpoint {
    bool found;
    char file[256];
    uint64_t pos, rows_done;
    char gtid[256];
    uint64_t commit_time, server_id;
    bool loading;             /* state "loading": an initial load is under way */
    char xa_pending[4096];    /* the prepared XA transactions it lists */
};
void e2e_checkpoint_read(redisContext *c, const char *name, struct e2e_checkpoint *cp);
/* Order of binlog positions: the numeric suffix of the file, then pos. */
int e2e_position_compare(const char *file_a, uint64_t pos_a, const char *file_b, uint64_t pos_b);

/* ------------------------------------------------------------------ */
/* The binbridge binary as a child process                            */

/* A child binbridge whose stderr (and stdout) go to a file of its own. */
struct e2e_proc {
    pid_t pid;                /* 0 when not running */
    char out_path[600];
    int status;               /* after exit: exit code, or 128 + signal */
    long maxrss_kb;           /* after exit: its peak resident set */
};

/* Start $BB_BINBRIDGE with argv (argv[0] is the subcommand, NULL
 * terminated); its output goes to out_path. The child dies with the test
 * process (PR_SET_PDEATHSIG), and e2e_kill_children kills any left. */
void e2e_proc_start(struct e2e_proc *p, const char *out_path, const char *const *argv);
/* Wait up to `seconds` for the exit: true when it exited (p->status set). */
bool e2e_proc_wait(struct e2e_proc *p, double seconds);
void e2e_proc_signal(struct e2e_proc *p, int sig);
/* SIGKILL and reap. */
void e2e_proc_kill(struct e2e_proc *p);
/* Whether it still runs (reaps it when it exited). */
bool e2e_proc_running(struct e2e_proc *p);
/* Everything it wrote (malloc'd, NUL-terminated). */
char *e2e_proc_output(const struct e2e_proc *p);
/* Kill every child still running (Criterion .fini). */
void e2e_kill_children(void);

/* ------------------------------------------------------------------ */
/* A test's world                                                      */

struct e2e {
    struct e2e_servers srv;
    char tag[32];
    char db[64];              /* bbe_<tag>_<pid>: the database, the checkpoint
                                 name and (with ':') the Redis key prefix */
    char dir[512];            /* scratch files: configs, outputs, workload log */
    uint32_t server_id;       /* the replica id of this test's bridges */
    MYSQL *m;
    redisContext *r;
    char config[600];         /* the config file (e2e_write_config) */
    unsigned runs;            /* binbridge processes started */
    struct e2e_proc bridge;   /* the blocking bridge, when one runs */
    bool config_only;         /* run with --config alone: the file names the
                                 source, Redis and checkpoint */
    uint64_t seed;
    double started;           /* CLOCK_MONOTONIC at e2e_begin */
    /* MongoDB (e2e_mongo_begin): bridges get --mongo too, and without
     * --redis when mongo_only; waits read the checkpoint document. */
    mongoc_client_t *mc;
    char mongo_url[512];
    char mongo_ckpt_db[128];  /* the URL's database, else "binbridge" */
    bool mongo_only;
    bool ferret;              /* FerretDB 1.x (buildInfo's ferretdbVersion) */
    char mongo_dbs[8][80];    /* MongoDB databases dropped by e2e_end */
    size_t nmongo_dbs;
    char waited[1600];        /* after a failed e2e_wait_caught_up: the target
                                 and the checkpoints last read, for messages */
};

/* Create the database (empty), connections and the scratch directory.
 * srv NULL: the shared servers. */
void e2e_begin(struct e2e *E, const char *tag, const struct e2e_servers *srv);
/* Kill bridges, drop the database, delete the keys and the checkpoint,
 * remove the scratch directory (kept when BB_E2E_KEEP is set). */
void e2e_end(struct e2e *E);

/* Write E->dir/NAME from a format and point E->config at it. */
void e2e_write_config(struct e2e *E, const char *name, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* `binbridge run` with this test's source, Redis, config, checkpoint and
 * server id, plus extra arguments (NULL terminated list). */
void e2e_bridge_start(struct e2e *E, const char *const *extra);
/* A --stop-at-end run to completion: asserts exit 0 within `seconds`. */
void e2e_bridge_to_end(struct e2e *E, double seconds);
/* Any binbridge subcommand to completion; returns the exit code and the
 * output (malloc'd) in *out. Asserts it ends within `seconds`. */
int e2e_run_cmd(struct e2e *E, const char *const *argv, double seconds, char **out);

/* Wait until the saved checkpoint is at or past the server's current end
 * of binlog (read now) with no transaction half applied, polling Redis
 * (unless E->mongo_only) and the MongoDB checkpoint (with E->mc): both
 * when both sinks run. Returns false after `seconds` (the caller asserts
 * with context). */
bool e2e_wait_caught_up(struct e2e *E, double seconds);
/* Wait until the checkpoint (MongoDB's when E->mongo_only, else Redis's)
 * differs from *cp (a commit happened); false after `seconds`. */
bool e2e_wait_checkpoint_moves(struct e2e *E, const struct e2e_checkpoint *from, double seconds);

/* The usual configuration file of an end-to-end test (bridge.conf): this
 * test's schema only, small batches (a 65536-byte batch limit puts every
 * large transaction in chunks), quick retries and heartbeats; `more` adds
 * options (rules). `who` names the test file in a comment. */
void e2e_write_usual_config(struct e2e *E, const char *who, const char *more);
/* Fail with `what`, the seed and the end of the bridge's output. */
void e2e_fail_with_bridge_output(struct e2e *E, const char *what);
/* The first run: no checkpoint, --start current saves the server's current
 * end, where every later run resumes (asserted). */
void e2e_establish_checkpoint(struct e2e *E);
/* e2e_wait_caught_up, failing with the bridge's output after `seconds`. */
void e2e_assert_caught_up(struct e2e *E, double seconds);
/* SIGTERM to the running bridge: asserts it exits 0 within `seconds`;
 * returns how long it took. */
double e2e_stop_bridge(struct e2e *E, double seconds);
/* The output lines of a command, without the "+ command" line and the
 * line `run` starts with (its version); the first one in `first`. */
size_t e2e_output_lines(const char *out, char *first, size_t size);

/* `binbridge run --config FILE args...`, FILE holding `text`, must exit 2
 * with one line naming FILE:line (case `n` in messages). */
void e2e_expect_config_error(struct e2e *E, size_t n, const char *text, int line,
                             const char *const *args);

/* The last lines of a file, for failure messages (static buffer). */
const char *e2e_tail(const char *path, size_t max_bytes);

/* ------------------------------------------------------------------ */
/* MongoDB                                                             */

/* A client of the test's own (error API 2, libmongoc's chatter quiet);
 * NULL with *why when the server does not answer a ping within the
 * URL's (or a 5 s) server selection timeout. */
mongoc_client_t *e2e_mongo_try(const char *url, char *why, size_t size);
/* Connect E->mc to E->srv.mongo_url (asserting), drop this test's
 * database E->db and its checkpoint document there; from now on bridges
 * get --mongo and e2e_end cleans up MongoDB too. mongo_only: bridges get
 * no --redis. */
void e2e_mongo_begin(struct e2e *E, bool mongo_only);
/* A MongoDB database e2e_end drops (one a test writes besides E->db). */
void e2e_mongo_track_db(struct e2e *E, const char *db);
/* The checkpoint binbridge saved under `name` in MongoDB (collection
 * binbridge of E->mongo_ckpt_db, _id = name, string fields). */
void e2e_mongo_checkpoint_read(struct e2e *E, const char *name, struct e2e_checkpoint *cp);
/* The checkpoint the waits poll: MongoDB's when E->mongo_only. */
void e2e_checkpoint_read_any(struct e2e *E, struct e2e_checkpoint *cp);

/* ------------------------------------------------------------------ */
/* Text                                                                */

/* A growing text buffer, always NUL terminated once written (p). */
struct e2e_sb {
    char *p;
    size_t len, cap;
};
void e2e_sb_append(struct e2e_sb *b, const char *p, size_t n);
void e2e_sb_puts(struct e2e_sb *b, const char *s);
void e2e_sb_printf(struct e2e_sb *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Bytes as upper-case hex digits. */
void e2e_sb_hex(struct e2e_sb *b, const void *bytes, size_t n);

/* ------------------------------------------------------------------ */
/* Random numbers (seeded, reproducible)                               */

struct e2e_rng {
    uint64_t s;
};
uint64_t e2e_rand(struct e2e_rng *r);
/* Uniform in [0, n). */
uint64_t e2e_below(struct e2e_rng *r, uint64_t n);
bool e2e_chance(struct e2e_rng *r, unsigned percent);
/* The seed: $BB_E2E_SEED when set, else from the clock and pid. */
uint64_t e2e_seed(void);

/* ------------------------------------------------------------------ */
/* The source as SELECT shows it                                       */

enum e2e_how { E2E_EXACT, E2E_FLOAT, E2E_BIT };

struct e2e_json;

struct e2e_col {
    char *name;
    char *type;               /* information_schema DATA_TYPE */
    enum e2e_how how;
    bool json;                /* MariaDB JSON (a LONGTEXT with a json_valid() check) */
};

struct e2e_cell {
    char *p;                  /* NULL for SQL NULL */
    size_t len;
    char *extra;              /* FLOAT: CAST(c AS DOUBLE); BIT: c+0 */
};

struct e2e_table {
    char *schema, *name;
    struct e2e_col *cols;
    size_t ncols;
    uint32_t *pk;             /* column indexes of the primary key */
    size_t npk;
    struct e2e_cell *cells;   /* nrows * ncols */
    size_t nrows;
};

/* SELECT every row of schema.table (and its columns and primary key from
 * information_schema). */
void e2e_table_load(MYSQL *m, const char *schema, const char *table, struct e2e_table *t);
void e2e_table_free(struct e2e_table *t);
int e2e_column_index(const struct e2e_table *t, const char *name);
static inline const struct e2e_cell *e2e_cell(const struct e2e_table *t, size_t row, size_t col)
{
    return &t->cells[row * t->ncols + col];
}

/* Does `got` (what binbridge wrote) have the text form of the cell?
 * FLOAT: reads back to the stored float and is the shortest text that
 * does; BIT: SELECT c+0; everything else byte for byte. On a mismatch,
 * *why says how (static buffer). */
bool e2e_text_matches(const struct e2e_col *col, const struct e2e_cell *cell, const char *got,
                      size_t len, const char **why);

/* Does a member of a json-shape document hold the cell's value in the
 * JSON form (README, "JSON lines"): integers, BIT, FLOAT and DOUBLE as
 * numbers (their text form), DECIMAL, dates, times, YEAR, ENUM and SET as
 * strings of their text form, text as strings, binary data as
 * {"base64": ...}, NULL as null? */
bool e2e_json_matches(const struct e2e_col *col, const struct e2e_cell *cell,
                      const struct e2e_json *v, const char **why);

/* Printable form of bytes for messages (\xNN for the rest), malloc'd. */
char *e2e_printable(const char *p, size_t len);

/* Collects mismatches; prints the first ones and fails the test at
 * e2e_report_check. */
struct e2e_report {
    char what[128];
    unsigned count;
    unsigned checked_keys;
    char *text;               /* the first messages */
    size_t len, cap;
};
void e2e_report_init(struct e2e_report *rep, const char *what);
void e2e_report_add(struct e2e_report *rep, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Fails the test when anything was reported (naming the seed). */
void e2e_report_check(struct e2e_report *rep, uint64_t seed);

/* A list of malloc'd strings. */
struct e2e_strings {
    char **v;
    size_t n, cap;
};
void e2e_strings_add(struct e2e_strings *s, char *owned);
void e2e_strings_sort(struct e2e_strings *s);
bool e2e_strings_has(const struct e2e_strings *sorted, const char *x);
void e2e_strings_free(struct e2e_strings *s);

/* Every key under glob that is not in `expected` (sorted) and matches
 * none of the `ignore` globs is reported as an extra key. */
void e2e_check_no_extra_keys(redisContext *r, const char *glob, const struct e2e_strings *expected,
                             const char *const *ignore, struct e2e_report *rep);

/* The row of t whose key, rendered with tmpl, is key; -1 when none. */
long e2e_table_find(const struct e2e_table *t, const char *tmpl, const char *key);

/* Compare one HGETALL reply with row `row` of t. */
void e2e_check_hash_reply(const struct e2e_table *t, size_t row, const bool *keep,
                          const char *key, redisReply *r, struct e2e_report *rep);

/* Render a key template ({schema}, {table}, {pk}, {column}) for row r,
 * escaped as the README's "Redis keys" says. */
char *e2e_render_key(const struct e2e_table *t, size_t row, const char *tmpl);

/* The default mapping, checked both ways for every table of schema:
 * every key under "schema:" is a hash of a row, every row has its hash
 * with exactly its non-NULL columns in the text form. Keys matching one
 * of the `ignore` globs (NULL terminated, may be NULL) are left out, and
 * so is the table whose keys "schema:table:*" is one of them. */
void e2e_compare_default(struct e2e *E, const char *const *ignore);
/* The same, adding the mismatches to rep instead of failing. */
void e2e_compare_default_into(struct e2e *E, const char *const *ignore, struct e2e_report *rep);

/* Write the hashes binbridge should write for t at tmpl's keys, from the
 * SELECT (FLOAT: the shortest text, BIT: the number): the harness's own
 * check (test_bridge.c, harness_*). */
void e2e_write_reference(redisContext *r, const struct e2e_table *t, const char *tmpl);

/* Compare tables with hashes at keys rendered from `tmpl`, keeping the
 * columns `keep` says (NULL: all), adding mismatches to rep. Keys are
 * collected into *seen (for the "no extra keys" check); returns the
 * number of rows. */
struct e2e_hash_check {
    const char *tmpl;
    const bool *keep;         /* per column of the table; NULL: every column */
    struct e2e_strings *keys; /* when set, the rendered keys are added */
};
void e2e_check_hashes(redisContext *r, const struct e2e_table *t, const struct e2e_hash_check *hc,
                      struct e2e_report *rep);

/* ------------------------------------------------------------------ */
/* JSON (a minimal reader for the json shape)                          */

enum e2e_json_kind { EJ_NULL, EJ_BOOL, EJ_NUMBER, EJ_STRING, EJ_ARRAY, EJ_OBJECT };

struct e2e_json {
    enum e2e_json_kind kind;
    char *text;               /* NUMBER: its literal text; STRING: the decoded bytes */
    size_t len;
    bool b;
    struct e2e_json *items;   /* ARRAY items, OBJECT values */
    char **keys;              /* OBJECT keys (decoded, NUL-terminated) */
    size_t n;
};

/* Parse a whole document; NULL with *err (static) when it is not JSON. */
struct e2e_json *e2e_json_parse(const char *p, size_t len, const char **err);
void e2e_json_free(struct e2e_json *j);
const struct e2e_json *e2e_json_get(const struct e2e_json *obj, const char *key);

/* Decode standard base64 (malloc'd, length in *len); NULL when invalid. */
char *e2e_base64_decode(const char *p, size_t n, size_t *len);

/* ------------------------------------------------------------------ */
/* The workload                                                        */

/* The tables of the workload, in a test-owned database:
 *   t_all   INT key, every column type, all nullable
 *   t_comp  (INT, VARCHAR) key, key-changing updates
 *   t_u     BIGINT UNSIGNED key; the target of the large transactions
 *   t_lob, t_nopk  written by the large transactions only (wl_big) */
enum { WL_ALL, WL_COMP, WL_U, WL_NTABLES };
enum { WL_INSERT, WL_UPDATE, WL_DELETE };
extern const char *const e2e_wl_table_names[WL_NTABLES];

struct wl_key {
    uint64_t n;               /* t_all: id; t_comp: a; t_u: id */
    char s[40];               /* t_comp: b */
};

struct wl_keyset {
    struct wl_key *v;
    size_t n, cap;
};

struct workload {
    struct e2e *E;
    MYSQL *m;
    struct e2e_rng rng;
    struct wl_keyset keys[WL_NTABLES];
    struct wl_keyset saved[WL_NTABLES];     /* at BEGIN, restored on ROLLBACK */
    /* row changes as the binlog has them, per table and operation
     * (WL_INSERT, WL_UPDATE, WL_DELETE): committed ones, and those of the
     * open transaction */
    uint64_t changes[WL_NTABLES][3];
    uint64_t pending[WL_NTABLES][3];
    bool in_txn;
    unsigned statements, commits, rollbacks, big, truncates;
    uint64_t next_big;                      /* next key range of a large transaction */
    FILE *log;                              /* every statement, for diagnosis */
};

/* Create the tables (in E->db) and start the log. */
void wl_init(struct workload *W, struct e2e *E, MYSQL *m, uint64_t seed);
void wl_free(struct workload *W);
/* One random unit of work: a statement, or a transaction of several
 * statements (committed or rolled back), or (rarely) TRUNCATE TABLE
 * t_comp. */
void wl_step(struct workload *W);
/* n steps. */
void wl_steps(struct workload *W, unsigned n);
/* A large transaction: `rows` rows inserted into t_u with INSERT ...
 * SELECT FROM seq_1_to_N in two halves, between them 1,000 rows of t_nopk
 * (no primary key: not mirrored) and two t_lob rows of 1 to 3 MB each,
 * then an UPDATE of all the t_u rows when `with_update`, and a statement
 * on t_all. */
void wl_big(struct workload *W, unsigned rows, bool with_update);
/* Committed row changes of table t (all operations). */
uint64_t wl_changes(const struct workload *W, int t);
/* Switch the workload's connection (after a server restart). */
void wl_set_connection(struct workload *W, MYSQL *m);

/* ------------------------------------------------------------------ */
/* XA transactions                                                     */

/* XA transactions of a test are named '<db>-<name>' (xids are global to
 * the server). A prepared one belongs to its connection until that
 * closes, outlives it, and holds its locks: DROP DATABASE would wait for
 * it. So they run on connections of their own (e2e_xa_connect), and
 * e2e_xa_cleanup, in the test's .fini (which Criterion runs before the
 * suite's, which drops the database), closes those and rolls back what is
 * left prepared. */

/* The xid text binbridge writes for '<db>-<name>' (format 1, no bqual). */
void e2e_xa_xid(const struct e2e *E, const char *name, char *out, size_t size);
/* A connection in the test's database for XA statements, closed by
 * e2e_xa_cleanup (at most 8 at a time). */
MYSQL *e2e_xa_connect(struct e2e *E);
/* XA START '<db>-<name>', the statements (separated by ';'), XA END, XA
 * PREPARE. */
void e2e_xa_prepare(struct e2e *E, MYSQL *m, const char *name, const char *stmts);
/* Close the XA connections and roll back every XA transaction of this
 * test still prepared. */
void e2e_xa_cleanup(struct e2e *E);

#endif
