/* redis_options.h - what the Redis sink is told: its settings (redis.*)
 * and one Redis output of a rule (rules.redis.*), the structs its option
 * tables describe. redis_options.c holds the tables, their checks and the
 * sink's type (redis_sink_type, for the registry); the configuration
 * engine fills and frees these structs (mapping/config.h), the sink reads
 * them. */
#ifndef BB_REDIS_OPTIONS_H
#define BB_REDIS_OPTIONS_H

#include <stdint.h>

#include "mapping/config.h"
#include "mapping/mapper.h"
#include "sinks/sink.h"

enum redis_shape {
    REDIS_SHAPE_HASH = 0,   /* HSET key col value ... per row (default) */
    REDIS_SHAPE_JSON,       /* SET key {"col": value, ...} per row */
    REDIS_SHAPE_STREAM,     /* XADD key MAXLEN ~ n * op ... per row change */
};

/* A Redis key that holds another type than the one a shape writes there
 * (a string where a row's hash goes, a hash where a stream goes). */
enum redis_wrong_type {
    REDIS_WRONG_TYPE_OVERWRITE = 0, /* replace it (default); a WARN names the key when a
                                       stream or a partial row image met it */
    REDIS_WRONG_TYPE_STOP,          /* stop before anything of the batch is applied */
};

/* redis = { url = ...; password_env = ...; wrong_type = ...; tls_ca = ...; ... } */
struct redis_settings {
    char *url;              /* redis[s]://[:pass@]host:port[/db], unix:///path[?db=N], or NULL */
    char *password_env;     /* name of an environment variable holding the password */
    enum redis_wrong_type wrong_type;
    /* rediss:// only; the URL's tls-* parameter wins over each. NULL: unset. */
    char *tls_ca, *tls_cert, *tls_key, *tls_server_name;
    char *tls_verify;       /* "full", "ca" or "none" */
};

/* One Redis output of a rule. key is never NULL after loading (the
 * shape's default is filled in); in an output built by hand, NULL is the
 * shape's default. */
struct redis_output {
    struct config_output head;  /* include_columns, exclude_columns, line */
    enum redis_shape shape;
    char *key;              /* key template, e.g. "{schema}:{table}:{pk}", "user:{id}";
                               placeholders: {schema} {table} {pk} {column} */
    uint64_t ttl;           /* seconds; 0 = keys do not expire (hash, json) */
    uint64_t maxlen;        /* streams: MAXLEN ~ maxlen; 0 = unbounded */
};

/* The default mapping's Redis output: a hash per row at
 * "{schema}:{table}:{pk}" with every column. */
extern const struct redis_output redis_default_output;

/* The default key template of a shape. */
const char *redis_default_key(enum redis_shape shape);

/* The Redis output of an output of a plan (whose sink is Redis). */
static inline const struct redis_output *redis_output_of(const struct output_plan *op)
{
    return (const struct redis_output *)(const void *)op->output;
}

/* The sink's type, as the registry lists it (sinks.c). */
extern const struct sink_type redis_sink_type;

#endif
