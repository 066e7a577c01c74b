"""The GIL is released while a tracker computes (other Python threads run meanwhile), and one
tracker shared by two threads takes turns instead of corrupting its state."""
import sys
import threading
import time

import pytest

np = pytest.importorskip("numpy", reason="NumPy is needed to pass frames (Debian: python3-numpy)")

FRAME = np.random.default_rng(0).integers(0, 255, (360, 640, 3), dtype=np.uint8)
BOX = (300, 160, 24, 20)


@pytest.mark.parametrize("name", ["spot", "csrt"])
def test_update_releases_the_gil(spot_module, name):
    tracker = spot_module.Tracker() if name == "spot" else spot_module.baseline(name)
    tracker.init(FRAME, BOX)
    state = {"inside": False, "seen_inside": False}

    def work():
        for _ in range(3):
            state["inside"] = True
            tracker.update(FRAME)
            state["inside"] = False

    # With a 10 s switch interval the worker keeps the GIL through its Python code; the main thread
    # can only see `inside` set if update() itself lets go of the GIL.
    old = sys.getswitchinterval()
    sys.setswitchinterval(10.0)
    try:
        worker = threading.Thread(target=work)
        worker.start()
        while worker.is_alive():
            state["seen_inside"] |= state["inside"]
            time.sleep(0.0002)
        worker.join()
    finally:
        sys.setswitchinterval(old)
    assert state["seen_inside"], "the main thread never ran while update() computed"


def test_one_tracker_shared_by_two_threads(spot_module):
    tracker = spot_module.baseline("csrt")
    tracker.init(FRAME, BOX)
    results, errors = [], []

    def work():
        try:
            for _ in range(10):
                results.append(tracker.update(FRAME))
        except Exception as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=work) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and len(results) == 20
