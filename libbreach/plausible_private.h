/* Implausible dates (doc/formats.md, "Implausible dates"): the one rule the loaders of
 * publishers' files (io_hhs.c, io_wa.c, io_mapped.c, io_veris.c, io_hibp.c) share. A date
 * that cannot be right is warned about, quoting it, with its place, and left unknown, so
 * that it stays out of every time statistic (one year 2302 would stretch a timeline over
 * three centuries and a uniformity test over them). */
#ifndef BREACH_PLAUSIBLE_PRIVATE_H
#define BREACH_PLAUSIBLE_PRIVATE_H

#include "breach_private.h"

/* The first plausible day: 1900-01-01 (days since 1970-01-01). No breach notice in any
 * source predates it; a year before it is a typing error ("0203" for "2023"). */
#define BREACH_PLAUSIBLE_FIRST_DAY (-25567)

/* Why a date was left unknown. */
enum {
    BREACH_IMPLAUSIBLE_EARLY = 1,   /* before 1900-01-01 */
    BREACH_IMPLAUSIBLE_FUTURE,      /* after today (see breach_plausible_today) */
    BREACH_IMPLAUSIBLE_AFTER_REPORT /* an event date after the incident's own report date */
};

/* The dates of an incident, in the order of breach_plausible_check's names. */
enum { BREACH_PD_REPORTED, BREACH_PD_OCCURRED_START, BREACH_PD_OCCURRED_END,
       BREACH_PD_DISCOVERED, BREACH_PD_COUNT };

typedef struct breach_implausible {
    int field;        /* a BREACH_PD_* */
    int why;          /* a BREACH_IMPLAUSIBLE_* */
    breach_date was;  /* the date as read */
    breach_date ref;  /* the report date (AFTER_REPORT) or today (FUTURE) */
} breach_implausible;

/* Today, the reference for "in the future": the day of SOURCE_DATE_EPOCH (seconds since
 * 1970-01-01 UTC, the reproducible-builds convention) when that is set to digits, else of
 * the clock. So a load is reproducible with SOURCE_DATE_EPOCH set, and without it a date
 * is flagged only when it is in the future at the time of loading. */
int32_t breach_plausible_today(void);

/* Checks inc's dates, leaving those that cannot be right unknown: any date before
 * 1900-01-01 or after today (its first day after `today`); then an event date
 * (occurred_start, occurred_end, discovered) whose first day is after the last day of the
 * report date (a notice cannot tell of an event after it). Writes what it changed to
 * out[] (room for BREACH_PD_COUNT) and returns how many. */
size_t breach_plausible_check(breach_incident *inc, int32_t today, breach_implausible *out);

/* The loaders' calls below warn "<name> <date> is <why>: left unknown ...", with names[]
 * the source's names of the four dates (by BREACH_PD_*; NULL for a date the source does not
 * have). */

struct breach_loader;
struct breach_jload;
/* breach_plausible_check on the current row or record, each change warned about
 * (BREACH_WARN_OTHER) at the row's line (CSV) or at the date's field (JSON, whose path is
 * its name). Return 0 or BREACH_ENOMEM. */
int breach_loader_check_plausible(struct breach_loader *L, breach_incident *inc,
                                  const char *const *names);
int breach_jcheck_plausible(struct breach_jload *L, breach_incident *inc,
                            const char *const *names);

/* Implausible counts (doc/formats.md, "Implausible counts"): the HHS, WA and mapped-CSV
 * loaders' rule. More individuals than live on Earth cannot have been affected: 8.2 billion,
 * the world's population in 2025 (UN World Population Prospects 2024), rounded to the bound
 * below. One extra-digits typo (18,446,744,073,709,551,615) would otherwise be every total,
 * median and fit. Accounts and records are not bounded: one person has many. */
#define BREACH_MAX_INDIVIDUALS 8200000000ull

/* Whether *c (a count of individuals) is above BREACH_MAX_INDIVIDUALS; then *c becomes
 * unknown and the value read is in *was. 0 for an unknown count. */
int breach_count_implausible(breach_count *c, uint64_t *was);
/* The warning for it (BREACH_WARN_OTHER at line:column, the count's cell): "<name> <was> is
 * more than the world's population (8,200,000,000): not a count of individuals, left unknown
 * (kept out of size statistics)". 0 or BREACH_ENOMEM. */
int breach_loader_warn_implausible_count(struct breach_loader *L, const char *name,
                                         uint64_t was, long line, long column);
/* A known count below the source's floor (the HHS portal lists only breaches of 500
 * individuals or more; a mapping's affected.floor), kept as given: BREACH_WARN_OTHER, "<name>
 * <value> is below <floor>, the smallest breach this source lists: kept as given". Nothing
 * for floor 0 or an unknown count. 0 or BREACH_ENOMEM. */
int breach_loader_check_floor(struct breach_loader *L, const char *name, breach_count c,
                              uint64_t floor, long line, long column);

#endif
