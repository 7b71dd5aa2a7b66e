#!/bin/sh
# Prints the release number from include/breach/common.h, the single source of truth;
# configure.ac's AC_INIT takes it from here.
cd "$(dirname "$0")" && sed -n 's/^#define BREACH_VERSION_\(MAJOR\|MINOR\|PATCH\) \([0-9]*\)$/\2/p' include/breach/common.h | paste -sd. -
