"""Bad input from Python raises an exception with a clear message, never a crash (issue 8's third
must-show): wrong dtype / shape / non-contiguous frames, boxes outside the frame, bad options."""
import pytest

np = pytest.importorskip("numpy", reason="NumPy is needed to pass frames (Debian: python3-numpy)")

FRAME = np.zeros((60, 80, 3), np.uint8)
BOX = (30, 20, 12, 10)


@pytest.fixture(params=["csrt", "spot"])
def tracker(spot_module, request):
    """A baseline and SPOT's tracker: the checks live in the bindings and must hold for both."""
    if request.param == "spot":
        return spot_module.Tracker()
    return spot_module.Tracker.baseline(request.param)


@pytest.mark.parametrize("frame, message", [
    (FRAME.astype(np.float32), "dtype uint8"),
    (FRAME.astype(np.uint16), "dtype uint8"),
    (FRAME.astype(np.int8), "dtype uint8"),
    (np.zeros((60, 80, 4), np.uint8), r"shape \(H, W, 3\)"),
    (np.zeros((60 * 80 * 3,), np.uint8), r"shape \(H, W, 3\)"),
    (np.zeros((1, 60, 80, 3), np.uint8), r"shape \(H, W, 3\)"),
    (np.zeros((0, 80, 3), np.uint8), "empty"),
    (np.zeros((60, 160, 3), np.uint8)[:, ::2], "not C-contiguous"),
    (FRAME[:, :, ::-1], "not C-contiguous"),
    (np.zeros((80, 60, 3), np.uint8).transpose(1, 0, 2), "not C-contiguous"),
    (np.asfortranarray(np.zeros((60, 80), np.uint8)), "not C-contiguous"),
])
def test_bad_frames_raise_value_error(tracker, frame, message):
    with pytest.raises(ValueError, match=message):
        tracker.init(frame, BOX)
    tracker.init(FRAME, BOX)
    with pytest.raises(ValueError, match=message):
        tracker.update(frame)


def test_frames_that_are_not_arrays_raise_type_error(tracker):
    with pytest.raises(TypeError, match="numpy.ndarray"):
        tracker.init(FRAME.tolist(), BOX)
    with pytest.raises(TypeError, match="numpy.ndarray"):
        tracker.init(None, BOX)


@pytest.mark.parametrize("box, message", [
    ((200, 20, 10, 10), "outside the 80x60 frame"),
    ((-50, -50, 10, 10), "outside the 80x60 frame"),
    ((30, 20, 0, 10), "w > 0 and h > 0"),
    ((30, 20, -5, 10), "w > 0 and h > 0"),
    ((30, float("nan"), 10, 10), "finite"),
])
def test_boxes_that_make_no_sense_raise_spot_error(spot_module, tracker, box, message):
    with pytest.raises(spot_module.Error, match=message):
        tracker.init(FRAME, box)


@pytest.mark.parametrize("box", [(1, 2, 3), (1, 2, 3, 4, 5), "1,2,3,4", 7, None, (1, "2", 3, 4)])
def test_boxes_that_are_not_four_numbers_raise_value_error(tracker, box):
    with pytest.raises(ValueError, match=r"4 numbers \(x, y, w, h\)"):
        tracker.init(FRAME, box)


def test_numpy_boxes_are_accepted(tracker):
    tracker.init(FRAME, np.array(BOX, np.float32))
    box, score, present = tracker.update(FRAME)
    assert len(box) == 4


def test_spot_error_is_a_value_error(spot_module):
    assert issubclass(spot_module.Error, ValueError)


def test_update_before_init(spot_module):
    with pytest.raises(spot_module.Error, match="before init"):
        spot_module.Tracker().update(FRAME)


def test_tracker_options(spot_module):
    with pytest.raises(TypeError, match="unknown option 'presence'.*presence_threshold"):
        spot_module.Tracker(presence=0.3)
    with pytest.raises(TypeError, match="'threads' expects an int, got float"):
        spot_module.Tracker(threads=1.5)
    with pytest.raises(TypeError, match="'presence_threshold' expects a number, got str"):
        spot_module.Tracker(presence_threshold="high")
    with pytest.raises(spot_module.Error, match="presence_threshold"):
        spot_module.Tracker(presence_threshold=3.0)
    with pytest.raises(spot_module.Error, match="no-such-file.pt"):
        spot_module.Tracker("no-such-file.pt")
    assert spot_module.Tracker(presence_threshold=0.2, threads=1).name == "spot"


def test_tracker_config_file_and_sections(spot_module, tmp_path):
    """config= is a tracker settings file (as --tracker-config); its [sections] are dict options."""
    config = tmp_path / "tracker.toml"
    config.write_text("threads = 1\n[online]\nenabled = false\n")
    tracker = spot_module.Tracker(config=config, association={"enabled": False})
    tracker.init(FRAME, BOX)
    assert len(tracker.update(FRAME)) == 3
    refined = spot_module.Tracker(config=config, refine={"search": 0.25, "verify": 0.5})
    refined.init(FRAME, BOX)
    assert len(refined.update(FRAME)) == 3
    with pytest.raises(spot_module.Error, match="verify = 2"):
        spot_module.Tracker(refine={"verify": 2.0})
    with pytest.raises(TypeError, match="spot.Tracker: online: unknown option 'nope'"):
        spot_module.Tracker(online={"nope": 1})
    with pytest.raises(TypeError, match="'online' expects a dict"):
        spot_module.Tracker(online=False)
    with pytest.raises(TypeError, match="valid options: .*online=\\{...\\}"):
        spot_module.Tracker(onlin={})
    config.write_text("thread = 1\n")
    with pytest.raises(spot_module.Error, match="tracker.toml:1"):
        spot_module.Tracker(config=config)


def test_unknown_tracker_name(spot_module):
    with pytest.raises(spot_module.Error, match="unknown tracker 'nope'; valid names: spot, "):
        spot_module.baseline("nope")
    assert spot_module.tracker_names()[0] == "spot" and "csrt" in spot_module.tracker_names()


def test_dataset_and_synth_errors(spot_module, tmp_path):
    with pytest.raises(spot_module.Error):
        spot_module.load_dataset(tmp_path / "missing")
    with pytest.raises(TypeError, match="path must be a str or os.PathLike"):
        spot_module.load_dataset(42)
    with pytest.raises(TypeError, match="spot.synth: unknown option 'colour'"):
        spot_module.synth(tmp_path / "s", colour=1)
    with pytest.raises(spot_module.Error, match="frames"):
        spot_module.synth(tmp_path / "s", frames=0)


def test_write_results_checks_its_input(spot_module, tmp_path):
    with pytest.raises(ValueError, match="mixes NaN and numbers"):
        spot_module.write_results(tmp_path, "s", [(1, 2, 3, float("nan"))])
    with pytest.raises(ValueError, match="confidence has 2 values for 1 boxes"):
        spot_module.write_results(tmp_path, "s", [(1, 2, 3, 4)], confidence=[0.5, 0.6])
