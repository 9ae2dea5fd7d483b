/* xa.h - XA (two-phase) transaction ids as the binlog names them.
 *
 * An xid is a format id and two byte strings, gtrid and bqual, of up to 64
 * bytes each. MySQL and MariaDB write it in the XA statements they log as
 *     XA COMMIT X'<gtrid in hex>',X'<bqual in hex>',<format id>
 * and in binary in XA_PREPARE_LOG_EVENT and MariaDB's GTID_EVENT. binbridge
 * keeps an xid as that text with upper-case hex digits (its canonical
 * text), so that the two spellings of one xid compare equal as strings. */
#ifndef BB_XA_H
#define BB_XA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "binbridge.h"

#define XA_PART_MAX 64      /* bytes of a gtrid or a bqual (MAXGTRIDSIZE, MAXBQUALSIZE) */
/* X'' twice with 128 hex digits each, two commas, a 10-digit format id, NUL */
#define XA_ID_TEXT_MAX (2 * (3 + 2 * XA_PART_MAX) + 2 + 10 + 1)

enum xa_verb {
    XA_VERB_NONE = 0,       /* not an XA statement binbridge acts on */
    XA_VERB_START,          /* XA START / XA BEGIN (MySQL logs it; MariaDB does not) */
    XA_VERB_END,            /* XA END: the transaction goes on to its XA_PREPARE event */
    XA_VERB_COMMIT,         /* XA COMMIT of a prepared transaction (a transaction of its own) */
    XA_VERB_ROLLBACK,       /* XA ROLLBACK of a prepared transaction (likewise) */
};

/* The verb and the xid of an XA statement (a QUERY event's text):
 * "XA START|BEGIN|END|COMMIT|ROLLBACK X'..',X'..',n" as the server logs
 * them, keywords in any case. Any other statement, and an XA statement
 * with anything after its xid (XA COMMIT ... ONE PHASE, which servers log
 * otherwise), is XA_VERB_NONE. xid receives the canonical text. */
enum xa_verb xa_statement(const struct bb_bytes *query, char xid[XA_ID_TEXT_MAX]);

/* The canonical text of the xid (format_id, gtrid, bqual) of an
 * XA_PREPARE_LOG_EVENT or a MariaDB GTID_EVENT. Returns 0, or -1 when a
 * part is longer than XA_PART_MAX bytes. */
int xa_id_text(int32_t format_id, const struct bb_bytes *gtrid, const struct bb_bytes *bqual,
               char xid[XA_ID_TEXT_MAX]);

/* Is s[0..n) an xid in canonical text? */
bool xa_id_valid(const char *s, size_t n);

#endif
