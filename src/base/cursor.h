/* cursor.h - the one bounds-checked reader for every wire and file byte.
 *
 * A cursor is a view (pointer, length, offset) with a sticky `bad` flag.
 * A read past the end sets `bad`, returns zero (or NULL for views) and leaves
 * the offset at the end, so a decoder can read a whole fixed layout and check
 * once with cursor_ok(). Nothing here allocates or does pointer arithmetic
 * outside [p, p + len). All integers on the binlog wire are little-endian,
 * except DECIMAL/DATETIME2/TIME2/TIMESTAMP2 cell bodies and JSON diffs'
 * internals, which callers read as raw bytes. */
#ifndef BB_CURSOR_H
#define BB_CURSOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct cursor {
    const uint8_t *p;
    size_t len;
    size_t off;
    bool bad;
};

static inline struct cursor cursor_make(const void *p, size_t len)
{
    struct cursor c = { (const uint8_t *)p, len, 0, false };
    return c;
}

static inline size_t cursor_left(const struct cursor *c) { return c->len - c->off; }
static inline bool cursor_ok(const struct cursor *c) { return !c->bad; }
static inline bool cursor_at_end(const struct cursor *c) { return c->off == c->len; }
static inline const uint8_t *cursor_here(const struct cursor *c) { return c->p + c->off; }

/* Mark the cursor bad and consume the rest: used when a read does not fit. */
static inline void cursor_fail(struct cursor *c)
{
    c->bad = true;
    c->off = c->len;
}

/* Is there room for n more bytes? Sets bad when not. */
static inline bool cursor_need(struct cursor *c, size_t n)
{
    if (c->bad || n > c->len - c->off) {
        cursor_fail(c);
        return false;
    }
    return true;
}

static inline uint64_t cursor_uint_le(struct cursor *c, int nbytes)
{
    uint64_t v = 0;
    if (!cursor_need(c, (size_t)nbytes))
        return 0;
    for (int i = nbytes - 1; i >= 0; i--)
        v = v << 8 | c->p[c->off + (size_t)i];
    c->off += (size_t)nbytes;
    return v;
}

static inline uint8_t cursor_u8(struct cursor *c)
{
    if (!cursor_need(c, 1))
        return 0;
    return c->p[c->off++];
}
static inline uint16_t cursor_u16le(struct cursor *c) { return (uint16_t)cursor_uint_le(c, 2); }
static inline uint32_t cursor_u24le(struct cursor *c) { return (uint32_t)cursor_uint_le(c, 3); }
static inline uint32_t cursor_u32le(struct cursor *c) { return (uint32_t)cursor_uint_le(c, 4); }
static inline uint64_t cursor_u48le(struct cursor *c) { return cursor_uint_le(c, 6); }
static inline uint64_t cursor_u64le(struct cursor *c) { return cursor_uint_le(c, 8); }

/* Big-endian integer of nbytes (1..8), as used inside DECIMAL and the
 * packed temporal types. */
static inline uint64_t cursor_uint_be(struct cursor *c, int nbytes)
{
    uint64_t v = 0;
    if (!cursor_need(c, (size_t)nbytes))
        return 0;
    for (int i = 0; i < nbytes; i++)
        v = v << 8 | c->p[c->off + (size_t)i];
    c->off += (size_t)nbytes;
    return v;
}

/* MySQL length-encoded integer: < 0xfb is the value, 0xfc + 2 bytes,
 * 0xfd + 3 bytes, 0xfe + 8 bytes. 0xfb (NULL) and 0xff are invalid here
 * and set bad. */
static inline uint64_t cursor_lenenc(struct cursor *c)
{
    uint8_t b = cursor_u8(c);
    if (b < 0xfb)
        return b;
    switch (b) {
    case 0xfc: return cursor_uint_le(c, 2);
    case 0xfd: return cursor_uint_le(c, 3);
    case 0xfe: return cursor_uint_le(c, 8);
    default:
        cursor_fail(c);
        return 0;
    }
}

/* A view of the next n bytes; NULL (and bad) when they are not there.
 * A zero-length view of a good cursor returns a non-NULL pointer. */
static inline const uint8_t *cursor_bytes(struct cursor *c, size_t n)
{
    if (!cursor_need(c, n))
        return NULL;
    const uint8_t *p = c->p + c->off;
    c->off += n;
    return p;
}

static inline void cursor_skip(struct cursor *c, size_t n)
{
    (void)cursor_bytes(c, n);
}

static inline void cursor_copy(struct cursor *c, void *dst, size_t n)
{
    const uint8_t *p = cursor_bytes(c, n);
    if (p)
        memcpy(dst, p, n);
    else
        memset(dst, 0, n);
}

/* A sub-cursor over the next n bytes; the parent moves past them. */
static inline struct cursor cursor_sub(struct cursor *c, size_t n)
{
    const uint8_t *p = cursor_bytes(c, n);
    struct cursor s = cursor_make(p, p ? n : 0);
    s.bad = (p == NULL);
    return s;
}

/* The rest of the bytes as a view (possibly empty). */
static inline const uint8_t *cursor_rest(struct cursor *c, size_t *n)
{
    *n = cursor_left(c);
    return cursor_bytes(c, *n);
}

#endif
