"""Reference values for tests/test_bootstrap.c (seeded percentile bootstrap).

Run:  /usr/bin/python3 tests/reference/bootstrap.py     (numpy 1.24)

The resamples are drawn from GSL's mt19937 stream (gslrng.py: the same words and the same
gsl_rng_uniform_int rejection as libbreach), so that the replicates are libbreach's;
the statistics are numpy's (mean, median, type-7 quantile) and scipy.stats.gmean, and the
percentile interval is numpy.quantile of the replicates.
"""
import os
import sys

import numpy as np
from scipy import stats

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gslrng import GslMt19937  # noqa: E402

X = np.array([2.385, 7.1, 0.5, 3.3, 12.8, 4.4, 9.9, 1.7, 6.02, 5.55, 3.14, 8.8])


def boot(x, stat, B, seed, level):
    r = GslMt19937(seed)
    n = len(x)
    reps, invalid = [], 0
    for _ in range(B):
        v = stat(x[[r.uniform_int(n) for _ in range(n)]])
        if np.isfinite(v):
            reps.append(v)
        else:
            invalid += 1
    reps = np.sort(reps)
    a = 1 - level
    lo, hi = np.quantile(reps, [a / 2, 1 - a / 2])
    return stat(x), lo, hi, np.std(reps, ddof=1), invalid


def picky_mean(x):
    """The mean, undefined when the largest value (12.8) is drawn twice or more."""
    return np.nan if np.sum(x == 12.8) >= 2 else np.mean(x)


def main():
    for name, f, B, seed, level in [
            ("mean", np.mean, 1000, 42, 0.95),
            ("median", np.median, 1000, 42, 0.95),
            ("geomean", stats.gmean, 500, 7, 0.90),
            ("quantile 0.9", lambda v: np.quantile(v, 0.9), 800, 2024, 0.95),
            ("mean seed 0 = 4357", np.mean, 200, 4357, 0.95),
            ("picky mean", picky_mean, 300, 9, 0.80)]:
        est, lo, hi, se, inv = boot(X, f, B, seed, level)
        print(f"{name}: B {B} seed {seed} level {level}: estimate {est!r} lo {lo!r} hi {hi!r} "
              f"se {se!r} invalid {inv}")


if __name__ == "__main__":
    main()
