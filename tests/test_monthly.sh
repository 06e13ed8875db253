#!/bin/sh
# End-to-end tests of `opbrief monthly`, run from the repository root by
# ctest: $1 opbrief, $2 gen_workload (the benchmark generator, for a run
# slow enough to be caught mid-way). Expected figures are those of
# fixtures/README.md ("monthly/"), checked there with awk.
set -u
opbrief=$1
generate=$2
. tests/checks.sh

data=fixtures/monthly
out=$work/out

# Two consecutive months, as a timer would run them: on 1 December the
# returns received up to November; on 1 January, December's file too,
# with late rows dated in November.
early=$work/early
mkdir "$early"
cp "$data"/* "$early"/
rm "$early/returns-2024-12.csv"
"$opbrief" monthly --data "$early" --month 2024-11 --out "$out" 2>"$work/log"
same "november exit" 0 $?
same "november log" "opbrief: monthly: report of 2024-11: returns from $early, into $out
opbrief: monthly: reading 23 files from $early
opbrief: monthly: 1380 rows read, 1380 accepted, 0 rejected
opbrief: monthly: wrote briefing.pdf, 10 pages
opbrief: monthly: wrote the charts
opbrief: monthly: wrote aggregates.csv and aggregates.json
opbrief: monthly: done: $out/2024-11" "$(cat "$work/log")"
"$opbrief" monthly --data "$data" --month 2024-12 --out "$out" 2>/dev/null
same "december exit" 0 $?
same "month folders" "2024-11
2024-12" "$(ls "$out")"
same "december files" "aggregates.csv
aggregates.json
briefing.pdf
charts
data.json
manifest.json
rejects.csv" "$(ls "$out/2024-12")"
same "december charts" 35 "$(ls "$out/2024-12/charts" | wc -l | tr -d ' ')"
# The last two months read together, as a reader has them: nothing hidden
# can be narrowed below what its marks allow (issue 9).
"$opbrief" audit "$out/2024-11/data.json" "$out/2024-12/data.json" \
    >/dev/null 2>"$work/audit"
same "two months: audit exit" 0 $?
same "two months: audit" "opbrief: 2 files, 306 figures: 75 shown as <10, 22 as x; none narrower than the marks allow" "$(cat "$work/audit")"

# The month's figures: November from its own file (fixtures/README.md):
# 65 countries; 2,109 arrests; 3,384 victims; 5,824 migrants; 1,319
# seizures; 599 investigations.
pdftotext "$out/2024-11/briefing.pdf" "$work/november.txt"
same "november figures" 1 "$(tr '\n' ' ' <"$work/november.txt" | grep -c '65 countries reporting. Between .* they reported 2,109 arrests, 3,384 victims of trafficking identified, 5,824 irregular migrants detected, 1,319 items seized and 599 investigations opened')"
same "november operations" 1 "$(tr '\n' ' ' <"$work/november.txt" | grep -c 'Operations active: LIBERTERRA, TURQUESA, WEKA')"
same "november late returns" 1 "$(tr '\n' ' ' <"$work/november.txt" | grep -c 'Late returns: there is no earlier monthly report')"
# December: 57 countries; 2,077 arrests, 2,575 victims. Its file holds
# TURQUESA rows dated 2024-11 (late), which changed November.
pdftotext "$out/2024-12/briefing.pdf" "$work/december.txt"
same "december figures" 1 "$(tr '\n' ' ' <"$work/december.txt" | grep -c '57 countries reporting. Between .* they reported 2,077 arrests, 2,575 victims')"
same "december late returns" 1 "$(tr '\n' ' ' <"$work/december.txt" | grep -c 'since the report of 2024-11: 2024-11\.')"
same "december pages" "Pages:           10" "$(pdfinfo "$out/2024-12/briefing.pdf" | grep '^Pages:')"

# The manifest: every output's hash and size verify; every input listed.
check_manifest() {
    folder=$1
    grep -o '"name": "[^"]*", "sha256": "[0-9a-f]*", "size": [0-9]*}' "$folder/manifest.json" |
        sed 's/"name": "\([^"]*\)", "sha256": "\([0-9a-f]*\)", "size": \([0-9]*\)}/\2  \1/' >"$work/sums"
    (cd "$folder" && sha256sum --quiet -c "$work/sums" 2>&1)
}
same "manifest verifies" "" "$(check_manifest "$out/2024-12")"
same "manifest outputs" 40 "$(grep -c '"sha256": "[0-9a-f]*", "size": [0-9]*}' "$out/2024-12/manifest.json")"
same "manifest inputs" 24 "$(grep -c '"rows_read"' "$out/2024-12/manifest.json")"
same "manifest input counts" 1 "$(grep -c '"name": "returns-2024-09.csv.gz", "sha256": "[0-9a-f]*", "size": 1147, "rows_read": 73, "rows_accepted": 73, "rows_rejected": 0}' "$out/2024-12/manifest.json")"
same "manifest report hash" 1 "$(grep -c '"report": {"name": "(built-in monthly.json)", "sha256": "[0-9a-f]\{64\}"}' "$out/2024-12/manifest.json")"

# A re-run: the same bytes, file for file.
(cd "$out/2024-12" && find . -type f | sort | xargs sha256sum) >"$work/before"
"$opbrief" monthly --data "$data" --month 2024-12 --out "$out" 2>/dev/null
(cd "$out/2024-12" && find . -type f | sort | xargs sha256sum) >"$work/after"
cmp -s "$work/before" "$work/after"
same "re-run byte-identical" 0 $?

# Across months, nothing hidden can be worked out: no figure is a sum over
# months (each row of a series is one month, and no year-to-date figure
# is published), so no month's figures can be subtracted from another's.
same "series rows are months" "" "$(tail -n +2 "$out/2024-12/charts/victims-by-month.csv" | grep -vE '^20[0-9]{2}-[0-9]{2},')"
# November in December's series is November as it stands now (late rows
# included: 3,448 victims), and November's own report said 3,384: the
# two differ by the late rows, which December's report names as late.
same "november in december's series" "2024-11,3448" \
    "$(grep '^2024-11,' "$out/2024-12/charts/victims-by-month.csv")"
same "november in november's report" "2024-11,3384" \
    "$(grep '^2024-11,' "$out/2024-11/charts/victims-by-month.csv")"
for month in 2024-11 2024-12; do
    # Within each operation of the month, victims hidden: none or two and
    # more (one alone would be its total less the others).
    bad=$(awk -F, 'NR > 1 && $3 != "(total)" && $3 !~ /^\(/ { if ($7 == "<10" || $7 == "x") hidden[$1]++; seen[$1] = 1 }
                   END { for (op in seen) if (hidden[op] == 1) print op }' "$out/$month/aggregates.csv")
    same "$month: no operation with one hidden cell" "" "$bad"
done

# A late return of 5 victims would show as the change of November's total
# between November's report and the next one: that figure is hidden (x),
# with the changes and the trend that would give it away. The rule is
# disclosure control's, with November's report read from its data file
# (data.json); the same figure in the 12- and 24-month series is one.
small=$work/small
smallout=$work/smallout
mkdir "$small"
cp "$early"/* "$small"/
"$opbrief" monthly --data "$small" --month 2024-11 --out "$smallout" 2>/dev/null
printf 'operation,country,date,arrests,victims\nWEKA,ISL,2024-11-28,1,5\nWEKA,ISL,2024-12-02,1,12\n' \
    >"$small/late.csv"
"$opbrief" monthly --data "$small" --month 2024-12 --out "$smallout" 2>"$work/log"
same "small revision exit" 0 $?
same "small revision hidden" "2024-11,x" \
    "$(grep '^2024-11,' "$smallout/2024-12/charts/victims-by-month.csv")"
same "small revision log" 1 "$(grep -c 'hid 1 figure of earlier months that late returns changed by fewer than 10' "$work/log")"
# Read together, the two reports pin nothing.
"$opbrief" audit "$smallout/2024-11/data.json" "$smallout/2024-12/data.json" \
    >/dev/null 2>"$work/audit"
same "small revision: audit exit" 0 $?
same "small revision: audit" "opbrief: 2 files, 175 figures: 36 shown as <10, 11 as x; none narrower than the marks allow" "$(cat "$work/audit")"

# Found by a review: a series by month publishes no total, yet its mean
# and the months' shares gave it away, and with it a hidden month.
# January 65, February 78 in February's report; a late return of 4 makes
# February 82, hidden (x) in March's report beside January 65 and March
# 75. A mean of 74 over 3 months said 3 x 74 - 65 - 75 = 82, and January's
# share 0.292793 said 65 / 0.292793 - 65 - 75 = 82: the late return, 4.
three=$work/three
mkdir -p "$three/data"
printf 'operation,country,date,arrests,victims\nOPA,FRA,2023-01-10,3,15\nOPA,DEU,2023-01-12,5,20\nOPA,ITA,2023-01-12,5,30\nOPA,FRA,2023-02-10,3,25\nOPA,DEU,2023-02-12,5,22\nOPA,ITA,2023-02-12,5,31\n' \
    >"$three/data/r1.csv"
"$opbrief" monthly --data "$three/data" --month 2023-02 --out "$three/out" 2>/dev/null
printf 'operation,country,date,arrests,victims\nOPA,FRA,2023-02-20,3,4\nOPA,FRA,2023-03-10,3,18\nOPA,DEU,2023-03-12,5,24\nOPA,ITA,2023-03-12,5,33\n' \
    >"$three/data/r2.csv"
"$opbrief" monthly --data "$three/data" --month 2023-03 --out "$three/out" 2>/dev/null
same "late return: February hidden" "2023-02,x" \
    "$(grep '^2023-02,' "$three/out/2023-03/charts/victims-by-month.csv")"
same "late return: no mean of the series" 0 \
    "$(grep -c '"mean": 74' "$three/out/2023-03/data.json")"
same "late return: no share of a month" 0 \
    "$(grep -c '"share": 0.292793' "$three/out/2023-03/data.json")"
"$opbrief" audit "$three/out/2023-02/data.json" "$three/out/2023-03/data.json" \
    >"$work/intervals" 2>/dev/null
same "late return: audit" "month 2023-02: shown as x; a reader can tell 0 or more" "$(cat "$work/intervals")"
# Found by a review: February made again after the late return showed
# France 29 and the month 82 where its first report showed 25 and 78: the
# late return, 4 victims in France, pinned. The report being replaced is
# one a reader may have kept, so it joins the publication too, and both
# figures are hidden.
cp -r "$three/out/2023-02" "$work/february-first"
"$opbrief" monthly --data "$three/data" --month 2023-02 --out "$three/out" 2>/dev/null
same "re-run: France" "FRA,France,x" \
    "$(grep '^FRA,' "$three/out/2023-02/charts/victims-by-country.csv")"
same "re-run: the month" "2023-02,x" \
    "$(grep '^2023-02,' "$three/out/2023-02/charts/victims-by-month.csv")"
"$opbrief" audit "$work/february-first/data.json" "$three/out/2023-02/data.json" \
    "$three/out/2023-03/data.json" >/dev/null 2>&1
same "re-run: audit exit" 0 $?
same "small revision: November's report" "2024-11,3384" \
    "$(grep '^2024-11,' "$smallout/2024-11/charts/victims-by-month.csv")"

# Hidden folders of someone else's in OUT stay where they are.
mkdir -p "$out/.archive.old-keep"
echo kept >"$out/.archive.old-keep/notes.txt"
"$opbrief" monthly --data "$data" --month 2024-12 --out "$out" 2>/dev/null
same "other hidden folders kept" "kept" "$(cat "$out/.archive.old-keep/notes.txt")"
rm -r "$out/.archive.old-keep"

# A month with no returns: exit 65, a clear message, no folder.
"$opbrief" monthly --data "$data" --month 2030-01 --out "$out" 2>"$work/log"
same "empty month exit" 65 $?
same "empty month message" "opbrief: monthly: no returns dated 2030-01 in $data: no report is made" \
    "$(tail -n 1 "$work/log")"
same "empty month no folder" "2024-11
2024-12" "$(ls "$out")"

# Usage and input mistakes.
"$opbrief" monthly --data "$work/none" --out "$out" --month 2024-12 2>"$work/log"
same "missing data exit" 66 $?
same "missing data message" "opbrief: monthly: $work/none: not a folder" "$(tail -n 1 "$work/log")"
"$opbrief" monthly --data "$data" 2>"$work/log"
same "no out exit" 64 $?
"$opbrief" monthly --data "$data" --out "$out" --month 2024-13 2>"$work/log"
same "bad month" "opbrief: --month: \"2024-13\" is not a month (YYYY-MM)" "$(cat "$work/log")"

# Under systemd: journal priorities.
JOURNAL_STREAM=8:123 "$opbrief" monthly --data "$data" --month 2030-01 --out "$out" 2>"$work/log"
same "journal priorities" "<6>opbrief: monthly: report of 2030-01: returns from $data, into $out
<6>opbrief: monthly: reading 24 files from $data
<6>opbrief: monthly: 1453 rows read, 1453 accepted, 0 rejected
<3>opbrief: monthly: no returns dated 2030-01 in $data: no report is made" "$(cat "$work/log")"

# A slow run (a million more rows) to catch mid-way: a second run while it
# holds the lock exits 75; killed, it leaves the previous month intact.
slow=$work/slow
mkdir "$slow"
cp "$data"/* "$slow"/
"$generate" 1M >"$slow/zz-bulk.csv"
cp -r "$out/2024-12" "$work/kept"
"$opbrief" monthly --data "$slow" --month 2024-12 --out "$out" 2>/dev/null &
first=$!
i=0
while [ $i -lt 500 ] && ! ls -a "$out" | grep -q '^\.2024-12\.tmp-'; do
    sleep 0.01
    i=$((i + 1))
done
"$opbrief" monthly --data "$data" --month 2024-12 --out "$out" 2>"$work/log"
same "second run exit" 75 $?
same "second run message" "opbrief: monthly: another run holds the lock $out/.opbrief-monthly.lock: try again when it is done" \
    "$(tail -n 1 "$work/log")"
kill -9 "$first"
wait "$first" 2>/dev/null
diff -r "$work/kept" "$out/2024-12" >/dev/null
same "killed run leaves the month intact" 0 $?
same "killed run leaves no month partial" "2024-11
2024-12" "$(ls "$out")"
# The next run clears what the killed one left.
"$opbrief" monthly --data "$data" --month 2024-12 --out "$out" 2>"$work/log"
same "run after kill exit" 0 $?
same "leftover removed" 1 "$(grep -c 'opbrief: monthly: removing .2024-12.tmp-.*, left by a run that did not finish' "$work/log")"
same "no leftovers" "" "$(ls -a "$out" | grep '^\.2024')"

finish
