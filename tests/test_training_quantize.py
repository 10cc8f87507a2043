"""int8 quantization of the detector graph: on its own, and through ``janjicheck export --int8``."""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import numpy as np
import pytest
from cli_support import run_janjicheck
from vision_photos import Photos

from training import export
from training.quantize import (
    QuantizeError,
    calibration_photos,
    head_decoding_nodes,
    quantize_graph,
)

onnx = pytest.importorskip("onnx")

CHECKPOINT = Path("models/checkpoints/janji-v12-average-e4-e6.pt")  # 1.7.0's weights, 640 px


def op_types(path: Path) -> set[str]:
    return {node.op_type for node in onnx.load(str(path)).graph.node}


def test_the_head_decoding_is_the_output_modules_nodes_without_its_convolutions(
    dev_weights: tuple[Path, Path],
) -> None:
    graph = onnx.load(str(dev_weights[1])).graph
    kept = head_decoding_nodes(graph)
    head = kept[0].split("/")[1]
    assert all(name.startswith(f"/{head}/") for name in kept)
    assert not any("/cv2" in name or "/cv3" in name for name in kept)
    in_head = [n for n in graph.node if n.name.startswith(f"/{head}/")]
    convolutions = [n for n in in_head if n.op_type == "Conv" and n.name not in kept]
    assert convolutions and len(kept) + len(convolutions) <= len(in_head)
    assert any(n.op_type == "Softmax" for n in in_head if n.name in kept)  # DFL


def test_calibration_photos_are_a_seeded_sample(tmp_path: Path, vision_photos: Photos) -> None:
    everything = calibration_photos(vision_photos.folder, 1000)
    assert vision_photos.janji_jpg in everything and vision_photos.plain_jpg in everything
    sample = calibration_photos(vision_photos.folder, 2)
    assert len(sample) == 2 and sample == calibration_photos(vision_photos.folder, 2)
    with pytest.raises(QuantizeError, match="no photos"):
        calibration_photos(tmp_path)
    with pytest.raises(QuantizeError, match="not found"):
        calibration_photos(tmp_path / "missing")
    with pytest.raises(QuantizeError, match=">= 1"):
        calibration_photos(vision_photos.folder, 0)


def test_the_quantized_graph_computes_what_the_float_graph_does(
    dev_weights: tuple[Path, Path], tmp_path: Path, vision_photos: Photos
) -> None:
    import onnxruntime as ort

    from vision.decode import decode_file
    from vision.letterbox import letterbox

    out = tmp_path / "int8.onnx"
    photos = [vision_photos.janji_jpg, vision_photos.plain_jpg, vision_photos.lookalike_jpg]
    facts = quantize_graph(dev_weights[1], out, photos, [416, 320], 32)
    assert facts.photos == 3 and facts.sides == (416, 320) and facts.float_nodes > 10
    assert {"QuantizeLinear", "DequantizeLinear"} <= op_types(out)
    assert "QuantizeLinear" not in op_types(dev_weights[1])
    tensor = letterbox(decode_file(vision_photos.janji_jpg).image, 416, 416, 32)[0]
    outputs = [
        ort.InferenceSession(str(p), providers=["CPUExecutionProvider"]).run(
            None, {"images": tensor}
        )[0]
        for p in (dev_weights[1], out)
    ]
    assert outputs[0].shape == outputs[1].shape
    boxes, scores = (o[0, :4].ravel() for o in outputs), (o[0, 4:].ravel() for o in outputs)
    assert np.corrcoef(*boxes)[0, 1] > 0.99  # box coordinates in input pixels
    # The untrained head's scores span a narrow range, so int8 rounding shows more there
    # (measured 0.68 with these photos).
    assert np.corrcoef(*scores)[0, 1] > 0.5


def test_a_graph_that_is_not_onnx_is_a_clear_error(tmp_path: Path, vision_photos: Photos) -> None:
    bad = tmp_path / "model.onnx"
    bad.write_text("not a graph")
    with pytest.raises(QuantizeError, match="could not quantize"):
        quantize_graph(bad, tmp_path / "out.onnx", [vision_photos.janji_jpg], [416], 32)


def test_int8_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    weights = ["--weights", str(tmp_path / "a.pt"), "--no-evaluate", "--accept", "0.4"]
    assert export.main([*weights, "--int8-photos", str(tmp_path)]) == 2
    assert "--int8-photos needs --int8" in capsys.readouterr().err
    assert export.main([*weights, "--int8", "--int8-photos", str(tmp_path / "none")]) == 2
    assert "int8 calibration photo folder not found" in capsys.readouterr().err
    parser = argparse.ArgumentParser()
    export.add_arguments(parser)
    options = export.options_from_namespace(
        parser.parse_args([*weights, "--int8", "--int8-photos", str(tmp_path)])
    )
    assert export.export_command(options).endswith(f"--int8 --int8-photos {tmp_path}")


@pytest.mark.slow
def test_export_int8_writes_a_package_that_finds_the_poster(
    repo_root: Path, tmp_path: Path, vision_photos: Photos
) -> None:
    from vision.model_package import load_package
    from vision.nms import box_iou
    from vision.pipeline import Pipeline

    pytest.importorskip("torch")
    shots = tmp_path / "shots"
    shots.mkdir()
    for photo in (vision_photos.plain_jpg, vision_photos.phone_jpg):  # not the ones checked
        shutil.copy(photo, shots)
    package = tmp_path / "package"
    done = run_janjicheck(
        "export", "--weights", str(repo_root / CHECKPOINT), "--out", str(package),
        "--version", "0.0.1-int8", "--accept", "0.45", "--no-evaluate", "--int8",
        "--int8-photos", str(shots), timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    loaded = load_package(package)
    quantization = loaded.training["quantization"]
    assert quantization["sides"] == [640, 320]
    assert quantization["photos"] == 2 and quantization["photos_folder"] == str(shots)
    assert "QuantizeLinear" in op_types(package / "model.onnx")
    assert loaded.training["graph_rewrites"] == ["dfl_softmax_last_axis"]  # after quantizing
    card = (package / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert "- Graph: int8 (onnxruntime static quantization" in card
    assert "--int8 --int8-photos" in card
    pipeline = Pipeline.load(package)
    found = pipeline.check_file(vision_photos.janji_jpg)
    assert found.janji_present
    janji = [i for i, label in enumerate(found.labels) if label.startswith("janji_")]
    box = np.array(vision_photos.janji_box, np.float32)
    overlaps = box_iou(box, found.detections.xyxy[janji])
    assert found.detections.confidence[janji][overlaps >= 0.8].max() >= 0.45
    assert not pipeline.check_file(vision_photos.lookalike_jpg).janji_present

    shutil.copy(vision_photos.text, shots)
    failed = run_janjicheck(
        "export", "--weights", str(repo_root / CHECKPOINT), "--out", str(tmp_path / "other"),
        "--accept", "0.45", "--no-evaluate", "--int8", "--int8-photos", str(shots),
        timeout=600,
    )  # fmt: skip
    assert failed.returncode == 2
    bad = shots / vision_photos.text.name
    assert f"int8 quantization failed: calibration photo {bad}:" in failed.stderr
    assert not (tmp_path / "other").exists()
