/* Have I Been Pwned breach metadata: the JSON array of GET /api/v3/breaches (or one object
 * of GET /api/v3/breach/{name}). The mapping is documented in doc/vocabularies.md ("HIBP"). */
#include "file_private.h"
#include "append_private.h"
#include "json_private.h"
#include "input_private.h"
#include "plausible_private.h"

#include <stdlib.h>
#include <string.h>

/* DataClasses -> category: all 146 classes of the 2025-03 breach list, sorted. A class that
 * is not here counts as "other" and is listed as a warning. */
static const struct {
    const char *hibp;
    int cat;
} data_classes[] = {
    {"Account balances", BREACH_CAT_FINANCIAL_ACCOUNT},
    {"Address book contacts", BREACH_CAT_OTHER},
    {"Age groups", BREACH_CAT_DEMOGRAPHIC},
    {"Ages", BREACH_CAT_DEMOGRAPHIC},
    {"Appointments", BREACH_CAT_OTHER},
    {"Apps installed on devices", BREACH_CAT_OTHER},
    {"Astrological signs", BREACH_CAT_OTHER},
    {"Audio recordings", BREACH_CAT_OTHER},
    {"Auth tokens", BREACH_CAT_CREDENTIALS},
    {"Avatars", BREACH_CAT_OTHER},
    {"Bank account numbers", BREACH_CAT_FINANCIAL_ACCOUNT},
    {"Beauty ratings", BREACH_CAT_OTHER},
    {"Biometric data", BREACH_CAT_BIOMETRIC},
    {"Bios", BREACH_CAT_OTHER},
    {"Browser user agent details", BREACH_CAT_ONLINE_ID},
    {"Browsing histories", BREACH_CAT_OTHER},
    {"Buying preferences", BREACH_CAT_OTHER},
    {"Car ownership statuses", BREACH_CAT_OTHER},
    {"Career levels", BREACH_CAT_OTHER},
    {"Cellular network names", BREACH_CAT_OTHER},
    {"Charitable donations", BREACH_CAT_OTHER},
    {"Chat logs", BREACH_CAT_OTHER},
    {"Citizenship statuses", BREACH_CAT_DEMOGRAPHIC},
    {"Clothing sizes", BREACH_CAT_OTHER},
    {"Comments", BREACH_CAT_OTHER},
    {"Company names", BREACH_CAT_OTHER},
    {"Credit card CVV", BREACH_CAT_PAYMENT_CARD},
    {"Credit cards", BREACH_CAT_PAYMENT_CARD},
    {"Credit status information", BREACH_CAT_FINANCIAL_ACCOUNT},
    {"Cryptocurrency wallet addresses", BREACH_CAT_FINANCIAL_ACCOUNT},
    {"Customer feedback", BREACH_CAT_OTHER},
    {"Customer interactions", BREACH_CAT_OTHER},
    {"Dates of birth", BREACH_CAT_DOB},
    {"Deceased date", BREACH_CAT_OTHER},
    {"Deceased statuses", BREACH_CAT_OTHER},
    {"Delivery instructions", BREACH_CAT_OTHER},
    {"Device information", BREACH_CAT_ONLINE_ID},
    {"Device serial numbers", BREACH_CAT_ONLINE_ID},
    {"Device usage tracking data", BREACH_CAT_OTHER},
    {"Drinking habits", BREACH_CAT_OTHER},
    {"Driver's licenses", BREACH_CAT_DRIVERS_LICENSE},
    {"Drug habits", BREACH_CAT_OTHER},
    {"Eating habits", BREACH_CAT_OTHER},
    {"Education levels", BREACH_CAT_DEMOGRAPHIC},
    {"Email addresses", BREACH_CAT_EMAIL},
    {"Email messages", BREACH_CAT_OTHER},
    {"Employers", BREACH_CAT_OTHER},
    {"Employment statuses", BREACH_CAT_DEMOGRAPHIC},
    {"Encrypted keys", BREACH_CAT_CREDENTIALS},
    {"Ethnicities", BREACH_CAT_DEMOGRAPHIC},
    {"Family members' names", BREACH_CAT_NAME},
    {"Family structure", BREACH_CAT_DEMOGRAPHIC},
    {"Financial investments", BREACH_CAT_FINANCIAL_ACCOUNT},
    {"Financial transactions", BREACH_CAT_FINANCIAL_ACCOUNT},
    {"Fitness levels", BREACH_CAT_OTHER},
    {"Flights taken", BREACH_CAT_OTHER},
    {"Genders", BREACH_CAT_DEMOGRAPHIC},
    {"Geographic locations", BREACH_CAT_OTHER},
    {"Government issued IDs", BREACH_CAT_GOV_ID},
    {"HIV statuses", BREACH_CAT_MEDICAL},
    {"Health insurance information", BREACH_CAT_HEALTH_INSURANCE},
    {"Historical passwords", BREACH_CAT_CREDENTIALS},
    {"Home ownership statuses", BREACH_CAT_DEMOGRAPHIC},
    {"Homepage URLs", BREACH_CAT_ONLINE_ID},
    {"IMEI numbers", BREACH_CAT_ONLINE_ID},
    {"IMSI numbers", BREACH_CAT_ONLINE_ID},
    {"IP addresses", BREACH_CAT_ONLINE_ID},
    {"Income levels", BREACH_CAT_DEMOGRAPHIC},
    {"Instant messenger identities", BREACH_CAT_ONLINE_ID},
    {"Job applications", BREACH_CAT_OTHER},
    {"Job titles", BREACH_CAT_OTHER},
    {"Licence plates", BREACH_CAT_OTHER},
    {"Living costs", BREACH_CAT_OTHER},
    {"Loan information", BREACH_CAT_FINANCIAL_ACCOUNT},
    {"Login histories", BREACH_CAT_ONLINE_ID},
    {"Loyalty program details", BREACH_CAT_OTHER},
    {"MAC addresses", BREACH_CAT_ONLINE_ID},
    {"Marital statuses", BREACH_CAT_DEMOGRAPHIC},
    {"Mnemonic phrases", BREACH_CAT_CREDENTIALS},
    {"Mothers maiden names", BREACH_CAT_CREDENTIALS},
    {"Names", BREACH_CAT_NAME},
    {"Nationalities", BREACH_CAT_DEMOGRAPHIC},
    {"Net worths", BREACH_CAT_OTHER},
    {"Nicknames", BREACH_CAT_OTHER},
    {"Occupations", BREACH_CAT_DEMOGRAPHIC},
    {"PINs", BREACH_CAT_CREDENTIALS},
    {"Parenting plans", BREACH_CAT_OTHER},
    {"Partial credit card data", BREACH_CAT_PAYMENT_CARD},
    {"Partial dates of birth", BREACH_CAT_DOB},
    {"Partial phone numbers", BREACH_CAT_PHONE},
    {"Passport numbers", BREACH_CAT_PASSPORT},
    {"Password hints", BREACH_CAT_CREDENTIALS},
    {"Password strengths", BREACH_CAT_OTHER},
    {"Passwords", BREACH_CAT_CREDENTIALS},
    {"Payment histories", BREACH_CAT_FINANCIAL_ACCOUNT},
    {"Payment methods", BREACH_CAT_OTHER},
    {"Personal descriptions", BREACH_CAT_OTHER},
    {"Personal health data", BREACH_CAT_MEDICAL},
    {"Personal interests", BREACH_CAT_OTHER},
    {"Phone numbers", BREACH_CAT_PHONE},
    {"Photos", BREACH_CAT_OTHER},
    {"Physical addresses", BREACH_CAT_ADDRESS},
    {"Physical attributes", BREACH_CAT_OTHER},
    {"Places of birth", BREACH_CAT_DEMOGRAPHIC},
    {"Political donations", BREACH_CAT_OTHER},
    {"Political views", BREACH_CAT_DEMOGRAPHIC},
    {"Private messages", BREACH_CAT_OTHER},
    {"Professional skills", BREACH_CAT_OTHER},
    {"Profile photos", BREACH_CAT_OTHER},
    {"Purchases", BREACH_CAT_OTHER},
    {"Purchasing habits", BREACH_CAT_OTHER},
    {"Races", BREACH_CAT_DEMOGRAPHIC},
    {"Recovery email addresses", BREACH_CAT_EMAIL},
    {"Relationship statuses", BREACH_CAT_DEMOGRAPHIC},
    {"Religions", BREACH_CAT_DEMOGRAPHIC},
    {"Reward program balances", BREACH_CAT_OTHER},
    {"SMS messages", BREACH_CAT_OTHER},
    {"Salutations", BREACH_CAT_DEMOGRAPHIC},
    {"School grades (class levels)", BREACH_CAT_OTHER},
    {"Security questions and answers", BREACH_CAT_CREDENTIALS},
    {"Sexual fetishes", BREACH_CAT_OTHER},
    {"Sexual orientations", BREACH_CAT_DEMOGRAPHIC},
    {"Smoking habits", BREACH_CAT_OTHER},
    {"Social connections", BREACH_CAT_OTHER},
    {"Social media profiles", BREACH_CAT_ONLINE_ID},
    {"Social security numbers", BREACH_CAT_SSN},
    {"Spoken languages", BREACH_CAT_DEMOGRAPHIC},
    {"Spouses names", BREACH_CAT_NAME},
    {"Support tickets", BREACH_CAT_OTHER},
    {"Survey results", BREACH_CAT_OTHER},
    {"Tattoo status", BREACH_CAT_OTHER},
    {"Taxation records", BREACH_CAT_TAX},
    {"Telecommunications carrier", BREACH_CAT_OTHER},
    {"Time zones", BREACH_CAT_OTHER},
    {"Travel habits", BREACH_CAT_OTHER},
    {"Travel plans", BREACH_CAT_OTHER},
    {"User statuses", BREACH_CAT_OTHER},
    {"User website URLs", BREACH_CAT_ONLINE_ID},
    {"Usernames", BREACH_CAT_ONLINE_ID},
    {"Utility bills", BREACH_CAT_OTHER},
    {"Vehicle details", BREACH_CAT_OTHER},
    {"Vehicle identification numbers (VINs)", BREACH_CAT_OTHER},
    {"Warranty claims", BREACH_CAT_OTHER},
    {"Website activity", BREACH_CAT_OTHER},
    {"Work habits", BREACH_CAT_OTHER},
    {"Years of professional experience", BREACH_CAT_OTHER},
};

static int class_category(const char *s)
{
    size_t lo = 0, hi = sizeof data_classes / sizeof data_classes[0];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(data_classes[mid].hibp, s);
        if (c == 0)
            return data_classes[mid].cat;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

/* What HIBP can state: the categories its data classes map to, and `other` (a class this
 * version does not know); no breach type and no location (doc/formats.md). */
static void hibp_stated(breach_dataset *ds)
{
    uint64_t s = BREACH_CAT_BIT(BREACH_CAT_OTHER);
    for (size_t k = 0; k < sizeof data_classes / sizeof data_classes[0]; k++)
        s |= BREACH_CAT_BIT(data_classes[k].cat);
    breach_input_set_stated(ds, BREACH_DIM_TYPE, 0);
    breach_input_set_stated(ds, BREACH_DIM_CATEGORY, s);
    breach_input_set_stated(ds, BREACH_DIM_LOCATION, 0);
}

static int oom(breach_jissue *is)
{
    is->code = BREACH_ENOMEM;
    snprintf(is->text, sizeof is->text, "out of memory");
    return BREACH_ENOMEM;
}

/* A date field: an ISO 8601 date, with or without time ("2015-10-26T23:35:45Z"). */
static int date_field(breach_jload *L, breach_jissue *is, json_t *r, const char *field,
                      breach_date *out)
{
    const char *s;
    int rc = breach_jstr(L, is, r, field, &s);
    if (rc || !s)
        return rc;
    breach_error e;
    breach_error_clear(&e);
    if (breach_date_parse(s, strlen(s), out, &e) != BREACH_OK)
        return breach_jfail(L, is, field, e.code, "%s", e.text);
    return 0;
}

/* The flags that say a listed breach is not (or no longer) an ordinary breach. */
static const struct {
    const char *field, *meaning;
} doubtful[] = {
    {"IsFabricated", "HIBP believes the breach is fabricated"},
    {"IsSpamList", "HIBP lists it as a spam list: the data did not come from a security compromise"},
    {"IsRetired", "HIBP has retired it: its data is no longer searched"},
};

static int map_hibp(breach_jload *L, const breach_jrec *rec, breach_incident *inc,
                    breach_jissue *is)
{
    json_t *r = rec->root;
    const char *name;
    int rc;
    if ((rc = breach_jstr(L, is, r, "Name", &name)))
        return rc;
    if (!name || !*name)
        return breach_jfail(L, is, "Name", BREACH_EFORMAT, "missing: every HIBP breach has a Name");
    if (!(inc->id = breach_jtmp(L, "hibp:%s", name)) ||
        !(inc->source = breach_jtmp(L, "https://haveibeenpwned.com/api/v3/breach/%s", name)))
        return oom(is);
    /* the organisation is the Domain where the breach has one: HIBP titles a site's
       breaches apart ("Twitter" and "Twitter (200M)", both twitter.com), and one
       organisation hit twice must be one entity key for the repeats; the Title then heads
       the summary, so that it is not lost */
    const char *title, *domain, *description;
    if ((rc = breach_jstr(L, is, r, "Title", &title)) ||
        (rc = breach_jstr(L, is, r, "Domain", &domain)) ||
        (rc = breach_jstr(L, is, r, "Description", &description)))
        return rc;
    if (domain && *domain) {
        inc->entity = domain;
        if (title && *title && !(inc->summary = breach_jtmp(L, "%s: %s", title,
                                                            description ? description : "")))
            return oom(is);
        if (!title || !*title)
            inc->summary = description;
    } else {
        inc->entity = title;
        inc->summary = description;
    }
    if ((rc = date_field(L, is, r, "BreachDate", &inc->occurred_start)) ||
        (rc = date_field(L, is, r, "AddedDate", &inc->reported)))
        return rc;
    static const char *const date_names[] = {"AddedDate", "BreachDate", NULL, NULL};
    if (breach_jcheck_plausible(L, inc, date_names))
        return oom(is);
    int has;
    json_int_t n;
    if ((rc = breach_jint(L, is, r, "PwnCount", &has, &n)))
        return rc;
    if (has && n < 0)
        return breach_jfail(L, is, "PwnCount", BREACH_ECOUNT,
                            "%lld is negative: a number of accounts cannot be", (long long)n);
    inc->unit = BREACH_UNIT_ACCOUNTS; /* PwnCount counts e-mail addresses, not people */
    if (has)
        inc->affected = breach_count_exact((uint64_t)n);
    json_t *classes;
    if ((rc = breach_jarr(L, is, r, "DataClasses", &classes)))
        return rc;
    for (size_t i = 0; classes && i < json_array_size(classes); i++) {
        char p[48];
        const char *c;
        snprintf(p, sizeof p, "DataClasses[%zu]", i);
        if ((rc = breach_jstr(L, is, r, p, &c)))
            return rc;
        if (!c)
            return breach_jfail(L, is, p, BREACH_EPARSE, "expected a string, found null");
        int cat = class_category(c);
        if (cat < 0) {
            if (breach_jwarn(L, p, BREACH_WARN_OTHER,
                             "'%s' is not a data class known to this version; counted as other", c))
                return oom(is);
            cat = BREACH_CAT_OTHER;
        }
        inc->categories |= BREACH_CAT_BIT(cat);
    }
    for (size_t k = 0; k < sizeof doubtful / sizeof doubtful[0]; k++) {
        int flag;
        if ((rc = breach_jbool(L, is, r, doubtful[k].field, &flag)))
            return rc;
        if (flag && breach_jwarn(L, doubtful[k].field, BREACH_WARN_OTHER,
                                 "true: %s; loaded as listed", doubtful[k].meaning))
            return oom(is);
    }
    return 0;
}

/* Enumerated attributes (doc/vocabularies.md): the data classes as HIBP writes them, and
 * every flag as "true" / "false" under a snake_case name, so that a filter can keep or
 * leave out fabricated, spam-list, retired... breaches (is_fabricated!=true). */
static int hibp_attrs(breach_jload *L, json_t *r)
{
    static const struct {
        const char *json, *field;
    } flags[] = {{"IsVerified", "is_verified"},     {"IsFabricated", "is_fabricated"},
                 {"IsSensitive", "is_sensitive"},   {"IsRetired", "is_retired"},
                 {"IsSpamList", "is_spam_list"},    {"IsMalware", "is_malware"},
                 {"IsSubscriptionFree", "is_subscription_free"},
                 {"IsStealerLog", "is_stealer_log"}};
    int rc;
    json_t *classes = json_object_get(r, "DataClasses"), *c;
    size_t i;
    json_array_foreach(classes, i, c) {
        if (json_is_string(c) &&
            (rc = breach_attr_add_n(L->ds, "data_classes", json_string_value(c),
                                    json_string_length(c), NULL)))
            return rc;
    }
    for (size_t k = 0; k < sizeof flags / sizeof flags[0]; k++) {
        json_t *v = json_object_get(r, flags[k].json);
        if (json_is_boolean(v) &&
            (rc = breach_attr_add_n(L->ds, flags[k].field, json_is_true(v) ? "true" : "false",
                                    json_is_true(v) ? 4 : 5, NULL)))
            return rc;
    }
    return 0;
}

int breach_hibp_read_buffer(breach_dataset *ds, const char *data, size_t len,
                            const breach_load_options *opt, breach_report *report,
                            breach_error *err)
{
    if (!ds || (!data && len))
        return breach_fail(err, BREACH_EINVAL, "no dataset or data");
    breach_jload L;
    if (breach_jload_init(&L, ds, opt, report, map_hibp, "breach", "Name")) {
        breach_jload_free(&L);
        return breach_fail(err, BREACH_ENOMEM, "out of memory");
    }
    L.attrs = hibp_attrs;
    const char *name = opt && opt->source_name ? opt->source_name : "<buffer>";
    int rc = breach_input_open(ds, name, "hibp", report, err);
    if (rc == 0) {
        hibp_stated(ds);
        breach_input_bytes(ds, data, len);
        rc = breach_jload_text(&L, data ? data : "", len, name, NULL, err);
        rc = breach_input_finish(ds, report, rc, err);
    }
    breach_jload_free(&L);
    return rc;
}

int breach_hibp_read_file(breach_dataset *ds, const char *path, const breach_load_options *opt,
                          breach_report *report, breach_error *err)
{
    if (!ds || !path)
        return breach_fail(err, BREACH_EINVAL, "no dataset or path");
    breach_file f;
    int rc = breach_file_open(&f, path, err);
    if (rc)
        return rc;
    breach_load_options o = breach_load_options_for(opt, path);
    rc = breach_hibp_read_buffer(ds, f.data, f.len, &o, report, err);
    breach_file_close(&f);
    return rc;
}
