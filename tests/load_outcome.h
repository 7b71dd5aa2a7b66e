/* Everything one canonical CSV load gives, as text (shared by tests/test_threads.c,
 * fuzz/fuzz_threads.c and fuzz/fuzz_reader.c, which compare it across thread counts and
 * between a buffer and a file): status and error, the
 * report's counts, every reject and warning with its place, the input's size and SHA-256,
 * then the canonical CSV and the JSON the dataset writes. Returns a malloc'ed string (*len
 * its length), or NULL when memory for it ran out. */
#ifndef BREACH_TESTS_LOAD_OUTCOME_H
#define BREACH_TESTS_LOAD_OUTCOME_H

#include <breach.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* path: the file is loaded (it holds text[0..size), written by the caller), else the
 * buffer. */
static char *load_outcome_at(const char *text, size_t size, const char *path, int lenient,
                             unsigned threads, size_t *len)
{
    char *buf = NULL;
    FILE *out = open_memstream(&buf, len);
    if (!out)
        return NULL;
    breach_dataset *ds = breach_dataset_new(NULL);
    breach_report *rep = breach_report_new();
    breach_load_options o;
    breach_load_options_init(&o);
    o.lenient = lenient;
    o.source_name = "split.csv";
    o.threads = threads;
    breach_error e;
    memset(&e, 0, sizeof e);
    int rc = path ? breach_csv_read_file(ds, path, &o, rep, &e)
                  : breach_csv_read_buffer(ds, text, size, &o, rep, &e);
    fprintf(out, "rc %d\n", rc);
    if (rc)
        fprintf(out, "error %d %s:%ld:%ld %s\n", e.code, e.source, e.line, e.column, e.text);
    fprintf(out, "rows %llu %llu %llu size %zu\n",
            (unsigned long long)breach_report_rows_read(rep),
            (unsigned long long)breach_report_rows_loaded(rep),
            (unsigned long long)breach_report_rows_rejected(rep), breach_dataset_size(ds));
    breach_issue is;
    for (size_t i = 0; i < breach_report_n_rejects(rep); i++)
        if (breach_report_reject(rep, i, &is) == BREACH_OK)
            fprintf(out, "reject %d row %ld %ld:%ld %s\n", is.code, is.row, is.line, is.column,
                    is.text);
    for (size_t i = 0; i < breach_report_n_warnings(rep); i++)
        if (breach_report_warning(rep, i, &is) == BREACH_OK)
            fprintf(out, "warning %d row %ld %ld:%ld %s\n", is.code, is.row, is.line,
                    is.column, is.text);
    breach_input_info in;
    for (size_t i = 0; i < breach_dataset_n_inputs(ds); i++)
        if (breach_dataset_input(ds, i, &in, NULL) == BREACH_OK)
            fprintf(out, "input %s %llu %s\n", in.name, (unsigned long long)in.size, in.sha256);
    if (breach_csv_write(ds, NULL, out, &e) != BREACH_OK)
        fprintf(out, "csv write %d\n", e.code);
    if (breach_json_write(ds, NULL, out, &e) != BREACH_OK)
        fprintf(out, "json write %d\n", e.code);
    breach_report_free(rep);
    breach_dataset_free(ds);
    fclose(out);
    return buf;
}

static char *load_outcome(const char *text, size_t size, int lenient, unsigned threads,
                          size_t *len)
{
    return load_outcome_at(text, size, NULL, lenient, threads, len);
}

/* For the fuzz targets: aborts, printing both, when outcome a (a_len bytes, of what
 * a_what names) is not b. */
static inline void load_outcome_same(const char *a, size_t a_len, const char *b, size_t b_len,
                              const char *a_what, const char *b_what)
{
    if (a_len != b_len || memcmp(a, b, a_len) != 0) {
        fprintf(stderr, "%s:\n%s\n%s:\n%s\n", a_what, a, b_what, b);
        abort();
    }
}

#endif
