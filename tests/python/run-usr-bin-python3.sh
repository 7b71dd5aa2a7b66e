#!/bin/sh
# automake TESTS entry: the Python suites with the system interpreter /usr/bin/python3
# (Debian's, with its packages, e.g. python3-pandas). Exit 77 (skip) when it is absent.
py=/usr/bin/python3
if ! [ -x "$py" ]; then
    echo "run-usr-bin-python3.sh: $py not found: Python suites skipped"
    exit 77
fi
here=$(cd "$(dirname "$0")" && pwd)
. "$here/sanitizer-env.sh"
exec "$py" "$here/run.py" "$@"
