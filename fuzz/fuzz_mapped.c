/* libFuzzer target: a column mapping and the CSV it reads. The input is the mapping text,
 * a NUL byte, then the CSV; without a NUL the whole input is a CSV read through the WA
 * mapping of tests/data/wa.map. */
#include "fuzz_common.h"

#include <string.h>

static const char wa_map[] = "entity = Name\nvia = Name\nvia.extract = parenthesis\nid = Id\n"
                             "reported = DateSubmitted\nregion.US-WA = WashingtoniansAffected\n"
                             "date_format = MM/DD/YYYY\ntypes = DataBreachCause\n"
                             "type.Cyberattack = hacking\n";

static breach_mapping *current;

static int read_mapped(breach_dataset *ds, const char *data, size_t len,
                       const breach_load_options *opt, breach_report *report, breach_error *err)
{
    return breach_mapped_read_buffer(ds, data, len, current, opt, report, err);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    const unsigned char *nul = memchr(data, 0, size);
    const char *map = wa_map;
    size_t maplen = sizeof wa_map - 1;
    if (nul) {
        map = (const char *)data;
        maplen = (size_t)(nul - data);
        size -= maplen + 1;
        data = nul + 1;
    }
    current = breach_mapping_parse(map, maplen, "fuzz-map", NULL);
    if (current)
        fuzz_loader(read_mapped, data, size);
    breach_mapping_free(current);
    current = NULL;
    return 0;
}
