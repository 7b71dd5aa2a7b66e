/* The canonical CSV: reader and writer. The format is documented in doc/canonical-csv.md. */
#include "csv.h"
#include "dataset_private.h"
#include "file_private.h"
#include "input_private.h"
#include "report_private.h"

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

/* Per-load state. */
typedef struct loader {
    breach_dataset *ds;
    const breach_load_options *opt;
    breach_report *report;
    size_t source_index;
    const char *source;
    int map[COL_COUNT_]; /* column -> field index, or -1 when the header lacks it */
    size_t nheader;
    char *strbuf; /* NUL-terminated copies of the row's text fields */
    size_t strbuf_cap;
    breach_region_count *regions;
    size_t n_regions, regions_cap;
    size_t lens[8]; /* the row's text fields' lengths, for breach_dataset_add_text */
} loader;

/* A field of the current row that makes it invalid: code, column and reason. */
typedef struct row_error {
    int code;
    long line, column;
    char text[BREACH_ERROR_TEXT_LEN];
} row_error;

static int row_fail(row_error *re, const breach_csv_field *f, int code, const char *what,
                    const breach_error *detail)
{
    re->code = code;
    re->line = f ? f->line : 0;
    re->column = f ? f->column : 0;
    snprintf(re->text, sizeof re->text, "%s: %s", what, detail ? detail->text : breach_strerror(code));
    return code;
}

/* Splits a ';'-separated list and calls one(item) for each non-empty item. */
typedef int (*item_fn)(const char *s, size_t len, void *ctx, breach_error *err);
static int each_item(const char *s, size_t len, item_fn one, void *ctx, breach_error *err)
{
    size_t i = 0;
    while (i < len) {
        size_t j = i;
        while (j < len && s[j] != ';')
            j++;
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
    loader *L = ctx;
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
    if (e.count.qualifier == BREACH_COUNT_UNKNOWN)
        return breach_fail(err, BREACH_ECOUNT, "region %s has no count",
                           breach_region_code(e.region));
    if (breach_grow((void **)&L->regions, &L->regions_cap, L->n_regions + 1, sizeof *L->regions))
        return breach_fail(err, BREACH_ENOMEM, "out of memory");
    L->regions[L->n_regions++] = e;
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

/* Copies the row's text fields NUL-terminated into L->strbuf and points the incident at them. */
static int copy_strings(loader *L, const breach_csv *c, breach_incident *inc, row_error *re)
{
    static const col text_cols[] = {COL_ID, COL_ENTITY, COL_ENTITY_TYPE, COL_ACTOR, COL_VENDOR,
                                    COL_VIA, COL_SOURCE, COL_SUMMARY};
    const char **dst[] = {&inc->id, &inc->entity, &inc->entity_type, &inc->actor, &inc->vendor,
                          &inc->via, &inc->source, &inc->summary};
    size_t need = 0, off[8];
    for (size_t k = 0; k < 8; k++) {
        int fi = L->map[text_cols[k]];
        if (fi >= 0 && c->fields[fi].len) {
            size_t bad;
            if (!breach_utf8_valid(c->fields[fi].s, c->fields[fi].len, &bad)) {
                re->code = BREACH_EENCODING;
                re->line = c->fields[fi].line;
                re->column = c->fields[fi].column;
                snprintf(re->text, sizeof re->text,
                         "%s: invalid UTF-8 at byte %zu of the field (the file must be UTF-8)",
                         col_names[text_cols[k]], bad + 1);
                return re->code;
            }
            need += c->fields[fi].len + 1;
        }
    }
    if (breach_grow((void **)&L->strbuf, &L->strbuf_cap, need + 1, 1)) {
        row_fail(re, NULL, BREACH_ENOMEM, "row", NULL);
        return BREACH_ENOMEM;
    }
    size_t at = 0;
    for (size_t k = 0; k < 8; k++) {
        int fi = L->map[text_cols[k]];
        off[k] = (size_t)-1;
        if (fi >= 0 && c->fields[fi].len) {
            memcpy(L->strbuf + at, c->fields[fi].s, c->fields[fi].len);
            L->strbuf[at + c->fields[fi].len] = '\0';
            off[k] = at;
            at += c->fields[fi].len + 1;
        }
    }
    for (size_t k = 0; k < 8; k++) {
        *dst[k] = off[k] == (size_t)-1 ? NULL : L->strbuf + off[k];
        L->lens[k] = off[k] == (size_t)-1 ? 0 : c->fields[L->map[text_cols[k]]].len;
    }
    return 0;
}

/* Parses one data row into *inc (pointing into L's buffers). */
static int parse_row(loader *L, const breach_csv *c, breach_incident *inc, row_error *re)
{
    breach_incident_init(inc);
    L->n_regions = 0;
    int rc = copy_strings(L, c, inc, re);
    if (rc)
        return rc;
    breach_error e;
    breach_error_clear(&e); /* the first failure returns: one clear a row is enough */
    for (int k = 0; k < COL_COUNT_; k++) {
        int fi = L->map[k];
        if (fi < 0)
            continue;
        const breach_csv_field *f = &c->fields[fi];
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
        case COL_REGIONS: rc = each_item(s, n, one_region, L, &e); break;
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
            return row_fail(re, f, rc, col_names[k], &e);
    }
    inc->regions = L->n_regions ? L->regions : NULL;
    inc->n_regions = L->n_regions;
    return 0;
}

static int read_header(loader *L, breach_csv *c, breach_error *err)
{
    int rc = breach_csv_next(c, err);
    if (rc < 0)
        return rc;
    if (rc == 0)
        return breach_fail_at(err, BREACH_EFORMAT, L->source, 1, 0,
                              "empty file: the canonical CSV starts with a header row");
    for (int k = 0; k < COL_COUNT_; k++)
        L->map[k] = -1;
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
        if (L->map[found] >= 0)
            return breach_fail_at(err, BREACH_EFORMAT, L->source, f->line, f->column,
                                  "column '%s' appears twice in the header", col_names[found]);
        L->map[found] = (int)i;
    }
    if (L->map[COL_ENTITY] < 0)
        return breach_fail_at(err, BREACH_EFORMAT, L->source, 1, 0,
                              "the header has no 'entity' column");
    L->nheader = c->nfields;
    return 0;
}

/* Lists a rejected row; in strict mode also fills err and asks the caller to stop. */
static int reject(loader *L, long row, const row_error *re, breach_error *err)
{
    /* A failed allocation is not a bad row: listing it would lose the row silently in
     * lenient mode. The load stops with BREACH_ENOMEM in either mode. */
    if (re->code == BREACH_ENOMEM)
        return breach_fail_at(err, BREACH_ENOMEM, L->source, re->line, re->column,
                              "row %ld: out of memory", row);
    breach_issue is = {re->code, re->line, re->column, row, re->text};
    int rc = breach_report_add_reject(L->report, L->source_index, &is);
    if (!L->opt->lenient || rc) {
        breach_fail_at(err, rc ? rc : re->code, L->source, re->line, re->column, "row %ld: %s", row,
                       re->text);
        return rc ? rc : re->code;
    }
    return 0;
}

/* ---------------------------------------------------------------- reading ahead */

/* The names' table outgrows the caches of a large file, and each row waits on memory for
 * its entity name and again for the name's key: each lookup reads a slot, then an entry,
 * then a text, each address known only from the one before. The scout runs SCOUT_AHEAD
 * lines ahead of the reader, finds each line's entity name the quick way (no quote and no
 * line break before its end, and shorter than BREACH_KEY_HINT_MAX, else that line gets no
 * hint), folds its key and has the table fetch both slots; half as far ahead the slots
 * are read and the entries fetched, a quarter as far the texts. When the reader adds the
 * row, the dataset takes the key folded ahead. All hints: a line the scout reads wrong
 * costs a fetch, and the reader checks everything (the dataset uses a folded key only for
 * the very name it was folded from). */
#define SCOUT_AHEAD 16

typedef struct scout_line {
    const char *start; /* where the line starts */
    const char *name;  /* in the data; NULL: no hint for this line */
    size_t len, klen;
    uint64_t hash, khash;
    char key[BREACH_KEY_HINT_MAX];
} scout_line;

typedef struct scout {
    const char *p, *end; /* the next line the scout reads */
    int field;           /* the entity's field */
    char eol;            /* what ends the lines: '\n' (LF, CRLF), or '\r' (CR, as the header) */
    size_t line;         /* lines read: the ring's position */
    size_t lead;         /* lines read that the reader has not reached */
    scout_line ring[SCOUT_AHEAD];
} scout;

/* The entity name of the line at p, or NULL; *next receives the next line's start (after
 * the next eol byte). */
static const char *scout_name(const char *p, const char *end, int field, char eol, size_t *len,
                              const char **next)
{
    const char *s = p;
    *next = end;
    for (int f = 0; f <= field; f++) {
        const char *q = s;
        while (q < end && *q != ',' && *q != '\n' && *q != '\r' && *q != '"')
            q++;
        if (q == end || *q == '"' || (f < field && *q != ',')) {
            const char *nl = q < end ? memchr(q, eol, (size_t)(end - q)) : NULL;
            *next = nl ? nl + 1 : end;
            return NULL;
        }
        if (f == field) {
            const char *nl = memchr(q, eol, (size_t)(end - q));
            *next = nl ? nl + 1 : end;
            *len = (size_t)(q - s);
            return s;
        }
        s = q + 1;
    }
    return NULL;
}

/* The scout's line `sl`, read `step` (1 or 2) quarters of the way back: nearer the reader. */
static void scout_hint(const breach_intern *t, const scout_line *sl, int step)
{
    if (!sl->name)
        return;
    breach_intern_prefetch_step(t, sl->hash, step);
    if (sl->klen)
        breach_intern_prefetch_step(t, sl->khash, step);
}

/* The reader is about to take the record at `at`: the scout forgets the lines before it
 * (records, and lines inside quoted fields) and reads on to SCOUT_AHEAD lines ahead,
 * hinting as it goes. Returns what it read of the line at `at`, or NULL. */
static const scout_line *scout_step(scout *sc, const breach_intern *t, const char *at)
{
    while (sc->lead && sc->ring[(sc->line - sc->lead) % SCOUT_AHEAD].start < at)
        sc->lead--;
    if (!sc->lead && sc->p < at)
        sc->p = at; /* the reader passed the scout (a long quoted field) */
    while (sc->lead < SCOUT_AHEAD && sc->p < sc->end) {
        size_t k = sc->line++ % SCOUT_AHEAD;
        scout_line *sl = &sc->ring[k];
        const char *next;
        sl->start = sc->p;
        sl->name = scout_name(sc->p, sc->end, sc->field, sc->eol, &sl->len, &next);
        sc->p = next;
        sc->lead++;
        /* names the dataset would not take as a hint get none (breach_dataset_key_hint) */
        if (sl->name && sl->len && sl->len < BREACH_KEY_HINT_MAX) {
            sl->hash = breach_intern_prefetch(t, sl->name, sl->len);
            sl->klen = breach_entity_key(sl->name, sl->len, sl->key, sizeof sl->key);
            if (sl->klen >= sizeof sl->key) /* too long to keep, or no memory */
                sl->name = NULL;
            else
                sl->khash = sl->klen ? breach_intern_prefetch(t, sl->key, sl->klen) : 0;
        } else {
            sl->name = NULL;
        }
        scout_hint(t, &sc->ring[(k + SCOUT_AHEAD / 2) % SCOUT_AHEAD], 1);
        scout_hint(t, &sc->ring[(k + SCOUT_AHEAD / 4) % SCOUT_AHEAD], 2);
    }
    const scout_line *sl = &sc->ring[(sc->line - sc->lead) % SCOUT_AHEAD];
    return sc->lead && sl->start == at ? sl : NULL;
}

/* After this many rows the reader estimates the rest of a large file (from this many rows
 * on) and makes room for it. */
#define ESTIMATE_AFTER 4096
#define ESTIMATE_MIN_ROWS 65536

/* The reader; file is the mapped file data comes from (released as rows go by), or NULL. */
static int read_csv(breach_dataset *ds, const char *data, size_t len, const breach_load_options *opt,
                    breach_report *report, breach_file *file, breach_error *err)
{
    breach_load_options defaults;
    if (!opt) {
        breach_load_options_init(&defaults);
        opt = &defaults;
    }
    if (!ds || (!data && len))
        return breach_fail(err, BREACH_EINVAL, "no dataset or data");
    for (size_t k = 0; k < sizeof opt->reserved_ / sizeof opt->reserved_[0]; k++)
        if (opt->reserved_[k])
            return breach_fail(err, BREACH_EINVAL, "load options reserved fields are not zero "
                                                   "(start from breach_load_options_init)");
    loader L;
    memset(&L, 0, sizeof L);
    L.ds = ds;
    L.opt = opt;
    L.report = report;
    L.source = opt->source_name ? opt->source_name : "<buffer>";
    if (breach_report_begin(report, L.source, &L.source_index) ||
        breach_input_open(ds, L.source, "canonical", report, NULL))
        return breach_fail(err, BREACH_ENOMEM, "out of memory");
    breach_input_bytes(ds, data, len, file);
    breach_csv c;
    breach_csv_init(&c, data ? data : "", len, L.source);
    int rc = read_header(&L, &c, err);
    long row = 0;
    const char *rows_start = c.p;
    uint32_t names_start = breach_intern_count(ds->strings);
    /* a file whose header ends in a lone CR has its lines end so (else the scout would
       look for a line feed through the whole file, once, and hint nothing) */
    scout sc = {.p = c.p, .end = c.end, .field = L.map[COL_ENTITY],
                .eol = len && c.p > data && c.p[-1] == '\r' ? '\r' : '\n'};
    if (sc.field < 0)
        sc.p = sc.end; /* no rows will be read: the header is refused */
    while (rc == 0) {
        breach_error e;
        breach_error_clear(&e);
        long line_before = c.line;
        breach_file_release(file, c.p); /* every row before this one is done with */
        if (row == ESTIMATE_AFTER && c.p > rows_start) {
            /* a large file: room for the rest, as the first rows suggest (bytes a row, new
               names a row), so that the columns and the names' table are laid out once */
            double per_row = (double)(c.p - rows_start) / (double)row;
            double rows_left = (double)(c.end - c.p) / per_row;
            double names_per_row = (double)(breach_intern_count(ds->strings) - names_start) /
                                   (double)row;
            if (rows_left >= ESTIMATE_MIN_ROWS &&
                breach_dataset_reserve(ds, (size_t)rows_left,
                                       (size_t)(rows_left * names_per_row)) == BREACH_ENOMEM) {
                rc = breach_fail_at(err, BREACH_ENOMEM, L.source, c.line, 0, "out of memory");
                break;
            }
        }
        const scout_line *ahead = scout_step(&sc, ds->strings, c.p);
        int got = breach_csv_next(&c, &e);
        if (got == 0)
            break;
        row_error re;
        if (got < 0) {
            /* a syntax error: the row is read (and rejected) all the same */
            row++;
            breach_report_count_read(report);
            re.code = e.code;
            re.line = e.line ? e.line : line_before;
            re.column = e.column;
            snprintf(re.text, sizeof re.text, "%s", e.text);
            rc = reject(&L, row, &re, err);
            continue;
        }
        if (breach_csv_blank(&c))
            continue; /* a blank line is no row */
        row++;
        breach_report_count_read(report);
        if (c.nfields != L.nheader) {
            re.code = BREACH_EPARSE;
            re.line = c.record_line;
            re.column = 0;
            snprintf(re.text, sizeof re.text, "the row has %zu fields, the header %zu", c.nfields,
                     L.nheader);
            rc = reject(&L, row, &re, err);
            continue;
        }
        breach_incident inc;
        if (parse_row(&L, &c, &inc, &re) != 0) {
            rc = reject(&L, row, &re, err);
            continue;
        }
        if (ahead && ahead->name)
            breach_dataset_key_hint(ds, ahead->name, ahead->len, ahead->hash, ahead->key,
                                    ahead->klen, ahead->khash);
        breach_error_clear(&e);
        long idx = breach_dataset_add_text(ds, &inc, L.lens, &e);
        if (idx < 0) {
            re.code = (int)idx;
            re.line = c.record_line;
            int fi = idx == BREACH_EINCONSISTENT ? L.map[COL_REGIONS] : -1;
            re.column = fi >= 0 ? c.fields[fi].column : 0;
            snprintf(re.text, sizeof re.text, "%s", e.text);
            if (idx == BREACH_ENOMEM) {
                rc = breach_fail_at(err, BREACH_ENOMEM, L.source, re.line, 0, "out of memory");
                break;
            }
            rc = reject(&L, row, &re, err);
            continue;
        }
        breach_report_count_loaded(report);
        if (breach_input_line(ds, (size_t)idx, c.record_line)) {
            rc = breach_fail_at(err, BREACH_ENOMEM, L.source, c.record_line, 0, "out of memory");
            break;
        }
    }
    int r2 = breach_input_close(ds, report, rc ? NULL : err);
    if (rc == 0)
        rc = r2;
    breach_csv_free(&c);
    breachp_free(L.strbuf);
    breachp_free(L.regions);
    return rc;
}

int breach_csv_read_buffer(breach_dataset *ds, const char *data, size_t len,
                           const breach_load_options *opt, breach_report *report, breach_error *err)
{
    return read_csv(ds, data, len, opt, report, NULL, err);
}

int breach_csv_read_file(breach_dataset *ds, const char *path, const breach_load_options *opt,
                         breach_report *report, breach_error *err)
{
    if (!ds || !path)
        return breach_fail(err, BREACH_EINVAL, "no dataset or path");
    breach_file f;
    int rc = breach_file_open(&f, path, err);
    if (rc)
        return rc;
    breach_load_options o;
    if (opt)
        o = *opt;
    else
        breach_load_options_init(&o);
    if (!o.source_name)
        o.source_name = path;
    rc = read_csv(ds, f.data, f.len, &o, report, &f, err);
    breach_file_close(&f);
    return rc;
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
    breach_cfilter c;
    int rc = breach_cfilter_init(&c, ds, f, err);
    if (rc)
        return rc;
    for (int k = 0; k < COL_COUNT_; k++)
        if ((k && fputc(',', out) == EOF) || fputs(col_names[k], out) < 0)
            return breach_fail(err, BREACH_EIO, "write error");
    if (fputc('\n', out) == EOF)
        return breach_fail(err, BREACH_EIO, "write error");
    size_t *sel = NULL, n = ds->n;
    if (f && !f->include_superseded) {
        sel = breach_select(ds, f, 0, &n, &rc, err);
        if (rc)
            return rc;
    }
    for (size_t k = 0; k < n; k++) {
        size_t i = sel ? sel[k] : k;
        if (!sel && f && !breach_cfilter_match(&c, ds, i))
            continue;
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
    char *tmp;
    FILE *out = breach_file_replace_open(path, &tmp, err);
    if (!out)
        return err ? err->code : BREACH_EIO;
    int rc = breach_csv_write(ds, f, out, err);
    return breach_file_replace_close(out, tmp, path, rc, err);
}
