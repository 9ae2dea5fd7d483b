/* checkpoint.h - the replication position a sink saves in the same atomic
 * step as the changes it covers.
 *
 * A checkpoint names where reading resumes: the binlog file and offset of
 * the first transaction not yet fully applied, and how many of that
 * transaction's row changes are already applied (non-zero only while a
 * transaction too large for one batch is being applied in chunks). It
 * also keeps the GTID position after the last applied transaction (what a
 * resume by GTID starts from, on this server or another one after a
 * failover) and its commit time, and the XA transactions prepared
 * before the position and not yet committed or rolled back (their rows
 * are applied at their XA COMMIT, read again from where they start). */
#ifndef BB_CHECKPOINT_H
#define BB_CHECKPOINT_H

#include <stdbool.h>
#include <stdint.h>

#include "binbridge.h"

#define CHECKPOINT_FILE_MAX 512
#define CHECKPOINT_GTID_MAX 4096
/* One GTID: "uuid:tag:n" with a 32-character tag and a 19-digit number. */
#define CHECKPOINT_TXN_GTID_MAX 128
/* The list of pending XA transactions is a field like the others: at most
 * CHECKPOINT_GTID_MAX bytes, the size of a field's value in the sinks. */
#define CHECKPOINT_XA_MAX CHECKPOINT_GTID_MAX

struct checkpoint {
    char file[CHECKPOINT_FILE_MAX];  /* binlog file of the next transaction */
    uint64_t pos;                    /* its byte offset (>= 4) */
    uint64_t rows_done;              /* its row changes already applied */
    char gtid[CHECKPOINT_GTID_MAX];  /* GTID position after the last applied
                                        transaction: MariaDB "0-1-42,1-2-7" (one
                                        per domain), MySQL the executed set
                                        "uuid:1-42:50-60,uuid2:tag:1-3" (gaps kept);
                                        "" when the source has no GTIDs */
    bool gtid_full;                  /* gtid is a whole position (format 2). A record
                                        of an older binbridge (no format field) held
                                        for MySQL only the last GTID "uuid:n" */
    char txn_gtid[CHECKPOINT_TXN_GTID_MAX]; /* with rows_done: the GTID of that
                                        transaction, so that a resume by GTID (which
                                        sends it again from its start) skips the rows
                                        applied; "" otherwise */
    uint32_t commit_time;            /* binlog timestamp of that transaction */
    uint64_t server_id;              /* the source server's server_id */
    bool loading;                    /* an initial load (start = snapshot) wrote part of
                                        the rows: a restart loads again */
    char xa_pending[CHECKPOINT_XA_MAX]; /* XA transactions prepared before this position
                                        and not yet committed or rolled back, in the
                                        order prepared, separated by one space:
                                        "XID@FILE:POS@SERVER" (XID in canonical text, xa.h;
                                        FILE:POS where its events start, in the binlog of
                                        the server whose server_id is SERVER: after a
                                        switch, not the one file and pos are of) or "XID"
                                        alone when it has no rows of a mirrored table;
                                        "" when none. Format 2 and older records wrote
                                        "XID@FILE:POS": read, the entry gets server_id,
                                        whose server its position is of */
};

/* Order of two positions in the same server's binlog: file names compare
 * by their numeric suffix (mysql-bin.000009 < mysql-bin.000010), then
 * offsets, then rows_done. Returns <0, 0, >0. */
int checkpoint_compare(const struct checkpoint *a, const struct checkpoint *b);

/* Text form "file:pos[+rows]" for messages. */
const char *checkpoint_position_text(const struct checkpoint *cp, char *buf, size_t size);

/* Key/value pairs, for sinks that store the checkpoint as a record:
 * file, pos, rows_done, gtid, commit_time, server_id, state ("loading" or
 * "streaming"), xa_pending, txn_gtid, format ("3"), all as text. A record
 * without xa_pending (saved before there was one) has no pending XA
 * transaction; one without format was saved by an older binbridge (its
 * gtid_full is false), without txn_gtid has none. Format 3 added the
 * server to the xa_pending entries (an older binbridge refuses them as
 * invalid rather than read them as positions of the wrong server); format
 * 2 records are read as format 3 ones whose entries are of server_id. */
#define CHECKPOINT_NFIELDS 10
#define CHECKPOINT_FORMAT "3"
extern const char *const checkpoint_field_names[CHECKPOINT_NFIELDS];
void checkpoint_field_values(const struct checkpoint *cp,
                             char values[CHECKPOINT_NFIELDS][CHECKPOINT_GTID_MAX]);
/* Parse a stored record; names/values are the pairs read back (any order,
 * unknown names ignored). Returns 0 or BB_ERR_CORRUPT naming the field. */
int checkpoint_from_fields(struct checkpoint *cp, const char *const *names,
                           const char *const *values, const size_t *lens, size_t n,
                           struct bb_error *err);

/* Pending XA transactions (cp->xa_pending). */

/* Walk the list: *cursor starts at cp->xa_pending. Returns true with the
 * next entry's xid, file, pos and the server_id of the server whose
 * binlog file is (file "", pos 0 and server 0 when it has no rows to
 * apply; server 0 too when the server is not known: a format 2 record
 * with no server_id, or one whose list had no room for the servers),
 * false at the end. The list must be valid (checkpoint_from_fields
 * refuses one that is not; the other functions write only valid ones). */
bool checkpoint_xa_next(const char **cursor, char *xid, size_t xid_size, char *file,
                        size_t file_size, uint64_t *pos, uint64_t *server);
/* Is xid listed? Returns true with its file, pos and server (as above). */
bool checkpoint_xa_find(const struct checkpoint *cp, const char *xid, char *file,
                        size_t file_size, uint64_t *pos, uint64_t *server);
/* Would an entry for xid with file (and any pos and server) fit in the
 * list? False too for a file name the list cannot hold (with a space in
 * it). */
bool checkpoint_xa_fits(const struct checkpoint *cp, const char *xid, const char *file);
/* Append xid, prepared at file:pos of the server whose server_id is server
 * (file NULL: no rows to apply; server 0: not known). Returns 0, or -1
 * when it does not fit (see checkpoint_xa_fits). */
int checkpoint_xa_add(struct checkpoint *cp, const char *xid, const char *file, uint64_t pos,
                      uint64_t server);
/* Remove xid; returns whether it was listed. */
bool checkpoint_xa_remove(struct checkpoint *cp, const char *xid);

/* MariaDB GTID positions: fold one GTID into a "domain-server-seq,..."
 * list, replacing that domain's entry. */
int checkpoint_note_mariadb_gtid(struct checkpoint *cp, uint32_t domain, uint32_t server,
                                 uint64_t seq, struct bb_error *err);

#endif
