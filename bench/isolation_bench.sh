#!/usr/bin/env bash
# bench/isolation_bench.sh — a search storm against the cached home page (issue 19, items 1
# and 2), side by side in one run.
#
# For each server configuration (below), in rounds:
#   home      the cached home page alone: wrk -t1 -c8
#   home+s    the same, while 32 connections search (30 common queries, wrk -t1 -c32)
#   search    the searches alone (wrk -t1 -c32)
# Configurations (one binary, one database; `gongkai serve` with GONGKAI_* variables):
#   inline    workers = 0, search_cache_entries = 0  (every request on the I/O threads, no
#             result cache: what main does)
#   pool      workers = 2, search_cache_entries = 0  (isolation alone)
#   pool+rc   workers = 2, search_cache_entries = 2000 (isolation and the result cache)
#   before    the binary given with --before on its own database (--before-db), with its own
#             defaults: a build from before issue 19, measured in the same rounds
# All with threads = 2 and search_per_client = 0: wrk's 32 connections share one address,
# which the per-client cap would answer with 429 (that cap is tested in
# src/web/isolation_test.cpp, not measured here).
#
#   bench/isolation_bench.sh [--gongkai BIN] [--db FILE] [--rounds R] [--duration SECONDS]
#                            [--port P] [--configs "inline pool pool+rc"]
#                            [--before BIN --before-db FILE]   (adds the "before" configuration)
# Default BIN build/rel/gongkai, DB /tmp/i19demo.db (generated with `gongkai demo` if
# missing), 3 rounds of 10 s. Prints each run and the medians. Requires wrk and curl.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
bin=$root/build/rel/gongkai
db=/tmp/i19demo.db
rounds=3
duration=10
port=18190
configs="inline pool pool+rc"
before_bin=
before_db=
while [ $# -gt 0 ]; do
  case $1 in
    --gongkai) bin=$2; shift 2 ;;
    --db) db=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --configs) configs=$2; shift 2 ;;
    --before) before_bin=$2; shift 2 ;;
    --before-db) before_db=$2; shift 2 ;;
    *) echo "isolation_bench: unknown option $1" >&2; exit 2 ;;
  esac
done
for tool in wrk curl; do
  command -v $tool >/dev/null || { echo "isolation_bench: $tool not found" >&2; exit 2; }
done
[ -x "$bin" ] || { echo "isolation_bench: no binary $bin (build it: see bench/README.md)" >&2; exit 2; }
[ -f "$db" ] || "$bin" demo --db "sqlite:$db"
if [ -n "$before_bin" ]; then
  [ -x "$before_bin" ] && [ -f "$before_db" ] || { echo "isolation_bench: --before needs a binary and --before-db FILE" >&2; exit 2; }
  case " $configs " in *" before "*) ;; *) configs="before $configs" ;; esac
fi

work=$(mktemp -d)
server_pid=
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
base=http://127.0.0.1:$port

# 30 common queries (as a citizen types them), percent-encoded.
enc() { printf '%s' "$1" | od -An -tx1 | tr -d ' \n' | sed 's/../%&/g'; }
for q in 通知 公开 政府信息公开 教育 预算 决算 招生 卫生健康 交通 规划 环境保护 年度报告 \
  政策解读 行政许可 义务教育 财政 公示 住房 医疗保障 人事任免 工作动态 安全生产 就业 \
  养老 消防 统计 招标 审计 农业 水利; do
  printf '/search?q=%s\n' "$(enc "$q")"
done >"$work/queries.txt"
cat >"$work/search.lua" <<'LUA'
local paths = {}
for line in io.lines(os.getenv("QUERIES")) do paths[#paths + 1] = line end
math.randomseed(os.time())
request = function() return wrk.format("GET", paths[math.random(#paths)]) end
LUA

start_server() {  # $1 workers, $2 search_cache_entries; or "before": the other binary, its defaults
  if [ "$1" = before ]; then
    GONGKAI_SEARCH_PER_CLIENT=0 "$before_bin" serve --db "sqlite:$before_db" \
      --listen "127.0.0.1:$port" --threads 2 --quiet >"$work/serve.log" 2>&1 &
  else
    GONGKAI_WORKERS=$1 GONGKAI_SEARCH_CACHE_ENTRIES=$2 GONGKAI_SEARCH_PER_CLIENT=0 \
      "$bin" serve --db "sqlite:$db" --listen "127.0.0.1:$port" --threads 2 --quiet \
      >"$work/serve.log" 2>&1 &
  fi
  server_pid=$!
  for _ in $(seq 1 3000); do
    curl -fs "$base/healthz" >/dev/null 2>&1 && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/serve.log" >&2; exit 1; }
    sleep 0.1
  done
  curl -fs "$base/" >/dev/null  # fills the page cache
}
stop_server() {
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=
}

# wrk's latencies (1.23ms / 456.00us / 1.20s) in ms.
to_ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us$/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v*=1000}; printf "%.2f\n", v}'; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
summary() {  # wrk output → "req/s p50 p99 non2xx"
  local rps p50 p99 bad
  rps=$(awk '/^Requests\/sec:/ {print $2}' "$1")
  p50=$(awk '$1 == "50%" {print $2}' "$1" | to_ms)
  p99=$(awk '$1 == "99%" {print $2}' "$1" | to_ms)
  bad=$(awk '/Non-2xx/ {print $5}' "$1"); bad=${bad:-0}
  echo "$rps $p50 $p99 $bad"
}

home() { wrk -t1 -c8 -d"${duration}s" --latency "$base/" >"$1"; }
searches() { QUERIES=$work/queries.txt wrk -t1 -c32 -d"${1}s" --latency -s "$work/search.lua" "$base" >"$2"; }

echo "== $bin, $db, $rounds rounds of ${duration}s; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq 1 "$rounds"); do
  for config in $configs; do
    case $config in
      inline) start_server 0 0 ;;
      pool) start_server 2 0 ;;
      pool+rc) start_server 2 2000 ;;
      before) [ -n "$before_bin" ] || { echo "config before needs --before BIN" >&2; exit 2; }
        start_server before ;;
      *) echo "unknown config $config" >&2; exit 2 ;;
    esac
    home "$work/home-$config-$r.txt"
    searches $((duration + 2)) "$work/storm-$config-$r.txt" &
    storm=$!
    sleep 1
    home "$work/homes-$config-$r.txt"
    wait $storm
    searches "$duration" "$work/search-$config-$r.txt"
    stop_server
    for kind in home homes search; do
      read -r rps p50 p99 bad < <(summary "$work/$kind-$config-$r.txt")
      printf 'round %d %-8s %-7s %10s req/s  p50 %8s ms  p99 %8s ms  non-2xx %s\n' \
        "$r" "$config" "$kind" "$rps" "$p50" "$p99" "$bad"
      echo "$rps $p50 $p99" >>"$work/$kind-$config.results"
    done
    read -r rps p50 p99 bad < <(summary "$work/storm-$config-$r.txt")
    printf 'round %d %-8s %-7s %10s req/s  p50 %8s ms  p99 %8s ms  non-2xx %s\n' \
      "$r" "$config" "(storm)" "$rps" "$p50" "$p99" "$bad"
  done
done

echo
echo "== medians over $rounds rounds (home: wrk -c8; home+s: the same with 32 connections searching; search: -c32)"
printf '%-8s %-7s %12s %10s %10s\n' config run "req/s" "p50 ms" "p99 ms"
for config in $configs; do
  for kind in home homes search; do
    f=$work/$kind-$config.results
    rps=$(awk '{print $1}' "$f" | median)
    p50=$(awk '{print $2}' "$f" | median)
    p99=$(awk '{print $3}' "$f" | median)
    label=$kind; [ "$kind" = homes ] && label=home+s
    printf '%-8s %-7s %12.0f %10s %10s\n' "$config" "$label" "$rps" "$p50" "$p99"
  done
  h=$(awk '{print $1}' "$work/home-$config.results" | median)
  hs=$(awk '{print $1}' "$work/homes-$config.results" | median)
  awk -v a="$hs" -v b="$h" -v c="$config" 'BEGIN {printf "%-8s home+s / home throughput: %.1f %%\n", c, 100 * a / b}'
done
