/* How loaders hand rows to a dataset (private): the append interface. A loader includes
 * this, not dataset_private.h: it never sees the columns or the names' table.
 *
 * The fast path belongs here, not to one format: a loader that has a run of parsed rows
 * (loader.c's batches) prepares each row's entity key where it parsed it (folded and
 * hashed), possibly on another thread, and while it adds row i asks the dataset to fetch
 * the table slot of row i + 16's key, the entry of row i + 8's and the text of row i + 4's
 * (breach_dataset_prefetch), so that adding a row seldom waits on memory. The name itself
 * is stored as given, never looked up (dataset.c). */
#ifndef BREACH_APPEND_PRIVATE_H
#define BREACH_APPEND_PRIVATE_H

#include "breach_private.h"

/* A row's entity name, prepared ahead: its key (breach_entity_key) and the key's hash
 * (breach_hash_bytes). ok == 0: nothing prepared (no name, or the key could not be
 * folded): the dataset folds it itself. */
typedef struct breach_row_prep {
    uint64_t khash;
    const char *key; /* klen bytes (no NUL needed); khash is 0 for an empty key */
    size_t klen;
    int ok;
    int checked; /* the incident passed breach_incident_check (set by the loader) */
} breach_row_prep;

/* Prepares p for the name s[0..len) (NULL: none), the key folded into buf[0..size) when it
 * fits (else p->ok stays 0). Thread-safe: touches no dataset. */
void breach_row_prepare(breach_row_prep *p, const char *s, size_t len, char *buf, size_t size);

/* What breach_dataset_add checks before it stores anything (the incident's own values: its
 * strings, vocabularies, dates, counts, regions), with the same status and message; lens
 * as below. Thread-safe: touches no dataset. */
int breach_incident_check(const breach_incident *in, const size_t *lens, breach_error *err);

/* breach_dataset_add with what a loader knows already (either may be NULL):
 * lens: the lengths of id, entity, entity_type, actor, vendor, via, source and summary (0
 * for NULL), given only when the loader checked these strings as UTF-8 without NUL
 * bytes (nothing is scanned twice); prep: the entity name prepared for this very name
 * (ok), and whether breach_incident_check passed already (checked). */
long breach_dataset_add_text(breach_dataset *ds, const breach_incident *in, const size_t *lens,
                             const breach_row_prep *prep, breach_error *err);

/* Read-ahead for a row to be added soon: step 0 fetches its key's table slot, step 1 (some
 * rows later) its entry, step 2 its text. Hints only. */
void breach_dataset_prefetch(const breach_dataset *ds, const breach_row_prep *p, int step);

/* Makes room for about `rows` more incidents and `names` more distinct names (entity
 * keys, vendors...), for a loader that can estimate them: the columns and the names'
 * table are then not re-laid out as they fill. Room never written costs no resident
 * memory in the columns; the names' table is sized to hold `names` at two thirds full.
 * 0 or BREACH_ENOMEM, with the columns as they were (the table, an estimate refused,
 * grows as names come): the dataset stays usable either way. */
int breach_dataset_reserve(breach_dataset *ds, size_t rows, size_t names);

/* Attribute helpers for loaders: add s[0..len) (not NUL-terminated) as a value of field to
 * the last incident; empty values are skipped. The field's id is remembered by the name's
 * address (and checked on a hit). 0 or a negative status (err filled). */
int breach_attr_add_n(breach_dataset *ds, const char *field, const char *s, size_t len,
                      breach_error *err);

/* Adds each item of the sep-separated list s[0..len) as a value of field (items
 * trimmed, empty ones skipped): the multi-valued columns of CSV sources. */
int breach_attr_add_list(breach_dataset *ds, const char *field, const char *s, size_t len,
                         char sep, breach_error *err);

/* Distinct names the dataset holds (for such an estimate). */
size_t breach_dataset_names(const breach_dataset *ds);

#endif
