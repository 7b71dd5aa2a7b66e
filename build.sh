#!/usr/bin/env bash
# libbreach quick start.
#   ./build.sh demo    install missing Debian packages, build, run the story on the bundled data
#   ./build.sh check   the same build, every test, then every test again under ASan + UBSan,
#                      the thread suite under TSan, and a short fuzz run
#   ./build.sh fuzz [S] build the libFuzzer targets and run each for S seconds (default 600)
set -euo pipefail
cd "$(dirname "$0")"
top=$(pwd)
jobs=$(nproc 2>/dev/null || echo 2)

need_pkgs=(autoconf automake libtool autoconf-archive pkg-config make gcc libgsl-dev libcunit1-dev libjansson-dev libzip-dev nettle-dev libutf8proc-dev iso-codes)

install_missing() {
    local missing=()
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
    done
    ((${#missing[@]})) || return 0
    echo "build.sh: installing missing Debian packages: ${missing[*]}" >&2
    local sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# build DIR [configure args...]: an out-of-tree build in DIR
build() {
    local dir=$1
    shift
    [ -x configure ] && [ configure -nt configure.ac ] && [ configure -nt Makefile.am ] || autoreconf -fi >/dev/null
    mkdir -p "$dir"
    (
        cd "$dir"
        if [ ! -f Makefile ] || [ "$top/configure" -nt Makefile ] || [ "$(cat .breach-config 2>/dev/null)" != "$*" ]; then
            "$top/configure" --quiet "$@"
            echo "$*" > .breach-config
        fi
        make -s -j"$jobs"
    )
}

# Runs every fuzz target briefly; records each as an automake-style .trs/.log pair so that
# tests/tally.py counts it.
fuzz_smoke() {
    local out=_build-fuzz rc=0
    rm -rf "$out/smoke"
    mkdir -p "$out/smoke"
    ./fuzz/build.sh "$out" >/dev/null
    for bin in "$out"/fuzz_*; do
        local name=${bin##*/} seeds="fuzz/seeds/${bin##*/fuzz_}" corpus="$out/corpus-${bin##*/fuzz_}"
        mkdir -p "$corpus"
        if "$bin" -max_total_time="${BREACH_FUZZ_SECONDS:-15}" -max_len=65536 -timeout=10 \
            -rss_limit_mb=2048 -artifact_prefix="$out/smoke/$name-" "$corpus" "$seeds" \
            >"$out/smoke/$name.log" 2>&1; then
            echo ":test-result: PASS" >"$out/smoke/$name.trs"
            echo "PASS: $name ($(grep -o 'Done [0-9]* runs' "$out/smoke/$name.log"))"
        else
            echo ":test-result: FAIL" >"$out/smoke/$name.trs"
            echo "FAIL: $name"; tail -20 "$out/smoke/$name.log"
            rc=1
        fi
    done
    return $rc
}

# The thread suite under ThreadSanitizer, in _build-tsan; its .trs/.log feed tests/tally.py.
tsan_check() {
    [ -x configure ] && [ configure -nt configure.ac ] && [ configure -nt Makefile.am ] || autoreconf -fi >/dev/null
    mkdir -p _build-tsan
    (
        cd _build-tsan
        if [ ! -f Makefile ] || [ "$top/configure" -nt Makefile ] ||
            [ "$(cat .breach-config 2>/dev/null)" != "tsan" ]; then
            "$top/configure" --quiet --enable-sanitizers=thread CC=clang
            echo tsan > .breach-config
        fi
        TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 make -s -j"$jobs" check \
            TESTS="tests/test_threads tests/test_parse_threads" \
            check_PROGRAMS="tests/test_threads tests/test_parse_threads"
    )
}

verb=${1:-demo}
case "$verb" in
demo)
    install_missing "${need_pkgs[@]}"
    build _build
    ./_build/examples/breach-story examples/data/seed-incidents.csv
    # the same data as a report: one self-contained HTML file with its charts
    pop=()
    [ -f examples/data/us-state-population-2024.csv ] &&
        pop=(--population examples/data/us-state-population-2024.csv)
    ./_build/tools/breachstat/breachstat report --quiet --html _build/seed-report.html \
        "${pop[@]}" examples/data/seed-incidents.csv
    echo
    echo "Report: $top/_build/seed-report.html (open it in a browser; no network needed)"
    ./_build/tools/breachstat/breachstat summary examples/data/seed-incidents.csv |
        awk 'NR > 2 && /^$/ { done = 1 } NR > 2 && !done { print "  " $0 }'
    ;;
check)
    # no test may write a file past 8 GiB: a runaway writer fails instead of filling the disk
    ulimit -f 8388608 2>/dev/null || true
    # python3-venv, -build: the package built (its own backend: no setuptools, no wheel) and
    # installed from a wheel and an sdist (tests/python/run-wheel.sh); mypy: its type check
    # (tests/python/run-mypy.sh);
    # chromium and poppler-utils: tests/test_report_render.sh renders the report for real
    # (screenshots, widths measured by the browser, a printed PDF read back by pdftotext)
    install_missing "${need_pkgs[@]}" python3 clang libclang-rt-14-dev python3-venv \
        python3-build python3-pandas mypy chromium poppler-utils \
        fonts-dejavu-core
    build _build
    status=0
    make -C _build -s -j"$jobs" check || status=1
    echo
    echo "== again under AddressSanitizer and UndefinedBehaviorSanitizer (clang) =="
    # clang's UBSan also checks pointer arithmetic on NULL, which gcc's does not
    build _build-asan --enable-sanitizers CC=clang
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        make -C _build-asan -s -j"$jobs" check || status=1
    echo
    echo "== threads under ThreadSanitizer (clang): tests/test_threads, tests/test_parse_threads =="
    # only the library and that suite are built (check_PROGRAMS narrowed): a small fixture,
    # separate datasets in four threads, then four readers of one dataset (with the
    # library's own worker threads inside theirs)
    tsan_check || status=1
    echo
    echo "== fuzz smoke: each libFuzzer target for ${BREACH_FUZZ_SECONDS:-15} s on its seeds =="
    fuzz_smoke || status=1
    # One closing line over every suite of all runs (C, Python, TSan, fuzz smoke).
    python3 "$top/tests/tally.py" _build _build-asan _build-tsan _build-fuzz || status=1
    exit $status
    ;;
fuzz)
    # a long run: ./build.sh fuzz [SECONDS] (default 600 per target)
    install_missing "${need_pkgs[@]}" clang libclang-rt-14-dev
    BREACH_FUZZ_SECONDS=${2:-600} fuzz_smoke
    ;;
*)
    echo "usage: ./build.sh demo|check|fuzz [SECONDS]" >&2
    exit 2
    ;;
esac
