#!/usr/bin/env python3
"""Real sequences with absences, for calibrating the presence threshold on real footage.

The project's real sequences almost never show the target absent, and a threshold calibrated on
synthetic absences does not carry over to real frames (docs/TRAINING.md). This script copies real
sequences into the `generic` layout (<seq>/img/NNNNNN.jpg + groundtruth.txt) and removes the
target from the middle third of each (frames [n/3, 2n/3)): its box, enlarged by `--margin`, is
inpainted from the surrounding pixels (OpenCV's Telea method) and its ground truth there is
`nan,nan,nan,nan`. The scene, camera and clutter stay real; only the target is gone.

    python3 experiments/presence/make_absences.py --dataset DIR [--sequence NAME ...] --out DIR

Needs python3-opencv and python3-numpy, and the `spot` Python module (build/python on PYTHONPATH)
to read any dataset layout SPOT reads. Deterministic: no randomness.
"""
import argparse
import math
import os
import sys

import cv2
import numpy as np


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dataset", required=True, help="dataset folder (any layout SPOT reads)")
    ap.add_argument("--sequence", action="append", default=[], help="only these sequences (repeatable)")
    ap.add_argument("--out", required=True, help="output folder (generic layout)")
    ap.add_argument("--margin", type=float, default=0.25, help="box enlarged by this share of its size per side")
    ap.add_argument("--radius", type=int, default=5, help="inpainting radius, px")
    args = ap.parse_args()
    try:
        import spot  # noqa: E402 (the project's Python module: dataset readers)
    except ImportError:
        sys.exit("make_absences.py: the spot module is not importable; put build/python on PYTHONPATH")
    sequences = spot.load_dataset(args.dataset)
    wanted = set(args.sequence)
    unknown = wanted - {s.name for s in sequences}
    if unknown:
        sys.exit(f"make_absences.py: no sequence {sorted(unknown)} in {args.dataset}")
    os.makedirs(args.out, exist_ok=True)
    for s in sequences:
        if wanted and s.name not in wanted:
            continue
        gt = np.array(s.groundtruth, dtype=np.float64)
        n = len(s)
        first, last = n // 3, (2 * n) // 3
        reader = spot.FrameReader(s)
        folder = os.path.join(args.out, s.name)
        os.makedirs(os.path.join(folder, "img"), exist_ok=True)
        boxes = gt.copy()
        removed = 0
        for i in range(n):
            frame = reader.read(i)
            box = gt[i]
            if first <= i < last and i > 0 and np.all(np.isfinite(box)) and box[2] > 0 and box[3] > 0:
                x, y, w, h = box
                mx, my = args.margin * w, args.margin * h
                mask = np.zeros(frame.shape[:2], np.uint8)
                x0, y0 = max(int(math.floor(x - mx)), 0), max(int(math.floor(y - my)), 0)
                x1 = min(int(math.ceil(x + w + mx)), frame.shape[1])
                y1 = min(int(math.ceil(y + h + my)), frame.shape[0])
                mask[y0:y1, x0:x1] = 255
                frame = cv2.inpaint(frame, mask, args.radius, cv2.INPAINT_TELEA)
                boxes[i] = math.nan
                removed += 1
            cv2.imwrite(os.path.join(folder, "img", f"{i + 1:06d}.jpg"), frame, [cv2.IMWRITE_JPEG_QUALITY, 95])
        # The generic layout's groundtruth.txt is the results format (x,y,w,h, NaN rows = absent).
        spot.write_results(folder, "groundtruth", boxes)
        print(f"{s.name}: {n} frames, target removed from {removed}", flush=True)


if __name__ == "__main__":
    main()
