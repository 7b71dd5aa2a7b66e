"""Checks of the HTML report as a browser rendered it (tests/test_report_render.sh).

Standard library only (the test runs under any python3):
  report_render.py png FILE [XMAX]      the PNG is not blank (in columns 0 .. XMAX)
  report_render.py measure DOM          the numbers the frame page measured in the browser
                                        (its <pre id="measure">, a line for 360 px and one
                                        for 1280 px): the page does not scroll sideways,
                                        each figure shows one chart, within its box and in
                                        no scroll region, its text not cut at its edge and
                                        at least 11 CSS px; at 1280 px the wide chart at
                                        its drawn size; every text's contrast against
                                        what it is drawn on at least WCAG AA's 4.5:1
                                        (3:1 when large), the charts' bars, tiles, dots
                                        and lines 3:1 against their background, and no
                                        chart text cut with an ellipsis
  report_render.py pdf HTML TEXT        every table's last column (its heading and each
                                        row's cell) is in the text pdftotext read from the
                                        printed PDF: no column was cut
  report_render.py pdf-charts HTML TEXT each chart printed once (a "Source:" line each)
"""
import html.parser
import re
import struct
import sys
import zlib


def png_pixels(path):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat = 8, b""
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        pos += 12 + n
        if kind == b"IHDR":
            w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            idat += body
    bpp = {2: 3, 6: 4}[ctype]
    assert depth == 8
    raw = zlib.decompress(idat)
    stride = w * bpp
    prev = bytearray(stride)
    i = 0
    for y in range(h):
        f, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b, c = prev[x], (prev[x - bpp] if x >= bpp else 0)
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + ((a + b) >> 1)) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        prev = line
        yield y, w, bpp, line


def check_png(path, xmax=None):
    colours, ink = set(), 0
    for y, w, bpp, line in png_pixels(path):
        if y % 8:
            continue
        for x in range(0, min(w, xmax or w), 4):
            px = bytes(line[x * bpp:x * bpp + 3])
            colours.add(px)
            ink += sum(px) < 600
    print(f"{path}: {len(colours)} colours, {ink} dark samples")
    assert len(colours) > 50 and ink > 300, "blank"


def measured(line):
    """key=value pairs of one frame's line (a value may hold spaces: bg=rgb(21, 23, 26))"""
    return dict(re.findall(r"(\w+)=(.*?)(?= \w+=|$)", line))


def check_measure(dom):
    text = open(dom, encoding="utf-8").read()
    m = re.search(r'<pre id="measure">(inner=[^<]*)</pre>', text)
    assert m, "the frame page measured nothing (did the browser load the report?)"
    lines = [measured(line) for line in m.group(1).split("\n")]
    assert len(lines) == 2, f"want the 360 px and 1280 px frames, got {len(lines)} lines"
    phone, desk = lines
    for f in lines:
        print(f"viewport {f['inner']} px: scrollWidth {f['scroll']} of {f['client']}, "
              f"{f['figs']} figures (narrowest {f['box']} px), charts drawn {f['viewbox']} "
              f"units wide shown at x{f['scale']}, {f['texts']} chart texts, smallest "
              f"{f['minfont']} px, wider than the page: {f['wide'] or 'none'}, "
              f"charts that do not fit: {f['bad'] or 'none'}")
        if "ntext" in f:
            print(f"viewport {f['inner']} px: {f['ntext']} texts, lowest contrast "
                  f"{f['mintext']}:1 (below AA: {f['lowtext'] or 'none'}); chart shapes' lowest "
                  f"{f['minshape']}:1 (below 3:1: {f['lowshape'] or 'none'}); text cut with an "
                  f"ellipsis: {f['cut'] or 'none'}")
    for f in lines:
        inner = f["inner"]
        assert int(f["scroll"]) <= int(f["client"]), \
            f"{inner} px: the page scrolls sideways: scrollWidth {f['scroll']} > {f['client']}"
        assert not f["wide"], \
            f"{inner} px: elements wider than the page outside a scroll region: {f['wide']}"
        assert int(f["figs"]) > 0 and int(f["texts"]) > 0, \
            f"{inner} px: no chart, or no chart text"
        # each figure shows one chart, within the figure's box, in no scroll region, its
        # text within the chart
        assert not f["bad"], (f"{inner} px: charts shown twice or not at all, wider than "
                              f"their box, scrolling or with text cut: {f['bad']}")
        assert float(f["minfont"]) >= 11 - 1e-6, \
            f"{inner} px: chart text of {f['minfont']} CSS px"
        # WCAG 2.x AA, in the colour scheme the browser was given: text 4.5:1 against what
        # it is drawn on (3:1 when large), the charts' bars, tiles, dots and lines 3:1
        # against the chart's background (1.4.11)
        assert "ntext" in f and int(f["ntext"]) > 0, f"{inner} px: no text's contrast measured"
        assert not f["lowtext"], f"{inner} px: text below WCAG AA contrast: {f['lowtext']}"
        assert not f["lowshape"], \
            f"{inner} px: chart shapes below 3:1 against the background: {f['lowshape']}"
        assert not f["cut"], f"{inner} px: chart text cut with an ellipsis: {f['cut']}"
    # the desktop shows the wide drawing at the size it is drawn for
    assert all(float(w) >= 600 for w in desk["viewbox"].split(",")), \
        f"1280 px: charts drawn {desk['viewbox']} units wide, want the wide ones"
    assert desk["scale"] == "1.000", f"1280 px: charts scaled x{desk['scale']}, want x1"
    print(phone["bg"])


def check_pdf_charts(html_path, text_path):
    """each chart is printed once: one "Source:" line per figure (not two: the variant for
    narrow screens is not printed)"""
    figs = open(html_path, encoding="utf-8").read().count("<figure>")
    got = open(text_path, encoding="utf-8").read().count("Source:")
    print(f"{figs} figures, {got} chart source lines printed")
    assert figs and got == figs, f"{got} chart source lines printed for {figs} figures"


class Tables(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.tables, self.cell, self.in_caption = [], None, False

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append({"caption": "", "heads": [], "rows": []})
        elif tag == "caption":
            self.in_caption = True
        elif tag == "tr" and self.tables:
            self.tables[-1]["rows"].append([])
        elif tag in ("td", "th"):
            self.cell = {"tag": tag, "text": ""}

    def handle_endtag(self, tag):
        if tag == "caption":
            self.in_caption = False
        elif tag in ("td", "th") and self.cell is not None:
            t = self.tables[-1]
            (t["heads"] if self.cell["tag"] == "th" else t["rows"][-1]).append(self.cell["text"])
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell["text"] += data
        elif self.in_caption:
            self.tables[-1]["caption"] += data


def squeeze(s):
    return re.sub(r"\s+", "", s)


def check_pdf(html_path, text_path):
    p = Tables()
    p.feed(open(html_path, encoding="utf-8").read())
    text = squeeze(open(text_path, encoding="utf-8").read())
    missing = []
    for t in p.tables:
        want = [t["heads"][-1]] + [r[-1] for r in t["rows"] if r]
        for cell in want:
            if squeeze(cell) and squeeze(cell) not in text:
                missing.append(f"{t['caption']}: '{cell}'")
    print(f"{len(p.tables)} tables, {sum(len(t['rows']) for t in p.tables)} rows: "
          f"{len(missing)} last-column cells missing from the PDF")
    assert p.tables, "no table in the report"
    assert not missing, "cut from the printed PDF: " + "; ".join(missing[:10])


if __name__ == "__main__":
    what = sys.argv[1]
    if what == "png":
        check_png(sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else None)
    elif what == "measure":
        check_measure(sys.argv[2])
    elif what == "pdf":
        check_pdf(sys.argv[2], sys.argv[3])
    elif what == "pdf-charts":
        check_pdf_charts(sys.argv[2], sys.argv[3])
    else:
        sys.exit(f"unknown check {what}")
