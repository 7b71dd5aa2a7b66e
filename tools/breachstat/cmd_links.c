/* breachstat links: cross-source shares. A notice that gives regional counts and no total
 * (a state attorney general's "Washington residents: 26,333") joined to the notices of the
 * same organisation that give totals (HHS: Brightline's 11 rows, 1,013,686), and the share
 * of the residents in that total, each link flagged when its regional count is above the
 * total (probably another incident or a different count basis: no share). */
#include "breachstat.h"

#include <stdlib.h>
#include <string.h>

const bs_optspec bs_links_opts[] = {
    {"window", 0, "DAYS",
     "a total counts when dated at most DAYS before or after the regional notice (default "
     "120)"},
    {NULL, 0, NULL, NULL}};

int bs_cmd_links(bs_ctx *ctx)
{
    breach_link_options o;
    breach_link_options_init(&o);
    const char *v = bs_opt(ctx, "window");
    uint64_t w;
    if (v) {
        if (bs_parse_uint("window", v, INT32_MAX, &w))
            return BS_EXIT_USAGE;
        o.window_days = (int32_t)w;
    }
    if (ctx->date_field >= 0)
        o.date_field = ctx->date_field;
    else
        ctx->filter.date_field = o.date_field; /* --from/--to on the links' own date */

    breach_error e;
    breach_links *l = breach_links_compute(ctx->ds, &ctx->filter, &o, &e);
    if (!l)
        return bs_stat_failed("cross-source links", &e);

    bs_doc *d = bs_doc_new(ctx, "Cross-source shares");
    static const bs_column cols[] = {
        {"id", "id", BS_V_TEXT},
        {"entity", "organisation", BS_V_TEXT},
        {"date", "notice", BS_V_DATE},
        {"region", "region", BS_V_TEXT},
        {"name", "name", BS_V_TEXT},
        {"residents", "residents", BS_V_COUNT},
        {"total", "linked total", BS_V_TOTAL}, /* with its bounds (CSV, JSON: lower, upper) */
        {"share", "share", BS_V_PCT},
        {"share_min", "min", BS_V_PCT},
        {"share_max", "max", BS_V_PCT},
        {"days_min", "days from", BS_V_INT},
        {"days_max", "days to", BS_V_INT},
        {"linked_notices", "notices", BS_V_UINT},
        {"inconsistent", "inconsistent", BS_V_BOOL},
        {"reason", "reason", BS_V_TEXT}};
    bs_table *tb = bs_doc_table(d, "links", "Links", cols, sizeof cols / sizeof cols[0]);
    size_t n_rows = 0, n_shares = 0;
    for (size_t k = 0; k < l->n_links; k++) {
        const breach_link *lk = &l->links[k];
        breach_incident inc;
        if (breach_dataset_get(ctx->ds, lk->regional, &inc, &e) != BREACH_OK) {
            breach_links_free(l);
            bs_doc_free(d);
            return bs_stat_failed("reading a linked notice", &e);
        }
        for (size_t r = 0; r < inc.n_regions; r++) {
            breach_region region = inc.regions[r].region;
            breach_share s;
            int rc = breach_link_region_share(ctx->ds, lk, region, &s, &e);
            if (rc != BREACH_OK && rc != BREACH_EINCONSISTENT) {
                breach_links_free(l);
                bs_doc_free(d);
                return bs_stat_failed("linked share", &e);
            }
            bs_table_add(tb, bs_v_text(inc.id));
            bs_table_add(tb, bs_v_text(inc.entity));
            bs_table_add(tb, bs_v_date(bs_date_of(&inc, o.date_field)));
            bs_table_add(tb, bs_v_text(breach_region_code(region)));
            bs_table_add(tb, bs_v_text(breach_region_name(region)));
            bs_table_add(tb, bs_v_count(s.part));
            bs_table_add(tb, bs_v_total(lk->total));
            bs_table_add(tb, bs_v_pct(s.share)); /* NaN (null) when inconsistent */
            bs_table_add(tb, bs_v_pct(s.share_min));
            bs_table_add(tb, bs_v_pct(s.share_max));
            bs_table_add(tb, bs_v_int(lk->days_min));
            bs_table_add(tb, bs_v_int(lk->days_max));
            bs_table_add(tb, bs_v_uint(lk->n_totals));
            bs_table_add(tb, bs_v_bool(lk->inconsistent));
            bs_table_add(tb, bs_v_text(lk->reason));
            n_rows++;
            n_shares += rc == BREACH_OK;
        }
    }

    char a[BS_NUM], b[BS_NUM], c[BS_NUM];
    bs_doc_headline(d, "%s of %s %s with regional counts and no total %s linked to "
                       "totals of the same organisation (within %d %s, on %s dates).",
                    bs_fmt_uint(l->n_linked, a, sizeof a), bs_fmt_uint(l->n_regional, b, sizeof b),
                    bs_plural(l->n_regional, "notice", "notices"),
                    l->n_linked == 1 ? "is" : "are",
                    (int)o.window_days, bs_plural((uint64_t)o.window_days, "day", "days"),
                    bs_date_field_name(o.date_field));
    if (l->n_inconsistent)
        bs_doc_headline(d, "%s of the %s %s %s inconsistent: a regional count above the linked "
                           "total (probably another incident or a different count basis), so "
                           "%s no share.",
                        bs_fmt_uint(l->n_inconsistent, a, sizeof a),
                        bs_fmt_uint(l->n_links, c, sizeof c), bs_plural(l->n_links, "link", "links"),
                        l->n_inconsistent == 1 ? "is" : "are",
                        l->n_inconsistent == 1 ? "it gives" : "they give");
    else if (l->n_links)
        bs_doc_headline(d, "No link is inconsistent: every regional count is within its linked "
                           "total.");
    bs_doc_fact(d, "regional_notices", "notices with regional counts, no total",
                bs_v_uint(l->n_regional));
    bs_doc_fact(d, "linked", "linked to a total", bs_v_uint(l->n_linked));
    bs_doc_fact(d, "inconsistent", "of them inconsistent (no share)",
                bs_v_uint(l->n_inconsistent));
    bs_doc_fact(d, "unmatched", "not linked: no total of the same organisation in the window",
                bs_v_uint(l->n_unmatched));
    bs_doc_fact(d, "undated", "not linked: without the date", bs_v_uint(l->n_undated));
    bs_doc_fact(d, "shares", "shares given (link and region)", bs_v_uint(n_shares));
    bs_doc_fact(d, "window_days", "window (days)", bs_v_int(o.window_days));
    bs_doc_fact(d, "date_field", "dates", bs_v_text(bs_date_field_name(o.date_field)));
    if (n_rows == 0)
        bs_doc_note(d, "no link: a link needs a notice with regional counts and no total (a "
                       "state list such as WA's) and a notice of the same organisation with a "
                       "total (HHS) among the selected ones");
    bs_doc_note(d, "share = the region's residents / the linked total (the organisation's "
                   "notices with a total within the window, added up); min and max bound it "
                   "when a figure is a bound, and never invert");
    bs_doc_note(d, "names are compared by entity key, which only folds spelling: \"CHSPSC, LLC\" "
                   "is not linked to its long HHS name");
    bs_doc_note(d, "only counts of people link: regional counts are residents, so totals of "
                   "accounts or records are never their whole");
    int rc = bs_doc_emit_flagged(d, ctx);
    bs_doc_free(d);
    breach_links_free(l);
    return rc;
}
