#!/bin/sh
# breachstat, the command-line tool: the story's figures through every output format, exit
# codes, errors with their place, the HTML and Markdown reports (figures present, every SVG
# well-formed XML); the page as a browser renders it is tests/test_report_render.sh's.
#
# Expected figures: ../shared/data/seed-facts.md and the seed CSV's cited rows (Maine 3,913
# of 1,049,375 = 0.3729 %; Texas 131,815 = 12.561 %; Fortra GoAnywhere 6 organisations, at
# least 5,643,196 individuals; NextGen 71 days from 2023-01-17 to 2023-03-29), the same
# values tests/test_demo.sh checks in breach-story's output.
set -u
# a runaway writer (a table padded forever) fails here instead of filling the disk
ulimit -f 200000 2>/dev/null
unset COLUMNS # tables fit $COLUMNS: the expected lines are those of a file
build=${BREACH_BUILDDIR:-.}
src=${BREACH_SRCDIR:-.}
bs="$build/tools/breachstat/breachstat"
seed="$src/examples/data/seed-incidents.csv"
data="$src/tests/data"
. "$src/tests/checks.sh"

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
# the 6 standing notices' total; Blue Shield of California's (via Brightline) has no figure
has "supply-chain: 6 organisations, at least 5,643,196 individuals" "$tmp/sc.txt" \
    'Fortra GoAnywhere: 6 organisations, 7 notices (1 superseded by a revision), at least 5,643,196 individuals (6 notices counted, 1 of them without a figure).'
has "supply-chain: the possible double report" "$tmp/sc.txt" 'Blue Shield of California via Brightline, Inc.'
"$bs" supply-chain --vendor "FORTRA GOANYWHERE" "$seed" >"$tmp/sc2.txt" 2>&1
has "supply-chain: vendor spelling folded" "$tmp/sc2.txt" 'at least 5,643,196 individuals'
"$bs" repeats --entity "NextGen Healthcare" "$seed" >"$tmp/rp.txt" 2>&1
has "repeats: NextGen 71 days" "$tmp/rp.txt" 'NextGen Healthcare, Inc.: 71 days from 2023-01-17 (nextgen-2023-01-alphv) to 2023-03-29 (nextgen-2023-04-credentials).'
"$bs" summary "$seed" >"$tmp/sum.txt" 2>&1
has "summary: incidents and organisations" "$tmp/sum.txt" '8 incidents selected of 9 loaded from 1 file: 7 organisations'
# the seed's rows without a figure: NextGen's ALPHV listing and Blue Shield of California
has "summary: the notices without a figure beside the total" "$tmp/sum.txt" 'Individuals affected: at least 6,692,571 (8 notices, 2 of them without a figure).'
"$bs" report -q --markdown "$tmp/nofig.md" "$seed" >/dev/null 2>&1
has "report: the same in the key figures" "$tmp/nofig.md" '| individuals affected | at least 6,692,571 (8 notices, 2 of them without a figure) |'
has "report: and in the supply chain's sentence" "$tmp/nofig.md" 'at least 5,643,196 individuals (6 notices counted, 1 of them without a figure).'
"$bs" regions "$seed" >"$tmp/reg.txt" 2>&1
has "regions: Texas total" "$tmp/reg.txt" 'US-TX   Texas                       131,815'
has "regions: the residents' unit named" "$tmp/reg.txt" 'residents (individuals)'
pop="$src/examples/data/us-state-population-2024.csv"
if [ -f "$pop" ]; then
    "$bs" regions --population "$pop" "$seed" >"$tmp/pc.txt" 2>&1
    # the seed's notices with a breakdown are dated (event) 2023-01-28 .. 2023-03-29, in
    # one year: 131,815 / 30,727,890 (POPESTIMATE2023, Texas) x 100,000 = 428.98. The
    # seed's list covers (event date) 2023-01-17 (NextGen's ALPHV listing, reported, no
    # occurred date) .. 2023-06-08 (Intellihartx, reported): 143 days, 0.4 years
    has "regions --population: Texas per 100,000" "$tmp/pc.txt" 'US-TX   Texas                       131,815        1  70.421 %  30,727,890        429.0'
    has "regions --population: the rates' period" "$tmp/pc.txt" 'Note: per_100k: residents affected by notices dated (event date) 2023-01-28 to 2023-03-29, of the 2023-01-17 to 2023-06-08 the lists cover, about 0.4 years: the rate of that period'
    # the seed has 5 notices with both an occurred and a reported day (NextGen 30 days,
    # Brightline's two snapshots 80 and 116, CHSPSC 47, Hatch Bank 29), fewer than the 20 a
    # reporting lag needs: breaches of the period may still be unreported, so each rate is
    # a lower bound and has no upper one (review: Texas, one exact count, printed an upper
    # bound of 429.0 under a note calling the rate a lower bound)
    has "regions --population: the lag unknown, said" "$tmp/pc.txt" 'Note: per_100k: the reporting lag is unknown (5 notices give both the reported day and the event day): breaches of the period may still be unreported'
    "$bs" regions -q --json --population "$pop" "$seed" >"$tmp/pc.json" 2>&1
    check "regions --population --json: no upper bound while the period waits for reports" python3 -c "
import json, sys
rows = json.load(open(sys.argv[1]))['tables']['regions']
tx = [r for r in rows if r['region'] == 'US-TX'][0]
assert abs(tx['per_100k'] - 131815e5 / 30727890) < 1e-6 and tx['per_100k_lower'] == tx['per_100k'], tx
assert all(r['per_100k_upper'] is None for r in rows), rows" "$tmp/pc.json"
    "$bs" regions --population "$pop" --year 2024 "$seed" >"$tmp/pc24.txt" 2>&1
    has "regions --year 2024: 31,290,831 (POPESTIMATE2024): 421.26" "$tmp/pc24.txt" '31,290,831        421.3'
    has "regions --year 2024: a population of another year said" "$tmp/pc24.txt" "Note: per_100k: the population is 2024's estimate, while the notices are dated 2023 to 2023"
fi
# A notice its source gives no reported date is matched across formats on its event day
# (tests/data/match-*.csv): Acme Health's HHS filing of 05/01/2023 and the other list's
# breach of 2023-04-20 (11 days, within 120) are one episode and one incident possibly
# counted twice; Beta Clinic's other notice is dated only "2023", no day to match: it stays
# a repeat, 120 days from 2023-01-01 (it said 2 of 2 organisations before, Acme 11 days)
"$bs" repeats -q "$src/tests/data/match-hhs.csv" "$src/tests/data/match-other.csv" >"$tmp/match.txt" 2>&1
has "repeats: a notice without a reported date matched on its event day" "$tmp/match.txt" \
    'Hit more than once: 1 of 2 organisations with a dated notice (50.000 %); 1 interval between episodes (dates: event).'
has "repeats: a year is no day to match on" "$tmp/match.txt" 'Beta Clinic: 120 days (-244 to 120) from 2023 (beta-1) to 2023-05-01'
"$bs" summary -q "$src/tests/data/match-hhs.csv" "$src/tests/data/match-other.csv" >"$tmp/match-s.txt" 2>&1
has "summary: the same notices possibly counted twice" "$tmp/match-s.txt" \
    'Possibly counted twice: 1,000 individuals of 1 organisation that inputs of two formats both list within 120 days'
# a region none of whose entries gives a figure: its share and rate are unknown, not 0
printf 'id,entity,reported,affected,regions\na1,Alpha,2022-03-01,1000,US-ID:\na2,Beta,2022-03-02,50,US-WA:50\n' >"$tmp/ronly.csv"
if [ -f "$pop" ]; then
    "$bs" regions -q --json --population "$pop" "$tmp/ronly.csv" >"$tmp/ronly.json" 2>&1
    check "regions: a region without any figure has no share nor rate" python3 -c "
import json, sys
rows = {r['region']: r for r in json.load(open(sys.argv[1]))['tables']['regions']}
i = rows['US-ID']
assert i['individuals']['n_unknown'] == 1 and i['share'] is None and i['per_100k'] is None, i
assert i['per_100k_lower'] == 0 and i['per_100k_upper'] is None, i
assert rows['US-WA']['share'] == 1, rows" "$tmp/ronly.json"
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
if [ "$(head -1 "$tmp/sc.csv")" = "reported,affected,affected_qualifier,unit,role,revisions,id,entity" ]; then
    ok "--csv header (members)"; else bad "--csv header: $(head -1 "$tmp/sc.csv")"; fi
"$bs" supply-chain --vendor "Fortra GoAnywhere" --csv --table curve "$seed" >"$tmp/curve.csv" 2>/dev/null
if [ "$(head -1 "$tmp/curve.csv")" = "date,organisations,individuals_lower,individuals_upper,individuals_point" ] &&
    grep -q '^2023-06-08,5,5643196,5643196,5643196$' "$tmp/curve.csv"; then
    ok "--csv --table curve"; else bad "--csv --table curve"; cat "$tmp/curve.csv"; fi
# the curve adds the dated members, each figure from its own date (include/breach/stats.h,
# doc/model.md), and the output says both (rev-journo item 7). python3 over the seed's
# Fortra rows: the curve's last upper bound is the dated rows' standing figures' sum
# (5,643,196) while the total has none (Blue Shield: no date, no figure); on 2023-04-20 the
# curve holds Brightline's 964,300, which 1,013,686 replaces on 2023-05-26
check "supply-chain: notes on the undated member and the superseded figure on the curve" python3 -c "
import csv, json, sys
rows = [r for r in csv.DictReader(open(sys.argv[2])) if r['vendor'] == 'Fortra GoAnywhere']
undated = [r['entity'] for r in rows if not r['reported']]
bl = sorted((r['reported'], int(r['affected'])) for r in rows if r['entity'] == 'Brightline, Inc.')
dated = {}
for r in sorted((r for r in rows if r['reported']), key=lambda r: r['reported']):
    dated[r['entity']] = int(r['affected'])
last = sum(dated.values())
sc = json.load(open(sys.argv[1]))
curve = {p['date']: p for p in sc['tables']['curve']}
assert undated == ['Blue Shield of California'] and last == 5643196 and bl == [('2023-04-20', 964300), ('2023-05-26', 1013686)], (undated, last, bl)
assert curve['2023-06-08']['individuals_upper'] == last and sc['facts']['individuals']['upper'] is None
assert curve['2023-04-20']['individuals_lower'] - curve['2023-04-13']['individuals_lower'] == 964300
n = sc['notes']
want1 = \"1 member without a notice date is in the totals, not in the curve (Blue Shield of California, no figure): the curve's bounds are those of the dated members, so its last upper bound, {:,}, is not the total's, which has none\".format(last)
want2 = 'the curve shows each figure as it stood on its date: a revision replaces the earlier figure from its own date on, so the curve steps through figures that no longer stand (Brightline, Inc.: {:,} from {}, {:,} from {})'.format(bl[0][1], bl[0][0], bl[1][1], bl[1][0])
assert want1 in n and want2 in n, n" "$tmp/sc.json" "$seed"
"$bs" report -q --markdown "$tmp/sc-report.md" "$seed" >/dev/null 2>&1
has "report: the undated member off the curve" "$tmp/sc-report.md" 'Fortra GoAnywhere: 1 member without a notice date, in the total but not on the curve, whose bounds are those of the dated members.'
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
# One incident in two formats, counted by every command that counts notices or adds their
# sizes, and said (doc/model.md, "Across formats: said, not dropped"). By hand: the sample's
# two HHS rows of Brightline (2023-04-07: 199,753 + 473,467 = 673,220) and the seed's
# standing Brightline notice (2023-05-26, 1,013,686; its 2023-04-20 snapshot superseded),
# 49 days apart: two HHS notices stand against one of the seed's (1 notice twice), and the
# seed's larger figure against HHS's two (673,220 individuals, 2 sizes), all in 2023
"$bs" timeline --by year --json -q "$data/hhs-sample.csv" "$seed" >"$tmp/tf-t.json" 2>/dev/null
"$bs" sizes --json -q "$data/hhs-sample.csv" "$seed" >"$tmp/tf-s.json" 2>/dev/null
"$bs" categories --json -q "$data/hhs-sample.csv" "$seed" >"$tmp/tf-c.json" 2>/dev/null
"$bs" counts --of type --by year --json -q "$data/hhs-sample.csv" "$seed" >"$tmp/tf-x.json" 2>/dev/null
check "timeline, sizes, categories, crosstab: what two formats may count twice" python3 -c "
import json,sys
t, z, c, x = (json.load(open(p)) for p in sys.argv[1:5])
say = ('Possibly counted twice: 1 notice of 1 organisation that inputs of two formats both '
       'list within 120 days (one incident in two sources, or a file that copies another\'s rows).')
ind = 'Possibly counted twice: 673,220 individuals of 1 organisation'
f = t['facts']
assert (f['two_formats_notices'], f['two_formats_individuals']) == (1, 673220), f
rows = {r['period']: (r['notices_twice'], r['individuals_twice']) for r in t['tables']['periods']}
assert rows['2023'] == (1, 673220) and sum(v[0] or 0 for v in rows.values()) == 1, rows
assert say in t['headline'] and any(h.startswith(ind) for h in t['headline']), t['headline']
f = z['facts']
assert (f['two_formats_sizes'], f['two_formats_individuals']) == (2, 673220), f
assert any(h.startswith(ind) for h in z['headline']), z['headline']
for d in (c, x):
    assert d['facts']['two_formats_notices'] == 1 and say in d['headline'], d['headline']
" "$tmp/tf-t.json" "$tmp/tf-s.json" "$tmp/tf-c.json" "$tmp/tf-x.json"
"$bs" report -q --markdown "$tmp/tf.md" "$data/hhs-sample.csv" "$seed" >/dev/null 2>&1
check "report: what two formats may count twice, in the key figures and the sections" python3 -c "
import sys; t = open(sys.argv[1]).read()
assert '| notices possibly counted twice (two formats) | 1 |' in t
assert '| individuals possibly counted twice (two formats) | 673,220 |' in t
assert t.count('Possibly counted twice: 1 notice of 1 organisation') == 2, t  # categories, timeline
assert t.count('Possibly counted twice: 673,220 individuals') == 3, t  # and sizes
" "$tmp/tf.md"
"$bs" timeline --by year --csv -q "$data/hhs-sample.csv" >"$tmp/tf-one.csv" 2>/dev/null
check "timeline: one format, no columns of two" python3 -c "
import sys; h = open(sys.argv[1]).readline(); assert 'twice' not in h, h" "$tmp/tf-one.csv"
"$bs" share --region US-ME - <"$seed" >"$tmp/stdin.txt" 2>&1
has "standard input (-)" "$tmp/stdin.txt" '0.3729 %'
"$bs" summary "$seed" -o "$tmp/out.txt" >/dev/null 2>&1
has "-o writes the result to a file" "$tmp/out.txt" '7 organisations'

# ------------------------------------------------------------------ exit codes and errors
status "no command" 2 "$bs"
status "unknown command" 2 "$bs" frobnicate "$seed"
# the commands it lists are --help's, every one (it listed 10 of 12, without counts and
# fields: review 5, F7), in --help's order
"$bs" --help >"$tmp/help.txt" 2>&1
want=$(sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p' "$tmp/help.txt" | paste -sd, - | sed 's/,/, /g')
has "unknown command: lists every command of --help ($want)" "$tmp/err" "(commands: $want)"
has "unknown command: counts and fields among them" "$tmp/err" "counts, fields"
status "a prefix of two commands" 2 "$bs" c "$seed"
has "a prefix of two commands: both named" "$tmp/err" "command 'c' is ambiguous: categories, counts"
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
# a zip member that is not JSON is rejected whole: named with its place, not "row 0"
status "lenient mode: a zip member that is not JSON" 4 "$bs" summary --lenient "$data/veris/notjson-member.zip"
has "lenient mode: the member named at 1:1" "$tmp/err" 'notjson-member.zip/a.json:1:1: rejected: the rest of the file is skipped: expected a JSON array'
hasnt "lenient mode: no 'rejected row 0'" "$tmp/err" 'rejected row 0'
# UTF-16 (Excel's "Unicode text") is said to be so, without a hint that --format would help
status "UTF-16 file" 3 "$bs" summary "$src/tests/invalid/utf16le-bom-detected/input"
has "UTF-16 file: said at 1:1" "$tmp/err" 'input:1:1: error: the file is UTF-16 (little-endian, byte-order mark FF FE); save it as UTF-8'
hasnt "UTF-16 file: no --format hint" "$tmp/err" 'name the format with'
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

# ------------------------------------------------------------------ units: never added
# tests/data/units-mixed.csv, by hand: individuals u1 1,000 (US-CA 600, US-WA 400) and u2 at
# least 500; accounts u3 40,000 (US-WA 7,000) and u4 60,000; records u5 900. Individuals
# (2 of 5) tie with accounts and win the tie (the lower unit number).
mixed="$data/units-mixed.csv"
"$bs" categories --by entity-type --min-n-report 0 --json "$mixed" >"$tmp/u-cat.json" 2>/dev/null
"$bs" supply-chain --json "$mixed" >"$tmp/u-sc.json" 2>/dev/null
"$bs" sizes --unit accounts --json "$mixed" >"$tmp/u-sz.json" 2>/dev/null
"$bs" regions --json "$mixed" >"$tmp/u-rg.json" 2>/dev/null
if python3 - "$tmp/u-cat.json" "$tmp/u-sc.json" "$tmp/u-sz.json" "$tmp/u-rg.json" <<'EOF'
import json, sys
cat, sc, sz, rg = (json.load(open(p)) for p in sys.argv[1:5])
assert cat["facts"]["unit"] == "individuals" and cat["facts"]["other_units"] == 3, cat["facts"]
unk = {r["level"]: r for r in cat["tables"]["counts"]}["unknown"]
assert unk["individuals"]["n"] == 0 and unk["accounts"]["point"] == 100000, unk
assert unk["records"]["point"] == 900, unk
v = {r["vendor"]: r for r in sc["tables"]["vendors"]}
assert v["Pwned Host"]["individuals"] is None, v       # not counted, never 0
assert v["Pwned Host"]["accounts"]["point"] == 60000, v
assert v["Acme Files"]["individuals"]["lower"] == 1500 and v["Acme Files"]["accounts"]["point"] == 40000
assert sz["facts"]["unit"] == "accounts" and sz["facts"]["n"] == 2, sz["facts"]
assert sz["facts"]["median"] == 50000, sz["facts"]     # (40,000 + 60,000) / 2
assert sz["tables"]["ccdf"][0]["accounts"] == 40000
r = {x["region"]: x for x in rg["tables"]["regions"]}
assert rg["facts"]["residents"]["point"] == 1000 and rg["facts"]["other_units"] == 1, rg["facts"]
assert r["US-WA"]["individuals"]["point"] == 400 and r["US-WA"]["accounts"]["point"] == 7000, r
EOF
then ok "units: mixed fixture, per-unit columns, 'not counted' as null, --unit"; else bad "units: mixed fixture"; fi
"$bs" supply-chain "$mixed" >"$tmp/u-sc.txt" 2>&1
has "units: a vendor without individuals reads 'not counted'" "$tmp/u-sc.txt" 'not counted'
"$bs" sizes "$mixed" >"$tmp/u-sz.txt" 2>&1
has "units: sizes say what they leave out" "$tmp/u-sz.txt" \
    'Totals are in individuals; 3 notices in accounts, records are counted apart, never added (--unit picks one).'
status "--unit with a unit that does not exist" 2 "$bs" sizes --unit people "$mixed"
# timeline: the units facts of every command that sums counts, and a unit a period has no
# notice of is null in JSON, never the text "not counted". The fixture by hand: March 2023
# has u1, u2 (individuals) and u3 (accounts), April u4 (accounts) and u5 (records)
"$bs" timeline --json "$mixed" >"$tmp/u-tl.json" 2>/dev/null
check "units: timeline's facts and null cells" python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))
f = d['facts']
assert (f['unit'], f['units'], f['other_units']) == ('individuals', 'individuals, accounts, records', 3), f
mar, apr = d['tables']['periods']
assert mar['records'] is None and apr['individuals'] is None, (mar, apr)
assert mar['individuals']['lower'] == 1500 and apr['records']['point'] == 900, (mar, apr)" "$tmp/u-tl.json"
# summary: the seed counts individuals only, so accounts and records are null (JSON) and
# empty (CSV), never the text "not counted"
"$bs" summary --json "$seed" >"$tmp/u-su.json" 2>/dev/null
check "units: summary's uncounted units are null" python3 -c "
import json, sys
f = json.load(open(sys.argv[1]))['facts']
assert f['accounts'] is None and f['records'] is None and f['individuals']['n'] > 0, f" "$tmp/u-su.json"
"$bs" summary --csv --table facts "$seed" >"$tmp/u-su.csv" 2>/dev/null
has "units: summary's CSV leaves an uncounted unit empty" "$tmp/u-su.csv" 'accounts,'
hasnt "units: no 'not counted' text in summary's CSV" "$tmp/u-su.csv" 'not counted'

# The real files: HHS 2024-07 (individuals) + HIBP (accounts) give each unit the figures of
# its file alone. Expected values: tests/reference/units.py (pandas over the CSVs, json
# over HIBP and VCDB).
shared=${BREACH_SHARED_DATA:-$src/../shared/data}
hhs_a="$shared/hhs-ocr-breach-portal/snapshot-2024-07/Source_Breach_Report.csv"
hhs_b="$shared/hhs-ocr-breach-portal/snapshot-2024-07/breach_report.csv"
hibp="$shared/hibp/breaches.json"
vcdb="$shared/vcdb/vcdb.json.zip"
if [ -f "$hhs_a" ] && [ -f "$hhs_b" ] && [ -f "$hibp" ] && [ -f "$vcdb" ]; then
    "$bs" categories -q --by entity-type --json "$hhs_a" "$hhs_b" "$hibp" >"$tmp/r-cat.json"
    "$bs" regions -q --by organisation --json "$hhs_a" "$hhs_b" "$hibp" >"$tmp/r-reg.json"
    "$bs" sizes -q --json "$hhs_a" "$hhs_b" "$hibp" >"$tmp/r-sz.json"
    "$bs" sizes -q --json --unit accounts "$hhs_a" "$hhs_b" "$hibp" >"$tmp/r-sza.json"
    "$bs" sizes -q --json "$hhs_a" "$hhs_b" >"$tmp/r-hhs.json"
    "$bs" sizes -q --json "$hibp" >"$tmp/r-hibp.json"
    if python3 - "$tmp"/r-cat.json "$tmp"/r-reg.json "$tmp"/r-sz.json "$tmp"/r-sza.json \
        "$tmp"/r-hhs.json "$tmp"/r-hibp.json <<'EOF'
import json, sys
cat, reg, sz, sza, hhs, hibp = (json.load(open(p)) for p in sys.argv[1:7])
rows = {r["level"]: r for r in cat["tables"]["counts"]}
# units.py: Business Associate 189,286,052 individuals; HIBP has no organisation type: its
# 14,946,651,318 accounts (sum of PwnCount) are in the unknown row beside the 5 typeless
# HHS rows' 39,626 individuals
assert rows["Business Associate"]["individuals"]["point"] == 189286052
assert rows["Business Associate"]["accounts"]["n"] == 0
assert rows["unknown"]["individuals"]["point"] == 39626
assert rows["unknown"]["accounts"]["point"] == 14946651318
assert "records" not in rows["unknown"]     # not counted by these sources: no column
assert cat["facts"]["unit"] == "individuals" and cat["facts"]["other_units"] == 875
# units.py: California 627 rows, 49,443,195 individuals (HHS alone)
ca = {r["region"]: r for r in reg["tables"]["regions"]}["US-CA"]
assert ca["individuals"]["point"] == 49443195 and ca["notices"] == 627, ca
# sizes: individuals as HHS alone, accounts as HIBP alone (units.py: 6,278 figures, median
# 3,561.5; 875 PwnCounts, median 1,116,256)
for k in ("n", "median", "max", "q1", "q3", "mean"):
    assert sz["facts"][k] == hhs["facts"][k], k
    assert sza["facts"][k] == hibp["facts"][k], k
assert sz["facts"]["n"] == 6278 and sz["facts"]["median"] == 3561.5
assert sza["facts"]["n"] == 875 and sza["facts"]["median"] == 1116256
assert sz["facts"]["other_units"] == 875 and sza["facts"]["other_units"] == 0
EOF
    then ok "units: HHS + HIBP, each unit's figures as its file alone"; else bad "units: HHS + HIBP"; fi
    "$bs" report -q --markdown "$tmp/vcdb.md" "$vcdb"
    has "units: the VCDB map counts records" "$tmp/vcdb.md" "Records exposed, by organisation's state"
    has "units: California's records (units.py: 7,918,361,781)" "$tmp/vcdb.md" '| California | 774 | at least 7,918,361,781 |'
    if grep -qi 'people affected' "$tmp/vcdb.md" "$tmp"/vcdb-map.svg; then
        bad "units: the VCDB report calls records people"; else ok "units: no 'people affected' in the VCDB report"; fi
    "$bs" report -q --markdown "$tmp/hibp.md" "$hibp"
    has "units: HIBP key figures, individuals not counted" "$tmp/hibp.md" '| individuals affected | not counted by these sources |'
    has "units: HIBP key figures, accounts (units.py)" "$tmp/hibp.md" '| accounts affected | 14,946,651,318 |'
else
    echo "SKIP: $shared is absent: the real-data unit checks are not run"
fi

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

# ------------------------------------------------------------------ links: cross-source shares
# A fixture by hand: a state list's 2,385 residents (no total) and two client rows of a
# business associate (one filing for 60 days from the first), 40,000 + 9,540 = 49,540
# within 120 days: 2,385 / 49,540 = 4.814 %; another list's 1,066 residents against an
# exact 596: inconsistent, no share.
cat >"$tmp/links.csv" <<'EOF2'
id,entity,entity_type,reported,affected,unit,regions,separate
wa-1,"Acme Health, Inc.",,2023-04-10,,individuals,US-WA:2385,
hhs-1,ACME HEALTH,Business Associate,2023-04-07,40000,individuals,,yes
hhs-2,Acme Health,Business Associate,2023-05-26,9540,individuals,,yes
wa-2,"Adv Org, Inc.",,2024-02-02,,individuals,US-WA:1066,
hhs-3,Adv Org,,2024-04-19,596,individuals,,
EOF2
"$bs" links "$tmp/links.csv" >"$tmp/links.txt" 2>&1
has "links: 2 of 2 linked" "$tmp/links.txt" '2 of 2 notices with regional counts and no total are linked'
has "links: 1 inconsistent" "$tmp/links.txt" '1 of the 2 links is inconsistent'
has "links: Acme 2,385 of 49,540 = 4.814 %" "$tmp/links.txt" 'Washington      2,385        49,540  4.814 %  4.814 %  4.814 %'
"$bs" links --csv "$tmp/links.csv" >"$tmp/links.csv.out" 2>&1
has "links --csv: header" "$tmp/links.csv.out" 'id,entity,date,region,name,residents,residents_qualifier,total_lower,total_upper,total_point,total_n_unknown,share,share_min,share_max,days_min,days_max,linked_notices,inconsistent,reason'
has "links --csv: the inconsistent row has no share" "$tmp/links.csv.out" 'wa-2,"Adv Org, Inc.",2024-02-02,US-WA,Washington,1066,exact,596,596,596,0,,,,77,77,1,true,'
"$bs" links --json "$tmp/links.csv" >"$tmp/links.json" 2>&1
check "links --json: facts, flags and bounds" python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))
f = d['facts']
assert (f['regional_notices'], f['linked'], f['inconsistent'], f['shares']) == (2, 2, 1, 1), f
rows = d['tables']['links']
acme = [r for r in rows if r['id'] == 'wa-1'][0]
assert acme['inconsistent'] is False and acme['linked_notices'] == 2
assert abs(acme['share'] - 2385 / 49540) < 1e-9, acme
assert acme['share_min'] <= acme['share'] <= acme['share_max']
adv = [r for r in rows if r['id'] == 'wa-2'][0]
assert adv['inconsistent'] is True and adv['share'] is None, adv
assert 'probably another incident or a different count basis' in adv['reason']
" "$tmp/links.json"
"$bs" links --window 30 "$tmp/links.csv" >"$tmp/links30.txt" 2>&1
# 2,385 / 40,000 = 5.9625 %, printed to 3 decimals from the double just below: 5.962 %
has "links --window 30: the 05-26 row falls out" "$tmp/links30.txt" '2,385        40,000  5.962 %'
status "links --window -1" 2 "$bs" links --window -1 "$tmp/links.csv"
"$bs" links "$seed" >"$tmp/links-seed.txt" 2>&1
has "links: none in the seed (every notice with a breakdown has its total)" "$tmp/links-seed.txt" '0 of 0 notices'
status "report with links" 0 "$bs" report --markdown "$tmp/links.md" "$tmp/links.csv"
has "report: Cross-source shares section" "$tmp/links.md" '## Cross-source shares'
has "report: Acme's row" "$tmp/links.md" '| Acme Health, Inc. | 2023-04-10 | Washington | wa-1 | 2,385 | 49,540 | 4.814 % |'
has "report: the inconsistent link said" "$tmp/links.md" '1 link is inconsistent'

# The real files: HHS 2024-07 (both lists) + WA. tests/reference/links.py (pandas) gives
# 151 links of 1,077 WA notices with a count, 14 inconsistent; Brightline 26,333 of the 11
# archive rows' 1,013,686 = 2.598 %; mscripts' 1,394 (WA Id 14864) of 88,923 (the
# archive's "mscripts®, LLC ", 56 days before: its key is mscripts since symbols are spaces).
shared=${BREACH_SHARED_DATA:-$src/../shared/data}
hhs_a="$shared/hhs-ocr-breach-portal/snapshot-2024-07/Source_Breach_Report.csv"
hhs_u="$shared/hhs-ocr-breach-portal/snapshot-2024-07/breach_report.csv"
wa="$shared/wa-ag-breach-notifications/Data_Breach_Notifications_Affecting_Washington_Residents_20240523.csv"
if [ -f "$hhs_a" ] && [ -f "$hhs_u" ] && [ -f "$wa" ]; then
    # WA per 100,000 (tests/reference/wa_rates.py, python csv): 32,279,681 residents in the
    # notices with a figure and 32 without (Washington, unknown: no upper bound), notices
    # submitted 2015-08-11 .. 2024-04-19 (8.7 years, not an annual rate) over the 2024
    # estimate; those submitted in 2021 over the 2021 estimate (73,057.0), not 2024's, and
    # over 2021's 365 days (the list covers them all), not its first to its last notice
    popfile="$shared/us-state-population/NST-EST2024-ALLDATA.csv"
    if [ -f "$popfile" ]; then
        python3 "$src/tests/reference/wa_rates.py" "$wa" "$popfile" >"$tmp/wa-ref.json"
        "$bs" regions -q --json --date reported --population "$popfile" "$wa" >"$tmp/wa-all.json" 2>/dev/null
        "$bs" regions -q --json --date reported --from 2021 --to 2021 --population "$popfile" "$wa" >"$tmp/wa-2021.json" 2>/dev/null
        check "regions (real WA): unknown residents, period and population year" python3 -c "
import json,sys
ref=json.load(open(sys.argv[1])); a=json.load(open(sys.argv[2])); b=json.load(open(sys.argv[3]))
fa, fb = a['facts'], b['facts']; ra = a['tables']['regions'][0]; rb = b['tables']['regions'][0]
ok = (fa['residents']['lower'] == ref['residents_lower'] and fa['residents']['upper_unbounded']
      and fa['residents']['n_unknown'] == ref['n_unknown'] and ra['notices'] == ref['n']
      and abs(ra['per_100k'] - ref['per_100k_2024']) < 1e-3 and ra['per_100k_upper'] is None
      and fa['rate_first'] == ref['first'] and fa['rate_last'] == ref['last']
      and abs(fa['rate_years'] - ref['years']) < 1e-6 and fa['population_year'] == '2024'
      and fa['rate_date_field'] == 'reported'
      and fb['population_year'] == '2021' and rb['individuals']['lower'] == ref['residents_2021']
      and abs(rb['per_100k'] - ref['per_100k_2021']) < 1e-3
      and [fb['rate_covered_first'], fb['rate_covered_last']] == ref['covered_2021']
      and abs(fb['rate_years'] - ref['years_2021']) < 1e-6
      and [fa['rate_covered_first'], fa['rate_covered_last']] == [ref['first'], ref['last']])
sys.exit(0 if ok else 1)" "$tmp/wa-ref.json" "$tmp/wa-all.json" "$tmp/wa-2021.json"
    fi
    "$bs" links --lenient -q "$hhs_a" "$hhs_u" "$wa" >"$tmp/links-real.txt" 2>&1
    has "links (real): 151 of 1,077" "$tmp/links-real.txt" '151 of 1,077 notices with regional counts and no total are linked'
    has "links (real): 14 inconsistent" "$tmp/links-real.txt" '14 of the 151 links are inconsistent'
    "$bs" links --lenient -q --csv "$hhs_a" "$hhs_u" "$wa" >"$tmp/links-real.csv" 2>&1
    has "links (real): mscripts 1,394 of 88,923" "$tmp/links-real.csv" 'wa:14864,"mscripts, LLC",2023-03-14,US-WA,Washington,1394,exact,88923,88923,88923,0,0.01567648415,0.01567648415,0.01567648415,-56,-56,1,false,'
    has "links (real): Brightline 26,333 of 1,013,686" "$tmp/links-real.csv" 'wa:14988,"Brightline, Inc.",2023-04-10,US-WA,Washington,26333,exact,1013686,1013686,1013686,0,0.02597747231,0.02597747231,0.02597747231,-3,46,11,false,'
    has "links (real): Advarra flagged" "$tmp/links-real.csv" 'wa:16349,"Advarra, Inc.",2024-02-02,US-WA,Washington,1066,exact,596,596,596,0,,,,77,77,1,true,'
    "$bs" links --lenient -q "$hhs_a" "$hhs_u" "$wa" | grep -F 'Brightline' >"$tmp/bl.txt"
    has "links (real): Brightline 2.598 % in the table" "$tmp/bl.txt" '26,333     1,013,686    2.598 %'
    # HHS and WA with the seed, which copies four HHS notices (NationsBenefits 3,037,303,
    # Brightline's 11 rows 1,013,686, CHSPSC 962,884, Intellihartx 489,830: 5,503,703 by
    # python csv over the two HHS files) and three WA ones by key (Brightline 26,333, Hatch
    # Bank 2,580, NextGen 21,981: 50,894; "CHSPSC, LLC" is another key): said, not hidden
    "$bs" summary --json -q "$hhs_a" "$hhs_u" "$wa" "$seed" >"$tmp/two-formats.json" 2>/dev/null
    check "summary: what inputs of two formats may count twice" python3 -c "
import json,sys; f=json.load(open(sys.argv[1]))['facts']
assert (f['two_formats_individuals'], f['two_formats_accounts']) == (5503703, 0), f
assert f['individuals']['lower'] == 580126985 + 5503703 + 1049375 + 139493, f['individuals']" "$tmp/two-formats.json"
    "$bs" summary -q "$hhs_a" "$hhs_u" "$wa" "$seed" >"$tmp/two-formats.txt" 2>/dev/null
    has "summary: the headline says it" "$tmp/two-formats.txt" 'Possibly counted twice: 5,503,703 individuals of 4 organisations that inputs of two formats both list within 120 days'
    # HHS and WA: 151 notices (of 147 organisations) that a count of notices may count twice,
    # per year as tests/reference/two_formats.py finds them (python csv, its own entity key;
    # 38 in 2023: ESO Solutions' two WA notices and one HHS filing are 3 notices of which one
    # may repeat another, where counting the WA notices with an HHS filing says 39)
    python3 "$src/tests/reference/two_formats.py" "$shared" >"$tmp/tf-ref.json"
    "$bs" timeline --by year --json -q "$hhs_a" "$hhs_u" "$wa" >"$tmp/tf-hw.json" 2>/dev/null
    "$bs" summary --json -q "$hhs_a" "$hhs_u" "$wa" >"$tmp/tf-hws.json" 2>/dev/null
    check "timeline (HHS + WA): notices possibly counted twice, per year" python3 -c "
import json,sys
ref, t, s = (json.load(open(p)) for p in sys.argv[1:4])
assert (ref['twice'], ref['organisations'], ref['by_year']['2023']) == (151, 147, 38), ref
for f in (t['facts'], s['facts']):
    assert (f['two_formats_notices'], f['two_formats_notice_organisations']) == (ref['twice'], ref['organisations']), f
got = {r['period']: r['notices_twice'] for r in t['tables']['periods'] if r['notices_twice']}
assert got == ref['by_year'], (got, ref)
assert 'Possibly counted twice: 151 notices of 147 organisations that inputs of two formats both list within 120 days (one incident in two sources, or a file that copies another\'s rows).' in t['headline'], t['headline']
" "$tmp/tf-ref.json" "$tmp/tf-hw.json" "$tmp/tf-hws.json"
    # HHS and the seed: the four copied notices (5,503,703 individuals, above), in 2023
    "$bs" timeline --by year --json -q "$hhs_a" "$hhs_u" "$seed" >"$tmp/tf-hs.json" 2>/dev/null
    "$bs" sizes --json -q "$hhs_a" "$hhs_u" "$seed" >"$tmp/tf-hsz.json" 2>/dev/null
    check "timeline and sizes (HHS + seed): the four copies said" python3 -c "
import json,sys
t, z = (json.load(open(p)) for p in sys.argv[1:3])
rows = {r['period']: (r['notices_twice'], r['individuals_twice']) for r in t['tables']['periods'] if r['notices_twice']}
assert rows == {'2023': (4, 5503703)}, rows
assert (z['facts']['two_formats_sizes'], z['facts']['two_formats_individuals']) == (4, 5503703), z['facts']
assert 'Possibly counted twice: 5,503,703 individuals of 4 organisations that inputs of two formats both list within 120 days (one incident in two sources, or a file that copies another\'s rows).' in z['headline']
" "$tmp/tf-hs.json" "$tmp/tf-hsz.json"
    "$bs" regions -q "$wa" "$seed" >"$tmp/two-formats-r.txt" 2>/dev/null
    has "regions: residents possibly counted twice" "$tmp/two-formats-r.txt" 'Possibly counted twice: 50,894 residents (individuals) of 3 organisations'
    # WA with the seed: the share placed in a region is over the notices that give a total
    # (the seed's 4 current ones: residents 3,913 + 131,815 + 21,981 + 26,333 + 559 + 2,580 =
    # 187,181 of 1,049,375 + 1,013,686 + 962,884 + 139,493 = 3,165,438, 5.913 %), not WA's
    # 32 million residents over those 4 totals (1,025.667 % before)
    "$bs" regions --json -q "$wa" "$seed" >"$tmp/wa-seed.json" 2>/dev/null
    check "regions (WA + seed): people placed over the notices with a total" python3 -c "
import json,sys; f=json.load(open(sys.argv[1]))['facts']
assert f['placed_notices'] == 4 and abs(f['covered_share'] - 187181 / 3165438) < 1e-9, f" "$tmp/wa-seed.json"
    # The total says how many notices gave no figure: the rows with an empty "Individuals
    # Affected" (HHS) plus every WA row (Washington residents only, no total) plus the seed's
    # rows with an empty affected, counted here with python's csv; the notices are all rows
    # less the seed's one superseded row (Brightline's 2023-05 snapshot, which has a figure),
    # and the total the figures of the others (1,109 + 1 + 2 = 1,112 without one).
    want=$(python3 -c "
import csv, sys
def rows(p): return list(csv.DictReader(open(p, encoding='utf-8-sig', errors='replace')))
h = rows(sys.argv[1]) + rows(sys.argv[2]); w = rows(sys.argv[3]); s = rows(sys.argv[4])
s = [r for r in s if r['id'] != 'hhs-brightline-2023-05-snapshot']
unk = sum(not r['Individuals Affected'].strip() for r in h) + len(w) + sum(not r['affected'] for r in s)
tot = sum(int(r['Individuals Affected']) for r in h if r['Individuals Affected'].strip())
tot += sum(int(r['affected']) for r in s if r['affected'])
print('at least {:,} ({:,} notices, {:,} of them without a figure)'.format(tot, len(h) + len(w) + len(s), unk))
" "$hhs_a" "$hhs_u" "$wa" "$seed")
    "$bs" summary -q "$hhs_a" "$hhs_u" "$wa" "$seed" >"$tmp/sum-real.txt" 2>&1
    has "summary (real): the notices without a figure beside the total: $want" "$tmp/sum-real.txt" \
        "Individuals affected: $want."
    tr -s ' ' <"$tmp/sum-real.txt" >"$tmp/sum-real-1.txt" # the facts' column width varies
    has "summary (real): the same in the facts" "$tmp/sum-real-1.txt" "individuals: $want"
else
    echo "SKIP: links on the real files: $shared is absent"
fi

# ------------------------------------------------------------------ per-capita only from residence
if [ -f "$pop" ]; then
    status "regions --by organisation --population is refused" 2 \
        "$bs" regions --by organisation --population "$pop" "$seed"
    has "regions --by organisation --population: why" "$tmp/err" 'rates per 100,000 residents need residence breakdowns'
    # HHS-like notices only (an organisation's state, no breakdown): the report draws no rate
    cat >"$tmp/org-only.csv" <<'EOF2'
id,entity,entity_state,reported,affected,unit
a,Anthem Like,US-IN,2015-02-13,78800000,individuals
b,Other Org,US-VT,2016-01-01,64849,individuals
EOF2
    status "report --population without breakdowns" 0 \
        "$bs" report --html "$tmp/org.html" --population "$pop" "$tmp/org-only.csv"
    has "report: no rate without breakdowns, said" "$tmp/org.html" 'No rate per 100,000 residents can be given'
    "$bs" regions --population "$pop" "$tmp/org-only.csv" >"$tmp/org-regions.txt" 2>&1
    has "regions --population without breakdowns: no rate, said" "$tmp/org-regions.txt" \
        'no rate per 100,000 residents can be given: no selected notice gives a breakdown by residence'
    # 5 seed rows have a regions field (python csv); hhs-brightline-2023-05-snapshot is
    # superseded by its 2024-07 revision (same organisation and vendor): 4 selected
    has "regions --population: which rate" "$tmp/pc.txt" \
        'residents affected per 100,000, from the 4 notices that give residence breakdowns'
    if grep -qF 'per 100,000 residents (the map' "$tmp/org.html"; then
        bad "report: a rate map drawn without breakdowns"; else ok "report: no rate map without breakdowns"; fi
fi

# ------------------------------------------------------------------ overlaps: counted once
# The same file twice: every notice once (the seed's 9, one superseded by a revision: 8).
"$bs" summary --json "$seed" "$seed" >"$tmp/twice.json" 2>"$tmp/twice.err"
check "the same file twice: each notice counted once" python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))
f = d['facts']
assert f['incidents_loaded'] == 18 and f['incidents_selected'] == 8 and f['duplicates'] == 9, f
assert d['tables']['overlaps'] == [{'left_out_from': sys.argv[2], 'listed_by': sys.argv[2], 'notices': 9}], d['tables']['overlaps']
" "$tmp/twice.json" "$seed"
has "the same file twice: said on stderr" "$tmp/twice.err" '9 notices listed again by a newer input are counted once'
"$bs" summary --json --keep-duplicates "$seed" "$seed" >"$tmp/keep.json" 2>/dev/null
# kept, the second copy's campaign notices are revisions of the first's (same organisation
# and vendor: 7 Fortra notices a copy, 6 organisations): 18 - 8 superseded = 10
check "--keep-duplicates keeps them (the campaign's copies then are revisions)" python3 -c "
import json, sys
f = json.load(open(sys.argv[1]))['facts']
assert f['incidents_selected'] == 10 and f['superseded'] == 8 and f['duplicates'] is None, f
" "$tmp/keep.json"
# Three HHS files: the 2023-05 snapshot and both 2024-07 lists. Expected (pandas,
# tests/reference/hhs_overlap.py): 2024-07's 6,279 notices and 580,126,985 individuals plus
# the 9 rows of 2023-05 that 2024-07 no longer lists under any name (330,541 individuals);
# 5,114 + 39 renamed rows of 2023-05 are the archive's, 194 the other list's.
hhs_old="$shared/hhs-ocr-breach-portal/snapshot-2023-05/breach_report.csv"
if [ -f "$hhs_old" ] && [ -f "$hhs_a" ] && [ -f "$hhs_u" ]; then
    "$bs" summary -q --json "$hhs_old" "$hhs_a" "$hhs_u" >"$tmp/snap.json"
    check "two HHS snapshots: 6,279 + 9 notices, 580,126,985 + 330,541 individuals" python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))
f = d['facts']
assert f['incidents_loaded'] == 11635 and f['incidents_selected'] == 6288, f
assert f['individuals']['lower'] == 580126985 + 330541, f['individuals']
assert f['duplicates'] == 5347 and f['accounts'] is None, f
ov = {(o['left_out_from'].rsplit('/', 2)[1], o['listed_by'].rsplit('/', 1)[1]): o['notices'] for o in d['tables']['overlaps']}
assert ov == {('snapshot-2023-05', 'Source_Breach_Report.csv'): 5114 + 39, ('snapshot-2023-05', 'breach_report.csv'): 194}, ov
only = d['tables']['only_older']
assert len(only) == 9 and only[0]['entity'] == 'Multnomah County' and only[0]['line'] == 26, only[0]
ins = d['provenance']['inputs']
assert [i['sha256'][:12] for i in ins] == ['44f8bb399678', '225ca0ae37fb', '0b8468e8a2c9'], ins
assert [i['bytes'] for i in ins] == [3595205, 4083198, 118045], ins
" "$tmp/snap.json"
    "$bs" supply-chain -q --json "$hhs_old" "$hhs_a" "$hhs_u" >/dev/null 2>&1
    "$bs" regions -q --by organisation --json --entity "NationsBenefits Holdings, LLC" "$hhs_old" "$hhs_a" "$hhs_u" >"$tmp/nb.json"
    check "NationsBenefits counted once: 3,037,303" python3 -c "
import json, sys
rows = json.load(open(sys.argv[1]))['tables']['regions']
assert len(rows) == 1 and rows[0]['individuals']['lower'] == 3037303 and rows[0]['notices'] == 1, rows
" "$tmp/nb.json"
else
    echo "SKIP: the HHS snapshots in $shared are absent: the overlap checks on real data are not run"
fi

# ------------------------------------------------------------------ provenance in every output
SOURCE_DATE_EPOCH=1700000000 "$bs" summary --json --type hacking --from 2023 --to 2023 "$seed" >"$tmp/prov.json" 2>/dev/null
check "JSON provenance: the selection, the time (SOURCE_DATE_EPOCH), the inputs" python3 -c "
import hashlib, json, sys
p = json.load(open(sys.argv[1]))['provenance']
assert p['generated'] == '2023-11-14T22:13:20Z' and p['generated_from'] == 'SOURCE_DATE_EPOCH', p
s = p['selection']
assert s['from'] == '2023' and s['to'] == '2023' and s['types'] == ['hacking'] and s['date_field'] == 'event', s
i = p['inputs'][0]
assert i['file'] == sys.argv[2] and i['format'] == 'canonical', i
assert i['sha256'] == hashlib.sha256(open(sys.argv[2], 'rb').read()).hexdigest(), i
" "$tmp/prov.json" "$seed"
SOURCE_DATE_EPOCH=1700000000 "$bs" summary --json "$seed" >"$tmp/prov1.json" 2>/dev/null
SOURCE_DATE_EPOCH=1700000000 "$bs" summary --json "$seed" >"$tmp/prov2.json" 2>/dev/null
check "JSON output is reproducible with SOURCE_DATE_EPOCH" cmp "$tmp/prov1.json" "$tmp/prov2.json"
"$bs" timeline --csv -o "$tmp/tl.csv" "$seed" 2>/dev/null
check "CSV with -o: a provenance sidecar beside it" python3 -c "
import json, sys
p = json.load(open(sys.argv[1] + '.provenance.json'))
assert p['command'] == 'timeline' and p['inputs'][0]['rows_loaded'] == 9, p
" "$tmp/tl.csv"
"$bs" categories --provenance "$tmp/cat.prov.json" "$seed" >/dev/null 2>&1
check "--provenance FILE for a table" python3 -c "
import json, sys
assert json.load(open(sys.argv[1]))['command'] == 'categories'
" "$tmp/cat.prov.json"
bs_abs="$(cd "$(dirname "$bs")" && pwd)/breachstat"
(cd "$src" && SOURCE_DATE_EPOCH=1700000000 "$bs_abs" report -q --html "$tmp/prov.html" --type hacking \
    examples/data/seed-incidents.csv)
has "report: the time of generation" "$tmp/prov.html" '2023-11-14T22:13:20Z'
has "report: the selection" "$tmp/prov.html" 'Selection: date field event; types hacking'
has "report: each input's SHA-256" "$tmp/prov.html" "$(sha256sum "$seed" | cut -c1-64)"
if grep -qF "$(cd "$src" && pwd)" "$tmp/prov.html"; then bad "report: an absolute path the user did not give"; else ok "report: no absolute path the user did not give"; fi

# ------------------------------------------------------------------ date ranges keep dates' precision
# tests/data/date-precision.csv, by hand (reported dates, the event date here): 2023, 2022,
# 2023-03, -04, -06, -07, 2023-03-31, 04-01, 06-30, 07-01, one undated row, and Acme Health's
# campaign notice of 2023 with its revision (also 2023, later in the file: it replaces the
# first). 2023-04 .. 2023-06 holds the two months and two days at its edges (4); 2023 may be
# any month: left out and counted, once for Acme Health (2)
# a canonical file carries no source attributes (doc/canonical-csv.md), and fields says so
# rather than a bare 0
"$bs" fields -q "$seed" >"$tmp/fields-seed.txt" 2>&1
has "fields: a canonical file's attributes are in its sources" "$tmp/fields-seed.txt" 'come from their files: the canonical CSV and the seed carry none'
prec="$data/date-precision.csv"
"$bs" summary -q --from 2023-04 --to 2023-06 "$prec" >"$tmp/dp.txt"
has "date range: months and days at the edges inside" "$tmp/dp.txt" '4 incidents selected of 13 loaded'
tr -s ' ' <"$tmp/dp.txt" >"$tmp/dp1.txt" # the facts' column width follows the longest label
has "date range: the coarse dates counted in the summary" "$tmp/dp1.txt" 'date coarser than the range (left out): 2'
has "date range: and said in words" "$tmp/dp.txt" 'Note: 2 incidents left out: their date is coarser than the range'
# the reviewer's case: 2023 was taken by --to 2023-04 and refused by --from 2023-04
"$bs" summary -q --to 2023-04 "$prec" >"$tmp/dp-to.txt"
has "date range: --to 2023-04 does not take 2023 (2022, 03, 04, 03-31, 04-01)" "$tmp/dp-to.txt" '5 incidents selected of 13 loaded'
"$bs" summary -q --from 2023 --to 2023 "$prec" >"$tmp/dp-y.txt"
has "date range: the whole year takes every 2023 date (10, one superseded)" "$tmp/dp-y.txt" '10 incidents selected of 13 loaded'
hasnt "date range: nothing coarse in the whole year" "$tmp/dp-y.txt" 'coarser than the range (a year'
"$bs" summary -q "$prec" >"$tmp/dp-all.txt"
hasnt "no date range: no coarse-date note" "$tmp/dp-all.txt" "their date is coarser than the range"
for c in regions sizes categories counts repeats share; do
    "$bs" "$c" -q --from 2023-04-15 --to 2023-06-15 "$prec" >"$tmp/dp-$c.txt" 2>&1
    has "date range: $c says what the range left out (2023, April, June, Acme Health)" "$tmp/dp-$c.txt" \
        'Note: 4 incidents left out: their date is coarser than the range'
done
# one vendor's chain: only its notices (Acme Health's revision), not the Year Clinic's
"$bs" supply-chain -q --vendor "Widget Files" --from 2023-04 --to 2023-06 "$prec" >"$tmp/dp-sc.txt"
has "date range: supply-chain counts its vendor's coarse dates" "$tmp/dp-sc.txt" \
    'Note: 1 incident left out: its date is coarser than the range'
"$bs" summary -q --json --from 2023-04 --to 2023-06 "$prec" >"$tmp/dp.json"
"$bs" report -q --markdown "$tmp/dp.md" --from 2023-04 --to 2023-06 "$prec"
check "date range: the provenance's count, the summary's fact" python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))
assert d['provenance']['selection']['left_out_coarse_date'] == 2, d['provenance']['selection']
assert d['facts']['coarse_dates'] == 2 and d['facts']['incidents_selected'] == 4, d['facts']
" "$tmp/dp.json"
has "date range: the report's selection line" "$tmp/dp.md" '; 2 left out for a date coarser than the range'
"$bs" timeline -q --json --from 2023-04 --to 2023-06 "$prec" >"$tmp/dp-tl.json"
check "timeline: its own range, no filter count beside it" python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))
assert d['provenance']['selection']['left_out_coarse_date'] is None
assert not any('coarser than the range' in n for n in d['notes']), d['notes']
" "$tmp/dp-tl.json"

# the real VCDB, event dates: tests/reference/vcdb_dates.py recomputes each figure from the
# raw JSON (2015-01 .. 06: 257 inside, 334 dated 2015 only; 07 .. 12: 323 and the same 334;
# the whole year 914 and none), which the first half had taken before (591)
if [ -f "$vcdb" ]; then
    python3 "$src/tests/reference/vcdb_dates.py" "$vcdb" >"$tmp/vd-ref.txt"
    for r in "2015-01 2015-06 2015-01-01 2015-06-30" "2015-07 2015-12 2015-07-01 2015-12-31" \
        "2015 2015 2015-01-01 2015-12-31"; do
        set -- $r
        want=$(sed -n "s/^event dates in $3 \.\. $4: \([0-9]*\) inside, \([0-9]*\) coarse$/\1 \2/p" "$tmp/vd-ref.txt")
        got=$("$bs" summary -q --json --from "$1" --to "$2" "$vcdb" | python3 -c "
import json, sys
d = json.load(sys.stdin)
print(d['facts']['incidents_selected'], d['provenance']['selection']['left_out_coarse_date'])")
        if [ -n "$want" ] && [ "$got" = "$want" ]; then ok "VCDB --from $1 --to $2: $got (selected, coarse) as the raw JSON"
        else bad "VCDB --from $1 --to $2: $got, the raw JSON gives '$want'"; fi
    done
else
    echo "SKIP: $vcdb is absent: the date ranges on real data are not tried"
fi

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
assert len(svgs) >= 12, len(svgs)
NS = "{http://www.w3.org/2000/svg}"
ids = []
for s in svgs:
    root = ET.fromstring(s)  # raises on XML that is not well-formed
    assert root.tag == NS + "svg"
    assert root.find(NS + "title") is not None and root.find(NS + "desc") is not None
    ids += [root.find(NS + "title").get("id"), root.find(NS + "desc").get("id")]
    texts = " ".join("".join(t.itertext()) for t in root.iter(NS + "text"))
    assert "Source:" in texts, texts[:200]
assert len(ids) == len(set(ids)), "an id twice"
# each figure: the wide and the narrow drawing of one chart, with the same title and
# description, and its table beside it
figs = re.findall(r"<figure>(.*?)</figure>", html, re.S)
assert html.count('<div class="fig">') == len(figs) == len(svgs) // 2, (len(figs), len(svgs))
for f in figs:
    wide, narrow = (ET.fromstring(s) for s in re.findall(r"<svg\b.*?</svg>", f, re.S))
    assert wide.get("class") == "chart wide" and narrow.get("class") == "chart narrow"
    for part in ("title", "desc"):
        assert wide.find(NS + part).text == narrow.find(NS + part).text
assert html.count("<table>") >= len(figs)
EOF
then ok "every <svg> of the report is well-formed XML with a title, a description and a source, each figure a wide and a narrow drawing; no script, no network"; else bad "report SVG"; fi

if [ -f "$pop" ]; then
    status "report --population" 0 "$bs" report --html "$tmp/pop.html" --population "$pop" "$seed"
    has "report: the map per 100,000 residents" "$tmp/pop.html" 'Residents affected per 100,000 residents'
    has "report: says which rate it shows" "$tmp/pop.html" 'residents affected per 100,000, from notices that give residence breakdowns'
    has "report: Texas's rate in the map's table" "$tmp/pop.html" '<td><bdi>Texas</bdi></td><td class="r">131,815</td><td class="r">30,727,890</td><td class="r">429.0</td>'
    check "report --population: 7 well-formed charts (a wide and a narrow drawing each)" python3 -c "
import re, sys, xml.etree.ElementTree as ET
svgs = re.findall(r'<svg\b.*?</svg>', open(sys.argv[1], encoding='utf-8').read(), re.S)
assert len(svgs) == 14, len(svgs)
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

# (the report rendered by a browser: tests/test_report_render.sh, screenshots at desktop and
# phone widths and a printed PDF)

# ------------------------------------------------------------------ coverage with --from/--to (F5)
# tests/data/timeline-coverage.csv, read by hand: 7 notices from 2023-02-03 to 2023-05-19:
# February 2 (1,200 + 450), March 3, April 1 (640), May 1. --from 2023-01 --to 2023-06 bounds
# the series, it does not extend the data: January and June have no data, February (26 of
# 28 days: the 3rd to the 28th) and May (19 of 31) are partial, and the chi-square runs over
# March and April only: counts 3 and 1, expected 2 each, (1 + 1) / 2 = 1.0 on 1 degree of
# freedom, p = P(chi2_1 > 1) = erfc(1 / sqrt 2) = 0.31731050786291415
tc="$data/timeline-coverage.csv"
"$bs" timeline --from 2023-01 --to 2023-06 --json "$tc" >"$tmp/tc.json" 2>/dev/null
if python3 - "$tmp/tc.json" <<'EOF'
import json, math, sys
d = json.load(open(sys.argv[1])); f, p = d["facts"], d["tables"]["periods"]
assert (f["span_first"], f["span_last"]) == ("2023-02-03", "2023-05-19"), f
assert [r["covered_days"] for r in p] == [0, 26, 31, 30, 19, 0], p
assert [r["partial"] for r in p] == [None, True, False, False, True, None], p
assert [r["notices"] for r in p] == [None, 2, 3, 1, 1, None], p
assert p[1]["individuals"]["point"] == 1650 and p[0]["individuals"] is None, p
assert (f["partial_periods"], f["uncovered_periods"], f["tested_periods"], f["tested_notices"]) == (2, 2, 2, 4), f
assert (f["chisq"], f["chisq_df"]) == (1.0, 1), f
assert abs(f["chisq_p"] - math.erfc(1 / math.sqrt(2))) < 1e-9, f  # written with 10 digits
EOF
then ok "timeline --from/--to past a fixture's notices: no data at the ends, partial edges, tests over March and April"
else bad "timeline --from/--to past a fixture's notices"; fi
"$bs" timeline --by quarter --from 2023 --to 2023 --csv "$tc" >"$tmp/tc.csv" 2>/dev/null
# Q1 from 2023-02-03: 26 + 31 = 57 of 90 days; Q2 to 2023-05-19: 30 + 19 = 49 of 91
has "timeline --csv: a partial quarter with its covered days" "$tmp/tc.csv" '2023-Q2,2023-04-01,91,49,true,2,2840,2840,2840'
has "timeline --csv: a quarter without data has empty cells, not 0" "$tmp/tc.csv" '2023-Q3,2023-07-01,92,0,,,,,'
"$bs" timeline --from 2024-01 --to 2024-03 "$tc" >"$tmp/tc0.txt" 2>/dev/null
has "timeline: a range the data do not reach" "$tmp/tc0.txt" 'The data reach no day of the 3 months: no data, nothing tested.'

# ------------------------------------------------------------------ survival: where follow-up ends
# A: 2019-01-10, 2019-06-10, 2021-03-01; B: 2019-02-01; F: 2018-07-01, 2022-07-01 (the
# list's end). --to 2020 removes A's and F's later notices, so B and F are censored on
# 2020-12-31 (699 and 914 days, python3 datetime), not on 2022-07-01: A's event at 151 days
# gives 1/3 within a year, and 3 years is past the longest observation (not estimated; 1/3
# when B and F were followed to 2022-07-01). --follow-up-end 2020-06 ends it on 2020-06-30
# (B 515, F 730 days) and leaves out A's 2021 and F's 2022 notices; --entity B does not
# end it (B followed to the list's end, 1,246 days).
printf 'id,entity,reported,affected\na1,A,2019-01-10,5\na2,A,2019-06-10,5\na3,A,2021-03-01,5\nb1,B,2019-02-01,5\nf1,F,2018-07-01,5\nf2,F,2022-07-01,5\n' >"$tmp/fu.csv"
"$bs" repeats --survival --to 2020 --json -q "$tmp/fu.csv" >"$tmp/fu-to.json" 2>/dev/null
"$bs" repeats --survival --follow-up-end 2020-06 --json -q "$tmp/fu.csv" >"$tmp/fu-end.json" 2>/dev/null
"$bs" repeats --survival --entity B --json -q "$tmp/fu.csv" >"$tmp/fu-b.json" 2>/dev/null
if python3 - "$tmp/fu-to.json" "$tmp/fu-end.json" "$tmp/fu-b.json" <<'EOF'
import json, sys
to, end, b = (json.load(open(p)) for p in sys.argv[1:4])
f = to["facts"]
assert f["km_window_end"] == "2020-12-31", f
assert (f["km_observations"], f["km_events"], f["km_censored"]) == (3, 1, 2), f
assert abs(f["km_within_1y"] - 1 / 3) < 1e-9 and f["km_within_3y"] is None, f
assert [(r["days"], r["events"], r["censored"]) for r in to["tables"]["survival"]] == \
    [(151, 1, 0), (699, 0, 1), (914, 0, 1)], to["tables"]["survival"]
f = end["facts"]
assert f["km_window_end"] == "2020-06-30", f
assert [(r["days"], r["censored"]) for r in end["tables"]["survival"]] == \
    [(151, 0), (515, 1), (730, 1)], end["tables"]["survival"]
assert any("2 notices dated after the follow-up's end (2020-06-30) left out" in n
           for n in end["notes"]), end["notes"]
f = b["facts"]
assert f["km_window_end"] == "2022-07-01", f
assert [(r["days"], r["censored"]) for r in b["tables"]["survival"]] == [(1246, 1)], b["tables"]
EOF
then ok "repeats --survival: --to and --follow-up-end end the follow-up, --entity does not"
else bad "repeats --survival: where the follow-up ends"; fi
# a follow-up end past what the data observe is not followed: with --to 2020, 2024 would have
# counted B and F breach-free through 2024 (A's 2021 and F's 2022 notices removed: within 3
# years 1/3, where --to 2020 alone estimates none); past the list's end (2022-07-01) the same
"$bs" repeats --survival --to 2020 --follow-up-end 2024 --json -q "$tmp/fu.csv" >"$tmp/fu-late.json" 2>/dev/null
"$bs" repeats --survival --follow-up-end 2030 --json -q "$tmp/fu.csv" >"$tmp/fu-2030.json" 2>/dev/null
if python3 - "$tmp/fu-late.json" "$tmp/fu-to.json" "$tmp/fu-2030.json" <<'EOF'
import json, sys
late, to, far = (json.load(open(p)) for p in sys.argv[1:4])
assert late["facts"] == to["facts"], (late["facts"], to["facts"])
assert late["tables"]["survival"] == to["tables"]["survival"]
assert any("--follow-up-end 2024 is past what the data observe: the follow-up ends on 2020-12-31"
           in n for n in late["notes"]), late["notes"]
assert far["facts"]["km_window_end"] == "2022-07-01", far["facts"]
assert any("--follow-up-end 2030 is past" in n for n in far["notes"]), far["notes"]
EOF
then ok "repeats --survival: a follow-up end past --to or the list's end is not followed"
else bad "repeats --survival: a follow-up end past what the data observe"; fi
status "--follow-up-end without --survival" 2 "$bs" repeats --follow-up-end 2020 "$tmp/fu.csv"
has "--follow-up-end without --survival: said" "$tmp/err" '--follow-up-end goes with --survival'
status "--follow-up-end: not a date" 2 "$bs" repeats --survival --follow-up-end 2020-13 "$tmp/fu.csv"

# ------------------------------------------------------------------ real files (issue 14)
shared=${BREACH_SHARED_DATA:-$src/../shared/data}
hhs="$shared/hhs-ocr-breach-portal/snapshot-2024-07"
if [ -f "$hhs/Source_Breach_Report.csv" ] && [ -f "$hhs/breach_report.csv" ]; then
    # tests/reference/episodes.py (pandas): with the 60-day business-associate window 5,324
    # organisations, 514 hit more than once, 849 intervals, 65 of 30 days or less; without
    # it 536, 886 and 96 (Brightline's 6-, 7-, 16- and 20-day "intervals" among them). Issue
    # 16's accent-insensitive keys joined "La Clínica de la Raza" and "La Clinica de la
    # Raza" (it was 5,326, 847 and 884), and keys that make symbols spaces joined "Cancer
    # Treatment Centers of America® (CTCA) at Southeastern Regional Medical Center"
    # (the archive's data row 2650, 2019-05-10) to its spelling without the ® (rows 2571
    # and 2444, 2019-07-12 and 2019-09-27): it was 5,325 and 848, 885 without the window
    "$bs" repeats --json --survival "$hhs/Source_Breach_Report.csv" "$hhs/breach_report.csv" >"$tmp/hr.json" 2>/dev/null
    "$bs" repeats --json --associate-window off "$hhs/Source_Breach_Report.csv" "$hhs/breach_report.csv" >"$tmp/hr0.json" 2>/dev/null
    "$bs" repeats "$hhs/Source_Breach_Report.csv" "$hhs/breach_report.csv" >"$tmp/hr.txt" 2>/dev/null
    has "repeats: the denominator is printed with the share" "$tmp/hr.txt" 'Hit more than once: 514 of 5,324 organisations with a dated notice (9.654 %)'
    if python3 - "$tmp/hr.json" "$tmp/hr0.json" <<'EOF'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
fa, fb = a["facts"], b["facts"]
short = lambda d: sum(1 for r in d["tables"]["intervals"] if r["days"] <= 30)
assert (fa["organisations"], fa["repeat_organisations"], fa["intervals"]) == (5324, 514, 849), fa
assert short(a) == 65 and fa["associate_window_days"] == 60
assert (fb["repeat_organisations"], fb["intervals"], short(b)) == (536, 886, 96), fb
assert fb["associate_window_days"] is None
assert abs(fa["repeat_share"] - 514 / 5324) < 1e-10  # written with 10 digits
brightline = [r for r in b["tables"]["intervals"] if r["entity"] == "Brightline, Inc."]
assert sorted(r["days"] for r in brightline) == [6, 7, 16, 20], brightline
assert not [r for r in a["tables"]["intervals"] if r["entity"] == "Brightline, Inc."]
ctca = [(r["from_date"], r["to_date"], r["days"]) for r in a["tables"]["intervals"]
        if r["entity"].startswith("Cancer Treatment Centers of America")]
assert ctca == [("2019-05-10", "2019-07-12", 63), ("2019-07-12", "2019-09-27", 77)], ctca
# the survival's bounds are printed: lo <= estimate <= hi
for k in ("km_within_1y", "km_within_3y"):
    assert fa[k + "_lo"] <= fa[k] <= fa[k + "_hi"], (k, fa)
assert "km_median_days_lo" in fa and "km_median_days_hi" in fa
EOF
    then ok "repeats over HHS 2024-07: the window's figures, bounds in --json"; else bad "repeats over HHS 2024-07"; fi
    # --to 2020 ends the follow-up on 2020-12-31 (`tests/reference/episodes.py --to
    # 2020-12-31`: 3,207 organisations, 297 events, within 1 year 0.037916501853766826, 3
    # years 0.08279960647946072); censored at 2024-06-28 it gave 3.492 % and 6.673 %
    "$bs" repeats --json --survival --to 2020 "$hhs/Source_Breach_Report.csv" "$hhs/breach_report.csv" >"$tmp/hr20.json" 2>/dev/null
    check "repeats --survival --to 2020 over HHS 2024-07: followed until 2020-12-31, 8.280 % within 3 years" python3 -c "
import json, sys; f = json.load(open(sys.argv[1]))['facts']
assert f['km_window_end'] == '2020-12-31' and (f['km_observations'], f['km_events']) == (3207, 297), f
assert abs(f['km_within_1y'] - 0.037916501853766826) < 1e-9 and abs(f['km_within_3y'] - 0.08279960647946072) < 1e-9, f" "$tmp/hr20.json"
    # Rows identical to an earlier row of their file are kept, counted and said: in HHS
    # 2024-07 one (Fairfield Medical Center, 1,182 individuals; python csv over each file's
    # rows as tuples finds the same one)
    want=$(python3 -c "
import csv, sys
n = tot = 0
for p in sys.argv[1:]:
    seen = set()
    for r in csv.reader(open(p, newline='', encoding='utf-8', errors='surrogateescape')):
        if tuple(r) in seen:
            n += 1; tot += int(r[3]) if r[3].strip() else 0
        seen.add(tuple(r))
print(n, tot)" "$hhs/Source_Breach_Report.csv" "$hhs/breach_report.csv")
    "$bs" summary --json -q "$hhs/Source_Breach_Report.csv" "$hhs/breach_report.csv" >"$tmp/ident.json" 2>/dev/null
    check "summary: identical rows counted and said ($want)" python3 -c "
import json,sys; f=json.load(open(sys.argv[1]))['facts']; n, tot = map(int, sys.argv[2].split())
assert f['identical_rows'] == n == 1 and tot == 1182, (f['identical_rows'], sys.argv[2])" "$tmp/ident.json" "$want"
    "$bs" summary -q "$hhs/Source_Breach_Report.csv" "$hhs/breach_report.csv" >"$tmp/ident.txt" 2>/dev/null
    has "summary: the identical row in the headline" "$tmp/ident.txt" '1 row repeats an earlier row of its file word for word: kept and counted (1,182 individuals)'
    # HHS with WA: one incident notified to both is one episode (the cross-source window).
    # tests/reference/episodes_sources.py (pandas, its own episodes): 6,223 organisations,
    # 560 hit more than once, 905 intervals, median 502 (window 120); without it 670, 1,056
    # (Brightline's 67 days from WA's breach date to HHS's first filing among them)
    if [ -f "$wa" ]; then
        "$bs" repeats --json "$hhs/Source_Breach_Report.csv" "$hhs/breach_report.csv" "$wa" >"$tmp/hw.json" 2>/dev/null
        "$bs" repeats --json --cross-source-window off "$hhs/Source_Breach_Report.csv" "$hhs/breach_report.csv" "$wa" >"$tmp/hw0.json" 2>/dev/null
        check "repeats over HHS and WA: one incident's two notices are one episode" python3 -c "
import json,sys; a,b=(json.load(open(p)) for p in sys.argv[1:3]); fa,fb=a['facts'],b['facts']
assert (fa['organisations'], fa['repeat_organisations'], fa['intervals'], fa['days_median']) == (6223, 560, 905, 502), fa
assert fa['cross_source_window_days'] == 120 and fb['cross_source_window_days'] is None
assert (fb['repeat_organisations'], fb['intervals']) == (670, 1056), fb
days = lambda d, e: sorted(r['days'] for r in d['tables']['intervals'] if r['entity'] == e)
assert days(a, 'Brightline, Inc.') == [] and days(b, 'Brightline, Inc.') == [67]
assert days(a, 'Maximus, Inc.') == [740] and days(b, 'Maximus, Inc.') == [69, 740]" "$tmp/hw.json" "$tmp/hw0.json"
    fi
    # with the seed, which states Brightline's total (1,013,686) in one row: that figure and
    # the portal's 11 rows it sums are one incident's, not added (review, journalist 1:
    # 26,333 of 2,027,372 = 1.299 %, where help and the report's other table said 2.598 %)
    if [ -f "$wa" ]; then
        "$bs" links -q --csv "$seed" "$hhs/Source_Breach_Report.csv" "$hhs/breach_report.csv" "$wa" >"$tmp/ls.csv" 2>/dev/null
        check "links: the seed's total and the portal's rows are not added" python3 -c "
import csv, sys
rows = [r for r in csv.DictReader(open(sys.argv[1])) if r['entity'] == 'Brightline, Inc.']
assert len(rows) == 1 and int(rows[0]['total_point']) == 1013686, rows
assert abs(float(rows[0]['share']) - 26333 / 1013686) < 1e-9, rows
assert '11 notices with a total from another source left out' in rows[0]['reason'], rows" "$tmp/ls.csv"
    fi
    # HHS with VCDB: 2,503 of VCDB's 8,553 incidents have no notification date (python3
    # json: plus.timeline.notification empty), so the cross-source rule never saw them and
    # one incident in both made a repeat breach: AvMed, Inc. filed with HHS on 06/03/2010
    # (Source_Breach_Report.csv line 5281), VCDB 3CCF0BF0-EC5D-4F41-B2A2-29EA741FBA4B dates
    # the incident 2010-06-04 and gives no notification: "1 day" between two breaches
    # (review, journalist 2). Such a notice is matched on its event day: one episode
    if [ -f "$vcdb" ]; then
        "$bs" repeats --json --entity "AvMed" "$hhs/Source_Breach_Report.csv" "$hhs/breach_report.csv" "$vcdb" >"$tmp/hv.json" 2>/dev/null
        check "repeats over HHS and VCDB: AvMed's two notices of one incident are one episode" python3 -c "
import json,sys; f=json.load(open(sys.argv[1]))['facts']
assert (f['incidents'], f['organisations'], f['repeat_organisations'], f['intervals']) == (2, 1, 0, 0), f" "$tmp/hv.json"
    fi
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
    # --to past the data (F5): the newest notice is of 2024-06-28, so --to 2024-12 is no
    # evidence of July .. December. Expected figures from the raw files (python csv: the last
    # Breach Submission Date, the notices per month and year): June and 2024 partial, July
    # .. December without data (null, never 0), and the tests over the whole periods only
    # (tests/reference/timeseries.py "HHS whole months 2024-01 .. 2024-05": chi-square
    # 17.59171597633136; "HHS whole years 2015 .. 2023": 568.012836970475)
    "$bs" timeline --by month --from 2024-01 --to 2024-12 -q --json "$hhs/Source_Breach_Report.csv" "$hhs/breach_report.csv" >"$tmp/tm24.json" 2>/dev/null
    "$bs" timeline --by year --from 2015 --to 2024 -q --json "$hhs/Source_Breach_Report.csv" "$hhs/breach_report.csv" >"$tmp/ty24.json" 2>/dev/null
    "$bs" timeline --by month --from 2024-01 --to 2024-12 -q "$hhs/Source_Breach_Report.csv" "$hhs/breach_report.csv" >"$tmp/tm24.txt" 2>/dev/null
    if python3 - "$hhs" "$tmp/tm24.json" "$tmp/ty24.json" <<'EOF'
import csv, datetime, json, os, sys
hhs, months, years = sys.argv[1], json.load(open(sys.argv[2])), json.load(open(sys.argv[3]))
dates = []
for name in ("Source_Breach_Report.csv", "breach_report.csv"):
    with open(os.path.join(hhs, name), newline="", encoding="utf-8") as fh:
        dates += [datetime.datetime.strptime(r["Breach Submission Date"].strip(), "%m/%d/%Y").date()
                  for r in csv.DictReader(fh)]
last = max(dates)
assert last == datetime.date(2024, 6, 28), last
per_month = {m: sum(1 for d in dates if (d.year, d.month) == (2024, m)) for m in range(1, 13)}
per_year = {y: sum(1 for d in dates if d.year == y) for y in range(2015, 2025)}
f, p = months["facts"], months["tables"]["periods"]
assert (f["span_first"], f["span_last"]) == ("2024-01-01", str(last)), f
assert len(p) == 12
for m, row in enumerate(p, 1):
    if m < last.month:
        assert (row["covered_days"], row["partial"], row["notices"]) == (row["days"], False, per_month[m]), row
    elif m == last.month:
        assert (row["covered_days"], row["partial"], row["notices"]) == (last.day, True, per_month[m]), row
    else:
        assert per_month[m] == 0 and row["covered_days"] == 0, row
        assert row["notices"] is None and row["individuals"] is None and row["partial"] is None, row
whole = [per_month[m] for m in range(1, last.month)]
assert (f["partial_periods"], f["uncovered_periods"]) == (1, 12 - last.month), f
assert (f["tested_periods"], f["tested_notices"]) == (len(whole), sum(whole)), f
mean = sum(whole) / len(whole)
assert abs(f["chisq"] - sum((y - mean) ** 2 / mean for y in whole)) < 1e-9 * f["chisq"], f
assert abs(f["chisq"] - 17.59171597633136) < 1e-9 * 17.6, f
f, p = years["facts"], years["tables"]["periods"]
assert (f["span_first"], f["span_last"]) == ("2015-01-01", str(last)), f
assert [r["notices"] for r in p] == [per_year[y] for y in range(2015, 2025)], p
y24 = (last - datetime.date(2024, 1, 1)).days + 1
assert (p[-1]["period"], p[-1]["days"], p[-1]["covered_days"], p[-1]["partial"]) == ("2024", 366, y24, True), p[-1]
assert y24 == 180
whole = [per_year[y] for y in range(2015, 2024)]
assert (f["partial_periods"], f["uncovered_periods"]) == (1, 0), f
assert (f["tested_periods"], f["tested_notices"]) == (9, sum(whole)), f
mean = sum(whole) / len(whole)
assert abs(f["chisq"] - sum((y - mean) ** 2 / mean for y in whole)) < 1e-9 * f["chisq"], f
assert abs(f["chisq"] - 568.012836970475) < 1e-9 * 568, f
EOF
    then ok "timeline --to past the data: partial June and 2024, July .. December without data, tests over whole periods"
    else bad "timeline --to past the data (HHS 2024-07)"; fi
    has "timeline --to past the data: the headline says so" "$tmp/tm24.txt" 'The data cover 2024-01-01 to 2024-06-28: 1 partial period (marked) and 6 periods without data left out of the tests, which run over the 5 whole ones (338 notices).'
    has "timeline --to past the data: 'no data', not 0" "$tmp/tm24.txt" '2024-07  2024-07-01    31        0  no data  no data      no data'
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

# ------------------------------------------------------------------ no empty chart (issue 17)
# a campaign whose notices give no count drew a flat line at zero: now a sentence, no chart
printf 'id,entity,vendor,reported,affected\nc1,Acme Inc,Camp X,2023-01-05,\nc2,Beta LLC,Camp X,2023-02-05,\n' >"$tmp/countless.csv"
"$bs" report --markdown "$tmp/cl.md" "$tmp/countless.csv" >/dev/null 2>&1
has "report: no curve for a campaign without counts" "$tmp/cl.md" 'there is no curve to draw'
if [ -f "$tmp/cl-supply.svg" ]; then bad "report: no supply-chain chart drawn without counts"; else ok "report: no supply-chain chart drawn without counts"; fi
has "report: the countless campaign stays in the table" "$tmp/cl.md" '| Camp X |'

# ------------------------------------------------------------------ flagged notices in every command
# Every command that computes statistics names the notices their source flags, since its
# figures include them (and counts' intervals assume a random sample), with the command that
# leaves them out: the one that ran, --where FIELD!=VALUE added. tests/data/hibp/small.json
# holds 3 breaches: Quillmail (6,210 accounts) is IsFabricated and IsSpamList, Larkspur
# (2,385,117) and NextGenUpdate (1,194,597) neither (tests/reference/flagged.py over it).
# flagged_json FILE N WHERE: the --json output FILE names N flagged notices: the facts flagged
# and flagged_where (= WHERE), one headline, one note with the command and each --where.
flagged_json() {
    python3 - "$@" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
n, where = int(sys.argv[2]), sys.argv[3]
f = d['facts']
assert (f.get('flagged'), f.get('flagged_where')) == (n, where), f
head = [h for h in d['headline'] if 'flagged by' in h]
assert len(head) == 1 and head[0].startswith('{:,} selected notice'.format(n)), d['headline']
note = [x for x in d['notes'] if x.startswith('to leave the flagged notices out: breachstat '
                                              + d['command'] + ' ')]
assert len(note) == 1 and all("--where '%s'" % w in note[0] for w in where.split()), d['notes']
EOF
}
# unflagged_json FILE: nothing said of flagged notices (summary's flagged fact is 0)
unflagged_json() {
    python3 -c "
import json, sys
d = json.load(open(sys.argv[1])); f = d['facts']
assert f.get('flagged', 0) == 0 and 'flagged_where' not in f, f
assert not [x for x in d['headline'] + d['notes'] if 'flagged' in x], d" "$1"
}
# offered FILE: the command FILE's note offers, its program name replaced by this build's
offered() {
    python3 -c "
import json, sys
p = 'to leave the flagged notices out: breachstat '
print([x for x in json.load(open(sys.argv[1]))['notes'] if x.startswith(p)][0][len(p):])" "$1"
}
small_hibp="$data/hibp/small.json"
for c in summary regions share supply-chain repeats categories counts timeline sizes links; do
    "$bs" $c --json "$small_hibp" >"$tmp/fl-$c.json" 2>/dev/null
    check "$c: names the fixture's flagged breach, with the --where that leaves it out" \
        flagged_json "$tmp/fl-$c.json" 1 'is_fabricated!=true is_spam_list!=true'
    "$bs" $c --json --where is_spam_list!=true "$small_hibp" >"$tmp/fl-$c-out.json" 2>/dev/null
    check "$c: nothing when the user's --where has left them out" unflagged_json "$tmp/fl-$c-out.json"
done
"$bs" fields --json "$small_hibp" >"$tmp/fl-fields.json" 2>/dev/null
check "fields: lists the flags, says nothing of them" unflagged_json "$tmp/fl-fields.json"
"$bs" sizes "$small_hibp" >"$tmp/fl-sizes.txt" 2>/dev/null
has "sizes: the headline in the table output" "$tmp/fl-sizes.txt" '1 selected notice is flagged by its source: 1 is_fabricated=true (HIBP believes the breach is fabricated); 1 is_spam_list=true'
has "sizes: the command in a note" "$tmp/fl-sizes.txt" "Note: to leave the flagged notices out: breachstat sizes --where 'is_fabricated!=true' --where 'is_spam_list!=true' $small_hibp"
"$bs" timeline --csv --table facts "$small_hibp" >"$tmp/fl-tl.csv" 2>/dev/null
has "timeline --csv --table facts: flagged" "$tmp/fl-tl.csv" 'flagged,1'
has "timeline --csv --table facts: flagged_where" "$tmp/fl-tl.csv" 'flagged_where,is_fabricated!=true is_spam_list!=true'
# the offered command is the one that ran (options, --format before its file) with the
# --where options: the 2 unflagged breaches, median (1,194,597 + 2,385,117) / 2 = 1,789,857
"$bs" sizes --unit accounts --format hibp --json "$small_hibp" >"$tmp/fl-sizes.json" 2>/dev/null
rest=$(offered "$tmp/fl-sizes.json")
case $rest in
"sizes --unit accounts --json --where 'is_fabricated!=true' --where 'is_spam_list!=true' --format hibp "*) ok "sizes: the offered command keeps the user's options" ;;
*) bad "sizes: the offered command keeps the user's options: $rest" ;;
esac
eval "\"\$bs\" $rest" >"$tmp/fl-sizes-out.json" 2>/dev/null
check "sizes: the offered command leaves the flagged breach out (2 notices, median 1,789,857)" python3 -c "
import json, sys
d = json.load(open(sys.argv[1])); f = d['facts']
assert (f['incidents'], f['median']) == (2, 1789857) and 'flagged' not in f, f" "$tmp/fl-sizes-out.json"
"$bs" report --markdown "$tmp/fl-report.md" "$small_hibp" >/dev/null 2>&1
# (Markdown escapes the underscores of the --where values)
has "report: the offered command writes the same report" "$tmp/fl-report.md" "To leave them out: breachstat report --markdown $tmp/fl-report.md --where 'is"

# The real lists: tests/reference/flagged.py counts from the raw files what each source
# flags, and the actor shares (VCDB) and median (HIBP) without them
if [ -f "$shared/vcdb/vcdb.json.zip" ] && [ -f "$shared/hibp/breaches.json" ]; then
    python3 "$src/tests/reference/flagged.py" "$shared/vcdb/vcdb.json.zip" "$shared/hibp/breaches.json" >"$tmp/fl-ref.txt"
    ref() { sed -n "s/^$1: //p" "$tmp/fl-ref.txt"; }
    # VCDB: 1,573 incidents not sampled at random (phidbr 1,192, priority 381) in counts'
    # n, and in categories' and in counts --by's
    for c in "counts --of actor" "categories" "counts --of victim.employee_count --by actor"; do
        "$bs" $c --json "$shared/vcdb/vcdb.json.zip" >"$tmp/fl-vcdb.json" 2>/dev/null
        check "VCDB $c: the $(ref 'vcdb flagged') incidents not sampled at random" \
            flagged_json "$tmp/fl-vcdb.json" "$(ref 'vcdb flagged')" 'plus.sub_source!=phidbr plus.sub_source!=priority'
    done
    "$bs" counts --of actor "$shared/vcdb/vcdb.json.zip" >"$tmp/fl-vcdb.txt" 2>/dev/null
    has "VCDB counts: the headline's counts per sub-source" "$tmp/fl-vcdb.txt" \
        "$(python3 -c "import sys; print('{:,} selected notices are flagged by their source: {:,} plus.sub_source=phidbr'.format(*map(int, sys.argv[1:])))" "$(ref 'vcdb flagged')" "$(ref 'vcdb flagged plus.sub_source=phidbr')")"
    has "VCDB counts: ... and priority" "$tmp/fl-vcdb.txt" "$(ref 'vcdb flagged plus.sub_source=priority') plus.sub_source=priority (VCDB incident coded by priority, not sampled at random)"
    # without them Internal is 45.060 % of 6,791, below the lower bound printed with them
    "$bs" counts --of actor --json "$shared/vcdb/vcdb.json.zip" >"$tmp/fl-actor.json" 2>/dev/null
    eval "\"\$bs\" $(offered "$tmp/fl-actor.json")" >"$tmp/fl-actor-out.json" 2>/dev/null
    check "VCDB counts: the offered command gives Internal $(ref 'vcdb actor unflagged internal') %, $(ref 'vcdb actor unflagged')" python3 -c "
import json, sys
d = json.load(open(sys.argv[1])); f = d['facts']
row = [r for r in d['tables']['counts'] if r['level'] == 'Internal'][0]
assert 'n %d' % f['n'] == sys.argv[3] and 'flagged' not in f, f
assert '%.3f' % (100 * row['proportion']) == sys.argv[2], row" "$tmp/fl-actor-out.json" "$(ref 'vcdb actor unflagged internal')" "$(ref 'vcdb actor unflagged')"
    # HIBP: 21 breaches (3 fabricated, 16 spam lists, 2 retired); the median without them
    "$bs" sizes --json "$shared/hibp/breaches.json" >"$tmp/fl-hibp.json" 2>/dev/null
    check "HIBP sizes: the $(ref 'hibp flagged') flagged breaches" flagged_json "$tmp/fl-hibp.json" \
        "$(ref 'hibp flagged')" 'is_fabricated!=true is_spam_list!=true is_retired!=true'
    check "HIBP sizes: 3 fabricated, 16 spam lists, 2 retired" python3 -c "
import json, sys
h = json.load(open(sys.argv[1]))['headline']
assert any(': {} is_fabricated=true'.format(sys.argv[2]) in x and '; {} is_spam_list=true'.format(sys.argv[3]) in x
           and '; {} is_retired=true'.format(sys.argv[4]) in x for x in h), h" "$tmp/fl-hibp.json" \
        "$(ref 'hibp flagged is_fabricated=true')" "$(ref 'hibp flagged is_spam_list=true')" "$(ref 'hibp flagged is_retired=true')"
    eval "\"\$bs\" $(offered "$tmp/fl-hibp.json")" >"$tmp/fl-hibp-out.json" 2>/dev/null
    check "HIBP sizes: the offered command's median $(ref 'hibp median unflagged')" python3 -c "
import json, sys
f = json.load(open(sys.argv[1]))['facts']
assert f['median'] == float(sys.argv[2]) and 'flagged' not in f, f" "$tmp/fl-hibp-out.json" "$(ref 'hibp median unflagged')"
    "$bs" timeline --by year --json "$shared/hibp/breaches.json" >"$tmp/fl-hibp-tl.json" 2>/dev/null
    check "HIBP timeline: the flagged breaches" flagged_json "$tmp/fl-hibp-tl.json" \
        "$(ref 'hibp flagged')" 'is_fabricated!=true is_spam_list!=true is_retired!=true'
else
    echo "SKIP: the real VCDB or HIBP list is absent: their flagged notices are not tried"
fi

# ------------------------------------------------------------------ enumerated attributes
if [ -f "$shared/hibp/breaches.json" ]; then
    # SOURCES.md section 4: 3 fabricated and 16 spam-list breaches of 875; python3 over the
    # JSON: the 856 others hold 13,394,319,197 accounts
    "$bs" fields --json "$shared/hibp/breaches.json" >"$tmp/fields.json" 2>/dev/null
    check "fields --json: HIBP's flags and data classes with counts" python3 -c "
import json,sys; d=json.load(open(sys.argv[1])); t={r['field']: r for r in d['tables']['fields']}
assert t['data_classes']['values'] == 146 and t['is_fabricated']['incidents'] == 875, t
assert 'true (3)' in t['is_fabricated']['top'] and 'true (16)' in t['is_spam_list']['top']" "$tmp/fields.json"
    "$bs" fields --field is_spam_list --csv "$shared/hibp/breaches.json" >"$tmp/spam.csv" 2>/dev/null
    has "fields --field: one field's values" "$tmp/spam.csv" 'true,16'
    "$bs" summary --where is_fabricated!=true --where is_spam_list!=true "$shared/hibp/breaches.json" >"$tmp/nf.txt" 2>/dev/null
    has "--where FIELD!=VALUE, AND across fields" "$tmp/nf.txt" 'Accounts affected: 13,394,319,197 (856 notices).'
    "$bs" summary --where no.such=1 "$shared/hibp/breaches.json" >/dev/null 2>"$tmp/nofield.txt"
    has "--where on a field no incident carries: a warning" "$tmp/nofield.txt" "no incident carries the field 'no.such'"
    "$bs" summary "$shared/hibp/breaches.json" >"$tmp/flags.txt" 2>/dev/null
    has "summary: the flagged notices included" "$tmp/flags.txt" '21 selected notices are flagged by their source: 3 is_fabricated=true'
    has "summary: the command that leaves them out" "$tmp/flags.txt" "breachstat summary --where 'is_fabricated!=true' --where 'is_spam_list!=true' --where 'is_retired!=true'"
    "$bs" summary --where 'is_fabricated!=true' --where 'is_spam_list!=true' --where 'is_retired!=true' --json "$shared/hibp/breaches.json" >"$tmp/noflags.json" 2>/dev/null
    check "summary: the offered command leaves them out (875 - 21 = 854)" python3 -c "
import json,sys; f=json.load(open(sys.argv[1]))['facts']; assert (f['incidents_selected'], f['flagged']) == (854, 0), f" "$tmp/noflags.json"
    "$bs" report --markdown "$tmp/flag-report.md" "$shared/hibp/breaches.json" >/dev/null 2>&1
    has "report: a section on flagged notices" "$tmp/flag-report.md" '## Notices their source flags'
    has "report: the flagged count among the key figures" "$tmp/flag-report.md" '| flagged by their source (included) | 21 |'
    status "--where without '='" 2 "$bs" summary --where is_fabricated "$shared/hibp/breaches.json"
    status "--where with no field" 2 "$bs" summary --where '!=x' "$shared/hibp/breaches.json"
    status "fields --field on a field no incident carries" 2 "$bs" fields --field nope "$shared/hibp/breaches.json"
fi
# --where VALUE that no loaded notice has. tests/data/hhs-sample.csv, by hand: "Type of
# Breach" is "Theft" on rows 3 and 4 (Small Clinic, 500 each) and "Theft, Unauthorized
# Access/Disclosure" on row 5 (Stray Spaces Health, 501): the list's items are the values, so
# type_of_breach=Theft selects 3 of 7 (1,501 individuals), != leaves 4. tests/data/hhs-where.csv
# (3 rows) has no "Theft" but writes "THEFT" (Gamma Clinic, 650).
"$bs" summary -q --where 'type_of_breach=Theft' "$data/hhs-sample.csv" >"$tmp/wv-eq.txt" 2>&1
has "--where: an item of a list is matched (3 of 7)" "$tmp/wv-eq.txt" '3 incidents selected of 7 loaded from 1 file'
has "--where: the 3 notices' 1,501 individuals" "$tmp/wv-eq.txt" 'Individuals affected: 1,501 (3 notices).'
status "--where FIELD!=value spelled in another case: an error" 2 "$bs" summary -q --where 'type_of_breach!=theft' "$data/hhs-sample.csv"
has "--where: the error names the option, the value and the spelling the data has" "$tmp/err" \
    "--where type_of_breach!=theft: no loaded notice has 'theft' for the field 'type_of_breach' (it would leave out no notice); did you mean 'Theft' (3 notices)?"
hasnt "--where: no output when stopped" "$tmp/out" 'incidents selected'
status "--where FIELD=value spelled in another case: an error" 2 "$bs" summary -q --where 'type_of_breach=theft' "$data/hhs-sample.csv"
has "--where =: it would select none" "$tmp/err" "(it would select none); did you mean 'Theft' (3 notices)?"
status "--where: a value with accents and spaces of its own" 2 "$bs" summary -q --where 'covered_entity_type= health  plán' "$data/hhs-sample.csv"
has "--where: accents and spacing folded for the suggestion" "$tmp/err" "did you mean 'Health Plan' (1 notice)?"
status "--where: the whole of a list the field holds as items" 2 "$bs" summary -q --where 'type_of_breach!=Theft, Unauthorized Access/Disclosure' "$data/hhs-sample.csv"
has "--where: the list's items named" "$tmp/err" "the field holds the items of its lists, here 'Theft', 'Unauthorized Access/Disclosure'"
status "--where FIELD spelled in another case: an error" 2 "$bs" summary -q --where 'Type_Of_Breach!=Theft' "$data/hhs-sample.csv"
has "--where: the field's spelling suggested" "$tmp/err" "did you mean 'type_of_breach'?"
status "--where: a value no notice has, spelled no other way: a warning" 0 "$bs" summary -q --where 'type_of_breach!=Ransom' "$data/hhs-sample.csv"
has "--where: the warning says it leaves out nothing" "$tmp/err" "--where type_of_breach!=Ransom: no loaded notice has 'Ransom' for the field 'type_of_breach', so it leaves out no notice"
has "--where: the figures all the same (7 of 7)" "$tmp/out" '7 incidents selected of 7 loaded from 1 file'
# a value that one input lacks and the other has: it selects, with no message
status "--where: a value absent from one input only" 0 "$bs" summary -q --where 'type_of_breach=Unauthorized Access/Disclosure' "$data/hhs-sample.csv" "$data/hhs-where.csv"
has "--where: that input's notice selected (1 of 10, row 5's 501)" "$tmp/out" '1 incident selected of 10 loaded from 2 files'
hasnt "--where: no message" "$tmp/err" 'where'
# the value there, and another spelling of it too: selected as given, the other named
status "--where: the value and another spelling of it" 0 "$bs" summary -q --where 'type_of_breach=Theft' "$data/hhs-sample.csv" "$data/hhs-where.csv"
has "--where: the exact spelling selects (3 of 10)" "$tmp/out" '3 incidents selected of 10 loaded from 2 files'
has "--where: the other spelling named" "$tmp/err" "--where type_of_breach=Theft: the field 'type_of_breach' also has 'THEFT' (1 notice), which it does not select"
status "--where: only the other spelling loaded" 2 "$bs" summary -q --where 'type_of_breach!=Theft' "$data/hhs-where.csv"
has "--where: it is suggested" "$tmp/err" "did you mean 'THEFT' (1 notice)?"
hhs_w="${BREACH_SHARED_DATA:-$src/../shared/data}/hhs-ocr-breach-portal/snapshot-2024-07/Source_Breach_Report.csv"
if [ -f "$hhs_w" ]; then
    # python3's csv over the file: 5,371 rows, 1,033 whose "Type of Breach" split at commas
    # holds "Theft" (rev-hostile item 1): != leaves 4,338, and "theft" is the portal's "Theft"
    status "HHS: --where type_of_breach!=theft stops" 2 "$bs" summary -q --where 'type_of_breach!=theft' "$hhs_w"
    has "HHS: did you mean 'Theft' (1,033 notices)" "$tmp/err" "did you mean 'Theft' (1,033 notices)?"
    "$bs" summary -q --json --where 'type_of_breach!=Theft' "$hhs_w" >"$tmp/wv-hhs.json" 2>/dev/null
    check "HHS: --where type_of_breach!=Theft leaves 5,371 - 1,033 = 4,338" python3 -c "
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[2], encoding='utf-8-sig')))
n = sum('Theft' not in [x.strip() for x in r['Type of Breach'].split(',')] for r in rows)
f = json.load(open(sys.argv[1]))['facts']
assert n == 4338 and f['incidents_selected'] == n, (n, f['incidents_selected'])" "$tmp/wv-hhs.json" "$hhs_w"
else
    echo "SKIP: $hhs_w is absent: --where values are not tried on the real HHS file"
fi
if [ -f "$shared/vcdb/vcdb.json.zip" ]; then
    # tests/reference/getenumci.py (pandas and scipy over the JSON, verisr's rules)
    "$bs" counts --of attribute.confidentiality.data.variety --by actor --json "$shared/vcdb/vcdb.json.zip" >"$tmp/xt.json" 2>/dev/null
    check "counts --by: per-column n and Wilson intervals as getenumCI (getenumci.py)" python3 -c "
import json,sys; d=json.load(open(sys.argv[1])); t=d['tables']
cols={c['column']: c for c in t['columns']}
assert (cols['External']['incidents'], cols['External']['n']) == (4347, 3528), cols
assert (cols['Partner']['incidents'], cols['Partner']['n']) == (370, 346), cols
cell=[x for x in t['cells'] if x['level'] == 'Medical' and x['column'] == 'Internal'][0]
assert cell['incidents'] == 1218 and abs(cell['lo'] - 0.39347984983147966) < 1e-9, cell
assert d['facts']['independence'] == 'multi-valued'" "$tmp/xt.json"
    "$bs" counts --of victim.employee_count --by attribute.confidentiality.data_disclosure --json "$shared/vcdb/vcdb.json.zip" >"$tmp/chi.json" 2>/dev/null
    check "counts --by: chi-square of independence as scipy's (getenumci.py)" python3 -c "
import json,sys; f=json.load(open(sys.argv[1]))['facts']
assert f['independence'] == 'ok' and f['df'] == 18 and f['cells_below_5'] == 6, f
assert abs(f['chisq'] - 351.86252688457597) < 1e-6, f" "$tmp/chi.json"
    # VCDB campaign_id is a campaign, not a vendor: no supply-chain chart of flat lines
    "$bs" report --markdown "$tmp/vcdb.md" "$shared/vcdb/vcdb.json.zip" >/dev/null 2>&1
    has "report over VCDB: campaigns are not vendors" "$tmp/vcdb.md" 'No notice in these data names a supply-chain vendor or campaign.'
    if [ -f "$tmp/vcdb-supply.svg" ]; then bad "report over VCDB: no supply-chain chart"; else ok "report over VCDB: no supply-chain chart"; fi
    "$bs" counts --of campaign_id --min-n 0 --json "$shared/vcdb/vcdb.json.zip" >"$tmp/camp.json" 2>/dev/null
    check "counts --of campaign_id: 188 incidents in 10 campaigns" python3 -c "
import json,sys; d=json.load(open(sys.argv[1])); f=d['facts']; t=d['tables']['counts']
assert f['n'] == 188 and len(t) == 10 and sum(r['incidents'] for r in t) == 188, (f, t)" "$tmp/camp.json"
    status "counts --of an attribute no incident carries" 2 "$bs" counts --of no.such "$shared/vcdb/vcdb.json.zip"
    # python3 over vcdb.json: 100 incidents list action.hacking.variety SQLi, 144 Brute
    # force, 2 both: 242 either
    "$bs" summary --where action.hacking.variety=SQLi --where 'action.hacking.variety=Brute force' --json "$shared/vcdb/vcdb.json.zip" >"$tmp/sqli.json" 2>/dev/null
    check "--where, OR within a field: 242 SQLi or brute-force incidents" python3 -c "
import json,sys; f=json.load(open(sys.argv[1]))['facts']; assert f['incidents_selected'] == 242, f" "$tmp/sqli.json"
    check "--where in the provenance's selection" python3 -c "
import json,sys; d=json.load(open(sys.argv[1]))
s=json.dumps(d); assert 'action.hacking.variety=Brute force' in s and '\"where\"' in s, s[-600:]" "$tmp/sqli.json"
fi

# ------------------------------------------------------------------ p-values as their method resolves them (review 2, findings 5, 7, 8, 9)
# sizes --fit: a bootstrap p-value with B replicates resolves 1/B. 200 evenly spaced sizes
# (1,005 .. 2,000) are no power law: none of 20 replicates is as far as the data, which is
# p < 1/20 = 0.05, not 0; 200 draws of a power law (alpha 2.5, python's random, seed 2)
# are: some of them are, and the text says how many of the 20
python3 -c "
print('id,entity,reported,affected,unit,separate')
for i in range(1, 201):
    print('u%d,Org %d,2023-01-%02d,%d,individuals,yes' % (i, i, 1 + i % 28, 1000 + 5 * i))" >"$tmp/even.csv"
python3 -c "
import random
r = random.Random(2)
print('id,entity,reported,affected,unit,separate')
for i in range(1, 201):
    print('p%d,Org %d,2023-01-%02d,%d,individuals,yes' % (i, i, 1 + i % 28, round(1000 * (1 - r.random()) ** (-1 / 1.5))))" >"$tmp/plaw.csv"
"$bs" sizes --fit --replicates 20 --no-progress "$tmp/even.csv" >"$tmp/even.txt" 2>&1
has "sizes --fit: 0 of B replicates is p < 1/B" "$tmp/even.txt" 'p-value (bootstrap):                                < 0.05 (0 of 20 replicates)'
hasnt "sizes --fit: no p < 1e-300 from a bootstrap" "$tmp/even.txt" '1e-300'
"$bs" sizes --fit --replicates 20 --no-progress --json "$tmp/even.csv" >"$tmp/even.json" 2>&1
check "sizes --fit --json: the replicates and those as far" python3 -c "
import json,sys; f=json.load(open(sys.argv[1]))['facts']
assert (f['powerlaw_p'], f['powerlaw_replicates'], f['powerlaw_replicates_far']) == (0, 20, 0), f" "$tmp/even.json"
"$bs" sizes --fit --replicates 20 --no-progress --json "$tmp/plaw.csv" >"$tmp/plaw.json" 2>&1
"$bs" sizes --fit --replicates 20 --no-progress "$tmp/plaw.csv" >"$tmp/plaw.txt" 2>&1
check "sizes --fit: p = k / B, and the text says k of B" python3 -c "
import json,sys; f=json.load(open(sys.argv[1])); t=open(sys.argv[2]).read()
k=f['facts']['powerlaw_replicates_far']
assert 0 < k < 20 and abs(f['facts']['powerlaw_p'] - k / 20) < 1e-12, f['facts']
assert 'p-value (bootstrap):                                %.4f (%d of 20 replicates)' % (k / 20, k) in t, t" "$tmp/plaw.json" "$tmp/plaw.txt"
"$bs" sizes --csv --table facts --fit --replicates 20 --no-progress "$tmp/even.csv" >"$tmp/even.facts.csv" 2>&1
has "sizes --csv facts: the replicates" "$tmp/even.facts.csv" 'powerlaw_replicates,20'
has "sizes --csv facts: none as far" "$tmp/even.facts.csv" 'powerlaw_replicates_far,0'
# the log-normal's exp(mu) is the fitted median, not the sizes' (rev-journo item 6): the
# label and a note say whose. python3 over the 200 sizes 1,005 .. 2,000: exp(mean ln x) and
# the median (1,500 + 1,505) / 2 = 1,502.5; the JSON keys stay lognormal_median*
check "sizes --fit: exp(mu) labelled the fit's median, the sizes' median in the note" python3 -c "
import json, math, sys
t = open(sys.argv[1]).read(); f = json.load(open(sys.argv[2]))['facts']
xs = [1000 + 5 * i for i in range(1, 201)]
g = math.exp(sum(math.log(x) for x in xs) / len(xs))
assert abs(f['lognormal_median'] - g) < 1e-6 * g and 'lognormal_median_lo' in f and 'lognormal_median_hi' in f, f
assert \"    exp(mu), the fit's median (not the sizes'):         {:,.0f}\".format(g) in t, t
assert '      exp(mu), 95 % interval, lower:' in t and 'median, lower bound' not in t, t
assert 'Note: log-normal: exp(mu) {:,.0f} is the median of the fitted distribution, and its interval one for that parameter, not for the median of the listed sizes (1,502.5)'.format(g) in t, t" "$tmp/even.txt" "$tmp/even.json"
"$bs" report -q --markdown "$tmp/even.md" "$tmp/even.csv" >/dev/null 2>&1
has "report: exp(mu) labelled the fit's, in the sizes' table" "$tmp/even.md" "| log-normal fit: exp(mu), its median (not the sizes') | 1,474 |"
hasnt "report: no 'log-normal median' to quote as the median breach" "$tmp/even.md" 'log-normal median'
# a canonical list has no floor and no placeholder: nothing to say
hasnt "sizes: no floor note without a floor" "$tmp/even.txt" 'truncated at'
check "sizes --json: no placeholders, no floor" python3 -c "
import json,sys; f=json.load(open(sys.argv[1]))['facts']
assert (f['placeholders'], f['floored'], f['floor']) == (0, 0, None), f" "$tmp/even.json"
# the HHS sample (tests/data/hhs-sample.csv, by hand): rows 3, 4 (500) and 5 (501) are
# placeholders, 6 rows have a size (row 6 has none), all from the portal's list of 500 or
# more; through hhs.map the same 3 placeholders and, from its affected.floor = 500, the floor
"$bs" sizes "$data/hhs-sample.csv" >"$tmp/hs.txt" 2>/dev/null
has "sizes: the placeholders said (HHS sample)" "$tmp/hs.txt" 'Note: 3 of the exact sizes are a count that their source also writes as a placeholder'
has "sizes: the floor said (HHS sample)" "$tmp/hs.txt" 'Note: 6 of 6 sizes come from a list of breaches of 500 or more only'
"$bs" sizes --map "$data/hhs.map" "$data/hhs-sample.csv" >"$tmp/hm.txt" 2>/dev/null
has "sizes: a mapping's placeholders said" "$tmp/hm.txt" '3 of the exact sizes are a count'
has "sizes: a mapping's floor said" "$tmp/hm.txt" 'Note: 6 of 6 sizes come from a list of breaches of 500 or more only'

# counts --by: the chi-square's p-value by the man page's rule (4 decimals, scientific below
# 0.0001, "< 1e-300" when it underflows), never "p = 0." or 17 decimals. Independent: the
# chi-square on 3 df has the closed form Q(x) = erfc(sqrt(x/2)) + sqrt(2x/pi) exp(-x/2)
# (Abramowitz & Stegun 26.4.5), computed here from the CLI's own cells
shared=${BREACH_SHARED_DATA:-$src/../shared/data}
hhs="$shared/hhs-ocr-breach-portal/snapshot-2024-07"
if [ -f "$hhs/Source_Breach_Report.csv" ] && [ -f "$hhs/breach_report.csv" ]; then
    "$bs" counts --of covered_entity_type --by business_associate_present "$hhs/breach_report.csv" >"$tmp/ct.txt" 2>/dev/null
    "$bs" counts --of covered_entity_type --by business_associate_present --json "$hhs/breach_report.csv" >"$tmp/ct.json" 2>/dev/null
    # python3 over breach_report.csv's columns 3 (Covered Entity Type) and 8 (Business
    # Associate Present): the 4 x 2 table's chi-square 433.899, Q = 1.0e-93
    want=$(python3 -c "
import csv, math, sys
rows = list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))[1:]
cells = {}
for r in rows:
    if r[2] and r[7]:
        cells[(r[2], r[7])] = cells.get((r[2], r[7]), 0) + 1
R = sorted({a for a, _ in cells}); C = sorted({b for _, b in cells})
n = sum(cells.values())
rs = {a: sum(cells.get((a, b), 0) for b in C) for a in R}
cs = {b: sum(cells.get((a, b), 0) for a in R) for b in C}
x = sum((cells.get((a, b), 0) - rs[a] * cs[b] / n) ** 2 / (rs[a] * cs[b] / n) for a in R for b in C)
assert (len(R) - 1) * (len(C) - 1) == 3
q = math.erfc(math.sqrt(x / 2)) + math.sqrt(2 * x / math.pi) * math.exp(-x / 2)
print('%.1e %.17g' % (q, q))" "$hhs/breach_report.csv")
    has "counts --by: headline p in scientific notation" "$tmp/ct.txt" "Chi-square of independence: 433.90 on 3 df, p = ${want% *}"
    has "counts --by: fact p in scientific notation" "$tmp/ct.txt" "  p-value:                    ${want% *}"
    check "counts --by --json: the p-value as computed by hand" python3 -c "
import json,sys; f=json.load(open(sys.argv[1]))['facts']; q=float(sys.argv[2])
assert abs(f['p_value'] - q) < 1e-6 * q, (f['p_value'], q)" "$tmp/ct.json" "${want#* }"
    # both lists: chi-square 2,745.74 on 3 df (scipy, review 2): Q ~ 1e-595 underflows
    "$bs" counts --of covered_entity_type --by business_associate_present "$hhs/Source_Breach_Report.csv" "$hhs/breach_report.csv" >"$tmp/ct2.txt" 2>/dev/null
    has "counts --by: an underflowing p is < 1e-300" "$tmp/ct2.txt" 'Chi-square of independence: 2,745.74 on 3 df, p < 1e-300.'
    hasnt "counts --by: no 17 decimals" "$tmp/ct2.txt" '0.00000000000000000'
    # sizes over both lists: python3 over column 4 (Individuals Affected) of both files
    # counts 158 of 500 or 501 and 6,278 non-empty; none of 50 replicates is as far
    want=$(python3 -c "
import csv, sys
v = [r[3] for p in sys.argv[1:] for r in list(csv.reader(open(p, newline='', encoding='utf-8')))[1:]]
print(sum(x in ('500', '501') for x in v), '{:,}'.format(sum(x != '' for x in v)))" "$hhs/Source_Breach_Report.csv" "$hhs/breach_report.csv")
    "$bs" sizes --fit --replicates 50 --no-progress "$hhs/Source_Breach_Report.csv" "$hhs/breach_report.csv" >"$tmp/hsz.txt" 2>/dev/null
    has "sizes --fit over HHS: p < 0.02 (0 of 50 replicates)" "$tmp/hsz.txt" 'p-value (bootstrap):                                < 0.02 (0 of 50 replicates)'
    has "sizes over HHS: the placeholders counted" "$tmp/hsz.txt" "Note: ${want% *} of the exact sizes are a count that their source also writes as a placeholder"
    has "sizes over HHS: the floor said" "$tmp/hsz.txt" "Note: ${want#* } of ${want#* } sizes come from a list of breaches of 500 or more only (such as the HHS portal): the figures and fits are of listed sizes, truncated at 500"
else
    echo "SKIP: $shared is absent: the p-value and placeholder checks on HHS are not run"
fi

# the man page: every option of every command's --help is in it (review 2 found
# --expected-by-length missing), and no .BR line runs a sentence into its punctuation
# argument (".BR \-\-allow\-empty ). The error names" rendered "(see --allow-empty).Theerrornames")
missing=""
for cmd in summary regions share supply-chain repeats categories timeline sizes links counts fields report; do
    for o in $("$bs" "$cmd" --help 2>/dev/null | grep -o '^ *\(-[a-z], \)\?--[a-z][a-z-]*' | sed 's/.*--//'); do
        grep -qF -- "\\-\\-$(printf '%s' "$o" | sed 's/-/\\-/g')" "$src/doc/breachstat.1" || missing="$missing $cmd:--$o"
    done
done
if [ -z "$missing" ]; then ok "man page: every --help option"; else bad "man page lacks:$missing"; fi
if grep -n '^\.BR .* [^ ]*[.)] [A-Za-z]' "$src/doc/breachstat.1" | grep -v '"' >"$tmp/br.txt"; then
    bad "man page: a sentence inside .BR"; cat "$tmp/br.txt"; else ok "man page: no sentence inside .BR"; fi
grep -q -i 'equal counts per period' "$src/doc/breachstat.1" && ok "man page: what the uniformity test compares against" || bad "man page: the uniformity test's default"

# ------------------------------------------------------------------ event years not observed in full
# Review 5, F4: WA's list receives notices from 2015-08-11 to 2024-04-19, so by event year
# 2009 .. 2015 hold only breaches reported after it began and 2023 ends less than the
# reporting lag (403 days: 90th percentile of 1,105 delays) before its last notice
# (tests/reference/timeseries.py, python csv: chi-square over 2016 .. 2022
# 284.5289256198347). The text, JSON and CSV say the same (the Python binding:
# tests/python/test_shared_data.py).
if [ -f "$wa" ]; then
    "$bs" timeline --by year --date event -q "$wa" >"$tmp/ev-wa.txt" 2>/dev/null
    "$bs" timeline --by year --date event -q --json "$wa" >"$tmp/ev-wa.json" 2>/dev/null
    "$bs" timeline --by year --date event -q --csv "$wa" >"$tmp/ev-wa.csv" 2>/dev/null
    has "timeline --date event (real, WA): the headline says why years are left out" "$tmp/ev-wa.txt" \
        "Not observed in full: 7 years began before the lists' first report (2015-08-11) and hold only breaches reported after it; 1 year ends less than 403 days (the reporting lag: 90th percentile of 1,105 delays from the event date to the report, median 144) before the lists' last report (2024-04-19)"
    check "timeline --date event (real, WA): JSON and CSV agree on the truncated years" python3 -c "
import csv, json, sys
d = json.load(open(sys.argv[1])); f = d['facts']
want = {str(y) for y in range(2009, 2016)} | {'2023'}
assert {p['period'] for p in d['tables']['periods'] if p['truncated']} == want, d['tables']['periods']
assert (f['reported_first'], f['reported_last'], f['delays'], f['lag_days'], f['lag_median']) == \\
    ('2015-08-11', '2024-04-19', 1105, 403, 144), f
assert (f['truncated_periods'], f['truncated_before'], f['tested_periods'], f['tested_notices']) == \\
    (8, 7, 7, 847), f
assert abs(f['chisq'] - 284.5289256198347) < 1e-9 * 284.5
rows = list(csv.DictReader(open(sys.argv[2])))
assert {r['period'] for r in rows if r['truncated'] == 'true'} == want, rows" "$tmp/ev-wa.json" "$tmp/ev-wa.csv"
    # the report's timeline by event date (--from/--to on it) marks the same years
    mkdir -p "$tmp/ev-rep"
    "$bs" report -q --markdown "$tmp/ev-rep/wa.md" --date event --from 2010 --to 2024 "$wa" >/dev/null 2>&1
    has "report --date event (real, WA): 2023 not observed in full" "$tmp/ev-rep/wa.md" \
        "| 2023 | 365 (not observed in full) | 218 |"
    has "report --date event (real, WA): 2016 observed in full" "$tmp/ev-rep/wa.md" "| 2016 | 366 | 79 |"
    has "report --date event (real, WA): why" "$tmp/ev-rep/wa.md" \
        "7 years are not observed in full, drawn lighter too"
    # regions' rates for event-year 2023 count only what was reported by 2024-04-19; 2019
    # (2019-12-31 + 403 days is before it) is observed in full
    ev_pop="$shared/us-state-population/NST-EST2024-ALLDATA.csv"
    if [ -f "$ev_pop" ]; then
        "$bs" regions -q --from 2023 --to 2023 --population "$ev_pop" "$wa" >"$tmp/ev-rg23.txt" 2>&1
        "$bs" regions -q --from 2019 --to 2019 --population "$ev_pop" "$wa" >"$tmp/ev-rg19.txt" 2>&1
        has "regions --from 2023 --to 2023 (real, WA): the rate's period is within the reporting lag" \
            "$tmp/ev-rg23.txt" "per_100k: not observed in full: the period ends less than the reporting lag (403 days"
        if grep -q "not observed in full" "$tmp/ev-rg19.txt"; then
            bad "regions --from 2019 --to 2019 (real, WA): observed in full, no such note"
        else
            ok "regions --from 2019 --to 2019 (real, WA): observed in full, no such note"
        fi
        # the lag and the reports are those of the lists the rates' notices come from: WA's,
        # whose notices give residents, not the portal's beside them (reported 2009-10-21
        # .. 2024-06-28, no breakdown); breachstat said the portal's dates before (the
        # library now gives them: breach_percapita.reported_first)
        if [ -f "$hhs_a" ] && [ -f "$hhs_u" ]; then
            "$bs" regions -q --population "$ev_pop" "$wa" "$hhs_a" "$hhs_u" >"$tmp/ev-rgh.txt" 2>&1
            has "regions (real, WA + HHS): the rates' lists began reporting with WA's" "$tmp/ev-rgh.txt" \
                "per_100k: not observed in full: the period began before the lists' first report (2015-08-11)"
            has "regions (real, WA + HHS): and end with WA's last report" "$tmp/ev-rgh.txt" \
                "median 144) before the lists' last report (2024-04-19)"
        fi
        # the report's rate map says it as regions does (it said nothing of the lag)
        mkdir -p "$tmp/ev-rep23"
        "$bs" report -q --markdown "$tmp/ev-rep23/wa.md" --date event --from 2023 --to 2023 \
            --population "$ev_pop" "$wa" >/dev/null 2>&1
        has "report --population --from 2023 (real, WA): the rates are within the reporting lag" \
            "$tmp/ev-rep23/wa.md" "Not observed in full: the period ends less than the reporting lag (403 days: 90th percentile of 1,105 delays from the event date to the report, median 144) before the lists' last report (2024-04-19), so breaches of it were still to be reported: the rate is a lower bound."
        "$bs" report -q --markdown "$tmp/ev-rep23/wa19.md" --date event --from 2019 --to 2019 \
            --population "$ev_pop" "$wa" >/dev/null 2>&1
        if grep -q "ot observed in full: the period" "$tmp/ev-rep23/wa19.md"; then
            bad "report --population --from 2019 (real, WA): observed in full, no such note"
        else
            ok "report --population --from 2019 (real, WA): observed in full, no such note"
        fi
    fi
    # by reported date nothing changes: no period truncated, no lag
    "$bs" timeline --by year -q --json "$wa" >"$tmp/rep-wa.json" 2>/dev/null
    check "timeline by reported date (real, WA): nothing truncated" python3 -c "
import json, sys; f = json.load(open(sys.argv[1]))['facts']
assert f['truncated_periods'] == 0 and f['lag_days'] is None, f" "$tmp/rep-wa.json"
else
    echo "SKIP: event years not observed in full: $shared is absent"
fi

echo "TALLY: passed=$passed failed=$failed"
[ "$failed" = 0 ]
