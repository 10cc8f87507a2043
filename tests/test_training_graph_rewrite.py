"""Exact graph rewrites (`training.graph_rewrite`): the graph, its check, `janjicheck optimize`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from cli_support import run_janjicheck
from vision_photos import Photos

from training import graph_rewrite
from training.graph_rewrite import (
    DFL_SOFTMAX_LAST_AXIS,
    GraphRewriteError,
    output_difference,
    rewrite_graph,
)

onnx = pytest.importorskip("onnx")


def softmax_axes(path: Path) -> list[int]:
    axes = []
    for node in onnx.load(str(path)).graph.node:
        if node.op_type == "Softmax":
            axes += [a.i for a in node.attribute if a.name == "axis"]
    return axes


def test_the_dfl_softmax_moves_to_the_last_axis_with_the_same_outputs(
    dev_weights: tuple[Path, Path], tmp_path: Path, vision_photos: Photos
) -> None:
    import onnxruntime as ort

    from vision.decode import decode_file
    from vision.letterbox import letterbox

    original = dev_weights[1]
    out = tmp_path / "rewritten.onnx"
    assert 1 in softmax_axes(original)
    assert rewrite_graph(original, out, (416, 320)) == [DFL_SOFTMAX_LAST_AXIS]
    assert 1 not in softmax_axes(out)
    ops = [n.op_type for n in onnx.load(str(out)).graph.node]
    assert len(ops) == len(onnx.load(str(original)).graph.node)  # three nodes for three
    assert "MatMul" in ops
    tensor = letterbox(decode_file(vision_photos.janji_jpg).image, 416, 416, 32)[0]
    outputs = [
        ort.InferenceSession(str(p), providers=["CPUExecutionProvider"]).run(
            None, {"images": tensor}
        )[0]
        for p in (original, out)
    ]
    assert outputs[0].shape == outputs[1].shape
    assert np.abs(outputs[0] - outputs[1]).max() <= 1e-4
    again = tmp_path / "again.onnx"
    assert rewrite_graph(out, again, (416,)) == []  # nothing left to rewrite
    assert output_difference(out, again, 320) == 0.0


def test_a_convolution_that_is_not_the_bin_expectation_is_left_alone(
    dev_weights: tuple[Path, Path], tmp_path: Path
) -> None:
    from onnx import numpy_helper

    model = onnx.load(str(dev_weights[1]))
    conv = next(n for n in model.graph.node if n.op_type == "Conv" and "dfl" in n.name)
    weights = next(i for i in model.graph.initializer if i.name == conv.input[1])
    weights.CopyFrom(numpy_helper.from_array(numpy_helper.to_array(weights) * 2, weights.name))
    changed = tmp_path / "changed.onnx"
    onnx.save(model, str(changed))
    assert rewrite_graph(changed, tmp_path / "out.onnx", (416,)) == []
    assert 1 in softmax_axes(tmp_path / "out.onnx")


def test_a_rewrite_that_changes_the_outputs_is_refused(
    dev_weights: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from onnx import numpy_helper

    real = graph_rewrite.rewrite_dfl_softmax

    def wrong(model: Any) -> bool:  # the rewrite with the bins counted from 1
        done = real(model)
        values = next(i for i in model.graph.initializer if i.name.endswith("/bin_values"))
        values.CopyFrom(numpy_helper.from_array(numpy_helper.to_array(values) + 1, values.name))
        return done

    monkeypatch.setattr(graph_rewrite, "rewrite_dfl_softmax", wrong)
    with pytest.raises(GraphRewriteError, match=r"outputs differ by .* at 416 px"):
        rewrite_graph(dev_weights[1], tmp_path / "out.onnx", (416,))


def test_a_file_that_is_not_a_graph_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "model.onnx"
    bad.write_text("not a graph")
    with pytest.raises(GraphRewriteError, match="cannot read the graph"):
        rewrite_graph(bad, tmp_path / "out.onnx", (416,))


def test_optimize_rewrites_a_package_that_then_finds_the_same_boxes(
    dev_package: Path, tmp_path: Path, vision_photos: Photos
) -> None:
    from vision.model_package import load_package
    from vision.pipeline import Pipeline

    package = tmp_path / "package"
    shutil.copytree(dev_package, package)
    done = run_janjicheck("optimize", str(package), "--version", "0.0.1-dev")
    assert done.returncode == 0, done.stderr
    assert "version 0.0.1-dev, graph rewritten (dfl_softmax_last_axis)" in done.stdout
    loaded = load_package(package)  # checks the new graph's sha256 against package.json
    assert loaded.version == "0.0.1-dev"
    assert loaded.training["graph_rewrites"] == [DFL_SOFTMAX_LAST_AXIS]
    assert loaded.training["dataset"] == "none (untrained development model)"
    card = (package / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert card.startswith("# janji-detector-dev 0.0.1-dev")
    assert "- Graph rewritten for onnxruntime, outputs unchanged: the head's" in card
    before = Pipeline.load(dev_package).check_file(vision_photos.janji_jpg)
    after = Pipeline.load(package).check_file(vision_photos.janji_jpg)
    assert len(before.detections) > 0
    assert np.allclose(before.detections.xyxy, after.detections.xyxy, atol=1e-3)
    assert np.array_equal(before.detections.class_id, after.detections.class_id)

    stored = (package / "package.json").read_bytes()
    again = run_janjicheck("optimize", str(package), "--version", "0.0.2-dev")
    assert again.returncode == 0 and "no rewrite applies" in again.stdout
    assert (package / "package.json").read_bytes() == stored

    missing = run_janjicheck("optimize", str(tmp_path / "none"), "--version", "1")
    assert missing.returncode == 1
    assert "error: cannot read the package" in missing.stderr
    assert "Traceback" not in missing.stderr


@pytest.mark.parametrize(
    ("version", "message"),
    [
        ("", "'' is not a version string"),
        ("latest", "'latest' is not a version string"),
        (" 1.3.0", "' 1.3.0' is not a version string"),
        ("1.2.0", "--version 1.2.0 is not greater than the package's version 1.2.0"),
        ("1.2", "--version 1.2 is not greater than the package's version 1.2.0"),
        ("1.1.9", "--version 1.1.9 is not greater than the package's version 1.2.0"),
        ("1.2.0-rc1", "--version 1.2.0-rc1 is not greater than the package's version 1.2.0"),
    ],
)
def test_optimize_refuses_a_version_that_is_not_a_newer_one(
    dev_package: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    version: str,
    message: str,
) -> None:
    package = tmp_path / "package"
    shutil.copytree(dev_package, package)
    meta = json.loads((package / "package.json").read_text(encoding="utf-8"))
    (package / "package.json").write_text(json.dumps({**meta, "version": "1.2.0"}))
    stored = {p.name: p.read_bytes() for p in package.iterdir()}
    assert graph_rewrite.main([str(package), "--version", version]) == 1
    err = capsys.readouterr().err
    assert f"error: {message}" in err and "Traceback" not in err
    assert {p.name: p.read_bytes() for p in package.iterdir()} == stored


def test_optimize_gives_a_rewritten_graph_a_greater_version_only(
    dev_package: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from vision.model_package import load_package

    package = tmp_path / "package"
    shutil.copytree(dev_package, package)
    assert graph_rewrite.main([str(package), "--version", "0.0.0-dev"]) == 1
    assert graph_rewrite.main([str(package), "--version", "0.0.0"]) == 0
    assert "version 0.0.0, graph rewritten" in capsys.readouterr().out
    assert load_package(package).version == "0.0.0"
    # nothing left to rewrite: the graph and its version stay, whatever --version says
    assert graph_rewrite.main([str(package), "--version", "0.0.0"]) == 0
    assert "no rewrite applies; the package is unchanged" in capsys.readouterr().out
    assert load_package(package).version == "0.0.0"
