#!/bin/sh
# The complete examples in docs/reference/{scenario,lesson}-format.md and their
# Korean pages load and behave as the pages say: each block after a
# `<!-- file: NAME -->` line is written to NAME; scenarios must validate and
# `run` with every expectation holding, lessons must pass `lesson verify`; and
# the Korean page shows the same files byte for byte.
# Usage: format_examples.sh GITOPS_SIM SOURCE_DIR
set -eu
sim=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

extract() {  # PAGE DIR: write each marked block of PAGE into DIR
  mkdir -p "$2"
  awk -v dir="$2" '
    /^<!-- file: .* -->$/ { name = $3; next }
    name != "" && /^```/ && out == "" { out = dir "/" name; next }
    out != "" && /^```$/ { close(out); out = ""; name = ""; next }
    out != "" { print > out }
  ' "$1"
}

for page in scenario-format lesson-format; do
  extract "$src/docs/reference/$page.md" "$tmp/en"
  extract "$src/docs/ko/reference/$page.md" "$tmp/ko"
done

count=0
for f in "$tmp"/en/*.yaml; do
  name=$(basename "$f")
  count=$((count + 1))
  cmp "$f" "$tmp/ko/$name" || { echo "FAIL: the Korean page's $name differs from the English one"; exit 1; }
  "$sim" validate "$f"
  if grep -q '^kind: Lesson$' "$f"; then
    "$sim" lesson verify "$f"
  else
    "$sim" run "$f" > "$tmp/run.out" || { cat "$tmp/run.out"; echo "FAIL: $name: an expectation does not hold"; exit 1; }
    tail -n 1 "$tmp/run.out" | grep -q '^event stream sha256' || { echo "FAIL: $name: no result line"; exit 1; }
  fi
done
[ "$count" -eq 2 ] || { echo "FAIL: expected 2 examples (a scenario and a lesson), found $count"; exit 1; }
[ "$(ls "$tmp/ko" | wc -l)" -eq 2 ] || { echo "FAIL: the Korean pages hold a different number of examples"; exit 1; }
echo "ok: $count examples"
