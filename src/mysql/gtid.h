/* gtid.h - GTID positions of both servers, as values a program can
 * compare: where a replica stands, what a sink holds, what a server can
 * serve.
 *
 * MySQL: a GTID set, "uuid[:tag]:N[-M][:N[-M]...][,uuid...]" (tags,
 * MySQL 8.3+, apply to the intervals after them), held as per (uuid, tag)
 * sorted, disjoint, non-touching intervals [start, end): what
 * @@gtid_executed says and what COM_BINLOG_DUMP_GTID carries. A gap is
 * kept as a gap: 1-5:7-9 never becomes 1-9.
 *
 * MariaDB: a GTID position, "domain-server-seq[,...]", the last GTID of
 * each replication domain (what @@gtid_binlog_pos says and
 * @slave_connect_state takes). Sequence numbers grow within a domain
 * whatever server wrote them, so a transaction d-s-n is in a position
 * when the position's domain d has a sequence number >= n. A binlog state
 * (@@gtid_binlog_state) is the same text with one entry per domain and
 * server id. */
#ifndef BB_MYSQL_GTID_H
#define BB_MYSQL_GTID_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "binbridge.h"
#include "base/buf.h"
#include "base/error.h"

#define GTID_TAG_MAX 32

/* One (uuid, tag) of a set and its intervals. */
struct gtid_sid {
    uint8_t uuid[16];
    char tag[GTID_TAG_MAX + 1];      /* lower case; "" untagged */
    size_t taglen;
    struct bb_gtid_interval *iv;     /* sorted, disjoint, not touching */
    size_t niv, cap;
};

/* A MySQL GTID set; its sids sorted by uuid, then tag. Zero it (or
 * gtid_set_init) to start empty; gtid_set_destroy frees it. */
struct gtid_set {
    struct gtid_sid *sids;
    size_t n, cap;
};

void gtid_set_init(struct gtid_set *s);
void gtid_set_destroy(struct gtid_set *s);
void gtid_set_clear(struct gtid_set *s);

/* Add the GTIDs of text (the syntax above; spaces and newlines around
 * items allowed, an empty text is the empty set) to s. BB_ERR_USAGE with
 * the offset of what is wrong; s is then unchanged... except for the items
 * before it, so parse into an empty set. */
int gtid_set_parse(struct gtid_set *s, const char *text, struct bb_error *err);

/* Add [start, end) of uuid:tag (tag lower-cased, taglen <= GTID_TAG_MAX;
 * 1 <= start < end). Returns 0 or BB_ERR_NOMEM. */
int gtid_set_add_interval(struct gtid_set *s, const uint8_t uuid[16], const char *tag,
                          size_t taglen, uint64_t start, uint64_t end);
/* Add the GTIDs of b to a. */
int gtid_set_add_set(struct gtid_set *a, const struct gtid_set *b);
/* Add the GTID of a GTID_LOG or GTID_TAGGED event. */
int gtid_set_add_gtid(struct gtid_set *s, const struct bb_ev_gtid *g);
/* Add the sets of a PREVIOUS_GTIDS event. */
int gtid_set_add_previous(struct gtid_set *s, const struct bb_ev_previous_gtids *p);

bool gtid_set_contains(const struct gtid_set *s, const uint8_t uuid[16], const char *tag,
                       size_t taglen, uint64_t gno);
/* Is every GTID of a in b? */
bool gtid_set_is_subset(const struct gtid_set *a, const struct gtid_set *b);
bool gtid_set_equal(const struct gtid_set *a, const struct gtid_set *b);
bool gtid_set_is_empty(const struct gtid_set *s);
/* out = a - b (out emptied first). */
int gtid_set_subtract(const struct gtid_set *a, const struct gtid_set *b, struct gtid_set *out);

/* The text form, as MySQL prints it: sids in uuid order, each
 * "uuid:1-5:7" with its untagged intervals first, then ":tag:1-3" per tag;
 * sids separated by ","; "" for the empty set. Appended to out. */
void gtid_set_text(const struct gtid_set *s, struct bb_buf *out);

/* The binary form COM_BINLOG_DUMP_GTID carries, the layout of a
 * PREVIOUS_GTIDS_LOG_EVENT's body (mysql-server's Gtid_set::encode),
 * appended to out:
 *   untagged: 8 n_sids, then per sid 16 uuid, 8 n_intervals, and
 *     n_intervals x (8 start, 8 end) as [start, end)
 *   tagged (when any tag is present): 8 bytes = format byte 1, 6 bytes
 *     n_sids, format byte 1; then per sid 16 uuid, the tag's length as a
 *     varlen (length << 1 in one byte for lengths below 64) and the tag,
 *     8 n_intervals, intervals as above. */
void gtid_set_encode(const struct gtid_set *s, struct bb_buf *out);

/* MariaDB positions and binlog states. */
#define MARIADB_GTID_MAX 256

struct mariadb_gtid_pos {
    struct bb_mariadb_gtid g[MARIADB_GTID_MAX];
    size_t n;
};

/* Parse "d-s-n[,...]" (an empty text is the empty position). A position
 * has each domain once; state (a binlog state) allows a domain once per
 * server id. BB_ERR_USAGE naming the offset. */
int mariadb_gtid_parse(struct mariadb_gtid_pos *p, const char *text, bool state,
                       struct bb_error *err);
/* The entry of domain d (the one with the highest sequence number in a
 * state), or NULL. */
const struct bb_mariadb_gtid *mariadb_gtid_domain(const struct mariadb_gtid_pos *p, uint32_t d);
/* Is transaction domain-*-seq at or before p? */
bool mariadb_gtid_contains(const struct mariadb_gtid_pos *p, uint32_t domain, uint64_t seq);
/* Is every domain of a in b at the same or a higher sequence number? */
bool mariadb_gtid_is_subset(const struct mariadb_gtid_pos *a, const struct mariadb_gtid_pos *b);

/* What a position holds that a server's binlog state lacks. The server
 * logged GTID d-s-n when its state has d-s-m with m >= n (sequence
 * numbers grow within a domain, so it logged every earlier one of that
 * server id too). Appends, comma-separated, "d-s-(m+1)..d-s-n" for each
 * GTID it lacks (or "d-s-n" when its state has nothing of d-s) to out.
 * Returns true when the server lacks something. */
bool mariadb_gtid_missing(const struct mariadb_gtid_pos *pos, const struct mariadb_gtid_pos *state,
                          struct bb_buf *out);

#endif
