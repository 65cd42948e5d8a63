#!/usr/bin/env bash
# Issue 14: the sequences of events of core/request_scenarios_test.cpp through the CLI — the
# due date, the refusals (one stderr line, exit 2, citing the article and the first date
# allowed), the classification `request show` prints, and the report/compare counts.
# Usage: request_scenarios_test.sh PATH/TO/gongkai
set -u
gk=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
unset GONGKAI_DB GONGKAI_KEY_FILE GONGKAI_CLOCK_COUNT_RECEIPT_DAY GONGKAI_CLOCK_FEE_NOTICE_PAUSES \
  GONGKAI_LEGACY_OVERDUE_AS GONGKAI_REPORT_CASE_YEAR
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
has() { echo "$out" | grep -q -- "$2" || fail "$1: output lacks '$2': $out"; }

db=sqlite:$work/t.db
export GONGKAI_KEY_FILE=$work/k.key
expect_ok "init" -- "$gk" init --db "$db"
expect_ok "keygen" -- "$gk" request keygen "$GONGKAI_KEY_FILE"
expect_ok "root" -- "$gk" org add QX "青溪市人民政府" --kind government --db "$db"

n=0
# new_request DATE → sets org (one body per scenario, so each is 年-0001 there)
new_request() {
  n=$((n + 1)); org="QX-S$n"
  expect_ok "org $org" -- "$gk" org add "$org" "场景$n" --parent QX --db "$db"
  expect_ok "add $org" -- "$gk" request add --org "$org" --channel in_person --submitted "$1" \
    --name 申请人 --contact 1 --description "场景 $n" --db "$db"
  ref=$(echo "$out" | sed -n 's/^已登记申请 \([0-9-]*\).*/\1/p')
}
ev() { "$gk" request event "$ref" --org "$org" --db "$db" "$@"; }
answer() { "$gk" request answer "$ref" --org "$org" --db "$db" "$@"; }

# Receipt on a Saturday before a 调休 Sunday (2024-02-04 is a working day): due 2024-03-06.
new_request 2024-02-03
has "saturday" "答复期限: 2024-03-06"

# 2019-05-14: the 2008 条例 (15 days) → 2019-06-04; 2019-05-15: 20 days → 2019-06-13.
new_request 2019-05-14
has "2019-05-14" "答复期限: 2019-06-04"
expect_ok "explain 2008" -- "$gk" request explain "$ref" --org "$org" --db "$db"
has "explain 2008" "2008年《条例》第二十四条"
new_request 2019-05-15
has "2019-05-15" "答复期限: 2019-06-13"

# 补正 on day 5, corrected on day 12: 20 days from the correction → 2024-10-22; （四）3 allowed.
new_request 2024-09-02
expect_ok "correction day 5" -- ev correction_requested --on 2024-09-09 --deadline 2024-09-23
expect_ok "corrected day 12" -- ev corrected --on 2024-09-19
has "corrected" "答复期限: 2024-10-22"
expect_ok "r4_3" -- answer r4_3 --on 2024-10-10
has "r4_3" "按时办结"

# A second 补正 is refused (一次性告知, 第三十条); （四）3 without a 补正 is refused.
new_request 2024-09-02
expect_error "r4_3 without correction" "第三十条" -- answer r4_3 --on 2024-09-03
expect_ok "correction" -- ev correction_requested --on 2024-09-04
expect_ok "corrected" -- ev corrected --on 2024-09-05
expect_error "second correction" "一次性告知" -- ev correction_requested --on 2024-09-06

# 补正 on day 9 after a 2-day consultation: the 7 days run from receipt → refused.
new_request 2024-09-02
expect_ok "consult" -- ev consultation_start --with inter_agency --on 2024-09-03
expect_ok "consult end" -- ev consultation_end --on 2024-09-05
expect_error "correction day 9" "第三十条" -- ev correction_requested --on 2024-09-13

# A correction after the deadline in the notice: 视为放弃 unless a good reason is recorded;
# abandoning before the deadline names the first day allowed.
new_request 2024-09-02
expect_ok "correction with deadline" -- ev correction_requested --on 2024-09-04 --deadline 2024-09-11
expect_error "abandon early" "最早可于 2024-09-12" -- ev abandon --reason correction --on 2024-09-10
expect_error "late correction" "视为放弃" -- ev corrected --on 2024-09-13
expect_ok "late correction with reason" -- ev corrected --on 2024-09-13 --good-reason 住院治疗
has "good reason" "答复期限: 2024-10-17"

# Third party: 10 working days are not counted; 20 are counted only up to the 15th.
new_request 2024-09-02
expect_ok "third party" -- ev consultation_start --with third_party --on 2024-09-03
expect_ok "third party end (10)" -- ev consultation_end --on 2024-09-18
has "10 days" "答复期限: 2024-10-18"
new_request 2024-09-02
expect_ok "third party" -- ev consultation_start --with third_party --on 2024-09-03
expect_ok "third party end (20)" -- ev consultation_end --on 2024-10-08
has "20 days" "答复期限: 2024-10-25"
has "20 days warning" "第三十二条"

# An inter-agency consultation under the 2008 条例 does not pause the clock (due 2018-03-22);
# answering late counts as 延期 in the legacy table and is listed as 逾期.
new_request 2018-03-01
expect_ok "inter-agency 2008" -- ev consultation_start --with inter_agency --on 2018-03-05
has "no pause" "答复期限: 2018-03-22"
expect_ok "end" -- ev consultation_end --on 2018-03-20
has "no pause after" "答复期限: 2018-03-22"
expect_ok "late answer 2018" -- answer r1_open --on 2018-03-26
has "late 2018" "逾期办结"
expect_ok "legacy report" -- "$gk" report --year 2018 --db "$db"
grep -q "逾期 2 个工作日" "$work/err" || fail "legacy report lacks the 逾期 warning: $(cat "$work/err")"
grep -q "计入延期办结" "$work/err" || fail "legacy warning lacks where it is counted: $(cat "$work/err")"
expect_ok "legacy report on_time" -- "$gk" report --year 2018 --overdue-as on_time --db "$db"
grep -q "计入按时办结" "$work/err" || fail "--overdue-as on_time ignored: $(cat "$work/err")"
expect_error "bad --overdue-as" "legacy_overdue_as" -- "$gk" report --year 2018 --overdue-as late --db "$db"

# Fees: abandonment the day after the notice is refused with the first date allowed
# (20 working days from the day after the notice); 21 working days after is allowed.
new_request 2024-09-02
expect_ok "fee" -- "$gk" request fee "$ref" --org "$org" --quantity 1 --prior 10 --on 2024-09-04 --db "$db"
expect_error "abandon next day" "最早可于 2024-10-10" -- ev abandon --reason fee --on 2024-09-05
expect_ok "abandon after 21 days" -- ev abandon --reason fee --on 2024-10-10
# A fee notice before 《信息处理费管理办法》 took effect, or after the due date, is refused.
new_request 2020-06-01
expect_error "fee before 2021" "2021-01-01" -- "$gk" request fee "$ref" --org "$org" --quantity 1 --prior 10 --on 2020-06-03 --db "$db"
new_request 2024-09-02
expect_error "fee after due" "答复期限内" -- "$gk" request fee "$ref" --org "$org" --quantity 1 --prior 10 --on 2024-10-08 --db "$db"

# A late answer without extension is 逾期, everywhere.
expect_ok "late answer" -- answer r1_open --on 2024-10-09
has "late" "逾期办结"
has "late days" "2 个工作日"
expect_ok "compare 2024" -- "$gk" report compare --year 2024 --db "$db"
line=$(echo "$out" | grep -P "\t$org\t")
[ "$(echo "$line" | cut -f10)" = 1 ] || fail "compare: 逾期办结 of $org should be 1: $line"

# An extension must record how the applicant was told (第三十三条).
new_request 2024-09-02
expect_error "extension without notice" "第三十三条" -- ev extension --days 10 --approver 主任 --on 2024-09-20
expect_ok "extension" -- ev extension --days 10 --approver 主任 --on 2024-09-20 --notified-on 2024-09-20 --notified-how 电话
has "extended" "答复期限: 2024-10-18"
expect_ok "answer within extension" -- answer r1_open --on 2024-10-16
has "extended" "延期办结"

# Beyond the loaded notices: 2027-01-01 (元旦) is estimated as a holiday, and said so.
expect_ok "add-days 2026-12-10" -- "$gk" calendar add-days 2026-12-10 20 --db "$db"
[ "$out" = 2027-01-08 ] || fail "2026-12-10 + 20 should skip 元旦 → 2027-01-08, got $out"
grep -q "元旦（2027-01-01）" "$work/err" || fail "the estimate is not named: $(cat "$work/err")"
new_request 2026-12-04
has "provisional" "答复期限: 2027-01-04（暂定）"
has "provisional reason" "元旦（2027-01-01）"

[ $failures -eq 0 ] || { echo "$failures failure(s)" >&2; exit 1; }
echo "request scenarios: all passed"
