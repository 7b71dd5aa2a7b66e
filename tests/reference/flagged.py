"""Reference values for the flagged-notice tests of tests/test_breachstat.sh.

Run:  python3 tests/reference/flagged.py VCDB.json.zip HIBP.json   (either may be "-": skipped)

The notices a source flags, counted from the raw files with the standard library alone:
- VCDB: an incident whose plus.sub_source is "phidbr" or "priority" was not sampled at
  random (VCDB's README, "WARNING ON SAMPLING"). Actor shares follow verisr's getenumCI
  rule, as breachstat counts does: an incident counts once in each actor variety it names
  (External, Internal, Partner; keys compared case-folded), and n is the incidents naming
  at least one that is not Unknown. Shares are printed with and without the flagged ones.
- HIBP: a breach with IsFabricated, IsSpamList or IsRetired true; their accounts
  (PwnCount), and the median PwnCount with and without them (the mean of the two middle
  values when their number is even).
"""
import collections
import json
import statistics
import sys
import zipfile

SUB_SOURCES = ("phidbr", "priority")
HIBP_FLAGS = (("IsFabricated", "is_fabricated"), ("IsSpamList", "is_spam_list"),
              ("IsRetired", "is_retired"))


def actor_shares(incidents):
    """n and each actor variety's share in % (3 decimals), verisr's getenumCI rule."""
    counts = collections.Counter()
    n = 0
    for inc in incidents:
        known = {k.lower() for k in inc.get("actor", {})} - {"unknown"}
        if known:
            n += 1
        counts.update(known)
    return n, {k: round(100 * c / n, 3) for k, c in sorted(counts.items())}


def vcdb(path):
    with zipfile.ZipFile(path) as z:
        name = next(n for n in z.namelist() if n.endswith(".json"))
        incidents = json.load(z.open(name))
    sub = [i.get("plus", {}).get("sub_source") for i in incidents]
    by = collections.Counter(s for s in sub if s in SUB_SOURCES)
    print("vcdb incidents:", len(incidents))
    print("vcdb flagged:", sum(by.values()))
    for s in SUB_SOURCES:
        print("vcdb flagged plus.sub_source=%s: %d" % (s, by[s]))
    for label, sel in (("all", incidents),
                       ("unflagged", [i for i, s in zip(incidents, sub) if s not in SUB_SOURCES])):
        n, shares = actor_shares(sel)
        print("vcdb actor %s: n %d" % (label, n))
        for k, v in shares.items():
            print("vcdb actor %s %s: %.3f" % (label, k, v))


def hibp(path):
    breaches = json.load(open(path, encoding="utf-8"))
    flagged = [b for b in breaches if any(b.get(k) for k, _ in HIBP_FLAGS)]
    print("hibp breaches:", len(breaches))
    print("hibp flagged:", len(flagged))
    for k, name in HIBP_FLAGS:
        print("hibp flagged %s=true: %d" % (name, sum(1 for b in breaches if b.get(k))))
    print("hibp flagged accounts:", sum(b["PwnCount"] for b in flagged))
    print("hibp median all: %.1f" % statistics.median(b["PwnCount"] for b in breaches))
    print("hibp median unflagged: %.1f" % statistics.median(
        b["PwnCount"] for b in breaches if b not in flagged))


if __name__ == "__main__":
    if sys.argv[1] != "-":
        vcdb(sys.argv[1])
    if len(sys.argv) > 2 and sys.argv[2] != "-":
        hibp(sys.argv[2])
