/* The HHS OCR breach-portal export (archive and under-investigation lists). What each column
 * becomes, the warnings and the quirks are in doc/formats.md. */
#include "input_private.h"
#include "loader_private.h"
#include "plausible_private.h"

#include <string.h>

enum {
    H_NAME, H_STATE, H_ENTITY_TYPE, H_AFFECTED, H_DATE, H_TYPES, H_LOCATIONS, H_BA, H_DESC,
    H_COUNT_
};

/* In the portal's order: a header we do not recognise is read by these positions. */
static const char *const hhs_names[H_COUNT_] = {
    "Name of Covered Entity", "State", "Covered Entity Type", "Individuals Affected",
    "Breach Submission Date", "Type of Breach", "Location of Breached Information",
    "Business Associate Present", "Web Description"};

typedef struct vocab {
    const char *text;
    int bit;
} vocab;

static const vocab hhs_types[] = {
    {"Hacking/IT Incident", BREACH_TYPE_HACKING},
    {"Unauthorized Access/Disclosure", BREACH_TYPE_UNAUTHORIZED_ACCESS},
    {"Theft", BREACH_TYPE_THEFT},
    {"Loss", BREACH_TYPE_LOSS},
    {"Improper Disposal", BREACH_TYPE_IMPROPER_DISPOSAL},
    {"Other", BREACH_TYPE_OTHER},
    {"Unknown", BREACH_TYPE_UNKNOWN},
    {NULL, 0}};

static const vocab hhs_locations[] = {
    {"Network Server", BREACH_LOC_NETWORK_SERVER},
    {"Email", BREACH_LOC_EMAIL},
    {"Paper/Films", BREACH_LOC_PAPER},
    {"Laptop", BREACH_LOC_LAPTOP},
    {"Desktop Computer", BREACH_LOC_DESKTOP},
    {"Electronic Medical Record", BREACH_LOC_EMR},
    {"Other Portable Electronic Device", BREACH_LOC_PORTABLE_DEVICE},
    {"Other", BREACH_LOC_OTHER},
    {NULL, 0}};

/* The levels a vocabulary's values map to: what the portal can state of that dimension. */
static uint64_t vocab_levels(const vocab *v)
{
    uint64_t s = 0;
    for (; v->text; v++)
        s |= (uint64_t)1 << v->bit;
    return s;
}

typedef struct hhs {
    int map[H_COUNT_]; /* column -> field index, -1 when absent (only Web Description may be) */
} hhs;

/* M[M]/D[D]/YYYY, the only date form of the export. */
static int us_date_shape(const char *s, size_t n)
{
    breach_trim(&s, &n);
    size_t i = 0, k;
    for (int part = 0; part < 3; part++) {
        for (k = 0; i < n && s[i] >= '0' && s[i] <= '9'; i++, k++)
            ;
        if (part < 2 ? (k < 1 || k > 2 || i >= n || s[i++] != '/') : (k != 4 || i != n))
            return 0;
    }
    return 1;
}

static int is_yes_no(const char *s, size_t n)
{
    breach_trim(&s, &n);
    return n == 0 || breach_ieq(s, n, "yes") || breach_ieq(s, n, "no");
}

/* Whether the records after the header look like the portal's layout of n columns: the
 * first (up to) three must have n fields, a count, a US date and Yes/No where the portal
 * puts them, and a state that is empty or known. No record at all: cannot tell. 1 or 0, or
 * BREACH_ENOMEM when the tokenizer ran out of memory (which tells nothing of the layout). */
static int rows_look_hhs(const char *p, size_t len, size_t n, long line)
{
    breach_csv c;
    breach_csv_init(&c, p, len, "");
    c.line = line;
    int seen = 0, ok = 1;
    while (ok && seen < 3) {
        int got = breach_csv_next(&c, NULL);
        if (got < 0) {
            ok = got == BREACH_ENOMEM ? BREACH_ENOMEM : 0;
            break;
        }
        if (got == 0)
            break;
        if (breach_csv_blank(&c))
            continue;
        seen++;
        if (c.nfields != n) {
            ok = 0;
            break;
        }
        const breach_csv_field *f = c.fields;
        breach_region r;
        const char *st = f[H_STATE].s;
        size_t stn = f[H_STATE].len;
        breach_trim(&st, &stn);
        const char *a = f[H_AFFECTED].s;
        size_t an = f[H_AFFECTED].len;
        breach_trim(&a, &an);
        ok = (an == 0 || breach_all_digits(a, an)) && us_date_shape(f[H_DATE].s, f[H_DATE].len) &&
             is_yes_no(f[H_BA].s, f[H_BA].len) &&
             (stn == 0 || breach_region_from_us_state(st, stn, &r, NULL) == BREACH_OK);
    }
    breach_csv_free(&c);
    return ok == BREACH_ENOMEM ? ok : ok && seen > 0;
}

/* Maps the header by name. Returns 1 when every cell is a portal column (once) and all but
 * Web Description are there; else 0 with *bad the first cell that is not (or -1 when a
 * column is missing, *missing naming it). */
static int map_by_name(const breach_csv *c, int *map, long *bad, int *missing)
{
    for (int k = 0; k < H_COUNT_; k++)
        map[k] = -1;
    *bad = -1;
    *missing = -1;
    for (size_t i = 0; i < c->nfields; i++) {
        int found = -1;
        for (int k = 0; k < H_COUNT_ && found < 0; k++)
            if (breach_header_eq(c->fields[i].s, c->fields[i].len, hhs_names[k]))
                found = k;
        if (found < 0 || map[found] >= 0) {
            *bad = (long)i;
            return 0;
        }
        map[found] = (int)i;
    }
    for (int k = 0; k < H_DESC; k++)
        if (map[k] < 0) {
            *missing = k;
            return 0;
        }
    return 1;
}

int breach_hhs_sniff(const char *data, size_t len)
{
    breach_csv c;
    breach_csv_init(&c, data, len, "");
    int got = breach_csv_next(&c, NULL), ok = got == BREACH_ENOMEM ? BREACH_ENOMEM : 0;
    if (got == 1) {
        int map[H_COUNT_], missing;
        long bad;
        ok = map_by_name(&c, map, &bad, &missing);
        if (!ok && (c.nfields == 8 || c.nfields == 9))
            ok = rows_look_hhs(c.p, (size_t)(c.end - c.p), c.nfields, c.line);
    }
    breach_csv_free(&c);
    return ok;
}

static int hhs_header(void *self, breach_loader *L, breach_csv *c, breach_error *err)
{
    hhs *H = self;
    int rc = breach_csv_next(c, err);
    if (rc < 0)
        return rc;
    if (rc == 0)
        return breach_fail_at(err, BREACH_EFORMAT, L->source, 1, 0,
                              "empty file: an HHS breach-portal export starts with a header row");
    L->nheader = c->nfields;
    /* what the portal can state: its types and locations (no ransomware: a ransomware
       filing is "Hacking/IT Incident"); where the data was held, never what it was */
    breach_input_set_stated(L->ds, BREACH_DIM_TYPE, vocab_levels(hhs_types));
    breach_input_set_stated(L->ds, BREACH_DIM_CATEGORY, 0);
    breach_input_set_stated(L->ds, BREACH_DIM_LOCATION, vocab_levels(hhs_locations));
    /* the portal lists only breaches affecting 500 individuals or more (HITECH Act
       13402(e)(4)): smaller ones reach HHS in a yearly log that it does not publish */
    breach_input_set_floor(L->ds, 500);
    long bad;
    int missing;
    if (map_by_name(c, H->map, &bad, &missing))
        return 0;
    if ((c->nfields == 8 || c->nfields == 9) &&
        rows_look_hhs(c->p, (size_t)(c->end - c->p), c->nfields, c->line)) {
        for (int k = 0; k < H_COUNT_; k++)
            H->map[k] = k < (int)c->nfields ? k : -1;
        const breach_csv_field *f = bad >= 0 ? &c->fields[bad] : NULL;
        if (f)
            rc = breach_loader_warn(L, 0, BREACH_WARN_HEADER, f->line, f->column,
                                    "header cell %ld '%.*s' is not an HHS column name; the %zu "
                                    "columns are taken in the portal's order",
                                    bad + 1, (int)(f->len > 40 ? 40 : f->len), f->s, c->nfields);
        else
            rc = breach_loader_warn(L, 0, BREACH_WARN_HEADER, c->record_line, 0,
                                    "the header lacks '%s'; the %zu columns are taken in the "
                                    "portal's order",
                                    hhs_names[missing], c->nfields);
        return rc ? breach_fail(err, rc, "out of memory") : 0;
    }
    if (bad >= 0) {
        const breach_csv_field *f = &c->fields[bad];
        return breach_fail_at(err, BREACH_EFORMAT, L->source, f->line, f->column,
                              "header cell %ld '%.*s' is not an HHS breach-portal column (or is "
                              "repeated), and the rows do not follow the portal's 9-column layout",
                              bad + 1, (int)(f->len > 40 ? 40 : f->len), f->s);
    }
    return breach_fail_at(err, BREACH_EFORMAT, L->source, c->record_line, 0,
                          "the header lacks the HHS column '%s'", hhs_names[missing]);
}

/* A comma-separated list of portal values into a set; empty field = empty set. */
static int parse_list(const breach_csv_field *f, const vocab *v, const char *what, uint32_t *set,
                      breach_row_error *re)
{
    size_t i = 0;
    const char *s = f->s;
    size_t len = f->len;
    *set = 0;
    {
        const char *t = s;
        size_t tn = len;
        breach_trim(&t, &tn);
        if (tn == 0)
            return 0;
    }
    while (i <= len) {
        size_t j = i;
        while (j < len && s[j] != ',')
            j++;
        const char *it = s + i;
        size_t n = j - i;
        breach_trim(&it, &n);
        if (n == 0)
            return breach_row_fail(re, f, BREACH_EPARSE, "%s: empty value in the list '%.*s'", what,
                                   (int)(len > 60 ? 60 : len), s);
        int k = 0;
        while (v[k].text && !breach_header_eq(it, n, v[k].text))
            k++;
        if (!v[k].text)
            return breach_row_fail(re, f, BREACH_ETYPE,
                                   "%s: '%.*s' is not a value of the HHS portal (see "
                                   "doc/formats.md)",
                                   what, (int)(n > 60 ? 60 : n), it);
        *set |= 1u << v[k].bit;
        i = j + 1;
    }
    return 0;
}

static int hhs_row(void *self, breach_loader *L, const breach_csv *c, breach_incident *inc,
                   breach_row_error *re)
{
    const hhs *H = self;
    if (breach_loader_reserve(L, breach_loader_row_need(L, c, 0)))
        return BREACH_ENOMEM;
    const breach_csv_field *f = &c->fields[H->map[H_NAME]];
    const char *s;
    size_t n;
    int rc;

    s = f->s;
    n = f->len;
    breach_trim(&s, &n);
    if (n == 0)
        return breach_row_fail(re, f, BREACH_EPARSE, "Name of Covered Entity is empty");
    /* the name as reported, stray spaces included: entity keys fold them */
    if ((rc = breach_loader_text(L, f, hhs_names[H_NAME], &inc->entity, re)))
        return rc;

    f = &c->fields[H->map[H_STATE]];
    s = f->s;
    n = f->len;
    breach_trim(&s, &n);
    breach_error e;
    if (n && breach_region_from_us_state(s, n, &inc->entity_region, &e))
        return breach_row_fail(re, f, BREACH_EREGION, "State: %s", e.text);

    f = &c->fields[H->map[H_ENTITY_TYPE]];
    s = f->s;
    n = f->len;
    breach_trim(&s, &n);
    if (n) {
        breach_csv_field t = *f;
        t.s = s;
        t.len = n;
        if ((rc = breach_loader_text(L, &t, hhs_names[H_ENTITY_TYPE], &inc->entity_type, re)))
            return rc;
    }

    const breach_csv_field *fa = &c->fields[H->map[H_AFFECTED]];
    s = fa->s;
    n = fa->len;
    breach_trim(&s, &n);
    if (n) {
        if (!breach_all_digits(s, n))
            return breach_row_fail(re, fa, BREACH_ECOUNT,
                                   "Individuals Affected '%.*s' is not a whole number",
                                   (int)(n > 40 ? 40 : n), s);
        if ((rc = breach_count_parse(s, n, &inc->affected, &e)))
            return breach_row_fail(re, fa, rc, "Individuals Affected: %s", e.text);
    }
    uint64_t wild = 0; /* a count above the world's population, left unknown */
    int implausible = breach_count_implausible(&inc->affected, &wild);

    const breach_csv_field *fd = &c->fields[H->map[H_DATE]];
    s = fd->s;
    n = fd->len;
    breach_trim(&s, &n);
    if (n) {
        if (!us_date_shape(s, n))
            return breach_row_fail(re, fd, BREACH_EDATE,
                                   "Breach Submission Date '%.*s' is not MM/DD/YYYY",
                                   (int)(n > 40 ? 40 : n), s);
        if ((rc = breach_date_parse(s, n, &inc->reported, &e)))
            return breach_row_fail(re, fd, rc, "Breach Submission Date: %s", e.text);
    }

    const breach_csv_field *ft = &c->fields[H->map[H_TYPES]];
    if ((rc = parse_list(ft, hhs_types, hhs_names[H_TYPES], &inc->types, re)))
        return rc;
    f = &c->fields[H->map[H_LOCATIONS]];
    if ((rc = parse_list(f, hhs_locations, hhs_names[H_LOCATIONS], &inc->locations, re)))
        return rc;

    f = &c->fields[H->map[H_BA]];
    s = f->s;
    n = f->len;
    breach_trim(&s, &n);
    if (n == 0)
        inc->business_associate = BREACH_TRI_UNKNOWN;
    else if (breach_ieq(s, n, "yes"))
        inc->business_associate = BREACH_TRI_YES;
    else if (breach_ieq(s, n, "no"))
        inc->business_associate = BREACH_TRI_NO;
    else
        return breach_row_fail(re, f, BREACH_EPARSE,
                               "Business Associate Present '%.*s' is not Yes, No or empty",
                               (int)(n > 20 ? 20 : n), s);

    if (H->map[H_DESC] >= 0) {
        f = &c->fields[H->map[H_DESC]];
        /* "\N" is a database NULL that some copies of the export carry */
        if (!(f->len == 2 && f->s[0] == '\\' && f->s[1] == 'N') &&
            (rc = breach_loader_text(L, f, hhs_names[H_DESC], &inc->summary, re)))
            return rc;
    }

    /* One row is one notice; rows of a business associate's clients add up (see
       doc/formats.md), so no row replaces another. */
    inc->flags = BREACH_FLAG_SEPARATE;
    inc->unit = BREACH_UNIT_INDIVIDUALS;
    inc->id = breach_loader_printf(L, "hhs:%s:%ld", L->base, L->row);
    inc->source = breach_loader_printf(L, "%s row %ld", L->base, L->row);

    /* warnings last, so that a rejected row carries none */
    if (implausible)
        rc = breach_loader_warn_implausible_count(L, hhs_names[H_AFFECTED], wild, fa->line,
                                                  fa->column);
    else if (inc->affected.qualifier == BREACH_COUNT_UNKNOWN)
        rc = breach_loader_warn(L, L->row, BREACH_WARN_OTHER, fa->line, fa->column,
                                "Individuals Affected is empty: the count is unknown");
    else if (inc->affected.value == 500 || inc->affected.value == 501) {
        inc->flags |= BREACH_FLAG_PLACEHOLDER;
        rc = breach_loader_warn(L, L->row, BREACH_WARN_PLACEHOLDER, fa->line, fa->column,
                                "Individuals Affected %llu is the portal's threshold, often a "
                                "placeholder for \"500 or more\"; kept as exact",
                                (unsigned long long)inc->affected.value);
    } else {
        /* the portal lists only breaches of 500 or more (hhs_header): a 0 is a typing error
           or a filing of the yearly log of small breaches */
        rc = breach_loader_check_floor(L, hhs_names[H_AFFECTED], inc->affected, 500, fa->line,
                                       fa->column);
    }
    if (!rc && !inc->types)
        rc = breach_loader_warn(L, L->row, BREACH_WARN_OTHER, ft->line, ft->column,
                                "Type of Breach is empty: no breach type stated");
    if (!rc && !breach_date_is_known(inc->reported))
        rc = breach_loader_warn(L, L->row, BREACH_WARN_OTHER, fd->line, fd->column,
                                "Breach Submission Date is empty");
    static const char *const date_names[] = {"Breach Submission Date", NULL, NULL, NULL};
    if (!rc)
        rc = breach_loader_check_plausible(L, inc, date_names);
    if (rc)
        return BREACH_ENOMEM;
    return breach_loader_check_identical(L, inc);
}

/* Enumerated attributes (doc/vocabularies.md): the portal's categorical columns as it
 * writes them, the lists split at their commas. */
static int hhs_attrs(void *self, breach_loader *L, const breach_csv *c, breach_error *err)
{
    const hhs *H = self;
    static const struct {
        int col;
        const char *field;
        char sep;
    } cols[] = {{H_ENTITY_TYPE, "covered_entity_type", 0},
                {H_TYPES, "type_of_breach", ','},
                {H_LOCATIONS, "location_of_breached_information", ','},
                {H_BA, "business_associate_present", 0}};
    for (size_t k = 0; k < sizeof cols / sizeof cols[0]; k++) {
        int i = H->map[cols[k].col];
        if (i < 0 || i >= (int)c->nfields)
            continue;
        const breach_csv_field *f = &c->fields[i];
        if (breach_loader_attr(L, cols[k].field, f->s, f->len, cols[k].sep, 0, 0, 0))
            return breach_fail(err, BREACH_ENOMEM, "out of memory");
    }
    return 0;
}

static const breach_loader_ops hhs_ops = {hhs_header, hhs_row, NULL, "hhs", hhs_attrs, 0};

int breach_hhs_read_file(breach_dataset *ds, const char *path, const breach_load_options *opt,
                         breach_report *report, breach_error *err)
{
    hhs H;
    return breach_loader_run_file(ds, path, opt, report, &hhs_ops, &H, err);
}

int breach_hhs_read_buffer(breach_dataset *ds, const char *data, size_t len,
                           const breach_load_options *opt, breach_report *report,
                           breach_error *err)
{
    hhs H;
    return breach_loader_run_buffer(ds, data, len, opt, report, &hhs_ops, &H, err);
}
