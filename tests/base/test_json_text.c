/* test_json_text.c - the JSON text reader (the one tokenizer), the
 * validator on it, and MariaDB JSON columns embedded as JSON (only when
 * the text is JSON). */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
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

/* ---- the reader (the one JSON text tokenizer) ---- */

/* The tokens of text, one per line: "{", "}", "[", "]", "k:<key>",
 * "s:<string>", "n<kind>:<text>", "true", "false", "null", "end"; or
 * "error: <message>" after the tokens read before it. */
static char *tokens(const char *text, size_t n, unsigned max_depth, unsigned flags)
{
    static const char *const kinds[] = { "int", "uint", "bigint", "decimal", "double" };
    struct json_reader r;
    struct json_token t;
    struct bb_buf out;
    struct bb_error err = { 0 };
    bb_buf_init(&out);
    json_reader_init(&r, text, n, max_depth, flags);
    for (;;) {
        if (json_reader_next(&r, &t, &err) < 0) {
            bb_buf_printf(&out, "error: %s", err.msg);
            break;
        }
        switch (t.kind) {
        case JSON_TOKEN_OBJECT_BEGIN: bb_buf_puts(&out, "{\n"); break;
        case JSON_TOKEN_OBJECT_END: bb_buf_puts(&out, "}\n"); break;
        case JSON_TOKEN_ARRAY_BEGIN: bb_buf_puts(&out, "[\n"); break;
        case JSON_TOKEN_ARRAY_END: bb_buf_puts(&out, "]\n"); break;
        case JSON_TOKEN_KEY: bb_buf_printf(&out, "k:%.*s\n", (int)t.n, t.p); break;
        case JSON_TOKEN_STRING: bb_buf_printf(&out, "s:%.*s\n", (int)t.n, t.p); break;
        case JSON_TOKEN_NUMBER:
            bb_buf_printf(&out, "n%s:%.*s\n", kinds[t.num], (int)t.n, t.p);
            break;
        case JSON_TOKEN_TRUE: bb_buf_puts(&out, "true\n"); break;
        case JSON_TOKEN_FALSE: bb_buf_puts(&out, "false\n"); break;
        case JSON_TOKEN_NULL: bb_buf_puts(&out, "null\n"); break;
        case JSON_TOKEN_END: bb_buf_puts(&out, "end\n"); break;
        }
        if (t.kind == JSON_TOKEN_END)
            break;
    }
    json_reader_destroy(&r);
    char *s = strdup(out.data ? out.data : "");
    bb_buf_destroy(&out);
    return s;
}

static void expect_tokens(const char *text, unsigned flags, const char *want)
{
    char *got = tokens(text, strlen(text), JSON_TEXT_MAX_DEPTH, flags);
    cr_expect_str_eq(got, want, "%s", text);
    free(got);
}

Test(json_text, reader_gives_a_documents_tokens_in_order)
{
    expect_tokens(" {\"a\" : [1, \"x\", true, false, null, {}, []], \"b\\u00e9\": -2.5e3}\n",
                  JSON_READ_DECODE,
                  "{\nk:a\n[\nnint:1\ns:x\ntrue\nfalse\nnull\n{\n}\n[\n]\n]\nk:b\xc3\xa9\n"
                  "ndouble:-2.5e3\n}\nend\n");
    expect_tokens("\"top\"", 0, "s:top\nend\n");
    expect_tokens("  7  ", 0, "nint:7\nend\n");
    /* Offsets: of each token's first byte. */
    const char *text = "[ 10,\t\"x\" ,{\"k\":null}]";
    static const size_t offsets[] = { 0, 2, 6, 11, 12, 16, 20, 21, 22 };
    struct json_reader r;
    struct json_token t;
    struct bb_error err = { 0 };
    json_reader_init(&r, text, strlen(text), 8, JSON_READ_DECODE);
    for (size_t i = 0; i < sizeof offsets / sizeof *offsets; i++) {
        cr_assert_eq(json_reader_next(&r, &t, &err), 0, "%s", err.msg);
        cr_expect_eq(t.offset, offsets[i], "token %zu at %zu", i, t.offset);
    }
    cr_assert_eq(t.kind, JSON_TOKEN_END);
    /* After the end, the end again. */
    cr_assert_eq(json_reader_next(&r, &t, &err), 0);
    cr_assert_eq(t.kind, JSON_TOKEN_END);
    json_reader_destroy(&r);
}

Test(json_text, every_escape_decodes)
{
    expect_tokens("\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t\"", JSON_READ_DECODE,
                  "s:\" \\ / \b \f \n \r \t\nend\n");
    expect_tokens("\"\\u0041\\u00e9\\u20AC\\uFFFF\\ud83d\\ude00 \\uD834\\uDD1E\"", JSON_READ_DECODE,
                  "s:A\xc3\xa9\xe2\x82\xac\xef\xbf\xbf\xf0\x9f\x98\x80 \xf0\x9d\x84\x9e\nend\n");
    /* \u0000 is a NUL in the string (which the token's length carries). */
    struct json_reader r;
    struct json_token t;
    struct bb_error err = { 0 };
    json_reader_init(&r, "\"a\\u0000b\"", 10, 1, JSON_READ_DECODE);
    cr_assert_eq(json_reader_next(&r, &t, &err), 0, "%s", err.msg);
    cr_assert_eq(t.n, 3);
    cr_assert(memcmp(t.p, "a\0b", 3) == 0);
    cr_assert(t.escaped);
    json_reader_destroy(&r);
    /* Without decoding: the text as written, escapes and all. */
    expect_tokens("\"a\\nb\"", 0, "s:a\\nb\nend\n");
    /* Strings without escapes are the text itself. */
    const char *plain = "[\"abc\"]";
    json_reader_init(&r, plain, strlen(plain), 2, JSON_READ_DECODE);
    cr_assert_eq(json_reader_next(&r, &t, &err), 0);
    cr_assert_eq(json_reader_next(&r, &t, &err), 0);
    cr_assert_eq(t.p, plain + 2);
    cr_assert(!t.escaped);
    json_reader_destroy(&r);
}

Test(json_text, a_key_outlives_the_string_after_it)
{
    const char *text = "{\"k\\u00e9y\": \"v\\u00e0l\"}";
    struct json_reader r;
    struct json_token k, v;
    struct bb_error err = { 0 };
    json_reader_init(&r, text, strlen(text), 2, JSON_READ_DECODE);
    cr_assert_eq(json_reader_next(&r, &k, &err), 0);
    cr_assert_eq(json_reader_next(&r, &k, &err), 0);
    cr_assert_eq(json_reader_next(&r, &v, &err), 0);
    cr_assert_eq(k.kind, JSON_TOKEN_KEY);
    cr_assert_eq(v.kind, JSON_TOKEN_STRING);
    cr_assert(k.n == 4 && memcmp(k.p, "k\xc3\xa9y", 4) == 0);
    cr_assert(v.n == 4 && memcmp(v.p, "v\xc3\xa0l", 4) == 0);
    json_reader_destroy(&r);
}

Test(json_text, bad_escapes_are_errors_with_their_offset)
{
    static const struct { const char *text; unsigned flags; const char *want; } cases[] = {
        { "\"ab\\x\"", 0, "error: JSON text: bad escape at offset 3" },
        { "\"\\u12\"", 0, "error: JSON text: truncated \\u escape at offset 1" },
        { "\"\\u12g4\"", 0, "error: JSON text: bad \\u escape at offset 1" },
        { "\"\\", 0, "error: JSON text: unterminated escape at offset 1" },
        { "\"abc", 0, "error: JSON text: unterminated string at offset 4" },
        { "\"a\tb\"", 0, "error: JSON text: control character in a string at offset 2" },
        { "\"\\\x01\"", 0, "error: JSON text: bad escape at offset 1" },
        { "\"x\xc3\"", 0, "error: JSON text: string is not valid UTF-8 at offset 2" },
        { "\"\xed\xa0\x80\"", 0, "error: JSON text: string is not valid UTF-8 at offset 1" },
        /* surrogates: a pair, or nothing, when strings are decoded */
        { "\"x\\ud800\"", JSON_READ_DECODE, "error: JSON text: unpaired surrogate at offset 2" },
        { "\"\\ud800\\u0041\"", JSON_READ_DECODE,
          "error: JSON text: unpaired surrogate at offset 1" },
        { "\"\\ud800\\ud800\"", JSON_READ_DECODE,
          "error: JSON text: unpaired surrogate at offset 1" },
        { "\"\\udc00\"", JSON_READ_DECODE, "error: JSON text: unpaired surrogate at offset 1" },
        { "\"\\ude00\\ud83d\"", JSON_READ_DECODE,
          "error: JSON text: unpaired surrogate at offset 1" },
        { "{\"\\udfff\": 1}", JSON_READ_DECODE,
          "{\nerror: JSON text: unpaired surrogate at offset 2" },
        /* which the grammar alone allows */
        { "\"\\ud800\"", 0, "s:\\ud800\nend\n" },
        { "\"\\udc00\\ud800\"", 0, "s:\\udc00\\ud800\nend\n" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        expect_tokens(cases[i].text, cases[i].flags, cases[i].want);
    cr_expect(json_text_valid("\"\\ud800\"", 8), "a lone surrogate escape is JSON");
    cr_expect(!json_text_valid("\"\\\0\"", 4), "a backslash before a NUL is not an escape");
}

Test(json_text, numbers_are_classified_at_the_edges)
{
    static const struct { const char *text; enum json_number_kind kind; int64_t i; uint64_t u; }
        cases[] = {
            { "0", JSON_NUMBER_INT, 0, 0 },
            { "-0", JSON_NUMBER_INT, 0, 0 },
            { "9223372036854775807", JSON_NUMBER_INT, INT64_MAX, 0 },
            { "-9223372036854775808", JSON_NUMBER_INT, INT64_MIN, 0 },
            { "9223372036854775808", JSON_NUMBER_UINT, 0, (uint64_t)INT64_MAX + 1 },
            { "18446744073709551615", JSON_NUMBER_UINT, 0, UINT64_MAX },
            { "18446744073709551616", JSON_NUMBER_BIGINT, 0, 0 },
            { "-9223372036854775809", JSON_NUMBER_BIGINT, 0, 0 },
            { "-18446744073709551616", JSON_NUMBER_BIGINT, 0, 0 },
            { "123456789012345678901234567890", JSON_NUMBER_BIGINT, 0, 0 },
            { "1.0", JSON_NUMBER_DECIMAL, 0, 0 },
            { "-0.5", JSON_NUMBER_DECIMAL, 0, 0 },
            { "1e3", JSON_NUMBER_DOUBLE, 0, 0 },
            { "1E+3", JSON_NUMBER_DOUBLE, 0, 0 },
            { "-2.5e-7", JSON_NUMBER_DOUBLE, 0, 0 },
        };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct json_reader r;
        struct json_token t;
        struct bb_error err = { 0 };
        const char *s = cases[i].text;
        json_reader_init(&r, s, strlen(s), 1, 0);
        cr_assert_eq(json_reader_next(&r, &t, &err), 0, "%s: %s", s, err.msg);
        cr_assert_eq(t.kind, JSON_TOKEN_NUMBER, "%s", s);
        cr_expect_eq(t.num, cases[i].kind, "%s: kind %d", s, t.num);
        cr_expect(t.n == strlen(s) && memcmp(t.p, s, t.n) == 0, "%s", s);
        if (t.num == JSON_NUMBER_INT)
            cr_expect_eq(t.i, cases[i].i, "%s", s);
        if (t.num == JSON_NUMBER_UINT)
            cr_expect_eq(t.u, cases[i].u, "%s", s);
        cr_assert_eq(json_reader_next(&r, &t, &err), 0, "%s", s);
        cr_assert_eq(t.kind, JSON_TOKEN_END, "%s", s);
        json_reader_destroy(&r);
    }
    static const char *const bad[] = { "-", "01", "-01", "1.", ".5", "+1", "1e", "1e+", "1.e3",
                                       "0x10", "1.5.2", "--1", "Infinity", "-NaN", NULL };
    for (const char *const *b = bad; *b; b++) {
        char *got = tokens(*b, strlen(*b), 1, 0);
        cr_expect(strstr(got, "error: JSON text: "), "%s gave %s", *b, got);
        free(got);
    }
    /* The double of a number's text, for texts up to JSON_NUMBER_TEXT_MAX. */
    char big[JSON_NUMBER_TEXT_MAX + 2];
    memset(big, '1', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    struct json_token t = { .kind = JSON_TOKEN_NUMBER, .p = big, .n = JSON_NUMBER_TEXT_MAX };
    double d;
    cr_assert_eq(json_number_double(&t, &d), 0);
    cr_assert(isinf(d), "399 digits: %g", d);
    t.n = JSON_NUMBER_TEXT_MAX + 1;
    cr_assert_eq(json_number_double(&t, &d), -1);
    t.p = "-2.5e-7";
    t.n = 7;
    cr_assert_eq(json_number_double(&t, &d), 0);
    cr_assert_eq(d, -2.5e-7);
}

Test(json_text, grammar_errors_name_what_and_where)
{
    static const struct { const char *text; const char *want; } cases[] = {
        { "", "error: JSON text: expected a value at offset 0" },
        { "   ", "error: JSON text: expected a value at offset 3" },
        { "[1,]", "[\nnint:1\nerror: JSON text: unexpected character at offset 3" },
        { "[1 2]", "[\nnint:1\nerror: JSON text: expected ',' or ']' at offset 3" },
        { "{\"a\" 1}", "{\nerror: JSON text: expected ':' after a key at offset 5" },
        { "{\"a\":1,}", "{\nk:a\nnint:1\nerror: JSON text: expected a key at offset 7" },
        { "{\"a\":1]", "{\nk:a\nnint:1\nerror: JSON text: expected ',' or '}' at offset 6" },
        { "{1:2}", "{\nerror: JSON text: expected a key at offset 1" },
        { "[1] [2]", "[\nnint:1\n]\nerror: JSON text: text after the value at offset 4" },
        { "tru", "error: JSON text: unexpected character at offset 0" },
        { "nulll", "null\nerror: JSON text: text after the value at offset 4" },
        { "'x'", "error: JSON text: unexpected character at offset 0" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        expect_tokens(cases[i].text, JSON_READ_DECODE, cases[i].want);
    /* After an error, the error again. */
    struct json_reader r;
    struct json_token t;
    json_reader_init(&r, "[x", 2, 4, 0);
    cr_assert_eq(json_reader_next(&r, &t, NULL), 0);
    cr_assert_eq(json_reader_next(&r, &t, NULL), BB_ERR_CORRUPT);
    cr_assert_eq(json_reader_next(&r, &t, NULL), BB_ERR_CORRUPT);
    json_reader_destroy(&r);
}

Test(json_text, nesting_is_limited)
{
    expect_tokens("[[[1]]]", 0, "[\n[\n[\nnint:1\n]\n]\n]\nend\n");
    char *got = tokens("[[{\"a\":[1]}]]", 13, 3, 0);
    cr_expect_str_eq(got, "[\n[\n{\nk:a\nerror: JSON text: nesting deeper than 3 at offset 7");
    free(got);
    /* At most JSON_TEXT_MAX_DEPTH, whatever is asked. */
    static char deep[2 * JSON_TEXT_MAX_DEPTH + 2];
    memset(deep, '[', JSON_TEXT_MAX_DEPTH + 1);
    memset(deep + JSON_TEXT_MAX_DEPTH + 1, ']', JSON_TEXT_MAX_DEPTH + 1);
    struct json_reader r;
    struct json_token t;
    struct bb_error err = { 0 };
    int rc;
    json_reader_init(&r, deep, sizeof deep, 100000, 0);
    while ((rc = json_reader_next(&r, &t, &err)) == 0 && t.kind != JSON_TOKEN_END)
        ;
    cr_assert_eq(rc, BB_ERR_CORRUPT);
    cr_assert_str_eq(err.msg, "JSON text: nesting deeper than 512 at offset 512");
    json_reader_destroy(&r);
    cr_assert(json_text_valid(deep + 1, sizeof deep - 2), "512 deep is fine");
}

/* Every proper prefix of a document that is an object or an array fails,
 * decoded or not, and reads no byte past its end (the prefix is copied to
 * a buffer of its own size, for the address sanitizer). */
Test(json_text, every_truncation_fails_cleanly)
{
    static const char *const docs[] = {
        "{\"a\": [1, -2.5e+3, \"x\\u00e9\\ud83d\\ude00\\n\", true, false, null], \"\": {}}",
        "[\"\\\\\", 0, 12345678901234567890123, 1.5, [[]], {\"k\\\"\": \"v\"}]",
        "{\"Zo\xc3\xab\": \"\xf0\x9f\x98\x80\"}",
        " [ 1 , 2 ]",
    };
    for (size_t d = 0; d < sizeof docs / sizeof *docs; d++) {
        size_t len = strlen(docs[d]);
        for (unsigned flags = 0; flags <= JSON_READ_DECODE; flags++) {
            char *whole = tokens(docs[d], len, 8, flags);
            cr_assert(strstr(whole, "end\n"), "%s: %s", docs[d], whole);
            free(whole);
            for (size_t n = 0; n < len; n++) {
                char *copy = malloc(n ? n : 1);
                memcpy(copy, docs[d], n);
                char *got = tokens(copy, n, 8, flags);
                cr_assert(strstr(got, "error: JSON text: "), "%s: prefix %zu gave %s", docs[d],
                          n, got);
                free(got);
                free(copy);
                cr_assert(!json_text_valid(docs[d], n), "prefix %zu", n);
            }
        }
    }
}
