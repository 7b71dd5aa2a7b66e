"""Washington residents per 100,000 from the WA AG list and the Census estimates, with
python's csv module only (the review's rv/wa_rates.py and rv/wa_blank.py, written out):

- WashingtoniansAffected summed over the rows that give it, and the rows that leave it
  empty (every row is a notice about Washington residents: those are 'Washington, an
  unknown number');
- the DateSubmitted span of all rows (the notice date, `--date reported`), in days;
- for the rows submitted in 2021: their sum, and per 100,000 over POPESTIMATE2021 of the
  population file's Washington row (the estimate of the selection's own year), and the
  days they observe: 2021 cut to the list's DateSubmitted span (review 5, F6: not the
  first to the last 2021 notice).

Usage: python3 wa_rates.py WA.csv NST-EST2024-ALLDATA.csv
Prints one JSON object."""
import csv
import datetime
import json
import sys

wa_path, pop_path = sys.argv[1], sys.argv[2]
with open(pop_path, newline="", encoding="utf-8") as fh:
    pop = {int(k[11:]): int(v) for r in csv.DictReader(fh) if r["NAME"] == "Washington"
           for k, v in r.items() if k.startswith("POPESTIMATE")}


def day(s):  # "MM/DD/YYYY 12:00:00 AM"
    return datetime.datetime.strptime(s.split()[0], "%m/%d/%Y").date()


total = blank = 0
sub = []
y2021 = 0
with open(wa_path, newline="", encoding="utf-8") as fh:
    for r in csv.DictReader(fh):
        v = r["WashingtoniansAffected"].strip()
        d = day(r["DateSubmitted"])
        sub.append(d)
        if v:
            total += int(v)
            if d.year == 2021:
                y2021 += int(v)
        else:
            blank += 1
first, last = min(sub), max(sub)
c2021 = (max(first, datetime.date(2021, 1, 1)), min(last, datetime.date(2021, 12, 31)))
print(json.dumps({
    "residents_lower": total, "n_unknown": blank, "n": len(sub),
    "first": first.isoformat(), "last": last.isoformat(),
    "years": ((last - first).days + 1) / 365.25,
    "per_100k_2024": total * 1e5 / pop[2024],
    "residents_2021": y2021, "per_100k_2021": y2021 * 1e5 / pop[2021],
    "covered_2021": [c2021[0].isoformat(), c2021[1].isoformat()],
    "years_2021": ((c2021[1] - c2021[0]).days + 1) / 365.25,
}))
