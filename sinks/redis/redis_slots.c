/* redis_slots.c - hash slots, hash tags, redirections and CLUSTER NODES
 * (redis_slots.h), written from the Redis Cluster specification. */
#include "sinks/redis/redis_slots.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"

/* ------------------------------------------------------------------ */
/* Slots                                                               */

/* The specification's CRC16 (XMODEM), one table lookup per byte: entry b
 * is the CRC of the byte b shifted in alone. */
static uint16_t crc16_table[256];
static pthread_once_t crc16_once = PTHREAD_ONCE_INIT;

static void crc16_init(void)
{
    for (unsigned b = 0; b < 256; b++) {
        uint16_t c = (uint16_t)(b << 8);
        for (int k = 0; k < 8; k++)
            c = (uint16_t)(c & 0x8000 ? (c << 1) ^ 0x1021 : c << 1);
        crc16_table[b] = c;
    }
}

uint16_t redis_crc16(const void *p, size_t n)
{
    pthread_once(&crc16_once, crc16_init);
    const unsigned char *s = p;
    uint16_t crc = 0;
    for (size_t i = 0; i < n; i++)
        crc = (uint16_t)((crc << 8) ^ crc16_table[((crc >> 8) ^ s[i]) & 0xff]);
    return crc;
}

unsigned redis_key_slot(const void *key, size_t n)
{
    const char *k = key;
    const char *open = memchr(k, '{', n);
    if (open) {
        size_t start = (size_t)(open - k) + 1;
        const char *close = memchr(open + 1, '}', n - start);
        /* "{}" is no tag: the whole key is hashed. */
        if (close && close > open + 1)
            return redis_crc16(open + 1, (size_t)(close - open - 1)) & (REDIS_SLOTS - 1);
    }
    return redis_crc16(k, n) & (REDIS_SLOTS - 1);
}

/* Every slot's tag: the decimal numbers from 0 up, each taken by the first
 * slot it falls in, until every slot has one (about 180,000 numbers). */
static char (*slot_tags)[8];
static pthread_once_t tags_once = PTHREAD_ONCE_INIT;

static void tags_init(void)
{
    char (*t)[8] = calloc(REDIS_SLOTS, sizeof *t);
    if (!t)
        return;
    unsigned left = REDIS_SLOTS;
    for (unsigned v = 0; left && v < 10000000; v++) {
        char s[8];
        int len = snprintf(s, sizeof s, "%u", v);
        unsigned slot = redis_crc16(s, (size_t)len) & (REDIS_SLOTS - 1);
        if (!t[slot][0]) {
            memcpy(t[slot], s, (size_t)len + 1);
            left--;
        }
    }
    slot_tags = t;
}

const char *redis_slot_tag(unsigned slot)
{
    pthread_once(&tags_once, tags_init);
    return slot_tags && slot < REDIS_SLOTS ? slot_tags[slot] : NULL;
}

/* ------------------------------------------------------------------ */
/* Redirections                                                        */

/* "host:port" with the port after the last ':' (Redis writes IPv6
 * addresses without brackets); brackets are taken off when present. */
static bool split_endpoint(const char *p, size_t n, char *host, size_t size, int *port)
{
    const char *colon = NULL;
    for (size_t i = 0; i < n; i++)
        if (p[i] == ':')
            colon = p + i;
    if (!colon || colon + 1 == p + n)
        return false;
    long v = 0;
    for (const char *q = colon + 1; q < p + n; q++) {
        if (*q < '0' || *q > '9' || v > 65535)
            return false;
        v = v * 10 + (*q - '0');
    }
    if (v < 1 || v > 65535)
        return false;
    size_t hl = (size_t)(colon - p);
    if (hl >= 2 && p[0] == '[' && p[hl - 1] == ']') {
        p++;
        hl -= 2;
    }
    if (hl >= size)
        return false;
    memcpy(host, p, hl);
    host[hl] = '\0';
    *port = (int)v;
    return true;
}

int redis_redirect_parse(const char *msg, size_t len, struct redis_redirect *r)
{
    memset(r, 0, sizeof *r);
    size_t w;
    if (len >= 6 && memcmp(msg, "MOVED ", 6) == 0) {
        r->kind = REDIS_REDIRECT_MOVED;
        w = 6;
    } else if (len >= 4 && memcmp(msg, "ASK ", 4) == 0) {
        r->kind = REDIS_REDIRECT_ASK;
        w = 4;
    } else {
        return 0;
    }
    unsigned long slot = 0;
    size_t i = w;
    for (; i < len && msg[i] >= '0' && msg[i] <= '9' && slot < REDIS_SLOTS; i++)
        slot = slot * 10 + (unsigned long)(msg[i] - '0');
    if (i == w || slot >= REDIS_SLOTS || i >= len || msg[i] != ' ')
        return -1;
    r->slot = (unsigned)slot;
    i++;
    size_t end = i;
    while (end < len && msg[end] != ' ' && msg[end] != '\r' && msg[end] != '\n')
        end++;
    if (!split_endpoint(msg + i, end - i, r->host, sizeof r->host, &r->port))
        return -1;
    return 1;
}

/* ------------------------------------------------------------------ */
/* CLUSTER NODES                                                       */

void redis_topology_free(struct redis_topology *t)
{
    free(t->nodes);
    free(t->replicas);
    memset(t, 0, sizeof *t);
}

/* The next space-separated field of [*p, end); false at the end. */
static bool field(const char **p, const char *end, const char **f, size_t *n)
{
    const char *s = *p;
    while (s < end && *s == ' ')
        s++;
    if (s == end)
        return false;
    const char *e = s;
    while (e < end && *e != ' ')
        e++;
    *f = s;
    *n = (size_t)(e - s);
    *p = e;
    return true;
}

static bool has_flag(const char *f, size_t n, const char *flag)
{
    size_t fl = strlen(flag);
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && f[j] != ',')
            j++;
        if (j - i == fl && memcmp(f + i, flag, fl) == 0)
            return true;
        i = j + 1;
    }
    return false;
}

static bool parse_uint(const char *p, size_t n, unsigned long max, unsigned long *out)
{
    if (n == 0 || n > 10)
        return false;
    unsigned long v = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i] < '0' || p[i] > '9')
            return false;
        v = v * 10 + (unsigned long)(p[i] - '0');
    }
    if (v > max)
        return false;
    *out = v;
    return true;
}

static bool copy_field(char *dst, size_t size, const char *p, size_t n)
{
    if (n >= size)
        return false;
    memcpy(dst, p, n);
    dst[n] = '\0';
    return true;
}

/* "ip:port@cport[,hostname]" (":0@0" for a node without an address). */
static bool parse_address(struct redis_node_info *ni, const char *p, size_t n)
{
    const char *comma = memchr(p, ',', n);
    size_t an = comma ? (size_t)(comma - p) : n;
    if (comma && !copy_field(ni->hostname, sizeof ni->hostname, comma + 1, n - an - 1))
        return false;
    const char *at = memchr(p, '@', an);
    if (at)
        an = (size_t)(at - p);
    if (an >= 1 && p[0] == ':') {       /* no ip yet */
        unsigned long port;
        if (!parse_uint(p + 1, an - 1, 65535, &port))
            return false;
        ni->host[0] = '\0';
        ni->port = (int)port;
        return true;
    }
    return split_endpoint(p, an, ni->host, sizeof ni->host, &ni->port);
}

/* One line's node; its slots are read in a second pass (they name nodes
 * by index). */
static int parse_node(struct redis_node_info *ni, const char *line, const char *end,
                      const char **slots)
{
    const char *f[8];
    size_t n[8];
    const char *p = line;
    for (int i = 0; i < 8; i++)
        if (!field(&p, end, &f[i], &n[i]))
            return -1;
    memset(ni, 0, sizeof *ni);
    if (!copy_field(ni->id, sizeof ni->id, f[0], n[0]) || !parse_address(ni, f[1], n[1]))
        return -1;
    ni->myself = has_flag(f[2], n[2], "myself");
    ni->master = has_flag(f[2], n[2], "master");
    ni->fail = has_flag(f[2], n[2], "fail");
    ni->pfail = has_flag(f[2], n[2], "fail?");
    ni->handshake = has_flag(f[2], n[2], "handshake");
    ni->noaddr = has_flag(f[2], n[2], "noaddr");
    if (!(n[3] == 1 && f[3][0] == '-') &&
        !copy_field(ni->master_id, sizeof ni->master_id, f[3], n[3]))
        return -1;
    ni->connected = n[7] == 9 && memcmp(f[7], "connected", 9) == 0;
    *slots = p;
    return 0;
}

int redis_topology_parse(struct redis_topology *t, const char *text, size_t len,
                         const char *answered_host, struct bb_error *err)
{
    memset(t, 0, sizeof *t);
    for (unsigned s = 0; s < REDIS_SLOTS; s++)
        t->owner[s] = -1;
    size_t lines = 0;
    for (size_t i = 0; i < len; i++)
        lines += text[i] == '\n';
    lines++;
    if (lines > 1000)
        return bb_error_set(err, BB_ERR_SERVER, "CLUSTER NODES lists %zu nodes: more than "
                            "binbridge takes (1000)", lines);
    t->nodes = calloc(lines, sizeof *t->nodes);
    t->replicas = calloc(lines, sizeof *t->replicas);
    const char **slots = calloc(lines, sizeof *slots);
    const char **ends = calloc(lines, sizeof *ends);
    int rc = 0;
    if (!t->nodes || !t->replicas || !slots || !ends) {
        rc = bb_error_set(err, BB_ERR_NOMEM, "out of memory");
        goto done;
    }
    /* The nodes. */
    size_t lineno = 0;
    for (const char *p = text, *end = text + len; p < end; lineno++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        const char *line = p;
        p = nl ? nl + 1 : end;
        if (le > line && le[-1] == '\r')
            le--;
        if (le == line)
            continue;
        struct redis_node_info *ni = &t->nodes[t->n];
        if (parse_node(ni, line, le, &slots[t->n]) < 0) {
            rc = bb_error_set(err, BB_ERR_SERVER, "CLUSTER NODES: line %zu cannot be read: "
                              "\"%.*s\"", lineno + 1, (int)(le - line > 120 ? 120 : le - line),
                              line);
            goto done;
        }
        if (ni->myself && !ni->host[0] && answered_host)
            snprintf(ni->host, sizeof ni->host, "%s", answered_host);
        ends[t->n++] = le;
    }
    /* The slots of each master; the replicas of each. */
    for (size_t i = 0; i < t->n; i++) {
        struct redis_node_info *ni = &t->nodes[i];
        if (ni->master_id[0] && !ni->master) {
            if (ni->fail || ni->pfail || ni->handshake || ni->noaddr)
                continue;
            for (size_t k = 0; k < t->n; k++)
                if (strcmp(t->nodes[k].id, ni->master_id) == 0)
                    t->replicas[k]++;
            continue;
        }
        const char *p = slots[i], *f;
        size_t fn;
        while (field(&p, ends[i], &f, &fn)) {
            unsigned long a, b;
            const char *dash = memchr(f, '-', fn);
            if (f[0] == '[') {
                /* "[N->-id]" or "[N-<-id]": a slot in migration */
                if (fn > 4 && dash && dash + 1 < f + fn) {
                    if (dash[1] == '>')
                        t->migrating++;
                    else if (dash[1] == '<')
                        t->importing++;
                }
                continue;
            }
            bool ok = dash ? parse_uint(f, (size_t)(dash - f), REDIS_SLOTS - 1, &a) &&
                             parse_uint(dash + 1, fn - (size_t)(dash - f) - 1, REDIS_SLOTS - 1,
                                        &b) && a <= b
                           : parse_uint(f, fn, REDIS_SLOTS - 1, &a) && ((b = a), true);
            if (!ok) {
                rc = bb_error_set(err, BB_ERR_SERVER, "CLUSTER NODES: node %s serves slots "
                                  "\"%.*s\", not a slot or range", ni->id,
                                  (int)(fn > 40 ? 40 : fn), f);
                goto done;
            }
            /* A failed master keeps its slots in the table until a replica
             * takes them over: they are served by no one meanwhile. */
            if (ni->fail || ni->noaddr)
                continue;
            for (unsigned long s = a; s <= b; s++)
                t->owner[s] = (int16_t)i;
        }
    }
done:
    free(slots);
    free(ends);
    return rc;
}

unsigned redis_topology_uncovered(const struct redis_topology *t, char *buf, size_t size)
{
    unsigned count = 0;
    size_t n = 0;
    if (size)
        buf[0] = '\0';
    for (unsigned s = 0; s < REDIS_SLOTS;) {
        if (t->owner[s] >= 0) {
            s++;
            continue;
        }
        unsigned e = s;
        while (e + 1 < REDIS_SLOTS && t->owner[e + 1] < 0)
            e++;
        count += e - s + 1;
        if (n + 24 < size) {
            n += (size_t)(e == s ? snprintf(buf + n, size - n, "%s%u", n ? ", " : "", s)
                                 : snprintf(buf + n, size - n, "%s%u-%u", n ? ", " : "", s, e));
        } else if (n + 4 < size && (n < 3 || strcmp(buf + n - 3, "...") != 0)) {
            n += (size_t)snprintf(buf + n, size - n, "...");
        }
        s = e + 1;
    }
    return count;
}
