/* mapper.h - from a table and its row images to what the sinks write:
 * which tables are mirrored, by which rules, which columns each output
 * keeps and which columns form the row key: a sink-neutral plan per
 * table, with each sink's own compiled part of its outputs (its compile
 * hook's, struct config_sink). The mapper never talks to a network and
 * names no sink; sinks render their own commands. */
#ifndef BB_MAPPER_H
#define BB_MAPPER_H

#include <stdbool.h>
#include <stdint.h>

#include "binbridge.h"
#include "base/buf.h"
#include "mapping/config.h"

/* One output of a table: a configured output of one sink (a rule's, or
 * the sink's default), for this table. */
struct output_plan {
    size_t sink;                        /* the sink's index in cfg->sinks */
    const struct config_output *output; /* as configured: the head of the sink's own output
                                           struct (config.h) */
    const bool *columns;                /* per table column: kept in the output (NULL in a plan
                                           by name) */
    const void *compiled;               /* what the sink's compile hook made of the output for
                                           this table (NULL: nothing) */
};

/* The outputs of one sink in a plan. */
struct sink_outputs {
    const struct output_plan *v;
    uint32_t n;
};

/* How one table is mirrored. */
struct table_plan {
    const char *schema, *table;
    bool mirrored;                      /* false: its rows are skipped */
    const char *skip_reason;            /* why, when not mirrored for a reason worth a
                                           warning ("no primary key ...") */
    const uint32_t *key_cols;           /* the row key: primary key or configured columns */
    uint32_t nkey_cols;
    const struct output_plan *outputs;  /* every sink's, sink by sink */
    uint32_t noutputs;
    const struct sink_outputs *by_sink; /* per sink of the configuration: its outputs (NULL
                                           while there are none: mapper_sink_outputs) */
    const struct table_rule *rule;      /* NULL: the default mapping */
};

/* What a sink's compile hook (struct config_sink) is given: the table and
 * the plan being built, and where the plan's memory comes from. */
struct mapper_compile {
    const struct bb_config *cfg;        /* for mapper_where_of */
    struct bb_arena *mem;               /* the plan's: what the hook allocates here lives as
                                           long as the plan */
    const struct bb_table *table;       /* NULL: a plan by name (mapper_plan_by_name) */
    const struct table_plan *plan;      /* its names and row key (not yet its outputs) */
};

struct mapper;

int mapper_new(struct mapper **out, const struct bb_config *cfg, struct bb_error *err);
void mapper_free(struct mapper *m);

/* The plan for table t (as its TABLE_MAP describes it). Plans are cached by
 * schema.table and rebuilt when the table's columns change. The plan stays
 * valid until the next mapper_plan call for the same schema.table with
 * different columns, or mapper_free. Returns 0 or a negative error (a
 * column list or a key column naming a column the table lacks, or outputs
 * a sink's compile hook refuses for this table, is BB_ERR_USAGE). */
int mapper_plan(struct mapper *m, const struct bb_table *t, const struct table_plan **out,
                struct bb_error *err);

/* The plan of schema.table known only by name (a TRUNCATE or DROP TABLE,
 * which no TABLE_MAP precedes): which outputs the table has, compiled by
 * their sinks without columns (mapper_compile.table NULL), no column
 * masks. Valid until the next call. */
int mapper_plan_by_name(struct mapper *m, const char *schema, const char *table,
                        const struct table_plan **out, struct bb_error *err);

/* The outputs of sink k (its index in cfg->sinks) in plan: none when the
 * plan has none for it. */
const struct sink_outputs *mapper_sink_outputs(const struct table_plan *plan, size_t k);

/* For the sinks' compile hooks: */

/* The index of column name[0..n) in t (case-insensitive, as MySQL's column
 * names), or -1. */
int mapper_column_index(const struct bb_table *t, const char *name, size_t n);

/* "FILE:LINE: " of a configuration line, for messages ("" without one). */
const char *mapper_where_of(const struct bb_config *cfg, int line, char *buf, size_t size);

/* Is column col one of the plan's row key columns? */
bool mapper_is_key_column(const struct table_plan *plan, uint32_t col);

/* The first row key column (plan->key_cols, an index in the table) that
 * is NULL in row, or -1. Columns absent from row are taken from `under`
 * when given (an update's after image over its before image). A row with
 * NULL in its key has no key: MySQL's UNIQUE keys let several rows hold
 * NULL there. */
int mapper_null_key_column(const struct table_plan *plan, const struct bb_value *row,
                           const struct bb_value *under);

/* Do two values of the same column hold the same value (kind and bytes)? */
bool mapper_value_equal(const struct bb_value *a, const struct bb_value *b);

/* Is the row key (plan->key_cols) the same in both images? */
bool mapper_key_changed(const struct table_plan *plan, const struct bb_value *before,
                        const struct bb_value *after);

/* An update's after image whole: the columns a partial image
 * (binlog_row_image=MINIMAL) leaves out did not change, so they come from
 * the before image. *partial says whether any was left out; *out is
 * `after` itself when none was (or when there is no before image), else
 * *buf, grown to ncols values (*cap). */
int mapper_merged_image(const struct bb_value *before, const struct bb_value *after,
                        uint32_t ncols, struct bb_value **buf, uint32_t *cap,
                        const struct bb_value **out, bool *partial, struct bb_error *err);

#endif
