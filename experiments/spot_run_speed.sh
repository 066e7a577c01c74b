#!/usr/bin/env bash
# `spot run` end to end, SPOT (default settings and weights) against OpenCV CSRT and KCF on the same
# sequences, under the two OpenMP wait policies that matter on a small CPU (docs/BENCHMARKS.md):
# OMP_WAIT_POLICY=PASSIVE (the CLI's default) and GOMP_SPINCOUNT=10000 (short spin; for a dedicated
# machine). fps = frames / time in update(), as `spot run` records it in run.json. Prints a Markdown
# table with the SPOT/CSRT and SPOT/KCF time ratios (KCF gives up on a target it loses, and then
# returns at once: its figure is the speed of a tracker that may have stopped tracking). Run it on an otherwise idle machine.
#   experiments/spot_run_speed.sh [DATASET] [OUT_DIR]     (default ../shared/data, results/spot-run-speed)
# Not resumable on purpose: each run starts from an empty folder so that every fps is from this run.
set -euo pipefail
cd "$(dirname "$0")/.."
dataset=${1:-../shared/data}; out=${2:-results/spot-run-speed}
spot=${SPOT:-./build/spot}
[ -d "$dataset" ] || { echo "no dataset folder $dataset" >&2; exit 1; }
rm -rf "$out"; mkdir -p "$out"
declare -A policy=([passive]="OMP_WAIT_POLICY=PASSIVE" [spin]="GOMP_SPINCOUNT=10000")
for p in passive spin; do
  for t in spot csrt kcf; do
    echo "== $t, ${policy[$p]}" >&2
    env ${policy[$p]} "$spot" run --tracker "$t" --dataset "$dataset" --out "$out/$p-$t" >&2
  done
done
python3 - "$out" "$dataset" "$(cut -d' ' -f1-3 /proc/loadavg)" <<'PY'
import json, sys
out, dataset, load = sys.argv[1:4]
print(f"`spot run` on `{dataset}` (load average at the end: {load}); fps = frames / time in update().\n")
print("| policy | SPOT fps | CSRT fps | KCF fps | SPOT time / CSRT time | SPOT time / KCF time |")
print("|---|---|---|---|---|---|")
for p, name in (("passive", "`OMP_WAIT_POLICY=PASSIVE` (CLI default)"), ("spin", "`GOMP_SPINCOUNT=10000`")):
    fps = {t: json.load(open(f"{out}/{p}-{t}/run.json"))["fps"] for t in ("spot", "csrt", "kcf")}
    print(f"| {name} | {fps['spot']:.1f} | {fps['csrt']:.1f} | {fps['kcf']:.0f} | "
          f"{fps['csrt'] / fps['spot']:.2f} | {fps['kcf'] / fps['spot']:.1f} |")
PY
