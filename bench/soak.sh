#!/usr/bin/env bash
# Soak test (not in CI): a Release `gongkai serve` on a demo city, DURATION seconds of mixed
# portal traffic from wrk at CONNECTIONS connections, the server's RSS sampled every second.
# Reports requests/s, non-2xx/3xx answers and RSS growth after the warm-up, the RSS split
# into anonymous and file-mapped memory (/proc/PID/status RssAnon, RssFile), and the
# server's CPU time per request (utime+stime from /proc/PID/stat over the run ÷ requests):
# on a shared machine the figure that says what the mix costs, whatever the load.
# Target: no errors; anonymous RSS (what a leak would grow; the file-mapped database is the
# kernel's to drop) ≤ 5 % more at the end of the run than at the end of the warm-up, and
# ≤ ANON_LIMIT_MB (default 200, issue 19) throughout.
#
# Usage: bench/soak.sh [PATH/TO/gongkai]     (default: Release build in build/soak)
#   DURATION=600 WARMUP=60 CONNECTIONS=64 WRK_THREADS=2 FIRST_YEAR=2024 LAST_YEAR=2025
#   (FIRST_YEAR= LAST_YEAR= : the whole demo city, every year `gongkai demo` generates)
#   SERVER_THREADS=<serve default>  KEEP=1 keeps the work directory (RSS samples, wrk output).
#   SOAK_DB=FILE: serve a copy of this SQLite database instead of generating the demo city.
#
# The mix (per request, chosen at random): 10 % home, 15 % body (机构) pages with their
# catalogue categories, 45 % item pages, 20 % searches, 10 % the public form pages
# (/status lookup form, /apply, /consult). Form *submissions* are rate limited per client
# address by design, so one load generator on one address would only measure the limiter.
#
# Clients: a portal's visitors come from many addresses, and the deployment documented in
# docs/deploy puts nginx on the same host in front of gongkai (trusted_proxies =
# 127.0.0.1/32). The soak runs that shape: the server trusts the loopback proxy and every
# request names one of CLIENTS (default 2000) addresses in X-Forwarded-For, so the per-client
# search cap (search_per_client) limits each visitor, not the whole load generator.
# CLIENTS=1 sends no header: one address, as a single crawler would be seen.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
duration=${DURATION:-600}
warmup=${WARMUP:-60}
anon_limit_mb=${ANON_LIMIT_MB:-200}
connections=${CONNECTIONS:-64}
wrk_threads=${WRK_THREADS:-2}
first_year=${FIRST_YEAR-2024}
clients=${CLIENTS:-2000}
last_year=${LAST_YEAR-2025}
command -v wrk >/dev/null || { echo "soak: wrk not found (apt-get install wrk)" >&2; exit 2; }
[ "$duration" -gt "$warmup" ] || { echo "soak: DURATION must exceed WARMUP" >&2; exit 2; }

if [ $# -ge 1 ]; then
  gk=$(realpath "$1")
else
  cmake -S "$here" -B "$here/build/soak" -G Ninja -DCMAKE_BUILD_TYPE=Release -DGONGKAI_BUILD_TESTS=OFF >/dev/null
  cmake --build "$here/build/soak" --target gongkai
  gk=$here/build/soak/gongkai
fi

work=$(mktemp -d)
server=""
sampler=""
cleanup() {
  if [ -n "$sampler" ]; then kill "$sampler" 2>/dev/null || true; fi
  if [ -n "$server" ]; then kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true; fi
  if [ -n "${KEEP:-}" ]; then echo "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
unset GONGKAI_DB GONGKAI_KEY_FILE
db=$work/demo.db

if [ -n "${SOAK_DB:-}" ]; then
  echo "database: copy of $SOAK_DB"
  sqlite3 "$SOAK_DB" ".backup '$db'"
else
  echo "demo city ${first_year:-all years}${last_year:+–$last_year} …"
  "$gk" demo --db "sqlite:$db" ${first_year:+--first-year "$first_year"} ${last_year:+--last-year "$last_year"} \
    >"$work/demo.log" 2>&1 || { cat "$work/demo.log"; exit 1; }
fi
"$gk" request keygen "$work/personal.key" >/dev/null
proxy=""
[ "$clients" -gt 1 ] && proxy=127.0.0.1/32
GONGKAI_TRUSTED_PROXIES=$proxy "$gk" serve --db "sqlite:$db" --key-file "$work/personal.key" --listen 127.0.0.1:0 --quiet \
  ${SERVER_THREADS:+--threads "$SERVER_THREADS"} >"$work/serve.out" 2>"$work/serve.err" &
server=$!
base=""
for _ in $(seq 1 6000); do  # start-up indexes every published item for search first
  base=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/serve.out" | head -1) || true
  [ -n "$base" ] && break
  kill -0 "$server" 2>/dev/null || { cat "$work/serve.err"; exit 1; }
  sleep 0.1
done
[ -n "$base" ] || { echo "serve did not start"; exit 1; }

# The paths wrk chooses from, one per line: kind, a tab, the path (percent-encoded).
enc() { printf '%s' "$1" | od -An -tx1 | tr -d ' \n' | sed 's/../%&/g'; }
{
  sqlite3 "$db" "SELECT code FROM orgs" | while read -r code; do printf 'org\t/org/%s\n' "$code"; done
  sqlite3 -separator ' ' "$db" "SELECT DISTINCT o.code, i.category FROM items i JOIN orgs o ON o.id = i.org_id
                                WHERE i.state = 'published' LIMIT 200" |
    while read -r code cat; do printf 'org\t/org/%s?cat=%s\n' "$code" "$(enc "$cat")"; done
  sqlite3 "$db" "SELECT id FROM items WHERE state = 'published' ORDER BY random() LIMIT 2000" |
    while read -r id; do printf 'item\t/item/%s\n' "$id"; done
  { printf '%s\n' 通知 公开 政府信息公开 教育 预算 决算 招生 卫生健康 交通 规划 环境保护 年度报告 \
      政策解读 行政许可 义务教育 财政 公示 住房 医疗保障 人事任免
    sqlite3 "$db" "SELECT substr(title, 3, 4) FROM items WHERE state = 'published' ORDER BY random() LIMIT 100"
  } | while read -r q; do printf 'search\t/search?q=%s\n' "$(enc "$q")"; done
  printf 'form\t%s\n' /status /apply /consult
  printf 'home\t/\n'
} >"$work/paths.txt"
for kind in home org item search form; do
  grep -q "^$kind	" "$work/paths.txt" || { echo "soak: no $kind paths (empty database?)"; exit 1; }
done

cat >"$work/mix.lua" <<'LUA'
-- Mixed portal traffic; counts answers that are not 2xx/3xx per thread.
local threads = {}
function setup(thread) table.insert(threads, thread) end

local paths = {}
local weights = { {"home", 10}, {"org", 15}, {"item", 45}, {"search", 20}, {"form", 10} }
errors, by_status = 0, {}  -- globals: done() reads them with thread:get

local clients = 1

function init(args)
  clients = tonumber(args[2]) or 1
  for line in io.lines(args[1]) do
    local kind, path = line:match("^(%a+)\t(.+)$")
    if kind then
      paths[kind] = paths[kind] or {}
      table.insert(paths[kind], path)
    end
  end
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)"), 16) % 100000)
end

function request()
  local r, acc = math.random(100), 0
  for _, w in ipairs(weights) do
    acc = acc + w[2]
    if r <= acc then
      local list = paths[w[1]]
      local headers = nil
      if clients > 1 then  -- one of CLIENTS visitors, as the trusted local proxy names them
        local c = math.random(clients) - 1
        headers = { ["X-Forwarded-For"] = string.format("10.%d.%d.%d", math.floor(c / 65536) % 256,
                                                         math.floor(c / 256) % 256, c % 256) }
      end
      return wrk.format("GET", list[math.random(#list)], headers)
    end
  end
end

function response(status, headers, body)
  if status >= 400 or status < 200 then
    errors = errors + 1
    by_status[status] = (by_status[status] or 0) + 1
  end
end

function done(summary, latency, requests)
  local total, detail = 0, {}
  for _, t in ipairs(threads) do
    total = total + t:get("errors")
    for s, n in pairs(t:get("by_status")) do detail[s] = (detail[s] or 0) + n end
  end
  local parts = {}
  for s, n in pairs(detail) do table.insert(parts, s .. ":" .. n) end
  io.write(string.format("SOAK requests=%d duration_s=%.1f rps=%.1f errors=%d by_status=%s " ..
                         "socket_errors=%d p50_ms=%.1f p99_ms=%.1f max_ms=%.1f\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6), total,
    table.concat(parts, ","), summary.errors.connect + summary.errors.read + summary.errors.write +
    summary.errors.timeout, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000))
end
LUA

# RSS every second (kB), with seconds since the start of the load: total, anonymous (heap,
# caches: what the configuration sizes) and file-mapped (the SQLite database through mmap,
# which the kernel can drop at any time), from /proc/PID/status.
(
  start=$(date +%s)
  while kill -0 "$server" 2>/dev/null; do
    echo "$(($(date +%s) - start)) $(awk '/^VmRSS:/ { t = $2 } /^RssAnon:/ { a = $2 }
      /^RssFile:/ { f = $2 } END { print t, a, f }' "/proc/$server/status")"
    sleep 1
  done
) >"$work/rss.txt" 2>/dev/null &
sampler=$!

echo "serving $base (pid $server); wrk -t$wrk_threads -c$connections -d${duration}s, warm-up ${warmup}s, $clients client address(es)"
cpu_ticks() { awk '{print $14 + $15}' "/proc/$server/stat"; }
cpu_start=$(cpu_ticks)
wrk -t"$wrk_threads" -c"$connections" -d"${duration}s" --timeout 10s -s "$work/mix.lua" "$base" -- \
  "$work/paths.txt" "$clients" >"$work/wrk.out" 2>&1 || true
cpu_end=$(cpu_ticks 2>/dev/null || echo "$cpu_start")
kill "$sampler" 2>/dev/null || true
sampler=""
cat "$work/wrk.out"
kill -0 "$server" 2>/dev/null || { echo "FAIL: the server died during the run"; cat "$work/serve.err"; exit 1; }

result=$(grep '^SOAK ' "$work/wrk.out") || { echo "FAIL: no wrk summary"; exit 1; }
errors=$(echo "$result" | sed -n 's/.* errors=\([0-9]*\) .*/\1/p')
socket_errors=$(echo "$result" | sed -n 's/.* socket_errors=\([0-9]*\) .*/\1/p')
read -r rss_start rss_warm rss_end rss_max < <(awk -v w="$warmup" '
  NR == 1 { first = $2 } $1 <= w { warm = $2 } { last = $2; if ($2 > max) max = $2 }
  END { print first, warm, last, max }' "$work/rss.txt")
read -r anon_warm anon_end anon_max file_end file_max < <(awk -v w="$warmup" '
  $1 <= w { warm = $3 } { last = $3; lastf = $4; if ($3 > max) max = $3; if ($4 > maxf) maxf = $4 }
  END { print warm, last, max, lastf, maxf }' "$work/rss.txt")
growth=$(awk -v a="$anon_warm" -v b="$anon_end" 'BEGIN { printf "%.1f", (b - a) * 100 / a }')
requests=$(echo "$result" | sed -n 's/.*requests=\([0-9]*\) .*/\1/p')
awk -v t=$((cpu_end - cpu_start)) -v hz="$(getconf CLK_TCK)" -v n="$requests" 'BEGIN {
  printf "server CPU: %.1f s for %d requests, %.1f us per request (load average %s)\n", t / hz, n,
    t * 1e6 / hz / n, "'"$(cut -d' ' -f1-3 /proc/loadavg)"'" }'
echo "RSS (MB): start $((rss_start / 1024)), after ${warmup}s warm-up $((rss_warm / 1024)), end $((rss_end / 1024)), max $((rss_max / 1024))"
echo "  anonymous (MB): after warm-up $((anon_warm / 1024)), end $((anon_end / 1024)), max $((anon_max / 1024)), growth after warm-up ${growth} %; file-mapped (MB): end $((file_end / 1024)), max $((file_max / 1024))"
status=0
[ "$errors" = 0 ] && [ "$socket_errors" = 0 ] || { echo "FAIL: $errors error answers, $socket_errors socket errors"; status=1; }
awk -v g="$growth" 'BEGIN { exit !(g <= 5) }' || { echo "FAIL: anonymous RSS grew ${growth} % after the warm-up (target ≤ 5 %)"; status=1; }
[ $((anon_max / 1024)) -le "$anon_limit_mb" ] || { echo "FAIL: anonymous RSS reached $((anon_max / 1024)) MB (limit ${anon_limit_mb} MB)"; status=1; }
[ $status -eq 0 ] && echo "soak: passed (no errors, anonymous RSS growth ≤ 5 % and ≤ ${anon_limit_mb} MB)"
exit $status
