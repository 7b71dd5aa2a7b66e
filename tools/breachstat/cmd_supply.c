/* breachstat supply-chain: organisations and people hit through one vendor or campaign. */
#include "breachstat.h"

#include <stdlib.h>
#include <string.h>

const bs_optspec bs_supply_opts[] = {
    {"vendor", 0, "NAME",
     "the vendor or campaign (\"Fortra GoAnywhere\"; spelling folded as entity keys); "
     "default: one line per vendor found"},
    {NULL, 0, NULL, NULL}};

size_t bs_list_vendors(const breach_dataset *ds, const breach_filter *f, const char ***out)
{
    breach_error e;
    breach_vendors *v = breach_vendors_compute(ds, f, &e);
    size_t n = v ? v->n_rows : 0;
    *out = bs_xcalloc(n + 1, sizeof **out);
    for (size_t i = 0; i < n; i++)
        (*out)[i] = v->rows[i].name; /* borrowed from the dataset */
    breach_vendors_free(v);
    return n;
}

static int one_vendor(bs_ctx *ctx, const char *vendor)
{
    breach_error e;
    breach_supply_chain *sc = breach_supply_chain_compute(ctx->ds, vendor, &ctx->filter, &e);
    if (!sc)
        return bs_stat_failed("supply-chain totals", &e);
    char title[600];
    snprintf(title, sizeof title, "Supply chain: %s", sc->vendor);
    bs_doc *d = bs_doc_new(ctx, title);
    char a[BS_NUM], b[BS_NUM], c[BS_NUM], t[128];
    if (sc->n_notices == 0) {
        bs_doc_headline(d, "No selected notice names %s as its vendor or campaign.", sc->vendor);
        const char **names;
        size_t nn = bs_list_vendors(ctx->ds, &ctx->filter, &names);
        if (nn) {
            bs_buf bb;
            bs_buf_init(&bb);
            for (size_t i = 0; i < nn && i < 10; i++)
                bs_buf_printf(&bb, "%s%s", i ? "; " : "", names[i]);
            bs_doc_note(d, "vendors in these data: %s%s", bb.s, nn > 10 ? "; ..." : "");
            bs_buf_free(&bb);
        }
        free(names);
    } else {
        bs_doc_headline(d, "%s: %s organisations, %s notices (%s superseded by a revision), %s "
                           "individuals.",
                        sc->vendor, bs_fmt_uint(sc->n_organisations, a, sizeof a),
                        bs_fmt_uint(sc->n_notices, b, sizeof b),
                        bs_fmt_uint(sc->n_superseded, c, sizeof c),
                        bs_fmt_total(&sc->individuals, t, sizeof t));
        for (size_t k = 0; k < sc->n_members; k++) {
            const breach_supply_member *m = &sc->members[k];
            if (m->role != BREACH_MEMBER_POSSIBLE_DOUBLE)
                continue;
            breach_incident inc;
            const char *via = breach_dataset_get(ctx->ds, m->index, &inc, NULL) == BREACH_OK
                                  ? inc.via
                                  : NULL;
            bs_doc_headline(d, "Possible double report, in the upper bound only: %s%s%s.",
                            m->entity, via ? " via " : "", via ? via : "");
        }
    }
    bs_doc_fact(d, "vendor", "vendor or campaign", bs_v_text(sc->vendor));
    bs_doc_fact(d, "notices", "notices", bs_v_uint(sc->n_notices));
    bs_doc_fact(d, "superseded", "superseded by a revision", bs_v_uint(sc->n_superseded));
    bs_doc_fact(d, "organisations", "organisations", bs_v_uint(sc->n_organisations));
    bs_doc_fact(d, "possible_double", "possible double reports", bs_v_uint(sc->n_possible_double));
    bs_doc_fact(d, "individuals", "individuals", bs_v_total(sc->individuals));
    bs_doc_fact(d, "undated", "members without a notice date", bs_v_uint(sc->n_undated));

    static const bs_column mcols[] = {
        {"reported", "notice", BS_V_DATE},       {"affected", "affected", BS_V_COUNT},
        {"role", "counted", BS_V_TEXT},          {"revisions", "revisions", BS_V_UINT},
        {"id", "id", BS_V_TEXT},                 {"entity", "organisation", BS_V_TEXT}};
    bs_table *tm = bs_doc_table(d, "members", "Organisations", mcols, sizeof mcols / sizeof mcols[0]);
    for (size_t k = 0; k < sc->n_members; k++) {
        const breach_supply_member *m = &sc->members[k];
        breach_incident inc;
        bool ok = breach_dataset_get(ctx->ds, m->index, &inc, NULL) == BREACH_OK;
        bs_table_add(tm, bs_v_date(m->reported));
        bs_table_add(tm, bs_v_count(m->affected));
        bs_table_add(tm, bs_v_text(m->role == BREACH_MEMBER_POSSIBLE_DOUBLE ? "upper bound only"
                                                                           : "both bounds"));
        bs_table_add(tm, bs_v_uint(m->n_revisions));
        bs_table_add(tm, bs_v_text(ok ? inc.id : NULL));
        bs_table_add(tm, bs_v_text(m->entity));
    }
    static const bs_column ccols[] = {{"date", "date", BS_V_DATE},
                                      {"organisations", "organisations", BS_V_UINT},
                                      {"individuals_lower", "individuals (lower)", BS_V_UINT},
                                      {"individuals_upper", "upper", BS_V_UINT},
                                      {"individuals_point", "as reported", BS_V_UINT}};
    bs_table *tc = bs_doc_table(d, "curve", "Cumulative, by notice date", ccols,
                                sizeof ccols / sizeof ccols[0]);
    for (size_t k = 0; k < sc->n_points; k++) {
        const breach_supply_point *p = &sc->curve[k];
        bs_table_add(tc, bs_v_date(p->date));
        bs_table_add(tc, bs_v_uint(p->organisations));
        bs_table_add(tc, bs_v_uint(p->lower));
        bs_table_add(tc, p->upper_unbounded ? bs_v_null() : bs_v_uint(p->upper));
        bs_table_add(tc, bs_v_uint(p->point));
    }
    if (sc->n_points)
        bs_doc_note(d, "an upper bound shown as - is unbounded: some counts are unknown or "
                       "lower bounds");
    if (sc->n_undated)
        bs_doc_note(d, "members without a notice date are in the totals, not in the curve (%llu)",
                    (unsigned long long)sc->n_undated);
    bs_doc_note(d, "a revised notice replaces the earlier figure of the same organisation; a "
                   "notice via another member may count the same people and enters the upper "
                   "bound only");
    int rc = bs_doc_emit(d, ctx);
    bs_doc_free(d);
    breach_supply_chain_free(sc);
    return rc;
}

static int all_vendors(bs_ctx *ctx)
{
    const char **names;
    size_t nn = bs_list_vendors(ctx->ds, &ctx->filter, &names);
    bs_doc *d = bs_doc_new(ctx, "Supply chains");
    bs_doc_headline(d, "%zu %s named in the selected notices.", nn,
                    nn == 1 ? "vendor or campaign" : "vendors or campaigns");
    static const bs_column cols[] = {
        {"vendor", "vendor", BS_V_TEXT},         {"notices", "notices", BS_V_UINT},
        {"superseded", "superseded", BS_V_UINT}, {"organisations", "organisations", BS_V_UINT},
        {"individuals", "individuals", BS_V_TOTAL}, {"first", "first notice", BS_V_DATE},
        {"last", "last notice", BS_V_DATE}};
    bs_table *tb = bs_doc_table(d, "vendors", "Vendors and campaigns", cols,
                                sizeof cols / sizeof cols[0]);
    int rc = BS_EXIT_OK;
    for (size_t i = 0; i < nn; i++) {
        breach_error e;
        breach_supply_chain *sc = breach_supply_chain_compute(ctx->ds, names[i], &ctx->filter, &e);
        if (!sc) {
            rc = bs_stat_failed("supply-chain totals", &e);
            break;
        }
        bs_table_add(tb, bs_v_text(names[i]));
        bs_table_add(tb, bs_v_uint(sc->n_notices));
        bs_table_add(tb, bs_v_uint(sc->n_superseded));
        bs_table_add(tb, bs_v_uint(sc->n_organisations));
        bs_table_add(tb, bs_v_total(sc->individuals));
        bs_table_add(tb, sc->n_points ? bs_v_date(sc->curve[0].date) : bs_v_null());
        bs_table_add(tb, sc->n_points ? bs_v_date(sc->curve[sc->n_points - 1].date) : bs_v_null());
        breach_supply_chain_free(sc);
    }
    free(names);
    if (rc == BS_EXIT_OK) {
        bs_doc_note(d, "'breachstat supply-chain --vendor NAME' lists one vendor's organisations "
                       "and its cumulative curve");
        rc = bs_doc_emit(d, ctx);
    }
    bs_doc_free(d);
    return rc;
}

int bs_cmd_supply(bs_ctx *ctx)
{
    const char *vendor = bs_opt(ctx, "vendor");
    if (vendor && !vendor[0])
        return bs_usage_error(ctx, "--vendor needs a name");
    return vendor ? one_vendor(ctx, vendor) : all_vendors(ctx);
}
