#!/usr/bin/env bash
# `gitops-sim lesson verify` over every lesson in lessons/ (listed here, so a
# new lesson is verified without touching CMake): exit 0, the same bytes
# twice, and `validate` accepts them; a lesson without Korean exits 2 with
# FILE:LINE:COL.
# usage: verify_shipped.sh GITOPS_SIM SOURCE_DIR
set -u
SIM=$1
SRC=$2
shopt -s nullglob
lessons=("$SRC"/lessons/[0-9]*.yaml)  # class-*.yaml are class plans (test_classroom)
if [ ${#lessons[@]} -eq 0 ]; then
  echo "no lessons in $SRC/lessons"
  exit 1
fi
a=$("$SIM" lesson verify "${lessons[@]}")
rc=$?
echo "$a"
if [ $rc -ne 0 ]; then
  echo "lesson verify exited $rc"
  exit 1
fi
b=$("$SIM" lesson verify "${lessons[@]}")
if [ "$a" != "$b" ]; then
  echo "lesson verify gave different output on a second run"
  exit 1
fi
if ! "$SIM" validate "${lessons[@]}"; then
  echo "validate refused a lesson"
  exit 1
fi
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
sed '0,/ko: "커밋, 폴링, 그리고 새로고침"/s//kr: "x"/' "$SRC/lessons/01-poll-then-refresh.yaml" >"$TMP/01.yaml"
out=$("$SIM" lesson verify "$TMP/01.yaml")
rc=$?
if [ $rc -ne 2 ] || ! echo "$out" | grep -q "^$TMP/01.yaml:[0-9]*:[0-9]*: "; then
  echo "a lesson without Korean: exit $rc, wanted 2 with FILE:LINE:COL; got:"
  echo "$out"
  exit 1
fi
echo "$out"
