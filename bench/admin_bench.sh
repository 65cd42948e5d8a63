#!/usr/bin/env bash
# bench/admin_bench.sh — render time of every back-office list and dashboard (issue 21).
#
# Serves a demo city with `gongkai serve`, signs in as each demo account with curl and
# fetches each page ROUNDS times one after another, printing the median and the maximum
# wall time per page (curl's time_total on 127.0.0.1: the server's render plus a loopback
# round trip) and the server's CPU time per fetch (utime + stime from /proc/PID/stat: the
# honest figure on a loaded machine). Figures and command lines: bench/README.md.
#
#   bench/admin_bench.sh BIN [--db FILE] [--key FILE] [--rounds N] [--scale P]
#     BIN          the gongkai binary (a Release build for the recorded figures)
#     --db FILE    reuse this demo database (sqlite file); default: generate one
#     --key FILE   its personal-data key (default: FILE.key)
#     --rounds N   fetches per page (default 7)
#     --scale P    `gongkai demo --scale` when generating (default 100: the demo city)
#     --only RE    measure only the pages whose "account path" matches this extended regex
set -euo pipefail

bin=$(realpath "$1"); shift
db=; key=; rounds=7; scale=100; only=
while [ $# -gt 0 ]; do
  case $1 in
    --db) db=$2; shift 2 ;;
    --key) key=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --scale) scale=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
work=$(mktemp -d)
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
unset GONGKAI_DB GONGKAI_KEY_FILE
if [ -z "$db" ]; then
  db=$work/demo.db
  key=$work/demo.key
  "$bin" request keygen "$key" >/dev/null
  echo "generating the demo city (scale $scale)…" >&2
  "$bin" demo --db "sqlite:$db" --key-file "$key" --scale "$scale" >"$work/demo.log" 2>&1
fi
key=${key:-$db.key}
"$bin" serve --db "sqlite:$db" --key-file "$key" --listen 127.0.0.1:0 --quiet >"$work/serve.out" 2>"$work/serve.err" &
server=$!
base=""
for _ in $(seq 1 600); do
  base=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/serve.out" | head -1 || true)
  [ -n "$base" ] && break
  kill -0 "$server" 2>/dev/null || { cat "$work/serve.err"; exit 1; }
  sleep 0.5
done
[ -n "$base" ] || { echo "serve did not start" >&2; exit 1; }

signin() {  # $1 user → cookie jar $work/$1.jar
  local jar=$work/$1.jar
  local token
  token=$(curl -s -c "$jar" -b "$jar" "$base/admin/login" | grep -o 'name="csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
  curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "username=$1" \
    --data-urlencode "password=gongkai-demo-2024" --data-urlencode "csrf=$token" "$base/admin/login"
}

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$server/stat"; }  # utime + stime
tick=$(getconf CLK_TCK)

measure() {  # $1 user, $2 path
  local times=() status before after
  if [ -n "$only" ] && ! grep -Eq -- "$only" <<<"$1 $2"; then return 0; fi
  before=$(cpu_ticks)
  for _ in $(seq 1 "$rounds"); do
    read -r status t < <(curl -s -o /dev/null -b "$work/$1.jar" -w '%{http_code} %{time_total}\n' "$base$2")
    [ "$status" = 200 ] || { echo "$1 $2: HTTP $status" >&2; return 1; }
    times+=("$t")
  done
  after=$(cpu_ticks)
  # The server's CPU time per fetch: on a loaded machine the honest figure (wall time
  # includes waiting for a core); resolution 1/CLK_TCK s over ROUNDS fetches.
  printf '%s\n' "${times[@]}" | sort -n | awk -v u="$1" -v p="$2" \
    -v cpu="$(( (after - before) * 1000 / tick ))" -v n="$rounds" '
    { a[NR] = $1 } END { printf "| %s | `%s` | %.0f | %.0f | %.0f |\n", u, p, a[int((NR + 1) / 2)] * 1000, a[NR] * 1000, cpu / n }'
}

echo "| account | page | median ms | max ms | server CPU ms per fetch |"
echo "|---|---|---|---|---|"
for user in demo-handler demo-editor demo-reviewer demo-admin; do signin "$user"; done
measure demo-handler /admin
measure demo-handler /admin/requests
measure demo-handler "/admin/requests?state=open"
measure demo-handler "/admin/requests?state=answered&page=20"
measure demo-editor /admin
measure demo-editor /admin/items
measure demo-editor "/admin/items?q=%E9%80%9A%E7%9F%A5"
measure demo-editor "/admin/items?state=published&validity=repealed"
measure demo-editor "/admin/items?page=100"
measure demo-editor /admin/columns
measure demo-editor "/admin/columns?finding=all"
measure demo-editor "/admin/items?state=rejected"
measure demo-editor "/admin/items?state=approved"
measure demo-editor /admin/columns/csv
measure demo-reviewer /admin
measure demo-reviewer "/admin/items?state=submitted"
measure demo-admin /admin
measure demo-admin /admin/requests
measure demo-admin /admin/items
measure demo-admin /admin/columns
measure demo-admin /admin/users
measure demo-admin /admin/bodies
measure demo-admin /admin/compare
measure demo-admin /admin/consultations
measure demo-admin "/admin/consultations?page=2"
measure demo-admin /admin/complaints
measure demo-admin "/admin/complaints?page=40"
measure demo-admin /admin/cases
