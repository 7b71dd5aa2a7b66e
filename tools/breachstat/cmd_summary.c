/* breachstat summary: what the files hold. */
#include "breachstat.h"

#include <stdlib.h>
#include <string.h>

int bs_overview_compute(const bs_ctx *ctx, bs_overview *o)
{
    breach_error e;
    memset(o, 0, sizeof *o);
    breach_overview *v = breach_overview_compute(ctx->ds, &ctx->filter, &e);
    if (!v)
        return bs_stat_failed("the overview", &e);
    o->loaded = v->n_incidents;
    o->selected = v->n_selected;
    o->superseded = ctx->filter.include_superseded ? -1 : (long)v->n_superseded;
    o->dropped = ctx->filter.include_duplicates ? -1 : (long)v->n_dropped;
    o->coarse = breach_date_is_known(ctx->filter.from) || breach_date_is_known(ctx->filter.to)
                    ? (long)v->n_coarse_dated
                    : -1;
    o->organisations = v->n_organisations;
    o->with_breakdown = v->n_with_breakdown;
    o->vendors = v->n_vendors;
    o->first = v->first_reported;
    o->last = v->last_reported;
    for (int u = 0; u < BREACH_UNIT_COUNT_; u++) {
        o->by_unit[u] = v->by_unit[u];
        o->n_unit[u] = v->n_by_unit[u];
    }
    o->identical = v->n_identical;
    for (int u = 0; u < BREACH_UNIT_COUNT_; u++)
        o->identical_by_unit[u] = v->identical_by_unit[u];
    o->overflow = v->overflow;
    breach_overview_free(v);
    return BS_EXIT_OK;
}

/* The notices that only an older snapshot lists (a newer input dropped its other rows):
 * named one by one, since they are what the older file adds to the newer one's figures. */
static void add_only_older(bs_doc *d, const bs_ctx *ctx)
{
    const breach_dataset *ds = ctx->ds;
    static const bs_column cols[] = {
        {"file", "file", BS_V_TEXT},           {"line", "line", BS_V_UINT},
        {"entity", "organisation", BS_V_TEXT}, {"region", "state", BS_V_TEXT},
        {"reported", "notice", BS_V_DATE},     {"affected", "affected", BS_V_COUNT}};
    bs_table *tb = NULL;
    for (size_t k = 0; k < breach_dataset_n_inputs(ds); k++) {
        breach_input_info in;
        if (breach_dataset_input(ds, k, &in, NULL) != BREACH_OK || !in.n_dropped)
            continue;
        for (size_t i = in.first; i < in.end; i++) {
            breach_incident inc;
            long line;
            if (breach_dataset_duplicate_of(ds, i) != -1 ||
                !breach_filter_match(ds, i, &ctx->filter) ||
                breach_dataset_get(ds, i, &inc, NULL) != BREACH_OK)
                continue;
            if (!tb)
                tb = bs_doc_table(d, "only_older",
                                  "Notices of an older snapshot that no newer one lists by "
                                  "name, nor renamed with the same count (kept; a rename with "
                                  "a revised count looks the same: check them)",
                                  cols, sizeof cols / sizeof cols[0]);
            breach_dataset_origin(ds, i, &line);
            bs_table_add(tb, bs_v_text(in.name));
            bs_table_add(tb, line > 0 ? bs_v_uint((uint64_t)line) : bs_v_null());
            bs_table_add(tb, bs_v_text(inc.entity));
            bs_table_add(tb, bs_v_text(breach_region_code(inc.entity_region)));
            bs_table_add(tb, bs_v_date(inc.reported));
            bs_table_add(tb, bs_v_count(inc.affected));
        }
    }
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
    char a[BS_NUM], b[BS_NUM], c[BS_NUM], d1[16], d2[16], t[128], tn[128];
    bs_doc_headline(d, "%s %s selected of %s loaded from %zu %s: %s %s, "
                       "reported %s to %s.",
                    bs_fmt_uint(o.selected, a, sizeof a),
                    bs_plural(o.selected, "incident", "incidents"), bs_fmt_uint(o.loaded, b, sizeof b),
                    ctx->n_inputs, ctx->n_inputs == 1 ? "file" : "files",
                    bs_fmt_uint(o.organisations, c, sizeof c),
                    bs_plural(o.organisations, "organisation", "organisations"),
                    breach_date_is_known(o.first) ? bs_fmt_date(o.first, d1, sizeof d1) : "(no date)",
                    breach_date_is_known(o.last) ? bs_fmt_date(o.last, d2, sizeof d2) : "(no date)");
    static const char *const unit_names[] = {"Individuals", "Accounts", "Records"};
    for (int u = 0; u < BREACH_UNIT_COUNT_; u++)
        if (o.n_unit[u])
            bs_doc_headline(d, "%s affected: %s (%s).", unit_names[u],
                            bs_fmt_total(&o.by_unit[u], t, sizeof t),
                            bs_fmt_total_n(&o.by_unit[u], "notice", "notices", tn, sizeof tn));
    if (o.identical) {
        /* what identical rows add, said beside the total they are in */
        bs_buf add;
        bs_buf_init(&add);
        for (int u = 0; u < BREACH_UNIT_COUNT_; u++)
            if (o.n_unit[u])
                bs_buf_printf(&add, "%s%s %s", add.len ? ", " : "",
                              bs_fmt_uint(o.identical_by_unit[u], a, sizeof a), bs_unit_name(u));
        bs_doc_headline(d, "%s %s an earlier row of %s file word for word: kept and counted "
                           "(%s), since nothing proves two such rows one notice (--verbose "
                           "lists them).",
                        bs_fmt_uint(o.identical, b, sizeof b),
                        o.identical == 1 ? "row repeats" : "rows repeat",
                        o.identical == 1 ? "its" : "their", add.len ? add.s : "no figure");
        bs_buf_free(&add);
    }
    if (o.dropped > 0)
        bs_doc_headline(d, "%s %s that a newer input lists too %s left out (each counted once; "
                           "--keep-duplicates keeps them).",
                        bs_fmt_uint((uint64_t)o.dropped, a, sizeof a),
                        o.dropped == 1 ? "notice" : "notices", o.dropped == 1 ? "is" : "are");

    bs_doc_fact(d, "incidents_loaded", "incidents loaded", bs_v_uint(o.loaded));
    bs_doc_fact(d, "incidents_selected", "incidents selected", bs_v_uint(o.selected));
    bs_doc_fact(d, "superseded", "superseded by a revision (left out)",
                o.superseded < 0 ? bs_v_null() : bs_v_uint((uint64_t)o.superseded));
    bs_doc_fact(d, "duplicates", "listed again by a newer input (left out)",
                o.dropped < 0 ? bs_v_null() : bs_v_uint((uint64_t)o.dropped));
    bs_doc_fact(d, "coarse_dates", "date coarser than the range (left out)",
                o.coarse < 0 ? bs_v_null() : bs_v_uint((uint64_t)o.coarse));
    bs_doc_fact(d, "organisations", "organisations", bs_v_uint(o.organisations));
    bs_doc_fact(d, "first_reported", "first notice", bs_v_date(o.first));
    bs_doc_fact(d, "last_reported", "last notice", bs_v_date(o.last));
    /* every unit: one the selected sources do not count is "not counted" (null in JSON, empty
       in CSV), never 0 */
    for (int u = 0; u < BREACH_UNIT_COUNT_; u++)
        bs_doc_fact(d, bs_unit_name(u), bs_unit_name(u),
                    o.n_unit[u] ? bs_v_total(o.by_unit[u]) : bs_v_absent("not counted"));
    bs_doc_fact(d, "with_breakdown", "notices with a regional breakdown", bs_v_uint(o.with_breakdown));
    bs_doc_fact(d, "vendors", "supply-chain vendors or campaigns", bs_v_uint(o.vendors));
    if ((rc = bs_doc_flagged(d, ctx, true)) != BS_EXIT_OK) {
        bs_doc_free(d);
        breach_repeats_free(rp);
        return rc;
    }
    bs_doc_fact(d, "identical_rows", "rows identical to an earlier row of their file (counted)",
                bs_v_uint(o.identical));
    bs_doc_two_formats_of(d, ctx, &ctx->filter, true, -1);
    if (rp) {
        /* the share's own denominator, printed with it: organisations with a dated notice */
        bs_doc_fact(d, "repeat_organisations", "organisations hit more than once",
                    bs_v_uint(rp->n_repeat_entities));
        bs_doc_fact(d, "dated_organisations", "organisations with a dated notice",
                    bs_v_uint(rp->n_entities));
        bs_doc_fact(d, "repeat_share", "share of organisations hit more than once",
                    bs_v_pct(rp->repeat_share));
        char x[BS_NUM], y[BS_NUM];
        bs_doc_note(d, "hit more than once: %s of %s %s with a dated notice (%s "
                       "%s in all)",
                    bs_fmt_uint(rp->n_repeat_entities, x, sizeof x),
                    bs_fmt_uint(rp->n_entities, y, sizeof y),
                    bs_plural(rp->n_entities, "organisation", "organisations"),
                    bs_fmt_uint(o.organisations, a, sizeof a),
                    bs_plural(o.organisations, "organisation", "organisations"));
        breach_repeats_free(rp);
    }
    if (o.n_unit[BREACH_UNIT_ACCOUNTS] && o.n_unit[BREACH_UNIT_INDIVIDUALS])
        bs_doc_note(d, "accounts (e-mail addresses in HIBP) are not people: they are added "
                       "up separately");
    if (o.n_unit[BREACH_UNIT_RECORDS] && o.n_unit[BREACH_UNIT_INDIVIDUALS])
        bs_doc_note(d, "records (VERIS data_total) are not people: they are added up "
                       "separately");

    bs_add_inputs_table(d, ctx);
    add_only_older(d, ctx);
    rc = bs_doc_emit(d, ctx);
    bs_doc_free(d);
    return rc;
}
