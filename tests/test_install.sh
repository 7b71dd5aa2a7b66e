#!/bin/sh
# Installs into a temporary prefix and builds a program against it with nothing but
# `pkg-config --cflags --libs libbreach`, as a downstream C project would.
set -eu
build=${BREACH_BUILDDIR:-.}
src=${BREACH_SRCDIR:-.}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
make -s -C "$build" install DESTDIR= prefix="$tmp/prefix" >"$tmp/install.log" 2>&1 ||
    { cat "$tmp/install.log"; echo "FAIL: make install"; exit 1; }
export PKG_CONFIG_PATH="$tmp/prefix/lib/pkgconfig"
flags=$(pkg-config --cflags --libs libbreach) || { echo "FAIL: pkg-config does not find libbreach"; exit 1; }
for h in breach.h breach/common.h breach/incident.h breach/dataset.h breach/io.h breach/stats.h; do
    [ -f "$tmp/prefix/include/$h" ] || { echo "FAIL: $h not installed"; exit 1; }
done
# a sanitizer build's library needs the same runtime in the program
${BREACH_CC:-cc} -std=c11 -Wall -Wextra -Werror ${BREACH_EXTRA_CFLAGS:-} -o "$tmp/story" "$src/examples/story.c" $flags -lm
LD_LIBRARY_PATH="$tmp/prefix/lib" "$tmp/story" "$src/examples/data/seed-incidents.csv" >"$tmp/out.txt"
grep -q 'Maine              3,913 of 1,049,375 = 0.3729 %' "$tmp/out.txt" ||
    { cat "$tmp/out.txt"; echo "FAIL: the installed program gives other figures"; exit 1; }
[ -f "$tmp/prefix/share/libbreach/data/seed-incidents.csv" ] || { echo "FAIL: seed data not installed"; exit 1; }
# issue 16: the examples are documentation (share/doc), not programs on the PATH; breachstat
# comes with its bash completion
[ -f "$tmp/prefix/share/doc/libbreach/examples/story.c" ] || { echo "FAIL: examples not under share/doc"; exit 1; }
[ ! -e "$tmp/prefix/bin/breach-story" ] || { echo "FAIL: the demo program is installed into bin"; exit 1; }
[ -x "$tmp/prefix/bin/breachstat" ] || { echo "FAIL: breachstat not installed"; exit 1; }
[ -f "$tmp/prefix/share/bash-completion/completions/breachstat" ] || { echo "FAIL: no bash completion installed"; exit 1; }
echo "PASS: installed, found by pkg-config ($flags), example built and run"
