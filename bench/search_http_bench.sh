#!/usr/bin/env bash
# bench/search_http_bench.sh — 64 clients searching distinct queries through `gongkai serve`
# (issue 19, deliverable 2): every request an uncached search, each a full
# SearchIndex::Search plus the page around it.
#
#   bench/search_http_bench.sh --db FILE --queries FILE [--gongkai BIN ...] [--clients C]
#                              [--duration S] [--rounds R] [--port P]
# --queries: one query a line (`search_bench --db sqlite:FILE --list-queries --distinct N`);
# each wrk connection takes the next line (one Lua state: wrk -t1), from the top again when
# they run out. The result and page caches are off (search_cache_entries 0, page_cache_mb
# 0), so a query met again is searched again: every binary searches the same mix whatever
# its speed. Several --gongkai
# binaries alternate round by round on the same database. Server settings: threads 2,
# search_per_client 0 (wrk's connections share one address), sqlite_mmap_mb 2047 (what
# main's search set per search), defaults otherwise.
# Prints per run: searches/s, wrk's p50/p99, non-2xx, and the server's CPU (utime + stime
# from /proc/PID/stat) per search. Requires wrk and curl.
set -euo pipefail

db=
queries=
bins=()
clients=64
duration=15
rounds=2
port=18290
while [ $# -gt 0 ]; do
  case $1 in
    --db) db=$2; shift 2 ;;
    --queries) queries=$2; shift 2 ;;
    --gongkai) bins+=("$2"); shift 2 ;;
    --clients) clients=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    *) echo "search_http_bench: unknown option $1" >&2; exit 2 ;;
  esac
done
[ -n "$db" ] && [ -f "$db" ] || { echo "search_http_bench: --db FILE required" >&2; exit 2; }
[ -n "$queries" ] && [ -f "$queries" ] || { echo "search_http_bench: --queries FILE required" >&2; exit 2; }
[ ${#bins[@]} -gt 0 ] || { echo "search_http_bench: at least one --gongkai BIN" >&2; exit 2; }

work=$(mktemp -d)
server_pid=
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
base=http://127.0.0.1:$port

# Percent-encoded request paths, one a line.
while IFS= read -r q; do
  printf '/search?q=%s\n' "$(printf '%s' "$q" | od -An -tx1 | tr -d ' \n' | sed 's/../%&/g')"
done <"$queries" >"$work/paths.txt"
cat >"$work/distinct.lua" <<'LUA'
local paths = {}
for line in io.lines(os.getenv("PATHS")) do paths[#paths + 1] = line end
local next_path = 0
request = function()
  next_path = next_path + 1
  return wrk.format("GET", paths[(next_path - 1) % #paths + 1])
end
LUA

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

echo "== $db, $(wc -l <"$work/paths.txt") distinct queries, $clients clients, $rounds rounds of ${duration}s; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)"
for r in $(seq 1 "$rounds"); do
  for bin in "${bins[@]}"; do
    GONGKAI_SEARCH_PER_CLIENT=0 GONGKAI_SEARCH_CACHE_ENTRIES=0 GONGKAI_PAGE_CACHE_MB=0 \
      GONGKAI_SQLITE_MMAP_MB=2047 \
      "$bin" serve --db "sqlite:$db" --listen "127.0.0.1:$port" --threads 2 --quiet \
      >"$work/serve.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 1 3000); do
      curl -fs "$base/healthz" >/dev/null 2>&1 && break
      kill -0 "$server_pid" 2>/dev/null || { cat "$work/serve.log" >&2; exit 1; }
      sleep 0.1
    done
    before=$(cpu_ticks "$server_pid")
    PATHS=$work/paths.txt wrk -t1 -c"$clients" -d"${duration}s" --latency -s "$work/distinct.lua" \
      "$base" >"$work/wrk.txt"
    after=$(cpu_ticks "$server_pid")
    kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=
    n=$(awk '/requests in/ {print $1}' "$work/wrk.txt")
    rps=$(awk '/^Requests\/sec:/ {print $2}' "$work/wrk.txt")
    p50=$(awk '$1 == "50%" {print $2}' "$work/wrk.txt")
    p99=$(awk '$1 == "99%" {print $2}' "$work/wrk.txt")
    bad=$(awk '/Non-2xx/ {print $5}' "$work/wrk.txt"); bad=${bad:-0}
    hz=$(getconf CLK_TCK)
    cpu_ms=$(awk -v t=$((after - before)) -v hz="$hz" -v n="$n" 'BEGIN {printf "%.2f", 1000 * t / hz / n}')
    printf 'round %d %s: %s searches in %ss = %s/s  p50 %s  p99 %s  non-2xx %s  server CPU %s ms per search\n' \
      "$r" "$bin" "$n" "$duration" "$rps" "$p50" "$p99" "$bad" "$cpu_ms"
  done
done
