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
 * A table is described from information_schema (COLUMNS, STATISTICS,
 * CHECK_CONSTRAINTS, COLLATIONS) as the TABLE_MAP of the same server with
 * binlog_row_metadata=FULL describes it (decode_table_map.c), and read with
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
 * number is what the binlog stores, and no label text has to be matched.
 * Their labels for the description come, on MariaDB, from the server
 * itself: a compound statement assigns each index to a variable declared
 * TYPE OF the column and returns HEX() of it, the label's bytes in the
 * column's charset, converted to UTF-8 here as the decoder converts the
 * TABLE_MAP's (information_schema's COLUMN_TYPE is utf8mb3 and shows
 * characters beyond the BMP as '?'). On MySQL they are read from
 * COLUMN_TYPE. */
#include "snapshot/snapshot.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/buf.h"
#include "binlog/decode_value.h"
#include "base/error.h"
#include "base/charset.h"
#include "mysql/row_key.h"
#include "mysql/server_conn.h"

/* Client read timeout when the options give none: a row never takes this
 * long to come, but a dead server must not hang the load. */
#define SNAPSHOT_READ_TIMEOUT 600
/* Rows are single packets: the largest a server can send. */
#define SNAPSHOT_MAX_PACKET ((unsigned long)1 << 30)
/* The consumer sets the pace (a sink may pause for minutes); the server
 * must not drop the connection while its rows wait to be read. */
#define SNAPSHOT_NET_WRITE_TIMEOUT 86400
/* A column's bind buffer grows up to this; longer values are fetched into
 * an overflow buffer with mysql_stmt_fetch_column. */
#define BIND_MAX ((unsigned long)64 << 10)
#define BIND_MIN 256
/* Overflow buffers larger than this are freed before the next row, so one
 * huge value does not pin its memory for the rest of the table. */
#define OVERFLOW_KEEP ((size_t)16 << 20)
#define ARENA_KEEP ((size_t)1 << 20)
#define SAVEPOINT_NAME "binbridge_snapshot"
/* ENUM/SET labels per result set of the label statement. */
#define LABEL_CHUNK 256
#define JSON_MAX_DEPTH 100

enum fetch {
    FETCH_NONE,      /* not selected: the hidden DB_ROW_HASH_<n> columns */
    FETCH_INT,
    FETCH_YEAR,
    FETCH_FLOAT,
    FETCH_DOUBLE,
    FETCH_DECIMAL,
    FETCH_DATE,
    FETCH_DATETIME,
    FETCH_TIMESTAMP,
    FETCH_TIME,
    FETCH_BYTES,
    FETCH_ENUM,
    FETCH_SET,
    FETCH_BIT,
    FETCH_JSON,
    FETCH_HEX,
};

/* What information_schema.COLUMNS says of a column (strings in the arena). */
struct is_column {
    const char *name;
    char *data_type;        /* lower case */
    const char *column_type;
    const char *collation;  /* NULL for numbers and binary strings */
    const char *extra;
    bool nullable;
    uint64_t precision, scale, dt_precision, octets;
    bool has_precision, has_scale, has_octets;
    bool json;              /* MariaDB: CHECK (json_valid(`c`)) */
};

/* How a column is fetched and where its value lands. */
struct snap_col {
    enum fetch fetch;
    uint8_t kind;           /* FETCH_BYTES: the value kind */
    union {
        int64_t i;
        float f;
        double d;
        MYSQL_TIME tm;
    } num;
    char *buf;
    unsigned long cap;
    char *big;              /* overflow: values longer than buf */
    size_t bigcap;
    unsigned long length;
    my_bool is_null, error;
    char dec[72];           /* DECIMAL text: sign, 65 digits, point */
    struct bb_buf scratch;  /* MySQL JSON binary, VECTOR bytes */
};

struct snapshot {
    MYSQL *conn;
    char where[300];
    bool mariadb;
    bool mysql56_temporal;  /* MariaDB: @@mysql56_temporal_format */
    unsigned long version;  /* mysql_get_server_version */
    struct server_collations collations;
    struct bb_buf sql;      /* statement text */

    /* the table being read */
    struct bb_arena mem;    /* description, names, labels */
    struct bb_table table;
    bool have_table;
    struct snap_col *cols;
    struct bb_value *row;
    uint32_t nselect;       /* columns in the SELECT: all but the hidden ones, last */
    MYSQL_BIND *binds;
    MYSQL_STMT *stmt;       /* executed, rows pending */
    bool rebind;            /* a bind buffer moved: bind again before the next fetch */
    bool locked;            /* the table's metadata lock is held */
    uint64_t nrows;
};

/* ------------------------------------------------------------------ */
/* Errors                                                              */

static int conn_error(struct snapshot *s, const char *what, struct bb_error *err)
{
    return bb_error_set(err, server_conn_error_code(s->conn), "server %s: %s: %s (error %u)",
                        s->where, what, mysql_error(s->conn), mysql_errno(s->conn));
}

/* "server H:P: snapshot of db.t: <why>" */
static int table_error(struct snapshot *s, int code, struct bb_error *err, const char *fmt, ...)
    BB_PRINTF(4, 5);
static int table_error(struct snapshot *s, int code, struct bb_error *err, const char *fmt, ...)
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
static int stmt_error(struct snapshot *s, const char *what, struct bb_error *err)
{
    unsigned e = s->stmt ? mysql_stmt_errno(s->stmt) : 0;
    const char *msg = e ? mysql_stmt_error(s->stmt) : NULL;
    if (!e && (e = mysql_errno(s->conn)) != 0)
        msg = mysql_error(s->conn);
    if (!e)
        return table_error(s, BB_ERR_IO, err, "%s: the connection ended in the middle of the "
                           "result", what);
    return table_error(s, server_conn_errno_code(e), err, "%s: %s (error %u)", what, msg, e);
}

/* A value the server sent that no stored value could give. */
static int value_error(struct snapshot *s, uint32_t col, struct bb_error *err, const char *fmt,
                       ...) BB_PRINTF(4, 5);
static int value_error(struct snapshot *s, uint32_t col, struct bb_error *err, const char *fmt,
                       ...)
{
    char why[300];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    return table_error(s, BB_ERR_SERVER, err, "row %llu, column %s: %s",
                       (unsigned long long)s->nrows + 1, s->table.cols[col].name, why);
}

/* ------------------------------------------------------------------ */
/* Plain queries                                                       */

static int run(struct snapshot *s, const char *sql, struct bb_error *err)
{
    return server_conn_query(s->conn, s->where, NULL, sql, NULL, err);
}

/* Append `name` quoted as an identifier. */
static void put_ident(struct bb_buf *b, const char *name)
{
    bb_buf_putc(b, '`');
    for (const char *p = name; *p; p++) {
        if (*p == '`')
            bb_buf_putc(b, '`');
        bb_buf_putc(b, *p);
    }
    bb_buf_putc(b, '`');
}

/* Append `text` as a string literal. */
static void put_literal(struct snapshot *s, struct bb_buf *b, const char *text)
{
    size_t n = strlen(text);
    char *p = bb_buf_reserve(b, 2 * n + 3);
    if (!p)
        return;
    p[0] = '\'';
    unsigned long k = mysql_real_escape_string(s->conn, p + 1, text, (unsigned long)n);
    p[1 + k] = '\'';
    b->len += k + 2;
    b->data[b->len] = '\0';
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
    if (mysql_query(s->conn, "FLUSH TABLES WITH READ LOCK") != 0) {
        unsigned e = mysql_errno(s->conn);
        if (e == 1227 || e == 1045 || e == 1044)
            return bb_error_set(err, BB_ERR_SERVER, "server %s: FLUSH TABLES WITH READ LOCK: %s "
                                "(error %u): a snapshot on MySQL needs the RELOAD privilege "
                                "(GRANT RELOAD ON *.* TO the bridge's user)", s->where,
                                mysql_error(s->conn), e);
        return conn_error(s, "FLUSH TABLES WITH READ LOCK", err);
    }
    int rc = run(s, "START TRANSACTION WITH CONSISTENT SNAPSHOT", err);
    if (rc < 0)
        return rc;
    MYSQL_RES *res = NULL;
    struct bb_error first = { 0 };
    rc = server_conn_query(s->conn, s->where, "SHOW BINARY LOG STATUS", "SHOW BINARY LOG STATUS",
                           &res, &first);
    if (rc < 0 && mysql_errno(s->conn) == 1064) /* before 8.2 */
        rc = server_conn_query(s->conn, s->where, "SHOW MASTER STATUS", "SHOW MASTER STATUS",
                               &res, err);
    else if (rc < 0)
        return bb_error_set(err, first.code, "%s", first.msg);
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
    server_conn_describe(srv, s->where, sizeof s->where);
    unsigned timeout = srv->read_timeout ? srv->read_timeout : SNAPSHOT_READ_TIMEOUT;
    int rc = server_conn_open(&s->conn, srv, timeout, SNAPSHOT_MAX_PACKET, err);
    if (rc < 0)
        goto fail;
    s->mariadb = server_conn_is_mariadb(s->conn);
    s->version = mysql_get_server_version(s->conn);
    char set_timeout[80];
    snprintf(set_timeout, sizeof set_timeout, "SET SESSION net_write_timeout = %d",
             SNAPSHOT_NET_WRITE_TIMEOUT);
    if ((rc = run(s, "SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ", err)) < 0 ||
        (rc = run(s, "SET SESSION time_zone = '+00:00'", err)) < 0 ||
        (rc = run(s, "SET SESSION sql_mode = ''", err)) < 0 ||
        (rc = run(s, set_timeout, err)) < 0 ||
        (rc = server_collations_load(s->conn, s->where, &s->collations, err)) < 0)
        goto fail;
    if (s->mariadb) {
        MYSQL_RES *res = NULL;
        rc = server_conn_query(s->conn, s->where, "reading mysql56_temporal_format",
                               "SELECT @@GLOBAL.mysql56_temporal_format", &res, err);
        if (rc < 0)
            goto fail;
        MYSQL_ROW row = first_row(res);
        s->mysql56_temporal = !row || !row[0] || strcmp(row[0], "0") != 0;
        mysql_free_result(res);
    }
    /* The connection never writes. Without binary logging for it, rolling
     * back to the savepoint releases a finished table's metadata lock
     * (MariaDB keeps them while the session logs); this needs SUPER or
     * BINLOG ADMIN, and without it the locks stay until snapshot_close. */
    struct bb_error ignored = { 0 };
    if (server_conn_query(s->conn, s->where, NULL, "SET SESSION sql_log_bin = 0", NULL,
                          &ignored) < 0 && ignored.code == BB_ERR_IO) {
        rc = bb_error_set(err, ignored.code, "%s", ignored.msg);
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
    server_collations_free(&s->collations);
    bb_buf_destroy(&s->sql);
    free(s);
}

/* ------------------------------------------------------------------ */
/* Describing a table                                                  */

static char *arena_dup(struct snapshot *s, const char *p)
{
    return p ? bb_arena_strndup(&s->mem, p, strlen(p)) : NULL;
}

static bool parse_u64(const char *p, uint64_t *out)
{
    if (!p || !isdigit((unsigned char)*p))
        return false;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(p, &end, 10);
    if (errno || *end)
        return false;
    *out = v;
    return true;
}

/* The escaped schema and table names of the table being described, for
 * WHERE clauses. */
static void put_where(struct snapshot *s, struct bb_buf *b, const char *schema_col)
{
    bb_buf_printf(b, " WHERE %s = ", schema_col);
    put_literal(s, b, s->table.schema);
    bb_buf_puts(b, " AND TABLE_NAME = ");
    put_literal(s, b, s->table.name);
}

static int read_columns(struct snapshot *s, struct is_column **out, uint32_t *n,
                        struct bb_error *err)
{
    struct bb_buf *q = &s->sql;
    bb_buf_reset(q);
    bb_buf_puts(q, "SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, IS_NULLABLE, NUMERIC_PRECISION, "
                   "NUMERIC_SCALE, DATETIME_PRECISION, CHARACTER_OCTET_LENGTH, COLLATION_NAME, "
                   "EXTRA FROM information_schema.COLUMNS");
    put_where(s, q, "TABLE_SCHEMA");
    bb_buf_puts(q, " ORDER BY ORDINAL_POSITION");
    if (bb_buf_check(q, err) < 0)
        return err->code;
    MYSQL_RES *res;
    char what[200];
    snprintf(what, sizeof what, "snapshot of %s.%s: reading the columns", s->table.schema,
             s->table.name);
    int rc = server_conn_query(s->conn, s->where, what, q->data, &res, err);
    if (rc < 0)
        return rc;
    uint64_t rows = res ? mysql_num_rows(res) : 0;
    if (rows == 0 || rows > 4096) {
        if (res)
            mysql_free_result(res);
        if (rows)
            return table_error(s, BB_ERR_SERVER, err, "%llu columns (4096 at most)",
                               (unsigned long long)rows);
        return table_error(s, BB_ERR_SERVER, err, "no such table");
    }
    struct is_column *cols = bb_arena_calloc(&s->mem, (size_t)rows * sizeof *cols);
    if (!cols) {
        mysql_free_result(res);
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    }
    MYSQL_ROW row;
    uint32_t k = 0;
    while ((row = mysql_fetch_row(res)) && k < rows) {
        struct is_column *c = &cols[k++];
        c->name = arena_dup(s, row[0] ? row[0] : "");
        c->data_type = arena_dup(s, row[1] ? row[1] : "");
        c->column_type = arena_dup(s, row[2] ? row[2] : "");
        c->nullable = row[3] && strcmp(row[3], "YES") == 0;
        c->has_precision = parse_u64(row[4], &c->precision);
        c->has_scale = parse_u64(row[5], &c->scale);
        parse_u64(row[6], &c->dt_precision);
        c->has_octets = parse_u64(row[7], &c->octets);
        c->collation = arena_dup(s, row[8]);
        c->extra = arena_dup(s, row[9] ? row[9] : "");
        if (!c->name || !c->data_type || !c->column_type || !c->extra || (row[8] && !c->collation))
            break;
        for (char *p = c->data_type; *p; p++)
            *p = (char)tolower((unsigned char)*p);
    }
    mysql_free_result(res);
    if (k != rows || !cols[rows - 1].extra)
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    *out = cols;
    *n = (uint32_t)rows;
    return 0;
}

/* MariaDB's JSON columns are LONGTEXT with CHECK (json_valid(`c`)); only
 * that constraint tells them apart. Servers without CHECK_CONSTRAINTS
 * (MariaDB < 10.2.22, MySQL < 8.0.16) have none to find. */
static int read_json_checks(struct snapshot *s, struct is_column *cols, uint32_t ncols,
                            struct bb_error *err)
{
    struct bb_buf *q = &s->sql;
    bb_buf_reset(q);
    bb_buf_puts(q, "SELECT CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS");
    put_where(s, q, "CONSTRAINT_SCHEMA");
    if (bb_buf_check(q, err) < 0)
        return err->code;
    MYSQL_RES *res = NULL;
    struct bb_error e = { 0 };
    char what[200];
    snprintf(what, sizeof what, "snapshot of %s.%s: reading the check constraints",
             s->table.schema, s->table.name);
    if (server_conn_query(s->conn, s->where, what, q->data, &res, &e) < 0) {
        if (e.code == BB_ERR_IO)
            return bb_error_set(err, e.code, "%s", e.msg);
        return 0;
    }
    MYSQL_ROW row;
    while (res && (row = mysql_fetch_row(res))) {
        size_t len;
        const char *name = server_json_check_column(row[0], &len);
        for (uint32_t i = 0; name && i < ncols; i++)
            if (strlen(cols[i].name) == len && strncasecmp(cols[i].name, name, len) == 0)
                cols[i].json = true;
    }
    if (res)
        mysql_free_result(res);
    return 0;
}

/* One index from information_schema.STATISTICS. */
/* What the indexes add to a table's description. */
struct index_info {
    uint32_t npk;
    uint32_t pk[64];
    /* MariaDB's long UNIQUE keys (USING HASH over BLOB/TEXT or long
     * columns): each has a hidden BIGINT UNSIGNED column DB_ROW_HASH_<n>,
     * after all others, that the binlog carries and no SELECT can read. */
    uint32_t nhash;
    bool hash_nullable[64];
};

static int column_index(const struct is_column *cols, uint32_t ncols, const char *name)
{
    for (uint32_t i = 0; i < ncols; i++)
        if (strcasecmp(cols[i].name, name) == 0)
            return (int)i;
    return -1;
}

struct column_list {
    const struct is_column *cols;
    uint32_t n;
};

static int listed_column(const char *name, void *ctx)
{
    const struct column_list *l = ctx;
    return column_index(l->cols, l->n, name);
}

/* The row key (row_key.h) and MariaDB's long UNIQUE keys, whose hidden
 * columns the binlog carries. */
static int read_indexes(struct snapshot *s, const struct is_column *cols, uint32_t ncols,
                        struct index_info *info, struct bb_error *err)
{
    memset(info, 0, sizeof *info);
    struct bb_buf *q = &s->sql;
    bb_buf_reset(q);
    bb_buf_puts(q, "SELECT " ROW_INDEX_COLUMNS " FROM information_schema.STATISTICS");
    put_where(s, q, "TABLE_SCHEMA");
    if (bb_buf_check(q, err) < 0)
        return err->code;
    MYSQL_RES *res;
    char what[200];
    snprintf(what, sizeof what, "snapshot of %s.%s: reading the indexes", s->table.schema,
             s->table.name);
    int rc = server_conn_query(s->conn, s->where, what, q->data, &res, err);
    if (rc < 0)
        return rc;
    struct column_list list = { cols, ncols };
    struct row_indexes ix;
    rc = row_indexes_read(res, listed_column, &list, &ix, err);
    if (res)
        mysql_free_result(res);
    if (rc < 0)
        return rc;
    bool native = true;
    if (ix.any_unique_hash && s->mariadb)
        rc = row_indexes_native_hash(s->conn, s->where, s->table.schema, s->table.name, &native,
                                     err);
    for (size_t i = 0; i < ix.n && rc == 0; i++) {
        if (!row_index_is_long_unique(&ix.v[i], native))
            continue;
        if (info->nhash == 64) {
            rc = table_error(s, BB_ERR_UNSUPPORTED, err, "more than 64 long UNIQUE keys");
            break;
        }
        info->hash_nullable[info->nhash++] = ix.v[i].nullable;
    }
    const struct row_index *key = rc == 0 ? row_indexes_key(&ix, native) : NULL;
    if (key) {
        memcpy(info->pk, key->parts, key->nparts * sizeof *info->pk);
        info->npk = key->nparts;
    }
    row_indexes_free(&ix);
    return rc;
}

/* The hidden column of the k-th long UNIQUE key: DB_ROW_HASH_<n>, the
 * first n from 1 whose name no other column has (the server's rule). */
static int add_hash_column(struct snapshot *s, uint32_t at, bool nullable, struct bb_error *err)
{
    struct bb_table *t = &s->table;
    char name[32];
    for (unsigned n = 1;; n++) {
        snprintf(name, sizeof name, "DB_ROW_HASH_%u", n);
        uint32_t i = 0;
        while (i < at && strcasecmp(t->cols[i].name, name) != 0)
            i++;
        if (i == at)
            break;
    }
    struct bb_column *c = &t->cols[at];
    c->name = arena_dup(s, name);
    if (!c->name)
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    c->type = MYSQL_TYPE_LONGLONG;
    c->nullable = nullable;
    c->is_unsigned = c->signedness_known = true;
    c->visible = true;
    s->cols[at].fetch = FETCH_NONE;
    return 0;
}

/* ENUM/SET labels, collected in the snapshot's arena (server_parse_labels). */
struct labels {
    struct snapshot *s;
    const char **v;
    uint32_t *lens;
    size_t n, cap;
};

static bool add_label(const char *label, size_t len, void *ctx)
{
    struct labels *l = ctx;
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 16;
        const char **v = realloc(l->v, cap * sizeof *v);
        if (v)
            l->v = v;
        uint32_t *lens = realloc(l->lens, cap * sizeof *lens);
        if (lens)
            l->lens = lens;
        if (!v || !lens)
            return false;
        l->cap = cap;
    }
    if (!(l->v[l->n] = bb_arena_strndup(&l->s->mem, label, len)))
        return false;
    l->lens[l->n++] = (uint32_t)len;
    return true;
}

/* The labels of an ENUM/SET column from its COLUMN_TYPE; false when the
 * text is not of that form. */
static bool parse_labels(struct snapshot *s, const char *type, struct bb_column *col)
{
    struct labels l = { s, NULL, NULL, 0, 0 };
    bool ok = server_parse_labels(type, add_label, &l) && l.n <= 65535;
    const char **out = ok ? bb_arena_alloc(&s->mem, l.n * sizeof *out + 1) : NULL;
    uint32_t *outl = ok ? bb_arena_alloc(&s->mem, l.n * sizeof *outl + 1) : NULL;
    ok = out && outl;
    if (ok) {
        memcpy(out, l.v, l.n * sizeof *out);
        memcpy(outl, l.lens, l.n * sizeof *outl);
        col->labels = out;
        col->label_lens = outl;
        col->nlabels = (uint32_t)l.n;
    }
    free(l.v);
    free(l.lens);
    return ok;
}

static int hex_digit(int c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10
         : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Labels read from the server for one column, replacing COLUMN_TYPE's
 * once all have come. */
struct label_set {
    const char **labels;
    uint32_t *lens;
    uint32_t n;
};

/* One chunk of "HEX,HEX,...," labels of column c from the label statement:
 * decode, convert from the column's charset to UTF-8, store. */
static int take_label_chunk(struct snapshot *s, const struct bb_column *c, struct label_set *ls,
                            const char *hex, unsigned long len, struct bb_buf *tmp,
                            struct bb_error *err)
{
    const char *p = hex, *end = hex + len;
    while (p < end) {
        const char *comma = memchr(p, ',', (size_t)(end - p));
        size_t n = comma ? (size_t)(comma - p) : 0;
        if (!comma || n % 2 || ls->n >= c->nlabels)
            return table_error(s, BB_ERR_SERVER, err, "column %s: the server's labels do not "
                               "match its COLUMN_TYPE", c->name);
        uint8_t *bytes = bb_arena_alloc(&s->mem, n / 2 + 1);
        if (!bytes)
            return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
        for (size_t i = 0; i < n / 2; i++) {
            int hi = hex_digit((unsigned char)p[2 * i]);
            int lo = hex_digit((unsigned char)p[2 * i + 1]);
            if (hi < 0 || lo < 0)
                return table_error(s, BB_ERR_SERVER, err, "column %s: label is not hex",
                                   c->name);
            bytes[i] = (uint8_t)(hi << 4 | lo);
        }
        bb_buf_reset(tmp);
        int rc = charset_to_utf8(c->charset, bytes, n / 2, tmp, err);
        if (rc == 0)
            rc = bb_buf_check(tmp, err);
        if (rc < 0) {
            bb_error_prefix(err, "server %s: snapshot of %s.%s: label %u of column %s", s->where,
                            s->table.schema, s->table.name, ls->n + 1, c->name);
            return rc;
        }
        const char *label = bb_arena_strndup(&s->mem, tmp->data ? tmp->data : "", tmp->len);
        if (!label)
            return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
        ls->labels[ls->n] = label;
        ls->lens[ls->n] = (uint32_t)tmp->len;
        ls->n++;
        p = comma + 1;
    }
    return 0;
}

/* MariaDB: the labels' own bytes. For each ENUM/SET column k, a variable
 * TYPE OF the column takes each index (ENUM) or single bit (SET) in turn;
 * HEX() of it is the label in the column's charset. Results come as rows
 * (k, "HEX,HEX,...,") of up to LABEL_CHUNK labels. */
static int read_labels_mariadb(struct snapshot *s, struct bb_error *err)
{
    struct bb_table *t = &s->table;
    struct bb_buf *q = &s->sql;
    bb_buf_reset(q);
    bb_buf_puts(q, "BEGIN NOT ATOMIC DECLARE i BIGINT UNSIGNED DEFAULT 0; "
                   "DECLARE r LONGTEXT CHARACTER SET latin1 DEFAULT '';");
    bool any = false;
    for (uint32_t k = 0; k < t->ncols; k++) {
        const struct bb_column *c = &t->cols[k];
        if (!column_type_is_enum_or_set(c->type) || c->nlabels == 0)
            continue;
        bb_buf_printf(q, " DECLARE v%u TYPE OF ", (unsigned)k);
        put_ident(q, t->schema);
        bb_buf_putc(q, '.');
        put_ident(q, t->name);
        bb_buf_putc(q, '.');
        put_ident(q, c->name);
        bb_buf_putc(q, ';');
        any = true;
    }
    if (!any)
        return 0;
    for (uint32_t k = 0; k < t->ncols; k++) {
        const struct bb_column *c = &t->cols[k];
        if (!column_type_is_enum_or_set(c->type) || c->nlabels == 0)
            continue;
        bb_buf_printf(q, " SET i = 1; SET r = ''; WHILE i <= %u DO SET v%u = %s;"
                         " SET r = CONCAT(r, HEX(v%u), ','); IF i %% %d = 0 THEN SELECT %u, r;"
                         " SET r = ''; END IF; SET i = i + 1; END WHILE; SELECT %u, r;",
                      (unsigned)c->nlabels, (unsigned)k,
                      c->type == MYSQL_TYPE_ENUM ? "i" : "1 << (i - 1)", (unsigned)k,
                      LABEL_CHUNK, (unsigned)k, (unsigned)k);
    }
    bb_buf_puts(q, " END");
    if (bb_buf_check(q, err) < 0)
        return err->code;
    if (mysql_real_query(s->conn, q->data, (unsigned long)q->len) != 0) {
        unsigned e = mysql_errno(s->conn);
        if (e == 1064) /* no compound statements (MariaDB < 10.1): keep COLUMN_TYPE's labels */
            return 0;
        return table_error(s, server_conn_error_code(s->conn), err, "reading ENUM/SET labels: "
                           "%s (error %u)", mysql_error(s->conn), mysql_errno(s->conn));
    }
    struct label_set *sets = calloc(t->ncols, sizeof *sets);
    struct bb_buf tmp;
    bb_buf_init(&tmp);
    int rc = sets ? 0 : bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    for (uint32_t k = 0; rc == 0 && k < t->ncols; k++) {
        const struct bb_column *c = &t->cols[k];
        if (!column_type_is_enum_or_set(c->type) || c->nlabels == 0)
            continue;
        sets[k].labels = bb_arena_alloc(&s->mem, c->nlabels * sizeof *sets[k].labels);
        sets[k].lens = bb_arena_alloc(&s->mem, c->nlabels * sizeof *sets[k].lens);
        if (!sets[k].labels || !sets[k].lens)
            rc = bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    }
    /* Read every result, even after a failure: nothing may be left
     * pending on the connection. */
    int status;
    do {
        MYSQL_RES *res = mysql_store_result(s->conn);
        if (!res) {
            if (mysql_field_count(s->conn) != 0 && rc == 0)
                rc = table_error(s, server_conn_error_code(s->conn), err, "reading ENUM/SET "
                                 "labels: %s (error %u)", mysql_error(s->conn),
                                 mysql_errno(s->conn));
            continue;
        }
        MYSQL_ROW row;
        while (rc == 0 && (row = mysql_fetch_row(res))) {
            unsigned long *l = mysql_fetch_lengths(res);
            uint64_t k;
            if (!parse_u64(row[0], &k) || k >= t->ncols || !sets[k].labels) {
                rc = table_error(s, BB_ERR_SERVER, err, "unexpected row from the label statement");
                break;
            }
            rc = take_label_chunk(s, &t->cols[k], &sets[k], row[1] ? row[1] : "",
                                  row[1] ? l[1] : 0, &tmp, err);
        }
        mysql_free_result(res);
    } while ((status = mysql_next_result(s->conn)) == 0);
    if (status > 0 && rc == 0)
        rc = table_error(s, server_conn_error_code(s->conn), err, "reading ENUM/SET labels: %s "
                         "(error %u)", mysql_error(s->conn), mysql_errno(s->conn));
    for (uint32_t k = 0; rc == 0 && k < t->ncols; k++)
        if (sets[k].labels && sets[k].n != t->cols[k].nlabels)
            rc = table_error(s, BB_ERR_SERVER, err, "column %s: %u labels from the server, %u in "
                             "COLUMN_TYPE", t->cols[k].name, sets[k].n, t->cols[k].nlabels);
    for (uint32_t k = 0; rc == 0 && k < t->ncols; k++) {
        if (!sets[k].labels)
            continue;
        t->cols[k].labels = sets[k].labels;
        t->cols[k].label_lens = sets[k].lens;
    }
    bb_buf_destroy(&tmp);
    free(sets);
    return rc;
}

static uint8_t blob_length_bytes(const char *dt)
{
    static const char *const names[4][2] = {
        { "tinyblob", "tinytext" }, { "blob", "text" }, { "mediumblob", "mediumtext" },
        { "longblob", "longtext" },
    };
    for (int i = 0; i < 4; i++)
        if (strcmp(dt, names[i][0]) == 0 || strcmp(dt, names[i][1]) == 0)
            return (uint8_t)(i + 1);
    return 0;
}

static int geometry_type(const char *dt)
{
    static const char *const names[] = { "geometry", "point", "linestring", "polygon",
                                         "multipoint", "multilinestring", "multipolygon",
                                         "geometrycollection", NULL };
    for (int i = 0; names[i]; i++)
        if (strcmp(dt, names[i]) == 0)
            return i;
    if (strcmp(dt, "geomcollection") == 0)
        return 7;
    return -1;
}

static bool contains_ci(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (; *hay; hay++)
        if (strncasecmp(hay, needle, n) == 0)
            return true;
    return false;
}

/* The binlog type and metadata of one column, as TABLE_MAP gives them,
 * and how to fetch it (*expr: a SELECT expression other than the column). */
struct select_expr {
    const char *pre, *post;    /* around the quoted column name; NULL: the column */
};

static int describe_column(struct snapshot *s, const struct is_column *ic, struct bb_column *c,
                           struct snap_col *sc, struct select_expr *expr, struct bb_error *err)
{
    const char *dt = ic->data_type;
    bool uns = contains_ci(ic->column_type, "unsigned");
    int lb, geo;
    expr->pre = expr->post = NULL;
    c->name = ic->name;
    c->nullable = ic->nullable;
    c->visible = s->mariadb || !contains_ci(ic->extra, "INVISIBLE");
    sc->fetch = FETCH_BYTES;

    static const struct { const char *name; uint8_t type; } ints[] = {
        { "tinyint", MYSQL_TYPE_TINY }, { "smallint", MYSQL_TYPE_SHORT },
        { "mediumint", MYSQL_TYPE_INT24 }, { "int", MYSQL_TYPE_LONG },
        { "integer", MYSQL_TYPE_LONG }, { "bigint", MYSQL_TYPE_LONGLONG },
    };
    for (size_t i = 0; i < sizeof ints / sizeof *ints; i++) {
        if (strcmp(dt, ints[i].name) != 0)
            continue;
        c->type = ints[i].type;
        c->signedness_known = true;
        c->is_unsigned = uns;
        sc->fetch = FETCH_INT;
        return 0;
    }
    if (strcmp(dt, "float") == 0 || strcmp(dt, "double") == 0 || strcmp(dt, "real") == 0 ||
        strcmp(dt, "double precision") == 0) {
        bool f = strcmp(dt, "float") == 0;
        c->type = f ? MYSQL_TYPE_FLOAT : MYSQL_TYPE_DOUBLE;
        c->meta = f ? 4 : 8;
        c->signedness_known = true;
        c->is_unsigned = uns;
        sc->fetch = f ? FETCH_FLOAT : FETCH_DOUBLE;
        return 0;
    }
    if (strcmp(dt, "decimal") == 0 || strcmp(dt, "numeric") == 0) {
        if (!ic->has_precision || !ic->has_scale || ic->precision < 1 || ic->precision > 65 ||
            ic->scale > 38 || ic->scale > ic->precision)
            return table_error(s, BB_ERR_SERVER, err, "column %s: DECIMAL without a valid "
                               "precision and scale", ic->name);
        c->type = MYSQL_TYPE_NEWDECIMAL;
        c->precision = (uint8_t)ic->precision;
        c->scale = (uint8_t)ic->scale;
        c->meta = (uint16_t)(c->precision << 8 | c->scale);
        c->signedness_known = true;
        c->is_unsigned = uns;
        sc->fetch = FETCH_DECIMAL;
        return 0;
    }
    if (strcmp(dt, "year") == 0) {
        c->type = MYSQL_TYPE_YEAR;
        /* MariaDB's SIGNEDNESS covers YEAR (a TINYINT underneath: unsigned) */
        c->signedness_known = c->is_unsigned = s->mariadb;
        sc->fetch = FETCH_YEAR;
        return 0;
    }
    if (strcmp(dt, "date") == 0) {
        c->type = MYSQL_TYPE_DATE;
        sc->fetch = FETCH_DATE;
        return 0;
    }
    if (strcmp(dt, "time") == 0 || strcmp(dt, "datetime") == 0 || strcmp(dt, "timestamp") == 0) {
        if (ic->dt_precision > 6)
            return table_error(s, BB_ERR_SERVER, err, "column %s: DATETIME_PRECISION %llu",
                               ic->name, (unsigned long long)ic->dt_precision);
        /* MariaDB marks columns still in its 5.3 format (10.5.1+); before,
         * the server's default for new columns is the best guess. */
        bool old = s->mariadb && (contains_ci(ic->column_type, "mariadb-5.3") ||
                                  (s->version < 100501 && !s->mysql56_temporal));
        c->fsp = (uint8_t)ic->dt_precision;
        if (dt[1] == 'i' && dt[2] == 'm' && dt[3] == 'e' && dt[4] == '\0') {
            c->type = old ? MYSQL_TYPE_TIME : MYSQL_TYPE_TIME2;
            sc->fetch = FETCH_TIME;
        } else if (dt[1] == 'a') {
            c->type = old ? MYSQL_TYPE_DATETIME : MYSQL_TYPE_DATETIME2;
            sc->fetch = FETCH_DATETIME;
        } else {
            c->type = old ? MYSQL_TYPE_TIMESTAMP : MYSQL_TYPE_TIMESTAMP2;
            sc->fetch = FETCH_TIMESTAMP;
        }
        c->meta = old ? 0 : c->fsp;
        return 0;
    }
    if (strcmp(dt, "char") == 0 || strcmp(dt, "binary") == 0) {
        if (!ic->has_octets || ic->octets > 0xffff)
            return table_error(s, BB_ERR_SERVER, err, "column %s: CHAR without a valid octet "
                               "length", ic->name);
        uint32_t len = (uint32_t)ic->octets;
        c->type = MYSQL_TYPE_STRING;
        c->max_length = len;
        c->length_bytes = len > 255 ? 2 : 1;
        c->meta = (uint16_t)((MYSQL_TYPE_STRING ^ ((len & 0x300) >> 4)) << 8 | (len & 0xff));
        return 0;
    }
    if (strcmp(dt, "varchar") == 0 || strcmp(dt, "varbinary") == 0) {
        if (!ic->has_octets || ic->octets > 0xfffe)
            return table_error(s, BB_ERR_SERVER, err, "column %s: VARCHAR without a valid octet "
                               "length", ic->name);
        bool z = s->mariadb && contains_ci(ic->column_type, "COMPRESSED");
        uint32_t max = (uint32_t)ic->octets + (z ? 1 : 0);
        c->type = z ? BB_TYPE_VARCHAR_COMPRESSED : MYSQL_TYPE_VARCHAR;
        c->max_length = max;
        c->length_bytes = max > 255 ? 2 : 1;
        c->meta = (uint16_t)max;
        return 0;
    }
    /* MariaDB's JSON is a LONGTEXT (information_schema says longtext) */
    if ((lb = blob_length_bytes(dt)) > 0 || (s->mariadb && strcmp(dt, "json") == 0)) {
        lb = lb ? lb : 4;
        bool z = s->mariadb && contains_ci(ic->column_type, "COMPRESSED");
        c->type = z ? BB_TYPE_BLOB_COMPRESSED : MYSQL_TYPE_BLOB;
        c->length_bytes = (uint8_t)lb;
        c->meta = (uint16_t)lb;
        return 0;
    }
    if (strcmp(dt, "json") == 0 && !s->mariadb) {
        c->type = MYSQL_TYPE_JSON;
        c->length_bytes = 4;
        c->meta = 4;
        sc->fetch = FETCH_JSON;
        expr->pre = "CAST(";
        expr->post = " AS CHAR CHARACTER SET utf8mb4)";
        return 0;
    }
    if (strcmp(dt, "enum") == 0 || strcmp(dt, "set") == 0) {
        bool e = dt[0] == 'e';
        if (!parse_labels(s, ic->column_type, c))
            return table_error(s, BB_ERR_SERVER, err, "column %s: cannot read the labels of %s",
                               ic->name, ic->column_type);
        if (!e && c->nlabels > 64)
            return table_error(s, BB_ERR_SERVER, err, "column %s: SET of %u labels", ic->name,
                               c->nlabels);
        uint32_t pack = e ? (c->nlabels < 256 ? 1 : 2)
                          : ((c->nlabels + 7) / 8 > 4 ? 8 : (c->nlabels + 7) / 8);
        if (pack == 0)
            pack = 1;
        c->type = e ? MYSQL_TYPE_ENUM : MYSQL_TYPE_SET;
        c->max_length = pack;
        c->meta = (uint16_t)(c->type << 8 | pack);
        sc->fetch = e ? FETCH_ENUM : FETCH_SET;
        expr->pre = "CAST(";
        expr->post = " AS UNSIGNED)";
        return 0;
    }
    if (strcmp(dt, "bit") == 0) {
        if (!ic->has_precision || ic->precision < 1 || ic->precision > 64)
            return table_error(s, BB_ERR_SERVER, err, "column %s: BIT without a valid width",
                               ic->name);
        uint32_t w = (uint32_t)ic->precision;
        c->type = MYSQL_TYPE_BIT;
        c->max_length = w;
        c->meta = (uint16_t)((w / 8) << 8 | (w % 8));
        sc->fetch = FETCH_BIT;
        return 0;
    }
    if ((geo = geometry_type(dt)) >= 0) {
        c->type = MYSQL_TYPE_GEOMETRY;
        c->length_bytes = 4;
        c->meta = 4;
        c->geometry_type = (uint8_t)geo;
        sc->kind = BB_VALUE_GEOMETRY;
        return 0;
    }
    if (s->mariadb && (strcmp(dt, "inet6") == 0 || strcmp(dt, "uuid") == 0 ||
                       strcmp(dt, "inet4") == 0)) {
        /* Type plugins over BINARY(n): SELECT shows their text, the binlog
         * has the stored bytes. */
        uint32_t len = dt[4] == '4' ? 4 : 16;
        c->type = MYSQL_TYPE_STRING;
        c->max_length = len;
        c->length_bytes = 1;
        c->meta = (uint16_t)(MYSQL_TYPE_STRING << 8 | len);
        expr->pre = "CAST(";
        expr->post = len == 4 ? " AS BINARY(4))" : " AS BINARY(16))";
        return 0;
    }
    if (strcmp(dt, "vector") == 0 && !s->mariadb) {
        const char *p = strchr(ic->column_type, '(');
        uint64_t dim = 0;
        if (p)
            dim = strtoull(p + 1, NULL, 10);
        c->type = BB_TYPE_VECTOR;
        c->length_bytes = 4;
        c->meta = 4;
        c->vector_dim = (uint32_t)dim;
        sc->fetch = FETCH_HEX;
        sc->kind = BB_VALUE_VECTOR;
        expr->pre = "HEX(";
        expr->post = ")";
        return 0;
    }
    return table_error(s, BB_ERR_UNSUPPORTED, err, "column %s: type %s cannot be read by a "
                       "snapshot", ic->name, ic->column_type);
}

static int describe_table(struct snapshot *s, struct bb_error *err)
{
    struct is_column *ic = NULL;
    uint32_t ncols = 0;
    int rc = read_columns(s, &ic, &ncols, err);
    if (rc < 0)
        return rc;
    if (s->mariadb && (rc = read_json_checks(s, ic, ncols, err)) < 0)
        return rc;
    struct index_info *ii = malloc(sizeof *ii);
    if (!ii)
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    if ((rc = read_indexes(s, ic, ncols, ii, err)) < 0) {
        free(ii);
        return rc;
    }
    struct bb_table *t = &s->table;
    uint32_t total = ncols + ii->nhash;
    t->cols = bb_arena_calloc(&s->mem, total * sizeof *t->cols);
    s->row = bb_arena_calloc(&s->mem, total * sizeof *s->row);
    s->cols = calloc(total, sizeof *s->cols);
    s->binds = calloc(ncols, sizeof *s->binds);
    struct select_expr *exprs = calloc(ncols, sizeof *exprs);
    uint32_t *pk = ii->npk ? bb_arena_alloc(&s->mem, ii->npk * sizeof *pk) : NULL;
    if (!t->cols || !s->row || !s->cols || !s->binds || !exprs || (ii->npk && !pk)) {
        free(ii);
        free(exprs);
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    }
    t->ncols = total;
    s->nselect = ncols;
    t->flags = 1; /* TM_BIT_LEN_EXACT_F, as both servers write it */
    t->has_names = true;
    for (uint32_t i = 0; i < total; i++) {
        bb_buf_init(&s->cols[i].scratch);
        s->row[i].col = &t->cols[i];
    }
    for (uint32_t i = 0; i < ncols && rc == 0; i++) {
        struct bb_column *c = &t->cols[i];
        rc = describe_column(s, &ic[i], c, &s->cols[i], &exprs[i], err);
        if (rc < 0)
            break;
        if (column_type_is_character(c->type) || column_type_is_enum_or_set(c->type))
            c->charset = ic[i].collation ? server_collation_id(&s->collations, ic[i].collation)
                                         : column_type_is_character(c->type) ? 63 : 0;
        if (s->cols[i].fetch == FETCH_BYTES && s->cols[i].kind == 0)
            s->cols[i].kind = c->charset == 63 ? BB_VALUE_BINARY : BB_VALUE_STRING;
        if (ic[i].json && c->type == MYSQL_TYPE_BLOB && c->length_bytes == 4 && c->charset != 63)
            c->json_text = true;
    }
    for (uint32_t k = 0; k < ii->nhash && rc == 0; k++)
        rc = add_hash_column(s, ncols + k, ii->hash_nullable[k], err);
    if (rc == 0 && ii->npk) {
        memcpy(pk, ii->pk, ii->npk * sizeof *pk);
        for (uint32_t k = 0; k < ii->npk; k++)
            t->cols[pk[k]].in_primary_key = true;
        t->pk = pk;
        t->npk = ii->npk;
    }
    free(ii);
    if (rc == 0 && s->mariadb)
        rc = read_labels_mariadb(s, err);
    if (rc == 0) {
        /* SELECT expr, ... FROM `schema`.`table` */
        struct bb_buf *q = &s->sql;
        bb_buf_reset(q);
        bb_buf_puts(q, "SELECT ");
        for (uint32_t i = 0; i < ncols; i++) {
            if (i)
                bb_buf_puts(q, ", ");
            if (exprs[i].pre)
                bb_buf_puts(q, exprs[i].pre);
            put_ident(q, t->cols[i].name);
            if (exprs[i].post)
                bb_buf_puts(q, exprs[i].post);
        }
        bb_buf_puts(q, " FROM ");
        put_ident(q, t->schema);
        bb_buf_putc(q, '.');
        put_ident(q, t->name);
        rc = bb_buf_check(q, err);
    }
    free(exprs);
    return rc;
}

/* ------------------------------------------------------------------ */
/* The statement                                                       */

/* Is the column bound to a byte buffer (else to a number or a MYSQL_TIME)? */
static bool fetch_is_bytes(enum fetch f)
{
    return f == FETCH_DECIMAL || f == FETCH_BYTES || f == FETCH_BIT || f == FETCH_JSON ||
           f == FETCH_HEX;
}

static bool grow_bind(struct snap_col *sc, unsigned long want)
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
        return stmt_error(s, "preparing the SELECT", err);
    if (mysql_stmt_field_count(s->stmt) != s->nselect)
        return table_error(s, BB_ERR_SERVER, err, "the SELECT has %u columns, the table %u",
                           mysql_stmt_field_count(s->stmt), s->nselect);
    MYSQL_RES *meta = mysql_stmt_result_metadata(s->stmt);
    if (!meta)
        return stmt_error(s, "reading the SELECT's columns", err);
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
            if (!grow_bind(sc, want)) {
                mysql_free_result(meta);
                return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
            }
        }
        bind_column(s, i, &fields[i]);
    }
    mysql_free_result(meta);
    if (mysql_stmt_bind_result(s->stmt, s->binds) != 0)
        return stmt_error(s, "binding the SELECT's columns", err);
    if (mysql_stmt_execute(s->stmt) != 0)
        return stmt_error(s, "running the SELECT", err);
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
    s->table.schema = arena_dup(s, schema);
    s->table.name = arena_dup(s, table);
    if (!s->table.schema || !s->table.name)
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    /* From the first look at the table its metadata lock may be held
     * until the end of the transaction: roll back to the savepoint after. */
    s->locked = true;
    rc = describe_table(s, err);
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

/* ------------------------------------------------------------------ */
/* Values                                                              */

/* The server's DECIMAL text as decode_newdecimal writes it: '-' only when
 * some digit is not zero, the integer digits without leading zeros ("0"
 * when there are none), then '.' and exactly `scale` digits. */
static int decimal_text(struct snapshot *s, uint32_t i, const char *p, size_t n,
                        struct bb_error *err)
{
    const struct bb_column *c = &s->table.cols[i];
    char *out = s->cols[i].dec;
    size_t k = 0, o = 0;
    bool neg = false, nonzero = false;
    while (k < n && p[k] == ' ')
        k++;
    if (k < n && (p[k] == '-' || p[k] == '+'))
        neg = p[k++] == '-';
    size_t is = k;
    while (k < n && isdigit((unsigned char)p[k]))
        k++;
    size_t ie = k, fs = k, fe = k;
    if (k < n && p[k] == '.') {
        fs = ++k;
        while (k < n && isdigit((unsigned char)p[k]))
            k++;
        fe = k;
    }
    if (k != n || (ie == is && fe == fs))
        return value_error(s, i, err, "DECIMAL text '%.*s'", (int)(n > 80 ? 80 : n), p);
    while (is < ie && p[is] == '0')
        is++;
    size_t nf = fe - fs;
    for (size_t j = fs + c->scale; j < fe; j++)
        if (p[j] != '0')
            return value_error(s, i, err, "DECIMAL text '%.*s' has more than %u fraction digits",
                               (int)n, p, (unsigned)c->scale);
    if (nf > c->scale)
        nf = c->scale;
    if (ie - is > (size_t)(c->precision - c->scale))
        return value_error(s, i, err, "DECIMAL text '%.*s' exceeds DECIMAL(%u,%u)", (int)n, p,
                           (unsigned)c->precision, (unsigned)c->scale);
    for (size_t j = is; j < ie; j++)
        nonzero |= p[j] != '0';
    for (size_t j = fs; j < fs + nf; j++)
        nonzero |= p[j] != '0';
    if (neg && nonzero)
        out[o++] = '-';
    if (is == ie) {
        out[o++] = '0';
    } else {
        memcpy(out + o, p + is, ie - is);
        o += ie - is;
    }
    if (c->scale) {
        out[o++] = '.';
        memcpy(out + o, p + fs, nf);
        o += nf;
        for (size_t j = nf; j < c->scale; j++)
            out[o++] = '0';
    }
    out[o] = '\0';
    s->row[i].kind = BB_VALUE_DECIMAL;
    s->row[i].v.str.p = (const uint8_t *)out;
    s->row[i].v.str.len = o;
    return 0;
}

/* Days from 1970-01-01 to y-m-d, proleptic Gregorian (the inverse of
 * format_value.c's civil_from_days). */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t mp = m > 2 ? m - 3 : m + 9;
    int64_t doy = (153 * mp + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static int temporal_value(struct snapshot *s, uint32_t i, struct bb_error *err)
{
    const struct snap_col *sc = &s->cols[i];
    const MYSQL_TIME *t = &sc->num.tm;
    struct bb_value *v = &s->row[i];
    struct bb_time *o = &v->v.tm;
    memset(o, 0, sizeof *o);
    if (t->second_part > 999999 || t->minute > 59 || t->second > 59)
        return value_error(s, i, err, "time %u:%u:%u.%lu out of range", t->hour, t->minute,
                           t->second, (unsigned long)t->second_part);
    if (sc->fetch == FETCH_TIME) {
        if (t->hour > 838)
            return value_error(s, i, err, "TIME hour %u out of range", t->hour);
        o->hour = t->hour;
        o->minute = (uint8_t)t->minute;
        o->second = (uint8_t)t->second;
        o->usec = (uint32_t)t->second_part;
        /* no negative zero: the binlog's packed zero is not negative */
        o->neg = t->neg && (o->hour || o->minute || o->second || o->usec);
        v->kind = BB_VALUE_TIME;
        return 0;
    }
    if (t->year > 9999 || t->month > 12 || t->day > 31 || t->hour > 23)
        return value_error(s, i, err, "date %u-%u-%u %u:%u:%u out of range", t->year, t->month,
                           t->day, t->hour, t->minute, t->second);
    if (sc->fetch == FETCH_TIMESTAMP) {
        v->kind = BB_VALUE_TIMESTAMP;
        bool zero_date = t->year == 0 && t->month == 0 && t->day == 0;
        if (zero_date && !t->hour && !t->minute && !t->second) {
            v->v.ts.sec = 0; /* the zero timestamp */
            v->v.ts.usec = (uint32_t)t->second_part;
            return 0;
        }
        if (t->month == 0 || t->day == 0)
            return value_error(s, i, err, "TIMESTAMP %04u-%02u-%02u has a zero part", t->year,
                               t->month, t->day);
        v->v.ts.sec = days_from_civil(t->year, t->month, t->day) * 86400 +
                      (int64_t)t->hour * 3600 + t->minute * 60 + t->second;
        v->v.ts.usec = (uint32_t)t->second_part;
        return 0;
    }
    o->year = t->year;
    o->month = (uint8_t)t->month;
    o->day = (uint8_t)t->day;
    if (sc->fetch == FETCH_DATE) {
        v->kind = BB_VALUE_DATE;
        return 0;
    }
    o->hour = t->hour;
    o->minute = (uint8_t)t->minute;
    o->second = (uint8_t)t->second;
    o->usec = (uint32_t)t->second_part;
    v->kind = BB_VALUE_DATETIME;
    return 0;
}

int snapshot_json_text_to_binary(const char *text, size_t n, struct bb_buf *out,
                                 struct bb_error *err);

/* The bytes of a value bound to a buffer: the bind buffer, or for longer
 * values the overflow buffer filled by mysql_stmt_fetch_column. */
static int column_bytes(struct snapshot *s, uint32_t i, const uint8_t **p, size_t *n,
                        struct bb_error *err)
{
    struct snap_col *sc = &s->cols[i];
    unsigned long len = sc->length;
    if (len <= sc->cap) {
        *p = (const uint8_t *)sc->buf;
        *n = len;
        return 0;
    }
    /* Let the bind buffer grow for the next rows, up to BIND_MAX. It is
     * bound again before the next fetch: binding now would lose the row
     * mysql_stmt_fetch_column reads from. */
    if (sc->cap < BIND_MAX && grow_bind(sc, len))
        s->rebind = true;
    char *dst;
    if (len <= sc->cap) {
        dst = sc->buf;
    } else {
        if (sc->bigcap < len) {
            free(sc->big);
            sc->big = malloc(len);
            sc->bigcap = sc->big ? len : 0;
            if (!sc->big)
                return bb_error_set(err, BB_ERR_NOMEM, "out of memory for a value of %lu bytes",
                                    len);
        }
        dst = sc->big;
    }
    MYSQL_BIND b;
    unsigned long got = 0;
    my_bool is_null = 0, error = 0;
    memset(&b, 0, sizeof b);
    b.buffer_type = MYSQL_TYPE_BLOB;
    b.buffer = dst;
    b.buffer_length = len;
    b.length = &got;
    b.is_null = &is_null;
    b.error = &error;
    if (mysql_stmt_fetch_column(s->stmt, &b, i, 0) != 0)
        return stmt_error(s, "fetching a long value", err);
    if (got != len)
        return value_error(s, i, err, "value of %lu bytes came as %lu", len, got);
    *p = (const uint8_t *)dst;
    *n = len;
    return 0;
}

static int bytes_value(struct snapshot *s, uint32_t i, struct bb_error *err)
{
    struct snap_col *sc = &s->cols[i];
    const struct bb_column *c = &s->table.cols[i];
    struct bb_value *v = &s->row[i];
    const uint8_t *p = NULL;
    size_t n = 0;
    int rc = column_bytes(s, i, &p, &n, err);
    if (rc < 0)
        return rc;
    switch (sc->fetch) {
    case FETCH_DECIMAL:
        return decimal_text(s, i, (const char *)p, n, err);
    case FETCH_BIT: {
        if (n > 8 || n != (c->max_length + 7) / 8)
            return value_error(s, i, err, "BIT(%u) value of %zu bytes", (unsigned)c->max_length,
                               n);
        uint64_t u = 0;
        for (size_t k = 0; k < n; k++)
            u = u << 8 | p[k];
        if (c->max_length < 64 && (u >> c->max_length))
            return value_error(s, i, err, "BIT(%u) value 0x%llx too wide",
                               (unsigned)c->max_length, (unsigned long long)u);
        v->kind = BB_VALUE_BIT;
        v->v.u = u;
        return 0;
    }
    case FETCH_JSON:
        bb_buf_reset(&sc->scratch);
        rc = snapshot_json_text_to_binary((const char *)p, n, &sc->scratch, err);
        if (rc < 0) {
            bb_error_prefix(err, "server %s: snapshot of %s.%s: row %llu, column %s", s->where,
                            s->table.schema, s->table.name, (unsigned long long)s->nrows + 1,
                            c->name);
            return rc;
        }
        v->kind = BB_VALUE_JSON;
        v->v.str.p = (const uint8_t *)sc->scratch.data;
        v->v.str.len = sc->scratch.len;
        return 0;
    case FETCH_HEX: {
        if (n % 2)
            return value_error(s, i, err, "HEX text of odd length %zu", n);
        bb_buf_reset(&sc->scratch);
        char *d = bb_buf_reserve(&sc->scratch, n / 2 + 1);
        if (!d)
            return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
        for (size_t k = 0; k < n / 2; k++) {
            int hi = hex_digit(p[2 * k]), lo = hex_digit(p[2 * k + 1]);
            if (hi < 0 || lo < 0)
                return value_error(s, i, err, "HEX text is not hexadecimal");
            d[k] = (char)(hi << 4 | lo);
        }
        sc->scratch.len = n / 2;
        if (n / 2 % 4 || (c->vector_dim && n / 2 != (size_t)c->vector_dim * 4))
            return value_error(s, i, err, "VECTOR of %zu bytes", n / 2);
        v->kind = sc->kind;
        v->v.str.p = (const uint8_t *)sc->scratch.data;
        v->v.str.len = n / 2;
        return 0;
    }
    default:
        break;
    }
    v->kind = sc->kind;
    v->v.str.p = p;
    v->v.str.len = n;
    if (sc->kind == BB_VALUE_GEOMETRY && n != 0 && n < 4)
        return value_error(s, i, err, "GEOMETRY value of %zu bytes has no SRID", n);
    /* BINARY(n) is n bytes in the table: the decoder puts back the zero
     * bytes the binlog strips; SELECT sends them. */
    if (sc->kind == BB_VALUE_BINARY && c->type == MYSQL_TYPE_STRING && n < c->max_length) {
        if (p != (const uint8_t *)sc->buf || sc->cap < c->max_length)
            return value_error(s, i, err, "BINARY(%u) value of %zu bytes",
                               (unsigned)c->max_length, n);
        memset(sc->buf + n, 0, c->max_length - n);
        v->v.str.p = (const uint8_t *)sc->buf;
        v->v.str.len = c->max_length;
    }
    if (c->type == MYSQL_TYPE_VARCHAR && c->max_length && n > c->max_length)
        return value_error(s, i, err, "value of %zu bytes in VARCHAR of %u", n,
                           (unsigned)c->max_length);
    return 0;
}

static int convert(struct snapshot *s, uint32_t i, struct bb_error *err)
{
    struct snap_col *sc = &s->cols[i];
    const struct bb_column *c = &s->table.cols[i];
    struct bb_value *v = &s->row[i];
    memset(&v->v, 0, sizeof v->v);
    if (sc->is_null) {
        v->kind = BB_VALUE_NULL;
        return 0;
    }
    switch (sc->fetch) {
    case FETCH_INT:
        if (c->is_unsigned) {
            v->kind = BB_VALUE_UINT;
            v->v.u = (uint64_t)sc->num.i;
        } else {
            v->kind = BB_VALUE_INT;
            v->v.i = sc->num.i;
        }
        return 0;
    case FETCH_YEAR: {
        uint64_t y = (uint64_t)sc->num.i;
        if (y != 0 && (y < 1901 || y > 2155))
            return value_error(s, i, err, "YEAR %llu out of range", (unsigned long long)y);
        v->kind = BB_VALUE_YEAR;
        v->v.u = y;
        return 0;
    }
    case FETCH_FLOAT:
        if (!isfinite(sc->num.f))
            return value_error(s, i, err, "FLOAT value is not finite");
        v->kind = BB_VALUE_FLOAT;
        v->v.f = sc->num.f;
        return 0;
    case FETCH_DOUBLE:
        if (!isfinite(sc->num.d))
            return value_error(s, i, err, "DOUBLE value is not finite");
        v->kind = BB_VALUE_DOUBLE;
        v->v.d = sc->num.d;
        return 0;
    case FETCH_DATE: case FETCH_DATETIME: case FETCH_TIMESTAMP: case FETCH_TIME:
        return temporal_value(s, i, err);
    case FETCH_ENUM: {
        uint64_t u = (uint64_t)sc->num.i;
        if (u > c->nlabels)
            return value_error(s, i, err, "ENUM index %llu of %u labels", (unsigned long long)u,
                               (unsigned)c->nlabels);
        v->kind = BB_VALUE_ENUM;
        v->v.u = u;
        return 0;
    }
    case FETCH_SET: {
        uint64_t u = (uint64_t)sc->num.i;
        if (c->nlabels < 64 && (u >> c->nlabels))
            return value_error(s, i, err, "SET value 0x%llx has bits beyond its %u labels",
                               (unsigned long long)u, (unsigned)c->nlabels);
        v->kind = BB_VALUE_SET;
        v->v.u = u;
        return 0;
    }
    default:
        return bytes_value(s, i, err);
    }
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
            return stmt_error(s, "binding longer buffers", err);
        s->rebind = false;
    }
    int rc = mysql_stmt_fetch(s->stmt);
    if (rc == MYSQL_NO_DATA)
        return finish_statement(s, err);
    if (rc == 1) {
        char what[64];
        snprintf(what, sizeof what, "reading row %llu", (unsigned long long)s->nrows + 1);
        rc = stmt_error(s, what, err);
        if (rc == BB_ERR_IO) {
            mysql_stmt_close(s->stmt); /* the connection is gone: nothing to read off */
            s->stmt = NULL;
            s->locked = false;
        }
        return rc;
    }
    for (uint32_t i = 0; i < s->nselect; i++)
        if ((rc = convert(s, i, err)) < 0)
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

/* ------------------------------------------------------------------ */
/* MySQL JSON: text to binary JSON                                     */
/*
 * MySQL sends a JSON column as text; the binlog has its binary form
 * (sql/json_binary.h), which json_binary.c renders. The text is what
 * MySQL's own rendering of that binary form prints, so encoding it back
 * gives a document that renders identically: objects keep the text's key
 * order (MySQL sorts keys when it stores them and prints them in that
 * order), integers that fit int64 are INT64, larger ones UINT64, other
 * numbers DOUBLE (MySQL prints doubles so that they read back exactly).
 * Everything is written in the large format (4-byte counts and offsets)
 * with only literals inline, which json_binary.c reads like MySQL's own
 * choice of sizes. What cannot round-trip: DECIMAL values inside a JSON
 * document (printed as bare numbers, read back as doubles), and the
 * opaque temporal values (printed as strings, read back as strings, which
 * render the same text). */

enum {
    JB_LARGE_OBJECT = 0x01,
    JB_LARGE_ARRAY = 0x03,
    JB_LITERAL = 0x04,
    JB_INT64 = 0x09,
    JB_UINT64 = 0x0a,
    JB_DOUBLE = 0x0b,
    JB_STRING = 0x0c,
};

struct jtext {
    const char *start, *p, *end;
    struct bb_error *err;
};

static int jfail(struct jtext *j, const char *why)
{
    return bb_error_set(j->err, BB_ERR_SERVER, "JSON text: %s at offset %zu", why,
                        (size_t)(j->p - j->start));
}

static void jws(struct jtext *j)
{
    while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r'))
        j->p++;
}

static void put_le(struct bb_buf *b, uint64_t v, int n)
{
    for (int i = 0; i < n; i++)
        bb_buf_putc(b, (char)(v >> (8 * i)));
}

static void put_varlen(struct bb_buf *b, size_t n)
{
    do {
        uint8_t byte = n & 0x7f;
        n >>= 7;
        if (n)
            byte |= 0x80;
        bb_buf_putc(b, (char)byte);
    } while (n);
}

static int jhex4(struct jtext *j, unsigned *out)
{
    if (j->end - j->p < 4)
        return jfail(j, "truncated \\u escape");
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        int d = hex_digit((unsigned char)j->p[i]);
        if (d < 0)
            return jfail(j, "bad \\u escape");
        v = v << 4 | (unsigned)d;
    }
    j->p += 4;
    *out = v;
    return 0;
}

static void put_utf8(struct bb_buf *b, unsigned cp)
{
    char x[4];
    size_t n;
    if (cp < 0x80) {
        x[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        x[0] = (char)(0xc0 | cp >> 6);
        x[1] = (char)(0x80 | (cp & 0x3f));
        n = 2;
    } else if (cp < 0x10000) {
        x[0] = (char)(0xe0 | cp >> 12);
        x[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
        x[2] = (char)(0x80 | (cp & 0x3f));
        n = 3;
    } else {
        x[0] = (char)(0xf0 | cp >> 18);
        x[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
        x[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
        x[3] = (char)(0x80 | (cp & 0x3f));
        n = 4;
    }
    bb_buf_append(b, x, n);
}

/* A string's content, unescaped, into out (after the opening quote). */
static int jstring(struct jtext *j, struct bb_buf *out)
{
    j->p++;
    for (;;) {
        if (j->p >= j->end)
            return jfail(j, "unterminated string");
        unsigned char ch = (unsigned char)*j->p++;
        if (ch == '"')
            return 0;
        if (ch != '\\') {
            bb_buf_putc(out, (char)ch);
            continue;
        }
        if (j->p >= j->end)
            return jfail(j, "unterminated escape");
        char e = *j->p++;
        unsigned cp;
        switch (e) {
        case '"': case '\\': case '/': bb_buf_putc(out, e); break;
        case 'b': bb_buf_putc(out, '\b'); break;
        case 'f': bb_buf_putc(out, '\f'); break;
        case 'n': bb_buf_putc(out, '\n'); break;
        case 'r': bb_buf_putc(out, '\r'); break;
        case 't': bb_buf_putc(out, '\t'); break;
        case 'u':
            if (jhex4(j, &cp) < 0)
                return BB_ERR_SERVER;
            if (cp >= 0xd800 && cp < 0xdc00 && j->end - j->p >= 6 && j->p[0] == '\\' &&
                j->p[1] == 'u') {
                unsigned lo;
                j->p += 2;
                if (jhex4(j, &lo) < 0)
                    return BB_ERR_SERVER;
                if (lo >= 0xdc00 && lo < 0xe000)
                    cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
                else
                    return jfail(j, "unpaired surrogate");
            }
            put_utf8(out, cp);
            break;
        default:
            return jfail(j, "bad escape");
        }
    }
}

/* One value: its type byte in *type, its bytes (for a literal, the one
 * byte of its value) appended to out. */
static int jvalue(struct jtext *j, int depth, uint8_t *type, struct bb_buf *out);

static int jcontainer(struct jtext *j, int depth, bool object, struct bb_buf *out)
{
    if (depth > JSON_MAX_DEPTH)
        return jfail(j, "nesting too deep");
    j->p++;
    struct bb_buf keys, vals;
    bb_buf_init(&keys);
    bb_buf_init(&vals);
    /* per element: key offset/length in keys, type, value offset/length in vals */
    struct elem { size_t koff, klen, voff, vlen; uint8_t type; } *el = NULL;
    size_t n = 0, cap = 0;
    int rc = 0;
    jws(j);
    if (j->p < j->end && *j->p == (object ? '}' : ']')) {
        j->p++;
    } else {
        for (;;) {
            if (n == cap) {
                cap = cap ? cap * 2 : 8;
                struct elem *e2 = realloc(el, cap * sizeof *el);
                if (!e2) {
                    rc = bb_error_set(j->err, BB_ERR_NOMEM, "out of memory");
                    break;
                }
                el = e2;
            }
            struct elem *e = &el[n];
            memset(e, 0, sizeof *e);
            jws(j);
            if (object) {
                if (j->p >= j->end || *j->p != '"') {
                    rc = jfail(j, "expected a key");
                    break;
                }
                e->koff = keys.len;
                if ((rc = jstring(j, &keys)) < 0)
                    break;
                e->klen = keys.len - e->koff;
                if (e->klen > 0xffff) {
                    rc = jfail(j, "key longer than 65535 bytes");
                    break;
                }
                jws(j);
                if (j->p >= j->end || *j->p != ':') {
                    rc = jfail(j, "expected ':'");
                    break;
                }
                j->p++;
            }
            e->voff = vals.len;
            if ((rc = jvalue(j, depth + 1, &e->type, &vals)) < 0)
                break;
            e->vlen = vals.len - e->voff;
            n++;
            jws(j);
            if (j->p < j->end && *j->p == ',') {
                j->p++;
                continue;
            }
            if (j->p < j->end && *j->p == (object ? '}' : ']')) {
                j->p++;
                break;
            }
            rc = jfail(j, "expected ',' or the end of a container");
            break;
        }
    }
    if (rc == 0 && (keys.oom || vals.oom))
        rc = bb_error_set(j->err, BB_ERR_NOMEM, "out of memory");
    if (rc == 0) {
        /* count, size, key entries (4 offset, 2 length), value entries
         * (1 type, 4 inline value or offset), keys, values */
        size_t head = 8 + n * (object ? 6 : 0) + n * 5;
        size_t inline_vals = 0;
        for (size_t i = 0; i < n; i++)
            if (el[i].type == JB_LITERAL)
                inline_vals += el[i].vlen;
        size_t size = head + keys.len + vals.len - inline_vals;
        if (size > UINT32_MAX) {
            rc = jfail(j, "document larger than 4 GB");
        } else {
            put_le(out, n, 4);
            put_le(out, size, 4);
            size_t koff = head;
            for (size_t i = 0; object && i < n; i++) {
                put_le(out, koff + el[i].koff, 4);
                put_le(out, el[i].klen, 2);
            }
            size_t voff = head + keys.len;
            for (size_t i = 0; i < n; i++) {
                bb_buf_putc(out, (char)el[i].type);
                if (el[i].type == JB_LITERAL) {
                    put_le(out, (uint8_t)vals.data[el[i].voff], 4);
                } else {
                    put_le(out, voff, 4);
                    voff += el[i].vlen;
                }
            }
            if (keys.len)
                bb_buf_append(out, keys.data, keys.len);
            for (size_t i = 0; i < n; i++)
                if (el[i].type != JB_LITERAL)
                    bb_buf_append(out, vals.data + el[i].voff, el[i].vlen);
        }
    }
    free(el);
    bb_buf_destroy(&keys);
    bb_buf_destroy(&vals);
    return rc;
}

static int jnumber(struct jtext *j, uint8_t *type, struct bb_buf *out)
{
    const char *start = j->p;
    bool frac = false;
    if (j->p < j->end && *j->p == '-')
        j->p++;
    while (j->p < j->end && (isdigit((unsigned char)*j->p) || *j->p == '.' || *j->p == 'e' ||
                             *j->p == 'E' || *j->p == '+' || *j->p == '-')) {
        if (*j->p == '.' || *j->p == 'e' || *j->p == 'E')
            frac = true;
        j->p++;
    }
    size_t len = (size_t)(j->p - start);
    char tmp[400];
    if (len == 0 || len >= sizeof tmp)
        return jfail(j, "bad number");
    memcpy(tmp, start, len);
    tmp[len] = '\0';
    char *end;
    if (!frac) {
        errno = 0;
        if (tmp[0] == '-') {
            long long v = strtoll(tmp, &end, 10);
            if (!errno && !*end) {
                *type = JB_INT64;
                put_le(out, (uint64_t)v, 8);
                return 0;
            }
        } else {
            unsigned long long v = strtoull(tmp, &end, 10);
            if (!errno && !*end) {
                *type = v > INT64_MAX ? JB_UINT64 : JB_INT64;
                put_le(out, v, 8);
                return 0;
            }
        }
    }
    errno = 0;
    double d = strtod(tmp, &end);
    if (*end || !isfinite(d))
        return jfail(j, "bad number");
    uint64_t bits;
    memcpy(&bits, &d, 8);
    *type = JB_DOUBLE;
    put_le(out, bits, 8);
    return 0;
}

static int jvalue(struct jtext *j, int depth, uint8_t *type, struct bb_buf *out)
{
    jws(j);
    if (j->p >= j->end)
        return jfail(j, "expected a value");
    char ch = *j->p;
    if (ch == '{' || ch == '[') {
        *type = ch == '{' ? JB_LARGE_OBJECT : JB_LARGE_ARRAY;
        return jcontainer(j, depth, ch == '{', out);
    }
    if (ch == '"') {
        struct bb_buf str;
        bb_buf_init(&str);
        int rc = jstring(j, &str);
        if (rc == 0 && str.oom)
            rc = bb_error_set(j->err, BB_ERR_NOMEM, "out of memory");
        if (rc == 0) {
            *type = JB_STRING;
            put_varlen(out, str.len);
            if (str.len)
                bb_buf_append(out, str.data, str.len);
        }
        bb_buf_destroy(&str);
        return rc;
    }
    static const struct { const char *word; uint8_t v; } lits[] = {
        { "null", 0 }, { "true", 1 }, { "false", 2 },
    };
    for (size_t i = 0; i < 3; i++) {
        size_t n = strlen(lits[i].word);
        if ((size_t)(j->end - j->p) >= n && memcmp(j->p, lits[i].word, n) == 0) {
            j->p += n;
            *type = JB_LITERAL;
            bb_buf_putc(out, (char)lits[i].v);
            return 0;
        }
    }
    if (ch == '-' || isdigit((unsigned char)ch))
        return jnumber(j, type, out);
    return jfail(j, "unexpected character");
}

/* Exposed for tests/test_snapshot.c (MySQL, whose JSON columns need it,
 * does not run here): JSON text to MySQL binary JSON, appended to out. */
int snapshot_json_text_to_binary(const char *text, size_t n, struct bb_buf *out,
                                 struct bb_error *err)
{
    struct jtext j = { text, text, text + n, err };
    uint8_t type = 0;
    struct bb_buf body;
    bb_buf_init(&body);
    int rc = jvalue(&j, 0, &type, &body);
    if (rc == 0) {
        jws(&j);
        if (j.p != j.end)
            rc = jfail(&j, "text after the value");
    }
    if (rc == 0 && body.oom)
        rc = bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    if (rc == 0) {
        bb_buf_putc(out, (char)type);
        bb_buf_append(out, body.data, body.len);
        rc = bb_buf_check(out, err);
    }
    bb_buf_destroy(&body);
    return rc;
}
