/* breachstat timeline: notices per month, quarter or year. */
#include "breachstat.h"

#include <stdlib.h>
#include <string.h>

const bs_optspec bs_timeline_opts[] = {
    {"by", 0, "PERIOD", "month (default), quarter or year"},
    {"expected-by-length", 0, NULL,
     "chi-square test against counts proportional to the periods' lengths (default: equal)"},
    {NULL, 0, NULL, NULL}};

static const char *const period_names[] = {"month", "quarter", "year", NULL};

/* "2023-04", "2023-Q2", "2023" */
static void period_label(breach_date start, int period, char *buf, size_t size)
{
    int y, m, dd;
    breach_date_to_ymd(start, &y, &m, &dd);
    if (period == BREACH_PERIOD_YEAR)
        snprintf(buf, size, "%04d", y);
    else if (period == BREACH_PERIOD_QUARTER)
        snprintf(buf, size, "%04d-Q%d", y, (m - 1) / 3 + 1);
    else
        snprintf(buf, size, "%04d-%02d", y, m);
}

int bs_cmd_timeline(bs_ctx *ctx)
{
    breach_timeseries_options o;
    breach_timeseries_options_init(&o);
    const char *v = bs_opt(ctx, "by");
    int k;
    if (v) {
        if ((k = bs_parse_choice("by", v, period_names)) < 0)
            return BS_EXIT_USAGE;
        o.period = k; /* period_names follows breach_period */
    }
    if (ctx->date_field >= 0)
        o.date_field = ctx->date_field;
    else
        ctx->filter.date_field = o.date_field; /* --from/--to on the series' own date */
    o.from = ctx->filter.from;
    o.to = ctx->filter.to;
    o.expected_by_length = bs_flag(ctx, "expected-by-length");

    breach_error e;
    breach_timeseries *ts = breach_timeseries_compute(ctx->ds, &ctx->filter, &o, &e);
    if (!ts)
        return bs_stat_failed("time series", &e);

    char title[64];
    snprintf(title, sizeof title, "Notices per %s", period_names[o.period]);
    bs_doc *d = bs_doc_new(ctx, title);
    char a[BS_NUM], b[BS_NUM], first[16] = "", last[16] = "";
    if (ts->n_periods) {
        period_label(ts->periods[0].start, o.period, first, sizeof first);
        period_label(ts->periods[ts->n_periods - 1].start, o.period, last, sizeof last);
    }
    bs_doc_headline(d, "%s of %s notices counted by %s date in %zu %s%s%s%s%s%s.",
                    bs_fmt_uint(ts->n_counted, a, sizeof a),
                    bs_fmt_uint(ts->n_incidents, b, sizeof b), bs_date_field_name(o.date_field),
                    ts->n_periods, period_names[o.period], ts->n_periods == 1 ? "" : "s",
                    ts->n_periods ? " from " : "", first,
                    ts->n_periods ? " to " : "", last);
    bs_doc_fact(d, "date_field", "date", bs_v_text(bs_date_field_name(o.date_field)));
    bs_doc_fact(d, "period", "period", bs_v_text(period_names[o.period]));
    bs_doc_fact(d, "incidents", "notices selected", bs_v_uint(ts->n_incidents));
    bs_doc_fact(d, "undated", "without the date (left out)", bs_v_uint(ts->n_undated));
    bs_doc_fact(d, "coarse", "date coarser than the period (left out)", bs_v_uint(ts->n_coarse));
    bs_doc_fact(d, "outside", "outside --from/--to (left out)", bs_v_uint(ts->n_outside));
    bs_doc_fact(d, "counted", "counted", bs_v_uint(ts->n_counted));
    bs_doc_fact(d, "chisq", "uniformity: chi-square", bs_v_real(ts->uniformity.statistic, 2));
    bs_doc_fact(d, "chisq_df", "  degrees of freedom", bs_v_real(ts->uniformity.df, 0));
    bs_doc_fact(d, "chisq_p", "  p-value", bs_v_real(ts->uniformity.p_value, 4));
    bs_doc_fact(d, "chisq_min_expected", "  smallest expected count",
                bs_v_real(ts->uniformity.min_expected, 2));
    bs_doc_fact(d, "mean", "notices per period: mean", bs_v_real(ts->dispersion.mean, 2));
    bs_doc_fact(d, "variance", "  variance", bs_v_real(ts->dispersion.variance, 2));
    bs_doc_fact(d, "nb_size", "negative binomial size r", bs_v_real(ts->dispersion.nb_size, 3));
    bs_doc_fact(d, "lr", "overdispersion: likelihood ratio", bs_v_real(ts->dispersion.lr_statistic, 2));
    bs_doc_fact(d, "lr_p", "  p-value", bs_v_real(ts->dispersion.p_value, 4));

    static const bs_column cols[] = {{"period", "period", BS_V_TEXT},
                                     {"start", "from", BS_V_DATE},
                                     {"days", "days", BS_V_INT},
                                     {"notices", "notices", BS_V_UINT},
                                     {"affected", "affected", BS_V_TOTAL}};
    bs_table *t = bs_doc_table(d, "periods", "Periods", cols, sizeof cols / sizeof cols[0]);
    for (size_t i = 0; i < ts->n_periods; i++) {
        const breach_period_count *p = &ts->periods[i];
        char label[16];
        period_label(p->start, o.period, label, sizeof label);
        breach_date start = p->start;
        start.precision = BREACH_PREC_DAY; /* the first day, written in full */
        bs_table_add(t, bs_v_text(label));
        bs_table_add(t, bs_v_date(start));
        bs_table_add(t, bs_v_int(p->days));
        bs_table_add(t, bs_v_uint(p->n_incidents));
        bs_table_add(t, bs_v_total(p->affected));
    }
    if (ts->uniformity.min_expected < 5)
        bs_doc_note(d, "expected counts under 5: the chi-square approximation is doubtful");
    int rc = bs_doc_emit(d, ctx);
    bs_doc_free(d);
    breach_timeseries_free(ts);
    return rc;
}
