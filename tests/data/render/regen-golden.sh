#!/usr/bin/env bash
# Regenerates the kustomize golden files: for every case under kustomize/ with an
# overlay/ and no expected-error.txt, writes `kubectl kustomize CASE/overlay` to
# CASE/expected.yaml. Run from anywhere; needs kubectl (kustomize v5) on PATH.
set -euo pipefail
cd "$(dirname "$0")/kustomize"
command -v kubectl >/dev/null || { echo "regen-golden.sh: kubectl not found" >&2; exit 1; }
version=$(kubectl version --client 2>/dev/null | sed -n 's/^Kustomize Version: //p')
for dir in */; do
  c=${dir%/}
  [ -d "$c/overlay" ] || continue
  [ -f "$c/expected-error.txt" ] && continue
  # stderr carries deprecation warnings (commonLabels, patchesStrategicMerge...)
  kubectl kustomize "$c/overlay" 2>/dev/null > "$c/expected.yaml"
  echo "regen-golden.sh: $c"
done
echo "regen-golden.sh: done with kustomize $version"
