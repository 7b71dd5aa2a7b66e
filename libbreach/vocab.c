/* The fixed vocabularies: data categories, breach types, data locations, count units.
 * Names are the canonical CSV's; they never change once published. */
#include "breach_private.h"

/* A name with its length: the parsers run on every item of every row, and a name of
 * another length (or first letter) is passed over without comparing it. */
typedef struct vocab_name {
    const char *s;
    size_t len;
} vocab_name;
#define V(lit) {lit, sizeof lit - 1}

static const vocab_name category_names[BREACH_CAT_COUNT_] = {
    V("name"), V("dob"), V("address"), V("phone"), V("email"), V("ssn"), V("passport"),
    V("drivers_license"), V("gov_id"), V("medical"), V("health_insurance"),
    V("financial_account"), V("payment_card"), V("credentials"), V("employee"),
    V("biometric"), V("demographic"), V("online_id"), V("tax"), V("other")};

static const vocab_name type_names[BREACH_TYPE_COUNT_] = {
    V("hacking"), V("ransomware"), V("unauthorized_access"), V("theft"), V("loss"),
    V("improper_disposal"), V("other"), V("unknown")};

static const vocab_name location_names[BREACH_LOC_COUNT_] = {
    V("network_server"), V("email"), V("paper"), V("laptop"), V("desktop"), V("emr"),
    V("portable_device"), V("other")};

static const vocab_name unit_names[BREACH_UNIT_COUNT_] = {V("individuals"), V("accounts"),
                                                          V("records")};
#undef V

/* Index of s[0..len) in names (case-insensitive), or -1. The names are lower case. */
static int lookup(const vocab_name *names, int n, const char *s, size_t len)
{
    breach_trim(&s, &len);
    if (len == 0)
        return -1;
    char first = breach_lower(s[0]);
    for (int i = 0; i < n; i++)
        if (names[i].len == len && names[i].s[0] == first && breach_ieq(s, len, names[i].s))
            return i;
    return -1;
}

/* out is the caller's output (checked here: the wrappers parse into a local int first). */
static int parse(const vocab_name *names, int n, const char *s, size_t len, const void *out,
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
    return (unsigned)c < BREACH_CAT_COUNT_ ? category_names[c].s : NULL;
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
    return (unsigned)t < BREACH_TYPE_COUNT_ ? type_names[t].s : NULL;
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
    return (unsigned)l < BREACH_LOC_COUNT_ ? location_names[l].s : NULL;
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
    return (unsigned)u < BREACH_UNIT_COUNT_ ? unit_names[u].s : NULL;
}

int breach_unit_parse(const char *text, size_t len, breach_unit *out, breach_error *err)
{
    int i = 0;
    int rc = parse(unit_names, BREACH_UNIT_COUNT_, text, len, out, &i, BREACH_EINVAL, "count unit", err);
    if (rc == BREACH_OK)
        *out = (breach_unit)i;
    return rc;
}
