/* Status texts, error records, version, small shared helpers. */
#include "breach_private.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *breach_strerror(int code)
{
    switch (code) {
    case BREACH_OK: return "success";
    case BREACH_ENOMEM: return "out of memory";
    case BREACH_EINVAL: return "invalid argument";
    case BREACH_EIO: return "input/output error";
    case BREACH_EPARSE: return "malformed input";
    case BREACH_EDATE: return "invalid date";
    case BREACH_ECOUNT: return "invalid count";
    case BREACH_EOVERFLOW: return "number too large";
    case BREACH_EREGION: return "unknown region";
    case BREACH_ECATEGORY: return "unknown data category";
    case BREACH_ETYPE: return "unknown breach type or location";
    case BREACH_EENCODING: return "invalid UTF-8";
    case BREACH_ENOTFOUND: return "not found";
    case BREACH_EFORMAT: return "unexpected format";
    case BREACH_ELIMIT: return "input exceeds a limit";
    case BREACH_EINCONSISTENT: return "inconsistent values";
    case BREACH_ECANCELLED: return "cancelled";
    default: return "unknown status";
    }
}

const char *breach_version_string(void)
{
#define BREACH_STR2(x) #x
#define BREACH_STR(x) BREACH_STR2(x)
    return BREACH_STR(BREACH_VERSION_MAJOR) "." BREACH_STR(BREACH_VERSION_MINOR) "." BREACH_STR(
        BREACH_VERSION_PATCH);
}

unsigned breach_version_number(void) { return BREACH_VERSION_NUMBER; }

void breach_free(void *p) { breachp_free(p); }

void breach_error_clear(breach_error *err)
{
    if (!err)
        return;
    err->code = BREACH_OK;
    err->line = 0;
    err->column = 0;
    err->source[0] = '\0';
    err->text[0] = '\0';
}

BREACH_PRINTF(6, 0)
static void fill(breach_error *err, int code, const char *source, long line, long column,
                 const char *fmt, va_list ap)
{
    err->code = code;
    err->line = line;
    err->column = column;
    snprintf(err->source, sizeof err->source, "%s", source ? source : "");
    vsnprintf(err->text, sizeof err->text, fmt, ap);
}

int breach_fail(breach_error *err, int code, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        fill(err, code, NULL, 0, 0, fmt, ap);
        va_end(ap);
    }
    return code;
}

int breach_fail_at(breach_error *err, int code, const char *source, long line, long column,
                   const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        fill(err, code, source, line, column, fmt, ap);
        va_end(ap);
    }
    return code;
}

int breach_refuse_utf16(const char *data, size_t len, const char *source, breach_error *err)
{
    const unsigned char *b = (const unsigned char *)data;
    int big = -1, bom = 0;
    if (len >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF))) {
        big = b[0] == 0xFE;
        bom = 1;
    } else if (len >= 2) {
        /* without a mark: ASCII-range characters as two bytes, one of them NUL, over the
           first 16 characters (or the whole of a shorter file) */
        size_t n = len / 2 > 16 ? 32 : len / 2 * 2;
        int le = 1, be = 1;
        for (size_t i = 0; i < n; i += 2) {
            le &= b[i] != 0 && b[i + 1] == 0;
            be &= b[i] == 0 && b[i + 1] != 0;
        }
        big = be ? 1 : le ? 0 : -1;
    }
    if (big < 0)
        return 0;
    return breach_fail_at(err, BREACH_EFORMAT, source, 1, 1,
                          "the file is UTF-16 (%s-endian%s); save it as UTF-8",
                          big ? "big" : "little",
                          !bom ? ""
                          : big ? ", byte-order mark FE FF"
                                : ", byte-order mark FF FE");
}

int breach_reserved_check(const uint64_t *words, size_t n, uint32_t extra, const char *what,
                          const char *init, breach_error *err)
{
    int set = extra != 0;
    for (size_t k = 0; k < n; k++)
        set |= words[k] != 0;
    return set ? breach_fail(err, BREACH_EINVAL, "%s reserved fields are not zero (start from %s)",
                             what, init)
               : BREACH_OK;
}

int breach_grow(void **p, size_t *cap, size_t need, size_t elsize)
{
    if (need <= *cap)
        return 0;
    size_t ncap = *cap ? *cap : 16;
    while (ncap < need) {
        if (ncap > (size_t)-1 / 2)
            return BREACH_ENOMEM;
        ncap *= 2;
    }
    size_t bytes;
    if (!breach_size_mul(ncap, elsize, &bytes))
        return BREACH_ENOMEM;
    void *q = breachp_realloc(*p, bytes);
    if (!q)
        return BREACH_ENOMEM;
    *p = q;
    *cap = ncap;
    return 0;
}

int breach_utf8_valid(const char *str, size_t len, size_t *bad)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < len) {
        /* ASCII, nearly every byte of every field, eight bytes at a time */
        while (len - i >= 8) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (w & 0x8080808080808080ull)
                break;
            i += 8;
        }
        if (i == len)
            break;
        unsigned c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t n;
        unsigned min;
        if (c >= 0xC2 && c <= 0xDF) {
            n = 1;
            min = 0x80;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 2;
            min = 0x800;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3;
            min = 0x10000;
        } else
            goto fail;
        unsigned cp = c & (0x3Fu >> n);
        for (size_t k = 1; k <= n; k++) {
            if (i + k >= len || (s[i + k] & 0xC0) != 0x80)
                goto fail;
            cp = (cp << 6) | (s[i + k] & 0x3Fu);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            goto fail;
        i += n + 1;
        continue;
    fail:
        if (bad)
            *bad = i;
        return 0;
    }
    return 1;
}
