/* RFC 4180 CSV tokenizer; see csv.h for what it accepts and refuses. */
#include "csv.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void breach_csv_init(breach_csv *c, const char *data, size_t len, const char *source)
{
    memset(c, 0, sizeof *c);
    c->p = data;
    c->end = data + len;
    c->source = source;
    c->line = 1;
    c->line_start = data;
    if (len >= 3 && (unsigned char)data[0] == 0xEF && (unsigned char)data[1] == 0xBB &&
        (unsigned char)data[2] == 0xBF) {
        c->p += 3; /* columns still count the BOM's bytes: they are on the line */
    }
}

void breach_csv_init_at(breach_csv *c, const char *p, const char *end, long line,
                        const char *source)
{
    memset(c, 0, sizeof *c);
    c->p = p;
    c->end = end;
    c->source = source;
    c->line = line;
    c->line_start = p;
}

void breach_csv_free(breach_csv *c)
{
    breachp_free(c->fields);
    breachp_free(c->scratch);
    c->fields = NULL;
    c->scratch = NULL;
}

static long col_of(const breach_csv *c, const char *p) { return (long)(p - c->line_start) + 1; }

/* The bytes that end an unquoted run: comma, line ends, quote, NUL. One table load a byte
 * instead of five comparisons in the loop that reads most of a file. */
static const unsigned char stops_unquoted[256] = {[','] = 1, ['\n'] = 1, ['\r'] = 1, ['"'] = 1,
                                                  ['\0'] = 1};
/* Inside quotes: the quote, line ends (counted) and NUL. */
static const unsigned char stops_quoted[256] = {['"'] = 1, ['\n'] = 1, ['\r'] = 1, ['\0'] = 1};

static const char *scan(const char *q, const char *end, const unsigned char *stops)
{
    while (end - q >= 4) {
        if (stops[(unsigned char)q[0]])
            return q;
        if (stops[(unsigned char)q[1]])
            return q + 1;
        if (stops[(unsigned char)q[2]])
            return q + 2;
        if (stops[(unsigned char)q[3]])
            return q + 3;
        q += 4;
    }
    while (q < end && !stops[(unsigned char)*q])
        q++;
    return q;
}

#ifdef __SSE2__
#include <emmintrin.h>
/* scan(), sixteen bytes at a time (SSE2 is part of x86-64): a field's end is found with one
 * load, five compares and one bit scan, where the byte loop took a table load and a branch
 * a byte (tokenising was 11 % of a load). The stops are the line ends, the quote and NUL,
 * and `extra` (a comma outside quotes; inside, the quote again); stops is their table, for
 * the tail. */
static inline const char *scan16(const char *q, const char *end, char extra,
                                 const unsigned char *stops)
{
    const __m128i x = _mm_set1_epi8(extra), lf = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r'),
                  quote = _mm_set1_epi8('"'), nul = _mm_setzero_si128();
    while (end - q >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)q);
        __m128i hit = _mm_or_si128(
            _mm_or_si128(_mm_cmpeq_epi8(v, x), _mm_cmpeq_epi8(v, lf)),
            _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, cr), _mm_cmpeq_epi8(v, quote)),
                         _mm_cmpeq_epi8(v, nul)));
        unsigned m = (unsigned)_mm_movemask_epi8(hit);
        if (m)
            return q + __builtin_ctz(m);
        q += 16;
    }
    return scan(q, end, stops);
}
#else
static inline const char *scan16(const char *q, const char *end, char extra,
                                 const unsigned char *stops)
{
    (void)extra;
    return scan(q, end, stops);
}
#endif

/* Skips to just after the next line end (CR, LF or CRLF), ignoring quotes. */
static void skip_line(breach_csv *c)
{
    while (c->p < c->end && *c->p != '\n' && *c->p != '\r')
        c->p++;
    if (c->p < c->end) {
        if (*c->p == '\r' && c->p + 1 < c->end && c->p[1] == '\n')
            c->p++;
        c->p++;
        c->line++;
        c->line_start = c->p;
    }
}

static int fail(breach_csv *c, breach_error *err, int code, long line, long col, const char *msg)
{
    breach_fail_at(err, code, c->source, line, col, "%s", msg);
    skip_line(c);
    return code;
}

/* After an error inside a quoted field at q: goes on to the closing quote (stepping over ""
 * pairs and counting the line breaks inside), then to the end of that line, so the rest of
 * the field is not read as records. At the end of the input it just stops there. */
static int fail_quoted(breach_csv *c, breach_error *err, int code, long line, long col,
                       const char *msg, const char *q)
{
    breach_fail_at(err, code, c->source, line, col, "%s", msg);
    while (q < c->end) {
        if (*q == '"') {
            if (q + 1 < c->end && q[1] == '"') {
                q += 2;
                continue;
            }
            c->p = q + 1;
            skip_line(c);
            return code;
        }
        if (*q == '\n' || *q == '\r') {
            if (*q == '\r' && q + 1 < c->end && q[1] == '\n')
                q++;
            q++;
            c->line++;
            c->line_start = q;
            continue;
        }
        q++;
    }
    c->p = c->end;
    return code;
}

static inline int push_field(breach_csv *c, const char *s, size_t len, long line, long col,
                             int quoted)
{
    if (c->nfields >= BREACH_CSV_MAX_FIELDS)
        return BREACH_ELIMIT;
    if (c->nfields >= c->fields_cap &&
        breach_grow((void **)&c->fields, &c->fields_cap, c->nfields + 1, sizeof *c->fields))
        return BREACH_ENOMEM;
    breach_csv_field *f = &c->fields[c->nfields++];
    f->s = s;
    f->len = len;
    f->line = line;
    f->column = col;
    f->quoted = quoted;
    return 0;
}

#ifdef __SSE2__
/* Classifies the 64 bytes at q into c's masks, a bit a byte: commas, line ends (CR, LF),
 * and the bytes the general path must read (quote, NUL). The masks are a function of those
 * bytes alone, kept for the next record, which usually starts among them. */
static void classify(breach_csv *c, const char *q)
{
    const __m128i comma = _mm_set1_epi8(','), lf = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r'),
                  quote = _mm_set1_epi8('"'), nul = _mm_setzero_si128();
    uint64_t cm = 0, e = 0, b = 0;
    for (int k = 0; k < 4; k++) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(q + 16 * k));
        cm |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, comma)) << (16 * k);
        e |= (uint64_t)(unsigned)_mm_movemask_epi8(
                 _mm_or_si128(_mm_cmpeq_epi8(v, lf), _mm_cmpeq_epi8(v, cr)))
             << (16 * k);
        b |= (uint64_t)(unsigned)_mm_movemask_epi8(
                 _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, nul)))
             << (16 * k);
    }
    c->blk = q;
    c->blk_commas = cm;
    c->blk_ends = e;
    c->blk_bad = b;
}

/* Lists the field [s, e) the fast path read; 0 when it may not (a field too long, one too
 * many, no memory for the list): the general path then reads it and says what is wrong. */
static int push_plain(breach_csv *c, const char *s, const char *e, long line)
{
    return c->nfields < BREACH_CSV_MAX_FIELDS && (size_t)(e - s) <= BREACH_CSV_MAX_FIELD &&
           push_field(c, s, (size_t)(e - s), line, col_of(c, s), 0) == 0;
}

/* The usual record, read from bit masks of 64 bytes at a time: each field's end is a bit
 * of the comma mask, so that a field costs a bit scan, not a load and compares of its own
 * (tokenising was 11 % of a 10^7 load; bench/gen's rows went from 46 to 27 ns a record).
 * Returns 1 with the record read exactly as the general path below reads it (fields,
 * lines, columns). Returns 0 at the first field it cannot read so, with c->p at that
 * field's start and the fields before it listed, for the general path to go on from there:
 * a field with a quote or a NUL, a field too long or one too many (the general path says
 * what is wrong), no memory for the field list (the general path tries again, and fails
 * the record if it fails too), or fewer than 64 bytes left in the input.
 * tests/test_tokens.c and fuzz/fuzz_tokens.c compare the two paths on any bytes. */
static int next_plain(breach_csv *c)
{
    const char *field = c->p;
    if (!(c->blk && c->p >= c->blk && c->p - c->blk < 64 && c->end - c->blk >= 64)) {
        if (c->end - c->p < 64)
            return 0;
        classify(c, c->p);
    }
    /* the bits of the block from the record's start on */
    const char *q = c->blk;
    uint64_t from = ~(((uint64_t)1 << (field - q)) - 1);
    uint64_t commas = c->blk_commas & from, stop = (c->blk_ends | c->blk_bad) & from;
    long line = c->line;
    for (;;) {
        /* the commas before the first stop (all of them without one) */
        uint64_t before = stop ? (stop & -stop) - 1 : ~(uint64_t)0;
        for (uint64_t m = commas & before; m; m &= m - 1) {
            const char *e = q + __builtin_ctzll(m);
            if (!push_plain(c, field, e, line)) {
                c->p = field;
                return 0;
            }
            field = e + 1;
        }
        if (stop)
            break;
        q += 64;
        if (c->end - q < 64) {
            c->p = field;
            return 0;
        }
        classify(c, q);
        commas = c->blk_commas;
        stop = c->blk_ends | c->blk_bad;
    }
    unsigned at = (unsigned)__builtin_ctzll(stop);
    const char *e = q + at;
    if (((c->blk_bad >> at) & 1) || !push_plain(c, field, e, line)) {
        c->p = field; /* a quote or a NUL in this field, or a limit: the general path */
        return 0;
    }
    /* the line end: CR, LF or CRLF */
    if (*e == '\r' && e + 1 < c->end && e[1] == '\n')
        e++;
    c->p = e + 1;
    c->line = line + 1;
    c->line_start = c->p;
    return 1;
}
#endif

#ifdef BREACH_CSV_TEST
int breach_csv_fast = 1;
long breach_csv_fast_records;
#define FAST_PATH breach_csv_fast
#define FAST_COUNT() breach_csv_fast_records++
#else
#define FAST_PATH 1
#define FAST_COUNT() ((void)0)
#endif

int breach_csv_next(breach_csv *c, breach_error *err)
{
    int quoted = 0; /* a field of this record was quoted: its text is in scratch */
    c->nfields = 0;
    c->scratch_len = 0;
    c->span.close_line = 0;
    if (c->p >= c->end)
        return 0;
    c->record_line = c->line;
#ifdef __SSE2__
    if (FAST_PATH && next_plain(c)) {
        FAST_COUNT();
        return 1;
    } /* else the fields it did read stay, and the rest are read below */
#endif
    for (;;) {
        long fline = c->line, fcol = col_of(c, c->p);
        int rc;
        if (c->p < c->end && *c->p == '"') {
            /* quoted field: copy into scratch, "" -> " */
            const char *q = c->p + 1;
            size_t start = c->scratch_len;
            for (;;) {
                const char *run = q;
                q = scan16(q, c->end, '"', stops_quoted);
                size_t add = (size_t)(q - run);
                if (c->scratch_len - start + add > BREACH_CSV_MAX_FIELD)
                    return fail_quoted(c, err, BREACH_ELIMIT, fline, fcol,
                                       "quoted field longer than the 16 MiB limit", q);
                if (breach_grow((void **)&c->scratch, &c->scratch_cap, c->scratch_len + add + 1, 1))
                    return fail_quoted(c, err, BREACH_ENOMEM, fline, fcol,
                                       "out of memory reading a field", q);
                memcpy(c->scratch + c->scratch_len, run, add);
                c->scratch_len += add;
                if (q >= c->end) {
                    c->p = c->end;
                    breach_fail_at(err, BREACH_EPARSE, c->source, fline, fcol,
                                   "quoted field is not closed before the end of the input");
                    return BREACH_EPARSE;
                }
                if (*q == '\0')
                    return fail_quoted(c, err, BREACH_EENCODING, c->line, col_of(c, q),
                                       "NUL byte in a field", q);
                if (*q == '\n' || *q == '\r') {
                    /* a line break inside quotes is data; keep the line count right */
                    c->scratch[c->scratch_len++] = *q;
                    if (*q == '\r' && q + 1 < c->end && q[1] == '\n') {
                        if (breach_grow((void **)&c->scratch, &c->scratch_cap, c->scratch_len + 2, 1))
                            return fail_quoted(c, err, BREACH_ENOMEM, fline, fcol, "out of memory", q);
                        c->scratch[c->scratch_len++] = '\n';
                        q++;
                    }
                    q++;
                    c->line++;
                    c->line_start = q;
                    continue;
                }
                /* a quote: escaped pair or the end of the field */
                if (q + 1 < c->end && q[1] == '"') {
                    c->scratch[c->scratch_len++] = '"';
                    q += 2;
                    continue;
                }
                q++;
                break;
            }
            c->p = q;
            quoted = 1;
            /* store the scratch offset for now: scratch may still move */
            if ((rc = push_field(c, (const char *)(uintptr_t)start, c->scratch_len - start, fline,
                                 fcol, 1)))
                return fail(c, err, rc, fline, fcol,
                            rc == BREACH_ELIMIT ? "record has more than 4096 fields" : "out of memory");
            if (c->p < c->end && *c->p != ',' && *c->p != '\n' && *c->p != '\r' &&
                c->line > fline) {
                /* most likely a stray quote that took the lines up to the next quote (a
                   quoted field's opening one): where the row started is what to show */
                char text[BREACH_ERROR_TEXT_LEN];
                c->span = (breach_csv_span){c->record_line, fline, fcol, c->line,
                                            col_of(c, c->p)};
                breach_csv_span_text(&c->span, text, sizeof text);
                return fail(c, err, BREACH_EPARSE, fline, fcol, text);
            }
            if (c->p < c->end && *c->p != ',' && *c->p != '\n' && *c->p != '\r')
                return fail(c, err, BREACH_EPARSE, c->line, col_of(c, c->p),
                            "unexpected character after a closing quote (a field that starts "
                            "with a quote must end with one)");
        } else {
            const char *s = c->p;
            const char *q = scan16(s, c->end, ',', stops_unquoted);
            if (q < c->end && *q == '"')
                return fail(c, err, BREACH_EPARSE, fline, col_of(c, q),
                            "quote inside an unquoted field (quote the whole field and double "
                            "the quote)");
            if (q < c->end && *q == '\0')
                return fail(c, err, BREACH_EENCODING, fline, col_of(c, q), "NUL byte in a field");
            if ((size_t)(q - s) > BREACH_CSV_MAX_FIELD)
                return fail(c, err, BREACH_ELIMIT, fline, fcol, "field longer than the 16 MiB limit");
            c->p = q;
            if ((rc = push_field(c, s, (size_t)(q - s), fline, fcol, 0)))
                return fail(c, err, rc, fline, fcol,
                            rc == BREACH_ELIMIT ? "record has more than 4096 fields" : "out of memory");
        }
        if (c->p < c->end && *c->p == ',') {
            c->p++;
            continue;
        }
        /* end of record: a line end or the end of the input */
        if (c->p < c->end) {
            if (*c->p == '\r' && c->p + 1 < c->end && c->p[1] == '\n')
                c->p++;
            c->p++;
            c->line++;
            c->line_start = c->p;
        }
        break;
    }
    for (size_t i = 0; quoted && i < c->nfields; i++)
        if (c->fields[i].quoted)
            c->fields[i].s = c->scratch + (uintptr_t)c->fields[i].s;
    return 1;
}

void breach_csv_span_text(const breach_csv_span *s, char *out, size_t n)
{
    snprintf(out, n,
             "the row runs from line %ld to line %ld: the quote opened at line %ld, column %ld "
             "closes only on line %ld (the lines between were read as part of one field), "
             "then column %ld is neither a comma nor a line end",
             s->row_line, s->close_line, s->line, s->column, s->close_line, s->close_column);
}

int breach_csv_blank(const breach_csv *c)
{
    return c->nfields == 1 && c->fields[0].len == 0 && !c->fields[0].quoted;
}
