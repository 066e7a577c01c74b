"""SPOT: long-term tracking of small targets, searching the whole frame every frame.

    import cv2, spot
    tracker = spot.Tracker()                    # SPOT's model (shipped weights); or spot.baseline("csrt")
    tracker.init(cv2.imread("f1.jpg"), (x, y, w, h))
    box, score, present = tracker.update(cv2.imread("f2.jpg"))

Everything is the C++ library underneath (the `spot` CLI runs the same code); see docs/PYTHON.md.
"""
import os as _os

# LibTorch's OpenMP threads spin while waiting; on a busy machine that made SPOT ~10x slower (the
# CLI sets the same). Read once when the OpenMP runtime loads, i.e. at the import below, so it only
# takes effect if nothing (e.g. `import torch`) loaded it first and the user has not chosen (a
# GOMP_SPINCOUNT counts as a choice: a short spin is much faster on an idle machine, docs/BENCHMARKS.md).
if "GOMP_SPINCOUNT" not in _os.environ:
    _os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

# A pip-installed package carries the default weights in spot/weights/; SPOT looks there through
# $SPOT_WEIGHTS_DIR unless the user points it elsewhere. (A build tree finds the repo's weights/.)
_weights = _os.path.join(_os.path.dirname(__file__), "weights")
if _os.path.isdir(_weights):
    _os.environ.setdefault("SPOT_WEIGHTS_DIR", _weights)

from ._spot import (  # noqa: E402  (after the environment above)
    Error,
    FrameReader,
    Sequence,
    Tracker,
    baseline,
    dataset_formats,
    evaluate,
    export_model,
    load_dataset,
    protocol_names,
    read_results,
    synth,
    tracker_names,
    write_results,
)

# Report the public names as spot.X rather than spot._spot.X (in reprs and tracebacks).
for _name in ("Error", "FrameReader", "Sequence", "Tracker"):
    globals()[_name].__module__ = "spot"

__version__ = "0.1.0"
__all__ = [
    "Error",
    "FrameReader",
    "Sequence",
    "Tracker",
    "baseline",
    "dataset_formats",
    "evaluate",
    "export_model",
    "load_dataset",
    "protocol_names",
    "read_results",
    "synth",
    "tracker_names",
    "write_results",
]
