/* metrics.c - counters of the replication loop, rendered for Prometheus,
 * and the health verdict (metrics.h). */
#include "bridge/metrics.h"

#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/text_escape.h"
#include "binbridge.h"

/* Upper bounds of the batch write latency histogram's buckets, seconds:
 * from a local Redis pipeline (well under a millisecond) to a store that
 * takes seconds. */
static const double latency_bounds[] = { 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                         0.1,    0.25,  0.5,    1,     2.5,  5,     10 };
#define NBOUNDS (sizeof latency_bounds / sizeof latency_bounds[0])

static const char *const op_names[METRICS_NOPS] = { "insert", "update", "delete" };
static const char *const sink_error_names[METRICS_SINK_NERRORS] = { "connect", "write",
                                                                    "refused" };
static const char *const source_error_names[METRICS_SOURCE_NERRORS] = { "connect", "read",
                                                                        "stall" };

typedef _Atomic uint64_t counter;
typedef _Atomic double gauge;

/* Who may fail: the source, or a sink. Its reason is under the lock. */
struct component {
    _Atomic bool down;
    gauge since;                        /* CLOCK_MONOTONIC of the first failure */
    char reason[BB_ERROR_MSG_MAX];
};

struct msink {
    const char *name;                   /* the configuration's: "redis" */
    bool configured;
    counter reconnects;
    counter errors[METRICS_SINK_NERRORS];
    counter buckets[NBOUNDS + 1];       /* not cumulative; the last is +Inf */
    gauge latency_sum;
    counter *applied;                   /* (max_tables + 1) * METRICS_NOPS */
    struct component state;
    /* the writer's alone: what is buffered, by slot and operation, and
     * which slots hold something */
    uint64_t *pending;
    uint32_t *touched;
    size_t ntouched;
    bool *is_touched;
    /* under the lock */
    bool has_cp;
    char cp_file[CHECKPOINT_FILE_MAX];
    uint64_t cp_pos;
    uint32_t cp_time;
};

struct metrics {
    pthread_mutex_t lock;
    double start_wall;
    gauge stall_after;
    size_t nsinks;
    struct msink *sinks;
    struct component source;

    counter events[256];                /* by type code */
    counter bytes;
    counter reconnects;
    counter source_errors[METRICS_SOURCE_NERRORS];
    gauge synced;                       /* wall clock: everything committed up to here is read */
    gauge last_event;                   /* CLOCK_MONOTONIC of the last event (not heartbeat) */
    gauge last_activity;                /* ... of the last event or heartbeat */
    gauge connected_since;              /* ... of the last change of `connected` */
    _Atomic bool connected, ever_connected, busy;
    char source_name[300];              /* the server followed (under lock); "" before one */
    counter switches;                   /* changes of source_name after the first */

    /* tables: names[0..ntables) are published (set before ntables moves
     * past them, with release order); slot max_tables is "(other)" */
    size_t max_tables;
    _Atomic size_t ntables;
    char **names;
    counter *rows_read;                 /* (max_tables + 1) * METRICS_NOPS */
    uint32_t *hash;                     /* the writer's: slot + 1, 0 for empty */
    size_t hash_cap;

    _Atomic bool snap_active;
    counter snap_rows, snap_estimated, snap_tables;
};

/* The loop stamps every event: the coarse clock (a few ms of resolution,
 * far finer than any threshold here) costs next to nothing. */
static double now_mono(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double now_wall(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The writer is alone: a relaxed load, add and store is enough (and is
 * no locked instruction); readers see whole values. */
static inline void bump(counter *c, uint64_t n)
{
    atomic_store_explicit(c, atomic_load_explicit(c, memory_order_relaxed) + n,
                          memory_order_relaxed);
}

static inline uint64_t get(counter *c)
{
    return atomic_load_explicit(c, memory_order_relaxed);
}

static inline void gset(gauge *g, double v)
{
    atomic_store_explicit(g, v, memory_order_relaxed);
}

static inline double gget(gauge *g)
{
    return atomic_load_explicit(g, memory_order_relaxed);
}

struct metrics *metrics_new(const struct bb_config *cfg, size_t max_tables)
{
    struct metrics *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    pthread_mutex_init(&m->lock, NULL);
    m->start_wall = now_wall();
    m->max_tables = max_tables ? max_tables : METRICS_MAX_TABLES;
    m->hash_cap = 16;
    while (m->hash_cap < 2 * m->max_tables)
        m->hash_cap *= 2;
    size_t cells = (m->max_tables + 1) * METRICS_NOPS;
    m->names = calloc(m->max_tables, sizeof *m->names);
    m->rows_read = calloc(cells, sizeof *m->rows_read);
    m->hash = calloc(m->hash_cap, sizeof *m->hash);
    m->nsinks = cfg->nsinks;
    m->sinks = calloc(m->nsinks ? m->nsinks : 1, sizeof *m->sinks);
    if (!m->names || !m->rows_read || !m->hash || !m->sinks)
        goto fail;
    for (size_t k = 0; k < m->nsinks; k++) {
        struct msink *s = &m->sinks[k];
        s->name = cfg->sinks[k]->name;
        s->configured = config_sink_url(cfg, k) != NULL;
        if (!s->configured)
            continue;
        s->applied = calloc(cells, sizeof *s->applied);
        s->pending = calloc(cells, sizeof *s->pending);
        s->touched = calloc(m->max_tables + 1, sizeof *s->touched);
        s->is_touched = calloc(m->max_tables + 1, sizeof *s->is_touched);
        if (!s->applied || !s->pending || !s->touched || !s->is_touched)
            goto fail;
    }
    gset(&m->connected_since, now_mono());
    return m;
fail:
    metrics_free(m);
    return NULL;
}

void metrics_free(struct metrics *m)
{
    if (!m)
        return;
    for (size_t k = 0; k < m->nsinks && m->sinks; k++) {
        free(m->sinks[k].applied);
        free(m->sinks[k].pending);
        free(m->sinks[k].touched);
        free(m->sinks[k].is_touched);
    }
    free(m->sinks);
    if (m->names)
        for (size_t i = 0; i < m->max_tables; i++)
            free(m->names[i]);
    free(m->names);
    free(m->rows_read);
    free(m->hash);
    pthread_mutex_destroy(&m->lock);
    free(m);
}

/* ------------------------------------------------------------------ */
/* The writer                                                          */

void metrics_note_event(struct metrics *m, uint8_t type, uint64_t bytes, bool heartbeat,
                        bool artificial)
{
    double t = now_mono();
    bump(&m->events[type], 1);
    bump(&m->bytes, bytes);
    gset(&m->last_activity, t);
    if (heartbeat)
        metrics_note_synced(m, now_wall());
    else if (!artificial)
        gset(&m->last_event, t);
}

void metrics_note_synced(struct metrics *m, double when)
{
    if (when > gget(&m->synced))
        gset(&m->synced, when);
}

static uint64_t name_hash(const char *s)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
    return h;
}

size_t metrics_table_slot(struct metrics *m, const char *schema, const char *table)
{
    char key[2 * 256 + 2];
    snprintf(key, sizeof key, "%s.%s", schema, table);
    size_t n = atomic_load_explicit(&m->ntables, memory_order_relaxed);
    size_t mask = m->hash_cap - 1;
    for (size_t i = (size_t)name_hash(key) & mask;; i = (i + 1) & mask) {
        uint32_t e = m->hash[i];
        if (e == 0) {
            /* a new table: a slot of its own while there are some left */
            if (n == m->max_tables || !(m->names[n] = strdup(key)))
                return m->max_tables;
            m->hash[i] = (uint32_t)n + 1;
            atomic_store_explicit(&m->ntables, n + 1, memory_order_release);
            return n;
        }
        if (strcmp(m->names[e - 1], key) == 0)
            return e - 1;
    }
}

void metrics_note_rows_read(struct metrics *m, size_t slot, enum metrics_op op, uint64_t n)
{
    bump(&m->rows_read[slot * METRICS_NOPS + op], n);
}

void metrics_note_row_buffered(struct metrics *m, size_t k, size_t slot, enum metrics_op op)
{
    struct msink *s = &m->sinks[k];
    s->pending[slot * METRICS_NOPS + op]++;
    if (!s->is_touched[slot]) {
        s->is_touched[slot] = true;
        s->touched[s->ntouched++] = (uint32_t)slot;
    }
}

static void set_checkpoint(struct metrics *m, struct msink *s, const struct checkpoint *cp)
{
    pthread_mutex_lock(&m->lock);
    s->has_cp = true;
    snprintf(s->cp_file, sizeof s->cp_file, "%s", cp->file);
    s->cp_pos = cp->pos;
    s->cp_time = cp->commit_time;
    pthread_mutex_unlock(&m->lock);
}

void metrics_note_commit(struct metrics *m, size_t k, double seconds, const struct checkpoint *cp)
{
    struct msink *s = &m->sinks[k];
    for (size_t i = 0; i < s->ntouched; i++) {
        size_t slot = s->touched[i];
        for (int op = 0; op < METRICS_NOPS; op++) {
            uint64_t *p = &s->pending[slot * METRICS_NOPS + op];
            if (*p)
                bump(&s->applied[slot * METRICS_NOPS + op], *p);
            *p = 0;
        }
        s->is_touched[slot] = false;
    }
    s->ntouched = 0;
    size_t b = 0;
    while (b < NBOUNDS && seconds > latency_bounds[b])
        b++;
    gset(&s->latency_sum, gget(&s->latency_sum) + seconds);
    bump(&s->buckets[b], 1);
    set_checkpoint(m, s, cp);
}

void metrics_note_checkpoint(struct metrics *m, size_t k, const struct checkpoint *cp)
{
    set_checkpoint(m, &m->sinks[k], cp);
}

void metrics_note_discard(struct metrics *m, size_t k)
{
    struct msink *s = &m->sinks[k];
    for (size_t i = 0; i < s->ntouched; i++) {
        size_t slot = s->touched[i];
        memset(&s->pending[slot * METRICS_NOPS], 0, METRICS_NOPS * sizeof *s->pending);
        s->is_touched[slot] = false;
    }
    s->ntouched = 0;
}

void metrics_note_sink_reconnect(struct metrics *m, size_t k)
{
    bump(&m->sinks[k].reconnects, 1);
}

void metrics_note_sink_error(struct metrics *m, size_t k, enum metrics_sink_error kind)
{
    bump(&m->sinks[k].errors[kind], 1);
}

void metrics_note_source_error(struct metrics *m, enum metrics_source_error kind)
{
    bump(&m->source_errors[kind], 1);
}

void metrics_note_connected(struct metrics *m, bool connected)
{
    if (connected == atomic_load(&m->connected))
        return;
    double t = now_mono();
    if (connected) {
        if (atomic_load(&m->ever_connected))
            bump(&m->reconnects, 1);
        atomic_store(&m->ever_connected, true);
        /* reading starts now: no stall before a first heartbeat is due */
        gset(&m->last_activity, t);
    }
    gset(&m->connected_since, t);
    atomic_store(&m->connected, connected);
}

static struct component *component_of(struct metrics *m, int who)
{
    return who == METRICS_SOURCE ? &m->source : &m->sinks[who].state;
}

void metrics_note_source(struct metrics *m, const char *where)
{
    pthread_mutex_lock(&m->lock);
    if (strcmp(m->source_name, where) != 0) {
        if (m->source_name[0])
            bump(&m->switches, 1);
        snprintf(m->source_name, sizeof m->source_name, "%s", where);
    }
    pthread_mutex_unlock(&m->lock);
}

void metrics_note_down(struct metrics *m, int who, const char *reason)
{
    struct component *c = component_of(m, who);
    pthread_mutex_lock(&m->lock);
    snprintf(c->reason, sizeof c->reason, "%s", reason);
    if (!atomic_load(&c->down)) {
        gset(&c->since, now_mono());
        atomic_store(&c->down, true);
    }
    pthread_mutex_unlock(&m->lock);
}

void metrics_note_up(struct metrics *m, int who)
{
    atomic_store(&component_of(m, who)->down, false);
}

void metrics_note_busy(struct metrics *m, bool busy)
{
    if (!busy)
        gset(&m->last_activity, now_mono());
    atomic_store_explicit(&m->busy, busy, memory_order_relaxed);
}

double metrics_quiet_seconds(struct metrics *m)
{
    return now_mono() - gget(&m->last_activity);
}

void metrics_note_stall_after(struct metrics *m, double seconds)
{
    gset(&m->stall_after, seconds);
}

void metrics_note_snapshot(struct metrics *m, bool active)
{
    if (active) {
        atomic_store(&m->snap_rows, 0);
        atomic_store(&m->snap_estimated, 0);
        atomic_store(&m->snap_tables, 0);
    }
    atomic_store(&m->snap_active, active);
}

void metrics_note_snapshot_table(struct metrics *m, uint64_t estimated_rows)
{
    bump(&m->snap_tables, 1);
    bump(&m->snap_estimated, estimated_rows);
}

void metrics_note_snapshot_rows(struct metrics *m, uint64_t rows)
{
    bump(&m->snap_rows, rows);
    /* loading is reading too */
    gset(&m->last_activity, now_mono());
}

/* ------------------------------------------------------------------ */
/* Readers                                                             */

double metrics_lag(const struct metrics *m)
{
    double synced = gget((gauge *)&m->synced);
    if (synced <= 0)
        return NAN;
    double lag = now_wall() - synced;
    return lag > 0 ? lag : 0;
}

/* A label value: outside text made printable and valid UTF-8
 * (text_escape.h), then escaped as the format wants (\\, \", \n). */
static void put_label(struct bb_buf *out, const char *name, const char *value, bool first)
{
    if (!first)
        bb_buf_putc(out, ',');
    bb_buf_printf(out, "%s=\"", name);
    struct bb_buf v;
    bb_buf_init(&v);
    text_escape_append(&v, value, strlen(value));
    for (size_t i = 0; i < v.len; i++) {
        char c = v.data[i];
        if (c == '\\' || c == '"')
            bb_buf_putc(out, '\\');
        if (c == '\n') {
            bb_buf_puts(out, "\\n");
            continue;
        }
        bb_buf_putc(out, c);
    }
    bb_buf_destroy(&v);
    bb_buf_putc(out, '"');
}

static void put_value(struct bb_buf *out, double v)
{
    if (isnan(v))
        bb_buf_puts(out, " NaN\n");
    else if (isinf(v))
        bb_buf_puts(out, v > 0 ? " +Inf\n" : " -Inf\n");
    else if (v == floor(v) && fabs(v) < 9007199254740992.0)
        bb_buf_printf(out, " %.0f\n", v);
    else
        bb_buf_printf(out, " %.17g\n", v);
}

static void put_u64(struct bb_buf *out, uint64_t v)
{
    bb_buf_putc(out, ' ');
    bb_buf_put_u64(out, v);
    bb_buf_putc(out, '\n');
}

static void family(struct bb_buf *out, const char *name, const char *type, const char *help)
{
    bb_buf_printf(out, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

static void sample_start(struct bb_buf *out, const char *name)
{
    bb_buf_puts(out, name);
}

void metrics_render(struct metrics *m, struct bb_buf *out)
{
    char reason[BB_ERROR_MSG_MAX];
    bool healthy = metrics_healthy(m, reason, sizeof reason);
    double tmono = now_mono();

    family(out, "binbridge_build_info", "gauge", "The binbridge version, as a label; always 1.");
    sample_start(out, "binbridge_build_info{");
    put_label(out, "version", bb_version(), true);
    bb_buf_puts(out, "} 1\n");
    family(out, "binbridge_start_time_seconds", "gauge",
           "When this binbridge started, in seconds since the epoch.");
    sample_start(out, "binbridge_start_time_seconds");
    put_value(out, floor(m->start_wall * 1000) / 1000);
    family(out, "binbridge_healthy", "gauge",
           "1 when connected to the source, reading, and every sink working (/health says 200).");
    sample_start(out, "binbridge_healthy");
    put_u64(out, healthy);

    /* the source */
    family(out, "binbridge_source_connected", "gauge",
           "1 while the binlog stream from the source is open.");
    sample_start(out, "binbridge_source_connected");
    put_u64(out, atomic_load(&m->connected));
    char name[sizeof m->source_name];
    pthread_mutex_lock(&m->lock);
    memcpy(name, m->source_name, sizeof name);
    pthread_mutex_unlock(&m->lock);
    if (name[0]) {
        family(out, "binbridge_source_info", "gauge",
               "The source server followed (of those configured), as a label; always 1.");
        sample_start(out, "binbridge_source_info{");
        put_label(out, "server", name, true);
        bb_buf_puts(out, "} 1\n");
    }
    family(out, "binbridge_source_switches_total", "counter",
           "Changes of the source server followed (a failover), after the first choice.");
    sample_start(out, "binbridge_source_switches_total");
    put_u64(out, get(&m->switches));
    family(out, "binbridge_source_reconnects_total", "counter",
           "Connections to the source after the first.");
    sample_start(out, "binbridge_source_reconnects_total");
    put_u64(out, get(&m->reconnects));
    family(out, "binbridge_source_errors_total", "counter",
           "Failures of the source, by kind: connect, read, stall (nothing for the read timeout).");
    for (int k = 0; k < METRICS_SOURCE_NERRORS; k++) {
        sample_start(out, "binbridge_source_errors_total{");
        put_label(out, "kind", source_error_names[k], true);
        bb_buf_putc(out, '}');
        put_u64(out, get(&m->source_errors[k]));
    }
    family(out, "binbridge_source_events_total", "counter",
           "Binlog events read, by type (heartbeats included, the later slices of a large rows "
           "event not).");
    for (int t = 0; t < 256; t++) {
        uint64_t n = get(&m->events[t]);
        if (!n)
            continue;
        char code[12];   /* any int: t < 256, but the compiler cannot see it at -O1 */
        snprintf(code, sizeof code, "%d", t);
        sample_start(out, "binbridge_source_events_total{");
        put_label(out, "type", bb_event_type_name((uint8_t)t), true);
        put_label(out, "code", code, false);
        bb_buf_putc(out, '}');
        put_u64(out, n);
    }
    family(out, "binbridge_source_bytes_total", "counter", "Bytes of binlog events read.");
    sample_start(out, "binbridge_source_bytes_total");
    put_u64(out, get(&m->bytes));
    family(out, "binbridge_source_lag_seconds", "gauge",
           "Seconds since the source committed the newest change known to be read (a heartbeat: "
           "all of them); grows while disconnected; NaN while nothing is known.");
    sample_start(out, "binbridge_source_lag_seconds");
    put_value(out, metrics_lag(m));
    family(out, "binbridge_source_seconds_since_last_event", "gauge",
           "Seconds since the last binlog event (not a heartbeat) was read; NaN before the first.");
    double last = gget(&m->last_event);
    sample_start(out, "binbridge_source_seconds_since_last_event");
    put_value(out, last > 0 ? floor((tmono - last) * 1000) / 1000 : NAN);

    /* tables */
    size_t ntables = atomic_load_explicit(&m->ntables, memory_order_acquire);
    family(out, "binbridge_rows_read_total", "counter",
           "Row changes read from the binlog, by table (\"schema.table\"; \"" METRICS_OTHER_TABLE
           "\" beyond the table cap) and operation.");
    for (size_t slot = 0; slot <= m->max_tables; slot++) {
        if (slot >= ntables && slot != m->max_tables)
            continue;
        for (int op = 0; op < METRICS_NOPS; op++) {
            uint64_t n = get(&m->rows_read[slot * METRICS_NOPS + op]);
            if (!n)
                continue;
            sample_start(out, "binbridge_rows_read_total{");
            put_label(out, "table", slot == m->max_tables ? METRICS_OTHER_TABLE : m->names[slot],
                      true);
            put_label(out, "op", op_names[op], false);
            bb_buf_putc(out, '}');
            put_u64(out, n);
        }
    }

    /* sinks */
    family(out, "binbridge_sink_rows_applied_total", "counter",
           "Row changes a sink has written (committed with their checkpoint), by table and "
           "operation.");
    for (size_t k = 0; k < m->nsinks; k++) {
        struct msink *s = &m->sinks[k];
        if (!s->configured)
            continue;
        for (size_t slot = 0; slot <= m->max_tables; slot++) {
            if (slot >= ntables && slot != m->max_tables)
                continue;
            for (int op = 0; op < METRICS_NOPS; op++) {
                uint64_t n = get(&s->applied[slot * METRICS_NOPS + op]);
                if (!n)
                    continue;
                sample_start(out, "binbridge_sink_rows_applied_total{");
                put_label(out, "sink", s->name, true);
                put_label(out, "table",
                          slot == m->max_tables ? METRICS_OTHER_TABLE : m->names[slot], false);
                put_label(out, "op", op_names[op], false);
                bb_buf_putc(out, '}');
                put_u64(out, n);
            }
        }
    }
    family(out, "binbridge_sink_batch_duration_seconds", "histogram",
           "Seconds a sink took to write one batch with its checkpoint.");
    for (size_t k = 0; k < m->nsinks; k++) {
        struct msink *s = &m->sinks[k];
        if (!s->configured)
            continue;
        uint64_t cum = 0;
        for (size_t b = 0; b <= NBOUNDS; b++) {
            char le[32];
            if (b < NBOUNDS)
                snprintf(le, sizeof le, "%g", latency_bounds[b]);
            else
                snprintf(le, sizeof le, "+Inf");
            cum += get(&s->buckets[b]);
            sample_start(out, "binbridge_sink_batch_duration_seconds_bucket{");
            put_label(out, "sink", s->name, true);
            put_label(out, "le", le, false);
            bb_buf_putc(out, '}');
            put_u64(out, cum);
        }
        sample_start(out, "binbridge_sink_batch_duration_seconds_sum{");
        put_label(out, "sink", s->name, true);
        bb_buf_putc(out, '}');
        put_value(out, gget(&s->latency_sum));
        sample_start(out, "binbridge_sink_batch_duration_seconds_count{");
        put_label(out, "sink", s->name, true);
        bb_buf_putc(out, '}');
        put_u64(out, cum);
    }
    family(out, "binbridge_sink_errors_total", "counter",
           "Failures of a sink, by kind: connect, write, refused (the store refused writes for a "
           "while).");
    for (size_t k = 0; k < m->nsinks; k++) {
        struct msink *s = &m->sinks[k];
        if (!s->configured)
            continue;
        for (int e = 0; e < METRICS_SINK_NERRORS; e++) {
            sample_start(out, "binbridge_sink_errors_total{");
            put_label(out, "sink", s->name, true);
            put_label(out, "kind", sink_error_names[e], false);
            bb_buf_putc(out, '}');
            put_u64(out, get(&s->errors[e]));
        }
    }
    family(out, "binbridge_sink_reconnects_total", "counter",
           "Connections to a sink after a failure.");
    for (size_t k = 0; k < m->nsinks; k++) {
        struct msink *s = &m->sinks[k];
        if (!s->configured)
            continue;
        sample_start(out, "binbridge_sink_reconnects_total{");
        put_label(out, "sink", s->name, true);
        bb_buf_putc(out, '}');
        put_u64(out, get(&s->reconnects));
    }
    family(out, "binbridge_sink_up", "gauge", "0 while a sink is failing, else 1.");
    for (size_t k = 0; k < m->nsinks; k++) {
        struct msink *s = &m->sinks[k];
        if (!s->configured)
            continue;
        sample_start(out, "binbridge_sink_up{");
        put_label(out, "sink", s->name, true);
        bb_buf_putc(out, '}');
        put_u64(out, !atomic_load(&s->state.down));
    }
    /* the checkpoints, copied under the lock, rendered outside it */
    struct {
        bool has;
        char file[CHECKPOINT_FILE_MAX];
        uint64_t pos;
        uint32_t time;
    } cp;
    family(out, "binbridge_sink_checkpoint_position", "gauge",
           "The byte offset in its binlog file (label file) of the position a sink has saved.");
    for (size_t k = 0; k < m->nsinks; k++) {
        struct msink *s = &m->sinks[k];
        if (!s->configured)
            continue;
        pthread_mutex_lock(&m->lock);
        cp.has = s->has_cp;
        memcpy(cp.file, s->cp_file, sizeof cp.file);
        cp.pos = s->cp_pos;
        pthread_mutex_unlock(&m->lock);
        if (!cp.has)
            continue;
        sample_start(out, "binbridge_sink_checkpoint_position{");
        put_label(out, "sink", s->name, true);
        put_label(out, "file", cp.file, false);
        bb_buf_putc(out, '}');
        put_u64(out, cp.pos);
    }
    family(out, "binbridge_sink_checkpoint_commit_timestamp_seconds", "gauge",
           "When the source committed the last transaction a sink has saved, in seconds since "
           "the epoch.");
    for (size_t k = 0; k < m->nsinks; k++) {
        struct msink *s = &m->sinks[k];
        if (!s->configured)
            continue;
        pthread_mutex_lock(&m->lock);
        cp.has = s->has_cp;
        cp.time = s->cp_time;
        pthread_mutex_unlock(&m->lock);
        if (!cp.has)
            continue;
        sample_start(out, "binbridge_sink_checkpoint_commit_timestamp_seconds{");
        put_label(out, "sink", s->name, true);
        bb_buf_putc(out, '}');
        put_u64(out, cp.time);
    }

    /* snapshots */
    family(out, "binbridge_snapshot_active", "gauge",
           "1 while tables are copied from a snapshot (the initial load, or a table reloaded "
           "after ALTER TABLE).");
    sample_start(out, "binbridge_snapshot_active");
    put_u64(out, atomic_load(&m->snap_active));
    family(out, "binbridge_snapshot_rows", "gauge",
           "Rows copied by the current (or last) snapshot so far.");
    sample_start(out, "binbridge_snapshot_rows");
    put_u64(out, get(&m->snap_rows));
    family(out, "binbridge_snapshot_rows_estimated", "gauge",
           "The source's estimate (information_schema TABLE_ROWS) of the rows of the tables the "
           "current (or last) snapshot has begun.");
    sample_start(out, "binbridge_snapshot_rows_estimated");
    put_u64(out, get(&m->snap_estimated));
    family(out, "binbridge_snapshot_tables", "gauge",
           "Tables the current (or last) snapshot has begun.");
    sample_start(out, "binbridge_snapshot_tables");
    put_u64(out, get(&m->snap_tables));
}

bool metrics_healthy(struct metrics *m, char *reason, size_t size)
{
    double t = now_mono();
    bool bad = false;
    pthread_mutex_lock(&m->lock);
    for (size_t k = 0; k < m->nsinks && !bad; k++) {
        struct component *c = &m->sinks[k].state;
        if (m->sinks[k].configured && atomic_load(&c->down)) {
            snprintf(reason, size, "%s sink failing for %.0f s: %s", m->sinks[k].name,
                     t - gget(&c->since), c->reason);
            bad = true;
        }
    }
    if (!bad && atomic_load(&m->source.down)) {
        snprintf(reason, size, "source disconnected for %.0f s: %s", t - gget(&m->source.since),
                 m->source.reason);
        bad = true;
    }
    pthread_mutex_unlock(&m->lock);
    if (bad)
        return false;
    if (atomic_load(&m->snap_active)) {
        snprintf(reason, size, "ok: loading a snapshot, %llu rows of about %llu",
                 (unsigned long long)get(&m->snap_rows),
                 (unsigned long long)get(&m->snap_estimated));
        return true;
    }
    if (!atomic_load(&m->connected)) {
        double since = t - gget(&m->connected_since);
        if (atomic_load(&m->ever_connected))
            snprintf(reason, size, "source disconnected for %.0f s", since);
        else
            snprintf(reason, size, "not connected to the source yet (for %.0f s)", since);
        return false;
    }
    double quiet = t - gget(&m->last_activity), stall_after = gget(&m->stall_after);
    if (stall_after > 0 && !atomic_load_explicit(&m->busy, memory_order_relaxed) &&
        quiet > stall_after) {
        snprintf(reason, size, "stalled: no event or heartbeat from the source for %.0f s", quiet);
        return false;
    }
    snprintf(reason, size, "ok");
    return true;
}
