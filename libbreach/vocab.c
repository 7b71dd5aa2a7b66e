/* The fixed vocabularies: data categories, breach types, data locations, count units.
 * Names are the canonical CSV's; they never change once published. */
#include "breach_private.h"

static const char *const category_names[BREACH_CAT_COUNT_] = {
    "name", "dob", "address", "phone", "email", "ssn", "passport", "drivers_license",
    "gov_id", "medical", "health_insurance", "financial_account", "payment_card",
    "credentials", "employee", "biometric", "demographic", "online_id", "tax", "other"};

static const char *const type_names[BREACH_TYPE_COUNT_] = {
    "hacking", "ransomware", "unauthorized_access", "theft", "loss", "improper_disposal",
    "other", "unknown"};

static const char *const location_names[BREACH_LOC_COUNT_] = {
    "network_server", "email", "paper", "laptop", "desktop", "emr", "portable_device", "other"};

static const char *const unit_names[BREACH_UNIT_COUNT_] = {"individuals", "accounts", "records"};

/* Index of s[0..len) in names (case-insensitive), or -1. */
static int lookup(const char *const *names, int n, const char *s, size_t len)
{
    breach_trim(&s, &len);
    for (int i = 0; i < n; i++)
        if (breach_ieq(s, len, names[i]))
            return i;
    return -1;
}

/* out is the caller's output (checked here: the wrappers parse into a local int first). */
static int parse(const char *const *names, int n, const char *s, size_t len, const void *out,
                 int *i_out, int code, const char *what, breach_error *err)
{
    if (!out || (!s && len))
        return breach_fail(err, BREACH_EINVAL, "no %s text or output", what);
    int i = lookup(names, n, s, len);
    if (i < 0)
        return breach_fail(err, code, "unknown %s '%.*s'", what, (int)(len > 40 ? 40 : len), s);
    *i_out = i;
    return BREACH_OK;
}

const char *breach_category_name(breach_category c)
{
    return (unsigned)c < BREACH_CAT_COUNT_ ? category_names[c] : NULL;
}

int breach_category_parse(const char *text, size_t len, breach_category *out, breach_error *err)
{
    int i = 0;
    int rc = parse(category_names, BREACH_CAT_COUNT_, text, len, out, &i, BREACH_ECATEGORY,
                   "data category", err);
    if (rc == BREACH_OK)
        *out = (breach_category)i;
    return rc;
}

const char *breach_type_name(breach_type t)
{
    return (unsigned)t < BREACH_TYPE_COUNT_ ? type_names[t] : NULL;
}

int breach_type_parse(const char *text, size_t len, breach_type *out, breach_error *err)
{
    int i = 0;
    int rc = parse(type_names, BREACH_TYPE_COUNT_, text, len, out, &i, BREACH_ETYPE, "breach type", err);
    if (rc == BREACH_OK)
        *out = (breach_type)i;
    return rc;
}

const char *breach_location_name(breach_location l)
{
    return (unsigned)l < BREACH_LOC_COUNT_ ? location_names[l] : NULL;
}

int breach_location_parse(const char *text, size_t len, breach_location *out, breach_error *err)
{
    int i = 0;
    int rc = parse(location_names, BREACH_LOC_COUNT_, text, len, out, &i, BREACH_ETYPE,
                   "data location", err);
    if (rc == BREACH_OK)
        *out = (breach_location)i;
    return rc;
}

const char *breach_unit_name(breach_unit u)
{
    return (unsigned)u < BREACH_UNIT_COUNT_ ? unit_names[u] : NULL;
}

int breach_unit_parse(const char *text, size_t len, breach_unit *out, breach_error *err)
{
    int i = 0;
    int rc = parse(unit_names, BREACH_UNIT_COUNT_, text, len, out, &i, BREACH_EINVAL, "count unit", err);
    if (rc == BREACH_OK)
        *out = (breach_unit)i;
    return rc;
}
