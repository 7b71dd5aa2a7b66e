/* Enumerated attributes (private): the store behind dataset.h's "enumerated attributes".
 *
 * Each distinct (field, value) pair is interned once as the text "field\x1fvalue" (a
 * deduplicating table: pair numbers run 1 .. P) with its field's number, its value's
 * number within the field and whether it is the unknown value. Incidents hold their pairs'
 * numbers in one array, each incident's run sorted ascending, and a dense array of run ends
 * (end[i]: the pairs of rows 0 .. i), which exists only from the first attribute on. Rows
 * past `rows` (added after the last one with an attribute) carry none. */
#ifndef BREACH_ATTR_PRIVATE_H
#define BREACH_ATTR_PRIVATE_H

#include "dataset_private.h"

typedef struct breach_attrs {
    breach_intern *names;     /* field names: ids 1 .. F */
    breach_intern *pairs;     /* "field\x1fvalue": ids 1 .. P */
    uint32_t *pair_field;     /* [pid]: field id (1-based) */
    uint32_t *pair_value;     /* [pid]: value number within its field (0-based) */
    uint64_t *pair_count;     /* [pid]: incidents carrying it */
    uint8_t *pair_unknown;    /* [pid]: the value is "Unknown" */
    size_t pair_cap;
    uint32_t **field_pairs;   /* [fid - 1]: its pairs in value order */
    size_t *field_n, *field_cap;
    uint64_t *field_count, *field_unknown; /* incidents with any value / with the unknown */
    size_t fields_cap;
    uint32_t *codes;          /* every incident's pairs */
    size_t n_codes, codes_cap;
    uint32_t *end;            /* [row]: n_codes after the row's pairs */
    size_t rows, end_cap;
    /* field ids of the names loaders pass (breach_attr_add_n), by address */
    struct breach_attr_fcache {
        const char *name;
        uint32_t fid;
    } fcache[64];
} breach_attrs;

void breach_attrs_free(breach_attrs *a);

/* Incident i's pairs (sorted ascending); *n receives how many (0 when none). */
static inline const uint32_t *breach_attrs_row(const breach_attrs *a, size_t i, size_t *n)
{
    if (!a || i >= a->rows) {
        *n = 0;
        return NULL;
    }
    uint32_t b = i ? a->end[i - 1] : 0;
    *n = a->end[i] - b;
    return a->codes + b;
}

/* Whether incident i carries pair pid. */
static inline int breach_attrs_has(const breach_attrs *a, size_t i, uint32_t pid)
{
    size_t n;
    const uint32_t *p = breach_attrs_row(a, i, &n);
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (p[mid] < pid)
            lo = mid + 1;
        else if (p[mid] > pid)
            hi = mid;
        else
            return 1;
    }
    return 0;
}

/* The pair number of (field, value), 0 when no incident carries it. */
uint32_t breach_attrs_find(const breach_attrs *a, const char *field, size_t flen,
                           const char *value, size_t vlen);

/* Copies incident src_i's attributes of src onto dst's last incident (dataset append). */
int breach_attrs_copy_row(breach_dataset *dst, const breach_dataset *src, size_t src_i,
                          breach_error *err);

/* Resolves f->where into c (breach_cfilter_init). BREACH_OK or BREACH_EINVAL. */
int breach_cfilter_where(breach_cfilter *c, const breach_dataset *ds, const breach_filter *f,
                         breach_error *err);
/* Whether incident i meets c's where criteria. */
int breach_cfilter_where_match(const breach_cfilter *c, const breach_dataset *ds, size_t i);

#endif
