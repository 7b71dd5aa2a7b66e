/* The JSON writer (doc/json.md): every field, nulls, filters, limits, write errors, and a
 * round trip of the real VCDB and HIBP files read back with jansson. */
#include "check.h"

#include <jansson.h>
#include <stdint.h>
#include <unistd.h>

/* Writes ds (filter f) to a temporary file and parses it back; *text gets the bytes. */
static json_t *write_and_parse(const breach_dataset *ds, const breach_filter *f, char **text)
{
    FILE *tmp = tmpfile();
    CU_ASSERT_PTR_NOT_NULL_FATAL(tmp);
    breach_error e;
    CHECK_EQ_LL(breach_json_write(ds, f, tmp, &e), BREACH_OK);
    long n = ftell(tmp);
    rewind(tmp);
    char *buf = malloc((size_t)n + 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(buf);
    CU_ASSERT_EQUAL(fread(buf, 1, (size_t)n, tmp), (size_t)n);
    buf[n] = '\0';
    fclose(tmp);
    json_error_t je;
    json_t *v = json_loadb(buf, (size_t)n, JSON_REJECT_DUPLICATES, &je);
    if (!v)
        fprintf(stderr, "\n  output is not JSON: %s (line %d)\n", je.text, je.line);
    CU_ASSERT_PTR_NOT_NULL(v);
    if (text)
        *text = buf;
    else
        free(buf);
    return v;
}

static const char *s_at(json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

static void add_story(breach_dataset *ds)
{
    breach_incident in;
    breach_incident_init(&in);
    in.id = "seed-2";
    in.entity = "NextGen Healthcare, Inc.";
    in.entity_region = reg("US-CA");
    in.entity_type = "Health IT vendor";
    in.types = BREACH_TYPE_BIT(BREACH_TYPE_UNAUTHORIZED_ACCESS) | BREACH_TYPE_BIT(BREACH_TYPE_HACKING);
    in.categories = BREACH_CAT_BIT(BREACH_CAT_NAME) | BREACH_CAT_BIT(BREACH_CAT_SSN);
    in.locations = BREACH_LOC_BIT(BREACH_LOC_NETWORK_SERVER);
    in.actor = "unknown (stolen credentials)";
    in.vendor = NULL;
    in.via = "Example \"Quoted\" Partner";
    breach_date_from_ymd(2023, 4, 28, BREACH_PREC_DAY, &in.reported, NULL);
    breach_date_from_ymd(2023, 3, 29, BREACH_PREC_DAY, &in.occurred_start, NULL);
    breach_date_from_ymd(2023, 4, 1, BREACH_PREC_MONTH, &in.occurred_end, NULL);
    breach_date_from_ymd(2023, 1, 1, BREACH_PREC_YEAR, &in.discovered, NULL);
    in.affected = breach_count_exact(1049375);
    in.unit = BREACH_UNIT_INDIVIDUALS;
    breach_region_count rc[2] = {{reg("US-ME"), {3913, BREACH_COUNT_EXACT}},
                                 {reg("US-TX"), {131815, BREACH_COUNT_AT_LEAST}}};
    in.regions = rc;
    in.n_regions = 2;
    in.business_associate = BREACH_TRI_NO;
    in.flags = BREACH_FLAG_SEPARATE;
    in.source = "Maine AG filing";
    in.summary = "Names, dates of birth, addresses, SSNs; naïve UTF-8 kept: é";
    CU_ASSERT(breach_dataset_add(ds, &in, NULL) >= 0);
    breach_incident_init(&in); /* everything unstated */
    in.entity = "Bare";
    CU_ASSERT(breach_dataset_add(ds, &in, NULL) >= 0);
}

static void test_every_field(void)
{
    breach_dataset *ds = breach_dataset_new(NULL);
    add_story(ds);
    char *text;
    json_t *a = write_and_parse(ds, NULL, &text);
    CU_ASSERT_FATAL(json_is_array(a) && json_array_size(a) == 2);
    /* one incident per line */
    CU_ASSERT(strncmp(text, "[\n{\"id\": \"seed-2\"", 17) == 0);
    CU_ASSERT(strcmp(text + strlen(text) - 3, "}\n]") == 0 || strcmp(text + strlen(text) - 4, "}\n]\n") == 0);
    json_t *o = json_array_get(a, 0);
    CHECK_EQ_LL(json_object_size(o), 22);
    CHECK_STR(s_at(o, "id"), "seed-2");
    CHECK_STR(s_at(o, "entity"), "NextGen Healthcare, Inc.");
    CHECK_STR(s_at(o, "entity_key"), "nextgen healthcare");
    CHECK_STR(s_at(o, "entity_region"), "US-CA");
    CHECK_STR(s_at(o, "entity_type"), "Health IT vendor");
    json_t *t = json_object_get(o, "types");
    CU_ASSERT(json_array_size(t) == 2);
    CHECK_STR(json_string_value(json_array_get(t, 0)), "hacking");
    CHECK_STR(json_string_value(json_array_get(t, 1)), "unauthorized_access");
    CHECK_STR(json_string_value(json_array_get(json_object_get(o, "categories"), 1)), "ssn");
    CHECK_STR(json_string_value(json_array_get(json_object_get(o, "locations"), 0)), "network_server");
    CHECK_STR(s_at(o, "actor"), "unknown (stolen credentials)");
    CU_ASSERT(json_is_null(json_object_get(o, "vendor")));
    CHECK_STR(s_at(o, "via"), "Example \"Quoted\" Partner");
    CHECK_STR(s_at(json_object_get(o, "reported"), "date"), "2023-04-28");
    CHECK_STR(s_at(json_object_get(o, "reported"), "precision"), "day");
    CHECK_STR(s_at(json_object_get(o, "occurred_start"), "date"), "2023-03-29");
    CHECK_STR(s_at(json_object_get(o, "occurred_end"), "date"), "2023-04");
    CHECK_STR(s_at(json_object_get(o, "occurred_end"), "precision"), "month");
    CHECK_STR(s_at(json_object_get(o, "discovered"), "date"), "2023");
    CHECK_STR(s_at(json_object_get(o, "discovered"), "precision"), "year");
    json_t *aff = json_object_get(o, "affected");
    CHECK_EQ_LL(json_integer_value(json_object_get(aff, "value")), 1049375);
    CHECK_STR(s_at(aff, "qualifier"), "exact");
    CHECK_STR(s_at(o, "unit"), "individuals");
    json_t *reg = json_object_get(o, "regions");
    CHECK_EQ_LL(json_object_size(reg), 2);
    CHECK_EQ_LL(json_integer_value(json_object_get(json_object_get(reg, "US-ME"), "value")), 3913);
    CHECK_STR(s_at(json_object_get(reg, "US-TX"), "qualifier"), "at_least");
    CU_ASSERT(json_is_false(json_object_get(o, "business_associate")));
    CU_ASSERT(json_is_true(json_object_get(o, "separate")));
    CHECK_STR(s_at(o, "source"), "Maine AG filing");
    CHECK_STR(s_at(o, "summary"), "Names, dates of birth, addresses, SSNs; naïve UTF-8 kept: é");
    CU_ASSERT(strstr(text, "naïve") != NULL); /* UTF-8 as is, not \u escapes */

    json_t *b = json_array_get(a, 1);
    CHECK_EQ_LL(json_object_size(b), 22);
    static const char *const nulls[] = {"id", "entity_region", "entity_type", "actor", "vendor", "via",
                                        "reported", "occurred_start", "occurred_end", "discovered",
                                        "business_associate", "source", "summary"};
    for (size_t k = 0; k < sizeof nulls / sizeof nulls[0]; k++)
        CU_ASSERT(json_is_null(json_object_get(b, nulls[k])));
    /* an unknown count says so, as breachstat --json writes it: {"value": null,
       "qualifier": "unknown"} (it was a bare null) */
    aff = json_object_get(b, "affected");
    CU_ASSERT(json_is_object(aff) && json_object_size(aff) == 2);
    CU_ASSERT(json_is_null(json_object_get(aff, "value")));
    CHECK_STR(s_at(aff, "qualifier"), "unknown");
    CU_ASSERT(json_array_size(json_object_get(b, "types")) == 0);
    CU_ASSERT(json_object_size(json_object_get(b, "regions")) == 0);
    CU_ASSERT(json_is_false(json_object_get(b, "separate")));
    json_decref(a);
    free(text);
    breach_dataset_free(ds);
}

static void test_empty_and_filters(void)
{
    breach_dataset *ds = breach_dataset_new(NULL);
    char *text;
    json_t *a = write_and_parse(ds, NULL, &text);
    CHECK_STR(text, "[]\n");
    json_decref(a);
    free(text);
    /* two notices of one organisation for one vendor: the later replaces the earlier */
    breach_incident in;
    breach_incident_init(&in);
    in.entity = "Brightline, Inc.";
    in.vendor = "Fortra GoAnywhere";
    in.id = "first";
    breach_date_from_ymd(2023, 4, 7, BREACH_PREC_DAY, &in.reported, NULL);
    CU_ASSERT(breach_dataset_add(ds, &in, NULL) >= 0);
    in.id = "revised";
    breach_date_from_ymd(2023, 5, 26, BREACH_PREC_DAY, &in.reported, NULL);
    CU_ASSERT(breach_dataset_add(ds, &in, NULL) >= 0);
    in.id = "other";
    in.entity = "NationsBenefits Holdings, LLC";
    CU_ASSERT(breach_dataset_add(ds, &in, NULL) >= 0);
    a = write_and_parse(ds, NULL, NULL); /* NULL: everything */
    CHECK_EQ_LL(json_array_size(a), 3);
    json_decref(a);
    breach_filter f;
    breach_filter_init(&f);
    a = write_and_parse(ds, &f, NULL); /* superseded left out */
    CHECK_EQ_LL(json_array_size(a), 2);
    CHECK_STR(s_at(json_array_get(a, 0), "id"), "revised");
    json_decref(a);
    f.include_superseded = true;
    f.entity = "BRIGHTLINE INC";
    a = write_and_parse(ds, &f, NULL);
    CHECK_EQ_LL(json_array_size(a), 2);
    json_decref(a);
    breach_dataset_free(ds);
}

static void test_errors(void)
{
    breach_dataset *ds = breach_dataset_new(NULL);
    add_story(ds);
    breach_error e;
    CHECK_EQ_LL(breach_json_write(NULL, NULL, stdout, &e), BREACH_EINVAL);
    CHECK_EQ_LL(breach_json_write(ds, NULL, NULL, &e), BREACH_EINVAL);
    CHECK_EQ_LL(breach_json_write_file(ds, NULL, NULL, &e), BREACH_EINVAL);
    CHECK_EQ_LL(breach_json_write_file(ds, NULL, "/nonexistent/dir/out.json", &e), BREACH_EIO);
    CHECK_STR(e.source, "/nonexistent/dir/out.json");
    FILE *full = fopen("/dev/full", "w");
    if (full) {
        CHECK_EQ_LL(breach_json_write(ds, NULL, full, &e), BREACH_EIO);
        CHECK_EQ_LL(e.code, BREACH_EIO);
        fclose(full);
    }
    /* a count above 2^63-1 is refused before anything is written */
    breach_incident in;
    breach_incident_init(&in);
    in.entity = "Huge";
    in.affected = breach_count_exact(UINT64_MAX);
    CU_ASSERT(breach_dataset_add(ds, &in, NULL) >= 0);
    FILE *tmp = tmpfile();
    CU_ASSERT_PTR_NOT_NULL_FATAL(tmp);
    CHECK_EQ_LL(breach_json_write(ds, NULL, tmp, &e), BREACH_EOVERFLOW);
    CHECK_EQ_LL(ftell(tmp), 0);
    fclose(tmp);
    /* a filter that excludes it writes fine */
    breach_filter f;
    breach_filter_init(&f);
    f.entity = "Bare";
    json_t *a = write_and_parse(ds, &f, NULL);
    CHECK_EQ_LL(json_array_size(a), 1);
    json_decref(a);
    breach_dataset_free(ds);
}

/* The real files: everything read is written, and reads back equal, twice identically. */
static void test_real_round_trip(void)
{
    const char *vcdb = shared_path("vcdb/vcdb.json.zip");
    const char *hibp = shared_path("hibp/breaches.json");
    if (!vcdb || !hibp)
        return;
    breach_dataset *ds = breach_dataset_new(NULL);
    CHECK_EQ_LL(breach_veris_read_file(ds, vcdb, NULL, NULL, NULL), BREACH_OK);
    CHECK_EQ_LL(breach_hibp_read_file(ds, hibp, NULL, NULL, NULL), BREACH_OK);
    char *text, *again;
    json_t *a = write_and_parse(ds, NULL, &text);
    json_decref(write_and_parse(ds, NULL, &again));
    CHECK_STR(text, again);
    free(again);
    free(text);
    /* 8553 VCDB incidents + 875 HIBP breaches */
    CHECK_EQ_LL(json_array_size(a), 8553 + 875);
    uint64_t records = 0, accounts = 0;
    size_t mismatches = 0;
    for (size_t i = 0; i < json_array_size(a); i++) {
        json_t *o = json_array_get(a, i);
        breach_incident in;
        breach_dataset_get(ds, i, &in, NULL);
        json_t *aff = json_object_get(o, "affected");
        if (json_is_object(aff)) {
            uint64_t v = (uint64_t)json_integer_value(json_object_get(aff, "value"));
            if (strcmp(s_at(o, "unit"), "records") == 0)
                records += v;
            else
                accounts += v;
        }
        char b[16];
        breach_date_format(in.occurred_start, b, sizeof b);
        json_t *os = json_object_get(o, "occurred_start");
        const char *got = json_is_null(os) ? "" : s_at(os, "date");
        mismatches += strcmp(got, b) != 0;
        mismatches += strcmp(s_at(o, "id"), in.id) != 0;
        mismatches += (in.entity ? s_at(o, "entity") == NULL || strcmp(s_at(o, "entity"), in.entity) != 0
                                 : !json_is_null(json_object_get(o, "entity")));
    }
    CHECK_EQ_LL(mismatches, 0);
    /* VCDB: sum of data_total -> 30407748591 (see test_io_veris); HIBP: sum of PwnCount -> 14946651318 */
    CHECK_EQ_LL(records, 30407748591ull);
    CHECK_EQ_LL(accounts, 14946651318ull);
    json_decref(a);
    breach_dataset_free(ds);
}

int main(void)
{
    static const test_entry tests[] = {
        {"every field, and nulls", test_every_field},
        {"empty output and filters", test_empty_and_filters},
        {"errors: arguments, I/O, counts above 2^63-1", test_errors},
        {"real VCDB + HIBP round trip", test_real_round_trip},
        {NULL, NULL},
    };
    return run_suite("io_json", tests);
}
