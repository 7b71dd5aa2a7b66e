#!/bin/sh
# The HTML report as people see it (issue 16), rendered by Debian's chromium headless:
#  - screenshots at desktop (1280 px) and phone (360 px) widths, neither blank;
#  - at 360 px and at 1280 px, measured by the browser: the page does not scroll sideways
#    (scrollWidth of the report within its viewport), nothing is wider than the page outside
#    a labelled scroll region (tables have one; charts do not), each figure shows exactly
#    one chart (the other variant is display:none), no wider than the figure, in nothing
#    that scrolls, with no text cut at its edge and none under 11 CSS px; at 1280 px that
#    chart is the wide one (drawn 600 units or more) at the size it is drawn for. The 360
#    px frame has a classic scroll bar (15 px): its figures are 299 px, not a phone's 314;
#  - in the light and the dark colour scheme (prefers-color-scheme), measured at both widths:
#    every text of the page and of the shown charts against what it is drawn on (its
#    background, or a chart's tile) passes WCAG 2.x AA (4.5:1, 3:1 for large text), the
#    charts' bars, tiles, dots and data lines reach 3:1 against the chart's background, and
#    no chart text is cut with an ellipsis; a report of eight supply-chain vendors
#    (tests/data/report-vendors.csv) draws the series colours;
#  - prefers-color-scheme: dark gives the dark page (its background, measured);
#  - printed with --print-to-pdf: pdftotext finds every table's last column (heading and
#    every row's cell), so no column was cut, each chart once (one "Source:" line a figure:
#    the narrow variant is not printed beside the wide one), and the seed report is not a
#    stack of half-empty pages.
# The report has no script: the measuring page (frame.html, made here) holds it in a 360 px
# and a 1280 px iframe and reads them from outside (--allow-file-access-from-files).
#
# build.sh check installs chromium and poppler-utils; under CI (CI=true) or with
# BREACH_REQUIRE_BROWSER=1 their absence is a failure, elsewhere a skip.
set -u
unset COLUMNS
build=${BREACH_BUILDDIR:-.}
src=${BREACH_SRCDIR:-.}
bs="$build/tools/breachstat/breachstat"
seed="$src/examples/data/seed-incidents.csv"
pop="$src/examples/data/us-state-population-2024.csv"
check="$src/tests/report_render.py"
. "$src/tests/checks.sh"

chromium=/usr/bin/chromium
if [ ! -x "$chromium" ] || ! command -v pdftotext >/dev/null 2>&1; then
    if [ "${CI:-}" = true ] || [ "${BREACH_REQUIRE_BROWSER:-}" = 1 ]; then
        echo "FAIL: chromium or pdftotext is missing (build.sh check installs chromium and poppler-utils)"
        echo "TALLY: passed=0 failed=1"
        exit 1
    fi
    echo "SKIP: chromium or pdftotext is not installed (apt-get install chromium poppler-utils)"
    exit 77
fi

# browser NAME ARGS...: chromium headless with a new empty profile, output in $tmp/NAME.log
browser() {
    log=$1
    shift
    timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$(mktemp -d "$tmp/profile.XXXXXX")" "$@" 2>"$tmp/$log.log"
}

cat >"$tmp/frame.html" <<'EOF'
<!DOCTYPE html><html><head><meta charset="utf-8"><title>measure</title>
<style>body{margin:0}iframe{display:block;border:0;height:2400px}</style></head>
<body><iframe style="width:360px" src="report.html"></iframe>
<iframe style="width:1280px" src="report.html"></iframe><pre id="measure">pending</pre>
<script>
// One line per frame (360 px, then 1280 px): the page's widths, its charts' text, and each
// figure's charts as shown (a chart is shown when it has a box, not display:none).
function measure(f) {
  var w = f.contentWindow, doc = f.contentDocument, d = doc.documentElement;
  var min = 1e9, n = 0, wide = [], figs = 0, bad = [], box = 1e9, vb = {}, scale = {};
  // WCAG 2.x contrast: each text against what it is drawn on (4.5:1; 3:1 for large text,
  // 24 px or 18.66 px bold), and each shape of a chart that carries data against the
  // chart's background (3:1, success criterion 1.4.11)
  var ntext = 0, mintext = 1e9, lowtext = [], minshape = 1e9, lowshape = [], cut = [], seen = {};
  function short(s) { return s.slice(0, 24).replace(/[\s=]/g, '_'); }
  function rgba(c) {
    var m = /rgba?\(([^)]*)\)/.exec(c || '');
    if (!m) return null;
    var p = m[1].split(/[\s,\/]+/).filter(Boolean).map(parseFloat);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  }
  function over(a, b) { return [0, 1, 2].map(function (i) { return a[i] * a[3] + b[i] * (1 - a[3]); }).concat([1]); }
  function lum(c) {
    var v = c.slice(0, 3).map(function (x) { x /= 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); });
    return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
  }
  function ratio(a, b) { var x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); }
  function hex(c) { return '#' + c.slice(0, 3).map(function (x) { return (256 + Math.round(x)).toString(16).slice(1); }).join(''); }
  // an HTML element's background: its own and its ancestors' colours, composed
  function pageBg(e) {
    var layers = [], bg = [255, 255, 255, 1];
    for (; e; e = e.parentElement) {
      var c = rgba(w.getComputedStyle(e).backgroundColor);
      if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    for (var i = layers.length - 1; i >= 0; i--) bg = over(layers[i], bg);
    return bg;
  }
  // an SVG text's background: the filled rectangles drawn before it under its centre
  function svgBg(s, t) {
    var b = t.getBoundingClientRect(), x = (b.left + b.right) / 2, y = (b.top + b.bottom) / 2;
    var bg = pageBg(s);
    s.querySelectorAll('rect').forEach(function (r) {
      var c = rgba(w.getComputedStyle(r).fill), rb = r.getBoundingClientRect();
      if (c && c[3] > 0 && (r.compareDocumentPosition(t) & Node.DOCUMENT_POSITION_FOLLOWING) &&
          x >= rb.left && x <= rb.right && y >= rb.top && y <= rb.bottom)
        bg = over(c, bg);
    });
    return bg;
  }
  function contrast(name, e, colour, bg, px, weight) {
    var c = rgba(colour);
    if (!c || c[3] == 0) return;
    var r = ratio(over(c, bg), bg), want = px >= 24 || (px >= 18.66 && parseInt(weight) >= 700) ? 3 : 4.5;
    ntext++;
    mintext = Math.min(mintext, r);
    var pair = hex(over(c, bg)) + '-on-' + hex(bg);
    if (r < want - 1e-3 && !seen[pair])  // each pair of colours once
      lowtext.push(name + ':' + short(e.textContent) + ':' + pair + ':' + r.toFixed(2)), seen[pair] = 1;
  }
  // a chart's shapes that carry data (bars, tiles, dots, lines of 1.5 units or more; not
  // the 1-unit grid and ticks): the stronger of fill and outline against the background
  function shapes(name, s) {
    var bg = pageBg(s), first = s.querySelector('rect');
    if (first) bg = over(rgba(w.getComputedStyle(first).fill) || [0, 0, 0, 0], bg);
    s.querySelectorAll('rect, circle, path, line').forEach(function (g) {
      if (g == first) return;
      var cs = w.getComputedStyle(g), f = rgba(cs.fill), st = rgba(cs.stroke);
      var sw = parseFloat(cs.strokeWidth);
      var line = g.tagName == 'line' || g.tagName == 'path';
      if (line && sw < 1.5) return;
      var colours = (f && f[3] > 0 && !line ? [f] : []).concat(st && st[3] > 0 && sw > 0 ? [st] : []);
      if (!colours.length) return;
      var best = null;
      colours.forEach(function (c) { if (!best || ratio(over(c, bg), bg) > ratio(over(best, bg), bg)) best = c; });
      var r = ratio(over(best, bg), bg), pair = hex(over(best, bg)) + '-on-' + hex(bg);
      minshape = Math.min(minshape, r);
      if (r < 3 - 1e-3 && !seen[g.tagName + pair])
        lowshape.push(name + ':' + g.tagName + ':' + pair + ':' + r.toFixed(2)), seen[g.tagName + pair] = 1;
    });
  }
  function shown(e) { var r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; }
  doc.querySelectorAll('figure').forEach(function (fig) {
    var svgs = [].filter.call(fig.querySelectorAll('svg'), shown), c = fig.getBoundingClientRect();
    var name = fig.querySelector('svg').getAttribute('aria-labelledby').split('-title')[0];
    figs++;
    box = Math.min(box, c.width);
    if (svgs.length != 1) bad.push(name + ':' + svgs.length + '-shown');
    svgs.forEach(function (s) {
      var r = s.getBoundingClientRect(), v = s.viewBox.baseVal;
      vb[v.width] = 1;
      scale[(r.width / v.width).toFixed(3)] = 1;
      if (r.left < c.left - 0.5 || r.right > c.right + 0.5)
        bad.push(name + ':' + r.width.toFixed(0) + 'px-in-' + c.width.toFixed(0));
      if (s.closest('[role=region]')) bad.push(name + ':in-a-scroll-region');
      for (var e = s.parentElement; e && e != doc.body; e = e.parentElement)
        if (e.scrollWidth > e.clientWidth + 0.5) { bad.push(name + ':' + e.tagName + '-scrolls'); break; }
      s.querySelectorAll('text').forEach(function (t) {
        var m = t.getScreenCTM(), b = t.getBoundingClientRect();
        if (!m) return;
        var px = parseFloat(w.getComputedStyle(t).fontSize) * Math.sqrt(m.a * m.a + m.b * m.b);
        n++;
        if (px < min) min = px;
        contrast(name, t, w.getComputedStyle(t).fill, svgBg(s, t), px, w.getComputedStyle(t).fontWeight);
        // text cut short with an ellipsis (the whole of it only in a tooltip)
        var own = [].filter.call(t.childNodes, function (c) { return c.nodeType == 3; })
          .map(function (c) { return c.nodeValue; }).join('');
        if (/\u2026$/.test(own)) cut.push(name + ':' + short(own));
        // text cut at the chart's edge
        if (b.left < r.left - 0.5 || b.right > r.right + 0.5 || b.top < r.top - 0.5 || b.bottom > r.bottom + 0.5)
          bad.push(name + ':cut:' + t.textContent.slice(0, 24).replace(/[ =]/g, '_'));
      });
      shapes(name, s);
    });
  });
  doc.querySelectorAll('body *').forEach(function (e) {
    if (e.getBoundingClientRect().right > d.clientWidth + 0.5 && !e.closest('[role=region]'))
      wide.push(e.tagName);
    // the page's own text: an element with a text node of its own, laid out and visible
    var cs = w.getComputedStyle(e);
    if (e.closest('svg') || !e.getClientRects().length || cs.visibility != 'visible') return;
    if (![].some.call(e.childNodes, function (c) { return c.nodeType == 3 && /\S/.test(c.nodeValue); })) return;
    contrast('page-' + e.tagName.toLowerCase(), e, cs.color, pageBg(e), parseFloat(cs.fontSize), cs.fontWeight);
  });
  return 'inner=' + w.innerWidth + ' client=' + d.clientWidth + ' scroll=' + d.scrollWidth +
    ' texts=' + n + ' minfont=' + min.toFixed(2) + ' wide=' + wide.slice(0, 5).join(',') +
    ' figs=' + figs + ' box=' + box.toFixed(1) + ' viewbox=' + Object.keys(vb).join(',') +
    ' scale=' + Object.keys(scale).join(',') + ' bad=' + bad.slice(0, 8).join(',') +
    ' ntext=' + ntext + ' mintext=' + mintext.toFixed(2) + ' lowtext=' + lowtext.slice(0, 12).join(',') +
    ' minshape=' + minshape.toFixed(2) + ' lowshape=' + lowshape.slice(0, 12).join(',') +
    ' cut=' + cut.slice(0, 8).join(',') +
    ' bg=' + w.getComputedStyle(doc.body).backgroundColor;
}
var frames = document.querySelectorAll('iframe'), loaded = 0;
[].forEach.call(frames, function (f) {
  f.addEventListener('load', function () {
    if (++loaded == frames.length)
      document.getElementById('measure').textContent = [].map.call(frames, measure).join('\n');
  });
});
</script></body></html>
EOF

# render NAME HTML: every check on one report
render() {
    name=$1
    mkdir -p "$tmp/$name"
    cp "$2" "$tmp/$name/report.html"
    cp "$tmp/frame.html" "$tmp/$name/frame.html"
    dir="$tmp/$name"
    browser "$name-desktop" --window-size=1280,2400 --screenshot="$dir/desktop.png" "file://$dir/report.html"
    if python3 "$check" png "$dir/desktop.png" >"$dir/png1.txt" 2>&1; then ok "$name: the desktop screenshot (1280 px) is not blank"; else bad "$name: desktop screenshot"; cat "$dir/png1.txt" "$tmp/$name-desktop.log"; fi
    # a window is never narrower than 500 px: the phone is the frame's 360 px iframe
    browser "$name-phone" --allow-file-access-from-files --window-size=500,2400 \
        --virtual-time-budget=5000 --screenshot="$dir/phone.png" "file://$dir/frame.html"
    if python3 "$check" png "$dir/phone.png" 360 >"$dir/png2.txt" 2>&1; then ok "$name: the phone screenshot (360 px) is not blank"; else bad "$name: phone screenshot"; cat "$dir/png2.txt" "$tmp/$name-phone.log"; fi
    browser "$name-dom" --allow-file-access-from-files --window-size=500,2400 \
        --virtual-time-budget=5000 --dump-dom "file://$dir/frame.html" >"$dir/dom.html"
    if python3 "$check" measure "$dir/dom.html" >"$dir/measure.txt" 2>&1; then
        ok "$name at 360 and 1280 px: no sideways scroll, one chart a figure, within it, text >= 11 px"
        sed 's/^/    /' "$dir/measure.txt" | head -n 4
    else
        bad "$name at 360 or 1280 px"; cat "$dir/measure.txt"
    fi
    browser "$name-dark" --allow-file-access-from-files --force-dark-mode --window-size=500,2400 \
        --virtual-time-budget=5000 --dump-dom "file://$dir/frame.html" >"$dir/dark.html"
    # the dark page's background is --bg #15171a = rgb(21, 23, 26) (report_html.c)
    if python3 "$check" measure "$dir/dark.html" >"$dir/dark.txt" 2>&1 &&
        tail -n 1 "$dir/dark.txt" | grep -qF 'rgb(21, 23, 26)'; then
        ok "$name: prefers-color-scheme dark gives the dark page, its text and charts in WCAG AA contrast"
        grep 'lowest contrast' "$dir/dark.txt" | sed 's/^/    /'
    else
        bad "$name: dark colour scheme"; cat "$dir/dark.txt"
    fi
    browser "$name-pdf" --no-pdf-header-footer --print-to-pdf="$dir/report.pdf" "file://$dir/report.html" >/dev/null
    pdftotext "$dir/report.pdf" "$dir/report.txt" 2>/dev/null
    if python3 "$check" pdf "$dir/report.html" "$dir/report.txt" >"$dir/pdf.txt" 2>&1; then
        ok "$name printed: every table's last column is in the PDF ($(cat "$dir/pdf.txt"))"
    else
        bad "$name printed"; cat "$dir/pdf.txt"
    fi
    if python3 "$check" pdf-charts "$dir/report.html" "$dir/report.txt" >"$dir/pdf-charts.txt" 2>&1; then
        ok "$name printed: each chart once ($(cat "$dir/pdf-charts.txt"))"
    else
        bad "$name printed: charts"; cat "$dir/pdf-charts.txt"
    fi
    pages=$(pdfinfo "$dir/report.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
    echo "$name: ${pages:-?} printed pages"
}

"$bs" report -q --html "$tmp/seed.html" --population "$pop" "$seed" || bad "report on the seed"
render seed "$tmp/seed.html"
# the seed report printed on 12 mostly empty pages before issue 16 (a page break before
# every section); 6 now, as Chromium 156 lays it out: at most 8 leaves room for fonts
if [ -n "$pages" ] && [ "$pages" -le 8 ]; then ok "seed printed on $pages pages (at most 8)"; else bad "seed printed on ${pages:-?} pages, want at most 8"; fi

# the supply-chain chart of many vendors: each series' colour on its lines and figures
"$bs" report -q --html "$tmp/vendors.html" "$src/tests/data/report-vendors.csv" ||
    bad "report on tests/data/report-vendors.csv"
render vendors "$tmp/vendors.html"

shared=${BREACH_SHARED_DATA:-$src/../shared/data}
hhs="$shared/hhs-ocr-breach-portal/snapshot-2024-07"
if [ -f "$hhs/Source_Breach_Report.csv" ] && [ -f "$hhs/breach_report.csv" ]; then
    # the wide tables: repeat intervals with notice ids, business associates
    "$bs" report -q --html "$tmp/hhs.html" "$hhs/Source_Breach_Report.csv" "$hhs/breach_report.csv" ||
        bad "report on HHS 2024-07"
    render hhs "$tmp/hhs.html"
else
    echo "SKIP: $hhs not found: the HHS report is not rendered"
fi

echo "TALLY: passed=$passed failed=$failed"
[ "$failed" = 0 ]
