/* The JSON writer: one array of incident objects, every field of breach_incident, written
 * with jansson one incident per line. The format is documented in doc/json.md. */
#include "query_private.h"
#include "file_private.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const qualifier_names[] = {"unknown", "exact", "at_least", "at_most",
                                              "estimated"};
static const char *const precision_names[] = {"none", "year", "month", "day"};

/* Builders that tolerate a NULL argument (an earlier failure) and report it at the end. */
static json_t *str_or_null(const char *s) { return s ? json_string(s) : json_null(); }

static json_t *date_value(breach_date d)
{
    if (!breach_date_is_known(d))
        return json_null();
    char b[16];
    breach_date_format(d, b, sizeof b);
    return json_pack("{s:s, s:s}", "date", b, "precision", precision_names[d.precision]);
}

/* Every count is an object, an unknown one too ({"value": null, "qualifier": "unknown"}):
 * the form of breachstat --json, so that one reader takes both and the qualifier is
 * always said, never inferred from a missing value. */
static json_t *count_value(breach_count c)
{
    if (c.qualifier == BREACH_COUNT_UNKNOWN)
        return json_pack("{s:n, s:s}", "value", "qualifier", qualifier_names[c.qualifier]);
    return json_pack("{s:I, s:s}", "value", (json_int_t)c.value, "qualifier",
                     qualifier_names[c.qualifier]);
}

static json_t *set_value(uint64_t set, int n, const char *(*name)(int))
{
    json_t *a = json_array();
    for (int k = 0; a && k < n; k++)
        if ((set >> k & 1) && json_array_append_new(a, json_string(name(k)))) {
            json_decref(a);
            return NULL;
        }
    return a;
}

static const char *type_name_i(int k) { return breach_type_name((breach_type)k); }
static const char *cat_name_i(int k) { return breach_category_name((breach_category)k); }
static const char *loc_name_i(int k) { return breach_location_name((breach_location)k); }

static json_t *tri_value(int32_t t)
{
    return t == BREACH_TRI_UNKNOWN ? json_null() : json_boolean(t == BREACH_TRI_YES);
}

/* One incident as a new object, or NULL when out of memory. */
static json_t *incident_object(const breach_incident *in)
{
    json_t *o = json_object(), *regions = json_object();
    int bad = !o || !regions;
    for (size_t r = 0; !bad && r < in->n_regions; r++)
        bad = json_object_set_new(regions, breach_region_code(in->regions[r].region),
                                  count_value(in->regions[r].count)) != 0;
    const struct {
        const char *key;
        json_t *v;
    } f[] = {
        {"id", str_or_null(in->id)},
        {"entity", str_or_null(in->entity)},
        {"entity_key", str_or_null(in->entity_key)},
        {"entity_region", in->entity_region ? json_string(breach_region_code(in->entity_region))
                                            : json_null()},
        {"entity_type", str_or_null(in->entity_type)},
        {"types", set_value(in->types, BREACH_TYPE_COUNT_, type_name_i)},
        {"categories", set_value(in->categories, BREACH_CAT_COUNT_, cat_name_i)},
        {"locations", set_value(in->locations, BREACH_LOC_COUNT_, loc_name_i)},
        {"actor", str_or_null(in->actor)},
        {"vendor", str_or_null(in->vendor)},
        {"via", str_or_null(in->via)},
        {"reported", date_value(in->reported)},
        {"occurred_start", date_value(in->occurred_start)},
        {"occurred_end", date_value(in->occurred_end)},
        {"discovered", date_value(in->discovered)},
        {"affected", count_value(in->affected)},
        {"unit", json_string(breach_unit_name((breach_unit)in->unit))},
        {"regions", regions},
        {"business_associate", tri_value(in->business_associate)},
        {"separate", json_boolean((in->flags & BREACH_FLAG_SEPARATE) != 0)},
        {"source", str_or_null(in->source)},
        {"summary", str_or_null(in->summary)},
    };
    /* set_new takes the value even when it fails (and fails for a NULL object) */
    for (size_t k = 0; k < sizeof f / sizeof f[0]; k++)
        if (!f[k].v || json_object_set_new(o, f[k].key, f[k].v) != 0)
            bad = 1;
    if (bad) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static int too_big(const breach_incident *in)
{
    if (in->affected.value > (uint64_t)INT64_MAX)
        return 1;
    for (size_t r = 0; r < in->n_regions; r++)
        if (in->regions[r].count.value > (uint64_t)INT64_MAX)
            return 1;
    return 0;
}

static int dump_cb(const char *buf, size_t size, void *data)
{
    return fwrite(buf, 1, size, (FILE *)data) == size ? 0 : -1;
}

int breach_json_write(const breach_dataset *ds, const breach_filter *f, FILE *out,
                      breach_error *err)
{
    if (!ds || !out)
        return breach_fail(err, BREACH_EINVAL, "no dataset or stream");
    breachp_json_allocator();
    int rc = BREACH_OK;
    /* no filter: every incident; else what the filter selects, with the revisions unless
       f->include_superseded */
    size_t *sel = NULL, n = breach_dataset_size(ds);
    if (f) {
        sel = breach_select(ds, f, 0, &n, &rc, err);
        if (rc)
            return rc;
    }
    /* JSON integers are signed 64-bit in jansson: refuse before writing anything */
    for (size_t k = 0; k < n; k++) {
        size_t i = sel ? sel[k] : k;
        breach_incident in;
        breach_dataset_get(ds, i, &in, NULL);
        if (too_big(&in)) {
            breachp_free(sel);
            return breach_fail(err, BREACH_EOVERFLOW,
                               "incident %zu has a count above 2^63-1, which JSON integers "
                               "(jansson's) cannot hold", i);
        }
    }
    int first = 1;
    rc = BREACH_OK;
    if (fputc('[', out) == EOF)
        rc = BREACH_EIO;
    for (size_t k = 0; k < n && rc == BREACH_OK; k++) {
        size_t i = sel ? sel[k] : k;
        breach_incident in;
        breach_dataset_get(ds, i, &in, NULL);
        json_t *o = incident_object(&in);
        if (!o) {
            rc = breach_fail(err, BREACH_ENOMEM, "out of memory writing incident %zu", i);
            break;
        }
        unsigned long failed = breachp_alloc_failures();
        int bad = fputs(first ? "\n" : ",\n", out) == EOF ||
                  json_dump_callback(o, dump_cb, out, JSON_PRESERVE_ORDER) != 0;
        /* jansson 2.14 may go on after a failed allocation with a string left out (upstream
           #655): any failure while dumping is out of memory, whatever it returned */
        if (breachp_alloc_failures() != failed)
            rc = breach_fail(err, BREACH_ENOMEM, "out of memory writing incident %zu", i);
        else if (bad)
            rc = BREACH_EIO;
        json_decref(o);
        first = 0;
    }
    breachp_free(sel);
    if (rc == BREACH_OK && fputs(first ? "]\n" : "\n]\n", out) == EOF)
        rc = BREACH_EIO;
    if (rc == BREACH_OK && fflush(out) != 0)
        rc = BREACH_EIO;
    if (rc == BREACH_EIO)
        return breach_fail(err, BREACH_EIO, "write error: %s", strerror(errno));
    return rc;
}

int breach_json_write_file(const breach_dataset *ds, const breach_filter *f, const char *path,
                          breach_error *err)
{
    if (!path)
        return breach_fail(err, BREACH_EINVAL, "no path");
    breach_outfile out;
    int rc = breach_file_replace_open(&out, path, err);
    if (rc != BREACH_OK)
        return rc;
    rc = breach_json_write(ds, f, out.f, err);
    return breach_file_replace_close(&out, rc, err);
}
