/* Enumerated attributes (dataset.h "enumerated attributes", libbreach/attr.c): storage,
 * listing, where criteria, append; and what the loaders record, on the real files in
 * ../shared/data (skipped when absent). Expected figures on real data were recomputed
 * with Python's json module over the raw files (the commands are quoted at each test). */
#include "check.h"

#include <stdbool.h>
#include <stdint.h>

/* A dataset of n incidents named "org K"; attributes are added as each is. */
static long add_one(breach_dataset *ds, const char *name)
{
    breach_incident in;
    breach_incident_init(&in);
    in.entity = name;
    return breach_dataset_add(ds, &in, NULL);
}

static size_t count_where(const breach_dataset *ds, const char *const *where, size_t n)
{
    breach_filter f;
    breach_filter_init(&f);
    f.where = where;
    f.n_where = n;
    size_t k = 0;
    breach_error e;
    size_t *sel = breach_dataset_select(ds, &f, &k, &e);
    free(sel);
    return k;
}

/* Incidents: 0 {a=x, a=y, b=u}, 1 {a=y}, 2 {} , 3 {b=Unknown}, 4 {a=x, b=v} */
static breach_dataset *small(void)
{
    breach_dataset *ds = breach_dataset_new(NULL);
    breach_error e;
    CHECK_EQ_LL(add_one(ds, "org 0"), 0);
    CHECK_EQ_LL(breach_dataset_add_attr(ds, 0, "a", "y", &e), BREACH_OK);
    CHECK_EQ_LL(breach_dataset_add_attr(ds, 0, "b", "u", &e), BREACH_OK);
    CHECK_EQ_LL(breach_dataset_add_attr(ds, 0, "a", "x", &e), BREACH_OK);
    CHECK_EQ_LL(breach_dataset_add_attr(ds, 0, "a", "x", &e), BREACH_OK); /* again: no change */
    CHECK_EQ_LL(add_one(ds, "org 1"), 1);
    CHECK_EQ_LL(breach_dataset_add_attr(ds, 1, "a", "y", &e), BREACH_OK);
    CHECK_EQ_LL(add_one(ds, "org 2"), 2);
    CHECK_EQ_LL(add_one(ds, "org 3"), 3);
    CHECK_EQ_LL(breach_dataset_add_attr(ds, 3, "b", "Unknown", &e), BREACH_OK);
    CHECK_EQ_LL(add_one(ds, "org 4"), 4);
    CHECK_EQ_LL(breach_dataset_add_attr(ds, 4, "b", "v", &e), BREACH_OK);
    CHECK_EQ_LL(breach_dataset_add_attr(ds, 4, "a", "x", &e), BREACH_OK);
    return ds;
}

static void test_store_and_list(void)
{
    breach_dataset *ds = small();
    breach_error e;
    CHECK_EQ_LL(breach_dataset_n_fields(ds), 2);
    breach_field_info fi;
    CHECK_EQ_LL(breach_dataset_field(ds, 0, &fi, &e), BREACH_OK);
    CHECK_STR(fi.name, "a");
    CHECK_EQ_LL(fi.n_values, 2);    /* y, x in the order met */
    CHECK_EQ_LL(fi.n_incidents, 3); /* 0, 1, 4 */
    CHECK_EQ_LL(fi.n_unknown, 0);
    CHECK_EQ_LL(breach_dataset_field(ds, 1, &fi, &e), BREACH_OK);
    CHECK_STR(fi.name, "b");
    CHECK_EQ_LL(fi.n_values, 3);    /* u, Unknown, v */
    CHECK_EQ_LL(fi.n_incidents, 3); /* 0, 3, 4 */
    CHECK_EQ_LL(fi.n_unknown, 1);
    breach_value_info vi;
    CHECK_EQ_LL(breach_dataset_field_value(ds, 0, 0, &vi, &e), BREACH_OK);
    CHECK_STR(vi.value, "y");
    CHECK_EQ_LL(vi.n_incidents, 2);
    CU_ASSERT_FALSE(vi.unknown);
    CHECK_EQ_LL(breach_dataset_field_value(ds, 0, 1, &vi, &e), BREACH_OK);
    CHECK_STR(vi.value, "x");
    CHECK_EQ_LL(vi.n_incidents, 2); /* added twice to incident 0: counted once */
    CHECK_EQ_LL(breach_dataset_field_value(ds, 1, 1, &vi, &e), BREACH_OK);
    CHECK_STR(vi.value, "Unknown");
    CU_ASSERT_TRUE(vi.unknown);
    CHECK_EQ_LL(breach_dataset_field_find(ds, "b"), 1);
    CHECK_EQ_LL(breach_dataset_field_find(ds, "c"), -1);
    CHECK_EQ_LL(breach_dataset_field_find(ds, NULL), -1);

    /* incident 0: by field, then value number: a=y, a=x, b=u */
    breach_attr at[4];
    CHECK_EQ_LL(breach_dataset_attrs(ds, 0, at, 4, &e), 3);
    CHECK_STR(at[0].field_name, "a");
    CHECK_STR(at[0].text, "y");
    CHECK_STR(at[1].text, "x");
    CHECK_EQ_LL(at[1].value, 1);
    CHECK_STR(at[2].field_name, "b");
    CHECK_STR(at[2].text, "u");
    CHECK_EQ_LL(breach_dataset_attrs(ds, 0, at, 1, &e), 3); /* the count, whatever the room */
    CHECK_STR(at[0].text, "y");
    CHECK_EQ_LL(breach_dataset_attrs(ds, 0, NULL, 0, &e), 3);
    CHECK_EQ_LL(breach_dataset_attrs(ds, 2, at, 4, &e), 0); /* none, between two that have */
    CHECK_EQ_LL(breach_dataset_attrs(ds, 5, at, 4, &e), BREACH_EINVAL);
    CHECK_EQ_LL(breach_dataset_attrs(ds, 0, NULL, 4, &e), BREACH_EINVAL);
    CHECK_EQ_LL(breach_dataset_field(ds, 2, &fi, &e), BREACH_EINVAL);
    CHECK_EQ_LL(breach_dataset_field_value(ds, 0, 2, &vi, &e), BREACH_EINVAL);
    CHECK_EQ_LL(breach_dataset_field_value(ds, 2, 0, &vi, &e), BREACH_EINVAL);

    /* a dataset without attributes */
    breach_dataset *none = breach_dataset_new(NULL);
    CHECK_EQ_LL(breach_dataset_n_fields(none), 0);
    CHECK_EQ_LL(breach_dataset_field(none, 0, &fi, &e), BREACH_EINVAL);
    CHECK_EQ_LL(breach_dataset_field_find(none, "a"), -1);
    breach_dataset_free(none);
    breach_dataset_free(ds);
}

static void test_add_refused(void)
{
    breach_dataset *ds = breach_dataset_new(NULL);
    breach_error e;
    CHECK_EQ_LL(breach_dataset_add_attr(ds, 0, "a", "x", &e), BREACH_EINVAL); /* no incident */
    add_one(ds, "org 0");
    add_one(ds, "org 1");
    CHECK_EQ_LL(breach_dataset_add_attr(ds, 0, "a", "x", &e), BREACH_EINVAL); /* not the last */
    CU_ASSERT_PTR_NOT_NULL(strstr(e.text, "last incident"));
    CHECK_EQ_LL(breach_dataset_add_attr(ds, 1, NULL, "x", &e), BREACH_EINVAL);
    CHECK_EQ_LL(breach_dataset_add_attr(ds, 1, "a", NULL, &e), BREACH_EINVAL);
    CHECK_EQ_LL(breach_dataset_add_attr(NULL, 1, "a", "x", &e), BREACH_EINVAL);
    CHECK_EQ_LL(breach_dataset_add_attr(ds, 1, "", "x", &e), BREACH_EINVAL);
    CHECK_EQ_LL(breach_dataset_add_attr(ds, 1, "a", "", &e), BREACH_EINVAL);
    CHECK_EQ_LL(breach_dataset_add_attr(ds, 1, "a=b", "x", &e), BREACH_EINVAL);
    CHECK_EQ_LL(breach_dataset_add_attr(ds, 1, "a!", "x", &e), BREACH_EINVAL);
    CHECK_EQ_LL(breach_dataset_add_attr(ds, 1, "a\tb", "x", &e), BREACH_EINVAL);
    CHECK_EQ_LL(breach_dataset_add_attr(ds, 1, "a", "x\x1fy", &e), BREACH_EINVAL);
    CHECK_EQ_LL(breach_dataset_add_attr(ds, 1, "a\xff", "x", &e), BREACH_EENCODING);
    CHECK_EQ_LL(breach_dataset_add_attr(ds, 1, "a", "x\xc3", &e), BREACH_EENCODING);
    /* a value may hold '=' and '!' (only a field may not) */
    CHECK_EQ_LL(breach_dataset_add_attr(ds, 1, "a", "x=!y", &e), BREACH_OK);
    CHECK_EQ_LL(breach_dataset_n_fields(ds), 1);
    const char *w[] = {"a=x=!y"};
    CHECK_EQ_LL(count_where(ds, w, 1), 1);
    breach_dataset_free(ds);
}

static void test_where(void)
{
    breach_dataset *ds = small();
    /* incidents 0 {a=y,a=x,b=u}, 1 {a=y}, 2 {}, 3 {b=Unknown}, 4 {a=x,b=v} */
    const char *ax[] = {"a=x"};
    CHECK_EQ_LL(count_where(ds, ax, 1), 2); /* 0, 4 */
    const char *or_[] = {"a=x", "a=y"};
    CHECK_EQ_LL(count_where(ds, or_, 2), 3); /* 0, 1, 4 */
    const char *and_[] = {"a=x", "b=v"};
    CHECK_EQ_LL(count_where(ds, and_, 2), 1); /* 4 */
    const char *not_[] = {"a!=x"};
    CHECK_EQ_LL(count_where(ds, not_, 1), 3); /* 1, 2, 3: without a value, not x either */
    const char *both[] = {"a=y", "a!=x"};
    CHECK_EQ_LL(count_where(ds, both, 2), 1); /* 1 */
    const char *nofield[] = {"c=x"};
    CHECK_EQ_LL(count_where(ds, nofield, 1), 0);
    const char *novalue[] = {"a=z"};
    CHECK_EQ_LL(count_where(ds, novalue, 1), 0);
    const char *novalue_or[] = {"a=z", "a=y"};
    CHECK_EQ_LL(count_where(ds, novalue_or, 2), 2); /* 0, 1 */
    const char *notnothing[] = {"c!=x"};
    CHECK_EQ_LL(count_where(ds, notnothing, 1), 5);
    const char *unk[] = {"b=Unknown"};
    CHECK_EQ_LL(count_where(ds, unk, 1), 1);

    /* breach_filter_match agrees, and a filter with no where is unaffected */
    breach_filter f;
    breach_filter_init(&f);
    f.where = and_;
    f.n_where = 2;
    CU_ASSERT_TRUE(breach_filter_match(ds, 4, &f));
    CU_ASSERT_FALSE(breach_filter_match(ds, 0, &f));

    /* refused */
    breach_error e;
    size_t n;
    const char *bad[] = {"ax"};
    f.where = bad;
    f.n_where = 1;
    CU_ASSERT_PTR_NULL(breach_dataset_select(ds, &f, &n, &e));
    CHECK_EQ_LL(e.code, BREACH_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(strstr(e.text, "field=value"));
    const char *nokey[] = {"=x"};
    f.where = nokey;
    CU_ASSERT_PTR_NULL(breach_dataset_select(ds, &f, &n, &e));
    CHECK_EQ_LL(e.code, BREACH_EINVAL);
    const char *nokey2[] = {"!=x"};
    f.where = nokey2;
    CU_ASSERT_PTR_NULL(breach_dataset_select(ds, &f, &n, &e));
    CHECK_EQ_LL(e.code, BREACH_EINVAL);
    const char *nullcrit[] = {NULL};
    f.where = nullcrit;
    CU_ASSERT_PTR_NULL(breach_dataset_select(ds, &f, &n, &e));
    CHECK_EQ_LL(e.code, BREACH_EINVAL);
    f.where = NULL;
    CU_ASSERT_PTR_NULL(breach_dataset_select(ds, &f, &n, &e));
    CHECK_EQ_LL(e.code, BREACH_EINVAL);
    const char *many[BREACH_WHERE_MAX + 1];
    for (size_t k = 0; k <= BREACH_WHERE_MAX; k++)
        many[k] = "a=x";
    f.where = many;
    f.n_where = BREACH_WHERE_MAX + 1;
    CU_ASSERT_PTR_NULL(breach_dataset_select(ds, &f, &n, &e));
    CHECK_EQ_LL(e.code, BREACH_EINVAL);
    f.n_where = BREACH_WHERE_MAX; /* the most allowed: all "a=x" */
    CHECK_EQ_LL(count_where(ds, many, BREACH_WHERE_MAX), 2);
    breach_dataset_free(ds);
}

static void test_field_counts(void)
{
    breach_dataset *ds = small();
    breach_error e;
    uint64_t counts[3], with, sel;
    CHECK_EQ_LL(breach_dataset_field_counts(ds, NULL, 1, counts, &with, &sel, &e), BREACH_OK);
    CHECK_EQ_LL(counts[0], 1); /* u */
    CHECK_EQ_LL(counts[1], 1); /* Unknown */
    CHECK_EQ_LL(counts[2], 1); /* v */
    CHECK_EQ_LL(with, 3);
    CHECK_EQ_LL(sel, 5);
    breach_filter f;
    breach_filter_init(&f);
    const char *ax[] = {"a=x"};
    f.where = ax;
    f.n_where = 1;
    CHECK_EQ_LL(breach_dataset_field_counts(ds, &f, 1, counts, &with, &sel, &e), BREACH_OK);
    CHECK_EQ_LL(counts[0], 1); /* incident 0 */
    CHECK_EQ_LL(counts[1], 0);
    CHECK_EQ_LL(counts[2], 1); /* incident 4 */
    CHECK_EQ_LL(with, 2);
    CHECK_EQ_LL(sel, 2);
    CHECK_EQ_LL(breach_dataset_field_counts(ds, &f, 2, counts, &with, &sel, &e), BREACH_EINVAL);
    CHECK_EQ_LL(breach_dataset_field_counts(ds, &f, 1, NULL, &with, &sel, &e), BREACH_EINVAL);
    const char *bad[] = {"ax"};
    f.where = bad;
    CHECK_EQ_LL(breach_dataset_field_counts(ds, &f, 1, counts, &with, &sel, &e), BREACH_EINVAL);
    breach_dataset_free(ds);
}

static void test_append_copies(void)
{
    breach_dataset *src = small(), *dst = breach_dataset_new(NULL);
    breach_error e;
    add_one(dst, "first");
    CHECK_EQ_LL(breach_dataset_add_attr(dst, 0, "b", "v", &e), BREACH_OK);
    CHECK_EQ_LL(breach_dataset_append(dst, src, &e), BREACH_OK);
    CHECK_EQ_LL(breach_dataset_size(dst), 6);
    /* dst's fields: b (its own first), then a */
    CHECK_EQ_LL(breach_dataset_n_fields(dst), 2);
    const char *bv[] = {"b=v"};
    CHECK_EQ_LL(count_where(dst, bv, 1), 2); /* its own and src's incident 4 */
    const char *ay[] = {"a=y"};
    CHECK_EQ_LL(count_where(dst, ay, 1), 2);
    breach_attr at[4];
    CHECK_EQ_LL(breach_dataset_attrs(dst, 1, at, 4, &e), 3); /* src's incident 0 */
    CHECK_EQ_LL(breach_dataset_attrs(dst, 3, at, 4, &e), 0); /* src's incident 2 */
    breach_dataset_free(src);
    breach_dataset_free(dst);
}

/* ---------------------------------------------------------------- loaders, real data */

static breach_dataset *load_shared(const char *rel, const char *format)
{
    const char *p = shared_path(rel);
    if (!p)
        return NULL;
    breach_dataset *ds = breach_dataset_new(NULL);
    breach_load_options o;
    breach_load_options_init(&o);
    o.lenient = true;
    breach_error e;
    int rc = breach_load(ds, p, format, &o, NULL, &e);
    show(rc, &e);
    CHECK_EQ_LL(rc, BREACH_OK);
    return ds;
}

static uint64_t n_with(const breach_dataset *ds, const char *field)
{
    long k = breach_dataset_field_find(ds, field);
    CU_ASSERT(k >= 0);
    if (k < 0)
        return 0;
    breach_field_info fi;
    breach_dataset_field(ds, (size_t)k, &fi, NULL);
    return fi.n_incidents;
}

static void test_hibp_flags(void)
{
    breach_dataset *ds = load_shared("hibp/breaches.json", "hibp");
    if (!ds)
        return;
    /* SOURCES.md section 4: 833 verified, 3 fabricated, 16 spam lists, 80 sensitive, 2
       retired; 875 breaches, each with every flag */
    const char *fab[] = {"is_fabricated=true"}, *spam[] = {"is_spam_list=true"},
               *ver[] = {"is_verified=true"}, *sens[] = {"is_sensitive=true"},
               *ret[] = {"is_retired=true"};
    CHECK_EQ_LL(count_where(ds, fab, 1), 3);
    CHECK_EQ_LL(count_where(ds, spam, 1), 16);
    CHECK_EQ_LL(count_where(ds, ver, 1), 833);
    CHECK_EQ_LL(count_where(ds, sens, 1), 80);
    CHECK_EQ_LL(count_where(ds, ret, 1), 2);
    CHECK_EQ_LL(n_with(ds, "is_fabricated"), 875);
    /* python3: sum(1 for b in h if not b['IsFabricated'] and not b['IsSpamList']) = 856 */
    const char *neither[] = {"is_fabricated!=true", "is_spam_list!=true"};
    CHECK_EQ_LL(count_where(ds, neither, 2), 856);
    /* SOURCES.md: 146 distinct DataClasses; python3: 819 breaches list Passwords or Names,
       246 both */
    long k = breach_dataset_field_find(ds, "data_classes");
    breach_field_info fi;
    CU_ASSERT_EQUAL_FATAL(breach_dataset_field(ds, (size_t)k, &fi, NULL), BREACH_OK);
    CHECK_EQ_LL(fi.n_values, 146);
    const char *either[] = {"data_classes=Passwords", "data_classes=Names"};
    CHECK_EQ_LL(count_where(ds, either, 2), 819);
    breach_dataset_free(ds);
}

/* Values of a VERIS path in the raw JSON, as counted for the figures below:
 *   def vals(x, path): every string at the dotted path, stepping through lists
 *   n = sum(1 for x in vcdb if vals(x, path)); k = sum(1 for x in vcdb if v in vals(x, path)) */
static void test_veris_enumerations(void)
{
    breach_dataset *ds = load_shared("vcdb/vcdb.json.zip", "veris");
    if (!ds)
        return;
    /* every enumeration path of the 1.4.1 schema that VCDB uses is a field; the 4 derived
       ones (action, actor, attribute, asset.variety) and the 4 codes beside them */
    CU_ASSERT(breach_dataset_n_fields(ds) >= 60);
    CHECK_EQ_LL(n_with(ds, "action.hacking.variety"), 2266);
    const char *sqli[] = {"action.hacking.variety=SQLi"};
    CHECK_EQ_LL(count_where(ds, sqli, 1), 100);
    long k = breach_dataset_field_find(ds, "action.hacking.variety");
    breach_field_info fi;
    CU_ASSERT_EQUAL_FATAL(breach_dataset_field(ds, (size_t)k, &fi, NULL), BREACH_OK);
    CHECK_EQ_LL(fi.n_unknown, 1426); /* 'Unknown' among action.hacking.variety */
    CHECK_EQ_LL(n_with(ds, "attribute.confidentiality.data.variety"), 7904);
    const char *med[] = {"attribute.confidentiality.data.variety=Medical"};
    CHECK_EQ_LL(count_where(ds, med, 1), 2533);
    const char *fin[] = {"actor.external.motive=Financial"};
    CHECK_EQ_LL(count_where(ds, fin, 1), 2023);
    const char *db[] = {"asset.assets.variety=S - Database"};
    CHECK_EQ_LL(count_where(ds, db, 1), 1610);
    /* VERIS asset "Other" (an enum value of schemas 1.3.4 and 1.4.1) is verisr's level
       Other: 12 incidents carry it, 10 of them nothing else, so every incident states
       asset.variety (json: k = 12 for "Other" in vals(x, "asset.assets.variety")) */
    const char *other[] = {"asset.variety=Other"};
    CHECK_EQ_LL(count_where(ds, other, 1), 12);
    CHECK_EQ_LL(n_with(ds, "asset.variety"), 8553);
    /* SOURCES.md section 2: plus.sub_source phidbr 1,192, priority 381 */
    const char *phidbr[] = {"plus.sub_source=phidbr"}, *prio[] = {"plus.sub_source=priority"};
    CHECK_EQ_LL(count_where(ds, phidbr, 1), 1192);
    CHECK_EQ_LL(count_where(ds, prio, 1), 381);
    const char *random[] = {"plus.sub_source!=phidbr", "plus.sub_source!=priority"};
    CHECK_EQ_LL(count_where(ds, random, 2), 6980); /* 8,553 - 1,192 - 381 */
    /* AND across fields, OR within: 32; and with a "!=": 1,733 */
    const char *mix[] = {"action.hacking.variety=SQLi", "action.hacking.variety=Brute force",
                         "actor.external.motive=Financial"};
    CHECK_EQ_LL(count_where(ds, mix, 3), 32);
    const char *med_nophi[] = {"attribute.confidentiality.data.variety=Medical",
                               "plus.sub_source!=phidbr"};
    CHECK_EQ_LL(count_where(ds, med_nophi, 2), 1733);
    /* derived as verisr does: action categories from action's keys (734 with malware) */
    const char *mal[] = {"action=Malware"};
    CHECK_EQ_LL(count_where(ds, mal, 1), 734);
    breach_dataset_free(ds);
}

static void test_csv_sources(void)
{
    /* HHS 2024-07 archive (python3 csv over the file): Covered Entity Type Healthcare
       Provider 3,862, Business Associate 790, Health Plan 704, Healthcare Clearing House 10,
       5 empty; 'Type of Breach' lists 'Theft' in 1,033 rows */
    breach_dataset *ds =
        load_shared("hhs-ocr-breach-portal/snapshot-2024-07/Source_Breach_Report.csv", "hhs");
    if (ds) {
        const char *hp[] = {"covered_entity_type=Healthcare Provider"},
                   *ba[] = {"covered_entity_type=Business Associate"},
                   *th[] = {"type_of_breach=Theft"};
        breach_filter f;
        breach_filter_init(&f);
        f.include_superseded = true; /* the rows as the file has them */
        f.where = hp;
        f.n_where = 1;
        size_t n;
        breach_error e;
        free(breach_dataset_select(ds, &f, &n, &e));
        CHECK_EQ_LL(n, 3862);
        f.where = ba;
        free(breach_dataset_select(ds, &f, &n, &e));
        CHECK_EQ_LL(n, 790);
        f.where = th;
        free(breach_dataset_select(ds, &f, &n, &e));
        CHECK_EQ_LL(n, 1033);
        CHECK_EQ_LL(n_with(ds, "covered_entity_type"), 5371 - 5);
        breach_dataset_free(ds);
    }
    /* WA 2024-05 (python3 csv): IndustryType Business 509, Health 188; CyberattackType
       Ransomware 348 */
    ds = load_shared("wa-ag-breach-notifications/"
                     "Data_Breach_Notifications_Affecting_Washington_Residents_20240523.csv",
                     "wa");
    if (ds) {
        const char *bus[] = {"industry_type=Business"}, *hea[] = {"industry_type=Health"},
                   *ran[] = {"cyberattack_type=Ransomware"};
        CHECK_EQ_LL(count_where(ds, bus, 1), 509);
        CHECK_EQ_LL(count_where(ds, hea, 1), 188);
        CHECK_EQ_LL(count_where(ds, ran, 1), 348);
        breach_dataset_free(ds);
    }
}

static void test_flagged(void)
{
    breach_dataset *ds = breach_dataset_new(NULL);
    breach_error e;
    breach_flag_count fc[8];
    uint64_t any = 99;
    /* no attributes at all: nothing flagged */
    CHECK_EQ_LL(breach_dataset_flagged(ds, NULL, fc, 8, &any, &e), 0);
    CHECK_EQ_LL(any, 0);
    /* 0 fabricated and spam; 1 spam; 2 sub_source priority; 3 is_fabricated=false */
    add_one(ds, "org 0");
    breach_dataset_add_attr(ds, 0, "is_fabricated", "true", &e);
    breach_dataset_add_attr(ds, 0, "is_spam_list", "true", &e);
    add_one(ds, "org 1");
    breach_dataset_add_attr(ds, 1, "is_spam_list", "true", &e);
    add_one(ds, "org 2");
    breach_dataset_add_attr(ds, 2, "plus.sub_source", "priority", &e);
    add_one(ds, "org 3");
    breach_dataset_add_attr(ds, 3, "is_fabricated", "false", &e);
    CHECK_EQ_LL(breach_dataset_flagged(ds, NULL, fc, 8, &any, &e), 3);
    CHECK_EQ_LL(any, 3);
    CHECK_STR(fc[0].field, "is_fabricated");
    CHECK_STR(fc[0].value, "true");
    CHECK_EQ_LL(fc[0].n, 1);
    CHECK_STR(fc[1].field, "is_spam_list");
    CHECK_EQ_LL(fc[1].n, 2);
    CHECK_STR(fc[2].value, "priority");
    CHECK_EQ_LL(fc[2].n, 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(fc[2].meaning, "random"));
    CHECK_EQ_LL(breach_dataset_flagged(ds, NULL, fc, 1, NULL, &e), 3); /* count beyond room */
    CHECK_EQ_LL(breach_dataset_flagged(ds, NULL, NULL, 0, &any, &e), 3);
    /* the command the front ends offer leaves them out */
    breach_filter f;
    breach_filter_init(&f);
    const char *out[] = {"is_fabricated!=true", "is_spam_list!=true", "plus.sub_source!=priority"};
    f.where = out;
    f.n_where = 3;
    CHECK_EQ_LL(breach_dataset_flagged(ds, &f, fc, 8, &any, &e), 0);
    CHECK_EQ_LL(any, 0);
    CHECK_EQ_LL(count_where(ds, out, 3), 1);
    /* refused */
    CHECK_EQ_LL(breach_dataset_flagged(ds, NULL, NULL, 2, &any, &e), BREACH_EINVAL);
    CHECK_EQ_LL(breach_dataset_flagged(NULL, NULL, fc, 8, &any, &e), BREACH_EINVAL);
    const char *bad[] = {"oops"};
    f.where = bad;
    f.n_where = 1;
    CHECK_EQ_LL(breach_dataset_flagged(ds, &f, fc, 8, &any, &e), BREACH_EINVAL);
    breach_dataset_free(ds);
    /* a bad filter is refused even when nothing carries a flag */
    ds = breach_dataset_new(NULL);
    CHECK_EQ_LL(breach_dataset_flagged(ds, &f, fc, 8, &any, &e), BREACH_EINVAL);
    breach_dataset_free(ds);

    /* HIBP 2025-03 (SOURCES.md section 4): 3 fabricated, 16 spam lists, 2 retired, no
       breach with two of them (python3: 21 with any) */
    ds = load_shared("hibp/breaches.json", "hibp");
    if (ds) {
        CHECK_EQ_LL(breach_dataset_flagged(ds, NULL, fc, 8, &any, &e), 3);
        CHECK_EQ_LL(fc[0].n, 3);
        CHECK_EQ_LL(fc[1].n, 16);
        CHECK_EQ_LL(fc[2].n, 2);
        CHECK_EQ_LL(any, 21);
        breach_dataset_free(ds);
    }
    /* VCDB (SOURCES.md section 2): phidbr 1,192, priority 381 */
    ds = load_shared("vcdb/vcdb.json.zip", "veris");
    if (ds) {
        CHECK_EQ_LL(breach_dataset_flagged(ds, NULL, fc, 8, &any, &e), 2);
        CHECK_EQ_LL(fc[0].n, 1192);
        CHECK_EQ_LL(fc[1].n, 381);
        CHECK_EQ_LL(any, 1573);
        breach_dataset_free(ds);
    }
}

/* ---------------------------------------------------------------- counts and cross-tabs */

/* A dataset for the cross-tabs, by hand: incident, its attribute values, reported date.
 *   0 x=a y=p 2021-03-05      4 x=b y=q 2022-01-10      8 x=Unknown y=p 2022-02-01
 *   1 x=a y=p 2021-03-20      5 x=b y=q 2022-02-11      9 x=NA y=q 2023-01-01
 *   2 x=a y=q 2021-07-01      6 x=b y=Unknown 2022-02-12  10 (none) y=p (no date)
 *   3 x=a y=q 2022-01-02      7 x=b y=p 2022-05-05 */
static breach_dataset *crosstab_dataset(void)
{
    static const char *const xs[] = {"a", "a", "a", "a", "b", "b", "b", "b", "Unknown", "NA", NULL};
    static const char *const ys[] = {"p", "p", "q", "q", "q", "q", "Unknown", "p", "p", "q", "p"};
    static const char *const dates[] = {"2021-03-05", "2021-03-20", "2021-07-01", "2022-01-02",
                                        "2022-01-10", "2022-02-11", "2022-02-12", "2022-05-05",
                                        "2022-02-01", "2023-01-01", NULL};
    breach_dataset *ds = breach_dataset_new(NULL);
    for (int k = 0; k < 11; k++) {
        breach_incident in;
        breach_incident_init(&in);
        char name[16];
        snprintf(name, sizeof name, "org %d", k);
        in.entity = name;
        in.affected = breach_count_exact(1000u * (unsigned)(k + 1));
        if (dates[k])
            CU_ASSERT_EQUAL(breach_date_parse(dates[k], 10, &in.reported, NULL), BREACH_OK);
        long i = breach_dataset_add(ds, &in, NULL);
        CU_ASSERT_EQUAL(i, k);
        if (xs[k])
            breach_dataset_add_attr(ds, (size_t)k, "x", xs[k], NULL);
        breach_dataset_add_attr(ds, (size_t)k, "y", ys[k], NULL);
    }
    return ds;
}

static const breach_count_row *row_of(const breach_counts *c, const char *label)
{
    for (size_t r = 0; r < c->n_rows; r++)
        if (strcmp(c->rows[r].label, label) == 0)
            return &c->rows[r];
    CU_FAIL("row not found");
    return &c->rows[0];
}

static void test_counts_field(void)
{
    breach_dataset *ds = crosstab_dataset();
    breach_counts_options o;
    breach_counts_options_init(&o);
    o.dimension = BREACH_DIM_FIELD;
    o.field = "x";
    o.min_n = o.min_n_report = 0;
    breach_error e;
    breach_counts *c = breach_counts_compute(ds, NULL, &o, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    /* by hand: a 4, b 4, Unknown 1 (out of n), NA 1 (out of n), one not stating x: n = 8 */
    CHECK_EQ_LL(c->n_incidents, 11);
    CHECK_EQ_LL(c->n, 8);
    CHECK_EQ_LL(c->n_unknown, 1);
    CHECK_EQ_LL(c->n_not_stated, 1);
    CHECK_EQ_LL(c->n_rows, 4);
    CHECK_STR(c->rows[0].label, "a"); /* 4 each: by label */
    CHECK_STR(c->rows[1].label, "b");
    CHECK_STR(c->rows[2].label, "Unknown"); /* kept apart: unknown, then NA */
    CHECK_STR(c->rows[3].label, "NA");
    CHECK_REL(c->rows[0].proportion, 0.5, 1e-15);
    CU_ASSERT(isnan(c->rows[2].proportion) && isnan(c->rows[3].proportion));
    CU_ASSERT_TRUE(c->rows[2].unknown);
    /* affected: a = 1,000 + 2,000 + 3,000 + 4,000 */
    CHECK_EQ_LL(c->rows[0].affected.lower, 10000);
    CHECK_EQ_LL(c->independence_status, BREACH_INDEP_NONE);
    breach_counts_free(c);
    /* with Unknown and NA inside n: 10; NA's proportion 1/10 */
    o.include_unknown = o.include_na = true;
    c = breach_counts_compute(ds, NULL, &o, &e);
    CHECK_EQ_LL(c->n, 10);
    CHECK_REL(row_of(c, "NA")->proportion, 0.1, 1e-15);
    CHECK_REL(row_of(c, "Unknown")->proportion, 0.1, 1e-15);
    breach_counts_free(c);
    /* the bootstrap: intervals around each proportion */
    o.include_unknown = o.include_na = false;
    o.ci_method = BREACH_CI_BOOTSTRAP;
    o.replicates = 200;
    c = breach_counts_compute(ds, NULL, &o, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    CU_ASSERT(c->rows[0].lo <= 0.5 && c->rows[0].hi >= 0.5 && c->rows[0].lo >= 0);
    breach_counts_free(c);
    /* refused */
    breach_counts_options_init(&o);
    o.dimension = BREACH_DIM_FIELD;
    CU_ASSERT_PTR_NULL(breach_counts_compute(ds, NULL, &o, &e)); /* no field */
    CHECK_EQ_LL(e.code, BREACH_EINVAL);
    o.field = "z";
    CU_ASSERT_PTR_NULL(breach_counts_compute(ds, NULL, &o, &e));
    CHECK_EQ_LL(e.code, BREACH_ENOTFOUND);
    o.field = "x";
    o.by = BREACH_BY(BREACH_DIM_FIELD); /* no by_field */
    CU_ASSERT_PTR_NULL(breach_counts_compute(ds, NULL, &o, &e));
    CHECK_EQ_LL(e.code, BREACH_EINVAL);
    o.by = 99;
    CU_ASSERT_PTR_NULL(breach_counts_compute(ds, NULL, &o, &e));
    CHECK_EQ_LL(e.code, BREACH_EINVAL);
    o.by = BREACH_BY(BREACH_DIM_FIELD);
    o.by_field = "z";
    CU_ASSERT_PTR_NULL(breach_counts_compute(ds, NULL, &o, &e));
    CHECK_EQ_LL(e.code, BREACH_ENOTFOUND);
    o.by_field = "y";
    o.reserved_[0] = 1;
    CU_ASSERT_PTR_NULL(breach_counts_compute(ds, NULL, &o, &e));
    CHECK_EQ_LL(e.code, BREACH_EINVAL);
    breach_dataset_free(ds);
}

static void test_crosstab(void)
{
    breach_dataset *ds = crosstab_dataset();
    breach_counts_options o;
    breach_counts_options_init(&o);
    o.dimension = BREACH_DIM_FIELD;
    o.field = "x";
    o.by = BREACH_BY(BREACH_DIM_FIELD);
    o.by_field = "y";
    o.min_n = o.min_n_report = 0;
    breach_error e;
    breach_counts *c = breach_counts_compute(ds, NULL, &o, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    /* columns by incidents: p {0,1,7,8,10} 5, q {2,3,4,5,9} 5, Unknown {6} last */
    CHECK_EQ_LL(c->n_cols, 3);
    CHECK_STR(c->cols[0].label, "p");
    CHECK_EQ_LL(c->cols[0].n_incidents, 5);
    CHECK_EQ_LL(c->cols[0].n, 3); /* 0, 1, 7: 8 is Unknown, 10 states no x */
    CHECK_STR(c->cols[1].label, "q");
    CHECK_EQ_LL(c->cols[1].n, 4); /* 2, 3, 4, 5: 9 is NA */
    CHECK_STR(c->cols[2].label, "Unknown");
    CU_ASSERT_TRUE(c->cols[2].unknown);
    CHECK_EQ_LL(c->cols[2].n, 1);
    /* rows a, b, Unknown, NA; cell (a, p) = 2 of 3, (b, q) = 2 of 4 */
    CHECK_EQ_LL(c->cells[0 * 3 + 0].count, 2);
    CHECK_REL(c->cells[0 * 3 + 0].proportion, 2.0 / 3.0, 1e-15);
    CHECK_EQ_LL(c->cells[1 * 3 + 1].count, 2);
    CHECK_REL(c->cells[1 * 3 + 1].proportion, 0.5, 1e-15);
    /* the Wilson interval of 2 of 3 at 95 %, by its formula in Python (z from
       statistics.NormalDist().inv_cdf(0.975)): [0.20765960080204782, 0.9385080552796038] */
    CHECK_REL(c->cells[0].lo, 0.20765960080204782, 1e-12);
    CHECK_REL(c->cells[0].hi, 0.9385080552796038, 1e-12);
    /* chi-square over {a, b} x {p, q}: [[2, 2], [1, 2]], N = 7; by hand:
       E = [[12/7, 16/7], [9/7, 12/7]], every |O - E| = 2/7, X2 = (4/49) (7/12 + 7/16 +
       7/9 + 7/12) = 7/36 (scipy.stats.chi2_contingency([[2,2],[1,2]], correction=False):
       0.1944444444444445, p 0.6592430036926307) */
    CHECK_EQ_LL(c->independence_status, BREACH_INDEP_OK);
    CHECK_REL(c->independence.statistic, 7.0 / 36.0, 1e-12);
    CHECK_REL(c->independence.df, 1, 0);
    CHECK_REL(c->independence.p_value, 0.6592430036926307, 1e-12);
    CHECK_REL(c->independence.min_expected, 9.0 / 7.0, 1e-12);
    CHECK_EQ_LL(c->n_cells_tested, 4);
    CHECK_EQ_LL(c->n_cells_expected_below_5, 4);
    CU_ASSERT_TRUE(c->expected_warning);
    breach_counts_free(c);

    /* small n per column: min_n 4 gives p (n 3) small-n, q (n 4) ok */
    o.min_n = 4;
    o.min_n_report = 1;
    c = breach_counts_compute(ds, NULL, &o, &e);
    CHECK_EQ_LL(c->cols[0].status, BREACH_COUNTS_SMALL_N);
    CU_ASSERT(isnan(c->cells[0].proportion));
    CHECK_EQ_LL(c->cols[1].status, BREACH_COUNTS_OK);
    breach_counts_free(c);

    /* x by year (reported): 2021 {0,1,2}, 2022 {3..8}, 2023 {9}, unknown {10}; x by month
       in time order */
    breach_counts_options_init(&o);
    o.dimension = BREACH_DIM_FIELD;
    o.field = "x";
    o.by = BREACH_BY(BREACH_DIM_YEAR);
    o.min_n = o.min_n_report = 0;
    breach_filter f;
    breach_filter_init(&f);
    f.date_field = BREACH_FIELD_REPORTED;
    c = breach_counts_compute(ds, &f, &o, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    CHECK_EQ_LL(c->n_cols, 4);
    CHECK_STR(c->cols[0].label, "2021");
    CHECK_EQ_LL(c->cols[0].n_incidents, 3);
    CHECK_STR(c->cols[1].label, "2022");
    CHECK_EQ_LL(c->cols[1].n_incidents, 6);
    CHECK_STR(c->cols[2].label, "2023");
    CHECK_STR(c->cols[3].label, "unknown");
    breach_counts_free(c);
    o.dimension = BREACH_DIM_MONTH;
    o.by = BREACH_BY_NONE;
    c = breach_counts_compute(ds, &f, &o, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    /* 2021-03 (2), 2021-07, 2022-01 (2), 2022-02 (3), 2022-05, 2023-01, then unknown */
    CHECK_EQ_LL(c->n_rows, 7);
    CHECK_STR(c->rows[0].label, "2021-03");
    CHECK_EQ_LL(c->rows[0].count, 2);
    CHECK_STR(c->rows[3].label, "2022-02");
    CHECK_EQ_LL(c->rows[3].count, 3);
    CHECK_STR(c->rows[6].label, "unknown");
    CHECK_EQ_LL(c->n, 10);
    breach_counts_free(c);

    /* a multi-valued dimension: no test */
    breach_dataset_add(ds, &(breach_incident){0}, NULL);
    breach_dataset_free(ds);
    ds = crosstab_dataset();
    breach_incident in;
    breach_incident_init(&in);
    in.entity = "two values";
    breach_dataset_add(ds, &in, NULL);
    breach_dataset_add_attr(ds, 11, "x", "a", NULL);
    breach_dataset_add_attr(ds, 11, "x", "b", NULL);
    breach_dataset_add_attr(ds, 11, "y", "p", NULL);
    breach_counts_options_init(&o);
    o.dimension = BREACH_DIM_FIELD;
    o.field = "x";
    o.by = BREACH_BY(BREACH_DIM_FIELD);
    o.by_field = "y";
    o.min_n = o.min_n_report = 0;
    c = breach_counts_compute(ds, NULL, &o, &e);
    CHECK_EQ_LL(c->independence_status, BREACH_INDEP_MULTI_VALUED);
    CU_ASSERT(isnan(c->independence.statistic));
    breach_counts_free(c);
    /* one column only: too small */
    const char *only_p[] = {"y=p"};
    breach_filter_init(&f);
    f.where = only_p;
    f.n_where = 1;
    o.field = "y";
    o.by_field = "y";
    c = breach_counts_compute(ds, &f, &o, &e);
    CHECK_EQ_LL(c->independence_status, BREACH_INDEP_TOO_SMALL);
    breach_counts_free(c);
    /* a model dimension by an attribute: type x y (no types: all unknown) */
    o.dimension = BREACH_DIM_TYPE;
    c = breach_counts_compute(ds, NULL, &o, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    CHECK_EQ_LL(c->n, 0);
    CHECK_EQ_LL(c->n_unknown, 12);
    breach_counts_free(c);
    breach_dataset_free(ds);
}

/* tests/reference/getenumci.py: verisr getenumCI recomputed with pandas and scipy */
static void test_getenumci_vcdb(void)
{
    breach_dataset *ds = load_shared("vcdb/vcdb.json.zip", "veris");
    if (!ds)
        return;
    breach_counts_options o;
    breach_counts_options_init(&o);
    o.dimension = BREACH_DIM_FIELD;
    o.field = "action.hacking.variety";
    breach_error e;
    breach_counts *c = breach_counts_compute(ds, NULL, &o, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    CHECK_EQ_LL(c->n, 866);
    CHECK_EQ_LL(c->n_not_stated, 6287);
    CHECK_EQ_LL(row_of(c, "Unknown")->count, 1426);
    const breach_count_row *r = row_of(c, "SQLi");
    CHECK_EQ_LL(r->count, 100);
    CHECK_REL(r->proportion, 0.11547344110854503, 1e-14);
    CHECK_REL(r->lo, 0.095865299670849835, 1e-12);
    CHECK_REL(r->hi, 0.13847793236715453, 1e-12);
    r = row_of(c, "Use of stolen creds");
    CHECK_EQ_LL(r->count, 313);
    CHECK_REL(r->lo, 0.33011193380739934, 1e-12);
    CHECK_REL(r->hi, 0.39397571737746706, 1e-12);
    breach_counts_free(c);

    o.field = "attribute.confidentiality.data.variety";
    o.by = BREACH_BY(BREACH_DIM_FIELD);
    o.by_field = "actor";
    c = breach_counts_compute(ds, NULL, &o, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    static const struct {
        const char *col;
        uint64_t incidents, n, x, unk;
        double freq, lo, hi;
    } want[] = {
        {"External", 4347, 3528, 1122, 340, 0.31802721088435376, 0.3028648534322359,
         0.33358541904722694},
        {"Internal", 3885, 2963, 1218, 841, 0.41106986162672965, 0.39347984983147966,
         0.42889016645867961},
        {"Partner", 370, 346, 171, 15, 0.49421965317919075, 0.44189247877033583,
         0.54667377060021083},
        {"Unknown", 228, 206, 111, 11, 0.53883495145631066, 0.47067391368970923,
         0.60557412656849208},
    };
    size_t rm = (size_t)(row_of(c, "Medical") - c->rows), ru = (size_t)(row_of(c, "Unknown") - c->rows);
    CHECK_EQ_LL(c->n_cols, 4);
    for (size_t q = 0; q < 4 && q < c->n_cols; q++) {
        CHECK_STR(c->cols[q].label, want[q].col);
        CHECK_EQ_LL(c->cols[q].n_incidents, want[q].incidents);
        CHECK_EQ_LL(c->cols[q].n, want[q].n);
        const breach_count_cell *m = &c->cells[rm * c->n_cols + q];
        CHECK_EQ_LL(m->count, want[q].x);
        CHECK_REL(m->proportion, want[q].freq, 1e-14);
        CHECK_REL(m->lo, want[q].lo, 1e-12);
        CHECK_REL(m->hi, want[q].hi, 1e-12);
        CHECK_EQ_LL(c->cells[ru * c->n_cols + q].count, want[q].unk);
        CU_ASSERT(isnan(c->cells[ru * c->n_cols + q].proportion));
    }
    CHECK_EQ_LL(c->independence_status, BREACH_INDEP_MULTI_VALUED);
    breach_counts_free(c);

    o.field = "victim.employee_count";
    o.by_field = "attribute.confidentiality.data_disclosure";
    c = breach_counts_compute(ds, NULL, &o, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    CHECK_EQ_LL(c->independence_status, BREACH_INDEP_OK);
    CHECK_REL(c->independence.statistic, 351.86252688457597, 1e-12);
    CHECK_REL(c->independence.df, 18, 0);
    CHECK_REL(c->independence.p_value, 9.3613079750388432e-64, 1e-8);
    CHECK_REL(c->independence.min_expected, 1.0902383654937571, 1e-12);
    CHECK_EQ_LL(c->n_cells_tested, 30);
    CHECK_EQ_LL(c->n_cells_expected_below_5, 6);
    CU_ASSERT_FALSE(c->expected_warning); /* 6 of 30 is a fifth, none under 1 */
    breach_counts_free(c);
    breach_dataset_free(ds);
}

static const test_entry tests[] = {
    {"counts over an attribute", test_counts_field},
    {"cross-tabs", test_crosstab},
    {"getenumCI on VCDB against pandas", test_getenumci_vcdb},
    {"flagged notices", test_flagged},
    {"store and list", test_store_and_list},
    {"add refused", test_add_refused},
    {"where criteria", test_where},
    {"field counts over a selection", test_field_counts},
    {"append copies attributes", test_append_copies},
    {"HIBP flags and data classes", test_hibp_flags},
    {"VERIS enumerations", test_veris_enumerations},
    {"HHS and WA columns", test_csv_sources},
    {NULL, NULL},
};

int main(void) { return run_suite("attr", tests); }
