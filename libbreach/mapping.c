/* Column mappings: building one key by key or from `key = value` text. The keys are
 * documented in doc/mapping.md; loading through a mapping is io_mapped.c. */
#include "mapping_private.h"
#include "file_private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const text_keys[MAP_TEXT_COUNT_] = {
    "entity", "id", "entity_type", "actor", "vendor", "via", "summary"};
static const char *const date_keys[MAP_DATE_COUNT_] = {
    "reported", "occurred_start", "occurred_end", "discovered"};
static const char *const set_keys[MAP_SET_COUNT_] = {"types", "categories", "locations"};
static const char *const value_prefixes[MAP_SET_COUNT_] = {"type.", "category.", "location."};

breach_mapping *breach_mapping_new(breach_error *err)
{
    breach_mapping *m = breachp_calloc(1, sizeof *m);
    if (!m) {
        breach_fail(err, BREACH_ENOMEM, "out of memory");
        return NULL;
    }
    m->qualifier = MAP_QUAL_CANONICAL;
    m->unit = BREACH_UNIT_INDIVIDUALS;
    return m;
}

static void list_free(breach_map_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        breachp_free(l->items[i]);
    breachp_free(l->items);
    l->items = NULL;
    l->n = 0;
}

void breach_mapping_free(breach_mapping *m)
{
    if (!m)
        return;
    for (int k = 0; k < MAP_TEXT_COUNT_; k++) {
        list_free(&m->text[k]);
        breachp_free(m->constant[k]);
    }
    breachp_free(m->id_prefix);
    for (int k = 0; k < MAP_DATE_COUNT_; k++) {
        breachp_free(m->date_column[k]);
        breachp_free(m->date_format[k]);
    }
    breachp_free(m->date_format_all);
    breachp_free(m->affected);
    breachp_free(m->placeholders);
    for (size_t i = 0; i < m->n_regions; i++)
        breachp_free(m->regions[i].column);
    breachp_free(m->regions);
    for (size_t i = 0; i < m->n_attrs; i++) {
        breachp_free(m->attrs[i].field);
        breachp_free(m->attrs[i].column);
    }
    breachp_free(m->attrs);
    breachp_free(m->entity_region);
    for (int k = 0; k < MAP_SET_COUNT_; k++) {
        list_free(&m->sets[k].columns);
        for (size_t i = 0; i < m->sets[k].n_values; i++)
            breachp_free(m->sets[k].values[i].text);
        breachp_free(m->sets[k].values);
    }
    breachp_free(m->business_associate);
    list_free(&m->group_by);
    for (size_t i = 0; i < m->n_keys; i++)
        breachp_free(m->keys[i]);
    breachp_free(m->keys);
    breachp_free(m->source);
    breachp_free(m);
}

static char *dup_n(const char *s, size_t n)
{
    char *d = breachp_malloc(n + 1);
    if (d) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

int breach_map_value_eq(const char *s, size_t n, const char *text)
{
    /* the header comparison folds case and runs of spaces: the same rule for values */
    const char *t = text;
    size_t tn = strlen(text);
    breach_trim(&s, &n);
    size_t i = 0, j = 0;
    while (i < n && j < tn) {
        if (breach_is_space(s[i]) && breach_is_space(t[j])) {
            while (i < n && breach_is_space(s[i]))
                i++;
            while (j < tn && breach_is_space(t[j]))
                j++;
            continue;
        }
        if (breach_lower(s[i]) != breach_lower(t[j]))
            return 0;
        i++;
        j++;
    }
    return i == n && j == tn;
}

/* ---------------------------------------------------------------- dates */

static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* Date patterns (doc/mapping.md): tokens, case-sensitive, longest first, and literal
 * characters that are neither letters nor digits (a space matches one or more spaces). */
enum {
    T_LIT, T_YEAR, T_MONTH_NAME, T_MONTH, T_DAY, T_HOUR24, T_HOUR12, T_MINUTE, T_SECOND,
    T_AMPM, T_BAD
};

/* The token at f and its length. */
static int token(const char *f, size_t *len)
{
    static const struct {
        const char *text;
        int tok;
    } toks[] = {{"YYYY", T_YEAR}, {"MMMM", T_MONTH_NAME}, {"MMM", T_MONTH_NAME},
                {"MM", T_MONTH},  {"DD", T_DAY},          {"HH", T_HOUR24},
                {"hh", T_HOUR12}, {"mm", T_MINUTE},       {"ss", T_SECOND},
                {"a", T_AMPM}};
    for (size_t k = 0; k < sizeof toks / sizeof toks[0]; k++) {
        size_t n = strlen(toks[k].text);
        if (strncmp(f, toks[k].text, n) == 0) {
            *len = n;
            return toks[k].tok;
        }
    }
    *len = 1;
    if ((*f >= 'a' && *f <= 'z') || (*f >= 'A' && *f <= 'Z') || is_digit(*f))
        return T_BAD;
    return T_LIT;
}

/* A date format: "auto", or a pattern with YYYY once, one month (MM, MMM or MMMM) at most,
 * DD at most once and only with a month, a time (HH, or hh with a; mm after an hour, ss
 * after mm) at most once each, and literal characters that are neither letters nor
 * digits. */
static int format_valid(const char *f)
{
    if (breach_ieq(f, strlen(f), "auto"))
        return 1;
    int seen[T_BAD + 1] = {0};
    while (*f) {
        size_t len;
        int t = token(f, &len);
        if (t == T_BAD)
            return 0;
        seen[t]++;
        f += len;
    }
    int months = seen[T_MONTH] + seen[T_MONTH_NAME];
    for (int t = T_YEAR; t < T_BAD; t++)
        if (seen[t] > 1)
            return 0;
    return seen[T_YEAR] == 1 && months <= 1 && (!seen[T_DAY] || months) &&
           !(seen[T_HOUR12] && seen[T_HOUR24]) && seen[T_HOUR12] == seen[T_AMPM] &&
           (!seen[T_MINUTE] || seen[T_HOUR12] || seen[T_HOUR24]) &&
           (!seen[T_SECOND] || seen[T_MINUTE]);
}

/* What may follow a date: a time of day that carries no date (" 12:00:00 AM", "T05:03:18Z"). */
static int time_rest(const char *s, size_t n)
{
    if (n == 0)
        return 1;
    if (s[0] != ' ' && s[0] != 'T')
        return 0;
    int digits = 0;
    for (size_t i = 1; i < n; i++) {
        char c = s[i];
        if (is_digit(c))
            digits++;
        else if (!strchr(":.+-Z APM", c))
            return 0;
    }
    return digits > 0;
}

/* An English month name at s[0..n): full, three-letter or "Sept", any case. Returns the
 * month (1..12) and its length, or 0. */
static int month_name(const char *s, size_t n, size_t *len)
{
    static const char *const names[] = {"january", "february", "march",     "april",
                                        "may",     "june",     "july",      "august",
                                        "september", "october", "november", "december"};
    size_t w = 0;
    while (w < n && ((s[w] >= 'a' && s[w] <= 'z') || (s[w] >= 'A' && s[w] <= 'Z')))
        w++;
    for (int k = 0; k < 12; k++) {
        size_t full = strlen(names[k]);
        if ((w == full || w == 3 || (k == 8 && w == 4)) && w <= full) {
            size_t j = 0;
            while (j < w && breach_lower(s[j]) == names[k][j])
                j++;
            if (j == w) {
                *len = w;
                return k + 1;
            }
        }
    }
    return 0;
}

int breach_map_parse_date(const char *fmt, const char *s0, size_t n0, breach_date *out,
                          size_t *at, breach_error *err)
{
    if (at)
        *at = 0;
    if (!fmt || breach_ieq(fmt, strlen(fmt), "auto"))
        return breach_date_parse(s0, n0, out, err);
    const char *s = s0;
    size_t n = n0;
    breach_trim(&s, &n);
    size_t lead = (size_t)(s - s0);
    if (n == 0) {
        *out = breach_date_none();
        return BREACH_OK;
    }
    int y = 0, m = 1, d = 1, hour = -1, ampm = 0, v;
    breach_precision prec = BREACH_PREC_YEAR;
    size_t i = 0;
    const char *f = fmt, *what = "";
    while (*f) {
        size_t len;
        int t = token(f, &len);
        f += len;
        if (t == T_LIT) {
            if (i >= n || s[i] != f[-1]) {
                what = "a separator";
                goto bad;
            }
            i++;
            if (f[-1] == ' ')
                while (i < n && s[i] == ' ')
                    i++;
            continue;
        }
        if (t == T_MONTH_NAME) {
            size_t w;
            if (!(m = month_name(s + i, n - i, &w))) {
                what = "a month name";
                goto bad;
            }
            i += w;
            if (prec < BREACH_PREC_MONTH)
                prec = BREACH_PREC_MONTH;
            continue;
        }
        if (t == T_AMPM) {
            if (i + 2 <= n && (s[i] == 'A' || s[i] == 'a' || s[i] == 'P' || s[i] == 'p') &&
                (s[i + 1] == 'M' || s[i + 1] == 'm')) {
                ampm = s[i] == 'P' || s[i] == 'p' ? 2 : 1;
                i += 2;
                continue;
            }
            what = "AM or PM";
            goto bad;
        }
        /* numbers: the year 4 digits, minutes and seconds 2, the others 1 or 2 */
        size_t want = t == T_YEAR ? 4 : t == T_MINUTE || t == T_SECOND ? 2 : 0, k = 0;
        v = 0;
        while (i + k < n && is_digit(s[i + k]) && k < (want ? want : 2))
            v = v * 10 + (s[i + k++] - '0');
        if (want ? k != want : k == 0) {
            what = t == T_YEAR ? "a 4-digit year" : "a number";
            goto bad;
        }
        int ok = 1;
        switch (t) {
        case T_YEAR: y = v; break;
        case T_MONTH:
            m = v;
            if (prec < BREACH_PREC_MONTH)
                prec = BREACH_PREC_MONTH;
            break;
        case T_DAY:
            d = v;
            prec = BREACH_PREC_DAY;
            break;
        case T_HOUR24: ok = v <= 23; break;
        case T_HOUR12: ok = v >= 1 && v <= 12; hour = v; break;
        default: ok = v <= 59; break; /* minutes, seconds */
        }
        if (!ok) {
            what = "a time of day";
            goto bad;
        }
        i += k;
    }
    (void)hour;
    (void)ampm; /* the time of day is checked, not kept: dates are days */
    if (i < n && (prec != BREACH_PREC_DAY || !time_rest(s + i, n - i))) {
        what = "the end of the date";
        goto bad;
    }
    if (breach_date_from_ymd(y, m, d, prec, out, NULL) != BREACH_OK)
        return breach_fail(err, BREACH_EDATE, "impossible date '%.*s'", (int)(n > 40 ? 40 : n), s);
    return BREACH_OK;
bad:
    if (at)
        *at = lead + i;
    return breach_fail(err, BREACH_EDATE,
                       "'%.*s' does not match the date format '%s' at byte %zu (%s expected)",
                       (int)(n > 40 ? 40 : n), s, fmt, lead + i + 1, what);
}

/* ---------------------------------------------------------------- setting keys */

/* Splits a comma-separated list of column names (trimmed, none empty). */
static int split_list(const char *v, size_t n, breach_map_list *out, breach_error *err)
{
    breach_map_list l = {NULL, 0};
    size_t cap = 0, i = 0;
    while (i <= n) {
        size_t j = i;
        while (j < n && v[j] != ',')
            j++;
        const char *it = v + i;
        size_t len = j - i;
        breach_trim(&it, &len);
        if (len == 0) {
            list_free(&l);
            return breach_fail(err, BREACH_EINVAL, "empty column name in the list '%.*s'",
                               (int)(n > 60 ? 60 : n), v);
        }
        char *s;
        if (breach_grow((void **)&l.items, &cap, l.n + 1, sizeof *l.items) ||
            !(s = dup_n(it, len))) {
            list_free(&l);
            return breach_fail(err, BREACH_ENOMEM, "out of memory");
        }
        l.items[l.n++] = s;
        i = j + 1;
    }
    *out = l;
    return 0;
}

static int set_string(char **dst, const char *v, size_t n, breach_error *err)
{
    char *s = dup_n(v, n);
    if (!s)
        return breach_fail(err, BREACH_ENOMEM, "out of memory");
    *dst = s;
    return 0;
}

static int set_column(char **dst, const char *key, const char *v, size_t n, breach_error *err)
{
    if (n == 0)
        return breach_fail(err, BREACH_EINVAL, "'%s' needs a column name", key);
    return set_string(dst, v, n, err);
}

static int set_one_char(char *dst, const char *key, const char *v, size_t n, breach_error *err)
{
    if (n > 1 || (n == 1 && is_digit(v[0])))
        return breach_fail(err, BREACH_EINVAL, "'%s' takes one character that is not a digit",
                           key);
    *dst = n ? v[0] : 0;
    return 0;
}

static int parse_yes_no(const char *key, const char *v, size_t n, int *out, breach_error *err)
{
    if (breach_ieq(v, n, "yes") || breach_ieq(v, n, "true"))
        *out = 1;
    else if (breach_ieq(v, n, "no") || breach_ieq(v, n, "false"))
        *out = 0;
    else
        return breach_fail(err, BREACH_EINVAL, "'%s' takes yes or no, not '%.*s'", key,
                           (int)(n > 40 ? 40 : n), v);
    return 0;
}

/* The bits of a ';'-separated list of vocabulary names (empty: none). */
static int parse_targets(int set, const char *v, size_t n, uint64_t *bits, breach_error *err)
{
    *bits = 0;
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && v[j] != ';')
            j++;
        const char *it = v + i;
        size_t len = j - i;
        breach_trim(&it, &len);
        i = j + 1;
        if (len == 0)
            continue;
        int rc, k = 0;
        if (set == MAP_TYPES) {
            breach_type t;
            rc = breach_type_parse(it, len, &t, err);
            k = (int)t;
        } else if (set == MAP_CATEGORIES) {
            breach_category c;
            rc = breach_category_parse(it, len, &c, err);
            k = (int)c;
        } else {
            breach_location l;
            rc = breach_location_parse(it, len, &l, err);
            k = (int)l;
        }
        if (rc)
            return rc;
        *bits |= (uint64_t)1 << k;
    }
    return 0;
}

/* Sets *out to the index of v among the NULL-terminated words (case-insensitive); returns
 * 0, or -1 when v is none of them (*out unchanged). */
static int choose(const char *v, size_t vn, const char *const *words, int *out)
{
    for (int i = 0; words[i]; i++)
        if (breach_ieq(v, vn, words[i])) {
            *out = i;
            return 0;
        }
    return -1;
}

static int key_is(const char *key, size_t kn, const char *name)
{
    return breach_ieq(key, kn, name);
}

/* map_set's "no handler took the key" (statuses are 0 or negative). */
#define UNRECOGNISED 1

static int map_set_one(breach_mapping *m, const char *key, size_t kn, const char *v,
                       size_t vn, int *value_bad, breach_error *err);

/* Stores one key; *value_bad says whether a failure is the value's fault (for columns in
 * parse errors). Nothing changes on failure; a setting stored adds to the fingerprint. */
static int map_set(breach_mapping *m, const char *key, size_t kn, const char *v, size_t vn,
                   int *value_bad, breach_error *err)
{
    int rc = map_set_one(m, key, kn, v, vn, value_bad, err);
    if (rc == 0) {
        char lower[64];
        size_t n = kn < sizeof lower ? kn : sizeof lower;
        for (size_t k = 0; k < n; k++)
            lower[k] = breach_lower(key[k]);
        uint64_t h = breach_hash_bytes(lower, n) * 0x9E3779B97F4A7C15ull ^ breach_hash_bytes(v, vn);
        m->fingerprint += h * 0xBF58476D1CE4E5B9ull + 1;
    }
    return rc;
}

static int map_set_one(breach_mapping *m, const char *key, size_t kn, const char *v,
                       size_t vn, int *value_bad, breach_error *err)
{
    char kbuf[64];
    snprintf(kbuf, sizeof kbuf, "%.*s", (int)(kn > 63 ? 63 : kn), key);
    *value_bad = 1;
    /* value mappings and regions may repeat their prefix: the rest of the key tells them apart */
    for (int s = 0; s < MAP_SET_COUNT_; s++) {
        size_t pl = strlen(value_prefixes[s]);
        if (kn > pl && breach_ieq(key, pl, value_prefixes[s])) {
            const char *val = key + pl;
            size_t valn = kn - pl;
            breach_trim(&val, &valn);
            breach_map_set *ms = &m->sets[s];
            for (size_t i = 0; i < ms->n_values; i++)
                if (breach_map_value_eq(val, valn, ms->values[i].text)) {
                    *value_bad = 0;
                    return breach_fail(err, BREACH_EINVAL, "'%s' is mapped twice", kbuf);
                }
            uint64_t bits;
            int rc = parse_targets(s, v, vn, &bits, err);
            if (rc)
                return rc;
            char *t = dup_n(val, valn);
            if (!t || breach_grow((void **)&ms->values, &ms->values_cap, ms->n_values + 1,
                                  sizeof *ms->values)) {
                breachp_free(t);
                return breach_fail(err, BREACH_ENOMEM, "out of memory");
            }
            ms->values[ms->n_values].text = t;
            ms->values[ms->n_values++].bits = bits;
            return 0;
        }
    }
    if (kn > 5 && breach_ieq(key, 5, "attr.")) {
        /* attr.<field> = <column>, attr.<field>.split = <char> (dataset.h: attributes) */
        const char *f = key + 5;
        size_t fn = kn - 5, at;
        int split = fn > 6 && breach_ieq(f + fn - 6, 6, ".split");
        if (split)
            fn -= 6;
        for (size_t i = 0; i < fn; i++)
            if ((unsigned char)f[i] < 0x20 || f[i] == '=' || f[i] == '!') {
                *value_bad = 0;
                return breach_fail(err, BREACH_EINVAL, "'%s': a field name holds no '=', '!' or "
                                                       "control character", kbuf);
            }
        for (at = 0; at < m->n_attrs; at++)
            if (strlen(m->attrs[at].field) == fn && memcmp(m->attrs[at].field, f, fn) == 0)
                break;
        if (at == m->n_attrs) {
            char *name = dup_n(f, fn);
            if (!name || breach_grow((void **)&m->attrs, &m->attrs_cap, m->n_attrs + 1,
                                     sizeof *m->attrs)) {
                breachp_free(name);
                return breach_fail(err, BREACH_ENOMEM, "out of memory");
            }
            m->attrs[at] = (struct breach_map_attr){name, NULL, 0};
            m->n_attrs++;
        }
        if (split) {
            if (m->attrs[at].split) {
                *value_bad = 0;
                return breach_fail(err, BREACH_EINVAL, "'%s' is set twice", kbuf);
            }
            return set_one_char(&m->attrs[at].split, kbuf, v, vn, err);
        }
        if (m->attrs[at].column) {
            *value_bad = 0;
            return breach_fail(err, BREACH_EINVAL, "'%s' is set twice", kbuf);
        }
        if (vn == 0)
            return breach_fail(err, BREACH_EINVAL, "'%s' needs a column name", kbuf);
        if (!(m->attrs[at].column = dup_n(v, vn)))
            return breach_fail(err, BREACH_ENOMEM, "out of memory");
        return 0;
    }
    if (kn > 7 && breach_ieq(key, 7, "region.") && !key_is(key, kn, "region.empty")) {
        breach_region r;
        int rc = breach_region_parse(key + 7, kn - 7, &r, err);
        if (rc) {
            *value_bad = 0;
            return rc;
        }
        for (size_t i = 0; i < m->n_regions; i++)
            if (m->regions[i].region == r) {
                *value_bad = 0;
                return breach_fail(err, BREACH_EINVAL, "'%s' is set twice", kbuf);
            }
        if (vn == 0)
            return breach_fail(err, BREACH_EINVAL, "'%s' needs a column name", kbuf);
        char *col = dup_n(v, vn);
        if (!col || breach_grow((void **)&m->regions, &m->regions_cap, m->n_regions + 1,
                                sizeof *m->regions)) {
            breachp_free(col);
            return breach_fail(err, BREACH_ENOMEM, "out of memory");
        }
        m->regions[m->n_regions].region = r;
        m->regions[m->n_regions++].column = col;
        return 0;
    }

    for (size_t i = 0; i < m->n_keys; i++)
        if (breach_ieq(key, kn, m->keys[i])) {
            *value_bad = 0;
            return breach_fail(err, BREACH_EINVAL, "'%s' is set twice", kbuf);
        }
    if (breach_grow((void **)&m->keys, &m->keys_cap, m->n_keys + 1, sizeof *m->keys))
        return breach_fail(err, BREACH_ENOMEM, "out of memory");

    int rc = UNRECOGNISED; /* not BREACH_ENOMEM (-1): a failed allocation is not an unknown key */
    for (int k = 0; k < MAP_TEXT_COUNT_ && rc == UNRECOGNISED; k++) {
        char name[32];
        if (key_is(key, kn, text_keys[k])) {
            if (k == MAP_SUMMARY) {
                rc = split_list(v, vn, &m->text[k], err);
                if (!rc && m->text[k].n > 16) {
                    list_free(&m->text[k]);
                    rc = breach_fail(err, BREACH_EINVAL, "summary takes at most 16 columns");
                }
            }
            else if (vn == 0)
                rc = breach_fail(err, BREACH_EINVAL, "'%s' needs a column name", text_keys[k]);
            else if (!(m->text[k].items = breachp_malloc(sizeof(char *))) ||
                     !(m->text[k].items[0] = dup_n(v, vn))) {
                breachp_free(m->text[k].items);
                m->text[k].items = NULL;
                rc = breach_fail(err, BREACH_ENOMEM, "out of memory");
            } else {
                m->text[k].n = 1;
                rc = 0;
            }
        }
        snprintf(name, sizeof name, "%s.value", text_keys[k]);
        if (rc == UNRECOGNISED && key_is(key, kn, name) && k != MAP_ENTITY && k != MAP_ID && k != MAP_SUMMARY)
            rc = set_string(&m->constant[k], v, vn, err);
    }
    for (int k = 0; k < MAP_DATE_COUNT_ && rc == UNRECOGNISED; k++) {
        char name[32];
        snprintf(name, sizeof name, "%s.format", date_keys[k]);
        if (key_is(key, kn, date_keys[k]))
            rc = set_column(&m->date_column[k], date_keys[k], v, vn, err);
        else if (key_is(key, kn, name)) {
            char *f = dup_n(v, vn);
            if (!f)
                rc = breach_fail(err, BREACH_ENOMEM, "out of memory");
            else if (!format_valid(f)) {
                breachp_free(f);
                rc = breach_fail(err, BREACH_EINVAL,
                                 "'%.*s' is not a date format (auto, or YYYY, MM, MMM, DD, HH, hh, "
                                 "mm, ss, a and separators, e.g. MM/DD/YYYY, MMM DD, YYYY)",
                                 (int)(vn > 40 ? 40 : vn), v);
            } else {
                m->date_format[k] = f;
                rc = 0;
            }
        }
    }
    for (int k = 0; k < MAP_SET_COUNT_ && rc == UNRECOGNISED; k++) {
        char name[32];
        snprintf(name, sizeof name, "%s.split", set_keys[k]);
        if (key_is(key, kn, set_keys[k]))
            rc = split_list(v, vn, &m->sets[k].columns, err);
        else if (key_is(key, kn, name))
            rc = set_one_char(&m->sets[k].split, name, v, vn, err);
    }
    if (rc != UNRECOGNISED) {
        /* handled above */
    } else if (key_is(key, kn, "id.prefix")) {
        rc = set_string(&m->id_prefix, v, vn, err);
    } else if (key_is(key, kn, "id.normalize")) {
        static const char *const w[] = {"none", "thousands", NULL};
        rc = choose(v, vn, w, &m->id_thousands)
                 ? breach_fail(err, BREACH_EINVAL, "id.normalize takes thousands or none")
                 : 0;
    } else if (key_is(key, kn, "via.extract")) {
        static const char *const w[] = {"none", "parenthesis", NULL};
        rc = choose(v, vn, w, &m->via_parenthesis)
                 ? breach_fail(err, BREACH_EINVAL, "via.extract takes parenthesis or none")
                 : 0;
    } else if (key_is(key, kn, "date_format")) {
        char *f = dup_n(v, vn);
        if (!f)
            rc = breach_fail(err, BREACH_ENOMEM, "out of memory");
        else if (!format_valid(f)) {
            breachp_free(f);
            rc = breach_fail(err, BREACH_EINVAL,
                             "'%.*s' is not a date format (auto, or YYYY, MM, MMM, DD, HH, hh, "
                             "mm, ss, a and separators, e.g. MM/DD/YYYY, MMM DD, YYYY)",
                             (int)(vn > 40 ? 40 : vn), v);
        } else {
            m->date_format_all = f;
            rc = 0;
        }
    } else if (key_is(key, kn, "affected")) {
        rc = set_column(&m->affected, "affected", v, vn, err);
    } else if (key_is(key, kn, "affected.qualifier")) {
        /* in breach_qualifier order, "canonical" in the place of "unknown" */
        static const char *const q[] = {"canonical", "exact", "at_least", "at_most", "estimated",
                                        NULL};
        int k = 0;
        rc = choose(v, vn, q, &k) ? breach_fail(err, BREACH_EINVAL,
                                               "affected.qualifier takes canonical, exact, "
                                               "at_least, at_most or estimated")
                                  : 0;
        if (!rc)
            m->qualifier = k == 0 ? MAP_QUAL_CANONICAL : k;
    } else if (key_is(key, kn, "affected.placeholder")) {
        breach_map_list l = {NULL, 0};
        rc = split_list(v, vn, &l, err);
        uint64_t *p = NULL;
        if (!rc && !(p = breachp_calloc(l.n, sizeof *p)))
            rc = breach_fail(err, BREACH_ENOMEM, "out of memory");
        for (size_t i = 0; !rc && i < l.n; i++) {
            breach_count c;
            if (breach_count_parse(l.items[i], strlen(l.items[i]), &c, NULL) ||
                c.qualifier != BREACH_COUNT_EXACT)
                rc = breach_fail(err, BREACH_EINVAL, "placeholder '%s' is not a whole number",
                                 l.items[i]);
            else
                p[i] = c.value;
        }
        if (!rc) {
            m->placeholders = p;
            m->n_placeholders = l.n;
        } else {
            breachp_free(p);
        }
        list_free(&l);
    } else if (key_is(key, kn, "affected.floor")) {
        breach_count c;
        if (breach_count_parse(v, vn, &c, NULL) || c.qualifier != BREACH_COUNT_EXACT)
            rc = breach_fail(err, BREACH_EINVAL, "affected.floor '%.*s' is not a whole number",
                             (int)(vn > 40 ? 40 : vn), v);
        else {
            m->floor = c.value;
            rc = 0;
        }
    } else if (key_is(key, kn, "thousands_separator")) {
        /* a space cannot be written (values are trimmed): the word, or a no-break space
           (U+00A0, U+202F), which spreadsheets put in "1 200"; an empty value is no
           separator by mistake more often than by intent: "none" says so */
        m->thousands_space = breach_ieq(v, vn, "space") ||
                             (vn == 2 && memcmp(v, "\xC2\xA0", 2) == 0) ||
                             (vn == 3 && memcmp(v, "\xE2\x80\xAF", 3) == 0);
        if (m->thousands_space)
            m->thousands = ' ', rc = 0;
        else if (breach_ieq(v, vn, "none"))
            m->thousands = 0, rc = 0;
        else if (vn == 0)
            rc = breach_fail(err, BREACH_EINVAL,
                             "'thousands_separator' takes one character that is not a digit, "
                             "space or none");
        else
            rc = set_one_char(&m->thousands, "thousands_separator", v, vn, err);
    } else if (key_is(key, kn, "entity_region")) {
        rc = set_column(&m->entity_region, "entity_region", v, vn, err);
    } else if (key_is(key, kn, "entity_region.kind")) {
        static const char *const w[] = {"us_state", "iso", NULL};
        rc = choose(v, vn, w, &m->region_iso)
                 ? breach_fail(err, BREACH_EINVAL, "entity_region.kind takes us_state or iso")
                 : 0;
    } else if (key_is(key, kn, "region.empty")) {
        static const char *const w[] = {"none", "unknown", NULL};
        rc = choose(v, vn, w, &m->region_empty_unknown)
                 ? breach_fail(err, BREACH_EINVAL, "region.empty takes none or unknown")
                 : 0;
    } else if (key_is(key, kn, "business_associate")) {
        rc = set_column(&m->business_associate, "business_associate", v, vn, err);
    } else if (key_is(key, kn, "separate")) {
        rc = parse_yes_no("separate", v, vn, &m->separate, err);
    } else if (key_is(key, kn, "duplicates")) {
        static const char *const w[] = {"ignore", "warn", NULL};
        rc = choose(v, vn, w, &m->warn_duplicates)
                 ? breach_fail(err, BREACH_EINVAL, "duplicates takes warn or ignore")
                 : 0;
    } else if (key_is(key, kn, "unit")) {
        breach_unit u;
        rc = breach_unit_parse(v, vn, &u, err);
        if (!rc)
            m->unit = (int)u;
    } else if (key_is(key, kn, "group_by")) {
        rc = split_list(v, vn, &m->group_by, err);
    }
    if (rc == UNRECOGNISED) {
        *value_bad = 0;
        return breach_fail(err, BREACH_EINVAL, "unknown mapping key '%s' (see doc/mapping.md)",
                           kbuf);
    }
    if (rc)
        return rc;
    if (!(m->keys[m->n_keys] = dup_n(key, kn)))
        return breach_fail(err, BREACH_ENOMEM, "out of memory");
    m->n_keys++;
    return 0;
}

int breach_mapping_set(breach_mapping *m, const char *key, const char *value, breach_error *err)
{
    if (!m || !key || !value)
        return breach_fail(err, BREACH_EINVAL, "no mapping, key or value");
    const char *k = key, *v = value;
    size_t kn = strlen(key), vn = strlen(value);
    breach_trim(&k, &kn);
    breach_trim(&v, &vn);
    int value_bad;
    return map_set(m, k, kn, v, vn, &value_bad, err);
}

breach_mapping *breach_mapping_parse(const char *text, size_t len, const char *source_name,
                                     breach_error *err)
{
    if (!text && len) {
        breach_fail(err, BREACH_EINVAL, "no mapping text");
        return NULL;
    }
    const char *src = source_name ? source_name : "<mapping>";
    breach_mapping *m = breach_mapping_new(err);
    if (!m)
        return NULL;
    if (breach_refuse_utf16(text, len, src, err)) {
        breach_mapping_free(m);
        return NULL;
    }
    size_t i = 0;
    long line = 0;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < len) {
        line++;
        const char *ls = text + i;
        size_t j = i;
        while (j < len && text[j] != '\n' && text[j] != '\r')
            j++;
        size_t n = j - i;
        i = j;
        if (i < len && text[i] == '\r') {
            i++;
            if (i < len && text[i] == '\n')
                i++;
        } else if (i < len && text[i] == '\n') {
            i++;
        }
        const char *s = ls;
        size_t sn = n;
        breach_trim(&s, &sn);
        if (sn == 0 || s[0] == '#')
            continue;
        if (memchr(s, '\0', sn)) {
            breach_fail_at(err, BREACH_EPARSE, src, line, 1, "NUL byte in the mapping");
            breach_mapping_free(m);
            return NULL;
        }
        const char *eq = memchr(s, '=', sn);
        if (!eq) {
            breach_fail_at(err, BREACH_EPARSE, src, line, (long)(s - ls) + 1,
                           "expected 'key = value'");
            breach_mapping_free(m);
            return NULL;
        }
        const char *k = s, *v = eq + 1;
        size_t kn = (size_t)(eq - s), vn = sn - kn - 1;
        breach_trim(&k, &kn);
        breach_trim(&v, &vn);
        breach_error e;
        breach_error_clear(&e);
        int value_bad;
        int rc = map_set(m, k, kn, v, vn, &value_bad, &e);
        if (rc) {
            long col = value_bad ? (long)(v - ls) + 1 : (long)(k - ls) + 1;
            breach_fail_at(err, rc, src, line, col, "%s", e.text);
            breach_mapping_free(m);
            return NULL;
        }
    }
    if (source_name && !(m->source = breachp_strdup(source_name))) {
        breach_fail(err, BREACH_ENOMEM, "out of memory");
        breach_mapping_free(m);
        return NULL;
    }
    return m;
}

breach_mapping *breach_mapping_read_file(const char *path, breach_error *err)
{
    if (!path) {
        breach_fail(err, BREACH_EINVAL, "no path");
        return NULL;
    }
    breach_file f;
    if (breach_file_open(&f, path, err))
        return NULL;
    breach_mapping *m = breach_mapping_parse(f.data, f.len, path, err);
    breach_file_close(&f);
    return m;
}
