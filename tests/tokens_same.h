/* The tokenizer's two paths compared record by record (csv.c compiled with
 * BREACH_CSV_TEST): what breach_csv_next gives with its fast path off, the general path
 * alone, must be what it gives with the fast path on, for any bytes. Shared by
 * tests/test_tokens.c and fuzz/fuzz_tokens.c. */
#ifndef BREACH_TOKENS_SAME_H
#define BREACH_TOKENS_SAME_H

#include "../libbreach/csv.h"

#include <stdio.h>
#include <string.h>

/* One record's comparison; 0 when equal, else 1 with why filled. */
static int tokens_record_same(const breach_csv *a, int ra, const breach_error *ea,
                              const breach_csv *b, int rb, const breach_error *eb,
                              const char *data, long rec, char *why, size_t whylen)
{
#define TOKENS_DIFFER(...)                                                                    \
    do {                                                                                       \
        int n_ = snprintf(why, whylen, "record %ld: ", rec);                                  \
        if (n_ >= 0 && (size_t)n_ < whylen)                                                    \
            snprintf(why + n_, whylen - (size_t)n_, __VA_ARGS__);                              \
        return 1;                                                                              \
    } while (0)
    if (ra != rb)
        TOKENS_DIFFER("returns %d without the fast path, %d with it", ra, rb);
    if (ra < 0 && (ea->code != eb->code || ea->line != eb->line || ea->column != eb->column ||
                   strcmp(ea->text, eb->text) != 0))
        TOKENS_DIFFER("error %d at %ld:%ld '%s' without the fast path, %d at %ld:%ld '%s' with it",
                      ea->code, ea->line, ea->column, ea->text, eb->code, eb->line, eb->column,
                      eb->text);
    if (a->p != b->p || a->line != b->line || a->line_start != b->line_start)
        TOKENS_DIFFER("ends at byte %ld line %ld (line start %ld) without the fast path, at byte "
                      "%ld line %ld (line start %ld) with it",
                      (long)(a->p - data), a->line, (long)(a->line_start - data),
                      (long)(b->p - data), b->line, (long)(b->line_start - data));
    if (ra <= 0)
        return 0; /* the fields of a record in error are not read by anyone */
    if (a->record_line != b->record_line || a->nfields != b->nfields)
        TOKENS_DIFFER("line %ld, %zu fields without the fast path; line %ld, %zu fields with it",
                      a->record_line, a->nfields, b->record_line, b->nfields);
    for (size_t i = 0; i < a->nfields; i++) {
        const breach_csv_field *x = &a->fields[i], *y = &b->fields[i];
        if (x->len != y->len || x->line != y->line || x->column != y->column ||
            x->quoted != y->quoted || memcmp(x->s, y->s, x->len) != 0)
            TOKENS_DIFFER("field %zu: %zu bytes at %ld:%ld (quoted %d) without the fast path, "
                          "%zu bytes at %ld:%ld (quoted %d) with it",
                          i + 1, x->len, x->line, x->column, x->quoted, y->len, y->line,
                          y->column, y->quoted);
    }
    return 0;
#undef TOKENS_DIFFER
}

/* Reads data[0..len) to its end both ways. 0 when every record is the same, 1 with why
 * filled at the first difference. */
static int tokens_same(const char *data, size_t len, char *why, size_t whylen)
{
    breach_csv a, b;
    breach_csv_init(&a, data, len, "t.csv");
    breach_csv_init(&b, data, len, "t.csv");
    int differ = 0;
    /* every call reads at least a byte or ends: a bound on calls that cannot be reached */
    for (long rec = 1; rec <= (long)len + 2; rec++) {
        breach_error ea, eb;
        breach_error_clear(&ea);
        breach_error_clear(&eb);
        int saved = breach_csv_fast;
        breach_csv_fast = 0;
        int ra = breach_csv_next(&a, &ea);
        breach_csv_fast = 1;
        int rb = breach_csv_next(&b, &eb);
        breach_csv_fast = saved;
        if ((differ = tokens_record_same(&a, ra, &ea, &b, rb, &eb, data, rec, why, whylen)) ||
            ra == 0)
            break;
    }
    breach_csv_free(&a);
    breach_csv_free(&b);
    return differ;
}

#endif
