/* mongo.h - the MongoDB sink's value mapping, exposed for its tests. The
 * sink itself is mongo_sink_type (mongo_options.c, sinks.c). */
#ifndef BB_SINK_MONGO_H
#define BB_SINK_MONGO_H

#include <stdbool.h>
#include <stddef.h>

#include <bson/bson.h>

#include "binbridge.h"

/* What the server can store, and how dates are wanted. */
struct mongo_value_opts {
    bool dates_as_strings;      /* DATE, DATETIME, TIMESTAMP as their text form */
    bool no_decimal128;         /* FerretDB 1.x: Decimal128 values as exact strings */
    bool no_nested_arrays;      /* FerretDB 1.x: no array directly inside an array */
    bool plain_keys;            /* no '.' nor leading '$' in embedded keys (the sink sets
                                   it on every server) */
};

/* Where a name from the source goes (mongo_escape_name). */
enum mongo_name_kind { MONGO_NAME_DATABASE, MONGO_NAME_COLLECTION, MONGO_NAME_FIELD };

/* Append name[0..len) (a schema, table or column name of the source) to
 * out as it goes into a MongoDB name of that kind: escaped by the rule at
 * the top of mongo_sink.c, each byte MongoDB refuses there as %XX and '%' as
 * %25, so that distinct names stay distinct. at_start: the name begins
 * the MongoDB name (the rules for a first character apply); whole: it is
 * all of it (the rules for whole names: admin, local, config; _id). Returns
 * whether anything was escaped; out->oom tells of a lack of memory. */
bool mongo_escape_name(enum mongo_name_kind kind, const char *name, size_t len, bool at_start,
                       bool whole, struct bb_buf *out);

/* Append v (not ABSENT) to doc under key as the BSON value the sink writes
 * for it (the mapping at the top of mongo_sink.c). as_id: the value is
 * (part of) an _id, which cannot be an array (a SET gives its text form).
 * scratch is working space. Returns 0 or a negative error: a value no
 * BSON type can hold (a non-finite FLOAT), a partial JSON diff, corrupt
 * input. */
int mongo_append_value(bson_t *doc, const char *key, size_t keylen, const struct bb_value *v,
                       bool as_id, const struct mongo_value_opts *o, struct bb_buf *scratch,
                       struct bb_error *err);

/* Append JSON text (a MariaDB JSON column) under key: the document, array
 * or scalar it holds, integers as int32/int64 (Decimal128 beyond, exact),
 * other numbers as doubles. Returns 0, 1 when the text is not one JSON
 * value or cannot be stored as such (nothing appended: the caller writes
 * the text as a string), or a negative error. */
int mongo_append_json_text(bson_t *doc, const char *key, size_t keylen, const char *text,
                           size_t len, const struct mongo_value_opts *o, struct bb_error *err);

#endif
