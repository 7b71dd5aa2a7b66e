/* Bad input as data (issue 18): every folder of tests/invalid/ is a case, as in jansson's
 * test/suites/invalid: `input` holds the bytes, `format` (optional) the format's name
 * (else it is detected), `map` (optional) a column mapping to read the input through, and
 * `error` what the library must say. The driver loads the input strict and lenient, then
 * computes the overview of what the lenient load kept and writes it as JSON, one line each:
 *
 *     strict: BREACH_EPARSE 2:15 row 1: quote inside an unquoted field (...)
 *     lenient: BREACH_OK read=1 loaded=0 rejected=1
 *       reject 2:15 row 1: quote inside an unquoted field (...)
 *     overview: BREACH_OK
 *     json: BREACH_OK
 *
 * The case passes when the lines equal `error`. Adding a case is adding a folder; with
 * BREACH_INVALID_UPDATE=1 the driver writes `error` from what it got (to review in git).
 * It also checks the invariants every load keeps: rows read = loaded + rejected, loaded =
 * the dataset's size. Built and run in the normal and the sanitizer builds (make check). */
#include <breach.h>

#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *status_name(int code)
{
    static const char *const names[] = {
        "BREACH_OK", "BREACH_ENOMEM", "BREACH_EINVAL", "BREACH_EIO", "BREACH_EPARSE",
        "BREACH_EDATE", "BREACH_ECOUNT", "BREACH_EOVERFLOW", "BREACH_EREGION",
        "BREACH_ECATEGORY", "BREACH_ETYPE", "BREACH_EENCODING", "BREACH_ENOTFOUND",
        "BREACH_EFORMAT", "BREACH_ELIMIT", "BREACH_EINCONSISTENT"};
    return code <= 0 && -code < (int)(sizeof names / sizeof names[0]) ? names[-code] : "?";
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    char *s = malloc(cap);
    for (size_t got; s && (got = fread(s + n, 1, cap - n, f)) > 0;) {
        n += got;
        if (n == cap)
            s = realloc(s, cap *= 2);
    }
    fclose(f);
    if (s)
        s[n < cap ? n : cap - 1] = '\0';
    if (len)
        *len = n;
    return s;
}

static void trim_newline(char *s)
{
    for (size_t n = strlen(s); n && (s[n - 1] == '\n' || s[n - 1] == '\r');)
        s[--n] = '\0';
}

typedef int (*buffer_reader)(breach_dataset *, const char *, size_t, const breach_load_options *,
                             breach_report *, breach_error *);

static buffer_reader reader_of(const char *fmt)
{
    if (!strcmp(fmt, "canonical") || !strcmp(fmt, "csv"))
        return breach_csv_read_buffer;
    if (!strcmp(fmt, "hhs"))
        return breach_hhs_read_buffer;
    if (!strcmp(fmt, "wa"))
        return breach_wa_read_buffer;
    if (!strcmp(fmt, "veris"))
        return breach_veris_read_buffer;
    if (!strcmp(fmt, "hibp"))
        return breach_hibp_read_buffer;
    return NULL;
}

/* Appends to out what one load says. Returns false when an invariant does not hold. */
static bool run_load(const char *mode, bool lenient, const char *data, size_t len,
                     const char *fmt, const breach_mapping *m, FILE *out, breach_dataset **keep)
{
    breach_error e;
    memset(&e, 0, sizeof e);
    breach_dataset *ds = breach_dataset_new(&e);
    breach_report *rep = breach_report_new();
    breach_load_options o;
    breach_load_options_init(&o);
    o.lenient = lenient;
    o.source_name = "input";
    int rc = m ? breach_mapped_read_buffer(ds, data, len, m, &o, rep, &e)
               : reader_of(fmt)(ds, data, len, &o, rep, &e);
    size_t read = breach_report_rows_read(rep), loaded = breach_report_rows_loaded(rep),
           rejected = breach_report_rows_rejected(rep);
    bool ok = read == loaded + rejected && loaded == breach_dataset_size(ds) + breach_dataset_n_dropped(ds);
    if (rc)
        fprintf(out, "%s: %s %ld:%ld %s\n", mode, status_name(rc), e.line, e.column, e.text);
    else
        fprintf(out, "%s: BREACH_OK read=%zu loaded=%zu rejected=%zu\n", mode, read, loaded,
                rejected);
    if (lenient)
        for (size_t i = 0; i < breach_report_n_rejects(rep) && i < 5; i++) {
            breach_issue is;
            if (breach_report_reject(rep, i, &is) == BREACH_OK)
                fprintf(out, "  reject %ld:%ld %s\n", is.line, is.column, is.text);
        }
    breach_report_free(rep);
    if (keep)
        *keep = ds;
    else
        breach_dataset_free(ds);
    return ok;
}

/* Runs one case; returns 0 (pass), 1 (fail). */
static int run_case(const char *dir, const char *name, bool update)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s/input", dir, name);
    size_t len = 0;
    char *data = slurp(path, &len);
    if (!data) {
        printf("FAIL: %s: no input\n", name);
        return 1;
    }
    snprintf(path, sizeof path, "%s/%s/format", dir, name);
    char *fmt = slurp(path, NULL);
    if (fmt)
        trim_newline(fmt);
    snprintf(path, sizeof path, "%s/%s/map", dir, name);
    breach_error e;
    memset(&e, 0, sizeof e);
    breach_mapping *m = NULL;
    struct stat st;
    if (stat(path, &st) == 0 && !(m = breach_mapping_read_file(path, &e))) {
        printf("FAIL: %s: bad map: %s\n", name, e.text);
        free(data);
        free(fmt);
        return 1;
    }

    char *got = NULL;
    size_t got_len = 0;
    FILE *out = open_memstream(&got, &got_len);
    bool ok = true;
    const char *use = fmt;
    if (!m && !use) {
        use = breach_format_detect_buffer(data, len, "input", &e);
        if (!use)
            fprintf(out, "detect: %s %ld:%ld %s\n", status_name(e.code), e.line, e.column, e.text);
    }
    if (m || (use && reader_of(use))) {
        breach_dataset *kept = NULL;
        ok &= run_load("strict", false, data, len, use, m, out, NULL);
        ok &= run_load("lenient", true, data, len, use, m, out, &kept);
        breach_overview *ov = breach_overview_compute(kept, NULL, &e);
        if (ov)
            fprintf(out, "overview: BREACH_OK\n");
        else
            fprintf(out, "overview: %s %s\n", status_name(e.code), e.text);
        breach_overview_free(ov);
        /* what loaded writes as JSON, or is refused with a reason (a count above 2^63-1) */
        FILE *js = tmpfile();
        int jrc = js ? breach_json_write(kept, NULL, js, &e) : BREACH_EIO;
        if (js)
            fclose(js);
        if (jrc)
            fprintf(out, "json: %s %s\n", status_name(jrc), e.text);
        else
            fprintf(out, "json: BREACH_OK\n");
        breach_dataset_free(kept);
    } else if (use) {
        fprintf(out, "format: unknown '%s'\n", use);
    }
    fclose(out);

    snprintf(path, sizeof path, "%s/%s/error", dir, name);
    int failed = 0;
    if (update) {
        FILE *f = fopen(path, "w");
        if (f) {
            fputs(got, f);
            fclose(f);
        }
    }
    char *want = slurp(path, NULL);
    if (!ok) {
        printf("FAIL: %s: rows read != loaded + rejected, or loaded != the dataset's size\n", name);
        failed = 1;
    } else if (!want || strcmp(want, got) != 0) {
        printf("FAIL: %s\n--- want (%s)\n%s--- got\n%s", name, path, want ? want : "(none)\n", got);
        failed = 1;
    } else
        printf("PASS: %s\n", name);
    free(want);
    free(got);
    breach_mapping_free(m);
    free(data);
    free(fmt);
    return failed;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void)
{
    const char *src = getenv("BREACH_SRCDIR");
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/tests/invalid", src && *src ? src : ".");
    DIR *d = opendir(dir);
    if (!d) {
        printf("FAIL: cannot open %s\nTALLY: passed=0 failed=1\n", dir);
        return 1;
    }
    char **names = NULL;
    size_t n = 0;
    for (struct dirent *de; (de = readdir(d)) != NULL;) {
        char p[4096];
        struct stat st;
        snprintf(p, sizeof p, "%s/%s", dir, de->d_name);
        if (de->d_name[0] == '.' || stat(p, &st) != 0 || !S_ISDIR(st.st_mode))
            continue;
        names = realloc(names, (n + 1) * sizeof *names);
        names[n++] = strdup(de->d_name);
    }
    closedir(d);
    if (n > 1)
        qsort(names, n, sizeof *names, cmp_str);
    const char *u = getenv("BREACH_INVALID_UPDATE");
    bool update = u && *u && strcmp(u, "0") != 0;
    int failed = 0;
    for (size_t i = 0; i < n; i++) {
        failed += run_case(dir, names[i], update);
        free(names[i]);
    }
    free(names);
    printf("TALLY: passed=%zu failed=%d\n", n - (size_t)failed, failed);
    return failed || n == 0 ? 1 : 0;
}
