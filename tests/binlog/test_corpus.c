/* test_corpus.c - every real binlog of ../shared/corpus/binlog decodes from
 * start to end, with the event counts that the independent inventory tool
 * finds; the negative samples fail cleanly with the offset of the damage. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "values/format_event.h"
#include "tests/testutil.h"

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

/* ------------------------------------------------------------------ */
/* Values the source repositories' own tests (MANIFEST.md notes) assert. */

static char *rows_of(const char *name)
{
    const char *paths[] = { corpus_path(name) };
    struct bb_error err = { 0 };
    int rc;
    char *text = rows_text(paths, 1, &rc, &err);
    cr_assert_eq(rc, 0, "%s: %s", name, err.msg);
    return text;
}

static void expect_rows(const char *name, const char *const *lines)
{
    char *text = rows_of(name);
    for (const char *const *l = lines; *l; l++)
        cr_expect(strstr(text, *l) != NULL, "%s: missing row line\n  %s\nin\n%s", name, *l, text);
    free(text);
}

Test(corpus_values, json_opaque_values)
{
    static const char *const want[] = {
        "W foo.test: a={\"a\": \"base64:type15:VQ==\"}\n",
        "W foo.test: a={\"b\": \"2012-03-18\"}\n",
        "W foo.test: a={\"c\": \"2012-03-18 11:30:45.000000\"}\n",
        "W foo.test: a={\"c\": \"87:31:46.654321\"}\n",
        "W foo.test: a={\"d\": 123.456}\n",
        "W foo.test: a={\"e\": 9.00}\n",
        "W foo.test: a={\"e\": [0, 1, true, false]}\n",
        "W foo.test: a={\"e\": null}\n",
        NULL,
    };
    expect_rows("rmc-json-opaque.binlog", want);
}

Test(corpus_values, json_partial_updates)
{
    static const char *const want[] = {
        "W mysql.t: @1=1 @2={\"age\": 24, \"data\": \"xxxxxxxxxx\", \"name\": \"Joe\"} @3=Joe @4=24\n",
        "U mysql.t: @1=1 @2={\"age\": 24, \"data\": \"xxxxxxxxxx\", \"name\": \"Joe\"}->"
        "{\"age\": 25, \"data\": \"xxxxxxxxxx\", \"name\": \"Joe\"} @3=Joe @4=24->25\n",
        /* PARTIAL_UPDATE_ROWS with a MINIMAL image: the key before, a JSON
         * diff and the changed columns after */
        "U mysql.t: @1=1-> @2=->JSON_REPLACE(@, '$.age', 26) @3=->Joe @4=->26\n",
        NULL,
    };
    expect_rows("rmc-json.binlog.000001", want);
}

Test(corpus_values, vector_columns)
{
    static const char *const want[] = {
        "W dtb.foo: id=1 vector_column=[1.10000e+00,2.20000e+00,3.30000e+00]\n",
        "W dtb.foo: id=2 vector_column=[1.00000e+00,-1.00000e+00,0.00000e+00]\n",
        "W dtb.bar: id=1 vector_column=[1.10000e+00,2.20000e+00] foo=NULL "
        "vector_column2=[1.10000e+00,2.20000e+00,3.30000e+00,4.40000e+00]\n",
        NULL,
    };
    expect_rows("rmc-vector.binlog", want);
}

Test(corpus_values, negative_time2)
{
    static const char *const want[] = { "W noria.t: @1=-507:48:27\n", NULL };
    expect_rows("rmc-time_issue.000001", want);
}

Test(corpus_values, bit_columns)
{
    static const char *const want[] = { "W mysql.foo: a=4 b=foo c=32\n", NULL };
    expect_rows("rmc-mysql_type_bit.000001", want);
}

Test(corpus_values, unsigned_int_from_minimal_metadata)
{
    static const char *const want[] = { "W noria.t1: @1=1 @3=a @5=3230202323\n", NULL };
    expect_rows("rmc-minimal_row_metadata.000001", want);
}

Test(corpus_values, enum_set_and_long_strings)
{
    char *text = rows_of("rmc-mysql-enum-string-set.000001");
    cr_expect(strstr(text, "D mysql.t: f1=field1 f2=field_2 f3=variant2 f4=two,four f5=0123456789"));
    cr_expect(strstr(text, "->field1 "));
    free(text);
}

Test(corpus_values, zalora_expected_output)
{
    /* data/fixtures/06.json of zalora/binlog-parser: (70, German,
     * 2017-04-24 05:45:11) and, after ALTER TABLE, (71, German, 05:45:41, some value) */
    static const char *const want[] = {
        "W test_db.language: @1=70 @2=German @3=2017-04-24 05:45:11\n",
        "W test_db.language: @1=71 @2=German @3=2017-04-24 05:45:41 @4=some value\n",
        NULL,
    };
    expect_rows("zalora-mysql-bin.06", want);
}

Test(corpus_values, percona_update_and_delete)
{
    /* UPDATE t1 SET id = id + 100 WHERE id <= 3; DELETE FROM t1 WHERE id < 100 */
    static const char *const want[] = {
        "U test.t1: @1=1->101\n", "U test.t1: @1=2->102\n", "U test.t1: @1=3->103\n",
        "D test.t1: @1=4\n", "D test.t1: @1=5\n", "D test.t1: @1=6\n", NULL,
    };
    expect_rows("pbs-80045_gtid-binlog.000002", want);
}

Test(corpus_values, mariadb_compressed_rows)
{
    char *text = rows_of("mariadb-10.11-compressed.000001");
    cr_expect(strstr(text, "W bbm.cq: id=1 v=compress me compress me compress me compress me "
                           "compress me compress me compress me compress me compress me "
                           "compress me \n"));
    cr_expect(strstr(text, "W bbm.cq: id=2 v=x\n"));
    cr_expect(strstr(text, "U bbm.cq: id=2 v=x->y\n"));
    cr_expect(strstr(text, "D bbm.cq: id=1 v=compress me"));
    free(text);
}

/* Collect the GTID texts of a file: "G <gtid>" and "P <set>" lines. */
static char *gtids_of(const char *name)
{
    struct bb_stream *s;
    struct bb_error err = { 0 };
    const char *paths[] = { corpus_path(name) };
    cr_assert_eq(bb_stream_open_files(&s, paths, 1, NULL, &err), 0, "%s", err.msg);
    struct bb_buf out;
    bb_buf_init(&out);
    const struct bb_event *ev;
    int rc;
    while ((rc = bb_stream_next(s, &ev, &err)) > 0) {
        if (ev->type == GTID_LOG_EVENT || ev->type == BB_GTID_TAGGED_LOG_EVENT) {
            bb_buf_puts(&out, "G ");
            format_gtid(&ev->gtid, &out);
            bb_buf_putc(&out, '\n');
        } else if (ev->type == PREVIOUS_GTIDS_LOG_EVENT) {
            bb_buf_puts(&out, "P ");
            format_gtid_set(&ev->previous_gtids, &out);
            bb_buf_putc(&out, '\n');
        }
    }
    cr_assert_eq(rc, 0, "%s: %s", name, err.msg);
    bb_stream_close(s);
    return out.data;
}

Test(corpus_values, tagged_gtids)
{
    char *text = gtids_of("rmc-binlog_transaction_with_GTID_TAG.000001");
    cr_expect_str_eq(text, "P 55778904-0299-11f1-b1b8-4ef0c4956feb:1-13:mytag:1-2\n"
                           "G 55778904-0299-11f1-b1b8-4ef0c4956feb:mytag:3\n");
    free(text);
    text = gtids_of("rmc-binlog_transaction_previous_GTID_no_tag.000001");
    cr_expect_str_eq(text, "P b9b88c66-0755-11f1-9899-4a9da94c4d71:1-2\n");
    free(text);
}

Test(corpus_values, transaction_payload_inner_events)
{
    struct bb_stream *s;
    struct bb_error err = { 0 };
    const char *paths[] = { corpus_path("rmc-transaction_compression.000001") };
    cr_assert_eq(bb_stream_open_files(&s, paths, 1, NULL, &err), 0, "%s", err.msg);
    const struct bb_event *ev;
    int rc, n = 0;
    uint8_t inner[8];
    uint64_t payload_pos = 0;
    while ((rc = bb_stream_next(s, &ev, &err)) > 0) {
        if (ev->type == BB_TRANSACTION_PAYLOAD_EVENT) {
            payload_pos = ev->pos;
            cr_expect_eq(ev->payload.compression_type, 0);
        }
        if (ev->in_payload && n < 8) {
            cr_expect_eq(ev->pos, payload_pos, "inner events carry the payload's offset");
            inner[n++] = ev->type;
            if (bb_event_is_rows(ev)) {
                cr_expect_str_eq(ev->rows.table->name, "tb1");
                cr_expect_eq(ev->rows.nrows, 1);
                cr_expect_eq(ev->rows.rows[0].after[0].v.i, 1);
            }
        }
    }
    cr_assert_eq(rc, 0, "%s", err.msg);
    bb_stream_close(s);
    cr_assert_eq(n, 4);
    cr_expect_eq(inner[0], QUERY_EVENT);
    cr_expect_eq(inner[1], TABLE_MAP_EVENT);
    cr_expect_eq(inner[2], WRITE_ROWS_EVENT);
    cr_expect_eq(inner[3], XID_EVENT);
}

Test(corpus_values, aurora_padding_is_skipped_as_unknown)
{
    struct event_counts got;
    struct bb_error err = { 0 };
    cr_assert_eq(read_file_counts(corpus_path("osh-mysql-bin.aurora-padding"), &got, &err), 0,
                 "%s", err.msg);
    cr_expect_eq(got.outer[100], 1);
}

Test(corpus_values, upstream_event_totals)
{
    /* counts the upstream projects' own tests expect */
    static const struct { const char *name; unsigned events; } want[] = {
        { "osh-mysql-bin.checksum-crc32", 303 },
        { "osh-mysql-bin.checksum-none", 191 },
        { "osh-mysql-bin.sakila", 1462 },
        { "ape-mysql-bin.000080", 37 },
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        struct event_counts got;
        struct bb_error err = { 0 };
        cr_expect_eq(read_file_counts(corpus_path(want[i].name), &got, &err), 0, "%s", err.msg);
        cr_expect_eq(got.total, want[i].events, "%s: %u events", want[i].name, got.total);
    }
}
