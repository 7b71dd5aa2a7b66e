/* Tests of datasets, filters and revisions (include/breach/dataset.h).
 *
 * Datasets are built by hand from a few notices of the story in DESIGN.md (NextGen
 * Healthcare, the Fortra GoAnywhere campaign) and made-up ones. Day numbers are days since
 * 1970-01-01, computed with python3: (date(y,m,d)-date(1970,1,1)).days; the ones used:
 *   2021-07-04 18812   2022-01-01 18993   2023-01-01 19358   2023-01-15 19372
 *   2023-01-17 19374   2023-01-28 19385   2023-01-29 19386   2023-01-30 19387
 *   2023-01-31 19388   2023-02-01 19389   2023-02-02 19390   2023-02-10 19398
 *   2023-02-17 19405   2023-03-01 19417   2023-03-21 19437   2023-03-29 19445
 *   2023-03-30 19446   2023-03-31 19447   2023-04-01 19448   2023-04-02 19449
 *   2023-04-14 19461   2023-04-28 19475   2023-05-01 19478   2023-05-02 19479
 *   2023-05-05 19482   2023-06-01 19509   2023-07-01 19539   2023-08-01 19570
 *   0001-01-01 -719162 9999-12-31 2932896 (date.toordinal() - 719163)
 * Expected selections are worked out by hand next to each check. */
#include "check.h"

#include <limits.h>
#include <stdint.h>

/* ------------------------------------------------------------------ helpers */

#define EXPECT_FAIL(want, call)                                                                \
    do {                                                                                       \
        memset(&err, 0, sizeof err);                                                           \
        long rc_ = (long)(call);                                                               \
        CHECK_EQ_LL(rc_, (want));                                                              \
        CHECK_EQ_LL(err.code, (want));                                                         \
        if (err.text[0] == '\0')                                                               \
            fprintf(stderr, "\n  %s:%d: %s left err.text empty\n", __FILE__, __LINE__, #call); \
        CU_ASSERT(err.text[0] != '\0');                                                        \
    } while (0)

#define EXPECT_OK(call)                                                                        \
    do {                                                                                       \
        long rc_ = (long)(call);                                                               \
        if (rc_ < 0)                                                                           \
            fprintf(stderr, "\n  %s:%d: %s = %ld (%s)\n", __FILE__, __LINE__, #call, rc_,       \
                    breach_strerror((int)rc_));                                                \
        CU_ASSERT(rc_ >= 0);                                                                   \
    } while (0)

/* breach_dataset_add must refuse `inc` with `want`, leaving the dataset's size alone. */
#define ADD_BAD(ds, inc, want)                                                                 \
    do {                                                                                       \
        size_t n_before_ = breach_dataset_size(ds);                                            \
        EXPECT_FAIL((want), breach_dataset_add((ds), &(inc), &err));                           \
        CHECK_EQ_LL(breach_dataset_size(ds), n_before_);                                       \
    } while (0)

static breach_date D(int32_t day) { breach_date d = {day, BREACH_PREC_DAY}; return d; }
static breach_date M(int32_t day) { breach_date d = {day, BREACH_PREC_MONTH}; return d; }
static breach_date Y(int32_t day) { breach_date d = {day, BREACH_PREC_YEAR}; return d; }
static breach_count C(uint64_t v, int32_t q) { breach_count c = {v, q}; return c; }

static breach_region R(const char *code)
{
    breach_region r = BREACH_REGION_NONE;
    int rc = breach_region_parse(code, strlen(code), &r, NULL);
    CU_ASSERT_EQUAL_FATAL(rc, BREACH_OK);
    return r;
}

static long add(breach_dataset *ds, const breach_incident *inc)
{
    breach_error err;
    memset(&err, 0, sizeof err);
    long i = breach_dataset_add(ds, inc, &err);
    if (i < 0)
        fprintf(stderr, "\n  add \"%s\" refused: %ld %s\n", inc->entity ? inc->entity : "(null)",
                i, err.text);
    CU_ASSERT_FATAL(i >= 0);
    return i;
}

/* The selected indices, as a string "0,2,3" ("" when none), to compare with a hand-made
 * list in one check. */
static const char *selection(const breach_dataset *ds, const breach_filter *f)
{
    static char out[512];
    breach_error err;
    memset(&err, 0, sizeof err);
    err.code = 12345;
    size_t n = 999;
    size_t *sel = breach_dataset_select(ds, f, &n, &err);
    out[0] = '\0';
    if (!sel) {
        if (err.code != BREACH_OK)
            snprintf(out, sizeof out, "error %d: %s", err.code, err.text);
        CHECK_EQ_LL(n, 0);
        return out;
    }
    size_t o = 0;
    for (size_t k = 0; k < n && o + 24 < sizeof out; k++)
        o += (size_t)snprintf(out + o, sizeof out - o, k ? ",%zu" : "%zu", sel[k]);
    /* breach_filter_match agrees with select on the filter's own criteria */
    if (f && f->include_superseded)
        for (size_t k = 0; k < n; k++)
            CU_ASSERT(breach_filter_match(ds, sel[k], f));
    breach_free(sel);
    return out;
}

#define CHECK_SEL(ds, f, want) CHECK_STR(selection((ds), (f)), (want))

/* The superseded flags as "0,2,7" and the count returned. */
static const char *superseded(const breach_dataset *ds, const breach_filter *f, long *count)
{
    static char out[512];
    size_t n = breach_dataset_size(ds);
    bool *sup = malloc((n ? n : 1) * sizeof *sup);
    CU_ASSERT_FATAL(sup != NULL);
    memset(sup, 1, (n ? n : 1) * sizeof *sup); /* every flag must be written */
    breach_error err;
    memset(&err, 0, sizeof err);
    *count = breach_dataset_superseded(ds, f, sup, &err);
    out[0] = '\0';
    size_t o = 0;
    int first = 1;
    for (size_t i = 0; i < n; i++)
        if (sup[i]) {
            o += (size_t)snprintf(out + o, sizeof out - o, first ? "%zu" : ",%zu", i);
            first = 0;
        }
    free(sup);
    return out;
}

/* ------------------------------------------------------------------ new, add, get */

static void test_new_free(void)
{
    breach_error err;
    memset(&err, 0, sizeof err);
    breach_dataset *ds = breach_dataset_new(&err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
    CHECK_EQ_LL(breach_dataset_size(ds), 0);
    breach_dataset_free(ds);
    breach_dataset_free(NULL); /* a no-op */
    ds = breach_dataset_new(NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
    breach_incident inc;
    EXPECT_FAIL(BREACH_EINVAL, breach_dataset_get(ds, 0, &inc, &err));
    breach_dataset_free(ds);
}

/* NextGen Healthcare's notice to the Maine AG, every field set. */
static void test_add_get_round_trip(void)
{
    char id[] = "ME-2023-0428-NG";
    char entity[] = "NextGen Healthcare, Inc.";
    char etype[] = "Business Associate";
    char actor[] = "unknown actor \xE2\x80\x94 stolen credentials"; /* UTF-8 em dash */
    char vendor[] = "Fortra GoAnywhere";
    char via[] = "Anthem Sp\xC3\xA9" "cialty";
    char source[] = "https://apps.web.maine.gov/online/aeviewer/ME/40/1ab0.shtml";
    char summary[] = "Names, dates of birth, addresses and SSNs of 1,049,375 people.";
    breach_region_count regions[2];
    regions[0].region = R("US-ME");
    regions[0].count = C(3913, BREACH_COUNT_EXACT);
    regions[1].region = R("US-NH");
    regions[1].count = C(1204, BREACH_COUNT_AT_LEAST);

    breach_incident in;
    breach_incident_init(&in);
    in.id = id;
    in.entity = entity;
    in.entity_key = "ignored by add";
    in.entity_region = R("US-GA");
    in.entity_type = etype;
    in.types = BREACH_TYPE_BIT(BREACH_TYPE_HACKING) | BREACH_TYPE_BIT(BREACH_TYPE_UNAUTHORIZED_ACCESS);
    in.categories = BREACH_CAT_BIT(BREACH_CAT_NAME) | BREACH_CAT_BIT(BREACH_CAT_DOB) |
                    BREACH_CAT_BIT(BREACH_CAT_ADDRESS) | BREACH_CAT_BIT(BREACH_CAT_SSN) |
                    BREACH_CAT_BIT(BREACH_CAT_OTHER);
    in.locations = BREACH_LOC_BIT(BREACH_LOC_NETWORK_SERVER) | BREACH_LOC_BIT(BREACH_LOC_EMR);
    in.actor = actor;
    in.vendor = vendor;
    in.via = via;
    in.reported = D(19475);       /* 2023-04-28 */
    in.occurred_start = D(19445); /* 2023-03-29 */
    in.occurred_end = D(19461);   /* 2023-04-14 */
    in.discovered = M(19448);     /* 2023-04 */
    in.affected = C(1049375, BREACH_COUNT_EXACT);
    in.unit = BREACH_UNIT_RECORDS;
    in.regions = regions;
    in.n_regions = 2;
    in.business_associate = BREACH_TRI_YES;
    in.flags = BREACH_FLAG_SEPARATE;
    in.source = source;
    in.summary = summary;

    breach_error err;
    breach_dataset *ds = breach_dataset_new(NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
    memset(&err, 0, sizeof err);
    CHECK_EQ_LL(breach_dataset_add(ds, &in, &err), 0);
    CHECK_EQ_LL(breach_dataset_size(ds), 1);

    /* add copied everything: scribble over the caller's copies */
    memset(id, '#', sizeof id - 1);
    memset(entity, '#', sizeof entity - 1);
    memset(etype, '#', sizeof etype - 1);
    memset(actor, '#', sizeof actor - 1);
    memset(vendor, '#', sizeof vendor - 1);
    memset(via, '#', sizeof via - 1);
    memset(source, '#', sizeof source - 1);
    memset(summary, '#', sizeof summary - 1);
    memset(regions, 0, sizeof regions);

    breach_incident out;
    memset(&out, 0, sizeof out);
    CHECK_EQ_LL(breach_dataset_get(ds, 0, &out, &err), BREACH_OK);
    CHECK_STR(out.id, "ME-2023-0428-NG");
    CHECK_STR(out.entity, "NextGen Healthcare, Inc.");
    CHECK_STR(out.entity_key, "nextgen healthcare"); /* computed, not the caller's */
    CHECK_EQ_LL(out.entity_region, R("US-GA"));
    CHECK_STR(out.entity_type, "Business Associate");
    CHECK_EQ_LL(out.types, (1u << 0) | (1u << 2));
    /* bits 0,1,2,5,19: 1+2+4+32+524288 = 524327 */
    CHECK_EQ_LL(out.categories, 524327);
    /* bits 0 and 5: 33 */
    CHECK_EQ_LL(out.locations, 33);
    CHECK_STR(out.actor, "unknown actor \xE2\x80\x94 stolen credentials");
    CHECK_STR(out.vendor, "Fortra GoAnywhere");
    CHECK_STR(out.via, "Anthem Sp\xC3\xA9" "cialty");
    CHECK_EQ_LL(out.reported.day, 19475);
    CHECK_EQ_LL(out.reported.precision, BREACH_PREC_DAY);
    CHECK_EQ_LL(out.occurred_start.day, 19445);
    CHECK_EQ_LL(out.occurred_start.precision, BREACH_PREC_DAY);
    CHECK_EQ_LL(out.occurred_end.day, 19461);
    CHECK_EQ_LL(out.occurred_end.precision, BREACH_PREC_DAY);
    CHECK_EQ_LL(out.discovered.day, 19448);
    CHECK_EQ_LL(out.discovered.precision, BREACH_PREC_MONTH);
    CHECK_EQ_LL(out.affected.value, 1049375);
    CHECK_EQ_LL(out.affected.qualifier, BREACH_COUNT_EXACT);
    CHECK_EQ_LL(out.unit, BREACH_UNIT_RECORDS);
    CHECK_EQ_LL(out.n_regions, 2);
    CU_ASSERT_PTR_NOT_NULL_FATAL(out.regions);
    CHECK_STR(breach_region_code(out.regions[0].region), "US-ME");
    CHECK_EQ_LL(out.regions[0].count.value, 3913);
    CHECK_EQ_LL(out.regions[0].count.qualifier, BREACH_COUNT_EXACT);
    CHECK_STR(breach_region_code(out.regions[1].region), "US-NH");
    CHECK_EQ_LL(out.regions[1].count.value, 1204);
    CHECK_EQ_LL(out.regions[1].count.qualifier, BREACH_COUNT_AT_LEAST);
    CHECK_EQ_LL(out.business_associate, BREACH_TRI_YES);
    CHECK_EQ_LL(out.flags, BREACH_FLAG_SEPARATE);
    CHECK_STR(out.source, "https://apps.web.maine.gov/online/aeviewer/ME/40/1ab0.shtml");
    CHECK_STR(out.summary, "Names, dates of birth, addresses and SSNs of 1,049,375 people.");
    /* borrowed from the dataset, not the caller's buffers */
    CU_ASSERT(out.entity != entity);
    CU_ASSERT(out.regions != regions);

    /* a second get gives the same borrowed pointers */
    breach_incident again;
    CHECK_EQ_LL(breach_dataset_get(ds, 0, &again, &err), BREACH_OK);
    CU_ASSERT(again.entity == out.entity);
    CU_ASSERT(again.entity_key == out.entity_key);
    CU_ASSERT(again.regions == out.regions);
    breach_dataset_free(ds);
}

static void test_add_get_minimal(void)
{
    breach_dataset *ds = breach_dataset_new(NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
    breach_incident in;
    breach_incident_init(&in);
    CHECK_EQ_LL(add(ds, &in), 0);
    CHECK_EQ_LL(add(ds, &in), 1); /* indices count up */
    in.entity = "Brightline, Inc.";
    CHECK_EQ_LL(add(ds, &in), 2);
    CHECK_EQ_LL(breach_dataset_size(ds), 3);

    breach_incident out;
    memset(&out, 0x5A, sizeof out);
    CHECK_EQ_LL(breach_dataset_get(ds, 1, &out, NULL), BREACH_OK);
    CU_ASSERT_PTR_NULL(out.id);
    CU_ASSERT_PTR_NULL(out.entity);
    CU_ASSERT_PTR_NULL(out.entity_key); /* no name: no key */
    CU_ASSERT_PTR_NULL(out.entity_type);
    CU_ASSERT_PTR_NULL(out.actor);
    CU_ASSERT_PTR_NULL(out.vendor);
    CU_ASSERT_PTR_NULL(out.via);
    CU_ASSERT_PTR_NULL(out.source);
    CU_ASSERT_PTR_NULL(out.summary);
    CU_ASSERT_PTR_NULL(out.regions);
    CHECK_EQ_LL(out.n_regions, 0);
    CHECK_EQ_LL(out.entity_region, BREACH_REGION_NONE);
    CHECK_EQ_LL(out.types, 0);
    CHECK_EQ_LL(out.categories, 0);
    CHECK_EQ_LL(out.locations, 0);
    CHECK_EQ_LL(out.reported.precision, BREACH_PREC_NONE);
    CHECK_EQ_LL(out.reported.day, 0);
    CHECK_EQ_LL(out.occurred_start.precision, BREACH_PREC_NONE);
    CHECK_EQ_LL(out.occurred_end.precision, BREACH_PREC_NONE);
    CHECK_EQ_LL(out.discovered.precision, BREACH_PREC_NONE);
    CHECK_EQ_LL(out.affected.qualifier, BREACH_COUNT_UNKNOWN);
    CHECK_EQ_LL(out.affected.value, 0);
    CHECK_EQ_LL(out.unit, BREACH_UNIT_INDIVIDUALS);
    CHECK_EQ_LL(out.business_associate, BREACH_TRI_UNKNOWN);
    CHECK_EQ_LL(out.flags, 0);
    CHECK_EQ_LL(breach_dataset_get(ds, 2, &out, NULL), BREACH_OK);
    CHECK_STR(out.entity, "Brightline, Inc.");
    CHECK_STR(out.entity_key, "brightline");
    breach_dataset_free(ds);
}

static void test_entity_key_in_view(void)
{
    breach_dataset *ds = breach_dataset_new(NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
    static const struct {
        const char *entity, *key;
    } cases[] = {
        {"NextGen Healthcare, Inc. ", "nextgen healthcare"},
        {"NEXTGEN HEALTHCARE INC", "nextgen healthcare"},
        {"NextGenUpdate", "nextgenupdate"},
        {"The Kroger Co.", "kroger"},
        {"AT&T Inc.", "at and t"},
        {"Inc", "inc"},
        {"...", NULL}, /* punctuation only: an empty key, which the dataset treats as no name */
        {"", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        breach_incident in;
        breach_incident_init(&in);
        in.entity = cases[i].entity;
        in.entity_key = "zzz";
        long k = add(ds, &in);
        breach_incident out;
        CHECK_EQ_LL(breach_dataset_get(ds, (size_t)k, &out, NULL), BREACH_OK);
        CHECK_STR(out.entity, cases[i].entity);
        CHECK_STR(out.entity_key, cases[i].key);
    }
    /* a 5000-byte name: its key is 1000 times "q and a" joined by spaces (7999 bytes) */
    char *name = malloc(5001);
    CU_ASSERT_FATAL(name != NULL);
    for (int i = 0; i < 1000; i++)
        memcpy(name + 5 * i, "Q&a. ", 5);
    name[5000] = '\0';
    breach_incident in;
    breach_incident_init(&in);
    in.entity = name;
    long k = add(ds, &in);
    breach_incident out;
    CHECK_EQ_LL(breach_dataset_get(ds, (size_t)k, &out, NULL), BREACH_OK);
    CHECK_EQ_LL(strlen(out.entity), 5000);
    CHECK_EQ_LL(strlen(out.entity_key), 7999);
    CU_ASSERT(strncmp(out.entity_key, "q and a q and a", 15) == 0);
    free(name);
    breach_dataset_free(ds);
}

/* ------------------------------------------------------------------ refusals */

static breach_incident valid_incident(void)
{
    breach_incident in;
    breach_incident_init(&in);
    in.entity = "NationBenefits Holdings, LLC";
    in.vendor = "Fortra GoAnywhere";
    in.reported = D(19461);                       /* 2023-04-14 */
    in.affected = C(3000000, BREACH_COUNT_AT_LEAST);
    return in;
}

static void test_add_refused_values(void)
{
    breach_error err;
    breach_dataset *ds = breach_dataset_new(NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
    breach_incident ok = valid_incident();
    add(ds, &ok);
    breach_incident in;

    /* qualifier outside the vocabulary */
    in = ok;
    in.affected = C(3000000, 5);
    ADD_BAD(ds, in, BREACH_EINVAL);
    in.affected = C(3000000, -1);
    ADD_BAD(ds, in, BREACH_EINVAL);
    /* unknown with a value */
    in.affected = C(7, BREACH_COUNT_UNKNOWN);
    ADD_BAD(ds, in, BREACH_EINVAL);
    /* unit */
    in = ok;
    in.unit = BREACH_UNIT_COUNT_;
    ADD_BAD(ds, in, BREACH_EINVAL);
    in.unit = -1;
    ADD_BAD(ds, in, BREACH_EINVAL);
    /* tri-state */
    in = ok;
    in.business_associate = 2;
    ADD_BAD(ds, in, BREACH_EINVAL);
    in.business_associate = -2;
    ADD_BAD(ds, in, BREACH_EINVAL);
    /* flags: only BREACH_FLAG_SEPARATE, _IDENTICAL and _PLACEHOLDER exist */
    in = ok;
    in.flags = 8;
    ADD_BAD(ds, in, BREACH_EINVAL);
    in.flags = BREACH_FLAG_SEPARATE | 0x80000000u;
    ADD_BAD(ds, in, BREACH_EINVAL);
    in.flags = 0x100; /* a bit that a uint8_t column would drop */
    ADD_BAD(ds, in, BREACH_EINVAL);
    /* set bits outside the vocabularies */
    in = ok;
    in.types = BREACH_TYPE_BIT(BREACH_TYPE_COUNT_);
    ADD_BAD(ds, in, BREACH_EINVAL);
    in.types = 0x80000000u | BREACH_TYPE_BIT(BREACH_TYPE_HACKING);
    ADD_BAD(ds, in, BREACH_EINVAL);
    in = ok;
    in.categories = BREACH_CAT_BIT(BREACH_CAT_COUNT_);
    ADD_BAD(ds, in, BREACH_EINVAL);
    in.categories = (breach_category_set)1 << 63;
    ADD_BAD(ds, in, BREACH_EINVAL);
    in = ok;
    in.locations = BREACH_LOC_BIT(BREACH_LOC_COUNT_);
    ADD_BAD(ds, in, BREACH_EINVAL);
    /* entity region that does not exist */
    in = ok;
    in.entity_region = (breach_region)(breach_region_max() + 1);
    ADD_BAD(ds, in, BREACH_EINVAL);
    in.entity_region = (breach_region)65535;
    ADD_BAD(ds, in, BREACH_EINVAL);
    /* invalid arguments */
    EXPECT_FAIL(BREACH_EINVAL, breach_dataset_add(ds, NULL, &err));
    EXPECT_FAIL(BREACH_EINVAL, breach_dataset_add(NULL, &ok, &err));
    /* without an error record the status still says it */
    in = ok;
    in.unit = 7;
    CHECK_EQ_LL(breach_dataset_add(ds, &in, NULL), BREACH_EINVAL);

    CHECK_EQ_LL(breach_dataset_size(ds), 1);
    /* the one incident is intact, and the dataset still takes valid ones */
    breach_incident out;
    CHECK_EQ_LL(breach_dataset_get(ds, 0, &out, NULL), BREACH_OK);
    CHECK_STR(out.entity, "NationBenefits Holdings, LLC");
    CHECK_EQ_LL(out.affected.value, 3000000);
    CHECK_EQ_LL(add(ds, &ok), 1);
    breach_dataset_free(ds);
}

static void test_add_refused_dates(void)
{
    breach_error err;
    breach_dataset *ds = breach_dataset_new(NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
    breach_incident ok = valid_incident();
    add(ds, &ok);
    breach_incident in;
    breach_date bad_prec = {19461, 4};
    breach_date neg_prec = {19461, -1};
    /* each date field: a bad precision, and a date that is not the first day of its period */
    for (int field = 0; field < 4; field++) {
        breach_date *slot[4];
        in = ok;
        slot[0] = &in.reported;
        slot[1] = &in.occurred_start;
        slot[2] = &in.occurred_end;
        slot[3] = &in.discovered;
        *slot[field] = bad_prec;
        ADD_BAD(ds, in, BREACH_EINVAL);
        *slot[field] = neg_prec;
        ADD_BAD(ds, in, BREACH_EINVAL);
        *slot[field] = M(19449); /* 2023-04-02 with month precision */
        ADD_BAD(ds, in, BREACH_EINVAL);
        *slot[field] = Y(19448); /* 2023-04-01 with year precision */
        ADD_BAD(ds, in, BREACH_EINVAL);
        *slot[field] = Y(19359); /* 2023-01-02 with year precision */
        ADD_BAD(ds, in, BREACH_EINVAL);
        /* outside years 1..9999: 9999-12-31 + 1 and 0001-01-01 - 1 */
        *slot[field] = D(2932897);
        ADD_BAD(ds, in, BREACH_EINVAL);
        *slot[field] = D(-719163);
        ADD_BAD(ds, in, BREACH_EINVAL);
    }
    /* occurred_end before occurred_start */
    in = ok;
    in.occurred_start = D(19445); /* 2023-03-29 */
    in.occurred_end = D(19444);   /* 2023-03-28 */
    ADD_BAD(ds, in, BREACH_EINCONSISTENT);
    in.occurred_end = Y(18993);   /* the year 2022 ends before 2023-03-29 */
    ADD_BAD(ds, in, BREACH_EINCONSISTENT);
    in.occurred_start = M(19448); /* 2023-04 */
    in.occurred_end = D(19447);   /* 2023-03-31 */
    ADD_BAD(ds, in, BREACH_EINCONSISTENT);
    CHECK_EQ_LL(breach_dataset_size(ds), 1);

    /* accepted: an end whose period covers the start, equal dates, range ends */
    in = ok;
    in.occurred_start = D(19445); /* 2023-03-29 */
    in.occurred_end = M(19417);   /* 2023-03 covers it */
    CHECK_EQ_LL(add(ds, &in), 1);
    in.occurred_end = D(19445);
    CHECK_EQ_LL(add(ds, &in), 2);
    in.occurred_start = M(19417); /* 2023-03 .. 2023-03-01 */
    in.occurred_end = D(19417);
    CHECK_EQ_LL(add(ds, &in), 3);
    in = ok;
    in.reported = D(2932896);       /* 9999-12-31 */
    in.occurred_start = D(-719162); /* 0001-01-01 */
    in.discovered = Y(-719162);     /* 0001 */
    in.occurred_end = Y(2932532);   /* 9999 (2932532 = 9999-01-01) */
    CHECK_EQ_LL(add(ds, &in), 4);
    breach_incident out;
    CHECK_EQ_LL(breach_dataset_get(ds, 4, &out, NULL), BREACH_OK);
    CHECK_EQ_LL(out.reported.day, 2932896);
    CHECK_EQ_LL(out.occurred_start.day, -719162);
    CHECK_EQ_LL(out.discovered.day, -719162);
    CHECK_EQ_LL(out.discovered.precision, BREACH_PREC_YEAR);
    CHECK_EQ_LL(out.occurred_end.day, 2932532);
    CHECK_EQ_LL(out.occurred_end.precision, BREACH_PREC_YEAR);
    breach_dataset_free(ds);
}

static void test_add_refused_regions(void)
{
    breach_error err;
    breach_dataset *ds = breach_dataset_new(NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
    breach_incident ok = valid_incident();
    ok.affected = C(1049375, BREACH_COUNT_EXACT);
    add(ds, &ok);
    breach_incident in = ok;
    breach_region_count rc[3];
    in.regions = rc;

    /* region 0 and a number above breach_region_max() */
    rc[0].region = BREACH_REGION_NONE;
    rc[0].count = C(3913, BREACH_COUNT_EXACT);
    in.n_regions = 1;
    ADD_BAD(ds, in, BREACH_EINVAL);
    rc[0].region = (breach_region)(breach_region_max() + 1);
    ADD_BAD(ds, in, BREACH_EINVAL);
    /* a region count outside its vocabulary */
    rc[0].region = R("US-ME");
    rc[0].count = C(3913, 9);
    ADD_BAD(ds, in, BREACH_EINVAL);
    rc[0].count = C(3913, BREACH_COUNT_UNKNOWN);
    ADD_BAD(ds, in, BREACH_EINVAL);
    /* a region listed twice */
    rc[0].count = C(3913, BREACH_COUNT_EXACT);
    rc[1].region = R("US-NH");
    rc[1].count = C(1204, BREACH_COUNT_EXACT);
    rc[2].region = R("US-ME");
    rc[2].count = C(10, BREACH_COUNT_EXACT);
    in.n_regions = 3;
    ADD_BAD(ds, in, BREACH_EINCONSISTENT);
    /* a region count above an exact total (1049375) */
    in.n_regions = 2;
    rc[1].count = C(1049376, BREACH_COUNT_EXACT);
    ADD_BAD(ds, in, BREACH_EINCONSISTENT);
    rc[1].count = C(1049376, BREACH_COUNT_AT_LEAST);
    ADD_BAD(ds, in, BREACH_EINCONSISTENT);
    /* ... and above an at-most total */
    in.affected = C(10000, BREACH_COUNT_AT_MOST);
    rc[1].count = C(10001, BREACH_COUNT_EXACT);
    ADD_BAD(ds, in, BREACH_EINCONSISTENT);
    /* n_regions > 0 with NULL regions */
    in = ok;
    in.regions = NULL;
    in.n_regions = 1;
    ADD_BAD(ds, in, BREACH_EINVAL);
    CHECK_EQ_LL(breach_dataset_size(ds), 1);

    /* accepted: an at-least total lets a region exceed it ("more than 3 million", a
       region with 3,500,000 is possible) */
    in = ok;
    in.affected = C(3000000, BREACH_COUNT_AT_LEAST);
    rc[0].region = R("US-FL");
    rc[0].count = C(3500000, BREACH_COUNT_EXACT);
    in.regions = rc;
    in.n_regions = 1;
    CHECK_EQ_LL(add(ds, &in), 1);
    /* a region count equal to the exact total */
    in = ok;
    rc[0].count = C(1049375, BREACH_COUNT_EXACT);
    in.regions = rc;
    in.n_regions = 1;
    CHECK_EQ_LL(add(ds, &in), 2);
    /* an at-most region count above the total has no lower bound above it */
    rc[0].count = C(2000000, BREACH_COUNT_AT_MOST);
    CHECK_EQ_LL(add(ds, &in), 3);
    /* an unknown total: any regional figure */
    in.affected = C(0, BREACH_COUNT_UNKNOWN);
    rc[0].count = C(2000000, BREACH_COUNT_EXACT);
    CHECK_EQ_LL(add(ds, &in), 4);
    /* the highest region number; n_regions 0 with NULL regions */
    in = ok;
    rc[0].region = breach_region_max();
    rc[0].count = C(17, BREACH_COUNT_EXACT);
    in.regions = rc;
    in.n_regions = 1;
    CHECK_EQ_LL(add(ds, &in), 5);
    in.regions = NULL;
    in.n_regions = 0;
    CHECK_EQ_LL(add(ds, &in), 6);
    /* the same region in two incidents is fine */
    rc[0].region = R("US-ME");
    rc[0].count = C(3913, BREACH_COUNT_EXACT);
    in.regions = rc;
    in.n_regions = 1;
    CHECK_EQ_LL(add(ds, &in), 7);
    CHECK_EQ_LL(add(ds, &in), 8);
    breach_incident out;
    CHECK_EQ_LL(breach_dataset_get(ds, 1, &out, NULL), BREACH_OK);
    CHECK_EQ_LL(out.n_regions, 1);
    CHECK_STR(breach_region_code(out.regions[0].region), "US-FL");
    CHECK_EQ_LL(out.regions[0].count.value, 3500000);
    CHECK_EQ_LL(breach_dataset_get(ds, 5, &out, NULL), BREACH_OK);
    CHECK_EQ_LL(out.regions[0].region, breach_region_max());
    CHECK_EQ_LL(breach_dataset_get(ds, 6, &out, NULL), BREACH_OK);
    CHECK_EQ_LL(out.n_regions, 0);
    breach_dataset_free(ds);
}

static void test_add_refused_encoding(void)
{
    breach_error err;
    breach_dataset *ds = breach_dataset_new(NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
    breach_incident ok = valid_incident();
    add(ds, &ok);
    static const char *const bad[] = {
        "Soci\xC3\x28t\xC3\xA9",       /* a lead byte without its continuation */
        ("\x80" "Acme"),                /* a lone continuation byte */
        "Acme \xC0\xAF",                /* overlong '/' */
        "Acme \xE0\x80\xAF",            /* overlong, three bytes */
        "Acme \xED\xA0\x80",            /* a UTF-16 surrogate, U+D800 */
        "Acme \xF4\x90\x80\x80",        /* above U+10FFFF */
        "Acme \xE2\x80",                /* truncated at the end */
        "Acme \xFF",                    /* never valid */
        "Latin-1 Soci\xE9t\xE9",        /* ISO-8859-1, not UTF-8 */
    };
    for (size_t b = 0; b < sizeof bad / sizeof bad[0]; b++) {
        for (int field = 0; field < 8; field++) {
            breach_incident in = ok;
            const char **slot[8] = {&in.id,  &in.entity, &in.entity_type, &in.actor,
                                    &in.vendor, &in.via, &in.source,      &in.summary};
            *slot[field] = bad[b];
            ADD_BAD(ds, in, BREACH_EENCODING);
        }
    }
    CHECK_EQ_LL(breach_dataset_size(ds), 1);
    /* valid UTF-8 of every length is accepted */
    breach_incident in = ok;
    in.entity = "Soci\xC3\xA9t\xC3\xA9 G\xC3\xA9n\xC3\xA9rale \xE2\x82\xAC \xF0\x9F\x94\x92";
    in.summary = "\xEF\xBB\xBF" "BOM and U+10FFFF \xF4\x8F\xBF\xBF";
    CHECK_EQ_LL(add(ds, &in), 1);
    breach_incident out;
    CHECK_EQ_LL(breach_dataset_get(ds, 1, &out, NULL), BREACH_OK);
    CHECK_STR(out.entity, "Soci\xC3\xA9t\xC3\xA9 G\xC3\xA9n\xC3\xA9rale \xE2\x82\xAC \xF0\x9F\x94\x92");
    CHECK_STR(out.summary, "\xEF\xBB\xBF" "BOM and U+10FFFF \xF4\x8F\xBF\xBF");
    breach_dataset_free(ds);
}

static void test_add_accepts_whole_vocabularies(void)
{
    breach_dataset *ds = breach_dataset_new(NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
    breach_incident in = valid_incident();
    in.types = 0xFFu;                        /* all 8 types */
    in.categories = 0xFFFFFu;                /* all 20 categories */
    in.locations = 0xFFu;                    /* all 8 locations */
    in.business_associate = BREACH_TRI_NO;
    in.unit = BREACH_UNIT_ACCOUNTS;
    in.entity_region = breach_region_max();
    in.affected = C(UINT64_MAX, BREACH_COUNT_ESTIMATED);
    CHECK_EQ_LL(add(ds, &in), 0);
    breach_incident out;
    CHECK_EQ_LL(breach_dataset_get(ds, 0, &out, NULL), BREACH_OK);
    CHECK_EQ_LL(out.types, 255);
    CHECK_EQ_LL(out.categories, 1048575);
    CHECK_EQ_LL(out.locations, 255);
    CHECK_EQ_LL(out.business_associate, BREACH_TRI_NO);
    CHECK_EQ_LL(out.unit, BREACH_UNIT_ACCOUNTS);
    CHECK_EQ_LL(out.entity_region, breach_region_max());
    CU_ASSERT(out.affected.value == UINT64_MAX);
    CHECK_EQ_LL(out.affected.qualifier, BREACH_COUNT_ESTIMATED);
    breach_dataset_free(ds);
}

static void test_get_out_of_range(void)
{
    breach_error err;
    breach_dataset *ds = breach_dataset_new(NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
    breach_incident in = valid_incident();
    add(ds, &in);
    add(ds, &in);
    breach_incident out;
    memset(&out, 0, sizeof out);
    out.id = "untouched";
    EXPECT_FAIL(BREACH_EINVAL, breach_dataset_get(ds, 2, &out, &err));
    CHECK_STR(out.id, "untouched");
    EXPECT_FAIL(BREACH_EINVAL, breach_dataset_get(ds, (size_t)-1, &out, &err));
    CHECK_STR(out.id, "untouched");
    EXPECT_FAIL(BREACH_EINVAL, breach_dataset_get(ds, 0, NULL, &err));
    EXPECT_FAIL(BREACH_EINVAL, breach_dataset_get(NULL, 0, &out, &err));
    CHECK_EQ_LL(breach_dataset_get(ds, 1, &out, NULL), BREACH_OK);
    CHECK_STR(out.entity, "NationBenefits Holdings, LLC");
    breach_dataset_free(ds);
}

/* Many incidents: the columns and the region pool grow; each comes back as it went in. */
static void test_many_incidents(void)
{
    breach_dataset *ds = breach_dataset_new(NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
    enum { N = 1500 };
    breach_region me = R("US-ME"), nh = R("US-NH"), vt = R("US-VT");
    for (int i = 0; i < N; i++) {
        char entity[64], id[32];
        snprintf(entity, sizeof entity, "Clinic %d, Inc.", i % 377);
        snprintf(id, sizeof id, "ID-%d", i);
        breach_region_count rc[3] = {{me, {(uint64_t)i * 7 + 3, BREACH_COUNT_EXACT}},
                                     {nh, {(uint64_t)i * 11 + 5, BREACH_COUNT_AT_LEAST}},
                                     {vt, {(uint64_t)i * 13 + 1, BREACH_COUNT_AT_MOST}}};
        breach_incident in;
        breach_incident_init(&in);
        in.id = id;
        in.entity = entity;
        in.reported = D(19358 + i);
        in.affected = C((uint64_t)i * 100 + 99, BREACH_COUNT_AT_LEAST);
        in.regions = rc;
        in.n_regions = (size_t)(i % 4); /* 0..3 entries */
        in.types = BREACH_TYPE_BIT(i % BREACH_TYPE_COUNT_);
        CHECK_EQ_LL(add(ds, &in), i);
    }
    CHECK_EQ_LL(breach_dataset_size(ds), N);
    long bad = 0;
    for (int i = 0; i < N; i++) {
        breach_incident out;
        char entity[64], id[32], key[64];
        snprintf(entity, sizeof entity, "Clinic %d, Inc.", i % 377);
        snprintf(key, sizeof key, "clinic %d", i % 377);
        snprintf(id, sizeof id, "ID-%d", i);
        if (breach_dataset_get(ds, (size_t)i, &out, NULL) != BREACH_OK || strcmp(out.id, id) ||
            strcmp(out.entity, entity) || strcmp(out.entity_key, key) ||
            out.reported.day != 19358 + i || out.affected.value != (uint64_t)i * 100 + 99 ||
            out.n_regions != (size_t)(i % 4) || out.types != BREACH_TYPE_BIT(i % BREACH_TYPE_COUNT_)) {
            bad++;
            continue;
        }
        for (size_t k = 0; k < out.n_regions; k++) {
            static const uint64_t mul[3] = {7, 11, 13}, off[3] = {3, 5, 1};
            if (out.regions[k].count.value != (uint64_t)i * mul[k] + off[k] ||
                out.regions[k].count.qualifier != (int32_t)(k + 1))
                bad++;
        }
    }
    CHECK_EQ_LL(bad, 0);
    breach_dataset_free(ds);
}

/* The fields few rows state (actor, vendor, via, per-state counts, counts from 2^32 - 1
 * on) are kept sparse: a row has a value or not whatever its neighbours do. The pattern
 * puts values in runs across the 32-row words (rows 60..100 all have a vendor), alone in
 * a word, in every row of a word, and leaves words empty; each row comes back as it went
 * in, and a vendor filter finds exactly the rows that name it. */
static int sparse_has(int i, int field) /* field 0 vendor, 1 actor, 2 via, 3 regions */
{
    switch (field) {
    case 0: return (i >= 60 && i <= 100) || i % 97 == 5 || (i >= 1024 && i < 1056);
    case 1: return i % 5 == 0;
    case 2: return i % 33 == 32;
    default: return i % 7 == 3 || (i >= 2000 && i < 2100);
    }
}
static uint64_t sparse_affected(int i)
{
    /* around the 32-bit column's limit: UINT32_MAX and above live apart */
    static const uint64_t v[] = {0,          1,          4294967294u, 4294967295u,
                                 4294967296, UINT64_MAX, (uint64_t)1 << 63};
    return i % 3 ? v[i % 7] : (uint64_t)i;
}
static void test_sparse_fields(void)
{
    breach_dataset *ds = breach_dataset_new(NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
    enum { N = 3000 };
    breach_region_count rc[2] = {{R("US-ME"), {0, BREACH_COUNT_EXACT}},
                                 {R("US-CA"), {0, BREACH_COUNT_AT_LEAST}}};
    long n_vendor = 0, n_vendor_all = 0, last_vendor1 = -1;
    for (int i = 0; i < N; i++) {
        char vendor[32], actor[32], via[32];
        snprintf(vendor, sizeof vendor, "Vendor %d", i % 3);
        snprintf(actor, sizeof actor, "Actor %d", i);
        snprintf(via, sizeof via, "Via %d", i % 2);
        breach_incident in;
        breach_incident_init(&in);
        in.entity = "Clinic";
        in.vendor = sparse_has(i, 0) ? vendor : NULL;
        in.actor = sparse_has(i, 1) ? actor : NULL;
        in.via = sparse_has(i, 2) ? via : NULL;
        in.affected = C(sparse_affected(i), BREACH_COUNT_AT_LEAST);
        rc[0].count.value = rc[1].count.value = (uint64_t)i;
        in.regions = rc;
        in.n_regions = sparse_has(i, 3) ? (size_t)(1 + i % 2) : 0;
        CHECK_EQ_LL(add(ds, &in), i);
        n_vendor += sparse_has(i, 0) && i % 3 == 1;
        n_vendor_all += sparse_has(i, 0);
        if (sparse_has(i, 0) && i % 3 == 1)
            last_vendor1 = i;
    }
    long bad = 0;
    for (int i = 0; i < N; i++) {
        breach_incident out;
        char vendor[32], actor[32], via[32];
        snprintf(vendor, sizeof vendor, "Vendor %d", i % 3);
        snprintf(actor, sizeof actor, "Actor %d", i);
        snprintf(via, sizeof via, "Via %d", i % 2);
        if (breach_dataset_get(ds, (size_t)i, &out, NULL) != BREACH_OK ||
            !out.vendor != !sparse_has(i, 0) || (out.vendor && strcmp(out.vendor, vendor)) ||
            !out.actor != !sparse_has(i, 1) || (out.actor && strcmp(out.actor, actor)) ||
            !out.via != !sparse_has(i, 2) || (out.via && strcmp(out.via, via)) ||
            out.affected.value != sparse_affected(i) ||
            out.n_regions != (sparse_has(i, 3) ? (size_t)(1 + i % 2) : 0) ||
            (out.n_regions && out.regions[out.n_regions - 1].count.value != (uint64_t)i)) {
            if (bad++ < 5)
                fprintf(stderr, "\n  row %d did not come back as it went in\n", i);
        }
    }
    CHECK_EQ_LL(bad, 0);
    /* every row names "Clinic": each vendor's latest notice supersedes its others */
    breach_filter f;
    breach_filter_init(&f);
    f.vendor = "Vendor 1";
    f.include_superseded = 1;
    size_t n = 0;
    size_t *sel = breach_dataset_select(ds, &f, &n, NULL);
    CHECK_EQ_LL(n, n_vendor);
    for (size_t k = 0; k < n; k++)
        CU_ASSERT(sparse_has((int)sel[k], 0) && sel[k] % 3 == 1);
    breach_free(sel);
    f.include_superseded = 0;
    sel = breach_dataset_select(ds, &f, &n, NULL);
    CHECK_EQ_LL(n, 1);
    if (n == 1)
        CHECK_EQ_LL(sel[0], last_vendor1);
    breach_free(sel);
    long count = 0;
    superseded(ds, NULL, &count);
    CHECK_EQ_LL(count, n_vendor_all - 3);
    breach_dataset_free(ds);
}

/* 1.2 million names through the public API: the names' table doubles a dozen times on
 * the way (its id/tag split is crossed in tests/test_intern.c, which starts it narrow).
 * Every name comes in two spellings of one key ("Org 17 Inc" and "ORG 17, INC."), so the
 * expected key of each row and the sharing of keys are known by construction. */
static void test_many_names(void)
{
    breach_dataset *ds = breach_dataset_new(NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
    enum { NAMES = 400000 }; /* 800,000 entity spellings + 400,000 keys = 1.2 million ids */
    long bad = 0;
    /* ids and summaries go to the plain table, whose ids locate the text: every row has an
       id, and one row in 100,000 a summary too long to share a chunk (300,000 bytes) */
    enum { BIG = 300000 };
    char *big = malloc(BIG + 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(big);
    for (int i = 0; i < 2 * NAMES; i++) {
        char entity[64], id[32];
        snprintf(entity, sizeof entity, i % 2 ? "ORG %d, INC." : "Org %d Inc", i / 2);
        snprintf(id, sizeof id, "g%d", i);
        breach_incident in;
        breach_incident_init(&in);
        in.entity = entity;
        in.id = id;
        if (i % 100000 == 0) {
            memset(big, 'a' + i / 100000, BIG);
            big[BIG] = '\0';
            in.summary = big;
        }
        if (breach_dataset_add(ds, &in, NULL) != i)
            bad++;
    }
    free(big);
    CHECK_EQ_LL(bad, 0);
    for (int i = 0; i < 2 * NAMES; i += 2) {
        char entity[64], key[64];
        breach_incident a, b;
        if (breach_dataset_get(ds, (size_t)i, &a, NULL) != BREACH_OK ||
            breach_dataset_get(ds, (size_t)i + 1, &b, NULL) != BREACH_OK) {
            bad++;
            continue;
        }
        snprintf(key, sizeof key, "org %d", i / 2);
        snprintf(entity, sizeof entity, "Org %d Inc", i / 2);
        if (strcmp(a.entity, entity) || strcmp(a.entity_key, key) || a.entity_key != b.entity_key)
            bad++; /* one key, stored once: the same pointer */
        snprintf(entity, sizeof entity, "ORG %d, INC.", i / 2);
        if (strcmp(b.entity, entity))
            bad++;
        char id[32];
        snprintf(id, sizeof id, "g%d", i);
        if (!a.id || strcmp(a.id, id))
            bad++;
        snprintf(id, sizeof id, "g%d", i + 1);
        if (!b.id || strcmp(b.id, id) || b.summary)
            bad++;
        if (i % 100000 == 0) {
            size_t len = a.summary ? strlen(a.summary) : 0;
            if (len != BIG || a.summary[0] != 'a' + i / 100000 || a.summary[BIG - 1] != a.summary[0])
                bad++;
        } else if (a.summary) {
            bad++;
        }
    }
    CHECK_EQ_LL(bad, 0);
    breach_dataset_free(ds);
}

/* ------------------------------------------------------------------ append */

static void check_same_view(const breach_incident *a, const breach_incident *b)
{
    CHECK_STR(a->id, b->id);
    CHECK_STR(a->entity, b->entity);
    CHECK_STR(a->entity_key, b->entity_key);
    CHECK_EQ_LL(a->entity_region, b->entity_region);
    CHECK_STR(a->entity_type, b->entity_type);
    CHECK_EQ_LL(a->types, b->types);
    CHECK_EQ_LL(a->categories, b->categories);
    CHECK_EQ_LL(a->locations, b->locations);
    CHECK_STR(a->actor, b->actor);
    CHECK_STR(a->vendor, b->vendor);
    CHECK_STR(a->via, b->via);
    CHECK_EQ_LL(a->reported.day, b->reported.day);
    CHECK_EQ_LL(a->reported.precision, b->reported.precision);
    CHECK_EQ_LL(a->occurred_start.day, b->occurred_start.day);
    CHECK_EQ_LL(a->occurred_start.precision, b->occurred_start.precision);
    CHECK_EQ_LL(a->occurred_end.day, b->occurred_end.day);
    CHECK_EQ_LL(a->occurred_end.precision, b->occurred_end.precision);
    CHECK_EQ_LL(a->discovered.day, b->discovered.day);
    CHECK_EQ_LL(a->discovered.precision, b->discovered.precision);
    CU_ASSERT(a->affected.value == b->affected.value);
    CHECK_EQ_LL(a->affected.qualifier, b->affected.qualifier);
    CHECK_EQ_LL(a->unit, b->unit);
    CHECK_EQ_LL(a->n_regions, b->n_regions);
    for (size_t k = 0; k < a->n_regions && k < b->n_regions; k++) {
        CHECK_EQ_LL(a->regions[k].region, b->regions[k].region);
        CU_ASSERT(a->regions[k].count.value == b->regions[k].count.value);
        CHECK_EQ_LL(a->regions[k].count.qualifier, b->regions[k].count.qualifier);
    }
    CHECK_EQ_LL(a->business_associate, b->business_associate);
    CHECK_EQ_LL(a->flags, b->flags);
    CHECK_STR(a->source, b->source);
    CHECK_STR(a->summary, b->summary);
}

static breach_dataset *filter_dataset(void);

static void test_append(void)
{
    breach_error err;
    breach_dataset *src = filter_dataset(); /* 6 incidents, see below */
    breach_dataset *dst = breach_dataset_new(NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(dst);
    breach_incident first = valid_incident();
    add(dst, &first);
    memset(&err, 0, sizeof err);
    CHECK_EQ_LL(breach_dataset_append(dst, src, &err), BREACH_OK);
    CHECK_EQ_LL(breach_dataset_size(dst), 7);
    CHECK_EQ_LL(breach_dataset_size(src), 6);
    for (size_t i = 0; i < 6; i++) {
        breach_incident a, b;
        CHECK_EQ_LL(breach_dataset_get(src, i, &a, NULL), BREACH_OK);
        CHECK_EQ_LL(breach_dataset_get(dst, i + 1, &b, NULL), BREACH_OK);
        check_same_view(&a, &b);
        if (a.entity)
            CU_ASSERT(a.entity != b.entity); /* dst holds its own copies */
    }
    /* dst outlives src */
    breach_dataset_free(src);
    breach_incident v;
    CHECK_EQ_LL(breach_dataset_get(dst, 1, &v, NULL), BREACH_OK);
    CHECK_STR(v.entity, "NextGen Healthcare, Inc.");
    CHECK_STR(v.entity_key, "nextgen healthcare");
    CHECK_EQ_LL(v.n_regions, 1);
    CHECK_STR(breach_region_code(v.regions[0].region), "US-ME");
    CHECK_EQ_LL(v.regions[0].count.value, 3913);
    CHECK_EQ_LL(breach_dataset_get(dst, 6, &v, NULL), BREACH_OK);
    CHECK_STR(v.entity, "Acme Widgets");
    CHECK_EQ_LL(v.n_regions, 2);
    CHECK_STR(breach_region_code(v.regions[1].region), "CA");

    /* an empty source changes nothing */
    breach_dataset *empty = breach_dataset_new(NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(empty);
    CHECK_EQ_LL(breach_dataset_append(dst, empty, &err), BREACH_OK);
    CHECK_EQ_LL(breach_dataset_size(dst), 7);
    /* into an empty dataset */
    CHECK_EQ_LL(breach_dataset_append(empty, dst, &err), BREACH_OK);
    CHECK_EQ_LL(breach_dataset_size(empty), 7);
    /* invalid arguments */
    EXPECT_FAIL(BREACH_EINVAL, breach_dataset_append(dst, NULL, &err));
    EXPECT_FAIL(BREACH_EINVAL, breach_dataset_append(NULL, dst, &err));
    CHECK_EQ_LL(breach_dataset_size(dst), 7);
    /* a dataset appended to itself: either a copy of each incident or a refusal that
       leaves it as it was (the header does not say which) */
    memset(&err, 0, sizeof err);
    int rc = breach_dataset_append(dst, dst, &err);
    if (rc == BREACH_OK)
        CHECK_EQ_LL(breach_dataset_size(dst), 14);
    else {
        CHECK_EQ_LL(err.code, rc);
        CHECK_EQ_LL(breach_dataset_size(dst), 7);
    }
    breach_dataset_free(empty);
    breach_dataset_free(dst);
}

/* ------------------------------------------------------------------ filters */

/* Six notices:
 *  0 NextGen Healthcare, Inc. entity US-GA, breakdown US-ME 3913; hacking;
 *    name dob address ssn; reported 2023-04-28, occurred 2023-03-29..2023-04-14,
 *    discovered 2023-03-30; exact 1049375.                        event date 2023-03-29
 *  1 NEXTGEN HEALTHCARE INC entity US-GA; ransomware (ALPHV); employee; reported
 *    2023-02-17, occurred 2023-01 (month); unknown count.        event date 2023-01 (Jan 1)
 *  2 NationBenefits Holdings, LLC, vendor Fortra GoAnywhere; entity US-FL; hacking;
 *    name dob address ssn health_insurance; reported 2023-04-14, occurred
 *    2023-01-28..2023-01-31; >= 3000000.                          event date 2023-01-28
 *  3 Brightline, Inc., vendor FORTRA GOANYWHERE; entity US-CA; hacking + ransomware;
 *    name dob address health_insurance; reported 2023-02 (month), discovered
 *    2023-01-30; >= 964300.                                       event date 2023-01-30
 *  4 Societe Generale S.A. (UTF-8); entity FR; loss; financial_account; no dates.
 *                                                                 event date unknown
 *  5 Acme Widgets; no entity region, breakdown US-TX 120 and CA (Canada) 45; theft;
 *    payment_card; reported 2021-07-04; exact 200.                event date 2021-07-04
 */
static breach_dataset *filter_dataset(void)
{
    breach_dataset *ds = breach_dataset_new(NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
    breach_incident in;

    breach_region_count me[1] = {{R("US-ME"), {3913, BREACH_COUNT_EXACT}}};
    breach_incident_init(&in);
    in.entity = "NextGen Healthcare, Inc.";
    in.entity_region = R("US-GA");
    in.regions = me;
    in.n_regions = 1;
    in.types = BREACH_TYPE_BIT(BREACH_TYPE_HACKING);
    in.categories = BREACH_CAT_BIT(BREACH_CAT_NAME) | BREACH_CAT_BIT(BREACH_CAT_DOB) |
                    BREACH_CAT_BIT(BREACH_CAT_ADDRESS) | BREACH_CAT_BIT(BREACH_CAT_SSN);
    in.reported = D(19475);
    in.occurred_start = D(19445);
    in.occurred_end = D(19461);
    in.discovered = D(19446);
    in.affected = C(1049375, BREACH_COUNT_EXACT);
    add(ds, &in);

    breach_incident_init(&in);
    in.entity = "NEXTGEN HEALTHCARE INC";
    in.entity_region = R("US-GA");
    in.actor = "ALPHV/BlackCat";
    in.types = BREACH_TYPE_BIT(BREACH_TYPE_RANSOMWARE);
    in.categories = BREACH_CAT_BIT(BREACH_CAT_EMPLOYEE);
    in.reported = D(19405);
    in.occurred_start = M(19358);
    add(ds, &in);

    breach_incident_init(&in);
    in.entity = "NationBenefits Holdings, LLC";
    in.vendor = "Fortra GoAnywhere";
    in.entity_region = R("US-FL");
    in.types = BREACH_TYPE_BIT(BREACH_TYPE_HACKING);
    in.categories = BREACH_CAT_BIT(BREACH_CAT_NAME) | BREACH_CAT_BIT(BREACH_CAT_DOB) |
                    BREACH_CAT_BIT(BREACH_CAT_ADDRESS) | BREACH_CAT_BIT(BREACH_CAT_SSN) |
                    BREACH_CAT_BIT(BREACH_CAT_HEALTH_INSURANCE);
    in.reported = D(19461);
    in.occurred_start = D(19385);
    in.occurred_end = D(19388);
    in.affected = C(3000000, BREACH_COUNT_AT_LEAST);
    add(ds, &in);

    breach_incident_init(&in);
    in.entity = "Brightline, Inc.";
    in.vendor = "FORTRA GOANYWHERE";
    in.entity_region = R("US-CA");
    in.types = BREACH_TYPE_BIT(BREACH_TYPE_HACKING) | BREACH_TYPE_BIT(BREACH_TYPE_RANSOMWARE);
    in.categories = BREACH_CAT_BIT(BREACH_CAT_NAME) | BREACH_CAT_BIT(BREACH_CAT_DOB) |
                    BREACH_CAT_BIT(BREACH_CAT_ADDRESS) | BREACH_CAT_BIT(BREACH_CAT_HEALTH_INSURANCE);
    in.reported = M(19389);
    in.discovered = D(19387);
    in.affected = C(964300, BREACH_COUNT_AT_LEAST);
    add(ds, &in);

    breach_incident_init(&in);
    in.entity = "Soci\xC3\xA9t\xC3\xA9 G\xC3\xA9n\xC3\xA9rale S.A.";
    in.entity_region = R("FR");
    in.types = BREACH_TYPE_BIT(BREACH_TYPE_LOSS);
    in.categories = BREACH_CAT_BIT(BREACH_CAT_FINANCIAL_ACCOUNT);
    add(ds, &in);

    breach_region_count tx_ca[2] = {{R("US-TX"), {120, BREACH_COUNT_EXACT}},
                                    {R("CA"), {45, BREACH_COUNT_EXACT}}};
    breach_incident_init(&in);
    in.entity = "Acme Widgets";
    in.regions = tx_ca;
    in.n_regions = 2;
    in.types = BREACH_TYPE_BIT(BREACH_TYPE_THEFT);
    in.categories = BREACH_CAT_BIT(BREACH_CAT_PAYMENT_CARD);
    in.reported = D(18812);
    in.affected = C(200, BREACH_COUNT_EXACT);
    add(ds, &in);
    CHECK_EQ_LL(breach_dataset_size(ds), 6);
    return ds;
}

static void test_filter_init(void)
{
    breach_filter f;
    memset(&f, 0xA5, sizeof f);
    breach_filter_init(&f);
    CHECK_EQ_LL(f.date_field, BREACH_FIELD_EVENT);
    CU_ASSERT_FALSE(breach_date_is_known(f.from));
    CU_ASSERT_FALSE(breach_date_is_known(f.to));
    CHECK_EQ_LL(f.region, BREACH_REGION_NONE);
    CU_ASSERT_PTR_NULL(f.vendor);
    CU_ASSERT_PTR_NULL(f.entity);
    CHECK_EQ_LL(f.types, 0);
    CHECK_EQ_LL(f.categories, 0);
    CU_ASSERT_FALSE(f.include_superseded);
    CHECK_EQ_LL(f.units, 0);
    CHECK_EQ_LL(f.reserved32_, 0);
    CU_ASSERT_PTR_NULL(f.where);
    CHECK_EQ_LL(f.n_where, 0);
    CHECK_EQ_LL(f.reserved_[0], 0);
    breach_filter_init(NULL); /* a no-op */

    breach_dataset *ds = filter_dataset();
    /* everything; no notice has a revision here */
    CHECK_SEL(ds, &f, "0,1,2,3,4,5");
    CHECK_SEL(ds, NULL, "0,1,2,3,4,5");
    for (size_t i = 0; i < 6; i++) {
        CU_ASSERT(breach_filter_match(ds, i, &f));
        CU_ASSERT(breach_filter_match(ds, i, NULL));
    }
    /* out of range never matches */
    CU_ASSERT_FALSE(breach_filter_match(ds, 6, &f));
    CU_ASSERT_FALSE(breach_filter_match(ds, (size_t)-1, NULL));
    breach_dataset_free(ds);
}

static void test_filter_event_dates(void)
{
    breach_dataset *ds = filter_dataset();
    breach_filter f;
    /* event dates: 0 2023-03-29, 1 2023-01 (Jan 1), 2 2023-01-28, 3 2023-01-30 (discovered),
       4 unknown, 5 2021-07-04 */
    breach_filter_init(&f);
    f.from = D(19417); /* 2023-03-01 */
    f.to = D(19447);   /* 2023-03-31 */
    CHECK_SEL(ds, &f, "0");
    /* a coarse from/to spans its period: 2023-03 .. 2023-03 */
    f.from = M(19417);
    f.to = M(19417);
    CHECK_SEL(ds, &f, "0");
    /* 2023 .. 2023 */
    f.from = Y(19358);
    f.to = Y(19358);
    CHECK_SEL(ds, &f, "0,1,2,3");
    /* from 2023-01-29: 1 (Jan 1) and 2 (Jan 28) are before */
    breach_filter_init(&f);
    f.from = D(19386);
    CHECK_SEL(ds, &f, "0,3");
    /* bounds are inclusive: from 2023-03-29 keeps 0, from 2023-03-30 drops it */
    f.from = D(19445);
    CHECK_SEL(ds, &f, "0");
    f.from = D(19446);
    CHECK_SEL(ds, &f, "");
    /* to 2023-01-28 (inclusive): 2 and 5; 1 (2023-01, the whole of January) is not inside,
       left out and counted as coarse, not placed at its first day */
    breach_filter_init(&f);
    f.to = D(19385);
    CHECK_SEL(ds, &f, "2,5");
    CHECK_EQ_LL(breach_dataset_n_coarse_dated(ds, &f, NULL), 1);
    CU_ASSERT_FALSE(breach_filter_match(ds, 1, &f));
    /* to 2023-01 (month): through Jan 31, so 1 (all of January) and 3 (Jan 30) too */
    f.to = M(19358);
    CHECK_SEL(ds, &f, "1,2,3,5");
    CHECK_EQ_LL(breach_dataset_n_coarse_dated(ds, &f, NULL), 0);
    /* to 2022 (year): through 2022-12-31 */
    f.to = Y(18993);
    CHECK_SEL(ds, &f, "5");
    /* an unknown date fails any range, and only a range */
    breach_filter_init(&f);
    CU_ASSERT_TRUE(breach_filter_match(ds, 4, &f));
    f.from = D(-719162); /* 0001-01-01: every known date is after it */
    CU_ASSERT_FALSE(breach_filter_match(ds, 4, &f));
    CHECK_SEL(ds, &f, "0,1,2,3,5");
    breach_filter_init(&f);
    f.to = D(2932896);   /* 9999-12-31 */
    CU_ASSERT_FALSE(breach_filter_match(ds, 4, &f));
    CHECK_SEL(ds, &f, "0,1,2,3,5");
    breach_dataset_free(ds);
}

static void test_filter_other_date_fields(void)
{
    breach_dataset *ds = filter_dataset();
    breach_filter f;
    /* reported: 0 2023-04-28, 1 2023-02-17, 2 2023-04-14, 3 2023-02 (Feb 1), 4 none,
       5 2021-07-04 */
    breach_filter_init(&f);
    f.date_field = BREACH_FIELD_REPORTED;
    f.from = M(19448); /* 2023-04 */
    f.to = M(19448);
    CHECK_SEL(ds, &f, "0,2");
    /* the incident's date is its whole period: 3 (2023-02) is Feb 1 .. 28, not inside a range
       that ends on Feb 1, and is counted as coarse */
    breach_filter_init(&f);
    f.date_field = BREACH_FIELD_REPORTED;
    f.to = D(19389); /* 2023-02-01 */
    CHECK_SEL(ds, &f, "5");
    CHECK_EQ_LL(breach_dataset_n_coarse_dated(ds, &f, NULL), 1);
    breach_filter_init(&f);
    f.date_field = BREACH_FIELD_REPORTED;
    f.from = D(19390); /* 2023-02-02 */
    CHECK_SEL(ds, &f, "0,1,2");
    /* occurred_start: 0 2023-03-29, 1 2023-01, 2 2023-01-28; 3 has none (though its event
       date, from discovery, is in January) */
    breach_filter_init(&f);
    f.date_field = BREACH_FIELD_OCCURRED;
    f.to = M(19358); /* through 2023-01-31 */
    CHECK_SEL(ds, &f, "1,2");
    f.from = Y(-719162);
    f.to = breach_date_none();
    CHECK_SEL(ds, &f, "0,1,2");
    /* discovered: 0 2023-03-30, 3 2023-01-30; the others have none */
    breach_filter_init(&f);
    f.date_field = BREACH_FIELD_DISCOVERED;
    f.from = D(19387);
    CHECK_SEL(ds, &f, "0,3");
    f.from = D(19388);
    CHECK_SEL(ds, &f, "0");
    CU_ASSERT_FALSE(breach_filter_match(ds, 1, &f));
    breach_dataset_free(ds);
}

/* tests/data/date-precision.csv, rows by index (reported dates; the event date is the
 * reported one, no other date is given): 0 2023, 1 2022, 2 2023-03, 3 2023-04, 4 2023-06,
 * 5 2023-07, 6 2023-03-31, 7 2023-04-01, 8 2023-06-30, 9 2023-07-01, 10 undated, 11 and 12
 * 2023 (Acme Health's campaign notice and its revision: 12 replaces 11). */
static breach_dataset *precision_dataset(void)
{
    breach_dataset *ds = breach_dataset_new(NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
    breach_error err;
    CHECK_EQ_LL(breach_csv_read_file(ds, src_path("tests/data/date-precision.csv"), NULL, NULL,
                                     &err),
                BREACH_OK);
    CHECK_EQ_LL(breach_dataset_size(ds), 13);
    return ds;
}

/* The selection of from .. to (texts as a user writes them: "2023", "2023-04") is `want`,
 * and the incidents it leaves out for a coarse date are `coarse`, in both the count and
 * the overview. */
static void check_range(const breach_dataset *ds, const char *from, const char *to,
                        const char *want, long coarse)
{
    breach_filter f;
    breach_filter_init(&f);
    if (from)
        CHECK_EQ_LL(breach_date_parse(from, strlen(from), &f.from, NULL), BREACH_OK);
    if (to)
        CHECK_EQ_LL(breach_date_parse(to, strlen(to), &f.to, NULL), BREACH_OK);
    CHECK_SEL(ds, &f, want);
    CHECK_EQ_LL(breach_dataset_n_coarse_dated(ds, &f, NULL), coarse);
    breach_overview *o = breach_overview_compute(ds, &f, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(o);
    CHECK_EQ_LL(o->n_coarse_dated, coarse);
    breach_overview_free(o);
}

static void test_filter_date_precision(void)
{
    breach_dataset *ds = precision_dataset();
    /* 2023-04-01 .. 2023-06-30: the months and days at both edges are inside; 2023 is not
       (it may be any month of the year): left out and counted, once for Acme Health's two
       notices (11 is superseded by 12 whatever the range) */
    check_range(ds, "2023-04", "2023-06", "3,4,7,8", 2);
    /* the reviewer's case: 2023 was taken by --to 2023-04 (placed at Jan 1) and refused by
       --from 2023-04; now neither takes it, and both say so */
    check_range(ds, NULL, "2023-04", "1,2,3,6,7", 2);
    check_range(ds, "2023-04", NULL, "3,4,5,7,8,9", 2);
    /* the whole year holds every date of 2023, whatever its precision: nothing is coarse */
    check_range(ds, "2023", "2023", "0,2,3,4,5,6,7,8,9,12", 0);
    /* a range of days inside April .. June: no day row is inside, the months of its edges
       are coarse too */
    check_range(ds, "2023-04-15", "2023-06-15", "", 4);
    /* one day: 2023-04-01 alone, with April and 2023 (twice: 0, 12) across it */
    check_range(ds, "2023-04-01", "2023-04-01", "7", 3);
    /* a range that 2023 does not reach: outside, not coarse */
    check_range(ds, "2024", NULL, "", 0);
    /* no range: nothing is left out for its date, and the undated row is selected */
    check_range(ds, NULL, NULL, "0,1,2,3,4,5,6,7,8,9,10,12", 0);
    /* revisions kept: 11 is counted too */
    breach_filter f;
    breach_filter_init(&f);
    f.from = M(19448); /* 2023-04 */
    f.to = M(19509);   /* 2023-06 */
    f.include_superseded = true;
    CHECK_EQ_LL(breach_dataset_n_coarse_dated(ds, &f, NULL), 3);
    /* with another criterion: only Acme Health's notice */
    f.include_superseded = false;
    f.entity = "ACME HEALTH";
    CHECK_EQ_LL(breach_dataset_n_coarse_dated(ds, &f, NULL), 1);
    /* errors: no dataset, a bad filter */
    breach_error err;
    EXPECT_FAIL(BREACH_EINVAL, breach_dataset_n_coarse_dated(NULL, &f, &err));
    f.date_field = 99;
    EXPECT_FAIL(BREACH_EINVAL, breach_dataset_n_coarse_dated(ds, &f, &err));
    CHECK_EQ_LL(breach_dataset_n_coarse_dated(ds, NULL, NULL), 0);
    breach_dataset_free(ds);
}

static void test_filter_region(void)
{
    breach_dataset *ds = filter_dataset();
    breach_filter f;
    breach_filter_init(&f);
    /* a breakdown region */
    f.region = R("US-ME");
    CHECK_SEL(ds, &f, "0");
    /* the entity's region */
    f.region = R("US-GA");
    CHECK_SEL(ds, &f, "0,1");
    f.region = R("US-FL");
    CHECK_SEL(ds, &f, "2");
    f.region = R("US-TX");
    CHECK_SEL(ds, &f, "5");
    /* a country matches its subdivisions, as entity region or in a breakdown */
    f.region = R("US");
    CHECK_SEL(ds, &f, "0,1,2,3,5");
    /* CA is Canada: 5's breakdown, not California (3) */
    f.region = R("CA");
    CHECK_SEL(ds, &f, "5");
    f.region = R("US-CA");
    CHECK_SEL(ds, &f, "3");
    f.region = R("FR");
    CHECK_SEL(ds, &f, "4");
    /* ME is Montenegro: nobody */
    f.region = R("ME");
    CHECK_SEL(ds, &f, "");
    /* a subdivision does not match its country's other subdivisions */
    f.region = R("US-NY");
    CHECK_SEL(ds, &f, "");
    breach_dataset_free(ds);
}

static void test_filter_vendor_entity(void)
{
    breach_dataset *ds = filter_dataset();
    breach_filter f;
    breach_filter_init(&f);
    /* vendors compared by key: "Fortra GoAnywhere" and "FORTRA GOANYWHERE" are one */
    f.vendor = "fortra goanywhere";
    CHECK_SEL(ds, &f, "2,3");
    f.vendor = "Fortra GoAnywhere, Inc.";
    CHECK_SEL(ds, &f, "2,3");
    f.vendor = "The Fortra-GoAnywhere Co.";
    CHECK_SEL(ds, &f, "2,3");
    f.vendor = "Fortra";
    CHECK_SEL(ds, &f, "");
    f.vendor = "Progress MOVEit";
    CHECK_SEL(ds, &f, "");
    f.vendor = "";
    CHECK_SEL(ds, &f, "");
    /* entities compared by key */
    breach_filter_init(&f);
    f.entity = "NextGen Healthcare";
    CHECK_SEL(ds, &f, "0,1");
    f.entity = "nextgen healthcare, inc.";
    CHECK_SEL(ds, &f, "0,1");
    f.entity = "The NextGen Healthcare Co.";
    CHECK_SEL(ds, &f, "0,1");
    f.entity = "NextGenUpdate";
    CHECK_SEL(ds, &f, "");
    f.entity = "BRIGHTLINE";
    CHECK_SEL(ds, &f, "3");
    f.entity = "Soci\xC3\xA9t\xC3\xA9 G\xC3\xA9n\xC3\xA9rale";
    CHECK_SEL(ds, &f, "4");
    /* accents are folded (rule 0, issue 16): the unaccented spelling is the same key */
    f.entity = "Societe Generale";
    CHECK_SEL(ds, &f, "4");
    /* a name that is some incident's vendor is not an entity */
    f.entity = "Fortra GoAnywhere";
    CHECK_SEL(ds, &f, "");
    /* both */
    f.entity = "Brightline";
    f.vendor = "Fortra GoAnywhere";
    CHECK_SEL(ds, &f, "3");
    f.entity = "NextGen Healthcare";
    CHECK_SEL(ds, &f, "");
    breach_dataset_free(ds);
}

static void test_filter_types_categories(void)
{
    breach_dataset *ds = filter_dataset();
    breach_filter f;
    breach_filter_init(&f);
    f.types = BREACH_TYPE_BIT(BREACH_TYPE_RANSOMWARE);
    CHECK_SEL(ds, &f, "1,3");
    f.types = BREACH_TYPE_BIT(BREACH_TYPE_HACKING);
    CHECK_SEL(ds, &f, "0,2,3");
    /* any of */
    f.types = BREACH_TYPE_BIT(BREACH_TYPE_THEFT) | BREACH_TYPE_BIT(BREACH_TYPE_LOSS);
    CHECK_SEL(ds, &f, "4,5");
    f.types = BREACH_TYPE_BIT(BREACH_TYPE_UNKNOWN);
    CHECK_SEL(ds, &f, "");
    breach_filter_init(&f);
    f.categories = BREACH_CAT_BIT(BREACH_CAT_SSN);
    CHECK_SEL(ds, &f, "0,2");
    f.categories = BREACH_CAT_BIT(BREACH_CAT_PAYMENT_CARD) | BREACH_CAT_BIT(BREACH_CAT_FINANCIAL_ACCOUNT);
    CHECK_SEL(ds, &f, "4,5");
    f.categories = BREACH_CAT_BIT(BREACH_CAT_HEALTH_INSURANCE) | BREACH_CAT_BIT(BREACH_CAT_EMPLOYEE);
    CHECK_SEL(ds, &f, "1,2,3");
    f.categories = BREACH_CAT_BIT(BREACH_CAT_BIOMETRIC);
    CHECK_SEL(ds, &f, "");
    /* units: every notice here counts individuals; a seventh counts accounts */
    breach_incident acc;
    breach_incident_init(&acc);
    acc.entity = "Example Forum";
    acc.unit = BREACH_UNIT_ACCOUNTS;
    acc.affected = breach_count_exact(2385);
    CHECK_EQ_LL(breach_dataset_add(ds, &acc, NULL), 6);
    breach_filter_init(&f);
    f.units = 1u << BREACH_UNIT_INDIVIDUALS;
    CHECK_SEL(ds, &f, "0,1,2,3,4,5");
    f.units = 1u << BREACH_UNIT_ACCOUNTS;
    CHECK_SEL(ds, &f, "6");
    f.units = 1u << BREACH_UNIT_RECORDS;
    CHECK_SEL(ds, &f, "");
    f.units = (1u << BREACH_UNIT_RECORDS) | (1u << BREACH_UNIT_ACCOUNTS);
    CHECK_SEL(ds, &f, "6");
    breach_dataset_free(ds);
}

static void test_filter_combined(void)
{
    breach_dataset *ds = filter_dataset();
    breach_filter f;
    breach_filter_init(&f);
    /* AND across criteria */
    f.types = BREACH_TYPE_BIT(BREACH_TYPE_HACKING);
    f.region = R("US");
    CHECK_SEL(ds, &f, "0,2,3");
    f.categories = BREACH_CAT_BIT(BREACH_CAT_SSN);
    CHECK_SEL(ds, &f, "0,2");
    f.from = D(19417); /* event date from 2023-03-01 */
    CHECK_SEL(ds, &f, "0");
    f.region = R("US-FL");
    CHECK_SEL(ds, &f, "");
    breach_filter_init(&f);
    f.vendor = "Fortra GoAnywhere";
    f.region = R("US-CA");
    CHECK_SEL(ds, &f, "3");
    breach_filter_init(&f);
    f.entity = "NextGen Healthcare";
    f.types = BREACH_TYPE_BIT(BREACH_TYPE_HACKING);
    CHECK_SEL(ds, &f, "0");
    f.types = 0;
    f.date_field = BREACH_FIELD_REPORTED;
    f.to = M(19389); /* reported through 2023-02-28 */
    CHECK_SEL(ds, &f, "1");
    breach_dataset_free(ds);
}

static void test_filter_refused(void)
{
    breach_error err;
    breach_dataset *ds = filter_dataset();
    breach_filter f;
    size_t n;
    /* each reserved word must be zero, and units name units that exist */
    for (int k = 2; k < 5; k++) { /* 0 and 1 were reserved words before `where` took them */
        breach_filter_init(&f);
        if (k < 3)
            f.reserved_[k - 2] = 0x2385;
        else if (k == 3)
            f.reserved32_ = 0x2385;
        else
            f.units = 1u << BREACH_UNIT_COUNT_;
        n = 77;
        memset(&err, 0, sizeof err);
        size_t *sel = breach_dataset_select(ds, &f, &n, &err);
        CU_ASSERT_PTR_NULL(sel);
        breach_free(sel);
        CHECK_EQ_LL(n, 0);
        CHECK_EQ_LL(err.code, BREACH_EINVAL);
        CU_ASSERT(err.text[0] != '\0');
        CU_ASSERT_FALSE(breach_filter_match(ds, 0, &f));
    }
    /* a date field outside breach_date_field, a region that does not exist */
    breach_filter_init(&f);
    f.date_field = 4;
    f.from = D(19358);
    memset(&err, 0, sizeof err);
    size_t *sel = breach_dataset_select(ds, &f, &n, &err);
    CU_ASSERT_PTR_NULL(sel);
    breach_free(sel);
    CHECK_EQ_LL(err.code, BREACH_EINVAL);
    CU_ASSERT(err.text[0] != '\0');
    breach_filter_init(&f);
    f.region = (breach_region)(breach_region_max() + 1);
    memset(&err, 0, sizeof err);
    sel = breach_dataset_select(ds, &f, &n, &err);
    CU_ASSERT_PTR_NULL(sel);
    breach_free(sel);
    CHECK_EQ_LL(err.code, BREACH_EINVAL);
    CU_ASSERT(err.text[0] != '\0');
    /* no dataset */
    memset(&err, 0, sizeof err);
    n = 77;
    sel = breach_dataset_select(NULL, NULL, &n, &err);
    CU_ASSERT_PTR_NULL(sel);
    CHECK_EQ_LL(n, 0);
    CHECK_EQ_LL(err.code, BREACH_EINVAL);
    CU_ASSERT_FALSE(breach_filter_match(NULL, 0, NULL));
    breach_dataset_free(ds);
}

static void test_select_none(void)
{
    breach_error err;
    breach_dataset *ds = filter_dataset();
    breach_filter f;
    breach_filter_init(&f);
    f.entity = "Nobody At All";
    size_t n = 77;
    memset(&err, 0, sizeof err);
    err.code = BREACH_EIO; /* must be reset: none matched is not an error */
    size_t *sel = breach_dataset_select(ds, &f, &n, &err);
    CU_ASSERT_PTR_NULL(sel);
    CHECK_EQ_LL(n, 0);
    CHECK_EQ_LL(err.code, BREACH_OK);
    breach_dataset_free(ds);
    /* an empty dataset */
    ds = breach_dataset_new(NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
    n = 77;
    err.code = BREACH_EIO;
    sel = breach_dataset_select(ds, NULL, &n, &err);
    CU_ASSERT_PTR_NULL(sel);
    CHECK_EQ_LL(n, 0);
    CHECK_EQ_LL(err.code, BREACH_OK);
    breach_dataset_free(ds);
}

/* ------------------------------------------------------------------ revisions */

/* Notices for revision rules ("F" = Fortra GoAnywhere, spelled in several ways):
 *   0 Brightline, Inc.          F                    2023-02-10
 *   1 BRIGHTLINE INC            fortra goanywhere    2023-03-21   latest: stands
 *   2 Brightline                Fortra GoAnywhere, Inc.  2023-03-01 (added after 1)
 *   3 NationBenefits            F                    2023-04-14   alone
 *   4 Brightline, Inc.          Cl0p MOVEit          2023-06-01   other vendor
 *   5 Brightline, Inc.          (none)               2023-07-01   no vendor: never
 *   6 Brightline, Inc.          (none)               2023-08-01     a revision
 *   7 Acme Health               F                    2023-05-05   tie with 8:
 *   8 ACME HEALTH, LLC          F                    2023-05-05     the later index wins
 *   9 Zeta Clinic               F                    2023-05-01   dated: stands
 *  10 Zeta Clinic               F                    undated      never replaces 9
 *  11 Yota Dental               F                    undated      replaced by 12
 *  12 Yota Dental               F                    2023-05-02
 *  13 Kappa Labs                F                    undated      both undated:
 *  14 Kappa Labs                F                    undated        the later wins
 *  15 Delta Dental              F                    2023-03-01   replaces 17
 *  16 Delta Dental              F  SEPARATE          2023-01-15   never superseded
 *  17 Delta Dental, Inc.        F                    2023-02-01
 *  18 Pi Pharmacy               F                    2023-03-01   not replaced by 19,
 *  19 Pi Pharmacy               F  SEPARATE          2023-04-28     a separate notice
 *  20 Omicron Bank              F  SEPARATE          2023-04-28   both separate:
 *  21 Omicron Bank              F  SEPARATE          2023-03-01     both stand
 * Superseded: 0, 2, 7, 10, 11, 13, 17. */
static breach_dataset *revision_dataset(void)
{
    static const struct {
        const char *entity, *vendor;
        int32_t reported; /* day, or INT32_MIN for undated */
        uint32_t flags;
    } rows[] = {
        {"Brightline, Inc.", "Fortra GoAnywhere", 19398, 0},
        {"BRIGHTLINE INC", "fortra goanywhere", 19437, 0},
        {"Brightline", "Fortra GoAnywhere, Inc.", 19417, 0},
        {"NationBenefits Holdings, LLC", "Fortra GoAnywhere", 19461, 0},
        {"Brightline, Inc.", "Cl0p MOVEit", 19509, 0},
        {"Brightline, Inc.", NULL, 19539, 0},
        {"Brightline, Inc.", NULL, 19570, 0},
        {"Acme Health", "Fortra GoAnywhere", 19482, 0},
        {"ACME HEALTH, LLC", "Fortra GoAnywhere", 19482, 0},
        {"Zeta Clinic", "Fortra GoAnywhere", 19478, 0},
        {"Zeta Clinic", "Fortra GoAnywhere", INT32_MIN, 0},
        {"Yota Dental", "Fortra GoAnywhere", INT32_MIN, 0},
        {"Yota Dental", "Fortra GoAnywhere", 19479, 0},
        {"Kappa Labs", "Fortra GoAnywhere", INT32_MIN, 0},
        {"Kappa Labs", "Fortra GoAnywhere", INT32_MIN, 0},
        {"Delta Dental", "Fortra GoAnywhere", 19417, 0},
        {"Delta Dental", "Fortra GoAnywhere", 19372, BREACH_FLAG_SEPARATE},
        {"Delta Dental, Inc.", "Fortra GoAnywhere", 19389, 0},
        {"Pi Pharmacy", "Fortra GoAnywhere", 19417, 0},
        {"Pi Pharmacy", "Fortra GoAnywhere", 19475, BREACH_FLAG_SEPARATE},
        {"Omicron Bank", "Fortra GoAnywhere", 19475, BREACH_FLAG_SEPARATE},
        {"Omicron Bank", "Fortra GoAnywhere", 19417, BREACH_FLAG_SEPARATE},
    };
    breach_dataset *ds = breach_dataset_new(NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        breach_incident in;
        breach_incident_init(&in);
        in.entity = rows[i].entity;
        in.vendor = rows[i].vendor;
        if (rows[i].reported != INT32_MIN)
            in.reported = D(rows[i].reported);
        in.flags = rows[i].flags;
        in.affected = C(1000 + i * 37, BREACH_COUNT_EXACT);
        CHECK_EQ_LL(add(ds, &in), (long long)i);
    }
    return ds;
}

static void test_revisions_superseded(void)
{
    breach_dataset *ds = revision_dataset();
    long count = -1;
    CHECK_STR(superseded(ds, NULL, &count), "0,2,7,10,11,13,17");
    CHECK_EQ_LL(count, 7);
    /* include_superseded in the filter makes no difference to this function */
    breach_filter f;
    breach_filter_init(&f);
    CHECK_STR(superseded(ds, &f, &count), "0,2,7,10,11,13,17");
    CHECK_EQ_LL(count, 7);
    f.include_superseded = true;
    CHECK_STR(superseded(ds, &f, &count), "0,2,7,10,11,13,17");
    CHECK_EQ_LL(count, 7);
    breach_dataset_free(ds);
}

static void test_revisions_select(void)
{
    breach_dataset *ds = revision_dataset();
    breach_filter f;
    breach_filter_init(&f);
    /* the default leaves the superseded out, in dataset order */
    CHECK_SEL(ds, &f, "1,3,4,5,6,8,9,12,14,15,16,18,19,20,21");
    CHECK_SEL(ds, NULL, "1,3,4,5,6,8,9,12,14,15,16,18,19,20,21");
    /* include_superseded keeps all */
    f.include_superseded = true;
    CHECK_SEL(ds, &f, "0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21");
    /* breach_filter_match does not look at revisions */
    breach_filter_init(&f);
    CU_ASSERT_TRUE(breach_filter_match(ds, 0, &f));
    breach_dataset_free(ds);
}

static void test_revisions_within_filter(void)
{
    breach_dataset *ds = revision_dataset();
    breach_filter f;
    long count = -1;
    /* only notices that pass the filter take part: reported through 2023-03-01 passes
       0 (02-10), 2 (03-01), 15 (03-01), 16 (01-15, separate), 17 (02-01), 18 (03-01),
       21 (03-01, separate). Brightline/F: 2 replaces 0 (1 is outside); Delta/F: 15
       replaces 17. */
    breach_filter_init(&f);
    f.date_field = BREACH_FIELD_REPORTED;
    f.to = D(19417);
    CHECK_STR(superseded(ds, &f, &count), "0,17");
    CHECK_EQ_LL(count, 2);
    CHECK_SEL(ds, &f, "2,15,16,18,21");
    f.include_superseded = true;
    CHECK_SEL(ds, &f, "0,2,15,16,17,18,21");
    /* one organisation: Brightline's notices 0,1,2,4,5,6; 0 and 2 replaced by 1 */
    breach_filter_init(&f);
    f.entity = "Brightline";
    CHECK_STR(superseded(ds, &f, &count), "0,2");
    CHECK_EQ_LL(count, 2);
    CHECK_SEL(ds, &f, "1,4,5,6");
    /* one vendor */
    breach_filter_init(&f);
    f.vendor = "Cl0p MOVEit";
    CHECK_STR(superseded(ds, &f, &count), "");
    CHECK_EQ_LL(count, 0);
    CHECK_SEL(ds, &f, "4");
    /* nothing passes */
    f.vendor = "Nobody";
    CHECK_STR(superseded(ds, &f, &count), "");
    CHECK_EQ_LL(count, 0);
    breach_dataset_free(ds);
}

static void test_revisions_refused(void)
{
    breach_error err;
    breach_dataset *ds = revision_dataset();
    bool sup[22];
    EXPECT_FAIL(BREACH_EINVAL, breach_dataset_superseded(ds, NULL, NULL, &err));
    EXPECT_FAIL(BREACH_EINVAL, breach_dataset_superseded(NULL, NULL, sup, &err));
    breach_filter f;
    breach_filter_init(&f);
    f.reserved_[0] = 1;
    EXPECT_FAIL(BREACH_EINVAL, breach_dataset_superseded(ds, &f, sup, &err));
    breach_filter_init(&f);
    f.date_field = -1;
    EXPECT_FAIL(BREACH_EINVAL, breach_dataset_superseded(ds, &f, sup, &err));
    breach_dataset_free(ds);
}

/* Two notices without an organisation name are not "the same organisation": neither may
 * replace the other (dataset.h: "notices by the same organisation (same entity key)"). */
static void test_revisions_unnamed_entities(void)
{
    breach_dataset *ds = breach_dataset_new(NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
    breach_incident in;
    breach_incident_init(&in);
    in.vendor = "Fortra GoAnywhere";
    in.reported = D(19417);
    in.affected = C(2385, BREACH_COUNT_EXACT);
    add(ds, &in);
    in.reported = D(19437);
    in.affected = C(4017, BREACH_COUNT_EXACT);
    add(ds, &in);
    long count = -1;
    CHECK_STR(superseded(ds, NULL, &count), "");
    CHECK_EQ_LL(count, 0);
    CHECK_SEL(ds, NULL, "0,1");
    breach_dataset_free(ds);
}

/* A vendor whose key is empty ("...", an em dash, "") is no vendor: dataset.h groups
 * revisions by "the same non-empty vendor key". */
static void test_revisions_empty_vendor_key(void)
{
    static const char *const vendors[] = {"...", "\xE2\x80\x94", ""};
    for (size_t v = 0; v < 3; v++) {
        breach_dataset *ds = breach_dataset_new(NULL);
        CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
        breach_incident in;
        breach_incident_init(&in);
        in.entity = "Omega Health";
        in.vendor = vendors[v];
        in.reported = D(19421);
        add(ds, &in);
        in.vendor = vendors[(v + 1) % 3];
        in.reported = D(19422);
        add(ds, &in);
        long count = -1;
        const char *got = superseded(ds, NULL, &count);
        if (count != 0)
            fprintf(stderr, "\n  vendors \"%s\" / \"%s\": superseded %s\n", vendors[v],
                    vendors[(v + 1) % 3], got);
        CHECK_STR(got, "");
        CHECK_EQ_LL(count, 0);
        CHECK_SEL(ds, NULL, "0,1");
        breach_dataset_free(ds);
    }
}

static void test_revisions_empty_dataset(void)
{
    breach_error err;
    breach_dataset *ds = breach_dataset_new(NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
    bool one[1] = {true};
    memset(&err, 0, sizeof err);
    CHECK_EQ_LL(breach_dataset_superseded(ds, NULL, one, &err), 0);
    /* the array has size() = 0 entries, so NULL is a valid one */
    CHECK_EQ_LL(breach_dataset_superseded(ds, NULL, NULL, &err), 0);
    breach_dataset_free(ds);
}

/* ------------------------------------------------------------------ borrowed views */

/* dataset.h: a view's region array is borrowed "valid until the dataset is freed", so it
 * must survive later additions that grow the dataset. */
static void test_view_regions_survive_growth(void)
{
    breach_dataset *ds = breach_dataset_new(NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
    breach_region_count rc[2] = {{R("US-ME"), {3913, BREACH_COUNT_EXACT}},
                                 {R("US-NH"), {1204, BREACH_COUNT_AT_LEAST}}};
    breach_incident in = valid_incident();
    in.affected = C(1049375, BREACH_COUNT_EXACT);
    in.regions = rc;
    in.n_regions = 2;
    add(ds, &in);
    breach_incident view;
    CHECK_EQ_LL(breach_dataset_get(ds, 0, &view, NULL), BREACH_OK);
    const char *entity = view.entity;
    /* 200 more incidents with three regions each */
    breach_region_count more[3] = {{R("US-TX"), {120, BREACH_COUNT_EXACT}},
                                   {R("US-CA"), {45, BREACH_COUNT_EXACT}},
                                   {R("FR"), {7, BREACH_COUNT_EXACT}}};
    for (int i = 0; i < 200; i++) {
        breach_incident m = valid_incident();
        char name[32];
        snprintf(name, sizeof name, "Clinic %d", i);
        m.entity = name;
        m.regions = more;
        m.n_regions = 3;
        add(ds, &m);
    }
    /* the old view still reads what it read */
    CHECK_STR(view.entity, "NationBenefits Holdings, LLC");
    CU_ASSERT(view.entity == entity);
    CHECK_EQ_LL(view.n_regions, 2);
    CHECK_STR(breach_region_code(view.regions[0].region), "US-ME");
    CHECK_EQ_LL(view.regions[0].count.value, 3913);
    CHECK_EQ_LL(view.regions[0].count.qualifier, BREACH_COUNT_EXACT);
    CHECK_STR(breach_region_code(view.regions[1].region), "US-NH");
    CHECK_EQ_LL(view.regions[1].count.value, 1204);
    breach_dataset_free(ds);
}

/* Day numbers far outside years 1..9999 are refused like any other bad date (and must
 * not overflow on the way: the library never aborts on bad input). */
static void test_add_refused_extreme_days(void)
{
    breach_error err;
    breach_dataset *ds = breach_dataset_new(NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
    breach_incident in = valid_incident();
    in.reported = D(INT32_MAX);
    ADD_BAD(ds, in, BREACH_EINVAL);
    in.reported = D(INT32_MIN);
    ADD_BAD(ds, in, BREACH_EINVAL);
    in.reported = Y(INT32_MAX - 3);
    ADD_BAD(ds, in, BREACH_EINVAL);
    in = valid_incident();
    in.discovered = M(-2000000000);
    ADD_BAD(ds, in, BREACH_EINVAL);
    CHECK_EQ_LL(breach_dataset_size(ds), 0);
    breach_dataset_free(ds);
}

static void test_unknown_region_count_kept(void);
static const test_entry tests[] = {
    {"a regional entry without a figure is kept", test_unknown_region_count_kept},
    {"new and free", test_new_free},
    {"add then get, every field", test_add_get_round_trip},
    {"add then get, empty incident", test_add_get_minimal},
    {"entity key in the view", test_entity_key_in_view},
    {"add refused: values", test_add_refused_values},
    {"add refused: dates", test_add_refused_dates},
    {"add refused: regions", test_add_refused_regions},
    {"add refused: encoding", test_add_refused_encoding},
    {"add accepts whole vocabularies", test_add_accepts_whole_vocabularies},
    {"get out of range", test_get_out_of_range},
    {"many incidents", test_many_incidents},
    {"sparse fields", test_sparse_fields},
    {"many names", test_many_names},
    {"append", test_append},
    {"filter init", test_filter_init},
    {"filter event dates", test_filter_event_dates},
    {"filter other date fields", test_filter_other_date_fields},
    {"filter date precision", test_filter_date_precision},
    {"filter region", test_filter_region},
    {"filter vendor and entity", test_filter_vendor_entity},
    {"filter types and categories", test_filter_types_categories},
    {"filter combined", test_filter_combined},
    {"filter refused", test_filter_refused},
    {"select none", test_select_none},
    {"revisions superseded", test_revisions_superseded},
    {"revisions select", test_revisions_select},
    {"revisions within a filter", test_revisions_within_filter},
    {"revisions refused", test_revisions_refused},
    {"revisions: unnamed entities", test_revisions_unnamed_entities},
    {"revisions: empty vendor key", test_revisions_empty_vendor_key},
    /* last: under the sanitizers a failure here ends the program */
    {"revisions: empty dataset", test_revisions_empty_dataset},
    {"view regions survive growth", test_view_regions_survive_growth},
    {"add refused: extreme day numbers", test_add_refused_extreme_days},
    {NULL, NULL},
};

static void test_unknown_region_count_kept(void)
{
    /* a regional entry without a figure (a WA notice whose WashingtoniansAffected is
       empty): the notice concerns the region's residents, so it is one of the region's
       notices, opens its total's upper bound and gives no share; the canonical CSV writes
       it as "US-ME:" and reads it back */
    breach_dataset *ds = breach_dataset_new(NULL);
    breach_incident in;
    breach_incident_init(&in);
    in.entity = "Acme";
    breach_region_count rc[2] = {{0, {0, BREACH_COUNT_UNKNOWN}}, {0, {3913, BREACH_COUNT_EXACT}}};
    CU_ASSERT_EQUAL(breach_region_parse("US-ME", 5, &rc[0].region, NULL), BREACH_OK);
    CU_ASSERT_EQUAL(breach_region_parse("US-TX", 5, &rc[1].region, NULL), BREACH_OK);
    in.regions = rc;
    in.n_regions = 2;
    in.affected = breach_count_exact(10000);
    breach_error e;
    CHECK_EQ_LL(breach_dataset_add(ds, &in, &e), BREACH_OK);
    breach_share sh;
    CHECK_EQ_LL(breach_incident_region_share(ds, 0, rc[0].region, &sh, &e), BREACH_OK);
    CU_ASSERT_TRUE(isnan(sh.share) && isnan(sh.share_min) && isnan(sh.share_max));
    breach_region_shares *r = breach_region_shares_compute(ds, NULL, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CHECK_EQ_LL(r->n_with_breakdown, 1);
    CHECK_EQ_LL(r->all_regions.lower, 3913);
    CU_ASSERT_TRUE(r->all_regions.upper_unbounded);
    CHECK_EQ_LL(r->all_regions.n_unknown, 1);
    breach_region_shares_free(r);

    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    CU_ASSERT_EQUAL_FATAL(breach_csv_write(ds, NULL, out, &e), BREACH_OK);
    fclose(out);
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, ",US-ME:;US-TX:3913,"));
    breach_dataset *back = breach_dataset_new(NULL);
    CHECK_EQ_LL(breach_csv_read_buffer(back, buf, len, NULL, NULL, &e), BREACH_OK);
    breach_incident got;
    CU_ASSERT_EQUAL_FATAL(breach_dataset_get(back, 0, &got, &e), BREACH_OK);
    CHECK_EQ_LL(got.n_regions, 2);
    CU_ASSERT_EQUAL(got.regions[0].region, rc[0].region);
    CU_ASSERT_EQUAL(got.regions[0].count.qualifier, BREACH_COUNT_UNKNOWN);
    free(buf);
    breach_dataset_free(back);
    breach_dataset_free(ds);
}

int main(void) { return run_suite("dataset", tests); }
