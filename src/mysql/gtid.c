/* gtid.c - MySQL GTID sets and MariaDB GTID positions (gtid.h). */
#include "mysql/gtid.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/hex.h"

/* ------------------------------------------------------------------ */
/* MySQL sets                                                          */

void gtid_set_init(struct gtid_set *s)
{
    memset(s, 0, sizeof *s);
}

void gtid_set_clear(struct gtid_set *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->sids[i].iv);
    s->n = 0;
}

void gtid_set_destroy(struct gtid_set *s)
{
    if (!s)
        return;
    gtid_set_clear(s);
    free(s->sids);
    gtid_set_init(s);
}

static int sid_cmp(const uint8_t *ua, const char *ta, size_t la, const uint8_t *ub,
                   const char *tb, size_t lb)
{
    int c = memcmp(ua, ub, 16);
    if (c)
        return c;
    size_t n = la < lb ? la : lb;
    c = memcmp(ta, tb, n);
    if (c)
        return c;
    return la < lb ? -1 : la > lb;
}

/* The index of uuid:tag in s, or where it would go (*found false). */
static size_t sid_find(const struct gtid_set *s, const uint8_t *uuid, const char *tag,
                       size_t taglen, bool *found)
{
    size_t lo = 0, hi = s->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const struct gtid_sid *x = &s->sids[mid];
        int c = sid_cmp(x->uuid, x->tag, x->taglen, uuid, tag, taglen);
        if (c == 0) {
            *found = true;
            return mid;
        }
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    *found = false;
    return lo;
}

static struct gtid_sid *sid_get(struct gtid_set *s, const uint8_t *uuid, const char *tag,
                                size_t taglen)
{
    bool found;
    size_t at = sid_find(s, uuid, tag, taglen, &found);
    if (found)
        return &s->sids[at];
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 4;
        struct gtid_sid *v = realloc(s->sids, cap * sizeof *v);
        if (!v)
            return NULL;
        s->sids = v;
        s->cap = cap;
    }
    memmove(&s->sids[at + 1], &s->sids[at], (s->n - at) * sizeof *s->sids);
    s->n++;
    struct gtid_sid *t = &s->sids[at];
    memset(t, 0, sizeof *t);
    memcpy(t->uuid, uuid, 16);
    memcpy(t->tag, tag, taglen);
    t->tag[taglen] = '\0';
    t->taglen = taglen;
    return t;
}

/* Insert [start, end) into t's intervals, merging what it overlaps or
 * touches. The usual case, the next number after the last interval, is
 * one comparison. */
static int sid_add(struct gtid_sid *t, uint64_t start, uint64_t end)
{
    if (t->niv && t->iv[t->niv - 1].end == start) {
        t->iv[t->niv - 1].end = end > t->iv[t->niv - 1].end ? end : t->iv[t->niv - 1].end;
        return 0;
    }
    /* first interval that ends at or after start */
    size_t i = 0;
    while (i < t->niv && t->iv[i].end < start)
        i++;
    /* intervals i..j-1 overlap or touch [start, end) */
    size_t j = i;
    while (j < t->niv && t->iv[j].start <= end) {
        if (t->iv[j].start < start)
            start = t->iv[j].start;
        if (t->iv[j].end > end)
            end = t->iv[j].end;
        j++;
    }
    if (j > i) {
        t->iv[i].start = start;
        t->iv[i].end = end;
        memmove(&t->iv[i + 1], &t->iv[j], (t->niv - j) * sizeof *t->iv);
        t->niv -= j - i - 1;
        return 0;
    }
    if (t->niv == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 4;
        struct bb_gtid_interval *iv = realloc(t->iv, cap * sizeof *iv);
        if (!iv)
            return BB_ERR_NOMEM;
        t->iv = iv;
        t->cap = cap;
    }
    memmove(&t->iv[i + 1], &t->iv[i], (t->niv - i) * sizeof *t->iv);
    t->iv[i].start = start;
    t->iv[i].end = end;
    t->niv++;
    return 0;
}

int gtid_set_add_interval(struct gtid_set *s, const uint8_t uuid[16], const char *tag,
                          size_t taglen, uint64_t start, uint64_t end)
{
    if (taglen > GTID_TAG_MAX || start == 0 || end <= start)
        return BB_ERR_USAGE;
    char low[GTID_TAG_MAX + 1];
    for (size_t i = 0; i < taglen; i++)
        low[i] = (char)tolower((unsigned char)tag[i]);
    struct gtid_sid *t = sid_get(s, uuid, low, taglen);
    if (!t)
        return BB_ERR_NOMEM;
    return sid_add(t, start, end);
}

int gtid_set_add_set(struct gtid_set *a, const struct gtid_set *b)
{
    for (size_t i = 0; i < b->n; i++) {
        const struct gtid_sid *t = &b->sids[i];
        for (size_t j = 0; j < t->niv; j++) {
            int rc = gtid_set_add_interval(a, t->uuid, t->tag, t->taglen, t->iv[j].start,
                                           t->iv[j].end);
            if (rc < 0)
                return rc;
        }
    }
    return 0;
}

int gtid_set_add_gtid(struct gtid_set *s, const struct bb_ev_gtid *g)
{
    if (g->tag.len > GTID_TAG_MAX || g->gno == 0 || g->gno >= (uint64_t)INT64_MAX)
        return BB_ERR_CORRUPT;
    return gtid_set_add_interval(s, g->sid, (const char *)g->tag.p, g->tag.len, g->gno,
                                 g->gno + 1);
}

int gtid_set_add_previous(struct gtid_set *s, const struct bb_ev_previous_gtids *p)
{
    for (uint64_t i = 0; i < p->nsid; i++) {
        const struct bb_sid_block *b = &p->sids[i];
        if (b->tag.len > GTID_TAG_MAX)
            return BB_ERR_CORRUPT;
        for (uint64_t j = 0; j < b->ninterval; j++) {
            const struct bb_gtid_interval *iv = &b->intervals[j];
            if (iv->start == 0 || iv->end <= iv->start)
                return BB_ERR_CORRUPT;
            int rc = gtid_set_add_interval(s, b->sid, (const char *)b->tag.p, b->tag.len,
                                           iv->start, iv->end);
            if (rc < 0)
                return rc;
        }
    }
    return 0;
}

bool gtid_set_contains(const struct gtid_set *s, const uint8_t uuid[16], const char *tag,
                       size_t taglen, uint64_t gno)
{
    if (taglen > GTID_TAG_MAX)
        return false;
    char low[GTID_TAG_MAX + 1];
    for (size_t i = 0; i < taglen; i++)
        low[i] = (char)tolower((unsigned char)tag[i]);
    bool found;
    size_t at = sid_find(s, uuid, low, taglen, &found);
    if (!found)
        return false;
    const struct gtid_sid *t = &s->sids[at];
    size_t lo = 0, hi = t->niv;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (gno < t->iv[mid].start)
            hi = mid;
        else if (gno >= t->iv[mid].end)
            lo = mid + 1;
        else
            return true;
    }
    return false;
}

bool gtid_set_is_empty(const struct gtid_set *s)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->sids[i].niv)
            return false;
    return true;
}

/* Is [start, end) wholly inside one of t's intervals? */
static bool sid_covers(const struct gtid_sid *t, uint64_t start, uint64_t end)
{
    for (size_t k = 0; k < t->niv; k++)
        if (t->iv[k].start <= start && end <= t->iv[k].end)
            return true;
    return false;
}

bool gtid_set_is_subset(const struct gtid_set *a, const struct gtid_set *b)
{
    for (size_t i = 0; i < a->n; i++) {
        const struct gtid_sid *t = &a->sids[i];
        if (!t->niv)
            continue;
        bool found;
        size_t at = sid_find(b, t->uuid, t->tag, t->taglen, &found);
        if (!found)
            return false;
        for (size_t j = 0; j < t->niv; j++)
            if (!sid_covers(&b->sids[at], t->iv[j].start, t->iv[j].end))
                return false;
    }
    return true;
}

bool gtid_set_equal(const struct gtid_set *a, const struct gtid_set *b)
{
    return gtid_set_is_subset(a, b) && gtid_set_is_subset(b, a);
}

int gtid_set_subtract(const struct gtid_set *a, const struct gtid_set *b, struct gtid_set *out)
{
    gtid_set_clear(out);
    for (size_t i = 0; i < a->n; i++) {
        const struct gtid_sid *t = &a->sids[i];
        bool found;
        size_t at = sid_find(b, t->uuid, t->tag, t->taglen, &found);
        const struct gtid_sid *u = found ? &b->sids[at] : NULL;
        for (size_t j = 0; j < t->niv; j++) {
            uint64_t s = t->iv[j].start, e = t->iv[j].end;
            /* walk u's intervals, keeping what lies between them */
            for (size_t k = 0; u && k < u->niv && s < e; k++) {
                if (u->iv[k].end <= s)
                    continue;
                if (u->iv[k].start >= e)
                    break;
                if (u->iv[k].start > s) {
                    int rc = gtid_set_add_interval(out, t->uuid, t->tag, t->taglen, s,
                                                   u->iv[k].start);
                    if (rc < 0)
                        return rc;
                }
                s = u->iv[k].end;
            }
            if (s < e) {
                int rc = gtid_set_add_interval(out, t->uuid, t->tag, t->taglen, s, e);
                if (rc < 0)
                    return rc;
            }
        }
    }
    return 0;
}

static void put_uuid(struct bb_buf *out, const uint8_t *u)
{
    static const char hex[] = "0123456789abcdef";
    char text[37];
    size_t n = 0;
    for (int i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            text[n++] = '-';
        text[n++] = hex[u[i] >> 4];
        text[n++] = hex[u[i] & 15];
    }
    bb_buf_append(out, text, n);
}

void gtid_set_text(const struct gtid_set *s, struct bb_buf *out)
{
    bool first = true;
    for (size_t i = 0; i < s->n;) {
        /* the sids of one uuid: untagged first (the empty tag sorts first) */
        size_t j = i;
        bool any = false;
        while (j < s->n && memcmp(s->sids[j].uuid, s->sids[i].uuid, 16) == 0)
            any |= s->sids[j++].niv > 0;
        if (any) {
            if (!first)
                bb_buf_putc(out, ',');
            first = false;
            put_uuid(out, s->sids[i].uuid);
            for (size_t k = i; k < j; k++) {
                const struct gtid_sid *t = &s->sids[k];
                if (!t->niv)
                    continue;
                if (t->taglen) {
                    bb_buf_putc(out, ':');
                    bb_buf_append(out, t->tag, t->taglen);
                }
                for (size_t v = 0; v < t->niv; v++) {
                    uint64_t a = t->iv[v].start, b = t->iv[v].end - 1;
                    if (a == b)
                        bb_buf_printf(out, ":%llu", (unsigned long long)a);
                    else
                        bb_buf_printf(out, ":%llu-%llu", (unsigned long long)a,
                                      (unsigned long long)b);
                }
            }
        }
        i = j;
    }
}

static void put_u64le(struct bb_buf *b, uint64_t v)
{
    uint8_t x[8];
    for (int i = 0; i < 8; i++)
        x[i] = (uint8_t)(v >> (8 * i));
    bb_buf_append(b, x, 8);
}

void gtid_set_encode(const struct gtid_set *s, struct bb_buf *out)
{
    bool tagged = false;
    uint64_t n = 0;
    for (size_t i = 0; i < s->n; i++) {
        if (!s->sids[i].niv)
            continue;
        n++;
        tagged |= s->sids[i].taglen > 0;
    }
    put_u64le(out, tagged ? (1ULL << 56) | n << 8 | 1 : n);
    for (size_t i = 0; i < s->n; i++) {
        const struct gtid_sid *t = &s->sids[i];
        if (!t->niv)
            continue;
        bb_buf_append(out, t->uuid, 16);
        if (tagged) {
            bb_buf_putc(out, (char)(t->taglen << 1));
            bb_buf_append(out, t->tag, t->taglen);
        }
        put_u64le(out, t->niv);
        for (size_t j = 0; j < t->niv; j++) {
            put_u64le(out, t->iv[j].start);
            put_u64le(out, t->iv[j].end);
        }
    }
}

/* 8-4-4-4-12 hex digits (or 32 without dashes) into 16 bytes; returns the
 * characters read, 0 if p does not start with a UUID. */
static size_t parse_uuid(const char *p, uint8_t *out)
{
    size_t i = 0, nd = 0;
    while (nd < 32) {
        if (nd > 0 && (nd == 8 || nd == 12 || nd == 16 || nd == 20) && p[i] == '-')
            i++;
        int hi = bb_hex_digit((unsigned char)p[i]);
        int lo = hi >= 0 ? bb_hex_digit((unsigned char)p[i + 1]) : -1;
        if (hi < 0 || lo < 0)
            return 0;
        out[nd / 2] = (uint8_t)(hi << 4 | lo);
        nd += 2;
        i += 2;
    }
    return isxdigit((unsigned char)p[i]) ? 0 : i;
}

int gtid_set_parse(struct gtid_set *s, const char *text, struct bb_error *err)
{
    const char *p = text;
#define GTID_FAIL(...) return bb_error_set(err, BB_ERR_USAGE, __VA_ARGS__)
    while (isspace((unsigned char)*p))
        p++;
    if (*p == '\0')
        return 0;
    for (;;) {
        uint8_t uuid[16];
        size_t n = parse_uuid(p, uuid);
        if (n == 0)
            GTID_FAIL("GTID set '%s': expected a UUID at offset %zu", text, (size_t)(p - text));
        p += n;
        char tag[GTID_TAG_MAX + 1] = "";
        size_t taglen = 0;
        bool any = false;
        while (isspace((unsigned char)*p))
            p++;
        while (*p == ':') {
            p++;
            while (isspace((unsigned char)*p))
                p++;
            if (isalpha((unsigned char)*p) || *p == '_') {
                taglen = 0;
                while (isalnum((unsigned char)*p) || *p == '_') {
                    if (taglen == GTID_TAG_MAX)
                        GTID_FAIL("GTID set '%s': tag at offset %zu is longer than %d characters",
                                  text, (size_t)(p - text - taglen), GTID_TAG_MAX);
                    tag[taglen++] = (char)tolower((unsigned char)*p++);
                }
                tag[taglen] = '\0';
                any = false;
            } else if (isdigit((unsigned char)*p)) {
                char *end;
                errno = 0;
                unsigned long long a = strtoull(p, &end, 10), b = a;
                if (errno)
                    GTID_FAIL("GTID set '%s': number at offset %zu is out of range", text,
                              (size_t)(p - text));
                p = end;
                if (*p == '-') {
                    p++;
                    if (!isdigit((unsigned char)*p))
                        GTID_FAIL("GTID set '%s': expected a number at offset %zu", text,
                                  (size_t)(p - text));
                    errno = 0;
                    b = strtoull(p, &end, 10);
                    if (errno)
                        GTID_FAIL("GTID set '%s': number at offset %zu is out of range", text,
                                  (size_t)(p - text));
                    p = end;
                }
                if (a == 0 || b < a || b >= (unsigned long long)INT64_MAX)
                    GTID_FAIL("GTID set '%s': interval %llu-%llu is invalid (1 <= start <= end "
                              "< 2^63-1)", text, a, b);
                if (gtid_set_add_interval(s, uuid, tag, taglen, a, b + 1) < 0)
                    return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
                any = true;
            } else {
                GTID_FAIL("GTID set '%s': expected an interval or a tag at offset %zu", text,
                          (size_t)(p - text));
            }
            while (isspace((unsigned char)*p))
                p++;
        }
        if (!any)
            GTID_FAIL("GTID set '%s': %s at offset %zu has no intervals", text,
                      taglen ? "tag" : "UUID", (size_t)(p - text));
        if (*p == '\0')
            return 0;
        if (*p != ',')
            GTID_FAIL("GTID set '%s': expected ',' or ':' at offset %zu", text,
                      (size_t)(p - text));
        p++;
        while (isspace((unsigned char)*p))
            p++;
    }
#undef GTID_FAIL
}

/* ------------------------------------------------------------------ */
/* MariaDB positions                                                   */

int mariadb_gtid_parse(struct mariadb_gtid_pos *pos, const char *s, bool state,
                       struct bb_error *err)
{
    pos->n = 0;
    const char *p = s;
    while (isspace((unsigned char)*p))
        p++;
    if (*p == '\0')
        return 0;
    for (;;) {
        unsigned long long part[3];
        for (int i = 0; i < 3; i++) {
            if (!isdigit((unsigned char)*p))
                return bb_error_set(err, BB_ERR_USAGE, "GTID position '%s': expected "
                                    "domain-server-sequence numbers at offset %zu", s,
                                    (size_t)(p - s));
            char *end;
            errno = 0;
            part[i] = strtoull(p, &end, 10);
            if (errno || part[i] > (i == 2 ? ULLONG_MAX : 0xffffffffULL))
                return bb_error_set(err, BB_ERR_USAGE, "GTID position '%s': number at offset "
                                    "%zu is out of range", s, (size_t)(p - s));
            p = end;
            if (i < 2) {
                if (*p != '-')
                    return bb_error_set(err, BB_ERR_USAGE, "GTID position '%s': expected '-' at "
                                        "offset %zu", s, (size_t)(p - s));
                p++;
            }
        }
        for (size_t i = 0; i < pos->n; i++)
            if (pos->g[i].domain_id == (uint32_t)part[0] &&
                (!state || pos->g[i].server_id == (uint32_t)part[1]))
                return bb_error_set(err, BB_ERR_USAGE, "GTID position '%s': domain %llu appears "
                                    "twice", s, part[0]);
        if (pos->n == MARIADB_GTID_MAX)
            return bb_error_set(err, BB_ERR_USAGE, "GTID position '%s': more than %d entries",
                                s, MARIADB_GTID_MAX);
        pos->g[pos->n++] = (struct bb_mariadb_gtid){ (uint32_t)part[0], (uint32_t)part[1],
                                                     part[2] };
        while (isspace((unsigned char)*p))
            p++;
        if (*p == '\0')
            return 0;
        if (*p != ',')
            return bb_error_set(err, BB_ERR_USAGE, "GTID position '%s': expected ',' at offset "
                                "%zu", s, (size_t)(p - s));
        p++;
        while (isspace((unsigned char)*p))
            p++;
    }
}

const struct bb_mariadb_gtid *mariadb_gtid_domain(const struct mariadb_gtid_pos *p, uint32_t d)
{
    const struct bb_mariadb_gtid *best = NULL;
    for (size_t i = 0; i < p->n; i++)
        if (p->g[i].domain_id == d && (!best || p->g[i].seq_no > best->seq_no))
            best = &p->g[i];
    return best;
}

bool mariadb_gtid_contains(const struct mariadb_gtid_pos *p, uint32_t domain, uint64_t seq)
{
    const struct bb_mariadb_gtid *g = mariadb_gtid_domain(p, domain);
    return g && g->seq_no >= seq;
}

bool mariadb_gtid_is_subset(const struct mariadb_gtid_pos *a, const struct mariadb_gtid_pos *b)
{
    for (size_t i = 0; i < a->n; i++)
        if (!mariadb_gtid_contains(b, a->g[i].domain_id, a->g[i].seq_no))
            return false;
    return true;
}

bool mariadb_gtid_missing(const struct mariadb_gtid_pos *pos, const struct mariadb_gtid_pos *state,
                          struct bb_buf *out)
{
    bool missing = false;
    for (size_t i = 0; i < pos->n; i++) {
        const struct bb_mariadb_gtid *g = &pos->g[i];
        const struct bb_mariadb_gtid *have = NULL;
        for (size_t k = 0; k < state->n; k++)
            if (state->g[k].domain_id == g->domain_id && state->g[k].server_id == g->server_id)
                have = &state->g[k];
        if (have && have->seq_no >= g->seq_no)
            continue;
        if (missing)
            bb_buf_putc(out, ',');
        missing = true;
        if (have && have->seq_no + 1 < g->seq_no)
            bb_buf_printf(out, "%u-%u-%llu..", g->domain_id, g->server_id,
                          (unsigned long long)have->seq_no + 1);
        bb_buf_printf(out, "%u-%u-%llu", g->domain_id, g->server_id,
                      (unsigned long long)g->seq_no);
    }
    return missing;
}
