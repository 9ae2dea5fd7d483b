/* test_version.c - the header's version macros agree with one another and
 * with the library's bb_version(). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "binbridge.h"

Test(version, header_and_library_agree)
{
    char text[64];
    snprintf(text, sizeof text, "%d.%d.%d", BB_VERSION_MAJOR, BB_VERSION_MINOR, BB_VERSION_PATCH);
    cr_assert_str_eq(BB_VERSION, text);
    cr_assert_str_eq(bb_version(), BB_VERSION);
    cr_assert_eq(BB_VERSION_NUMBER,
                 BB_VERSION_MAJOR * 10000 + BB_VERSION_MINOR * 100 + BB_VERSION_PATCH);
    cr_assert(BB_VERSION_MINOR < 100 && BB_VERSION_PATCH < 100,
              "BB_VERSION_NUMBER gives MINOR and PATCH two digits each");
#if BB_VERSION_NUMBER < 200
    cr_assert_fail("BB_VERSION_NUMBER works in #if");
#endif
}
