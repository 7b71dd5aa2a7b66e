/* Memory, text buffers, and the formatting of numbers, counts and dates for people. */
#include "breachstat.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *bs_progname = "breachstat";

const char *bs_fmt_pvalue(double p, char *buf, size_t size)
{
    if (!isfinite(p))
        snprintf(buf, size, "n/a");
    else if (p <= 0)
        snprintf(buf, size, "< 1e-300");
    else if (p < 1e-4)
        snprintf(buf, size, "%.1e", p);
    else
        snprintf(buf, size, "%.4f", p);
    return buf;
}

const char *bs_fmt_pvalue_resampled(uint64_t far, uint64_t replicates, char *buf, size_t size)
{
    if (!replicates)
        return bs_fmt_pvalue(NAN, buf, size);
    char p[BS_NUM], k[BS_NUM], b[BS_NUM];
    if (far)
        bs_fmt_pvalue((double)far / (double)replicates, p, sizeof p);
    else /* %.3g: 0.02, 0.001, 1e-05 (scientific below 0.0001, as bs_fmt_pvalue) */
        snprintf(p, sizeof p, "< %.3g", 1.0 / (double)replicates);
    snprintf(buf, size, "%s (%s of %s %s)", p, bs_fmt_uint(far, k, sizeof k),
             bs_fmt_uint(replicates, b, sizeof b), bs_plural(replicates, "replicate", "replicates"));
    return buf;
}

const char *bs_plural(uint64_t n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

static void out_of_memory(void)
{
    fprintf(stderr, "%s: out of memory\n", bs_progname);
    exit(BS_EXIT_FAIL);
}

void *bs_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        out_of_memory();
    return p;
}

void *bs_xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        out_of_memory();
    return p;
}

void *bs_xrealloc(void *p, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        out_of_memory();
    void *q = realloc(p, n * size != 0 ? n * size : 1);
    if (!q)
        out_of_memory();
    return q;
}

char *bs_xstrdup(const char *s)
{
    size_t n = strlen(s);
    char *p = bs_xmalloc(n + 1);
    memcpy(p, s, n + 1);
    return p;
}

char *bs_xasprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = bs_xvasprintf(fmt, ap);
    va_end(ap);
    return s;
}

char *bs_xvasprintf(const char *fmt, va_list ap)
{
    bs_buf b;
    bs_buf_init(&b);
    char tmp[512];
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    if (n >= 0 && (size_t)n < sizeof tmp) {
        bs_buf_add(&b, tmp, (size_t)n);
    } else if (n >= 0) {
        char *big = bs_xmalloc((size_t)n + 1);
        vsnprintf(big, (size_t)n + 1, fmt, ap2);
        bs_buf_add(&b, big, (size_t)n);
        free(big);
    }
    va_end(ap2);
    return bs_buf_take(&b);
}

/* ------------------------------------------------------------------ text for a terminal */

size_t bs_utf8_seq(const char *s, uint32_t *cp)
{
    const unsigned char *p = (const unsigned char *)s;
    uint32_t c;
    size_t n;
    if (p[0] < 0x80) {
        *cp = p[0];
        return 1;
    } else if (p[0] >= 0xC2 && p[0] <= 0xDF) {
        c = p[0] & 0x1F;
        n = 2;
    } else if (p[0] >= 0xE0 && p[0] <= 0xEF) {
        c = p[0] & 0x0F;
        n = 3;
    } else if (p[0] >= 0xF0 && p[0] <= 0xF4) {
        c = p[0] & 0x07;
        n = 4;
    } else
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((p[i] & 0xC0) != 0x80) /* also stops at the terminating NUL */
            return 0;
        c = c << 6 | (p[i] & 0x3F);
    }
    /* overlong forms, surrogates and code points past U+10FFFF are not UTF-8 */
    if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
        (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return n;
}

bool bs_bidi_control(uint32_t c)
{
    return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
           (c >= 0x2066 && c <= 0x2069);
}

void bs_buf_term(bs_buf *b, const char *s, bool keep_newlines)
{
    if (!s)
        return;
    while (*s) {
        uint32_t c;
        size_t n = bs_utf8_seq(s, &c);
        if (n == 0) {
            bs_buf_printf(b, "\\x%02X", (unsigned char)*s);
            s++;
            continue;
        }
        if (c == '\n' && keep_newlines)
            bs_buf_add(b, s, 1);
        else if (!keep_newlines && (c == '\n' || c == '\r' || c == '\t'))
            bs_buf_puts(b, " ");
        else if (c < 0x20 || c == 0x7F)
            bs_buf_printf(b, "\\x%02X", (unsigned)c);
        else if ((c >= 0x80 && c < 0xA0) || bs_bidi_control(c))
            bs_buf_printf(b, "\\u%04X", (unsigned)c);
        else
            bs_buf_add(b, s, n);
        s += n;
    }
}

static void term_write(const char *s, bool keep_newlines, FILE *out)
{
    bs_buf b;
    bs_buf_init(&b);
    bs_buf_term(&b, s, keep_newlines);
    if (b.s)
        fputs(b.s, out);
    bs_buf_free(&b);
}

void bs_term_puts(const char *s, FILE *out) { term_write(s, true, out); }

void bs_term_line(const char *s, FILE *out) { term_write(s, false, out); }

void bs_eprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = bs_xvasprintf(fmt, ap);
    va_end(ap);
    bs_term_puts(s, stderr);
    free(s);
}

void bs_warn(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = bs_xvasprintf(fmt, ap);
    va_end(ap);
    bs_eprintf("%s: %s\n", bs_progname, s);
    free(s);
}

void bs_print_error(const breach_error *e)
{
    const char *text = e->text[0] ? e->text : breach_strerror(e->code);
    if (e->source[0] && e->line)
        bs_eprintf("%s:%ld:%ld: error: %s\n", e->source, e->line, e->column ? e->column : 1,
                   text);
    else if (e->source[0])
        bs_eprintf("%s: error: %s\n", e->source, text);
    else
        bs_eprintf("%s: error: %s\n", bs_progname, text);
}

/* ------------------------------------------------------------------ buffers */

void bs_buf_init(bs_buf *b)
{
    b->s = NULL;
    b->len = b->cap = 0;
}

void bs_buf_free(bs_buf *b)
{
    free(b->s);
    bs_buf_init(b);
}

void bs_buf_add(bs_buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n + 1) {
            if (cap > SIZE_MAX / 2)
                out_of_memory();
            cap *= 2;
        }
        b->s = bs_xrealloc(b->s, cap, 1);
        b->cap = cap;
    }
    if (n)
        memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

void bs_buf_puts(bs_buf *b, const char *s)
{
    bs_buf_add(b, s, strlen(s));
}

void bs_buf_printf(bs_buf *b, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    char tmp[256];
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    if (n >= 0 && (size_t)n < sizeof tmp) {
        bs_buf_add(b, tmp, (size_t)n);
    } else if (n >= 0) {
        char *big = bs_xmalloc((size_t)n + 1);
        vsnprintf(big, (size_t)n + 1, fmt, ap2);
        bs_buf_add(b, big, (size_t)n);
        free(big);
    }
    va_end(ap2);
    va_end(ap);
}

/* The next character of s for HTML, Markdown and SVG: 0 for a plain ASCII byte (the caller
 * escapes it), else how many bytes it takes, with *out the UTF-8 to write instead: the
 * character itself when it is valid UTF-8; U+FFFD for a byte that is not UTF-8 (a name cut
 * in the middle of a character by a fixed-size buffer leaves a broken sequence, which is
 * dropped when it ends the text); U+FFFD for an explicit bidirectional embedding, override
 * or isolate (U+202A..202E, U+2066..2069), which would reverse the rest of a sentence,
 * figures included. */
static size_t doc_char(const char *s, const char **out)
{
    static const char fffd[] = "\xEF\xBF\xBD";
    if ((unsigned char)*s < 0x80)
        return 0;
    if ((unsigned char)s[0] == 0xFE && (s[1] == 1 || s[1] == 2)) { /* BS_ISOLATE_* */
        *out = s[1] == 1 ? "\xE2\x81\xA8" : "\xE2\x81\xA9";
        return 2;
    }
    uint32_t c;
    size_t n = bs_utf8_seq(s, &c);
    if (n == 0) {
        /* a sequence cut short by the end of the text: dropped */
        size_t k = 1;
        while (((unsigned char)s[k] & 0xC0) == 0x80 && k < 4)
            k++;
        *out = s[k] == '\0' && (unsigned char)s[0] >= 0xC2 && (unsigned char)s[0] <= 0xF4 ? ""
                                                                                          : fffd;
        return s[k] == '\0' ? k : 1;
    }
    *out = (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) ? fffd : NULL;
    return n;
}

void bs_buf_xml(bs_buf *b, const char *s)
{
    if (!s)
        return;
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        const char *rep = NULL;
        size_t n = doc_char((const char *)p, &rep);
        if (n) {
            if (rep)
                bs_buf_puts(b, rep);
            else
                bs_buf_add(b, (const char *)p, n);
            p += n;
            continue;
        }
        switch (*p) {
        case '&': bs_buf_puts(b, "&amp;"); break;
        case '<': bs_buf_puts(b, "&lt;"); break;
        case '>': bs_buf_puts(b, "&gt;"); break;
        case '"': bs_buf_puts(b, "&quot;"); break;
        case '\'': bs_buf_puts(b, "&#39;"); break;
        default:
            /* control characters are not allowed in XML 1.0 */
            if (*p < 0x20 && *p != '\n' && *p != '\t')
                bs_buf_puts(b, " ");
            else
                bs_buf_add(b, (const char *)p, 1);
        }
        p++;
    }
}

void bs_buf_md(bs_buf *b, const char *s)
{
    if (!s)
        return;
    for (const char *p = s; *p;) {
        const char *rep = NULL;
        size_t n = doc_char(p, &rep);
        if (n) {
            if (rep)
                bs_buf_puts(b, rep);
            else
                bs_buf_add(b, p, n);
            p += n;
            continue;
        }
        if (*p == '\n' || *p == '\r' || ((unsigned char)*p < 0x20 && *p != '\t') || *p == 0x7F)
            bs_buf_puts(b, " ");
        else if (strchr("|\\*_`[]<>#", *p)) {
            char esc[3] = {'\\', *p, 0};
            bs_buf_puts(b, esc);
        } else
            bs_buf_add(b, p, 1);
        p++;
    }
}

char *bs_buf_take(bs_buf *b)
{
    char *s = b->s ? b->s : bs_xstrdup("");
    bs_buf_init(b);
    return s;
}

void bs_tidy_sentence(char *s)
{
    /* "... Brightline, Inc.." -> "... Brightline, Inc." (an abbreviation ends the sentence) */
    size_t n = strlen(s);
    if (n >= 2 && s[n - 1] == '.' && s[n - 2] == '.' && (n < 3 || s[n - 3] != '.'))
        s[n - 1] = '\0';
}

/* ------------------------------------------------------------------ formatting */

const char *bs_fmt_uint(uint64_t v, char *buf, size_t size)
{
    char raw[32];
    int n = snprintf(raw, sizeof raw, "%" PRIu64, v);
    size_t o = 0;
    for (int i = 0; i < n && o + 2 < size; i++) {
        if (i && (n - i) % 3 == 0)
            buf[o++] = ',';
        buf[o++] = raw[i];
    }
    buf[o] = '\0';
    return buf;
}

const char *bs_fmt_real(double v, int decimals, char *buf, size_t size)
{
    if (isnan(v)) {
        snprintf(buf, size, "n/a");
        return buf;
    }
    if (isinf(v)) {
        snprintf(buf, size, v > 0 ? "infinite" : "-infinite");
        return buf;
    }
    char raw[64];
    snprintf(raw, sizeof raw, "%.*f", decimals, fabs(v));
    /* thousands separators in the integer part only */
    const char *dot = strchr(raw, '.');
    size_t ilen = dot ? (size_t)(dot - raw) : strlen(raw);
    size_t o = 0;
    if (v < 0 && strspn(raw, "0.") != strlen(raw) && o + 1 < size)
        buf[o++] = '-';
    for (size_t i = 0; i < ilen && o + 2 < size; i++) {
        if (i && (ilen - i) % 3 == 0)
            buf[o++] = ',';
        buf[o++] = raw[i];
    }
    for (const char *p = dot; p && *p && o + 1 < size; p++)
        buf[o++] = *p;
    buf[o] = '\0';
    return buf;
}

const char *bs_fmt_pct(double fraction, char *buf, size_t size)
{
    if (isnan(fraction)) {
        snprintf(buf, size, "n/a");
        return buf;
    }
    double pct = 100.0 * fraction;
    char num[BS_NUM];
    bs_fmt_real(pct, fabs(pct) < 1 ? 4 : 3, num, sizeof num);
    snprintf(buf, size, "%s %%", num);
    return buf;
}

const char *bs_fmt_count(breach_count c, char *buf, size_t size)
{
    char n[BS_NUM];
    bs_fmt_uint(c.value, n, sizeof n);
    switch (c.qualifier) {
    case BREACH_COUNT_EXACT: snprintf(buf, size, "%s", n); break;
    case BREACH_COUNT_AT_LEAST: snprintf(buf, size, "at least %s", n); break;
    case BREACH_COUNT_AT_MOST: snprintf(buf, size, "at most %s", n); break;
    case BREACH_COUNT_ESTIMATED: snprintf(buf, size, "about %s", n); break;
    default: snprintf(buf, size, "unknown"); break;
    }
    return buf;
}

const char *bs_total_qualifier(const breach_total *t)
{
    if (t->n && t->n == t->n_unknown)
        return "unknown";
    if (t->upper_unbounded)
        return "at_least";
    if (t->lower != t->upper)
        return "range";
    return t->n_estimated ? "estimated" : "exact";
}

const char *bs_fmt_total(const breach_total *t, char *buf, size_t size)
{
    char a[BS_NUM], b[BS_NUM];
    const char *q = bs_total_qualifier(t);
    bs_fmt_uint(t->lower, a, sizeof a);
    if (strcmp(q, "unknown") == 0)
        snprintf(buf, size, "unknown");
    else if (strcmp(q, "at_least") == 0)
        snprintf(buf, size, "at least %s", a);
    else if (strcmp(q, "range") == 0)
        snprintf(buf, size, "%s to %s", a, bs_fmt_uint(t->upper, b, sizeof b));
    else
        snprintf(buf, size, "%s%s", strcmp(q, "estimated") == 0 ? "about " : "", a);
    return buf;
}

const char *bs_fmt_total_n(const breach_total *t, const char *one, const char *many, char *buf,
                           size_t size)
{
    char a[BS_NUM], b[BS_NUM];
    bs_fmt_uint(t->n, a, sizeof a);
    const char *noun = t->n == 1 ? one : many;
    if (t->n_unknown == 0)
        snprintf(buf, size, "%s %s", a, noun);
    else if (t->n_unknown == t->n)
        snprintf(buf, size, "%s %s, %s", a, noun, t->n == 1 ? "without a figure" : "none with a figure");
    else
        snprintf(buf, size, "%s %s, %s of them without a figure", a, noun,
                 bs_fmt_uint(t->n_unknown, b, sizeof b));
    return buf;
}

const char *bs_fmt_size(const breach_sizes *s, uint32_t bit, uint64_t u, double d, char *buf,
                        size_t size)
{
    return s->exact_u & bit ? bs_fmt_uint(u, buf, size) : bs_fmt_real(d, 0, buf, size);
}

const char *bs_fmt_short(double v, char *buf, size_t size)
{
    static const struct {
        double scale;
        const char *suffix;
    } units[] = {{1e12, "T"}, {1e9, "B"}, {1e6, "M"}, {1e3, "k"}};
    double a = fabs(v);
    if (isnan(v)) {
        snprintf(buf, size, "n/a");
        return buf;
    }
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        if (a >= units[i].scale) {
            double x = v / units[i].scale;
            /* 1.2M, 12M, 120M: two significant figures at most below 10 */
            if (fabs(x) < 10 && fabs(x - round(x)) > 0.05)
                snprintf(buf, size, "%.1f%s", x, units[i].suffix);
            else
                snprintf(buf, size, "%.0f%s", x, units[i].suffix);
            return buf;
        }
    }
    if (a > 0 && a < 1)
        snprintf(buf, size, "%.2g", v);
    else
        snprintf(buf, size, "%.0f", v);
    return buf;
}

const char *bs_fmt_date(breach_date d, char *buf, size_t size)
{
    if (!breach_date_is_known(d)) {
        if (size)
            buf[0] = '\0';
        return buf;
    }
    breach_date_format(d, buf, size);
    return buf;
}

const char *bs_qualifier_name(int q)
{
    switch (q) {
    case BREACH_COUNT_EXACT: return "exact";
    case BREACH_COUNT_AT_LEAST: return "at_least";
    case BREACH_COUNT_AT_MOST: return "at_most";
    case BREACH_COUNT_ESTIMATED: return "estimated";
    default: return "unknown";
    }
}

const char *bs_date_field_name(int f)
{
    switch (f) {
    case BREACH_FIELD_REPORTED: return "reported";
    case BREACH_FIELD_OCCURRED: return "occurred";
    case BREACH_FIELD_DISCOVERED: return "discovered";
    default: return "event";
    }
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

size_t bs_count_distinct(const char **v, size_t n)
{
    if (n == 0)
        return 0;
    qsort(v, n, sizeof *v, cmp_str);
    size_t k = 1;
    for (size_t i = 1; i < n; i++)
        k += strcmp(v[i - 1], v[i]) != 0;
    return k;
}

/* ------------------------------------------------------------------ whole-file output */

/* The library's output (include/breach/io.h): its rules, which the man page states for
   -o, are the writers' own. Its errors say "cannot create: " or "write error: " and the
   reason; breachstat's say "cannot write FILE: " and the reason. */
static const char *out_reason(const breach_error *e)
{
    const char *colon = strstr(e->text, ": ");
    return colon ? colon + 2 : e->text[0] ? e->text : breach_strerror(e->code);
}

int bs_out_open(bs_outfile *o, const char *path)
{
    o->path = path;
    o->out = NULL;
    o->f = stdout;
    if (!path || strcmp(path, "-") == 0)
        return BS_EXIT_OK;
    breach_error e = {0};
    o->out = breach_output_open(path, &e);
    if (!o->out) {
        o->f = NULL;
        bs_warn("cannot write %s: %s", path, out_reason(&e));
        return BS_EXIT_OUTPUT;
    }
    o->f = breach_output_stream(o->out);
    return BS_EXIT_OK;
}

int bs_out_close(bs_outfile *o, bool ok)
{
    FILE *f = o->f;
    o->f = NULL;
    if (f == stdout) {
        int bad = fflush(f) != 0 || ferror(f);
        if (bad && ok)
            bs_warn("cannot write standard output: %s", strerror(errno));
        return bad && ok ? BS_EXIT_OUTPUT : BS_EXIT_OK;
    }
    breach_error e = {0};
    int rc = breach_output_close(o->out, ok ? BREACH_OK : BREACH_EINVAL, &e);
    o->out = NULL;
    if (ok && rc != BREACH_OK) {
        bs_warn("cannot write %s: %s", o->path, out_reason(&e));
        return BS_EXIT_OUTPUT;
    }
    return BS_EXIT_OK;
}

breach_date bs_date_of(const breach_incident *inc, int field)
{
    switch (field) {
    case BREACH_FIELD_REPORTED: return inc->reported;
    case BREACH_FIELD_OCCURRED: return inc->occurred_start;
    case BREACH_FIELD_DISCOVERED: return inc->discovered;
    default: return breach_incident_event_date(inc);
    }
}
