"""spot.evaluate() returns the same report as `spot eval --json` (issue 8's second must-show), and
result files written from Python are scored like those of `spot run`."""
import json

import pytest

from conftest import run_spot

np = pytest.importorskip("numpy", reason="NumPy is needed to pass frames (Debian: python3-numpy)")


def test_evaluate_returns_the_spot_eval_json(spot_module, synth_dataset, spot_run_results, tmp_path):
    report_file = tmp_path / "eval.json"
    run_spot("eval", "--dataset", synth_dataset, "--results", spot_run_results["spot"],
             "--results", spot_run_results["csrt"], "--json", report_file)
    expected = json.loads(report_file.read_text())
    ours = spot_module.evaluate(synth_dataset, [str(spot_run_results["spot"]),
                                                str(spot_run_results["csrt"])])
    # Exactly equal: the same C++ function built both, and the file holds round-trip doubles.
    assert ours == expected
    assert set(ours) == set(spot_module.protocol_names())
    assert set(ours["point"]) == {"spot", "csrt"}


def test_evaluate_accepts_names_protocol_lists_and_image_size(spot_module, synth_dataset,
                                                               spot_run_results, tmp_path):
    report_file = tmp_path / "eval.json"
    run_spot("eval", "--dataset", synth_dataset, "--results", f"mine={spot_run_results['csrt']}",
             "--protocol", "point,vot-lt", "--image-size", "320x180", "--json", report_file)
    expected = json.loads(report_file.read_text())
    by_dict = spot_module.evaluate(synth_dataset, {"mine": spot_run_results["csrt"]},
                                   protocols=["point", "vot-lt"], image_size=(320, 180))
    by_string = spot_module.evaluate(synth_dataset, f"mine={spot_run_results['csrt']}",
                                     protocols="point,vot-lt", image_size=(320, 180))
    assert by_dict == expected and by_string == expected


def test_results_written_from_python_score_like_spot_runs(spot_module, synth_dataset,
                                                          spot_run_results, tmp_path):
    """read_results -> write_results round trip: the copy scores exactly like the original."""
    copy = tmp_path / "copy"
    for sequence in spot_module.load_dataset(synth_dataset):
        r = spot_module.read_results(spot_run_results["csrt"], sequence.name)
        spot_module.write_results(copy, sequence.name, r["boxes"], r["confidence"], r["seconds"])
    original = spot_module.evaluate(synth_dataset, {"x": spot_run_results["csrt"]})
    assert spot_module.evaluate(synth_dataset, {"x": copy}) == original


def test_evaluation_errors_are_clear(spot_module, synth_dataset, tmp_path):
    with pytest.raises(spot_module.Error, match="results directory not found"):
        spot_module.evaluate(synth_dataset, tmp_path / "missing")
    with pytest.raises(spot_module.Error, match="unknown protocol"):
        spot_module.evaluate(synth_dataset, tmp_path, protocols="nope")
    with pytest.raises(spot_module.Error, match="no results for sequence"):
        spot_module.evaluate(synth_dataset, tmp_path)  # a folder without <seq>.txt files
    with pytest.raises(ValueError, match="image_size"):
        spot_module.evaluate(synth_dataset, tmp_path, image_size=(0, 5))
    with pytest.raises(TypeError, match="protocols"):
        spot_module.evaluate(synth_dataset, tmp_path, protocols=3)
