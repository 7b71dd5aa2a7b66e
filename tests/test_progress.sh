#!/bin/sh
# breachstat's progress line for the bootstraps (breach_progress_fn): on a terminal it shows
# the replicates done of the total and the time left. The line is drawn only when standard
# error is a terminal, so the tool runs under script(1) (util-linux), which gives it one.
# Data: the HHS portal's 2024-07 snapshot under ../shared/data (a power-law p-value over
# its 5,371 rows costs about 25 ms a replicate, so 120 replicates draw the line several
# times). Skips (77) without script(1) or the shared data.
set -u
build=${BREACH_BUILDDIR:-.}
bs="$build/tools/breachstat/breachstat"
shared=${BREACH_SHARED_DATA:-${BREACH_SRCDIR:-.}/../shared/data}
hhs="$shared/hhs-ocr-breach-portal/snapshot-2024-07/Source_Breach_Report.csv"
command -v script >/dev/null 2>&1 || { echo "SKIP: no script(1)"; exit 77; }
[ -f "$hhs" ] || { echo "SKIP: $hhs is absent (set BREACH_SHARED_DATA)"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# sanitizer builds: the same environment reaches the tool through script's shell
script -qec "'$bs' sizes --fit --replicates 120 --seed 1 '$hhs' >'$tmp/out.txt'" \
    "$tmp/typescript" >/dev/null 2>&1 || { echo "FAIL: breachstat under script(1)"; cat "$tmp/typescript"; exit 1; }
tr '\r' '\n' <"$tmp/typescript" >"$tmp/lines.txt"
status=0
if grep -Eq 'bootstrapping the power-law p-value . [0-9]+ of 120 \([0-9]+ %\), [0-9.]+ s, about [0-9]+ s left' "$tmp/lines.txt"; then
    echo "PASS: the progress line counts replicates and says the time left"
else
    echo "FAIL: no 'N of 120 (P %), T s, about S s left' line:"; cat "$tmp/lines.txt"; status=1
fi
grep -q 'bootstrapping the power-law p-value: done in' "$tmp/lines.txt" ||
    { echo "FAIL: the line does not close with 'done in'"; status=1; }
# the figures are those of a run without a terminal (the watching changes nothing)
"$bs" sizes --fit --replicates 120 --seed 1 "$hhs" >"$tmp/plain.txt" 2>/dev/null
if cmp -s "$tmp/out.txt" "$tmp/plain.txt"; then
    echo "PASS: the same output with and without the progress line"
else
    echo "FAIL: output differs with the progress line"; diff "$tmp/out.txt" "$tmp/plain.txt" | head; status=1
fi
exit $status
