/* civil_date.h - dates of the proleptic Gregorian calendar as day counts
 * since 1970-01-01 and back (Howard Hinnant's days_from_civil and
 * civil_from_days: 400-year eras of 146097 days, years begun in March),
 * and the calendar's month lengths. */
#ifndef BB_CIVIL_DATE_H
#define BB_CIVIL_DATE_H

#include <stdbool.h>
#include <stdint.h>

/* Days from 1970-01-01 to y-m-d (m 1..12, d 1..31; a day past the end of
 * its month counts on into the next). */
int64_t civil_to_days(int64_t y, unsigned m, unsigned d);

/* The date `days` days after 1970-01-01 (before it, when negative). */
void civil_from_days(int64_t days, int64_t *y, unsigned *m, unsigned *d);

bool civil_leap_year(int64_t y);

/* Days in month m (1..12) of year y. */
unsigned civil_days_in_month(int64_t y, unsigned m);

#endif
