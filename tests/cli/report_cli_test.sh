#!/usr/bin/env bash
# `gitops-sim report` end to end (recording-format.md, "The CLI"): lesson
# recordings made in the terminal and a scenario's `run --record`, reported
# as a table, JSON, CSV and one self-contained HTML page; directories; bad
# files and flags (exit 2, one line).
# usage: report_cli_test.sh GITOPS_SIM SOURCE_DIR
. "$(dirname "$0")/lib.sh" "$@"
lines() {  # lines FILE N NAME
  local n; n=$(wc -l <"$1")
  if [ "$n" -eq "$2" ]; then ok "$3"; else bad "$3: $n lines, wanted $2"; sed 's/^/    /' "$1" | head -8; fi
}

REC="$TMP/recs"
mkdir -p "$REC"
# Lesson 02: the right answer, a hint, a failed command, a skip, a denied command.
"$SIM" lesson 2 --terminal --record "$REC/a-lesson.gsrec" >/dev/null 2>"$TMP/err" <<'IN'
answer 2
next
hint
kubectl get pods -n shop
kubectl get nonsense
skip
next
kubectl scale deployment/web --replicas=2 -n shop --cluster dev
quit
IN
[ -s "$REC/a-lesson.gsrec" ] && ok "a lesson recording is made" || bad "no lesson recording: $(head -3 "$TMP/err")"
# Lesson 02 again: a wrong answer, then quit.
printf 'answer 1\nquit\n' | "$SIM" lesson 2 --terminal --lang ko --record "$REC/b-lesson.gsrec" >/dev/null 2>"$TMP/err"
[ -s "$REC/b-lesson.gsrec" ] && ok "a second lesson recording" || bad "no second recording: $(head -3 "$TMP/err")"
"$SIM" run "$SRC/scenarios/06-bad-image-and-revert.yaml" --record "$REC/c-run.gsrec" >/dev/null 2>"$TMP/err"
[ -s "$REC/c-run.gsrec" ] && ok "a run recording" || bad "no run recording: $(head -3 "$TMP/err")"

# A take-over of the first at 1m30s: its recording names the parent.
printf 'kubectl get pods -n shop\nquit\n' |
  "$SIM" replay "$REC/a-lesson.gsrec" --fork-at 1m30s --record "$TMP/fork.gsrec" >/dev/null 2>"$TMP/err"
expect_rc 0 "report of a fork" "$SIM" report "$TMP/fork.gsrec"
grep -q "^fork.gsrec .* a-lesson.gsrec @ 1m30s " "$TMP/out" && ok "a fork's row names its parent and where" || bad "fork row: $(grep fork "$TMP/out")"

# The table.
expect_rc 0 "report of three recordings" "$SIM" report "$REC/a-lesson.gsrec" "$REC/b-lesson.gsrec" "$REC/c-run.gsrec"
sed '/^$/,$d' "$TMP/out" >"$TMP/table"
lines "$TMP/table" 4 "a header and a row per recording (the table, before the DORA sections)"
[ "$(grep -c '^DORA metrics over virtual ' "$TMP/out")" -eq 3 ] && ok "a DORA section per recording, replayed" || bad "DORA sections: $(grep -c '^DORA metrics' "$TMP/out")"
grep -q "^shop-dev  *dev  *3 " "$TMP/out" && ok "the run's DORA: 3 deployments of shop-dev" || bad "run DORA: $(grep shop-dev "$TMP/out")"
has "$TMP/out" "RECORDING" "the header"
grep -q "^a-lesson.gsrec .* drift-and-self-heal  *1/3  *1  *1  *1/1  *3  *1  *1  *0 " "$TMP/out" \
  && ok "lesson row: 1 of 3 passed, 1 skipped, 1 hint, 1 of 1 right, 3 commands, 1 failed, 1 denied, 0 faults" || bad "lesson row: $(grep a-lesson "$TMP/out")"
grep -q "^b-lesson.gsrec .* drift-and-self-heal  *1/3  *0  *0  *0/1 " "$TMP/out" && ok "a wrong answer: 0 of 1 right" || bad "wrong answer row: $(grep b-lesson "$TMP/out")"
grep -q "^c-run.gsrec .* bad-image-and-revert " "$TMP/out" && ok "the run's row names its scenario" || bad "run row: $(grep c-run "$TMP/out")"

# A directory: every *.gsrec in it, by name; the same table.
cp "$TMP/out" "$TMP/files.txt"
echo "not me" >"$REC/notes.txt"
expect_rc 0 "report of a directory" "$SIM" report "$REC"
cmp -s "$TMP/out" "$TMP/files.txt" && ok "a directory reports its recordings by name" || bad "directory table differs"
expect_rc 0 "report --lang ko" "$SIM" report "$REC" --lang ko
has "$TMP/out" "드리프트" "Korean titles with --lang ko"

# JSON and CSV.
expect_rc 0 "report --json" "$SIM" report "$REC" --json
[ "$(grep -c '^    "file": ' "$TMP/out")" -eq 3 ] && ok "JSON: one object per recording" || bad "JSON objects: $(grep -c '"file"' "$TMP/out")"
has "$TMP/out" '"failed_commands": 1,' "JSON counts the failed command"
has "$TMP/out" '"denied_commands": 1,' "JSON counts the denied command"
if command -v python3 >/dev/null; then
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert len(d)==3 and d[0]["steps"]["skipped"]==1' "$TMP/out" \
    && ok "JSON parses" || bad "JSON does not parse as expected"
fi
expect_rc 0 "report --csv" "$SIM" report "$REC" --csv
lines "$TMP/out" 4 "CSV: a header and three rows"
[ "$(grep -c $'\r$' "$TMP/out")" -eq 4 ] && ok "CSV lines end with CRLF" || bad "CSV line ends"
head -1 "$TMP/out" | grep -q '^file,kind,name,title,' && ok "CSV header" || bad "CSV header: $(head -1 "$TMP/out")"
head -1 "$TMP/out" | grep -q ',dora_median_recovery_ms'$'\r''$' && ok "CSV: DORA's totals in the last columns" || bad "CSV DORA columns: $(head -1 "$TMP/out")"

# The page.
expect_rc 0 "report --html" "$SIM" report "$REC" --html "$TMP/report.html"
[ -s "$TMP/report.html" ] && ok "the page is written" || bad "no page"
sed '/^$/,$d' "$TMP/out" >"$TMP/table"
lines "$TMP/table" 4 "--html still prints the table"
[ "$(grep -o '<h3>DORA metrics (replayed' "$TMP/report.html" | wc -l)" -eq 3 ] && ok "a DORA table per recording in the page" || bad "DORA tables: $(grep -c '<h3>DORA' "$TMP/report.html")"
if grep -qE 'https?://' "$TMP/report.html"; then bad "the page refers to the network: $(grep -oE 'https?://[^"]*' "$TMP/report.html" | head -3)"; else ok "no http:// or https:// in the page"; fi
[ "$(grep -o '<svg class="timeline"' "$TMP/report.html" | wc -l)" -eq 3 ] && ok "one timeline per recording" || bad "timelines: $(grep -c '<svg class="timeline"' "$TMP/report.html")"
[ "$(grep -o '<svg class="steps"' "$TMP/report.html" | wc -l)" -eq 2 ] && ok "step timings for the two lesson recordings" || bad "step timings"
if grep -qiE '<(script|link|img|iframe)' "$TMP/report.html"; then bad "the page has scripts, links or images"; else ok "inline CSS and SVG only"; fi
"$SIM" report "$REC" --html "$TMP/again.html" >/dev/null 2>&1
cmp -s "$TMP/report.html" "$TMP/again.html" && ok "the same recordings give the same page" || bad "the page differs between runs"

# Bad input: exit 2, one line, no report.
printf 'not a recording at all, just text long enough to be read as a header..........' >"$TMP/bad.gsrec"
expect_rc 2 "a file that is not a recording" "$SIM" report "$REC/a-lesson.gsrec" "$TMP/bad.gsrec"
[ "$(wc -l <"$TMP/err")" -eq 1 ] && ok "one line for the bad file" || bad "stderr: $(cat "$TMP/err")"
has "$TMP/err" "bad.gsrec" "the line names the file"
[ ! -s "$TMP/out" ] && ok "no report when a file is bad" || bad "printed a report anyway"
expect_rc 2 "a missing file" "$SIM" report "$TMP/missing.gsrec"
[ "$(wc -l <"$TMP/err")" -eq 1 ] && ok "one line for the missing file" || bad "stderr: $(cat "$TMP/err")"
mkdir -p "$TMP/empty"
expect_rc 2 "a directory without recordings" "$SIM" report "$TMP/empty"
has "$TMP/err" "no recordings" "an empty directory is explained"
expect_rc 2 "--json and --csv together" "$SIM" report "$REC" --json --csv
expect_rc 2 "an unknown --lang" "$SIM" report "$REC" --lang fr
expect_rc 2 "no recordings given" "$SIM" report

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
