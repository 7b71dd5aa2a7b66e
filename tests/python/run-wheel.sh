#!/bin/sh
# automake TESTS entry: the Python package as users install it. Builds a wheel from a copy of
# the source tree's bindings/python (python3 -m build where the `build` module is installed:
# an sdist, then the wheel built from it; else pip wheel; never the network:
# --no-build-isolation --no-index), installs it into a fresh venv under each interpreter
# (python3 on PATH, whose venv has no setuptools `wheel` package; /usr/bin/python3,
# Debian's, with --system-site-packages so that its pandas is seen), installs
# `pip install --no-build-isolation --no-index <dir>` (the README's command) into both too,
# and runs tests/python/wheel_smoke.py there from outside the source tree, against this
# build's library (BREACH_BUILDDIR): breach.population() from the wheel's data included,
# with decoys three directories above the package (<venv>/lib/examples/data and
# <venv>/lib/include, which an installed package once took for a source tree's). The
# package declares Python >= 3.7: each older Python 3.7-3.10 found (pyenv's, or python3.X
# on PATH) must build the wheel offline with no extra package (the backend needed tomllib
# or tomli), give the same metadata, and pass the smoke test. A copy of bindings/python
# alone must be refused with a message naming include/breach/common.h (it has no version),
# and building writes nothing into the tree. Skips (77) when no venv can be made.
set -u
src=${BREACH_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
build=${BREACH_BUILDDIR:-$src/_build}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export PIP_NO_INDEX=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
want=$(sh "$src/version.sh")

# a copy of what the build reads (distcheck's source tree is read-only): the backend reads
# the version from ../../include/breach/common.h and the Census file from
# ../../examples/data
mkdir -p "$tmp/src/bindings" "$tmp/src/include/breach" "$tmp/src/examples/data"
cp -R "$src/bindings/python" "$tmp/src/bindings/python"
cp "$src/include/breach/common.h" "$tmp/src/include/breach/common.h"
cp "$src/examples/data/us-state-population-2024.csv" "$tmp/src/examples/data/"
rm -rf "$tmp/src/bindings/python/build" "$tmp/src/bindings/python/dist" \
    "$tmp/src/bindings/python/"*.egg-info "$tmp/src/bindings/python/.mypy_cache"
find "$tmp/src" -name __pycache__ -prune -exec rm -rf {} +
(cd "$tmp/src" && find . -type f | sort) >"$tmp/tree.before"

wheel=
for py in /usr/bin/python3 "$(command -v python3 2>/dev/null)"; do
    [ -x "$py" ] || continue
    "$py" -m pip --version >/dev/null 2>&1 || continue
    if "$py" -c 'import build' 2>/dev/null; then
        # an sdist, then the wheel built from it (the backend reads the version from its
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
    echo "run-wheel.sh: no interpreter with pip: package test skipped"
    exit 77
fi
# the build wrote nothing next to the sources (setuptools wrote build/ and *.egg-info)
(cd "$tmp/src" && find . -type f -not -path '*/__pycache__/*' | sort) >"$tmp/tree.after"
if ! cmp -s "$tmp/tree.before" "$tmp/tree.after"; then
    diff "$tmp/tree.before" "$tmp/tree.after"
    echo "FAIL: building the wheel wrote into the source tree"
    exit 1
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
need = ["breach/__init__.py", "breach/_lib.py", "breach/_version.py", "breach/py.typed",
        "breach/data/us-state-population-2024.csv"]
missing = [n for n in need if n not in names]
extra = [n for n in names if not n.startswith(("breach/", "libbreach-"))]
if missing or extra:
    sys.exit("FAIL: wheel lacks %s / has %s" % (missing, extra))
PY

status=0 ran=0
decoys() { # decoys VENV: what lies three directories above <VENV>/lib/pythonX.Y/site-packages/breach
    mkdir -p "$1/lib/examples/data" "$1/lib/include/breach"
    echo "not the package's Census file" >"$1/lib/examples/data/us-state-population-2024.csv"
    : >"$1/lib/include/breach.h"
    printf '#define BREACH_VERSION_MAJOR 9\n#define BREACH_VERSION_MINOR 9\n#define BREACH_VERSION_PATCH 9\n' \
        >"$1/lib/include/breach/common.h"
}
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
    decoys "$venv"
    echo "$name: $("$venv/bin/python" --version 2>&1) in a venv $opt: wheel installed"
    smoke "$name (wheel)" "$venv"
done
# the Pythons older than 3.11 (no tomllib) that the package claims: build offline with
# nothing installed but pip, the same METADATA as above, then install and smoke-test
old=0 seen_old=
for py in "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.7.*/bin/python3 \
    "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.8.*/bin/python3 \
    "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.9.*/bin/python3 \
    "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.10.*/bin/python3 \
    $(command -v python3.7 python3.8 python3.9 python3.10 2>/dev/null); do
    [ -x "$py" ] || continue
    v=$("$py" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null) || continue
    case " $seen_old " in *" $v "*) continue ;; esac
    seen_old="$seen_old $v"
    "$py" -m pip --version >/dev/null 2>&1 || { echo "python $v: no pip: skipped"; continue; }
    rm -rf "$tmp/dist-old"
    if ! "$py" -m pip wheel --no-build-isolation --no-index --no-deps -w "$tmp/dist-old" \
        "$tmp/src/bindings/python" >"$tmp/wheel-$v.log" 2>&1; then
        cat "$tmp/wheel-$v.log"
        echo "FAIL: python $v: pip wheel --no-build-isolation --no-index bindings/python"
        status=1
        continue
    fi
    oldwheel=$(ls "$tmp"/dist-old/libbreach-"$want"-py3-none-any.whl 2>/dev/null | head -1)
    if ! python3 - "$wheel" "$oldwheel" <<'PY'
import sys, zipfile
a, b = (zipfile.ZipFile(p) for p in sys.argv[1:3])
meta = lambda z: [z.read(n) for n in z.namelist() if n.endswith(".dist-info/METADATA")]
if sorted(a.namelist()) != sorted(b.namelist()) or meta(a) != meta(b):
    sys.exit("the wheels differ: %s / %s" % (sorted(a.namelist()), sorted(b.namelist())))
PY
    then
        echo "FAIL: python $v built another wheel than python3"
        status=1
        continue
    fi
    venv="$tmp/venv-$v"
    if ! "$py" -m venv "$venv" >"$tmp/venv-$v.log" 2>&1; then
        echo "python $v: no venv: install skipped"
        continue
    fi
    "$venv/bin/python" -m pip install -q --no-index --no-deps "$oldwheel" >"$tmp/pip-$v.log" 2>&1 ||
        { cat "$tmp/pip-$v.log"; echo "FAIL: python $v: pip install the wheel"; status=1; continue; }
    decoys "$venv"
    echo "python $v: built the wheel offline, installed it in a venv"
    smoke "python $v (its own wheel)" "$venv"
    old=$((old + 1))
done
[ "$old" -gt 0 ] || echo "no Python 3.7-3.10 found: the older Pythons' build not tested"
# `pip install --no-build-isolation --no-index ./bindings/python`, as the README says, into
# both venvs (the one of python3 on PATH has no `wheel` package: setuptools needed it)
for name in path debian; do
    venv="$tmp/venv-$name"
    [ -x "$venv/bin/python" ] || continue
    "$venv/bin/python" -m pip uninstall -q -y libbreach >/dev/null 2>&1
    if "$venv/bin/python" -m pip install -q --no-build-isolation --no-index --no-deps \
        "$tmp/src/bindings/python" >"$tmp/pip-dir-$name.log" 2>&1; then
        echo "$name: pip install --no-build-isolation --no-index bindings/python: installed"
        smoke "$name (pip install <dir>)" "$venv"
    else
        cat "$tmp/pip-dir-$name.log"
        echo "FAIL: pip install --no-build-isolation --no-index bindings/python ($name)"
        status=1
    fi
done
# a copy of bindings/python alone (vendored): refused, saying where the version comes from
# (setup.py raised a bare FileNotFoundError for PKG-INFO)
for name in path debian; do
    venv="$tmp/venv-$name"
    [ -x "$venv/bin/python" ] || continue
    cp -R "$tmp/src/bindings/python" "$tmp/alone"
    if "$venv/bin/python" -m pip install --no-build-isolation --no-index --no-deps \
        "$tmp/alone" >"$tmp/pip-alone.log" 2>&1; then
        echo "FAIL: a copy of bindings/python without the source tree was installed"
        status=1
    elif ! grep -q 'include/breach/common.h two directories above it' "$tmp/pip-alone.log"; then
        cat "$tmp/pip-alone.log"
        echo "FAIL: a copy of bindings/python alone: no message naming include/breach/common.h"
        status=1
    else
        echo "$name: a copy of bindings/python alone is refused with the build's message"
    fi
    rm -rf "$tmp/alone"
    break
done
[ "$ran" -gt 0 ] || { echo "run-wheel.sh: no venv could be made: skipped"; exit 77; }
[ $status -eq 0 ] && echo "PASS: $ran installs of the package smoke-tested ($old with Python 3.7-3.10)"
exit $status
