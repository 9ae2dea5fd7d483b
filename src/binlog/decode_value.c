/* decode_value.c - TABLE_MAP column metadata and row-image cells.
 *
 * Every layout below is the one the server writes with Field::pack() and
 * Field::save_field_metadata(); MySQL and MariaDB agree on all of them
 * except where a comment says otherwise. Multi-byte integers on the wire
 * are little-endian except inside DECIMAL and the packed temporal types
 * (TIME2, DATETIME2, TIMESTAMP2 and MariaDB's "hires" TIME/DATETIME/
 * TIMESTAMP), which are big-endian so that they sort as bytes.
 *
 * Values that cannot come from a server (month 13, minute 60, a DECIMAL
 * digit group above 999999999, a SET bit beyond the label count ...) are
 * BB_ERR_CORRUPT with a reason naming the column type; zero dates and zero
 * parts are valid values. */
#include "binlog/decode_value.h"

#include <math.h>
#include <string.h>
#include <zlib.h>

#include "base/error.h"
#include "base/format_number.h"

/* BB_TYPE_TYPED_ARRAY (MySQL 8 multi-valued index columns) and MariaDB's
 * BB_TYPE_*_COMPRESSED columns are named in binbridge.h. */

/* A compressed column value never inflates beyond this (the servers'
 * max_allowed_packet ceiling). */
#define DECOMPRESSED_MAX ((size_t)1 << 30)

/* Largest TIME the servers accept: 838:59:59 (MariaDB with a fraction). */
#define TIME_MAX_HOUR 838
#define TIME_MAX_SECONDS (838 * 3600 + 59 * 60 + 59)

static const uint32_t pow10_u32[10] = {
    1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000,
};

const char *column_type_name(uint8_t type)
{
    switch (type) {
    case MYSQL_TYPE_DECIMAL: return "DECIMAL(old)";
    case MYSQL_TYPE_TINY: return "TINY";
    case MYSQL_TYPE_SHORT: return "SHORT";
    case MYSQL_TYPE_LONG: return "LONG";
    case MYSQL_TYPE_FLOAT: return "FLOAT";
    case MYSQL_TYPE_DOUBLE: return "DOUBLE";
    case MYSQL_TYPE_NULL: return "NULL";
    case MYSQL_TYPE_TIMESTAMP: return "TIMESTAMP";
    case MYSQL_TYPE_LONGLONG: return "LONGLONG";
    case MYSQL_TYPE_INT24: return "INT24";
    case MYSQL_TYPE_DATE: return "DATE";
    case MYSQL_TYPE_TIME: return "TIME";
    case MYSQL_TYPE_DATETIME: return "DATETIME";
    case MYSQL_TYPE_YEAR: return "YEAR";
    case MYSQL_TYPE_NEWDATE: return "NEWDATE";
    case MYSQL_TYPE_VARCHAR: return "VARCHAR";
    case MYSQL_TYPE_BIT: return "BIT";
    case MYSQL_TYPE_TIMESTAMP2: return "TIMESTAMP2";
    case MYSQL_TYPE_DATETIME2: return "DATETIME2";
    case MYSQL_TYPE_TIME2: return "TIME2";
    case BB_TYPE_TYPED_ARRAY: return "TYPED_ARRAY";
    case BB_TYPE_BLOB_COMPRESSED: return "BLOB_COMPRESSED";
    case BB_TYPE_VARCHAR_COMPRESSED: return "VARCHAR_COMPRESSED";
    case BB_TYPE_VECTOR: return "VECTOR";
    case MYSQL_TYPE_JSON: return "JSON";
    case MYSQL_TYPE_NEWDECIMAL: return "NEWDECIMAL";
    case MYSQL_TYPE_ENUM: return "ENUM";
    case MYSQL_TYPE_SET: return "SET";
    case MYSQL_TYPE_TINY_BLOB: return "TINY_BLOB";
    case MYSQL_TYPE_MEDIUM_BLOB: return "MEDIUM_BLOB";
    case MYSQL_TYPE_LONG_BLOB: return "LONG_BLOB";
    case MYSQL_TYPE_BLOB: return "BLOB";
    case MYSQL_TYPE_VAR_STRING: return "VAR_STRING";
    case MYSQL_TYPE_STRING: return "STRING";
    case MYSQL_TYPE_GEOMETRY: return "GEOMETRY";
    default: return "UNKNOWN";
    }
}

/* ------------------------------------------------------------------ */
/* TABLE_MAP metadata                                                  */

/* Bytes of a DECIMAL digit group of n digits (n = 0..9). */
static const uint8_t dig2bytes[10] = { 0, 1, 1, 2, 2, 3, 3, 4, 4, 4 };

size_t decimal_bin_size(unsigned precision, unsigned scale)
{
    unsigned intg = precision - scale;
    return (intg / 9) * 4 + dig2bytes[intg % 9] + (scale / 9) * 4 + dig2bytes[scale % 9];
}

/* The metadata of a STRING column (2 bytes, first byte high):
 *   byte0  real type (STRING, ENUM or SET), except for CHAR columns longer
 *          than 255 bytes, where bits 4-5 hold the complement of bits 8-9 of
 *          the length: byte0 = real_type ^ ((len & 0x300) >> 4)
 *   byte1  ENUM/SET: pack length; STRING: length & 0xff
 * A byte0 whose bits 4-5 are not both set is the long-CHAR encoding (every
 * real type that can appear here, 0xfe/0xf7/0xf8, has them set). */
static int read_string_meta(struct bb_column *col, uint8_t b0, uint8_t b1, struct bb_error *err)
{
    uint8_t real = b0;
    uint32_t len = b1;

    if ((b0 & 0x30) != 0x30) {
        len |= (uint32_t)((b0 & 0x30) ^ 0x30) << 4;
        real = b0 | 0x30;
    }
    switch (real) {
    case MYSQL_TYPE_STRING:
        col->type = MYSQL_TYPE_STRING;
        col->max_length = len;
        col->length_bytes = len > 255 ? 2 : 1;
        return 0;
    case MYSQL_TYPE_ENUM:
        if (len != 1 && len != 2)
            return bb_error_set(err, BB_ERR_CORRUPT, "ENUM pack length %u (must be 1 or 2)",
                                (unsigned)len);
        col->type = MYSQL_TYPE_ENUM;
        col->max_length = len;
        return 0;
    case MYSQL_TYPE_SET:
        if (len < 1 || len > 8)
            return bb_error_set(err, BB_ERR_CORRUPT, "SET pack length %u (must be 1..8)",
                                (unsigned)len);
        col->type = MYSQL_TYPE_SET;
        col->max_length = len;
        return 0;
    default:
        return bb_error_set(err, BB_ERR_CORRUPT, "STRING column with real type %u in metadata",
                            (unsigned)real);
    }
}

static int read_meta(struct bb_column *col, uint8_t type, struct cursor *m, int depth,
                     struct bb_error *err)
{
    const char *name = column_type_name(type);
    size_t need;

    switch (type) {
    case MYSQL_TYPE_FLOAT: case MYSQL_TYPE_DOUBLE:
    case MYSQL_TYPE_BLOB: case MYSQL_TYPE_TINY_BLOB: case MYSQL_TYPE_MEDIUM_BLOB:
    case MYSQL_TYPE_LONG_BLOB: case MYSQL_TYPE_GEOMETRY: case MYSQL_TYPE_JSON:
    case BB_TYPE_VECTOR:
    case MYSQL_TYPE_TIMESTAMP2: case MYSQL_TYPE_DATETIME2: case MYSQL_TYPE_TIME2:
    case BB_TYPE_TYPED_ARRAY: case BB_TYPE_BLOB_COMPRESSED:
        need = 1;
        break;
    case MYSQL_TYPE_VARCHAR: case MYSQL_TYPE_VAR_STRING: case MYSQL_TYPE_NEWDECIMAL:
    case BB_TYPE_VARCHAR_COMPRESSED:
    case MYSQL_TYPE_BIT: case MYSQL_TYPE_STRING: case MYSQL_TYPE_ENUM: case MYSQL_TYPE_SET:
        need = 2;
        break;
    case MYSQL_TYPE_DECIMAL: case MYSQL_TYPE_TINY: case MYSQL_TYPE_SHORT: case MYSQL_TYPE_LONG:
    case MYSQL_TYPE_NULL: case MYSQL_TYPE_TIMESTAMP: case MYSQL_TYPE_LONGLONG:
    case MYSQL_TYPE_INT24: case MYSQL_TYPE_DATE: case MYSQL_TYPE_TIME: case MYSQL_TYPE_DATETIME:
    case MYSQL_TYPE_YEAR: case MYSQL_TYPE_NEWDATE:
        need = 0;
        break;
    default:
        return bb_error_set(err, BB_ERR_CORRUPT, "unknown column type %u", (unsigned)type);
    }
    if (cursor_left(m) < need)
        return bb_error_set(err, BB_ERR_CORRUPT, "metadata of %s column truncated (%zu of %zu bytes)",
                            name, cursor_left(m), need);

    col->type = type;
    col->meta = 0;
    switch (type) {
    case MYSQL_TYPE_FLOAT:
    case MYSQL_TYPE_DOUBLE: {
        /* 1 byte: the pack length, 4 or 8 */
        uint8_t size = cursor_u8(m);
        col->meta = size;
        if (size != (type == MYSQL_TYPE_FLOAT ? 4 : 8))
            return bb_error_set(err, BB_ERR_CORRUPT, "%s metadata size %u", name, (unsigned)size);
        return 0;
    }
    case MYSQL_TYPE_BLOB: case MYSQL_TYPE_TINY_BLOB: case MYSQL_TYPE_MEDIUM_BLOB:
    case MYSQL_TYPE_LONG_BLOB: case MYSQL_TYPE_GEOMETRY: case MYSQL_TYPE_JSON:
    case BB_TYPE_VECTOR: case BB_TYPE_BLOB_COMPRESSED: {
        /* 1 byte: bytes of the length prefix, 1..4 */
        uint8_t lb = cursor_u8(m);
        col->meta = lb;
        if (lb < 1 || lb > 4)
            return bb_error_set(err, BB_ERR_CORRUPT, "%s length bytes %u (must be 1..4)", name,
                                (unsigned)lb);
        col->length_bytes = lb;
        return 0;
    }
    case MYSQL_TYPE_TIMESTAMP2: case MYSQL_TYPE_DATETIME2: case MYSQL_TYPE_TIME2: {
        /* 1 byte: fractional-second precision 0..6 */
        uint8_t fsp = cursor_u8(m);
        col->meta = fsp;
        if (fsp > 6)
            return bb_error_set(err, BB_ERR_CORRUPT, "%s fractional precision %u (must be 0..6)",
                                name, (unsigned)fsp);
        col->fsp = fsp;
        return 0;
    }
    case BB_TYPE_TYPED_ARRAY: {
        /* 1 byte: the element type, then that type's own metadata */
        uint8_t inner = cursor_u8(m);
        if (depth > 0 || inner == BB_TYPE_TYPED_ARRAY)
            return bb_error_set(err, BB_ERR_CORRUPT, "TYPED_ARRAY of TYPED_ARRAY in metadata");
        int rc = read_meta(col, inner, m, depth + 1, err);
        if (rc < 0)
            return rc;
        col->type = BB_TYPE_TYPED_ARRAY;
        col->meta = inner;
        return 0;
    }
    case MYSQL_TYPE_VARCHAR: case MYSQL_TYPE_VAR_STRING: case BB_TYPE_VARCHAR_COMPRESSED: {
        /* 2 bytes LE: the maximum length in bytes (compressed VARCHAR:
         * plus one for the compression header) */
        uint16_t max = cursor_u16le(m);
        col->meta = max;
        col->max_length = max;
        col->length_bytes = max > 255 ? 2 : 1;
        return 0;
    }
    case MYSQL_TYPE_NEWDECIMAL: {
        /* 2 bytes: precision, scale */
        uint8_t p = cursor_u8(m), s = cursor_u8(m);
        col->meta = (uint16_t)(p << 8 | s);
        if (p < 1 || p > 65)
            return bb_error_set(err, BB_ERR_CORRUPT, "DECIMAL precision %u out of range 1..65",
                                (unsigned)p);
        if (s > 38 || s > p) /* MariaDB allows scale 38, MySQL 30 */
            return bb_error_set(err, BB_ERR_CORRUPT, "DECIMAL scale %u out of range for precision %u",
                                (unsigned)s, (unsigned)p);
        col->precision = p;
        col->scale = s;
        return 0;
    }
    case MYSQL_TYPE_BIT: {
        /* 2 bytes: bits % 8, whole bytes */
        uint8_t bits = cursor_u8(m), bytes = cursor_u8(m);
        col->meta = (uint16_t)(bytes << 8 | bits);
        uint32_t width = (uint32_t)bytes * 8 + bits;
        if (bits > 7 || width < 1 || width > 64)
            return bb_error_set(err, BB_ERR_CORRUPT, "BIT metadata %u bytes + %u bits (width 1..64)",
                                (unsigned)bytes, (unsigned)bits);
        col->max_length = width;
        return 0;
    }
    case MYSQL_TYPE_STRING: case MYSQL_TYPE_ENUM: case MYSQL_TYPE_SET: {
        uint8_t b0 = cursor_u8(m), b1 = cursor_u8(m);
        col->meta = (uint16_t)(b0 << 8 | b1);
        return read_string_meta(col, b0, b1, err);
    }
    default:
        return 0;
    }
}

int column_read_meta(struct bb_column *col, uint8_t type, struct cursor *m, struct bb_error *err)
{
    col->fsp = 0;
    col->precision = col->scale = 0;
    col->length_bytes = 0;
    col->max_length = 0;
    return read_meta(col, type, m, 0, err);
}

/* ------------------------------------------------------------------ */
/* Cells                                                               */

#define CELL_TRUNCATED(c, what, need)                                                      \
    bb_error_set(err, BB_ERR_CORRUPT, "%s cell truncated: needs %zu bytes, %zu left", what, \
                 (size_t)(need), cursor_left(c))

/* Read a little-endian length prefix of nbytes and the bytes it counts. */
static int read_counted(struct cursor *c, unsigned nbytes, uint8_t type, struct bb_value *out,
                        struct bb_error *err)
{
    if (cursor_left(c) < nbytes)
        return CELL_TRUNCATED(c, type == MYSQL_TYPE_STRING ? "CHAR" : column_type_name(type), nbytes);
    uint64_t len = cursor_uint_le(c, (int)nbytes);
    if (len > cursor_left(c))
        return bb_error_set(err, BB_ERR_CORRUPT, "%s length %llu exceeds %zu bytes left",
                            type == MYSQL_TYPE_STRING ? "CHAR" : column_type_name(type),
                            (unsigned long long)len, cursor_left(c));
    out->v.str.p = cursor_bytes(c, (size_t)len);
    out->v.str.len = (size_t)len;
    return 0;
}

static unsigned count_digits(uint32_t g)
{
    unsigned n = 1;
    while (g >= 10) {
        g /= 10;
        n++;
    }
    return n;
}

/* NEWDECIMAL: MySQL's decimal2bin(). The digits are split in groups of 9
 * decimal digits stored as 4-byte big-endian integers; the integer part's
 * leftmost group and the fraction's rightmost group may be shorter, stored
 * in dig2bytes[n] bytes. The first bit of the first byte is the sign (1 =
 * positive) and is flipped; a negative number has every byte inverted.
 *   [lead int group][int groups x4 bytes][frac groups x4 bytes][tail frac group]
 * Rendered with exactly `scale` digits after the point; a negative zero
 * (possible only in forged input) renders as zero without a sign, as
 * MySQL does. */
static inline int decimal_text(unsigned prec, unsigned scale, const uint8_t *bin, char *p,
                               struct bb_error *err)
{
    unsigned intg = prec - scale;
    unsigned intg0 = intg / 9, intg0x = intg % 9;
    unsigned frac0 = scale / 9, frac0x = scale % 9;

    /* Groups, most significant first, and their digit counts. */
    uint32_t groups[16];
    uint8_t ndig[16];
    unsigned ng = 0, nint;
    uint8_t mask = (bin[0] & 0x80) ? 0 : 0xff;
    size_t o = 0;
    bool nonzero = false;
#define TAKE(nd)                                                                      \
    do {                                                                              \
        unsigned nb_ = (nd) == 9 ? 4 : dig2bytes[(nd)];                               \
        uint32_t g_ = 0;                                                              \
        for (unsigned k_ = 0; k_ < nb_; k_++, o++)                                    \
            g_ = g_ << 8 | (uint8_t)((o == 0 ? bin[0] ^ 0x80 : bin[o]) ^ mask);       \
        if (g_ >= pow10_u32[(nd)])                                                    \
            return bb_error_set(err, BB_ERR_CORRUPT,                                  \
                                "DECIMAL(%u,%u) digit group %lu exceeds %u digits", prec, \
                                scale, (unsigned long)g_, (unsigned)(nd));            \
        nonzero |= g_ != 0;                                                           \
        groups[ng] = g_;                                                              \
        ndig[ng++] = (uint8_t)(nd);                                                   \
    } while (0)
    if (intg0x)
        TAKE(intg0x);
    for (unsigned i = 0; i < intg0; i++)
        TAKE(9);
    nint = ng;
    for (unsigned i = 0; i < frac0; i++)
        TAKE(9);
    if (frac0x)
        TAKE(frac0x);
#undef TAKE

    int n = 0;
    if (mask && nonzero)
        p[n++] = '-';
    unsigned gi = 0;
    while (gi < nint && groups[gi] == 0)
        gi++;
    if (gi == nint) {
        p[n++] = '0';
    } else {
        unsigned nd = count_digits(groups[gi]);
        format_fixed_digits(p + n, groups[gi], (int)nd);
        n += (int)nd;
        for (gi++; gi < nint; gi++) {
            format_fixed_digits(p + n, groups[gi], 9);
            n += 9;
        }
    }
    if (scale) {
        p[n++] = '.';
        for (gi = nint; gi < ng; gi++) {
            format_fixed_digits(p + n, groups[gi], ndig[gi]);
            n += ndig[gi];
        }
    }
    p[n] = '\0';
    return n;
}

int decimal_bin_to_text(unsigned prec, unsigned scale, const uint8_t *bin, char *p,
                        struct bb_error *err)
{
    return decimal_text(prec, scale, bin, p, err);
}

/* The text is written straight into the arena. */
static int decode_newdecimal(const struct bb_column *col, struct cursor *c, struct bb_arena *arena,
                             struct bb_value *out, struct bb_error *err)
{
    unsigned prec = col->precision, scale = col->scale;
    if (prec < 1 || prec > 65 || scale > 38 || scale > prec)
        return bb_error_set(err, BB_ERR_CORRUPT, "DECIMAL(%u,%u) has no valid metadata", prec, scale);
    size_t size = decimal_bin_size(prec, scale);
    if (cursor_left(c) < size)
        return CELL_TRUNCATED(c, "DECIMAL", size);
    const uint8_t *bin = cursor_bytes(c, size);
    char *p = bb_arena_alloc(arena, DECIMAL_TEXT_MAX(prec));
    if (!p)
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory rendering DECIMAL");
    int n = decimal_text(prec, scale, bin, p, err);   /* inlined: every DECIMAL cell */
    if (n < 0)
        return n;
    out->kind = BB_VALUE_DECIMAL;
    out->v.str.p = (const uint8_t *)p;
    out->v.str.len = (size_t)n;
    return 0;
}

static int check_time_parts(const char *what, const struct bb_time *t, struct bb_error *err)
{
    if (t->minute > 59 || t->second > 59)
        return bb_error_set(err, BB_ERR_CORRUPT, "%s time %02u:%02u:%02u out of range", what,
                            (unsigned)t->hour, (unsigned)t->minute, (unsigned)t->second);
    if (t->usec > 999999)
        return bb_error_set(err, BB_ERR_CORRUPT, "%s microseconds %u out of range", what,
                            (unsigned)t->usec);
    return 0;
}

static int check_date_parts(const char *what, const struct bb_time *t, struct bb_error *err)
{
    if (t->year > 9999 || t->month > 12 || t->day > 31)
        return bb_error_set(err, BB_ERR_CORRUPT, "%s date %u-%u-%u out of range", what,
                            (unsigned)t->year, (unsigned)t->month, (unsigned)t->day);
    if (t->hour > 23)
        return bb_error_set(err, BB_ERR_CORRUPT, "%s hour %u out of range", what,
                            (unsigned)t->hour);
    return check_time_parts(what, t, err);
}

/* Fractional seconds of TIME2/DATETIME2/TIMESTAMP2: (fsp + 1) / 2 bytes,
 * big-endian, holding the fraction in units of 10^-(2 * bytes) s:
 * fsp 1-2 one byte (x 10000 us), 3-4 two bytes (x 100 us), 5-6 three
 * bytes (us). Returns the raw value; callers check its range. */
static unsigned frac_bytes(unsigned fsp) { return (fsp + 1) / 2; }

/* Packed microseconds of TIME2 (MySQL's my_time_packed_from_binary):
 * 3 bytes big-endian unsigned: 0x800000 + signed integer part, where the
 * integer part is  hour << 12 | minute << 6 | second  (10 + 6 + 6 bits);
 * then frac_bytes(fsp) bytes. For fsp 5-6 the whole 6 bytes are one
 * big-endian integer offset by 0x800000000000 (int part << 24 | usec).
 * For fsp 1-4 the fraction of a negative value is stored as the
 * complement: the integer part is one less and the fraction counts up
 * from the next integer, so -00:00:00.5 (fsp 1) is 7f ff ff ce. */
static int decode_time2(const struct bb_column *col, struct cursor *c, struct bb_value *out,
                        struct bb_error *err)
{
    unsigned fsp = col->fsp;
    size_t size = 3 + frac_bytes(fsp);
    if (fsp > 6)
        return bb_error_set(err, BB_ERR_CORRUPT, "TIME2 fractional precision %u", fsp);
    if (cursor_left(c) < size)
        return CELL_TRUNCATED(c, "TIME2", size);

    int64_t packed; /* (int part << 24) + signed microseconds */
    if (fsp >= 5) {
        packed = (int64_t)cursor_uint_be(c, 6) - INT64_C(0x800000000000);
    } else {
        int64_t intpart = (int64_t)cursor_uint_be(c, 3) - 0x800000;
        int64_t frac = 0;
        if (fsp >= 3) {
            frac = (int64_t)cursor_uint_be(c, 2);
            if (intpart < 0 && frac) {
                intpart++;
                frac -= 0x10000;
            }
            frac *= 100;
        } else if (fsp >= 1) {
            frac = (int64_t)cursor_uint_be(c, 1);
            if (intpart < 0 && frac) {
                intpart++;
                frac -= 0x100;
            }
            frac *= 10000;
        }
        packed = intpart * (INT64_C(1) << 24) + frac;
    }

    struct bb_time *t = &out->v.tm;
    memset(t, 0, sizeof *t);
    uint64_t a = packed < 0 ? (uint64_t)0 - (uint64_t)packed : (uint64_t)packed;
    t->neg = packed < 0;
    uint64_t hms = a >> 24;
    t->usec = (uint32_t)(a & 0xffffff);
    t->hour = (uint32_t)(hms >> 12) & 0x3ff;
    t->minute = (uint8_t)((hms >> 6) & 63);
    t->second = (uint8_t)(hms & 63);
    if ((hms >> 22) != 0)
        return bb_error_set(err, BB_ERR_CORRUPT, "TIME2 value out of range");
    if (t->hour > TIME_MAX_HOUR)
        return bb_error_set(err, BB_ERR_CORRUPT, "TIME2 hour %u exceeds 838", (unsigned)t->hour);
    /* 838:59:59 with a fraction is a value MariaDB stores ('838:59:59.999999'). */
    if (check_time_parts("TIME2", t, err) < 0)
        return BB_ERR_CORRUPT;
    out->kind = BB_VALUE_TIME;
    return 0;
}

/* DATETIME2 (MySQL 5.6+, MariaDB 10.1.2+): 5 bytes big-endian unsigned:
 *   1 bit sign (1 = non-negative, the only valid case), 17 bits
 *   year * 13 + month, 5 bits day, 5 bits hour, 6 bits minute, 6 bits second
 * (i.e. value - 0x8000000000), then frac_bytes(fsp) bytes of fraction. */
static int decode_datetime2(const struct bb_column *col, struct cursor *c, struct bb_value *out,
                            struct bb_error *err)
{
    unsigned fsp = col->fsp;
    size_t size = 5 + frac_bytes(fsp);
    if (fsp > 6)
        return bb_error_set(err, BB_ERR_CORRUPT, "DATETIME2 fractional precision %u", fsp);
    if (cursor_left(c) < size)
        return CELL_TRUNCATED(c, "DATETIME2", size);
    uint64_t v = cursor_uint_be(c, 5);
    uint64_t frac = fsp ? cursor_uint_be(c, (int)frac_bytes(fsp)) : 0;
    if (!(v & UINT64_C(0x8000000000)))
        return bb_error_set(err, BB_ERR_CORRUPT, "DATETIME2 negative value");
    v -= UINT64_C(0x8000000000);

    struct bb_time *t = &out->v.tm;
    memset(t, 0, sizeof *t);
    uint64_t ymd = v >> 17, hms = v & 0x1ffff;
    uint64_t ym = ymd >> 5;
    t->day = (uint8_t)(ymd & 31);
    t->month = (uint8_t)(ym % 13);
    t->year = (uint32_t)(ym / 13);
    t->second = (uint8_t)(hms & 63);
    t->minute = (uint8_t)((hms >> 6) & 63);
    t->hour = (uint32_t)(hms >> 12);
    unsigned fb = frac_bytes(fsp);
    uint64_t fmax = fb == 1 ? 100 : fb == 2 ? 10000 : 1000000;
    if (fsp && frac >= fmax)
        return bb_error_set(err, BB_ERR_CORRUPT, "DATETIME2 fraction %llu out of range",
                            (unsigned long long)frac);
    t->usec = (uint32_t)(fb == 1 ? frac * 10000 : fb == 2 ? frac * 100 : frac);
    if (check_date_parts("DATETIME2", t, err) < 0)
        return BB_ERR_CORRUPT;
    out->kind = BB_VALUE_DATETIME;
    return 0;
}

/* TIMESTAMP2: 4 bytes big-endian seconds since the epoch (0 = the zero
 * timestamp), then frac_bytes(fsp) bytes big-endian fraction. */
static int decode_timestamp2(const struct bb_column *col, struct cursor *c, struct bb_value *out,
                             struct bb_error *err)
{
    unsigned fsp = col->fsp;
    unsigned fb = frac_bytes(fsp);
    size_t size = 4 + fb;
    if (fsp > 6)
        return bb_error_set(err, BB_ERR_CORRUPT, "TIMESTAMP2 fractional precision %u", fsp);
    if (cursor_left(c) < size)
        return CELL_TRUNCATED(c, "TIMESTAMP2", size);
    uint64_t sec = cursor_uint_be(c, 4);
    uint64_t frac = fb ? cursor_uint_be(c, (int)fb) : 0;
    uint64_t fmax = fb == 1 ? 100 : fb == 2 ? 10000 : 1000000;
    if (fb && frac >= fmax)
        return bb_error_set(err, BB_ERR_CORRUPT, "TIMESTAMP2 fraction %llu out of range",
                            (unsigned long long)frac);
    out->kind = BB_VALUE_TIMESTAMP;
    out->v.ts.sec = (int64_t)sec;
    out->v.ts.usec = (uint32_t)(fb == 1 ? frac * 10000 : fb == 2 ? frac * 100 : frac);
    return 0;
}

/* MariaDB "hires" temporal types: TIME(n), DATETIME(n), TIMESTAMP(n) with
 * n > 0 created while mysql56_temporal_format=OFF (MariaDB 5.3 - 10.0
 * format, sql/field.cc Field_*_hires). The binlog gives them the old type
 * codes (11, 12, 7) and NO metadata, so their width is only known when the
 * caller takes n from the schema and sets col->fsp; with fsp 0 the old
 * layouts below apply (and are what the server writes for n = 0).
 *   TIMESTAMP(n): 4 bytes BE seconds + sec_part_bytes[n] BE fraction
 *                 in units of 10^-n s
 *   DATETIME(n):  datetime_hires_bytes[n] BE of
 *                 pack_time / 10^(6-n), where pack_time =
 *                 ((((((year*13+month)*32+day)*24+hour)*60+min)*60+sec)*10^6+usec
 *   TIME(n):      time_hires_bytes[n] BE of
 *                 pack_time / 10^(6-n) + (838:59:59 + 1 s in us) / 10^(6-n),
 *                 pack_time signed: (((hour*60)+min)*60+sec)*10^6+usec */
static const uint8_t sec_part_bytes[7] = { 0, 1, 1, 2, 2, 3, 3 };
static const uint8_t datetime_hires_bytes[7] = { 5, 6, 6, 7, 7, 7, 8 };
static const uint8_t time_hires_bytes[7] = { 3, 4, 4, 5, 5, 5, 6 };

static int decode_hires(const struct bb_column *col, struct cursor *c, struct bb_value *out,
                        struct bb_error *err)
{
    unsigned fsp = col->fsp;
    const char *what = col->type == MYSQL_TYPE_TIME ? "TIME(hires)"
                     : col->type == MYSQL_TYPE_DATETIME ? "DATETIME(hires)" : "TIMESTAMP(hires)";
    if (fsp > 6)
        return bb_error_set(err, BB_ERR_CORRUPT, "%s fractional precision %u", what, fsp);
    uint64_t unit = pow10_u32[6 - fsp];

    if (col->type == MYSQL_TYPE_TIMESTAMP) {
        size_t size = 4 + (size_t)sec_part_bytes[fsp];
        if (cursor_left(c) < size)
            return CELL_TRUNCATED(c, what, size);
        uint64_t sec = cursor_uint_be(c, 4);
        uint64_t frac = cursor_uint_be(c, sec_part_bytes[fsp]);
        if (frac >= pow10_u32[fsp])
            return bb_error_set(err, BB_ERR_CORRUPT, "%s fraction %llu out of range", what,
                                (unsigned long long)frac);
        out->kind = BB_VALUE_TIMESTAMP;
        out->v.ts.sec = (int64_t)sec;
        out->v.ts.usec = (uint32_t)(frac * unit);
        return 0;
    }

    struct bb_time *t = &out->v.tm;
    memset(t, 0, sizeof *t);
    if (col->type == MYSQL_TYPE_DATETIME) {
        size_t size = datetime_hires_bytes[fsp];
        if (cursor_left(c) < size)
            return CELL_TRUNCATED(c, what, size);
        uint64_t v = cursor_uint_be(c, (int)size);
        if (v > UINT64_MAX / unit)
            return bb_error_set(err, BB_ERR_CORRUPT, "%s value out of range", what);
        v *= unit;
        t->usec = (uint32_t)(v % 1000000);
        v /= 1000000;
        t->second = (uint8_t)(v % 60);
        v /= 60;
        t->minute = (uint8_t)(v % 60);
        v /= 60;
        t->hour = (uint32_t)(v % 24);
        v /= 24;
        t->day = (uint8_t)(v % 32);
        v /= 32;
        t->month = (uint8_t)(v % 13);
        v /= 13;
        if (v > 9999)
            return bb_error_set(err, BB_ERR_CORRUPT, "%s year %llu out of range", what,
                                (unsigned long long)v);
        t->year = (uint32_t)v;
        if (check_date_parts(what, t, err) < 0)
            return BB_ERR_CORRUPT;
        out->kind = BB_VALUE_DATETIME;
        return 0;
    }

    size_t size = time_hires_bytes[fsp];
    if (cursor_left(c) < size)
        return CELL_TRUNCATED(c, what, size);
    uint64_t v = cursor_uint_be(c, (int)size);
    int64_t zero = (int64_t)(TIME_MAX_SECONDS + 1) * 1000000 / (int64_t)unit;
    int64_t x = ((int64_t)v - zero) * (int64_t)unit;
    uint64_t a = x < 0 ? (uint64_t)-x : (uint64_t)x;
    t->neg = x < 0;
    t->usec = (uint32_t)(a % 1000000);
    a /= 1000000;
    if (a > TIME_MAX_SECONDS)
        return bb_error_set(err, BB_ERR_CORRUPT, "%s value beyond 838:59:59", what);
    t->second = (uint8_t)(a % 60);
    t->minute = (uint8_t)(a / 60 % 60);
    t->hour = (uint32_t)(a / 3600);
    out->kind = BB_VALUE_TIME;
    return 0;
}

/* MariaDB compressed column data (sql/field_comp.cc), the bytes counted by
 * the cell's length prefix:
 *   empty                   the empty value
 *   header < 0x80           stored as is: the value follows the header
 *   header 1aaa wnnn        compressed with algorithm aaa (0 = zlib): n
 *                           (1..4) bytes big-endian original length, then
 *                           a deflate stream, raw when w is set, else with
 *                           the zlib wrapper
 * The inflated value goes to the arena. */
static int decode_compressed(const char *what, struct bb_arena *arena, struct bb_value *out,
                             struct bb_error *err)
{
    const uint8_t *p = out->v.str.p;
    size_t n = out->v.str.len;
    if (n == 0)
        return 0;
    uint8_t h = p[0];
    if (!(h & 0x80)) {
        out->v.str.p = p + 1;
        out->v.str.len = n - 1;
        return 0;
    }
    if (h & 0x70)
        return bb_error_set(err, BB_ERR_UNSUPPORTED, "%s compression algorithm %u", what,
                            (unsigned)((h >> 4) & 7));
    unsigned nb = h & 7;
    if (nb < 1 || nb > 4 || n < 1 + (size_t)nb)
        return bb_error_set(err, BB_ERR_CORRUPT, "%s compression header 0x%02x in %zu bytes", what,
                            (unsigned)h, n);
    size_t orig = 0;
    for (unsigned i = 0; i < nb; i++)
        orig = orig << 8 | p[1 + i];
    if (orig > DECOMPRESSED_MAX)
        return bb_error_set(err, BB_ERR_LIMIT, "%s value of %zu bytes exceeds the %zu byte limit",
                            what, orig, DECOMPRESSED_MAX);
    if (orig / BB_DEFLATE_MAX_RATIO > n - 1 - nb)
        return bb_error_set(err, BB_ERR_CORRUPT, "%s data of %zu bytes cannot inflate to the "
                            "%zu bytes its header gives", what, n - 1 - nb, orig);
    uint8_t *dst = bb_arena_alloc(arena, orig ? orig : 1);
    if (!dst)
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory inflating %s", what);
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    if (inflateInit2(&zs, (h & 8) ? -MAX_WBITS : MAX_WBITS) != Z_OK)
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory inflating %s", what);
    zs.next_in = (Bytef *)(uintptr_t)(p + 1 + nb);
    zs.avail_in = (uInt)(n - 1 - nb);
    zs.next_out = dst;
    zs.avail_out = (uInt)orig;
    int zr = inflate(&zs, Z_FINISH);
    size_t got = orig - zs.avail_out;
    inflateEnd(&zs);
    if (zr != Z_STREAM_END || got != orig)
        return bb_error_set(err, BB_ERR_CORRUPT, "%s data does not inflate to its %zu bytes", what,
                            orig);
    out->v.str.p = dst;
    out->v.str.len = orig;
    return 0;
}

/* Is this column's text stored in a character set (STRING kind) or raw
 * bytes (BINARY kind)? Collation 63 is the binary pseudo charset; 0
 * (unknown) is STRING, rendered as the bytes stored. */
static uint8_t text_kind(const struct bb_column *col)
{
    return col->charset == 63 ? BB_VALUE_BINARY : BB_VALUE_STRING;
}

/* Little-endian load of n bytes the caller has checked are there. */
static inline uint64_t load_le(const uint8_t *p, int n)
{
    uint64_t v = 0;
    for (int i = n - 1; i >= 0; i--)
        v = v << 8 | p[i];
    return v;
}

/* The column's type name, evaluated only where a message needs it. */
#define TYPE_NAME column_type_name(col->type)

int decode_value(const struct bb_column *col, struct cursor *c, struct bb_arena *arena,
                 struct bb_value *out, struct bb_error *err)
{
    memset(&out->v, 0, sizeof out->v);
    out->col = col;
    out->kind = BB_VALUE_ABSENT;

    switch (col->type) {
    /* Integers: 1, 2, 3, 4 or 8 bytes little-endian, two's complement
     * unless the column is UNSIGNED. */
    case MYSQL_TYPE_TINY: case MYSQL_TYPE_SHORT: case MYSQL_TYPE_INT24:
    case MYSQL_TYPE_LONG: case MYSQL_TYPE_LONGLONG: {
        int nb = col->type == MYSQL_TYPE_TINY ? 1 : col->type == MYSQL_TYPE_SHORT ? 2
               : col->type == MYSQL_TYPE_INT24 ? 3 : col->type == MYSQL_TYPE_LONG ? 4 : 8;
        if (cursor_left(c) < (size_t)nb)
            return CELL_TRUNCATED(c, TYPE_NAME, nb);
        const uint8_t *p = cursor_bytes(c, (size_t)nb);
        uint64_t u;
        switch (nb) { /* constant widths, so each load compiles to one move */
        case 1: u = p[0]; break;
        case 2: u = load_le(p, 2); break;
        case 3: u = load_le(p, 3); break;
        case 4: u = load_le(p, 4); break;
        default: u = load_le(p, 8); break;
        }
        if (col->is_unsigned) {
            out->kind = BB_VALUE_UINT;
            out->v.u = u;
        } else {
            int shift = 64 - 8 * nb;
            out->kind = BB_VALUE_INT;
            out->v.i = shift ? (int64_t)(u << shift) >> shift : (int64_t)u;
        }
        return 0;
    }

    /* FLOAT: 4 bytes IEEE single, little-endian. */
    case MYSQL_TYPE_FLOAT: {
        if (cursor_left(c) < 4)
            return CELL_TRUNCATED(c, TYPE_NAME, 4);
        uint32_t bits = (uint32_t)load_le(cursor_bytes(c, 4), 4);
        float f;
        memcpy(&f, &bits, 4);
        if (!isfinite(f))
            return bb_error_set(err, BB_ERR_CORRUPT, "FLOAT value is not finite");
        out->kind = BB_VALUE_FLOAT;
        out->v.f = f;
        return 0;
    }
    /* DOUBLE: 8 bytes IEEE double, little-endian. */
    case MYSQL_TYPE_DOUBLE: {
        if (cursor_left(c) < 8)
            return CELL_TRUNCATED(c, TYPE_NAME, 8);
        uint64_t bits = load_le(cursor_bytes(c, 8), 8);
        double d;
        memcpy(&d, &bits, 8);
        if (!isfinite(d))
            return bb_error_set(err, BB_ERR_CORRUPT, "DOUBLE value is not finite");
        out->kind = BB_VALUE_DOUBLE;
        out->v.d = d;
        return 0;
    }

    case MYSQL_TYPE_NEWDECIMAL:
        return decode_newdecimal(col, c, arena, out, err);

    /* Pre-5.0 DECIMAL: the number as ASCII text, right-aligned in a field
     * of fixed width padded with spaces. TABLE_MAP does not carry that
     * width; it is only known when the caller sets col->max_length from
     * the schema. */
    case MYSQL_TYPE_DECIMAL: {
        if (col->max_length == 0)
            return bb_error_set(err, BB_ERR_UNSUPPORTED,
                                "old DECIMAL (type 0) cell: the binlog does not give its width");
        if (cursor_left(c) < col->max_length)
            return CELL_TRUNCATED(c, TYPE_NAME, col->max_length);
        const uint8_t *p = cursor_bytes(c, col->max_length);
        size_t n = col->max_length, i = 0;
        while (i < n && p[i] == ' ')
            i++;
        for (size_t j = i; j < n; j++)
            if (!((p[j] >= '0' && p[j] <= '9') || p[j] == '.' || (j == i && (p[j] == '-' || p[j] == '+'))))
                return bb_error_set(err, BB_ERR_CORRUPT, "old DECIMAL cell holds byte 0x%02x",
                                    (unsigned)p[j]);
        out->kind = BB_VALUE_DECIMAL;
        out->v.str.p = p + i;
        out->v.str.len = n - i;
        return 0;
    }

    /* YEAR: 1 byte, 0 = 0000, else 1900 + v. */
    case MYSQL_TYPE_YEAR: {
        if (cursor_left(c) < 1)
            return CELL_TRUNCATED(c, TYPE_NAME, 1);
        uint8_t y = cursor_u8(c);
        out->kind = BB_VALUE_YEAR;
        out->v.u = y ? 1900u + y : 0;
        return 0;
    }

    /* DATE: 3 bytes little-endian: day (5 bits) | month (4 bits) << 5 |
     * year << 9. */
    case MYSQL_TYPE_DATE: case MYSQL_TYPE_NEWDATE: {
        if (cursor_left(c) < 3)
            return CELL_TRUNCATED(c, TYPE_NAME, 3);
        uint32_t v = cursor_u24le(c);
        struct bb_time *t = &out->v.tm;
        t->day = (uint8_t)(v & 31);
        t->month = (uint8_t)((v >> 5) & 15);
        t->year = v >> 9;
        if (check_date_parts("DATE", t, err) < 0)
            return BB_ERR_CORRUPT;
        out->kind = BB_VALUE_DATE;
        return 0;
    }

    /* TIME (old, fsp 0): 3 bytes little-endian signed integer
     * hours * 10000 + minutes * 100 + seconds. */
    case MYSQL_TYPE_TIME: {
        if (col->fsp)
            return decode_hires(col, c, out, err);
        if (cursor_left(c) < 3)
            return CELL_TRUNCATED(c, TYPE_NAME, 3);
        uint32_t u = cursor_u24le(c);
        int32_t v = (int32_t)(u << 8) >> 8;
        struct bb_time *t = &out->v.tm;
        uint32_t a = v < 0 ? (uint32_t)-v : (uint32_t)v;
        t->neg = v < 0;
        t->hour = a / 10000;
        t->minute = (uint8_t)(a / 100 % 100);
        t->second = (uint8_t)(a % 100);
        if (t->hour > TIME_MAX_HOUR || check_time_parts("TIME", t, err) < 0)
            return bb_error_set(err, BB_ERR_CORRUPT, "TIME value %ld out of range", (long)v);
        out->kind = BB_VALUE_TIME;
        return 0;
    }

    /* DATETIME (old, fsp 0): 8 bytes little-endian integer YYYYMMDDhhmmss. */
    case MYSQL_TYPE_DATETIME: {
        if (col->fsp)
            return decode_hires(col, c, out, err);
        if (cursor_left(c) < 8)
            return CELL_TRUNCATED(c, TYPE_NAME, 8);
        uint64_t v = cursor_u64le(c);
        if (v > UINT64_C(99991231235959))
            return bb_error_set(err, BB_ERR_CORRUPT, "DATETIME value %llu out of range",
                                (unsigned long long)v);
        struct bb_time *t = &out->v.tm;
        uint64_t d = v / 1000000, s = v % 1000000;
        t->year = (uint32_t)(d / 10000);
        t->month = (uint8_t)(d / 100 % 100);
        t->day = (uint8_t)(d % 100);
        t->hour = (uint32_t)(s / 10000);
        t->minute = (uint8_t)(s / 100 % 100);
        t->second = (uint8_t)(s % 100);
        if (check_date_parts("DATETIME", t, err) < 0)
            return BB_ERR_CORRUPT;
        out->kind = BB_VALUE_DATETIME;
        return 0;
    }

    /* TIMESTAMP (old, fsp 0): 4 bytes little-endian seconds since the epoch. */
    case MYSQL_TYPE_TIMESTAMP: {
        if (col->fsp)
            return decode_hires(col, c, out, err);
        if (cursor_left(c) < 4)
            return CELL_TRUNCATED(c, TYPE_NAME, 4);
        out->kind = BB_VALUE_TIMESTAMP;
        out->v.ts.sec = cursor_u32le(c);
        out->v.ts.usec = 0;
        return 0;
    }

    case MYSQL_TYPE_TIME2:
        return decode_time2(col, c, out, err);
    case MYSQL_TYPE_DATETIME2:
        return decode_datetime2(col, c, out, err);
    case MYSQL_TYPE_TIMESTAMP2:
        return decode_timestamp2(col, c, out, err);

    /* VARCHAR / VAR_STRING: 1-byte length if the column's maximum is below
     * 256 bytes, else 2 bytes, little-endian; then the bytes. */
    case MYSQL_TYPE_VARCHAR: case MYSQL_TYPE_VAR_STRING: {
        unsigned lb = col->length_bytes ? col->length_bytes : (col->max_length > 255 ? 2 : 1);
        int rc = read_counted(c, lb, col->type, out, err);
        if (rc < 0)
            return rc;
        if (col->max_length && out->v.str.len > col->max_length)
            return bb_error_set(err, BB_ERR_CORRUPT, "VARCHAR length %zu exceeds column maximum %u",
                                out->v.str.len, (unsigned)col->max_length);
        out->kind = text_kind(col);
        return 0;
    }

    /* CHAR / BINARY: length prefix of 1 byte when the column holds fewer
     * than 256 bytes, else 2; then the bytes without trailing padding
     * (spaces for CHAR, 0x00 for BINARY: Field_string::pack strips them).
     * BINARY(n) values are n bytes in the table, so the zero bytes are put
     * back: SELECT shows them. */
    case MYSQL_TYPE_STRING: {
        unsigned lb = col->max_length > 255 ? 2 : 1;
        int rc = read_counted(c, lb, col->type, out, err);
        if (rc < 0)
            return rc;
        if (col->max_length && out->v.str.len > col->max_length)
            return bb_error_set(err, BB_ERR_CORRUPT, "CHAR length %zu exceeds column maximum %u",
                                out->v.str.len, (unsigned)col->max_length);
        out->kind = text_kind(col);
        if (out->kind == BB_VALUE_BINARY && out->v.str.len < col->max_length) {
            uint8_t *p = bb_arena_alloc(arena, col->max_length);
            if (!p)
                return bb_error_set(err, BB_ERR_NOMEM, "out of memory padding BINARY");
            if (out->v.str.len)
                memcpy(p, out->v.str.p, out->v.str.len);
            memset(p + out->v.str.len, 0, col->max_length - out->v.str.len);
            out->v.str.p = p;
            out->v.str.len = col->max_length;
        }
        return 0;
    }

    /* ENUM: the 1-based index, 1 or 2 bytes little-endian (pack length). */
    case MYSQL_TYPE_ENUM: {
        unsigned nb = col->max_length;
        if (nb != 1 && nb != 2)
            return bb_error_set(err, BB_ERR_CORRUPT, "ENUM pack length %u", nb);
        if (cursor_left(c) < nb)
            return CELL_TRUNCATED(c, TYPE_NAME, nb);
        out->kind = BB_VALUE_ENUM;
        out->v.u = cursor_uint_le(c, (int)nb);
        return 0;
    }

    /* SET: bitmask of the labels, 1..8 bytes little-endian (pack length). */
    case MYSQL_TYPE_SET: {
        unsigned nb = col->max_length;
        if (nb < 1 || nb > 8)
            return bb_error_set(err, BB_ERR_CORRUPT, "SET pack length %u", nb);
        if (cursor_left(c) < nb)
            return CELL_TRUNCATED(c, TYPE_NAME, nb);
        uint64_t v = cursor_uint_le(c, (int)nb);
        if (col->nlabels && col->nlabels < 64 && (v >> col->nlabels))
            return bb_error_set(err, BB_ERR_CORRUPT, "SET value 0x%llx has bits beyond its %u labels",
                                (unsigned long long)v, (unsigned)col->nlabels);
        out->kind = BB_VALUE_SET;
        out->v.u = v;
        return 0;
    }

    /* BIT(n): (n + 7) / 8 bytes, big-endian. */
    case MYSQL_TYPE_BIT: {
        unsigned width = col->max_length;
        if (width < 1 || width > 64)
            return bb_error_set(err, BB_ERR_CORRUPT, "BIT width %u", width);
        unsigned nb = (width + 7) / 8;
        if (cursor_left(c) < nb)
            return CELL_TRUNCATED(c, TYPE_NAME, nb);
        uint64_t v = cursor_uint_be(c, (int)nb);
        if (width < 64 && (v >> width))
            return bb_error_set(err, BB_ERR_CORRUPT, "BIT(%u) value 0x%llx too wide", width,
                                (unsigned long long)v);
        out->kind = BB_VALUE_BIT;
        out->v.u = v;
        return 0;
    }

    /* BLOB / TEXT: length_bytes (1..4) little-endian length, then bytes. */
    case MYSQL_TYPE_BLOB: case MYSQL_TYPE_TINY_BLOB: case MYSQL_TYPE_MEDIUM_BLOB:
    case MYSQL_TYPE_LONG_BLOB: {
        unsigned lb = col->length_bytes;
        if (lb < 1 || lb > 4)
            return bb_error_set(err, BB_ERR_CORRUPT, "BLOB length bytes %u", lb);
        int rc = read_counted(c, lb, col->type, out, err);
        if (rc < 0)
            return rc;
        out->kind = text_kind(col);
        return 0;
    }

    /* JSON (MySQL): length_bytes little-endian length, then MySQL's binary
     * JSON (checked when rendered). MariaDB's JSON is a LONGTEXT BLOB. */
    case MYSQL_TYPE_JSON: {
        unsigned lb = col->length_bytes;
        if (lb < 1 || lb > 4)
            return bb_error_set(err, BB_ERR_CORRUPT, "JSON length bytes %u", lb);
        int rc = read_counted(c, lb, col->type, out, err);
        if (rc < 0)
            return rc;
        out->kind = BB_VALUE_JSON;
        return 0;
    }

    /* GEOMETRY: length_bytes length, then 4-byte SRID + WKB. */
    case MYSQL_TYPE_GEOMETRY: {
        unsigned lb = col->length_bytes;
        if (lb < 1 || lb > 4)
            return bb_error_set(err, BB_ERR_CORRUPT, "GEOMETRY length bytes %u", lb);
        int rc = read_counted(c, lb, col->type, out, err);
        if (rc < 0)
            return rc;
        if (out->v.str.len != 0 && out->v.str.len < 4)
            return bb_error_set(err, BB_ERR_CORRUPT, "GEOMETRY value of %zu bytes has no SRID",
                                out->v.str.len);
        out->kind = BB_VALUE_GEOMETRY;
        return 0;
    }

    /* VECTOR (MySQL 9): length_bytes length, then little-endian float32s. */
    case BB_TYPE_VECTOR: {
        unsigned lb = col->length_bytes;
        if (lb < 1 || lb > 4)
            return bb_error_set(err, BB_ERR_CORRUPT, "VECTOR length bytes %u", lb);
        int rc = read_counted(c, lb, col->type, out, err);
        if (rc < 0)
            return rc;
        if (out->v.str.len % 4)
            return bb_error_set(err, BB_ERR_CORRUPT, "VECTOR length %zu is not a multiple of 4",
                                out->v.str.len);
        if (col->vector_dim && out->v.str.len != (size_t)col->vector_dim * 4)
            return bb_error_set(err, BB_ERR_CORRUPT, "VECTOR of %zu floats in a column of %u",
                                out->v.str.len / 4, (unsigned)col->vector_dim);
        out->kind = BB_VALUE_VECTOR;
        return 0;
    }

    /* MariaDB COMPRESSED columns: the VARCHAR or BLOB layout around the
     * compressed bytes (see decode_compressed). */
    case BB_TYPE_VARCHAR_COMPRESSED: case BB_TYPE_BLOB_COMPRESSED: {
        unsigned lb = col->type == BB_TYPE_VARCHAR_COMPRESSED
                          ? (col->max_length > 255 ? 2 : 1)
                          : col->length_bytes;
        if (lb < 1 || lb > 4)
            return bb_error_set(err, BB_ERR_CORRUPT, "%s length bytes %u", TYPE_NAME, lb);
        int rc = read_counted(c, lb, col->type, out, err);
        if (rc < 0)
            return rc;
        if ((rc = decode_compressed(TYPE_NAME, arena, out, err)) < 0)
            return rc;
        out->kind = text_kind(col);
        return 0;
    }

    case MYSQL_TYPE_NULL:
        out->kind = BB_VALUE_NULL;
        return 0;

    case BB_TYPE_TYPED_ARRAY:
        return bb_error_set(err, BB_ERR_UNSUPPORTED,
                            "TYPED_ARRAY cell (hidden column of a multi-valued index) cannot be decoded");

    default:
        return bb_error_set(err, BB_ERR_CORRUPT, "cell of unknown column type %u",
                            (unsigned)col->type);
    }
}

bool column_type_is_numeric(uint8_t type)
{
    switch (type) {
    case MYSQL_TYPE_TINY:
    case MYSQL_TYPE_SHORT:
    case MYSQL_TYPE_INT24:
    case MYSQL_TYPE_LONG:
    case MYSQL_TYPE_LONGLONG:
    case MYSQL_TYPE_FLOAT:
    case MYSQL_TYPE_DOUBLE:
    case MYSQL_TYPE_NEWDECIMAL:
    case MYSQL_TYPE_DECIMAL:
        return true;
    default:
        return false;
    }
}

bool column_type_is_character(uint8_t type)
{
    switch (type) {
    case MYSQL_TYPE_STRING:
    case MYSQL_TYPE_VAR_STRING:
    case MYSQL_TYPE_VARCHAR:
    case MYSQL_TYPE_BLOB:
    case MYSQL_TYPE_TINY_BLOB:
    case MYSQL_TYPE_MEDIUM_BLOB:
    case MYSQL_TYPE_LONG_BLOB:
    case MYSQL_TYPE_GEOMETRY: /* a BLOB underneath: listed with charset 63 */
    case BB_TYPE_VECTOR: /* MySQL 9: a binary string, listed with charset 63 */
    case BB_TYPE_BLOB_COMPRESSED:    /* MariaDB lists COMPRESSED columns' */
    case BB_TYPE_VARCHAR_COMPRESSED: /* charsets like the others' */
        return true;
    default:
        return false;
    }
}

bool column_type_is_enum_or_set(uint8_t type)
{
    return type == MYSQL_TYPE_ENUM || type == MYSQL_TYPE_SET;
}
