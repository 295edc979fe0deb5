#!/usr/bin/env bash
# Pair mode in the terminal lesson, end to end (issue 11): `gitops-sim
# lesson 02 --terminal --pair "Mina,Joon" --pair-elapsed 1m --swap 1m`
# prints who drives and the swap due at once, the navigator's prompts; each
# command is recorded with the driver of the moment and their role; the
# recording verifies and its report names both partners and the swap. Bad
# --pair flags exit 2 with one line.
# usage: pair_cli_test.sh GITOPS_SIM SOURCE_DIR
. "$(dirname "$0")/lib.sh" "$@"

"$SIM" lesson 02-drift-and-self-heal --terminal --pair "Mina,Joon" --swap 1m --pair-elapsed 1m \
  --record "$TMP/pair.gsrec" >"$TMP/out" 2>"$TMP/err" <<'EOF2'
argocd app list
answer 2
next
sim advance 2m30s
quit
EOF2
rc=$?
[ "$rc" -eq 0 ] && ok "a pair's lesson in the terminal (exit 0)" || bad "pair lesson: exit $rc $(head -3 "$TMP/err")"
has "$TMP/out" "Pair mode — Mina: Explainer, Joon: Questioner" "the pair is introduced in the question step's roles"
has "$TMP/out" "*** Swap: Joon explains now ***" "the swap due after a minute is printed"
has "$TMP/out" "Mina (Questioner) asks:" "the questioner's prompts are named for the partner not at the keyboard"
has "$TMP/out" "Adopting GitOps" "a discussion step's prompts are the lecture's questions"

expect_rc 0 "the pair's recording verifies" "$SIM" replay "$TMP/pair.gsrec" --verify
rows=$(sqlite3 "$TMP/pair.gsrec" "SELECT actor || '/' || role || ' ' || text FROM actions WHERE kind = 'command' ORDER BY seq;")
echo "$rows" | grep -qx "Joon/explainer argocd app list" && ok "a command in a discussion step: Joon, explainer" || bad "commands: $rows"
echo "$rows" | grep -qx "Joon/driver sim advance 2m30s" && ok "a command in a hands-on step: Joon, driver" || bad "commands: $rows"
swaps=$(sqlite3 "$TMP/pair.gsrec" "SELECT detail FROM actions WHERE kind = 'role-swap';")
[ "$swaps" = "to=Joon from=Mina roles=explainer/questioner n=1" ] && ok "the swap is a role-swap mark" || bad "role-swap marks: $swaps"
people=$(sqlite3 "$TMP/pair.gsrec" "SELECT name || ':' || role FROM participants ORDER BY id;" | tr '\n' ' ')
[ "$people" = "Mina:driver Joon:navigator " ] && ok "both partners are the recording's participants" || bad "participants: $people"
expect_rc 0 "report on the pair's recording" "$SIM" report "$TMP/pair.gsrec" --json
has "$TMP/out" '"role_swaps": 1' "the report counts the swap"

# Korean.
printf 'quit\n' | "$SIM" lesson 02-drift-and-self-heal --terminal --pair "민아,준" --lang ko --no-record >"$TMP/out" 2>&1
has "$TMP/out" "페어 모드 — 민아: 설명자, 준: 질문자" "the pair in Korean"

for flags in "--pair Mina" "--pair ,Joon" "--swap 1m" "--pair Mina,Joon --swap 1s" "--pair Mina,Joon --pair-elapsed x"; do
  # shellcheck disable=SC2086
  expect_rc 2 "lesson $flags" "$SIM" lesson 02-drift-and-self-heal --terminal --no-record $flags </dev/null
  [ "$(wc -l <"$TMP/err")" -eq 1 ] && grep -q "^lesson: " "$TMP/err" && ok "one line: $(cat "$TMP/err")" || bad "error for $flags: $(cat "$TMP/err")"
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
