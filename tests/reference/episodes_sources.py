"""Reference values for the cross-source episode rule (test_breachstat.sh, doc/statistics.md).

Run:  /usr/bin/python3 tests/reference/episodes_sources.py [DAYS]     (pandas)

Over both lists of HHS 2024-07 and the WA list of 2024-05, loaded in that order:
organisations by the entity-key rules (entity_key.py), the event date as the library takes
it (breach start, else the day the organisation became aware, else the submission: WA's
DateStart, DateAware, DateSubmitted; HHS has only "Breach Submission Date"), the reported
date (the submission, in both). Episodes, as doc/statistics.md states the rule, written
here without the library's code: in event-date order (ties in load order) a notice joins
the run before it when it is on the same day, or when it is a business-associate filing
(HHS "Covered Entity Type") and so is the run's first, at most 60 days after that first;
runs are then one episode when, in order of reported dates (ties by run), a notice and
the latest one before it from the other list are at most DAYS apart (default 120; 0: the
rule off), unless both episodes already hold a notice of one list. Prints (organisations, hit more than once, intervals, median interval) and the
intervals of three organisations.
"""
import os
import sys
import pandas as pd
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from entity_key import entity_key  # noqa: E402

D = os.environ.get("BREACH_SHARED_DATA",
                   os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../../shared/data"))
H = os.path.join(D, "hhs-ocr-breach-portal/snapshot-2024-07/")
W = os.path.join(D, "wa-ag-breach-notifications/"
                 "Data_Breach_Notifications_Affecting_Washington_Residents_20240523.csv")

rows = []
for f in ("Source_Breach_Report.csv", "breach_report.csv"):
    for r in pd.read_csv(H + f, dtype=str, keep_default_na=False).to_dict("records"):
        day = pd.to_datetime(r["Breach Submission Date"], format="%m/%d/%Y")
        rows.append((entity_key(r["Name of Covered Entity"]), day, day, "hhs",
                     r["Covered Entity Type"].strip().lower() == "business associate"))
wa = pd.read_csv(W, dtype=str, keep_default_na=False)
def wa_day(s):
    return pd.to_datetime(s, format="%m/%d/%Y %I:%M:%S %p") if s.strip() else None
for r in wa.itertuples():
    event = wa_day(r.DateStart) or wa_day(r.DateAware) or wa_day(r.DateSubmitted)
    rows.append((entity_key(r.Name), event, wa_day(r.DateSubmitted), "wa", False))

def episodes(items, cross):
    """items: (event, reported, source, ba) in event order; returns the episodes' first days."""
    run, first, starts_of_run = [], None, []
    for k, (d, rep, src, ba) in enumerate(items):
        joins = k > 0 and ((d - items[k - 1][0]).days <= 0 or
                           (ba and items[first][3] and (d - items[first][0]).days <= 60))
        if not joins:
            first = k
            starts_of_run.append(k)
        run.append(len(starts_of_run) - 1)
    parent = list(range(len(starts_of_run)))
    def find(x):
        while parent[x] != x:
            x = parent[x]
        return x
    if cross:
        order = sorted((items[k][1], run[k], k) for k in range(len(items)) if items[k][1] is not None)
        held = {}  # by class: the lists its notices come from
        for _, r, k in order:
            held.setdefault(find(r), set()).add(items[k][2])
        other = None
        for j in range(1, len(order)):
            if items[order[j][2]][2] != items[order[j - 1][2]][2]:
                other = j - 1
            if other is not None and (order[j][0] - order[other][0]).days <= cross:
                a, b = find(order[other][1]), find(order[j][1])
                if a == b or held[a] & held[b]:
                    continue  # two notices of one list the other rules keep apart
                parent[max(a, b)] = min(a, b)
                held[min(a, b)] = held[a] | held[b]
    return [items[starts_of_run[r]][0] for r in range(len(starts_of_run)) if find(r) == r]

cross = int(sys.argv[1]) if len(sys.argv) > 1 else 120
df = pd.DataFrame(rows, columns=["key", "event", "reported", "source", "ba"])
df = df[(df.key != "") & df.event.notna()]
df["order"] = range(len(df))
iv, reps, show = [], 0, {}
for k, g in df.sort_values(["key", "event", "order"], kind="stable").groupby("key", sort=False):
    st = episodes(list(zip(g.event, g.reported, g.source, g.ba)), cross)
    reps += len(st) > 1
    gaps = [(b - a).days for a, b in zip(st, st[1:])]
    iv += gaps
    if k in ("brightline", "maximus", "banner health"):
        show[k] = gaps
print((df.key.nunique(), reps, len(iv), pd.Series(iv).median()))
print(show)
