#!/bin/sh
# breachstat, the command-line tool: the story's figures through every output format, exit
# codes, errors with their place, the HTML and Markdown reports (figures present, every SVG
# well-formed XML) and, when Debian's chromium is installed, the page rendered headless to a
# PNG that must not be blank.
#
# Expected figures: ../shared/data/seed-facts.md and the seed CSV's cited rows (Maine 3,913
# of 1,049,375 = 0.3729 %; Texas 131,815 = 12.561 %; Fortra GoAnywhere 6 organisations, at
# least 5,643,196 individuals; NextGen 71 days from 2023-01-17 to 2023-03-29), the same
# values tests/test_demo.sh checks in breach-story's output.
set -u
build=${BREACH_BUILDDIR:-.}
src=${BREACH_SRCDIR:-.}
bs="$build/tools/breachstat/breachstat"
seed="$src/examples/data/seed-incidents.csv"
data="$src/tests/data"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0

ok() { passed=$((passed + 1)); echo "PASS: $1"; }
bad() { failed=$((failed + 1)); echo "FAIL: $1"; }
# check NAME COMMAND...: passes when the command succeeds
check() {
    name=$1
    shift
    if "$@" >/dev/null 2>&1; then ok "$name"; else bad "$name"; fi
}
# has NAME FILE TEXT: FILE contains TEXT (fixed string)
has() {
    if grep -qF -- "$3" "$2"; then ok "$1"; else bad "$1: '$3' not in $2"; sed 's/^/    /' "$2" | head -40; fi
}
# status NAME WANT COMMAND...: the command exits with WANT
status() {
    name=$1
    want=$2
    shift 2
    "$@" >"$tmp/out" 2>"$tmp/err"
    got=$?
    if [ "$got" = "$want" ]; then ok "$name (exit $want)"; else bad "$name: exit $got, want $want"; sed 's/^/    /' "$tmp/err" | head -10; fi
}

if [ ! -x "$bs" ]; then
    echo "FAIL: $bs is not built"
    echo "TALLY: passed=0 failed=1"
    exit 1
fi

# ------------------------------------------------------------------ the story's figures, as tables
"$bs" share --region US-ME "$seed" >"$tmp/me.txt" 2>&1
has "share: NextGen, Maine 0.3729 %" "$tmp/me.txt" 'NextGen Healthcare, Inc. (2023-04-28): Maine 3,913 of 1,049,375 = 0.3729 %'
"$bs" share --region US-TX "$seed" >"$tmp/tx.txt" 2>&1
has "share: NextGen, Texas 12.561 %" "$tmp/tx.txt" 'Texas 131,815 of 1,049,375 = 12.561 %'
"$bs" share --region Texas "$seed" >"$tmp/tx2.txt" 2>&1
has "share: a state given by name" "$tmp/tx2.txt" '12.561 %'
"$bs" supply-chain --vendor "Fortra GoAnywhere" "$seed" >"$tmp/sc.txt" 2>&1
has "supply-chain: 6 organisations, at least 5,643,196 individuals" "$tmp/sc.txt" \
    'Fortra GoAnywhere: 6 organisations, 7 notices (1 superseded by a revision), at least 5,643,196 individuals.'
has "supply-chain: the possible double report" "$tmp/sc.txt" 'Blue Shield of California via Brightline, Inc.'
"$bs" supply-chain --vendor "FORTRA GOANYWHERE" "$seed" >"$tmp/sc2.txt" 2>&1
has "supply-chain: vendor spelling folded" "$tmp/sc2.txt" 'at least 5,643,196 individuals'
"$bs" repeats --entity "NextGen Healthcare" "$seed" >"$tmp/rp.txt" 2>&1
has "repeats: NextGen 71 days" "$tmp/rp.txt" 'NextGen Healthcare, Inc.: 71 days from 2023-01-17 (nextgen-2023-01-alphv) to 2023-03-29 (nextgen-2023-04-credentials).'
"$bs" summary "$seed" >"$tmp/sum.txt" 2>&1
has "summary: incidents and organisations" "$tmp/sum.txt" '8 incidents selected of 9 loaded from 1 file: 7 organisations'
"$bs" regions "$seed" >"$tmp/reg.txt" 2>&1
has "regions: Texas total" "$tmp/reg.txt" 'US-TX   Texas         131,815'
pop="$src/examples/data/us-state-population-2024.csv"
if [ -f "$pop" ]; then
    "$bs" regions --population "$pop" "$seed" >"$tmp/pc.txt" 2>&1
    # 131,815 / 31,290,831 (POPESTIMATE2024, Texas) x 100,000 = 421.26
    has "regions --population: Texas per 100,000" "$tmp/pc.txt" 'US-TX   Texas         131,815        1  70.421 %  31,290,831        421.3'
fi
"$bs" timeline --by year "$seed" --csv >"$tmp/tl.csv" 2>&1
# the seed's reported dates run 2023-01-17 .. 2023-06-08: 143 of 2023's days, a partial year
# (python3: (date(2023,6,8) - date(2023,1,17)).days + 1 -> 143)
has "timeline --by year: 7 dated notices in 2023, a partial year" "$tmp/tl.csv" '2023,2023-01-01,365,143,true,7,'
"$bs" categories --min-n-report 0 "$seed" >"$tmp/cat.txt" 2>&1
has "categories: counts without proportions under n = 30" "$tmp/cat.txt" 'Counts only: proportions need n >= 30'

# ------------------------------------------------------------------ JSON and CSV
"$bs" supply-chain --vendor "Fortra GoAnywhere" --json "$seed" >"$tmp/sc.json" 2>"$tmp/err"
check "--json parses (python3 -m json.tool)" python3 -m json.tool "$tmp/sc.json"
"$bs" repeats --json "$seed" >"$tmp/rp.json" 2>/dev/null
"$bs" share --region US-ME --region US-TX --json "$seed" >"$tmp/sh.json" 2>/dev/null
if python3 - "$tmp/sc.json" "$tmp/rp.json" "$tmp/sh.json" <<'EOF'
import json, sys
sc, rp, sh = (json.load(open(p)) for p in sys.argv[1:4])
f = sc["facts"]
assert f["organisations"] == 6, f
assert f["individuals"]["lower"] == 5643196 and f["individuals"]["upper"] is None, f
assert f["individuals"]["upper_unbounded"] is True
assert sc["tables"]["curve"][-1]["individuals_lower"] == 5643196
assert [m["entity"] for m in sc["tables"]["members"]][-1] == "Blue Shield of California"
assert rp["tables"]["intervals"][0]["days"] == 71, rp["tables"]["intervals"]
rows = {r["region"]: r for r in sh["tables"]["shares"]}
assert abs(rows["US-ME"]["share"] - 3913 / 1049375) < 1e-9, rows
assert abs(rows["US-TX"]["share"] - 131815 / 1049375) < 1e-9
assert rows["US-ME"]["residents"] == {"value": 3913, "qualifier": "exact"}
assert sc["inputs"][0]["rows_read"] == 9
EOF
then ok "--json carries the exact figures (6, 5643196, 71 days, 3913/1049375)"; else bad "--json figures"; fi
"$bs" supply-chain --vendor "Fortra GoAnywhere" --csv "$seed" >"$tmp/sc.csv" 2>/dev/null
if [ "$(head -1 "$tmp/sc.csv")" = "reported,affected,affected_qualifier,role,revisions,id,entity" ]; then
    ok "--csv header (members)"; else bad "--csv header: $(head -1 "$tmp/sc.csv")"; fi
"$bs" supply-chain --vendor "Fortra GoAnywhere" --csv --table curve "$seed" >"$tmp/curve.csv" 2>/dev/null
if [ "$(head -1 "$tmp/curve.csv")" = "date,organisations,individuals_lower,individuals_upper,individuals_point" ] &&
    grep -q '^2023-06-08,5,5643196,5643196,5643196$' "$tmp/curve.csv"; then
    ok "--csv --table curve"; else bad "--csv --table curve"; cat "$tmp/curve.csv"; fi
"$bs" share --region US-ME --csv "$seed" >"$tmp/sh.csv" 2>/dev/null
if [ "$(head -1 "$tmp/sh.csv")" = "id,entity,reported,region,name,residents,residents_qualifier,affected,affected_qualifier,share,share_min,share_max" ] &&
    grep -q '^nextgen-2023-04-credentials,"NextGen Healthcare, Inc.",2023-04-28,US-ME,Maine,3913,exact,1049375,exact,0.0037288' "$tmp/sh.csv"; then
    ok "--csv of share: header and row"; else bad "--csv of share"; cat "$tmp/sh.csv"; fi
check "CSV parses with python3's csv module" python3 -c "import csv,sys; rows=list(csv.reader(open(sys.argv[1]))); assert len(rows)==7 and all(len(r)==len(rows[0]) for r in rows)" "$tmp/sc.csv"

# ------------------------------------------------------------------ several inputs, formats, stdin
"$bs" summary --json "$seed" "$data/hhs-sample.csv" "$data/wa-sample.csv" "$data/hibp/small.json" "$data/veris/array.json" >"$tmp/multi.json" 2>/dev/null
if python3 -c "
import json,sys
d=json.load(open(sys.argv[1]))
assert [i['format'] for i in d['inputs']]==['canonical','hhs','wa','hibp','veris'], d['inputs']
assert all(i['rows_read']==i['rows_loaded']+i['rows_rejected'] for i in d['inputs'])
" "$tmp/multi.json"; then ok "five formats in one call, each detected"; else bad "five formats in one call"; fi
"$bs" share --region US-ME --map "$data/grouped.map" "$data/grouped.csv" >"$tmp/map.txt" 2>&1
has "--map: a mapped CSV (grouped rows)" "$tmp/map.txt" 'Maine 3,913 of 1,049,375 = 0.3729 %'
"$bs" summary --format hhs "$data/hhs-sample.csv" --format auto "$seed" --json >"$tmp/fmt.json" 2>/dev/null
check "--format applies to the files after it" python3 -c "
import json,sys; d=json.load(open(sys.argv[1])); assert [i['format'] for i in d['inputs']]==['hhs','canonical']" "$tmp/fmt.json"
"$bs" share --region US-ME - <"$seed" >"$tmp/stdin.txt" 2>&1
has "standard input (-)" "$tmp/stdin.txt" '0.3729 %'
"$bs" summary "$seed" -o "$tmp/out.txt" >/dev/null 2>&1
has "-o writes the result to a file" "$tmp/out.txt" '7 organisations'

# ------------------------------------------------------------------ exit codes and errors
status "no command" 2 "$bs"
status "unknown command" 2 "$bs" frobnicate "$seed"
status "unknown option" 2 "$bs" share --no-such-option "$seed"
status "option without its value" 2 "$bs" share "$seed" --region
status "bad option value" 2 "$bs" share --region XX-ZZ "$seed"
status "bad --associate-window" 2 "$bs" repeats --associate-window soon "$seed"
"$bs" repeats --associate-window 0 --json "$seed" >"$tmp/aw0.json" 2>/dev/null
check "--associate-window 0 turns the window off" python3 -c "import json,sys; assert json.load(open(sys.argv[1]))['facts']['associate_window_days'] is None" "$tmp/aw0.json"
status "no input file" 2 "$bs" summary
status "--json with --csv" 2 "$bs" summary --json --csv "$seed"
status "unknown --format name" 2 "$bs" summary --format nope "$seed"
status "bad date" 2 "$bs" summary --from 2023-02-30 "$seed"
status "report without --html/--markdown" 2 "$bs" report "$seed"
status "unreadable file" 3 "$bs" summary "$tmp/no-such-file.csv"
has "unreadable file: the error names the file" "$tmp/err" "$tmp/no-such-file.csv: error: cannot open"
status "empty file (format unknown)" 3 "$bs" summary "$data/empty.csv"
has "empty file: file:line:column" "$tmp/err" "empty.csv:1:1: error:"
status "bad header" 3 "$bs" summary --format hhs "$data/hhs-bad-header.csv"
status "bad mapping file" 3 "$bs" summary --map "$seed" "$seed"
status "strict mode: rejected row" 4 "$bs" summary "$data/hhs-bad-rows.csv"
has "strict mode: error at file:line:column" "$tmp/err" 'hhs-bad-rows.csv:2:51: error: row 1: Type of Breach'
status "lenient mode: bad rows skipped" 0 "$bs" summary --lenient "$data/hhs-bad-rows.csv"
has "lenient mode: each rejected row listed with its place" "$tmp/err" 'hhs-bad-rows.csv:4:13: rejected row 3: State'
has "lenient mode: the account of rows" "$tmp/err" '13 rows read, 1 loaded, 12 rejected'
status "output cannot be written" 5 "$bs" summary "$seed" -o "$tmp/no/such/dir/out.txt"
status "report cannot be written" 5 "$bs" report --html "$tmp/no/such/dir/r.html" "$seed"

# never a crash: every fixture through every command, strict and lenient
crashed=""
for f in "$data"/* "$data"/veris/* "$data"/hibp/* "$seed"; do
    [ -f "$f" ] || continue
    for cmd in summary regions share supply-chain repeats categories timeline sizes; do
        for mode in --lenient ""; do
            "$bs" $cmd $mode "$f" >/dev/null 2>&1
            rc=$?
            case $rc in 0 | 3 | 4) ;; *) crashed="$crashed $cmd$mode:$(basename "$f"):$rc" ;; esac
        done
    done
done
if [ -z "$crashed" ]; then ok "every fixture through every command exits 0, 3 or 4"; else bad "unexpected exits:$crashed"; fi

# ------------------------------------------------------------------ help, version, man page
for cmd in summary regions share supply-chain repeats categories timeline sizes report; do
    if "$bs" $cmd --help >"$tmp/help" 2>&1 && grep -q "^Usage: breachstat $cmd" "$tmp/help"; then
        ok "$cmd --help"; else bad "$cmd --help"; fi
done
status "--help" 0 "$bs" --help
status "--version" 0 "$bs" --version
has "--version names the library" "$tmp/out" 'breachstat (libbreach)'
if grep -q '^\.TH BREACHSTAT 1' "$src/doc/breachstat.1" && grep -q '^\.SH EXIT STATUS' "$src/doc/breachstat.1"; then
    ok "man page: title and EXIT STATUS"; else bad "man page"; fi

# ------------------------------------------------------------------ the HTML report
status "report --html" 0 "$bs" report --html "$tmp/seed.html" "$seed"
for want in '0.3729 %' '12.561 %' 'at least 5,643,196' 'Fortra GoAnywhere: 6 organisations, 7 notices' \
    'NextGen Healthcare, Inc.: 71 days from 2023-01-17' '131,815' 'Residents affected per state' \
    'Source: seed-incidents.csv (canonical, 9 rows)'; do
    has "report contains '$want'" "$tmp/seed.html" "$want"
done
if python3 - "$tmp/seed.html" <<'EOF'
import re, sys, xml.etree.ElementTree as ET
html = open(sys.argv[1], encoding="utf-8").read()
assert "<script" not in html.lower(), "a script"
assert not re.search(r'(src|href)="(https?:)?//', html), "a network reference"
svgs = re.findall(r"<svg\b.*?</svg>", html, re.S)
assert len(svgs) >= 6, len(svgs)
NS = "{http://www.w3.org/2000/svg}"
for s in svgs:
    root = ET.fromstring(s)  # raises on XML that is not well-formed
    assert root.tag == NS + "svg"
    assert root.find(NS + "title") is not None and root.find(NS + "desc") is not None
    texts = " ".join("".join(t.itertext()) for t in root.iter(NS + "text"))
    assert "Source:" in texts, texts[:200]
# each chart has its table beside it
assert html.count('<div class="fig">') == len(svgs)
assert html.count("<table>") >= len(svgs)
EOF
then ok "every <svg> of the report is well-formed XML with a title, a description and a source; no script, no network"; else bad "report SVG"; fi

if [ -f "$pop" ]; then
    status "report --population" 0 "$bs" report --html "$tmp/pop.html" --population "$pop" "$seed"
    has "report: the map per 100,000 residents" "$tmp/pop.html" 'Residents affected per 100,000 residents'
    has "report: Texas's rate in the map's table" "$tmp/pop.html" '<td>Texas</td><td class="r">131,815</td><td class="r">31,290,831</td><td class="r">421.3</td>'
    check "report --population: 7 well-formed charts" python3 -c "
import re, sys, xml.etree.ElementTree as ET
svgs = re.findall(r'<svg\b.*?</svg>', open(sys.argv[1], encoding='utf-8').read(), re.S)
assert len(svgs) == 7, len(svgs)
for s in svgs: ET.fromstring(s)" "$tmp/pop.html"
fi

# ------------------------------------------------------------------ the Markdown report
mkdir -p "$tmp/md"
status "report --markdown" 0 "$bs" report --markdown "$tmp/md/seed.md" "$seed"
has "markdown: the figures" "$tmp/md/seed.md" '0.3729 %'
has "markdown: links its charts" "$tmp/md/seed.md" '](seed-map.svg)'
check "markdown: every chart file is well-formed SVG" python3 -c "
import glob, sys, xml.etree.ElementTree as ET
files = glob.glob(sys.argv[1] + '/seed-*.svg'); assert len(files) >= 6, files
for f in files: assert ET.parse(f).getroot().tag == '{http://www.w3.org/2000/svg}svg'
" "$tmp/md"

# ------------------------------------------------------------------ the example C report generator
if [ -x "$build/examples/breach-report" ]; then
    (cd "$tmp" && "$build/examples/breach-report" "$seed" >"$tmp/example.md" 2>"$tmp/example.err")
    has "examples/report.c: supply-chain total" "$tmp/example.md" '**Fortra GoAnywhere**: 6 organisations, at least 5,643,196 individuals'
    has "examples/report.c: repeat interval" "$tmp/example.md" 'NextGen Healthcare, Inc.: 71 days'
    check "examples/report.c: its chart is well-formed SVG" python3 -c "
import sys, xml.etree.ElementTree as ET; ET.parse(sys.argv[1])" "$tmp/report-categories.svg"
else
    bad "examples/breach-report is not built"
fi

# ------------------------------------------------------------------ rendered by a browser
if [ -x /usr/bin/chromium ]; then
    /usr/bin/chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$(mktemp -d "$tmp/chromium.XXXXXX")" --screenshot="$tmp/seed.png" \
        --window-size=1280,4000 "file://$tmp/seed.html" >"$tmp/chromium.log" 2>&1
    if python3 - "$tmp/seed.png" <<'EOF'
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
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
colours, ink, i = set(), 0, 0
for y in range(h):
    f, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
    i += 1 + stride
    for x in range(stride):
        a = line[x - bpp] if x >= bpp else 0
        b, c = prev[x], (prev[x - bpp] if x >= bpp else 0)
        if f == 1: line[x] = (line[x] + a) & 255
        elif f == 2: line[x] = (line[x] + b) & 255
        elif f == 3: line[x] = (line[x] + ((a + b) >> 1)) & 255
        elif f == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    prev = line
    if y % 8 == 0:
        for x in range(0, w, 4):
            px = bytes(line[x * bpp:x * bpp + 3])
            colours.add(px)
            ink += sum(px) < 600
print(len(colours), "colours,", ink, "dark samples")
assert len(colours) > 50 and ink > 500, "blank page"
EOF
    then ok "chromium renders the report to a PNG that is not blank"; else bad "chromium rendering"; cat "$tmp/chromium.log"; fi
else
    echo "SKIP: /usr/bin/chromium is not installed (apt-get install chromium): the report is not rendered"
fi

# ------------------------------------------------------------------ real files (issue 14)
shared=${BREACH_SHARED_DATA:-$src/../shared/data}
hhs="$shared/hhs-ocr-breach-portal/snapshot-2024-07"
if [ -f "$hhs/Source_Breach_Report.csv" ] && [ -f "$hhs/breach_report.csv" ]; then
    # tests/reference/episodes.py (pandas): with the 60-day business-associate window 5,326
    # organisations, 514 hit more than once, 847 intervals, 65 of 30 days or less; without
    # it 536, 884 and 96 (Brightline's 6-, 7-, 16- and 20-day "intervals" among them)
    "$bs" repeats --json --survival "$hhs/Source_Breach_Report.csv" "$hhs/breach_report.csv" >"$tmp/hr.json" 2>/dev/null
    "$bs" repeats --json --associate-window off "$hhs/Source_Breach_Report.csv" "$hhs/breach_report.csv" >"$tmp/hr0.json" 2>/dev/null
    "$bs" repeats "$hhs/Source_Breach_Report.csv" "$hhs/breach_report.csv" >"$tmp/hr.txt" 2>/dev/null
    has "repeats: the denominator is printed with the share" "$tmp/hr.txt" 'Hit more than once: 514 of 5,326 organisations with a dated notice (9.651 %)'
    if python3 - "$tmp/hr.json" "$tmp/hr0.json" <<'EOF'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
fa, fb = a["facts"], b["facts"]
short = lambda d: sum(1 for r in d["tables"]["intervals"] if r["days"] <= 30)
assert (fa["organisations"], fa["repeat_organisations"], fa["intervals"]) == (5326, 514, 847), fa
assert short(a) == 65 and fa["associate_window_days"] == 60
assert (fb["repeat_organisations"], fb["intervals"], short(b)) == (536, 884, 96), fb
assert fb["associate_window_days"] is None
assert abs(fa["repeat_share"] - 514 / 5326) < 1e-10  # written with 10 digits
brightline = [r for r in b["tables"]["intervals"] if r["entity"] == "Brightline, Inc."]
assert sorted(r["days"] for r in brightline) == [6, 7, 16, 20], brightline
assert not [r for r in a["tables"]["intervals"] if r["entity"] == "Brightline, Inc."]
# the survival's bounds are printed: lo <= estimate <= hi
for k in ("km_within_1y", "km_within_3y"):
    assert fa[k + "_lo"] <= fa[k] <= fa[k + "_hi"], (k, fa)
assert "km_median_days_lo" in fa and "km_median_days_hi" in fa
EOF
    then ok "repeats over HHS 2024-07: the window's figures, bounds in --json"; else bad "repeats over HHS 2024-07"; fi
    # --from/--to: the notices outside are counted, not hidden; 2023 by month: 741
    # (tests/reference/timeseries.py "HHS 2023 by month"), so 6,279 - 741 = 5,538 outside
    "$bs" timeline --from 2023 --to 2023 --json "$hhs/Source_Breach_Report.csv" "$hhs/breach_report.csv" >"$tmp/t23.json" 2>/dev/null
    check "timeline --from/--to: loaded, counted and outside stated" python3 -c "
import json,sys; f=json.load(open(sys.argv[1]))['facts']
assert (f['loaded'], f['incidents'], f['counted'], f['outside']) == (6279, 6279, 741, 5538), f
assert f['partial_periods'] == 0 and f['tested_periods'] == 12" "$tmp/t23.json"
    # the whole series: 2009 (from 2009-10-21) and 2024 (to 2024-06-28) are partial and out of
    # the chi-square (timeseries.py "HHS whole years 2010 .. 2023": 1317.4607276436586)
    "$bs" timeline --by year --json "$hhs/Source_Breach_Report.csv" "$hhs/breach_report.csv" >"$tmp/ty.json" 2>/dev/null
    check "timeline --by year: partial years marked, left out of the chi-square" python3 -c "
import json,sys; d=json.load(open(sys.argv[1])); f=d['facts']; p=d['tables']['periods']
assert (p[0]['period'], p[0]['covered_days'], p[0]['partial']) == ('2009', 72, True), p[0]
assert (p[-1]['period'], p[-1]['covered_days'], p[-1]['partial']) == ('2024', 180, True), p[-1]
assert (f['span_first'], f['span_last'], f['tested_periods']) == ('2009-10-21', '2024-06-28', 14)
assert abs(f['chisq'] - 1317.4607276436586) < 1e-6 * 1317" "$tmp/ty.json"
fi
if [ -f "$shared/hibp/breaches.json" ]; then
    # organisations by Domain: tests/reference/hibp_repeats.py -> 19 of 851 hit more than once
    "$bs" repeats "$shared/hibp/breaches.json" >"$tmp/hibp.txt" 2>/dev/null
    has "repeats over HIBP: organisations by Domain" "$tmp/hibp.txt" 'Hit more than once: 19 of 851 organisations with a dated notice'
    if [ -f "$hhs/breach_report.csv" ]; then
        # HHS's under-investigation list starts 2022-03-21, HIBP's notices (AddedDate) 2013:
        # the years before 2022 have accounts and no individuals: "not counted", not 0
        "$bs" timeline --by year "$hhs/breach_report.csv" "$shared/hibp/breaches.json" >"$tmp/mix.txt" 2>/dev/null
        has "timeline mixing units: not counted where a unit has no notice" "$tmp/mix.txt" 'not counted'
        has "timeline mixing units: an accounts column" "$tmp/mix.txt" 'accounts'
    fi
fi

echo "TALLY: passed=$passed failed=$failed"
[ "$failed" = 0 ]
