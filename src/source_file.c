/* source_file.c - events from binlog and relay-log files on disk, read in
 * order through one reusable buffer, so memory does not grow with the file. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "decoder.h"
#include "error.h"
#include "source.h"

struct file_source {
    struct source base;
    char **paths;
    size_t npaths;
    size_t cur;          /* index of the open file, npaths when done */
    FILE *fp;
    uint64_t pos;        /* offset of the next event in the open file */
    bool fresh;          /* no event delivered from the open file yet */
    size_t max_event_size;
    struct bb_buf buf;
};

static void close_current(struct file_source *fs)
{
    if (fs->fp)
        fclose(fs->fp);
    fs->fp = NULL;
}

static int open_current(struct file_source *fs, struct bb_error *err)
{
    const char *path = fs->paths[fs->cur];
    fs->fp = fopen(path, "rb");
    if (!fs->fp)
        return bb_error_set(err, BB_ERR_IO, "%s: cannot open: %s", path, strerror(errno));
    setvbuf(fs->fp, NULL, _IOFBF, 1 << 20);
    uint8_t magic[4];
    size_t n = fread(magic, 1, 4, fs->fp);
    if (n != 4 || memcmp(magic, BB_BINLOG_MAGIC, 4) != 0) {
        if (ferror(fs->fp))
            return bb_error_set(err, BB_ERR_IO, "%s: read error at offset 0: %s", path,
                                strerror(errno));
        if (n < 4)
            return bb_error_set(err, BB_ERR_CORRUPT,
                                "%s: not a binlog: %zu bytes at offset 0, too short for the magic",
                                path, n);
        return bb_error_set(err, BB_ERR_CORRUPT,
                            "%s: not a binlog: magic at offset 0 is %02x %02x %02x %02x, "
                            "expected fe 62 69 6e", path, magic[0], magic[1], magic[2], magic[3]);
    }
    fs->pos = 4;
    fs->fresh = true;
    return 0;
}

static int file_next(struct source *s, struct source_event *out, struct bb_error *err)
{
    struct file_source *fs = (struct file_source *)s;
    for (;;) {
        if (fs->cur >= fs->npaths)
            return 0;
        if (!fs->fp) {
            int rc = open_current(fs, err);
            if (rc < 0) {
                fs->cur = fs->npaths;
                return rc;
            }
        }
        const char *path = fs->paths[fs->cur];
        uint8_t header[BB_LOG_EVENT_HEADER_LEN];
        size_t n = fread(header, 1, sizeof header, fs->fp);
        if (n == 0 && feof(fs->fp)) {
            close_current(fs);
            fs->cur++;
            continue;
        }
        if (n < sizeof header) {
            int rc = ferror(fs->fp)
                ? bb_error_set(err, BB_ERR_IO, "%s: read error at offset %llu: %s", path,
                               (unsigned long long)fs->pos, strerror(errno))
                : bb_error_set(err, BB_ERR_CORRUPT,
                               "%s: truncated event at offset %llu: %zu bytes left, less than "
                               "the 19-byte event header", path, (unsigned long long)fs->pos, n);
            fs->cur = fs->npaths;
            close_current(fs);
            return rc;
        }
        uint32_t size = (uint32_t)header[9] | (uint32_t)header[10] << 8 |
                        (uint32_t)header[11] << 16 | (uint32_t)header[12] << 24;
        const char *tname = bb_event_type_name(header[4]);
        if (size < BB_LOG_EVENT_HEADER_LEN || size > fs->max_event_size) {
            fs->cur = fs->npaths;
            close_current(fs);
            return bb_error_set(err, BB_ERR_CORRUPT,
                                "%s at offset %llu in %s: event size %u is %s", tname,
                                (unsigned long long)fs->pos, path, size,
                                size < BB_LOG_EVENT_HEADER_LEN ? "less than its header"
                                                               : "over the size limit");
        }
        bb_buf_reset(&fs->buf);
        char *dst = bb_buf_reserve(&fs->buf, size);
        if (!dst) {
            fs->cur = fs->npaths;
            close_current(fs);
            return bb_error_set(err, BB_ERR_NOMEM, "%s at offset %llu in %s: out of memory for "
                                "%u bytes", tname, (unsigned long long)fs->pos, path, size);
        }
        memcpy(dst, header, sizeof header);
        size_t want = size - sizeof header;
        size_t got = fread(dst + sizeof header, 1, want, fs->fp);
        if (got < want) {
            int rc = ferror(fs->fp)
                ? bb_error_set(err, BB_ERR_IO, "%s: read error at offset %llu: %s", path,
                               (unsigned long long)(fs->pos + sizeof header + got),
                               strerror(errno))
                : bb_error_set(err, BB_ERR_CORRUPT,
                               "%s at offset %llu in %s: truncated: the event claims %u bytes "
                               "but the file ends after %zu", tname, (unsigned long long)fs->pos,
                               path, size, sizeof header + got);
            fs->cur = fs->npaths;
            close_current(fs);
            return rc;
        }
        fs->buf.len = size;
        out->data = (const uint8_t *)fs->buf.data;
        out->len = size;
        out->pos = fs->pos;
        out->log_file = path;
        out->new_file = fs->fresh;
        fs->fresh = false;
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
    bb_buf_destroy(&fs->buf);
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
    bb_buf_init(&fs->buf);
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
