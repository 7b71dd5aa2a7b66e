#!/bin/sh
# breachstat's command-line conventions (issue 16): getopt_long (unique prefixes, bundled
# short options), singular and plural, tables that fit the terminal, every table reachable
# with --csv --table, zero loaded rows as an error, hints when an answer is empty, and the
# bash completion script.
#
# Expected figures come from the seed CSV's cited rows (examples/data/seed-incidents.csv:
# NextGen Healthcare, Maine 3,913 of 1,049,375 = 0.3729 %, the same figure
# tests/test_breachstat.sh checks) and from fixtures whose rows are read by hand below.
set -u
# a runaway writer (a table padded forever) fails here instead of filling the disk
ulimit -f 200000 2>/dev/null
unset COLUMNS
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

# ------------------------------------------------------------------ getopt_long
status "a unique prefix of a long option (--reg for --region)" 0 "$bs" share --reg US-ME "$seed"
has "--reg US-ME gives Maine's share" "$tmp/out" 'Maine 3,913 of 1,049,375 = 0.3729 %'
status "--name=value with a prefix" 0 "$bs" share --reg=US-ME "$seed"
has "--reg=US-ME gives Maine's share" "$tmp/out" 'Maine 3,913 of 1,049,375 = 0.3729 %'
status "an ambiguous prefix (--t: --table, --threads, --to, --type)" 2 "$bs" summary --t x "$seed"
has "the ambiguous prefix names its candidates" "$tmp/err" "option '--t' is ambiguous: --table, --threads, --to, --type"
status "bundled short options (-qo FILE)" 0 "$bs" summary -qo "$tmp/bundled.txt" "$seed"
has "-qo wrote the file" "$tmp/bundled.txt" '8 incidents selected of 9 loaded from 1 file'
status "a short option's value attached (-oFILE)" 0 "$bs" summary "-o$tmp/attached.txt" "$seed"
has "-oFILE wrote the file" "$tmp/attached.txt" '8 incidents selected of 9 loaded from 1 file'
status "a flag given a value" 2 "$bs" summary --lenient=yes "$seed"
has "a flag given a value: the reason" "$tmp/err" "option '--lenient' takes no value"
status "a short option without its value" 2 "$bs" summary "$seed" -o
has "a short option without its value: the reason" "$tmp/err" "option '-o' needs a value (FILE)"
status "an unknown short option" 2 "$bs" summary -x "$seed"
has "an unknown short option: named" "$tmp/err" "unknown option '-x'"
status "-- ends the options" 0 "$bs" summary -- "$seed"
status "a unique prefix of a command (sum for summary)" 0 "$bs" sum "$seed"
has "sum: the summary" "$tmp/out" '8 incidents selected of 9 loaded from 1 file'
status "an ambiguous command prefix (re)" 2 "$bs" re "$seed"
has "an ambiguous command prefix: its candidates" "$tmp/err" "command 're' is ambiguous: regions, repeats, report"
status "-q with -v is refused, not silently resolved" 2 "$bs" summary -qv "$seed"
has "-q with -v: the reason" "$tmp/err" '--quiet and --verbose exclude each other'

# ------------------------------------------------------------------ numbers and dates: one rule
# spaces around a value are ignored for numbers as for dates (rev-hostile item 9: --from
# " 2023" was taken, --threads " 2" refused); the seed's 8 selected incidents either way
status "--threads ' 2 ': spaces around a number ignored" 0 "$bs" summary -q --threads ' 2 ' "$seed"
has "--threads ' 2 ': the same summary" "$tmp/out" '8 incidents selected of 9 loaded from 1 file'
status "--from ' 2023 ': spaces around a date ignored" 0 "$bs" summary -q --from ' 2023 ' "$seed"
status "--min-n '30 ' (a trailing space)" 0 "$bs" categories -q --min-n '30 ' "$seed"
status "--level ' 0.9 ' (a real number)" 0 "$bs" categories -q --level ' 0.9 ' "$seed"
status "--threads '+2': no sign" 2 "$bs" summary -q --threads '+2' "$seed"
has "--threads '+2': not a whole number" "$tmp/err" "--threads '+2': not a whole number"
status "--threads ' ': spaces only" 2 "$bs" summary -q --threads ' ' "$seed"
status "--threads '2 2': spaces inside" 2 "$bs" summary -q --threads '2 2' "$seed"
status "--threads past 2^64 - 1" 2 "$bs" summary -q --threads 99999999999999999999 "$seed"
has "--threads past 2^64 - 1: the limit, not 'not a whole number'" "$tmp/err" "--threads '99999999999999999999': at most 4,096"
# a mapping that lacks its entity column: the error names the mapping's file
status "--map /dev/null" 3 "$bs" summary -q --map /dev/null "$seed"
has "--map /dev/null: the file named" "$tmp/err" "/dev/null: error: the mapping names no entity column ('entity = ...')"

# ------------------------------------------------------------------ singular and plural
# the seed's first row alone: one notice (NextGen Healthcare, 2023-04-28), one organisation
head -n 2 "$seed" >"$tmp/one.csv"
"$bs" summary "$tmp/one.csv" >"$tmp/one.txt" 2>&1
has "summary of one notice: singular" "$tmp/one.txt" '1 incident selected of 1 loaded from 1 file: 1 organisation, '
"$bs" summary "$tmp/one.csv" "$tmp/one.csv" >"$tmp/one2.txt" 2>&1
has "one notice listed twice: counted once, in the singular" "$tmp/one2.txt" '1 notice that a newer input lists too is left out'
for c in summary regions share supply-chain repeats categories timeline sizes links; do
    "$bs" "$c" "$tmp/one.csv" >>"$tmp/one-all.txt" 2>&1
done
# no "1 notices", "1 organisations", "1 rows" ... in any command's output on one row
if grep -nE '(^|[^0-9,.])1 [a-z]+s\b' "$tmp/one-all.txt" | grep -vE '1 (days|years|months)' |
    grep -E '1 (incidents|notices|organisations|rows|warnings|files|regions|vendors|intervals|periods|links)\b'; then
    bad "every command on one notice: a plural after 1"
else
    ok "every command on one notice: no plural after 1"
fi
# hhs-sample.csv line 6 alone: "Small Clinic", 500 individuals, the portal's threshold: one
# warning and nothing else
sed -n '1p;6p' "$data/hhs-sample.csv" >"$tmp/w1.csv"
"$bs" summary "$tmp/w1.csv" >/dev/null 2>"$tmp/w1.txt"
has "one warning, in the singular" "$tmp/w1.txt" '1 row read, 1 loaded, 0 rejected, 1 warning (--verbose lists it)'

# ------------------------------------------------------------------ a warning's place
# the repeated row's warning has a line (7) and no column: none is invented (it was ":7:1:")
"$bs" summary --verbose "$data/hhs-sample.csv" >/dev/null 2>"$tmp/w2.txt"
has "a warning without a column: FILE:LINE:" "$tmp/w2.txt" 'hhs-sample.csv:7: warning: row 4: row 4 is identical to row 3'
hasnt "a warning without a column: no column 1 invented" "$tmp/w2.txt" 'hhs-sample.csv:7:1:'
# the seed's first two rows pasted again below it (lines 11 and 12 repeat lines 2 and 3): the
# canonical reader says so, as the HHS reader does, and the summary counts them (it said
# "rows identical to an earlier row of their file (counted): 0")
{ cat "$seed"; sed -n '2,3p' "$seed"; } >"$tmp/twice.csv"
"$bs" summary --verbose "$tmp/twice.csv" >"$tmp/twice.txt" 2>&1
id2=$(sed -n '3p' "$seed" | cut -d, -f1)
has "a canonical row repeated: warned with both places" "$tmp/twice.txt" \
    "twice.csv:12: warning: row 11: id '$id2' repeats row 2 (line 3), with the same content; both are kept"
has "a canonical row repeated: counted as identical" "$tmp/twice.txt" \
    'rows identical to an earlier row of their file (counted): 2'

# ------------------------------------------------------------------ zero rows loaded
head -n 1 "$seed" >"$tmp/header-only.csv"
status "a file with a header and no row" 3 "$bs" summary "$tmp/header-only.csv"
has "no row loaded: said so" "$tmp/err" 'no rows loaded from the file'
status "--allow-empty computes on nothing" 0 "$bs" summary --allow-empty "$tmp/header-only.csv"
has "--allow-empty: 0 incidents" "$tmp/out" '0 incidents selected of 0 loaded from 1 file'
# hhs-bad-rows.csv: its header and row 1 (Type of Breach 'Hacking', not a portal value)
head -n 2 "$data/hhs-bad-rows.csv" >"$tmp/all-bad.csv"
status "lenient, every row rejected" 4 "$bs" summary --lenient --format hhs "$tmp/all-bad.csv"
has "every row rejected: said so" "$tmp/err" 'every row was rejected (1 row read, none loaded)'
status "hhs-bad-rows.csv: one good row of 13 still loads" 0 "$bs" summary --lenient "$data/hhs-bad-rows.csv"

# ------------------------------------------------------------------ a stray quote
# quote-swallow.csv (rev-hostile item 5): the quote at 3:3 (`b,"Beta Inc,...`) is closed by
# the opening quote of `d,"Delta"` at 5:3, 'D' at 5:4; Python's csv module reads lines 3-5
# as one record too, so rows 1 and 3 (a, e) load and row 2 (b, c, d) is rejected, named
# at the quote with the lines it took, on 1 thread or 7, and in the HHS and WA formats and
# their mappings (the quote at 3:1 and 3:105 there, the text after it one column on)
swallow() { # NAME FILE COL AFTER ARGS...
    n=$1 f=$2 col=$3 after=$4
    shift 4
    status "$n: lenient, the row rejected" 0 "$bs" summary --lenient "$@" "$data/$f"
    has "$n: the reject names lines 3-5" "$tmp/err" "$f:3:$col: rejected row 2: the row runs from line 3 to line 5: the quote opened at line 3, column $col closes only on line 5 (the lines between were read as part of one field), then column $after is neither a comma nor a line end"
    has "$n: 3 rows read, 2 loaded, 1 rejected" "$tmp/err" "3 rows read, 2 loaded, 1 rejected"
    status "$n: strict, the load stops" 4 "$bs" summary -q "$@" "$data/$f"
    has "$n: strict names lines 3-5" "$tmp/err" "$f:3:$col: error: row 2: the row runs from line 3 to line 5: the quote opened at line 3, column $col closes only on line 5"
}
swallow "quote-swallow.csv" quote-swallow.csv 3 4
swallow "quote-swallow.csv, 7 threads" quote-swallow.csv 3 4 --threads 7
swallow "hhs-quote-swallow.csv" hhs-quote-swallow.csv 1 2
swallow "hhs-quote-swallow.csv --map hhs.map" hhs-quote-swallow.csv 1 2 --map "$data/hhs.map"
swallow "wa-quote-swallow.csv" wa-quote-swallow.csv 105 106
swallow "wa-quote-swallow.csv --map wa.map" wa-quote-swallow.csv 105 106 --map "$data/wa.map"
python3 - "$data/quote-swallow.csv" >"$tmp/swallow-py.txt" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))[1:]
print(len(rows), [r[0] for r in rows], repr(rows[1][1][:12]))
PY
has "Python's csv: 3 records, the second holding lines 3-5" "$tmp/swallow-py.txt" "3 ['a', 'b', 'e'] 'Beta Inc,202'"

# ------------------------------------------------------------------ tables fit the terminal
# $COLUMNS narrows the names, never the numbers: Texas's 131,815 residents and its 70.421 %
# (131,815 of 187,181 residents in the seed's breakdowns, tests/test_breachstat.sh) stay whole
COLUMNS=40 "$bs" regions "$seed" >"$tmp/narrow.txt" 2>&1
has "COLUMNS=40: Texas's residents whole" "$tmp/narrow.txt" '131,815'
has "COLUMNS=40: Texas's share whole" "$tmp/narrow.txt" '70.421 %'
has "COLUMNS=40: a long name cut with an ellipsis" "$tmp/narrow.txt" 'Was…gton'
if sed -n '/^Regions (/,/^$/p' "$tmp/narrow.txt" | sed 's/…/./g' | awk 'length($0) > 60 { bad = 1 } END { exit bad }'; then
    ok "COLUMNS=40: the table's lines fit (numbers alone take 60)"
else
    bad "COLUMNS=40: a table line is wider than its numbers need"
fi
COLUMNS=60 "$bs" share "$seed" >"$tmp/narrow2.txt" 2>&1
if sed -n '/^Shares (/,/^$/p' "$tmp/narrow2.txt" | awk 'NR > 1 && length($0) > 60 { bad = 1 } END { exit bad }'; then
    bad "COLUMNS=60 share: the numbers were cut to fit"
else
    ok "COLUMNS=60 share: ten columns of numbers are never cut to fit"
fi
has "COLUMNS=60 share: NextGen's total whole" "$tmp/narrow2.txt" '1,049,375'
# a file or a pipe without COLUMNS: the whole names (what a script reads never depends on a
# window)
"$bs" regions "$seed" >"$tmp/wide.txt" 2>&1
has "no COLUMNS, not a terminal: names whole" "$tmp/wide.txt" 'US-WA   Washington'

# ------------------------------------------------------------------ every table with --csv
"$bs" summary --csv --table facts "$seed" >"$tmp/facts.csv" 2>&1
has "summary --csv --table facts: the figures" "$tmp/facts.csv" 'incidents_selected,8'
# numbers a program can read, the words beside them in their own columns: the seed's
# individuals are at least 6,692,571 over 8 notices, 2 of them without a figure (README)
has "summary --csv --table facts: the header" "$tmp/facts.csv" 'name,value,qualifier,lower,upper,n,n_unknown'
has "summary --csv --table facts: a total as numbers" "$tmp/facts.csv" 'individuals,6692571,at_least,6692571,,8,2'
hasnt "summary --csv --table facts: no figure written for people" "$tmp/facts.csv" 'at least'
"$bs" summary --csv --table inputs "$seed" >"$tmp/inputs.csv" 2>&1
has "summary --csv --table inputs" "$tmp/inputs.csv" 'seed-incidents.csv,canonical,9,9,0,0,9'
status "--table with a name no table has" 2 "$bs" summary --csv --table nope "$seed"
has "--table: the names are listed, facts among them" "$tmp/err" "no table 'nope' (tables: inputs, facts)"

# ------------------------------------------------------------------ totals and their notices without a figure
# A total beside a count of notices says how many of them gave no figure: a "no figure"
# column in the table (only where some did), <unit>_n_unknown in CSV (JSON's n_unknown).
# tests/data/no-figure.csv, by hand: hacking n1 1,000 + n2 none + n4 none + n6 >=700 = at
# least 1,700 over 4 notices, 2 without a figure; 2022: n1 1,000, n2 none, n3 250 = 1,250,
# 1 without; 2023: n4 none, n5 4,000, n6 >=700, n7 300 = at least 5,000, 1 without; US-TX
# (the organisation's state): n4 none, n5, n6 = at least 4,700, 1 without; Acme Files: n1
# 1,000 and n2 none, 1 without.
nf="$data/no-figure.csv"
"$bs" categories -q --by type "$nf" >"$tmp/nf-cat.txt" 2>&1
has "categories: the no-figure column" "$tmp/nf-cat.txt" 'level                incidents     individuals  no figure  n  proportion  lower  upper'
has "categories: hacking, 2 of 4 without a figure" "$tmp/nf-cat.txt" 'hacking                      4  at least 1,700          2'
has "categories: the column explained" "$tmp/nf-cat.txt" 'Note: "no figure": how many of the row'"'"'s notices give no figure'
"$bs" categories -q --by type --csv "$nf" >"$tmp/nf-cat.csv" 2>&1
has "categories --csv: the column named as in JSON" "$tmp/nf-cat.csv" 'level,incidents,individuals_lower,individuals_upper,individuals_point,individuals_n_unknown,n,proportion,lo,hi'
has "categories --csv: hacking 2" "$tmp/nf-cat.csv" 'hacking,4,1700,,1700,2,7,,,'
has "categories --csv: theft 0" "$tmp/nf-cat.csv" 'theft,2,4250,4250,4250,0,7,,,'
"$bs" categories -q --by type --json "$nf" >"$tmp/nf-cat.json" 2>&1
has "categories --json: the same n_unknown" "$tmp/nf-cat.json" '"n": 4, "n_unknown": 2}'
"$bs" timeline -q --by year "$nf" >"$tmp/nf-tl.txt" 2>&1
has "timeline: 2022, 1 of 3 without a figure" "$tmp/nf-tl.txt" '2022    2022-01-01   365      306  yes            3  at least 1,250          1'
"$bs" timeline -q --by year --csv "$nf" >"$tmp/nf-tl.csv" 2>&1
has "timeline --csv: 2023, 1 without a figure" "$tmp/nf-tl.csv" '2023,2023-01-01,365,252,true,4,5000,,5000,1'
"$bs" regions -q --by organisation "$nf" >"$tmp/nf-reg.txt" 2>&1
has "regions --by organisation: Texas, 1 of 3 without a figure" "$tmp/nf-reg.txt" 'US-TX   Texas             3  at least 4,700          1'
"$bs" regions -q --by organisation --csv "$nf" >"$tmp/nf-reg.csv" 2>&1
has "regions --by organisation --csv: California 1" "$tmp/nf-reg.csv" 'US-CA,California,3,1250,,1250,1'
"$bs" regions -q --csv "$nf" >"$tmp/nf-res.csv" 2>&1
has "regions --csv: the residents' column too" "$tmp/nf-res.csv" 'region,name,individuals_lower,individuals_upper,individuals_point,individuals_n_unknown,notices,share'
# tests/data/regions-blank.csv (by hand): 3 notices, 5 regional entries of which 3 blank, in
# 2 notices (a1 "US-WA:;US-OR:200", a3 "US-WA:;US-OR:"); a1 and a2 give totals: 500 of
# 6,000 placed = 8.333 %, at least, as a1's Washingtonians are unknown. Notices, not entries
"$bs" regions -q --population "$src/examples/data/us-state-population-2024.csv" "$data/regions-blank.csv" >"$tmp/rb.txt" 2>&1
has "regions: residents over the notices, not their regional entries" "$tmp/rb.txt" 'at least 500 (3 notices, 2 of them without a figure)'
has "regions: the placed share is a lower bound" "$tmp/rb.txt" 'share of their people placed in a region (at least): 8.333 %'
has "regions: rates' note counts notices with a blank region" "$tmp/rb.txt" "Note: per_100k: 2 notices do not give a region's number of residents"
# doc/canonical-csv.md: an empty regional count ("US-ME:") is an unknown count, loaded in
# strict mode (its share n/a, never 0 %); an entry without ':' is the error, at the field's
# column: 'x1,Acme,2023-01-02,100,' is 23 characters, so 24
printf 'id,entity,reported,affected,regions\nx1,Acme,2023-01-02,100,US-ME:\n' >"$tmp/me-blank.csv"
status "canonical: 'US-ME:' loads in strict mode" 0 "$bs" share -q --region US-ME "$tmp/me-blank.csv"
has "canonical: 'US-ME:' is Maine, count unknown, share n/a" "$tmp/out" 'Acme (2023-01-02): Maine unknown of 100 = n/a'
printf 'id,entity,reported,affected,regions\nx1,Acme,2023-01-02,100,US-ME\n' >"$tmp/me-nocolon.csv"
status "canonical: 'US-ME' without ':' is an error" 4 "$bs" share -q --region US-ME "$tmp/me-nocolon.csv"
has "canonical: 'US-ME' without ':': the place and the reason" "$tmp/err" "me-nocolon.csv:2:24: error: row 1: regions: region entry 'US-ME' has no ':' (CODE:COUNT)"
# the same notices in JSON and CSV: n and n_unknown count notices as the text does, the
# regional entries (5, 3 blank) under names that say so
"$bs" regions -q --json "$data/regions-blank.csv" >"$tmp/rb.json" 2>&1
check "regions --json: residents over 3 notices, 2 without a figure; 5 entries, 3 blank" python3 -c "
import json, sys
r = json.load(open(sys.argv[1]))['facts']['residents']
assert (r['point'], r['upper'], r['n'], r['n_unknown'], r['n_entries'], r['n_entries_unknown']) == (500, None, 3, 2, 5, 3), r" "$tmp/rb.json"
"$bs" regions -q --csv --table facts "$data/regions-blank.csv" >"$tmp/rb-facts.csv" 2>&1
has "regions --csv --table facts: residents' notices as the text counts them" "$tmp/rb-facts.csv" 'residents,500,at_least,500,,3,2'
"$bs" supply-chain -q "$nf" >"$tmp/nf-sc.txt" 2>&1
has "supply-chain: Acme Files, 1 of 2 without a figure" "$tmp/nf-sc.txt" 'Acme Files        2           0              2  at least 1,000          1  2022-03-01'
"$bs" supply-chain -q --csv "$nf" >"$tmp/nf-sc.csv" 2>&1
has "supply-chain --csv: Acme Files 1" "$tmp/nf-sc.csv" 'Acme Files,2,0,2,1000,,1000,1,2022-03-01,2022-05-10'
# every total complete (timeline-coverage.csv: 7 notices, each with a figure): the table
# reads as before, without the column or its note
"$bs" timeline -q "$data/timeline-coverage.csv" >"$tmp/nf-none.txt" 2>&1
hasnt "all figures given: no column" "$tmp/nf-none.txt" 'no figure'
# the report's tables say what the command's tables say: the same "no figure" column, the
# same numbers (the hand counts above) and the same note, only where a table has a total
# whose notices did not all give a figure
mkdir -p "$tmp/nf-rep"
"$bs" report -q --markdown "$tmp/nf-rep/nf.md" "$nf" >/dev/null 2>&1
has "report: organisations' states, Texas 1 of 3 without a figure, as regions --by organisation" "$tmp/nf-rep/nf.md" '| Texas | 3 | at least 4,700 | 1 |'
has "report: the vendors, Acme Files 1 of 2, as supply-chain" "$tmp/nf-rep/nf.md" '| Acme Files | 2 | 2 | 0 | at least 1,000 | 1 | individuals | 2022-03-01 | 2022-05-10 |'
has "report: the timeline, 2022-05 1 of 1, as timeline" "$tmp/nf-rep/nf.md" '| 2022-05 | 31 | 1 | unknown | 1 |'
has "report: a period without a notice has no such count" "$tmp/nf-rep/nf.md" '| 2022-04 | 30 | 0 | not counted |  |'
has "report: the column explained as the command explains it" "$tmp/nf-rep/nf.md" '*"no figure": how many of the row'"'"'s notices give no figure, left out of the total beside it.*'
"$bs" report -q --html "$tmp/nf-rep/nf.html" "$nf" >/dev/null 2>&1
has "report --html: the same heading" "$tmp/nf-rep/nf.html" '<td class="r">at least 1,000</td><td class="r">1</td>'
"$bs" report -q --markdown "$tmp/nf-rep/none.md" "$data/timeline-coverage.csv" >/dev/null 2>&1
hasnt "report: all figures given, no column" "$tmp/nf-rep/none.md" '| no figure'
hasnt "report: all figures given, no note" "$tmp/nf-rep/none.md" '"no figure":'
# a range wider than the data: the seed's notices are all of 2023 (event dates 2023-01-17 ..
# 2023-06-08), so 2021, 2022 and 2024 have no data; the report drew them as bars of 0
"$bs" report -q --markdown "$tmp/nf-rep/wide.md" --from 2021 --to 2024 "$seed" >/dev/null 2>&1
has "report: a range's years without data are said, not drawn" "$tmp/nf-rep/wide.md" \
    '3 years of --from/--to outside the days the data cover are not shown: no data, not years without breaches.'
hasnt "report: no row of 0 for a year without data" "$tmp/nf-rep/wide.md" '| 2021 |'
has "report: the year with data" "$tmp/nf-rep/wide.md" '| 2023 | 143 of 365 (partial) | 7 |'
# a period whose notices all lack a figure is a total like any other, in every output: by
# month, 2022-05 holds n2 alone and 2023-01 n4 alone, each without a figure (by hand)
"$bs" timeline -q "$nf" >"$tmp/nf-tlm.txt" 2>&1
has "timeline: a period of notices without a figure, unknown" "$tmp/nf-tlm.txt" '2022-05  2022-05-01    31       31  no             1       unknown          1'
hasnt "timeline: no 'not stated' word in a total's place" "$tmp/nf-tlm.txt" 'not stated'
"$bs" timeline -q --csv "$nf" >"$tmp/nf-tlm.csv" 2>&1
has "timeline --csv: 2023-01, a total of 1 notice without a figure" "$tmp/nf-tlm.csv" '2023-01,2023-01-01,31,31,false,1,0,,0,1'
"$bs" timeline -q --json "$nf" >"$tmp/nf-tlm.json" 2>&1
check "timeline --json: 2022-05 and 2023-01 are totals, n_unknown = n = 1; a month without a notice null" python3 -c "
import json, sys
rows = {r['period']: r['individuals'] for r in json.load(open(sys.argv[1]))['tables']['periods']}
for m in ('2022-05', '2023-01'):
    assert rows[m] == {'lower': 0, 'upper': None, 'point': 0, 'upper_unbounded': True,
                       'n': 1, 'n_unknown': 1}, rows[m]
assert rows['2022-04'] is None, rows['2022-04']" "$tmp/nf-tlm.json"

# the same on real data: HHS 2024-07 archive + WA AG, the counts computed with Python's csv
# module from the raw files: HHS rows with an empty "Individuals Affected" (one: Valperaiso
# Fire Department, IN, Theft, 09/03/2013) and every WA row (WA gives residents, never a
# total); WA's types by doc/formats.md (CyberattackType Ransomware adds ransomware, no WA
# cause maps to theft), its EntityState a USPS code or a state name
shared=${BREACH_SHARED_DATA:-$src/../shared/data}
nf_hhs="$shared/hhs-ocr-breach-portal/snapshot-2024-07/Source_Breach_Report.csv"
nf_wa="$shared/wa-ag-breach-notifications/Data_Breach_Notifications_Affecting_Washington_Residents_20240523.csv"
if [ -f "$nf_hhs" ] && [ -f "$nf_wa" ]; then
    python3 - "$nf_hhs" "$nf_wa" >"$tmp/nf-want.txt" <<'PY'
import collections, csv, sys
hhs = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
wa = list(csv.DictReader(open(sys.argv[2], newline="", encoding="utf-8-sig")))
empty = [r for r in hhs if not r["Individuals Affected"].strip()]
# timeline: every year of either file, by notice date (MM/DD/YYYY)
years = collections.Counter({r["Breach Submission Date"][-4:]: 0 for r in hhs})
years.update(r["Breach Submission Date"][-4:] for r in empty)
years.update(r["DateSubmitted"][6:10] for r in wa)
for y in sorted(years):
    print("timeline", y, years[y])
print("categories ransomware", sum(r["CyberattackType"] == "Ransomware" for r in wa))
print("categories theft", sum("Theft" in r["Type of Breach"].split(", ") for r in empty))
names = {"California": "CA", "Indiana": "IN"}
def state(s):
    s = s.strip()
    return names.get(s, s)
for st in ("CA", "IN"):
    print("regions US-" + st, sum(state(r["State"]) == st for r in empty)
          + sum(state(r["EntityState"]) == st for r in wa))
PY
    # WA's residents: 1,109 notices, 32 with an empty WashingtoniansAffected (SOURCES.md),
    # the others adding up to a lower bound; text, JSON and CSV count the same notices
    python3 - "$nf_wa" >"$tmp/nf-wa-res.txt" <<'PY'
import csv, sys
wa = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8-sig")))
given = [int(r["WashingtoniansAffected"]) for r in wa if r["WashingtoniansAffected"].strip()]
print(sum(given), len(wa), len(wa) - len(given))
PY
    read -r wsum wn wunk <"$tmp/nf-wa-res.txt"
    "$bs" regions -q "$nf_wa" >"$tmp/wa-res.txt" 2>/dev/null
    "$bs" regions -q --json "$nf_wa" >"$tmp/wa-res.json" 2>/dev/null
    "$bs" regions -q --csv --table facts "$nf_wa" >"$tmp/wa-res.csv" 2>/dev/null
    has "regions (real, WA): residents' text, $wunk of $wn notices without a figure (Python)" "$tmp/wa-res.txt" \
        "$(python3 -c "import sys; s, n, u = map(int, sys.argv[1:]); print('at least {:,} ({:,} notices, {:,} of them without a figure)'.format(s, n, u))" "$wsum" "$wn" "$wunk")"
    check "regions (real, WA): residents' JSON, the same notices (Python)" python3 -c "
import json, sys
r = json.load(open(sys.argv[1]))['facts']['residents']
s, n, u = map(int, sys.argv[2:5])
assert (r['lower'], r['upper'], r['n'], r['n_unknown']) == (s, None, n, u), r" "$tmp/wa-res.json" "$wsum" "$wn" "$wunk"
    has "regions (real, WA): residents' CSV, the same notices (Python)" "$tmp/wa-res.csv" "residents,$wsum,at_least,$wsum,,$wn,$wunk"
    # and the report's tables of residents (map and rates) give the same 32
    mkdir -p "$tmp/wa-rep"
    "$bs" report -q --markdown "$tmp/wa-rep/wa.md" --population "$src/examples/data/us-state-population-2024.csv" "$nf_wa" >/dev/null 2>&1
    has "report (real, WA): residents per state, $wunk of $wn without a figure (Python)" "$tmp/wa-rep/wa.md" \
        "$(python3 -c "import sys; s, n, u = map(int, sys.argv[1:]); print('| Washington | at least {:,} | {:,} | {:,} | 100.000 % |'.format(s, u, n))" "$wsum" "$wn" "$wunk")"
    has "report (real, WA): the rates' table too (Python)" "$tmp/wa-rep/wa.md" \
        "$(python3 -c "import sys; s, u = map(int, sys.argv[1:]); print('| Washington | at least {:,} | {:,} | 7,958,180 |'.format(s, u))" "$wsum" "$wunk")"
    # WA alone: no notice gives a total, so each year's is unknown over all its notices
    python3 - "$nf_wa" >"$tmp/nf-wa-want.txt" <<'PY'
import collections, csv, sys
wa = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8-sig")))
for y, n in sorted(collections.Counter(r["DateSubmitted"][6:10] for r in wa).items()):
    print(y, n)
PY
    "$bs" timeline -q --by year --csv "$nf_wa" 2>/dev/null | cut -d, -f1,6-10 | sed 's/^/,/; s/$/,/' >"$tmp/nf-tl-wa.csv"
    while read -r y n; do
        has "timeline (real, WA): $y, $n notices, none with a figure (Python)" "$tmp/nf-tl-wa.csv" ",$y,$n,0,,0,$n,"
    done <"$tmp/nf-wa-want.txt"
    "$bs" timeline -q --by year --csv "$nf_hhs" "$nf_wa" 2>/dev/null | cut -d, -f1,10 | sed 's/^/,/; s/$/,/' >"$tmp/nf-tl-real.csv"
    "$bs" categories -q --by type --csv "$nf_hhs" "$nf_wa" 2>/dev/null | cut -d, -f1,6 | sed 's/^/,/; s/$/,/' >"$tmp/nf-cat-real.csv"
    "$bs" regions -q --by organisation --csv "$nf_hhs" "$nf_wa" 2>/dev/null | cut -d, -f1,7 | sed 's/^/,/; s/$/,/' >"$tmp/nf-reg-real.csv"
    has "timeline (real): the column" "$tmp/nf-tl-real.csv" ',period,individuals_n_unknown,'
    while read -r cmd key n; do
        case $cmd in
        timeline) has "timeline (real): $key, $n without a figure (Python)" "$tmp/nf-tl-real.csv" ",$key,$n," ;;
        categories) has "categories (real): $key, $n without a figure (Python)" "$tmp/nf-cat-real.csv" ",$key,$n," ;;
        regions) has "regions --by organisation (real): $key, $n without a figure (Python)" "$tmp/nf-reg-real.csv" ",$key,$n," ;;
        esac
    done <"$tmp/nf-want.txt"
else
    echo "SKIP: $nf_hhs or $nf_wa not found: the notices without a figure on real data are not counted"
fi

# ------------------------------------------------------------------ empty answers: hints
# ME is Montenegro in ISO 3166-1 and Maine's USPS code: the seed's Maine row is US-ME
"$bs" share --region ME "$seed" >"$tmp/me.txt" 2>"$tmp/me.err"
has "--region ME: Montenegro, said so" "$tmp/me.err" 'note: --region ME is Montenegro (ISO 3166-1 ME); for Maine write --region US-ME'
"$bs" share -q --region ME "$seed" >/dev/null 2>"$tmp/me-q.err"
hasnt "--region ME -q: no note" "$tmp/me-q.err" 'Montenegro'
"$bs" share --region US-ME "$seed" >/dev/null 2>"$tmp/usme.err"
hasnt "--region US-ME: no note" "$tmp/usme.err" 'note:'
# the seed names "NextGen Healthcare, Inc." (two notices), never "NextGen" alone
"$bs" repeats --entity NextGen "$seed" >/dev/null 2>"$tmp/ng.err"
has "--entity NextGen: the close name suggested" "$tmp/ng.err" "no loaded notice names 'NextGen' (entity key 'nextgen'); close name: 'NextGen Healthcare, Inc.'"
"$bs" repeats --entity "Nextgen Helthcare" "$seed" >/dev/null 2>"$tmp/ng2.err"
has "--entity with a typo: the close name suggested" "$tmp/ng2.err" "close name: 'NextGen Healthcare, Inc.'"
"$bs" repeats --entity "NEXTGEN HEALTHCARE INC" "$seed" >/dev/null 2>"$tmp/ng3.err"
hasnt "--entity that is there (another spelling): no note" "$tmp/ng3.err" 'note:'
# the seed's one vendor is "Fortra GoAnywhere" (7 notices); "Fortra" alone is no vendor key
"$bs" summary --vendor Fortra "$seed" >/dev/null 2>"$tmp/v.err"
has "--vendor that no notice names: the vendors listed" "$tmp/v.err" "no loaded notice names the vendor 'Fortra'; vendors in these data: 'Fortra GoAnywhere'"
"$bs" summary --vendor "FORTRA GOANYWHERE" "$seed" >/dev/null 2>"$tmp/v2.err"
hasnt "--vendor that is there: no note" "$tmp/v2.err" 'note:'
# the seed's first two rows with their reported date blanked: nothing to count by it
python3 - "$seed" "$tmp/noreported.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
i = rows[0].index("reported")
with open(sys.argv[2], "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(rows[0])
    for r in rows[1:3]:
        r[i] = ""
        w.writerow(r)
PY
"$bs" timeline "$tmp/noreported.csv" >"$tmp/tl0.txt" 2>&1
has "timeline without reported dates: --date suggested" "$tmp/tl0.txt" 'No selected notice has a reported date: --date chooses another (event, occurred, discovered).'
# HHS rows give the organisation's state, never the residents': tests/data/hhs-sample.csv
"$bs" regions "$data/hhs-sample.csv" >"$tmp/rg0.txt" 2>/dev/null
has "regions on HHS: --by organisation suggested" "$tmp/rg0.txt" '--by organisation counts them by where the organisation is'

# ------------------------------------------------------------------ bash completion
if command -v bash >/dev/null 2>&1; then
    cat >"$tmp/complete.bash" <<'SH'
. "$1"
t() { COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMPREPLY=(); _breachstat; echo "${COMPREPLY[*]}"; }
bs=$2
t "$bs" su
t "$bs" --format hhs re
t "$bs" share --reg
t "$bs" timeline --by ''
t "$bs" summary --format h
t "$bs" help sh
t "$bs" co
t "$bs" fi
complete -p breachstat
SH
    bash "$tmp/complete.bash" "$src/tools/breachstat/breachstat.bash" "$bs" >"$tmp/complete.txt" 2>&1
    sed -n 1p "$tmp/complete.txt" >"$tmp/c1"; has "completion: commands" "$tmp/c1" 'summary supply-chain'
    sed -n 2p "$tmp/complete.txt" >"$tmp/c2"; has "completion: the command after a global option and its value" "$tmp/c2" 'regions repeats report'
    sed -n 3p "$tmp/complete.txt" >"$tmp/c3"; has "completion: a command's option from its --help" "$tmp/c3" '--region'
    sed -n 4p "$tmp/complete.txt" >"$tmp/c4"; has "completion: timeline --by's periods" "$tmp/c4" 'month quarter year'
    sed -n 5p "$tmp/complete.txt" >"$tmp/c5"; has "completion: --format's names" "$tmp/c5" 'hhs hibp'
    sed -n 6p "$tmp/complete.txt" >"$tmp/c6"; has "completion: help COMMAND" "$tmp/c6" 'share'
    # every command of --help, counts and fields too (a fixed list had 10 of 12)
    sed -n 7p "$tmp/complete.txt" >"$tmp/c7"; has "completion: counts" "$tmp/c7" 'counts'
    sed -n 8p "$tmp/complete.txt" >"$tmp/c8"; has "completion: fields" "$tmp/c8" 'fields'
    has "completion: registered for breachstat" "$tmp/complete.txt" '-F _breachstat breachstat'
else
    echo "SKIP: no bash: the completion is not tried"
fi

# ------------------------------------------------------------------ fields without attributes
# the seed's 9 rows carry no source attribute; 8 incidents are selected (Brightline's
# 2023-05 snapshot row is superseded by its 2024-07 one, the same 8 summary selects)
"$bs" fields -q "$seed" >"$tmp/fields.txt" 2>&1
has "fields: the selection is counted when no attribute is there" "$tmp/fields.txt" 'incidents selected: 8'
"$bs" fields -q --json "$seed" >"$tmp/fields.json" 2>&1
has "fields --json: the same count" "$tmp/fields.json" '"incidents": 8'

# ------------------------------------------------------------------ a line break in a name
# a quoted organisation name with a line break (two notices, 59 days apart): every sentence
# of the text output stays on its line, the break written as the tables write it (a space)
printf 'id,entity,reported,affected\na,"Acme\nEvil Corp",2023-01-01,5\nb,"Acme\nEvil Corp",2023-03-01,7\n' >"$tmp/nl.csv"
"$bs" repeats -q "$tmp/nl.csv" >"$tmp/nl.txt" 2>&1
has "repeats: a name's line break is escaped in the headline" "$tmp/nl.txt" 'Acme Evil Corp: 59 days from 2023-01-01 (a) to 2023-03-01 (b).'
# the same in another sentence: a member reported via another, named in supply-chain's
printf 'id,entity,vendor,via,reported,affected\na,Acme,V,,2023-01-01,5\nb,"Blue\nShield",V,Acme,2023-01-02,\n' >"$tmp/nlv.csv"
"$bs" supply-chain -q --vendor V "$tmp/nlv.csv" >"$tmp/nlv.txt" 2>&1
has "supply-chain: a name's line break is escaped in the headline" "$tmp/nlv.txt" 'Possible double report, in the upper bound only: Blue Shield via Acme.'
# and on stderr: the close names of --entity's hint are the data's, escaped like the rest
"$bs" repeats --entity "Acme Evl Corp" "$tmp/nl.csv" >/dev/null 2>"$tmp/nl.err"
has "--entity's hint: a close name's line break is escaped" "$tmp/nl.err" "close name: 'Acme Evil Corp'"
printf 'id,entity,reported,affected\na,"Acme\033[31mRed",2023-01-01,5\n' >"$tmp/esc.csv"
"$bs" repeats --entity "Acm" "$tmp/esc.csv" >/dev/null 2>"$tmp/esc.err"
has "--entity's hint: a close name's escape sequence is escaped" "$tmp/esc.err" "close name: 'Acme\\x1B[31mRed'"

# ------------------------------------------------------------------ sizes past 2^53
# one notice of 2^64 - 1 = 18446744073709551615 (python3: 2**64 - 1), the largest count the
# canonical CSV takes: every summary that is a size is that integer, not the double
# 18446744073709551616 it rounds to
printf 'id,entity,reported,affected\na,Acme,2023-01-01,18446744073709551615\n' >"$tmp/big.csv"
"$bs" sizes --lenient -q "$tmp/big.csv" >"$tmp/big.txt" 2>&1
has "sizes: the headline's median and largest from the integer" "$tmp/big.txt" 'median 18,446,744,073,709,551,615, largest 18,446,744,073,709,551,615.'
has "sizes: the smallest from the integer" "$tmp/big.txt" 'smallest:                                   18,446,744,073,709,551,615'
has "sizes: a quantile on the value from the integer" "$tmp/big.txt" 'third quartile:                             18,446,744,073,709,551,615'
has "sizes: the CCDF's size from the integer" "$tmp/big.txt" '18,446,744,073,709,551,615                           100.000 %'
"$bs" sizes --lenient -q --json "$tmp/big.csv" >"$tmp/big.json" 2>&1
has "sizes --json: the largest exact" "$tmp/big.json" '"max": 18446744073709551615,'
"$bs" report -q --markdown "$tmp/big.md" "$tmp/big.csv" >/dev/null 2>&1
has "report: the sizes' largest from the integer" "$tmp/big.md" '| largest | 18,446,744,073,709,551,615 |'

# ------------------------------------------------------------------ frictions on real data
shared=${BREACH_SHARED_DATA:-$src/../shared/data}
hhs="$shared/hhs-ocr-breach-portal/snapshot-2024-07"
if [ -f "$hhs/Source_Breach_Report.csv" ] && [ -f "$hhs/breach_report.csv" ]; then
    # sizes: 803 CCDF points on the under-investigation list, summarised in the table at
    # round sizes; pandas (/usr/bin/python3, breach_report.csv "Individuals Affected", 908
    # rows, none empty): 30 of 908 are >= 1,000,000 = 3.304 %, 6 >= 5,000,000 = 0.6608 %
    "$bs" sizes -q "$hhs/breach_report.csv" >"$tmp/sz.txt" 2>&1
    has "sizes: the table summarises the CCDF" "$tmp/sz.txt" 'Complementary CDF (at 1, 2, 5 x 10^k) ('
    has "sizes: share at least 1,000,000 (pandas: 30 of 908)" "$tmp/sz.txt" '    1,000,000                             3.304 %'
    has "sizes: share at least 5,000,000 (pandas: 6 of 908)" "$tmp/sz.txt" '    5,000,000                            0.6608 %'
    has "sizes: the whole curve is one option away" "$tmp/sz.txt" '--csv or --json give all of its 803 points'
    "$bs" sizes -q --csv "$hhs/breach_report.csv" >"$tmp/sz.csv" 2>&1
    if [ "$(wc -l <"$tmp/sz.csv")" = 804 ]; then ok "sizes --csv: every CCDF point (803 and a header)"; else bad "sizes --csv: $(wc -l <"$tmp/sz.csv") lines, want 804"; fi
    # timeline's chi-square over the whole years 2010 .. 2023: 1317.4607276436586 on 13
    # degrees of freedom (tests/test_breachstat.sh); scipy.stats.chi2.sf(1317.4607276436586,
    # 13) = 9.211841692877539e-274, which four decimals printed as 0.0000
    "$bs" timeline -q --by year "$hhs/Source_Breach_Report.csv" "$hhs/breach_report.csv" >"$tmp/tp.txt" 2>&1
    has "timeline: a tiny p-value in scientific notation" "$tmp/tp.txt" 'p-value:                                  9.2e-274'
    hasnt "timeline: no p-value of 0.0000" "$tmp/tp.txt" '0.0000'
    # one state: the portal's coverage, not Maine's notices'. python3's csv over both files:
    # Maine's 24 notices by year 2013: 1 ... 2024: 1 (its last of 2024-06-03), none in
    # 2009 .. 2012; the portal's first submission is of 2009-10-21, its last of 2024-06-28
    "$bs" timeline -q --by year --region US-ME "$hhs/Source_Breach_Report.csv" "$hhs/breach_report.csv" >"$tmp/tme.txt" 2>&1
    has "timeline --region: the portal's last day, not the state's" "$tmp/tme.txt" '2024    2024-01-01   366      180  yes            1          500'
    has "timeline --region: years before the state's first notice are 0" "$tmp/tme.txt" '2010    2010-01-01   365      365  no             0  not counted'
    has "timeline --region: the span is the portal's" "$tmp/tme.txt" 'The data cover 2009-10-21 to 2024-06-28'
    # --from inside a period cuts it by day (review 5, F1): python3's csv over both files
    # (tests/reference/timeseries.py): 41 notices submitted 2024-06-01 .. 2024-06-28, where
    # 2024 has 379
    "$bs" timeline -q --by year --from 2024-06 --to 2024-12 "$hhs/Source_Breach_Report.csv" "$hhs/breach_report.csv" >"$tmp/tcut.txt" 2>&1
    has "timeline --from inside a year: June's notices only" "$tmp/tcut.txt" '2024    2024-01-01   366       28  yes           41    3,122,086'
    # report --from/--to: the series covers the range only, as timeline's does (review 5,
    # F3): 2023 by month, January 42 (timeseries.py), no 2010 .. 2022 or 2024 of 0
    "$bs" report -q --markdown "$tmp/r23.md" --from 2023 --to 2023 --date reported "$hhs/Source_Breach_Report.csv" "$hhs/breach_report.csv" >/dev/null 2>&1
    has "report --from/--to: the range's months" "$tmp/r23.md" '| 2023-01 | 31 | 42 | 1,218,003 |'
    hasnt "report --from/--to: no year the range removed" "$tmp/r23.md" '| 2010 |'
else
    echo "SKIP: $hhs not found: the frictions on real data are not tried"
fi

# VCDB: categories VERIS cannot state are "not recorded", never 0 %; verisr's asset Other.
# tests/reference/vcdb_categories.py (json module): n 6,785, medical 2,533, Personal 2,918;
# verisr's geta4names keeps asset Other: n 7,982, Other 12, Server 4,089 = 51.228 %
vcdb="$shared/vcdb/vcdb.json.zip"
if [ -f "$vcdb" ]; then
    "$bs" categories -q "$vcdb" >"$tmp/vc.txt" 2>&1
    has "categories: VERIS cannot state SSNs" "$tmp/vc.txt" 'ssn                not recorded'
    hasnt "categories: no measured 0 % on VCDB" "$tmp/vc.txt" '0.0000 %'
    has "categories: medical over n (json: 2,533 of 6,785)" "$tmp/vc.txt" 'medical                   2,533     at least 598,451,312        587  6,785    37.332 %'
    has "categories: VERIS Personal is named (json: 2,918)" "$tmp/vc.txt" "VERIS 'Personal' (2,918 of the selected incidents)"
    "$bs" categories -q --csv "$vcdb" >"$tmp/vc.csv" 2>&1
    has "categories --csv: not recorded is empty" "$tmp/vc.csv" 'ssn,,,,,,,,'
    "$bs" categories -q --json "$vcdb" >"$tmp/vc.json" 2>&1
    has "categories --json: not recorded is null" "$tmp/vc.json" '"level": "ssn", "incidents": null'
    "$bs" counts -q --of asset.variety "$vcdb" >"$tmp/va.txt" 2>&1
    has "counts: asset Other is a level (verisr: n 7,982)" "$tmp/va.txt" '7,982 with a known asset.variety (n = 7,982)'
    has "counts: Server over verisr's n (51.228 %)" "$tmp/va.txt" '51.228 %'
    hasnt "counts: every incident states an asset" "$tmp/va.txt" 'do not state asset.variety'
else
    echo "SKIP: $vcdb not found: the VCDB categories are not tried"
fi

# An unknown count in JSON is one form in breachstat and in the library's writer
# (test_io_json, test_formats.py): Blue Shield of California's Brightline-related count
"$bs" supply-chain -q --vendor "Fortra GoAnywhere" --json "$seed" >"$tmp/sc-unk.json" 2>&1
has "supply-chain --json: an unknown count keeps its qualifier" "$tmp/sc-unk.json" '"affected": {"value": null, "qualifier": "unknown"}, "unit": "individuals", "role": "upper bound only", "revisions": 0, "id": "press-blue-shield-ca-brightline"'

# Cross-tab columns follow the rows' "not recorded" rule, on the fixtures: WA's 7 notices
# state no location (in no column, not an 'unknown' column); the HHS rows' laptop column
# (Small Clinic twice, Theft; Lost Records LLC, Loss) cannot say ransomware: not recorded,
# not 0 of 3; theft 2 of 3
"$bs" counts -q --of type --by location --min-n 0 --min-n-report 0 --csv --table cells "$data/wa-sample.csv" "$data/hhs-sample.csv" >"$tmp/xf.csv" 2>&1
has "counts --by location: ransomware x laptop not recorded (fixture)" "$tmp/xf.csv" 'ransomware,laptop,,,,,'
has "counts --by location: theft x laptop 2 of 3 (fixture)" "$tmp/xf.csv" 'theft,laptop,2,3,0.6666666667,'
hasnt "counts --by location: no unknown column (fixture)" "$tmp/xf.csv" ',unknown,'
"$bs" counts -q --of type --by location --min-n 0 --min-n-report 0 "$data/wa-sample.csv" "$data/hhs-sample.csv" >"$tmp/xf.txt" 2>&1
has "counts --by location: the note on WA's notices (fixture)" "$tmp/xf.txt" '7 incidents come from sources that cannot state any location'

# Types and locations a source cannot state are "not recorded", never 0 %: the HHS portal
# has no ransomware type, VERIS no emr location, WA no theft. Beside a source that states
# the level, it is counted over that source's notices (its n). tests/reference/
# vocab_recorded.py (csv, json, zipfile over the raw files): HHS n 6,268, other 95; VCDB
# ransomware 191 of its 8,332 notices with a type, Wilson [0.019923, 0.026364]; WA
# ransomware 348 of 1,109
hhs_a="$hhs/Source_Breach_Report.csv"
hhs_o="$hhs/breach_report.csv"
if [ -f "$hhs_a" ] && [ -f "$hhs_o" ] && [ -f "$vcdb" ] && [ -f "$nf_wa" ]; then
    "$bs" categories -q --by type "$hhs_a" "$hhs_o" >"$tmp/ht.txt" 2>&1
    has "categories --by type: HHS cannot state ransomware" "$tmp/ht.txt" 'ransomware           not recorded'
    hasnt "categories --by type: no measured 0 % on HHS" "$tmp/ht.txt" '0.0000 %'
    has "categories --by type: the note names it" "$tmp/ht.txt" 'not recorded by these sources: ransomware. No selected notice'"'"'s source can state these breach types'
    "$bs" categories -q --by type --csv "$hhs_a" "$hhs_o" >"$tmp/ht.csv" 2>&1
    has "categories --by type --csv: not recorded is empty" "$tmp/ht.csv" 'ransomware,,,,,,,,,'
    has "categories --by type --csv: other 95 of 6,268" "$tmp/ht.csv" 'other,95,1461610,1461610,1461610,0,6268,0.01515634971,'
    "$bs" categories -q --by type --json "$hhs_a" "$hhs_o" >"$tmp/ht.json" 2>&1
    has "categories --by type --json: null" "$tmp/ht.json" '"level": "ransomware", "incidents": null'
    "$bs" counts -q --of type "$hhs_a" "$hhs_o" >"$tmp/hc.txt" 2>&1
    has "counts --of type: not recorded either" "$tmp/hc.txt" 'ransomware           no          not recorded'
    "$bs" categories -q --by type --csv "$vcdb" "$hhs_a" "$hhs_o" >"$tmp/vht.csv" 2>&1
    has "categories --by type: ransomware over VCDB's 8,332" "$tmp/vht.csv" 'ransomware,191,3786145,,3786145,153,0,0,0,0,8332,0.02292366779,0.019923238,0.02636380581'
    "$bs" categories -q --by location "$vcdb" >"$tmp/vl.txt" 2>&1
    has "categories --by location: VERIS cannot state emr" "$tmp/vl.txt" 'emr              not recorded'
    "$bs" categories -q --by type --csv "$nf_wa" >"$tmp/wt.csv" 2>&1
    has "categories --by type: WA cannot state theft" "$tmp/wt.csv" 'theft,,,,,,,,,'
    has "categories --by type: WA ransomware 348 of 1,109" "$tmp/wt.csv" 'ransomware,348,0,,0,348,1109,0.3137962128,'
    # the WA list states no location at all: n = 0 because nothing can be said, not because
    # too few notices said it (the small-sample headline said "fewer than 5 incidents")
    "$bs" categories -q --by location "$nf_wa" >"$tmp/wl.txt" 2>&1
    has "categories --by location: WA states none, said as such" "$tmp/wl.txt" "Nothing shown: no selected notice's source can state a location"
    hasnt "categories --by location: WA, no small-sample reason" "$tmp/wl.txt" 'fewer than 5 incidents'
    # cross-tab columns (vocab_recorded.py's crosstabs): WA's 1,109 notices state no
    # location and are in no column; HHS's columns cannot say ransomware; laptop: theft 414
    # of 501, Wilson [0.790726871, 0.857001231]
    "$bs" counts -q --of type --by location --json "$nf_wa" "$hhs_a" "$hhs_o" >"$tmp/wtl.json" 2>&1
    has "counts --by location: WA in no column" "$tmp/wtl.json" '"not_stated_by": 1109,'
    hasnt "counts --by location: no unknown column of WA's notices" "$tmp/wtl.json" '"column": "unknown"'
    has "counts --by location: ransomware not recorded in HHS's columns" "$tmp/wtl.json" '{"level": "ransomware", "column": "network_server", "incidents": null, "n": null,'
    has "counts --by location: theft x laptop 414 of 501" "$tmp/wtl.json" '{"level": "theft", "column": "laptop", "incidents": 414, "n": 501, "proportion": 0.8263473054, "lo": 0.7907268711, "hi": 0.8570012311'
else
    echo "SKIP: the HHS, VCDB or WA files are absent: types and locations not recorded are not tried"
fi

echo "TALLY: passed=$passed failed=$failed"
[ "$failed" = 0 ]
