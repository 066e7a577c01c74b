#!/usr/bin/env bash
# Checks `pip install .` offline: a fresh venv on Debian's Python (seeing its numpy, setuptools and
# wheel), pip install from the repo, then the installed module (not the build tree) tracks a few
# frames with SPOT's shipped weights and with CSRT. Usage: scripts/check-pip-install.sh [VENV_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
venv="${1:-$(mktemp -d)/spot-venv}"
/usr/bin/python3 -m venv --system-site-packages "$venv"
"$venv/bin/python" -m pip install --no-build-isolation --no-index .
cd /  # away from the checkout: the import must find the installed package
env -u SPOT_WEIGHTS_DIR "$venv/bin/python" - <<'PY'
import os, tempfile
import numpy as np
import spot
assert "site-packages" in spot.__file__, spot.__file__
# The default weights come from the package, not from the checkout.
assert os.environ["SPOT_WEIGHTS_DIR"] == os.path.join(os.path.dirname(spot.__file__), "weights")
data = spot.synth(os.path.join(tempfile.mkdtemp(), "data"), sequences=1, frames=5, seed=3,
                  width=320, height=180)
(seq,) = spot.load_dataset(data)
reader = spot.FrameReader(seq)
for tracker in (spot.Tracker(), spot.baseline("csrt")):
    init = seq.first_annotated_frame()
    tracker.init(reader.read(init), tuple(seq.groundtruth[init]))
    for i in range(init + 1, len(seq)):
        box, score, present = tracker.update(reader.read(i))
    print(f"{tracker.name}: last frame {tuple(round(v, 1) for v in box)} score {score:.3f} "
          f"present {present}")
print("pip install OK:", spot.__file__)
PY
