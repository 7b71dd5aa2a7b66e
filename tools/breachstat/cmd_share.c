/* breachstat share: the share of each notice's people who live in a region. */
#include "breachstat.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const bs_optspec bs_share_opts[] = {
    {"region", 0, "CODE",
     "the region (US-ME, or a US state name; repeatable or comma-separated); default: every "
     "region of every breakdown"},
    {"incident", 0, "ID", "only the notice with this id (repeatable)"},
    {NULL, 0, NULL, NULL}};

#define MAX_HEADLINES 12

int bs_cmd_share(bs_ctx *ctx)
{
    const char **vals, **ids;
    size_t nv = bs_opts(ctx, "region", &vals), n_ids = bs_opts(ctx, "incident", &ids);
    breach_region *regions = bs_xcalloc(nv * 8 + 1, sizeof *regions);
    size_t n_regions = 0;
    for (size_t i = 0; i < nv; i++) {
        char *copy = bs_xstrdup(vals[i]), *save = NULL;
        for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
            while (*tok == ' ')
                tok++;
            if (!*tok)
                continue;
            if (n_regions == nv * 8) {
                free(copy);
                free(vals);
                free(ids);
                free(regions);
                return bs_usage_error(ctx, "too many regions in one --region");
            }
            if (bs_parse_region("region", tok, &regions[n_regions])) {
                free(copy);
                free(vals);
                free(ids);
                free(regions);
                return BS_EXIT_USAGE;
            }
            n_regions++;
        }
        free(copy);
    }
    free(vals);

    breach_error e;
    /* the shares are the library's; ids only choose which notices' rows are shown */
    breach_notice_shares *ns =
        breach_notice_shares_compute(ctx->ds, &ctx->filter, regions, n_regions, &e);
    if (!ns) {
        free(ids);
        free(regions);
        return bs_stat_failed("region shares", &e);
    }
    size_t n = (size_t)ns->n_selected;

    bs_doc *d = bs_doc_new(ctx, "Share of each notice by region");
    static const bs_column cols[] = {
        {"id", "id", BS_V_TEXT},           {"entity", "organisation", BS_V_TEXT},
        {"reported", "notice", BS_V_DATE}, {"region", "region", BS_V_TEXT},
        {"name", "name", BS_V_TEXT},       {"residents", "residents", BS_V_COUNT},
        {"affected", "affected", BS_V_COUNT}, {"share", "share", BS_V_PCT},
        {"share_min", "min", BS_V_PCT},    {"share_max", "max", BS_V_PCT}};
    bs_table *tb = bs_doc_table(d, "shares", "Shares", cols, sizeof cols / sizeof cols[0]);
    size_t n_rows = 0, n_notices = 0, n_ids_found = 0;
    bs_buf lines;
    bs_buf_init(&lines);
    size_t last = (size_t)-1;
    for (size_t k = 0; k < ns->n_rows; k++) {
        const breach_notice_share *row = &ns->rows[k];
        const breach_share *sh = &row->share;
        breach_incident inc;
        if (breach_dataset_get(ctx->ds, row->index, &inc, NULL) != BREACH_OK)
            continue;
        if (n_ids) {
            bool want = false;
            for (size_t i = 0; i < n_ids && !want; i++)
                want = inc.id && strcmp(inc.id, ids[i]) == 0;
            if (!want)
                continue;
        }
        if (row->index != last) {
            n_notices++;
            last = row->index;
        }
        breach_region region = sh->region;
        bs_table_add(tb, bs_v_text(inc.id));
        bs_table_add(tb, bs_v_text(inc.entity));
        bs_table_add(tb, bs_v_date(inc.reported));
        bs_table_add(tb, bs_v_text(breach_region_code(region)));
        bs_table_add(tb, bs_v_text(breach_region_name(region)));
        bs_table_add(tb, bs_v_count(sh->part));
        bs_table_add(tb, bs_v_count(sh->whole));
        bs_table_add(tb, bs_v_pct(sh->share));
        bs_table_add(tb, bs_v_pct(sh->share_min));
        bs_table_add(tb, bs_v_pct(sh->share_max));
        if (n_rows < MAX_HEADLINES) {
            char p[BS_NUM], w[128], pct[BS_NUM], dt[16];
            bs_buf_printf(&lines, "%s (%s): %s %s of %s = %s\n",
                          inc.entity ? inc.entity : "(no name)",
                          breach_date_is_known(inc.reported)
                              ? bs_fmt_date(inc.reported, dt, sizeof dt)
                              : "undated",
                          breach_region_name(region), bs_fmt_count(sh->part, p, sizeof p),
                          bs_fmt_count(sh->whole, w, sizeof w),
                          bs_fmt_pct(sh->share, pct, sizeof pct));
        }
        n_rows++;
    }
    /* the selected notices with one of the ids asked for */
    if (n_ids) {
        size_t m = 0;
        size_t *sel = breach_dataset_select(ctx->ds, &ctx->filter, &m, NULL);
        for (size_t k = 0; k < m; k++) {
            breach_incident inc;
            if (breach_dataset_get(ctx->ds, sel[k], &inc, NULL) != BREACH_OK || !inc.id)
                continue;
            for (size_t i = 0; i < n_ids; i++)
                if (strcmp(inc.id, ids[i]) == 0) {
                    n_ids_found++;
                    break;
                }
        }
        free(sel);
    }
    size_t n_without = (n_ids ? n_ids_found : n) - n_notices;
    breach_notice_shares_free(ns);
    /* the first lines as headline sentences: the figures a reader came for */
    for (char *line = lines.s, *nl; line && *line; line = nl + 1) {
        nl = strchr(line, '\n');
        *nl = '\0';
        bs_doc_headline(d, "%s", line);
    }
    if (n_rows > MAX_HEADLINES)
        bs_doc_headline(d, "... %zu more in the table.", n_rows - MAX_HEADLINES);
    bs_buf_free(&lines);
    if (n_rows == 0)
        bs_doc_headline(d, "No selected notice gives a count for %s.",
                        n_regions ? "the region(s) asked for" : "any region");
    bs_doc_fact(d, "notices_selected", "notices selected", bs_v_uint(n_ids ? n_ids_found : n));
    bs_doc_fact(d, "notices_with_region", "notices with a count for the region(s)",
                bs_v_uint(n_notices));
    bs_doc_fact(d, "notices_without", "notices without (left out: not 0 %)", bs_v_uint(n_without));
    if (n_ids && n_ids_found < n_ids)
        bs_doc_note(d, "%zu of the %zu --incident ids were not found among the selected notices",
                    n_ids - n_ids_found, n_ids);
    bs_doc_note(d, "share = the region's residents / the notice's total; min and max bound it "
                   "when a figure is a bound");
    int rc = bs_doc_emit_flagged(d, ctx);
    bs_doc_free(d);
    free(ids);
    free(regions);
    return rc;
}
