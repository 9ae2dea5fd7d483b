/* test_text_escape.c - outside text on a terminal and in logs: control
 * characters and invalid UTF-8 escaped, valid UTF-8 readable (issue 8,
 * "Secrets"). */
#include <criterion/criterion.h>
#include <string.h>

#include "base/buf.h"
#include "base/error.h"
#include "base/text_escape.h"

static void expect_escaped(const char *in, size_t n, const char *want)
{
    struct bb_buf b;
    bb_buf_init(&b);
    text_escape_append(&b, in, n);
    cr_assert_not_null(b.data);
    cr_expect_str_eq(b.data, want);
    cr_expect_eq(b.len, strlen(want));
    cr_expect_eq(text_needs_escape(in, n), strcmp(in, want) != 0 || strlen(in) != n);
    bb_buf_destroy(&b);
}

#define ESC(lit, want) expect_escaped(lit, sizeof lit - 1, want)

Test(text_escape, controls_and_invalid_utf8)
{
    ESC("plain ASCII, punctuation: \\ ' \" ~", "plain ASCII, punctuation: \\ ' \" ~");
    ESC("\x1b[31mred\x1b[0m", "\\e[31mred\\e[0m");
    ESC("\x1b]0;owned\x07", "\\e]0;owned\\x07");
    ESC("a\tb\nc\rd", "a\\tb\\nc\\rd");
    ESC("nul\0del\x7f", "nul\\x00del\\x7f");
    /* valid UTF-8 stays readable */
    ESC("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80");
    /* C1 controls (U+009B is CSI on some terminals) */
    ESC("\xc2\x9b" "31m", "\\xc2\\x9b31m");
    ESC("\xc2\xa0", "\xc2\xa0");
    /* not UTF-8: a lone 8-bit CSI, a truncated sequence, an overlong '/',
     * a surrogate, past U+10FFFF */
    ESC("\x9b" "2J", "\\x9b2J");
    ESC("ab\xe2\x82", "ab\\xe2\\x82");
    ESC("\xc0\xaf", "\\xc0\\xaf");
    ESC("\xed\xa0\x80", "\\xed\\xa0\\x80");
    ESC("\xf4\x90\x80\x80", "\\xf4\\x90\\x80\\x80");
}

Test(text_escape, tail_and_in_place)
{
    struct bb_buf b;
    bb_buf_init(&b);
    bb_buf_puts(&b, "Query: ");
    size_t from = b.len;
    bb_buf_puts(&b, "ALTER\x1b[2J\n");
    text_escape_tail(&b, from);
    cr_expect_str_eq(b.data, "Query: ALTER\\e[2J\\n");
    bb_buf_destroy(&b);

    char s[16] = "ab\x1b\x1b\x1b\x1b\x1b";
    text_escape_in_place(s, sizeof s);
    cr_expect_str_eq(s, "ab\\e\\e\\e\\e\\e");
    char t[10] = "ab\x01\x02\x03";
    text_escape_in_place(t, sizeof t);
    cr_expect_str_eq(t, "ab\\x01", "cut between escapes, never inside one");
    char u[12] = "\xc3\xa9\xc3\xa9\xc3\xa9\x01";
    text_escape_in_place(u, 9);
    cr_expect_str_eq(u, "\xc3\xa9\xc3\xa9\xc3\xa9", "cut before what does not fit");
}

Test(text_escape, messages_are_cleaned_where_they_are_made)
{
    struct bb_error err = { 0 };
    bb_error_set(&err, BB_ERR_USAGE, "got \"%s\" from %s", "http://:S3cretPass@127.0.0.1:1",
                 "a\x1b[31m\nb");
    cr_expect_str_eq(err.msg, "got \"http://:***@127.0.0.1:1\" from a\\e[31m\\nb");
    bb_error_prefix(&err, "table %s", "t\x07");
    cr_expect_str_eq(err.msg, "table t\\x07: got \"http://:***@127.0.0.1:1\" from a\\e[31m\\nb");

    /* a message cut to fit may cut a URL before its '@' */
    char pad[BB_ERROR_MSG_MAX];
    memset(pad, 'x', sizeof pad);
    pad[BB_ERROR_MSG_MAX - 40] = '\0';
    bb_error_clear(&err);
    bb_error_set(&err, BB_ERR_IO, "%s mongodb://app:Pa@ssw0rdPa@ssw0rdPa@ssw0rdPa@ssw0rd@host/",
                 pad);
    cr_expect(!strstr(err.msg, "ssw0rd"), "%s", err.msg + strlen(pad));
    cr_expect_str_eq(err.msg + strlen(pad), " mongodb://***");
}
