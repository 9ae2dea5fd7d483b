/* metrics.h - what `binbridge run` counts and how healthy it is, for the
 * HTTP listener's /metrics (Prometheus text format) and /health.
 *
 * One writer, many readers: the replication loop is the only thread that
 * calls the metrics_note_* functions (counters are single-writer C11
 * atomics, stored with relaxed order: a plain load, add and store, no
 * locked instruction), and any thread may render or judge health at any
 * time. Texts (a failure's reason, a checkpoint's file name) sit under a
 * mutex that the loop holds only to copy a short string, never while
 * anything is sent: a slow HTTP client cannot hold up replication.
 *
 * Sink-neutral: sinks are named by the configuration (cfg->sinks[k]->name)
 * and indexed as there. Tables are labelled "schema.table"; at most
 * max_tables distinct ones are kept, the rest are counted together under
 * the label "(other)" (which, having no dot, no real table can be). */
#ifndef BB_METRICS_H
#define BB_METRICS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "mapping/checkpoint.h"
#include "mapping/config.h"

/* Tables with series of their own, by default. */
#define METRICS_MAX_TABLES 200
/* What labels the tables beyond max_tables. */
#define METRICS_OTHER_TABLE "(other)"

enum metrics_op { METRICS_INSERT, METRICS_UPDATE, METRICS_DELETE, METRICS_NOPS };

/* Why a sink failed: it could not be reached, a batch could not be
 * written, or the store refused writes for a while (BB_ERR_AGAIN). */
enum metrics_sink_error { METRICS_SINK_CONNECT, METRICS_SINK_WRITE, METRICS_SINK_REFUSED,
                          METRICS_SINK_NERRORS };
/* Why the source failed: connecting (or its startup checks), reading the
 * stream, or a stall (nothing, not even a heartbeat, for the read timeout). */
enum metrics_source_error { METRICS_SOURCE_CONNECT, METRICS_SOURCE_READ, METRICS_SOURCE_STALL,
                            METRICS_SOURCE_NERRORS };

/* Who a failure or a recovery concerns: the source, or sink k (its index
 * in cfg->sinks). */
#define METRICS_SOURCE (-1)

struct metrics;

/* Counters for the sinks of cfg (cfg->sinks, those configured), with at
 * most max_tables tables of their own (0: METRICS_MAX_TABLES). Returns
 * NULL when out of memory. cfg must outlive the metrics (the sinks' names
 * are its). */
struct metrics *metrics_new(const struct bb_config *cfg, size_t max_tables);
void metrics_free(struct metrics *m);

/* ------------------------------------------------------------------ */
/* The writer: the replication loop only                              */

/* An event was read (a heartbeat too): its type code, its size on the
 * wire (0 for events unpacked from a compressed transaction) and whether
 * it is one (a heartbeat, or an artificial event of the server's). */
void metrics_note_event(struct metrics *m, uint8_t type, uint64_t bytes, bool heartbeat,
                        bool artificial);
/* The source's clock says everything it committed up to `when` (seconds
 * since the epoch, fractions allowed) has been read: a heartbeat (now) or
 * the commit time of a transaction read. Never moves back. */
void metrics_note_synced(struct metrics *m, double when);
/* The slot of schema.table for the row counters (METRICS_OTHER_TABLE's
 * beyond the cap). */
size_t metrics_table_slot(struct metrics *m, const char *schema, const char *table);
/* n row changes of slot's table were read. */
void metrics_note_rows_read(struct metrics *m, size_t slot, enum metrics_op op, uint64_t n);
/* One row change was handed to sink k; applied when k commits. */
void metrics_note_row_buffered(struct metrics *m, size_t k, size_t slot, enum metrics_op op);
/* Sink k wrote a batch in `seconds`, with checkpoint cp: what it had
 * buffered counts as applied. */
void metrics_note_commit(struct metrics *m, size_t k, double seconds, const struct checkpoint *cp);
/* Sink k's saved checkpoint, as read back at a (re)start. */
void metrics_note_checkpoint(struct metrics *m, size_t k, const struct checkpoint *cp);
/* Sink k dropped what it had buffered (after a failure). */
void metrics_note_discard(struct metrics *m, size_t k);
/* Sink k connected again after a failure. */
void metrics_note_sink_reconnect(struct metrics *m, size_t k);
void metrics_note_sink_error(struct metrics *m, size_t k, enum metrics_sink_error kind);
void metrics_note_source_error(struct metrics *m, enum metrics_source_error kind);
/* The stream from the source is open (connected) or closed. A reconnect
 * is counted at every connection after the first. */
void metrics_note_connected(struct metrics *m, bool connected);
/* The source followed now ("host:port"), for binbridge_source_info; a
 * change after the first counts as a switch (binbridge_source_switches_total). */
void metrics_note_source(struct metrics *m, const char *where);
/* who (METRICS_SOURCE or a sink) is failing since its first failure, for
 * `reason` (a one-line message); or works again. */
void metrics_note_down(struct metrics *m, int who, const char *reason);
void metrics_note_up(struct metrics *m, int who);
/* The loop is busy (handling an event, writing a batch, loading) rather
 * than waiting for the source: time without events then is no stall. */
void metrics_note_busy(struct metrics *m, bool busy);
/* Seconds of waiting for the source without any event or heartbeat after
 * which it counts as stalled (0: never). */
void metrics_note_stall_after(struct metrics *m, double seconds);
/* Seconds since the loop last handled something or started waiting (the
 * writer's view of a stall). */
double metrics_quiet_seconds(struct metrics *m);
/* A snapshot (initial load or a table's reload) starts, goes on, ends. */
void metrics_note_snapshot(struct metrics *m, bool active);
void metrics_note_snapshot_table(struct metrics *m, uint64_t estimated_rows);
void metrics_note_snapshot_rows(struct metrics *m, uint64_t rows);

/* ------------------------------------------------------------------ */
/* Readers: any thread                                                 */

/* The lag behind the source, in seconds: how long ago the source
 * committed the newest change known to be read (a heartbeat says: all of
 * them, as of its arrival). It keeps growing while disconnected; NaN
 * before anything is known (never connected, no checkpoint). */
double metrics_lag(const struct metrics *m);

/* Every metric in the Prometheus text exposition format (version 0.0.4),
 * appended to out. */
void metrics_render(struct metrics *m, struct bb_buf *out);

/* Healthy (true) when connected to the source and reading, every sink
 * working, and the source not stalled; else false with a one-line reason
 * ("source disconnected for 12 s: ..."). */
bool metrics_healthy(struct metrics *m, char *reason, size_t size);

#endif
