#!/usr/bin/env bash
# End-to-end tests of the gongkai command line: the happy paths and the error contract
# (one line on stderr, exit 2, nothing written). Usage: cli_test.sh PATH/TO/gongkai
set -u
gk=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
unset GONGKAI_DB
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

db=sqlite:$work/t.db

# The issue's acceptance check, before any database exists (bundled calendar; no file made).
expect_ok "add-days" -- "$gk" calendar add-days 2024-09-27 20
[ "$out" = "2024-10-30" ] || fail "add-days 2024-09-27 20 printed '$out'"
[ -e gongkai.db ] && fail "calendar add-days created gongkai.db"
expect_ok "add-days across 2019 New Year" -- "$gk" calendar add-days 2018-12-28 1
[ "$out" = "2018-12-29" ] || fail "2018-12-29 is a working Saturday, got '$out'"
expect_error "malformed date" "YYYY-MM-DD" -- "$gk" calendar add-days 2024-13-01 3
expect_error "negative days" "工作日数" -- "$gk" calendar add-days 2024-01-01 -3

# Commands on a database that was never initialised say so and create nothing.
expect_error "uninitialised db" "gongkai init" -- "$gk" org list --db "$db"
[ -e "$work/t.db" ] && fail "org list created the database file"

expect_ok "init" -- "$gk" init --db "$db"
expect_ok "init twice" -- "$gk" init --db "$db"
expect_ok "migrate" -- "$gk" migrate --db "$db"
echo "$out" | grep -q "最新" || fail "migrate on a current db: '$out'"

# Provisional dates beyond the loaded calendar, then exact after importing the year.
expect_ok "provisional add-days" -- "$gk" calendar add-days 2026-12-20 20 --db "$db"
grep -q "2027" "$work/err" || fail "no provisional warning naming 2027: $(cat "$work/err")"
provisional=$out
cat >"$work/2027.json" <<'JSON'
{"years": {"2027": {"notice": ["test"], "off_days": ["2027-01-01", "2027-01-04", "2027-01-05"],
 "makeup_work_days": []}}}
JSON
expect_ok "import 2027" -- "$gk" calendar import "$work/2027.json" --db "$db"
expect_ok "exact add-days" -- "$gk" calendar add-days 2026-12-20 20 --db "$db"
[ -s "$work/err" ] && fail "still provisional after import: $(cat "$work/err")"
[ "$out" != "$provisional" ] || fail "importing 2027's holidays did not change the result ($out)"
expect_ok "calendar show" -- "$gk" calendar show 2027 --db "$db"
echo "$out" | grep -q "2027-01-04" || fail "calendar show 2027 lacks 2027-01-04"
echo '{"years": {"2028": {"off_days": ["2028-02-30"]}}}' >"$work/bad.json"
expect_error "bad calendar file" "2028" -- "$gk" calendar import "$work/bad.json" --db "$db"
expect_error "missing calendar file" "无法读取" -- "$gk" calendar import "$work/nope.json" --db "$db"

# Organisations, with traditional characters and full-width digits normalised.
expect_ok "root" -- "$gk" org add QXS "青溪市人民政府" --kind 人民政府 --db "$db"
expect_ok "child" -- "$gk" org add QXS-FGW "青溪市發展和改革局" --parent QXS --db "$db"
expect_ok "grandchild" -- "$gk" org add QXS-FGW-1 "第１科" --parent QXS-FGW --kind institution --db "$db"
expect_error "duplicate code" "已存在" -- "$gk" org add QXS-FGW "重复" --parent QXS --db "$db"
expect_error "unknown parent" "QXS-NOPE" -- "$gk" org add QXS-X "某局" --parent QXS-NOPE --db "$db"
expect_error "second root" "根机构" -- "$gk" org add QXT "另一个根" --db "$db"
expect_error "bad code" "机构代码" -- "$gk" org add "qx s" "坏代码" --parent QXS --db "$db"
expect_error "bad kind" "kind" -- "$gk" org add QXS-Y "某局" --kind ministry --parent QXS --db "$db"
expect_error "invalid UTF-8" "UTF-8" -- "$gk" org add QXS-Z "$(printf 'bad\xff')" --parent QXS --db "$db"
expect_ok "tree" -- "$gk" org tree --db "$db"
echo "$out" | grep -q "^  青溪市发展和改革局 \[QXS-FGW\]" || fail "tree lacks the simplified child: $out"
echo "$out" | grep -q "^    第1科 \[QXS-FGW-1\]" || fail "tree lacks the normalised grandchild: $out"
expect_ok "list" -- "$gk" org list --db "$db"
[ "$(echo "$out" | wc -l)" -eq 3 ] || fail "org list should have 3 lines: $out"

# Users: password from stdin, argon2id, never in the audit trail.
expect_ok "user add" -- bash -c "echo 'correct horse battery' | '$gk' user add li.si --name 李四 --role reviewer --org QXS-FGW --db '$db'"
expect_error "weak password" "密码" -- bash -c "echo short | '$gk' user add wang.wu --db '$db'"
expect_error "unknown role org" "QXS-NOPE" -- bash -c "echo 'correct horse battery' | '$gk' user add wang.wu --org QXS-NOPE --db '$db'"
expect_error "duplicate user" "已存在" -- bash -c "echo 'correct horse battery' | '$gk' user add li.si --db '$db'"
expect_ok "passwd" -- bash -c "echo 'another long passphrase' | '$gk' user passwd li.si --force-change --db '$db'"
expect_ok "user list" -- "$gk" user list --db "$db"
echo "$out" | grep -q "reviewer@QXS-FGW" || fail "user list lacks the grant: $out"
echo "$out" | grep -q "须改密码" || fail "user list lacks the forced change: $out"
hash=$(sqlite3 "$work/t.db" "SELECT password_hash FROM users WHERE username = 'li.si'")
case "$hash" in \$argon2id\$*) ;; *) fail "password hash is not argon2id: $hash" ;; esac
sqlite3 "$work/t.db" "SELECT before_json || after_json FROM audit_events" | grep -q argon2 \
  && fail "a password hash reached the audit trail"

# Nothing half-written: the failed commands above left exactly what succeeded.
[ "$(sqlite3 "$work/t.db" 'SELECT COUNT(*) FROM orgs')" -eq 3 ] || fail "org count changed by failures"
[ "$(sqlite3 "$work/t.db" 'SELECT COUNT(*) FROM users')" -eq 1 ] || fail "user count changed by failures"

# The audit chain: intact, then broken by an edit made behind the application's back.
expect_ok "audit verify" -- "$gk" audit verify --db "$db"
sqlite3 "$work/t.db" "UPDATE audit_events SET actor = 'someone-else' WHERE id = 2"
"$gk" audit verify --db "$db" >/dev/null 2>"$work/err"; rc=$?
[ $rc -eq 1 ] || fail "audit verify after tampering: exit $rc"
grep -q "事件 2" "$work/err" || fail "audit verify does not name event 2: $(cat "$work/err")"

# Databases that cannot be reached or are unknown.
expect_error "unreachable PostgreSQL" "无法打开数据库" -- "$gk" org list --db "postgresql://gk:s3cret@/nowhere?host=$work/nosock&connect_timeout=2"
grep -q s3cret "$work/err" && fail "the password was printed"
expect_error "unknown scheme" "数据库 URL" -- "$gk" org list --db "mysql://x"
expect_error "unknown command" "gongkai --help" -- "$gk" frobnicate
GONGKAI_DB=$db expect_ok "GONGKAI_DB" -- "$gk" org list
expect_ok "version" -- "$gk" version

if [ $failures -ne 0 ]; then
  echo "$failures failure(s)" >&2
  exit 1
fi
echo "all CLI checks passed"
