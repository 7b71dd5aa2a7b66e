/* The checks every loader's fuzz target makes on whatever the input is. Nothing may crash,
 * leak or hang; the report must add up (rows read = loaded + rejected, loaded = the
 * dataset's size); whatever loaded must write as canonical CSV and read back whole; and
 * the statistics must run over it. A broken invariant aborts, which libFuzzer reports. */
#ifndef BREACH_FUZZ_COMMON_H
#define BREACH_FUZZ_COMMON_H

#include <breach.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef int (*fuzz_reader)(breach_dataset *ds, const char *data, size_t len,
                           const breach_load_options *opt, breach_report *report,
                           breach_error *err);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

/* Every key is its name's, however the loader came by it (the canonical reader folds names
 * ahead of their rows), and a key that two consecutive incidents share is stored once (one
 * pointer). */
static void fuzz_check_keys(const breach_dataset *ds)
{
    breach_incident prev;
    int has_prev = 0;
    for (size_t i = 0; i < breach_dataset_size(ds); i++) {
        breach_incident in;
        char key[256];
        if (breach_dataset_get(ds, i, &in, NULL) != BREACH_OK || !in.entity) {
            has_prev = 0;
            continue;
        }
        size_t klen = breach_entity_key(in.entity, strlen(in.entity), key, sizeof key);
        if (klen != (size_t)-1 && (klen ? !in.entity_key || strlen(in.entity_key) != klen ||
                                              strncmp(in.entity_key, key, sizeof key - 1) != 0
                                        : in.entity_key != NULL)) {
            fprintf(stderr, "incident %zu: key '%s' of '%s'\n", i,
                    in.entity_key ? in.entity_key : "(none)", in.entity);
            abort();
        }
        if (has_prev && prev.entity_key && in.entity_key &&
            (strcmp(prev.entity_key, in.entity_key) == 0) != (prev.entity_key == in.entity_key)) {
            fprintf(stderr, "incidents %zu and %zu: key '%s' stored twice\n", i - 1, i,
                    in.entity_key);
            abort();
        }
        prev = in;
        has_prev = 1;
    }
}

static void fuzz_check_dataset(const breach_dataset *ds, int json_turn)
{
    /* a canonical round trip of everything that loaded */
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    if (!mem)
        return;
    breach_error we;
    if (breach_csv_write(ds, NULL, mem, &we) != BREACH_OK) {
        /* says which check failed (a compiler may merge this abort with the others) */
        fprintf(stderr, "canonical write failed: %d %s (errno %d)\n", we.code, we.text, errno);
        abort();
    }
    fclose(mem);
    breach_dataset *back = breach_dataset_new(NULL);
    breach_error e;
    if (breach_csv_read_buffer(back, buf, len, NULL, NULL, &e) != BREACH_OK ||
        breach_dataset_size(back) != breach_dataset_size(ds)) {
        fprintf(stderr, "round trip failed: %ld:%ld %s\n", e.line, e.column, e.text);
        abort();
    }
    fuzz_check_keys(back); /* the canonical reader's read-ahead over any loader's names */
    breach_dataset_free(back);
    free(buf);
    /* The JSON writer (jansson, slow beside the loaders) on one input in four, picked by
     * the input's length so that a finding replays. */
    buf = NULL;
    len = 0;
    mem = json_turn ? open_memstream(&buf, &len) : NULL;
    if (mem) {
        /* the one refusal the writer documents: a count above 2^63 - 1 (jansson's integers) */
        int rc = breach_json_write(ds, NULL, mem, &we);
        if (rc != BREACH_OK && rc != BREACH_EOVERFLOW) {
            fprintf(stderr, "JSON write failed: %d %s\n", rc, we.text);
            abort();
        }
        fclose(mem);
        free(buf);
    }
    fuzz_check_keys(ds);
    breach_region_shares_free(breach_region_shares_compute(ds, NULL, NULL));
    breach_repeats_free(breach_repeats_compute(ds, NULL, NULL, NULL));
    breach_incident inc;
    if (breach_dataset_size(ds) && breach_dataset_get(ds, 0, &inc, NULL) == 0) {
        if (inc.vendor)
            breach_supply_chain_free(breach_supply_chain_compute(ds, inc.vendor, NULL, NULL));
        if (inc.n_regions)
            for (size_t i = 0; i < breach_dataset_size(ds); i++) {
                breach_share s;
                breach_incident_region_share(ds, i, inc.regions[0].region, &s, NULL);
            }
    }
}

static void fuzz_loader(fuzz_reader read, const unsigned char *data, size_t size)
{
    for (int lenient = 0; lenient < 2; lenient++) {
        breach_dataset *ds = breach_dataset_new(NULL);
        breach_report *rep = breach_report_new();
        breach_load_options o;
        breach_load_options_init(&o);
        o.lenient = lenient;
        o.source_name = "fuzz";
        breach_error e;
        read(ds, (const char *)data, size, &o, rep, &e);
        if (breach_report_rows_read(rep) !=
                breach_report_rows_loaded(rep) + breach_report_rows_rejected(rep) ||
            breach_report_rows_loaded(rep) != breach_dataset_size(ds))
            abort();
        for (size_t i = 0; i < breach_report_n_rejects(rep); i++) {
            breach_issue is;
            if (breach_report_reject(rep, i, &is) != BREACH_OK || !is.text || is.code >= 0)
                abort();
        }
        /* A strict load stops at the first error with the rows before it loaded, the same
         * rows a lenient load keeps; the dataset checks run once, on the lenient one. */
        if (lenient)
            fuzz_check_dataset(ds, size % 4 == 0);
        breach_report_free(rep);
        breach_dataset_free(ds);
    }
}

#endif
