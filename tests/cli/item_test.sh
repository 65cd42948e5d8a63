#!/usr/bin/env bash
# End-to-end: a proactive item draft → 保密审查 → published → withdrawn through the CLI,
# with every rule enforced; channels, counts, import/export and the column self-audit.
# Usage: item_test.sh PATH/TO/gongkai
set -u
gk=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
unset GONGKAI_DB
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
expect_ok() {
  local what=$1; shift 2
  out=$("$@" 2>"$work/err"); local rc=$?
  [ $rc -eq 0 ] || fail "$what: exit $rc, stderr: $(cat "$work/err")"
}
expect_error() {
  local what=$1 pattern=$2; shift 3
  "$@" >/dev/null 2>"$work/err"; local rc=$?
  [ $rc -eq 2 ] || fail "$what: expected exit 2, got $rc"
  grep -q -- "$pattern" "$work/err" || fail "$what: stderr lacks '$pattern': $(cat "$work/err")"
}
db=sqlite:$work/t.db
pw='correct horse battery'

expect_ok "init" -- "$gk" init --db "$db"
expect_ok "root" -- "$gk" org add QXS 青溪市人民政府 --kind government --db "$db"
expect_ok "dept" -- "$gk" org add QXS-FGW 青溪市发展和改革局 --parent QXS --db "$db"
echo "$pw" | "$gk" user add zhang.san --role editor --org QXS-FGW --db "$db" >/dev/null || fail "editor"
echo "$pw" | "$gk" user add li.si --role reviewer --org QXS --db "$db" >/dev/null || fail "reviewer"

# A draft, with traditional characters and a full-width 文号 normalised.
printf '%%PDF-1.4\n%% test\n' >"$work/办法.pdf"
expect_ok "add" -- "$gk" item add QXS-FGW --title "關於印發《價格監測辦法》的通知" \
  --category 法律法规规范性文件 --formed 2024-03-01 --doc-no "青发改发（２０２４）００７号" \
  --normative --body $'# 办法\n\n<script>alert(1)</script>' --attach "$work/办法.pdf" \
  --attachments "$work/att" --as zhang.san --db "$db"
id=$out
[ "$id" = 1 ] || fail "item add printed '$id'"
[ "$(find "$work/att" -type f | wc -l)" -eq 1 ] || fail "attachment not stored by digest"
expect_error "bad 文号" "文号" -- "$gk" item add QXS-FGW --title x --category 通知公告 \
  --formed 2024-03-01 --doc-no "第七号文件" --as zhang.san --db "$db"
expect_error "reviewer cannot write" "权限" -- "$gk" item add QXS-FGW --title x \
  --category 通知公告 --formed 2024-03-01 --as li.si --db "$db"

# Publishing before review is refused by the core.
expect_error "publish draft" "保密审查" -- "$gk" item publish "$id" --as zhang.san --db "$db"
expect_ok "submit" -- "$gk" item submit "$id" --as zhang.san --db "$db"
expect_error "publish unreviewed" "保密审查" -- "$gk" item publish "$id" --as zhang.san --db "$db"
expect_error "editor cannot review" "权限" -- "$gk" item review "$id" --approve --as zhang.san --db "$db"
expect_error "reject needs a reason" "理由" -- "$gk" item review "$id" --reject --as li.si --db "$db"
expect_ok "reject" -- "$gk" item review "$id" --reject --reason "附件含个人信息" --as li.si --db "$db"
expect_ok "edit rejected" -- "$gk" item edit "$id" --summary "已删除个人信息" --as zhang.san --db "$db"
expect_ok "resubmit" -- "$gk" item submit "$id" --as zhang.san --db "$db"
expect_ok "approve" -- "$gk" item review "$id" --approve --as li.si --db "$db"
expect_ok "publish" -- "$gk" item publish "$id" --on 2024-03-05 --channel website \
  --channel wechat --channel weibo --as zhang.san --db "$db"
echo "$out" | grep -q "QXS-FGW/2024-00001" || fail "publish did not issue the 索引号: $out"
expect_ok "show" -- "$gk" item show "$id" --db "$db"
echo "$out" | grep -q "文号: 青发改发〔2024〕7号" || fail "文号 not normalised: $out"
echo "$out" | grep -q "关于印发《价格监测办法》的通知" || fail "title not simplified: $out"
echo "$out" | grep -q "reject li.si：附件含个人信息" || fail "history lacks the rejection: $out"
echo "$out" | grep -q "办法.pdf (application/pdf" || fail "show lacks the attachment: $out"
expect_ok "html" -- "$gk" item show "$id" --html --db "$db"
echo "$out" | grep -q "<script" && fail "raw HTML passed through: $out"

# Counting: three channels, one item.
expect_ok "counts" -- "$gk" item counts --year 2024 --db "$db"
echo "$out" | grep -q "计1条）	1$" || fail "distinct count is not 1: $out"
echo "$out" | grep -q "政务微信	1" || fail "wechat count is not 1: $out"
echo "$out" | grep -q "行政规范性文件	本年制发 1	本年废止 0	现行有效 1" || fail "table 二: $out"

# Withdrawal keeps the item and its number; the next publication does not reuse it.
expect_error "withdraw needs a reason" "reason" -- "$gk" item withdraw "$id" --as zhang.san --db "$db"
expect_ok "withdraw" -- "$gk" item withdraw "$id" --reason "已被新文件替代" --as zhang.san --db "$db"
expect_ok "show withdrawn" -- "$gk" item show "$id" --db "$db"
echo "$out" | grep -q "索引号: QXS-FGW/2024-00001" || fail "withdrawn item lost its 索引号"
echo "$out" | grep -q "withdraw zhang.san：已被新文件替代" || fail "history lacks the withdrawal"
expect_ok "add 2" -- "$gk" item add QXS-FGW --title 第二条 --category 工作动态 --formed 2024-04-01 --as zhang.san --db "$db"
id2=$out
"$gk" item submit "$id2" --as zhang.san --db "$db" >/dev/null
"$gk" item review "$id2" --approve --as li.si --db "$db" >/dev/null
expect_ok "publish 2" -- "$gk" item publish "$id2" --on 2024-04-02 --as zhang.san --db "$db"
echo "$out" | grep -q "QXS-FGW/2024-00002" || fail "serial reused or skipped: $out"

# Responses, statistics, submissions.
expect_ok "response" -- "$gk" response add QXS press_conference 防汛 --on 2024-06-01 --concern flood --principal --db "$db"
expect_ok "response 2" -- "$gk" response add QXS weibo_wechat 防汛 --on 2024-06-02 --concern flood --db "$db"
expect_ok "stats" -- "$gk" stats set QXS 2024 --licensing 120 --punishment 30 --coercion 4 --fees 961716 --db "$db"
expect_error "negative stats" "licensing" -- "$gk" stats set QXS 2024 --licensing -1 --db "$db"
expect_ok "submission" -- "$gk" submission add "$id2" QXS --on 2024-04-03 --as zhang.san --db "$db"
expect_ok "counts 2" -- "$gk" item counts --year 2024 --db "$db"
echo "$out" | grep -q "计1次）	1$" || fail "one concern answered twice counts once: $out"
echo "$out" | grep -q "行政事业性收费（万元）	96.17" || fail "fees: $out"
echo "$out" | grep -q "向上级门户报送	1" || fail "submissions: $out"

# Import: a bad row writes nothing; export lists published items only.
printf '信息名称,机构代码,生成日期,目录栏目\n好,QXS-FGW,2024-05-01,通知公告\n坏,QXS-FGW,2024-02-30,通知公告\n' >"$work/in.csv"
before=$(sqlite3 "$work/t.db" 'SELECT COUNT(*) FROM items')
"$gk" item import "$work/in.csv" --as zhang.san --db "$db" >/dev/null 2>"$work/err"; rc=$?
[ $rc -eq 2 ] || fail "import with a bad row: exit $rc"
grep -q "第 3 行" "$work/err" && ! grep -q "第 2 行" "$work/err" || fail "import error does not name row 3: $(cat "$work/err")"
[ "$(sqlite3 "$work/t.db" 'SELECT COUNT(*) FROM items')" -eq "$before" ] || fail "bad import wrote rows"
"$gk" item import "$work/in.csv" --skip-bad --as zhang.san --db "$db" >/dev/null 2>&1
[ "$(sqlite3 "$work/t.db" 'SELECT COUNT(*) FROM items')" -eq $((before + 1)) ] || fail "--skip-bad"
expect_ok "export" -- "$gk" item export --format json --db "$db"
echo "$out" | grep -q "QXS-FGW/2024-00002" || fail "export lacks the published item"
echo "$out" | grep -q "已被新文件替代\|第一条\|好\"" && fail "export leaks withdrawn or draft items"

# The column self-audit flags empty mandatory columns and an overdue draft.
"$gk" audit columns --today 2024-09-30 --db "$db" >"$work/audit" 2>"$work/err"; rc=$?
[ $rc -eq 1 ] || fail "audit columns should find problems: exit $rc $(cat "$work/err")"
grep -q "政府信息公开指南.*空栏目" "$work/audit" || fail "no empty guide column: $(cat "$work/audit")"
grep -q "工作动态.*不更新" "$work/audit" || fail "no stale column: $(cat "$work/audit")"
grep -q "逾期未公开 1" "$work/audit" || fail "the imported draft is overdue: $(cat "$work/audit")"
expect_ok "audit verify" -- "$gk" audit verify --db "$db"

if [ $failures -ne 0 ]; then
  echo "$failures failure(s)" >&2
  exit 1
fi
echo "all item CLI checks passed"
