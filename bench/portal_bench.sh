#!/usr/bin/env bash
# bench/portal_bench.sh — the public portal against nginx serving the same bytes (issue 7), and
# one gongkai binary against another in the same run (issue 18: "not slower").
#
# Serves the demo city with `gongkai serve`, fetches an item page, a catalog page and the home
# page, writes those exact bytes to files that nginx serves with the same Content-Type and the
# same extra headers (CSP, Cache-Control, …), then runs wrk against every server and page,
# alternating servers within each round, and prints per-server medians of requests/s, p50,
# p99 and the server's CPU per request (utime+stime from /proc/PID/stat over the run, divided
# by the requests wrk counted — the figure that survives a noisy machine).
#
#   bench/portal_bench.sh [options]
#     --gongkai BIN     the binary (default build/bench-rel/gongkai, built if missing)
#     --db FILE         reuse this demo database (default: generate one in the work dir)
#     --before BIN      a second binary ("before"), measured in the same rounds
#     --before-db FILE  its own database (schemas differ between versions; required with --before)
#     --no-nginx        leave nginx out (no nginx column)
#     --pages "P …"     pages to measure among item, catalog, home (default "item catalog")
#     --uncached        page cache off (GONGKAI_PAGE_CACHE_MB=0) and every request a random item
#                       (page "item") or catalog column (page "catalog") of the whole database;
#                       implies --no-nginx
#     --threads N       gongkai --threads and nginx worker_processes (default 2)
#     --rounds R        rounds (default 3)
#     --duration D      wrk -d (default 10s)
#     --connections C   wrk -c (default 64)
#     --wrk-threads T   wrk -t (default 2)
#     --pin             servers on CPU 0, wrk on CPU 1 (taskset); default: no pinning
#     --port P          first of three ports (default 18080; nginx P+1, the "before" binary P+2)
#     --keep            keep the work directory
#
# Requires wrk, curl, sqlite3 (with --uncached) and nginx (unless --no-nginx). Figures and
# command lines: bench/README.md.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
bin=$root/build/bench-rel/gongkai
db=
before_bin=
before_db=
use_nginx=1
pages="item catalog"
uncached=0
threads=2
rounds=3
duration=10s
connections=64
wrk_threads=2
pin=0
port=18080
keep=0
while [ $# -gt 0 ]; do
  case $1 in
    --gongkai) bin=$2; shift 2 ;;
    --db) db=$2; shift 2 ;;
    --before) before_bin=$(realpath "$2"); shift 2 ;;
    --before-db) before_db=$2; shift 2 ;;
    --no-nginx) use_nginx=0; shift ;;
    --pages) pages=$2; shift 2 ;;
    --uncached) uncached=1; use_nginx=0; shift ;;
    --threads) threads=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --wrk-threads) wrk_threads=$2; shift 2 ;;
    --pin) pin=1; shift ;;
    --port) port=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    *) echo "portal_bench: unknown option $1" >&2; exit 2 ;;
  esac
done
nginx_port=$((port + 1))
before_port=$((port + 2))
if [ -n "$before_bin" ] && [ -z "$before_db" ]; then
  echo "portal_bench: --before needs --before-db (each binary its own database)" >&2
  exit 2
fi
for page in $pages; do
  case $page in item | catalog | home) ;; *) echo "portal_bench: unknown page $page" >&2; exit 2 ;; esac
done

tools="wrk curl"
[ $use_nginx = 1 ] && tools+=" nginx"
[ $uncached = 1 ] && tools+=" sqlite3"
for tool in $tools; do
  command -v $tool >/dev/null || { echo "portal_bench: $tool not found" >&2; exit 2; }
done
if [ ! -x "$bin" ]; then
  cmake -S "$root" -B "$root/build/bench-rel" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DGONGKAI_BUILD_TESTS=OFF -DGONGKAI_BUILD_BENCH=ON >/dev/null
  cmake --build "$root/build/bench-rel" -j1 --target gongkai
  bin=$root/build/bench-rel/gongkai
fi
bin=$(realpath "$bin")

work=$(mktemp -d)
chmod 755 "$work"  # nginx workers run as nobody
declare -A pid
cleanup() {
  for p in "${pid[@]}"; do kill "$p" 2>/dev/null && wait "$p" 2>/dev/null || true; done
  if [ $keep = 1 ]; then echo "work directory kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

server_cpu=()
client_cpu=()
if [ $pin = 1 ]; then
  server_cpu=(taskset -c 0)
  client_cpu=(taskset -c 1)
fi

if [ -z "$db" ]; then
  db=$work/demo.db
  echo "== generating the demo city into $db"
  "$bin" demo --db "sqlite:$db"
fi

# start_gongkai NAME BIN DB PORT: serves DB on PORT until the script ends.
start_gongkai() {
  local name=$1 exe=$2 file=$3 p=$4
  echo "== $name: $exe serve --threads $threads on 127.0.0.1:$p"
  local cache=()
  [ $uncached = 1 ] && cache=(env GONGKAI_PAGE_CACHE_MB=0)
  (cd "$root" && exec "${cache[@]}" "${server_cpu[@]}" "$exe" serve --db "sqlite:$file" \
    --listen "127.0.0.1:$p" --quiet --threads "$threads") >"$work/$name.log" 2>&1 &
  pid[$name]=$!
  for _ in $(seq 1 6000); do
    curl -fs "http://127.0.0.1:$p/healthz" >/dev/null 2>&1 && break
    kill -0 "${pid[$name]}" 2>/dev/null || { cat "$work/$name.log" >&2; exit 1; }
    sleep 0.2
  done
  curl -fs "http://127.0.0.1:$p/healthz" >/dev/null || { echo "$name did not start" >&2; exit 1; }
  # Another server already on the port would answer /healthz: measure only our own.
  kill -0 "${pid[$name]}" 2>/dev/null || { echo "$name exited (port $p taken?)" >&2; exit 1; }
}

links() { grep -o "href=\"$1[^\"]*\"" | sed 's/^href="//; s/"$//; s/&amp;/\&/g' || true; }
# find_pages NAME BASE: an item linked from the home page, and a catalog page (a column of a
# body) linked from the first body's page that the home page links.
declare -A url
find_pages() {
  local name=$1 base=$2
  curl -fs "$base/" >"$work/$name-home.html"
  local item_path org_path cat_path
  item_path=$(links '/item/' <"$work/$name-home.html" | head -n 1)
  [ -n "$item_path" ] || { echo "no item link on $name's home page" >&2; exit 1; }
  org_path=$(links '/org/' <"$work/$name-home.html" | { grep -v '[?]' || true; } | head -n 1)
  cat_path=$(curl -fs "$base$org_path" | links '/org/[^"]*[?]cat=' | head -n 1)
  [ -n "$cat_path" ] || { echo "no catalog link found on $name" >&2; exit 1; }
  url[$name-item]=$base$item_path
  url[$name-catalog]=$base$cat_path
  url[$name-home]=$base/
}

# With --uncached: a file of random paths of the whole database per server and page, and the
# Lua script that picks one per request.
enc() { printf '%s' "$1" | od -An -tx1 | tr -d ' \n' | sed 's/../%&/g'; }
random_paths() {
  local name=$1 file=$2
  sqlite3 "$file" "SELECT id FROM items WHERE state = 'published' ORDER BY random() LIMIT 50000" |
    sed 's|^|/item/|' >"$work/$name-item.paths"
  sqlite3 -separator ' ' "$file" "SELECT DISTINCT o.code, i.category FROM items i
      JOIN orgs o ON o.id = i.org_id WHERE i.state = 'published'" |
    while read -r code cat; do printf '/org/%s?cat=%s\n' "$code" "$(enc "$cat")"; done \
      >"$work/$name-catalog.paths"
  sqlite3 "$file" "SELECT code FROM orgs" | sed 's|^|/org/|' >>"$work/$name-catalog.paths"
  echo / >"$work/$name-home.paths"
}
cat >"$work/random.lua" <<'LUA'
local paths = {}
function init(args)
  for line in io.lines(args[1]) do table.insert(paths, line) end
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)"), 16) % 100000)
end
function request() return wrk.format("GET", paths[math.random(#paths)]) end
LUA

servers=()
start_gongkai after "$bin" "$db" "$port"
servers+=(after)
find_pages after "http://127.0.0.1:$port"
[ $uncached = 1 ] && random_paths after "$db"
if [ -n "$before_bin" ]; then
  start_gongkai before "$before_bin" "$before_db" "$before_port"
  servers=(before "${servers[@]}")
  find_pages before "http://127.0.0.1:$before_port"
  [ $uncached = 1 ] && random_paths before "$before_db"
fi

if [ $use_nginx = 1 ]; then
  # The exact bytes and headers of each page of the measured binary; nginx gets the same
  # Content-Type and the same extra headers, so both send (almost) the same response.
  mkdir -p "$work/www"
  headers_conf() {  # headers file → nginx add_header lines (hop-by-hop and validators excluded)
    tr -d '\r' <"$1" | tail -n +2 | while IFS= read -r line; do
      [ -z "$line" ] && continue
      name=${line%%:*}
      value=${line#*: }
      case ${name,,} in
        date | content-length | content-type | server | connection | keep-alive | etag | last-modified) ;;
        *) printf '      add_header %s "%s" always;\n' "$name" "${value//\"/\\\"}" ;;
      esac
    done
  }
  locations=
  for page in $pages; do
    curl -fs -D "$work/$page.headers" -o "$work/www/$page.html" "${url[after-$page]}"
    ctype=$(tr -d '\r' <"$work/$page.headers" | grep -i '^content-type:' | head -n 1 | sed 's/^[^:]*: //')
    locations+="    location = /$page.html {
      default_type \"$ctype\";
$(headers_conf "$work/$page.headers")
    }
"
    url[nginx-$page]=http://127.0.0.1:$nginx_port/$page.html
  done
  cat >"$work/nginx.conf" <<EOF
worker_processes $threads;
daemon off;
error_log $work/nginx-error.log warn;
pid $work/nginx.pid;
events { worker_connections 4096; }
http {
  types { }
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  keepalive_timeout 60s;
  server_tokens off;
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/www;
$locations  }
}
EOF
  "${server_cpu[@]}" nginx -c "$work/nginx.conf" -p "$work" &
  pid[nginx]=$!
  for _ in $(seq 1 50); do
    curl -fs "http://127.0.0.1:$nginx_port/${pages%% *}.html" >/dev/null 2>&1 && break
    sleep 0.1
  done
  servers+=(nginx)
fi

echo "== pages (uncached=$uncached)"
printf '%-16s %10s %10s  %s\n' "" "body bytes" "hdr bytes" "url"
for page in $pages; do
  for s in "${servers[@]}"; do
    read -r body hdr < <(curl -fs -o /dev/null -w '%{size_download} %{size_header}\n' "${url[$s-$page]}")
    printf '%-16s %10s %10s  %s\n' "$s-$page" "$body" "$hdr" "${url[$s-$page]}"
  done
done

# The CPU time (clock ticks) of a server: gongkai's process, or nginx's workers.
cpu_ticks() {
  local s=$1 p=${pid[$1]} total=0 t
  local pids=$p
  [ "$s" = nginx ] && pids=$(pgrep -P "$p" | tr '\n' ' ')
  for q in $pids; do
    t=$(awk '{print $14 + $15}' "/proc/$q/stat" 2>/dev/null || echo 0)
    total=$((total + t))
  done
  echo $total
}
hz=$(getconf CLK_TCK)

# wrk runs: rounds × pages × servers, the servers alternating.
echo "== wrk -t$wrk_threads -c$connections -d$duration --latency, $rounds rounds, pin=$pin, threads=$threads"
for r in $(seq 1 "$rounds"); do
  for page in $pages; do
    for s in "${servers[@]}"; do
      out=$work/wrk-$s-$page-$r.txt
      target=${url[$s-$page]}
      script=()
      if [ $uncached = 1 ]; then
        target=${target%%/item/*}
        target=${target%%/org/*}
        target=${target%/}
        script=(-s "$work/random.lua")
      fi
      c0=$(cpu_ticks "$s")
      "${client_cpu[@]}" wrk -t"$wrk_threads" -c"$connections" -d"$duration" --latency \
        "${script[@]}" "$target" ${script:+-- "$work/$s-$page.paths"} >"$out"
      c1=$(cpu_ticks "$s")
      rps=$(awk '/^Requests\/sec:/ {print $2}' "$out")
      p50=$(awk '$1 == "50%" {print $2}' "$out")
      p99=$(awk '$1 == "99%" {print $2}' "$out")
      n=$(awk '/requests in/ {print $1}' "$out")
      cpu_us=$(awk -v d=$((c1 - c0)) -v hz="$hz" -v n="$n" 'BEGIN {printf "%.1f", d * 1e6 / hz / n}')
      errs=$(grep -E 'Non-2xx|Socket errors' "$out" | tr '\n' ' ' || true)
      printf 'round %d %-8s %-8s %10s req/s  p50 %8s  p99 %8s  cpu %7s us/req  %s\n' "$r" "$s" \
        "$page" "$rps" "$p50" "$p99" "$cpu_us" "$errs"
      echo "$rps $p50 $p99 $cpu_us" >>"$work/$s-$page.results"
    done
  done
done

# wrk prints latencies as 1.23ms / 456.00us / 1.20s: normalise to ms.
to_ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us$/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v*=1000}; printf "%.3f\n", v}'; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

echo
echo "== medians over $rounds rounds (threads=$threads, pin=$pin, c=$connections, d=$duration, uncached=$uncached)"
printf '%-8s %-8s %12s %10s %10s %12s %10s\n' page server req/s "p50 ms" "p99 ms" "cpu us/req" "vs after"
for page in $pages; do
  a=$(awk '{print $1}' "$work/after-$page.results" | median)
  for s in "${servers[@]}"; do
    f=$work/$s-$page.results
    rps=$(awk '{print $1}' "$f" | median)
    p50=$(awk '{print $2}' "$f" | to_ms | median)
    p99=$(awk '{print $3}' "$f" | to_ms | median)
    cpu=$(awk '{print $4}' "$f" | median)
    ratio=$(awk -v x="$rps" -v a="$a" 'BEGIN {printf "%.2f", x / a}')
    printf '%-8s %-8s %12.0f %10s %10s %12s %10s\n' "$page" "$s" "$rps" "$p50" "$p99" "$cpu" "$ratio"
  done
done
