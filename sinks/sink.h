/* sink.h - what a sink is: a type (struct sink_type: its name, its option
 * tables, its open function, what it compiles for the mapper and checks of
 * the source), and once opened one struct of function pointers and a
 * context pointer (struct sink). The bridge and the CLI never know which
 * sink they drive: they loop over the registry (sinks.c, one line per
 * sink) or over a configuration's sinks. Sinks never see binlog bytes,
 * only decoded row changes.
 *
 * Adding a sink: a folder sinks/<name>/ that defines a `const struct
 * sink_type <name>_sink_type` (its options in <name>_options.c, next to
 * the sink's code), and its line in sinks.c. Nothing in mapping/, bridge/
 * or cli/ changes: the configuration engine reads the sink's tables
 * (`<name> = { url = ...; }`, `rules = ( { <name> = { ... }; } )`), the
 * command line takes --<name> URL, the mapper builds each table's plan
 * with the sink's outputs in it and asks the sink's compile hook for its
 * own per-table part, and the bridge opens, feeds and commits it.
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
    const struct table_plan *plan;      /* plan->mirrored is true; the sink's own outputs
                                           are mapper_sink_outputs(plan, its index) */
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

/* What a sink may need to know of the source server before the bridge
 * streams from it. */
struct sink_source_facts {
    bool row_image_full;                /* binlog_row_image = FULL: whole row images */
    const char *row_image;              /* its value, for messages */
};

/* A kind of sink. It begins with its struct config_sink: a configuration
 * holds pointers to those (bb_config_init's sinks), and sink_type_of gets
 * back from one to its type. */
struct sink_type {
    struct config_sink config;          /* name, option tables, the mapper's compile hook */
    /* Connect the sink of index k in cfg->sinks (configured: its URL is
     * set), reading its settings (config_sink_settings(cfg, k)) and the
     * configuration's (checkpoint_name, batch_bytes). Returns 0 with *out
     * set, BB_ERR_IO while its store is unreachable (the bridge waits and
     * tries again), or another negative error. */
    int (*open)(struct sink *out, const struct bb_config *cfg, size_t k, struct bb_error *err);
    /* What the sink's outputs need of the source (whole row images, say):
     * 0, or BB_ERR_USAGE saying what to change. May be NULL. */
    int (*check_source)(const struct bb_config *cfg, size_t k, const struct sink_source_facts *f,
                        struct bb_error *err);
    /* For `binbridge run --help`: the URL forms of --<name> (lines joined
     * with '\n'), and what the default mapping writes there ("in Redis as
     * one hash per row at ..."). */
    const char *help_url;
    const char *help_default;
};

/* The type whose config member is c (c from a configuration built with
 * types' config members, as sinks_config_init does). */
static inline const struct sink_type *sink_type_of(const struct config_sink *c)
{
    return (const struct sink_type *)(const void *)c;
}

/* ------------------------------------------------------------------ */
/* The registry (sinks.c)                                              */

/* At most this many kinds of sink. */
#define SINKS_MAX 8

/* Every registered sink, in the order they are listed, opened and
 * committed; and their config members, for bb_config_init. */
extern const struct sink_type *const sink_types[];
extern const struct config_sink *const sink_configs[];
extern const size_t sink_ntypes;

/* bb_config_init with every registered sink. */
int sinks_config_init(struct bb_config *cfg);

#endif
