/* gtid_resume.h - resuming by GTID: the executed set a MySQL checkpoint
 * keeps, whether a server can serve a checkpoint's GTID position, and the
 * order of two checkpoints by their GTIDs (positions of two servers do
 * not compare). */
#ifndef BB_GTID_RESUME_H
#define BB_GTID_RESUME_H

#include <stdbool.h>
#include <stdint.h>

#include "binbridge.h"
#include "base/buf.h"
#include "base/error.h"
#include "mapping/checkpoint.h"
#include "mysql/gtid.h"

/* MySQL: fold an event into the executed set: a PREVIOUS_GTIDS event's
 * sets, a GTID_LOG or GTID_TAGGED event's GTID; other events change
 * nothing. Returns 0 or a negative code (BB_ERR_CORRUPT: a GTID no
 * server writes). */
int gtid_executed_note(struct gtid_set *set, const struct bb_event *ev);

/* MySQL: the executed set at file:pos (file NULL: the stream's files
 * alike), read from a stream that starts at the beginning of that file:
 * its PREVIOUS_GTIDS and every GTID before pos, added to set. The stream
 * is read up to the first event at or after pos. */
int gtid_executed_until(struct bb_stream *s, const char *file, uint64_t pos,
                        struct gtid_set *set, struct bb_error *err);

/* What a server can do for a checkpoint's GTID position (cp_gtid):
 * server_state is MariaDB's @@gtid_binlog_state or MySQL's
 * @@gtid_executed; server_purged MariaDB's GTID position at the start of
 * its oldest binlog (BINLOG_GTID_POS) or MySQL's @@gtid_purged. */
enum gtid_serve {
    GTID_SERVE_OK,        /* it has every GTID of the checkpoint and what follows them */
    GTID_SERVE_BEHIND,    /* it lacks GTIDs the checkpoint holds (named in *what) */
    GTID_SERVE_PURGED,    /* it purged transactions the checkpoint lacks (named in *what) */
};
int gtid_can_serve(bool mariadb, const char *cp_gtid, const char *server_state,
                   const char *server_purged, enum gtid_serve *verdict, struct bb_buf *what,
                   struct bb_error *err);

/* Order of two checkpoints by their GTID positions (same kind of server):
 * <0 when a is before b (every GTID of a in b, and b holds more, or the
 * same GTIDs and fewer rows of the same transaction in progress), 0 when
 * equal, >0 otherwise (after, or apart: neither holds the other). */
int gtid_checkpoint_compare(bool mariadb, const struct checkpoint *a, const struct checkpoint *b);

/* Does checkpoint cp hold the transaction of GTID text g (MariaDB
 * "d-s-n", MySQL "uuid[:tag]:n")? False when either cannot be read. */
bool gtid_checkpoint_holds(bool mariadb, const struct checkpoint *cp, const char *g);

#endif
