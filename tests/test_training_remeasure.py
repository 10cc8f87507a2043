"""`evaluate --update-package`: what a re-measurement keeps, re-measures and drops."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from training import evaluate
from training.provenance import shown_path

EARLIER_EMPTY = {
    "folder": "../shared/backgrounds/indoor",
    "held_out_only": True,
    "photos": 175,
    "verification_on": {"rate": 0.01143, "accepted": 2, "total": 175, "accepted_photos": []},
    "verification_off": {"rate": 0.01143, "accepted": 2, "total": 175, "accepted_photos": []},
}
EMPTY_ROW = "| Janji accepted in 175 held-out photos without Janji media"
EMPTY_FLAGS = "--empty-photos ../shared/backgrounds/indoor --held-out-only"


def evaluation(onnx_sha256: str, ap50: float) -> dict[str, Any]:
    """A metrics document of the test split as ``training.evaluate`` writes it (headlines)."""
    figures = {"janji_ap50": ap50, "presence": {"precision": 0.9, "recall": 0.8, "f1": 0.85}}
    return {
        "split": "test",
        "images": 4,
        "janji_objects": 3,
        "lookalike_objects": 1,
        "thresholds": {"confidence": 0.5, "accept": 0.5, "accept_verified": 0.5},
        "verification_ran": True,
        "verification_on": figures,
        "verification_off": figures,
        "onnx_sha256": onnx_sha256,
    }


def write_measured_package(folder: Path, onnx: Path, data: Path, same_graph: bool) -> str:
    """Write a package whose metrics hold the test split and the empty rooms; return its sha."""
    from vision.model_package import sha256_file, write_package

    sha = sha256_file(onnx)
    metrics = {
        **evaluation(sha if same_graph else "9f" * 32, 0.7),
        "empty_photos": EARLIER_EMPTY,
        "calibration": {"method": "set by hand (--accept)"},
    }
    write_package(
        folder,
        onnx,
        name="janji-detector",
        version="1.0.0",
        architecture="yolo11n",
        input_size=(416, 416),
        confidence=0.5,
        iou=0.7,
        accept=0.5,
        accept_verified=0.5,
        training={"test_dataset": shown_path(data), "export_command": "python -m training.export"},
        metrics=metrics,
        reproduce=f"python -m training.evaluate --package {folder} --data {data} {EMPTY_FLAGS}",
    )
    return sha


def measured_package(tmp_path: Path, onnx: Path, same_graph: bool) -> tuple[Path, Path, str]:
    """Return a measured package's folder, its (empty) test data folder and its graph sha256."""
    package, data = tmp_path / "package", tmp_path / "data"
    data.mkdir()
    return package, data, write_measured_package(package, onnx, data, same_graph=same_graph)


def update(
    monkeypatch: pytest.MonkeyPatch, package: Path, data: Path, measured: dict[str, Any]
) -> list[str]:
    """Return the ``--update-package`` arguments; the evaluation returns ``measured``."""
    monkeypatch.setattr(evaluate, "evaluate_package", lambda *_: measured)
    monkeypatch.setattr(evaluate, "format_report", lambda _: "(report)")
    return ["--package", str(package), "--data", str(data), "--quiet", "--update-package"]


def test_the_empty_room_figures_of_the_same_graph_are_kept_and_marked(
    dev_weights: tuple[Path, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from vision.model_package import load_package

    package, data, sha = measured_package(tmp_path, dev_weights[1], same_graph=True)
    assert evaluate.main(update(monkeypatch, package, data, evaluation(sha, 0.9))) == 0
    out = capsys.readouterr().out
    assert "Re-measured: the test split (4 photos)" in out
    assert (
        "Kept, measured earlier on the same graph (not re-measured; add --empty-photos to "
        "re-measure): empty photos (175 held-out photos of ../shared/backgrounds/indoor)" in out
    )
    stored = load_package(package)
    assert stored.metrics["verification_on"]["janji_ap50"] == 0.9
    assert stored.metrics["empty_photos"] == {**EARLIER_EMPTY, "kept_from_earlier_run": True}
    assert stored.reproduce.endswith(f"--split test {EMPTY_FLAGS}")
    card = (package / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert f"{EMPTY_ROW} (measured by an earlier run of this graph) | 1.1% | 1.1% |" in card
    assert stored.reproduce in card

    # measured again with the split: replaced, no longer marked as earlier
    again = {**evaluation(sha, 0.9), "empty_photos": {**EARLIER_EMPTY, "photos": 170}}
    assert evaluate.main(update(monkeypatch, package, data, again)) == 0
    out = capsys.readouterr().out
    assert "Re-measured: the test split (4 photos); empty photos (170 held-out photos" in out
    assert "Kept" not in out
    assert load_package(package).metrics["empty_photos"] == again["empty_photos"]
    card = (package / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert "| Janji accepted in 170 held-out photos without Janji media | " in card


def test_empty_room_figures_not_of_the_graph_are_dropped_by_name(
    dev_weights: tuple[Path, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from vision.model_package import load_package

    package, data, sha = measured_package(tmp_path, dev_weights[1], same_graph=False)
    assert evaluate.main(update(monkeypatch, package, data, evaluation(sha, 0.9))) == 0
    out = capsys.readouterr().out
    assert (
        "Dropped, to measure again: empty photos (175 held-out photos of "
        "../shared/backgrounds/indoor), not recorded as of this graph" in out
    )
    stored = load_package(package)
    assert "empty_photos" not in stored.metrics
    assert "--empty-photos" not in stored.reproduce
    assert EMPTY_ROW not in (package / "MODEL_CARD.md").read_text(encoding="utf-8")
