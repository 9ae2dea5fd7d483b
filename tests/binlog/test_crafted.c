/* test_crafted.c - `binbridge dump` of the crafted binlogs of
 * tests/data/crafted (made by tests/data/make_crafted.py): inputs of a few
 * kilobytes that once cost gigabytes of memory or output. Each must be
 * read in bounded memory, or refused at once with one line naming the
 * event and its offset. The child's peak RSS comes from wait4().
 *
 * Run through scripts/run-tests.sh (BB_BINBRIDGE, and the repository root
 * as the current directory). */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "binbridge.h"
#include "tests/testutil.h"

extern char **environ;

#define CRAFTED_1GIB "tests/data/crafted/payload-over-1gib.binlog"
#define CRAFTED_JSON "tests/data/crafted/json-shared-children.binlog"
#define CRAFTED_WIDE "tests/data/crafted/rows-4096-columns-minimal.binlog"

/* A bound on memory, not a timing: dump peaks at 16 MB on these files
 * (29 MB under ASan+UBSan); inflating the payload whole took 1 GB. */
#define RSS_LIMIT_KB (64L << 10)
/* The wide rows: 28 MB (16 MB of values per slice), 65 MB under ASan+UBSan,
 * whose quarantine keeps what the arena frees between events; decoded
 * whole, each event took 136 MB (over 250 MB under ASan). */
#if defined(__SANITIZE_ADDRESS__)
#define WIDE_RSS_LIMIT_KB (128L << 10)
#else
#define WIDE_RSS_LIMIT_KB RSS_LIMIT_KB
#endif

struct run {
    int status;          /* exit status */
    long maxrss_kb;      /* the child's peak RSS */
    off_t out_bytes;     /* what it wrote to stdout */
    char err[4096];      /* its stderr */
    char *out;           /* its stdout, NUL-terminated, when asked for (caller frees) */
};

/* Run binbridge with args (NULL-terminated), stdout and stderr into temp
 * files, its address space limited to as_limit bytes when not 0; keep_out:
 * its stdout is returned in r->out. */
static void run_binbridge_full(const char *const *args, rlim_t as_limit, bool keep_out,
                               struct run *r)
{
    char out_path[] = "/tmp/bb-crafted-out-XXXXXX", err_path[] = "/tmp/bb-crafted-err-XXXXXX";
    int ofd = mkstemp(out_path), efd = mkstemp(err_path);
    cr_assert(ofd >= 0 && efd >= 0);
    char *argv[16];
    size_t n = 0;
    argv[n++] = (char *)test_env("BB_BINBRIDGE");
    for (; *args && n < 15; args++)
        argv[n++] = (char *)*args;
    argv[n] = NULL;
    pid_t pid = fork();
    cr_assert(pid >= 0);
    if (pid == 0) {
        struct rlimit rl = { as_limit, as_limit };
        if ((as_limit && setrlimit(RLIMIT_AS, &rl) != 0) || dup2(ofd, 1) < 0 || dup2(efd, 2) < 0)
            _exit(126);
        execve(argv[0], argv, environ);
        _exit(127);
    }
    int status;
    struct rusage ru;
    cr_assert_eq(wait4(pid, &status, 0, &ru), pid);
    r->maxrss_kb = ru.ru_maxrss;
    struct stat st;
    cr_assert_eq(fstat(ofd, &st), 0);
    r->out_bytes = st.st_size;
    r->out = NULL;
    if (keep_out) {
        r->out = malloc((size_t)st.st_size + 1);
        cr_assert(r->out);
        cr_assert_eq(pread(ofd, r->out, (size_t)st.st_size, 0), (ssize_t)st.st_size);
        r->out[st.st_size] = '\0';
    }
    ssize_t got = pread(efd, r->err, sizeof r->err - 1, 0);
    r->err[got > 0 ? got : 0] = '\0';
    close(ofd);
    close(efd);
    unlink(out_path);
    unlink(err_path);
    cr_assert(WIFEXITED(status), "binbridge died: %s", r->err);
    r->status = WEXITSTATUS(status);
}

static void run_binbridge_limited(const char *const *args, rlim_t as_limit, struct run *r)
{
    run_binbridge_full(args, as_limit, false, r);
}

static void run_binbridge(const char *const *args, struct run *r)
{
    run_binbridge_limited(args, 0, r);
}

/* 52 KB of file whose TRANSACTION_PAYLOAD inflates to 1.1 GB of valid
 * inner events: more than the 1 GiB that was once inflated whole (and
 * refused beyond, at every restart). dump reads it in memory bounded by
 * one inner event (1 MB) and zstd's window (2 MB). */
Test(crafted, payload_over_1gib_dumps_in_bounded_memory)
{
    static const char *const formats[] = { "text", "none" };
    for (size_t i = 0; i < sizeof formats / sizeof *formats; i++) {
        struct run r;
        const char *args[] = { "dump", "--file", CRAFTED_1GIB, "--format", formats[i], NULL };
        run_binbridge(args, &r);
        cr_assert_eq(r.status, 0, "--format %s: %s", formats[i], r.err);
        cr_expect_lt(r.maxrss_kb, RSS_LIMIT_KB, "--format %s: peak RSS %ld KB", formats[i],
                     r.maxrss_kb);
    }

    /* And through the library: all 1100 rows, in order, then the ROTATE
     * where the file has it. */
    struct bb_stream *s;
    struct bb_error err = { 0 };
    const char *paths[] = { CRAFTED_1GIB };
    cr_assert_eq(bb_stream_open_files(&s, paths, 1, NULL, &err), 0, "%s", err.msg);
    const struct bb_event *ev;
    int rc;
    uint64_t payload_pos = 0, payload_end = 0, inflated = 0;
    uint32_t next_id = 1;
    bool rotated = false;
    while ((rc = bb_stream_next(s, &ev, &err)) > 0) {
        if (ev->type == BB_TRANSACTION_PAYLOAD_EVENT) {
            payload_pos = ev->pos;
            payload_end = ev->pos + ev->length;
            cr_assert_gt(ev->payload.uncompressed_size, (uint64_t)1 << 30);
        } else if (ev->in_payload) {
            cr_assert_eq(ev->pos, payload_pos);
            inflated += ev->length;
            if (ev->type == WRITE_ROWS_EVENT) {
                cr_assert_eq(ev->rows.rows[0].after[0].v.i, next_id);
                cr_assert_eq(ev->rows.rows[0].after[1].v.str.len, 1000000);
                next_id++;
            }
        } else if (ev->type == ROTATE_EVENT) {
            cr_assert_eq(ev->pos, payload_end);
            rotated = true;
        }
    }
    cr_assert_eq(rc, 0, "%s", err.msg);
    cr_assert_eq(next_id, 1101);
    cr_assert_gt(inflated, (uint64_t)1 << 30);
    cr_assert(rotated);
    bb_stream_close(s);
}

/* 536 bytes: a JSON column of 22 nested arrays whose two entries share
 * one child, 4 million leaves to a walker that follows both. Refused in
 * every format, after the events before it, with one line naming the
 * WRITE_ROWS_EVENT and its offset. */
Test(crafted, json_shared_children_are_refused_at_once)
{
    static const char *const formats[] = { "text", "json", "none" };
    for (size_t i = 0; i < sizeof formats / sizeof *formats; i++) {
        struct run r;
        const char *args[] = { "dump", "--file", CRAFTED_JSON, "--format", formats[i], NULL };
        run_binbridge(args, &r);
        cr_assert_eq(r.status, 1, "--format %s: exit %d, %lld bytes out, %s", formats[i],
                     r.status, (long long)r.out_bytes, r.err);
        cr_expect(strstr(r.err, "binbridge: WRITE_ROWS_EVENT at offset 236 in " CRAFTED_JSON
                                ": JSON: value 1 at offset 10 of its array overlaps") == r.err,
                  "--format %s: %s", formats[i], r.err);
        const char *nl = strchr(r.err, '\n');
        cr_expect(nl && nl[1] == '\0', "--format %s: not one line: %s", formats[i], r.err);
        cr_expect_lt(r.out_bytes, 4096, "--format %s: %lld bytes of output", formats[i],
                     (long long)r.out_bytes);
        cr_expect_lt(r.maxrss_kb, RSS_LIMIT_KB, "--format %s: peak RSS %ld KB", formats[i],
                     r.maxrss_kb);
    }
}

/* A size field claiming a gigabyte that the bytes cannot hold is refused
 * for what it is, before the claim sizes an allocation: under a 256 MB
 * address-space limit these used to fail with "out of memory" (the file
 * source reserved the claimed event, the MariaDB zlib readers the
 * announced length). A sanitizer build maps terabytes of shadow memory,
 * so it runs them without the limit (the messages are still checked). */
Test(crafted, size_claims_are_refused_before_they_reserve_memory)
{
    static const struct { const char *file, *why; } cases[] = {
        { "tests/data/crafted/corrupt-event-claims-1gb.binlog",
          "QUERY_EVENT at offset 126 in tests/data/crafted/corrupt-event-claims-1gb.binlog: "
          "truncated: the event claims 1048576000 bytes but the file ends after 59" },
        { "tests/data/crafted/corrupt-mariadb-query-claims-1gb.binlog",
          "QUERY_COMPRESSED_EVENT at offset 126 in "
          "tests/data/crafted/corrupt-mariadb-query-claims-1gb.binlog: query text: zlib data of "
          "13 bytes cannot inflate to the 1073741824 bytes announced" },
        { "tests/data/crafted/corrupt-mariadb-column-claims-1gb.binlog",
          "WRITE_ROWS_EVENT_V1 at offset 239 in "
          "tests/data/crafted/corrupt-mariadb-column-claims-1gb.binlog: row 0 after image: "
          "column 1 (data) at rows offset 15: BLOB_COMPRESSED data of 9 bytes cannot inflate to "
          "the 1073741823 bytes its header gives" },
    };
#if defined(__SANITIZE_ADDRESS__)
    const rlim_t limit = 0;
#else
    const rlim_t limit = (rlim_t)256 << 20;
#endif
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct run r;
        const char *args[] = { "dump", "--file", cases[i].file, "--format", "json", NULL };
        run_binbridge_limited(args, limit, &r);
        cr_assert_eq(r.status, 1, "%s: exit %d: %s", cases[i].file, r.status, r.err);
        char want[1024];
        snprintf(want, sizeof want, "binbridge: %s\n", cases[i].why);
        cr_expect_str_eq(r.err, want, "%s", cases[i].file);
    }
}

/* The rows of the crafted wide table in `dump --format json` output: the
 * WRITE_ROWS rows {"values":{"id":N}} and the UPDATE_ROWS rows
 * {"before_values":{"id":N},"after_values":{"c4095":V}}, each event on one
 * line per slice. Checks that the slices of each event number their rows
 * from where the one before ended, with more_rows on all but the last, and
 * every row's values; returns the rows seen of each kind. */
static void check_wide_json(const char *out, unsigned *writes, unsigned *updates,
                            unsigned *slices)
{
    *writes = *updates = *slices = 0;
    bool more = false;
    for (const char *line = out; *line;) {
        const char *end = strchr(line, '\n');
        cr_assert(end, "unterminated line");
        bool w = strstr(line, "\"type\":\"WRITE_ROWS_EVENT\"") &&
                 strstr(line, "\"type\":\"WRITE_ROWS_EVENT\"") < end;
        bool u = strstr(line, "\"type\":\"UPDATE_ROWS_EVENT\"") &&
                 strstr(line, "\"type\":\"UPDATE_ROWS_EVENT\"") < end;
        if (!w && !u) {
            cr_assert(!more, "another event between the slices of one: %.200s", line);
            line = end + 1;
            continue;
        }
        unsigned *seen = w ? writes : updates;
        const char *fr = strstr(line, "\"first_row\":");
        cr_assert(fr && fr < end, "a sliced event's line without first_row: %.300s", line);
        cr_assert_eq(strtoul(fr + 12, NULL, 10), *seen, "slice numbered from %lu after %u rows",
                     strtoul(fr + 12, NULL, 10), *seen);
        const char *mr = strstr(line, "\"more_rows\":");
        cr_assert(mr && mr < end);
        more = strncmp(mr + 12, "true", 4) == 0;
        (*slices)++;
        const char *key = w ? "{\"values\":{\"id\":" : "{\"before_values\":{\"id\":";
        size_t klen = strlen(key);
        for (const char *p = strstr(line, key); p && p < end; p = strstr(p, key)) {
            char *q;
            unsigned long id = strtoul(p + klen, &q, 10);
            cr_assert_eq(id, *seen + 1, "row %u has id %lu", *seen, id);
            if (u) {
                const char *after = "},\"after_values\":{\"c4095\":";
                cr_assert(strncmp(q, after, strlen(after)) == 0, "%.80s", p);
                q += strlen(after);
                if (id % 10 == 0)
                    cr_assert(strncmp(q, "null}", 5) == 0, "id %lu: %.20s", id, q);
                else
                    cr_assert_eq(strtol(q, NULL, 10), (long)(id % 100), "id %lu: %.20s", id, q);
            }
            (*seen)++;
            p = q;
        }
        line = end + 1;
    }
    cr_assert(!more, "the output ends with more_rows true");
}

static size_t count_of(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

/* 64 KB of file (two TABLE_MAPs of 4096 columns, then a WRITE_ROWS of 600
 * rows and an UPDATE_ROWS of 400, each event under 8 KB as MySQL writes
 * them with binlog_row_image=MINIMAL): every row image decodes into 4096
 * values, 160 KB, so each event took 100 MB and more at once (a peak of
 * 136 MB). dump delivers them in slices of 16 MB of values, prints every
 * row once, in order and exactly, and its filters work on every slice. */
Test(crafted, wide_minimal_rows_dump_in_bounded_memory)
{
    struct run r;
    const char *json[] = { "dump", "--file", CRAFTED_WIDE, "--format", "json", NULL };
    run_binbridge_full(json, 0, true, &r);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_expect_lt(r.maxrss_kb, WIDE_RSS_LIMIT_KB, "--format json: peak RSS %ld KB", r.maxrss_kb);
    unsigned writes, updates, slices;
    check_wide_json(r.out, &writes, &updates, &slices);
    cr_assert_eq(writes, 600);
    cr_assert_eq(updates, 400);
    cr_assert_geq(slices, 10, "%u lines of rows events", slices);
    free(r.out);

    const char *text[] = { "dump", "--file", CRAFTED_WIDE, NULL };
    run_binbridge_full(text, 0, true, &r);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_expect_lt(r.maxrss_kb, WIDE_RSS_LIMIT_KB, "--format text: peak RSS %ld KB", r.maxrss_kb);
    cr_assert_eq(count_of(r.out, "\n*  id: "), 1000);
    cr_assert_eq(count_of(r.out, "=== WriteRowsEvent ===\n"), 1);
    cr_assert_eq(count_of(r.out, "=== UpdateRowsEvent ===\n"), 1);
    cr_assert_geq(count_of(r.out, "=== WriteRowsEvent (continued) ===\n"), 4);
    cr_assert_geq(count_of(r.out, "=== UpdateRowsEvent (continued) ===\n"), 4);
    cr_assert(strstr(r.out, "Event rows: 0-"));
    cr_assert(strstr(r.out, "-599 (the last)\n"));
    cr_assert(strstr(r.out, "-399 (the last)\n"));
    cr_assert(strstr(r.out, "Values:\n*  id: 1\n--\n*  id: 2\n"));
    cr_assert(strstr(r.out, "\n*  id: 600\n\n"));
    cr_assert(strstr(r.out, "Values:\n*  id: 1 => (absent)\n*  c4095: (absent) => 1\n--\n"));
    cr_assert(strstr(r.out, "\n*  id: 400 => (absent)\n*  c4095: (absent) => NULL\n\n"));
    free(r.out);

    const char *none[] = { "dump", "--file", CRAFTED_WIDE, "--format", "none", NULL };
    run_binbridge(none, &r);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_expect_lt(r.maxrss_kb, WIDE_RSS_LIMIT_KB, "--format none: peak RSS %ld KB", r.maxrss_kb);

    /* Filters: an event kept is kept whole (every slice); one dropped by
     * its type is decoded and dropped slice by slice; one of a table left
     * out is not decoded. */
    const char *only_writes[] = { "dump", "--file", CRAFTED_WIDE, "--format", "json",
                                  "--only-events", "WriteRowsEvent", "--only-tables", "wide",
                                  NULL };
    run_binbridge_full(only_writes, 0, true, &r);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_expect_lt(r.maxrss_kb, WIDE_RSS_LIMIT_KB, "--only-events: peak RSS %ld KB", r.maxrss_kb);
    check_wide_json(r.out, &writes, &updates, &slices);
    cr_assert_eq(writes, 600);
    cr_assert_eq(updates, 0);
    cr_assert_eq(count_of(r.out, "\n"), slices, "events other than WRITE_ROWS: %s", r.out);
    free(r.out);
    static const char *const dropped[][2] = { { "--only-events", "QueryEvent" },
                                              { "--only-tables", "other" } };
    for (size_t i = 0; i < sizeof dropped / sizeof *dropped; i++) {
        const char *args[] = { "dump", "--file", CRAFTED_WIDE, "--format", "json",
                               dropped[i][0], dropped[i][1], NULL };
        run_binbridge_full(args, 0, true, &r);
        cr_assert_eq(r.status, 0, "%s", r.err);
        cr_expect_lt(r.maxrss_kb, WIDE_RSS_LIMIT_KB, "%s: peak RSS %ld KB", dropped[i][0],
                     r.maxrss_kb);
        cr_assert(!strstr(r.out, "ROWS_EVENT"), "%s %s: %.300s", dropped[i][0], dropped[i][1],
                  r.out);
        free(r.out);
    }
}
