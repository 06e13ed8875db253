#!/bin/sh
# Tests of the briefing and the chart set, run from the repository root by
# ctest: $1 opbrief, $2 compare_png, $3 a folder for failed page images.
# Expected numbers are the published FLASH-WEKA figures (fixtures/README.md).
set -u
opbrief=$1
compare_png=$2
output=$3
. tests/checks.sh

fw=fixtures/flash-weka-2023.csv
"$opbrief" brief "$fw" -o "$work/briefing.pdf" 2>"$work/err"
same "brief exit" 0 $?
same "brief message" "opbrief: $fw: 84 rows read, 84 accepted, 0 rejected
opbrief: protection: 29 victim figures under 10 shown as <10, 2 more hidden as x (the fewest possible: 2)
opbrief: $work/briefing.pdf: 10 pages" "$(cat "$work/err")"

# Structure and metadata.
same "qpdf check" "No syntax or stream encoding errors found; the file may still contain
errors that qpdf cannot detect" "$(qpdf --check "$work/briefing.pdf" | tail -n 2)"
info=$(TZ=UTC pdfinfo "$work/briefing.pdf")
same "pages" "Pages:           10" "$(printf '%s\n' "$info" | grep '^Pages:')"
same "title" "Title:           FLASH-WEKA: Operation briefing" \
    "$(printf '%s\n' "$info" | grep '^Title:')"
same "author" "Author:          Analysis unit" "$(printf '%s\n' "$info" | grep '^Author:')"
same "subject" "Subject:         Results reported by participating countries" \
    "$(printf '%s\n' "$info" | grep '^Subject:')"
same "keywords" "Keywords:        human trafficking, migrant smuggling, FLASH-WEKA" \
    "$(printf '%s\n' "$info" | grep '^Keywords:')"
same "creator" "Creator:         opbrief 0.1.0" "$(printf '%s\n' "$info" | grep '^Creator:')"
# No SOURCE_DATE_EPOCH: the end of the last day of the data, 2023-06-29.
same "creation date" "CreationDate:    Thu Jun 29 23:59:59 2023 UTC" \
    "$(printf '%s\n' "$info" | grep '^CreationDate:')"
same "fonts embedded" "" \
    "$(pdffonts "$work/briefing.pdf" | awk 'NR > 2 && $(NF - 4) != "yes"')"

# Bookmarks: one per section, in order.
same "bookmarks" "Summary
Victims identified by country
Arrests by country
Irregular migrants by country
Regional breakdown
Victims by breakdown
Victims by month
Results by country
Method and notes" "$(qpdf --json --json-key=outlines "$work/briefing.pdf" | grep -o '"title": "[^"]*"' | sed 's/"title": "//; s/"$//')"

# Text: every key figure, every country of the fixture, each section, the
# page numbers.
pdftotext "$work/briefing.pdf" "$work/briefing.txt"
missing=""
for figure in 1,062 823 2,731 801 197 "54 countries"; do
    grep -q -- "$figure" "$work/briefing.txt" || missing="$missing [$figure]"
done
for code in $(cut -d, -f2 "$fw" | tail -n +2 | sort -u); do
    name=$(awk -F '\t' -v c="$code" '$1 == c { print $4 }' data/countries.tsv)
    grep -qF -- "$name" "$work/briefing.txt" || missing="$missing [$name]"
done
for section in Summary "Victims identified by country" "Regional breakdown" \
    "Results by country" "Method and notes" "Page 2 of 10" "Page 10 of 10"; do
    grep -qF -- "$section" "$work/briefing.txt" || missing="$missing [$section]"
done
same "briefing text" "" "$missing"
# The key findings, written from the numbers: Nigeria 112 of 823 is 14%;
# the five largest (112 + 51 + 39 + 38 + 30 = 270) are 33%.
same "key findings" 1 "$(tr '\n' ' ' <"$work/briefing.txt" | grep -c 'Nigeria reported the most victims identified: 112, 14% of the total. The five countries with the most victims account for 33%')"
# Syria (4 victims), Iraq (6) and Tunisia (4) show "<10" in the table.
same "small victim counts hidden" "Iraq <10
Syria <10
Tunisia <10" "$(pdftotext -layout "$work/briefing.pdf" - | awk '$1 ~ /^(Syria|Iraq|Tunisia)$/ && NF == 6 { print $1, $3 }' | sort)"

# The same input, the same bytes; SOURCE_DATE_EPOCH is the date.
"$opbrief" brief "$fw" -o "$work/again.pdf" 2>/dev/null
cmp -s "$work/briefing.pdf" "$work/again.pdf"
same "byte-identical" 0 $?
SOURCE_DATE_EPOCH=1700000000 "$opbrief" brief "$fw" -o "$work/dated.pdf" 2>/dev/null
same "source date epoch" "CreationDate:    Tue Nov 14 22:13:20 2023 UTC" \
    "$(TZ=UTC pdfinfo "$work/dated.pdf" | grep '^CreationDate:')"

# The title and summary pages look as they did when they were looked at
# (tests/reference/briefing-page-N.png, 50 dpi).
pdftoppm -png -r 50 -f 1 -l 2 "$work/briefing.pdf" "$work/page"
mkdir -p "$output"
for n in 1 2; do
    actual=$(ls "$work"/page-*"$n".png | head -n 1)
    if [ -n "${OB_BLESS:-}" ]; then
        cp "$actual" "tests/reference/briefing-page-$n.png"
    fi
    "$compare_png" "$actual" "tests/reference/briefing-page-$n.png" \
        "$output/briefing-page-$n-diff.png" >"$work/compare" 2>&1
    result=$?
    [ $result -eq 0 ] || cp "$actual" "$output/briefing-page-$n.png"
    same "page $n looks as it did ($(cat "$work/compare"))" 0 $result
done

# 120 countries: the table runs over pages, its header on each of them.
awk -F '\t' 'NR > 1 && $7 != "" && n < 120 { n++; printf "T,%s,2023-05-%02d,%d,%d,%d,%d,%d\n", $1, n % 28 + 1, n, n % 23, 3 * n, n % 7, n % 5 }' \
    data/countries.tsv >"$work/rows"
{ echo "operation,country,date,arrests,victims,migrants,seizures,investigations"; cat "$work/rows"; } >"$work/t120.csv"
"$opbrief" brief "$work/t120.csv" -o "$work/t120.pdf" 2>/dev/null
same "120 countries exit" 0 $?
pages=$(pdfinfo "$work/t120.pdf" | awk '/^Pages:/ { print $2 }')
headers=0
rows_seen=0
page=1
while [ "$page" -le "$pages" ]; do
    text=$(pdftotext -f "$page" -l "$page" -layout "$work/t120.pdf" -)
    if printf '%s\n' "$text" | grep -qE '^ *Country +arrests +victims'; then
        headers=$((headers + 1))
    fi
    page=$((page + 1))
done
same "table header on every page of the table" 1 "$([ "$headers" -ge 3 ] && echo 1 || echo 0)"
missing=""
for code in $(cut -d, -f2 "$work/rows"); do
    name=$(awk -F '\t' -v c="$code" '$1 == c { print $4 }' data/countries.tsv)
    pdftotext "$work/t120.pdf" - | grep -qF -- "$name" || missing="$missing [$name]"
done
same "all 120 countries in the table" "" "$missing"

# A write that fails part-way (a file size limit of 20 x 512 bytes): exit
# 74, the previous briefing as it was, no temporary file left.
cp "$work/briefing.pdf" "$work/previous.pdf"
(ulimit -f 20 && "$opbrief" brief "$fw" -o "$work/previous.pdf") 2>"$work/err"
same "failed write exit" 74 $?
same "failed write message" "opbrief: $work/previous.pdf: write error: File too large" \
    "$(tail -n 1 "$work/err")"
cmp -s "$work/briefing.pdf" "$work/previous.pdf"
same "previous file kept" 0 $?
same "no temporary file" "" "$(ls "$work" | grep 'tmp-')"

# Whatever the number of rows, the table ends with its totals row (a
# review found that a table filling its last page exactly lost it).
missing=""
n=30
while [ $n -le 80 ]; do
    head -n "$((n + 1))" "$work/t120.csv" >"$work/tn.csv"
    "$opbrief" brief "$work/tn.csv" -o "$work/tn.pdf" 2>/dev/null
    pdftotext -layout "$work/tn.pdf" - | grep -qE '^ *Total +[0-9]' || missing="$missing $n"
    n=$((n + 1))
done
same "totals row for 30 to 80 countries" "" "$missing"

# A broken report definition: FILE:LINE:COLUMN and exit 78.
printf '{\n  "title": "x",\n  "sectoins": []\n}\n' >"$work/bad.json"
"$opbrief" brief "$fw" --report "$work/bad.json" -o "$work/x.pdf" 2>"$work/err"
same "bad key exit" 78 $?
same "bad key" "opbrief: $work/bad.json:3:3: \"sectoins\" is not a key of a report definition" \
    "$(tail -n 1 "$work/err")"
printf '{\n  "title": "x",\n  "sections": [{"type": "chart", "chart": "pie"}]\n}\n' >"$work/bad.json"
"$opbrief" brief "$fw" --report "$work/bad.json" -o "$work/x.pdf" 2>"$work/err"
same "bad chart" "opbrief: $work/bad.json:3:34: a chart section needs \"chart\": bars, grouped, stacked, series, kpi or table" \
    "$(tail -n 1 "$work/err")"
printf '{\n  "title": "x",\n  "sections": [\n' >"$work/bad.json"
"$opbrief" brief "$fw" --report "$work/bad.json" -o "$work/x.pdf" 2>"$work/err"
same "bad json" "opbrief: $work/bad.json:4:1: ']' expected near end of file" \
    "$(tail -n 1 "$work/err")"
same "no file made" "" "$(ls "$work" | grep '^x.pdf')"
# The shipped definitions load.
for report in reports/operation.json reports/monthly.json; do
    "$opbrief" brief "$fw" --report "$report" -o "$work/r.pdf" 2>/dev/null
    same "$report loads" 0 $?
done

# Several operations and none chosen: a comparison page; one chosen: none.
"$opbrief" brief fixtures/csv/monthly.csv -o "$work/two.pdf" 2>/dev/null
same "two operations exit" 0 $?
same "comparison page" 1 "$(pdftotext "$work/two.pdf" - | grep -c '^Comparison of operations$')"
same "two operations on the cover" 1 "$(pdftotext -f 1 -l 1 "$work/two.pdf" - | grep -c '^Operations: A, B$')"
"$opbrief" brief fixtures/csv/monthly.csv --operation a -o "$work/one.pdf" 2>/dev/null
same "one operation chosen" 0 "$(pdftotext "$work/one.pdf" - | grep -c '^Comparison of operations$')"
same "chosen operation title" "Title:           A: Operation briefing" \
    "$(pdfinfo "$work/one.pdf" | grep '^Title:')"
# Letter instead of A4: 612 x 792 points.
sed 's/"A4"/"Letter"/' reports/operation.json >"$work/letter.json"
"$opbrief" brief "$fw" --report "$work/letter.json" -o "$work/letter.pdf" 2>/dev/null
same "letter" "Page size:       612 x 792 pts (letter)" \
    "$(pdfinfo "$work/letter.pdf" | grep '^Page size:')"
same "a4" "Page size:       595.276 x 841.89 pts (A4)" \
    "$(pdfinfo "$work/briefing.pdf" | grep '^Page size:')"

# The article chart set.
"$opbrief" charts "$fw" --report reports/article.json --out "$work/article" >"$work/out" 2>/dev/null
same "charts exit" 0 $?
same "charts written" "13" "$(wc -l <"$work/out" | tr -d ' ')"
same "charts data file" "$work/article/data.json" "$(tail -n 1 "$work/out")"
# The whole set is one publication: read as a reader would, nothing in its
# data file can be narrowed.
"$opbrief" audit "$work/article/data.json" >/dev/null 2>&1
same "charts audit" 0 $?
# A sidecar per name: NAME.png and NAME.svg share NAME.txt and NAME.csv.
same "charts sidecars" "16" "$(ls "$work/article" | grep -cE '\.(txt|csv)$')"
same "charts 2x phys" "00 00 00 09 70 48 59 73 00 00 16 25 00 00 16 25 01" \
    "$(od -A n -t x1 -j 33 -N 17 "$work/article/victims-by-country@2x.png" | tr -s ' \n' ' ' | sed 's/^ //; s/ $//')"

finish
