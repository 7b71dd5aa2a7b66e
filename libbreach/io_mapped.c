/* Any CSV through a column mapping (mapping.c): one incident per row, or per group of rows
 * with group_by. The mapping keys are documented in doc/mapping.md. */
#include "input_private.h"
#include "loader_private.h"
#include "mapping_private.h"
#include "plausible_private.h"

_Static_assert((int)MAP_REPORTED == (int)BREACH_PD_REPORTED &&
                   (int)MAP_OCCURRED_START == (int)BREACH_PD_OCCURRED_START &&
                   (int)MAP_OCCURRED_END == (int)BREACH_PD_OCCURRED_END &&
                   (int)MAP_DISCOVERED == (int)BREACH_PD_DISCOVERED,
               "the mapping's date columns name the dates of plausible_private.h");

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Fields that rows of one group must agree on (where both state them). */
enum {
    S_ID, S_ENTITY, S_ENTITY_TYPE, S_ACTOR, S_VENDOR, S_VIA, S_SUMMARY, /* strings, as MAP_* */
    S_REGION, S_REPORTED, S_OCCURRED_START, S_OCCURRED_END, S_DISCOVERED, S_AFFECTED, S_BA,
    S_COUNT_
};
#define S_STRINGS 7

static const char *const scalar_names[S_COUNT_] = {
    "id", "entity", "entity_type", "actor", "vendor", "via", "summary", "entity_region",
    "reported", "occurred_start", "occurred_end", "discovered", "affected",
    "business_associate"};

typedef struct group {
    char *key;
    size_t key_len;
    uint64_t hash;
    char *str[S_STRINGS];
    breach_incident inc; /* the non-string fields */
    long stated_by[S_COUNT_];
    breach_region_count *regions;
    long *region_row;
    size_t n_regions, regions_cap, region_row_cap;
    long *rows;
    size_t n_rows, rows_cap;
    long first_line;
} group;

typedef struct mapped {
    const breach_mapping *m;
    int text[MAP_TEXT_COUNT_]; /* column index or -1 (summary: see below) */
    int *summary;              /* summary's column indices */
    int date[MAP_DATE_COUNT_];
    int affected, entity_region, ba;
    int *regions;              /* per m->regions */
    int *sets[MAP_SET_COUNT_]; /* per m->sets[k].columns */
    int *group_by;
    int *attrs;                /* per m->attrs: the column */
    size_t extra;              /* arena bytes beyond the fields: labels, prefix, constants */
    /* groups in the order of their first row, and a hash index over them */
    group *groups;
    size_t n_groups, groups_cap;
    size_t *index; /* group number + 1, 0 = free */
    size_t index_cap;
    char *key;
    size_t key_cap;
} mapped;

/* ---------------------------------------------------------------- header */

static int find_column(breach_loader *L, const breach_csv *c, const char *name, const char *key,
                       int *out, breach_error *err)
{
    *out = -1;
    for (size_t i = 0; i < c->nfields; i++) {
        if (!breach_header_eq(c->fields[i].s, c->fields[i].len, name))
            continue;
        if (*out >= 0)
            return breach_fail_at(err, BREACH_EFORMAT, L->source, c->fields[i].line,
                                  c->fields[i].column,
                                  "column '%s' (mapping key '%s') appears twice in the header",
                                  name, key);
        *out = (int)i;
    }
    if (*out < 0)
        return breach_fail_at(err, BREACH_EFORMAT, L->source, c->record_line, 0,
                              "the mapping's '%s' names column '%s', which the header lacks", key,
                              name);
    return 0;
}

static int find_columns(breach_loader *L, const breach_csv *c, const breach_map_list *l,
                        const char *key, int **out, breach_error *err)
{
    *out = NULL;
    if (l->n == 0)
        return 0;
    if (!(*out = breachp_calloc(l->n, sizeof **out)))
        return breach_fail(err, BREACH_ENOMEM, "out of memory");
    for (size_t i = 0; i < l->n; i++) {
        int rc = find_column(L, c, l->items[i], key, &(*out)[i], err);
        if (rc)
            return rc;
    }
    return 0;
}

static const char *const text_key_names[MAP_TEXT_COUNT_] = {
    "entity", "id", "entity_type", "actor", "vendor", "via", "summary"};
static const char *const date_key_names[MAP_DATE_COUNT_] = {
    "reported", "occurred_start", "occurred_end", "discovered"};
static const char *const set_key_names[MAP_SET_COUNT_] = {"types", "categories", "locations"};

static int mapped_header(void *self, breach_loader *L, breach_csv *c, breach_error *err)
{
    mapped *M = self;
    const breach_mapping *m = M->m;
    int rc = breach_csv_next(c, err);
    if (rc < 0)
        return rc;
    if (rc == 0)
        return breach_fail_at(err, BREACH_EFORMAT, L->source, 1, 0,
                              "empty file: a mapped CSV starts with a header row");
    L->nheader = c->nfields;
    /* this input's source is its mapping: two lists read through two mappings are never
       snapshots of one list, whatever their ids (two states numbering notices 1, 2, 3) */
    breach_input_set_class(L->ds, m->fingerprint);
    /* a types, categories or locations column may hold any name of its vocabulary;
       without one the list states none of that dimension */
    static const int dim_of[MAP_SET_COUNT_] = {BREACH_DIM_TYPE, BREACH_DIM_CATEGORY,
                                               BREACH_DIM_LOCATION};
    for (int k = 0; k < MAP_SET_COUNT_; k++)
        breach_input_set_stated(L->ds, dim_of[k], m->sets[k].columns.n ? UINT64_MAX : 0);
    /* a list of large breaches only (HHS: 500 or more) says so, as its built-in loader does */
    breach_input_set_floor(L->ds, m->floor);
    M->extra = 64;
    for (int k = 0; k < MAP_TEXT_COUNT_; k++) {
        M->text[k] = -1;
        if (m->constant[k])
            M->extra += strlen(m->constant[k]) + 1;
        if (k == MAP_SUMMARY) {
            if ((rc = find_columns(L, c, &m->text[k], "summary", &M->summary, err)))
                return rc;
            for (size_t i = 0; i < m->text[k].n; i++)
                M->extra += strlen(m->text[k].items[i]) + 4;
        } else if (m->text[k].n && (rc = find_column(L, c, m->text[k].items[0], text_key_names[k],
                                                     &M->text[k], err))) {
            return rc;
        }
    }
    if (m->id_prefix)
        M->extra += strlen(m->id_prefix);
    for (int k = 0; k < MAP_DATE_COUNT_; k++) {
        M->date[k] = -1;
        if (m->date_column[k] &&
            (rc = find_column(L, c, m->date_column[k], date_key_names[k], &M->date[k], err)))
            return rc;
    }
    M->affected = M->entity_region = M->ba = -1;
    if ((m->affected && (rc = find_column(L, c, m->affected, "affected", &M->affected, err))) ||
        (m->entity_region &&
         (rc = find_column(L, c, m->entity_region, "entity_region", &M->entity_region, err))) ||
        (m->business_associate &&
         (rc = find_column(L, c, m->business_associate, "business_associate", &M->ba, err))))
        return rc;
    if (m->n_regions) {
        if (!(M->regions = breachp_calloc(m->n_regions, sizeof *M->regions)))
            return breach_fail(err, BREACH_ENOMEM, "out of memory");
        for (size_t i = 0; i < m->n_regions; i++) {
            char key[48];
            snprintf(key, sizeof key, "region.%s", breach_region_code(m->regions[i].region));
            if ((rc = find_column(L, c, m->regions[i].column, key, &M->regions[i], err)))
                return rc;
        }
    }
    for (int k = 0; k < MAP_SET_COUNT_; k++)
        if ((rc = find_columns(L, c, &m->sets[k].columns, set_key_names[k], &M->sets[k], err)))
            return rc;
    if (m->n_attrs && !(M->attrs = breachp_calloc(m->n_attrs, sizeof *M->attrs)))
        return breach_fail(err, BREACH_ENOMEM, "out of memory");
    for (size_t i = 0; i < m->n_attrs; i++) {
        char key[96];
        snprintf(key, sizeof key, "attr.%s", m->attrs[i].field);
        if ((rc = find_column(L, c, m->attrs[i].column, key, &M->attrs[i], err)))
            return rc;
    }
    return find_columns(L, c, &m->group_by, "group_by", &M->group_by, err);
}

/* ---------------------------------------------------------------- one row */

/* id.normalize = thousands: an id that is a whole number written with thousands separators
 * ("15,056", "1 234 567", "15.056", "15'056": groups of three digits after the first of one
 * to three, one separator throughout) is rewritten as its digits into buf, and f points
 * there. Any other id is left as written. */
static void thousands_id(breach_csv_field *f, char *buf, size_t size)
{
    const char *s = f->s;
    size_t n = f->len, lead = 0, w = 0;
    while (lead < n && lead < 3 && s[lead] >= '0' && s[lead] <= '9')
        lead++;
    if (lead == 0 || lead == n || n >= size)
        return;
    char sep = s[lead];
    if (sep != ',' && sep != '.' && sep != ' ' && sep != '\'')
        return;
    for (size_t i = lead; i < n; i += 4)
        if (i + 4 > n || s[i] != sep || !(s[i + 1] >= '0' && s[i + 1] <= '9') ||
            !(s[i + 2] >= '0' && s[i + 2] <= '9') || !(s[i + 3] >= '0' && s[i + 3] <= '9'))
            return;
    for (size_t i = 0; i < n; i++)
        if (s[i] != sep)
            buf[w++] = s[i];
    buf[w] = '\0';
    f->s = buf;
    f->len = w;
}

static breach_csv_field trimmed(const breach_csv *c, int idx)
{
    breach_csv_field f = c->fields[idx];
    breach_trim(&f.s, &f.len);
    return f;
}

/* The length of the thousands separator at s[i] (0: none there): the mapping's character,
 * or with thousands_separator = space a space, U+00A0 or U+202F in UTF-8. */
static size_t separator_at(const breach_mapping *m, const char *s, size_t n, size_t i)
{
    if (!m->thousands)
        return 0;
    if (s[i] == m->thousands)
        return 1;
    if (m->thousands_space && i + 2 <= n && memcmp(s + i, "\xC2\xA0", 2) == 0)
        return 2;
    if (m->thousands_space && i + 3 <= n && memcmp(s + i, "\xE2\x80\xAF", 3) == 0)
        return 3;
    return 0;
}

/* Reads a count cell; a count of individuals above the world's population is left unknown
 * with the value read in *wild (else *wild is 0; the row's warnings, last, name it). */
static int parse_count(const breach_mapping *m, const breach_csv_field *f, const char *what,
                       breach_count *out, uint64_t *wild, breach_row_error *re)
{
    const char *s = f->s;
    size_t n = f->len;
    breach_trim(&s, &n);
    *out = breach_count_unknown();
    *wild = 0;
    if (n == 0)
        return 0;
    char buf[64];
    size_t k = 0;
    /* separators group the digits in thousands, as id.normalize = thousands insists: one to
       three digits, then groups of exactly three after each separator ("1,200,000"); a
       separator anywhere else ("1,5", "2,,,0", ",7", "12,34,5", "1,000,") rejects the
       row, where deleting it would read a wrong count (a press-style "1.5" million as 15) */
    size_t run = 0; /* digits since the last separator, or since the first digit */
    int grouped = 0, digits = 0;
    for (size_t i = 0; i < n;) {
        size_t sl = separator_at(m, s, n, i);
        int digit = s[i] >= '0' && s[i] <= '9';
        if (sl ? !digits || (grouped ? run != 3 : run > 3) : grouped && !digit && run != 3)
            goto ungrouped;
        if (sl) {
            grouped = 1;
            run = 0;
            i += sl;
            continue;
        }
        if (digit) {
            digits = 1;
            run++;
            if (grouped && run > 3)
                goto ungrouped;
        } else if (digits && m->thousands) {
            /* nothing of a count follows its digits: a separator after them is no group */
            for (size_t j = i; j < n; j++)
                if (separator_at(m, s, n, j))
                    goto ungrouped;
        }
        if (k == sizeof buf)
            return breach_row_fail(re, f, BREACH_ECOUNT, "%s: '%.*s' is too long for a count", what,
                                   40, s);
        buf[k++] = s[i++];
    }
    if (grouped && run != 3)
        goto ungrouped;
    breach_error e;
    int rc;
    if (m->qualifier == MAP_QUAL_CANONICAL) {
        if ((rc = breach_count_parse(buf, k, out, &e)))
            return breach_row_fail(re, f, rc, "%s: %s", what, e.text);
        goto read;
    }
    if (!breach_all_digits(buf, k))
        return breach_row_fail(re, f, BREACH_ECOUNT, "%s: '%.*s' is not a whole number", what,
                               (int)(n > 40 ? 40 : n), s);
    if ((rc = breach_count_parse(buf, k, out, &e)))
        return breach_row_fail(re, f, rc, "%s: %s", what, e.text);
    out->qualifier = m->qualifier;
    goto read;
ungrouped:
    return breach_row_fail(re, f, BREACH_ECOUNT,
                           "%s: '%.*s' is not a count with %s%c%s separating thousands (one to "
                           "three digits, then groups of three)",
                           what, (int)(n > 40 ? 40 : n), s, m->thousands_space ? "" : "'",
                           m->thousands_space ? 'a' : m->thousands,
                           m->thousands_space ? " space" : "'");
read:
    if (m->unit == BREACH_UNIT_INDIVIDUALS)
        breach_count_implausible(out, wild);
    return 0;
}

static int set_item(const breach_map_set *ms, int k, const breach_csv_field *f, const char *col,
                    const char *s, size_t n, uint64_t *bits, breach_row_error *re)
{
    for (size_t i = 0; i < ms->n_values; i++)
        if (breach_map_value_eq(s, n, ms->values[i].text)) {
            *bits |= ms->values[i].bits;
            return 0;
        }
    /* the canonical vocabulary needs no mapping */
    int v = -1;
    if (k == MAP_TYPES) {
        breach_type t;
        if (breach_type_parse(s, n, &t, NULL) == BREACH_OK)
            v = (int)t;
    } else if (k == MAP_CATEGORIES) {
        breach_category c;
        if (breach_category_parse(s, n, &c, NULL) == BREACH_OK)
            v = (int)c;
    } else {
        breach_location l;
        if (breach_location_parse(s, n, &l, NULL) == BREACH_OK)
            v = (int)l;
    }
    if (v >= 0) {
        *bits |= (uint64_t)1 << v;
        return 0;
    }
    static const char *const prefix[MAP_SET_COUNT_] = {"type", "category", "location"};
    return breach_row_fail(re, f, k == MAP_CATEGORIES ? BREACH_ECATEGORY : BREACH_ETYPE,
                           "%s: '%.*s' is neither mapped nor a %s name (add '%s.%.*s = ...' to "
                           "the mapping)",
                           col, (int)(n > 40 ? 40 : n), s, prefix[k], prefix[k],
                           (int)(n > 40 ? 40 : n), s);
}

static int parse_set(const mapped *M, const breach_csv *c, int k, uint64_t *bits,
                     breach_row_error *re)
{
    const breach_map_set *ms = &M->m->sets[k];
    for (size_t j = 0; j < ms->columns.n; j++) {
        const breach_csv_field *f = &c->fields[M->sets[k][j]];
        const char *s = f->s;
        size_t n = f->len, i = 0;
        while (i <= n) {
            size_t e = i;
            if (ms->split)
                while (e < n && s[e] != ms->split)
                    e++;
            else
                e = n;
            const char *it = s + i;
            size_t len = e - i;
            breach_trim(&it, &len);
            if (len) {
                int rc = set_item(ms, k, f, ms->columns.items[j], it, len, bits, re);
                if (rc)
                    return rc;
            }
            i = e + 1;
        }
    }
    return 0;
}

static int parse_yes_no(const breach_csv_field *f, const char *col, int32_t *out,
                        breach_row_error *re)
{
    const char *s = f->s;
    size_t n = f->len;
    breach_trim(&s, &n);
    if (n == 0)
        *out = BREACH_TRI_UNKNOWN;
    else if (breach_ieq(s, n, "yes") || breach_ieq(s, n, "y") || breach_ieq(s, n, "true") ||
             breach_ieq(s, n, "1"))
        *out = BREACH_TRI_YES;
    else if (breach_ieq(s, n, "no") || breach_ieq(s, n, "n") || breach_ieq(s, n, "false") ||
             breach_ieq(s, n, "0"))
        *out = BREACH_TRI_NO;
    else
        return breach_row_fail(re, f, BREACH_EPARSE, "%s: '%.*s' is not yes, no or empty", col,
                               (int)(n > 20 ? 20 : n), s);
    return 0;
}

/* The row's incident, before grouping. */
/* The warnings for a row's counts above the world's population (parse_count left them
 * unknown), at their cells: the cells read again, which succeeds as it did. */
static int warn_implausible(const mapped *M, breach_loader *L, const breach_csv *c)
{
    const breach_mapping *m = M->m;
    breach_count n;
    uint64_t was;
    breach_row_error re;
    for (long i = -1; i < (long)m->n_regions; i++) {
        int col = i < 0 ? M->affected : M->regions[i];
        const char *name = i < 0 ? m->affected : m->regions[i].column;
        if (col < 0 || parse_count(m, &c->fields[col], name, &n, &was, &re) || !was)
            continue;
        if (breach_loader_warn_implausible_count(L, name, was, c->fields[col].line,
                                                 c->fields[col].column))
            return BREACH_ENOMEM;
    }
    return 0;
}

static int parse_row(mapped *M, breach_loader *L, const breach_csv *c, breach_incident *inc,
                     breach_row_error *re)
{
    const breach_mapping *m = M->m;
    if (breach_loader_reserve(L, breach_loader_row_need(L, c, M->extra)))
        return BREACH_ENOMEM;
    int rc;
    breach_error e;

    /* texts: the entity as given, the others trimmed; a constant fills an empty cell */
    const char **dst[MAP_TEXT_COUNT_] = {&inc->entity, &inc->id, &inc->entity_type,
                                         &inc->actor, &inc->vendor, &inc->via, &inc->summary};
    for (int k = 0; k < MAP_TEXT_COUNT_; k++) {
        if (k == MAP_SUMMARY) {
            if (m->text[k].n == 1) {
                if ((rc = breach_loader_text(L, &c->fields[M->summary[0]], m->text[k].items[0],
                                             dst[k], re)))
                    return rc;
            } else if (m->text[k].n > 1) {
                breach_csv_field fs[16];
                const char *labels[16];
                size_t n = m->text[k].n > 16 ? 16 : m->text[k].n;
                for (size_t i = 0; i < n; i++) {
                    fs[i] = trimmed(c, M->summary[i]);
                    labels[i] = m->text[k].items[i];
                }
                if ((rc = breach_loader_join(L, n, labels, fs, dst[k], re)))
                    return rc;
            }
            continue;
        }
        if (M->text[k] >= 0) {
            breach_csv_field f = k == MAP_ENTITY ? c->fields[M->text[k]] : trimmed(c, M->text[k]);
            if (k == MAP_VIA && m->via_parenthesis) {
                const char *part;
                if (!breach_name_parenthesis(f.s, f.len, &part, &f.len))
                    f.len = 0;
                else
                    f.s = part;
            }
            if (k == MAP_ID && f.len) {
                const char *id;
                char digits[64];
                if (m->id_thousands)
                    thousands_id(&f, digits, sizeof digits);
                if ((rc = breach_loader_text(L, &f, m->text[k].items[0], &id, re)))
                    return rc;
                *dst[k] = breach_loader_printf(L, "%s%s", m->id_prefix ? m->id_prefix : "", id);
            } else if ((rc = breach_loader_text(L, &f, m->text[k].items[0], dst[k], re))) {
                return rc;
            }
        }
        if (!*dst[k] && m->constant[k])
            *dst[k] = breach_loader_copy(L, m->constant[k], strlen(m->constant[k]));
    }
    {
        const char *s = inc->entity;
        size_t n = s ? strlen(s) : 0;
        breach_trim(&s, &n);
        if (n == 0)
            return breach_row_fail(re, &c->fields[M->text[MAP_ENTITY]], BREACH_EPARSE,
                                   "%s (entity) is empty", m->text[MAP_ENTITY].items[0]);
    }

    if (M->entity_region >= 0) {
        breach_csv_field f = trimmed(c, M->entity_region);
        if (f.len) {
            rc = m->region_iso ? breach_region_parse(f.s, f.len, &inc->entity_region, &e)
                               : breach_region_from_us_state(f.s, f.len, &inc->entity_region, &e);
            if (rc)
                return breach_row_fail(re, &f, rc, "%s: %s", m->entity_region, e.text);
        }
    }

    breach_date *dates[MAP_DATE_COUNT_] = {&inc->reported, &inc->occurred_start,
                                           &inc->occurred_end, &inc->discovered};
    for (int k = 0; k < MAP_DATE_COUNT_; k++) {
        if (M->date[k] < 0)
            continue;
        const breach_csv_field *f = &c->fields[M->date[k]];
        const char *fmt = m->date_format[k] ? m->date_format[k] : m->date_format_all;
        size_t at;
        if ((rc = breach_map_parse_date(fmt, f->s, f->len, dates[k], &at, &e))) {
            breach_row_fail(re, f, rc, "%s: %s", m->date_column[k], e.text);
            re->column += (long)at + (f->quoted ? 1 : 0); /* where the text stops matching */
            return rc;
        }
    }

    uint64_t was;
    int wild = 0; /* counts above the world's population, left unknown */
    if (M->affected >= 0) {
        if ((rc = parse_count(m, &c->fields[M->affected], m->affected, &inc->affected, &was,
                              re)))
            return rc;
        wild += was != 0;
    }
    for (size_t i = 0; i < m->n_regions; i++) {
        breach_count n;
        if ((rc = parse_count(m, &c->fields[M->regions[i]], m->regions[i].column, &n, &was, re)))
            return rc;
        wild += was != 0;
        /* an implausible count is a stated region whose count is unknown, not no entry */
        if ((n.qualifier != BREACH_COUNT_UNKNOWN || was || m->region_empty_unknown) &&
            breach_loader_add_region(L, m->regions[i].region, n))
            return BREACH_ENOMEM;
    }
    inc->regions = L->n_regions ? L->regions : NULL;
    inc->n_regions = L->n_regions;

    uint64_t bits[MAP_SET_COUNT_] = {0, 0, 0};
    for (int k = 0; k < MAP_SET_COUNT_; k++)
        if ((rc = parse_set(M, c, k, &bits[k], re)))
            return rc;
    inc->types = (breach_type_set)bits[MAP_TYPES];
    inc->categories = bits[MAP_CATEGORIES];
    inc->locations = (breach_location_set)bits[MAP_LOCATIONS];

    if (M->ba >= 0 &&
        (rc = parse_yes_no(&c->fields[M->ba], m->business_associate, &inc->business_associate, re)))
        return rc;
    inc->unit = m->unit;
    inc->flags = m->separate ? BREACH_FLAG_SEPARATE : 0;
    inc->source = breach_loader_printf(L, "%s row %ld", L->base, L->row);

    /* warnings last, so that a rejected row carries none */
    if (wild && (rc = warn_implausible(M, L, c)))
        return rc;
    if (M->affected >= 0 &&
        breach_loader_check_floor(L, m->affected, inc->affected, m->floor,
                                  c->fields[M->affected].line, c->fields[M->affected].column))
        return BREACH_ENOMEM;
    for (size_t i = 0; i < m->n_placeholders; i++)
        if (inc->affected.qualifier != BREACH_COUNT_UNKNOWN &&
            inc->affected.value == m->placeholders[i]) {
            const breach_csv_field *f = &c->fields[M->affected];
            inc->flags |= BREACH_FLAG_PLACEHOLDER;
            if (breach_loader_warn(L, L->row, BREACH_WARN_PLACEHOLDER, f->line, f->column,
                                   "%s %llu is a placeholder value of this source; kept as given",
                                   m->affected, (unsigned long long)inc->affected.value))
                return BREACH_ENOMEM;
        }
    return m->warn_duplicates ? breach_loader_check_identical(L, inc) : 0;
}

/* ---------------------------------------------------------------- groups */

/* The row's group key: each group_by cell, trimmed, prefixed by its length. */
static int group_key(mapped *M, const breach_csv *c, size_t *len)
{
    size_t need = 0;
    for (size_t i = 0; i < M->m->group_by.n; i++)
        need += c->fields[M->group_by[i]].len + sizeof(size_t);
    if (breach_grow((void **)&M->key, &M->key_cap, need + 1, 1))
        return BREACH_ENOMEM;
    size_t at = 0;
    for (size_t i = 0; i < M->m->group_by.n; i++) {
        breach_csv_field f = trimmed(c, M->group_by[i]);
        memcpy(M->key + at, &f.len, sizeof f.len);
        at += sizeof f.len;
        memcpy(M->key + at, f.s, f.len);
        at += f.len;
    }
    *len = at;
    return 0;
}

static int index_grow(mapped *M)
{
    size_t cap = M->index_cap ? M->index_cap * 2 : 256;
    size_t *t = breachp_calloc(cap, sizeof *t);
    if (!t)
        return BREACH_ENOMEM;
    for (size_t g = 0; g < M->n_groups; g++) {
        size_t j = (size_t)M->groups[g].hash & (cap - 1);
        while (t[j])
            j = (j + 1) & (cap - 1);
        t[j] = g + 1;
    }
    breachp_free(M->index);
    M->index = t;
    M->index_cap = cap;
    return 0;
}

/* The group of the current key, or a new one (*is_new). NULL on ENOMEM. */
static group *group_of(mapped *M, size_t klen, int *is_new)
{
    if ((M->n_groups + 1) * 2 > M->index_cap && index_grow(M))
        return NULL;
    uint64_t h = breach_hash_bytes(M->key, klen);
    size_t j = (size_t)h & (M->index_cap - 1);
    for (; M->index[j]; j = (j + 1) & (M->index_cap - 1)) {
        group *g = &M->groups[M->index[j] - 1];
        if (g->hash == h && g->key_len == klen && memcmp(g->key, M->key, klen) == 0) {
            *is_new = 0;
            return g;
        }
    }
    if (breach_grow((void **)&M->groups, &M->groups_cap, M->n_groups + 1, sizeof *M->groups))
        return NULL;
    group *g = &M->groups[M->n_groups];
    memset(g, 0, sizeof *g);
    if (!(g->key = breachp_malloc(klen ? klen : 1)))
        return NULL;
    memcpy(g->key, M->key, klen);
    g->key_len = klen;
    g->hash = h;
    breach_incident_init(&g->inc);
    M->index[j] = ++M->n_groups;
    *is_new = 1;
    return g;
}

static void group_free(group *g)
{
    breachp_free(g->key);
    for (int k = 0; k < S_STRINGS; k++)
        breachp_free(g->str[k]);
    breachp_free(g->regions);
    breachp_free(g->region_row);
    breachp_free(g->rows);
}

static const char *const *inc_strings(const breach_incident *inc, const char *out[S_STRINGS])
{
    out[S_ID] = inc->id;
    out[S_ENTITY] = inc->entity;
    out[S_ENTITY_TYPE] = inc->entity_type;
    out[S_ACTOR] = inc->actor;
    out[S_VENDOR] = inc->vendor;
    out[S_VIA] = inc->via;
    out[S_SUMMARY] = inc->summary;
    return out;
}

static breach_date *inc_date(breach_incident *inc, int k)
{
    switch (k) {
    case S_REPORTED: return &inc->reported;
    case S_OCCURRED_START: return &inc->occurred_start;
    case S_OCCURRED_END: return &inc->occurred_end;
    default: return &inc->discovered;
    }
}

/* Whether field k is stated in the row, and the text of a value for messages. */
static int stated(const breach_incident *inc, const char *const *strs, int k)
{
    if (k < S_STRINGS)
        return strs[k] != NULL;
    switch (k) {
    case S_REGION: return inc->entity_region != BREACH_REGION_NONE;
    case S_AFFECTED: return inc->affected.qualifier != BREACH_COUNT_UNKNOWN;
    case S_BA: return inc->business_associate != BREACH_TRI_UNKNOWN;
    default: return breach_date_is_known(*inc_date((breach_incident *)inc, k));
    }
}

static void describe(const breach_incident *inc, const char *const *strs, int k, char *buf,
                     size_t size)
{
    if (k < S_STRINGS) {
        snprintf(buf, size, "%.40s", strs[k]);
        return;
    }
    switch (k) {
    case S_REGION: snprintf(buf, size, "%s", breach_region_code(inc->entity_region)); break;
    case S_AFFECTED: breach_count_format(inc->affected, buf, size); break;
    case S_BA:
        snprintf(buf, size, "%s", inc->business_associate == BREACH_TRI_YES ? "yes" : "no");
        break;
    default: breach_date_format(*inc_date((breach_incident *)inc, k), buf, size); break;
    }
}

static int same(const breach_incident *a, const char *const *sa, const breach_incident *b,
                const char *const *sb, int k)
{
    if (k < S_STRINGS)
        return strcmp(sa[k], sb[k]) == 0;
    switch (k) {
    case S_REGION: return a->entity_region == b->entity_region;
    case S_AFFECTED:
        return a->affected.value == b->affected.value &&
               a->affected.qualifier == b->affected.qualifier;
    case S_BA: return a->business_associate == b->business_associate;
    default: {
        breach_date da = *inc_date((breach_incident *)a, k);
        breach_date db = *inc_date((breach_incident *)b, k);
        return da.day == db.day && da.precision == db.precision;
    }
    }
}

/* The column of scalar k in the row (for the place of a disagreement), or -1. */
static int scalar_column(const mapped *M, int k)
{
    if (k < S_STRINGS) {
        static const int text_of[S_STRINGS] = {MAP_ID, MAP_ENTITY, MAP_ENTITY_TYPE, MAP_ACTOR,
                                               MAP_VENDOR, MAP_VIA, MAP_SUMMARY};
        int t = text_of[k];
        return t == MAP_SUMMARY ? (M->summary ? M->summary[0] : -1) : M->text[t];
    }
    switch (k) {
    case S_REGION: return M->entity_region;
    case S_AFFECTED: return M->affected;
    case S_BA: return M->ba;
    case S_REPORTED: return M->date[MAP_REPORTED];
    case S_OCCURRED_START: return M->date[MAP_OCCURRED_START];
    case S_OCCURRED_END: return M->date[MAP_OCCURRED_END];
    default: return M->date[MAP_DISCOVERED];
    }
}

static int conflict(const mapped *M, const breach_csv *c, int col, breach_row_error *re,
                    const char *fmt_what, long earlier, const char *mine, const char *theirs)
{
    const breach_csv_field *f = col >= 0 ? &c->fields[col] : NULL;
    return breach_row_fail(re, f, BREACH_EINCONSISTENT,
                           "%s: '%s' disagrees with '%s' of row %ld in the same group (%s)",
                           fmt_what, mine, theirs, earlier,
                           M->m->group_by.n ? M->m->group_by.items[0] : "group_by");
}

static int merge(mapped *M, breach_loader *L, const breach_csv *c, group *g,
                 const breach_incident *r, breach_row_error *re)
{
    const char *rs[S_STRINGS], *gs[S_STRINGS];
    inc_strings(r, rs);
    for (int k = 0; k < S_STRINGS; k++)
        gs[k] = g->str[k];
    char a[64], b[64];
    /* 1. every field both state must agree */
    for (int k = 0; k < S_COUNT_; k++) {
        if (!stated(r, rs, k) || !stated(&g->inc, gs, k) || same(r, rs, &g->inc, gs, k))
            continue;
        describe(r, rs, k, a, sizeof a);
        describe(&g->inc, gs, k, b, sizeof b);
        return conflict(M, c, scalar_column(M, k), re, scalar_names[k], g->stated_by[k], a, b);
    }
    /* An unknown entry (a blank cell under region.empty = unknown) states nothing in its
     * row: it neither disagrees with a figure nor overrides one (step 3). */
    for (size_t i = 0; i < r->n_regions; i++)
        for (size_t j = 0; j < g->n_regions; j++)
            if (g->regions[j].region == r->regions[i].region &&
                g->regions[j].count.qualifier != BREACH_COUNT_UNKNOWN &&
                r->regions[i].count.qualifier != BREACH_COUNT_UNKNOWN &&
                (g->regions[j].count.value != r->regions[i].count.value ||
                 g->regions[j].count.qualifier != r->regions[i].count.qualifier)) {
                breach_count_format(r->regions[i].count, a, sizeof a);
                breach_count_format(g->regions[j].count, b, sizeof b);
                char what[48];
                snprintf(what, sizeof what, "region.%s",
                         breach_region_code(r->regions[i].region));
                int col = -1;
                for (size_t k = 0; k < M->m->n_regions; k++)
                    if (M->m->regions[k].region == r->regions[i].region)
                        col = M->regions[k];
                return conflict(M, c, col, re, what, g->region_row[j], a, b);
            }
    /* 2. the merged breakdown must fit the merged total */
    breach_count total = stated(&g->inc, gs, S_AFFECTED) ? g->inc.affected : r->affected;
    int bounded = total.qualifier == BREACH_COUNT_EXACT || total.qualifier == BREACH_COUNT_AT_MOST;
    for (int side = 0; bounded && side < 2; side++) {
        const breach_region_count *rc_ = side ? g->regions : r->regions;
        size_t n = side ? g->n_regions : r->n_regions;
        for (size_t i = 0; i < n; i++)
            if ((rc_[i].count.qualifier == BREACH_COUNT_EXACT ||
                 rc_[i].count.qualifier == BREACH_COUNT_AT_LEAST) &&
                rc_[i].count.value > total.value)
                return breach_row_fail(re, NULL, BREACH_EINCONSISTENT,
                                       "region %s counts %llu, more than the %llu affected in "
                                       "all of the group",
                                       breach_region_code(rc_[i].region),
                                       (unsigned long long)rc_[i].count.value,
                                       (unsigned long long)total.value);
    }
    /* 3. apply: fill what the group lacks, union the sets, add the rows */
    if (breach_grow((void **)&g->rows, &g->rows_cap, g->n_rows + 1, sizeof *g->rows))
        return BREACH_ENOMEM;
    for (int k = 0; k < S_COUNT_; k++) {
        if (!stated(r, rs, k) || stated(&g->inc, gs, k))
            continue;
        if (k < S_STRINGS) {
            if (!(g->str[k] = breachp_strdup(rs[k])))
                return BREACH_ENOMEM;
            gs[k] = g->str[k];
        } else if (k == S_REGION) {
            g->inc.entity_region = r->entity_region;
        } else if (k == S_AFFECTED) {
            g->inc.affected = r->affected;
        } else if (k == S_BA) {
            g->inc.business_associate = r->business_associate;
        } else {
            *inc_date(&g->inc, k) = *inc_date((breach_incident *)r, k);
        }
        g->stated_by[k] = L->row;
    }
    for (size_t i = 0; i < r->n_regions; i++) {
        size_t j = 0;
        while (j < g->n_regions && g->regions[j].region != r->regions[i].region)
            j++;
        if (j < g->n_regions) {
            /* the group's entry stays unknown only while no row gives a figure */
            if (g->regions[j].count.qualifier == BREACH_COUNT_UNKNOWN &&
                r->regions[i].count.qualifier != BREACH_COUNT_UNKNOWN) {
                g->regions[j] = r->regions[i];
                g->region_row[j] = L->row;
            }
            continue;
        }
        if (breach_grow((void **)&g->regions, &g->regions_cap, g->n_regions + 1,
                        sizeof *g->regions) ||
            breach_grow((void **)&g->region_row, &g->region_row_cap, g->n_regions + 1,
                        sizeof *g->region_row))
            return BREACH_ENOMEM;
        g->regions[g->n_regions] = r->regions[i];
        g->region_row[g->n_regions++] = L->row;
    }
    g->inc.types |= r->types;
    g->inc.categories |= r->categories;
    g->inc.locations |= r->locations;
    g->inc.unit = r->unit;
    g->inc.flags = r->flags;
    if (g->n_rows == 0)
        g->first_line = L->line;
    g->rows[g->n_rows++] = L->row;
    return 0;
}

static int mapped_row(void *self, breach_loader *L, const breach_csv *c, breach_incident *inc,
                      breach_row_error *re)
{
    mapped *M = self;
    int rc = parse_row(M, L, c, inc, re);
    if (rc)
        return rc;
    if (!M->m->group_by.n)
        return breach_loader_check_occurred(L, inc, M->m->date_column[MAP_OCCURRED_START],
                                            M->m->date_column[MAP_OCCURRED_END]) ||
                       breach_loader_check_plausible(
                           L, inc, (const char *const *)M->m->date_column)
                   ? BREACH_ENOMEM
                   : 0;
    size_t klen;
    int is_new;
    group *g;
    if (group_key(M, c, &klen) || !(g = group_of(M, klen, &is_new)))
        return BREACH_ENOMEM;
    rc = merge(M, L, c, g, inc, re);
    return rc ? rc : 1;
}

/* The source text of a group: "<file> row 3" or "<file> rows 3, 7, 9". */
static char *group_source(const breach_loader *L, const group *g)
{
    size_t need = strlen(L->base) + 16 + g->n_rows * 22;
    char *s = breachp_malloc(need);
    if (!s)
        return NULL;
    int at = snprintf(s, need, "%s row%s ", L->base, g->n_rows > 1 ? "s" : "");
    for (size_t i = 0; i < g->n_rows; i++)
        at += snprintf(s + at, need - (size_t)at, "%s%ld", i ? ", " : "", g->rows[i]);
    return s;
}

static int mapped_finish(void *self, breach_loader *L, breach_error *err)
{
    mapped *M = self;
    int first = 0;
    for (size_t gi = 0; gi < M->n_groups; gi++) {
        group *g = &M->groups[gi];
        if (g->n_rows == 0)
            continue; /* its only row was rejected */
        breach_incident inc = g->inc;
        inc.id = g->str[S_ID];
        inc.entity = g->str[S_ENTITY];
        inc.entity_type = g->str[S_ENTITY_TYPE];
        inc.actor = g->str[S_ACTOR];
        inc.vendor = g->str[S_VENDOR];
        inc.via = g->str[S_VIA];
        inc.summary = g->str[S_SUMMARY];
        inc.regions = g->n_regions ? g->regions : NULL;
        inc.n_regions = g->n_regions;
        char *src = group_source(L, g);
        if (!src)
            return breach_fail(err, BREACH_ENOMEM, "out of memory");
        inc.source = src;
        L->row = g->rows[0];
        L->line = g->first_line;
        if (breach_loader_check_occurred(L, &inc, M->m->date_column[MAP_OCCURRED_START],
                                         M->m->date_column[MAP_OCCURRED_END]) ||
            breach_loader_check_plausible(L, &inc, (const char *const *)M->m->date_column)) {
            breachp_free(src);
            return breach_fail(err, BREACH_ENOMEM, "out of memory");
        }
        breach_error e;
        breach_error_clear(&e);
        long idx = breach_dataset_add(L->ds, &inc, &e);
        breachp_free(src);
        if (idx == BREACH_ENOMEM || (idx >= 0 && breach_input_line(L->ds, (size_t)idx,
                                                                   g->first_line)))
            return breach_fail(err, BREACH_ENOMEM, "out of memory");
        for (size_t r = 0; r < g->n_rows; r++) {
            if (idx >= 0) {
                breach_report_count_loaded(L->report);
                continue;
            }
            breach_row_error re;
            breach_row_fail(&re, NULL, (int)idx, "%s", e.text);
            re.line = g->first_line;
            int rc = breach_loader_reject(L, g->rows[r], &re, first ? NULL : err);
            if (rc == BREACH_ENOMEM)
                return rc;
            if (rc && !first)
                first = rc;
        }
    }
    return first;
}

static void mapped_free(mapped *M)
{
    breachp_free(M->summary);
    breachp_free(M->regions);
    for (int k = 0; k < MAP_SET_COUNT_; k++)
        breachp_free(M->sets[k]);
    breachp_free(M->group_by);
    breachp_free(M->attrs);
    for (size_t g = 0; g < M->n_groups; g++)
        group_free(&M->groups[g]);
    breachp_free(M->groups);
    breachp_free(M->index);
    breachp_free(M->key);
}

/* Enumerated attributes (attr.<field> = <column>): the cell's text as the source writes
 * it, trimmed, split at attr.<field>.split; an empty cell gives none. */
static int mapped_attrs(void *self, breach_loader *L, const breach_csv *c, breach_error *err)
{
    const mapped *M = self;
    const breach_mapping *m = M->m;
    for (size_t i = 0; i < m->n_attrs; i++) {
        if (M->attrs[i] < 0)
            continue;
        breach_csv_field f = trimmed(c, M->attrs[i]);
        if (breach_loader_attr(L, m->attrs[i].field, f.s, f.len, m->attrs[i].split, 1, f.line,
                               f.column))
            return breach_fail(err, BREACH_ENOMEM, "out of memory");
    }
    return 0;
}

static const breach_loader_ops mapped_ops = {mapped_header, mapped_row, mapped_finish, "mapped",
                                             mapped_attrs, 0};

static int mapping_ready(const breach_mapping *m, breach_error *err)
{
    if (!m)
        return breach_fail(err, BREACH_EINVAL, "no mapping");
    /* what the mapping lacks as a whole: its file, when it came from one, is the place */
    if (!m->text[MAP_ENTITY].n)
        return breach_fail_at(err, BREACH_EINVAL, m->source, 0, 0,
                              "the mapping names no entity column ('entity = ...')");
    for (size_t i = 0; i < m->n_attrs; i++)
        if (!m->attrs[i].column)
            return breach_fail_at(err, BREACH_EINVAL, m->source, 0, 0,
                                  "attr.%s.split without attr.%s = COLUMN", m->attrs[i].field,
                                  m->attrs[i].field);
    if (m->n_attrs && m->group_by.n)
        return breach_fail_at(err, BREACH_EINVAL, m->source, 0, 0,
                              "attr.* keys cannot be combined with group_by in this version");
    return 0;
}

int breach_mapped_read_file(breach_dataset *ds, const char *path, const breach_mapping *m,
                            const breach_load_options *opt, breach_report *report,
                            breach_error *err)
{
    int rc = mapping_ready(m, err);
    if (rc)
        return rc;
    mapped M;
    memset(&M, 0, sizeof M);
    M.m = m;
    rc = breach_loader_run_file(ds, path, opt, report, &mapped_ops, &M, err);
    mapped_free(&M);
    return rc;
}

int breach_mapped_read_buffer(breach_dataset *ds, const char *data, size_t len,
                              const breach_mapping *m, const breach_load_options *opt,
                              breach_report *report, breach_error *err)
{
    int rc = mapping_ready(m, err);
    if (rc)
        return rc;
    mapped M;
    memset(&M, 0, sizeof M);
    M.m = m;
    rc = breach_loader_run_buffer(ds, data, len, opt, report, &mapped_ops, &M, err);
    mapped_free(&M);
    return rc;
}
