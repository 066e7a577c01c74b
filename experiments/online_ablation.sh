#!/usr/bin/env bash
# Issue 10's ablation: the offline network only / + online target model / + candidate association /
# + template refinement of the reported box / + template hold (the defaults) / + the local tracker (an option),
# with CSRT as the reference, on ../shared/data (evaluation sequences, never trained on) and on the
# synthetic benchmark (configs/bench-small-lt.toml; its first BENCH_SEQUENCES sequences, default 20,
# to fit the time budget; 60 = all). Writes docs/RESULTS.md's ablation section inputs:
#   docs/results/online-ablation-{shared-data,bench-small-lt}.md
# Resumable (finished sequences are kept in results/online-ablation/).
#   experiments/online_ablation.sh            (SPOT=./build/spot by default)
set -euo pipefail
cd "$(dirname "$0")/.."
export SPOT=${SPOT:-./build/spot}
variants=(spot-offline=spot:experiments/online-ablation/offline.toml
          spot-online=spot:experiments/online-ablation/online.toml
          spot-assoc=spot:experiments/online-ablation/assoc.toml
          spot-refine=spot:experiments/online-ablation/refine.toml
          spot-full=spot:experiments/online-ablation/full.toml
          spot-local=spot:experiments/online-ablation/local.toml
          csrt)
mkdir -p docs/results
if [ -d ../shared/data ]; then
  bash experiments/baselines.sh ../shared/data results/online-ablation/shared-data \
    docs/results/online-ablation-shared-data.md "${variants[@]}"
else
  echo "../shared/data not found: skipping the real sequences"
fi
n=${BENCH_SEQUENCES:-20}
if [ ! -f data/bench-small-lt/README.md ]; then
  "$SPOT" synth --config configs/bench-small-lt.toml --out data/bench-small-lt
fi
subset=data/bench-small-lt-first$n
mkdir -p "$subset"
for k in $(seq 0 $((n - 1))); do
  s=$(printf 'synth-%04d' "$k")
  [ -e "$subset/$s" ] || ln -s "../bench-small-lt/$s" "$subset/$s"
done
bash experiments/baselines.sh "$subset" results/online-ablation/bench-small-lt-first$n \
  docs/results/online-ablation-bench-small-lt.md "${variants[@]}"
