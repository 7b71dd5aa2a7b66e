/* breachstat categories: incidents per level of a dimension (data category by default),
 * with proportions and confidence intervals under the DBIR's small-sample rules. */
#include "breachstat.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const bs_optspec bs_categories_opts[] = {
    {"by", 0, "DIMENSION",
     "category (default), type, location, entity-type, region (of the organisation) or vendor"},
    BS_INTERVAL_OPTS,
    {"include-unknown", 0, NULL, "count 'unknown' inside n"},
    BS_SMALL_N_OPTS,
    {NULL, 0, NULL, NULL}};

static const char *const dim_names[] = {"type",   "category", "location", "entity-type",
                                        "region", "vendor",   NULL};
static const char *const dim_titles[] = {"breach type",  "data category", "location",
                                         "organisation type", "organisation's region", "vendor"};
/* The options both commands share, the run with its progress line and the status
 * headline: cmd_counts.c and this file. */
const char *const bs_ci_names[] = {"wilson", "jeffreys", "bootstrap", NULL};

const char *bs_counts_status_name(int s)
{
    switch (s) {
    case BREACH_COUNTS_OK: return "ok";
    case BREACH_COUNTS_FORCED: return "forced";
    case BREACH_COUNTS_SMALL_N: return "small-n";
    default: return "suppressed";
    }
}

int bs_counts_emit(bs_ctx *ctx, bs_doc *d, breach_counts *c)
{
    /* one incident in two sources is counted in its levels twice: said, not dropped */
    bs_doc_two_formats_of(d, ctx, &ctx->filter, true, -1);
    if (c->multi_valued)
        bs_doc_note(d, "an incident counts once in each of its levels: proportions need not add "
                       "up to 100 %%");
    int rc = bs_doc_emit_flagged(d, ctx);
    bs_doc_free(d);
    breach_counts_free(c);
    return rc;
}

int bs_counts_interval_options(bs_ctx *ctx, breach_counts_options *o)
{
    const char *v;
    int k;
    uint64_t u;
    if ((v = bs_opt(ctx, "ci"))) {
        if ((k = bs_parse_choice("ci", v, bs_ci_names)) < 0)
            return -1;
        o->ci_method = k;
    }
    if ((v = bs_opt(ctx, "level")) && bs_parse_double("level", v, 0, 1, &o->level))
        return -1;
    o->include_unknown = bs_flag(ctx, "include-unknown");
    o->force = bs_flag(ctx, "force");
    if ((v = bs_opt(ctx, "min-n"))) {
        if (bs_parse_uint("min-n", v, UINT32_MAX, &u))
            return -1;
        o->min_n = (uint32_t)u;
    }
    if ((v = bs_opt(ctx, "min-n-report"))) {
        if (bs_parse_uint("min-n-report", v, UINT32_MAX, &u))
            return -1;
        o->min_n_report = (uint32_t)u;
    }
    if ((v = bs_opt(ctx, "replicates"))) {
        if (bs_parse_uint("replicates", v, 10000000, &u))
            return -1;
        if (u == 0) {
            bs_usage_error(ctx, "--replicates must be at least 1");
            return -1;
        }
        o->replicates = (uint32_t)u;
    }
    if ((v = bs_opt(ctx, "seed"))) {
        if (bs_parse_uint("seed", v, UINT32_MAX, &u))
            return -1;
        o->seed = (uint32_t)u;
    }
    return 0;
}

breach_counts *bs_counts_run(bs_ctx *ctx, breach_counts_options *o, breach_error *e)
{
    if (o->ci_method == BREACH_CI_BOOTSTRAP) {
        bs_progress_start(ctx, "bootstrapping the intervals");
        o->progress = bs_progress_count;
    }
    breach_counts *c = breach_counts_compute(ctx->ds, &ctx->filter, o, e);
    bs_progress_stop();
    return c;
}

void bs_counts_status_headline(bs_doc *d, const breach_counts *c, const breach_counts_options *o)
{
    switch (c->status) {
    case BREACH_COUNTS_SMALL_N:
        bs_doc_headline(d, "Counts only: proportions need n >= %u (or --force).", o->min_n);
        break;
    case BREACH_COUNTS_FORCED:
        bs_doc_headline(d, "Proportions forced under n = %u: read them with care.", o->min_n);
        break;
    case BREACH_COUNTS_SUPPRESSED:
        if (c->dimension <= BREACH_DIM_LOCATION && !c->levels_recorded && c->n_incidents) {
            /* the sources say nothing of this dimension: no notice can have a level */
            static const char *const what[] = {"breach type", "data category", "location"};
            bs_doc_headline(d, "Nothing shown: no selected notice's source can state a %s "
                               "(doc/vocabularies.md, \"What each source can say\"): not "
                               "recorded, which is not 0 %%.",
                            what[c->dimension]);
        } else {
            bs_doc_headline(d, "Nothing shown: fewer than %u incidents (--min-n-report).",
                            o->min_n_report);
        }
        break;
    default: break;
    }
}

bool bs_level_not_recorded(const breach_counts *c, size_t r)
{
    const breach_count_row *row = &c->rows[r];
    return c->dimension <= BREACH_DIM_LOCATION && !row->unknown && row->level >= 0 &&
           row->level < 64 && !(c->levels_recorded >> row->level & 1);
}

/* The selected incidents whose VERIS data variety is `Personal` (0 when none carries the
 * field). */
static uint64_t veris_personal(const bs_ctx *ctx)
{
    long f = breach_dataset_field_find(ctx->ds, "attribute.confidentiality.data.variety");
    breach_field_info fi;
    if (f < 0 || breach_dataset_field(ctx->ds, (size_t)f, &fi, NULL) != BREACH_OK)
        return 0;
    uint64_t *counts = bs_xcalloc(fi.n_values ? fi.n_values : 1, sizeof *counts), n = 0;
    if (breach_dataset_field_counts(ctx->ds, &ctx->filter, (size_t)f, counts, NULL, NULL,
                                    NULL) == BREACH_OK)
        for (size_t j = 0; j < fi.n_values; j++) {
            breach_value_info vi;
            if (breach_dataset_field_value(ctx->ds, (size_t)f, j, &vi, NULL) == BREACH_OK &&
                strcmp(vi.value, "Personal") == 0)
                n = counts[j];
        }
    free(counts);
    return n;
}

char *bs_recorded_note(const bs_ctx *ctx, const breach_counts *c)
{
    /* the vocabulary dimensions, in breach_dimension order */
    static const char *const what[] = {"breach types", "categories", "locations"};
    if (c->dimension > BREACH_DIM_LOCATION || !c->row_n)
        return NULL;
    bs_buf none, some;
    bs_buf_init(&none);
    bs_buf_init(&some);
    for (size_t r = 0; r < c->n_rows; r++) {
        if (bs_level_not_recorded(c, r))
            bs_buf_printf(&none, "%s%s", none.len ? ", " : "", c->rows[r].label);
        else if (!c->rows[r].unknown && c->row_n[r] != c->n)
            bs_buf_printf(&some, "%s%s", some.len ? ", " : "", c->rows[r].label);
    }
    uint64_t personal = c->dimension == BREACH_DIM_CATEGORY ? veris_personal(ctx) : 0;
    bs_buf b;
    bs_buf_init(&b);
    if (none.len)
        bs_buf_printf(&b, "not recorded by these sources: %s. No selected notice's source can "
                          "state these %s (doc/vocabularies.md, \"What each source can say\"): "
                          "they have no count and no proportion, which is not 0 %%.",
                      none.s, what[c->dimension]);
    if (some.len)
        bs_buf_printf(&b, "%s%s: counted over the notices whose source can state them (their "
                          "n), not over all n.",
                      b.len ? " " : "", some.s);
    if (personal) {
        char a[BS_NUM];
        bs_buf_printf(&b, "%sVERIS 'Personal' (%s of the selected incidents) is personal data "
                          "of an unspecified kind, which may include names, SSNs, addresses and "
                          "dates of birth: it counts as 'other'.",
                      b.len ? " " : "", bs_fmt_uint(personal, a, sizeof a));
    }
    bs_buf_free(&none);
    bs_buf_free(&some);
    if (!b.len) {
        bs_buf_free(&b);
        return NULL;
    }
    return b.s;
}

int bs_cmd_categories(bs_ctx *ctx)
{
    breach_counts_options o;
    breach_counts_options_init(&o);
    o.dimension = BREACH_DIM_CATEGORY;
    const char *v;
    int k;
    if ((v = bs_opt(ctx, "by"))) {
        if ((k = bs_parse_choice("by", v, dim_names)) < 0)
            return BS_EXIT_USAGE;
        o.dimension = k; /* dim_names follows breach_dimension */
    }
    if (bs_counts_interval_options(ctx, &o))
        return BS_EXIT_USAGE;

    breach_error e;
    breach_counts *c = bs_counts_run(ctx, &o, &e);
    if (!c)
        return bs_stat_failed("counts", &e);

    char title[128];
    snprintf(title, sizeof title, "Incidents by %s", dim_titles[o.dimension]);
    bs_doc *d = bs_doc_new(ctx, title);
    char a[BS_NUM], b[BS_NUM], n[BS_NUM];
    bs_doc_headline(d, "%s %s, %s with a known %s (n = %s).",
                    bs_fmt_uint(c->n_incidents, a, sizeof a),
                    bs_plural(c->n_incidents, "incident", "incidents"),
                    bs_fmt_uint(c->n_incidents - c->n_unknown, b, sizeof b),
                    dim_titles[o.dimension], bs_fmt_uint(c->n, n, sizeof n));
    bs_counts_status_headline(d, c, &o);
    bs_doc_fact(d, "dimension", "counted by", bs_v_text(dim_names[o.dimension]));
    bs_doc_fact(d, "incidents", "incidents selected", bs_v_uint(c->n_incidents));
    bs_doc_fact(d, "unknown", "with no value", bs_v_uint(c->n_unknown));
    bs_doc_fact(d, "n", "n (denominator)", bs_v_uint(c->n));
    bs_doc_fact(d, "status", "proportions", bs_v_text(bs_counts_status_name(c->status)));
    bs_doc_fact(d, "ci_method", "interval", bs_v_text(bs_ci_names[o.ci_method]));
    bs_doc_fact(d, "level", "confidence level", bs_v_real(c->level, 2));
    if (o.ci_method == BREACH_CI_BOOTSTRAP) {
        bs_doc_fact(d, "replicates", "bootstrap replicates", bs_v_uint(o.replicates));
        bs_doc_fact(d, "seed", "bootstrap seed", bs_v_uint(o.seed));
    }

    bs_doc_units(d, c->unit, c->units, c->n_other_units, "incident", "incidents");

    /* one column of totals per unit seen (the result's first), named by the unit: a level's
       individuals and accounts are never one figure */
    int order[BREACH_UNIT_COUNT_];
    int nu = bs_units_order(c->unit, c->units, order);
    bs_column cols[3 + BREACH_UNIT_COUNT_ + 3];
    size_t nc = 0;
    cols[nc++] = (bs_column){"level", "level", BS_V_TEXT};
    cols[nc++] = (bs_column){"incidents", "incidents", BS_V_UINT};
    for (int j = 0; j < nu; j++)
        cols[nc++] = (bs_column){bs_unit_name(order[j]), bs_unit_name(order[j]), BS_V_TOTAL};
    /* types, categories, locations: each row's own n (the notices whose source can state it) */
    if (c->row_n)
        cols[nc++] = (bs_column){"n", "n", BS_V_UINT};
    cols[nc++] = (bs_column){"proportion", "proportion", BS_V_PCT};
    cols[nc++] = (bs_column){"lo", "lower", BS_V_PCT};
    cols[nc++] = (bs_column){"hi", "upper", BS_V_PCT};
    bs_table *t = bs_doc_table(d, "counts", "Counts", cols, nc);
    for (size_t i = 0; i < c->n_rows; i++) {
        const breach_count_row *r = &c->rows[i];
        bool none = bs_level_not_recorded(c, i); /* no count at all, not 0 */
        bs_table_add(t, bs_v_text(r->label));
        bs_table_add(t, none ? bs_v_absent("not recorded") : bs_v_uint(r->count));
        for (int j = 0; j < nu; j++)
            bs_table_add(t, none ? bs_v_null()
                                 : bs_v_unit_total(&r->by_unit[order[j]], c->units, order[j]));
        if (c->row_n)
            bs_table_add(t, none || (r->unknown && !o.include_unknown) ? bs_v_null()
                                                                       : bs_v_uint(c->row_n[i]));
        bs_table_add(t, bs_v_pct(r->proportion));
        bs_table_add(t, bs_v_pct(r->lo));
        bs_table_add(t, bs_v_pct(r->hi));
    }
    char *note = bs_recorded_note(ctx, c);
    if (note)
        bs_doc_note(d, "%s", note);
    free(note);
    return bs_counts_emit(ctx, d, c);
}
