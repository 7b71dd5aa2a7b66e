/* Counts results (private): the allocation behind a breach_counts, shared by agg_counts.c
 * (one dimension of the model) and agg_crosstab.c (attributes, years, months, cross-tabs). */
#ifndef BREACH_COUNTS_PRIVATE_H
#define BREACH_COUNTS_PRIVATE_H

#include "dataset_private.h"

typedef struct breach_counts_impl {
    breach_counts pub; /* first: a breach_counts * is the impl's address */
    char *store, *store2; /* labels the result owns (years, months of rows, columns) */
} breach_counts_impl;

/* The set-valued dimensions of the model (types, categories, locations): whether d is one,
 * its levels (a mask of valid bits, *nlev of them), an incident's set, a level's name. */
static inline int breach_set_dim(int d)
{
    return d == BREACH_DIM_TYPE || d == BREACH_DIM_CATEGORY || d == BREACH_DIM_LOCATION;
}

/* The levels of a vocabulary dimension, as a mask of valid bits. */
static inline uint64_t breach_set_levels(int d, size_t *nlev)
{
    switch (d) {
    case BREACH_DIM_TYPE: *nlev = BREACH_TYPE_UNKNOWN; return BREACH_TYPE_BIT(BREACH_TYPE_UNKNOWN) - 1;
    case BREACH_DIM_CATEGORY: *nlev = BREACH_CAT_COUNT_; return BREACH_CAT_BIT(BREACH_CAT_COUNT_) - 1;
    default: *nlev = BREACH_LOC_COUNT_; return BREACH_LOC_BIT(BREACH_LOC_COUNT_) - 1;
    }
}

static inline uint64_t breach_set_of(const breach_dataset *ds, int d, size_t i)
{
    switch (d) {
    case BREACH_DIM_TYPE: return ds->types[i];
    case BREACH_DIM_CATEGORY: return ds->categories[i];
    default: return ds->locations[i];
    }
}

static inline const char *breach_set_name(int d, size_t lev)
{
    switch (d) {
    case BREACH_DIM_TYPE: return breach_type_name((breach_type)lev);
    case BREACH_DIM_CATEGORY: return breach_category_name((breach_category)lev);
    default: return breach_location_name((breach_location)lev);
    }
}

/* Adds one to tally[l] for each level l in the mask `levels` (a set dimension's levels of
 * a notice, or those its source can state). */
static inline void breach_levels_tally(uint64_t *tally, uint64_t levels)
{
    for (size_t l = 0; levels; l++, levels >>= 1)
        tally[l] += levels & 1;
}

/* The small-sample rules for a denominator n (doc/statistics.md). */
static inline int breach_counts_status_of(uint64_t n, const breach_counts_options *o)
{
    if (n < o->min_n_report)
        return BREACH_COUNTS_SUPPRESSED;
    if (n < o->min_n)
        return o->force ? BREACH_COUNTS_FORCED : BREACH_COUNTS_SMALL_N;
    return BREACH_COUNTS_OK;
}

/* The levels of dimension d each selected incident's source can state (a vocabulary
 * dimension: types, categories, locations; input_private.h): *rec receives an allocated
 * array of nsel masks, or NULL when every input states every level (or d is another
 * dimension); *recorded the union over the selection (every level, UINT64_MAX for another
 * dimension, when *rec is NULL). 0 or BREACH_ENOMEM. */
int breach_counts_recordable(const breach_dataset *ds, int d, const size_t *sel, size_t nsel,
                             uint64_t **rec, uint64_t *recorded);

/* The cross-tab engine: every dimension, with or without `by` (options checked). */
breach_counts *breach_crosstab_compute(const breach_dataset *ds, const breach_filter *f,
                                       const breach_counts_options *o, breach_error *err);

#endif
