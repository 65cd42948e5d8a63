#!/usr/bin/env bash
# Crash harness: `gongkai serve` is killed with SIGKILL at a random moment while several
# clients write through the JSON API; after each kill the database must be intact and hold
# every write the server acknowledged (a 2xx answer), in at least the acknowledged state.
#
# On PostgreSQL a last round takes the database away instead: it is stopped (immediate
# mode, as a crash) under the writers while the server keeps running; the server must answer
# 503 with Retry-After while the database is away, carry on by itself once it is back (its
# connections reopen; no restart of gongkai), and lose no acknowledged write.
#
# Usage: crash_test.sh PATH/TO/gongkai [sqlite|postgres]
#   ROUNDS=N        rounds (default 20; each round: start, write, kill -9, verify)
#   postgres uses $GONGKAI_TEST_PG (scripts/with-postgres exports it) and a fresh schema;
#   without it the test is skipped, or fails when GONGKAI_TEST_REQUIRE_PG=1. The restart
#   round needs $GONGKAI_TEST_PG_CTL (with-postgres exports it too); without it that round
#   is skipped with a note, or fails when GONGKAI_TEST_REQUIRE_PG=1.
set -u
gk=$(realpath "$1")
script=$(realpath "$0")
backend=${2:-sqlite}
rounds=${ROUNDS:-20}
work=$(mktemp -d)
server=""
schema=""
cleanup() {
  [ -n "$server" ] && kill -9 "$server" 2>/dev/null && wait "$server" 2>/dev/null
  if [ -n "$schema" ]; then
    psql "$GONGKAI_TEST_PG" -Xq -c "SET client_min_messages = WARNING" \
      -c "DROP SCHEMA $schema CASCADE" >/dev/null 2>&1
  fi
  rm -rf "$work"
}
trap cleanup EXIT
unset GONGKAI_DB GONGKAI_KEY_FILE
cd "$work"
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
die() { echo "FAIL: $*" >&2; exit 1; }

case $backend in
  sqlite)
    file=$work/crash.db
    db=sqlite:$file
    query() { sqlite3 -batch -separator '|' "$file" "$1"; }
    ;;
  postgres)
    if [ -z "${GONGKAI_TEST_PG:-}" ]; then
      [ "${GONGKAI_TEST_REQUIRE_PG:-}" = 1 ] && die "GONGKAI_TEST_REQUIRE_PG=1 but GONGKAI_TEST_PG is not set"
      echo "SKIP: GONGKAI_TEST_PG is not set (make test starts a PostgreSQL server)"
      exit 0
    fi
    schema="crash_$$_$RANDOM"
    psql "$GONGKAI_TEST_PG" -Xq -c "CREATE SCHEMA $schema" || die "cannot create schema $schema"
    sep='?'
    case $GONGKAI_TEST_PG in *\?*) sep='&' ;; esac
    db="$GONGKAI_TEST_PG${sep}options=-csearch_path%3D$schema"
    query() { psql "$db" -XAtq -F '|' -c "$1"; }
    ;;
  *) die "unknown backend '$backend' (sqlite or postgres)" ;;
esac

# A body, three users with the roles the writes need, one token per user and writer.
setup() {
  "$gk" init --db "$db" &&
    "$gk" org add QXS "青溪市人民政府" --kind government --db "$db" &&
    for u in crash.editor:editor crash.reviewer:reviewer crash.handler:case_handler; do
      echo 'correct horse battery' | "$gk" user add "${u%%:*}" --role "${u#*:}" --db "$db" || return 1
    done &&
    for w in 1 2; do
      for u in editor reviewer handler; do
        "$gk" token create --user "crash.$u" --name "crash $w" --db "$db" >"$work/$u.$w.tok" || return 1
      done
    done &&
    "$gk" request keygen "$work/personal.key"
}
setup >"$work/setup.log" 2>&1 || { cat "$work/setup.log"; die "setup"; }

# post PATH TOKEN [BODY]: the answer's body in $bodyf (each writer sets its own), prints the HTTP status
# (000 when the server did not answer: it is gone, the writer stops).
post() {
  curl -sS --max-time 10 -o "$bodyf" -w '%{http_code}' -X POST "$base/api/v1/$1" \
    -H "Authorization: Bearer $2" -H 'Content-Type: application/json' -d "${3:-}" 2>/dev/null
}
is2xx() { case $1 in 2??) return 0 ;; *) return 1 ;; esac; }
body_id() { sed -n 's/^{"id":\([0-9]*\),.*/\1/p' "$bodyf"; }

# Items: create, submit, review (another user), publish; each acknowledged step is logged
# as "item ID STATE" only after the 2xx answer arrived.
item_writer() {
  local w=$1 round=$2 ack=$3 n=0 code id
  local ed rv bodyf=$work/body.item.$w
  ed=$(cat "$work/editor.$w.tok") rv=$(cat "$work/reviewer.$w.tok")
  while :; do
    n=$((n + 1))
    code=$(post items "$ed" "{\"org\":\"QXS\",\"title\":\"崩溃测试 第${round}轮 写入方${w} 第${n}条\",\"formed_on\":\"2025-03-0$((n % 9 + 1))\",\"category\":\"通知公告\",\"body_md\":\"正文 $round-$w-$n\"}")
    [ "$code" = 000 ] && return
    is2xx "$code" || continue
    id=$(body_id)
    echo "item $id draft" >>"$ack"
    code=$(post "items/$id/submit" "$ed"); [ "$code" = 000 ] && return
    is2xx "$code" || continue
    echo "item $id submitted" >>"$ack"
    code=$(post "items/$id/review" "$rv" '{"approve":true}'); [ "$code" = 000 ] && return
    is2xx "$code" || continue
    echo "item $id approved" >>"$ack"
    code=$(post "items/$id/publish" "$ed" '{"channels":["website"]}'); [ "$code" = 000 ] && return
    is2xx "$code" || continue
    echo "item $id published" >>"$ack"
  done
}

# Requests: intake (logged as "request ID TRACKING_NO"), then two note events with unique
# notes (logged as "event ID NOTE").
request_writer() {
  local w=$1 round=$2 ack=$3 n=0 code id tn k
  local hd bodyf=$work/body.request.$w
  hd=$(cat "$work/handler.$w.tok")
  while :; do
    n=$((n + 1))
    code=$(post requests "$hd" "{\"org\":\"QXS\",\"channel\":\"in_person\",\"applicant_type\":\"natural_person\",\"submitted_on\":\"2025-06-03\",\"description\":\"崩溃测试申请 $round-$w-$n\",\"applicant\":{\"name\":\"张三\",\"contact\":\"13800000000\"}}")
    [ "$code" = 000 ] && return
    is2xx "$code" || continue
    id=$(body_id)
    tn=$(sed -n 's/.*"tracking_no":"\([0-9-]*\)".*/\1/p' "$bodyf")
    echo "request $id $tn" >>"$ack"
    for k in 1 2; do
      code=$(post "requests/$id/events" "$hd" "{\"kind\":\"note\",\"on\":\"2025-06-04\",\"note\":\"n$round-$w-$n-$k\"}")
      [ "$code" = 000 ] && return
      is2xx "$code" && echo "event $id n$round-$w-$n-$k" >>"$ack"
    done
  done
}

# Every acknowledged write so far, against the database.
verify() {
  local acks=$work/acks.all
  cat "$work"/ack.* >"$acks" 2>/dev/null || : >"$acks"
  query "SELECT 'item', id, state, COALESCE(index_no, '') FROM items" >"$work/db.items" || return 1
  query "SELECT 'request', id, tracking_no FROM requests" >"$work/db.requests" || return 1
  query "SELECT 'event', request_id, note FROM request_events WHERE kind = 'note'" >"$work/db.events" || return 1
  cat "$work/db.items" "$work/db.requests" "$work/db.events" | tr '|' ' ' >"$work/db.all"
  awk '
    BEGIN { rank["draft"] = 1; rank["submitted"] = 2; rank["approved"] = 3; rank["published"] = 4 }
    FNR == NR {
      if ($1 == "item") { state[$2] = $3; index_no[$2] = $4 }
      else if ($1 == "request") tracking[$2] = $3
      else events[$2 " " $3] = 1
      next
    }
    $1 == "item" {
      if (!($2 in state)) { print "acknowledged item " $2 " (" $3 ") missing"; bad++ }
      else if (rank[state[$2]] < rank[$3]) { print "item " $2 " acknowledged " $3 ", database has " state[$2]; bad++ }
      else if ($3 == "published" && index_no[$2] == "") { print "published item " $2 " has no index number"; bad++ }
      next
    }
    $1 == "request" {
      if (!($2 in tracking)) { print "acknowledged request " $2 " (" $3 ") missing"; bad++ }
      else if (tracking[$2] != $3) { print "request " $2 " acknowledged " $3 ", database has " tracking[$2]; bad++ }
      next
    }
    $1 == "event" && !(($2 " " $3) in events) { print "acknowledged event " $3 " of request " $2 " missing"; bad++ }
    END { exit bad > 0 }
  ' "$work/db.all" "$acks"
}

start_server() {
  : >"$work/serve.out"
  "$gk" serve --db "$db" --key-file "$work/personal.key" --listen 127.0.0.1:0 --threads 4 --quiet \
    >"$work/serve.out" 2>>"$work/serve.err" &
  server=$!
  base=""
  for _ in $(seq 1 600); do
    base=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/serve.out" | head -1)
    [ -n "$base" ] && return 0
    kill -0 "$server" 2>/dev/null || { cat "$work/serve.err" >&2; return 1; }
    sleep 0.05
  done
  return 1
}

started=$(date +%s.%N)
for round in $(seq 1 "$rounds"); do
  start_server || die "round $round: serve did not start"
  pids=()
  for w in 1 2; do
    item_writer "$w" "$round" "$work/ack.$round.item.$w" &
    pids+=($!)
    request_writer "$w" "$round" "$work/ack.$round.request.$w" &
    pids+=($!)
  done
  delay=$(awk -v r="$RANDOM" 'BEGIN { printf "%.2f", 0.3 + 1.7 * r / 32767 }')
  sleep "$delay"
  kill -0 "$server" 2>/dev/null || { cat "$work/serve.err" >&2; die "round $round: serve exited by itself"; }
  kill -9 "$server"
  wait "$server" 2>/dev/null
  server=""
  wait "${pids[@]}"
  acked=$(cat "$work"/ack."$round".* 2>/dev/null | wc -l)
  if [ "$backend" = sqlite ]; then
    ic=$(sqlite3 "$file" 'PRAGMA integrity_check' 2>&1)
    [ "$ic" = ok ] || fail "round $round: integrity_check: $ic"
  fi
  if ! verify >"$work/verify.out" 2>&1; then
    fail "round $round (killed after ${delay}s): $(head -20 "$work/verify.out")"
  fi
  "$gk" audit verify --db "$db" >"$work/audit.out" 2>&1 || fail "round $round: audit verify: $(cat "$work/audit.out")"
  [ $failures -eq 0 ] || break
  echo "round $round: killed after ${delay}s, $acked acknowledged writes, verified"
done

# post_status PATH TOKEN BODY: "STATUS RETRY_AFTER" of one API write (RETRY_AFTER "-" when
# the answer has no Retry-After header).
post_status() {
  local headers=$work/probe.headers code retry
  code=$(curl -sS --max-time 10 -D "$headers" -o /dev/null -w '%{http_code}' -X POST \
    "$base/api/v1/$1" -H "Authorization: Bearer $2" -H 'Content-Type: application/json' \
    -d "$3" 2>/dev/null)
  retry=$(tr -d '\r' <"$headers" 2>/dev/null | sed -n 's/^[Rr]etry-[Aa]fter: *//p' | head -1)
  echo "$code ${retry:--}"
}

# The database goes away and comes back under the writers (PostgreSQL only).
restart_round() {
  local round=$1 pids=() w delay probe down_ok=0 back="" t0 hd
  start_server || die "restart round: serve did not start"
  for w in 1 2; do
    item_writer "$w" "$round" "$work/ack.$round.item.$w" &
    pids+=($!)
    request_writer "$w" "$round" "$work/ack.$round.request.$w" &
    pids+=($!)
  done
  delay=$(awk -v r="$RANDOM" 'BEGIN { printf "%.2f", 0.3 + 1.2 * r / 32767 }')
  sleep "$delay"
  "$GONGKAI_TEST_PG_CTL" stop -m immediate >"$work/pgctl.out" 2>&1 || fail "restart round: pg_ctl stop: $(cat "$work/pgctl.out")"
  hd=$(cat "$work/handler.1.tok")
  body='{"org":"QXS","channel":"in_person","applicant_type":"natural_person","submitted_on":"2025-06-03","description":"数据库停机探测","applicant":{"name":"李四","contact":"13900000000"}}'
  # While the database is away: 503 with Retry-After (a connection may first notice the loss
  # on this request; every answer must be 503).
  for _ in 1 2 3; do
    probe=$(post_status requests "$hd" "$body")
    case $probe in
      "503 "[0-9]*) down_ok=$((down_ok + 1)) ;;
      *) fail "restart round: with the database stopped the API answered '$probe' (want 503 with Retry-After)" ;;
    esac
    sleep 0.2
  done
  kill -0 "$server" 2>/dev/null || die "restart round: serve exited while the database was away"
  "$GONGKAI_TEST_PG_CTL" start >"$work/pgctl.out" 2>&1 || die "restart round: pg_ctl start: $(cat "$work/pgctl.out")"
  # Back: the same server process must write again within 10 s.
  t0=$(date +%s.%N)
  for _ in $(seq 1 100); do
    probe=$(post_status requests "$hd" "$body")
    case $probe in 201\ *) back=$(awk -v s="$t0" -v e="$(date +%s.%N)" 'BEGIN { printf "%.2f", e - s }'); break ;; esac
    sleep 0.1
  done
  [ -n "$back" ] || fail "restart round: no write succeeded 10 s after the database came back (last answer '$probe')"
  sleep 1  # the writers carry on through the same server
  kill -0 "$server" 2>/dev/null || die "restart round: serve exited"
  kill -9 "$server"
  wait "$server" 2>/dev/null
  server=""
  wait "${pids[@]}"
  acked=$(cat "$work"/ack."$round".* 2>/dev/null | wc -l)
  if ! verify >"$work/verify.out" 2>&1; then
    fail "restart round (database stopped after ${delay}s): $(head -20 "$work/verify.out")"
  fi
  "$gk" audit verify --db "$db" >"$work/audit.out" 2>&1 || fail "restart round: audit verify: $(cat "$work/audit.out")"
  [ $failures -eq 0 ] &&
    echo "round $round: PostgreSQL stopped after ${delay}s, $down_ok answers 503 + Retry-After while away, writing again ${back}s after it was back, $acked acknowledged writes, verified"
}

# The restart round stops the database: on the cluster `make test` shares between tests
# running in parallel that would fail the others, so it runs on a private cluster of its
# own (this script again, ROUNDS=0, under scripts/with-postgres).
if [ "$backend" = postgres ] && [ $failures -eq 0 ]; then
  if [ "${GONGKAI_TEST_PG_PRIVATE:-}" = 1 ] && [ -n "${GONGKAI_TEST_PG_CTL:-}" ]; then
    restart_round $((rounds + 1))
  else
    with_pg=${GONGKAI_SOURCE_DIR:-$(dirname "$script")/../..}/scripts/with-postgres
    if [ -x "$with_pg" ]; then
      mkdir -p "$work/private" &&
        GONGKAI_TEST_PG_PRIVATE=1 ROUNDS=0 "$with_pg" "$work/private" -- bash "$script" "$gk" postgres \
          >"$work/private.out" 2>&1
      status=$?
      grep -E '^round|FAIL' "$work/private.out"
      [ $status -eq 0 ] || fail "restart round on a private cluster: $(tail -5 "$work/private.out")"
    elif [ "${GONGKAI_TEST_REQUIRE_PG:-}" = 1 ]; then
      fail "scripts/with-postgres not found: the restart round cannot run"
    else
      echo "note: scripts/with-postgres not found, the PostgreSQL restart round is skipped"
    fi
  fi
fi

total=$(cat "$work"/ack.* 2>/dev/null | wc -l)
published=$(cat "$work"/ack.* 2>/dev/null | grep -c ' published$')
elapsed=$(awk -v s="$started" -v e="$(date +%s.%N)" 'BEGIN { printf "%.0f", e - s }')
[ "$total" -gt 0 ] || [ "$rounds" -eq 0 ] || fail "no write was acknowledged in $rounds rounds"
echo "$backend: $rounds rounds in ${elapsed}s, $total acknowledged writes ($published publications)"
if [ $failures -ne 0 ]; then
  echo "$failures failure(s)" >&2
  exit 1
fi
echo "crash_test ($backend): all passed"
