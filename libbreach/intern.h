/* String interning (private): each distinct string is stored once and named by a 32-bit id.
 * Id 0 is reserved for "no string" (NULL). Stored strings are NUL-terminated and never move,
 * so pointers to them stay valid until the table is freed. */
#ifndef BREACH_INTERN_H
#define BREACH_INTERN_H

#include <stddef.h>
#include <stdint.h>

typedef struct breach_intern breach_intern;

breach_intern *breach_intern_new(void);
void breach_intern_free(breach_intern *t);

/* Strings hold no NUL byte (the dataset's come from C strings): the table keeps no lengths.
 * A table is used with one of the two puts only (the other returns BREACH_EINVAL).
 *
 * Interns s[0..len); *id receives its id (>= 1). *is_new (may be NULL) says whether it was
 * added now. Returns 0, or BREACH_ENOMEM / BREACH_ELIMIT (more than 2^32-2 strings). */
int breach_intern_put(breach_intern *t, const char *s, size_t len, uint32_t *id, int *is_new);
/* The same, for a caller who has the string's hash (breach_hash_bytes) already. */
int breach_intern_put_hashed(breach_intern *t, const char *s, size_t len, uint64_t h,
                             uint32_t *id, int *is_new);

/* Stores s[0..len) without looking for an equal string and without a hash table
 * (identifiers, sources, summaries: mostly unique, so hashing them is waste); such a
 * table's breach_intern_find() finds nothing. The id is not a count (ids are not 1..n)
 * but names where the string lies: the table keeps nothing else a string. Returns like
 * breach_intern_put(); BREACH_ELIMIT past 4 GiB of text. */
int breach_intern_put_plain(breach_intern *t, const char *s, size_t len, uint32_t *id);

/* Sizes a deduplicating table for `more` names beyond those it has, so that it is not
 * re-laid out (every name hashed again) on the way: a loader that can estimate what is
 * coming calls it first. 0, or BREACH_ENOMEM / BREACH_EINVAL (a plain table). */
int breach_intern_reserve(breach_intern *t, size_t more);

/* Read-ahead hints for a caller who knows which names come next (the commit a few rows
 * ahead of the row it adds, append_private.h): a lookup in a large table waits on memory
 * three times, for the name's slot, its entry and its text, each address known only from
 * the one before. They change nothing and need not be right: a name not asked for costs
 * a fetch for nothing. */
/* For a hash h: fetches its first slot (step 0), or reads that slot (fetched by now) and
 * fetches the entry of a string whose tag matches (step 1), or reads the entry too and
 * fetches the text (step 2). */
void breach_intern_prefetch_step(const breach_intern *t, uint64_t h, int step);

/* The id of s[0..len) if it is stored (by breach_intern_put), else 0. */
uint32_t breach_intern_find(const breach_intern *t, const char *s, size_t len);

/* The string of an id (NULL for 0 or an unknown id); strlen gives its length. */
const char *breach_intern_get(const breach_intern *t, uint32_t id);

/* Number of stored strings (in a deduplicating table, ids run from 1 to this). */
uint32_t breach_intern_count(const breach_intern *t);

#endif
