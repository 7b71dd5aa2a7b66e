/* Tests of the incident model (include/breach/incident.h): dates with precision, counts and
 * totals, regions, vocabularies, entity keys and incident views.
 *
 * Every expected value is computed without the library: by hand, with Python
 * (`python3 -c` with datetime; the command is quoted next to the value), or from Debian's
 * iso-codes tables (/usr/share/iso-codes/json/iso_3166-1.json and iso_3166-2.json,
 * package iso-codes 4.15). Each documented error code is provoked, with its message, and
 * a refused call is checked to leave its output alone. */
#include "check.h"

#include <limits.h>
#include <stdint.h>

/* ------------------------------------------------------------------ helpers */

/* Runs `call`, which must fail with status `want`, filling the breach_error `err` (cleared
 * first) with the same code and a non-empty message. */
#define EXPECT_FAIL(want, call)                                                                \
    do {                                                                                       \
        memset(&err, 0, sizeof err);                                                           \
        long rc_ = (long)(call);                                                               \
        CHECK_EQ_LL(rc_, (want));                                                              \
        CHECK_EQ_LL(err.code, (want));                                                         \
        if (err.text[0] == '\0')                                                               \
            fprintf(stderr, "\n  %s:%d: %s left err.text empty\n", __FILE__, __LINE__, #call); \
        CU_ASSERT(err.text[0] != '\0');                                                        \
    } while (0)

#define EXPECT_OK(call)                                                                        \
    do {                                                                                       \
        long rc_ = (long)(call);                                                               \
        if (rc_ != BREACH_OK)                                                                  \
            fprintf(stderr, "\n  %s:%d: %s = %ld (%s)\n", __FILE__, __LINE__, #call, rc_,       \
                    breach_strerror((int)rc_));                                                \
        CU_ASSERT_EQUAL(rc_, BREACH_OK);                                                       \
    } while (0)

/* A date that no call of the library would produce, to see that a refused call leaves its
 * output alone. */
static const breach_date SENTINEL_DATE = {-424242, 2};

#define CHECK_DATE(d, want_day, want_prec)                                                     \
    do {                                                                                       \
        CHECK_EQ_LL((d).day, (want_day));                                                      \
        CHECK_EQ_LL((d).precision, (want_prec));                                               \
    } while (0)

/* Parses a NUL-terminated text and checks the day number and precision. */
#define PARSE_OK(txt_, want_day, want_prec)                                                    \
    do {                                                                                       \
        breach_date d_ = SENTINEL_DATE;                                                        \
        breach_error e_;                                                                       \
        memset(&e_, 0, sizeof e_);                                                             \
        int rc_ = breach_date_parse((txt_), strlen(txt_), &d_, &e_);                           \
        if (rc_ != BREACH_OK)                                                                  \
            fprintf(stderr, "\n  %s:%d: parse(\"%s\") = %d: %s\n", __FILE__, __LINE__, (txt_),  \
                    rc_, e_.text);                                                             \
        CU_ASSERT_EQUAL(rc_, BREACH_OK);                                                       \
        CHECK_DATE(d_, (want_day), (want_prec));                                               \
    } while (0)

/* Parsing must fail with BREACH_EDATE, a message, and the output untouched. */
#define PARSE_BAD(txt_)                                                                        \
    do {                                                                                       \
        breach_date d_ = SENTINEL_DATE;                                                        \
        breach_error e_;                                                                       \
        memset(&e_, 0, sizeof e_);                                                             \
        int rc_ = breach_date_parse((txt_), strlen(txt_), &d_, &e_);                           \
        if (rc_ != BREACH_EDATE)                                                               \
            fprintf(stderr, "\n  %s:%d: parse(\"%s\") = %d, want BREACH_EDATE\n", __FILE__,     \
                    __LINE__, (txt_), rc_);                                                    \
        CU_ASSERT_EQUAL(rc_, BREACH_EDATE);                                                    \
        CHECK_EQ_LL(e_.code, BREACH_EDATE);                                                    \
        CU_ASSERT(e_.text[0] != '\0');                                                         \
        CHECK_DATE(d_, SENTINEL_DATE.day, SENTINEL_DATE.precision);                            \
    } while (0)

static breach_date mkdate(int32_t day, int32_t prec)
{
    breach_date d = {day, prec};
    return d;
}

static breach_count mkcount(uint64_t v, int32_t q)
{
    breach_count c = {v, q};
    return c;
}

#define CHECK_TOTAL(t, lo, up, pt, unb, nn, nex, nal, nam, nes, nun)                           \
    do {                                                                                       \
        CHECK_EQ_LL((t).lower, (lo));                                                          \
        CHECK_EQ_LL((t).upper, (up));                                                          \
        CHECK_EQ_LL((t).point, (pt));                                                          \
        CHECK_EQ_LL((t).upper_unbounded, (unb));                                               \
        CHECK_EQ_LL((t).n, (nn));                                                              \
        CHECK_EQ_LL((t).n_exact, (nex));                                                       \
        CHECK_EQ_LL((t).n_at_least, (nal));                                                    \
        CHECK_EQ_LL((t).n_at_most, (nam));                                                     \
        CHECK_EQ_LL((t).n_estimated, (nes));                                                   \
        CHECK_EQ_LL((t).n_unknown, (nun));                                                     \
    } while (0)

/* uint64 values do not fit CHECK_EQ_LL's long long above 2^63-1. */
#define CHECK_U64(got, want)                                                                   \
    do {                                                                                       \
        uint64_t g_ = (got), w_ = (want);                                                      \
        if (g_ != w_)                                                                          \
            fprintf(stderr, "\n  %s:%d: %s = %llu, want %llu\n", __FILE__, __LINE__, #got,     \
                    (unsigned long long)g_, (unsigned long long)w_);                           \
        CU_ASSERT(g_ == w_);                                                                   \
    } while (0)

/* ------------------------------------------------------------------ dates: building */

static void test_date_none(void)
{
    breach_date d = breach_date_none();
    CHECK_DATE(d, 0, BREACH_PREC_NONE);
    CU_ASSERT_FALSE(breach_date_is_known(d));
    CU_ASSERT_TRUE(breach_date_is_known(mkdate(19445, BREACH_PREC_DAY)));
    CU_ASSERT_TRUE(breach_date_is_known(mkdate(19358, BREACH_PREC_YEAR)));
    char buf[16] = "xxxxxxxx";
    CHECK_EQ_LL(breach_date_format(d, buf, sizeof buf), 0);
    CHECK_STR(buf, "");
}

static void test_date_from_ymd(void)
{
    breach_date d;
    breach_error err;
    /* python3: (date(2023,3,29)-date(1970,1,1)).days = 19445 */
    EXPECT_OK(breach_date_from_ymd(2023, 3, 29, BREACH_PREC_DAY, &d, &err));
    CHECK_DATE(d, 19445, BREACH_PREC_DAY);
    /* leap years. python3: (date(2024,2,29)-date(1970,1,1)).days = 19782 */
    EXPECT_OK(breach_date_from_ymd(2024, 2, 29, BREACH_PREC_DAY, &d, &err));
    CHECK_DATE(d, 19782, BREACH_PREC_DAY);
    /* 2000 is divisible by 400. python3: (date(2000,2,29)-date(1970,1,1)).days = 11016 */
    EXPECT_OK(breach_date_from_ymd(2000, 2, 29, BREACH_PREC_DAY, &d, &err));
    CHECK_DATE(d, 11016, BREACH_PREC_DAY);
    /* python3: (date(1600,2,29)-date(1970,1,1)).days = -135081 */
    EXPECT_OK(breach_date_from_ymd(1600, 2, 29, BREACH_PREC_DAY, &d, &err));
    CHECK_DATE(d, -135081, BREACH_PREC_DAY);
    /* the day before the epoch. python3: (date(1969,12,31)-date(1970,1,1)).days = -1 */
    EXPECT_OK(breach_date_from_ymd(1969, 12, 31, BREACH_PREC_DAY, &d, &err));
    CHECK_DATE(d, -1, BREACH_PREC_DAY);
    /* month precision ignores the day (31 does not exist in April): the first of the month.
       python3: (date(2023,4,1)-date(1970,1,1)).days = 19448 */
    EXPECT_OK(breach_date_from_ymd(2023, 4, 31, BREACH_PREC_MONTH, &d, &err));
    CHECK_DATE(d, 19448, BREACH_PREC_MONTH);
    /* year precision ignores month and day. python3: (date(2023,1,1)-date(1970,1,1)).days = 19358 */
    EXPECT_OK(breach_date_from_ymd(2023, 13, 40, BREACH_PREC_YEAR, &d, &err));
    CHECK_DATE(d, 19358, BREACH_PREC_YEAR);
    /* NONE gives the unknown date, whatever the parts */
    EXPECT_OK(breach_date_from_ymd(2023, 2, 30, BREACH_PREC_NONE, &d, &err));
    CHECK_DATE(d, 0, BREACH_PREC_NONE);
    /* the ends of the range. python3: date(1,1,1).toordinal()-719163 = -719162;
       date(9999,12,31).toordinal()-719163 = 2932896 */
    EXPECT_OK(breach_date_from_ymd(1, 1, 1, BREACH_PREC_DAY, &d, &err));
    CHECK_DATE(d, -719162, BREACH_PREC_DAY);
    EXPECT_OK(breach_date_from_ymd(9999, 12, 31, BREACH_PREC_DAY, &d, &err));
    CHECK_DATE(d, 2932896, BREACH_PREC_DAY);
    /* err may be NULL */
    EXPECT_OK(breach_date_from_ymd(2023, 1, 17, BREACH_PREC_DAY, &d, NULL));
    /* python3: (date(2023,1,17)-date(1970,1,1)).days = 19374 */
    CHECK_DATE(d, 19374, BREACH_PREC_DAY);
}

static void test_date_from_ymd_refused(void)
{
    static const struct {
        int y, m, d, prec;
    } bad[] = {
        {2023, 2, 29, BREACH_PREC_DAY},   /* 2023 is not a leap year */
        {1900, 2, 29, BREACH_PREC_DAY},   /* divisible by 100, not by 400 */
        {2100, 2, 29, BREACH_PREC_DAY},   /* same rule */
        {2023, 2, 30, BREACH_PREC_DAY},
        {2023, 4, 31, BREACH_PREC_DAY},   /* April has 30 days */
        {2023, 6, 31, BREACH_PREC_DAY},
        {2023, 11, 31, BREACH_PREC_DAY},
        {2023, 1, 32, BREACH_PREC_DAY},
        {2023, 1, 0, BREACH_PREC_DAY},
        {2023, 0, 1, BREACH_PREC_DAY},
        {2023, 13, 1, BREACH_PREC_DAY},
        {2023, 13, 1, BREACH_PREC_MONTH}, /* month precision still needs a month */
        {2023, 0, 1, BREACH_PREC_MONTH},
        {0, 1, 1, BREACH_PREC_DAY},       /* year 0 does not exist here */
        {0, 1, 1, BREACH_PREC_YEAR},
        {10000, 1, 1, BREACH_PREC_DAY},
        {10000, 1, 1, BREACH_PREC_YEAR},
        {-2023, 3, 29, BREACH_PREC_DAY},
        {INT_MAX, 1, 1, BREACH_PREC_DAY},
        {2023, INT_MIN, 1, BREACH_PREC_DAY},
    };
    breach_error err;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        breach_date d = SENTINEL_DATE;
        EXPECT_FAIL(BREACH_EDATE,
                    breach_date_from_ymd(bad[i].y, bad[i].m, bad[i].d, (breach_precision)bad[i].prec, &d, &err));
        CHECK_DATE(d, SENTINEL_DATE.day, SENTINEL_DATE.precision);
    }
    /* err may be NULL: the status still says it */
    breach_date d = SENTINEL_DATE;
    CHECK_EQ_LL(breach_date_from_ymd(2023, 2, 29, BREACH_PREC_DAY, &d, NULL), BREACH_EDATE);
    CHECK_DATE(d, SENTINEL_DATE.day, SENTINEL_DATE.precision);
    /* a precision outside breach_precision, and no output: invalid arguments */
    EXPECT_FAIL(BREACH_EINVAL, breach_date_from_ymd(2023, 3, 29, (breach_precision)4, &d, &err));
    CHECK_DATE(d, SENTINEL_DATE.day, SENTINEL_DATE.precision);
    EXPECT_FAIL(BREACH_EINVAL, breach_date_from_ymd(2023, 3, 29, BREACH_PREC_DAY, NULL, &err));
}

static void test_date_to_ymd(void)
{
    int y = 0, m = 0, d = 0;
    /* 19445 = 2023-03-29 (see test_date_from_ymd) */
    breach_date_to_ymd(mkdate(19445, BREACH_PREC_DAY), &y, &m, &d);
    CHECK_EQ_LL(y, 2023);
    CHECK_EQ_LL(m, 3);
    CHECK_EQ_LL(d, 29);
    /* parts below the precision are 1: 19448 = 2023-04-01 */
    breach_date_to_ymd(mkdate(19448, BREACH_PREC_MONTH), &y, &m, &d);
    CHECK_EQ_LL(y, 2023);
    CHECK_EQ_LL(m, 4);
    CHECK_EQ_LL(d, 1);
    breach_date_to_ymd(mkdate(19358, BREACH_PREC_YEAR), &y, &m, &d);
    CHECK_EQ_LL(y, 2023);
    CHECK_EQ_LL(m, 1);
    CHECK_EQ_LL(d, 1);
    /* far from 1970: python3: date.fromordinal(-719162+719163) = 0001-01-01,
       date.fromordinal(2932896+719163) = 9999-12-31 */
    breach_date_to_ymd(mkdate(-719162, BREACH_PREC_DAY), &y, &m, &d);
    CHECK_EQ_LL(y, 1);
    CHECK_EQ_LL(m, 1);
    CHECK_EQ_LL(d, 1);
    breach_date_to_ymd(mkdate(2932896, BREACH_PREC_DAY), &y, &m, &d);
    CHECK_EQ_LL(y, 9999);
    CHECK_EQ_LL(m, 12);
    CHECK_EQ_LL(d, 31);
    /* python3: date(1970,1,1)+timedelta(-25508) = 1900-03-01 (the day after 1900-02-28) */
    breach_date_to_ymd(mkdate(-25508, BREACH_PREC_DAY), &y, &m, &d);
    CHECK_EQ_LL(y, 1900);
    CHECK_EQ_LL(m, 3);
    CHECK_EQ_LL(d, 1);
    /* the parts not wanted may be NULL */
    y = 0;
    breach_date_to_ymd(mkdate(19782, BREACH_PREC_DAY), &y, NULL, NULL);
    CHECK_EQ_LL(y, 2024);
    d = 0;
    breach_date_to_ymd(mkdate(19782, BREACH_PREC_DAY), NULL, NULL, &d);
    CHECK_EQ_LL(d, 29);
}

/* An independent calendar: walks every day of years 1..9999 one by one with the Gregorian
 * rule written out, and compares both directions of the library's day numbers. The start
 * is python3: date(1,1,1).toordinal() - 719163 = -719162. */
static int naive_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
static int naive_dim(int y, int m)
{
    static const int dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && naive_leap(y) ? 29 : dim[m - 1];
}

static void test_date_every_day(void)
{
    int y = 1, m = 1, d = 1;
    long mismatches = 0, days = 0;
    int32_t day;
    for (day = -719162; y <= 9999; day++, days++) {
        breach_date dt = SENTINEL_DATE;
        int rc = breach_date_from_ymd(y, m, d, BREACH_PREC_DAY, &dt, NULL);
        int yy = 0, mm = 0, dd = 0;
        breach_date_to_ymd(mkdate(day, BREACH_PREC_DAY), &yy, &mm, &dd);
        if (rc != BREACH_OK || dt.day != day || yy != y || mm != m || dd != d) {
            if (mismatches++ < 5)
                fprintf(stderr, "\n  %04d-%02d-%02d: day %ld, library %ld / %04d-%02d-%02d\n", y,
                        m, d, (long)day, (long)dt.day, yy, mm, dd);
        }
        /* the same day as text: the parser's own YYYY-MM-DD path, and the day after the
           month's last refused */
        char text[11] = {(char)('0' + y / 1000), (char)('0' + y / 100 % 10),
                         (char)('0' + y / 10 % 10), (char)('0' + y % 10), '-',
                         (char)('0' + m / 10), (char)('0' + m % 10), '-',
                         (char)('0' + d / 10), (char)('0' + d % 10), '\0'};
        breach_date pd = SENTINEL_DATE;
        if (breach_date_parse(text, 10, &pd, NULL) != BREACH_OK || pd.day != day ||
            pd.precision != BREACH_PREC_DAY)
            if (mismatches++ < 5)
                fprintf(stderr, "\n  '%s' parsed as day %ld\n", text, (long)pd.day);
        if (d == naive_dim(y, m)) {
            text[8] = (char)('0' + (d + 1) / 10);
            text[9] = (char)('0' + (d + 1) % 10);
            if (breach_date_parse(text, 10, &pd, NULL) != BREACH_EDATE)
                if (mismatches++ < 5)
                    fprintf(stderr, "\n  '%s' not refused\n", text);
        }
        /* the day after d, and month precision / last day at each month's end */
        if (++d > naive_dim(y, m)) {
            breach_date first = SENTINEL_DATE;
            if (breach_date_from_ymd(y, m, 1, BREACH_PREC_MONTH, &first, NULL) != BREACH_OK ||
                breach_date_last_day(first) != day)
                if (mismatches++ < 5)
                    fprintf(stderr, "\n  last_day(%04d-%02d) != %ld\n", y, m, (long)day);
            d = 1;
            if (++m > 12) {
                m = 1;
                y++;
            }
        }
    }
    CHECK_EQ_LL(mismatches, 0);
    /* python3: date(9999,12,31).toordinal() - date(1,1,1).toordinal() + 1 = 3652059 days */
    CHECK_EQ_LL(days, 3652059);
    /* the loop ended just after 9999-12-31 = 2932896 */
    CHECK_EQ_LL(day, 2932897);
}

/* ------------------------------------------------------------------ dates: parsing */

static void test_date_parse_iso(void)
{
    /* python3: (date(2023,1,1)-date(1970,1,1)).days = 19358 */
    PARSE_OK("2023", 19358, BREACH_PREC_YEAR);
    /* python3: (date(2023,4,1)-date(1970,1,1)).days = 19448 */
    PARSE_OK("2023-04", 19448, BREACH_PREC_MONTH);
    /* python3: (date(2023,4,28)-date(1970,1,1)).days = 19475 */
    PARSE_OK("2023-04-28", 19475, BREACH_PREC_DAY);
    /* leap days. python3: 2024-02-29 -> 19782, 2000-02-29 -> 11016 */
    PARSE_OK("2024-02-29", 19782, BREACH_PREC_DAY);
    PARSE_OK("2000-02-29", 11016, BREACH_PREC_DAY);
    /* python3: 1900-02-28 -> -25509 */
    PARSE_OK("1900-02-28", -25509, BREACH_PREC_DAY);
    /* range ends: -719162 and 2932896 (toordinal() - 719163) */
    PARSE_OK("0001-01-01", -719162, BREACH_PREC_DAY);
    PARSE_OK("9999-12-31", 2932896, BREACH_PREC_DAY);
    PARSE_OK("0001", -719162, BREACH_PREC_YEAR);
    /* python3: (date(9999,12,1)-date(1970,1,1)).days = 2932866 */
    PARSE_OK("9999-12", 2932866, BREACH_PREC_MONTH);
}

static void test_date_parse_us(void)
{
    /* MM/DD/YYYY with one- or two-digit month and day */
    PARSE_OK("04/28/2023", 19475, BREACH_PREC_DAY);
    PARSE_OK("4/28/2023", 19475, BREACH_PREC_DAY);
    PARSE_OK("04/01/2023", 19448, BREACH_PREC_DAY);
    PARSE_OK("4/1/2023", 19448, BREACH_PREC_DAY);
    PARSE_OK("04/1/2023", 19448, BREACH_PREC_DAY);
    PARSE_OK("4/01/2023", 19448, BREACH_PREC_DAY);
    /* python3: (date(2023,1,17)-date(1970,1,1)).days = 19374 */
    PARSE_OK("1/17/2023", 19374, BREACH_PREC_DAY);
    PARSE_OK("02/29/2024", 19782, BREACH_PREC_DAY);
    /* python3: (date(2023,12,31)-date(1970,1,1)).days = 19722 */
    PARSE_OK("12/31/2023", 19722, BREACH_PREC_DAY);
}

static void test_date_parse_time_and_spaces(void)
{
    /* the HHS export's time; python3: 2023-03-29 -> 19445 */
    PARSE_OK("03/29/2023 12:00:00 AM", 19445, BREACH_PREC_DAY);
    PARSE_OK("3/29/2023 12:00:00 AM", 19445, BREACH_PREC_DAY);
    PARSE_OK("2023-03-29T00:00:00", 19445, BREACH_PREC_DAY);
    /* python3: 2023-01-17 -> 19374 */
    PARSE_OK("2023-01-17T05:03:18Z", 19374, BREACH_PREC_DAY);
    PARSE_OK("2023-01-17 00:00:00", 19374, BREACH_PREC_DAY);
    /* leading and trailing spaces */
    PARSE_OK("  2023-04-28", 19475, BREACH_PREC_DAY);
    PARSE_OK("2023-04-28   ", 19475, BREACH_PREC_DAY);
    PARSE_OK("   2023-04   ", 19448, BREACH_PREC_MONTH);
    PARSE_OK(" 2023 ", 19358, BREACH_PREC_YEAR);
    PARSE_OK(" 4/28/2023 12:00:00 AM ", 19475, BREACH_PREC_DAY);
    /* empty (or blank) is the unknown date */
    PARSE_OK("", 0, BREACH_PREC_NONE);
    PARSE_OK("    ", 0, BREACH_PREC_NONE);
    breach_date d = SENTINEL_DATE;
    CHECK_EQ_LL(breach_date_parse(NULL, 0, &d, NULL), BREACH_OK);
    CHECK_DATE(d, 0, BREACH_PREC_NONE);
}

static void test_date_parse_length(void)
{
    /* only len bytes are read: no NUL needed, what follows is ignored */
    breach_date d = SENTINEL_DATE;
    const char text[] = "2023-04-28XYZ";
    EXPECT_OK(breach_date_parse(text, 10, &d, NULL));
    CHECK_DATE(d, 19475, BREACH_PREC_DAY);
    const char digits_after[] = "2023-04-289";
    d = SENTINEL_DATE;
    EXPECT_OK(breach_date_parse(digits_after, 10, &d, NULL));
    CHECK_DATE(d, 19475, BREACH_PREC_DAY);
    /* a prefix that is a coarser date */
    d = SENTINEL_DATE;
    EXPECT_OK(breach_date_parse(text, 7, &d, NULL));
    CHECK_DATE(d, 19448, BREACH_PREC_MONTH);
    d = SENTINEL_DATE;
    EXPECT_OK(breach_date_parse(text, 4, &d, NULL));
    CHECK_DATE(d, 19358, BREACH_PREC_YEAR);
    /* a buffer with no NUL at all */
    char raw[10];
    memcpy(raw, "03/29/2023", 10);
    d = SENTINEL_DATE;
    EXPECT_OK(breach_date_parse(raw, sizeof raw, &d, NULL));
    CHECK_DATE(d, 19445, BREACH_PREC_DAY);
}

static void test_date_parse_refused(void)
{
    PARSE_BAD("2023-02-30");
    PARSE_BAD("2023-02-29");
    PARSE_BAD("02/29/2023");
    PARSE_BAD("1900-02-29");
    PARSE_BAD("2023-04-31");
    PARSE_BAD("13/01/2023");
    PARSE_BAD("00/00/0000");
    PARSE_BAD("01/00/2023");
    PARSE_BAD("00/10/2023");
    PARSE_BAD("0000");
    PARSE_BAD("0000-01-01");
    PARSE_BAD("10000");
    PARSE_BAD("2023-00");
    PARSE_BAD("2023-13");
    PARSE_BAD("2023-4-1");
    PARSE_BAD("2023-04-1");
    PARSE_BAD("2023/04/01");
    PARSE_BAD("20230401");
    PARSE_BAD("April 2023");
    PARSE_BAD("Apr 28, 2023");
    PARSE_BAD("2023-04-01T10:00:00+02:00");
    PARSE_BAD("2023-04-01T10:00:00-05:00");
    PARSE_BAD("2023-04-01 10:00 +0200");
    PARSE_BAD("2023-04-01T");
    PARSE_BAD("2023-04-01junk");
    PARSE_BAD("2023-04-01 AM");
    PARSE_BAD("2023-04-");
    PARSE_BAD("2023-");
    PARSE_BAD("-2023-04-01");
    PARSE_BAD("+2023");
    PARSE_BAD("04/28/23");
    PARSE_BAD("04/28/20233");
    PARSE_BAD("123/01/2023");
    PARSE_BAD("1/123/2023");
    PARSE_BAD("4/28");
    PARSE_BAD("4//2023");
    PARSE_BAD("garbage");
    PARSE_BAD("NULL");
    PARSE_BAD("2023 04 28");
    /* the output and the refusal without an error record */
    breach_date d = SENTINEL_DATE;
    CHECK_EQ_LL(breach_date_parse("2023-02-30", 10, &d, NULL), BREACH_EDATE);
    CHECK_DATE(d, SENTINEL_DATE.day, SENTINEL_DATE.precision);
    /* invalid arguments */
    breach_error err;
    EXPECT_FAIL(BREACH_EINVAL, breach_date_parse(NULL, 4, &d, &err));
    EXPECT_FAIL(BREACH_EINVAL, breach_date_parse("2023", 4, NULL, &err));
    CHECK_DATE(d, SENTINEL_DATE.day, SENTINEL_DATE.precision);
}

/* ------------------------------------------------------------------ dates: formatting */

static void test_date_format(void)
{
    char buf[32];
    /* day numbers from the Python lines above */
    CHECK_EQ_LL(breach_date_format(mkdate(19358, BREACH_PREC_YEAR), buf, sizeof buf), 4);
    CHECK_STR(buf, "2023");
    CHECK_EQ_LL(breach_date_format(mkdate(19448, BREACH_PREC_MONTH), buf, sizeof buf), 7);
    CHECK_STR(buf, "2023-04");
    CHECK_EQ_LL(breach_date_format(mkdate(19475, BREACH_PREC_DAY), buf, sizeof buf), 10);
    CHECK_STR(buf, "2023-04-28");
    CHECK_EQ_LL(breach_date_format(mkdate(-719162, BREACH_PREC_DAY), buf, sizeof buf), 10);
    CHECK_STR(buf, "0001-01-01");
    CHECK_EQ_LL(breach_date_format(mkdate(2932896, BREACH_PREC_DAY), buf, sizeof buf), 10);
    CHECK_STR(buf, "9999-12-31");
    /* python3: (date(42,1,1)-date(1970,1,1)).days = -704187; four digits always */
    CHECK_EQ_LL(breach_date_format(mkdate(-704187, BREACH_PREC_YEAR), buf, sizeof buf), 4);
    CHECK_STR(buf, "0042");
    CHECK_EQ_LL(breach_date_format(breach_date_none(), buf, sizeof buf), 0);
    CHECK_STR(buf, "");

    /* like snprintf: a short buffer gets a truncated, terminated text and the full length */
    char small[5];
    CHECK_EQ_LL(breach_date_format(mkdate(19475, BREACH_PREC_DAY), small, sizeof small), 10);
    CHECK_STR(small, "2023");
    char one[1] = {'x'};
    CHECK_EQ_LL(breach_date_format(mkdate(19475, BREACH_PREC_DAY), one, sizeof one), 10);
    CHECK_EQ_LL(one[0], '\0');
    CHECK_EQ_LL(breach_date_format(mkdate(19448, BREACH_PREC_MONTH), NULL, 0), 7);
    /* 11 bytes always suffice */
    char eleven[11];
    CHECK_EQ_LL(breach_date_format(mkdate(2932896, BREACH_PREC_DAY), eleven, sizeof eleven), 10);
    CHECK_STR(eleven, "9999-12-31");
}

static void test_date_format_round_trip(void)
{
    static const char *const texts[] = {"2023", "2023-04", "2023-04-28", "2024-02", "2024-02-29",
                                        "1970-01-01", "1969-12-31", "0001", "0001-01",
                                        "0001-01-01", "9999", "9999-12", "9999-12-31",
                                        "2000-02-29", "1600-12-31", "2019-11-05"};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        breach_date d = SENTINEL_DATE;
        char buf[16];
        EXPECT_OK(breach_date_parse(texts[i], strlen(texts[i]), &d, NULL));
        int n = breach_date_format(d, buf, sizeof buf);
        CHECK_EQ_LL(n, (long long)strlen(texts[i]));
        CHECK_STR(buf, texts[i]);
        /* and the formatted text parses to the same date */
        breach_date back = SENTINEL_DATE;
        EXPECT_OK(breach_date_parse(buf, (size_t)n, &back, NULL));
        CHECK_DATE(back, d.day, d.precision);
    }
    /* the US form is written as ISO */
    breach_date d;
    char buf[16];
    EXPECT_OK(breach_date_parse("4/1/2023 12:00:00 AM", 20, &d, NULL));
    breach_date_format(d, buf, sizeof buf);
    CHECK_STR(buf, "2023-04-01");
}

/* ------------------------------------------------------------------ dates: periods */

static void test_date_last_day(void)
{
    /* month lengths of 2023, by hand: Jan 31, Feb 28, Mar 31, Apr 30, May 31, Jun 30,
       Jul 31, Aug 31, Sep 30, Oct 31, Nov 30, Dec 31 */
    static const int len2023[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    /* python3: (date(2023,m,1)-date(1970,1,1)).days for m in 1..12 */
    static const int32_t first2023[12] = {19358, 19389, 19417, 19448, 19478, 19509,
                                          19539, 19570, 19601, 19631, 19662, 19692};
    for (int m = 0; m < 12; m++) {
        int32_t last = breach_date_last_day(mkdate(first2023[m], BREACH_PREC_MONTH));
        CHECK_EQ_LL(last - first2023[m] + 1, len2023[m]);
    }
    /* python3: 2023-03-31 -> 19447, 2023-12-31 -> 19722 */
    CHECK_EQ_LL(breach_date_last_day(mkdate(19417, BREACH_PREC_MONTH)), 19447);
    CHECK_EQ_LL(breach_date_last_day(mkdate(19692, BREACH_PREC_MONTH)), 19722);
    /* February in leap years. python3: 2024-02-01 -> 19754, 2024-02-29 -> 19782;
       2000-02-01 -> 10988, 2000-02-29 -> 11016; 1900-02-01 -> -25536, 1900-02-28 -> -25509;
       2023-02-01 -> 19389, 2023-02-28 -> 19416 */
    CHECK_EQ_LL(breach_date_last_day(mkdate(19754, BREACH_PREC_MONTH)), 19782);
    CHECK_EQ_LL(breach_date_last_day(mkdate(10988, BREACH_PREC_MONTH)), 11016);
    CHECK_EQ_LL(breach_date_last_day(mkdate(-25536, BREACH_PREC_MONTH)), -25509);
    CHECK_EQ_LL(breach_date_last_day(mkdate(19389, BREACH_PREC_MONTH)), 19416);
    /* year precision: Dec 31. python3: 2023-12-31 -> 19722, 2024-12-31 -> 20088 */
    CHECK_EQ_LL(breach_date_last_day(mkdate(19358, BREACH_PREC_YEAR)), 19722);
    CHECK_EQ_LL(breach_date_last_day(mkdate(19723, BREACH_PREC_YEAR)), 20088);
    /* day precision: the day itself */
    CHECK_EQ_LL(breach_date_last_day(mkdate(19445, BREACH_PREC_DAY)), 19445);
    /* range ends: 9999 and 9999-12 end on 2932896; 0001 ends on
       python3: (date(1,12,31)-date(1970,1,1)).days = -718798 */
    CHECK_EQ_LL(breach_date_last_day(mkdate(2932532, BREACH_PREC_YEAR)), 2932896);
    CHECK_EQ_LL(breach_date_last_day(mkdate(2932866, BREACH_PREC_MONTH)), 2932896);
    CHECK_EQ_LL(breach_date_last_day(mkdate(-719162, BREACH_PREC_YEAR)), -718798);
}

static void test_date_interval(void)
{
    int32_t days = -1, lo = -1, hi = -1;
    breach_date attack = mkdate(19374, BREACH_PREC_DAY); /* 2023-01-17, ALPHV on NextGen */
    /* NextGen: python3: (date(2023,3,29)-date(2023,1,17)).days = 71 */
    EXPECT_OK(breach_date_interval(attack, mkdate(19445, BREACH_PREC_DAY), &days, &lo, &hi));
    CHECK_EQ_LL(days, 71);
    CHECK_EQ_LL(lo, 71);
    CHECK_EQ_LL(hi, 71);
    /* python3: (date(2023,3,30)-date(2023,1,17)).days = 72 */
    EXPECT_OK(breach_date_interval(attack, mkdate(19446, BREACH_PREC_DAY), &days, &lo, &hi));
    CHECK_EQ_LL(days, 72);
    /* python3: (date(2023,4,28)-date(2023,1,17)).days = 101 */
    EXPECT_OK(breach_date_interval(attack, mkdate(19475, BREACH_PREC_DAY), &days, &lo, &hi));
    CHECK_EQ_LL(days, 101);
    CHECK_EQ_LL(lo, 101);
    CHECK_EQ_LL(hi, 101);
    /* backwards: -101 */
    EXPECT_OK(breach_date_interval(mkdate(19475, BREACH_PREC_DAY), attack, &days, &lo, &hi));
    CHECK_EQ_LL(days, -101);
    CHECK_EQ_LL(lo, -101);
    CHECK_EQ_LL(hi, -101);
    /* the header's example, 2023-01-17 to 2023-03: 43 days to the first day; the true
       interval lies in [Mar 1 - Jan 17, Mar 31 - Jan 17]. python3:
       (date(2023,3,1)-date(2023,1,17)).days = 43; (date(2023,3,31)-date(2023,1,17)).days = 73 */
    EXPECT_OK(breach_date_interval(attack, mkdate(19417, BREACH_PREC_MONTH), &days, &lo, &hi));
    CHECK_EQ_LL(days, 43);
    CHECK_EQ_LL(lo, 43);
    CHECK_EQ_LL(hi, 73);
    /* 2023-03 to 2023-01-17: days -43, bounds [Jan 17 - Mar 31, Jan 17 - Mar 1] = [-73, -43] */
    EXPECT_OK(breach_date_interval(mkdate(19417, BREACH_PREC_MONTH), attack, &days, &lo, &hi));
    CHECK_EQ_LL(days, -43);
    CHECK_EQ_LL(lo, -73);
    CHECK_EQ_LL(hi, -43);
    /* 2023 to 2024 (years): 365 between first days; bounds [2024-01-01 - 2023-12-31,
       2024-12-31 - 2023-01-01]. python3: 365, 1, 730 */
    EXPECT_OK(breach_date_interval(mkdate(19358, BREACH_PREC_YEAR), mkdate(19723, BREACH_PREC_YEAR),
                                   &days, &lo, &hi));
    CHECK_EQ_LL(days, 365);
    CHECK_EQ_LL(lo, 1);
    CHECK_EQ_LL(hi, 730);
    /* a month to itself: 0, bounds [-30, 30] (March has 31 days) */
    EXPECT_OK(breach_date_interval(mkdate(19417, BREACH_PREC_MONTH), mkdate(19417, BREACH_PREC_MONTH),
                                   &days, &lo, &hi));
    CHECK_EQ_LL(days, 0);
    CHECK_EQ_LL(lo, -30);
    CHECK_EQ_LL(hi, 30);
    /* 2023-01 (month) to 2023-04-28: python3: (date(2023,4,28)-date(2023,1,1)).days = 117,
       (date(2023,4,28)-date(2023,1,31)).days = 87 */
    EXPECT_OK(breach_date_interval(mkdate(19358, BREACH_PREC_MONTH), mkdate(19475, BREACH_PREC_DAY),
                                   &days, &lo, &hi));
    CHECK_EQ_LL(days, 117);
    CHECK_EQ_LL(lo, 87);
    CHECK_EQ_LL(hi, 117);
    /* the whole range: python3: date(9999,12,31).toordinal()-date(1,1,1).toordinal() = 3652058 */
    EXPECT_OK(breach_date_interval(mkdate(-719162, BREACH_PREC_DAY), mkdate(2932896, BREACH_PREC_DAY),
                                   &days, NULL, NULL));
    CHECK_EQ_LL(days, 3652058);
    /* bounds only, days not wanted */
    lo = hi = -1;
    EXPECT_OK(breach_date_interval(attack, mkdate(19417, BREACH_PREC_MONTH), NULL, &lo, &hi));
    CHECK_EQ_LL(lo, 43);
    CHECK_EQ_LL(hi, 73);
    /* unknown dates: BREACH_EINVAL, outputs untouched */
    days = lo = hi = 777;
    CHECK_EQ_LL(breach_date_interval(breach_date_none(), attack, &days, &lo, &hi), BREACH_EINVAL);
    CHECK_EQ_LL(breach_date_interval(attack, breach_date_none(), &days, &lo, &hi), BREACH_EINVAL);
    CHECK_EQ_LL(breach_date_interval(breach_date_none(), breach_date_none(), &days, &lo, &hi),
                BREACH_EINVAL);
    CHECK_EQ_LL(days, 777);
    CHECK_EQ_LL(lo, 777);
    CHECK_EQ_LL(hi, 777);
}

/* ------------------------------------------------------------------ counts */

#define COUNT_OK(txt_, want_v, want_q)                                                         \
    do {                                                                                       \
        breach_count c_ = {4242, 99};                                                          \
        breach_error e_;                                                                       \
        memset(&e_, 0, sizeof e_);                                                             \
        int rc_ = breach_count_parse((txt_), strlen(txt_), &c_, &e_);                          \
        if (rc_ != BREACH_OK)                                                                  \
            fprintf(stderr, "\n  %s:%d: count_parse(\"%s\") = %d: %s\n", __FILE__, __LINE__,   \
                    (txt_), rc_, e_.text);                                                     \
        CU_ASSERT_EQUAL(rc_, BREACH_OK);                                                       \
        CHECK_U64(c_.value, (want_v));                                                         \
        CHECK_EQ_LL(c_.qualifier, (want_q));                                                   \
    } while (0)

#define COUNT_BAD(txt_, want)                                                                  \
    do {                                                                                       \
        breach_count c_ = {4242, 99};                                                          \
        breach_error e_;                                                                       \
        memset(&e_, 0, sizeof e_);                                                             \
        int rc_ = breach_count_parse((txt_), strlen(txt_), &c_, &e_);                          \
        if (rc_ != (want))                                                                     \
            fprintf(stderr, "\n  %s:%d: count_parse(\"%s\") = %d, want %d\n", __FILE__,         \
                    __LINE__, (txt_), rc_, (want));                                            \
        CU_ASSERT_EQUAL(rc_, (want));                                                          \
        CHECK_EQ_LL(e_.code, (want));                                                          \
        CU_ASSERT(e_.text[0] != '\0');                                                         \
        CHECK_EQ_LL(c_.value, 4242);                                                           \
        CHECK_EQ_LL(c_.qualifier, 99);                                                         \
    } while (0)

static void test_count_constructors(void)
{
    breach_count c = breach_count_unknown();
    CHECK_EQ_LL(c.value, 0);
    CHECK_EQ_LL(c.qualifier, BREACH_COUNT_UNKNOWN);
    c = breach_count_exact(1049375);
    CHECK_EQ_LL(c.value, 1049375);
    CHECK_EQ_LL(c.qualifier, BREACH_COUNT_EXACT);
    c = breach_count_exact(UINT64_MAX);
    CHECK_U64(c.value, UINT64_MAX);
}

static void test_count_parse(void)
{
    /* NextGen's 1,049,375; NationBenefits' "more than 3 million"; Brightline's 964,300 */
    COUNT_OK("1049375", 1049375u, BREACH_COUNT_EXACT);
    COUNT_OK(">=3000000", 3000000u, BREACH_COUNT_AT_LEAST);
    COUNT_OK("<=10000", 10000u, BREACH_COUNT_AT_MOST);
    COUNT_OK("~1050000", 1050000u, BREACH_COUNT_ESTIMATED);
    COUNT_OK(">=964300", 964300u, BREACH_COUNT_AT_LEAST);
    COUNT_OK("3913", 3913u, BREACH_COUNT_EXACT);
    COUNT_OK("0", 0u, BREACH_COUNT_EXACT);
    COUNT_OK("~0", 0u, BREACH_COUNT_ESTIMATED);
    COUNT_OK("", 0u, BREACH_COUNT_UNKNOWN);
    /* python3: 2**64-1 = 18446744073709551615 */
    COUNT_OK("18446744073709551615", UINT64_MAX, BREACH_COUNT_EXACT);
    COUNT_OK(">=18446744073709551615", UINT64_MAX, BREACH_COUNT_AT_LEAST);
    COUNT_OK("<=18446744073709551615", UINT64_MAX, BREACH_COUNT_AT_MOST);
    /* python3: 2**64-2 = 18446744073709551614 */
    COUNT_OK("18446744073709551614", UINT64_MAX - 1, BREACH_COUNT_EXACT);
    /* only len bytes are read */
    breach_count c = {1, 1};
    EXPECT_OK(breach_count_parse("964300 members", 6, &c, NULL));
    CHECK_EQ_LL(c.value, 964300);
    CHECK_EQ_LL(c.qualifier, BREACH_COUNT_EXACT);
    c.value = 5;
    c.qualifier = 1;
    EXPECT_OK(breach_count_parse(NULL, 0, &c, NULL));
    CHECK_EQ_LL(c.value, 0);
    CHECK_EQ_LL(c.qualifier, BREACH_COUNT_UNKNOWN);
}

static void test_count_parse_refused(void)
{
    COUNT_BAD("-5", BREACH_ECOUNT);
    COUNT_BAD(">=-5", BREACH_ECOUNT);
    COUNT_BAD("+5", BREACH_ECOUNT);
    COUNT_BAD("1,000", BREACH_ECOUNT);
    COUNT_BAD("1 000", BREACH_ECOUNT);
    COUNT_BAD("1.5", BREACH_ECOUNT);
    COUNT_BAD("1e6", BREACH_ECOUNT);
    COUNT_BAD("0x10", BREACH_ECOUNT);
    COUNT_BAD("12a", BREACH_ECOUNT);
    COUNT_BAD("a12", BREACH_ECOUNT);
    COUNT_BAD(">=", BREACH_ECOUNT);
    COUNT_BAD("<=", BREACH_ECOUNT);
    COUNT_BAD("~", BREACH_ECOUNT);
    COUNT_BAD(">= 5", BREACH_ECOUNT);
    COUNT_BAD(">5", BREACH_ECOUNT);
    COUNT_BAD("=>5", BREACH_ECOUNT);
    COUNT_BAD("~~5", BREACH_ECOUNT);
    COUNT_BAD("about 1050000", BREACH_ECOUNT);
    COUNT_BAD("unknown", BREACH_ECOUNT);
    /* above 2^64-1: python3: 2**64 = 18446744073709551616 */
    COUNT_BAD("18446744073709551616", BREACH_EOVERFLOW);
    COUNT_BAD(">=18446744073709551616", BREACH_EOVERFLOW);
    /* python3: 10**20 = 100000000000000000000 (21 digits) */
    COUNT_BAD("100000000000000000000", BREACH_EOVERFLOW);
    COUNT_BAD("99999999999999999999999999", BREACH_EOVERFLOW);
    /* refusal without an error record */
    breach_count c = {4242, 99};
    CHECK_EQ_LL(breach_count_parse("-5", 2, &c, NULL), BREACH_ECOUNT);
    CHECK_EQ_LL(c.value, 4242);
    /* invalid arguments */
    breach_error err;
    EXPECT_FAIL(BREACH_EINVAL, breach_count_parse(NULL, 3, &c, &err));
    EXPECT_FAIL(BREACH_EINVAL, breach_count_parse("123", 3, NULL, &err));
    CHECK_EQ_LL(c.value, 4242);
}

static void test_count_format(void)
{
    char buf[32];
    CHECK_EQ_LL(breach_count_format(mkcount(1049375, BREACH_COUNT_EXACT), buf, sizeof buf), 7);
    CHECK_STR(buf, "1049375");
    CHECK_EQ_LL(breach_count_format(mkcount(3000000, BREACH_COUNT_AT_LEAST), buf, sizeof buf), 9);
    CHECK_STR(buf, ">=3000000");
    CHECK_EQ_LL(breach_count_format(mkcount(10000, BREACH_COUNT_AT_MOST), buf, sizeof buf), 7);
    CHECK_STR(buf, "<=10000");
    CHECK_EQ_LL(breach_count_format(mkcount(1050000, BREACH_COUNT_ESTIMATED), buf, sizeof buf), 8);
    CHECK_STR(buf, "~1050000");
    CHECK_EQ_LL(breach_count_format(breach_count_unknown(), buf, sizeof buf), 0);
    CHECK_STR(buf, "");
    CHECK_EQ_LL(breach_count_format(mkcount(0, BREACH_COUNT_EXACT), buf, sizeof buf), 1);
    CHECK_STR(buf, "0");
    /* the longest: ">=" + 20 digits = 22 */
    CHECK_EQ_LL(breach_count_format(mkcount(UINT64_MAX, BREACH_COUNT_AT_LEAST), buf, sizeof buf), 22);
    CHECK_STR(buf, ">=18446744073709551615");
    /* like snprintf */
    char small[4];
    CHECK_EQ_LL(breach_count_format(mkcount(3000000, BREACH_COUNT_AT_LEAST), small, sizeof small), 9);
    CHECK_STR(small, ">=3");
    CHECK_EQ_LL(breach_count_format(mkcount(964300, BREACH_COUNT_EXACT), NULL, 0), 6);
    /* round trips through the parser */
    static const char *const texts[] = {"1049375", ">=3000000", "<=10000", "~1050000", "",
                                        "0", "18446744073709551615", ">=964300", "<=1", "~7"};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        breach_count c;
        EXPECT_OK(breach_count_parse(texts[i], strlen(texts[i]), &c, NULL));
        CHECK_EQ_LL(breach_count_format(c, buf, sizeof buf), (long long)strlen(texts[i]));
        CHECK_STR(buf, texts[i]);
    }
}

/* ------------------------------------------------------------------ totals */

static void test_total_add(void)
{
    breach_total t = breach_total_zero();
    CHECK_TOTAL(t, 0, 0, 0, false, 0, 0, 0, 0, 0, 0);
    /* exact: both bounds and the point */
    EXPECT_OK(breach_total_add(&t, mkcount(1049375, BREACH_COUNT_EXACT)));
    CHECK_TOTAL(t, 1049375u, 1049375u, 1049375u, false, 1, 1, 0, 0, 0, 0);
    /* at least: lower and point; upper is now unbounded.
       python3: 1049375+3000000 = 4049375 */
    EXPECT_OK(breach_total_add(&t, mkcount(3000000, BREACH_COUNT_AT_LEAST)));
    CHECK_TOTAL(t, 4049375u, 1049375u, 4049375u, true, 2, 1, 1, 0, 0, 0);
    /* at most: upper and point only. python3: 1049375+10000 = 1059375, 4049375+10000 = 4059375 */
    EXPECT_OK(breach_total_add(&t, mkcount(10000, BREACH_COUNT_AT_MOST)));
    CHECK_TOTAL(t, 4049375u, 1059375u, 4059375u, true, 3, 1, 1, 1, 0, 0);
    /* estimated: both bounds, counted in n_estimated.
       python3: 4049375+960000 = 5009375, 1059375+960000 = 2019375, 4059375+960000 = 5019375 */
    EXPECT_OK(breach_total_add(&t, mkcount(960000, BREACH_COUNT_ESTIMATED)));
    CHECK_TOTAL(t, 5009375u, 2019375u, 5019375u, true, 4, 1, 1, 1, 1, 0);
    /* unknown: nothing but the unknown tally */
    EXPECT_OK(breach_total_add(&t, breach_count_unknown()));
    CHECK_TOTAL(t, 5009375u, 2019375u, 5019375u, true, 5, 1, 1, 1, 1, 1);

    /* at most alone keeps a bounded upper and a zero lower */
    breach_total m = breach_total_zero();
    EXPECT_OK(breach_total_add(&m, mkcount(10000, BREACH_COUNT_AT_MOST)));
    EXPECT_OK(breach_total_add(&m, mkcount(2385, BREACH_COUNT_AT_MOST)));
    CHECK_TOTAL(m, 0, 12385u, 12385u, false, 2, 0, 0, 2, 0, 0);
    /* an unknown alone makes the upper bound unbounded */
    breach_total u = breach_total_zero();
    EXPECT_OK(breach_total_add(&u, breach_count_unknown()));
    CHECK_TOTAL(u, 0, 0, 0, true, 1, 0, 0, 0, 0, 1);
    /* estimated alone: both bounds as given, still bounded */
    breach_total e = breach_total_zero();
    EXPECT_OK(breach_total_add(&e, mkcount(1050000, BREACH_COUNT_ESTIMATED)));
    CHECK_TOTAL(e, 1050000u, 1050000u, 1050000u, false, 1, 0, 0, 0, 1, 0);
}

static void test_total_add_refused(void)
{
    /* python3: 2**64-1-5 = 18446744073709551610 */
    breach_total t = breach_total_zero();
    EXPECT_OK(breach_total_add(&t, mkcount(UINT64_MAX - 5, BREACH_COUNT_EXACT)));
    breach_total before = t;
    /* 6 more passes 2^64-1 in every sum: refused, unchanged */
    CHECK_EQ_LL(breach_total_add(&t, mkcount(6, BREACH_COUNT_EXACT)), BREACH_EOVERFLOW);
    CU_ASSERT(total_eq(&t, &before));
    CHECK_EQ_LL(breach_total_add(&t, mkcount(6, BREACH_COUNT_ESTIMATED)), BREACH_EOVERFLOW);
    CU_ASSERT(total_eq(&t, &before));
    CHECK_EQ_LL(breach_total_add(&t, mkcount(6, BREACH_COUNT_AT_LEAST)), BREACH_EOVERFLOW);
    CU_ASSERT(total_eq(&t, &before)); /* upper_unbounded not set either */
    CU_ASSERT_FALSE(t.upper_unbounded);
    CHECK_EQ_LL(breach_total_add(&t, mkcount(6, BREACH_COUNT_AT_MOST)), BREACH_EOVERFLOW);
    CU_ASSERT(total_eq(&t, &before));
    CHECK_EQ_LL(t.n, 1);
    /* exactly 2^64-1 is fine */
    EXPECT_OK(breach_total_add(&t, mkcount(5, BREACH_COUNT_EXACT)));
    CHECK_U64(t.lower, UINT64_MAX);
    CHECK_U64(t.upper, UINT64_MAX);
    CHECK_U64(t.point, UINT64_MAX);
    CHECK_EQ_LL(t.n, 2);
    /* an unknown count adds no figure: never an overflow */
    EXPECT_OK(breach_total_add(&t, breach_count_unknown()));
    CHECK_EQ_LL(t.n_unknown, 1);
    CU_ASSERT_TRUE(t.upper_unbounded);

    /* the point overflows while neither bound does: at least 2^64-11 then at most 20
       (lower stays 2^64-11, upper 20, point would be 2^64+9) */
    breach_total p = breach_total_zero();
    EXPECT_OK(breach_total_add(&p, mkcount(UINT64_MAX - 10, BREACH_COUNT_AT_LEAST)));
    breach_total pb = p;
    CHECK_EQ_LL(breach_total_add(&p, mkcount(20, BREACH_COUNT_AT_MOST)), BREACH_EOVERFLOW);
    CU_ASSERT(total_eq(&p, &pb));

    /* a qualifier outside the vocabulary, and no total */
    breach_total q = breach_total_zero();
    EXPECT_OK(breach_total_add(&q, mkcount(3913, BREACH_COUNT_EXACT)));
    breach_total qb = q;
    CHECK_EQ_LL(breach_total_add(&q, mkcount(7, 5)), BREACH_EINVAL);
    CHECK_EQ_LL(breach_total_add(&q, mkcount(7, -1)), BREACH_EINVAL);
    CU_ASSERT(total_eq(&q, &qb));
    CHECK_EQ_LL(breach_total_add(NULL, mkcount(7, BREACH_COUNT_EXACT)), BREACH_EINVAL);
}

static void test_total_merge(void)
{
    /* part a: exact 1049375, at most 10000; part b: at least 3000000, estimated 960000,
       unknown. Merged = all five added one by one (see test_total_add): lower 5009375,
       upper 2019375, point 5019375, unbounded. */
    breach_total a = breach_total_zero(), b = breach_total_zero();
    EXPECT_OK(breach_total_add(&a, mkcount(1049375, BREACH_COUNT_EXACT)));
    EXPECT_OK(breach_total_add(&a, mkcount(10000, BREACH_COUNT_AT_MOST)));
    EXPECT_OK(breach_total_add(&b, mkcount(3000000, BREACH_COUNT_AT_LEAST)));
    EXPECT_OK(breach_total_add(&b, mkcount(960000, BREACH_COUNT_ESTIMATED)));
    EXPECT_OK(breach_total_add(&b, breach_count_unknown()));
    CHECK_TOTAL(a, 1049375u, 1059375u, 1059375u, false, 2, 1, 0, 1, 0, 0);
    /* python3: 3000000+960000 = 3960000 */
    CHECK_TOTAL(b, 3960000u, 960000u, 3960000u, true, 3, 0, 1, 0, 1, 1);
    breach_total ab = a;
    EXPECT_OK(breach_total_merge(&ab, &b));
    CHECK_TOTAL(ab, 5009375u, 2019375u, 5019375u, true, 5, 1, 1, 1, 1, 1);
    /* the other way round gives the same */
    breach_total ba = b;
    EXPECT_OK(breach_total_merge(&ba, &a));
    CU_ASSERT(total_eq(&ab, &ba));
    /* merging an empty total changes nothing */
    breach_total z = breach_total_zero();
    breach_total ab2 = ab;
    EXPECT_OK(breach_total_merge(&ab2, &z));
    CU_ASSERT(total_eq(&ab2, &ab));
    /* bounded + bounded stays bounded */
    breach_total a2 = a;
    EXPECT_OK(breach_total_merge(&a2, &a));
    CHECK_TOTAL(a2, 2098750u, 2118750u, 2118750u, false, 4, 2, 0, 2, 0, 0);

    /* overflow: refused, unchanged */
    breach_total big = breach_total_zero();
    EXPECT_OK(breach_total_add(&big, mkcount(UINT64_MAX - 1000, BREACH_COUNT_EXACT)));
    breach_total bigb = big;
    CHECK_EQ_LL(breach_total_merge(&big, &a), BREACH_EOVERFLOW);
    CU_ASSERT(total_eq(&big, &bigb));
    /* only the upper bound would pass: at most 2^64-101 plus an exact 1049375 */
    breach_total up = breach_total_zero();
    EXPECT_OK(breach_total_add(&up, mkcount(UINT64_MAX - 100, BREACH_COUNT_AT_MOST)));
    breach_total upb = up;
    CHECK_EQ_LL(breach_total_merge(&up, &a), BREACH_EOVERFLOW);
    CU_ASSERT(total_eq(&up, &upb));
    CHECK_EQ_LL(breach_total_merge(NULL, &a), BREACH_EINVAL);
    CHECK_EQ_LL(breach_total_merge(&ab2, NULL), BREACH_EINVAL);
    CU_ASSERT(total_eq(&ab2, &ab));
}

/* ------------------------------------------------------------------ regions */

/* Debian iso-codes 4.15, iso_3166-1.json: the 249 alpha-2 codes, sorted (python3:
   " ".join(sorted(c["alpha_2"] for c in json.load(open(p))["3166-1"]))). */
static const char ISO_COUNTRIES[] =
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN "
    "BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ "
    "DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL "
    "GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM "
    "JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME "
    "MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP "
    "NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD "
    "SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO "
    "TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW";

/* iso_3166-2.json, the 57 US entries (50 states, DC, 6 outlying areas) with ISO's names.
   The Virgin Islands' ISO name "Virgin Islands, U.S." is not one the header promises. */
static const struct {
    const char *code, *name;
} ISO_US[] = {
    {"US-AK", "Alaska"}, {"US-AL", "Alabama"}, {"US-AR", "Arkansas"},
    {"US-AS", "American Samoa"}, {"US-AZ", "Arizona"}, {"US-CA", "California"},
    {"US-CO", "Colorado"}, {"US-CT", "Connecticut"}, {"US-DC", "District of Columbia"},
    {"US-DE", "Delaware"}, {"US-FL", "Florida"}, {"US-GA", "Georgia"}, {"US-GU", "Guam"},
    {"US-HI", "Hawaii"}, {"US-IA", "Iowa"}, {"US-ID", "Idaho"}, {"US-IL", "Illinois"},
    {"US-IN", "Indiana"}, {"US-KS", "Kansas"}, {"US-KY", "Kentucky"}, {"US-LA", "Louisiana"},
    {"US-MA", "Massachusetts"}, {"US-MD", "Maryland"}, {"US-ME", "Maine"},
    {"US-MI", "Michigan"}, {"US-MN", "Minnesota"}, {"US-MO", "Missouri"},
    {"US-MP", "Northern Mariana Islands"}, {"US-MS", "Mississippi"}, {"US-MT", "Montana"},
    {"US-NC", "North Carolina"}, {"US-ND", "North Dakota"}, {"US-NE", "Nebraska"},
    {"US-NH", "New Hampshire"}, {"US-NJ", "New Jersey"}, {"US-NM", "New Mexico"},
    {"US-NV", "Nevada"}, {"US-NY", "New York"}, {"US-OH", "Ohio"}, {"US-OK", "Oklahoma"},
    {"US-OR", "Oregon"}, {"US-PA", "Pennsylvania"}, {"US-PR", "Puerto Rico"},
    {"US-RI", "Rhode Island"}, {"US-SC", "South Carolina"}, {"US-SD", "South Dakota"},
    {"US-TN", "Tennessee"}, {"US-TX", "Texas"},
    {"US-UM", "United States Minor Outlying Islands"}, {"US-UT", "Utah"},
    {"US-VA", "Virginia"}, {"US-VI", NULL}, {"US-VT", "Vermont"}, {"US-WA", "Washington"},
    {"US-WI", "Wisconsin"}, {"US-WV", "West Virginia"}, {"US-WY", "Wyoming"},
};

static breach_region region_of(const char *code)
{
    breach_region r = BREACH_REGION_NONE;
    if (breach_region_parse(code, strlen(code), &r, NULL) != BREACH_OK)
        return BREACH_REGION_NONE;
    return r;
}

#define REGION_BAD(fn, txt_, want)                                                             \
    do {                                                                                       \
        breach_region r_ = 4242;                                                               \
        breach_error e_;                                                                       \
        memset(&e_, 0, sizeof e_);                                                             \
        int rc_ = fn((txt_), strlen(txt_), &r_, &e_);                                          \
        if (rc_ != (want))                                                                     \
            fprintf(stderr, "\n  %s:%d: %s(\"%s\") = %d, want %d\n", __FILE__, __LINE__, #fn,   \
                    (txt_), rc_, (want));                                                      \
        CU_ASSERT_EQUAL(rc_, (want));                                                          \
        CHECK_EQ_LL(e_.code, (want));                                                          \
        CU_ASSERT(e_.text[0] != '\0');                                                         \
        CHECK_EQ_LL(r_, 4242);                                                                 \
    } while (0)

static void test_region_parse(void)
{
    breach_region r = 0;
    breach_error err;
    EXPECT_OK(breach_region_parse("US", 2, &r, &err));
    CHECK_STR(breach_region_code(r), "US");
    CHECK_STR(breach_region_name(r), "United States");
    CHECK_EQ_LL(breach_region_country(r), r);
    breach_region us = r;

    EXPECT_OK(breach_region_parse("us-me", 5, &r, &err));
    CHECK_STR(breach_region_code(r), "US-ME");
    CHECK_STR(breach_region_name(r), "Maine");
    CHECK_EQ_LL(breach_region_country(r), us);
    breach_region maine = r;
    EXPECT_OK(breach_region_parse("US-ME", 5, &r, &err));
    CHECK_EQ_LL(r, maine);
    EXPECT_OK(breach_region_parse("Us-mE", 5, &r, &err));
    CHECK_EQ_LL(r, maine);

    EXPECT_OK(breach_region_parse("FR", 2, &r, &err));
    CHECK_STR(breach_region_code(r), "FR");
    CHECK_STR(breach_region_name(r), "France");
    CHECK_EQ_LL(breach_region_country(r), r);
    EXPECT_OK(breach_region_parse("fr", 2, &r, &err));
    CHECK_STR(breach_region_code(r), "FR");

    /* a bare two-letter code is a country: ME is Montenegro, not Maine */
    EXPECT_OK(breach_region_parse("ME", 2, &r, &err));
    CHECK_STR(breach_region_code(r), "ME");
    CHECK_STR(breach_region_name(r), "Montenegro");
    CU_ASSERT(r != maine);
    CHECK_EQ_LL(breach_region_country(r), r);
    /* CA is Canada, US-CA California */
    EXPECT_OK(breach_region_parse("CA", 2, &r, &err));
    CHECK_STR(breach_region_name(r), "Canada");
    breach_region canada = r;
    EXPECT_OK(breach_region_parse("US-CA", 5, &r, &err));
    CHECK_STR(breach_region_name(r), "California");
    CU_ASSERT(r != canada);
    CHECK_EQ_LL(breach_region_country(r), us);
    /* Kosovo (user-assigned, in VERIS) */
    EXPECT_OK(breach_region_parse("XK", 2, &r, &err));
    CHECK_STR(breach_region_code(r), "XK");
    CHECK_STR(breach_region_name(r), "Kosovo");
    EXPECT_OK(breach_region_parse("xk", 2, &r, &err));
    CHECK_STR(breach_region_code(r), "XK");
    /* the first and last codes of the sorted list */
    EXPECT_OK(breach_region_parse("AD", 2, &r, &err));
    CHECK_STR(breach_region_code(r), "AD");
    EXPECT_OK(breach_region_parse("ZW", 2, &r, &err));
    CHECK_STR(breach_region_code(r), "ZW");
    /* only len bytes are read */
    EXPECT_OK(breach_region_parse("US-TXAS", 5, &r, &err));
    CHECK_STR(breach_region_code(r), "US-TX");
}

static void test_region_parse_refused(void)
{
    REGION_BAD(breach_region_parse, "ZZ", BREACH_EREGION);
    REGION_BAD(breach_region_parse, "AA", BREACH_EREGION);
    REGION_BAD(breach_region_parse, "US-ZZ", BREACH_EREGION);
    REGION_BAD(breach_region_parse, "US-", BREACH_EREGION);
    REGION_BAD(breach_region_parse, "US_ME", BREACH_EREGION);
    REGION_BAD(breach_region_parse, "US-M3", BREACH_EREGION);
    REGION_BAD(breach_region_parse, "USA", BREACH_EREGION);
    REGION_BAD(breach_region_parse, "U", BREACH_EREGION);
    REGION_BAD(breach_region_parse, "", BREACH_EREGION);
    REGION_BAD(breach_region_parse, "12", BREACH_EREGION);
    REGION_BAD(breach_region_parse, "Maine", BREACH_EREGION);
    REGION_BAD(breach_region_parse, "ZZ-12", BREACH_EREGION);
    REGION_BAD(breach_region_parse, "US-MEX", BREACH_EREGION);
    /* other countries' subdivisions, from iso-codes' iso_3166-2.json (issue 16): GB-ENG
       "England", CA-ON "Ontario", FR-75 "Paris" */
    breach_region r = 4242;
    breach_error err;
    EXPECT_OK(breach_region_parse("GB-ENG", 6, &r, &err));
    CHECK_STR(breach_region_code(r), "GB-ENG");
    CHECK_STR(breach_region_name(r), "England");
    CHECK_STR(breach_region_code(breach_region_country(r)), "GB");
    EXPECT_OK(breach_region_parse("ca-on", 5, &r, &err));
    CHECK_STR(breach_region_name(r), "Ontario");
    CHECK_STR(breach_region_code(breach_region_country(r)), "CA");
    EXPECT_OK(breach_region_parse("FR-75", 5, &r, &err));
    CHECK_STR(breach_region_name(r), "Paris");
    /* a code that is not one of the country's subdivisions: refused, and the message says
       why */
    r = 4242;
    EXPECT_FAIL(BREACH_EREGION, breach_region_parse("FR-ZZZ", 6, &r, &err));
    CHECK_EQ_LL(r, 4242);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.text, "not a subdivision of FR"));
    /* without an error record */
    CHECK_EQ_LL(breach_region_parse("ZZ", 2, &r, NULL), BREACH_EREGION);
    CHECK_EQ_LL(r, 4242);
    /* invalid arguments */
    EXPECT_FAIL(BREACH_EINVAL, breach_region_parse(NULL, 2, &r, &err));
    EXPECT_FAIL(BREACH_EINVAL, breach_region_parse("US", 2, NULL, &err));
    CHECK_EQ_LL(r, 4242);
}

static void test_region_from_us_state(void)
{
    breach_region r = 0;
    breach_error err;
    static const struct {
        const char *text, *code;
    } ok[] = {
        {"ME", "US-ME"},          /* USPS codes: ME is Maine here */
        {"me", "US-ME"},
        {"dc", "US-DC"},
        {"DC", "US-DC"},
        {"PR", "US-PR"},
        {"GU", "US-GU"},
        {"AS", "US-AS"},          /* the territory, not the country AS */
        {"VI", "US-VI"},
        {"Maine", "US-ME"},
        {"MAINE", "US-ME"},
        {"  maine ", "US-ME"},
        {"district of columbia", "US-DC"},
        {"district  of columbia", "US-DC"},
        {"District\tof   Columbia", "US-DC"},
        {"new york", "US-NY"},
        {"  New   York  ", "US-NY"},
        {"Virginia", "US-VA"},
        {"West Virginia", "US-WV"},
        {"puerto rico", "US-PR"},
        {"US-TX", "US-TX"},
        {"us-tx", "US-TX"},
        {"Texas", "US-TX"},
        {"TX", "US-TX"},
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        r = 0;
        int rc = breach_region_from_us_state(ok[i].text, strlen(ok[i].text), &r, &err);
        if (rc != BREACH_OK)
            fprintf(stderr, "\n  from_us_state(\"%s\") = %d: %s\n", ok[i].text, rc, err.text);
        CHECK_EQ_LL(rc, BREACH_OK);
        CHECK_STR(breach_region_code(r), ok[i].code);
    }
    REGION_BAD(breach_region_from_us_state, "Atlantis", BREACH_EREGION);
    REGION_BAD(breach_region_from_us_state, "AA", BREACH_EREGION);
    REGION_BAD(breach_region_from_us_state, "ZZ", BREACH_EREGION);
    REGION_BAD(breach_region_from_us_state, "FR", BREACH_EREGION);
    REGION_BAD(breach_region_from_us_state, "US-ZZ", BREACH_EREGION);
    REGION_BAD(breach_region_from_us_state, "FR-75", BREACH_EREGION);
    REGION_BAD(breach_region_from_us_state, "US", BREACH_EREGION);
    REGION_BAD(breach_region_from_us_state, "", BREACH_EREGION);
    REGION_BAD(breach_region_from_us_state, "Main", BREACH_EREGION);
    REGION_BAD(breach_region_from_us_state, "Maine2", BREACH_EREGION);
    REGION_BAD(breach_region_from_us_state, "NewYork", BREACH_EREGION);
    REGION_BAD(breach_region_from_us_state, "New Yorkshire", BREACH_EREGION);
    REGION_BAD(breach_region_from_us_state, "Ma ine", BREACH_EREGION);
    r = 4242;
    EXPECT_FAIL(BREACH_EINVAL, breach_region_from_us_state(NULL, 2, &r, &err));
    EXPECT_FAIL(BREACH_EINVAL, breach_region_from_us_state("ME", 2, NULL, &err));
    CHECK_EQ_LL(r, 4242);
}

static void test_region_table_against_iso(void)
{
    /* every ISO 3166-1 code is a country of its own */
    size_t n_iso = 0;
    breach_region prev = BREACH_REGION_NONE;
    for (const char *p = ISO_COUNTRIES; *p; p += (p[2] ? 3 : 2)) {
        char code[3] = {p[0], p[1], '\0'};
        breach_region r = region_of(code);
        if (r == BREACH_REGION_NONE)
            fprintf(stderr, "\n  ISO code %s is not known\n", code);
        CU_ASSERT(r != BREACH_REGION_NONE);
        CHECK_STR(breach_region_code(r), code);
        CHECK_EQ_LL(breach_region_country(r), r);
        CU_ASSERT(breach_region_name(r)[0] != '\0');
        CU_ASSERT(r != prev);
        prev = r;
        n_iso++;
        if (!p[2])
            break;
    }
    CHECK_EQ_LL(n_iso, 249);
    /* the 57 ISO 3166-2:US codes, their two letters through from_us_state, and the names */
    breach_region us = region_of("US");
    CU_ASSERT(us != BREACH_REGION_NONE);
    for (size_t i = 0; i < sizeof ISO_US / sizeof ISO_US[0]; i++) {
        breach_region r = region_of(ISO_US[i].code);
        if (r == BREACH_REGION_NONE)
            fprintf(stderr, "\n  ISO code %s is not known\n", ISO_US[i].code);
        CU_ASSERT(r != BREACH_REGION_NONE);
        CHECK_STR(breach_region_code(r), ISO_US[i].code);
        CHECK_EQ_LL(breach_region_country(r), us);
        breach_region s = 0;
        EXPECT_OK(breach_region_from_us_state(ISO_US[i].code + 3, 2, &s, NULL));
        CHECK_EQ_LL(s, r);
        s = 0;
        EXPECT_OK(breach_region_from_us_state(ISO_US[i].code, 5, &s, NULL));
        CHECK_EQ_LL(s, r);
        if (ISO_US[i].name) {
            s = 0;
            EXPECT_OK(breach_region_from_us_state(ISO_US[i].name, strlen(ISO_US[i].name), &s, NULL));
            CHECK_EQ_LL(s, r);
            CHECK_STR(breach_region_name(r), ISO_US[i].name);
        }
    }
    CHECK_EQ_LL(sizeof ISO_US / sizeof ISO_US[0], 57);
}

static void test_region_round_trip_all(void)
{
    /* 249 ISO countries + XK = 250; 5,127 ISO 3166-2 subdivisions (Debian's iso-codes 4.15:
       python3 -c "import json; print(len(json.load(open('/usr/share/iso-codes/json/
       iso_3166-2.json'))['3166-2']))" -> 5127), of them 57 of the US (50 states + DC + AS GU
       MP PR UM VI). A newer iso-codes may add some: the US count is the fixed one. */
    breach_region max = breach_region_max();
    CU_ASSERT(max >= 250 + 5000);
    breach_region us = region_of("US");
    size_t countries = 0, subdivisions = 0, others = 0, bad = 0;
    for (unsigned r = 1; r <= max; r++) {
        const char *code = breach_region_code((breach_region)r);
        breach_region back = 0;
        if (breach_region_parse(code, strlen(code), &back, NULL) != BREACH_OK || back != r) {
            if (bad++ < 5)
                fprintf(stderr, "\n  region %u: code \"%s\" parses to %u\n", r, code, back);
        }
        if (breach_region_name((breach_region)r)[0] == '\0')
            bad++;
        breach_region c = breach_region_country((breach_region)r);
        if (c == r && strlen(code) == 2)
            countries++;
        else if (c != us && c != BREACH_REGION_NONE && c != r &&
                 memcmp(code, breach_region_code(c), 2) == 0 && code[2] == '-')
            others++;
        else if (c == us && strlen(code) == 5 && memcmp(code, "US-", 3) == 0) {
            subdivisions++;
            /* subdivisions also come back through from_us_state, by code and by name */
            const char *name = breach_region_name((breach_region)r);
            breach_region s = 0;
            if (breach_region_from_us_state(name, strlen(name), &s, NULL) != BREACH_OK || s != r)
                bad++;
        } else {
            bad++;
        }
    }
    CHECK_EQ_LL(bad, 0);
    CHECK_EQ_LL(countries, 250);
    CHECK_EQ_LL(subdivisions, 57);
    CHECK_EQ_LL(countries + subdivisions + others, max);
    /* no region and out-of-range numbers */
    CHECK_STR(breach_region_code(BREACH_REGION_NONE), "");
    CHECK_STR(breach_region_name(BREACH_REGION_NONE), "");
    CHECK_STR(breach_region_code((breach_region)(max + 1)), "");
    CHECK_STR(breach_region_name((breach_region)(max + 1)), "");
    CHECK_STR(breach_region_code((breach_region)65535), "");
    CHECK_EQ_LL(breach_region_country(BREACH_REGION_NONE), BREACH_REGION_NONE);
    CHECK_EQ_LL(breach_region_country((breach_region)(max + 1)), BREACH_REGION_NONE);
}

/* ------------------------------------------------------------------ vocabularies */

/* The names are the enum constants' suffixes in lower case (include/breach/incident.h). */
static const char *const CATEGORY_NAMES[] = {
    "name", "dob", "address", "phone", "email", "ssn", "passport", "drivers_license",
    "gov_id", "medical", "health_insurance", "financial_account", "payment_card",
    "credentials", "employee", "biometric", "demographic", "online_id", "tax", "other"};
static const char *const TYPE_NAMES[] = {"hacking", "ransomware", "unauthorized_access",
                                         "theft",   "loss",       "improper_disposal",
                                         "other",   "unknown"};
static const char *const LOCATION_NAMES[] = {"network_server", "email",  "paper",
                                             "laptop",         "desktop", "emr",
                                             "portable_device", "other"};
static const char *const UNIT_NAMES[] = {"individuals", "accounts", "records"};

static void upcase(char *dst, const char *src, size_t size)
{
    size_t i = 0;
    for (; src[i] && i + 1 < size; i++)
        dst[i] = (src[i] >= 'a' && src[i] <= 'z') ? (char)(src[i] - 32) : src[i];
    dst[i] = '\0';
}

static void test_vocab_categories(void)
{
    CHECK_EQ_LL(sizeof CATEGORY_NAMES / sizeof CATEGORY_NAMES[0], BREACH_CAT_COUNT_);
    breach_error err;
    for (int c = 0; c < BREACH_CAT_COUNT_; c++) {
        CHECK_STR(breach_category_name((breach_category)c), CATEGORY_NAMES[c]);
        breach_category out = (breach_category)99;
        EXPECT_OK(breach_category_parse(CATEGORY_NAMES[c], strlen(CATEGORY_NAMES[c]), &out, &err));
        CHECK_EQ_LL(out, c);
        char up[64];
        upcase(up, CATEGORY_NAMES[c], sizeof up);
        out = (breach_category)99;
        EXPECT_OK(breach_category_parse(up, strlen(up), &out, &err));
        CHECK_EQ_LL(out, c);
    }
    breach_category out = (breach_category)99;
    EXPECT_OK(breach_category_parse("Health_Insurance", 16, &out, &err));
    CHECK_EQ_LL(out, BREACH_CAT_HEALTH_INSURANCE);
    CU_ASSERT_PTR_NULL(breach_category_name(BREACH_CAT_COUNT_));
    CU_ASSERT_PTR_NULL(breach_category_name((breach_category)-1));
    out = (breach_category)99;
    EXPECT_FAIL(BREACH_ECATEGORY, breach_category_parse("social_security", 15, &out, &err));
    EXPECT_FAIL(BREACH_ECATEGORY, breach_category_parse("ssn2", 4, &out, &err));
    EXPECT_FAIL(BREACH_ECATEGORY, breach_category_parse("ss", 2, &out, &err));
    EXPECT_FAIL(BREACH_ECATEGORY, breach_category_parse("", 0, &out, &err));
    EXPECT_FAIL(BREACH_ECATEGORY, breach_category_parse("drivers license", 15, &out, &err));
    CHECK_EQ_LL(out, 99);
    EXPECT_FAIL(BREACH_EINVAL, breach_category_parse(NULL, 3, &out, &err));
    CHECK_EQ_LL(out, 99);
}

static void test_vocab_types(void)
{
    CHECK_EQ_LL(sizeof TYPE_NAMES / sizeof TYPE_NAMES[0], BREACH_TYPE_COUNT_);
    breach_error err;
    for (int t = 0; t < BREACH_TYPE_COUNT_; t++) {
        CHECK_STR(breach_type_name((breach_type)t), TYPE_NAMES[t]);
        breach_type out = (breach_type)99;
        EXPECT_OK(breach_type_parse(TYPE_NAMES[t], strlen(TYPE_NAMES[t]), &out, &err));
        CHECK_EQ_LL(out, t);
        char up[64];
        upcase(up, TYPE_NAMES[t], sizeof up);
        out = (breach_type)99;
        EXPECT_OK(breach_type_parse(up, strlen(up), &out, &err));
        CHECK_EQ_LL(out, t);
    }
    CU_ASSERT_PTR_NULL(breach_type_name(BREACH_TYPE_COUNT_));
    CU_ASSERT_PTR_NULL(breach_type_name((breach_type)-1));
    breach_type out = (breach_type)99;
    EXPECT_FAIL(BREACH_ETYPE, breach_type_parse("Hacking/IT Incident", 19, &out, &err));
    EXPECT_FAIL(BREACH_ETYPE, breach_type_parse("phishing", 8, &out, &err));
    EXPECT_FAIL(BREACH_ETYPE, breach_type_parse("", 0, &out, &err));
    CHECK_EQ_LL(out, 99);
    EXPECT_FAIL(BREACH_EINVAL, breach_type_parse(NULL, 3, &out, &err));
}

static void test_vocab_locations(void)
{
    CHECK_EQ_LL(sizeof LOCATION_NAMES / sizeof LOCATION_NAMES[0], BREACH_LOC_COUNT_);
    breach_error err;
    for (int l = 0; l < BREACH_LOC_COUNT_; l++) {
        CHECK_STR(breach_location_name((breach_location)l), LOCATION_NAMES[l]);
        breach_location out = (breach_location)99;
        EXPECT_OK(breach_location_parse(LOCATION_NAMES[l], strlen(LOCATION_NAMES[l]), &out, &err));
        CHECK_EQ_LL(out, l);
        char up[64];
        upcase(up, LOCATION_NAMES[l], sizeof up);
        out = (breach_location)99;
        EXPECT_OK(breach_location_parse(up, strlen(up), &out, &err));
        CHECK_EQ_LL(out, l);
    }
    CU_ASSERT_PTR_NULL(breach_location_name(BREACH_LOC_COUNT_));
    CU_ASSERT_PTR_NULL(breach_location_name((breach_location)-1));
    breach_location out = (breach_location)99;
    EXPECT_FAIL(BREACH_ETYPE, breach_location_parse("Network Server", 14, &out, &err));
    EXPECT_FAIL(BREACH_ETYPE, breach_location_parse("cloud", 5, &out, &err));
    EXPECT_FAIL(BREACH_ETYPE, breach_location_parse("", 0, &out, &err));
    CHECK_EQ_LL(out, 99);
    EXPECT_FAIL(BREACH_EINVAL, breach_location_parse(NULL, 3, &out, &err));
}

static void test_vocab_units(void)
{
    CHECK_EQ_LL(sizeof UNIT_NAMES / sizeof UNIT_NAMES[0], BREACH_UNIT_COUNT_);
    breach_error err;
    for (int u = 0; u < BREACH_UNIT_COUNT_; u++) {
        CHECK_STR(breach_unit_name((breach_unit)u), UNIT_NAMES[u]);
        breach_unit out = (breach_unit)99;
        EXPECT_OK(breach_unit_parse(UNIT_NAMES[u], strlen(UNIT_NAMES[u]), &out, &err));
        CHECK_EQ_LL(out, u);
        char up[64];
        upcase(up, UNIT_NAMES[u], sizeof up);
        out = (breach_unit)99;
        EXPECT_OK(breach_unit_parse(up, strlen(up), &out, &err));
        CHECK_EQ_LL(out, u);
    }
    CU_ASSERT_PTR_NULL(breach_unit_name(BREACH_UNIT_COUNT_));
    CU_ASSERT_PTR_NULL(breach_unit_name((breach_unit)-1));
    breach_unit out = (breach_unit)99;
    /* an unknown unit is BREACH_EINVAL (incident.h documents no dedicated code) */
    EXPECT_FAIL(BREACH_EINVAL, breach_unit_parse("people", 6, &out, &err));
    EXPECT_FAIL(BREACH_EINVAL, breach_unit_parse("individual", 10, &out, &err));
    EXPECT_FAIL(BREACH_EINVAL, breach_unit_parse("", 0, &out, &err));
    CHECK_EQ_LL(out, 99);
}

/* ------------------------------------------------------------------ entity keys */

#define KEY_IS(name, want)                                                                     \
    do {                                                                                       \
        char kb_[256];                                                                         \
        memset(kb_, 'x', sizeof kb_);                                                          \
        size_t kn_ = breach_entity_key((name), strlen(name), kb_, sizeof kb_);                 \
        if (kn_ != strlen(want) || strcmp(kb_, (want)) != 0)                                   \
            fprintf(stderr, "\n  %s:%d: key(\"%s\") = \"%s\" (%zu), want \"%s\"\n", __FILE__,    \
                    __LINE__, (name), kb_, kn_, (want));                                       \
        CHECK_EQ_LL(kn_, strlen(want));                                                        \
        CHECK_STR(kb_, (want));                                                                \
    } while (0)

static void test_entity_rule0_symbols(void)
{
    /* symbols (category So) are spaces before NFKC, which spells U+2122 TM (E2 84 A2) out
       as "TM" and kept U+00AE (C2 AE) as it is */
    KEY_IS("Acme\xE2\x84\xA2 Inc", "acme");
    KEY_IS("Cancer Treatment Centers of America\xC2\xAE (CTCA) at Southeastern Regional Medical "
           "Center",
           "cancer treatment centers of america ctca at southeastern regional medical center");
    KEY_IS("mscripts\xC2\xAE, LLC ", "mscripts"); /* HHS 2024-07 archive, line 340 */
    /* U+2120 SM (E2 84 A0), U+00A9 (C2 A9), U+2117 sound recording (E2 84 97) */
    KEY_IS("Acme\xE2\x84\xA0", "acme");
    KEY_IS("\xC2\xA9" "2020 Acme", "2020 acme");
    KEY_IS("\xE2\x84\x97 Records", "records");
    KEY_IS("Caf\xC3\xA9\xE2\x84\xA2", "cafe");
    /* a space, not deleted: U+1F3E5 hospital (F0 9F 8F A5) does not join two words; U+FFFD
       (EF BF BD), as in HHS's "St. Mary\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBDs Janesville
       Hospital", is a symbol too */
    KEY_IS("Health\xF0\x9F\x8F\xA5" "Care", "health care");
    KEY_IS("St. Mary\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBDs", "st mary s");
    KEY_IS("\xE2\x84\xA2", "");
    /* symbols that NFKC spells as letters stay as it spells them: U+2116 numero (<compat>
       "No", E2 84 96), U+24B6 circled A (<circle>, E2 92 B6), U+249C parenthesised a
       (<compat> "(a)", E2 92 9C), U+337F square corporation (<square>, E3 8D BF) */
    KEY_IS("Clinic \xE2\x84\x96 5", "clinic no 5");
    KEY_IS("\xE2\x92\xB6" "cme", "acme");
    KEY_IS("\xE2\x92\x9C" "bc", "abc");
    KEY_IS("\xE3\x8D\xBF", "\xE6\xA0\xAA\xE5\xBC\x8F\xE4\xBC\x9A\xE7\xA4\xBE");
}

static void test_entity_rule1_deleted(void)
{
    /* apostrophes, periods and parentheses are deleted (not made spaces) */
    KEY_IS("L.L.C.", "llc");
    KEY_IS("Acme L.L.C.", "acme");
    KEY_IS("O'Neil Industries", "oneil industries");
    KEY_IS("Macy's", "macys");
    KEY_IS("Dr. Reddy's Laboratories", "dr reddys laboratories");
    KEY_IS("Corporation(s)", "corporations");
    KEY_IS("Smith (USA) Holdings", "smith usa holdings");
    KEY_IS("A.B.C. Health", "abc health");
    KEY_IS("U.S. Bank", "us bank");
    /* typographic apostrophes U+2019 (E2 80 99) and U+2018 (E2 80 98) too */
    KEY_IS("O\xE2\x80\x99Neil Industries", "oneil industries");
    KEY_IS("\xE2\x80\x98Ohana Health\xE2\x80\x99", "ohana health");
    KEY_IS("Macy\xE2\x80\x99s", "macys");
    /* the other single quotes, U+201A low-9 (E2 80 9A) and U+201B reversed-9 (E2 80 9B),
       the prime U+2032 (E2 80 B2) and the grave accent, as the ASCII apostrophe: "St.
       Mary's" in each spelling is "st marys" */
    KEY_IS("St. Mary's Hospital", "st marys hospital");
    KEY_IS("St. Mary\xE2\x80\x99s Hospital", "st marys hospital");
    KEY_IS("St. Mary\xE2\x80\x9As Hospital", "st marys hospital");
    KEY_IS("St. Mary\xE2\x80\x9Bs Hospital", "st marys hospital");
    KEY_IS("St. Mary\xE2\x80\xB2s Hospital", "st marys hospital");
    KEY_IS("St. Mary`s Hospital", "st marys hospital");
    KEY_IS("\xE2\x80\x9AOhana\xE2\x80\x9B", "ohana");
    /* the acute accent U+00B4 (C2 B4) and the modifier letter apostrophe U+02BC (CA BC),
       typed for the apostrophe: "Macy´s" and "Macyʼs" are "macys" (NFKC made them
       "macy s" and "macyʼs", two organisations beside Macy's) */
    KEY_IS("Macy\xC2\xB4s", "macys");
    KEY_IS("Macy\xCA\xBCs", "macys");
    KEY_IS("Dr. Reddy\xC2\xB4s Laboratories, Inc.", "dr reddys laboratories");
    KEY_IS("\xC2\xB4Ohana\xCA\xBC Caf\xC3\xA9", "ohana cafe");
    /* in a name that is not UTF-8 (Latin-1 E9), which skips rule 0, too */
    KEY_IS("Caf\xE9 Mary\xE2\x80\xB2s", "caf\xE9 marys");
}

static void test_entity_rule1_signs(void)
{
    /* "(TM)", "(SM)", "(R)", "(C)" in any case, with or without a space before, are the
       signs they spell, a space (rule 0): "Acme\xE2\x84\xA2" (U+2122) is "acme", and so are
       these, where rule 1 alone made "acmetm" and "acme tm" */
    KEY_IS("Acme\xE2\x84\xA2", "acme");
    KEY_IS("Acme(TM)", "acme");
    KEY_IS("Acme (TM)", "acme");
    KEY_IS("Acme(tm) Inc", "acme");
    KEY_IS("Acme (Tm), Inc.", "acme");
    KEY_IS("Acme(tM)Widget", "acme widget");
    KEY_IS("Acme\xE2\x84\xA2Widget", "acme widget");
    KEY_IS("Acme(SM)", "acme");
    KEY_IS("Acme (sm)", "acme");
    KEY_IS("Acme(R)", "acme");
    KEY_IS("Acme (r) Health", "acme health");
    KEY_IS("Acme\xC2\xAE Health", "acme health");
    KEY_IS("Acme(C)", "acme");
    KEY_IS("(c) Acme", "acme");
    KEY_IS("mscripts(R), LLC ", "mscripts"); /* as the archive's "mscripts\xC2\xAE, LLC " */
    /* with rule 0: U+00E9 and a marker; fullwidth parentheses and letters are "(TM)" */
    KEY_IS("Caf\xC3\xA9 (TM)", "cafe");
    KEY_IS("Acme\xEF\xBC\x88\xEF\xBC\xB4\xEF\xBC\xAD\xEF\xBC\x89", "acme");
    KEY_IS("(TM)", "");
    /* only the whole marker: the letters stay everywhere else */
    KEY_IS("TM Healthcare", "tm healthcare");
    KEY_IS("Acme TM", "acme tm");
    KEY_IS("Acme (TMX)", "acme tmx");
    KEY_IS("Acme (T)", "acme t");
    KEY_IS("Acme (RC)", "acme rc");
    KEY_IS("Acme (S)", "acme s");
    KEY_IS("Acme (P)", "acme p");
    KEY_IS("Acme ( TM )", "acme tm");
    KEY_IS("Acme (T.M.)", "acme tm");
    KEY_IS("Acme(TM", "acmetm");
    KEY_IS("Acme(R", "acmer");
    KEY_IS("Acme(", "acme");
    KEY_IS("Corporation(s)", "corporations");
    /* the marker's ')' is the name's last byte, or one past len: only len bytes count */
    char kb[16];
    CHECK_EQ_LL(breach_entity_key("Acme(R)", 6, kb, sizeof kb), 5);
    CHECK_STR(kb, "acmer");
    CHECK_EQ_LL(breach_entity_key("Acme(TM)", 7, kb, sizeof kb), 6);
    CHECK_STR(kb, "acmetm");
}

static void test_entity_rule2_punctuation(void)
{
    /* '&' becomes " and " */
    KEY_IS("AT&T", "at and t");
    KEY_IS("Johnson&Johnson", "johnson and johnson");
    KEY_IS("Procter & Gamble", "procter and gamble");
    KEY_IS("&", "and");
    KEY_IS("&&", "and and");
    /* other ASCII punctuation becomes a space */
    KEY_IS("Smith-Jones", "smith jones");
    KEY_IS("a/b,c;d:e!f?g\"h", "a b c d e f g h");
    KEY_IS("foo_bar", "foo bar");
    KEY_IS("Blue Cross+Blue Shield", "blue cross blue shield");
    KEY_IS("#1 Health @ Home", "1 health home");
    KEY_IS("[Bracket]{Brace}<Angle>", "bracket brace angle");
    KEY_IS("back\\slash|pipe~tilde^caret=eq*star%pct$usd",
           "back slash pipe tilde caret eq star pct usd");
    /* typographic double quotes U+201C-U+201F (E2 80 9C .. 9F) as '"': the HHS 2024-07
       archive's line 10 and line 1310 ("YNHHS" in ASCII quotes), their spellings in the
       other quotes */
    KEY_IS("CVS Caremark Part D Services, L.L.C. (\xE2\x80\x9C" "CVS\xE2\x80\x9D)",
           "cvs caremark part d services llc cvs");
    KEY_IS("CVS Caremark Part D Services, L.L.C. (\"CVS\")",
           "cvs caremark part d services llc cvs");
    KEY_IS("Yale New Haven Health Services Corporation (\"YNHHS\")",
           "yale new haven health services corporation ynhhs");
    KEY_IS("Yale New Haven Health Services Corporation (\xE2\x80\x9CYNHHS\xE2\x80\x9D)",
           "yale new haven health services corporation ynhhs");
    KEY_IS("Acme\xE2\x80\x9E" "Best\xE2\x80\x9FInc", "acme best");
    KEY_IS("\xE2\x80\x9C\xE2\x80\x9D", "");
    /* dashes: U+2010 hyphen (E2 80 90), U+2011 (91), U+2012 figure dash (92),
       U+2013 en dash (93), U+2014 em dash (94), U+2015 bar (95) */
    KEY_IS("Acme\xE2\x80\x90Widget", "acme widget");
    KEY_IS("Acme\xE2\x80\x91Widget", "acme widget");
    KEY_IS("Acme\xE2\x80\x92Widget", "acme widget");
    KEY_IS("Acme\xE2\x80\x93Widget", "acme widget");
    KEY_IS("Acme \xE2\x80\x94 Widget", "acme widget");
    KEY_IS("Acme\xE2\x80\x95Widget", "acme widget");
    /* no-break space U+00A0 (C2 A0) */
    KEY_IS("Mayo\xC2\xA0" "Clinic", "mayo clinic");
    KEY_IS("Acme\xC2\xA0Inc", "acme");
}

static void test_entity_rule3_case(void)
{
    KEY_IS("MAYO CLINIC", "mayo clinic");
    KEY_IS("mAyO cLiNiC", "mayo clinic");
    KEY_IS("3M", "3m");
    KEY_IS("23andMe", "23andme");
    /* rule 0 (issue 16): Unicode case folding and marks stripped, by the Unicode Character
       Database's decompositions: U+00E9 e-acute = e + U+0301 (a mark), U+00C9 = E + U+0301,
       U+00FC u-diaeresis = u + U+0308 */
    KEY_IS("Soci\xC3\xA9t\xC3\xA9 G\xC3\xA9n\xC3\xA9rale", "societe generale");
    KEY_IS("SOCI\xC3\x89T\xC3\x89", "societe");
    KEY_IS("M\xC3\xBCnchener R\xC3\xBC" "ck AG", "munchener ruck");
    /* the issue's pair: ESTEE LAUDER with U+00C9, and Estee with U+00E9, one key, and the
       unaccented spelling too */
    KEY_IS("EST\xC3\x89" "E LAUDER", "estee lauder");
    KEY_IS("Est\xC3\xA9" "e Lauder Companies Inc.", "estee lauder companies");
    KEY_IS("Estee Lauder", "estee lauder");
    /* a combining mark (e + U+0301, CC 81) as the precomposed letter */
    KEY_IS("Cafe\xCC\x81", "cafe");
    /* NFKC: fullwidth letters (U+FF2E U+FF45 ..) are ASCII; U+00DF sharp s folds to ss */
    KEY_IS("\xEF\xBC\xAE\xEF\xBD\x85\xEF\xBD\x98\xEF\xBD\x94", "next");
    KEY_IS("Stra\xC3\x9F" "e", "strasse");
    /* U+2026 ellipsis is three full stops under NFKC, deleted by rule 1 */
    KEY_IS("Wait\xE2\x80\xA6", "wait");
    /* a letter without a decomposition is kept, folded: U+0141 L-stroke -> U+0142 */
    KEY_IS("\xC5\x81" "odz", "\xC5\x82" "odz");
    /* bytes that are not UTF-8 (Latin-1 e-acute, E9) are kept as they are */
    KEY_IS("Caf\xE9", "caf\xE9");
}

static void test_entity_rule4_spaces(void)
{
    KEY_IS("  Mayo   Clinic  ", "mayo clinic");
    KEY_IS("Mayo\tClinic", "mayo clinic");
    KEY_IS("Mayo , Clinic", "mayo clinic");
    KEY_IS("Mayo - - Clinic", "mayo clinic");
    KEY_IS("\t-Mayo Clinic-\t", "mayo clinic");
    KEY_IS("", "");
    KEY_IS("   ", "");
    KEY_IS(" ... ", "");
    KEY_IS("-", "");
}

static void test_entity_rule5_the(void)
{
    KEY_IS("The Kroger Co.", "kroger");
    KEY_IS("THE HOME DEPOT", "home depot");
    KEY_IS("  The   Home Depot", "home depot");
    KEY_IS("the clinic", "clinic");
    /* only a whole leading word "the", only once, only at the start */
    KEY_IS("Theater Co", "theater");
    KEY_IS("Theodore Health", "theodore health");
    KEY_IS("The The Clinic", "the clinic");
    KEY_IS("Athens The Clinic", "athens the clinic");
    KEY_IS("Clinic The", "clinic the");
    /* "the" alone stays */
    KEY_IS("The", "the");
    KEY_IS("The.", "the");
}

static void test_entity_rule6_legal_forms(void)
{
    /* each listed form, alone after a name */
    static const char *const forms[] = {
        "Inc",   "Inc.",    "Incorporated", "LLC",  "L.L.C.", "LLP",  "LP",  "L.P.",
        "PLLC",  "Ltd",     "Ltd.",         "Limited", "Corp", "Corp.", "Corporation",
        "Corporations", "Co", "Co.",       "Company", "plc",  "PC",   "P.C.", "PA", "P.A.",
        "GmbH",  "AG",      "SA",           "S.A.", "NV",     "N.V.", "BV",  "B.V."};
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        char name[64];
        snprintf(name, sizeof name, "Acme Widget, %s", forms[i]);
        KEY_IS(name, "acme widget");
    }
    /* repeatedly */
    KEY_IS("Acme Holding Co., Inc.", "acme holding");
    KEY_IS("Acme Co Inc LLC", "acme");
    KEY_IS("Acme Company Limited, Inc", "acme");
    /* but never the last remaining word */
    KEY_IS("Inc", "inc");
    KEY_IS("Inc.", "inc");
    KEY_IS("Co., Inc.", "co");
    KEY_IS("Company Ltd", "company");
    KEY_IS("The Inc", "inc");
    /* only trailing, only whole words */
    KEY_IS("Inc Acme", "inc acme");
    KEY_IS("Limited Brands", "limited brands");
    KEY_IS("Acme Inc Services", "acme inc services");
    KEY_IS("Acme Incorp", "acme incorp");
    KEY_IS("Acme Finco", "acme finco");
    KEY_IS("Acme Co-op", "acme co op");
    KEY_IS("Smith & Co.", "smith and");
    /* a legal form is only a form after folding: "Inc" in capitals, with a period */
    KEY_IS("ACME INC.", "acme");
}

static void test_entity_examples(void)
{
    /* the header's examples */
    KEY_IS("NextGen Healthcare, Inc. ", "nextgen healthcare");
    KEY_IS("NEXTGEN HEALTHCARE INC", "nextgen healthcare");
    KEY_IS("nextgen healthcare", "nextgen healthcare");
    KEY_IS("NextGenUpdate", "nextgenupdate");
    KEY_IS("Community Health Systems Professional Services Corporation(s)",
           "community health systems professional services");
    KEY_IS("The Kroger Co.", "kroger");
    KEY_IS("Inc", "inc");
    KEY_IS("AT&T Inc.", "at and t");
    KEY_IS("Fortra GoAnywhere", "fortra goanywhere");
    KEY_IS("FORTRA GOANYWHERE", "fortra goanywhere");
    KEY_IS("NationBenefits Holdings, LLC", "nationbenefits holdings");
    KEY_IS("Brightline, Inc.", "brightline");
    /* curly and straight apostrophes give one key */
    KEY_IS("Macy\xE2\x80\x99s, Inc.", "macys");
    KEY_IS("Macy's Inc", "macys");
    /* a NULL name has the empty key */
    char buf[8] = "xxxxxxx";
    CHECK_EQ_LL(breach_entity_key(NULL, 0, buf, sizeof buf), 0);
    CHECK_STR(buf, "");
    CHECK_EQ_LL(breach_entity_key(NULL, 5, buf, sizeof buf), 0);
    CHECK_STR(buf, "");
}

static void test_entity_key_buffer(void)
{
    const char *name = "NextGen Healthcare, Inc.";
    /* "nextgen healthcare" is 18 bytes */
    char buf[32];
    memset(buf, 'x', sizeof buf);
    CHECK_EQ_LL(breach_entity_key(name, strlen(name), buf, 8), 18);
    CHECK_STR(buf, "nextgen");
    CHECK_EQ_LL(buf[8], 'x'); /* nothing written past size */
    memset(buf, 'x', sizeof buf);
    CHECK_EQ_LL(breach_entity_key(name, strlen(name), buf, 18), 18);
    CHECK_STR(buf, "nextgen healthcar");
    CHECK_EQ_LL(buf[18], 'x');
    memset(buf, 'x', sizeof buf);
    CHECK_EQ_LL(breach_entity_key(name, strlen(name), buf, 19), 18);
    CHECK_STR(buf, "nextgen healthcare");
    memset(buf, 'x', sizeof buf);
    CHECK_EQ_LL(breach_entity_key(name, strlen(name), buf, 1), 18);
    CHECK_EQ_LL(buf[0], '\0');
    CHECK_EQ_LL(buf[1], 'x');
    memset(buf, 'x', sizeof buf);
    CHECK_EQ_LL(breach_entity_key(name, strlen(name), buf, 0), 18);
    CHECK_EQ_LL(buf[0], 'x');
    CHECK_EQ_LL(breach_entity_key(name, strlen(name), NULL, 0), 18);
    /* only len bytes are read: "Acme Inc" of "Acme Inc garbage" */
    memset(buf, 'x', sizeof buf);
    CHECK_EQ_LL(breach_entity_key("Acme Inc garbage", 8, buf, sizeof buf), 4);
    CHECK_STR(buf, "acme");
    /* a name not NUL-terminated at all */
    char raw[4] = {'A', 'c', 'm', 'e'};
    memset(buf, 'x', sizeof buf);
    CHECK_EQ_LL(breach_entity_key(raw, sizeof raw, buf, sizeof buf), 4);
    CHECK_STR(buf, "acme");
}

static void test_entity_key_long(void)
{
    /* 5000 bytes: 1000 times "Q&a. " -> "q and a" 1000 times, joined by single spaces:
       1000*7 + 999 = 7999 bytes */
    char *name = malloc(5001);
    char *want = malloc(8000);
    char *buf = malloc(8001);
    CU_ASSERT_FATAL(name && want && buf);
    for (int i = 0; i < 1000; i++)
        memcpy(name + 5 * i, "Q&a. ", 5);
    name[5000] = '\0';
    size_t w = 0;
    for (int i = 0; i < 1000; i++) {
        if (i)
            want[w++] = ' ';
        memcpy(want + w, "q and a", 7);
        w += 7;
    }
    want[w] = '\0';
    CHECK_EQ_LL(w, 7999);
    CHECK_EQ_LL(breach_entity_key(name, 5000, buf, 8001), 7999);
    CHECK_STR(buf, want);
    /* the length alone, and a short buffer */
    CHECK_EQ_LL(breach_entity_key(name, 5000, NULL, 0), 7999);
    CHECK_EQ_LL(breach_entity_key(name, 5000, buf, 8), 7999);
    CHECK_STR(buf, "q and a");

    /* 5000 '&' grow the most: "and" 5000 times with spaces = 5000*3 + 4999 = 19999 */
    char *amp = malloc(5000);
    char *kb = malloc(20001);
    CU_ASSERT_FATAL(amp && kb);
    memset(amp, '&', 5000);
    CHECK_EQ_LL(breach_entity_key(amp, 5000, kb, 20001), 19999);
    int good = 1;
    for (size_t i = 0; i < 19999; i++)
        if (kb[i] != (i % 4 == 3 ? ' ' : "and"[i % 4]))
            good = 0;
    CU_ASSERT(good);
    CHECK_EQ_LL(kb[19999], '\0');

    /* 4996 'A' then " Inc": the legal form goes, 4996 'a' stay */
    memset(name, 'A', 4996);
    memcpy(name + 4996, " Inc", 4);
    CHECK_EQ_LL(breach_entity_key(name, 5000, buf, 8001), 4996);
    good = strlen(buf) == 4996;
    for (size_t i = 0; good && i < 4996; i++)
        good = buf[i] == 'a';
    CU_ASSERT(good);
    free(name);
    free(want);
    free(buf);
    free(amp);
    free(kb);
}

/* ------------------------------------------------------------------ incident views */

static void test_incident_init(void)
{
    breach_incident inc;
    memset(&inc, 0xA5, sizeof inc);
    breach_incident_init(&inc);
    CU_ASSERT_PTR_NULL(inc.id);
    CU_ASSERT_PTR_NULL(inc.entity);
    CU_ASSERT_PTR_NULL(inc.entity_key);
    CU_ASSERT_PTR_NULL(inc.entity_type);
    CU_ASSERT_PTR_NULL(inc.actor);
    CU_ASSERT_PTR_NULL(inc.vendor);
    CU_ASSERT_PTR_NULL(inc.via);
    CU_ASSERT_PTR_NULL(inc.source);
    CU_ASSERT_PTR_NULL(inc.summary);
    CU_ASSERT_PTR_NULL(inc.regions);
    CHECK_EQ_LL(inc.n_regions, 0);
    CHECK_EQ_LL(inc.entity_region, BREACH_REGION_NONE);
    CHECK_EQ_LL(inc.types, 0);
    CHECK_EQ_LL(inc.categories, 0);
    CHECK_EQ_LL(inc.locations, 0);
    CU_ASSERT_FALSE(breach_date_is_known(inc.reported));
    CU_ASSERT_FALSE(breach_date_is_known(inc.occurred_start));
    CU_ASSERT_FALSE(breach_date_is_known(inc.occurred_end));
    CU_ASSERT_FALSE(breach_date_is_known(inc.discovered));
    CHECK_DATE(inc.reported, 0, BREACH_PREC_NONE);
    CHECK_EQ_LL(inc.affected.qualifier, BREACH_COUNT_UNKNOWN);
    CHECK_EQ_LL(inc.affected.value, 0);
    CHECK_EQ_LL(inc.unit, BREACH_UNIT_INDIVIDUALS);
    CHECK_EQ_LL(inc.business_associate, BREACH_TRI_UNKNOWN);
    CHECK_EQ_LL(inc.flags, 0);
    breach_incident_init(NULL); /* a no-op */
}

static void test_incident_event_date(void)
{
    breach_incident inc;
    breach_incident_init(&inc);
    CHECK_DATE(breach_incident_event_date(&inc), 0, BREACH_PREC_NONE);
    inc.reported = mkdate(19475, BREACH_PREC_DAY);          /* 2023-04-28 */
    CHECK_DATE(breach_incident_event_date(&inc), 19475, BREACH_PREC_DAY);
    inc.discovered = mkdate(19446, BREACH_PREC_DAY);        /* 2023-03-30 */
    CHECK_DATE(breach_incident_event_date(&inc), 19446, BREACH_PREC_DAY);
    inc.occurred_start = mkdate(19417, BREACH_PREC_MONTH);  /* 2023-03 */
    CHECK_DATE(breach_incident_event_date(&inc), 19417, BREACH_PREC_MONTH);
    /* occurred_end alone does not count */
    breach_incident_init(&inc);
    inc.occurred_end = mkdate(19461, BREACH_PREC_DAY);
    CHECK_DATE(breach_incident_event_date(&inc), 0, BREACH_PREC_NONE);
    CHECK_DATE(breach_incident_event_date(NULL), 0, BREACH_PREC_NONE);
}

static const test_entry tests[] = {
    {"date none", test_date_none},
    {"date from_ymd", test_date_from_ymd},
    {"date from_ymd refused", test_date_from_ymd_refused},
    {"date to_ymd", test_date_to_ymd},
    {"date every day of years 1..9999", test_date_every_day},
    {"date parse ISO", test_date_parse_iso},
    {"date parse US", test_date_parse_us},
    {"date parse times and spaces", test_date_parse_time_and_spaces},
    {"date parse reads len bytes", test_date_parse_length},
    {"date parse refused", test_date_parse_refused},
    {"date format", test_date_format},
    {"date format round trip", test_date_format_round_trip},
    {"date last day", test_date_last_day},
    {"date interval", test_date_interval},
    {"count constructors", test_count_constructors},
    {"count parse", test_count_parse},
    {"count parse refused", test_count_parse_refused},
    {"count format", test_count_format},
    {"total add", test_total_add},
    {"total add refused", test_total_add_refused},
    {"total merge", test_total_merge},
    {"region parse", test_region_parse},
    {"region parse refused", test_region_parse_refused},
    {"region from US state", test_region_from_us_state},
    {"region table against ISO", test_region_table_against_iso},
    {"region round trip of every number", test_region_round_trip_all},
    {"vocabulary categories", test_vocab_categories},
    {"vocabulary types", test_vocab_types},
    {"vocabulary locations", test_vocab_locations},
    {"vocabulary units", test_vocab_units},
    {"entity key rule 0 (symbols)", test_entity_rule0_symbols},
    {"entity key rule 1 (deleted)", test_entity_rule1_deleted},
    {"entity key rule 1 (sign markers)", test_entity_rule1_signs},
    {"entity key rule 2 (punctuation)", test_entity_rule2_punctuation},
    {"entity key rule 3 (case)", test_entity_rule3_case},
    {"entity key rule 4 (spaces)", test_entity_rule4_spaces},
    {"entity key rule 5 (the)", test_entity_rule5_the},
    {"entity key rule 6 (legal forms)", test_entity_rule6_legal_forms},
    {"entity key examples", test_entity_examples},
    {"entity key buffer", test_entity_key_buffer},
    {"entity key long names", test_entity_key_long},
    {"incident init", test_incident_init},
    {"incident event date", test_incident_event_date},
    {NULL, NULL},
};

int main(void) { return run_suite("model", tests); }
