# The checks the shell test scripts share (sourced after they set $src): a temporary folder
# removed at exit, counters, and one line a check: "PASS: ..." or "FAIL: ..." with what was
# seen. Each script ends with: echo "TALLY: passed=$passed failed=$failed".
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0

ok() { passed=$((passed + 1)); echo "PASS: $1"; }
bad() { failed=$((failed + 1)); echo "FAIL: $1"; }
# check NAME COMMAND...: passes when the command succeeds
check() {
    name=$1
    shift
    if "$@" >/dev/null 2>&1; then ok "$name"; else bad "$name"; fi
}
# has NAME FILE TEXT: FILE contains TEXT (fixed string)
has() {
    if grep -qF -- "$3" "$2"; then ok "$1"; else bad "$1: '$3' not in $2"; sed 's/^/    /' "$2" | head -40; fi
}
# hasnt NAME FILE TEXT: FILE does not contain TEXT
hasnt() {
    if grep -qF -- "$3" "$2"; then bad "$1: '$3' in $2"; grep -nF -- "$3" "$2" | head -5; else ok "$1"; fi
}
# status NAME WANT COMMAND...: the command exits with WANT (its stdout in $tmp/out, stderr in
# $tmp/err)
status() {
    name=$1
    want=$2
    shift 2
    "$@" >"$tmp/out" 2>"$tmp/err"
    got=$?
    if [ "$got" = "$want" ]; then ok "$name (exit $want)"; else bad "$name: exit $got, want $want"; sed 's/^/    /' "$tmp/err" | head -10; fi
}
