/* The result of a command as a document: headline sentences, named facts, named tables and
 * notes, written as a readable table (default), JSON or CSV.
 *
 * Values keep their meaning until the writer: a count keeps its qualifier, a total its
 * bounds, a share is a fraction. The table writer shows them for people (1,049,375; at
 * least 5,643,196; 0.3729 %); JSON keeps them as the library's JSON writer does (counts as
 * {"value", "qualifier"}, totals with both bounds); CSV spreads them over plain columns
 * (name, name_qualifier; name_lower, name_upper, name_point, name_n_unknown). */
#include "breachstat.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

struct bs_table {
    char *name, *title;
    size_t ncols;
    bs_column *cols;
    size_t ncells, cap;
    bs_value *cells;
};

typedef struct bs_fact {
    char *name, *label;
    bs_value v;
    /* a total's notices and those without a figure, when they are not the total's own n
       and n_unknown (bs_doc_fact_notices) */
    bool notices_given;
    uint64_t n, n_unknown;
} bs_fact;

struct bs_doc {
    const bs_ctx *ctx;
    char *title;
    char **headlines;
    size_t n_headlines;
    bs_fact *facts;
    size_t n_facts;
    bs_table **tables;
    size_t n_tables;
    char **notes;
    size_t n_notes;
};

/* ------------------------------------------------------------------ values */

bs_value bs_v_null(void)
{
    bs_value v;
    memset(&v, 0, sizeof v);
    v.kind = BS_V_NULL;
    return v;
}

bs_value bs_v_absent(const char *why)
{
    bs_value v = bs_v_null();
    v.v.s = bs_xstrdup(why);
    return v;
}

bs_value bs_v_text(const char *s)
{
    bs_value v = bs_v_null();
    if (s) {
        v.kind = BS_V_TEXT;
        v.v.s = bs_xstrdup(s);
    }
    return v;
}

bs_value bs_v_int(int64_t i)
{
    bs_value v = bs_v_null();
    v.kind = BS_V_INT;
    v.v.i = i;
    return v;
}

bs_value bs_v_uint(uint64_t u)
{
    bs_value v = bs_v_null();
    v.kind = BS_V_UINT;
    v.v.u = u;
    return v;
}

bs_value bs_v_real(double d, int digits)
{
    bs_value v = bs_v_null();
    if (isfinite(d)) {
        v.kind = BS_V_REAL;
        v.v.d = d;
        v.digits = digits;
    }
    return v;
}

bs_value bs_v_pvalue(double p)
{
    bs_value v = bs_v_real(p, 4);
    v.digits = -1; /* value_text's mark for a p-value */
    return v;
}

bs_value bs_v_pct(double fraction)
{
    bs_value v = bs_v_null();
    if (isfinite(fraction)) {
        v.kind = BS_V_PCT;
        v.v.d = fraction;
    }
    return v;
}

bs_value bs_v_count(breach_count c)
{
    bs_value v = bs_v_null();
    v.kind = BS_V_COUNT;
    v.v.c = c;
    return v;
}

bs_value bs_v_total(breach_total t)
{
    bs_value v = bs_v_null();
    v.kind = BS_V_TOTAL;
    v.v.t = t;
    return v;
}

bs_value bs_v_date(breach_date d)
{
    bs_value v = bs_v_null();
    if (breach_date_is_known(d)) {
        v.kind = BS_V_DATE;
        v.v.date = d;
    }
    return v;
}

bs_value bs_v_bool(bool b)
{
    bs_value v = bs_v_null();
    v.kind = BS_V_BOOL;
    v.v.b = b;
    return v;
}

static void value_free(bs_value *v)
{
    if (v->kind == BS_V_TEXT || v->kind == BS_V_NULL)
        free(v->v.s); /* a null's reason, or NULL */
}

/* The value for people, into b. */
static void value_text(const bs_value *v, bs_buf *b)
{
    char t[128];
    switch (v->kind) {
    case BS_V_TEXT: bs_buf_puts(b, v->v.s); break;
    case BS_V_INT:
        if (v->v.i < 0) {
            bs_buf_puts(b, "-");
            bs_buf_puts(b, bs_fmt_uint((uint64_t)(-(v->v.i + 1)) + 1, t, sizeof t));
        } else
            bs_buf_puts(b, bs_fmt_uint((uint64_t)v->v.i, t, sizeof t));
        break;
    case BS_V_UINT: bs_buf_puts(b, bs_fmt_uint(v->v.u, t, sizeof t)); break;
    case BS_V_REAL:
        if (v->digits < 0) /* a p-value */
            bs_buf_puts(b, bs_fmt_pvalue(v->v.d, t, sizeof t));
        else
            bs_buf_puts(b, bs_fmt_real(v->v.d, v->digits, t, sizeof t));
        break;
    case BS_V_PCT: bs_buf_puts(b, bs_fmt_pct(v->v.d, t, sizeof t)); break;
    case BS_V_COUNT: bs_buf_puts(b, bs_fmt_count(v->v.c, t, sizeof t)); break;
    case BS_V_TOTAL: bs_buf_puts(b, bs_fmt_total(&v->v.t, t, sizeof t)); break;
    case BS_V_DATE: bs_buf_puts(b, bs_fmt_date(v->v.date, t, sizeof t)); break;
    case BS_V_BOOL: bs_buf_puts(b, v->v.b ? "yes" : "no"); break;
    default: bs_buf_puts(b, v->v.s ? v->v.s : "-"); break;
    }
}

/* ------------------------------------------------------------------ the document */

bs_doc *bs_doc_new(const bs_ctx *ctx, const char *title)
{
    bs_doc *d = bs_xcalloc(1, sizeof *d);
    d->ctx = ctx;
    d->title = bs_xstrdup(title ? title : "");
    /* every command that selects through --from/--to says what the range left out for its
       coarse dates, which would otherwise vanish from every figure without a word */
    long coarse = ctx ? bs_coarse_dated(ctx) : -1;
    if (coarse > 0) {
        char a[BS_NUM];
        bs_doc_note(d, "%s %s left out: %s date is coarser than the range (a year or a month "
                       "that --from/--to hold only in part)",
                    bs_fmt_uint((uint64_t)coarse, a, sizeof a),
                    bs_plural((uint64_t)coarse, "incident", "incidents"),
                    coarse == 1 ? "its" : "their");
    }
    return d;
}

void bs_doc_free(bs_doc *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->n_headlines; i++)
        free(d->headlines[i]);
    free(d->headlines);
    for (size_t i = 0; i < d->n_facts; i++) {
        free(d->facts[i].name);
        free(d->facts[i].label);
        value_free(&d->facts[i].v);
    }
    free(d->facts);
    for (size_t i = 0; i < d->n_tables; i++) {
        bs_table *t = d->tables[i];
        for (size_t k = 0; k < t->ncells; k++)
            value_free(&t->cells[k]);
        free(t->cells);
        free(t->cols);
        free(t->name);
        free(t->title);
        free(t);
    }
    free(d->tables);
    for (size_t i = 0; i < d->n_notes; i++)
        free(d->notes[i]);
    free(d->notes);
    free(d->title);
    free(d);
}

static char *vformat(const char *fmt, va_list ap) BS_PRINTF(1, 0);
static char *vformat(const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    char *s = bs_xmalloc(n > 0 ? (size_t)n + 1 : 1);
    vsnprintf(s, n > 0 ? (size_t)n + 1 : 1, fmt, ap2);
    va_end(ap2);
    return s;
}

void bs_doc_headline(bs_doc *d, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    d->headlines = bs_xrealloc(d->headlines, d->n_headlines + 1, sizeof *d->headlines);
    d->headlines[d->n_headlines] = vformat(fmt, ap);
    bs_tidy_sentence(d->headlines[d->n_headlines++]);
    va_end(ap);
}

void bs_doc_note(bs_doc *d, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    d->notes = bs_xrealloc(d->notes, d->n_notes + 1, sizeof *d->notes);
    d->notes[d->n_notes++] = vformat(fmt, ap);
    va_end(ap);
}

void bs_doc_fact(bs_doc *d, const char *name, const char *label, bs_value v)
{
    d->facts = bs_xrealloc(d->facts, d->n_facts + 1, sizeof *d->facts);
    bs_fact *f = &d->facts[d->n_facts++];
    f->name = bs_xstrdup(name);
    f->label = bs_xstrdup(label);
    f->v = v;
    f->notices_given = false;
}

void bs_doc_fact_notices(bs_doc *d, const char *name, const char *label, breach_total t,
                         uint64_t n, uint64_t n_unknown)
{
    bs_doc_fact(d, name, label, bs_v_total(t));
    bs_fact *f = &d->facts[d->n_facts - 1];
    f->notices_given = true;
    f->n = n;
    f->n_unknown = n_unknown;
}

/* A total fact with n and n_unknown of its notices, which every format writes: a sum of
 * regional counts adds a notice's entries, one a region (bs_doc_fact_notices), while a reader
 * counts notices. */
static breach_total fact_total(const bs_fact *f)
{
    breach_total t = f->v.v.t;
    if (f->notices_given) {
        t.n = f->n;
        t.n_unknown = f->n_unknown;
    }
    return t;
}

bs_table *bs_doc_table(bs_doc *d, const char *name, const char *title, const bs_column *cols,
                       size_t ncols)
{
    bs_table *t = bs_xcalloc(1, sizeof *t);
    t->name = bs_xstrdup(name);
    t->title = bs_xstrdup(title ? title : name);
    t->ncols = ncols;
    t->cols = bs_xcalloc(ncols, sizeof *t->cols);
    memcpy(t->cols, cols, ncols * sizeof *cols);
    d->tables = bs_xrealloc(d->tables, d->n_tables + 1, sizeof *d->tables);
    d->tables[d->n_tables++] = t;
    return t;
}

void bs_table_add(bs_table *t, bs_value v)
{
    if (t->ncells == t->cap) {
        t->cap = t->cap ? 2 * t->cap : 64;
        t->cells = bs_xrealloc(t->cells, t->cap, sizeof *t->cells);
    }
    t->cells[t->ncells++] = v;
}

size_t bs_table_rows(const bs_table *t)
{
    return t->ncols ? t->ncells / t->ncols : 0;
}

/* ------------------------------------------------------------------ table writer */

/* Display width in code points. The text is valid UTF-8 by then (bs_buf_term), so the
 * continuation bytes are exactly the ones that take no column. */
static size_t width(const char *s)
{
    size_t w = 0;
    for (; *s; s++)
        w += ((unsigned char)*s & 0xC0) != 0x80;
    return w;
}

/* The byte offset of column `col` of s. */
static size_t offset_of(const char *s, size_t col)
{
    size_t w = 0, i = 0;
    for (; s[i]; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80 && w++ == col)
            break;
    return i;
}

/* s cut to at most max columns by an ellipsis in the middle: both the start of a name and
 * the end of a path (the file name) stay readable. Returns a new string (s is freed): the
 * 3-byte ellipsis may replace fewer bytes than it takes. */
static char *clip(char *s, size_t max)
{
    size_t w = width(s);
    if (w <= max)
        return s;
    size_t head = (max - 1) / 2, tail = max - 1 - head;
    size_t cut = offset_of(s, head), resume = offset_of(s, w - tail);
    bs_buf b;
    bs_buf_init(&b);
    bs_buf_add(&b, s, cut);
    bs_buf_puts(&b, "\xe2\x80\xa6");
    bs_buf_puts(&b, s + resume);
    free(s);
    return bs_buf_take(&b);
}

/* s escaped for the terminal, on one line (owned). */
static char *term_text(const char *s)
{
    bs_buf b;
    bs_buf_init(&b);
    bs_buf_term(&b, s, false);
    return bs_buf_take(&b);
}

static bool right_aligned(int kind)
{
    return kind == BS_V_INT || kind == BS_V_UINT || kind == BS_V_REAL || kind == BS_V_PCT ||
           kind == BS_V_COUNT || kind == BS_V_TOTAL;
}

/* Spaces from `used` columns up to `w` (none when the text is as wide or wider). */
static void pad(FILE *out, size_t w, size_t used)
{
    for (size_t n = w > used ? w - used : 0; n; n--)
        fputc(' ', out);
}

#define MAX_TEXT_COL 56
#define MIN_TEXT_COL 8

/* The width tables must fit: $COLUMNS when set, else the terminal's when `out` is one;
 * 0 (no limit) for a file or a pipe, so that what a script reads never depends on the
 * window it ran in. */
static size_t terminal_columns(FILE *out)
{
    const char *env = getenv("COLUMNS");
    if (env && *env) {
        char *end;
        long v = strtol(env, &end, 10);
        if (!*end && v > 0)
            return v < 20 ? 20 : (size_t)v;
    }
    struct winsize ws;
    if (isatty(fileno(out)) && ioctl(fileno(out), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return ws.ws_col < 20 ? 20 : ws.ws_col;
    return 0;
}

/* Narrows the text columns (names, never numbers or dates), the widest first, until the
 * table fits `cols` or each is down to its heading (at least MIN_TEXT_COL). */
static void fit_widths(const bs_table *t, size_t *w, size_t cols)
{
    size_t total = 2 * (t->ncols - 1);
    for (size_t c = 0; c < t->ncols; c++)
        total += w[c];
    while (cols && total > cols) {
        size_t best = t->ncols;
        for (size_t c = 0; c < t->ncols; c++) {
            int k = t->cols[c].kind;
            size_t floor = width(t->cols[c].label);
            if (floor < MIN_TEXT_COL)
                floor = MIN_TEXT_COL;
            if ((k == BS_V_TEXT || k == BS_V_NULL) && w[c] > floor &&
                (best == t->ncols || w[c] > w[best]))
                best = c;
        }
        if (best == t->ncols)
            return; /* only numbers left: they are never cut */
        w[best]--;
        total--;
    }
}

/* Whether a column of totals holds one whose notices did not all give a figure. */
static bool has_no_figure(const bs_table *t, size_t c)
{
    for (size_t k = c; k < t->ncells; k += t->ncols)
        if (t->cells[k].kind == BS_V_TOTAL && t->cells[k].v.t.n_unknown)
            return true;
    return false;
}

/* The table as people read it: after each column of totals where some row's notices did
 * not all give a figure, a column of how many did not (JSON's n_unknown), so that "at least
 * 1.2 M" beside 300 notices never reads as the sum of all 300. Shown only where needed:
 * a table whose totals are complete reads as before. Returns NULL when nothing is added,
 * else a copy whose cells are borrowed from t (free_shown frees it). */
static bs_table *with_no_figure(const bs_table *t)
{
    size_t extra = 0;
    for (size_t c = 0; c < t->ncols; c++)
        extra += t->cols[c].kind == BS_V_TOTAL && has_no_figure(t, c);
    if (!extra)
        return NULL;
    static const bs_value blank = {BS_V_TEXT, 0, {.s = ""}};
    bs_table *s = bs_xcalloc(1, sizeof *s);
    *s = *t;
    s->ncols = t->ncols + extra;
    s->cols = bs_xcalloc(s->ncols, sizeof *s->cols);
    size_t nrows = bs_table_rows(t);
    s->ncells = s->cap = nrows * s->ncols;
    s->cells = bs_xcalloc(s->ncells ? s->ncells : 1, sizeof *s->cells);
    for (size_t c = 0, sc = 0; c < t->ncols; c++, sc++) {
        s->cols[sc] = t->cols[c];
        for (size_t r = 0; r < nrows; r++)
            s->cells[r * s->ncols + sc] = t->cells[r * t->ncols + c];
        if (t->cols[c].kind != BS_V_TOTAL || !has_no_figure(t, c))
            continue;
        s->cols[++sc] = (bs_column){"n_unknown", BS_NO_FIGURE, BS_V_UINT};
        for (size_t r = 0; r < nrows; r++) {
            const bs_value *v = &t->cells[r * t->ncols + c];
            s->cells[r * s->ncols + sc] = v->kind == BS_V_TOTAL ? bs_v_uint(v->v.t.n_unknown)
                                                                : blank;
        }
    }
    return s;
}

static void free_shown(bs_table *s)
{
    if (!s)
        return;
    free(s->cols);
    free(s->cells);
    free(s);
}

/* Writes t; returns whether it added a column of notices without a figure. */
static bool write_table_text(const bs_table *table, FILE *out)
{
    size_t nrows = bs_table_rows(table);
    fprintf(out, "%s (%zu %s)\n", table->title, nrows, nrows == 1 ? "row" : "rows");
    if (nrows == 0)
        return false;
    bs_table *shown = with_no_figure(table);
    const bs_table *t = shown ? shown : table;
    char **cells = bs_xcalloc(t->ncells, sizeof *cells);
    size_t *w = bs_xcalloc(t->ncols, sizeof *w);
    for (size_t c = 0; c < t->ncols; c++)
        w[c] = width(t->cols[c].label);
    for (size_t k = 0; k < t->ncells; k++) {
        bs_buf b;
        bs_buf_init(&b);
        value_text(&t->cells[k], &b);
        cells[k] = term_text(b.s ? b.s : "");
        bs_buf_free(&b);
        size_t c = k % t->ncols;
        if (c + 1 < t->ncols) /* the last column is never cut */
            cells[k] = clip(cells[k], MAX_TEXT_COL);
        size_t cw = width(cells[k]);
        if (cw > w[c])
            w[c] = cw;
    }
    size_t cols = terminal_columns(out);
    if (cols) {
        fit_widths(t, w, cols);
        for (size_t k = 0; k < t->ncells; k++)
            cells[k] = clip(cells[k], w[k % t->ncols]);
    }
    for (size_t c = 0; c < t->ncols; c++) {
        const char *l = t->cols[c].label;
        bool last = c + 1 == t->ncols;
        if (right_aligned(t->cols[c].kind))
            pad(out, w[c], width(l));
        fputs(l, out);
        if (!last && !right_aligned(t->cols[c].kind))
            pad(out, w[c], width(l));
        fputs(last ? "\n" : "  ", out);
    }
    for (size_t c = 0; c < t->ncols; c++) {
        for (size_t i = 0; i < w[c]; i++)
            fputc('-', out);
        fputs(c + 1 == t->ncols ? "\n" : "  ", out);
    }
    for (size_t r = 0; r < nrows; r++) {
        for (size_t c = 0; c < t->ncols; c++) {
            const char *s = cells[r * t->ncols + c];
            bool last = c + 1 == t->ncols;
            if (right_aligned(t->cols[c].kind))
                pad(out, w[c], width(s));
            fputs(s, out);
            if (!last && !right_aligned(t->cols[c].kind))
                pad(out, w[c], width(s));
            fputs(last ? "\n" : "  ", out);
        }
    }
    for (size_t k = 0; k < t->ncells; k++)
        free(cells[k]);
    free(cells);
    free(w);
    bool added = shown != NULL;
    free_shown(shown);
    return added;
}

static void write_text(const bs_doc *d, FILE *out)
{
    if (d->title[0]) {
        char *title = term_text(d->title);
        fprintf(out, "%s\n", title);
        for (size_t i = width(title); i-- > 0;)
            fputc('=', out);
        fputc('\n', out);
        free(title);
    }
    for (size_t i = 0; i < d->n_headlines; i++) {
        bs_term_line(d->headlines[i], out);
        fputc('\n', out);
    }
    if (d->n_facts) {
        if (d->n_headlines)
            fputc('\n', out);
        size_t w = 0;
        for (size_t i = 0; i < d->n_facts; i++)
            if (width(d->facts[i].label) > w)
                w = width(d->facts[i].label);
        for (size_t i = 0; i < d->n_facts; i++) {
            bs_buf b;
            bs_buf_init(&b);
            value_text(&d->facts[i].v, &b);
            /* a total beside the counts of the facts around it: how many of its notices
               gave no figure (JSON has it as n_unknown) */
            breach_total tot = fact_total(&d->facts[i]);
            if (d->facts[i].v.kind == BS_V_TOTAL && tot.n_unknown && tot.n_unknown < tot.n) {
                char tn[128];
                bs_buf_printf(&b, " (%s)", bs_fmt_total_n(&tot, "notice", "notices", tn, sizeof tn));
            }
            fprintf(out, "  %s:", d->facts[i].label);
            pad(out, w + 1, width(d->facts[i].label));
            bs_term_line(b.s ? b.s : "", out);
            fputc('\n', out);
            bs_buf_free(&b);
        }
    }
    bool no_figure = false;
    for (size_t i = 0; i < d->n_tables; i++) {
        fputc('\n', out);
        no_figure |= write_table_text(d->tables[i], out);
    }
    if (d->n_notes || no_figure)
        fputc('\n', out);
    for (size_t i = 0; i < d->n_notes; i++) {
        fputs("Note: ", out);
        bs_term_line(d->notes[i], out);
        fputc('\n', out);
    }
    if (no_figure)
        fputs("Note: " BS_NO_FIGURE_NOTE "\n", out);
}

/* ------------------------------------------------------------------ JSON writer */

/* An input's object, opened and not closed (breachstat.h). */
void bs_json_input(FILE *out, const bs_input *in, size_t warnings)
{
    fputs("{\"file\": ", out);
    bs_json_string(out, in->name ? in->name : in->path);
    fputs(", \"format\": ", out);
    bs_json_string(out, in->format_used ? in->format_used : "");
    fprintf(out,
            ", \"rows_read\": %zu, \"rows_loaded\": %zu, \"rows_rejected\": %zu, "
            "\"warnings\": %zu, \"incidents\": %zu",
            in->rows_read, in->rows_loaded, in->rows_rejected, warnings, in->incidents);
}

/* A JSON string; bytes that are not valid UTF-8 become U+FFFD so the output always
 * parses. */
void bs_json_string(FILE *out, const char *s)
{
    fputc('"', out);
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        unsigned char c = *p;
        if (c == '"' || c == '\\') {
            fputc('\\', out);
            fputc(c, out);
            p++;
        } else if (c < 0x20) {
            fprintf(out, "\\u%04x", c);
            p++;
        } else if (c < 0x80) {
            fputc(c, out);
            p++;
        } else {
            size_t n = c >= 0xF0 && c < 0xF5 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
            if (c >= 0xF5)
                n = 0;
            size_t k = 1;
            while (n && k < n && (p[k] & 0xC0) == 0x80)
                k++;
            if (n && k == n) {
                fwrite(p, 1, n, out);
                p += n;
            } else {
                fputs("\\ufffd", out);
                p++;
            }
        }
    }
    fputc('"', out);
}

static void json_real(FILE *out, double d)
{
    if (!isfinite(d))
        fputs("null", out);
    else
        fprintf(out, "%.10g", d);
}

/* A total as the library's JSON writer has it; with `entries` (a fact whose notices are not
 * the counts it adds: fact_total), those counts follow as n_entries and n_entries_unknown. */
static void json_total(FILE *out, const breach_total *x, const breach_total *entries)
{
    fprintf(out, "{\"lower\": %" PRIu64 ", \"upper\": ", x->lower);
    if (x->upper_unbounded)
        fputs("null", out);
    else
        fprintf(out, "%" PRIu64, x->upper);
    fprintf(out,
            ", \"point\": %" PRIu64 ", \"upper_unbounded\": %s, \"n\": %" PRIu64
            ", \"n_unknown\": %" PRIu64,
            x->point, x->upper_unbounded ? "true" : "false", x->n, x->n_unknown);
    if (entries)
        fprintf(out, ", \"n_entries\": %" PRIu64 ", \"n_entries_unknown\": %" PRIu64,
                entries->n, entries->n_unknown);
    fputc('}', out);
}

static void json_value(FILE *out, const bs_value *v)
{
    char t[64];
    switch (v->kind) {
    case BS_V_TEXT: bs_json_string(out, v->v.s); break;
    case BS_V_INT: fprintf(out, "%" PRId64, v->v.i); break;
    case BS_V_UINT: fprintf(out, "%" PRIu64, v->v.u); break;
    case BS_V_REAL:
    case BS_V_PCT: json_real(out, v->v.d); break;
    case BS_V_COUNT:
        if (v->v.c.qualifier == BREACH_COUNT_UNKNOWN)
            fputs("{\"value\": null, \"qualifier\": \"unknown\"}", out);
        else
            fprintf(out, "{\"value\": %" PRIu64 ", \"qualifier\": \"%s\"}", v->v.c.value,
                    bs_qualifier_name(v->v.c.qualifier));
        break;
    case BS_V_TOTAL: json_total(out, &v->v.t, NULL); break;
    case BS_V_DATE: bs_json_string(out, bs_fmt_date(v->v.date, t, sizeof t)); break;
    case BS_V_BOOL: fputs(v->v.b ? "true" : "false", out); break;
    default: fputs("null", out); break;
    }
}

static void write_json(const bs_doc *d, FILE *out)
{
    const bs_ctx *ctx = d->ctx;
    fputs("{\n  \"command\": ", out);
    bs_json_string(out, ctx && ctx->cmd ? ctx->cmd->name : "");
    fputs(",\n  \"libbreach\": ", out);
    bs_json_string(out, breach_version_string());
    fputs(",\n  \"title\": ", out);
    bs_json_string(out, d->title);
    fputs(",\n  \"inputs\": [", out);
    for (size_t k = 0; ctx && k < ctx->n_inputs; k++) {
        const bs_input *in = &ctx->inputs[k];
        fputs(k ? ",\n    " : "\n    ", out);
        bs_json_input(out, in, in->warnings);
        fputc('}', out);
    }
    fputs(ctx && ctx->n_inputs ? "\n  ],\n  \"headline\": [" : "],\n  \"headline\": [", out);
    for (size_t i = 0; i < d->n_headlines; i++) {
        fputs(i ? ", " : "", out);
        bs_json_string(out, d->headlines[i]);
    }
    fputs("],\n  \"facts\": {", out);
    for (size_t i = 0; i < d->n_facts; i++) {
        fputs(i ? ",\n    " : "\n    ", out);
        bs_json_string(out, d->facts[i].name);
        fputs(": ", out);
        if (d->facts[i].v.kind == BS_V_TOTAL) {
            breach_total t = fact_total(&d->facts[i]);
            json_total(out, &t, d->facts[i].notices_given ? &d->facts[i].v.v.t : NULL);
        } else
            json_value(out, &d->facts[i].v);
    }
    fputs(d->n_facts ? "\n  },\n  \"tables\": {" : "},\n  \"tables\": {", out);
    for (size_t i = 0; i < d->n_tables; i++) {
        const bs_table *t = d->tables[i];
        fputs(i ? ",\n    " : "\n    ", out);
        bs_json_string(out, t->name);
        fputs(": [", out);
        size_t nrows = bs_table_rows(t);
        for (size_t r = 0; r < nrows; r++) {
            fputs(r ? ",\n      {" : "\n      {", out);
            for (size_t c = 0; c < t->ncols; c++) {
                fputs(c ? ", " : "", out);
                bs_json_string(out, t->cols[c].name);
                fputs(": ", out);
                json_value(out, &t->cells[r * t->ncols + c]);
            }
            fputs("}", out);
        }
        fputs(nrows ? "\n    ]" : "]", out);
    }
    fputs(d->n_tables ? "\n  },\n  \"notes\": [" : "},\n  \"notes\": [", out);
    for (size_t i = 0; i < d->n_notes; i++) {
        fputs(i ? ",\n    " : "\n    ", out);
        bs_json_string(out, d->notes[i]);
    }
    fputs(d->n_notes ? "\n  ],\n  \"provenance\": " : "],\n  \"provenance\": ", out);
    if (ctx)
        bs_provenance_json(out, ctx, "  ");
    else
        fputs("null", out);
    fputs("\n}\n", out);
}

/* ------------------------------------------------------------------ CSV writer */

/* --csv-raw: text cells as they are. By default a text cell that a spreadsheet would run as
 * a formula (it begins with = + - @, a tab or a carriage return: OWASP's list) is written
 * with a ' before it, which spreadsheets show as text. Numbers are never changed (a
 * negative number is a number), and the library's canonical CSV writer
 * (breach_csv_write) never changes anything: it is a lossless data format, not a sheet. */
static bool csv_raw;

static void csv_field(FILE *out, const char *s)
{
    bool formula = !csv_raw && s[0] && strchr("=+-@\t\r", s[0]) != NULL;
    if (formula) {
        bs_buf b;
        bs_buf_init(&b);
        bs_buf_puts(&b, "'");
        bs_buf_puts(&b, s);
        csv_raw = true;
        csv_field(out, b.s);
        csv_raw = false;
        bs_buf_free(&b);
        return;
    }
    if (strpbrk(s, ",\"\r\n") == NULL) {
        fputs(s, out);
        return;
    }
    fputc('"', out);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', out);
        fputc(*s, out);
    }
    fputc('"', out);
}

static void csv_header(FILE *out, const bs_column *col, bool first)
{
    if (!first)
        fputc(',', out);
    if (col->kind == BS_V_COUNT)
        fprintf(out, "%s,%s_qualifier", col->name, col->name);
    else if (col->kind == BS_V_TOTAL) /* n_unknown: as JSON names it, and for the table's
                                          reason (with_no_figure) */
        fprintf(out, "%s_lower,%s_upper,%s_point,%s_n_unknown", col->name, col->name,
                col->name, col->name);
    else
        csv_field(out, col->name);
}

/* A cell in CSV; the column's kind decides how many fields (a null count or total still
 * fills its fields). */
static void csv_value(FILE *out, const bs_column *col, const bs_value *v, bool first)
{
    char t[64];
    if (!first)
        fputc(',', out);
    if (col->kind == BS_V_COUNT) {
        if (v->kind == BS_V_COUNT && v->v.c.qualifier != BREACH_COUNT_UNKNOWN)
            fprintf(out, "%" PRIu64 ",%s", v->v.c.value, bs_qualifier_name(v->v.c.qualifier));
        else
            fputs(",unknown", out);
        return;
    }
    if (col->kind == BS_V_TOTAL) {
        if (v->kind != BS_V_TOTAL) {
            fputs(",,,", out);
            return;
        }
        fprintf(out, "%" PRIu64 ",", v->v.t.lower);
        if (!v->v.t.upper_unbounded)
            fprintf(out, "%" PRIu64, v->v.t.upper);
        fprintf(out, ",%" PRIu64 ",%" PRIu64, v->v.t.point, v->v.t.n_unknown);
        return;
    }
    switch (v->kind) {
    case BS_V_TEXT: csv_field(out, v->v.s); break;
    case BS_V_INT: fprintf(out, "%" PRId64, v->v.i); break;
    case BS_V_UINT: fprintf(out, "%" PRIu64, v->v.u); break;
    case BS_V_REAL:
    case BS_V_PCT:
        if (isfinite(v->v.d))
            fprintf(out, "%.10g", v->v.d);
        break;
    case BS_V_DATE: fputs(bs_fmt_date(v->v.date, t, sizeof t), out); break;
    case BS_V_BOOL: fputs(v->v.b ? "true" : "false", out); break;
    case BS_V_COUNT:
        if (v->v.c.qualifier != BREACH_COUNT_UNKNOWN)
            fprintf(out, "%" PRIu64, v->v.c.value);
        break;
    case BS_V_TOTAL: fprintf(out, "%" PRIu64, v->v.t.point); break;
    default: break;
    }
}

/* The facts, one per line: what --csv writes for a document without tables, and for every
 * document with --table facts. Numbers stay numbers, as in the tables, and the words the
 * text puts beside them go to their own column: a count's value and its qualifier; a
 * total's point figure as the value, its qualifier (bs_total_qualifier), its bounds (an
 * empty upper bound is unbounded), its notices and those without a figure (JSON's n,
 * n_unknown). The other columns are empty for other facts. */
static void write_csv_facts(const bs_doc *d, FILE *out)
{
    static const bs_column name_col = {"name", "name", BS_V_TEXT};
    static const bs_column value_col = {"value", "value", BS_V_TEXT};
    fputs("name,value,qualifier,lower,upper,n,n_unknown\n", out);
    for (size_t i = 0; i < d->n_facts; i++) {
        const bs_value *v = &d->facts[i].v;
        bs_value n = {BS_V_TEXT, 0, {.s = d->facts[i].name}};
        csv_value(out, &name_col, &n, true);
        if (v->kind == BS_V_COUNT) {
            fputc(',', out);
            if (v->v.c.qualifier != BREACH_COUNT_UNKNOWN)
                fprintf(out, "%" PRIu64, v->v.c.value);
            fprintf(out, ",%s,,,,\n", bs_qualifier_name(v->v.c.qualifier));
        } else if (v->kind == BS_V_TOTAL) {
            breach_total t = fact_total(&d->facts[i]);
            fprintf(out, ",%" PRIu64 ",%s,%" PRIu64 ",", t.point, bs_total_qualifier(&t),
                    t.lower);
            if (!t.upper_unbounded)
                fprintf(out, "%" PRIu64, t.upper);
            fprintf(out, ",%" PRIu64 ",%" PRIu64 "\n", t.n, t.n_unknown);
        } else {
            csv_value(out, &value_col, v, false);
            fputs(",,,,,\n", out);
        }
    }
}

static int write_csv(const bs_doc *d, FILE *out, const char *which)
{
    csv_raw = d->ctx && d->ctx->csv_raw;
    if (which && strcmp(which, "facts") == 0) {
        write_csv_facts(d, out);
        return BS_EXIT_OK;
    }
    const bs_table *t = NULL;
    for (size_t i = 0; i < d->n_tables; i++)
        if (!which || strcmp(d->tables[i]->name, which) == 0) {
            t = d->tables[i];
            break;
        }
    if (which && !t) {
        bs_buf b;
        bs_buf_init(&b);
        for (size_t i = 0; i < d->n_tables; i++)
            bs_buf_printf(&b, "%s, ", d->tables[i]->name);
        bs_eprintf("%s %s: no table '%s' (tables: %sfacts)\n", bs_progname,
                d->ctx && d->ctx->cmd ? d->ctx->cmd->name : "", which, b.s ? b.s : "");
        bs_buf_free(&b);
        return BS_EXIT_USAGE;
    }
    if (!t) {
        write_csv_facts(d, out); /* no table */
        return BS_EXIT_OK;
    }
    for (size_t c = 0; c < t->ncols; c++)
        csv_header(out, &t->cols[c], c == 0);
    fputc('\n', out);
    size_t nrows = bs_table_rows(t);
    for (size_t r = 0; r < nrows; r++) {
        for (size_t c = 0; c < t->ncols; c++)
            csv_value(out, &t->cols[c], &t->cells[r * t->ncols + c], c == 0);
        fputc('\n', out);
    }
    return BS_EXIT_OK;
}

int bs_doc_emit(const bs_doc *d, const bs_ctx *ctx)
{
    bs_outfile of;
    if (bs_out_open(&of, ctx->output) != BS_EXIT_OK)
        return BS_EXIT_OUTPUT;
    FILE *out = of.f;
    int rc = BS_EXIT_OK;
    switch (ctx->out) {
    case BS_OUT_JSON: write_json(d, out); break;
    case BS_OUT_CSV: rc = write_csv(d, out, ctx->table); break;
    default: write_text(d, out); break;
    }
    /* a refused --table leaves an existing -o file as it was */
    int wrote = bs_out_close(&of, rc == BS_EXIT_OK);
    if (wrote != BS_EXIT_OK)
        return wrote;
    /* CSV has no place for it: a sidecar (documented in the man page) */
    const char *prov = bs_opt(ctx, "provenance");
    if (rc == BS_EXIT_OK && prov)
        return bs_write_provenance_file(ctx, prov);
    if (rc == BS_EXIT_OK && ctx->out == BS_OUT_CSV && ctx->output && strcmp(ctx->output, "-") != 0) {
        char *side = bs_xasprintf("%s.provenance.json", ctx->output);
        rc = bs_write_provenance_file(ctx, side);
        free(side);
    }
    return rc;
}
