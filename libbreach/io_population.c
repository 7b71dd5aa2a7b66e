/* Resident populations: the Census Bureau estimates read into a table by region. */
#include "csv.h"
#include "file_private.h"
#include "population_private.h"

#include <stdlib.h>
#include <string.h>

void breach_population_free(breach_population *p)
{
    if (!p)
        return;
    breachp_free(p->all);
    breachp_free(p->years);
    breachp_free(p->has);
    breachp_free(p);
}

int breach_population_year(const breach_population *p) { return p ? p->year : 0; }

const uint64_t *breach_population_of_year(const breach_population *p, int year)
{
    for (size_t k = 0; p && k < p->nyears; k++)
        if (p->years[k] == year)
            return p->all + k * p->nreg;
    return NULL;
}
size_t breach_population_size(const breach_population *p) { return p ? p->n : 0; }

int breach_population_get(const breach_population *p, breach_region r, uint64_t *out,
                          breach_error *err)
{
    if (!p || !out)
        return breach_fail(err, BREACH_EINVAL, "no population table or output");
    if (r >= p->nreg || !p->has[r])
        return breach_fail(err, BREACH_ENOTFOUND, "no population for region %s",
                           r ? breach_region_code(r) : "(none)");
    *out = p->pop[r];
    return BREACH_OK;
}

/* A POPESTIMATEyyyy header: its year, else 0. */
static int popestimate_year(const breach_csv_field *f)
{
    static const char pre[] = "POPESTIMATE";
    size_t lp = sizeof pre - 1;
    if (f->len != lp + 4 || memcmp(f->s, pre, lp) != 0)
        return 0;
    int y = 0;
    for (size_t k = lp; k < f->len; k++) {
        if (f->s[k] < '0' || f->s[k] > '9')
            return 0;
        y = y * 10 + (f->s[k] - '0');
    }
    return y;
}

static int field_is(const breach_csv_field *f, const char *name)
{
    const char *s = f->s;
    size_t len = f->len;
    breach_trim(&s, &len);
    return breach_ieq(s, len, name);
}

static int parse_u64(const char *s, size_t len, uint64_t *out)
{
    breach_trim(&s, &len);
    if (len == 0)
        return BREACH_EPARSE;
    uint64_t v = 0;
    for (size_t k = 0; k < len; k++) {
        if (s[k] < '0' || s[k] > '9')
            return BREACH_EPARSE;
        unsigned dgt = (unsigned)(s[k] - '0');
        if (v > (UINT64_MAX - dgt) / 10)
            return BREACH_EOVERFLOW;
        v = v * 10 + dgt;
    }
    *out = v;
    return BREACH_OK;
}

breach_population *breach_population_read_buffer(const char *data, size_t len,
                                                 const char *source_name, int year,
                                                 breach_error *err)
{
    const char *src = source_name ? source_name : "<buffer>";
    if (!data && len) {
        breach_fail(err, BREACH_EINVAL, "no data");
        return NULL;
    }
    if (year < 0 || year > 9999) {
        breach_fail(err, BREACH_EINVAL, "population year %d", year);
        return NULL;
    }
    if (breach_regions_ready(err) || breach_refuse_utf16(data, len, src, err))
        return NULL;
    breach_csv c;
    breach_csv_init(&c, data ? data : "", len, src);
    breach_population *p = breachp_calloc(1, sizeof *p);
    if (!p) {
        breach_csv_free(&c);
        breach_fail(err, BREACH_ENOMEM, "out of memory for a population table");
        return NULL;
    }
    p->nreg = (size_t)breach_region_max() + 1;
    p->year_given = year != 0;
    long *ycol = NULL; /* the column of each of p->years */
    p->has = breachp_calloc(p->nreg, 1);
    if (!p->has) {
        breach_fail(err, BREACH_ENOMEM, "out of memory for a population table");
        goto fail;
    }
    int rc = breach_csv_next(&c, err);
    if (rc < 0)
        goto fail;
    if (rc == 0) {
        breach_fail_at(err, BREACH_EFORMAT, src, 1, 1, "empty file: no header");
        goto fail;
    }
    long col_sumlev = -1, col_name = -1, col_pop = -1;
    int best = 0;
    for (size_t k = 0; k < c.nfields; k++) {
        const breach_csv_field *fl = &c.fields[k];
        int y = popestimate_year(fl);
        if (field_is(fl, "SUMLEV"))
            col_sumlev = (long)k;
        else if (field_is(fl, "NAME"))
            col_name = (long)k;
        else if (y && (year ? y == year : y > best)) {
            best = y;
            col_pop = (long)k;
        }
    }
    if (col_sumlev < 0 || col_name < 0 || col_pop < 0) {
        char want[32];
        if (year)
            snprintf(want, sizeof want, "POPESTIMATE%04d", year);
        else
            snprintf(want, sizeof want, "POPESTIMATE<year>");
        breach_fail_at(err, BREACH_EFORMAT, src, 1, 1, "the header has no %s column",
                       col_sumlev < 0 ? "SUMLEV" : col_name < 0 ? "NAME" : want);
        goto fail;
    }
    p->year = best;
    size_t need = (size_t)(col_sumlev > col_name ? col_sumlev : col_name);
    /* with year 0 every POPESTIMATE column (a year twice keeps its first), for rates over
     * notices of another year (agg_percapita.c); with a year named only its own, the one
     * the rates then use, so that another year's cell, as "(NA)", is never read */
    if (!(p->years = breachp_malloc(c.nfields * sizeof *p->years)) ||
        !(ycol = breachp_malloc(c.nfields * sizeof *ycol))) {
        breach_fail(err, BREACH_ENOMEM, "out of memory for a population table");
        goto fail;
    }
    for (size_t k = 0; k < c.nfields; k++) {
        int y = popestimate_year(&c.fields[k]);
        int seen = 0;
        for (size_t j = 0; j < p->nyears; j++)
            seen |= p->years[j] == y;
        if (!y || seen || ((year || y == best) && (long)k != col_pop))
            continue;
        p->years[p->nyears] = y;
        ycol[p->nyears++] = (long)k;
        need = need > k ? need : k;
    }
    if (!(p->all = breachp_calloc(p->nyears * p->nreg, sizeof *p->all))) {
        breach_fail(err, BREACH_ENOMEM, "out of memory for a population table");
        goto fail;
    }
    p->pop = (uint64_t *)breach_population_of_year(p, best);
    while ((rc = breach_csv_next(&c, err)) > 0) {
        if (breach_csv_blank(&c))
            continue;
        if (c.nfields <= need) {
            breach_fail_at(err, BREACH_EFORMAT, src, c.record_line, 1,
                           "%zu fields where the header has %zu", c.nfields, need + 1);
            goto fail;
        }
        const breach_csv_field *lev = &c.fields[col_sumlev], *nm = &c.fields[col_name],
                               *pv = &c.fields[col_pop];
        breach_region r;
        if (field_is(lev, "040")) {
            if (breach_region_from_us_state(nm->s, nm->len, &r, NULL)) {
                breach_fail_at(err, BREACH_EREGION, src, nm->line, nm->column,
                               "\"%.*s\" is not a US state, district or territory",
                               (int)(nm->len > 80 ? 80 : nm->len), nm->s);
                goto fail;
            }
        } else if (field_is(lev, "010")) {
            breach_region_parse("US", 2, &r, NULL);
        } else {
            continue;
        }
        if (p->has[r]) {
            breach_fail_at(err, BREACH_EINCONSISTENT, src, nm->line, nm->column,
                           "a second row for %s", breach_region_code(r));
            goto fail;
        }
        /* the chosen year's cell first, so that its error is the one reported */
        for (size_t k = p->nyears + 1; k-- > 0;) {
            const breach_csv_field *cell = k == p->nyears ? pv : &c.fields[ycol[k]];
            uint64_t v;
            if ((rc = parse_u64(cell->s, cell->len, &v))) {
                breach_fail_at(err, rc, src, cell->line, cell->column,
                               "population \"%.*s\" is not a whole number",
                               (int)(cell->len > 40 ? 40 : cell->len), cell->s);
                goto fail;
            }
            if (k < p->nyears)
                p->all[k * p->nreg + r] = v;
        }
        p->has[r] = 1;
        p->n++;
    }
    if (rc < 0)
        goto fail;
    breachp_free(ycol);
    breach_csv_free(&c);
    return p;
fail:
    breachp_free(ycol);
    breach_csv_free(&c);
    breach_population_free(p);
    return NULL;
}

breach_population *breach_population_read_file(const char *path, int year, breach_error *err)
{
    if (!path) {
        breach_fail(err, BREACH_EINVAL, "no path");
        return NULL;
    }
    breach_file f;
    if (breach_file_open(&f, path, err))
        return NULL;
    breach_population *p = breach_population_read_buffer(f.data, f.len, path, year, err);
    breach_file_close(&f);
    return p;
}

/* ---------------------------------------------------------------- rates */

