"""Run by run-wheel.sh with a venv's interpreter, outside the source tree: the installed
package (not bindings/python) works against this build's library (BREACH_BUILDDIR).

The seed figure is row nextgen-2023-04-credentials of examples/data/seed-incidents.csv:
Maine residents 3,913 of 1,049,375 affected (0.3729 %)."""

import os
import subprocess
import sys

import breach

src = os.environ["BREACH_SRCDIR"]
pkg = os.path.dirname(os.path.abspath(breach.__file__))
assert pkg.startswith(os.path.realpath(sys.prefix)) or pkg.startswith(sys.prefix), \
    "breach imported from %s, not from the venv %s" % (pkg, sys.prefix)
assert os.path.isfile(os.path.join(pkg, "py.typed")), "py.typed not installed"
want = os.environ["BREACH_EXPECT_VERSION"]
assert breach.__version__ == want, (breach.__version__, want)
assert breach.library_version() == want, (breach.library_version(), want)

ds = breach.load(os.path.join(src, "examples", "data", "seed-incidents.csv"))
s = ds.region_share("nextgen-2023-04-credentials", "US-ME")
assert (s.part.value, s.whole.value) == (3913, 1049375), s
assert round(s.percent, 4) == 0.3729, s.percent
assert "Dataset" in repr(ds) and len(repr(ds)) < 200, repr(ds)

# the bundled Census file comes with the package (breach/data/, importlib.resources), not
# from the source tree: Washington's 2024 estimate as the csv module reads it
import csv  # noqa: E402
with open(os.path.join(src, "examples", "data", "us-state-population-2024.csv"),
          newline="", encoding="utf-8") as f:
    wa = [int(r["POPESTIMATE2024"]) for r in csv.DictReader(f) if r["NAME"] == "Washington"]
assert len(wa) == 1, wa
from breach import _stats  # noqa: E402
found = _stats.bundled_population_path()
assert found is not None and os.path.realpath(found).startswith(os.path.realpath(pkg)), found
pop = breach.population()
assert pop["US-WA"] == wa[0], (pop["US-WA"], wa[0])
assert pop.year == 2024, pop.year

# BREACH_LIBRARY is honoured by the installed package too
lib = os.path.join(os.environ["BREACH_BUILDDIR"], "libbreach", ".libs", "libbreach.so.0")
env = dict(os.environ, BREACH_LIBRARY=lib)
env.pop("BREACH_BUILDDIR")
out = subprocess.run([sys.executable, "-c", "import breach; print(breach.library_path())"],
                     env=env, stdout=subprocess.PIPE, universal_newlines=True, check=True)
assert out.stdout.strip() == lib, out.stdout

try:
    import pandas  # noqa: F401
except ImportError:
    pandas = None
if pandas is not None:
    df = ds.to_pandas()
    assert str(df["reported"].dtype) == "datetime64[ns]", df.dtypes
    assert str(df["affected"].dtype) == "Int64", df.dtypes
print("wheel smoke: %s %s from %s, libbreach %s at %s%s"
      % (sys.executable, breach.__version__, pkg, breach.library_version(),
         breach.library_path(), ", pandas %s" % pandas.__version__ if pandas else ""))
