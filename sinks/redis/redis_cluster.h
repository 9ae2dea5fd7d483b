/* redis_cluster.h - what the files of the Redis Cluster sink share
 * (redis_cluster.c: the batch by slot, the commit, the checkpoint and the
 * position markers, the sink operations; redis_cluster_nodes.c: the
 * connections to the nodes, the slot map, single commands routed by slot,
 * WAIT). README, "Redis Cluster", says what it guarantees. */
#ifndef BB_REDIS_CLUSTER_H
#define BB_REDIS_CLUSTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <hiredis/hiredis.h>

#include "base/buf.h"
#include "sinks/redis/redis_internal.h"
#include "sinks/redis/redis_slots.h"

/* How long one commit keeps retrying redirections, a cluster down, lost
 * connections (a failover takes cluster-node-timeout and an election). */
#define CLUSTER_RETRY_S 60
/* Each WAIT's timeout; WAIT is sent again until CLUSTER_RETRY_S. */
#define CLUSTER_WAIT_MS 2000
#define EPOCH_FIELD "slots_epoch"

/* A position in the binlog: the change's file (index + 1 in cl->files;
 * 0: none), its rows event's offset and its row. */
struct cl_pos {
    uint32_t file;
    uint64_t pos;
    uint32_t row;
};

struct cl_node {
    char host[256];
    int port;
    char hostname[256];         /* announced, for TLS's name check; "" none */
    char where[300];
    struct redis_net *net;
    redisReader *rd;
    struct bb_buf out;
    uint32_t *sent;             /* transactions written this round, in order */
    size_t nsent, capsent;
    unsigned replicas;          /* healthy replicas, as the last map said */
    bool master;                /* a master in the last map */
    bool touched;               /* written since its last WAIT */
    bool waiting;               /* a WAIT sent, its reply not read */
    bool lost;                  /* a connection with writes not yet WAITed for was lost */
};

enum txn_state { TXN_PENDING, TXN_SENT, TXN_CHECK, TXN_DONE };

/* One slot's part of a batch: its commands, in order (a list through
 * cmd_next). */
struct cl_txn {
    uint16_t slot;
    int32_t head, tail;
    uint32_t ncmds;
    bool has_marker;            /* XADDs: the marker is set to mark */
    struct cl_pos mark;
    int ask;                    /* a node to send it to after ASKING; -1 */
    int node;                   /* where it was written */
    uint8_t state;
};

struct redis_cluster {
    struct cl_node **nodes;     /* each its own allocation: pointers to them stay valid */
    size_t nnodes, capnodes;
    int16_t owner[REDIS_SLOTS];
    bool have_map, stale;
    unsigned long long nmoved, nask, ntryagain, nrefresh;

    /* The batch: each command's slot and the next command of its slot;
     * the transactions by slot. */
    uint16_t *cmd_slot;
    int32_t *cmd_next;
    size_t cmd_cap, cmds_noted;
    int32_t slot_txn[REDIS_SLOTS];
    struct cl_txn *txns;
    size_t ntxns, captxns;
    size_t ckpt_txn;            /* the checkpoint's transaction (phase 3) */

    /* Position markers: what each slot holds, and the binlog files named. */
    struct cl_pos marker[REDIS_SLOTS];
    char **files;
    uint32_t nfiles, capfiles;
    char epoch[24];
    bool epoch_saved;           /* the checkpoint hash keeps epoch */
    struct bb_buf scratch;
};

/* What an error reply means for the request it answers. */
enum outcome { OUT_DONE, OUT_RETRY, OUT_PAUSE, OUT_FATAL };

/* redis_cluster_nodes.c */
/* CLOCK_MONOTONIC in seconds; a sleep. */
double cluster_now(void);
void cluster_sleep_ms(unsigned ms);
/* Close a node's connection (its struct stays, for the next). */
void cluster_node_drop(struct cl_node *nd);
/* Every node's connection closed, nothing written since. */
void cluster_drop_all(struct redis_cluster *cl);
/* The node at host:port, added when new; -1 when out of memory. Nodes
 * never move: pointers to them stay valid. */
int cluster_node_find(struct redis_cluster *cl, const char *host, int port, const char *hostname);
/* Connect to a node (nothing when connected): AUTH, the server's version
 * (once), CLIENT SETNAME. */
int cluster_node_connect(struct redis_sink *rs, struct cl_node *nd, struct bb_error *err);
/* Write what nd->out holds; its next reply (caller frees); a command and
 * its reply. A failure drops the connection (BB_ERR_IO). */
int cluster_node_send(struct cl_node *nd, struct bb_error *err);
int cluster_node_reply(struct redis_sink *rs, struct cl_node *nd, redisReply **out,
                       struct bb_error *err);
int cluster_node_cmd(struct redis_sink *rs, struct cl_node *nd, int argc,
                     const char *const *argv, const size_t *lens, redisReply **out,
                     struct bb_error *err);
/* A command in RESP into b. */
void cluster_put_cmd(struct bb_buf *b, int argc, const char *const *argv, const size_t *lens);
/* Read the slot map (CLUSTER NODES) from any node that answers: the
 * masters first, then every other node known (the seeds too). *uncovered:
 * the slots no master serves, named in which. */
int cluster_refresh_map(struct redis_sink *rs, unsigned *uncovered, char *which, size_t wsize,
                        struct bb_error *err);
/* The same, uncovered slots an error (BB_ERR_IO). */
int cluster_refresh_covered(struct redis_sink *rs, struct bb_error *err);
/* What an error reply of node `from` means: -MOVED (the slot's owner is
 * set, the map marked stale) and -ASK (*ask set) are OUT_RETRY; TRYAGAIN,
 * CLUSTERDOWN, LOADING, READONLY ... OUT_PAUSE; the rest OUT_FATAL. */
enum outcome cluster_classify(struct redis_sink *rs, int from, const char *msg, size_t len,
                              int *ask);
/* One command for slot `slot`, wherever it is: redirections and lost
 * connections followed for CLUSTER_RETRY_S. Error replies of other kinds
 * are returned as replies (caller frees). */
int cluster_slot_cmd(struct redis_sink *rs, unsigned slot, int argc, const char *const *argv,
                     const size_t *lens, redisReply **out, struct bb_error *err);
/* WAIT on every master written since its last WAIT, for its healthy
 * replicas, until the deadline; BB_ERR_IO when they do not all have it. */
int cluster_wait_replicas(struct redis_sink *rs, double deadline, struct bb_error *err);

#endif
