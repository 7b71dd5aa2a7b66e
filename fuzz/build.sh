#!/usr/bin/env bash
# Builds every fuzz/fuzz_*.c as a libFuzzer binary into OUT (default _build-fuzz), compiling
# the library's sources straight in. Needs clang and libclang-rt-14-dev.
#   fuzz/build.sh [OUT] [asan|ubsan]
# asan (the default): ASan + UBSan at -O1, what the smoke run and every replay use.
# ubsan: UBSan alone at -O2, about 2.5x the executions per second, for the long runs whose
# corpora are then replayed under asan (fuzz/long-run.sh).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$top/_build-fuzz}
case ${2:-asan} in
asan) san=(-O1 -fsanitize=fuzzer,address,undefined) ;;
ubsan) san=(-O2 -fsanitize=fuzzer,undefined) ;;
*) echo "fuzz/build.sh: unknown kind '$2' (asan or ubsan)" >&2; exit 2 ;;
esac
mkdir -p "$out"
cflags=(-g "${san[@]}" -std=c11 -D_POSIX_C_SOURCE=200809L -DBREACH_BUILDING_LIBRARY
        -fno-sanitize-recover=undefined
        -I"$top/include" $(pkg-config --cflags gsl jansson libzip nettle libutf8proc))
libs=($(pkg-config --libs gsl jansson libzip nettle libutf8proc) -pthread -lm)
for t in "$top"/fuzz/fuzz_*.c; do
    name=$(basename "$t" .c)
    # a target's own flags for the library, on a line " * fuzz/build.sh cflags: ... */"
    # (the target refuses to build without them: #error)
    read -ra extra <<<"$(sed -n 's|^ *\* fuzz/build\.sh cflags:\(.*\)$|\1|p' "$t" | sed 's|\*/||')"
    clang "${cflags[@]}" "${extra[@]}" "$t" "$top"/libbreach/*.c -o "$out/$name" "${libs[@]}"
    echo "$out/$name"
done
