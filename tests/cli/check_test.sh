#!/usr/bin/env bash
# End-to-end test of `gongkai check`: exit codes 0/1/2, text and JSON output, stdin,
# directory mode with summary lines and totals.
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
expect_exit 1 "directory with errors" "$BIN" check "$TMP/clean"
expect_grep "miluo-2017-annual-report.txt: .* 5 错误 errors" "summary line"
expect_grep "zz.txt: 无法读取" "unreadable line"
expect_exit 1 "directory json" "$BIN" check "$TMP/clean" --format json
expect_grep '"unreadable":1' "directory json totals"

exit $fail
