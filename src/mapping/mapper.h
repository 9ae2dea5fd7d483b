/* mapper.h - from a table and its row images to what the sinks write:
 * which tables are mirrored, by which rules, which columns each output
 * keeps, which columns form the row key, and the rendered Redis keys.
 * The mapper never talks to a network; sinks render their own commands. */
#ifndef BB_MAPPER_H
#define BB_MAPPER_H

#include <stdbool.h>
#include <stdint.h>

#include "binbridge.h"
#include "base/buf.h"
#include "mapping/config.h"

/* A compiled key template: literal text and placeholders. */
enum key_part_kind { KEY_LITERAL, KEY_SCHEMA, KEY_TABLE, KEY_PK, KEY_COLUMN };
struct key_part {
    enum key_part_kind kind;
    const char *text;       /* KEY_LITERAL; KEY_SCHEMA, KEY_TABLE: the name, escaped */
    size_t len;
    uint32_t column;        /* KEY_COLUMN: index in the table */
    bool key_column;        /* KEY_COLUMN: one of the row key's columns */
};

/* One output (a Redis shape or a MongoDB collection) for one table. */
struct target_plan {
    const struct redis_target *redis;   /* exactly one of these is set */
    const struct mongo_target *mongo;
    const bool *columns;                /* per table column: kept in the output */
    const struct key_part *key;         /* Redis key template, compiled */
    uint32_t nkey;
};

/* How one table is mirrored. */
struct table_plan {
    const char *schema, *table;
    bool mirrored;                      /* false: its rows are skipped */
    const char *skip_reason;            /* why, when not mirrored for a reason worth a
                                           warning ("no primary key ...") */
    const uint32_t *key_cols;           /* the row key: primary key or configured columns */
    uint32_t nkey_cols;
    const struct target_plan *targets;
    uint32_t ntargets;
    const struct table_rule *rule;      /* NULL: the default mapping */
};

/* binbridge's own Redis keys: a checkpoint is saved at this prefix and its
 * name. No table's keys may start with it (a plan whose key template would
 * is refused), so no row ever overwrites or deletes a checkpoint. */
#define MAPPER_CHECKPOINT_KEY_PREFIX "binbridge:checkpoint:"

struct mapper;

int mapper_new(struct mapper **out, const struct bb_config *cfg, struct bb_error *err);
void mapper_free(struct mapper *m);

/* The plan for table t (as its TABLE_MAP describes it). Plans are cached by
 * schema.table and rebuilt when the table's columns change. The plan stays
 * valid until the next mapper_plan call for the same schema.table with
 * different columns, or mapper_free. Returns 0 or a negative error (a
 * template naming a column the table lacks, or whose keys for this table
 * would start with MAPPER_CHECKPOINT_KEY_PREFIX, is BB_ERR_USAGE). */
int mapper_plan(struct mapper *m, const struct bb_table *t, const struct table_plan **out,
                struct bb_error *err);

/* The plan of schema.table known only by name (a TRUNCATE or DROP TABLE,
 * which no TABLE_MAP precedes): which outputs the table has, with key
 * templates compiled up to their first row-dependent placeholder, for
 * mapper_redis_key_prefix (sinks/redis/redis_key.h). Valid until the next
 * call. */
int mapper_plan_by_name(struct mapper *m, const char *schema, const char *table,
                        const struct table_plan **out, struct bb_error *err);

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
