#!/bin/sh
# The replay window under Xvfb: lesson 02 done in the terminal from a script
# (a marker of most kinds) and recorded, then `gitops-sim replay REC --at 3m
# --screenshot`: exit 0, a PNG whose scrubber strip (the bottom of the
# window) has the failed commands' red, the steps' green and the hints'
# yellow markers; Korean too. Bad input exits 2 with one line.
# Exit 77 (CTest's skip) when xvfb-run is absent.
# usage: replay_smoke.sh GITOPS_SIM PNG_CHECK SOURCE_DIR OUT
set -u
SIM=$1 CHECK=$2 SRC=$3 OUT=$4
if ! command -v xvfb-run >/dev/null 2>&1; then
  echo "SKIP: xvfb-run not found; the replay smoke test needs it (apt-get install xvfb)"
  exit 77
fi
rm -rf "$OUT"; mkdir -p "$OUT"
unset DISPLAY
export XDG_DATA_HOME="$OUT/data"
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
fail=0
REC="$OUT/lesson-02.gsrec"
if ! "$SIM" lesson "$SRC/lessons/02-drift-and-self-heal.yaml" --terminal --record "$REC" \
     < "$SRC/tests/ui/data/lesson-02-replay.txt" > "$OUT/lesson.log" 2>&1; then
  echo "FAIL: recording the lesson"; cat "$OUT/lesson.log"; exit 1
fi
"$SIM" replay "$REC" --verify || { echo "FAIL: the recording does not verify"; exit 1; }

shot() {  # shot NAME ARGS...
  name=$1; shift
  if ! xvfb-run -a -s "-screen 0 1920x1080x24" "$SIM" replay "$REC" --at 3m "$@" --screenshot "$OUT/$name.png" \
       >"$OUT/$name.log" 2>&1; then
    echo "FAIL: $name: replay exited with an error"; cat "$OUT/$name.log"; fail=1; return 1
  fi
  [ -s "$OUT/$name.png" ] || { echo "FAIL: $name: no PNG written"; fail=1; return 1; }
  echo "ok: $name.png"
}
colour() {  # colour NAME RRGGBB Y H MIN WHAT
  if n=$("$CHECK" "$OUT/$1.png" "$2" 0 "$3" 1600 "$4" --min "$5"); then echo "ok: $6 ($n px)"
  else echo "FAIL: $6 ($n px)"; fail=1; fi
}
if shot replay-1600 --size 1600x900; then
  colour replay-1600 e96d76 760 140 20 "failed-command red in the scrubber"
  colour replay-1600 18be94 760 140 20 "step green in the scrubber"
  colour replay-1600 f4c030 760 140 20 "hint yellow in the scrubber"
fi
shot replay-1280-ko --size 1280x720 --lang ko || true

bad() {  # bad WHAT ARGS...: exit 2 and one line on stderr
  what=$1; shift
  "$SIM" replay "$@" >"$OUT/bad.out" 2>"$OUT/bad.err"; rc=$?
  lines=$(wc -l < "$OUT/bad.err")
  if [ "$rc" = 2 ] && [ "$lines" = 1 ]; then echo "ok: $what: exit 2, $(cat "$OUT/bad.err")"
  else echo "FAIL: $what: exit $rc, $lines lines:"; cat "$OUT/bad.err"; fail=1; fi
}
bad "no such file" "$OUT/none.gsrec" --at 1m --screenshot "$OUT/x.png"
bad "not a recording" "$SRC/lessons/02-drift-and-self-heal.yaml" --at 1m --screenshot "$OUT/x.png"
bad "--screenshot without --at" "$REC" --screenshot "$OUT/x.png"
bad "a bad --size" "$REC" --at 1m --size 12x --screenshot "$OUT/x.png"
bad "a bad --at" "$REC" --at soon --screenshot "$OUT/x.png"
exit $fail
