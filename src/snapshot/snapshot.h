/* snapshot.h - a consistent read of whole tables and the binlog position
 * it corresponds to: the initial load of a bridge (no checkpoint yet), and
 * the reload of a table whose columns an ALTER TABLE changed (the rows the
 * binlog will not rewrite still need their new shape).
 *
 * Rows come out as the binlog decoder's values (struct bb_value of the same
 * kinds, with a struct bb_table describing the columns as a TABLE_MAP with
 * full metadata would), so every sink renders them exactly as it renders
 * row events: a snapshot row and the WRITE_ROWS of the same row give the
 * same text and JSON. */
#ifndef BB_SNAPSHOT_H
#define BB_SNAPSHOT_H

#include <stddef.h>
#include <stdint.h>

#include "binbridge.h"

struct snapshot;

/* Connect and start a consistent snapshot (REPEATABLE READ, START
 * TRANSACTION WITH CONSISTENT SNAPSHOT) and read the binlog position it
 * corresponds to into file / *pos: on MariaDB the binlog_snapshot_file and
 * binlog_snapshot_position status variables of that transaction; on MySQL
 * a brief FLUSH TABLES WITH READ LOCK (or LOCK INSTANCE FOR BACKUP) around
 * the start, which needs the RELOAD (or BACKUP_ADMIN) privilege — the error
 * says so. Reading from the position onwards gives exactly the changes not
 * in the snapshot. */
int snapshot_open(struct snapshot **out, const struct bb_server_options *srv, char *file,
                  size_t file_size, uint64_t *pos, struct bb_error *err);

/* Call fn for every base table of the server outside the system schemas
 * (mysql, sys, information_schema, performance_schema), in schema, table
 * order; fn returns 0 to go on or a negative error to stop. */
int snapshot_list_tables(struct snapshot *s,
                         int (*fn)(void *ctx, const char *schema, const char *table),
                         void *ctx, struct bb_error *err);

/* The server's estimate of schema.table's rows (information_schema's
 * TABLE_ROWS; 0 when it has none). Ends the table being read, as
 * snapshot_table_begin does. */
int snapshot_table_estimate(struct snapshot *s, const char *schema, const char *table,
                            uint64_t *rows, struct bb_error *err);

/* Start reading schema.table: *table describes it (names, binlog types,
 * signedness, charsets, fractional digits, ENUM/SET labels, primary key;
 * valid until the next snapshot_table_begin or snapshot_close). */
int snapshot_table_begin(struct snapshot *s, const char *schema, const char *table,
                         const struct bb_table **out, struct bb_error *err);

/* The next row: 1 with *row set to table->ncols values (valid until the
 * next call), 0 after the last row, or a negative error. */
int snapshot_table_next(struct snapshot *s, const struct bb_value **row, struct bb_error *err);

/* End the snapshot transaction and close the connection. NULL is a no-op. */
void snapshot_close(struct snapshot *s);

#endif
