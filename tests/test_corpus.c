/* test_corpus.c - every real binlog of ../shared/corpus/binlog decodes from
 * start to end, with the event counts that the independent inventory tool
 * finds; the negative samples fail cleanly with the offset of the damage. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

static const char *const negatives[] = {
    "canal-tsdb-mysql-bin.000001",
    "rmc-binlog_truncated_event.000001",
    "rmc-binlog_truncated_prev_gtid_event.000001",
    "rmc-corrupt-relay-bin.000624",
    NULL,
};

static bool is_negative(const char *name)
{
    for (const char *const *n = negatives; *n; n++)
        if (strcmp(*n, name) == 0)
            return true;
    return false;
}

static const char *tools_dir(void)
{
    static char path[4096];
    const char *t = getenv("BB_TOOLS_DIR");
    if (t && *t)
        return t;
    snprintf(path, sizeof path, "%s/../../tools", corpus_dir());
    return path;
}

/* Ask binlog_inventory.py for the event histogram of one file. */
static int inventory_counts(const char *path, struct event_counts *counts)
{
    char cmd[16384];
    memset(counts, 0, sizeof *counts);
    snprintf(cmd, sizeof cmd,
             "python3 '%s/binlog_inventory.py' --json '%s' | python3 -c '"
             "import json,sys\n"
             "r=json.load(sys.stdin)[0]\n"
             "for k,v in r[\"histogram\"].items(): print(\"O\", k.split()[0], v)\n"
             "for k,v in r[\"inner_histogram\"].items(): print(\"I\", k.split()[0], v)\n"
             "print(\"T\", 0, r[\"events\"])'",
             tools_dir(), path);
    FILE *p = popen(cmd, "r");
    if (!p)
        return -1;
    char kind;
    unsigned code, n;
    int lines = 0;
    while (fscanf(p, " %c %u %u", &kind, &code, &n) == 3) {
        lines++;
        if (code > 255)
            continue;
        if (kind == 'O')
            counts->outer[code] = n;
        else if (kind == 'I')
            counts->inner[code] = n;
    }
    int status = pclose(p);
    return status == 0 && lines > 0 ? 0 : -1;
}

Test(corpus, every_file_decodes_and_matches_the_inventory)
{
    DIR *dir = opendir(corpus_dir());
    cr_assert(dir, "cannot open the corpus at %s (set BB_CORPUS_DIR)", corpus_dir());
    struct dirent *de;
    int files = 0;
    while ((de = readdir(dir))) {
        if (de->d_name[0] == '.' || strcmp(de->d_name, "MANIFEST.md") == 0 ||
            is_negative(de->d_name))
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", corpus_dir(), de->d_name);
        struct event_counts got, want;
        struct bb_error err = { 0 };
        int rc = read_file_counts(path, &got, &err);
        cr_expect_eq(rc, 0, "%s: %s", de->d_name, err.msg);
        cr_assert_eq(inventory_counts(path, &want), 0, "inventory failed on %s", de->d_name);
        for (int t = 0; t < 256; t++) {
            cr_expect_eq(got.outer[t], want.outer[t], "%s: %u events of type %d (%s), inventory %u",
                         de->d_name, got.outer[t], t, bb_event_type_name((uint8_t)t),
                         want.outer[t]);
            cr_expect_eq(got.inner[t], want.inner[t],
                         "%s: %u payload events of type %d (%s), inventory %u", de->d_name,
                         got.inner[t], t, bb_event_type_name((uint8_t)t), want.inner[t]);
        }
        files++;
    }
    closedir(dir);
    cr_expect_geq(files, 80, "only %d corpus files found", files);
}

/* Walk event sizes independently of the library: how many whole events
 * start before `offset`. */
static unsigned events_before(const char *path, size_t offset)
{
    size_t len;
    uint8_t *p = slurp(path, &len);
    cr_assert(p);
    unsigned n = 0;
    size_t pos = 4;
    while (pos + 19 <= len && pos < offset) {
        uint32_t size = p[pos + 9] | p[pos + 10] << 8 | p[pos + 11] << 16 | (uint32_t)p[pos + 12] << 24;
        if (size < 19 || pos + size > len)
            break;
        pos += size;
        n++;
    }
    free(p);
    return n;
}

static void expect_failure(const char *name, const char *needle, unsigned expected_events)
{
    struct event_counts got;
    struct bb_error err = { 0 };
    int rc = read_file_counts(corpus_path(name), &got, &err);
    cr_expect_lt(rc, 0, "%s decoded without error", name);
    cr_expect(strstr(err.msg, needle) != NULL, "%s: error '%s' lacks '%s'", name, err.msg, needle);
    cr_expect(strchr(err.msg, '\n') == NULL, "%s: error is not one line", name);
    cr_expect_eq(got.total, expected_events, "%s: %u events delivered before the error, want %u",
                 name, got.total, expected_events);
}

Test(corpus, broken_magic_is_refused)
{
    expect_failure("canal-tsdb-mysql-bin.000001", "not a binlog: magic at offset 0", 0);
}

Test(corpus, truncated_first_header_names_offset)
{
    expect_failure("rmc-binlog_truncated_event.000001", "truncated event at offset 4", 0);
}

Test(corpus, truncated_previous_gtids_keeps_the_fde)
{
    expect_failure("rmc-binlog_truncated_prev_gtid_event.000001", "truncated event at offset 120",
                   1);
}

Test(corpus, corrupt_query_body_in_relay_log)
{
    const char *name = "rmc-corrupt-relay-bin.000624";
    expect_failure(name, "QUERY_EVENT at offset 91204",
                   events_before(corpus_path(name), 91204));
}
