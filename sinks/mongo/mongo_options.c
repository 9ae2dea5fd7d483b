/* mongo_options.c - the MongoDB sink as the registry knows it
 * (mongo_sink_type, sink.h): its option tables and their checks, what it
 * checks of a rule's outputs together, and its open function
 * (mongo_sink.c).
 *
 *   mongo.*          struct mongo_settings: url, password_env, oversize and the
 *                    TLS settings (tls_ca, tls_cert, tls_verify: mongo_tls.c)
 *   rules.mongo.*    struct mongo_output: database, collection, renames,
 *                    update, dates and the columns every output has
 *
 * A MongoDB URL is libmongoc's to read (mongoc_uri_new_with_error), here
 * as when the sink connects: what it accepts, the sink can use (a unix
 * socket written mongodb://%2Ftmp%2Fmongodb-27017.sock, every option). */
#include "sinks/mongo/mongo_options.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <mongoc/mongoc.h>

#include "base/error.h"
#include "base/url.h"
#include "sinks/mongo/mongo_internal.h"
#include "sinks/sink.h"

_Static_assert(sizeof(enum mongo_oversize) == sizeof(int), "enums are stored as int");

const struct mongo_output mongo_default_output = {
    .database = (char *)"{schema}",
    .collection = (char *)"{table}",
};

/* ------------------------------------------------------------------ */
/* Checks                                                              */

static bool check_url(const char *v, char *why, size_t n)
{
    bson_error_t e;
    mongoc_uri_t *uri;
    if (mongo_uri_parse(v, &uri, &e) == 0) {
        mongoc_uri_destroy(uri);
        return true;
    }
    /* libmongoc's words ("Invalid host string in URI") quote no part of
     * the URL; they are terse, the form is added. */
    snprintf(why, n, "%s (expected mongodb://[user:password@]host[:port][,host[:port]...]"
             "[/[db][?options]] or mongodb+srv://host[/[db][?options]])", e.message);
    return false;
}

/* A TLS file must be readable when the configuration is loaded: a typo
 * is a usage error then, not a connection failure retried for ever. */
static bool check_tls_file(const char *v, char *why, size_t n)
{
    FILE *f = fopen(v, "r");
    if (!f) {
        snprintf(why, n, "cannot read %s: %s", v, strerror(errno));
        return false;
    }
    fclose(f);
    return true;
}

int mongo_tls_verify_parse(const char *s)
{
    static const char *const names[] = { "full", "ca", "none" };
    for (int i = 0; i < 3; i++)
        if (strcasecmp(s, names[i]) == 0)
            return i;
    return -1;
}

static bool check_tls_verify(const char *v, char *why, size_t n)
{
    if (mongo_tls_verify_parse(v) >= 0)
        return true;
    snprintf(why, n, "must be \"full\", \"ca\" or \"none\", got \"%s\"", v);
    return false;
}

static bool check_database(const char *v, char *why, size_t n)
{
    bool row;
    return config_check_template(v, false, "/\\. \"$", &row, why, n);
}

static bool check_collection(const char *v, char *why, size_t n)
{
    bool row;
    if (!config_check_template(v, false, "$", &row, why, n))
        return false;
    if (strncmp(v, "system.", 7) == 0) {
        snprintf(why, n, "collection names starting with \"system.\" are reserved by MongoDB");
        return false;
    }
    return true;
}

static bool check_field(const char *v, char *why, size_t n)
{
    if (v[0] == '$' || strchr(v, '.')) {
        snprintf(why, n, "\"%s\" cannot be a MongoDB field name (no leading '$', no '.')", v);
        return false;
    }
    if (strcmp(v, "_id") == 0) {
        snprintf(why, n, "\"_id\" is the row key: name its columns with the rule's key_columns");
        return false;
    }
    return true;
}

/* ------------------------------------------------------------------ */
/* The tables                                                          */

static const char *const oversize_names[] = { "stop", "skip", NULL };
static const char *const update_names[] = { "replace", "set", NULL };
static const char *const dates_names[] = { "date", "string", NULL };

#define SET(f) CONFIG_AT(struct mongo_settings, f)
static const struct config_option settings_options[] = {
    { .name = "mongo.url", .type = CONFIG_STRING, SET(url), .check = check_url,
      .flags = CONFIG_UNSET_OK,
      .help = "the MongoDB server, mongodb://[user:password@]host[:port][,host...][/[db][?options]] "
              "or mongodb+srv://...; --mongo overrides it" },
    { .name = "mongo.password_env", .type = CONFIG_STRING, SET(password_env),
      .check = config_check_env_name, .flags = CONFIG_UNSET_OK,
      .help = "name of the environment variable holding the MongoDB password (the URL names the user)" },
    { .name = "mongo.oversize", .type = CONFIG_ENUM, SET(oversize), .choices = oversize_names,
      .def = "stop",
      .help = "a row whose document exceeds MongoDB's 16 MB: \"stop\" with an error naming the "
              "row, or \"skip\" it and log it" },
    { .name = "mongo.tls_ca", .type = CONFIG_STRING, SET(tls_ca), .check = check_tls_file,
      .flags = CONFIG_UNSET_OK,
      .help = "a URL with tls=true: PEM file of the CA certificates the server's certificate must "
              "chain to (default: the system's CA store); the URL's tlsCAFile wins over it" },
    { .name = "mongo.tls_cert", .type = CONFIG_STRING, SET(tls_cert), .check = check_tls_file,
      .flags = CONFIG_UNSET_OK,
      .help = "a URL with tls=true: PEM file holding the client certificate binbridge presents "
              "and its key, as libmongoc takes them (a server that requires one asks for it); "
              "the URL's tlsCertificateKeyFile wins over it" },
    { .name = "mongo.tls_verify", .type = CONFIG_STRING, SET(tls_verify),
      .check = check_tls_verify, .flags = CONFIG_UNSET_OK,
      .help = "a URL with tls=true: \"full\" (the default: the certificate chains to a trusted "
              "CA and names the host), \"ca\" (the chain only: tlsAllowInvalidHostnames) or "
              "\"none\" (nothing checked: tlsAllowInvalidCertificates); the URL's tlsInsecure "
              "and tlsAllowInvalid* options win over it" },
};

#define OUT(f) CONFIG_AT(struct mongo_output, f)
static const struct config_option output_options[] = {
    { .name = "database", .type = CONFIG_STRING, OUT(database), .check = check_database,
      .def = "{schema}", .help = "database name template: text, {schema} and {table}" },
    { .name = "collection", .type = CONFIG_STRING, OUT(collection), .check = check_collection,
      .def = "{table}", .help = "collection name template: text, {schema} and {table}" },
    { .name = "include_columns", .type = CONFIG_LIST, OUT(head.include_columns),
      .help = "only these columns become fields (default: every column)" },
    { .name = "exclude_columns", .type = CONFIG_LIST, OUT(head.exclude_columns),
      .help = "these columns do not become fields; not with include_columns" },
    { .name = "renames", .type = CONFIG_PAIRS, OUT(renames), .check = check_field,
      .help = "( (\"column\", \"field\"), ... ): the field name of a column" },
    { .name = "update", .type = CONFIG_FLAG, OUT(update_set), .choices = update_names,
      .def = "replace",
      .help = "\"replace\": an update replaces the whole document; \"set\": it $sets the "
              "changed columns only, so fields added by other writers survive" },
    { .name = "dates", .type = CONFIG_FLAG, OUT(dates_as_strings), .choices = dates_names,
      .def = "date",
      .help = "\"date\": DATE, DATETIME and TIMESTAMP as BSON dates (milliseconds: finer digits "
              "are dropped); \"string\": their text form, every digit kept" },
};

static bool list_has(const config_list list, const char *s)
{
    for (size_t i = 0; list && list[i]; i++)
        if (strcmp(list[i], s) == 0)
            return true;
    return false;
}

/* Output i of a rule's MongoDB outputs is read: its renames against its
 * columns, and collections no two outputs of the rule share. */
static int output_done(void *outputs, size_t i, const struct config_seen *seen, const char **at,
                       char *why, size_t n)
{
    (void)seen;
    struct mongo_output *all = outputs, *t = &all[i];
    *at = "renames";
    for (size_t k = 0; t->renames && t->renames[k]; k += 2) {
        const char *col = t->renames[k];
        if (list_has(t->head.exclude_columns, col)) {
            snprintf(why, n, "rules.mongo.renames: \"%s\" is in exclude_columns", col);
            return BB_ERR_USAGE;
        }
        if (t->head.include_columns && !list_has(t->head.include_columns, col)) {
            snprintf(why, n, "rules.mongo.renames: \"%s\" is not in include_columns", col);
            return BB_ERR_USAGE;
        }
    }
    *at = NULL;
    for (size_t k = 0; k < i; k++)
        if (strcmp(all[k].database, t->database) == 0 &&
            strcmp(all[k].collection, t->collection) == 0) {
            snprintf(why, n, "rules.mongo: this output and the one at line %d both write "
                     "database \"%s\", collection \"%s\"", all[k].head.line, t->database,
                     t->collection);
            return BB_ERR_USAGE;
        }
    return 0;
}

#define COUNT(a) (sizeof a / sizeof a[0])

const struct sink_type mongo_sink_type = {
    .config = {
        .name = "mongo",
        .title = "MongoDB",
        .url_example = "mongodb://host:port",
        .settings = settings_options,
        .nsettings = COUNT(settings_options),
        .settings_size = sizeof(struct mongo_settings),
        .outputs = output_options,
        .noutputs = COUNT(output_options),
        .output_size = sizeof(struct mongo_output),
        .outputs_help = "the MongoDB outputs: one group { ... } or a list ( { ... }, ... ); {} is "
                        "one default collection; without it the matched tables are not written "
                        "to MongoDB",
        .default_output = &mongo_default_output,
        .output_done = output_done,
    },
    .open = mongo_sink_open,
    .help_url = "mongodb://[user@]host[:port][,host...][/[db][?options]]\n"
                "(the checkpoint goes in collection binbridge of db, or of\n"
                "database binbridge)",
    .help_default = "in MongoDB as one document per row in collection {table} of database\n"
                    "{schema}, _id = the primary key",
};
