/* breachstat summary: what the files hold. */
#include "breachstat.h"

#include <stdlib.h>
#include <string.h>

int bs_overview_compute(const bs_ctx *ctx, bs_overview *o)
{
    breach_error e;
    const breach_dataset *ds = ctx->ds;
    memset(o, 0, sizeof *o);
    o->loaded = breach_dataset_size(ds);
    o->first = o->last = breach_date_none();
    for (int u = 0; u < BREACH_UNIT_COUNT_; u++)
        o->by_unit[u] = breach_total_zero();
    size_t n = 0;
    size_t *sel = breach_dataset_select(ds, &ctx->filter, &n, &e);
    if (!sel && e.code != BREACH_OK)
        return bs_stat_failed("selecting incidents", &e);
    o->selected = n;
    o->superseded = -1;
    if (!ctx->filter.include_superseded) {
        bool *sup = bs_xcalloc(o->loaded + 1, sizeof *sup);
        o->superseded = breach_dataset_superseded(ds, &ctx->filter, sup, &e);
        free(sup);
        if (o->superseded < 0) {
            free(sel);
            return bs_stat_failed("finding revisions", &e);
        }
    }
    const char **keys = bs_xcalloc(n + 1, sizeof *keys);
    char **vendors = bs_xcalloc(n + 1, sizeof *vendors);
    size_t n_keys = 0, n_vendors = 0;
    char kbuf[512];
    for (size_t k = 0; k < n; k++) {
        breach_incident inc;
        if (breach_dataset_get(ds, sel[k], &inc, NULL) != BREACH_OK)
            continue;
        if (inc.entity_key && inc.entity_key[0])
            keys[n_keys++] = inc.entity_key;
        if (inc.vendor && inc.vendor[0]) {
            /* vendors compare by entity key, as the supply-chain statistic does */
            size_t len = breach_entity_key(inc.vendor, strlen(inc.vendor), kbuf, sizeof kbuf);
            vendors[n_vendors++] = bs_xstrdup(len < sizeof kbuf ? kbuf : inc.vendor);
        }
        o->with_breakdown += inc.n_regions > 0;
        int u = inc.unit >= 0 && inc.unit < BREACH_UNIT_COUNT_ ? inc.unit : 0;
        o->n_unit[u]++;
        o->overflow |= breach_total_add(&o->by_unit[u], inc.affected) != BREACH_OK;
        if (breach_date_is_known(inc.reported)) {
            if (!breach_date_is_known(o->first) || inc.reported.day < o->first.day)
                o->first = inc.reported;
            if (!breach_date_is_known(o->last) || inc.reported.day > o->last.day)
                o->last = inc.reported;
        }
    }
    o->organisations = bs_count_distinct(keys, n_keys);
    o->vendors = bs_count_distinct((const char **)vendors, n_vendors);
    for (size_t k = 0; k < n_vendors; k++)
        free(vendors[k]);
    free(vendors);
    free(keys);
    free(sel);
    return BS_EXIT_OK;
}

int bs_cmd_summary(bs_ctx *ctx)
{
    bs_overview o;
    int rc = bs_overview_compute(ctx, &o);
    if (rc != BS_EXIT_OK)
        return rc;
    breach_error e;
    breach_repeats *rp = breach_repeats_compute(ctx->ds, &ctx->filter, NULL, &e);

    bs_doc *d = bs_doc_new(ctx, "Summary");
    char a[BS_NUM], b[BS_NUM], c[BS_NUM], d1[16], d2[16], t[128];
    bs_doc_headline(d, "%s incidents selected of %s loaded from %zu %s: %s organisations, "
                       "reported %s to %s.",
                    bs_fmt_uint(o.selected, a, sizeof a), bs_fmt_uint(o.loaded, b, sizeof b),
                    ctx->n_inputs, ctx->n_inputs == 1 ? "file" : "files",
                    bs_fmt_uint(o.organisations, c, sizeof c),
                    breach_date_is_known(o.first) ? bs_fmt_date(o.first, d1, sizeof d1) : "(no date)",
                    breach_date_is_known(o.last) ? bs_fmt_date(o.last, d2, sizeof d2) : "(no date)");
    for (int u = 0; u < BREACH_UNIT_COUNT_; u++)
        if (o.n_unit[u])
            bs_doc_headline(d, "%s%s affected: %s (%s %s).",
                            u == BREACH_UNIT_INDIVIDUALS ? "Individuals"
                            : u == BREACH_UNIT_ACCOUNTS  ? "Accounts"
                                                         : "Records",
                            "", bs_fmt_total(&o.by_unit[u], t, sizeof t),
                            bs_fmt_uint(o.n_unit[u], a, sizeof a),
                            o.n_unit[u] == 1 ? "notice" : "notices");

    bs_doc_fact(d, "incidents_loaded", "incidents loaded", bs_v_uint(o.loaded));
    bs_doc_fact(d, "incidents_selected", "incidents selected", bs_v_uint(o.selected));
    bs_doc_fact(d, "superseded", "superseded by a revision (left out)",
                o.superseded < 0 ? bs_v_null() : bs_v_uint((uint64_t)o.superseded));
    bs_doc_fact(d, "organisations", "organisations", bs_v_uint(o.organisations));
    bs_doc_fact(d, "first_reported", "first notice", bs_v_date(o.first));
    bs_doc_fact(d, "last_reported", "last notice", bs_v_date(o.last));
    static const char *const unit_facts[] = {"individuals", "accounts", "records"};
    for (int u = 0; u < BREACH_UNIT_COUNT_; u++)
        if (o.n_unit[u] || u == BREACH_UNIT_INDIVIDUALS)
            bs_doc_fact(d, unit_facts[u], unit_facts[u], bs_v_total(o.by_unit[u]));
    bs_doc_fact(d, "with_breakdown", "notices with a regional breakdown", bs_v_uint(o.with_breakdown));
    bs_doc_fact(d, "vendors", "supply-chain vendors or campaigns", bs_v_uint(o.vendors));
    if (rp) {
        bs_doc_fact(d, "repeat_organisations", "organisations hit more than once",
                    bs_v_uint(rp->n_repeat_entities));
        bs_doc_fact(d, "repeat_share", "share of organisations hit more than once",
                    bs_v_pct(rp->repeat_share));
        breach_repeats_free(rp);
    }
    if (o.overflow)
        bs_doc_note(d, "a total passed 2^64 and is incomplete");
    if (o.n_unit[BREACH_UNIT_ACCOUNTS] && o.n_unit[BREACH_UNIT_INDIVIDUALS])
        bs_doc_note(d, "accounts (e-mail addresses in HIBP) are not people: they are added "
                       "up separately");

    static const bs_column cols[] = {
        {"file", "file", BS_V_TEXT},          {"format", "format", BS_V_TEXT},
        {"rows_read", "rows read", BS_V_UINT}, {"rows_loaded", "loaded", BS_V_UINT},
        {"rows_rejected", "rejected", BS_V_UINT}, {"warnings", "warnings", BS_V_UINT},
        {"incidents", "incidents", BS_V_UINT}};
    bs_table *tb = bs_doc_table(d, "inputs", "Inputs", cols, sizeof cols / sizeof cols[0]);
    for (size_t k = 0; k < ctx->n_inputs; k++) {
        const bs_input *in = &ctx->inputs[k];
        bs_table_add(tb, bs_v_text(in->name));
        bs_table_add(tb, bs_v_text(in->format_used));
        bs_table_add(tb, bs_v_uint(in->rows_read));
        bs_table_add(tb, bs_v_uint(in->rows_loaded));
        bs_table_add(tb, bs_v_uint(in->rows_rejected));
        bs_table_add(tb, bs_v_uint(in->warnings));
        bs_table_add(tb, bs_v_uint(in->incidents));
    }
    rc = bs_doc_emit(d, ctx);
    bs_doc_free(d);
    return rc;
}
