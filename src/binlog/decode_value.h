/* decode_value.h - column types: TABLE_MAP metadata and row-image cells.
 *
 * Everything that depends on a column's type lives behind these two calls:
 * how many metadata bytes a type has in TABLE_MAP and what they mean, and
 * how one cell of a row image is laid out. */
#ifndef BB_DECODE_VALUE_H
#define BB_DECODE_VALUE_H

#include "binbridge.h"
#include "base/buf.h"
#include "base/cursor.h"

/* Read the TABLE_MAP metadata of a column of binlog type `type` from the
 * metadata block cursor m, and fill col->type (STRING wrappers resolved to
 * ENUM/SET, with CHAR's long-length encoding undone), col->meta, and the
 * derived fields (fsp, precision, scale, length_bytes, max_length).
 * Returns 0, or BB_ERR_CORRUPT with a reason ("metadata for column 3
 * (DECIMAL) truncated", "DECIMAL precision 70 out of range"). */
int column_read_meta(struct bb_column *col, uint8_t type, struct cursor *m, struct bb_error *err);

/* Decode one non-NULL cell of column col at cursor c into *out (kind, col
 * and v set). Strings, JSON and other byte values are views into c's
 * buffer; DECIMAL text is allocated from arena. Advances c past the cell.
 * Returns 0, or BB_ERR_CORRUPT with a reason naming the column type
 * ("VARCHAR length 300 exceeds 200 bytes left", "DATETIME2 month 13"). */
int decode_value(const struct bb_column *col, struct cursor *c, struct bb_arena *arena,
                 struct bb_value *out, struct bb_error *err);

/* deflate never inflates past 1032 bytes per compressed byte (a 258-byte
 * match costs at least two bits; zlib's "technical details"). A length
 * header claiming more is corrupt, and is refused before the claim sizes
 * an allocation: a dozen bytes could otherwise reserve a gigabyte. */
#define BB_DEFLATE_MAX_RATIO 1032

/* Bytes of a DECIMAL(precision, scale) in MySQL's binary form. */
size_t decimal_bin_size(unsigned precision, unsigned scale);

/* Room for the text of a DECIMAL of precision p: a sign, the digits, a
 * point, a "0" before it, the NUL. */
#define DECIMAL_TEXT_MAX(p) ((size_t)(p) + 4)

/* The text of the DECIMAL(precision, scale) (precision 1..65, scale at
 * most 38 and precision) in MySQL's binary form at bin[0..decimal_bin_size)
 * written to dst (DECIMAL_TEXT_MAX(precision) bytes), NUL-terminated: '-'
 * only when some digit is not zero, the integer digits without leading
 * zeros ("0" when there are none), then '.' and exactly scale digits.
 * Returns its length, or BB_ERR_CORRUPT for a digit group out of range. */
int decimal_bin_to_text(unsigned precision, unsigned scale, const uint8_t *bin, char *dst,
                        struct bb_error *err);

/* Name of a column type for messages ("VARCHAR", "DATETIME2", ...). */
const char *column_type_name(uint8_t type);

/* Column type classes, as TABLE_MAP's optional metadata counts columns:
 * numeric columns carry a SIGNEDNESS bit (MariaDB's YEAR too, see
 * decode_table_map.c), character columns a collation in COLUMN_CHARSET /
 * DEFAULT_CHARSET (binary ones 63), ENUM and SET columns theirs in the
 * ENUM_AND_SET fields. */
bool column_type_is_numeric(uint8_t type);
bool column_type_is_character(uint8_t type);
bool column_type_is_enum_or_set(uint8_t type);

#endif
