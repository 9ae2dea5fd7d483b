/* buf.c - growable buffers and the per-event arena. */
#include "base/buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text_escape.h"

void bb_buf_init(struct bb_buf *b)
{
    b->data = NULL;
    b->len = b->cap = 0;
    b->oom = false;
}

void bb_buf_destroy(struct bb_buf *b)
{
    free(b->data);
    bb_buf_init(b);
}

char *bb_buf_reserve(struct bb_buf *b, size_t n)
{
    if (b->oom)
        return NULL;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n + 1) {
            if (cap > SIZE_MAX / 2) {
                b->oom = true;
                return NULL;
            }
            cap *= 2;
        }
        char *p = realloc(b->data, cap);
        if (!p) {
            b->oom = true;
            return NULL;
        }
        b->data = p;
        b->cap = cap;
    }
    return b->data + b->len;
}

void bb_buf_append_slow(struct bb_buf *b, const void *p, size_t n)
{
    char *dst = bb_buf_reserve(b, n);
    if (!dst)
        return;
    if (n)
        memcpy(dst, p, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void bb_buf_putc_slow(struct bb_buf *b, char c)
{
    char *dst = bb_buf_reserve(b, 1);
    if (!dst)
        return;
    *dst = c;
    b->data[++b->len] = '\0';
}

void bb_buf_printf(struct bb_buf *b, const char *fmt, ...)
{
    va_list ap;
    char small[256];
    int n;

    va_start(ap, fmt);
    n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof small) {
        bb_buf_append(b, small, (size_t)n);
        return;
    }
    char *dst = bb_buf_reserve(b, (size_t)n);
    if (!dst)
        return;
    va_start(ap, fmt);
    vsnprintf(dst, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void bb_buf_put_u64(struct bb_buf *b, uint64_t v)
{
    char tmp[20];
    int i = sizeof tmp;
    do {
        tmp[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    bb_buf_append(b, tmp + i, sizeof tmp - (size_t)i);
}

void bb_buf_put_i64(struct bb_buf *b, int64_t v)
{
    if (v < 0) {
        bb_buf_putc(b, '-');
        bb_buf_put_u64(b, (uint64_t)0 - (uint64_t)v);
    } else {
        bb_buf_put_u64(b, (uint64_t)v);
    }
}

void bb_buf_put_padded(struct bb_buf *b, uint64_t v, int width)
{
    char tmp[20];
    if (width > 20)
        width = 20;
    char *dst = bb_buf_reserve(b, (size_t)width);
    if (!dst)
        return;
    for (int i = width - 1; i >= 0; i--) {
        tmp[i] = (char)('0' + v % 10);
        v /= 10;
    }
    memcpy(dst, tmp, (size_t)width);
    b->len += (size_t)width;
    b->data[b->len] = '\0';
}

void bb_buf_put_hex(struct bb_buf *b, const uint8_t *p, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    char *dst = bb_buf_reserve(b, n * 2);
    if (!dst)
        return;
    for (size_t i = 0; i < n; i++) {
        dst[2 * i] = hex[p[i] >> 4];
        dst[2 * i + 1] = hex[p[i] & 15];
    }
    b->len += n * 2;
    b->data[b->len] = '\0';
}

void bb_buf_put_base64(struct bb_buf *b, const uint8_t *p, size_t n)
{
    static const char tab[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t out = (n + 2) / 3 * 4;
    char *dst = bb_buf_reserve(b, out);
    if (!dst)
        return;
    size_t i = 0, o = 0;
    for (; i + 3 <= n; i += 3) {
        uint32_t v = (uint32_t)p[i] << 16 | (uint32_t)p[i + 1] << 8 | p[i + 2];
        dst[o++] = tab[v >> 18];
        dst[o++] = tab[(v >> 12) & 63];
        dst[o++] = tab[(v >> 6) & 63];
        dst[o++] = tab[v & 63];
    }
    if (n - i == 1) {
        uint32_t v = (uint32_t)p[i] << 16;
        dst[o++] = tab[v >> 18];
        dst[o++] = tab[(v >> 12) & 63];
        dst[o++] = '=';
        dst[o++] = '=';
    } else if (n - i == 2) {
        uint32_t v = (uint32_t)p[i] << 16 | (uint32_t)p[i + 1] << 8;
        dst[o++] = tab[v >> 18];
        dst[o++] = tab[(v >> 12) & 63];
        dst[o++] = tab[(v >> 6) & 63];
        dst[o++] = '=';
    }
    b->len += o;
    b->data[b->len] = '\0';
}

void bb_buf_put_json_escaped(struct bb_buf *b, const char *s, size_t n)
{
    if (n == 0)
        return;
    static const char hex[] = "0123456789abcdef";
    size_t start = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        bb_buf_append(b, s + start, i - start);
        start = i + 1;
        switch (c) {
        case '"': bb_buf_append(b, "\\\"", 2); break;
        case '\\': bb_buf_append(b, "\\\\", 2); break;
        case '\n': bb_buf_append(b, "\\n", 2); break;
        case '\r': bb_buf_append(b, "\\r", 2); break;
        case '\t': bb_buf_append(b, "\\t", 2); break;
        case '\b': bb_buf_append(b, "\\b", 2); break;
        case '\f': bb_buf_append(b, "\\f", 2); break;
        default: {
            char esc[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };
            bb_buf_append(b, esc, 6);
        }
        }
    }
    bb_buf_append(b, s + start, n - start);
}

int bb_buf_check(const struct bb_buf *b, struct bb_error *err)
{
    if (b->oom)
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    return 0;
}

/* ---- arena ---- */

/* Blocks start small (a cached table map needs a few hundred bytes) and
 * double up to ARENA_MAX_BLOCK, so small arenas stay small and busy ones
 * soon allocate rarely. */
#define ARENA_FIRST_BLOCK 1024
#define ARENA_MAX_BLOCK (64 * 1024)

void bb_arena_init(struct bb_arena *a)
{
    a->head = a->spare = NULL;
    a->total = 0;
    a->next_block = ARENA_FIRST_BLOCK;
    a->used_below = 0;
}

static void free_chain(struct bb_arena_block *b)
{
    while (b) {
        struct bb_arena_block *next = b->next;
        free(b);
        b = next;
    }
}

void bb_arena_destroy(struct bb_arena *a)
{
    free_chain(a->head);
    free_chain(a->spare);
    bb_arena_init(a);
}

void bb_arena_reset(struct bb_arena *a, size_t keep)
{
    /* Move all blocks to the spare list, freeing those beyond `keep`. */
    struct bb_arena_block *all = a->head, *b;
    size_t kept = 0;
    for (b = a->spare; b; b = b->next)
        kept += b->size;
    a->head = NULL;
    a->used_below = 0;
    while (all) {
        b = all;
        all = all->next;
        b->used = 0;
        if (kept + b->size <= keep) {
            b->next = a->spare;
            a->spare = b;
            kept += b->size;
        } else {
            a->total -= b->size;
            free(b);
        }
    }
}

void *bb_arena_alloc(struct bb_arena *a, size_t n)
{
    n = (n + 15) & ~(size_t)15;
    if (n == 0)
        n = 16;
    struct bb_arena_block *b = a->head;
    if (b && b->size - b->used >= n) {
        void *p = b->data + b->used;
        b->used += n;
        return p;
    }
    /* Reuse a spare block big enough, else allocate. */
    struct bb_arena_block **pp = &a->spare;
    while (*pp && (*pp)->size < n)
        pp = &(*pp)->next;
    if (*pp) {
        b = *pp;
        *pp = b->next;
    } else {
        size_t size = n > a->next_block ? n : a->next_block;
        if (a->next_block < ARENA_MAX_BLOCK)
            a->next_block *= 2;
        if (size > SIZE_MAX - sizeof *b)
            return NULL;
        b = malloc(sizeof *b + size);
        if (!b)
            return NULL;
        b->size = size;
        a->total += size;
    }
    if (a->head)
        a->used_below += a->head->used;
    b->used = n;
    b->next = a->head;
    a->head = b;
    return b->data;
}

void *bb_arena_calloc(struct bb_arena *a, size_t n)
{
    void *p = bb_arena_alloc(a, n);
    if (p)
        memset(p, 0, n);
    return p;
}

char *bb_arena_strndup(struct bb_arena *a, const char *s, size_t n)
{
    char *p = bb_arena_alloc(a, n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

/* The escaped form of outside text (text_escape.h), appended to a buffer:
 * here rather than in text_escape.c, which error.c uses and which so stays
 * below buf. */
void text_escape_append(struct bb_buf *out, const void *p, size_t n)
{
    if (!text_needs_escape(p, n)) {
        bb_buf_append(out, p, n);
        return;
    }
    char *d = bb_buf_reserve(out, n * 4 + 1);
    if (!d)
        return;
    out->len += text_escape_into(d, n * 4 + 1, p, n);
}

void text_escape_tail(struct bb_buf *out, size_t from)
{
    if (from >= out->len || !text_needs_escape(out->data + from, out->len - from))
        return;
    size_t n = out->len - from;
    char *copy = malloc(n);
    if (!copy) {
        out->oom = true;
        return;
    }
    memcpy(copy, out->data + from, n);
    out->len = from;
    text_escape_append(out, copy, n);
    free(copy);
}
