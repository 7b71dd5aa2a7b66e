"""Reference values for tests/test_io_veris.c (implausible dates in the real VCDB).

Run:  /usr/bin/python3 tests/reference/vcdb_dates.py [path/to/vcdb.json.zip]

A VERIS date {year, month, day} at its precision, as io_veris.c reads it (a year outside
1900..2100 is unknown, an invalid month keeps the year, an invalid day keeps the month).
An incident whose first day is after the last day of its plus.timeline.notification is
dated after its own report (plausible_private.h): its incident date is left unknown.
Prints the day-precision incident dates that remain, and the incidents dated after their
notification.
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
