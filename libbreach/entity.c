/* Entity keys: organisation names folded so that spelling variants of one name compare
 * equal. The rules are listed in include/breach/incident.h and tested one by one.
 *
 * Unicode (rule 0) is utf8proc's: NFKC, full case folding and marks stripped, so that
 * "ESTÉE LAUDER", "Estée Lauder" and "Estee Lauder" are one key. utf8proc rather than ICU
 * or libunistring: it does exactly this in one call (utf8proc_map_custom), it is a small C
 * library with no data files or initialisation (ICU's uc/i18n libraries are about 35 MB
 * with their data and a C++ runtime), it is kept current with Unicode by Debian
 * (libutf8proc2), and names that are all ASCII, nearly all of them, never reach it, so the
 * cost is paid only where it is needed (bench/README.md has the load-time figures). */
#include "breach_private.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Trailing legal forms (rule 6), with their lengths. */
static const struct {
    const char *w;
    size_t n;
} legal_forms[] = {{"inc", 3},   {"incorporated", 12}, {"llc", 3},   {"llp", 3},
                   {"lp", 2},    {"pllc", 4},          {"ltd", 3},   {"limited", 7},
                   {"corp", 4},  {"corporation", 11},  {"corporations", 12},
                   {"co", 2},    {"company", 7},       {"plc", 3},   {"pc", 2},
                   {"pa", 2},    {"gmbh", 4},          {"ag", 2},    {"sa", 2},
                   {"nv", 2},    {"bv", 2}};

static int is_legal_form(const char *w, size_t n)
{
    if (n > 12 || (unsigned char)w[0] - (unsigned)'a' >= 26)
        return 0; /* longer than "incorporated", or not a letter first: none of them */
    for (size_t i = 0; i < sizeof legal_forms / sizeof legal_forms[0]; i++)
        if (legal_forms[i].n == n && legal_forms[i].w[0] == w[0] &&
            memcmp(legal_forms[i].w, w, n) == 0)
            return 1;
    return 0;
}

/* The length of the ASCII spelling of a sign at s, "(TM)", "(SM)", "(R)" or "(C)" in any
 * case, or 0: it stands for ™ ℠ ® ©, which rule 0 makes a space, and folds as they do, so
 * that "Acme(TM)", "Acme (tm)" and "Acme™" are one key (rule 1 alone made the first
 * "acmetm"). Only the whole parenthesised marker: "TM Healthcare" and "Acme (TMX)" keep
 * their letters. */
static size_t sign_marker(const unsigned char *s, size_t len)
{
    if (len >= 3 && s[2] == ')' && ((s[1] | 0x20) == 'r' || (s[1] | 0x20) == 'c'))
        return 3;
    if (len >= 4 && s[3] == ')' && (s[2] | 0x20) == 'm' &&
        ((s[1] | 0x20) == 't' || (s[1] | 0x20) == 's'))
        return 4;
    return 0;
}

/* Rules 1-4 into out (which has room for 5 * len + 1 bytes); returns the length. */
static size_t fold(const unsigned char *s, size_t len, char *out)
{
    size_t o = 0;
    int pending_space = 0;
#define EMIT(ch)                                                                               \
    do {                                                                                       \
        if (pending_space && o > 0)                                                            \
            out[o++] = ' ';                                                                    \
        pending_space = 0;                                                                     \
        out[o++] = (char)(ch);                                                                 \
    } while (0)
    for (size_t i = 0; i < len; i++) {
        unsigned c = s[i];
        /* letters and digits first: most bytes of a name, and none of the cases below; a
           run of them is copied in one loop (a space owed goes before its first only) */
        if ((c | 0x20) - 'a' < 26 || c - '0' < 10) {
            EMIT(breach_lower((char)c));
            while (i + 1 < len && (((c = s[i + 1]) | 0x20) - 'a' < 26 || c - '0' < 10)) {
                out[o++] = breach_lower((char)c);
                i++;
            }
            continue;
        }
        /* the grave accent too: in names it is typed for an apostrophe ("Macy`s") */
        if (c == '\'' || c == '`' || c == '.' || c == '(' || c == ')') {
            size_t m = c == '(' ? sign_marker(s + i, len - i) : 0;
            if (m) {
                i += m - 1;
                pending_space = 1;
            }
            continue;
        }
        if (c == 0xE2 && i + 2 < len && s[i + 1] == 0x80) {
            unsigned t = s[i + 2];
            /* typographic apostrophes and single quotes (U+2018-U+201B) and the prime
               (U+2032, an apostrophe in names typed or scanned), as the ASCII apostrophe */
            if ((t >= 0x98 && t <= 0x9B) || t == 0xB2) {
                i += 2;
                continue;
            }
            /* hyphens and dashes (U+2010-U+2015), and typographic double quotes
               (U+201C-U+201F) as the ASCII '"' */
            if ((t >= 0x90 && t <= 0x95) || (t >= 0x9C && t <= 0x9F)) {
                i += 2;
                pending_space = 1;
                continue;
            }
        }
        if (c == 0xC2 && i + 1 < len && s[i + 1] == 0xA0) { /* no-break space */
            i++;
            pending_space = 1;
            continue;
        }
        if (c == '&') {
            pending_space = 1;
            EMIT('a');
            out[o++] = 'n';
            out[o++] = 'd';
            pending_space = 1;
            continue;
        }
        if (c < 0x80 && !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
            pending_space = 1; /* spaces, controls and other punctuation */
            continue;
        }
        EMIT(breach_lower((char)c));
    }
#undef EMIT
    return o;
}

/* Rule 0's symbols: utf8proc calls this on each code point before NFKC, which would spell
 * ™ and ℠ out as letters ("Acme™ Inc" was "acmetm"). A code point of category So (other
 * symbol: ® © ™ ℠ ℗, emoji, U+FFFD) becomes a space; those that NFKC spells as letters,
 * digits or ideographs drawn another way, of decomposition type <compat>, <circle> or
 * <square> (№ as "No", Ⓐ and ⒜ as "a", ㍿), are kept: they are a name's own letters.
 * Two characters typed for the apostrophe become it here, for rule 1 to delete: the acute
 * accent U+00B4 ("Macy´s"; NFKC makes it a space and a mark, so "macy s") and the modifier
 * letter apostrophe U+02BC (a letter to NFKC, so "macyʼs"). */
static utf8proc_int32_t symbol_to_space(utf8proc_int32_t cp, void *unused)
{
    (void)unused;
    if (cp == 0x00B4 || cp == 0x02BC)
        return '\'';
    const utf8proc_property_t *p = utf8proc_get_property(cp);
    if (p->category != UTF8PROC_CATEGORY_SO || p->decomp_type == UTF8PROC_DECOMP_TYPE_COMPAT ||
        p->decomp_type == UTF8PROC_DECOMP_TYPE_CIRCLE ||
        p->decomp_type == UTF8PROC_DECOMP_TYPE_SQUARE)
        return cp;
    return ' ';
}

/* Rule 0: a name with a byte outside ASCII, as NFKC, case-folded, marks stripped (owned
 * into *out, NULL when the name is all ASCII or is not valid UTF-8: those bytes are
 * folded as they are). Returns -1 when memory runs out. */
static int unicode_fold(const char *name, size_t len, char **out, size_t *out_len)
{
    *out = NULL;
    size_t i = 0;
    while (len - i >= 8) { /* nearly every name is ASCII: eight bytes at a time */
        uint64_t w;
        memcpy(&w, name + i, 8);
        if (w & 0x8080808080808080ull)
            break;
        i += 8;
    }
    while (i < len && (unsigned char)name[i] < 0x80)
        i++;
    if (i == len || len > (size_t)PTRDIFF_MAX / 8)
        return 0;
    utf8proc_uint8_t *dst = NULL;
    utf8proc_ssize_t n =
        utf8proc_map_custom((const utf8proc_uint8_t *)name, (utf8proc_ssize_t)len, &dst,
                            UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE |
                                UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK,
                            symbol_to_space, NULL);
    if (n == UTF8PROC_ERROR_NOMEM)
        return -1;
    if (n < 0)
        return 0; /* not UTF-8: the bytes as they are */
    /* utf8proc allocates with libc's malloc: its result is copied into the library's
       allocator (breach_set_alloc_funcs), which frees it */
    *out = breachp_malloc((size_t)n + 1);
    if (*out)
        memcpy(*out, dst, (size_t)n + 1);
    free(dst);
    if (!*out)
        return -1;
    *out_len = (size_t)n;
    return 0;
}

size_t breach_entity_key(const char *name, size_t len, char *buf, size_t size)
{
    if (!name)
        len = 0;
    char *folded;
    size_t folded_len;
    if (unicode_fold(name, len, &folded, &folded_len) != 0)
        return (size_t)-1;
    if (folded) {
        name = folded;
        len = folded_len;
    }
    char stack[1024];
    char *tmp = stack;
    size_t cap;
    if (!breach_size_mul(len, 5, &cap) || !breach_size_add(cap, 1, &cap)) {
        breachp_free(folded);
        return (size_t)-1;
    }
    if (cap > sizeof stack) {
        tmp = breachp_malloc(cap);
        if (!tmp) {
            breachp_free(folded);
            return (size_t)-1;
        }
    }
    size_t n = len ? fold((const unsigned char *)name, len, tmp) : 0;
    size_t start = 0;
    /* rule 5: a leading "the", when a word follows */
    if (n > 4 && memcmp(tmp, "the ", 4) == 0)
        start = 4;
    /* rule 6: trailing legal forms, keeping the last word */
    size_t end = n;
    for (;;) {
        size_t sp = end;
        while (sp > start && tmp[sp - 1] != ' ')
            sp--;
        if (sp == start)
            break; /* one word left */
        if (!is_legal_form(tmp + sp, end - sp))
            break;
        end = sp - 1;
    }
    size_t klen = end - start;
    if (size) {
        size_t c = klen < size - 1 ? klen : size - 1;
        memcpy(buf, tmp + start, c);
        buf[c] = '\0';
    }
    if (tmp != stack)
        breachp_free(tmp);
    breachp_free(folded);
    return klen;
}
