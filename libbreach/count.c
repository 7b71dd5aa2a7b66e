/* Counts with qualifiers, and totals that keep their bounds. */
#include "breach_private.h"

#include <inttypes.h>
#include <stdio.h>

breach_count breach_count_unknown(void)
{
    breach_count c = {0, BREACH_COUNT_UNKNOWN};
    return c;
}

breach_count breach_count_exact(uint64_t value)
{
    breach_count c = {value, BREACH_COUNT_EXACT};
    return c;
}

int breach_count_parse(const char *text, size_t len, breach_count *out, breach_error *err)
{
    if (!out || (!text && len))
        return breach_fail(err, BREACH_EINVAL, "no count text or output");
    const char *s = text;
    breach_trim(&s, &len);
    if (len == 0) {
        *out = breach_count_unknown();
        return BREACH_OK;
    }
    breach_qualifier q = BREACH_COUNT_EXACT;
    size_t i = 0;
    if (len >= 2 && s[0] == '>' && s[1] == '=') {
        q = BREACH_COUNT_AT_LEAST;
        i = 2;
    } else if (len >= 2 && s[0] == '<' && s[1] == '=') {
        q = BREACH_COUNT_AT_MOST;
        i = 2;
    } else if (s[0] == '~') {
        q = BREACH_COUNT_ESTIMATED;
        i = 1;
    }
    if (i < len && s[i] == '-')
        return breach_fail(err, BREACH_ECOUNT, "negative count '%.*s'", (int)(len > 30 ? 30 : len), s);
    if (i == len)
        return breach_fail(err, BREACH_ECOUNT, "qualifier '%.*s' without a number", (int)len, s);
    uint64_t v = 0;
    /* 19 digits make at most 10^19 - 1 < 2^64: only a 20th digit or later can overflow */
    size_t safe_end = i + 19;
    for (; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return breach_fail(err, BREACH_ECOUNT,
                               "'%.*s' is not a count (digits, optionally after >=, <= or ~)",
                               (int)(len > 30 ? 30 : len), s);
        unsigned dgt = (unsigned)(s[i] - '0');
        if (i >= safe_end && v > (UINT64_MAX - dgt) / 10)
            return breach_fail(err, BREACH_EOVERFLOW, "count '%.*s' exceeds 2^64-1",
                               (int)(len > 30 ? 30 : len), s);
        v = v * 10 + dgt;
    }
    out->value = v;
    out->qualifier = (int32_t)q;
    return BREACH_OK;
}

int breach_count_format(breach_count c, char *buf, size_t size)
{
    const char *p = "";
    switch (c.qualifier) {
    case BREACH_COUNT_UNKNOWN: return snprintf(buf, size, "%s", "");
    case BREACH_COUNT_AT_LEAST: p = ">="; break;
    case BREACH_COUNT_AT_MOST: p = "<="; break;
    case BREACH_COUNT_ESTIMATED: p = "~"; break;
    default: break;
    }
    return snprintf(buf, size, "%s%" PRIu64, p, c.value);
}

breach_total breach_total_zero(void)
{
    breach_total t = {0};
    return t;
}

static int add_u64(uint64_t *acc, uint64_t v)
{
    if (*acc > UINT64_MAX - v)
        return 0;
    *acc += v;
    return 1;
}

int breach_total_add(breach_total *t, breach_count c)
{
    if (!t)
        return BREACH_EINVAL;
    breach_total n = *t;
    int ok = 1;
    n.n++;
    switch (c.qualifier) {
    case BREACH_COUNT_EXACT:
    case BREACH_COUNT_ESTIMATED:
        ok = add_u64(&n.lower, c.value) && add_u64(&n.upper, c.value) &&
             add_u64(&n.point, c.value);
        if (c.qualifier == BREACH_COUNT_EXACT)
            n.n_exact++;
        else
            n.n_estimated++;
        break;
    case BREACH_COUNT_AT_LEAST:
        ok = add_u64(&n.lower, c.value) && add_u64(&n.point, c.value);
        n.upper_unbounded = true;
        n.n_at_least++;
        break;
    case BREACH_COUNT_AT_MOST:
        ok = add_u64(&n.upper, c.value) && add_u64(&n.point, c.value);
        n.n_at_most++;
        break;
    case BREACH_COUNT_UNKNOWN:
        n.upper_unbounded = true;
        n.n_unknown++;
        break;
    default: return BREACH_EINVAL;
    }
    if (!ok)
        return BREACH_EOVERFLOW;
    *t = n;
    return BREACH_OK;
}

int breach_total_merge(breach_total *t, const breach_total *o)
{
    if (!t || !o)
        return BREACH_EINVAL;
    breach_total n = *t;
    if (!add_u64(&n.lower, o->lower) || !add_u64(&n.upper, o->upper) ||
        !add_u64(&n.point, o->point))
        return BREACH_EOVERFLOW;
    n.upper_unbounded = n.upper_unbounded || o->upper_unbounded;
    n.n += o->n;
    n.n_exact += o->n_exact;
    n.n_at_least += o->n_at_least;
    n.n_at_most += o->n_at_most;
    n.n_estimated += o->n_estimated;
    n.n_unknown += o->n_unknown;
    *t = n;
    return BREACH_OK;
}
