#!/bin/sh
# `gitops-sim help`: the overview, one command in either language, and bad
# input (an unknown command, an unknown language) as exit 2 with a message.
# Usage: cli_help.sh GITOPS_SIM
set -u
sim=$1
fail=0
check() {  # NAME WANT_RC GOT_RC
  if [ "$2" != "$3" ]; then echo "FAIL: $1: exit $3, expected $2"; fail=1; fi
}

out=$("$sim" help); check "help" 0 $?
echo "$out" | grep -q '^  git commit  ' || { echo "FAIL: help lists no git commit"; fail=1; }
echo "$out" | grep -q '^  argocd app sync ' || { echo "FAIL: help lists no argocd app sync"; fail=1; }

out=$("$sim" help argocd app sync --lang ko); check "help argocd app sync --lang ko" 0 $?
[ "$(echo "$out" | head -n 1)" = "### argocd app sync" ] || { echo "FAIL: help argocd app sync: $out"; fail=1; }
echo "$out" | grep -q '동기화를 시작합니다' || { echo "FAIL: help --lang ko is not the Korean page"; fail=1; }

err=$("$sim" help git comit 2>&1 >/dev/null); check "help git comit" 2 $?
[ "$err" = "help: no command 'git comit'; did you mean 'git commit'? help lists every command" ] ||
  { echo "FAIL: help git comit said: $err"; fail=1; }

err=$("$sim" help --lang kr 2>&1 >/dev/null); check "help --lang kr" 2 $?
[ "$err" = "help: --lang 'kr': expected en or ko" ] || { echo "FAIL: help --lang kr said: $err"; fail=1; }
exit $fail
