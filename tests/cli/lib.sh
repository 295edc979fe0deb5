# Sourced by the CLI test scripts that drive lessons and recordings: the
# binary and source folder from the arguments, a temp folder removed on
# exit that also holds XDG_DATA_HOME (progress, recordings), no display,
# and the ok/bad/expect_rc/has helpers. The script prints "N passed, M
# failed" itself and exits with [ "$fail" -eq 0 ].
# usage (in a script): . "$(dirname "$0")/lib.sh" "$@"
set -u
SIM=$1
SRC=$2
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export XDG_DATA_HOME="$TMP/data"
unset DISPLAY WAYLAND_DISPLAY NO_COLOR GS_LESSON_DIR
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok   $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; }
expect_rc() {  # expect_rc WANT NAME CMD... (stdin as given)
  local want=$1 name=$2; shift 2
  "$@" >"$TMP/out" 2>"$TMP/err"
  local rc=$?
  if [ "$rc" -eq "$want" ]; then ok "$name (exit $rc)"; else bad "$name: exit $rc, wanted $want"; sed 's/^/    /' "$TMP/err" | head -5; fi
}
has() {  # has FILE TEXT NAME
  if grep -qF -- "$2" "$1"; then ok "$3"; else bad "$3: no '$2' in $(basename "$1")"; sed 's/^/    /' "$1" | tail -8; fi
}
