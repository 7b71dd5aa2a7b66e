/* SVG primitives: elements with escaped text, scales, nice ticks and axes. */
#include "svg.h"

#include <math.h>
#include <string.h>

void bs_svg_open(bs_buf *b, const char *id, bs_layout lay, double w, double h,
                 const char *title, const char *desc)
{
    const char *suffix = lay == BS_NARROW ? "-narrow" : "";
    bs_buf_printf(b,
                  "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" "
                  "width=\"%.0f\" height=\"%.0f\" role=\"img\" aria-labelledby=\"%s%s-title "
                  "%s%s-desc\" font-family=\"%s\" class=\"chart %s\">\n",
                  w, h, w, h, id, suffix, id, suffix, BS_FONT,
                  lay == BS_NARROW ? "narrow" : "wide");
    bs_buf_printf(b, "<title id=\"%s%s-title\">", id, suffix);
    bs_buf_xml(b, title);
    bs_buf_printf(b, "</title>\n<desc id=\"%s%s-desc\">", id, suffix);
    bs_buf_xml(b, desc);
    bs_buf_puts(b, "</desc>\n");
    bs_buf_printf(b, "<rect x=\"0\" y=\"0\" width=\"%.0f\" height=\"%.0f\" fill=\"#ffffff\"/>\n",
                  w, h);
}

void bs_svg_close(bs_buf *b)
{
    bs_buf_puts(b, "</svg>\n");
}

void bs_svg_text(bs_buf *b, double x, double y, double size, const char *anchor, int weight,
                 const char *fill, const char *text)
{
    bs_buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%.1f\"", x, y, size);
    if (anchor && strcmp(anchor, "start") != 0)
        bs_buf_printf(b, " text-anchor=\"%s\"", anchor);
    if (weight != 400)
        bs_buf_printf(b, " font-weight=\"%d\"", weight);
    bs_buf_printf(b, " fill=\"%s\">", fill ? fill : BS_INK);
    bs_buf_xml(b, text);
    bs_buf_puts(b, "</text>\n");
}

void bs_svg_vtext(bs_buf *b, double x, double y, double size, const char *text)
{
    bs_buf_printf(b,
                  "<text transform=\"translate(%.1f %.1f) rotate(-90)\" font-size=\"%.1f\" "
                  "text-anchor=\"middle\" fill=\"%s\">",
                  x, y, size, BS_MUTED);
    bs_buf_xml(b, text);
    bs_buf_puts(b, "</text>\n");
}

void bs_svg_line(bs_buf *b, double x1, double y1, double x2, double y2, const char *stroke,
                 double width, const char *dash)
{
    bs_buf_printf(b,
                  "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                  "stroke-width=\"%.1f\"",
                  x1, y1, x2, y2, stroke, width);
    if (dash)
        bs_buf_printf(b, " stroke-dasharray=\"%s\"", dash);
    bs_buf_puts(b, "/>\n");
}

void bs_svg_rect(bs_buf *b, double x, double y, double w, double h, const char *fill,
                 const char *stroke, const char *tooltip)
{
    bs_buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"", x,
                  y, w > 0 ? w : 0, h > 0 ? h : 0, fill);
    if (stroke)
        bs_buf_printf(b, " stroke=\"%s\"", stroke);
    if (tooltip) {
        bs_buf_puts(b, "><title>");
        bs_buf_xml(b, tooltip);
        bs_buf_puts(b, "</title></rect>\n");
    } else {
        bs_buf_puts(b, "/>\n");
    }
}

void bs_svg_circle(bs_buf *b, double cx, double cy, double r, const char *fill,
                   const char *stroke, const char *tooltip)
{
    bs_buf_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\"", cx, cy, r, fill);
    if (stroke)
        bs_buf_printf(b, " stroke=\"%s\" stroke-width=\"1.5\"", stroke);
    if (tooltip) {
        bs_buf_puts(b, "><title>");
        bs_buf_xml(b, tooltip);
        bs_buf_puts(b, "</title></circle>\n");
    } else {
        bs_buf_puts(b, "/>\n");
    }
}

void bs_svg_fitted(bs_buf *b, double x, double y, double size, int weight, const char *fill,
                   const char *text, double max_w)
{
    const char *s = text ? text : "";
    double scale = weight >= 700 ? 1.1 : 1.0;
    if (bs_text_width(s, size) * scale <= max_w) {
        bs_svg_text(b, x, y, size, "start", weight, fill, s);
        return;
    }
    size_t len = strlen(s), cut = 0;
    bs_buf tmp;
    bs_buf_init(&tmp);
    while (cut < len) {
        size_t next = cut + 1;
        while (next < len && ((unsigned char)s[next] & 0xC0) == 0x80)
            next++;
        bs_buf_free(&tmp);
        bs_buf_add(&tmp, s, next);
        bs_buf_puts(&tmp, "\xe2\x80\xa6");
        if (bs_text_width(tmp.s, size) * scale > max_w)
            break;
        cut = next;
    }
    bs_buf_free(&tmp);
    bs_buf_add(&tmp, s, cut);
    bs_buf_puts(&tmp, "\xe2\x80\xa6");
    bs_buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%.1f\"", x, y, size);
    if (weight != 400)
        bs_buf_printf(b, " font-weight=\"%d\"", weight);
    bs_buf_printf(b, " fill=\"%s\"><title>", fill ? fill : BS_INK);
    bs_buf_xml(b, s);
    bs_buf_puts(b, "</title>");
    bs_buf_xml(b, tmp.s);
    bs_buf_puts(b, "</text>\n");
    bs_buf_free(&tmp);
}

void bs_svg_heading(bs_buf *b, double w, const char *title, const char *subtitle)
{
    bs_svg_fitted(b, 16, 26, 17, 700, NULL, title, w - 24);
    if (subtitle && *subtitle)
        bs_svg_fitted(b, 16, 46, 13, 400, BS_MUTED, subtitle, w - 24);
}

void bs_svg_source(bs_buf *b, double x, double y, double w, const char *source)
{
    bs_svg_fitted(b, x, y, 11, 400, BS_MUTED, source, w - x);
}

size_t bs_svg_wrap(bs_buf *b, double x, double y, double size, int weight, const char *fill,
                   const char *text, double max_w, double line_h, size_t max_lines)
{
    const char *s = text ? text : "";
    double scale = weight >= 700 ? 1.1 : 1.0; /* bold is wider: as in bs_svg_fitted */
    size_t lines = 0;
    bs_buf line;
    bs_buf_init(&line);
    while (*s == ' ')
        s++;
    while (*s && lines < max_lines) {
        /* the longest run of whole words that fits, or of the characters of a word longer
           than a line (a file name); the last line takes the rest */
        size_t end = 0, fit = 0;
        if (lines + 1 < max_lines) {
            for (;;) {
                while (s[end] == ' ')
                    end++;
                if (!s[end])
                    break;
                while (s[end] && s[end] != ' ')
                    end++;
                bs_buf_free(&line);
                bs_buf_add(&line, s, end);
                if (fit && bs_text_width(line.s, size) * scale > max_w)
                    break;
                fit = end;
            }
            bs_buf_free(&line);
            bs_buf_add(&line, s, fit);
            if (bs_text_width(line.s, size) * scale > max_w) {
                size_t cut = 0, next = 0;
                do {
                    cut = next;
                    next = cut + 1;
                    while (next < fit && ((unsigned char)s[next] & 0xC0) == 0x80)
                        next++;
                    bs_buf_free(&line);
                    bs_buf_add(&line, s, next);
                } while (next < fit && bs_text_width(line.s, size) * scale <= max_w);
                fit = cut ? cut : next; /* at least one character a line */
            }
        } else {
            fit = strlen(s);
        }
        while (fit && s[fit - 1] == ' ')
            fit--;
        bs_buf_free(&line);
        bs_buf_add(&line, s, fit);
        if (b)
            bs_svg_fitted(b, x, y + line_h * (double)lines, size, weight, fill, line.s, max_w);
        lines++;
        s += fit;
        while (*s == ' ')
            s++;
    }
    bs_buf_free(&line);
    return lines;
}

double bs_text_width(const char *s, double size)
{
    double w = 0;
    for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
        if ((*p & 0xC0) == 0x80)
            continue;
        /* narrow and wide glyphs of a sans-serif, roughly */
        if (strchr("il.,:;'|!()[] ", *p))
            w += 0.30;
        else if (strchr("mwMW@", *p))
            w += 0.85;
        else if (*p >= 'A' && *p <= 'Z')
            w += 0.66;
        else
            w += 0.56;
    }
    return w * size;
}

double bs_scale_at(const bs_scale *s, double v)
{
    double a = s->d0, z = s->d1;
    if (s->log) {
        a = log10(a);
        z = log10(z);
        v = log10(v);
    }
    if (z == a)
        return (s->r0 + s->r1) / 2;
    return s->r0 + (v - a) / (z - a) * (s->r1 - s->r0);
}

static double nice_step(double span, size_t target)
{
    double raw = span / (double)(target ? target : 1);
    double mag = pow(10, floor(log10(raw)));
    double f = raw / mag;
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * mag;
}

size_t bs_ticks(double lo, double hi, size_t target, double *out, size_t cap, double *nice_hi)
{
    if (!(hi > lo))
        hi = lo + 1;
    double step = nice_step(hi - lo, target);
    double start = floor(lo / step) * step;
    size_t n = 0;
    double v = start;
    for (; n < cap; n++) {
        v = start + (double)n * step;
        out[n] = fabs(v) < step * 1e-9 ? 0 : v;
        if (v >= hi - step * 1e-9) {
            n++;
            break;
        }
    }
    if (nice_hi)
        *nice_hi = n ? out[n - 1] : hi;
    return n;
}

size_t bs_log_ticks(double lo, double hi, double *out, size_t cap)
{
    size_t n = 0;
    double a = floor(log10(lo) + 1e-9), z = ceil(log10(hi) - 1e-9);
    bool minor = z - a <= 2;
    for (double e = a; e <= z && n < cap; e++) {
        double p = pow(10, e);
        static const double mult[] = {1, 2, 5};
        for (size_t k = 0; k < (minor ? 3u : 1u) && n < cap; k++) {
            double v = p * mult[k];
            if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9))
                out[n++] = v;
        }
    }
    return n;
}

const char *bs_tick_short(double v, char *buf, size_t size)
{
    return bs_fmt_short(v, buf, size);
}

const char *bs_tick_int(double v, char *buf, size_t size)
{
    return bs_fmt_real(v, fabs(v - round(v)) < 1e-9 ? 0 : 1, buf, size);
}

const char *bs_tick_pct(double v, char *buf, size_t size)
{
    double pct = v * 100;
    if (pct >= 1 || pct == 0)
        snprintf(buf, size, "%.0f %%", pct);
    else
        snprintf(buf, size, "%.2g %%", pct);
    return buf;
}

void bs_svg_axis_left(bs_buf *b, const bs_scale *y, const double *ticks, size_t n, double x0,
                      double x1, bs_tick_fmt fmt)
{
    char t[BS_NUM];
    for (size_t i = 0; i < n; i++) {
        double py = bs_scale_at(y, ticks[i]);
        bs_svg_line(b, x0, py, x1, py, BS_GRID, 1, NULL);
        bs_svg_text(b, x0 - 6, py + 4, 11, "end", 400, BS_MUTED, fmt(ticks[i], t, sizeof t));
    }
    bs_svg_line(b, x0, y->r0, x0, y->r1, BS_AXIS, 1, NULL);
}

void bs_svg_axis_bottom(bs_buf *b, const bs_scale *x, const double *ticks, size_t n, double y0,
                        double y1, bs_tick_fmt fmt)
{
    char t[BS_NUM];
    for (size_t i = 0; i < n; i++) {
        double px = bs_scale_at(x, ticks[i]);
        bs_svg_line(b, px, y1, px, y0, BS_GRID, 1, NULL);
        bs_svg_line(b, px, y0, px, y0 + 4, BS_AXIS, 1, NULL);
        bs_svg_text(b, px, y0 + 17, 11, "middle", 400, BS_MUTED, fmt(ticks[i], t, sizeof t));
    }
    bs_svg_line(b, x->r0, y0, x->r1, y0, BS_AXIS, 1, NULL);
}
