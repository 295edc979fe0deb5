#!/usr/bin/env bash
# Re-takes the screenshots in this folder under Xvfb (software rendering), as
# issue 4 lists them. Usage: docs/screenshots/take.sh [BUILD_DIR]
# Each line: what it shows, then the scenario, the moment and the view.
set -euo pipefail
cd "$(dirname "$0")/../.."
GUI="${1:-build}/sim/cli/gitops-sim"
OUT=docs/screenshots
shot() {
  local name="$1"; shift
  xvfb-run -a -s "-screen 0 1920x1080x24" "$GUI" gui "$@" --screenshot "$OUT/$name.png"
  echo "$OUT/$name.png"
}
# The loop mid-sync: a webhook brought staging's merge in, step 4 applies.
shot loop-mid-sync scenarios/09-promotion.yaml --at 6m300ms --app shop-staging --resource Deployment/web
# Drift seen before self-heal: OutOfSync with the DRIFT frame and its cause.
shot drift-before-self-heal scenarios/03-drift-self-heal.yaml --at 4m1s --event SyncStatusChanged
# A Degraded app: the new ReplicaSet's pods in ImagePullBackOff beside the old ones.
shot degraded-imagepullbackoff scenarios/06-bad-image-and-revert.yaml --at 12m30s
# The stuck pod selected: its Kubernetes Events (Failed to pull image, BackOff xN).
shot pod-events scenarios/06-bad-image-and-revert.yaml --at 12m30s --resource Pod/web-7f49b68564-dfqx4
# The commit graph: main, staging and develop lanes with each app's marker.
shot git-graph-promotion scenarios/09-promotion.yaml --at 8m --tab git
# A diff: live replicas 5 against 2 in Git, no self-heal.
shot diff-drift scenarios/04-drift-without-self-heal.yaml --at 5m --resource Deployment/web
# The Korean UI.
shot korean-ui scenarios/03-drift-self-heal.yaml --at 4m1s --lang ko
# Projector size, in English, Korean and high contrast.
shot projector-1280x720 scenarios/09-promotion.yaml --at 6m300ms --size 1280x720
shot projector-1280x720-ko scenarios/09-promotion.yaml --at 6m300ms --size 1280x720 --lang ko
shot projector-1280x720-contrast scenarios/09-promotion.yaml --at 6m300ms --size 1280x720 --contrast
# A projector at A+: Korean, high contrast, scale 1.5, standard and presentation layouts.
shot projector-1280x720-ko-a15 scenarios/09-promotion.yaml --at 4m --size 1280x720 --lang ko --contrast --scale 1.5
shot projector-1280x720-ko-a15-presentation scenarios/09-promotion.yaml --at 4m --size 1280x720 --lang ko --contrast \
  --scale 1.5 --layout presentation
# The home screen (the library of lessons and scenarios), English and Korean.
shot home-en --home --size 1280x720
shot home-ko --home --size 1280x720 --lang ko
# A lesson at projector size: a question answered, Check's "still missing"
# report (with a hint taken), and a step just passed (the event and the loop
# step that did it selected), each in English and Korean.
L=lessons/02-drift-and-self-heal.yaml
for lang in en ko; do
  shot "lesson-answered-$lang" --lesson "$L" --answer 2 --size 1280x720 --lang "$lang"
  shot "lesson-check-$lang" --lesson "$L" --step heal --hints 1 --check --size 1280x720 --lang "$lang"
  shot "lesson-passed-$lang" --lesson "$L" --step heal --solve --size 1280x720 --lang "$lang"
done
# The class report's page (gitops-sim report --html) in headless Chromium:
# two lesson recordings (one in Korean), a take-over of the first, and a
# scenario run; virtual time passes between the learners' actions.
SIM="${1:-build}/sim/cli/gitops-sim"
REC=$(mktemp -d)
export XDG_DATA_HOME="$REC"
printf '%s\n' 'advance 40s' 'answer 2' next 'advance 30s' hint 'kubectl get pods -n shop' 'advance 20s' \
  'kubectl get nonsense' 'advance 30s' skip next 'advance 15s' 'kubectl scale deployment/web --replicas=2 -n shop --cluster dev' \
  hint 'advance 20s' hint 'argocd app set shop-dev --sync-policy automated --self-heal' 'advance 10s' next quit |
  "$SIM" lesson 2 --terminal --profile ann --record "$REC/a-lesson.gsrec" >/dev/null
printf '%s\n' 'advance 1m30s' 'answer 1' next 'advance 1m' solution skip next 'advance 45s' quit |
  "$SIM" lesson 2 --terminal --lang ko --profile mina --record "$REC/b-lesson.gsrec" >/dev/null
printf '%s\n' 'advance 20s' 'kubectl get pods -n shop' quit |
  "$SIM" replay "$REC/a-lesson.gsrec" --fork-at 2m --record "$REC/c-fork.gsrec" >/dev/null
"$SIM" run scenarios/06-bad-image-and-revert.yaml --record "$REC/d-run.gsrec" >/dev/null || true
"$SIM" report "$REC" --lang ko --html "$REC/report.html" >/dev/null
chromium --headless --no-sandbox --disable-gpu --user-data-dir="$REC/profile" --screenshot="$OUT/report.png" \
  --window-size=1400,1000 "file://$REC/report.html" 2>/dev/null
echo "$OUT/report.png"
rm -rf "$REC"

# A recording replayed (gitops-sim replay REC --at T --screenshot): lesson 02
# done in the terminal from a script with a marker of most kinds (an answer,
# commands, a failed one, a fault, hints, a denied command, undo, reset,
# skip, steps), shown at 3m with the scrubber, at 1600x900 and projector size,
# in English and Korean.
CLI="${1:-build}/sim/cli/gitops-sim"
REC_DIR=$(mktemp -d)
trap 'rm -rf "$REC_DIR"' EXIT
XDG_DATA_HOME="$REC_DIR" "$CLI" lesson "$L" --terminal --record "$REC_DIR/lesson-02.gsrec" \
  < "$OUT/replay-lesson-02.txt" > /dev/null
replay_shot() {
  local name="$1"; shift
  xvfb-run -a -s "-screen 0 1920x1080x24" "$CLI" replay "$REC_DIR/lesson-02.gsrec" --at 3m "$@" \
    --screenshot "$OUT/$name.png"
  echo "$OUT/$name.png"
}
replay_shot replay-1600 --size 1600x900
replay_shot replay-1280 --size 1280x720
replay_shot replay-1600-ko --size 1600x900 --lang ko
replay_shot replay-1280-ko --size 1280x720 --lang ko

# The classroom (issue 11) at a projector's 1280x720 in Korean, high
# contrast, A+ 1.5: the instructor station on a demo segment, its fault
# palette, the pair-discussion segment's board with the swap countdown, a
# debrief of lesson 02's recording at its first marker; and pair mode at its
# first swap and after it (the driver and the navigator).
PLAN=lessons/class-gitops-intro.yaml
class_shot() {
  local name="$1"; shift
  XDG_DATA_HOME="$REC_DIR" xvfb-run -a -s "-screen 0 1920x1080x24" "$CLI" class "$PLAN" --lang ko --contrast \
    --scale 1.5 --size 1280x720 --no-record "$@" --screenshot "$OUT/$name.png"
  echo "$OUT/$name.png"
}
class_shot class-station-1280x720-ko --segment 3 --at 1m
class_shot class-palette-1280x720-ko --segment 3 --at 1m --palette
class_shot class-pair-segment-1280x720-ko --segment 8
mkdir -p "$REC_DIR/class" && cp "$REC_DIR/lesson-02.gsrec" "$REC_DIR/class/pair-1.gsrec"
class_shot class-debrief-1280x720-ko --debrief "$REC_DIR/class"
pair_shot() {
  local name="$1"; shift
  XDG_DATA_HOME="$REC_DIR" xvfb-run -a -s "-screen 0 1920x1080x24" "$CLI" gui --lesson "$L" --pair "민아,준" \
    --lang ko --contrast --size 1280x720 --no-record "$@" --screenshot "$OUT/$name.png"
  echo "$OUT/$name.png"
}
pair_shot pair-swap-1280x720-ko --pair-elapsed 3m --scale 1.5
pair_shot pair-navigator-1280x720-ko --pair-elapsed 3m10s --step 3 --scale 1.25
