#!/usr/bin/env bash
# SPOT (default tracker settings and weights) against every OpenCV baseline, same sequences, same
# protocols: ../shared/data (when present) and the synthetic benchmark's first BENCH_SEQUENCES
# sequences (default 20, as experiments/online_ablation.sh; 60 = all). Writes
#   docs/results/spot-vs-baselines-{shared-data,bench-small-lt}.md
# Resumable: finished sequences are kept (results/shared-data/<tracker>, results/bench-small-lt/<tracker>;
# SPOT's default runs from the ablation are reused when present).
set -euo pipefail
cd "$(dirname "$0")/.."
export SPOT=${SPOT:-./build/spot}
trackers=(spot csrt mil medianflow boosting tld tld-stock kcf mosse)
n=${BENCH_SEQUENCES:-20}
reuse() {  # reuse(ablation_dir, results_dir): the ablation's default-settings SPOT run
  if [ -d "$1/spot-full" ] && [ ! -e "$2/spot" ]; then
    mkdir -p "$2"
    ln -s "$(realpath "$1/spot-full")" "$2/spot"
  fi
}
mkdir -p docs/results
if [ -d ../shared/data ]; then
  reuse results/online-ablation/shared-data results/shared-data
  bash experiments/baselines.sh ../shared/data results/shared-data docs/results/spot-vs-baselines-shared-data.md "${trackers[@]}"
fi
subset=data/bench-small-lt-first$n
[ -d "$subset" ] || { echo "run experiments/online_ablation.sh first (it makes $subset)"; exit 1; }
reuse results/online-ablation/bench-small-lt-first$n results/bench-small-lt
bash experiments/baselines.sh "$subset" results/bench-small-lt docs/results/spot-vs-baselines-bench-small-lt.md "${trackers[@]}"
