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
#include "parallel_private.h"

typedef struct breach_selection {
    size_t n;      /* incidents selected */
    size_t *index; /* the selected indices, ascending, when the filter has criteria; else NULL */
    size_t *skip;  /* index == NULL: the incidents begin .. end-1 that are left out
                      (superseded), ascending (NULL when none) */
    size_t n_skip, begin, end; /* begin is 0 but in a part (breach_selection_part) */
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
    *lo = *at ? s->skip[*at - 1] + 1 : s->begin;
    *hi = *at < s->n_skip ? s->skip[*at] : s->end;
    (*at)++;
    return 1;
}

/* Part `part` of `parts` of s, the parts one after the other in dataset order (about as
 * many incidents each): a view that shares s's arrays (not to be freed). */
static inline void breach_selection_part(const breach_selection *s, unsigned part,
                                         unsigned parts, breach_selection *out)
{
    *out = *s;
    size_t lo, hi;
    if (s->index) {
        breach_part_range(s->n, part, parts, &lo, &hi);
        out->index = s->index + lo;
        out->n = hi - lo;
        return;
    }
    breach_part_range(s->end - s->begin, part, parts, &lo, &hi);
    lo += s->begin;
    hi += s->begin;
    size_t a = 0, b = 0; /* the skipped incidents below lo, and below hi */
    while (a < s->n_skip && s->skip[a] < lo)
        a++;
    for (b = a; b < s->n_skip && s->skip[b] < hi;)
        b++;
    out->skip = s->skip ? s->skip + a : NULL;
    out->n_skip = b - a;
    out->begin = lo;
    out->end = hi;
    out->n = (hi - lo) - (b - a);
}

#endif
