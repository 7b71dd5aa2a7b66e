/* breachstat sizes: the distribution of breach sizes, and with --fit its log-normal and
 * power-law fits. */
#include "breachstat.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAX_CCDF_ROWS 40 /* above it, the table view shows the curve at round sizes */

const bs_optspec bs_sizes_opts[] = {
    {"fit", 0, NULL,
     "fit a log-normal (censored values included) and a power-law tail, compared by Vuong's "
     "test"},
    {"replicates", 0, "B", "bootstrap replicates of the power-law p-value (default 1000; 0: none)"},
    {"seed", 0, "S", "seed of that bootstrap (default 1)"},
    {"xmin", 0, "X", "fix the power law's lower bound instead of choosing it"},
    {NULL, 0, NULL, NULL}};

static void fits(bs_ctx *ctx, bs_doc *d, const breach_sizes *s)
{
    breach_error e;
    breach_lognormal_options lo;
    breach_lognormal_options_init(&lo);
    breach_lognormal *ln = breach_lognormal_fit(s, &lo, &e);
    if (ln) {
        bs_doc_fact(d, "lognormal_mu", "log-normal: mu (mean of ln x)", bs_v_real(ln->mu.estimate, 4));
        bs_doc_fact(d, "lognormal_sigma", "  sigma (sd of ln x)", bs_v_real(ln->sigma.estimate, 4));
        /* exp(mu) is the fitted distribution's median, which readers took for the median
           breach (HHS: 5,465 beside the listed sizes' 3,561.5): the labels say whose it is,
           and the keys stay as they were published */
        char lo_label[64], hi_label[64], pct[32];
        bs_fmt_real(100 * lo.level, 0, pct, sizeof pct);
        snprintf(lo_label, sizeof lo_label, "    exp(mu), %s %% interval, lower", pct);
        snprintf(hi_label, sizeof hi_label, "    exp(mu), %s %% interval, upper", pct);
        bs_doc_fact(d, "lognormal_median", "  exp(mu), the fit's median (not the sizes')",
                    bs_v_real(ln->median.estimate, 0));
        bs_doc_fact(d, "lognormal_median_lo", lo_label, bs_v_real(ln->median.lo, 0));
        bs_doc_fact(d, "lognormal_median_hi", hi_label, bs_v_real(ln->median.hi, 0));
        char m[BS_NUM], f[BS_NUM];
        bs_doc_note(d, "log-normal: exp(mu) %s is the median of the fitted distribution, and "
                       "its interval one for that parameter, not for the median of the listed "
                       "sizes (%s)",
                    bs_fmt_real(ln->median.estimate, 0, f, sizeof f),
                    s->exact_u & BREACH_SIZES_MEDIAN ? bs_fmt_uint(s->median_u, m, sizeof m)
                                                     : bs_fmt_real(s->median, 1, m, sizeof m));
        bs_doc_fact(d, "lognormal_censored", "  censored values used",
                    bs_v_uint(ln->n_right_censored + ln->n_left_censored));
        bs_doc_fact(d, "lognormal_loglik", "  log-likelihood", bs_v_real(ln->loglik, 3));
        breach_lognormal_free(ln);
    } else {
        bs_doc_note(d, "no log-normal fit: %s", e.text);
    }
    breach_powerlaw_options po;
    breach_powerlaw_options_init(&po);
    const char *v;
    uint64_t u;
    if ((v = bs_opt(ctx, "replicates")) && bs_parse_uint("replicates", v, 100000, &u) == 0)
        po.replicates = (uint32_t)u;
    if ((v = bs_opt(ctx, "seed")) && bs_parse_uint("seed", v, UINT32_MAX, &u) == 0)
        po.seed = (uint32_t)u;
    double xmin;
    if ((v = bs_opt(ctx, "xmin")) && bs_parse_double("xmin", v, 0, INFINITY, &xmin) == 0)
        po.xmin = xmin;
    if (po.replicates) {
        bs_progress_start(ctx, "bootstrapping the power-law p-value");
        po.progress = bs_progress_count;
    }
    breach_powerlaw *pl = breach_powerlaw_fit(s, &po, &e);
    bs_progress_stop();
    if (!pl) {
        bs_doc_note(d, "no power-law fit: %s", e.text);
        return;
    }
    bs_doc_fact(d, "powerlaw_xmin", "power law: xmin", bs_v_real(pl->xmin, 0));
    bs_doc_fact(d, "powerlaw_alpha", "  alpha", bs_v_real(pl->alpha, 3));
    bs_doc_fact(d, "powerlaw_alpha_se", "  alpha, standard error", bs_v_real(pl->alpha_se, 3));
    bs_doc_fact(d, "powerlaw_n_tail", "  values >= xmin", bs_v_uint(pl->n_tail));
    bs_doc_fact(d, "powerlaw_ks", "  KS distance", bs_v_real(pl->ks, 4));
    if (ctx->out == BS_OUT_TABLE) {
        /* for people, the p-value with the count it rests on: 0 of 50 replicates is
           p < 0.02, not p = 0 */
        char pt[128];
        bs_doc_fact(d, "powerlaw_p", "  p-value (bootstrap)",
                    pl->replicates ? bs_v_text(bs_fmt_pvalue_resampled(pl->replicates_far,
                                                                       pl->replicates, pt,
                                                                       sizeof pt))
                                   : bs_v_pvalue(pl->p_value));
    } else {
        bs_doc_fact(d, "powerlaw_p", "  p-value (bootstrap)", bs_v_pvalue(pl->p_value));
        bs_doc_fact(d, "powerlaw_replicates", "  replicates", bs_v_uint(pl->replicates));
        bs_doc_fact(d, "powerlaw_replicates_far", "  replicates at least as far as the data",
                    bs_v_uint(pl->replicates_far));
    }
    breach_vuong *vu = breach_powerlaw_compare_lognormal(s, pl, &e);
    if (vu) {
        bs_doc_fact(d, "vuong_ratio", "Vuong: log-likelihood ratio (power law - log-normal)",
                    bs_v_real(vu->ratio, 3));
        bs_doc_fact(d, "vuong_p", "  p-value", bs_v_pvalue(vu->p_value));
        bs_doc_fact(d, "vuong_favours", "  favours",
                    bs_v_text(vu->favours > 0 ? "power law" : vu->favours < 0 ? "log-normal"
                                                                               : "neither"));
        breach_vuong_free(vu);
    } else {
        bs_doc_note(d, "no Vuong test: %s", e.text);
    }
    breach_powerlaw_free(pl);
}

/* What the sources' own rules put into the sizes, which no figure corrects: placeholder
 * counts taken at face value, and a listing floor that truncates the distribution (the HHS
 * portal lists only breaches of 500 or more, so its median and log-normal are those of
 * notified breaches, not of all breaches). */
static void source_rules_note(bs_doc *d, const breach_sizes *s)
{
    char a[BS_NUM], b[BS_NUM], f[BS_NUM];
    if (s->n_placeholders)
        bs_doc_note(d, "%s of the exact sizes %s a count that %s source also writes as a "
                       "placeholder (such as the HHS portal's 500 and 501 for \"500 or more\"), "
                       "taken at face value",
                    bs_fmt_uint(s->n_placeholders, a, sizeof a),
                    bs_plural(s->n_placeholders, "is", "are"),
                    bs_plural(s->n_placeholders, "its", "their"));
    if (s->n_floored)
        bs_doc_note(d, "%s of %s sizes come from a list of breaches of %s or more only (such as the HHS "
                       "portal): the figures and fits are of listed sizes, truncated at %s, "
                       "not of all breaches, and no fit models that truncation",
                    bs_fmt_uint(s->n_floored, a, sizeof a),
                    bs_fmt_uint(s->n + s->n_at_least + s->n_at_most, b, sizeof b),
                    bs_fmt_uint(s->floor, f, sizeof f), f);
}

/* A summary that is a size: from its integer when the library gives one (bit of exact_u),
 * since a double rounds counts past 2^53; else the double, with `digits` decimals. */
static bs_value size_value(const breach_sizes *s, uint32_t bit, uint64_t u, double d, int digits)
{
    return s->exact_u & bit ? bs_v_uint(u) : bs_v_real(d, digits);
}

int bs_cmd_sizes(bs_ctx *ctx)
{
    const char *v;
    uint64_t u;
    double x;
    /* check the values before any work */
    if ((v = bs_opt(ctx, "replicates")) && bs_parse_uint("replicates", v, 100000, &u))
        return BS_EXIT_USAGE;
    if ((v = bs_opt(ctx, "seed")) && bs_parse_uint("seed", v, UINT32_MAX, &u))
        return BS_EXIT_USAGE;
    if ((v = bs_opt(ctx, "xmin")) && bs_parse_double("xmin", v, 0, INFINITY, &x))
        return BS_EXIT_USAGE;
    if (!bs_flag(ctx, "fit") && (bs_opt(ctx, "replicates") || bs_opt(ctx, "xmin")))
        return bs_usage_error(ctx, "--replicates and --xmin go with --fit");

    breach_error e;
    breach_sizes *s = breach_sizes_compute(ctx->ds, &ctx->filter, &e);
    if (!s)
        return bs_stat_failed("breach sizes", &e);
    const char *un = bs_unit_name(s->unit);
    char title[64];
    snprintf(title, sizeof title, "Breach sizes (%s)", un);
    bs_doc *d = bs_doc_new(ctx, title);
    char a[BS_NUM], b[BS_NUM], c[BS_NUM], m[BS_NUM];
    bs_doc_headline(d, "%s %s with an exact or estimated size in %s of %s selected; median "
                       "%s, largest %s.",
                    bs_fmt_uint(s->n, a, sizeof a), bs_plural(s->n, "notice", "notices"), un,
                    bs_fmt_uint(s->n_incidents, b, sizeof b),
                    bs_fmt_size(s, BREACH_SIZES_MEDIAN, s->median_u, s->median, m, sizeof m),
                    bs_fmt_size(s, BREACH_SIZES_MAX, s->max_u, s->max, c, sizeof c));
    bs_doc_fact(d, "incidents", "notices selected", bs_v_uint(s->n_incidents));
    bs_doc_units(d, s->unit, s->units, s->n_other_units, "notice", "notices");
    bs_doc_fact(d, "unknown", "without a size (left out)", bs_v_uint(s->n_unknown));
    bs_doc_fact(d, "n", "exact or estimated sizes", bs_v_uint(s->n));
    bs_doc_fact(d, "estimated", "  of which estimates", bs_v_uint(s->n_estimated));
    bs_doc_fact(d, "zero", "  of which 0", bs_v_uint(s->n_zero));
    bs_doc_fact(d, "placeholders", "  of which a source's placeholder", bs_v_uint(s->n_placeholders));
    bs_doc_fact(d, "at_least", "\"at least\" sizes (censored)", bs_v_uint(s->n_at_least));
    bs_doc_fact(d, "at_most", "\"at most\" sizes (censored)", bs_v_uint(s->n_at_most));
    bs_doc_fact(d, "floored", "sizes from a list with a floor", bs_v_uint(s->n_floored));
    bs_doc_fact(d, "floor", "  listed from", s->floor ? bs_v_uint(s->floor) : bs_v_absent("none"));
    bs_doc_fact(d, "min", "smallest", size_value(s, BREACH_SIZES_MIN, s->min_u, s->min, 0));
    bs_doc_fact(d, "q1", "first quartile", size_value(s, BREACH_SIZES_Q1, s->q1_u, s->q1, 1));
    bs_doc_fact(d, "median", "median",
                size_value(s, BREACH_SIZES_MEDIAN, s->median_u, s->median, 1));
    bs_doc_fact(d, "q3", "third quartile", size_value(s, BREACH_SIZES_Q3, s->q3_u, s->q3, 1));
    bs_doc_fact(d, "p90", "90th percentile", size_value(s, BREACH_SIZES_P90, s->p90_u, s->p90, 1));
    bs_doc_fact(d, "p99", "99th percentile", size_value(s, BREACH_SIZES_P99, s->p99_u, s->p99, 1));
    bs_doc_fact(d, "max", "largest", size_value(s, BREACH_SIZES_MAX, s->max_u, s->max, 0));
    bs_doc_fact(d, "mean", "mean", bs_v_real(s->mean, 1));
    bs_doc_fact(d, "geomean", "geometric mean", bs_v_real(s->geomean, 1));
    bs_doc_fact(d, "geosd", "geometric standard deviation", bs_v_real(s->geosd, 3));
    /* one incident in two sources is two sizes of the distribution: said, not dropped */
    breach_format_overlap *fo = breach_format_overlap_compute(ctx->ds, &ctx->filter, NULL, &e);
    if (fo) {
        bs_doc_two_formats(d, fo, false, s->unit);
        if (fo->n_formats > 1)
            bs_doc_fact(d, "two_formats_sizes", "  sizes possibly listed twice",
                        bs_v_uint(fo->n_figures_twice[s->unit]));
        breach_format_overlap_free(fo);
    } else {
        bs_doc_note(d, "notices in two formats not looked for: %s", e.text);
    }
    if (bs_flag(ctx, "fit"))
        fits(ctx, d, s);
    char head[48];
    snprintf(head, sizeof head, "size (%s)", un);
    bs_column cols[] = {{un, head, BS_V_REAL},
                              {"share_at_least", "share of notices this size or more",
                               BS_V_PCT}};
    if (ctx->out == BS_OUT_TABLE && s->n_ccdf > MAX_CCDF_ROWS) {
        /* thousands of rows are no table for people: the curve at 1, 2 and 5 x 10^k */
        cols[0].label = "size at least";
        bs_table *t = bs_doc_table(d, "ccdf", "Complementary CDF (at 1, 2, 5 x 10^k)", cols, 2);
        size_t i = 0;
        double decade = 1;
        while (decade * 10 <= s->ccdf_x[0])
            decade *= 10;
        for (; i < s->n_ccdf; decade *= 10) {
            static const double steps[] = {1, 2, 5};
            for (int k = 0; k < 3 && i < s->n_ccdf; k++) {
                double at = steps[k] * decade;
                while (i < s->n_ccdf && s->ccdf_x[i] < at)
                    i++;
                if (i == s->n_ccdf)
                    break;
                bs_table_add(t, bs_v_real(at, 0));
                bs_table_add(t, bs_v_pct(s->ccdf_p[i]));
            }
        }
        char n[BS_NUM];
        bs_doc_note(d, "the table shows the complementary CDF at round sizes; --csv or --json "
                       "give all of its %s points",
                    bs_fmt_uint(s->n_ccdf, n, sizeof n));
    } else {
        bs_table *t = bs_doc_table(d, "ccdf", "Complementary CDF", cols, 2);
        for (size_t i = 0; i < s->n_ccdf; i++) {
            bs_table_add(t, bs_v_uint(s->ccdf_u[i]));
            bs_table_add(t, bs_v_pct(s->ccdf_p[i]));
        }
    }
    if (s->n_other_units)
        bs_doc_note(d, "a distribution of one unit: sizes in other units are left out of every "
                       "figure above, not mixed in");
    source_rules_note(d, s);
    bs_doc_note(d, "\"at least\" and \"at most\" sizes are bounds, not values: they are out of "
                   "the quantiles and the CCDF, and censored observations in the log-normal fit");
    int rc = bs_doc_emit_flagged(d, ctx);
    bs_doc_free(d);
    breach_sizes_free(s);
    return rc;
}
