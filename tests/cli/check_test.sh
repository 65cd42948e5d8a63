#!/usr/bin/env bash
# End-to-end test of `gongkai check`: exit codes 0/1/2, text and JSON output, stdin,
# directory mode with summary lines and totals, several paths, --summary csv|json|html,
# narrative-only reports, --previous (cross-year identities).
# Usage: check_test.sh PATH/TO/gongkai   (GONGKAI_SOURCE_DIR = repository root)
set -uo pipefail
BIN=$1
SRC=${GONGKAI_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
DATA=$SRC/tests/testdata/check
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fail=0
expect_exit() {  # expected, description, command...
  local want=$1 what=$2
  shift 2
  "$@" >"$TMP/out" 2>"$TMP/err"
  local got=$?
  if [ "$got" -ne "$want" ]; then
    echo "FAIL: $what: exit $got, want $want"; cat "$TMP/out" "$TMP/err"; fail=1
  fi
}
expect_grep() {  # pattern, description
  if ! grep -q -- "$1" "$TMP/out"; then echo "FAIL: $2: no '$1' in output"; cat "$TMP/out"; fail=1; fi
}

expect_exit 1 "seed has errors" "$BIN" check "$DATA/miluo-2017-annual-report.txt"
expect_grep "申请办结数 53 ≠ 按时办结数 55 + 延期办结数 2 = 57" "seed text output"
expect_grep "\[LR7\]" "seed staff rule"

expect_exit 1 "seed json" "$BIN" check "$DATA/miluo-2017-annual-report.txt" --format json
expect_grep '"format":"legacy_2008"' "json format"
expect_grep '"rule":"LR2"' "json rule"

expect_exit 0 "consistent 2021 report" "$BIN" check "$DATA/report-2021.txt"
expect_grep "0 个错误 errors, 0 个警告 warnings" "clean result"
expect_exit 0 "html" "$BIN" check "$DATA/report-2021.html" --format json
expect_grep '"errors":0,"warnings":0' "html json counts"

expect_exit 0 "stdin" bash -c "'$BIN' check - < '$DATA/report-2021.txt'"
expect_exit 2 "not a report" bash -c "echo 'hello | world |' | '$BIN' check -"
expect_exit 2 "missing file" "$BIN" check "$TMP/nope.txt"
expect_exit 2 "bad --format" "$BIN" check "$DATA/report-2021.txt" --format xml

mkdir "$TMP/clean"
cp "$DATA/report-2021.txt" "$DATA/report-2021.html" "$TMP/clean/"
expect_exit 0 "clean directory" "$BIN" check "$TMP/clean"
expect_grep "合计 total: 2 份报告 reports, 0 份有错误" "directory totals"
cp "$DATA/miluo-2017-annual-report.txt" "$TMP/clean/"
printf 'not a report\n' > "$TMP/clean/zz.txt"
# The exit code is the worst of the reports: an unreadable file (2) outranks errors (1).
expect_exit 2 "directory with errors and an unreadable file" "$BIN" check "$TMP/clean"
expect_grep "miluo-2017-annual-report.txt: .* 5 错误 errors" "summary line"
expect_grep "zz.txt: 无法读取" "unreadable line"
expect_exit 2 "directory json" "$BIN" check "$TMP/clean" --format json
expect_grep '"unreadable":1' "directory json totals"
rm "$TMP/clean/zz.txt"
expect_exit 1 "directory with errors" "$BIN" check "$TMP/clean"

# Several paths (a directory and files), summaries.
mkdir "$TMP/more"
cp "$DATA/report-2021.txt" "$TMP/more/a.txt"
expect_exit 1 "several paths" "$BIN" check "$TMP/more" "$DATA/miluo-2017-annual-report.txt"
expect_grep "合计 total: 2 份报告 reports, 1 份有错误" "several paths totals"
expect_exit 1 "summary csv" "$BIN" check "$TMP/clean" --summary csv
expect_grep "file,status,body,year,format,input,cells" "csv header"
expect_grep "miluo-2017-annual-report.txt,errors,汨罗市人民政府,2017,legacy_2008,text,58,0,5,9,\[LX2\]" "csv row"
expect_grep "^合计,3 份报告" "csv totals"
expect_exit 1 "summary json" "$BIN" check "$TMP/clean" --summary json
expect_grep '"totals":{"reports":3,"with_errors":1,"errors":5' "json summary totals"
expect_exit 1 "summary html" "$BIN" check "$TMP/clean" --summary html
expect_grep '<tr class="errors"><td>[^<]*miluo-2017-annual-report.txt</td>' "html summary row"
expect_exit 0 "one file as a summary" "$BIN" check "$DATA/report-2021.txt" --summary csv
expect_grep "report-2021.txt,ok,青山市人民政府办公室,2022,format_2021" "one-file summary"
expect_exit 2 "bad --summary" "$BIN" check "$TMP/clean" --summary xml

# A report that publishes only its narrative is checked, not refused.
printf '青溪市 2025 年政府信息公开工作年度报告\n全年新收申请50件，上年结转4件，办结47件，结转下年度7件。\n' > "$TMP/narrative.txt"
expect_exit 0 "narrative only" "$BIN" check "$TMP/narrative.txt"
expect_grep "narrative checked" "narrative-only note"
expect_grep "年度 year: 2025" "narrative-only year"
printf '青溪市 2025 年政府信息公开工作年度报告\n全年新收申请50件，上年结转4件，办结47件，结转下年度9件。\n' > "$TMP/narrative-bad.txt"
expect_exit 1 "narrative contradiction" "$BIN" check "$TMP/narrative-bad.txt"
expect_grep "\[text_balance\]" "narrative balance rule"

# --previous: last year's report of the same body (the fixture relabelled 2021).
sed 's/2022/2021/g' "$DATA/report-2021.txt" > "$TMP/previous.txt"
expect_exit 0 "previous (warnings only)" "$BIN" check "$DATA/report-2021.txt" --previous "$TMP/previous.txt"
expect_grep "\[t3_carry_link\]" "carry link rule"
expect_grep "“总计”列：2022年报告上年结转 4 ≠ 2021年报告结转下年度继续办理 7" "carry link message"
expect_grep "\[t2_valid_roll\]" "valid roll rule"
expect_exit 0 "previous agrees with itself shifted" "$BIN" check "$DATA/report-2021.txt" --previous "$DATA/report-2021.txt"
expect_grep "未做跨年度比较" "previous of the wrong year"
expect_exit 2 "previous with a directory" "$BIN" check "$TMP/clean" --previous "$TMP/previous.txt"
expect_exit 2 "previous unreadable" "$BIN" check "$DATA/report-2021.txt" --previous "$TMP/nope.txt"

exit $fail
