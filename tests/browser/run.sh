#!/usr/bin/env bash
# Browser tests: a one-year demo city served on a free port, then the Node/Playwright
# scripts given (default: every *_test.mjs here) in headless Chromium.
# Usage: run.sh PATH/TO/gongkai [script.mjs ...]   Screenshots: $GONGKAI_ARTIFACTS (or ./artifacts)
set -u
gk=$(realpath "$1"); shift
here=$(cd "$(dirname "$0")" && pwd)
artifacts=${GONGKAI_ARTIFACTS:-$PWD/artifacts}
work=$(mktemp -d)
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
unset GONGKAI_DB GONGKAI_KEY_FILE
if [ ! -d "$here/node_modules/playwright-core" ] || [ ! -d "$here/node_modules/axe-core" ]; then
  echo "playwright-core or axe-core missing: run scripts/install-deps" >&2; exit 1
fi
db="sqlite:$work/demo.db"
# The demo city as of today (last year and this one, at a small scale), its applicants'
# data sealed with the key the server is given, as `make demo` does.
"$gk" request keygen "$work/demo.key" >/dev/null || exit 1
"$gk" demo --db "$db" --key-file "$work/demo.key" --from $(( $(date +%Y) - 1 )) --scale 5 >"$work/demo.log" 2>&1 || { cat "$work/demo.log"; exit 1; }
GONGKAI_ATTACHMENT_DIR="$work/attachments" "$gk" serve --db "$db" --key-file "$work/demo.key" --listen 127.0.0.1:0 --quiet >"$work/serve.out" 2>"$work/serve.err" &
server=$!
base=""
for _ in $(seq 1 600); do
  base=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/serve.out" | head -1)
  [ -n "$base" ] && break
  kill -0 "$server" 2>/dev/null || { echo "serve exited:"; cat "$work/serve.err"; exit 1; }
  sleep 0.5
done
[ -n "$base" ] || { echo "serve did not start"; cat "$work/serve.err"; exit 1; }
# serve builds the search index in the background after it starts listening: the tests
# search, so wait until /readyz stops reporting the build.
for _ in $(seq 1 600); do
  curl -fsS "$base/readyz" 2>/dev/null | grep -q search_index_build_percent || break
  sleep 0.5
done
scripts=("$@")
[ ${#scripts[@]} -eq 0 ] && scripts=("$here"/*_test.mjs)
rc=0
for s in "${scripts[@]}"; do
  node "$s" "$base" "$artifacts/$(basename "$s" .mjs)" || rc=1
done
# A graceful stop writes the pending visit counts: the home and item pages just seen.
kill -TERM "$server" && wait "$server"
server=""
visits=$("$gk" site visits --db "$db" --year "$(date +%Y)" | head -1 | grep -o '[0-9]*$')
if [ "${visits:-0}" -lt 2 ]; then echo "FAIL: visits not counted: ${visits:-none}"; rc=1; fi
exit $rc
