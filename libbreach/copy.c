/* Copies of incidents with what their sources are: breach_dataset_append and
 * breach_dataset_append_selected.
 *
 * The statistics read per-source rules through each incident's input (the categories its
 * source can state, the listing floor, which list it belongs to and what that list
 * covers: input.c, episode.c). A copy made with breach_dataset_add alone belongs to no
 * input, so it "states every category" (a category VERIS has no word for reads as a
 * measured 0 %), has no floor, and covers only its own dates. Here each source input that
 * contributes becomes one input of the copy: its record as a whole (every field, so that
 * what a source can say comes along whatever it is), with the copied incidents as its
 * range, its lines, its list renumbered, and the days its list covered in the source
 * dataset (breach_lists_spans), which the copied incidents alone may not reach.
 *
 * Identity is not run again: the notices the source dataset dropped as arriving twice stay
 * dropped when the notice standing for them is copied too, and an append does not compare
 * the appended inputs with dst's (a later load into dst compares them all). */
#include "dataset_private.h"

#include "attr_private.h"
#include "episode_private.h"
#include "input_private.h"
#include "query_private.h"

#include <stdlib.h>
#include <string.h>

/* Ends the copied input being filled, if any: its incidents end here. */
static void end_input(breach_dataset *dst)
{
    if (dst->input_open) {
        dst->inputs[dst->n_inputs - 1].end = dst->n;
        dst->input_open = 0;
    }
}

/* Starts dst's copy of input record s, its incidents to follow from dst->n on, in list
 * `list` of dst, covering `span` (the days s's list covers where it comes from). */
static int copy_input(breach_dataset *dst, const breach_input_rec *s, size_t list,
                      const breach_input_spans *span, breach_error *err)
{
    if (breach_grow((void **)&dst->inputs, &dst->inputs_cap, dst->n_inputs + 1,
                    sizeof *dst->inputs))
        return breach_fail(err, BREACH_ENOMEM, "out of memory");
    breach_input_rec *r = &dst->inputs[dst->n_inputs];
    *r = *s; /* every field; then the ones that are this copy's own */
    r->name = breachp_strdup(s->name);
    r->format = breachp_strdup(s->format);
    if (!r->name || !r->format) {
        breachp_free(r->name);
        breachp_free(r->format);
        return breach_fail(err, BREACH_ENOMEM, "out of memory");
    }
    r->list = list;
    r->first = r->end = dst->n;
    r->marks = NULL;
    r->n_marks = r->marks_cap = 0;
    r->next_line = -1;
    r->n_dropped = 0;
    r->report = NULL;
    r->has_spans = 1;
    r->spans = *span;
    r->has_own = 0; /* s's incidents', not the copy's */
    dst->n_inputs++;
    dst->input_open = 1; /* breach_input_line marks its incidents' lines */
    return 0;
}

/* The position of src index i among the copied ones (idx ascending; NULL: all n), or
 * SIZE_MAX when it was not copied. */
static size_t copied_at(const size_t *idx, size_t n, size_t i)
{
    if (!idx)
        return i < n ? i : SIZE_MAX;
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (idx[mid] < i)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && idx[lo] == i ? lo : SIZE_MAX;
}

/* src's drops among the copied incidents (now from dst index `base` on), added to dst's
 * marks: all allocated first, so that a failure leaves dst's marks as they were. */
static int copy_drops(breach_dataset *dst, const breach_dataset *src, const size_t *idx,
                      size_t n, size_t base, breach_error *err)
{
    size_t add = 0;
    for (size_t j = 0; src->n_drops && j < n; j++) {
        long by = breach_dataset_duplicate_of(src, idx ? idx[j] : j);
        add += by >= 0 && copied_at(idx, n, (size_t)by) != SIZE_MAX;
    }
    if (!add)
        return 0;
    size_t nd = dst->n_drops, nov = dst->n_overlaps;
    size_t *didx = breachp_malloc((nd + add) * sizeof *didx);
    size_t *dby = breachp_malloc((nd + add) * sizeof *dby);
    uint64_t *bits = breachp_calloc(dst->n / 64 + 1, sizeof *bits);
    breach_overlap_rec *ov = breachp_malloc((nov + add) * sizeof *ov);
    if (!didx || !dby || !bits || !ov) {
        breachp_free(didx);
        breachp_free(dby);
        breachp_free(bits);
        breachp_free(ov);
        return breach_fail(err, BREACH_ENOMEM, "out of memory copying the notices that arrived twice");
    }
    if (nd) {
        memcpy(didx, dst->drop_index, nd * sizeof *didx);
        memcpy(dby, dst->drop_by, nd * sizeof *dby);
    }
    if (nov)
        memcpy(ov, dst->overlaps, nov * sizeof *ov);
    for (size_t j = 0; j < nd; j++)
        bits[didx[j] / 64] |= (uint64_t)1 << (didx[j] % 64);
    for (size_t j = 0; j < n; j++) {
        long by = breach_dataset_duplicate_of(src, idx ? idx[j] : j);
        size_t at = by >= 0 ? copied_at(idx, n, (size_t)by) : SIZE_MAX;
        if (at == SIZE_MAX)
            continue;
        size_t i = base + j, b = base + at;
        didx[nd] = i;
        dby[nd++] = b;
        bits[i / 64] |= (uint64_t)1 << (i % 64);
        size_t k = (size_t)breach_dataset_origin(dst, i, NULL);
        size_t kept = (size_t)breach_dataset_origin(dst, b, NULL);
        size_t o = 0;
        while (o < nov && !(ov[o].dropped_input == k && ov[o].kept_input == kept))
            o++;
        if (o == nov)
            ov[nov++] = (breach_overlap_rec){k, kept, 0};
        ov[o].n++;
        dst->inputs[k].n_dropped++;
    }
    breachp_free(dst->drop_index);
    breachp_free(dst->drop_by);
    breachp_free(dst->dropped_bits);
    breachp_free(dst->overlaps);
    dst->drop_index = didx;
    dst->drop_by = dby;
    dst->dropped_bits = bits;
    dst->dropped_rows = dst->n;
    dst->n_drops = nd;
    dst->overlaps = ov;
    dst->n_overlaps = nov;
    return 0;
}

/* Cuts the spans on f's date field to f's date range: a selection by date observes the
 * lists on those days only, so a statistic on the copy (a time series, a rate's period)
 * gives what it gives on the source with f, not the days f removed as days without a
 * notice. Other date fields keep their spans: f says nothing of them. */
static void cut_spans(breach_input_spans *spans, size_t ni, const breach_filter *f)
{
    if (!f || f->date_field < BREACH_FIELD_EVENT || f->date_field > BREACH_FIELD_DISCOVERED)
        return;
    int has_from = breach_date_is_known(f->from), has_to = breach_date_is_known(f->to);
    int32_t from = has_from ? f->from.day : INT32_MIN;
    int32_t to = has_to ? breach_date_last_day(f->to) : INT32_MAX;
    for (size_t k = 0; k < ni; k++)
        for (int p = 0; p < 3; p++) {
            int32_t *d = spans[k].day[f->date_field][p];
            d[0] = d[0] > from ? d[0] : from;
            d[1] = d[1] < to ? d[1] : to;
            if (d[0] > d[1]) { /* no day of the range covered: an empty span */
                d[0] = INT32_MAX;
                d[1] = INT32_MIN;
            }
        }
}

/* Appends copies of src's incidents idx[0..n) (ascending; NULL: 0 .. n-1), with their
 * attributes and inputs (see the top of this file), the spans cut to f's date range
 * (f may be NULL). */
static int copy_rows(breach_dataset *dst, const breach_dataset *src, const size_t *idx,
                     size_t n, const breach_filter *f, breach_error *err)
{
    size_t ni = src->n_inputs, base = dst->n;
    breach_input_spans *spans = breachp_malloc((ni ? ni : 1) * sizeof *spans);
    size_t *lmap = breachp_malloc((ni ? ni : 1) * sizeof *lmap); /* src list -> dst input */
    int rc = BREACH_ENOMEM;
    if (!spans || !lmap || breach_lists_spans(src, spans)) {
        breach_fail(err, rc, "out of memory");
        goto out;
    }
    cut_spans(spans, ni, f);
    for (size_t k = 0; k < ni; k++)
        lmap[k] = SIZE_MAX;
    end_input(dst); /* dst is not being loaded: no open input of its own */
    long cur = -1;
    breach_incident inc;
    for (size_t j = 0; j < n; j++) {
        size_t i = idx ? idx[j] : j;
        long line, k = breach_dataset_origin(src, i, &line);
        if (k != cur) {
            end_input(dst);
            cur = k;
            if (k >= 0) {
                size_t root = src->inputs[k].list;
                if (lmap[root] == SIZE_MAX)
                    lmap[root] = dst->n_inputs;
                if ((rc = copy_input(dst, &src->inputs[k], lmap[root], &spans[k], err)))
                    goto out;
            }
        }
        breach_dataset_get(src, i, &inc, NULL);
        long at = breach_dataset_add(dst, &inc, err);
        if (at < 0) {
            rc = (int)at;
            goto out;
        }
        if ((rc = breach_attrs_copy_row(dst, src, i, err)))
            goto out;
        if (k >= 0 && breach_input_line(dst, (size_t)at, line)) {
            rc = breach_fail(err, BREACH_ENOMEM, "out of memory");
            goto out;
        }
    }
    end_input(dst);
    rc = copy_drops(dst, src, idx, n, base, err);
out:
    end_input(dst);
    breachp_free(spans);
    breachp_free(lmap);
    return rc;
}

int breach_dataset_append(breach_dataset *dst, const breach_dataset *src, breach_error *err)
{
    if (!dst || !src || dst == src)
        return breach_fail(err, BREACH_EINVAL, "append needs two different datasets");
    return copy_rows(dst, src, NULL, src->n, NULL, err);
}

int breach_dataset_append_selected(breach_dataset *dst, const breach_dataset *src,
                                   const breach_filter *f, breach_error *err)
{
    if (!dst || !src || dst == src)
        return breach_fail(err, BREACH_EINVAL, "append needs two different datasets");
    size_t n = 0;
    int rc = 0;
    size_t *sel = breach_select(src, f, 0, &n, &rc, err);
    if (!sel && rc)
        return rc;
    rc = copy_rows(dst, src, sel, n, f, err);
    breachp_free(sel);
    return rc;
}
