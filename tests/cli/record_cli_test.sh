#!/usr/bin/env bash
# Recordings end to end (recording-format.md): run/lesson --record, replay
# --verify (0 same, 1 differs, 2 bad file) on recordings changed behind
# gitops-sim's back, files that are not recordings (exit 2, exactly one
# line on stderr), byte-identical replays, --at T looks, --fork-at with a
# console fed on stdin, and --to-scenario files that validate and run.
# usage: record_cli_test.sh GITOPS_SIM SOURCE_DIR
. "$(dirname "$0")/lib.sh" "$@"
# A bad recording: exit 2 and exactly one line on stderr, naming the file.
refused() {  # refused NAME FILE [TEXT]
  local name=$1 file=$2 text=${3:-}
  "$SIM" replay "$file" --verify >"$TMP/out" 2>"$TMP/err"
  local rc=$? lines
  lines=$(wc -l <"$TMP/err")
  if [ "$rc" -ne 2 ]; then bad "$name: exit $rc, wanted 2"; sed 's/^/    /' "$TMP/err" | head -3; return; fi
  if [ "$lines" -ne 1 ]; then bad "$name: $lines lines on stderr, wanted 1"; sed 's/^/    /' "$TMP/err" | head -5; return; fi
  if ! grep -qF -- "$file" "$TMP/err"; then bad "$name: the line does not name the file: $(cat "$TMP/err")"; return; fi
  if [ -n "$text" ] && ! grep -qF -- "$text" "$TMP/err"; then bad "$name: no '$text' in: $(cat "$TMP/err")"; return; fi
  ok "$name (exit 2, one line: $(cut -c1-150 "$TMP/err"))"
}

# --- every shipped scenario: run --record, then replay --verify -------------
for f in "$SRC"/scenarios/*.yaml; do
  n=$(basename "$f" .yaml)
  "$SIM" run "$f" --record "$TMP/$n.gsrec" >/dev/null 2>"$TMP/err"
  rc=$?
  [ "$rc" -eq 0 ] || bad "run $n --record: exit $rc $(head -2 "$TMP/err")"
  "$SIM" replay "$TMP/$n.gsrec" --verify >"$TMP/out" 2>"$TMP/err"
  rc=$?
  if [ "$rc" -eq 0 ] && grep -q ": same — " "$TMP/out"; then ok "$n recorded and verified"; else bad "$n: verify exit $rc: $(cat "$TMP/out" "$TMP/err" | head -3)"; fi
done
[ ! -e "$TMP/03-drift-self-heal.gsrec-wal" ] && ok "a closed recording is one file (no -wal beside it)" || bad "a -wal file is left beside a closed recording"
expect_rc 2 "run --record onto an existing file" "$SIM" run "$SRC/scenarios/01-first-sync.yaml" --record "$TMP/01-first-sync.gsrec"
has "$TMP/err" "already exists" "an existing recording is not overwritten"

# --- a lesson in the terminal: recorded by default ---------------------------
lesson01() {
  cat <<'EOF'
hint
answer 2
next
git edit shop-config@main overlays/dev/kustomization.yaml images[0].newTag=1.1.0 -m "Release web 1.1.0"
play
next
git edit shop-config@main overlays/dev/kustomization.yaml images[0].newTag=1.2.0 -m "Release web 1.2.0"
argocd app list
undo
argocd app refresh shop-dev
argocd app history shop-dev
next
EOF
}
lesson01 | "$SIM" lesson 01-poll-then-refresh --terminal >"$TMP/out" 2>"$TMP/err"
rc=$?
[ "$rc" -eq 0 ] && ok "lesson 01 in the terminal (exit 0)" || bad "lesson 01: exit $rc $(head -3 "$TMP/err")"
dflt=$(ls "$XDG_DATA_HOME"/gitops-sim/recordings/*poll-then-refresh*.gsrec 2>/dev/null | head -1)
if [ -n "$dflt" ]; then ok "the lesson was recorded into the data directory's recordings/"; else bad "no default recording: $(ls -R "$XDG_DATA_HOME" | head)"; fi
expect_rc 0 "the lesson's recording verifies" "$SIM" replay "$dflt" --verify
lesson01 | "$SIM" lesson 01-poll-then-refresh --terminal --no-record >/dev/null 2>&1
[ "$(ls "$XDG_DATA_HOME"/gitops-sim/recordings/ | wc -l)" -eq 1 ] && ok "--no-record records nothing" || bad "--no-record left a recording"
cp "$dflt" "$TMP/lesson.gsrec"

# --- a console session: a scenario taken over at 1m, fed on stdin ----------
"$SIM" replay "$TMP/04-drift-without-self-heal.gsrec" --fork-at 1m --record "$TMP/console.gsrec" >"$TMP/out" 2>"$TMP/err" <<'EOF'
git write shop-config@main overlays/dev/kustomization.yaml <<YAML
resources:
  - ../../base
images:
  - name: registry.example/shop/web
    newTag: "1.1.0"
YAML
git commit shop-config@main -m "Release web 1.1.0"
sim advance 1m
kubectl scale deployment/web --replicas=4 -n shop --cluster dev
argocd app list
sim advance 30s
argocd app sync shop-dev
sim advance 2m
kubectl get pods -A
quit
EOF
rc=$?
[ "$rc" -eq 0 ] && ok "--fork-at 1m with a console on stdin (exit 0)" || bad "--fork-at: exit $rc $(head -3 "$TMP/err") $(tail -5 "$TMP/out")"
has "$TMP/out" "taken over from" "the fork says where it was taken over"
expect_rc 0 "the fork's recording verifies" "$SIM" replay "$TMP/console.gsrec" --verify

# --- determinism: the same bytes every time ---------------------------------
for r in console lesson 09-promotion; do
  "$SIM" replay "$TMP/$r.gsrec" --verify --json >"$TMP/v1.json" 2>&1
  "$SIM" replay "$TMP/$r.gsrec" --verify --json >"$TMP/v2.json" 2>&1
  if cmp -s "$TMP/v1.json" "$TMP/v2.json" && grep -q '"same": true' "$TMP/v1.json"; then ok "$r: --verify --json twice gives the same bytes"; else bad "$r: --verify --json differs or not same: $(head -5 "$TMP/v1.json")"; fi
done
for t in 0s 1m30s 3m 4m; do
  "$SIM" replay "$TMP/console.gsrec" --at "$t" 'argocd app list' 'kubectl get pods -A' >"$TMP/a1.txt" 2>&1
  rc=$?
  "$SIM" replay "$TMP/console.gsrec" --at "$t" 'argocd app list' 'kubectl get pods -A' >"$TMP/a2.txt" 2>&1
  if [ "$rc" -eq 0 ] && cmp -s "$TMP/a1.txt" "$TMP/a2.txt" && grep -q shop-dev "$TMP/a1.txt"; then ok "--at $t: the same looks twice"; else bad "--at $t: exit $rc or different: $(head -3 "$TMP/a1.txt")"; fi
done
expect_rc 2 "--at T with a command that changes the world" "$SIM" replay "$TMP/console.gsrec" --at 1m 'argocd app sync shop-dev'
has "$TMP/err" "--fork-at" "a changing command at --at points to --fork-at"

# --- tampering ---------------------------------------------------------------
cp "$TMP/console.gsrec" "$TMP/t-cmd.gsrec"
sqlite3 "$TMP/t-cmd.gsrec" "UPDATE actions SET text = replace(text, '--replicas=4', '--replicas=7') WHERE text LIKE 'kubectl scale%';"
expect_rc 1 "verify of a recording whose command was changed" "$SIM" replay "$TMP/t-cmd.gsrec" --verify
has "$TMP/out" ": differs: " "the difference is reported"
grep -qE "— event [0-9]+ at \+?[0-9hms:]+" "$TMP/out" && ok "it names the event's index and virtual time" || bad "no index/time: $(head -2 "$TMP/out")"
has "$TMP/out" "  expected: " "it prints what was expected"
has "$TMP/out" "  got:      " "it prints what the replay got"
"$SIM" replay "$TMP/t-cmd.gsrec" --verify --json >"$TMP/out" 2>&1
grep -q '"same": false' "$TMP/out" && grep -q '"index": ' "$TMP/out" && grep -q '"t": ' "$TMP/out" && ok "--json says the same" || bad "--json of a difference: $(head -12 "$TMP/out")"

cp "$TMP/03-drift-self-heal.gsrec" "$TMP/t-ev.gsrec"
# Events are stored in chunks of JSON lines; event 17 is the one whose id is 18.
sqlite3 "$TMP/t-ev.gsrec" "UPDATE events SET lines = CAST(replace(CAST(lines AS TEXT), '\"id\":18,', '\"id\":18,\"x\":1,') AS BLOB) WHERE epoch = 0;"
expect_rc 1 "verify of a recording whose event was changed" "$SIM" replay "$TMP/t-ev.gsrec" --verify
grep -q "— event 17 at " "$TMP/out" && ok "the changed event is named: 17" || bad "event 17 not named: $(head -2 "$TMP/out")"

cp "$TMP/03-drift-self-heal.gsrec" "$TMP/t-src.gsrec"
sqlite3 "$TMP/t-src.gsrec" "UPDATE sources SET bytes = CAST(replace(CAST(bytes AS TEXT), 'replicas: 2', 'replicas: 3') AS BLOB);"
refused "a source changed without its SHA-256" "$TMP/t-src.gsrec" "does not match its SHA-256"

# --- files that are not recordings ------------------------------------------
refused "no such file" "$TMP/nope.gsrec" "no such file"
mkdir -p "$TMP/dir.gsrec"
refused "a directory" "$TMP/dir.gsrec" "is a directory"
: >"$TMP/empty.gsrec"
refused "an empty file" "$TMP/empty.gsrec" "not a gitops-sim recording"
cp "$SRC/scenarios/01-first-sync.yaml" "$TMP/text.gsrec"
refused "a text file" "$TMP/text.gsrec" "not a gitops-sim recording"
head -c 3000 /dev/urandom >"$TMP/random.gsrec"
refused "random bytes" "$TMP/random.gsrec"
sqlite3 "$TMP/other.sqlite" "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('hi');"
refused "another program's SQLite database" "$TMP/other.sqlite" "another program's database"
sqlite3 "$TMP/other-id.sqlite" "PRAGMA application_id = 1234; CREATE TABLE t (x);"
refused "an SQLite database with another application_id" "$TMP/other-id.sqlite" "another program's database"
cp "$TMP/01-first-sync.gsrec" "$TMP/v99.gsrec"
sqlite3 "$TMP/v99.gsrec" "PRAGMA user_version = 99;"
refused "schema version 99" "$TMP/v99.gsrec" "schema version 99"
size=$(stat -c %s "$TMP/console.gsrec")
for cut in 10 100 1000 4096 5000 $((size / 4)) $((size / 2)) $((size - 4096)) $((size - 1)); do
  head -c "$cut" "$TMP/console.gsrec" >"$TMP/cut.gsrec"
  "$SIM" replay "$TMP/cut.gsrec" --verify >"$TMP/out" 2>"$TMP/err"
  rc=$?
  lines=$(wc -l <"$TMP/err")
  if [ "$rc" -eq 2 ] && [ "$lines" -eq 1 ]; then
    ok "cut at $cut of $size bytes (exit 2, one line: $(cut -c1-120 "$TMP/err"))"
  else
    bad "cut at $cut of $size bytes: exit $rc, $lines lines on stderr: $(head -3 "$TMP/err")"
  fi
done
expect_rc 2 "--verify and --at together" "$SIM" replay "$TMP/console.gsrec" --verify --at 1m
[ "$(wc -l <"$TMP/err")" -eq 1 ] && ok "one line for the bad flags" || bad "bad flags: $(cat "$TMP/err")"

# --- --to-scenario -------------------------------------------------------------
for r in console lesson 03-drift-self-heal; do
  expect_rc 0 "$r: --to-scenario" "$SIM" replay "$TMP/$r.gsrec" --to-scenario "$TMP/$r.recorded.yaml"
  expect_rc 0 "$r: the written scenario validates" "$SIM" validate "$TMP/$r.recorded.yaml"
  "$SIM" run "$TMP/$r.recorded.yaml" >"$TMP/out" 2>"$TMP/err"
  rc=$?
  [ "$rc" -le 1 ] && ok "$r: the written scenario runs (exit $rc)" || bad "$r: run of the written scenario: exit $rc $(head -3 "$TMP/err")"
done
expect_rc 0 "a scenario recording's scenario passes its expectations" "$SIM" run "$TMP/03-drift-self-heal.recorded.yaml"
expect_rc 2 "--to-scenario onto an existing file" "$SIM" replay "$TMP/console.gsrec" --to-scenario "$TMP/console.recorded.yaml"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
