/* libbreach — statistics over a dataset.
 *
 * Each statistic is a pure function of (dataset, filter, options) that returns an owned
 * result object with a matching _free (NULL is a no-op), or NULL with err filled. A NULL
 * filter means breach_filter_init()'s: everything, superseded revisions left out.
 * Result structs are allocated by the library: read their fields, never allocate one
 * yourself (fields may be appended in later versions).
 *
 * Sums of counts are breach_total values: a lower and an upper bound plus the figures as
 * given, so that "more than 3 million" and unknown counts are never passed off as exact.
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
    breach_total total;     /* sum of the region's counts over incidents */
    uint64_t n_incidents;   /* incidents with an entry for the region */
    double share;           /* total.point / all_regions.point: the region's share of all
                               residents reported in breakdowns (NaN when that is 0) */
} breach_region_row;

typedef struct breach_region_shares {
    uint64_t n_incidents;          /* incidents selected by the filter */
    uint64_t n_with_breakdown;     /* of those, incidents with at least one region entry */
    breach_total all_regions;      /* sum of every regional count */
    breach_total affected_with_breakdown; /* sum of affected counts of incidents with a
                                             breakdown (the residents' share of it is
                                             all_regions / this) */
    size_t n_rows;
    breach_region_row *rows;       /* by total.point descending, then region code */
} breach_region_shares;

/* Per-region totals over the selected incidents. Counts per incident are added as they
 * are, with their qualifiers (see breach_total). Rows exist only for regions that appear
 * in some breakdown. n = 0 gives a result with no rows and zero totals. */
BREACH_API BREACH_WARN_UNUSED breach_region_shares *
breach_region_shares_compute(const breach_dataset *ds, const breach_filter *f,
                             breach_error *err);
BREACH_API void breach_region_shares_free(breach_region_shares *r);

/* ---------------------------------------------------------------- supply chain */

/* How a notice entered a supply-chain total. */
typedef enum breach_member_role {
    BREACH_MEMBER_COUNTED = 0,      /* counted in both bounds */
    BREACH_MEMBER_POSSIBLE_DOUBLE = 1 /* its `via` organisation is itself a member: the same
                                         people may be in both notices, so this one is in
                                         the upper bound only */
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
} breach_supply_member;

/* The running totals just after all notices of one reported date. */
typedef struct breach_supply_point {
    breach_date date;        /* a day (the notices' reported date) */
    uint64_t organisations;  /* distinct organisations known by then */
    uint64_t lower;          /* bounds of the individuals known by then (with revisions up */
    uint64_t upper;          /* to that date replacing earlier figures) */
    bool upper_unbounded;
    uint64_t point;
} breach_supply_point;

typedef struct breach_supply_chain {
    const char *vendor;           /* the vendor asked for (owned by this result) */
    uint64_t n_notices;           /* notices for the vendor selected by the filter,
                                     revisions included */
    uint64_t n_superseded;        /* of those, replaced by a later revision */
    uint64_t n_organisations;     /* distinct entity keys */
    uint64_t n_possible_double;   /* members counted in the upper bound only */
    breach_total individuals;     /* over members: lower excludes possible doubles */
    uint64_t n_undated;           /* members without a reported date (in the totals, not in
                                     the curve) */
    size_t n_members;
    breach_supply_member *members; /* by reported date, then dataset order */
    size_t n_points;
    breach_supply_point *curve;   /* one point per distinct reported date, ascending */
} breach_supply_chain;

/* Totals for one vendor or campaign (compared by entity key: "Fortra GoAnywhere" and
 * "FORTRA GOANYWHERE" are one). Revisions follow breach_dataset_superseded(); the filter's
 * include_superseded is ignored here, since counting a revision twice is never a total.
 * A vendor with no notices gives a result with zero members (not an error). The figures
 * are those of the notices; the unit is not checked (a vendor whose notices mix people
 * and accounts is the caller's to spot). */
BREACH_API BREACH_WARN_UNUSED breach_supply_chain *
breach_supply_chain_compute(const breach_dataset *ds, const char *vendor,
                            const breach_filter *f, breach_error *err);
BREACH_API void breach_supply_chain_free(breach_supply_chain *r);

/* ---------------------------------------------------------------- repeat victims */

typedef struct breach_repeat_options {
    int32_t date_field;      /* a breach_date_field; default BREACH_FIELD_EVENT */
    int32_t merge_within_days; /* consecutive incidents of one organisation at most this
                                  many days apart are one episode; default 0 (same day) */
    uint64_t reserved_[4];
} breach_repeat_options;

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
    uint64_t n_undated;      /* of those, without the chosen date (left out) */
    uint64_t n_unnamed;      /* of those, without an entity name (left out) */
    uint64_t n_entities;     /* distinct entity keys among dated incidents */
    uint64_t n_repeat_entities; /* entities with two or more episodes */
    double repeat_share;     /* n_repeat_entities / n_entities; NaN when n_entities = 0 */
    size_t n_intervals;
    breach_repeat_interval *intervals; /* by entity key, then date */
    breach_repeat_summary summary;
} breach_repeats;

/* Repeat-victim intervals. Incidents are grouped by entity key and ordered by the chosen
 * date (ties by dataset order); consecutive incidents no more than merge_within_days apart
 * form one episode, and so do notices of one organisation for the same vendor (one
 * campaign hits an organisation once). Each gap between consecutive episodes is one
 * interval, measured between the episodes' first incidents. */
BREACH_API BREACH_WARN_UNUSED breach_repeats *
breach_repeats_compute(const breach_dataset *ds, const breach_filter *f,
                       const breach_repeat_options *opt, breach_error *err);
BREACH_API void breach_repeats_free(breach_repeats *r);

#ifdef __cplusplus
}
#endif

#endif
