"""to_pandas(): optional. With pandas, the frames hold the same figures as the result
objects; without it, to_pandas() raises an ImportError that says what to install, and
importing breach never needs pandas."""

import math
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


if __name__ == "__main__":
    unittest.main()
