/* redis_slots.h - Redis Cluster's key space, as its specification
 * defines it (redis.io, "Redis cluster specification"): 16384 hash slots,
 * a key's slot is CRC16 of the key (or of its hash tag) mod 16384; the
 * redirections a node answers (-MOVED, -ASK); and what CLUSTER NODES says
 * of the nodes and the slots each serves. Pure functions over bytes: no
 * I/O, so that the tests pin them (tests/sinks/redis/test_redis_slots.c). */
#ifndef BB_REDIS_SLOTS_H
#define BB_REDIS_SLOTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct bb_error;

#define REDIS_SLOTS 16384

/* CRC16-CCITT (XMODEM): polynomial 0x1021, initial value 0, no reflection,
 * no final xor. CRC16("123456789") is 0x31C3. */
uint16_t redis_crc16(const void *p, size_t n);

/* The hash slot of a key: of its hash tag when it has one (the bytes
 * between the first '{' and the first '}' after it, when there are any),
 * else of the whole key. */
unsigned redis_key_slot(const void *key, size_t n);

/* A short text whose slot is `slot`, for a key that must live in that
 * slot ("...{<tag>}"): the smallest decimal number whose CRC16 falls in
 * it. Stable: binbridge's position markers are named with it, so it may
 * never change. The table is built at the first call (thread-safe). */
const char *redis_slot_tag(unsigned slot);

/* A redirection: "MOVED <slot> <host>:<port>" or "ASK <slot> <host>:<port>"
 * (the error reply without its '-'). An empty host (a node that does not
 * know its own endpoint) is left empty: the caller reads it as the host
 * that answered. */
enum redis_redirect_kind { REDIS_REDIRECT_MOVED = 1, REDIS_REDIRECT_ASK };
struct redis_redirect {
    enum redis_redirect_kind kind;
    unsigned slot;
    char host[256];
    int port;
};
/* 1 with *r filled, 0 when msg is no redirection, -1 when it starts like
 * one but is malformed. */
int redis_redirect_parse(const char *msg, size_t len, struct redis_redirect *r);

/* One node as CLUSTER NODES describes it:
 *   <id> <ip:port@cport[,hostname]> <flags> <master id|-> <ping-sent>
 *   <pong-recv> <config-epoch> <link-state> <slot> ...
 * slots as "N", "A-B", "[N->-id]" (migrating to id) or "[N-<-id]"
 * (importing from id). */
struct redis_node_info {
    char id[48];
    char host[256];             /* the ip ("" when it has none yet) */
    char hostname[256];         /* the announced host name, "" when none */
    int port;
    char master_id[48];         /* a replica's master; "" for a master */
    bool master, myself, fail, pfail, handshake, noaddr, connected;
};

/* The cluster as one node sees it. owner[slot] is the index in nodes of
 * the master serving the slot, -1 when none does. replicas[i] counts
 * the healthy replicas of master i (neither failing nor in handshake). */
struct redis_topology {
    struct redis_node_info *nodes;
    size_t n;
    int16_t owner[REDIS_SLOTS];
    uint16_t *replicas;
    unsigned migrating, importing;  /* slots in migration, as this node says */
};

/* Parse CLUSTER NODES's text. The node that answered (flag myself) may
 * show an empty ip: `answered_host` is used for it. Returns 0, or
 * BB_ERR_SERVER naming the line that cannot be read. Free with
 * redis_topology_free (also after a failure). */
int redis_topology_parse(struct redis_topology *t, const char *text, size_t len,
                         const char *answered_host, struct bb_error *err);
void redis_topology_free(struct redis_topology *t);

/* The slots no master serves, as text for a message ("0-99, 5000"), at
 * most size bytes ("..." when cut); returns how many. */
unsigned redis_topology_uncovered(const struct redis_topology *t, char *buf, size_t size);

#endif
