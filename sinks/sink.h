/* sink.h - the interface every sink implements: one struct of function
 * pointers and a context pointer. The bridge never knows which sink it
 * drives; sinks never see binlog bytes, only decoded row changes.
 *
 * The contract that gives exactly-once delivery: add() only buffers; commit()
 * writes everything buffered since the last commit together with the
 * checkpoint, in one atomic step (or, where the store has no transactions,
 * idempotent writes followed by the checkpoint), so after any crash the
 * checkpoint read back by load_checkpoint() says exactly what was applied. */
#ifndef BB_SINK_H
#define BB_SINK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "binbridge.h"
#include "mapping/checkpoint.h"
#include "mapping/config.h"
#include "mapping/mapper.h"

/* One row change, valid only during the add() call. */
struct change {
    enum bb_rows_kind kind;             /* WRITE, UPDATE, DELETE */
    const struct bb_table *table;
    const struct table_plan *plan;      /* plan->mirrored is true */
    const struct bb_value *before;      /* UPDATE, DELETE: table->ncols values */
    const struct bb_value *after;       /* WRITE, UPDATE */
    const char *log_file;               /* the rows event's position */
    uint64_t pos;
    uint32_t row_index;                 /* the row within the event */
    uint32_t timestamp;                 /* the event's timestamp */
    const char *gtid;                   /* the transaction's GTID ("" when none) */
    bool from_snapshot;                 /* a row read by a snapshot (initial load, or a
                                           table reloaded after ALTER TABLE), written as a
                                           WRITE: it sets state; change logs (streams)
                                           leave it out */
};

struct sink_ops {
    const char *name;
    /* Read the saved checkpoint: 1 with cp filled, 0 when there is none, or
     * a negative error. */
    int (*load_checkpoint)(void *ctx, struct checkpoint *cp, struct bb_error *err);
    /* Buffer one row change. */
    int (*add)(void *ctx, const struct change *ch, struct bb_error *err);
    /* Remove every row of schema.table (TRUNCATE, DROP). Called with
     * nothing buffered (commit first): a sink may apply it at once, outside
     * the atomic commit, since removing again after a crash is harmless. */
    int (*clear_table)(void *ctx, const struct table_plan *plan, struct bb_error *err);
    /* Write the buffered changes and cp in one atomic step. */
    int (*commit)(void *ctx, const struct checkpoint *cp, struct bb_error *err);
    /* Forget the buffered changes (after a failure). */
    void (*discard)(void *ctx);
    /* Bytes buffered since the last commit. */
    size_t (*pending_bytes)(void *ctx);
    /* Drop the connection and connect again (after a failure). */
    int (*reconnect)(void *ctx, struct bb_error *err);
    void (*close)(void *ctx);
};

struct sink {
    const struct sink_ops *ops;
    void *ctx;
};

/* sinks/redis/redis_sink.c: connect to cfg->redis_url. */
int redis_sink_open(struct sink *out, const struct bb_config *cfg, struct bb_error *err);

/* sinks/mongo/mongo_sink.c: connect to cfg->mongo_url (documents per row,
 * typed; the checkpoint in collection binbridge of the URL's database or of
 * database binbridge). */
int mongo_sink_open(struct sink *out, const struct bb_config *cfg, struct bb_error *err);

#endif
