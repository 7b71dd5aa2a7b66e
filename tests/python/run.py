#!/usr/bin/env python3
"""Runs every Python suite (tests/python/test_*.py) with unittest against the uninstalled
package of this source tree and the library that BREACH_BUILDDIR / BREACH_LIBRARY names.

    BREACH_BUILDDIR=_build python3 tests/python/run.py [-v] [-k PATTERN] [module ...]

Its last line is `TALLY: passed=N failed=M skipped=K` (failed counts failures and
errors; a test counts once however many subtests it has). Exit status: 0 when nothing
failed, 1 otherwise (a run of no test at all included), 2 when the library cannot be
found at all.
"""

import argparse
import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)


class TallyResult(unittest.TextTestResult):
    """Counts outcomes per test (subtests folded into their test)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.ids_failed, self.ids_skipped, self.ids_run = set(), set(), set()

    @staticmethod
    def _id(test):
        parent = getattr(test, "test_case", None)  # a _SubTest
        return (parent or test).id()

    def startTest(self, test):
        super().startTest(test)
        self.ids_run.add(test.id())

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self.ids_failed.add(self._id(test))

    def addError(self, test, err):
        super().addError(test, err)
        self.ids_failed.add(self._id(test))

    def addUnexpectedSuccess(self, test):
        super().addUnexpectedSuccess(test)
        self.ids_failed.add(self._id(test))

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self.ids_skipped.add(self._id(test))

    def addSubTest(self, test, subtest, err):
        super().addSubTest(test, subtest, err)
        if err is not None:
            if issubclass(err[0], test.failureException) or not issubclass(
                    err[0], unittest.SkipTest):
                self.ids_failed.add(test.id())

    def tally(self):
        failed = self.ids_failed
        skipped = self.ids_skipped - failed
        # a class or module skipped in setUpClass never starts its tests: one skip each
        passed = self.ids_run - failed - skipped
        return len(passed), len(failed), len(skipped)


def main(argv=None):
    ap = argparse.ArgumentParser(description="Run the libbreach Python suites.")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("-k", dest="patterns", action="append",
                    help="only tests whose name contains this (unittest -k)")
    ap.add_argument("modules", nargs="*", help="test modules (default: every test_*.py)")
    a = ap.parse_args(argv)

    try:
        import support
        support.breach._lib.lib()
    except ImportError as e:
        print("run.py: %s" % e)
        print("TALLY: passed=0 failed=1 skipped=0")
        return 2
    print("run.py: %s, breach from %s, libbreach %s at %s" % (
        sys.executable, os.path.dirname(support.breach.__file__),
        support.breach.library_version(), support.breach.library_path()))

    loader = unittest.TestLoader()
    if a.patterns:
        loader.testNamePatterns = ["*%s*" % p for p in a.patterns]
    if a.modules:
        suite = loader.loadTestsFromNames([m[:-3] if m.endswith(".py") else m
                                           for m in a.modules])
    else:
        suite = loader.discover(HERE, pattern="test_*.py", top_level_dir=HERE)
    sys.stdout.flush()
    runner = unittest.TextTestRunner(stream=sys.stdout, verbosity=2 if a.verbose else 1,
                                     resultclass=TallyResult)
    result = runner.run(suite)
    passed, failed, skipped = result.tally()
    sys.stderr.flush()
    sys.stdout.flush()
    if passed + failed + skipped == 0:
        print("run.py: no test ran (check the module names and -k patterns)")
        failed = 1
    print("TALLY: passed=%d failed=%d skipped=%d" % (passed, failed, skipped))
    return 1 if failed or not result.wasSuccessful() else 0


if __name__ == "__main__":
    sys.exit(main())
