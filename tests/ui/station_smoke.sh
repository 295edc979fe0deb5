#!/bin/sh
# The instructor station under Xvfb (`gitops-sim class FILE --screenshot`):
# the shipped class plan at 1280x720 in Korean with high contrast and scale
# 1.5 — the station, the fault palette (its buttons' orange frames), a
# debrief of a recorded lesson (the failed command's red in its marker
# list); the terminal station's words; bad input exits 2.
# Exit 77 (CTest's skip) when xvfb-run is absent.
# usage: station_smoke.sh GITOPS_SIM PNG_CHECK SOURCE_DIR OUT
set -u
SIM=$1 CHECK=$2 SRC=$3 OUT=$4
if ! command -v xvfb-run >/dev/null 2>&1; then
  echo "SKIP: xvfb-run not found; the station smoke test needs it (apt-get install xvfb)"
  exit 77
fi
rm -rf "$OUT"; mkdir -p "$OUT/recordings"
unset DISPLAY
export XDG_DATA_HOME="$OUT/data"
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
PLAN="$SRC/lessons/class-gitops-intro.yaml"
fail=0

shot() {  # shot NAME ARGS...
  name=$1; shift
  if ! xvfb-run -a -s "-screen 0 1920x1080x24" "$SIM" class "$PLAN" --lang ko --contrast --scale 1.5 \
       --size 1280x720 "$@" --screenshot "$OUT/$name.png" >"$OUT/$name.log" 2>&1; then
    echo "FAIL: $name: class exited with an error"; cat "$OUT/$name.log"; fail=1; return 1
  fi
  [ -s "$OUT/$name.png" ] || { echo "FAIL: $name: no PNG written"; fail=1; return 1; }
  echo "ok: $name.png"
}
colour() {  # colour NAME RRGGBB X Y W H MIN WHAT
  if n=$("$CHECK" "$OUT/$1.png" "$2" "$3" "$4" "$5" "$6" --min "$7"); then echo "ok: $8 ($n px)"
  else echo "FAIL: $8 ($n px)"; fail=1; fi
}

shot station --segment 3 --at 1m || true
if shot palette --segment 3 --at 1m --palette; then
  colour palette f59e0b 0 300 1280 420 200 "the palette's fault buttons (orange frames)"
fi
if "$SIM" lesson "$SRC/lessons/02-drift-and-self-heal.yaml" --terminal --record "$OUT/recordings/pair-1.gsrec" \
     < "$SRC/tests/ui/data/lesson-02-replay.txt" > "$OUT/lesson.log" 2>&1; then
  if shot debrief --debrief "$OUT/recordings"; then
    colour debrief e96d76 840 230 440 400 20 "a failed command in the debrief's marker list"
  fi
else
  echo "FAIL: recording the lesson"; cat "$OUT/lesson.log"; fail=1
fi

# The terminal station: the same keys as words.
printf 'status\nnext\nrun sim advance 1m\nfault scale-by-hand\nfault bad-image --in 1m\nfaults\nbookmark why\ngo 10\nvote 1 1 C 3\nquit\n' |
  "$SIM" class "$PLAN" --terminal > "$OUT/terminal.log" 2>&1
for want in "> 1. motivation 5m" "opened 01-poll-then-refresh.yaml" "fault scale-by-hand on" "pending: bad-image" \
            "bookmark at" "Q1 round 1: A=0 B=0 C=3 D=0"; do
  if grep -qF -- "$want" "$OUT/terminal.log"; then echo "ok: terminal: $want"
  else echo "FAIL: terminal: no '$want'"; fail=1; fi
done
[ "$fail" = 0 ] || cat "$OUT/terminal.log"

bad() {  # bad WHAT ARGS...: exit 2
  what=$1; shift
  "$SIM" class "$@" >"$OUT/bad.out" 2>&1; rc=$?
  if [ "$rc" = 2 ]; then echo "ok: $what: exit 2, $(head -1 "$OUT/bad.out")"
  else echo "FAIL: $what: exit $rc"; cat "$OUT/bad.out"; fail=1; fi
}
bad "no such plan" "$OUT/none.yaml" --terminal
bad "a lesson is not a plan" "$SRC/lessons/02-drift-and-self-heal.yaml" --terminal
bad "a segment out of range" "$PLAN" --terminal --segment 11
bad "a bad --lang" "$PLAN" --lang fr
bad "a window flag on the terminal station" "$PLAN" --terminal --size 1280x720
bad "a window size too small" "$PLAN" --size 10x10 --screenshot "$OUT/none.png"
bad "a scale past A+'s range" "$PLAN" --scale 9 --terminal
exit $fail
