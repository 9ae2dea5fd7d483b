/* mongo_options.h - what the MongoDB sink is told: its settings
 * (mongo.*) and one MongoDB output of a rule (rules.mongo.*), the structs
 * its option tables describe. mongo_options.c holds the tables, their
 * checks and the sink's type (mongo_sink_type, for the registry); the
 * configuration engine fills and frees these structs (mapping/config.h),
 * the sink reads them. */
#ifndef BB_MONGO_OPTIONS_H
#define BB_MONGO_OPTIONS_H

#include <stdbool.h>

#include "mapping/config.h"
#include "mapping/mapper.h"
#include "sinks/sink.h"

/* What the MongoDB sink does with a row whose document exceeds 16 MB. */
enum mongo_oversize {
    MONGO_OVERSIZE_STOP = 0,    /* fail with an error naming the row (default) */
    MONGO_OVERSIZE_SKIP,        /* log the row and go on without it */
};

/* mongo = { url = ...; password_env = ...; oversize = ...; tls_ca = ...; ... } */
struct mongo_settings {
    char *url;              /* mongodb://... or NULL */
    char *password_env;     /* name of an environment variable holding the password */
    enum mongo_oversize oversize;   /* a document over MongoDB's 16 MB limit */
    /* Only with a URL that turns TLS on; the URL's own option wins over
     * each (tlsCAFile, tlsCertificateKeyFile, tlsAllowInvalid...).
     * NULL: unset. */
    char *tls_ca;           /* tlsCAFile */
    char *tls_cert;         /* tlsCertificateKeyFile: the client certificate and its key */
    char *tls_verify;       /* "full", "ca" (tlsAllowInvalidHostnames) or "none"
                               (tlsAllowInvalidCertificates) */
};

/* How much of the server's certificate is checked (mongo_tls_verify_parse). */
enum mongo_tls_verify {
    MONGO_TLS_VERIFY_FULL = 0,  /* the chain to a trusted CA, the dates, the host name */
    MONGO_TLS_VERIFY_CA,        /* the chain and dates only */
    MONGO_TLS_VERIFY_NONE,      /* nothing: encrypted, not authenticated */
};

/* "full", "ca" or "none" as its enum value; -1 for anything else. */
int mongo_tls_verify_parse(const char *s);

/* One MongoDB output of a rule. */
struct mongo_output {
    struct config_output head;  /* include_columns, exclude_columns, line */
    char *database;         /* template, default "{schema}" */
    char *collection;       /* template, default "{table}" */
    config_list renames;    /* pairs "column", "field" */
    bool update_set;        /* updates $set the changed columns instead of replacing */
    bool dates_as_strings;  /* keep sub-millisecond digits: dates as text */
};

/* The default mapping's MongoDB output: a document per row in database
 * "{schema}", collection "{table}". */
extern const struct mongo_output mongo_default_output;

/* The MongoDB output of an output of a plan (whose sink is MongoDB). */
static inline const struct mongo_output *mongo_output_of(const struct output_plan *op)
{
    return (const struct mongo_output *)(const void *)op->output;
}

/* The sink's type, as the registry lists it (sinks.c). */
extern const struct sink_type mongo_sink_type;

#endif
