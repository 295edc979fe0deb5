#!/usr/bin/env bash
# The CLI contract end to end: exit codes, --json determinism, positioned
# errors, exec against kubectl kustomize, export read by real git.
# usage: cli_test.sh GITOPS_SIM SOURCE_DIR
set -u
SIM=$1
SRC=$2
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok   $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; }
expect_rc() {  # expect_rc WANT NAME CMD...
  local want=$1 name=$2; shift 2
  "$@" >"$TMP/out" 2>"$TMP/err"
  local rc=$?
  if [ "$rc" -eq "$want" ]; then ok "$name (exit $rc)"; else bad "$name: exit $rc, wanted $want"; sed 's/^/    /' "$TMP/err" | head -5; fi
}

# Every shipped scenario passes; validate accepts them all.
for f in "$SRC"/scenarios/*.yaml; do
  expect_rc 0 "run $(basename "$f")" "$SIM" run "$f"
done
expect_rc 0 "validate all scenarios" "$SIM" validate "$SRC"/scenarios/*.yaml

# --json twice: identical bytes, ending in a Result line with a hash.
"$SIM" run "$SRC/scenarios/03-drift-self-heal.yaml" --json >"$TMP/a.jsonl"
"$SIM" run "$SRC/scenarios/03-drift-self-heal.yaml" --json >"$TMP/b.jsonl"
if cmp -s "$TMP/a.jsonl" "$TMP/b.jsonl" && tail -1 "$TMP/a.jsonl" | grep -q '"type":"Result".*"hash":"[0-9a-f]\{64\}"'; then
  ok "run --json twice gives identical bytes"
else
  bad "run --json is not deterministic or has no Result line"
fi

# --lang ko: the timeline's notes and the report in Korean, the tools' words as printed.
"$SIM" run "$SRC/scenarios/03-drift-self-heal.yaml" --lang ko >"$TMP/ko.txt"
if grep -q "누군가 손으로 스케일을 바꿉니다" "$TMP/ko.txt" && grep -q "기대 결과" "$TMP/ko.txt" &&
   grep -q "SyncStatusChanged" "$TMP/ko.txt" && ! grep -q "Someone scales by hand" "$TMP/ko.txt"; then
  ok "run --lang ko prints notes and the report in Korean"
else
  bad "run --lang ko: English notes or no Korean report"
fi
expect_rc 2 "run --lang fr" "$SIM" run "$SRC/scenarios/03-drift-self-heal.yaml" --lang fr

# gitops-sim gui's view flags: a bad value is exit 2 naming the flag, before
# any window opens (no display here); --help lists them.
unset DISPLAY WAYLAND_DISPLAY
P="$SRC/scenarios/09-promotion.yaml"
gui_bad() {  # gui_bad FLAG-WORD-IN-THE-ERROR ARGS...
  local word=$1; shift
  expect_rc 2 "gui $*" "$SIM" gui "$P" "$@"
  grep -qF -- "$word" "$TMP/err" && ok "gui $*: the error names $word" || { bad "gui $*: no '$word' in: $(cat "$TMP/err")"; }
}
gui_bad --scale --scale 9
gui_bad --scale --scale big
gui_bad --tab --tab nope
gui_bad --bottom --bottom envs
gui_bad --layout --layout huge
gui_bad --speed --speed 7
gui_bad --resource --resource web
gui_bad --press --lesson "$SRC/lessons/02-drift-and-self-heal.yaml" --press jump
gui_bad "--press needs --lesson" --press hint
gui_bad --bench-frames --bench-frames -3
"$SIM" gui --help >"$TMP/help.txt"
for flag in --app --resource --tab --bottom --event --run --contrast --scale --layout --rects --speed --home --lesson \
            --profile --step --hints --answer --solve --check --press; do
  grep -q -- "$flag" "$TMP/help.txt" || bad "gui --help does not list $flag"
done
ok "gui --help lists the view flags"

# A false expectation exits 1.
sed 's/      syncPolicy:\n        automated: {prune: true, selfHeal: true}//' "$SRC/scenarios/03-drift-self-heal.yaml" |
  sed '0,/    sync: Synced/s//    sync: OutOfSync/' >"$TMP/false.yaml"
expect_rc 1 "a false expectation" "$SIM" run "$TMP/false.yaml"

# Malformed files exit 2 with FILE:LINE:COL.
printf 'apiVersion: gitops-sim/v1\nkind: Scenario\nmetadata: {name: x}\nsettings:\n  reconcilationTimeout: 3m\n' >"$TMP/typo.yaml"
expect_rc 2 "an unknown field" "$SIM" run "$TMP/typo.yaml"
if grep -q "typo.yaml:5:3: .*did you mean 'reconciliationTimeout'" "$TMP/err"; then ok "unknown field is positioned with a suggestion"; else bad "no FILE:LINE:COL suggestion: $(cat "$TMP/err")"; fi
printf 'apiVersion: [\n' >"$TMP/broken.yaml"
expect_rc 2 "broken YAML" "$SIM" validate "$TMP/broken.yaml"
grep -q "broken.yaml:[0-9]*:[0-9]*:" "$TMP/out" && ok "broken YAML is positioned" || bad "broken YAML not positioned"
head -c 4096 /dev/urandom >"$TMP/garbage.yaml" 2>/dev/null || true
expect_rc 2 "binary garbage" "$SIM" run "$TMP/garbage.yaml"
: >"$TMP/empty.yaml"
expect_rc 2 "an empty file" "$SIM" run "$TMP/empty.yaml"
expect_rc 2 "a missing file" "$SIM" run "$TMP/does-not-exist.yaml"
expect_rc 2 "a bad --until" "$SIM" run "$SRC/scenarios/01-first-sync.yaml" --until 5

# exec: commands print like the real tools; a failing command exits 1.
expect_rc 0 "exec argocd app get" "$SIM" exec "$SRC/scenarios/01-first-sync.yaml" --at 1m 'argocd app get web'
grep -q "^Sync Status:        Synced to main" "$TMP/out" && ok "app get prints the sync status line" || bad "app get output: $(head -12 "$TMP/out")"
expect_rc 1 "exec a command on an unknown app" "$SIM" exec "$SRC/scenarios/01-first-sync.yaml" --at 1m 'argocd app get nope'
# argocd app diff exits as the real CLI does: 1 with differences, 0 without (checklist 60).
expect_rc 1 "exec argocd app diff with drift" "$SIM" exec "$SRC/scenarios/04-drift-without-self-heal.yaml" --at 5m 'argocd app diff shop-dev'
grep -q "^>   replicas: 2" "$TMP/out" && ok "app diff prints the drift in diff's normal format" || bad "app diff: $(cat "$TMP/out")"
expect_rc 1 "exec argocd app wait that times out" "$SIM" exec "$SRC/scenarios/06-bad-image-and-revert.yaml" --at 1m5s 'argocd app wait shop-dev --timeout 60'
grep -q '^timed out (60s) waiting for app "shop-dev" match desired state$' "$TMP/out" && ok "app wait says it timed out" || bad "app wait: $(cat "$TMP/out")"
expect_rc 0 "exec argocd app wait --degraded" "$SIM" exec "$SRC/scenarios/06-bad-image-and-revert.yaml" --at 1m5s 'argocd app wait shop-dev --degraded'
expect_rc 0 "exec argocd app diff in sync" "$SIM" exec "$SRC/scenarios/04-drift-without-self-heal.yaml" --at 1m 'argocd app diff shop-dev'
expect_rc 0 "exec kubectl get pods" "$SIM" exec "$SRC/scenarios/01-first-sync.yaml" --at 1m 'kubectl get pods -n shop --cluster dev'
grep -q "^NAME .*READY .*STATUS .*RESTARTS .*AGE" "$TMP/out" && ok "kubectl get pods has kubectl's columns" || bad "kubectl get pods: $(cat "$TMP/out")"

# exec drives the world through a session: time-moving commands apply the
# timeline on the way and stop at a teaching pause; sim advance is bounded.
expect_rc 0 "exec sim advance through the timeline" "$SIM" exec "$SRC/scenarios/09-promotion.yaml" --at 5m 'sim advance 2m' 'git log shop-config@staging --max-count=1'
grep -q "Promote web 1.1.0 to staging\|web 1.1.0" "$TMP/out" && ok "the 6m merge was applied on the way" || bad "exec advance: $(cat "$TMP/out")"
expect_rc 1 "exec sim advance stopped at a teaching pause" "$SIM" exec "$SRC/scenarios/13-hotfix.yaml" --at 0s 'sim advance 5m'
grep -q "^stopped at a teaching pause (+1m, before +5m)" "$TMP/out" && ok "advance says where it stopped" || bad "exec pause: $(cat "$TMP/out")"
expect_rc 1 "exec sim advance over a day is refused" "$SIM" exec "$SRC/scenarios/01-first-sync.yaml" --at 0s 'sim advance 99999d'
grep -q "more than a virtual day" "$TMP/err" && ok "the bound is named" || bad "advance bound: $(cat "$TMP/err")"
expect_rc 1 "exec sim speed abc is refused at parse time" "$SIM" exec "$SRC/scenarios/01-first-sync.yaml" --at 0s 'sim speed abc'
grep -q "1, 10, 60, 300, 1000" "$TMP/err" && ok "sim speed names the offered speeds" || bad "sim speed: $(cat "$TMP/err")"

# exec: a here-document in one COMMAND argument is the file git write stages,
# as in the terminal lesson; a bad one exits 2 before anything runs.
expect_rc 0 "exec git write with a here-document" "$SIM" exec "$SRC/scenarios/09-promotion.yaml" --at 5m \
  "git write shop-config@develop overlays/dev/replicas.yaml <<'EOF'
- name: web
  count: 3
EOF" 'git commit shop-config@develop -m "Dev replicas"' 'git show shop-config@develop overlays/dev/replicas.yaml'
if [ "$(tail -n 2 "$TMP/out")" = "- name: web
  count: 3" ]; then ok "the here-document's lines were committed"; else bad "exec heredoc: $(cat "$TMP/out")"; fi
expect_rc 2 "exec a here-document without its end line" "$SIM" exec "$SRC/scenarios/09-promotion.yaml" --at 5m \
  'git rm shop-config@develop CONTRIBUTING.md' 'git write shop-config@develop a.yaml <<EOF
x: 1'
if grep -q "no end line; expected a line 'EOF'" "$TMP/err" && [ ! -s "$TMP/out" ]; then
  ok "a here-document without its end line is named, nothing ran"
else
  bad "heredoc without end: $(cat "$TMP/out" "$TMP/err")"
fi
expect_rc 2 "exec a here-document on a command that takes no file" "$SIM" exec "$SRC/scenarios/09-promotion.yaml" --at 5m \
  'git status shop-config <<EOF
x
EOF'
grep -q "git status takes no here-document" "$TMP/err" && ok "the command that takes no file is named" || bad "heredoc on git status: $(cat "$TMP/err")"

# exec 'argocd app manifests' equals kubectl kustomize of the same overlay, but for the tracking label.
if command -v kubectl >/dev/null 2>&1 && command -v git >/dev/null 2>&1; then
  "$SIM" export "$SRC/scenarios/09-promotion.yaml" --to "$TMP/export" >/dev/null
  git clone -q -b main "$TMP/export/repos/shop-config.git" "$TMP/checkout"
  kubectl kustomize "$TMP/checkout/overlays/prod" >"$TMP/kustomize.yaml"
  # Drop what Argo CD adds (the tracking label, the destination namespace) and
  # a `labels:` map left empty by that.
  strip() {
    grep -v 'app.kubernetes.io/instance: shop-prod' | grep -v '^  namespace: shop$' | awk '
      /^ *labels:$/ { held = $0; next }
      { if (held != "") { match(held, /^ */); hi = RLENGTH; match($0, /^ */); if (RLENGTH > hi) print held; held = "" } print }
      END { if (held != "") print held }'
  }
  "$SIM" exec "$SRC/scenarios/09-promotion.yaml" --at 1m 'argocd app manifests shop-prod' | strip >"$TMP/ours.yaml"
  strip <"$TMP/kustomize.yaml" >"$TMP/theirs.yaml"
  if diff -u "$TMP/theirs.yaml" "$TMP/ours.yaml" >"$TMP/manifests.diff"; then
    ok "argocd app manifests equals kubectl kustomize (apart from tracking label and namespace)"
  else
    bad "app manifests differ from kubectl kustomize:"; head -30 "$TMP/manifests.diff"
  fi
  # Export: a bare repo real git reads, fsck-clean, with authors and messages.
  if git --git-dir "$TMP/export/repos/shop-config.git" fsck --strict >"$TMP/fsck" 2>&1 && [ ! -s "$TMP/fsck" ]; then
    ok "git fsck --strict finds nothing in the export"
  else
    bad "git fsck: $(cat "$TMP/fsck")"
  fi
  git --git-dir "$TMP/export/repos/shop-config.git" log --format='%an|%s' develop | grep -q "^Mina Park|Open the develop branch$" &&
    ok "git log shows authors and messages" || bad "git log of the export"
  expect_rc 2 "export refuses a non-empty directory" "$SIM" export "$SRC/scenarios/09-promotion.yaml" --to "$TMP/export"
else
  echo "WARNING: kubectl or git not found: the live kustomize and export checks are SKIPPED"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
