#!/usr/bin/env bash
# bench/portal_bench.sh — the public portal against nginx serving the same bytes (issue 7).
#
# Serves the demo city with `gongkai serve`, fetches an item page and a catalog page, writes
# those exact bytes to files that nginx serves with the same Content-Type and the same extra
# headers (CSP, Cache-Control, …), then runs wrk against the four URLs, alternating
# gongkai/nginx, for several rounds, and prints the median requests/s, the ratio and p99.
#
#   bench/portal_bench.sh [options]
#     --gongkai BIN     the binary (default build/bench-rel/gongkai, built if missing)
#     --db FILE         reuse this demo database (default: generate one in the work dir)
#     --threads N       gongkai --threads and nginx worker_processes (default 2)
#     --rounds R        rounds of the four runs (default 3)
#     --duration D      wrk -d (default 10s)
#     --connections C   wrk -c (default 64)
#     --wrk-threads T   wrk -t (default 2)
#     --pin             server on CPU 0, wrk on CPU 1 (taskset); default: no pinning
#     --port P          first of two ports (default 18080; nginx gets P+1)
#     --keep            keep the work directory
#
# Requires wrk, nginx, curl. Figures and command lines: bench/README.md.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
bin=$root/build/bench-rel/gongkai
db=
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

for tool in wrk nginx curl; do
  command -v $tool >/dev/null || { echo "portal_bench: $tool not found" >&2; exit 2; }
done
if [ ! -x "$bin" ]; then
  cmake -S "$root" -B "$root/build/bench-rel" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DGONGKAI_BUILD_TESTS=OFF -DGONGKAI_BUILD_BENCH=ON >/dev/null
  cmake --build "$root/build/bench-rel" -j1 --target gongkai
  bin=$root/build/bench-rel/gongkai
fi

work=$(mktemp -d)
chmod 755 "$work"  # nginx workers run as nobody
server_pid=
nginx_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null || true
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

echo "== gongkai serve --threads $threads on 127.0.0.1:$port"
(cd "$root" && exec "${server_cpu[@]}" "$bin" serve --db "sqlite:$db" \
  --listen "127.0.0.1:$port" --quiet --threads "$threads") >"$work/serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 600); do
  curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/serve.log" >&2; exit 1; }
  sleep 0.2
done
curl -fs "http://127.0.0.1:$port/healthz" >/dev/null || { echo "gongkai did not start" >&2; exit 1; }
# Another server already on the port would answer /healthz: measure only our own.
kill -0 "$server_pid" 2>/dev/null || { echo "gongkai exited (port $port taken?)" >&2; exit 1; }

# An item page linked from the home page, and a catalog page (a column of a body) linked from
# the first body's page that the home page links.
base=http://127.0.0.1:$port
links() { grep -o "href=\"$1[^\"]*\"" | sed 's/^href="//; s/"$//; s/&amp;/\&/g' || true; }
curl -fs "$base/" >"$work/home.html"
item_path=$(links '/item/' <"$work/home.html" | head -n 1)
[ -n "$item_path" ] || { echo "no item link on the home page" >&2; exit 1; }
org_path=$(links '/org/' <"$work/home.html" | { grep -v '[?]' || true; } | head -n 1)
cat_path=$(curl -fs "$base$org_path" | links '/org/[^"]*[?]cat=' | head -n 1)
[ -n "$cat_path" ] || { echo "no catalog link found" >&2; exit 1; }

# The exact bytes and headers of each page; nginx gets the same Content-Type and the same
# extra headers, so both send (almost) the same response.
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
for page in item catalog; do
  path=$item_path
  [ $page = catalog ] && path=$cat_path
  curl -fs -D "$work/$page.headers" -o "$work/www/$page.html" "$base$path"
  ctype=$(tr -d '\r' <"$work/$page.headers" | grep -i '^content-type:' | head -n 1 | sed 's/^[^:]*: //')
  locations+="    location = /$page.html {
      default_type \"$ctype\";
$(headers_conf "$work/$page.headers")
    }
"
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
nginx_pid=$!
for _ in $(seq 1 50); do
  curl -fs "http://127.0.0.1:$nginx_port/item.html" >/dev/null 2>&1 && break
  sleep 0.1
done

declare -A url
url[gongkai-item]=$base$item_path
url[gongkai-catalog]=$base$cat_path
url[nginx-item]=http://127.0.0.1:$nginx_port/item.html
url[nginx-catalog]=http://127.0.0.1:$nginx_port/catalog.html

echo "== pages: item $item_path, catalog $cat_path"
printf '%-16s %10s %10s  %s\n' "" "body bytes" "hdr bytes" "content-type"
for key in gongkai-item nginx-item gongkai-catalog nginx-catalog; do
  read -r body hdr ctype < <(curl -fs -o /dev/null -w '%{size_download} %{size_header} %{content_type}\n' "${url[$key]}")
  printf '%-16s %10s %10s  %s\n' "$key" "$body" "$hdr" "$ctype"
  echo "$body" >"$work/$key.size"
done
for page in item catalog; do
  if ! cmp -s "$work/gongkai-$page.size" "$work/nginx-$page.size"; then
    echo "WARNING: $page body sizes differ (the page changed between fetches?)" >&2
  fi
done

# wrk runs: rounds × (gongkai item, nginx item, gongkai catalog, nginx catalog).
echo "== wrk -t$wrk_threads -c$connections -d$duration --latency, $rounds rounds, pin=$pin"
for r in $(seq 1 "$rounds"); do
  for key in gongkai-item nginx-item gongkai-catalog nginx-catalog; do
    out=$work/wrk-$key-$r.txt
    "${client_cpu[@]}" wrk -t"$wrk_threads" -c"$connections" -d"$duration" --latency "${url[$key]}" >"$out"
    rps=$(awk '/^Requests\/sec:/ {print $2}' "$out")
    p99=$(awk '$1 == "99%" {print $2}' "$out")
    errs=$(grep -E 'Non-2xx|Socket errors' "$out" | tr '\n' ' ' || true)
    printf 'round %d %-16s %10s req/s  p99 %8s  %s\n' "$r" "$key" "$rps" "$p99" "$errs"
    echo "$rps $p99" >>"$work/$key.results"
  done
done

# wrk prints latencies as 1.23ms / 456.00us / 1.20s: normalise to ms.
to_ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us$/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v*=1000}; printf "%.2f\n", v}'; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

echo
echo "== medians over $rounds rounds (threads=$threads, pin=$pin, c=$connections, d=$duration)"
printf '%-8s %14s %14s %8s %14s %14s\n' page "gongkai req/s" "nginx req/s" ratio "gongkai p99" "nginx p99"
for page in item catalog; do
  g=$(awk '{print $1}' "$work/gongkai-$page.results" | median)
  n=$(awk '{print $1}' "$work/nginx-$page.results" | median)
  gp=$(awk '{print $2}' "$work/gongkai-$page.results" | to_ms | median)
  np=$(awk '{print $2}' "$work/nginx-$page.results" | to_ms | median)
  ratio=$(awk -v g="$g" -v n="$n" 'BEGIN {printf "%.2f", g / n}')
  printf '%-8s %14.0f %14.0f %8s %11s ms %11s ms\n' "$page" "$g" "$n" "$ratio" "$gp" "$np"
done
