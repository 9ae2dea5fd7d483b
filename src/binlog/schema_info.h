/* schema_info.h - column details from information_schema, for servers that
 * do not send them in TABLE_MAP (binlog_row_metadata=MINIMAL, MySQL < 8.0.14,
 * MariaDB < 10.5): names, signedness, character sets, ENUM/SET labels,
 * MariaDB's JSON columns, fractional digits and the primary key, as the
 * describer (describer.h) gives them. Answers are cached per table and
 * forgotten when a DDL statement may have changed the table. */
#ifndef BB_SCHEMA_INFO_H
#define BB_SCHEMA_INFO_H

#include "binbridge.h"
#include "binlog/table_cache.h"

struct schema_info;

/* Open a second connection to the server for schema queries. */
int schema_info_open(struct schema_info **out, const struct bb_server_options *srv,
                     struct bb_error *err);
void schema_info_close(struct schema_info *si);

/* Fill what the TABLE_MAP of t lacks from the server's current schema, when
 * the schema still matches the event (same column count, with or without
 * the hidden columns of long UNIQUE keys; compatible types); otherwise, and
 * for a table the server does not have or that cannot be described, leave
 * t as it is. Strings go to t's own arena. Returns 0, or a negative error
 * when the server cannot be queried (BB_ERR_IO, or BB_ERR_SERVER with the
 * server's error number). */
int schema_info_fill(struct schema_info *si, struct cached_table *t, struct bb_error *err);

/* A QUERY event was seen: forget cached tables it may have altered (any DDL
 * forgets the tables it names, or everything when unsure). server_version:
 * that of the server that wrote it (its FORMAT_DESCRIPTION_EVENT's). */
void schema_info_note_query(struct schema_info *si, const struct bb_ev_query *q,
                            const char *server_version);

#endif
