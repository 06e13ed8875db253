# The harness the shell tests share, sourced from the repository root:
# a scratch folder $work removed on exit, and checks counted and reported.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
checks=0

# fail NAME [EXPECTED ACTUAL]
fail() {
    failures=$((failures + 1))
    printf 'FAIL: %s\n' "$1"
    if [ $# -ge 3 ]; then
        printf -- '--- expected\n%s\n--- got\n%s\n' "$2" "$3"
    fi
}

# same NAME EXPECTED ACTUAL
same() {
    checks=$((checks + 1))
    [ "$2" = "$3" ] || fail "$1" "$2" "$3"
}

# run ARGS...: runs $opbrief (the caller's) with ARGS; sets $out, $err,
# $code.
run() {
    "$opbrief" "$@" >"$work/out" 2>"$work/err"
    code=$?
    out=$(cat "$work/out")
    err=$(cat "$work/err")
}

# finish: the count, and the exit status ctest reads.
finish() {
    printf '%d checks, %d failed\n' "$checks" "$failures"
    [ "$failures" -eq 0 ]
}
