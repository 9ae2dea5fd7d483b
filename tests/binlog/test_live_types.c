/* test_live_types.c - every column type, decoded from a live MariaDB binlog
 * and compared value by value with what SELECT returns.
 *
 * The reference is the server itself: a plain client connection with
 * SET NAMES utf8mb4 and time_zone '+00:00' (design.md, "Text form of
 * values"), rows fetched with mysql_fetch_row + mysql_fetch_lengths and
 * compared byte for byte with bb_value_format_text. Exceptions, each
 * checked exactly in its own way:
 *   FLOAT   SELECT rounds to 6 digits; we print the shortest decimal that
 *           reads back to the stored float. Checked: our text reads back
 *           to the float that SELECT CAST(f AS DOUBLE) shows exactly, no
 *           shorter decimal does, and SELECT's 6 digits are that float
 *           rounded.
 *   BIT     SELECT sends the raw bytes; compared with SELECT b+0.
 *
 * Run through scripts/run-tests.sh (BB_MARIADB_* in the environment).
 * Criterion runs tests in parallel processes and other suites write to the
 * same server: each test works in its own database bbt_<tag>_<pid>, reads
 * the binlog from the position before its statements with a schema
 * filter, registers with its own replica server id, and never resets the
 * binlog. Global variables are changed only under a named lock and
 * restored at once. */
#include <criterion/criterion.h>

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <mysql.h>

#include "binbridge.h"
#include "base/buf.h"
#include "tests/testutil.h"

/* ------------------------------------------------------------------ */
/* Setup                                                               */

/* ------------------------------------------------------------------ */
/* What the stream decoded                                             */

struct tabinfo {
    char name[72];
    uint32_t ncols;
    char **names;
    uint8_t *types;
    uint8_t *length_bytes;
    uint16_t *charsets;
    uint32_t *max_length;
};

/* One decoded value: kind, text form (NUL-terminated, malloc'd), and the
 * binary number for FLOAT/DOUBLE. */
struct cell {
    uint8_t kind;
    char *text;
    size_t len;
    float f;
    double d;
};

struct crow {
    char kind;                /* 'W', 'U', 'D' */
    uint16_t ev_flags;
    const struct tabinfo *t;
    struct cell *before, *after;
};

struct capture {
    struct tabinfo *tabs[64];
    size_t ntabs;
    struct crow *rows;
    size_t n, cap;
    unsigned rows_events;
};

static uint32_t test_server_id(void)
{
    return 0x62640000u | ((uint32_t)getpid() & 0xffff);
}

static const struct tabinfo *tabinfo_of(struct capture *cap, const struct bb_table *t)
{
    for (size_t i = 0; i < cap->ntabs; i++)
        if (strcmp(cap->tabs[i]->name, t->name) == 0 && cap->tabs[i]->ncols == t->ncols)
            return cap->tabs[i];
    cr_assert_lt(cap->ntabs, 64u);
    struct tabinfo *ti = calloc(1, sizeof *ti);
    cr_assert(ti);
    snprintf(ti->name, sizeof ti->name, "%s", t->name);
    ti->ncols = t->ncols;
    ti->names = calloc(t->ncols, sizeof *ti->names);
    ti->types = calloc(t->ncols, 1);
    ti->length_bytes = calloc(t->ncols, 1);
    ti->charsets = calloc(t->ncols, sizeof *ti->charsets);
    ti->max_length = calloc(t->ncols, sizeof *ti->max_length);
    cr_assert(t->has_names, "table map of %s.%s has no column names", t->schema, t->name);
    for (uint32_t i = 0; i < t->ncols; i++) {
        ti->names[i] = strdup(t->cols[i].name);
        ti->types[i] = t->cols[i].type;
        ti->length_bytes[i] = t->cols[i].length_bytes;
        ti->charsets[i] = t->cols[i].charset;
        ti->max_length[i] = t->cols[i].max_length;
    }
    cap->tabs[cap->ntabs++] = ti;
    return ti;
}

static struct cell *copy_image(const struct bb_table *t, const struct bb_value *vals,
                               struct bb_buf *tmp)
{
    if (!vals)
        return NULL;
    struct cell *img = calloc(t->ncols, sizeof *img);
    cr_assert(img);
    for (uint32_t i = 0; i < t->ncols; i++) {
        const struct bb_value *v = &vals[i];
        img[i].kind = v->kind;
        if (v->kind == BB_VALUE_ABSENT || v->kind == BB_VALUE_NULL)
            continue;
        struct bb_error err = { 0 };
        bb_buf_reset(tmp);
        int rc = bb_value_format_text(v, tmp, &err);
        cr_assert_eq(rc, 0, "%s.%s column %s: bb_value_format_text: %s", t->schema, t->name,
                     t->cols[i].name, err.msg);
        img[i].text = malloc(tmp->len + 1);
        cr_assert(img[i].text);
        if (tmp->len)
            memcpy(img[i].text, tmp->data, tmp->len);
        img[i].text[tmp->len] = '\0';
        img[i].len = tmp->len;
        if (v->kind == BB_VALUE_FLOAT)
            img[i].f = v->v.f;
        if (v->kind == BB_VALUE_DOUBLE)
            img[i].d = v->v.d;
    }
    return img;
}

/* Read the binlog from L's mark to the server's current end (non-blocking),
 * keeping every row of L's database. */
static struct capture *capture(const struct live *L)
{
    struct bb_server_options o;
    test_server_options(&o, test_server_id());
    o.start = BB_START_POSITION;
    o.start_file = L->file;
    o.start_pos = L->pos;
    struct bb_stream_options so;
    bb_stream_options_init(&so);
    const char *only[2] = { L->db, NULL };
    so.filter.only_schemas = only;
    struct bb_error err = { 0 };
    struct bb_stream *s = NULL;
    cr_assert_eq(bb_stream_open_server(&s, &o, &so, &err), 0, "bb_stream_open_server: %s",
                 err.msg);

    struct capture *cap = calloc(1, sizeof *cap);
    cr_assert(cap);
    struct bb_buf tmp;
    bb_buf_init(&tmp);
    const struct bb_event *ev;
    int rc;
    while ((rc = bb_stream_next(s, &ev, &err)) > 0) {
        if (!bb_event_is_rows(ev))
            continue;
        const struct bb_ev_rows *r = &ev->rows;
        cr_assert(r->table);
        cr_assert_str_eq(r->table->schema, L->db);
        cap->rows_events++;
        const struct tabinfo *ti = tabinfo_of(cap, r->table);
        for (uint32_t n = 0; n < r->nrows; n++) {
            if (cap->n == cap->cap) {
                cap->cap = cap->cap ? cap->cap * 2 : 256;
                cap->rows = realloc(cap->rows, cap->cap * sizeof *cap->rows);
                cr_assert(cap->rows);
            }
            struct crow *cr = &cap->rows[cap->n++];
            cr->kind = r->kind == BB_ROWS_WRITE ? 'W' : r->kind == BB_ROWS_UPDATE ? 'U' : 'D';
            cr->ev_flags = r->flags;
            cr->t = ti;
            cr->before = copy_image(r->table, r->rows[n].before, &tmp);
            cr->after = copy_image(r->table, r->rows[n].after, &tmp);
        }
    }
    cr_assert_eq(rc, 0, "stream from %s:%llu failed: %s", L->file, (unsigned long long)L->pos,
                 err.msg);
    bb_buf_destroy(&tmp);
    bb_stream_close(s);
    return cap;
}

static void free_image(struct cell *img, uint32_t n)
{
    if (!img)
        return;
    for (uint32_t i = 0; i < n; i++)
        free(img[i].text);
    free(img);
}

static void capture_free(struct capture *cap)
{
    for (size_t i = 0; i < cap->n; i++) {
        free_image(cap->rows[i].before, cap->rows[i].t->ncols);
        free_image(cap->rows[i].after, cap->rows[i].t->ncols);
    }
    free(cap->rows);
    for (size_t i = 0; i < cap->ntabs; i++) {
        struct tabinfo *ti = cap->tabs[i];
        for (uint32_t c = 0; c < ti->ncols; c++)
            free(ti->names[c]);
        free(ti->names);
        free(ti->types);
        free(ti->length_bytes);
        free(ti->charsets);
        free(ti->max_length);
        free(ti);
    }
    free(cap);
}

static const struct tabinfo *find_tab(const struct capture *cap, const char *table)
{
    for (size_t i = 0; i < cap->ntabs; i++)
        if (strcmp(cap->tabs[i]->name, table) == 0)
            return cap->tabs[i];
    cr_assert_fail("no row event of table %s in the binlog", table);
    return NULL;
}

static int col_index(const struct tabinfo *t, const char *name)
{
    for (uint32_t i = 0; i < t->ncols; i++)
        if (strcmp(t->names[i], name) == 0)
            return (int)i;
    cr_assert_fail("table %s has no column %s", t->name, name);
    return -1;
}

/* The rows of one table and kind, in binlog order. */
static size_t rows_of(const struct capture *cap, const char *table, char kind,
                      const struct crow **out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < cap->n; i++)
        if (cap->rows[i].kind == kind && strcmp(cap->rows[i].t->name, table) == 0) {
            cr_assert_lt(n, max, "more than %zu %c rows of %s", max, kind, table);
            out[n++] = &cap->rows[i];
        }
    return n;
}

/* ------------------------------------------------------------------ */
/* What SELECT says                                                    */

/* A SELECT result kept in memory: cells[row * ncols + col], NULL for NULL. */
struct snap {
    size_t nrows, ncols;
    char **cells;
    size_t *lens;
};

static void snap_free(struct snap *s)
{
    for (size_t i = 0; i < s->nrows * s->ncols; i++)
        free(s->cells[i]);
    free(s->cells);
    free(s->lens);
    memset(s, 0, sizeof *s);
}

static void snapshot(MYSQL *m, struct snap *s, const char *q)
{
    memset(s, 0, sizeof *s);
    if (mysql_query(m, q) != 0)
        cr_assert_fail("SQL failed: %.300s: %s", q, mysql_error(m));
    MYSQL_RES *r = mysql_store_result(m);
    cr_assert(r, "%s returned no result", q);
    s->ncols = mysql_num_fields(r);
    s->nrows = mysql_num_rows(r);
    s->cells = calloc(s->nrows * s->ncols + 1, sizeof *s->cells);
    s->lens = calloc(s->nrows * s->ncols + 1, sizeof *s->lens);
    cr_assert(s->cells && s->lens);
    MYSQL_ROW row;
    for (size_t i = 0; (row = mysql_fetch_row(r)) != NULL; i++) {
        unsigned long *lens = mysql_fetch_lengths(r);
        for (size_t c = 0; c < s->ncols; c++) {
            if (!row[c])
                continue;
            char *p = malloc(lens[c] + 1);
            cr_assert(p);
            memcpy(p, row[c], lens[c]);
            p[lens[c]] = '\0';
            s->cells[i * s->ncols + c] = p;
            s->lens[i * s->ncols + c] = lens[c];
        }
    }
    mysql_free_result(r);
}

/* How a column is compared with SELECT. */
enum how { EXACT, FLOAT_BITS, BIT_NUMBER };

static enum how how_of(uint8_t type)
{
    return type == MYSQL_TYPE_FLOAT ? FLOAT_BITS : type == MYSQL_TYPE_BIT ? BIT_NUMBER : EXACT;
}

/* SELECT list for every column of t, in table order, and the index of
 * each column's first select item in sel[]:
 *   EXACT       `c`
 *   FLOAT_BITS  `c`, CAST(`c` AS DOUBLE)
 *   BIT_NUMBER  `c` + 0 */
/* Columns whose reference is not SELECT `c` (pairs of column name and
 * expression, NULL-terminated); see display_attributes_and_type_plugins. */
static const char *const *select_overrides;

static const char *override_of(const char *col)
{
    for (size_t i = 0; select_overrides && select_overrides[i]; i += 2)
        if (strcmp(select_overrides[i], col) == 0)
            return select_overrides[i + 1];
    return NULL;
}

static char *select_list(const struct tabinfo *t, size_t *sel)
{
    struct bb_buf q;
    bb_buf_init(&q);
    bb_buf_puts(&q, "");
    size_t k = 0;
    for (uint32_t i = 0; i < t->ncols; i++) {
        sel[i] = k;
        if (i)
            bb_buf_puts(&q, ", ");
        const char *expr = override_of(t->names[i]);
        if (expr && how_of(t->types[i]) != FLOAT_BITS) {
            bb_buf_puts(&q, expr);
            k++;
            continue;
        }
        switch (how_of(t->types[i])) {
        case EXACT:
            bb_buf_printf(&q, "`%s`", t->names[i]);
            k++;
            break;
        case FLOAT_BITS:
            bb_buf_printf(&q, "`%s`, CAST(`%s` AS DOUBLE)", t->names[i], t->names[i]);
            k += 2;
            break;
        case BIT_NUMBER:
            bb_buf_printf(&q, "`%s` + 0", t->names[i]);
            k++;
            break;
        }
    }
    return q.data;
}

static void snapshot_table(const struct live *L, const struct tabinfo *t, struct snap *s)
{
    size_t *sel = calloc(t->ncols, sizeof *sel);
    char *list = select_list(t, sel);
    char *q = NULL;
    cr_assert(asprintf(&q, "SELECT %s FROM `%s`.`%s` ORDER BY `%s`", list, L->db, t->name,
                       t->names[0]) > 0);
    snapshot(L->m, s, q);
    free(q);
    free(list);
    free(sel);
}

/* Printable form of bytes for messages: C escapes, cut at 300 bytes. */
static char *shown(const char *p, size_t n)
{
    struct bb_buf b;
    bb_buf_init(&b);
    bb_buf_puts(&b, "'");
    for (size_t i = 0; i < n && i < 300; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c >= 0x20 && c < 0x7f && c != '\\' && c != '\'')
            bb_buf_putc(&b, (char)c);
        else
            bb_buf_printf(&b, "\\x%02x", c);
    }
    bb_buf_puts(&b, n > 300 ? "'..." : "'");
    bb_buf_printf(&b, " (%zu bytes)", n);
    return b.data;
}

static size_t first_difference(const char *a, size_t na, const char *b, size_t nb)
{
    size_t i = 0;
    while (i < na && i < nb && a[i] == b[i])
        i++;
    return i;
}

/* Significant digits of a decimal text ("1.5e-07" has 2, "-0.001" 1). */
static int significant_digits(const char *s)
{
    int n = 0, lead = 1, trailing_zeros = 0;
    for (; *s && *s != 'e' && *s != 'E'; s++) {
        if (*s < '0' || *s > '9')
            continue;
        if (lead && *s == '0')
            continue;
        lead = 0;
        n++;
        trailing_zeros = *s == '0' ? trailing_zeros + 1 : 0;
    }
    return n - trailing_zeros;
}

static void check_float(const char *where, const struct cell *c, const char *sel_text,
                        const char *sel_double)
{
    float stored = (float)strtod(sel_double, NULL);
    uint32_t want, got, back;
    memcpy(&want, &stored, 4);
    memcpy(&got, &c->f, 4);
    cr_assert_eq(got, want, "%s: decoded float 0x%08x, SELECT CAST(AS DOUBLE) says %s (0x%08x)",
                 where, got, sel_double, want);
    float parsed = strtof(c->text, NULL);
    memcpy(&back, &parsed, 4);
    cr_assert_eq(back, want, "%s: our text '%s' reads back as 0x%08x, stored 0x%08x", where,
                 c->text, back, want);
    /* The shortest: no decimal with fewer significant digits reads back. */
    int digits = significant_digits(c->text);
    if (stored != 0 && digits > 1) {
        char shorter[400];
        snprintf(shorter, sizeof shorter, "%.*g", digits - 1, (double)stored);
        float f = strtof(shorter, NULL);
        cr_assert(f != stored, "%s: our text '%s' is not the shortest ('%s' reads back too)",
                  where, c->text, shorter);
    }
    /* SELECT's text is the float rounded to 6 significant digits. */
    double sel = strtod(sel_text, NULL);
    double tol = fabs((double)stored) * 5.0001e-6 + 1e-45;
    cr_assert(fabs(sel - (double)stored) <= tol, "%s: SELECT shows %s for our '%s'", where,
              sel_text, c->text);
}

/* Compare one decoded row image with row `row` of a snapshot of the same
 * table (built by snapshot_table). Columns absent from the image are
 * skipped. Returns the number of values compared. */
static unsigned compare_image(const char *what, const struct tabinfo *t, const struct cell *img,
                              const struct snap *s, size_t row)
{
    size_t *sel = calloc(t->ncols, sizeof *sel);
    free(select_list(t, sel));
    unsigned compared = 0;
    for (uint32_t i = 0; i < t->ncols; i++) {
        const struct cell *c = &img[i];
        if (c->kind == BB_VALUE_ABSENT)
            continue;
        compared++;
        size_t k = row * s->ncols + sel[i];
        const char *sv = s->cells[k];
        size_t sl = s->lens[k];
        char where[256];
        snprintf(where, sizeof where, "%s: %s row %zu column %s", what, t->name, row + 1,
                 t->names[i]);
        if (c->kind == BB_VALUE_NULL || !sv) {
            cr_assert(c->kind == BB_VALUE_NULL && !sv, "%s: ours %s, SELECT %s", where,
                      c->kind == BB_VALUE_NULL ? "NULL" : c->text, sv ? sv : "NULL");
            continue;
        }
        if (how_of(t->types[i]) == FLOAT_BITS) {
            check_float(where, c, sv, s->cells[k + 1]);
            continue;
        }
        if (c->len != sl || memcmp(c->text, sv, sl) != 0) {
            char *a = shown(c->text, c->len), *b = shown(sv, sl);
            cr_assert_fail("%s: ours %s, SELECT %s (first difference at byte %zu)", where, a, b,
                           first_difference(c->text, c->len, sv, sl));
        }
    }
    free(sel);
    return compared;
}

/* Every WRITE row of `table` in the binlog against SELECT ... ORDER BY its
 * first column: same number of rows, every value equal. */
static void check_writes(const struct live *L, const struct capture *cap, const char *table,
                         size_t expect_rows)
{
    const struct tabinfo *t = find_tab(cap, table);
    const struct crow **rows = calloc(cap->n + 1, sizeof *rows);
    size_t n = rows_of(cap, table, 'W', rows, cap->n);
    struct snap s;
    snapshot_table(L, t, &s);
    cr_assert_eq(n, s.nrows, "%s: %zu rows in the binlog, %zu in the table", table, n, s.nrows);
    cr_assert_eq(n, expect_rows, "%s: %zu rows in the binlog, expected %zu", table, n,
                 expect_rows);
    unsigned compared = 0;
    for (size_t r = 0; r < n; r++)
        compared += compare_image("insert", t, rows[r]->after, &s, r);
    cr_assert_eq(compared, n * t->ncols);
    snap_free(&s);
    free(rows);
}

/* The common case: create, mark, run the statements, capture, compare
 * every table named in `tables`. */
static void run_case(struct live *L, const char *const *setup, const char *const *stmts,
                     const char *const *tables, const size_t *nrows)
{
    for (size_t i = 0; setup && setup[i]; i++)
        test_sql(L->m, "%s", setup[i]);
    live_mark(L);
    for (size_t i = 0; stmts[i]; i++)
        test_sql(L->m, "%s", stmts[i]);
    struct capture *cap = capture(L);
    for (size_t i = 0; tables[i]; i++)
        check_writes(L, cap, tables[i], nrows[i]);
    capture_free(cap);
}

/* ------------------------------------------------------------------ */
/* Numbers                                                             */

Test(live_types, integers)
{
    struct live L;
    live_begin(&L, "bbt", "int");
    const char *setup[] = {
        "CREATE TABLE t (id INT PRIMARY KEY,"
        " ti TINYINT, tu TINYINT UNSIGNED, si SMALLINT, su SMALLINT UNSIGNED,"
        " mi MEDIUMINT, mu MEDIUMINT UNSIGNED, i INT, iu INT UNSIGNED,"
        " bi BIGINT, bu BIGINT UNSIGNED, b BOOL)",
        NULL,
    };
    const char *stmts[] = {
        "INSERT INTO t VALUES"
        " (1, -128, 0, -32768, 0, -8388608, 0, -2147483648, 0, -9223372036854775808, 0, 0),"
        " (2, 127, 255, 32767, 65535, 8388607, 16777215, 2147483647, 4294967295,"
        "  9223372036854775807, 18446744073709551615, 1),"
        " (3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),"
        " (4, -1, 1, -1, 1, -1, 1, -1, 1, -1, 1, -1),"
        " (5, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),"
        " (6, -127, 254, -32767, 65534, -8388607, 16777214, -2147483647, 4294967294,"
        "  -9223372036854775807, 18446744073709551614, 127),"
        " (7, 100, 128, 12345, 32768, 1234567, 8388608, 123456789, 2147483648,"
        "  1234567890123456789, 9223372036854775808, -128)",
        NULL,
    };
    const char *tables[] = { "t", NULL };
    size_t nrows[] = { 7 };
    run_case(&L, setup, stmts, tables, nrows);
    live_end(&L);
}

Test(live_types, float_and_double)
{
    struct live L;
    live_begin(&L, "bbt", "float");
    const char *setup[] = {
        "CREATE TABLE t (id INT PRIMARY KEY, f FLOAT, d DOUBLE, fu FLOAT UNSIGNED,"
        " du DOUBLE UNSIGNED, r REAL)",
        NULL,
    };
    /* FLOAT: max, min normal, min subnormal, 6- and 7-digit values, powers
     * of ten around the exponent layout switch; DOUBLE: the same for
     * doubles, 17-digit values, integers beyond 2^53. */
    const char *stmts[] = {
        "INSERT INTO t VALUES"
        " (1, 0, 0, 0, 0, 0),"
        " (2, 1.5, -1.5, 1.5, 1.5, 2.5),"
        " (3, 0.1, 0.1, 0.1, 0.1, 0.2),"
        " (4, 3.4028234e38, 1.7976931348623157e308, 3.4028234e38, 1.7976931348623157e308,"
        "  -1.7976931348623157e308),"
        " (5, -3.4028234e38, 2.2250738585072014e-308, 1.17549435e-38, 2.2250738585072014e-308,"
        "  4.9406564584124654e-324),"
        " (6, 1.17549435e-38, 4.9e-324, 1.4e-45, 1e-300, 2.2250738585072009e-308),"
        " (7, 1.4e-45, -4.9e-324, 7e-45, 1e300, 1e308),"
        " (8, 123456.7, 123456.789012345, 1234567, 1.2345678901234567e15, 0.30000000000000004),"
        " (9, 16777216, 9007199254740993, 16777217, 18446744073709551615, 9.999999999999999e22),"
        " (10, 1e15, 1e15, 1e16, 1e16, 1e17),"
        " (11, 1e-5, 1e-5, 1e-4, 1e-4, 0.001),"
        " (12, -0.000123, 123456789012345680, 100, 1e-15, -1e-15),"
        " (13, 3.1415927, 3.141592653589793, 2.7182817, 2.718281828459045, 1e22),"
        " (14, 9.999999e-5, 1e21, 1e20, 1e14, 123456789.123),"
        " (15, NULL, NULL, NULL, NULL, NULL),"
        " (16, 0.5, 5e-324, 8388607.5, 1.5e-323, -2.5e-100),"
        " (17, 1e-38, 1.1e-38, 9.9e37, 4503599627370496.5, 4503599627370497),"
        " (18, -0e0, -0e0, -0e0, -0e0, -1e-320 * 1e-10)",
        NULL,
    };
    const char *tables[] = { "t", NULL };
    size_t nrows[] = { 18 };
    run_case(&L, setup, stmts, tables, nrows);
    live_end(&L);
}

/* ------------------------------------------------------------------ */
/* DECIMAL                                                             */

/* A decimal literal of precision p, scale s: "<int digits>.<frac digits>"
 * with the digits taken from `digits` (cycled), or all nines. */
static void decimal_literal(struct bb_buf *b, int p, int s, const char *digits, bool neg)
{
    size_t nd = strlen(digits), k = 0;
    if (neg)
        bb_buf_putc(b, '-');
    if (p == s)
        bb_buf_putc(b, '0');
    for (int i = 0; i < p - s; i++)
        bb_buf_putc(b, digits[k++ % nd]);
    if (s) {
        bb_buf_putc(b, '.');
        for (int i = 0; i < s; i++)
            bb_buf_putc(b, digits[k++ % nd]);
    }
}

Test(live_types, decimal)
{
    static const int shapes[][2] = {
        { 1, 0 }, { 10, 2 }, { 18, 9 }, { 20, 6 }, { 38, 0 }, { 65, 30 }, { 65, 0 },
        { 5, 5 }, { 9, 4 }, { 19, 10 }, { 30, 20 }, { 10, 0 }, { 17, 8 }, { 65, 1 },
        { 38, 38 }, { 2, 1 }, { 12, 3 }, { 27, 18 },
    };
    const size_t nshapes = sizeof shapes / sizeof *shapes;
    struct live L;
    live_begin(&L, "bbt", "dec");
    struct bb_buf q;
    bb_buf_init(&q);
    bb_buf_puts(&q, "CREATE TABLE t (id INT PRIMARY KEY");
    for (size_t i = 0; i < nshapes; i++)
        bb_buf_printf(&q, ", d%zu DECIMAL(%d,%d)", i, shapes[i][0], shapes[i][1]);
    bb_buf_puts(&q, ", du DECIMAL(12,4) UNSIGNED)");
    test_sql(L.m, "%s", q.data);
    live_mark(&L);

    /* Rows: zero, max, -max, the smallest step, minus that, digit
     * patterns, values with leading zeros in the fraction, NULL. */
    static const struct { const char *digits; bool neg; int kind; } rows[] = {
        { "0", false, 0 }, { "9", false, 0 }, { "9", true, 0 }, { "", false, 1 },
        { "", true, 1 }, { "1234567890", false, 0 }, { "9876543210", true, 0 },
        { "0000000001", false, 0 }, { "1000000000", true, 0 }, { "5", false, 0 },
        { "0123456789", true, 0 }, { "", false, 2 },
    };
    const size_t nrows = sizeof rows / sizeof *rows;
    for (size_t r = 0; r < nrows; r++) {
        bb_buf_reset(&q);
        bb_buf_printf(&q, "INSERT INTO t VALUES (%zu", r + 1);
        for (size_t i = 0; i <= nshapes; i++) {
            int p = i < nshapes ? shapes[i][0] : 12, s = i < nshapes ? shapes[i][1] : 4;
            bool neg = rows[r].neg && i < nshapes;
            bb_buf_puts(&q, ", ");
            if (rows[r].kind == 2) {
                bb_buf_puts(&q, "NULL");
            } else if (rows[r].kind == 1) { /* one unit in the last place */
                if (neg)
                    bb_buf_putc(&q, '-');
                if (s == 0)
                    bb_buf_putc(&q, '1');
                else
                    bb_buf_printf(&q, "0.%0*d", s, 1);
            } else {
                decimal_literal(&q, p, s, rows[r].digits, neg);
            }
        }
        bb_buf_putc(&q, ')');
        test_sql(L.m, "%s", q.data);
    }
    bb_buf_destroy(&q);
    struct capture *cap = capture(&L);
    check_writes(&L, cap, "t", nrows);
    capture_free(cap);
    live_end(&L);
}

/* ------------------------------------------------------------------ */
/* Dates and times                                                     */

/* Temporal columns are created under this lock: the hires test switches
 * mysql56_temporal_format (a global that decides the format of new
 * columns) for a moment. */
#define TEMPORAL_LOCK "binbridge_mysql56_temporal_format"

static void lock(MYSQL *m, const char *name)
{
    char got[16];
    test_sql_value(m, got, sizeof got, "SELECT GET_LOCK('%s', 60)", name);
    cr_assert_str_eq(got, "1", "could not take the lock %s", name);
}

static void unlock(MYSQL *m, const char *name)
{
    test_sql(m, "DO RELEASE_LOCK('%s')", name);
}

static const char temporal_table[] =
    "CREATE TABLE t (id INT PRIMARY KEY, d DATE,"
    " dt0 DATETIME, dt1 DATETIME(1), dt2 DATETIME(2), dt3 DATETIME(3), dt4 DATETIME(4),"
    " dt5 DATETIME(5), dt6 DATETIME(6),"
    " ts0 TIMESTAMP NULL DEFAULT NULL, ts1 TIMESTAMP(1) NULL DEFAULT NULL,"
    " ts2 TIMESTAMP(2) NULL DEFAULT NULL, ts3 TIMESTAMP(3) NULL DEFAULT NULL,"
    " ts4 TIMESTAMP(4) NULL DEFAULT NULL, ts5 TIMESTAMP(5) NULL DEFAULT NULL,"
    " ts6 TIMESTAMP(6) NULL DEFAULT NULL,"
    " t0 TIME, t1 TIME(1), t2 TIME(2), t3 TIME(3), t4 TIME(4), t5 TIME(5), t6 TIME(6),"
    " y YEAR)";

/* One row: the same literal in every fractional precision of a type. */
struct temporal_row {
    const char *date, *datetime, *timestamp, *time, *year;
};

static const struct temporal_row temporal_rows[] = {
    /* zero values (sql_mode '') */
    { "'0000-00-00'", "'0000-00-00 00:00:00'", "'0000-00-00 00:00:00'", "'00:00:00'", "0" },
    /* maxima */
    { "'9999-12-31'", "'9999-12-31 23:59:59.999999'", "'2038-01-19 03:14:07.999999'",
      "'838:59:59'", "2155" },
    /* minima */
    { "'1000-01-01'", "'1000-01-01 00:00:00'", "'1970-01-01 00:00:01'", "'-838:59:59'",
      "1901" },
    /* zero parts */
    { "'2020-00-00'", "'2020-00-00 00:00:00'", "'1970-01-01 00:00:01.000001'",
      "'-00:00:00.5'", "2000" },
    { "'2020-02-00'", "'2020-02-00 12:00:00.5'", "'2000-01-01 00:00:00.5'",
      "'-00:00:00.000001'", "'00'" },
    { "'0000-01-01'", "'0000-01-01 00:00:00.000001'", "'2038-01-19 03:14:07'",
      "'-00:00:01.000001'", "1999" },
    /* a fraction in every digit, truncated (or rounded) per column */
    { "'2024-02-29'", "'2024-02-29 12:34:56.123456'", "'2024-02-29 12:34:56.123456'",
      "'-12:34:56.123456'", "2024" },
    { "'1999-12-31'", "'1999-12-31 23:59:59.987654'", "'1999-12-31 23:59:59.987654'",
      "'-00:00:00.99'", "'69'" },
    { "'2001-01-01'", "'2001-01-01 00:00:00.050505'", "'2001-01-01 00:00:00.050505'",
      "'-01:00:00.25'", "'70'" },
    { "'1970-01-01'", "'1970-01-01 00:00:00'", "'1970-01-01 00:00:00.9'", "'100:00:00.0001'",
      "1970" },
    { "'2100-02-28'", "'2100-02-28 01:02:03.4'", "'2037-12-31 23:59:59.999'", "'-99:59:59.999999'",
      "2100" },
    { "'0001-01-01'", "'0001-01-01 00:00:00'", "'1973-11-29 21:33:09'", "'23:59:59.000001'",
      "'2155'" },
    { "NULL", "NULL", "NULL", "NULL", "NULL" },
};

static void insert_temporal_rows(MYSQL *m, const char *table)
{
    struct bb_buf q;
    bb_buf_init(&q);
    for (size_t r = 0; r < sizeof temporal_rows / sizeof *temporal_rows; r++) {
        const struct temporal_row *t = &temporal_rows[r];
        bb_buf_reset(&q);
        bb_buf_printf(&q, "INSERT INTO %s VALUES (%zu, %s", table, r + 1, t->date);
        for (int i = 0; i <= 6; i++)
            bb_buf_printf(&q, ", %s", t->datetime);
        for (int i = 0; i <= 6; i++)
            bb_buf_printf(&q, ", %s", t->timestamp);
        for (int i = 0; i <= 6; i++)
            bb_buf_printf(&q, ", %s", t->time);
        bb_buf_printf(&q, ", %s)", t->year);
        test_sql(m, "%s", q.data);
    }
    bb_buf_destroy(&q);
}

Test(live_types, temporal)
{
    struct live L;
    live_begin(&L, "bbt", "time");
    test_sql(L.m, "SET SESSION sql_mode = ''");
    lock(L.m, TEMPORAL_LOCK);
    test_sql(L.m, "%s", temporal_table);
    unlock(L.m, TEMPORAL_LOCK);
    live_mark(&L);
    insert_temporal_rows(L.m, "t");
    struct capture *cap = capture(&L);
    const struct tabinfo *t = find_tab(cap, "t");
    cr_assert_eq(t->types[col_index(t, "dt3")], MYSQL_TYPE_DATETIME2);
    cr_assert_eq(t->types[col_index(t, "ts3")], MYSQL_TYPE_TIMESTAMP2);
    cr_assert_eq(t->types[col_index(t, "t3")], MYSQL_TYPE_TIME2);
    check_writes(&L, cap, "t", sizeof temporal_rows / sizeof *temporal_rows);
    capture_free(cap);
    live_end(&L);
}

/* MariaDB's own pre-10.1 "hires" layouts: columns created while
 * mysql56_temporal_format=OFF keep them, and the binlog gives them the old
 * type codes without metadata. */
Test(live_types, temporal_mariadb_hires_format)
{
    struct live L;
    live_begin(&L, "bbt", "hires");
    test_sql(L.m, "SET SESSION sql_mode = ''");
    char old[16];
    lock(L.m, TEMPORAL_LOCK);
    test_sql_value(L.m, old, sizeof old, "SELECT @@global.mysql56_temporal_format");
    test_sql(L.m, "SET GLOBAL mysql56_temporal_format = OFF");
    bool ok = mysql_query(L.m, temporal_table) == 0;
    char msg[512];
    snprintf(msg, sizeof msg, "%s", mysql_error(L.m));
    test_sql(L.m, "SET GLOBAL mysql56_temporal_format = %s", old);
    unlock(L.m, TEMPORAL_LOCK);
    cr_assert(ok, "CREATE TABLE: %s", msg);
    live_mark(&L);
    insert_temporal_rows(L.m, "t");
    struct capture *cap = capture(&L);
    const struct tabinfo *t = find_tab(cap, "t");
    cr_assert_eq(t->types[col_index(t, "dt3")], MYSQL_TYPE_DATETIME);
    cr_assert_eq(t->types[col_index(t, "ts3")], MYSQL_TYPE_TIMESTAMP);
    cr_assert_eq(t->types[col_index(t, "t3")], MYSQL_TYPE_TIME);
    check_writes(&L, cap, "t", sizeof temporal_rows / sizeof *temporal_rows);
    capture_free(cap);
    live_end(&L);
}

/* ------------------------------------------------------------------ */
/* Text and binary strings                                             */

Test(live_types, char_varchar_binary)
{
    struct live L;
    live_begin(&L, "bbt", "str");
    const char *setup[] = {
        "CREATE TABLE t (id INT PRIMARY KEY,"
        " c1 CHAR(1), c10 CHAR(10), c255 CHAR(255), cl CHAR(20) CHARACTER SET latin1,"
        " v63 VARCHAR(63), v255l VARCHAR(255) CHARACTER SET latin1, v255 VARCHAR(255),"
        " v300 VARCHAR(300), vb VARBINARY(300), vb255 VARBINARY(255),"
        " b1 BINARY(1), b4 BINARY(4), b255 BINARY(255), cb CHAR(5) CHARACTER SET binary,"
        " vz VARCHAR(100) COMPRESSED, vbz VARBINARY(1000) COMPRESSED,"
        " vzl VARCHAR(300) CHARACTER SET latin1 COMPRESSED, tzl TEXT CHARACTER SET latin1 COMPRESSED,"
        " bz BLOB COMPRESSED)",
        NULL,
    };
    /* 63 four-byte characters fill VARCHAR(63) (252 bytes, 1 length byte);
     * 300 of them fill VARCHAR(300) (1200 bytes). */
    const char *stmts[] = {
        "INSERT INTO t VALUES (1, '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '',"
        " '', '', '')",
        "INSERT INTO t VALUES (2, 'a', 'abc  ', 'x ', 'é  ', ' lead', 'trail  ', 'tab\t',"
        " 'nl\\n\\r', 'a \\0b', X'00', X'00', 'a ', X'0000', X'41', 'zzzzzzzzzzzzzzzzzzzzzzzzzz',"
        " REPEAT('ab', 300), 'é', 'é€', X'00')",
        "INSERT INTO t VALUES (3, '😀', '😀héllo中文', REPEAT('😀', 255), 'éàü€ŠŸ',"
        " REPEAT('😀', 63), REPEAT('é', 255), REPEAT('😀', 255), REPEAT('😀', 300),"
        " REPEAT(X'FF00', 150), REPEAT(X'80', 255), X'FF', X'01020304', REPEAT(X'FE', 255),"
        " X'0000000000', REPEAT('😀', 100), REPEAT(X'00FF', 500), REPEAT('é€', 150),"
        " REPEAT('Ÿé€ ', 1000), REPEAT(X'0102', 5000))",
        "INSERT INTO t VALUES (4, 'Z', '0123456789', REPEAT('x', 255), REPEAT('y', 20),"
        " REPEAT('a', 63), REPEAT('b', 255), REPEAT('c', 255), REPEAT('d', 300),"
        " REPEAT('e', 300), REPEAT('f', 255), ' ', '    ', REPEAT(' ', 255), '  ', 'short',"
        " 'short', 'short', 'short', 'short')",
        "INSERT INTO t VALUES (5, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
        " NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)",
        NULL,
    };
    for (size_t i = 0; setup[i]; i++)
        test_sql(L.m, "%s", setup[i]);
    /* Mostly one charset: the table map says DEFAULT_CHARSET with the
     * exceptions by index among the character columns. */
    test_sql(L.m, "CREATE TABLE t2 (id INT PRIMARY KEY, z VARCHAR(10) COMPRESSED, g POINT,"
             " a VARCHAR(10), b VARCHAR(10), c VARCHAR(10) CHARACTER SET latin1, d VARCHAR(10))");
    live_mark(&L);
    for (size_t i = 0; stmts[i]; i++)
        test_sql(L.m, "%s", stmts[i]);
    test_sql(L.m, "INSERT INTO t2 VALUES (1, 'é', POINT(1, 2), 'é', 'é', 'é€', '😀'),"
             " (2, NULL, NULL, '', 'x', '', NULL)");
    struct capture *cap = capture(&L);
    check_writes(&L, cap, "t2", 2);
    const struct tabinfo *t = find_tab(cap, "t");
    /* 1- and 2-byte length prefixes, from the column's byte length. */
    static const struct { const char *col; uint8_t lb; } lbs[] = {
        { "v63", 1 }, { "v255l", 1 }, { "v255", 2 }, { "v300", 2 }, { "vb255", 1 },
        { "vb", 2 },
    };
    for (size_t i = 0; i < sizeof lbs / sizeof *lbs; i++)
        cr_assert_eq(t->length_bytes[col_index(t, lbs[i].col)], lbs[i].lb, "%s", lbs[i].col);
    cr_assert_eq(t->max_length[col_index(t, "c255")], 1020);
    cr_assert_eq(t->charsets[col_index(t, "b4")], 63);
    check_writes(&L, cap, "t", 5);
    capture_free(cap);
    live_end(&L);
}

/* Text in many character sets; SELECT converts to utf8mb4 on the way out,
 * binbridge from the column's charset. */
static const struct { const char *charset, *sample; } charset_samples[] = {
    { "latin1", "é€ŠšŽžŸ‰ÿ ß Æ ¤" },
    { "latin2", "Łódź ŻÓŁĆ ň" },
    { "cp1250", "Łódź € „“”" },
    { "cp1251", "Привет € №" },
    { "cp1256", "مرحبا €" },
    { "cp1257", "Ąčę ų €" },
    { "koi8r", "Привет ЁЁ" },
    { "koi8u", "Ґґ Привіт" },
    { "greek", "Καλημέρα" },
    { "hebrew", "שלום" },
    { "latin5", "İstanbul ğş" },
    { "latin7", "Ąčę ų" },
    { "cp866", "Привет ░▒▓" },
    { "cp852", "Łódź ╬" },
    { "cp850", "éÑ ╬ ß" },
    { "macroman", "é™ ﬁ" },
    { "macce", "Łódź" },
    { "tis620", "สวัสดี" },
    { "geostd8", "გამარჯობა" },
    { "keybcs2", "Čeština ů" },
    { "dec8", "é ß" },
    { "hp8", "é ß" },
    { "ascii", "hello ~ world" },
    { "armscii8", "abc" },
    { "swe7", "abc" },
    { "gbk", "中文 汉字 ，。" },
    { "gb2312", "中文 简体" },
    { "big5", "中文繁體" },
    { "sjis", "日本語 ｱｲｳ 表 ソ \\\\ 〜 −" },
    { "cp932", "日本語 ①Ⅰ髙 ～ － 表" },
    { "ujis", "日本語 ｱ 表" },
    { "eucjpms", "日本語 ① 表" },
    { "euckr", "한국어" },
    { "ucs2", "héllo 中文 Ω" },
    { "utf16", "héllo 😀 中文" },
    { "utf16le", "😀 x é" },
    { "utf32", "😀 x é 中" },
    { "utf8mb3", "héllo 中文" },
    { "utf8mb4", "😀 🇫🇷 中文" },
};

Test(live_types, character_sets)
{
    const size_t ncs = sizeof charset_samples / sizeof *charset_samples;
    struct live L;
    live_begin(&L, "bbt", "cs");
    struct bb_buf q;
    bb_buf_init(&q);
    bb_buf_puts(&q, "CREATE TABLE t (id INT PRIMARY KEY");
    for (size_t i = 0; i < ncs; i++)
        bb_buf_printf(&q, ", c_%s VARCHAR(40) CHARACTER SET %s", charset_samples[i].charset,
                      charset_samples[i].charset);
    bb_buf_puts(&q, ", tl TEXT CHARACTER SET latin1, tg TEXT CHARACTER SET gbk,"
                    " tu TEXT CHARACTER SET utf16, el ENUM('é','x') CHARACTER SET latin1,"
                    " es ENUM('表','x') CHARACTER SET sjis, sl SET('é','ü','€') CHARACTER SET latin1)");
    test_sql(L.m, "%s", q.data);
    live_mark(&L);
    const char *kinds[] = { "sample", "''", "'abc'", "NULL" };
    for (size_t r = 0; r < 4; r++) {
        bb_buf_reset(&q);
        bb_buf_printf(&q, "INSERT INTO t VALUES (%zu", r + 1);
        for (size_t i = 0; i < ncs; i++) {
            if (r == 0)
                bb_buf_printf(&q, ", '%s'", charset_samples[i].sample);
            else
                bb_buf_printf(&q, ", %s", kinds[r]);
        }
        if (r == 0)
            bb_buf_puts(&q, ", 'é€', '中文', '😀', 'é', '表', 'é,€')");
        else if (r == 3)
            bb_buf_puts(&q, ", NULL, NULL, NULL, NULL, NULL, NULL)");
        else
            bb_buf_printf(&q, ", %s, %s, %s, 'x', 'x', '')", kinds[r], kinds[r], kinds[r]);
        test_sql(L.m, "%s", q.data);
    }
    /* latin1 is cp1252: every byte from 0x80, the five undefined ones
     * (0x81 0x8D 0x8F 0x90 0x9D) included. */
    test_sql(L.m, "INSERT INTO t (id, c_latin1, tl) VALUES (5, X'808182838485868788898A8B8C8D8E8F',"
             " X'909192939495969798999A9B9C9D9E9FA0A1A2A3A4A5A6A7A8A9AAABACADAEAFB0BFC0CFD0DFE0EFF0FF')");
    /* ucs2 and utf32 columns keep lone surrogates (SELECT sends ED A0 80
     * for U+D800); a short value is padded on the left to a whole unit */
    test_sql(L.m, "INSERT INTO t (id, c_ucs2, c_utf32, tu) VALUES"
             " (6, X'D800DC00D83D', X'0000D8000000DFFF', X'00'), (7, X'41', X'41', X'0041')");
    bb_buf_destroy(&q);
    struct capture *cap = capture(&L);
    check_writes(&L, cap, "t", 7);
    capture_free(cap);
    live_end(&L);
}

/* ------------------------------------------------------------------ */
/* BLOB and TEXT                                                       */

/* n pseudo-random bytes (every value 0..255 occurs), as a hex literal. */
static void hex_literal(struct bb_buf *q, size_t n, uint32_t seed)
{
    static const char hex[] = "0123456789ABCDEF";
    bb_buf_puts(q, "X'");
    char *p = bb_buf_reserve(q, 2 * n + 1);
    cr_assert(p);
    uint32_t x = seed;
    for (size_t i = 0; i < n; i++) {
        x = x * 1103515245u + 12345u;
        uint8_t b = i < 256 ? (uint8_t)i : (uint8_t)(x >> 16);
        p[2 * i] = hex[b >> 4];
        p[2 * i + 1] = hex[b & 15];
    }
    q->len += 2 * n;
    q->data[q->len] = '\0';
    bb_buf_putc(q, '\'');
}

Test(live_types, blob_and_text)
{
    struct live L;
    live_begin(&L, "bbt", "blob");
    test_sql(L.m, "CREATE TABLE t (id INT PRIMARY KEY, tb TINYBLOB, bl BLOB, mb MEDIUMBLOB, lb LONGBLOB,"
             " tt TINYTEXT, tx TEXT, mt MEDIUMTEXT, lt LONGTEXT,"
             " ttl TINYTEXT CHARACTER SET latin1, ltg LONGTEXT CHARACTER SET gbk)");
    live_mark(&L);
    test_sql(L.m, "INSERT INTO t VALUES (1, '', '', '', '', '', '', '', '', '', '')");
    struct bb_buf q;
    bb_buf_init(&q);
    /* Maximum sizes of the small types; 70,000 bytes in a MEDIUMBLOB (a
     * 3-byte length); 3 MB in a LONGBLOB. */
    bb_buf_puts(&q, "INSERT INTO t VALUES (2, ");
    hex_literal(&q, 255, 1);
    bb_buf_puts(&q, ", ");
    hex_literal(&q, 65535, 2);
    bb_buf_puts(&q, ", ");
    hex_literal(&q, 70000, 3);
    bb_buf_puts(&q, ", ");
    hex_literal(&q, 3u << 20, 4);
    /* 63 emoji + 3 bytes = 255 bytes of TINYTEXT */
    bb_buf_puts(&q, ", CONCAT(REPEAT('😀', 63), 'abc'), REPEAT('héllo 😀 中文 ', 3000),"
                    " REPEAT('Ω€😀x', 7000), REPEAT('长文本 😀 long text ', 100000),"
                    " REPEAT('é', 255), REPEAT('汉字', 200000))");
    test_sql_len(L.m, q.data, q.len);
    test_sql(L.m, "INSERT INTO t VALUES (3, 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j')");
    test_sql(L.m, "INSERT INTO t VALUES (4, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)");
    bb_buf_destroy(&q);
    struct capture *cap = capture(&L);
    const struct tabinfo *t = find_tab(cap, "t");
    static const struct { const char *col; uint8_t lb; } lbs[] = {
        { "tb", 1 }, { "bl", 2 }, { "mb", 3 }, { "lb", 4 },
        { "tt", 1 }, { "tx", 2 }, { "mt", 3 }, { "lt", 4 },
    };
    for (size_t i = 0; i < sizeof lbs / sizeof *lbs; i++)
        cr_assert_eq(t->length_bytes[col_index(t, lbs[i].col)], lbs[i].lb, "%s", lbs[i].col);
    check_writes(&L, cap, "t", 4);
    capture_free(cap);
    live_end(&L);
}

/* ------------------------------------------------------------------ */
/* ENUM, SET, BIT                                                      */

Test(live_types, enum_and_set)
{
    struct live L;
    live_begin(&L, "bbt", "enum");
    test_sql(L.m, "SET SESSION sql_mode = ''");
    struct bb_buf q;
    bb_buf_init(&q);
    /* 300 labels: a 2-byte ENUM; 64 members: an 8-byte SET. */
    bb_buf_puts(&q, "CREATE TABLE t (id INT PRIMARY KEY, e ENUM('a','b','é','😀','with space',"
                    "'it''s'), e300 ENUM(");
    for (int i = 0; i < 300; i++)
        bb_buf_printf(&q, "%s'l%d'", i ? "," : "", i);
    bb_buf_puts(&q, "), s SET('a','b','c'), s64 SET(");
    for (int i = 0; i < 64; i++)
        bb_buf_printf(&q, "%s's%d'", i ? "," : "", i);
    bb_buf_puts(&q, "), s1 SET('only'), s9 SET('1','2','3','4','5','6','7','8','9'),"
                    " el ENUM('x','é','€') CHARACTER SET latin1)");
    test_sql(L.m, "%s", q.data);
    live_mark(&L);
    bb_buf_reset(&q);
    bb_buf_puts(&q, "INSERT INTO t VALUES (4, 'b', 'l255', 'a,c', '");
    for (int i = 0; i < 64; i++)
        bb_buf_printf(&q, "%ss%d", i ? "," : "", i);
    bb_buf_puts(&q, "', 'only', '1,2,3,4,5,6,7,8,9', '€')");
    const char *stmts[] = {
        "INSERT INTO t VALUES (1, 'a', 'l0', '', '', '', '', 'x')",
        "INSERT INTO t VALUES (2, 'it''s', 'l299', 'a,b,c', 's63', 'only', '9', 'é')",
        "INSERT INTO t VALUES (3, '😀', 'l256', 'c', 's0,s31,s32,s63', '', '1,9', 'x')",
        q.data,
        /* not a label: the '' error value (index 0) with sql_mode '' */
        "INSERT INTO t VALUES (5, 'nope', 'nope', 'b', 's7', 'only', '5', 'nope')",
        "INSERT INTO t VALUES (6, 'with space', 'l128', 'b,a', 's1,s0', '', '2,1', '€')",
        "INSERT INTO t VALUES (7, NULL, NULL, NULL, NULL, NULL, NULL, NULL)",
        NULL,
    };
    for (size_t i = 0; stmts[i]; i++)
        test_sql(L.m, "%s", stmts[i]);
    bb_buf_destroy(&q);
    struct capture *cap = capture(&L);
    check_writes(&L, cap, "t", 7);
    capture_free(cap);
    live_end(&L);
}

Test(live_types, bit)
{
    struct live L;
    live_begin(&L, "bbt", "bit");
    const char *setup[] = {
        "CREATE TABLE t (id INT PRIMARY KEY, b1 BIT(1), b7 BIT(7), b8 BIT(8), b10 BIT(10),"
        " b17 BIT(17), b33 BIT(33), b63 BIT(63), b64 BIT(64))",
        NULL,
    };
    const char *stmts[] = {
        "INSERT INTO t VALUES (1, 0, 0, 0, 0, 0, 0, 0, 0),"
        " (2, 1, 127, 255, 1023, 131071, 8589934591, 9223372036854775807,"
        "  18446744073709551615),"
        " (3, b'1', b'1010101', b'10000000', b'1010101010', b'10000000000000001',"
        "  b'100000000000000000000000000000001', 4611686018427387904, 9223372036854775808),"
        " (4, 1, 1, 1, 512, 65536, 4294967296, 1, 1),"
        " (5, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)",
        NULL,
    };
    const char *tables[] = { "t", NULL };
    size_t nrows[] = { 5 };
    run_case(&L, setup, stmts, tables, nrows);
    live_end(&L);
}

/* ------------------------------------------------------------------ */
/* JSON, GEOMETRY                                                      */

Test(live_types, json)
{
    struct live L;
    live_begin(&L, "bbt", "json");
    const char *setup[] = { "CREATE TABLE t (id INT PRIMARY KEY, j JSON, j2 JSON)", NULL };
    const char *stmts[] = {
        "INSERT INTO t VALUES"
        " (1, '{\"a\": [1, 2.5, \"x\", null, true, false], \"b\": {\"c\": \"😀\"}}', '[]'),"
        " (2, '{}', '\"a string with \\\\\"quotes\\\\\" and \\\\u00e9\"'),"
        " (3, '1e300', '-0'),"
        " (4, '[1,2,   3]', ' {\"spaces\" : \"kept as stored\" } '),"
        " (5, 'null', '12345678901234567890123'),"
        " (6, NULL, NULL)",
        NULL,
    };
    const char *tables[] = { "t", NULL };
    size_t nrows[] = { 6 };
    run_case(&L, setup, stmts, tables, nrows);
    live_end(&L);
}

Test(live_types, geometry)
{
    struct live L;
    live_begin(&L, "bbt", "geo");
    const char *setup[] = {
        "CREATE TABLE t (id INT PRIMARY KEY, g GEOMETRY, p POINT, ls LINESTRING, poly POLYGON,"
        " mp MULTIPOINT, mls MULTILINESTRING, mpoly MULTIPOLYGON, gc GEOMETRYCOLLECTION)",
        NULL,
    };
    const char *stmts[] = {
        "INSERT INTO t VALUES (1, ST_GeomFromText('POINT(1 2)'), ST_GeomFromText('POINT(-1.5 1e10)'),"
        " ST_GeomFromText('LINESTRING(0 0, 1 1, 2 0)'),"
        " ST_GeomFromText('POLYGON((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 3 2, 3 3, 2 2))'),"
        " ST_GeomFromText('MULTIPOINT(1 1, 2 2)'),"
        " ST_GeomFromText('MULTILINESTRING((0 0, 1 1), (2 2, 3 3))'),"
        " ST_GeomFromText('MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))'),"
        " ST_GeomFromText('GEOMETRYCOLLECTION(POINT(1 1), LINESTRING(0 0, 1 1))'))",
        "INSERT INTO t VALUES (2, ST_GeomFromText('POLYGON((0 0, 1 0, 1 1, 0 0))', 4326),"
        " ST_GeomFromText('POINT(45.5 -73.25)', 4326), NULL, NULL, NULL, NULL, NULL,"
        " ST_GeomFromText('GEOMETRYCOLLECTION EMPTY'))",
        "INSERT INTO t VALUES (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)",
        NULL,
    };
    const char *tables[] = { "t", NULL };
    size_t nrows[] = { 3 };
    run_case(&L, setup, stmts, tables, nrows);
    live_end(&L);
}

/* ------------------------------------------------------------------ */
/* Updates, deletes, invisible columns                                 */

/* Row images of updates and deletes against SELECTs taken between the
 * statements: every column of a varied table goes to NULL and back. */
Test(live_types, update_to_null_and_back)
{
    struct live L;
    live_begin(&L, "bbt", "upd");
    test_sql(L.m, "CREATE TABLE t (id INT PRIMARY KEY, i BIGINT UNSIGNED, f FLOAT, d DOUBLE,"
             " dec1 DECIMAL(20,6), dt DATETIME(3), ts TIMESTAMP(6) NULL DEFAULT NULL, tm TIME(2),"
             " y YEAR, dd DATE, c CHAR(5), v VARCHAR(20) CHARACTER SET latin1, b VARBINARY(8),"
             " bl BLOB, tx TEXT, e ENUM('x','y'), s SET('p','q'), bt BIT(12), j JSON,"
             " g POINT)");
    live_mark(&L);
    struct snap s[3];
    const char *values =
        "(1, 18446744073709551615, 0.1, -2.5e-300, -12345678901234.567891,"
        " '2024-02-29 23:59:59.999', '2038-01-19 03:14:07.5', '-838:59:58.99', 2155,"
        " '0999-12-31', 'ab', 'é€', X'00FF', X'DEADBEEF', '😀', 'y', 'p,q', b'101010101010',"
        " '[1]', ST_GeomFromText('POINT(1 2)')),"
        "(2, 0, -3.4e38, 1e-320, 0.000001, '1000-01-01 00:00:00', '1970-01-01 00:00:01',"
        " '00:00:00.01', 1901, '2020-01-01', '', '', '', '', '', 'x', '', b'0', '{}',"
        " ST_GeomFromText('POINT(0 0)'))";
    test_sql(L.m, "INSERT INTO t VALUES %s", values);
    /* the snapshots need the table map's column order: taken after capture */
    test_sql(L.m, "CREATE TABLE snap0 AS SELECT * FROM t");
    test_sql(L.m, "UPDATE t SET i = NULL, f = NULL, d = NULL, dec1 = NULL, dt = NULL, ts = NULL,"
             " tm = NULL, y = NULL, dd = NULL, c = NULL, v = NULL, b = NULL, bl = NULL,"
             " tx = NULL, e = NULL, s = NULL, bt = NULL, j = NULL, g = NULL");
    test_sql(L.m, "CREATE TABLE snap1 AS SELECT * FROM t");
    test_sql(L.m, "REPLACE INTO t VALUES %s", values);
    test_sql(L.m, "UPDATE t t1 JOIN snap0 s0 USING (id) SET t1.i = s0.i, t1.f = s0.f, t1.d = s0.d,"
             " t1.dec1 = s0.dec1, t1.dt = s0.dt, t1.ts = s0.ts, t1.tm = s0.tm, t1.y = s0.y,"
             " t1.dd = s0.dd, t1.c = s0.c, t1.v = s0.v, t1.b = s0.b, t1.bl = s0.bl,"
             " t1.tx = s0.tx, t1.e = s0.e, t1.s = s0.s, t1.bt = s0.bt, t1.j = s0.j, t1.g = s0.g");
    test_sql(L.m, "DELETE FROM t WHERE id = 2");
    struct capture *cap = capture(&L);
    const struct tabinfo *t = find_tab(cap, "t");

    /* snapshots of the three states, in the table map's column order */
    struct live S = L;
    struct tabinfo ts0 = *t;
    snprintf(ts0.name, sizeof ts0.name, "snap0");
    snapshot_table(&S, &ts0, &s[0]);
    snprintf(ts0.name, sizeof ts0.name, "snap1");
    snapshot_table(&S, &ts0, &s[1]);
    snprintf(ts0.name, sizeof ts0.name, "t");
    snapshot_table(&S, &ts0, &s[2]);
    cr_assert_eq(s[0].nrows, 2);
    cr_assert_eq(s[1].nrows, 2);
    cr_assert_eq(s[2].nrows, 1);

    const struct crow *w[8], *u[8], *d[8];
    cr_assert_eq(rows_of(cap, "t", 'W', w, 8), 2);
    /* REPLACE of existing rows with identical values writes updates
     * (InnoDB: delete + insert would need a different key) */
    size_t nu = rows_of(cap, "t", 'U', u, 8);
    size_t nd = rows_of(cap, "t", 'D', d, 8);
    cr_assert_eq(nu, 4, "%zu updates", nu);
    cr_assert_eq(nd, 1);
    for (size_t r = 0; r < 2; r++) {
        compare_image("insert", t, w[r]->after, &s[0], r);
        compare_image("update to NULL, before", t, u[r]->before, &s[0], r);
        compare_image("update to NULL, after", t, u[r]->after, &s[1], r);
        compare_image("REPLACE, before", t, u[2 + r]->before, &s[1], r);
        compare_image("REPLACE, after", t, u[2 + r]->after, &s[0], r);
        for (uint32_t c = 1; c < t->ncols; c++)
            cr_assert_eq(u[r]->after[c].kind, BB_VALUE_NULL, "column %s", t->names[c]);
    }
    compare_image("delete", t, d[0]->before, &s[0], 1);
    for (int i = 0; i < 3; i++)
        snap_free(&s[i]);
    capture_free(cap);
    live_end(&L);
}

Test(live_types, invisible_columns)
{
    struct live L;
    live_begin(&L, "bbt", "invis");
    const char *setup[] = {
        "CREATE TABLE t (id INT PRIMARY KEY, a INT, h VARCHAR(10) INVISIBLE DEFAULT 'dflt',"
        " n INT INVISIBLE, z DATETIME(2) INVISIBLE DEFAULT '2001-02-03 04:05:06.07')",
        NULL,
    };
    const char *stmts[] = {
        "INSERT INTO t VALUES (1, 10)",
        "INSERT INTO t (id, a, h, n, z) VALUES (2, 20, 'set', 7, '1999-01-01 00:00:00.5')",
        "INSERT INTO t (id, h) VALUES (3, NULL)",
        NULL,
    };
    const char *tables[] = { "t", NULL };
    size_t nrows[] = { 3 };
    run_case(&L, setup, stmts, tables, nrows);
    live_end(&L);
}

/* ------------------------------------------------------------------ */
/* Partial row images                                                  */

/* Which columns an image carries, as a string of column names. */
static void present_names(const struct tabinfo *t, const struct cell *img, char *out, size_t size)
{
    size_t n = 0;
    out[0] = '\0';
    if (!img) {
        snprintf(out, size, "-");
        return;
    }
    for (uint32_t i = 0; i < t->ncols; i++)
        if (img[i].kind != BB_VALUE_ABSENT)
            n += (size_t)snprintf(out + n, size - n, "%s%s", n ? "," : "", t->names[i]);
}

struct image_expect {
    char kind;
    const char *before, *after;   /* present columns, "-" for no image */
    size_t snap_before, snap_after; /* snapshot index of each image */
    size_t row;                   /* row index in those snapshots */
};

/* binlog_row_image is a session variable in MariaDB 10.11. MINIMAL:
 * inserts carry the columns the statement names, updates the key before
 * and the changed columns after, deletes the key. NOBLOB: every column but
 * the BLOB/TEXT ones not named or changed.
 *
 * Statements run with the session's binlog_row_image set; after each
 * statement the table is copied to snap<i> so that every image can be
 * compared with the table as it was. */
static void check_partial_images(const char *image, const char *tag, const char *create,
                                 const char *const *stmts, const struct image_expect *want,
                                 size_t nwant)
{
    struct live L;
    live_begin(&L, "bbt", tag);
    test_sql(L.m, "%s", create);
    test_sql(L.m, "SET SESSION binlog_row_image = %s", image);
    char got[64];
    test_sql_value(L.m, got, sizeof got, "SELECT @@SESSION.binlog_row_image");
    cr_assert_str_eq(got, image);
    live_mark(&L);
    size_t nstmts = 0;
    for (; stmts[nstmts]; nstmts++) {
        test_sql(L.m, "%s", stmts[nstmts]);
        test_sql(L.m, "SET SESSION binlog_row_image = FULL");
        test_sql(L.m, "CREATE TABLE snap%zu AS SELECT * FROM t", nstmts + 1);
        test_sql(L.m, "SET SESSION binlog_row_image = %s", image);
    }
    struct capture *cap = capture(&L);
    const struct tabinfo *t = find_tab(cap, "t");
    struct snap *snaps = calloc(nstmts + 1, sizeof *snaps);
    struct tabinfo ts = *t;
    for (size_t i = 1; i <= nstmts; i++) {
        snprintf(ts.name, sizeof ts.name, "snap%zu", i);
        snapshot_table(&L, &ts, &snaps[i]);
    }
    size_t k = 0;
    for (size_t i = 0; i < cap->n; i++) {
        const struct crow *r = &cap->rows[i];
        if (strcmp(r->t->name, "t") != 0)
            continue;
        cr_assert_lt(k, nwant, "more row images than expected");
        const struct image_expect *w = &want[k];
        char before[512], after[512];
        present_names(t, r->before, before, sizeof before);
        present_names(t, r->after, after, sizeof after);
        cr_assert_eq(r->kind, w->kind, "%s image %zu: %c, expected %c", image, k, r->kind,
                     w->kind);
        cr_assert_str_eq(before, w->before, "%s image %zu (%c): before has %s, expected %s",
                         image, k, r->kind, before, w->before);
        cr_assert_str_eq(after, w->after, "%s image %zu (%c): after has %s, expected %s", image,
                         k, r->kind, after, w->after);
        char what[64];
        if (r->before) {
            snprintf(what, sizeof what, "%s image %zu before", image, k);
            compare_image(what, t, r->before, &snaps[w->snap_before], w->row);
        }
        if (r->after) {
            snprintf(what, sizeof what, "%s image %zu after", image, k);
            compare_image(what, t, r->after, &snaps[w->snap_after], w->row);
        }
        k++;
    }
    cr_assert_eq(k, nwant, "%zu row images, expected %zu", k, nwant);
    for (size_t i = 1; i <= nstmts; i++)
        snap_free(&snaps[i]);
    free(snaps);
    capture_free(cap);
    live_end(&L);
}

static const char partial_table[] =
    "CREATE TABLE t (id INT PRIMARY KEY, a INT, b VARCHAR(10), bl BLOB, tx TEXT,"
    " c INT DEFAULT 5, d DATETIME(6) DEFAULT '2000-01-01 00:00:00.000001')";

Test(live_types, binlog_row_image_minimal)
{
    const char *stmts[] = {
        "INSERT INTO t (id, a, bl) VALUES (1, 10, 'blob1'), (2, 20, NULL)",
        "UPDATE t SET b = 'x' WHERE id = 1",
        "UPDATE t SET bl = 'blob2', a = NULL WHERE id = 2",
        "UPDATE t SET id = 3 WHERE id = 2",
        "DELETE FROM t WHERE id = 1",
        NULL,
    };
    const struct image_expect want[] = {
        { 'W', "-", "id,a,bl", 0, 1, 0 },
        { 'W', "-", "id,a,bl", 0, 1, 1 },
        { 'U', "id", "b", 1, 2, 0 },
        { 'U', "id", "a,bl", 2, 3, 1 },
        { 'U', "id", "id", 3, 4, 1 },
        { 'D', "id", "-", 4, 0, 0 },
    };
    check_partial_images("MINIMAL", "minimal", partial_table, stmts, want,
                         sizeof want / sizeof *want);
}

Test(live_types, binlog_row_image_noblob)
{
    const char *stmts[] = {
        "INSERT INTO t (id, a, bl) VALUES (1, 10, 'blob1'), (2, 20, NULL)",
        "UPDATE t SET b = 'x' WHERE id = 1",
        "UPDATE t SET bl = 'blob2', a = NULL WHERE id = 2",
        "UPDATE t SET tx = 'text' WHERE id = 1",
        "DELETE FROM t WHERE id = 1",
        NULL,
    };
    const struct image_expect want[] = {
        { 'W', "-", "id,a,b,bl,c,d", 0, 1, 0 },
        { 'W', "-", "id,a,b,bl,c,d", 0, 1, 1 },
        { 'U', "id,a,b,c,d", "id,a,b,c,d", 1, 2, 0 },
        { 'U', "id,a,b,c,d", "id,a,b,bl,c,d", 2, 3, 1 },
        { 'U', "id,a,b,c,d", "id,a,b,tx,c,d", 3, 4, 0 },
        { 'D', "id,a,b,c,d", "-", 4, 0, 0 },
    };
    check_partial_images("NOBLOB", "noblob", partial_table, stmts, want,
                         sizeof want / sizeof *want);
}

/* Without a primary key MINIMAL has nothing smaller to identify a row by:
 * the before image keeps every column (and MariaDB 10.11 writes the whole
 * after image too). */
Test(live_types, binlog_row_image_minimal_without_key)
{
    const char *stmts[] = {
        "INSERT INTO t VALUES (1, 10, 'b', 'blob', 'text')",
        "UPDATE t SET a = 11",
        "DELETE FROM t",
        NULL,
    };
    const struct image_expect want[] = {
        { 'W', "-", "id,a,b,bl,tx", 0, 1, 0 },
        { 'U', "id,a,b,bl,tx", "id,a,b,bl,tx", 1, 2, 0 },
        { 'D', "id,a,b,bl,tx", "-", 2, 0, 0 },
    };
    check_partial_images("MINIMAL", "minnokey",
                         "CREATE TABLE t (id INT, a INT, b VARCHAR(10), bl BLOB, tx TEXT)", stmts,
                         want, sizeof want / sizeof *want);
}

/* ------------------------------------------------------------------ */
/* What the binlog does not say                                        */

/* Display attributes and MariaDB's type plugins are not in the binlog
 * (TABLE_MAP has no ZEROFILL flag, no FLOAT/DOUBLE scale, no type plugin
 * name): SELECT pads ZEROFILL numbers and prints FLOAT(M,D)/DOUBLE(M,D)
 * with D decimals and INET6/UUID/INET4 as text, binbridge gives the
 * value itself. Checked against the SELECT that shows exactly that value:
 * c + 0 for integers and DECIMAL, CAST(c AS DOUBLE) for DOUBLE, the FLOAT
 * checks for FLOAT, CAST(c AS BINARY(n)) for the stored bytes of the
 * plugin types. */
Test(live_types, display_attributes_and_type_plugins)
{
    static const char *const overrides[] = {
        "z", "`z` + 0", "zb", "`zb` + 0", "dz", "`dz` + 0", "dd", "CAST(`dd` AS DOUBLE)",
        "i6", "CAST(`i6` AS BINARY(16))", "u", "CAST(`u` AS BINARY(16))",
        "i4", "CAST(`i4` AS BINARY(4))", NULL,
    };
    select_overrides = overrides;
    struct live L;
    live_begin(&L, "bbt", "display");
    const char *setup[] = {
        "CREATE TABLE t (id INT PRIMARY KEY, z INT(6) ZEROFILL, zb BIGINT(25) ZEROFILL,"
        " dz DECIMAL(10,2) ZEROFILL, dd DOUBLE(10,2), ff FLOAT(7,3), i6 INET6, u UUID,"
        " i4 INET4, bo BOOL)",
        NULL,
    };
    const char *stmts[] = {
        "INSERT INTO t VALUES (1, 42, 18446744073709551615, 3.1, 1.5, 1.5, '::1',"
        " '123e4567-e89b-12d3-a456-426655440000', '10.0.0.1', TRUE),"
        " (2, 0, 0, 0, -99999999.99, -9999.999, 'fe80::1:2:3:4',"
        " 'e3d6c4a0-9b8f-11ee-8c90-0242ac120002', '255.255.255.255', FALSE),"
        " (3, 4294967295, 1, 12345678.99, 0.01, 0.001, '::ffff:192.0.2.1',"
        " '00000000-0000-0000-0000-000000000000', '0.0.0.0', 5),"
        " (4, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)",
        NULL,
    };
    const char *tables[] = { "t", NULL };
    size_t nrows[] = { 4 };
    run_case(&L, setup, stmts, tables, nrows);
    /* and what SELECT itself prints for them, for the record */
    char v[128];
    test_sql_value(L.m, v, sizeof v, "SELECT CONCAT_WS('|', z, dz, dd, ff, i6, i4) FROM t WHERE id = 1");
    cr_assert_str_eq(v, "000042|00000003.10|1.50|1.500|::1|10.0.0.1");
    select_overrides = NULL;
    live_end(&L);
}

/* ------------------------------------------------------------------ */
/* Every character of a character set                                  */

static const char *const single_byte_charsets[] = {
    "latin1", "latin2", "cp1250", "cp1251", "cp1256", "cp1257", "koi8r", "koi8u", "greek",
    "hebrew", "latin5", "latin7", "cp866", "cp852", "cp850", "macroman", "macce", "tis620",
    "geostd8", "keybcs2", "dec8", "hp8", "ascii", "armscii8", "swe7", NULL,
};

/* Bytes 0x01..0xFF in a column of every single-byte charset: the server
 * stores any byte (a hex literal is not converted), SELECT converts each
 * through its table, '?' where the charset defines no character. */
Test(live_types, single_byte_charsets_every_byte)
{
    struct live L;
    live_begin(&L, "bbt", "sbcs");
    struct bb_buf q;
    bb_buf_init(&q);
    bb_buf_puts(&q, "CREATE TABLE t (id INT PRIMARY KEY");
    for (size_t i = 0; single_byte_charsets[i]; i++)
        bb_buf_printf(&q, ", c_%s VARCHAR(255) CHARACTER SET %s", single_byte_charsets[i],
                      single_byte_charsets[i]);
    bb_buf_putc(&q, ')');
    test_sql(L.m, "%s", q.data);
    live_mark(&L);
    /* row 1: all bytes in one value; rows 2..256: one byte each */
    for (int r = 1; r <= 256; r++) {
        bb_buf_reset(&q);
        bb_buf_printf(&q, "INSERT INTO t VALUES (%d", r);
        for (size_t i = 0; single_byte_charsets[i]; i++) {
            if (r == 1) {
                bb_buf_puts(&q, ", X'");
                for (int b = 1; b < 256; b++)
                    bb_buf_printf(&q, "%02X", b);
                bb_buf_putc(&q, '\'');
            } else {
                bb_buf_printf(&q, ", X'%02X'", r - 1);
            }
        }
        bb_buf_putc(&q, ')');
        test_sql(L.m, "%s", q.data);
    }
    bb_buf_destroy(&q);
    struct capture *cap = capture(&L);
    check_writes(&L, cap, "t", 256);
    capture_free(cap);
    live_end(&L);
}

/* Every 2-byte code (lead 0x81..0xFE, trail 0x40..0xFE), the single bytes
 * and ujis/eucjpms's 3-byte codes, in a column of every CJK charset: the
 * server keeps what is well formed in the column's charset (INSERT IGNORE
 * turns the rest into '?' and keeps what follows), SELECT converts it,
 * '?' where no Unicode character is defined.
 *
 * Not big5: binbridge reads it with glibc's BIG5-HKSCS, which differs from
 * MariaDB's table in 0xC6A1..0xC8FE (ETEN kana and symbols, 365 codes),
 * 0xF9DD..0xF9FE (ETEN box drawing, which MariaDB leaves unmapped) and
 * seven codes MariaDB maps to U+FFFD (0xA15A 0xA1C3 0xA1C5 0xA1FE 0xA240
 * 0xA2CC 0xA2CE); the common characters agree (character_sets). */
Test(live_types, multi_byte_charsets_every_character)
{
    static const char *const cjk[] = { "gbk", "gb2312", "sjis", "cp932", "euckr", "ujis",
                                       "eucjpms", NULL };
    struct live L;
    live_begin(&L, "bbt", "mbcs");
    struct bb_buf q;
    bb_buf_init(&q);
    bb_buf_puts(&q, "CREATE TABLE t (id INT PRIMARY KEY");
    for (size_t i = 0; cjk[i]; i++)
        bb_buf_printf(&q, ", c_%s VARCHAR(4) CHARACTER SET %s", cjk[i], cjk[i]);
    bb_buf_putc(&q, ')');
    test_sql(L.m, "%s", q.data);
    live_mark(&L);
    static const char *const ranges[] = {
        "seq_1_to_255", "1",
        "seq_33088_to_65278", "(seq & 255) BETWEEN 64 AND 254",
        "seq_9413025_to_9436926", "(seq & 255) BETWEEN 161 AND 254 AND (seq >> 8 & 255) >= 161",
        NULL,
    };
    test_sql(L.m, "SET SESSION sql_mode = ''");
    for (size_t r = 0; ranges[r]; r += 2) {
        bb_buf_reset(&q);
        bb_buf_puts(&q, "INSERT IGNORE INTO t SELECT seq");
        for (size_t i = 0; cjk[i]; i++)
            bb_buf_puts(&q, ", UNHEX(CONV(seq, 10, 16))");
        bb_buf_printf(&q, " FROM %s WHERE %s", ranges[r], ranges[r + 1]);
        test_sql(L.m, "%s", q.data);
    }
    bb_buf_destroy(&q);
    char count[32];
    test_sql_value(L.m, count, sizeof count, "SELECT COUNT(*) FROM t");
    struct capture *cap = capture(&L);
    check_writes(&L, cap, "t", strtoull(count, NULL, 10));
    capture_free(cap);
    live_end(&L);
}
