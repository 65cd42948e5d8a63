#!/usr/bin/env bash
# Scale-out: two `gongkai serve` processes on one PostgreSQL database (docs/deploy/README.md,
# section 5). A change made through server A must be served by server B (item page, API,
# search once B's index sync runs), a request registered through B must be visible on A, and
# a back-office session signed in on A must work on B (sessions live in the database; the
# CSRF key is shared through --csrf-secret-file).
#
# Usage: two_servers_test.sh PATH/TO/gongkai
#   Needs $GONGKAI_TEST_PG (scripts/with-postgres exports it); without it the test is
#   skipped, or fails when GONGKAI_TEST_REQUIRE_PG=1. SEARCH_WAIT=N: seconds to wait for B's
#   search to find the new item (default 45; the portal syncs the index at most every 30 s).
set -u
gk=$(realpath "$1")
search_wait=${SEARCH_WAIT:-45}
if [ -z "${GONGKAI_TEST_PG:-}" ]; then
  if [ "${GONGKAI_TEST_REQUIRE_PG:-}" = 1 ]; then
    echo "FAIL: GONGKAI_TEST_REQUIRE_PG=1 but GONGKAI_TEST_PG is not set" >&2
    exit 1
  fi
  echo "SKIP: GONGKAI_TEST_PG is not set (make test starts a PostgreSQL server)"
  exit 0
fi
work=$(mktemp -d)
schema="scale_$$_$RANDOM"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null && wait "$p" 2>/dev/null; done
  psql "$GONGKAI_TEST_PG" -Xq -c "SET client_min_messages = WARNING" \
    -c "DROP SCHEMA $schema CASCADE" >/dev/null 2>&1
  [ -n "${KEEP_WORK:-}" ] && echo "kept $work" || rm -rf "$work"
}
trap cleanup EXIT
unset GONGKAI_DB GONGKAI_KEY_FILE GONGKAI_CSRF_SECRET_FILE
cd "$work"
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
die() { echo "FAIL: $*" >&2; exit 1; }
now() { date +%s.%N; }
since() { awk -v s="$1" -v e="$(now)" 'BEGIN { printf "%.1f", e - s }'; }

psql "$GONGKAI_TEST_PG" -Xq -c "CREATE SCHEMA $schema" || die "cannot create schema $schema"
sep='?'
case $GONGKAI_TEST_PG in *\?*) sep='&' ;; esac
db="$GONGKAI_TEST_PG${sep}options=-csearch_path%3D$schema"

password='correct horse battery'
{
  "$gk" init --db "$db" &&
    "$gk" org add QXS "青溪市人民政府" --kind government --db "$db" &&
    echo "$password" | "$gk" user add scale.editor --role editor --db "$db" &&
    echo "$password" | "$gk" user add scale.reviewer --role reviewer --db "$db" &&
    echo "$password" | "$gk" user add scale.handler --role case_handler --db "$db" &&
    "$gk" token create --user scale.editor --name scale --db "$db" >"$work/editor.tok" &&
    "$gk" token create --user scale.reviewer --name scale --db "$db" >"$work/reviewer.tok" &&
    "$gk" token create --user scale.handler --name scale --db "$db" >"$work/handler.tok" &&
    "$gk" request keygen "$work/personal.key"
} >"$work/setup.log" 2>&1 || { cat "$work/setup.log"; die "setup"; }
head -c 32 /dev/urandom >"$work/csrf.key" && chmod 600 "$work/csrf.key"
ed=$(cat "$work/editor.tok") rv=$(cat "$work/reviewer.tok") hd=$(cat "$work/handler.tok")

# start NAME: a server on a free port; its base URL in $base_NAME.
start() {
  "$gk" serve --db "$db" --key-file "$work/personal.key" --csrf-secret-file "$work/csrf.key" \
    --listen 127.0.0.1:0 --threads 2 --quiet >"$work/$1.out" 2>"$work/$1.err" &
  local pid=$! url=""
  pids+=("$pid")
  for _ in $(seq 1 600); do
    url=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/$1.out" | head -1)
    [ -n "$url" ] && break
    kill -0 "$pid" 2>/dev/null || { cat "$work/$1.err" >&2; die "server $1 exited"; }
    sleep 0.1
  done
  [ -n "$url" ] || die "server $1 did not start"
  printf -v "base_$1" '%s' "$url"
}
start A
start B
[ "$base_A" != "$base_B" ] || die "both servers on $base_A"
echo "A: $base_A  B: $base_B"

api() {  # api METHOD BASE PATH TOKEN [BODY]: body in $work/body, prints the status
  curl -sS --max-time 20 -o "$work/body" -w '%{http_code}' -X "$1" "$2/api/v1/$3" \
    -H "Authorization: Bearer $4" -H 'Content-Type: application/json' ${5:+-d "$5"}
}
page() {  # page BASE PATH: body in $work/page, prints the status
  curl -sS --max-time 20 -o "$work/page" -w '%{http_code}' "$1$2"
}

# B has rendered the portal (its page cache is warm) and searched (its index sync has run).
word="扩容验证"
title="关于${word}工作的通知"
[ "$(page "$base_B" /)" = 200 ] || fail "B home: $(cat "$work/page")"
page "$base_B" "/search?q=$word" >/dev/null

# Publish an item through A.
code=$(api POST "$base_A" items "$ed" "{\"org\":\"QXS\",\"title\":\"$title\",\"formed_on\":\"2025-05-06\",\"category\":\"通知公告\",\"body_md\":\"两台服务器共用一个数据库。\"}")
[ "$code" = 201 ] || die "create on A: $code $(cat "$work/body")"
id=$(sed -n 's/^{"id":\([0-9]*\),.*/\1/p' "$work/body")
[ "$(api POST "$base_A" "items/$id/submit" "$ed")" = 200 ] || die "submit on A: $(cat "$work/body")"
[ "$(api POST "$base_A" "items/$id/review" "$rv" '{"approve":true}')" = 200 ] || die "review on A: $(cat "$work/body")"
[ "$(api POST "$base_A" "items/$id/publish" "$ed")" = 200 ] || die "publish on A: $(cat "$work/body")"
published=$(now)

# B serves the item page within 5 s.
seen=""
for _ in $(seq 1 50); do
  if [ "$(page "$base_B" "/item/$id")" = 200 ] && grep -q "$title" "$work/page"; then
    seen=$(since "$published")
    break
  fi
  sleep 0.1
done
[ -n "$seen" ] && echo "B serves /item/$id ${seen}s after A published it" ||
  fail "B does not serve /item/$id 5 s after A published it"
home=""
for _ in $(seq 1 50); do
  page "$base_B" / >/dev/null
  grep -q "$title" "$work/page" && { home=$(since "$published"); break; }
  sleep 0.1
done
[ -n "$home" ] && echo "B's home page lists it after ${home}s" || fail "B's (cached) home page does not list the item after 5 s"

# The same record through both APIs.
[ "$(api GET "$base_A" "items/$id" "$ed")" = 200 ] || fail "GET on A: $(cat "$work/body")"
cp "$work/body" "$work/item.A"
[ "$(api GET "$base_B" "items/$id" "$ed")" = 200 ] || fail "GET on B: $(cat "$work/body")"
cmp -s "$work/item.A" "$work/body" || fail "A and B answer differently for item $id: $(cat "$work/item.A") / $(cat "$work/body")"
grep -q '"state":"published"' "$work/body" || fail "B: item $id not published: $(cat "$work/body")"
grep -q '"index_no":"[^"]' "$work/body" || fail "B: item $id has no index number: $(cat "$work/body")"

# A request registered through B, read through A.
code=$(api POST "$base_B" requests "$hd" '{"org":"QXS","channel":"in_person","applicant_type":"natural_person","submitted_on":"2025-06-03","description":"两台服务器测试申请","applicant":{"name":"张三","contact":"13800000000"}}')
[ "$code" = 201 ] || fail "intake on B: $code $(cat "$work/body")"
rid=$(sed -n 's/^{"id":\([0-9]*\),.*/\1/p' "$work/body")
tn=$(sed -n 's/.*"tracking_no":"\([0-9-]*\)".*/\1/p' "$work/body")
[ "$(api GET "$base_A" "requests/$rid" "$hd")" = 200 ] && grep -q "\"tracking_no\":\"$tn\"" "$work/body" ||
  fail "request $rid ($tn) from B not on A: $(cat "$work/body")"

# A back-office session: signed in on A, used on B, ended on B, gone on A.
jar=$work/cookies  # curl keys cookies by host, not port: one jar serves both servers
csrf_of() { sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' "$work/page" | head -1; }
[ "$(curl -sS -c "$jar" -b "$jar" -o "$work/page" -w '%{http_code}' "$base_A/admin/login")" = 200 ] || fail "A login page"
token=$(csrf_of)
code=$(curl -sS -c "$jar" -b "$jar" -o "$work/page" -w '%{http_code} %{redirect_url}' "$base_A/admin/login" \
  --data-urlencode "csrf=$token" --data-urlencode "username=scale.editor" --data-urlencode "password=$password")
[ "$code" = "303 $base_A/admin" ] || fail "sign-in on A: $code $(head -c 300 "$work/page")"
grep -q 'gk_session' "$jar" || fail "sign-in on A set no session cookie"
code=$(curl -sS -b "$jar" -o "$work/page" -w '%{http_code}' "$base_B/admin")
[ "$code" = 200 ] && grep -q 'scale.editor' "$work/page" || fail "A's session on B: $code"
code=$(curl -sS -b "$jar" -o "$work/page" -w '%{http_code}' "$base_B/admin/items/$id")
[ "$code" = 200 ] && grep -q "$title" "$work/page" || fail "A's session on B, item screen: $code"
[ "$(curl -sS -b "$jar" -o "$work/page" -w '%{http_code}' "$base_A/admin")" = 200 ] || fail "A /admin"
token=$(csrf_of)  # issued by A, accepted by B: both servers share the CSRF key
code=$(curl -sS -c "$jar" -b "$jar" -o "$work/page" -w '%{http_code}' "$base_B/admin/logout" --data-urlencode "csrf=$token")
[ "$code" = 303 ] || fail "sign-out on B with A's CSRF token: $code $(head -c 300 "$work/page")"
code=$(curl -sS -b "$jar" -o /dev/null -w '%{http_code} %{redirect_url}' "$base_A/admin")
[ "$code" = "303 $base_A/admin/login" ] || fail "session ended on B still valid on A: $code"
echo "session: signed in on A, used and ended on B"

# Search on B: its index picks the item up at its next sync (at most every 30 s).
found=""
for _ in $(seq 1 "$search_wait"); do
  page "$base_B" "/search?q=$word" >/dev/null
  grep -q "/item/$id\"" "$work/page" && { found=$(since "$published"); break; }
  sleep 1
done
[ -n "$found" ] && echo "B's search finds it ${found}s after A published it" ||
  fail "B's search does not find the item ${search_wait}s after A published it"

if [ $failures -ne 0 ]; then
  echo "$failures failure(s)" >&2
  exit 1
fi
echo "two_servers_test: all passed"
