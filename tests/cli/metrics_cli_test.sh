#!/usr/bin/env bash
# `gitops-sim metrics` end to end: the table per app and environment in both
# languages, --json and --csv, --until, the same bytes twice, and bad input
# (exit 2, nothing on stdout).
# usage: metrics_cli_test.sh GITOPS_SIM SOURCE_DIR
. "$(dirname "$0")/lib.sh" "$@"
S06="$SRC/scenarios/06-bad-image-and-revert.yaml"

expect_rc 0 "metrics of scenario 06" "$SIM" metrics "$S06"
grep -q "^shop-dev  *dev  *3  *216.0 Elite .*1/3 (33.3%) Low  *1m58s Elite$" "$TMP/out" \
  && ok "shop-dev: 3 deployments, 1 failed (Degraded), restored in 1m58s" || bad "row: $(grep shop-dev "$TMP/out")"
has "$TMP/out" "Per environment" "an environment's total"
cp "$TMP/out" "$TMP/first"
"$SIM" metrics "$S06" >"$TMP/again" 2>&1
cmp -s "$TMP/first" "$TMP/again" && ok "the same run prints the same bytes" || bad "the output differs between runs"

expect_rc 0 "metrics --lang ko" "$SIM" metrics "$S06" --lang ko
has "$TMP/out" "리드 타임" "Korean headers"

expect_rc 0 "metrics --until 5m" "$SIM" metrics "$S06" --until 5m
grep -q "^shop-dev  *dev  *2 " "$TMP/out" && ok "by 5m: the first sync and 9.9.9" || bad "until row: $(grep shop-dev "$TMP/out")"

expect_rc 0 "metrics --json" "$SIM" metrics "$S06" --json
if command -v python3 >/dev/null; then
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); a=d["apps"][0]; assert a["app"]=="shop-dev" and a["deployments"]==3 and a["failed"]==1 and d["deployments"][1]["failure"]=="Degraded" and d["total"]["deployments"]==3' "$TMP/out" \
    && ok "JSON: apps, deployments and the failure" || bad "JSON does not parse as expected"
fi
expect_rc 0 "metrics --csv" "$SIM" metrics "$S06" --csv
head -1 "$TMP/out" | grep -q '^app,env,production,deployments,' && ok "CSV header" || bad "CSV header: $(head -1 "$TMP/out")"
[ "$(wc -l <"$TMP/out")" -eq 3 ] && ok "CSV: the app and the environment" || bad "CSV lines: $(wc -l <"$TMP/out")"

expect_rc 2 "--json and --csv together" "$SIM" metrics "$S06" --json --csv
[ -s "$TMP/out" ] && bad "stdout on a bad flag" || ok "nothing on stdout"
expect_rc 2 "a bad --until" "$SIM" metrics "$S06" --until soon
has "$TMP/err" "--until" "the error names --until"
expect_rc 2 "a bad --lang" "$SIM" metrics "$S06" --lang fr
expect_rc 2 "a missing file" "$SIM" metrics "$TMP/none.yaml"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
