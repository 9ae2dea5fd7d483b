/* buf.h - a growable byte buffer with a sticky out-of-memory flag.
 *
 * Appends never fail loudly: when memory runs out the buffer sets `oom` and
 * ignores further appends, so a caller can append a whole record and check
 * once at the end. data is always NUL-terminated when cap > 0. */
#ifndef BB_BUF_H
#define BB_BUF_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <string.h>

#include "binbridge.h"
#include "base/error.h"

/* Make room for n more bytes; returns a pointer to the free space or NULL. */
char *bb_buf_reserve(struct bb_buf *b, size_t n);
/* The slow paths of the inline appenders below (growing the buffer). */
void bb_buf_append_slow(struct bb_buf *b, const void *p, size_t n);
void bb_buf_putc_slow(struct bb_buf *b, char c);

/* Appenders are inline: formatting a row appends many short pieces, and a
 * call per piece was a tenth of the JSON output time. */
/* Copy n bytes with fixed-size moves (overlapping for odd sizes) when n is
 * small; memcpy of a variable size is a library call. Reads and writes
 * stay inside [p, p + n) and [d, d + n). */
static inline void bb_small_copy(char *d, const void *src, size_t n)
{
    const char *p = (const char *)src;
    if (n >= 8 && n <= 16) {
        uint64_t a, z;
        memcpy(&a, p, 8);
        memcpy(&z, p + n - 8, 8);
        memcpy(d, &a, 8);
        memcpy(d + n - 8, &z, 8);
    } else if (n >= 4 && n < 8) {
        uint32_t a, z;
        memcpy(&a, p, 4);
        memcpy(&z, p + n - 4, 4);
        memcpy(d, &a, 4);
        memcpy(d + n - 4, &z, 4);
    } else if (n > 16) {
        memcpy(d, p, n);
    } else {
        for (size_t i = 0; i < n; i++)
            d[i] = p[i];
    }
}

static inline void bb_buf_append(struct bb_buf *b, const void *p, size_t n)
{
    if (b->cap - b->len > n) {
        bb_small_copy(b->data + b->len, p, n);
        b->len += n;
        b->data[b->len] = '\0';
    } else {
        bb_buf_append_slow(b, p, n);
    }
}

static inline void bb_buf_putc(struct bb_buf *b, char c)
{
    if (b->cap - b->len > 1) {
        b->data[b->len++] = c;
        b->data[b->len] = '\0';
    } else {
        bb_buf_putc_slow(b, c);
    }
}

static inline void bb_buf_puts(struct bb_buf *b, const char *s)
{
    bb_buf_append(b, s, strlen(s));
}

/* Cut b back to its first len bytes (what a failed append must leave),
 * still NUL-terminated; nothing happens when it is not longer. */
static inline void bb_buf_cut(struct bb_buf *b, size_t len)
{
    if (b->len > len) {
        b->len = len;
        b->data[len] = '\0';
    }
}

void bb_buf_printf(struct bb_buf *b, const char *fmt, ...) BB_PRINTF(2, 3);
void bb_buf_put_u64(struct bb_buf *b, uint64_t v);
void bb_buf_put_i64(struct bb_buf *b, int64_t v);
/* Append n as exactly `width` decimal digits, zero padded (width <= 20). */
void bb_buf_put_padded(struct bb_buf *b, uint64_t v, int width);
void bb_buf_put_hex(struct bb_buf *b, const uint8_t *p, size_t n);
void bb_buf_put_base64(struct bb_buf *b, const uint8_t *p, size_t n);
/* Append s as the inside of a JSON string (no quotes): escapes ", \ and
 * control characters; bytes >= 0x80 are copied (the caller passes UTF-8). */
void bb_buf_put_json_escaped(struct bb_buf *b, const char *s, size_t n);

/* Append the escaped form (text_escape.h) of outside text p[0..n) to out. */
void text_escape_append(struct bb_buf *out, const void *p, size_t n);

/* Escape what was appended to out from offset `from` on (a formatter's
 * output, in place). */
void text_escape_tail(struct bb_buf *out, size_t from);

/* Report oom as an error (returns 0 when all is well). */
int bb_buf_check(const struct bb_buf *b, struct bb_error *err);

/* A bump allocator released all at once: per-event scratch (decoded rows,
 * rendered decimals). Blocks are kept across resets, so steady-state decoding
 * does not call malloc. */
struct bb_arena_block {
    struct bb_arena_block *next;
    size_t size;   /* usable bytes in data */
    size_t used;
    _Alignas(16) unsigned char data[];
};
struct bb_arena {
    struct bb_arena_block *head;   /* block being filled */
    struct bb_arena_block *spare;  /* emptied blocks for reuse */
    size_t total;                  /* bytes held in all blocks */
    size_t next_block;             /* size of the next block to allocate */
    size_t used_below;             /* bytes handed out from the blocks under head
                                      since the last reset */
};

void bb_arena_init(struct bb_arena *a);
void bb_arena_destroy(struct bb_arena *a);
/* Release everything allocated since the last reset. Keeps at most
 * `keep` bytes of blocks for reuse and frees the rest, so one huge event
 * does not pin its memory for the rest of the run. */
void bb_arena_reset(struct bb_arena *a, size_t keep);
/* Returns 16-byte aligned, uninitialised memory, or NULL on out-of-memory. */
void *bb_arena_alloc(struct bb_arena *a, size_t n);
/* Bytes handed out since the last reset (each allocation rounded up to 16),
 * without the slack at the ends of blocks: what a decoder measures its
 * output by. Constant time, for a check per decoded row. */
static inline size_t bb_arena_used(const struct bb_arena *a)
{
    return a->used_below + (a->head ? a->head->used : 0);
}
void *bb_arena_calloc(struct bb_arena *a, size_t n);
char *bb_arena_strndup(struct bb_arena *a, const char *s, size_t n);

#endif
