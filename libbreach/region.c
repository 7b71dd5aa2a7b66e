/* Regions: ISO 3166-1 countries and ISO 3166-2:US subdivisions. */
#include "breach_private.h"
#include "region_table.h"

#include <string.h>

static unsigned first_us_entry(void) { return breach_region_first_us; }

static int upper2(const char *s, char out[2])
{
    for (int i = 0; i < 2; i++) {
        char c = s[i];
        if (c >= 'a' && c <= 'z')
            c = (char)(c - 32);
        if (c < 'A' || c > 'Z')
            return 0;
        out[i] = c;
    }
    return 1;
}

static breach_region find_country(const char c[2])
{
    unsigned lo = 1, hi = first_us_entry(); /* [lo, hi): sorted, except XK at the end */
    if (c[0] == 'X' && c[1] == 'K')
        return (breach_region)(hi - 1);
    hi--;
    while (lo < hi) {
        unsigned mid = lo + (hi - lo) / 2;
        int cmp = memcmp(breach_region_table[mid].code, c, 2);
        if (cmp == 0)
            return (breach_region)mid;
        if (cmp < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return BREACH_REGION_NONE;
}

static breach_region find_us(const char c[2])
{
    for (unsigned i = first_us_entry(); i < breach_region_table_size; i++)
        if (breach_region_table[i].code[3] == c[0] && breach_region_table[i].code[4] == c[1])
            return (breach_region)i;
    return BREACH_REGION_NONE;
}

static int unknown(breach_error *err, const char *s, size_t len, const char *what)
{
    return breach_fail(err, BREACH_EREGION, "unknown %s '%.*s'", what, (int)(len > 40 ? 40 : len),
                       s);
}

int breach_region_parse(const char *text, size_t len, breach_region *out, breach_error *err)
{
    if (!out || (!text && len))
        return breach_fail(err, BREACH_EINVAL, "no region text or output");
    const char *s = text;
    breach_trim(&s, &len);
    char c[2];
    breach_region r = BREACH_REGION_NONE;
    if (len == 2 && upper2(s, c)) {
        r = find_country(c);
    } else if (len == 5 && s[2] == '-' && upper2(s, c)) {
        char sub[2];
        if (c[0] == 'U' && c[1] == 'S' && upper2(s + 3, sub))
            r = find_us(sub);
        else if (find_country(c) != BREACH_REGION_NONE)
            return breach_fail(err, BREACH_EREGION,
                               "subdivision '%.*s': only US subdivisions are known to this version",
                               (int)len, s);
    }
    if (r == BREACH_REGION_NONE)
        return unknown(err, s, len, "ISO 3166 region code");
    *out = r;
    return BREACH_OK;
}

/* Compares a state name with text, folding ASCII case and runs of spaces. */
static int name_eq(const char *s, size_t len, const char *name)
{
    size_t i = 0;
    const char *n = name;
    while (i < len && *n) {
        if (breach_is_space(s[i]) && *n == ' ') {
            while (i < len && breach_is_space(s[i]))
                i++;
            n++;
            continue;
        }
        if (breach_lower(s[i]) != breach_lower(*n))
            return 0;
        i++;
        n++;
    }
    return i == len && *n == '\0';
}

int breach_region_from_us_state(const char *text, size_t len, breach_region *out,
                                breach_error *err)
{
    if (!out || (!text && len))
        return breach_fail(err, BREACH_EINVAL, "no state text or output");
    const char *s = text;
    breach_trim(&s, &len);
    char c[2];
    breach_region r = BREACH_REGION_NONE;
    if (len == 2 && upper2(s, c)) {
        r = find_us(c);
    } else if (len == 5 && (s[0] == 'U' || s[0] == 'u') && (s[1] == 'S' || s[1] == 's') &&
               s[2] == '-' && upper2(s + 3, c)) {
        r = find_us(c);
    } else {
        for (unsigned i = first_us_entry(); i < breach_region_table_size; i++)
            if (name_eq(s, len, breach_region_table[i].name)) {
                r = (breach_region)i;
                break;
            }
    }
    if (r == BREACH_REGION_NONE)
        return unknown(err, s, len, "US state, district or territory");
    *out = r;
    return BREACH_OK;
}

const char *breach_region_code(breach_region r)
{
    return r < breach_region_table_size ? breach_region_table[r].code : "";
}

const char *breach_region_name(breach_region r)
{
    return r < breach_region_table_size ? breach_region_table[r].name : "";
}

breach_region breach_region_country(breach_region r)
{
    if (r == BREACH_REGION_NONE || r >= breach_region_table_size)
        return BREACH_REGION_NONE;
    if (!breach_region_table[r].us_subdivision)
        return r;
    return find_country("US");
}

breach_region breach_region_max(void) { return (breach_region)(breach_region_table_size - 1); }
