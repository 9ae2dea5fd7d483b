/* bridge_internal.h - what the files of the replication loop share:
 * bridge.c (the loop, transactions, batches, commits, retries),
 * bridge_load.c (initial load, reloads), bridge_ddl.c (DDL effects) and
 * bridge_xa.c (XA transactions). */
#ifndef BB_BRIDGE_INTERNAL_H
#define BB_BRIDGE_INTERNAL_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "binbridge.h"
#include "mysql/xa.h"
#include "mapping/checkpoint.h"
#include "mysql/gtid.h"
#include "mapping/config.h"
#include "mapping/mapper.h"
#include "sinks/sink.h"
#include "bridge/bridge.h"
#include "bridge/server_checks.h"
#include "bridge/metrics.h"

#define MAX_SINKS SINKS_MAX

/* Tables warned about once ("not mirrored because ..."). */
struct warned {
    char **names;
    size_t n, cap;
};

/* A failure of the source or of a sink, from its first failed try to its
 * first success: one line when it starts, one when it ends, and one every
 * progress interval between (bridge.c, outage_failed and outage_over). */
struct outage {
    bool down;
    bool refused;                 /* the store refused writes (BB_ERR_AGAIN), not gone */
    double since, last_line;      /* CLOCK_MONOTONIC */
    unsigned retries;
    char said[BB_ERROR_MSG_MAX + 128]; /* the reason last logged */
};

/* Who failed last (struct bridge's fail_who): the source, or sink k of the
 * configuration. */
#define BRIDGE_SOURCE METRICS_SOURCE

struct bridge {
    const struct bb_config *cfg;
    const struct bb_server_options *srv;  /* the source followed: srvs[cur] */
    const struct bb_server_options *srvs; /* every source, in the order tried */
    size_t nsrv;
    size_t cur;                   /* the one followed last; nsrv before the first */
    bool stop_at_end;
    struct sink sinks[MAX_SINKS];
    size_t nsinks;
    size_t sink_index[MAX_SINKS]; /* each one's index in cfg->sinks */
    /* what each sink has saved: it applies only what comes after */
    struct checkpoint saved[MAX_SINKS];
    bool has_saved[MAX_SINKS];
    struct mapper *mapper;
    struct bb_stream *stream;
    struct server_facts facts;

    /* the transaction being read */
    bool in_txn;
    bool txn_standalone;          /* MariaDB FL_STANDALONE: ends with its one statement */
    char txn_file[CHECKPOINT_FILE_MAX];
    uint64_t txn_pos;
    uint64_t txn_rows;            /* row changes seen in it so far */
    char txn_gtid[CHECKPOINT_TXN_GTID_MAX];
    /* Resumed by GTID (by_gtid): a position of the server followed
     * before means nothing on this one, so what each sink still needs is
     * told by GTIDs: txn_want_from[i] is the first row change of the
     * transaction being read that sink i needs (UINT64_MAX: none, it holds
     * the transaction; 0: all), set at its GTID event (txn_want_known). */
    bool by_gtid;
    bool txn_want_known;
    uint64_t txn_want_from[MAX_SINKS];
    /* MySQL with GTIDs: the executed set the checkpoint keeps
     * (executed_known: it holds the whole set; else the checkpoint says
     * "" and resumes by position) */
    struct gtid_set executed;
    bool executed_known;
    struct bb_ev_gtid txn_mysql_gtid;  /* the transaction's MySQL GTID (its tag in
                                     txn_mysql_tag) */
    char txn_mysql_tag[GTID_TAG_MAX + 1];
    bool txn_has_mysql_gtid;
    uint64_t txns_read;           /* transactions ended in this session */
    uint32_t mariadb_domain, mariadb_server;
    uint64_t mariadb_seq;
    bool txn_has_mariadb_gtid;
    uint64_t payload_end;         /* end of the TRANSACTION_PAYLOAD being unpacked */
    /* XA transactions (bridge_xa.c) */
    bool txn_xa;                  /* it is an XA transaction: its rows wait for its commit */
    bool txn_xa_rows;             /* ... and rows of an included table came in it */
    char txn_xid[XA_ID_TEXT_MAX]; /* ... its xid */
    const struct bb_event *xa_commit; /* while a prepared transaction is read again: the
                                     event that commits it, where its changes are */

    /* the position after the last complete transaction read */
    struct checkpoint cp;
    bool dirty;                   /* cp moved since the last commit */
    uint64_t pending_rows;        /* row changes buffered since the last commit */
    uint64_t pending_txns;        /* transactions ended since the last commit */
    double first_pending;         /* when the oldest buffered change or move arrived */

    /* reporting */
    uint64_t events, rows, last_events, last_rows;
    double last_progress;
    uint32_t last_timestamp;      /* commit time of the last transaction read */
    bool caught_up;               /* a heartbeat or the end came after it */
    struct warned warned;
    struct warned null_keys;      /* tables warned about rows with NULL in their key */
    struct bb_value *merged;      /* an update's after image over its before image */
    uint32_t merged_cap;
    struct bb_error load_err;     /* a failed initial load, through snapshot_list_tables */
    uint64_t commits;             /* batches committed: progress, for the retry backoff */
    char binlog_version[51];      /* server version of the binlog being read (its FDE) */

    /* observing (metrics.h; never NULL: the caller's, or one of the bridge's own) */
    struct metrics *metrics;
    bool own_metrics;
    struct outage outages[1 + MAX_SINKS]; /* [0] the source, [1 + k] sink k of cfg->sinks */
    int fail_who;                 /* whose failure ended the session: BRIDGE_SOURCE or k */
    bool ever_connected;          /* a stream from the source was ever open */
    uint64_t row_events, last_row_events; /* rows events read (progress lines) */
    double last_commit;           /* CLOCK_MONOTONIC of the last commit (idle probes) */
    double stall_seconds;         /* waiting this long for the source is a stall */
};

/* Set by bridge_request_stop (a signal handler). */
extern volatile sig_atomic_t bridge_stop_requested;

/* bridge.c */
/* Has schema.table been warned about in w? (It is noted if not.) */
bool bridge_warned_once(struct warned *w, const char *schema, const char *table);
/* Does sink i still need row change k of the transaction at file:pos? */
bool bridge_sink_wants(const struct bridge *b, size_t i, const char *file, uint64_t pos,
                       uint64_t k);
/* Every sink commits what it has buffered, with the position cp; `why`
 * names the reason in the debug line of each batch. */
int bridge_commit(struct bridge *b, const struct checkpoint *cp, const char *why,
                  struct bb_error *err);
/* Bytes the sinks hold buffered. */
size_t bridge_pending_bytes(const struct bridge *b);
/* A transaction starts at ev (standalone: it ends with its one statement). */
void bridge_begin_txn(struct bridge *b, const struct bb_event *ev, bool standalone);
/* The transaction being read ends at ev. */
int bridge_end_txn(struct bridge *b, const struct bb_event *ev, struct bb_error *err);
/* Warn, once per table, that rows with NULL in key column col are left out. */
void bridge_warn_null_key(struct bridge *b, const struct table_plan *plan,
                          const struct bb_table *t, int col, const char *where);
/* One delivery of a rows event, to every sink that wants it. */
int bridge_apply_rows(struct bridge *b, const struct bb_event *ev, struct bb_error *err);
/* config_table_included, as a table filter callback (ctx: the config). */
bool bridge_table_included(void *ctx, const char *schema, const char *table);

/* bridge_load.c */
/* Remove every key of a table, at once, outside a batch. */
int bridge_clear_table(struct bridge *b, const struct table_plan *plan, struct bb_error *err);
/* Copy every mirrored table from one snapshot; *start is its position. */
int bridge_initial_load(struct bridge *b, struct checkpoint *start, struct bb_error *err);
/* Reload schema.table from a fresh snapshot (after ALTER or RENAME). */
int bridge_reload_table(struct bridge *b, const char *schema, const char *table,
                        struct bb_error *err);

/* bridge_ddl.c */
/* The effects of a DDL statement (TRUNCATE, DROP, ALTER, RENAME) on the mirrors. */
int bridge_remove_dropped_rows(struct bridge *b, const struct bb_event *ev, struct bb_error *err);

/* bridge_xa.c */
/* The transaction being read is XA transaction xid. */
void bridge_xa_begin(struct bridge *b, const struct bb_event *ev, const char *xid);
/* The XA_PREPARE event that ends an XA transaction. */
int bridge_xa_prepared(struct bridge *b, const struct bb_event *ev, struct bb_error *err);
/* An XA statement (a QUERY event). */
int bridge_xa_statement_event(struct bridge *b, const struct bb_event *ev, enum xa_verb verb,
                              const char *xid, struct bb_error *err);
/* The XA transactions prepared before the start (xids), noted in cp. */
void bridge_note_xa_before_start(struct checkpoint *cp, const char *xids, bool known,
                                 const char *why);

#endif
