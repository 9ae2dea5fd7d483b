/* stream.c - the library's front door: a source of raw events, the decoder,
 * and the filters, pulled one event at a time by bb_stream_next(). */
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "binlog/decoder.h"
#include "base/error.h"
#include "binlog/schema_info.h"
#include "binlog/source.h"

struct bb_stream {
    struct source *src;
    struct decoder dec;
    struct bb_event ev;
    struct schema_info *schema;   /* servers: fills what TABLE_MAPs lack */
    struct bb_filter filter;      /* lists point into `lists` */
    char *lists;                  /* one allocation holding the copied filter lists */
    bool done;
    volatile sig_atomic_t interrupted;   /* bb_stream_interrupt */
};

void bb_stream_options_init(struct bb_stream_options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->verify_checksum = true;
    opt->max_event_size = (size_t)1 << 30;
}

/* ---- filters ---- */

static bool in_list(const char *const *list, const char *s)
{
    for (; *list; list++)
        if (strcmp(*list, s) == 0)
            return true;
    return false;
}

/* A table list entry matches "table" or "schema.table". */
static bool table_in_list(const char *const *list, const char *schema, const char *table)
{
    size_t slen = strlen(schema);
    for (; *list; list++) {
        const char *e = *list;
        if (strcmp(e, table) == 0)
            return true;
        if (strncmp(e, schema, slen) == 0 && e[slen] == '.' && strcmp(e + slen + 1, table) == 0)
            return true;
    }
    return false;
}

static bool table_wanted(const struct bb_filter *f, const struct bb_table *t)
{
    if (f->only_schemas && !in_list(f->only_schemas, t->schema))
        return false;
    if (f->ignored_schemas && in_list(f->ignored_schemas, t->schema))
        return false;
    if (f->only_tables && !table_in_list(f->only_tables, t->schema, t->name))
        return false;
    if (f->ignored_tables && table_in_list(f->ignored_tables, t->schema, t->name))
        return false;
    if (f->table_filter && !f->table_filter(f->table_filter_ctx, t->schema, t->name))
        return false;
    return true;
}

static bool want_table_cb(void *ctx, const struct bb_table *t)
{
    return table_wanted(ctx, t);
}

static bool event_wanted(const struct bb_filter *f, const struct bb_event *ev)
{
    if (f->only_events_set && !f->only_events[ev->type])
        return false;
    if (f->ignored_events[ev->type])
        return false;
    if (ev->type == TABLE_MAP_EVENT)
        return table_wanted(f, ev->table_map);
    if (bb_event_is_rows(ev))
        return table_wanted(f, ev->rows.table);
    return true;
}

/* Copy the NULL-terminated lists of the filter into one allocation. */
static size_t list_size(const char *const *list, size_t *count)
{
    size_t n = 0;
    if (!list)
        return 0;
    for (; *list; list++, (*count)++)
        n += strlen(*list) + 1;
    return n;
}

static const char *const *copy_list(const char *const *list, char ***slots, char **strings)
{
    if (!list)
        return NULL;
    const char *const *start = (const char *const *)*slots;
    for (; *list; list++) {
        size_t n = strlen(*list) + 1;
        memcpy(*strings, *list, n);
        *(*slots)++ = *strings;
        *strings += n;
    }
    *(*slots)++ = NULL;
    return start;
}

static int copy_filter(struct bb_stream *s, const struct bb_filter *f, struct bb_error *err)
{
    s->filter = *f;
    size_t count = 0, bytes = 0;
    const char *const *lists[4] = { f->only_schemas, f->ignored_schemas, f->only_tables,
                                    f->ignored_tables };
    for (int i = 0; i < 4; i++)
        bytes += list_size(lists[i], &count);
    size_t slots_bytes = (count + 4) * sizeof(char *);
    s->lists = malloc(slots_bytes + bytes + 1);
    if (!s->lists)
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    char **slots = (char **)(void *)s->lists;
    char *strings = s->lists + slots_bytes;
    s->filter.only_schemas = copy_list(f->only_schemas, &slots, &strings);
    s->filter.ignored_schemas = copy_list(f->ignored_schemas, &slots, &strings);
    s->filter.only_tables = copy_list(f->only_tables, &slots, &strings);
    s->filter.ignored_tables = copy_list(f->ignored_tables, &slots, &strings);
    return 0;
}

/* ---- streams ---- */

static int table_hook_cb(void *ctx, struct cached_table *t, struct bb_error *err)
{
    return schema_info_fill(ctx, t, err);
}

static int stream_new(struct bb_stream **out, const struct bb_stream_options *opt,
                      struct bb_error *err)
{
    struct bb_stream_options defaults;
    if (!opt) {
        bb_stream_options_init(&defaults);
        opt = &defaults;
    }
    struct bb_stream *s = calloc(1, sizeof *s);
    if (!s)
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    decoder_init(&s->dec);
    s->dec.verify_checksum = opt->verify_checksum;
    if (opt->max_event_size)
        s->dec.max_event_size = opt->max_event_size;
    if (opt->rows_budget)
        s->dec.rows_budget = opt->rows_budget;
    if (copy_filter(s, &opt->filter, err) < 0) {
        bb_stream_close(s);
        return err->code;
    }
    s->dec.want_table = want_table_cb;
    s->dec.want_table_ctx = &s->filter;
    *out = s;
    return 0;
}

int bb_stream_open_files(struct bb_stream **out, const char *const *paths, size_t npaths,
                         const struct bb_stream_options *opt, struct bb_error *err)
{
    *out = NULL;
    struct bb_stream *s;
    int rc = stream_new(&s, opt, err);
    if (rc < 0)
        return rc;
    s->dec.require_format = true;
    rc = source_file_open(&s->src, paths, npaths, s->dec.max_event_size, err);
    if (rc < 0) {
        bb_stream_close(s);
        return rc;
    }
    *out = s;
    return 0;
}

int bb_stream_open_server(struct bb_stream **out, const struct bb_server_options *srv,
                          const struct bb_stream_options *opt, struct bb_error *err)
{
    *out = NULL;
    struct bb_stream *s;
    int rc = stream_new(&s, opt, err);
    if (rc < 0)
        return rc;
    rc = source_server_open(&s->src, srv, s->dec.max_event_size, err);
    if (rc < 0) {
        bb_stream_close(s);
        return rc;
    }
    if (s->src->initial_checksum_alg != BB_CHECKSUM_UNDEF)
        s->dec.checksum_alg = s->src->initial_checksum_alg;
    rc = schema_info_open(&s->schema, srv, err);
    if (rc < 0) {
        bb_stream_close(s);
        return rc;
    }
    s->dec.table_hook = table_hook_cb;
    s->dec.table_hook_ctx = s->schema;
    *out = s;
    return 0;
}

int bb_stream_next(struct bb_stream *s, const struct bb_event **ev, struct bb_error *err)
{
    *ev = NULL;
    while (!s->done) {
        if (s->interrupted) {
            s->done = true;
            return 0;
        }
        /* What the decoder holds back comes first: the next slice of a
         * large rows event, the next inner event of a TRANSACTION_PAYLOAD.
         * The source is not asked for the next event until they are all
         * out, which keeps the event's bytes (a view into the source's read
         * window, or the server connection's packet buffer, both valid
         * until the source's next read) valid while the decoder decodes
         * rows or inflates from them. */
        int rc = decoder_next(&s->dec, &s->ev, err);
        if (rc < 0) {
            s->done = true;
            return rc;
        }
        if (rc == 0) {
            struct source_event raw;
            rc = s->src->next(s->src, &raw, err);
            if (rc <= 0 || s->interrupted) {
                /* An interrupted read fails (its connection was shut
                 * down) or returns an event that is dropped: the end. */
                s->done = true;
                if (s->interrupted) {
                    bb_error_clear(err);
                    return 0;
                }
                return rc;
            }
            if (raw.new_file)
                decoder_reset_format(&s->dec);
            rc = decoder_decode(&s->dec, raw.data, raw.len, raw.pos, raw.log_file, &s->ev, err);
            if (rc < 0) {
                s->done = true;
                return rc;
            }
        }
        if (s->schema && (s->ev.type == QUERY_EVENT || s->ev.type == QUERY_COMPRESSED_EVENT))
            schema_info_note_query(s->schema, &s->ev.query, s->dec.server_version);
        if (event_wanted(&s->filter, &s->ev)) {
            *ev = &s->ev;
            return 1;
        }
    }
    return 0;
}

void bb_stream_interrupt(struct bb_stream *s)
{
    if (!s)
        return;
    s->interrupted = 1;
    if (s->src && s->src->interrupt)
        s->src->interrupt(s->src);
}

bool bb_stream_caught_up(const struct bb_stream *s)
{
    if (s->done)
        return true;
    if (decoder_holds_more(&s->dec))
        return false;
    /* Files never wait: they are read to their end. */
    return s->src->caught_up ? s->src->caught_up(s->src) : false;
}

void bb_stream_close(struct bb_stream *s)
{
    if (!s)
        return;
    if (s->src)
        s->src->close(s->src);
    decoder_destroy(&s->dec);
    schema_info_close(s->schema);
    free(s->lists);
    free(s);
}
