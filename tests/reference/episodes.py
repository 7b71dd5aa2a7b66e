"""Reference values for the business-associate window (test_breachstat.sh, doc/statistics.md).

Run:  /usr/bin/python3 tests/reference/episodes.py [--to YYYY-MM-DD] [N ...]
      (pandas, Debian python3-pandas)

Over both lists of HHS 2024-07: organisations by the entity-key rules of
include/breach/incident.h (written again with regular expressions), dates from
"Breach Submission Date". Episodes: notices on the same day are one; with a window of N
days, a notice whose "Covered Entity Type" is "Business Associate" joins the current
episode when that episode's first notice is one too and it is at most N days after it.
Prints, for each N (0: no window), (organisations, hit more than once, intervals,
intervals of 30 days or less, median interval), and the Kaplan-Meier shares breached again
within 1 and 3 years (the first episode to the next, censored at the latest date) with
their log-log bounds, by tests/reference/survival.py's estimator.

--to DATE: the notices submitted after DATE are left out (a date range's end) and the
follow-up ends on DATE when that is before the latest date (test_survival's "--to 2020").
"""
import os
import re, sys
import pandas as pd
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from entity_key import entity_key  # noqa: E402  (one emulation of the key for every script)
key = entity_key

D = os.path.join(os.environ.get("BREACH_SHARED_DATA", os.path.join(os.path.dirname(__file__), "../../../shared/data")), "hhs-ocr-breach-portal/snapshot-2024-07/")
df = pd.concat([pd.read_csv(D + f, dtype=str, keep_default_na=False) for f in
                ("Source_Breach_Report.csv", "breach_report.csv")], ignore_index=True)


df["key"] = df["Name of Covered Entity"].map(key)
df["day"] = pd.to_datetime(df["Breach Submission Date"], format="%m/%d/%Y")
df["ba"] = df["Covered Entity Type"].str.strip().str.lower() == "business associate"
df = df[df.key != ""]
END = df.day.max()  # the window's end: the latest date (2024-06-28)
args = sys.argv[1:]
if args[:1] == ["--to"]:
    cut = pd.Timestamp(args[1])
    df = df[df.day <= cut]
    END = min(END, cut)
    args = args[2:]
def run(window, km_obs=None):
    iv = []; reps = 0
    for k, g in df.sort_values(["key", "day"], kind="stable").groupby("key", sort=False):
        days = list(g.day); ba = list(g.ba)
        starts = []  # episode starts
        cur0 = None; cur_ba = False; prev = None
        for d, b in zip(days, ba):
            if prev is not None and (d - prev).days <= 0:
                prev = d; continue
            if window and prev is not None and b and cur_ba and (d - cur0).days <= window:
                prev = d; continue
            starts.append(d); cur0 = d; cur_ba = b; prev = d
        if len(starts) > 1: reps += 1
        if km_obs is not None:  # the first episode to the next, or censored at the end
            km_obs.append(((starts[1] - starts[0]).days, 1) if len(starts) > 1
                          else ((END - starts[0]).days, 0))
        iv += [(b - a).days for a, b in zip(starts, starts[1:])]
    s = pd.Series(iv)
    return df.key.nunique(), reps, len(iv), int((s <= 30).sum()), s.median()
for w in [0] + ([int(a) for a in args] or [60]):
    obs = []
    print(w, run(w, obs))
    # Kaplan-Meier over those observations (tests/reference/survival.py, log-log band):
    # within 1 and 3 years, 1 - S with [1 - upper, 1 - lower]
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from survival import km, at
    rows = km(obs)
    for t in (365, 1095):
        S, lo, hi = at(rows, t)
        print("   KM within %d days: %r [%r, %r]; %d observations, %d events"
              % (t, 1 - S, 1 - hi, 1 - lo, len(obs), sum(e for _, e in obs)))
