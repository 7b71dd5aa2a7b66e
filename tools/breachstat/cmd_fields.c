/* breachstat fields: the enumerated attributes the incidents carry beside the model's
 * fields, and one attribute's values with their counts over the selection. */
#include "breachstat.h"

#include <stdlib.h>
#include <string.h>

const bs_optspec bs_fields_opts[] = {
    {"field", 0, "NAME", "list this attribute's values and their counts"},
    {"top", 0, "N", "without --field: each attribute's N commonest values (default 5)"},
    {NULL, 0, NULL, NULL}};

typedef struct vcount {
    size_t value;
    uint64_t n;
    const char *text;
} vcount;

/* Commonest first; ties by value text, so that the order never depends on load order. */
static int by_count(const void *a, const void *b)
{
    const vcount *x = a, *y = b;
    if (x->n != y->n)
        return x->n < y->n ? 1 : -1;
    return strcmp(x->text, y->text);
}

/* Field k's values with their counts over the selection, commonest first (owned). */
static vcount *tally(bs_ctx *ctx, size_t k, size_t *n, uint64_t *with, uint64_t *selected,
                     uint64_t *unknown, int *rc)
{
    breach_field_info fi;
    breach_error e;
    breach_dataset_field(ctx->ds, k, &fi, NULL);
    uint64_t *counts = bs_xcalloc(fi.n_values ? fi.n_values : 1, sizeof *counts);
    *rc = breach_dataset_field_counts(ctx->ds, &ctx->filter, k, counts, with, selected, &e);
    if (*rc) {
        free(counts);
        *rc = bs_stat_failed("fields", &e);
        return NULL;
    }
    vcount *v = bs_xcalloc(fi.n_values ? fi.n_values : 1, sizeof *v);
    *n = 0;
    *unknown = 0;
    for (size_t j = 0; j < fi.n_values; j++) {
        breach_value_info vi;
        breach_dataset_field_value(ctx->ds, k, j, &vi, NULL);
        if (vi.unknown)
            *unknown += counts[j];
        if (counts[j])
            v[(*n)++] = (vcount){j, counts[j], vi.value};
    }
    free(counts);
    qsort(v, *n, sizeof *v, by_count);
    return v;
}

static int one_field(bs_ctx *ctx, const char *name)
{
    long k = breach_dataset_field_find(ctx->ds, name);
    if (k < 0)
        return bs_usage_error(ctx, "--field %s: no incident carries it (breachstat fields FILE "
                                   "lists the fields)", name);
    size_t n;
    uint64_t with, selected, unknown;
    int rc;
    vcount *v = tally(ctx, (size_t)k, &n, &with, &selected, &unknown, &rc);
    if (!v)
        return rc;
    char title[256];
    snprintf(title, sizeof title, "Values of %s", name);
    bs_doc *d = bs_doc_new(ctx, title);
    char a[BS_NUM], b[BS_NUM];
    bs_doc_headline(d, "%s of %s selected incidents carry %s, in %zu distinct values.",
                    bs_fmt_uint(with, a, sizeof a), bs_fmt_uint(selected, b, sizeof b), name, n);
    bs_doc_fact(d, "field", "field", bs_v_text(name));
    bs_doc_fact(d, "incidents", "incidents selected", bs_v_uint(selected));
    bs_doc_fact(d, "with_field", "incidents carrying it", bs_v_uint(with));
    bs_doc_fact(d, "unknown", "incidents with its Unknown", bs_v_uint(unknown));
    static const bs_column cols[] = {{"value", "value", BS_V_TEXT},
                                     {"incidents", "incidents", BS_V_UINT},
                                     {"share", "of those carrying it", BS_V_PCT},
                                     {"unknown", "unknown", BS_V_BOOL}};
    bs_table *t = bs_doc_table(d, "values", "Values", cols, sizeof cols / sizeof cols[0]);
    for (size_t i = 0; i < n; i++) {
        breach_value_info vi;
        breach_dataset_field_value(ctx->ds, (size_t)k, v[i].value, &vi, NULL);
        bs_table_add(t, bs_v_text(vi.value));
        bs_table_add(t, bs_v_uint(v[i].n));
        bs_table_add(t, bs_v_pct(with ? (double)v[i].n / (double)with : 0.0 / 0.0));
        bs_table_add(t, bs_v_bool(vi.unknown));
    }
    bs_doc_note(d, "an incident can carry several values of one field: the shares need not add "
                   "up to 100 %%");
    bs_doc_note(d, "select by value in any command: --where '%s=VALUE' (or '%s!=VALUE')", name,
                name);
    free(v);
    rc = bs_doc_emit(d, ctx);
    bs_doc_free(d);
    return rc;
}

int bs_cmd_fields(bs_ctx *ctx)
{
    const char *v;
    if ((v = bs_opt(ctx, "field")))
        return one_field(ctx, v);
    uint64_t top = 5;
    if ((v = bs_opt(ctx, "top")) && bs_parse_uint("top", v, 1000, &top))
        return BS_EXIT_USAGE;
    size_t nf = breach_dataset_n_fields(ctx->ds);
    bs_doc *d = bs_doc_new(ctx, "Enumerated attributes");
    char a[BS_NUM];
    bs_doc_headline(d, "%zu attributes beside the model's fields.", nf);
    if (nf == 0)
        bs_doc_headline(d, "The sources' own fields (HHS's \"Type of Breach\" as written, VERIS "
                           "enumerations) come from their files: the canonical CSV and the "
                           "seed carry none (doc/canonical-csv.md).");
    bs_doc_fact(d, "fields", "attributes", bs_v_uint(nf));
    static const bs_column cols[] = {{"field", "field", BS_V_TEXT},
                                     {"incidents", "incidents", BS_V_UINT},
                                     {"values", "values", BS_V_UINT},
                                     {"unknown", "unknown", BS_V_UINT},
                                     {"top", "commonest values", BS_V_TEXT}};
    /* the selection is counted on its own: each field's tally counts it too, but a file
       without attributes has no field to tally and its incidents are selected all the same */
    breach_error e;
    size_t selected;
    size_t *sel = breach_dataset_select(ctx->ds, &ctx->filter, &selected, &e);
    if (!sel && e.code != BREACH_OK) {
        bs_doc_free(d);
        return bs_stat_failed("the selection", &e);
    }
    breach_free(sel);
    bs_table *t = bs_doc_table(d, "fields", "Attributes", cols, sizeof cols / sizeof cols[0]);
    for (size_t k = 0; k < nf; k++) {
        size_t n;
        uint64_t with, unknown;
        int rc;
        vcount *vc = tally(ctx, k, &n, &with, NULL, &unknown, &rc);
        if (!vc) {
            bs_doc_free(d);
            return rc;
        }
        breach_field_info fi;
        breach_dataset_field(ctx->ds, k, &fi, NULL);
        bs_buf b;
        bs_buf_init(&b);
        for (size_t i = 0; i < n && i < top; i++)
            bs_buf_printf(&b, "%s%s (%s)", i ? "; " : "", vc[i].text,
                          bs_fmt_uint(vc[i].n, a, sizeof a));
        if (n > top)
            bs_buf_printf(&b, "; %zu more", n - (size_t)top);
        bs_table_add(t, bs_v_text(fi.name));
        bs_table_add(t, bs_v_uint(with));
        bs_table_add(t, bs_v_uint(n));
        bs_table_add(t, bs_v_uint(unknown));
        char *s = bs_buf_take(&b);
        bs_table_add(t, bs_v_text(s));
        free(s);
        bs_buf_free(&b);
        free(vc);
    }
    bs_doc_fact(d, "incidents", "incidents selected", bs_v_uint(selected));
    bs_doc_note(d, "values with their counts: breachstat fields --field NAME FILE; select: "
                   "--where NAME=VALUE");
    int rc = bs_doc_emit(d, ctx);
    bs_doc_free(d);
    return rc;
}
