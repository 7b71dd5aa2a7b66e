"""Checks of the HTML report as a browser rendered it (tests/test_report_render.sh).

Standard library only (the test runs under any python3):
  report_render.py png FILE [XMAX]      the PNG is not blank (in columns 0 .. XMAX)
  report_render.py measure DOM          the numbers the frame page measured in the browser
                                        (its <pre id="measure">): the page does not scroll
                                        sideways, chart text is at least 11 CSS px
  report_render.py pdf HTML TEXT        every table's last column (its heading and each
                                        row's cell) is in the text pdftotext read from the
                                        printed PDF: no column was cut
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


def check_measure(dom):
    text = open(dom, encoding="utf-8").read()
    m = re.search(r'<pre id="measure">inner=(\d+) client=(\d+) scroll=(\d+) texts=(\d+) '
                  r'minfont=([\d.]+) wide=([^ ]*) bg=([^<]*)</pre>', text)
    assert m, "the frame page measured nothing (did the browser load the report?)"
    inner, client, scroll, texts = (int(m.group(k)) for k in range(1, 5))
    minfont, wide, bg = float(m.group(5)), m.group(6), m.group(7)
    print(f"viewport {inner} px: scrollWidth {scroll} of {client}, {texts} chart texts, "
          f"smallest {minfont} px, background {bg}, wider than the page: {wide or 'none'}")
    assert scroll <= client, f"the page scrolls sideways: scrollWidth {scroll} > {client}"
    assert not wide, f"elements wider than the page outside a scroll region: {wide}"
    assert texts > 0, "no chart text"
    assert minfont >= 11 - 1e-6, f"chart text of {minfont} CSS px"
    print(bg)


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
    else:
        sys.exit(f"unknown check {what}")
