"""Tracking from Python gives the same boxes as `spot run` on the same sequence (issue 8's first
must-show), and the Python generator / readers agree with the CLI's."""
import filecmp
import math
import os

import pytest

from conftest import SYNTH, run_spot

np = pytest.importorskip("numpy", reason="NumPy is needed to pass frames (Debian: python3-numpy)")


def track_from_python(spot, tracker, sequence):
    """The loop a Python user writes (what spot run does): init on the first annotated frame, then
    update; boxes as an (N, 4) array with NaN rows where the tracker reports the target absent."""
    init = sequence.first_annotated_frame()
    boxes = np.full((len(sequence), 4), np.nan)
    reader = spot.FrameReader(sequence)
    for i in range(init, len(sequence)):
        frame = reader.read(i)
        if i == init:
            box = tuple(sequence.groundtruth[i])
            tracker.init(frame, box)
            boxes[i] = box
            continue
        box, score, present = tracker.update(frame)
        assert isinstance(score, float) and isinstance(present, bool)
        if present:
            boxes[i] = box
    return boxes


def max_box_difference(a, b):
    assert a.shape == b.shape
    np.testing.assert_array_equal(np.isnan(a), np.isnan(b), "absent frames differ")
    present = ~np.isnan(a)
    return float(np.abs(a[present] - b[present]).max()) if present.any() else 0.0


@pytest.mark.parametrize("name", ["spot", "csrt"])
def test_python_tracking_matches_spot_run(spot_module, synth_dataset, spot_run_results, name):
    spot = spot_module
    sequences = spot.load_dataset(synth_dataset)
    assert len(sequences) == SYNTH["sequences"]
    for sequence in sequences:
        tracker = spot.Tracker() if name == "spot" else spot.Tracker.baseline(name)
        assert tracker.name == name
        ours = track_from_python(spot, tracker, sequence)
        theirs = spot.read_results(spot_run_results[name], sequence.name)["boxes"]
        assert max_box_difference(ours, theirs) <= 1e-3, sequence.name


def test_frames_read_with_opencv_python_track_the_same(spot_module, synth_dataset):
    """Frames as cv2.imread gives them (what users pass) are the frames SPOT reads itself."""
    cv2 = pytest.importorskip("cv2", reason="OpenCV-Python is not installed (python3-opencv)")
    sequence = spot_module.load_dataset(synth_dataset)[0]
    reader = spot_module.FrameReader(sequence)
    for i in (0, len(sequence) - 1):
        np.testing.assert_array_equal(cv2.imread(sequence.frames[i]), reader.read(i))


def test_grey_frames_are_accepted(spot_module, synth_dataset):
    sequence = spot_module.load_dataset(synth_dataset)[0]
    reader = spot_module.FrameReader(sequence)
    init = sequence.first_annotated_frame()
    grey = reader.read(init).mean(axis=2).astype(np.uint8)
    tracker = spot_module.Tracker.baseline("kcf")
    tracker.init(grey, tuple(sequence.groundtruth[init]))
    box, score, present = tracker.update(grey)
    assert len(box) == 4 and all(math.isfinite(v) for v in box)


def test_synth_from_python_is_byte_identical_to_spot_synth(spot_module, tmp_path):
    small = dict(sequences=1, frames=4, seed=11, width=160, height=96, size_max=32.0)
    spot_module.synth(tmp_path / "py", **small)
    flags = [a for key, value in small.items() for a in (f"--{key.replace('_', '-')}", value)]
    run_spot("synth", "--out", tmp_path / "cli", *flags)
    py_seq = sorted(os.listdir(tmp_path / "py"))
    assert py_seq == sorted(os.listdir(tmp_path / "cli"))
    for seq in (s for s in py_seq if (tmp_path / "py" / s).is_dir()):
        for rel in ["groundtruth.txt", "meta.json"] + [
                os.path.join("color", f) for f in sorted(os.listdir(tmp_path / "py" / seq / "color"))]:
            assert filecmp.cmp(tmp_path / "py" / seq / rel, tmp_path / "cli" / seq / rel,
                               shallow=False), f"{seq}/{rel} differs"


def test_load_dataset_gives_the_ground_truth_file(spot_module, synth_dataset):
    for sequence in spot_module.load_dataset(synth_dataset):
        gt = np.genfromtxt(synth_dataset / sequence.name / "groundtruth.txt", delimiter=",")
        np.testing.assert_array_equal(sequence.groundtruth, gt)
        assert len(sequence.frames) == len(sequence) == gt.shape[0] == SYNTH["frames"]
        assert sequence.video is None and sequence.format == "generic"


def test_synth_takes_a_config_file_and_generator_options(spot_module, tmp_path):
    config = os.path.join(os.environ.get("SPOT_SOURCE_DIR", ""), "configs", "bench-small-lt.toml")
    if not os.path.isfile(config):
        pytest.skip("configs/bench-small-lt.toml not found (set SPOT_SOURCE_DIR)")
    out = spot_module.synth(tmp_path / "d", sequences=1, frames=3, config=config, width=96,
                            height=64, size_min=4.0, size_max=8)
    (sequence,) = spot_module.load_dataset(out)
    assert spot_module.FrameReader(sequence).read(0).shape == (64, 96, 3)
