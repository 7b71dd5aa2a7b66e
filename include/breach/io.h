/* libbreach — reading and writing files.
 *
 * Every loader appends to a dataset and accounts for every row it reads: rows read =
 * rows loaded + rows rejected, always. In strict mode the first bad row stops the load
 * with an error naming the source, line, column and reason (the rows before it stay
 * loaded and the report says how many). In lenient mode bad rows are skipped and each
 * one is listed in the report with its place and reason. Warnings (doubtful but loadable
 * input) are listed separately and never drop a row.
 *
 * The canonical CSV is this library's own lossless format, documented in
 * doc/canonical-csv.md: writing a dataset and reading it back gives the same incidents,
 * and a second write gives byte-identical output.
 */
#ifndef BREACH_IO_H
#define BREACH_IO_H

#include <stdio.h>
#include "dataset.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------- load reports */

/* One rejected row or one warning: where, and why. */
typedef struct breach_issue {
    int code;      /* a breach_status (negative) for rejects; for warnings a BREACH_WARN_* */
    long line;     /* 1-based physical line where the row (or the bad field) starts */
    long column;   /* 1-based byte column of the bad field, 0 when the whole row is meant */
    long row;      /* 1-based data row number (header excluded) */
    const char *text; /* the reason, a sentence */
} breach_issue;

/* Warning codes (positive, never errors). */
#define BREACH_WARN_PLACEHOLDER 1 /* a count that sources use as a placeholder (HHS 500/501) */
#define BREACH_WARN_DUPLICATE 2   /* a row identical to an earlier one (kept, and listed) */
#define BREACH_WARN_HEADER 3      /* header damaged or unfamiliar; columns taken by position */
#define BREACH_WARN_OTHER 4

typedef struct breach_report breach_report;

/* A new empty report (owned: free with breach_report_free), or NULL when out of memory.
 * One report may collect several loads; its counters add up. */
BREACH_API BREACH_WARN_UNUSED breach_report *breach_report_new(void);
BREACH_API void breach_report_free(breach_report *r);

BREACH_API size_t breach_report_rows_read(const breach_report *r);
BREACH_API size_t breach_report_rows_loaded(const breach_report *r);
BREACH_API size_t breach_report_rows_rejected(const breach_report *r);
/* Rejected rows and warnings in the order met; the issue's text is borrowed from the
 * report. Returns BREACH_EINVAL for an index out of range. */
BREACH_API size_t breach_report_n_rejects(const breach_report *r);
BREACH_API int breach_report_reject(const breach_report *r, size_t i, breach_issue *out);
BREACH_API size_t breach_report_n_warnings(const breach_report *r);
BREACH_API int breach_report_warning(const breach_report *r, size_t i, breach_issue *out);
/* The source name of rejected row / warning i (the file a load was given). */
BREACH_API const char *breach_report_reject_source(const breach_report *r, size_t i);
BREACH_API const char *breach_report_warning_source(const breach_report *r, size_t i);

/* ---------------------------------------------------------------- options */

typedef struct breach_load_options {
    bool lenient;            /* skip and list bad rows instead of stopping */
    const char *source_name; /* name used in errors and reports; NULL = the path */
    uint64_t reserved_[4];   /* must be zero */
} breach_load_options;

/* Strict loading, source named by the path. */
BREACH_API void breach_load_options_init(breach_load_options *o);

/* ---------------------------------------------------------------- canonical CSV */

/* Reads a canonical CSV file and appends its incidents to ds. The header must name the
 * canonical columns (any order; unknown columns are an error, missing optional ones are
 * empty, see doc/canonical-csv.md). RFC 4180 quoting, quoted CR/LF, CRLF or LF line ends
 * and a UTF-8 byte-order mark are accepted. `report` may be NULL (then lenient mode can
 * still skip rows, but nobody can list them). Returns BREACH_OK, or a negative status with
 * err filled: in strict mode the first rejected row's place and reason; in either mode an
 * unreadable file or header. */
BREACH_API int breach_csv_read_file(breach_dataset *ds, const char *path,
                                    const breach_load_options *opt, breach_report *report,
                                    breach_error *err);

/* The same from memory (len bytes; no NUL needed). opt->source_name names it in errors. */
BREACH_API int breach_csv_read_buffer(breach_dataset *ds, const char *data, size_t len,
                                      const breach_load_options *opt, breach_report *report,
                                      breach_error *err);

/* Writes the incidents selected by f (NULL = all, superseded ones included) as canonical
 * CSV with LF line ends. Returns BREACH_OK or BREACH_EIO. */
BREACH_API int breach_csv_write(const breach_dataset *ds, const breach_filter *f, FILE *out,
                                breach_error *err);
BREACH_API int breach_csv_write_file(const breach_dataset *ds, const breach_filter *f,
                                     const char *path, breach_error *err);

#ifdef __cplusplus
}
#endif

#endif
