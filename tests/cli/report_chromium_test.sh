#!/usr/bin/env bash
# The report's page in a real browser: headless Chromium loads it from a
# file with the network off, and the DOM it builds has the table and a
# timeline per recording; a screenshot is taken. Skipped (exit 77) where
# Chromium is not installed.
# usage: report_chromium_test.sh GITOPS_SIM SOURCE_DIR
set -u
SIM=$1
SRC=$2
CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROMIUM" ]; then
  echo "chromium is not installed: skipped"
  exit 77
fi
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export XDG_DATA_HOME="$TMP/data" HOME="$TMP"
unset DISPLAY WAYLAND_DISPLAY
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok   $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; }

printf 'answer 2\nnext\nhint\nkubectl get nonsense\nskip\nquit\n' |
  "$SIM" lesson 2 --terminal --record "$TMP/a.gsrec" >/dev/null 2>&1
"$SIM" run "$SRC/scenarios/06-bad-image-and-revert.yaml" --record "$TMP/b.gsrec" >/dev/null 2>&1
"$SIM" report "$TMP/a.gsrec" "$TMP/b.gsrec" --html "$TMP/report.html" >/dev/null 2>"$TMP/err" \
  && ok "the page is written" || bad "report --html: $(cat "$TMP/err")"

flags=(--headless --no-sandbox --disable-gpu --no-first-run --user-data-dir="$TMP/profile"
       --proxy-server=127.0.0.1:9 --proxy-bypass-list='<-loopback>')
timeout 120 "$CHROMIUM" "${flags[@]}" --dump-dom "file://$TMP/report.html" >"$TMP/dom.html" 2>/dev/null
[ "$(grep -o '<svg class="timeline"' "$TMP/dom.html" | wc -l)" -eq 2 ] \
  && ok "the browser's DOM has a timeline per recording" || bad "DOM timelines: $(grep -c timeline "$TMP/dom.html")"
grep -q '<th>RECORDING</th>' "$TMP/dom.html" && ok "the browser's DOM has the table" || bad "no table in the DOM"
timeout 120 "$CHROMIUM" "${flags[@]}" --screenshot="$TMP/report.png" --window-size=1400,1000 \
  "file://$TMP/report.html" >/dev/null 2>&1
[ "$(head -c 8 "$TMP/report.png" 2>/dev/null | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ] \
  && ok "a screenshot is taken" || bad "no PNG screenshot"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
