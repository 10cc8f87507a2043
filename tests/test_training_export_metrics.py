"""`export --metrics FILE`: only the metrics of the package being written are stored."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from training import export

THRESHOLDS = {"confidence": 0.5, "accept": 0.5, "accept_verified": 0.5}


def fake_export(monkeypatch: pytest.MonkeyPatch, onnx: Path, data: Path) -> None:
    """Make the export read a checkpoint trained on ``data`` and export it to ``onnx``."""
    data.mkdir()
    facts = export.CheckpointFacts(
        architecture="yolo11n",
        imgsz=416,
        epochs=1,
        epochs_trained=1,
        data_yaml=data / "data.yaml",
        train_args={"imgsz": 416},
        val_metrics={},
    )

    def export_onnx(weights: Path, imgsz: int, out_file: Path, opset: int = 17) -> Path:
        shutil.copyfile(onnx, out_file)
        return out_file

    monkeypatch.setattr(export, "read_checkpoint", lambda _: facts)
    monkeypatch.setattr(export, "export_onnx", export_onnx)
    monkeypatch.setattr(export, "rewritten", lambda onnx_file, *_: onnx_file)


def metrics_file(folder: Path, **fields: Any) -> Path:
    """Write a metrics document of the test split; ``fields`` replace its entries (``None``:
    left out)."""
    figures = {"janji_ap50": 0.987, "presence": {"precision": 0.9, "recall": 0.8, "f1": 0.85}}
    metrics = {
        "split": "test",
        "images": 4,
        "janji_objects": 3,
        "lookalike_objects": 1,
        "thresholds": THRESHOLDS,
        "verification_ran": True,
        "verification_on": figures,
        "verification_off": figures,
        **fields,
    }
    path = folder / f"metrics-{len(list(folder.glob('metrics-*')))}.json"
    path.write_text(json.dumps({k: v for k, v in metrics.items() if v is not None}))
    return path


def run_export(tmp_path: Path, metrics: Path, *extra: str) -> int:
    weights = tmp_path / "best.pt"
    weights.write_bytes(b"")
    args = ["--weights", str(weights), "--out", str(tmp_path / "package"), "--conf", "0.5"]
    return export.main(
        [*args, "--accept", "0.5", "--accept-verified", "0.5", "--metrics", str(metrics), *extra]
    )


def test_metrics_of_another_graph_are_refused_and_its_own_stored(
    dev_weights: tuple[Path, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from vision.model_package import load_package, sha256_file

    fake_export(monkeypatch, dev_weights[1], tmp_path / "data")
    other = metrics_file(tmp_path, onnx_sha256="9f93813304c9" + "0" * 52)
    assert run_export(tmp_path, other) == 2
    err = capsys.readouterr().err
    assert "were measured on another ONNX graph (sha256 9f93813304c9...)" in err
    assert "Traceback" not in err
    assert not (tmp_path / "package").exists()

    own = metrics_file(tmp_path, onnx_sha256=sha256_file(dev_weights[1]))
    assert run_export(tmp_path, own) == 0, capsys.readouterr().err
    stored = load_package(tmp_path / "package")
    assert stored.metrics["verification_on"]["janji_ap50"] == 0.987
    assert stored.metrics["onnx_sha256"] == stored.onnx_sha256
    assert "| Janji AP50 (class-agnostic) | 0.987 |" in (
        tmp_path / "package" / "MODEL_CARD.md"
    ).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("fields", "extra", "message"),
    [
        ({"onnx_sha256": None}, (), "record no ONNX graph (onnx_sha256)"),
        ({"split": "val"}, (), "are of the val split, not of --split test"),
        ({"thresholds": {**THRESHOLDS, "accept": 0.6}}, (), "were measured with thresholds"),
        ({"thresholds": None}, (), "were measured with thresholds None"),
        ({}, ("--split", "val"), "are of the test split, not of --split val"),
    ],
)
def test_metrics_that_cannot_be_the_packages_are_refused(
    dev_weights: tuple[Path, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    fields: dict[str, Any],
    extra: tuple[str, ...],
    message: str,
) -> None:
    from vision.model_package import sha256_file

    fake_export(monkeypatch, dev_weights[1], tmp_path / "data")
    own = {"onnx_sha256": sha256_file(dev_weights[1])}
    assert run_export(tmp_path, metrics_file(tmp_path, **{**own, **fields}), *extra) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not (tmp_path / "package").exists()
