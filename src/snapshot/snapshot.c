/* snapshot.c - a consistent read of whole tables, as binlog values.
 *
 * One connection holds one REPEATABLE READ transaction started WITH
 * CONSISTENT SNAPSHOT, and the binlog position of that snapshot:
 *   MariaDB  SHOW STATUS LIKE 'binlog_snapshot_%' (binlog_snapshot_file and
 *            binlog_snapshot_position are the binlog coordinates of the
 *            transaction's snapshot, taken without any lock);
 *   MySQL    FLUSH TABLES WITH READ LOCK, START TRANSACTION WITH CONSISTENT
 *            SNAPSHOT, SHOW BINARY LOG STATUS (SHOW MASTER STATUS before
 *            8.2), UNLOCK TABLES: the lock makes the snapshot and the
 *            position the same instant and needs the RELOAD privilege.
 *            (Written from the documentation; not tested here, where only
 *            MariaDB runs.)
 * A savepoint follows; rolling back to it after each table releases that
 * table's metadata lock (as mysqldump --single-transaction does), so a long
 * load does not block DDL on the tables it has finished. MariaDB releases
 * them only for a session that does not write the binlog: the connection,
 * which writes nothing, sets sql_log_bin = 0 when its privileges allow
 * (SUPER or BINLOG ADMIN); otherwise the locks stay until snapshot_close.
 *
 * A table is described by the describer (binlog/describer.h, from
 * information_schema, as the TABLE_MAP of the same server with
 * binlog_row_metadata=FULL describes it; a live stream's schema lookups
 * use the same one), and read with
 * one server-side prepared SELECT of every column whose rows are fetched
 * one at a time into typed bind buffers: no mysql_stmt_store_result, no
 * cursor, so the server streams the rows and the client holds one.
 *
 * The session runs with time_zone '+00:00', sql_mode '' (so no
 * PAD_CHAR_TO_FULL_LENGTH) and character_set_results NULL, so text comes
 * back as stored, in the column's own character set, exactly the bytes the
 * binlog carries. Each value becomes what decode_value.c makes of the same
 * stored value:
 *
 *   column           fetched as                      bb_value
 *   integers         64-bit, the column's sign      INT / UINT (v.i / v.u)
 *   FLOAT, DOUBLE    float, double                  FLOAT / DOUBLE, same bits
 *   DECIMAL(p,s)     the server's exact text        DECIMAL: sign only when non
 *                                                   zero, integer digits without
 *                                                   leading zeros (ZEROFILL), '.'
 *                                                   and exactly s digits
 *   YEAR             integer                        YEAR (0 or 1901..2155)
 *   DATE, DATETIME   MYSQL_TIME                     DATE / DATETIME, zero dates
 *                                                   and zero parts as stored
 *   TIMESTAMP        MYSQL_TIME in UTC              TIMESTAMP: seconds since the
 *                                                   epoch + usec; the zero
 *                                                   timestamp is 0.0
 *   TIME             MYSQL_TIME (days in hours)     TIME, negative, hour <= 838
 *   CHAR, VARCHAR,   the stored bytes               STRING in the column's
 *   TEXT                                            collation; CHAR without its
 *                                                   trailing spaces (both strip)
 *   BINARY,          the stored bytes               BINARY (BINARY(n) is n bytes)
 *   VARBINARY, BLOB
 *   GEOMETRY         the stored bytes               GEOMETRY (SRID + WKB)
 *   ENUM             CAST(c AS UNSIGNED)            ENUM: the stored index (0 for
 *                                                   the '' error value)
 *   SET              CAST(c AS UNSIGNED)            SET: the stored bitmask
 *   BIT(n)           the big-endian bytes           BIT (v.u)
 *   JSON (MariaDB)   the stored text                STRING (a LONGTEXT)
 *   JSON (MySQL)     its text                       JSON: re-encoded as MySQL's
 *                                                   binary JSON
 *   INET6, UUID,     CAST(c AS BINARY(16 or 4))     BINARY: the stored bytes, as
 *   INET4 (MariaDB)                                 the binlog has them
 *   VECTOR (MySQL)   HEX(c), decoded                VECTOR
 *   NULL                                            NULL
 *   DB_ROW_HASH_<n>  (not readable)                 ABSENT
 *
 * The last line is MariaDB's long UNIQUE keys (UNIQUE on BLOB/TEXT or
 * USING HASH): each has a hidden BIGINT UNSIGNED column after all others
 * that the binlog carries, with a hash of the key computed by the server's
 * collation code, and that no SELECT can name. The description has those
 * columns as TABLE_MAP has them; their values are ABSENT, as a column not
 * in a partial row image is.
 *
 * ENUM and SET go through their numbers rather than their labels: the
 * number is what the binlog stores, and no label text has to be matched
 * (the description's labels are the describer's). */
#include "snapshot/snapshot.h"

#include "snapshot/snapshot_internal.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <mysqld_error.h>

#include "base/buf.h"
#include "base/error.h"
#include "binlog/decode_value.h"
#include "binlog/describer.h"
#include "mysql/server_conn.h"

/* Client read timeout when the options give none: a row never takes this
 * long to come, but a dead server must not hang the load. */
#define SNAPSHOT_READ_TIMEOUT 600
/* Rows are single packets: the largest a server can send. */
#define SNAPSHOT_MAX_PACKET ((unsigned long)1 << 30)
/* The consumer sets the pace (a sink may pause for minutes); the server
 * must not drop the connection while its rows wait to be read. */
#define SNAPSHOT_NET_WRITE_TIMEOUT 86400
/* The smallest bind buffer (they grow up to BIND_MAX). */
#define BIND_MIN 256
/* Overflow buffers larger than this are freed before the next row, so one
 * huge value does not pin its memory for the rest of the table. */
#define OVERFLOW_KEEP ((size_t)16 << 20)
#define ARENA_KEEP ((size_t)1 << 20)
#define SAVEPOINT_NAME "binbridge_snapshot"

/* ------------------------------------------------------------------ */
/* Errors                                                              */

int snapshot_table_error(struct snapshot *s, int code, struct bb_error *err, const char *fmt, ...)
{
    char why[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    return bb_error_set(err, code, "server %s: snapshot of %s.%s: %s", s->where,
                        s->table.schema ? s->table.schema : "?",
                        s->table.name ? s->table.name : "?", why);
}

/* A statement failed: its own error, or the connection's (an unbuffered
 * fetch that loses the connection leaves it there), or when neither says
 * anything, a connection that ended mid-result. */
int snapshot_stmt_error(struct snapshot *s, const char *what, struct bb_error *err)
{
    unsigned e = s->stmt ? mysql_stmt_errno(s->stmt) : 0;
    const char *msg = e ? mysql_stmt_error(s->stmt) : NULL;
    if (!e && (e = mysql_errno(s->conn)) != 0)
        msg = mysql_error(s->conn);
    if (!e)
        return snapshot_table_error(s, BB_ERR_IO, err, "%s: the connection ended in the middle of the "
                                    "result", what);
    return server_errno_fail(e, msg, err, "server %s: snapshot of %s.%s: %s", s->where,
                             s->table.schema ? s->table.schema : "?",
                             s->table.name ? s->table.name : "?", what);
}
int snapshot_value_error(struct snapshot *s, uint32_t col, struct bb_error *err, const char *fmt,
                         ...)
{
    char why[300];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    return snapshot_table_error(s, BB_ERR_SERVER, err, "row %llu, column %s: %s",
                                (unsigned long long)s->nrows + 1, s->table.cols[col].name, why);
}

/* ------------------------------------------------------------------ */
/* Plain queries                                                       */

static int run(struct snapshot *s, const char *sql, struct bb_error *err)
{
    return server_conn_query(s->conn, s->where, NULL, sql, NULL, err);
}

/* ------------------------------------------------------------------ */
/* Opening: the transaction and its binlog position                    */

/* The first row of a stored result, or NULL. */
static MYSQL_ROW first_row(MYSQL_RES *res)
{
    return res ? mysql_fetch_row(res) : NULL;
}

static int set_position(struct snapshot *s, const char *file, const char *pos, char *out,
                        size_t size, uint64_t *opos, struct bb_error *err)
{
    if (!file || !*file || !pos)
        return bb_error_set(err, BB_ERR_SERVER, "server %s: binary logging is off (log_bin): "
                            "a snapshot has no binlog position to continue from", s->where);
    char *end;
    errno = 0;
    unsigned long long p = strtoull(pos, &end, 10);
    if (errno || end == pos || *end)
        return bb_error_set(err, BB_ERR_SERVER, "server %s: binlog position '%s' is not a number",
                            s->where, pos);
    size_t n = strlen(file);
    if (n >= size)
        return bb_error_set(err, BB_ERR_USAGE, "server %s: binlog file name '%s' does not fit "
                            "in %zu bytes", s->where, file, size);
    memcpy(out, file, n + 1);
    *opos = p;
    return 0;
}

/* MariaDB: the snapshot's own coordinates, no lock needed. */
static int position_mariadb(struct snapshot *s, char *file, size_t size, uint64_t *pos,
                            struct bb_error *err)
{
    MYSQL_RES *res;
    int rc = server_conn_query(s->conn, s->where, "reading the snapshot's binlog position",
                               "SHOW STATUS LIKE 'binlog_snapshot_%'", &res, err);
    if (rc < 0)
        return rc;
    const char *f = NULL, *p = NULL;
    MYSQL_ROW row;
    while (res && (row = mysql_fetch_row(res))) {
        if (!row[0] || !row[1])
            continue;
        if (strcasecmp(row[0], "binlog_snapshot_file") == 0)
            f = row[1];
        else if (strcasecmp(row[0], "binlog_snapshot_position") == 0)
            p = row[1];
    }
    rc = set_position(s, f, p, file, size, pos, err);
    if (res)
        mysql_free_result(res);
    return rc;
}

/* MySQL: the global read lock stops commits while the snapshot starts and
 * the position is read. */
static int start_mysql(struct snapshot *s, char *file, size_t size, uint64_t *pos,
                       struct bb_error *err)
{
    struct bb_error lock = { 0 };
    if (run(s, "FLUSH TABLES WITH READ LOCK", &lock) < 0) {
        unsigned e = (unsigned)lock.server_errno;
        if (e == ER_SPECIFIC_ACCESS_DENIED_ERROR || e == ER_ACCESS_DENIED_ERROR ||
            e == ER_DBACCESS_DENIED_ERROR)
            return bb_error_set_server(err, BB_ERR_SERVER, lock.server_errno, "%s: a snapshot on "
                                       "MySQL needs the RELOAD privilege (GRANT RELOAD ON *.* TO "
                                       "the bridge's user)", lock.msg);
        return bb_error_copy(err, &lock);
    }
    int rc = run(s, "START TRANSACTION WITH CONSISTENT SNAPSHOT", err);
    if (rc < 0)
        return rc;
    MYSQL_RES *res = NULL;
    struct bb_error first = { 0 };
    rc = server_conn_query(s->conn, s->where, "SHOW BINARY LOG STATUS", "SHOW BINARY LOG STATUS",
                           &res, &first);
    if (rc < 0 && first.server_errno == ER_PARSE_ERROR) /* before 8.2 */
        rc = server_conn_query(s->conn, s->where, "SHOW MASTER STATUS", "SHOW MASTER STATUS",
                               &res, err);
    else if (rc < 0)
        return bb_error_copy(err, &first);
    if (rc < 0)
        return rc;
    MYSQL_ROW row = first_row(res);
    rc = set_position(s, row ? row[0] : NULL, row ? row[1] : NULL, file, size, pos, err);
    if (res)
        mysql_free_result(res);
    if (rc < 0)
        return rc;
    return run(s, "UNLOCK TABLES", err);
}

int snapshot_open(struct snapshot **out, const struct bb_server_options *srv, char *file,
                  size_t file_size, uint64_t *pos, struct bb_error *err)
{
    *out = NULL;
    struct snapshot *s = calloc(1, sizeof *s);
    if (!s)
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    bb_buf_init(&s->sql);
    bb_arena_init(&s->mem);
    bb_buf_init(&s->desc.sql);
    server_conn_describe(srv, s->where, sizeof s->where);
    unsigned timeout = srv->read_timeout ? srv->read_timeout : SNAPSHOT_READ_TIMEOUT;
    int rc = server_conn_open(&s->conn, srv, timeout, SNAPSHOT_MAX_PACKET, err);
    if (rc < 0)
        goto fail;
    s->mariadb = server_conn_is_mariadb(s->conn);
    char set_timeout[80];
    snprintf(set_timeout, sizeof set_timeout, "SET SESSION net_write_timeout = %d",
             SNAPSHOT_NET_WRITE_TIMEOUT);
    if ((rc = run(s, "SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ", err)) < 0 ||
        (rc = run(s, "SET SESSION time_zone = '+00:00'", err)) < 0 ||
        (rc = run(s, "SET SESSION sql_mode = ''", err)) < 0 ||
        (rc = run(s, set_timeout, err)) < 0 ||
        (rc = describer_init(&s->desc, s->conn, s->where, "snapshot", err)) < 0)
        goto fail;
    /* The connection never writes. Without binary logging for it, rolling
     * back to the savepoint releases a finished table's metadata lock
     * (MariaDB keeps them while the session logs); this needs SUPER or
     * BINLOG ADMIN, and without it the locks stay until snapshot_close. */
    struct bb_error ignored = { 0 };
    if (server_conn_query(s->conn, s->where, NULL, "SET SESSION sql_log_bin = 0", NULL,
                          &ignored) < 0 && ignored.code == BB_ERR_IO) {
        rc = bb_error_copy(err, &ignored);
        goto fail;
    }
    /* From here on text comes back in each column's own character set. */
    if ((rc = run(s, "SET SESSION character_set_results = NULL", err)) < 0)
        goto fail;
    if (s->mariadb) {
        if ((rc = run(s, "START TRANSACTION WITH CONSISTENT SNAPSHOT", err)) < 0 ||
            (rc = position_mariadb(s, file, file_size, pos, err)) < 0)
            goto fail;
    } else if ((rc = start_mysql(s, file, file_size, pos, err)) < 0) {
        goto fail;
    }
    if ((rc = run(s, "SAVEPOINT " SAVEPOINT_NAME, err)) < 0)
        goto fail;
    *out = s;
    return 0;
fail:
    snapshot_close(s);
    return rc;
}

/* ------------------------------------------------------------------ */
/* Listing tables                                                      */

int snapshot_list_tables(struct snapshot *s,
                         int (*fn)(void *ctx, const char *schema, const char *table),
                         void *ctx, struct bb_error *err)
{
    MYSQL_RES *res;
    int rc = server_conn_query(s->conn, s->where, "listing tables",
                               "SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES "
                               "WHERE TABLE_TYPE = 'BASE TABLE' AND TABLE_SCHEMA NOT IN "
                               "('mysql', 'sys', 'information_schema', 'performance_schema') "
                               "ORDER BY TABLE_SCHEMA, TABLE_NAME", &res, err);
    if (rc < 0)
        return rc;
    /* The whole list is in memory: fn may read tables as it goes. */
    MYSQL_ROW row;
    while (res && rc == 0 && (row = mysql_fetch_row(res)))
        if (row[0] && row[1])
            rc = fn(ctx, row[0], row[1]);
    if (res)
        mysql_free_result(res);
    return rc;
}

/* ------------------------------------------------------------------ */
/* Ending a table                                                      */

static void free_columns(struct snapshot *s)
{
    for (uint32_t i = 0; s->cols && i < s->table.ncols; i++) {
        free(s->cols[i].buf);
        free(s->cols[i].big);
        bb_buf_destroy(&s->cols[i].scratch);
    }
    free(s->cols);
    free(s->binds);
    s->cols = NULL;
    s->binds = NULL;
}

/* Close the table's statement (reading off any rows left) and release its
 * metadata lock; the snapshot's read view stays. */
static int finish_statement(struct snapshot *s, struct bb_error *err)
{
    if (s->stmt) {
        mysql_stmt_close(s->stmt);
        s->stmt = NULL;
    }
    if (!s->locked)
        return 0;
    s->locked = false;
    char what[200];
    snprintf(what, sizeof what, "snapshot of %s.%s: releasing the table",
             s->table.schema ? s->table.schema : "?", s->table.name ? s->table.name : "?");
    return server_conn_query(s->conn, s->where, what, "ROLLBACK TO SAVEPOINT " SAVEPOINT_NAME,
                             NULL, err);
}

static void forget_table(struct snapshot *s)
{
    free_columns(s);
    bb_arena_reset(&s->mem, ARENA_KEEP);
    memset(&s->table, 0, sizeof s->table);
    s->row = NULL;
    s->nselect = 0;
    s->rebind = false;
    s->have_table = false;
    s->nrows = 0;
}

void snapshot_close(struct snapshot *s)
{
    if (!s)
        return;
    /* Closing the connection first ends the transaction at once: a
     * statement with rows pending is then freed without reading them. */
    if (s->conn)
        mysql_close(s->conn);
    if (s->stmt)
        mysql_stmt_close(s->stmt);
    s->stmt = NULL;
    forget_table(s);
    bb_arena_destroy(&s->mem);
    describer_destroy(&s->desc);
    bb_buf_destroy(&s->sql);
    free(s);
}

/* ------------------------------------------------------------------ */
/* The statement                                                       */

/* Is the column bound to a byte buffer (else to a number or a MYSQL_TIME)? */
static bool fetch_is_bytes(enum fetch f)
{
    return f == FETCH_DECIMAL || f == FETCH_BYTES || f == FETCH_BIT || f == FETCH_JSON ||
           f == FETCH_HEX;
}

bool snapshot_grow_bind(struct snap_col *sc, unsigned long want)
{
    if (want <= sc->cap)
        return true;
    unsigned long cap = sc->cap ? sc->cap : BIND_MIN;
    while (cap < want)
        cap *= 2;
    if (cap > BIND_MAX)
        cap = BIND_MAX;
    char *p = realloc(sc->buf, cap);
    if (!p)
        return false;
    sc->buf = p;
    sc->cap = cap;
    return true;
}

static void bind_column(struct snapshot *s, uint32_t i, const MYSQL_FIELD *f)
{
    struct snap_col *sc = &s->cols[i];
    MYSQL_BIND *b = &s->binds[i];
    memset(b, 0, sizeof *b);
    b->is_null = &sc->is_null;
    b->error = &sc->error;
    b->length = &sc->length;
    switch (sc->fetch) {
    case FETCH_INT: case FETCH_YEAR: case FETCH_ENUM: case FETCH_SET:
        b->buffer_type = MYSQL_TYPE_LONGLONG;
        b->buffer = &sc->num.i;
        b->buffer_length = sizeof sc->num.i;
        b->is_unsigned = (f->flags & UNSIGNED_FLAG) != 0;
        return;
    case FETCH_FLOAT:
        b->buffer_type = MYSQL_TYPE_FLOAT;
        b->buffer = &sc->num.f;
        b->buffer_length = sizeof sc->num.f;
        return;
    case FETCH_DOUBLE:
        b->buffer_type = MYSQL_TYPE_DOUBLE;
        b->buffer = &sc->num.d;
        b->buffer_length = sizeof sc->num.d;
        return;
    case FETCH_DATE: case FETCH_DATETIME: case FETCH_TIMESTAMP: case FETCH_TIME:
        b->buffer_type = sc->fetch == FETCH_DATE ? MYSQL_TYPE_DATE
                       : sc->fetch == FETCH_TIME ? MYSQL_TYPE_TIME : MYSQL_TYPE_DATETIME;
        b->buffer = &sc->num.tm;
        b->buffer_length = sizeof sc->num.tm;
        return;
    default:
        b->buffer_type = MYSQL_TYPE_BLOB;
        b->buffer = sc->buf;
        b->buffer_length = sc->cap;
        return;
    }
}

static int start_statement(struct snapshot *s, struct bb_error *err)
{
    struct bb_table *t = &s->table;
    s->stmt = mysql_stmt_init(s->conn);
    if (!s->stmt)
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    unsigned long cursor = CURSOR_TYPE_NO_CURSOR;
    mysql_stmt_attr_set(s->stmt, STMT_ATTR_CURSOR_TYPE, &cursor);
    if (mysql_stmt_prepare(s->stmt, s->sql.data, (unsigned long)s->sql.len) != 0)
        return snapshot_stmt_error(s, "preparing the SELECT", err);
    if (mysql_stmt_field_count(s->stmt) != s->nselect)
        return snapshot_table_error(s, BB_ERR_SERVER, err, "the SELECT has %u columns, the table %u",
                                    mysql_stmt_field_count(s->stmt), s->nselect);
    MYSQL_RES *meta = mysql_stmt_result_metadata(s->stmt);
    if (!meta)
        return snapshot_stmt_error(s, "reading the SELECT's columns", err);
    MYSQL_FIELD *fields = mysql_fetch_fields(meta);
    for (uint32_t i = 0; i < s->nselect; i++) {
        struct snap_col *sc = &s->cols[i];
        struct bb_column *c = &t->cols[i];
        /* Text columns whose collation information_schema did not name:
         * the field's own charset number (character_set_results is NULL,
         * so it is the column's collation). */
        if (c->charset == 0 && column_type_is_character(c->type)) {
            c->charset = (uint16_t)fields[i].charsetnr;
            if (sc->fetch == FETCH_BYTES && sc->kind != BB_VALUE_GEOMETRY)
                sc->kind = c->charset == 63 ? BB_VALUE_BINARY : BB_VALUE_STRING;
        }
        if (fetch_is_bytes(sc->fetch)) {
            unsigned long want = BIND_MIN;
            if (sc->fetch == FETCH_DECIMAL)
                want = 80;
            else if (c->type == MYSQL_TYPE_STRING || c->type == MYSQL_TYPE_VARCHAR)
                want = c->max_length + 1;
            if (!snapshot_grow_bind(sc, want)) {
                mysql_free_result(meta);
                return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
            }
        }
        bind_column(s, i, &fields[i]);
    }
    mysql_free_result(meta);
    if (mysql_stmt_bind_result(s->stmt, s->binds) != 0)
        return snapshot_stmt_error(s, "binding the SELECT's columns", err);
    if (mysql_stmt_execute(s->stmt) != 0)
        return snapshot_stmt_error(s, "running the SELECT", err);
    return 0;
}

int snapshot_table_begin(struct snapshot *s, const char *schema, const char *table,
                         const struct bb_table **out, struct bb_error *err)
{
    *out = NULL;
    int rc = finish_statement(s, err);
    forget_table(s);
    if (rc < 0)
        return rc;
    s->table.schema = snapshot_arena_dup(s, schema);
    s->table.name = snapshot_arena_dup(s, table);
    if (!s->table.schema || !s->table.name)
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    /* From the first look at the table its metadata lock may be held
     * until the end of the transaction: roll back to the savepoint after. */
    s->locked = true;
    rc = snapshot_describe_table(s, err);
    if (rc == 0)
        rc = start_statement(s, err);
    if (rc < 0) {
        struct bb_error ignored = { 0 };
        if (err->code != BB_ERR_IO)
            finish_statement(s, &ignored);
        return rc;
    }
    s->have_table = true;
    *out = &s->table;
    return 0;
}

int snapshot_table_next(struct snapshot *s, const struct bb_value **row, struct bb_error *err)
{
    *row = NULL;
    if (!s->have_table)
        return bb_error_set(err, BB_ERR_USAGE, "snapshot_table_next without a table");
    if (!s->stmt)
        return 0;
    for (uint32_t i = 0; i < s->nselect; i++) {
        struct snap_col *sc = &s->cols[i];
        if (sc->bigcap > OVERFLOW_KEEP) {
            free(sc->big);
            sc->big = NULL;
            sc->bigcap = 0;
        }
        if (s->rebind && fetch_is_bytes(sc->fetch)) {
            s->binds[i].buffer = sc->buf;
            s->binds[i].buffer_length = sc->cap;
        }
    }
    if (s->rebind) {
        if (mysql_stmt_bind_result(s->stmt, s->binds) != 0)
            return snapshot_stmt_error(s, "binding longer buffers", err);
        s->rebind = false;
    }
    int rc = mysql_stmt_fetch(s->stmt);
    if (rc == MYSQL_NO_DATA)
        return finish_statement(s, err);
    if (rc == 1) {
        char what[64];
        snprintf(what, sizeof what, "reading row %llu", (unsigned long long)s->nrows + 1);
        rc = snapshot_stmt_error(s, what, err);
        if (rc == BB_ERR_IO) {
            mysql_stmt_close(s->stmt); /* the connection is gone: nothing to read off */
            s->stmt = NULL;
            s->locked = false;
        }
        return rc;
    }
    for (uint32_t i = 0; i < s->nselect; i++)
        if ((rc = snapshot_convert(s, i, err)) < 0)
            return rc;
    /* The hidden hash columns: not in this image. */
    for (uint32_t i = s->nselect; i < s->table.ncols; i++) {
        memset(&s->row[i].v, 0, sizeof s->row[i].v);
        s->row[i].kind = BB_VALUE_ABSENT;
    }
    s->nrows++;
    *row = s->row;
    return 1;
}
