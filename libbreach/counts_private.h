/* Counts results (private): the allocation behind a breach_counts, shared by agg_counts.c
 * (one dimension of the model) and agg_crosstab.c (attributes, years, months, cross-tabs). */
#ifndef BREACH_COUNTS_PRIVATE_H
#define BREACH_COUNTS_PRIVATE_H

#include "dataset_private.h"

typedef struct breach_counts_impl {
    breach_counts pub; /* first: a breach_counts * is the impl's address */
    char *store, *store2; /* labels the result owns (years, months of rows, columns) */
} breach_counts_impl;

/* The cross-tab engine: every dimension, with or without `by` (options checked). */
breach_counts *breach_crosstab_compute(const breach_dataset *ds, const breach_filter *f,
                                       const breach_counts_options *o, breach_error *err);

#endif
