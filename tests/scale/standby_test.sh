#!/usr/bin/env bash
# A real streaming standby (docs/deploy/README.md, section 5): `pg_basebackup -R` from the
# primary that scripts/with-postgres started, a hot standby on the same machine (another
# port), and a `gongkai serve` whose public pages read from it (read_db) while writes go to
# the primary (db).
#   1. An item published through the API (primary) appears on the replica-backed item page
#      within the replication lag (measured, printed).
#   2. Failover: the primary stops (immediate, as a crash) and the standby is promoted
#      (pg_ctl promote). Without any restart, the server keeps serving public pages from the
#      promoted node and answers writes with 503 + Retry-After (its `db` is gone).
#   3. The primary's address moves to the promoted node (here: its unix socket path is linked
#      to the promoted node's, as a virtual IP or DNS name would move): the same server
#      process writes again by itself (its connections reopen), and the item published
#      before the failover is still there.
#
# Usage: standby_test.sh PATH/TO/gongkai
#   Runs when $GONGKAI_TEST_PG is set (scripts/with-postgres; skipped without it, or fails
#   when GONGKAI_TEST_REQUIRE_PG=1), on a private cluster it starts with scripts/with-postgres
#   (whose GONGKAI_TEST_PG_RUN/_CTL/_DIR/_SOCK/_PORT it uses), since it stops the primary.
set -u
gk=$(realpath "$1")
if [ -z "${GONGKAI_TEST_PG:-}" ]; then
  if [ "${GONGKAI_TEST_REQUIRE_PG:-}" = 1 ]; then
    echo "FAIL: GONGKAI_TEST_REQUIRE_PG=1 but GONGKAI_TEST_PG is not set" >&2
    exit 1
  fi
  echo "SKIP: GONGKAI_TEST_PG is not set (make test starts a PostgreSQL server with scripts/with-postgres)"
  exit 0
fi
# The test stops the primary: on the cluster `make test` shares between tests running in
# parallel that would fail the others, so it runs itself again on a private cluster.
if [ "${GONGKAI_TEST_PG_PRIVATE:-}" != 1 ]; then
  with_pg=${GONGKAI_SOURCE_DIR:-$(dirname "$(realpath "$0")")/../..}/scripts/with-postgres
  private=$(mktemp -d)
  GONGKAI_TEST_PG_PRIVATE=1 "$with_pg" "$private" -- bash "$(realpath "$0")" "$gk"
  status=$?
  rm -rf "$private"
  exit $status
fi
work=$(mktemp -d)
schema="standby_$$_$RANDOM"
sock=$GONGKAI_TEST_PG_SOCK
port=$GONGKAI_TEST_PG_PORT
standby=$GONGKAI_TEST_PG_DIR/standby_$$
sport=$((port + 1))
while [ -e "$sock/.s.PGSQL.$sport" ]; do sport=$((sport + 1)); done
server=""
moved=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  [ -n "$moved" ] && rm -f "$sock/.s.PGSQL.$port" "$sock/.s.PGSQL.$port.lock"
  "$GONGKAI_TEST_PG_RUN" pg_ctl -D "$standby" -m immediate -w stop >/dev/null 2>&1
  rm -rf "$standby" "$standby.log"
  # The primary comes back for the tests that follow (it may be stopped by now).
  "$GONGKAI_TEST_PG_CTL" status >/dev/null 2>&1 || "$GONGKAI_TEST_PG_CTL" start >/dev/null 2>&1
  psql "$GONGKAI_TEST_PG" -Xq -c "SET client_min_messages = WARNING" \
    -c "DROP SCHEMA $schema CASCADE" >/dev/null 2>&1
  [ -n "${KEEP_WORK:-}" ] && echo "kept $work" || rm -rf "$work"
}
trap cleanup EXIT
unset GONGKAI_DB GONGKAI_READ_DB GONGKAI_KEY_FILE GONGKAI_CSRF_SECRET_FILE
cd "$work"
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
die() { echo "FAIL: $*" >&2; exit 1; }
now() { date +%s.%N; }
since() { awk -v s="$1" -v e="$(now)" 'BEGIN { printf "%.2f", e - s }'; }

psql "$GONGKAI_TEST_PG" -Xq -c "CREATE SCHEMA $schema" || die "cannot create schema $schema"
sep='?'
case $GONGKAI_TEST_PG in *\?*) sep='&' ;; esac
db="$GONGKAI_TEST_PG${sep}options=-csearch_path%3D$schema"
read_db=$(echo "$db" | sed "s/port=$port/port=$sport/")
[ "$read_db" != "$db" ] || die "cannot derive the standby's URL from $GONGKAI_TEST_PG"

{
  "$gk" init --db "$db" &&
    "$gk" org add QXS "青溪市人民政府" --kind government --db "$db" &&
    echo 'correct horse battery' | "$gk" user add standby.editor --role editor --db "$db" &&
    echo 'correct horse battery' | "$gk" user add standby.reviewer --role reviewer --db "$db" &&
    "$gk" token create --user standby.editor --name standby --db "$db" >"$work/editor.tok" &&
    "$gk" token create --user standby.reviewer --name standby --db "$db" >"$work/reviewer.tok" &&
    "$gk" request keygen "$work/personal.key"
} >"$work/setup.log" 2>&1 || { cat "$work/setup.log"; die "setup"; }
ed=$(cat "$work/editor.tok") rv=$(cat "$work/reviewer.tok")

# The standby: a base backup of the running primary with its recovery settings (-R), started
# as a hot standby on the next free port in the same socket directory.
t0=$(now)
"$GONGKAI_TEST_PG_RUN" pg_basebackup -h "$sock" -p "$port" -U postgres -D "$standby" -R -X stream \
  -c fast >"$work/basebackup.log" 2>&1 || { cat "$work/basebackup.log"; die "pg_basebackup"; }
"$GONGKAI_TEST_PG_RUN" pg_ctl -D "$standby" -l "$standby.log" -w \
  -o "-k $sock -p $sport -c listen_addresses='' -c fsync=off -c max_connections=200 -c hot_standby=on" \
  start >/dev/null 2>&1 || { cat "$standby.log"; die "standby did not start"; }
[ "$(psql "$read_db" -XAtc 'SELECT pg_is_in_recovery()')" = t ] || die "the standby is not in recovery"
echo "standby on port $sport (primary $port) ready after $(since "$t0")s"

"$gk" serve --db "$db" --read-db "$read_db" --key-file "$work/personal.key" \
  --listen 127.0.0.1:0 --threads 2 --quiet >"$work/serve.out" 2>"$work/serve.err" &
server=$!
base=""
for _ in $(seq 1 600); do
  base=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/serve.out" | head -1)
  [ -n "$base" ] && break
  kill -0 "$server" 2>/dev/null || { cat "$work/serve.err" >&2; die "serve exited"; }
  sleep 0.1
done
[ -n "$base" ] || die "serve did not start"

api() {  # api METHOD PATH TOKEN [BODY]: body in $work/body, headers in $work/headers, prints the status
  curl -sS --max-time 20 -D "$work/headers" -o "$work/body" -w '%{http_code}' -X "$1" \
    "$base/api/v1/$2" -H "Authorization: Bearer $3" -H 'Content-Type: application/json' ${4:+-d "$4"}
}
page() {  # page PATH: body in $work/page, prints the status
  curl -sS --max-time 20 -o "$work/page" -w '%{http_code}' "$base$1"
}
publish() {  # publish TITLE: creates, submits, reviews and publishes; prints the id
  local code id
  code=$(api POST items "$ed" "{\"org\":\"QXS\",\"title\":\"$1\",\"formed_on\":\"2025-05-06\",\"category\":\"通知公告\",\"body_md\":\"主备切换测试。\"}")
  [ "$code" = 201 ] || { echo "create: $code $(cat "$work/body")" >&2; return 1; }
  id=$(sed -n 's/^{"id":\([0-9]*\),.*/\1/p' "$work/body")
  [ "$(api POST "items/$id/submit" "$ed")" = 200 ] || { echo "submit: $(cat "$work/body")" >&2; return 1; }
  [ "$(api POST "items/$id/review" "$rv" '{"approve":true}')" = 200 ] || { echo "review: $(cat "$work/body")" >&2; return 1; }
  [ "$(api POST "items/$id/publish" "$ed")" = 200 ] || { echo "publish: $(cat "$work/body")" >&2; return 1; }
  echo "$id"
}

# 1. Published on the primary, seen on the replica-backed item page.
title="关于备库同步验证的通知"
[ "$(page /)" = 200 ] || fail "home page from the standby: $(head -c 300 "$work/page")"
id=$(publish "$title") || die "publishing on the primary"
published=$(now)
lag=""
for _ in $(seq 1 100); do
  if [ "$(page "/item/$id")" = 200 ] && grep -q "$title" "$work/page"; then
    lag=$(since "$published")
    break
  fi
  sleep 0.05
done
[ -n "$lag" ] && echo "the replica-backed page /item/$id shows the item ${lag}s after it was published" ||
  fail "/item/$id not served from the standby 5 s after publication"
psql "$read_db" -XAtc "SELECT state FROM $schema.items WHERE id = $id" | grep -q published ||
  fail "item $id is not on the standby"

# 2. Failover: the primary goes away, the standby is promoted; the server is not restarted.
"$GONGKAI_TEST_PG_CTL" stop -m immediate >/dev/null 2>&1 || die "stopping the primary"
t0=$(now)
"$GONGKAI_TEST_PG_RUN" pg_ctl -D "$standby" -w promote >/dev/null 2>&1 || die "pg_ctl promote"
[ "$(psql "$read_db" -XAtc 'SELECT pg_is_in_recovery()')" = f ] || die "the standby was not promoted"
echo "standby promoted $(since "$t0")s after the primary stopped"
[ "$(page "/item/$id")" = 200 ] && grep -q "$title" "$work/page" ||
  fail "after the failover the public item page is not served (status $(page "/item/$id"))"
code=$(api POST items "$ed" '{"org":"QXS","title":"主库停机时的写入","formed_on":"2025-05-06","category":"通知公告","body_md":"x"}')
retry=$(tr -d '\r' <"$work/headers" | sed -n 's/^[Rr]etry-[Aa]fter: *//p')
[ "$code" = 503 ] && [ -n "$retry" ] && echo "writes while db points at the lost primary: 503, Retry-After $retry" ||
  fail "a write with the primary gone answered $code (Retry-After '${retry}'), want 503 with Retry-After"

# 3. The primary's address moves to the promoted node; the same process writes again.
ln -s "$sock/.s.PGSQL.$sport" "$sock/.s.PGSQL.$port" && moved=1 || die "cannot move the address"
t0=$(now)
id2=""
for _ in $(seq 1 100); do
  id2=$(publish "关于切换后继续发布的通知" 2>"$work/publish.err") && break
  id2=""
  sleep 0.1
done
[ -n "$id2" ] && echo "writes resumed on the promoted node $(since "$t0")s after the address moved (no restart of gongkai)" ||
  fail "no write succeeded 10 s after the address moved: $(cat "$work/publish.err")"
[ "$(api GET "items/$id" "$ed")" = 200 ] && grep -q '"state":"published"' "$work/body" ||
  fail "item $id published before the failover is not on the promoted node: $(cat "$work/body")"
if [ -n "$id2" ]; then
  [ "$(page "/item/$id2")" = 200 ] || fail "/item/$id2 (published after the failover) not served"
fi
kill -0 "$server" 2>/dev/null || fail "serve exited during the failover"

# Give the primary its address back (cleanup restarts it).
rm -f "$sock/.s.PGSQL.$port" && moved=""
if [ $failures -ne 0 ]; then
  echo "$failures failure(s)" >&2
  exit 1
fi
echo "standby_test: all passed"
