/* test_truncation.c - every truncation of every event of the corpus (and of
 * the crafted binlogs of tests/data/crafted) either
 * decodes (some events legitimately end early: a rows event cut at a row
 * boundary, a GTID without its optional trailer) or fails with a one-line
 * error naming the event type and offset; never a crash or an overread
 * (this suite also runs under ASan+UBSan). The truncated copy gets a fresh
 * size field and CRC32, so the body decoders see the short body itself.
 * Rows are decoded in slices of TRUNCATION_ROWS_BUDGET (4 KB), far less than the
 * default, so that many cuts fail in a later slice of their event (a
 * different path to the error) and every slice is read. */
#include <criterion/criterion.h>
#include <criterion/logging.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "binlog/decoder.h"
#include "tests/testutil.h"

#define TRUNCATION_ROWS_BUDGET ((size_t)4 << 10)

static void put_le32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}

struct truncation_stats {
    unsigned long attempts, failures, successes;
    unsigned long sliced;   /* attempts that got past a rows event's first slice */
};

/* Try one truncated copy: header + body[0..body_len) (+ CRC). */
static void try_truncated(struct decoder *d, const uint8_t *ev, size_t len, size_t body_len,
                          bool crc, const char *file, uint64_t pos, uint8_t *scratch,
                          struct truncation_stats *st)
{
    size_t header = d->header_len;
    size_t n = header + body_len + (crc ? 4 : 0);
    memcpy(scratch, ev, header + body_len);
    put_le32(scratch + 9, (uint32_t)n);
    if (crc)
        put_le32(scratch + header + body_len, (uint32_t)crc32(0, scratch, (uInt)(header + body_len)));
    struct bb_event out;
    struct bb_error err = { 0 };
    /* Keep the state a truncated success would change from leaking into the
     * decoding of the real event that follows. */
    bool have_format = d->have_format;
    int rc = decoder_decode(d, scratch, n, pos, file, &out, &err);
    bool sliced = false;
    while (rc == 0 && (rc = decoder_next(d, &out, &err)) > 0) {
        sliced |= bb_event_is_rows(&out) && out.rows.first_row > 0;
        rc = 0;
    }
    /* out: the last delivery, or the slice that failed */
    st->sliced += sliced || (bb_event_is_rows(&out) && out.rows.first_row > 0);
    d->clear_tables_pending = false;
    d->payload.active = false;
    d->have_format = have_format;
    st->attempts++;
    if (rc < 0 || err.code) {
        st->failures++;
        cr_expect(err.code < 0, "%s@%llu cut to %zu: failed without an error code", file,
                  (unsigned long long)pos, n);
        cr_expect(strstr(err.msg, " at offset ") != NULL,
                  "%s@%llu cut to %zu: error '%s' does not say where", file,
                  (unsigned long long)pos, n, err.msg);
        cr_expect(strchr(err.msg, '\n') == NULL, "%s: message spans lines", file);
    } else {
        st->successes++;
    }
    (void)len;
}

static void truncate_file(const char *path, const char *name, struct truncation_stats *st)
{
    size_t size;
    uint8_t *data = slurp(path, &size);
    cr_assert(data, "cannot read %s", path);
    struct decoder d;
    decoder_init(&d);
    d.require_format = true;
    d.rows_budget = TRUNCATION_ROWS_BUDGET;
    uint8_t *scratch = malloc(size + 8);
    cr_assert(scratch);
    size_t pos = 4;
    while (pos + BB_LOG_EVENT_HEADER_LEN <= size) {
        uint32_t len = data[pos + 9] | data[pos + 10] << 8 | data[pos + 11] << 16 |
                       (uint32_t)data[pos + 12] << 24;
        if (len < BB_LOG_EVENT_HEADER_LEN || pos + len > size)
            break;
        const uint8_t *ev = data + pos;
        uint8_t type = ev[4];
        bool crc = d.have_format && d.checksum_alg == BB_CHECKSUM_CRC32 &&
                   type != FORMAT_DESCRIPTION_EVENT;
        size_t body = len - d.header_len - (crc ? 4 : 0);
        if (d.have_format && len >= d.header_len + (crc ? 4u : 0u)) {
            for (size_t b = 0; b < body; b++) {
                /* every cut in the first 256 bytes, then a sample */
                if (b >= 256 && b % 61 != 0 && b + 16 < body)
                    continue;
                try_truncated(&d, ev, len, b, crc, name, pos, scratch, st);
            }
        }
        /* Then the real event, so the next ones see the right state. */
        struct bb_event out;
        struct bb_error err = { 0 };
        int rc = decoder_decode(&d, ev, len, pos, name, &out, &err);
        cr_assert_eq(rc, 0, "%s: the untruncated event at %zu fails: %s", name, pos, err.msg);
        while ((rc = decoder_next(&d, &out, &err)) > 0)
            ;
        cr_assert_eq(rc, 0, "%s: an inner event of the payload at %zu fails: %s", name, pos,
                     err.msg);
        pos += len;
    }
    free(scratch);
    free(data);
    decoder_destroy(&d);
}

static bool skip(const char *name)
{
    static const char *const negatives[] = {
        "canal-tsdb-mysql-bin.000001", "rmc-binlog_truncated_event.000001",
        "rmc-binlog_truncated_prev_gtid_event.000001", "rmc-corrupt-relay-bin.000624",
        "MANIFEST.md", NULL,
    };
    for (const char *const *n = negatives; *n; n++)
        if (strcmp(*n, name) == 0)
            return true;
    return name[0] == '.';
}

Test(truncation, every_cut_of_every_corpus_event_fails_cleanly)
{
    DIR *dir = opendir(corpus_dir());
    cr_assert(dir, "cannot open the corpus at %s", corpus_dir());
    struct dirent *de;
    struct truncation_stats st = { 0, 0, 0, 0 };
    while ((de = readdir(dir))) {
        if (skip(de->d_name))
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", corpus_dir(), de->d_name);
        truncate_file(path, de->d_name, &st);
    }
    closedir(dir);
    cr_expect_gt(st.attempts, 100000, "only %lu truncations tried", st.attempts);
    cr_expect_gt(st.failures, st.attempts / 2, "most truncations should fail: %lu of %lu",
                 st.failures, st.attempts);
    cr_expect_gt(st.sliced, 1000, "only %lu truncations reached a later slice", st.sliced);
    cr_log_info("truncation: %lu cuts of corpus events, %lu reached a later slice", st.attempts,
                st.sliced);
}

/* The crafted binlogs (tests/data/make_crafted.py): a payload whose frame
 * inflates to 1.1 GB (each cut must fail on the payload's size fields, not
 * after inflating), a JSON value sharing children (the row decodes;
 * only rendering refuses it), and rows of a 4096-column table that come in
 * slices (a cut fails in the slice it falls in, after the ones before). */
Test(truncation, every_cut_of_every_crafted_event_fails_cleanly)
{
    static const char *const dir_path = "tests/data/crafted";
    DIR *dir = opendir(dir_path);
    cr_assert(dir, "cannot open %s (run from the repository root)", dir_path);
    struct dirent *de;
    struct truncation_stats st = { 0, 0, 0, 0 };
    int files = 0;
    while ((de = readdir(dir))) {
        /* corrupt-*: refused whole by design (test_crafted.c) */
        if (de->d_name[0] == '.' || strncmp(de->d_name, "corrupt-", 8) == 0)
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir_path, de->d_name);
        truncate_file(path, de->d_name, &st);
        files++;
    }
    closedir(dir);
    cr_expect_geq(files, 3);
    cr_expect_gt(st.attempts, 1000, "only %lu truncations tried", st.attempts);
    cr_expect_gt(st.sliced, 50, "only %lu truncations reached a later slice", st.sliced);
    cr_expect_gt(st.failures, st.attempts / 2, "most truncations should fail: %lu of %lu",
                 st.failures, st.attempts);
}
