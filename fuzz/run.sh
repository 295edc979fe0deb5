#!/usr/bin/env bash
# Runs the libFuzzer harnesses under ASan+UBSan, one after another, one
# process each (the machine is shared), niced (FUZZ_NICE, default 19; a
# niced fuzzer beside a build gets almost no CPU, so count CPU seconds, not
# wall time).
#
#   fuzz/run.sh [SECONDS] [HARNESS...]     default: 60 seconds, all five
#
# Builds build-fuzz/ with clang (GS_FUZZ=ON), seeds an empty corpus from the
# repository (fuzz/seed.py), fuzzes each harness for SECONDS of wall time with
# fuzz/corpus/<harness>/ as its corpus, then minimises that corpus again with
# -merge=1 (only inputs that add coverage stay). Inputs that crash, hang past
# -timeout or grow past -rss_limit_mb land in fuzz/regressions/<harness>/ as
# crash-*, timeout-* and oom-*; rename them after what they show and commit
# them with the fix (the test suite replays every one). Logs go to
# build-fuzz/logs/. At the end it prints the CPU seconds each harness used.
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_EACH=${1:-60}
shift || true
HARNESSES=("$@")
((${#HARNESSES[@]})) || HARNESSES=(scenario yaml command kustomize recording)

# Longest input each harness takes: scenario files and YAML manifests are
# hand-written text of a few kB; a command is one line; a kustomize input
# holds a few files; a recording is an SQLite file of a short session
# (its corpus is committed: small real recordings, none seeded).
declare -A MAX_LEN=([scenario]=65536 [yaml]=16384 [command]=2048 [kustomize]=32768 [recording]=262144)
# Every input must be quick and small: one slower than TIMEOUT_S seconds or
# using more than RSS_MB (with ASan's own overhead) is a finding. libFuzzer
# times inputs by the wall clock, which a niced process on a busy machine
# loses; so a timeout-* is kept only when it also needs more than
# SLOW_CPU_S seconds of CPU when run again alone.
NICE=${FUZZ_NICE:-19}
TIMEOUT_S=10
SLOW_CPU_S=2
RSS_MB=1024

# clang 16 or newer: sim/cluster captures structured bindings in lambdas
# (C++20, P1091R3), which clang 14 refuses.
CXX_FUZZ=${CXX_FUZZ:-}
if [ -z "$CXX_FUZZ" ]; then
  for c in clang++-19 clang++-18 clang++-17 clang++-16 clang++; do
    if command -v "$c" >/dev/null; then CXX_FUZZ=$c; break; fi
  done
fi
[ -n "$CXX_FUZZ" ] || { echo "fuzz/run.sh: no clang++ (apt-get install clang-16 libclang-rt-16-dev)" >&2; exit 2; }

BUILD=build-fuzz
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
[ -n "${FUZZ_NO_BUILD:-}" ] || cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER="$CXX_FUZZ" \
  -DGS_FUZZ=ON -DGS_BUILD_TESTS=OFF "${launcher[@]}" >/dev/null
targets=()
for h in "${HARNESSES[@]}"; do targets+=("fuzz_$h"); done
# FUZZ_NO_BUILD=1: fuzz the harnesses as last built (several runs at once).
[ -n "${FUZZ_NO_BUILD:-}" ] || nice -n "$NICE" cmake --build "$BUILD" -j "${FUZZ_BUILD_JOBS:-2}" --target "${targets[@]}"

mkdir -p "$BUILD/logs"
stamp=$(date +%Y%m%d-%H%M%S)
declare -A CPU_S
for h in "${HARNESSES[@]}"; do
  exe=$BUILD/fuzz/fuzz_$h
  corpus=fuzz/corpus/$h
  regressions=fuzz/regressions/$h
  fresh=$BUILD/new/$h
  log=$BUILD/logs/$h-$stamp.log
  mkdir -p "$corpus" "$regressions"
  rm -rf "$fresh" && mkdir -p "$fresh"
  if [ -z "$(ls -A "$corpus")" ]; then
    rm -rf "$BUILD/seeds" && python3 fuzz/seed.py "$BUILD/seeds"
    nice -n "$NICE" "$exe" -merge=1 -max_len="${MAX_LEN[$h]}" -timeout="$TIMEOUT_S" -rss_limit_mb="$RSS_MB" \
      "$corpus" "$BUILD/seeds/$h" >>"$log" 2>&1
  fi
  echo "fuzz/run.sh: $h for ${SECONDS_EACH}s (log: $log)"
  # -fork=1 keeps going after a finding. The fuzzing process and its
  # children are timed; new inputs go to $fresh. It runs in $regressions,
  # where fork mode writes timeout-* files whatever -artifact_prefix says.
  root=$PWD
  (cd "$regressions" && nice -n "$NICE" /usr/bin/time -f "%U %S" -o "$root/$BUILD/logs/$h-$stamp.time" \
    "$root/$exe" -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
    -max_total_time="$SECONDS_EACH" -max_len="${MAX_LEN[$h]}" -timeout="$TIMEOUT_S" -rss_limit_mb="$RSS_MB" \
    -artifact_prefix="$root/$regressions/" -print_final_stats=1 \
    "$root/$fresh" "$root/$corpus") >>"$log" 2>&1 || echo "fuzz/run.sh: $h exited with $? (see $log)"
  for t in "$regressions"/timeout-*; do
    [ -e "$t" ] || continue
    cpu=$(/usr/bin/time -f "%U %S" "$exe" -runs=1 "$t" 2>&1 >/dev/null | tail -1 | awk '{print $1 + $2}')
    if awk -v c="$cpu" -v s="$SLOW_CPU_S" 'BEGIN { exit !(c < s) }'; then
      echo "fuzz/run.sh: $t needs ${cpu}s of CPU alone: the machine was busy, not the input slow; dropped" >>"$log"
      rm -f "$t"
    fi
  done
  # Minimise: the smallest set of inputs with the coverage of the old corpus
  # and the new finds, replacing the corpus.
  merged=$BUILD/merged/$h
  rm -rf "$merged" && mkdir -p "$merged"
  nice -n "$NICE" "$exe" -merge=1 -max_len="${MAX_LEN[$h]}" -timeout="$TIMEOUT_S" -rss_limit_mb="$RSS_MB" \
    "$merged" "$corpus" "$fresh" >>"$log" 2>&1
  if [ -n "$(ls -A "$merged")" ]; then
    rm -rf "$corpus" && mv "$merged" "$corpus"
  fi
  # The last line: /usr/bin/time writes "Command exited with ..." above it.
  CPU_S[$h]=$(tail -1 "$BUILD/logs/$h-$stamp.time" | awk '{printf "%.0f", $1 + $2}')
  found=$(ls "$regressions" | grep -cE '^(crash|timeout|oom|leak|slow-unit)-' || true)
  echo "fuzz/run.sh: $h: ${CPU_S[$h]} CPU seconds, corpus $(ls "$corpus" | wc -l) inputs, $found unsorted finding(s) in $regressions"
done

echo
echo "CPU seconds fuzzed (user+sys, this run):"
for h in "${HARNESSES[@]}"; do printf '  %-10s %6s\n' "$h" "${CPU_S[$h]}"; done
