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
    char gtid_current[CHECKPOINT_GTID_MAX];  /* @@gtid_binlog_pos / @@gtid_executed */
    /* XA transactions prepared on the server when the checks ran (read
     * just before the current position): canonical xids (xa.h), separated
     * by spaces. xa_prepared_known is false when XA RECOVER was refused
     * (the reason in xa_prepared_why). */
    char xa_prepared[CHECKPOINT_XA_MAX];
    bool xa_prepared_known;
    char xa_prepared_why[BB_ERROR_MSG_MAX];
};

/* Connect and check: log_bin is on, binlog_format is ROW, the user may read
 * the binlog (REPLICATION SLAVE and REPLICATION CLIENT / BINLOG MONITOR),
 * and, when resume is not NULL, that resume->file is still on the server.
 * Fills facts. Each failure is one line that names the setting and says
 * what to change (BB_ERR_USAGE for server configuration, BB_ERR_SERVER for
 * a purged position or missing privilege, BB_ERR_IO when unreachable). */
int server_checks_run(const struct bb_server_options *srv, const struct checkpoint *resume,
                      struct server_facts *facts, struct bb_error *err);

/* The XA transactions prepared on the server now (XA RECOVER), as for
 * facts->xa_prepared: 0, or a negative error (refused, unreachable). */
int server_prepared_xa(const struct bb_server_options *srv, char *out, size_t size,
                       struct bb_error *err);

/* Just the server's current end of binlog and GTID position (for status
 * and lag), on a short connection. */
int server_current_position(const struct bb_server_options *srv, struct server_facts *facts,
                            struct bb_error *err);

#endif
