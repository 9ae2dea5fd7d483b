/* format_event.h - events as text (python-mysql-replication's dump()
 * layout) and as JSON lines, for `binbridge dump` and the stdout sink. */
#ifndef BB_FORMAT_EVENT_H
#define BB_FORMAT_EVENT_H

#include "binbridge.h"
#include "base/buf.h"

/* Append the event in the dump() layout:
 *   === WriteRowsEvent ===
 *   Date: 2012-09-29T13:19:35
 *   Log position: 1234
 *   Event size: 56
 *   Table: test.test4
 *   ...
 *   (blank line) */
int format_event_text(const struct bb_event *ev, struct bb_buf *out, struct bb_error *err);

/* Append the event as one JSON object and a newline. */
int format_event_json(const struct bb_event *ev, struct bb_buf *out, struct bb_error *err);

/* Name of column i for output: its name, or "UNKNOWN_COL<i>" when the
 * server sent no names (python-mysql-replication's placeholder). */
void format_column_name(const struct bb_table *t, uint32_t i, struct bb_buf *out);

/* GTID forms: "3e11fa47-71ca-11e1-9e33-c80aa9429562:23" (with ":tag"
 * before the number when tagged), MariaDB "0-1-42", and GTID sets as MySQL
 * prints them ("uuid:1-5:7,uuid2:tag:1-2"). */
void format_uuid(const uint8_t sid[16], struct bb_buf *out);
void format_gtid(const struct bb_ev_gtid *g, struct bb_buf *out);
void format_gtid_set(const struct bb_ev_previous_gtids *set, struct bb_buf *out);

#endif
