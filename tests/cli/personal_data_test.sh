#!/usr/bin/env bash
# End-to-end (issue 20): personal data in an attachment blocks 保密审查 until justified, and
# `gongkai audit personal-data` finds it once published (exit 1), in text, JSON and CSV.
# Usage: personal_data_test.sh PATH/TO/gongkai
set -u
gk=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
unset GONGKAI_DB
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
export GONGKAI_ATTACHMENT_DIR=$work/att
db=sqlite:$work/t.db
pw='correct horse battery'

expect_ok "init" -- "$gk" init --db "$db"
expect_ok "root" -- "$gk" org add QXS 青溪市人民政府 --kind government --db "$db"
echo "$pw" | "$gk" user add zhang.san --role editor --org QXS --db "$db" >/dev/null || fail "editor"
echo "$pw" | "$gk" user add li.si --role reviewer --org QXS --db "$db" >/dev/null || fail "reviewer"

# A recipients list as CSV, one full ID number (GB 11643 example) and one masked.
printf '序号,姓名,身份证号\n1,张三,11010519491231002X\n2,李四,430681********1234\n' >"$work/名单.csv"
expect_ok "add" -- "$gk" item add QXS --title "低保对象公示" --category 通知公告 \
  --formed 2024-03-01 --body "名单见附件。" --attach "$work/名单.csv" \
  --attachments "$work/att" --as zhang.san --db "$db"
id=$out
expect_ok "submit" -- "$gk" item submit "$id" --as zhang.san --db "$db"
expect_ok "clean audit" -- "$gk" audit personal-data --db "$db"
expect_error "approval refused" "个人信息" -- "$gk" item review "$id" --approve --as li.si --db "$db"
key=$(grep -o 'attachment:名单.csv@[0-9]*' "$work/err" | head -1)
[ -n "$key" ] || fail "refusal does not name the finding: $(cat "$work/err")"
grep -q '110105\*\*\*\*\*\*\*\*002X' "$work/err" || fail "refusal lacks the masked preview"
grep -q '11010519491231002X' "$work/err" && fail "refusal shows the full ID number"
expect_ok "approve with a reason" -- "$gk" item review "$id" --approve \
  --reason "$key：依法公示（演示）" --as li.si --db "$db"
expect_ok "publish" -- "$gk" item publish "$id" --on 2024-03-05 --as zhang.san --db "$db"

"$gk" audit personal-data --db "$db" >"$work/out" 2>"$work/err"
rc=$?
[ $rc -eq 1 ] || fail "audit: expected exit 1 on a finding, got $rc ($(cat "$work/err"))"
grep -q "名单.csv" "$work/out" || fail "audit lacks the attachment: $(cat "$work/out")"
grep -q "居民身份证号" "$work/out" || fail "audit lacks the kind"
grep -q "/item/$id" "$work/out" || fail "audit lacks the link"
grep -q "已遮盖 1 处" "$work/out" || fail "audit does not count the masked one: $(cat "$work/out")"
grep -q "11010519491231002X" "$work/out" && fail "audit prints the full number"
"$gk" audit personal-data --format json --base-url https://gk.example/ --db "$db" >"$work/out"
grep -q '"link":"https://gk.example/item/'"$id"'"' "$work/out" || fail "json: $(cat "$work/out")"
"$gk" audit personal-data --format csv --org QXS --db "$db" >"$work/out"
[ "$(wc -l <"$work/out")" -eq 2 ] || fail "csv: header + one row expected: $(cat "$work/out")"
expect_error "bad format" "format" -- "$gk" audit personal-data --format xml --db "$db"
expect_error "unknown org" "QXX" -- "$gk" audit personal-data --org QXX --db "$db"

# Import: a row imported as published with a full ID number is refused (nothing written)
# unless --allow-personal-data; each row with findings gets a warning with masked previews.
cat >"$work/import.json" <<'JSON'
[{"index_no": "QXS/2024-00101", "title": "既往名单", "org": "QXS", "formed_on": "2024-03-01",
  "published_on": "2024-03-02", "category": "通知公告", "body_md": "王五 11010519491231002X"},
 {"title": "草稿名单", "org": "QXS", "formed_on": "2024-03-01", "category": "通知公告",
  "body_md": "联系电话 13812345678"}]
JSON
"$gk" item import "$work/import.json" --format json --as zhang.san --db "$db" >"$work/out" 2>"$work/err"
rc=$?
[ $rc -eq 2 ] || fail "import with personal data: expected exit 2, got $rc ($(cat "$work/err"))"
grep -q 'allow-personal-data' "$work/err" || fail "import refusal lacks the flag: $(cat "$work/err")"
[ "$(grep -c '^警告：第 ' "$work/err")" -eq 2 ] || fail "import: one warning per row: $(cat "$work/err")"
grep -q '110105\*\*\*\*\*\*\*\*002X' "$work/err" || fail "import warning lacks the masked preview"
grep -q '138\*\*\*\*5678' "$work/err" || fail "import warning lacks the draft's mobile"
grep -q '11010519491231002X\|13812345678' "$work/err" && fail "import warning shows a value"
"$gk" item list --org QXS --db "$db" | grep -q 既往名单 && fail "refused import wrote a row"
expect_ok "import allowed" -- "$gk" item import "$work/import.json" --format json \
  --allow-personal-data --as zhang.san --db "$db"
grep -q '^警告：第 1 行《既往名单》' "$work/err" || fail "allowed import lacks the warning: $(cat "$work/err")"
"$gk" audit personal-data --format csv --db "$db" >"$work/out"
grep -q "既往名单" "$work/out" || fail "audit does not list the imported item: $(cat "$work/out")"

# The demo city plants two leaking lists and two masked ones: the audit lists exactly the two.
year=$(date +%Y)
"$gk" demo --db "sqlite:$work/demo.db" --scale 2 --from "$year" --no-reports >/dev/null 2>&1 ||
  fail "demo"
"$gk" audit personal-data --format csv --db "sqlite:$work/demo.db" >"$work/demo.csv"
[ $? -eq 1 ] || fail "demo audit: expected exit 1"
listed=$(tail -n +2 "$work/demo.csv" | cut -d, -f5 | sort -u | tr '\n' ' ')
[ "$listed" = "事业单位公开招聘拟聘用人员公示 城乡最低生活保障新增对象公示 " ] ||
  fail "demo audit lists other items: $listed"

[ $failures -eq 0 ] || { echo "$failures failure(s)" >&2; exit 1; }
