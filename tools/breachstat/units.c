/* Units in the output: no total adds individuals, accounts and records, and each says which
 * it is. The library picks the unit of each result; these helpers name it. */
#include "breachstat.h"

#include <stdlib.h>
#include <string.h>

const char *bs_unit_name(int unit)
{
    const char *s = breach_unit_name((breach_unit)unit);
    return s ? s : "?";
}

int bs_units_count(uint32_t units)
{
    int n = 0;
    for (int u = 0; u < BREACH_UNIT_COUNT_; u++)
        n += (units >> u) & 1;
    return n;
}

char *bs_units_text(uint32_t units)
{
    bs_buf b;
    bs_buf_init(&b);
    for (int u = 0; u < BREACH_UNIT_COUNT_; u++)
        if (units & (1u << u))
            bs_buf_printf(&b, "%s%s", b.len ? ", " : "", bs_unit_name(u));
    if (!b.len)
        bs_buf_puts(&b, "none");
    return bs_buf_take(&b);
}

int bs_units_order(int unit, uint32_t units, int out[BREACH_UNIT_COUNT_])
{
    int n = 0;
    out[n++] = unit;
    for (int u = 0; u < BREACH_UNIT_COUNT_; u++)
        if (u != unit && (units & (1u << u)))
            out[n++] = u;
    return n;
}

bs_value bs_v_unit_total(const breach_total *t, uint32_t units, int unit)
{
    if (!(units & (1u << unit)))
        return bs_v_absent("not counted");
    return bs_v_total(*t);
}

void bs_doc_units(bs_doc *d, int unit, uint32_t units, uint64_t n_other, const char *one,
                  const char *many)
{
    char *all = bs_units_text(units);
    bs_doc_fact(d, "unit", "totals are in", bs_v_text(bs_unit_name(unit)));
    bs_doc_fact(d, "units", "units in the selected notices", bs_v_text(all));
    bs_doc_fact(d, "other_units", "notices in other units (not in the totals)", bs_v_uint(n_other));
    if (n_other) {
        char n[BS_NUM];
        char *others = bs_units_text(units & ~(1u << unit));
        bs_doc_headline(d, "Totals are in %s; %s %s in %s %s counted apart, never added "
                           "(--unit picks one).",
                        bs_unit_name(unit), bs_fmt_uint(n_other, n, sizeof n),
                        n_other == 1 ? one : many, others, n_other == 1 ? "is" : "are");
        free(others);
    }
    free(all);
}
