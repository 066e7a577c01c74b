#!/usr/bin/env bash
# Runs trackers over a dataset with `spot run`, scores them all with `spot eval`, and writes a
# Markdown report (tables + plots). Resumable: finished sequences are kept.
#   experiments/baselines.sh DATASET OUT_DIR REPORT.md [TRACKERS...]
# A tracker is a name (csrt, spot, ...) or NAME=TRACKER:TRACKER_CONFIG for SPOT variants, e.g.
#   spot-offline=spot:experiments/online-ablation/offline.toml
# e.g. experiments/baselines.sh ../shared/data results/shared docs/BASELINES.md
set -euo pipefail
cd "$(dirname "$0")/.."
dataset=${1:?dataset folder}; out=${2:?output folder}; report=${3:?report file}; shift 3
trackers=("$@")
[ ${#trackers[@]} -gt 0 ] || trackers=(csrt mil medianflow tld tld-stock boosting kcf mosse)
spot=${SPOT:-./build/spot}
names=()
for spec in "${trackers[@]}"; do
  name=${spec%%=*}; tracker=${spec#*=}; extra=()
  if [[ $tracker == *:* ]]; then extra=(--tracker-config "${tracker#*:}"); tracker=${tracker%%:*}; fi
  "$spot" run --tracker "$tracker" "${extra[@]}" --dataset "$dataset" --out "$out/$name"
  names+=("$name")
done
results=()
for t in "${names[@]}"; do results+=(--results "$t=$out/$t"); done
plots_dir="$(dirname "$report")/$(basename "$report" .md)"
"$spot" eval --dataset "$dataset" "${results[@]}" --json "$out/eval.json" --plots "$plots_dir" | tee "$out/eval.txt"
python3 experiments/report_baselines.py --eval "$out/eval.json" --runs "$out" --dataset "$dataset" \
  --plots "$plots_dir" --command "experiments/baselines.sh $dataset $out $report ${trackers[*]}" \
  --table "$out/eval.txt" > "$report"
echo "report: $report"
