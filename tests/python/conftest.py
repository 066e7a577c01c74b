"""Shared fixtures of the Python tests: a tiny synthetic dataset made with spot.synth, the `spot`
binary ($SPOT_EXE, set by ctest) to compare against, and results of `spot run` on the dataset.

ctest runs these with PYTHONPATH=<build>/python. By hand:
    PYTHONPATH=build/python SPOT_EXE=build/spot /usr/bin/python3 -m pytest tests/python
"""
import os
import subprocess
import sys

import pytest

# The same small dataset for every test file: 2 sequences x 20 frames of 320x180 (seconds to make
# and to track), with the generator's long-term events (the target may be absent at the start).
SYNTH = dict(sequences=2, frames=20, seed=7, width=320, height=180)


def spot_exe():
    exe = os.environ.get("SPOT_EXE", "")
    if not exe or not os.access(exe, os.X_OK):
        pytest.skip("the spot binary is needed for this comparison (set SPOT_EXE=<build>/spot)")
    return exe


def run_spot(*args):
    """Runs `spot ARGS`, fails the test with its output when it does not exit 0."""
    proc = subprocess.run([spot_exe(), *map(str, args)], stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True)
    assert proc.returncode == 0, f"spot {' '.join(map(str, args))} failed:\n{proc.stdout}"
    return proc.stdout


@pytest.fixture(scope="session")
def spot_module():
    pytest.importorskip("numpy", reason="NumPy is needed to pass frames (Debian: python3-numpy)")
    import spot
    return spot


@pytest.fixture(scope="session")
def synth_dataset(spot_module, tmp_path_factory):
    out = tmp_path_factory.mktemp("synth") / "data"
    spot_module.synth(out, **SYNTH)
    return out


@pytest.fixture(scope="session")
def spot_run_results(synth_dataset, tmp_path_factory):
    """{tracker: folder} of `spot run` results on the synthetic dataset, for SPOT and CSRT."""
    root = tmp_path_factory.mktemp("results")
    out = {}
    for tracker in ("spot", "csrt"):
        out[tracker] = root / tracker
        run_spot("run", "--tracker", tracker, "--dataset", synth_dataset, "--out", out[tracker])
    return out


def pytest_report_header(config):
    return f"python: {sys.executable}; SPOT_EXE={os.environ.get('SPOT_EXE', '(unset)')}"
