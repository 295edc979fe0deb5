#!/usr/bin/env bash
# The lesson CLI end to end (lesson-format.md, "The lesson CLI"): a whole
# lesson in the terminal fed by a here-document, the progress it leaves for
# `lessons` and bare `gitops-sim`, and the errors of bad names, profiles,
# languages and progress files. Every run keeps its progress in a temp
# XDG_DATA_HOME and has no display.
# usage: lesson_cli_test.sh GITOPS_SIM SOURCE_DIR
. "$(dirname "$0")/lib.sh" "$@"

# A new learner: nothing done yet.
expect_rc 0 "lessons for a new learner" "$SIM" lessons
has "$TMP/out" "A commit, the poll, and a refresh" "lessons lists lesson 01's title"
has "$TMP/out" "reconcile-loop, poll-vs-webhook" "lessons lists lesson 01's concepts"
grep -q "A commit, the poll, and a refresh.* 8 min  —" "$TMP/out" && ok "lesson 01: 8 min, not started" || bad "lesson 01 row: $(grep -m1 commit "$TMP/out")"
[ ! -e "$XDG_DATA_HOME/gitops-sim/progress.sqlite" ] && ok "listing creates no progress file" || bad "listing created the progress file"

# Lesson 01 from start to end, in the terminal.
"$SIM" lesson 01-poll-then-refresh --terminal >"$TMP/out" 2>"$TMP/err" <<'EOF'
answer 2
git edit shop-config@main overlays/dev/kustomization.yaml images[0].newTag=1.1.0 -m "Release web 1.1.0"
play
git edit shop-config@main overlays/dev/kustomization.yaml images[0].newTag=1.2.0 -m "Release web 1.2.0"
argocd app refresh shop-dev
argocd app history shop-dev
next
EOF
rc=$?
[ "$rc" -eq 0 ] && ok "lesson 01 in the terminal (exit 0)" || bad "lesson 01 in the terminal: exit $rc $(head -3 "$TMP/err")"
has "$TMP/out" "Step 1/4: Predict" "the first step is shown"
has "$TMP/out" "[01:00 step 1/4] \$ answer 2" "the prompt shows time and step, the typed line is echoed"
has "$TMP/out" "✓ Step passed at" "a step passes"
has "$TMP/out" "Lesson finished: 4 of 4 steps passed, 0 skipped." "the lesson finishes"
has "$TMP/out" "Next lesson: gitops-sim lesson 02-drift-and-self-heal" "the next lesson is named"
if grep -q $'\033' "$TMP/out"; then bad "colour written to a pipe"; else ok "no colour when stdout is not a terminal"; fi
[ -s "$XDG_DATA_HOME/gitops-sim/progress.sqlite" ] && ok "progress is stored under XDG_DATA_HOME" || bad "no progress file"

expect_rc 0 "lessons after lesson 01" "$SIM" lessons
grep -q "A commit, the poll, and a refresh.*done" "$TMP/out" && ok "lesson 01 is done" || bad "lesson 01 not done: $(grep -m1 commit "$TMP/out")"
expect_rc 0 "lessons for another profile" "$SIM" lessons --profile mina
grep -q "A commit, the poll, and a refresh.*—" "$TMP/out" && ok "progress is per profile" || bad "mina's lesson 01: $(grep -m1 commit "$TMP/out")"

# Part of a lesson for mina: it shows as N/M steps.
printf 'answer 2\nquit\n' | "$SIM" lesson 2 --profile mina --terminal >"$TMP/out" 2>&1
"$SIM" lessons --profile mina >"$TMP/out"
grep -q "[0-9]/[0-9] steps" "$TMP/out" && ok "a lesson begun shows N/M steps" || bad "no N/M steps: $(cat "$TMP/out")"

# Bare gitops-sim, no display: the next unfinished lesson (02) in the terminal.
expect_rc 0 "bare gitops-sim without a display" "$SIM" </dev/null
has "$TMP/out" "Step 1/" "bare gitops-sim opens a lesson in the terminal"
title02=$(grep -m1 '^  title:' "$SRC/lessons/02-drift-and-self-heal.yaml" | sed 's/.*en: "\([^"]*\)".*/\1/')
has "$TMP/out" "$title02" "it is lesson 02, the first unfinished one"

# Korean.
printf 'answer 2\nquit\n' | "$SIM" lesson poll-then-refresh --lang ko --terminal >"$TMP/out" 2>&1
has "$TMP/out" "단계 1/4: 예측" "--lang ko: the step in Korean"
has "$TMP/out" "안녕히 가세요." "--lang ko: the session's own texts in Korean"

# Bad input: exit 2 with a clear message.
expect_rc 2 "a lesson name with a typo" "$SIM" lesson poll-then-refres --terminal
has "$TMP/err" "did you mean 'poll-then-refresh'?" "a typo gets a did-you-mean"
expect_rc 2 "a bad profile name" "$SIM" lesson 1 --profile 'a b' --terminal
has "$TMP/err" "--profile 'a b': expected" "a bad profile is explained"
expect_rc 2 "lessons with a bad profile name" "$SIM" lessons --profile ../x
expect_rc 2 "a bad --lang" "$SIM" lesson 1 --lang fr --terminal
has "$TMP/err" "--lang 'fr': expected en or ko" "a bad language is explained"
expect_rc 2 "a missing lesson file" "$SIM" lesson "$TMP/nope.yaml" --terminal
expect_rc 2 "lesson without a name" "$SIM" lesson
expect_rc 0 "lesson verify still works" "$SIM" lesson verify "$SRC/lessons/01-poll-then-refresh.yaml"

# A lesson file by path.
if printf 'quit\n' | "$SIM" lesson "$SRC/lessons/03-prune.yaml" --terminal >"$TMP/out" 2>&1; then ok "a lesson by its file"; else bad "a lesson by its file"; fi

# GS_LESSON_DIR: another lessons directory (tests, a course's own).
mkdir -p "$TMP/lessons"
cp "$SRC/lessons/01-poll-then-refresh.yaml" "$SRC/lessons/README.md" "$TMP/lessons/"
GS_LESSON_DIR="$TMP/lessons" "$SIM" lessons >"$TMP/out" 2>&1
[ "$(grep -c ' min ' "$TMP/out")" -eq 1 ] && ok "GS_LESSON_DIR overrides the lessons directory" || bad "GS_LESSON_DIR: $(cat "$TMP/out")"

# A progress file that is not a database: a clear error, no crash.
printf 'not a database at all, just some text that is long enough to be read as a header......' >"$XDG_DATA_HOME/gitops-sim/progress.sqlite"
expect_rc 2 "lessons with a corrupt progress file" "$SIM" lessons
has "$TMP/err" "not a gitops-sim progress database" "a corrupt progress file is explained"
expect_rc 2 "a lesson with a corrupt progress file" "$SIM" lesson 1 --terminal </dev/null

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
