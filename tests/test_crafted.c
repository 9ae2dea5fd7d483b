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
#include "testutil.h"

extern char **environ;

#define CRAFTED_1GIB "tests/data/crafted/payload-over-1gib.binlog"
#define CRAFTED_JSON "tests/data/crafted/json-shared-children.binlog"

/* A bound on memory, not a timing: dump peaks at 16 MB on these files
 * (29 MB under ASan+UBSan); inflating the payload whole took 1 GB. */
#define RSS_LIMIT_KB (64L << 10)

struct run {
    int status;          /* exit status */
    long maxrss_kb;      /* the child's peak RSS */
    off_t out_bytes;     /* what it wrote to stdout */
    char err[4096];      /* its stderr */
};

/* Run binbridge with args (NULL-terminated), stdout and stderr into temp
 * files, its address space limited to as_limit bytes when not 0. */
static void run_binbridge_limited(const char *const *args, rlim_t as_limit, struct run *r)
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
    ssize_t got = pread(efd, r->err, sizeof r->err - 1, 0);
    r->err[got > 0 ? got : 0] = '\0';
    close(ofd);
    close(efd);
    unlink(out_path);
    unlink(err_path);
    cr_assert(WIFEXITED(status), "binbridge died: %s", r->err);
    r->status = WEXITSTATUS(status);
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
