#!/bin/sh
# What protection costs: whole processes of this build beside a baseline
# build (BASELINE, the folder of another build of opbrief, e.g. one of the
# commit before protection was redone) on the same files in the same run.
#   - 'opbrief brief' on the FLASH-WEKA fixture (every table protected as
#     one publication, its audit's linear programs included);
#   - 'opbrief aggregate --by operation,country' on the 1M-row workload of
#     gen_workload, protection on (the default threshold, 10).
# Prints the median wall time of RUNS runs of each and the ratio to the
# baseline.
#
# Usage: BASELINE=../old/build bench/protection.sh   (from the repository
#        root, after make build)
set -eu
build=${BUILD:-build}
baseline=${BASELINE:?set BASELINE to the build folder to compare with}
runs=${RUNS:-11}
data=bench/data
mkdir -p "$data"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. bench/median.sh

fw=fixtures/flash-weka-2023.csv
file=$data/incidents-1M.csv
[ -f "$file" ] || "$build/bench/gen_workload" 1M >"$file"

printf '%-34s %10s %10s %7s\n' task 'this (ms)' 'base (ms)' ratio
report() {
    printf '%-34s %10s %10s %7s\n' "$1" "$2" "$3" \
        "$(awk -v a="$2" -v b="$3" 'BEGIN { printf "%.2f", a / b }')"
}
now=$(median_ms "$build/src/cli/opbrief" brief "$fw" -o "$work/a.pdf")
then=$(median_ms "$baseline/src/cli/opbrief" brief "$fw" -o "$work/b.pdf")
report "brief FLASH-WEKA" "$now" "$then"
runs=${AGGREGATE_RUNS:-5}
now=$(median_ms "$build/src/cli/opbrief" aggregate "$file" \
    --by operation,country -o "$work/a.csv")
then=$(median_ms "$baseline/src/cli/opbrief" aggregate "$file" \
    --by operation,country -o "$work/b.csv")
report "aggregate 1M --by operation,country" "$now" "$then"
