"""Finding and registering the library: search order, clear errors for a missing library
or missing symbols, the version, and the ctypes structure layouts against the headers."""

import ctypes
import os
import re
import shutil
import subprocess
import tempfile
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


class Layout(unittest.TestCase):
    """sizeof and offsetof of every mirrored struct, from a C program compiled against the
    headers, against ctypes'. Skipped when no C compiler is at hand."""

    STRUCTS = {
        "breach_error": _lib.Error, "breach_date": _lib.Date, "breach_count": _lib.Count,
        "breach_total": _lib.Total, "breach_region_count": _lib.RegionCount,
        "breach_incident": _lib.Incident, "breach_filter": _lib.Filter,
        "breach_issue": _lib.Issue, "breach_load_options": _lib.LoadOptions,
        "breach_share": _lib.Share, "breach_region_row": _lib.RegionRow,
        "breach_region_shares": _lib.RegionShares,
        "breach_supply_member": _lib.SupplyMember, "breach_supply_point": _lib.SupplyPoint,
        "breach_supply_chain": _lib.SupplyChain, "breach_repeat_options": _lib.RepeatOptions,
        "breach_repeat_interval": _lib.RepeatInterval,
        "breach_repeat_summary": _lib.RepeatSummary, "breach_repeats": _lib.Repeats,
        # the statistics layer
        "breach_interval": _lib.Interval,
        "breach_bootstrap_options": _lib.BootstrapOptions, "breach_bootstrap": _lib.Bootstrap,
        "breach_counts_options": _lib.CountsOptions, "breach_count_row": _lib.CountRow,
        "breach_count_col": _lib.CountCol, "breach_count_cell": _lib.CountCell,
        "breach_counts": _lib.Counts, "breach_timeseries_options": _lib.TimeseriesOptions,
        "breach_period_count": _lib.PeriodCount, "breach_chisq_test": _lib.ChisqTest,
        "breach_dispersion_test": _lib.DispersionTest, "breach_timeseries": _lib.Timeseries,
        "breach_sizes": _lib.Sizes, "breach_lognormal_options": _lib.LognormalOptions,
        "breach_lognormal": _lib.Lognormal, "breach_powerlaw_options": _lib.PowerlawOptions,
        "breach_powerlaw": _lib.Powerlaw, "breach_vuong": _lib.Vuong,
        "breach_survival_options": _lib.SurvivalOptions, "breach_km_step": _lib.KmStep,
        "breach_survival": _lib.Survival, "breach_percapita_row": _lib.PercapitaRow,
        "breach_percapita": _lib.Percapita, "breach_link_options": _lib.LinkOptions,
        "breach_link": _lib.Link, "breach_links": _lib.Links,
        "breach_format_overlap": _lib.FormatOverlap,
        # inputs and the overview
        "breach_input_info": _lib.InputInfo, "breach_overlap": _lib.Overlap,
        "breach_overview": _lib.Overview, "breach_notice_share": _lib.NoticeShare,
        "breach_notice_shares": _lib.NoticeShares, "breach_vendor_row": _lib.VendorRow,
        "breach_vendors": _lib.Vendors,
        # enumerated attributes
        "breach_field_info": _lib.FieldInfo, "breach_value_info": _lib.ValueInfo,
        "breach_attr": _lib.Attr, "breach_flag_count": _lib.FlagCount,
    }

    def test_every_struct_is_checked(self):
        """Every struct that the function table passes or returns, and every struct nested
        in one, has its layout checked (opaque handles aside)."""
        seen = set()

        def visit(t):
            while t is not None and not isinstance(getattr(t, "_type_", ""), str):
                t = t._type_  # POINTER(X) -> X, arrays -> their element
            if isinstance(t, type) and issubclass(t, ctypes.Structure) and t not in seen:
                fields = getattr(t, "_fields_", None)
                if fields:  # opaque handles have none
                    seen.add(t)
                    for _, ft in fields:
                        visit(ft)

        for fn in _lib.FUNCTIONS:
            for t in list(fn.argtypes) + [fn.restype]:
                visit(t)
        self.assertEqual(sorted(c.__name__ for c in seen - set(self.STRUCTS.values())), [])

    def test_layouts_match_headers(self):
        cc = shutil.which(os.environ.get("CC", "cc")) or shutil.which("gcc")
        inc = os.path.join(support.TOP, "include")
        if not cc or not os.path.isdir(inc):
            self.skipTest("no C compiler or headers to compare layouts with")
        lines = ["#include <stdio.h>", "#include <stddef.h>", "#include <breach.h>",
                 "int main(void) {"]
        expected = []
        for cname, cls in sorted(self.STRUCTS.items()):
            lines.append('printf("%s %%zu\\n", sizeof(%s));' % (cname, cname))
            expected.append("%s %d" % (cname, ctypes.sizeof(cls)))
            for fname, _ in cls._fields_:
                cfield = "from" if fname == "from_" else fname
                lines.append('printf("%s.%s %%zu\\n", offsetof(%s, %s));'
                             % (cname, cfield, cname, cfield))
                expected.append("%s.%s %d" % (cname, cfield, getattr(cls, fname).offset))
        lines.append("return 0; }")
        tmp = tempfile.mkdtemp()
        try:
            src, exe = os.path.join(tmp, "layout.c"), os.path.join(tmp, "layout")
            with open(src, "w") as f:
                f.write("\n".join(lines) + "\n")
            r = subprocess.run([cc, "-std=c11", "-I", inc, src, "-o", exe],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               universal_newlines=True, env=support.tool_env())
            if r.returncode != 0:
                self.fail("layout probe did not compile:\n" + r.stdout)
            out = subprocess.run([exe], stdout=subprocess.PIPE, universal_newlines=True,
                                 env=support.tool_env()).stdout
        finally:
            shutil.rmtree(tmp)
        self.assertEqual(out.splitlines(), expected)


if __name__ == "__main__":
    unittest.main()
