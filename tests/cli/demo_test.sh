#!/usr/bin/env bash
# End-to-end test of `gongkai demo` (issue 17): the demo city is a working office on the day
# it is generated — something due within 3 working days, a handful of column-audit findings,
# applicants' data that opens with the key it was sealed with — and it works on a day in a
# year without a holiday notice (provisional dates that say so). Small scale: seconds.
# Usage: demo_test.sh PATH/TO/gongkai
set -u
gk=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
unset GONGKAI_DB GONGKAI_KEY_FILE
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
year=$(TZ=Asia/Shanghai date +%Y)
db=sqlite:$work/demo.db
"$gk" request keygen demo.key >/dev/null || fail "keygen"
"$gk" demo --db "$db" --key-file demo.key --from $((year - 1)) --scale 2 >demo.out 2>demo.err ||
  fail "demo: $(cat demo.err)"
grep -q "演示数据已生成" demo.out || fail "demo summary: $(cat demo.out)"

# `request due --within 3` lists something, one of them overdue at most a few.
"$gk" request due --db "$db" --within 3 >due.out 2>due.err || fail "request due: $(cat due.err)"
[ -s due.out ] || fail "request due --within 3 lists nothing"

# The due request's applicant opens with the demo key, for the demo handler.
read -r org ref _ <due.out
if [ -n "${org:-}" ]; then
  "$gk" request show --db "$db" --org "$org" "$ref" --personal --as demo-handler \
    --key-file demo.key >show.out 2>show.err || fail "request show: $(cat show.err)"
  grep -q "^申请人: ." show.out || fail "no applicant in: $(cat show.out)"
fi

# The column audit: a handful of honest findings, not a thousand.
"$gk" audit columns --db "$db" >audit.out 2>audit.err
total=$(tail -1 audit.out | grep -o '[0-9]\+' | tail -3 | paste -sd+ | bc)
[ -n "$total" ] && [ "$total" -ge 1 ] && [ "$total" -le 10 ] ||
  fail "column audit findings: ${total:-none} ($(tail -1 audit.out))"

# A day in a year the bundled calendar does not cover.
"$gk" demo --db "sqlite:$work/later.db" --today 2027-03-01 --from 2026 --scale 2 >later.out 2>later.err ||
  fail "demo --today 2027-03-01: $(cat later.err)"
grep -q "暂定" later.out || fail "no word on provisional dates: $(cat later.out)"

# Nothing after today.
"$gk" demo --db "sqlite:$work/bad.db" --today 2026-12-07 --from 2027 >/dev/null 2>bad.err &&
  fail "a range after today was accepted"

[ $failures -eq 0 ] && echo "demo: ok" || exit 1
