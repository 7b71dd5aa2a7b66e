"""Shared helpers of the Python suites: where the package, the seed data and the shared
data are, and how to skip when something optional is absent.

Importing this module puts bindings/python first on sys.path, so the suites test the
uninstalled package of this source tree against the library that BREACH_BUILDDIR or
BREACH_LIBRARY names (see breach._lib for the search order).
"""

import os
import subprocess
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.environ.get("BREACH_SRCDIR") or os.path.normpath(os.path.join(HERE, os.pardir, os.pardir))
BINDINGS = os.path.join(TOP, "bindings", "python")
if BINDINGS not in sys.path:
    sys.path.insert(0, BINDINGS)

import breach  # noqa: E402  (after the sys.path change on purpose)

SEED = os.path.join(TOP, "examples", "data", "seed-incidents.csv")
SHARED_DATA = os.environ.get("BREACH_SHARED_DATA") or os.path.normpath(
    os.path.join(TOP, os.pardir, "shared", "data"))


def shared(*parts):
    """Path of a file under the shared data directory; skips the test when it is absent."""
    path = os.path.join(SHARED_DATA, *parts)
    if not os.path.exists(path):
        raise unittest.SkipTest(
            "shared data not found: %s (set BREACH_SHARED_DATA to the directory holding "
            "../shared/data to run this test)" % path)
    return path


def pandas_or_none():
    try:
        import pandas
        return pandas
    except ImportError:
        return None


def tool_env():
    """The environment for running a compiler or another tool: without the sanitizer
    runtime that a sanitizer build preloads into the interpreter (a preloaded runtime in gcc
    reports gcc's own leaks and leaves a symbolizer holding our pipes open)."""
    return {k: v for k, v in os.environ.items() if k not in ("LD_PRELOAD", "ASAN_OPTIONS")}


def under_asan():
    """Whether AddressSanitizer is loaded into this process (RSS means little then: its
    quarantine keeps freed memory)."""
    try:
        with open("/proc/self/maps") as f:
            maps = f.read()
        return "libasan" in maps or "libclang_rt.asan" in maps  # GCC's or clang's runtime
    except OSError:
        return False


def run_python(code, env=None, args=()):
    """Runs code in a fresh interpreter (the one running the tests) with this package on
    its path; returns the CompletedProcess."""
    e = dict(os.environ)
    e["PYTHONPATH"] = BINDINGS + os.pathsep + e.get("PYTHONPATH", "")
    if env:
        for k, v in env.items():
            if v is None:
                e.pop(k, None)
            else:
                e[k] = v
    return subprocess.run([sys.executable, "-c", code] + list(args), env=e,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, timeout=120)
