#!/bin/sh
# The quick start's main job prints the story's figures (seed-facts.md).
set -eu
out=$("${BREACH_BUILDDIR:-.}/examples/breach-story" "${BREACH_SRCDIR:-.}/examples/data/seed-incidents.csv")
fail=0
for want in \
    'Maine              3,913 of 1,049,375 = 0.3729 %' \
    'Texas            131,815 of 1,049,375 = 12.561 %' \
    'Fortra GoAnywhere campaign: 7 notices, 1 superseded by a revision, 6 organisations' \
    '2023-02-28   1 organisation      139,493 individuals' \
    'NextGen Healthcare: 2 incidents, 1 interval between them' \
    'individuals: at least 5,643,196' \
    '2023-06-08   5 organisations   5,643,196 individuals' \
    '71 days from nextgen-2023-01-alphv (2023-01-17, ransomware)' \
    '72 days to its discovery' \
    '101 days to its notices'; do
    printf '%s\n' "$out" | grep -qF -- "$want" || { echo "FAIL: missing: $want"; fail=1; }
done
[ $fail = 0 ] || { printf '%s\n' "$out"; exit 1; }
echo "PASS: the demo prints the story's figures"
