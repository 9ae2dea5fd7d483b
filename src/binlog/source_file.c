/* source_file.c - events from binlog and relay-log files on disk, read in
 * order through one reusable read-ahead window, so memory does not grow with
 * the file and events are not copied. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "binlog/decoder.h"
#include "base/error.h"
#include "binlog/source.h"

struct file_source {
    struct source base;
    char **paths;
    size_t npaths;
    size_t cur;          /* index of the open file, npaths when done */
    int fd;              /* -1 when no file is open */
    uint64_t pos;        /* offset in the file of the next event */
    bool fresh;          /* no event delivered from the open file yet */
    bool eof;            /* read() returned 0 */
    size_t max_event_size;
    /* Read-ahead window: bytes [head, tail) of buf are the file from `pos`
     * on. Events are handed out as views into it; only an event that
     * straddles the end of the window is moved to the front. */
    uint8_t *buf;
    size_t cap, head, tail;
};

#define READ_CHUNK ((size_t)1 << 18)

static void close_current(struct file_source *fs)
{
    if (fs->fd >= 0)
        close(fs->fd);
    fs->fd = -1;
}

/* Make at least `want` bytes available from head, reading as needed.
 * Returns 1 when they are, 0 at end of file (fewer available), -1 on a
 * read error (errno set) or out of memory (errno ENOMEM). */
static int fill(struct file_source *fs, size_t want)
{
    while (fs->tail - fs->head < want) {
        if (fs->eof)
            return 0;
        if (fs->head > 0 && (fs->cap - fs->tail < READ_CHUNK || fs->head == fs->tail)) {
            memmove(fs->buf, fs->buf + fs->head, fs->tail - fs->head);
            fs->tail -= fs->head;
            fs->head = 0;
        }
        size_t need = want > READ_CHUNK ? want : READ_CHUNK;
        /* Grow toward a large event as its bytes arrive, at most doubling
         * what is buffered each time: the size field alone never sizes the
         * buffer (a short file claiming a gigabyte would reserve one). */
        size_t have = fs->tail - fs->head;
        if (need > READ_CHUNK && need > 2 * have)
            need = 2 * have > READ_CHUNK ? 2 * have : READ_CHUNK;
        if (fs->cap - fs->tail < need / 2 || fs->cap < need) {
            size_t cap = fs->cap ? fs->cap : 2 * READ_CHUNK;
            while (cap < fs->tail + need)
                cap *= 2;
            uint8_t *p = realloc(fs->buf, cap);
            if (!p) {
                errno = ENOMEM;
                return -1;
            }
            fs->buf = p;
            fs->cap = cap;
        }
        ssize_t n = read(fs->fd, fs->buf + fs->tail, fs->cap - fs->tail);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        if (n == 0)
            fs->eof = true;
        fs->tail += (size_t)n;
    }
    return 1;
}

static int open_current(struct file_source *fs, struct bb_error *err)
{
    const char *path = fs->paths[fs->cur];
    fs->fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fs->fd < 0)
        return bb_error_set(err, BB_ERR_IO, "%s: cannot open: %s", path, strerror(errno));
    (void)posix_fadvise(fs->fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    fs->head = fs->tail = 0;
    fs->eof = false;
    int rc = fill(fs, 4);
    if (rc < 0)
        return bb_error_set(err, errno == ENOMEM ? BB_ERR_NOMEM : BB_ERR_IO,
                            "%s: read error at offset 0: %s", path, strerror(errno));
    const uint8_t *magic = fs->buf + fs->head;
    size_t n = fs->tail - fs->head;
    if (n < 4)
        return bb_error_set(err, BB_ERR_CORRUPT,
                            "%s: not a binlog: %zu bytes at offset 0, too short for the magic",
                            path, n);
    if (memcmp(magic, BB_BINLOG_MAGIC, 4) != 0)
        return bb_error_set(err, BB_ERR_CORRUPT,
                            "%s: not a binlog: magic at offset 0 is %02x %02x %02x %02x, "
                            "expected fe 62 69 6e", path, magic[0], magic[1], magic[2], magic[3]);
    fs->head += 4;
    fs->pos = 4;
    fs->fresh = true;
    return 0;
}

static int fail(struct file_source *fs, int rc)
{
    fs->cur = fs->npaths;
    close_current(fs);
    return rc;
}

static int file_next(struct source *s, struct source_event *out, struct bb_error *err)
{
    struct file_source *fs = (struct file_source *)s;
    for (;;) {
        if (fs->cur >= fs->npaths)
            return 0;
        if (fs->fd < 0) {
            int rc = open_current(fs, err);
            if (rc < 0)
                return fail(fs, rc);
        }
        const char *path = fs->paths[fs->cur];
        int rc = fill(fs, BB_LOG_EVENT_HEADER_LEN);
        if (rc < 0)
            return fail(fs, bb_error_set(err, errno == ENOMEM ? BB_ERR_NOMEM : BB_ERR_IO,
                                         "%s: read error at offset %llu: %s", path,
                                         (unsigned long long)fs->pos, strerror(errno)));
        size_t avail = fs->tail - fs->head;
        if (rc == 0 && avail == 0) {
            close_current(fs);
            fs->cur++;
            continue;
        }
        if (rc == 0)
            return fail(fs, bb_error_set(err, BB_ERR_CORRUPT,
                                         "%s: truncated event at offset %llu: %zu bytes left, "
                                         "less than the 19-byte event header", path,
                                         (unsigned long long)fs->pos, avail));
        const uint8_t *h = fs->buf + fs->head;
        uint32_t size = (uint32_t)h[9] | (uint32_t)h[10] << 8 | (uint32_t)h[11] << 16 |
                        (uint32_t)h[12] << 24;
        const char *tname = bb_event_type_name(h[4]);
        if (size < BB_LOG_EVENT_HEADER_LEN || size > fs->max_event_size)
            return fail(fs, bb_error_set(err, BB_ERR_CORRUPT,
                                         "%s at offset %llu in %s: event size %u is %s", tname,
                                         (unsigned long long)fs->pos, path, size,
                                         size < BB_LOG_EVENT_HEADER_LEN ? "less than its header"
                                                                        : "over the size limit"));
        rc = fill(fs, size);
        if (rc < 0)
            return fail(fs, bb_error_set(err, errno == ENOMEM ? BB_ERR_NOMEM : BB_ERR_IO,
                                         "%s at offset %llu in %s: reading %u bytes: %s", tname,
                                         (unsigned long long)fs->pos, path, size,
                                         strerror(errno)));
        if (rc == 0)
            return fail(fs, bb_error_set(err, BB_ERR_CORRUPT,
                                         "%s at offset %llu in %s: truncated: the event claims "
                                         "%u bytes but the file ends after %zu", tname,
                                         (unsigned long long)fs->pos, path, size,
                                         fs->tail - fs->head));
        out->data = fs->buf + fs->head;
        out->len = size;
        out->pos = fs->pos;
        out->log_file = path;
        out->new_file = fs->fresh;
        fs->fresh = false;
        fs->head += size;
        fs->pos += size;
        return 1;
    }
}

static void file_close(struct source *s)
{
    struct file_source *fs = (struct file_source *)s;
    if (!fs)
        return;
    close_current(fs);
    for (size_t i = 0; i < fs->npaths; i++)
        free(fs->paths[i]);
    free(fs->paths);
    free(fs->buf);
    free(fs);
}

int source_file_open(struct source **out, const char *const *paths, size_t npaths,
                     size_t max_event_size, struct bb_error *err)
{
    *out = NULL;
    if (npaths == 0)
        return bb_error_set(err, BB_ERR_USAGE, "no binlog files given");
    struct file_source *fs = calloc(1, sizeof *fs);
    if (!fs)
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    fs->base.next = file_next;
    fs->base.close = file_close;
    fs->base.initial_checksum_alg = BB_CHECKSUM_UNDEF;
    fs->max_event_size = max_event_size;
    fs->fd = -1;
    fs->paths = calloc(npaths, sizeof *fs->paths);
    if (!fs->paths)
        goto nomem;
    fs->npaths = npaths;
    for (size_t i = 0; i < npaths; i++)
        if (!(fs->paths[i] = strdup(paths[i])))
            goto nomem;
    *out = &fs->base;
    return 0;
nomem:
    file_close(&fs->base);
    return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
}
