/* breachstat supply-chain: organisations and people hit through one vendor or campaign.
 * Totals are in one unit per vendor (the library's `unit`); members counted in another
 * are listed and totalled apart, never added. */
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

/* The entity key of a name (breach_entity_key), new; NULL for none. */
static char *key_of(const char *name)
{
    if (!name)
        return NULL;
    size_t n = breach_entity_key(name, strlen(name), NULL, 0);
    if (n == (size_t)-1 || !n)
        return NULL;
    char *k = bs_xmalloc(n + 1);
    if (breach_entity_key(name, strlen(name), k, n + 1) != n) {
        free(k);
        return NULL;
    }
    return k;
}

/* The curve adds the dated members only, and each figure from its own date: what that
 * does to its bounds is said beside it, with the members and revisions concerned, since
 * its last point otherwise reads as the total (Fortra GoAnywhere in the seed: a last upper
 * bound of 5,643,196 beside a total with none, Blue Shield of California having no date
 * nor figure) and its steps as the standing figures (Brightline's 964,300 of 2023-04-20,
 * replaced by 1,013,686 on 2023-05-26). */
static void curve_notes(const bs_ctx *ctx, bs_doc *d, const breach_supply_chain *sc)
{
    char a[BS_NUM], b[BS_NUM];
    if (sc->n_undated) {
        bs_buf who;
        bs_buf_init(&who);
        size_t listed = 0;
        for (size_t k = 0; k < sc->n_members; k++) {
            const breach_supply_member *m = &sc->members[k];
            if (breach_date_is_known(m->reported))
                continue;
            if (listed++ < 5)
                bs_buf_printf(&who, "%s%s, %s", listed > 1 ? "; " : "", m->entity,
                              m->affected.qualifier == BREACH_COUNT_UNKNOWN
                                  ? "no figure"
                                  : bs_fmt_count(m->affected, a, sizeof a));
        }
        if (listed > 5)
            bs_buf_puts(&who, "; ...");
        const breach_supply_point *last = sc->n_points ? &sc->curve[sc->n_points - 1] : NULL;
        const breach_total *t = &sc->individuals;
        char bound[256] = "";
        if (last && !last->upper_unbounded && t->upper_unbounded)
            snprintf(bound, sizeof bound, ", so its last upper bound, %s, is not the total's, "
                                          "which has none",
                     bs_fmt_uint(last->upper, a, sizeof a));
        else if (last && !last->upper_unbounded && last->upper != t->upper)
            snprintf(bound, sizeof bound, ", so its last upper bound, %s, is not the total's, %s",
                     bs_fmt_uint(last->upper, a, sizeof a), bs_fmt_uint(t->upper, b, sizeof b));
        bs_doc_note(d, "%s %s without a notice date %s in the totals, not in the curve (%s): "
                       "the curve's bounds are those of the dated members%s",
                    bs_fmt_uint(sc->n_undated, b, sizeof b),
                    bs_plural(sc->n_undated, "member", "members"),
                    bs_plural(sc->n_undated, "is", "are"), who.s ? who.s : "", bound);
        bs_buf_free(&who);
    }
    /* the superseded notices on the curve: dated, of a member's organisation and this vendor */
    bool *sup = bs_xcalloc(breach_dataset_size(ctx->ds) + 1, sizeof *sup);
    breach_error e;
    long n_sup = breach_dataset_superseded(ctx->ds, &ctx->filter, sup, &e);
    bs_buf rev;
    bs_buf_init(&rev);
    size_t n_rev = 0;
    char *vkey = key_of(sc->vendor);
    for (size_t k = 0; n_sup > 0 && vkey && k < sc->n_members; k++) {
        const breach_supply_member *m = &sc->members[k];
        breach_incident mi;
        if (!m->n_revisions || !breach_date_is_known(m->reported) ||
            breach_dataset_get(ctx->ds, m->index, &mi, NULL) != BREACH_OK)
            continue;
        char *mkey = key_of(mi.entity);
        bs_buf steps;
        bs_buf_init(&steps);
        for (size_t i = 0; mkey && i < breach_dataset_size(ctx->ds); i++) {
            breach_incident inc;
            if (!sup[i] || breach_dataset_get(ctx->ds, i, &inc, NULL) != BREACH_OK ||
                !breach_date_is_known(inc.reported))
                continue;
            char *ik = key_of(inc.entity), *iv = key_of(inc.vendor);
            if (ik && iv && strcmp(ik, mkey) == 0 && strcmp(iv, vkey) == 0) {
                char dt[16];
                bs_buf_printf(&steps, "%s from %s, ", bs_fmt_count(inc.affected, a, sizeof a),
                              bs_fmt_date(inc.reported, dt, sizeof dt));
            }
            free(ik);
            free(iv);
        }
        if (steps.s) {
            char dt[16];
            bs_buf_printf(&rev, "%s%s: %s%s from %s", n_rev++ ? "; " : "", m->entity, steps.s,
                          bs_fmt_count(m->affected, a, sizeof a),
                          bs_fmt_date(m->reported, dt, sizeof dt));
        }
        bs_buf_free(&steps);
        free(mkey);
    }
    if (n_rev)
        bs_doc_note(d, "the curve shows each figure as it stood on its date: a revision replaces "
                       "the earlier figure from its own date on, so the curve steps through "
                       "figures that no longer stand (%s)",
                    rev.s);
    free(vkey);
    bs_buf_free(&rev);
    free(sup);
}

static int one_vendor(bs_ctx *ctx, const char *vendor)
{
    /* the selection is this vendor's notices: the provenance and the coarse-date count
       (bs_doc_new) say so */
    ctx->filter.vendor = vendor;
    breach_error e;
    breach_supply_chain *sc = breach_supply_chain_compute(ctx->ds, vendor, &ctx->filter, &e);
    if (!sc)
        return bs_stat_failed("supply-chain totals", &e);
    const char *un = bs_unit_name(sc->unit);
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
        /* the total adds up the notices that stand (not superseded, in its unit): how many
           of them gave no figure is said with it */
        char tn[128] = "";
        if (sc->individuals.n_unknown)
            bs_fmt_total_n(&sc->individuals, "notice counted", "notices counted", tn, sizeof tn);
        bs_doc_headline(d, "%s: %s %s, %s %s (%s superseded by a revision), %s "
                           "%s%s%s%s.",
                        sc->vendor, bs_fmt_uint(sc->n_organisations, a, sizeof a),
                        bs_plural(sc->n_organisations, "organisation", "organisations"),
                        bs_fmt_uint(sc->n_notices, b, sizeof b),
                        bs_plural(sc->n_notices, "notice", "notices"),
                        bs_fmt_uint(sc->n_superseded, c, sizeof c),
                        bs_fmt_total(&sc->individuals, t, sizeof t), un, *tn ? " (" : "", tn,
                        *tn ? ")" : "");
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
    /* the total in the result's unit under its unit's name, then any other unit's apart */
    int order[BREACH_UNIT_COUNT_];
    int nu = bs_units_order(sc->unit, sc->units, order);
    for (int k = 0; k < nu; k++)
        bs_doc_fact(d, bs_unit_name(order[k]), bs_unit_name(order[k]),
                    bs_v_unit_total(&sc->by_unit[order[k]], sc->units, order[k]));
    bs_doc_fact(d, "undated", "members without a notice date", bs_v_uint(sc->n_undated));
    bs_doc_units(d, sc->unit, sc->units, sc->n_other_units, "member", "members");

    static const bs_column mcols[] = {
        {"reported", "notice", BS_V_DATE},       {"affected", "affected", BS_V_COUNT},
        {"unit", "unit", BS_V_TEXT},
        {"role", "counted", BS_V_TEXT},          {"revisions", "revisions", BS_V_UINT},
        {"id", "id", BS_V_TEXT},                 {"entity", "organisation", BS_V_TEXT}};
    bs_table *tm = bs_doc_table(d, "members", "Organisations", mcols, sizeof mcols / sizeof mcols[0]);
    for (size_t k = 0; k < sc->n_members; k++) {
        const breach_supply_member *m = &sc->members[k];
        breach_incident inc;
        bool ok = breach_dataset_get(ctx->ds, m->index, &inc, NULL) == BREACH_OK;
        bs_table_add(tm, bs_v_date(m->reported));
        bs_table_add(tm, bs_v_count(m->affected));
        bs_table_add(tm, bs_v_text(bs_unit_name(m->unit)));
        bs_table_add(tm, bs_v_text(m->role == BREACH_MEMBER_POSSIBLE_DOUBLE ? "upper bound only"
                                   : m->role == BREACH_MEMBER_OTHER_UNIT    ? "apart (other unit)"
                                                                            : "both bounds"));
        bs_table_add(tm, bs_v_uint(m->n_revisions));
        bs_table_add(tm, bs_v_text(ok ? inc.id : NULL));
        bs_table_add(tm, bs_v_text(m->entity));
    }
    char cn[3][48], cl[48];
    snprintf(cn[0], sizeof cn[0], "%s_lower", un);
    snprintf(cn[1], sizeof cn[1], "%s_upper", un);
    snprintf(cn[2], sizeof cn[2], "%s_point", un);
    snprintf(cl, sizeof cl, "%s (lower)", un);
    const bs_column ccols[] = {{"date", "date", BS_V_DATE},
                               {"organisations", "organisations", BS_V_UINT},
                               {cn[0], cl, BS_V_UINT},
                               {cn[1], "upper", BS_V_UINT},
                               {cn[2], "as reported", BS_V_UINT}};
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
    curve_notes(ctx, d, sc);
    bs_doc_note(d, "a revised notice replaces the earlier figure of the same organisation; a "
                   "notice via another member may count the same people and enters the upper "
                   "bound only");
    int rc = bs_doc_emit_flagged(d, ctx);
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
    int rc = BS_EXIT_OK;
    breach_supply_chain **sc = bs_xcalloc(nn + 1, sizeof *sc);
    uint32_t units = 0; /* a column for each unit any vendor's members are in */
    for (size_t i = 0; i < nn; i++) {
        breach_error e;
        sc[i] = breach_supply_chain_compute(ctx->ds, names[i], &ctx->filter, &e);
        if (!sc[i]) {
            rc = bs_stat_failed("supply-chain totals", &e);
            break;
        }
        units |= sc[i]->units;
    }
    int order[BREACH_UNIT_COUNT_];
    int nu = bs_units_order(BREACH_UNIT_INDIVIDUALS, units ? units : 1u, order);
    if (!(units & 1u)) /* individuals only as a column when some vendor counts them */
        memmove(order, order + 1, (size_t)--nu * sizeof *order);
    bs_column cols[6 + BREACH_UNIT_COUNT_];
    size_t nc = 0;
    cols[nc++] = (bs_column){"vendor", "vendor", BS_V_TEXT};
    cols[nc++] = (bs_column){"notices", "notices", BS_V_UINT};
    cols[nc++] = (bs_column){"superseded", "superseded", BS_V_UINT};
    cols[nc++] = (bs_column){"organisations", "organisations", BS_V_UINT};
    for (int k = 0; k < nu; k++)
        cols[nc++] = (bs_column){bs_unit_name(order[k]), bs_unit_name(order[k]), BS_V_TOTAL};
    cols[nc++] = (bs_column){"first", "first notice", BS_V_DATE};
    cols[nc++] = (bs_column){"last", "last notice", BS_V_DATE};
    bs_table *tb = bs_doc_table(d, "vendors", "Vendors and campaigns", cols, nc);
    for (size_t i = 0; rc == BS_EXIT_OK && i < nn; i++) {
        const breach_supply_chain *s = sc[i];
        bs_table_add(tb, bs_v_text(names[i]));
        bs_table_add(tb, bs_v_uint(s->n_notices));
        bs_table_add(tb, bs_v_uint(s->n_superseded));
        bs_table_add(tb, bs_v_uint(s->n_organisations));
        for (int k = 0; k < nu; k++)
            bs_table_add(tb, bs_v_unit_total(&s->by_unit[order[k]], s->units, order[k]));
        bs_table_add(tb, s->n_points ? bs_v_date(s->curve[0].date) : bs_v_null());
        bs_table_add(tb, s->n_points ? bs_v_date(s->curve[s->n_points - 1].date) : bs_v_null());
    }
    for (size_t i = 0; i < nn; i++)
        breach_supply_chain_free(sc[i]);
    free(sc);
    free(names);
    if (rc == BS_EXIT_OK) {
        bs_doc_note(d, "'breachstat supply-chain --vendor NAME' lists one vendor's organisations "
                       "and its cumulative curve");
        rc = bs_doc_emit_flagged(d, ctx);
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
