/* libbreach — datasets and filters.
 *
 * A dataset is an append-only collection of incidents. The names incidents are grouped by
 * (entity keys, vendors, actors, types) are interned once; the text only read back
 * (organisation names as reported, identifiers, sources, summaries) is stored as given;
 * numbers live in columns so that statistics stream through memory. Incidents are read
 * back as views (breach_incident) whose strings are borrowed from the dataset and stay
 * valid until breach_dataset_free().
 *
 * A filter selects incidents for every statistic; breach_filter_init() gives one that
 * selects everything.
 *
 * Threads. The library has no global mutable state (the string tables' hash seed is set
 * once per process, before any dataset exists), so:
 *  - separate datasets: any calls, from any threads, at the same time;
 *  - one dataset: any number of threads may read it at once (the functions taking a
 *    const breach_dataset *: statistics, views, selections, writers), but a call that
 *    changes it (breach_dataset_add, _append, every loader into it) needs it alone: no
 *    reader or other writer at the same time;
 *  - breach_dataset_free: never while another call uses the dataset or one of the views
 *    borrowed from it; the caller waits for them (the Python binding's close() does).
 * Result objects are owned by the caller and independent of each other and of the
 * dataset once returned: free them from any thread.
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

/* Appends copies of all incidents of src to dst (merging sources), with their enumerated
 * attributes and the inputs they came from: each input of src that holds a copied
 * incident becomes an input of dst (after dst's own) whose incidents are the copies, with
 * everything its record says (name, format, bytes, SHA-256, rows, as_of, lines) and the
 * rules the statistics read per source: the data categories it can state, its listing
 * floor, which list it belongs to and the days that list covered in src (breach_timeseries
 * and breach_survival cover them on the copy as on src, though a selection's copy holds
 * only some of the list's notices). Notices src dropped as arriving twice stay dropped
 * when the notice standing for them is copied too; identity is not run between src's
 * inputs and dst's (a later load into dst compares them all). Incidents src holds outside
 * any load stay outside one. Returns BREACH_OK or a negative status, in which case dst
 * holds the incidents added before the failure; appending a dataset to itself is
 * BREACH_EINVAL. */
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
    breach_date from;     /* unknown = open; else from's first day .. */
    breach_date to;       /* unknown = open; .. to's last day: the range the incident's
                             date must lie inside, the whole period it covers (see
                             breach_filter_match) */
    breach_region region; /* NONE = any; else the entity's region or a breakdown region,
                             or a subdivision of it when region is a country */
    const char *vendor;   /* NULL = any; compared by entity key */
    const char *entity;   /* NULL = any; compared by entity key */
    breach_type_set types;           /* 0 = any; else any of these */
    breach_category_set categories;  /* 0 = any; else any of these */
    bool include_superseded; /* false (default): notices replaced by a later revision are
                                left out, see breach_dataset_superseded() */
    bool include_duplicates; /* false (default): notices dropped because a newer input lists
                                them (breach_dataset_duplicate_of) are left out */
    uint32_t units;       /* 0 = any; else bits (1 << breach_unit) of the units whose
                             notices are selected: what an affected count counts */
    uint32_t reserved32_; /* must stay zero */
    /* Enumerated attributes (breach_dataset_add_attr): n_where criteria (at most
       BREACH_WHERE_MAX), each "field=value" (the incident carries that value) or
       "field!=value" (it does not). Criteria on one field combine as: any of its "="
       values, and none of its "!=" values; criteria on different fields all hold (AND).
       A field or value no incident carries matches nothing ("=") or everything ("!="). A
       criterion without '=' or with an empty field is BREACH_EINVAL. NULL / 0 = any. */
    const char *const *where;
    size_t n_where;
    uint64_t reserved_[1];
} breach_filter;

/* The most `where` criteria one filter takes. */
#define BREACH_WHERE_MAX 32

/* A filter that selects everything, with superseded notices left out. */
BREACH_API void breach_filter_init(breach_filter *f);

/* Whether incident `index` passes the filter's own criteria (revisions aside; a notice
 * dropped as another input's duplicate fails unless include_duplicates). A NULL
 * filter passes everything.
 *
 * Dates keep their precision: a date stands for the whole period it covers (a year-only
 * date for its 365 or 366 days, a month-only date for its month), and passes a date range
 * only when that whole period lies inside from's first day .. to's last day. "2015" is
 * inside 2015-01 .. 2015-12 but not inside 2015-01 .. 2015-06: the incident may have
 * happened in either half, so no half claims it. Such an incident, whose period overlaps
 * the range without lying inside it, is left out and counted
 * (breach_dataset_n_coarse_dated, breach_overview.n_coarse_dated), never placed at its
 * first day. An incident whose date for the filter's date field is unknown fails any date
 * range (and is not counted as coarse). */
BREACH_API bool breach_filter_match(const breach_dataset *ds, size_t index,
                                    const breach_filter *f);

/* The incidents that the filter's date range leaves out only because their date is coarser
 * than the range: each passes every other criterion, and its date's period overlaps
 * from .. to without lying inside it (see breach_filter_match). They are counted among the
 * incidents the filter would select if a date only had to overlap the range, with
 * duplicates and revisions as the filter says, so that a superseded notice or another
 * input's copy is not counted twice. Returns the count (0 when the filter has no date
 * range, or f is NULL) or a negative status (BREACH_EINVAL for a bad filter,
 * BREACH_ENOMEM). */
BREACH_API long breach_dataset_n_coarse_dated(const breach_dataset *ds, const breach_filter *f,
                                              breach_error *err);

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

/* breach_dataset_append() for the incidents of src that f selects (breach_dataset_select's
 * selection, in src's order; f NULL: every incident but superseded revisions and dropped
 * duplicates): a selection that keeps what its sources are, so that a statistic on dst
 * gives what the same statistic gives on src with f (a category the sources cannot state
 * stays "not recorded", the HHS floor and the lists' spans stay, those on f's date field
 * cut to f's date range: the days f removed are not observed days without a notice). */
BREACH_API int breach_dataset_append_selected(breach_dataset *dst, const breach_dataset *src,
                                              const breach_filter *f, breach_error *err);

/* ---------------------------------------------------------------- enumerated attributes
 *
 * Beside the model's own fields, an incident can carry any number of enumerated
 * attributes from its source, each a (field, value) pair named as the source names it:
 * VERIS paths such as "action.hacking.variety" = "SQLi" or
 * "attribute.confidentiality.data.variety" = "Medical", HHS "covered_entity_type", HIBP
 * "data_classes" and its flags ("is_fabricated" = "true"). One incident may carry several
 * values of one field (VERIS varieties are lists). doc/vocabularies.md lists what each
 * loader records.
 *
 * Storage is interned and columnar: each distinct (field, value) pair is stored once, and
 * an incident holds the 32-bit numbers of its pairs (4 bytes each, plus 4 bytes per
 * incident once any incident has one); a dataset without attributes pays nothing.
 *
 * Fields are numbered 0 .. n_fields - 1 in the order first met; a field's values
 * 0 .. n_values - 1 likewise. A value spelled "Unknown" (any case) is VERIS's unknown: it is
 * kept as a value, flagged `unknown` so that statistics can set it apart (verisr's `unk`).
 */

/* Adds value `value` of field `field` to incident `index`, which must be the last incident
 * added (attributes are appended with their incident). Adding a pair the incident already
 * carries changes nothing. Returns BREACH_OK or:
 *  - BREACH_EINVAL: index is not the last incident; field or value NULL or empty; a field
 *    holding '=', '!' or a control character; a value holding a control character;
 *  - BREACH_EENCODING: field or value not valid UTF-8;
 *  - BREACH_ELIMIT: more than 2^32 - 2 distinct pairs or attribute entries in all;
 *  - BREACH_ENOMEM.
 * On failure the incident's other attributes are unchanged. */
BREACH_API int breach_dataset_add_attr(breach_dataset *ds, size_t index, const char *field,
                                       const char *value, breach_error *err);

/* The number of fields any incident carries. */
BREACH_API size_t breach_dataset_n_fields(const breach_dataset *ds);

typedef struct breach_field_info {
    const char *name;     /* borrowed from the dataset */
    size_t n_values;      /* distinct values */
    uint64_t n_incidents; /* incidents carrying at least one value of it (whole dataset) */
    uint64_t n_unknown;   /* incidents carrying its unknown value ("Unknown") */
} breach_field_info;

/* Fills *out with field `field`. BREACH_OK or BREACH_EINVAL (out of range). */
BREACH_API int breach_dataset_field(const breach_dataset *ds, size_t field,
                                    breach_field_info *out, breach_error *err);

/* The number of the field named `name`, or -1 when no incident carries it. */
BREACH_API long breach_dataset_field_find(const breach_dataset *ds, const char *name);

typedef struct breach_value_info {
    const char *value;    /* borrowed from the dataset */
    uint64_t n_incidents; /* incidents carrying it (whole dataset) */
    bool unknown;         /* it is the field's "Unknown" */
} breach_value_info;

/* Fills *out with value `value` of field `field`. BREACH_OK or BREACH_EINVAL. */
BREACH_API int breach_dataset_field_value(const breach_dataset *ds, size_t field, size_t value,
                                          breach_value_info *out, breach_error *err);

/* One attribute of an incident. */
typedef struct breach_attr {
    size_t field, value;          /* numbers as above */
    const char *field_name, *text; /* borrowed from the dataset */
} breach_attr;

/* The attributes of incident `index`: writes the first min(count, cap) into out (ordered
 * by field number, then value number) and returns their count (>= 0; out may be NULL
 * when cap is 0), or BREACH_EINVAL for an index out of range. */
BREACH_API long breach_dataset_attrs(const breach_dataset *ds, size_t index, breach_attr *out,
                                     size_t cap, breach_error *err);

/* Tallies field `field` over the incidents selected by f (breach_dataset_select's
 * selection): counts[j] receives the number of selected incidents carrying value j (the
 * array has the field's n_values entries); *n_with (may be NULL) the selected incidents
 * carrying any value of it, *n_selected (may be NULL) the selected incidents. Returns
 * BREACH_OK, BREACH_EINVAL (field out of range, NULL counts with values, a bad filter) or
 * BREACH_ENOMEM. */
BREACH_API int breach_dataset_field_counts(const breach_dataset *ds, const breach_filter *f,
                                           size_t field, uint64_t *counts, uint64_t *n_with,
                                           uint64_t *n_selected, breach_error *err);

/* Flagged notices: attribute values by which a source says that a notice is not an
 * ordinary one, or not part of a random sample. The library knows these (doc/vocabularies.md):
 *   is_fabricated=true, is_spam_list=true, is_retired=true (HIBP);
 *   plus.sub_source=phidbr, plus.sub_source=priority (VCDB: not sampled at random).
 * Each is left out by the filter criterion "FIELD!=VALUE". */
typedef struct breach_flag_count {
    const char *field, *value; /* static strings */
    const char *meaning;       /* one sentence, static */
    uint64_t n;                /* selected notices carrying it */
} breach_flag_count;

/* Counts the selected notices (filter f, as breach_dataset_select) carrying each flag:
 * writes the flags with n > 0, in the order above, into out (at most cap; out may be NULL
 * when cap is 0) and returns how many have n > 0 (>= 0), or a negative status (a bad
 * filter, BREACH_ENOMEM). *n_any (may be NULL) receives the selected notices carrying at
 * least one. */
BREACH_API long breach_dataset_flagged(const breach_dataset *ds, const breach_filter *f,
                                       breach_flag_count *out, size_t cap, uint64_t *n_any,
                                       breach_error *err);

/* ---------------------------------------------------------------- inputs and overlaps
 *
 * A dataset remembers where its incidents came from. Every load through the I/O layer
 * (include/breach/io.h) is one input: a consecutive range of incidents, with the name the
 * load was given, its format, the bytes read and their SHA-256, and the rows it read,
 * loaded and rejected. Incidents added by breach_dataset_add() belong to no input;
 * breach_dataset_append() and _append_selected() copy the inputs with their incidents.
 *
 * The same notice can arrive twice: the same file loaded twice, two snapshots of one
 * source, a row repeated across exports. At the end of each load, when the dataset holds
 * two inputs or more, the library finds them by a source-aware identity (doc/model.md,
 * "Identity"): for HHS portal exports the organisation's entity key, state and
 * submission date; for the other formats the source's identifier (VERIS incident_id, HIBP
 * Name, WA Id, canonical id), and for the HHS portal a renamed notice too (same state,
 * date and exact count as a newer snapshot's row of a name the older one lacks). Inputs
 * are ordered by how new they are (their latest
 * reported date, then load order); for each identity the newest input that lists it
 * stands, and the rows of older inputs with that identity are dropped: left out of every
 * selection unless breach_filter.include_duplicates, and listed in the load's report as
 * BREACH_WARN_OVERLAP warnings naming both places. Rows that repeat within one input are
 * kept (that input's own loader warns of identical ones). Formats never match each other,
 * and mapped CSVs only through the same mapping (the same settings, in any order): two
 * states' lists that both number their notices 1, 2, 3 are two sources.
 */

typedef struct breach_input_info {
    const char *name;      /* as the load named it (load options' source_name, else the
                              path as given); borrowed from the dataset */
    const char *format;    /* "canonical", "hhs", "wa", "mapped", "veris", "hibp" */
    uint64_t size;         /* bytes read: the file, buffer or archive (0 for a directory) */
    const char *sha256;    /* their SHA-256 in lower-case hex; "" for a directory */
    size_t first, end;     /* the incidents it added: first .. end - 1 */
    breach_date as_of;     /* the latest reported date among them (unknown when none) */
    uint64_t n_dropped;    /* of them, dropped because a newer input lists them */
    bool has_rows;         /* whether the rows_* and n_warnings figures are known (the load
                              was given a report) */
    uint64_t rows_read, rows_loaded, rows_rejected, n_warnings;
} breach_input_info;

/* The number of inputs. */
BREACH_API size_t breach_dataset_n_inputs(const breach_dataset *ds);
/* Fills *out with input i (strings borrowed from the dataset). BREACH_OK or BREACH_EINVAL. */
BREACH_API int breach_dataset_input(const breach_dataset *ds, size_t i, breach_input_info *out,
                                    breach_error *err);
/* The input incident `index` came from (>= 0), -1 when it was added outside a load, or
 * BREACH_EINVAL; *line (may be NULL) receives the line its row or record starts on in that
 * input (0 when not known). */
BREACH_API long breach_dataset_origin(const breach_dataset *ds, size_t index, long *line);
/* The index of the notice that stands for incident `index` when `index` was dropped as
 * arriving twice (the newer input's first row with the same identity), -1 when it was not
 * dropped, BREACH_EINVAL for an index out of range. */
BREACH_API long breach_dataset_duplicate_of(const breach_dataset *ds, size_t index);
/* How many incidents are dropped as arriving twice. */
BREACH_API size_t breach_dataset_n_dropped(const breach_dataset *ds);

/* Dropped notices by pair of inputs: n rows of input dropped_input are notices that the
 * newer kept_input lists. */
typedef struct breach_overlap {
    size_t dropped_input, kept_input;
    uint64_t n;
} breach_overlap;
BREACH_API size_t breach_dataset_n_overlaps(const breach_dataset *ds);
/* Pairs in the order first met (older inputs first). BREACH_OK or BREACH_EINVAL. */
BREACH_API int breach_dataset_overlap(const breach_dataset *ds, size_t i, breach_overlap *out,
                                      breach_error *err);

#ifdef __cplusplus
}
#endif

#endif
