"""Reference values for breach_counts over enumerated attributes (test_attr.c and
tests/python/test_shared_data.py): verisr's getenumCI recomputed with pandas over the
VCDB JSON, independently of libbreach.

Run:  /usr/bin/python3 tests/reference/getenumci.py [path/to/vcdb.json.zip]
      (Debian python3-pandas, python3-scipy)

verisr (vz-risk/verisr, R/getenum.R, getenumCI) turns every enumeration into logical
columns (action.hacking.variety.SQLi, ...). For an enumeration, with unk = FALSE:
  n    = records with at least one TRUE column of the enumeration other than *.Unknown
         (and *.NA when na = FALSE);
  x    = column sums (records carrying each value), freq = x / n;
  the Unknown row keeps its x with n and freq NA;
  by   = the same over the records whose by column is TRUE, for each by value.
Wilson intervals: scipy.stats.binomtest(x, n).proportion_ci(method="wilson"). The chi-square
of independence: scipy.stats.chi2_contingency(correction=False) over the known x known table
of two single-valued enumerations.
"""
import json
import sys
import zipfile

import pandas as pd
from scipy import stats

path = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/vcdb/vcdb.json.zip"
records = json.load(zipfile.ZipFile(path).open("vcdb.json"))


def values(rec, dotted):
    """Every string at a dotted path, stepping through lists (as the schema nests them)."""
    out = []

    def walk(v, parts):
        if isinstance(v, list):
            for e in v:
                walk(e, parts)
        elif not parts:
            if isinstance(v, str):
                out.append(v)
        elif isinstance(v, dict) and parts[0] in v:
            walk(v[parts[0]], parts[1:])

    walk(rec, dotted.split("."))
    return set(out)


def logical(enum):
    """verisr's logical columns of one enumeration: a DataFrame of booleans."""
    rows = [values(r, enum) for r in records]
    names = sorted(set().union(*rows))
    return pd.DataFrame({v: [v in r for r in rows] for v in names})


def actor_columns():
    rows = [set(k.capitalize() for k in r.get("actor", {})
                if k in ("external", "internal", "partner", "unknown")) for r in records]
    names = sorted(set().union(*rows))
    return pd.DataFrame({v: [v in r for r in rows] for v in names})


def getenum(df, mask=None):
    if mask is not None:
        df = df[mask.values]
    known = [c for c in df.columns if c != "Unknown" and c != "NA"]
    n = int(df[known].any(axis=1).sum())
    x = df.sum().astype(int)
    return n, x


def wilson(x, n):
    ci = stats.binomtest(int(x), int(n)).proportion_ci(confidence_level=0.95, method="wilson")
    return ci.low, ci.high


print("# getenumCI(vcdb, 'action.hacking.variety', ci.method='wilson')")
hv = logical("action.hacking.variety")
n, x = getenum(hv)
print("n", n, "unknown x", int(x.get("Unknown", 0)), "not stated",
      len(records) - int(hv.any(axis=1).sum()))
for v in ["Use of stolen creds", "SQLi", "Brute force"]:
    lo, hi = wilson(x[v], n)
    print("%-22s x=%d freq=%.17g lo=%.17g hi=%.17g" % (v, x[v], x[v] / n, lo, hi))

print("# getenumCI(vcdb, 'attribute.confidentiality.data.variety', by='actor', "
      "ci.method='wilson')")
dv = logical("attribute.confidentiality.data.variety")
act = actor_columns()
for col in ["External", "Internal", "Partner", "Unknown"]:
    n, x = getenum(dv, act[col])
    lo, hi = wilson(x["Medical"], n)
    print("by %-8s incidents=%d n=%d Medical x=%d freq=%.17g lo=%.17g hi=%.17g Unknown x=%d"
          % (col, int(act[col].sum()), n, x["Medical"], x["Medical"] / n, lo, hi,
             int(x.get("Unknown", 0))))

print("# chi-square of independence: victim.employee_count x "
      "attribute.confidentiality.data_disclosure (known x known)")
emp = [values(r, "victim.employee_count") for r in records]
dis = [values(r, "attribute.confidentiality.data_disclosure") for r in records]
assert all(len(e) <= 1 for e in emp) and all(len(d) <= 1 for d in dis)
pairs = pd.DataFrame({"emp": [next(iter(e)) if e else None for e in emp],
                      "dis": [next(iter(d)) if d else None for d in dis]})
known = pairs[pairs.emp.notna() & pairs.dis.notna() & (pairs.emp != "Unknown") &
              (pairs.dis != "Unknown")]
table = pd.crosstab(known.emp, known.dis)
chi2, p, dof, expected = stats.chi2_contingency(table.values, correction=False)
print("table %dx%d N=%d chi2=%.17g df=%d p=%.17g min_expected=%.17g below5=%d"
      % (table.shape[0], table.shape[1], int(table.values.sum()), chi2, dof, p,
         expected.min(), int((expected < 5).sum())))
