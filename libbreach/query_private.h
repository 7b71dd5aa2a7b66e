/* Selections by a filter (private), for code outside the statistics that needs the
 * selected incidents but not the dataset's columns (the writers). */
#ifndef BREACH_QUERY_PRIVATE_H
#define BREACH_QUERY_PRIVATE_H

#include "breach_private.h"

/* Selected indices (filter, then revisions unless f->include_superseded; force_revisions
 * applies the revision rule whatever the filter says). *n receives their number; the
 * array is owned by the caller (breachp_free()); NULL with *n = 0 when none (or error, in which
 * case err says so and *rc is negative). */
size_t *breach_select(const breach_dataset *ds, const breach_filter *f, int force_revisions,
                      size_t *n, int *rc, breach_error *err);

#endif
