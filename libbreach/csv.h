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
 *
 * A closing quote followed by text on a later line than its opening quote is the mark of a
 * stray quote: the lines between were read as one field, and whole rows with it. That error
 * is placed at the opening quote and names the lines the row took (breach_csv_span), so
 * that the rows swallowed are not lost without a word.
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

/* A quoted field that ran on to a later line, where text follows its closing quote: the
 * record's first line, the opening quote's place, the closing quote's line and the column
 * of the text after it. close_line 0: none. */
typedef struct breach_csv_span {
    long row_line, line, column, close_line, close_column;
} breach_csv_span;

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
    breach_csv_span span; /* the last record's error, when a breach_csv_span (else zero) */
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

/* Writes the error text of span s (close_line > 0) into out[0..n): the lines the row runs
 * over, where the quote opened and closed, and what follows it. One wording for the
 * tokenizer and for a row parsed ahead of its line numbers (pipeline.c writes it again
 * once they are known). */
void breach_csv_span_text(const breach_csv_span *s, char *out, size_t n);

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
