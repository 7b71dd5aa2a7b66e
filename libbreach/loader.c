/* What the source-format loaders share; see loader_private.h. */
#include "input_private.h"
#include "loader_private.h"
#include "file_private.h"
#include "parallel_private.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void arena_free(breach_loader *L);
static const char *arena_copy(breach_loader *L, const char *s, size_t n);

int breach_row_fail(breach_row_error *re, const breach_csv_field *f, int code, const char *fmt, ...)
{
    re->code = code;
    re->line = f ? f->line : 0;
    re->column = f ? f->column : 0;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(re->text, sizeof re->text, fmt, ap);
    va_end(ap);
    return code;
}

const char *breach_path_base(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash && slash[1] ? slash + 1 : path;
}

unsigned breach_load_threads(const breach_load_options *opt)
{
    return opt && opt->threads ? breach_threads_bound(opt->threads) : breach_threads();
}

int breach_load_options_check(const breach_load_options *opt, breach_error *err)
{
    return opt ? BREACH_RESERVED_OK(opt, opt->reserved32_, "load options",
                                    "breach_load_options_init", err)
               : BREACH_OK;
}

int breach_loader_begin(breach_loader *L, breach_dataset *ds, const breach_load_options *opt,
                        const char *fallback, breach_report *report, breach_error *err)
{
    memset(L, 0, sizeof *L);
    if (!ds)
        return breach_fail(err, BREACH_EINVAL, "no dataset");
    int rc = breach_load_options_check(opt, err);
    if (rc || (rc = breach_regions_ready(err)))
        return rc;
    if (opt)
        L->opt = *opt;
    else
        breach_load_options_init(&L->opt);
    L->threads = breach_load_threads(&L->opt);
    L->ds = ds;
    L->report = report;
    L->source = L->opt.source_name ? L->opt.source_name : fallback;
    L->base = breach_path_base(L->source);
    if (breach_report_begin(report, L->source, &L->source_index))
        return breach_fail(err, BREACH_ENOMEM, "out of memory");
    return BREACH_OK;
}

void breach_loader_end(breach_loader *L)
{
    arena_free(L);
    breachp_free(L->regions);
    breachp_free(L->dups);
    L->regions = NULL;
    L->dups = NULL;
}

int breach_loader_reject(breach_loader *L, long row, const breach_row_error *re, breach_error *err)
{
    /* A failed allocation is not a bad row: listing it would lose the row silently in
     * lenient mode. The load stops with BREACH_ENOMEM in either mode. */
    if (re->code == BREACH_ENOMEM)
        return breach_fail_at(err, BREACH_ENOMEM, L->source, re->line, re->column,
                              "row %ld: out of memory", row);
    if (row <= 0)
        row = L->row;
    breach_issue is = {re->code, re->line, re->column, row, re->text};
    int rc = breach_report_add_reject(L->report, L->source_index, &is);
    if (!L->opt.lenient || rc) {
        breach_fail_at(err, rc ? rc : re->code, L->source, re->line, re->column, "row %ld: %s", row,
                       re->text);
        return rc ? rc : re->code;
    }
    return 0;
}

int breach_loader_warn(breach_loader *L, long row, int code, long line, long column,
                       const char *fmt, ...)
{
    char text[BREACH_ERROR_TEXT_LEN];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    breach_batch *b = L->batch;
    if (b) {
        /* kept with the row (the next one the batch lists) until it is added */
        const char *t = arena_copy(L, text, strlen(text));
        if (!t || breach_grow((void **)&b->issues, &b->issues_cap, b->n_issues + 1,
                              sizeof *b->issues))
            return BREACH_ENOMEM;
        b->issues[b->n_issues++] = (breach_batch_issue){b->n, row, code, line, column, t};
        return 0;
    }
    breach_issue is = {code, line, column, row, text};
    return breach_report_add_warning(L->report, L->source_index, &is);
}

int breach_loader_attr(breach_loader *L, const char *field, const char *s, size_t len, char sep,
                       int placed, long line, long column)
{
    breach_batch *b = L->batch;
    const char *v = len ? arena_copy(L, s, len) : "";
    if (!v || breach_grow((void **)&b->attrs, &b->attrs_cap, b->n_attrs + 1, sizeof *b->attrs))
        return BREACH_ENOMEM;
    b->attrs[b->n_attrs++] = (breach_batch_attr){b->n, field, v, len, sep, placed, line, column};
    return 0;
}

int breach_loader_add(breach_loader *L, long row, long line, const breach_incident *inc,
                      breach_error *err)
{
    breach_error e;
    breach_error_clear(&e);
    long idx = breach_dataset_add(L->ds, inc, &e);
    if (idx >= 0) {
        breach_report_count_loaded(L->report);
        if (breach_input_line(L->ds, (size_t)idx, line))
            return breach_fail_at(err, BREACH_ENOMEM, L->source, line, 0, "out of memory");
        return 0;
    }
    if (idx == BREACH_ENOMEM)
        return breach_fail_at(err, BREACH_ENOMEM, L->source, line, 0, "out of memory");
    breach_row_error re;
    breach_row_fail(&re, NULL, (int)idx, "%s", e.text);
    re.line = line;
    return breach_loader_reject(L, row, &re, err);
}

/* ---------------------------------------------------------------- the row's strings */

struct breach_arena_block {
    struct breach_arena_block *next;
    size_t cap, len;
    char data[];
};

static void arena_free(breach_loader *L)
{
    for (struct breach_arena_block *b = L->blocks, *n; b; b = n) {
        n = b->next;
        breachp_free(b);
    }
    L->blocks = L->cur = NULL;
}

/* n contiguous bytes from the arena, or NULL (L->overflow set). */
static char *arena_alloc(breach_loader *L, size_t n)
{
    struct breach_arena_block *b = L->cur;
    while (b && b->cap - b->len < n) {
        /* the next block, if any, is empty this row: use it if it is big enough */
        if (b->next && b->next->cap >= n) {
            b = b->next;
            break;
        }
        if (!b->next)
            b = NULL;
        else
            b = b->next;
    }
    if (!b) {
        size_t cap = n > 4096 ? n : 4096, bytes;
        if (!breach_size_add(sizeof *b, cap, &bytes) || !(b = breachp_malloc(bytes))) {
            L->overflow = 1;
            return NULL;
        }
        b->cap = cap;
        b->len = 0;
        /* link it after the current block so that the chain keeps every block */
        if (L->cur) {
            b->next = L->cur->next;
            L->cur->next = b;
        } else {
            b->next = L->blocks;
            L->blocks = b;
        }
    }
    L->cur = b;
    char *p = b->data + b->len;
    b->len += n;
    return p;
}

int breach_loader_reserve(breach_loader *L, size_t need)
{
    L->n_regions = 0;
    if (L->batch) /* the batch's earlier rows keep their strings: arena_alloc grows it */
        return 0;
    if (L->blocks && !L->blocks->next && L->blocks->cap >= need) {
        L->blocks->len = 0;
        L->cur = L->blocks;
        return 0;
    }
    /* No string of the previous row is alive: replace the chain by one block that holds what
       the chain held and this row's estimate, so that the arena stays one block. */
    size_t cap = 4096, bytes;
    for (struct breach_arena_block *b = L->blocks; b; b = b->next)
        if (!breach_size_add(cap, b->cap, &cap))
            return BREACH_ENOMEM;
    if (cap < need)
        cap = need;
    arena_free(L);
    struct breach_arena_block *b;
    if (!breach_size_add(sizeof *b, cap, &bytes) || !(b = breachp_malloc(bytes)))
        return BREACH_ENOMEM;
    b->cap = cap;
    b->len = 0;
    b->next = NULL;
    L->blocks = L->cur = b;
    return 0;
}

int breach_loader_restart(breach_loader *L)
{
    if (L->blocks && !L->blocks->next) {
        L->blocks->len = 0;
        L->cur = L->blocks;
        return 0;
    }
    breach_batch *b = L->batch;
    L->batch = NULL; /* one block as large as the chain was */
    int rc = breach_loader_reserve(L, 0);
    L->batch = b;
    return rc;
}

void *breach_loader_alloc(breach_loader *L, size_t n)
{
    const size_t a = _Alignof(max_align_t);
    char *p = n < (size_t)-1 - a ? arena_alloc(L, n + a - 1) : NULL;
    if (!p)
        return NULL;
    size_t mis = (uintptr_t)p % a;
    return mis ? p + a - mis : p;
}

size_t breach_loader_row_need(const breach_loader *L, const breach_csv *c, size_t extra)
{
    size_t need = 2 * strlen(L->base) + 128;
    for (size_t i = 0; i < c->nfields; i++)
        if (!breach_size_add(need, c->fields[i].len + 1, &need))
            return (size_t)-1;
    return breach_size_add(need, extra, &need) ? need : (size_t)-1;
}

const char *breach_loader_copy(breach_loader *L, const char *s, size_t n)
{
    return arena_copy(L, s, n);
}

static const char *arena_copy(breach_loader *L, const char *s, size_t n)
{
    if (n == 0)
        return NULL;
    char *d = n < (size_t)-1 ? arena_alloc(L, n + 1) : NULL;
    if (!d)
        return NULL;
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

const char *breach_loader_printf(breach_loader *L, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *d = n >= 0 ? arena_alloc(L, (size_t)n + 1) : NULL;
    if (!d)
        return NULL;
    va_start(ap, fmt);
    vsnprintf(d, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return d;
}

int breach_loader_text(breach_loader *L, const breach_csv_field *f, const char *what,
                       const char **out, breach_row_error *re)
{
    size_t bad;
    if (!breach_utf8_valid(f->s, f->len, &bad))
        return breach_row_fail(re, f, BREACH_EENCODING,
                               "%s: invalid UTF-8 at byte %zu of the field (the file must be "
                               "UTF-8)",
                               what, bad + 1);
    *out = breach_loader_copy(L, f->s, f->len);
    return 0;
}

int breach_loader_join(breach_loader *L, size_t n, const char *const *labels,
                       const breach_csv_field *fields, const char **out, breach_row_error *re)
{
    *out = NULL;
    size_t need = 1;
    for (size_t k = 0; k < n; k++) {
        const breach_csv_field *f = &fields[k];
        size_t bad;
        if (!f->len)
            continue;
        if (!breach_utf8_valid(f->s, f->len, &bad))
            return breach_row_fail(re, f, BREACH_EENCODING, "%s: invalid UTF-8 at byte %zu",
                                   labels[k], bad + 1);
        need += strlen(labels[k]) + 4 + f->len;
    }
    if (need == 1)
        return 0;
    char *d = arena_alloc(L, need), *p = d;
    if (!d)
        return 0;
    for (size_t k = 0; k < n; k++) {
        const breach_csv_field *f = &fields[k];
        if (!f->len)
            continue;
        if (p != d) {
            memcpy(p, "; ", 2);
            p += 2;
        }
        size_t ln = strlen(labels[k]);
        memcpy(p, labels[k], ln);
        p += ln;
        memcpy(p, ": ", 2);
        p += 2;
        memcpy(p, f->s, f->len);
        p += f->len;
    }
    *p = '\0';
    *out = d;
    return 0;
}

int breach_loader_add_region(breach_loader *L, breach_region r, breach_count c)
{
    if (breach_grow((void **)&L->regions, &L->regions_cap, L->n_regions + 1, sizeof *L->regions))
        return BREACH_ENOMEM;
    L->regions[L->n_regions].region = r;
    L->regions[L->n_regions].count = c;
    L->n_regions++;
    return 0;
}

/* ---------------------------------------------------------------- exact duplicates */

static int dup_grow(breach_loader *L)
{
    size_t cap = L->dups_cap ? L->dups_cap * 2 : 1024;
    breach_dup_entry *t = breachp_calloc(cap, sizeof *t);
    if (!t)
        return BREACH_ENOMEM;
    for (size_t i = 0; i < L->dups_cap; i++) {
        const breach_dup_entry *e = &L->dups[i];
        if (!e->raw)
            continue;
        size_t j = (size_t)e->hash & (cap - 1);
        while (t[j].raw)
            j = (j + 1) & (cap - 1);
        t[j] = *e;
    }
    breachp_free(L->dups);
    L->dups = t;
    L->dups_cap = cap;
    return 0;
}

long breach_loader_duplicate(breach_loader *L, long *earlier_line)
{
    if ((L->n_dups + 1) * 2 > L->dups_cap && dup_grow(L))
        return BREACH_ENOMEM;
    uint64_t h = breach_hash_bytes(L->raw, L->raw_len);
    size_t j = (size_t)h & (L->dups_cap - 1);
    for (; L->dups[j].raw; j = (j + 1) & (L->dups_cap - 1)) {
        const breach_dup_entry *e = &L->dups[j];
        if (e->hash == h && e->len == L->raw_len && memcmp(e->raw, L->raw, e->len) == 0) {
            if (earlier_line)
                *earlier_line = e->line;
            return e->row; /* the first of the identical rows stays the one named */
        }
    }
    breach_dup_entry *e = &L->dups[j];
    e->hash = h;
    e->raw = L->raw ? L->raw : "";
    e->len = L->raw_len;
    e->row = L->row;
    e->line = L->line;
    L->n_dups++;
    return 0;
}

int breach_loader_warn_identical(breach_loader *L, long row, long line, long earlier,
                                 long earlier_line)
{
    return breach_loader_warn(L, row, BREACH_WARN_DUPLICATE, line, 0,
                              "row %ld is identical to row %ld (line %ld); both are kept", row,
                              earlier, earlier_line);
}

int breach_loader_check_identical(breach_loader *L, breach_incident *inc)
{
    long earlier_line = 0;
    long dup = breach_loader_duplicate(L, &earlier_line);
    if (dup < 0)
        return BREACH_ENOMEM;
    if (dup > 0 && breach_loader_warn_identical(L, L->row, L->line, dup, earlier_line))
        return BREACH_ENOMEM;
    if (dup > 0)
        inc->flags |= BREACH_FLAG_IDENTICAL;
    return 0;
}

/* ---------------------------------------------------------------- checks and small parsers */

int breach_loader_check_occurred(breach_loader *L, breach_incident *inc, const char *start_name,
                                 const char *end_name)
{
    if (!breach_date_is_known(inc->occurred_start) || !breach_date_is_known(inc->occurred_end) ||
        breach_date_last_day(inc->occurred_end) >= inc->occurred_start.day)
        return 0;
    char a[16], b[16];
    breach_date_format(inc->occurred_start, a, sizeof a);
    breach_date_format(inc->occurred_end, b, sizeof b);
    inc->occurred_start = breach_date_none();
    inc->occurred_end = breach_date_none();
    return breach_loader_warn(L, L->row, BREACH_WARN_OTHER, L->line, 0,
                              "%s %s is after %s %s: the source contradicts itself, both dates "
                              "left unknown",
                              start_name, a, end_name, b);
}

int breach_header_eq(const char *s, size_t n, const char *name)
{
    breach_trim(&s, &n);
    size_t i = 0;
    while (i < n) {
        if (breach_is_space(s[i])) {
            while (i < n && breach_is_space(s[i]))
                i++;
            if (*name != ' ')
                return 0;
            name++;
            continue;
        }
        if (breach_lower(s[i]) != breach_lower(*name))
            return 0;
        i++;
        name++;
    }
    return *name == '\0';
}

int breach_all_digits(const char *s, size_t n)
{
    breach_trim(&s, &n);
    if (n == 0)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

static int is_alnum(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Whether abbr[0..na) can be spelled by taking, in order, a non-empty prefix of some of the
 * words (each word at most once): "UMC" of "University Medical Center of ...", "RICO" of
 * "Philips Respironics International Colorado".
 *
 * Dynamic programming rather than backtracking, which is exponential on names such as
 * "aaaa aaaa ... (aaaaaaaab)": ok[i][k] says whether abbr[i..na) can be spelled from words
 * k..nw-1, filled from the end. O(na * nw * longest prefix tried) time, a fixed table
 * (na <= 64 and nw <= 32 are the caller's limits). */
enum { ABBR_MAX = 64, ABBR_WORDS = 32 };

static int abbreviates(const char *abbr, size_t na, const char *const *w, const size_t *wl,
                       size_t nw)
{
    if (na > ABBR_MAX || nw > ABBR_WORDS)
        return 0;
    unsigned char ok[ABBR_MAX + 1][ABBR_WORDS + 1];
    for (size_t k = 0; k <= nw; k++)
        ok[na][k] = 1;
    for (size_t i = na; i-- > 0;) {
        ok[i][nw] = 0;
        for (size_t k = nw; k-- > 0;) {
            /* skip word k, or spell abbr[i..i+p) with its first p letters */
            unsigned char v = ok[i][k + 1];
            for (size_t p = 1; !v && p <= wl[k] && p <= na - i; p++) {
                if (breach_lower(abbr[i + p - 1]) != breach_lower(w[k][p - 1]))
                    break;
                v = ok[i + p][k + 1];
            }
            ok[i][k] = v;
        }
    }
    return ok[0][0];
}

static int starts_with_quote(const char *s, size_t n)
{
    if (n && (s[0] == '"' || s[0] == '\''))
        return 1;
    /* U+2018, U+2019, U+201C, U+201D */
    return n >= 3 && (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
           ((unsigned char)s[2] == 0x98 || (unsigned char)s[2] == 0x99 ||
            (unsigned char)s[2] == 0x9C || (unsigned char)s[2] == 0x9D);
}

static int starts_with_word(const char *s, size_t n, const char *w)
{
    size_t k = strlen(w);
    return n >= k && breach_ieq(s, k, w) && (n == k || !is_alnum(s[k]));
}

int breach_name_parenthesis(const char *s, size_t n, const char **part, size_t *plen)
{
    breach_trim(&s, &n);
    if (n < 3 || s[n - 1] != ')')
        return 0;
    size_t depth = 0, open = 0;
    int found = 0;
    for (size_t i = n; i-- > 0;) {
        if (s[i] == ')')
            depth++;
        else if (s[i] == '(' && --depth == 0) {
            open = i;
            found = 1;
            break;
        }
    }
    if (!found)
        return 0;
    const char *outer = s;
    size_t no = open;
    breach_trim(&outer, &no);
    const char *p = s + open + 1;
    size_t np = n - open - 2;
    breach_trim(&p, &np);
    if (no == 0 || np == 0)
        return 0;
    /* aliases of the name itself, not another organisation */
    if (starts_with_quote(p, np) || starts_with_word(p, np, "dba") ||
        starts_with_word(p, np, "d/b/a") || starts_with_word(p, np, "aka") ||
        starts_with_word(p, np, "a/k/a") || starts_with_word(p, np, "formerly") ||
        starts_with_word(p, np, "doing business as"))
        return 0;
    /* an acronym or short form: "(UMC)", "(PJ&A)", "(ORA, Inc.)", "(LabCorp)" */
    char abbr[ABBR_MAX];
    size_t na = 0;
    for (size_t i = 0; i < np && p[i] != ','; i++) {
        if (is_alnum(p[i])) {
            if (na == sizeof abbr)
                goto not_alias;
            abbr[na++] = p[i];
        } else if (p[i] != '&' && p[i] != '.' && p[i] != '-' && p[i] != ' ') {
            goto not_alias;
        }
    }
    if (na >= 2) {
        const char *w[ABBR_WORDS];
        size_t wl[ABBR_WORDS], nw = 0;
        for (size_t i = 0; i < no && nw < ABBR_WORDS;) {
            while (i < no && !is_alnum(outer[i]))
                i++;
            size_t j = i;
            while (j < no && is_alnum(outer[j]))
                j++;
            if (j > i) {
                w[nw] = outer + i;
                wl[nw++] = j - i;
            }
            i = j;
        }
        if (abbreviates(abbr, na, w, wl, nw))
            return 0;
    }
not_alias:
    *part = p;
    *plen = np;
    return 1;
}
