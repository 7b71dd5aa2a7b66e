# Sourced by the run-*.sh wrappers. In a sanitizer build (make check passes the build's
# compiler and sanitizer flags), the instrumented libbreach.so can only be loaded into an
# uninstrumented interpreter with the ASan runtime preloaded; leaks are checked by the C
# suites, not here (the interpreter's own allocations would drown them).
case "${BREACH_EXTRA_CFLAGS:-}" in
*-fsanitize=*address*)
    cc=${BREACH_CC:-cc}
    if $cc --version 2>/dev/null | grep -q clang; then
        rt=$($cc -print-file-name=libclang_rt.asan-x86_64.so)
    else
        rt=$($cc -print-file-name=libasan.so)
    fi
    if [ -f "$rt" ]; then
        LD_PRELOAD="$rt${LD_PRELOAD:+ $LD_PRELOAD}"
        ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" # last one wins
        export LD_PRELOAD ASAN_OPTIONS
    else
        echo "sanitizer-env.sh: no ASan runtime found for $cc: Python suites skipped"
        exit 77
    fi
    ;;
esac
