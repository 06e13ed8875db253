#!/bin/sh
# Chart rendering: whole processes, `opbrief chart bars` on the FLASH-WEKA
# fixture (reading the CSV, aggregating, protecting, drawing, writing the
# PNG and its two sidecars) beside a bare cairo + Pango program drawing the
# same bars (bench/bare_bars.c). Prints the median wall time of RUNS runs
# of each and their ratio.
#
# Usage: bench/chart.sh       (from the repository root, after make build)
set -eu
build=${BUILD:-build}
runs=${RUNS:-31}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

. bench/median.sh

opbrief_ms=$(median_ms "$build/src/cli/opbrief" chart bars \
    fixtures/flash-weka-2023.csv --measure victims --top 15 -o "$work/o.png")
bare_ms=$(median_ms "$build/bench/bare_bars" "$work/b.png")
printf 'opbrief chart bars   %8s ms\n' "$opbrief_ms"
printf 'bare cairo + Pango   %8s ms\n' "$bare_ms"
awk -v a="$opbrief_ms" -v b="$bare_ms" 'BEGIN { printf "ratio                %8.2fx\n", a / b }'
