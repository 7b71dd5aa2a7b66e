"""to_pandas(): optional. With pandas, the frames hold the same figures as the result
objects; without it, to_pandas() raises an ImportError that says what to install, and
importing breach never needs pandas."""

import math
import os
import sys
import unittest

import support
from support import breach

pandas = support.pandas_or_none()


class WithoutPandas(unittest.TestCase):
    def test_breach_does_not_import_pandas(self):
        r = support.run_python("import sys, breach\n"
                               "ds = breach.load(sys.argv[1]); ds.supply_chain('x'); ds.repeats()\n"
                               "print('pandas' in sys.modules)\n", args=[support.SEED])
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.strip(), "False")

    @unittest.skipIf(pandas is not None, "pandas is installed in %s" % sys.executable)
    def test_clear_import_error(self):
        with breach.load(support.SEED) as ds:
            for obj in (ds, ds.region_shares(), ds.supply_chain("Fortra GoAnywhere"),
                        ds.repeats(), ds.report, ds.region_share(1, "US-ME")):
                with self.subTest(type=type(obj).__name__):
                    with self.assertRaises(ImportError) as cm:
                        obj.to_pandas()
                    self.assertIn("pip install pandas", str(cm.exception))


@unittest.skipIf(pandas is None, "pandas is not installed in %s (optional)" % sys.executable)
class WithPandas(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ds = breach.load(support.SEED)

    @classmethod
    def tearDownClass(cls):
        cls.ds.close()

    def test_empty_tables_keep_their_dtypes(self):
        """A table with no row had id / region columns float64 (review rev-python, nit), so
        concatenating an empty frame with a full one upcast them."""
        pd = support.pandas_or_none()
        if pd is None:
            self.skipTest("pandas is not installed")
        empty = breach.Dataset([breach.Incident(id="a", entity="A", reported="2024-01-01")])
        for table in ("incidents", "regions", "categories", "types", "locations", "inputs"):
            full = self.ds.to_pandas(table)
            none = (breach.Dataset().to_pandas("inputs") if table == "inputs"
                    else empty.to_pandas(table, vendor="nobody"))
            self.assertEqual(len(none), 0, table)
            self.assertEqual(dict(none.dtypes.astype(str)), dict(full.dtypes.astype(str)), table)
        both = pd.concat([empty.to_pandas("regions"), self.ds.to_pandas("regions")])
        self.assertEqual(str(both["region"].dtype), "object")
        self.assertEqual(str(both["id"].dtype), "object")

    def test_incidents_frame(self):
        df = self.ds.to_pandas()
        self.assertEqual(len(df), 9)
        row = df[df["id"] == "nextgen-2023-04-credentials"].iloc[0]
        self.assertEqual(row["affected"], 1049375)
        self.assertEqual(row["entity_key"], "nextgen healthcare")
        self.assertEqual(row["reported"].date().isoformat(), "2023-04-28")
        self.assertEqual(len(self.ds.to_pandas(vendor="Fortra GoAnywhere")), 6)
        self.assertEqual(len(breach.Dataset().to_pandas()), 0)

    def test_supply_chain_frames(self):
        sc = self.ds.supply_chain("Fortra GoAnywhere")
        m = sc.to_pandas()
        self.assertEqual(len(m), 6)
        self.assertEqual(int(m[m["role"] == "counted"]["affected"].sum()), 5643196)
        c = sc.to_pandas("curve")
        self.assertEqual(list(c["affected_lower"]), [p.lower for p in sc.curve])
        with self.assertRaises(ValueError):
            sc.to_pandas("nope")

    def test_region_and_repeat_frames(self):
        rs = self.ds.region_shares().to_pandas()
        self.assertEqual(list(rs["region"]), ["US-TX", "US-WA", "US-ME"])
        self.assertEqual(list(rs["affected"]), [131815, 51453, 3913])
        rep = self.ds.repeats().to_pandas()
        self.assertEqual(list(rep["days"]), [71])
        one = self.ds.region_share(1, "US-ME").to_pandas()
        self.assertTrue(math.isclose(one["share"][0], 3913 / 1049375))

    def test_report_frame(self):
        ds = breach.loads("id,entity,reported\na,Acme,2023-02-30\nb,Beta,2023-01-01\n",
                          lenient=True)
        df = ds.report.to_pandas()
        self.assertEqual(list(df.columns), ["source", "line", "column", "row", "code", "text"])
        self.assertEqual(list(df["code"]), [-5])


@unittest.skipIf(pandas is None, "pandas is not installed in %s (optional)" % sys.executable)
class NoFigureColumn(unittest.TestCase):
    """Every frame of totals has <name>_n_unknown, the notices that gave no figure, as the
    result's rows and breachstat's "no figure" column have it. By hand from
    tests/data/no-figure.csv: hacking n1 1,000, n2 none, n4 none, n6 >=700 (2 of 4 without);
    2022 n2, 2023 n4; US-CA n2, US-TX n4, US-WA none; all individuals: n2 and n4 of 7. From
    tests/data/regions-blank.csv: US-WA blank in a1 and a3 (2 of 3), US-OR in a3 (1 of 2)."""

    @classmethod
    def setUpClass(cls):
        data = os.path.join(support.TOP, "tests", "data")
        cls.nf = breach.load(os.path.join(data, "no-figure.csv"))
        cls.rb = breach.load(os.path.join(data, "regions-blank.csv"))

    @classmethod
    def tearDownClass(cls):
        cls.nf.close()
        cls.rb.close()

    def column(self, df, key, name="affected"):
        self.assertEqual(str(df[name + "_n_unknown"].dtype), "Int64")
        return {k: int(n) for k, n in zip(df[key], df[name + "_n_unknown"])}

    def test_counts_timeseries_overview(self):
        c = self.column(self.nf.counts(min_n_report=0).to_pandas(), "label")
        self.assertEqual((c["hacking"], c["theft"], c["loss"]), (2, 0, 0))
        by_year = self.nf.timeseries(by="year").to_pandas()
        self.assertEqual(self.column(by_year.assign(year=by_year["start"].dt.year), "year"),
                         {2022: 1, 2023: 1})
        region = self.nf.counts("region", min_n_report=0).to_pandas()
        self.assertEqual({k: v for k, v in self.column(region, "label").items()
                          if k.startswith("US-")}, {"US-CA": 1, "US-TX": 1, "US-WA": 0})
        self.assertEqual(self.column(self.nf.overview().to_pandas(), "unit"),
                         {"individuals": 2})

    def test_regions_and_rates(self):
        self.assertEqual(self.column(self.rb.region_shares().to_pandas(), "region"),
                         {"US-WA": 2, "US-OR": 1})
        self.assertEqual(self.column(self.rb.percapita().to_pandas(), "region"),
                         {"US-WA": 2, "US-OR": 1})

    def test_curve_has_no_count_to_give(self):
        # the library's curve points keep bounds only: no column made up as 0
        c = self.nf.supply_chain("Acme Files").to_pandas("curve")
        self.assertNotIn("affected_n_unknown", c.columns)


if __name__ == "__main__":
    unittest.main()
