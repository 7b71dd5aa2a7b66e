"""Finding and registering the library: search order, clear errors for a missing library
or missing symbols, the version. test_layout.py compares the ctypes structures with the
headers."""

import ctypes
import os
import re
import shutil
import subprocess
import unittest

import support
from support import breach
from breach import _lib


class Finding(unittest.TestCase):
    def test_loaded_from_the_requested_build(self):
        path = breach.library_path()
        if os.environ.get("BREACH_LIBRARY"):
            self.assertEqual(path, os.environ["BREACH_LIBRARY"])
        elif os.environ.get("BREACH_BUILDDIR"):
            self.assertEqual(os.path.realpath(os.path.dirname(path)), os.path.realpath(
                os.path.join(os.environ["BREACH_BUILDDIR"], "libbreach", ".libs")))

    def test_candidates_order(self):
        r = support.run_python(
            "from breach import _lib\n"
            "for how, p in _lib.candidates(): print(how, '|', p)\n",
            env={"BREACH_LIBRARY": None, "BREACH_BUILDDIR": "/some/build"})
        self.assertEqual(r.returncode, 0, r.stderr)
        lines = r.stdout.splitlines()
        self.assertEqual(lines[0], "BREACH_BUILDDIR | /some/build/libbreach/.libs/libbreach.so")
        self.assertTrue(lines[1].startswith("build tree next to the package | "))
        self.assertTrue(lines[1].endswith(os.path.join("_build", "libbreach", ".libs",
                                                       "libbreach.so")))
        r = support.run_python(
            "from breach import _lib\nprint(_lib.candidates())\n",
            env={"BREACH_LIBRARY": "/x/libbreach.so", "BREACH_BUILDDIR": "/some/build"})
        self.assertEqual(r.stdout.strip(), "[('BREACH_LIBRARY', '/x/libbreach.so')]")

    def test_missing_library_is_a_clear_error(self):
        code = ("import breach\n"
                "try:\n"
                "    breach.load('x.csv')\n"
                "except breach.LibraryError as e:\n"
                "    assert isinstance(e, ImportError)\n"
                "    print(e)\n")
        r = support.run_python(code, env={"BREACH_LIBRARY": "/nonexistent/libbreach.so"})
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("libbreach (the C library under this package) was not found", r.stdout)
        self.assertIn("BREACH_LIBRARY: /nonexistent/libbreach.so (no such file)", r.stdout)
        self.assertIn("To fix", r.stdout)
        self.assertIn("BREACH_BUILDDIR", r.stdout)

    def test_not_a_library(self):
        r = support.run_python(
            "import breach\ntry:\n    breach.Dataset()\nexcept breach.LibraryError as e:\n"
            "    print(e)\n", env={"BREACH_LIBRARY": support.SEED})
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("BREACH_LIBRARY: " + support.SEED, r.stdout)
        self.assertIn("To fix", r.stdout)

    def test_import_works_without_the_library(self):
        r = support.run_python("import breach; print(breach.Count)",
                               env={"BREACH_LIBRARY": "/nonexistent/libbreach.so"})
        self.assertEqual(r.returncode, 0, r.stderr)


class Registration(unittest.TestCase):
    def register_with(self, extra):
        saved = list(_lib.FUNCTIONS)
        _lib.FUNCTIONS.append(extra)
        try:
            path = breach.library_path()
            return _lib.Library(ctypes.CDLL(path), path)
        finally:
            _lib.FUNCTIONS[:] = saved

    def test_missing_required_symbol(self):
        with self.assertRaises(breach.LibraryError) as cm:
            self.register_with(_lib.Fn("breach_not_there_yet", [], ctypes.c_int))
        msg = str(cm.exception)
        self.assertIn("breach_not_there_yet", msg)
        self.assertIn("rebuild libbreach", msg)
        self.assertIn(breach.library_path(), msg)

    def test_missing_optional_symbol_fails_when_called(self):
        L = self.register_with(_lib.Fn("breach_future_loader", [], ctypes.c_int, optional=True))
        with self.assertRaises(breach.LibraryError) as cm:
            L.breach_future_loader()
        self.assertIn("breach_future_loader", str(cm.exception))
        self.assertIsNotNone(L.breach_dataset_new)

    def test_every_row_is_registered(self):
        L = _lib.lib()
        names = [fn.name for fn in _lib.FUNCTIONS]
        self.assertEqual(len(names), len(set(names)), "a function is listed twice")
        for name in names:
            f = getattr(L, name)
            self.assertTrue(callable(f), name)

    def declared(self):
        inc = os.path.join(support.TOP, "include", "breach")
        if not os.path.isdir(inc):
            self.skipTest("headers not found at %s" % inc)
        names = set()
        for h in os.listdir(inc):
            with open(os.path.join(inc, h), encoding="utf-8") as f:
                text = f.read()
            for m in re.finditer(r"BREACH_API[^;{]*?\b(breach_\w+)\s*\(", text):
                names.add(m.group(1))
        return names

    def test_table_rows_are_declared(self):
        """Every row of the table names a function of the public headers."""
        stale = sorted({fn.name for fn in _lib.FUNCTIONS} - self.declared())
        self.assertEqual(stale, [], "rows of breach._lib.FUNCTIONS that no header declares")

    # Public functions that the binding does not register, on purpose. Keep it short: a
    # function of the C API that is neither registered nor listed here fails the test
    # below, so a C function added without a binding is noticed at once.
    NOT_WRAPPED = {
        # FILE *: the _file forms serve Python
        "breach_csv_write", "breach_json_write",
        # an output file as a FILE *: write_csv() / write_json() follow its rules through
        # the _file forms
        "breach_output_open", "breach_output_stream", "breach_output_close",
        # helpers whose work the Python types do themselves
        "breach_date_none", "breach_date_is_known", "breach_date_to_ymd",
        "breach_count_unknown", "breach_count_exact", "breach_total_zero",
        "breach_total_merge", "breach_incident_event_date",
        # process-wide memory functions: for C programs, before any other call
        "breach_set_alloc_funcs",
    }

    def exported(self):
        """The breach_ functions that the loaded libbreach exports (nm -D), or None when
        nm is not at hand."""
        nm = shutil.which("nm")
        if not nm:
            return None
        r = subprocess.run([nm, "-D", "--defined-only", breach.library_path()],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           universal_newlines=True, env=support.tool_env())
        if r.returncode != 0:
            return None
        return {parts[2] for parts in (line.split() for line in r.stdout.splitlines())
                if len(parts) == 3 and parts[1] in "TW" and parts[2].startswith("breach_")}

    def test_table_covers_the_library(self):
        """Every breach_ function that the library exports (and that the headers declare)
        is registered in breach._lib.FUNCTIONS or allow-listed in NOT_WRAPPED."""
        registered = {fn.name for fn in _lib.FUNCTIONS}
        public = set(self.declared())
        exported = self.exported()
        if exported is not None:
            public |= exported
        todo = sorted(public - registered - self.NOT_WRAPPED)
        self.assertEqual(todo, [], "public libbreach function(s) without a row in "
                         "breach._lib.FUNCTIONS: register them (or, if they make no sense "
                         "in Python, add them to NOT_WRAPPED with the reason)")

    def test_allow_list_is_current(self):
        """NOT_WRAPPED names only functions that exist, and none that is registered."""
        public = self.declared()
        exported = self.exported()
        if exported is not None:
            public |= exported
        self.assertEqual(sorted(self.NOT_WRAPPED - public), [], "stale NOT_WRAPPED entries")
        registered = {fn.name for fn in _lib.FUNCTIONS}
        self.assertEqual(sorted(self.NOT_WRAPPED & registered), [],
                         "registered and allow-listed at once")

    def test_exported_rows_are_bound(self):
        """Every row of the table is exported by this library (optional rows included: the
        library under test is built from the same tree)."""
        exported = self.exported()
        if exported is None:
            self.skipTest("nm not found: cannot list the library's exports")
        self.assertEqual(sorted({fn.name for fn in _lib.FUNCTIONS} - exported), [])
        self.assertEqual(sorted(_lib.lib().absent), [])

    def test_version(self):
        with open(os.path.join(support.TOP, "include", "breach", "common.h")) as f:
            text = f.read()
        parts = [re.search(r"#define BREACH_VERSION_%s (\d+)" % p, text).group(1)
                 for p in ("MAJOR", "MINOR", "PATCH")]
        self.assertEqual(breach.library_version(), ".".join(parts))


if __name__ == "__main__":
    unittest.main()
