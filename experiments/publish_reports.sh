#!/usr/bin/env bash
# Copies each experiment's report as produced (report.md, results.json, plots) from
# results/experiments/NAME/ into docs/experiments/NAME/, which docs/EXPERIMENTS.md links to.
#   bash experiments/publish_reports.sh [NAME ...]     (default: every experiment that has a report)
set -euo pipefail
cd "$(dirname "$0")/.."
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
  for f in experiments/*.toml; do names+=("$(basename "$f" .toml)"); done
fi
for n in "${names[@]}"; do
  src=results/experiments/$n
  if [ ! -f "$src/report.md" ]; then echo "$n: no report yet ($src/report.md); run: spot experiment $n"; continue; fi
  mkdir -p "docs/experiments/$n"
  cp "$src/report.md" "$src/results.json" "docs/experiments/$n/"
  cp "$src"/*.png "docs/experiments/$n/" 2>/dev/null || true
  echo "$n: docs/experiments/$n/report.md"
done
