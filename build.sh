#!/usr/bin/env bash
# libbreach quick start.
#   ./build.sh demo    install missing Debian packages, build, run the story on the bundled data
#   ./build.sh check   the same build, every test, then every test again under ASan + UBSan
#   ./build.sh fuzz    build the libFuzzer targets and run each for a short smoke time
set -euo pipefail
cd "$(dirname "$0")"
top=$(pwd)
jobs=$(nproc 2>/dev/null || echo 2)

need_pkgs=(autoconf automake libtool autoconf-archive pkg-config make gcc libgsl-dev libcunit1-dev libjansson-dev libzip-dev)

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

verb=${1:-demo}
case "$verb" in
demo)
    install_missing "${need_pkgs[@]}"
    build _build
    ./_build/examples/breach-story examples/data/seed-incidents.csv
    ;;
check)
    install_missing "${need_pkgs[@]}" python3
    build _build
    status=0
    make -C _build -s -j"$jobs" check || status=1
    echo
    echo "== again under AddressSanitizer and UndefinedBehaviorSanitizer =="
    build _build-asan --enable-sanitizers
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        make -C _build-asan -s -j"$jobs" check || status=1
    # One closing line over every suite of both runs (C and Python).
    python3 "$top/tests/tally.py" _build _build-asan || status=1
    exit $status
    ;;
*)
    echo "usage: ./build.sh demo|check" >&2
    exit 2
    ;;
esac
