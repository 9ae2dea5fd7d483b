/* geojson.c - GEOMETRY values (SRID + WKB) as GeoJSON objects. */
#include "sinks/mongo/mongo_internal.h"

#include <math.h>
#include <string.h>

#include "base/cursor.h"
#include "base/error.h"

/* Nested geometry collections deeper than this are written as BinData. */
#define GEO_MAX_DEPTH 32

/* ---- GEOMETRY -> GeoJSON ----
 * The value is a 4-byte little-endian SRID, then WKB: a byte order byte
 * (0 big-endian, 1 little-endian), a 4-byte type (1 Point, 2 LineString,
 * 3 Polygon, 4 MultiPoint, 5 MultiLineString, 6 MultiPolygon,
 * 7 GeometryCollection), then for a point two doubles, for a line a 4-byte
 * count of points, for a polygon a count of rings each a count of points,
 * and for the multi types and collections a count of complete WKB
 * geometries. Anything else (Z/M types, trailing bytes, non-finite
 * coordinates) is not GeoJSON. */

struct geo {
    struct cursor c;
    bool be;
    bool ok;
};

static uint32_t geo_u32(struct geo *g)
{
    if (!cursor_need(&g->c, 4)) {
        g->ok = false;
        return 0;
    }
    const uint8_t *p = cursor_bytes(&g->c, 4);
    return g->be ? (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]
                 : (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

static double geo_f64(struct geo *g)
{
    if (!cursor_need(&g->c, 8)) {
        g->ok = false;
        return 0;
    }
    const uint8_t *p = cursor_bytes(&g->c, 8);
    uint64_t u = 0;
    for (int i = 0; i < 8; i++)
        u = u << 8 | p[g->be ? i : 7 - i];
    double d;
    memcpy(&d, &u, 8);
    if (!isfinite(d))
        g->ok = false;
    return d;
}

/* A byte order and type; false when invalid. */
static bool geo_header(struct geo *g, uint32_t *type)
{
    if (!cursor_need(&g->c, 5))
        return g->ok = false;
    uint8_t order = cursor_u8(&g->c);
    if (order > 1)
        return g->ok = false;
    g->be = order == 0;
    *type = geo_u32(g);
    return g->ok && *type >= 1 && *type <= 7;
}

/* A count of items at least min_bytes each: no more than the bytes left. */
static uint32_t geo_count(struct geo *g, size_t min_bytes)
{
    uint32_t n = geo_u32(g);
    if (g->ok && (size_t)n > cursor_left(&g->c) / min_bytes)
        g->ok = false;
    return g->ok ? n : 0;
}

static void geo_point(struct geo *g, bson_t *arr, const char *key, size_t keylen)
{
    bson_t pt;
    double x = geo_f64(g), y = geo_f64(g);
    if (!g->ok || !bson_append_array_begin(arr, key, (int)keylen, &pt)) {
        g->ok = false;
        return;
    }
    bson_append_double(&pt, "0", 1, x);
    bson_append_double(&pt, "1", 1, y);
    bson_append_array_end(arr, &pt);
}

static void geo_points(struct geo *g, bson_t *parent, const char *key, size_t keylen)
{
    uint32_t n = geo_count(g, 16);
    bson_t arr;
    if (!g->ok || !bson_append_array_begin(parent, key, (int)keylen, &arr)) {
        g->ok = false;
        return;
    }
    for (uint32_t i = 0; i < n && g->ok; i++) {
        char ibuf[16];
        const char *k;
        size_t kl = bson_uint32_to_string(i, &k, ibuf, sizeof ibuf);
        geo_point(g, &arr, k, kl);
    }
    bson_append_array_end(parent, &arr);
}

static void geo_rings(struct geo *g, bson_t *parent, const char *key, size_t keylen)
{
    uint32_t n = geo_count(g, 4);
    bson_t arr;
    if (!g->ok || !bson_append_array_begin(parent, key, (int)keylen, &arr)) {
        g->ok = false;
        return;
    }
    for (uint32_t i = 0; i < n && g->ok; i++) {
        char ibuf[16];
        const char *k;
        size_t kl = bson_uint32_to_string(i, &k, ibuf, sizeof ibuf);
        geo_points(g, &arr, k, kl);
    }
    bson_append_array_end(parent, &arr);
}

static const char *const geo_names[8] = {
    NULL, "Point", "LineString", "Polygon", "MultiPoint", "MultiLineString", "MultiPolygon",
    "GeometryCollection",
};

/* One WKB geometry as a GeoJSON object under key. */
static void geo_object(struct geo *g, bson_t *parent, const char *key, size_t keylen, int depth)
{
    uint32_t type;
    bson_t obj, arr;
    if (depth > GEO_MAX_DEPTH || !geo_header(g, &type) ||
        !bson_append_document_begin(parent, key, (int)keylen, &obj)) {
        g->ok = false;
        return;
    }
    bson_append_utf8(&obj, "type", 4, geo_names[type], -1);
    switch (type) {
    case 1: geo_point(g, &obj, "coordinates", 11); break;
    case 2: geo_points(g, &obj, "coordinates", 11); break;
    case 3: geo_rings(g, &obj, "coordinates", 11); break;
    case 4: case 5: case 6: case 7: {
        /* Members are whole WKB geometries of the one type (any type in a
         * collection); a multi type lists their coordinates only. */
        uint32_t n = geo_count(g, 9);
        uint32_t want = type == 7 ? 0 : type - 3;
        if (!g->ok || !bson_append_array_begin(&obj, type == 7 ? "geometries" : "coordinates",
                                               -1, &arr)) {
            g->ok = false;
            break;
        }
        for (uint32_t i = 0; i < n && g->ok; i++) {
            char ibuf[16];
            const char *k;
            size_t kl = bson_uint32_to_string(i, &k, ibuf, sizeof ibuf);
            if (type == 7) {
                geo_object(g, &arr, k, kl, depth + 1);
                continue;
            }
            uint32_t mt;
            if (!geo_header(g, &mt) || mt != want) {
                g->ok = false;
                break;
            }
            if (mt == 1)
                geo_point(g, &arr, k, kl);
            else if (mt == 2)
                geo_points(g, &arr, k, kl);
            else
                geo_rings(g, &arr, k, kl);
        }
        bson_append_array_end(&obj, &arr);
        break;
    }
    }
    bson_append_document_end(parent, &obj);
}

/* Does the geometry need arrays inside arrays (all but a Point and a
 * collection of Points)? */
static bool geo_nests_arrays(const uint8_t *wkb, size_t n)
{
    if (n < 5)
        return true;
    uint32_t type = wkb[0] ? (uint32_t)wkb[1] | (uint32_t)wkb[2] << 8 | (uint32_t)wkb[3] << 16 |
                                 (uint32_t)wkb[4] << 24
                           : (uint32_t)wkb[4] | (uint32_t)wkb[3] << 8 | (uint32_t)wkb[2] << 16 |
                                 (uint32_t)wkb[1] << 24;
    return type != 1;
}

int mongo_append_geometry(bson_t *doc, const char *key, size_t keylen, const struct bb_value *v,
                          const struct mongo_value_opts *o, struct bb_error *err)
{
    const uint8_t *p = v->v.str.p;
    size_t n = v->v.str.len;
    if (n >= 4) {
        uint32_t srid = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
                        (uint32_t)p[3] << 24;
        if ((srid == 0 || srid == 4326) && !(o->no_nested_arrays && geo_nests_arrays(p + 4, n - 4))) {
            bson_t tmp;
            bson_init(&tmp);
            struct geo g = { cursor_make(p + 4, n - 4), false, true };
            geo_object(&g, &tmp, "v", 1, 0);
            bool ok = g.ok && cursor_at_end(&g.c);
            bson_iter_t it;
            if (ok && bson_iter_init_find(&it, &tmp, "v")) {
                ok = bson_append_iter(doc, key, (int)keylen, &it);
                bson_destroy(&tmp);
                return mongo_set_appended(ok, err);
            }
            bson_destroy(&tmp);
        }
    }
    return mongo_set_appended(bson_append_binary(doc, key, (int)keylen, BSON_SUBTYPE_BINARY, p,
                                           (uint32_t)n), err);
}
