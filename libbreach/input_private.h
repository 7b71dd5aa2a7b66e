/* Inputs (private): which load each incident came from, its line there, and the notices
 * that arrived twice (see input.c). The loaders open an input before their first row and
 * close it after their last; breach_dataset_add outside a load belongs to no input. */
#ifndef BREACH_INPUT_PRIVATE_H
#define BREACH_INPUT_PRIVATE_H

#include "breach_private.h"

#include <stdatomic.h>
#include <stdio.h>

struct breach_file;

/* Opens an input named `name` (as the load names it) in `format` ("hhs", ...): incidents
 * added from now on belong to it; its rows read, loaded and rejected are what `report`
 * (may be NULL: then they are not known) counts until it closes. An input already open is
 * closed first. 0 or BREACH_ENOMEM (err filled). */
int breach_input_open(breach_dataset *ds, const char *name, const char *format,
                      const breach_report *report, breach_error *err);

/* Which source within its format the open input is, for loaders whose format serves many
 * (a mapped CSV: its mapping's fingerprint; 0, the default: the format is the source).
 * Inputs of one format and class can be snapshots of one list (identity); of two classes
 * never, and the rules across sources treat them as two sources. */
void breach_input_set_class(breach_dataset *ds, uint64_t source_class);

/* The levels of a vocabulary dimension (dim: BREACH_DIM_TYPE, _CATEGORY or _LOCATION; a
 * mask of its levels) that the open input's source can state: its vocabulary's image in the
 * model's (doc/vocabularies.md, "What each source can say"). A level outside it is not
 * "none of these notices": the source cannot say (the HHS portal has no ransomware type,
 * VERIS no SSN, WA no location at all), and the counts leave such notices out of that
 * level's n. Every level by default (the canonical CSV, a mapping with that column); 0
 * for a source that states none of the dimension. */
void breach_input_set_stated(breach_dataset *ds, int dim, uint64_t levels);

/* The levels of dim incident i's source can state: its input's, every level for an
 * incident added outside a load (the model's own vocabulary). */
uint64_t breach_input_stated_of(const breach_dataset *ds, int dim, size_t i);

/* Whether some input of ds states fewer than every level of dim (then the counts look at
 * each notice's source). */
int breach_input_stated_partial(const breach_dataset *ds, int dim);

/* The open input's source lists only breaches affecting `floor` or more (the HHS portal:
 * 500), so its sizes are truncated there (breach_sizes.floor). Default 0: no such rule. */
void breach_input_set_floor(breach_dataset *ds, uint64_t floor);

/* That floor for incident i: its input's, 0 for an incident added outside a load. */
uint64_t breach_input_floor_of(const breach_dataset *ds, size_t i);

/* The bytes the open input reads: its size and SHA-256 (breach_input_digest, then
 * breach_input_set_bytes). Call once per input. */
void breach_input_bytes(breach_dataset *ds, const char *data, size_t len);

/* The SHA-256 of data[0..len) as 64 hex digits; *done (may be NULL) follows the bytes
 * hashed, so that a loader hashing on another thread while it parses releases no page
 * before it is hashed. Touches no dataset: safe on any thread. */
void breach_input_digest(const char *data, size_t len, char hex[65], atomic_size_t *done);

/* The same for bytes given in pieces (sha256_init and sha256_update, nettle's): the hex of
 * what h has taken so far (h is reset). */
struct sha256_ctx;
void breach_input_digest_hex(struct sha256_ctx *h, char hex[65]);

/* Records the open input's size and digest. */
void breach_input_set_bytes(breach_dataset *ds, uint64_t size, const char hex[65]);

/* Incident `index` (just added) starts on line `line` of the open input. Lines are kept as
 * marks where they differ from the line after the previous incident's, so a file of one
 * line a row costs nothing. 0 or BREACH_ENOMEM. */
int breach_input_line(breach_dataset *ds, size_t index, long line);

/* A row of the open input that repeats an earlier row of it (breach_input_repeats). */
typedef struct breach_repeat {
    size_t index, earlier; /* incidents: the row, and the first earlier one it repeats */
    size_t rank, earlier_rank; /* the same, counted from the input's first incident (0) */
    int same;              /* every field is the same: flagged BREACH_FLAG_IDENTICAL */
} breach_repeat;

/* Finds the incidents of the open input that repeat an earlier one of it, for a loader
 * that cannot look as it reads (within.c): a row with an id repeats the first earlier row
 * with that id, the same or not; a row without an id repeats the first earlier one without
 * an id that is the same in every field. The rows that are the same are flagged
 * BREACH_FLAG_IDENTICAL. With out, lists them all in index order (*out, NULL when none, is
 * the caller's to free); without (no report to tell), only flags them, in memory that does
 * not grow with their number. 0, or BREACH_ENOMEM with some flagged perhaps and nothing
 * listed (the load fails). On `threads` (the load's) at most. */
int breach_input_repeats(breach_dataset *ds, unsigned threads, breach_repeat **out, size_t *n);

/* Closes the open input (its incidents end here) and, when the dataset holds two inputs or
 * more, finds the notices that arrived twice (input.c, "Identity"): each newly dropped one
 * is listed in report as a BREACH_WARN_OVERLAP warning naming both places. Returns 0 or
 * BREACH_ENOMEM (err filled); nothing to close is 0. */
int breach_input_close(breach_dataset *ds, breach_report *report, breach_error *err);

/* Ends a load that returned rc: closes its input (err given to breach_input_close only when
 * rc is 0, so that the load's own error stands) and returns rc, or the close's status when
 * rc is 0. */
int breach_input_finish(breach_dataset *ds, breach_report *report, int rc, breach_error *err);

/* Frees the dataset's inputs and overlap marks (dataset.c's breach_dataset_free). */
void breach_input_free_all(breach_dataset *ds);

#endif
