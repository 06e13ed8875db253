#!/bin/sh
# Briefing rendering: whole processes. `opbrief brief` on the FLASH-WEKA
# fixture (10 pages: reading, aggregating every grouping, protecting,
# laying out, drawing, writing) beside gnuplot drawing the same charts
# (the three ranked charts, the regional chart, the three breakdown charts
# and the monthly series, from the values opbrief shows) into one PDF with
# its cairo terminal. Prints the median wall time of RUNS runs and the
# ratio.
#
# Usage: bench/briefing.sh    (from the repository root, after make build;
#                              needs gnuplot: apt-get install gnuplot-nox)
set -eu
build=${BUILD:-build}
runs=${RUNS:-11}
opbrief=$build/src/cli/opbrief
fw=fixtures/flash-weka-2023.csv
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The values of each chart, as opbrief publishes them (hidden ones at 0).
chart() {
    "$opbrief" chart "$@" >/dev/null 2>&1
}
chart bars "$fw" --measure victims -o "$work/victims.png"
chart bars "$fw" --measure arrests -o "$work/arrests.png"
chart bars "$fw" --measure migrants -o "$work/migrants.png"
chart grouped "$fw" -o "$work/regions.png"
chart bars "$fw" --by exploitation -o "$work/exploitation.png"
chart bars "$fw" --by citizenship -o "$work/citizenship.png"
chart bars "$fw" --by victim_sex -o "$work/sex.png"
chart series "$fw" -o "$work/month.png"
for f in "$work"/*.csv; do
    # gnuplot data: label and value, hidden values as 0, names quoted.
    awk -F, 'NR > 1 { v = $NF; if (v !~ /^[0-9]+$/) v = 0; printf "\"%s\" %s\n", $(NF - 1), v }' \
        "$f" >"${f%.csv}.dat"
done
awk -F, 'NR > 1 { printf "\"%s\" %s %s %s\n", $1, $2, $3, $4 }' "$work/regions.csv" >"$work/regions.dat"
cat >"$work/charts.gp" <<GP
set terminal pdfcairo size 21cm,29.7cm font "DejaVu Sans,9"
set output "$work/gnuplot.pdf"
set style fill solid
set boxwidth 0.7
set yrange [*:*] reverse
set grid x
do for [name in "victims arrests migrants exploitation citizenship sex"] {
    set title name." by country"
    plot "$work/".name.".dat" using 2:0:(0):2:(\$0-0.35):(\$0+0.35):ytic(1) with boxxyerror notitle
}
unset yrange
set yrange [0:*]
set title "Regional breakdown"
set style data histogram
set style histogram clustered
plot "$work/regions.dat" using 2:xtic(1) title "arrests", "" using 3 title "victims", "" using 4 title "migrants"
set style data linespoints
set title "Victims by month"
plot "$work/month.dat" using 0:2:xtic(1) with linespoints notitle
GP

. bench/median.sh

brief_ms=$(median_ms "$opbrief" brief "$fw" -o "$work/briefing.pdf")
gnuplot_ms=$(median_ms gnuplot "$work/charts.gp")
pages=$(pdfinfo "$work/briefing.pdf" | awk '/^Pages:/ { print $2 }')
gnuplot_pages=$(pdfinfo "$work/gnuplot.pdf" | awk '/^Pages:/ { print $2 }')
printf 'opbrief brief (%s pages)    %8s ms\n' "$pages" "$brief_ms"
printf 'gnuplot, 8 charts (%s pages)  %8s ms\n' "$gnuplot_pages" "$gnuplot_ms"
awk -v a="$brief_ms" -v b="$gnuplot_ms" 'BEGIN { printf "ratio                       %8.2fx\n", a / b }'
