/* mapper_internal.h - what the mapper shares with the code that compiles
 * Redis key templates into its plans (sinks/redis/redis_key.c). */
#ifndef BB_MAPPER_INTERNAL_H
#define BB_MAPPER_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "binbridge.h"
#include "base/buf.h"
#include "mapping/config.h"
#include "mapping/mapper.h"

/* A plan and the memory it points into (one per table, cached). */
struct cached_plan {
    struct cached_plan *next;
    char *schema, *table;
    uint64_t signature;          /* of the columns the plan was built for */
    struct table_plan plan;
    struct bb_arena mem;         /* everything the plan points to */
};

/* The index of column name[0..n) in t, or -1. */
int mapper_column_index(const struct bb_table *t, const char *name, size_t n);

/* "FILE:LINE: " of a configuration line, for messages ("" without one). */
const char *mapper_where_of(const struct bb_config *cfg, int line, char *buf, size_t size);

/* Is column col one of the plan's row key columns? */
bool mapper_is_key_column(const struct table_plan *plan, uint32_t col);

#endif
