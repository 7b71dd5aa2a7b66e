#!/bin/sh
# automake TESTS entry: the Python package as users install it. Builds a wheel from a copy of
# bindings/python (python3 -m build where the `build` module is installed: an sdist, then the
# wheel built from it; else pip wheel;
# never the network: --no-build-isolation --no-index), installs it into a fresh venv under
# each interpreter (python3 on PATH; /usr/bin/python3, Debian's, with
# --system-site-packages so that its pandas is seen), installs `pip install <dir>` into the
# Debian venv too, and runs tests/python/wheel_smoke.py there from outside the source tree,
# against this build's library (BREACH_BUILDDIR). Skips (77) when no interpreter can build
# a wheel (setuptools and wheel: Debian's python3-setuptools, python3-wheel) or make a venv.
set -u
src=${BREACH_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
build=${BREACH_BUILDDIR:-$src/_build}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export PIP_NO_INDEX=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
want=$(sh "$src/version.sh")

# a copy: the build writes build/ and *.egg-info next to setup.py, and distcheck's source
# tree is read-only; setup.py reads the version from ../../include/breach/common.h
mkdir -p "$tmp/src/bindings" "$tmp/src/include/breach"
cp -R "$src/bindings/python" "$tmp/src/bindings/python"
cp "$src/include/breach/common.h" "$tmp/src/include/breach/common.h"
rm -rf "$tmp/src/bindings/python/build" "$tmp/src/bindings/python/"*.egg-info
find "$tmp/src" -name __pycache__ -prune -exec rm -rf {} +

wheel=
for py in /usr/bin/python3 "$(command -v python3 2>/dev/null)"; do
    [ -x "$py" ] || continue
    "$py" -c 'import setuptools, wheel' 2>/dev/null || continue
    if "$py" -c 'import build' 2>/dev/null; then
        # an sdist, then the wheel built from it (setup.py reads the version from its
        # PKG-INFO there: no source tree around it)
        how="$py -m build --no-isolation (sdist, then the wheel from it)"
        "$py" -m build --no-isolation --outdir "$tmp/dist" "$tmp/src/bindings/python" \
            >"$tmp/wheel.log" 2>&1
    else
        how="$py -m pip wheel --no-build-isolation --no-index --no-deps"
        "$py" -m pip wheel --no-build-isolation --no-index --no-deps -w "$tmp/dist" \
            "$tmp/src/bindings/python" >"$tmp/wheel.log" 2>&1
    fi || { cat "$tmp/wheel.log"; echo "FAIL: $how"; exit 1; }
    break
done
wheel=$(ls "$tmp"/dist/libbreach-*-py3-none-any.whl 2>/dev/null | head -1)
if [ -z "$wheel" ]; then
    echo "run-wheel.sh: no interpreter with setuptools and wheel: package test skipped"
    exit 77
fi
case "$wheel" in
*/libbreach-"$want"-py3-none-any.whl) ;;
*) echo "FAIL: the wheel $wheel does not carry version $want (include/breach/common.h)"; exit 1 ;;
esac
echo "built $(basename "$wheel") with $how"
# what the wheel holds: the package, py.typed, no test or build file
python3 - "$wheel" <<'PY' || exit 1
import sys, zipfile
names = zipfile.ZipFile(sys.argv[1]).namelist()
need = ["breach/__init__.py", "breach/_lib.py", "breach/_version.py", "breach/py.typed"]
missing = [n for n in need if n not in names]
extra = [n for n in names if not n.startswith(("breach/", "libbreach-"))]
if missing or extra:
    sys.exit("FAIL: wheel lacks %s / has %s" % (missing, extra))
PY

status=0 ran=0
smoke() { # smoke NAME VENV
    (
        cd "$tmp" || exit 1
        . "$here/sanitizer-env.sh"
        BREACH_BUILDDIR="$build" BREACH_SRCDIR="$src" BREACH_EXPECT_VERSION="$want" \
            "$2/bin/python" "$here/wheel_smoke.py"
    ) || { echo "FAIL: $1"; status=1; }
    ran=$((ran + 1))
}
for spec in "path:$(command -v python3 2>/dev/null):" "debian:/usr/bin/python3:--system-site-packages"; do
    name=${spec%%:*}
    rest=${spec#*:}
    py=${rest%%:*}
    opt=${rest#*:}
    [ -x "$py" ] || { echo "$name: no $py"; continue; }
    venv="$tmp/venv-$name"
    if ! "$py" -m venv $opt "$venv" >"$tmp/venv-$name.log" 2>&1; then
        echo "$name: $py -m venv $opt failed (python3-venv missing?): skipped"
        cat "$tmp/venv-$name.log"
        continue
    fi
    "$venv/bin/python" -m pip install -q --no-index --no-deps "$wheel" >"$tmp/pip-$name.log" 2>&1 ||
        { cat "$tmp/pip-$name.log"; echo "FAIL: pip install the wheel ($name)"; status=1; continue; }
    echo "$name: $("$venv/bin/python" --version 2>&1) in a venv $opt: wheel installed"
    smoke "$name (wheel)" "$venv"
done
# `pip install ./bindings/python`, as the README says (Debian's setuptools and wheel)
if [ -x "$tmp/venv-debian/bin/python" ]; then
    "$tmp/venv-debian/bin/python" -m pip uninstall -q -y libbreach >/dev/null 2>&1
    if "$tmp/venv-debian/bin/python" -m pip install -q --no-build-isolation --no-index --no-deps \
        "$tmp/src/bindings/python" >"$tmp/pip-dir.log" 2>&1; then
        echo "debian: pip install --no-build-isolation --no-index bindings/python: installed"
        smoke "debian (pip install <dir>)" "$tmp/venv-debian"
    else
        cat "$tmp/pip-dir.log"
        echo "FAIL: pip install --no-build-isolation --no-index bindings/python"
        status=1
    fi
fi
[ "$ran" -gt 0 ] || { echo "run-wheel.sh: no venv could be made: skipped"; exit 77; }
[ $status -eq 0 ] && echo "PASS: $ran installs of the package smoke-tested"
exit $status
