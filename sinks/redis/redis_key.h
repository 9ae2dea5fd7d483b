/* redis_key.h - Redis keys from key templates (redis_key.c). The key
 * parts of a plan (struct key_part, mapping/mapper.h) are compiled here
 * for the mapper, which calls the three functions below while it builds a
 * plan: an include of the sink's from mapping, until the mapper asks each
 * sink to compile its own outputs. */
#ifndef BB_REDIS_KEY_H
#define BB_REDIS_KEY_H

#include <stdint.h>

#include "binbridge.h"
#include "base/buf.h"
#include "mapping/config.h"
#include "mapping/mapper.h"

struct cached_plan;

/* Render the Redis key of a row image with target tp's template. Names and
 * text values are escaped so that keys are injective (README, "Redis
 * keys"): in them '\' is written "\\" and ':' "\:"; a NULL in a column
 * that is not a key column is "\N". Returns 0, 1 when a column the key
 * needs is absent from this image (a partial row image), or a negative
 * error (a NULL key column: see mapper_null_key_column). */
int mapper_redis_key(const struct table_plan *plan, const struct target_plan *tp,
                     const struct bb_value *row, struct bb_buf *out, struct bb_error *err);

/* The key prefix shared by every row of a table for target tp (the
 * template up to its first row-dependent placeholder, names escaped), for
 * removing a truncated or dropped table's keys with SCAN MATCH prefix*.
 * Returns 0, or 1 when that prefix does not name the table ({table} before
 * any column, and each name in it followed by ':'), since then other
 * tables' keys could share it. */
int mapper_redis_key_prefix(const struct target_plan *tp, const char *schema, const char *table,
                            struct bb_buf *out);

/* Compile key template tmpl (from line of the configuration) against table
 * t (NULL: by name only) of plan into tp->key; the schema and table names
 * become escaped literal text, in cp's memory. */
int redis_key_compile(struct cached_plan *cp, const struct bb_config *cfg, const char *tmpl,
                      int line, const struct bb_table *t, const struct table_plan *plan,
                      struct target_plan *tp, struct bb_error *err);

/* Refuse a target whose keys for this table would start with binbridge's
 * checkpoint prefix (MAPPER_CHECKPOINT_KEY_PREFIX). */
int redis_key_check_reserved(const struct bb_config *cfg, const char *tmpl, int line,
                             const struct table_plan *plan, const struct target_plan *tp,
                             struct bb_error *err);

/* Two outputs of one table must not write the same keys. */
int redis_key_check_distinct(const struct bb_config *cfg, const struct table_plan *plan,
                             const struct target_plan *targets, uint32_t n,
                             struct bb_error *err);

#endif
