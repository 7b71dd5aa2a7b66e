/* breachstat repeats: organisations hit more than once, and the days between. */
#include "breachstat.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const bs_optspec bs_repeats_opts[] = {
    {"merge-within", 0, "DAYS",
     "notices of one organisation at most DAYS apart are one episode (default 0: same day)"},
    {"associate-window", 0, "DAYS|off",
     "business-associate filings of one organisation within DAYS of its episode's first one "
     "are one episode (default 60; 0 or off: no such rule)"},
    {"cross-source-window", 0, "DAYS|off",
     "notices of one organisation from inputs of two formats (HHS and a state list) reported "
     "within DAYS of each other are one episode (default 120; 0 or off: no such rule)"},
    {"survival", 0, NULL,
     "add the time to the next breach (Kaplan-Meier, with Greenwood intervals)"},
    {"follow-up-end", 0, "DATE",
     "with --survival: organisations not hit again are followed to DATE's last day (default: "
     "the end of their lists, or --to's last day when earlier)"},
    {NULL, 0, NULL, NULL}};

#define MAX_HEADLINES 10

static void survival_part(bs_ctx *ctx, bs_doc *d, const breach_repeat_options *ro,
                          breach_date follow_up_end)
{
    breach_error e;
    breach_survival_options so;
    breach_survival_options_init(&so);
    so.date_field = ro->date_field;
    so.window_end = follow_up_end;
    so.merge_within_days = ro->merge_within_days;
    so.associate_window_days = ro->associate_window_days;
    so.cross_source_window_days = ro->cross_source_window_days;
    breach_survival *s = breach_survival_compute(ctx->ds, &ctx->filter, &so, &e);
    if (!s) {
        bs_doc_note(d, "time to the next breach not computed: %s", e.text);
        return;
    }
    /* where the censored are censored: a repeat rate means little without it */
    bs_doc_fact(d, "km_window_end", "Kaplan-Meier: followed until", bs_v_date(s->window_end));
    bs_doc_fact(d, "km_observations", "Kaplan-Meier: observations", bs_v_uint(s->n_observations));
    bs_doc_fact(d, "km_events", "Kaplan-Meier: breached again", bs_v_uint(s->n_events));
    bs_doc_fact(d, "km_censored", "Kaplan-Meier: censored", bs_v_uint(s->n_censored));
    bs_doc_fact(d, "km_median_days", "median time to the next breach, days",
                bs_v_real(s->median.estimate, 0));
    bs_doc_fact(d, "km_median_days_lo", "  lower bound, days", bs_v_real(s->median.lo, 0));
    bs_doc_fact(d, "km_median_days_hi", "  upper bound, days", bs_v_real(s->median.hi, 0));
    bs_doc_fact(d, "km_within_1y", "breached again within a year", bs_v_pct(s->within_1y.estimate));
    bs_doc_fact(d, "km_within_1y_lo", "  lower bound", bs_v_pct(s->within_1y.lo));
    bs_doc_fact(d, "km_within_1y_hi", "  upper bound", bs_v_pct(s->within_1y.hi));
    bs_doc_fact(d, "km_within_3y", "breached again within 3 years", bs_v_pct(s->within_3y.estimate));
    bs_doc_fact(d, "km_within_3y_lo", "  lower bound", bs_v_pct(s->within_3y.lo));
    bs_doc_fact(d, "km_within_3y_hi", "  upper bound", bs_v_pct(s->within_3y.hi));
    bs_doc_fact(d, "km_level", "confidence level of the bounds", bs_v_pct(s->level));
    if (breach_date_is_known(follow_up_end) && breach_date_is_known(s->window_end) &&
        breach_date_last_day(follow_up_end) > s->window_end.day) {
        char given[16], used[16];
        bs_doc_note(d, "--follow-up-end %s is past what the data observe: the follow-up ends "
                       "on %s (the lists' last date, or --to's last day), not later",
                    bs_fmt_date(follow_up_end, given, sizeof given),
                    bs_fmt_date(s->window_end, used, sizeof used));
    }
    if (s->n_late) {
        char n[BS_NUM], end[16];
        bs_doc_note(d, "time to the next breach: %s %s dated after the follow-up's end (%s) "
                       "left out",
                    bs_fmt_uint(s->n_late, n, sizeof n), bs_plural(s->n_late, "notice", "notices"),
                    bs_fmt_date(s->window_end, end, sizeof end));
    }
    if (isnan(s->median.estimate))
        bs_doc_note(d, "median time to the next breach not reached: fewer than half of the "
                       "organisations are seen again before the end of observation");
    static const bs_column cols[] = {
        {"days", "days", BS_V_REAL},         {"at_risk", "at risk", BS_V_UINT},
        {"events", "events", BS_V_UINT},     {"censored", "censored", BS_V_UINT},
        {"survival", "not hit again", BS_V_PCT}, {"lo", "lower", BS_V_PCT},
        {"hi", "upper", BS_V_PCT}};
    bs_table *t = bs_doc_table(d, "survival", "Time to the next breach (Kaplan-Meier)", cols,
                               sizeof cols / sizeof cols[0]);
    for (size_t i = 0; i < s->n_steps; i++) {
        const breach_km_step *k = &s->steps[i];
        bs_table_add(t, bs_v_real(k->time, 0));
        bs_table_add(t, bs_v_uint(k->at_risk));
        bs_table_add(t, bs_v_uint(k->events));
        bs_table_add(t, bs_v_uint(k->censored));
        bs_table_add(t, bs_v_pct(k->survival));
        bs_table_add(t, bs_v_pct(k->lo));
        bs_table_add(t, bs_v_pct(k->hi));
    }
    breach_survival_free(s);
}

/* A window option, DAYS or off (0 is off too: to the library 0 means the default); *used
 * the days in force (dflt when not given, -1 when off). 0 or BS_EXIT_USAGE. */
static int window_opt(const bs_ctx *ctx, const char *name, int32_t dflt, int32_t *days,
                      int32_t *used)
{
    const char *v = bs_opt(ctx, name);
    uint64_t n = 0;
    if (v && strcmp(v, "off") != 0 && bs_parse_uint(name, v, 36500, &n))
        return BS_EXIT_USAGE;
    *days = !v ? 0 : n == 0 ? -1 : (int32_t)n;
    *used = *days == 0 ? dflt : *days;
    return 0;
}

int bs_cmd_repeats(bs_ctx *ctx)
{
    breach_repeat_options ro;
    breach_repeat_options_init(&ro);
    if (ctx->date_field >= 0)
        ro.date_field = ctx->date_field;
    const char *v = bs_opt(ctx, "merge-within");
    uint64_t merge = 0;
    if (v && bs_parse_uint("merge-within", v, 36500, &merge))
        return BS_EXIT_USAGE;
    ro.merge_within_days = (int32_t)merge;
    int32_t window_used, cross_used;
    if (window_opt(ctx, "associate-window", BREACH_ASSOCIATE_WINDOW_DEFAULT,
                   &ro.associate_window_days, &window_used) ||
        window_opt(ctx, "cross-source-window", BREACH_CROSS_SOURCE_WINDOW_DEFAULT,
                   &ro.cross_source_window_days, &cross_used))
        return BS_EXIT_USAGE;
    breach_date follow_up_end = breach_date_none();
    if ((v = bs_opt(ctx, "follow-up-end"))) {
        if (!bs_flag(ctx, "survival"))
            return bs_usage_error(ctx, "--follow-up-end goes with --survival");
        if (bs_parse_date("follow-up-end", v, &follow_up_end))
            return BS_EXIT_USAGE;
    }

    breach_error e;
    breach_repeats *rp = breach_repeats_compute(ctx->ds, &ctx->filter, &ro, &e);
    if (!rp)
        return bs_stat_failed("repeat intervals", &e);

    bs_doc *d = bs_doc_new(ctx, "Repeat victims");
    char a[BS_NUM], b[BS_NUM], c[BS_NUM], p[BS_NUM];
    /* the share's denominator is the one printed: organisations with a dated notice */
    bs_doc_headline(d, "Hit more than once: %s of %s %s with a dated notice (%s); "
                       "%zu %s between episodes (dates: %s).",
                    bs_fmt_uint(rp->n_repeat_entities, b, sizeof b),
                    bs_fmt_uint(rp->n_entities, a, sizeof a),
                    bs_plural(rp->n_entities, "organisation", "organisations"),
                    bs_fmt_pct(rp->repeat_share, p, sizeof p), rp->n_intervals,
                    rp->n_intervals == 1 ? "interval" : "intervals",
                    bs_date_field_name(ro.date_field));
    for (size_t k = 0; k < rp->n_intervals && k < MAX_HEADLINES; k++) {
        const breach_repeat_interval *iv = &rp->intervals[k];
        breach_incident x, y;
        if (breach_dataset_get(ctx->ds, iv->first, &x, NULL) != BREACH_OK ||
            breach_dataset_get(ctx->ds, iv->second, &y, NULL) != BREACH_OK)
            continue;
        char dx[16], dy[16];
        bs_fmt_date(bs_date_of(&x, ro.date_field), dx, sizeof dx);
        bs_fmt_date(bs_date_of(&y, ro.date_field), dy, sizeof dy);
        if (iv->days_min != iv->days_max)
            bs_doc_headline(d, "%s: %d %s (%d to %d) from %s (%s) to %s (%s).",
                            x.entity ? x.entity : iv->entity_key, (int)iv->days,
                            bs_plural((uint64_t)iv->days, "day", "days"), (int)iv->days_min,
                            (int)iv->days_max, dx, x.id ? x.id : "?", dy, y.id ? y.id : "?");
        else
            bs_doc_headline(d, "%s: %d %s from %s (%s) to %s (%s).",
                            x.entity ? x.entity : iv->entity_key, (int)iv->days,
                            bs_plural((uint64_t)iv->days, "day", "days"), dx,
                            x.id ? x.id : "?", dy, y.id ? y.id : "?");
    }
    if (rp->n_intervals > MAX_HEADLINES)
        bs_doc_headline(d, "Median %s %s (quartiles %s to %s).",
                        bs_fmt_real(rp->summary.median, 0, a, sizeof a),
                        rp->summary.median == 1 ? "day" : "days",
                        bs_fmt_real(rp->summary.q1, 0, b, sizeof b),
                        bs_fmt_real(rp->summary.q3, 0, c, sizeof c));

    bs_doc_fact(d, "incidents", "notices selected", bs_v_uint(rp->n_incidents));
    bs_doc_fact(d, "undated", "without the date (left out)", bs_v_uint(rp->n_undated));
    bs_doc_fact(d, "unnamed", "without an organisation (left out)", bs_v_uint(rp->n_unnamed));
    bs_doc_fact(d, "organisations", "organisations with a dated notice",
                bs_v_uint(rp->n_entities));
    bs_doc_fact(d, "repeat_organisations", "  of them hit more than once",
                bs_v_uint(rp->n_repeat_entities));
    bs_doc_fact(d, "repeat_share", "  share hit more than once (of those with a dated notice)",
                bs_v_pct(rp->repeat_share));
    bs_doc_fact(d, "intervals", "intervals", bs_v_uint(rp->summary.n));
    bs_doc_fact(d, "days_min", "shortest, days", bs_v_real(rp->summary.min, 0));
    bs_doc_fact(d, "days_q1", "first quartile, days", bs_v_real(rp->summary.q1, 1));
    bs_doc_fact(d, "days_median", "median, days", bs_v_real(rp->summary.median, 1));
    bs_doc_fact(d, "days_q3", "third quartile, days", bs_v_real(rp->summary.q3, 1));
    bs_doc_fact(d, "days_max", "longest, days", bs_v_real(rp->summary.max, 0));
    bs_doc_fact(d, "days_mean", "mean, days", bs_v_real(rp->summary.mean, 1));
    bs_doc_fact(d, "date_field", "dates", bs_v_text(bs_date_field_name(ro.date_field)));
    bs_doc_fact(d, "merge_within_days", "merged when at most this many days apart",
                bs_v_int(ro.merge_within_days));
    bs_doc_fact(d, "associate_window_days",
                "business-associate filings merged within, days (none: off)",
                window_used < 0 ? bs_v_null() : bs_v_int(window_used));
    bs_doc_fact(d, "cross_source_window_days",
                "notices of two input formats merged within, days (none: off)",
                cross_used < 0 ? bs_v_null() : bs_v_int(cross_used));

    static const bs_column cols[] = {
        {"days", "days", BS_V_INT},         {"days_min", "min", BS_V_INT},
        {"days_max", "max", BS_V_INT},      {"from_date", "from", BS_V_DATE},
        {"to_date", "to", BS_V_DATE},       {"from_id", "from notice", BS_V_TEXT},
        {"to_id", "to notice", BS_V_TEXT},  {"entity", "organisation", BS_V_TEXT}};
    bs_table *t = bs_doc_table(d, "intervals", "Intervals", cols, sizeof cols / sizeof cols[0]);
    for (size_t k = 0; k < rp->n_intervals; k++) {
        const breach_repeat_interval *iv = &rp->intervals[k];
        breach_incident x, y;
        bool okx = breach_dataset_get(ctx->ds, iv->first, &x, NULL) == BREACH_OK;
        bool oky = breach_dataset_get(ctx->ds, iv->second, &y, NULL) == BREACH_OK;
        bs_table_add(t, bs_v_int(iv->days));
        bs_table_add(t, bs_v_int(iv->days_min));
        bs_table_add(t, bs_v_int(iv->days_max));
        bs_table_add(t, okx ? bs_v_date(bs_date_of(&x, ro.date_field)) : bs_v_null());
        bs_table_add(t, oky ? bs_v_date(bs_date_of(&y, ro.date_field)) : bs_v_null());
        bs_table_add(t, bs_v_text(okx ? x.id : NULL));
        bs_table_add(t, bs_v_text(oky ? y.id : NULL));
        bs_table_add(t, bs_v_text(okx && x.entity ? x.entity : iv->entity_key));
    }
    if (bs_flag(ctx, "survival"))
        survival_part(ctx, d, &ro, follow_up_end);
    bs_doc_note(d, "an interval runs between the first notices of consecutive episodes; min and "
                   "max bound it when a date is only a month or a year");
    if (window_used >= 0)
        bs_doc_note(d, "a business-associate filing (entity type \"Business Associate\") within "
                       "%d %s of its organisation's episode's first such filing is one episode "
                       "with it (one notice per client of one incident; --associate-window)",
                    (int)window_used, bs_plural((uint64_t)window_used, "day", "days"));
    if (cross_used >= 0 && rp->n_sources > 1)
        bs_doc_note(d, "notices of one organisation from inputs of two formats (an HHS filing "
                       "and a state attorney general's notice) reported within %d %s of each "
                       "other are one episode: one incident notified to two regulators "
                       "(--cross-source-window; `breachstat links` pairs them the same way)",
                    (int)cross_used, bs_plural((uint64_t)cross_used, "day", "days"));
    int rc = bs_doc_emit_flagged(d, ctx);
    bs_doc_free(d);
    breach_repeats_free(rp);
    return rc;
}
