"""Reference values for tests/test_dist.c (size distributions and their fits).

Run:  /usr/bin/python3 tests/reference/dist.py     (Debian python3-scipy 1.10, numpy 1.24)

- summaries: numpy.quantile (its default 'linear' is R's type 7), scipy.stats.gmean;
- log-normal, uncensored: scipy.stats.lognorm.fit(floc=0); intervals from
  scipy.stats.t.ppf and chi2.ppf;
- log-normal, censored: the likelihood written with scipy.stats.norm.logpdf / logsf /
  logcdf, maximised by scipy.optimize.minimize (Nelder-Mead, then BFGS), Wald intervals
  from a central-difference Hessian;
- power law: Clauset, Shalizi & Newman's scan written afresh with numpy and
  scipy.stats.kstest for the KS distance; the bootstrap p-value redone on GSL's mt19937
  stream (gslrng.py);
- Vuong: the truncated log-normal fitted with scipy.optimize.minimize, the statistic and
  its two-sided normal p-value (scipy.stats.norm.sf).
"""
import csv
import os
import sys

import numpy as np
from scipy import optimize, stats

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gslrng import GslMt19937  # noqa: E402

M64 = (1 << 64) - 1


class SplitMix64:
    """The generator test_dist.c uses to build its synthetic sample (integer arithmetic,
    identical in C and Python)."""

    def __init__(self, seed):
        self.s = seed & M64

    def next(self):
        self.s = (self.s + 0x9E3779B97F4A7C15) & M64
        z = self.s
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
        return z ^ (z >> 31)

    def uniform(self):
        return (self.next() >> 11) * (1.0 / 9007199254740992.0)


def synthetic():
    g = SplitMix64(20240705)
    out = []
    for i in range(400):
        u = g.uniform()
        if i % 8 < 5:   # 250 values: power law, alpha 2.6, above 1000
            out.append(float(int(1000.0 * (1.0 - u) ** (-1.0 / 1.6))))
        else:           # 150 values: uniform body 50 .. 999
            out.append(float(int(50.0 + 950.0 * u)))
    return np.sort(np.array(out))


def synthetic_lognormal():
    """300 values floor(exp(6 + 1.8 z)) + 1, z by Box-Muller from SplitMix64 (libm's log,
    sqrt and cos, as in C)."""
    import math
    g = SplitMix64(77)
    out = []
    for _ in range(300):
        u1, u2 = g.uniform(), g.uniform()
        z = math.sqrt(-2.0 * math.log(1.0 - u1)) * math.cos(2.0 * math.pi * u2)
        out.append(float(int(math.exp(6.0 + 1.8 * z)) + 1))
    return np.sort(np.array(out))


def summaries(x):
    x = np.sort(np.asarray(x, float))
    q = np.quantile(x, [0.25, 0.5, 0.75, 0.9, 0.99])
    pos = x[x > 0]
    print("  n", len(x), "min", x[0], "max", x[-1], "q1 median q3 p90 p99", [repr(v) for v in q])
    print("  mean", repr(x.mean()), "geomean", repr(stats.gmean(pos)),
          "geosd", repr(float(np.exp(np.std(np.log(pos), ddof=1)))))
    u, c = np.unique(x, return_counts=True)
    ccdf = 1 - (np.cumsum(c) - c) / len(x)
    print("  ccdf", list(zip(u.tolist(), [repr(v) for v in ccdf]))[:6], "...")


def lognormal_exact(x, level=0.95):
    x = np.asarray(x, float)
    s, loc, scale = stats.lognorm.fit(x, floc=0)
    mu, sigma, n = np.log(scale), s, len(x)
    a = 1 - level
    t = stats.t.ppf(1 - a / 2, n - 1)
    se = np.std(np.log(x), ddof=1) / np.sqrt(n)
    ss = n * sigma ** 2
    ll = stats.lognorm.logpdf(x, s, scale=scale).sum()
    print(f"  mu {mu!r} [{mu - t * se!r}, {mu + t * se!r}]")
    print(f"  sigma {sigma!r} [{np.sqrt(ss / stats.chi2.ppf(1 - a / 2, n - 1))!r}, "
          f"{np.sqrt(ss / stats.chi2.ppf(a / 2, n - 1))!r}]")
    print(f"  loglik {ll!r}")


def ln_loglik(p, ly, lr, ll, ltrunc=None):
    mu, sigma = p
    if sigma <= 0:
        return -np.inf
    v = (stats.norm.logpdf(ly, mu, sigma) - ly).sum()
    v += stats.norm.logsf(lr, mu, sigma).sum() + stats.norm.logcdf(ll, mu, sigma).sum()
    if ltrunc is not None:
        v -= len(ly) * stats.norm.logsf(ltrunc, mu, sigma)
    return v


def mills(z):
    """phi(z) / Q(z), from log densities so that the far tail stays exact."""
    return np.exp(stats.norm.logpdf(z) - stats.norm.logsf(z))


def ln_score(p, ly, lr, ll, ltrunc=None):
    """The gradient of ln_loglik in (mu, sigma), derived by hand (independently of the C
    code's second-derivative formulas)."""
    mu, s = p
    z = (ly - mu) / s
    g = np.array([z.sum() / s, ((z * z) - 1).sum() / s])
    zr = (lr - mu) / s          # ln Q(z): d/dmu = mills(z) / s, d/ds = mills(z) z / s
    g += [mills(zr).sum() / s, (mills(zr) * zr).sum() / s]
    zl = (ll - mu) / s          # ln P(z) = ln Q(-z): d/dmu = -mills(-z) / s, ...
    g -= [mills(-zl).sum() / s, (mills(-zl) * zl).sum() / s]
    if ltrunc is not None:      # - n ln Q(zt)
        zt = (ltrunc - mu) / s
        g -= len(ly) * np.array([mills(zt) / s, mills(zt) * zt / s])
    return g


def ln_mle(ly, lr, ll, ltrunc=None):
    f = lambda p: -ln_loglik((p[0], np.exp(p[1])), ly, lr, ll, ltrunc)  # noqa: E731
    p0 = [np.mean(ly), np.log(np.std(ly))]
    r = optimize.minimize(f, p0, method="Nelder-Mead",
                          options={"xatol": 1e-12, "fatol": 1e-14, "maxiter": 20000})
    r = optimize.minimize(f, r.x, method="BFGS", options={"gtol": 1e-10})
    mu, s = r.x[0], float(np.exp(r.x[1]))
    # the likelihood is flat to rounding near its top: finish on the score equations
    root = optimize.root(lambda p: ln_score(p, ly, lr, ll, ltrunc), [mu, s], tol=1e-15)
    if root.success and root.x[1] > 0 and abs(root.x[0]) < 1e3:
        mu, s = root.x
    return mu, s


def lognormal_censored(x, at_least, at_most, level=0.95):
    ly, lr, ll = np.log(x), np.log(at_least), np.log(at_most)
    mu, sigma = ln_mle(ly, lr, ll)
    h = 1e-4
    f = lambda a, b: ln_loglik((a, b), ly, lr, ll)  # noqa: E731
    H = np.empty((2, 2))
    H[0, 0] = (f(mu + h, sigma) - 2 * f(mu, sigma) + f(mu - h, sigma)) / h ** 2
    H[1, 1] = (f(mu, sigma + h) - 2 * f(mu, sigma) + f(mu, sigma - h)) / h ** 2
    H[0, 1] = H[1, 0] = (f(mu + h, sigma + h) - f(mu + h, sigma - h) - f(mu - h, sigma + h)
                         + f(mu - h, sigma - h)) / (4 * h * h)
    cov = np.linalg.inv(-H)
    z = stats.norm.ppf(0.5 + level / 2)
    se_mu, se_s = np.sqrt(cov[0, 0]), np.sqrt(cov[1, 1])
    print(f"  mu {mu!r} [{mu - z * se_mu!r}, {mu + z * se_mu!r}]")
    print(f"  sigma {sigma!r} [{sigma * np.exp(-z * se_s / sigma)!r}, "
          f"{sigma * np.exp(z * se_s / sigma)!r}]")
    print(f"  loglik {ln_loglik((mu, sigma), ly, lr, ll)!r}")


def pl_fit(x, min_tail=2, fixed=None):
    """CSN's continuous fit: returns (D, xmin, alpha, n_tail) or None."""
    x = np.sort(x)
    if fixed is not None:
        tail = x[x >= fixed]
        a = 1 + len(tail) / np.sum(np.log(tail / fixed))
        d = stats.kstest(tail, lambda v: 1 - (v / fixed) ** (1 - a)).statistic
        return d, fixed, a, len(tail)
    best = None
    for xm in np.unique(x)[:-1]:
        tail = x[x >= xm]
        if len(tail) < min_tail:
            break
        a = 1 + len(tail) / np.sum(np.log(tail / xm))
        d = stats.kstest(tail, lambda v: 1 - (v / xm) ** (1 - a)).statistic
        if best is None or d < best[0]:
            best = (d, xm, a, len(tail))
    return best


def pl_pvalue(x, fit, B, seed, fixed=None):
    d0, xmin, a, m = fit
    x = np.sort(x)
    below = x[x < xmin]
    n = len(x) if fixed is None else m
    nb = len(below) if fixed is None else 0
    r = GslMt19937(seed)
    far = 0
    expo = -1 / (a - 1)
    for _ in range(B):
        syn = []
        for _ in range(n):
            if nb == 0 or r.uniform() < m / len(x):
                syn.append(xmin * (1 - r.uniform()) ** expo)
            else:
                syn.append(below[r.uniform_int(nb)])
        f = pl_fit(np.array(syn), fixed=fixed)
        if f is None or f[0] >= d0:
            far += 1
    return far / B


def vuong(x, fit):
    d0, xmin, a, m = fit
    tail = np.sort(x)[np.sort(x) >= xmin]
    ly = np.log(tail)
    mu, sigma = ln_mle(ly, np.array([]), np.array([]), np.log(xmin))
    lpl = np.log(a - 1) - np.log(xmin) - a * (ly - np.log(xmin))
    lln = stats.norm.logpdf(ly, mu, sigma) - ly - stats.norm.logsf(np.log(xmin), mu, sigma)
    d = lpl - lln
    R = d.sum()
    stat = R / (np.std(d) * np.sqrt(len(d)))
    print(f"  vuong: lognormal mu {mu!r} sigma {sigma!r}")
    print(f"  loglik pl {lpl.sum()!r} ln {lln.sum()!r} R {R!r} stat {stat!r} "
          f"p {2 * stats.norm.sf(abs(stat))!r}")


def hhs_sizes():
    base = os.environ.get("BREACH_SHARED_DATA",
                          os.path.join(os.path.dirname(__file__), "../../../shared/data"))
    d = os.path.join(base, "hhs-ocr-breach-portal/snapshot-2024-07")
    if not os.path.isdir(d):
        return None
    vals, unknown = [], 0
    for name in ("Source_Breach_Report.csv", "breach_report.csv"):
        with open(os.path.join(d, name), newline="", encoding="utf-8") as fh:
            for r in csv.DictReader(fh):
                v = r["Individuals Affected"].strip()
                if v:
                    vals.append(float(v))
                else:
                    unknown += 1
    return np.array(vals), unknown


def main():
    exact = [2385, 500, 501, 12000, 1049375, 3913, 700, 0, 88000, 500, 250000]
    at_least, at_most = [3000000, 960000], [10000]
    print("== hand sizes (exact + estimated)")
    summaries(exact)
    pos = [v for v in exact if v > 0]
    print("== log-normal, censored values left out")
    lognormal_exact(pos)
    print("== log-normal, 90 %")
    lognormal_exact(pos, 0.90)
    print("== log-normal, censored (2 at least, 1 at most)")
    lognormal_censored(pos, at_least, at_most)

    x = synthetic()
    print("== synthetic: n", len(x), "first", x[:5].tolist(), "last", x[-3:].tolist(),
          "sum", x.sum())
    fit = pl_fit(x)
    d0, xmin, a, m = fit
    print(f"  power law: xmin {xmin!r} alpha {a!r} ks {d0!r} n_tail {m} "
          f"se {(a - 1) / np.sqrt(m)!r}")
    print("  loglik", repr(m * (np.log(a - 1) - np.log(xmin)) - a * np.sum(np.log(x[x >= xmin] / xmin))))
    print("  p-value B=60 seed 3:", pl_pvalue(x, fit, 60, 3))
    vuong(x, fit)
    ff = pl_fit(x, fixed=1500.0)
    print(f"  fixed xmin 1500: alpha {ff[2]!r} ks {ff[0]!r} n_tail {ff[3]} "
          f"p B=40 seed 11 {pl_pvalue(x, ff, 40, 11, fixed=1500.0)}")
    ft = pl_fit(x, min_tail=200)
    print(f"  min_tail 200: xmin {ft[1]!r} alpha {ft[2]!r} ks {ft[0]!r} n_tail {ft[3]}")

    y = synthetic_lognormal()
    print("== synthetic log-normal: n", len(y), "first", y[:3].tolist(), "last", y[-3:].tolist(),
          "sum", y.sum())
    fit = pl_fit(y)
    d0, xmin, a, m = fit
    print(f"  power law: xmin {xmin!r} alpha {a!r} ks {d0!r} n_tail {m}")
    print("  p-value B=50 seed 5:", pl_pvalue(y, fit, 50, 5))
    vuong(y, fit)

    if "--no-hhs" in sys.argv:
        return
    h = hhs_sizes()
    if h is not None:
        vals, unknown = h
        print("== HHS 2024-07 sizes: unknown", unknown)
        summaries(vals)
        print("== HHS log-normal")
        lognormal_exact(vals)
        fit = pl_fit(vals)
        d0, xmin, a, m = fit
        print(f"  HHS power law: xmin {xmin!r} alpha {a!r} ks {d0!r} n_tail {m}")
        vuong(vals, fit)


if __name__ == "__main__":
    main()
