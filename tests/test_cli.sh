#!/bin/sh
# Tests of the command line, run from the repository root by ctest with the
# opbrief binary as $1. Expected totals are the published FLASH-WEKA figures
# (fixtures/README.md); per-country rows are hand sums of the fixture rows;
# every message is checked word for word, with its exit code (sysexits).
set -u
opbrief=$1
check_json_shape=$2
. tests/checks.sh


fw=fixtures/flash-weka-2023.csv
fx=fixtures/flash-weka-2023-excel.csv
header='operation,rows,countries,arrests,victims,migrants,seizures,investigations'

# The published totals: 54 countries, 1,062 arrests, 823 victims, 2,731
# migrants, 801 seizures, 197 investigations; 84 rows in the fixture.
run aggregate "$fw" --by operation
same "flash-weka totals" "$header
FLASH-WEKA,84,54,1062,823,2731,801,197" "$out"
same "flash-weka counts line" \
    "opbrief: $fw: 84 rows read, 84 accepted, 0 rejected" "$err"
same "flash-weka exit" 0 "$code"

# A ';' spreadsheet export with BOM, CRLF, names and 1.204 gives the same.
run aggregate "$fx" --by operation
same "spreadsheet export totals" "$header
FLASH-WEKA,84,54,1062,823,2731,801,197" "$out"

# Standard input, and gzip.
"$opbrief" aggregate - --by operation <"$fw" >"$work/out" 2>"$work/err"
same "stdin totals" "$header
FLASH-WEKA,84,54,1062,823,2731,801,197" "$(cat "$work/out")"
same "stdin counts line" \
    "opbrief: -: 84 rows read, 84 accepted, 0 rejected" "$(cat "$work/err")"
run aggregate fixtures/csv/flash-weka-2023.csv.gz
same "gzip grand total" "rows,countries,arrests,victims,migrants,seizures,investigations
84,54,1062,823,2731,801,197" "$out"

# Per country, hand sums from the fixture rows (fixtures/README.md table):
# Sierra Leone lines 71-72; CAF reported no investigations (empty, not 0)
# and 6 victims, published as <10; Côte d'Ivoire by its display name.
run aggregate "$fw" --by country
same "country rows" 55 "$(printf '%s\n' "$out" | wc -l | tr -d ' ')"
same "country header" "country,country_name,rows,countries,arrests,victims,migrants,seizures,investigations" \
    "$(printf '%s\n' "$out" | head -n 1)"
same "Sierra Leone" "SLE,Sierra Leone,2,1,10,24,0,8,3" \
    "$(printf '%s\n' "$out" | grep '^SLE')"
same "CAF missing investigations" "CAF,Central African Republic,1,1,8,<10,0,5," \
    "$(printf '%s\n' "$out" | grep '^CAF')"
same "Côte d'Ivoire" "CIV,Côte d'Ivoire,2,1,35,39,38,29,7" \
    "$(printf '%s\n' "$out" | grep '^CIV')"
run aggregate "$fw" --by operation,country
same "operation,country rows" 55 "$(printf '%s\n' "$out" | wc -l | tr -d ' ')"
same "operation,country Togo" "FLASH-WEKA,TGO,Togo,2,1,15,38,0,11,4" \
    "$(printf '%s\n' "$out" | grep ',TGO,')"

# The table for people, as make demo prints it.
run aggregate "$fw" --by operation --format table
same "totals table" "operation   rows  countries  arrests  victims  migrants  seizures  investigations
FLASH-WEKA    84         54    1,062      823     2,731       801             197" "$out"

# Qualifiers survive aggregation: arrests ~70 + >20 + 2 = 92, and a lower
# bound in the sum makes it ">92"; victims >200 plus <5 (adds nothing but
# makes it a lower bound) is ">200"; migrants ~700 alone is "~700".
run aggregate fixtures/csv/qualifiers.csv
same "qualified sums" "rows,countries,arrests,victims,migrants,seizures,investigations
3,3,>92,>200,~700,," "$out"

# Region rollups of the FLASH-WEKA fixture, summed by hand with awk over
# the fixture's rows and the region of each code in data/countries.tsv
# (INTERPOL: DZA EGY LBY MAR TUN IRQ SYR are Middle East and North Africa,
# the other 47 Africa; M49: IRQ and SYR are Asia, Western Asia).
run aggregate "$fw" --by interpol
same "interpol regions" "interpol,rows,countries,arrests,victims,migrants,seizures,investigations
Africa,70,47,799,752,1001,624,162
Middle East and North Africa,14,7,263,71,1730,177,35" "$out"
run aggregate "$fw" --by region
same "m49 regions" "region,rows,countries,arrests,victims,migrants,seizures,investigations
Africa,80,52,1032,813,2698,782,192
Asia,4,2,30,10,33,19,5" "$out"
run aggregate "$fw" --by subregion
same "m49 subregions" "subregion,rows,countries,arrests,victims,migrants,seizures,investigations
Northern Africa,11,6,245,67,1761,166,32
Sub-Saharan Africa,69,46,787,746,937,616,160
Western Asia,4,2,30,10,33,19,5" "$out"

# JSON: the documented shape, for regions with statistics, for countries
# (with hidden cells) and by month (with changes and trends).
run aggregate "$fw" --by region --stats --format json -o "$work/region.json"
same "region json exit" 0 "$code"
same "region json shape" "$work/region.json: the documented shape" \
    "$("$check_json_shape" "$work/region.json" 2>&1)"
run aggregate "$fw" --by operation,country --format json -o "$work/country.json"
same "country json shape" "$work/country.json: the documented shape" \
    "$("$check_json_shape" "$work/country.json" 2>&1)"
# 26 countries reported 1 to 9 victims (fixtures/README.md table).
same "country json hides" 1 \
    "$(grep -c '"primary": 26' "$work/country.json")"
run aggregate fixtures/csv/monthly.csv --by operation,month --format json -o "$work/month.json"
same "month json shape" "$work/month.json: the documented shape" \
    "$("$check_json_shape" "$work/month.json" 2>&1)"

# Statistics across groups, operation A of monthly.csv: arrests by month
# 0, 5, 8, 4, 10 (2023-01 has an empty cell besides the 8). By hand: n 5,
# mean 27/5 = 5.40, median 5, quartiles 4 and 8 (type 7), p90 8 + 0.6 x 2 =
# 9.20, sd sqrt(59.2 / 4) = 3.85, top 5 share 27/27 = 1. Victims 12, 20,
# 28, 40, 30: mean 26, median 28, quartiles 20 and 30, p90 30 + 0.6 x 10 =
# 36, sd sqrt(448 / 4) = 10.58.
run aggregate fixtures/csv/monthly.csv --by operation,month --stats
same "stats rows" "A,(total),6,,27,130,,,
A,(n),,,5,5,0,0,0
A,(mean),,,5.40,26.00,,,
A,(median),,,5.00,28.00,,,
A,(q1),,,4.00,20.00,,,
A,(q3),,,8.00,30.00,,,
A,(p90),,,9.20,36.00,,,
A,(sd),,,3.85,10.58,,,
A,(top 5 share),,,1.0000,1.0000,,," "$(printf '%s\n' "$out" | grep '^A,(')"

# Declared countries that differ from the data.
run aggregate fixtures/csv/declared.csv --by operation
same "declared warnings" "opbrief: fixtures/csv/declared.csv: 6 rows read, 6 accepted, 0 rejected
opbrief: Akoma: rows declare different numbers of countries; the largest is 3
opbrief: Akoma: 3 countries declared, 2 in the data
opbrief: FLASH-WEKA: 54 countries declared, 3 in the data" "$err"

run validate fixtures/csv/declared.csv
same "declared warnings in validate" "opbrief: fixtures/csv/declared.csv: 6 rows read, 6 accepted, 0 rejected
opbrief: Akoma: rows declare different numbers of countries; the largest is 3
opbrief: Akoma: 3 countries declared, 2 in the data
opbrief: FLASH-WEKA: 54 countries declared, 3 in the data" "$err"

# A user column as a key; one that no row has.
run aggregate fixtures/csv/header-aliases.csv --by Region
same "user column key" "Region,rows,countries,arrests,victims,migrants,seizures,investigations
West Africa,2,1,,10,10,,1" "$out"
run aggregate "$fw" --by regoin
same "absent column" "opbrief: $fw: 84 rows read, 84 accepted, 0 rejected
opbrief: --by: no row has a value in a column \"regoin\"" "$err"

# Protection off: the output says so.
run aggregate "$fw" --by country --suppress-below 0
same "protection off note" "opbrief: $fw: 84 rows read, 84 accepted, 0 rejected
opbrief: small-cell protection is off (--suppress-below 0): small victim counts are shown as they are" "$err"
same "protection off value" "CAF,Central African Republic,1,1,8,6,0,5," \
    "$(printf '%s\n' "$out" | grep '^CAF')"

# Several kinds of bad rows: each is in the rejects file with its line and
# reason, and read = accepted + rejected.
run validate fixtures/csv/mixed-bad.csv --rejects "$work/rejects.csv"
same "mixed-bad exit" 0 "$code"
same "mixed-bad messages" "opbrief: fixtures/csv/mixed-bad.csv:3:2: \"Atlantis\" is not a known country
opbrief: fixtures/csv/mixed-bad.csv:4:4: \"1O62\" is not a whole number
opbrief: fixtures/csv/mixed-bad.csv:5:3: \"2023-02-30\" is not a date in the calendar
opbrief: fixtures/csv/mixed-bad.csv:6:4: \"-3\" is negative: counts are whole numbers of 0 or more
opbrief: fixtures/csv/mixed-bad.csv:7:6: row has 5 fields; the header has 7
opbrief: fixtures/csv/mixed-bad.csv:8:1: the operation is empty
opbrief: fixtures/csv/mixed-bad.csv:9:4: \"nine\" is not a whole number
opbrief: fixtures/csv/mixed-bad.csv:10:7: misplaced quote: a quoted field starts and ends with \" and doubles every \" inside
opbrief: fixtures/csv/mixed-bad.csv:11:5: \"1.5\" is not a whole number
opbrief: fixtures/csv/mixed-bad.csv:12:7: \"\\xE9\" is not valid UTF-8: save the file as UTF-8 CSV
opbrief: fixtures/csv/mixed-bad.csv: 12 rows read, 2 accepted, 10 rejected" "$err"
same "rejects lines" 11 "$(wc -l <"$work/rejects.csv" | tr -d ' ')"
same "rejects header" "operation,country,date,arrests,victims,migrants,exploitation,source,line,column,reason" \
    "$(head -n 1 "$work/rejects.csv")"
same "rejects formula guard" "FLASH-WEKA,IRQ,2023-06-03,nine,,,'=1+2,fixtures/csv/mixed-bad.csv,9,4,\"\"\"nine\"\" is not a whole number\"" \
    "$(grep nine "$work/rejects.csv")"
same "rejects negative guard" "FLASH-WEKA,AGO,2023-06-01,'-3,7,,,fixtures/csv/mixed-bad.csv,6,4,\"\"\"-3\"\" is negative: counts are whole numbers of 0 or more\"" \
    "$(grep "'-3" "$work/rejects.csv")"

# More than 20 problems in a file: the rest are counted, not printed.
{
    echo "operation,country,victims"
    i=0
    while [ $i -lt 25 ]; do echo "W,Atlantis,1"; i=$((i + 1)); done
    echo "W,TGO,1"
} >"$work/many.csv"
run validate "$work/many.csv"
same "problems shown" 22 "$(printf '%s\n' "$err" | wc -l | tr -d ' ')"
same "problems not shown" "opbrief: $work/many.csv: 5 more problems not shown; --rejects FILE keeps every rejected row" \
    "$(printf '%s\n' "$err" | sed -n 21p)"

# The header's own problems, and a declared number that is not exact.
run validate fixtures/csv/header-nul.csv
same "header NUL" "opbrief: fixtures/csv/header-nul.csv: 0 rows read, 0 accepted, 0 rejected
opbrief: fixtures/csv/header-nul.csv:1:2: the header has a NUL byte: the file may be UTF-16 or not text; save it as UTF-8 CSV" "$err"
same "header NUL exit" 65 "$code"
run validate fixtures/csv/header-latin1.csv
same "header latin-1" "opbrief: fixtures/csv/header-latin1.csv: 0 rows read, 0 accepted, 0 rejected
opbrief: fixtures/csv/header-latin1.csv:1:4: the header is not valid UTF-8: save the file as UTF-8 CSV" "$err"
run validate fixtures/csv/declared-approx.csv
same "declared not exact" "opbrief: fixtures/csv/declared-approx.csv:2:4: \"~54\": the number of countries declared must be exact
opbrief: fixtures/csv/declared-approx.csv: 1 rows read, 0 accepted, 1 rejected
opbrief: no rows accepted: nothing to report" "$err"

# Old Mac line ends (a lone CR), a line of spaces (RFC 4180: spaces are a
# field), and a misplaced quote on a long line: every row is counted, at
# its own line, and the row after the long one is read.
run validate fixtures/csv/cr-only.csv
same "lone CR lines" "opbrief: fixtures/csv/cr-only.csv:3:3: misplaced quote: a quoted field starts and ends with \" and doubles every \" inside
opbrief: fixtures/csv/cr-only.csv:5:5: \"bad\" is not a whole number
opbrief: fixtures/csv/cr-only.csv: 4 rows read, 2 accepted, 2 rejected" "$err"
run validate fixtures/csv/spaces-line.csv
same "line of spaces" "opbrief: fixtures/csv/spaces-line.csv:3:2: row has 1 field; the header has 5
opbrief: fixtures/csv/spaces-line.csv:4:4: \"zz\" is not a whole number
opbrief: fixtures/csv/spaces-line.csv: 3 rows read, 1 accepted, 2 rejected" "$err"
run validate fixtures/csv/quote-then-long.csv
same "quote then long line" "opbrief: fixtures/csv/quote-then-long.csv:2:3: misplaced quote: a quoted field starts and ends with \" and doubles every \" inside
opbrief: fixtures/csv/quote-then-long.csv:4:4: \"zz\" is not a whole number
opbrief: fixtures/csv/quote-then-long.csv: 3 rows read, 1 accepted, 2 rejected" "$err"

# Strict mode: the first problem is fatal.
run validate --strict fixtures/csv/mixed-bad.csv
same "strict exit" 65 "$code"
same "strict message" "opbrief: fixtures/csv/mixed-bad.csv: 2 rows read, 1 accepted, 1 rejected
opbrief: fixtures/csv/mixed-bad.csv:3:2: \"Atlantis\" is not a known country" "$err"

# Forcing the delimiter.
run aggregate --delimiter ';' "$fw"
same "forced delimiter exit" 65 "$code"
same "forced delimiter message" "opbrief: $fw: 0 rows read, 0 accepted, 0 rejected
opbrief: $fw:1: the header has no operation column (looked for operation, op, operation name)" "$err"
run aggregate --delimiter=semicolon "$fx" --by operation
same "forced semicolon" "$header
FLASH-WEKA,84,54,1062,823,2731,801,197" "$out"

# Exit codes and usage messages.
run
same "no command exit" 64 "$code"
run frobnicate
same "unknown command" "opbrief: unknown command \"frobnicate\"" \
    "$(printf '%s\n' "$err" | head -n 1)"
same "unknown command exit" 64 "$code"
run aggregate "$fw" --by operation,country,month
same "three keys" "opbrief: --by: \"operation,country,month\" has more than 2 keys" "$err"
same "three keys exit" 64 "$code"
run aggregate "$fw" --by country,country
same "key twice" "opbrief: --by: \"country\" is given twice" "$err"
run aggregate "$fw" --by operation,
same "empty key" "opbrief: --by: \"operation,\" has an empty key" "$err"
run aggregate "$fw" --suppress-below -1
same "bad threshold" "opbrief: --suppress-below: \"-1\" is not a whole number of 0 or more" "$err"
run aggregate "$fw" --trend-months 2
same "bad trend months" "opbrief: --trend-months: \"2\" is not a whole number of 3 or more" "$err"
run aggregate "$fw" --format xml
same "bad format" "opbrief: --format: \"xml\" is not csv, json or table" "$err"
run validate "$fw" --frob
same "unknown option" "opbrief: validate: unknown option \"--frob\"" "$err"
same "unknown option exit" 64 "$code"
run validate
same "no input" "opbrief: validate: no input file (use - for standard input)" "$err"
same "no input exit" 64 "$code"
run validate "$fw" --delimiter '|'
same "bad delimiter" "opbrief: --delimiter must be ',', ';' or 'tab', not \"|\"" "$err"
run aggregate "$fw" --by
same "missing value" "opbrief: --by needs a value" "$err"
run validate fixtures/nope.csv
same "missing file" "opbrief: fixtures/nope.csv: cannot open: No such file or directory" "$err"
same "missing file exit" 66 "$code"
run validate fixtures/csv/header-only.csv
same "nothing accepted" "opbrief: fixtures/csv/header-only.csv: 0 rows read, 0 accepted, 0 rejected
opbrief: no rows accepted: nothing to report" "$err"
same "nothing accepted exit" 65 "$code"
run aggregate "$fw" -o /nonexistent-folder/out.csv
same "cannot create" "opbrief: $fw: 84 rows read, 84 accepted, 0 rejected
opbrief: /nonexistent-folder/out.csv: cannot create: No such file or directory" "$err"
same "cannot create exit" 73 "$code"
for command in validate aggregate; do
    run "$command" --help
    same "$command --help exit" 0 "$code"
    same "$command --help usage" "usage: opbrief $command [OPTIONS] FILE..." \
        "$(printf '%s\n' "$out" | head -n 1 | sed 's/ --by KEYS//')"
done
run --version
same "version" "opbrief 0.1.0" "$out"

# -o writes the file whole; a failing run leaves the previous one as it was.
run aggregate "$fw" --by operation -o "$work/totals.csv"
same "-o file" "$header
FLASH-WEKA,84,54,1062,823,2731,801,197" "$(cat "$work/totals.csv")"
run aggregate fixtures/csv/empty.csv "$fw" --by operation -o "$work/totals.csv"
same "failed run exit" 65 "$code"
same "failed run keeps output" "$header
FLASH-WEKA,84,54,1062,823,2731,801,197" "$(cat "$work/totals.csv")"
same "no temporary left" "" "$(ls "$work" | grep tmp)"

# Charts. The example of the README: victims by country, top 15.
run chart bars "$fw" --measure victims --top 15 -o "$work/victims.png"
same "chart exit" 0 "$code"
# The sidecars, word for word. Values from the per-country table of
# fixtures/README.md: the 14 largest, then "Other" = 823 - 487 = 336; 26
# countries reported 1 to 9 victims.
same "chart alt text" "Bar chart: FLASH-WEKA: Victims identified by country. Largest first, 15 bars, the last of them \"Other (40 countries)\". Largest: Nigeria, 112. Smallest shown: Senegal, 21. Total: 823. 26 of the countries in \"Other\" had fewer than 10 or are hidden so that none of those can be worked out; they are not shown one by one, to protect the people concerned. Source: flash-weka-2023.csv." \
    "$(cat "$work/victims.txt")"
same "chart data" "country,country_name,victims
NGA,Nigeria,112
COD,Democratic Republic of the Congo,51
CIV,Côte d'Ivoire,39
TGO,Togo,38
CMR,Cameroon,30
ETH,Ethiopia,29
ZAF,South Africa,27
GHA,Ghana,25
MLI,Mali,24
SLE,Sierra Leone,24
BEN,Benin,23
NER,Niger,23
SEN,Senegal,21
TZA,Tanzania,21
,Other (40 countries),336" "$(cat "$work/victims.csv")"
# The PNG records its resolution: pHYs right after IHDR, 72 dpi = 2835
# pixels a metre (0x0b13); with --scale 2, 144 dpi = 5669 (0x1625).
same "png phys 72" "00 00 00 09 70 48 59 73 00 00 0b 13 00 00 0b 13 01" \
    "$(od -A n -t x1 -j 33 -N 17 "$work/victims.png" | tr -s ' \n' ' ' | sed 's/^ //; s/ $//')"
run chart bars "$fw" --scale 2 -o "$work/victims2x.png"
same "png phys 144" "00 00 00 09 70 48 59 73 00 00 16 25 00 00 16 25 01" \
    "$(od -A n -t x1 -j 33 -N 17 "$work/victims2x.png" | tr -s ' \n' ' ' | sed 's/^ //; s/ $//')"
# The same input twice: the same bytes, PNG and PDF.
run chart bars "$fw" --top 15 -o "$work/again.png"
cmp -s "$work/victims.png" "$work/again.png"
same "png byte-identical" 0 $?
run chart table "$fw" -o "$work/table.pdf"
run chart table "$fw" -o "$work/table-again.pdf"
cmp -s "$work/table.pdf" "$work/table-again.pdf"
same "pdf byte-identical" 0 $?
# PDF: every font embedded, text extractable with every number shown.
same "pdf fonts embedded" "" \
    "$(pdffonts "$work/table.pdf" | awk 'NR > 2 && $(NF - 4) != "yes"')"
pdftotext "$work/table.pdf" "$work/table.txt"
missing=""
for value in $(cut -d, -f2- "$work/table.csv" | tail -n +2 | tr ',' '\n' | grep -E '^[0-9]+$' | sort -u); do
    grouped=$(printf '%s' "$value" | sed -e ':a' -e 's/\([0-9]\)\([0-9]\{3\}\)\($\|,\)/\1,\2\3/; ta')
    grep -q -- "$grouped" "$work/table.txt" || missing="$missing $grouped"
done
same "pdf numbers extractable" "" "$missing"
same "pdf title" "Title:           FLASH-WEKA: Returns by country" \
    "$(pdfinfo "$work/table.pdf" | grep '^Title:')"
# Without SOURCE_DATE_EPOCH, the creation date is the end of the data's
# last day (2023-06-29); with it, that time.
same "pdf date" "CreationDate:    Thu Jun 29 23:59:59 2023 UTC" \
    "$(TZ=UTC pdfinfo "$work/table.pdf" | grep '^CreationDate:')"
SOURCE_DATE_EPOCH=86400 "$opbrief" chart kpi "$fw" -o "$work/kpi.pdf" 2>/dev/null
same "pdf date from SOURCE_DATE_EPOCH" "CreationDate:    Fri Jan  2 00:00:00 1970 UTC" \
    "$(TZ=UTC pdfinfo "$work/kpi.pdf" | grep '^CreationDate:')"
same "kpi alt text" "Key figures: FLASH-WEKA: Key figures. Arrests: 1,062. Victims identified: 823. Irregular migrants: 2,731. Items seized: 801. Investigations opened: 197. Countries: 54." \
    "$(cat "$work/kpi.txt")"
run chart series fixtures/csv/monthly.csv --operation A -o "$work/series.svg"
same "svg chart" "<svg" "$(head -c 200 "$work/series.svg" | grep -o '<svg' | head -n 1)"
# Chart mistakes.
run chart pie "$fw" -o "$work/x.png"
same "chart kind" "opbrief: chart: \"pie\" is not a kind of chart (bars, grouped, stacked, series, kpi, table)" "$err"
same "chart kind exit" 64 "$code"
run chart bars "$fw" -o "$work/x.gif"
same "chart format" "opbrief: $fw: 84 rows read, 84 accepted, 0 rejected
opbrief: $work/x.gif: the file name must end in .png, .svg or .pdf" "$err"
run chart bars "$fw"
same "chart needs output" "opbrief: chart: -o OUT.png|OUT.svg|OUT.pdf is needed" "$err"
run chart bars "$fw" --operation Nope -o "$work/x.png"
same "chart no operation" "opbrief: $fw: 84 rows read, 84 accepted, 0 rejected
opbrief: no rows of operation \"Nope\"" "$err"
same "chart no operation exit" 65 "$code"
run chart stacked "$fw" --by country -o "$work/x.png"
same "chart stacked keys" "opbrief: chart stacked: --by needs 2 keys" "$err"

# Source lines name whole files. More than three: the first and the last
# and how many (the 23 .csv files of fixtures/monthly, 2023-01 to
# 2024-12 less 2024-09, which is .csv.gz).
run chart series fixtures/monthly/*.csv --measure arrests -o "$work/months.png"
same "chart many sources" \
    "Source: returns-2023-01.csv … returns-2024-12.csv (23 files)." \
    "$(grep -o 'Source: .*' "$work/months.txt")"
# Three names of 201 bytes: the source (511 bytes at most) holds two
# whole, 201 + 2 + 201 = 404, and not the third, 404 + 2 + 201 > 511.
long=$(printf '%0196d' 0)
for n in 1 2 3; do cp "$fw" "$work/$n$long.csv"; done
run chart bars "$work/1$long.csv" "$work/2$long.csv" "$work/3$long.csv" \
    -o "$work/long.png"
same "chart long sources" \
    "Source: 1$long.csv, 2$long.csv and 1 more." \
    "$(grep -o 'Source: .*' "$work/long.txt")"

finish
