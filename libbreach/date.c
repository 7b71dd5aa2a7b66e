/* Dates with precision: day numbers, parsing of ISO 8601 and the US MM/DD/YYYY form. */
#include "breach_private.h"

#include <stdio.h>
#include <string.h>

/* Day numbers after H. Hinnant, "chrono-Compatible Low-Level Date Algorithms": eras of
 * 400 years make the leap rule a few integer divisions, exact for the whole range. */
int32_t breach_days_from_civil(int y, int m, int d)
{
    /* 64-bit inside: callers pass checked years, but a wrong one must not be UB */
    int64_t yy = (int64_t)y - (m <= 2);
    const int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
    const unsigned yoe = (unsigned)(yy - era * 400);
    const unsigned doy = (unsigned)((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (int32_t)(era * 146097 + (int64_t)doe - 719468);
}

int breach_date_check(breach_date d, const char *field, breach_error *err)
{
    if (d.precision < BREACH_PREC_NONE || d.precision > BREACH_PREC_DAY)
        return breach_fail(err, BREACH_EINVAL, "%s has an invalid precision %d", field,
                           (int)d.precision);
    if (d.precision == BREACH_PREC_NONE)
        return BREACH_OK;
    /* 0001-01-01 .. 9999-12-31, checked before any calendar arithmetic */
    if (d.day < -719162 || d.day > 2932896)
        return breach_fail(err, BREACH_EINVAL, "%s is outside years 1..9999", field);
    if (d.precision == BREACH_PREC_DAY)
        return BREACH_OK; /* any day in range is a day */
    int y, m, dd;
    breach_civil_from_days(d.day, &y, &m, &dd);
    if ((d.precision <= BREACH_PREC_MONTH && dd != 1) || (d.precision == BREACH_PREC_YEAR && m != 1))
        return breach_fail(err, BREACH_EINVAL, "%s is not the first day of its period", field);
    return BREACH_OK;
}

void breach_civil_from_days(int32_t z0, int *y, int *m, int *d)
{
    /* 64-bit so that any int32 day number (even a caller's garbage) is defined behaviour */
    const int64_t z = (int64_t)z0 + 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = (unsigned)(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int yy = (int)((int64_t)yoe + era * 400);
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yy + (*m <= 2);
}

int breach_days_in_month(int y, int m)
{
    static const int dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return dim[m - 1];
}

breach_date breach_date_none(void)
{
    breach_date d = {0, BREACH_PREC_NONE};
    return d;
}

bool breach_date_is_known(breach_date d) { return d.precision != BREACH_PREC_NONE; }

int breach_date_from_ymd(int year, int month, int day, breach_precision prec, breach_date *out,
                         breach_error *err)
{
    if (!out)
        return breach_fail(err, BREACH_EINVAL, "no output date");
    if (prec == BREACH_PREC_NONE) {
        *out = breach_date_none();
        return BREACH_OK;
    }
    if (prec != BREACH_PREC_YEAR && prec != BREACH_PREC_MONTH && prec != BREACH_PREC_DAY)
        return breach_fail(err, BREACH_EINVAL, "precision %d is not a breach_precision", (int)prec);
    if (year < 1 || year > 9999)
        return breach_fail(err, BREACH_EDATE, "year %d is outside 1..9999", year);
    if (prec == BREACH_PREC_YEAR)
        month = day = 1;
    else if (prec == BREACH_PREC_MONTH)
        day = 1;
    if (month < 1 || month > 12)
        return breach_fail(err, BREACH_EDATE, "month %d does not exist", month);
    if (day < 1 || day > breach_days_in_month(year, month))
        return breach_fail(err, BREACH_EDATE, "day %d does not exist in %04d-%02d", day, year,
                           month);
    out->day = breach_days_from_civil(year, month, day);
    out->precision = (int32_t)prec;
    return BREACH_OK;
}

void breach_date_to_ymd(breach_date d, int *year, int *month, int *day)
{
    int y, m, dd;
    breach_civil_from_days(d.day, &y, &m, &dd);
    if (year)
        *year = y;
    if (month)
        *month = m;
    if (day)
        *day = dd;
}

/* Reads exactly n digits at s; returns -1 if any is not a digit. */
static int digits(const char *s, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* Length of the run of digits at s (at most max bytes looked at). */
static size_t digit_run(const char *s, size_t max)
{
    size_t i = 0;
    while (i < max && s[i] >= '0' && s[i] <= '9')
        i++;
    return i;
}

/* Whether [s, s+len) is a time that carries no date information: "T00:00:00", "T05:03:18Z",
 * "T05:03:18.123Z", " 12:00:00 AM", " 00:00:00". A time with a zone offset other than Z is
 * refused: it could move the date. */
static int is_time_suffix(const char *s, size_t len)
{
    if (len == 0)
        return 1;
    if (s[0] != 'T' && s[0] != ' ')
        return 0;
    size_t i = 1;
    while (i < len && s[i] == ' ')
        i++;
    /* hh:mm[:ss[.fff]]: 00..23, 00..59, 00..60 (a leap second); 1..12 before AM / PM */
    size_t n = digit_run(s + i, len - i);
    if (n < 1 || n > 2)
        return 0;
    int part_value[3] = {0, 0, 0}, parts = 1;
    for (size_t k = 0; k < n; k++)
        part_value[0] = part_value[0] * 10 + (s[i + k] - '0');
    i += n;
    for (int part = 0; part < 2 && i < len && s[i] == ':'; part++) {
        i++;
        n = digit_run(s + i, len - i);
        if (n != 2)
            return 0;
        part_value[parts++] = (s[i] - '0') * 10 + (s[i + 1] - '0');
        i += n;
    }
    if (part_value[0] > 23 || part_value[1] > 59 || part_value[2] > 60)
        return 0;
    if (i < len && s[i] == '.') {
        i++;
        n = digit_run(s + i, len - i);
        if (n == 0)
            return 0;
        i += n;
    }
    if (i < len && s[i] == 'Z')
        i++;
    else if (i + 3 <= len && s[i] == ' ' && (s[i + 1] == 'A' || s[i + 1] == 'P') && s[i + 2] == 'M') {
        if (part_value[0] < 1 || part_value[0] > 12)
            return 0;
        i += 3;
    }
    return i == len;
}

int breach_date_parse(const char *text, size_t len, breach_date *out, breach_error *err)
{
    if (!out || (!text && len))
        return breach_fail(err, BREACH_EINVAL, "no date text or output");
    const char *s = text;
    breach_trim(&s, &len);
    if (len == 0) {
        *out = breach_date_none();
        return BREACH_OK;
    }
    int y = -1, m = 1, d = 1;
    breach_precision prec;
    size_t used;
    size_t n1;
    if (len == 10 && s[4] == '-' && s[7] == '-' && (y = digits(s, 4)) >= 0 &&
        (m = digits(s + 5, 2)) >= 0 && (d = digits(s + 8, 2)) >= 0) {
        /* YYYY-MM-DD, the canonical form and most dates of a load: what the ISO branch
           below reads from it, without measuring each run of digits first */
        if (breach_date_from_ymd(y, m, d, BREACH_PREC_DAY, out, NULL) != BREACH_OK)
            return breach_fail(err, BREACH_EDATE, "impossible date '%.*s'", (int)len, s);
        return BREACH_OK;
    }
    y = -1;
    m = d = 1;
    n1 = digit_run(s, len);
    if (n1 == 4) {
        /* ISO: YYYY[-MM[-DD]] */
        y = digits(s, 4);
        prec = BREACH_PREC_YEAR;
        used = 4;
        if (used < len && s[used] == '-') {
            if (digit_run(s + used + 1, len - used - 1) != 2)
                goto bad;
            m = digits(s + used + 1, 2);
            prec = BREACH_PREC_MONTH;
            used += 3;
            if (used < len && s[used] == '-') {
                if (digit_run(s + used + 1, len - used - 1) != 2)
                    goto bad;
                d = digits(s + used + 1, 2);
                prec = BREACH_PREC_DAY;
                used += 3;
            }
        }
    } else if ((n1 == 1 || n1 == 2) && n1 < len && s[n1] == '/') {
        /* US: M[M]/D[D]/YYYY */
        m = digits(s, n1);
        size_t p = n1 + 1;
        size_t n2 = digit_run(s + p, len - p);
        if (n2 < 1 || n2 > 2 || p + n2 >= len || s[p + n2] != '/')
            goto bad;
        d = digits(s + p, n2);
        p += n2 + 1;
        if (digit_run(s + p, len - p) != 4)
            goto bad;
        y = digits(s + p, 4);
        prec = BREACH_PREC_DAY;
        used = p + 4;
    } else {
        goto bad;
    }
    if (!is_time_suffix(s + used, len - used))
        goto bad;
    if (prec != BREACH_PREC_DAY && used != len)
        goto bad; /* "2023-04 12:00" makes no sense */
    if (breach_date_from_ymd(y, m, d, prec, out, NULL) != BREACH_OK) {
        return breach_fail(err, BREACH_EDATE, "impossible date '%.*s'", (int)(len > 40 ? 40 : len),
                           s);
    }
    return BREACH_OK;
bad:
    return breach_fail(err, BREACH_EDATE,
                       "'%.*s' is not a date (expected YYYY, YYYY-MM, YYYY-MM-DD or MM/DD/YYYY)",
                       (int)(len > 40 ? 40 : len), s);
}

int breach_date_format(breach_date dt, char *buf, size_t size)
{
    int y, m, d;
    if (dt.precision == BREACH_PREC_NONE)
        return snprintf(buf, size, "%s", "");
    breach_civil_from_days(dt.day, &y, &m, &d);
    switch (dt.precision) {
    case BREACH_PREC_YEAR: return snprintf(buf, size, "%04d", y);
    case BREACH_PREC_MONTH: return snprintf(buf, size, "%04d-%02d", y, m);
    default: return snprintf(buf, size, "%04d-%02d-%02d", y, m, d);
    }
}

int32_t breach_date_last_day(breach_date dt)
{
    int y, m, d;
    breach_civil_from_days(dt.day, &y, &m, &d);
    switch (dt.precision) {
    case BREACH_PREC_YEAR: return breach_days_from_civil(y, 12, 31);
    case BREACH_PREC_MONTH: return breach_days_from_civil(y, m, breach_days_in_month(y, m));
    default: return dt.day;
    }
}

int breach_date_interval(breach_date a, breach_date b, int32_t *days, int32_t *min, int32_t *max)
{
    if (!breach_date_is_known(a) || !breach_date_is_known(b))
        return BREACH_EINVAL;
    /* a hand-built date outside years 1..9999 (or of no precision) would overflow the
     * subtraction: the dates the library builds never are */
    if (breach_date_check(a, "a", NULL) || breach_date_check(b, "b", NULL))
        return BREACH_EINVAL;
    if (days)
        *days = b.day - a.day;
    if (min)
        *min = b.day - breach_date_last_day(a);
    if (max)
        *max = breach_date_last_day(b) - a.day;
    return BREACH_OK;
}
