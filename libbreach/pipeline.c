/* The row pipeline every CSV format runs through (breach_loader_run). The formats' side is
 * loader_private.h; doc/loader.md says why the result never depends on the threads.
 *
 * After the header, the rows are cut into chunks that end just after a line feed. Each
 * chunk is parsed into a batch (breach_batch: the rows' incidents, rejects, warnings and
 * attributes, with their strings in the parsing loader's arena), and the batches are
 * added to the dataset in file order by the loading thread (commit): counted, listed and
 * added exactly as one row at a time would, the read-ahead of the append interface
 * (append_private.h) working AHEAD rows in front of the row being added.
 *
 * One thread, or a format whose rows depend on earlier ones (ops->parallel == 0): the
 * loading thread parses each chunk from where the previous one really ended and adds it.
 *
 * Several threads: the chunks are parsed ahead by every thread at once, each as if a
 * record started at the chunk's first byte, with lines and rows counted from there
 * (speculation). The commit checks each guess: a chunk whose parse started where the
 * previous one's stopped was parsed as one thread would have parsed it (the tokenizer has
 * no state between records but the line number, which the commit adds, and masks of bytes
 * it classified, which only the bytes decide), and its rows are added with their numbers
 * shifted; any other chunk (its first byte was inside a quoted field, or the previous
 * chunk's last record ran past it) is parsed again by the loading thread from the true
 * place. A speculative parse reads at most one chunk's length past
 * its chunk's end: a record that runs into that limit is left to the loading thread,
 * which reads it whole. So a wrong guess costs a chunk's work, never a wrong row, and no
 * input makes the threads read more than about twice the file.
 *
 * A large file on several threads is read while it is parsed (pipe.file): a reader thread
 * reads and hashes it in steps, into the pages of bytes already committed, and finds the
 * chunk bounds as it goes; a chunk is parsed ahead once its bytes are read, and the loading
 * thread reads a record that runs past them again once more is read (doc/loader.md).
 */
#include "file_private.h"
#include "input_private.h"
#include "loader_private.h"

#include <nettle/sha2.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* Chunks of about CHUNK_MAX bytes (on several threads, smaller for a small input, so that
 * every thread has some): a chunk ends at the first line feed from that many bytes on, so
 * a long line makes it longer; batches parsed ahead at most WINDOW_PER_THREAD a thread. */
#define CHUNK_MAX ((size_t)1 << 20)
#define CHUNKS_PER_THREAD 8
#define WINDOW_PER_THREAD 2
/* Lines a chunk holds at most: it ends after its CHUNK_LINES-th line feed when that comes
 * before its bytes are done. A parsed row takes about 330 bytes in its batch, so 1 MiB of
 * rows of a few bytes made batches of 86-172 MiB, four of them in flight on two threads
 * (a 20 MB file of 4-byte rows peaked at 462 MB). Rows of 64 bytes or more (the bench's are
 * 72) are cut by bytes as before. fuzz/fuzz_reader.c builds the library with chunks of a
 * few lines, so that its inputs of a few hundred bytes cross these bounds too. */
#ifndef BREACH_CHUNK_LINES
#define BREACH_CHUNK_LINES 16384
#endif
#define CHUNK_LINES ((size_t)BREACH_CHUNK_LINES)
/* How far ahead of the row it adds the commit has the dataset fetch names (steps 0, 1, 2
 * at AHEAD, AHEAD / 2 and AHEAD / 4 rows). */
#define AHEAD 16
/* After this many rows the commit estimates the rest of a large input (from this many
 * rows on) and has the dataset make room for it. */
#define ESTIMATE_AFTER 4096
#define ESTIMATE_MIN_ROWS 65536

/* What one parse of a stretch of rows read. */
typedef struct chunk_result {
    const char *start, *end; /* end: where the next record starts */
    long lines, rows;        /* line breaks and rows read from start to end */
    int cut;                 /* a record at end ran into the parse's limit: not read */
} chunk_result;

/* A batch being parsed ahead, and the loader state that parses it (its arena holds the
 * batch's strings until the batch is added). */
typedef struct slot {
    breach_loader L;
    breach_batch b;
    chunk_result r;
    int ready;
} slot;

typedef struct pipe {
    breach_loader *L;
    const breach_loader_ops *ops;
    void *self;
    const char *end;    /* the input's end, as the system gave its size: a file that shrinks
                           meanwhile ends before it, at file->data + avail once `all` */
    const char **bound; /* chunk k is [bound[k], bound[k + 1]) */
    size_t n_bounds;    /* bounds known; with `all`, n_bounds - 1 chunks in all */
    size_t max_bounds;  /* room in bound[] (never moved: threads read it) */
    const char *rows;
    size_t chunk;
    const char *search; /* where the search for the next bound goes on */
    const char *counted; /* line feeds are counted from the last bound up to here */
    size_t lines;        /* how many */
    slot *slots;
    size_t window;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    size_t next_parse, next_commit;
    int stop;
    /* A file read while it is parsed (file != NULL, doc/loader.md): its reader thread reads
       and hashes it a step at a time into the pages of bytes done with, and finds the
       bounds; the others wait on cv for what they need. Under mu. */
    breach_file *file;
    pthread_cond_t rcv; /* the reader waits on it */
    size_t avail;       /* bytes read and hashed */
    size_t want;        /* the loading thread waits for bytes up to here */
    size_t consumed;    /* the bytes before it are done with */
    int all;            /* every byte is read: end and n_bounds are final */
    int reading;        /* the reader thread runs (else `all` from the start) */
    int read_err;       /* breach_file_fill's: the errno of a failed read, or
                           BREACH_FILE_SHRANK (then `all` too) */
    char hex[65];       /* the file's SHA-256, once the reader is done */
} pipe;

/* A file from this size on, loaded on several threads in a format whose rows are
 * independent, is read while it is parsed, read_step bytes at a time and read_ahead bytes
 * ahead of the commit, or as far as the chunks parsed ahead need (reader_goes).
 * tests/test_threads.c reads files of 10-21 MiB so; fuzz/fuzz_reader.c builds the library
 * with steps of a few hundred bytes from any size, so that small inputs take every path
 * (all three set together, or none). */
#ifndef BREACH_STREAM_MIN
#define BREACH_STREAM_MIN ((size_t)8 << 20)
#define BREACH_READ_STEP ((size_t)1 << 20)
#define BREACH_READ_AHEAD ((size_t)8 << 20)
#endif
static const size_t stream_min = BREACH_STREAM_MIN, read_step = BREACH_READ_STEP,
                    read_ahead = BREACH_READ_AHEAD;

static void batch_clear(breach_batch *b)
{
    b->n = b->n_rejects = b->n_issues = b->n_attrs = 0;
    b->nomem = 0;
}

static void batch_free(breach_batch *b)
{
    breachp_free(b->rows);
    breachp_free(b->rejects);
    breachp_free(b->issues);
    breachp_free(b->attrs);
    memset(b, 0, sizeof *b);
}

/* Keeps *re as the reject of batch row br. 0 or BREACH_ENOMEM. */
static int keep_reject(breach_batch *b, breach_batch_row *br, const breach_row_error *re)
{
    if (breach_grow((void **)&b->rejects, &b->rejects_cap, b->n_rejects + 1, sizeof *b->rejects))
        return BREACH_ENOMEM;
    br->kind = BREACH_ROW_REJECT;
    br->reject = b->n_rejects;
    b->rejects[b->n_rejects++] = *re;
    return 0;
}

/* Finishes a row the callback took: its regions and the lengths of its texts where they
 * were checked, its name prepared for the dataset, the dataset's checks (a refusal fills
 * *re and returns its status, as adding the row would have), its attributes. */
static int take_row(breach_loader *L, const breach_loader_ops *ops, void *self,
                    const breach_csv *c, breach_batch_row *br, breach_row_error *re)
{
    breach_incident *inc = &br->inc;
    if (inc->n_regions) {
        breach_region_count *r = breach_loader_alloc(L, inc->n_regions * sizeof *r);
        if (!r)
            return BREACH_ENOMEM;
        memcpy(r, inc->regions, inc->n_regions * sizeof *r);
        inc->regions = r;
    }
    br->text_checked = L->text_checked;
    br->inconsistent_column = L->inconsistent_column;
    if (br->text_checked)
        memcpy(br->lens, L->text_len, sizeof br->lens);
    if (inc->entity) {
        size_t len = br->text_checked ? br->lens[1] : strlen(inc->entity);
        char stack[512];
        breach_row_prep p;
        breach_row_prepare(&p, inc->entity, len, stack, sizeof stack);
        if (p.ok) {
            char *key = p.klen ? breach_loader_alloc(L, p.klen) : NULL;
            if (p.klen && !key)
                return BREACH_ENOMEM;
            if (p.klen)
                memcpy(key, stack, p.klen);
            p.key = key;
            br->prep = p;
        }
    }
    /* the dataset's own checks, here rather than in the commit (on the thread that
       parsed): a refused row is rejected as adding it would have been */
    breach_error e;
    breach_error_clear(&e);
    int rc = breach_incident_check(inc, br->text_checked ? br->lens : NULL, &e);
    if (rc == BREACH_ENOMEM)
        return rc;
    if (rc) {
        breach_row_fail(re, NULL, rc, "%s", e.text);
        re->line = br->line;
        if (rc == BREACH_EINCONSISTENT)
            re->column = br->inconsistent_column;
        return rc;
    }
    br->prep.checked = 1;
    if (ops->attrs && ops->attrs(self, L, c, NULL))
        return BREACH_ENOMEM;
    return 0;
}

/* The place just past a record's last byte (raw[0..len), its line end left out, which
 * starts line `line` at column 1): where a row short of fields is missing them. A line
 * break inside a quoted field (CR, LF or CRLF, as the tokenizer counts them) moves it down. */
static void record_end(const char *raw, size_t len, long line, long *end_line, long *end_column)
{
    size_t line_start = 0;
    for (size_t k = 0; k < len; k++)
        if (raw[k] == '\n' || (raw[k] == '\r' && (k + 1 == len || raw[k + 1] != '\n'))) {
            line++;
            line_start = k + 1;
        }
    *end_line = line;
    *end_column = (long)(len - line_start) + 1;
}

/* Parses records from `from` while they start before stop_at, reading no further than
 * limit (the input ends at `end`: a record that reaches a limit before it is cut), into b;
 * lines counted from line0, rows from row0 + 1. */
static void parse_chunk(breach_loader *L, breach_batch *b, const breach_loader_ops *ops,
                        void *self, const char *from, const char *stop_at, const char *limit,
                        const char *end, long line0, long row0, chunk_result *r)
{
    batch_clear(b);
    r->start = r->end = from;
    r->lines = r->rows = 0;
    r->cut = 0;
    if (breach_loader_restart(L)) {
        b->nomem = 1;
        return;
    }
    L->batch = b;
    breach_csv c;
    breach_csv_init_at(&c, from, limit, line0, L->source);
    long row = row0;
    while (c.p < stop_at) {
        const char *start = c.p;
        long line_before = c.line;
        if (b->n == b->cap &&
            breach_grow((void **)&b->rows, &b->cap, b->n + 1, sizeof *b->rows)) {
            b->nomem = 1;
            break;
        }
        breach_batch_row *br = &b->rows[b->n];
        br->prep.ok = br->prep.checked = 0; /* nothing prepared until the row is taken */
        breach_error e;
        breach_error_clear(&e);
        int got = breach_csv_next(&c, &e);
        if (got == 0)
            break;
        if (limit < end && c.p >= limit) {
            /* the record may go on past the limit: the loading thread reads it */
            c.p = start;
            c.line = line_before;
            r->cut = 1;
            break;
        }
        breach_row_error re; /* its text is written only for a reject (memset cost 2 %) */
        re.code = 0;
        re.line = re.column = 0;
        re.span.close_line = 0;
        re.text[0] = '\0';
        if (got < 0) {
            /* a syntax error: the row is read (and rejected) all the same */
            br->row = ++row;
            br->line = line_before;
            re.code = e.code;
            re.line = e.line ? e.line : line_before;
            re.column = e.column;
            re.span = c.span;
            snprintf(re.text, sizeof re.text, "%s", e.text);
            if (keep_reject(b, br, &re)) {
                c.p = start;
                c.line = line_before;
                row--;
                b->nomem = 1;
                break;
            }
            b->n++;
            if (!L->opt.lenient)
                break; /* a strict load stops here: no row after it may change any state */
            continue;
        }
        if (breach_csv_blank(&c))
            continue; /* a blank line is no row */
        br->row = L->row = ++row;
        br->line = L->line = c.record_line;
        L->raw = start;
        L->raw_len = (size_t)(c.p - start);
        while (L->raw_len && (start[L->raw_len - 1] == '\n' || start[L->raw_len - 1] == '\r'))
            L->raw_len--;
        int rv;
        L->n_regions = 0;
        if (c.nfields > L->nheader) {
            rv = breach_row_fail(&re, &c.fields[L->nheader], BREACH_EPARSE,
                                 "the row has %zu fields, the header %zu: the first extra one "
                                 "starts here", c.nfields, L->nheader);
        } else if (c.nfields < L->nheader) {
            long end_line, end_column;
            record_end(L->raw, L->raw_len, c.record_line, &end_line, &end_column);
            rv = breach_row_fail(&re, NULL, BREACH_EPARSE,
                                 "the row ends after %zu %s at column %ld, the header has %zu",
                                 c.nfields, c.nfields == 1 ? "field" : "fields", end_column,
                                 L->nheader);
            re.line = end_line;
            re.column = end_column;
        } else {
            breach_incident_init(&br->inc);
            L->overflow = 0;
            L->text_checked = 0;
            L->inconsistent_column = 0;
            rv = ops->row(self, L, &c, &br->inc, &re);
            if (rv == 0 && L->overflow)
                rv = BREACH_ENOMEM;
            if (rv == 0)
                rv = take_row(L, ops, self, &c, br, &re);
        }
        if (rv == BREACH_ENOMEM) {
            br->kind = BREACH_ROW_NOMEM;
        } else if (rv < 0) {
            if (re.line == 0)
                re.line = c.record_line;
            if (keep_reject(b, br, &re))
                br->kind = BREACH_ROW_NOMEM;
        } else {
            br->kind = rv > 0 ? BREACH_ROW_KEPT : BREACH_ROW_ADD;
        }
        b->n++;
        if (br->kind == BREACH_ROW_NOMEM || (br->kind == BREACH_ROW_REJECT && !L->opt.lenient))
            break; /* the load stops at this row: none after it may change a format's state */
    }
    L->batch = NULL;
    r->end = c.p;
    r->lines = c.line - line0;
    r->rows = row - row0;
    breach_csv_free(&c);
}

/* Stores the attributes of batch row `at` (just added) from b->attrs[*k] on. */
static int store_attrs(breach_loader *L, const breach_batch *b, size_t at, size_t *k,
                       long line_off, breach_error *err)
{
    for (; *k < b->n_attrs && b->attrs[*k].at == at; ++*k) {
        const breach_batch_attr *a = &b->attrs[*k];
        int rc = a->sep ? breach_attr_add_list(L->ds, a->field, a->s, a->len, a->sep, err)
                        : breach_attr_add_n(L->ds, a->field, a->s, a->len, err);
        if (rc && a->placed) {
            char why[BREACH_ERROR_TEXT_LEN];
            snprintf(why, sizeof why, "%s", err ? err->text : "cannot be stored");
            return breach_fail_at(err, rc, L->source, a->line + line_off, a->column,
                                  "attr.%s: %s", a->field, why);
        }
        if (rc)
            return rc;
    }
    return 0;
}

/* Adds a parsed batch to the dataset, row by row in order, its line and row numbers
 * shifted by line_off and row_off. Returns 0 or the status that stops the load. */
static int commit(breach_loader *L, const breach_batch *b, long line_off, long row_off,
                  breach_error *err)
{
    size_t issue = 0, attr = 0;
    for (size_t i = 0; i < b->n; i++) {
        if (i + 2 * AHEAD < b->n) {
            /* the batch row itself, written by another thread and cold by now: reading
               its prepared name stalled (8.5 % of a 10^6 load) */
            const char *r = (const char *)&b->rows[i + 2 * AHEAD];
            for (size_t o = 0; o < sizeof *b->rows; o += 64)
                BREACH_PREFETCH(r + o);
        }
        if (i + AHEAD < b->n)
            breach_dataset_prefetch(L->ds, &b->rows[i + AHEAD].prep, 0);
        if (i + AHEAD / 2 < b->n)
            breach_dataset_prefetch(L->ds, &b->rows[i + AHEAD / 2].prep, 1);
        if (i + AHEAD / 4 < b->n)
            breach_dataset_prefetch(L->ds, &b->rows[i + AHEAD / 4].prep, 2);
        const breach_batch_row *br = &b->rows[i];
        long row = br->row + row_off, line = br->line + line_off;
        L->row = row;
        L->line = line;
        breach_report_count_read(L->report);
        for (; issue < b->n_issues && b->issues[issue].at == i; issue++) {
            const breach_batch_issue *w = &b->issues[issue];
            breach_issue is = {w->code, w->line > 0 ? w->line + line_off : w->line, w->column,
                               w->row > 0 ? w->row + row_off : w->row, w->text};
            if (breach_report_add_warning(L->report, L->source_index, &is))
                return breach_fail_at(err, BREACH_ENOMEM, L->source, line, 0, "out of memory");
        }
        int rc = 0;
        switch (br->kind) {
        case BREACH_ROW_NOMEM:
            return breach_fail_at(err, BREACH_ENOMEM, L->source, line, 0, "out of memory");
        case BREACH_ROW_REJECT: {
            breach_row_error re = b->rejects[br->reject];
            re.line += line_off;
            if (re.span.close_line && line_off) {
                /* its text names the lines it was parsed with: the file's, written again */
                re.span.row_line += line_off;
                re.span.line += line_off;
                re.span.close_line += line_off;
                breach_csv_span_text(&re.span, re.text, sizeof re.text);
            }
            rc = breach_loader_reject(L, row, &re, err);
            break;
        }
        case BREACH_ROW_ADD: {
            breach_error e;
            breach_error_clear(&e);
            long idx = breach_dataset_add_text(L->ds, &br->inc, br->text_checked ? br->lens : NULL,
                                               &br->prep, &e);
            if (idx == BREACH_ENOMEM)
                return breach_fail_at(err, BREACH_ENOMEM, L->source, line, 0, "out of memory");
            if (idx < 0) {
                breach_row_error re;
                breach_row_fail(&re, NULL, (int)idx, "%s", e.text);
                re.line = line;
                if (idx == BREACH_EINCONSISTENT)
                    re.column = br->inconsistent_column;
                rc = breach_loader_reject(L, row, &re, err);
                break;
            }
            breach_report_count_loaded(L->report);
            if (breach_input_line(L->ds, (size_t)idx, line))
                return breach_fail_at(err, BREACH_ENOMEM, L->source, line, 0, "out of memory");
            rc = store_attrs(L, b, i, &attr, line_off, err);
            break;
        }
        default: break;
        }
        if (rc)
            return rc;
        while (attr < b->n_attrs && b->attrs[attr].at == i)
            attr++; /* a row not added stores none */
    }
    if (b->nomem)
        return breach_fail_at(err, BREACH_ENOMEM, L->source, b->n ? b->rows[b->n - 1].line + line_off : 0,
                              0, "out of memory");
    return 0;
}

/* ---------------------------------------------------------------- threads */

/* The `left`-th line feed in [p, end) (left >= 1), or NULL when there are fewer; *before
 * receives the line feeds before it (all those of [p, end) when NULL). Where SSE2 is built,
 * counted 4,080 bytes a step (a byte counter a lane, 255 steps of 16 at most, summed),
 * then found 64 bytes a step in the block that holds it: 26 ms for the 692 MiB bench file
 * in memory, 17 ms in cache. */
static const char *nth_line_feed(const char *p, const char *end, size_t left, size_t *before)
{
    size_t n = 0;
#ifdef __SSE2__
    const __m128i lf = _mm_set1_epi8('\n');
    for (; end - p >= 4080; p += 4080) {
        __m128i acc = _mm_setzero_si128();
        for (int i = 0; i < 4080; i += 16)
            acc = _mm_sub_epi8(acc, _mm_cmpeq_epi8(
                                        _mm_loadu_si128((const __m128i *)(const void *)(p + i)), lf));
        __m128i sum = _mm_sad_epu8(acc, _mm_setzero_si128());
        size_t c = (size_t)_mm_cvtsi128_si64(sum) +
                   (size_t)_mm_cvtsi128_si64(_mm_unpackhi_epi64(sum, sum));
        if (n + c >= left)
            break; /* in this block: found 64 bytes a step below */
        n += c;
    }
    for (; end - p >= 64; p += 64) {
        uint64_t m = 0;
        for (int q = 0; q < 4; q++)
            m |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(
                     _mm_loadu_si128((const __m128i *)(const void *)(p + 16 * q)), lf))
                 << (16 * q);
        size_t c = breach_popcount64(m);
        if (n + c >= left)
            break; /* in this block: found byte by byte below */
        n += c;
    }
#endif
    for (; p < end; p++)
        if (*p == '\n' && ++n == left) {
            *before = n - 1;
            return p;
        }
    *before = n;
    return NULL;
}

/* Where a chunk from `from` has its bytes done: P->chunk bytes on, or the input's end when
 * that comes first (a pointer past the end would be formed, never read, but is undefined
 * all the same). */
static const char *bytes_done(const pipe *P, const char *from)
{
    return (size_t)(P->end - from) > P->chunk ? from + P->chunk : P->end;
}

/* Finds the chunk bounds in the bytes [.., upto): each chunk ends just after the first line
 * feed from P->chunk bytes on, or just after its CHUNK_LINES-th line feed when that comes
 * first; bound[0] is the first row; with all (upto is the end) the last bound is the end.
 * Only the thread that reads the input calls it; the bounds are published with n_bounds
 * (under mu when other threads run). */
static void extend_bounds(pipe *P, const char *upto, int all, size_t *n_bounds)
{
    size_t k = *n_bounds;
    if (k == 0) {
        P->bound[k++] = P->rows;
        P->search = bytes_done(P, P->rows);
        P->counted = P->rows;
        P->lines = 0;
    }
    while (k + 1 < P->max_bounds) {
        const char *nl = NULL;
        /* the chunk's line feeds, up to its bytes' end (no further than what is read) */
        const char *stop = P->search < upto ? P->search : upto;
        if (P->counted < stop) {
            size_t before;
            nl = nth_line_feed(P->counted, stop, CHUNK_LINES - P->lines, &before);
            P->lines += before;
            P->counted = nl ? nl : stop;
        }
        if (!nl) { /* fewer lines: the first line feed from its bytes' end on */
            if (P->search >= upto)
                break;
            nl = memchr(P->search, '\n', (size_t)(upto - P->search));
            if (!nl) {
                P->search = upto;
                break;
            }
        }
        if (nl + 1 >= upto) {
            /* known as a bound only once a byte follows it (the end is no chunk's start) */
            P->search = nl > P->search ? nl : P->search;
            break;
        }
        P->bound[k++] = nl + 1;
        P->search = bytes_done(P, nl + 1);
        P->counted = nl + 1;
        P->lines = 0;
    }
    if (all)
        P->bound[k++] = upto;
    *n_bounds = k;
}

/* A chunk to parse ahead, as the pipe said when it was taken. */
typedef struct job {
    size_t k;
    const char *from, *stop_at, *limit, *end;
} job;

/* Whether chunk k can be parsed ahead now: its bounds known, and every byte it may read
 * (one chunk's length past its end) read (P->mu held). A file that ended short is read only
 * to where it ended, so that the record there comes back cut, never taken whole. */
static int chunk_ready(const pipe *P, size_t k, job *j)
{
    if (k + 1 >= P->n_bounds)
        return 0;
    const char *from = P->bound[k], *stop_at = P->bound[k + 1];
    size_t span = (size_t)(stop_at - from);
    const char *limit = (size_t)(P->end - stop_at) > span ? stop_at + span : P->end;
    if (P->file && limit > P->file->data + P->avail) {
        if (!P->all)
            return 0;
        limit = P->file->data + P->avail;
    }
    *j = (job){k, from, stop_at, limit, P->end};
    return 1;
}

/* Whether the input is known to end before chunk k (P->mu held). */
static int past_end(const pipe *P, size_t k) { return P->all && k + 1 >= P->n_bounds; }

static void parse_ahead(pipe *P, const job *j)
{
    slot *s = &P->slots[j->k % P->window];
    parse_chunk(&s->L, &s->b, P->ops, P->self, j->from, j->stop_at, j->limit, j->end, 1, 0,
                &s->r);
}

/* Takes the next chunk to parse ahead, if the window has room and it is ready (P->mu
 * held). */
static int take_chunk(pipe *P, job *j)
{
    if (P->stop || P->next_parse >= P->next_commit + P->window || !chunk_ready(P, P->next_parse, j))
        return 0;
    P->next_parse++;
    if (P->reading)
        pthread_cond_signal(&P->rcv); /* the next chunk may want bytes not read yet */
    return 1;
}

/* Chunk j is parsed: its slot is ready. Returns with P->mu held, for the callers' loops. */
static void parsed(pipe *P, const job *j)
{
    pthread_mutex_lock(&P->mu);
    P->slots[j->k % P->window].ready = 1;
    pthread_cond_broadcast(&P->cv);
}

static void *worker(void *arg)
{
    pipe *P = arg;
    pthread_mutex_lock(&P->mu);
    while (!P->stop && !past_end(P, P->next_parse)) { /* until every chunk is taken */
        job j;
        if (!take_chunk(P, &j)) {
            pthread_cond_wait(&P->cv, &P->mu);
            continue;
        }
        pthread_mutex_unlock(&P->mu);
        parse_ahead(P, &j);
        parsed(P, &j);
    }
    pthread_mutex_unlock(&P->mu);
    return NULL;
}

/* Waits until chunk k is parsed ahead, parsing chunks itself while it waits if it can;
 * NULL when there is no chunk k (the input ends before it). */
static slot *wait_chunk(pipe *P, size_t k)
{
    slot *s = &P->slots[k % P->window];
    pthread_mutex_lock(&P->mu);
    while (!s->ready) {
        job j;
        if (past_end(P, k)) {
            s = NULL;
            break;
        }
        if (take_chunk(P, &j)) {
            pthread_mutex_unlock(&P->mu);
            parse_ahead(P, &j);
            parsed(P, &j);
        } else {
            if (P->reading)
                pthread_cond_signal(&P->rcv); /* the chunk may wait for bytes */
            pthread_cond_wait(&P->cv, &P->mu);
        }
    }
    pthread_mutex_unlock(&P->mu);
    return s;
}

/* Chunk s is committed; the bytes before `done` will not be read again. */
static void done_chunk(pipe *P, slot *s, const char *done)
{
    pthread_mutex_lock(&P->mu);
    s->ready = 0;
    P->next_commit++;
    if (P->reading) {
        size_t c = (size_t)(done - P->file->data);
        if (c > P->consumed)
            P->consumed = c;
        pthread_cond_signal(&P->rcv);
    }
    pthread_cond_broadcast(&P->cv);
    pthread_mutex_unlock(&P->mu);
}

/* Where the loading thread may read to now (P->mu not held): the bytes read so far (all
 * of them, once the file is read to its end or to where it ended short); *end the input's
 * end. */
static const char *readable(pipe *P, const char **end)
{
    *end = P->end;
    if (!P->file)
        return P->end;
    if (P->reading)
        pthread_mutex_lock(&P->mu);
    const char *r = P->file->data + P->avail;
    if (P->reading)
        pthread_mutex_unlock(&P->mu);
    return r;
}

/* Waits until bytes past `limit` are read, or all are: a record the loading thread reads
 * runs past what was read. The reader is asked for twice the record's length so far, so
 * that a long record is read again only a few times. Returns whether bytes past limit came:
 * 0 when the file ended short (a failed read, or it shrank) and the record is cut there. */
static int wait_bytes(pipe *P, const char *from, const char *limit)
{
    if (!P->reading)
        return 0; /* read whole already (rest_here) */
    pthread_mutex_lock(&P->mu);
    size_t have = (size_t)(limit - P->file->data), more = (size_t)(limit - from) + read_step;
    if (P->want < have + more)
        P->want = have + more;
    pthread_cond_signal(&P->rcv);
    while (!P->all && P->avail < P->want)
        pthread_cond_wait(&P->cv, &P->mu);
    int more_came = P->file->data + P->avail > limit;
    pthread_mutex_unlock(&P->mu);
    return more_came;
}

/* Whether the reader reads on (P->mu held): ahead of the commit by less than read_ahead,
 * or bytes waited for (by the loading thread, or for the next chunk to parse ahead), or
 * the load stopped (the rest is read for the file's hash). */
static int reader_goes(pipe *P)
{
    job j;
    return P->stop || P->avail < P->want || P->avail - P->consumed < read_ahead ||
           (P->next_parse < P->next_commit + P->window && !chunk_ready(P, P->next_parse, &j));
}

/* The reader: reads the file a step at a time into the pages of the bytes done with
 * (breach_file_fill), hashes each step, finds the bounds in it, and tells the others. */
static void *reader_main(void *arg)
{
    pipe *P = arg;
    breach_file *f = P->file;
    struct sha256_ctx h;
    sha256_init(&h);
    /* the first step, read before this thread started (the header is in it) */
    sha256_update(&h, f->avail, (const uint8_t *)f->data);
    pthread_mutex_lock(&P->mu);
    size_t n_bounds = P->n_bounds; /* only this thread changes it */
    for (;;) {
        size_t avail = P->avail, got = 0, reuse = P->stop ? P->avail : P->consumed;
        pthread_mutex_unlock(&P->mu);
        int e = breach_file_fill(f, read_step, reuse, &got); /* open: else `all` below */
        sha256_update(&h, got, (const uint8_t *)f->data + avail);
        /* all: the file is read to its end, or to where a read failed or found it shorter
           (breach_file_fill closed it) */
        int all = f->fd < 0;
        extend_bounds(P, f->data + f->avail, all, &n_bounds);
        pthread_mutex_lock(&P->mu);
        P->avail = f->avail;
        P->n_bounds = n_bounds;
        if (all) {
            P->all = 1;
            P->read_err = e;
        }
        pthread_cond_broadcast(&P->cv);
        if (all)
            break;
        while (!reader_goes(P))
            pthread_cond_wait(&P->rcv, &P->mu);
    }
    pthread_mutex_unlock(&P->mu);
    breach_input_digest_hex(&h, P->hex);
    return NULL;
}

/* ---------------------------------------------------------------- the run */

/* Files from this size on are hashed on a thread of their own when parsed on several. */
#define HASH_APART ((size_t)1 << 20)

typedef struct hash_job {
    const char *data;
    size_t len;
    char hex[65];
    atomic_size_t done;
} hash_job;

static void *hash_main(void *arg)
{
    hash_job *J = arg;
    breach_input_digest(J->data, J->len, J->hex, &J->done);
    return NULL;
}

/* Moves the place where the next record truly starts past what r read. */
static void advance(const chunk_result *r, const char **at, long *line, long *row)
{
    *at = r->end;
    *line += r->lines;
    *row += r->rows;
}

/* Reads the rest of a lazy file on this thread, every page kept. 0, or what
 * breach_file_fill said of the end. */
static int read_rest(breach_file *f)
{
    int e = 0;
    while (f->fd >= 0 && !e) {
        size_t got;
        e = breach_file_fill(f, (size_t)64 << 20, 0, &got);
    }
    return e;
}

/* Reads the rest of a lazy file (nothing of it has been parsed) and hashes it whole into
 * hex: for a load that does not read it while parsing after all. Returns as read_rest. */
static int hash_rest(breach_file *f, char hex[65])
{
    int e = read_rest(f);
    breach_input_digest(f->data, f->avail, hex, NULL);
    return e;
}

/* The error of a file whose reading failed (e: an errno, or BREACH_FILE_SHRANK), named by
 * its path as every error of the file itself is (file.c: it cannot be opened or read, or it
 * shrank while read whole), whatever source name the load has and however many threads
 * read it. */
static int read_failed(breach_error *err, const breach_file *f, int e)
{
    if (e == BREACH_FILE_SHRANK)
        return breach_file_fail_shrank(err, f->path, f->map_size, f->len);
    return breach_fail_at(err, BREACH_EIO, f->path, 0, 0, "read error: %s", strerror(e));
}

/* The pipe's file read whole here (see hash_rest): the bounds found, nothing left to wait
 * for. */
static void rest_here(pipe *P)
{
    breach_file *f = P->file;
    P->read_err = hash_rest(f, P->hex);
    P->avail = f->avail;
    extend_bounds(P, f->data + f->avail, 1, &P->n_bounds);
    P->all = 1;
}

static void pipe_free(pipe *P, pthread_t *tid)
{
    breachp_free(P->slots);
    breachp_free(tid);
    breachp_free(P->bound);
}

static int run_rows(breach_loader *L, const breach_loader_ops *ops, void *self, const char *rows,
                    const char *end, long line, breach_error *err)
{
    unsigned threads = ops->parallel ? L->threads : 1;
    size_t len = (size_t)(end - rows), chunk = CHUNK_MAX;
    if (threads > 1 && len / ((size_t)threads * CHUNKS_PER_THREAD) < chunk)
        chunk = len / ((size_t)threads * CHUNKS_PER_THREAD) + 1;
    pipe P;
    memset(&P, 0, sizeof P);
    P.L = L;
    P.ops = ops;
    P.self = self;
    P.end = end;
    P.rows = rows;
    P.chunk = chunk;
    P.max_bounds = len / chunk + len / CHUNK_LINES + 2; /* a chunk of lines: as many bytes */
    /* a file still being read (breach_loader_run_file) */
    breach_file *lazy = L->file && L->file->lazy && L->file->fd >= 0 ? L->file : NULL;
    if (!(P.bound = breachp_malloc(P.max_bounds * sizeof *P.bound)))
        return breach_fail_at(err, BREACH_ENOMEM, L->source, line, 0, "out of memory");
    size_t n_chunks = len / chunk + 1; /* about; exact once the bounds are known */
    if (lazy) {
        P.file = lazy;
        P.avail = lazy->avail;
        if (n_chunks < 2)
            rest_here(&P); /* parsed on this thread: read whole first (a fuzz build's
                              small steps make such files lazy) */
    } else {
        extend_bounds(&P, end, 1, &P.n_bounds);
        P.all = 1;
    }
    if (P.all)
        n_chunks = P.n_bounds - 1;
    if (n_chunks < 2)
        threads = 1;
    else if (threads > n_chunks) /* a thread without a chunk would only wait */
        threads = (unsigned)n_chunks;
    pthread_t *tid = NULL, reader;
    unsigned started = 0;
    int sync = 0;
    if (threads > 1) {
        P.window = (size_t)threads * WINDOW_PER_THREAD;
        if (P.window > n_chunks)
            P.window = n_chunks;
        P.slots = breachp_calloc(P.window, sizeof *P.slots);
        tid = breachp_calloc(threads - 1, sizeof *tid);
        if (!P.slots || !tid || pthread_mutex_init(&P.mu, NULL))
            goto nomem;
        if (pthread_cond_init(&P.cv, NULL))
            goto nomem_mu;
        if (P.file && pthread_cond_init(&P.rcv, NULL))
            goto nomem_cv;
        sync = 1;
        for (size_t k = 0; k < P.window; k++) {
            breach_loader *W = &P.slots[k].L;
            *W = *L; /* the options, names and header as the loading thread has them */
            W->blocks = W->cur = NULL;
            W->regions = NULL;
            W->n_regions = W->regions_cap = 0;
            W->dups = NULL;
            W->n_dups = W->dups_cap = 0;
            W->batch = NULL;
            W->file = NULL;
            W->report = NULL;
        }
        if (!P.all && !(P.reading = pthread_create(&reader, NULL, reader_main, &P) == 0))
            rest_here(&P); /* no reader: the rest read here, then as if read whole */
        /* a thread that cannot start leaves its share to the others and the loading thread */
        for (unsigned t = 0; t + 1 < threads; t++)
            if (pthread_create(&tid[started], NULL, worker, &P) == 0)
                started++;
    }
    breach_batch mine;
    memset(&mine, 0, sizeof mine);
    const char *at = rows; /* where the next record truly starts */
    long row = 0, names0 = (long)breach_dataset_names(L->ds);
    int rc = 0, estimated = 0, ended_short = 0;
    for (size_t k = 0; rc == 0 && !ended_short && (sync || k + 1 < P.n_bounds); k++) {
        chunk_result r;
        slot *s = sync ? wait_chunk(&P, k) : NULL;
        if (sync && !s)
            break; /* the input ends before chunk k */
        int read_here = 1; /* the chunk, or what follows a cut record, read on this thread */
        if (s && s->r.start == at && !s->b.nomem) {
            rc = commit(L, &s->b, line - 1, row, err);
            advance(&s->r, &at, &line, &row);
            read_here = rc == 0 && s->r.cut; /* its last record runs past what it read */
        }
        while (read_here) {
            /* a file still being read: a record that runs past the bytes read so far is
               read again from its start once more is read */
            const char *known_end, *limit = readable(&P, &known_end);
            parse_chunk(L, &mine, ops, self, at, P.bound[k + 1], limit, known_end, line, row, &r);
            rc = commit(L, &mine, 0, 0, err);
            advance(&r, &at, &line, &row);
            read_here = rc == 0 && r.cut;
            if (read_here && !wait_bytes(&P, at, limit)) {
                /* the record is cut where the file ended: never added; the load fails
                   (below) */
                read_here = 0;
                ended_short = 1;
            }
        }
        if (s)
            done_chunk(&P, s, at);
        /* every row before `at` is done with, and hashed; only for a format whose rows
           are independent: the others keep earlier rows' bytes (exact duplicates compare
           L->raw of rows read long before), and a released page reads as zeros. A file
           still being read gives its pages to the reader instead (done_chunk). */
        if (ops->parallel && !P.file) {
            const char *upto = at;
            if (L->hashed) {
                const char *h =
                    L->hash_base + atomic_load_explicit(L->hashed, memory_order_acquire);
                upto = h < upto ? h : upto;
            }
            breach_file_release(L->file, upto);
        }
        if (rc == 0 && !estimated && row >= ESTIMATE_AFTER && at > rows) {
            /* a large input: room for the rest, as the first rows suggest (bytes a row, new
               names a row), so that the columns and the names' table are laid out once.
               Only a guess: refused (short first rows suggest too many), the columns grow
               as rows come, and only a row that finds no room fails the load */
            estimated = 1;
            double per_row = (double)(at - rows) / (double)row;
            double rows_left = (double)(end - at) / per_row;
            double names_per_row =
                (double)((long)breach_dataset_names(L->ds) - names0) / (double)row;
            if (rows_left >= ESTIMATE_MIN_ROWS)
                (void)breach_dataset_reserve(L->ds, (size_t)rows_left,
                                             (size_t)(rows_left * names_per_row));
        }
    }
    if (sync) {
        pthread_mutex_lock(&P.mu);
        P.stop = 1;
        pthread_cond_broadcast(&P.cv);
        if (P.reading)
            pthread_cond_signal(&P.rcv);
        pthread_mutex_unlock(&P.mu);
        for (unsigned t = 0; t < started; t++)
            pthread_join(tid[t], NULL);
        if (P.reading)
            pthread_join(reader, NULL);
        for (size_t k = 0; k < P.window; k++) {
            breach_loader_end(&P.slots[k].L);
            batch_free(&P.slots[k].b);
        }
        if (P.file)
            pthread_cond_destroy(&P.rcv);
        pthread_cond_destroy(&P.cv);
        pthread_mutex_destroy(&P.mu);
    }
    if (P.file) {
        /* the file is read and hashed whole (the reader reads on after a load that
           stopped), as a file read before it is parsed is */
        breach_input_set_bytes(L->ds, P.avail, P.hex);
        /* the rows before the record the file's end cut short are added; that record is
           neither added nor rejected (it is not the file's) */
        if (P.read_err && rc != BREACH_ENOMEM)
            rc = read_failed(err, P.file, P.read_err);
    }
    batch_free(&mine);
    pipe_free(&P, tid);
    return rc;
nomem_cv:
    pthread_cond_destroy(&P.cv);
nomem_mu:
    pthread_mutex_destroy(&P.mu);
nomem:
    pipe_free(&P, tid);
    return breach_fail_at(err, BREACH_ENOMEM, L->source, line, 0, "out of memory");
}

int breach_loader_run(breach_loader *L, const char *data, size_t len, const breach_loader_ops *ops,
                      void *self, breach_error *err)
{
    int rc = breach_refuse_utf16(data, len, L->source, err);
    if (rc)
        return rc;
    breach_csv c;
    breach_csv_init(&c, data ? data : "", len, L->source);
    rc = ops->header(self, L, &c, err);
    const char *rows = c.p, *end = c.end;
    long line = c.line;
    breach_csv_free(&c);
    if (rc == 0)
        rc = run_rows(L, ops, self, rows, end, line, err);
    if (ops->finish) {
        int r2 = ops->finish(self, L, rc ? NULL : err);
        if (rc == 0)
            rc = r2;
    }
    return rc;
}

int breach_loader_run_buffer(breach_dataset *ds, const char *data, size_t len,
                             const breach_load_options *opt, breach_report *report,
                             const breach_loader_ops *ops, void *self, breach_error *err)
{
    if (!ds || (!data && len))
        return breach_fail(err, BREACH_EINVAL, "no dataset or data");
    breach_loader L;
    int rc = breach_loader_begin(&L, ds, opt, "<buffer>", report, err);
    if (rc == 0 && (rc = breach_input_open(ds, L.source, ops->format, report, err)) == 0) {
        breach_input_bytes(ds, data, len);
        rc = breach_loader_run(&L, data, len, ops, self, err);
        rc = breach_input_finish(ds, report, rc, err);
    }
    breach_loader_end(&L);
    return rc;
}

/* Reads the first step of a lazy file, and the rest too unless the header record ends
 * inside it (the header is read before the rows' reader starts). 0 or BREACH_EIO. */
static int first_step(breach_file *f, breach_error *err)
{
    size_t got;
    int e = breach_file_fill(f, read_step, 0, &got);
    if (!e && f->fd >= 0) {
        breach_csv c;
        breach_csv_init(&c, f->data, f->avail, f->path);
        breach_error ce;
        int rec = breach_csv_next(&c, &ce);
        /* the record and its line end before the last byte read: a CR read last may have
           its LF still to come, and a record that reaches the end may go on past it */
        int fits = rec != 0 && c.p < f->data + f->avail;
        breach_csv_free(&c);
        if (!fits)
            e = read_rest(f);
    }
    return e ? read_failed(err, f, e) : 0;
}

int breach_loader_run_file(breach_dataset *ds, const char *path, const breach_load_options *opt,
                           breach_report *report, const breach_loader_ops *ops, void *self,
                           breach_error *err)
{
    if (!ds || !path)
        return breach_fail(err, BREACH_EINVAL, "no dataset or path");
    int rc = breach_load_options_check(opt, err);
    if (rc)
        return rc;
    /* the library's thread setting read once: how the file is read and how it is parsed
       must agree (another thread may change the setting meanwhile) */
    breach_load_options o;
    if (opt)
        o = *opt;
    else
        breach_load_options_init(&o);
    o.threads = breach_load_threads(&o);
    opt = &o;
    breach_file f;
    unsigned threads = o.threads;
    if ((rc = ops->parallel && threads > 1
                  ? breach_file_open_lazy(&f, path, threads, stream_min, err)
                  : breach_file_open_threads(&f, path, threads, err)))
        return rc;
    if (f.lazy && (rc = first_step(&f, err))) {
        breach_file_close(&f);
        return rc;
    }
    breach_loader L;
    rc = breach_loader_begin(&L, ds, opt, path, report, err);
    if (rc == 0 && (rc = breach_input_open(ds, L.source, ops->format, report, err)) == 0) {
        L.file = &f;
        /* a file still being read is hashed by its reader (run_rows); else, on several
           threads the file is hashed while it is parsed (the hash is 5 % of a one-thread
           load); on one, first */
        int streamed = f.lazy && f.fd >= 0;
        hash_job J = {f.data, f.len, "", 0};
        pthread_t hasher;
        int apart = !streamed && ops->parallel && L.threads > 1 && f.len >= HASH_APART &&
                    pthread_create(&hasher, NULL, hash_main, &J) == 0;
        if (apart) {
            L.hashed = &J.done;
            L.hash_base = f.data;
        } else if (!streamed) {
            breach_input_bytes(ds, f.data, f.len);
        }
        rc = breach_loader_run(&L, f.data, f.len, ops, self, err);
        if (apart) {
            pthread_join(hasher, NULL);
            L.hashed = NULL;
            breach_input_set_bytes(ds, f.len, J.hex);
        }
        if (streamed && f.fd >= 0) {
            /* its rows were never read (the header was refused, or memory ran out first:
               rc says why): hashed all the same, and a file whose reading fails meanwhile
               fails the load as it does on one thread, where it is read before the header */
            char hex[65];
            int e = hash_rest(&f, hex);
            breach_input_set_bytes(ds, f.avail, hex);
            if (e && rc != BREACH_ENOMEM)
                rc = read_failed(err, &f, e);
        }
        rc = breach_input_finish(ds, report, rc, err);
    }
    breach_loader_end(&L);
    breach_file_close(&f);
    return rc;
}
