/* bridge.h - `binbridge run`: the replication loop.
 *
 *   source stream -> transactions -> mapper -> sinks (batched) -> checkpoint
 *
 * Row changes are buffered in the sinks and written together with the
 * position they lead to, in one atomic step per batch; a batch holds whole
 * transactions, except a transaction too large for the batch limits, which
 * is written in chunks whose checkpoints count the rows already applied.
 * Any failure drops what is buffered, waits (with backoff), reconnects and
 * resumes from the checkpoints the sinks read back, so nothing is lost and
 * nothing applied twice. */
#ifndef BB_BRIDGE_H
#define BB_BRIDGE_H

#include <stdbool.h>

#include "binbridge.h"
#include "mapping/config.h"

struct metrics;

/* Run until stopped (bridge_request_stop, e.g. from SIGTERM/SIGINT), until
 * the server's current end when stop_at_end, or a failure that retrying
 * cannot cure. srv carries the source connection (URL, password, server
 * id). metrics (bridge/metrics.h, made for cfg) receives its counters and
 * health for another thread to read; NULL: the bridge keeps its own.
 * Returns 0 after a clean stop (everything read so far applied and saved),
 * or a negative error. */
int bridge_run(const struct bb_config *cfg, const struct bb_server_options *srv, bool stop_at_end,
               struct metrics *metrics, struct bb_error *err);
/* The same with several servers srvs[0..nsrv) (a primary and its
 * replicas): tried in order at start and after a lost connection, the
 * bridge follows the first that can serve the checkpoint (by GTID: one that
 * has every transaction the sinks hold; by position: the server that wrote
 * it), and logs which one and why in one line when that changes. A server
 * that lacks transactions the sinks hold is waited for up to
 * cfg->catch_up_wait seconds, then the bridge stops naming them. */
int bridge_run_sources(const struct bb_config *cfg, const struct bb_server_options *srvs,
                       size_t nsrv, bool stop_at_end, struct metrics *metrics,
                       struct bb_error *err);

/* Ask a running bridge to finish the batch in hand, save and return.
 * Async-signal-safe. */
void bridge_request_stop(void);

#endif
