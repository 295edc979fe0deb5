#!/bin/sh
# Pair mode's window under Xvfb (issue 11): lesson 02 with a pair, in Korean
# at 1280x720, at the moment of the first swap (--pair-elapsed 3m: three
# minutes of wall time counted as passed) shows the full-width hand-over
# banner (the theme's accent, #5ba7ff, across the middle of the window);
# a minute before the swap it does not. Bad --pair flags exit 2.
# Exit 77 (CTest's skip) when xvfb-run is absent.
# usage: pair_smoke.sh GITOPS_SIM PNG_CHECK SOURCE_DIR OUT
set -u
SIM=$1 CHECK=$2 SRC=$3 OUT=$4
if ! command -v xvfb-run >/dev/null 2>&1; then
  echo "SKIP: xvfb-run not found (apt-get install xvfb)"
  exit 77
fi
mkdir -p "$OUT"
unset DISPLAY
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
export XDG_DATA_HOME="$OUT/data"
fail=0
shot() {  # shot NAME ELAPSED
  if ! xvfb-run -a -s "-screen 0 1920x1080x24" "$SIM" gui --lesson "$SRC/lessons/02-drift-and-self-heal.yaml" \
       --pair "민아,준" --pair-elapsed "$2" --lang ko --size 1280x720 --screenshot "$OUT/$1.png" >"$OUT/$1.log" 2>&1; then
    echo "FAIL: $1: the window exited with an error"; cat "$OUT/$1.log"; fail=1; return 1
  fi
  [ -s "$OUT/$1.png" ] || { echo "FAIL: $1: no PNG"; fail=1; return 1; }
  echo "ok: $1.png"
}
# The banner's band: the full width, around a third of the way down.
if shot pair-swap 3m; then
  n=$("$CHECK" "$OUT/pair-swap.png" 5ba7ff 0 200 1280 140 --min 40000) && echo "ok: the hand-over banner at the swap ($n px)" \
    || { echo "FAIL: no hand-over banner at the swap ($n px)"; fail=1; }
fi
if shot pair-before 2m; then
  n=$("$CHECK" "$OUT/pair-before.png" 5ba7ff 0 200 1280 140 --max 8000) && echo "ok: no banner before the swap ($n px)" \
    || { echo "FAIL: a banner before the swap ($n px)"; fail=1; }
fi
for bad in "--pair Mina" "--pair Mina,Mina" "--swap 3m" "--pair Mina,Joon --swap 2s" "--pair Mina,Joon --pair-elapsed soon"; do
  # shellcheck disable=SC2086
  "$SIM" gui --lesson "$SRC/lessons/02-drift-and-self-heal.yaml" $bad --screenshot "$OUT/bad.png" >"$OUT/bad.log" 2>&1
  rc=$?
  if [ "$rc" -eq 2 ] && grep -q "^gui: " "$OUT/bad.log"; then echo "ok: $bad (exit 2: $(head -1 "$OUT/bad.log"))"
  else echo "FAIL: $bad: exit $rc"; cat "$OUT/bad.log"; fail=1; fi
done
exit $fail
