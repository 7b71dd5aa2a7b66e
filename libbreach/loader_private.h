/* What the source-format loaders share (private): the per-load state, the row loop over a
 * CSV buffer, rejects and warnings with a place, the row's string arena, the exact-
 * duplicate finder, and small parsers every loader needs (used by io_hhs.c, io_wa.c,
 * io_mapped.c, io_canonical.c and io_load.c). The row pipeline itself (breach_loader_run:
 * chunks, batches, threads) is pipeline.c; doc/loader.md says how it keeps one thread's
 * results whatever the number of threads.
 *
 * The row loop keeps the library's rule: rows read = rows loaded + rows rejected. A
 * syntax error, a row whose field count differs from the header's and a row the format
 * callback refuses are all read and rejected; strict mode stops at the first, lenient
 * mode lists it and goes on.
 */
#ifndef BREACH_LOADER_PRIVATE_H
#define BREACH_LOADER_PRIVATE_H

#include "csv.h"

#include <stdatomic.h>
#include "append_private.h"
#include "report_private.h"

/* A row that cannot be loaded: code, place and reason (one sentence). span: the
 * tokenizer's error of a quoted field that ran on to later lines (csv.h; close_line 0:
 * none), whose text names lines, so that a row parsed ahead has it written again once its
 * lines are known (pipeline.c, commit). */
typedef struct breach_row_error {
    int code;
    long line, column;
    breach_csv_span span;
    char text[BREACH_ERROR_TEXT_LEN];
} breach_row_error;

/* Fills *re for field f (NULL: the whole row, place filled by the loop) and returns code. */
int breach_row_fail(breach_row_error *re, const breach_csv_field *f, int code, const char *fmt,
                    ...) BREACH_PRINTF(4, 5);

/* One row's position in the input, for exact-duplicate detection. */
typedef struct breach_dup_entry {
    uint64_t hash;
    const char *raw;
    size_t len;
    long row, line;
} breach_dup_entry;

typedef struct breach_loader {
    breach_dataset *ds;
    breach_load_options opt;
    breach_report *report;
    size_t source_index;
    const char *source; /* name in errors and reports (borrowed) */
    const char *base;   /* its last path component, for ids and incident sources */
    size_t nheader;     /* fields per row, set by the header callback */
    /* the current row */
    const char *raw;    /* its bytes in the input, line end excluded */
    size_t raw_len;
    long row, line;
    struct breach_arena_block *blocks; /* NUL-terminated strings of the current row */
    struct breach_arena_block *cur;
    int overflow;       /* an arena allocation failed (the row is rejected as ENOMEM) */
    breach_region_count *regions;
    size_t n_regions, regions_cap;
    /* exact duplicates (open addressing; NULL until the first row is remembered) */
    breach_dup_entry *dups;
    size_t n_dups, dups_cap;
    struct breach_file *file; /* the file being read; released behind the commit only for a
                                 parallel format (the others keep earlier rows' bytes:
                                 exact duplicates); or NULL */
    /* rows parsed ahead of being added (pipeline.c): warnings, attributes and strings are
       kept with their row until it is added, in row order; NULL when adding as it goes */
    struct breach_batch *batch;
    /* set by a row callback that checked every text field of *inc as UTF-8 without NUL
       bytes, with their lengths (id, entity, entity_type, actor, vendor, via, source,
       summary; 0 for none): the dataset does not scan them again */
    int text_checked;
    size_t text_len[8];
    long inconsistent_column; /* set by a row callback: the column to name when the dataset
                                 refuses the row as inconsistent (0: none) */
    unsigned threads; /* threads this load may use (opt.threads, else breach_threads()) */
    /* a file hashed on another thread while it is parsed: bytes from hash_base hashed so
       far (no page is released before it is hashed); NULL when hashed before */
    atomic_size_t *hashed;
    const char *hash_base;
} breach_loader;

/* ---------------------------------------------------------------- rows parsed ahead */

enum { BREACH_ROW_ADD, BREACH_ROW_KEPT, BREACH_ROW_REJECT, BREACH_ROW_NOMEM };

typedef struct breach_batch_issue {
    size_t at; /* the batch row it belongs to */
    long row;  /* the row number it names (breach_loader_warn's) */
    int code;
    long line, column;
    const char *text; /* in the arena */
} breach_batch_issue;

typedef struct breach_batch_attr {
    size_t at; /* the batch row it belongs to */
    const char *field, *s;
    size_t len;
    char sep;
    int placed;
    long line, column;
} breach_batch_attr;

typedef struct breach_batch_row {
    int kind;       /* BREACH_ROW_* */
    long row, line; /* row number and the line it starts on (see breach_loader_ops.parallel) */
    breach_incident inc; /* strings and regions in the arena */
    size_t lens[8];
    int text_checked;
    breach_row_prep prep;
    size_t reject;  /* kind REJECT: its entry in rejects */
    long inconsistent_column; /* the column named when the dataset finds it inconsistent */
} breach_batch_row;

typedef struct breach_batch {
    breach_batch_row *rows;
    size_t n, cap;
    breach_row_error *rejects;
    size_t n_rejects, rejects_cap;
    breach_batch_issue *issues;
    size_t n_issues, issues_cap;
    breach_batch_attr *attrs;
    size_t n_attrs, attrs_cap;
    int nomem; /* an array could not grow: the rows end there and the load stops (ENOMEM) */
} breach_batch;

/* The threads a load may use: opt->threads, else the library's setting (breach_threads);
 * at most BREACH_THREADS_MAX. */
unsigned breach_load_threads(const breach_load_options *opt);

/* Prepares L for one load: options (NULL = strict), source name (NULL options or name =
 * `fallback`), the report's source entry. Returns 0 or BREACH_ENOMEM / BREACH_EINVAL. */
int breach_loader_begin(breach_loader *L, breach_dataset *ds, const breach_load_options *opt,
                        const char *fallback, breach_report *report, breach_error *err);
void breach_loader_end(breach_loader *L);

/* Per-format callbacks for breach_loader_run.
 *  header: reads the header record from c (breach_csv_next), sets L->nheader, returns 0 or
 *          a negative status with err filled (nothing is loaded then).
 *  row:    parses the current record into *inc (strings in L's arena, regions in
 *          L->regions). Returns 0 to have the loop add *inc, 1 when the callback kept the
 *          row itself (grouping: it then counts it loaded or rejected later), or a negative
 *          status with *re filled to reject the row.
 *  finish: (may be NULL) called once at the end, also after a strict stop, to add what the
 *          callback kept; returns 0 or the first error it met (err filled). */
typedef struct breach_loader_ops {
    int (*header)(void *self, breach_loader *L, breach_csv *c, breach_error *err);
    int (*row)(void *self, breach_loader *L, const breach_csv *c, breach_incident *inc,
               breach_row_error *re);
    int (*finish)(void *self, breach_loader *L, breach_error *err);
    const char *format; /* the format's name, for the dataset's inputs ("hhs", ...) */
    /* (may be NULL) the enumerated attributes of a row the row callback took (returned 0),
       given with breach_loader_attr: they are stored when the row is added (and dropped
       with it when it is not); 0 or a negative status (err filled) */
    int (*attrs)(void *self, breach_loader *L, const breach_csv *c, breach_error *err);
    /* The row callback may run on several threads at once, on rows ahead of those added:
       it reads only the record, L's options and *self as the header left it, and it does
       not use L->row or L->line (which are then counted from the chunk's start, not the
       file's). Formats whose rows depend on earlier rows (exact duplicates, grouping, ids
       by row number) leave it 0: their rows are parsed on the loading thread, in order,
       still in batches that get the append's read-ahead. */
    int parallel;
} breach_loader_ops;

/* Reads data[0..len) through ops. Returns BREACH_OK or the first error (strict mode, or a
 * header / memory failure in either mode). */
int breach_loader_run(breach_loader *L, const char *data, size_t len, const breach_loader_ops *ops,
                      void *self, breach_error *err);

/* Same for a file: maps it and names the load by the path unless opt names it. */
int breach_loader_run_file(breach_dataset *ds, const char *path, const breach_load_options *opt,
                           breach_report *report, const breach_loader_ops *ops, void *self,
                           breach_error *err);
int breach_loader_run_buffer(breach_dataset *ds, const char *data, size_t len,
                             const breach_load_options *opt, breach_report *report,
                             const breach_loader_ops *ops, void *self, breach_error *err);

/* Lists a rejected row (L->row unless row > 0 given); in strict mode (or when listing ran
 * out of memory) also fills err and returns the status that stops the load, else 0. */
int breach_loader_reject(breach_loader *L, long row, const breach_row_error *re, breach_error *err);

/* Lists a warning for the current row (row 0 = the header); for a row parsed ahead, kept
 * with the row and listed when it is added. Returns 0 or BREACH_ENOMEM. */
int breach_loader_warn(breach_loader *L, long row, int code, long line, long column,
                       const char *fmt, ...) BREACH_PRINTF(6, 7);

/* Adds *inc to the dataset and counts the row loaded; on failure rejects it (row, line). */
int breach_loader_add(breach_loader *L, long row, long line, const breach_incident *inc,
                      breach_error *err);

/* The row's string arena: a chain of blocks that never move, so every string of a row stays
 * valid until the next row starts. breach_loader_reserve() starts a row (keeping the blocks,
 * the first one at least `need` bytes so that one allocation usually serves the row); a
 * failed allocation returns NULL and sets L->overflow, which rejects the row as ENOMEM. A
 * copy of an empty string is NULL ("not stated"). */
int breach_loader_reserve(breach_loader *L, size_t need);
const char *breach_loader_copy(breach_loader *L, const char *s, size_t n);
const char *breach_loader_printf(breach_loader *L, const char *fmt, ...) BREACH_PRINTF(2, 3);
/* n bytes from the row's arena aligned for any value, or NULL (L->overflow set). */
void *breach_loader_alloc(breach_loader *L, size_t n);
/* Starts a batch of rows parsed ahead: the arena becomes one block holding what it held
 * (strings of the previous batch are gone); breach_loader_reserve then keeps every row's. */
int breach_loader_restart(breach_loader *L);

/* An enumerated attribute of the current row (attrs callback): field (static or living
 * through the load), the value s[0..len) split at sep (0: one value). With placed, a
 * failure to store it is reported at line:column as "attr.FIELD: why". Returns 0 or
 * BREACH_ENOMEM. */
int breach_loader_attr(breach_loader *L, const char *field, const char *s, size_t len, char sep,
                       int placed, long line, long column);

/* A size hint for breach_loader_reserve: the row's fields, the id and source texts, extra. */
size_t breach_loader_row_need(const breach_loader *L, const breach_csv *c, size_t extra);

/* A text field: checks UTF-8 (reject named `what` at the field's place) and copies it as
 * given (no trimming; empty gives NULL). */
int breach_loader_text(breach_loader *L, const breach_csv_field *f, const char *what,
                       const char **out, breach_row_error *re);

/* Joins the non-empty fields as "label: value; label: value" into the arena (*out NULL when
 * all are empty); a field that is not UTF-8 rejects the row. Callers trim the fields. */
int breach_loader_join(breach_loader *L, size_t n, const char *const *labels,
                       const breach_csv_field *fields, const char **out, breach_row_error *re);

/* Appends a regional count to the row's breakdown (L->regions). */
int breach_loader_add_region(breach_loader *L, breach_region r, breach_count c);

/* Exact duplicates: returns the earlier row identical (byte for byte) to the current one
 * and remembers the current row; 0 when there is none. Negative on ENOMEM. */
long breach_loader_duplicate(breach_loader *L, long *earlier_line);

/* Warns that row `row` (on `line`) is identical to row `earlier` (on `earlier_line`) and
 * that both are kept: the one wording of every loader. Returns 0 or BREACH_ENOMEM. */
int breach_loader_warn_identical(breach_loader *L, long row, long line, long earlier,
                                 long earlier_line);

/* The current row against the earlier ones (breach_loader_duplicate): when one is
 * identical, warns of it (breach_loader_warn_identical) and flags *inc
 * BREACH_FLAG_IDENTICAL. Returns 0 or BREACH_ENOMEM. */
int breach_loader_check_identical(breach_loader *L, breach_incident *inc);

/* When occurred_end is before occurred_start, a source contradicts itself and neither date
 * can be trusted: both become unknown and a warning quotes them. Returns 0 or ENOMEM. */
int breach_loader_check_occurred(breach_loader *L, breach_incident *inc, const char *start_name,
                                 const char *end_name);

/* The trailing parenthesised part of an organisation name when it names another
 * organisation ("Humana, Inc. (Welltok, Inc.)" -> "Welltok, Inc."); 0 when there is none
 * or it is an alias of the name itself: quoted ("(“Ibex”)"), a d/b/a, or an acronym of the
 * name's words ("(UMC)", "(PJ&A)"). See doc/formats.md. */
int breach_name_parenthesis(const char *s, size_t n, const char **part, size_t *plen);

/* Header-cell comparison: case-insensitive, outer spaces ignored, inner runs of spaces one. */
int breach_header_eq(const char *s, size_t n, const char *name);

/* Whether s[0..n), trimmed, is all ASCII digits (and not empty). */
int breach_all_digits(const char *s, size_t n);

/* The last path component of a name ("a/b/c.csv" -> "c.csv"). */
const char *breach_path_base(const char *path);

/* Sniffers for breach_format_detect: whether data (its beginning is enough) is an HHS
 * portal export / a Washington AG export: 1 or 0, or BREACH_ENOMEM when reading its first
 * records ran out of memory (then nothing is known of the format). */
int breach_hhs_sniff(const char *data, size_t len);
int breach_wa_sniff(const char *data, size_t len);

#endif
