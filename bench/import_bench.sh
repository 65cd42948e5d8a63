#!/usr/bin/env bash
# `gongkai item import` throughput on the search bench's corpus (~200-character bodies), and
# optionally on an exported demo year: before/after binaries alternated in the same run.
#
#   bench/import_bench.sh prepare DIR N SEARCH_BENCH GONGKAI   # DIR/bN.csv, DIR/tmplN.db
#   bench/import_bench.sh run DIR CSV TEMPLATE ROUNDS BIN...    # one line per import
#
# prepare: generates N items with search_bench (--no-index), gives each a valid 索引号
# (ORG/YEAR-NNNNN, numbered per body and year) and a column every body has (政府工作报告),
# exports them with `gongkai item export`, and keeps the database emptied of items, with
# an admin `imp`, as the template each import starts from.
# run: for each round and each binary, copies the template and imports CSV into it under
# /usr/bin/time; prints the rows imported (items after minus items in the template), wall,
# user+sys CPU, items per wall second and per CPU second. A binary that knows
# `item import --timings` also prints its phases (read, rows, index, commit: wall, CPU of
# all threads, CPU of the writer thread) on the next lines.
# Figures: bench/README.md, "Import and index build".
set -euo pipefail

prepare() {
  local dir=$1 n=$2 search_bench=$3 gongkai=$4
  mkdir -p "$dir"
  local gen="$dir/gen$n.db"
  [ -f "$gen" ] || "$search_bench" --db "sqlite:$gen" --generate "$n" --no-index
  sqlite3 "$gen" "WITH s AS (SELECT i.id, o.code || '/' || substr(i.published_on, 1, 4) || '-' ||
      printf('%05d', row_number() OVER (PARTITION BY i.org_id, substr(i.published_on, 1, 4)
      ORDER BY i.id)) AS ix FROM items i JOIN orgs o ON o.id = i.org_id)
    UPDATE items SET index_no = s.ix, category = '政府工作报告' FROM s WHERE items.id = s.id;"
  "$gongkai" item export --format csv --db "sqlite:$gen" -o "$dir/b$n.csv"
  sqlite3 "$gen" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
  cp "$gen" "$dir/tmpl$n.db"
  sqlite3 "$dir/tmpl$n.db" "DELETE FROM item_channels; DELETE FROM items; VACUUM;"
  echo "bench-password-1" | "$gongkai" user add imp --role admin --db "sqlite:$dir/tmpl$n.db"
}

run() {
  local dir=$1 csv=$2 tmpl=$3 rounds=$4
  shift 4
  local before
  before=$(sqlite3 "$tmpl" "SELECT COUNT(*) FROM items")
  for round in $(seq 1 "$rounds"); do
    for bin in "$@"; do
      cp "$tmpl" "$dir/t.db"
      rm -f "$dir/t.db-wal" "$dir/t.db-shm"
      local extra=()
      if "$bin" item import --help 2>/dev/null | grep -q -- --timings; then extra=(--timings); fi
      /usr/bin/time -f "TIME %e %U %S %M" "$bin" item import "$csv" --as imp \
        --db "sqlite:$dir/t.db" "${extra[@]}" >/dev/null 2>"$dir/import.err" || true
      local t
      t=$(grep '^TIME' "$dir/import.err" | tail -1)
      local items
      items=$(($(sqlite3 "$dir/t.db" "SELECT COUNT(*) FROM items") - before))
      echo "$t" | awk -v r="$round" -v b="$(basename "$bin")" -v n="$items" -v load="$(cut -d' ' -f1 /proc/loadavg)" \
        '{cpu = $3 + $4; printf "round %s %-16s items %d wall %.2f s cpu %.2f s (user %.2f sys %.2f) %.0f items/s %.0f items/cpu-s rss %d MB load %s\n", r, b, n, $2, cpu, $3, $4, n / $2, n / cpu, $5 / 1024, load}'
      grep '^阶段' "$dir/import.err" | sed 's/^/    /' || true
    done
  done
}

case "${1:-}" in
  prepare) shift; prepare "$@" ;;
  run) shift; run "$@" ;;
  *) sed -n 2,14p "$0"; exit 2 ;;
esac
