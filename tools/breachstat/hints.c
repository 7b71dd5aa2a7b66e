/* Hints for answers that would otherwise be silently empty or silently other than meant:
 * "--region ME" is Montenegro (ISO 3166-1), not Maine (US-ME); "--entity NextGen" names no
 * organisation of the data, "NextGen Healthcare, Inc." is close; "--vendor" a vendor that
 * no notice names (the ones that are there are listed). Printed on stderr (not
 * with --quiet), so the output itself stays what the statistic gives. */
#include "breachstat.h"

#include <stdlib.h>
#include <string.h>

/* A note built in b, on one line of stderr: it names organisations and vendors as the data
 * spell them, and a name may hold a line break or an escape sequence. */
static void note_line(bs_buf *b)
{
    bs_term_line(b->s ? b->s : "", stderr);
    fputc('\n', stderr);
    bs_buf_free(b);
}

/* A two-letter ISO country code that is also a USPS state code: "ME", "CA", "IN", ... */
static void region_hint(const bs_ctx *ctx, const char *opt, const char *text)
{
    breach_region country, state;
    size_t len = strlen(text);
    if (len != 2 || breach_region_parse(text, len, &country, NULL) != BREACH_OK ||
        breach_region_from_us_state(text, len, &state, NULL) != BREACH_OK || country == state)
        return;
    if (!ctx->quiet)
        fprintf(stderr, "%s: note: --%s %s is %s (ISO 3166-1 %s); for %s write --%s %s\n",
                bs_progname, opt, text, breach_region_name(country), breach_region_code(country),
                breach_region_name(state), opt, breach_region_code(state));
}

/* Edit distance of a and b (bytes), or max + 1 when it is larger than max. */
static size_t distance(const char *a, const char *b, size_t max)
{
    size_t la = strlen(a), lb = strlen(b);
    if ((la > lb ? la - lb : lb - la) > max)
        return max + 1;
    size_t *row = bs_xcalloc(lb + 1, sizeof *row);
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    size_t best = 0;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        best = row[0];
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t v = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < v)
                v = up + 1;
            if (row[j - 1] + 1 < v)
                v = row[j - 1] + 1;
            row[j] = v;
            diag = up;
            if (v < best)
                best = v;
        }
        if (best > max)
            break;
    }
    size_t d = best > max ? max + 1 : row[lb];
    free(row);
    return d > max ? max + 1 : d;
}

/* Whether `word` starts a word of `key` ("nextgen" in "nextgen healthcare"). */
static bool starts_a_word(const char *key, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = key; (p = strstr(p, word)) != NULL; p++)
        if ((p == key || p[-1] == ' ') && n)
            return true;
    return false;
}

#define MAX_CLOSE 5

/* --entity NAME: when no loaded notice has NAME's entity key, the names that are close: a
 * key that NAME's key starts a word of, or one a few edits away. */
static void entity_hint(const bs_ctx *ctx, const char *name)
{
    char key[512];
    size_t klen = breach_entity_key(name, strlen(name), key, sizeof key);
    if (klen == (size_t)-1 || klen >= sizeof key || klen == 0)
        return;
    size_t n = breach_dataset_size(ctx->ds);
    const char *close[MAX_CLOSE];
    const char *close_key[MAX_CLOSE];
    size_t n_close = 0, n_more = 0;
    size_t max_edits = klen / 4 < 2 ? 2 : klen / 4;
    for (size_t i = 0; i < n; i++) {
        breach_incident x;
        if (breach_dataset_get(ctx->ds, i, &x, NULL) != BREACH_OK || !x.entity_key)
            continue;
        if (strcmp(x.entity_key, key) == 0)
            return; /* the organisation is there: an empty answer is the filters' */
        if (!starts_a_word(x.entity_key, key) && distance(x.entity_key, key, max_edits) > max_edits)
            continue;
        bool seen = false;
        for (size_t k = 0; k < n_close && !seen; k++)
            seen = strcmp(close_key[k], x.entity_key) == 0;
        if (seen)
            continue;
        if (n_close < MAX_CLOSE) {
            close[n_close] = x.entity;
            close_key[n_close++] = x.entity_key;
        } else {
            n_more++;
        }
    }
    if (ctx->quiet)
        return;
    bs_buf b;
    bs_buf_init(&b);
    if (n_close == 0) {
        bs_buf_printf(&b, "%s: note: no loaded notice names '%s' (entity key '%s'), nor a close "
                          "name",
                      bs_progname, name, key);
    } else {
        bs_buf_printf(&b, "%s: note: no loaded notice names '%s' (entity key '%s'); close %s:",
                      bs_progname, name, key, n_close + n_more == 1 ? "name" : "names");
        for (size_t k = 0; k < n_close; k++)
            bs_buf_printf(&b, "%s '%s'", k ? "," : "", close[k]);
        if (n_more)
            bs_buf_printf(&b, " and %zu more", n_more);
    }
    note_line(&b);
}

/* --vendor NAME (a filter, not supply-chain's own option, which lists the vendors itself):
 * when no loaded notice names it, the vendors that are there. */
static void vendor_hint(const bs_ctx *ctx, const char *name)
{
    char key[512], other[512];
    size_t klen = breach_entity_key(name, strlen(name), key, sizeof key);
    if (klen == (size_t)-1 || klen >= sizeof key || klen == 0)
        return;
    const char **names;
    size_t n = bs_list_vendors(ctx->ds, NULL, &names);
    for (size_t i = 0; i < n; i++) {
        size_t olen = breach_entity_key(names[i], strlen(names[i]), other, sizeof other);
        if (olen < sizeof other && strcmp(other, key) == 0) {
            free(names);
            return;
        }
    }
    if (!ctx->quiet) {
        bs_buf b;
        bs_buf_init(&b);
        if (n == 0)
            bs_buf_printf(&b, "%s: note: no loaded notice names a vendor or campaign ('%s' "
                              "selects nothing)",
                          bs_progname, name);
        else {
            bs_buf_printf(&b, "%s: note: no loaded notice names the vendor '%s'; vendors in "
                              "these data:",
                          bs_progname, name);
            for (size_t i = 0; i < n && i < MAX_CLOSE; i++)
                bs_buf_printf(&b, "%s '%s'", i ? "," : "", names[i]);
            if (n > MAX_CLOSE)
                bs_buf_printf(&b, " and %zu more", n - MAX_CLOSE);
        }
        note_line(&b);
    }
    free(names);
}

void bs_hints(const bs_ctx *ctx)
{
    const char **vals;
    size_t n = bs_opts(ctx, "region", &vals);
    for (size_t i = 0; i < n; i++) {
        /* share takes "US-ME,US-TX": each code */
        const char *p = vals[i];
        while (*p) {
            size_t len = strcspn(p, ",");
            char code[8];
            if (len < sizeof code) {
                memcpy(code, p, len);
                code[len] = '\0';
                region_hint(ctx, "region", code);
            }
            p += len;
            if (*p == ',')
                p++;
        }
    }
    free(vals);
    const char *entity = bs_opt(ctx, "entity");
    if (entity && ctx->ds)
        entity_hint(ctx, entity);
    const char *vendor = ctx->filter.vendor; /* the filter's, not supply-chain's option */
    if (vendor && ctx->ds)
        vendor_hint(ctx, vendor);
}
