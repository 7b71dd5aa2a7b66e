/* The Washington State Attorney General's "Data Breach Notifications Affecting Washington
 * Residents" export (data.wa.gov). What each column becomes is in doc/formats.md; the same
 * result can be had through the mapping in doc/mapping.md (a test holds them equal). */
#include "input_private.h"
#include "loader_private.h"
#include "plausible_private.h"

#include <string.h>

enum {
    W_AWARE, W_SUBMITTED, W_CAUSE, W_START, W_END, W_NAME, W_ID, W_ATTACK, W_AFFECTED,
    W_INDUSTRY, W_BUSINESS, W_STATE, W_COUNT_
};

static const char *const wa_names[W_COUNT_] = {
    "DateAware", "DateSubmitted", "DataBreachCause", "DateStart", "DateEnd", "Name", "Id",
    "CyberattackType", "WashingtoniansAffected", "IndustryType", "BusinessType", "EntityState"};

/* Columns that the AGO computes from the others (reporting year, ranges, day counts): read
 * past without a warning, since the dates and the count they derive from are kept. */
static const char *const wa_derived[] = {
    "Year", "YearText", "WashingtoniansAffectedRange", "BreachLifecycleRange",
    "DaysToContainBreach", "DaysToIdentifyBreach", "DaysBreachLifecycle", "DiscoveredInProgress",
    "DaysOfExposure", "DaysElapsedBetweenEndAndDiscovery", "EndedOnDayDiscovered",
    "DaysElapsedBeforeNotification", "DaysOfExposureRange", NULL};

typedef struct wa_value {
    const char *text;
    breach_type_set types;
} wa_value;

/* Every value of the 2024-05 export (SOURCES.md section 5). "Theft or Mistake" merges two
 * causes: only "not a cyberattack" is certain, which is what `other` says. An attack type
 * adds to the cause: ransomware is its own type; malware, phishing and skimmers are
 * hacking; "Other" and "Unclear/unknown" add nothing beyond the cause. */
static const wa_value wa_causes[] = {
    {"Cyberattack", BREACH_TYPE_BIT(BREACH_TYPE_HACKING)},
    {"Unauthorized Access", BREACH_TYPE_BIT(BREACH_TYPE_UNAUTHORIZED_ACCESS)},
    {"Theft or Mistake", BREACH_TYPE_BIT(BREACH_TYPE_OTHER)},
    {NULL, 0}};
static const wa_value wa_attacks[] = {
    {"Ransomware", BREACH_TYPE_BIT(BREACH_TYPE_RANSOMWARE)},
    {"Malware", BREACH_TYPE_BIT(BREACH_TYPE_HACKING)},
    {"Phishing", BREACH_TYPE_BIT(BREACH_TYPE_HACKING)},
    {"Skimmers", BREACH_TYPE_BIT(BREACH_TYPE_HACKING)},
    {"Other", 0},
    {"Unclear/unknown", 0},
    {NULL, 0}};

static breach_type_set wa_levels(const wa_value *v)
{
    breach_type_set s = 0;
    for (; v->text; v++)
        s |= v->types;
    return s;
}

typedef struct wa {
    int map[W_COUNT_];
    breach_region us_wa;
} wa;

static int wa_find(const breach_csv_field *f)
{
    for (int k = 0; k < W_COUNT_; k++)
        if (breach_header_eq(f->s, f->len, wa_names[k]))
            return k;
    return -1;
}

static int wa_is_derived(const breach_csv_field *f)
{
    for (int k = 0; wa_derived[k]; k++)
        if (breach_header_eq(f->s, f->len, wa_derived[k]))
            return 1;
    return 0;
}

int breach_wa_sniff(const char *data, size_t len)
{
    breach_csv c;
    breach_csv_init(&c, data, len, "");
    int have = 0, got = breach_csv_next(&c, NULL);
    if (got == 1)
        for (size_t i = 0; i < c.nfields; i++) {
            int k = wa_find(&c.fields[i]);
            if (k == W_NAME || k == W_SUBMITTED || k == W_AFFECTED)
                have |= 1 << k;
        }
    breach_csv_free(&c);
    if (got == BREACH_ENOMEM)
        return BREACH_ENOMEM;
    return have == ((1 << W_NAME) | (1 << W_SUBMITTED) | (1 << W_AFFECTED));
}

static int wa_header(void *self, breach_loader *L, breach_csv *c, breach_error *err)
{
    wa *W = self;
    int rc = breach_csv_next(c, err);
    if (rc < 0)
        return rc;
    if (rc == 0)
        return breach_fail_at(err, BREACH_EFORMAT, L->source, 1, 0,
                              "empty file: the Washington AG export starts with a header row");
    L->nheader = c->nfields;
    /* what the export can state: the types its causes and attack types map to (no theft,
       loss or improper disposal apart: "Theft or Mistake" is other); no column of the
       kinds of data exposed nor of where they were held (doc/formats.md) */
    breach_input_set_stated(L->ds, BREACH_DIM_TYPE, wa_levels(wa_causes) | wa_levels(wa_attacks));
    breach_input_set_stated(L->ds, BREACH_DIM_CATEGORY, 0);
    breach_input_set_stated(L->ds, BREACH_DIM_LOCATION, 0);
    for (int k = 0; k < W_COUNT_; k++)
        W->map[k] = -1;
    for (size_t i = 0; i < c->nfields; i++) {
        const breach_csv_field *f = &c->fields[i];
        int k = wa_find(f);
        if (k >= 0 && W->map[k] >= 0)
            return breach_fail_at(err, BREACH_EFORMAT, L->source, f->line, f->column,
                                  "column '%s' appears twice in the header", wa_names[k]);
        if (k >= 0)
            W->map[k] = (int)i;
        else if (!wa_is_derived(f) &&
                 breach_loader_warn(L, 0, BREACH_WARN_HEADER, f->line, f->column,
                                    "column '%.*s' is not a Washington AG column; it is ignored",
                                    (int)(f->len > 40 ? 40 : f->len), f->s))
            return breach_fail(err, BREACH_ENOMEM, "out of memory");
    }
    static const int required[] = {W_NAME, W_ID, W_SUBMITTED, W_AFFECTED};
    for (size_t r = 0; r < sizeof required / sizeof required[0]; r++)
        if (W->map[required[r]] < 0)
            return breach_fail_at(err, BREACH_EFORMAT, L->source, c->record_line, 0,
                                  "the header lacks the Washington AG column '%s'",
                                  wa_names[required[r]]);
    return breach_region_parse("US-WA", 5, &W->us_wa, err);
}

/* The field of column k trimmed, or an empty one when the header lacks it. */
static breach_csv_field wa_field(const wa *W, const breach_csv *c, int k)
{
    breach_csv_field f = {"", 0, 0, 0, 0};
    if (W->map[k] >= 0) {
        f = c->fields[W->map[k]];
        breach_trim(&f.s, &f.len);
    }
    return f;
}

static int wa_types(const wa_value *v, const breach_csv_field *f, const char *what,
                    breach_type_set *set, breach_row_error *re)
{
    if (f->len == 0)
        return 0;
    for (int k = 0; v[k].text; k++)
        if (breach_header_eq(f->s, f->len, v[k].text)) {
            *set |= v[k].types;
            return 0;
        }
    return breach_row_fail(re, f, BREACH_ETYPE,
                           "%s '%.*s' is not a value of the Washington AG export (see "
                           "doc/formats.md)",
                           what, (int)(f->len > 40 ? 40 : f->len), f->s);
}

static int wa_row(void *self, breach_loader *L, const breach_csv *c, breach_incident *inc,
                  breach_row_error *re)
{
    const wa *W = self;
    if (breach_loader_reserve(L, breach_loader_row_need(L, c, 64)))
        return BREACH_ENOMEM;
    int rc;
    breach_error e;
    uint64_t wild = 0;               /* a count above the world's population, left unknown */
    breach_csv_field wild_at = {0};  /* its cell */

    const breach_csv_field *fname = &c->fields[W->map[W_NAME]];
    breach_csv_field f = wa_field(W, c, W_NAME);
    if (f.len == 0)
        return breach_row_fail(re, fname, BREACH_EPARSE, "Name is empty");
    /* the name as given (often "Data owner (Vendor)", trailing spaces and all) */
    if ((rc = breach_loader_text(L, fname, "Name", &inc->entity, re)))
        return rc;
    const char *part;
    size_t plen;
    if (breach_name_parenthesis(f.s, f.len, &part, &plen))
        inc->via = breach_loader_copy(L, part, plen);

    f = wa_field(W, c, W_ID);
    if (f.len) {
        const char *id;
        if ((rc = breach_loader_text(L, &f, "Id", &id, re)))
            return rc;
        inc->id = breach_loader_printf(L, "wa:%s", id);
    }

    static const struct {
        int col;
        size_t off;
    } dates[] = {{W_SUBMITTED, offsetof(breach_incident, reported)},
                 {W_START, offsetof(breach_incident, occurred_start)},
                 {W_END, offsetof(breach_incident, occurred_end)},
                 {W_AWARE, offsetof(breach_incident, discovered)}};
    for (size_t k = 0; k < sizeof dates / sizeof dates[0]; k++) {
        f = wa_field(W, c, dates[k].col);
        breach_date *d = (breach_date *)((char *)inc + dates[k].off);
        if (f.len && (rc = breach_date_parse(f.s, f.len, d, &e)))
            return breach_row_fail(re, &f, rc, "%s: %s", wa_names[dates[k].col], e.text);
    }

    f = wa_field(W, c, W_AFFECTED);
    if (!f.len) {
        /* every notice of the list concerns Washington residents (the AG's list is of
           notices affecting them): an empty figure is Washington with an unknown count, not
           a notice without a breakdown (32 of the 2024-05 export, range "Unknown") */
        if (breach_loader_add_region(L, W->us_wa, breach_count_unknown()))
            return BREACH_ENOMEM;
    } else {
        breach_count n;
        if (!breach_all_digits(f.s, f.len))
            return breach_row_fail(re, &f, BREACH_ECOUNT,
                                   "WashingtoniansAffected '%.*s' is not a whole number",
                                   (int)(f.len > 40 ? 40 : f.len), f.s);
        if ((rc = breach_count_parse(f.s, f.len, &n, &e)))
            return breach_row_fail(re, &f, rc, "WashingtoniansAffected: %s", e.text);
        /* warned about last, so that a rejected row carries no warning */
        if (breach_count_implausible(&n, &wild))
            wild_at = f;
        /* residents of Washington, not the notice's total: a regional count */
        if (breach_loader_add_region(L, W->us_wa, n))
            return BREACH_ENOMEM;
    }

    f = wa_field(W, c, W_STATE);
    if (f.len && breach_region_from_us_state(f.s, f.len, &inc->entity_region, &e))
        return breach_row_fail(re, &f, BREACH_EREGION, "EntityState: %s", e.text);

    f = wa_field(W, c, W_INDUSTRY);
    if (f.len && (rc = breach_loader_text(L, &f, "IndustryType", &inc->entity_type, re)))
        return rc;

    breach_csv_field cause = wa_field(W, c, W_CAUSE), attack = wa_field(W, c, W_ATTACK);
    if ((rc = wa_types(wa_causes, &cause, "DataBreachCause", &inc->types, re)) ||
        (rc = wa_types(wa_attacks, &attack, "CyberattackType", &inc->types, re)))
        return rc;

    /* what the type set cannot hold (phishing, skimmers, the business type) stays readable */
    const char *labels[] = {wa_names[W_CAUSE], wa_names[W_ATTACK], wa_names[W_BUSINESS]};
    breach_csv_field told[] = {cause, attack, wa_field(W, c, W_BUSINESS)};
    if ((rc = breach_loader_join(L, 3, labels, told, &inc->summary, re)))
        return rc;

    inc->unit = BREACH_UNIT_INDIVIDUALS;
    inc->regions = L->n_regions ? L->regions : NULL;
    inc->n_regions = L->n_regions;
    inc->source = breach_loader_printf(L, "%s row %ld", L->base, L->row);
    static const char *const names[] = {"DateSubmitted", "DateStart", "DateEnd", "DateAware"};
    if ((wild && breach_loader_warn_implausible_count(L, wa_names[W_AFFECTED], wild,
                                                      wild_at.line, wild_at.column)) ||
        breach_loader_check_occurred(L, inc, "DateStart", "DateEnd") ||
        breach_loader_check_plausible(L, inc, names))
        return BREACH_ENOMEM;
    return 0;
}

/* Enumerated attributes (doc/vocabularies.md): the export's categorical columns as the
 * AGO writes them. */
static int wa_attrs(void *self, breach_loader *L, const breach_csv *c, breach_error *err)
{
    const wa *W = self;
    static const struct {
        int col;
        const char *field;
    } cols[] = {{W_INDUSTRY, "industry_type"},
                {W_BUSINESS, "business_type"},
                {W_CAUSE, "data_breach_cause"},
                {W_ATTACK, "cyberattack_type"}};
    for (size_t k = 0; k < sizeof cols / sizeof cols[0]; k++) {
        breach_csv_field f = wa_field(W, c, cols[k].col);
        if (breach_loader_attr(L, cols[k].field, f.s, f.len, 0, 0, 0, 0))
            return breach_fail(err, BREACH_ENOMEM, "out of memory");
    }
    return 0;
}

static const breach_loader_ops wa_ops = {wa_header, wa_row, NULL, "wa", wa_attrs, 0};

int breach_wa_read_file(breach_dataset *ds, const char *path, const breach_load_options *opt,
                        breach_report *report, breach_error *err)
{
    wa W;
    return breach_loader_run_file(ds, path, opt, report, &wa_ops, &W, err);
}

int breach_wa_read_buffer(breach_dataset *ds, const char *data, size_t len,
                          const breach_load_options *opt, breach_report *report,
                          breach_error *err)
{
    wa W;
    return breach_loader_run_buffer(ds, data, len, opt, report, &wa_ops, &W, err);
}
