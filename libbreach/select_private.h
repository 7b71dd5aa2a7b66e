/* Selections for the statistics' loops (private): the incidents a filter selects, without
 * an array of every index when the filter has no criteria of its own.
 *
 * breach_select() lists the selected indices: one size_t per incident, written and read
 * again, for what is most often "everything but the superseded notices". A selection keeps
 * that case as the list of indices left out (a few percent), and the loop walks the
 * columns between them. */
#ifndef BREACH_SELECT_PRIVATE_H
#define BREACH_SELECT_PRIVATE_H

#include "dataset_private.h"

typedef struct breach_selection {
    size_t n;      /* incidents selected */
    size_t *index; /* the selected indices, ascending, when the filter has criteria; else NULL */
    size_t *skip;  /* index == NULL: the incidents 0 .. end-1 that are left out (superseded),
                      ascending (NULL when none) */
    size_t n_skip, end;
} breach_selection;

/* Fills *s with the incidents that breach_select(ds, f, 0, ...) gives, in the same order.
 * Returns BREACH_OK or a negative status (err says why; *s is then empty). When nothing is
 * selected err is cleared, as by breach_select. Free with breach_selection_free. */
int breach_selection_make(breach_selection *s, const breach_dataset *ds, const breach_filter *f,
                          breach_error *err);
void breach_selection_free(breach_selection *s);

/* The next span [*lo, *hi) of consecutive selected incidents (possibly empty), in dataset
 * order; *at starts at 0. Returns 0 when there is none left:
 *
 *     for (size_t at = 0, lo, hi; breach_selection_span(&s, &at, &lo, &hi);)
 *         for (size_t i = lo; i < hi; i++)
 *             ... incident i ...
 */
static inline int breach_selection_span(const breach_selection *s, size_t *at, size_t *lo,
                                        size_t *hi)
{
    if (s->index) {
        if (*at >= s->n)
            return 0;
        *lo = s->index[(*at)++];
        *hi = *lo + 1;
        while (*at < s->n && s->index[*at] == *hi) {
            (*hi)++;
            (*at)++;
        }
        return 1;
    }
    /* the spans between the skipped incidents: n_skip + 1 of them */
    if (*at > s->n_skip)
        return 0;
    *lo = *at ? s->skip[*at - 1] + 1 : 0;
    *hi = *at < s->n_skip ? s->skip[*at] : s->end;
    (*at)++;
    return 1;
}

#endif
