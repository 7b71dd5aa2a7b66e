/* Enumerated attributes: interned (field, value) pairs, a run of pair numbers per incident.
 * See attr_private.h for the layout and dataset.h for the contract. */
#include "attr_private.h"

#include <stdlib.h>
#include <string.h>

#define SEP '\x1f' /* between field and value in a pair's text; no field or value holds it */

void breach_attrs_free(breach_attrs *a)
{
    if (!a)
        return;
    breach_intern_free(a->names);
    breach_intern_free(a->pairs);
    breachp_free(a->pair_field);
    breachp_free(a->pair_value);
    breachp_free(a->pair_count);
    breachp_free(a->pair_unknown);
    for (size_t f = 0; a->field_pairs && f < a->fields_cap; f++)
        breachp_free(a->field_pairs[f]);
    breachp_free(a->field_pairs);
    breachp_free(a->field_n);
    breachp_free(a->field_cap);
    breachp_free(a->field_count);
    breachp_free(a->field_unknown);
    breachp_free(a->codes);
    breachp_free(a->end);
    breachp_free(a);
}

static breach_attrs *attrs_get(breach_dataset *ds)
{
    if (ds->attrs)
        return ds->attrs;
    breach_attrs *a = breachp_calloc(1, sizeof *a);
    if (!a)
        return NULL;
    a->names = breach_intern_new();
    a->pairs = breach_intern_new();
    if (!a->names || !a->pairs) {
        breach_attrs_free(a);
        return NULL;
    }
    return ds->attrs = a;
}

static int is_unknown(const char *v, size_t len) { return breach_ieq(v, len, "unknown"); }

/* The text "field\x1fvalue" in buf (stack) or a new heap block (*heap, freed by the caller). */
static const char *pair_text(const char *field, size_t flen, const char *value, size_t vlen,
                             char *buf, size_t bufsize, char **heap, size_t *len)
{
    *heap = NULL;
    *len = flen + 1 + vlen;
    char *t = buf;
    if (*len >= bufsize && !(t = *heap = breachp_malloc(*len + 1)))
        return NULL;
    memcpy(t, field, flen);
    t[flen] = SEP;
    memcpy(t + flen + 1, value, vlen);
    t[*len] = '\0';
    return t;
}

uint32_t breach_attrs_find(const breach_attrs *a, const char *field, size_t flen,
                           const char *value, size_t vlen)
{
    if (!a)
        return 0;
    char buf[256], *heap;
    size_t len;
    const char *t = pair_text(field, flen, value, vlen, buf, sizeof buf, &heap, &len);
    uint32_t pid = t ? breach_intern_find(a->pairs, t, len) : 0;
    breachp_free(heap);
    return pid;
}

/* Room for field id fid (1-based) and one more value of it. */
static int field_room(breach_attrs *a, uint32_t fid)
{
    if (fid > a->fields_cap) {
        size_t ncap = a->fields_cap ? a->fields_cap * 2 : 16, c;
        if (ncap < fid)
            ncap = fid;
#define GROW(p)                                                                                \
    c = a->fields_cap;                                                                         \
    if (breach_grow((void **)&a->p, &c, ncap, sizeof *a->p))                                   \
        return BREACH_ENOMEM;                                                                  \
    memset(a->p + a->fields_cap, 0, (c - a->fields_cap) * sizeof *a->p);
        GROW(field_pairs) GROW(field_n) GROW(field_cap) GROW(field_count) GROW(field_unknown)
#undef GROW
        a->fields_cap = ncap;
    }
    size_t f = fid - 1;
    return breach_grow((void **)&a->field_pairs[f], &a->field_cap[f], a->field_n[f] + 1,
                       sizeof *a->field_pairs[f]);
}

/* Room for pair id pid. */
static int pair_room(breach_attrs *a, size_t pid)
{
    if (pid < a->pair_cap)
        return 0;
    size_t ncap = a->pair_cap ? a->pair_cap * 2 : 64, c;
    while (ncap <= pid)
        ncap *= 2;
#define GROW(p)                                                                                \
    c = a->pair_cap;                                                                           \
    if (breach_grow((void **)&a->p, &c, ncap, sizeof *a->p))                                   \
        return BREACH_ENOMEM;                                                                  \
    memset(a->p + a->pair_cap, 0, (c - a->pair_cap) * sizeof *a->p);
    GROW(pair_field) GROW(pair_value) GROW(pair_count) GROW(pair_unknown)
#undef GROW
    a->pair_cap = ncap;
    return 0;
}

/* Adds (field, value) to row `index` (the dataset's last). Strings are checked. *fidp (may
 * be NULL): the field's id when known (non-zero), and receives it. */
static int add_pair(breach_dataset *ds, size_t index, const char *field, size_t flen,
                    const char *value, size_t vlen, uint32_t *fidp, breach_error *err)
{
    breach_attrs *a = attrs_get(ds);
    if (!a)
        return breach_fail(err, BREACH_ENOMEM, "out of memory storing an attribute");
    int rc = 0;
    uint32_t fid = fidp && *fidp ? *fidp : breach_intern_find(a->names, field, flen);
    uint32_t nf = breach_intern_count(a->names), np = breach_intern_count(a->pairs);
    if (a->n_codes >= UINT32_MAX - 1 || np >= UINT32_MAX - 2)
        return breach_fail(err, BREACH_ELIMIT, "more than 2^32 - 2 attributes in one dataset");
    /* every room first, so that a failure leaves nothing half-stored */
    size_t ccap = a->codes_cap, ecap = a->end_cap;
    if (field_room(a, fid ? fid : nf + 1) || pair_room(a, (size_t)np + 1) ||
        breach_grow((void **)&a->codes, &ccap, a->n_codes + 1, sizeof *a->codes) ||
        breach_grow((void **)&a->end, &ecap, index + 1, sizeof *a->end))
        return breach_fail(err, BREACH_ENOMEM, "out of memory storing an attribute");
    a->codes_cap = ccap;
    a->end_cap = ecap;
    char buf[256], *heap;
    size_t len;
    const char *t = pair_text(field, flen, value, vlen, buf, sizeof buf, &heap, &len);
    uint32_t pid = 0;
    int is_new = 0;
    if (!t || (!fid && (rc = breach_intern_put(a->names, field, flen, &fid, NULL))) ||
        (rc = breach_intern_put(a->pairs, t, len, &pid, &is_new))) {
        breachp_free(heap);
        return breach_fail(err, rc == BREACH_ELIMIT ? rc : BREACH_ENOMEM,
                           "out of memory storing an attribute");
    }
    breachp_free(heap);
    if (fidp)
        *fidp = fid;
    if (is_new) {
        size_t f = fid - 1;
        a->pair_field[pid] = fid;
        a->pair_value[pid] = (uint32_t)a->field_n[f];
        a->pair_unknown[pid] = (uint8_t)is_unknown(value, vlen);
        a->field_pairs[f][a->field_n[f]++] = pid;
    }
    /* the rows between the last with attributes and this one carry none */
    while (a->rows <= index)
        a->end[a->rows++] = (uint32_t)a->n_codes;
    uint32_t b = index ? a->end[index - 1] : 0;
    uint32_t *run = a->codes + b;
    size_t n = a->n_codes - b, at = n;
    int had_field = 0, had_unknown = 0;
    for (size_t k = 0; k < n; k++) {
        if (run[k] == pid)
            return BREACH_OK;
        if (a->pair_field[run[k]] == fid) {
            had_field = 1;
            had_unknown |= a->pair_unknown[run[k]];
        }
        if (run[k] > pid && at == n)
            at = k;
    }
    memmove(run + at + 1, run + at, (n - at) * sizeof *run);
    run[at] = pid;
    a->n_codes++;
    a->end[index]++;
    a->pair_count[pid]++;
    if (!had_field)
        a->field_count[fid - 1]++;
    if (a->pair_unknown[pid] && !had_unknown)
        a->field_unknown[fid - 1]++;
    return BREACH_OK;
}

/* 0, or the first byte of s[0..len) that has no place in a field name (field) or value. */
static int bad_char(const char *s, size_t len, int field)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == 0x7f || (field && (c == '=' || c == '!')))
            return c ? c : -1;
    }
    return 0;
}

static int check(const char *s, size_t len, int field, breach_error *err)
{
    const char *what = field ? "an attribute's field" : "an attribute's value";
    size_t bad;
    if (!len)
        return breach_fail(err, BREACH_EINVAL, "%s is empty", what);
    if (!breach_utf8_valid(s, len, &bad))
        return breach_fail(err, BREACH_EENCODING, "%s is not valid UTF-8 (byte %zu)", what,
                           bad + 1);
    int c = bad_char(s, len, field);
    if (c)
        return breach_fail(err, BREACH_EINVAL, "%s holds %s (0x%02x)", what,
                           c == '=' || c == '!' ? "an '=' or '!'" : "a control character",
                           (unsigned)(c < 0 ? 0 : c));
    return BREACH_OK;
}

int breach_dataset_add_attr(breach_dataset *ds, size_t index, const char *field,
                            const char *value, breach_error *err)
{
    if (!ds || !field || !value)
        return breach_fail(err, BREACH_EINVAL, "no dataset, field or value");
    if (!ds->n || index != ds->n - 1)
        return breach_fail(err, BREACH_EINVAL,
                           "attributes go to the last incident added (%zu), not %zu",
                           ds->n ? ds->n - 1 : 0, index);
    size_t flen = strlen(field), vlen = strlen(value);
    int rc;
    if ((rc = check(field, flen, 1, err)) || (rc = check(value, vlen, 0, err)))
        return rc;
    return add_pair(ds, index, field, flen, value, vlen, NULL, err);
}

int breach_attr_add_n(breach_dataset *ds, const char *field, const char *s, size_t len,
                      breach_error *err)
{
    while (len && (s[0] == ' ' || s[0] == '\t'))
        s++, len--;
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    if (!len || !ds->n)
        return BREACH_OK;
    int rc = check(s, len, 0, err);
    if (rc == BREACH_EINVAL) /* a control character in a source's value: not an enumeration */
        return BREACH_OK;
    if (rc)
        return rc;
    struct breach_attr_fcache *slot = NULL;
    uint32_t fid = 0;
    if (ds->attrs) {
        slot = &ds->attrs->fcache[((uintptr_t)field >> 3) % 64];
        /* a hit is checked: a mapping's field name may later share an address */
        fid = slot->name == field && strcmp(breach_intern_get(ds->attrs->names, slot->fid),
                                            field) == 0
                  ? slot->fid
                  : 0;
    }
    rc = add_pair(ds, ds->n - 1, field, strlen(field), s, len, &fid, err);
    if (!rc && fid) {
        slot = &ds->attrs->fcache[((uintptr_t)field >> 3) % 64];
        slot->name = field;
        slot->fid = fid;
    }
    return rc;
}

int breach_attr_add_list(breach_dataset *ds, const char *field, const char *s, size_t len,
                         char sep, breach_error *err)
{
    while (len) {
        const char *e = memchr(s, sep, len);
        size_t n = e ? (size_t)(e - s) : len;
        int rc = breach_attr_add_n(ds, field, s, n, err);
        if (rc)
            return rc;
        s += n;
        len -= n;
        if (len) /* the separator */
            s++, len--;
    }
    return BREACH_OK;
}

int breach_attrs_copy_row(breach_dataset *dst, const breach_dataset *src, size_t src_i,
                          breach_error *err)
{
    size_t n;
    const breach_attrs *a = src->attrs;
    const uint32_t *run = breach_attrs_row(a, src_i, &n);
    for (size_t k = 0; k < n; k++) {
        const char *f = breach_intern_get(a->names, a->pair_field[run[k]]);
        const char *t = breach_intern_get(a->pairs, run[k]);
        size_t flen = strlen(f);
        int rc = add_pair(dst, dst->n - 1, f, flen, t + flen + 1, strlen(t + flen + 1), NULL,
                          err);
        if (rc)
            return rc;
    }
    return BREACH_OK;
}

size_t breach_dataset_n_fields(const breach_dataset *ds)
{
    return ds && ds->attrs ? breach_intern_count(ds->attrs->names) : 0;
}

int breach_dataset_field(const breach_dataset *ds, size_t field, breach_field_info *out,
                         breach_error *err)
{
    if (!out || field >= breach_dataset_n_fields(ds))
        return breach_fail(err, BREACH_EINVAL, "field %zu does not exist (the dataset has %zu)",
                           field, breach_dataset_n_fields(ds));
    const breach_attrs *a = ds->attrs;
    out->name = breach_intern_get(a->names, (uint32_t)field + 1);
    out->n_values = a->field_n[field];
    out->n_incidents = a->field_count[field];
    out->n_unknown = a->field_unknown[field];
    return BREACH_OK;
}

long breach_dataset_field_find(const breach_dataset *ds, const char *name)
{
    if (!ds || !ds->attrs || !name)
        return -1;
    uint32_t fid = breach_intern_find(ds->attrs->names, name, strlen(name));
    return fid ? (long)fid - 1 : -1;
}

int breach_dataset_field_value(const breach_dataset *ds, size_t field, size_t value,
                               breach_value_info *out, breach_error *err)
{
    if (!out || field >= breach_dataset_n_fields(ds))
        return breach_fail(err, BREACH_EINVAL, "field %zu does not exist (the dataset has %zu)",
                           field, breach_dataset_n_fields(ds));
    const breach_attrs *a = ds->attrs;
    if (value >= a->field_n[field])
        return breach_fail(err, BREACH_EINVAL, "field %zu has no value %zu (it has %zu)", field,
                           value, a->field_n[field]);
    uint32_t pid = a->field_pairs[field][value];
    const char *t = breach_intern_get(a->pairs, pid);
    out->value = strchr(t, SEP) + 1;
    out->n_incidents = a->pair_count[pid];
    out->unknown = a->pair_unknown[pid] != 0;
    return BREACH_OK;
}

long breach_dataset_attrs(const breach_dataset *ds, size_t index, breach_attr *out, size_t cap,
                          breach_error *err)
{
    if (!ds || index >= ds->n)
        return breach_fail(err, BREACH_EINVAL, "incident %zu does not exist (the dataset has %zu)",
                           index, ds ? ds->n : 0);
    if (cap && !out)
        return breach_fail(err, BREACH_EINVAL, "no output for %zu attributes", cap);
    size_t n;
    const breach_attrs *a = ds->attrs;
    const uint32_t *run = breach_attrs_row(a, index, &n);
    /* pair numbers ascend in the order pairs were first met: order by field, then value */
    size_t w = 0;
    for (uint32_t fid = 1; n && fid <= breach_intern_count(a->names); fid++)
        for (size_t k = 0; k < n; k++) {
            if (a->pair_field[run[k]] != fid)
                continue;
            if (w < cap) {
                /* insertion by value number within the field */
                breach_attr at;
                at.field = fid - 1;
                at.value = a->pair_value[run[k]];
                at.field_name = breach_intern_get(a->names, fid);
                at.text = strchr(breach_intern_get(a->pairs, run[k]), SEP) + 1;
                size_t p = w;
                while (p > 0 && out[p - 1].field == at.field && out[p - 1].value > at.value) {
                    out[p] = out[p - 1];
                    p--;
                }
                out[p] = at;
            }
            w++;
        }
    return (long)w;
}

int breach_dataset_field_counts(const breach_dataset *ds, const breach_filter *f, size_t field,
                                uint64_t *counts, uint64_t *n_with, uint64_t *n_selected,
                                breach_error *err)
{
    if (!ds || field >= breach_dataset_n_fields(ds))
        return breach_fail(err, BREACH_EINVAL, "field %zu does not exist (the dataset has %zu)",
                           field, breach_dataset_n_fields(ds));
    const breach_attrs *a = ds->attrs;
    if (!counts && a->field_n[field])
        return breach_fail(err, BREACH_EINVAL, "no array for the counts");
    int rc = 0;
    size_t n;
    size_t *sel = breach_select(ds, f, 0, &n, &rc, err);
    if (rc < 0)
        return rc;
    if (counts)
        memset(counts, 0, a->field_n[field] * sizeof *counts);
    uint64_t with = 0;
    uint32_t fid = (uint32_t)field + 1;
    for (size_t s = 0; s < n; s++) {
        size_t m;
        const uint32_t *run = breach_attrs_row(a, sel[s], &m);
        int any = 0;
        for (size_t k = 0; k < m; k++)
            if (a->pair_field[run[k]] == fid) {
                counts[a->pair_value[run[k]]]++;
                any = 1;
            }
        with += (uint64_t)any;
    }
    breachp_free(sel);
    if (n_with)
        *n_with = with;
    if (n_selected)
        *n_selected = n;
    return BREACH_OK;
}

/* ---------------------------------------------------------------- where criteria */

int breach_cfilter_where(breach_cfilter *c, const breach_dataset *ds, const breach_filter *f,
                         breach_error *err)
{
    if (!f->n_where)
        return BREACH_OK;
    if (!f->where)
        return breach_fail(err, BREACH_EINVAL, "filter n_where is %zu with no where array",
                           f->n_where);
    if (f->n_where > BREACH_WHERE_MAX)
        return breach_fail(err, BREACH_EINVAL, "filter has %zu where criteria (at most %d)",
                           f->n_where, BREACH_WHERE_MAX);
    const char *keys[BREACH_WHERE_MAX];
    size_t klen[BREACH_WHERE_MAX];
    for (size_t k = 0; k < f->n_where; k++) {
        const char *w = f->where[k];
        const char *eq = w ? strchr(w, '=') : NULL;
        if (!eq)
            return breach_fail(err, BREACH_EINVAL,
                               "where criterion '%s' is not field=value or field!=value",
                               w ? w : "(null)");
        int neg = eq > w && eq[-1] == '!';
        size_t len = (size_t)(eq - w) - (size_t)neg;
        if (!len)
            return breach_fail(err, BREACH_EINVAL, "where criterion '%s' names no field", w);
        size_t g = 0;
        while (g < c->n_groups && !(klen[g] == len && memcmp(keys[g], w, len) == 0))
            g++;
        if (g == c->n_groups) {
            keys[g] = w;
            klen[g] = len;
            c->n_groups++;
        }
        c->where_group[k] = (uint8_t)g;
        c->where_neg[k] = (uint8_t)neg;
        c->group_pos[g] |= (uint8_t)!neg;
        c->where_pid[k] = breach_attrs_find(ds->attrs, w, len, eq + 1, strlen(eq + 1));
    }
    c->n_where = f->n_where;
    /* a field whose "=" values no incident carries: nothing can match */
    for (size_t g = 0; g < c->n_groups; g++) {
        int any = !c->group_pos[g];
        for (size_t k = 0; !any && k < c->n_where; k++)
            any = c->where_group[k] == g && !c->where_neg[k] && c->where_pid[k];
        if (!any)
            c->none = 1;
    }
    return BREACH_OK;
}

int breach_cfilter_where_match(const breach_cfilter *c, const breach_dataset *ds, size_t i)
{
    uint8_t hit[BREACH_WHERE_MAX] = {0};
    for (size_t k = 0; k < c->n_where; k++) {
        if (!c->where_pid[k] || !breach_attrs_has(ds->attrs, i, c->where_pid[k]))
            continue;
        if (c->where_neg[k])
            return 0;
        hit[c->where_group[k]] = 1;
    }
    for (size_t g = 0; g < c->n_groups; g++)
        if (c->group_pos[g] && !hit[g])
            return 0;
    return 1;
}

/* ---------------------------------------------------------------- flagged notices */

static const struct {
    const char *field, *value, *meaning;
} flags[] = {
    {"is_fabricated", "true", "HIBP believes the breach is fabricated"},
    {"is_spam_list", "true", "HIBP lists a spam list: the data did not come from a security "
                             "compromise"},
    {"is_retired", "true", "HIBP has retired the breach: its data is no longer searched"},
    {"plus.sub_source", "phidbr", "VCDB incident from the PHI data-breach reports, not "
                                  "sampled at random"},
    {"plus.sub_source", "priority", "VCDB incident coded by priority, not sampled at random"},
};
#define N_FLAGS (sizeof flags / sizeof flags[0])

long breach_dataset_flagged(const breach_dataset *ds, const breach_filter *f,
                            breach_flag_count *out, size_t cap, uint64_t *n_any,
                            breach_error *err)
{
    if (!ds)
        return breach_fail(err, BREACH_EINVAL, "no dataset");
    if (cap && !out)
        return breach_fail(err, BREACH_EINVAL, "no output for %zu flags", cap);
    uint32_t pid[N_FLAGS];
    uint64_t n[N_FLAGS] = {0}, any = 0;
    int have = 0;
    for (size_t k = 0; k < N_FLAGS; k++) {
        pid[k] = breach_attrs_find(ds->attrs, flags[k].field, strlen(flags[k].field),
                                   flags[k].value, strlen(flags[k].value));
        have |= pid[k] != 0;
    }
    if (have) {
        int rc = 0;
        size_t ns;
        size_t *sel = breach_select(ds, f, 0, &ns, &rc, err);
        if (rc < 0)
            return rc;
        for (size_t s = 0; s < ns; s++) {
            int hit = 0;
            for (size_t k = 0; k < N_FLAGS; k++)
                if (pid[k] && breach_attrs_has(ds->attrs, sel[s], pid[k])) {
                    n[k]++;
                    hit = 1;
                }
            any += (uint64_t)hit;
        }
        breachp_free(sel);
    } else if (f) { /* the filter is checked all the same */
        breach_cfilter c;
        int rc = breach_cfilter_init(&c, ds, f, err);
        if (rc)
            return rc;
    }
    long w = 0;
    for (size_t k = 0; k < N_FLAGS; k++) {
        if (!n[k])
            continue;
        if ((size_t)w < cap)
            out[w] = (breach_flag_count){flags[k].field, flags[k].value, flags[k].meaning, n[k]};
        w++;
    }
    if (n_any)
        *n_any = any;
    return w;
}
