/* test_decode_value.c - column metadata and cells, checked against row
 * images the server wrote and the text SELECT printed for them.
 *
 * Every fixture is decoded, rendered as text and as JSON, and then every
 * proper prefix of its cell must fail with BB_ERR_CORRUPT (never crash:
 * run under AddressSanitizer). */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "binlog/decode_value.h"
#include "binlog/decoder.h"

struct cell_fixture {
    const char *name;
    uint8_t type;            /* binlog type code from TABLE_MAP */
    const uint8_t *meta;
    size_t meta_len;
    const uint8_t *cell;
    size_t cell_len;
    uint16_t charset;
    bool is_unsigned;
    uint8_t fsp;             /* MariaDB hires temporal columns: from the schema */
    const char *labels;      /* "abc", "big", "set64" or "" */
    const char *text;
    size_t text_len;
    const char *json;
    size_t json_len;
};

#define S(lit) lit, sizeof(lit) - 1

/* Generated from a live MariaDB 10.11 server (binlog_row_metadata=FULL):
 * one row per INSERT into `fx`.<name> (id INT PRIMARY KEY, v <type>); cell
 * bytes cut from the WRITE_ROWS_EVENT after the null bitmap and the id;
 * expected text = what SELECT v printed (time_zone +00:00), except FLOAT,
 * which SELECT prints with 6 digits but binbridge prints shortest round-trip.
 * c_* tables are MariaDB COMPRESSED columns (types 140/141). */
static const uint8_t fx0_meta[] = { 0 };
static const uint8_t fx0_cell[] = { 0x80 };
static const uint8_t fx1_meta[] = { 0 };
static const uint8_t fx1_cell[] = { 0x7f };
static const uint8_t fx2_meta[] = { 0 };
static const uint8_t fx2_cell[] = { 0x00 };
static const uint8_t fx3_meta[] = { 0 };
static const uint8_t fx3_cell[] = { 0xff };
static const uint8_t fx4_meta[] = { 0 };
static const uint8_t fx4_cell[] = { 0x01 };
static const uint8_t fx5_meta[] = { 0 };
static const uint8_t fx5_cell[] = { 0xff };
static const uint8_t fx6_meta[] = { 0 };
static const uint8_t fx6_cell[] = { 0x00 };
static const uint8_t fx7_meta[] = { 0 };
static const uint8_t fx7_cell[] = { 0x01 };
static const uint8_t fx8_meta[] = { 0 };
static const uint8_t fx8_cell[] = { 0x7f };
static const uint8_t fx9_meta[] = { 0 };
static const uint8_t fx9_cell[] = { 0x80 };
static const uint8_t fx10_meta[] = { 0 };
static const uint8_t fx10_cell[] = { 0x00, 0x80 };
static const uint8_t fx11_meta[] = { 0 };
static const uint8_t fx11_cell[] = { 0xff, 0x7f };
static const uint8_t fx12_meta[] = { 0 };
static const uint8_t fx12_cell[] = { 0x00, 0x00 };
static const uint8_t fx13_meta[] = { 0 };
static const uint8_t fx13_cell[] = { 0xff, 0xff };
static const uint8_t fx14_meta[] = { 0 };
static const uint8_t fx14_cell[] = { 0x01, 0x00 };
static const uint8_t fx15_meta[] = { 0 };
static const uint8_t fx15_cell[] = { 0xff, 0xff };
static const uint8_t fx16_meta[] = { 0 };
static const uint8_t fx16_cell[] = { 0x00, 0x00 };
static const uint8_t fx17_meta[] = { 0 };
static const uint8_t fx17_cell[] = { 0x01, 0x00 };
static const uint8_t fx18_meta[] = { 0 };
static const uint8_t fx18_cell[] = { 0xff, 0x7f };
static const uint8_t fx19_meta[] = { 0 };
static const uint8_t fx19_cell[] = { 0x00, 0x80 };
static const uint8_t fx20_meta[] = { 0 };
static const uint8_t fx20_cell[] = { 0x00, 0x00, 0x80 };
static const uint8_t fx21_meta[] = { 0 };
static const uint8_t fx21_cell[] = { 0xff, 0xff, 0x7f };
static const uint8_t fx22_meta[] = { 0 };
static const uint8_t fx22_cell[] = { 0x00, 0x00, 0x00 };
static const uint8_t fx23_meta[] = { 0 };
static const uint8_t fx23_cell[] = { 0xff, 0xff, 0xff };
static const uint8_t fx24_meta[] = { 0 };
static const uint8_t fx24_cell[] = { 0x01, 0x00, 0x00 };
static const uint8_t fx25_meta[] = { 0 };
static const uint8_t fx25_cell[] = { 0xff, 0xff, 0xff };
static const uint8_t fx26_meta[] = { 0 };
static const uint8_t fx26_cell[] = { 0x00, 0x00, 0x00 };
static const uint8_t fx27_meta[] = { 0 };
static const uint8_t fx27_cell[] = { 0x01, 0x00, 0x00 };
static const uint8_t fx28_meta[] = { 0 };
static const uint8_t fx28_cell[] = { 0xff, 0xff, 0x7f };
static const uint8_t fx29_meta[] = { 0 };
static const uint8_t fx29_cell[] = { 0x00, 0x00, 0x80 };
static const uint8_t fx30_meta[] = { 0 };
static const uint8_t fx30_cell[] = { 0x00, 0x00, 0x00, 0x80 };
static const uint8_t fx31_meta[] = { 0 };
static const uint8_t fx31_cell[] = { 0xff, 0xff, 0xff, 0x7f };
static const uint8_t fx32_meta[] = { 0 };
static const uint8_t fx32_cell[] = { 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx33_meta[] = { 0 };
static const uint8_t fx33_cell[] = { 0xff, 0xff, 0xff, 0xff };
static const uint8_t fx34_meta[] = { 0 };
static const uint8_t fx34_cell[] = { 0x01, 0x00, 0x00, 0x00 };
static const uint8_t fx35_meta[] = { 0 };
static const uint8_t fx35_cell[] = { 0xff, 0xff, 0xff, 0xff };
static const uint8_t fx36_meta[] = { 0 };
static const uint8_t fx36_cell[] = { 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx37_meta[] = { 0 };
static const uint8_t fx37_cell[] = { 0x01, 0x00, 0x00, 0x00 };
static const uint8_t fx38_meta[] = { 0 };
static const uint8_t fx38_cell[] = { 0xff, 0xff, 0xff, 0x7f };
static const uint8_t fx39_meta[] = { 0 };
static const uint8_t fx39_cell[] = { 0x00, 0x00, 0x00, 0x80 };
static const uint8_t fx40_meta[] = { 0 };
static const uint8_t fx40_cell[] = { 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x80 };
static const uint8_t fx41_meta[] = { 0 };
static const uint8_t fx41_cell[] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f };
static const uint8_t fx42_meta[] = { 0 };
static const uint8_t fx42_cell[] = { 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx43_meta[] = { 0 };
static const uint8_t fx43_cell[] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
static const uint8_t fx44_meta[] = { 0 };
static const uint8_t fx44_cell[] = { 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx45_meta[] = { 0 };
static const uint8_t fx45_cell[] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
static const uint8_t fx46_meta[] = { 0 };
static const uint8_t fx46_cell[] = { 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx47_meta[] = { 0 };
static const uint8_t fx47_cell[] = { 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx48_meta[] = { 0 };
static const uint8_t fx48_cell[] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f };
static const uint8_t fx49_meta[] = { 0 };
static const uint8_t fx49_cell[] = { 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x80 };
static const uint8_t fx50_meta[] = { 0x04 };
static const uint8_t fx50_cell[] = { 0xdb, 0x0f, 0x49, 0x40 };
static const uint8_t fx51_meta[] = { 0x04 };
static const uint8_t fx51_cell[] = { 0xcd, 0xcc, 0xcc, 0x3d };
static const uint8_t fx52_meta[] = { 0x04 };
static const uint8_t fx52_cell[] = { 0x00, 0x00, 0xc0, 0xbf };
static const uint8_t fx53_meta[] = { 0x04 };
static const uint8_t fx53_cell[] = { 0xec, 0x78, 0xad, 0x60 };
static const uint8_t fx54_meta[] = { 0x04 };
static const uint8_t fx54_cell[] = { 0x01, 0x00, 0x00, 0x00 };
static const uint8_t fx55_meta[] = { 0x04 };
static const uint8_t fx55_cell[] = { 0xff, 0xff, 0x7f, 0x7f };
static const uint8_t fx56_meta[] = { 0x04 };
static const uint8_t fx56_cell[] = { 0x00, 0x00, 0x80, 0x4b };
static const uint8_t fx57_meta[] = { 0x04 };
static const uint8_t fx57_cell[] = { 0x95, 0xbf, 0xd6, 0x33 };
static const uint8_t fx58_meta[] = { 0x04 };
static const uint8_t fx58_cell[] = { 0xa3, 0x79, 0xeb, 0x4c };
static const uint8_t fx59_meta[] = { 0x04 };
static const uint8_t fx59_cell[] = { 0x00, 0x00, 0x80, 0x80 };
static const uint8_t fx60_meta[] = { 0x04 };
static const uint8_t fx60_cell[] = { 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx61_meta[] = { 0x04 };
static const uint8_t fx61_cell[] = { 0x95, 0x95, 0xe6, 0x24 };
static const uint8_t fx62_meta[] = { 0x04 };
static const uint8_t fx62_cell[] = { 0xa9, 0x5f, 0x63, 0x58 };
static const uint8_t fx63_meta[] = { 0x04 };
static const uint8_t fx63_cell[] = { 0xca, 0x1b, 0x0e, 0x5a };
static const uint8_t fx64_meta[] = { 0x04 };
static const uint8_t fx64_cell[] = { 0x00, 0x00, 0xc8, 0x42 };
static const uint8_t fx65_meta[] = { 0x04 };
static const uint8_t fx65_cell[] = { 0x00, 0x00, 0x20, 0x40 };
static const uint8_t fx66_meta[] = { 0x04 };
static const uint8_t fx66_cell[] = { 0xff, 0xff, 0x7f, 0xff };
static const uint8_t fx67_meta[] = { 0x04 };
static const uint8_t fx67_cell[] = { 0xff, 0xe6, 0xdb, 0x2e };
static const uint8_t fx68_meta[] = { 0x04 };
static const uint8_t fx68_cell[] = { 0x05, 0x00, 0x00, 0x00 };
static const uint8_t fx69_meta[] = { 0x08 };
static const uint8_t fx69_cell[] = { 0x97, 0xd1, 0x7e, 0x5a, 0xfb, 0x21, 0x09, 0x40 };
static const uint8_t fx70_meta[] = { 0x08 };
static const uint8_t fx70_cell[] = { 0x9a, 0x99, 0x99, 0x99, 0x99, 0x99, 0xb9, 0x3f };
static const uint8_t fx71_meta[] = { 0x08 };
static const uint8_t fx71_cell[] = { 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xf8, 0xbf };
static const uint8_t fx72_meta[] = { 0x08 };
static const uint8_t fx72_cell[] = { 0x40, 0x8c, 0xb5, 0x78, 0x1d, 0xaf, 0x15, 0x44 };
static const uint8_t fx73_meta[] = { 0x08 };
static const uint8_t fx73_cell[] = { 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx74_meta[] = { 0x08 };
static const uint8_t fx74_cell[] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xef, 0x7f };
static const uint8_t fx75_meta[] = { 0x08 };
static const uint8_t fx75_cell[] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xef, 0xff };
static const uint8_t fx76_meta[] = { 0x08 };
static const uint8_t fx76_cell[] = { 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10, 0x00 };
static const uint8_t fx77_meta[] = { 0x08 };
static const uint8_t fx77_cell[] = { 0x00, 0x00, 0x34, 0x26, 0xf5, 0x6b, 0x0c, 0x43 };
static const uint8_t fx78_meta[] = { 0x08 };
static const uint8_t fx78_cell[] = { 0x00, 0x80, 0xe0, 0x37, 0x79, 0xc3, 0x41, 0x43 };
static const uint8_t fx79_meta[] = { 0x08 };
static const uint8_t fx79_cell[] = { 0x00, 0x00, 0x90, 0x1e, 0xc4, 0xbc, 0xd6, 0x42 };
static const uint8_t fx80_meta[] = { 0x08 };
static const uint8_t fx80_cell[] = { 0x35, 0x0f, 0x63, 0xba, 0xb4, 0x69, 0x7b, 0x43 };
static const uint8_t fx81_meta[] = { 0x08 };
static const uint8_t fx81_cell[] = { 0x16, 0x56, 0xe7, 0x9e, 0xaf, 0x03, 0xd2, 0x3c };
static const uint8_t fx82_meta[] = { 0x08 };
static const uint8_t fx82_cell[] = { 0xbc, 0x89, 0xd8, 0x97, 0xb2, 0xd2, 0x9c, 0x3c };
static const uint8_t fx83_meta[] = { 0x08 };
static const uint8_t fx83_cell[] = { 0x48, 0xaf, 0xbc, 0x9a, 0xf2, 0xd7, 0x7a, 0xbe };
static const uint8_t fx84_meta[] = { 0x08 };
static const uint8_t fx84_cell[] = { 0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0xd3, 0x3f };
static const uint8_t fx85_meta[] = { 0x08 };
static const uint8_t fx85_cell[] = { 0x6b, 0xfe, 0x9b, 0x81, 0x70, 0x3d, 0xd6, 0x3c };
static const uint8_t fx86_meta[] = { 0x08 };
static const uint8_t fx86_cell[] = { 0x6b, 0xde, 0x77, 0x83, 0x21, 0x12, 0xdc, 0x42 };
static const uint8_t fx87_meta[] = { 0x08 };
static const uint8_t fx87_cell[] = { 0x66, 0xde, 0x77, 0x83, 0x21, 0x12, 0xdc, 0x42 };
static const uint8_t fx88_meta[] = { 0x08 };
static const uint8_t fx88_cell[] = { 0x35, 0x58, 0x00, 0x66, 0x2d, 0xeb, 0x41, 0x7e };
static const uint8_t fx89_meta[] = { 0x08 };
static const uint8_t fx89_cell[] = { 0x2f, 0x30, 0xb7, 0xb3, 0xa7, 0xc9, 0xba, 0x81 };
static const uint8_t fx90_meta[] = { 0x08 };
static const uint8_t fx90_cell[] = { 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx91_meta[] = { 0x08 };
static const uint8_t fx91_cell[] = { 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x59, 0x40 };
static const uint8_t fx92_meta[] = { 0x08 };
static const uint8_t fx92_cell[] = { 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x11, 0x40 };
static const uint8_t fx93_meta[] = { 0x08 };
static const uint8_t fx93_cell[] = { 0xf6, 0x4a, 0xe1, 0xc7, 0x02, 0x2d, 0xc5, 0x44 };
static const uint8_t fx94_meta[] = { 0x08 };
static const uint8_t fx94_cell[] = { 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x40, 0x43 };
static const uint8_t fx95_meta[] = { 0x08 };
static const uint8_t fx95_cell[] = { 0xdd, 0x94, 0x09, 0xf7, 0x7e, 0x2e, 0x20, 0x3f };
static const uint8_t fx96_meta[] = { 0x01, 0x00 };
static const uint8_t fx96_cell[] = { 0x89 };
static const uint8_t fx97_meta[] = { 0x01, 0x00 };
static const uint8_t fx97_cell[] = { 0x76 };
static const uint8_t fx98_meta[] = { 0x01, 0x00 };
static const uint8_t fx98_cell[] = { 0x80 };
static const uint8_t fx99_meta[] = { 0x01, 0x00 };
static const uint8_t fx99_cell[] = { 0x80 };
static const uint8_t fx100_meta[] = { 0x01, 0x00 };
static const uint8_t fx100_cell[] = { 0x81 };
static const uint8_t fx101_meta[] = { 0x01, 0x00 };
static const uint8_t fx101_cell[] = { 0x7e };
static const uint8_t fx102_meta[] = { 0x01, 0x01 };
static const uint8_t fx102_cell[] = { 0x89 };
static const uint8_t fx103_meta[] = { 0x01, 0x01 };
static const uint8_t fx103_cell[] = { 0x76 };
static const uint8_t fx104_meta[] = { 0x01, 0x01 };
static const uint8_t fx104_cell[] = { 0x80 };
static const uint8_t fx105_meta[] = { 0x01, 0x01 };
static const uint8_t fx105_cell[] = { 0x80 };
static const uint8_t fx106_meta[] = { 0x01, 0x01 };
static const uint8_t fx106_cell[] = { 0x80 };
static const uint8_t fx107_meta[] = { 0x01, 0x01 };
static const uint8_t fx107_cell[] = { 0x80 };
static const uint8_t fx108_meta[] = { 0x01, 0x01 };
static const uint8_t fx108_cell[] = { 0x81 };
static const uint8_t fx109_meta[] = { 0x01, 0x01 };
static const uint8_t fx109_cell[] = { 0x7e };
static const uint8_t fx110_meta[] = { 0x02, 0x01 };
static const uint8_t fx110_cell[] = { 0x89, 0x09 };
static const uint8_t fx111_meta[] = { 0x02, 0x01 };
static const uint8_t fx111_cell[] = { 0x76, 0xf6 };
static const uint8_t fx112_meta[] = { 0x02, 0x01 };
static const uint8_t fx112_cell[] = { 0x80, 0x00 };
static const uint8_t fx113_meta[] = { 0x02, 0x01 };
static const uint8_t fx113_cell[] = { 0x80, 0x00 };
static const uint8_t fx114_meta[] = { 0x02, 0x01 };
static const uint8_t fx114_cell[] = { 0x81, 0x00 };
static const uint8_t fx115_meta[] = { 0x02, 0x01 };
static const uint8_t fx115_cell[] = { 0x7e, 0xff };
static const uint8_t fx116_meta[] = { 0x02, 0x01 };
static const uint8_t fx116_cell[] = { 0x80, 0x01 };
static const uint8_t fx117_meta[] = { 0x02, 0x01 };
static const uint8_t fx117_cell[] = { 0x7f, 0xfe };
static const uint8_t fx118_meta[] = { 0x05, 0x02 };
static const uint8_t fx118_cell[] = { 0x83, 0xe7, 0x63 };
static const uint8_t fx119_meta[] = { 0x05, 0x02 };
static const uint8_t fx119_cell[] = { 0x7c, 0x18, 0x9c };
static const uint8_t fx120_meta[] = { 0x05, 0x02 };
static const uint8_t fx120_cell[] = { 0x80, 0x00, 0x00 };
static const uint8_t fx121_meta[] = { 0x05, 0x02 };
static const uint8_t fx121_cell[] = { 0x80, 0x00, 0x00 };
static const uint8_t fx122_meta[] = { 0x05, 0x02 };
static const uint8_t fx122_cell[] = { 0x80, 0x01, 0x00 };
static const uint8_t fx123_meta[] = { 0x05, 0x02 };
static const uint8_t fx123_cell[] = { 0x7f, 0xfe, 0xff };
static const uint8_t fx124_meta[] = { 0x05, 0x02 };
static const uint8_t fx124_cell[] = { 0x80, 0x00, 0x01 };
static const uint8_t fx125_meta[] = { 0x05, 0x02 };
static const uint8_t fx125_cell[] = { 0x7f, 0xff, 0xfe };
static const uint8_t fx126_meta[] = { 0x05, 0x02 };
static const uint8_t fx126_cell[] = { 0x7f, 0xf3, 0xcd };
static const uint8_t fx127_meta[] = { 0x05, 0x02 };
static const uint8_t fx127_cell[] = { 0x80, 0x0a, 0x01 };
static const uint8_t fx128_meta[] = { 0x09, 0x00 };
static const uint8_t fx128_cell[] = { 0xbb, 0x9a, 0xc9, 0xff };
static const uint8_t fx129_meta[] = { 0x09, 0x00 };
static const uint8_t fx129_cell[] = { 0x44, 0x65, 0x36, 0x00 };
static const uint8_t fx130_meta[] = { 0x09, 0x00 };
static const uint8_t fx130_cell[] = { 0x80, 0x00, 0x00, 0x00 };
static const uint8_t fx131_meta[] = { 0x09, 0x00 };
static const uint8_t fx131_cell[] = { 0x80, 0x00, 0x00, 0x00 };
static const uint8_t fx132_meta[] = { 0x09, 0x00 };
static const uint8_t fx132_cell[] = { 0x80, 0x00, 0x00, 0x01 };
static const uint8_t fx133_meta[] = { 0x09, 0x00 };
static const uint8_t fx133_cell[] = { 0x7f, 0xff, 0xff, 0xfe };
static const uint8_t fx134_meta[] = { 0x09, 0x09 };
static const uint8_t fx134_cell[] = { 0xbb, 0x9a, 0xc9, 0xff };
static const uint8_t fx135_meta[] = { 0x09, 0x09 };
static const uint8_t fx135_cell[] = { 0x44, 0x65, 0x36, 0x00 };
static const uint8_t fx136_meta[] = { 0x09, 0x09 };
static const uint8_t fx136_cell[] = { 0x80, 0x00, 0x00, 0x00 };
static const uint8_t fx137_meta[] = { 0x09, 0x09 };
static const uint8_t fx137_cell[] = { 0x80, 0x00, 0x00, 0x00 };
static const uint8_t fx138_meta[] = { 0x09, 0x09 };
static const uint8_t fx138_cell[] = { 0x80, 0x00, 0x00, 0x00 };
static const uint8_t fx139_meta[] = { 0x09, 0x09 };
static const uint8_t fx139_cell[] = { 0x80, 0x00, 0x00, 0x00 };
static const uint8_t fx140_meta[] = { 0x09, 0x09 };
static const uint8_t fx140_cell[] = { 0x80, 0x00, 0x00, 0x01 };
static const uint8_t fx141_meta[] = { 0x09, 0x09 };
static const uint8_t fx141_cell[] = { 0x7f, 0xff, 0xff, 0xfe };
static const uint8_t fx142_meta[] = { 0x0a, 0x00 };
static const uint8_t fx142_cell[] = { 0x89, 0x3b, 0x9a, 0xc9, 0xff };
static const uint8_t fx143_meta[] = { 0x0a, 0x00 };
static const uint8_t fx143_cell[] = { 0x76, 0xc4, 0x65, 0x36, 0x00 };
static const uint8_t fx144_meta[] = { 0x0a, 0x00 };
static const uint8_t fx144_cell[] = { 0x80, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx145_meta[] = { 0x0a, 0x00 };
static const uint8_t fx145_cell[] = { 0x80, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx146_meta[] = { 0x0a, 0x00 };
static const uint8_t fx146_cell[] = { 0x80, 0x00, 0x00, 0x00, 0x01 };
static const uint8_t fx147_meta[] = { 0x0a, 0x00 };
static const uint8_t fx147_cell[] = { 0x7f, 0xff, 0xff, 0xff, 0xfe };
static const uint8_t fx148_meta[] = { 0x0a, 0x00 };
static const uint8_t fx148_cell[] = { 0x81, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx149_meta[] = { 0x0a, 0x00 };
static const uint8_t fx149_cell[] = { 0x7f, 0xc4, 0x65, 0x36, 0x00 };
static const uint8_t fx150_meta[] = { 0x0a, 0x00 };
static const uint8_t fx150_cell[] = { 0x81, 0x0d, 0xfb, 0x38, 0xd2 };
static const uint8_t fx151_meta[] = { 0x0a, 0x05 };
static const uint8_t fx151_cell[] = { 0x81, 0x86, 0x9f, 0x01, 0x86, 0x9f };
static const uint8_t fx152_meta[] = { 0x0a, 0x05 };
static const uint8_t fx152_cell[] = { 0x7e, 0x79, 0x60, 0xfe, 0x79, 0x60 };
static const uint8_t fx153_meta[] = { 0x0a, 0x05 };
static const uint8_t fx153_cell[] = { 0x80, 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx154_meta[] = { 0x0a, 0x05 };
static const uint8_t fx154_cell[] = { 0x80, 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx155_meta[] = { 0x0a, 0x05 };
static const uint8_t fx155_cell[] = { 0x80, 0x00, 0x01, 0x00, 0x00, 0x00 };
static const uint8_t fx156_meta[] = { 0x0a, 0x05 };
static const uint8_t fx156_cell[] = { 0x7f, 0xff, 0xfe, 0xff, 0xff, 0xff };
static const uint8_t fx157_meta[] = { 0x0a, 0x05 };
static const uint8_t fx157_cell[] = { 0x80, 0x00, 0x00, 0x00, 0x00, 0x01 };
static const uint8_t fx158_meta[] = { 0x0a, 0x05 };
static const uint8_t fx158_cell[] = { 0x7f, 0xff, 0xff, 0xff, 0xff, 0xfe };
static const uint8_t fx159_meta[] = { 0x0a, 0x05 };
static const uint8_t fx159_cell[] = { 0x7f, 0xff, 0xf3, 0xff, 0x3c, 0xaf };
static const uint8_t fx160_meta[] = { 0x0a, 0x05 };
static const uint8_t fx160_cell[] = { 0x80, 0x00, 0x0a, 0x00, 0x00, 0x01 };
static const uint8_t fx161_meta[] = { 0x12, 0x09 };
static const uint8_t fx161_cell[] = { 0xbb, 0x9a, 0xc9, 0xff, 0x3b, 0x9a, 0xc9, 0xff };
static const uint8_t fx162_meta[] = { 0x12, 0x09 };
static const uint8_t fx162_cell[] = { 0x44, 0x65, 0x36, 0x00, 0xc4, 0x65, 0x36, 0x00 };
static const uint8_t fx163_meta[] = { 0x12, 0x09 };
static const uint8_t fx163_cell[] = { 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx164_meta[] = { 0x12, 0x09 };
static const uint8_t fx164_cell[] = { 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx165_meta[] = { 0x12, 0x09 };
static const uint8_t fx165_cell[] = { 0x80, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx166_meta[] = { 0x12, 0x09 };
static const uint8_t fx166_cell[] = { 0x7f, 0xff, 0xff, 0xfe, 0xff, 0xff, 0xff, 0xff };
static const uint8_t fx167_meta[] = { 0x12, 0x09 };
static const uint8_t fx167_cell[] = { 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01 };
static const uint8_t fx168_meta[] = { 0x12, 0x09 };
static const uint8_t fx168_cell[] = { 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe };
static const uint8_t fx169_meta[] = { 0x12, 0x09 };
static const uint8_t fx169_cell[] = { 0x7f, 0xff, 0xff, 0xf3, 0xe2, 0x32, 0x9a, 0xff };
static const uint8_t fx170_meta[] = { 0x12, 0x09 };
static const uint8_t fx170_cell[] = { 0x80, 0x00, 0x00, 0x0a, 0x00, 0x00, 0x00, 0x01 };
static const uint8_t fx171_meta[] = { 0x13, 0x0a };
static const uint8_t fx171_cell[] = { 0xbb, 0x9a, 0xc9, 0xff, 0x3b, 0x9a, 0xc9, 0xff, 0x09 };
static const uint8_t fx172_meta[] = { 0x13, 0x0a };
static const uint8_t fx172_cell[] = { 0x44, 0x65, 0x36, 0x00, 0xc4, 0x65, 0x36, 0x00, 0xf6 };
static const uint8_t fx173_meta[] = { 0x13, 0x0a };
static const uint8_t fx173_cell[] = { 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx174_meta[] = { 0x13, 0x0a };
static const uint8_t fx174_cell[] = { 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx175_meta[] = { 0x13, 0x0a };
static const uint8_t fx175_cell[] = { 0x80, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx176_meta[] = { 0x13, 0x0a };
static const uint8_t fx176_cell[] = { 0x7f, 0xff, 0xff, 0xfe, 0xff, 0xff, 0xff, 0xff, 0xff };
static const uint8_t fx177_meta[] = { 0x13, 0x0a };
static const uint8_t fx177_cell[] = { 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01 };
static const uint8_t fx178_meta[] = { 0x13, 0x0a };
static const uint8_t fx178_cell[] = { 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe };
static const uint8_t fx179_meta[] = { 0x13, 0x0a };
static const uint8_t fx179_cell[] = { 0x7f, 0xff, 0xff, 0xf3, 0xe2, 0x32, 0x9a, 0xff, 0xff };
static const uint8_t fx180_meta[] = { 0x13, 0x0a };
static const uint8_t fx180_cell[] = { 0x80, 0x00, 0x00, 0x0a, 0x00, 0x00, 0x00, 0x00, 0x01 };
static const uint8_t fx181_meta[] = { 0x14, 0x0a };
static const uint8_t fx181_cell[] = { 0x89, 0x3b, 0x9a, 0xc9, 0xff, 0x3b, 0x9a, 0xc9, 0xff, 0x09 };
static const uint8_t fx182_meta[] = { 0x14, 0x0a };
static const uint8_t fx182_cell[] = { 0x76, 0xc4, 0x65, 0x36, 0x00, 0xc4, 0x65, 0x36, 0x00, 0xf6 };
static const uint8_t fx183_meta[] = { 0x14, 0x0a };
static const uint8_t fx183_cell[] = { 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx184_meta[] = { 0x14, 0x0a };
static const uint8_t fx184_cell[] = { 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx185_meta[] = { 0x14, 0x0a };
static const uint8_t fx185_cell[] = { 0x80, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx186_meta[] = { 0x14, 0x0a };
static const uint8_t fx186_cell[] = { 0x7f, 0xff, 0xff, 0xff, 0xfe, 0xff, 0xff, 0xff, 0xff, 0xff };
static const uint8_t fx187_meta[] = { 0x14, 0x0a };
static const uint8_t fx187_cell[] = { 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01 };
static const uint8_t fx188_meta[] = { 0x14, 0x0a };
static const uint8_t fx188_cell[] = { 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe };
static const uint8_t fx189_meta[] = { 0x14, 0x0a };
static const uint8_t fx189_cell[] = { 0x7f, 0xff, 0xff, 0xff, 0xf3, 0xe2, 0x32, 0x9a, 0xff, 0xff };
static const uint8_t fx190_meta[] = { 0x14, 0x0a };
static const uint8_t fx190_cell[] = { 0x80, 0x00, 0x00, 0x00, 0x0a, 0x00, 0x00, 0x00, 0x00, 0x01 };
static const uint8_t fx191_meta[] = { 0x14, 0x0a };
static const uint8_t fx191_cell[] = { 0x81, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx192_meta[] = { 0x14, 0x0a };
static const uint8_t fx192_cell[] = { 0x7f, 0xc4, 0x65, 0x36, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff };
static const uint8_t fx193_meta[] = { 0x14, 0x0a };
static const uint8_t fx193_cell[] = { 0x81, 0x0d, 0xfb, 0x38, 0xd2, 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx194_meta[] = { 0x41, 0x1e };
static const uint8_t fx194_cell[] = { 0x85, 0xf5, 0xe0, 0xff, 0x3b, 0x9a, 0xc9, 0xff, 0x3b, 0x9a, 0xc9, 0xff, 0x3b, 0x9a, 0xc9, 0xff, 0x3b, 0x9a, 0xc9, 0xff, 0x3b, 0x9a, 0xc9, 0xff, 0x3b, 0x9a, 0xc9, 0xff, 0x03, 0xe7 };
static const uint8_t fx195_meta[] = { 0x41, 0x1e };
static const uint8_t fx195_cell[] = { 0x7a, 0x0a, 0x1f, 0x00, 0xc4, 0x65, 0x36, 0x00, 0xc4, 0x65, 0x36, 0x00, 0xc4, 0x65, 0x36, 0x00, 0xc4, 0x65, 0x36, 0x00, 0xc4, 0x65, 0x36, 0x00, 0xc4, 0x65, 0x36, 0x00, 0xfc, 0x18 };
static const uint8_t fx196_meta[] = { 0x41, 0x1e };
static const uint8_t fx196_cell[] = { 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx197_meta[] = { 0x41, 0x1e };
static const uint8_t fx197_cell[] = { 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx198_meta[] = { 0x41, 0x1e };
static const uint8_t fx198_cell[] = { 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx199_meta[] = { 0x41, 0x1e };
static const uint8_t fx199_cell[] = { 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
static const uint8_t fx200_meta[] = { 0x41, 0x1e };
static const uint8_t fx200_cell[] = { 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01 };
static const uint8_t fx201_meta[] = { 0x41, 0x1e };
static const uint8_t fx201_cell[] = { 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe };
static const uint8_t fx202_meta[] = { 0x41, 0x1e };
static const uint8_t fx202_cell[] = { 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xf3, 0xe2, 0x32, 0x9a, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
static const uint8_t fx203_meta[] = { 0x41, 0x1e };
static const uint8_t fx203_cell[] = { 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0a, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01 };
static const uint8_t fx204_meta[] = { 0x41, 0x1e };
static const uint8_t fx204_cell[] = { 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx205_meta[] = { 0x41, 0x1e };
static const uint8_t fx205_cell[] = { 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xc4, 0x65, 0x36, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
static const uint8_t fx206_meta[] = { 0x41, 0x1e };
static const uint8_t fx206_cell[] = { 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x07, 0x5b, 0xcd, 0x15, 0x00, 0xbc, 0x61, 0x4e, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx207_meta[] = { 0x41, 0x00 };
static const uint8_t fx207_cell[] = { 0xe3, 0x3b, 0x9a, 0xc9, 0xff, 0x3b, 0x9a, 0xc9, 0xff, 0x3b, 0x9a, 0xc9, 0xff, 0x3b, 0x9a, 0xc9, 0xff, 0x3b, 0x9a, 0xc9, 0xff, 0x3b, 0x9a, 0xc9, 0xff, 0x3b, 0x9a, 0xc9, 0xff };
static const uint8_t fx208_meta[] = { 0x41, 0x00 };
static const uint8_t fx208_cell[] = { 0x1c, 0xc4, 0x65, 0x36, 0x00, 0xc4, 0x65, 0x36, 0x00, 0xc4, 0x65, 0x36, 0x00, 0xc4, 0x65, 0x36, 0x00, 0xc4, 0x65, 0x36, 0x00, 0xc4, 0x65, 0x36, 0x00, 0xc4, 0x65, 0x36, 0x00 };
static const uint8_t fx209_meta[] = { 0x41, 0x00 };
static const uint8_t fx209_cell[] = { 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx210_meta[] = { 0x41, 0x00 };
static const uint8_t fx210_cell[] = { 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx211_meta[] = { 0x41, 0x00 };
static const uint8_t fx211_cell[] = { 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01 };
static const uint8_t fx212_meta[] = { 0x41, 0x00 };
static const uint8_t fx212_cell[] = { 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe };
static const uint8_t fx213_meta[] = { 0x41, 0x00 };
static const uint8_t fx213_cell[] = { 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx214_meta[] = { 0x41, 0x00 };
static const uint8_t fx214_cell[] = { 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xc4, 0x65, 0x36, 0x00 };
static const uint8_t fx215_meta[] = { 0x41, 0x00 };
static const uint8_t fx215_cell[] = { 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x07, 0x5b, 0xcd, 0x15, 0x00, 0xbc, 0x61, 0x4e };
static const uint8_t fx216_meta[] = { 0x1e, 0x1e };
static const uint8_t fx216_cell[] = { 0xbb, 0x9a, 0xc9, 0xff, 0x3b, 0x9a, 0xc9, 0xff, 0x3b, 0x9a, 0xc9, 0xff, 0x03, 0xe7 };
static const uint8_t fx217_meta[] = { 0x1e, 0x1e };
static const uint8_t fx217_cell[] = { 0x44, 0x65, 0x36, 0x00, 0xc4, 0x65, 0x36, 0x00, 0xc4, 0x65, 0x36, 0x00, 0xfc, 0x18 };
static const uint8_t fx218_meta[] = { 0x1e, 0x1e };
static const uint8_t fx218_cell[] = { 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx219_meta[] = { 0x1e, 0x1e };
static const uint8_t fx219_cell[] = { 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx220_meta[] = { 0x1e, 0x1e };
static const uint8_t fx220_cell[] = { 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx221_meta[] = { 0x1e, 0x1e };
static const uint8_t fx221_cell[] = { 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx222_meta[] = { 0x1e, 0x1e };
static const uint8_t fx222_cell[] = { 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01 };
static const uint8_t fx223_meta[] = { 0x1e, 0x1e };
static const uint8_t fx223_cell[] = { 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe };
static const uint8_t fx224_meta[] = { 0x26, 0x12 };
static const uint8_t fx224_cell[] = { 0xe3, 0x3b, 0x9a, 0xc9, 0xff, 0x3b, 0x9a, 0xc9, 0xff, 0x3b, 0x9a, 0xc9, 0xff, 0x3b, 0x9a, 0xc9, 0xff };
static const uint8_t fx225_meta[] = { 0x26, 0x12 };
static const uint8_t fx225_cell[] = { 0x1c, 0xc4, 0x65, 0x36, 0x00, 0xc4, 0x65, 0x36, 0x00, 0xc4, 0x65, 0x36, 0x00, 0xc4, 0x65, 0x36, 0x00 };
static const uint8_t fx226_meta[] = { 0x26, 0x12 };
static const uint8_t fx226_cell[] = { 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx227_meta[] = { 0x26, 0x12 };
static const uint8_t fx227_cell[] = { 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx228_meta[] = { 0x26, 0x12 };
static const uint8_t fx228_cell[] = { 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx229_meta[] = { 0x26, 0x12 };
static const uint8_t fx229_cell[] = { 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
static const uint8_t fx230_meta[] = { 0x26, 0x12 };
static const uint8_t fx230_cell[] = { 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01 };
static const uint8_t fx231_meta[] = { 0x26, 0x12 };
static const uint8_t fx231_cell[] = { 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe };
static const uint8_t fx232_meta[] = { 0x26, 0x12 };
static const uint8_t fx232_cell[] = { 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xf3, 0xe2, 0x32, 0x9a, 0xff, 0xff, 0xff, 0xff, 0xff };
static const uint8_t fx233_meta[] = { 0x26, 0x12 };
static const uint8_t fx233_cell[] = { 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0a, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01 };
static const uint8_t fx234_meta[] = { 0x26, 0x12 };
static const uint8_t fx234_cell[] = { 0x80, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx235_meta[] = { 0x26, 0x12 };
static const uint8_t fx235_cell[] = { 0x7f, 0xff, 0xff, 0xff, 0xff, 0xc4, 0x65, 0x36, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
static const uint8_t fx236_meta[] = { 0x26, 0x12 };
static const uint8_t fx236_cell[] = { 0x80, 0x07, 0x5b, 0xcd, 0x15, 0x00, 0xbc, 0x61, 0x4e, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx237_meta[] = { 0x04, 0x02 };
static const uint8_t fx237_cell[] = { 0xe3, 0x63 };
static const uint8_t fx238_meta[] = { 0x04, 0x02 };
static const uint8_t fx238_cell[] = { 0x1c, 0x9c };
static const uint8_t fx239_meta[] = { 0x04, 0x02 };
static const uint8_t fx239_cell[] = { 0x80, 0x00 };
static const uint8_t fx240_meta[] = { 0x04, 0x02 };
static const uint8_t fx240_cell[] = { 0x80, 0x00 };
static const uint8_t fx241_meta[] = { 0x04, 0x02 };
static const uint8_t fx241_cell[] = { 0x81, 0x00 };
static const uint8_t fx242_meta[] = { 0x04, 0x02 };
static const uint8_t fx242_cell[] = { 0x7e, 0xff };
static const uint8_t fx243_meta[] = { 0x04, 0x02 };
static const uint8_t fx243_cell[] = { 0x80, 0x01 };
static const uint8_t fx244_meta[] = { 0x04, 0x02 };
static const uint8_t fx244_cell[] = { 0x7f, 0xfe };
static const uint8_t fx245_meta[] = { 0x04, 0x02 };
static const uint8_t fx245_cell[] = { 0x73, 0xcd };
static const uint8_t fx246_meta[] = { 0x04, 0x02 };
static const uint8_t fx246_cell[] = { 0x8a, 0x01 };
static const uint8_t fx247_meta[] = { 0x0c, 0x03 };
static const uint8_t fx247_cell[] = { 0xbb, 0x9a, 0xc9, 0xff, 0x03, 0xe7 };
static const uint8_t fx248_meta[] = { 0x0c, 0x03 };
static const uint8_t fx248_cell[] = { 0x44, 0x65, 0x36, 0x00, 0xfc, 0x18 };
static const uint8_t fx249_meta[] = { 0x0c, 0x03 };
static const uint8_t fx249_cell[] = { 0x80, 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx250_meta[] = { 0x0c, 0x03 };
static const uint8_t fx250_cell[] = { 0x80, 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx251_meta[] = { 0x0c, 0x03 };
static const uint8_t fx251_cell[] = { 0x80, 0x00, 0x00, 0x01, 0x00, 0x00 };
static const uint8_t fx252_meta[] = { 0x0c, 0x03 };
static const uint8_t fx252_cell[] = { 0x7f, 0xff, 0xff, 0xfe, 0xff, 0xff };
static const uint8_t fx253_meta[] = { 0x0c, 0x03 };
static const uint8_t fx253_cell[] = { 0x80, 0x00, 0x00, 0x00, 0x00, 0x01 };
static const uint8_t fx254_meta[] = { 0x0c, 0x03 };
static const uint8_t fx254_cell[] = { 0x7f, 0xff, 0xff, 0xff, 0xff, 0xfe };
static const uint8_t fx255_meta[] = { 0x0c, 0x03 };
static const uint8_t fx255_cell[] = { 0x7f, 0xff, 0xff, 0xf3, 0xfe, 0x0b };
static const uint8_t fx256_meta[] = { 0x0c, 0x03 };
static const uint8_t fx256_cell[] = { 0x80, 0x00, 0x00, 0x0a, 0x00, 0x01 };
static const uint8_t fx257_meta[] = { 0x11, 0x08 };
static const uint8_t fx257_cell[] = { 0xbb, 0x9a, 0xc9, 0xff, 0x05, 0xf5, 0xe0, 0xff };
static const uint8_t fx258_meta[] = { 0x11, 0x08 };
static const uint8_t fx258_cell[] = { 0x44, 0x65, 0x36, 0x00, 0xfa, 0x0a, 0x1f, 0x00 };
static const uint8_t fx259_meta[] = { 0x11, 0x08 };
static const uint8_t fx259_cell[] = { 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx260_meta[] = { 0x11, 0x08 };
static const uint8_t fx260_cell[] = { 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx261_meta[] = { 0x11, 0x08 };
static const uint8_t fx261_cell[] = { 0x80, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx262_meta[] = { 0x11, 0x08 };
static const uint8_t fx262_cell[] = { 0x7f, 0xff, 0xff, 0xfe, 0xff, 0xff, 0xff, 0xff };
static const uint8_t fx263_meta[] = { 0x11, 0x08 };
static const uint8_t fx263_cell[] = { 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01 };
static const uint8_t fx264_meta[] = { 0x11, 0x08 };
static const uint8_t fx264_cell[] = { 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe };
static const uint8_t fx265_meta[] = { 0x11, 0x08 };
static const uint8_t fx265_cell[] = { 0x7f, 0xff, 0xff, 0xf3, 0xfd, 0x05, 0x0f, 0x7f };
static const uint8_t fx266_meta[] = { 0x11, 0x08 };
static const uint8_t fx266_cell[] = { 0x80, 0x00, 0x00, 0x0a, 0x00, 0x00, 0x00, 0x01 };
static const uint8_t fx267_meta[] = { 0x03, 0x00 };
static const uint8_t fx267_cell[] = { 0x83, 0xe7 };
static const uint8_t fx268_meta[] = { 0x03, 0x00 };
static const uint8_t fx268_cell[] = { 0x7c, 0x18 };
static const uint8_t fx269_meta[] = { 0x03, 0x00 };
static const uint8_t fx269_cell[] = { 0x80, 0x00 };
static const uint8_t fx270_meta[] = { 0x03, 0x00 };
static const uint8_t fx270_cell[] = { 0x80, 0x00 };
static const uint8_t fx271_meta[] = { 0x03, 0x00 };
static const uint8_t fx271_cell[] = { 0x80, 0x01 };
static const uint8_t fx272_meta[] = { 0x03, 0x00 };
static const uint8_t fx272_cell[] = { 0x7f, 0xfe };
static const uint8_t fx273_meta[] = { 0 };
static const uint8_t fx273_cell[] = { 0x00 };
static const uint8_t fx274_meta[] = { 0 };
static const uint8_t fx274_cell[] = { 0x01 };
static const uint8_t fx275_meta[] = { 0 };
static const uint8_t fx275_cell[] = { 0xff };
static const uint8_t fx276_meta[] = { 0 };
static const uint8_t fx276_cell[] = { 0x64 };
static const uint8_t fx277_meta[] = { 0 };
static const uint8_t fx277_cell[] = { 0x63 };
static const uint8_t fx278_meta[] = { 0 };
static const uint8_t fx278_cell[] = { 0x3f, 0xc8, 0x0f };
static const uint8_t fx279_meta[] = { 0 };
static const uint8_t fx279_cell[] = { 0x00, 0x00, 0x00 };
static const uint8_t fx280_meta[] = { 0 };
static const uint8_t fx280_cell[] = { 0x00, 0xc8, 0x0f };
static const uint8_t fx281_meta[] = { 0 };
static const uint8_t fx281_cell[] = { 0xa0, 0xc8, 0x0f };
static const uint8_t fx282_meta[] = { 0 };
static const uint8_t fx282_cell[] = { 0x9f, 0x1f, 0x4e };
static const uint8_t fx283_meta[] = { 0 };
static const uint8_t fx283_cell[] = { 0x21, 0xd0, 0x07 };
static const uint8_t fx284_meta[] = { 0 };
static const uint8_t fx284_cell[] = { 0x21, 0x02, 0x00 };
static const uint8_t fx285_meta[] = { 0 };
static const uint8_t fx285_cell[] = { 0x21, 0x00, 0x00 };
static const uint8_t fx286_meta[] = { 0x00 };
static const uint8_t fx286_cell[] = { 0x4b, 0x91, 0x05 };
static const uint8_t fx287_meta[] = { 0x00 };
static const uint8_t fx287_cell[] = { 0xb4, 0x6e, 0xfb };
static const uint8_t fx288_meta[] = { 0x00 };
static const uint8_t fx288_cell[] = { 0x80, 0x00, 0x00 };
static const uint8_t fx289_meta[] = { 0x00 };
static const uint8_t fx289_cell[] = { 0x7f, 0xff, 0xff };
static const uint8_t fx290_meta[] = { 0x00 };
static const uint8_t fx290_cell[] = { 0x80, 0x00, 0x00 };
static const uint8_t fx291_meta[] = { 0x00 };
static const uint8_t fx291_cell[] = { 0x7f, 0xef, 0x7d };
static const uint8_t fx292_meta[] = { 0x00 };
static const uint8_t fx292_cell[] = { 0x80, 0x00, 0x00 };
static const uint8_t fx293_meta[] = { 0x00 };
static const uint8_t fx293_cell[] = { 0x80, 0xc8, 0xb8 };
static const uint8_t fx294_meta[] = { 0x00 };
static const uint8_t fx294_cell[] = { 0x7f, 0x37, 0x48 };
static const uint8_t fx295_meta[] = { 0x00 };
static const uint8_t fx295_cell[] = { 0x80, 0x00, 0x00 };
static const uint8_t fx296_meta[] = { 0x00 };
static const uint8_t fx296_cell[] = { 0x7f, 0xf0, 0x00 };
static const uint8_t fx297_meta[] = { 0x00 };
static const uint8_t fx297_cell[] = { 0x81, 0x7e, 0xfb };
static const uint8_t fx298_meta[] = { 0x00 };
static const uint8_t fx298_cell[] = { 0x80, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx299_meta[] = { 0x00 };
static const uint8_t fx299_cell[] = { 0xfe, 0xf3, 0xff, 0x7e, 0xfb };
static const uint8_t fx300_meta[] = { 0x00 };
static const uint8_t fx300_cell[] = { 0x99, 0xa5, 0xba, 0xc8, 0xb8 };
static const uint8_t fx301_meta[] = { 0x00 };
static const uint8_t fx301_cell[] = { 0x8c, 0xb2, 0x42, 0x00, 0x00 };
static const uint8_t fx302_meta[] = { 0x00 };
static const uint8_t fx302_cell[] = { 0x99, 0xa5, 0x00, 0x00, 0x00 };
static const uint8_t fx303_meta[] = { 0x00 };
static const uint8_t fx303_cell[] = { 0x99, 0xa5, 0x44, 0x31, 0x05 };
static const uint8_t fx304_meta[] = { 0x00 };
static const uint8_t fx304_cell[] = { 0x80, 0x00, 0x02, 0x00, 0x00 };
static const uint8_t fx305_meta[] = { 0x00 };
static const uint8_t fx305_cell[] = { 0x00, 0x00, 0x00, 0x01 };
static const uint8_t fx306_meta[] = { 0x00 };
static const uint8_t fx306_cell[] = { 0x7f, 0xff, 0xff, 0xff };
static const uint8_t fx307_meta[] = { 0x00 };
static const uint8_t fx307_cell[] = { 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx308_meta[] = { 0x00 };
static const uint8_t fx308_cell[] = { 0x5e, 0x5a, 0x5a, 0x70 };
static const uint8_t fx309_meta[] = { 0x00 };
static const uint8_t fx309_cell[] = { 0x3b, 0x9a, 0xca, 0x00 };
static const uint8_t fx310_meta[] = { 0x01 };
static const uint8_t fx310_cell[] = { 0x4b, 0x91, 0x05, 0x00 };
static const uint8_t fx311_meta[] = { 0x01 };
static const uint8_t fx311_cell[] = { 0xb4, 0x6e, 0xfb, 0x00 };
static const uint8_t fx312_meta[] = { 0x01 };
static const uint8_t fx312_cell[] = { 0x80, 0x00, 0x00, 0x00 };
static const uint8_t fx313_meta[] = { 0x01 };
static const uint8_t fx313_cell[] = { 0x7f, 0xff, 0xff, 0x00 };
static const uint8_t fx314_meta[] = { 0x01 };
static const uint8_t fx314_cell[] = { 0x7f, 0xff, 0xff, 0xce };
static const uint8_t fx315_meta[] = { 0x01 };
static const uint8_t fx315_cell[] = { 0x7f, 0xef, 0x7c, 0xf6 };
static const uint8_t fx316_meta[] = { 0x01 };
static const uint8_t fx316_cell[] = { 0x80, 0x00, 0x00, 0x00 };
static const uint8_t fx317_meta[] = { 0x01 };
static const uint8_t fx317_cell[] = { 0x80, 0xc8, 0xb8, 0x3c };
static const uint8_t fx318_meta[] = { 0x01 };
static const uint8_t fx318_cell[] = { 0x7f, 0x37, 0x47, 0xc4 };
static const uint8_t fx319_meta[] = { 0x01 };
static const uint8_t fx319_cell[] = { 0x7f, 0xff, 0xff, 0xa6 };
static const uint8_t fx320_meta[] = { 0x01 };
static const uint8_t fx320_cell[] = { 0x7f, 0xf0, 0x00, 0x00 };
static const uint8_t fx321_meta[] = { 0x01 };
static const uint8_t fx321_cell[] = { 0x81, 0x7e, 0xfb, 0x5a };
static const uint8_t fx322_meta[] = { 0x01 };
static const uint8_t fx322_cell[] = { 0x80, 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx323_meta[] = { 0x01 };
static const uint8_t fx323_cell[] = { 0xfe, 0xf3, 0xff, 0x7e, 0xfb, 0x5a };
static const uint8_t fx324_meta[] = { 0x01 };
static const uint8_t fx324_cell[] = { 0x99, 0xa5, 0xba, 0xc8, 0xb8, 0x46 };
static const uint8_t fx325_meta[] = { 0x01 };
static const uint8_t fx325_cell[] = { 0x8c, 0xb2, 0x42, 0x00, 0x00, 0x00 };
static const uint8_t fx326_meta[] = { 0x01 };
static const uint8_t fx326_cell[] = { 0x99, 0xa5, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx327_meta[] = { 0x01 };
static const uint8_t fx327_cell[] = { 0x99, 0xa5, 0x44, 0x31, 0x05, 0x00 };
static const uint8_t fx328_meta[] = { 0x01 };
static const uint8_t fx328_cell[] = { 0x80, 0x00, 0x02, 0x00, 0x00, 0x00 };
static const uint8_t fx329_meta[] = { 0x01 };
static const uint8_t fx329_cell[] = { 0x00, 0x00, 0x00, 0x01, 0x00 };
static const uint8_t fx330_meta[] = { 0x01 };
static const uint8_t fx330_cell[] = { 0x7f, 0xff, 0xff, 0xff, 0x5a };
static const uint8_t fx331_meta[] = { 0x01 };
static const uint8_t fx331_cell[] = { 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx332_meta[] = { 0x01 };
static const uint8_t fx332_cell[] = { 0x5e, 0x5a, 0x5a, 0x70, 0x46 };
static const uint8_t fx333_meta[] = { 0x01 };
static const uint8_t fx333_cell[] = { 0x3b, 0x9a, 0xca, 0x00, 0x0a };
static const uint8_t fx334_meta[] = { 0x02 };
static const uint8_t fx334_cell[] = { 0x4b, 0x91, 0x05, 0x00 };
static const uint8_t fx335_meta[] = { 0x02 };
static const uint8_t fx335_cell[] = { 0xb4, 0x6e, 0xfb, 0x00 };
static const uint8_t fx336_meta[] = { 0x02 };
static const uint8_t fx336_cell[] = { 0x80, 0x00, 0x00, 0x00 };
static const uint8_t fx337_meta[] = { 0x02 };
static const uint8_t fx337_cell[] = { 0x7f, 0xff, 0xff, 0x00 };
static const uint8_t fx338_meta[] = { 0x02 };
static const uint8_t fx338_cell[] = { 0x7f, 0xff, 0xff, 0xce };
static const uint8_t fx339_meta[] = { 0x02 };
static const uint8_t fx339_cell[] = { 0x7f, 0xef, 0x7c, 0xf4 };
static const uint8_t fx340_meta[] = { 0x02 };
static const uint8_t fx340_cell[] = { 0x80, 0x00, 0x00, 0x00 };
static const uint8_t fx341_meta[] = { 0x02 };
static const uint8_t fx341_cell[] = { 0x80, 0xc8, 0xb8, 0x41 };
static const uint8_t fx342_meta[] = { 0x02 };
static const uint8_t fx342_cell[] = { 0x7f, 0x37, 0x47, 0xbf };
static const uint8_t fx343_meta[] = { 0x02 };
static const uint8_t fx343_cell[] = { 0x7f, 0xff, 0xff, 0x9d };
static const uint8_t fx344_meta[] = { 0x02 };
static const uint8_t fx344_cell[] = { 0x7f, 0xef, 0xff, 0xff };
static const uint8_t fx345_meta[] = { 0x02 };
static const uint8_t fx345_cell[] = { 0x81, 0x7e, 0xfb, 0x63 };
static const uint8_t fx346_meta[] = { 0x02 };
static const uint8_t fx346_cell[] = { 0x80, 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx347_meta[] = { 0x02 };
static const uint8_t fx347_cell[] = { 0xfe, 0xf3, 0xff, 0x7e, 0xfb, 0x63 };
static const uint8_t fx348_meta[] = { 0x02 };
static const uint8_t fx348_cell[] = { 0x99, 0xa5, 0xba, 0xc8, 0xb8, 0x4e };
static const uint8_t fx349_meta[] = { 0x02 };
static const uint8_t fx349_cell[] = { 0x8c, 0xb2, 0x42, 0x00, 0x00, 0x00 };
static const uint8_t fx350_meta[] = { 0x02 };
static const uint8_t fx350_cell[] = { 0x99, 0xa5, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx351_meta[] = { 0x02 };
static const uint8_t fx351_cell[] = { 0x99, 0xa5, 0x44, 0x31, 0x05, 0x06 };
static const uint8_t fx352_meta[] = { 0x02 };
static const uint8_t fx352_cell[] = { 0x80, 0x00, 0x02, 0x00, 0x00, 0x00 };
static const uint8_t fx353_meta[] = { 0x02 };
static const uint8_t fx353_cell[] = { 0x00, 0x00, 0x00, 0x01, 0x00 };
static const uint8_t fx354_meta[] = { 0x02 };
static const uint8_t fx354_cell[] = { 0x7f, 0xff, 0xff, 0xff, 0x63 };
static const uint8_t fx355_meta[] = { 0x02 };
static const uint8_t fx355_cell[] = { 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx356_meta[] = { 0x02 };
static const uint8_t fx356_cell[] = { 0x5e, 0x5a, 0x5a, 0x70, 0x4e };
static const uint8_t fx357_meta[] = { 0x02 };
static const uint8_t fx357_cell[] = { 0x3b, 0x9a, 0xca, 0x00, 0x0c };
static const uint8_t fx358_meta[] = { 0x03 };
static const uint8_t fx358_cell[] = { 0x4b, 0x91, 0x05, 0x00, 0x00 };
static const uint8_t fx359_meta[] = { 0x03 };
static const uint8_t fx359_cell[] = { 0xb4, 0x6e, 0xfb, 0x00, 0x00 };
static const uint8_t fx360_meta[] = { 0x03 };
static const uint8_t fx360_cell[] = { 0x80, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx361_meta[] = { 0x03 };
static const uint8_t fx361_cell[] = { 0x7f, 0xff, 0xff, 0x00, 0x00 };
static const uint8_t fx362_meta[] = { 0x03 };
static const uint8_t fx362_cell[] = { 0x7f, 0xff, 0xff, 0xec, 0x78 };
static const uint8_t fx363_meta[] = { 0x03 };
static const uint8_t fx363_cell[] = { 0x7f, 0xef, 0x7c, 0xfb, 0x32 };
static const uint8_t fx364_meta[] = { 0x03 };
static const uint8_t fx364_cell[] = { 0x80, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx365_meta[] = { 0x03 };
static const uint8_t fx365_cell[] = { 0x80, 0xc8, 0xb8, 0x19, 0x8c };
static const uint8_t fx366_meta[] = { 0x03 };
static const uint8_t fx366_cell[] = { 0x7f, 0x37, 0x47, 0xe6, 0x74 };
static const uint8_t fx367_meta[] = { 0x03 };
static const uint8_t fx367_cell[] = { 0x7f, 0xff, 0xff, 0xd8, 0xfa };
static const uint8_t fx368_meta[] = { 0x03 };
static const uint8_t fx368_cell[] = { 0x7f, 0xef, 0xff, 0xff, 0x9c };
static const uint8_t fx369_meta[] = { 0x03 };
static const uint8_t fx369_cell[] = { 0x81, 0x7e, 0xfb, 0x27, 0x06 };
static const uint8_t fx370_meta[] = { 0x03 };
static const uint8_t fx370_cell[] = { 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx371_meta[] = { 0x03 };
static const uint8_t fx371_cell[] = { 0xfe, 0xf3, 0xff, 0x7e, 0xfb, 0x27, 0x06 };
static const uint8_t fx372_meta[] = { 0x03 };
static const uint8_t fx372_cell[] = { 0x99, 0xa5, 0xba, 0xc8, 0xb8, 0x1e, 0xd2 };
static const uint8_t fx373_meta[] = { 0x03 };
static const uint8_t fx373_cell[] = { 0x8c, 0xb2, 0x42, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx374_meta[] = { 0x03 };
static const uint8_t fx374_cell[] = { 0x99, 0xa5, 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx375_meta[] = { 0x03 };
static const uint8_t fx375_cell[] = { 0x99, 0xa5, 0x44, 0x31, 0x05, 0x02, 0x58 };
static const uint8_t fx376_meta[] = { 0x03 };
static const uint8_t fx376_cell[] = { 0x80, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx377_meta[] = { 0x03 };
static const uint8_t fx377_cell[] = { 0x00, 0x00, 0x00, 0x01, 0x00, 0x00 };
static const uint8_t fx378_meta[] = { 0x03 };
static const uint8_t fx378_cell[] = { 0x7f, 0xff, 0xff, 0xff, 0x27, 0x06 };
static const uint8_t fx379_meta[] = { 0x03 };
static const uint8_t fx379_cell[] = { 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx380_meta[] = { 0x03 };
static const uint8_t fx380_cell[] = { 0x5e, 0x5a, 0x5a, 0x70, 0x1e, 0xd2 };
static const uint8_t fx381_meta[] = { 0x03 };
static const uint8_t fx381_cell[] = { 0x3b, 0x9a, 0xca, 0x00, 0x04, 0xce };
static const uint8_t fx382_meta[] = { 0x04 };
static const uint8_t fx382_cell[] = { 0x4b, 0x91, 0x05, 0x00, 0x00 };
static const uint8_t fx383_meta[] = { 0x04 };
static const uint8_t fx383_cell[] = { 0xb4, 0x6e, 0xfb, 0x00, 0x00 };
static const uint8_t fx384_meta[] = { 0x04 };
static const uint8_t fx384_cell[] = { 0x80, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx385_meta[] = { 0x04 };
static const uint8_t fx385_cell[] = { 0x7f, 0xff, 0xff, 0x00, 0x00 };
static const uint8_t fx386_meta[] = { 0x04 };
static const uint8_t fx386_cell[] = { 0x7f, 0xff, 0xff, 0xec, 0x78 };
static const uint8_t fx387_meta[] = { 0x04 };
static const uint8_t fx387_cell[] = { 0x7f, 0xef, 0x7c, 0xfb, 0x2e };
static const uint8_t fx388_meta[] = { 0x04 };
static const uint8_t fx388_cell[] = { 0x80, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx389_meta[] = { 0x04 };
static const uint8_t fx389_cell[] = { 0x80, 0xc8, 0xb8, 0x19, 0x8f };
static const uint8_t fx390_meta[] = { 0x04 };
static const uint8_t fx390_cell[] = { 0x7f, 0x37, 0x47, 0xe6, 0x71 };
static const uint8_t fx391_meta[] = { 0x04 };
static const uint8_t fx391_cell[] = { 0x7f, 0xff, 0xff, 0xd8, 0xf1 };
static const uint8_t fx392_meta[] = { 0x04 };
static const uint8_t fx392_cell[] = { 0x7f, 0xef, 0xff, 0xff, 0x9c };
static const uint8_t fx393_meta[] = { 0x04 };
static const uint8_t fx393_cell[] = { 0x81, 0x7e, 0xfb, 0x27, 0x0f };
static const uint8_t fx394_meta[] = { 0x04 };
static const uint8_t fx394_cell[] = { 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx395_meta[] = { 0x04 };
static const uint8_t fx395_cell[] = { 0xfe, 0xf3, 0xff, 0x7e, 0xfb, 0x27, 0x0f };
static const uint8_t fx396_meta[] = { 0x04 };
static const uint8_t fx396_cell[] = { 0x99, 0xa5, 0xba, 0xc8, 0xb8, 0x1e, 0xd2 };
static const uint8_t fx397_meta[] = { 0x04 };
static const uint8_t fx397_cell[] = { 0x8c, 0xb2, 0x42, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx398_meta[] = { 0x04 };
static const uint8_t fx398_cell[] = { 0x99, 0xa5, 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx399_meta[] = { 0x04 };
static const uint8_t fx399_cell[] = { 0x99, 0xa5, 0x44, 0x31, 0x05, 0x02, 0x5f };
static const uint8_t fx400_meta[] = { 0x04 };
static const uint8_t fx400_cell[] = { 0x80, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx401_meta[] = { 0x04 };
static const uint8_t fx401_cell[] = { 0x00, 0x00, 0x00, 0x01, 0x00, 0x00 };
static const uint8_t fx402_meta[] = { 0x04 };
static const uint8_t fx402_cell[] = { 0x7f, 0xff, 0xff, 0xff, 0x27, 0x0f };
static const uint8_t fx403_meta[] = { 0x04 };
static const uint8_t fx403_cell[] = { 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx404_meta[] = { 0x04 };
static const uint8_t fx404_cell[] = { 0x5e, 0x5a, 0x5a, 0x70, 0x1e, 0xd2 };
static const uint8_t fx405_meta[] = { 0x04 };
static const uint8_t fx405_cell[] = { 0x3b, 0x9a, 0xca, 0x00, 0x04, 0xd2 };
static const uint8_t fx406_meta[] = { 0x05 };
static const uint8_t fx406_cell[] = { 0x4b, 0x91, 0x05, 0x00, 0x00, 0x00 };
static const uint8_t fx407_meta[] = { 0x05 };
static const uint8_t fx407_cell[] = { 0xb4, 0x6e, 0xfb, 0x00, 0x00, 0x00 };
static const uint8_t fx408_meta[] = { 0x05 };
static const uint8_t fx408_cell[] = { 0x80, 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx409_meta[] = { 0x05 };
static const uint8_t fx409_cell[] = { 0x7f, 0xff, 0xff, 0x00, 0x00, 0x00 };
static const uint8_t fx410_meta[] = { 0x05 };
static const uint8_t fx410_cell[] = { 0x7f, 0xff, 0xff, 0xf8, 0x5e, 0xe0 };
static const uint8_t fx411_meta[] = { 0x05 };
static const uint8_t fx411_cell[] = { 0x7f, 0xef, 0x7c, 0xfe, 0x1d, 0xc6 };
static const uint8_t fx412_meta[] = { 0x05 };
static const uint8_t fx412_cell[] = { 0x80, 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx413_meta[] = { 0x05 };
static const uint8_t fx413_cell[] = { 0x80, 0xc8, 0xb8, 0x09, 0xfb, 0xf0 };
static const uint8_t fx414_meta[] = { 0x05 };
static const uint8_t fx414_cell[] = { 0x7f, 0x37, 0x47, 0xf6, 0x04, 0x10 };
static const uint8_t fx415_meta[] = { 0x05 };
static const uint8_t fx415_cell[] = { 0x7f, 0xff, 0xff, 0xf0, 0xbd, 0xca };
static const uint8_t fx416_meta[] = { 0x05 };
static const uint8_t fx416_cell[] = { 0x7f, 0xef, 0xff, 0xff, 0xd8, 0xf0 };
static const uint8_t fx417_meta[] = { 0x05 };
static const uint8_t fx417_cell[] = { 0x81, 0x7e, 0xfb, 0x0f, 0x42, 0x36 };
static const uint8_t fx418_meta[] = { 0x05 };
static const uint8_t fx418_cell[] = { 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx419_meta[] = { 0x05 };
static const uint8_t fx419_cell[] = { 0xfe, 0xf3, 0xff, 0x7e, 0xfb, 0x0f, 0x42, 0x36 };
static const uint8_t fx420_meta[] = { 0x05 };
static const uint8_t fx420_cell[] = { 0x99, 0xa5, 0xba, 0xc8, 0xb8, 0x0c, 0x0a, 0x08 };
static const uint8_t fx421_meta[] = { 0x05 };
static const uint8_t fx421_cell[] = { 0x8c, 0xb2, 0x42, 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx422_meta[] = { 0x05 };
static const uint8_t fx422_cell[] = { 0x99, 0xa5, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx423_meta[] = { 0x05 };
static const uint8_t fx423_cell[] = { 0x99, 0xa5, 0x44, 0x31, 0x05, 0x00, 0xed, 0x1c };
static const uint8_t fx424_meta[] = { 0x05 };
static const uint8_t fx424_cell[] = { 0x80, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx425_meta[] = { 0x05 };
static const uint8_t fx425_cell[] = { 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00 };
static const uint8_t fx426_meta[] = { 0x05 };
static const uint8_t fx426_cell[] = { 0x7f, 0xff, 0xff, 0xff, 0x0f, 0x42, 0x36 };
static const uint8_t fx427_meta[] = { 0x05 };
static const uint8_t fx427_cell[] = { 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx428_meta[] = { 0x05 };
static const uint8_t fx428_cell[] = { 0x5e, 0x5a, 0x5a, 0x70, 0x0c, 0x0a, 0x08 };
static const uint8_t fx429_meta[] = { 0x05 };
static const uint8_t fx429_cell[] = { 0x3b, 0x9a, 0xca, 0x00, 0x01, 0xe2, 0x3a };
static const uint8_t fx430_meta[] = { 0x06 };
static const uint8_t fx430_cell[] = { 0x4b, 0x91, 0x05, 0x00, 0x00, 0x00 };
static const uint8_t fx431_meta[] = { 0x06 };
static const uint8_t fx431_cell[] = { 0xb4, 0x6e, 0xfb, 0x00, 0x00, 0x00 };
static const uint8_t fx432_meta[] = { 0x06 };
static const uint8_t fx432_cell[] = { 0x80, 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx433_meta[] = { 0x06 };
static const uint8_t fx433_cell[] = { 0x7f, 0xff, 0xff, 0x00, 0x00, 0x00 };
static const uint8_t fx434_meta[] = { 0x06 };
static const uint8_t fx434_cell[] = { 0x7f, 0xff, 0xff, 0xf8, 0x5e, 0xe0 };
static const uint8_t fx435_meta[] = { 0x06 };
static const uint8_t fx435_cell[] = { 0x7f, 0xef, 0x7c, 0xfe, 0x1d, 0xc0 };
static const uint8_t fx436_meta[] = { 0x06 };
static const uint8_t fx436_cell[] = { 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff };
static const uint8_t fx437_meta[] = { 0x06 };
static const uint8_t fx437_cell[] = { 0x80, 0xc8, 0xb8, 0x09, 0xfb, 0xf1 };
static const uint8_t fx438_meta[] = { 0x06 };
static const uint8_t fx438_cell[] = { 0x7f, 0x37, 0x47, 0xf6, 0x04, 0x0f };
static const uint8_t fx439_meta[] = { 0x06 };
static const uint8_t fx439_cell[] = { 0x7f, 0xff, 0xff, 0xf0, 0xbd, 0xc1 };
static const uint8_t fx440_meta[] = { 0x06 };
static const uint8_t fx440_cell[] = { 0x7f, 0xef, 0xff, 0xff, 0xd8, 0xf0 };
static const uint8_t fx441_meta[] = { 0x06 };
static const uint8_t fx441_cell[] = { 0x81, 0x7e, 0xfb, 0x0f, 0x42, 0x3f };
static const uint8_t fx442_meta[] = { 0x06 };
static const uint8_t fx442_cell[] = { 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx443_meta[] = { 0x06 };
static const uint8_t fx443_cell[] = { 0xfe, 0xf3, 0xff, 0x7e, 0xfb, 0x0f, 0x42, 0x3f };
static const uint8_t fx444_meta[] = { 0x06 };
static const uint8_t fx444_cell[] = { 0x99, 0xa5, 0xba, 0xc8, 0xb8, 0x0c, 0x0a, 0x08 };
static const uint8_t fx445_meta[] = { 0x06 };
static const uint8_t fx445_cell[] = { 0x8c, 0xb2, 0x42, 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx446_meta[] = { 0x06 };
static const uint8_t fx446_cell[] = { 0x99, 0xa5, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx447_meta[] = { 0x06 };
static const uint8_t fx447_cell[] = { 0x99, 0xa5, 0x44, 0x31, 0x05, 0x00, 0xed, 0x24 };
static const uint8_t fx448_meta[] = { 0x06 };
static const uint8_t fx448_cell[] = { 0x80, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x01 };
static const uint8_t fx449_meta[] = { 0x06 };
static const uint8_t fx449_cell[] = { 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00 };
static const uint8_t fx450_meta[] = { 0x06 };
static const uint8_t fx450_cell[] = { 0x7f, 0xff, 0xff, 0xff, 0x0f, 0x42, 0x3f };
static const uint8_t fx451_meta[] = { 0x06 };
static const uint8_t fx451_cell[] = { 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx452_meta[] = { 0x06 };
static const uint8_t fx452_cell[] = { 0x5e, 0x5a, 0x5a, 0x70, 0x0c, 0x0a, 0x08 };
static const uint8_t fx453_meta[] = { 0x06 };
static const uint8_t fx453_cell[] = { 0x3b, 0x9a, 0xca, 0x00, 0x01, 0xe2, 0x40 };
static const uint8_t fx454_meta[] = { 0 };
static const uint8_t fx454_cell[] = { 0x59, 0x0a, 0x80 };
static const uint8_t fx455_meta[] = { 0 };
static const uint8_t fx455_cell[] = { 0xa7, 0xf5, 0x7f };
static const uint8_t fx456_meta[] = { 0 };
static const uint8_t fx456_cell[] = { 0x00, 0x00, 0x00 };
static const uint8_t fx457_meta[] = { 0 };
static const uint8_t fx457_cell[] = { 0xff, 0xff, 0xff };
static const uint8_t fx458_meta[] = { 0 };
static const uint8_t fx458_cell[] = { 0x25, 0xd8, 0xff };
static const uint8_t fx459_meta[] = { 0 };
static const uint8_t fx459_cell[] = { 0x00, 0x00, 0x00 };
static const uint8_t fx460_meta[] = { 0 };
static const uint8_t fx460_cell[] = { 0x40, 0xe2, 0x01 };
static const uint8_t fx461_meta[] = { 0 };
static const uint8_t fx461_cell[] = { 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx462_meta[] = { 0 };
static const uint8_t fx462_cell[] = { 0x77, 0x87, 0xd1, 0x05, 0xf1, 0x5a, 0x00, 0x00 };
static const uint8_t fx463_meta[] = { 0 };
static const uint8_t fx463_cell[] = { 0x80, 0x35, 0x7b, 0x3b, 0x5f, 0x12, 0x00, 0x00 };
static const uint8_t fx464_meta[] = { 0 };
static const uint8_t fx464_cell[] = { 0x00, 0x10, 0xd3, 0x2d, 0x5f, 0x12, 0x00, 0x00 };
static const uint8_t fx465_meta[] = { 0 };
static const uint8_t fx465_cell[] = { 0x40, 0x42, 0x0f, 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx466_meta[] = { 0 };
static const uint8_t fx466_cell[] = { 0x01, 0x00, 0x00, 0x00 };
static const uint8_t fx467_meta[] = { 0 };
static const uint8_t fx467_cell[] = { 0xff, 0xff, 0xff, 0x7f };
static const uint8_t fx468_meta[] = { 0 };
static const uint8_t fx468_cell[] = { 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx469_meta[] = { 0 };
static const uint8_t fx469_cell[] = { 0x00, 0xca, 0x9a, 0x3b };
static const uint8_t fx470_meta[] = { 0 };
static const uint8_t fx470_cell[] = { 0x00, 0x00, 0x00, 0x0a };
static const uint8_t fx471_meta[] = { 0 };
static const uint8_t fx471_cell[] = { 0x03, 0x99, 0xc0, 0xb6 };
static const uint8_t fx472_meta[] = { 0 };
static const uint8_t fx472_cell[] = { 0x01, 0xcc, 0xe0, 0x60 };
static const uint8_t fx473_meta[] = { 0 };
static const uint8_t fx473_cell[] = { 0x01, 0xcc, 0xe0, 0x56 };
static const uint8_t fx474_meta[] = { 0 };
static const uint8_t fx474_cell[] = { 0x01, 0xcc, 0x4e, 0xf1 };
static const uint8_t fx475_meta[] = { 0 };
static const uint8_t fx475_cell[] = { 0x01, 0xcc, 0xe0, 0x60 };
static const uint8_t fx476_meta[] = { 0 };
static const uint8_t fx476_cell[] = { 0x01, 0xd3, 0xc9, 0xc6 };
static const uint8_t fx477_meta[] = { 0 };
static const uint8_t fx477_cell[] = { 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx478_meta[] = { 0 };
static const uint8_t fx478_cell[] = { 0x03, 0x44, 0xd9, 0x65, 0xff, 0xff };
static const uint8_t fx479_meta[] = { 0 };
static const uint8_t fx479_cell[] = { 0x00, 0xa9, 0x0f, 0xf6, 0x7c, 0x67 };
static const uint8_t fx480_meta[] = { 0 };
static const uint8_t fx480_cell[] = { 0x00, 0xa9, 0x0b, 0x25, 0x80, 0x00 };
static const uint8_t fx481_meta[] = { 0 };
static const uint8_t fx481_cell[] = { 0x00, 0x00, 0x00, 0x0d, 0x2f, 0x00 };
static const uint8_t fx482_meta[] = { 0 };
static const uint8_t fx482_cell[] = { 0x00, 0x00, 0x00, 0x01, 0x00 };
static const uint8_t fx483_meta[] = { 0 };
static const uint8_t fx483_cell[] = { 0x7f, 0xff, 0xff, 0xff, 0x09 };
static const uint8_t fx484_meta[] = { 0 };
static const uint8_t fx484_cell[] = { 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx485_meta[] = { 0 };
static const uint8_t fx485_cell[] = { 0x3b, 0x9a, 0xca, 0x00, 0x01 };
static const uint8_t fx486_meta[] = { 0 };
static const uint8_t fx486_cell[] = { 0x00, 0x00, 0x00, 0x64 };
static const uint8_t fx487_meta[] = { 0 };
static const uint8_t fx487_cell[] = { 0x24, 0x01, 0x87, 0x1c };
static const uint8_t fx488_meta[] = { 0 };
static const uint8_t fx488_cell[] = { 0x12, 0x00, 0xc3, 0xc0 };
static const uint8_t fx489_meta[] = { 0 };
static const uint8_t fx489_cell[] = { 0x12, 0x00, 0xc3, 0x5c };
static const uint8_t fx490_meta[] = { 0 };
static const uint8_t fx490_cell[] = { 0x11, 0xfb, 0x15, 0x68 };
static const uint8_t fx491_meta[] = { 0 };
static const uint8_t fx491_cell[] = { 0x12, 0x00, 0xc3, 0xc0 };
static const uint8_t fx492_meta[] = { 0 };
static const uint8_t fx492_cell[] = { 0x12, 0x45, 0xe1, 0xc1 };
static const uint8_t fx493_meta[] = { 0 };
static const uint8_t fx493_cell[] = { 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx494_meta[] = { 0 };
static const uint8_t fx494_cell[] = { 0x20, 0xb0, 0x7d, 0xfb, 0xff, 0xff };
static const uint8_t fx495_meta[] = { 0 };
static const uint8_t fx495_cell[] = { 0x06, 0x9a, 0x9f, 0xa0, 0xdc, 0x0e };
static const uint8_t fx496_meta[] = { 0 };
static const uint8_t fx496_cell[] = { 0x06, 0x9a, 0x6f, 0x77, 0x00, 0x00 };
static const uint8_t fx497_meta[] = { 0 };
static const uint8_t fx497_cell[] = { 0x00, 0x00, 0x00, 0x83, 0xd6, 0x00 };
static const uint8_t fx498_meta[] = { 0 };
static const uint8_t fx498_cell[] = { 0x00, 0x00, 0x00, 0x01, 0x00 };
static const uint8_t fx499_meta[] = { 0 };
static const uint8_t fx499_cell[] = { 0x7f, 0xff, 0xff, 0xff, 0x63 };
static const uint8_t fx500_meta[] = { 0 };
static const uint8_t fx500_cell[] = { 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx501_meta[] = { 0 };
static const uint8_t fx501_cell[] = { 0x3b, 0x9a, 0xca, 0x00, 0x0c };
static const uint8_t fx502_meta[] = { 0 };
static const uint8_t fx502_cell[] = { 0x00, 0x00, 0x00, 0x03, 0xe8 };
static const uint8_t fx503_meta[] = { 0 };
static const uint8_t fx503_cell[] = { 0x01, 0x68, 0x0f, 0x47, 0x18 };
static const uint8_t fx504_meta[] = { 0 };
static const uint8_t fx504_cell[] = { 0x00, 0xb4, 0x07, 0xa5, 0x80 };
static const uint8_t fx505_meta[] = { 0 };
static const uint8_t fx505_cell[] = { 0x00, 0xb4, 0x07, 0xa1, 0x98 };
static const uint8_t fx506_meta[] = { 0 };
static const uint8_t fx506_cell[] = { 0x00, 0xb3, 0xce, 0xd6, 0x0d };
static const uint8_t fx507_meta[] = { 0 };
static const uint8_t fx507_cell[] = { 0x00, 0xb4, 0x07, 0xa5, 0x80 };
static const uint8_t fx508_meta[] = { 0 };
static const uint8_t fx508_cell[] = { 0x00, 0xb6, 0xba, 0xd1, 0x8e };
static const uint8_t fx509_meta[] = { 0 };
static const uint8_t fx509_cell[] = { 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx510_meta[] = { 0 };
static const uint8_t fx510_cell[] = { 0x01, 0x46, 0xe4, 0xeb, 0xd7, 0xff, 0xff };
static const uint8_t fx511_meta[] = { 0 };
static const uint8_t fx511_cell[] = { 0x00, 0x42, 0x0a, 0x3c, 0x48, 0x98, 0x95 };
static const uint8_t fx512_meta[] = { 0 };
static const uint8_t fx512_cell[] = { 0x00, 0x42, 0x08, 0x5a, 0xa6, 0x00, 0x00 };
static const uint8_t fx513_meta[] = { 0 };
static const uint8_t fx513_cell[] = { 0x00, 0x00, 0x00, 0x05, 0x26, 0x5c, 0x00 };
static const uint8_t fx514_meta[] = { 0 };
static const uint8_t fx514_cell[] = { 0x00, 0x00, 0x00, 0x01, 0x00, 0x00 };
static const uint8_t fx515_meta[] = { 0 };
static const uint8_t fx515_cell[] = { 0x7f, 0xff, 0xff, 0xff, 0x03, 0xe7 };
static const uint8_t fx516_meta[] = { 0 };
static const uint8_t fx516_cell[] = { 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx517_meta[] = { 0 };
static const uint8_t fx517_cell[] = { 0x3b, 0x9a, 0xca, 0x00, 0x00, 0x7b };
static const uint8_t fx518_meta[] = { 0 };
static const uint8_t fx518_cell[] = { 0x00, 0x00, 0x00, 0x27, 0x10 };
static const uint8_t fx519_meta[] = { 0 };
static const uint8_t fx519_cell[] = { 0x0e, 0x10, 0x98, 0xc6, 0xf0 };
static const uint8_t fx520_meta[] = { 0 };
static const uint8_t fx520_cell[] = { 0x07, 0x08, 0x4c, 0x77, 0x00 };
static const uint8_t fx521_meta[] = { 0 };
static const uint8_t fx521_cell[] = { 0x07, 0x08, 0x4c, 0x4f, 0xf0 };
static const uint8_t fx522_meta[] = { 0 };
static const uint8_t fx522_cell[] = { 0x07, 0x06, 0x14, 0x5c, 0x7e };
static const uint8_t fx523_meta[] = { 0 };
static const uint8_t fx523_cell[] = { 0x07, 0x08, 0x4c, 0x77, 0x00 };
static const uint8_t fx524_meta[] = { 0 };
static const uint8_t fx524_cell[] = { 0x07, 0x23, 0x4c, 0x2f, 0x8f };
static const uint8_t fx525_meta[] = { 0 };
static const uint8_t fx525_cell[] = { 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx526_meta[] = { 0 };
static const uint8_t fx526_cell[] = { 0x0c, 0xc4, 0xf1, 0x36, 0x6f, 0xff, 0xff };
static const uint8_t fx527_meta[] = { 0 };
static const uint8_t fx527_cell[] = { 0x02, 0x94, 0x66, 0x5a, 0xd5, 0xf5, 0xd2 };
static const uint8_t fx528_meta[] = { 0 };
static const uint8_t fx528_cell[] = { 0x02, 0x94, 0x53, 0x8a, 0x7c, 0x00, 0x00 };
static const uint8_t fx529_meta[] = { 0 };
static const uint8_t fx529_cell[] = { 0x00, 0x00, 0x00, 0x33, 0x7f, 0x98, 0x00 };
static const uint8_t fx530_meta[] = { 0 };
static const uint8_t fx530_cell[] = { 0x00, 0x00, 0x00, 0x01, 0x00, 0x00 };
static const uint8_t fx531_meta[] = { 0 };
static const uint8_t fx531_cell[] = { 0x7f, 0xff, 0xff, 0xff, 0x27, 0x0f };
static const uint8_t fx532_meta[] = { 0 };
static const uint8_t fx532_cell[] = { 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx533_meta[] = { 0 };
static const uint8_t fx533_cell[] = { 0x3b, 0x9a, 0xca, 0x00, 0x04, 0xd2 };
static const uint8_t fx534_meta[] = { 0 };
static const uint8_t fx534_cell[] = { 0x00, 0x00, 0x01, 0x86, 0xa0 };
static const uint8_t fx535_meta[] = { 0 };
static const uint8_t fx535_cell[] = { 0x8c, 0xa5, 0xf7, 0xc5, 0x60 };
static const uint8_t fx536_meta[] = { 0 };
static const uint8_t fx536_cell[] = { 0x46, 0x52, 0xfc, 0xa6, 0x00 };
static const uint8_t fx537_meta[] = { 0 };
static const uint8_t fx537_cell[] = { 0x46, 0x52, 0xfb, 0x1f, 0x60 };
static const uint8_t fx538_meta[] = { 0 };
static const uint8_t fx538_cell[] = { 0x46, 0x3c, 0xcb, 0x9c, 0xe7 };
static const uint8_t fx539_meta[] = { 0 };
static const uint8_t fx539_cell[] = { 0x46, 0x52, 0xfc, 0xa6, 0x00 };
static const uint8_t fx540_meta[] = { 0 };
static const uint8_t fx540_cell[] = { 0x47, 0x60, 0xf9, 0xdb, 0x98 };
static const uint8_t fx541_meta[] = { 0 };
static const uint8_t fx541_cell[] = { 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx542_meta[] = { 0 };
static const uint8_t fx542_cell[] = { 0x7f, 0xb1, 0x6c, 0x20, 0x5f, 0xff, 0xff };
static const uint8_t fx543_meta[] = { 0 };
static const uint8_t fx543_cell[] = { 0x19, 0xcb, 0xff, 0x8c, 0x5b, 0x9a, 0x34 };
static const uint8_t fx544_meta[] = { 0 };
static const uint8_t fx544_cell[] = { 0x19, 0xcb, 0x43, 0x68, 0xd8, 0x00, 0x00 };
static const uint8_t fx545_meta[] = { 0 };
static const uint8_t fx545_cell[] = { 0x00, 0x00, 0x02, 0x02, 0xfb, 0xf0, 0x00 };
static const uint8_t fx546_meta[] = { 0 };
static const uint8_t fx546_cell[] = { 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00 };
static const uint8_t fx547_meta[] = { 0 };
static const uint8_t fx547_cell[] = { 0x7f, 0xff, 0xff, 0xff, 0x01, 0x86, 0x9f };
static const uint8_t fx548_meta[] = { 0 };
static const uint8_t fx548_cell[] = { 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx549_meta[] = { 0 };
static const uint8_t fx549_cell[] = { 0x3b, 0x9a, 0xca, 0x00, 0x00, 0x30, 0x39 };
static const uint8_t fx550_meta[] = { 0 };
static const uint8_t fx550_cell[] = { 0x00, 0x00, 0x00, 0x0f, 0x42, 0x40 };
static const uint8_t fx551_meta[] = { 0 };
static const uint8_t fx551_cell[] = { 0x05, 0x7e, 0x7b, 0xad, 0xb5, 0xc0 };
static const uint8_t fx552_meta[] = { 0 };
static const uint8_t fx552_cell[] = { 0x02, 0xbf, 0x3d, 0xde, 0x7c, 0x00 };
static const uint8_t fx553_meta[] = { 0 };
static const uint8_t fx553_cell[] = { 0x02, 0xbf, 0x3d, 0xcf, 0x39, 0xc0 };
static const uint8_t fx554_meta[] = { 0 };
static const uint8_t fx554_cell[] = { 0x02, 0xbe, 0x5f, 0xf4, 0x21, 0x00 };
static const uint8_t fx555_meta[] = { 0 };
static const uint8_t fx555_cell[] = { 0x02, 0xbf, 0x3d, 0xde, 0x7b, 0xff };
static const uint8_t fx556_meta[] = { 0 };
static const uint8_t fx556_cell[] = { 0x02, 0xc9, 0xc9, 0xc2, 0x93, 0xf1 };
static const uint8_t fx557_meta[] = { 0 };
static const uint8_t fx557_cell[] = { 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx558_meta[] = { 0 };
static const uint8_t fx558_cell[] = { 0x04, 0xfc, 0xee, 0x39, 0x43, 0xbf, 0xff, 0xff };
static const uint8_t fx559_meta[] = { 0 };
static const uint8_t fx559_cell[] = { 0x01, 0x01, 0xf7, 0xfb, 0x7b, 0x94, 0x06, 0x08 };
static const uint8_t fx560_meta[] = { 0 };
static const uint8_t fx560_cell[] = { 0x01, 0x01, 0xf0, 0xa2, 0x18, 0x70, 0x00, 0x00 };
static const uint8_t fx561_meta[] = { 0 };
static const uint8_t fx561_cell[] = { 0x00, 0x00, 0x00, 0x14, 0x1d, 0xd7, 0x60, 0x01 };
static const uint8_t fx562_meta[] = { 0 };
static const uint8_t fx562_cell[] = { 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00 };
static const uint8_t fx563_meta[] = { 0 };
static const uint8_t fx563_cell[] = { 0x7f, 0xff, 0xff, 0xff, 0x0f, 0x42, 0x3f };
static const uint8_t fx564_meta[] = { 0 };
static const uint8_t fx564_cell[] = { 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx565_meta[] = { 0 };
static const uint8_t fx565_cell[] = { 0x3b, 0x9a, 0xca, 0x00, 0x01, 0xe2, 0x40 };
static const uint8_t fx566_meta[] = { 0x28, 0x00 };
static const uint8_t fx566_cell[] = { 0x06, 0x68, 0xc3, 0xa9, 0x6c, 0x6c, 0x6f };
static const uint8_t fx567_meta[] = { 0x28, 0x00 };
static const uint8_t fx567_cell[] = { 0x00 };
static const uint8_t fx568_meta[] = { 0x28, 0x00 };
static const uint8_t fx568_cell[] = { 0x09, 0xe6, 0x97, 0xa5, 0xe6, 0x9c, 0xac, 0xe8, 0xaa, 0x9e };
static const uint8_t fx569_meta[] = { 0x28, 0x00 };
static const uint8_t fx569_cell[] = { 0x05, 0xf0, 0x9f, 0x98, 0x80, 0x78 };
static const uint8_t fx570_meta[] = { 0x28, 0x00 };
static const uint8_t fx570_cell[] = { 0x06, 0x61, 0x09, 0x62, 0x22, 0x63, 0x5c };
static const uint8_t fx571_meta[] = { 0x28, 0x00 };
static const uint8_t fx571_cell[] = { 0x06, 0x74, 0x61, 0x69, 0x6c, 0x20, 0x20 };
static const uint8_t fx572_meta[] = { 0xb0, 0x04 };
static const uint8_t fx572_cell[] = { 0x01, 0x00, 0x78 };
static const uint8_t fx573_meta[] = { 0xb0, 0x04 };
static const uint8_t fx573_cell[] = { 0x2c, 0x01, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9, 0xc3, 0xa9 };
static const uint8_t fx574_meta[] = { 0xfe, 0x14 };
static const uint8_t fx574_cell[] = { 0x02, 0x61, 0x62 };
static const uint8_t fx575_meta[] = { 0xfe, 0x14 };
static const uint8_t fx575_cell[] = { 0x02, 0x61, 0x62 };
static const uint8_t fx576_meta[] = { 0xfe, 0x14 };
static const uint8_t fx576_cell[] = { 0x00 };
static const uint8_t fx577_meta[] = { 0xfe, 0x14 };
static const uint8_t fx577_cell[] = { 0x0a, 0xc3, 0xb1, 0xc3, 0xb1, 0xc3, 0xb1, 0xc3, 0xb1, 0xc3, 0xb1 };
static const uint8_t fx578_meta[] = { 0xee, 0x90 };
static const uint8_t fx578_cell[] = { 0x03, 0x00, 0x61, 0x62, 0x63 };
static const uint8_t fx579_meta[] = { 0xee, 0x90 };
static const uint8_t fx579_cell[] = { 0x64, 0x00, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a };
static const uint8_t fx580_meta[] = { 0xfe, 0x04 };
static const uint8_t fx580_cell[] = { 0x02, 0xe9, 0xe0 };
static const uint8_t fx581_meta[] = { 0xfe, 0x04 };
static const uint8_t fx581_cell[] = { 0x03, 0x80, 0x81, 0x9f };
static const uint8_t fx582_meta[] = { 0xfe, 0x04 };
static const uint8_t fx582_cell[] = { 0x02, 0x20, 0x61 };
static const uint8_t fx583_meta[] = { 0x14, 0x00 };
static const uint8_t fx583_cell[] = { 0x02, 0xe9, 0xe0 };
static const uint8_t fx584_meta[] = { 0x14, 0x00 };
static const uint8_t fx584_cell[] = { 0x07, 0x80, 0x81, 0x8d, 0x8f, 0x90, 0x9d, 0x9f };
static const uint8_t fx585_meta[] = { 0x14, 0x00 };
static const uint8_t fx585_cell[] = { 0x05, 0x70, 0x6c, 0x61, 0x69, 0x6e };
static const uint8_t fx586_meta[] = { 0x28, 0x00 };
static const uint8_t fx586_cell[] = { 0x04, 0xc4, 0xe3, 0xba, 0xc3 };
static const uint8_t fx587_meta[] = { 0x28, 0x00 };
static const uint8_t fx587_cell[] = { 0x02, 0xa1, 0xa4 };
static const uint8_t fx588_meta[] = { 0x28, 0x00 };
static const uint8_t fx588_cell[] = { 0x04, 0x82, 0xa0, 0x82, 0xa2 };
static const uint8_t fx589_meta[] = { 0x28, 0x00 };
static const uint8_t fx589_cell[] = { 0x04, 0x5c, 0x7e, 0x81, 0x5f };
static const uint8_t fx590_meta[] = { 0x28, 0x00 };
static const uint8_t fx590_cell[] = { 0x02, 0x83, 0x5c };
static const uint8_t fx591_meta[] = { 0x28, 0x00 };
static const uint8_t fx591_cell[] = { 0x06, 0x00, 0x61, 0x00, 0xe9, 0x65, 0xe5 };
static const uint8_t fx592_meta[] = { 0x28, 0x00 };
static const uint8_t fx592_cell[] = { 0x00 };
static const uint8_t fx593_meta[] = { 0x50, 0x00 };
static const uint8_t fx593_cell[] = { 0x06, 0x00, 0x61, 0xd8, 0x3d, 0xde, 0x00 };
static const uint8_t fx594_meta[] = { 0x50, 0x00 };
static const uint8_t fx594_cell[] = { 0x08, 0x00, 0x00, 0x00, 0x61, 0x00, 0x01, 0xf6, 0x00 };
static const uint8_t fx595_meta[] = { 0x14, 0x00 };
static const uint8_t fx595_cell[] = { 0x06, 0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2 };
static const uint8_t fx596_meta[] = { 0x28, 0x00 };
static const uint8_t fx596_cell[] = { 0x04, 0xa4, 0xa4, 0xa4, 0xe5 };
static const uint8_t fx597_meta[] = { 0x3c, 0x00 };
static const uint8_t fx597_cell[] = { 0x04, 0xc6, 0xfc, 0xcb, 0xdc };
static const uint8_t fx598_meta[] = { 0x3c, 0x00 };
static const uint8_t fx598_cell[] = { 0x02, 0xa1, 0xc0 };
static const uint8_t fx599_meta[] = { 0xfe, 0x04 };
static const uint8_t fx599_cell[] = { 0x01, 0x61 };
static const uint8_t fx600_meta[] = { 0xfe, 0x04 };
static const uint8_t fx600_cell[] = { 0x01, 0x61 };
static const uint8_t fx601_meta[] = { 0xfe, 0x04 };
static const uint8_t fx601_cell[] = { 0x00 };
static const uint8_t fx602_meta[] = { 0xfe, 0x04 };
static const uint8_t fx602_cell[] = { 0x00 };
static const uint8_t fx603_meta[] = { 0xfe, 0x04 };
static const uint8_t fx603_cell[] = { 0x04, 0xff, 0xff, 0xff, 0xff };
static const uint8_t fx604_meta[] = { 0x0a, 0x00 };
static const uint8_t fx604_cell[] = { 0x03, 0x00, 0x01, 0xff };
static const uint8_t fx605_meta[] = { 0x0a, 0x00 };
static const uint8_t fx605_cell[] = { 0x00 };
static const uint8_t fx606_meta[] = { 0x01 };
static const uint8_t fx606_cell[] = { 0x02, 0x00, 0xff };
static const uint8_t fx607_meta[] = { 0x01 };
static const uint8_t fx607_cell[] = { 0x00 };
static const uint8_t fx608_meta[] = { 0x02 };
static const uint8_t fx608_cell[] = { 0x02, 0x00, 0x01, 0x02 };
static const uint8_t fx609_meta[] = { 0x02 };
static const uint8_t fx609_cell[] = { 0x2c, 0x01, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61 };
static const uint8_t fx610_meta[] = { 0x03 };
static const uint8_t fx610_cell[] = { 0x02, 0x00, 0x00, 0x01, 0x02 };
static const uint8_t fx611_meta[] = { 0x04 };
static const uint8_t fx611_cell[] = { 0x02, 0x00, 0x00, 0x00, 0x01, 0x02 };
static const uint8_t fx612_meta[] = { 0x02 };
static const uint8_t fx612_cell[] = { 0x08, 0x00, 0x74, 0x65, 0x78, 0x74, 0x20, 0xe2, 0x98, 0x83 };
static const uint8_t fx613_meta[] = { 0x02 };
static const uint8_t fx613_cell[] = { 0x00, 0x00 };
static const uint8_t fx614_meta[] = { 0x04 };
static const uint8_t fx614_cell[] = { 0x01, 0x00, 0x00, 0x00, 0xe9 };
static const uint8_t fx615_meta[] = { 0x04 };
static const uint8_t fx615_cell[] = { 0x08, 0x00, 0x00, 0x00, 0x7b, 0x22, 0x61, 0x22, 0x3a, 0x20, 0x31, 0x7d };
static const uint8_t fx616_meta[] = { 0x04 };
static const uint8_t fx616_cell[] = { 0x05, 0x00, 0x00, 0x00, 0x5b, 0x31, 0x2c, 0x32, 0x5d };
static const uint8_t fx617_meta[] = { 0xf7, 0x01 };
static const uint8_t fx617_cell[] = { 0x01 };
static const uint8_t fx618_meta[] = { 0xf7, 0x01 };
static const uint8_t fx618_cell[] = { 0x03 };
static const uint8_t fx619_meta[] = { 0xf7, 0x01 };
static const uint8_t fx619_cell[] = { 0x00 };
static const uint8_t fx620_meta[] = { 0xf7, 0x01 };
static const uint8_t fx620_cell[] = { 0x02 };
static const uint8_t fx621_meta[] = { 0xf7, 0x02 };
static const uint8_t fx621_cell[] = { 0x01, 0x00 };
static const uint8_t fx622_meta[] = { 0xf7, 0x02 };
static const uint8_t fx622_cell[] = { 0x2c, 0x01 };
static const uint8_t fx623_meta[] = { 0xf8, 0x01 };
static const uint8_t fx623_cell[] = { 0x05 };
static const uint8_t fx624_meta[] = { 0xf8, 0x01 };
static const uint8_t fx624_cell[] = { 0x00 };
static const uint8_t fx625_meta[] = { 0xf8, 0x01 };
static const uint8_t fx625_cell[] = { 0x02 };
static const uint8_t fx626_meta[] = { 0xf8, 0x01 };
static const uint8_t fx626_cell[] = { 0x07 };
static const uint8_t fx627_meta[] = { 0xf8, 0x08 };
static const uint8_t fx627_cell[] = { 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x80 };
static const uint8_t fx628_meta[] = { 0xf8, 0x08 };
static const uint8_t fx628_cell[] = { 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t fx629_meta[] = { 0x01, 0x00 };
static const uint8_t fx629_cell[] = { 0x01 };
static const uint8_t fx630_meta[] = { 0x01, 0x00 };
static const uint8_t fx630_cell[] = { 0x00 };
static const uint8_t fx631_meta[] = { 0x07, 0x00 };
static const uint8_t fx631_cell[] = { 0x7f };
static const uint8_t fx632_meta[] = { 0x07, 0x00 };
static const uint8_t fx632_cell[] = { 0x05 };
static const uint8_t fx633_meta[] = { 0x00, 0x01 };
static const uint8_t fx633_cell[] = { 0xff };
static const uint8_t fx634_meta[] = { 0x00, 0x01 };
static const uint8_t fx634_cell[] = { 0x01 };
static const uint8_t fx635_meta[] = { 0x01, 0x01 };
static const uint8_t fx635_cell[] = { 0x01, 0xff };
static const uint8_t fx636_meta[] = { 0x01, 0x01 };
static const uint8_t fx636_cell[] = { 0x01, 0x00 };
static const uint8_t fx637_meta[] = { 0x00, 0x08 };
static const uint8_t fx637_cell[] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
static const uint8_t fx638_meta[] = { 0x00, 0x08 };
static const uint8_t fx638_cell[] = { 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01 };
static const uint8_t fx639_meta[] = { 0x04 };
static const uint8_t fx639_cell[] = { 0x19, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xf0, 0x3f, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x40 };
static const uint8_t fx640_meta[] = { 0x04 };
static const uint8_t fx640_cell[] = { 0x2d, 0x00, 0x00, 0x00, 0xe6, 0x10, 0x00, 0x00, 0x01, 0x02, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xf0, 0x3f, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xf0, 0x3f };
static const uint8_t fx641_meta[] = { 0x04 };
static const uint8_t fx641_cell[] = { 0x19, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xf0, 0x3f, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x40 };
static const uint8_t fx642_meta[] = { 0xd1, 0x07 };
static const uint8_t fx642_cell[] = { 0x06, 0x00, 0x00, 0x68, 0x65, 0x6c, 0x6c, 0x6f };
static const uint8_t fx643_meta[] = { 0xd1, 0x07 };
static const uint8_t fx643_cell[] = { 0x0c, 0x00, 0x8a, 0x01, 0x2c, 0x4b, 0x4c, 0x4a, 0x4e, 0x1c, 0x45, 0xc4, 0x21, 0x00 };
static const uint8_t fx644_meta[] = { 0xd1, 0x07 };
static const uint8_t fx644_cell[] = { 0x00, 0x00 };
static const uint8_t fx645_meta[] = { 0x02 };
static const uint8_t fx645_cell[] = { 0x03, 0x00, 0x00, 0x01, 0x02 };
static const uint8_t fx646_meta[] = { 0x02 };
static const uint8_t fx646_cell[] = { 0x0e, 0x00, 0x8a, 0x02, 0x58, 0xab, 0xa8, 0xac, 0xaa, 0x18, 0x45, 0xa3, 0x88, 0xda, 0x08, 0x00 };
static const uint8_t fx647_meta[] = { 0x02 };
static const uint8_t fx647_cell[] = { 0x00, 0x00 };
static const uint8_t fx648_meta[] = { 0x02 };
static const uint8_t fx648_cell[] = { 0x02, 0x00, 0x00, 0xe9 };
static const uint8_t fx649_meta[] = { 0x02 };
static const uint8_t fx649_cell[] = { 0x0a, 0x00, 0x8a, 0x01, 0x2c, 0x2b, 0x2c, 0x1c, 0x05, 0xc4, 0x02, 0x00 };

static const struct cell_fixture cell_fixtures[] = {
    { "i_tinyint_1", 1, fx0_meta, 0, fx0_cell, 1, 0, false, 0, "",
      S("-128"),
      S("-128") },
    { "i_tinyint_2", 1, fx1_meta, 0, fx1_cell, 1, 0, false, 0, "",
      S("127"),
      S("127") },
    { "i_tinyint_3", 1, fx2_meta, 0, fx2_cell, 1, 0, false, 0, "",
      S("0"),
      S("0") },
    { "i_tinyint_4", 1, fx3_meta, 0, fx3_cell, 1, 0, false, 0, "",
      S("-1"),
      S("-1") },
    { "i_tinyint_5", 1, fx4_meta, 0, fx4_cell, 1, 0, false, 0, "",
      S("1"),
      S("1") },
    { "u_tinyint_1", 1, fx5_meta, 0, fx5_cell, 1, 0, true, 0, "",
      S("255"),
      S("255") },
    { "u_tinyint_2", 1, fx6_meta, 0, fx6_cell, 1, 0, true, 0, "",
      S("0"),
      S("0") },
    { "u_tinyint_3", 1, fx7_meta, 0, fx7_cell, 1, 0, true, 0, "",
      S("1"),
      S("1") },
    { "u_tinyint_4", 1, fx8_meta, 0, fx8_cell, 1, 0, true, 0, "",
      S("127"),
      S("127") },
    { "u_tinyint_5", 1, fx9_meta, 0, fx9_cell, 1, 0, true, 0, "",
      S("128"),
      S("128") },
    { "i_smallint_1", 2, fx10_meta, 0, fx10_cell, 2, 0, false, 0, "",
      S("-32768"),
      S("-32768") },
    { "i_smallint_2", 2, fx11_meta, 0, fx11_cell, 2, 0, false, 0, "",
      S("32767"),
      S("32767") },
    { "i_smallint_3", 2, fx12_meta, 0, fx12_cell, 2, 0, false, 0, "",
      S("0"),
      S("0") },
    { "i_smallint_4", 2, fx13_meta, 0, fx13_cell, 2, 0, false, 0, "",
      S("-1"),
      S("-1") },
    { "i_smallint_5", 2, fx14_meta, 0, fx14_cell, 2, 0, false, 0, "",
      S("1"),
      S("1") },
    { "u_smallint_1", 2, fx15_meta, 0, fx15_cell, 2, 0, true, 0, "",
      S("65535"),
      S("65535") },
    { "u_smallint_2", 2, fx16_meta, 0, fx16_cell, 2, 0, true, 0, "",
      S("0"),
      S("0") },
    { "u_smallint_3", 2, fx17_meta, 0, fx17_cell, 2, 0, true, 0, "",
      S("1"),
      S("1") },
    { "u_smallint_4", 2, fx18_meta, 0, fx18_cell, 2, 0, true, 0, "",
      S("32767"),
      S("32767") },
    { "u_smallint_5", 2, fx19_meta, 0, fx19_cell, 2, 0, true, 0, "",
      S("32768"),
      S("32768") },
    { "i_mediumint_1", 9, fx20_meta, 0, fx20_cell, 3, 0, false, 0, "",
      S("-8388608"),
      S("-8388608") },
    { "i_mediumint_2", 9, fx21_meta, 0, fx21_cell, 3, 0, false, 0, "",
      S("8388607"),
      S("8388607") },
    { "i_mediumint_3", 9, fx22_meta, 0, fx22_cell, 3, 0, false, 0, "",
      S("0"),
      S("0") },
    { "i_mediumint_4", 9, fx23_meta, 0, fx23_cell, 3, 0, false, 0, "",
      S("-1"),
      S("-1") },
    { "i_mediumint_5", 9, fx24_meta, 0, fx24_cell, 3, 0, false, 0, "",
      S("1"),
      S("1") },
    { "u_mediumint_1", 9, fx25_meta, 0, fx25_cell, 3, 0, true, 0, "",
      S("16777215"),
      S("16777215") },
    { "u_mediumint_2", 9, fx26_meta, 0, fx26_cell, 3, 0, true, 0, "",
      S("0"),
      S("0") },
    { "u_mediumint_3", 9, fx27_meta, 0, fx27_cell, 3, 0, true, 0, "",
      S("1"),
      S("1") },
    { "u_mediumint_4", 9, fx28_meta, 0, fx28_cell, 3, 0, true, 0, "",
      S("8388607"),
      S("8388607") },
    { "u_mediumint_5", 9, fx29_meta, 0, fx29_cell, 3, 0, true, 0, "",
      S("8388608"),
      S("8388608") },
    { "i_int_1", 3, fx30_meta, 0, fx30_cell, 4, 0, false, 0, "",
      S("-2147483648"),
      S("-2147483648") },
    { "i_int_2", 3, fx31_meta, 0, fx31_cell, 4, 0, false, 0, "",
      S("2147483647"),
      S("2147483647") },
    { "i_int_3", 3, fx32_meta, 0, fx32_cell, 4, 0, false, 0, "",
      S("0"),
      S("0") },
    { "i_int_4", 3, fx33_meta, 0, fx33_cell, 4, 0, false, 0, "",
      S("-1"),
      S("-1") },
    { "i_int_5", 3, fx34_meta, 0, fx34_cell, 4, 0, false, 0, "",
      S("1"),
      S("1") },
    { "u_int_1", 3, fx35_meta, 0, fx35_cell, 4, 0, true, 0, "",
      S("4294967295"),
      S("4294967295") },
    { "u_int_2", 3, fx36_meta, 0, fx36_cell, 4, 0, true, 0, "",
      S("0"),
      S("0") },
    { "u_int_3", 3, fx37_meta, 0, fx37_cell, 4, 0, true, 0, "",
      S("1"),
      S("1") },
    { "u_int_4", 3, fx38_meta, 0, fx38_cell, 4, 0, true, 0, "",
      S("2147483647"),
      S("2147483647") },
    { "u_int_5", 3, fx39_meta, 0, fx39_cell, 4, 0, true, 0, "",
      S("2147483648"),
      S("2147483648") },
    { "i_bigint_1", 8, fx40_meta, 0, fx40_cell, 8, 0, false, 0, "",
      S("-9223372036854775808"),
      S("-9223372036854775808") },
    { "i_bigint_2", 8, fx41_meta, 0, fx41_cell, 8, 0, false, 0, "",
      S("9223372036854775807"),
      S("9223372036854775807") },
    { "i_bigint_3", 8, fx42_meta, 0, fx42_cell, 8, 0, false, 0, "",
      S("0"),
      S("0") },
    { "i_bigint_4", 8, fx43_meta, 0, fx43_cell, 8, 0, false, 0, "",
      S("-1"),
      S("-1") },
    { "i_bigint_5", 8, fx44_meta, 0, fx44_cell, 8, 0, false, 0, "",
      S("1"),
      S("1") },
    { "u_bigint_1", 8, fx45_meta, 0, fx45_cell, 8, 0, true, 0, "",
      S("18446744073709551615"),
      S("18446744073709551615") },
    { "u_bigint_2", 8, fx46_meta, 0, fx46_cell, 8, 0, true, 0, "",
      S("0"),
      S("0") },
    { "u_bigint_3", 8, fx47_meta, 0, fx47_cell, 8, 0, true, 0, "",
      S("1"),
      S("1") },
    { "u_bigint_4", 8, fx48_meta, 0, fx48_cell, 8, 0, true, 0, "",
      S("9223372036854775807"),
      S("9223372036854775807") },
    { "u_bigint_5", 8, fx49_meta, 0, fx49_cell, 8, 0, true, 0, "",
      S("9223372036854775808"),
      S("9223372036854775808") },
    { "f_float_1", 4, fx50_meta, 1, fx50_cell, 4, 0, false, 0, "",
      S("3.1415927"),
      S("3.1415927") },
    { "f_float_2", 4, fx51_meta, 1, fx51_cell, 4, 0, false, 0, "",
      S("0.1"),
      S("0.1") },
    { "f_float_3", 4, fx52_meta, 1, fx52_cell, 4, 0, false, 0, "",
      S("-1.5"),
      S("-1.5") },
    { "f_float_4", 4, fx53_meta, 1, fx53_cell, 4, 0, false, 0, "",
      S("1e20"),
      S("1e20") },
    { "f_float_5", 4, fx54_meta, 1, fx54_cell, 4, 0, false, 0, "",
      S("1e-45"),
      S("1e-45") },
    { "f_float_6", 4, fx55_meta, 1, fx55_cell, 4, 0, false, 0, "",
      S("3.4028235e38"),
      S("3.4028235e38") },
    { "f_float_7", 4, fx56_meta, 1, fx56_cell, 4, 0, false, 0, "",
      S("16777216"),
      S("16777216") },
    { "f_float_8", 4, fx57_meta, 1, fx57_cell, 4, 0, false, 0, "",
      S("0.0000001"),
      S("0.0000001") },
    { "f_float_9", 4, fx58_meta, 1, fx58_cell, 4, 0, false, 0, "",
      S("123456790"),
      S("123456790") },
    { "f_float_10", 4, fx59_meta, 1, fx59_cell, 4, 0, false, 0, "",
      S("-1.1754944e-38"),
      S("-1.1754944e-38") },
    { "f_float_11", 4, fx60_meta, 1, fx60_cell, 4, 0, false, 0, "",
      S("0"),
      S("0") },
    { "f_float_12", 4, fx61_meta, 1, fx61_cell, 4, 0, false, 0, "",
      S("1e-16"),
      S("1e-16") },
    { "f_float_13", 4, fx62_meta, 1, fx62_cell, 4, 0, false, 0, "",
      S("1e15"),
      S("1e15") },
    { "f_float_14", 4, fx63_meta, 1, fx63_cell, 4, 0, false, 0, "",
      S("1e16"),
      S("1e16") },
    { "f_float_15", 4, fx64_meta, 1, fx64_cell, 4, 0, false, 0, "",
      S("100"),
      S("100") },
    { "f_float_16", 4, fx65_meta, 1, fx65_cell, 4, 0, false, 0, "",
      S("2.5"),
      S("2.5") },
    { "f_float_17", 4, fx66_meta, 1, fx66_cell, 4, 0, false, 0, "",
      S("-3.4028235e38"),
      S("-3.4028235e38") },
    { "f_float_18", 4, fx67_meta, 1, fx67_cell, 4, 0, false, 0, "",
      S("0.0000000001"),
      S("0.0000000001") },
    { "f_float_19", 4, fx68_meta, 1, fx68_cell, 4, 0, false, 0, "",
      S("7e-45"),
      S("7e-45") },
    { "f_double_1", 5, fx69_meta, 1, fx69_cell, 8, 0, false, 0, "",
      S("3.1415927"),
      S("3.1415927") },
    { "f_double_2", 5, fx70_meta, 1, fx70_cell, 8, 0, false, 0, "",
      S("0.1"),
      S("0.1") },
    { "f_double_3", 5, fx71_meta, 1, fx71_cell, 8, 0, false, 0, "",
      S("-1.5"),
      S("-1.5") },
    { "f_double_4", 5, fx72_meta, 1, fx72_cell, 8, 0, false, 0, "",
      S("1e20"),
      S("1e20") },
    { "f_double_5", 5, fx73_meta, 1, fx73_cell, 8, 0, false, 0, "",
      S("5e-324"),
      S("5e-324") },
    { "f_double_6", 5, fx74_meta, 1, fx74_cell, 8, 0, false, 0, "",
      S("1.7976931348623157e308"),
      S("1.7976931348623157e308") },
    { "f_double_7", 5, fx75_meta, 1, fx75_cell, 8, 0, false, 0, "",
      S("-1.7976931348623157e308"),
      S("-1.7976931348623157e308") },
    { "f_double_8", 5, fx76_meta, 1, fx76_cell, 8, 0, false, 0, "",
      S("2.2250738585072014e-308"),
      S("2.2250738585072014e-308") },
    { "f_double_9", 5, fx77_meta, 1, fx77_cell, 8, 0, false, 0, "",
      S("1e15"),
      S("1e15") },
    { "f_double_10", 5, fx78_meta, 1, fx78_cell, 8, 0, false, 0, "",
      S("1e16"),
      S("1e16") },
    { "f_double_11", 5, fx79_meta, 1, fx79_cell, 8, 0, false, 0, "",
      S("100000000000000"),
      S("100000000000000") },
    { "f_double_12", 5, fx80_meta, 1, fx80_cell, 8, 0, false, 0, "",
      S("1.2345678901234568e17"),
      S("1.2345678901234568e17") },
    { "f_double_13", 5, fx81_meta, 1, fx81_cell, 8, 0, false, 0, "",
      S("0.000000000000001"),
      S("0.000000000000001") },
    { "f_double_14", 5, fx82_meta, 1, fx82_cell, 8, 0, false, 0, "",
      S("1e-16"),
      S("1e-16") },
    { "f_double_15", 5, fx83_meta, 1, fx83_cell, 8, 0, false, 0, "",
      S("-0.0000001"),
      S("-0.0000001") },
    { "f_double_16", 5, fx84_meta, 1, fx84_cell, 8, 0, false, 0, "",
      S("0.3"),
      S("0.3") },
    { "f_double_17", 5, fx85_meta, 1, fx85_cell, 8, 0, false, 0, "",
      S("0.0000000000000012345678901234568"),
      S("0.0000000000000012345678901234568") },
    { "f_double_18", 5, fx86_meta, 1, fx86_cell, 8, 0, false, 0, "",
      S("123456789012345.67"),
      S("123456789012345.67") },
    { "f_double_19", 5, fx87_meta, 1, fx87_cell, 8, 0, false, 0, "",
      S("123456789012345.6"),
      S("123456789012345.6") },
    { "f_double_20", 5, fx88_meta, 1, fx88_cell, 8, 0, false, 0, "",
      S("1.5e300"),
      S("1.5e300") },
    { "f_double_21", 5, fx89_meta, 1, fx89_cell, 8, 0, false, 0, "",
      S("-2.5e-300"),
      S("-2.5e-300") },
    { "f_double_22", 5, fx90_meta, 1, fx90_cell, 8, 0, false, 0, "",
      S("0"),
      S("0") },
    { "f_double_23", 5, fx91_meta, 1, fx91_cell, 8, 0, false, 0, "",
      S("100"),
      S("100") },
    { "f_double_24", 5, fx92_meta, 1, fx92_cell, 8, 0, false, 0, "",
      S("4.35"),
      S("4.35") },
    { "f_double_25", 5, fx93_meta, 1, fx93_cell, 8, 0, false, 0, "",
      S("2e23"),
      S("2e23") },
    { "f_double_26", 5, fx94_meta, 1, fx94_cell, 8, 0, false, 0, "",
      S("9.007199254740992e15"),
      S("9.007199254740992e15") },
    { "f_double_27", 5, fx95_meta, 1, fx95_cell, 8, 0, false, 0, "",
      S("0.000123456"),
      S("0.000123456") },
    { "d_1_0_1", 246, fx96_meta, 2, fx96_cell, 1, 0, false, 0, "",
      S("9"),
      S("\"9\"") },
    { "d_1_0_2", 246, fx97_meta, 2, fx97_cell, 1, 0, false, 0, "",
      S("-9"),
      S("\"-9\"") },
    { "d_1_0_3", 246, fx98_meta, 2, fx98_cell, 1, 0, false, 0, "",
      S("0"),
      S("\"0\"") },
    { "d_1_0_4", 246, fx99_meta, 2, fx99_cell, 1, 0, false, 0, "",
      S("0"),
      S("\"0\"") },
    { "d_1_0_5", 246, fx100_meta, 2, fx100_cell, 1, 0, false, 0, "",
      S("1"),
      S("\"1\"") },
    { "d_1_0_6", 246, fx101_meta, 2, fx101_cell, 1, 0, false, 0, "",
      S("-1"),
      S("\"-1\"") },
    { "d_1_1_1", 246, fx102_meta, 2, fx102_cell, 1, 0, false, 0, "",
      S("0.9"),
      S("\"0.9\"") },
    { "d_1_1_2", 246, fx103_meta, 2, fx103_cell, 1, 0, false, 0, "",
      S("-0.9"),
      S("\"-0.9\"") },
    { "d_1_1_3", 246, fx104_meta, 2, fx104_cell, 1, 0, false, 0, "",
      S("0.0"),
      S("\"0.0\"") },
    { "d_1_1_4", 246, fx105_meta, 2, fx105_cell, 1, 0, false, 0, "",
      S("0.0"),
      S("\"0.0\"") },
    { "d_1_1_5", 246, fx106_meta, 2, fx106_cell, 1, 0, false, 0, "",
      S("0.0"),
      S("\"0.0\"") },
    { "d_1_1_6", 246, fx107_meta, 2, fx107_cell, 1, 0, false, 0, "",
      S("0.0"),
      S("\"0.0\"") },
    { "d_1_1_7", 246, fx108_meta, 2, fx108_cell, 1, 0, false, 0, "",
      S("0.1"),
      S("\"0.1\"") },
    { "d_1_1_8", 246, fx109_meta, 2, fx109_cell, 1, 0, false, 0, "",
      S("-0.1"),
      S("\"-0.1\"") },
    { "d_2_1_1", 246, fx110_meta, 2, fx110_cell, 2, 0, false, 0, "",
      S("9.9"),
      S("\"9.9\"") },
    { "d_2_1_2", 246, fx111_meta, 2, fx111_cell, 2, 0, false, 0, "",
      S("-9.9"),
      S("\"-9.9\"") },
    { "d_2_1_3", 246, fx112_meta, 2, fx112_cell, 2, 0, false, 0, "",
      S("0.0"),
      S("\"0.0\"") },
    { "d_2_1_4", 246, fx113_meta, 2, fx113_cell, 2, 0, false, 0, "",
      S("0.0"),
      S("\"0.0\"") },
    { "d_2_1_5", 246, fx114_meta, 2, fx114_cell, 2, 0, false, 0, "",
      S("1.0"),
      S("\"1.0\"") },
    { "d_2_1_6", 246, fx115_meta, 2, fx115_cell, 2, 0, false, 0, "",
      S("-1.0"),
      S("\"-1.0\"") },
    { "d_2_1_7", 246, fx116_meta, 2, fx116_cell, 2, 0, false, 0, "",
      S("0.1"),
      S("\"0.1\"") },
    { "d_2_1_8", 246, fx117_meta, 2, fx117_cell, 2, 0, false, 0, "",
      S("-0.1"),
      S("\"-0.1\"") },
    { "d_5_2_1", 246, fx118_meta, 2, fx118_cell, 3, 0, false, 0, "",
      S("999.99"),
      S("\"999.99\"") },
    { "d_5_2_2", 246, fx119_meta, 2, fx119_cell, 3, 0, false, 0, "",
      S("-999.99"),
      S("\"-999.99\"") },
    { "d_5_2_3", 246, fx120_meta, 2, fx120_cell, 3, 0, false, 0, "",
      S("0.00"),
      S("\"0.00\"") },
    { "d_5_2_4", 246, fx121_meta, 2, fx121_cell, 3, 0, false, 0, "",
      S("0.00"),
      S("\"0.00\"") },
    { "d_5_2_5", 246, fx122_meta, 2, fx122_cell, 3, 0, false, 0, "",
      S("1.00"),
      S("\"1.00\"") },
    { "d_5_2_6", 246, fx123_meta, 2, fx123_cell, 3, 0, false, 0, "",
      S("-1.00"),
      S("\"-1.00\"") },
    { "d_5_2_7", 246, fx124_meta, 2, fx124_cell, 3, 0, false, 0, "",
      S("0.01"),
      S("\"0.01\"") },
    { "d_5_2_8", 246, fx125_meta, 2, fx125_cell, 3, 0, false, 0, "",
      S("-0.01"),
      S("\"-0.01\"") },
    { "d_5_2_9", 246, fx126_meta, 2, fx126_cell, 3, 0, false, 0, "",
      S("-12.50"),
      S("\"-12.50\"") },
    { "d_5_2_10", 246, fx127_meta, 2, fx127_cell, 3, 0, false, 0, "",
      S("10.01"),
      S("\"10.01\"") },
    { "d_9_0_1", 246, fx128_meta, 2, fx128_cell, 4, 0, false, 0, "",
      S("999999999"),
      S("\"999999999\"") },
    { "d_9_0_2", 246, fx129_meta, 2, fx129_cell, 4, 0, false, 0, "",
      S("-999999999"),
      S("\"-999999999\"") },
    { "d_9_0_3", 246, fx130_meta, 2, fx130_cell, 4, 0, false, 0, "",
      S("0"),
      S("\"0\"") },
    { "d_9_0_4", 246, fx131_meta, 2, fx131_cell, 4, 0, false, 0, "",
      S("0"),
      S("\"0\"") },
    { "d_9_0_5", 246, fx132_meta, 2, fx132_cell, 4, 0, false, 0, "",
      S("1"),
      S("\"1\"") },
    { "d_9_0_6", 246, fx133_meta, 2, fx133_cell, 4, 0, false, 0, "",
      S("-1"),
      S("\"-1\"") },
    { "d_9_9_1", 246, fx134_meta, 2, fx134_cell, 4, 0, false, 0, "",
      S("0.999999999"),
      S("\"0.999999999\"") },
    { "d_9_9_2", 246, fx135_meta, 2, fx135_cell, 4, 0, false, 0, "",
      S("-0.999999999"),
      S("\"-0.999999999\"") },
    { "d_9_9_3", 246, fx136_meta, 2, fx136_cell, 4, 0, false, 0, "",
      S("0.000000000"),
      S("\"0.000000000\"") },
    { "d_9_9_4", 246, fx137_meta, 2, fx137_cell, 4, 0, false, 0, "",
      S("0.000000000"),
      S("\"0.000000000\"") },
    { "d_9_9_5", 246, fx138_meta, 2, fx138_cell, 4, 0, false, 0, "",
      S("0.000000000"),
      S("\"0.000000000\"") },
    { "d_9_9_6", 246, fx139_meta, 2, fx139_cell, 4, 0, false, 0, "",
      S("0.000000000"),
      S("\"0.000000000\"") },
    { "d_9_9_7", 246, fx140_meta, 2, fx140_cell, 4, 0, false, 0, "",
      S("0.000000001"),
      S("\"0.000000001\"") },
    { "d_9_9_8", 246, fx141_meta, 2, fx141_cell, 4, 0, false, 0, "",
      S("-0.000000001"),
      S("\"-0.000000001\"") },
    { "d_10_0_1", 246, fx142_meta, 2, fx142_cell, 5, 0, false, 0, "",
      S("9999999999"),
      S("\"9999999999\"") },
    { "d_10_0_2", 246, fx143_meta, 2, fx143_cell, 5, 0, false, 0, "",
      S("-9999999999"),
      S("\"-9999999999\"") },
    { "d_10_0_3", 246, fx144_meta, 2, fx144_cell, 5, 0, false, 0, "",
      S("0"),
      S("\"0\"") },
    { "d_10_0_4", 246, fx145_meta, 2, fx145_cell, 5, 0, false, 0, "",
      S("0"),
      S("\"0\"") },
    { "d_10_0_5", 246, fx146_meta, 2, fx146_cell, 5, 0, false, 0, "",
      S("1"),
      S("\"1\"") },
    { "d_10_0_6", 246, fx147_meta, 2, fx147_cell, 5, 0, false, 0, "",
      S("-1"),
      S("\"-1\"") },
    { "d_10_0_7", 246, fx148_meta, 2, fx148_cell, 5, 0, false, 0, "",
      S("1000000000"),
      S("\"1000000000\"") },
    { "d_10_0_8", 246, fx149_meta, 2, fx149_cell, 5, 0, false, 0, "",
      S("-999999999"),
      S("\"-999999999\"") },
    { "d_10_0_9", 246, fx150_meta, 2, fx150_cell, 5, 0, false, 0, "",
      S("1234567890"),
      S("\"1234567890\"") },
    { "d_10_5_1", 246, fx151_meta, 2, fx151_cell, 6, 0, false, 0, "",
      S("99999.99999"),
      S("\"99999.99999\"") },
    { "d_10_5_2", 246, fx152_meta, 2, fx152_cell, 6, 0, false, 0, "",
      S("-99999.99999"),
      S("\"-99999.99999\"") },
    { "d_10_5_3", 246, fx153_meta, 2, fx153_cell, 6, 0, false, 0, "",
      S("0.00000"),
      S("\"0.00000\"") },
    { "d_10_5_4", 246, fx154_meta, 2, fx154_cell, 6, 0, false, 0, "",
      S("0.00000"),
      S("\"0.00000\"") },
    { "d_10_5_5", 246, fx155_meta, 2, fx155_cell, 6, 0, false, 0, "",
      S("1.00000"),
      S("\"1.00000\"") },
    { "d_10_5_6", 246, fx156_meta, 2, fx156_cell, 6, 0, false, 0, "",
      S("-1.00000"),
      S("\"-1.00000\"") },
    { "d_10_5_7", 246, fx157_meta, 2, fx157_cell, 6, 0, false, 0, "",
      S("0.00001"),
      S("\"0.00001\"") },
    { "d_10_5_8", 246, fx158_meta, 2, fx158_cell, 6, 0, false, 0, "",
      S("-0.00001"),
      S("\"-0.00001\"") },
    { "d_10_5_9", 246, fx159_meta, 2, fx159_cell, 6, 0, false, 0, "",
      S("-12.50000"),
      S("\"-12.50000\"") },
    { "d_10_5_10", 246, fx160_meta, 2, fx160_cell, 6, 0, false, 0, "",
      S("10.00001"),
      S("\"10.00001\"") },
    { "d_18_9_1", 246, fx161_meta, 2, fx161_cell, 8, 0, false, 0, "",
      S("999999999.999999999"),
      S("\"999999999.999999999\"") },
    { "d_18_9_2", 246, fx162_meta, 2, fx162_cell, 8, 0, false, 0, "",
      S("-999999999.999999999"),
      S("\"-999999999.999999999\"") },
    { "d_18_9_3", 246, fx163_meta, 2, fx163_cell, 8, 0, false, 0, "",
      S("0.000000000"),
      S("\"0.000000000\"") },
    { "d_18_9_4", 246, fx164_meta, 2, fx164_cell, 8, 0, false, 0, "",
      S("0.000000000"),
      S("\"0.000000000\"") },
    { "d_18_9_5", 246, fx165_meta, 2, fx165_cell, 8, 0, false, 0, "",
      S("1.000000000"),
      S("\"1.000000000\"") },
    { "d_18_9_6", 246, fx166_meta, 2, fx166_cell, 8, 0, false, 0, "",
      S("-1.000000000"),
      S("\"-1.000000000\"") },
    { "d_18_9_7", 246, fx167_meta, 2, fx167_cell, 8, 0, false, 0, "",
      S("0.000000001"),
      S("\"0.000000001\"") },
    { "d_18_9_8", 246, fx168_meta, 2, fx168_cell, 8, 0, false, 0, "",
      S("-0.000000001"),
      S("\"-0.000000001\"") },
    { "d_18_9_9", 246, fx169_meta, 2, fx169_cell, 8, 0, false, 0, "",
      S("-12.500000000"),
      S("\"-12.500000000\"") },
    { "d_18_9_10", 246, fx170_meta, 2, fx170_cell, 8, 0, false, 0, "",
      S("10.000000001"),
      S("\"10.000000001\"") },
    { "d_19_10_1", 246, fx171_meta, 2, fx171_cell, 9, 0, false, 0, "",
      S("999999999.9999999999"),
      S("\"999999999.9999999999\"") },
    { "d_19_10_2", 246, fx172_meta, 2, fx172_cell, 9, 0, false, 0, "",
      S("-999999999.9999999999"),
      S("\"-999999999.9999999999\"") },
    { "d_19_10_3", 246, fx173_meta, 2, fx173_cell, 9, 0, false, 0, "",
      S("0.0000000000"),
      S("\"0.0000000000\"") },
    { "d_19_10_4", 246, fx174_meta, 2, fx174_cell, 9, 0, false, 0, "",
      S("0.0000000000"),
      S("\"0.0000000000\"") },
    { "d_19_10_5", 246, fx175_meta, 2, fx175_cell, 9, 0, false, 0, "",
      S("1.0000000000"),
      S("\"1.0000000000\"") },
    { "d_19_10_6", 246, fx176_meta, 2, fx176_cell, 9, 0, false, 0, "",
      S("-1.0000000000"),
      S("\"-1.0000000000\"") },
    { "d_19_10_7", 246, fx177_meta, 2, fx177_cell, 9, 0, false, 0, "",
      S("0.0000000001"),
      S("\"0.0000000001\"") },
    { "d_19_10_8", 246, fx178_meta, 2, fx178_cell, 9, 0, false, 0, "",
      S("-0.0000000001"),
      S("\"-0.0000000001\"") },
    { "d_19_10_9", 246, fx179_meta, 2, fx179_cell, 9, 0, false, 0, "",
      S("-12.5000000000"),
      S("\"-12.5000000000\"") },
    { "d_19_10_10", 246, fx180_meta, 2, fx180_cell, 9, 0, false, 0, "",
      S("10.0000000001"),
      S("\"10.0000000001\"") },
    { "d_20_10_1", 246, fx181_meta, 2, fx181_cell, 10, 0, false, 0, "",
      S("9999999999.9999999999"),
      S("\"9999999999.9999999999\"") },
    { "d_20_10_2", 246, fx182_meta, 2, fx182_cell, 10, 0, false, 0, "",
      S("-9999999999.9999999999"),
      S("\"-9999999999.9999999999\"") },
    { "d_20_10_3", 246, fx183_meta, 2, fx183_cell, 10, 0, false, 0, "",
      S("0.0000000000"),
      S("\"0.0000000000\"") },
    { "d_20_10_4", 246, fx184_meta, 2, fx184_cell, 10, 0, false, 0, "",
      S("0.0000000000"),
      S("\"0.0000000000\"") },
    { "d_20_10_5", 246, fx185_meta, 2, fx185_cell, 10, 0, false, 0, "",
      S("1.0000000000"),
      S("\"1.0000000000\"") },
    { "d_20_10_6", 246, fx186_meta, 2, fx186_cell, 10, 0, false, 0, "",
      S("-1.0000000000"),
      S("\"-1.0000000000\"") },
    { "d_20_10_7", 246, fx187_meta, 2, fx187_cell, 10, 0, false, 0, "",
      S("0.0000000001"),
      S("\"0.0000000001\"") },
    { "d_20_10_8", 246, fx188_meta, 2, fx188_cell, 10, 0, false, 0, "",
      S("-0.0000000001"),
      S("\"-0.0000000001\"") },
    { "d_20_10_9", 246, fx189_meta, 2, fx189_cell, 10, 0, false, 0, "",
      S("-12.5000000000"),
      S("\"-12.5000000000\"") },
    { "d_20_10_10", 246, fx190_meta, 2, fx190_cell, 10, 0, false, 0, "",
      S("10.0000000001"),
      S("\"10.0000000001\"") },
    { "d_20_10_11", 246, fx191_meta, 2, fx191_cell, 10, 0, false, 0, "",
      S("1000000000.0000000000"),
      S("\"1000000000.0000000000\"") },
    { "d_20_10_12", 246, fx192_meta, 2, fx192_cell, 10, 0, false, 0, "",
      S("-999999999.0000000000"),
      S("\"-999999999.0000000000\"") },
    { "d_20_10_13", 246, fx193_meta, 2, fx193_cell, 10, 0, false, 0, "",
      S("1234567890.0000000000"),
      S("\"1234567890.0000000000\"") },
    { "d_65_30_1", 246, fx194_meta, 2, fx194_cell, 30, 0, false, 0, "",
      S("99999999999999999999999999999999999.999999999999999999999999999999"),
      S("\"99999999999999999999999999999999999.999999999999999999999999999999\"") },
    { "d_65_30_2", 246, fx195_meta, 2, fx195_cell, 30, 0, false, 0, "",
      S("-99999999999999999999999999999999999.999999999999999999999999999999"),
      S("\"-99999999999999999999999999999999999.999999999999999999999999999999\"") },
    { "d_65_30_3", 246, fx196_meta, 2, fx196_cell, 30, 0, false, 0, "",
      S("0.000000000000000000000000000000"),
      S("\"0.000000000000000000000000000000\"") },
    { "d_65_30_4", 246, fx197_meta, 2, fx197_cell, 30, 0, false, 0, "",
      S("0.000000000000000000000000000000"),
      S("\"0.000000000000000000000000000000\"") },
    { "d_65_30_5", 246, fx198_meta, 2, fx198_cell, 30, 0, false, 0, "",
      S("1.000000000000000000000000000000"),
      S("\"1.000000000000000000000000000000\"") },
    { "d_65_30_6", 246, fx199_meta, 2, fx199_cell, 30, 0, false, 0, "",
      S("-1.000000000000000000000000000000"),
      S("\"-1.000000000000000000000000000000\"") },
    { "d_65_30_7", 246, fx200_meta, 2, fx200_cell, 30, 0, false, 0, "",
      S("0.000000000000000000000000000001"),
      S("\"0.000000000000000000000000000001\"") },
    { "d_65_30_8", 246, fx201_meta, 2, fx201_cell, 30, 0, false, 0, "",
      S("-0.000000000000000000000000000001"),
      S("\"-0.000000000000000000000000000001\"") },
    { "d_65_30_9", 246, fx202_meta, 2, fx202_cell, 30, 0, false, 0, "",
      S("-12.500000000000000000000000000000"),
      S("\"-12.500000000000000000000000000000\"") },
    { "d_65_30_10", 246, fx203_meta, 2, fx203_cell, 30, 0, false, 0, "",
      S("10.000000000000000000000000000001"),
      S("\"10.000000000000000000000000000001\"") },
    { "d_65_30_11", 246, fx204_meta, 2, fx204_cell, 30, 0, false, 0, "",
      S("1000000000.000000000000000000000000000000"),
      S("\"1000000000.000000000000000000000000000000\"") },
    { "d_65_30_12", 246, fx205_meta, 2, fx205_cell, 30, 0, false, 0, "",
      S("-999999999.000000000000000000000000000000"),
      S("\"-999999999.000000000000000000000000000000\"") },
    { "d_65_30_13", 246, fx206_meta, 2, fx206_cell, 30, 0, false, 0, "",
      S("123456789012345678.000000000000000000000000000000"),
      S("\"123456789012345678.000000000000000000000000000000\"") },
    { "d_65_0_1", 246, fx207_meta, 2, fx207_cell, 29, 0, false, 0, "",
      S("99999999999999999999999999999999999999999999999999999999999999999"),
      S("\"99999999999999999999999999999999999999999999999999999999999999999\"") },
    { "d_65_0_2", 246, fx208_meta, 2, fx208_cell, 29, 0, false, 0, "",
      S("-99999999999999999999999999999999999999999999999999999999999999999"),
      S("\"-99999999999999999999999999999999999999999999999999999999999999999\"") },
    { "d_65_0_3", 246, fx209_meta, 2, fx209_cell, 29, 0, false, 0, "",
      S("0"),
      S("\"0\"") },
    { "d_65_0_4", 246, fx210_meta, 2, fx210_cell, 29, 0, false, 0, "",
      S("0"),
      S("\"0\"") },
    { "d_65_0_5", 246, fx211_meta, 2, fx211_cell, 29, 0, false, 0, "",
      S("1"),
      S("\"1\"") },
    { "d_65_0_6", 246, fx212_meta, 2, fx212_cell, 29, 0, false, 0, "",
      S("-1"),
      S("\"-1\"") },
    { "d_65_0_7", 246, fx213_meta, 2, fx213_cell, 29, 0, false, 0, "",
      S("1000000000"),
      S("\"1000000000\"") },
    { "d_65_0_8", 246, fx214_meta, 2, fx214_cell, 29, 0, false, 0, "",
      S("-999999999"),
      S("\"-999999999\"") },
    { "d_65_0_9", 246, fx215_meta, 2, fx215_cell, 29, 0, false, 0, "",
      S("123456789012345678"),
      S("\"123456789012345678\"") },
    { "d_30_30_1", 246, fx216_meta, 2, fx216_cell, 14, 0, false, 0, "",
      S("0.999999999999999999999999999999"),
      S("\"0.999999999999999999999999999999\"") },
    { "d_30_30_2", 246, fx217_meta, 2, fx217_cell, 14, 0, false, 0, "",
      S("-0.999999999999999999999999999999"),
      S("\"-0.999999999999999999999999999999\"") },
    { "d_30_30_3", 246, fx218_meta, 2, fx218_cell, 14, 0, false, 0, "",
      S("0.000000000000000000000000000000"),
      S("\"0.000000000000000000000000000000\"") },
    { "d_30_30_4", 246, fx219_meta, 2, fx219_cell, 14, 0, false, 0, "",
      S("0.000000000000000000000000000000"),
      S("\"0.000000000000000000000000000000\"") },
    { "d_30_30_5", 246, fx220_meta, 2, fx220_cell, 14, 0, false, 0, "",
      S("0.000000000000000000000000000000"),
      S("\"0.000000000000000000000000000000\"") },
    { "d_30_30_6", 246, fx221_meta, 2, fx221_cell, 14, 0, false, 0, "",
      S("0.000000000000000000000000000000"),
      S("\"0.000000000000000000000000000000\"") },
    { "d_30_30_7", 246, fx222_meta, 2, fx222_cell, 14, 0, false, 0, "",
      S("0.000000000000000000000000000001"),
      S("\"0.000000000000000000000000000001\"") },
    { "d_30_30_8", 246, fx223_meta, 2, fx223_cell, 14, 0, false, 0, "",
      S("-0.000000000000000000000000000001"),
      S("\"-0.000000000000000000000000000001\"") },
    { "d_38_18_1", 246, fx224_meta, 2, fx224_cell, 17, 0, false, 0, "",
      S("99999999999999999999.999999999999999999"),
      S("\"99999999999999999999.999999999999999999\"") },
    { "d_38_18_2", 246, fx225_meta, 2, fx225_cell, 17, 0, false, 0, "",
      S("-99999999999999999999.999999999999999999"),
      S("\"-99999999999999999999.999999999999999999\"") },
    { "d_38_18_3", 246, fx226_meta, 2, fx226_cell, 17, 0, false, 0, "",
      S("0.000000000000000000"),
      S("\"0.000000000000000000\"") },
    { "d_38_18_4", 246, fx227_meta, 2, fx227_cell, 17, 0, false, 0, "",
      S("0.000000000000000000"),
      S("\"0.000000000000000000\"") },
    { "d_38_18_5", 246, fx228_meta, 2, fx228_cell, 17, 0, false, 0, "",
      S("1.000000000000000000"),
      S("\"1.000000000000000000\"") },
    { "d_38_18_6", 246, fx229_meta, 2, fx229_cell, 17, 0, false, 0, "",
      S("-1.000000000000000000"),
      S("\"-1.000000000000000000\"") },
    { "d_38_18_7", 246, fx230_meta, 2, fx230_cell, 17, 0, false, 0, "",
      S("0.000000000000000001"),
      S("\"0.000000000000000001\"") },
    { "d_38_18_8", 246, fx231_meta, 2, fx231_cell, 17, 0, false, 0, "",
      S("-0.000000000000000001"),
      S("\"-0.000000000000000001\"") },
    { "d_38_18_9", 246, fx232_meta, 2, fx232_cell, 17, 0, false, 0, "",
      S("-12.500000000000000000"),
      S("\"-12.500000000000000000\"") },
    { "d_38_18_10", 246, fx233_meta, 2, fx233_cell, 17, 0, false, 0, "",
      S("10.000000000000000001"),
      S("\"10.000000000000000001\"") },
    { "d_38_18_11", 246, fx234_meta, 2, fx234_cell, 17, 0, false, 0, "",
      S("1000000000.000000000000000000"),
      S("\"1000000000.000000000000000000\"") },
    { "d_38_18_12", 246, fx235_meta, 2, fx235_cell, 17, 0, false, 0, "",
      S("-999999999.000000000000000000"),
      S("\"-999999999.000000000000000000\"") },
    { "d_38_18_13", 246, fx236_meta, 2, fx236_cell, 17, 0, false, 0, "",
      S("123456789012345678.000000000000000000"),
      S("\"123456789012345678.000000000000000000\"") },
    { "d_4_2_1", 246, fx237_meta, 2, fx237_cell, 2, 0, false, 0, "",
      S("99.99"),
      S("\"99.99\"") },
    { "d_4_2_2", 246, fx238_meta, 2, fx238_cell, 2, 0, false, 0, "",
      S("-99.99"),
      S("\"-99.99\"") },
    { "d_4_2_3", 246, fx239_meta, 2, fx239_cell, 2, 0, false, 0, "",
      S("0.00"),
      S("\"0.00\"") },
    { "d_4_2_4", 246, fx240_meta, 2, fx240_cell, 2, 0, false, 0, "",
      S("0.00"),
      S("\"0.00\"") },
    { "d_4_2_5", 246, fx241_meta, 2, fx241_cell, 2, 0, false, 0, "",
      S("1.00"),
      S("\"1.00\"") },
    { "d_4_2_6", 246, fx242_meta, 2, fx242_cell, 2, 0, false, 0, "",
      S("-1.00"),
      S("\"-1.00\"") },
    { "d_4_2_7", 246, fx243_meta, 2, fx243_cell, 2, 0, false, 0, "",
      S("0.01"),
      S("\"0.01\"") },
    { "d_4_2_8", 246, fx244_meta, 2, fx244_cell, 2, 0, false, 0, "",
      S("-0.01"),
      S("\"-0.01\"") },
    { "d_4_2_9", 246, fx245_meta, 2, fx245_cell, 2, 0, false, 0, "",
      S("-12.50"),
      S("\"-12.50\"") },
    { "d_4_2_10", 246, fx246_meta, 2, fx246_cell, 2, 0, false, 0, "",
      S("10.01"),
      S("\"10.01\"") },
    { "d_12_3_1", 246, fx247_meta, 2, fx247_cell, 6, 0, false, 0, "",
      S("999999999.999"),
      S("\"999999999.999\"") },
    { "d_12_3_2", 246, fx248_meta, 2, fx248_cell, 6, 0, false, 0, "",
      S("-999999999.999"),
      S("\"-999999999.999\"") },
    { "d_12_3_3", 246, fx249_meta, 2, fx249_cell, 6, 0, false, 0, "",
      S("0.000"),
      S("\"0.000\"") },
    { "d_12_3_4", 246, fx250_meta, 2, fx250_cell, 6, 0, false, 0, "",
      S("0.000"),
      S("\"0.000\"") },
    { "d_12_3_5", 246, fx251_meta, 2, fx251_cell, 6, 0, false, 0, "",
      S("1.000"),
      S("\"1.000\"") },
    { "d_12_3_6", 246, fx252_meta, 2, fx252_cell, 6, 0, false, 0, "",
      S("-1.000"),
      S("\"-1.000\"") },
    { "d_12_3_7", 246, fx253_meta, 2, fx253_cell, 6, 0, false, 0, "",
      S("0.001"),
      S("\"0.001\"") },
    { "d_12_3_8", 246, fx254_meta, 2, fx254_cell, 6, 0, false, 0, "",
      S("-0.001"),
      S("\"-0.001\"") },
    { "d_12_3_9", 246, fx255_meta, 2, fx255_cell, 6, 0, false, 0, "",
      S("-12.500"),
      S("\"-12.500\"") },
    { "d_12_3_10", 246, fx256_meta, 2, fx256_cell, 6, 0, false, 0, "",
      S("10.001"),
      S("\"10.001\"") },
    { "d_17_8_1", 246, fx257_meta, 2, fx257_cell, 8, 0, false, 0, "",
      S("999999999.99999999"),
      S("\"999999999.99999999\"") },
    { "d_17_8_2", 246, fx258_meta, 2, fx258_cell, 8, 0, false, 0, "",
      S("-999999999.99999999"),
      S("\"-999999999.99999999\"") },
    { "d_17_8_3", 246, fx259_meta, 2, fx259_cell, 8, 0, false, 0, "",
      S("0.00000000"),
      S("\"0.00000000\"") },
    { "d_17_8_4", 246, fx260_meta, 2, fx260_cell, 8, 0, false, 0, "",
      S("0.00000000"),
      S("\"0.00000000\"") },
    { "d_17_8_5", 246, fx261_meta, 2, fx261_cell, 8, 0, false, 0, "",
      S("1.00000000"),
      S("\"1.00000000\"") },
    { "d_17_8_6", 246, fx262_meta, 2, fx262_cell, 8, 0, false, 0, "",
      S("-1.00000000"),
      S("\"-1.00000000\"") },
    { "d_17_8_7", 246, fx263_meta, 2, fx263_cell, 8, 0, false, 0, "",
      S("0.00000001"),
      S("\"0.00000001\"") },
    { "d_17_8_8", 246, fx264_meta, 2, fx264_cell, 8, 0, false, 0, "",
      S("-0.00000001"),
      S("\"-0.00000001\"") },
    { "d_17_8_9", 246, fx265_meta, 2, fx265_cell, 8, 0, false, 0, "",
      S("-12.50000000"),
      S("\"-12.50000000\"") },
    { "d_17_8_10", 246, fx266_meta, 2, fx266_cell, 8, 0, false, 0, "",
      S("10.00000001"),
      S("\"10.00000001\"") },
    { "d_3_0_1", 246, fx267_meta, 2, fx267_cell, 2, 0, false, 0, "",
      S("999"),
      S("\"999\"") },
    { "d_3_0_2", 246, fx268_meta, 2, fx268_cell, 2, 0, false, 0, "",
      S("-999"),
      S("\"-999\"") },
    { "d_3_0_3", 246, fx269_meta, 2, fx269_cell, 2, 0, false, 0, "",
      S("0"),
      S("\"0\"") },
    { "d_3_0_4", 246, fx270_meta, 2, fx270_cell, 2, 0, false, 0, "",
      S("0"),
      S("\"0\"") },
    { "d_3_0_5", 246, fx271_meta, 2, fx271_cell, 2, 0, false, 0, "",
      S("1"),
      S("\"1\"") },
    { "d_3_0_6", 246, fx272_meta, 2, fx272_cell, 2, 0, false, 0, "",
      S("-1"),
      S("\"-1\"") },
    { "t_year_1", 13, fx273_meta, 0, fx273_cell, 1, 0, false, 0, "",
      S("0000"),
      S("\"0000\"") },
    { "t_year_2", 13, fx274_meta, 0, fx274_cell, 1, 0, false, 0, "",
      S("1901"),
      S("\"1901\"") },
    { "t_year_3", 13, fx275_meta, 0, fx275_cell, 1, 0, false, 0, "",
      S("2155"),
      S("\"2155\"") },
    { "t_year_4", 13, fx276_meta, 0, fx276_cell, 1, 0, false, 0, "",
      S("2000"),
      S("\"2000\"") },
    { "t_year_5", 13, fx277_meta, 0, fx277_cell, 1, 0, false, 0, "",
      S("1999"),
      S("\"1999\"") },
    { "t_date_1", 10, fx278_meta, 0, fx278_cell, 3, 0, false, 0, "",
      S("2020-01-31"),
      S("\"2020-01-31\"") },
    { "t_date_2", 10, fx279_meta, 0, fx279_cell, 3, 0, false, 0, "",
      S("0000-00-00"),
      S("\"0000-00-00\"") },
    { "t_date_3", 10, fx280_meta, 0, fx280_cell, 3, 0, false, 0, "",
      S("2020-00-00"),
      S("\"2020-00-00\"") },
    { "t_date_4", 10, fx281_meta, 0, fx281_cell, 3, 0, false, 0, "",
      S("2020-05-00"),
      S("\"2020-05-00\"") },
    { "t_date_5", 10, fx282_meta, 0, fx282_cell, 3, 0, false, 0, "",
      S("9999-12-31"),
      S("\"9999-12-31\"") },
    { "t_date_6", 10, fx283_meta, 0, fx283_cell, 3, 0, false, 0, "",
      S("1000-01-01"),
      S("\"1000-01-01\"") },
    { "t_date_7", 10, fx284_meta, 0, fx284_cell, 3, 0, false, 0, "",
      S("0001-01-01"),
      S("\"0001-01-01\"") },
    { "t_date_8", 10, fx285_meta, 0, fx285_cell, 3, 0, false, 0, "",
      S("0000-01-01"),
      S("\"0000-01-01\"") },
    { "t_time0_1", 19, fx286_meta, 1, fx286_cell, 3, 0, false, 0, "",
      S("-838:59:59"),
      S("\"-838:59:59\"") },
    { "t_time0_2", 19, fx287_meta, 1, fx287_cell, 3, 0, false, 0, "",
      S("838:59:59"),
      S("\"838:59:59\"") },
    { "t_time0_3", 19, fx288_meta, 1, fx288_cell, 3, 0, false, 0, "",
      S("00:00:00"),
      S("\"00:00:00\"") },
    { "t_time0_4", 19, fx289_meta, 1, fx289_cell, 3, 0, false, 0, "",
      S("-00:00:01"),
      S("\"-00:00:01\"") },
    { "t_time0_5", 19, fx290_meta, 1, fx290_cell, 3, 0, false, 0, "",
      S("00:00:00"),
      S("\"00:00:00\"") },
    { "t_time0_6", 19, fx291_meta, 1, fx291_cell, 3, 0, false, 0, "",
      S("-01:02:03"),
      S("\"-01:02:03\"") },
    { "t_time0_7", 19, fx292_meta, 1, fx292_cell, 3, 0, false, 0, "",
      S("00:00:00"),
      S("\"00:00:00\"") },
    { "t_time0_8", 19, fx293_meta, 1, fx293_cell, 3, 0, false, 0, "",
      S("12:34:56"),
      S("\"12:34:56\"") },
    { "t_time0_9", 19, fx294_meta, 1, fx294_cell, 3, 0, false, 0, "",
      S("-12:34:56"),
      S("\"-12:34:56\"") },
    { "t_time0_10", 19, fx295_meta, 1, fx295_cell, 3, 0, false, 0, "",
      S("00:00:00"),
      S("\"00:00:00\"") },
    { "t_time0_11", 19, fx296_meta, 1, fx296_cell, 3, 0, false, 0, "",
      S("-01:00:00"),
      S("\"-01:00:00\"") },
    { "t_time0_12", 19, fx297_meta, 1, fx297_cell, 3, 0, false, 0, "",
      S("23:59:59"),
      S("\"23:59:59\"") },
    { "t_dt0_1", 18, fx298_meta, 1, fx298_cell, 5, 0, false, 0, "",
      S("0000-00-00 00:00:00"),
      S("\"0000-00-00 00:00:00\"") },
    { "t_dt0_2", 18, fx299_meta, 1, fx299_cell, 5, 0, false, 0, "",
      S("9999-12-31 23:59:59"),
      S("\"9999-12-31 23:59:59\"") },
    { "t_dt0_3", 18, fx300_meta, 1, fx300_cell, 5, 0, false, 0, "",
      S("2020-02-29 12:34:56"),
      S("\"2020-02-29 12:34:56\"") },
    { "t_dt0_4", 18, fx301_meta, 1, fx301_cell, 5, 0, false, 0, "",
      S("1000-01-01 00:00:00"),
      S("\"1000-01-01 00:00:00\"") },
    { "t_dt0_5", 18, fx302_meta, 1, fx302_cell, 5, 0, false, 0, "",
      S("2020-00-00 00:00:00"),
      S("\"2020-00-00 00:00:00\"") },
    { "t_dt0_6", 18, fx303_meta, 1, fx303_cell, 5, 0, false, 0, "",
      S("2020-01-02 03:04:05"),
      S("\"2020-01-02 03:04:05\"") },
    { "t_dt0_7", 18, fx304_meta, 1, fx304_cell, 5, 0, false, 0, "",
      S("0000-00-01 00:00:00"),
      S("\"0000-00-01 00:00:00\"") },
    { "t_ts0_1", 17, fx305_meta, 1, fx305_cell, 4, 0, false, 0, "",
      S("1970-01-01 00:00:01"),
      S("\"1970-01-01 00:00:01\"") },
    { "t_ts0_2", 17, fx306_meta, 1, fx306_cell, 4, 0, false, 0, "",
      S("2038-01-19 03:14:07"),
      S("\"2038-01-19 03:14:07\"") },
    { "t_ts0_3", 17, fx307_meta, 1, fx307_cell, 4, 0, false, 0, "",
      S("0000-00-00 00:00:00"),
      S("\"0000-00-00 00:00:00\"") },
    { "t_ts0_4", 17, fx308_meta, 1, fx308_cell, 4, 0, false, 0, "",
      S("2020-02-29 12:34:56"),
      S("\"2020-02-29 12:34:56\"") },
    { "t_ts0_5", 17, fx309_meta, 1, fx309_cell, 4, 0, false, 0, "",
      S("2001-09-09 01:46:40"),
      S("\"2001-09-09 01:46:40\"") },
    { "t_time1_1", 19, fx310_meta, 1, fx310_cell, 4, 0, false, 0, "",
      S("-838:59:59.0"),
      S("\"-838:59:59.0\"") },
    { "t_time1_2", 19, fx311_meta, 1, fx311_cell, 4, 0, false, 0, "",
      S("838:59:59.0"),
      S("\"838:59:59.0\"") },
    { "t_time1_3", 19, fx312_meta, 1, fx312_cell, 4, 0, false, 0, "",
      S("00:00:00.0"),
      S("\"00:00:00.0\"") },
    { "t_time1_4", 19, fx313_meta, 1, fx313_cell, 4, 0, false, 0, "",
      S("-00:00:01.0"),
      S("\"-00:00:01.0\"") },
    { "t_time1_5", 19, fx314_meta, 1, fx314_cell, 4, 0, false, 0, "",
      S("-00:00:00.5"),
      S("\"-00:00:00.5\"") },
    { "t_time1_6", 19, fx315_meta, 1, fx315_cell, 4, 0, false, 0, "",
      S("-01:02:03.1"),
      S("\"-01:02:03.1\"") },
    { "t_time1_7", 19, fx316_meta, 1, fx316_cell, 4, 0, false, 0, "",
      S("00:00:00.0"),
      S("\"00:00:00.0\"") },
    { "t_time1_8", 19, fx317_meta, 1, fx317_cell, 4, 0, false, 0, "",
      S("12:34:56.6"),
      S("\"12:34:56.6\"") },
    { "t_time1_9", 19, fx318_meta, 1, fx318_cell, 4, 0, false, 0, "",
      S("-12:34:56.6"),
      S("\"-12:34:56.6\"") },
    { "t_time1_10", 19, fx319_meta, 1, fx319_cell, 4, 0, false, 0, "",
      S("-00:00:00.9"),
      S("\"-00:00:00.9\"") },
    { "t_time1_11", 19, fx320_meta, 1, fx320_cell, 4, 0, false, 0, "",
      S("-01:00:00.0"),
      S("\"-01:00:00.0\"") },
    { "t_time1_12", 19, fx321_meta, 1, fx321_cell, 4, 0, false, 0, "",
      S("23:59:59.9"),
      S("\"23:59:59.9\"") },
    { "t_dt1_1", 18, fx322_meta, 1, fx322_cell, 6, 0, false, 0, "",
      S("0000-00-00 00:00:00.0"),
      S("\"0000-00-00 00:00:00.0\"") },
    { "t_dt1_2", 18, fx323_meta, 1, fx323_cell, 6, 0, false, 0, "",
      S("9999-12-31 23:59:59.9"),
      S("\"9999-12-31 23:59:59.9\"") },
    { "t_dt1_3", 18, fx324_meta, 1, fx324_cell, 6, 0, false, 0, "",
      S("2020-02-29 12:34:56.7"),
      S("\"2020-02-29 12:34:56.7\"") },
    { "t_dt1_4", 18, fx325_meta, 1, fx325_cell, 6, 0, false, 0, "",
      S("1000-01-01 00:00:00.0"),
      S("\"1000-01-01 00:00:00.0\"") },
    { "t_dt1_5", 18, fx326_meta, 1, fx326_cell, 6, 0, false, 0, "",
      S("2020-00-00 00:00:00.0"),
      S("\"2020-00-00 00:00:00.0\"") },
    { "t_dt1_6", 18, fx327_meta, 1, fx327_cell, 6, 0, false, 0, "",
      S("2020-01-02 03:04:05.0"),
      S("\"2020-01-02 03:04:05.0\"") },
    { "t_dt1_7", 18, fx328_meta, 1, fx328_cell, 6, 0, false, 0, "",
      S("0000-00-01 00:00:00.0"),
      S("\"0000-00-01 00:00:00.0\"") },
    { "t_ts1_1", 17, fx329_meta, 1, fx329_cell, 5, 0, false, 0, "",
      S("1970-01-01 00:00:01.0"),
      S("\"1970-01-01 00:00:01.0\"") },
    { "t_ts1_2", 17, fx330_meta, 1, fx330_cell, 5, 0, false, 0, "",
      S("2038-01-19 03:14:07.9"),
      S("\"2038-01-19 03:14:07.9\"") },
    { "t_ts1_3", 17, fx331_meta, 1, fx331_cell, 5, 0, false, 0, "",
      S("0000-00-00 00:00:00.0"),
      S("\"0000-00-00 00:00:00.0\"") },
    { "t_ts1_4", 17, fx332_meta, 1, fx332_cell, 5, 0, false, 0, "",
      S("2020-02-29 12:34:56.7"),
      S("\"2020-02-29 12:34:56.7\"") },
    { "t_ts1_5", 17, fx333_meta, 1, fx333_cell, 5, 0, false, 0, "",
      S("2001-09-09 01:46:40.1"),
      S("\"2001-09-09 01:46:40.1\"") },
    { "t_time2_1", 19, fx334_meta, 1, fx334_cell, 4, 0, false, 0, "",
      S("-838:59:59.00"),
      S("\"-838:59:59.00\"") },
    { "t_time2_2", 19, fx335_meta, 1, fx335_cell, 4, 0, false, 0, "",
      S("838:59:59.00"),
      S("\"838:59:59.00\"") },
    { "t_time2_3", 19, fx336_meta, 1, fx336_cell, 4, 0, false, 0, "",
      S("00:00:00.00"),
      S("\"00:00:00.00\"") },
    { "t_time2_4", 19, fx337_meta, 1, fx337_cell, 4, 0, false, 0, "",
      S("-00:00:01.00"),
      S("\"-00:00:01.00\"") },
    { "t_time2_5", 19, fx338_meta, 1, fx338_cell, 4, 0, false, 0, "",
      S("-00:00:00.50"),
      S("\"-00:00:00.50\"") },
    { "t_time2_6", 19, fx339_meta, 1, fx339_cell, 4, 0, false, 0, "",
      S("-01:02:03.12"),
      S("\"-01:02:03.12\"") },
    { "t_time2_7", 19, fx340_meta, 1, fx340_cell, 4, 0, false, 0, "",
      S("00:00:00.00"),
      S("\"00:00:00.00\"") },
    { "t_time2_8", 19, fx341_meta, 1, fx341_cell, 4, 0, false, 0, "",
      S("12:34:56.65"),
      S("\"12:34:56.65\"") },
    { "t_time2_9", 19, fx342_meta, 1, fx342_cell, 4, 0, false, 0, "",
      S("-12:34:56.65"),
      S("\"-12:34:56.65\"") },
    { "t_time2_10", 19, fx343_meta, 1, fx343_cell, 4, 0, false, 0, "",
      S("-00:00:00.99"),
      S("\"-00:00:00.99\"") },
    { "t_time2_11", 19, fx344_meta, 1, fx344_cell, 4, 0, false, 0, "",
      S("-01:00:00.01"),
      S("\"-01:00:00.01\"") },
    { "t_time2_12", 19, fx345_meta, 1, fx345_cell, 4, 0, false, 0, "",
      S("23:59:59.99"),
      S("\"23:59:59.99\"") },
    { "t_dt2_1", 18, fx346_meta, 1, fx346_cell, 6, 0, false, 0, "",
      S("0000-00-00 00:00:00.00"),
      S("\"0000-00-00 00:00:00.00\"") },
    { "t_dt2_2", 18, fx347_meta, 1, fx347_cell, 6, 0, false, 0, "",
      S("9999-12-31 23:59:59.99"),
      S("\"9999-12-31 23:59:59.99\"") },
    { "t_dt2_3", 18, fx348_meta, 1, fx348_cell, 6, 0, false, 0, "",
      S("2020-02-29 12:34:56.78"),
      S("\"2020-02-29 12:34:56.78\"") },
    { "t_dt2_4", 18, fx349_meta, 1, fx349_cell, 6, 0, false, 0, "",
      S("1000-01-01 00:00:00.00"),
      S("\"1000-01-01 00:00:00.00\"") },
    { "t_dt2_5", 18, fx350_meta, 1, fx350_cell, 6, 0, false, 0, "",
      S("2020-00-00 00:00:00.00"),
      S("\"2020-00-00 00:00:00.00\"") },
    { "t_dt2_6", 18, fx351_meta, 1, fx351_cell, 6, 0, false, 0, "",
      S("2020-01-02 03:04:05.06"),
      S("\"2020-01-02 03:04:05.06\"") },
    { "t_dt2_7", 18, fx352_meta, 1, fx352_cell, 6, 0, false, 0, "",
      S("0000-00-01 00:00:00.00"),
      S("\"0000-00-01 00:00:00.00\"") },
    { "t_ts2_1", 17, fx353_meta, 1, fx353_cell, 5, 0, false, 0, "",
      S("1970-01-01 00:00:01.00"),
      S("\"1970-01-01 00:00:01.00\"") },
    { "t_ts2_2", 17, fx354_meta, 1, fx354_cell, 5, 0, false, 0, "",
      S("2038-01-19 03:14:07.99"),
      S("\"2038-01-19 03:14:07.99\"") },
    { "t_ts2_3", 17, fx355_meta, 1, fx355_cell, 5, 0, false, 0, "",
      S("0000-00-00 00:00:00.00"),
      S("\"0000-00-00 00:00:00.00\"") },
    { "t_ts2_4", 17, fx356_meta, 1, fx356_cell, 5, 0, false, 0, "",
      S("2020-02-29 12:34:56.78"),
      S("\"2020-02-29 12:34:56.78\"") },
    { "t_ts2_5", 17, fx357_meta, 1, fx357_cell, 5, 0, false, 0, "",
      S("2001-09-09 01:46:40.12"),
      S("\"2001-09-09 01:46:40.12\"") },
    { "t_time3_1", 19, fx358_meta, 1, fx358_cell, 5, 0, false, 0, "",
      S("-838:59:59.000"),
      S("\"-838:59:59.000\"") },
    { "t_time3_2", 19, fx359_meta, 1, fx359_cell, 5, 0, false, 0, "",
      S("838:59:59.000"),
      S("\"838:59:59.000\"") },
    { "t_time3_3", 19, fx360_meta, 1, fx360_cell, 5, 0, false, 0, "",
      S("00:00:00.000"),
      S("\"00:00:00.000\"") },
    { "t_time3_4", 19, fx361_meta, 1, fx361_cell, 5, 0, false, 0, "",
      S("-00:00:01.000"),
      S("\"-00:00:01.000\"") },
    { "t_time3_5", 19, fx362_meta, 1, fx362_cell, 5, 0, false, 0, "",
      S("-00:00:00.500"),
      S("\"-00:00:00.500\"") },
    { "t_time3_6", 19, fx363_meta, 1, fx363_cell, 5, 0, false, 0, "",
      S("-01:02:03.123"),
      S("\"-01:02:03.123\"") },
    { "t_time3_7", 19, fx364_meta, 1, fx364_cell, 5, 0, false, 0, "",
      S("00:00:00.000"),
      S("\"00:00:00.000\"") },
    { "t_time3_8", 19, fx365_meta, 1, fx365_cell, 5, 0, false, 0, "",
      S("12:34:56.654"),
      S("\"12:34:56.654\"") },
    { "t_time3_9", 19, fx366_meta, 1, fx366_cell, 5, 0, false, 0, "",
      S("-12:34:56.654"),
      S("\"-12:34:56.654\"") },
    { "t_time3_10", 19, fx367_meta, 1, fx367_cell, 5, 0, false, 0, "",
      S("-00:00:00.999"),
      S("\"-00:00:00.999\"") },
    { "t_time3_11", 19, fx368_meta, 1, fx368_cell, 5, 0, false, 0, "",
      S("-01:00:00.010"),
      S("\"-01:00:00.010\"") },
    { "t_time3_12", 19, fx369_meta, 1, fx369_cell, 5, 0, false, 0, "",
      S("23:59:59.999"),
      S("\"23:59:59.999\"") },
    { "t_dt3_1", 18, fx370_meta, 1, fx370_cell, 7, 0, false, 0, "",
      S("0000-00-00 00:00:00.000"),
      S("\"0000-00-00 00:00:00.000\"") },
    { "t_dt3_2", 18, fx371_meta, 1, fx371_cell, 7, 0, false, 0, "",
      S("9999-12-31 23:59:59.999"),
      S("\"9999-12-31 23:59:59.999\"") },
    { "t_dt3_3", 18, fx372_meta, 1, fx372_cell, 7, 0, false, 0, "",
      S("2020-02-29 12:34:56.789"),
      S("\"2020-02-29 12:34:56.789\"") },
    { "t_dt3_4", 18, fx373_meta, 1, fx373_cell, 7, 0, false, 0, "",
      S("1000-01-01 00:00:00.000"),
      S("\"1000-01-01 00:00:00.000\"") },
    { "t_dt3_5", 18, fx374_meta, 1, fx374_cell, 7, 0, false, 0, "",
      S("2020-00-00 00:00:00.000"),
      S("\"2020-00-00 00:00:00.000\"") },
    { "t_dt3_6", 18, fx375_meta, 1, fx375_cell, 7, 0, false, 0, "",
      S("2020-01-02 03:04:05.060"),
      S("\"2020-01-02 03:04:05.060\"") },
    { "t_dt3_7", 18, fx376_meta, 1, fx376_cell, 7, 0, false, 0, "",
      S("0000-00-01 00:00:00.000"),
      S("\"0000-00-01 00:00:00.000\"") },
    { "t_ts3_1", 17, fx377_meta, 1, fx377_cell, 6, 0, false, 0, "",
      S("1970-01-01 00:00:01.000"),
      S("\"1970-01-01 00:00:01.000\"") },
    { "t_ts3_2", 17, fx378_meta, 1, fx378_cell, 6, 0, false, 0, "",
      S("2038-01-19 03:14:07.999"),
      S("\"2038-01-19 03:14:07.999\"") },
    { "t_ts3_3", 17, fx379_meta, 1, fx379_cell, 6, 0, false, 0, "",
      S("0000-00-00 00:00:00.000"),
      S("\"0000-00-00 00:00:00.000\"") },
    { "t_ts3_4", 17, fx380_meta, 1, fx380_cell, 6, 0, false, 0, "",
      S("2020-02-29 12:34:56.789"),
      S("\"2020-02-29 12:34:56.789\"") },
    { "t_ts3_5", 17, fx381_meta, 1, fx381_cell, 6, 0, false, 0, "",
      S("2001-09-09 01:46:40.123"),
      S("\"2001-09-09 01:46:40.123\"") },
    { "t_time4_1", 19, fx382_meta, 1, fx382_cell, 5, 0, false, 0, "",
      S("-838:59:59.0000"),
      S("\"-838:59:59.0000\"") },
    { "t_time4_2", 19, fx383_meta, 1, fx383_cell, 5, 0, false, 0, "",
      S("838:59:59.0000"),
      S("\"838:59:59.0000\"") },
    { "t_time4_3", 19, fx384_meta, 1, fx384_cell, 5, 0, false, 0, "",
      S("00:00:00.0000"),
      S("\"00:00:00.0000\"") },
    { "t_time4_4", 19, fx385_meta, 1, fx385_cell, 5, 0, false, 0, "",
      S("-00:00:01.0000"),
      S("\"-00:00:01.0000\"") },
    { "t_time4_5", 19, fx386_meta, 1, fx386_cell, 5, 0, false, 0, "",
      S("-00:00:00.5000"),
      S("\"-00:00:00.5000\"") },
    { "t_time4_6", 19, fx387_meta, 1, fx387_cell, 5, 0, false, 0, "",
      S("-01:02:03.1234"),
      S("\"-01:02:03.1234\"") },
    { "t_time4_7", 19, fx388_meta, 1, fx388_cell, 5, 0, false, 0, "",
      S("00:00:00.0000"),
      S("\"00:00:00.0000\"") },
    { "t_time4_8", 19, fx389_meta, 1, fx389_cell, 5, 0, false, 0, "",
      S("12:34:56.6543"),
      S("\"12:34:56.6543\"") },
    { "t_time4_9", 19, fx390_meta, 1, fx390_cell, 5, 0, false, 0, "",
      S("-12:34:56.6543"),
      S("\"-12:34:56.6543\"") },
    { "t_time4_10", 19, fx391_meta, 1, fx391_cell, 5, 0, false, 0, "",
      S("-00:00:00.9999"),
      S("\"-00:00:00.9999\"") },
    { "t_time4_11", 19, fx392_meta, 1, fx392_cell, 5, 0, false, 0, "",
      S("-01:00:00.0100"),
      S("\"-01:00:00.0100\"") },
    { "t_time4_12", 19, fx393_meta, 1, fx393_cell, 5, 0, false, 0, "",
      S("23:59:59.9999"),
      S("\"23:59:59.9999\"") },
    { "t_dt4_1", 18, fx394_meta, 1, fx394_cell, 7, 0, false, 0, "",
      S("0000-00-00 00:00:00.0000"),
      S("\"0000-00-00 00:00:00.0000\"") },
    { "t_dt4_2", 18, fx395_meta, 1, fx395_cell, 7, 0, false, 0, "",
      S("9999-12-31 23:59:59.9999"),
      S("\"9999-12-31 23:59:59.9999\"") },
    { "t_dt4_3", 18, fx396_meta, 1, fx396_cell, 7, 0, false, 0, "",
      S("2020-02-29 12:34:56.7890"),
      S("\"2020-02-29 12:34:56.7890\"") },
    { "t_dt4_4", 18, fx397_meta, 1, fx397_cell, 7, 0, false, 0, "",
      S("1000-01-01 00:00:00.0000"),
      S("\"1000-01-01 00:00:00.0000\"") },
    { "t_dt4_5", 18, fx398_meta, 1, fx398_cell, 7, 0, false, 0, "",
      S("2020-00-00 00:00:00.0000"),
      S("\"2020-00-00 00:00:00.0000\"") },
    { "t_dt4_6", 18, fx399_meta, 1, fx399_cell, 7, 0, false, 0, "",
      S("2020-01-02 03:04:05.0607"),
      S("\"2020-01-02 03:04:05.0607\"") },
    { "t_dt4_7", 18, fx400_meta, 1, fx400_cell, 7, 0, false, 0, "",
      S("0000-00-01 00:00:00.0000"),
      S("\"0000-00-01 00:00:00.0000\"") },
    { "t_ts4_1", 17, fx401_meta, 1, fx401_cell, 6, 0, false, 0, "",
      S("1970-01-01 00:00:01.0000"),
      S("\"1970-01-01 00:00:01.0000\"") },
    { "t_ts4_2", 17, fx402_meta, 1, fx402_cell, 6, 0, false, 0, "",
      S("2038-01-19 03:14:07.9999"),
      S("\"2038-01-19 03:14:07.9999\"") },
    { "t_ts4_3", 17, fx403_meta, 1, fx403_cell, 6, 0, false, 0, "",
      S("0000-00-00 00:00:00.0000"),
      S("\"0000-00-00 00:00:00.0000\"") },
    { "t_ts4_4", 17, fx404_meta, 1, fx404_cell, 6, 0, false, 0, "",
      S("2020-02-29 12:34:56.7890"),
      S("\"2020-02-29 12:34:56.7890\"") },
    { "t_ts4_5", 17, fx405_meta, 1, fx405_cell, 6, 0, false, 0, "",
      S("2001-09-09 01:46:40.1234"),
      S("\"2001-09-09 01:46:40.1234\"") },
    { "t_time5_1", 19, fx406_meta, 1, fx406_cell, 6, 0, false, 0, "",
      S("-838:59:59.00000"),
      S("\"-838:59:59.00000\"") },
    { "t_time5_2", 19, fx407_meta, 1, fx407_cell, 6, 0, false, 0, "",
      S("838:59:59.00000"),
      S("\"838:59:59.00000\"") },
    { "t_time5_3", 19, fx408_meta, 1, fx408_cell, 6, 0, false, 0, "",
      S("00:00:00.00000"),
      S("\"00:00:00.00000\"") },
    { "t_time5_4", 19, fx409_meta, 1, fx409_cell, 6, 0, false, 0, "",
      S("-00:00:01.00000"),
      S("\"-00:00:01.00000\"") },
    { "t_time5_5", 19, fx410_meta, 1, fx410_cell, 6, 0, false, 0, "",
      S("-00:00:00.50000"),
      S("\"-00:00:00.50000\"") },
    { "t_time5_6", 19, fx411_meta, 1, fx411_cell, 6, 0, false, 0, "",
      S("-01:02:03.12345"),
      S("\"-01:02:03.12345\"") },
    { "t_time5_7", 19, fx412_meta, 1, fx412_cell, 6, 0, false, 0, "",
      S("00:00:00.00000"),
      S("\"00:00:00.00000\"") },
    { "t_time5_8", 19, fx413_meta, 1, fx413_cell, 6, 0, false, 0, "",
      S("12:34:56.65432"),
      S("\"12:34:56.65432\"") },
    { "t_time5_9", 19, fx414_meta, 1, fx414_cell, 6, 0, false, 0, "",
      S("-12:34:56.65432"),
      S("\"-12:34:56.65432\"") },
    { "t_time5_10", 19, fx415_meta, 1, fx415_cell, 6, 0, false, 0, "",
      S("-00:00:00.99999"),
      S("\"-00:00:00.99999\"") },
    { "t_time5_11", 19, fx416_meta, 1, fx416_cell, 6, 0, false, 0, "",
      S("-01:00:00.01000"),
      S("\"-01:00:00.01000\"") },
    { "t_time5_12", 19, fx417_meta, 1, fx417_cell, 6, 0, false, 0, "",
      S("23:59:59.99999"),
      S("\"23:59:59.99999\"") },
    { "t_dt5_1", 18, fx418_meta, 1, fx418_cell, 8, 0, false, 0, "",
      S("0000-00-00 00:00:00.00000"),
      S("\"0000-00-00 00:00:00.00000\"") },
    { "t_dt5_2", 18, fx419_meta, 1, fx419_cell, 8, 0, false, 0, "",
      S("9999-12-31 23:59:59.99999"),
      S("\"9999-12-31 23:59:59.99999\"") },
    { "t_dt5_3", 18, fx420_meta, 1, fx420_cell, 8, 0, false, 0, "",
      S("2020-02-29 12:34:56.78900"),
      S("\"2020-02-29 12:34:56.78900\"") },
    { "t_dt5_4", 18, fx421_meta, 1, fx421_cell, 8, 0, false, 0, "",
      S("1000-01-01 00:00:00.00000"),
      S("\"1000-01-01 00:00:00.00000\"") },
    { "t_dt5_5", 18, fx422_meta, 1, fx422_cell, 8, 0, false, 0, "",
      S("2020-00-00 00:00:00.00000"),
      S("\"2020-00-00 00:00:00.00000\"") },
    { "t_dt5_6", 18, fx423_meta, 1, fx423_cell, 8, 0, false, 0, "",
      S("2020-01-02 03:04:05.06070"),
      S("\"2020-01-02 03:04:05.06070\"") },
    { "t_dt5_7", 18, fx424_meta, 1, fx424_cell, 8, 0, false, 0, "",
      S("0000-00-01 00:00:00.00000"),
      S("\"0000-00-01 00:00:00.00000\"") },
    { "t_ts5_1", 17, fx425_meta, 1, fx425_cell, 7, 0, false, 0, "",
      S("1970-01-01 00:00:01.00000"),
      S("\"1970-01-01 00:00:01.00000\"") },
    { "t_ts5_2", 17, fx426_meta, 1, fx426_cell, 7, 0, false, 0, "",
      S("2038-01-19 03:14:07.99999"),
      S("\"2038-01-19 03:14:07.99999\"") },
    { "t_ts5_3", 17, fx427_meta, 1, fx427_cell, 7, 0, false, 0, "",
      S("0000-00-00 00:00:00.00000"),
      S("\"0000-00-00 00:00:00.00000\"") },
    { "t_ts5_4", 17, fx428_meta, 1, fx428_cell, 7, 0, false, 0, "",
      S("2020-02-29 12:34:56.78900"),
      S("\"2020-02-29 12:34:56.78900\"") },
    { "t_ts5_5", 17, fx429_meta, 1, fx429_cell, 7, 0, false, 0, "",
      S("2001-09-09 01:46:40.12345"),
      S("\"2001-09-09 01:46:40.12345\"") },
    { "t_time6_1", 19, fx430_meta, 1, fx430_cell, 6, 0, false, 0, "",
      S("-838:59:59.000000"),
      S("\"-838:59:59.000000\"") },
    { "t_time6_2", 19, fx431_meta, 1, fx431_cell, 6, 0, false, 0, "",
      S("838:59:59.000000"),
      S("\"838:59:59.000000\"") },
    { "t_time6_3", 19, fx432_meta, 1, fx432_cell, 6, 0, false, 0, "",
      S("00:00:00.000000"),
      S("\"00:00:00.000000\"") },
    { "t_time6_4", 19, fx433_meta, 1, fx433_cell, 6, 0, false, 0, "",
      S("-00:00:01.000000"),
      S("\"-00:00:01.000000\"") },
    { "t_time6_5", 19, fx434_meta, 1, fx434_cell, 6, 0, false, 0, "",
      S("-00:00:00.500000"),
      S("\"-00:00:00.500000\"") },
    { "t_time6_6", 19, fx435_meta, 1, fx435_cell, 6, 0, false, 0, "",
      S("-01:02:03.123456"),
      S("\"-01:02:03.123456\"") },
    { "t_time6_7", 19, fx436_meta, 1, fx436_cell, 6, 0, false, 0, "",
      S("-00:00:00.000001"),
      S("\"-00:00:00.000001\"") },
    { "t_time6_8", 19, fx437_meta, 1, fx437_cell, 6, 0, false, 0, "",
      S("12:34:56.654321"),
      S("\"12:34:56.654321\"") },
    { "t_time6_9", 19, fx438_meta, 1, fx438_cell, 6, 0, false, 0, "",
      S("-12:34:56.654321"),
      S("\"-12:34:56.654321\"") },
    { "t_time6_10", 19, fx439_meta, 1, fx439_cell, 6, 0, false, 0, "",
      S("-00:00:00.999999"),
      S("\"-00:00:00.999999\"") },
    { "t_time6_11", 19, fx440_meta, 1, fx440_cell, 6, 0, false, 0, "",
      S("-01:00:00.010000"),
      S("\"-01:00:00.010000\"") },
    { "t_time6_12", 19, fx441_meta, 1, fx441_cell, 6, 0, false, 0, "",
      S("23:59:59.999999"),
      S("\"23:59:59.999999\"") },
    { "t_dt6_1", 18, fx442_meta, 1, fx442_cell, 8, 0, false, 0, "",
      S("0000-00-00 00:00:00.000000"),
      S("\"0000-00-00 00:00:00.000000\"") },
    { "t_dt6_2", 18, fx443_meta, 1, fx443_cell, 8, 0, false, 0, "",
      S("9999-12-31 23:59:59.999999"),
      S("\"9999-12-31 23:59:59.999999\"") },
    { "t_dt6_3", 18, fx444_meta, 1, fx444_cell, 8, 0, false, 0, "",
      S("2020-02-29 12:34:56.789000"),
      S("\"2020-02-29 12:34:56.789000\"") },
    { "t_dt6_4", 18, fx445_meta, 1, fx445_cell, 8, 0, false, 0, "",
      S("1000-01-01 00:00:00.000000"),
      S("\"1000-01-01 00:00:00.000000\"") },
    { "t_dt6_5", 18, fx446_meta, 1, fx446_cell, 8, 0, false, 0, "",
      S("2020-00-00 00:00:00.000000"),
      S("\"2020-00-00 00:00:00.000000\"") },
    { "t_dt6_6", 18, fx447_meta, 1, fx447_cell, 8, 0, false, 0, "",
      S("2020-01-02 03:04:05.060708"),
      S("\"2020-01-02 03:04:05.060708\"") },
    { "t_dt6_7", 18, fx448_meta, 1, fx448_cell, 8, 0, false, 0, "",
      S("0000-00-01 00:00:00.000001"),
      S("\"0000-00-01 00:00:00.000001\"") },
    { "t_ts6_1", 17, fx449_meta, 1, fx449_cell, 7, 0, false, 0, "",
      S("1970-01-01 00:00:01.000000"),
      S("\"1970-01-01 00:00:01.000000\"") },
    { "t_ts6_2", 17, fx450_meta, 1, fx450_cell, 7, 0, false, 0, "",
      S("2038-01-19 03:14:07.999999"),
      S("\"2038-01-19 03:14:07.999999\"") },
    { "t_ts6_3", 17, fx451_meta, 1, fx451_cell, 7, 0, false, 0, "",
      S("0000-00-00 00:00:00.000000"),
      S("\"0000-00-00 00:00:00.000000\"") },
    { "t_ts6_4", 17, fx452_meta, 1, fx452_cell, 7, 0, false, 0, "",
      S("2020-02-29 12:34:56.789000"),
      S("\"2020-02-29 12:34:56.789000\"") },
    { "t_ts6_5", 17, fx453_meta, 1, fx453_cell, 7, 0, false, 0, "",
      S("2001-09-09 01:46:40.123456"),
      S("\"2001-09-09 01:46:40.123456\"") },
    { "h_time0_1", 11, fx454_meta, 0, fx454_cell, 3, 0, false, 0, "",
      S("-838:59:59"),
      S("\"-838:59:59\"") },
    { "h_time0_2", 11, fx455_meta, 0, fx455_cell, 3, 0, false, 0, "",
      S("838:59:59"),
      S("\"838:59:59\"") },
    { "h_time0_3", 11, fx456_meta, 0, fx456_cell, 3, 0, false, 0, "",
      S("00:00:00"),
      S("\"00:00:00\"") },
    { "h_time0_4", 11, fx457_meta, 0, fx457_cell, 3, 0, false, 0, "",
      S("-00:00:01"),
      S("\"-00:00:01\"") },
    { "h_time0_5", 11, fx458_meta, 0, fx458_cell, 3, 0, false, 0, "",
      S("-01:02:03"),
      S("\"-01:02:03\"") },
    { "h_time0_6", 11, fx459_meta, 0, fx459_cell, 3, 0, false, 0, "",
      S("00:00:00"),
      S("\"00:00:00\"") },
    { "h_time0_7", 11, fx460_meta, 0, fx460_cell, 3, 0, false, 0, "",
      S("12:34:56"),
      S("\"12:34:56\"") },
    { "h_dt0_1", 12, fx461_meta, 0, fx461_cell, 8, 0, false, 0, "",
      S("0000-00-00 00:00:00"),
      S("\"0000-00-00 00:00:00\"") },
    { "h_dt0_2", 12, fx462_meta, 0, fx462_cell, 8, 0, false, 0, "",
      S("9999-12-31 23:59:59"),
      S("\"9999-12-31 23:59:59\"") },
    { "h_dt0_3", 12, fx463_meta, 0, fx463_cell, 8, 0, false, 0, "",
      S("2020-02-29 12:34:56"),
      S("\"2020-02-29 12:34:56\"") },
    { "h_dt0_4", 12, fx464_meta, 0, fx464_cell, 8, 0, false, 0, "",
      S("2020-00-00 00:00:00"),
      S("\"2020-00-00 00:00:00\"") },
    { "h_dt0_5", 12, fx465_meta, 0, fx465_cell, 8, 0, false, 0, "",
      S("0000-00-01 00:00:00"),
      S("\"0000-00-01 00:00:00\"") },
    { "h_ts0_1", 7, fx466_meta, 0, fx466_cell, 4, 0, false, 0, "",
      S("1970-01-01 00:00:01"),
      S("\"1970-01-01 00:00:01\"") },
    { "h_ts0_2", 7, fx467_meta, 0, fx467_cell, 4, 0, false, 0, "",
      S("2038-01-19 03:14:07"),
      S("\"2038-01-19 03:14:07\"") },
    { "h_ts0_3", 7, fx468_meta, 0, fx468_cell, 4, 0, false, 0, "",
      S("0000-00-00 00:00:00"),
      S("\"0000-00-00 00:00:00\"") },
    { "h_ts0_4", 7, fx469_meta, 0, fx469_cell, 4, 0, false, 0, "",
      S("2001-09-09 01:46:40"),
      S("\"2001-09-09 01:46:40\"") },
    { "h_time1_1", 11, fx470_meta, 0, fx470_cell, 4, 0, false, 1, "",
      S("-838:59:59.0"),
      S("\"-838:59:59.0\"") },
    { "h_time1_2", 11, fx471_meta, 0, fx471_cell, 4, 0, false, 1, "",
      S("838:59:59.0"),
      S("\"838:59:59.0\"") },
    { "h_time1_3", 11, fx472_meta, 0, fx472_cell, 4, 0, false, 1, "",
      S("00:00:00.0"),
      S("\"00:00:00.0\"") },
    { "h_time1_4", 11, fx473_meta, 0, fx473_cell, 4, 0, false, 1, "",
      S("-00:00:01.0"),
      S("\"-00:00:01.0\"") },
    { "h_time1_5", 11, fx474_meta, 0, fx474_cell, 4, 0, false, 1, "",
      S("-01:02:03.1"),
      S("\"-01:02:03.1\"") },
    { "h_time1_6", 11, fx475_meta, 0, fx475_cell, 4, 0, false, 1, "",
      S("00:00:00.0"),
      S("\"00:00:00.0\"") },
    { "h_time1_7", 11, fx476_meta, 0, fx476_cell, 4, 0, false, 1, "",
      S("12:34:56.6"),
      S("\"12:34:56.6\"") },
    { "h_dt1_1", 12, fx477_meta, 0, fx477_cell, 6, 0, false, 1, "",
      S("0000-00-00 00:00:00.0"),
      S("\"0000-00-00 00:00:00.0\"") },
    { "h_dt1_2", 12, fx478_meta, 0, fx478_cell, 6, 0, false, 1, "",
      S("9999-12-31 23:59:59.9"),
      S("\"9999-12-31 23:59:59.9\"") },
    { "h_dt1_3", 12, fx479_meta, 0, fx479_cell, 6, 0, false, 1, "",
      S("2020-02-29 12:34:56.7"),
      S("\"2020-02-29 12:34:56.7\"") },
    { "h_dt1_4", 12, fx480_meta, 0, fx480_cell, 6, 0, false, 1, "",
      S("2020-00-00 00:00:00.0"),
      S("\"2020-00-00 00:00:00.0\"") },
    { "h_dt1_5", 12, fx481_meta, 0, fx481_cell, 6, 0, false, 1, "",
      S("0000-00-01 00:00:00.0"),
      S("\"0000-00-01 00:00:00.0\"") },
    { "h_ts1_1", 7, fx482_meta, 0, fx482_cell, 5, 0, false, 1, "",
      S("1970-01-01 00:00:01.0"),
      S("\"1970-01-01 00:00:01.0\"") },
    { "h_ts1_2", 7, fx483_meta, 0, fx483_cell, 5, 0, false, 1, "",
      S("2038-01-19 03:14:07.9"),
      S("\"2038-01-19 03:14:07.9\"") },
    { "h_ts1_3", 7, fx484_meta, 0, fx484_cell, 5, 0, false, 1, "",
      S("0000-00-00 00:00:00.0"),
      S("\"0000-00-00 00:00:00.0\"") },
    { "h_ts1_4", 7, fx485_meta, 0, fx485_cell, 5, 0, false, 1, "",
      S("2001-09-09 01:46:40.1"),
      S("\"2001-09-09 01:46:40.1\"") },
    { "h_time2_1", 11, fx486_meta, 0, fx486_cell, 4, 0, false, 2, "",
      S("-838:59:59.00"),
      S("\"-838:59:59.00\"") },
    { "h_time2_2", 11, fx487_meta, 0, fx487_cell, 4, 0, false, 2, "",
      S("838:59:59.00"),
      S("\"838:59:59.00\"") },
    { "h_time2_3", 11, fx488_meta, 0, fx488_cell, 4, 0, false, 2, "",
      S("00:00:00.00"),
      S("\"00:00:00.00\"") },
    { "h_time2_4", 11, fx489_meta, 0, fx489_cell, 4, 0, false, 2, "",
      S("-00:00:01.00"),
      S("\"-00:00:01.00\"") },
    { "h_time2_5", 11, fx490_meta, 0, fx490_cell, 4, 0, false, 2, "",
      S("-01:02:03.12"),
      S("\"-01:02:03.12\"") },
    { "h_time2_6", 11, fx491_meta, 0, fx491_cell, 4, 0, false, 2, "",
      S("00:00:00.00"),
      S("\"00:00:00.00\"") },
    { "h_time2_7", 11, fx492_meta, 0, fx492_cell, 4, 0, false, 2, "",
      S("12:34:56.65"),
      S("\"12:34:56.65\"") },
    { "h_dt2_1", 12, fx493_meta, 0, fx493_cell, 6, 0, false, 2, "",
      S("0000-00-00 00:00:00.00"),
      S("\"0000-00-00 00:00:00.00\"") },
    { "h_dt2_2", 12, fx494_meta, 0, fx494_cell, 6, 0, false, 2, "",
      S("9999-12-31 23:59:59.99"),
      S("\"9999-12-31 23:59:59.99\"") },
    { "h_dt2_3", 12, fx495_meta, 0, fx495_cell, 6, 0, false, 2, "",
      S("2020-02-29 12:34:56.78"),
      S("\"2020-02-29 12:34:56.78\"") },
    { "h_dt2_4", 12, fx496_meta, 0, fx496_cell, 6, 0, false, 2, "",
      S("2020-00-00 00:00:00.00"),
      S("\"2020-00-00 00:00:00.00\"") },
    { "h_dt2_5", 12, fx497_meta, 0, fx497_cell, 6, 0, false, 2, "",
      S("0000-00-01 00:00:00.00"),
      S("\"0000-00-01 00:00:00.00\"") },
    { "h_ts2_1", 7, fx498_meta, 0, fx498_cell, 5, 0, false, 2, "",
      S("1970-01-01 00:00:01.00"),
      S("\"1970-01-01 00:00:01.00\"") },
    { "h_ts2_2", 7, fx499_meta, 0, fx499_cell, 5, 0, false, 2, "",
      S("2038-01-19 03:14:07.99"),
      S("\"2038-01-19 03:14:07.99\"") },
    { "h_ts2_3", 7, fx500_meta, 0, fx500_cell, 5, 0, false, 2, "",
      S("0000-00-00 00:00:00.00"),
      S("\"0000-00-00 00:00:00.00\"") },
    { "h_ts2_4", 7, fx501_meta, 0, fx501_cell, 5, 0, false, 2, "",
      S("2001-09-09 01:46:40.12"),
      S("\"2001-09-09 01:46:40.12\"") },
    { "h_time3_1", 11, fx502_meta, 0, fx502_cell, 5, 0, false, 3, "",
      S("-838:59:59.000"),
      S("\"-838:59:59.000\"") },
    { "h_time3_2", 11, fx503_meta, 0, fx503_cell, 5, 0, false, 3, "",
      S("838:59:59.000"),
      S("\"838:59:59.000\"") },
    { "h_time3_3", 11, fx504_meta, 0, fx504_cell, 5, 0, false, 3, "",
      S("00:00:00.000"),
      S("\"00:00:00.000\"") },
    { "h_time3_4", 11, fx505_meta, 0, fx505_cell, 5, 0, false, 3, "",
      S("-00:00:01.000"),
      S("\"-00:00:01.000\"") },
    { "h_time3_5", 11, fx506_meta, 0, fx506_cell, 5, 0, false, 3, "",
      S("-01:02:03.123"),
      S("\"-01:02:03.123\"") },
    { "h_time3_6", 11, fx507_meta, 0, fx507_cell, 5, 0, false, 3, "",
      S("00:00:00.000"),
      S("\"00:00:00.000\"") },
    { "h_time3_7", 11, fx508_meta, 0, fx508_cell, 5, 0, false, 3, "",
      S("12:34:56.654"),
      S("\"12:34:56.654\"") },
    { "h_dt3_1", 12, fx509_meta, 0, fx509_cell, 7, 0, false, 3, "",
      S("0000-00-00 00:00:00.000"),
      S("\"0000-00-00 00:00:00.000\"") },
    { "h_dt3_2", 12, fx510_meta, 0, fx510_cell, 7, 0, false, 3, "",
      S("9999-12-31 23:59:59.999"),
      S("\"9999-12-31 23:59:59.999\"") },
    { "h_dt3_3", 12, fx511_meta, 0, fx511_cell, 7, 0, false, 3, "",
      S("2020-02-29 12:34:56.789"),
      S("\"2020-02-29 12:34:56.789\"") },
    { "h_dt3_4", 12, fx512_meta, 0, fx512_cell, 7, 0, false, 3, "",
      S("2020-00-00 00:00:00.000"),
      S("\"2020-00-00 00:00:00.000\"") },
    { "h_dt3_5", 12, fx513_meta, 0, fx513_cell, 7, 0, false, 3, "",
      S("0000-00-01 00:00:00.000"),
      S("\"0000-00-01 00:00:00.000\"") },
    { "h_ts3_1", 7, fx514_meta, 0, fx514_cell, 6, 0, false, 3, "",
      S("1970-01-01 00:00:01.000"),
      S("\"1970-01-01 00:00:01.000\"") },
    { "h_ts3_2", 7, fx515_meta, 0, fx515_cell, 6, 0, false, 3, "",
      S("2038-01-19 03:14:07.999"),
      S("\"2038-01-19 03:14:07.999\"") },
    { "h_ts3_3", 7, fx516_meta, 0, fx516_cell, 6, 0, false, 3, "",
      S("0000-00-00 00:00:00.000"),
      S("\"0000-00-00 00:00:00.000\"") },
    { "h_ts3_4", 7, fx517_meta, 0, fx517_cell, 6, 0, false, 3, "",
      S("2001-09-09 01:46:40.123"),
      S("\"2001-09-09 01:46:40.123\"") },
    { "h_time4_1", 11, fx518_meta, 0, fx518_cell, 5, 0, false, 4, "",
      S("-838:59:59.0000"),
      S("\"-838:59:59.0000\"") },
    { "h_time4_2", 11, fx519_meta, 0, fx519_cell, 5, 0, false, 4, "",
      S("838:59:59.0000"),
      S("\"838:59:59.0000\"") },
    { "h_time4_3", 11, fx520_meta, 0, fx520_cell, 5, 0, false, 4, "",
      S("00:00:00.0000"),
      S("\"00:00:00.0000\"") },
    { "h_time4_4", 11, fx521_meta, 0, fx521_cell, 5, 0, false, 4, "",
      S("-00:00:01.0000"),
      S("\"-00:00:01.0000\"") },
    { "h_time4_5", 11, fx522_meta, 0, fx522_cell, 5, 0, false, 4, "",
      S("-01:02:03.1234"),
      S("\"-01:02:03.1234\"") },
    { "h_time4_6", 11, fx523_meta, 0, fx523_cell, 5, 0, false, 4, "",
      S("00:00:00.0000"),
      S("\"00:00:00.0000\"") },
    { "h_time4_7", 11, fx524_meta, 0, fx524_cell, 5, 0, false, 4, "",
      S("12:34:56.6543"),
      S("\"12:34:56.6543\"") },
    { "h_dt4_1", 12, fx525_meta, 0, fx525_cell, 7, 0, false, 4, "",
      S("0000-00-00 00:00:00.0000"),
      S("\"0000-00-00 00:00:00.0000\"") },
    { "h_dt4_2", 12, fx526_meta, 0, fx526_cell, 7, 0, false, 4, "",
      S("9999-12-31 23:59:59.9999"),
      S("\"9999-12-31 23:59:59.9999\"") },
    { "h_dt4_3", 12, fx527_meta, 0, fx527_cell, 7, 0, false, 4, "",
      S("2020-02-29 12:34:56.7890"),
      S("\"2020-02-29 12:34:56.7890\"") },
    { "h_dt4_4", 12, fx528_meta, 0, fx528_cell, 7, 0, false, 4, "",
      S("2020-00-00 00:00:00.0000"),
      S("\"2020-00-00 00:00:00.0000\"") },
    { "h_dt4_5", 12, fx529_meta, 0, fx529_cell, 7, 0, false, 4, "",
      S("0000-00-01 00:00:00.0000"),
      S("\"0000-00-01 00:00:00.0000\"") },
    { "h_ts4_1", 7, fx530_meta, 0, fx530_cell, 6, 0, false, 4, "",
      S("1970-01-01 00:00:01.0000"),
      S("\"1970-01-01 00:00:01.0000\"") },
    { "h_ts4_2", 7, fx531_meta, 0, fx531_cell, 6, 0, false, 4, "",
      S("2038-01-19 03:14:07.9999"),
      S("\"2038-01-19 03:14:07.9999\"") },
    { "h_ts4_3", 7, fx532_meta, 0, fx532_cell, 6, 0, false, 4, "",
      S("0000-00-00 00:00:00.0000"),
      S("\"0000-00-00 00:00:00.0000\"") },
    { "h_ts4_4", 7, fx533_meta, 0, fx533_cell, 6, 0, false, 4, "",
      S("2001-09-09 01:46:40.1234"),
      S("\"2001-09-09 01:46:40.1234\"") },
    { "h_time5_1", 11, fx534_meta, 0, fx534_cell, 5, 0, false, 5, "",
      S("-838:59:59.00000"),
      S("\"-838:59:59.00000\"") },
    { "h_time5_2", 11, fx535_meta, 0, fx535_cell, 5, 0, false, 5, "",
      S("838:59:59.00000"),
      S("\"838:59:59.00000\"") },
    { "h_time5_3", 11, fx536_meta, 0, fx536_cell, 5, 0, false, 5, "",
      S("00:00:00.00000"),
      S("\"00:00:00.00000\"") },
    { "h_time5_4", 11, fx537_meta, 0, fx537_cell, 5, 0, false, 5, "",
      S("-00:00:01.00000"),
      S("\"-00:00:01.00000\"") },
    { "h_time5_5", 11, fx538_meta, 0, fx538_cell, 5, 0, false, 5, "",
      S("-01:02:03.12345"),
      S("\"-01:02:03.12345\"") },
    { "h_time5_6", 11, fx539_meta, 0, fx539_cell, 5, 0, false, 5, "",
      S("00:00:00.00000"),
      S("\"00:00:00.00000\"") },
    { "h_time5_7", 11, fx540_meta, 0, fx540_cell, 5, 0, false, 5, "",
      S("12:34:56.65432"),
      S("\"12:34:56.65432\"") },
    { "h_dt5_1", 12, fx541_meta, 0, fx541_cell, 7, 0, false, 5, "",
      S("0000-00-00 00:00:00.00000"),
      S("\"0000-00-00 00:00:00.00000\"") },
    { "h_dt5_2", 12, fx542_meta, 0, fx542_cell, 7, 0, false, 5, "",
      S("9999-12-31 23:59:59.99999"),
      S("\"9999-12-31 23:59:59.99999\"") },
    { "h_dt5_3", 12, fx543_meta, 0, fx543_cell, 7, 0, false, 5, "",
      S("2020-02-29 12:34:56.78900"),
      S("\"2020-02-29 12:34:56.78900\"") },
    { "h_dt5_4", 12, fx544_meta, 0, fx544_cell, 7, 0, false, 5, "",
      S("2020-00-00 00:00:00.00000"),
      S("\"2020-00-00 00:00:00.00000\"") },
    { "h_dt5_5", 12, fx545_meta, 0, fx545_cell, 7, 0, false, 5, "",
      S("0000-00-01 00:00:00.00000"),
      S("\"0000-00-01 00:00:00.00000\"") },
    { "h_ts5_1", 7, fx546_meta, 0, fx546_cell, 7, 0, false, 5, "",
      S("1970-01-01 00:00:01.00000"),
      S("\"1970-01-01 00:00:01.00000\"") },
    { "h_ts5_2", 7, fx547_meta, 0, fx547_cell, 7, 0, false, 5, "",
      S("2038-01-19 03:14:07.99999"),
      S("\"2038-01-19 03:14:07.99999\"") },
    { "h_ts5_3", 7, fx548_meta, 0, fx548_cell, 7, 0, false, 5, "",
      S("0000-00-00 00:00:00.00000"),
      S("\"0000-00-00 00:00:00.00000\"") },
    { "h_ts5_4", 7, fx549_meta, 0, fx549_cell, 7, 0, false, 5, "",
      S("2001-09-09 01:46:40.12345"),
      S("\"2001-09-09 01:46:40.12345\"") },
    { "h_time6_1", 11, fx550_meta, 0, fx550_cell, 6, 0, false, 6, "",
      S("-838:59:59.000000"),
      S("\"-838:59:59.000000\"") },
    { "h_time6_2", 11, fx551_meta, 0, fx551_cell, 6, 0, false, 6, "",
      S("838:59:59.000000"),
      S("\"838:59:59.000000\"") },
    { "h_time6_3", 11, fx552_meta, 0, fx552_cell, 6, 0, false, 6, "",
      S("00:00:00.000000"),
      S("\"00:00:00.000000\"") },
    { "h_time6_4", 11, fx553_meta, 0, fx553_cell, 6, 0, false, 6, "",
      S("-00:00:01.000000"),
      S("\"-00:00:01.000000\"") },
    { "h_time6_5", 11, fx554_meta, 0, fx554_cell, 6, 0, false, 6, "",
      S("-01:02:03.123456"),
      S("\"-01:02:03.123456\"") },
    { "h_time6_6", 11, fx555_meta, 0, fx555_cell, 6, 0, false, 6, "",
      S("-00:00:00.000001"),
      S("\"-00:00:00.000001\"") },
    { "h_time6_7", 11, fx556_meta, 0, fx556_cell, 6, 0, false, 6, "",
      S("12:34:56.654321"),
      S("\"12:34:56.654321\"") },
    { "h_dt6_1", 12, fx557_meta, 0, fx557_cell, 8, 0, false, 6, "",
      S("0000-00-00 00:00:00.000000"),
      S("\"0000-00-00 00:00:00.000000\"") },
    { "h_dt6_2", 12, fx558_meta, 0, fx558_cell, 8, 0, false, 6, "",
      S("9999-12-31 23:59:59.999999"),
      S("\"9999-12-31 23:59:59.999999\"") },
    { "h_dt6_3", 12, fx559_meta, 0, fx559_cell, 8, 0, false, 6, "",
      S("2020-02-29 12:34:56.789000"),
      S("\"2020-02-29 12:34:56.789000\"") },
    { "h_dt6_4", 12, fx560_meta, 0, fx560_cell, 8, 0, false, 6, "",
      S("2020-00-00 00:00:00.000000"),
      S("\"2020-00-00 00:00:00.000000\"") },
    { "h_dt6_5", 12, fx561_meta, 0, fx561_cell, 8, 0, false, 6, "",
      S("0000-00-01 00:00:00.000001"),
      S("\"0000-00-01 00:00:00.000001\"") },
    { "h_ts6_1", 7, fx562_meta, 0, fx562_cell, 7, 0, false, 6, "",
      S("1970-01-01 00:00:01.000000"),
      S("\"1970-01-01 00:00:01.000000\"") },
    { "h_ts6_2", 7, fx563_meta, 0, fx563_cell, 7, 0, false, 6, "",
      S("2038-01-19 03:14:07.999999"),
      S("\"2038-01-19 03:14:07.999999\"") },
    { "h_ts6_3", 7, fx564_meta, 0, fx564_cell, 7, 0, false, 6, "",
      S("0000-00-00 00:00:00.000000"),
      S("\"0000-00-00 00:00:00.000000\"") },
    { "h_ts6_4", 7, fx565_meta, 0, fx565_cell, 7, 0, false, 6, "",
      S("2001-09-09 01:46:40.123456"),
      S("\"2001-09-09 01:46:40.123456\"") },
    { "s_vc_utf8_1", 15, fx566_meta, 2, fx566_cell, 7, 45, false, 0, "",
      S("h\303\251llo"),
      S("\"h\303\251llo\"") },
    { "s_vc_utf8_2", 15, fx567_meta, 2, fx567_cell, 1, 45, false, 0, "",
      S(""),
      S("\"\"") },
    { "s_vc_utf8_3", 15, fx568_meta, 2, fx568_cell, 10, 45, false, 0, "",
      S("\346\227\245\346\234\254\350\252\236"),
      S("\"\346\227\245\346\234\254\350\252\236\"") },
    { "s_vc_utf8_4", 15, fx569_meta, 2, fx569_cell, 6, 45, false, 0, "",
      S("\360\237\230\200x"),
      S("\"\360\237\230\200x\"") },
    { "s_vc_utf8_5", 15, fx570_meta, 2, fx570_cell, 7, 45, false, 0, "",
      S("a\011b\"c\\"),
      S("\"a\\tb\\\"c\\\\\"") },
    { "s_vc_utf8_6", 15, fx571_meta, 2, fx571_cell, 7, 45, false, 0, "",
      S("tail  "),
      S("\"tail  \"") },
    { "s_vc_long_1", 15, fx572_meta, 2, fx572_cell, 3, 45, false, 0, "",
      S("x"),
      S("\"x\"") },
    { "s_vc_long_2", 15, fx573_meta, 2, fx573_cell, 302, 45, false, 0, "",
      S("\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251"),
      S("\"\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251\"") },
    { "s_char_utf8_1", 254, fx574_meta, 2, fx574_cell, 3, 45, false, 0, "",
      S("ab"),
      S("\"ab\"") },
    { "s_char_utf8_2", 254, fx575_meta, 2, fx575_cell, 3, 45, false, 0, "",
      S("ab"),
      S("\"ab\"") },
    { "s_char_utf8_3", 254, fx576_meta, 2, fx576_cell, 1, 45, false, 0, "",
      S(""),
      S("\"\"") },
    { "s_char_utf8_4", 254, fx577_meta, 2, fx577_cell, 11, 45, false, 0, "",
      S("\303\261\303\261\303\261\303\261\303\261"),
      S("\"\303\261\303\261\303\261\303\261\303\261\"") },
    { "s_char_long_1", 254, fx578_meta, 2, fx578_cell, 5, 45, false, 0, "",
      S("abc"),
      S("\"abc\"") },
    { "s_char_long_2", 254, fx579_meta, 2, fx579_cell, 102, 45, false, 0, "",
      S("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"),
      S("\"zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz\"") },
    { "s_char_latin1_1", 254, fx580_meta, 2, fx580_cell, 3, 8, false, 0, "",
      S("\303\251\303\240"),
      S("\"\303\251\303\240\"") },
    { "s_char_latin1_2", 254, fx581_meta, 2, fx581_cell, 4, 8, false, 0, "",
      S("\342\202\254\302\201\305\270"),
      S("\"\342\202\254\302\201\305\270\"") },
    { "s_char_latin1_3", 254, fx582_meta, 2, fx582_cell, 3, 8, false, 0, "",
      S(" a"),
      S("\" a\"") },
    { "s_vc_latin1_1", 15, fx583_meta, 2, fx583_cell, 3, 8, false, 0, "",
      S("\303\251\303\240"),
      S("\"\303\251\303\240\"") },
    { "s_vc_latin1_2", 15, fx584_meta, 2, fx584_cell, 8, 8, false, 0, "",
      S("\342\202\254\302\201\302\215\302\217\302\220\302\235\305\270"),
      S("\"\342\202\254\302\201\302\215\302\217\302\220\302\235\305\270\"") },
    { "s_vc_latin1_3", 15, fx585_meta, 2, fx585_cell, 6, 8, false, 0, "",
      S("plain"),
      S("\"plain\"") },
    { "s_vc_gbk_1", 15, fx586_meta, 2, fx586_cell, 5, 28, false, 0, "",
      S("\344\275\240\345\245\275"),
      S("\"\344\275\240\345\245\275\"") },
    { "s_vc_gbk_2", 15, fx587_meta, 2, fx587_cell, 3, 28, false, 0, "",
      S("\302\267"),
      S("\"\302\267\"") },
    { "s_vc_sjis_1", 15, fx588_meta, 2, fx588_cell, 5, 13, false, 0, "",
      S("\343\201\202\343\201\204"),
      S("\"\343\201\202\343\201\204\"") },
    { "s_vc_sjis_2", 15, fx589_meta, 2, fx589_cell, 5, 13, false, 0, "",
      S("\\~\\"),
      S("\"\\\\~\\\\\"") },
    { "s_vc_sjis_3", 15, fx590_meta, 2, fx590_cell, 3, 13, false, 0, "",
      S("\343\202\275"),
      S("\"\343\202\275\"") },
    { "s_vc_ucs2_1", 15, fx591_meta, 2, fx591_cell, 7, 35, false, 0, "",
      S("a\303\251\346\227\245"),
      S("\"a\303\251\346\227\245\"") },
    { "s_vc_ucs2_2", 15, fx592_meta, 2, fx592_cell, 1, 35, false, 0, "",
      S(""),
      S("\"\"") },
    { "s_vc_utf16_1", 15, fx593_meta, 2, fx593_cell, 7, 54, false, 0, "",
      S("a\360\237\230\200"),
      S("\"a\360\237\230\200\"") },
    { "s_vc_utf32_1", 15, fx594_meta, 2, fx594_cell, 9, 60, false, 0, "",
      S("a\360\237\230\200"),
      S("\"a\360\237\230\200\"") },
    { "s_vc_cp1251_1", 15, fx595_meta, 2, fx595_cell, 7, 51, false, 0, "",
      S("\320\237\321\200\320\270\320\262\320\265\321\202"),
      S("\"\320\237\321\200\320\270\320\262\320\265\321\202\"") },
    { "s_vc_big5_1", 15, fx596_meta, 2, fx596_cell, 5, 1, false, 0, "",
      S("\344\270\255\346\226\207"),
      S("\"\344\270\255\346\226\207\"") },
    { "s_vc_ujis_1", 15, fx597_meta, 2, fx597_cell, 5, 12, false, 0, "",
      S("\346\227\245\346\234\254"),
      S("\"\346\227\245\346\234\254\"") },
    { "s_vc_ujis_2", 15, fx598_meta, 2, fx598_cell, 3, 12, false, 0, "",
      S("\\"),
      S("\"\\\\\"") },
    { "s_bin_1", 254, fx599_meta, 2, fx599_cell, 2, 63, false, 0, "",
      S("a\000\000\000"),
      S("{\"base64\":\"YQAAAA==\"}") },
    { "s_bin_2", 254, fx600_meta, 2, fx600_cell, 2, 63, false, 0, "",
      S("a\000\000\000"),
      S("{\"base64\":\"YQAAAA==\"}") },
    { "s_bin_3", 254, fx601_meta, 2, fx601_cell, 1, 63, false, 0, "",
      S("\000\000\000\000"),
      S("{\"base64\":\"AAAAAA==\"}") },
    { "s_bin_4", 254, fx602_meta, 2, fx602_cell, 1, 63, false, 0, "",
      S("\000\000\000\000"),
      S("{\"base64\":\"AAAAAA==\"}") },
    { "s_bin_5", 254, fx603_meta, 2, fx603_cell, 5, 63, false, 0, "",
      S("\377\377\377\377"),
      S("{\"base64\":\"/////w==\"}") },
    { "s_varbin_1", 15, fx604_meta, 2, fx604_cell, 4, 63, false, 0, "",
      S("\000\001\377"),
      S("{\"base64\":\"AAH/\"}") },
    { "s_varbin_2", 15, fx605_meta, 2, fx605_cell, 1, 63, false, 0, "",
      S(""),
      S("{\"base64\":\"\"}") },
    { "s_tinyblob_1", 252, fx606_meta, 1, fx606_cell, 3, 63, false, 0, "",
      S("\000\377"),
      S("{\"base64\":\"AP8=\"}") },
    { "s_tinyblob_2", 252, fx607_meta, 1, fx607_cell, 1, 63, false, 0, "",
      S(""),
      S("{\"base64\":\"\"}") },
    { "s_blob_1", 252, fx608_meta, 1, fx608_cell, 4, 63, false, 0, "",
      S("\001\002"),
      S("{\"base64\":\"AQI=\"}") },
    { "s_blob_2", 252, fx609_meta, 1, fx609_cell, 302, 63, false, 0, "",
      S("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"),
      S("{\"base64\":\"YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFh\"}") },
    { "s_mblob_1", 252, fx610_meta, 1, fx610_cell, 5, 63, false, 0, "",
      S("\001\002"),
      S("{\"base64\":\"AQI=\"}") },
    { "s_lblob_1", 252, fx611_meta, 1, fx611_cell, 6, 63, false, 0, "",
      S("\001\002"),
      S("{\"base64\":\"AQI=\"}") },
    { "s_text_1", 252, fx612_meta, 1, fx612_cell, 10, 45, false, 0, "",
      S("text \342\230\203"),
      S("\"text \342\230\203\"") },
    { "s_text_2", 252, fx613_meta, 1, fx613_cell, 2, 45, false, 0, "",
      S(""),
      S("\"\"") },
    { "s_ltext_latin1_1", 252, fx614_meta, 1, fx614_cell, 5, 8, false, 0, "",
      S("\303\251"),
      S("\"\303\251\"") },
    { "s_json_maria_1", 252, fx615_meta, 1, fx615_cell, 12, 46, false, 0, "",
      S("{\"a\": 1}"),
      S("\"{\\\"a\\\": 1}\"") },
    { "s_json_maria_2", 252, fx616_meta, 1, fx616_cell, 9, 46, false, 0, "",
      S("[1,2]"),
      S("\"[1,2]\"") },
    { "s_enum_1", 254, fx617_meta, 2, fx617_cell, 1, 45, false, 0, "abc",
      S("a"),
      S("\"a\"") },
    { "s_enum_2", 254, fx618_meta, 2, fx618_cell, 1, 45, false, 0, "abc",
      S("c"),
      S("\"c\"") },
    { "s_enum_3", 254, fx619_meta, 2, fx619_cell, 1, 45, false, 0, "abc",
      S(""),
      S("\"\"") },
    { "s_enum_4", 254, fx620_meta, 2, fx620_cell, 1, 45, false, 0, "abc",
      S("b"),
      S("\"b\"") },
    { "s_enum_big_1", 254, fx621_meta, 2, fx621_cell, 2, 45, false, 0, "big",
      S("e0"),
      S("\"e0\"") },
    { "s_enum_big_2", 254, fx622_meta, 2, fx622_cell, 2, 45, false, 0, "big",
      S("e299"),
      S("\"e299\"") },
    { "s_set_1", 254, fx623_meta, 2, fx623_cell, 1, 45, false, 0, "abc",
      S("a,c"),
      S("\"a,c\"") },
    { "s_set_2", 254, fx624_meta, 2, fx624_cell, 1, 45, false, 0, "abc",
      S(""),
      S("\"\"") },
    { "s_set_3", 254, fx625_meta, 2, fx625_cell, 1, 45, false, 0, "abc",
      S("b"),
      S("\"b\"") },
    { "s_set_4", 254, fx626_meta, 2, fx626_cell, 1, 45, false, 0, "abc",
      S("a,b,c"),
      S("\"a,b,c\"") },
    { "s_set64_1", 254, fx627_meta, 2, fx627_cell, 8, 45, false, 0, "set64",
      S("s0,s63"),
      S("\"s0,s63\"") },
    { "s_set64_2", 254, fx628_meta, 2, fx628_cell, 8, 45, false, 0, "set64",
      S("s9"),
      S("\"s9\"") },
    { "s_bit1_1", 16, fx629_meta, 2, fx629_cell, 1, 0, false, 0, "",
      S("1"),
      S("1") },
    { "s_bit1_2", 16, fx630_meta, 2, fx630_cell, 1, 0, false, 0, "",
      S("0"),
      S("0") },
    { "s_bit7_1", 16, fx631_meta, 2, fx631_cell, 1, 0, false, 0, "",
      S("127"),
      S("127") },
    { "s_bit7_2", 16, fx632_meta, 2, fx632_cell, 1, 0, false, 0, "",
      S("5"),
      S("5") },
    { "s_bit8_1", 16, fx633_meta, 2, fx633_cell, 1, 0, false, 0, "",
      S("255"),
      S("255") },
    { "s_bit8_2", 16, fx634_meta, 2, fx634_cell, 1, 0, false, 0, "",
      S("1"),
      S("1") },
    { "s_bit9_1", 16, fx635_meta, 2, fx635_cell, 2, 0, false, 0, "",
      S("511"),
      S("511") },
    { "s_bit9_2", 16, fx636_meta, 2, fx636_cell, 2, 0, false, 0, "",
      S("256"),
      S("256") },
    { "s_bit64_1", 16, fx637_meta, 2, fx637_cell, 8, 0, false, 0, "",
      S("18446744073709551615"),
      S("18446744073709551615") },
    { "s_bit64_2", 16, fx638_meta, 2, fx638_cell, 8, 0, false, 0, "",
      S("1"),
      S("1") },
    { "s_geom_1", 255, fx639_meta, 1, fx639_cell, 29, 63, false, 0, "",
      S("\000\000\000\000\001\001\000\000\000\000\000\000\000\000\000\360\077\000\000\000\000\000\000\000@"),
      S("{\"base64\":\"AAAAAAEBAAAAAAAAAAAA8D8AAAAAAAAAQA==\"}") },
    { "s_geom_2", 255, fx640_meta, 1, fx640_cell, 49, 63, false, 0, "",
      S("\346\020\000\000\001\002\000\000\000\002\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\360\077\000\000\000\000\000\000\360\077"),
      S("{\"base64\":\"5hAAAAECAAAAAgAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAADwPwAAAAAAAPA/\"}") },
    { "s_point_1", 255, fx641_meta, 1, fx641_cell, 29, 63, false, 0, "",
      S("\000\000\000\000\001\001\000\000\000\000\000\000\000\000\000\360\077\000\000\000\000\000\000\000@"),
      S("{\"base64\":\"AAAAAAEBAAAAAAAAAAAA8D8AAAAAAAAAQA==\"}") },
    { "c_vc_1", 141, fx642_meta, 2, fx642_cell, 8, 45, false, 0, "",
      S("hello"),
      S("\"hello\"") },
    { "c_vc_2", 141, fx643_meta, 2, fx643_cell, 14, 45, false, 0, "",
      S("abcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabc"),
      S("\"abcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabc\"") },
    { "c_vc_3", 141, fx644_meta, 2, fx644_cell, 2, 45, false, 0, "",
      S(""),
      S("\"\"") },
    { "c_blob_1", 140, fx645_meta, 1, fx645_cell, 5, 63, false, 0, "",
      S("\001\002"),
      S("{\"base64\":\"AQI=\"}") },
    { "c_blob_2", 140, fx646_meta, 1, fx646_cell, 16, 63, false, 0, "",
      S("xyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyz"),
      S("{\"base64\":\"eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6eHl6\"}") },
    { "c_blob_3", 140, fx647_meta, 1, fx647_cell, 2, 63, false, 0, "",
      S(""),
      S("{\"base64\":\"\"}") },
    { "c_text_1", 140, fx648_meta, 1, fx648_cell, 4, 8, false, 0, "",
      S("\303\251"),
      S("\"\303\251\"") },
    { "c_text_2", 140, fx649_meta, 1, fx649_cell, 12, 8, false, 0, "",
      S("qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq"),
      S("\"qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq\"") },
};

/* ENUM/SET labels used by the fixtures. */
static char big_names[300][16];
static const char *big_labels[300];
static char set64_names[64][16];
static const char *set64_labels[64];
static const char *const abc_labels[3] = { "a", "b", "c" };

static void set_labels(struct bb_column *col, const char *which)
{
    if (strcmp(which, "abc") == 0) {
        col->labels = abc_labels;
        col->nlabels = 3;
    } else if (strcmp(which, "big") == 0) {
        for (int i = 0; i < 300; i++) {
            snprintf(big_names[i], sizeof big_names[i], "e%d", i);
            big_labels[i] = big_names[i];
        }
        col->labels = big_labels;
        col->nlabels = 300;
    } else if (strcmp(which, "set64") == 0) {
        for (int i = 0; i < 64; i++) {
            snprintf(set64_names[i], sizeof set64_names[i], "s%d", i);
            set64_labels[i] = set64_names[i];
        }
        col->labels = set64_labels;
        col->nlabels = 64;
    }
    col->label_lens = NULL;
}

static void make_column(const struct cell_fixture *f, struct bb_column *col)
{
    struct bb_error err = { 0 };
    memset(col, 0, sizeof *col);
    struct cursor m = cursor_make(f->meta, f->meta_len);
    int rc = column_read_meta(col, f->type, &m, &err);
    cr_assert_eq(rc, 0, "%s: metadata: %s", f->name, err.msg);
    cr_assert(cursor_at_end(&m), "%s: metadata not consumed", f->name);
    col->charset = f->charset;
    col->is_unsigned = f->is_unsigned;
    if (f->fsp)
        col->fsp = f->fsp;
    set_labels(col, f->labels);
}

static void expect_bytes(const char *name, const char *what, const struct bb_buf *b,
                         const char *want, size_t want_len)
{
    cr_assert(b->len == want_len && memcmp(b->data, want, want_len) == 0,
              "%s: %s is [%.*s] (%zu bytes), want [%.*s] (%zu bytes)", name, what, (int)b->len,
              b->data ? b->data : "", b->len, (int)want_len, want, want_len);
}

Test(decode_value, server_fixtures)
{
    struct bb_arena arena;
    struct bb_buf text, json;
    bb_arena_init(&arena);
    bb_buf_init(&text);
    bb_buf_init(&json);
    for (size_t i = 0; i < sizeof cell_fixtures / sizeof *cell_fixtures; i++) {
        const struct cell_fixture *f = &cell_fixtures[i];
        struct bb_column col;
        struct bb_value v;
        struct bb_error err = { 0 };
        make_column(f, &col);

        struct cursor c = cursor_make(f->cell, f->cell_len);
        int rc = decode_value(&col, &c, &arena, &v, &err);
        cr_assert_eq(rc, 0, "%s: decode: %s", f->name, err.msg);
        cr_assert(cursor_at_end(&c), "%s: %zu bytes left after the cell", f->name, cursor_left(&c));
        cr_assert_eq(v.col, &col);

        bb_buf_reset(&text);
        rc = bb_value_format_text(&v, &text, &err);
        cr_assert_eq(rc, 0, "%s: text: %s", f->name, err.msg);
        expect_bytes(f->name, "text", &text, f->text, f->text_len);

        bb_buf_reset(&json);
        rc = bb_value_format_json(&v, &json, &err);
        cr_assert_eq(rc, 0, "%s: json: %s", f->name, err.msg);
        expect_bytes(f->name, "json", &json, f->json, f->json_len);

        /* Every proper prefix of the cell is corrupt input. */
        for (size_t n = 0; n < f->cell_len; n++) {
            struct bb_error e2 = { 0 };
            struct cursor t = cursor_make(f->cell, n);
            rc = decode_value(&col, &t, &arena, &v, &e2);
            cr_assert_eq(rc, BB_ERR_CORRUPT, "%s: prefix of %zu bytes gave %d", f->name, n, rc);
            cr_assert(e2.msg[0] != '\0', "%s: no message", f->name);
        }
        bb_arena_reset(&arena, 1 << 20);
    }
    bb_buf_destroy(&text);
    bb_buf_destroy(&json);
    bb_arena_destroy(&arena);
}

/* ---- metadata ---- */

static int meta_of(uint8_t type, const uint8_t *p, size_t n, struct bb_column *col,
                   struct bb_error *err, size_t *used)
{
    memset(col, 0, sizeof *col);
    struct cursor m = cursor_make(p, n);
    int rc = column_read_meta(col, type, &m, err);
    *used = m.off;
    return rc;
}

Test(decode_value, meta_lengths)
{
    static const struct { uint8_t type; size_t len; } cases[] = {
        { MYSQL_TYPE_TINY, 0 }, { MYSQL_TYPE_SHORT, 0 }, { MYSQL_TYPE_INT24, 0 },
        { MYSQL_TYPE_LONG, 0 }, { MYSQL_TYPE_LONGLONG, 0 }, { MYSQL_TYPE_DATE, 0 },
        { MYSQL_TYPE_TIME, 0 }, { MYSQL_TYPE_DATETIME, 0 }, { MYSQL_TYPE_TIMESTAMP, 0 },
        { MYSQL_TYPE_YEAR, 0 }, { MYSQL_TYPE_NULL, 0 }, { MYSQL_TYPE_DECIMAL, 0 },
        { MYSQL_TYPE_FLOAT, 1 }, { MYSQL_TYPE_DOUBLE, 1 }, { MYSQL_TYPE_BLOB, 1 },
        { MYSQL_TYPE_GEOMETRY, 1 }, { MYSQL_TYPE_JSON, 1 }, { BB_TYPE_VECTOR, 1 },
        { MYSQL_TYPE_TIMESTAMP2, 1 }, { MYSQL_TYPE_DATETIME2, 1 }, { MYSQL_TYPE_TIME2, 1 },
        { MYSQL_TYPE_VARCHAR, 2 }, { MYSQL_TYPE_VAR_STRING, 2 }, { MYSQL_TYPE_NEWDECIMAL, 2 },
        { MYSQL_TYPE_BIT, 2 }, { MYSQL_TYPE_STRING, 2 }, { MYSQL_TYPE_ENUM, 2 },
        { MYSQL_TYPE_SET, 2 }, { 140 /* BLOB_COMPRESSED */, 1 }, { 141 /* VARCHAR_COMPRESSED */, 2 },
    };
    /* A plausible metadata block for every type: 8 bytes, first value valid. */
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        uint8_t buf[8] = { 0 };
        switch (cases[i].type) {
        case MYSQL_TYPE_FLOAT: buf[0] = 4; break;
        case MYSQL_TYPE_DOUBLE: buf[0] = 8; break;
        case MYSQL_TYPE_BLOB: case MYSQL_TYPE_GEOMETRY: case MYSQL_TYPE_JSON: case BB_TYPE_VECTOR:
        case 140:
            buf[0] = 4; break;
        case MYSQL_TYPE_NEWDECIMAL: buf[0] = 10; buf[1] = 2; break;
        case MYSQL_TYPE_BIT: buf[0] = 1; buf[1] = 0; break;
        case MYSQL_TYPE_STRING: buf[0] = 0xfe; buf[1] = 10; break;
        case MYSQL_TYPE_ENUM: buf[0] = 0xf7; buf[1] = 1; break;
        case MYSQL_TYPE_SET: buf[0] = 0xf8; buf[1] = 1; break;
        case MYSQL_TYPE_VARCHAR: case MYSQL_TYPE_VAR_STRING: case 141: buf[0] = 10; break;
        default: break;
        }
        struct bb_column col;
        struct bb_error err = { 0 };
        size_t used;
        int rc = meta_of(cases[i].type, buf, sizeof buf, &col, &err, &used);
        cr_assert_eq(rc, 0, "type %u: %s", cases[i].type, err.msg);
        cr_assert_eq(used, cases[i].len, "type %u used %zu bytes", cases[i].type, used);
        /* Truncated metadata is corrupt. */
        for (size_t n = 0; n < cases[i].len; n++) {
            struct bb_error e2 = { 0 };
            rc = meta_of(cases[i].type, buf, n, &col, &e2, &used);
            cr_assert_eq(rc, BB_ERR_CORRUPT, "type %u with %zu bytes", cases[i].type, n);
            cr_assert(strstr(e2.msg, "truncated"), "%s", e2.msg);
        }
    }
}

Test(decode_value, meta_values)
{
    struct bb_column col;
    struct bb_error err = { 0 };
    size_t used;

    /* CHAR(100) utf8mb4 = 400 bytes: fe 90 encoded as ee 90. */
    static const uint8_t char400[] = { 0xee, 0x90 };
    cr_assert_eq(meta_of(MYSQL_TYPE_STRING, char400, 2, &col, &err, &used), 0);
    cr_assert_eq(col.type, MYSQL_TYPE_STRING);
    cr_assert_eq(col.max_length, 400);
    cr_assert_eq(col.length_bytes, 2);
    /* CHAR(255) latin1 and CHAR(255) utf8mb4 (1020 bytes: 0x3fc). */
    static const uint8_t char255[] = { 0xfe, 0xff };
    cr_assert_eq(meta_of(MYSQL_TYPE_STRING, char255, 2, &col, &err, &used), 0);
    cr_assert_eq(col.max_length, 255);
    cr_assert_eq(col.length_bytes, 1);
    static const uint8_t char1020[] = { 0xce, 0xfc };
    cr_assert_eq(meta_of(MYSQL_TYPE_STRING, char1020, 2, &col, &err, &used), 0);
    cr_assert_eq(col.max_length, 1020);
    /* ENUM and SET behind STRING. */
    static const uint8_t en[] = { 0xf7, 0x02 }, se[] = { 0xf8, 0x08 };
    cr_assert_eq(meta_of(MYSQL_TYPE_STRING, en, 2, &col, &err, &used), 0);
    cr_assert_eq(col.type, MYSQL_TYPE_ENUM);
    cr_assert_eq(col.max_length, 2);
    cr_assert_eq(meta_of(MYSQL_TYPE_STRING, se, 2, &col, &err, &used), 0);
    cr_assert_eq(col.type, MYSQL_TYPE_SET);
    cr_assert_eq(col.max_length, 8);
    /* VARCHAR(300) utf8mb4 = 1200 bytes, 2-byte lengths. */
    static const uint8_t vc[] = { 0xb0, 0x04 };
    cr_assert_eq(meta_of(MYSQL_TYPE_VARCHAR, vc, 2, &col, &err, &used), 0);
    cr_assert_eq(col.max_length, 1200);
    cr_assert_eq(col.length_bytes, 2);
    /* BIT(9): 1 bit + 1 byte. */
    static const uint8_t bit9[] = { 0x01, 0x01 };
    cr_assert_eq(meta_of(MYSQL_TYPE_BIT, bit9, 2, &col, &err, &used), 0);
    cr_assert_eq(col.max_length, 9);
    /* DECIMAL(65,30). */
    static const uint8_t dec[] = { 65, 30 };
    cr_assert_eq(meta_of(MYSQL_TYPE_NEWDECIMAL, dec, 2, &col, &err, &used), 0);
    cr_assert_eq(col.precision, 65);
    cr_assert_eq(col.scale, 30);
    /* TIME2(6). */
    static const uint8_t fsp6[] = { 6 };
    cr_assert_eq(meta_of(MYSQL_TYPE_TIME2, fsp6, 1, &col, &err, &used), 0);
    cr_assert_eq(col.fsp, 6);

    /* Out-of-range metadata. */
    static const struct { uint8_t type; uint8_t m[2]; size_t n; const char *msg; } bad[] = {
        { MYSQL_TYPE_NEWDECIMAL, { 66, 0 }, 2, "DECIMAL precision 66 out of range 1..65" },
        { MYSQL_TYPE_NEWDECIMAL, { 0, 0 }, 2, "DECIMAL precision 0 out of range 1..65" },
        { MYSQL_TYPE_NEWDECIMAL, { 10, 11 }, 2, "DECIMAL scale 11 out of range for precision 10" },
        { MYSQL_TYPE_NEWDECIMAL, { 65, 39 }, 2, "DECIMAL scale 39 out of range for precision 65" },
        { MYSQL_TYPE_TIME2, { 7 }, 1, "TIME2 fractional precision 7 (must be 0..6)" },
        { MYSQL_TYPE_BLOB, { 5 }, 1, "BLOB length bytes 5 (must be 1..4)" },
        { MYSQL_TYPE_BLOB, { 0 }, 1, "BLOB length bytes 0 (must be 1..4)" },
        { MYSQL_TYPE_BIT, { 0, 9 }, 2, "BIT metadata 9 bytes + 0 bits (width 1..64)" },
        { MYSQL_TYPE_BIT, { 8, 0 }, 2, "BIT metadata 0 bytes + 8 bits (width 1..64)" },
        { MYSQL_TYPE_FLOAT, { 8 }, 1, "FLOAT metadata size 8" },
        { MYSQL_TYPE_STRING, { 0xf7, 3 }, 2, "ENUM pack length 3 (must be 1 or 2)" },
        { MYSQL_TYPE_STRING, { 0xf8, 9 }, 2, "SET pack length 9 (must be 1..8)" },
        { MYSQL_TYPE_STRING, { 0xfc, 1 }, 2, "STRING column with real type 252 in metadata" },
        { 200, { 0 }, 0, "unknown column type 200" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        struct bb_error e = { 0 };
        cr_assert_eq(meta_of(bad[i].type, bad[i].m, bad[i].n, &col, &e, &used), BB_ERR_CORRUPT);
        cr_assert_str_eq(e.msg, bad[i].msg);
    }
}

Test(decode_value, typed_array)
{
    /* MySQL multi-valued index column: TYPED_ARRAY(20) + inner type + its meta. */
    static const uint8_t meta[] = { MYSQL_TYPE_VARCHAR, 0x28, 0x00 };
    static const uint8_t cell[] = { 0x01, 'a' };
    struct bb_column col;
    struct bb_error err = { 0 };
    size_t used;
    cr_assert_eq(meta_of(20, meta, sizeof meta, &col, &err, &used), 0);
    cr_assert_eq(used, 3);
    cr_assert_eq(col.type, 20);
    cr_assert_eq(col.max_length, 40);
    struct bb_arena a;
    bb_arena_init(&a);
    struct bb_value v;
    struct cursor c = cursor_make(cell, sizeof cell);
    cr_assert_eq(decode_value(&col, &c, &a, &v, &err), BB_ERR_UNSUPPORTED);
    cr_assert(strstr(err.msg, "TYPED_ARRAY"), "%s", err.msg);
    bb_arena_destroy(&a);
    /* Truncated inner metadata. */
    struct bb_error e2 = { 0 };
    cr_assert_eq(meta_of(20, meta, 2, &col, &e2, &used), BB_ERR_CORRUPT);
}

/* ---- cells that no server writes ---- */

struct bad_cell {
    uint8_t type;
    uint8_t meta[2];
    size_t meta_len;
    uint8_t cell[12];
    size_t cell_len;
    const char *msg;
};

Test(decode_value, corrupt_cells)
{
    static const struct bad_cell cases[] = {
        { MYSQL_TYPE_DATE, { 0 }, 0, { 0xa0, 0xc9, 0x0f }, 3, "DATE date 2020-13-0 out of range" },
        { MYSQL_TYPE_DATETIME2, { 0 }, 1, { 0x99, 0xa5, 0xba, 0xcf, 0x38 }, 5, "DATETIME2 time 12:60:56 out of range" },
        { MYSQL_TYPE_DATETIME2, { 0 }, 1, { 0x19, 0xa5, 0xba, 0xc8, 0xb8 }, 5, "DATETIME2 negative value" },
        { MYSQL_TYPE_DATETIME2, { 2 }, 1, { 0x99, 0xa5, 0xba, 0xc8, 0xb8, 0x64 }, 6, "DATETIME2 fraction 100 out of range" },
        { MYSQL_TYPE_DATETIME2, { 0 }, 1, { 0x99, 0xa5, 0xbb, 0x88, 0xb8 }, 5, "DATETIME2 hour 24 out of range" },
        { MYSQL_TYPE_TIME2, { 0 }, 1, { 0xb4, 0x7e, 0xfb }, 3, "TIME2 hour 839 exceeds 838" },
        { MYSQL_TYPE_TIME2, { 0 }, 1, { 0x80, 0x0f, 0x3c }, 3, "TIME2 time 00:60:60 out of range" },
        { MYSQL_TYPE_TIME, { 0 }, 0, { 0xa8, 0xf5, 0x7f }, 3, "TIME time 838:59:60 out of range" },
        { MYSQL_TYPE_DATETIME, { 0 }, 0, { 0xa8, 0x3f, 0x7b, 0x3b, 0x5f, 0x12, 0, 0 }, 8, "DATETIME time 12:60:56 out of range" },
        { MYSQL_TYPE_TIMESTAMP2, { 3 }, 1, { 0, 0, 0, 1, 0x27, 0x10 }, 6, "TIMESTAMP2 fraction 10000 out of range" },
        { MYSQL_TYPE_NEWDECIMAL, { 1, 0 }, 2, { 0x8a }, 1, "DECIMAL(1,0) digit group 10 exceeds 1 digits" },
        { MYSQL_TYPE_NEWDECIMAL, { 9, 0 }, 2, { 0xbb, 0x9a, 0xca, 0x00 }, 4, "DECIMAL(9,0) digit group 1000000000 exceeds 9 digits" },
        { MYSQL_TYPE_VARCHAR, { 4, 0 }, 2, { 5, 'a', 'b', 'c', 'd', 'e' }, 6, "VARCHAR length 5 exceeds column maximum 4" },
        { MYSQL_TYPE_VARCHAR, { 4, 0 }, 2, { 3, 'a' }, 2, "VARCHAR length 3 exceeds 1 bytes left" },
        { MYSQL_TYPE_BIT, { 1, 0 }, 2, { 0x02 }, 1, "BIT(1) value 0x2 too wide" },
        { MYSQL_TYPE_FLOAT, { 4 }, 1, { 0, 0, 0x80, 0x7f }, 4, "FLOAT value is not finite" },
        { MYSQL_TYPE_DOUBLE, { 8 }, 1, { 0, 0, 0, 0, 0, 0, 0xf8, 0x7f }, 8, "DOUBLE value is not finite" },
        { BB_TYPE_VECTOR, { 4 }, 1, { 3, 0, 0, 0, 1, 2, 3 }, 7, "VECTOR length 3 is not a multiple of 4" },
        { MYSQL_TYPE_GEOMETRY, { 4 }, 1, { 2, 0, 0, 0, 1, 2 }, 6, "GEOMETRY value of 2 bytes has no SRID" },
        { MYSQL_TYPE_BLOB, { 4 }, 1, { 0xff, 0xff, 0xff, 0xff, 1 }, 5, "BLOB length 4294967295 exceeds 1 bytes left" },
        { 140, { 1 }, 1, { 4, 0x8a, 0x01, 0x2c, 0x4b }, 5, "BLOB_COMPRESSED data does not inflate to its 300 bytes" },
        { 140, { 1 }, 1, { 2, 0x88, 0x01 }, 3, "BLOB_COMPRESSED compression header 0x88 in 2 bytes" },
        { 141, { 10, 0 }, 2, { 3, 0x81, 0x05, 0x00 }, 4, "VARCHAR_COMPRESSED data does not inflate to its 5 bytes" },
        { 140, { 1 }, 1, { 4, 0x8a, 0xff, 0xff, 0x4b }, 5, "BLOB_COMPRESSED data of 1 bytes cannot inflate to the 65535 bytes its header gives" },
    };
    struct bb_arena a;
    bb_arena_init(&a);
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct bb_column col;
        struct bb_error err = { 0 };
        size_t used;
        cr_assert_eq(meta_of(cases[i].type, cases[i].meta, cases[i].meta_len, &col, &err, &used), 0,
                     "case %zu: %s", i, err.msg);
        struct bb_value v;
        struct cursor c = cursor_make(cases[i].cell, cases[i].cell_len);
        int rc = decode_value(&col, &c, &a, &v, &err);
        cr_assert_eq(rc, BB_ERR_CORRUPT, "case %zu (%s) gave %d", i, cases[i].msg, rc);
        cr_assert_str_eq(err.msg, cases[i].msg, "case %zu: %s", i, err.msg);
    }
    bb_arena_destroy(&a);
}

Test(decode_value, set_bits_beyond_labels)
{
    static const uint8_t meta[] = { 0xf8, 0x01 };
    static const uint8_t cell[] = { 0x09 };
    static const char *const labels[] = { "a", "b", "c" };
    struct bb_column col;
    struct bb_error err = { 0 };
    size_t used;
    cr_assert_eq(meta_of(MYSQL_TYPE_STRING, meta, 2, &col, &err, &used), 0);
    col.labels = labels;
    col.nlabels = 3;
    struct bb_arena a;
    bb_arena_init(&a);
    struct bb_value v;
    struct cursor c = cursor_make(cell, 1);
    cr_assert_eq(decode_value(&col, &c, &a, &v, &err), BB_ERR_CORRUPT);
    cr_assert_str_eq(err.msg, "SET value 0x9 has bits beyond its 3 labels");
    /* Without labels the bitmask is printed as a number. */
    col.nlabels = 0;
    col.labels = NULL;
    struct bb_error e2 = { 0 };
    c = cursor_make(cell, 1);
    cr_assert_eq(decode_value(&col, &c, &a, &v, &e2), 0);
    struct bb_buf b;
    bb_buf_init(&b);
    cr_assert_eq(bb_value_format_text(&v, &b, &e2), 0);
    cr_assert_str_eq(b.data, "9");
    bb_buf_destroy(&b);
    bb_arena_destroy(&a);
}

/* Forged negative zeros and DECIMAL shapes the server writes but the live
 * fixtures do not cover. */
Test(decode_value, decimal_edge_cases)
{
    static const struct { uint8_t p, s; uint8_t cell[32]; size_t n; const char *text; } cases[] = {
        { 1, 0, { 0x7f }, 1, "0" },                         /* -0 */
        { 5, 2, { 0x7f, 0xff, 0xff }, 3, "0.00" },          /* -0.00 */
        { 10, 10, { 0x7f, 0xff, 0xff, 0xff, 0xff }, 5, "0.0000000000" },
        { 4, 4, { 0x84, 0xd2 }, 2, "0.1234" },
        { 18, 0, { 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 }, 8, "0" },
        { 18, 9, { 0x80, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x02 }, 8, "1.000000002" },
        { 19, 9, { 0x81, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 }, 9, "1000000000.000000000" },
        { 2, 2, { 0x85 }, 1, "0.05" },
    };
    struct bb_arena a;
    bb_arena_init(&a);
    struct bb_buf b;
    bb_buf_init(&b);
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct bb_column col;
        struct bb_error err = { 0 };
        size_t used;
        uint8_t meta[2] = { cases[i].p, cases[i].s };
        cr_assert_eq(meta_of(MYSQL_TYPE_NEWDECIMAL, meta, 2, &col, &err, &used), 0);
        struct bb_value v;
        struct cursor c = cursor_make(cases[i].cell, cases[i].n);
        cr_assert_eq(decode_value(&col, &c, &a, &v, &err), 0, "case %zu: %s", i, err.msg);
        cr_assert(cursor_at_end(&c), "case %zu", i);
        bb_buf_reset(&b);
        cr_assert_eq(bb_value_format_text(&v, &b, &err), 0);
        cr_assert_str_eq(b.data, cases[i].text, "case %zu: %s", i, b.data);
    }
    bb_buf_destroy(&b);
    bb_arena_destroy(&a);
}

/* Every precision and scale: the largest and smallest values, built
 * digit by digit, decode to 9s; and sizes match MySQL's table. */
Test(decode_value, decimal_all_shapes)
{
    static const uint8_t d2b[10] = { 0, 1, 1, 2, 2, 3, 3, 4, 4, 4 };
    static const uint32_t p10[10] = { 1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000 };
    struct bb_arena a;
    bb_arena_init(&a);
    struct bb_buf b;
    bb_buf_init(&b);
    for (unsigned p = 1; p <= 65; p++) {
        for (unsigned s = 0; s <= 30 && s <= p; s++) {
            unsigned intg = p - s;
            uint8_t cell[40];
            size_t n = 0;
            /* all digits 9: each group is 10^digits - 1 */
            unsigned groups[16], ng = 0;
            if (intg % 9) groups[ng++] = intg % 9;
            for (unsigned i = 0; i < intg / 9; i++) groups[ng++] = 9;
            for (unsigned i = 0; i < s / 9; i++) groups[ng++] = 9;
            if (s % 9) groups[ng++] = s % 9;
            for (unsigned g = 0; g < ng; g++) {
                uint32_t val = p10[groups[g]] - 1;
                unsigned nb = groups[g] == 9 ? 4 : d2b[groups[g]];
                for (unsigned k = nb; k-- > 0;)
                    cell[n++] = (uint8_t)(val >> (8 * k));
            }
            cell[0] ^= 0x80;
            char want[80];
            size_t w = 0;
            for (unsigned i = 0; i < intg; i++) want[w++] = '9';
            if (!intg) want[w++] = '0';
            if (s) {
                want[w++] = '.';
                for (unsigned i = 0; i < s; i++) want[w++] = '9';
            }
            want[w] = '\0';
            for (int neg = 0; neg < 2; neg++) {
                uint8_t c2[40];
                memcpy(c2, cell, n);
                if (neg)
                    for (size_t i = 0; i < n; i++) c2[i] ^= 0xff;
                struct bb_column col;
                struct bb_error err = { 0 };
                size_t used;
                uint8_t meta[2] = { (uint8_t)p, (uint8_t)s };
                cr_assert_eq(meta_of(MYSQL_TYPE_NEWDECIMAL, meta, 2, &col, &err, &used), 0);
                struct bb_value v;
                struct cursor c = cursor_make(c2, n);
                cr_assert_eq(decode_value(&col, &c, &a, &v, &err), 0, "(%u,%u): %s", p, s, err.msg);
                cr_assert(cursor_at_end(&c), "(%u,%u) size", p, s);
                bb_buf_reset(&b);
                cr_assert_eq(bb_value_format_text(&v, &b, &err), 0);
                cr_assert(strcmp(b.data + neg, want) == 0 && (!neg || b.data[0] == '-'),
                          "(%u,%u) neg=%d: %s", p, s, neg, b.data);
                for (size_t k = 0; k < n; k++) {
                    struct bb_error e2 = { 0 };
                    struct cursor t = cursor_make(c2, k);
                    cr_assert_eq(decode_value(&col, &t, &a, &v, &e2), BB_ERR_CORRUPT);
                }
            }
            bb_arena_reset(&a, 1 << 20);
        }
    }
    bb_buf_destroy(&b);
    bb_arena_destroy(&a);
}

Test(decode_value, old_decimal_and_null)
{
    struct bb_column col;
    struct bb_error err = { 0 };
    size_t used;
    struct bb_arena a;
    bb_arena_init(&a);
    struct bb_value v;
    cr_assert_eq(meta_of(MYSQL_TYPE_DECIMAL, NULL, 0, &col, &err, &used), 0);
    static const uint8_t cell[] = { ' ', ' ', '-', '1', '2', '.', '5' };
    struct cursor c = cursor_make(cell, sizeof cell);
    cr_assert_eq(decode_value(&col, &c, &a, &v, &err), BB_ERR_UNSUPPORTED);
    /* With the width from the schema it reads. */
    col.max_length = sizeof cell;
    struct bb_error e2 = { 0 };
    c = cursor_make(cell, sizeof cell);
    cr_assert_eq(decode_value(&col, &c, &a, &v, &e2), 0, "%s", e2.msg);
    cr_assert_eq(v.kind, BB_VALUE_DECIMAL);
    cr_assert_eq(v.v.str.len, 5);
    cr_assert(memcmp(v.v.str.p, "-12.5", 5) == 0);

    cr_assert_eq(meta_of(MYSQL_TYPE_NULL, NULL, 0, &col, &err, &used), 0);
    c = cursor_make(cell, 0);
    cr_assert_eq(decode_value(&col, &c, &a, &v, &e2), 0);
    cr_assert_eq(v.kind, BB_VALUE_NULL);
    bb_arena_destroy(&a);
}

Test(decode_value, type_names)
{
    cr_assert_str_eq(column_type_name(MYSQL_TYPE_VARCHAR), "VARCHAR");
    cr_assert_str_eq(column_type_name(MYSQL_TYPE_DATETIME2), "DATETIME2");
    cr_assert_str_eq(column_type_name(BB_TYPE_VECTOR), "VECTOR");
    cr_assert_str_eq(column_type_name(MYSQL_TYPE_NEWDECIMAL), "NEWDECIMAL");
    cr_assert_str_eq(column_type_name(123), "UNKNOWN");
}

/* MariaDB stores TIME '838:59:59.9' (the maximum with a fraction), and
 * SELECT shows it: it is a value, not corruption. */
Test(decode_value, time_838_59_59_with_a_fraction)
{
    static const uint8_t cell[] = { 0xb4, 0x6e, 0xfb, 0x5a };
    static const uint8_t meta[] = { 1 };
    struct bb_column col;
    memset(&col, 0, sizeof col);
    struct bb_error err = { 0 };
    struct cursor m = cursor_make(meta, 1);
    cr_assert_eq(column_read_meta(&col, MYSQL_TYPE_TIME2, &m, &err), 0, "%s", err.msg);
    struct cursor c = cursor_make(cell, sizeof cell);
    struct bb_arena arena;
    bb_arena_init(&arena);
    struct bb_value v;
    cr_assert_eq(decode_value(&col, &c, &arena, &v, &err), 0, "%s", err.msg);
    struct bb_buf out;
    bb_buf_init(&out);
    cr_assert_eq(bb_value_format_text(&v, &out, &err), 0, "%s", err.msg);
    cr_expect_str_eq(out.data, "838:59:59.9");
    bb_buf_destroy(&out);
    bb_arena_destroy(&arena);
}

/* The deflate ratio bound that refuses a header claiming more than its
 * bytes can inflate to (before allocating for it) leaves real data alone:
 * 16 MB of zeros, deflate's best case (1028:1), inflates from a cell and
 * from a MariaDB compressed event body alike. */
Test(decode_value, compressed_at_deflates_best_ratio_still_inflates)
{
    const size_t orig = (size_t)16 << 20;
    uint8_t *zeros = calloc(1, orig);
    uLongf zlen = compressBound((uLong)orig);
    uint8_t *cell = malloc(4 + 5 + zlen);
    cr_assert(zeros && cell);
    cr_assert_eq(compress2(cell + 9, &zlen, zeros, (uLong)orig, 9), Z_OK);
    cr_assert_gt(orig / zlen, 1000, "ratio %zu", orig / zlen);
    size_t body = 5 + zlen;
    cell[0] = (uint8_t)body;          /* 4-byte cell length */
    cell[1] = (uint8_t)(body >> 8);
    cell[2] = (uint8_t)(body >> 16);
    cell[3] = (uint8_t)(body >> 24);
    cell[4] = 0x84;                   /* zlib, 4 length bytes */
    cell[5] = (uint8_t)(orig >> 24);
    cell[6] = (uint8_t)(orig >> 16);
    cell[7] = (uint8_t)(orig >> 8);
    cell[8] = (uint8_t)orig;

    static const uint8_t meta[1] = { 4 };
    struct bb_column col;
    struct bb_error err = { 0 };
    size_t used;
    cr_assert_eq(meta_of(140, meta, 1, &col, &err, &used), 0, "%s", err.msg);
    struct bb_arena a;
    bb_arena_init(&a);
    struct bb_value v;
    struct cursor c = cursor_make(cell, 4 + body);
    cr_assert_eq(decode_value(&col, &c, &a, &v, &err), 0, "%s", err.msg);
    cr_assert_eq(v.v.str.len, orig);
    cr_assert(v.v.str.p[0] == 0 && v.v.str.p[orig - 1] == 0);

    struct bb_buf out;
    bb_buf_init(&out);
    cr_assert_eq(decode_mariadb_uncompress(cell + 4, body, (size_t)1 << 30, &out, &err), 0, "%s",
                 err.msg);
    cr_assert_eq(out.len, orig);
    bb_buf_destroy(&out);
    bb_arena_destroy(&a);
    free(cell);
    free(zeros);
}
