#!/bin/sh
# The ingest + aggregate benchmark: opbrief beside GNU datamash, Miller and
# pandas on the same generated files, each asked for the sums of the five
# measures per operation and country. Checks that all four agree, then
# prints the median wall time of RUNS runs, the throughput and the peak
# memory (maximum resident set size) of each, and each one's time as a
# multiple of opbrief's.
#
# Usage: bench/run.sh            (from the repository root, after make build)
#        SIZES="1M 10M" RUNS=3 BUILD=build bench/run.sh
set -eu
build=${BUILD:-build}
sizes=${SIZES:-"1M 10M"}
runs=${RUNS:-3}
opbrief=$build/src/cli/opbrief
generate=$build/bench/gen_workload
data=bench/data
mkdir -p "$data"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

measures=arrests,victims,migrants,seizures,investigations

# run_tool TOOL FILE OUT: one run; prints "seconds peak_kilobytes".
run_tool() {
    case $1 in
    opbrief)
        /usr/bin/time -f '%e %M' -o "$work/time" "$opbrief" aggregate "$2" \
            --by operation,country --suppress-below 0 -o "$3" 2>/dev/null ;;
    datamash)
        /usr/bin/time -f '%e %M' -o "$work/time" sh -c \
            'datamash -t, -H -s -g 2,3 sum 5 sum 6 sum 7 sum 8 sum 9 <"$1" >"$2"' \
            sh "$2" "$3" ;;
    miller)
        /usr/bin/time -f '%e %M' -o "$work/time" mlr --icsv --ocsv stats1 \
            -a sum -f $measures -g operation,country "$2" >"$3" ;;
    pandas)
        /usr/bin/time -f '%e %M' -o "$work/time" /usr/bin/python3 -c '
import sys, pandas as pd
d = pd.read_csv(sys.argv[1])
d.groupby(["operation", "country"])[sys.argv[3].split(",")].sum().to_csv(sys.argv[2])
' "$2" "$3" "$measures" ;;
    esac
    tail -n 1 "$work/time"
}

# normalize TOOL OUT: "operation,country,a,v,m,s,i" lines, sorted.
normalize() {
    /usr/bin/python3 - "$1" "$2" <<'PY'
import csv, sys
tool, path = sys.argv[1], sys.argv[2]
rows = list(csv.reader(open(path, newline="")))
out = []
for r in rows[1:]:
    if tool == "opbrief":
        r = r[0:2] + r[5:10]
    out.append(",".join(r[0:2] + [str(int(float(x))) for x in r[2:7]]))
print("\n".join(sorted(out)))
PY
}

median() {
    sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

printf '%-5s %7s  %-9s %9s %9s %9s %8s\n' rows MB tool seconds 'MB/s' 'peak MB' ratio
for size in $sizes; do
    file=$data/incidents-$size.csv
    [ -f "$file" ] || "$generate" "$size" >"$file"
    megabytes=$(du -m "$file" | awk '{ print $1 }')
    reference=""
    opbrief_seconds=""
    for tool in opbrief datamash miller pandas; do
        : >"$work/times"
        : >"$work/memory"
        i=0
        while [ $i -lt "$runs" ]; do
            set -- $(run_tool $tool "$file" "$work/out-$tool.csv")
            echo "$1" >>"$work/times"
            echo "$2" >>"$work/memory"
            i=$((i + 1))
        done
        normalize $tool "$work/out-$tool.csv" >"$work/sums-$tool"
        if [ -z "$reference" ]; then
            reference=$work/sums-$tool
        elif ! cmp -s "$reference" "$work/sums-$tool"; then
            echo "bench: $tool disagrees with opbrief on $file" >&2
            diff "$reference" "$work/sums-$tool" | head -5 >&2
            exit 1
        fi
        seconds=$(median <"$work/times")
        peak=$(sort -n "$work/memory" | tail -n 1)
        [ -n "$opbrief_seconds" ] || opbrief_seconds=$seconds
        awk -v n="$size" -v mb="$megabytes" -v t="$tool" -v s="$seconds" \
            -v p="$peak" -v o="$opbrief_seconds" 'BEGIN {
            printf "%-5s %7d  %-9s %9.2f %9.1f %9.1f %7.1fx\n", n, mb, t, s,
                   (s > 0 ? mb / s : 0), p / 1024, (o > 0 ? s / o : 0) }'
    done
done
echo "all four tools gave the same sums for every file"
