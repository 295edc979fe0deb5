#!/bin/sh
# Every `$ gitops-sim exec ...` example in docs/reference/commands.md and its
# Korean page prints what the page shows below it (stdout and stderr as a
# terminal shows them). Where the page elides with a `...` line, the shown
# lines must appear in the output in the same order. An example may go on over
# several lines: a quoted argument holding a here-document (git write).
# Usage: exec_examples.sh GITOPS_SIM SOURCE_DIR
set -eu
sim=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$src"

fail=0
for page in docs/reference/commands.md docs/ko/reference/commands.md; do
  rm -f "$tmp"/ex_*
  # ex_N.sh: the command line; ex_N.out: the lines shown after it, up to the
  # fence. A command whose single quotes are not balanced on its first line
  # (an argument holding a here-document) goes on until they are.
  awk -v dir="$tmp" -v q="'" '
    open { print >> cmd; if (gsub(q, q) % 2) { open = 0; close(cmd) } ; next }
    /^```/ { if (n != "") { close(dir "/ex_" n ".out"); n = "" } ; next }
    /^\$ gitops-sim exec / {
      ++count; n = count; cmd = dir "/ex_" n ".sh"
      sub(/^\$ gitops-sim /, ""); print > cmd
      if (gsub(q, q) % 2) open = 1; else close(cmd)
      printf "" > (dir "/ex_" n ".out"); next
    }
    n != "" { print >> (dir "/ex_" n ".out") }
  ' "$page"
  for cmd in "$tmp"/ex_*.sh; do
    want=${cmd%.sh}.out
    line=$(cat "$cmd")
    eval "\"\$sim\" $line" > "$tmp/got" 2>&1 || true
    if grep -qx '\.\.\.' "$want"; then
      # In order: each shown line, skipping "...", found after the previous one.
      awk 'NR == FNR { if ($0 != "...") want[++w] = $0; next } i < w && $0 == want[i + 1] { i++ } END { exit i == w ? 0 : 1 }' \
        "$want" "$tmp/got" || { echo "FAIL: $page: $line"; echo "--- shown (in order)"; cat "$want"; echo "--- printed"; cat "$tmp/got"; fail=1; }
    elif ! cmp -s "$want" "$tmp/got"; then
      echo "FAIL: $page: $line"
      diff "$want" "$tmp/got" || true
      fail=1
    fi
  done
  echo "$page: $(ls "$tmp"/ex_*.sh | wc -l) examples"
done
exit $fail
