"""examples/python/report.py runs on the seed and prints the story's figures as Markdown."""

import os
import subprocess
import sys
import tempfile
import unittest

import support

REPORT = os.path.join(support.TOP, "examples", "python", "report.py")


def run(*args):
    env = dict(os.environ)
    env["PYTHONPATH"] = support.BINDINGS + os.pathsep + env.get("PYTHONPATH", "")
    return subprocess.run([sys.executable, REPORT] + list(args), env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, timeout=120)


class Report(unittest.TestCase):
    def test_seed_report(self):
        r = run()
        self.assertEqual(r.returncode, 0, r.stderr)
        out = r.stdout
        self.assertTrue(out.startswith("# Breach report: seed-incidents.csv"))
        for needle in ("| NextGen Healthcare, Inc. | 2023-04-28 | US-ME | Maine | 3,913 | "
                       "1,049,375 | 0.3729 % |",
                       "| US-TX | Texas | 131,815 | 1,049,375 | 12.561",
                       "## Supply chain: Fortra GoAnywhere",
                       "individuals 5,643,196 .. unbounded",
                       "| undated | Blue Shield of California | unknown | upper bound only | 0 |",
                       "| 2023-05-26 | 4 | 5,153,366 |",
                       "## Repeat victims",
                       "(nextgen-2023-04-credentials) | 71 |"):
            with self.subTest(needle=needle):
                self.assertIn(needle, out)

    def test_options(self):
        r = run(support.SEED, "--vendor", "Fortra GoAnywhere", "--date-field", "reported",
                "--end", "2023-04-30")
        self.assertEqual(r.returncode, 0, r.stderr)
        # before Brightline's revision its first notice stands: 139,493 + 962,884 +
        # 3,037,303 + 964,300 = 5,103,980; Blue Shield (undated) is filtered out
        self.assertIn("individuals 5,103,980 (figures as given", r.stdout)
        self.assertIn("| NextGen Healthcare, Inc. | 2023-01-17 (nextgen-2023-01-alphv) | "
                      "2023-04-28 (nextgen-2023-04-credentials) | 101 |", r.stdout)

    def test_bad_input(self):
        with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as f:
            f.write("id,entity,reported\na,Acme,2023-02-30\nb,Beta,2023-01-01\n")
        try:
            r = run(f.name, "--format", "canonical")
            self.assertEqual(r.returncode, 1)
            self.assertIn(":2:", r.stderr)
            self.assertIn("2023-02-30", r.stderr)
            r = run(f.name, "--format", "canonical", "--lenient")
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertIn("1 incidents loaded from 2 rows (1 rejected)", r.stdout)
        finally:
            os.unlink(f.name)


if __name__ == "__main__":
    unittest.main()
