#!/usr/bin/env bash
# A sweep of bench_world over app counts, fixed commits and commits growing
# with the services, for one or more builds of it side by side (e.g. before
# and after a change), in one run so they share the machine's load:
#
#   bench/world/sweep.sh [-a "150 300 999 3000"] LABEL=path/to/bench_world ...
#
# Prints one Markdown row per (build, apps, commits): the bench's own CPU
# seconds and peak RSS, and the ratio of CPU to the smallest app count's.
set -euo pipefail

apps="150 300 999 3000"
if [[ "${1:-}" == "-a" ]]; then
  apps="$2"
  shift 2
fi
[[ $# -ge 1 ]] || { echo "usage: $0 [-a \"150 300\"] LABEL=bench_world ..." >&2; exit 2; }

echo "| build | apps | commits | CPU s | peak RSS MB | CPU vs first |"
echo "|---|---:|---|---:|---:|---:|"
for load in "--commits 50" "--commits-per-service 0.333"; do
  for build in "$@"; do
    label="${build%%=*}"
    bin="${build#*=}"
    first=""
    for n in $apps; do
      out=$("$bin" --apps "$n" $load)
      line=$(grep -m1 "1 virtual day" <<<"$out")
      commits=$(sed -E 's/.* apps, ([0-9]+) commits.*/\1/' <<<"$line")
      cpu=$(sed -E 's/.*\(([0-9.]+) s CPU\).*/\1/' <<<"$line")
      rss=$(sed -E 's/.*peak RSS ([0-9]+) MB.*/\1/' <<<"$line")
      first=${first:-$cpu}
      ratio=$(awk -v a="$cpu" -v b="$first" 'BEGIN { printf "%.1fx", a / b }')
      echo "| $label | $n | $commits ($load) | $cpu | $rss | $ratio |"
    done
  done
done
