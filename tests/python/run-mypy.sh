#!/bin/sh
# automake TESTS entry: the package's type hints, checked by Debian's mypy (package mypy,
# installed by ./build.sh check) in strict mode with bindings/python/pyproject.toml's
# settings, for the running Python and for the declared floor (3.7), then a small client
# script typed against the package as users see it (py.typed).
# Skips (77) when mypy is not installed.
src=${BREACH_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
if /usr/bin/python3 -c 'import mypy' 2>/dev/null; then
    mypy="/usr/bin/python3 -m mypy"
elif command -v mypy >/dev/null 2>&1; then
    mypy=mypy
else
    echo "run-mypy.sh: mypy is not installed (Debian package mypy): type check skipped"
    exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$src/bindings/python" || exit 1
# --cache-dir: never write .mypy_cache into the (possibly read-only) source tree
$mypy --strict --config-file pyproject.toml --cache-dir "$tmp/cache" breach || {
    echo "FAIL: mypy --strict on bindings/python/breach"
    exit 1
}
$mypy --strict --cache-dir "$tmp/cache" build_backend/breach_backend.py || {
    echo "FAIL: mypy --strict on the build backend"
    exit 1
}
# the floor pyproject.toml declares (requires-python >= 3.7): the package and the backend
# type-check against 3.7's standard library too (signal.raise_signal, importlib.metadata,
# importlib.resources.files and tomllib are newer: each needs its version check)
floor=$(sed -n 's/^requires-python = ">=\([0-9.]*\)"$/\1/p' pyproject.toml)
[ "$floor" = 3.7 ] || { echo "FAIL: requires-python is '$floor', this test checks 3.7"; exit 1; }
$mypy --strict --config-file pyproject.toml --python-version "$floor" --cache-dir "$tmp/cache" \
    breach || {
    echo "FAIL: mypy --strict --python-version $floor on bindings/python/breach"
    exit 1
}
$mypy --strict --python-version "$floor" --cache-dir "$tmp/cache" build_backend/breach_backend.py || {
    echo "FAIL: mypy --strict --python-version $floor on the build backend"
    exit 1
}
# a client: wrong uses must be caught, right ones pass (the hints reach users)
cat >"$tmp/client.py" <<'PY'
import breach

ds: breach.Dataset = breach.load(["a.csv", "b.csv"])
sel: breach.Dataset = ds.select(vendor="Fortra GoAnywhere")
share: float = ds.region_share(0, "US-ME").percent
c: breach.Counts = sel.counts(dimension="type", ci="wilson")
n: int = c.n
fit: breach.Powerlaw = ds.powerlaw_fit(replicates=10, progress=lambda done, total: False)
PY
MYPYPATH="$src/bindings/python" $mypy --strict --cache-dir "$tmp/cache" "$tmp/client.py" || {
    echo "FAIL: a correct client does not type-check"
    exit 1
}
# the README's Python snippets, one script, as a user pastes them (review rev-python: ds.report
# was Optional, so `r = ds.report; r.rejects` failed --strict; `ds[ds.find(id)]` too)
/usr/bin/python3 - "$src/bindings/python/README.md" "$tmp/readme.py" <<'PY' || exit 1
import re, sys
blocks = re.findall(r"```python\n(.*?)```", open(sys.argv[1], encoding="utf-8").read(), re.S)
assert len(blocks) >= 4, "README.md: %d python blocks" % len(blocks)
open(sys.argv[2], "w", encoding="utf-8").write("\n".join(blocks))
PY
MYPYPATH="$src/bindings/python" $mypy --strict --cache-dir "$tmp/cache" "$tmp/readme.py" || {
    echo "FAIL: the README's Python snippets do not type-check with mypy --strict"
    exit 1
}
cat >"$tmp/wrong.py" <<'PY'
import breach

n: str = breach.load("a.csv").counts().n
PY
if MYPYPATH="$src/bindings/python" $mypy --strict --cache-dir "$tmp/cache" "$tmp/wrong.py" \
    >"$tmp/wrong.log" 2>&1; then
    echo "FAIL: mypy accepted counts().n as a str: the hints do not reach clients"
    exit 1
fi
grep -q 'Incompatible types in assignment' "$tmp/wrong.log" || { cat "$tmp/wrong.log"; exit 1; }
echo "PASS: mypy --strict: package, build backend (also for Python $floor), a client, the README's snippets; a wrong client caught"
