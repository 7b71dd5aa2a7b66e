/* libbreach — the incident model: dates with precision, counts with qualifiers, regions,
 * data categories, breach types, entity keys, and the incident view.
 *
 * These are value types. Notices say "more than 3 million", "spring 2023", "Maine
 * residents: 3,913"; the model keeps exactly what was said (a lower bound, a month, a
 * regional count) so that the statistics can be honest about what is not known.
 *
 * The structs in this header (breach_date, breach_count, breach_total,
 * breach_region_count, breach_incident) are part of the ABI: their layout changes only
 * with the library's major version.
 */
#ifndef BREACH_INCIDENT_H
#define BREACH_INCIDENT_H

#include <stdbool.h>
#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------- dates */

typedef enum breach_precision {
    BREACH_PREC_NONE = 0, /* no date: the value is unknown */
    BREACH_PREC_YEAR = 1,
    BREACH_PREC_MONTH = 2,
    BREACH_PREC_DAY = 3
} breach_precision;

/* A calendar date (proleptic Gregorian) with the precision it was given at. `day` is the
 * number of days since 1970-01-01 of the *first* day of the period: "2023" is stored as
 * 2023-01-01 with year precision, "2023-04" as 2023-04-01 with month precision. A date
 * whose precision is BREACH_PREC_NONE is unknown and its `day` is 0. Years 1..9999. */
typedef struct breach_date {
    int32_t day;
    int32_t precision; /* a breach_precision */
} breach_date;

/* The unknown date. */
BREACH_API breach_date breach_date_none(void);

/* Whether the date is known (precision is not NONE). */
BREACH_API bool breach_date_is_known(breach_date d);

/* Builds a date from its parts. With year precision, month and day are ignored; with
 * month precision, day is ignored. Returns BREACH_OK, BREACH_EDATE for an impossible
 * date (month 13, 2023-02-29, year 0), or BREACH_EINVAL for a precision outside the enum
 * or a NULL out. */
BREACH_API int breach_date_from_ymd(int year, int month, int day, breach_precision prec,
                                    breach_date *out, breach_error *err);

/* The parts of a date; month and day are 1 for the parts below its precision. */
BREACH_API void breach_date_to_ymd(breach_date d, int *year, int *month, int *day);

/* Parses `len` bytes of `text` (no NUL needed). Accepted forms:
 *   YYYY, YYYY-MM, YYYY-MM-DD (ISO 8601), and MM/DD/YYYY (the US form of the HHS export,
 *   one- or two-digit month and day); the two day forms may be followed by a time that
 *   carries no date information: " 12:00:00 AM", "T00:00:00", "T05:03:18Z", " 00:00:00"
 *   (a zone offset other than Z is refused: it could move the date).
 * Leading and trailing spaces are ignored. An empty string gives the unknown date.
 * Anything else, and any impossible date (2023-02-30, 13/01/2023, 00/00/0000), is
 * BREACH_EDATE: dates are never guessed. */
BREACH_API int breach_date_parse(const char *text, size_t len, breach_date *out,
                                 breach_error *err);

/* Writes the ISO 8601 form at the date's precision ("2023", "2023-04", "2023-04-28"; "" for
 * the unknown date) into buf, NUL-terminated. Returns the length that the full text needs
 * (as snprintf does), so a buffer of 11 bytes always suffices. */
BREACH_API int breach_date_format(breach_date d, char *buf, size_t size);

/* The last day (day number) that the date's period covers: the date itself at day
 * precision, the month's last day at month precision, Dec 31 at year precision. */
BREACH_API int32_t breach_date_last_day(breach_date d);

/* Days from a to b, both known, as the difference of the first days of their periods
 * (so "2023-01-17" to "2023-03" is 43). When either date is coarser than a day the true
 * interval lies in [*min, *max], computed from the periods' first and last days; pass
 * NULL for bounds that are not wanted. Returns BREACH_OK, or BREACH_EINVAL when a date
 * is unknown. */
BREACH_API int breach_date_interval(breach_date a, breach_date b, int32_t *days,
                                    int32_t *min, int32_t *max);

/* ---------------------------------------------------------------- counts */

typedef enum breach_qualifier {
    BREACH_COUNT_UNKNOWN = 0, /* no figure: value is 0 and means nothing */
    BREACH_COUNT_EXACT = 1,
    BREACH_COUNT_AT_LEAST = 2, /* "more than 3 million": value is a lower bound */
    BREACH_COUNT_AT_MOST = 3,  /* "up to 10,000": value is an upper bound */
    BREACH_COUNT_ESTIMATED = 4 /* "about 1.05 million": a point estimate, not a bound */
} breach_qualifier;

/* A number of people (or accounts or records, see breach_unit) with its qualifier. */
typedef struct breach_count {
    uint64_t value;
    int32_t qualifier; /* a breach_qualifier */
} breach_count;

BREACH_API breach_count breach_count_unknown(void);
BREACH_API breach_count breach_count_exact(uint64_t value);

/* Parses the canonical syntax: "1049375" (exact), ">=3000000" (at least), "<=10000" (at
 * most), "~1050000" (estimated), "" (unknown). Digits only: no sign, no thousands
 * separator, no spaces inside. Values above 2^64-1 are BREACH_EOVERFLOW; negative numbers
 * and anything else are BREACH_ECOUNT. */
BREACH_API int breach_count_parse(const char *text, size_t len, breach_count *out,
                                  breach_error *err);

/* Writes the canonical syntax into buf; returns the length needed (at most 21 + 2). */
BREACH_API int breach_count_format(breach_count c, char *buf, size_t size);

/* A sum of counts that keeps what is known: `lower` and `upper` bound the true total
 * (`upper_unbounded` when some count had no upper bound: at least, or unknown), and
 * `point` adds the figures as given (exact, at-least, at-most and estimated values alike)
 * for those who want one number and read the bounds beside it. Estimated values enter
 * both bounds as given, and are counted in n_estimated so that a reader can see it. */
typedef struct breach_total {
    uint64_t lower;
    uint64_t upper;
    uint64_t point;
    bool upper_unbounded;
    uint64_t n;           /* counts added */
    uint64_t n_exact;
    uint64_t n_at_least;
    uint64_t n_at_most;
    uint64_t n_estimated;
    uint64_t n_unknown;
} breach_total;

/* An empty total (all zero). */
BREACH_API breach_total breach_total_zero(void);

/* Adds one count. Returns BREACH_OK, or BREACH_EOVERFLOW if a sum would pass 2^64-1, in
 * which case *t is unchanged. */
BREACH_API int breach_total_add(breach_total *t, breach_count c);

/* Adds another total (for merging partial results). Same overflow rule. */
BREACH_API int breach_total_merge(breach_total *t, const breach_total *other);

/* ---------------------------------------------------------------- regions */

/* A region: a country (ISO 3166-1 alpha-2, "US") or a subdivision (ISO 3166-2, "US-ME",
 * "CA-ON", "GB-ENG"), held as a small number. 0 is "no region". The codes and names are
 * Debian's iso-codes data, read once on first use (about 2 ms; libbreach/region.c), plus
 * Kosovo (XK), which VERIS codes. Numbers are this library's and may change between
 * versions or iso-codes releases; files always hold the codes. The folder is
 * /usr/share/iso-codes/json unless the environment variable BREACH_ISO_CODES_DIR names
 * another (read when the data is). When the data cannot be read, every parse fails with
 * BREACH_EREGION naming the file (BREACH_ENOMEM when memory ran out), and so does every
 * load before its first row. */
typedef uint16_t breach_region;
#define BREACH_REGION_NONE ((breach_region)0)

/* Parses an ISO code: "US", "US-ME", "FR", "CA-ON" (case-insensitive). A bare two-letter
 * code is a country ("ME" is Montenegro, not Maine): for US state abbreviations use
 * breach_region_from_us_state(). Unknown codes are BREACH_EREGION (a code of a known
 * country that is not one of its subdivisions says so). */
BREACH_API int breach_region_parse(const char *text, size_t len, breach_region *out,
                                   breach_error *err);

/* Parses a US state, district or territory given as a USPS code ("ME", "DC", "PR"), a
 * name ("Maine", "district of columbia", case and spacing folded) or an ISO code
 * ("US-ME"). Unknown values are BREACH_EREGION. */
BREACH_API int breach_region_from_us_state(const char *text, size_t len, breach_region *out,
                                           breach_error *err);

/* The ISO code ("US-ME") and name ("Maine") of a region: strings valid for the life of
 * the process, "" for BREACH_REGION_NONE or an out-of-range number. Countries have
 * iso-codes' common name where it gives one ("Bolivia"), else its name; subdivisions
 * iso-codes' name (in the country's language where ISO gives that: "Île-de-France"). */
BREACH_API const char *breach_region_code(breach_region r);
BREACH_API const char *breach_region_name(breach_region r);

/* The country a region belongs to ("US" for "US-ME"; a country is its own country). */
BREACH_API breach_region breach_region_country(breach_region r);

/* How many region numbers exist: valid regions are 1 .. breach_region_max(). */
BREACH_API breach_region breach_region_max(void);

/* One entry of an incident's per-region breakdown ("Maine residents: 3,913"). An unknown
 * count says that the notice concerns residents of the region without saying how many (a
 * state attorney general's list, each of whose notices is about its residents, with the
 * figure left empty): it adds to the region's notices and opens its total's upper bound,
 * and gives no share. */
typedef struct breach_region_count {
    breach_region region;
    breach_count count;
} breach_region_count;

/* ---------------------------------------------------------------- vocabularies */

/* Data categories, as bits of a 64-bit set. The names are the canonical CSV's; mappings
 * from VERIS, HHS and HIBP are documented in doc/vocabularies.md. */
typedef enum breach_category {
    BREACH_CAT_NAME = 0,
    BREACH_CAT_DOB = 1,
    BREACH_CAT_ADDRESS = 2,
    BREACH_CAT_PHONE = 3,
    BREACH_CAT_EMAIL = 4,
    BREACH_CAT_SSN = 5,
    BREACH_CAT_PASSPORT = 6,
    BREACH_CAT_DRIVERS_LICENSE = 7,
    BREACH_CAT_GOV_ID = 8,          /* other government identifiers */
    BREACH_CAT_MEDICAL = 9,
    BREACH_CAT_HEALTH_INSURANCE = 10,
    BREACH_CAT_FINANCIAL_ACCOUNT = 11,
    BREACH_CAT_PAYMENT_CARD = 12,
    BREACH_CAT_CREDENTIALS = 13,    /* passwords, security questions, keys */
    BREACH_CAT_EMPLOYEE = 14,       /* HR and payroll records */
    BREACH_CAT_BIOMETRIC = 15,
    BREACH_CAT_DEMOGRAPHIC = 16,    /* gender, ethnicity, ... */
    BREACH_CAT_ONLINE_ID = 17,      /* usernames, IP addresses, device ids */
    BREACH_CAT_TAX = 18,
    BREACH_CAT_OTHER = 19,
    BREACH_CAT_COUNT_ = 20
} breach_category;

typedef uint64_t breach_category_set;
#define BREACH_CAT_BIT(c) ((breach_category_set)1 << (c))

/* Name of a category ("ssn"), or NULL for a number outside the vocabulary. */
BREACH_API const char *breach_category_name(breach_category c);
/* Parses one name; BREACH_ECATEGORY when unknown. */
BREACH_API int breach_category_parse(const char *text, size_t len, breach_category *out,
                                     breach_error *err);

/* Breach types, as bits of a set: sources combine them ("Theft, Unauthorized
 * Access/Disclosure"). */
typedef enum breach_type {
    BREACH_TYPE_HACKING = 0,
    BREACH_TYPE_RANSOMWARE = 1,
    BREACH_TYPE_UNAUTHORIZED_ACCESS = 2,
    BREACH_TYPE_THEFT = 3,
    BREACH_TYPE_LOSS = 4,
    BREACH_TYPE_IMPROPER_DISPOSAL = 5,
    BREACH_TYPE_OTHER = 6,
    BREACH_TYPE_UNKNOWN = 7,
    BREACH_TYPE_COUNT_ = 8
} breach_type;
typedef uint32_t breach_type_set;
#define BREACH_TYPE_BIT(t) ((breach_type_set)1 << (t))

BREACH_API const char *breach_type_name(breach_type t);
BREACH_API int breach_type_parse(const char *text, size_t len, breach_type *out,
                                 breach_error *err);

/* Where the breached information was held (HHS "Location of Breached Information"). */
typedef enum breach_location {
    BREACH_LOC_NETWORK_SERVER = 0,
    BREACH_LOC_EMAIL = 1,
    BREACH_LOC_PAPER = 2,
    BREACH_LOC_LAPTOP = 3,
    BREACH_LOC_DESKTOP = 4,
    BREACH_LOC_EMR = 5, /* electronic medical record */
    BREACH_LOC_PORTABLE_DEVICE = 6,
    BREACH_LOC_OTHER = 7,
    BREACH_LOC_COUNT_ = 8
} breach_location;
typedef uint32_t breach_location_set;
#define BREACH_LOC_BIT(l) ((breach_location_set)1 << (l))

BREACH_API const char *breach_location_name(breach_location l);
BREACH_API int breach_location_parse(const char *text, size_t len, breach_location *out,
                                     breach_error *err);

/* What an affected count counts. HIBP's PwnCount counts e-mail addresses, not people. */
typedef enum breach_unit {
    BREACH_UNIT_INDIVIDUALS = 0,
    BREACH_UNIT_ACCOUNTS = 1,
    BREACH_UNIT_RECORDS = 2,
    BREACH_UNIT_COUNT_ = 3
} breach_unit;
BREACH_API const char *breach_unit_name(breach_unit u);
/* Unknown unit names are BREACH_EINVAL. */
BREACH_API int breach_unit_parse(const char *text, size_t len, breach_unit *out,
                                 breach_error *err);

/* ---------------------------------------------------------------- entity keys */

/* Writes the normalised key of an organisation name into buf (NUL-terminated) and returns
 * its length (the length needed if it did not fit, as snprintf). The rules, in order:
 *  0. a name with a byte outside ASCII is normalised by utf8proc: NFKC, full Unicode case
 *     folding, and combining marks stripped, so matching is accent-insensitive
 *     ("ESTÉE LAUDER", "Estée Lauder" and "Estee Lauder" are "estee lauder"; "Straße" is
 *     "strasse"; fullwidth letters are ASCII); before NFKC, a symbol (Unicode category
 *     So: ® © ™ ℠ ℗, emoji, U+FFFD) becomes a space, as punctuation does (rule 2), so that
 *     "Acme™ Inc" is "acme", not "acmetm"; symbols that NFKC spells as letters, digits or
 *     ideographs (decomposition types <compat>, <circle> and <square>: № is "no", Ⓐ and
 *     ⒜ are "a") are kept as NFKC spells them; bytes that are not valid UTF-8 skip this
 *     rule and are kept as they are;
 *  1. apostrophes, periods and parentheses are deleted ("L.L.C." -> "LLC",
 *     "Corporation(s)" -> "Corporations", "O'Neil" -> "ONeil"); so are the typographic
 *     apostrophes and single quotes (U+2018-U+201B), the prime (U+2032), the grave
 *     accent, the acute accent (U+00B4) and the modifier letter apostrophe (U+02BC),
 *     which stand for it ("St. Mary’s", "St. Mary′s", "St. Mary`s" and "Macy´s" are
 *     "st marys" and "macys"); but first the ASCII spellings of the signs, "(TM)", "(SM)", "(R)" and
 *     "(C)" in any case, become a space as the signs do (rule 0): "Acme(TM)", "Acme (tm)"
 *     and "Acme™" are "acme"; only the whole parenthesised marker ("TM Healthcare" and
 *     "Acme (TMX)" keep their letters);
 *  2. '&' becomes " and "; every other ASCII punctuation, dash, typographic double quote
 *     (U+201C-U+201F, as '"') or no-break space becomes a space;
 *  3. ASCII letters are lower-cased (others were folded by rule 0);
 *  4. runs of spaces become one space, and leading/trailing spaces go;
 *  5. a leading "the " goes;
 *  6. trailing legal-form words go, repeatedly: inc, incorporated, llc, llp, lp, pllc,
 *     ltd, limited, corp, corporation, corporations, co, company, plc, pc, pa, gmbh, ag,
 *     sa, nv, bv — but never the last remaining word.
 * So "NextGen Healthcare, Inc. " and "NEXTGEN HEALTHCARE INC" are "nextgen healthcare",
 * and "NextGenUpdate" stays "nextgenupdate". The rules only fold spelling; they never
 * decide that two different names are one organisation. A name of punctuation only has
 * the empty key, which datasets treat as no name. Returns (size_t)-1 when a name longer
 * than about 200 bytes, or one outside ASCII, needs memory that cannot be allocated. */
BREACH_API size_t breach_entity_key(const char *name, size_t len, char *buf, size_t size);

/* ---------------------------------------------------------------- incidents */

/* Flags of an incident. */
#define BREACH_FLAG_SEPARATE 1u /* a separate incident, not a revision of earlier notices of
                                   the same organisation for the same vendor/campaign */
#define BREACH_FLAG_IDENTICAL 2u /* the row repeats an earlier row of its input word for word
                                   (the loader warned: BREACH_WARN_DUPLICATE). Kept and counted,
                                   since nothing proves two identical rows one notice (a
                                   business associate's clients may file alike); the overview
                                   says how many and what they add (n_identical). Set by
                                   every loader: HHS, mapped CSV, VERIS/JSON records (the row's
                                   text), and the canonical CSV, which compares values as read
                                   ("HACKING" and "hacking" are one type, 2023-01-05 written
                                   two ways one date) */
#define BREACH_FLAG_PLACEHOLDER 4u /* the count is one that its source also writes as a
                                   placeholder (the HHS portal's 500 and 501 for "500 or
                                   more", a mapping's affected.placeholder): kept as given,
                                   the loader warned (BREACH_WARN_PLACEHOLDER), and the size
                                   statistics say how many they hold (n_placeholders) */

/* Tri-state for yes/no fields that sources may leave empty. */
#define BREACH_TRI_UNKNOWN (-1)
#define BREACH_TRI_NO 0
#define BREACH_TRI_YES 1

/* One notice of a breach, as a view. To add an incident, fill one (start from
 * breach_incident_init()) and pass it to breach_dataset_add(), which copies everything.
 * A view filled by breach_dataset_get() borrows its strings and its region array from the
 * dataset: they stay valid until the dataset is freed. NULL strings mean "not stated".
 */
typedef struct breach_incident {
    const char *id;          /* the source's identifier of this notice */
    const char *entity;      /* organisation name as reported */
    const char *entity_key;  /* breach_entity_key(entity); filled by get, ignored by add */
    breach_region entity_region; /* where the organisation is (HHS "State") */
    const char *entity_type; /* e.g. "Healthcare Provider", "Business Associate" */
    breach_type_set types;
    breach_category_set categories;
    breach_location_set locations;
    const char *actor;       /* e.g. "ALPHV/BlackCat", "Cl0p" */
    const char *vendor;      /* supply-chain vendor or campaign, e.g. "Fortra GoAnywhere" */
    const char *via;         /* the organisation between this one and the vendor (a
                                business associate that was itself hit), if any */
    breach_date reported;    /* the notice date (submission to the regulator) */
    breach_date occurred_start;
    breach_date occurred_end;
    breach_date discovered;
    breach_count affected;
    int32_t unit;            /* a breach_unit */
    const breach_region_count *regions; /* per-region counts, n_regions of them */
    size_t n_regions;
    int32_t business_associate; /* BREACH_TRI_*: a business associate was involved */
    uint32_t flags;          /* BREACH_FLAG_* */
    const char *source;      /* where the figures come from (file and row, URL, filing) */
    const char *summary;     /* free text (HHS web description, VERIS summary) */
} breach_incident;

/* An empty incident: no strings, unknown dates and count, tri-states unknown. */
BREACH_API void breach_incident_init(breach_incident *inc);

/* The date that repeat-victim and time statistics use when told to pick "the event date":
 * occurred_start if known, else discovered, else reported (else unknown). */
BREACH_API breach_date breach_incident_event_date(const breach_incident *inc);

#ifdef __cplusplus
}
#endif

#endif
