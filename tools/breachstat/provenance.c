/* What produced an output: the inputs as the library recorded them (name as given, format,
 * size, SHA-256, rows, notices left out as a newer input's), the overlaps between them, the
 * selection (every filter and the date field), the library's version and the time of
 * generation (SOURCE_DATE_EPOCH when set, for reproducible output). Written into JSON
 * documents, as a sidecar beside CSV files and as the reports' last section. */
#include "breachstat.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

bool bs_generated_at(char *buf, size_t size)
{
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    time_t t;
    bool fixed = false;
    if (sde && *sde) {
        char *end;
        errno = 0;
        long long v = strtoll(sde, &end, 10);
        if (!*end && !errno && v >= 0 && v <= 253402300799LL) { /* up to 9999-12-31 */
            t = (time_t)v;
            fixed = true;
        }
    }
    if (!fixed)
        t = time(NULL);
    struct tm tm;
    if (!gmtime_r(&t, &tm) || !strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm))
        snprintf(buf, size, "unknown");
    return fixed;
}

/* The library's input behind the tool's input k, or -1. */
static long input_index(const bs_ctx *ctx, size_t k)
{
    return k < ctx->n_inputs ? ctx->inputs[k].input : -1;
}

bool bs_overlap_get(const breach_dataset *ds, size_t i, breach_overlap *ov, breach_input_info *a,
                    breach_input_info *b)
{
    return breach_dataset_overlap(ds, i, ov, NULL) == BREACH_OK &&
           breach_dataset_input(ds, ov->dropped_input, a, NULL) == BREACH_OK &&
           breach_dataset_input(ds, ov->kept_input, b, NULL) == BREACH_OK;
}

void bs_add_inputs_table(bs_doc *d, const bs_ctx *ctx)
{
    static const bs_column cols[] = {
        {"file", "file", BS_V_TEXT},             {"format", "format", BS_V_TEXT},
        {"rows_read", "rows read", BS_V_UINT},   {"rows_loaded", "loaded", BS_V_UINT},
        {"rows_rejected", "rejected", BS_V_UINT}, {"warnings", "warnings", BS_V_UINT},
        {"incidents", "incidents", BS_V_UINT},   {"duplicates", "left out", BS_V_UINT},
        {"as_of", "latest notice", BS_V_DATE},   {"bytes", "bytes", BS_V_UINT},
        {"sha256", "SHA-256", BS_V_TEXT}};
    bs_table *tb = bs_doc_table(d, "inputs", "Inputs", cols, sizeof cols / sizeof cols[0]);
    for (size_t k = 0; k < ctx->n_inputs; k++) {
        const bs_input *in = &ctx->inputs[k];
        breach_input_info info;
        long li = input_index(ctx, k);
        bool have = li >= 0 && breach_dataset_input(ctx->ds, (size_t)li, &info, NULL) == BREACH_OK;
        bs_table_add(tb, bs_v_text(in->name));
        bs_table_add(tb, bs_v_text(in->format_used));
        bs_table_add(tb, bs_v_uint(in->rows_read));
        bs_table_add(tb, bs_v_uint(in->rows_loaded));
        bs_table_add(tb, bs_v_uint(in->rows_rejected));
        bs_table_add(tb, bs_v_uint(have && info.has_rows ? info.n_warnings : in->warnings));
        bs_table_add(tb, bs_v_uint(in->incidents));
        bs_table_add(tb, have ? bs_v_uint(info.n_dropped) : bs_v_null());
        bs_table_add(tb, have ? bs_v_date(info.as_of) : bs_v_null());
        bs_table_add(tb, have ? bs_v_uint(info.size) : bs_v_null());
        bs_table_add(tb, have && info.sha256[0] ? bs_v_text(info.sha256) : bs_v_null());
    }
    size_t no = breach_dataset_n_overlaps(ctx->ds);
    if (!no)
        return;
    static const bs_column ocols[] = {{"left_out_from", "left out from", BS_V_TEXT},
                                      {"listed_by", "listed again by (newer)", BS_V_TEXT},
                                      {"notices", "notices", BS_V_UINT}};
    bs_table *ot = bs_doc_table(d, "overlaps", "Notices listed by two inputs (counted once)",
                                ocols, sizeof ocols / sizeof ocols[0]);
    for (size_t i = 0; i < no; i++) {
        breach_overlap ov;
        breach_input_info a, b;
        if (!bs_overlap_get(ctx->ds, i, &ov, &a, &b))
            continue;
        bs_table_add(ot, bs_v_text(a.name));
        bs_table_add(ot, bs_v_text(b.name));
        bs_table_add(ot, bs_v_uint(ov.n));
    }
}

/* Appends the set's names ("hacking", "ransomware") as a list separated by sep. */
static void set_names(bs_buf *b, uint64_t set, int n, const char *(*name)(int), const char *sep)
{
    bool first = true;
    for (int k = 0; k < n; k++)
        if (set >> k & 1) {
            bs_buf_printf(b, "%s%s", first ? "" : sep, name(k));
            first = false;
        }
}

static const char *type_name(int k) { return breach_type_name((breach_type)k); }
static const char *cat_name(int k) { return breach_category_name((breach_category)k); }
static const char *unit_name(int k) { return breach_unit_name((breach_unit)k); }

long bs_coarse_dated(const bs_ctx *ctx)
{
    const breach_filter *f = &ctx->filter;
    if (ctx->own_range || !ctx->ds ||
        (!breach_date_is_known(f->from) && !breach_date_is_known(f->to)))
        return -1;
    long n = breach_dataset_n_coarse_dated(ctx->ds, f, NULL);
    return n < 0 ? -1 : n;
}

char *bs_selection_text(const bs_ctx *ctx)
{
    const breach_filter *f = &ctx->filter;
    bs_buf b;
    bs_buf_init(&b);
    char d1[16], d2[16];
    bs_buf_printf(&b, "date field %s", bs_date_field_name(f->date_field));
    if (breach_date_is_known(f->from))
        bs_buf_printf(&b, "; from %s", bs_fmt_date(f->from, d1, sizeof d1));
    if (breach_date_is_known(f->to))
        bs_buf_printf(&b, "; to %s", bs_fmt_date(f->to, d2, sizeof d2));
    if (f->region)
        bs_buf_printf(&b, "; region %s", breach_region_code(f->region));
    if (f->vendor)
        bs_buf_printf(&b, "; vendor %s", f->vendor);
    if (f->entity)
        bs_buf_printf(&b, "; organisation %s", f->entity);
    if (f->types) {
        bs_buf_puts(&b, "; types ");
        set_names(&b, f->types, BREACH_TYPE_COUNT_, type_name, ", ");
    }
    if (f->categories) {
        bs_buf_puts(&b, "; categories ");
        set_names(&b, f->categories, BREACH_CAT_COUNT_, cat_name, ", ");
    }
    if (f->units) {
        bs_buf_puts(&b, "; units ");
        set_names(&b, f->units, BREACH_UNIT_COUNT_, unit_name, ", ");
    }
    for (size_t k = 0; k < f->n_where; k++)
        bs_buf_printf(&b, "%s%s", k ? ", " : "; where ", f->where[k]);
    bs_buf_puts(&b, f->include_superseded ? "; superseded revisions kept"
                                          : "; superseded revisions left out");
    bs_buf_puts(&b, f->include_duplicates ? "; notices listed again by a newer input kept"
                                          : "; notices listed again by a newer input left out");
    long coarse = bs_coarse_dated(ctx);
    if (coarse >= 0)
        bs_buf_printf(&b, "; %ld left out for a date coarser than the range", coarse);
    return bs_buf_take(&b);
}

/* ------------------------------------------------------------------ JSON */

static void jdate(FILE *out, breach_date d)
{
    char buf[16];
    if (breach_date_is_known(d))
        bs_json_string(out, bs_fmt_date(d, buf, sizeof buf));
    else
        fputs("null", out);
}

static void jset(FILE *out, uint64_t set, int n, const char *(*name)(int))
{
    fputc('[', out);
    bool first = true;
    for (int k = 0; k < n; k++)
        if (set >> k & 1) {
            fputs(first ? "" : ", ", out);
            bs_json_string(out, name(k));
            first = false;
        }
    fputc(']', out);
}

void bs_provenance_json(FILE *out, const bs_ctx *ctx, const char *in)
{
    char when[32];
    bool fixed = bs_generated_at(when, sizeof when);
    const breach_filter *f = &ctx->filter;
    fprintf(out, "{\n%s  \"generator\": ", in);
    bs_json_string(out, "breachstat");
    fprintf(out, ",\n%s  \"command\": ", in);
    bs_json_string(out, ctx->cmd ? ctx->cmd->name : "");
    fprintf(out, ",\n%s  \"libbreach\": ", in);
    bs_json_string(out, breach_version_string());
    fprintf(out, ",\n%s  \"generated\": ", in);
    bs_json_string(out, when);
    fprintf(out, ",\n%s  \"generated_from\": ", in);
    bs_json_string(out, fixed ? "SOURCE_DATE_EPOCH" : "clock");
    fprintf(out, ",\n%s  \"selection\": {\"date_field\": ", in);
    bs_json_string(out, bs_date_field_name(f->date_field));
    fputs(", \"from\": ", out);
    jdate(out, f->from);
    fputs(", \"to\": ", out);
    jdate(out, f->to);
    fputs(", \"region\": ", out);
    if (f->region)
        bs_json_string(out, breach_region_code(f->region));
    else
        fputs("null", out);
    fputs(", \"vendor\": ", out);
    if (f->vendor)
        bs_json_string(out, f->vendor);
    else
        fputs("null", out);
    fputs(", \"organisation\": ", out);
    if (f->entity)
        bs_json_string(out, f->entity);
    else
        fputs("null", out);
    fputs(", \"types\": ", out);
    jset(out, f->types, BREACH_TYPE_COUNT_, type_name);
    fputs(", \"categories\": ", out);
    jset(out, f->categories, BREACH_CAT_COUNT_, cat_name);
    fputs(", \"units\": ", out);
    jset(out, f->units, BREACH_UNIT_COUNT_, unit_name);
    fputs(", \"where\": [", out);
    for (size_t k = 0; k < f->n_where; k++) {
        if (k)
            fputs(", ", out);
        bs_json_string(out, f->where[k]);
    }
    fputs("]", out);
    fprintf(out, ", \"include_superseded\": %s, \"include_duplicates\": %s",
            f->include_superseded ? "true" : "false", f->include_duplicates ? "true" : "false");
    /* null: no date range through the filter (none given, or the command's own) */
    long coarse = bs_coarse_dated(ctx);
    if (coarse >= 0)
        fprintf(out, ", \"left_out_coarse_date\": %ld}", coarse);
    else
        fputs(", \"left_out_coarse_date\": null}", out);
    fprintf(out, ",\n%s  \"inputs\": [", in);
    for (size_t k = 0; k < ctx->n_inputs; k++) {
        const bs_input *inp = &ctx->inputs[k];
        breach_input_info info;
        long li = input_index(ctx, k);
        bool have = li >= 0 && breach_dataset_input(ctx->ds, (size_t)li, &info, NULL) == BREACH_OK;
        fprintf(out, "%s\n%s    ", k ? "," : "", in);
        bs_json_input(out, inp, have && info.has_rows ? (size_t)info.n_warnings : inp->warnings);
        if (have) {
            fprintf(out, ", \"left_out_as_duplicates\": %" PRIu64 ", \"latest_notice\": ",
                    info.n_dropped);
            jdate(out, info.as_of);
            fprintf(out, ", \"bytes\": %" PRIu64 ", \"sha256\": ", info.size);
            if (info.sha256[0])
                bs_json_string(out, info.sha256);
            else
                fputs("null", out);
        }
        fputc('}', out);
    }
    fprintf(out, "%s],\n%s  \"overlaps\": [", ctx->n_inputs ? "\n  " : "", in);
    size_t no = breach_dataset_n_overlaps(ctx->ds);
    for (size_t i = 0; i < no; i++) {
        breach_overlap ov;
        breach_input_info a, b;
        if (!bs_overlap_get(ctx->ds, i, &ov, &a, &b))
            continue;
        fprintf(out, "%s\n%s    {\"left_out_from\": ", i ? "," : "", in);
        bs_json_string(out, a.name);
        fputs(", \"listed_by\": ", out);
        bs_json_string(out, b.name);
        fprintf(out, ", \"notices\": %" PRIu64 "}", ov.n);
    }
    fprintf(out, "%s]\n%s}", no ? "\n  " : "", in);
}

int bs_write_provenance_file(const bs_ctx *ctx, const char *path)
{
    bs_outfile of;
    if (bs_out_open(&of, path) != BS_EXIT_OK)
        return BS_EXIT_OUTPUT;
    bs_provenance_json(of.f, ctx, "");
    fputc('\n', of.f);
    return bs_out_close(&of, true);
}
