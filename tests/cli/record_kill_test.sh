#!/usr/bin/env bash
# kill -9 in the middle of a recorded session (recording-format.md,
# "Guarantees"): a lesson in the terminal fed slowly, line by line, and a
# long scenario run, each with --record, killed with SIGKILL at moments
# drawn from a fixed seed. Every file left must open and `replay --verify`
# must say same (exit 0): it holds the session up to its last commit.
# usage: record_kill_test.sh GITOPS_SIM SOURCE_DIR [KILLS]
set -u
SIM=$1
SRC=$2
KILLS=${3:-20}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export XDG_DATA_HOME="$TMP/data"
unset DISPLAY WAYLAND_DISPLAY NO_COLOR GS_LESSON_DIR
RANDOM=4242  # the kill moments are the same on every run
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok   $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; }

# Lesson 02 typed slowly: every line a little later than the last, with
# hints, looks and an undo between the solution's commands.
slow_lesson() {
  local line
  while IFS= read -r line; do
    echo "$line"
    sleep 0.05
  done <<'EOF'
hint
argocd app list
kubectl get deploy -n shop --cluster dev
answer 1
next
hint
argocd app get shop-dev
play
next
hint
kubectl scale deployment/web --replicas=2 -n shop --cluster dev
argocd app set shop-dev --sync-policy automated --self-heal
argocd app list
undo
kubectl get pods -A
play
next
argocd app list
quit
EOF
}

# A scenario long enough to be killed while it runs (and commit on the way,
# once a second of wall time): scenario 09 run to 60 days.
long_run() { exec "$SIM" run "$SRC/scenarios/09-promotion.yaml" --until 1440h --record "$1" >/dev/null 2>&1; }

# How long the whole lesson takes unkilled, to spread the kills over it.
start=$(date +%s%N)
slow_lesson | "$SIM" lesson 02-drift-and-self-heal --terminal --record "$TMP/whole.gsrec" >"$TMP/whole.out" 2>&1
whole_ms=$((($(date +%s%N) - start) / 1000000))
"$SIM" replay "$TMP/whole.gsrec" --verify >/dev/null 2>&1 && ok "the whole lesson (${whole_ms} ms) verifies" || bad "the whole lesson does not verify: $(tail -3 "$TMP/whole.out")"
start=$(date +%s%N)
(long_run "$TMP/long.gsrec")
long_ms=$((($(date +%s%N) - start) / 1000000))
"$SIM" replay "$TMP/long.gsrec" --verify >/dev/null 2>&1 && ok "the long run (${long_ms} ms) verifies" || bad "the long run does not verify"

# Waits (up to 20 s) for the recording's header to be linked into place.
wait_for_birth() {
  local n=0
  while [ ! -e "$1" ] && [ "$n" -lt 2000 ]; do
    sleep 0.01
    n=$((n + 1))
  done
}

killed=0
unborn=0
midway=0
for i in $(seq 1 "$KILLS"); do
  rec="$TMP/k$i.gsrec"
  if ((i % 2)); then
    what="lesson"
    ms=$((RANDOM % (whole_ms > 200 ? whole_ms / 2 : 100)))
    (slow_lesson | exec "$SIM" lesson 02-drift-and-self-heal --terminal --record "$rec" >/dev/null 2>&1) &
    pid=$!
    # The kill moment counts from the recording's birth: a sanitizer build
    # takes longer to start than a whole lesson takes in a plain one.
    wait_for_birth "$rec"
    # The pid is the subshell's: kill the gitops-sim in it.
    sleep "$(awk -v m="$ms" 'BEGIN { printf "%.3f", m / 1000 }')"
    sim_pid=$(pgrep -P "$pid" -f "lesson 02-drift-and-self-heal" | head -1)
    [ -n "$sim_pid" ] && kill -9 "$sim_pid" 2>/dev/null && killed=$((killed + 1))
    kill "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  else
    what="run"
    ms=$((RANDOM % (long_ms > 100 ? long_ms - 100 : 50)))
    long_run "$rec" &
    pid=$!
    wait_for_birth "$rec"
    sleep "$(awk -v m="$ms" 'BEGIN { printf "%.3f", m / 1000 }')"
    kill -9 "$pid" 2>/dev/null && killed=$((killed + 1))
    wait "$pid" 2>/dev/null
  fi
  if [ ! -e "$rec" ]; then
    unborn=$((unborn + 1))
    ok "kill $i ($what at ${ms} ms after its birth): killed before the recording was created"
    continue
  fi
  "$SIM" replay "$rec" --verify >"$TMP/out" 2>"$TMP/err"
  rc=$?
  if [ "$rc" -eq 0 ]; then
    # Read-only: the file stays as the kill left it.
    closed=$(sqlite3 -readonly "$rec" "SELECT value FROM meta WHERE key = 'closed';" 2>/dev/null)
    [ "$closed" = "0" ] && midway=$((midway + 1))
    ok "kill $i ($what ${ms} ms after its recording was created, closed=$closed): $(sed 's/.*: same — //' "$TMP/out")"
  else
    bad "kill $i ($what ${ms} ms after its recording was created): verify exit $rc: $(cat "$TMP/out" "$TMP/err" | head -4)"
    cp "$rec"* /tmp/ 2>/dev/null
  fi
  rm -f "$rec" "$rec-wal" "$rec-shm"
done
# Most kills must land in the middle of a session, not after it ended.
[ "$killed" -ge $((KILLS / 2)) ] && ok "$killed of $KILLS processes were killed while running" || bad "only $killed of $KILLS processes were still running when killed"
[ "$midway" -ge $((KILLS / 2)) ] && ok "$midway recordings were left unclosed, mid-session" || bad "only $midway of $KILLS recordings were left mid-session"
[ "$unborn" -eq 0 ] && ok "every recording existed when its process was killed" || bad "$unborn of $KILLS recordings never appeared in 20 s"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
