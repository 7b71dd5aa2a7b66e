#!/bin/sh
# breachstat against hostile input and faults (issue 18): names that are not UTF-8 or carry
# terminal controls, formula cells in CSV, outputs that must be replaced whole or not at all,
# pipes and endless inputs, hostile text in the reports. Each check names the issue's item;
# each would fail on the code before its fix (under the sanitizer build for memory errors).
set -u
build=$(cd "${BREACH_BUILDDIR:-.}" && pwd)
src=${BREACH_SRCDIR:-.}
bs="$build/tools/breachstat/breachstat"
seed="$src/examples/data/seed-incidents.csv"
. "$src/tests/checks.sh"
# bytes PYTHON-EXPR: the bytes of a Python bytes expression, for names no shell quoting spells
bytes() { python3 -c "import sys; sys.stdout.buffer.write($1)"; }

if [ ! -x "$bs" ]; then
    echo "FAIL: $bs is not built"
    echo "TALLY: passed=0 failed=1"
    exit 1
fi
if ! command -v python3 >/dev/null; then
    echo "SKIP: python3 is needed to spell the hostile names"
    echo "TALLY: passed=0 failed=0"
    exit 77
fi
ESC=$(printf '\033')

# ------------------------------------------------------------------ 1: the table writer's clip
# 56 ASCII bytes, a lead byte and 198 continuation bytes: 255 bytes that the old width()
# counted as 57 columns, so the 3-byte ellipsis replaced 2 bytes of a full 256-byte buffer
# (a heap overflow under ASan). The name is escaped now (\xC3\x80...) and cut to 56 columns.
mkdir "$tmp/d1"
name1=$(bytes 'b"a" * 56 + b"\xc3" + b"\x80" * 198')
cp "$seed" "$tmp/d1/$name1"
(cd "$tmp/d1" && "$bs" summary "$name1") >"$tmp/s1.txt" 2>"$tmp/s1.err"
rc=$?
if [ $rc = 0 ]; then ok "1: summary of a 255-byte name that is not UTF-8 (exit 0)"; else bad "1: exit $rc"; cat "$tmp/s1.err"; fi
# 56 columns: 27 of the start, the ellipsis, 28 of the end (seven \x80 escapes)
has "1: the name escaped and clipped to 56 columns in the inputs table" "$tmp/s1.txt" \
    'aaaaaaaaaaaaaaaaaaaaaaaaaaa…\x80\x80\x80\x80\x80\x80\x80  canonical'

# ------------------------------------------------------------------ 4: terminal escapes
# an organisation named with ESC [ 2 J (clear screen) and a BEL, and a file name with ESC
printf 'id,entity,reported,affected,unit\nx1,Evil\033[2J\007 Corp,2023-01-02,10,individuals\nx2,Evil\033[2J\007 Corp,2023-03-03,5,individuals\n' >"$tmp/esc.csv"
"$bs" repeats "$tmp/esc.csv" >"$tmp/s4.txt" 2>&1
"$bs" summary --csv "$tmp/esc.csv" >/dev/null 2>&1
name4=$(printf 'bad\033]0;title\007.csv')
cp "$tmp/esc.csv" "$tmp/$name4"
"$bs" summary "$tmp/$name4" >>"$tmp/s4.txt" 2>&1
printf 'id,entity,reported,affected,unit\nx1,A,2023-99-02\033[31m,10,individuals\nx2,B,2023-01-02,10,individuals\n' >"$tmp/esc2.csv"
"$bs" summary --lenient "$tmp/esc2.csv" >>"$tmp/s4.txt" 2>&1
"$bs" summary "$tmp/nosuch$ESC[31m.csv" >>"$tmp/s4.txt" 2>&1
hasnt "4: no ESC reaches the terminal (tables, warnings, errors)" "$tmp/s4.txt" "$ESC"
has "4: the file name's ESC shown as \\x1B" "$tmp/s4.txt" 'bad\x1B]0;title\x07.csv'
has "4: an organisation's ESC shown as \\x1B in a table" "$tmp/s4.txt" 'Evil\x1B[2J\x07 Corp'
has "4: a rejected field's ESC shown as \\x1B" "$tmp/s4.txt" '\x1B[31m'
has "4: a missing file's ESC shown as \\x1B" "$tmp/s4.txt" 'nosuch\x1B[31m.csv'

# ------------------------------------------------------------------ 5: CSV formula injection
# organisations hit twice, named like formulas: their names reach the repeats table's CSV
printf 'id,entity,reported,affected,unit\na1,=2+3,2023-01-02,1,individuals\na2,=2+3,2023-03-02,1,individuals\nb1,@SUM(A1),2023-01-05,1,individuals\nb2,@SUM(A1),2023-02-05,1,individuals\nc1,-cmd,2023-01-07,1,individuals\nc2,-cmd,2023-04-07,1,individuals\n' >"$tmp/f.csv"
"$bs" repeats --csv "$tmp/f.csv" >"$tmp/f-out.csv" 2>&1
has "5: a cell beginning with = gets a ' (OWASP)" "$tmp/f-out.csv" ",'=2+3"
has "5: ... with @" "$tmp/f-out.csv" ",'@SUM(A1)"
has "5: ... with -" "$tmp/f-out.csv" ",'-cmd"
hasnt "5: ... and no cell begins with =" "$tmp/f-out.csv" ",=2+3"
"$bs" repeats --csv --csv-raw "$tmp/f.csv" >"$tmp/f-raw.csv" 2>&1
has "5: --csv-raw writes the cells as they are" "$tmp/f-raw.csv" ",=2+3"
status "5: --csv-raw without --csv is a usage error" 2 "$bs" repeats --csv-raw "$tmp/f.csv"

# ------------------------------------------------------------------ 6: the hash's key changes nothing
# the names' hash is keyed per process; every output must be the same under two keys
# (BREACH_HASH_SEED fixes the key). Several inputs: overlaps and duplicates use hashes too.
data="$src/tests/data"
same=0
for cmd in summary regions repeats supply-chain categories timeline sizes links; do
    for k in 1 2; do
        SOURCE_DATE_EPOCH=1700000000 BREACH_HASH_SEED=$k "$bs" $cmd --json --lenient "$seed" \
            "$data/hhs-sample.csv" "$data/wa-sample.csv" "$data/wa-sample.csv" >"$tmp/k$k.json" 2>&1
    done
    if cmp -s "$tmp/k1.json" "$tmp/k2.json"; then same=$((same + 1)); else bad "6: $cmd differs between hash keys"; diff "$tmp/k1.json" "$tmp/k2.json" | head -5; fi
done
[ $same = 8 ] && ok "6: 8 commands give the same JSON under two hash keys"
for k in 1 2; do
    SOURCE_DATE_EPOCH=1700000000 BREACH_HASH_SEED=$k "$bs" report --quiet --html "$tmp/r$k.html" \
        "$seed" "$data/hhs-sample.csv" >/dev/null 2>&1
done
if cmp -s "$tmp/r1.html" "$tmp/r2.html"; then ok "6: the HTML report is the same under two hash keys"; else bad "6: the report differs between hash keys"; fi

# ------------------------------------------------------------------ 9: pipes, FIFOs, endless devices
# a pipe named by path: detection read it, then the loader opened it again (empty file)
cat "$seed" | "$bs" summary /dev/stdin >"$tmp/p.txt" 2>&1
has "9: a pipe given as a path is read once" "$tmp/p.txt" '8 incidents selected of 9 loaded from 1 file'
# a FIFO: the second open waited forever for a writer
mkfifo "$tmp/fifo"
(cat "$seed" >"$tmp/fifo" &)
timeout 20 "$bs" summary "$tmp/fifo" >"$tmp/p.txt" 2>&1
rc=$?
if [ $rc = 0 ]; then ok "9: a FIFO is read once (exit 0)"; else bad "9: a FIFO: exit $rc (124: it hung)"; fi
has "9: ... with its figures" "$tmp/p.txt" '8 incidents selected of 9 loaded from 1 file'
status "9: /dev/zero as a file stops at its first block" 3 timeout 20 "$bs" summary /dev/zero
has "9: ... saying why" "$tmp/err" '/dev/zero: error: a NUL byte at offset 0: not a text file'
timeout 20 "$bs" summary - </dev/zero >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc = 3 ]; then ok "9: /dev/zero on standard input stops too (exit 3)"; else bad "9: /dev/zero on stdin: exit $rc"; fi
has "9: ... saying why" "$tmp/err" '<stdin>: error: a NUL byte at offset 0: not a text file'
# killed while reading standard input: no temporary file may stay in TMPDIR
mkdir "$tmp/tmpdir"
mkfifo "$tmp/fifo2"
(sleep 3 >"$tmp/fifo2" &)
TMPDIR="$tmp/tmpdir" "$bs" summary - <"$tmp/fifo2" >/dev/null 2>&1 &
pid=$!
sleep 1
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
if [ -z "$(ls -A "$tmp/tmpdir")" ]; then ok "9: killed while reading stdin, nothing is left in TMPDIR"; else bad "9: left in TMPDIR: $(ls -A "$tmp/tmpdir")"; fi
# a VERIS zip on standard input is binary, and read whole
"$bs" summary - <"$src/tests/data/veris/small.zip" >"$tmp/p.txt" 2>&1
has "9: a zip on standard input is read" "$tmp/p.txt" 'Summary'

# ------------------------------------------------------------------ 10-13: the reports
# names of multi-byte characters at every offset (the fixed buffers of 160/256/300 bytes cut
# them mid-character), vendors likewise, and a name carrying U+202E (right-to-left override)
mkdir "$tmp/r"
python3 - "$tmp/r/h.csv" <<'PY'
import sys
rows = ["id,entity,reported,affected,unit,vendor,regions"]
i = 0
for k in range(3):
    e, v = "a" * k + "\u20ac" * 120, "v" * (k + 1) + "\u00fc" * 200
    for d in ("2023-01-0%d" % (k + 2), "2023-03-0%d" % (k + 2)):
        rows.append("x%d,%s,%s,%d,individuals,%s,US-ME:%d" % (i, e, d, 1000 + i, v, 10 + i))
        i += 1
for d in ("2023-02-01", "2023-05-01"):
    rows.append("x%d,Evil\u202e Corp 1234,%s,77,individuals,,US-ME:5" % (i, d))
    i += 1
for d in ("2023-02-03", "2023-06-03"):
    rows.append("x%d,\u05e9\u05dc\u05d5\u05dd Health,%s,88,individuals,,US-ME:6" % (i, d))
    i += 1
open(sys.argv[1], "w", encoding="utf-8").write("\n".join(rows) + "\n")
PY
"$bs" report --quiet --html "$tmp/r/r.html" "$tmp/r/h.csv" >/dev/null 2>&1
"$bs" report --quiet --markdown "$tmp/r/my report (1).md" "$tmp/r/h.csv" >/dev/null 2>&1
if python3 - "$tmp/r" <<'PY'
import glob, sys, xml.dom.minidom
bad = []
files = sorted(glob.glob(sys.argv[1] + "/*.html") + glob.glob(sys.argv[1] + "/*.md") +
               glob.glob(sys.argv[1] + "/*.svg"))
for f in files:
    b = open(f, "rb").read()
    try:
        b.decode("utf-8")
    except UnicodeDecodeError as e:
        bad.append("%s: %s" % (f, e))
    if f.endswith(".svg"):
        try:
            xml.dom.minidom.parseString(b)
        except Exception as e:
            bad.append("%s: not XML: %s" % (f, e))
print("\n".join(bad))
sys.exit(1 if bad or len(files) < 4 else 0)
PY
then ok "10: HTML, Markdown and standalone SVG are valid UTF-8 (and XML) with cut names"; else bad "10: invalid UTF-8 or XML"; fi
if grep -q "$(printf '\342\200\256')" "$tmp/r/r.html" "$tmp/r/my report (1).md"; then bad "11: U+202E reaches the report"; else ok "11: no U+202E in the HTML or Markdown report"; fi
has "11: the override is shown as U+FFFD" "$tmp/r/r.html" "Evil$(printf '\357\277\275') Corp 1234"
has "11: text cells are isolated (<bdi>)" "$tmp/r/r.html" "<td><bdi>"
# a Hebrew name in a sentence: isolated by U+2068 ... U+2069 (FSI ... PDI)
has "11: a right-to-left name is isolated in its sentence" "$tmp/r/r.html" \
    "$(printf '\342\201\250\327\251\327\234\327\225\327\235 Health\342\201\251'):"
has "12: a strict Content-Security-Policy" "$tmp/r/r.html" \
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">"
hasnt "12: no script in the report" "$tmp/r/r.html" "<script"
has "13: chart links are percent-encoded" "$tmp/r/my report (1).md" "](my%20report%20%281%29-map.svg)"
if [ -f "$tmp/r/my report (1)-map.svg" ]; then ok "13: ... and the chart is where the link says"; else bad "13: no chart at the linked name"; fi

# ------------------------------------------------------------------ 15: totals past 2^64-1
# 2 x 10^19 individuals: summary showed 10^19 as the total; now the error regions gives too
printf 'id,entity,reported,affected,unit\na1,Big A,2023-01-02,10000000000000000000,individuals\na2,Big B,2023-02-02,10000000000000000000,individuals\n' >"$tmp/big.csv"
status "15: summary of a total past 2^64-1" 1 "$bs" summary "$tmp/big.csv"
has "15: ... says which total" "$tmp/err" 'the total of individuals passes 2^64-1'
hasnt "15: ... and shows no figure as the total" "$tmp/out" '10,000,000,000,000,000,000'

# ------------------------------------------------------------------ 8: outputs whole or not at all
mkdir "$tmp/o8"
echo precious >"$tmp/o8/keep.csv"
status "8: --table nosuch -o keep.csv is refused" 2 "$bs" summary --csv --table nosuch -o "$tmp/o8/keep.csv" "$seed"
has "8: ... and keep.csv is as it was" "$tmp/o8/keep.csv" precious
# a full disk, made by a 4 KiB file-size limit (SIGXFSZ ignored, so writes fail with EFBIG)
echo precious >"$tmp/o8/good.html"
(ulimit -f 4; trap '' XFSZ; "$bs" report --quiet --html "$tmp/o8/good.html" "$seed") >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc = 5 ]; then ok "8: a report that does not fit fails (exit 5)"; else bad "8: exit $rc, want 5"; cat "$tmp/err"; fi
has "8: ... and the old report is intact" "$tmp/o8/good.html" precious
echo precious >"$tmp/o8/sum.json"
(ulimit -f 1; trap '' XFSZ; "$bs" summary --json -o "$tmp/o8/sum.json" "$seed") >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc = 5 ]; then ok "8: a JSON output that does not fit fails (exit 5)"; else bad "8: exit $rc, want 5"; cat "$tmp/err"; fi
has "8: ... and the old output is intact" "$tmp/o8/sum.json" precious
left=$(ls -A "$tmp/o8" | grep -v -x -e keep.csv -e good.html -e sum.json)
if [ -z "$left" ]; then ok "8: no temporary file is left behind"; else bad "8: left behind: $left"; fi
"$bs" summary --json -o "$tmp/o8/sum.json" "$seed" >/dev/null 2>&1
has "8: a complete output replaces the old one" "$tmp/o8/sum.json" '"incidents_loaded": 9'

# ------------------------------------------------------------------ rev-hostile 3: where outputs go
# -o, --provenance and report --html renamed their temporary file over the path: a symbolic
# link became a regular file (the file it led to kept "old"), a FIFO was replaced and its
# reader got nothing, and as root /dev/full became an HTML file; exit 0 each time. The
# reference bytes are the same commands' standard output.
export SOURCE_DATE_EPOCH=1700000000
o3="$tmp/o3"
mkdir "$o3" "$o3/sub"
"$bs" summary --json "$seed" >"$o3/ref.json" 2>/dev/null
"$bs" report --quiet --html - "$seed" >"$o3/ref.html" 2>/dev/null
before3=$failed
echo old >"$o3/real.json"
chmod 640 "$o3/real.json"
ln -s real.json "$o3/link.json"
status "3: -o through a symbolic link" 0 "$bs" summary --json -o "$o3/link.json" "$seed"
if [ -L "$o3/link.json" ]; then ok "3: ... the link stays a link"; else bad "3: the link was replaced"; fi
if cmp -s "$o3/real.json" "$o3/ref.json"; then ok "3: ... and the file it leads to has the output"; else bad "3: real.json: $(head -c 60 "$o3/real.json")"; fi
mode=$(stat -c %a "$o3/real.json")
if [ "$mode" = 640 ]; then ok "3: ... and keeps its permissions (640)"; else bad "3: real.json's mode is $mode, want 640"; fi
echo old >"$o3/real.html"
ln -s ../real.html "$o3/sub/rep.html"
status "3: report --html through a relative link in a subfolder" 0 "$bs" report --quiet --html "$o3/sub/rep.html" "$seed"
if [ -L "$o3/sub/rep.html" ] && cmp -s "$o3/real.html" "$o3/ref.html"; then ok "3: ... the link stays, its file has the report"; else bad "3: report through a link"; ls -la "$o3" "$o3/sub"; fi
ln -s prov-new.json "$o3/prov.json"
status "3: --provenance through a link to a name that does not exist yet" 0 "$bs" summary --provenance "$o3/prov.json" "$seed"
if [ -L "$o3/prov.json" ] && [ -s "$o3/prov-new.json" ]; then ok "3: ... creates the file the link names"; else bad "3: --provenance through a dangling link"; fi
# a FIFO: a reader (cat, killed after 10 s) gets every byte; the FIFO stays a FIFO
mkfifo "$o3/fifo"
timeout 10 cat "$o3/fifo" >"$o3/got.json" &
reader=$!
status "3: -o to a FIFO" 0 timeout 10 "$bs" summary --json -o "$o3/fifo" "$seed"
wait $reader
if cmp -s "$o3/got.json" "$o3/ref.json"; then ok "3: ... its reader gets the output ($(wc -c <"$o3/ref.json") bytes)"; else bad "3: the FIFO's reader got $(wc -c <"$o3/got.json") bytes"; fi
if [ -p "$o3/fifo" ]; then ok "3: ... and it is still a FIFO"; else bad "3: the FIFO was replaced"; fi
status "3: -o to a directory" 5 "$bs" summary --json -o "$o3/sub" "$seed"
has "3: ... names it" "$tmp/err" "cannot write $o3/sub: Is a directory"
# /dev/stdout and /dev/full only once the links and the FIFO showed that a node is not
# replaced: as root the old code replaced the device with the report
if [ "$failed" = "$before3" ]; then
    # /dev/stdout on a pipe: /proc/self/fd/1's text ("pipe:[N]") is no file name
    "$bs" summary --json -o /dev/stdout "$seed" 2>"$tmp/err" | cat >"$o3/piped.json"
    if cmp -s "$o3/piped.json" "$o3/ref.json"; then ok "3: -o /dev/stdout into a pipe"; else bad "3: -o /dev/stdout into a pipe"; cat "$tmp/err"; fi
fi
# rev-code 2: /dev/stdout, /dev/stderr and /dev/fd/N are the shell's descriptors, written
# in place at their offset. /dev/stdout led through /proc/self/fd/1 to the name of the log
# that >> opened, and the temporary file replaced the log: its earlier lines were gone,
# exit 0. The expected text is the old line followed by the command's standard output.
if [ "$failed" = "$before3" ]; then
    printf 'previous log line\n' >"$o3/log.txt"
    cp "$o3/log.txt" "$o3/want.txt"
    cat "$o3/ref.json" >>"$o3/want.txt"
    "$bs" summary --json -o /dev/stdout "$seed" >>"$o3/log.txt" 2>"$tmp/err"
    rc=$?
    if [ $rc = 0 ] && cmp -s "$o3/log.txt" "$o3/want.txt"; then ok "3: -o /dev/stdout >>log keeps the log's lines and appends"; else bad "3: -o /dev/stdout >>log: exit $rc, log: $(head -c 60 "$o3/log.txt")"; cat "$tmp/err"; fi
    cat "$o3/ref.json" >>"$o3/want.txt"
    "$bs" summary --json -o /dev/stderr "$seed" 2>>"$o3/log.txt"
    if cmp -s "$o3/log.txt" "$o3/want.txt"; then ok "3: -o /dev/stderr 2>>log appends too"; else bad "3: -o /dev/stderr 2>>log: $(head -c 60 "$o3/log.txt")"; fi
    cat "$o3/ref.json" >>"$o3/want.txt"
    ln -s /dev/fd/3 "$o3/fd3"
    status "3: -o a link to /dev/fd/3, 3>>log" 0 sh -c '"$@" 3>>"$0"' "$o3/log.txt" "$bs" summary --json -o "$o3/fd3" "$seed"
    if cmp -s "$o3/log.txt" "$o3/want.txt" && [ -L "$o3/fd3" ]; then ok "3: ... appends through the link, which stays"; else bad "3: -o link to /dev/fd/3: $(head -c 60 "$o3/log.txt")"; fi
    echo old >"$o3/over.json"
    "$bs" summary --json -o /dev/stdout "$seed" >"$o3/over.json" 2>"$tmp/err"
    if cmp -s "$o3/over.json" "$o3/ref.json"; then ok "3: -o /dev/stdout >file writes the file"; else bad "3: -o /dev/stdout >file"; cat "$tmp/err"; fi
    status "3: -o /dev/stdin <file is refused" 5 sh -c '"$@" <"$0"' "$o3/over.json" "$bs" summary --json -o /dev/stdin "$seed"
    has "3: ... names it and says why" "$tmp/err" "cannot write /dev/stdin: descriptor 0 is open for reading only"
    if cmp -s "$o3/over.json" "$o3/ref.json"; then ok "3: ... and the file is as it was"; else bad "3: -o /dev/stdin changed the file"; fi
    # another process's descriptor (this shell's): its offset is not ours to share. A file
    # is refused and stays; a pipe (read by cat) is written in place
    exec 4>>"$o3/over.json"
    status "3: -o another process's /proc/PID/fd/N of a file is refused" 5 "$bs" summary --json -o "/proc/$$/fd/4" "$seed"
    exec 4>&-
    has "3: ... and says why" "$tmp/err" "cannot write /proc/$$/fd/4: a file open in another process cannot be written through its descriptor"
    if cmp -s "$o3/over.json" "$o3/ref.json"; then ok "3: ... and the file is as it was"; else bad "3: -o /proc/PID/fd/N changed the file"; fi
    mkfifo "$o3/fifo2"
    timeout 10 cat "$o3/fifo2" >"$o3/got2.json" &
    reader=$!
    exec 4>"$o3/fifo2"
    status "3: -o another process's /proc/PID/fd/N of a pipe" 0 timeout 10 "$bs" summary --json -o "/proc/$$/fd/4" "$seed"
    exec 4>&-
    wait $reader
    if cmp -s "$o3/got2.json" "$o3/ref.json"; then ok "3: ... its reader gets the output"; else bad "3: the pipe's reader got $(wc -c <"$o3/got2.json") bytes"; fi
fi
if [ "$failed" = "$before3" ] && [ -c /dev/full ]; then
    status "3: -o /dev/stdout >/dev/full" 5 sh -c '"$@" >/dev/full' sh "$bs" summary --json -o /dev/stdout "$seed"
    has "3: ... names it and says why" "$tmp/err" "cannot write /dev/stdout: No space left on device"
    if [ -c /dev/full ]; then ok "3: ... and /dev/full is still a character device"; else bad "3: /dev/full is no longer a device"; fi
    status "3: report --html /dev/full" 5 "$bs" report --quiet --html /dev/full "$seed"
    has "3: ... names it and says why" "$tmp/err" "cannot write /dev/full: No space left on device"
    if [ -c /dev/full ]; then ok "3: ... and /dev/full is still a character device"; else bad "3: /dev/full is no longer a device"; fi
    ln -s /dev/full "$o3/full"
    status "3: -o a link to /dev/full" 5 "$bs" summary --json -o "$o3/full" "$seed"
    has "3: ... names the link" "$tmp/err" "cannot write $o3/full: No space left on device"
    if [ -c /dev/full ]; then ok "3: ... and /dev/full is still a character device"; else bad "3: /dev/full is no longer a device"; fi
elif [ "$failed" != "$before3" ]; then
    bad "3: /dev/stdout and /dev/full not tried: a link or the FIFO was replaced"
fi
left=$(ls -A "$o3" | grep -v -x -e ref.json -e ref.html -e sub -e real.json -e link.json \
    -e real.html -e prov.json -e prov-new.json -e fifo -e got.json -e piped.json -e full \
    -e log.txt -e want.txt -e fd3 -e over.json -e fifo2 -e got2.json)
if [ -z "$left" ]; then ok "3: no temporary file is left behind"; else bad "3: left behind: $left"; fi

echo "TALLY: passed=$passed failed=$failed"
[ "$failed" = 0 ]
