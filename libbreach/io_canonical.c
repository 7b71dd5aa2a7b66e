/* The canonical CSV: reader and writer. The format is documented in doc/canonical-csv.md. */
#include "file_private.h"
#include "input_private.h"
#include "loader_private.h"
#include "query_private.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum col {
    COL_ID, COL_ENTITY, COL_ENTITY_STATE, COL_ENTITY_TYPE, COL_BREACH_TYPES, COL_ACTOR,
    COL_VENDOR, COL_VIA, COL_REPORTED, COL_OCCURRED_START, COL_OCCURRED_END, COL_DISCOVERED,
    COL_AFFECTED, COL_UNIT, COL_REGIONS, COL_CATEGORIES, COL_LOCATIONS, COL_BUSINESS_ASSOCIATE,
    COL_SEPARATE, COL_SOURCE, COL_SUMMARY, COL_COUNT_
} col;

static const char *const col_names[COL_COUNT_] = {
    "id", "entity", "entity_state", "entity_type", "breach_types", "actor", "vendor", "via",
    "reported", "occurred_start", "occurred_end", "discovered", "affected", "unit", "regions",
    "categories", "locations", "business_associate", "separate", "source", "summary"};

/* ---------------------------------------------------------------- reading */

/* The header's column map: read-only once the header is read, so the rows can be parsed on
 * several threads at once (breach_loader_ops.parallel). */
typedef struct canon {
    int map[COL_COUNT_]; /* column -> field index, or -1 when the header lacks it */
    /* the columns the header has that canon_row parses (not the texts), in column order:
       a row's loop visits these, not every column the format knows */
    int parsed[COL_COUNT_];
    int n_parsed;
} canon;

static int row_fail(breach_row_error *re, const breach_csv_field *f, const char *what,
                    const breach_error *detail)
{
    return breach_row_fail(re, f, detail->code, "%s: %s", what, detail->text);
}

/* Splits a ';'-separated list and calls one(item) for each non-empty item. */
typedef int (*item_fn)(const char *s, size_t len, void *ctx, breach_error *err);
static int each_item(const char *s, size_t len, item_fn one, void *ctx, breach_error *err)
{
    size_t i = 0;
    while (i < len) {
        const char *semi = memchr(s + i, ';', len - i);
        size_t j = semi ? (size_t)(semi - s) : len;
        const char *it = s + i;
        size_t n = j - i;
        breach_trim(&it, &n);
        if (n == 0)
            return breach_fail(err, BREACH_EPARSE, "empty item in a ';' list");
        int rc = one(it, n, ctx, err);
        if (rc)
            return rc;
        i = j + 1;
        if (j < len && i == len)
            return breach_fail(err, BREACH_EPARSE, "the list ends with ';'");
    }
    return 0;
}

static int one_type(const char *s, size_t n, void *ctx, breach_error *err)
{
    breach_type t;
    int rc = breach_type_parse(s, n, &t, err);
    if (!rc)
        *(breach_type_set *)ctx |= BREACH_TYPE_BIT(t);
    return rc;
}

static int one_category(const char *s, size_t n, void *ctx, breach_error *err)
{
    breach_category c;
    int rc = breach_category_parse(s, n, &c, err);
    if (!rc)
        *(breach_category_set *)ctx |= BREACH_CAT_BIT(c);
    return rc;
}

static int one_location(const char *s, size_t n, void *ctx, breach_error *err)
{
    breach_location l;
    int rc = breach_location_parse(s, n, &l, err);
    if (!rc)
        *(breach_location_set *)ctx |= BREACH_LOC_BIT(l);
    return rc;
}

static int one_region(const char *s, size_t n, void *ctx, breach_error *err)
{
    breach_loader *L = ctx;
    const char *colon = memchr(s, ':', n);
    if (!colon)
        return breach_fail(err, BREACH_EPARSE, "region entry '%.*s' has no ':' (CODE:COUNT)",
                           (int)(n > 40 ? 40 : n), s);
    breach_region_count e;
    int rc = breach_region_parse(s, (size_t)(colon - s), &e.region, err);
    if (rc)
        return rc;
    if ((rc = breach_count_parse(colon + 1, n - (size_t)(colon - s) - 1, &e.count, err)))
        return rc;
    /* "US-WA:" is an entry without a figure: the notice concerns residents of the region
       and does not say how many (what breach_count_format writes for an unknown count) */
    if (breach_loader_add_region(L, e.region, e.count))
        return breach_fail(err, BREACH_ENOMEM, "out of memory");
    return 0;
}

static int parse_yesno(const char *s, size_t n, int32_t *out, breach_error *err)
{
    breach_trim(&s, &n);
    if (n == 0)
        *out = BREACH_TRI_UNKNOWN;
    else if (breach_ieq(s, n, "yes"))
        *out = BREACH_TRI_YES;
    else if (breach_ieq(s, n, "no"))
        *out = BREACH_TRI_NO;
    else
        return breach_fail(err, BREACH_EPARSE, "'%.*s' is not yes, no or empty", (int)(n > 20 ? 20 : n), s);
    return 0;
}

/* The text columns, taken as they are, in the order of the loader's text lengths
 * (L->text_len). */
static const col text_cols[8] = {COL_ID,  COL_ENTITY, COL_ENTITY_TYPE, COL_ACTOR,
                                 COL_VENDOR, COL_VIA, COL_SOURCE,      COL_SUMMARY};

/* Whether copy_strings takes column k as it is. */
static int is_text_col(col k)
{
    for (size_t i = 0; i < sizeof text_cols / sizeof text_cols[0]; i++)
        if (text_cols[i] == k)
            return 1;
    return 0;
}

/* Checks the row's text fields as UTF-8 and copies them NUL-terminated into the arena. */
static int copy_strings(const canon *C, breach_loader *L, const breach_csv *c,
                        breach_incident *inc, breach_row_error *re)
{
    const char **dst[] = {&inc->id, &inc->entity, &inc->entity_type, &inc->actor, &inc->vendor,
                          &inc->via, &inc->source, &inc->summary};
    for (size_t k = 0; k < sizeof text_cols / sizeof text_cols[0]; k++) {
        int fi = C->map[text_cols[k]];
        L->text_len[k] = fi < 0 ? 0 : c->fields[fi].len; /* a field holds no NUL (csv.h) */
        if (!L->text_len[k])
            continue;
        size_t bad;
        if (!breach_utf8_valid(c->fields[fi].s, c->fields[fi].len, &bad))
            return breach_row_fail(re, &c->fields[fi], BREACH_EENCODING,
                                   "%s: invalid UTF-8 at byte %zu of the field (the file must "
                                   "be UTF-8)",
                                   col_names[text_cols[k]], bad + 1);
        *dst[k] = breach_loader_copy(L, c->fields[fi].s, c->fields[fi].len);
    }
    L->text_checked = 1; /* a failed copy sets L->overflow, which rejects the row */
    return 0;
}

/* Parses one data row into *inc (strings in L's arena). */
static int canon_row(void *self, breach_loader *L, const breach_csv *c, breach_incident *inc,
                     breach_row_error *re)
{
    const canon *C = self;
    int rc = copy_strings(C, L, c, inc, re);
    if (rc)
        return rc;
    breach_error e;
    breach_error_clear(&e); /* the first failure returns: one clear a row is enough */
    for (int j = 0; j < C->n_parsed; j++) {
        int k = C->parsed[j];
        const breach_csv_field *f = &c->fields[C->map[k]];
        const char *s = f->s;
        size_t n = f->len;
        switch ((col)k) {
        case COL_ENTITY_STATE: {
            const char *t = s;
            size_t tn = n;
            breach_trim(&t, &tn);
            if (tn)
                rc = breach_region_parse(t, tn, &inc->entity_region, &e);
            break;
        }
        case COL_BREACH_TYPES: rc = each_item(s, n, one_type, &inc->types, &e); break;
        case COL_CATEGORIES: rc = each_item(s, n, one_category, &inc->categories, &e); break;
        case COL_LOCATIONS: rc = each_item(s, n, one_location, &inc->locations, &e); break;
        case COL_REGIONS:
            rc = each_item(s, n, one_region, L, &e);
            L->inconsistent_column = f->column;
            break;
        case COL_REPORTED: rc = breach_date_parse(s, n, &inc->reported, &e); break;
        case COL_OCCURRED_START: rc = breach_date_parse(s, n, &inc->occurred_start, &e); break;
        case COL_OCCURRED_END: rc = breach_date_parse(s, n, &inc->occurred_end, &e); break;
        case COL_DISCOVERED: rc = breach_date_parse(s, n, &inc->discovered, &e); break;
        case COL_AFFECTED: rc = breach_count_parse(s, n, &inc->affected, &e); break;
        case COL_UNIT: {
            const char *t = s;
            size_t tn = n;
            breach_trim(&t, &tn);
            breach_unit u = BREACH_UNIT_INDIVIDUALS;
            if (tn)
                rc = breach_unit_parse(t, tn, &u, &e);
            inc->unit = (int32_t)u;
            break;
        }
        case COL_BUSINESS_ASSOCIATE: rc = parse_yesno(s, n, &inc->business_associate, &e); break;
        case COL_SEPARATE: {
            int32_t v;
            rc = parse_yesno(s, n, &v, &e);
            if (!rc && v == BREACH_TRI_YES)
                inc->flags |= BREACH_FLAG_SEPARATE;
            break;
        }
        default: break;
        }
        if (rc)
            return row_fail(re, f, col_names[k], &e);
    }
    inc->regions = L->n_regions ? L->regions : NULL;
    inc->n_regions = L->n_regions;
    return 0;
}

static int canon_header(void *self, breach_loader *L, breach_csv *c, breach_error *err)
{
    canon *C = self;
    int rc = breach_csv_next(c, err);
    if (rc < 0)
        return rc;
    if (rc == 0)
        return breach_fail_at(err, BREACH_EFORMAT, L->source, 1, 0,
                              "empty file: the canonical CSV starts with a header row");
    for (int k = 0; k < COL_COUNT_; k++)
        C->map[k] = -1;
    for (size_t i = 0; i < c->nfields; i++) {
        const breach_csv_field *f = &c->fields[i];
        const char *s = f->s;
        size_t n = f->len;
        breach_trim(&s, &n);
        int found = -1;
        for (int k = 0; k < COL_COUNT_; k++)
            if (strlen(col_names[k]) == n && memcmp(col_names[k], s, n) == 0)
                found = k;
        if (found < 0)
            return breach_fail_at(err, BREACH_EFORMAT, L->source, f->line, f->column,
                                  "unknown column '%.*s' in the header (see doc/canonical-csv.md)",
                                  (int)(n > 40 ? 40 : n), s);
        if (C->map[found] >= 0)
            return breach_fail_at(err, BREACH_EFORMAT, L->source, f->line, f->column,
                                  "column '%s' appears twice in the header", col_names[found]);
        C->map[found] = (int)i;
    }
    if (C->map[COL_ENTITY] < 0)
        return breach_fail_at(err, BREACH_EFORMAT, L->source, 1, 0,
                              "the header has no 'entity' column");
    C->n_parsed = 0;
    for (int k = 0; k < COL_COUNT_; k++)
        if (C->map[k] >= 0 && !is_text_col((col)k))
            C->parsed[C->n_parsed++] = k;
    L->nheader = c->nfields;
    return 0;
}

/* The data row number of the input's incident of this rank (0: its first), given the rows
 * rejected (ascending): the rank + 1-th row number that was not rejected. */
static long row_of(size_t rank, const long *rejected, size_t n_rejected)
{
    long row = (long)rank + 1;
    for (size_t below = 0;;) {
        size_t now = below;
        while (now < n_rejected && rejected[now] <= row)
            now++;
        if (now == below)
            return row;
        row += (long)(now - below);
        below = now;
    }
}

/* After the rows: those that repeat an earlier row of the file (within.c, as the other
 * loaders find as they read, which rows parsed on several threads cannot): warned of in
 * index order, the identical ones flagged there. */
static int canon_finish(void *self, breach_loader *L, breach_error *err)
{
    (void)self;
    breach_repeat *rep = NULL;
    size_t n = 0, n_rej = 0;
    long *rej = NULL;
    int rc = breach_input_repeats(L->ds, L->threads, L->report ? &rep : NULL, &n);
    if (!rc && n)
        rc = breach_report_rejected_rows(L->report, L->source_index, &rej, &n_rej);
    for (size_t k = 0; !rc && k < n; k++) {
        const breach_repeat *r = &rep[k];
        long line = 0, earlier_line = 0;
        breach_dataset_origin(L->ds, r->index, &line);
        breach_dataset_origin(L->ds, r->earlier, &earlier_line);
        long row = row_of(r->rank, rej, n_rej), earlier = row_of(r->earlier_rank, rej, n_rej);
        breach_incident in;
        breach_dataset_get(L->ds, r->index, &in, NULL);
        if (!in.id)
            rc = breach_loader_warn_identical(L, row, line, earlier, earlier_line);
        else
            rc = breach_loader_warn(L, row, BREACH_WARN_DUPLICATE, line, 0,
                                    "id '%s' repeats row %ld (line %ld), %s; both are kept",
                                    in.id, earlier, earlier_line,
                                    r->same ? "with the same content" : "with other content");
    }
    breachp_free(rej);
    breachp_free(rep);
    if (rc)
        return breach_fail(err, rc,
                           rc == BREACH_ENOMEM ? "out of memory finding repeated rows"
                                               : "too many rows to find those repeated");
    return 0;
}

static const breach_loader_ops canon_ops = {.header = canon_header,
                                            .row = canon_row,
                                            .finish = canon_finish,
                                            .format = "canonical",
                                            .parallel = 1};

int breach_csv_read_buffer(breach_dataset *ds, const char *data, size_t len,
                           const breach_load_options *opt, breach_report *report, breach_error *err)
{
    canon C;
    return breach_loader_run_buffer(ds, data, len, opt, report, &canon_ops, &C, err);
}

int breach_csv_read_file(breach_dataset *ds, const char *path, const breach_load_options *opt,
                         breach_report *report, breach_error *err)
{
    canon C;
    return breach_loader_run_file(ds, path, opt, report, &canon_ops, &C, err);
}

/* ---------------------------------------------------------------- writing */

static int put_field(FILE *out, const char *s)
{
    if (!s || !*s)
        return 0;
    size_t n = strlen(s);
    int quote = s[0] == ' ' || s[n - 1] == ' ' || s[0] == '\t' || s[n - 1] == '\t' ||
                strpbrk(s, ",\"\r\n") != NULL;
    if (!quote)
        return fputs(s, out) < 0 ? -1 : 0;
    if (fputc('"', out) == EOF)
        return -1;
    for (const char *p = s; *p; p++) {
        if (*p == '"' && fputc('"', out) == EOF)
            return -1;
        if (fputc(*p, out) == EOF)
            return -1;
    }
    return fputc('"', out) == EOF ? -1 : 0;
}

static int put_date(FILE *out, breach_date d)
{
    char b[16];
    breach_date_format(d, b, sizeof b);
    return fputs(b, out) < 0 ? -1 : 0;
}

static int put_set(FILE *out, uint64_t set, int n, const char *(*name)(int))
{
    int first = 1;
    for (int k = 0; k < n; k++) {
        if (!(set >> k & 1))
            continue;
        if ((!first && fputc(';', out) == EOF) || fputs(name(k), out) < 0)
            return -1;
        first = 0;
    }
    return 0;
}

static const char *type_name_i(int k) { return breach_type_name((breach_type)k); }
static const char *cat_name_i(int k) { return breach_category_name((breach_category)k); }
static const char *loc_name_i(int k) { return breach_location_name((breach_location)k); }

static int write_row(FILE *out, const breach_incident *in)
{
    char b[32];
    int bad = 0;
    for (int k = 0; k < COL_COUNT_ && !bad; k++) {
        if (k && fputc(',', out) == EOF)
            return -1;
        switch ((col)k) {
        case COL_ID: bad = put_field(out, in->id); break;
        case COL_ENTITY: bad = put_field(out, in->entity); break;
        case COL_ENTITY_STATE: bad = put_field(out, breach_region_code(in->entity_region)); break;
        case COL_ENTITY_TYPE: bad = put_field(out, in->entity_type); break;
        case COL_BREACH_TYPES: bad = put_set(out, in->types, BREACH_TYPE_COUNT_, type_name_i); break;
        case COL_ACTOR: bad = put_field(out, in->actor); break;
        case COL_VENDOR: bad = put_field(out, in->vendor); break;
        case COL_VIA: bad = put_field(out, in->via); break;
        case COL_REPORTED: bad = put_date(out, in->reported); break;
        case COL_OCCURRED_START: bad = put_date(out, in->occurred_start); break;
        case COL_OCCURRED_END: bad = put_date(out, in->occurred_end); break;
        case COL_DISCOVERED: bad = put_date(out, in->discovered); break;
        case COL_AFFECTED:
            breach_count_format(in->affected, b, sizeof b);
            bad = fputs(b, out) < 0;
            break;
        case COL_UNIT: bad = fputs(breach_unit_name((breach_unit)in->unit), out) < 0; break;
        case COL_REGIONS:
            for (size_t r = 0; r < in->n_regions && !bad; r++) {
                breach_count_format(in->regions[r].count, b, sizeof b);
                bad = fprintf(out, "%s%s:%s", r ? ";" : "", breach_region_code(in->regions[r].region),
                              b) < 0;
            }
            break;
        case COL_CATEGORIES: bad = put_set(out, in->categories, BREACH_CAT_COUNT_, cat_name_i); break;
        case COL_LOCATIONS: bad = put_set(out, in->locations, BREACH_LOC_COUNT_, loc_name_i); break;
        case COL_BUSINESS_ASSOCIATE:
            if (in->business_associate != BREACH_TRI_UNKNOWN)
                bad = fputs(in->business_associate == BREACH_TRI_YES ? "yes" : "no", out) < 0;
            break;
        case COL_SEPARATE:
            if (in->flags & BREACH_FLAG_SEPARATE)
                bad = fputs("yes", out) < 0;
            break;
        case COL_SOURCE: bad = put_field(out, in->source); break;
        case COL_SUMMARY: bad = put_field(out, in->summary); break;
        default: break;
        }
    }
    return bad || fputc('\n', out) == EOF ? -1 : 0;
}

int breach_csv_write(const breach_dataset *ds, const breach_filter *f, FILE *out, breach_error *err)
{
    if (!ds || !out)
        return breach_fail(err, BREACH_EINVAL, "no dataset or stream");
    int rc = BREACH_OK;
    for (int k = 0; k < COL_COUNT_; k++)
        if ((k && fputc(',', out) == EOF) || fputs(col_names[k], out) < 0)
            return breach_fail(err, BREACH_EIO, "write error");
    if (fputc('\n', out) == EOF)
        return breach_fail(err, BREACH_EIO, "write error");
    /* no filter: every incident; else what the filter selects, with the revisions unless
       f->include_superseded */
    size_t *sel = NULL, n = breach_dataset_size(ds);
    if (f) {
        sel = breach_select(ds, f, 0, &n, &rc, err);
        if (rc)
            return rc;
    }
    for (size_t k = 0; k < n; k++) {
        size_t i = sel ? sel[k] : k;
        breach_incident in;
        breach_dataset_get(ds, i, &in, NULL);
        if (write_row(out, &in)) {
            breachp_free(sel);
            return breach_fail(err, BREACH_EIO, "write error: %s", strerror(errno));
        }
    }
    breachp_free(sel);
    return BREACH_OK;
}

int breach_csv_write_file(const breach_dataset *ds, const breach_filter *f, const char *path,
                          breach_error *err)
{
    if (!path)
        return breach_fail(err, BREACH_EINVAL, "no path");
    breach_outfile out;
    int rc = breach_file_replace_open(&out, path, err);
    if (rc != BREACH_OK)
        return rc;
    rc = breach_csv_write(ds, f, out.f, err);
    return breach_file_replace_close(&out, rc, err);
}
