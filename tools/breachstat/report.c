/* The report's content: every statistic asked of libbreach once, turned into sections of
 * sentences, charts and tables (see report.h). The figures in the sentences and the tables
 * are the library's; the charts draw the same numbers. */
#include "report.h"
#include "svg.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ROWS 100  /* rows of a long table in the report; the rest via the commands */
#define MAX_CURVES 6  /* vendors drawn on the supply-chain chart */

/* ------------------------------------------------------------------ building blocks */

static bs_rtable *rtable(const char *caption, const char *align, size_t ncols, ...)
{
    bs_rtable *t = bs_xcalloc(1, sizeof *t);
    t->caption = bs_xstrdup(caption);
    t->ncols = ncols;
    t->heads = bs_xcalloc(ncols, sizeof *t->heads);
    t->align = bs_xstrdup(align);
    va_list ap;
    va_start(ap, ncols);
    for (size_t i = 0; i < ncols; i++)
        t->heads[i] = bs_xstrdup(va_arg(ap, const char *));
    va_end(ap);
    return t;
}

/* One row of ncols cells (copied). */
static void rrow(bs_rtable *t, ...)
{
    t->cells = bs_xrealloc(t->cells, (t->nrows + 1) * t->ncols, sizeof *t->cells);
    va_list ap;
    va_start(ap, t);
    for (size_t i = 0; i < t->ncols; i++) {
        const char *s = va_arg(ap, const char *);
        t->cells[t->nrows * t->ncols + i] = bs_xstrdup(s ? s : "");
    }
    va_end(ap);
    t->nrows++;
}

static void rtable_free(bs_rtable *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->nrows * t->ncols; i++)
        free(t->cells[i]);
    for (size_t i = 0; i < t->ncols; i++)
        free(t->heads[i]);
    free(t->cells);
    free(t->heads);
    free(t->align);
    free(t->caption);
    free(t);
}

/* Removes column col of t. */
static void rtable_drop_col(bs_rtable *t, size_t col)
{
    for (size_t r = 0; r < t->nrows; r++)
        free(t->cells[r * t->ncols + col]);
    free(t->heads[col]);
    size_t k = 0;
    for (size_t i = 0; i < t->nrows * t->ncols; i++)
        if (i % t->ncols != col)
            t->cells[k++] = t->cells[i];
    memmove(t->heads + col, t->heads + col + 1, (t->ncols - col - 1) * sizeof *t->heads);
    memmove(t->align + col, t->align + col + 1, t->ncols - col); /* and the '\0' */
    t->ncols--;
}

static void note(bs_section *s, const char *fmt, ...) BS_PRINTF(2, 3);

/* Column col of t, BS_NO_FIGURE after a column of totals, as breachstat's tables have it
 * (output.c): kept only when some row's notices did not all give a figure, with the same
 * note once in the section; else dropped, so complete totals read as before. */
static void no_figure_column(bs_section *s, bs_rtable *t, size_t col)
{
    bool some = false;
    for (size_t r = 0; r < t->nrows && !some; r++) {
        const char *c = t->cells[r * t->ncols + col];
        some = c[0] && strcmp(c, "0") != 0;
    }
    if (!some) {
        rtable_drop_col(t, col);
        return;
    }
    for (size_t k = 0; k < s->n_notes; k++)
        if (strcmp(s->notes[k], BS_NO_FIGURE_NOTE ".") == 0)
            return;
    note(s, "%s.", BS_NO_FIGURE_NOTE);
}

static bs_section *section(bs_report *r, const char *id, const char *heading)
{
    r->sections = bs_xrealloc(r->sections, r->n_sections + 1, sizeof *r->sections);
    bs_section *s = &r->sections[r->n_sections++];
    memset(s, 0, sizeof *s);
    s->id = bs_xstrdup(id);
    s->heading = bs_xstrdup(heading);
    return s;
}

static void para(bs_section *s, const char *fmt, ...) BS_PRINTF(2, 3);
static void para(bs_section *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char buf[4096];
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    bs_tidy_sentence(buf);
    s->paras = bs_xrealloc(s->paras, s->n_paras + 1, sizeof *s->paras);
    s->paras[s->n_paras++] = bs_xstrdup(buf);
}

static void note(bs_section *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char buf[2048];
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    s->notes = bs_xrealloc(s->notes, s->n_notes + 1, sizeof *s->notes);
    s->notes[s->n_notes++] = bs_xstrdup(buf);
}

/* A chart, drawn in each design (svg[BS_WIDE], svg[BS_NARROW]: svg.h), and its table. */
static void figure(bs_section *s, const char *name, bs_buf svg[BS_LAYOUTS], const char *alt,
                   bs_rtable *t)
{
    s->figs = bs_xrealloc(s->figs, s->n_figs + 1, sizeof *s->figs);
    bs_figure *f = &s->figs[s->n_figs++];
    f->name = bs_xstrdup(name);
    f->svg = bs_buf_take(&svg[BS_WIDE]);
    f->svg_narrow = bs_buf_take(&svg[BS_NARROW]);
    f->alt = bs_xstrdup(alt);
    f->table = t;
}

static void table(bs_section *s, bs_rtable *t)
{
    s->tables = bs_xrealloc(s->tables, s->n_tables + 1, sizeof *s->tables);
    s->tables[s->n_tables++] = t;
}

static void key(bs_report *r, const char *label, const char *value)
{
    r->keys = bs_xrealloc(r->keys, r->n_keys + 1, sizeof *r->keys);
    r->keys[r->n_keys].label = bs_xstrdup(label);
    r->keys[r->n_keys].value = bs_xstrdup(value);
    r->n_keys++;
}

void bs_report_free(bs_report *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n_sections; i++) {
        bs_section *s = &r->sections[i];
        for (size_t k = 0; k < s->n_paras; k++)
            free(s->paras[k]);
        for (size_t k = 0; k < s->n_notes; k++)
            free(s->notes[k]);
        for (size_t k = 0; k < s->n_figs; k++) {
            free(s->figs[k].name);
            free(s->figs[k].svg);
            free(s->figs[k].svg_narrow);
            free(s->figs[k].alt);
            rtable_free(s->figs[k].table);
        }
        for (size_t k = 0; k < s->n_tables; k++)
            rtable_free(s->tables[k]);
        free(s->paras);
        free(s->notes);
        free(s->figs);
        free(s->tables);
        free(s->id);
        free(s->heading);
    }
    for (size_t i = 0; i < r->n_keys; i++) {
        free(r->keys[i].label);
        free(r->keys[i].value);
    }
    free(r->keys);
    free(r->sections);
    free(r->title);
    free(r->generator);
    free(r->sources);
    free(r);
}

/* Small formatting helpers returning a static buffer from a ring: several may appear in
 * one call's arguments. */
static char ring[16][160];
static unsigned ring_i;
static char *slot(void)
{
    return ring[ring_i++ % 16];
}
static const char *U(uint64_t v) { return bs_fmt_uint(v, slot(), 160); }
static const char *R(double v, int d) { return bs_fmt_real(v, d, slot(), 160); }
static const char *P(double v) { return bs_fmt_pct(v, slot(), 160); }
static const char *C(breach_count c) { return bs_fmt_count(c, slot(), 160); }
static const char *T(const breach_total *t) { return bs_fmt_total(t, slot(), 160); }
/* When some of a total's notices gave no figure, how many, to follow the total:
 * " (7,396 notices, 1,112 of them without a figure)"; else "" (`one` / `many`: what it adds
 * up). An all-unknown total reads "unknown" already. */
static const char *WO(const breach_total *t, const char *one, const char *many)
{
    if (!t->n_unknown || t->n_unknown == t->n)
        return "";
    char n[160], *b = slot();
    snprintf(b, 160, " (%s)", bs_fmt_total_n(t, one, many, n, sizeof n));
    return b;
}
static const char *TN(const breach_total *t)
{
    char *b = slot();
    snprintf(b, 160, "%s%s", T(t), WO(t, "notice", "notices"));
    return b;
}
/* The "no figure" cell beside a total: its notices without a figure */
static const char *NF(const breach_total *t) { return U(t->n_unknown); }
/* A summary of z that is a size: SZ(z, MEDIAN, median) */
#define SZ(z, BIT, f) bs_fmt_size((z), BREACH_SIZES_##BIT, (z)->f##_u, (z)->f, slot(), 160)
static const char *D(breach_date d)
{
    return breach_date_is_known(d) ? bs_fmt_date(d, slot(), 160) : "undated";
}

/* "1 notice", "2 notices" */
static const char *N(uint64_t n, const char *one, const char *many)
{
    char *b = slot();
    char num[BS_NUM];
    snprintf(b, 160, "%s %s", bs_fmt_uint(n, num, sizeof num), n == 1 ? one : many);
    return b;
}

/* Whether s holds a right-to-left letter (Hebrew, Arabic, Syriac, Thaana, N'Ko, ... and
 * their presentation forms). */
static bool has_rtl(const char *s)
{
    while (*s) {
        uint32_t c;
        size_t n = bs_utf8_seq(s, &c);
        if (n == 0) {
            s++;
            continue;
        }
        if ((c >= 0x0590 && c <= 0x08FF) || (c >= 0xFB1D && c <= 0xFDFF) ||
            (c >= 0xFE70 && c <= 0xFEFF) || (c >= 0x10800 && c <= 0x10FFF) ||
            (c >= 0x1E800 && c <= 0x1EFFF))
            return true;
        s += n;
    }
    return false;
}

/* A name as reported, without the spaces around it. A name with right-to-left letters is
 * isolated (BS_ISOLATE_OPEN ... BS_ISOLATE_CLOSE, which the HTML and Markdown escapers
 * write as U+2068 FIRST STRONG ISOLATE ... U+2069 POP DIRECTIONAL ISOLATE), so that it
 * cannot reorder the figures of the sentence around it. */
static const char *NM(const char *s)
{
    char *b = slot();
    if (!s)
        s = "";
    while (*s == ' ')
        s++;
    bool rtl = has_rtl(s);
    snprintf(b, rtl ? 150 : 160, "%s", s);
    for (size_t n = strlen(b); n && b[n - 1] == ' ';)
        b[--n] = '\0';
    if (rtl) {
        char t[160];
        snprintf(t, sizeof t, "%s%s%s", BS_ISOLATE_OPEN, b, BS_ISOLATE_CLOSE);
        memcpy(b, t, sizeof t);
    }
    return b;
}

typedef struct build {
    bs_ctx *ctx;
    bs_report *r;
    char *source; /* "Source: ..." under every chart */
    const breach_population *pop;
    breach_format_overlap *two_formats; /* over the selection (key_figures) */
} build;

/* What a section's figures may count twice across inputs of two formats, in the words of
 * breachstat's headlines (bs_two_formats_sentences). */
static void twice_paras(bs_section *s, const breach_format_overlap *fo, bool notices, int unit)
{
    char say[1 + BREACH_UNIT_COUNT_][BS_TWICE_SENTENCE];
    size_t n = fo ? bs_two_formats_sentences(fo, notices, unit, say) : 0;
    for (size_t k = 0; k < n; k++)
        para(s, "%s", say[k]);
}

static bs_chart_text chart_text(const build *B, const char *id, const char *title,
                                const char *subtitle, const char *desc, const char *x_label,
                                const char *y_label)
{
    bs_chart_text t = {id, title, subtitle, desc, B->source, x_label, y_label};
    return t;
}

/* ------------------------------------------------------------------ key figures */

static int key_figures(build *B)
{
    bs_overview o;
    int rc = bs_overview_compute(B->ctx, &o);
    if (rc != BS_EXIT_OK)
        return rc;
    breach_error e;
    if (!(B->two_formats = breach_format_overlap_compute(B->ctx->ds, &B->ctx->filter, NULL, &e)))
        return bs_stat_failed("notices in two formats", &e);
    key(B->r, "notices", U(o.selected));
    /* one incident in two sources is in every count twice: said beside the figures */
    const breach_format_overlap *fo = B->two_formats;
    if (fo->notices_twice)
        key(B->r, "notices possibly counted twice (two formats)", U(fo->notices_twice));
    key(B->r, "organisations", U(o.organisations));
    /* a source that does not count individuals (HIBP, VCDB) has none "not counted", not 0 */
    key(B->r, "individuals affected",
        o.n_unit[BREACH_UNIT_INDIVIDUALS] ? TN(&o.by_unit[BREACH_UNIT_INDIVIDUALS])
                                          : "not counted by these sources");
    if (o.n_unit[BREACH_UNIT_ACCOUNTS])
        key(B->r, "accounts affected", TN(&o.by_unit[BREACH_UNIT_ACCOUNTS]));
    if (o.n_unit[BREACH_UNIT_RECORDS])
        key(B->r, "records exposed", TN(&o.by_unit[BREACH_UNIT_RECORDS]));
    for (int u = 0; u < BREACH_UNIT_COUNT_; u++)
        if (fo->twice[u]) {
            char label[80];
            snprintf(label, sizeof label, "%s possibly counted twice (two formats)",
                     bs_unit_name(u));
            key(B->r, label, U(fo->twice[u]));
        }
    key(B->r, "notices with a breakdown by state", U(o.with_breakdown));
    key(B->r, "supply-chain vendors", U(o.vendors));
    char span[64];
    snprintf(span, sizeof span, "%s to %s", D(o.first), D(o.last));
    key(B->r, "notice dates", breach_date_is_known(o.first) ? span : "none");
    return BS_EXIT_OK;
}

/* ------------------------------------------------------------------ flagged notices */

/* Notices a source flags (HIBP fabricated, spam lists; VCDB not sampled at random): how
 * many the report includes, and the command that leaves them out. No section when none. */
static int flagged_section(build *B)
{
    bs_flags f;
    int rc = bs_flagged(B->ctx, &f);
    if (rc != BS_EXIT_OK || !f.n)
        return rc;
    key(B->r, "flagged by their source (included)", U(f.n));
    bs_section *s = section(B->r, "flagged", "Notices their source flags");
    para(s, "%s", f.sentence);
    para(s, "Every figure of this report includes them. To leave them out: %s", f.command);
    bs_flags_free(&f);
    return BS_EXIT_OK;
}

/* ------------------------------------------------------------------ regions */

static bool us_state(breach_region r, const char **usps)
{
    const char *code = breach_region_code(r);
    if (strncmp(code, "US-", 3) != 0 || strlen(code) != 5)
        return false;
    *usps = code + 3;
    return true;
}

static const char *fmt_rate(double v, char *buf, size_t size)
{
    if (v < 10)
        return bs_fmt_real(v, v < 1 ? 2 : 1, buf, size);
    return bs_fmt_short(v, buf, size);
}

/* The per-capita map and its table (rates from residence breakdowns: the only kind). */
static void rate_map(build *B, bs_section *s, const breach_percapita *pc, const char *title,
                     const char *what, const char *desc_what, const char *count_head)
{
    const char *usps;
    bs_map_value *rv = bs_xcalloc(pc->n_rows + 1, sizeof *rv);
    char **tips = bs_xcalloc(pc->n_rows + 1, sizeof *tips);
    char cap[200];
    snprintf(cap, sizeof cap, "%s (the map's data)", title);
    bs_rtable *rt = rtable(cap, "lrrrr", 5, "state", count_head, BS_NO_FIGURE, "population",
                           "per 100,000");
    size_t m = 0;
    for (size_t i = 0; i < pc->n_rows; i++) {
        const breach_percapita_row *row = &pc->rows[i];
        if (!us_state(row->region, &usps))
            continue;
        rv[m].usps = usps;
        rv[m].value = row->rate;
        tips[m] = bs_xasprintf("%s: %s per 100,000 residents (%s of %s)",
                               breach_region_name(row->region), R(row->rate, 1),
                               T(&row->affected), U(row->population));
        rv[m].tooltip = tips[m];
        m++;
        rrow(rt, breach_region_name(row->region), T(&row->affected), NF(&row->affected),
             U(row->population), R(row->rate, 1));
    }
    no_figure_column(s, rt, 2);
    char sub[200], desc[300], alt[300];
    snprintf(sub, sizeof sub, "%s (Census %d)", what, (int)pc->year);
    snprintf(desc, sizeof desc, "A tile-grid map of the United States: each state's tile is "
                                "shaded by the %s.",
             desc_what);
    snprintf(alt, sizeof alt, "Map of %s per 100,000 residents; its table lists the rates.",
             count_head);
    bs_buf svg[BS_LAYOUTS];
    bs_chart_text ct = chart_text(B, "map-rate", title, sub, desc, NULL, NULL);
    for (int l = 0; l < BS_LAYOUTS; l++) {
        bs_buf_init(&svg[l]);
        bs_chart_us_map(&svg[l], (bs_layout)l, &ct, rv, m, fmt_rate, "per 100,000");
    }
    figure(s, "map-rate", svg, alt, rt);
    for (size_t i = 0; i < m; i++)
        free(tips[i]);
    free(tips);
    free(rv);
    if (pc->n_without_population)
        note(s, "%s without a population figure %s no rate.",
             N(pc->n_without_population, "region", "regions"),
             pc->n_without_population == 1 ? "has" : "have");
    note(s, "A person named in two notices counts twice, so a rate adds up notices' counts per "
            "100,000 residents and could exceed 100,000.");
    if (pc->days) {
        char a[BS_NUM], b[BS_NUM], span[BS_RATE_SPAN];
        note(s, "The rates add the residents of notices dated (%s date) %s to %s, of the %s. "
                "Population: the %d estimate%s.",
             bs_date_field_name(pc->date_field), bs_fmt_date(pc->first, a, sizeof a),
             bs_fmt_date(pc->last, b, sizeof b), bs_rate_span(pc, span), (int)pc->year,
             pc->year_matches ? ", the year of every notice" : ", not of every notice's year");
    }
    char lag[BS_RATE_LAG];
    for (int end = 0; end < 2; end++)
        if (bs_rate_lag(pc, end, lag)) /* "not observed in full: ...", as a sentence */
            note(s, "%c%s.", toupper((unsigned char)lag[0]), lag + 1);
}

static int regions_section(build *B)
{
    breach_error e;
    bs_section *s = section(B->r, "regions", "Where the affected people live");
    breach_region_shares *rs = breach_region_shares_compute(B->ctx->ds, &B->ctx->filter, &e);
    if (!rs)
        return bs_stat_failed("region shares", &e);
    size_t n_us = 0;
    const char *usps;
    for (size_t i = 0; i < rs->n_rows; i++)
        n_us += us_state(rs->rows[i].region, &usps);

    const char *runit = bs_unit_name(rs->unit);
    if (n_us) {
        para(s, "%s of %s %s a breakdown by state of residence; together they "
                "count %s residents (%s) in %s. The map adds up "
                "those counts per state: a person named in two notices counts twice.",
             U(rs->n_with_breakdown), N(rs->n_incidents, "notice", "notices"),
             rs->n_with_breakdown == 1 ? "gives" : "give", T(&rs->all_regions), runit,
             N(n_us, "US state or territory", "US states and territories"));
        if (rs->n_other_units)
            para(s, "%s with a breakdown in other units than %s %s left out of the map and its "
                    "table: units are never added.",
                 N(rs->n_other_units, "notice", "notices"), runit,
                 rs->n_other_units == 1 ? "is" : "are");
        bs_map_value *mv = bs_xcalloc(n_us, sizeof *mv);
        char **tips = bs_xcalloc(n_us, sizeof *tips);
        char rhead[64];
        snprintf(rhead, sizeof rhead, "residents (%s)", runit);
        bs_rtable *t = rtable("Residents affected per state (the map's data)", "lrrrr", 5,
                              "state", rhead, BS_NO_FIGURE, "notices", "share of all");
        size_t k = 0;
        for (size_t i = 0; i < rs->n_rows; i++) {
            const breach_region_row *row = &rs->rows[i];
            if (!us_state(row->region, &usps))
                continue;
            mv[k].usps = usps;
            mv[k].value = (double)row->total.point;
            tips[k] = bs_xasprintf("%s: %s residents (%s) in %s %s",
                                   breach_region_name(row->region), T(&row->total), runit,
                                   U(row->n_incidents),
                                   row->n_incidents == 1 ? "notice" : "notices");
            mv[k].tooltip = tips[k];
            k++;
            rrow(t, breach_region_name(row->region), T(&row->total), NF(&row->total),
                 U(row->n_incidents), P(row->share));
        }
        no_figure_column(s, t, 2);
        char msub[160];
        snprintf(msub, sizeof msub,
                 "Sum of the state counts in the notices' breakdowns (%s; a tile per state)",
                 runit);
        bs_buf svg[BS_LAYOUTS];
        bs_chart_text ct = chart_text(
            B, "map", "Residents affected per state", msub,
            "A tile-grid map of the United States: each state's tile is shaded by the number "
            "of its residents counted in notices' breakdowns; states without a figure are "
            "outlined.",
            NULL, NULL);
        for (int l = 0; l < BS_LAYOUTS; l++) {
            bs_buf_init(&svg[l]);
            bs_chart_us_map(&svg[l], (bs_layout)l, &ct, mv, k, bs_tick_short, "residents");
        }
        char alt[256];
        snprintf(alt, sizeof alt, "Map of residents affected per state: %s residents (%s) in "
                                  "%zu %s; its table lists them.",
                 T(&rs->all_regions), runit, k, k == 1 ? "state" : "states");
        figure(s, "map", svg, alt, t);
        for (size_t i = 0; i < k; i++)
            free(tips[i]);
        free(tips);
        free(mv);

        if (B->pop) {
            breach_percapita *pc = breach_percapita_compute(rs, B->pop, &e);
            if (!pc) {
                breach_region_shares_free(rs);
                return bs_stat_failed("rates per 100,000", &e);
            }
            para(s, "The rate map shows residents affected per 100,000, from notices that give "
                    "residence breakdowns (%s of %s): each state's residents counted in "
                    "those breakdowns over its population. Notices without a breakdown are not "
                    "in any rate: the state of an organisation is not where the people it "
                    "notified live.",
                 U(rs->n_with_breakdown), N(rs->n_incidents, "notice", "notices"));
            rate_map(B, s, pc, "Residents affected per 100,000 residents",
                     "Residents affected per 100,000, from notices that give residence "
                     "breakdowns",
                     "residents counted in breakdowns per 100,000 of its population", "residents");
            breach_percapita_free(pc);
        } else {
            note(s, "Rates per 100,000 residents need population estimates: breachstat report "
                    "--population FILE (the Census Bureau's NST-EST layout).");
        }
    } else {
        /* no breakdowns (HHS, VCDB): where the organisations are, said as such */
        breach_counts_options o;
        breach_counts_options_init(&o);
        o.dimension = BREACH_DIM_REGION;
        o.min_n_report = 0;
        o.force = true;
        breach_counts *c = breach_counts_compute(B->ctx->ds, &B->ctx->filter, &o, &e);
        size_t n_states = 0;
        for (size_t i = 0; c && i < c->n_rows; i++)
            n_states += !c->rows[i].unknown && c->rows[i].count &&
                        us_state((breach_region)c->rows[i].level, &usps);
        /* no residents here: the section is about where the organisations are */
        free(s->heading);
        s->heading = bs_xstrdup("Where the organisations are");
        /* what the counts count: "Records exposed" for VCDB, never "people" */
        int cu = c ? c->unit : BREACH_UNIT_INDIVIDUALS;
        const char *cun = bs_unit_name(cu);
        const char *what = cu == BREACH_UNIT_RECORDS    ? "Records exposed"
                           : cu == BREACH_UNIT_ACCOUNTS ? "Accounts affected"
                                                        : "Individuals affected";
        char whats[64];
        snprintf(whats, sizeof whats, "%s", what);
        whats[0] = (char)(whats[0] - 'A' + 'a'); /* "records exposed" in sentences */
        if (!c || n_states == 0) {
            para(s, "No notice in these data gives a breakdown by state of residence, and none "
                    "names a US state for its organisation: there is no map to draw.");
        } else {
            para(s, "No notice in these data gives a breakdown by state of residence. The map "
                    "shows instead the %s in notices of organisations located in each state: "
                    "where the organisation is, not where anyone lives.",
                 whats);
            if (c->n_other_units)
                para(s, "%s counted in other units than %s %s left out of the map: units are "
                        "never added.",
                     N(c->n_other_units, "notice", "notices"), cun,
                     c->n_other_units == 1 ? "is" : "are");
            bs_map_value *mv = bs_xcalloc(n_states, sizeof *mv);
            char **tips = bs_xcalloc(n_states, sizeof *tips);
            char tcap[128];
            snprintf(tcap, sizeof tcap, "%s, by organisation's state (the map's data)", what);
            bs_rtable *t = rtable(tcap, "lrrr", 4, "state", "notices", whats, BS_NO_FIGURE);
            size_t k = 0;
            for (size_t i = 0; i < c->n_rows; i++) {
                const breach_count_row *row = &c->rows[i];
                if (row->unknown || !row->count || !us_state((breach_region)row->level, &usps))
                    continue;
                mv[k].usps = usps;
                mv[k].value = (double)row->affected.point;
                tips[k] = bs_xasprintf("%s: %s %s in %s of organisations there",
                                       breach_region_name((breach_region)row->level),
                                       T(&row->affected), cun, N(row->count, "notice", "notices"));
                mv[k].tooltip = tips[k];
                k++;
                rrow(t, breach_region_name((breach_region)row->level), U(row->count),
                     T(&row->affected), NF(&row->affected));
            }
            no_figure_column(s, t, 3);
            char mtitle[96], msub[160], mdesc[240], malt[200];
            snprintf(mtitle, sizeof mtitle, "%s, by organisation's state", what);
            snprintf(msub, sizeof msub,
                     "%s in notices of organisations located in each state (not residents)",
                     what);
            snprintf(mdesc, sizeof mdesc,
                     "A tile-grid map of the United States: each state's tile is shaded by the "
                     "%s in notices of organisations located there.",
                     whats);
            snprintf(malt, sizeof malt,
                     "Map of %s by the state where the organisation is; its table lists them.",
                     whats);
            bs_buf svg[BS_LAYOUTS];
            bs_chart_text ct = chart_text(B, "map", mtitle, msub, mdesc, NULL, NULL);
            for (int l = 0; l < BS_LAYOUTS; l++) {
                bs_buf_init(&svg[l]);
                bs_chart_us_map(&svg[l], (bs_layout)l, &ct, mv, k, bs_tick_short, cun);
            }
            figure(s, "map", svg, malt, t);
            for (size_t i = 0; i < k; i++)
                free(tips[i]);
            free(tips);
            free(mv);
        }
        breach_counts_free(c);
        if (B->pop)
            para(s, "No rate per 100,000 residents can be given: a rate of residents affected "
                    "needs notices that give residence breakdowns, and none of these does. The "
                    "people in notices of organisations located in a state are not its "
                    "residents, so they are not divided by its population.");
    }

    /* each notice's share by state: the figures of the story (Maine 0.3729 %) */
    breach_notice_shares *ns = breach_notice_shares_compute(B->ctx->ds, &B->ctx->filter, NULL, 0, &e);
    if (!ns) {
        breach_region_shares_free(rs);
        return bs_stat_failed("each notice's shares", &e);
    }
    bs_rtable *st = rtable("Share of each notice's people by state", "lnlnrrr", 7, "organisation",
                           "notice", "state", "id", "residents", "affected", "share");
    size_t rows = 0;
    for (size_t k = 0; k < ns->n_rows; k++) {
        const breach_share *sh = &ns->rows[k].share;
        breach_incident inc;
        if (breach_dataset_get(B->ctx->ds, ns->rows[k].index, &inc, NULL) != BREACH_OK)
            continue;
        if (rows++ >= MAX_ROWS) {
            st->more++;
            continue;
        }
        rrow(st, inc.entity ? inc.entity : "", D(inc.reported), breach_region_name(sh->region),
             inc.id ? inc.id : "", C(sh->part), C(sh->whole), P(sh->share));
    }
    breach_notice_shares_free(ns);
    if (rows) {
        table(s, st);
        if (st->more)
            note(s, "%s more: breachstat share --csv lists them all.", N(st->more, "row", "rows"));
    } else {
        rtable_free(st);
    }
    breach_region_shares_free(rs);
    return BS_EXIT_OK;
}

/* ------------------------------------------------------------------ cross-source shares */

/* Only when the selected notices hold links (a state list's residents and another
 * source's totals of the same organisation): the table of 'breachstat links'. */
static int links_section(build *B)
{
    breach_error e;
    breach_link_options o;
    breach_link_options_init(&o);
    breach_filter f = B->ctx->filter;
    if (B->ctx->date_field >= 0)
        o.date_field = B->ctx->date_field;
    else
        f.date_field = o.date_field;
    breach_links *l = breach_links_compute(B->ctx->ds, &f, &o, &e);
    if (!l)
        return bs_stat_failed("cross-source links", &e);
    if (!l->n_links) {
        breach_links_free(l);
        return BS_EXIT_OK;
    }
    bs_section *s = section(B->r, "links", "Cross-source shares");
    para(s, "%s of %s that give residents of a state but no total %s linked to the "
            "notices of the same organisation (by entity key) that give totals, dated within "
            "%s on %s dates; the totals in the window are added up (HHS files one row per "
            "client of a business associate). The share is the state's residents over that "
            "total, with bounds when a figure is a bound.",
         U(l->n_linked), N(l->n_regional, "notice", "notices"), l->n_linked == 1 ? "is" : "are",
         N((uint64_t)o.window_days, "day", "days"), bs_date_field_name(o.date_field));
    if (l->n_inconsistent)
        para(s, "%s inconsistent: the state's count is above the linked total, probably "
                "another incident or a different count basis, so no share is given.",
             N(l->n_inconsistent, "link is", "links are"));
    bs_rtable *t = rtable("Cross-source shares", "lnlnrrrrrrrrll", 14, "organisation", "notice",
                          "state", "id", "residents", "linked total", BS_NO_FIGURE, "share",
                          "min", "max", "days", "notices", "inconsistent", "reason");
    size_t rows = 0;
    for (size_t k = 0; k < l->n_links; k++) {
        const breach_link *lk = &l->links[k];
        breach_incident inc;
        if (breach_dataset_get(B->ctx->ds, lk->regional, &inc, NULL) != BREACH_OK)
            continue;
        for (size_t j = 0; j < inc.n_regions; j++) {
            breach_share sh;
            int rc = breach_link_region_share(B->ctx->ds, lk, inc.regions[j].region, &sh, &e);
            if (rc != BREACH_OK && rc != BREACH_EINCONSISTENT) {
                rtable_free(t);
                breach_links_free(l);
                return bs_stat_failed("linked share", &e);
            }
            if (rows++ >= MAX_ROWS) {
                t->more++;
                continue;
            }
            char days[64];
            if (lk->days_min == lk->days_max)
                snprintf(days, sizeof days, "%d", (int)lk->days_min);
            else
                snprintf(days, sizeof days, "%d to %d", (int)lk->days_min, (int)lk->days_max);
            bool bad = rc == BREACH_EINCONSISTENT;
            rrow(t, inc.entity ? NM(inc.entity) : "", D(inc.reported),
                 breach_region_name(inc.regions[j].region), inc.id ? inc.id : "", C(sh.part),
                 T(&lk->total), NF(&lk->total), bad ? "none" : P(sh.share), bad ? "" : P(sh.share_min),
                 bad ? "" : P(sh.share_max), days, U(lk->n_totals), bad ? "yes" : "no",
                 lk->reason);
        }
    }
    no_figure_column(s, t, 6);
    table(s, t);
    if (t->more)
        note(s, "%s more: breachstat links --csv lists them all.", N(t->more, "row", "rows"));
    note(s, "Names are compared by entity key, which only folds spelling (\"CHSPSC, LLC\" is "
            "not linked to its long HHS name); only counts of people link.");
    breach_links_free(l);
    return BS_EXIT_OK;
}

/* ------------------------------------------------------------------ supply chain */

typedef struct vendor_result {
    const char *name;
    breach_supply_chain *sc;
    bool charted; /* in the chart's unit, with a count: a curve that rises */
} vendor_result;

/* Vendors in the chart's unit first (one axis, one unit), then by their total's lower
 * bound. */
static int cmp_vendor(const void *a, const void *b)
{
    const vendor_result *x = a, *y = b;
    if (x->charted != y->charted)
        return x->charted ? -1 : 1;
    uint64_t lx = x->sc->individuals.lower, ly = y->sc->individuals.lower;
    if (lx != ly)
        return lx > ly ? -1 : 1;
    return strcmp(x->name, y->name);
}

static int supply_section(build *B)
{
    bs_section *s = section(B->r, "supply-chain", "Supply-chain campaigns");
    const char **names;
    size_t nv = bs_list_vendors(B->ctx->ds, &B->ctx->filter, &names);
    if (nv == 0) {
        para(s, "No notice in these data names a supply-chain vendor or campaign.");
        free(names);
        return BS_EXIT_OK;
    }
    vendor_result *v = bs_xcalloc(nv, sizeof *v);
    for (size_t i = 0; i < nv; i++) {
        breach_error e;
        v[i].name = names[i];
        v[i].sc = breach_supply_chain_compute(B->ctx->ds, names[i], &B->ctx->filter, &e);
        if (!v[i].sc) {
            for (size_t k = 0; k < i; k++)
                breach_supply_chain_free(v[k].sc);
            free(v);
            free(names);
            return bs_stat_failed("supply-chain totals", &e);
        }
    }
    /* the chart's unit: the one most vendors' totals are in (ties to individuals first) */
    uint64_t per_unit[BREACH_UNIT_COUNT_] = {0};
    for (size_t i = 0; i < nv; i++)
        per_unit[v[i].sc->unit]++;
    int cu = 0;
    for (int u = 1; u < BREACH_UNIT_COUNT_; u++)
        cu = per_unit[u] > per_unit[cu] ? u : cu;
    const char *cun = bs_unit_name(cu);
    /* a vendor or campaign whose notices give no count in the unit would draw a flat line
       at zero (VCDB campaigns): in the table, not on the chart */
    size_t ncharted = 0, ncountless = 0;
    for (size_t i = 0; i < nv; i++) {
        const breach_total *t = &v[i].sc->individuals;
        int counts = t->lower > 0 || (!t->upper_unbounded && t->upper > 0);
        v[i].charted = v[i].sc->unit == cu && counts;
        ncharted += v[i].charted;
        ncountless += v[i].sc->unit == cu && !counts;
    }
    qsort(v, nv, sizeof *v, cmp_vendor);
    para(s, "%s %s named in these notices. An organisation is counted once per vendor, with "
            "its latest revised figure; a notice filed via another member (the same people may "
            "be in both) enters the upper bound only. Each vendor's total is in one unit; "
            "members counted in another are listed apart, never added.",
         U(nv), nv == 1 ? "vendor or campaign is" : "vendors or campaigns are");
    size_t nplot = ncharted < MAX_CURVES ? ncharted : MAX_CURVES;
    if (per_unit[cu] < nv)
        note(s, "The chart draws the %s whose totals are in %s; %s in other units "
                "%s in the table only.",
             N(per_unit[cu], "vendor", "vendors"), cun, N(nv - per_unit[cu], "vendor", "vendors"),
             nv - per_unit[cu] == 1 ? "is" : "are");
    if (ncountless)
        note(s, "%s no count of %s: %s in the table, not on the chart (a curve of no count "
                "is not a curve).",
             N(ncountless, "vendor or campaign gives", "vendors or campaigns give"), cun,
             ncountless == 1 ? "it is" : "they are");
    if (nplot == 0) {
        para(s, "No vendor's or campaign's notices give a count of %s: there is no curve to "
                "draw.",
             cun);
        goto table_only;
    }
    bs_series *ser = bs_xcalloc(nplot, sizeof *ser);
    char **legends = bs_xcalloc(nplot, sizeof *legends);
    bs_rtable *ct;
    if (nplot == 1) {
        char cap[300];
        snprintf(cap, sizeof cap, "%s: organisations and %s known by each notice "
                                  "date (the chart's data)",
                 v[0].sc->vendor, cun);
        ct = rtable(cap, "nrrr", 4, "date", "organisations", "at least", "at most");
    } else {
        char cap[200];
        snprintf(cap, sizeof cap,
                 "Organisations and %s known by each notice date (the chart's data)", cun);
        ct = rtable(cap, "lnrrr", 5, "vendor", "date", "organisations", "at least", "at most");
    }
    size_t crow = 0;
    for (size_t i = 0; i < nplot; i++) {
        const breach_supply_chain *sc = v[i].sc;
        para(s, "%s: %s, %s (%s superseded by a revision), %s %s%s.", NM(sc->vendor),
             N(sc->n_organisations, "organisation", "organisations"),
             N(sc->n_notices, "notice", "notices"), U(sc->n_superseded), T(&sc->individuals),
             bs_unit_name(sc->unit), WO(&sc->individuals, "notice counted", "notices counted"));
        if (sc->n_other_units)
            para(s, "%s: %s counted in other units, apart from that total.", NM(sc->vendor),
                 N(sc->n_other_units, "member", "members"));
        for (size_t k = 0; k < sc->n_members; k++) {
            if (sc->members[k].role != BREACH_MEMBER_POSSIBLE_DOUBLE)
                continue;
            breach_incident inc;
            const char *via = breach_dataset_get(B->ctx->ds, sc->members[k].index, &inc, NULL) ==
                                      BREACH_OK
                                  ? inc.via
                                  : NULL;
            para(s, "%s: possible double report, in the upper bound only: %s%s%s (%s).",
                 NM(sc->vendor), NM(sc->members[k].entity), via ? " via " : "", via ? NM(via) : "",
                 C(sc->members[k].affected));
        }
        if (sc->n_undated) /* the curve's last point is then not the total (its bounds) */
            para(s, "%s: %s without a notice date, in the total but not on the curve, whose "
                    "bounds are those of the dated members.",
                 NM(sc->vendor), N(sc->n_undated, "member", "members"));
        int32_t *days = bs_xcalloc(sc->n_points + 1, sizeof *days);
        double *vals = bs_xcalloc(sc->n_points + 1, sizeof *vals);
        for (size_t k = 0; k < sc->n_points; k++) {
            days[k] = sc->curve[k].date.day;
            vals[k] = (double)sc->curve[k].lower;
            const char *upper = sc->curve[k].upper_unbounded ? "no bound" : U(sc->curve[k].upper);
            if (crow++ >= MAX_ROWS * 2)
                ct->more++;
            else if (nplot == 1)
                rrow(ct, D(sc->curve[k].date), U(sc->curve[k].organisations),
                     U(sc->curve[k].lower), upper);
            else
                rrow(ct, sc->vendor, D(sc->curve[k].date), U(sc->curve[k].organisations),
                     U(sc->curve[k].lower), upper);
        }
        legends[i] = bs_xasprintf("%s: %s, %s %s", sc->vendor,
                                  N(sc->n_organisations, "organisation", "organisations"),
                                  T(&sc->individuals), cun);
        ser[i].name = sc->vendor;
        ser[i].legend = legends[i];
        ser[i].n = sc->n_points;
        ser[i].day = days;
        ser[i].value = vals;
    }
    char stitle[96], ssub[160], sdesc[300], sy[64];
    snprintf(stitle, sizeof stitle, "Supply-chain campaigns: cumulative %s", cun);
    snprintf(ssub, sizeof ssub, "Lower bound of the %s known by each notice date, per vendor",
             cun);
    snprintf(sdesc, sizeof sdesc,
             "Step curves, one per vendor or campaign, of the %s as known on each notice date: "
             "each notice raises the curve, a revision replaces the earlier figure.",
             cun);
    snprintf(sy, sizeof sy, "%s (lower bound)", cun);
    bs_buf svg[BS_LAYOUTS];
    bs_chart_text t = chart_text(B, "supply", stitle, ssub, sdesc, "notice date", sy);
    for (int l = 0; l < BS_LAYOUTS; l++) {
        bs_buf_init(&svg[l]);
        bs_chart_step_curves(&svg[l], (bs_layout)l, &t, ser, nplot);
    }
    char alt[256];
    snprintf(alt, sizeof alt, "Cumulative %s by notice date for %zu %s; its table lists every "
                              "point.",
             cun, nplot, nplot == 1 ? "vendor" : "vendors");
    figure(s, "supply", svg, alt, ct);
    for (size_t i = 0; i < nplot; i++) {
        free((void *)ser[i].day);
        free((void *)ser[i].value);
        free(legends[i]);
    }
    free(ser);
    free(legends);

table_only:;
    bs_rtable *vt = rtable("Vendors and campaigns", "lrrrrrlnn", 9, "vendor", "organisations",
                           "notices", "superseded", "total", BS_NO_FIGURE, "unit",
                           "first notice", "last notice");
    for (size_t i = 0; i < nv; i++) {
        const breach_supply_chain *sc = v[i].sc;
        if (i >= MAX_ROWS) {
            vt->more++;
            continue;
        }
        rrow(vt, sc->vendor, U(sc->n_organisations), U(sc->n_notices), U(sc->n_superseded),
             T(&sc->individuals), NF(&sc->individuals), bs_unit_name(sc->unit),
             sc->n_points ? D(sc->curve[0].date) : "undated",
             sc->n_points ? D(sc->curve[sc->n_points - 1].date) : "undated");
    }
    no_figure_column(s, vt, 5);
    table(s, vt);
    /* the organisations of the largest campaigns */
    for (size_t i = 0; i < nv && i < 3; i++) {
        const breach_supply_chain *sc = v[i].sc;
        char cap[300];
        snprintf(cap, sizeof cap, "Organisations hit through %s", sc->vendor);
        bs_rtable *mt = rtable(cap, "nlrll", 5, "notice", "organisation", "affected", "unit",
                               "counted");
        for (size_t k = 0; k < sc->n_members; k++) {
            const breach_supply_member *m = &sc->members[k];
            if (k >= MAX_ROWS) {
                mt->more++;
                continue;
            }
            char counted[64];
            snprintf(counted, sizeof counted, "%s%s",
                     m->role == BREACH_MEMBER_POSSIBLE_DOUBLE ? "upper bound only"
                     : m->role == BREACH_MEMBER_OTHER_UNIT    ? "apart (other unit)"
                                                              : "both bounds",
                     m->n_revisions ? ", revised" : "");
            rrow(mt, D(m->reported), m->entity, C(m->affected), bs_unit_name(m->unit), counted);
        }
        table(s, mt);
    }
    for (size_t i = 0; i < nv; i++)
        breach_supply_chain_free(v[i].sc);
    free(v);
    free(names);
    return BS_EXIT_OK;
}

/* ------------------------------------------------------------------ repeats */

static int cmp_interval_days(const void *a, const void *b)
{
    const breach_repeat_interval *x = *(const breach_repeat_interval *const *)a,
                                 *y = *(const breach_repeat_interval *const *)b;
    return (x->days > y->days) - (x->days < y->days);
}

static int repeats_section(build *B)
{
    breach_error e;
    bs_section *s = section(B->r, "repeats", "Organisations hit more than once");
    breach_repeats *rp = breach_repeats_compute(B->ctx->ds, &B->ctx->filter, NULL, &e);
    if (!rp)
        return bs_stat_failed("repeat intervals", &e);
    para(s, "Hit more than once: %s of %s with a dated notice (%s). "
            "Notices of one organisation on the same day, or for the same campaign, are one "
            "episode, and so are a business associate's filings (one per client) within %d days "
            "of the episode's first; an interval runs from one episode's event date (occurred, "
            "else discovered, else reported) to the next.",
         U(rp->n_repeat_entities), N(rp->n_entities, "organisation", "organisations"),
         P(rp->repeat_share), BREACH_ASSOCIATE_WINDOW_DEFAULT);
    const breach_repeat_interval **iv = bs_xcalloc(rp->n_intervals + 1, sizeof *iv);
    for (size_t i = 0; i < rp->n_intervals; i++)
        iv[i] = &rp->intervals[i];
    qsort(iv, rp->n_intervals, sizeof *iv, cmp_interval_days);
    for (size_t i = 0; rp->n_intervals <= 5 && i < rp->n_intervals; i++) {
        breach_incident x, y;
        if (breach_dataset_get(B->ctx->ds, iv[i]->first, &x, NULL) != BREACH_OK ||
            breach_dataset_get(B->ctx->ds, iv[i]->second, &y, NULL) != BREACH_OK)
            continue;
        para(s, "%s: %s from %s (%s) to %s (%s).", NM(x.entity ? x.entity : iv[i]->entity_key),
             N((uint64_t)iv[i]->days, "day", "days"), D(breach_incident_event_date(&x)),
             x.id ? x.id : "", D(breach_incident_event_date(&y)), y.id ? y.id : "");
    }
    if (rp->n_intervals > 1)
        para(s, "Across the %s: median %s days, quartiles %s and %s days, shortest "
                "%s, longest %s.",
             N(rp->n_intervals, "interval", "intervals"), R(rp->summary.median, 0), R(rp->summary.q1, 0),
             R(rp->summary.q3, 0), R(rp->summary.min, 0), R(rp->summary.max, 0));
    if (rp->n_intervals) {
        /* bins of a width that gives at most 24 bars */
        static const int widths[] = {7, 14, 30, 60, 90, 180, 365, 730, 1825, 3650};
        int32_t max = 0;
        for (size_t i = 0; i < rp->n_intervals; i++)
            max = rp->intervals[i].days > max ? rp->intervals[i].days : max;
        int w = widths[sizeof widths / sizeof widths[0] - 1];
        for (size_t i = 0; i < sizeof widths / sizeof widths[0]; i++)
            if (max / widths[i] + 1 <= 24) {
                w = widths[i];
                break;
            }
        size_t nb = (size_t)(max / w) + 1;
        bs_bar *bars = bs_xcalloc(nb, sizeof *bars);
        char **labels = bs_xcalloc(nb, sizeof *labels), **tips = bs_xcalloc(nb, sizeof *tips);
        for (size_t i = 0; i < rp->n_intervals; i++) {
            int32_t d = rp->intervals[i].days < 0 ? 0 : rp->intervals[i].days;
            bars[d / w].value += 1;
        }
        bs_rtable *t = rtable("Intervals per bin (the histogram's data)", "nr", 2, "days",
                              "intervals");
        for (size_t i = 0; i < nb; i++) {
            labels[i] = bs_xasprintf("%d", (int)i * w);
            tips[i] = bs_xasprintf("%d to %d days: %.0f", (int)i * w, (int)(i + 1) * w - 1,
                                   bars[i].value);
            bars[i].label = labels[i];
            bars[i].tooltip = tips[i];
            char range[64];
            snprintf(range, sizeof range, "%d\xe2\x80\x93%d", (int)i * w, (int)(i + 1) * w - 1);
            rrow(t, range, U((uint64_t)bars[i].value));
        }
        char sub[160];
        snprintf(sub, sizeof sub, "Days between consecutive episodes of one organisation "
                                  "(bins of %d %s)",
                 w, w == 1 ? "day" : "days");
        bs_buf svg[BS_LAYOUTS];
        bs_chart_text ct = chart_text(
            B, "repeats", "Repeat-victim intervals", sub,
            "A histogram of the days between consecutive breaches of the same organisation.",
            "days between episodes", "intervals");
        for (int l = 0; l < BS_LAYOUTS; l++) {
            bs_buf_init(&svg[l]);
            bs_chart_vbars(&svg[l], (bs_layout)l, &ct, bars, nb, nb > 12 ? 2 : 1, true);
        }
        char alt[200];
        snprintf(alt, sizeof alt, "Histogram of %zu repeat-victim %s in bins of %d %s; "
                                  "its table lists the bins.",
                 rp->n_intervals, rp->n_intervals == 1 ? "interval" : "intervals", w,
                 w == 1 ? "day" : "days");
        figure(s, "repeats", svg, alt, t);
        for (size_t i = 0; i < nb; i++) {
            free(labels[i]);
            free(tips[i]);
        }
        free(labels);
        free(tips);
        free(bars);

        bs_rtable *it = rtable("Intervals, shortest first", "lnnrr", 5, "organisation", "from",
                               "to", "days", "range (coarse dates)");
        for (size_t i = 0; i < rp->n_intervals; i++) {
            if (i >= MAX_ROWS) {
                it->more++;
                continue;
            }
            breach_incident x, y;
            if (breach_dataset_get(B->ctx->ds, iv[i]->first, &x, NULL) != BREACH_OK ||
                breach_dataset_get(B->ctx->ds, iv[i]->second, &y, NULL) != BREACH_OK)
                continue;
            char range[64] = "";
            if (iv[i]->days_min != iv[i]->days_max)
                snprintf(range, sizeof range, "%d to %d", (int)iv[i]->days_min,
                         (int)iv[i]->days_max);
            char days[32];
            snprintf(days, sizeof days, "%d", (int)iv[i]->days);
            rrow(it, x.entity ? x.entity : iv[i]->entity_key, D(breach_incident_event_date(&x)),
                 D(breach_incident_event_date(&y)), days, range);
        }
        table(s, it);
        if (it->more)
            note(s, "%s more: breachstat repeats --csv lists them all.",
                 N(it->more, "interval", "intervals"));
    } else {
        para(s, "No organisation appears in two episodes: there is no interval to draw.");
    }
    if (rp->n_undated || rp->n_unnamed)
        note(s, "Left out: %s without a date, %s without an organisation name.",
             N(rp->n_undated, "notice", "notices"), U(rp->n_unnamed));
    free(iv);
    breach_repeats_free(rp);
    return BS_EXIT_OK;
}

/* ------------------------------------------------------------------ categories */

static int categories_section(build *B)
{
    breach_error e;
    bs_section *s = section(B->r, "categories", "What data was exposed");
    breach_counts_options o;
    breach_counts_options_init(&o);
    o.dimension = BREACH_DIM_CATEGORY;
    o.min_n_report = 0; /* counts are shown for any n; shares follow the min_n rule */
    breach_counts *c = breach_counts_compute(B->ctx->ds, &B->ctx->filter, &o, &e);
    if (!c)
        return bs_stat_failed("category counts", &e);
    if (c->n == 0) {
        para(s, "None of these %s names the kinds of data exposed: there are no categories to "
                "count.",
             N(c->n_incidents, "notice", "notices"));
        breach_counts_free(c);
        return BS_EXIT_OK;
    }
    para(s, "%s, %s of them naming the kinds of data exposed. A notice counts once in each "
            "category it names, so the shares need not add up to 100 %%.",
         N(c->n_incidents, "notice", "notices"), U(c->n));
    twice_paras(s, B->two_formats, true, -1);
    char *recorded = bs_recorded_note(B->ctx, c); /* not recorded is not 0 */
    if (recorded)
        para(s, "%c%s", toupper((unsigned char)recorded[0]), recorded + 1);
    free(recorded);
    if (c->status == BREACH_COUNTS_SMALL_N)
        para(s, "With fewer than %u notices naming their data, shares and their intervals are "
                "not given (the DBIR's small-sample rule): counts only.",
             o.min_n);
    else if (c->status == BREACH_COUNTS_SUPPRESSED)
        para(s, "With fewer than %u notices naming their data, nothing is shown.", o.min_n_report);
    if (c->status != BREACH_COUNTS_SUPPRESSED) {
        bs_hbar *bars = bs_xcalloc(c->n_rows + 1, sizeof *bars);
        char **texts = bs_xcalloc(c->n_rows + 1, sizeof *texts);
        char **tips = bs_xcalloc(c->n_rows + 1, sizeof *tips);
        size_t nb = 0;
        bs_rtable *t = rtable("Notices per data category (the chart's data)", "lrrr", 4,
                              "category", "notices", "share", "95 % interval");
        for (size_t i = 0; i < c->n_rows; i++) {
            const breach_count_row *row = &c->rows[i];
            if (row->count == 0)
                continue;
            bool has_p = !isnan(row->proportion);
            char ci[96] = "";
            if (has_p && !isnan(row->lo))
                snprintf(ci, sizeof ci, "%.1f\xe2\x80\x93%.1f %%", 100 * row->lo, 100 * row->hi);
            rrow(t, row->label, U(row->count), has_p ? P(row->proportion) : "", ci);
            if (row->unknown) /* in the table, not the chart: it is not part of n */
                continue;
            texts[nb] = has_p ? bs_xasprintf("%s (%s)", U(row->count), P(row->proportion))
                              : bs_xasprintf("%s", U(row->count));
            tips[nb] = bs_xasprintf("%s: %s", row->label, N(row->count, "notice", "notices"));
            bars[nb].label = row->label;
            bars[nb].value = (double)row->count;
            bars[nb].value_text = texts[nb];
            bars[nb].muted = row->unknown;
            bars[nb].tooltip = tips[nb];
            nb++;
        }
        bs_buf svg[BS_LAYOUTS];
        bs_chart_text ct = chart_text(
            B, "categories", "Data categories exposed",
            "Notices naming each category of data (a notice may name several)",
            "Horizontal bars: the number of notices naming each category of data (notices "
            "that name none are counted in the table as unknown).",
            "notices", NULL);
        for (int l = 0; l < BS_LAYOUTS; l++) {
            bs_buf_init(&svg[l]);
            bs_chart_hbars(&svg[l], (bs_layout)l, &ct, bars, nb);
        }
        figure(s, "categories", svg,
               "Bar chart of notices per data category; its table lists the counts.",
               t);
        for (size_t i = 0; i < nb; i++) {
            free(texts[i]);
            free(tips[i]);
        }
        free(texts);
        free(tips);
        free(bars);
    }
    breach_counts_free(c);
    return BS_EXIT_OK;
}

/* ------------------------------------------------------------------ sizes */

static int sizes_section(build *B)
{
    breach_error e;
    bs_section *s = section(B->r, "sizes", "How large breaches are");
    breach_sizes *z = breach_sizes_compute(B->ctx->ds, &B->ctx->filter, &e);
    if (!z)
        return bs_stat_failed("breach sizes", &e);
    const char *unit = bs_unit_name(z->unit); /* one unit: the others are left out */
    if (z->n == 0) {
        para(s, "No notice in these data gives an exact or estimated size in %s.", unit);
        breach_sizes_free(z);
        return BS_EXIT_OK;
    }
    para(s, "%s a size (%s): median %s, half of them between %s and %s, the "
            "largest %s.",
         N(z->n, "notice gives", "notices give"), unit, SZ(z, MEDIAN, median), SZ(z, Q1, q1), SZ(z, Q3, q3), SZ(z, MAX, max));
    if (z->n_at_least + z->n_at_most)
        para(s, "%s only \"at least\" or \"at most\": %s, left out of "
                "the quantiles and used as censored values by the log-normal fit.",
             N(z->n_at_least + z->n_at_most, "notice says", "notices say"),
             z->n_at_least + z->n_at_most == 1 ? "it is a bound" : "they are bounds");
    if (z->n_unknown)
        para(s, "%s no figure and %s left out.", N(z->n_unknown, "notice gives", "notices give"),
             z->n_unknown == 1 ? "is" : "are");
    twice_paras(s, B->two_formats, false, z->unit);
    if (z->n_other_units)
        para(s, "Sizes are in %s only: %s counted in other units %s left out, not mixed in "
                "(breachstat sizes --unit shows them).",
             unit, N(z->n_other_units, "notice", "notices"), z->n_other_units == 1 ? "is" : "are");

    /* the log-normal fit's CCDF over the plotted range, when it can be fitted */
    breach_lognormal_options lo;
    breach_lognormal_options_init(&lo);
    breach_lognormal *ln = breach_lognormal_fit(z, &lo, NULL);
    double fx[120], fp[120];
    size_t nf = 0;
    char fit_name[160] = "";
    if (ln && ln->sigma.estimate > 0) {
        double a = log10(z->min > 0 ? z->min : 1) - 1, b = log10(z->max) + 1;
        for (size_t i = 0; i < 120; i++) {
            double x = pow(10, a + (b - a) * (double)i / 119);
            fx[nf] = x;
            fp[nf] = 0.5 * erfc((log(x) - ln->mu.estimate) / (ln->sigma.estimate * sqrt(2)));
            nf++;
        }
        snprintf(fit_name, sizeof fit_name, "log-normal fit (exp(mu) %s, sigma %.2f)",
                 bs_fmt_short(ln->median.estimate, (char[BS_NUM]){0}, BS_NUM), ln->sigma.estimate);
    }
    bs_rtable *t = rtable("Breach sizes (the chart's summary)", "lr", 2, "statistic", unit);
    rrow(t, "notices with a size", U(z->n));
    rrow(t, "smallest", SZ(z, MIN, min));
    rrow(t, "first quartile", SZ(z, Q1, q1));
    rrow(t, "median", SZ(z, MEDIAN, median));
    rrow(t, "third quartile", SZ(z, Q3, q3));
    rrow(t, "90th percentile", SZ(z, P90, p90));
    rrow(t, "largest", SZ(z, MAX, max));
    rrow(t, "mean", R(z->mean, 0));
    rrow(t, "geometric mean", R(z->geomean, 0));
    if (ln) {
        rrow(t, "log-normal fit: exp(mu), its median (not the sizes')", R(ln->median.estimate, 0));
        char ci[96];
        snprintf(ci, sizeof ci, "%s to %s", R(ln->median.lo, 0), R(ln->median.hi, 0));
        rrow(t, "  95 % interval", ci);
        rrow(t, "log-normal sigma (fit)", R(ln->sigma.estimate, 3));
    }
    char sub[200];
    snprintf(sub, sizeof sub, "Share of notices of each size or more (%s), both axes logarithmic",
             unit);
    char ztitle[96];
    snprintf(ztitle, sizeof ztitle, "Breach-size distribution (%s)", unit);
    bs_buf svg[BS_LAYOUTS];
    bs_chart_text ct = chart_text(
        B, "sizes", ztitle, sub,
        "A log-log plot of the complementary cumulative distribution of breach sizes: for each "
        "size, the share of notices at least that large; a straight tail suggests a power law.",
        unit, "share of notices this size or more");
    for (int l = 0; l < BS_LAYOUTS; l++) {
        bs_buf_init(&svg[l]);
        bs_chart_ccdf(&svg[l], (bs_layout)l, &ct, z->ccdf_x, z->ccdf_p, z->n_ccdf, fx, fp, nf,
                      nf ? fit_name : NULL);
    }
    figure(s, "sizes", svg,
           "Log-log plot of the share of notices of each size or more; its table gives "
           "the quantiles.",
           t);
    if (ln && ln->n_right_censored + ln->n_left_censored)
        note(s, "The log-normal fit uses %s \"at least\" / \"at most\" figures as censored "
                "observations.",
             U(ln->n_right_censored + ln->n_left_censored));
    breach_lognormal_free(ln);
    breach_sizes_free(z);
    return BS_EXIT_OK;
}

/* ------------------------------------------------------------------ timeline */

static int timeline_section(build *B)
{
    breach_error e;
    bs_section *s = section(B->r, "timeline", "Notices over time");
    breach_timeseries_options o;
    breach_timeseries_options_init(&o);
    /* by the filing date, or with --from/--to by their date, which then bounds the series:
       a series by another date would list the periods the range removed as periods of 0 */
    const breach_filter *f = &B->ctx->filter;
    bool ranged = breach_date_is_known(f->from) || breach_date_is_known(f->to);
    o.date_field = ranged ? f->date_field : BREACH_FIELD_REPORTED;
    breach_timeseries *ts = breach_timeseries_compute(B->ctx->ds, &B->ctx->filter, &o, &e);
    if (!ts)
        return bs_stat_failed("time series", &e);
    if (ts->n_periods > 36) {
        breach_timeseries_free(ts);
        o.period = BREACH_PERIOD_YEAR;
        ts = breach_timeseries_compute(B->ctx->ds, &B->ctx->filter, &o, &e);
        if (!ts)
            return bs_stat_failed("time series", &e);
    }
    bool yearly = o.period == BREACH_PERIOD_YEAR;
    const char *field = bs_date_field_name(o.date_field);
    para(s, "%s of %s counted by %s date; per %s, empty %ss included%s.", U(ts->n_counted),
         N(ts->n_incidents, "notice", "notices"), field, yearly ? "year" : "month",
         yearly ? "year" : "month", ranged ? ", within --from/--to only" : "");
    if (ts->n_partial) {
        char a[16], b[16];
        breach_date_format(ts->span_first, a, sizeof a);
        breach_date_format(ts->span_last, b, sizeof b);
        para(s, "The data cover %s to %s: the first or last %s, covered only in part, is drawn "
                "lighter (a partial period is not a low one).",
             a, b, yearly ? "year" : "month");
    }
    if (ts->n_truncated) {
        char a[16] = "?", b[16] = "?";
        breach_date_format(ts->reported_first, a, sizeof a);
        breach_date_format(ts->reported_last, b, sizeof b);
        char lag[96] = "an unknown reporting lag (fewer than 20 notices with both dates)";
        if (ts->lag_days >= 0)
            snprintf(lag, sizeof lag, "the reporting lag (%d days: 90th percentile of %s delays)",
                     (int)ts->lag_days, U(ts->n_delays));
        para(s, "%s not observed in full, drawn lighter too: the lists hold a breach only once "
                "it is reported (from %s to %s), so a %s that began before the first report, "
                "or ended less than %s before the last, holds fewer notices than breaches "
                "happened.",
             N(ts->n_truncated, yearly ? "year is" : "month is", yearly ? "years are" : "months are"),
             a, b, yearly ? "year" : "month", lag);
    }
    twice_paras(s, &ts->two_formats, true, ts->unit);
    /* the periods the data cover: a range's periods beyond them (before the first or after
       the last dated notice) have no data, which a bar of 0 would show as a period without
       breaches (timeline writes "no data" there) */
    size_t lo = 0, hi = ts->n_periods;
    while (lo < hi && !ts->periods[lo].covered_days)
        lo++;
    while (hi > lo && !ts->periods[hi - 1].covered_days)
        hi--;
    if (lo > 0 || hi < ts->n_periods)
        para(s, "%s of --from/--to outside the days the data cover %s not shown: no data, not "
                "%s without breaches.",
             N(ts->n_periods - (hi - lo), yearly ? "year" : "month", yearly ? "years" : "months"),
             ts->n_periods - (hi - lo) == 1 ? "is" : "are", yearly ? "years" : "months");
    if (lo == hi) {
        breach_timeseries_free(ts);
        return BS_EXIT_OK;
    }
    bs_bar *bars = bs_xcalloc(ts->n_periods, sizeof *bars);
    char **labels = bs_xcalloc(ts->n_periods, sizeof *labels);
    char **tips = bs_xcalloc(ts->n_periods, sizeof *tips);
    char affected_label[64];
    snprintf(affected_label, sizeof affected_label, "affected (%s)",
             breach_unit_name((breach_unit)ts->unit));
    bs_rtable *t = rtable("Notices per period (the chart's data)", "nrrrr", 5,
                          yearly ? "year" : "month", "days covered", "notices", affected_label,
                          BS_NO_FIGURE);
    for (size_t i = lo; i < hi; i++) {
        const breach_period_count *p = &ts->periods[i];
        int y, m, d;
        breach_date_to_ymd(p->start, &y, &m, &d);
        labels[i] = yearly ? bs_xasprintf("%04d", y) : bs_xasprintf("%04d-%02d", y, m);
        tips[i] = p->partial ? bs_xasprintf("%s: %s (partial: %d of %d days covered)",
                                            labels[i], N(p->n_incidents, "notice", "notices"),
                                            (int)p->covered_days, (int)p->days)
                  : p->truncated ? bs_xasprintf("%s: %s (not observed in full)", labels[i],
                                                N(p->n_incidents, "notice", "notices"))
                             : bs_xasprintf("%s: %s", labels[i], N(p->n_incidents, "notice", "notices"));
        bars[i].label = labels[i];
        bars[i].value = (double)p->n_incidents;
        bars[i].tooltip = tips[i];
        bars[i].partial = p->partial || p->truncated; /* seen in part either way */
        char cov[40];
        snprintf(cov, sizeof cov,
                 p->partial ? "%d of %d (partial)" : p->truncated ? "%d (not observed in full)" : "%d",
                 (int)p->covered_days, (int)p->days);
        bool counted = p->by_unit[ts->unit].n;
        rrow(t, labels[i], cov, U(p->n_incidents), counted ? T(&p->affected) : "not counted",
             counted ? NF(&p->affected) : "");
    }
    no_figure_column(s, t, 4);
    char sub_by_date[64];
    snprintf(sub_by_date, sizeof sub_by_date, "Notices by %s date", field);
    bs_buf svg[BS_LAYOUTS];
    bs_chart_text ct = chart_text(B, "timeline", yearly ? "Notices per year" : "Notices per month",
                                  o.date_field == BREACH_FIELD_REPORTED
                                      ? "Notices by the date they were filed (reported date)"
                                      : sub_by_date,
                                  "Vertical bars: the number of notices filed in each period.",
                                  yearly ? "year of the notice" : "month of the notice",
                                  "notices");
    size_t shown = hi - lo, every = shown > 12 ? (shown + 11) / 12 : 1;
    for (int l = 0; l < BS_LAYOUTS; l++) {
        bs_buf_init(&svg[l]);
        bs_chart_vbars(&svg[l], (bs_layout)l, &ct, bars + lo, shown, every, false);
    }
    figure(s, "timeline", svg,
           "Bar chart of notices per period; its table lists the counts.", t);
    for (size_t i = 0; i < ts->n_periods; i++) {
        free(labels[i]);
        free(tips[i]);
    }
    free(labels);
    free(tips);
    free(bars);
    breach_timeseries_free(ts);
    return BS_EXIT_OK;
}

/* ------------------------------------------------------------------ data and method */

static void data_section(build *B)
{
    bs_section *s = section(B->r, "data", "Data and method");
    /* provenance: each input as the library read it, so that a reader can check the figures
       against the very files (SHA-256) */
    bs_rtable *t = rtable("Input files", "lnrrrrrnrn", 10, "file", "format", "rows read",
                          "loaded", "rejected", "warnings", "left out as listed again",
                          "latest notice", "bytes", "SHA-256");
    for (size_t k = 0; k < B->ctx->n_inputs; k++) {
        const bs_input *in = &B->ctx->inputs[k];
        breach_input_info info;
        bool have = in->input >= 0 &&
                    breach_dataset_input(B->ctx->ds, (size_t)in->input, &info, NULL) == BREACH_OK;
        rrow(t, in->name, in->format_used ? in->format_used : "", U(in->rows_read),
             U(in->rows_loaded), U(in->rows_rejected), U(in->warnings),
             have ? U(info.n_dropped) : "", have ? D(info.as_of) : "", have ? U(info.size) : "",
             have ? info.sha256 : "");
    }
    table(s, t);
    size_t no = breach_dataset_n_overlaps(B->ctx->ds);
    if (no) {
        bs_rtable *ot = rtable("Notices listed by two inputs: counted once, from the newer",
                               "llr", 3, "left out from", "listed again by", "notices");
        for (size_t i = 0; i < no; i++) {
            breach_overlap ov;
            breach_input_info a, b;
            if (bs_overlap_get(B->ctx->ds, i, &ov, &a, &b))
                rrow(ot, a.name, b.name, U(ov.n));
        }
        table(s, ot);
        para(s, "A notice that two inputs list (two snapshots of one list, or one file given "
                "twice) is counted once, from the newer input: by organisation, state and "
                "submission date for the HHS portal (a notice renamed between snapshots by "
                "state, date and count), by the source's identifier otherwise (doc/model.md, "
                "\"Identity\").");
    }
    char *sel = bs_selection_text(B->ctx);
    char when[32];
    bool fixed = bs_generated_at(when, sizeof when);
    para(s, "Selection: %s. Generated %s%s by breachstat with libbreach %s.", sel, when,
         fixed ? " (SOURCE_DATE_EPOCH)" : "", breach_version_string());
    free(sel);
    size_t nrej = breach_report_n_rejects(B->ctx->rep);
    if (nrej) {
        bs_rtable *rt = rtable("Rejected rows (left out)", "nrl", 3, "place", "row", "reason");
        for (size_t i = 0; i < nrej; i++) {
            breach_issue is;
            if (breach_report_reject(B->ctx->rep, i, &is) != BREACH_OK)
                continue;
            if (i >= MAX_ROWS) {
                rt->more++;
                continue;
            }
            char place[600], row[32];
            const char *src = breach_report_reject_source(B->ctx->rep, i);
            snprintf(place, sizeof place, "%s:%ld:%ld", src ? src : "?", is.line,
                     is.column ? is.column : 1);
            snprintf(row, sizeof row, "%ld", is.row);
            rrow(rt, place, row, is.text ? is.text : "");
        }
        table(s, rt);
    }
    para(s, "Counts keep what the notices say: \"more than 3 million\" is a lower bound, so "
            "totals are given as bounds (\"at least ...\") rather than as exact sums. A revised "
            "notice of the same organisation for the same vendor replaces the earlier one. "
            "Shares of a notice are the state's residents over the notice's total; a notice that "
            "gives no figure for a state is left out, not counted as 0 %%.");
    para(s, "Every figure here comes from libbreach's public API; the same numbers are available "
            "as tables, JSON or CSV from the breachstat commands (summary, regions, share, "
            "links, supply-chain, repeats, categories, timeline, sizes).");
}

/* ------------------------------------------------------------------ the report */

bs_report *bs_report_build(bs_ctx *ctx, int *status)
{
    bs_report *r = bs_xcalloc(1, sizeof *r);
    const char *title = bs_opt(ctx, "title");
    r->title = bs_xstrdup(title ? title : "Data-breach notices: a report");
    char when[32];
    bs_generated_at(when, sizeof when);
    r->generator = bs_xasprintf("breachstat, libbreach %s, %s", breach_version_string(), when);
    r->sources = bs_inputs_description(ctx);
    build B = {ctx, r, NULL, NULL, NULL};
    B.source = bs_xasprintf("Source: %s. Computed with libbreach %s.", r->sources,
                            breach_version_string());
    breach_population *pop = bs_load_population(ctx, status);
    if (*status != BS_EXIT_OK) {
        free(B.source);
        bs_report_free(r);
        return NULL;
    }
    B.pop = pop;
    int rc = key_figures(&B);
    if (rc == BS_EXIT_OK)
        rc = flagged_section(&B);
    if (rc == BS_EXIT_OK)
        rc = regions_section(&B);
    if (rc == BS_EXIT_OK)
        rc = links_section(&B);
    if (rc == BS_EXIT_OK)
        rc = supply_section(&B);
    if (rc == BS_EXIT_OK)
        rc = repeats_section(&B);
    if (rc == BS_EXIT_OK)
        rc = categories_section(&B);
    if (rc == BS_EXIT_OK)
        rc = sizes_section(&B);
    if (rc == BS_EXIT_OK)
        rc = timeline_section(&B);
    if (rc == BS_EXIT_OK)
        data_section(&B);
    breach_population_free(pop);
    breach_format_overlap_free(B.two_formats);
    free(B.source);
    *status = rc;
    if (rc != BS_EXIT_OK) {
        bs_report_free(r);
        return NULL;
    }
    return r;
}
