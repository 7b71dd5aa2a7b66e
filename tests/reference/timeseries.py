"""Reference values for tests/test_timeseries.c.

Run:  /usr/bin/python3 tests/reference/timeseries.py     (Debian python3-scipy 1.10)

Chi-square: scipy.stats.chisquare (f_exp proportional to the months' days for the
length-weighted variant). Poisson: scipy.stats.poisson.logpmf at the mean. Negative
binomial: scipy.stats.nbinom.logpmf with size r and p = r / (r + mean), r maximised by
scipy.optimize.minimize_scalar (bounded Brent over ln r); LR = 2 (l_NB - l_P) and
p = chi2.sf(LR, 1) / 2 (the Poisson lies on the boundary, Self & Liang 1987).
"""
import calendar
import csv
import datetime
import json
import math
import os
import zipfile

import numpy as np
from scipy import optimize, stats


def chisq(y, days=None):
    y = np.asarray(y, float)
    if days is None:
        r = stats.chisquare(y)
    else:
        d = np.asarray(days, float)
        r = stats.chisquare(y, f_exp=y.sum() * d / d.sum())
    return r.statistic, len(y) - 1, r.pvalue


def nb_fit(y):
    y = np.asarray(y, float)
    mu = y.mean()
    lp = stats.poisson.logpmf(y, mu).sum()
    if y.var() <= mu:  # divisor k: no overdispersion, the NB MLE is the Poisson
        return dict(mean=mu, var=y.var(ddof=1), lp=lp, r=float("inf"), lnb=lp, lr=0.0, p=1.0)

    def nll(t):
        r = np.exp(t)
        return -stats.nbinom.logpmf(y, r, r / (r + mu)).sum()

    res = optimize.minimize_scalar(nll, bounds=(-20, 46), method="bounded",
                                   options={"xatol": 1e-13, "maxiter": 2000})
    r = float(np.exp(res.x))
    lnb = -nll(res.x)
    lr = 2 * (lnb - lp)
    return dict(mean=mu, var=y.var(ddof=1), lp=lp, r=r, lnb=lnb, lr=lr,
                p=0.5 * stats.chi2.sf(lr, 1))


def show(name, y, days=None):
    print(f"== {name}: k = {len(y)}, total = {sum(y)}")
    s, df, p = chisq(y)
    print(f"  chisq equal: stat {s!r} df {df} p {p!r} min_expected {sum(y) / len(y)!r}")
    if days is not None:
        s, df, p = chisq(y, days)
        print(f"  chisq by length: stat {s!r} p {p!r}")
    f = nb_fit(y)
    print("  mean {mean!r} var {var!r} poisson {lp!r}\n  nb size {r!r} nb loglik {lnb!r} "
          "lr {lr!r} p {p!r}".format(**f))


SERIES36 = [12, 7, 19, 3, 25, 9, 14, 30, 5, 11, 8, 22, 17, 4, 27, 13, 6, 35, 10, 16, 2, 21,
            18, 9, 26, 7, 15, 33, 12, 5, 19, 24, 8, 11, 28, 14]


def hhs():
    base = os.environ.get("BREACH_SHARED_DATA",
                          os.path.join(os.path.dirname(__file__), "../../../shared/data"))
    d = os.path.join(base, "hhs-ocr-breach-portal/snapshot-2024-07")
    if not os.path.isdir(d):
        return
    months = {}
    maine = {}
    days = []
    last = None
    for name in ("Source_Breach_Report.csv", "breach_report.csv"):
        with open(os.path.join(d, name), newline="", encoding="utf-8") as fh:
            for r in csv.DictReader(fh):
                m, dd, y = r["Breach Submission Date"].strip().split("/")
                key = int(y) * 12 + int(m) - 1
                months[key] = months.get(key, 0) + 1
                if r["State"].strip() == "ME":
                    maine[int(y)] = maine.get(int(y), 0) + 1
                last = max(last or (0, 0, 0), (int(y), int(m), int(dd)))
                days.append((int(y), int(m), int(dd)))
    print("HHS last submission date %04d-%02d-%02d" % last)
    lo, hi = min(months), max(months)
    y = [months.get(k, 0) for k in range(lo, hi + 1)]
    print(f"HHS first month {lo // 12}-{lo % 12 + 1:02d}, last {hi // 12}-{hi % 12 + 1:02d}")
    # 2023 only (a complete year), monthly
    y23 = [months.get(2023 * 12 + m, 0) for m in range(12)]
    print("HHS 2023 by month:", y23)
    show("HHS all months", y)
    show("HHS 2023", y23, [calendar.monthrange(2023, m + 1)[1] for m in range(12)])
    # coverage: the data span 2009-10-21 .. 2024-06-28, so the first and last months (and
    # years) are partial and the tests run over the whole ones only
    show("HHS whole months 2009-11 .. 2024-05", y[1:-1])
    years = {}
    for k, v in months.items():
        years[k // 12] = years.get(k // 12, 0) + v
    yy = [years.get(k, 0) for k in range(2010, 2024)]
    print("HHS years 2009 .. 2024:", [years.get(k, 0) for k in range(2009, 2025)])
    show("HHS whole years 2010 .. 2023", yy)
    # from / to past the data (--from 2024-01 --to 2024-12, --from 2015 --to 2024): the
    # data end on the last submission date, so June 2024 (and 2024) stay partial, July ..
    # December have no data, and the tests run over 2024-01 .. 05 and 2015 .. 2023
    print("HHS 2024 by month:", [months.get(2024 * 12 + m, 0) for m in range(12)])
    show("HHS whole months 2024-01 .. 2024-05", [months.get(2024 * 12 + m, 0)
                                                 for m in range(5)])
    show("HHS whole years 2015 .. 2023", [years.get(k, 0) for k in range(2015, 2024)])
    # one state (--region US-ME): the portal covers 2009-10-21 .. 2024-06-28 whatever the
    # state, so Maine's series runs over the same years, its years without a notice are
    # 0, and the tests run over 2010 .. 2023 as for the whole portal
    print("HHS Maine 2009 .. 2024:", [maine.get(k, 0) for k in range(2009, 2025)])
    show("HHS Maine whole years 2010 .. 2023", [maine.get(k, 0) for k in range(2010, 2024)])
    # from / to inside a period (review 5, F1): only the notices of from .. to's days count,
    # the periods at the ends hold those days' notices
    def between(a, b):
        return sum(1 for x in days if a <= x <= b)
    print("HHS 2024-06-01 .. 2024-12-31 (the data end 2024-06-28):",
          between((2024, 6, 1), (2024, 12, 31)))
    print("HHS March 2024, April 2024:", between((2024, 3, 1), (2024, 3, 31)),
          between((2024, 4, 1), (2024, 4, 30)))
    print("HHS 2024-06-15 .. 2024-06-28:", between((2024, 6, 15), (2024, 6, 28)))


def shared(*parts):
    base = os.environ.get("BREACH_SHARED_DATA",
                          os.path.join(os.path.dirname(__file__), "../../../shared/data"))
    path = os.path.join(base, *parts)
    return path if os.path.exists(path) else None


def observed(name, events, reported, delays, lag_rank=0.9):
    """A series by event year and what the list observes of it (review 5, F4): a year is
    observed in full when the list's reported dates begin on or before its first day and
    end at least L days after its last, L the 90th percentile (nearest rank) of the
    delays, reported minus event day."""
    delays = sorted(delays)
    m = len(delays)
    lag = delays[math.ceil(lag_rank * m) - 1]
    median = delays[(m - 1) // 2]
    rf, rl = min(reported), max(reported)
    years = {}
    for y in events:
        years[y] = years.get(y, 0) + 1
    full = [y for y in range(min(years), max(years) + 1)
            if datetime.date(y, 1, 1) >= rf and datetime.date(y, 12, 31)
            + datetime.timedelta(days=lag) <= rl]
    print(f"{name} by event year: reported {rf} .. {rl}, {m} delays, lag (p90) {lag}, "
          f"median {median}")
    print(f"{name} event years:", sorted(years.items()))
    print(f"{name} observed in full: {full[0]} .. {full[-1]}" if full else "none")
    show(f"{name} event years observed in full", [years.get(y, 0) for y in full])


def mdy(s):
    s = s.strip()
    return datetime.datetime.strptime(s.split()[0], "%m/%d/%Y").date() if s else None


def wa():
    path = shared("wa-ag-breach-notifications",
                  "Data_Breach_Notifications_Affecting_Washington_Residents_20240523.csv")
    if not path:
        return
    events, reported, delays = [], [], []
    with open(path, newline="", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            rep = mdy(r["DateSubmitted"])
            # occurred, else discovered; the loader keeps no start after the submission
            # (two rows: it is then the day the breach became known)
            start = mdy(r["DateStart"])
            ev = (start if start and start <= rep else None) or mdy(r["DateAware"])
            reported.append(rep)
            events.append((ev or rep).year)  # the event date falls back to the reported one
            if ev:  # ... but a notice without one has no delay
                delays.append((rep - ev).days)
    observed("WA", events, reported, delays)


def vcdb():
    path = shared("vcdb", "vcdb.json.zip")
    if not path:
        return
    with zipfile.ZipFile(path) as z:
        rows = json.loads(z.read("vcdb.json"))

    def date(o, keep_month=False):
        try:
            return datetime.date(o["year"], o["month"], o["day"])
        except (KeyError, TypeError, ValueError):
            pass
        try:
            return datetime.date(o["year"], o["month"], 1) if keep_month else None
        except (KeyError, TypeError, ValueError):
            return None

    events, reported, delays = [], [], []
    for r in rows:
        inc = r["timeline"]["incident"]
        events.append(inc["year"])
        no = r.get("plus", {}).get("timeline", {}).get("notification")
        # the loader keeps no notification dated before the incident, nor of year 2 or
        # 2103 (implausible: after the export)
        rep = date(no, True) if no else None
        ev = date(inc)
        if not rep or rep.year < 1900 or rep > datetime.date(2020, 3, 7):
            continue
        if ev and rep < ev or rep.year < inc["year"]:
            continue
        reported.append(rep)
        if ev and date(no):
            delays.append((date(no) - ev).days)
    observed("VCDB", events, reported, delays)


def main():
    days = [calendar.monthrange(2023, m)[1] for m in range(1, 7)]
    show("hand months 2023-01..06", [3, 0, 5, 2, 9, 1], days)
    # coverage (test_coverage): the last month, June, is covered by its 1st day only
    # (and so with from / to past the data: 2022-11-15 .. 2023-08 tests the same months)
    show("hand whole months 2023-01..05", [3, 0, 6, 2, 9])
    show("hand quarters", [8, 12])
    show("underdispersed", [4, 5, 4, 5, 4, 5])
    show("36 months", SERIES36)
    hhs()
    wa()
    vcdb()


if __name__ == "__main__":
    main()
