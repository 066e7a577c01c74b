"""spot.export_model() writes the TorchScript file `spot export` writes; with PyTorch for Python
installed (Debian python3-torch, optional) it loads with torch.jit.load, runs, checks its input sizes,
and torch.onnx.export turns it into an ONNX model that onnx.checker accepts (docs/PYTHON.md)."""
import zipfile

import pytest

SIZE = dict(width=160, height=96, template_size=64)


@pytest.fixture(scope="module")
def exported(spot_module, tmp_path_factory):
    path = tmp_path_factory.mktemp("export") / "model.pt"
    spot_module.export_model(path, **SIZE)
    return path


def test_export_writes_a_torchscript_archive(exported):
    with zipfile.ZipFile(exported) as archive:
        names = archive.namelist()
    assert any(n.endswith("code/__torch__/spot.py") or "/code/" in n for n in names), names[:10]


def test_export_errors(spot_module, tmp_path):
    with pytest.raises(spot_module.Error, match="search width = 8"):
        spot_module.export_model(tmp_path / "m.pt", width=8)
    with pytest.raises(spot_module.Error, match="missing.pt"):
        spot_module.export_model(tmp_path / "m.pt", weights=tmp_path / "missing.pt")


def test_python_torch_loads_and_runs_the_export(exported):
    torch = pytest.importorskip("torch", reason="PyTorch for Python is optional (python3-torch)")
    m = torch.jit.load(str(exported))
    assert (m.search_width, m.search_height, m.template_size) == (160, 96, 64)
    with torch.no_grad():
        logits, ltrb = m(torch.rand(1, 3, 96, 160) * 255, torch.rand(1, 3, 64, 64) * 255,
                         torch.tensor([[20.0, 20.0, 16.0, 12.0]]))
    s = m.fused_stride
    assert logits.shape == (1, 1, 96 // s, 160 // s) and ltrb.shape == (1, 4, 96 // s, 160 // s)
    assert bool(torch.isfinite(logits).all()) and bool((ltrb >= 0).all())
    with pytest.raises(Exception, match=r"search must be \[1, 3, 96, 160\]"):
        m(torch.rand(1, 3, 64, 64), torch.rand(1, 3, 64, 64), torch.tensor([[1.0, 1.0, 8.0, 8.0]]))


@pytest.mark.filterwarnings("ignore::UserWarning")  # torch.onnx's shape-inference notes
def test_python_torch_exports_it_to_onnx(exported, tmp_path):
    torch = pytest.importorskip("torch", reason="PyTorch for Python is optional (python3-torch)")
    onnx = pytest.importorskip("onnx", reason="the onnx package is optional (python3-onnx)")
    m = torch.jit.load(str(exported))
    out = tmp_path / "model.onnx"
    # opset 16: the first with GridSample (template sampling).
    torch.onnx.export(m, (torch.rand(1, 3, 96, 160) * 255, torch.rand(1, 3, 64, 64) * 255,
                          torch.tensor([[20.0, 20.0, 16.0, 12.0]])), str(out), opset_version=16)
    model = onnx.load(str(out))
    onnx.checker.check_model(model)
    assert "GridSample" in {n.op_type for n in model.graph.node}
