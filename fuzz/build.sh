#!/usr/bin/env bash
# Builds every fuzz/fuzz_*.c as a libFuzzer binary (clang, ASan + UBSan) into OUT (default
# _build-fuzz), compiling the library's sources straight in. Needs clang and
# libclang-rt-14-dev.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$top/_build-fuzz}
mkdir -p "$out"
cflags=(-g -O1 -std=c11 -D_POSIX_C_SOURCE=200809L -DBREACH_BUILDING_LIBRARY
        -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
        -I"$top/include" $(pkg-config --cflags gsl jansson libzip))
libs=($(pkg-config --libs gsl jansson libzip) -lm)
for t in "$top"/fuzz/fuzz_*.c; do
    name=$(basename "$t" .c)
    clang "${cflags[@]}" "$t" "$top"/libbreach/*.c -o "$out/$name" "${libs[@]}"
    echo "$out/$name"
done
