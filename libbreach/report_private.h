/* Filling load reports (private, for loaders). A NULL report accepts everything and keeps
 * nothing. */
#ifndef BREACH_REPORT_PRIVATE_H
#define BREACH_REPORT_PRIVATE_H

#include "breach_private.h"

/* Registers the source name of a load; *source_index names it in later calls. */
/* A copy of opt (NULL: the defaults) for reading a file from its bytes: the source is
 * named by path unless opt names it. */
breach_load_options breach_load_options_for(const breach_load_options *opt, const char *path);

int breach_report_begin(breach_report *r, const char *source, size_t *source_index);
void breach_report_count_read(breach_report *r);
void breach_report_count_loaded(breach_report *r);
/* Counts a rejected row and lists it (text copied). Returns 0 or BREACH_ENOMEM; the row is
 * counted as rejected even when listing it failed. */
int breach_report_add_reject(breach_report *r, size_t source, const breach_issue *is);
/* The row numbers of the rows of source rejected so far, ascending (as listed): *rows (NULL
 * when none) is the caller's to free. 0 or BREACH_ENOMEM; a NULL report lists none. */
int breach_report_rejected_rows(const breach_report *r, size_t source, long **rows, size_t *n);
int breach_report_add_warning(breach_report *r, size_t source, const breach_issue *is);

#endif
