/* libFuzzer target: one input loaded as canonical CSV on one thread and on three (chunks of
 * a few bytes each, so that record boundaries, quoted line breaks and errors fall on every
 * side of a split) must give the same thing: status and error, the report's counts, every
 * reject and warning with its place, and the canonical CSV and JSON the dataset writes,
 * byte for byte. Strict and lenient. */
#include "fuzz_common.h"

/* Everything a load gives, as text. */
static char *outcome(const unsigned char *data, size_t size, int lenient, unsigned threads,
                     size_t *len)
{
    char *buf = NULL;
    FILE *out = open_memstream(&buf, len);
    if (!out)
        abort();
    breach_dataset *ds = breach_dataset_new(NULL);
    breach_report *rep = breach_report_new();
    breach_load_options o;
    breach_load_options_init(&o);
    o.lenient = lenient;
    o.source_name = "fuzz";
    o.threads = threads;
    breach_error e;
    memset(&e, 0, sizeof e);
    int rc = breach_csv_read_buffer(ds, (const char *)data, size, &o, rep, &e);
    fprintf(out, "rc %d\n", rc);
    if (rc)
        fprintf(out, "error %d %s:%ld:%ld %s\n", e.code, e.source, e.line,
                e.column, e.text);
    fprintf(out, "rows %zu %zu %zu size %zu\n", (size_t)breach_report_rows_read(rep),
            (size_t)breach_report_rows_loaded(rep), (size_t)breach_report_rows_rejected(rep),
            breach_dataset_size(ds));
    breach_issue is;
    for (size_t i = 0; i < breach_report_n_rejects(rep); i++)
        if (breach_report_reject(rep, i, &is) == BREACH_OK)
            fprintf(out, "reject %d row %ld %ld:%ld %s\n", is.code, is.row, is.line, is.column,
                    is.text);
    for (size_t i = 0; i < breach_report_n_warnings(rep); i++)
        if (breach_report_warning(rep, i, &is) == BREACH_OK)
            fprintf(out, "warning %d row %ld %ld:%ld %s\n", is.code, is.row, is.line,
                    is.column, is.text);
    if (breach_csv_write(ds, NULL, out, &e) != BREACH_OK)
        fprintf(out, "csv write %d\n", e.code);
    if (breach_json_write(ds, NULL, out, &e) != BREACH_OK)
        fprintf(out, "json write %d\n", e.code);
    breach_report_free(rep);
    breach_dataset_free(ds);
    fclose(out);
    return buf;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    for (int lenient = 0; lenient < 2; lenient++) {
        size_t n1, n3;
        char *one = outcome(data, size, lenient, 1, &n1);
        char *three = outcome(data, size, lenient, 3, &n3);
        if (n1 != n3 || memcmp(one, three, n1) != 0) {
            fprintf(stderr, "one thread:\n%s\nthree threads:\n%s\n", one, three);
            abort();
        }
        free(one);
        free(three);
    }
    return 0;
}
