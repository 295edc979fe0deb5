#!/bin/sh
# GUI smoke test: opens the home screen, a lesson, and every shipped
# scenario at a few moments under Xvfb,
# writes the PNGs into OUT, and checks that states differ where they should:
# in 03-drift-self-heal the OutOfSync yellow (#f4c030) is on the Environments
# board just after the manual scale at 3m and gone after the self-heal.
# The lesson (lessons/02, beside SCENARIO_DIR) is shown just passed: the
# Passed green is in its panel.
# Exit 77 (CTest's skip) when xvfb-run is absent; needs no real display.
# usage: gui_smoke.sh GITOPS_SIM PNG_CHECK SCENARIO_DIR OUT [MOMENTS]
# MOMENTS (default "0s 2m 6m"): when to open each scenario; the sanitizer
# build passes one, as a window there takes seconds under llvmpipe.
set -u
GUI=$1 CHECK=$2 SCEN=$3 OUT=$4 MOMENTS=${5:-"0s 2m 6m"}
if ! command -v xvfb-run >/dev/null 2>&1; then
  echo "SKIP: xvfb-run not found; the GUI smoke test needs it (apt-get install xvfb)"
  exit 77
fi
mkdir -p "$OUT"
unset DISPLAY
# Under the sanitizer build, Mesa's dlopen'ed driver leaves a few allocations
# that LeakSanitizer reports from an unloaded "<unknown module>". Leak checks
# of our own code run in the unit tests; here ASan still checks every memory
# access of the window, but not leaks.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
fail=0
shot() {  # shot NAME GUI-ARGS...
  name=$1; shift
  if ! xvfb-run -a -s "-screen 0 1920x1080x24" "$GUI" gui "$@" --size 1600x900 \
       --screenshot "$OUT/$name.png" --rects "$OUT/$name.rects" >"$OUT/$name.log" 2>&1; then
    echo "FAIL: $name: the GUI exited with an error"; cat "$OUT/$name.log"; fail=1; return 1
  fi
  [ -s "$OUT/$name.png" ] || { echo "FAIL: $name: no PNG written"; fail=1; return 1; }
  echo "ok: $name.png"
}
rect() { grep "^$2 " "$OUT/$1.rects" | cut -d' ' -f2-; }

# The home screen (no file), and a lesson (lessons/02): the Passed green
# (#18be94) in its panel below the step dots (the heading's first 40 px)
# once a step passed, none at the start, none after Reset step.
shot home || true
L="$(dirname "$SCEN")/lessons/02-drift-and-self-heal.yaml"
below_dots() { set -- $(rect "$1" lesson); echo "$1 $(($2 + 40)) $3 $(($4 - 40))"; }
lesson_green() {  # lesson_green NAME --min|--max N WHAT
  if n=$("$CHECK" "$OUT/$1.png" 18be94 $(below_dots "$1") "$2" "$3"); then echo "ok: $4 ($n px)"
  else echo "FAIL: $4 ($n px)"; fail=1; fi
}
shot lesson-passed --lesson "$L" --step heal --solve &&
  lesson_green lesson-passed --min 200 "the Passed green in the lesson panel once the step passed"
shot lesson-start --lesson "$L" &&
  lesson_green lesson-start --max 0 "no green in the lesson panel at the lesson's start"
shot lesson-reset --lesson "$L" --step heal --solve --press reset &&
  lesson_green lesson-reset --max 0 "no green in the lesson panel after Reset step"

for f in "$SCEN"/*.yaml; do
  base=$(basename "$f" .yaml)
  for at in $MOMENTS; do shot "$base-$at" "$f" --at "$at" || true; done
done

# Drift (scenarios/03: a hand scale at 4m, self-heal puts it back): the
# OutOfSync yellow is on the board in the seconds after the scale, and none
# is left once the self-heal is done.
D="$SCEN/03-drift-self-heal.yaml"
shot drift-after "$D" --at 7m
found=""
for at in 4m1s 4m1s500ms 4m2s 4m3s 4m5s; do
  name="drift-$at"
  shot "$name" "$D" --at "$at" || continue
  n=$("$CHECK" "$OUT/$name.png" f4c030 $(rect "$name" envs) --min 50) && { found="$at ($n px)"; break; }
done
if [ -z "$found" ]; then echo "FAIL: OutOfSync yellow never on the board after the scale at 4m"; fail=1;
else echo "ok: OutOfSync yellow on the board at $found"; fi
if [ -f "$OUT/drift-after.rects" ]; then
  if after=$("$CHECK" "$OUT/drift-after.png" f4c030 $(rect drift-after envs) --max 0); then
    echo "ok: no OutOfSync yellow on the board at 7m, after the self-heal"
  else echo "FAIL: OutOfSync yellow still on the board at 7m ($after px)"; fail=1; fi
fi
exit $fail
