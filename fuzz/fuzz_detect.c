/* libFuzzer target: format detection, then the detected loader through breach_load() on a
 * temporary file (detection and loading must agree and never crash). */
#include "fuzz_common.h"

#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    breach_error e;
    const char *fmt = breach_format_detect_buffer((const char *)data, size, "fuzz", &e);
    if (!fmt)
        return 0;
    char path[] = "/tmp/breach-fuzz-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return 0;
    if (write(fd, data, size) != (ssize_t)size) {
        close(fd);
        unlink(path);
        return 0;
    }
    close(fd);
    breach_dataset *ds = breach_dataset_new(NULL);
    breach_report *rep = breach_report_new();
    breach_load_options o;
    breach_load_options_init(&o);
    o.lenient = true;
    breach_load(ds, path, NULL, &o, rep, &e);
    if (breach_report_rows_read(rep) != breach_report_rows_loaded(rep) + breach_report_rows_rejected(rep))
        abort();
    fuzz_check_dataset(ds, size % 4 == 0);
    breach_report_free(rep);
    breach_dataset_free(ds);
    unlink(path);
    return 0;
}
