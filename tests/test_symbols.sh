#!/bin/sh
# The shared library exports exactly the public API: every dynamic symbol starts with
# breach_, and the list matches tests/symbols.txt (update that file in the same commit as
# an API change, and bump -version-info in configure.ac at the release).
set -eu
lib="${BREACH_BUILDDIR:-.}/libbreach/.libs/libbreach.so"
[ -f "$lib" ] || { echo "SKIP: $lib not built (static-only build?)"; exit 77; }
got=$(nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBR]$/ {print $3}' | sort)
bad=$(printf '%s\n' "$got" | grep -v '^breach_' || true)
if [ -n "$bad" ]; then
    echo "FAIL: symbols outside the breach_ prefix are exported:"; echo "$bad"; exit 1
fi
if ! printf '%s\n' "$got" | diff -u "${BREACH_SRCDIR:-.}/tests/symbols.txt" -; then
    echo "FAIL: exported symbols differ from tests/symbols.txt (diff above: - listed, + exported)"
    exit 1
fi
echo "PASS: $(printf '%s\n' "$got" | wc -l) symbols, all breach_, as listed"
