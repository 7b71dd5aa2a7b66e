"""Reference values for tests/test_io_veris.c (implausible dates in the real VCDB) and for
the date ranges of tests/test_breachstat.sh and tests/python/test_shared_data.py.

Run:  /usr/bin/python3 tests/reference/vcdb_dates.py [path/to/vcdb.json.zip]

A VERIS date {year, month, day} at its precision, as io_veris.c reads it (a year outside
1900..2100 is unknown, an invalid month keeps the year, an invalid day keeps the month).
An incident whose first day is after the last day of its plus.timeline.notification is
dated after its own report (plausible_private.h): its incident date is left unknown.
Prints the day-precision incident dates that remain, and the incidents dated after their
notification; then, for the halves and the whole of 2015, the incidents whose event date
(the incident's, else the notification's) lies inside the range, whole period, and those
whose date overlaps it without lying inside (left out, counted as coarse). No date here is
in the future or before 1900 once the years outside 1900..2100 are unknown, so the other
plausibility rules change nothing.
"""
import calendar
import datetime
import json
import sys
import zipfile

path = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/vcdb/vcdb.json.zip"
d = json.load(zipfile.ZipFile(path).open("vcdb.json"))


def g(x, *p):
    for k in p:
        x = x.get(k) if isinstance(x, dict) else None
    return x


def span(t):
    """(first day, last day, precision) or None."""
    if not isinstance(t, dict) or not isinstance(t.get("year"), int):
        return None
    y, m, dd = t["year"], t.get("month"), t.get("day")
    if not 1900 <= y <= 2100:
        return None
    if not isinstance(m, int) or not 1 <= m <= 12:
        return datetime.date(y, 1, 1), datetime.date(y, 12, 31), "year"
    last = calendar.monthrange(y, m)[1]
    if not isinstance(dd, int) or not 1 <= dd <= last:
        return datetime.date(y, m, 1), datetime.date(y, m, last), "month"
    x = datetime.date(y, m, dd)
    return x, x, "day"


n_day = after = 0
for x in d:
    inc = span(g(x, "timeline", "incident"))
    note = span(g(x, "plus", "timeline", "notification"))
    bad = bool(inc and note and inc[0] > note[1])
    after += bad
    n_day += bool(inc and not bad and inc[2] == "day")
print("incident dates at day precision kept:", n_day)
print("incidents dated after their notification:", after)

for lo, hi in ((datetime.date(2015, 1, 1), datetime.date(2015, 6, 30)),
               (datetime.date(2015, 7, 1), datetime.date(2015, 12, 31)),
               (datetime.date(2015, 1, 1), datetime.date(2015, 12, 31))):
    inside = coarse = 0
    for x in d:
        note = span(g(x, "plus", "timeline", "notification"))
        inc = span(g(x, "timeline", "incident"))
        if inc and note and inc[0] > note[1]:
            inc = None
        ev = inc or note
        if not ev:
            continue
        if lo <= ev[0] and ev[1] <= hi:
            inside += 1
        elif ev[0] <= hi and ev[1] >= lo:
            coarse += 1
    print("event dates in %s .. %s: %d inside, %d coarse" % (lo, hi, inside, coarse))
