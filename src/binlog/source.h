/* source.h - where raw events come from: binlog files or a server.
 *
 * A source hands out whole events (common header through checksum) with
 * their position; it knows nothing of what is inside them beyond the size
 * field of the header. The stream passes them to the decoder. */
#ifndef BB_SOURCE_H
#define BB_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "binbridge.h"

struct source_event {
    const uint8_t *data;   /* valid until the next call to next() */
    size_t len;
    uint64_t pos;          /* byte offset of the event in log_file */
    const char *log_file;  /* valid until the source is closed */
    bool new_file;         /* first event of a new file: forget the old format */
};

struct source {
    /* Returns 1 with *out filled, 0 at the end, or a negative error. */
    int (*next)(struct source *s, struct source_event *out, struct bb_error *err);
    void (*close)(struct source *s);
    /* Optional, async-signal-safe (bb_stream_interrupt): make a next()
     * blocked reading return soon; what it returns then is ignored. */
    void (*interrupt)(struct source *s);
    /* Would next() have to wait for more bytes to arrive? True when nothing
     * is buffered and nothing can be read at once; a hint, never an error
     * (a failure to tell says false: the read will say what failed). NULL
     * for a source that never waits (files: they end instead). */
    bool (*caught_up)(struct source *s);
    /* Checksum algorithm the events will carry before any FDE says so
     * (a server's fake ROTATE), or 0xff if unknown. */
    uint8_t initial_checksum_alg;
};

/* Files, read in order. paths are copied. */
int source_file_open(struct source **out, const char *const *paths, size_t npaths,
                     size_t max_event_size, struct bb_error *err);

/* A replica connection (source_server.c). */
int source_server_open(struct source **out, const struct bb_server_options *srv,
                       size_t max_event_size, struct bb_error *err);

#endif
