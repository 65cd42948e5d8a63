#!/usr/bin/env bash
# End-to-end: a request for disclosure from intake to answer through the CLI, with an
# explained due date; personal data absent from output, audit rows and the public export;
# the related cases. Usage: request_test.sh PATH/TO/gongkai
set -u
gk=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
unset GONGKAI_DB GONGKAI_KEY_FILE
failures=0
log="$work/all-output.log"  # every command's stdout and stderr, except `show --personal`

fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

expect_ok() {
  local what=$1; shift 2
  out=$("$@" 2>"$work/err"); local rc=$?
  { echo "$out"; cat "$work/err"; } >>"$log"
  [ $rc -eq 0 ] || fail "$what: exit $rc, stderr: $(cat "$work/err")"
}

expect_error() {
  local what=$1 pattern=$2; shift 3
  "$@" >"$work/out" 2>"$work/err"; local rc=$?
  { cat "$work/out" "$work/err"; } >>"$log"
  [ $rc -eq 2 ] || fail "$what: expected exit 2, got $rc"
  [ "$(wc -l <"$work/err")" -eq 1 ] || fail "$what: expected one stderr line, got: $(cat "$work/err")"
  grep -q -- "$pattern" "$work/err" || fail "$what: stderr lacks '$pattern': $(cat "$work/err")"
}

db=sqlite:$work/t.db
name="欧阳春晓"
iddoc="110101199001011234"
key="$work/personal.key"

expect_ok "init" -- "$gk" init --db "$db"
expect_ok "root" -- "$gk" org add QXS "青溪市人民政府" --kind government --db "$db"
expect_ok "handler" -- bash -c "echo 'correct horse battery' | '$gk' user add zhao.liu --role case_handler --db '$db'"
expect_ok "editor" -- bash -c "echo 'correct horse battery' | '$gk' user add qian.qi --role editor --db '$db'"

# The key file: generated 0600; refused when missing, world-readable or the wrong size.
add_args=(request add --db "$db" --channel 当面 --submitted 2025-09-26 --name "$name"
  --id-doc "$iddoc" --contact 13800000000 --description "请公开青溪市2025年老旧小区改造计划")
expect_error "no key" "密钥" -- "$gk" "${add_args[@]}"
expect_ok "keygen" -- "$gk" request keygen "$key"
[ "$(stat -c %a "$key")" = 600 ] || fail "key file mode $(stat -c %a "$key")"
expect_error "keygen overwrite" "已存在" -- "$gk" request keygen "$key"
cp "$key" "$work/open.key" && chmod 644 "$work/open.key"
expect_error "world-readable key" "chmod 600" -- "$gk" "${add_args[@]}" --key-file "$work/open.key"
head -c 16 /dev/urandom >"$work/short.key" && chmod 600 "$work/short.key"
expect_error "short key" "32" -- "$gk" "${add_args[@]}" --key-file "$work/short.key"
expect_error "post without signature date" "签收" -- "$gk" request add --db "$db" --channel post \
  --submitted 2025-09-26 --name "$name" --contact 1 --description x --key-file "$key"
[ "$(sqlite3 "$work/t.db" 'SELECT COUNT(*) FROM requests')" = 0 ] || fail "a refused intake wrote a request"

# Intake: 2025-09-26 (Friday) in person → 20 working days around National Day → 2025-10-30.
export GONGKAI_KEY_FILE=$key
expect_ok "add" -- "$gk" "${add_args[@]}"
echo "$out" | grep -q "2025-0001" || fail "no tracking number: $out"
echo "$out" | grep -q "答复期限: 2025-10-30" || fail "wrong due date: $out"
echo "$out" | grep -Eq "查询码.*: [2-9A-Z]{12}$" || fail "no lookup code: $out"
code=$(echo "$out" | sed -n 's/.*查询码.*: //p')
expect_ok "second request" -- "$gk" request add --db "$db" --channel online --submitted 2025-11-20 \
  --received 2025-11-21 --name "另一申请人" --contact x@example.cn --description "2025年预算"
echo "$out" | grep -q "2025-0002" || fail "second tracking number: $out"

# Third-party consultation: 3 working days used (09-28 is a 调休 Sunday), paused 09-30 → 10-20,
# 17 left → 2025-11-12.
expect_ok "consult" -- "$gk" request event 2025-0001 consultation_start --with third_party --on 2025-09-30 --db "$db"
echo "$out" | grep -q "暂停" || fail "consultation did not pause: $out"
expect_error "answer while paused" "结束" -- "$gk" request answer 2025-0001 r1_open --on 2025-10-10 --db "$db"
expect_ok "consult end" -- "$gk" request event 2025-0001 consultation_end --on 2025-10-20 --db "$db"
echo "$out" | grep -q "答复期限: 2025-11-12" || fail "due after the pause: $out"
expect_error "extend past 20" "20" -- "$gk" request event 2025-0001 extension --days 25 --approver 王主任 --on 2025-10-21 --db "$db"
expect_error "extend without approver" "批准人" -- "$gk" request event 2025-0001 extension --days 5 --on 2025-10-21 --db "$db"
expect_error "unknown event" "kind" -- "$gk" request event 2025-0001 reopen --db "$db"
expect_ok "explain" -- "$gk" request explain 2025-0001 --db "$db"
for want in "第三十一条" "第三十二条" "已用 3 个工作日" "尚余 17 个工作日" "到期日 2025-11-12"; do
  echo "$out" | grep -q "$want" || fail "explain lacks '$want': $out"
done

# Answer: exactly one outcome; 部分公开 exclusive; then closed for good.
expect_error "two outcomes" "r2_partial" -- "$gk" request answer 2025-0001 r2_partial,r3_4 --on 2025-11-05 --db "$db"
expect_error "unknown outcome" "办理结果" -- "$gk" request answer 2025-0001 r9_9 --on 2025-11-05 --db "$db"
expect_ok "answer" -- "$gk" request answer 2025-0001 r2_partial --on 2025-11-05 --db "$db"
echo "$out" | grep -q "在期限内" || fail "answer not on time: $out"
expect_error "reopen" "已办结" -- "$gk" request answer 2025-0001 r1_open --on 2025-11-06 --db "$db"
expect_error "event after close" "已办结" -- "$gk" request event 2025-0001 note --note x --db "$db"
expect_ok "explain closed" -- "$gk" request explain 2025-0001 --db "$db"
echo "$out" | grep -q "已于 2025-11-05 办结" || fail "explain closed: $out"
expect_ok "letter" -- "$gk" request letter 2025-0001 --db "$db"
echo "$out" | grep -q "第三十七条" || fail "letter lacks the article: $out"
echo "$out" | grep -q "2025-0001" || fail "letter lacks the tracking number: $out"

# Due lists: the second request (received 2025-11-21) is overdue by now.
expect_ok "due" -- "$gk" request due --within 3 --db "$db"
echo "$out" | grep -q "2025-0002" || fail "due list lacks 2025-0002: $out"
echo "$out" | grep -q "2025-0001" && fail "due list shows the answered request: $out"

# Fees: 按件 with 10 earlier requests this month → 100 元.
expect_ok "fee" -- "$gk" request fee 2025-0002 --quantity 1 --prior 10 --on 2025-11-24 --db "$db"
echo "$out" | grep -q "100 元" || fail "fee: $out"
expect_ok "paid" -- "$gk" request settle 2025-0002 paid --on 2025-11-25 --db "$db"

# Personal data: only with the key, as a case handler.
expect_ok "show" -- "$gk" request show 2025-0001 --db "$db"
echo "$out" | grep -q "r2_partial" || fail "show lacks the outcome: $out"
expect_error "personal without --as" "--as" -- "$gk" request show 2025-0001 --personal --db "$db"
expect_error "personal as editor" "申请办理员" -- "$gk" request show 2025-0001 --personal --as qian.qi --db "$db"
personal=$("$gk" request show 2025-0001 --personal --as zhao.liu --db "$db" 2>&1) || fail "show --personal failed: $personal"
echo "$personal" | grep -q "$name" || fail "show --personal lacks the name: $personal"
# Issue 16: the view is audited (actor, request, purpose; never the data); refusals are not.
looked=$(sqlite3 "$work/t.db" "SELECT actor || ' ' || after_json FROM audit_events WHERE action = 'request.personal_data'")
[ "$(echo "$looked" | grep -c .)" = 1 ] || fail "one personal-data view audited, got: $looked"
echo "$looked" | grep -q "user:zhao.liu" || fail "personal-data audit lacks the actor: $looked"
echo "$looked" | grep -q '"via":"cli"' || fail "personal-data audit lacks the channel: $looked"
GONGKAI_KEY_FILE="$work/short.key" expect_error "personal wrong key" "32" -- "$gk" request show 2025-0001 --personal --as zhao.liu --db "$db"

expect_ok "export" -- "$gk" request export --public --year 2025 --db "$db"
export_csv=$out
echo "$export_csv" | grep -q "^QXS,2025-0001,in_person,natural_person,2025-09-26,answered,r2_partial" ||
  fail "export lacks the request: $export_csv"
for secret in "$name" "$iddoc" 13800000000 "$code"; do
  echo "$export_csv" | grep -q "$secret" && fail "public export contains '$secret'"
  grep -q "$secret" "$log" && [ "$secret" != "$code" ] && fail "command output contains '$secret'"
  sqlite3 "$work/t.db" "SELECT before_json || after_json FROM audit_events" | grep -q "$secret" &&
    fail "audit rows contain '$secret'"
  sqlite3 "$work/t.db" "SELECT applicant_sealed || lookup_code_hash FROM requests" | grep -q "$secret" &&
    fail "requests table holds '$secret' in clear"
done
expect_ok "audit verify" -- "$gk" audit verify --db "$db"

# Related cases.
expect_ok "consult add" -- "$gk" consult add phone --date 2025-03-02 --topic 如何申请 --db "$db"
expect_ok "complaint add" -- "$gk" complaint add hotline_12345 --date 2025-04-01 --replied 2025-04-03 --db "$db"
expect_ok "review add" -- "$gk" review add --request 2025-0001 --filed 2025-11-20 --db "$db"
review_id=$(echo "$out" | sed -n 's/.*案件 id \([0-9]*\).*/\1/p')
expect_ok "review result" -- "$gk" review result "$review_id" maintained --closed 2025-11-26 --db "$db"
expect_ok "litigation add" -- "$gk" litigation add --after-review --filed 2025-11-26 --db "$db"
expect_error "decided without date" "审结日期" -- "$gk" litigation add --result corrected --filed 2025-11-26 --db "$db"
expect_error "bad channel" "channel" -- "$gk" consult add fax --db "$db"
expect_ok "counts" -- "$gk" case counts 2025 --db "$db"
echo "$out" | grep -q "咨询 1" || fail "counts consultations: $out"
echo "$out" | grep -q "举报投诉 1" || fail "counts complaints: $out"
echo "$out" | grep -q "^行政复议	1	0	0	0	1" || fail "counts review: $out"
echo "$out" | grep -q "^复议后起诉	0	0	0	1	1" || fail "counts litigation: $out"

if [ $failures -ne 0 ]; then
  echo "$failures failure(s)" >&2
  exit 1
fi
echo "request_test: all passed"
