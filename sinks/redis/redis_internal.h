/* redis_internal.h - what the files of the Redis sink share: the sink's
 * state, the batch's key record, and the functions each file gives the
 * others. redis_sink.c: the sink operations and the pending batch;
 * redis_conn.c: the connection (its bytes: redis_net.c); redis_key_types.c: key types; redis_shapes.c:
 * hash, JSON and stream rendering; resp.h: RESP; redis_url.c: URLs;
 * redis_key.c: key templates; redis_options.c: its options and its type;
 * redis_cluster.c and redis_cluster_nodes.c (redis_cluster.h): the same
 * sink on a Redis Cluster (its own operations, chosen at open), over
 * redis_slots.c's slots and slot map. */
#ifndef BB_REDIS_INTERNAL_H
#define BB_REDIS_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <hiredis/hiredis.h>

#include "binbridge.h"
#include "base/buf.h"
#include "mapping/checkpoint.h"
#include "mapping/config.h"
#include "mapping/mapper.h"
#include "sinks/sink.h"
#include "sinks/redis/redis.h"
#include "sinks/redis/redis_net.h"
#include "sinks/redis/redis_options.h"

#define CONNECT_TIMEOUT_S 5
#define COMMAND_TIMEOUT_S 30
/* Redis's default proto-max-bulk-len: a longer string makes the server
 * drop the connection, and a retry would meet it again. */
#define BULK_MAX (512 << 20)

/* Versions as major * 10000 + minor * 100 + patch. */
#define V(a, b, c) ((a) * 10000u + (b) * 100u + (c))

/* The type a key holds, as far as a batch knows. */
enum key_state {
    KEY_UNKNOWN = 0,            /* whatever the server holds: the batch has not touched it */
    KEY_ABSENT,                 /* deleted by the batch */
    KEY_HASH,
    KEY_STRING,
    KEY_STREAM,
};

/* One key the pending batch writes. */
struct key_entry {
    uint64_t hash;
    size_t off;                 /* the key's bytes in keyset.bytes */
    uint32_t len;
    size_t table;               /* "schema.table" of the first change writing it, in bytes */
    uint8_t first;              /* the type the batch needs there before it (KEY_UNKNOWN:
                                   none, its first command replaces any value) */
    uint8_t now;                /* what the batch's commands so far leave there */
};

/* The keys of the pending batch, found by their bytes (open addressing). */
struct keyset {
    struct key_entry *e;
    uint32_t n, cap;
    uint32_t *slots;            /* entry index + 1; 0: empty */
    uint32_t nslots;            /* a power of two, at least twice n */
    struct bb_buf bytes;        /* key bytes and table names */
    size_t last_table;          /* the table name added last (offset + 1; 0: none) */
};

struct redis_sink {
    size_t index;               /* the sink's index in cfg->sinks: its outputs in a plan */
    struct redis_url url;
    char *password;             /* the URL's or the environment's; NULL: none */
    char password_var[128];     /* BINBRIDGE_REDIS_PASSWORD: for messages */
    char where[300];            /* "127.0.0.1:6379" or "unix:/path" */
    char *ckpt_key;
    char *client_name;

    struct redis_cluster *cluster; /* a Redis Cluster (redis_cluster.c); NULL: one server */
    struct redis_tls *tls;      /* rediss://: the TLS setup; NULL: plaintext */
    const char *tls_server_name; /* the URL's or the settings' (theirs); NULL: the host */
    struct redis_net *net;      /* NULL when not connected */
    redisReader *rd;            /* commit's replies, read without allocations */
    redisReader *rd_obj;        /* other replies, as redisReply objects */
    bool answered;              /* the connection has had a reply */
    unsigned version;           /* 0: unknown (INFO refused) */

    /* The pending batch: MULTI, then the commands added since the last
     * commit, each starting at cmd_off[i]. */
    struct bb_buf out;
    size_t *cmd_off;
    size_t ncmds, cmd_cap;
    size_t keep_bytes;          /* buffers larger than this are freed after a commit */

    /* Scratch, kept across calls: steady state does not allocate. */
    struct bb_buf key, oldkey, val, json;
    struct bb_buf cmd;          /* one command outside the batch */
    struct bb_value *merged;    /* an update's after image over its before image */
    uint32_t merged_cap;

    /* Reading commit's replies: top-level reply 0 is MULTI's, 1..n+1 those
     * queuing the n commands and the checkpoint, n+2 EXEC's array. */
    size_t rd_top;
    size_t rd_ncmds;            /* commands in the batch, checkpoint included */
    int exec_type;              /* REDIS_REPLY_* of EXEC's reply; 0: none yet */
    long long exec_elems;
    long err_cmd;               /* the first failed command, -1: none */
    bool err_queued;            /* it failed when queued (nothing applied) */
    bool multi_failed;
    size_t nerrors;
    char err_msg[256];

    /* What the batch does to each key it writes (redis_key_types.c). */
    struct keyset keys;
    enum redis_wrong_type wrong_type;
    struct bb_buf replaced;     /* what the type guards of the last batch replaced: key,
                                   type, ... each as a 4-byte length and its bytes */
    size_t nreplaced;

    char cpvals[CHECKPOINT_NFIELDS][CHECKPOINT_GTID_MAX];
    char rbuf[1 << 16];         /* replies as received */
};

/* redis_sink.c */
/* The sink's open function (redis_sink_type): connect to its redis.url. */
int redis_sink_open(struct sink *out, const struct bb_config *cfg, size_t k, struct bb_error *err);
/* The sink's add(): render a row change's commands into the pending batch
 * (all or nothing). */
int redis_sink_add(void *ctx, const struct change *ch, struct bb_error *err);
/* The pending batch holds MULTI alone (buffers a huge batch grew freed). */
void redis_reset_pending(struct redis_sink *rs);
/* The SCAN pattern of a table's keys for TRUNCATE and DROP TABLE, in
 * rs->oldkey: 0, 1 when the table's keys have no prefix of their own
 * (warned; nothing to remove), or an error code. */
int redis_clear_pattern(struct redis_sink *rs, const struct table_plan *plan,
                        const struct output_plan *tp, struct bb_error *err);
/* "NAME key" of pending command i, for messages. */
const char *redis_describe_cmd(const struct redis_sink *rs, size_t i, char *buf, size_t size);
/* Bytes for a message: printable ASCII as is, the rest as \xNN, cut. */
const char *redis_printable(const char *p, size_t len, char *buf, size_t size);
/* The sink's close(), for both kinds. */
void redis_sink_close(void *ctx);
/* Start a command of argc arguments in the pending batch. */
void redis_cmd_begin(struct redis_sink *rs, size_t argc);

/* redis_key_types.c */
/* The names of enum key_state, as Redis's TYPE says them. */
extern const char *const redis_key_state_names[];
/* The hash of a key's bytes. */
uint64_t redis_key_hash(const char *p, size_t n);
/* Forget the keys of the batch (buffers larger than keep_bytes freed). */
void redis_keyset_reset(struct keyset *ks, size_t keep_bytes);
void redis_keyset_destroy(struct keyset *ks);
/* Room for extra more keys; false when out of memory. */
bool redis_keyset_reserve(struct keyset *ks, uint32_t extra);
/* The bytes of e's key. */
const char *redis_keyset_key(const struct keyset *ks, const struct key_entry *e);
/* The entry of key in the batch, added (for ch's table) if new; NULL when
 * out of memory. */
struct key_entry *redis_key_note(struct redis_sink *rs, const struct bb_buf *key,
                                 const struct change *ch);
/* The batch needs e to hold type t before its next command. */
void redis_key_needs(struct key_entry *e, uint8_t t);
/* The type guard of a key (GUARD_SCRIPT) as a command of the batch. */
void redis_put_guard(struct redis_sink *rs, const char *key, size_t len, uint8_t t);
/* A type guard before the next command on e, unless the batch already
 * knows what e holds. */
void redis_key_guard(struct redis_sink *rs, struct key_entry *e, const struct bb_buf *key,
                     uint8_t t);
/* The batch's commands so far leave type t at e. */
void redis_key_set(struct key_entry *e, uint8_t t);

/* redis_conn.c */
/* Is the error reply s one that passes (LOADING, READONLY, OOM, ...)? */
bool redis_transient_reply(const char *s, size_t n);
void redis_disconnect(struct redis_sink *rs);
/* Connection errors: the connection is dropped, BB_ERR_IO. */
int redis_io_error(struct redis_sink *rs, struct bb_error *err, const char *doing,
                   const char *why);
int redis_not_connected(struct redis_sink *rs, struct bb_error *err);
/* Write p[0..n) to the server. */
int redis_send_all(struct redis_sink *rs, const char *p, size_t n, struct bb_error *err);
/* The next reply of the connection as a redisReply (caller frees it with
 * freeReplyObject); doing names the step in messages. */
int redis_get_reply(struct redis_sink *rs, const char *doing, redisReply **out,
                    struct bb_error *err);
/* Read more of the server's bytes into the batch reader (rs->rd). */
int redis_feed_batch_reader(struct redis_sink *rs, const char *doing, struct bb_error *err);
/* One command outside the batch; *out is its reply (caller frees). */
int redis_run(struct redis_sink *rs, int argc, const char *const *argv, const size_t *lens,
              const char *doing, redisReply **out, struct bb_error *err);
/* Connect, authenticate, select the database, name the client. */
int redis_connect(struct redis_sink *rs, struct bb_error *err);
/* Is the connected server a Redis Cluster node (INFO cluster)? */
int redis_cluster_enabled(struct redis_sink *rs, bool *enabled, struct bb_error *err);

/* redis_cluster.c */
/* The sink on a Redis Cluster: rs is set up (URL, TLS, password, names)
 * and not connected; the slot map is read from the URL's node or a seed.
 * Sets *ops to the cluster's operations. */
int redis_cluster_open(struct redis_sink *rs, const struct sink_ops **ops, struct bb_error *err);
void redis_cluster_free(struct redis_cluster *cl);
/* Cluster only (redis_add_stream): true when the stream entry of ch at
 * key is already in its slot (the slot's position marker is at or past
 * ch): a replay skips it. Else its position is noted for the marker. */
bool redis_cluster_stream_applied(struct redis_sink *rs, const struct bb_buf *key,
                                  const struct change *ch);

/* redis_shapes.c */
/* A row change as the commands of each shape (redis_shapes.c). */
int redis_add_hash(struct redis_sink *rs, const struct change *ch, const struct output_plan *tp,
                   const struct bb_value *after_key, struct bb_error *err);
int redis_add_json(struct redis_sink *rs, const struct change *ch, const struct output_plan *tp,
                   const struct bb_value *after_key, struct bb_error *err);
int redis_add_stream(struct redis_sink *rs, const struct change *ch,
                     const struct output_plan *tp, const struct bb_value *after_key,
                     struct bb_error *err);

#endif
