#!/usr/bin/env bash
# Fresh machine to first result: installs dependencies, builds, and runs `spot demo` (SPOT's model on
# the built-in clip). Extra arguments go to `spot demo` (e.g. --tracker csrt, --out demo.mp4).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
./build/spot demo "$@"
