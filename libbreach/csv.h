/* An RFC 4180 CSV tokenizer over a buffer in memory (private), shared by every CSV loader.
 *
 * Why our own: the loaders must name the physical line and byte column of every bad
 * field, including fields that follow quoted line breaks, and libcsv reports neither; a
 * buffer scanner with memchr is also what the 10^7-row benchmark needs.
 *
 * Accepted: comma-separated fields; fields in double quotes with "" for a quote and any
 * bytes (CR, LF included) inside; records ending in LF, CRLF or a lone CR; a final record
 * without a line end; a UTF-8 byte-order mark at the start. Refused with a place: a quote
 * inside an unquoted field, anything but a comma or a line end after a closing quote, an
 * unterminated quoted field, a NUL byte, a field over BREACH_CSV_MAX_FIELD bytes, a record
 * of more than BREACH_CSV_MAX_FIELDS fields.
 */
#ifndef BREACH_CSV_H
#define BREACH_CSV_H

#include "breach_private.h"

#define BREACH_CSV_MAX_FIELD ((size_t)16 << 20)
#define BREACH_CSV_MAX_FIELDS 4096

typedef struct breach_csv_field {
    const char *s; /* unquoted, unescaped content (not NUL-terminated) */
    size_t len;
    long line;     /* where the field starts */
    long column;
    int quoted;
} breach_csv_field;

typedef struct breach_csv {
    const char *p, *end;
    const char *source;
    long line;
    const char *line_start;
    long record_line; /* line where the current record starts */
    breach_csv_field *fields;
    size_t nfields, fields_cap;
    char *scratch; /* unescaped quoted fields */
    size_t scratch_len, scratch_cap;
    /* the last 64 bytes the fast path classified (csv.c, classify), usually holding the
       start of the next record, and their masks (a function of those bytes alone), so that
       the bytes are not looked at twice */
    const char *blk;
    uint64_t blk_commas, blk_ends, blk_bad;
} breach_csv;

/* Starts reading data[0..len). source names it in errors (borrowed). */
void breach_csv_init(breach_csv *c, const char *data, size_t len, const char *source);
/* Starts reading at p, the start of line `line` of a larger input, up to end (no byte-order
 * mark is looked for: p is not the input's start). */
void breach_csv_init_at(breach_csv *c, const char *p, const char *end, long line,
                        const char *source);
void breach_csv_free(breach_csv *c);

/* Reads the next record into c->fields / c->nfields (valid until the next call).
 * Returns 1 for a record, 0 at the end, or a negative status with err filled (place
 * included); after an error the reader has skipped to the start of the next line (after
 * an error inside a quoted field: to the line after its closing quote), so a lenient caller
 * may go on reading. */
int breach_csv_next(breach_csv *c, breach_error *err);

/* Whether the current record is one empty unquoted field (a blank line). */
int breach_csv_blank(const breach_csv *c);

#ifdef BREACH_CSV_TEST
/* Built with BREACH_CSV_TEST (tests/test_tokens.c, fuzz/fuzz_tokens.c): whether
 * breach_csv_next tries its fast path (csv.c, next_plain) first, and how many records it
 * read whole, so that a test can compare the two paths record by record. */
extern int breach_csv_fast;
extern long breach_csv_fast_records;
#endif

#endif
