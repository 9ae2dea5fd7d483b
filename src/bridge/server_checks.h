/* server_checks.h - what `binbridge run` verifies on the source server
 * before streaming, so a misconfigured server is reported with exactly what
 * to change instead of as a confusing failure later. */
#ifndef BB_SERVER_CHECKS_H
#define BB_SERVER_CHECKS_H

#include <stdbool.h>
#include <stdint.h>

#include "binbridge.h"
#include "mapping/checkpoint.h"

struct server_facts {
    bool mariadb;
    char version[64];
    char tls_cipher[64];          /* the connection's TLS cipher; "" in plaintext */
    uint32_t server_id;           /* @@server_id */
    bool row_image_full;          /* binlog_row_image = FULL (else partial images) */
    char row_image[16];
    char current_file[CHECKPOINT_FILE_MAX];  /* the end of the binlog now */
    uint64_t current_pos;
    char gtid_current[CHECKPOINT_GTID_MAX];  /* the GTID position at current_file:pos:
                                                MariaDB's, MySQL's executed set */
    bool gtid_on;                 /* the server has GTIDs (MariaDB; MySQL gtid_mode=ON) */
    char gtid_state[CHECKPOINT_GTID_MAX];    /* what it logged: MariaDB @@gtid_binlog_state,
                                                MySQL @@gtid_executed */
    char gtid_purged[CHECKPOINT_GTID_MAX];   /* what it no longer has: MariaDB the GTID
                                                position where its oldest binlog starts,
                                                MySQL @@gtid_purged */
    bool gtid_strict;             /* MariaDB @@gtid_strict_mode */
    /* resume->file (when checked) is not among the server's binlogs, which
     * now start at first_file */
    bool resume_file_missing;
    char first_file[CHECKPOINT_FILE_MAX];
    /* XA transactions prepared on the server when the checks ran (read
     * just before the current position): canonical xids (xa.h), separated
     * by spaces. xa_prepared_known is false when XA RECOVER was refused
     * (the reason in xa_prepared_why). */
    char xa_prepared[CHECKPOINT_XA_MAX];
    bool xa_prepared_known;
    char xa_prepared_why[BB_ERROR_MSG_MAX];
};

/* Connect and check: log_bin is on, binlog_format is ROW, the user may read
 * the binlog (REPLICATION SLAVE and REPLICATION CLIENT / BINLOG MONITOR).
 * Fills facts, with, when resume is not NULL, whether resume->file is still
 * on the server (a resume by position needs it: server_checks_position). Each failure is one line that names the setting and says
 * what to change (BB_ERR_USAGE for server configuration, BB_ERR_SERVER for
 * a purged position or missing privilege, BB_ERR_IO when unreachable). */
int server_checks_run(const struct bb_server_options *srv, const struct checkpoint *resume,
                      struct server_facts *facts, struct bb_error *err);

/* For a resume by position: the error naming resume's purged file (when
 * facts say it is gone; else 0). */
int server_checks_position(const struct bb_server_options *srv, const struct checkpoint *resume,
                           const struct server_facts *facts, struct bb_error *err);

/* MariaDB: the GTID position at file:pos (BINLOG_GTID_POS), into out. */
int server_gtid_at(const struct bb_server_options *srv, const char *file, uint64_t pos,
                   char *out, size_t size, struct bb_error *err);

/* The XA transactions prepared on the server now (XA RECOVER), as for
 * facts->xa_prepared: 0, or a negative error (refused, unreachable). */
int server_prepared_xa(const struct bb_server_options *srv, char *out, size_t size,
                       struct bb_error *err);

/* Just the server's current end of binlog and GTID position (for status
 * and lag), on a short connection. */
int server_current_position(const struct bb_server_options *srv, struct server_facts *facts,
                            struct bb_error *err);

#endif
