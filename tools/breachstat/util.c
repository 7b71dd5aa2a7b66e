/* Memory, text buffers, and the formatting of numbers, counts and dates for people. */
#include "breachstat.h"

#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

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
    bs_buf b;
    bs_buf_init(&b);
    va_list ap;
    va_start(ap, fmt);
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
    va_end(ap);
    return bs_buf_take(&b);
}

void bs_warn(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%s: ", bs_progname);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

void bs_print_error(const breach_error *e)
{
    const char *text = e->text[0] ? e->text : breach_strerror(e->code);
    if (e->source[0] && e->line)
        fprintf(stderr, "%s:%ld:%ld: error: %s\n", e->source, e->line, e->column ? e->column : 1,
                text);
    else if (e->source[0])
        fprintf(stderr, "%s: error: %s\n", e->source, text);
    else
        fprintf(stderr, "%s: error: %s\n", bs_progname, text);
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

void bs_buf_xml(bs_buf *b, const char *s)
{
    if (!s)
        return;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
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
    }
}

void bs_buf_md(bs_buf *b, const char *s)
{
    if (!s)
        return;
    for (const char *p = s; *p; p++) {
        if (*p == '\n' || *p == '\r')
            bs_buf_puts(b, " ");
        else if (strchr("|\\*_`[]<>#", *p)) {
            char esc[3] = {'\\', *p, 0};
            bs_buf_puts(b, esc);
        } else
            bs_buf_add(b, p, 1);
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

const char *bs_fmt_total(const breach_total *t, char *buf, size_t size)
{
    char a[BS_NUM], b[BS_NUM];
    if (t->n == 0 || t->n == t->n_unknown)
        snprintf(buf, size, t->n ? "unknown" : "0");
    else if (t->upper_unbounded)
        snprintf(buf, size, "at least %s", bs_fmt_uint(t->lower, a, sizeof a));
    else if (t->lower == t->upper)
        snprintf(buf, size, "%s%s", t->n_estimated ? "about " : "",
                 bs_fmt_uint(t->lower, a, sizeof a));
    else
        snprintf(buf, size, "%s to %s", bs_fmt_uint(t->lower, a, sizeof a),
                 bs_fmt_uint(t->upper, b, sizeof b));
    return buf;
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
