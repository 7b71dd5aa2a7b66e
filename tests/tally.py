#!/usr/bin/env python3
"""One closing line over every test suite of the given build directories.

Each C suite (CUnit) and the Python runner print a line `TALLY: passed=N failed=M
[skipped=K]` into their automake log; a test without such a line (a shell test) counts as
one test by its automake result. Prints `N passed, N failed, N skipped` and exits 1 when
anything failed or nothing ran at all."""
import glob
import os
import re
import sys

TALLY = re.compile(r"^TALLY: passed=(\d+) failed=(\d+)(?: skipped=(\d+))?", re.M)
passed = failed = skipped = 0
for build in sys.argv[1:]:
    for trs in sorted(glob.glob(os.path.join(build, "**", "*.trs"), recursive=True)):
        log = trs[:-4] + ".log"
        text = open(log, encoding="utf-8", errors="replace").read() if os.path.exists(log) else ""
        result = re.search(r"^:test-result: (\w+)", open(trs).read(), re.M)
        result = result.group(1) if result else "ERROR"
        found = TALLY.findall(text)
        if found:
            p, f, s = (sum(int(x[i] or 0) for x in found) for i in range(3))
            passed += p
            failed += f
            skipped += s
            if result in ("FAIL", "ERROR") and f == 0:
                failed += 1  # the program failed outside its tests (a crash, a sanitizer)
        elif result == "PASS":
            passed += 1
        elif result == "SKIP":
            skipped += 1
        else:
            failed += 1
print(f"{passed} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed or passed == 0 else 0)
