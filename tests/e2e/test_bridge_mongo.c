/* test_bridge_mongo.c - `binbridge run --mongo` end to end: the real binary
 * as a child process, the real MariaDB and a MongoDB-compatible server
 * (FerretDB 1.x from scripts/servers.sh, or a real MongoDB given by
 * BINBRIDGE_TEST_MONGO_URI), the seeded random workload of bridge_util.c,
 * and a typed comparison of every document with a fresh SELECT of the
 * source (issue 4, "Mapping", "Semantics" and "Tests"; sinks/mongo/mongo_sink.c's
 * header comment is the mapping checked here).
 *
 * The comparison builds, from the SELECT's text and information_schema,
 * the BSON document the mapping says each row must be (its own oracle:
 * timegm for dates, libbson's Decimal128 parser, a WKB reader for
 * GeoJSON, a JSON reader for JSON columns) and compares it with what the
 * server holds field by field, type and bytes: int32 is not int64, a
 * Decimal128 is not a string, a double must be the same bits. FLOAT is the
 * one value compared by a rule rather than bytes: a double that reads back
 * to the stored float with no more digits than the float needs. On
 * FerretDB 1.x the values it cannot store are checked in the form the sink
 * writes there instead (exact decimal strings, BinData for nested GeoJSON,
 * JSON text for nested arrays); JSON with dotted or $ keys is its text on
 * every server.
 *
 * Each test owns a database bbe_<tag>_<pid> (MariaDB schema, MongoDB
 * database and checkpoint name) and its own replica id; its bridges
 * mirror only that schema, except where a private set of servers holds
 * nothing else (zero config). FerretDB with SQLite writes slowly to large
 * collections (a write by numeric _id scans the collection), so the
 * workloads stay at a few hundred rows per table. No Criterion .timeout
 * (see test_bridge.c): every wait has its own deadline. A failure prints
 * the seed (BB_E2E_SEED=N repeats the workload); BB_E2E_KEEP=1 keeps the
 * databases and the scratch directory /tmp/bbe-<tag>-<pid>.
 *
 * Run through scripts/run-tests.sh (BB_MARIADB_*, BB_REDIS_*, BB_MONGO_URL,
 * BB_BINBRIDGE). */
#include <criterion/criterion.h>
#include <criterion/logging.h>

#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "tests/e2e/bridge_util.h"
#include "tests/testutil.h"
#include "tests/failover/failover_util.h"

static struct e2e E_;
static struct e2e_servers private_;
static struct workload W_;
static struct fo_pair pair_;
/* MariaDB schemas a test makes besides its own, dropped however it ends. */
static char extra_schemas[2][80];

static void bridge_mongo_fini(void)
{
    e2e_kill_children();
    if (W_.E)
        wl_free(&W_);
    for (size_t i = 0; i < 2 && E_.m; i++)
        if (extra_schemas[i][0])
            e2e_sql_try(E_.m, "DROP DATABASE IF EXISTS `%s`", extra_schemas[i]);
    if (E_.m || E_.r || E_.mc)
        e2e_end(&E_);
    e2e_private_destroy(&private_);
    fo_pair_stop(&pair_);
}

TestSuite(bridge_mongo, .fini = bridge_mongo_fini);

/* ------------------------------------------------------------------ */
/* Text                                                                */

/* A value for messages: canonical extended JSON, cut at 300 bytes. */
static char *show_iter(const bson_iter_t *it)
{
    bson_t d;
    bson_init(&d);
    bson_append_iter(&d, "v", 1, it);
    char *j = bson_as_canonical_extended_json(&d, NULL);
    bson_destroy(&d);
    cr_assert(j);
    size_t n = strlen(j);
    char *out = malloc(n + 16);
    cr_assert(out);
    /* { "v" : X } -> X */
    const char *from = strstr(j, ": ") ? strstr(j, ": ") + 2 : j;
    size_t len = strlen(from);
    if (len >= 2 && from[len - 2] == ' ' && from[len - 1] == '}')
        len -= 2;
    if (len > 300) {
        memcpy(out, from, 300);
        strcpy(out + 300, "...");
    } else {
        memcpy(out, from, len);
        out[len] = '\0';
    }
    bson_free(j);
    return out;
}

/* ------------------------------------------------------------------ */
/* The expected document (the mapping, from SELECT's text)             */

struct colinfo {
    bool is_unsigned;
    bool is_float;            /* compared by rule, not bytes */
};

struct expect_opts {
    bool ferret;              /* FerretDB 1.x: no Decimal128, no nested arrays, plain keys */
    bool dates_as_strings;
};

/* An exact decimal: Decimal128 (trailing fraction zeros dropped when the
 * digits do not fit), else the text; on FerretDB always the text. */
static void expect_decimal(bson_t *b, const char *key, const char *text, size_t len,
                           const struct expect_opts *o)
{
    if (!o->ferret && len < 200) {
        char buf[256];
        memcpy(buf, text, len);
        buf[len] = '\0';
        bson_decimal128_t d;
        bool ok = bson_decimal128_from_string(buf, &d);
        if (!ok && strchr(buf, '.') && !strpbrk(buf, "eE")) {
            size_t n = len;
            while (!ok && n > 0 && buf[n - 1] == '0') {
                buf[--n] = '\0';
                ok = bson_decimal128_from_string(buf, &d);
            }
        }
        if (ok) {
            bson_append_decimal128(b, key, -1, &d);
            return;
        }
    }
    bson_append_utf8(b, key, -1, text, (int)len);
}

/* "YYYY-MM-DD[ HH:MM:SS[.ffffff]]" as milliseconds since the epoch (UTC,
 * digits below the millisecond dropped); false for a zero or impossible
 * date. */
static bool date_millis(const char *s, size_t len, int64_t *ms)
{
    static const int mdays[13] = { 0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    char buf[64];
    if (len >= sizeof buf)
        return false;
    memcpy(buf, s, len);
    buf[len] = '\0';
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
    char frac[16] = "";
    int n = sscanf(buf, "%d-%d-%d %d:%d:%d.%15[0-9]", &y, &mo, &d, &h, &mi, &sec, frac);
    if (n < 3)
        return false;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (y < 1 || y > 9999 || mo < 1 || mo > 12 || d < 1 ||
        d > mdays[mo] + (mo == 2 && leap))
        return false;
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = sec;
    time_t t = timegm(&tm);
    int64_t millis = 0;
    /* ".5" is 500 ms: missing digits are zeros (frac is zero-filled) */
    for (int i = 0; i < 3; i++)
        millis = millis * 10 + (frac[i] >= '0' && frac[i] <= '9' ? frac[i] - '0' : 0);
    *ms = (int64_t)t * 1000 + millis;
    return true;
}

/* ---- JSON: the embedded value ---- */

/* Must the sink write this JSON as its text (a server limitation, a key
 * MongoDB cannot hold as a path, a key with a NUL, too deep)? */
static bool json_as_text(const struct e2e_json *j, int depth, bool in_array,
                         const struct expect_opts *o)
{
    if (j->kind == EJ_ARRAY || j->kind == EJ_OBJECT) {
        if (depth > 97)
            return true;
        if (j->kind == EJ_ARRAY && in_array && o->ferret)
            return true;
        for (size_t i = 0; i < j->n; i++) {
            if (j->kind == EJ_OBJECT) {
                const char *k = j->keys[i];
                if (k[0] == '$' || strchr(k, '.'))
                    return true;
            }
            if (json_as_text(&j->items[i], depth + 1, j->kind == EJ_ARRAY, o))
                return true;
        }
    }
    return false;
}

static void expect_json_number(bson_t *b, const char *key, const char *lit, size_t len,
                               const struct expect_opts *o)
{
    bool integer = !memchr(lit, '.', len) && !memchr(lit, 'e', len) && !memchr(lit, 'E', len);
    size_t ndig = len - (lit[0] == '-');
    char buf[512];
    cr_assert(len < sizeof buf);
    memcpy(buf, lit, len);
    buf[len] = '\0';
    if (integer && ndig <= 19) {
        errno = 0;
        long long v = strtoll(buf, NULL, 10);
        if (errno == 0) {
            if (v >= INT32_MIN && v <= INT32_MAX)
                bson_append_int32(b, key, -1, (int32_t)v);
            else
                bson_append_int64(b, key, -1, v);
            return;
        }
    }
    if (integer && ndig <= 34) {
        expect_decimal(b, key, buf, len, o);
        return;
    }
    double d = strtod(buf, NULL);
    if (!isfinite(d)) {
        expect_decimal(b, key, buf, len, o);
        return;
    }
    bson_append_double(b, key, -1, d);
}

static void expect_json_value(bson_t *b, const char *key, const struct e2e_json *j,
                              const struct expect_opts *o)
{
    switch (j->kind) {
    case EJ_NULL:
        bson_append_null(b, key, -1);
        break;
    case EJ_BOOL:
        bson_append_bool(b, key, -1, j->b);
        break;
    case EJ_NUMBER:
        expect_json_number(b, key, j->text, j->len, o);
        break;
    case EJ_STRING:
        bson_append_utf8(b, key, -1, j->len ? j->text : "", (int)j->len);
        break;
    case EJ_ARRAY:
    case EJ_OBJECT: {
        bson_t child;
        if (j->kind == EJ_ARRAY)
            bson_append_array_begin(b, key, -1, &child);
        else
            bson_append_document_begin(b, key, -1, &child);
        for (size_t i = 0; i < j->n; i++) {
            char ik[24];
            snprintf(ik, sizeof ik, "%zu", i);
            expect_json_value(&child, j->kind == EJ_ARRAY ? ik : j->keys[i], &j->items[i], o);
        }
        if (j->kind == EJ_ARRAY)
            bson_append_array_end(b, &child);
        else
            bson_append_document_end(b, &child);
        break;
    }
    }
}

/* ---- GEOMETRY: GeoJSON from the stored SRID + WKB ---- */

struct wkb {
    const unsigned char *p, *end;
    bool be, ok;
};

static uint32_t wkb_u32(struct wkb *w)
{
    if (w->end - w->p < 4) {
        w->ok = false;
        return 0;
    }
    const unsigned char *p = w->p;
    w->p += 4;
    return w->be ? (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]
                 : (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

static double wkb_f64(struct wkb *w)
{
    if (w->end - w->p < 8) {
        w->ok = false;
        return 0;
    }
    uint64_t u = 0;
    for (int i = 0; i < 8; i++)
        u = u << 8 | w->p[w->be ? i : 7 - i];
    w->p += 8;
    double d;
    memcpy(&d, &u, 8);
    if (!isfinite(d))
        w->ok = false;
    return d;
}

static uint32_t wkb_header(struct wkb *w)
{
    if (w->end - w->p < 5 || w->p[0] > 1) {
        w->ok = false;
        return 0;
    }
    w->be = *w->p++ == 0;
    uint32_t type = wkb_u32(w);
    if (type < 1 || type > 7)
        w->ok = false;
    return type;
}

static void wkb_point(struct wkb *w, bson_t *parent, const char *key)
{
    bson_t a;
    double x = wkb_f64(w), y = wkb_f64(w);
    bson_append_array_begin(parent, key, -1, &a);
    bson_append_double(&a, "0", 1, x);
    bson_append_double(&a, "1", 1, y);
    bson_append_array_end(parent, &a);
}

static void wkb_points(struct wkb *w, bson_t *parent, const char *key)
{
    uint32_t n = wkb_u32(w);
    bson_t a;
    bson_append_array_begin(parent, key, -1, &a);
    for (uint32_t i = 0; i < n && w->ok && i < 100000; i++) {
        char k[16];
        snprintf(k, sizeof k, "%u", i);
        wkb_point(w, &a, k);
    }
    bson_append_array_end(parent, &a);
}

static void wkb_rings(struct wkb *w, bson_t *parent, const char *key)
{
    uint32_t n = wkb_u32(w);
    bson_t a;
    bson_append_array_begin(parent, key, -1, &a);
    for (uint32_t i = 0; i < n && w->ok && i < 10000; i++) {
        char k[16];
        snprintf(k, sizeof k, "%u", i);
        wkb_points(w, &a, k);
    }
    bson_append_array_end(parent, &a);
}

static void wkb_geometry(struct wkb *w, bson_t *parent, const char *key, int depth)
{
    static const char *const names[] = { "", "Point", "LineString", "Polygon", "MultiPoint",
                                         "MultiLineString", "MultiPolygon",
                                         "GeometryCollection" };
    uint32_t type = wkb_header(w);
    if (!w->ok || depth > 32) {
        w->ok = false;
        return;
    }
    bson_t obj, a;
    bson_append_document_begin(parent, key, -1, &obj);
    bson_append_utf8(&obj, "type", 4, names[type], -1);
    if (type == 1)
        wkb_point(w, &obj, "coordinates");
    else if (type == 2)
        wkb_points(w, &obj, "coordinates");
    else if (type == 3)
        wkb_rings(w, &obj, "coordinates");
    else {
        uint32_t n = wkb_u32(w);
        bson_append_array_begin(&obj, type == 7 ? "geometries" : "coordinates", -1, &a);
        for (uint32_t i = 0; i < n && w->ok && i < 10000; i++) {
            char k[16];
            snprintf(k, sizeof k, "%u", i);
            if (type == 7) {
                wkb_geometry(w, &a, k, depth + 1);
                continue;
            }
            uint32_t mt = wkb_header(w);
            if (mt != type - 3)
                w->ok = false;
            else if (mt == 1)
                wkb_point(w, &a, k);
            else if (mt == 2)
                wkb_points(w, &a, k);
            else
                wkb_rings(w, &a, k);
        }
        bson_append_array_end(&obj, &a);
    }
    bson_append_document_end(parent, &obj);
}

/* GeoJSON when the SRID is 0 or 4326 and the WKB is a plain 2-D geometry
 * (on FerretDB: a Point only, the others nest arrays), else BinData of
 * the stored bytes. Returns whether it is GeoJSON. */
static bool expect_geometry(bson_t *b, const char *key, const char *p, size_t n,
                            const struct expect_opts *o)
{
    const unsigned char *u = (const unsigned char *)p;
    if (n >= 9) {
        uint32_t srid = (uint32_t)u[0] | (uint32_t)u[1] << 8 | (uint32_t)u[2] << 16 |
                        (uint32_t)u[3] << 24;
        struct wkb w = { u + 4, u + n, false, true };
        struct wkb peek = w;
        uint32_t type = wkb_header(&peek);
        if ((srid == 0 || srid == 4326) && peek.ok && (!o->ferret || type == 1)) {
            bson_t tmp;
            bson_init(&tmp);
            wkb_geometry(&w, &tmp, "v", 0);
            bson_iter_t it;
            if (w.ok && w.p == w.end && bson_iter_init_find(&it, &tmp, "v")) {
                bson_append_iter(b, key, -1, &it);
                bson_destroy(&tmp);
                return true;
            }
            bson_destroy(&tmp);
        }
    }
    bson_append_binary(b, key, -1, BSON_SUBTYPE_BINARY, u, (uint32_t)n);
    return false;
}

static bool type_is(const char *type, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (strcasecmp(type, list[i]) == 0)
            return true;
    return false;
}

static const char *const TEXT_TYPES[] = { "char", "varchar", "tinytext", "text", "mediumtext",
                                          "longtext", NULL };
static const char *const BINARY_TYPES[] = { "binary", "varbinary", "tinyblob", "blob",
                                            "mediumblob", "longblob", NULL };
static const char *const GEO_TYPES[] = { "geometry", "point", "linestring", "polygon",
                                         "multipoint", "multilinestring", "multipolygon",
                                         "geometrycollection", NULL };

/* Counters of what the comparison saw, for the log (and for asserting
 * that the workload covered the cases it must). */
struct seen {
    unsigned geojson, geo_bindata, json_docs, json_text, decimals_as_text, decimal128, dates,
        null_dates, big_unsigned, empty_sets, nulls;
};

/* Append the value the mapping gives column c of row `row` under key. */
static void expect_value(bson_t *b, const char *key, const struct e2e_table *t, size_t row,
                         size_t c, const struct colinfo *ci, bool as_id,
                         const struct expect_opts *o, struct seen *seen)
{
    const struct e2e_cell *cell = e2e_cell(t, row, c);
    const struct e2e_col *col = &t->cols[c];
    const char *type = col->type;
    if (!cell->p) {
        bson_append_null(b, key, -1);
        seen->nulls++;
        return;
    }
    const char *s = cell->p;
    size_t len = cell->len;
    if (!strcasecmp(type, "tinyint") || !strcasecmp(type, "smallint") ||
        !strcasecmp(type, "mediumint") || (!strcasecmp(type, "int") && !ci->is_unsigned)) {
        bson_append_int32(b, key, -1, (int32_t)strtoll(s, NULL, 10));
    } else if (!strcasecmp(type, "int")) {
        bson_append_int64(b, key, -1, strtoll(s, NULL, 10));
    } else if (!strcasecmp(type, "bigint")) {
        if (ci->is_unsigned) {
            uint64_t u = strtoull(s, NULL, 10);
            if (u <= INT64_MAX) {
                bson_append_int64(b, key, -1, (int64_t)u);
            } else {
                expect_decimal(b, key, s, len, o);
                seen->big_unsigned++;
            }
        } else {
            bson_append_int64(b, key, -1, strtoll(s, NULL, 10));
        }
    } else if (!strcasecmp(type, "decimal")) {
        expect_decimal(b, key, s, len, o);
        bson_iter_t it;
        if (bson_iter_init_find(&it, b, key) && BSON_ITER_HOLDS_DECIMAL128(&it))
            seen->decimal128++;
        else
            seen->decimals_as_text++;
    } else if (!strcasecmp(type, "double")) {
        bson_append_double(b, key, -1, strtod(s, NULL));
    } else if (!strcasecmp(type, "float")) {
        /* the stored float (compared by rule: see check_float) */
        cr_assert(cell->extra);
        bson_append_double(b, key, -1, (double)(float)strtod(cell->extra, NULL));
    } else if (!strcasecmp(type, "date") || !strcasecmp(type, "datetime") ||
               !strcasecmp(type, "timestamp")) {
        int64_t ms;
        if (o->dates_as_strings) {
            bson_append_utf8(b, key, -1, s, (int)len);
        } else if (date_millis(s, len, &ms)) {
            bson_append_date_time(b, key, -1, ms);
            seen->dates++;
        } else {
            bson_append_null(b, key, -1);
            seen->null_dates++;
        }
    } else if (!strcasecmp(type, "time") || !strcasecmp(type, "enum")) {
        bson_append_utf8(b, key, -1, s, (int)len);
    } else if (!strcasecmp(type, "year")) {
        bson_append_int32(b, key, -1, (int32_t)strtol(s, NULL, 10));
    } else if (type_is(type, TEXT_TYPES)) {
        if (col->json && !as_id) {
            const char *why;
            struct e2e_json *j = e2e_json_parse(s, len, &why);
            if (j && !json_as_text(j, 0, false, o)) {
                expect_json_value(b, key, j, o);
                seen->json_docs++;
            } else {
                bson_append_utf8(b, key, -1, s, (int)len);
                seen->json_text++;
            }
            e2e_json_free(j);
        } else {
            bson_append_utf8(b, key, -1, s, (int)len);
        }
    } else if (type_is(type, BINARY_TYPES)) {
        bson_append_binary(b, key, -1, BSON_SUBTYPE_BINARY, (const uint8_t *)s, (uint32_t)len);
    } else if (!strcasecmp(type, "set")) {
        if (as_id) {
            bson_append_utf8(b, key, -1, s, (int)len);
            return;
        }
        bson_t a;
        bson_append_array_begin(b, key, -1, &a);
        unsigned k = 0;
        for (const char *p = s; len && p <= s + len;) {
            const char *comma = memchr(p, ',', (size_t)(s + len - p));
            const char *end = comma ? comma : s + len;
            char ik[16];
            snprintf(ik, sizeof ik, "%u", k++);
            bson_append_utf8(&a, ik, -1, p, (int)(end - p));
            if (!comma)
                break;
            p = comma + 1;
        }
        bson_append_array_end(b, &a);
        if (!len)
            seen->empty_sets++;
    } else if (!strcasecmp(type, "bit")) {
        cr_assert(cell->extra);
        uint64_t u = strtoull(cell->extra, NULL, 10);
        if (u <= INT64_MAX)
            bson_append_int64(b, key, -1, (int64_t)u);
        else
            expect_decimal(b, key, cell->extra, strlen(cell->extra), o);
    } else if (type_is(type, GEO_TYPES)) {
        if (expect_geometry(b, key, s, len, o))
            seen->geojson++;
        else
            seen->geo_bindata++;
    } else {
        cr_assert_fail("the comparison knows no mapping for column %s of type %s", col->name,
                       type);
    }
}

/* ---- comparing values ---- */

/* Significant digits the shortest text of d needs. */
static int double_digits(double d)
{
    char buf[64];
    for (int p = 1; p < 17; p++) {
        snprintf(buf, sizeof buf, "%.*g", p, d);
        if (strtod(buf, NULL) == d)
            return p;
    }
    return 17;
}

static int float_digits(float f)
{
    char buf[64];
    for (int p = 1; p < 9; p++) {
        snprintf(buf, sizeof buf, "%.*g", p, (double)f);
        float back = strtof(buf, NULL);
        if (memcmp(&back, &f, sizeof f) == 0)
            return p;
    }
    return 9;
}

/* FLOAT: the double of the float's shortest text (what SELECT shows, not
 * 3.140000104904175): it reads back as the stored float, and has no more
 * digits than that float needs. */
static bool check_float(const bson_iter_t *want, const bson_iter_t *got, char *why, size_t size)
{
    if (!BSON_ITER_HOLDS_DOUBLE(got)) {
        snprintf(why, size, "FLOAT: not a double");
        return false;
    }
    float f = (float)bson_iter_double(want);
    double d = bson_iter_double(got);
    float back = (float)d;
    if (memcmp(&back, &f, sizeof f) != 0) {
        snprintf(why, size, "FLOAT: %.17g is not the stored float %.9g", d, (double)f);
        return false;
    }
    if (f != 0 && double_digits(d) > float_digits(f)) {
        snprintf(why, size, "FLOAT: %.17g has %d digits, the float's shortest text %d", d,
                 double_digits(d), float_digits(f));
        return false;
    }
    return true;
}

/* Same BSON type and same bytes. */
static bool same_value(const bson_iter_t *a, const bson_iter_t *b)
{
    if (bson_iter_type(a) != bson_iter_type(b))
        return false;
    const bson_value_t *va = bson_iter_value((bson_iter_t *)a);
    const bson_value_t *vb = bson_iter_value((bson_iter_t *)b);
    switch (va->value_type) {
    case BSON_TYPE_NULL:
        return true;
    case BSON_TYPE_BOOL:
        return va->value.v_bool == vb->value.v_bool;
    case BSON_TYPE_INT32:
        return va->value.v_int32 == vb->value.v_int32;
    case BSON_TYPE_INT64:
        return va->value.v_int64 == vb->value.v_int64;
    case BSON_TYPE_DOUBLE:
        return memcmp(&va->value.v_double, &vb->value.v_double, sizeof(double)) == 0;
    case BSON_TYPE_DATE_TIME:
        return va->value.v_datetime == vb->value.v_datetime;
    case BSON_TYPE_DECIMAL128:
        return va->value.v_decimal128.high == vb->value.v_decimal128.high &&
               va->value.v_decimal128.low == vb->value.v_decimal128.low;
    case BSON_TYPE_UTF8:
        return va->value.v_utf8.len == vb->value.v_utf8.len &&
               memcmp(va->value.v_utf8.str, vb->value.v_utf8.str, va->value.v_utf8.len) == 0;
    case BSON_TYPE_BINARY:
        return va->value.v_binary.subtype == vb->value.v_binary.subtype &&
               va->value.v_binary.data_len == vb->value.v_binary.data_len &&
               (va->value.v_binary.data_len == 0 ||
                memcmp(va->value.v_binary.data, vb->value.v_binary.data,
                       va->value.v_binary.data_len) == 0);
    case BSON_TYPE_DOCUMENT:
    case BSON_TYPE_ARRAY:
        return va->value.v_doc.data_len == vb->value.v_doc.data_len &&
               memcmp(va->value.v_doc.data, vb->value.v_doc.data, va->value.v_doc.data_len) == 0;
    default:
        return false;
    }
}

/* ------------------------------------------------------------------ */
/* A collection against a table                                        */

struct mcmp {
    const char *db, *coll;            /* NULL: E->db and the table's name */
    const bool *keep;                 /* per column: a field; NULL: every column */
    const char *const *renames;       /* column, field, ..., NULL */
    const char *const *key_cols;      /* NULL: the primary key */
    const char *const *extra_ok;      /* fields other writers may add, NULL terminated */
    bool dates_as_strings;
    /* per row: 0 compare, 1 its document must not exist, 2 it must exist,
     * not compared (the caller checks it) */
    int (*filter)(const struct e2e_table *t, size_t row, void *ctx);
    void *ctx;
};

static struct colinfo *load_colinfo(MYSQL *m, const struct e2e_table *t)
{
    struct colinfo *ci = calloc(t->ncols + 1, sizeof *ci);
    cr_assert(ci);
    for (size_t c = 0; c < t->ncols; c++) {
        char *ct = e2e_sql_value(m, "SELECT COLUMN_TYPE FROM information_schema.COLUMNS WHERE "
                                 "TABLE_SCHEMA = '%s' AND TABLE_NAME = '%s' AND "
                                 "COLUMN_NAME = '%s'", t->schema, t->name, t->cols[c].name);
        cr_assert(ct);
        ci[c].is_unsigned = strstr(ct, "unsigned") != NULL;
        ci[c].is_float = strcasecmp(t->cols[c].type, "float") == 0;
        free(ct);
    }
    return ci;
}

static const char *field_of(const struct e2e_table *t, size_t c, const char *const *renames)
{
    for (size_t i = 0; renames && renames[i]; i += 2)
        if (strcasecmp(renames[i], t->cols[c].name) == 0)
            return renames[i + 1];
    return t->cols[c].name;
}

/* {_id: ...} as canonical extended JSON (the key documents are matched by). */
static char *id_key(const bson_t *idd)
{
    char *j = bson_as_canonical_extended_json(idd, NULL);
    cr_assert(j);
    char *s = strdup(j);
    bson_free(j);
    return s;
}

struct row_ref {
    char *key;
    size_t row;
    bson_t *doc;               /* the document found */
};

static int ref_cmp(const void *a, const void *b)
{
    return strcmp(((const struct row_ref *)a)->key, ((const struct row_ref *)b)->key);
}

struct mstats {
    size_t docs, rows;
    struct seen seen;
};

/* Every row of t has its document in db.coll, typed as the mapping says,
 * and the collection holds nothing else. Mismatches go to rep. */
static void compare_collection(struct e2e *E, const struct e2e_table *t, const struct mcmp *mc,
                               struct e2e_report *rep, struct mstats *st)
{
    const char *dbn = mc->db ? mc->db : E->db, *colln = mc->coll ? mc->coll : t->name;
    struct colinfo *ci = load_colinfo(E->m, t);
    struct expect_opts o = { E->ferret, mc->dates_as_strings };
    /* the row key */
    uint32_t keys[16];
    size_t nkeys = 0;
    if (mc->key_cols) {
        for (; mc->key_cols[nkeys]; nkeys++) {
            int c = e2e_column_index(t, mc->key_cols[nkeys]);
            cr_assert(c >= 0 && nkeys < 16);
            keys[nkeys] = (uint32_t)c;
        }
    } else {
        for (; nkeys < t->npk; nkeys++)
            keys[nkeys] = t->pk[nkeys];
    }
    cr_assert(nkeys > 0, "%s.%s: no key to compare by", t->schema, t->name);

    /* the expected _id of every row */
    struct row_ref *refs = calloc(t->nrows + 1, sizeof *refs);
    cr_assert(refs);
    for (size_t r = 0; r < t->nrows; r++) {
        bson_t idd;
        bson_init(&idd);
        if (nkeys == 1) {
            expect_value(&idd, "_id", t, r, keys[0], &ci[keys[0]], true, &o, &st->seen);
        } else {
            bson_t sub;
            bson_append_document_begin(&idd, "_id", 3, &sub);
            for (size_t k = 0; k < nkeys; k++)
                expect_value(&sub, field_of(t, keys[k], mc->renames), t, r, keys[k],
                             &ci[keys[k]], true, &o, &st->seen);
            bson_append_document_end(&idd, &sub);
        }
        refs[r].key = id_key(&idd);
        refs[r].row = r;
        bson_destroy(&idd);
    }
    qsort(refs, t->nrows, sizeof *refs, ref_cmp);
    for (size_t r = 1; r < t->nrows; r++)
        cr_assert(strcmp(refs[r - 1].key, refs[r].key) != 0, "%s.%s: two rows with _id %s",
                  t->schema, t->name, refs[r].key);

    /* every document */
    mongoc_collection_t *coll = mongoc_client_get_collection(E->mc, dbn, colln);
    bson_t filter;
    bson_init(&filter);
    mongoc_cursor_t *cur = mongoc_collection_find_with_opts(coll, &filter, NULL, NULL);
    const bson_t *doc;
    size_t ndocs = 0;
    while (mongoc_cursor_next(cur, &doc)) {
        ndocs++;
        bson_iter_t it;
        if (!bson_iter_init_find(&it, doc, "_id")) {
            e2e_report_add(rep, "%s.%s: a document without _id", dbn, colln);
            continue;
        }
        bson_t idd;
        bson_init(&idd);
        bson_append_iter(&idd, "_id", 3, &it);
        struct row_ref probe = { id_key(&idd), 0, NULL };
        bson_destroy(&idd);
        struct row_ref *hit = bsearch(&probe, refs, t->nrows, sizeof *refs, ref_cmp);
        if (!hit) {
            char *all = bson_as_canonical_extended_json(doc, NULL);
            e2e_report_add(rep, "%s.%s: document %.200s is no row of %s.%s: %.300s", dbn, colln,
                           probe.key, t->schema, t->name, all);
            bson_free(all);
        } else if (hit->doc) {
            e2e_report_add(rep, "%s.%s: two documents with %s", dbn, colln, probe.key);
        } else {
            hit->doc = bson_copy(doc);
        }
        free(probe.key);
    }
    bson_error_t e;
    cr_assert(!mongoc_cursor_error(cur, &e), "reading %s.%s: %s", dbn, colln, e.message);
    mongoc_cursor_destroy(cur);
    mongoc_collection_destroy(coll);
    bson_destroy(&filter);

    /* each row with its document */
    char why[512];
    for (size_t i = 0; i < t->nrows; i++) {
        struct row_ref *rr = &refs[i];
        size_t r = rr->row;
        int what = mc->filter ? mc->filter(t, r, mc->ctx) : 0;
        if (what == 1) {
            if (rr->doc)
                e2e_report_add(rep, "%s.%s %s: should not be there", dbn, colln, rr->key);
            continue;
        }
        if (!rr->doc) {
            e2e_report_add(rep, "%s.%s %s: missing (row %zu of %s.%s)", dbn, colln, rr->key, r,
                           t->schema, t->name);
            continue;
        }
        st->rows++;
        if (what == 2)
            continue;
        /* the expected document: _id, then the kept columns */
        bson_t want;
        bson_init(&want);
        bson_iter_t idit;
        cr_assert(bson_iter_init_find(&idit, rr->doc, "_id"));
        bson_append_iter(&want, "_id", 3, &idit);
        for (size_t c = 0; c < t->ncols; c++) {
            if (mc->keep && !mc->keep[c])
                continue;
            const char *f = field_of(t, c, mc->renames);
            if (strcmp(f, "_id") == 0)
                continue;         /* the key column renamed _id: its value is the _id */
            expect_value(&want, f, t, r, c, &ci[c], false, &o, &st->seen);
        }
        bson_iter_t first;
        if (!bson_iter_init(&first, rr->doc) || !bson_iter_next(&first) ||
            strcmp(bson_iter_key(&first), "_id") != 0)
            e2e_report_add(rep, "%s.%s %s: _id is not the first field", dbn, colln, rr->key);
        bson_iter_t wi;
        bson_iter_init(&wi, &want);
        while (bson_iter_next(&wi)) {
            const char *f = bson_iter_key(&wi);
            bson_iter_t gi;
            if (!bson_iter_init_find(&gi, rr->doc, f)) {
                char *w = show_iter(&wi);
                e2e_report_add(rep, "%s.%s %s: field %s missing, expected %s", dbn, colln,
                               rr->key, f, w);
                free(w);
                continue;
            }
            int c = strcmp(f, "_id") ? e2e_column_index(t, f) : -1;
            for (size_t k = 0; c < 0 && strcmp(f, "_id") && k < t->ncols; k++)
                if (strcmp(field_of(t, k, mc->renames), f) == 0)
                    c = (int)k;
            bool ok;
            why[0] = '\0';
            if (c >= 0 && ci[c].is_float && !BSON_ITER_HOLDS_NULL(&wi))
                ok = check_float(&wi, &gi, why, sizeof why);
            else
                ok = same_value(&wi, &gi);
            if (!ok) {
                char *w = show_iter(&wi), *g = show_iter(&gi);
                e2e_report_add(rep, "%s.%s %s: field %s (%s): expected %s, got %s %s", dbn,
                               colln, rr->key, f, c >= 0 ? t->cols[c].type : "key", w, g, why);
                free(w);
                free(g);
            }
        }
        bson_iter_t gi;
        bson_iter_init(&gi, rr->doc);
        while (bson_iter_next(&gi)) {
            const char *f = bson_iter_key(&gi);
            bson_iter_t tmp;
            if (bson_iter_init_find(&tmp, &want, f))
                continue;
            bool allowed = false;
            for (size_t k = 0; mc->extra_ok && mc->extra_ok[k]; k++)
                allowed |= strcmp(mc->extra_ok[k], f) == 0;
            if (!allowed) {
                char *g = show_iter(&gi);
                e2e_report_add(rep, "%s.%s %s: field %s should not be there (got %s)", dbn,
                               colln, rr->key, f, g);
                free(g);
            }
        }
        bson_destroy(&want);
    }
    st->docs += ndocs;
    for (size_t i = 0; i < t->nrows; i++) {
        free(refs[i].key);
        if (refs[i].doc)
            bson_destroy(refs[i].doc);
    }
    free(refs);
    free(ci);
}

static void mongo_report_check(struct e2e_report *rep, uint64_t seed)
{
    if (rep->count == 0) {
        free(rep->text);
        rep->text = NULL;
        return;
    }
    cr_log_error("%s: %u mismatches (seed %llu, BB_E2E_SEED=%llu repeats the workload):\n%s%s",
                 rep->what, rep->count, (unsigned long long)seed, (unsigned long long)seed,
                 rep->text, rep->count > 25 ? "  ...\n" : "");
    unsigned count = rep->count;
    free(rep->text);
    rep->text = NULL;
    cr_assert_fail("%s: %u mismatches between MongoDB and SELECT (seed %llu); see above",
                   rep->what, count, (unsigned long long)seed);
}

/* The collection names of database db (sorted). */
static void collection_names(struct e2e *E, const char *db, struct e2e_strings *out)
{
    mongoc_database_t *d = mongoc_client_get_database(E->mc, db);
    bson_error_t e;
    char **names = mongoc_database_get_collection_names_with_opts(d, NULL, &e);
    cr_assert(names, "listing the collections of %s: %s", db, e.message);
    for (size_t i = 0; names[i]; i++)
        e2e_strings_add(out, strdup(names[i]));
    bson_strfreev(names);
    mongoc_database_destroy(d);
    e2e_strings_sort(out);
}

/* Database db holds only collections named in `allowed` (NULL terminated),
 * and those of `required`. */
static void check_collections(struct e2e *E, const char *db, const char *const *allowed,
                              const char *const *required, struct e2e_report *rep)
{
    struct e2e_strings names = { 0 };
    collection_names(E, db, &names);
    for (size_t i = 0; i < names.n; i++) {
        bool ok = false;
        for (size_t k = 0; allowed[k]; k++)
            ok |= strcmp(allowed[k], names.v[i]) == 0;
        if (!ok)
            e2e_report_add(rep, "database %s: collection %s should not be there", db,
                           names.v[i]);
    }
    for (size_t k = 0; required && required[k]; k++)
        if (!e2e_strings_has(&names, required[k]))
            e2e_report_add(rep, "database %s: no collection %s", db, required[k]);
    e2e_strings_free(&names);
}

/* Compare one table with the default mapping (database = schema,
 * collection = table, _id = primary key, every column). */
static void compare_default_table(struct e2e *E, const char *table, struct e2e_report *rep,
                                  struct mstats *st)
{
    struct e2e_table t;
    e2e_table_load(E->m, E->db, table, &t);
    struct mcmp mc = { 0 };
    compare_collection(E, &t, &mc, rep, st);
    e2e_table_free(&t);
}

/* ------------------------------------------------------------------ */
/* t_more: GEOMETRY and JSON beyond the shared workload's               */

/* Rows of t_more (ids 1..MORE_IDS) and which exist. Statements run
 * outside transactions, so the model is always the source's state. */
#define MORE_IDS 120

struct more {
    MYSQL *m;
    struct e2e_rng rng;
    bool exists[MORE_IDS + 1];
    FILE *log;
    bool ferret;
    unsigned statements;
};

static const char t_more_ddl[] =
    "CREATE TABLE t_more (id INT NOT NULL PRIMARY KEY, g GEOMETRY NULL, j JSON NULL,"
    " s SET('x','y','z') NOT NULL DEFAULT '') CHARACTER SET utf8mb4";

static void coord(struct e2e_sb *b, struct e2e_rng *r)
{
    double x = (double)e2e_below(r, 36000001) / 100000.0 - 180.0;
    e2e_sb_printf(b, "%.5f %.5f", x, (double)e2e_below(r, 18000001) / 100000.0 - 90.0);
}

static void ring(struct e2e_sb *b, struct e2e_rng *r)
{
    double x = (double)e2e_below(r, 300) - 150, y = (double)e2e_below(r, 150) - 75;
    double w = 1 + (double)e2e_below(r, 20), h = 0.5 + (double)e2e_below(r, 10);
    e2e_sb_printf(b, "(%g %g,%g %g,%g %g,%g %g,%g %g)", x, y, x + w, y, x + w, y + h, x, y + h, x, y);
}

static void geo_literal(struct e2e_sb *b, struct e2e_rng *r)
{
    static const unsigned srids[] = { 0, 4326, 0, 4326, 3857 };
    unsigned srid = srids[e2e_below(r, 5)];
    struct e2e_sb w = { 0 };
    switch (e2e_below(r, 10)) {
    case 0:
        e2e_sb_append(b, "NULL", 4);
        return;
    case 1: case 2: case 3:
        e2e_sb_printf(&w, "POINT(");
        coord(&w, r);
        e2e_sb_printf(&w, ")");
        break;
    case 4: case 5:
        e2e_sb_printf(&w, "POLYGON(");
        ring(&w, r);
        e2e_sb_printf(&w, ")");
        break;
    case 6:
        e2e_sb_printf(&w, "LINESTRING(");
        coord(&w, r);
        e2e_sb_printf(&w, ",");
        coord(&w, r);
        e2e_sb_printf(&w, ",");
        coord(&w, r);
        e2e_sb_printf(&w, ")");
        break;
    case 7:
        e2e_sb_printf(&w, "MULTIPOINT(");
        coord(&w, r);
        e2e_sb_printf(&w, ",");
        coord(&w, r);
        e2e_sb_printf(&w, ")");
        break;
    case 8:
        e2e_sb_printf(&w, "MULTIPOLYGON((");
        ring(&w, r);
        e2e_sb_printf(&w, "),(");
        ring(&w, r);
        e2e_sb_printf(&w, "))");
        break;
    default:
        e2e_sb_printf(&w, "GEOMETRYCOLLECTION(POINT(");
        coord(&w, r);
        e2e_sb_printf(&w, "),LINESTRING(");
        coord(&w, r);
        e2e_sb_printf(&w, ",");
        coord(&w, r);
        e2e_sb_printf(&w, "))");
        break;
    }
    e2e_sb_printf(b, "ST_GeomFromText('%s', %u)", w.p, srid);
    free(w.p);
}

/* Every JSON kind, escapes and a deep nesting. */
static const char json_mixed[] =
    "{\"t\": true, \"f\": false, \"n\": null, \"s\": \"\\u00e9\\ud83d\\ude00 \\\"q\\\" \\\\\", "
    "\"o\": {}, \"a\": [], \"deep\": {\"x\": [{\"y\": {\"z\": [1, {\"w\": null}]}}]}}";

static void json_more_literal(struct e2e_sb *b, struct more *M)
{
    static const char *const fixed[] = {
        /* nested arrays and dotted keys: JSON text on FerretDB */
        "{\"a\": [[1, 2], [3]]}",
        "[1, [2, [3, []]]]",
        "{\"a.b\": 1, \"c\": {\"d.e\": [1]}}",
        /* numbers at every boundary of the mapping */
        "{\"i32\": 2147483647, \"i32n\": -2147483648, \"i64\": 2147483648, "
        "\"min\": -9223372036854775808, \"max\": 9223372036854775807, "
        "\"over\": 9223372036854775808, \"big\": 123456789012345678901234567890, "
        "\"d34\": 1234567890123456789012345678901234, "
        "\"long\": 123456789012345678901234567890123456789, \"f\": 0.1, \"e\": 1.5e300, "
        "\"huge\": 1e400, \"tiny\": 5e-324}",
        json_mixed,
        "\"a plain string\"", "42", "-1.25", "[]", "{}", "true",
    };
    struct e2e_rng *r = &M->rng;
    struct e2e_sb t = { 0 };
    uint64_t k = e2e_below(r, 16);
    if (k == 15) {
        e2e_sb_append(b, "NULL", 4);
        return;
    }
    if (k < sizeof fixed / sizeof *fixed) {
        e2e_sb_printf(&t, "%s", fixed[k]);
    } else if (k == 13 && M->ferret) {
        e2e_sb_printf(&t, "{\"$x\": %u}", (unsigned)e2e_below(r, 100));
    } else {
        double d;
        do {
            uint64_t bits = e2e_rand(r);
            memcpy(&d, &bits, sizeof d);
        } while (!isfinite(d));
        e2e_sb_printf(&t, "{\"k\": %lld, \"d\": %.17g, \"arr\": [%u, \"%s\"]}", (long long)e2e_rand(r),
                  d, (unsigned)e2e_below(r, 1000), e2e_chance(r, 50) ? "\xf0\x9f\x98\x80" : "x");
    }
    e2e_sb_append(b, "_utf8mb4 X'", 11);
    e2e_sb_hex(b, t.p, t.len);
    e2e_sb_append(b, "'", 1);
    free(t.p);
}

static void set_more_literal(struct e2e_sb *b, struct e2e_rng *r)
{
    static const char *const v[] = { "''", "'x'", "'y,z'", "'x,y,z'" };
    e2e_sb_printf(b, "%s", v[e2e_below(r, 4)]);
}

static void more_exec(struct more *M, const char *q)
{
    fprintf(M->log, "%s;\n", q);
    if (mysql_query(M->m, q) != 0)
        cr_assert_fail("t_more statement failed: %.500s: %s", q, mysql_error(M->m));
    M->statements++;
}

static void more_init(struct more *M, struct e2e *E, MYSQL *m, FILE *log)
{
    memset(M, 0, sizeof *M);
    M->m = m;
    M->rng.s = E->seed ^ 0x6d6f7265ULL;
    M->log = log;
    M->ferret = E->ferret;
    e2e_sql(m, "%s", t_more_ddl);
}

static unsigned more_free_id(struct more *M)
{
    for (int tries = 0; tries < 1000; tries++) {
        unsigned id = 1 + (unsigned)e2e_below(&M->rng, MORE_IDS);
        if (!M->exists[id])
            return id;
    }
    return 0;
}

/* One statement on t_more: insert, update, REPLACE, key change, delete. */
static void more_step(struct more *M)
{
    struct e2e_rng *r = &M->rng;
    unsigned id = 1 + (unsigned)e2e_below(r, MORE_IDS);
    struct e2e_sb q = { 0 };
    if (!M->exists[id] || e2e_chance(r, 10)) {
        bool existed = M->exists[id];
        e2e_sb_printf(&q, "%s INTO t_more VALUES (%u, ", existed ? "REPLACE" : "INSERT", id);
        geo_literal(&q, r);
        e2e_sb_append(&q, ", ", 2);
        json_more_literal(&q, M);
        e2e_sb_append(&q, ", ", 2);
        set_more_literal(&q, r);
        e2e_sb_append(&q, ")", 1);
        M->exists[id] = true;
    } else {
        uint64_t k = e2e_below(r, 10);
        if (k < 6) {
            e2e_sb_printf(&q, "UPDATE t_more SET %s = ", k < 2 ? "g" : k < 4 ? "j" : "s");
            if (k < 2)
                geo_literal(&q, r);
            else if (k < 4)
                json_more_literal(&q, M);
            else
                set_more_literal(&q, r);
            e2e_sb_printf(&q, " WHERE id = %u", id);
        } else if (k < 8) {
            unsigned to = more_free_id(M);
            if (!to) {
                free(q.p);
                return;
            }
            e2e_sb_printf(&q, "UPDATE t_more SET id = %u WHERE id = %u", to, id);
            M->exists[id] = false;
            M->exists[to] = true;
        } else {
            e2e_sb_printf(&q, "DELETE FROM t_more WHERE id = %u", id);
            M->exists[id] = false;
        }
    }
    more_exec(M, q.p);
    free(q.p);
}

static void more_steps(struct more *M, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        more_step(M);
    fflush(M->log);
}

/* ------------------------------------------------------------------ */
/* Bridges                                                             */






/* The workload's tables and t_more: every document typed as the default
 * mapping says; the database holds those collections only (t_nopk, without
 * a primary key, none). */
static struct mstats compare_workload(struct e2e *E, bool with_more)
{
    double t0 = e2e_now();
    struct e2e_report rep;
    e2e_report_init(&rep, E->tag);
    struct mstats st = { 0 };
    static const char *const tables[] = { "t_all", "t_comp", "t_u", "t_lob", "t_more" };
    size_t n = with_more ? 5 : 4;
    for (size_t i = 0; i < n; i++)
        compare_default_table(E, tables[i], &rep, &st);
    static const char *const allowed[] = { "t_all", "t_comp", "t_u", "t_lob", "t_more", NULL };
    check_collections(E, E->db, allowed, NULL, &rep);
    cr_log_info("%s: %zu documents compared with %zu rows in %.2f s (%u GeoJSON, %u geometries "
                "as BinData, %u JSON documents, %u JSON as text, %u Decimal128, %u decimals as "
                "text, %u dates, %u zero dates as null, %u BIGINT UNSIGNED beyond int64, %u "
                "empty SETs, %u NULLs)", E->tag, st.docs, st.rows, e2e_now() - t0, st.seen.geojson,
                st.seen.geo_bindata, st.seen.json_docs, st.seen.json_text, st.seen.decimal128,
                st.seen.decimals_as_text, st.seen.dates, st.seen.null_dates,
                st.seen.big_unsigned, st.seen.empty_sets, st.seen.nulls);
    mongo_report_check(&rep, E->seed);
    return st;
}

/* The MongoDB checkpoint covers the source's last transaction: its GTID
 * position, server id and commit time are the server's. */
static void check_checkpoint_is_the_servers(struct e2e *E)
{
    struct e2e_checkpoint cp;
    e2e_mongo_checkpoint_read(E, E->db, &cp);
    char *last = e2e_sql_value(E->m, "SELECT @@last_gtid");
    char *server_id = e2e_sql_value(E->m, "SELECT @@server_id");
    cr_assert(last && server_id);
    unsigned dom, srv;
    unsigned long long seq, saved = 0;
    cr_assert_eq(sscanf(last, "%u-%u-%llu", &dom, &srv, &seq), 3, "@@last_gtid %s", last);
    for (const char *p = cp.gtid; p && *p; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL) {
        unsigned d, s2;
        unsigned long long n;
        if (sscanf(p, "%u-%u-%llu", &d, &s2, &n) == 3 && d == dom)
            saved = n;
    }
    cr_assert_geq(saved, seq, "the MongoDB checkpoint's GTID position %s is before our last "
                  "transaction %s", cp.gtid, last);
    cr_assert_eq(cp.rows_done, 0u);
    cr_assert_eq(cp.server_id, strtoull(server_id, NULL, 10));
    cr_assert(cp.commit_time > 1500000000ULL && cp.commit_time <= (uint64_t)time(NULL) + 60,
              "commit_time %llu", (unsigned long long)cp.commit_time);
    free(last);
    free(server_id);
}

/* A line of the last bridge's output holds both a and b. */
static void check_output_names(struct e2e *E, const char *a, const char *b)
{
    char *out = e2e_proc_output(&E->bridge);
    bool named = false;
    for (char *line = strtok(out, "\n"); line; line = strtok(NULL, "\n"))
        named |= strstr(line, a) && strstr(line, b);
    free(out);
    cr_assert(named, "no line of the bridge's output names \"%s\" and \"%s\":\n%s", a, b,
              e2e_tail(E->bridge.out_path, 3000));
}

/* The comparison saw every kind of value the mapping has a rule for. */
static void check_coverage(const struct mstats *st, bool ferret)
{
    cr_assert_gt(st->docs, 100u, "only %zu documents: the workload wrote too little", st->docs);
    cr_assert_gt(st->seen.geojson, 0u, "no GeoJSON value was compared");
    cr_assert_gt(st->seen.geo_bindata, 0u, "no geometry as BinData was compared");
    cr_assert_gt(st->seen.json_docs, 0u, "no embedded JSON value was compared");
    cr_assert_gt(st->seen.dates, 0u, "no date was compared");
    cr_assert_gt(st->seen.null_dates, 0u, "no zero date was compared");
    cr_assert_gt(st->seen.big_unsigned, 0u, "no BIGINT UNSIGNED beyond int64 was compared");
    cr_assert_gt(st->seen.empty_sets, 0u, "no empty SET was compared");
    cr_assert_gt(st->seen.nulls, 0u, "no NULL was compared");
    if (ferret)
        cr_assert_gt(st->seen.decimals_as_text + st->seen.json_text, 0u,
                     "FerretDB: no value in its fallback form was compared");
    else
        cr_assert_gt(st->seen.decimal128, 0u, "no Decimal128 was compared");
}

/* ------------------------------------------------------------------ */
/* 1: a random workload over every column type                         */

Test(bridge_mongo, random_workload_matches_select)
{
    struct e2e *E = &E_;
    e2e_begin(E, "mwl", NULL);
    e2e_mongo_begin(E, true);
    e2e_write_usual_config(E, "tests/e2e/test_bridge_mongo.c", NULL);
    e2e_establish_checkpoint(E);
    struct workload *W = &W_;
    wl_init(W, E, E->m, E->seed);
    struct more M;
    more_init(&M, E, E->m, W->log);

    wl_steps(W, 150);
    more_steps(&M, 150);
    /* one large transaction, applied in chunks of at most 64 KB */
    wl_big(W, 600, true);
    wl_steps(W, 40);
    double t0 = e2e_now();
    e2e_bridge_to_end(E, 180);
    cr_log_info("mwl: first run applied %u + %u statements (%u commits, %u rollbacks, a "
                "600-row transaction) in %.2f s, peak RSS %ld KB", W->statements, M.statements,
                W->commits, W->rollbacks, e2e_now() - t0, E->bridge.maxrss_kb);
    /* t_nopk (no key at all) was refused, by name */
    check_output_names(E, "t_nopk", "no primary key");
    /* a second run resumes where the first stopped */
    wl_steps(W, 150);
    more_steps(&M, 100);
    e2e_bridge_to_end(E, 180);
    struct mstats st = compare_workload(E, true);
    check_coverage(&st, E->ferret);
    check_checkpoint_is_the_servers(E);
}

/* ------------------------------------------------------------------ */
/* 2: kill -9 at random moments                                        */

enum kill_moment { KILL_SOON, KILL_AFTER_COMMIT, KILL_IN_BIG, KILL_RANDOM };

/* Poll the MongoDB checkpoint until a chunk of a large transaction is
 * saved (rows_done > 0), the bridge exits or `seconds` pass. */
static bool wait_chunk_checkpoint(struct e2e *E, double seconds, struct e2e_checkpoint *cp)
{
    double until = e2e_now() + seconds;
    for (;;) {
        e2e_mongo_checkpoint_read(E, E->db, cp);
        if (cp->rows_done > 0)
            return true;
        if (e2e_now() > until || !e2e_proc_running(&E->bridge))
            return false;
        e2e_sleep_ms(2);
    }
}

Test(bridge_mongo, kill_9_at_random_moments_loses_and_doubles_nothing)
{
    struct e2e *E = &E_;
    e2e_begin(E, "mkill", NULL);
    e2e_mongo_begin(E, true);
    e2e_write_usual_config(E, "tests/e2e/test_bridge_mongo.c", NULL);
    e2e_establish_checkpoint(E);
    struct workload *W = &W_;
    wl_init(W, E, E->m, E->seed);
    struct more M;
    more_init(&M, E, E->m, W->log);
    struct e2e_rng rng = { E->seed ^ 0x6b696c6cULL };
    const unsigned kills = 20;
    unsigned mid_txn = 0, big = 0, moments[4] = { 0 }, caught_up = 0;
    bool catch_up = false;
    double t0 = e2e_now();
    for (unsigned k = 0; k < kills; k++) {
        e2e_bridge_start(E, NULL);
        enum kill_moment m = k % 6 == 2 ? KILL_IN_BIG : (enum kill_moment)e2e_below(&rng, 4);
        if (m == KILL_IN_BIG && big >= 4)
            m = KILL_RANDOM;
        moments[m]++;
        /* now and then (and after each large transaction) kill in steady
         * state, not only in the backlog */
        if (catch_up || e2e_chance(&rng, 30)) {
            e2e_assert_caught_up(E, 120);
            caught_up++;
        }
        catch_up = m == KILL_IN_BIG;
        struct e2e_checkpoint cp;
        e2e_mongo_checkpoint_read(E, E->db, &cp);
        switch (m) {
        case KILL_SOON:
            wl_steps(W, (unsigned)e2e_below(&rng, 3));
            more_steps(&M, (unsigned)e2e_below(&rng, 3));
            e2e_sleep_ms((unsigned)e2e_below(&rng, 30));
            break;
        case KILL_AFTER_COMMIT:
            wl_steps(W, 3 + (unsigned)e2e_below(&rng, 8));
            more_steps(&M, 2 + (unsigned)e2e_below(&rng, 5));
            if (!e2e_wait_checkpoint_moves(E, &cp, 60))
                e2e_fail_with_bridge_output(E, "the checkpoint did not move within 60 s");
            e2e_sleep_ms((unsigned)e2e_below(&rng, 15));
            break;
        case KILL_IN_BIG:
            /* as soon as a chunk's checkpoint is seen */
            wl_big(W, 300, big == 0);
            big++;
            if (!wait_chunk_checkpoint(E, 90, &cp))
                cr_log_warn("kill %u: no chunk checkpoint seen during the large transaction", k);
            break;
        case KILL_RANDOM:
            wl_steps(W, 4 + (unsigned)e2e_below(&rng, 12));
            more_steps(&M, 2 + (unsigned)e2e_below(&rng, 8));
            e2e_sleep_ms((unsigned)e2e_below(&rng, 200));
            break;
        }
        if (!e2e_proc_running(&E->bridge))
            e2e_fail_with_bridge_output(E, "the bridge exited by itself before the kill");
        e2e_proc_kill(&E->bridge);
        cr_assert_eq(E->bridge.status, 128 + SIGKILL);
        e2e_mongo_checkpoint_read(E, E->db, &cp);
        cr_assert(cp.found, "no checkpoint after kill %u", k);
        if (cp.rows_done > 0)
            mid_txn++;
    }
    double loop = e2e_now() - t0;
    wl_steps(W, 20);
    more_steps(&M, 20);
    e2e_bridge_to_end(E, 240);
    cr_log_info("mkill: %u kills (%u soon after start, %u after a commit, %u during a large "
                "transaction, %u at random; %u after catching up) in %.1f s; %u left a "
                "transaction half applied (a chunk checkpoint)", kills, moments[KILL_SOON],
                moments[KILL_AFTER_COMMIT], moments[KILL_IN_BIG], moments[KILL_RANDOM],
                caught_up, loop, mid_txn);
    cr_assert_geq(kills, 20u);
    cr_assert_geq(mid_txn, 1u, "no kill landed inside a chunked transaction");
    compare_workload(E, true);
    check_checkpoint_is_the_servers(E);
}

/* The documents of collection coll of this test's database (-1 while the
 * server does not answer). */
static int64_t collection_count(struct e2e *E, const char *coll)
{
    mongoc_collection_t *c = mongoc_client_get_collection(E->mc, E->db, coll);
    bson_t filter;
    bson_init(&filter);
    bson_error_t e;
    int64_t n = mongoc_collection_count_documents(c, &filter, NULL, NULL, NULL, &e);
    bson_destroy(&filter);
    mongoc_collection_destroy(c);
    return n;
}

/* ------------------------------------------------------------------ */
/* 3: FerretDB (MongoDB) and MariaDB restarts (private servers)        */

Test(bridge_mongo, mongo_and_mariadb_restarts_lose_nothing)
{
    double t0 = e2e_now();
    e2e_private_start_mongo(&private_);
    double started = e2e_now() - t0;
    struct e2e *E = &E_;
    e2e_begin(E, "mrestart", &private_);
    e2e_mongo_begin(E, true);
    /* Zero config: `run --source ... --mongo ...` mirrors every user
     * table; these servers hold this test's schema alone. */
    E->config[0] = '\0';
    e2e_establish_checkpoint(E);
    struct workload *W = &W_;
    wl_init(W, E, E->m, E->seed);
    struct more M;
    more_init(&M, E, E->m, W->log);
    char servers_log[600];
    snprintf(servers_log, sizeof servers_log, "%s/servers.log", private_.dir);

    e2e_bridge_start(E, NULL);
    wl_steps(W, 40);
    more_steps(&M, 30);
    e2e_assert_caught_up(E, 90);

    /* the MongoDB server restarts while a large transaction is applied
     * (zero config: no chunks; seen as t_u's documents growing) */
    double mongo_restart = 0;
    int64_t before = collection_count(E, "t_u");
    wl_big(W, 400, true);
    wl_steps(W, 10);
    double until = e2e_now() + 60;
    while (collection_count(E, "t_u") == before && e2e_now() < until)
        e2e_sleep_ms(5);
    if (private_.mongo_port) {
        double t1 = e2e_now();
        cr_assert_eq(e2e_private_action(&private_, "restart-ferretdb"), 0,
                     "restart-ferretdb failed:\n%s", e2e_tail(servers_log, 3000));
        mongo_restart = e2e_now() - t1;
    } else {
        cr_log_info("mrestart: BINBRIDGE_TEST_MONGO_URI names the MongoDB: it is not restarted");
    }
    wl_steps(W, 30);
    more_steps(&M, 20);
    e2e_assert_caught_up(E, 120);
    cr_assert(e2e_proc_running(&E->bridge), "the bridge exited after the MongoDB restart:\n%s",
              e2e_tail(E->bridge.out_path, 3000));

    /* binlog rotations, a kill -9 after them, a restart across files */
    e2e_sql(E->m, "FLUSH BINARY LOGS");
    wl_steps(W, 15);
    e2e_sql(E->m, "FLUSH BINARY LOGS");
    wl_big(W, 200, false);
    e2e_proc_kill(&E->bridge);
    wl_steps(W, 15);
    e2e_sql(E->m, "FLUSH BINARY LOGS");
    e2e_bridge_start(E, NULL);
    more_steps(&M, 20);
    e2e_assert_caught_up(E, 120);

    /* MariaDB restarts; the workload goes on once it is back */
    wl_steps(W, 15);
    double t1 = e2e_now();
    cr_assert_eq(e2e_private_action(&private_, "restart-mariadb"), 0,
                 "restart-mariadb failed:\n%s", e2e_tail(servers_log, 3000));
    double mariadb_restart = e2e_now() - t1;
    mysql_close(E->m);
    E->m = e2e_sql_connect_retry(&E->srv, 30);
    e2e_sql(E->m, "USE %s", E->db);
    wl_set_connection(W, E->m);
    M.m = E->m;
    wl_steps(W, 40);
    more_steps(&M, 20);
    wl_big(W, 200, false);
    e2e_assert_caught_up(E, 120);
    cr_assert(e2e_proc_running(&E->bridge), "the bridge exited after the MariaDB restart:\n%s",
              e2e_tail(E->bridge.out_path, 3000));
    e2e_stop_bridge(E, 10);
    /* it said what happened: a warning per state change, not per attempt */
    char *out = e2e_proc_output(&E->bridge);
    unsigned warnings = 0;
    for (char *line = strtok(out, "\n"); line; line = strtok(NULL, "\n"))
        if (strstr(line, " WARN ") && ++warnings <= 8)
            cr_log_info("mrestart: %s", line);
    free(out);
    cr_assert_geq(warnings, 1u, "the bridge logged no warning about the server restarts");
    cr_assert_leq(warnings, 12u, "%u warnings for a few restarts: one per attempt?", warnings);
    e2e_bridge_to_end(E, 180);
    compare_workload(E, true);
    check_checkpoint_is_the_servers(E);
    cr_log_info("mrestart: private servers started in %.1f s; MongoDB restarted in %.1f s, "
                "MariaDB in %.1f s; whole test %.1f s", started, mongo_restart, mariadb_restart,
                e2e_now() - t0);
}

/* ------------------------------------------------------------------ */
/* 4: every MongoDB option                                             */

/* Does document {_id: id} of db.coll have `field`? -1: no document. */
static int doc_has_field(struct e2e *E, const char *db, const char *coll, int32_t id,
                         const char *field)
{
    mongoc_collection_t *c = mongoc_client_get_collection(E->mc, db, coll);
    bson_t filter;
    bson_init(&filter);
    BSON_APPEND_INT32(&filter, "_id", id);
    mongoc_cursor_t *cur = mongoc_collection_find_with_opts(c, &filter, NULL, NULL);
    const bson_t *doc;
    int has = -1;
    if (mongoc_cursor_next(cur, &doc)) {
        bson_iter_t it;
        has = bson_iter_init_find(&it, doc, field) ? 1 : 0;
    }
    bson_error_t e;
    cr_assert(!mongoc_cursor_error(cur, &e), "reading %s.%s: %s", db, coll, e.message);
    mongoc_cursor_destroy(cur);
    bson_destroy(&filter);
    mongoc_collection_destroy(c);
    return has;
}

/* Another writer: {$set: {field: value}} on every document of db.coll. */
static void other_writer_sets(struct e2e *E, const char *db, const char *coll,
                              const char *field, const char *value)
{
    mongoc_collection_t *c = mongoc_client_get_collection(E->mc, db, coll);
    bson_t filter, update, set;
    bson_init(&filter);
    bson_init(&update);
    bson_append_document_begin(&update, "$set", 4, &set);
    BSON_APPEND_UTF8(&set, field, value);
    bson_append_document_end(&update, &set);
    bson_error_t e;
    cr_assert(mongoc_collection_update_many(c, &filter, &update, NULL, NULL, &e),
              "updateMany on %s.%s: %s", db, coll, e.message);
    bson_destroy(&filter);
    bson_destroy(&update);
    mongoc_collection_destroy(c);
}

static bool *keep_mask(const struct e2e_table *t, const char *const *list, bool include)
{
    bool *keep = calloc(t->ncols, sizeof *keep);
    cr_assert(keep);
    for (size_t c = 0; c < t->ncols; c++) {
        bool listed = false;
        for (size_t i = 0; list[i]; i++)
            listed |= strcasecmp(list[i], t->cols[c].name) == 0;
        keep[c] = include ? listed : !listed;
    }
    return keep;
}

static void compare_table_with(struct e2e *E, const char *table, const struct mcmp *mc,
                               struct e2e_report *rep, struct mstats *st)
{
    struct e2e_table t;
    e2e_table_load(E->m, E->db, table, &t);
    compare_collection(E, &t, mc, rep, st);
    e2e_table_free(&t);
}

Test(bridge_mongo, every_mongo_option)
{
    struct e2e *E = &E_;
    e2e_begin(E, "mopt", NULL);
    /* the checkpoint in the URL's database */
    char ckdb[64];
    snprintf(ckdb, sizeof ckdb, "bbck_%d", (int)getpid());
    size_t ul = strlen(E->srv.mongo_url);
    bool url_db = ul && E->srv.mongo_url[ul - 1] == '/' && !strchr(E->srv.mongo_url, '?') &&
                  ul + strlen(ckdb) < sizeof E->srv.mongo_url;
    if (url_db)
        strcat(E->srv.mongo_url, ckdb);
    else
        cr_log_info("mopt: %s names a database or options: the checkpoint stays there",
                    E->srv.mongo_url);
    e2e_mongo_begin(E, true);
    if (url_db) {
        cr_assert_str_eq(E->mongo_ckpt_db, ckdb);
        e2e_mongo_track_db(E, ckdb);
    }
    char optdb[160];
    snprintf(optdb, sizeof optdb, "%.63s_opt", E->db);
    e2e_mongo_track_db(E, optdb);
    char rules[4096];
    snprintf(rules, sizeof rules,
             "mongo = { oversize = \"stop\"; };\n"
             "rules = (\n"
             "  { match = \"%1$.63s.t_all\";\n"
             "    mongo = ( { database = \"{schema}_opt\"; collection = \"all_{table}\";\n"
             "                exclude_columns = [ \"bl\", \"tx\" ];\n"
             "                renames = ( (\"id\", \"row_id\"), (\"i\", \"int_col\"), (\"js\", \"doc\") );\n"
             "                dates = \"string\"; },\n"
             "              { collection = \"{table}_narrow\"; include_columns = [ \"id\", \"vc\", \"dtm\" ]; } ); },\n"
             "  { match = \"%1$.63s.t_comp\"; mongo = { renames = ( (\"a\", \"alpha\") ); update = \"set\"; }; },\n"
             "  { match = \"%1$.63s.t_keyless\"; key_columns = [ \"b\", \"a\" ]; mongo = {}; },\n"
             "  { match = \"%1$.63s.t_setm\";\n"
             "    mongo = ( { update = \"set\"; }, { collection = \"t_setm_replace\"; } ); }\n"
             ");\n", E->db);
    e2e_write_usual_config(E, "tests/e2e/test_bridge_mongo.c", rules);
    e2e_establish_checkpoint(E);
    struct workload *W = &W_;
    wl_init(W, E, E->m, E->seed);
    struct more M;
    more_init(&M, E, E->m, W->log);
    e2e_sql(E->m, "CREATE TABLE t_uniq (code VARCHAR(20) NOT NULL, v INT, UNIQUE KEY (code))");
    e2e_sql(E->m, "CREATE TABLE t_nullu (code INT NULL, v INT, UNIQUE KEY (code))");
    e2e_sql(E->m, "CREATE TABLE t_keyless (a INT NOT NULL, b VARCHAR(10) NOT NULL, v INT)");
    e2e_sql(E->m, "CREATE TABLE t_setm (id INT PRIMARY KEY, a INT, b VARCHAR(20))");
    for (int i = 1; i <= 20; i++) {
        e2e_sql(E->m, "INSERT INTO t_uniq VALUES ('c%d', %d)", i, i);
        e2e_sql(E->m, "INSERT INTO t_nullu VALUES (%d, %d)", i, i);
        e2e_sql(E->m, "INSERT INTO t_keyless VALUES (%d, 'k%d', %d)", i % 5, i, i);
        e2e_sql(E->m, "INSERT INTO t_setm VALUES (%d, %d, 'v%d')", i, i, i);
    }
    wl_steps(W, 120);
    more_steps(&M, 40);
    wl_big(W, 300, true);
    e2e_bridge_to_end(E, 180);
    check_output_names(E, "t_nullu", "no UNIQUE key of NOT NULL columns");

    /* update = "set" keeps what another writer added; "replace" does not */
    other_writer_sets(E, E->db, "t_setm", "extra", "keep");
    other_writer_sets(E, E->db, "t_setm_replace", "extra", "keep");
    e2e_sql(E->m, "UPDATE t_setm SET a = a + 100 WHERE id <= 10");
    e2e_sql(E->m, "DELETE FROM t_setm WHERE id = 15");
    e2e_sql(E->m, "UPDATE t_setm SET id = 70 WHERE id = 20");
    e2e_sql(E->m, "UPDATE t_uniq SET code = 'moved', v = -1 WHERE code = 'c3'");
    e2e_sql(E->m, "DELETE FROM t_uniq WHERE code = 'c4'");
    e2e_sql(E->m, "UPDATE t_keyless SET b = 'kk' WHERE b = 'k7'");
    e2e_sql(E->m, "UPDATE t_keyless SET v = v * 10 WHERE a = 1");
    wl_steps(W, 80);
    more_steps(&M, 30);
    e2e_bridge_to_end(E, 180);
    for (int32_t id = 1; id <= 70; id++) {
        int want_set = id <= 19 && id != 15 ? 1 : id == 70 ? 0 : -1;
        int want_replace = id >= 11 && id <= 19 && id != 15 ? 1 : id <= 10 || id == 70 ? 0 : -1;
        int got_set = doc_has_field(E, E->db, "t_setm", id, "extra");
        int got_replace = doc_has_field(E, E->db, "t_setm_replace", id, "extra");
        cr_assert_eq(got_set, want_set, "t_setm (update = \"set\") _id %d: extra field %d, "
                     "expected %d (1 kept, 0 none, -1 no document)", id, got_set, want_set);
        cr_assert_eq(got_replace, want_replace, "t_setm_replace (update = \"replace\") _id %d: "
                     "extra field %d, expected %d", id, got_replace, want_replace);
    }

    /* every collection against its table */
    struct e2e_report rep;
    e2e_report_init(&rep, E->tag);
    struct mstats st = { 0 };
    struct e2e_table t;
    e2e_table_load(E->m, E->db, "t_all", &t);
    static const char *const excluded[] = { "bl", "tx", NULL };
    static const char *const narrow[] = { "id", "vc", "dtm", NULL };
    static const char *const all_renames[] = { "id", "row_id", "i", "int_col", "js", "doc", NULL };
    bool *keep_ex = keep_mask(&t, excluded, false), *keep_narrow = keep_mask(&t, narrow, true);
    struct mcmp opt = { .db = optdb, .coll = "all_t_all", .keep = keep_ex,
                        .renames = all_renames, .dates_as_strings = true };
    compare_collection(E, &t, &opt, &rep, &st);
    struct mcmp nar = { .coll = "t_all_narrow", .keep = keep_narrow };
    compare_collection(E, &t, &nar, &rep, &st);
    free(keep_ex);
    free(keep_narrow);
    e2e_table_free(&t);
    static const char *const comp_renames[] = { "a", "alpha", NULL };
    compare_table_with(E, "t_comp", &(struct mcmp){ .renames = comp_renames }, &rep, &st);
    static const char *const keyless_keys[] = { "b", "a", NULL };
    compare_table_with(E, "t_keyless", &(struct mcmp){ .key_cols = keyless_keys }, &rep, &st);
    static const char *const uniq_keys[] = { "code", NULL };
    compare_table_with(E, "t_uniq", &(struct mcmp){ .key_cols = uniq_keys }, &rep, &st);
    static const char *const extra[] = { "extra", NULL };
    compare_table_with(E, "t_setm", &(struct mcmp){ .extra_ok = extra }, &rep, &st);
    compare_table_with(E, "t_setm", &(struct mcmp){ .coll = "t_setm_replace", .extra_ok = extra },
                       &rep, &st);
    compare_default_table(E, "t_u", &rep, &st);
    compare_default_table(E, "t_lob", &rep, &st);
    compare_default_table(E, "t_more", &rep, &st);
    static const char *const allowed[] = { "t_all_narrow", "t_comp", "t_u", "t_lob", "t_more",
                                           "t_uniq", "t_keyless", "t_setm", "t_setm_replace",
                                           NULL };
    check_collections(E, E->db, allowed, allowed, &rep);
    static const char *const opt_allowed[] = { "all_t_all", NULL };
    check_collections(E, optdb, opt_allowed, opt_allowed, &rep);
    cr_log_info("mopt: %zu documents compared with %zu rows", st.docs, st.rows);
    mongo_report_check(&rep, E->seed);

    /* the checkpoint is in the URL's database, not in "binbridge" */
    check_checkpoint_is_the_servers(E);
    if (url_db) {
        mongoc_collection_t *c = mongoc_client_get_collection(E->mc, "binbridge", "binbridge");
        bson_t filter;
        bson_init(&filter);
        BSON_APPEND_UTF8(&filter, "_id", E->db);
        bson_error_t e;
        int64_t n = mongoc_collection_count_documents(c, &filter, NULL, NULL, NULL, &e);
        cr_assert_eq(n, 0, "a checkpoint %s in binbridge.binbridge too (%" PRId64 ")", E->db, n);
        bson_destroy(&filter);
        mongoc_collection_destroy(c);
    }
}

/* ------------------------------------------------------------------ */
/* 5: both sinks from one config: initial load, ALTER, kill -9          */

Test(bridge_mongo, both_sinks_from_one_config_initial_load_alter_and_kill)
{
    struct e2e *E = &E_;
    e2e_begin(E, "mboth", NULL);
    e2e_mongo_begin(E, false);
    /* rows written before the bridge ever ran: the initial load */
    struct workload *W = &W_;
    wl_init(W, E, E->m, E->seed);
    struct more M;
    more_init(&M, E, E->m, W->log);
    wl_steps(W, 120);
    more_steps(&M, 60);
    wl_big(W, 300, false);

    /* everything in one file: source, both sinks, checkpoint, replica id */
    E->config_only = true;
    e2e_write_config(E, "both.conf",
                     "# written by tests/e2e/test_bridge_mongo.c\n"
                     "source = { url = \"%s\"; server_id = %u; start = \"snapshot\"; heartbeat = 0.5; };\n"
                     "redis = { url = \"%s\"; };\n"
                     "mongo = { url = \"%s\"; };\n"
                     "checkpoint = \"%s\";\n"
                     "include_schemas = [ \"%s\" ];\n"
                     "batch = { bytes = 65536; delay_ms = 20; };\n"
                     "retry = { initial_ms = 50; max_ms = 500; };\n"
                     "progress_interval = 1;\n",
                     E->srv.mysql_url, E->server_id, E->srv.redis_url, E->mongo_url, E->db, E->db);
    e2e_bridge_start(E, NULL);
    wl_steps(W, 40);
    more_steps(&M, 20);
    e2e_assert_caught_up(E, 180);
    /* the initial load and what followed, in both */
    e2e_compare_default(E, NULL);
    compare_workload(E, true);

    /* ALTER TABLE while it runs: both sinks reload the table */
    wl_steps(W, 20);
    e2e_sql(E->m, "ALTER TABLE t_u ADD COLUMN w INT NOT NULL DEFAULT 5, "
                  "MODIFY v VARCHAR(250) CHARACTER SET utf8mb4");
    e2e_sql(E->m, "UPDATE t_u SET w = 6 WHERE id %% 3 = 0");
    wl_steps(W, 30);
    more_steps(&M, 10);
    e2e_assert_caught_up(E, 180);

    /* kill -9 inside a chunked transaction: both sinks resume exactly */
    wl_big(W, 300, true);
    struct e2e_checkpoint cp;
    if (!wait_chunk_checkpoint(E, 90, &cp))
        e2e_fail_with_bridge_output(E, "no chunk checkpoint seen during the large transaction");
    e2e_proc_kill(&E->bridge);
    struct e2e_checkpoint rcp;
    e2e_checkpoint_read(E->r, E->db, &rcp);
    cr_log_info("mboth: killed with MongoDB at %s:%llu+%llu, Redis at %s:%llu+%llu", cp.file,
                (unsigned long long)cp.pos, (unsigned long long)cp.rows_done, rcp.file,
                (unsigned long long)rcp.pos, (unsigned long long)rcp.rows_done);
    wl_steps(W, 30);
    more_steps(&M, 10);
    e2e_bridge_start(E, NULL);
    e2e_assert_caught_up(E, 180);
    e2e_stop_bridge(E, 10);
    e2e_compare_default(E, NULL);
    struct mstats st = compare_workload(E, true);
    check_coverage(&st, E->ferret);
    check_checkpoint_is_the_servers(E);
    e2e_checkpoint_read(E->r, E->db, &rcp);
    e2e_mongo_checkpoint_read(E, E->db, &cp);
    cr_assert(strcmp(rcp.file, cp.file) == 0 && rcp.pos == cp.pos,
              "after a clean stop the sinks' checkpoints differ: Redis %s:%llu, MongoDB %s:%llu",
              rcp.file, (unsigned long long)rcp.pos, cp.file, (unsigned long long)cp.pos);
}

/* ------------------------------------------------------------------ */
/* 6: documents over 16 MB: stop, or skip and log                      */

Test(bridge_mongo, oversized_document_stops_or_is_skipped)
{
    struct e2e *E = &E_;
    e2e_begin(E, "mbig", NULL);
    e2e_mongo_begin(E, true);
    e2e_write_usual_config(E, "tests/e2e/test_bridge_mongo.c", "mongo = { oversize = \"stop\"; };\n");
    e2e_establish_checkpoint(E);
    e2e_sql(E->m, "CREATE TABLE t_big (id INT PRIMARY KEY, b LONGBLOB)");
    e2e_sql(E->m, "INSERT INTO t_big VALUES (1, 'small')");
    struct e2e_checkpoint before;
    e2e_bridge_to_end(E, 60);
    e2e_mongo_checkpoint_read(E, E->db, &before);
    /* 17,000,000 bytes: a document over 16 MiB (16,777,216) */
    e2e_sql(E->m, "INSERT INTO t_big VALUES (2, REPEAT('x', 17000000))");
    e2e_sql(E->m, "INSERT INTO t_big VALUES (3, 'after')");

    /* stop: a one-line error naming the table and the _id; nothing after
     * it applied, the checkpoint before its transaction */
    const char *const stop_at_end[] = { "--stop-at-end", NULL };
    e2e_bridge_start(E, stop_at_end);
    bool done = e2e_proc_wait(&E->bridge, 120);
    if (!done)
        e2e_proc_kill(&E->bridge);
    cr_assert(done, "the bridge did not stop at the oversized row:\n%s",
              e2e_tail(E->bridge.out_path, 3000));
    cr_assert_eq(E->bridge.status, 1, "exit %d, not 1:\n%s", E->bridge.status,
                 e2e_tail(E->bridge.out_path, 3000));
    check_output_names(E, "t_big", "16777216");
    char *out = e2e_proc_output(&E->bridge);
    cr_assert(strstr(out, ".t_big ({ \"_id\" : 2 })"),
              "the error does not name the row (_id 2):\n%s", out);
    free(out);
    struct e2e_checkpoint cp;
    e2e_mongo_checkpoint_read(E, E->db, &cp);
    cr_assert(strcmp(cp.file, before.file) == 0 && cp.pos == before.pos && cp.rows_done == 0,
              "the checkpoint moved past the oversized row: %s:%llu+%llu, was %s:%llu", cp.file,
              (unsigned long long)cp.pos, (unsigned long long)cp.rows_done, before.file,
              (unsigned long long)before.pos);
    cr_assert_eq(doc_has_field(E, E->db, "t_big", 1, "b"), 1);
    cr_assert_eq(doc_has_field(E, E->db, "t_big", 2, "b"), -1);
    cr_assert_eq(doc_has_field(E, E->db, "t_big", 3, "b"), -1, "a row after the stop was applied");

    /* skip: logged, left out, and everything after it applied */
    e2e_write_usual_config(E, "tests/e2e/test_bridge_mongo.c", "mongo = { oversize = \"skip\"; };\n");
    e2e_bridge_to_end(E, 120);
    check_output_names(E, "t_big", "skipped");
    cr_assert_eq(doc_has_field(E, E->db, "t_big", 2, "b"), -1, "the oversized row was written");
    cr_assert_eq(doc_has_field(E, E->db, "t_big", 3, "b"), 1, "the row after it is missing");
    check_checkpoint_is_the_servers(E);
}

/* ------------------------------------------------------------------ */
/* Names MongoDB cannot hold                                            */

/* The document of db.coll matching the filter (canonical extended JSON),
 * or NULL; the caller destroys it. */
static bson_t *find_doc(struct e2e *E, const char *db, const char *coll, const char *filter_json)
{
    bson_error_t e;
    bson_t *filter = bson_new_from_json((const uint8_t *)filter_json, -1, &e);
    cr_assert(filter, "bad filter %s: %s", filter_json, e.message);
    mongoc_collection_t *c = mongoc_client_get_collection(E->mc, db, coll);
    mongoc_cursor_t *cur = mongoc_collection_find_with_opts(c, filter, NULL, NULL);
    const bson_t *doc;
    bson_t *out = NULL;
    if (mongoc_cursor_next(cur, &doc))
        out = bson_copy(doc);
    cr_assert(!mongoc_cursor_error(cur, &e), "reading %s.%s: %s", db, coll, e.message);
    mongoc_cursor_destroy(cur);
    mongoc_collection_destroy(c);
    bson_destroy(filter);
    return out;
}

/* The document of db.coll with _id id_json holds exactly these fields (any
 * order: FerretDB returns them sorted), the first one given the value
 * want_json (canonical extended JSON of {field: value}) when not NULL. */
static void expect_doc(struct e2e *E, const char *db, const char *coll, const char *id_json,
                       const char *const *fields, const char *field, const char *want_json)
{
    char filter[512];
    snprintf(filter, sizeof filter, "{\"_id\": %s}", id_json);
    bson_t *d = find_doc(E, db, coll, filter);
    cr_assert(d, "no document with _id %s in %s.%s", id_json, db, coll);
    char *all = bson_as_canonical_extended_json(d, NULL);
    size_t n = 0;
    bson_iter_t it;
    for (; fields[n]; n++)
        cr_assert(bson_iter_init_find(&it, d, fields[n]), "%s.%s: no field \"%s\" in %s", db,
                  coll, fields[n], all);
    cr_assert_eq(bson_count_keys(d), n, "%s.%s: %u fields, want %zu: %s", db, coll,
                 bson_count_keys(d), n, all);
    if (field) {
        bson_t got;
        bson_init(&got);
        cr_assert(bson_iter_init_find(&it, d, field) && bson_append_iter(&got, field, -1, &it));
        char *g = bson_as_canonical_extended_json(&got, NULL);
        cr_assert_str_eq(g, want_json, "%s.%s: in %s", db, coll, all);
        bson_free(g);
        bson_destroy(&got);
    }
    bson_free(all);
    bson_destroy(d);
}

static int64_t count_in(struct e2e *E, const char *db, const char *coll)
{
    mongoc_collection_t *c = mongoc_client_get_collection(E->mc, db, coll);
    bson_t filter;
    bson_init(&filter);
    bson_error_t e;
    int64_t n = mongoc_collection_count_documents(c, &filter, NULL, NULL, NULL, &e);
    cr_assert(n >= 0, "counting %s.%s: %s", db, coll, e.message);
    bson_destroy(&filter);
    mongoc_collection_destroy(c);
    return n;
}

/* How many lines of the last bridge's output hold both a and b. */
static unsigned lines_with(struct e2e *E, const char *a, const char *b)
{
    char *out = e2e_proc_output(&E->bridge);
    unsigned n = 0;
    for (char *line = strtok(out, "\n"); line; line = strtok(NULL, "\n"))
        n += strstr(line, a) && strstr(line, b);
    free(out);
    return n;
}

/* MySQL names MongoDB cannot hold: a table order$items, columns a.b, $x,
 * %y and _id (not the key), a composite key of such columns, a schema
 * with a '.', a schema differing from another only in case, JSON keys
 * with '.' and '$'. Before, the first row stopped the bridge with exit 2,
 * and again at every restart. Now each name is escaped by the README's
 * rule or its table is left out with one warning, and the other tables
 * are mirrored, run after run. */
Test(bridge_mongo, names_mongodb_cannot_hold_are_escaped_or_left_out)
{
    struct e2e *E = &E_;
    e2e_begin(E, "mnames", NULL);
    e2e_mongo_begin(E, true);
    char dotted[80], cased[80], dotted_db[80], dotted_table[80], cased_table[80];
    snprintf(dotted, sizeof dotted, "%.60s.d", E->db);
    snprintf(dotted_db, sizeof dotted_db, "%.60s%%2Ed", E->db);
    snprintf(dotted_table, sizeof dotted_table, "%.60s.d.t", E->db);
    snprintf(cased, sizeof cased, "B%.60s", E->db + 1);     /* bbe_... -> Bbe_... */
    snprintf(cased_table, sizeof cased_table, "B%.60s.t", E->db + 1);
    e2e_mongo_track_db(E, dotted_db);
    e2e_mongo_track_db(E, cased);
    snprintf(extra_schemas[0], sizeof extra_schemas[0], "%s", dotted);
    snprintf(extra_schemas[1], sizeof extra_schemas[1], "%s", cased);
    e2e_sql(E->m, "DROP DATABASE IF EXISTS `%s`", dotted);
    e2e_sql(E->m, "DROP DATABASE IF EXISTS `%s`", cased);
    /* "<db>.*" covers the schema "<db>.d" too: '*' matches dots. */
    e2e_write_config(E, "bridge.conf",
                     "# written by tests/e2e/test_bridge_mongo.c\n"
                     "include_tables = [ \"%s.*\", \"%s.*\" ];\n"
                     "source = { heartbeat = 0.5; };\n"
                     "batch = { bytes = 65536; delay_ms = 20; };\n"
                     "retry = { initial_ms = 50; max_ms = 500; };\n"
                     "progress_interval = 1;\n", E->db, cased);
    e2e_establish_checkpoint(E);
    e2e_sql(E->m, "CREATE TABLE `order$items` (id INT PRIMARY KEY, `a.b` INT, `$x` VARCHAR(10), "
            "`%%y` INT, `_id` INT, `x$` INT)");
    e2e_sql(E->m, "CREATE TABLE pair (`$a` INT, `b.c` INT, v INT, PRIMARY KEY (`$a`, `b.c`))");
    e2e_sql(E->m, "CREATE TABLE plain (id INT PRIMARY KEY, j JSON)");
    e2e_sql(E->m, "CREATE DATABASE `%s`", dotted);
    e2e_sql(E->m, "CREATE TABLE `%s`.t (id INT PRIMARY KEY, v INT)", dotted);
    e2e_sql(E->m, "CREATE DATABASE `%s`", cased);
    e2e_sql(E->m, "CREATE TABLE `%s`.t (id INT PRIMARY KEY, v INT)", cased);
    e2e_sql(E->m, "INSERT INTO `order$items` VALUES (1, 2, 'three', 4, 5, 6), "
            "(2, 20, 'x', 40, 50, 60)");
    e2e_sql(E->m, "INSERT INTO pair VALUES (1, 2, 3)");
    e2e_sql(E->m, "INSERT INTO plain VALUES (1, '{\"k.1\": 1, \"$k\": 2}')");
    e2e_sql(E->m, "INSERT INTO `%s`.t VALUES (1, 1)", dotted);
    e2e_sql(E->m, "INSERT INTO `%s`.t VALUES (1, 1)", cased);
    e2e_sql(E->m, "INSERT INTO plain VALUES (2, '{\"a\": {\"b\": 1}}')");
    e2e_bridge_to_end(E, 90);

    static const char *const item_fields[] = { "_id", "id", "a%2Eb", "%24x", "%25y", "%5Fid",
                                               "x$", NULL };
    expect_doc(E, E->db, "order%24items", "1", item_fields, "a%2Eb",
               "{ \"a%2Eb\" : { \"$numberInt\" : \"2\" } }");
    expect_doc(E, E->db, "order%24items", "2", item_fields, "%24x", "{ \"%24x\" : \"x\" }");
    expect_doc(E, E->db, "pair", "{\"%24a\": 1, \"b%2Ec\": 2}",
               (const char *const[]){ "_id", "%24a", "b%2Ec", "v", NULL }, NULL, NULL);
    /* JSON with keys MongoDB cannot hold as paths: its text, on every server */
    static const char *const plain_fields[] = { "_id", "id", "j", NULL };
    expect_doc(E, E->db, "plain", "1", plain_fields, "j",
               "{ \"j\" : \"{\\\"k.1\\\": 1, \\\"$k\\\": 2}\" }");
    expect_doc(E, E->db, "plain", "2", plain_fields, "j",
               "{ \"j\" : { \"a\" : { \"b\" : { \"$numberInt\" : \"1\" } } } }");
    cr_assert_eq(lines_with(E, "order$items", "order%24items"), 1,
                 "the escaped names are not logged once:\n%s", e2e_tail(E->bridge.out_path, 3000));
    /* The schema with a '.': database <db>%2Ed on MongoDB; FerretDB 1.x
     * takes no '%' in a database name, so there it is left out. */
    if (E->ferret) {
        cr_assert_eq(lines_with(E, dotted_table, "is not mirrored"), 1,
                     "no one warning for %s:\n%s", dotted_table,
                     e2e_tail(E->bridge.out_path, 3000));
    } else {
        expect_doc(E, dotted_db, "t", "1", (const char *const[]){ "_id", "id", "v", NULL }, NULL,
                   NULL);
    }
    /* The schema differing only in case from <db>, which came first. */
    cr_assert_eq(count_in(E, cased, "t"), 0);
    cr_assert_eq(lines_with(E, cased_table, "differs only in case"), 1,
                 "no one warning for %s:\n%s", cased_table, e2e_tail(E->bridge.out_path, 3000));

    /* Again: a restart goes on (the case clash now comes from the server's
     * list of databases), updates and deletes find the escaped names. */
    e2e_sql(E->m, "UPDATE `order$items` SET `a.b` = 21, `$x` = 'y' WHERE id = 1");
    e2e_sql(E->m, "DELETE FROM `order$items` WHERE id = 2");
    e2e_sql(E->m, "UPDATE pair SET v = 4");
    e2e_sql(E->m, "TRUNCATE TABLE `%s`.t", dotted);
    e2e_sql(E->m, "INSERT INTO `%s`.t VALUES (2, 2)", cased);
    e2e_sql(E->m, "INSERT INTO plain VALUES (3, '[1]')");
    e2e_bridge_to_end(E, 90);
    expect_doc(E, E->db, "order%24items", "1", item_fields, "a%2Eb",
               "{ \"a%2Eb\" : { \"$numberInt\" : \"21\" } }");
    cr_assert_eq(count_in(E, E->db, "order%24items"), 1, "the deleted row is still there");
    expect_doc(E, E->db, "pair", "{\"%24a\": 1, \"b%2Ec\": 2}",
               (const char *const[]){ "_id", "%24a", "b%2Ec", "v", NULL }, "v",
               "{ \"v\" : { \"$numberInt\" : \"4\" } }");
    expect_doc(E, E->db, "plain", "3", plain_fields, NULL, NULL);
    if (!E->ferret)
        cr_assert_eq(count_in(E, dotted_db, "t"), 0, "TRUNCATE left rows in %s.t", dotted_db);
    cr_assert_eq(count_in(E, cased, "t"), 0);
    cr_assert_eq(lines_with(E, cased_table, "differs only in case"), 1,
                 "no one warning for %s:\n%s", cased_table, e2e_tail(E->bridge.out_path, 3000));
    check_checkpoint_is_the_servers(E);
}

/* A unique index on field `field` of E->db.coll (a target's own index, as
 * another user of the collection might add), or its removal. */
static void unique_index(struct e2e *E, const char *coll, const char *field, bool create)
{
    mongoc_database_t *d = mongoc_client_get_database(E->mc, E->db);
    char name[64];
    snprintf(name, sizeof name, "%s_1", field);
    bson_t cmd, key, idx, arr, reply;
    bson_init(&cmd);
    if (create) {
        BSON_APPEND_UTF8(&cmd, "createIndexes", coll);
        bson_append_array_begin(&cmd, "indexes", -1, &arr);
        bson_append_document_begin(&arr, "0", 1, &idx);
        bson_append_document_begin(&idx, "key", 3, &key);
        BSON_APPEND_INT32(&key, field, 1);
        bson_append_document_end(&idx, &key);
        BSON_APPEND_UTF8(&idx, "name", name);
        BSON_APPEND_BOOL(&idx, "unique", true);
        bson_append_document_end(&arr, &idx);
        bson_append_array_end(&cmd, &arr);
    } else {
        BSON_APPEND_UTF8(&cmd, "dropIndexes", coll);
        BSON_APPEND_UTF8(&cmd, "index", name);
    }
    bson_error_t e;
    cr_assert(mongoc_database_command_simple(d, &cmd, NULL, &reply, &e), "%s %s.%s: %s",
              create ? "createIndexes" : "dropIndexes", E->db, coll, e.message);
    bson_destroy(&reply);
    bson_destroy(&cmd);
    mongoc_database_destroy(d);
}

/* The time of day (s) of the first log line of `out` holding `text`
 * ("2026-11-26T17:04:37.563Z WARN ..."); -1 when none does. */
static double logged_at(const char *out, const char *text)
{
    const char *hit = strstr(out, text);
    if (!hit)
        return -1;
    const char *line = hit;
    while (line > out && line[-1] != '\n')
        line--;
    unsigned h, m, sec, ms;
    if (sscanf(line, "%*10cT%2u:%2u:%2u.%3uZ", &h, &m, &sec, &ms) != 4)
        return -1;
    return h * 3600.0 + m * 60.0 + sec + ms / 1000.0;
}

/* Whether the bridge's output so far holds `text`. */
static bool output_has(struct e2e *E, const char *text)
{
    char *out = e2e_proc_output(&E->bridge);
    bool has = out && strstr(out, text);
    free(out);
    return has;
}

/* An upsert refused for a duplicate key is retried (two writers of one _id
 * at once, e.g. a killed predecessor's request still running: FerretDB
 * and MongoDB before 4.2 refuse the second), a bounded number of times:
 * a unique index besides _id that the rows break stops the bridge with
 * the row named, nothing after it applied. Here the unique index is the
 * cause both times; the first time it stays, the second it is dropped
 * while the bridge is retrying, and the bridge goes on. */
/* Does a MariaDB GTID position ("0-1-42,1-2-7") include GTID "d-s-n"? */
static bool gtid_covers(const char *position, const char *gtid)
{
    unsigned d, s;
    unsigned long long n;
    cr_assert(sscanf(gtid, "%u-%u-%llu", &d, &s, &n) == 3, "not a MariaDB GTID: '%s'", gtid);
    for (const char *p = position; p && *p; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL) {
        unsigned pd, ps;
        unsigned long long pn;
        if (sscanf(p, "%u-%u-%llu", &pd, &ps, &pn) == 3 && pd == d)
            return pn >= n;
    }
    return false;
}

Test(bridge_mongo, duplicate_key_is_retried_then_reported)
{
    struct e2e *E = &E_;
    e2e_begin(E, "mdup", NULL);
    e2e_mongo_begin(E, true);
    e2e_write_usual_config(E, "tests/e2e/test_bridge_mongo.c", NULL);
    e2e_establish_checkpoint(E);
    e2e_sql(E->m, "CREATE TABLE t_dup (id INT PRIMARY KEY, v INT)");
    e2e_sql(E->m, "INSERT INTO t_dup VALUES (1, 1)");
    e2e_bridge_to_end(E, 60);
    struct e2e_checkpoint before;
    e2e_mongo_checkpoint_read(E, E->db, &before);
    unique_index(E, "t_dup", "v", true);
    e2e_sql(E->m, "INSERT INTO t_dup VALUES (2, 1)");
    /* The refused transaction's GTID: the checkpoint may pass other
     * tests' transactions (the suite runs two at once), never this one. */
    char *refused_gtid = e2e_sql_value(E->m, "SELECT @@last_gtid");
    e2e_sql(E->m, "INSERT INTO t_dup VALUES (3, 3)");

    /* The duplicate stays: five retries, then exit 1 naming the row. */
    const char *const stop_at_end[] = { "--stop-at-end", NULL };
    e2e_bridge_start(E, stop_at_end);
    bool done = e2e_proc_wait(&E->bridge, 120);
    if (!done)
        e2e_proc_kill(&E->bridge);
    cr_assert(done, "the bridge did not stop at the lasting duplicate:\n%s",
              e2e_tail(E->bridge.out_path, 3000));
    cr_assert_eq(E->bridge.status, 1, "exit %d, not 1:\n%s", E->bridge.status,
                 e2e_tail(E->bridge.out_path, 3000));
    char *out = e2e_proc_output(&E->bridge);
    for (unsigned i = 1; i <= 5; i++) {
        char retry[32];
        snprintf(retry, sizeof retry, "(retry %u of 5)", i);
        cr_assert(strstr(out, retry), "no %s in:\n%s", retry, out);
    }
    cr_assert(!strstr(out, "(retry 6 of"), "more than 5 retries:\n%s", out);
    /* with backoff: retry = { initial_ms = 50; max_ms = 500; } waits 50,
     * 100, 200 and 400 ms between the first and the fifth (not 50 each:
     * every retry reconnects, which must not restart the backoff) */
    double first = logged_at(out, "(retry 1 of 5)"), fifth = logged_at(out, "(retry 5 of 5)");
    cr_assert(first >= 0 && fifth >= 0, "no time on the retry lines:\n%s", out);
    if (fifth < first)
        fifth += 86400;   /* past midnight */
    cr_assert_geq(fifth - first, 0.749, "retries 1 to 5 took %.3f s, under the 0.75 s of "
                  "backoff:\n%s", fifth - first, out);
    cr_assert(strstr(out, "still refused after 5 retries") && strstr(out, "unique index") &&
              strstr(out, ".t_dup: ") && strstr(out, "{ \"_id\" : 2 }"),
              "the error does not say the row and the likely cause:\n%s", out);
    free(out);
    struct e2e_checkpoint cp;
    e2e_mongo_checkpoint_read(E, E->db, &cp);
    cr_assert(e2e_position_compare(cp.file, cp.pos, before.file, before.pos) >= 0 &&
              cp.rows_done == 0 && !gtid_covers(cp.gtid, refused_gtid),
              "the checkpoint moved past the refused row (GTID %s): %s:%llu+%llu gtid %s, was "
              "%s:%llu", refused_gtid, cp.file, (unsigned long long)cp.pos,
              (unsigned long long)cp.rows_done, cp.gtid, before.file,
              (unsigned long long)before.pos);
    free(refused_gtid);
    cr_assert_eq(doc_has_field(E, E->db, "t_dup", 2, "v"), -1, "the refused row was written");
    cr_assert_eq(doc_has_field(E, E->db, "t_dup", 3, "v"), -1, "a row after the stop was applied");

    /* The duplicate goes away while the bridge retries: it carries on.
     * Retries 3 s apart leave 15 s to drop the index once the first is
     * logged. */
    e2e_write_config(E, "bridge.conf",
                     "include_schemas = [ \"%s\" ];\n"
                     "retry = { initial_ms = 3000; max_ms = 3000; };\n", E->db);
    e2e_bridge_start(E, stop_at_end);
    double until = e2e_now() + 60;
    while (!output_has(E, "(retry 1 of 5)") && e2e_proc_running(&E->bridge) &&
           e2e_now() < until)
        e2e_sleep_ms(20);
    cr_assert(output_has(E, "(retry 1 of 5)"), "the bridge did not retry:\n%s",
              e2e_tail(E->bridge.out_path, 3000));
    unique_index(E, "t_dup", "v", false);
    done = e2e_proc_wait(&E->bridge, 120);
    if (!done)
        e2e_proc_kill(&E->bridge);
    cr_assert(done && E->bridge.status == 0, "the bridge did not go on once the index was "
              "dropped (exit %d):\n%s", E->bridge.status, e2e_tail(E->bridge.out_path, 3000));
    cr_assert(!output_has(E, "still refused"), "%s", e2e_tail(E->bridge.out_path, 3000));
    struct e2e_report rep;
    e2e_report_init(&rep, E->tag);
    struct mstats st = { 0 };
    compare_default_table(E, "t_dup", &rep, &st);
    mongo_report_check(&rep, E->seed);
    cr_assert_eq(st.docs, 3u, "%zu documents, not 3", st.docs);
    check_checkpoint_is_the_servers(E);
}

/* ------------------------------------------------------------------ */
/* 6b: XA transactions are applied at their commit                     */

/* Runs before the suite's .fini, which drops the databases. */
static void mxa_fini(void)
{
    e2e_xa_cleanup(&E_);
}

/* Does the MongoDB checkpoint list the pending XA transactions? */
static void expect_pending(struct e2e *E, const char *const *names, bool listed)
{
    struct e2e_checkpoint cp;
    e2e_mongo_checkpoint_read(E, E->db, &cp);
    for (const char *const *n = names; *n; n++) {
        char x[200];
        e2e_xa_xid(E, *n, x, sizeof x);
        cr_assert_eq(strstr(cp.xa_pending, x) != NULL, listed,
                     "the MongoDB checkpoint's xa_pending '%s' %s %s", cp.xa_pending,
                     listed ? "does not list" : "still lists", x);
    }
}

/* An XA transaction rolled back, one committed, one committed in one
 * phase, then (a bridge running) three prepared with other transactions
 * committing between, the bridge killed (kill -9) once they are read and
 * checkpointed, one of them rolled back and two committed while it is
 * down, one of those large enough for chunks, and the restarted bridge
 * killed again in the middle of its chunks: the documents are the
 * table's, no more. */
Test(bridge_mongo, xa_rollback_commit_one_phase_and_kill_9_match_select, .fini = mxa_fini)
{
    struct e2e *E = &E_;
    e2e_begin(E, "mxa", NULL);
    e2e_mongo_begin(E, true);
    e2e_write_usual_config(E, "tests/e2e/test_bridge_mongo.c", NULL);
    e2e_establish_checkpoint(E);
    MYSQL *m = E->m, *mx = e2e_xa_connect(E), *ml = e2e_xa_connect(E), *mr = e2e_xa_connect(E),
          *mb = e2e_xa_connect(E);
    e2e_sql(m, "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(40), pad VARCHAR(1000))");
    e2e_sql(m, "INSERT INTO t VALUES (1, 'keep', NULL), (2, 'two', NULL)");
    e2e_xa_prepare(E, mx, "r", "INSERT INTO t VALUES (3, 'phantom', NULL);"
                   "UPDATE t SET v = 'changed' WHERE id = 1;DELETE FROM t WHERE id = 2");
    e2e_sql(mx, "XA ROLLBACK '%s-r'", E->db);
    e2e_xa_prepare(E, mx, "c", "INSERT INTO t VALUES (4, 'four', NULL);"
                   "UPDATE t SET v = 'second' WHERE id = 2");
    e2e_sql(mx, "XA COMMIT '%s-c'", E->db);
    e2e_sql(mx, "XA START '%s-o'", E->db);
    e2e_sql(mx, "INSERT INTO t VALUES (5, 'five', NULL)");
    e2e_sql(mx, "DELETE FROM t WHERE id = 4");
    e2e_sql(mx, "XA END '%s-o'", E->db);
    e2e_sql(mx, "XA COMMIT '%s-o' ONE PHASE", E->db);

    e2e_bridge_start(E, NULL);
    e2e_xa_prepare(E, ml, "l", "INSERT INTO t VALUES (6, 'late', NULL);"
                   "UPDATE t SET v = 'late' WHERE id = 1");
    e2e_sql(m, "INSERT INTO t VALUES (7, 'between', NULL)");
    e2e_xa_prepare(E, mr, "r2", "UPDATE t SET v = 'phantom' WHERE id = 7;"
                   "INSERT INTO t VALUES (8, 'phantom', NULL)");
    /* 300 rows of 1 KB: several 64 KB chunks */
    e2e_xa_prepare(E, mb, "big", "INSERT INTO t SELECT 1000 + seq, 'big', REPEAT('p', 1000) "
                   "FROM seq_1_to_300;UPDATE t SET v = 'big too' WHERE id = 5");
    e2e_sql(m, "UPDATE t SET v = 'between' WHERE id = 2");
    e2e_assert_caught_up(E, 120);
    cr_assert_eq(doc_has_field(E, E->db, "t", 6, "v"), -1,
                 "a row of a prepared XA transaction is in MongoDB before its commit");
    cr_assert_eq(doc_has_field(E, E->db, "t", 1001, "v"), -1,
                 "a row of a prepared XA transaction is in MongoDB before its commit");
    const char *const prepared[] = { "l", "r2", "big", NULL };
    expect_pending(E, prepared, true);
    if (!e2e_proc_running(&E->bridge))
        e2e_fail_with_bridge_output(E, "the bridge exited by itself before the kill");
    e2e_proc_kill(&E->bridge);

    e2e_sql(ml, "XA COMMIT '%s-l'", E->db);
    e2e_sql(mr, "XA ROLLBACK '%s-r2'", E->db);
    e2e_sql(mb, "XA COMMIT '%s-big'", E->db);
    e2e_sql(m, "INSERT INTO t VALUES (9, 'after', NULL)");
    e2e_bridge_start(E, NULL);
    struct e2e_checkpoint cp;
    if (!wait_chunk_checkpoint(E, 120, &cp))
        cr_log_warn("mxa: no chunk checkpoint seen while the large XA transaction was applied");
    if (!e2e_proc_running(&E->bridge))
        e2e_fail_with_bridge_output(E, "the bridge exited by itself during the XA COMMITs");
    e2e_proc_kill(&E->bridge);
    e2e_mongo_checkpoint_read(E, E->db, &cp);
    cr_log_info("mxa: killed at %s:%llu+%llu rows", cp.file, (unsigned long long)cp.pos,
                (unsigned long long)cp.rows_done);
    e2e_bridge_to_end(E, 240);
    expect_pending(E, prepared, false);

    struct e2e_report rep;
    e2e_report_init(&rep, E->tag);
    struct mstats st = { 0 };
    compare_default_table(E, "t", &rep, &st);
    const char *const allowed[] = { "t", NULL };
    check_collections(E, E->db, allowed, NULL, &rep);
    mongo_report_check(&rep, E->seed);
    cr_assert_eq(st.docs, 306u, "%zu documents, not 306", st.docs);
}

/* ------------------------------------------------------------------ */
/* 7: bad MongoDB settings                                             */

Test(bridge_mongo, bad_mongo_settings_exit_2_naming_file_and_line)
{
    struct e2e *E = &E_;
    e2e_begin(E, "mbadcfg", NULL);
    unsigned closed = e2e_free_port();
    char source[128], mongo[128];
    snprintf(source, sizeof source, "mysql://bbrepl:bbrepl@127.0.0.1:%u", closed);
    snprintf(mongo, sizeof mongo, "mongodb://127.0.0.1:%u", closed);
    static const struct {
        int line;
        const char *text;
    } cases[] = {
        { 2, "include_schemas = [ \"x\" ];\nrules = ( { match = \"a.b\"; mongo = { update = \"merge\"; }; } );\n" },
        { 1, "mongo = { oversize = \"drop\"; };\n" },
        { 3, "# collection names cannot hold '$'\n\nrules = ( { match = \"a.b\"; mongo = { collection = \"x$y\"; }; } );\n" },
        { 1, "rules = ( { match = \"a.b\"; mongo = { database = \"a.b\"; }; } );\n" },
        { 1, "rules = ( { match = \"a.b\"; mongo = { renames = ( (\"v\", \"a.b\") ); }; } );\n" },
        { 2, "rules = ( { match = \"a.b\";\n  mongo = { dates = \"text\"; }; } );\n" },
        { 1, "mongo = { url = \"http://127.0.0.1:27017\"; };\n" },
        { 1, "rules = ( { match = \"a.b\"; mongo = ( { collection = \"c\"; }, { collection = \"c\"; } ); } );\n" },
    };
    const char *const args[] = { "--source", source, "--mongo", mongo, "--stop-at-end", NULL };
    /* the URL case gives no --mongo: the file's URL is the one checked */
    const char *const url_args[] = { "--source", source, "--stop-at-end", NULL };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        e2e_expect_config_error(E, i, cases[i].text, cases[i].line,
                                strstr(cases[i].text, "url =") ? url_args : args);
    /* --mongo with a bad URL: exit 2 before connecting anywhere */
    const char *argv[] = { "run", "--source", source, "--mongo", "mongo://127.0.0.1", NULL };
    char *out;
    int rc = e2e_run_cmd(E, argv, 20, &out);
    char line[1024];
    cr_assert_eq(rc, 2, "--mongo mongo://...: exit %d, not 2:\n%s", rc, out);
    cr_assert_eq(e2e_output_lines(out, line, sizeof line), 1u, "not one line:\n%s", out);
    cr_assert(strstr(out, "mongodb://"), "the message does not say what a URL looks like:\n%s",
              out);
    free(out);
}

/* ------------------------------------------------------------------ */
/* 8: the comparison itself finds every kind of difference              */

/* The first document of db.coll (in _id order, an int32 _id other than
 * those of nots, ended by -1) whose `field` has BSON type `type` and passes `ok` (NULL:
 * any); its _id and the value, or -1. */
static int32_t find_doc_with(struct e2e *E, const char *coll, const char *field, bson_type_t type,
                             bool (*ok)(const bson_value_t *), const int32_t *nots,
                             bson_value_t *value)
{
    mongoc_collection_t *c = mongoc_client_get_collection(E->mc, E->db, coll);
    bson_t filter, opts, sort;
    bson_init(&filter);
    bson_init(&opts);
    bson_append_document_begin(&opts, "sort", 4, &sort);
    BSON_APPEND_INT32(&sort, "_id", 1);
    bson_append_document_end(&opts, &sort);
    mongoc_cursor_t *cur = mongoc_collection_find_with_opts(c, &filter, &opts, NULL);
    const bson_t *doc;
    int32_t found = -1;
    while (found < 0 && mongoc_cursor_next(cur, &doc)) {
        bson_iter_t it, id;
        if (!bson_iter_init_find(&id, doc, "_id") || !BSON_ITER_HOLDS_INT32(&id))
            continue;
        int32_t v = bson_iter_int32(&id);
        bool excluded = false;
        for (size_t k = 0; nots && nots[k] >= 0; k++)
            excluded |= nots[k] == v;
        if (excluded)
            continue;
        if (bson_iter_init_find(&it, doc, field) && bson_iter_type(&it) == type &&
            (!ok || ok(bson_iter_value(&it)))) {
            found = v;
            bson_value_copy(bson_iter_value(&it), value);
        }
    }
    mongoc_cursor_destroy(cur);
    bson_destroy(&filter);
    bson_destroy(&opts);
    mongoc_collection_destroy(c);
    return found;
}

/* A FLOAT whose float, as a double, is not its shortest text (3.14 is
 * 3.140000104904175). */
static bool inexact_float(const bson_value_t *v)
{
    return (double)(float)v->value.v_double != v->value.v_double;
}

/* db.t_all: {_id: id} gets update (an update document). */
static void tamper(struct e2e *E, int32_t id, bson_t *update)
{
    mongoc_collection_t *c = mongoc_client_get_collection(E->mc, E->db, "t_all");
    bson_t sel;
    bson_init(&sel);
    BSON_APPEND_INT32(&sel, "_id", id);
    bson_error_t e;
    cr_assert(mongoc_collection_update_one(c, &sel, update, NULL, NULL, &e), "tamper %d: %s",
              id, e.message);
    bson_destroy(&sel);
    bson_destroy(update);
    mongoc_collection_destroy(c);
}

Test(bridge_mongo, comparison_detects_every_kind_of_difference)
{
    struct e2e *E = &E_;
    e2e_begin(E, "mself", NULL);
    e2e_mongo_begin(E, true);
    e2e_write_usual_config(E, "tests/e2e/test_bridge_mongo.c", NULL);
    e2e_establish_checkpoint(E);
    struct workload *W = &W_;
    wl_init(W, E, E->m, E->seed);
    while (W->keys[WL_ALL].n < 40)
        wl_steps(W, 10);
    e2e_bridge_to_end(E, 120);
    struct e2e_report rep;
    e2e_report_init(&rep, E->tag);
    struct mstats st = { 0 };
    compare_default_table(E, "t_all", &rep, &st);
    cr_assert_eq(rep.count, 0u, "the bridge's documents differ before tampering:\n%s", rep.text);

    unsigned expect = 0;
    bson_value_t v;
    /* the same number as another BSON type: int32 -> int64 */
    int32_t a = find_doc_with(E, "t_all", "si", BSON_TYPE_INT32, NULL, NULL, &v);
    cr_assert_geq(a, 0, "no document with an int32 si");
    tamper(E, a, BCON_NEW("$set", "{", "si", BCON_INT64(v.value.v_int32), "}"));
    bson_value_destroy(&v);
    expect++;
    /* a date as its text */
    int32_t b = find_doc_with(E, "t_all", "dt", BSON_TYPE_DATE_TIME, NULL, (int32_t[]){ a, -1 }, &v);
    cr_assert_geq(b, 0, "no document with a date");
    tamper(E, b, BCON_NEW("$set", "{", "dt", BCON_UTF8("2020-01-01"), "}"));
    bson_value_destroy(&v);
    expect++;
    /* a FLOAT with the digits of its float's exact value */
    int32_t c = find_doc_with(E, "t_all", "flt", BSON_TYPE_DOUBLE, inexact_float,
                              (int32_t[]){ a, b, -1 }, &v);
    cr_assert_geq(c, 0, "no document with an inexact FLOAT");
    tamper(E, c, BCON_NEW("$set", "{", "flt", BCON_DOUBLE((double)(float)v.value.v_double), "}"));
    bson_value_destroy(&v);
    expect++;
    /* a wrong string, a missing field, an extra field (one document) */
    tamper(E, a, BCON_NEW("$set", "{", "vc", BCON_UTF8("tampered\x01"), "nosuch", BCON_INT32(1),
                          "}", "$unset", "{", "ti", BCON_UTF8(""), "}"));
    expect += 3;
    /* a missing document, a document of no row */
    mongoc_collection_t *coll = mongoc_client_get_collection(E->mc, E->db, "t_all");
    int32_t d = find_doc_with(E, "t_all", "id", BSON_TYPE_INT32, NULL,
                              (int32_t[]){ a, b, c, -1 }, &v);
    cr_assert_geq(d, 0, "no fourth document");
    bson_value_destroy(&v);
    bson_t *sel = BCON_NEW("_id", BCON_INT32(d));
    bson_error_t e;
    cr_assert(mongoc_collection_delete_one(coll, sel, NULL, NULL, &e), "%s", e.message);
    bson_destroy(sel);
    expect++;
    bson_t *doc = BCON_NEW("_id", BCON_INT32(2000000000), "id", BCON_INT32(2000000000));
    cr_assert(mongoc_collection_insert_one(coll, doc, NULL, NULL, &e), "%s", e.message);
    bson_destroy(doc);
    expect++;
    mongoc_collection_destroy(coll);

    e2e_report_init(&rep, E->tag);
    compare_default_table(E, "t_all", &rep, &st);
    cr_log_info("mself: the comparison found:\n%s", rep.text ? rep.text : "(nothing)");
    cr_assert_eq(rep.count, expect, "%u differences found, %u made:\n%s", rep.count, expect,
                 rep.text ? rep.text : "");
    free(rep.text);
}

/* ------------------------------------------------------------------ */
/* Over TLS: a FerretDB of the test's own serving TLS with the throwaway
 * CA of scripts/test-ca.sh and requiring a client certificate; bridges
 * and the test's own client connect with libmongoc's URL options
 * (tls=true, tlsCAFile, tlsCertificateKeyFile).                        */

static struct tls_ferretdb TF_;

static void bridge_mongo_tls_fini(void)
{
    bridge_mongo_fini();
    socket_server_stop(&TF_.s);
}

TestSuite(bridge_mongo_tls, .fini = bridge_mongo_tls_fini);

/* E->mongo_url, for the TLS FerretDB with the CA file `ca` (in the CA
 * directory) and the client certificate. */
static void tls_mongo_url(struct e2e *E, char *url, size_t size, const char *ca)
{
    int n = snprintf(url, size, "mongodb://localhost:%u/?tls=true&tlsCAFile=%s/%s&"
                     "tlsCertificateKeyFile=%s", TF_.tls_port, test_ca_dir(), ca, TF_.client_pem);
    cr_assert_lt((size_t)n, size);
    (void)E;
}

/* The shared MariaDB and the TLS FerretDB, read by the test over TLS too. */
static void tls_begin(struct e2e *E, const char *tag)
{
    if (!tls_ferretdb_start(&TF_, "server", true))
        cr_skip_test("no FerretDB binary (scripts/deps.sh builds it)");
    struct e2e_servers srv;
    e2e_servers_from_env(&srv);
    tls_mongo_url(E, srv.mongo_url, sizeof srv.mongo_url, "ca.pem");
    e2e_begin(E, tag, &srv);
    e2e_mongo_begin(E, true);
    e2e_write_usual_config(E, "tests/e2e/test_bridge_mongo.c", NULL);
}

/* The random workload over every column type, replicated over TLS by a
 * bridge following the source and, after it is stopped, by one that
 * catches up: every document equals a fresh SELECT. */
Test(bridge_mongo_tls, random_workload_over_tls_matches_select_across_a_restart)
{
    struct e2e *E = &E_;
    tls_begin(E, "mtls");
    e2e_establish_checkpoint(E);
    struct workload *W = &W_;
    wl_init(W, E, E->m, E->seed);
    struct more M;
    more_init(&M, E, E->m, W->log);

    e2e_bridge_start(E, NULL);
    wl_steps(W, 100);
    more_steps(&M, 80);
    wl_big(W, 300, true);
    e2e_assert_caught_up(E, 120);
    e2e_stop_bridge(E, 10);
    char want[300];
    snprintf(want, sizeof want, "MongoDB at localhost:%u: over TLS (tls_verify=full, tlsCAFile %s/"
             "ca.pem, client certificate %s)", TF_.tls_port, test_ca_dir(), TF_.client_pem);
    check_output_names(E, want, "INFO");

    wl_steps(W, 80);
    more_steps(&M, 60);
    e2e_bridge_to_end(E, 180);
    struct mstats st = compare_workload(E, true);
    cr_assert_gt(st.docs, 100u, "only %zu documents: the workload wrote too little", st.docs);
    check_checkpoint_is_the_servers(E);
}

/* A CA that did not sign the server's certificate: `status` exits 1 with
 * one line naming the server and why; `run` takes it as a MongoDB that
 * cannot be reached for now (a certificate may be renewed): it says why
 * once, retries, and SIGTERM ends it with exit 0. */
Test(bridge_mongo_tls, a_wrong_ca_is_one_line_status_exits_1_and_run_waits)
{
    struct e2e *E = &E_;
    tls_begin(E, "mtlsca");
    tls_mongo_url(E, E->mongo_url, sizeof E->mongo_url, "wrong-ca.pem");
    char why[600];
    snprintf(why, sizeof why, "cannot reach MongoDB at localhost:%u: TLS: the server's "
             "certificate (/CN=localhost) is not signed by a CA of tlsCAFile %s/wrong-ca.pem "
             "(unable to get local issuer certificate)", TF_.tls_port, test_ca_dir());

    const char *status[] = { "status", "--config", E->config, "--source", E->srv.mysql_url,
                             "--mongo", E->mongo_url, "--checkpoint", E->db, NULL };
    char *out;
    int rc = e2e_run_cmd(E, status, 60, &out);
    cr_assert_eq(rc, 1, "status exited %d:\n%s", rc, out);
    char first[1024];
    size_t lines = e2e_output_lines(out, first, sizeof first);
    cr_assert_eq(lines, 1, "one line, got %zu:\n%s", lines, out);
    cr_assert(strstr(first, why), "%s\nwant: %s", first, why);
    free(out);

    e2e_bridge_start(E, NULL);
    double until = e2e_now() + 60;
    bool seen = false;
    do {
        e2e_sleep_ms(200);
        seen = lines_with(E, why, "") > 0;
    } while (!seen && e2e_now() < until && e2e_proc_running(&E->bridge));
    cr_assert(e2e_proc_running(&E->bridge), "run exited with a wrong CA:\n%s",
              e2e_tail(E->bridge.out_path, 3000));
    e2e_sleep_ms(1500); /* retries (retry.max_ms = 500) */
    e2e_stop_bridge(E, 10);
    cr_assert(seen, "run never said why:\n%s", e2e_tail(E->bridge.out_path, 3000));
    cr_assert_eq(lines_with(E, "is not signed by a CA of tlsCAFile", ""), 1,
                 "the reason once, not at every retry:\n%s", e2e_tail(E->bridge.out_path, 3000));
}

/* Mistakes in the TLS settings or files: exit 2 with one line naming
 * them, before anything connects. */
Test(bridge_mongo_tls, tls_usage_errors_exit_2_naming_them)
{
    struct e2e *E = &E_;
    tls_begin(E, "mtlsuse");
    char no_ca[600], no_key[600], plain[200];
    snprintf(no_ca, sizeof no_ca, "mongodb://localhost:%u/?tls=true&tlsCAFile=/nonexistent/"
             "ca.pem", TF_.tls_port);
    snprintf(no_key, sizeof no_key, "mongodb://localhost:%u/?tls=true&tlsCAFile=%s/ca.pem&"
             "tlsCertificateKeyFile=%s/client-cert.pem", TF_.tls_port, test_ca_dir(),
             test_ca_dir());
    snprintf(plain, sizeof plain, "mongodb://127.0.0.1:%u/", TF_.plain_port);
    const struct { const char *url, *env, *want; } cases[] = {
        { no_ca, NULL, "TLS: cannot read tlsCAFile /nonexistent/ca.pem: No such file or "
                       "directory" },
        { no_key, NULL, "client-cert.pem holds no private key (PEM): libmongoc takes the client "
                        "certificate and its key in one file" },
        { plain, "BINBRIDGE_MONGO_TLS_VERIFY", "mongo.tls_verify is set but the MongoDB URL "
                                               "does not turn TLS on (tls=true does)" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const char *run[] = { "run", "--config", E->config, "--source", E->srv.mysql_url,
                              "--mongo", cases[i].url, "--checkpoint", E->db, "--stop-at-end",
                              NULL };
        if (cases[i].env)
            setenv(cases[i].env, "none", 1);
        char *out;
        int rc = e2e_run_cmd(E, run, 60, &out);
        if (cases[i].env)
            unsetenv(cases[i].env);
        cr_expect_eq(rc, 2, "case %zu exited %d:\n%s", i, rc, out);
        char first[1024];
        size_t lines = e2e_output_lines(out, first, sizeof first);
        cr_expect_eq(lines, 1, "case %zu: one line, got %zu:\n%s", i, lines, out);
        cr_expect(strstr(first, cases[i].want), "case %zu: %s\nwant: %s", i, first,
                  cases[i].want);
        free(out);
    }
}

/* ------------------------------------------------------------------ */
/* Failover: both sinks follow the promoted replica                     */

/* A private MariaDB primary and its GTID replica (tests/failover): the
 * bridge, given both, feeds Redis and MongoDB from the primary while the
 * workload runs; the primary is killed -9 between statements (once the
 * replica has received everything), the replica promoted, the workload
 * goes on there. Both sinks must equal a fresh SELECT of the new primary
 * (tests/failover/test_failover.c has the hard cases). */
Test(bridge_mongo, failover_to_a_promoted_replica_both_sinks_match_select)
{
    struct e2e *E = &E_;
    struct fo_pair *p = &pair_;
    fo_pair_start(p, "mongo");
    e2e_begin(E, "mfo", &p->srv[0]);
    e2e_mongo_begin(E, false);
    e2e_write_usual_config(E, "tests/e2e/test_bridge_mongo.c", NULL);
    e2e_establish_checkpoint(E);
    struct workload *W = &W_;
    wl_init(W, E, E->m, E->seed);
    char sources[600];
    snprintf(sources, sizeof sources, "%.250s,%.250s", p->srv[0].mysql_url, p->srv[1].mysql_url);
    const char *const extra[] = { "--source", sources, NULL };
    e2e_bridge_start(E, extra);
    wl_steps(W, 80);
    wl_big(W, 400, true);
    wl_steps(W, 20);
    fo_wait_replica_received(p, E->m);
    fo_pair_do(p, "kill-primary");
    fo_pair_do(p, "promote");
    fo_follow_replica(p, E, W);
    wl_steps(W, 80);
    e2e_assert_caught_up(E, 180);
    e2e_stop_bridge(E, 30);
    char *out = e2e_proc_output(&E->bridge);
    cr_expect_eq(fo_count_lines(out, "switched source: following 127.0.0.1:"), 1u, "%s", out);
    free(out);
    e2e_compare_default(E, NULL);
    compare_workload(E, false);
    struct e2e_checkpoint rcp, mcp;
    e2e_checkpoint_read(E->r, E->db, &rcp);
    e2e_mongo_checkpoint_read(E, E->db, &mcp);
    char *pos = e2e_sql_value(E->m, "SELECT @@gtid_binlog_pos");
    cr_assert(pos && strstr(pos, "0-2-"), "the new primary wrote nothing: %s", pos);
    cr_expect_str_eq(rcp.gtid, pos);
    cr_expect_str_eq(mcp.gtid, pos);
    free(pos);
}
