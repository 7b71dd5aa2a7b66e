/* libbreach — datasets and filters.
 *
 * A dataset is an append-only collection of incidents. Strings (names, vendors, actors,
 * sources) are interned once; numbers live in columns so that statistics stream through
 * memory. Incidents are read back as views (breach_incident) whose strings are borrowed
 * from the dataset and stay valid until breach_dataset_free().
 *
 * A filter selects incidents for every statistic; breach_filter_init() gives one that
 * selects everything.
 */
#ifndef BREACH_DATASET_H
#define BREACH_DATASET_H

#include "incident.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct breach_dataset breach_dataset;

/* A new empty dataset (owned: free with breach_dataset_free), or NULL when out of memory. */
BREACH_API BREACH_WARN_UNUSED breach_dataset *breach_dataset_new(breach_error *err);

/* Frees the dataset and everything borrowed from it. NULL is a no-op. */
BREACH_API void breach_dataset_free(breach_dataset *ds);

/* The number of incidents. */
BREACH_API size_t breach_dataset_size(const breach_dataset *ds);

/* Copies one incident in. It is checked first and refused, leaving the dataset unchanged:
 *  - BREACH_EINVAL: a qualifier, unit, tri-state or set outside its vocabulary, a date
 *    with a bad precision, a region number that does not exist, n_regions > 0 with NULL
 *    regions;
 *  - BREACH_EINCONSISTENT: a region listed twice, a regional count above an exact or
 *    at-most total, occurred_end before occurred_start;
 *  - BREACH_EENCODING: a string that is not valid UTF-8;
 *  - BREACH_ENOMEM.
 * entity_key is computed here from entity (the view's entity_key is ignored). Returns the
 * new incident's index (>= 0) or a negative status. */
BREACH_API long breach_dataset_add(breach_dataset *ds, const breach_incident *inc,
                                   breach_error *err);

/* Fills *out with a view of incident `index` (borrowed strings and regions, valid until the
 * dataset is freed). Returns BREACH_OK or BREACH_EINVAL for an index out of range. */
BREACH_API int breach_dataset_get(const breach_dataset *ds, size_t index, breach_incident *out,
                                  breach_error *err);

/* Appends copies of all incidents of src to dst (merging sources). Returns BREACH_OK or a
 * negative status, in which case dst holds the incidents added before the failure;
 * appending a dataset to itself is BREACH_EINVAL. */
BREACH_API int breach_dataset_append(breach_dataset *dst, const breach_dataset *src,
                                     breach_error *err);

/* ---------------------------------------------------------------- filters */

/* Which date of an incident a date range or a time statistic looks at. */
typedef enum breach_date_field {
    BREACH_FIELD_EVENT = 0,      /* breach_incident_event_date(): occurred, else discovered,
                                    else reported */
    BREACH_FIELD_REPORTED = 1,
    BREACH_FIELD_OCCURRED = 2,   /* occurred_start */
    BREACH_FIELD_DISCOVERED = 3
} breach_date_field;

/* Selects incidents. Every criterion that is set must hold (AND); within a set-valued
 * criterion any member matches (OR). Start from breach_filter_init(). Strings are
 * borrowed for the duration of the call that takes the filter. This struct is part of the
 * ABI; `reserved_` must stay zero. */
typedef struct breach_filter {
    int32_t date_field;   /* a breach_date_field for from/to */
    breach_date from;     /* unknown = open; the incident's date (at its first day) >= from */
    breach_date to;       /* unknown = open; the incident's date <= the last day of to */
    breach_region region; /* NONE = any; else the entity's region or a breakdown region,
                             or a subdivision of it when region is a country */
    const char *vendor;   /* NULL = any; compared by entity key */
    const char *entity;   /* NULL = any; compared by entity key */
    breach_type_set types;           /* 0 = any; else any of these */
    breach_category_set categories;  /* 0 = any; else any of these */
    bool include_superseded; /* false (default): notices replaced by a later revision are
                                left out, see breach_dataset_superseded() */
    uint32_t units;       /* 0 = any; else bits (1 << breach_unit) of the units whose
                             notices are selected: what an affected count counts */
    uint32_t reserved32_; /* must stay zero */
    uint64_t reserved_[3];
} breach_filter;

/* A filter that selects everything, with superseded notices left out. */
BREACH_API void breach_filter_init(breach_filter *f);

/* Whether incident `index` passes the filter's own criteria (revisions aside). A NULL
 * filter passes everything. An incident whose date for the filter's date field is unknown
 * fails any date range. */
BREACH_API bool breach_filter_match(const breach_dataset *ds, size_t index,
                                    const breach_filter *f);

/* Revisions. Several notices by the same organisation (same entity key) for the same
 * vendor/campaign (same non-empty vendor key) are successive versions of one notice,
 * unless a notice carries BREACH_FLAG_SEPARATE: the latest by reported date replaces the
 * earlier ones (on equal or unknown dates, the later in the dataset wins; an undated notice
 * never replaces a dated one, and is replaced by it). Notices without a usable
 * organisation name (empty entity key) are never revisions of each other. Among the incidents that pass filter f's own criteria,
 * this writes superseded[i] = true for each replaced one and false for every other index
 * (the array has breach_dataset_size() entries). Returns the number of superseded notices
 * or a negative status. */
BREACH_API long breach_dataset_superseded(const breach_dataset *ds, const breach_filter *f,
                                          bool *superseded, breach_error *err);

/* The indices of incidents selected by the filter (its criteria, then revisions unless
 * include_superseded), in dataset order, into a new array (owned: free with breach_free()). Sets
 * *n. Returns NULL with *n = 0 when none matched or on error (err->code tells which:
 * BREACH_OK when simply none matched). */
BREACH_API size_t *breach_dataset_select(const breach_dataset *ds, const breach_filter *f,
                                         size_t *n, breach_error *err);

#ifdef __cplusplus
}
#endif

#endif
