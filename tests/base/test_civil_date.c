/* test_civil_date.c - proleptic Gregorian dates and day counts. */
#include <criterion/criterion.h>

#include "base/civil_date.h"

Test(civil_date, known_days)
{
    static const struct { int64_t y; unsigned m, d; int64_t days; } cases[] = {
        { 1970, 1, 1, 0 }, { 1969, 12, 31, -1 }, { 2000, 2, 29, 11016 }, { 2000, 3, 1, 11017 },
        { 1900, 3, 1, -25508 }, { 2038, 1, 19, 24855 }, { 1, 1, 1, -719162 },
        { 9999, 12, 31, 2932896 }, { 0, 3, 1, -719468 }, { 2024, 2, 29, 19782 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        cr_assert_eq(civil_to_days(cases[i].y, cases[i].m, cases[i].d), cases[i].days, "case %zu",
                     i);
        int64_t y;
        unsigned m, d;
        civil_from_days(cases[i].days, &y, &m, &d);
        cr_assert(y == cases[i].y && m == cases[i].m && d == cases[i].d, "case %zu: %lld-%u-%u", i,
                  (long long)y, m, d);
    }
}

/* Every day from 0000-01-01 to 9999-12-31 follows the one before it. */
Test(civil_date, every_day_of_ten_thousand_years)
{
    int64_t day = civil_to_days(0, 1, 1);
    for (int64_t y = 0; y <= 9999; y++) {
        for (unsigned m = 1; m <= 12; m++) {
            unsigned len = civil_days_in_month(y, m);
            cr_assert(len >= 28 && len <= 31);
            for (unsigned d = 1; d <= len; d++, day++) {
                if (civil_to_days(y, m, d) != day)
                    cr_assert_fail("%lld-%u-%u is day %lld, not %lld", (long long)y, m, d,
                                   (long long)civil_to_days(y, m, d), (long long)day);
                int64_t yy;
                unsigned mm, dd;
                civil_from_days(day, &yy, &mm, &dd);
                if (yy != y || mm != m || dd != d)
                    cr_assert_fail("day %lld is %lld-%u-%u", (long long)day, (long long)yy, mm, dd);
            }
        }
    }
}

Test(civil_date, leap_years_and_month_lengths)
{
    cr_assert(civil_leap_year(2000));
    cr_assert(civil_leap_year(2024));
    cr_assert(!civil_leap_year(1900));
    cr_assert(!civil_leap_year(2023));
    cr_assert(civil_leap_year(0));
    cr_assert_eq(civil_days_in_month(2024, 2), 29);
    cr_assert_eq(civil_days_in_month(2100, 2), 28);
    cr_assert_eq(civil_days_in_month(2023, 4), 30);
    cr_assert_eq(civil_days_in_month(2023, 12), 31);
    cr_assert_eq(civil_days_in_month(2023, 0), 0);
    cr_assert_eq(civil_days_in_month(2023, 13), 0);
}
