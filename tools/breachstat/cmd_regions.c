/* breachstat regions: residents affected per region (from the notices' regional
 * breakdowns), or with --by organisation the counts in notices of organisations located in
 * each region; residents per 100,000 with --population (from breakdowns only: a rate per
 * resident needs a count of residents). Totals are per unit: a column per unit seen, named
 * by it (individuals, accounts, records), the result's unit first. */
#include "breachstat.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const bs_optspec bs_regions_opts[] = {
    {"by", 0, "WHAT",
     "residence (default: the notices' breakdowns by where people live) or organisation "
     "(where the organisation is: for sources without breakdowns, such as HHS)"},
    {"population", 0, "FILE",
     "state population estimates (Census NST-EST20xx-ALLDATA layout) for residents affected "
     "per 100,000 residents (from the breakdowns by residence; not with --by organisation)"},
    {"year", 0, "YEAR",
     "which POPESTIMATE year of the population file (default: the year of every dated "
     "notice when they share one and the file has it, else the latest)"},
    {NULL, 0, NULL, NULL}};

breach_population *bs_load_population(const bs_ctx *ctx, int *status)
{
    *status = BS_EXIT_OK;
    const char *path = bs_opt(ctx, "population");
    if (!path)
        return NULL;
    uint64_t year = 0;
    const char *y = bs_opt(ctx, "year");
    if (y && bs_parse_uint("year", y, 9999, &year)) {
        *status = BS_EXIT_USAGE;
        return NULL;
    }
    breach_error e;
    breach_population *pop = breach_population_read_file(path, (int)year, &e);
    if (!pop) {
        bs_print_error(&e);
        *status = e.code == BREACH_ENOMEM ? BS_EXIT_FAIL : BS_EXIT_INPUT;
    }
    return pop;
}

static const breach_percapita_row *find_rate(const breach_percapita *pc, breach_region r)
{
    for (size_t i = 0; pc && i < pc->n_rows; i++)
        if (pc->rows[i].region == r)
            return &pc->rows[i];
    return NULL;
}

static void add_rate_cells(bs_table *t, const breach_percapita *pc, breach_region r)
{
    const breach_percapita_row *row = find_rate(pc, r);
    bs_table_add(t, row ? bs_v_uint(row->population) : bs_v_null());
    bs_table_add(t, row ? bs_v_real(row->rate, 1) : bs_v_null());
    bs_table_add(t, row ? bs_v_real(row->rate_lower, 1) : bs_v_null());
    bs_table_add(t, row ? bs_v_real(row->rate_upper, 1) : bs_v_null());
}

/* The period a rate's numerator covers: residents of every notice dated first .. last,
 * added over those years, not a rate per year. */
static void rate_period_facts(bs_doc *d, const breach_percapita *pc)
{
    bs_doc_fact(d, "rate_date_field", "rates: notices dated by",
                bs_v_text(bs_date_field_name(pc->date_field)));
    bs_doc_fact(d, "rate_first", "  first notice", bs_v_date(pc->first));
    bs_doc_fact(d, "rate_last", "  last notice", bs_v_date(pc->last));
    bs_doc_fact(d, "rate_covered_first", "  the lists cover from", bs_v_date(pc->covered_first));
    bs_doc_fact(d, "rate_covered_last", "    to", bs_v_date(pc->covered_last));
    bs_doc_fact(d, "rate_years", "  years covered",
                pc->days ? bs_v_real((double)pc->days / 365.25, 1) : bs_v_null());
    bs_doc_fact(d, "rate_undated", "  notices without that date", bs_v_uint(pc->n_undated));
}

/* By event (occurred, discovered) date a list holds a breach only once it is reported: a
 * period that began before the lists' first report, or ended less than their reporting
 * lag before their last, is not observed in full (breach_percapita.truncated_start and
 * _end, the rule of `timeline`), and its rate counts only the breaches reported by then. */
static void rate_lag_note(bs_doc *d, const breach_percapita *pc)
{
    char line[BS_RATE_LAG];
    for (int end = 0; end < 2; end++)
        if (bs_rate_lag(pc, end, line))
            bs_doc_note(d, "per_100k: %s", line);
}

const char *bs_rate_lag(const breach_percapita *pc, int end, char buf[BS_RATE_LAG])
{
    char rf[BS_NUM], rl[BS_NUM], nd[BS_NUM];
    bs_fmt_date(pc->reported_first, rf, sizeof rf);
    bs_fmt_date(pc->reported_last, rl, sizeof rl);
    bs_fmt_uint(pc->n_delays, nd, sizeof nd);
    int known = breach_date_is_known(pc->reported_first);
    if (!end && pc->truncated_start)
        snprintf(buf, BS_RATE_LAG,
                 "not observed in full: the period began before the lists' first report "
                 "(%s), so it holds only the breaches reported after it", rf);
    else if (end && pc->truncated_end && known && pc->lag_days >= 0)
        snprintf(buf, BS_RATE_LAG,
                 "not observed in full: the period ends less than the reporting lag (%d "
                 "days: 90th percentile of %s delays from the %s date to the report, median "
                 "%d) before the lists' last report (%s), so breaches of it were still to be "
                 "reported: the rate is a lower bound",
                 (int)pc->lag_days, nd, bs_date_field_name(pc->date_field),
                 (int)pc->lag_median, rl);
    else if (end && pc->truncated_end)
        snprintf(buf, BS_RATE_LAG,
                 "the reporting lag is unknown (%s notices give both the reported day and "
                 "the %s day): breaches of the period may still be unreported",
                 nd, bs_date_field_name(pc->date_field));
    else
        return NULL;
    return buf;
}

const char *bs_rate_span(const breach_percapita *pc, char buf[BS_RATE_SPAN])
{
    char ca[BS_NUM], cb[BS_NUM];
    snprintf(buf, BS_RATE_SPAN, "%s to %s the lists cover, about %.1f years: %s",
             bs_fmt_date(pc->covered_first, ca, sizeof ca),
             bs_fmt_date(pc->covered_last, cb, sizeof cb), (double)pc->days / 365.25,
             pc->days > 366 ? "not an annual rate" : "the rate of that period");
    return buf;
}

static void rate_period_notes(bs_doc *d, const breach_percapita *pc,
                              const breach_region_shares *rs, int year_given)
{
    char a[BS_NUM], b[BS_NUM], n[BS_NUM];
    if (!pc->days) {
        bs_doc_note(d, "per_100k: no notice has a %s date: the period of the rates is unknown",
                    bs_date_field_name(pc->date_field));
        return;
    }
    if (pc->n_undated)
        snprintf(n, sizeof n, " and %llu undated", (unsigned long long)pc->n_undated);
    else
        n[0] = 0;
    /* the period is the days observed (the lists' span cut to --from/--to), not the first
       to the last notice, so that a rate over it can be annualised */
    char span[BS_RATE_SPAN];
    bs_doc_note(d, "per_100k: residents affected by notices dated (%s date) %s to %s%s, of "
                   "the %s",
                bs_date_field_name(pc->date_field), bs_fmt_date(pc->first, a, sizeof a),
                bs_fmt_date(pc->last, b, sizeof b), n, bs_rate_span(pc, span));
    if (!pc->year_matches)
        bs_doc_note(d, "per_100k: the population is %d's estimate, while the notices are "
                       "dated %.4s to %.4s%s",
                    (int)pc->year, a, b,
                    year_given ? "" : " (--year chooses another)");
    /* notices, not regional entries: one notice may leave several regions blank */
    if (rs->n_breakdown_unknown)
        bs_doc_note(d, "per_100k: %llu %s a region's number of residents: the rates are "
                       "lower bounds (upper: none)",
                    (unsigned long long)rs->n_breakdown_unknown,
                    rs->n_breakdown_unknown == 1 ? "notice does not give"
                                                 : "notices do not give");
}

static const bs_column rate_cols[] = {{"population", "population", BS_V_UINT},
                                      {"per_100k", "per 100,000", BS_V_REAL},
                                      {"per_100k_lower", "lower", BS_V_REAL},
                                      {"per_100k_upper", "upper", BS_V_REAL}};

static int by_residence(bs_ctx *ctx, const breach_population *pop)
{
    breach_error e;
    breach_region_shares *rs = breach_region_shares_compute(ctx->ds, &ctx->filter, &e);
    if (!rs)
        return bs_stat_failed("region shares", &e);
    breach_percapita *pc = NULL;
    if (pop && !(pc = breach_percapita_compute(rs, pop, &e))) {
        breach_region_shares_free(rs);
        return bs_stat_failed("rates per 100,000", &e);
    }
    const char *un = bs_unit_name(rs->unit);
    bs_doc *d = bs_doc_new(ctx, "Residents affected per region");
    char a[BS_NUM], b[BS_NUM], t[128], p[BS_NUM], label[96];
    bs_doc_headline(d, "%s of %s %s %s a breakdown by region: %s residents (%s) in %zu "
                       "%s.",
                    bs_fmt_uint(rs->n_with_breakdown, a, sizeof a),
                    bs_fmt_uint(rs->n_incidents, b, sizeof b),
                    bs_plural(rs->n_incidents, "notice", "notices"),
                    rs->n_with_breakdown == 1 ? "gives" : "give",
                    bs_fmt_total(&rs->all_regions, t, sizeof t), un, rs->n_rows,
                    rs->n_rows == 1 ? "region" : "regions");
    if (rs->n_rows)
        bs_doc_headline(d, "Most: %s, %s %s (%s of residents in breakdowns).",
                        breach_region_name(rs->rows[0].region),
                        bs_fmt_total(&rs->rows[0].total, t, sizeof t), un,
                        bs_fmt_pct(rs->rows[0].share, p, sizeof p));
    breach_format_overlap *fo = breach_format_overlap_compute(ctx->ds, &ctx->filter, NULL, &e);
    if (fo && fo->twice_residents[rs->unit]) {
        char w[BS_NUM];
        bs_doc_headline(d, "Possibly counted twice: %s residents (%s) of %s %s that inputs of "
                           "two formats both list within %d days (one incident in two sources, "
                           "or a file that copies another's rows).",
                        bs_fmt_uint(fo->twice_residents[rs->unit], w, sizeof w), un,
                        bs_fmt_uint(fo->n_twice_residents[rs->unit], a, sizeof a),
                        bs_plural(fo->n_twice_residents[rs->unit], "organisation",
                                  "organisations"),
                        (int)fo->window_days);
    }
    uint64_t twice_residents = fo ? fo->twice_residents[rs->unit] : 0;
    int two_formats = fo && fo->n_formats > 1;
    breach_format_overlap_free(fo);
    if (rs->n_with_breakdown == 0 && rs->n_incidents > 0)
        bs_doc_headline(d, "None of %s says where the people live (HHS gives no breakdown): "
                           "--by organisation counts them by where the organisation is.",
                        rs->n_incidents == 1 ? "this notice" : "these notices");
    bs_doc_fact(d, "incidents", "notices selected", bs_v_uint(rs->n_incidents));
    bs_doc_fact(d, "with_breakdown", "notices with a breakdown", bs_v_uint(rs->n_with_breakdown));
    snprintf(label, sizeof label, "residents in breakdowns (%s)", un);
    bs_doc_fact_notices(d, "residents", label, rs->all_regions, rs->affected_with_breakdown.n,
                        rs->n_breakdown_unknown);
    snprintf(label, sizeof label, "%s in those notices", un);
    bs_doc_fact(d, "affected_with_breakdown", label, bs_v_total(rs->affected_with_breakdown));
    /* over the notices that give both a breakdown and a total (the library's figure): a
       notice with no total (WA's) places residents of a whole nobody stated */
    snprintf(label, sizeof label, "notices with a breakdown and a total (%s)", un);
    bs_doc_fact(d, "placed_notices", label, bs_v_uint(rs->n_placed));
    /* a regional count unknown (or "at least") among notices with bounded totals: the
       share placed is a lower bound (stats.h) */
    int placed_at_least = rs->placed_regions.upper_unbounded &&
                          !rs->placed_affected.upper_unbounded && !isnan(rs->placed_share);
    bs_doc_fact(d, "covered_share",
                placed_at_least ? "  share of their people placed in a region (at least)"
                                : "  share of their people placed in a region",
                bs_v_pct(rs->placed_share));
    if (two_formats)
        bs_doc_fact(d, "two_formats_residents", "residents possibly counted twice (two formats)",
                    bs_v_uint(twice_residents));
    /* the units of the notices with a breakdown (the totals' units), not of all selected */
    uint32_t bunits = 0;
    for (int u = 0; u < BREACH_UNIT_COUNT_; u++)
        bunits |= rs->all_regions_by_unit[u].n ? 1u << u : 0;
    bs_doc_units(d, rs->unit, rs->units, rs->n_other_units, "notice with a breakdown",
                 "notices with a breakdown");
    if (pc)
        {
        char year[16];
        snprintf(year, sizeof year, "%d", (int)pc->year);
        bs_doc_fact(d, "population_year", "population estimates of", bs_v_text(year));
        rate_period_facts(d, pc);
    }

    int order[BREACH_UNIT_COUNT_];
    int nu = bs_units_order(rs->unit, bunits, order);
    char heads[BREACH_UNIT_COUNT_][48];
    bs_column cols[12];
    size_t ncols = 0;
    cols[ncols++] = (bs_column){"region", "region", BS_V_TEXT};
    cols[ncols++] = (bs_column){"name", "name", BS_V_TEXT};
    for (int k = 0; k < nu; k++) {
        snprintf(heads[k], sizeof heads[k], "residents (%s)", bs_unit_name(order[k]));
        cols[ncols++] = (bs_column){bs_unit_name(order[k]), heads[k], BS_V_TOTAL};
    }
    cols[ncols++] = (bs_column){"notices", "notices", BS_V_UINT};
    cols[ncols++] = (bs_column){"share", "share", BS_V_PCT};
    if (pc)
        for (size_t i = 0; i < 4; i++)
            cols[ncols++] = rate_cols[i];
    bs_table *tb = bs_doc_table(d, "regions", "Regions", cols, ncols);
    for (size_t i = 0; i < rs->n_rows; i++) {
        const breach_region_row *r = &rs->rows[i];
        bs_table_add(tb, bs_v_text(breach_region_code(r->region)));
        bs_table_add(tb, bs_v_text(breach_region_name(r->region)));
        for (int k = 0; k < nu; k++)
            bs_table_add(tb, bs_v_total(r->by_unit[order[k]]));
        bs_table_add(tb, bs_v_uint(r->n_incidents));
        bs_table_add(tb, bs_v_pct(r->share));
        if (pc)
            add_rate_cells(tb, pc, r->region);
    }
    if (pc && pc->n_without_population)
        bs_doc_note(d, "%llu %s no population figure and no rate",
                    (unsigned long long)pc->n_without_population,
                    pc->n_without_population == 1 ? "region has" : "regions have");
    if (pc && rs->n_with_breakdown == 0)
        bs_doc_note(d, "no rate per 100,000 residents can be given: no selected notice gives a "
                       "breakdown by residence (the organisation's state is not where the people "
                       "live: --by organisation counts them, without a rate)");
    else if (pc) {
        bs_doc_note(d, "per_100k: residents affected per 100,000, from the %llu %s "
                       "residence breakdowns; a person in two breaches counts twice, so "
                       "rates may exceed 100,000",
                    (unsigned long long)rs->n_with_breakdown,
                    rs->n_with_breakdown == 1 ? "notice that gives" : "notices that give");
        rate_period_notes(d, pc, rs, bs_opt(ctx, "year") != NULL);
        rate_lag_note(d, pc);
    }
    bs_doc_note(d, "shares are of all residents reported in breakdowns, not of each notice's "
                   "total (see 'breachstat share')");
    int rc = bs_doc_emit_flagged(d, ctx);
    bs_doc_free(d);
    breach_percapita_free(pc);
    breach_region_shares_free(rs);
    return rc;
}

static int by_organisation(bs_ctx *ctx)
{
    breach_error e;
    breach_counts_options o;
    breach_counts_options_init(&o);
    o.dimension = BREACH_DIM_REGION;
    o.min_n_report = 0;
    o.force = true;
    breach_counts *c = breach_counts_compute(ctx->ds, &ctx->filter, &o, &e);
    if (!c)
        return bs_stat_failed("counts by region", &e);
    char title[96];
    snprintf(title, sizeof title, "%s by where the organisation is",
             c->unit == BREACH_UNIT_RECORDS    ? "Records exposed"
             : c->unit == BREACH_UNIT_ACCOUNTS ? "Accounts affected"
                                               : "Individuals affected");
    bs_doc *d = bs_doc_new(ctx, title);
    char a[BS_NUM], b[BS_NUM];
    bs_doc_headline(d, "%s %s, %s of them with the organisation's region.",
                    bs_fmt_uint(c->n_incidents, a, sizeof a),
                    bs_plural(c->n_incidents, "notice", "notices"),
                    bs_fmt_uint(c->n_incidents - c->n_unknown, b, sizeof b));
    bs_doc_fact(d, "incidents", "notices selected", bs_v_uint(c->n_incidents));
    bs_doc_fact(d, "unknown", "without a region", bs_v_uint(c->n_unknown));
    bs_doc_units(d, c->unit, c->units, c->n_other_units, "notice", "notices");
    int order[BREACH_UNIT_COUNT_];
    int nu = bs_units_order(c->unit, c->units, order);
    bs_column cols[8];
    size_t ncols = 0;
    cols[ncols++] = (bs_column){"region", "region", BS_V_TEXT};
    cols[ncols++] = (bs_column){"name", "name", BS_V_TEXT};
    cols[ncols++] = (bs_column){"notices", "notices", BS_V_UINT};
    for (int k = 0; k < nu; k++)
        cols[ncols++] = (bs_column){bs_unit_name(order[k]), bs_unit_name(order[k]), BS_V_TOTAL};
    bs_table *tb = bs_doc_table(d, "regions", "Regions of the organisations", cols, ncols);
    for (size_t i = 0; i < c->n_rows; i++) {
        const breach_count_row *r = &c->rows[i];
        if (r->unknown) {
            bs_table_add(tb, bs_v_null());
            bs_table_add(tb, bs_v_text("unknown"));
        } else {
            bs_table_add(tb, bs_v_text(breach_region_code((breach_region)r->level)));
            bs_table_add(tb, bs_v_text(breach_region_name((breach_region)r->level)));
        }
        bs_table_add(tb, bs_v_uint(r->count));
        for (int k = 0; k < nu; k++)
            bs_table_add(tb, bs_v_unit_total(&r->by_unit[order[k]], c->units, order[k]));
    }
    bs_doc_note(d, "where the organisation is located, not where the people live: no rate per "
                   "100,000 residents is given from these counts");
    int rc = bs_doc_emit_flagged(d, ctx);
    bs_doc_free(d);
    breach_counts_free(c);
    return rc;
}

int bs_cmd_regions(bs_ctx *ctx)
{
    static const char *const by_names[] = {"residence", "organisation", "organization", NULL};
    int by = 0;
    const char *v = bs_opt(ctx, "by");
    if (v && (by = bs_parse_choice("by", v, by_names)) < 0)
        return BS_EXIT_USAGE;
    if (bs_opt(ctx, "year") && !bs_opt(ctx, "population"))
        return bs_usage_error(ctx, "--year chooses a column of the --population file");
    /* a rate per resident needs residents: the people in notices of organisations located
       in a state are not its residents (Anthem's 78.8 million are not Indiana's) */
    if (by != 0 && bs_opt(ctx, "population"))
        return bs_usage_error(ctx, "rates per 100,000 residents need residence breakdowns: "
                                   "--population goes with --by residence, not --by "
                                   "organisation");
    int status;
    breach_population *pop = bs_load_population(ctx, &status);
    if (status != BS_EXIT_OK)
        return status;
    int rc = by == 0 ? by_residence(ctx, pop) : by_organisation(ctx);
    breach_population_free(pop);
    return rc;
}
