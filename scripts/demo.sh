#!/usr/bin/env bash
# Fresh machine to first result: installs dependencies, builds, and tracks the built-in default clip.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
./build/spot track "$@"
