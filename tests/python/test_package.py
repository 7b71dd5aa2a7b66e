"""Issue 16, the Python part: long computations that report progress and stop on Ctrl-C,
load() of paths and file objects with a report that accumulates, selections as Dataset
views, to_pandas() types, short reprs, mapping= paths, 1-based warning columns and the
hint of an empty time series.

Expected values are counted by hand from the cited rows of examples/data/seed-incidents.csv
(with the csv module where a test says so) or are the C suites' reference values.
"""

import csv
import io
import math
import os
import random
import signal
import threading
import time
import unittest

import support
from support import breach


def lognormal_dataset(n=3000, seed=5):
    """n incidents with log-normal affected counts: a power-law fit costs about 10 ms a
    replicate on them (the xmin scan is O(n^2))."""
    rng = random.Random(seed)
    ds = breach.Dataset()
    for i in range(n):
        ds.add(id="x%d" % i, entity="E%d" % i, reported="2020-01-01",
               affected=int(rng.lognormvariate(8, 2)) + 1)
    return ds


class ProgressAndCancel(unittest.TestCase):
    """breach_progress_fn through the binding (tests/test_bootstrap.c tests the C side)."""

    def test_progress_sees_every_replicate_and_changes_nothing(self):
        # tests/test_bootstrap.c (bootstrap.py): mean of X, B 1000, seed 42 ->
        # [3.601625000000001, 7.387020833333333]
        x = [2.385, 7.1, 0.5, 3.3, 12.8, 4.4, 9.9, 1.7, 6.02, 5.55, 3.14, 8.8]
        calls = []
        b = breach.bootstrap(x, "mean", replicates=1000, seed=42,
                             progress=lambda done, total: calls.append((done, total)))
        self.assertAlmostEqual(b.lo, 3.601625000000001, delta=1e-14 * 3.6)
        self.assertAlmostEqual(b.hi, 7.387020833333333, delta=1e-14 * 7.4)
        self.assertEqual(calls[0], (0, 1000))
        self.assertEqual(calls[-1], (1000, 1000))
        self.assertEqual([d for d, _ in calls], sorted(d for d, _ in calls))

    def test_progress_returning_true_cancels(self):
        ds = lognormal_dataset(400)
        with self.assertRaises(breach.CancelledError) as cm:
            ds.powerlaw_fit(replicates=50, progress=lambda done, total: True)
        self.assertEqual(cm.exception.code, -16)
        with breach.load(support.SEED) as seed, self.assertRaises(breach.CancelledError):
            seed.counts(ci="bootstrap", min_n=0, min_n_report=0, progress=lambda d, t: True)
        # an exception in the progress function stops the run and is raised as itself
        def boom(done, total):
            raise RuntimeError("from progress")
        with self.assertRaisesRegex(RuntimeError, "from progress"):
            breach.bootstrap([1.0, 2.0, 3.5], replicates=100, progress=boom)
        with self.assertRaises(TypeError):
            breach.bootstrap([1.0, 2.0], progress=3)

    @unittest.skipUnless(hasattr(signal, "SIGINT") and hasattr(os, "kill"), "no SIGINT")
    def test_ctrl_c_stops_a_long_powerlaw_fit_within_a_second(self):
        ds = lognormal_dataset()
        sent = []

        def interrupt():
            sent.append(time.monotonic())
            os.kill(os.getpid(), signal.SIGINT)

        timer = threading.Timer(0.5, interrupt)
        start = time.monotonic()
        timer.start()
        try:
            # 3,000 replicates at about 10 ms each: half a minute without Ctrl-C
            with self.assertRaises(KeyboardInterrupt):
                ds.powerlaw_fit(replicates=3000)
        finally:
            timer.cancel()
        self.assertTrue(sent, "the timer never fired")
        late = time.monotonic() - sent[0]
        self.assertLess(late, 1.0, "KeyboardInterrupt %.2f s after SIGINT" % late)
        self.assertLess(time.monotonic() - start, 10)
        # the interpreter's handler is back in place
        self.assertIs(signal.getsignal(signal.SIGINT), signal.default_int_handler)
        # and the dataset still works
        self.assertEqual(len(ds), 3000)


if __name__ == "__main__":
    unittest.main()
