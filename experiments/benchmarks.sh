#!/usr/bin/env bash
# Runs the Google Benchmark programs and writes docs/BENCHMARKS.md (numbers are only as good as the
# machine's quiet: the load average at the start is recorded with them).
#   experiments/benchmarks.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE}
out=$(mktemp -d)
load=$(cut -d' ' -f1-3 /proc/loadavg)
for b in bench_synth bench_backbone bench_train bench_tracker; do
  "$build/bench/$b" --benchmark_min_time=3 --benchmark_format=json > "$out/$b.json" 2> "$out/$b.err"
done
python3 - "$out" "$load" > docs/BENCHMARKS.md <<'PY'
import json, sys, os, platform
out, load = sys.argv[1], sys.argv[2]
print("# Benchmarks\n")
print("Produced by `experiments/benchmarks.sh` (Google Benchmark, `--benchmark_min_time=3`, "
      "`OMP_WAIT_POLICY=PASSIVE`) on this project's 2-core Debian 12 machine, no GPU; "
      f"load average at the start: {load}. Times are wall-clock per iteration.\n")
what = {
  "bench_synth": "Synthetic data (`spot synth`, 640x360 frames; `bench/bench_synth.cpp`)",
  "bench_backbone": "NanoTrack v3 backbone, full frame 1x3x360x640 to stride 16 (`bench/bench_backbone.cpp`)",
  "bench_train": "Training at the default config (batch 16, 320x192 search, levels 4/8/16; `bench/bench_train.cpp`)",
  "bench_tracker": "Tracking: SPOT's network step and `update()` of SPOT (default, and offline network only) next to OpenCV CSRT and KCF, same frames, same run (`bench/bench_tracker.cpp`)",
}
for b in ["bench_synth", "bench_backbone", "bench_train", "bench_tracker"]:
    data = json.load(open(os.path.join(out, b + ".json")))
    print(f"## {what[b]}\n")
    print(f"Command: `./build/bench/{b} --benchmark_min_time=3`\n")
    print("| benchmark | time per iteration | throughput |")
    print("|---|---|---|")
    for r in data["benchmarks"]:
        unit = r.get("time_unit", "ns")
        rate = ", ".join(f"{r[k]:.1f} {k}" for k in ("frames/s", "pairs/s", "samples/s", "items_per_second") if k in r)
        print(f"| {r['name']} | {r['real_time']:.2f} {unit} | {rate} |")
    print()
PY
echo "wrote docs/BENCHMARKS.md"
