"""experiments/presence/make_absences.py: real sequences with the target removed from their middle
third (for calibrating presence on real footage), checked on the tiny synthetic dataset."""
import math
import os
import subprocess
import sys

import pytest

np = pytest.importorskip("numpy", reason="NumPy is needed (Debian: python3-numpy)")
cv2 = pytest.importorskip("cv2", reason="OpenCV's Python module is needed (Debian: python3-opencv)")

SCRIPT = os.path.join(os.path.dirname(__file__), "..", "..", "experiments", "presence", "make_absences.py")


def make_absences(*args):
    return subprocess.run([sys.executable, SCRIPT, *map(str, args)], stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True)


def test_the_middle_third_loses_its_target_and_nothing_else(spot_module, synth_dataset, tmp_path):
    spot = spot_module
    out = tmp_path / "absent"
    proc = make_absences("--dataset", synth_dataset, "--out", out)
    assert proc.returncode == 0, proc.stdout
    source = {s.name: s for s in spot.load_dataset(synth_dataset)}
    made = spot.load_dataset(out)
    assert sorted(s.name for s in made) == sorted(source)
    removed = 0
    for s in made:
        src = source[s.name]
        n = len(src)
        assert len(s) == n
        gt, src_gt = np.array(s.groundtruth), np.array(src.groundtruth)
        a, b = spot.FrameReader(s), spot.FrameReader(src)
        for i in range(n):
            inside = n // 3 <= i < (2 * n) // 3 and i > 0
            if not inside or not np.all(np.isfinite(src_gt[i])):
                np.testing.assert_array_equal(gt[i], src_gt[i])  # NaN rows compare equal here
                continue
            assert np.all(np.isnan(gt[i])), f"{s.name} frame {i}: target still annotated"
            removed += 1
            x, y, w, h = src_gt[i]
            made_frame, frame = a.read(i), b.read(i)
            mask = np.zeros(frame.shape[:2], bool)
            mask[max(int(math.floor(y - h / 4)), 0):int(math.ceil(y + h * 1.25)),
                 max(int(math.floor(x - w / 4)), 0):int(math.ceil(x + w * 1.25))] = True
            # What re-encoding alone changes (the script writes JPEG, quality 95).
            reencoded = cv2.imdecode(cv2.imencode(".jpg", frame, [cv2.IMWRITE_JPEG_QUALITY, 95])[1], cv2.IMREAD_COLOR)
            diff = np.abs(made_frame.astype(int) - frame.astype(int)).mean(axis=2)
            noise = np.abs(reencoded.astype(int) - frame.astype(int)).mean(axis=2)
            # Outside the box only re-encoding; inside, the target is painted over.
            assert diff[~mask].mean() <= noise[~mask].mean() + 0.5, f"{s.name} frame {i}: background changed"
            assert diff[mask].mean() > 2 * noise[mask].mean() + 2, f"{s.name} frame {i}: target not removed"
    assert removed > 0


def test_an_unknown_sequence_is_a_clear_error(synth_dataset, tmp_path):
    proc = make_absences("--dataset", synth_dataset, "--sequence", "no-such-sequence", "--out", tmp_path / "x")
    assert proc.returncode != 0
    assert "no-such-sequence" in proc.stdout
