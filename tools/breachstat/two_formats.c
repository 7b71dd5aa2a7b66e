/* What a result may count twice when inputs of two formats are loaded together (a curated
 * file copying HHS rows, a state's notice of an HHS filing): the library's
 * breach_format_overlap, said in the same words by every command that counts or adds
 * notices across inputs (doc/model.md, "Across formats: said, not dropped"). */
#include "breachstat.h"

#include <stdio.h>

/* One sentence for a unit's total (the summary's first words) and for the notices alike. */
#define TWICE                                                                                \
    "Possibly counted twice: %s %s of %s %s that inputs of two formats both list within %d " \
    "days (one incident in two sources, or a file that copies another's rows)."

size_t bs_two_formats_sentences(const breach_format_overlap *fo, bool notices, int unit,
                                char out[][BS_TWICE_SENTENCE])
{
    char a[BS_NUM], b[BS_NUM];
    size_t n = 0;
    if (notices && fo->notices_twice)
        snprintf(out[n++], BS_TWICE_SENTENCE, TWICE, bs_fmt_uint(fo->notices_twice, a, sizeof a),
                 bs_plural(fo->notices_twice, "notice", "notices"),
                 bs_fmt_uint(fo->n_paired_organisations, b, sizeof b),
                 bs_plural(fo->n_paired_organisations, "organisation", "organisations"),
                 (int)fo->window_days);
    for (int u = 0; u < BREACH_UNIT_COUNT_; u++)
        if (fo->twice[u] && (unit < 0 || u == unit))
            snprintf(out[n++], BS_TWICE_SENTENCE, TWICE, bs_fmt_uint(fo->twice[u], a, sizeof a),
                     bs_unit_name(u), bs_fmt_uint(fo->n_twice[u], b, sizeof b),
                     bs_plural(fo->n_twice[u], "organisation", "organisations"),
                     (int)fo->window_days);
    return n;
}

void bs_doc_two_formats(bs_doc *d, const breach_format_overlap *fo, bool notices, int unit)
{
    char say[1 + BREACH_UNIT_COUNT_][BS_TWICE_SENTENCE];
    size_t n = bs_two_formats_sentences(fo, notices, unit, say);
    for (size_t k = 0; k < n; k++)
        bs_doc_headline(d, "%s", say[k]);
    if (fo->n_formats < 2)
        return; /* one format: nothing can be in two, and no fact says so */
    bs_doc_fact(d, "two_formats_organisations",
                "organisations with figures in two formats (within the window)",
                bs_v_uint(fo->n_organisations));
    for (int u = 0; u < BREACH_UNIT_COUNT_; u++) {
        if (unit >= 0 && u != unit)
            continue;
        char key[64], label[96];
        snprintf(key, sizeof key, "two_formats_%s", bs_unit_name(u));
        snprintf(label, sizeof label, "  %s they may count twice", bs_unit_name(u));
        bs_doc_fact(d, key, label, bs_v_uint(fo->twice[u]));
    }
    if (notices) {
        bs_doc_fact(d, "two_formats_notices", "notices possibly counted twice (two formats)",
                    bs_v_uint(fo->notices_twice));
        bs_doc_fact(d, "two_formats_notice_organisations", "  of organisations",
                    bs_v_uint(fo->n_paired_organisations));
    }
}

void bs_doc_two_formats_of(bs_doc *d, const bs_ctx *ctx, const breach_filter *f, bool notices,
                           int unit)
{
    breach_error e;
    breach_format_overlap *fo = breach_format_overlap_compute(ctx->ds, f, NULL, &e);
    if (!fo) {
        bs_doc_note(d, "notices in two formats not looked for: %s", e.text);
        return;
    }
    bs_doc_two_formats(d, fo, notices, unit);
    breach_format_overlap_free(fo);
}
