/* VERIS JSON (the VERIS Community Database's format): one incident per file, an array of
 * incidents, a directory of files, or a zip archive of them. The mapping onto the incident
 * model is documented in doc/vocabularies.md ("VERIS"). */
#include "file_private.h"
#include "append_private.h"
#include "json_private.h"
#include "input_private.h"
#include "plausible_private.h"
#include "veris_enums_private.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <zip.h>

/* ---------------------------------------------------------------- vocabularies */

/* attribute.confidentiality.data[].variety (VERIS 1.3.4 and 1.4.1) -> category; -1 = none. */
static const struct {
    const char *veris;
    int cat;
} data_varieties[] = {
    {"Bank", BREACH_CAT_FINANCIAL_ACCOUNT},
    {"Payment", BREACH_CAT_PAYMENT_CARD},
    {"Medical", BREACH_CAT_MEDICAL},
    {"Credentials", BREACH_CAT_CREDENTIALS},
    {"Digital certificate", BREACH_CAT_CREDENTIALS},
    {"API key", BREACH_CAT_CREDENTIALS},
    {"Session key", BREACH_CAT_CREDENTIALS},
    {"Multi-factor credential", BREACH_CAT_CREDENTIALS},
    {"Virtual currency", BREACH_CAT_FINANCIAL_ACCOUNT},
    /* VERIS "Personal" is personal data of unspecified kind: no category of the
     * vocabulary says which, so it is "other" (see doc/vocabularies.md) */
    {"Personal", BREACH_CAT_OTHER},
    {"Sensitive Personal", BREACH_CAT_OTHER},
    {"Internal", BREACH_CAT_OTHER},
    {"Secrets", BREACH_CAT_OTHER},
    {"System", BREACH_CAT_OTHER},
    {"Classified", BREACH_CAT_OTHER},
    {"Source code", BREACH_CAT_OTHER},
    {"Copyrighted", BREACH_CAT_OTHER},
    {"Other", BREACH_CAT_OTHER},
    {"Unknown", -1},
};

/* What VERIS can state. Categories: the images of its data varieties; name, SSN, address,
 * date of birth and the other identifiers are not among them: VERIS folds them into
 * `Personal`, which says personal data of an unspecified kind. Types: every one (map_types
 * reaches each from the action categories). Locations: those asset_location gives, every
 * one but emr (an electronic medical record is a `S - Database` among others). */
static void veris_stated(breach_dataset *ds)
{
    uint64_t s = 0;
    for (size_t k = 0; k < sizeof data_varieties / sizeof data_varieties[0]; k++)
        if (data_varieties[k].cat >= 0)
            s |= BREACH_CAT_BIT(data_varieties[k].cat);
    breach_input_set_stated(ds, BREACH_DIM_TYPE, UINT64_MAX);
    breach_input_set_stated(ds, BREACH_DIM_CATEGORY, s);
    breach_input_set_stated(ds, BREACH_DIM_LOCATION, UINT64_MAX & ~BREACH_LOC_BIT(BREACH_LOC_EMR));
}

/* action.error.variety values that disclose data to the wrong people: HHS files them as
 * "Unauthorized Access/Disclosure". */
static const char *const disclosure_errors[] = {
    "Misdelivery", "Publishing error", "Misconfiguration", "Gaffe", "Programming error",
    "Classification error", "Data entry error", "Omission"};

/* Values of victim.victim_id that name no organisation. */
static const char *const no_name[] = {"unknown", "n/a", "na", "none", "not applicable"};

static int in_list(const char *s, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(s, list[i]) == 0)
            return 1;
    return 0;
}

static int oom(breach_jissue *is)
{
    is->code = BREACH_ENOMEM;
    snprintf(is->text, sizeof is->text, "out of memory");
    return BREACH_ENOMEM;
}

#define WARN(...)                                                                              \
    do {                                                                                       \
        if (breach_jwarn(L, __VA_ARGS__))                                                      \
            return oom(is);                                                                    \
    } while (0)

/* The strings of an array at path (each checked), or of a single string there. *n = 0 when
 * absent. items must hold max entries; extra ones are ignored. */
static int string_list(breach_jload *L, breach_jissue *is, json_t *root, const char *path,
                       const char **items, size_t max, size_t *n)
{
    *n = 0;
    json_t *v = breach_jget(root, path);
    if (!v || json_is_null(v))
        return 0;
    if (json_is_string(v)) {
        items[(*n)++] = json_string_value(v);
        return 0;
    }
    if (!json_is_array(v))
        return breach_jfail(L, is, path, BREACH_EPARSE, "expected an array of strings, found %s",
                            breach_jtype(v));
    for (size_t i = 0; i < json_array_size(v); i++) {
        json_t *e = json_array_get(v, i);
        if (!json_is_string(e)) {
            char p[160];
            snprintf(p, sizeof p, "%s[%zu]", path, i);
            return breach_jfail(L, is, p, BREACH_EPARSE, "expected a string, found %s",
                                breach_jtype(e));
        }
        if (*n < max)
            items[(*n)++] = json_string_value(e);
    }
    return 0;
}

/* Joins items with sep into a scratch string (NULL for none). */
static int join(breach_jload *L, breach_jissue *is, const char **items, size_t n, const char *sep,
                const char **out)
{
    *out = NULL;
    for (size_t i = 0; i < n; i++) {
        const char *s = *out ? breach_jtmp(L, "%s%s%s", *out, sep, items[i]) : breach_jtmp(L, "%s", items[i]);
        if (!s)
            return oom(is);
        *out = s;
    }
    return 0;
}

/* ---------------------------------------------------------------- fields */

static int map_entity(breach_jload *L, breach_jissue *is, json_t *r, breach_incident *inc)
{
    const char *s;
    int rc;
    if ((rc = breach_jstr(L, is, r, "victim.victim_id", &s)))
        return rc;
    if (s) {
        const char *t = s;
        size_t n = strlen(s);
        breach_trim(&t, &n);
        char low[32];
        int named = n > 0;
        if (n < sizeof low) {
            for (size_t i = 0; i < n; i++)
                low[i] = breach_lower(t[i]);
            low[n] = '\0';
            named = n > 0 && !in_list(low, no_name, sizeof no_name / sizeof no_name[0]);
        }
        if (named)
            inc->entity = s; /* as given: the entity key folds spaces and case */
    }
    if ((rc = breach_jstr(L, is, r, "victim.industry", &s)))
        return rc;
    if (s && *s) {
        size_t n = strlen(s);
        int digits = strspn(s, "0123456789") == n, zeros = strspn(s, "0") == n;
        if (digits && !zeros)
            inc->entity_type = breach_jtmp(L, "NAICS %s", s);
        else if (!digits)
            inc->entity_type = s;
        if (digits && !zeros && !inc->entity_type)
            return oom(is);
    }
    return 0;
}

static int map_region(breach_jload *L, breach_jissue *is, json_t *r, breach_incident *inc)
{
    const char *countries[8];
    size_t nc;
    int rc = string_list(L, is, r, "victim.country", countries, 8, &nc);
    if (rc)
        return rc;
    breach_region country = BREACH_REGION_NONE;
    const char *country_code = NULL;
    for (size_t i = 0; i < nc; i++) {
        const char *c = countries[i];
        if (!*c || strcmp(c, "Unknown") == 0)
            continue;
        breach_region x;
        if (breach_region_parse(c, strlen(c), &x, NULL) != BREACH_OK ||
            breach_region_country(x) != x) {
            WARN("victim.country", BREACH_WARN_OTHER,
                 "'%s' is not an ISO 3166-1 country code known to this version; not used", c);
            continue;
        }
        if (country == BREACH_REGION_NONE) {
            country = x;
            country_code = c;
        } else if (x != country) {
            WARN("victim.country", BREACH_WARN_OTHER,
                 "several countries; the first, %s, is the entity's region", country_code);
            break;
        }
    }
    inc->entity_region = country;
    const char *state;
    if ((rc = breach_jstr(L, is, r, "victim.state", &state)))
        return rc;
    const char *t = state;
    size_t n = state ? strlen(state) : 0;
    breach_trim(&t, &n);
    if (n == 0)
        return 0;
    if (country == BREACH_REGION_NONE) {
        WARN("victim.state", BREACH_WARN_OTHER,
             "'%s' is not used: the country is unknown, and a state is never guessed from a "
             "code alone", state);
        return 0;
    }
    if (strcmp(breach_region_code(country), "US") == 0) {
        breach_region s;
        if (breach_region_from_us_state(t, n, &s, NULL) == BREACH_OK)
            inc->entity_region = s;
        else
            WARN("victim.state", BREACH_WARN_OTHER,
                 "'%s' is not a US state, district or territory known to this version; the "
                 "region is the country, US", state);
        return 0;
    }
    /* another country's subdivision, by its ISO 3166-2 code ("CA-ON", or "ON" in CA) or its
     * ISO name ("Ontario"; case folded) */
    char code[16];
    breach_region s;
    if (n <= 6 && snprintf(code, sizeof code, "%.*s", (int)n, t) > 0 &&
        (n > 3 || snprintf(code, sizeof code, "%s-%.*s", breach_region_code(country), (int)n, t) > 0) &&
        breach_region_parse(code, strlen(code), &s, NULL) == BREACH_OK &&
        breach_region_country(s) == country && s != country) {
        inc->entity_region = s;
        return 0;
    }
    for (breach_region x = 1, max = breach_region_max(); x && x <= max; x++) {
        const char *name = breach_region_name(x);
        if (breach_region_country(x) == country && x != country && strlen(name) == n &&
            strncasecmp(name, t, n) == 0) {
            inc->entity_region = x;
            return 0;
        }
    }
    WARN("victim.state", BREACH_WARN_OTHER,
         "'%s' is not an ISO 3166-2 subdivision of %s; the region is the country", state,
         breach_region_code(country));
    return 0;
}

static int map_affected(breach_jload *L, breach_jissue *is, json_t *r, breach_incident *inc)
{
    int has;
    json_int_t v;
    int rc = breach_jint(L, is, r, "attribute.confidentiality.data_total", &has, &v);
    if (rc)
        return rc;
    inc->unit = BREACH_UNIT_RECORDS; /* VERIS: "Total records breached" */
    if (!has)
        return 0;
    if (v < 0)
        return breach_jfail(L, is, "attribute.confidentiality.data_total", BREACH_ECOUNT,
                            "%lld is negative: a number of records cannot be", (long long)v);
    /* VERIS has no qualifier; its totals come from notices and press reports and are often
     * rounded ("about 1.2 million"), so they are estimates, not exact figures */
    inc->affected.value = (uint64_t)v;
    inc->affected.qualifier = BREACH_COUNT_ESTIMATED;
    return 0;
}

static int map_categories(breach_jload *L, breach_jissue *is, json_t *r, breach_incident *inc)
{
    json_t *data;
    int rc = breach_jarr(L, is, r, "attribute.confidentiality.data", &data);
    if (rc || !data)
        return rc;
    for (size_t i = 0; i < json_array_size(data); i++) {
        char p[96];
        snprintf(p, sizeof p, "attribute.confidentiality.data[%zu]", i);
        json_t *e;
        const char *v;
        if ((rc = breach_jobj(L, is, r, p, &e)))
            return rc;
        snprintf(p, sizeof p, "attribute.confidentiality.data[%zu].variety", i);
        if ((rc = breach_jstr(L, is, r, p, &v)))
            return rc;
        if (!v)
            continue;
        int cat = -2;
        for (size_t k = 0; k < sizeof data_varieties / sizeof data_varieties[0]; k++)
            if (strcmp(v, data_varieties[k].veris) == 0)
                cat = data_varieties[k].cat;
        if (cat == -2) {
            WARN(p, BREACH_WARN_OTHER, "'%s' is not a VERIS data variety; counted as other", v);
            cat = BREACH_CAT_OTHER;
        }
        if (cat >= 0)
            inc->categories |= BREACH_CAT_BIT(cat);
    }
    return 0;
}

static int map_types(breach_jload *L, breach_jissue *is, json_t *r, breach_incident *inc)
{
    json_t *action;
    int rc = breach_jobj(L, is, r, "action", &action);
    if (rc || !action)
        return rc;
    const char *key;
    json_t *val;
    json_object_foreach(action, key, val) {
        char p[96];
        const char *vs[64];
        size_t nv = 0;
        snprintf(p, sizeof p, "action.%s", key);
        if (!json_is_object(val))
            return breach_jfail(L, is, p, BREACH_EPARSE, "expected an object, found %s",
                                breach_jtype(val));
        snprintf(p, sizeof p, "action.%s.variety", key);
        if ((rc = string_list(L, is, r, p, vs, 64, &nv)))
            return rc;
        breach_type_set t = 0;
        if (strcmp(key, "malware") == 0) {
            t = BREACH_TYPE_BIT(BREACH_TYPE_HACKING);
            for (size_t i = 0; i < nv; i++)
                if (strcmp(vs[i], "Ransomware") == 0)
                    t = BREACH_TYPE_BIT(BREACH_TYPE_RANSOMWARE);
        } else if (strcmp(key, "hacking") == 0 || strcmp(key, "social") == 0) {
            t = BREACH_TYPE_BIT(BREACH_TYPE_HACKING);
        } else if (strcmp(key, "misuse") == 0) {
            t = BREACH_TYPE_BIT(BREACH_TYPE_UNAUTHORIZED_ACCESS);
        } else if (strcmp(key, "physical") == 0) {
            for (size_t i = 0; i < nv; i++)
                t |= BREACH_TYPE_BIT(strcmp(vs[i], "Theft") == 0 ? BREACH_TYPE_THEFT : BREACH_TYPE_OTHER);
            if (!t)
                t = BREACH_TYPE_BIT(BREACH_TYPE_OTHER);
        } else if (strcmp(key, "error") == 0) {
            for (size_t i = 0; i < nv; i++) {
                breach_type k = BREACH_TYPE_OTHER;
                if (strcmp(vs[i], "Loss") == 0)
                    k = BREACH_TYPE_LOSS;
                else if (strcmp(vs[i], "Disposal error") == 0)
                    k = BREACH_TYPE_IMPROPER_DISPOSAL;
                else if (in_list(vs[i], disclosure_errors,
                                 sizeof disclosure_errors / sizeof disclosure_errors[0]))
                    k = BREACH_TYPE_UNAUTHORIZED_ACCESS;
                t |= BREACH_TYPE_BIT(k);
            }
            if (!t)
                t = BREACH_TYPE_BIT(BREACH_TYPE_OTHER);
        } else if (strcmp(key, "environmental") == 0) {
            t = BREACH_TYPE_BIT(BREACH_TYPE_OTHER);
        } else if (strcmp(key, "unknown") == 0 || strcmp(key, "Unknown") == 0) {
            t = BREACH_TYPE_BIT(BREACH_TYPE_UNKNOWN);
        } else {
            WARN(p, BREACH_WARN_OTHER, "'%s' is not a VERIS action category; the type is other",
                 key);
            t = BREACH_TYPE_BIT(BREACH_TYPE_OTHER);
        }
        inc->types |= t;
    }
    return 0;
}

/* asset.assets[].variety -> data location (HHS's vocabulary). */
static int asset_location(const char *v)
{
    static const char *const portable[] = {"M - Flash drive", "M - Disk media", "M - Disk drive",
                                           "M - Tapes", "U - Mobile phone", "U - Tablet",
                                           "U - Media"};
    size_t n = strlen(v);
    if (strcmp(v, "Unknown") == 0 || (n > 10 && strcmp(v + n - 9, "- Unknown") == 0 && v[0] != 'S'))
        return -1;
    if (strcmp(v, "S - Mail") == 0)
        return BREACH_LOC_EMAIL;
    if (strncmp(v, "S - ", 4) == 0)
        return BREACH_LOC_NETWORK_SERVER;
    if (strcmp(v, "U - Laptop") == 0)
        return BREACH_LOC_LAPTOP;
    if (strcmp(v, "U - Desktop") == 0)
        return BREACH_LOC_DESKTOP;
    if (strcmp(v, "M - Documents") == 0)
        return BREACH_LOC_PAPER;
    if (in_list(v, portable, sizeof portable / sizeof portable[0]))
        return BREACH_LOC_PORTABLE_DEVICE;
    return BREACH_LOC_OTHER;
}

static int map_locations(breach_jload *L, breach_jissue *is, json_t *r, breach_incident *inc)
{
    json_t *assets;
    int rc = breach_jarr(L, is, r, "asset.assets", &assets);
    if (rc || !assets)
        return rc;
    for (size_t i = 0; i < json_array_size(assets); i++) {
        char p[64];
        json_t *e;
        const char *v;
        snprintf(p, sizeof p, "asset.assets[%zu]", i);
        if ((rc = breach_jobj(L, is, r, p, &e)))
            return rc;
        snprintf(p, sizeof p, "asset.assets[%zu].variety", i);
        if ((rc = breach_jstr(L, is, r, p, &v)))
            return rc;
        int loc = v ? asset_location(v) : -1;
        if (loc >= 0)
            inc->locations |= BREACH_LOC_BIT(loc);
    }
    return 0;
}

static int map_actor(breach_jload *L, breach_jissue *is, json_t *r, breach_incident *inc)
{
    const char *items[32];
    size_t n;
    int rc = string_list(L, is, r, "actor.external.name", items, 32, &n);
    if (rc)
        return rc;
    if (n)
        return join(L, is, items, n, "; ", &inc->actor);
    static const char *const kinds[] = {"external", "internal", "partner"};
    const char *parts[3];
    size_t np = 0;
    for (size_t k = 0; k < 3; k++) {
        char p[48];
        json_t *o;
        snprintf(p, sizeof p, "actor.%s", kinds[k]);
        if ((rc = breach_jobj(L, is, r, p, &o)))
            return rc;
        if (!o)
            continue;
        snprintf(p, sizeof p, "actor.%s.variety", kinds[k]);
        if ((rc = string_list(L, is, r, p, items, 32, &n)))
            return rc;
        size_t m = 0;
        for (size_t i = 0; i < n; i++)
            if (strcmp(items[i], "Unknown") != 0)
                items[m++] = items[i];
        const char *v = NULL;
        if ((rc = join(L, is, items, m, ", ", &v)))
            return rc;
        parts[np] = v ? breach_jtmp(L, "%s (%s)", kinds[k], v) : kinds[k];
        if (!parts[np])
            return oom(is);
        np++;
    }
    return join(L, is, parts, np, "; ", &inc->actor);
}

/* A VERIS date {year, month, day} at base: each part checked for type; parts that cannot be
 * a date are dropped with a warning, keeping the coarser precision that still holds. */
static int ymd(breach_jload *L, breach_jissue *is, json_t *r, const char *base, int want_year,
               breach_date *out)
{
    char py[96], pm[96], pd[96];
    snprintf(py, sizeof py, "%s.year", base);
    snprintf(pm, sizeof pm, "%s.month", base);
    snprintf(pd, sizeof pd, "%s.day", base);
    int hy, hm, hd, rc;
    json_int_t y, m, d;
    if ((rc = breach_jint(L, is, r, py, &hy, &y)) || (rc = breach_jint(L, is, r, pm, &hm, &m)) ||
        (rc = breach_jint(L, is, r, pd, &hd, &d)))
        return rc;
    *out = breach_date_none();
    if (!hy) {
        if (hm || hd || want_year)
            WARN(py, BREACH_WARN_OTHER, "missing: the date is unknown");
        return 0;
    }
    if (y < 1900 || y > 2100) {
        WARN(py, BREACH_WARN_OTHER, "%lld is not a plausible year (1900..2100): the date is unknown",
             (long long)y);
        return 0;
    }
    breach_precision prec = BREACH_PREC_DAY;
    if (!hm) {
        if (hd)
            WARN(pd, BREACH_WARN_OTHER, "a day without a month: only the year is kept");
        prec = BREACH_PREC_YEAR;
    } else if (m < 1 || m > 12) {
        WARN(pm, BREACH_WARN_OTHER, "%lld is not a month: only the year is kept", (long long)m);
        prec = BREACH_PREC_YEAR;
    } else if (!hd) {
        prec = BREACH_PREC_MONTH;
    } else if (d < 1 || d > breach_days_in_month((int)y, (int)m)) {
        WARN(pd, BREACH_WARN_OTHER, "%lld is not a day of %04d-%02d: only the month is kept",
             (long long)d, (int)y, (int)m);
        prec = BREACH_PREC_MONTH;
    }
    int dd = prec == BREACH_PREC_DAY ? (int)d : 1, mm = prec == BREACH_PREC_YEAR ? 1 : (int)m;
    breach_error e;
    if (breach_date_from_ymd((int)y, mm, dd, prec, out, &e) != BREACH_OK)
        return breach_jfail(L, is, base, BREACH_EDATE, "%s", e.text); /* not reached */
    return 0;
}

static int map_dates(breach_jload *L, breach_jissue *is, json_t *r, breach_incident *inc)
{
    json_t *o;
    int rc;
    if ((rc = breach_jobj(L, is, r, "timeline.incident", &o)) ||
        (rc = ymd(L, is, r, "timeline.incident", 1, &inc->occurred_start)))
        return rc;
    if ((rc = breach_jobj(L, is, r, "plus.timeline.notification", &o)))
        return rc;
    if (o && (rc = ymd(L, is, r, "plus.timeline.notification", 0, &inc->reported)))
        return rc;
    /* timeline.discovery is a duration after the compromise ({unit, value}), not a date:
     * discovered stays unknown rather than computed with invented precision */
    return 0;
}

static int map_supply(breach_jload *L, breach_jissue *is, json_t *r, breach_incident *inc)
{
    const char *s;
    int rc;
    /* campaign_id groups incidents of one campaign (one actor, one wave of attacks): a
       campaign, not a supply-chain vendor whose customers were breached through it. It is
       the attribute campaign_id (veris_attrs), never the vendor. */
    if ((rc = breach_jstr(L, is, r, "campaign_id", &s)))
        return rc;
    json_t *partner;
    if ((rc = breach_jobj(L, is, r, "actor.partner", &partner)))
        return rc;
    if (partner)
        inc->business_associate = BREACH_TRI_YES;
    const char *items[16];
    size_t n;
    if ((rc = string_list(L, is, r, "actor.partner.name", items, 16, &n)))
        return rc;
    return join(L, is, items, n, "; ", &inc->via);
}

static int map_source(breach_jload *L, breach_jissue *is, json_t *r, breach_incident *inc)
{
    const char *ref, *sub;
    int rc;
    if ((rc = breach_jstr(L, is, r, "reference", &ref)) ||
        (rc = breach_jstr(L, is, r, "plus.sub_source", &sub)) ||
        (rc = breach_jstr(L, is, r, "summary", &inc->summary)))
        return rc;
    if (ref && !*ref)
        ref = NULL;
    if (sub && *sub) {
        inc->source = ref ? breach_jtmp(L, "%s (VCDB sub_source: %s)", ref, sub)
                          : breach_jtmp(L, "VCDB sub_source: %s", sub);
        if (!inc->source)
            return oom(is);
    } else {
        inc->source = ref;
    }
    return 0;
}

static int map_veris(breach_jload *L, const breach_jrec *rec, breach_incident *inc,
                     breach_jissue *is)
{
    json_t *r = rec->root;
    int rc;
    if ((rc = breach_jstr(L, is, r, "incident_id", &inc->id)))
        return rc;
    if (!inc->id || !*inc->id)
        return breach_jfail(L, is, "incident_id", BREACH_EFORMAT,
                            "missing: every VERIS incident has an incident_id");
    inc->flags = BREACH_FLAG_SEPARATE; /* VCDB lists incidents, not revised notices */
    if ((rc = map_entity(L, is, r, inc)) || (rc = map_region(L, is, r, inc)) ||
        (rc = map_affected(L, is, r, inc)) || (rc = map_categories(L, is, r, inc)) ||
        (rc = map_types(L, is, r, inc)) || (rc = map_locations(L, is, r, inc)) ||
        (rc = map_actor(L, is, r, inc)) || (rc = map_dates(L, is, r, inc)) ||
        (rc = map_supply(L, is, r, inc)) || (rc = map_source(L, is, r, inc)))
        return rc;
    /* warnings last, so that a rejected record carries none */
    static const char *const names[] = {"plus.timeline.notification", "timeline.incident", NULL,
                                        NULL};
    return breach_jcheck_plausible(L, inc, names) ? oom(is) : 0;
}

/* ---------------------------------------------------------------- enumerations
 *
 * Every enumeration of the VERIS schema (veris_enums.c) is recorded as an attribute named
 * by its path, with its values as the record writes them (values the schema does not list,
 * as older schema versions have, are kept too). Beside them, as verisr derives them: the
 * action, actor and attribute categories present ("Hacking", "External", ...), the asset
 * varieties' kind ("Server" for "S - Database"), the industry's first two digits
 * (victim.industry2), and the non-enumerated codes victim.industry, plus.sub_source and
 * campaign_id. doc/vocabularies.md lists them. */

/* Adds every string of v (a string, or arrays of them) as a value of field. */
static int veris_values(breach_dataset *ds, json_t *v, const char *field)
{
    if (json_is_string(v))
        return breach_attr_add_n(ds, field, json_string_value(v), json_string_length(v), NULL);
    size_t i;
    json_t *e;
    int rc;
    if (json_is_array(v))
        json_array_foreach(v, i, e) {
            if ((rc = veris_values(ds, e, field)))
                return rc;
        }
    return 0;
}

/* Walks v along the schema's tree from node k: only the keys the record has are looked
 * up; arrays (of assets, of data varieties) are stepped through. */
static int veris_walk(breach_dataset *ds, json_t *v, size_t k)
{
    const breach_veris_node *nd = &breach_veris_tree[k];
    int rc;
    if (json_is_array(v)) {
        size_t i;
        json_t *e;
        json_array_foreach(v, i, e) {
            if ((rc = veris_walk(ds, e, k)))
                return rc;
        }
        return 0;
    }
    if (!json_is_object(v))
        return 0;
    for (size_t c = nd->first_child; c < (size_t)nd->first_child + nd->n_children; c++) {
        json_t *sub = json_object_get(v, breach_veris_tree[c].key);
        if (!sub)
            continue;
        if (breach_veris_tree[c].path && (rc = veris_values(ds, sub, breach_veris_tree[c].path)))
            return rc;
        if (breach_veris_tree[c].n_children && (rc = veris_walk(ds, sub, c)))
            return rc;
    }
    return 0;
}

/* A code outside the enumerations at a dotted path of two steps at most. */
static int veris_code(breach_dataset *ds, json_t *r, const char *path)
{
    json_t *v = breach_jget(r, path);
    return v ? veris_values(ds, v, path) : 0;
}

/* The keys of object `key` of r as capitalised categories ("hacking" -> "Hacking"). */
static int veris_keys(breach_dataset *ds, json_t *r, const char *key, const char *const *known,
                      size_t n_known)
{
    json_t *o = json_object_get(r, key);
    const char *k;
    json_t *sub;
    if (!json_is_object(o))
        return 0;
    json_object_foreach(o, k, sub) {
        char cap[32];
        size_t len = strlen(k);
        if (!in_list(k, known, n_known) || len >= sizeof cap)
            continue;
        memcpy(cap, k, len + 1);
        cap[0] = (char)(cap[0] - 'a' + 'A');
        int rc = breach_attr_add_n(ds, key, cap, len, NULL);
        if (rc)
            return rc;
    }
    return 0;
}

/* "S - Database" -> "Server", "Other" -> "Other", as verisr's asset.variety (geta4names). */
static const char *asset_kind(const char *v)
{
    static const struct {
        char c;
        const char *kind;
    } kinds[] = {{'S', "Server"},    {'N', "Network"},    {'U', "User Dev"},
                 {'M', "Media"},     {'P', "Person"},     {'T', "Kiosk/Term"},
                 {'E', "Embedded"}};
    if (strcmp(v, "Unknown") == 0)
        return "Unknown";
    if (strcmp(v, "Other") == 0) /* an enum value of both schemas: an asset, named no further */
        return "Other";
    if (!v[0] || strncmp(v + 1, " - ", 3) != 0)
        return NULL;
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (v[0] == kinds[i].c)
            return kinds[i].kind;
    return NULL;
}

static int veris_attrs(breach_jload *L, json_t *r)
{
    static const char *const actions[] = {"hacking", "malware", "social", "misuse",
                                          "physical", "error", "environmental", "unknown"};
    static const char *const actors[] = {"external", "internal", "partner", "unknown"};
    static const char *const attributes[] = {"confidentiality", "integrity", "availability"};
    breach_dataset *ds = L->ds;
    int rc;
    if ((rc = veris_walk(ds, r, 0)))
        return rc;
    static const char *const codes[] = {"victim.industry", "plus.sub_source", "campaign_id"};
    for (size_t k = 0; k < sizeof codes / sizeof codes[0]; k++)
        if ((rc = veris_code(ds, r, codes[k])))
            return rc;
    json_t *ind = breach_jget(r, "victim.industry");
    if (json_is_string(ind) && json_string_length(ind) >= 2 &&
        (rc = breach_attr_add_n(ds, "victim.industry2", json_string_value(ind), 2, NULL)))
        return rc;
    if ((rc = veris_keys(ds, r, "action", actions, sizeof actions / sizeof actions[0])) ||
        (rc = veris_keys(ds, r, "actor", actors, sizeof actors / sizeof actors[0])) ||
        (rc = veris_keys(ds, r, "attribute", attributes,
                         sizeof attributes / sizeof attributes[0])))
        return rc;
    json_t *assets = breach_jget(r, "asset.assets"), *a;
    size_t i;
    if (json_is_array(assets))
        json_array_foreach(assets, i, a) {
            json_t *v = json_object_get(a, "variety");
            const char *kind = json_is_string(v) ? asset_kind(json_string_value(v)) : NULL;
            if (kind && (rc = breach_attr_add_n(ds, "asset.variety", kind, strlen(kind), NULL)))
                return rc;
        }
    return 0;
}

/* ---------------------------------------------------------------- containers */

static int ends_with_json(const char *name)
{
    size_t n = strlen(name);
    return n > 5 && breach_ieq(name + n - 5, 5, ".json");
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* One text of a container: lenient loads list a text that cannot be read and go on. */
static int container_text(breach_jload *L, const char *data, size_t len, const char *source,
                          breach_error *err)
{
    int file_level = 0;
    breach_error e;
    breach_error_clear(&e);
    int rc = breach_jload_text(L, data, len, source, &file_level, &e);
    if (rc && L->opt.lenient && file_level && rc != BREACH_ENOMEM) {
        if (breach_jload_reject_text(L, source, &e))
            return breach_fail(err, BREACH_ENOMEM, "out of memory");
        return 0;
    }
    if (rc && err)
        *err = e;
    return rc;
}

/* A failure to open one file of a container: in lenient mode a lost row, else the error. */
static int container_fail(breach_jload *L, const char *source, breach_error *e, breach_error *err)
{
    if (L->opt.lenient && e->code != BREACH_ENOMEM) {
        if (breach_jload_reject_text(L, source, e))
            return breach_fail(err, BREACH_ENOMEM, "out of memory");
        return 0;
    }
    if (err)
        *err = *e;
    return e->code;
}

static int is_zip(const char *data, size_t len)
{
    return len >= 4 && data[0] == 'P' && data[1] == 'K' &&
           ((data[2] == 3 && data[3] == 4) || (data[2] == 5 && data[3] == 6));
}

typedef struct member {
    const char *name;
    zip_uint64_t index;
} member;

static int cmp_member(const void *a, const void *b)
{
    return strcmp(((const member *)a)->name, ((const member *)b)->name);
}

static int read_member(zip_t *za, const member *m, const char *source, char **out, size_t *len,
                       breach_error *err)
{
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(za, m->index, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE))
        return breach_fail_at(err, BREACH_EFORMAT, source, 0, 0, "cannot read the member's size: %s",
                              zip_strerror(za));
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
        return breach_fail_at(err, BREACH_EFORMAT, source, 0, 0, "the member is encrypted");
    if (st.size > BREACH_ZIP_MAX_MEMBER || st.size >= (zip_uint64_t)(size_t)-1)
        return breach_fail_at(err, BREACH_ELIMIT, source, 0, 0,
                              "the member is %llu bytes uncompressed, above the limit of %llu",
                              (unsigned long long)st.size, (unsigned long long)BREACH_ZIP_MAX_MEMBER);
    size_t size = (size_t)st.size;
    char *buf = breachp_malloc(size + 1);
    if (!buf)
        return breach_fail_at(err, BREACH_ENOMEM, source, 0, 0, "out of memory inflating");
    zip_file_t *zf = zip_fopen_index(za, m->index, 0);
    if (!zf) {
        breachp_free(buf);
        return breach_fail_at(err, BREACH_EFORMAT, source, 0, 0, "cannot open the member: %s",
                              zip_strerror(za));
    }
    size_t got = 0;
    for (;;) {
        /* one byte more than announced, to catch a size that lies */
        zip_int64_t k = zip_fread(zf, buf + got, size + 1 - got);
        if (k < 0) {
            int rc = breach_fail_at(err, BREACH_EIO, source, 0, 0, "cannot inflate the member: %s",
                                    zip_file_strerror(zf));
            zip_fclose(zf);
            breachp_free(buf);
            return rc;
        }
        if (k == 0)
            break;
        got += (size_t)k;
        if (got > size) {
            zip_fclose(zf);
            breachp_free(buf);
            return breach_fail_at(err, BREACH_EFORMAT, source, 0, 0,
                                  "the member is longer than its announced %zu bytes", size);
        }
    }
    zip_fclose(zf);
    *out = buf;
    *len = got;
    return 0;
}

static int load_zip(breach_jload *L, const char *data, size_t len, const char *name,
                    breach_error *err)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
    if (!src) {
        zip_error_fini(&ze);
        return breach_fail_at(err, BREACH_ENOMEM, name, 0, 0, "out of memory opening the archive");
    }
    zip_t *za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
    if (!za) {
        int rc = breach_fail_at(err, BREACH_EFORMAT, name, 0, 0, "not a readable zip archive: %s",
                                zip_error_strerror(&ze));
        zip_source_free(src);
        zip_error_fini(&ze);
        return rc;
    }
    zip_error_fini(&ze);
    zip_int64_t n = zip_get_num_entries(za, 0);
    member *ms = n > 0 ? breachp_calloc((size_t)n, sizeof *ms) : NULL;
    if (n > 0 && !ms) {
        zip_discard(za);
        return breach_fail_at(err, BREACH_ENOMEM, name, 0, 0, "out of memory");
    }
    size_t nm = 0;
    for (zip_int64_t i = 0; i < n; i++) {
        const char *mn = zip_get_name(za, (zip_uint64_t)i, 0);
        if (!mn || strncmp(mn, "__MACOSX/", 9) == 0 || !ends_with_json(mn))
            continue;
        ms[nm].name = mn;
        ms[nm].index = (zip_uint64_t)i;
        nm++;
    }
    int rc = 0;
    if (n <= 0)
        rc = breach_fail_at(err, BREACH_EFORMAT, name, 1, 1, "the zip archive is empty: its directory lists no member");
    else if (nm == 0)
        rc = breach_fail_at(err, BREACH_EFORMAT, name, 0, 0, "the archive holds no .json member");
    /* the sizes the archive announces, in all, before inflating any (a member that holds
       more than it announces is refused as it is read) */
    uint64_t total = 0;
    for (size_t k = 0; k < nm && rc == 0; k++) {
        zip_stat_t st;
        zip_stat_init(&st);
        if (zip_stat_index(za, ms[k].index, 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE))
            total = st.size > UINT64_MAX - total ? UINT64_MAX : total + st.size;
    }
    if (rc == 0 && total > BREACH_ZIP_MAX_TOTAL)
        rc = breach_fail_at(err, BREACH_ELIMIT, name, 0, 0,
                            "the archive's .json members are %llu bytes uncompressed in all, "
                            "above the limit of %llu",
                            (unsigned long long)total, (unsigned long long)BREACH_ZIP_MAX_TOTAL);
    if (nm > 1) /* qsort's base may not be NULL, even for no element */
        qsort(ms, nm, sizeof *ms, cmp_member);
    for (size_t k = 0; k < nm && rc == 0; k++) {
        char *source = breachp_malloc(strlen(name) + strlen(ms[k].name) + 2);
        if (!source) {
            rc = breach_fail(err, BREACH_ENOMEM, "out of memory");
            break;
        }
        sprintf(source, "%s/%s", name, ms[k].name);
        char *buf = NULL;
        size_t blen = 0;
        breach_error e;
        breach_error_clear(&e);
        if (read_member(za, &ms[k], source, &buf, &blen, &e))
            rc = container_fail(L, source, &e, err);
        else
            rc = container_text(L, buf, blen, source, err);
        breachp_free(buf);
        breachp_free(source);
    }
    breachp_free(ms);
    zip_discard(za);
    return rc;
}

/* A text that may be JSON or a zip archive. */
static int load_data(breach_jload *L, const char *data, size_t len, const char *name,
                     breach_error *err)
{
    if (is_zip(data, len))
        return load_zip(L, data, len, name, err);
    return breach_jload_text(L, data, len, name, NULL, err);
}

static int load_dir(breach_jload *L, const char *path, const char *name, breach_error *err)
{
    DIR *d = opendir(path);
    if (!d)
        return breach_fail_at(err, BREACH_EIO, name, 0, 0, "cannot open the directory: %s",
                              strerror(errno));
    char **names = NULL;
    size_t n = 0, cap = 0;
    int rc = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.' || !ends_with_json(de->d_name))
            continue;
        char *s = breachp_strdup(de->d_name);
        if (!s || breach_grow((void **)&names, &cap, n + 1, sizeof *names)) {
            breachp_free(s);
            rc = breach_fail(err, BREACH_ENOMEM, "out of memory listing the directory");
            break;
        }
        names[n++] = s;
    }
    closedir(d);
    if (rc == 0 && n == 0)
        rc = breach_fail_at(err, BREACH_EFORMAT, name, 0, 0, "the directory holds no .json file");
    if (n)
        qsort(names, n, sizeof *names, cmp_str);
    for (size_t k = 0; k < n && rc == 0; k++) {
        size_t plen = strlen(path), nlen = strlen(name), flen = strlen(names[k]);
        char *file = breachp_malloc(plen + flen + 2), *source = breachp_malloc(nlen + flen + 2);
        if (!file || !source) {
            breachp_free(file);
            breachp_free(source);
            rc = breach_fail(err, BREACH_ENOMEM, "out of memory");
            break;
        }
        sprintf(file, "%s%s%s", path, plen && path[plen - 1] == '/' ? "" : "/", names[k]);
        sprintf(source, "%s%s%s", name, nlen && name[nlen - 1] == '/' ? "" : "/", names[k]);
        struct stat st;
        int is_link = lstat(file, &st) == 0 && S_ISLNK(st.st_mode);
        if (!is_link && stat(file, &st) == 0 && !S_ISREG(st.st_mode)) {
            breachp_free(file);
            breachp_free(source);
            continue; /* a sub-directory named *.json (or a FIFO): not descended into */
        }
        breach_file f;
        breach_error e;
        breach_error_clear(&e);
        if (is_link) {
            /* a link may lead out of the directory (to any file the process can read):
               the directory's files are its own, links are listed and not followed */
            breach_fail_at(&e, BREACH_EIO, source, 0, 0,
                           "a symbolic link: not followed (links may lead out of the directory)");
            rc = container_fail(L, source, &e, err);
        } else if (breach_file_open(&f, file, &e)) {
            snprintf(e.source, sizeof e.source, "%s", source);
            rc = container_fail(L, source, &e, err);
        } else {
            rc = container_text(L, f.data, f.len, source, err);
            breach_file_close(&f);
        }
        breachp_free(file);
        breachp_free(source);
    }
    for (size_t k = 0; k < n; k++)
        breachp_free(names[k]);
    breachp_free(names);
    return rc;
}

/* ---------------------------------------------------------------- public */

int breach_veris_read_buffer(breach_dataset *ds, const char *data, size_t len,
                             const breach_load_options *opt, breach_report *report,
                             breach_error *err)
{
    if (!ds || (!data && len))
        return breach_fail(err, BREACH_EINVAL, "no dataset or data");
    breach_jload L;
    if (breach_jload_init(&L, ds, opt, report, map_veris, "incident", "incident_id")) {
        breach_jload_free(&L);
        return breach_fail(err, BREACH_ENOMEM, "out of memory");
    }
    L.attrs = veris_attrs;
    const char *name = opt && opt->source_name ? opt->source_name : "<buffer>";
    int rc = breach_input_open(ds, name, "veris", report, err);
    if (rc == 0) {
        veris_stated(ds);
        breach_input_bytes(ds, data, len);
        rc = load_data(&L, data ? data : "", len, name, err);
        rc = breach_input_finish(ds, report, rc, err);
    }
    breach_jload_free(&L);
    return rc;
}

int breach_veris_read_file(breach_dataset *ds, const char *path, const breach_load_options *opt,
                           breach_report *report, breach_error *err)
{
    if (!ds || !path)
        return breach_fail(err, BREACH_EINVAL, "no dataset or path");
    const char *name = opt && opt->source_name ? opt->source_name : path;
    struct stat st;
    if (stat(path, &st) != 0)
        return breach_fail_at(err, BREACH_EIO, name, 0, 0, "cannot open: %s", strerror(errno));
    breach_jload L;
    if (breach_jload_init(&L, ds, opt, report, map_veris, "incident", "incident_id")) {
        breach_jload_free(&L);
        return breach_fail(err, BREACH_ENOMEM, "out of memory");
    }
    L.attrs = veris_attrs;
    int rc = breach_input_open(ds, name, "veris", report, err);
    if (rc) {
        breach_jload_free(&L);
        return rc;
    }
    veris_stated(ds);
    if (S_ISDIR(st.st_mode)) {
        rc = load_dir(&L, path, name, err);
    } else {
        breach_file f;
        rc = breach_file_open(&f, path, err);
        if (rc == 0) {
            breach_input_bytes(ds, f.data, f.len);
            rc = load_data(&L, f.data, f.len, name, err);
            breach_file_close(&f);
        } else if (err) {
            snprintf(err->source, sizeof err->source, "%s", name);
        }
    }
    rc = breach_input_finish(ds, report, rc, err);
    breach_jload_free(&L);
    return rc;
}
