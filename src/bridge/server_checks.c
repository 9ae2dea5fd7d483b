/* server_checks.c - startup checks of the source server. */
#include "bridge/server_checks.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <mysqld_error.h>

#include "base/buf.h"
#include "base/error.h"
#include "mysql/server_conn.h"
#include "mysql/xa.h"

/* One row, one column: copy the first value of sql's result into out. */
static int query_value(MYSQL *m, const char *where, const char *sql, char *out, size_t size,
                       bool *is_null, struct bb_error *err)
{
    MYSQL_RES *res = NULL;
    int rc = server_conn_query(m, where, NULL, sql, &res, err);
    if (rc < 0)
        return rc;
    MYSQL_ROW row = res ? mysql_fetch_row(res) : NULL;
    if (is_null)
        *is_null = !row || !row[0];
    snprintf(out, size, "%s", row && row[0] ? row[0] : "");
    if (res)
        mysql_free_result(res);
    return 0;
}

/* SHOW BINARY LOG STATUS (MySQL 8.2+) or SHOW MASTER STATUS: file, position. */
static int current_position(MYSQL *m, const char *where, struct server_facts *f,
                            struct bb_error *err)
{
    MYSQL_RES *res = NULL;
    struct bb_error first = { 0 };
    int rc = -1;
    if (!f->mariadb)
        rc = server_conn_query(m, where, NULL, "SHOW BINARY LOG STATUS", &res, &first);
    if (rc < 0)
        rc = server_conn_query(m, where, NULL, "SHOW MASTER STATUS", &res, err);
    if (rc < 0)
        return rc;
    MYSQL_ROW row = res ? mysql_fetch_row(res) : NULL;
    if (!row || !row[0] || !row[1]) {
        if (res)
            mysql_free_result(res);
        return bb_error_set(err, BB_ERR_USAGE, "server %s: binary logging is off (SHOW MASTER "
                            "STATUS is empty): set log_bin in the server's configuration and "
                            "restart it", where);
    }
    snprintf(f->current_file, sizeof f->current_file, "%s", row[0]);
    f->current_pos = strtoull(row[1], NULL, 10);
    mysql_free_result(res);
    return 0;
}

/* The GTID position at the current position (current_position first):
 * MariaDB says it exactly (BINLOG_GTID_POS); MySQL's executed set is read
 * on both sides of the position until it holds still, so that no
 * transaction is in the one and not the other. Then what the server
 * logged and purged, for resuming by GTID. */
static int gtid_position(MYSQL *m, const char *where, struct server_facts *f, struct bb_error *err)
{
    bool is_null = false;
    int rc;
    if (f->mariadb) {
        f->gtid_on = true;
        struct bb_buf q;
        bb_buf_init(&q);
        bb_buf_puts(&q, "SELECT BINLOG_GTID_POS(");
        server_quote_literal(m, &q, f->current_file);
        bb_buf_printf(&q, ", %llu)", (unsigned long long)f->current_pos);
        rc = bb_buf_check(&q, err);
        if (rc == 0)
            rc = query_value(m, where, q.data, f->gtid_current, sizeof f->gtid_current, &is_null,
                             err);
        bb_buf_destroy(&q);
        /* NULL: the position moved on to a new file meanwhile; the
         * server's own word, a little later, errs on the side of less */
        if (rc == 0 && is_null)
            rc = query_value(m, where, "SELECT @@global.gtid_binlog_pos", f->gtid_current,
                             sizeof f->gtid_current, NULL, err);
        if (rc == 0)
            rc = query_value(m, where, "SELECT @@global.gtid_binlog_state", f->gtid_state,
                             sizeof f->gtid_state, NULL, err);
        char strict[16] = "";
        if (rc == 0)
            rc = query_value(m, where, "SELECT @@global.gtid_strict_mode", strict, sizeof strict,
                             NULL, err);
        f->gtid_strict = strcmp(strict, "1") == 0;
        return rc;
    }
    char mode[32] = "";
    struct bb_error e = { 0 };
    /* servers before 5.6 have no gtid_mode: no GTIDs */
    f->gtid_on = query_value(m, where, "SELECT @@global.gtid_mode", mode, sizeof mode, NULL,
                             &e) == 0 && strcasecmp(mode, "ON") == 0;
    if (!f->gtid_on) {
        f->gtid_current[0] = '\0';
        return 0;
    }
    char *before = malloc(CHECKPOINT_GTID_MAX);
    if (!before)
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    rc = 0;
    for (int tries = 0; rc == 0 && tries < 20; tries++) {
        rc = query_value(m, where, "SELECT @@global.gtid_executed", before, CHECKPOINT_GTID_MAX,
                         NULL, err);
        if (rc == 0)
            rc = current_position(m, where, f, err);
        if (rc == 0)
            rc = query_value(m, where, "SELECT @@global.gtid_executed", f->gtid_current,
                             sizeof f->gtid_current, NULL, err);
        if (rc == 0 && strcmp(before, f->gtid_current) == 0)
            break;
    }
    free(before);
    snprintf(f->gtid_state, sizeof f->gtid_state, "%s", f->gtid_current);
    if (rc == 0)
        rc = query_value(m, where, "SELECT @@global.gtid_purged", f->gtid_purged,
                         sizeof f->gtid_purged, NULL, err);
    return rc;
}

/* XA RECOVER: formatID, gtrid_length, bqual_length, data (gtrid then
 * bqual, raw bytes). The canonical xids, space-separated, into out; an
 * xid that does not fit is left out (the list only serves warnings). */
static int prepared_xa(MYSQL *m, const char *where, char *out, size_t size,
                       struct bb_error *err)
{
    MYSQL_RES *res = NULL;
    out[0] = '\0';
    int rc = server_conn_query(m, where, NULL, "XA RECOVER", &res, err);
    if (rc < 0)
        return rc;
    size_t used = 0;
    MYSQL_ROW row;
    while (res && (row = mysql_fetch_row(res))) {
        unsigned long *lens = mysql_fetch_lengths(res);
        if (!row[0] || !row[1] || !row[2] || !row[3] || !lens)
            continue;
        unsigned long gl = strtoul(row[1], NULL, 10), bl = strtoul(row[2], NULL, 10);
        if (gl + bl != lens[3])
            continue;
        struct bb_bytes gtrid = { (const uint8_t *)row[3], (size_t)gl };
        struct bb_bytes bqual = { (const uint8_t *)row[3] + gl, (size_t)bl };
        char xid[XA_ID_TEXT_MAX];
        if (xa_id_text((int32_t)strtol(row[0], NULL, 10), &gtrid, &bqual, xid) < 0)
            continue;
        size_t n = strlen(xid);
        if (used + (used ? 1 : 0) + n + 1 > size)
            continue;
        if (used)
            out[used++] = ' ';
        memcpy(out + used, xid, n + 1);
        used += n;
    }
    if (res)
        mysql_free_result(res);
    return 0;
}

/* A connection for the checks, f cleared and told which server it is. */
static int open_server(const struct bb_server_options *srv, struct server_facts *f, MYSQL **m,
                       char *where, size_t size, struct bb_error *err)
{
    memset(f, 0, sizeof *f);
    server_conn_describe(srv, where, size);
    int rc = server_conn_open(m, srv, 30, 1 << 24, err);
    if (rc == 0) {
        f->mariadb = server_conn_is_mariadb(*m);
        const char *cipher = server_conn_cipher(*m);
        snprintf(f->tls_cipher, sizeof f->tls_cipher, "%s", cipher ? cipher : "");
    }
    return rc;
}

int server_prepared_xa(const struct bb_server_options *srv, char *out, size_t size,
                       struct bb_error *err)
{
    MYSQL *m;
    char where[300];
    struct server_facts f;
    int rc = open_server(srv, &f, &m, where, sizeof where, err);
    if (rc < 0)
        return rc;
    rc = prepared_xa(m, where, out, size, err);
    mysql_close(m);
    return rc;
}

int server_gtid_at(const struct bb_server_options *srv, const char *file, uint64_t pos,
                   char *out, size_t size, struct bb_error *err)
{
    MYSQL *m;
    char where[300];
    struct server_facts f;
    int rc = open_server(srv, &f, &m, where, sizeof where, err);
    if (rc < 0)
        return rc;
    struct bb_buf q;
    bb_buf_init(&q);
    bb_buf_puts(&q, "SELECT BINLOG_GTID_POS(");
    server_quote_literal(m, &q, file);
    bb_buf_printf(&q, ", %llu)", (unsigned long long)pos);
    rc = bb_buf_check(&q, err);
    bool is_null = false;
    if (rc == 0)
        rc = query_value(m, where, q.data, out, size, &is_null, err);
    if (rc == 0 && is_null)
        rc = bb_error_set(err, BB_ERR_SERVER, "server %s: no GTID position at %s:%llu", where,
                          file, (unsigned long long)pos);
    bb_buf_destroy(&q);
    mysql_close(m);
    return rc;
}

int server_current_position(const struct bb_server_options *srv, struct server_facts *f,
                            struct bb_error *err)
{
    MYSQL *m;
    char where[300];
    int rc = open_server(srv, f, &m, where, sizeof where, err);
    if (rc < 0)
        return rc;
    rc = current_position(m, where, f, err);
    if (rc == 0)
        rc = gtid_position(m, where, f, err);
    mysql_close(m);
    return rc;
}

/* Is file among SHOW BINARY LOGS? */
static int binlog_exists(MYSQL *m, const char *where, const char *file, bool *found,
                         char *first, size_t first_size, struct bb_error *err)
{
    MYSQL_RES *res = NULL;
    int rc = server_conn_query(m, where, NULL, "SHOW BINARY LOGS", &res, err);
    if (rc < 0)
        return rc;
    *found = false;
    first[0] = '\0';
    MYSQL_ROW row;
    while (res && (row = mysql_fetch_row(res))) {
        if (!row[0])
            continue;
        if (!first[0])
            snprintf(first, first_size, "%s", row[0]);
        if (strcmp(row[0], file) == 0)
            *found = true;
    }
    if (res)
        mysql_free_result(res);
    return 0;
}

int server_checks_position(const struct bb_server_options *srv, const struct checkpoint *resume,
                           const struct server_facts *f, struct bb_error *err)
{
    if (!f->resume_file_missing)
        return 0;
    char where[300];
    server_conn_describe(srv, where, sizeof where);
    return bb_error_set(err, BB_ERR_SERVER,
                        "server %s: the saved position %s:%llu is no longer on the server "
                        "(its binlogs now start at %s): the changes since then are lost to "
                        "the binlog; resynchronise the target and delete the checkpoint to "
                        "start again", where, resume->file, (unsigned long long)resume->pos,
                        f->first_file[0] ? f->first_file : "?");
}

int server_checks_run(const struct bb_server_options *srv, const struct checkpoint *resume,
                      struct server_facts *f, struct bb_error *err)
{
    MYSQL *m;
    char where[300], value[256];
    bool is_null;
    int rc = open_server(srv, f, &m, where, sizeof where, err);
    if (rc < 0)
        return rc;
    snprintf(f->version, sizeof f->version, "%s", mysql_get_server_info(m));

    rc = query_value(m, where, "SELECT @@global.log_bin", value, sizeof value, &is_null, err);
    if (rc == 0 && strcmp(value, "1") != 0 && strcasecmp(value, "ON") != 0)
        rc = bb_error_set(err, BB_ERR_USAGE, "server %s: binary logging is off (log_bin=%s): set "
                          "log_bin (and server_id) in the server's configuration and restart it",
                          where, value);
    if (rc == 0)
        rc = query_value(m, where, "SELECT @@global.binlog_format", value, sizeof value, NULL, err);
    if (rc == 0 && strcasecmp(value, "ROW") != 0)
        rc = bb_error_set(err, BB_ERR_USAGE, "server %s: binlog_format is %s; binbridge needs "
                          "ROW: SET GLOBAL binlog_format = 'ROW' and set it in the server's "
                          "configuration (sessions already open keep their format until they "
                          "reconnect)", where, value);
    if (rc == 0)
        rc = query_value(m, where, "SELECT @@global.binlog_row_image", f->row_image,
                         sizeof f->row_image, NULL, err);
    if (rc == 0)
        f->row_image_full = strcasecmp(f->row_image, "FULL") == 0 ||
                            strcasecmp(f->row_image, "FULL_NODUP") == 0;
    if (rc == 0)
        rc = query_value(m, where, "SELECT @@global.server_id", value, sizeof value, NULL, err);
    if (rc == 0)
        f->server_id = (uint32_t)strtoul(value, NULL, 10);
    if (rc == 0) {
        /* Before the position: an XA transaction prepared before it and
         * committed after it is on the list (one committed in between
         * too, which does no harm: its commit is never read). */
        struct bb_error xe = { 0 };
        f->xa_prepared_known = prepared_xa(m, where, f->xa_prepared, sizeof f->xa_prepared,
                                           &xe) == 0;
        if (!f->xa_prepared_known)
            snprintf(f->xa_prepared_why, sizeof f->xa_prepared_why, "%s", xe.msg);
    }
    if (rc == 0) {
        /* Needs REPLICATION CLIENT (MariaDB: BINLOG MONITOR). */
        struct bb_error perm = { 0 };
        if (current_position(m, where, f, &perm) < 0) {
            if (perm.server_errno == ER_SPECIFIC_ACCESS_DENIED_ERROR ||
                perm.server_errno == ER_ACCESS_DENIED_ERROR)
                rc = bb_error_set_server(err, BB_ERR_SERVER, perm.server_errno, "%s; grant the "
                                         "replication user REPLICATION SLAVE and REPLICATION "
                                         "CLIENT (MariaDB: BINLOG MONITOR)", perm.msg);
            else
                rc = bb_error_copy(err, &perm);
        }
    }
    if (rc == 0)
        rc = gtid_position(m, where, f, err);
    if (rc == 0) {
        bool found = false;
        rc = binlog_exists(m, where, resume ? resume->file : "", &found, f->first_file,
                           sizeof f->first_file, err);
        f->resume_file_missing = resume && !found;
    }
    if (rc == 0 && f->mariadb && f->first_file[0]) {
        /* where the oldest binlog starts: what is before it is gone */
        struct bb_buf q;
        bb_buf_init(&q);
        bb_buf_puts(&q, "SELECT BINLOG_GTID_POS(");
        server_quote_literal(m, &q, f->first_file);
        bb_buf_puts(&q, ", 4)");
        rc = bb_buf_check(&q, err);
        if (rc == 0)
            rc = query_value(m, where, q.data, f->gtid_purged, sizeof f->gtid_purged, NULL, err);
        bb_buf_destroy(&q);
    }
    mysql_close(m);
    return rc;
}
