#!/bin/sh
# Projector check (issue 11): at 1280x720 and 1024x768, in English and
# Korean, high contrast, at scale 1, 1.25 and 1.5, in the standard and the
# presentation layout, scenarios/09-promotion (three apps, three clusters)
# at 4m and lessons/02 at its start are rendered with --rects, and:
#   - no label was cut short (the window notes each one as a "cut" line:
#     a text too wide for its box, tabs that do not fit, toolbar buttons
#     past the edge);
#   - each of 09's three apps is in view: its row in the loop panel (its
#     card on the board in the presentation layout), inside the window.
# Exit 77 (CTest's skip) when xvfb-run is absent.
# usage: projector_check.sh GITOPS_SIM SOURCE_DIR OUT
set -u
SIM=$1 SRC=$2 OUT=$3
if ! command -v xvfb-run >/dev/null 2>&1; then
  echo "SKIP: xvfb-run not found; the projector check needs it (apt-get install xvfb)"
  exit 77
fi
mkdir -p "$OUT"
unset DISPLAY
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
fail=0
# shot NAME SIZE ARGS...: the PNG and its rects; then the checks.
shot() {
  name=$1 size=$2; shift 2
  if ! xvfb-run -a -s "-screen 0 1920x1080x24" "$SIM" gui "$@" --size "$size" --contrast \
       --screenshot "$OUT/$name.png" --rects "$OUT/$name.rects" >"$OUT/$name.log" 2>&1; then
    echo "FAIL: $name: the window exited with an error"; cat "$OUT/$name.log"; fail=1; return 1
  fi
  if grep -q '^cut ' "$OUT/$name.rects"; then
    echo "FAIL: $name: labels cut short (text width, room):"; grep '^cut ' "$OUT/$name.rects"; fail=1; return 1
  fi
  echo "ok: $name: nothing cut"
}
# in_view NAME PANEL PREFIX HEIGHT: each of 09's apps has its item
# (PREFIX:APP, a loop row or a board card) inside the panel and the window.
in_view() {
  name=$1 panel=$2 prefix=$3 height=$4
  box=$(grep "^$panel " "$OUT/$name.rects" | cut -d' ' -f2-)
  for app in shop-dev shop-staging shop-prod; do
    item=$(grep "^$prefix:$app " "$OUT/$name.rects" | cut -d' ' -f2-)
    if [ -z "$box" ] || [ -z "$item" ] || ! echo "$box $item $height" | awk '{ exit !($5 >= $1 && $6 >= $2 && $5 + $7 <= $1 + $3 + 1 && $6 + $8 <= $2 + $4 + 1 && $6 + $8 <= $9) }'; then
      echo "FAIL: $name: $prefix of $app is not in view ($panel ${box:-none}, item ${item:-none})"; fail=1
    fi
  done
}

P="$SRC/scenarios/09-promotion.yaml"
L="$SRC/lessons/02-drift-and-self-heal.yaml"
for size in 1280x720 1024x768; do
  for lang in en ko; do
    for scale in 1 1.25 1.5; do
      for layout in standard presentation; do
        name="promotion-$size-$lang-$scale-$layout"
        shot "$name" "$size" "$P" --at 4m --lang "$lang" --scale "$scale" --layout "$layout" || continue
        # The loop lists every app; the presentation layout's board does instead.
        if [ "$layout" = standard ]; then in_view "$name" loop loop_row "${size#*x}"
        else in_view "$name" envs card "${size#*x}"; fi
      done
      shot "lesson-$size-$lang-$scale" "$size" --lesson "$L" --lang "$lang" --scale "$scale"
    done
  done
done
exit $fail
