/* xa.c - reading XA statements and writing xids in canonical text. */
#include "mysql/xa.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "base/hex.h"
#include "mysql/server_conn.h"

/* A view of text being read: every read checks i against n. */
struct xa_text {
    const char *p;
    size_t n, i;
};

static void skip_space(struct xa_text *t)
{
    while (t->i < t->n && (t->p[t->i] == ' ' || t->p[t->i] == '\t' || t->p[t->i] == '\n' ||
                           t->p[t->i] == '\r'))
        t->i++;
}

static bool take_char(struct xa_text *t, char c)
{
    if (t->i < t->n && t->p[t->i] == c) {
        t->i++;
        return true;
    }
    return false;
}

/* A keyword (any case) followed by a space or the end. */
static bool take_word(struct xa_text *t, const char *word)
{
    size_t len = strlen(word);
    if (t->n - t->i < len || strncasecmp(t->p + t->i, word, len) != 0)
        return false;
    if (t->i + len < t->n && t->p[t->i + len] != ' ' && t->p[t->i + len] != '\t' &&
        t->p[t->i + len] != '\n' && t->p[t->i + len] != '\r')
        return false;
    t->i += len;
    return true;
}

/* X'<hex>': at most XA_PART_MAX bytes; the bytes go to out. */
static bool take_part(struct xa_text *t, uint8_t *out, size_t *len)
{
    if (!(take_char(t, 'X') || take_char(t, 'x')) || !take_char(t, '\''))
        return false;
    *len = 0;
    for (;;) {
        if (take_char(t, '\''))
            return true;
        if (t->n - t->i < 2 || *len == XA_PART_MAX)
            return false;
        int hi = bb_hex_digit((unsigned char)t->p[t->i]);
        int lo = bb_hex_digit((unsigned char)t->p[t->i + 1]);
        if (hi < 0 || lo < 0)
            return false;
        out[(*len)++] = (uint8_t)(hi << 4 | lo);
        t->i += 2;
    }
}

/* A format id: decimal, 0 to 4294967295 (the server prints it unsigned). */
static bool take_format_id(struct xa_text *t, uint32_t *out)
{
    uint64_t v = 0;
    size_t start = t->i;
    while (t->i < t->n && t->p[t->i] >= '0' && t->p[t->i] <= '9') {
        v = v * 10 + (uint64_t)(t->p[t->i] - '0');
        if (v > UINT32_MAX)
            return false;
        t->i++;
    }
    *out = (uint32_t)v;
    return t->i > start;
}

static void write_text(const uint8_t *gtrid, size_t glen, const uint8_t *bqual, size_t blen,
                       uint32_t format_id, char xid[XA_ID_TEXT_MAX])
{
    static const char digits[] = "0123456789ABCDEF";
    size_t n = 0;
    const uint8_t *parts[2] = { gtrid, bqual };
    size_t lens[2] = { glen, blen };
    for (int k = 0; k < 2; k++) {
        if (k)
            xid[n++] = ',';
        xid[n++] = 'X';
        xid[n++] = '\'';
        for (size_t i = 0; i < lens[k]; i++) {
            xid[n++] = digits[parts[k][i] >> 4];
            xid[n++] = digits[parts[k][i] & 15];
        }
        xid[n++] = '\'';
    }
    snprintf(xid + n, XA_ID_TEXT_MAX - n, ",%u", format_id);
}

/* The xid at t: X'..',X'..',n, the parts' bytes and the format id. */
static bool take_xid(struct xa_text *t, char xid[XA_ID_TEXT_MAX])
{
    uint8_t gtrid[XA_PART_MAX], bqual[XA_PART_MAX];
    size_t glen, blen;
    uint32_t format_id;
    if (!take_part(t, gtrid, &glen) || !take_char(t, ',') || !take_part(t, bqual, &blen) ||
        !take_char(t, ',') || !take_format_id(t, &format_id))
        return false;
    write_text(gtrid, glen, bqual, blen, format_id, xid);
    return true;
}

enum xa_verb xa_statement(const struct bb_bytes *query, char xid[XA_ID_TEXT_MAX])
{
    static const struct {
        const char *word;
        enum xa_verb verb;
    } verbs[] = {
        { "START", XA_VERB_START }, { "BEGIN", XA_VERB_START }, { "END", XA_VERB_END },
        { "COMMIT", XA_VERB_COMMIT }, { "ROLLBACK", XA_VERB_ROLLBACK },
    };
    struct xa_text t = { (const char *)query->p, query->len, 0 };
    skip_space(&t);
    if (!take_word(&t, "XA"))
        return XA_VERB_NONE;
    skip_space(&t);
    enum xa_verb verb = XA_VERB_NONE;
    for (size_t k = 0; k < sizeof verbs / sizeof *verbs && verb == XA_VERB_NONE; k++)
        if (take_word(&t, verbs[k].word))
            verb = verbs[k].verb;
    if (verb == XA_VERB_NONE)
        return XA_VERB_NONE;
    skip_space(&t);
    if (!take_xid(&t, xid))
        return XA_VERB_NONE;
    skip_space(&t);
    return t.i == t.n ? verb : XA_VERB_NONE;
}

int xa_id_text(int32_t format_id, const struct bb_bytes *gtrid, const struct bb_bytes *bqual,
               char xid[XA_ID_TEXT_MAX])
{
    if (gtrid->len > XA_PART_MAX || bqual->len > XA_PART_MAX)
        return -1;
    write_text(gtrid->p, gtrid->len, bqual->p, bqual->len, (uint32_t)format_id, xid);
    return 0;
}

bool xa_id_valid(const char *s, size_t n)
{
    char canon[XA_ID_TEXT_MAX];
    struct xa_text t = { s, n, 0 };
    return take_xid(&t, canon) && t.i == n && strlen(canon) == n && memcmp(canon, s, n) == 0;
}
