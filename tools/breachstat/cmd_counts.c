/* breachstat counts: incidents per level of any dimension (the model's, an enumerated
 * attribute, the year or month), optionally cross-tabulated by a second one, with
 * proportions, intervals and the chi-square test of independence (breach_counts). */
#include "breachstat.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const bs_optspec bs_counts_opts[] = {
    {"of", 0, "DIMENSION",
     "what to count: type, category, location, entity-type, region, vendor, year, month, or "
     "an attribute (breachstat fields lists them; default category)"},
    {"by", 0, "DIMENSION", "a cross-tab: one column per level of DIMENSION (as --of)"},
    BS_INTERVAL_OPTS,
    {"include-unknown", 0, NULL, "count 'unknown' (an attribute's Unknown) inside n"},
    {"include-na", 0, NULL, "count an attribute's NA (not applicable) inside n"},
    BS_SMALL_N_OPTS,
    {NULL, 0, NULL, NULL}};

static const char *const dim_names[] = {"type", "category", "location", "entity-type", "region",
                                        "vendor", "field",    "year",     "month",       NULL};
static const char *const indep_names[] = {"ok", "none", "multi-valued", "too-small",
                                           "not-recorded"};

/* A dimension from its name, or an attribute the dataset carries; -1 after a message. */
static int parse_dim(bs_ctx *ctx, const char *opt, const char *v, const char **field)
{
    *field = NULL;
    for (int k = 0; dim_names[k]; k++)
        if (k != BREACH_DIM_FIELD && strcmp(v, dim_names[k]) == 0)
            return k;
    if (strcmp(v, "entity_type") == 0)
        return BREACH_DIM_ENTITY_TYPE;
    if (breach_dataset_field_find(ctx->ds, v) < 0) {
        bs_usage_error(ctx, "--%s %s: neither a dimension (type, category, location, "
                            "entity-type, region, vendor, year, month) nor an attribute of "
                            "these incidents (breachstat fields FILE lists them)",
                       opt, v);
        return -1;
    }
    *field = v;
    return BREACH_DIM_FIELD;
}

int bs_cmd_counts(bs_ctx *ctx)
{
    breach_counts_options o;
    breach_counts_options_init(&o);
    o.dimension = BREACH_DIM_CATEGORY;
    const char *v, *of = "category", *by = NULL;
    int k;
    if ((v = bs_opt(ctx, "of"))) {
        if ((k = parse_dim(ctx, "of", v, &o.field)) < 0)
            return BS_EXIT_USAGE;
        o.dimension = k;
        of = v;
    }
    if ((v = bs_opt(ctx, "by"))) {
        if ((k = parse_dim(ctx, "by", v, &o.by_field)) < 0)
            return BS_EXIT_USAGE;
        o.by = BREACH_BY(k);
        by = v;
    }
    if (bs_counts_interval_options(ctx, &o))
        return BS_EXIT_USAGE;
    o.include_na = bs_flag(ctx, "include-na");

    breach_error e;
    breach_counts *c = bs_counts_run(ctx, &o, &e);
    if (!c)
        return bs_stat_failed("counts", &e);

    char title[256];
    if (by)
        snprintf(title, sizeof title, "Incidents by %s and %s", of, by);
    else
        snprintf(title, sizeof title, "Incidents by %s", of);
    bs_doc *d = bs_doc_new(ctx, title);
    char a[BS_NUM], b[BS_NUM], n[BS_NUM];
    bs_doc_headline(d, "%s incidents, %s with a known %s (n = %s).",
                    bs_fmt_uint(c->n_incidents, a, sizeof a),
                    bs_fmt_uint(c->n, b, sizeof b), of, bs_fmt_uint(c->n, n, sizeof n));
    if (c->n_not_stated)
        bs_doc_headline(d, "%s incidents do not state %s: they are in no row and not in n.",
                        bs_fmt_uint(c->n_not_stated, a, sizeof a), of);
    bs_counts_status_headline(d, c, &o);
    bs_doc_fact(d, "of", "counted by", bs_v_text(of));
    bs_doc_fact(d, "by", "cross-tabulated by", by ? bs_v_text(by) : bs_v_null());
    bs_doc_fact(d, "incidents", "incidents selected", bs_v_uint(c->n_incidents));
    bs_doc_fact(d, "unknown", "with an unknown value", bs_v_uint(c->n_unknown));
    bs_doc_fact(d, "not_stated", "not stating it", bs_v_uint(c->n_not_stated));
    if (by) /* an attribute they do not state, or a dimension their source cannot */
        bs_doc_fact(d, "not_stated_by", "in no column", bs_v_uint(c->n_not_stated_by));
    bs_doc_fact(d, "n", "n (denominator)", bs_v_uint(c->n));
    bs_doc_fact(d, "status", "proportions", bs_v_text(bs_counts_status_name(c->status)));
    bs_doc_fact(d, "ci_method", "interval", bs_v_text(bs_ci_names[o.ci_method]));
    bs_doc_fact(d, "level", "confidence level", bs_v_real(c->level, 2));

    static const bs_column rcols[] = {{"level", "level", BS_V_TEXT},
                                      {"unknown", "kept apart", BS_V_BOOL},
                                      {"incidents", "incidents", BS_V_UINT},
                                      {"proportion", "proportion", BS_V_PCT},
                                      {"lo", "lower", BS_V_PCT},
                                      {"hi", "upper", BS_V_PCT}};
    bs_table *t = bs_doc_table(d, "counts", "Counts", rcols, sizeof rcols / sizeof rcols[0]);
    for (size_t i = 0; i < c->n_rows; i++) {
        const breach_count_row *r = &c->rows[i];
        bs_table_add(t, bs_v_text(r->label));
        bs_table_add(t, bs_v_bool(r->unknown));
        /* a level no selected source can state has no count at all, not 0 */
        bs_table_add(t, bs_level_not_recorded(c, i) ? bs_v_absent("not recorded")
                                                    : bs_v_uint(r->count));
        bs_table_add(t, bs_v_pct(r->proportion));
        bs_table_add(t, bs_v_pct(r->lo));
        bs_table_add(t, bs_v_pct(r->hi));
    }
    char *note = bs_recorded_note(ctx, c);
    if (note)
        bs_doc_note(d, "%s", note);
    free(note);
    if (c->by) {
        static const bs_column ccols[] = {{"column", "column", BS_V_TEXT},
                                          {"unknown", "kept apart", BS_V_BOOL},
                                          {"incidents", "incidents", BS_V_UINT},
                                          {"n", "n", BS_V_UINT},
                                          {"status", "proportions", BS_V_TEXT}};
        bs_table *tc = bs_doc_table(d, "columns", "Columns", ccols, sizeof ccols / sizeof ccols[0]);
        for (size_t q = 0; q < c->n_cols; q++) {
            bs_table_add(tc, bs_v_text(c->cols[q].label));
            bs_table_add(tc, bs_v_bool(c->cols[q].unknown));
            bs_table_add(tc, bs_v_uint(c->cols[q].n_incidents));
            bs_table_add(tc, bs_v_uint(c->cols[q].n));
            bs_table_add(tc, bs_v_text(bs_counts_status_name(c->cols[q].status)));
        }
        static const bs_column xcols[] = {{"level", "level", BS_V_TEXT},
                                          {"column", "column", BS_V_TEXT},
                                          {"incidents", "incidents", BS_V_UINT},
                                          {"n", "n", BS_V_UINT},
                                          {"proportion", "of n", BS_V_PCT},
                                          {"lo", "lower", BS_V_PCT},
                                          {"hi", "upper", BS_V_PCT}};
        bs_table *tx = bs_doc_table(d, "cells", "Cells", xcols, sizeof xcols / sizeof xcols[0]);
        for (size_t r = 0; r < c->n_rows; r++)
            for (size_t q = 0; q < c->n_cols; q++) {
                const breach_count_cell *x = &c->cells[r * c->n_cols + q];
                if (!x->count && c->rows[r].unknown)
                    continue;
                /* the cell's denominator: the column's n, or its notices whose source can
                   state the row's level; none of them can: not recorded, not 0 */
                uint64_t xn = c->cell_n ? c->cell_n[r * c->n_cols + q] : c->cols[q].n;
                bool none = bs_level_not_recorded(c, r) ||
                            (!c->rows[r].unknown && !xn && c->cols[q].n);
                bs_table_add(tx, bs_v_text(c->rows[r].label));
                bs_table_add(tx, bs_v_text(c->cols[q].label));
                bs_table_add(tx, none ? bs_v_absent("not recorded") : bs_v_uint(x->count));
                bs_table_add(tx, none || (c->rows[r].unknown && !o.include_unknown)
                                     ? bs_v_null()
                                     : bs_v_uint(xn));
                bs_table_add(tx, bs_v_pct(x->proportion));
                bs_table_add(tx, bs_v_pct(x->lo));
                bs_table_add(tx, bs_v_pct(x->hi));
            }
        bs_doc_fact(d, "independence", "chi-square of independence",
                    bs_v_text(indep_names[c->independence_status]));
        bs_doc_fact(d, "chisq", "chi-square", bs_v_real(c->independence.statistic, 4));
        bs_doc_fact(d, "df", "degrees of freedom", bs_v_real(c->independence.df, 0));
        bs_doc_fact(d, "p_value", "p-value", bs_v_pvalue(c->independence.p_value));
        bs_doc_fact(d, "min_expected", "smallest expected count",
                    bs_v_real(c->independence.min_expected, 3));
        bs_doc_fact(d, "cells_below_5", "cells expected under 5",
                    bs_v_uint(c->n_cells_expected_below_5));
        if (c->independence_status == BREACH_INDEP_OK) {
            char p[32];
            bs_fmt_pvalue(c->independence.p_value, p, sizeof p); /* "< 1e-300" on underflow */
            bs_doc_headline(d, "Chi-square of independence: %s on %s df, p %s%s%s.",
                            bs_fmt_real(c->independence.statistic, 2, a, sizeof a),
                            bs_fmt_real(c->independence.df, 0, b, sizeof b),
                            p[0] == '<' ? "" : "= ", p,
                            c->expected_warning ? " (doubtful: small expected counts)" : "");
        }
        if (c->expected_warning)
            bs_doc_note(d, "%s of %s cells have an expected count under 5 (smallest %s): the "
                           "chi-square approximation is doubtful (Cochran 1954: none under 1, "
                           "at most a fifth under 5)",
                        bs_fmt_uint(c->n_cells_expected_below_5, a, sizeof a),
                        bs_fmt_uint(c->n_cells_tested, b, sizeof b),
                        bs_fmt_real(c->independence.min_expected, 3, n, sizeof n));
        if (c->independence_status == BREACH_INDEP_MULTI_VALUED)
            bs_doc_note(d, "no chi-square test: an incident can carry several levels of one "
                           "dimension, so the cells do not divide the incidents");
        if (c->independence_status == BREACH_INDEP_NOT_RECORDED)
            bs_doc_note(d, "no chi-square test: some columns' sources cannot state some of "
                           "the levels counted, so their zeros were never measured");
        if (c->n_not_stated_by && c->by - 1 <= BREACH_DIM_LOCATION)
            bs_doc_note(d, "%s incidents come from sources that cannot state any %s "
                           "(doc/vocabularies.md, \"What each source can say\"): not recorded, "
                           "they are in no column",
                        bs_fmt_uint(c->n_not_stated_by, a, sizeof a), by);
        else if (c->n_not_stated_by)
            bs_doc_note(d, "%s incidents do not state %s: they are in no column",
                        bs_fmt_uint(c->n_not_stated_by, a, sizeof a), by);
        bs_doc_note(d, "each column is its own sample: proportions are of the column's n "
                       "(doc/statistics.md, Counts and cross-tabs)");
    }
    return bs_counts_emit(ctx, d, c);
}
