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

/* Why whole periods by event (occurred, discovered) date were not observed in full: a
 * list holds a breach only once it is reported, so the periods before its first reported
 * day and those the reporting lag has not yet passed hold fewer notices than happened. */
static void truncation_headline(bs_doc *d, const breach_timeseries *ts, int field,
                                const char *period)
{
    char rf[16] = "?", rl[16] = "?", nd[BS_NUM];
    breach_date_format(ts->reported_first, rf, sizeof rf);
    breach_date_format(ts->reported_last, rl, sizeof rl);
    size_t late = ts->n_truncated - ts->n_before;
    bs_fmt_uint(ts->n_delays, nd, sizeof nd);
    if (!breach_date_is_known(ts->reported_first)) {
        bs_doc_headline(d, "The lists have no reported date: what they observed of each %s is "
                           "unknown, and no %s is tested.", period, period);
        return;
    }
    char before[160] = "";
    if (ts->n_before)
        snprintf(before, sizeof before, "%zu %s%s began before the lists' first report (%s) "
                                        "and hold only breaches reported after it",
                 ts->n_before, period, ts->n_before == 1 ? "" : "s", rf);
    if (ts->lag_days < 0)
        bs_doc_headline(d, "Not observed in full: %s%sthe reporting lag is unknown (%s "
                           "notices give both the reported day and the %s day, fewer than 20), so the "
                           "other %zu %s%s are not known to be complete.",
                        before, *before ? "; " : "", nd, bs_date_field_name(field), late,
                        period, late == 1 ? "" : "s");
    else if (late)
        bs_doc_headline(d, "Not observed in full: %s%s%zu %s%s %s less than %d days (the "
                           "reporting lag: 90th percentile of %s delays from the %s date to "
                           "the report, median %d) before the lists' last report (%s), so "
                           "some of %s breaches were still to be reported.",
                        before, *before ? "; " : "", late, period, late == 1 ? "" : "s",
                        late == 1 ? "ends" : "end",
                        (int)ts->lag_days, nd, bs_date_field_name(field),
                        (int)ts->lag_median, rl, late == 1 ? "its" : "their");
    else
        bs_doc_headline(d, "Not observed in full: %s.", before);
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
    /* --from/--to bound the series, on its own date: the library counts the notices outside
       them (n_outside), so they are not taken out by the filter first, which would hide them
       ("921 of 921", "outside --from/--to: 0" with 1,055 loaded) */
    breach_filter f = ctx->filter;
    f.date_field = o.date_field;
    ctx->own_range = true; /* coarse dates: n_coarse, by the series' own rule */
    o.from = f.from;
    o.to = f.to;
    f.from = f.to = breach_date_none();
    o.expected_by_length = bs_flag(ctx, "expected-by-length");

    breach_error e;
    breach_timeseries *ts = breach_timeseries_compute(ctx->ds, &f, &o, &e);
    if (!ts)
        return bs_stat_failed("time series", &e);

    char title[64];
    snprintf(title, sizeof title, "Notices per %s", period_names[o.period]);
    bs_doc *d = bs_doc_new(ctx, title);
    char a[BS_NUM], b[BS_NUM], c[BS_NUM], first[16] = "", last[16] = "";
    if (ts->n_periods) {
        period_label(ts->periods[0].start, o.period, first, sizeof first);
        period_label(ts->periods[ts->n_periods - 1].start, o.period, last, sizeof last);
    }
    uint64_t loaded = breach_dataset_size(ctx->ds);
    bs_doc_headline(d, "%s of %s %s counted by %s date in %zu %s%s%s%s%s%s (%s loaded).",
                    bs_fmt_uint(ts->n_counted, a, sizeof a),
                    bs_fmt_uint(ts->n_incidents, b, sizeof b),
                    bs_plural(ts->n_incidents, "notice", "notices"), bs_date_field_name(o.date_field),
                    ts->n_periods, period_names[o.period], ts->n_periods == 1 ? "" : "s",
                    ts->n_periods ? " from " : "", first,
                    ts->n_periods ? " to " : "", last, bs_fmt_uint(loaded, c, sizeof c));
    char span_a[16] = "", span_b[16] = "";
    if (ts->n_periods) {
        breach_date_format(ts->span_first, span_a, sizeof span_a);
        breach_date_format(ts->span_last, span_b, sizeof span_b);
    }
    if (ts->n_periods && !breach_date_is_known(ts->span_first))
        bs_doc_headline(d, "The data reach no day of the %zu %s%s: no data, nothing tested.",
                        ts->n_periods, period_names[o.period], ts->n_periods == 1 ? "" : "s");
    else if (ts->n_partial || ts->n_uncovered || ts->n_truncated) {
        char part[64] = "", none[64] = "", trunc[80] = "";
        if (ts->n_partial)
            snprintf(part, sizeof part, "%zu partial %s (marked)", ts->n_partial,
                     ts->n_partial == 1 ? "period" : "periods");
        if (ts->n_uncovered)
            snprintf(none, sizeof none, "%zu %s without data", ts->n_uncovered,
                     ts->n_uncovered == 1 ? "period" : "periods");
        if (ts->n_truncated)
            snprintf(trunc, sizeof trunc, "%zu %s not observed in full (truncated)",
                     ts->n_truncated, ts->n_truncated == 1 ? "period" : "periods");
        bs_doc_headline(d, "The data cover %s to %s: %s%s%s%s%s left out of the tests, which run "
                           "over the %zu whole %s%s (%s %s).",
                        span_a, span_b, part, *part && *none ? (*trunc ? ", " : " and ") : "", none,
                        (*part || *none) && *trunc ? " and " : "", trunc, ts->n_tested,
                        ts->n_tested == 1 ? "one" : "ones",
                        o.date_field != BREACH_FIELD_REPORTED ? " observed in full" : "",
                        bs_fmt_uint(ts->n_tested_incidents, a, sizeof a),
                        bs_plural(ts->n_tested_incidents, "notice", "notices"));
    }
    if (ts->n_truncated)
        truncation_headline(d, ts, o.date_field, period_names[o.period]);
    if (ts->n_counted == 0 && ts->n_undated > 0 && ts->n_undated == ts->n_incidents) {
        /* none has the date (when some have it but lie outside --from/--to or are coarser,
           the facts below say so: another date would not help) */
        static const char *const others[] = {"event", "reported", "occurred", "discovered"};
        bs_buf ob;
        bs_buf_init(&ob);
        for (int j = 0, m = 0; j < 4; j++)
            if (j != (int)o.date_field)
                bs_buf_printf(&ob, "%s%s", m++ ? ", " : "", others[j]);
        bs_doc_headline(d, "No selected notice has a %s date: --date chooses another (%s).",
                        bs_date_field_name(o.date_field), ob.s);
        bs_buf_free(&ob);
    }
    bs_doc_fact(d, "date_field", "date", bs_v_text(bs_date_field_name(o.date_field)));
    bs_doc_fact(d, "period", "period", bs_v_text(period_names[o.period]));
    bs_doc_fact(d, "loaded", "notices loaded", bs_v_uint(loaded));
    bs_doc_fact(d, "incidents", "notices selected (filters but --from/--to)",
                bs_v_uint(ts->n_incidents));
    bs_doc_fact(d, "undated", "without the date (left out)", bs_v_uint(ts->n_undated));
    bs_doc_fact(d, "coarse", "date coarser than period/range (left out)", bs_v_uint(ts->n_coarse));
    bs_doc_fact(d, "outside", "outside --from/--to (left out)", bs_v_uint(ts->n_outside));
    bs_doc_fact(d, "counted", "counted", bs_v_uint(ts->n_counted));
    bs_doc_fact(d, "span_first", "data cover from", bs_v_date(ts->span_first));
    bs_doc_fact(d, "span_last", "  to", bs_v_date(ts->span_last));
    bs_doc_fact(d, "partial_periods", "partial periods (left out of the tests)",
                bs_v_uint(ts->n_partial));
    bs_doc_fact(d, "uncovered_periods", "periods without data (left out)",
                bs_v_uint(ts->n_uncovered));
    bs_doc_fact(d, "truncated_periods", "not observed in full (left out)",
                bs_v_uint(ts->n_truncated));
    bs_doc_fact(d, "truncated_before", "  of them before the lists' first report",
                bs_v_uint(ts->n_before));
    bs_doc_fact(d, "reported_first", "lists reported from", bs_v_date(ts->reported_first));
    bs_doc_fact(d, "reported_last", "  to", bs_v_date(ts->reported_last));
    bs_doc_fact(d, "delays", "notices with a reporting delay", bs_v_uint(ts->n_delays));
    bs_doc_fact(d, "lag_days", "reporting lag (90th percentile, days)",
                ts->lag_days < 0 ? bs_v_absent("unknown") : bs_v_int(ts->lag_days));
    bs_doc_fact(d, "lag_median", "  median delay (days)",
                ts->lag_median < 0 ? bs_v_absent("unknown") : bs_v_int(ts->lag_median));
    bs_doc_fact(d, "tested_periods", "periods tested (whole ones)", bs_v_uint(ts->n_tested));
    bs_doc_fact(d, "tested_notices", "notices in them", bs_v_uint(ts->n_tested_incidents));
    bs_doc_fact(d, "chisq", "uniformity: chi-square", bs_v_real(ts->uniformity.statistic, 2));
    bs_doc_fact(d, "chisq_df", "  degrees of freedom", bs_v_real(ts->uniformity.df, 0));
    bs_doc_fact(d, "chisq_p", "  p-value", bs_v_pvalue(ts->uniformity.p_value));
    bs_doc_fact(d, "chisq_min_expected", "  smallest expected count",
                bs_v_real(ts->uniformity.min_expected, 2));
    bs_doc_fact(d, "mean", "notices per whole period: mean", bs_v_real(ts->dispersion.mean, 2));
    bs_doc_fact(d, "variance", "  variance", bs_v_real(ts->dispersion.variance, 2));
    bs_doc_fact(d, "nb_size", "negative binomial size r", bs_v_real(ts->dispersion.nb_size, 3));
    bs_doc_fact(d, "lr", "overdispersion: likelihood ratio", bs_v_real(ts->dispersion.lr_statistic, 2));
    bs_doc_fact(d, "lr_p", "  p-value", bs_v_pvalue(ts->dispersion.p_value));
    /* unit, units, other_units as every command that sums counts: the series' totals are in
       one unit, the others in columns of their own */
    bs_doc_units(d, ts->unit, ts->units, ts->n_counted - ts->n_by_unit[ts->unit], "notice",
                 "notices");
    /* one incident in two sources is two notices of a period: said, not dropped */
    bs_doc_two_formats(d, &ts->two_formats, true, -1);

    /* one affected column per unit among the counted notices (the series' unit first, at
       least), never added together */
    int ucol[BREACH_UNIT_COUNT_], nu = 0;
    ucol[nu++] = ts->unit;
    for (int u = 0; u < BREACH_UNIT_COUNT_; u++)
        if (u != ts->unit && (ts->units >> u & 1))
            ucol[nu++] = u;
    /* with two formats loaded, what each period may count twice: its notices, and the
       series' unit's total (the other units' are in two_formats_* of the whole) */
    bool twice = ts->two_formats.n_formats > 1;
    bs_column cols[9 + BREACH_UNIT_COUNT_] = {{"period", "period", BS_V_TEXT},
                                              {"start", "from", BS_V_DATE},
                                              {"days", "days", BS_V_INT},
                                              {"covered_days", "covered", BS_V_INT},
                                              {"partial", "partial", BS_V_BOOL},
                                              {"notices", "notices", BS_V_UINT}};
    for (int j = 0; j < nu; j++)
        cols[6 + j] = (bs_column){breach_unit_name((breach_unit)ucol[j]),
                                  breach_unit_name((breach_unit)ucol[j]), BS_V_TOTAL};
    char twice_name[48], twice_label[48];
    snprintf(twice_name, sizeof twice_name, "%s_twice", breach_unit_name((breach_unit)ts->unit));
    snprintf(twice_label, sizeof twice_label, "%s twice?", breach_unit_name((breach_unit)ts->unit));
    size_t ncols = 6 + (size_t)nu;
    if (twice) {
        cols[ncols++] = (bs_column){"notices_twice", "notices twice?", BS_V_UINT};
        cols[ncols++] = (bs_column){twice_name, twice_label, BS_V_UINT};
    }
    /* last, so that a reader of the CSV by position finds the columns where they were */
    cols[ncols++] = (bs_column){"truncated", "truncated", BS_V_BOOL};
    bs_table *t = bs_doc_table(d, "periods", "Periods", cols, ncols);
    for (size_t i = 0; i < ts->n_periods; i++) {
        const breach_period_count *p = &ts->periods[i];
        char label[16];
        period_label(p->start, o.period, label, sizeof label);
        breach_date start = p->start;
        start.precision = BREACH_PREC_DAY; /* the first day, written in full */
        bs_table_add(t, bs_v_text(label));
        bs_table_add(t, bs_v_date(start));
        bs_table_add(t, bs_v_int(p->days));
        bs_table_add(t, bs_v_int(p->covered_days));
        if (!p->covered_days) { /* beyond the data: no figure, never a 0 */
            for (size_t j = 4; j < ncols; j++)
                bs_table_add(t, bs_v_absent("no data"));
            continue;
        }
        bs_table_add(t, bs_v_bool(p->partial));
        bs_table_add(t, bs_v_uint(p->n_incidents));
        for (int j = 0; j < nu; j++) {
            const breach_total *tot = &p->by_unit[ucol[j]];
            /* notices none of which gives a figure are a total like any other (lower 0,
               no upper bound, n_unknown = n): "unknown" with its "no figure" count, a
               total in JSON and CSV as every command writes it, never a word in its place */
            if (!p->n_by_unit[ucol[j]])
                bs_table_add(t, bs_v_absent("not counted"));
            else
                bs_table_add(t, bs_v_total(*tot));
        }
        if (twice) {
            bs_table_add(t, bs_v_uint(p->n_twice));
            bs_table_add(t, p->n_by_unit[ts->unit] ? bs_v_uint(p->twice_by_unit[ts->unit])
                                                   : bs_v_absent("not counted"));
        }
        bs_table_add(t, bs_v_bool(p->truncated));
    }
    if (ts->n_partial)
        bs_doc_note(d, "partial periods (partial = yes: the data cover only some of their days) "
                       "are left out of the chi-square and the overdispersion test");
    if (ts->n_truncated)
        bs_doc_note(d, "truncated = yes: a whole period the lists could not observe in full "
                       "(it began before their first report, or its breaches were still being "
                       "reported when they end): left out of the tests");
    if (ts->n_uncovered)
        bs_doc_note(d, "\"no data\": the period is outside the days the data cover (before "
                       "their first or after their last dated notice): not a period without "
                       "breaches, and left out of the tests");
    if (nu > 1)
        bs_doc_note(d, "affected totals are per unit and never added: %s counts %s",
                    breach_unit_name((breach_unit)ucol[1]),
                    ucol[1] == BREACH_UNIT_ACCOUNTS ? "e-mail addresses (HIBP), not people"
                                                    : "records, not people");
    bs_doc_note(d, "\"not counted\": no notice of that unit in the period (JSON null, empty CSV "
                   "fields); \"unknown\": such notices, none with a figure");
    if (twice)
        bs_doc_note(d, "notices twice?: of the period's notices, those that may count again an "
                       "incident another format's notice counts (same organisation, within %d "
                       "days; kept and counted); %s twice?: their total",
                    (int)ts->two_formats.window_days, breach_unit_name((breach_unit)ts->unit));
    if (ts->uniformity.min_expected < 5)
        bs_doc_note(d, "expected counts under 5: the chi-square approximation is doubtful");
    int rc = bs_doc_emit_flagged(d, ctx);
    bs_doc_free(d);
    breach_timeseries_free(ts);
    return rc;
}
