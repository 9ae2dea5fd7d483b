/* test_error.c - struct bb_error: the first error wins, and its code,
 * server error number and message stay together through prefixes and
 * copies (issue 9: callers test codes, never the message text). */
#include <criterion/criterion.h>
#include <string.h>

#include "base/error.h"

Test(error, plain_errors_have_no_server_number)
{
    struct bb_error err = { 0 };
    cr_assert_eq(bb_error_set(&err, BB_ERR_CORRUPT, "bad %d", 7), BB_ERR_CORRUPT);
    cr_assert_eq(err.code, BB_ERR_CORRUPT);
    cr_assert_eq(err.server_errno, 0);
    cr_assert_str_eq(err.msg, "bad 7");
    /* NULL is allowed */
    cr_assert_eq(bb_error_set_server(NULL, BB_ERR_SERVER, 1146, "x"), BB_ERR_SERVER);
}

Test(error, server_number_is_carried_through_bb_error_prefix)
{
    struct bb_error err = { 0 };
    cr_assert_eq(bb_error_set_server(&err, BB_ERR_SERVER, 1146, "server h:1: snapshot of d.t: "
                                     "no such table"), BB_ERR_SERVER);
    bb_error_prefix(&err, "initial load");
    bb_error_prefix(&err, "table %s", "d.t");
    cr_assert_eq(err.code, BB_ERR_SERVER);
    cr_assert_eq(err.server_errno, 1146);
    cr_assert_str_eq(err.msg, "table d.t: initial load: server h:1: snapshot of d.t: no such table");
    /* a prefix that fills the whole message still keeps code and number */
    char longer[BB_ERROR_MSG_MAX + 10];
    memset(longer, 'p', sizeof longer - 1);
    longer[sizeof longer - 1] = '\0';
    bb_error_prefix(&err, "%s", longer);
    cr_assert_eq(err.code, BB_ERR_SERVER);
    cr_assert_eq(err.server_errno, 1146);
}

Test(error, first_error_wins_with_its_number)
{
    struct bb_error err = { 0 };
    bb_error_set_server(&err, BB_ERR_IO, 2013, "lost");
    bb_error_set_server(&err, BB_ERR_SERVER, 1146, "later");
    bb_error_set(&err, BB_ERR_NOMEM, "later still");
    cr_assert_eq(err.code, BB_ERR_IO);
    cr_assert_eq(err.server_errno, 2013);
    cr_assert_str_eq(err.msg, "lost");

    /* and a plain first error is not given a later one's number */
    struct bb_error plain = { 0 };
    bb_error_set(&plain, BB_ERR_USAGE, "first");
    bb_error_set_server(&plain, BB_ERR_SERVER, 1045, "second");
    cr_assert_eq(plain.code, BB_ERR_USAGE);
    cr_assert_eq(plain.server_errno, 0);

    bb_error_clear(&err);
    cr_assert_eq(err.code, 0);
    cr_assert_eq(err.server_errno, 0);
    cr_assert_str_eq(err.msg, "");
}

Test(error, copy_hands_on_code_number_and_message_once)
{
    struct bb_error side = { 0 }, err = { 0 };
    bb_error_set_server(&side, BB_ERR_SERVER, 1227, "server h:1: SHOW MASTER STATUS: denied "
                        "(error 1227)");
    cr_assert_eq(bb_error_copy(&err, &side), BB_ERR_SERVER);
    cr_assert_eq(err.code, BB_ERR_SERVER);
    cr_assert_eq(err.server_errno, 1227);
    cr_assert_str_eq(err.msg, side.msg);

    /* the first error stays */
    struct bb_error other = { 0 };
    bb_error_set_server(&other, BB_ERR_IO, 2006, "gone");
    cr_assert_eq(bb_error_copy(&err, &other), BB_ERR_IO);
    cr_assert_eq(err.server_errno, 1227);
    cr_assert_str_eq(err.msg, side.msg);

    /* copying no error sets none */
    struct bb_error none = { 0 }, still = { 0 };
    cr_assert_eq(bb_error_copy(&still, &none), 0);
    cr_assert_eq(still.code, 0);
}

Test(error, suffix_adds_where_and_keeps_the_rest)
{
    struct bb_error err = { 0 };
    bb_error_suffix(&err, " at byte %d", 3);
    cr_assert_eq(err.code, 0, "no error, no suffix");
    cr_assert_str_eq(err.msg, "");
    bb_error_suffix(NULL, "x");

    bb_error_set_server(&err, BB_ERR_SERVER, 1146, "JSON: int16 truncated");
    bb_error_suffix(&err, ", in the value at byte %zu of the document (%zu bytes)", (size_t)5,
                    (size_t)6);
    bb_error_prefix(&err, "column %u", 2u);
    cr_assert_eq(err.code, BB_ERR_SERVER);
    cr_assert_eq(err.server_errno, 1146);
    cr_assert_str_eq(err.msg, "column 2: JSON: int16 truncated, in the value at byte 5 of the "
                              "document (6 bytes)");

    /* cleaned like the rest of the message; cut at the end when too long */
    bb_error_suffix(&err, " \x01");
    cr_assert(strstr(err.msg, "\x01") == NULL, "%s", err.msg);
    char longer[BB_ERROR_MSG_MAX + 10];
    memset(longer, 's', sizeof longer - 1);
    longer[sizeof longer - 1] = '\0';
    bb_error_suffix(&err, "%s", longer);
    cr_assert_eq(strlen(err.msg), BB_ERROR_MSG_MAX - 1);
    cr_assert(strncmp(err.msg, "column 2: JSON: int16 truncated", 31) == 0);
    cr_assert_eq(err.code, BB_ERR_SERVER);
}
