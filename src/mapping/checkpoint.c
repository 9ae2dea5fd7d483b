/* checkpoint.c - comparing, printing and (de)serialising checkpoints. */
#include "mapping/checkpoint.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "mysql/xa.h"

/* The numeric suffix of a binlog file name ("mysql-bin.000042" -> 42), or
 * -1 when there is none. */
static long long file_number(const char *name)
{
    const char *dot = strrchr(name, '.');
    if (!dot || !dot[1])
        return -1;
    long long n = 0;
    for (const char *p = dot + 1; *p; p++) {
        if (*p < '0' || *p > '9' || n > 100000000000LL)
            return -1;
        n = n * 10 + (*p - '0');
    }
    return n;
}

int checkpoint_compare(const struct checkpoint *a, const struct checkpoint *b)
{
    int c = strcmp(a->file, b->file);
    if (c != 0) {
        long long na = file_number(a->file), nb = file_number(b->file);
        if (na >= 0 && nb >= 0 && na != nb)
            return na < nb ? -1 : 1;
        return c;
    }
    if (a->pos != b->pos)
        return a->pos < b->pos ? -1 : 1;
    if (a->rows_done != b->rows_done)
        return a->rows_done < b->rows_done ? -1 : 1;
    return 0;
}

const char *checkpoint_position_text(const struct checkpoint *cp, char *buf, size_t size)
{
    if (cp->rows_done)
        snprintf(buf, size, "%s:%llu+%llu rows", cp->file, (unsigned long long)cp->pos,
                 (unsigned long long)cp->rows_done);
    else
        snprintf(buf, size, "%s:%llu", cp->file, (unsigned long long)cp->pos);
    return buf;
}

const char *const checkpoint_field_names[CHECKPOINT_NFIELDS] = {
    "file", "pos", "rows_done", "gtid", "commit_time", "server_id", "state", "xa_pending",
    "txn_gtid", "format",
};

void checkpoint_field_values(const struct checkpoint *cp,
                             char values[CHECKPOINT_NFIELDS][CHECKPOINT_GTID_MAX])
{
    snprintf(values[0], CHECKPOINT_GTID_MAX, "%s", cp->file);
    snprintf(values[1], CHECKPOINT_GTID_MAX, "%llu", (unsigned long long)cp->pos);
    snprintf(values[2], CHECKPOINT_GTID_MAX, "%llu", (unsigned long long)cp->rows_done);
    snprintf(values[3], CHECKPOINT_GTID_MAX, "%s", cp->gtid);
    snprintf(values[4], CHECKPOINT_GTID_MAX, "%u", cp->commit_time);
    snprintf(values[5], CHECKPOINT_GTID_MAX, "%llu", (unsigned long long)cp->server_id);
    snprintf(values[6], CHECKPOINT_GTID_MAX, "%s", cp->loading ? "loading" : "streaming");
    snprintf(values[7], CHECKPOINT_GTID_MAX, "%s", cp->xa_pending);
    snprintf(values[8], CHECKPOINT_GTID_MAX, "%s", cp->rows_done ? cp->txn_gtid : "");
    snprintf(values[9], CHECKPOINT_GTID_MAX, "%s", CHECKPOINT_FORMAT);
}

static int parse_u64(const char *s, size_t n, uint64_t *out)
{
    char tmp[32];
    if (n == 0 || n >= sizeof tmp)
        return -1;
    memcpy(tmp, s, n);
    tmp[n] = '\0';
    for (size_t i = 0; i < n; i++)
        if (tmp[i] < '0' || tmp[i] > '9')
            return -1;
    errno = 0;
    unsigned long long v = strtoull(tmp, NULL, 10);
    if (errno)
        return -1;
    *out = v;
    return 0;
}

/* One entry of an xa_pending list, v[0..len): "XID", "XID@FILE:POS" or
 * "XID@FILE:POS@SERVER". The xid is what comes before the first '@' (an
 * xid has none), the position what follows the last ':' (digits, then
 * maybe '@' and the server_id of the server whose binlog FILE is: a file
 * name may hold ':' and '@', the two numbers cannot). *server is 0 when
 * the entry names none. Returns 0, or -1 when it is not valid. */
static int xa_entry(const char *v, size_t len, size_t *xid_len, const char **file,
                    size_t *file_len, uint64_t *pos, uint64_t *server)
{
    const char *at = memchr(v, '@', len);
    *xid_len = at ? (size_t)(at - v) : len;
    *file = "";
    *file_len = 0;
    *pos = 0;
    *server = 0;
    if (!xa_id_valid(v, *xid_len))
        return -1;
    if (!at)
        return 0;
    const char *f = at + 1, *end = v + len, *colon = NULL;
    for (const char *p = f; p < end; p++)
        if (*p == ':')
            colon = p;
    if (!colon || colon == f || (size_t)(colon - f) >= CHECKPOINT_FILE_MAX)
        return -1;
    const char *num_end = memchr(colon + 1, '@', (size_t)(end - colon - 1));
    if (num_end && (parse_u64(num_end + 1, (size_t)(end - num_end - 1), server) < 0 ||
                    *server == 0 || *server > UINT32_MAX))
        return -1;
    if (!num_end)
        num_end = end;
    if (parse_u64(colon + 1, (size_t)(num_end - colon - 1), pos) < 0 || *pos < 4)
        return -1;
    *file = f;
    *file_len = (size_t)(colon - f);
    return 0;
}

/* Is v[0..len) a valid xa_pending list? */
static bool xa_list_valid(const char *v, size_t len)
{
    if (len >= CHECKPOINT_XA_MAX || memchr(v, 0, len))
        return false;
    size_t i = 0;
    while (i < len) {
        const char *sp = memchr(v + i, ' ', len - i);
        size_t n = sp ? (size_t)(sp - (v + i)) : len - i;
        size_t xid_len, file_len;
        const char *file;
        uint64_t pos, server;
        if (xa_entry(v + i, n, &xid_len, &file, &file_len, &pos, &server) < 0)
            return false;
        i += n;
        if (sp && ++i == len)
            return false;   /* a trailing space */
    }
    return true;
}

bool checkpoint_xa_next(const char **cursor, char *xid, size_t xid_size, char *file,
                        size_t file_size, uint64_t *pos, uint64_t *server)
{
    const char *v = *cursor;
    if (!*v)
        return false;
    const char *sp = strchr(v, ' ');
    size_t n = sp ? (size_t)(sp - v) : strlen(v);
    size_t xid_len, file_len;
    const char *f;
    if (xa_entry(v, n, &xid_len, &f, &file_len, pos, server) < 0)
        return false;
    snprintf(xid, xid_size, "%.*s", (int)xid_len, v);
    snprintf(file, file_size, "%.*s", (int)file_len, f);
    *cursor = sp ? sp + 1 : v + n;
    return true;
}

/* Where xid's entry starts in cp->xa_pending and how long it is. */
static const char *xa_locate(const struct checkpoint *cp, const char *xid, size_t *len)
{
    size_t xlen = strlen(xid);
    for (const char *v = cp->xa_pending; *v;) {
        const char *sp = strchr(v, ' ');
        size_t n = sp ? (size_t)(sp - v) : strlen(v);
        if (n >= xlen && memcmp(v, xid, xlen) == 0 && (n == xlen || v[xlen] == '@')) {
            *len = n;
            return v;
        }
        v += sp ? n + 1 : n;
    }
    return NULL;
}

bool checkpoint_xa_find(const struct checkpoint *cp, const char *xid, char *file,
                        size_t file_size, uint64_t *pos, uint64_t *server)
{
    size_t len;
    const char *v = xa_locate(cp, xid, &len);
    if (!v)
        return false;
    char x[XA_ID_TEXT_MAX];
    const char *cursor = v;
    return checkpoint_xa_next(&cursor, x, sizeof x, file, file_size, pos, server);
}

bool checkpoint_xa_fits(const struct checkpoint *cp, const char *xid, const char *file)
{
    if (file && strchr(file, ' '))
        return false;
    size_t used = strlen(cp->xa_pending);
    /* " XID@FILE:POS@SERVER" with the longest POS and SERVER, and the NUL */
    size_t need = (used ? 1 : 0) + strlen(xid) + (file ? 1 + strlen(file) + 1 + 20 + 1 + 10 : 0)
                  + 1;
    return used + need <= sizeof cp->xa_pending;
}

int checkpoint_xa_add(struct checkpoint *cp, const char *xid, const char *file, uint64_t pos,
                      uint64_t server)
{
    if (!checkpoint_xa_fits(cp, xid, file) || server > UINT32_MAX)
        return -1;
    size_t used = strlen(cp->xa_pending);
    char *out = cp->xa_pending + used;
    size_t room = sizeof cp->xa_pending - used;
    const char *sep = used ? " " : "";
    if (file && server)
        snprintf(out, room, "%s%s@%s:%llu@%llu", sep, xid, file, (unsigned long long)pos,
                 (unsigned long long)server);
    else if (file)
        snprintf(out, room, "%s%s@%s:%llu", sep, xid, file, (unsigned long long)pos);
    else
        snprintf(out, room, "%s%s", sep, xid);
    return 0;
}

bool checkpoint_xa_remove(struct checkpoint *cp, const char *xid)
{
    size_t len;
    const char *at = xa_locate(cp, xid, &len);
    if (!at)
        return false;
    char *v = cp->xa_pending + (at - cp->xa_pending);
    char *end = v + len;
    if (*end == ' ')
        end++;                       /* the separator after it */
    else if (v > cp->xa_pending)
        v--;                         /* the last entry: the separator before it */
    memmove(v, end, strlen(end) + 1);
    return true;
}

/* A record of format 2 or older names no server in its xa_pending
 * entries: their positions are of the server the checkpoint's own
 * position is of (server_id). Each entry with a position gets that server
 * now, before the checkpoint moves to another server after a switch. One
 * the list has no room for (a list nearly full of long entries) keeps
 * none: its server is not known (checkpoint.h). */
static void xa_name_servers(struct checkpoint *cp)
{
    if (!cp->server_id || cp->server_id > UINT32_MAX || !cp->xa_pending[0])
        return;
    char out[CHECKPOINT_XA_MAX];
    size_t n = 0;
    const char *v = cp->xa_pending;
    while (*v) {
        size_t len = strcspn(v, " ");
        size_t xid_len, file_len;
        const char *file;
        uint64_t pos, server;
        char suffix[24] = "";
        if (xa_entry(v, len, &xid_len, &file, &file_len, &pos, &server) == 0 && file_len &&
            !server)
            snprintf(suffix, sizeof suffix, "@%llu", (unsigned long long)cp->server_id);
        size_t rest = strlen(v + len);   /* what follows, unchanged if need be */
        if (n + (n ? 1 : 0) + len + strlen(suffix) + rest >= sizeof out)
            suffix[0] = '\0';
        n += (size_t)snprintf(out + n, sizeof out - n, "%s%.*s%s", n ? " " : "", (int)len, v,
                              suffix);
        v += len + (v[len] == ' ');
    }
    memcpy(cp->xa_pending, out, n + 1);
}

int checkpoint_from_fields(struct checkpoint *cp, const char *const *names,
                           const char *const *values, const size_t *lens, size_t n,
                           struct bb_error *err)
{
    memset(cp, 0, sizeof *cp);
    bool have_file = false, have_pos = false;
    for (size_t i = 0; i < n; i++) {
        const char *name = names[i], *v = values[i];
        size_t len = lens[i];
        uint64_t u;
        if (strcmp(name, "file") == 0) {
            if (len == 0 || len >= sizeof cp->file || memchr(v, 0, len))
                return bb_error_set(err, BB_ERR_CORRUPT, "checkpoint field file is invalid");
            memcpy(cp->file, v, len);
            cp->file[len] = '\0';
            have_file = true;
        } else if (strcmp(name, "gtid") == 0) {
            if (len >= sizeof cp->gtid || memchr(v, 0, len))
                return bb_error_set(err, BB_ERR_CORRUPT, "checkpoint field gtid is invalid");
            memcpy(cp->gtid, v, len);
            cp->gtid[len] = '\0';
        } else if (strcmp(name, "txn_gtid") == 0) {
            if (len >= sizeof cp->txn_gtid || memchr(v, 0, len))
                return bb_error_set(err, BB_ERR_CORRUPT, "checkpoint field txn_gtid is invalid");
            memcpy(cp->txn_gtid, v, len);
            cp->txn_gtid[len] = '\0';
        } else if (strcmp(name, "format") == 0) {
            if (!(len == 1 && (v[0] == '2' || v[0] == '3')))
                return bb_error_set(err, BB_ERR_CORRUPT, "checkpoint format '%.*s' is unknown "
                                    "(this binbridge reads format " CHECKPOINT_FORMAT " and older "
                                    "records): was it saved by a newer binbridge?",
                                    (int)(len > 20 ? 20 : len), v);
            cp->gtid_full = true;
        } else if (strcmp(name, "xa_pending") == 0) {
            if (!xa_list_valid(v, len))
                return bb_error_set(err, BB_ERR_CORRUPT, "checkpoint field xa_pending is invalid: "
                                    "'%.*s'", (int)(len > 80 ? 80 : len), v);
            memcpy(cp->xa_pending, v, len);
            cp->xa_pending[len] = '\0';
        } else if (strcmp(name, "state") == 0) {
            if (len == 7 && memcmp(v, "loading", 7) == 0)
                cp->loading = true;
            else if (!(len == 9 && memcmp(v, "streaming", 9) == 0))
                return bb_error_set(err, BB_ERR_CORRUPT, "checkpoint field state is '%.*s', not "
                                    "loading or streaming", (int)(len > 40 ? 40 : len), v);
        } else if (strcmp(name, "pos") == 0 || strcmp(name, "rows_done") == 0 ||
                   strcmp(name, "commit_time") == 0 || strcmp(name, "server_id") == 0) {
            if (parse_u64(v, len, &u) < 0)
                return bb_error_set(err, BB_ERR_CORRUPT,
                                    "checkpoint field %s is not a number: '%.*s'", name,
                                    (int)(len > 40 ? 40 : len), v);
            if (name[0] == 'p') {
                cp->pos = u;
                have_pos = true;
            } else if (name[0] == 'r') {
                cp->rows_done = u;
            } else if (name[0] == 'c') {
                if (u > UINT32_MAX)
                    return bb_error_set(err, BB_ERR_CORRUPT, "checkpoint commit_time is invalid");
                cp->commit_time = (uint32_t)u;
            } else {
                cp->server_id = u;
            }
        }
    }
    if (!have_file || !have_pos)
        return bb_error_set(err, BB_ERR_CORRUPT, "checkpoint lacks its %s field",
                            have_file ? "pos" : "file");
    if (cp->pos < 4)
        return bb_error_set(err, BB_ERR_CORRUPT, "checkpoint position %llu is before the first "
                            "event", (unsigned long long)cp->pos);
    xa_name_servers(cp);
    return 0;
}

int checkpoint_note_mariadb_gtid(struct checkpoint *cp, uint32_t domain, uint32_t server,
                                 uint64_t seq, struct bb_error *err)
{
    /* Rebuild the list with this domain's entry replaced (or added), in
     * domain order as MariaDB prints gtid_binlog_pos. */
    char out[CHECKPOINT_GTID_MAX];
    size_t n = 0;
    bool placed = false;
    const char *p = cp->gtid;
    while (*p) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        unsigned long d = strtoul(p, NULL, 10);
        if (!placed && d >= domain) {
            n += (size_t)snprintf(out + n, sizeof out - n, "%s%u-%u-%llu", n ? "," : "", domain,
                                  server, (unsigned long long)seq);
            placed = true;
        }
        if (d != domain && n + len + 2 < sizeof out) {
            if (n)
                out[n++] = ',';
            memcpy(out + n, p, len);
            n += len;
        }
        if (n >= sizeof out - 1)
            return bb_error_set(err, BB_ERR_LIMIT, "GTID position exceeds %d bytes",
                                CHECKPOINT_GTID_MAX);
        p = end ? end + 1 : p + len;
    }
    if (!placed)
        n += (size_t)snprintf(out + n, sizeof out - n, "%s%u-%u-%llu", n ? "," : "", domain,
                              server, (unsigned long long)seq);
    if (n >= sizeof out)
        return bb_error_set(err, BB_ERR_LIMIT, "GTID position exceeds %d bytes",
                            CHECKPOINT_GTID_MAX);
    out[n] = '\0';
    memcpy(cp->gtid, out, n + 1);
    return 0;
}
