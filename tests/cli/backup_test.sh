#!/usr/bin/env bash
# End-to-end test of gongkai backup / restore: a SQLite backup taken while `gongkai serve`
# runs, restored into a fresh file; refusals; and, when $GONGKAI_TEST_PG names a server,
# the PostgreSQL round trip through pg_dump/pg_restore. Usage: backup_test.sh PATH/TO/gongkai
set -u
gk=$(realpath "$1")
work=$(mktemp -d)
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
cd "$work"
unset GONGKAI_DB
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

db=sqlite:$work/live.db
expect_ok "init" -- "$gk" init --db "$db"
expect_ok "org add" -- "$gk" org add QX 青溪市人民政府 --kind government --db "$db"

# Back up while the server holds the database open.
"$gk" serve --db "$db" --listen 127.0.0.1:0 --quiet >"$work/serve.out" 2>&1 &
server_pid=$!
for _ in $(seq 50); do grep -q 门户已启动 "$work/serve.out" && break; sleep 0.2; done
grep -q 门户已启动 "$work/serve.out" || fail "serve did not start: $(cat "$work/serve.out")"
expect_ok "backup while serving" -- "$gk" backup --db "$db" "$work/one.backup"
echo "$out" | grep -q "已备份到" || fail "backup printed '$out'"
[ -e "$work/one.backup.tmp" ] && fail "backup left its temporary file"
kill "$server_pid"; wait "$server_pid" 2>/dev/null; server_pid=

expect_error "backup over an existing file" "已存在" -- "$gk" backup --db "$db" "$work/one.backup"
expect_error "backup of a missing database" "不存在" -- "$gk" backup --db "sqlite:$work/none.db" "$work/two.backup"
[ -e "$work/two.backup" ] && fail "a failed backup left a file"

expect_ok "restore into a fresh file" -- "$gk" restore --db "sqlite:$work/restored.db" "$work/one.backup"
expect_ok "org list of the restored database" -- "$gk" org list --db "sqlite:$work/restored.db"
echo "$out" | grep -q 青溪市人民政府 || fail "restored database lacks the org: $out"
expect_ok "audit verify of the restored database" -- "$gk" audit verify --db "sqlite:$work/restored.db"
expect_error "restore over a database" "--force" -- "$gk" restore --db "$db" "$work/one.backup"
expect_ok "restore --force" -- "$gk" restore --force --db "$db" "$work/one.backup"
echo "not a database" >"$work/junk.backup"
expect_error "restore of a file that is not a backup" "junk.backup" -- "$gk" restore --db "sqlite:$work/r2.db" "$work/junk.backup"
expect_error "restore of a missing backup" "不存在" -- "$gk" restore --db "sqlite:$work/r3.db" "$work/none.backup"

if [ -n "${GONGKAI_TEST_PG:-}" ]; then
  schema=bk_$$
  psql -q "$GONGKAI_TEST_PG" -c "CREATE SCHEMA $schema" || fail "create schema"
  pg="$GONGKAI_TEST_PG&options=-csearch_path%3D$schema"
  expect_ok "init (PostgreSQL)" -- "$gk" init --db "$pg"
  expect_ok "org add (PostgreSQL)" -- "$gk" org add QX 青溪市人民政府 --kind government --db "$pg"
  expect_ok "backup (PostgreSQL)" -- "$gk" backup --db "$pg" "$work/pg.backup"
  expect_error "restore over a schema with tables" "--force" -- "$gk" restore --db "$pg" "$work/pg.backup"
  expect_ok "restore --force (PostgreSQL)" -- "$gk" restore --force --db "$pg" "$work/pg.backup"
  expect_ok "org list after restore (PostgreSQL)" -- "$gk" org list --db "$pg"
  echo "$out" | grep -q 青溪市人民政府 || fail "restored schema lacks the org: $out"
  other="$GONGKAI_TEST_PG&options=-csearch_path%3Dother_$$"
  expect_error "restore into another schema" "search_path" -- "$gk" restore --db "$other" "$work/pg.backup"
  expect_error "missing pg_dump" "pg_dump" -- env PATH=/nonexistent "$gk" backup --db "$pg" "$work/pg2.backup"
  psql -q "$GONGKAI_TEST_PG" -c "DROP SCHEMA $schema CASCADE" >/dev/null 2>&1
fi

if [ $failures -ne 0 ]; then
  echo "$failures failure(s)" >&2
  exit 1
fi
echo "all backup checks passed"
