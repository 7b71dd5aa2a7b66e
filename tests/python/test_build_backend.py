"""The build backend's pyproject.toml reader, the Python floor the package declares, and
where an installed package looks for its own files (review rev-code, finding 3).

The backend imported tomllib (Python 3.11) or tomli, and declared no build requirement,
while pyproject.toml says requires-python >= 3.7: pip on 3.8-3.10 failed with "needs Python
3.11 or later (tomllib), or the tomli package". It now reads the file with a strict reader
of the TOML subset the file uses; tomllib's reading of the same text is the independent
figure. run-wheel.sh builds and installs the wheel with each Python 3.7-3.10 it finds."""

import ast
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

import support
from support import breach

BACKEND_DIR = os.path.join(support.BINDINGS, "build_backend")
PYPROJECT = os.path.join(support.BINDINGS, "pyproject.toml")
sys.path.insert(0, BACKEND_DIR)
import breach_backend as backend  # noqa: E402
sys.path.remove(BACKEND_DIR)

try:
    import tomllib
except ImportError:  # Python < 3.11
    tomllib = None


def read(text):
    return backend._Toml(text, "x.toml").parse()


# what the reader reads, each the way tomllib reads it
VALID = [
    "",
    "# only a comment\n\n",
    'a = "x" # comment\nb = \'lit\\\\eral\'\n',
    'a = "tab\\there \\"q\\" \\\\ \\u00e9 \\U0001F600"\n',
    "n = 0\nm = -12\np = +1_000\nt = true\nf = false\n",
    "a = [\n  \"x\",  # one\n  \"y\",\n]\nb = []\nc = [[1, 2], [\"z\"]]\n",
    "[project]\nname = \"x\"\n[project.optional-dependencies]\npandas = [\"pandas\"]\n",
    "[tool.mypy]\nstrict = true\n[[tool.mypy.overrides]]\nmodule = [\"a\"]\n"
    "[[tool.mypy.overrides]]\nmodule = [\"b\"]\nignore = true\n",
    "[a]\nb.c = 1\nb.d = \"e\"\n[ x . y ]\nz = 2\r\nw = 3\r\n",
]

# refused, with the place and the reason (some are TOML that the reader does not read)
INVALID = [
    ('a = """x"""\n', 1, 5, "a multi-line string"),
    ("a = 1.5\n", 1, 5, "a value the build backend does not read"),
    ("a = {b = 1}\n", 1, 5, "a value the build backend does not read"),
    ("a = 1979-05-27\n", 1, 5, "a value the build backend does not read"),
    ('"quoted" = 1\n', 1, 1, "expected a bare key"),
    ("[t]\nx = 1\n[t]\n", 3, 1, "table [t] is defined twice"),
    ("a = 1\na = 2\n", 2, 1, "key 'a' is defined twice"),
    ('x = 1\na = "open\n', 2, 5, "the string that starts here is not closed on its line"),
    ("a = [1 2]\n", 1, 8, "expected ',' or ']' in the array"),
    ("a = 1 b\n", 1, 7, "expected the end of the line"),
    ('a = "\\q"\n', 1, 6, "an escape TOML does not have"),
    ("a\n", 1, 2, "expected '=' after the key"),
    ("[t\n", 1, 3, "expected ']' to close the table header"),
    ("a = 1\n[a]\n", 2, 1, "table [a] is defined twice"),
    ("a = 1\n[a.b]\n", 2, 1, "'a' is a value, not a table"),
]


class Reader(unittest.TestCase):
    @unittest.skipIf(tomllib is None, "tomllib (Python 3.11) is the independent reading")
    def test_pyproject_reads_as_tomllib_reads_it(self):
        with open(PYPROJECT, "rb") as f:
            want = tomllib.load(f)
        self.assertEqual(backend.read_toml(PYPROJECT), want)
        self.assertEqual(backend._project(), want["project"])

    @unittest.skipIf(tomllib is None, "tomllib (Python 3.11) is the independent reading")
    def test_the_subset_reads_as_tomllib_reads_it(self):
        for text in VALID:
            with self.subTest(text=text):
                self.assertEqual(read(text), tomllib.loads(text))

    def test_anything_else_is_refused_with_line_and_column(self):
        for text, line, col, why in INVALID:
            with self.subTest(text=text):
                with self.assertRaises(backend.BuildError) as e:
                    read(text)
                self.assertTrue(str(e.exception).startswith("x.toml:%d:%d: %s" % (line, col, why)),
                                str(e.exception))

    def test_metadata_from_the_file(self):
        # pyproject.toml's [project]: name, description, requires-python and the pandas extra
        head = backend._metadata().split("\n\n", 1)[0].split("\n")
        self.assertEqual(head[1], "Name: libbreach")
        self.assertIn("Requires-Python: >=3.7", head)
        self.assertIn("Provides-Extra: pandas", head)
        self.assertIn('Requires-Dist: pandas; extra == "pandas"', head)

    def test_no_build_requirement_and_the_declared_floor_parses(self):
        # nothing to fetch: offline builds on every supported Python
        for hook in (backend.get_requires_for_build_wheel, backend.get_requires_for_build_sdist,
                     backend.get_requires_for_build_editable):
            self.assertEqual(hook(), [])
        floor = backend._project()["requires-python"]
        self.assertEqual(floor, ">=3.7")
        # the backend and the package use no syntax newer than the floor (run-wheel.sh runs
        # them on the older interpreters it finds)
        files = [os.path.join(BACKEND_DIR, "breach_backend.py")]
        pkg = os.path.join(support.BINDINGS, "breach")
        files += [os.path.join(pkg, n) for n in sorted(os.listdir(pkg)) if n.endswith(".py")]
        for path in files:
            with open(path, encoding="utf-8") as f:
                if sys.version_info >= (3, 8):
                    ast.parse(f.read(), path, feature_version=(3, 7))
                else:  # 3.7 itself: compiling is the check
                    compile(f.read(), path, "exec")


class InstalledLayout(unittest.TestCase):
    """A package installed in <venv>/lib/pythonX.Y/site-packages took <venv>/lib/examples/data
    (three directories up) as a source tree's examples/data before its own breach/data, and
    <venv>/lib/include/breach/common.h as its version."""

    def test_an_installed_package_takes_its_own_files(self):
        with tempfile.TemporaryDirectory() as tmp:
            lib = os.path.join(tmp, "venv", "lib")
            site = os.path.join(lib, "python3", "site-packages")
            shutil.copytree(os.path.join(support.BINDINGS, "breach"),
                            os.path.join(site, "breach"),
                            ignore=shutil.ignore_patterns("__pycache__", "_installed.py"))
            own = os.path.join(site, "breach", "data", "us-state-population-2024.csv")
            os.makedirs(os.path.dirname(own))
            shutil.copy(support.SEED.replace("seed-incidents.csv",
                                             "us-state-population-2024.csv"), own)
            # the decoys: what lies three directories above the package
            for rel, text in (("examples/data/us-state-population-2024.csv", "not the one\n"),
                              ("include/breach.h", "\n"),
                              ("include/breach/common.h",
                               "#define BREACH_VERSION_MAJOR 9\n#define BREACH_VERSION_MINOR 9\n"
                               "#define BREACH_VERSION_PATCH 9\n")):
                path = os.path.join(lib, *rel.split("/"))
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(path, "w") as f:
                    f.write(text)
            code = ("import breach, sys; from breach import _stats, _lib, _version\n"
                    "print(_stats.bundled_population_path())\n"
                    "print(_version.package_version())\n"
                    "print(any(d.startswith('build tree') for d, _ in _lib.candidates()))\n"
                    "print(breach.population()['US-ME'])\n")
            # this build's library, by a path that holds in the temporary directory
            env = dict(os.environ, PYTHONPATH=site, BREACH_LIBRARY=os.path.abspath(breach.library_path()))
            out = subprocess.run([sys.executable, "-c", code], cwd=tmp, env=env,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 universal_newlines=True, timeout=60)
            # the place first: before the fix the decoy was found, and population() failed
            self.assertEqual(out.stdout.split("\n")[0], own, out.stderr)
            self.assertEqual(out.returncode, 0, out.stderr)
            found, version, build_tree, maine = out.stdout.split("\n")[:4]
            self.assertNotEqual(version, "9.9.9")
            self.assertEqual(build_tree, "False")
            # Maine's POPESTIMATE2024, read with the csv module from the bundled file
            import csv
            with open(own, newline="", encoding="utf-8") as f:
                want = [r["POPESTIMATE2024"] for r in csv.DictReader(f) if r["NAME"] == "Maine"]
            self.assertEqual([maine], want)

    def test_the_source_tree_takes_examples_data(self):
        from breach import _stats, _version
        top = os.path.dirname(os.path.dirname(support.BINDINGS))
        self.assertTrue(os.path.samefile(_version.source_top(), top))
        self.assertTrue(os.path.samefile(
            _stats.bundled_population_path(),
            os.path.join(top, "examples", "data", "us-state-population-2024.csv")))


if __name__ == "__main__":
    unittest.main()
