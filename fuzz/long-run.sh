#!/usr/bin/env bash
# The long fuzz run: every target for a fixed number of executions (or seconds), then every
# corpus it grew replayed under ASan + UBSan.
#
#   fuzz/long-run.sh [RUNS] [JOBS] [MAX_LEN]      (defaults 10000000, 2, 1024)
#
# RUNS is a number of executions a target, or a time a target with an s: 900s. The slower
# targets (canonical at about 3,000 executions a second, the threaded ones at a few
# hundred) take hours for 10^7; a time bounds the session, and the summary says how many
# executions each made.
# The runs use the UBSan-only build (fuzz/build.sh OUT ubsan, -O2), about 2.5x the
# executions per second of the ASan build; a heap error that does not crash there is found
# when the corpus is replayed under ASan. MAX_LEN bounds the inputs libFuzzer makes (the
# seeds are read whole): the per-execution cost grows with the input, and 1 KiB holds a
# header and several rows of every format. JOBS targets run at once.
#
# Everything goes to _build-fuzz-long/: corpus-NAME/ (kept between runs: a second run
# starts from what the first found), NAME.log, NAME-crash-* on a finding, replay-NAME.log
# and SUMMARY (one line a target). Exit status 1 if any run or replay failed.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-10000000}
[[ $runs =~ ^[0-9]+s?$ ]] || { echo "long-run.sh: RUNS is a number, or seconds with an s (900s)" >&2; exit 2; }
jobs=${2:-2}
max_len=${3:-1024}
out=$top/_build-fuzz-long
mkdir -p "$out"
"$top"/fuzz/build.sh "$out/ubsan" ubsan >/dev/null || exit 1
"$top"/fuzz/build.sh "$out/asan" asan >/dev/null || exit 1

run_one() {
    local name=$1 out=$2 runs=$3 max_len=$4 top=$5
    local corpus="$out/corpus-$name"
    mkdir -p "$corpus"
    local bound=-runs="$runs"
    case $runs in *s) bound=-max_total_time="${runs%s}" ;; esac
    "$out/ubsan/fuzz_$name" "$bound" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$out/$name-" "$corpus" "$top/fuzz/seeds/$name" \
        >"$out/$name.log" 2>&1
    echo "run $name: exit $?" >>"$out/$name.log"
    # -runs=0: read and execute the corpus, nothing more
    "$out/asan/fuzz_$name" -runs=0 -timeout=30 -rss_limit_mb=4096 \
        -artifact_prefix="$out/replay-$name-" "$corpus" >"$out/replay-$name.log" 2>&1
    echo "replay $name: exit $?" >>"$out/replay-$name.log"
}
export -f run_one

names=()
for t in "$top"/fuzz/fuzz_*.c; do
    n=$(basename "$t" .c)
    names+=("${n#fuzz_}")
done
printf '%s\n' "${names[@]}" |
    xargs -P "$jobs" -I{} bash -c 'run_one "$@"' _ {} "$out" "$runs" "$max_len" "$top"

status=0
{
    printf '%-10s %12s %8s %6s %8s %8s  %s\n' target executions exec/s cov corpus seconds verdict
    for n in "${names[@]}"; do
        log=$out/$n.log replay=$out/replay-$n.log
        execs=$(awk '/stat::number_of_executed_units/ {print $2}' "$log")
        rate=$(awk '/stat::average_exec_per_sec/ {print $2}' "$log")
        cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | awk '{print $2}')
        secs=$(awk -v e="${execs:-0}" -v r="${rate:-0}" 'BEGIN {if (r > 0) printf "%d", e / r}')
        size=$(find "$out/corpus-$n" -type f | wc -l)
        if grep -q "run $n: exit 0" "$log" && grep -q "replay $n: exit 0" "$replay"; then
            verdict="no finding (run and ASan replay clean)"
        else
            verdict="FINDING: see $log, $replay and $out/$n-*"
            status=1
        fi
        printf '%-10s %12s %8s %6s %8s %8s  %s\n' "$n" "${execs:-?}" "${rate:-?}" "${cov:-?}" \
            "$size" "${secs:-?}" "$verdict"
    done
} | tee "$out/SUMMARY"
exit $status
