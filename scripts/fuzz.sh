#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/, clang with ASan + UBSan) in ./build-fuzz and runs each for
# RUNS executions (default 100000), starting from a fresh copy of fuzz/corpus/<target> plus
# fuzz/regressions/<target> so the repository's corpus is never rewritten. Prints a Markdown table
# (also written to build-fuzz/fuzz-summary.md); inputs that crashed, leaked or timed out are kept in
# build-fuzz/fuzz-out/<target>/artifacts/. Exit status 1 when any target had a finding.
#   bash scripts/fuzz.sh [RUNS] [TARGET...]        e.g. bash scripts/fuzz.sh 1000 box_string
# Environment: SPOT_FUZZ_MAX_SECONDS (per-target wall-time guard, default 3600), SPOT_FUZZ_JOBS
# (build parallelism, default 2).
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-100000}"
[ $# -gt 0 ] && shift
all=(box_string annotation dataset results synth_config train_config tracker_config checkpoint)
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${all[@]}")

# clang and its runtime libraries (libFuzzer, ASan, UBSan) besides SPOT's own dependencies.
bash scripts/install-deps.sh
missing=()
for p in clang libclang-rt-14-dev; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

export CCACHE_DIR="${CCACHE_DIR:-$PWD/.ccache}"
export CCACHE_SLOPPINESS="${CCACHE_SLOPPINESS:-pch_defines,time_macros,include_file_mtime,include_file_ctime}"
CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DSPOT_BUILD_FUZZ=ON -DSPOT_BUILD_TESTS=OFF -DSPOT_BUILD_BENCH=OFF -DSPOT_BUILD_PYTHON=OFF >/dev/null
nice cmake --build build-fuzz -j"${SPOT_FUZZ_JOBS:-2}" --target "${targets[@]/#/fuzz_}"

summary=build-fuzz/fuzz-summary.md
{
  echo "Fuzz run $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD), \`bash scripts/fuzz.sh $runs${*:+ $*}\`"
  echo
  echo "| target | executions | seconds | exec/s | seed inputs | corpus after | findings |"
  echo "|---|---:|---:|---:|---:|---:|---|"
} >"$summary"
status=0
for t in "${targets[@]}"; do
  out="build-fuzz/fuzz-out/$t"
  rm -rf "$out"
  mkdir -p "$out/corpus" "$out/artifacts"
  cp fuzz/corpus/"$t"/* "$out/corpus/"
  [ -d "fuzz/regressions/$t" ] && cp fuzz/regressions/"$t"/* "$out/corpus/" 2>/dev/null || true
  seeds=$(find "$out/corpus" -type f | wc -l)
  # Token dictionaries (fuzz/dict/) let mutations spell what byte flips rarely reach: inf, nan, 1e308,
  # TOML section names, the checkpoint's JSON keys.
  # Leak checking stays on except for checkpoint: LibTorch 1.13's archive reader (uninstrumented,
  # Debian's libtorch) leaks ~1 KB of its own allocations on some corrupt zips it rejects
  # (fuzz/regressions/checkpoint/libtorch-leak-corrupt-zip); nothing SPOT can free.
  leaks=1
  case "$t" in
    *_config) dict=fuzz/dict/toml.dict ;;
    checkpoint) dict=fuzz/dict/json.dict leaks=0 ;;
    *) dict=fuzz/dict/numbers.dict ;;
  esac
  echo "fuzz.sh: $t: $runs runs from $seeds seeds (log: $out/log.txt)"
  start=$(date +%s)
  rc=0
  # -timeout: one input taking 10 s is a hang (finding); -rss_limit_mb: LibTorch needs more than
  # the default 2 GB of virtual headroom under ASan.
  ASAN_OPTIONS="detect_leaks=$leaks${ASAN_OPTIONS:+:$ASAN_OPTIONS}" UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
    "build-fuzz/fuzz/fuzz_$t" -runs="$runs" -max_total_time="${SPOT_FUZZ_MAX_SECONDS:-3600}" \
    -dict="$dict" -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 -artifact_prefix="$out/artifacts/" \
    "$out/corpus" >"$out/log.txt" 2>&1 || rc=$?
  seconds=$(($(date +%s) - start))
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/log.txt" | tail -1)
  execs="${execs:-?}"
  rate="?"
  [[ "$execs" =~ ^[0-9]+$ ]] && [ "$seconds" -gt 0 ] && rate=$((execs / seconds))
  corpus=$(find "$out/corpus" -type f | wc -l)
  found=$(find "$out/artifacts" -type f | wc -l)
  if [ "$rc" -ne 0 ] || [ "$found" -ne 0 ]; then
    status=1
    findings="**$found** (exit $rc; see $out/artifacts/)"
  else
    findings="none"
  fi
  echo "| $t | $execs | $seconds | $rate | $seeds | $corpus | $findings |" >>"$summary"
  tail -n 1 "$summary"
done
echo
cat "$summary"
exit $status
