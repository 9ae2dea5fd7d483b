/* failover_util.h - a private MariaDB primary and its GTID replica
 * (tests/failover/pair.sh) for the tests that kill and promote servers,
 * and the checks those tests share. */
#ifndef BB_FAILOVER_UTIL_H
#define BB_FAILOVER_UTIL_H

#include <stdbool.h>
#include <stdint.h>

#include "tests/e2e/bridge_util.h"

struct fo_pair {
    char dir[256];                 /* /tmp/bbfo-<tag>-<pid> */
    unsigned port[2];              /* primary, replica */
    struct e2e_servers srv[2];     /* each as the e2e harness sees a server (Redis,
                                      MongoDB: the shared ones) */
    bool started;
};

/* Start the pair on free ports (asserts). */
void fo_pair_start(struct fo_pair *p, const char *tag);
/* The same, both serving TLS with the certificate of tls_dir (pair.sh
 * start's TLS_DIR: scripts/servers.sh's throwaway CA, BB_TLS_DIR); the
 * user bbtls/bbtls gets in over TLS only. */
void fo_pair_start_tls(struct fo_pair *p, const char *tag, const char *tls_dir);
/* pair.sh ACTION (kill-primary, promote, stop-io, stop-sql, start-sql);
 * asserts it succeeds. */
void fo_pair_do(struct fo_pair *p, const char *action);
/* Kill both and remove the directory; safe to call twice. */
void fo_pair_stop(struct fo_pair *p);

/* Wait until the replica has received (its IO thread) everything the
 * primary logged: then a kill -9 of the primary loses nothing it had. */
void fo_wait_replica_received(struct fo_pair *p, MYSQL *primary);

/* Point the test at the promoted replica: E->m, E->srv's MariaDB (for the
 * waits and the comparison), the workload's connection. */
void fo_follow_replica(struct fo_pair *p, struct e2e *E, struct workload *W);

/* A change stream after a failover: positions are those of two servers,
 * so order by position says nothing; the entries must be exactly the
 * workload's row changes of t_u (as many inserts, updates and deletes: one
 * doubled or lost shows), and no (gtid, file, pos, row) twice. */
void fo_check_stream(struct e2e *E, const struct workload *W, const char *key);

/* How many lines of the bridge's output hold `what`. */
unsigned fo_count_lines(const char *out, const char *what);

#endif
