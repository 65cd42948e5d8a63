# Helpers shared by tests/cli/*_test.sh (sourced; not a test itself). The caller sets `work`
# (a scratch directory) first. Failures are counted in `failures`; the script ends with
#   [ $failures -eq 0 ] || { echo "$failures failure(s)" >&2; exit 1; }
failures=0

fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# expect_ok DESCRIPTION -- COMMAND...: exit 0; stdout in $out.
expect_ok() {
  local what=$1; shift 2
  out=$("$@" 2>"$work/err"); local rc=$?
  [ $rc -eq 0 ] || fail "$what: exit $rc, stderr: $(cat "$work/err")"
}

# expect_error DESCRIPTION PATTERN -- COMMAND...: the CLI's error contract — exit 2 and
# exactly one stderr line, matching PATTERN.
expect_error() {
  local what=$1 pattern=$2; shift 3
  "$@" >"$work/out" 2>"$work/err"; local rc=$?
  [ $rc -eq 2 ] || fail "$what: expected exit 2, got $rc ($(cat "$work/out" "$work/err"))"
  [ "$(wc -l <"$work/err")" -eq 1 ] || fail "$what: expected one stderr line, got: $(cat "$work/err")"
  grep -q -- "$pattern" "$work/err" || fail "$what: stderr lacks '$pattern': $(cat "$work/err")"
}
