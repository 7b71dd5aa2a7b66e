#!/bin/sh
# automake TESTS entry: the Python suites with the python3 found on PATH.
# Exit 77 (skip) when there is none; otherwise run.py's status.
py=$(command -v python3 2>/dev/null) || {
    echo "run-python3.sh: no python3 on PATH: Python suites skipped"
    exit 77
}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/sanitizer-env.sh"
exec "$py" "$here/run.py" "$@"
