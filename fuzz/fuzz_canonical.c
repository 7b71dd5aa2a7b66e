/* libFuzzer target: the canonical CSV reader, strict and lenient, then the writer and the
 * statistics over whatever loaded. Nothing may crash, leak or hang, and the load report
 * must always add up: rows read = loaded + rejected. */
#include <breach.h>

#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    for (int lenient = 0; lenient < 2; lenient++) {
        breach_dataset *ds = breach_dataset_new(NULL);
        breach_report *rep = breach_report_new();
        breach_load_options o;
        breach_load_options_init(&o);
        o.lenient = lenient;
        breach_error e;
        breach_csv_read_buffer(ds, (const char *)data, size, &o, rep, &e);
        if (breach_report_rows_read(rep) !=
            breach_report_rows_loaded(rep) + breach_report_rows_rejected(rep))
            abort();
        if (breach_report_rows_loaded(rep) != breach_dataset_size(ds))
            abort();
        FILE *devnull = fopen("/dev/null", "w");
        if (devnull) {
            breach_csv_write(ds, NULL, devnull, NULL);
            fclose(devnull);
        }
        breach_region_shares_free(breach_region_shares_compute(ds, NULL, NULL));
        breach_repeats_free(breach_repeats_compute(ds, NULL, NULL, NULL));
        breach_incident inc;
        if (breach_dataset_size(ds) && breach_dataset_get(ds, 0, &inc, NULL) == 0 && inc.vendor)
            breach_supply_chain_free(breach_supply_chain_compute(ds, inc.vendor, NULL, NULL));
        breach_report_free(rep);
        breach_dataset_free(ds);
    }
    return 0;
}
