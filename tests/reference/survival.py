"""Reference values for tests/test_survival.c (Kaplan-Meier time to the next breach).

Run:  /usr/bin/python3 tests/reference/survival.py     (numpy 1.24, scipy 1.10)

The observations are written out by hand from the test's data set (dates in the comments,
intervals by datetime), and the product-limit estimate, Greenwood's variance, the three
kinds of pointwise interval, the median and its Brookmeyer-Crowley bounds are computed
here with numpy, independently of libbreach (z from scipy.stats.norm.ppf).
"""
from datetime import date

import numpy as np
from scipy import stats


def d(s):
    return date.fromisoformat(s)


def days(a, b):
    return (d(b) - d(a)).days


def km(obs, level=0.95, kind="loglog"):
    t = np.array([o[0] for o in obs], float)
    e = np.array([o[1] for o in obs], int)
    z = stats.norm.ppf(0.5 + level / 2)
    S, V, rows = 1.0, 0.0, []
    for u in np.unique(t):
        n = int((t >= u).sum())
        dd = int(((t == u) & (e == 1)).sum())
        c = int(((t == u) & (e == 0)).sum())
        if dd:
            S *= 1 - dd / n
            if n > dd:
                V += dd / (n * (n - dd))
        lo = hi = float("nan")
        if 0 < S < 1 and V > 0:
            if kind == "plain":
                lo, hi = max(0, S - z * S * np.sqrt(V)), min(1, S + z * S * np.sqrt(V))
            elif kind == "log":
                lo, hi = S * np.exp(-z * np.sqrt(V)), min(1, S * np.exp(z * np.sqrt(V)))
            else:
                th, se = np.log(-np.log(S)), np.sqrt(V) / abs(np.log(S))
                lo, hi = np.exp(-np.exp(th + z * se)), np.exp(-np.exp(th - z * se))
        rows.append((u, n, dd, c, S, S * np.sqrt(V), lo, hi))
    return rows


def first_below(rows, col):
    for r in rows:
        v = 0 if r[4] == 0 else r[col]
        if v <= 0.5:
            return r[0]
    return float("nan")


def at(rows, t):
    if t > rows[-1][0] and rows[-1][4] > 0:
        return None
    cur = (1.0, float("nan"), float("nan"))
    for r in rows:
        if r[0] <= t:
            cur = (r[4], r[6], r[7])
    return cur


def show(name, obs, kind="loglog", level=0.95):
    rows = km(obs, level, kind)
    print(f"== {name} ({kind}, {level}): {len(obs)} observations, "
          f"{sum(o[1] for o in obs)} events")
    for r in rows:
        print("  {{{:g}, {}, {}, {}, {!r}, {!r}, {!r}, {!r}}},".format(*r))
    # Brookmeyer & Crowley: the median's bounds are where the lower and the upper band
    # first reach 0.5
    print("  median", first_below(rows, 4), "lo", first_below(rows, 6), "hi", first_below(rows, 7))
    for t in (365, 1095):
        v = at(rows, t)
        print(f"  within {t}:", None if v is None else (1 - v[0], 1 - v[2], 1 - v[1]))


END = "2022-07-01"  # the latest event date of the data set: the default window end

# one observation per organisation: its first episode to the next, else censored at END
FIRST = [
    (days("2019-01-10", "2019-06-10"), 1),  # A: 2019-01-10, 2019-06-10, 2021-03-01
    (days("2019-02-01", END), 0),           # B: once
    (days("2019-03-15", "2020-03-15"), 1),  # C: twice on 2019-03-15 (one episode), 2020-03-15
    (days("2020-01-01", "2020-01-20"), 1),  # D
    (days("2020-05-05", END), 0),           # E: once
    (days("2018-07-01", "2022-07-01"), 1),  # F
    (days("2021-12-01", END), 0),           # G: 2021-12-01 and 2022-02-01, one campaign
    (days("2019-01-10", "2019-04-10"), 1),  # H
    (days("2022-06-30", END), 0),           # I: once
    (days("2020-02-01", "2020-05-01"), 1),  # K: 90 days, as H
]
# every episode to the next
EVERY = FIRST + [
    (days("2019-06-10", "2021-03-01"), 1),  # A's second gap
    (days("2021-03-01", END), 0),           # A's last episode
    (days("2020-03-15", END), 0),           # C
    (days("2020-01-20", END), 0),           # D
    (days("2022-07-01", END), 0),           # F: its last episode is the window's end
    (days("2019-04-10", END), 0),           # H
    (days("2020-05-01", END), 0),           # K
]
# window ending 2021-12-31: F's second, G's second and I are after it (G's first is in)
END2 = "2021-12-31"
WINDOW = [
    (days("2019-01-10", "2019-06-10"), 1), (days("2019-02-01", END2), 0),
    (days("2019-03-15", "2020-03-15"), 1), (days("2020-01-01", "2020-01-20"), 1),
    (days("2020-05-05", END2), 0), (days("2018-07-01", END2), 0),
    (days("2021-12-01", END2), 0), (days("2019-01-10", "2019-04-10"), 1),
    (days("2020-02-01", "2020-05-01"), 1),
]

if __name__ == "__main__":
    show("first gap", FIRST)
    show("first gap", FIRST, "log")
    show("first gap", FIRST, "plain", 0.90)
    show("every episode", EVERY)
    show("window 2021-12-31", WINDOW)
