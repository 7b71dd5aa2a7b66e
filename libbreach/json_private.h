/* What the JSON loaders share (private, used by io_veris.c and io_hibp.c): splitting a JSON
 * text into records with their places, parsing each record with jansson under the
 * documented limits, finding the place of a field inside a record for rejects and
 * warnings, per-record scratch strings, and duplicate-id detection.
 *
 * A JSON text is either one record (an object) or an array of records. The text is split
 * by a byte scanner (no recursion, so any nesting depth is safe) and each record is parsed
 * on its own: memory stays bounded by the largest record, a syntax error in one record
 * rejects that record only, and every record has a line and column. jansson keeps no
 * positions in its values, so the place of a bad field is found again in the record's
 * text by its path ("attribute.confidentiality.data[1].variety") when it is needed.
 *
 * Rows read = rows loaded + rows rejected, as for every loader: each record is one row.
 */
#ifndef BREACH_JSON_PRIVATE_H
#define BREACH_JSON_PRIVATE_H

#include <jansson.h>

#include "report_private.h"

/* A rejected record or a warning: code, place and reason. */
typedef struct breach_jissue {
    int code;
    long line, column;
    char text[BREACH_ERROR_TEXT_LEN];
} breach_jissue;

/* One record of a JSON text. */
typedef struct breach_jrec {
    const char *text; /* its JSON text (not NUL-terminated) */
    size_t len;
    long line, column; /* where it starts in its source */
    long row;          /* 1-based record number in its source */
    json_t *root;      /* the parsed record (owned by the loop) */
} breach_jrec;

typedef struct breach_jload breach_jload;

/* Maps one parsed record into *inc. Strings may point into rec->root (valid until the
 * record is added) or come from breach_jtmp(). Returns 0, or a negative status with *is
 * filled (breach_jfail) to reject the record. */
typedef int (*breach_jmap_fn)(breach_jload *L, const breach_jrec *rec, breach_incident *inc,
                              breach_jissue *is);

typedef struct breach_jidset breach_jidset;

struct breach_jload {
    breach_dataset *ds;
    breach_load_options opt;
    breach_report *report;
    breach_jmap_fn map;
    const char *what;     /* a record's name in messages: "incident", "breach" */
    const char *id_field; /* the field that identifies a record: "incident_id", "Name" */
    /* the current source and record */
    const char *source;
    size_t source_index;
    const breach_jrec *rec;
    /* scratch strings of the current record */
    char **tmp;
    size_t n_tmp, tmp_cap;
    /* ids met so far in this load */
    breach_jidset *ids;
    /* (may be NULL) records the enumerated attributes of a record just added as the
       dataset's last incident (breach_dataset_add_attr); 0 or a negative status */
    int (*attrs)(breach_jload *L, json_t *root);
};

/* Prepares L (opt NULL = strict). Returns 0 or BREACH_ENOMEM. */
int breach_jload_init(breach_jload *L, breach_dataset *ds, const breach_load_options *opt,
                      breach_report *report, breach_jmap_fn map, const char *what,
                      const char *id_field);
void breach_jload_free(breach_jload *L);

/* Loads one JSON text named `source` (a record or an array of records; a UTF-8 byte-order
 * mark is skipped). Returns BREACH_OK or a negative status with err filled: in strict mode
 * the first rejected record; in either mode a text that is not a JSON object or array, a
 * structural error between records (text after them, a missing comma), or ENOMEM. Records
 * before a failure stay loaded. *file_level (may be NULL) is set when the failure is of
 * the text as a whole rather than of one record. */
int breach_jload_text(breach_jload *L, const char *data, size_t len, const char *source,
                      int *file_level, breach_error *err);

/* Counts and lists a whole text that could not be read as one rejected row (lenient loads
 * of several files: a broken file is one lost row, and the load goes on). */
int breach_jload_reject_text(breach_jload *L, const char *source, const breach_error *why);

/* ---------------------------------------------------------------- helpers for mappers */

/* The value at a dotted path ("a.b[2].c") under v, or NULL when a step is missing. */
json_t *breach_jget(json_t *v, const char *path);

/* The place of the value at `path` in the current record (the deepest part of the path
 * that exists when the whole does not). */
void breach_jplace(const breach_jload *L, const char *path, long *line, long *column);

/* Fills *is with code, the place of `path` and a reason "path: ..." and returns code. */
int breach_jfail(const breach_jload *L, breach_jissue *is, const char *path, int code,
                 const char *fmt, ...) BREACH_PRINTF(5, 6);

/* Lists a warning placed at `path` in the current record. Returns 0 or BREACH_ENOMEM. */
int breach_jwarn(breach_jload *L, const char *path, int code, const char *fmt, ...)
    BREACH_PRINTF(4, 5);

/* A scratch string for the current record (freed after it is added), or NULL when out of
 * memory. */
const char *breach_jtmp(breach_jload *L, const char *fmt, ...) BREACH_PRINTF(2, 3);

/* A JSON type's name for messages ("a number", "an array"). */
const char *breach_jtype(const json_t *v);

/* Typed getters: absent or null values give "not stated" (NULL, *has = 0) and 0; a value of
 * another type rejects the record (BREACH_EPARSE, placed at the value). */
int breach_jstr(const breach_jload *L, breach_jissue *is, json_t *root, const char *path,
                const char **out);
int breach_jint(const breach_jload *L, breach_jissue *is, json_t *root, const char *path,
                int *has, json_int_t *out);
int breach_jbool(const breach_jload *L, breach_jissue *is, json_t *root, const char *path,
                 int *out);
/* An array (NULL when absent or null) or an object, checked likewise. */
int breach_jarr(const breach_jload *L, breach_jissue *is, json_t *root, const char *path,
                json_t **out);
int breach_jobj(const breach_jload *L, breach_jissue *is, json_t *root, const char *path,
                json_t **out);

#endif
