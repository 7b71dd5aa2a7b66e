/* libbreach — statistics over a dataset.
 *
 * Each statistic is a pure function of (dataset, filter, options) that returns an owned
 * result object with a matching _free (NULL is a no-op), or NULL with err filled. A NULL
 * filter means breach_filter_init()'s: everything, superseded revisions left out.
 * Result structs are allocated by the library: read their fields, never allocate one
 * yourself (fields may be appended in later versions).
 *
 * Threads: a statistic only reads its dataset, so any number may run at once on one
 * dataset, in any threads, as long as nothing changes the dataset meanwhile (the contract
 * is in dataset.h). Results belong to the caller and are independent of each other.
 *
 * Sums of counts are breach_total values: a lower and an upper bound plus the figures as
 * given, so that "more than 3 million" and unknown counts are never passed off as exact.
 *
 * Units. A count counts individuals, accounts or records (breach_unit, set by each source's
 * loader), and no statistic adds across units. A result that sums counts says `unit`, the
 * unit its totals are in: the filter's when `units` names exactly one, else the unit most
 * of the notices it sums carry (ties to the lower number, individuals first; none:
 * individuals). It says `units`, the bits (1 << unit) of the units seen among the selected
 * notices, and `n_other_units`, the notices of other units it left out of its totals (they
 * are still counted as notices). Where rows carry totals, `by_unit[u]` gives each unit's own
 * total beside the one in `unit`, so that a front end can show the split. A unit with no
 * notice (by_unit[u].n == 0) is "not counted by these sources", and one whose notices all
 * lack a figure (n == n_unknown) "not stated": neither is a total of 0.
 */
#ifndef BREACH_STATS_H
#define BREACH_STATS_H

#include "dataset.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------- region share */

/* One region's part of one incident. */
typedef struct breach_share {
    breach_region region;
    breach_count part;   /* the incident's count for the region */
    breach_count whole;  /* the incident's affected count */
    double share;        /* part.value / whole.value; NaN when either is unknown or whole is 0 */
    double share_min;    /* bounds of the true share given both qualifiers; for exact */
    double share_max;    /* figures both equal share. NaN when unknown. */
} breach_share;

/* The share of incident `index`'s affected count that lives in `region` (NextGen Healthcare,
 * US-ME: 3,913 / 1,049,375 = 0.3729 %). An incident without an entry for the region is
 * BREACH_ENOTFOUND (not a share of 0: the notice did not say). Estimated figures are used
 * as given for both bounds. Returns BREACH_OK or a negative status. */
BREACH_API int breach_incident_region_share(const breach_dataset *ds, size_t index,
                                            breach_region region, breach_share *out,
                                            breach_error *err);

/* One region across a dataset. */
typedef struct breach_region_row {
    breach_region region;
    breach_total total;     /* sum of the region's counts (its residents) over incidents of
                               the result's unit: by_unit[unit] */
    uint64_t n_incidents;   /* incidents with an entry for the region, every unit */
    double share;           /* total.point / all_regions.point: the region's share of all
                               residents reported in breakdowns (NaN when that is 0, or when
                               none of the region's entries gives a figure: unknown, not 0) */
    breach_total by_unit[BREACH_UNIT_COUNT_]; /* the region's residents counted in each unit
                                                 (n = 0: no notice of that unit names it) */
} breach_region_row;

typedef struct breach_region_shares {
    uint64_t n_incidents;          /* incidents selected by the filter */
    uint64_t n_with_breakdown;     /* of those, incidents with at least one region entry */
    breach_total all_regions;      /* sum of every regional count */
    breach_total affected_with_breakdown; /* sum of affected counts of incidents with a
                                             breakdown (those without a count are its
                                             n_unknown: the share of people placed is
                                             placed_share below, not all_regions / this) */
    size_t n_rows;
    breach_region_row *rows;       /* by total.point descending, then region code */
    /* units (see the top of this header): all_regions, affected_with_breakdown and the
       rows' total and share are over the notices of `unit` with a breakdown */
    int32_t unit;                  /* a breach_unit: the filter's single unit, else the one
                                      most notices with a breakdown carry */
    uint32_t units;                /* bits of the units seen among the selected notices */
    uint64_t n_other_units;        /* notices with a breakdown in another unit: counted in
                                      n_with_breakdown and rows' n_incidents, not in totals */
    breach_total all_regions_by_unit[BREACH_UNIT_COUNT_]; /* every regional count, per unit */
    /* The share of people a breakdown places, over the notices of `unit` that give both a
       breakdown and a total (a notice without a total, like WA's, places people of a whole
       nobody stated: all_regions / affected_with_breakdown would then divide the residents
       of many notices by the totals of a few) */
    uint64_t n_placed;             /* those notices */
    breach_total placed_regions;   /* their regional counts */
    breach_total placed_affected;  /* their totals */
    double placed_share;           /* placed_regions.point / placed_affected.point; NaN when
                                      there is no such notice or their totals are 0. A lower
                                      bound only when placed_regions.upper_unbounded (a
                                      regional count unknown or "at least") while
                                      placed_affected is not */
    /* The period the totals cover: the dates (field date_field, the filter's, else
       BREACH_FIELD_EVENT) of the notices of `unit` with a breakdown, from the first day of
       the earliest to the latest (as given, with its precision; of dates that share that
       day, "2021" and 2021-12-31, the finer, so that neither the notices' order nor the
       threads change it); unknown when none has the date. n_undated of them have none. A
       total over several years is over all of them, not per year. */
    int32_t date_field;
    breach_date first, last;
    uint64_t n_undated;
    /* The notices of `unit` with a breakdown in which some region's count is unknown (WA's
       blank cell, "US-WA:"): all_regions.n_unknown counts such entries, one a region */
    uint64_t n_breakdown_unknown;
    /* The days the totals observe (day precision): the span of the lists those notices
       come from on date_field (every notice of theirs, selected or not, as
       breach_timeseries' span), cut to the filter's date range; unknown when no day is
       covered. A selection of 2023 observes 2023's days the lists cover, not its first
       to its last notice. */
    breach_date covered_first, covered_last;
    /* What those lists observe of the covered days by an event date (date_field other
       than BREACH_FIELD_REPORTED): a list holds a breach only once it is reported. The
       rule of breach_timeseries' truncated periods, over the same lists as covered_first:
       reported_first .. reported_last, n_delays, lag_days and lag_median as
       breach_timeseries gives them. truncated_start: covered_first is before
       reported_first, so the totals hold only the breaches of those days reported after
       it; truncated_end: covered_last is less than lag_days before reported_last, or the
       lag is unknown (lag_days -1), so breaches of those days were still to be reported.
       Either makes the totals lower bounds of what happened in the covered days. By
       reported date, or with no day covered: both false, lag_days and lag_median -1,
       reported_first and _last unknown. */
    breach_date reported_first, reported_last;
    uint64_t n_delays;
    int32_t lag_days, lag_median;
    bool truncated_start, truncated_end;
} breach_region_shares;

/* Per-region totals over the selected incidents. A regional count is the number of that
 * region's residents in the notice, in the notice's unit; counts are added as they are,
 * with their qualifiers (see breach_total), and only within one unit: totals and shares
 * are in `unit`, the other units' in by_unit and all_regions_by_unit. Rows exist only for
 * regions that appear in some breakdown (of any unit). n = 0 gives a result with no rows,
 * zero totals and unit individuals. From 2^16
 * selected incidents, on two processors or more, the sums are split with one more thread,
 * joined before returning (BREACH_THREADS=1: none); the result is the same either way. */
BREACH_API BREACH_WARN_UNUSED breach_region_shares *
breach_region_shares_compute(const breach_dataset *ds, const breach_filter *f,
                             breach_error *err);
BREACH_API void breach_region_shares_free(breach_region_shares *r);

/* ---------------------------------------------------------------- supply chain */

/* How a notice entered a supply-chain total. */
typedef enum breach_member_role {
    BREACH_MEMBER_COUNTED = 0,      /* counted in both bounds */
    BREACH_MEMBER_POSSIBLE_DOUBLE = 1, /* its `via` organisation is itself a member: the same
                                          people may be in both notices, so this one is in
                                          the upper bound only */
    BREACH_MEMBER_OTHER_UNIT = 2    /* its count is in another unit than the result's: in
                                       by_unit[its unit], not in `individuals` or the curve */
} breach_member_role;

/* One organisation hit through the vendor (its latest revision, or one separate notice). */
typedef struct breach_supply_member {
    size_t index;            /* the incident counted (dataset index) */
    const char *entity;      /* borrowed from the dataset */
    breach_count affected;
    breach_date reported;
    int32_t role;            /* a breach_member_role */
    uint32_t n_revisions;    /* notices of this organisation and vendor that the counted
                                one replaced */
    int32_t unit;            /* a breach_unit: what `affected` counts */
} breach_supply_member;

/* The running totals just after all notices of one reported date. */
typedef struct breach_supply_point {
    breach_date date;        /* a day (the notices' reported date) */
    uint64_t organisations;  /* distinct organisations known by then */
    uint64_t lower;          /* bounds of the count known by then, in the result's unit (with */
    uint64_t upper;          /* revisions up to that date replacing earlier figures) */
    bool upper_unbounded;
    uint64_t point;
} breach_supply_point;

typedef struct breach_supply_chain {
    const char *vendor;           /* the vendor asked for (owned by this result) */
    uint64_t n_notices;           /* notices for the vendor selected by the filter,
                                     revisions included */
    uint64_t n_superseded;        /* of those, replaced by a later revision */
    uint64_t n_organisations;     /* distinct entity keys (a notice without a usable name
                                     counts as an organisation of its own) */
    uint64_t n_possible_double;   /* members counted in the upper bound only */
    breach_total individuals;     /* over members of the result's `unit` (despite the name,
                                     accounts or records when unit says so): possible
                                     doubles are in upper (and n) only, not in lower or
                                     point; equal to by_unit[unit] */
    uint64_t n_undated;           /* members without a reported date (in the totals, not in
                                     the curve) */
    size_t n_members;
    breach_supply_member *members; /* by reported date, then dataset order */
    size_t n_points;
    breach_supply_point *curve;   /* one point per distinct reported date, ascending; undated
                                     members are not in it, so its last point can be bounded
                                     while `individuals` is not (see n_undated) */
    /* units (see the top of this header) */
    int32_t unit;                 /* a breach_unit: the filter's single unit, else the one
                                     most members carry */
    uint32_t units;               /* bits of the units seen among the vendor's notices */
    uint64_t n_other_units;       /* members of another unit (role BREACH_MEMBER_OTHER_UNIT):
                                     not in `individuals` nor in the curve's counts (the
                                     curve's organisations include them) */
    breach_total by_unit[BREACH_UNIT_COUNT_]; /* the members' total in each unit, by the same
                                                 rules as `individuals` */
} breach_supply_chain;

/* Totals for one vendor or campaign (compared by entity key: "Fortra GoAnywhere" and
 * "FORTRA GOANYWHERE" are one). Revisions follow breach_dataset_superseded(); the filter's
 * include_superseded is ignored here, since counting a revision twice is never a total.
 * A vendor with no notices gives a result with zero members (not an error). The total and
 * the curve are in one unit (`unit`): members whose counts are in another are listed with
 * role BREACH_MEMBER_OTHER_UNIT and totalled apart in by_unit, never added in. */
BREACH_API BREACH_WARN_UNUSED breach_supply_chain *
breach_supply_chain_compute(const breach_dataset *ds, const char *vendor,
                            const breach_filter *f, breach_error *err);
BREACH_API void breach_supply_chain_free(breach_supply_chain *r);

/* ---------------------------------------------------------------- repeat victims */

typedef struct breach_repeat_options {
    int32_t date_field;      /* a breach_date_field; default BREACH_FIELD_EVENT */
    int32_t merge_within_days; /* consecutive incidents of one organisation at most this
                                  many days apart are one episode; default 0 (same day) */
    int32_t associate_window_days; /* business-associate filings (see below): 0 (default)
                                  BREACH_ASSOCIATE_WINDOW_DEFAULT days, a positive number that
                                  many, BREACH_ASSOCIATE_WINDOW_OFF (any negative) none */
    int32_t cross_source_window_days; /* one incident's notices to two sources (see below):
                                  0 (default) BREACH_CROSS_SOURCE_WINDOW_DEFAULT days, a
                                  positive number that many, BREACH_CROSS_SOURCE_WINDOW_OFF (any
                                  negative) none (in what was reserved32_: the size is kept) */
    uint64_t reserved_[3];   /* must be zero */
} breach_repeat_options;

/* The business-associate window. A business associate's incident is filed once per
 * covered-entity client, on several days (HHS: Brightline, Inc. filed 11 notices from
 * 2023-04-07 to 2023-05-26 for one incident). So a notice whose entity_type is "Business
 * Associate" (as HHS writes it, or all in lower or upper case) joins its organisation's
 * current episode when that episode's first notice is such a filing too and it comes at
 * most this many days after that first notice. The default, 60 days, is the time the
 * HIPAA Breach Notification Rule gives a covered entity to notify (45 CFR 164.404(b),
 * 164.408(b)), so every client's filing of one incident falls inside it; on HHS 2024-07 it
 * takes the repeat intervals from 886 to 849 and those of 30 days or less from 96 to 65
 * (doc/statistics.md, "Episodes"). The flag business_associate (a business associate was
 * involved in a covered entity's own notice) is not the rule: each covered entity files
 * its own notice once. */
#define BREACH_ASSOCIATE_WINDOW_DEFAULT 60
#define BREACH_ASSOCIATE_WINDOW_OFF (-1)

/* The cross-source window. One incident is often notified to two regulators: HHS and a
 * state attorney general (the WA list), each its own input format. Two notices of one
 * organisation from inputs of different formats are one episode when their reported dates
 * are at most this many days apart: in order of reported dates, each notice joins the
 * latest one before it from another format within the window, unless both episodes
 * already hold notices of one format (a WA notice between two HHS filings that the other
 * rules keep apart joins the first, not both: one notice stands for one incident). A
 * format is the loader's, and for a mapped CSV its mapping: two states' lists read through
 * two mappings are two sources; two curated canonical files are one. The default, 120 days, is
 * breach_links_compute's window, which pairs the same notices as one incident (a WA
 * notice's event date is the breach's start, an HHS notice's its filing: their reported
 * dates are what both give alike). Inputs of one format never join this way (two
 * snapshots of one list are matched by identity instead: breach_dataset_duplicate_of). On
 * HHS 2024-07 and WA 2024-05 together, it takes the organisations hit more than once from
 * 670 to 560 and the intervals from 1,056 to 905 (doc/statistics.md, "Episodes"). */
#define BREACH_CROSS_SOURCE_WINDOW_DEFAULT 120
#define BREACH_CROSS_SOURCE_WINDOW_OFF (-1)

BREACH_API void breach_repeat_options_init(breach_repeat_options *o);

/* One gap between consecutive episodes of one organisation. */
typedef struct breach_repeat_interval {
    const char *entity_key;  /* borrowed from the dataset */
    size_t first;            /* dataset index of the earlier episode's first incident */
    size_t second;           /* ... and of the later one */
    int32_t days;            /* between their dates (breach_date_interval) */
    int32_t days_min;        /* bounds when a date is coarser than a day */
    int32_t days_max;
} breach_repeat_interval;

typedef struct breach_repeat_summary {
    uint64_t n;              /* intervals */
    double min, q1, median, q3, max, mean; /* days; NaN when n = 0 (mean also), quartiles
                                               interpolated (GSL, R's type 7) */
} breach_repeat_summary;

typedef struct breach_repeats {
    uint64_t n_incidents;    /* selected incidents */
    uint64_t n_undated;      /* of those, named but without the chosen date (left out) */
    uint64_t n_unnamed;      /* of those, without an entity name, dated or not (left out) */
    uint64_t n_entities;     /* distinct entity keys among dated incidents */
    uint64_t n_repeat_entities; /* entities with two or more episodes */
    double repeat_share;     /* n_repeat_entities / n_entities; NaN when n_entities = 0 */
    size_t n_intervals;
    breach_repeat_interval *intervals; /* by entity key, then date */
    breach_repeat_summary summary;
    uint32_t n_sources;      /* sources among the dataset's inputs as the cross-source rule
                                tells them apart (a format; for a mapped CSV its mapping):
                                the rule has notices to join only from 2 */
} breach_repeats;

/* Repeat-victim intervals. Incidents are grouped by entity key and ordered by the chosen
 * date (ties by dataset order); consecutive incidents no more than merge_within_days apart
 * form one episode, and so do notices of one organisation for the same vendor (one
 * campaign hits an organisation once, even when another incident comes between its
 * notices), business-associate filings inside the associate window (see
 * BREACH_ASSOCIATE_WINDOW_DEFAULT), and one incident's notices to two sources (see
 * BREACH_CROSS_SOURCE_WINDOW_DEFAULT). Each gap between consecutive episodes is one interval, measured between the
 * episodes' first incidents. From 2^16 selected incidents, on two processors or more, the
 * work is split with one more thread, joined before returning (BREACH_THREADS=1 in the
 * environment: none); the result is the same either way. */
BREACH_API BREACH_WARN_UNUSED breach_repeats *
breach_repeats_compute(const breach_dataset *ds, const breach_filter *f,
                       const breach_repeat_options *opt, breach_error *err);
BREACH_API void breach_repeats_free(breach_repeats *r);

/* ---------------------------------------------------------------- overview
 *
 * What a selection holds, for the first lines of a summary: the figures every front end
 * shows, computed once here so that C, Python and breachstat give the same answer.
 */

typedef struct breach_overview {
    uint64_t n_incidents;     /* in the dataset */
    uint64_t n_selected;      /* selected by the filter (revisions and duplicates as it says) */
    uint64_t n_superseded;    /* passing the filter's criteria but replaced by a later
                                 revision: left out unless include_superseded */
    uint64_t n_dropped;       /* passing the criteria but dropped because a newer input lists
                                 them (breach_dataset_duplicate_of): left out unless
                                 include_duplicates */
    uint64_t n_organisations; /* distinct entity keys among the selected (unnamed notices:
                                 none) */
    uint64_t n_vendors;       /* distinct vendor / campaign keys among the selected */
    uint64_t n_with_breakdown; /* selected notices with regional counts */
    breach_date first_reported, last_reported; /* over the selected (unknown when none is
                                                  dated) */
    uint64_t n_by_unit[BREACH_UNIT_COUNT_]; /* selected notices by the unit of their count */
    breach_total by_unit[BREACH_UNIT_COUNT_]; /* their affected counts, one total a unit: a
                                                 unit with n_by_unit 0 is not counted by the
                                                 selected sources (not zero) */
    bool overflow;            /* always false: a total past 2^64 - 1 is BREACH_EOVERFLOW (kept
                                 for the layout) */
    uint64_t n_coarse_dated;  /* left out by the date range because their date is coarser
                                 than it (a year only in a half-year):
                                 breach_dataset_n_coarse_dated */
    uint64_t n_identical;     /* of the selected, rows that repeat an earlier row of their
                                 input word for word (BREACH_FLAG_IDENTICAL): kept and counted */
    uint64_t identical_by_unit[BREACH_UNIT_COUNT_]; /* what they add to by_unit (point values) */
} breach_overview;

/* The overview of the incidents the filter selects (NULL: all, revisions and duplicates
 * left out). Owned: free with breach_overview_free. NULL with err: BREACH_EINVAL (bad
 * filter), BREACH_EOVERFLOW (a unit's total passes 2^64-1, as in every statistic),
 * BREACH_ENOMEM. */
BREACH_API BREACH_WARN_UNUSED breach_overview *
breach_overview_compute(const breach_dataset *ds, const breach_filter *f, breach_error *err);
BREACH_API void breach_overview_free(breach_overview *o);

/* One notice's share for one region: the rows of a "share of each notice" table. */
typedef struct breach_notice_share {
    size_t index;          /* the notice (dataset index) */
    breach_share share;    /* as breach_incident_region_share gives it */
} breach_notice_share;

typedef struct breach_notice_shares {
    uint64_t n_selected;   /* notices selected */
    uint64_t n_with_breakdown; /* of those, with regional counts */
    size_t n_rows;
    breach_notice_share *rows; /* in dataset order, then the notice's own region order (or
                                  the order of `regions`) */
} breach_notice_shares;

/* Every selected notice's share for each region of its breakdown, or, when n_regions > 0,
 * for each of regions[0..n_regions) that it gives a count for (a notice that does not give
 * one has no row for it: not a share of 0). Owned: free with breach_notice_shares_free.
 * NULL with err: BREACH_EINVAL (bad filter, a region that does not exist, regions NULL
 * with n_regions > 0), BREACH_ENOMEM. */
BREACH_API BREACH_WARN_UNUSED breach_notice_shares *
breach_notice_shares_compute(const breach_dataset *ds, const breach_filter *f,
                             const breach_region *regions, size_t n_regions, breach_error *err);
BREACH_API void breach_notice_shares_free(breach_notice_shares *s);

/* Vendors or campaigns named by the selected notices, one per key. */
typedef struct breach_vendor_row {
    const char *name;      /* the first spelling met (borrowed from the dataset) */
    uint64_t n_notices;    /* selected notices naming it, superseded revisions included */
    uint64_t n_organisations; /* distinct organisations among them */
} breach_vendor_row;

typedef struct breach_vendors {
    size_t n_rows;
    breach_vendor_row *rows; /* by name (bytewise) */
} breach_vendors;

/* The vendors and campaigns that the filter's notices name (the filter's own vendor
 * criterion is ignored, and superseded revisions count: a vendor is listed as long as any
 * notice names it). The result borrows names from the dataset. Owned: free with
 * breach_vendors_free. NULL with err: BREACH_EINVAL, BREACH_ENOMEM. */
BREACH_API BREACH_WARN_UNUSED breach_vendors *
breach_vendors_compute(const breach_dataset *ds, const breach_filter *f, breach_error *err);
BREACH_API void breach_vendors_free(breach_vendors *v);

/* ================================================================ the statistics layer
 *
 * Counts and proportions with intervals, time series and their tests, size distributions
 * and their fits, time to the next breach, per-capita rates and a seeded bootstrap. Every
 * method names its algorithm and a reference below and in doc/statistics.md; numerics are
 * GSL's. Functions validate their input before handing it to GSL (whose default error
 * handler aborts), so bad input is an error status here, never an abort. Nothing is kept
 * between calls: the same input, options and seed give the same result on any machine.
 */

/* A two-sided confidence interval at `level` (0.95 = 95 %). lo and hi are NaN when the
 * interval cannot be computed (each field's comment says when). */
typedef struct breach_interval {
    double estimate;
    double lo;
    double hi;
    double level;
} breach_interval;

/* ---------------------------------------------------------------- bootstrap */

/* A scalar statistic of x[0..n). x is a scratch copy that the statistic may reorder (sort
 * in place); ctx is passed through. Return NaN when the statistic is undefined. */
typedef double (*breach_statistic_fn)(double *x, size_t n, void *ctx);

/* Ready-made statistics for breach_bootstrap_compute (and callable directly). NaN for
 * n = 0. geomean: exp(mean(ln x)), NaN if any x <= 0. quantile: ctx points to a double p
 * in [0, 1], linear interpolation between order statistics (R's type 7, GSL
 * gsl_stats_quantile_from_sorted_data); median is the quantile at 0.5. */
BREACH_API double breach_statistic_mean(double *x, size_t n, void *ctx);
BREACH_API double breach_statistic_median(double *x, size_t n, void *ctx);
BREACH_API double breach_statistic_geomean(double *x, size_t n, void *ctx);
BREACH_API double breach_statistic_quantile(double *x, size_t n, void *ctx);

typedef struct breach_bootstrap_options {
    uint32_t replicates;  /* B, default 2000; 1 .. 10,000,000 */
    uint32_t seed;        /* seed of GSL's gsl_rng_mt19937, default 1 (0 is GSL's default
                             seed, 4357) */
    double level;         /* default 0.95, in (0, 1) */
    breach_progress_fn progress; /* NULL (default): none; else called as the replicates run
                                    (total = replicates) and may cancel (common.h) */
    void *progress_ctx;   /* passed to progress */
    uint64_t reserved_[2]; /* must be zero (with the two above: the size of the former
                              reserved_[4] on LP64) */
} breach_bootstrap_options;

BREACH_API void breach_bootstrap_options_init(breach_bootstrap_options *o);

typedef struct breach_bootstrap {
    breach_interval ci;    /* estimate = stat(x); lo, hi = percentile interval */
    uint32_t replicates;   /* B asked for */
    uint32_t seed;
    uint64_t n_invalid;    /* replicates whose statistic was NaN or infinite: left out of
                              the percentiles (and said here) */
    double se;             /* standard deviation of the valid replicates (divisor B-1) */
    size_t n_values;
    double *values;        /* the valid replicates, ascending */
} breach_bootstrap;

/* Nonparametric bootstrap of stat over x[0..n) (Efron 1979; Efron & Tibshirani 1993,
 * ch. 13): B resamples of n values drawn with replacement (index = gsl_rng_uniform_int of
 * a gsl_rng_mt19937 seeded with o->seed, in that order), and the *percentile* interval:
 * the type-7 quantiles at (1 - level) / 2 and (1 + level) / 2 of the valid replicates (no
 * bias correction, no acceleration). The same data in the same order, seed and B give the
 * same interval on any machine. x is not modified. NULL options mean the defaults.
 * Errors (BREACH_EINVAL): no x, n = 0 or n > 2^32 - 1, no statistic, options out of range,
 * a statistic that is NaN on x itself, or fewer than 2 valid replicates; BREACH_ECANCELLED
 * when o->progress asked to stop. */
BREACH_API BREACH_WARN_UNUSED breach_bootstrap *
breach_bootstrap_compute(const double *x, size_t n, breach_statistic_fn stat, void *ctx,
                         const breach_bootstrap_options *o, breach_error *err);
BREACH_API void breach_bootstrap_free(breach_bootstrap *b);

/* ---------------------------------------------------------------- counts and proportions */

/* What incidents are counted by. Types, categories and locations are sets: an incident
 * counts once in each of its levels, so proportions need not add up to 1. */
typedef enum breach_dimension {
    BREACH_DIM_TYPE = 0,        /* breach_type (BREACH_TYPE_UNKNOWN alone, or none: unknown) */
    BREACH_DIM_CATEGORY = 1,    /* breach_category (empty set: unknown) */
    BREACH_DIM_LOCATION = 2,    /* breach_location (empty set: unknown) */
    BREACH_DIM_ENTITY_TYPE = 3, /* entity_type text as given (not stated: unknown) */
    BREACH_DIM_REGION = 4,      /* entity_region, the organisation's region (none: unknown) */
    BREACH_DIM_VENDOR = 5,      /* vendor, compared by entity key (none: unknown) */
    BREACH_DIM_FIELD = 6,       /* an enumerated attribute (dataset.h), named by the options'
                                   `field` (or `by_field`): its values, several per incident
                                   allowed. The value "Unknown" is the unknown row, "NA"
                                   (VERIS's not applicable) is kept apart likewise unless
                                   include_na; an incident carrying no value of the field
                                   does not state it and is never in n (n_not_stated) */
    BREACH_DIM_YEAR = 7,        /* the year of the filter's date field (the event date by
                                   default; no date: unknown); levels in time order */
    BREACH_DIM_MONTH = 8        /* its month, "YYYY-MM" (a date known to the year only:
                                   unknown) */
} breach_dimension;

/* The options' `by`: no cross-tab, or 1 + the breach_dimension of the columns. */
#define BREACH_BY_NONE 0
#define BREACH_BY(dimension) ((dimension) + 1)

typedef enum breach_ci_method {
    BREACH_CI_WILSON = 0,   /* Wilson score interval (Wilson 1927) */
    BREACH_CI_JEFFREYS = 1, /* Jeffreys: Beta(x + 1/2, n - x + 1/2) quantiles, with lo = 0 at
                               x = 0 and hi = 1 at x = n (Brown, Cai & DasGupta 2001) */
    BREACH_CI_BOOTSTRAP = 2 /* percentile bootstrap over incidents, as breach_bootstrap */
} breach_ci_method;

/* A confidence interval for the proportion x / n by Wilson or Jeffreys (not bootstrap:
 * that needs the data). Returns BREACH_OK, or BREACH_EINVAL for n = 0, x > n, a level
 * outside (0, 1), another method or NULL outputs. */
BREACH_API int breach_proportion_ci(uint64_t x, uint64_t n, int method, double level,
                                    double *lo, double *hi, breach_error *err);

typedef struct breach_counts_options {
    int32_t dimension;     /* a breach_dimension, default BREACH_DIM_TYPE */
    int32_t ci_method;     /* a breach_ci_method, default BREACH_CI_WILSON */
    double level;          /* default 0.95 */
    bool include_unknown;  /* count 'unknown' as a level inside n (default false: it is
                              listed with its count, but n leaves it out) */
    bool force;            /* give proportions for min_n_report <= n < min_n */
    uint32_t min_n;        /* default 30: below, counts only (unless force) */
    uint32_t min_n_report; /* default 5: below, nothing at all (force does not apply; set 0
                              to see everything) */
    uint32_t replicates;   /* bootstrap B, default 2000 */
    uint32_t seed;         /* bootstrap seed, default 1 */
    breach_progress_fn progress; /* NULL (default): none; else called during the bootstrap
                                    and may cancel (not called for Wilson and Jeffreys). One
                                    dimension: total = replicates x the passes over groups of
                                    levels; attributes, years, months and cross-tabs: each
                                    column's bootstrap (and the rows') reports on its own,
                                    done 0 .. replicates */
    void *progress_ctx;    /* passed to progress */
    const char *field;     /* dimension BREACH_DIM_FIELD: the attribute (borrowed) */
    const char *by_field;  /* by BREACH_BY(BREACH_DIM_FIELD): the attribute (borrowed) */
    int32_t by;            /* BREACH_BY_NONE (default) or BREACH_BY(a breach_dimension):
                              a cross-tab whose columns are that dimension's levels */
    bool include_na;       /* BREACH_DIM_FIELD: count the value "NA" inside n (default
                              false: listed, out of n, as verisr's na = FALSE) */
    uint64_t reserved_[1]; /* must be zero */
} breach_counts_options;

BREACH_API void breach_counts_options_init(breach_counts_options *o);

/* Why proportions are or are not given. */
typedef enum breach_counts_status {
    BREACH_COUNTS_OK = 0,        /* n >= min_n: proportions and intervals */
    BREACH_COUNTS_FORCED = 1,    /* min_n_report <= n < min_n, forced: given, read with care */
    BREACH_COUNTS_SMALL_N = 2,   /* min_n_report <= n < min_n: counts only, proportions NaN */
    BREACH_COUNTS_SUPPRESSED = 3 /* n < min_n_report: no rows */
} breach_counts_status;

typedef struct breach_count_row {
    const char *label;     /* "ransomware", "US-CA", "Healthcare Provider", a vendor as first
                              spelt, or "unknown"; static or borrowed from the dataset */
    int32_t level;         /* the breach_type / breach_category / breach_location / region
                              number; -1 for text dimensions and for the unknown row */
    bool unknown;          /* the row of incidents with no value */
    uint64_t count;        /* incidents in the level, every unit */
    breach_total affected; /* the affected counts of those in the result's unit */
    double proportion;     /* count / n; NaN when not given (status, or the unknown row
                              without include_unknown) */
    double lo, hi;         /* the interval at level; NaN with proportion */
    breach_total by_unit[BREACH_UNIT_COUNT_]; /* the level's affected counts in each unit;
                                                 `affected` is by_unit[the result's unit] */
} breach_count_row;

/* A column of a cross-tab: the incidents carrying one level of the `by` dimension, with
 * their own n and small-sample status (each column is one getenumCI group). */
typedef struct breach_count_col {
    const char *label;     /* as a row's label */
    bool unknown;          /* the by dimension's unknown (or NA) level */
    uint64_t n_incidents;  /* selected incidents in the column */
    uint64_t n;            /* of them, in the denominator (as breach_counts.n) */
    int32_t status;        /* a breach_counts_status, for this column's n */
} breach_count_col;

/* A cell: the column's incidents in the row's level, and their proportion of the column's
 * n with its interval (NaN as for rows). */
typedef struct breach_count_cell {
    uint64_t count;
    double proportion, lo, hi;
} breach_count_cell;

/* Pearson's chi-square goodness-of-fit test of the counts against equal (or length-
 * proportional) expected counts: statistic sum (O - E)^2 / E, df = k - 1, p = upper tail
 * of chi-square(df) (GSL gsl_cdf_chisq_Q). All NaN when k < 2 or the total is 0. */
typedef struct breach_chisq_test {
    double statistic;
    double df;
    double p_value;
    double min_expected;   /* the smallest expected count: under 5 the chi-square
                              approximation is doubtful (Cochran 1954) */
} breach_chisq_test;

/* Why the chi-square test of independence was or was not computed. */
typedef enum breach_independence_status {
    BREACH_INDEP_OK = 0,          /* computed over the known x known table */
    BREACH_INDEP_NONE = 1,        /* no cross-tab */
    BREACH_INDEP_MULTI_VALUED = 2, /* an incident has two levels of one dimension: the
                                      cells do not partition incidents, no valid test */
    BREACH_INDEP_TOO_SMALL = 3,   /* fewer than 2 rows or 2 columns with incidents */
    BREACH_INDEP_NOT_RECORDED = 4 /* a row's level (type, category, location) is one that
                                     some of a column's notices' sources cannot state: the
                                     table has gaps that are no measured 0, no valid test */
} breach_independence_status;

typedef struct breach_counts {
    int32_t dimension, ci_method;
    double level;
    int32_t status;        /* a breach_counts_status */
    bool multi_valued;     /* type, category, location */
    uint64_t n_incidents;  /* selected by the filter */
    uint64_t n_unknown;    /* of those, with no value for the dimension */
    uint64_t n;            /* the denominator: n_incidents - n_unknown, or n_incidents with
                              include_unknown */
    size_t n_rows;
    breach_count_row *rows; /* by count descending, then label; the unknown row last. The
                               vocabulary dimensions list every level (count 0 included),
                               the others the levels seen */
    /* units (see the top of this header): rows' `affected` are in `unit` */
    int32_t unit;          /* a breach_unit: the filter's single unit, else the one most
                              selected incidents carry */
    uint32_t units;        /* bits of the units seen among the selected incidents */
    uint64_t n_other_units; /* selected incidents of another unit: in the counts and
                               proportions, not in `affected` (see rows' by_unit) */
    /* BREACH_DIM_FIELD: selected incidents carrying no value of the field (never in n) */
    uint64_t n_not_stated;
    /* with options.by: the columns (by incidents descending, then label; the unknown
       column last), cells[r * n_cols + c] for row r (in rows' order) and column c, and
       Pearson's chi-square test of independence over the rows and columns inside n
       (statistic, df = (r - 1)(c - 1), p, smallest expected count), with the number of
       cells whose expected count is under 5: the approximation is doubtful (Cochran 1954)
       when any is under 1 or more than a fifth are under 5 (expected_warning) */
    int32_t by;
    size_t n_cols;
    breach_count_col *cols;
    breach_count_cell *cells;
    int32_t independence_status; /* a breach_independence_status */
    breach_chisq_test independence;
    uint64_t n_cells_tested, n_cells_expected_below_5;
    bool expected_warning;
    uint64_t n_not_stated_by; /* selected incidents in no column: BREACH_DIM_FIELD
                                 columns, those carrying no value of by_field; a type,
                                 category or location `by`, those whose source can state
                                 no level of it (WA no location, HHS no category): not
                                 recorded, never in the unknown column */
    /* BREACH_DIM_TYPE, _CATEGORY, _LOCATION: what the selected notices' sources can say. A
       source states only the levels its vocabulary has (doc/vocabularies.md, "What each
       source can say": the HHS portal has no ransomware type, VERIS no name, SSN, address
       or date of birth and no emr location, HHS and WA no category, WA and HIBP no
       location, HIBP no type); about the others its notices say nothing, which is not
       "none of them". levels_recorded has bit l when the source of some selected notice
       can state level l (other dimensions: every level). row_n (n_rows entries, in rows'
       order; NULL for other dimensions, where every row's denominator is n) is each row's
       denominator: n, or for a level only some of the sources can state, the notices
       inside n whose source can (the small-sample rules apply to it); 0 for a level no
       selected source can state: "not recorded", count 0 and proportion and interval NaN,
       never a measured 0. With `by`, a column's cells use the column's n, or likewise the
       column's notices whose source can state the row's level: cell_n (n_rows * n_cols
       entries, in cells' order; with row_n and `by`, else NULL) is each cell's
       denominator; 0 in a column whose n is not 0 is "not recorded" (the HHS-only
       network_server column of types by location on WA + HHS cannot say ransomware). Under the bootstrap a replicate's
       proportion of such a level is over the drawn notices whose source can state it, for
       rows (as without `by`) and cells alike. */
    uint64_t levels_recorded;
    uint64_t *row_n;
    uint64_t *cell_n;
} breach_counts;

/* Counts per level of one dimension over the selected incidents, with proportions and
 * confidence intervals under the small-sample rules of the Verizon DBIR tooling (no
 * proportion under n = 30 unless forced, nothing under n = 5) and its treatment of
 * 'unknown' (verisr's getenumCI: out of n unless asked for). The bootstrap resamples the
 * n incidents (B times, seeded) and takes each level's percentile interval. Labels are
 * borrowed from the dataset: the result must not outlive it. n = 0 gives status
 * SUPPRESSED and no rows (with the default min_n_report).
 *
 * With options.by, the rows are as without it (over every selected incident) and each
 * column repeats the computation over the incidents carrying one level of the by
 * dimension (an incident with two levels is in both columns, as verisr's getenumCI with
 * `by`): its n, status and per-cell proportions and intervals (the bootstrap resamples the
 * column's n incidents). doc/statistics.md states the rules. Errors: BREACH_EINVAL (bad
 * options, filter; BREACH_DIM_FIELD without a field), BREACH_ENOTFOUND (a field no
 * incident carries), BREACH_EOVERFLOW (an affected total), BREACH_ENOMEM, BREACH_ECANCELLED
 * (o->progress asked to stop the bootstrap). */
BREACH_API BREACH_WARN_UNUSED breach_counts *
breach_counts_compute(const breach_dataset *ds, const breach_filter *f,
                      const breach_counts_options *o, breach_error *err);
BREACH_API void breach_counts_free(breach_counts *c);

/* ---------------------------------------------------------------- time series */

typedef enum breach_period {
    BREACH_PERIOD_MONTH = 0,
    BREACH_PERIOD_QUARTER = 1,
    BREACH_PERIOD_YEAR = 2
} breach_period;

typedef struct breach_timeseries_options {
    int32_t date_field;    /* a breach_date_field, default BREACH_FIELD_REPORTED (the one
                              date every notice has) */
    int32_t period;        /* a breach_period, default BREACH_PERIOD_MONTH */
    breach_date from, to;  /* unknown = from the first to the last period with an incident;
                              else the series lists exactly the periods of from .. to (what
                              the data cover of them: breach_timeseries.span_first) and
                              counts the notices of from's first day .. to's last: a bound
                              inside a period cuts it at that day. A date range of the
                              filter on date_field bounds the series the same way (both:
                              the days in both) */
    bool expected_by_length; /* chi-square: expect counts proportional to the periods'
                                lengths in days (default false: equal counts) */
    uint64_t reserved_[4]; /* must be zero */
} breach_timeseries_options;

BREACH_API void breach_timeseries_options_init(breach_timeseries_options *o);

/* What a total may count twice when inputs of different formats are loaded together.
 * Inputs of one format are matched notice by notice (breach_dataset_duplicate_of); inputs
 * of two formats never are, since their rows count different things (a state's residents,
 * HHS's individuals). Yet one incident is often in both: a curated canonical file that
 * copies HHS rows (examples/data/seed-incidents.csv copies four of them: NationsBenefits,
 * Brightline, CHSPSC, Intellihartx), or an HHS filing and a state list's notice that both
 * give the residents of that state. Figures are compared slot by slot: an organisation's
 * totals in one unit, or its counts for one region. A figure is taken as possibly repeated
 * when the same organisation (entity key) has a figure in the same slot from an input of
 * another format dated at most window_days from it (breach_link_options, below: 120 days,
 * reported dates, as links pair notices); a notice with no figure in the slot (WA's, which
 * gives no total) pairs nothing there. Such figures are cut into clusters wherever two of
 * them lie more than window_days apart (two incidents years apart are two clusters); in
 * each cluster the figures are added by format, and all but the largest format's sum may be
 * the same people again: that is `twice`. Nothing is dropped or changed: the result says
 * how much of a total rests on such figures, for a reader to see before someone asks. A
 * format is the loader's ("hhs", "wa", "canonical"...), and for a mapped CSV its mapping:
 * two states' lists read through two mappings are two formats; two curated canonical files
 * are one. Keys only fold spelling:
 * "CHSPSC, LLC" and "Community Health Systems Professional Services Corporations (CHSPSC),
 * LLC" are two organisations here as in links. */
typedef struct breach_format_overlap {
    uint64_t n_organisations; /* organisations with figures that pair across formats */
    uint64_t n_notices;       /* their notices with such a figure */
    uint64_t twice[BREACH_UNIT_COUNT_];           /* totals that may be counted twice, by unit
                                                     (point values: exact, bounds, estimates) */
    uint64_t twice_residents[BREACH_UNIT_COUNT_]; /* regional counts, likewise */
    uint64_t n_twice[BREACH_UNIT_COUNT_];          /* organisations whose totals in a unit
                                                      may count twice (twice > 0 from them) */
    uint64_t n_twice_residents[BREACH_UNIT_COUNT_]; /* likewise for regional counts */
    int32_t window_days;      /* the window used */
    int32_t date_field;       /* the date compared (a breach_date_field) */
    uint32_t n_formats;       /* formats among the dataset's inputs (below 2: all zero) */
    /* Notices, with a figure or not (a WA notice gives none, yet a count of notices counts
       it): each notice is a figure of 1 in a slot of its own, paired and cut into clusters
       as above; a count of notices (a frequency per period, a count per category) may
       count one incident again once per notice beyond the most numerous format's in its
       cluster (a tie: the format loaded first stands). */
    uint64_t n_paired_notices;       /* notices with a notice of another format within the
                                        window */
    uint64_t n_paired_organisations; /* their organisations */
    uint64_t notices_twice;          /* notices a count may count twice */
    uint64_t n_figures_twice[BREACH_UNIT_COUNT_]; /* the totals (one a notice) that twice[]
                                        adds up: sizes a distribution may list twice */
} breach_format_overlap;

typedef struct breach_period_count {
    breach_date start;     /* the period's first day, at month precision (month, quarter)
                              or year precision */
    int32_t days;          /* its length in days */
    uint64_t n_incidents;  /* of every unit */
    breach_total affected; /* the notices of the series' unit only (breach_timeseries.unit;
                              no total adds across units) */
    int32_t covered_days;  /* the days of the period inside the series' span (span_first ..
                              span_last): days for a whole period, fewer for a first or
                              last period the data cover only in part, 0 for a period of
                              from .. to that the data do not reach (no data: its counts
                              are 0 but mean nothing, never "no breach") */
    bool partial;          /* 0 < covered_days < days; partial and uncovered periods are
                              left out of the tests */
    uint64_t n_by_unit[BREACH_UNIT_COUNT_]; /* notices of each unit */
    breach_total by_unit[BREACH_UNIT_COUNT_]; /* affected per unit; by_unit[u].n = 0: no
                              notice of unit u in the period ("not counted", never 0) */
    uint64_t n_twice;      /* of n_incidents, the notices that may count an incident of
                              another format's notice again (breach_timeseries.two_formats:
                              each is placed in its own period) */
    uint64_t twice_by_unit[BREACH_UNIT_COUNT_]; /* of by_unit, the totals that may be
                              another format's figure again (point values) */
    bool truncated;        /* a period the span covers in full that the lists could not
                              observe in full (by event, occurred or discovered date: it
                              began before their reported dates did, or ends within the
                              reporting lag of their last reported date, breach_timeseries.
                              lag_days); never partial nor uncovered; left out of the tests */
} breach_period_count;


/* Counts per period as Poisson (lambda = mean, its MLE) against negative binomial (NB2:
 * mean mu, size r, variance mu + mu^2 / r; mu's MLE is the mean and r's maximises the
 * profile likelihood, found by GSL's Brent minimiser over ln r), compared by the
 * likelihood ratio LR = 2 (l_NB - l_Poisson). The Poisson is the NB's boundary (1/r = 0),
 * so p = P(chi2_1 > LR) / 2 (Self & Liang 1987; Cameron & Trivedi 2013, 3.4). When the
 * counts are not overdispersed (their variance with divisor k is at most the mean) the NB
 * MLE is the Poisson itself: size = INFINITY, alpha = 0, LR = 0, p = 1. All NaN when
 * k < 2 or the total is 0. */
typedef struct breach_dispersion_test {
    double mean;           /* counts per period */
    double variance;       /* sample variance, divisor k - 1 */
    double poisson_loglik;
    double nb_size;        /* r */
    double nb_alpha;       /* 1 / r */
    double nb_loglik;
    double lr_statistic;
    double p_value;
    double poisson_aic;    /* 2 - 2 l */
    double nb_aic;         /* 4 - 2 l */
} breach_dispersion_test;

typedef struct breach_timeseries {
    int32_t date_field, period;
    uint64_t n_incidents;  /* selected by the filter */
    uint64_t n_undated;    /* no date in the field: left out */
    uint64_t n_coarse;     /* a date coarser than the period (a year in a monthly series),
                              or a month or year that straddles from or to (neither in
                              nor out, as breach_dataset_n_coarse_dated): left out */
    uint64_t n_outside;    /* dated outside from .. to (by day): left out */
    uint64_t n_counted;    /* in the series */
    size_t n_periods;
    breach_period_count *periods; /* consecutive, ascending, empty periods included */
    breach_chisq_test uniformity;
    breach_dispersion_test dispersion;
    /* coverage: the series covers span_first .. span_last (day precision): the first and
       last days of the dates in the series' field that it could count (the selected
       notices' dates at the period's precision or finer, those outside from .. to
       included), cut to from / to when given (to's last day). from / to never extend it:
       they bound the series, they do not say that the data reach them. Unknown when no
       day of from .. to is covered or nothing is dated. The first and last covered
       periods are partial when the span starts or ends inside them; periods of from .. to
       outside the span are uncovered (covered_days 0, n_uncovered). */
    breach_date span_first, span_last;
    size_t n_partial;      /* partial periods (0, 1 or 2) */
    size_t n_tested;       /* periods in uniformity and dispersion: the whole ones
                              observed in full (not truncated) */
    uint64_t n_tested_incidents; /* notices in those */
    /* units (no statistic adds across them): periods[].affected is in `unit`
       (breach_result_unit over the counted notices); `units` has bit 1 << u for every unit
       u among them; n_by_unit counts them per unit */
    int32_t unit;
    uint32_t units;
    uint64_t n_by_unit[BREACH_UNIT_COUNT_];
    size_t n_uncovered;    /* periods of from .. to without data (covered_days 0): first
                              or last ones, left out of the tests, never drawn as 0 */
    /* what the counted notices may count twice when inputs of two formats are loaded
       together (breach_format_overlap over them, default link options: 120 days, reported
       dates): one incident in two sources is two notices of the series, counted, not
       dropped; periods[].n_twice and twice_by_unit place them */
    breach_format_overlap two_formats;
    /* observation, for a series by event, occurred or discovered date (a series by
       reported date has none: lag_days -1, the rest 0 or unknown). A list holds a
       breach only once it is reported: an event period that began before the lists'
       first reported day holds only its breaches reported after (left truncation), and
       one that ended less than the reporting lag before their last reported day still
       lacks those reported later (right truncation). A period is observed in full when
       reported_first <= its first day and its last day + lag_days <= reported_last. */
    breach_date reported_first, reported_last; /* the reported dates the lists cover (as
                              span_first over the reported field, not cut by from .. to) */
    uint64_t n_delays;     /* the lists' notices with both dates at day precision */
    int32_t lag_days;      /* the 90th percentile (nearest rank) of their delays, reported
                              minus the series' date; -1 when fewer than 20 delays (every
                              whole period is then truncated: its lag is unknown); 0 by
                              event date when no notice of the lists has an occurred or
                              discovered date (the event dates are the reported ones) */
    int32_t lag_median;    /* their median (lower), -1 likewise */
    size_t n_truncated;    /* whole periods (covered_days = days) marked truncated */
    size_t n_before;       /* of them, those that began before reported_first */
} breach_timeseries;

/* Counts and affected totals per period. A date counts in the period that holds its first
 * day when its precision is at least the period's (a month in a quarter is fine). No
 * counted incident and no from/to gives zero periods (tests NaN). from after to (by day)
 * is BREACH_EINVAL; options' from .. to and the filter's range that do not meet give zero
 * periods. Years 1 .. 9999 bound a series at 119,988 months.
 * Coverage: a first or last period that the span (see span_first) covers only in part is
 * marked partial, one it does not reach is uncovered (covered_days 0), and the uniformity
 * and dispersion tests are computed over the whole periods only (n_tested of them): a
 * half-covered year would otherwise look like a year of half the notices, and a month
 * after the last notice like a month without breaches. By event, occurred or discovered
 * date, the whole periods the lists could not observe in full (reporting lag, see
 * lag_days) are truncated and left out of the tests too. With expected_by_length, the
 * tested periods' lengths. */
BREACH_API BREACH_WARN_UNUSED breach_timeseries *
breach_timeseries_compute(const breach_dataset *ds, const breach_filter *f,
                          const breach_timeseries_options *o, breach_error *err);
BREACH_API void breach_timeseries_free(breach_timeseries *t);

/* ---------------------------------------------------------------- size distributions */

typedef struct breach_sizes {
    uint64_t n_incidents;  /* selected by the filter, every unit */
    uint64_t n_unknown;    /* of the result's unit, no count: left out */
    uint64_t n_zero;       /* exact 0: in the quantiles, out of logarithms and fits */
    uint64_t n_estimated;  /* estimates, used as exact values (and counted here) */
    uint32_t units;        /* the breach_unit values seen among the selected incidents, as
                              bits (1 << unit); only `unit`'s sizes are below */
    /* exact (and estimated) values, ascending */
    size_t n;
    double *values;
    /* "at least" values (right-censored) and "at most" values (left-censored), ascending;
       never treated as exact: the descriptive statistics leave them out, the log-normal fit
       uses them as censored, the power-law fit leaves them out and says so */
    size_t n_at_least;
    double *at_least;
    size_t n_at_most;
    double *at_most;
    /* over values (NaN when n = 0): type-7 quantiles */
    double min, q1, median, q3, p90, p99, max, mean;
    double geomean;        /* exp(mean ln x) over the positive values; NaN when none */
    double geosd;          /* exp(sd ln x), divisor n - 1; NaN under 2 positive values */
    /* empirical complementary CDF over values: ccdf_p[i] = share of values >= ccdf_x[i] */
    size_t n_ccdf;
    double *ccdf_x;
    double *ccdf_p;
    int32_t unit;          /* a breach_unit: what every value counts (the filter's single
                              unit, else the one most selected incidents carry) */
    uint64_t n_other_units; /* selected incidents of another unit: left out of everything
                               above, so n_incidents = n_other_units + n_unknown + n +
                               n_at_least + n_at_most */
    /* The summaries that are sizes, as integers: a double holds a count exactly only up to
       2^53 (2^64 - 1 reads 18,446,744,073,709,551,616). min_u and max_u when n > 0; a
       quantile's when type 7 lands on a value (p (n - 1) whole, or the two values around
       it equal), not when it interpolates between two. exact_u has BREACH_SIZES_MIN ..
       BREACH_SIZES_MAX set for each one given (0 when n = 0). */
    uint64_t min_u, q1_u, median_u, q3_u, p90_u, p99_u, max_u;
    uint32_t exact_u;
    uint64_t *ccdf_u;      /* ccdf_x as integers (n_ccdf entries, exact) */
    /* What the sources' own rules put into the sizes, which no figure above corrects:
       n_placeholders of the exact values are counts that their source also writes as a
       placeholder (BREACH_FLAG_PLACEHOLDER: the HHS portal's 500 and 501 for "500 or
       more"), taken at face value; n_floored of the sizes (exact or censored) come from a
       source that lists only breaches of `floor` or more (the HHS portal: 500), so theirs
       is the distribution of listed sizes, truncated at the floor, not of all breaches
       (floor: the largest such floor, 0 when n_floored = 0) */
    uint64_t n_placeholders;
    uint64_t n_floored;
    uint64_t floor;
} breach_sizes;

/* Bits of breach_sizes.exact_u: the summaries given as integers (min_u .. max_u). */
#define BREACH_SIZES_MIN 0x01u
#define BREACH_SIZES_Q1 0x02u
#define BREACH_SIZES_MEDIAN 0x04u
#define BREACH_SIZES_Q3 0x08u
#define BREACH_SIZES_P90 0x10u
#define BREACH_SIZES_P99 0x20u
#define BREACH_SIZES_MAX 0x40u

/* The affected counts of the selected incidents in one unit (`unit`): a distribution of
 * people and accounts together would describe neither, so the other units' incidents are
 * counted (n_other_units) and left out. n = 0 is a valid empty result (NaN summaries). */
BREACH_API BREACH_WARN_UNUSED breach_sizes *
breach_sizes_compute(const breach_dataset *ds, const breach_filter *f, breach_error *err);
BREACH_API void breach_sizes_free(breach_sizes *s);

/* The type-7 p-quantile of the exact values; NaN when n = 0 or p is outside [0, 1]. */
BREACH_API double breach_sizes_quantile(const breach_sizes *s, double p);

typedef struct breach_lognormal_options {
    bool exclude_censored; /* leave "at least" / "at most" values out (counted) instead of
                              using them as censored observations (default false) */
    double level;          /* default 0.95 */
    uint64_t reserved_[4]; /* must be zero */
} breach_lognormal_options;

BREACH_API void breach_lognormal_options_init(breach_lognormal_options *o);

typedef enum breach_fit_ci {
    BREACH_FIT_CI_EXACT = 0, /* no censoring: mu by Student's t, sigma by chi-square */
    BREACH_FIT_CI_WALD = 1   /* censoring, or more than 200,001 values: Wald intervals from
                                the observed information; sigma's on the log scale */
} breach_fit_ci;

typedef struct breach_lognormal {
    uint64_t n_exact;      /* positive exact values used */
    uint64_t n_right_censored; /* "at least" values used as censored */
    uint64_t n_left_censored;  /* "at most" values used as censored */
    uint64_t n_excluded;   /* censored values left out (exclude_censored, or a bound of 0) */
    breach_interval mu;    /* mean of ln x (MLE) */
    breach_interval sigma; /* sd of ln x (MLE, divisor n) */
    breach_interval median; /* exp(mu) = the geometric mean, with exp of mu's bounds */
    double loglik;         /* on the scale of x (the Jacobian -sum ln x included) */
    int32_t ci_method;     /* a breach_fit_ci */
    int32_t iterations;    /* of the optimiser; 0 for the closed form */
} breach_lognormal;

/* Log-normal maximum-likelihood fit to the sizes. Without censored values the MLE is in
 * closed form (mean and sd of ln x) and the intervals exact (t and chi-square). With them
 * the likelihood adds ln P(X >= l) for each "at least l" and ln P(X <= u) for each "at
 * most u" (Tobit-style censoring; Klein & Moeschberger 2003, 3.5), maximised by GSL's
 * Nelder-Mead simplex over (mu, ln sigma) and polished by Newton steps on the analytic
 * Hessian, whose inverse gives Wald intervals. Needs at least 2 positive exact values
 * that are not all equal: else BREACH_EINVAL. */
BREACH_API BREACH_WARN_UNUSED breach_lognormal *
breach_lognormal_fit(const breach_sizes *s, const breach_lognormal_options *o,
                     breach_error *err);
BREACH_API void breach_lognormal_free(breach_lognormal *l);

typedef struct breach_powerlaw_options {
    double xmin;           /* 0 (default): chosen by minimum KS distance; > 0: fixed */
    uint32_t min_tail;     /* candidates leave at least this many values in the tail,
                              default 2 (and never the largest value alone) */
    uint32_t replicates;   /* bootstrap p-value B, default 1000; 0 = no p-value (NaN) */
    uint32_t seed;         /* default 1 */
    breach_progress_fn progress; /* NULL (default): none; else called as the p-value's
                                    replicates run (total = replicates; not called without
                                    replicates) and may cancel (common.h) */
    void *progress_ctx;    /* passed to progress */
    uint64_t reserved_[2]; /* must be zero */
} breach_powerlaw_options;

BREACH_API void breach_powerlaw_options_init(breach_powerlaw_options *o);

typedef struct breach_powerlaw {
    double xmin;
    double alpha;          /* 1 + n_tail / sum ln(x / xmin) */
    double alpha_se;       /* (alpha - 1) / sqrt(n_tail) */
    double ks;             /* KS distance between the tail and the fit */
    double p_value;        /* share of synthetic data sets at least as far from their own
                              fit; NaN without replicates */
    uint64_t n;            /* positive exact values */
    uint64_t n_tail;       /* of those, >= xmin */
    uint64_t n_censored_excluded; /* "at least"/"at most" values: not used, and said here */
    uint32_t replicates, seed;
    double loglik;         /* of the tail */
    uint64_t replicates_far; /* of the replicates, those at least as far from their own
                                fit as the data: p_value = replicates_far / replicates, so
                                its resolution is 1 / replicates (0 of them: p < 1 / B,
                                not p = 0) */
} breach_powerlaw;

/* Continuous power-law tail fit after Clauset, Shalizi & Newman (2009), SIAM Review 51,
 * 661-703: for each candidate xmin among the distinct values, alpha by maximum likelihood
 * (their eq. 3.1) and the Kolmogorov-Smirnov distance between the tail's empirical CDF and
 * the fitted one (both sides of every step); xmin minimises that distance. p-value by their
 * semi-parametric bootstrap (4.1): each synthetic value comes with probability
 * n_tail / n from the fitted power law (inverse transform of gsl_rng_uniform) and
 * otherwise uniformly from the values below xmin (gsl_rng_uniform_int), then the whole fit
 * (xmin included) is redone; p = share of synthetic distances >= the observed one (CSN
 * rule: p <= 0.1 rules the power law out). Counts are integers; the continuous form is the
 * usual approximation for xmin well above 1 (CSN 3.1). The xmin scan costs
 * O(candidates x tail) per fit, times B + 1 with the p-value. Needs a tail of at least 2
 * values that are not all equal: else BREACH_EINVAL. BREACH_ECANCELLED when o->progress
 * asked to stop the p-value's replicates. */
BREACH_API BREACH_WARN_UNUSED breach_powerlaw *
breach_powerlaw_fit(const breach_sizes *s, const breach_powerlaw_options *o,
                    breach_error *err);
BREACH_API void breach_powerlaw_free(breach_powerlaw *p);

typedef struct breach_vuong {
    uint64_t n_tail;       /* values >= xmin compared */
    double lognormal_mu;   /* the log-normal truncated at xmin, fitted to the tail by MLE */
    double lognormal_sigma;
    double powerlaw_loglik;
    double lognormal_loglik;
    double ratio;          /* R = sum of per-value log-likelihood ratios, power law minus
                              log-normal: > 0 favours the power law */
    double statistic;      /* R / (sd sqrt(n)), asymptotically N(0, 1) */
    double p_value;        /* two-sided: erfc(|statistic| / sqrt 2) */
    int32_t favours;       /* +1 power law, -1 log-normal, 0 neither (p > 0.1, as CSN) */
    bool converged;        /* the truncated log-normal fit met its tolerance */
} breach_vuong;

/* Vuong's (1989) non-nested likelihood-ratio test of the power law pl against a log-normal
 * on the same tail (values >= pl->xmin), as in CSN section 5: the log-normal is truncated
 * at xmin and fitted by GSL's Nelder-Mead simplex. s must be the sizes pl was fitted to.
 * BREACH_EINVAL when pl does not match s or the per-value ratios have no spread. */
BREACH_API BREACH_WARN_UNUSED breach_vuong *
breach_powerlaw_compare_lognormal(const breach_sizes *s, const breach_powerlaw *pl,
                                  breach_error *err);
BREACH_API void breach_vuong_free(breach_vuong *v);

/* ---------------------------------------------------------------- time to the next breach */

typedef enum breach_km_ci {
    BREACH_KM_CI_LOGLOG = 0, /* exp(-exp(ln(-ln S) +- z se / (S ln S))) (Kalbfleisch &
                                Prentice 1980): inside [0, 1], the default */
    BREACH_KM_CI_LOG = 1,    /* S exp(+- z se / S), capped at 1 */
    BREACH_KM_CI_PLAIN = 2   /* S +- z se, clipped to [0, 1] */
} breach_km_ci;

typedef struct breach_survival_options {
    int32_t date_field;      /* as breach_repeat_options: default BREACH_FIELD_EVENT */
    int32_t merge_within_days; /* as breach_repeat_options: default 0 */
    breach_date window_end;  /* the end of observation; unknown = the last day of the latest
                                date among every incident of the lists the selected ones
                                come from, selected or not, as breach_timeseries_compute's
                                span (doc/statistics.md): a filter does not end the
                                follow-up, except a `to` on date_field, which removes the
                                notices after it: then to's last day when earlier. Given,
                                it is used when it comes before that end (past it nothing is
                                observed); the one used is in the result's window_end */
    int32_t ci_type;         /* a breach_km_ci */
    double level;            /* default 0.95 */
    bool every_episode;      /* false (default): one observation per organisation, its first
                                episode to the next; true: every episode to the next (gap
                                times of one organisation are not independent) */
    int32_t associate_window_days; /* as breach_repeat_options: 0 = the default window (in
                                what was padding after every_episode: the size is kept) */
    int32_t cross_source_window_days; /* as breach_repeat_options: 0 = the default window */
    uint32_t reserved32_;    /* must be zero (with cross_source_window_days, in what was
                                reserved_[0]: the size is kept) */
    uint64_t reserved_[3];   /* must be zero */
} breach_survival_options;

BREACH_API void breach_survival_options_init(breach_survival_options *o);

typedef struct breach_km_step {
    double time;           /* days */
    uint64_t at_risk;      /* observations with time >= this one */
    uint64_t events;       /* next breaches at this time */
    uint64_t censored;     /* observations censored at this time (after the events) */
    double survival;       /* S(t), the share not yet breached again */
    double se;             /* Greenwood standard error of S(t) */
    double lo, hi;         /* pointwise interval; NaN where S = 0 or no event yet */
} breach_km_step;

typedef struct breach_survival {
    uint64_t n_incidents;  /* selected */
    uint64_t n_undated;    /* without the date: left out */
    uint64_t n_unnamed;    /* without an entity: left out */
    uint64_t n_late;       /* dated after window_end: left out */
    uint64_t n_organisations;
    uint64_t n_observations; /* organisations, or episodes followed by an observation time */
    uint64_t n_events;
    uint64_t n_censored;
    breach_date window_end;  /* the one used */
    double level;
    breach_interval median;  /* smallest t with S(t) <= 0.5, bounds by the same rule on the
                                band (Brookmeyer & Crowley 1982); NaN when not reached */
    breach_interval within_1y; /* 1 - S(365): breached again within 365 days; NaN when the
                                  follow-up ends before */
    breach_interval within_3y; /* 1 - S(1095) */
    size_t n_steps;
    breach_km_step *steps; /* one per distinct time with an event or a censoring, ascending */
} breach_survival;

/* Time to the next breach by the Kaplan-Meier product-limit estimator (Kaplan & Meier
 * 1958), with Greenwood's (1926) variance. Episodes are formed as breach_repeats_compute
 * forms them (same organisation, merge rule, campaign rule and associate window); an episode followed by
 * another is an event after their interval, the last one is right-censored at
 * window_end. Dates coarser than a day count at their first day, as in
 * breach_repeats_compute. No observation gives a result with no steps and NaN summaries. */
BREACH_API BREACH_WARN_UNUSED breach_survival *
breach_survival_compute(const breach_dataset *ds, const breach_filter *f,
                        const breach_survival_options *o, breach_error *err);
BREACH_API void breach_survival_free(breach_survival *s);

/* S(t) and its band at t days (right-continuous steps; S = 1 before the first event).
 * Returns BREACH_OK, or BREACH_EINVAL for a NULL or negative t and BREACH_ENOTFOUND when
 * t is past the longest observation (the estimate is undefined there); outputs may be
 * NULL. */
BREACH_API int breach_survival_at(const breach_survival *s, double t, double *surv,
                                  double *lo, double *hi, breach_error *err);

/* ---------------------------------------------------------------- per-capita rates */

/* Populations (breach_population) are read by the I/O layer: see include/breach/io.h. */

typedef struct breach_percapita_row {
    breach_region region;
    uint64_t population;
    breach_total affected;
    double rate;           /* affected.point per 100,000 residents; NaN when none of the
                              region's entries gives a figure (unknown, not 0: rate_lower
                              0, rate_upper INFINITY); such rows sort last */
    double rate_lower;     /* affected.lower per 100,000 */
    double rate_upper;     /* affected.upper per 100,000; INFINITY when unbounded, and
                              when the period is not observed in full (truncated_start
                              or truncated_end of breach_percapita): a lower bound then */
} breach_percapita_row;

typedef struct breach_percapita {
    int32_t year;          /* of the population estimates used */
    uint64_t n_without_population; /* regions in the input with no population figure */
    breach_total affected_without_population; /* their counts (not in any rate) */
    size_t n_rows;
    breach_percapita_row *rows; /* by rate descending, then region code */
    /* The period the rates cover (the shares' date_field, first, last, n_undated): the
       residents of notices dated first .. last, not a rate per year. days: the days the
       totals observe, covered_first .. covered_last (the shares'): the lists' span cut to
       the filter's date range, not first .. last (0 when none is covered). year_matches:
       every dated notice lies in `year` (false when none is dated). */
    int32_t date_field;
    breach_date first, last;
    uint64_t n_undated;
    int64_t days;
    bool year_matches;
    breach_date covered_first, covered_last;
    /* The shares' observation of the covered days by an event date (see
       breach_region_shares.truncated_start): when truncated_start or truncated_end, the
       rates count breaches reported by the lists' last report only, lower bounds of the
       period's */
    breach_date reported_first, reported_last;
    uint64_t n_delays;
    int32_t lag_days, lag_median;
    bool truncated_start, truncated_end;
} breach_percapita;

/* Affected residents per 100,000 by region, from breach_region_shares_compute's totals of
 * regional breakdowns. A person in two breaches counts twice: this is notices per 100,000
 * residents and may exceed 100,000. The totals are over the notices' whole period
 * (first .. last), not per year. The population is of the year pop was read for when the
 * caller named one; read with year 0, it is of the one calendar year in which every dated
 * notice lies when the file has that year (a 2021 selection over 2021's estimate), else
 * the latest. This is the only per-capita rate: a rate per resident
 * needs a count of residents, which only a breakdown by residence gives. (0.1 had
 * breach_percapita_from_counts, which divided the people in notices of organisations
 * located in a state by that state's residents, Anthem's 78.8 million making Indiana
 * 1,321,853.7 per 100,000: removed, as those people are not that state's residents.) With
 * no breakdown selected the result has no row. Returns an owned result, or NULL with err:
 * BREACH_EINVAL (NULL argument), BREACH_ENOMEM, BREACH_EOVERFLOW. */
BREACH_API BREACH_WARN_UNUSED breach_percapita *
breach_percapita_compute(const breach_region_shares *shares, const breach_population *pop,
                         breach_error *err);
BREACH_API void breach_percapita_free(breach_percapita *p);

/* ---------------------------------------------------------------- cross-source linking
 *
 * Sources report one incident in pieces: a state attorney general lists the residents of
 * its state (WA: Brightline, Inc., 26,333), the HHS portal the total (Brightline: 11 rows, one
 * per covered-entity client, 1,013,686 in all). A link joins a notice that gives regional
 * counts but no total to the notices of the same organisation (same entity key) that give
 * totals, dated within a window, so that the regional count gets a share. Every link says
 * which rows were joined and why. Keys only fold spelling: "CHSPSC, LLC" is not linked to
 * "Community Health Systems Professional Services Corporations (CHSPSC), LLC".
 */

typedef struct breach_link_options {
    int32_t window_days; /* default 120: a total counts when its date is at most this many
                            days before or after the regional notice's */
    int32_t date_field;  /* a breach_date_field; default BREACH_FIELD_REPORTED */
    uint64_t reserved_[4];
} breach_link_options;

BREACH_API void breach_link_options_init(breach_link_options *o);

typedef struct breach_link {
    size_t regional;         /* dataset index of the notice with regional counts, no total */
    size_t n_totals;
    const size_t *totals;    /* dataset indices of the linked notices (owned by the result) */
    breach_total total;      /* the sum of their affected counts */
    const char *entity_key;  /* the key they share (borrowed from the dataset) */
    int32_t days_min;        /* date(total) - date(regional), over the linked notices */
    int32_t days_max;
    const char *reason;      /* a sentence saying what was joined and why, and when the link
                                is inconsistent, which count is above the total (owned) */
    bool inconsistent;       /* a regional count (exact or "at least") is above the linked
                                total's upper bound (a total with no estimate and no "at
                                least": the rule breach_dataset_add applies within one
                                notice): probably another incident or a different count
                                basis. No region of the link gets a share. */
    uint64_t n_other_unit;   /* notices of the same key in the window whose totals count
                                accounts or records: never added to a total of people */
    uint64_t n_other_source; /* notices of the same key in the window with a total of
                                people from an input of another format: the same incident's
                                figure given twice (the seed's Brightline row and the
                                portal's 11 it sums), never added. The format whose totals
                                sum highest stands (on a tie, the one loaded first) */
    uint64_t n_other_filing; /* notices of the same key in the window with a total of
                                people of another filing, left out: the window's totals are
                                cut into filings as episodes are (a day's notices are one, a
                                business associate's filings one for 60 days from the
                                first) and the filing nearest the regional notice is linked,
                                on a tie the earlier */
} breach_link;

typedef struct breach_links {
    uint64_t n_regional;     /* selected notices with regional counts and no total (a
                                region entry without a figure is not a count) */
    uint64_t n_linked;       /* of those, linked to at least one total */
    uint64_t n_undated;      /* of those, without the chosen date (never linked) */
    uint64_t n_unmatched;    /* not linked: no usable name, no total of people of the same
                                key in the window, or a regional notice not counting people */
    size_t n_links;
    breach_link *links;      /* by entity key, then the regional notice's date */
    uint64_t n_inconsistent; /* links flagged inconsistent (counted in n_linked and listed
                                in links, kept out of shares) */
} breach_links;

/* Links regional-only notices to totals among the incidents the filter selects (revisions
 * applied as the filter says: superseded totals are not linked by default). A notice with
 * both a total and regional counts needs no link and is not listed. Several totals of one
 * organisation in the window are added up: HHS files one row per client of a business
 * associate, and those rows are separate notices that add. Units: regional counts are
 * residents (people), so only notices in BREACH_UNIT_INDIVIDUALS are linked, on both sides;
 * a regional notice in another unit counts in n_unmatched, a total in another unit in its
 * link's n_other_unit. A link whose regional count is above its total is kept, flagged
 * (inconsistent, n_inconsistent) and given no share. Returns an owned result (free with
 * breach_links_free), or NULL with err: BREACH_EINVAL (bad options), BREACH_ENOMEM,
 * BREACH_EOVERFLOW (a total above 2^64-1). */
BREACH_API BREACH_WARN_UNUSED breach_links *
breach_links_compute(const breach_dataset *ds, const breach_filter *f,
                     const breach_link_options *o, breach_error *err);
BREACH_API void breach_links_free(breach_links *l);

/* The share of a linked notice's count for region r in the linked total (NextGen's 21,981
 * Washington residents of 1,049,375). out->whole is the total as one count (exact when
 * every linked total is exact, else at least its lower bound, or estimated); share_min and
 * share_max bound the share from the total's bounds and the part's qualifier. The whole is
 * never less than the part: where an "at least" or estimated total lies below the part, the
 * part stands for it. So share_min <= share <= share_max <= 1 always, and for exact figures
 * all three are equal. Returns BREACH_OK (NaN shares when the total is 0);
 * BREACH_ENOTFOUND when the regional notice has no count for r; BREACH_EINCONSISTENT when
 * the link is inconsistent (link->inconsistent: a regional count above the total), with
 * out->part and out->whole filled and the three shares NaN, for every region of the link:
 * the total is probably another incident's or on another count basis, so no share of it is
 * a share of these residents; BREACH_EINVAL for a NULL argument. */
BREACH_API int breach_link_region_share(const breach_dataset *ds, const breach_link *link,
                                        breach_region r, breach_share *out, breach_error *err);

/* ---------------------------------------------------------------- notices in two formats */

/* The result, breach_format_overlap, is defined with the time series, which holds one. */


/* Over the incidents the filter selects (superseded revisions left out unless the filter
 * keeps them). o: NULL for the defaults. Returns an owned result (breach_format_overlap_free)
 * or NULL with err: BREACH_EINVAL (bad options), BREACH_ENOMEM, BREACH_EOVERFLOW (a sum
 * above 2^64-1). */
BREACH_API BREACH_WARN_UNUSED breach_format_overlap *
breach_format_overlap_compute(const breach_dataset *ds, const breach_filter *f,
                              const breach_link_options *o, breach_error *err);
BREACH_API void breach_format_overlap_free(breach_format_overlap *r);

#ifdef __cplusplus
}
#endif

#endif
