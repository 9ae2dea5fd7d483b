/* redis_key.h - Redis keys from key templates (redis_key.c): compiled
 * for each table by the mapper's compile hook of the Redis sink
 * (redis_key_plan, in redis_sink_type), rendered by the sink for each row
 * image and, for TRUNCATE and DROP TABLE, as a table's key prefix. */
#ifndef BB_REDIS_KEY_H
#define BB_REDIS_KEY_H

#include <stdbool.h>
#include <stdint.h>

#include "binbridge.h"
#include "base/buf.h"
#include "mapping/config.h"
#include "mapping/mapper.h"

/* binbridge's own Redis keys: a checkpoint is saved at this prefix and its
 * name. No table's keys may start with it (a plan whose key template would
 * is refused), so no row ever overwrites or deletes a checkpoint. */
#define REDIS_CHECKPOINT_KEY_PREFIX "binbridge:checkpoint:"

/* A compiled key template: literal text and placeholders. */
enum key_part_kind { KEY_LITERAL, KEY_SCHEMA, KEY_TABLE, KEY_PK, KEY_COLUMN };
struct key_part {
    enum key_part_kind kind;
    const char *text;       /* KEY_LITERAL; KEY_SCHEMA, KEY_TABLE: the name, escaped */
    size_t len;
    uint32_t column;        /* KEY_COLUMN: index in the table */
    bool key_column;        /* KEY_COLUMN: one of the row key's columns */
};

/* What the Redis sink compiles of one output for one table
 * (output_plan.compiled). */
struct redis_key_plan {
    const char *tmpl;           /* the template (the shape's default when none is set) */
    const struct key_part *part;
    uint32_t n;
};

/* The compile hook (struct config_sink): each output's key template
 * against the table (mc->table NULL: by name only, up to the first
 * row-dependent placeholder), the schema and table names becoming
 * escaped literal text in the plan's memory. Refuses (BB_ERR_USAGE,
 * naming the configuration line) a template naming a column the table
 * lacks, keys that would start with REDIS_CHECKPOINT_KEY_PREFIX, and two
 * outputs that give the table the same keys. */
int redis_key_plan(const struct mapper_compile *mc, struct output_plan *outs, uint32_t n,
                   struct bb_error *err);

/* Render the Redis key of a row image with output op's template. Names and
 * text values are escaped so that keys are injective (README, "Redis
 * keys"): in them '\' is written "\\" and ':' "\:"; a NULL in a column
 * that is not a key column is "\N". Returns 0, 1 when a column the key
 * needs is absent from this image (a partial row image), or a negative
 * error (a NULL key column: see mapper_null_key_column). */
int redis_key_render(const struct table_plan *plan, const struct output_plan *op,
                     const struct bb_value *row, struct bb_buf *out, struct bb_error *err);

/* The key prefix shared by every row of a table for output op (the
 * template up to its first row-dependent placeholder, names escaped), for
 * removing a truncated or dropped table's keys with SCAN MATCH prefix*.
 * Returns 0, or 1 when that prefix does not name the table ({table} before
 * any column, and each name in it followed by ':'), since then other
 * tables' keys could share it. */
int redis_key_prefix(const struct output_plan *op, const char *schema, const char *table,
                     struct bb_buf *out);

/* The template of output op, for messages. */
const char *redis_key_template(const struct output_plan *op);

#endif
