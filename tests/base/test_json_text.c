/* test_json_text.c - the JSON text validator, and MariaDB JSON columns
 * embedded as JSON (only when the text is JSON). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "base/json_text.h"

static bool valid(const char *s)
{
    return json_text_valid(s, strlen(s));
}

Test(json_text, accepts_json_values)
{
    const char *good[] = {
        "{}", "[]", "0", "-0", "1.5e-3", "12345678901234567890123", "\"\"", "\"a\\u00e9\\n\"",
        " {\"a\": [1, 2.5, true, false, null, {\"b\": \"c\"}]} ", "\"Zoë 😀\"", "-1E+2", NULL,
    };
    for (const char **p = good; *p; p++)
        cr_expect(valid(*p), "%s should be valid", *p);
}

Test(json_text, refuses_everything_else)
{
    const char *bad[] = {
        "", " ", "{", "}", "[1,]", "{\"a\":}", "{a: 1}", "01", "1.", ".5", "+1", "1e", "tru",
        "nul", "\"unterminated", "\"bad \\x escape\"", "\"ctl \x01\"", "[1] [2]", "{\"a\" 1}",
        "\"\\u12\"", "'single'", "NaN", "Infinity", NULL,
    };
    for (const char **p = bad; *p; p++)
        cr_expect(!valid(*p), "%s should be invalid", *p);
    cr_expect(!json_text_valid("\"\xff\"", 3), "invalid UTF-8 in a string");
    char deep[2000];
    memset(deep, '[', 600);
    memset(deep + 600, ']', 600);
    cr_expect(!json_text_valid(deep, 1200), "nesting beyond 512");
    cr_expect(json_text_valid(deep + 100, 1000), "nesting of 500 is fine");
}

static void json_of(const char *text, bool json_column, char *out, size_t size)
{
    struct bb_column col;
    memset(&col, 0, sizeof col);
    col.type = MYSQL_TYPE_BLOB;
    col.length_bytes = 4;
    col.charset = 45; /* utf8mb4 */
    col.json_text = json_column;
    struct bb_value v;
    memset(&v, 0, sizeof v);
    v.kind = BB_VALUE_STRING;
    v.col = &col;
    v.v.str.p = (const uint8_t *)text;
    v.v.str.len = strlen(text);
    struct bb_buf b;
    bb_buf_init(&b);
    struct bb_error err = { 0 };
    cr_assert_eq(bb_value_format_json(&v, &b, &err), 0, "%s", err.msg);
    snprintf(out, size, "%s", b.data);
    bb_buf_destroy(&b);
}

Test(json_text, mariadb_json_columns_are_embedded)
{
    char out[256];
    json_of("{\"a\": [1, 12345678901234567890123]}", true, out, sizeof out);
    cr_expect_str_eq(out, "{\"a\": [1, 12345678901234567890123]}");
    json_of("{\"a\": 1}", false, out, sizeof out);
    cr_expect_str_eq(out, "\"{\\\"a\\\": 1}\"", "a LONGTEXT that is not a JSON column stays text");
    json_of("not json", true, out, sizeof out);
    cr_expect_str_eq(out, "\"not json\"", "invalid JSON in a JSON column is written as a string");
}
