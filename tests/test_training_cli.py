"""Fast checks of the training, export and evaluation commands (no model training)."""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml

from datasets.classes import load_classes
from training import card as training_card
from training import evaluate, export, provenance, splits, train
from training.calibration import (
    CalibrationError,
    calibrate,
    calibration_record,
    default_accept_verified,
    highest_accept,
)
from training.card import CardFacts, render_model_card
from training.evaluate_metrics import compute_metrics, evaluate_outcomes
from training.evaluate_report import format_report
from training.export_errors import ExportError
from training.metrics import best_threshold, presence_sweep, threshold_grid
from training.served_outcomes import PhotoOutcome, ServedView
from vision.acceptance import AcceptThresholds, accept_detections, is_accepted
from vision.detector import DetectorOptions
from vision.results import NOT_CHECKED, Verification, VerificationStatus

NAMES = load_classes().names


def write_dataset_yaml(root: Path, names: list[str] | None = None, path: str | None = None) -> Path:
    for split in ("train", "val"):
        (root / "images" / split).mkdir(parents=True, exist_ok=True)
        (root / "images" / split / "a.jpg").write_bytes(b"x")  # training needs a photo
    data = {
        "path": path if path is not None else str(root),
        "train": "images/train",
        "val": "images/val",
        "names": dict(enumerate(names or NAMES)),
    }
    target = root / "data.yaml"
    target.write_text(yaml.safe_dump(data))
    return target


def test_train_rejects_missing_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert train.main(["--data", str(tmp_path / "nope.yaml")]) == 2
    assert "dataset file not found" in capsys.readouterr().err


def test_train_rejects_other_class_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = write_dataset_yaml(tmp_path, ["a", "b"])
    assert train.main(["--data", str(data), "--project", str(tmp_path / "runs")]) == 2
    assert "differ from classes.yaml" in capsys.readouterr().err


def test_train_refuses_weights_it_would_download(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = write_dataset_yaml(tmp_path)
    assert train.main(["--data", str(data), "--model", "yolo11n.pt"]) == 2
    assert "no weights can be downloaded" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--imgsz", "420"], "multiple of 32"),
        (["--epochs", "0"], "--epochs must be >= 1"),
        (["--time", "0"], "--time must be > 0"),
        (["--workers", "-1"], "--workers must be >= 0"),
        ([], "--data is required"),
    ],
)
def test_train_rejects_bad_numbers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    extra = ["--data", str(tmp_path / "d.yaml")] if argv else []
    assert train.main(extra + argv) == 2
    assert message in capsys.readouterr().err


def test_resume_without_run_is_clear(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert train.main(["--resume", "--project", str(tmp_path), "--name", "x"]) == 2
    assert "nothing to resume" in capsys.readouterr().err


def test_resume_from_needs_resume_and_a_checkpoint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["--project", str(tmp_path), "--name", "x"]
    assert train.main([*base, "--data", "d.yaml", "--from", "c.pt"]) == 2
    assert "use it with --resume" in capsys.readouterr().err
    assert train.main([*base, "--resume", "--from", str(tmp_path / "none.pt")]) == 2
    assert "nothing to resume" in capsys.readouterr().err
    junk = tmp_path / "junk.pt"
    junk.write_bytes(b"not a checkpoint")
    assert train.main([*base, "--resume", "--from", str(junk)]) == 2
    assert "cannot read checkpoint" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()  # nothing restored from a bad checkpoint


def test_train_args_are_offline_poster_friendly(tmp_path: Path) -> None:
    options = train.parse_args(
        ["--data", "d.yaml", "--epochs", "25", "--project", "runs", "--name", "v1", "--time", "2"]
    )
    args = train.build_train_args(options, tmp_path / "d.yaml")
    assert args["fliplr"] == 0.0 and args["mosaic"] == 1.0
    assert args["amp"] is False and args["pretrained"] is False and args["plots"] is True
    fine_tune = train.parse_args(["--data", "d.yaml", "--model", "runs/v1/weights/best.pt"])
    # Ultralytics throws a .pt's weights away when pretrained is False.
    assert train.build_train_args(fine_tune, tmp_path / "d.yaml")["pretrained"] is True
    assert args["close_mosaic"] == 5 and args["time"] == 2.0 and args["device"] == "cpu"
    assert Path(args["project"]).is_absolute()  # relative would land in Ultralytics' own folder
    assert args["name"] == "v1" and args["save_period"] >= 1
    resume_args = {"resume": True, "save_dir": str(options.run_dir), "device": "cpu", "time": 2.0}
    assert train.build_resume_args(options) == resume_args
    moved = train.build_resume_args(options, tmp_path / "d.yaml")
    assert moved == {**resume_args, "data": str(tmp_path / "d.yaml")}
    assert "workers" not in args  # Ultralytics' own default unless asked
    gpu = train.parse_args(["--data", "d.yaml", "--device", "0", "--workers", "12"])
    assert train.build_train_args(gpu, tmp_path / "d.yaml")["workers"] == 12


def test_a_fine_tune_can_set_its_optimizer_rate_and_warm_up(tmp_path: Path) -> None:
    default = train.build_train_args(train.parse_args(["--data", "d.yaml"]), tmp_path / "d.yaml")
    assert default["optimizer"] == "auto"
    assert "lr0" not in default and "warmup_epochs" not in default
    argv = ["--data", "d.yaml", "--optimizer", "AdamW", "--lr0", "0.0003", "--warmup-epochs", "0"]
    args = train.build_train_args(train.parse_args(argv), tmp_path / "d.yaml")
    assert (args["optimizer"], args["lr0"], args["warmup_epochs"]) == ("AdamW", 0.0003, 0.0)
    facts = export.CheckpointFacts("yolo11n", 416, 8, 8, Path("d/data.yaml"), args, {})
    assert "--optimizer AdamW --lr0 0.0003 --warmup-epochs 0.0" in provenance.train_command(facts)
    auto = export.CheckpointFacts("yolo11n", 416, 8, 8, Path("d/data.yaml"), default, {})
    assert "--optimizer" not in provenance.train_command(auto)
    assert "--warmup-epochs" not in provenance.train_command(auto)
    assert "--lrf" not in provenance.train_command(auto) and "lrf" not in default


def test_a_run_whose_epochs_are_averaged_keeps_its_rate_and_every_epoch(tmp_path: Path) -> None:
    argv = ["--data", "d.yaml", "--optimizer", "AdamW", "--lr0", "0.0001", "--lrf", "1"]
    args = train.build_train_args(
        train.parse_args([*argv, "--save-period", "1"]), tmp_path / "d.yaml"
    )
    assert (args["lrf"], args["save_period"]) == (1.0, 1)
    facts = export.CheckpointFacts("yolo11n", 640, 6, 6, Path("d/data.yaml"), args, {})
    assert provenance.train_command(facts).endswith("--save-period 1 --lrf 1.0")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--lr0", "0.001"], "--lr0 needs --optimizer SGD or AdamW"),
        (["--optimizer", "SGD", "--lr0", "0"], "--lr0 must be between 0 and 1"),
        (["--warmup-epochs", "-1"], "--warmup-epochs must be >= 0"),
        (["--lrf", "0"], "--lrf must be above 0 and at most 1"),
        (["--lrf", "1.5"], "--lrf must be above 0 and at most 1"),
    ],
)
def test_bad_optimizer_settings_are_refused(argv: list[str], message: str) -> None:
    with pytest.raises(train.TrainError, match=message):
        train.parse_args(["--data", "d.yaml", *argv])


def test_cpu_training_computes_on_every_core() -> None:
    import os
    from types import SimpleNamespace

    import torch

    before = torch.get_num_threads()
    try:
        torch.set_num_threads(1)  # what Ultralytics sets on a 2-core machine
        train.use_every_core(SimpleNamespace(device=torch.device("cpu")))
        assert torch.get_num_threads() == (os.cpu_count() or 1)
        torch.set_num_threads(1)
        train.use_every_core(SimpleNamespace(device=torch.device("cuda", 0)))
        assert torch.get_num_threads() == 1  # a GPU run keeps Ultralytics' setting
    finally:
        torch.set_num_threads(before)


def test_close_mosaic_default() -> None:
    assert [train.default_close_mosaic(e) for e in (1, 10, 25, 100)] == [1, 2, 5, 10]


def test_relative_dataset_root_is_made_absolute(tmp_path: Path) -> None:
    data = write_dataset_yaml(tmp_path / "ds", path=".")
    config = train.check_data_yaml(data)
    resolved = train.resolved_data_yaml(data, config, tmp_path / "runs" / "v1")
    assert resolved != data
    assert yaml.safe_load(resolved.read_text())["path"] == str((tmp_path / "ds").resolve())


def test_export_rejects_missing_weights(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert export.main(["--weights", str(tmp_path / "none.pt"), "--no-evaluate"]) == 2
    assert "weights not found" in capsys.readouterr().err


def test_export_rejects_bad_threshold(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert export.main(["--weights", str(tmp_path / "a.pt"), "--conf", "1.5"]) == 2
    assert "--conf must lie in [0, 1]" in capsys.readouterr().err


def test_export_empty_photos_need_its_own_evaluation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    weights = ["--weights", str(tmp_path / "a.pt")]
    assert export.main([*weights, "--held-out-only"]) == 2
    assert "--held-out-only needs --empty-photos" in capsys.readouterr().err
    assert export.main([*weights, "--empty-photos", str(tmp_path), "--no-evaluate"]) == 2
    assert "--empty-photos needs the export's own evaluation" in capsys.readouterr().err
    assert export.main([*weights, "--empty-photos", str(tmp_path / "none")]) == 2
    assert "empty-photo folder not found" in capsys.readouterr().err
    parser = argparse.ArgumentParser()
    export.add_arguments(parser)
    options = export.options_from_namespace(
        parser.parse_args([*weights, "--empty-photos", str(tmp_path), "--held-out-only"])
    )
    flags = f"--empty-photos {tmp_path} --held-out-only"
    assert export.export_command(options).endswith(flags)


def test_evaluate_rejects_missing_split(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert evaluate.main(["--package", str(tmp_path), "--data", str(tmp_path)]) == 2
    assert "no test split" in capsys.readouterr().err


def test_split_folders_follow_data_yaml(tmp_path: Path) -> None:
    assert splits.split_folders(tmp_path, "val") == (
        tmp_path / "images" / "val",
        tmp_path / "labels" / "val",
    )
    (tmp_path / "data.yaml").write_text(
        yaml.safe_dump({"path": "sub", "val": "images/holdout", "train": "images/train"})
    )
    assert splits.split_folders(tmp_path, "val") == (
        tmp_path / "sub" / "images" / "holdout",
        tmp_path / "sub" / "labels" / "holdout",
    )
    # a split the yaml does not name falls back to images/<split>
    assert splits.split_folders(tmp_path, "test")[0] == tmp_path / "images" / "test"
    with pytest.raises(splits.SplitError, match="no val split"):
        splits.load_split(tmp_path, "val")


def test_parse_label_file(tmp_path: Path) -> None:
    label = tmp_path / "a.txt"
    label.write_text("0 0.5 0.5 0.2 0.4\n\n3 0.1 0.1 0.2 0.2\n")
    classes, boxes = splits.parse_label_file(label)
    assert classes.tolist() == [0, 3]
    assert boxes[0] == pytest.approx([0.4, 0.3, 0.6, 0.7])
    label.write_text("0 0.5 0.5 x 0.4\n")
    with pytest.raises(splits.SplitError, match=r"a\.txt:1"):
        splits.parse_label_file(label)


def test_lookalike_kind_comes_from_the_matching_manifest_object() -> None:
    boxes = np.array([[0.1, 0.1, 0.3, 0.5], [0.5, 0.5, 0.9, 0.9]])
    records: list[dict[str, Any]] = [
        {
            "class": "other_sign",
            "lookalike": "hak_kewajiban",
            "design": "hak_stacked",
            "box": [200, 200, 360, 360],
            "width": 400,
            "height": 400,
        },
        {
            "class": "janji_poster",
            "lookalike": None,
            "box": [40, 40, 120, 200],
            "width": 400,
            "height": 400,
        },
    ]
    matched = splits.match_manifest(boxes, np.array([0, 3]), records, NAMES)
    assert matched == (records[1], records[0])
    assert splits.record_field(matched, "lookalike") == (None, "hak_kewajiban")
    assert splits.record_field(matched, "design") == (None, "hak_stacked")
    # another class at the same place is not the same object
    unmatched = splits.match_manifest(boxes, np.array([3, 3]), records, NAMES)
    assert splits.record_field(unmatched, "lookalike") == (None, "hak_kewajiban")


CANDIDATE = 0.25  # the handmade outcomes' candidate threshold: lower detections not served


def outcome(
    gt_class: list[int],
    gt_boxes: list[list[float]],
    lookalike: list[str | None],
    boxes: list[list[float]],
    scores: list[float],
    classes: list[int],
    rejected: list[bool],
    thresholds: AcceptThresholds,
    design: tuple[str, ...] = (),
) -> PhotoOutcome:
    """A photo outcome whose served detections and ``accepted`` follow the pipeline's rule."""
    served = [i for i, score in enumerate(scores) if score >= CANDIDATE]
    janji = [classes[i] in (0, 1, 2) for i in served]
    served_scores = [scores[i] for i in served]
    status = [REJECTED if rejected[i] else NOT_CHECKED for i in served]

    def view(statuses: list[Verification]) -> ServedView:
        return ServedView(
            boxes=np.array([boxes[i] for i in served], dtype=np.float64).reshape(-1, 4),
            scores=np.array(served_scores, dtype=np.float64),
            janji=np.array(janji, dtype=bool),
            accepted=np.array(
                accept_detections(janji, served_scores, statuses, thresholds), dtype=bool
            ),
            rejected=np.array([s.status is VerificationStatus.REJECTED for s in statuses]),
        )

    return PhotoOutcome(
        width=100,
        height=100,
        gt_class=np.array(gt_class, dtype=np.int64),
        gt_boxes=np.array(gt_boxes, dtype=np.float64).reshape(-1, 4),
        lookalike=tuple(lookalike),
        boxes=np.array(boxes, dtype=np.float64).reshape(-1, 4),
        scores=np.array(scores, dtype=np.float64),
        classes=np.array(classes, dtype=np.int64),
        rejected=np.array(rejected, dtype=bool),
        served=view(status),
        unread=view([NOT_CHECKED] * len(served)),
        design=design,
    )


POSTER: list[float] = [10, 10, 40, 50]  # 12% of a 100x100 photo
LOOKALIKE: list[float] = [60, 10, 90, 50]
LOOSE = AcceptThresholds(accept=0.25, accept_verified=0.25)
REJECTED = Verification(VerificationStatus.REJECTED)


def handmade_outcomes(thresholds: AcceptThresholds = LOOSE) -> list[PhotoOutcome]:
    return [
        # a Janji poster found; a lookalike wrongly called janji_poster, but verification
        # read its text and rejected it
        outcome(
            [0, 3],
            [POSTER, LOOKALIKE],
            [None, "alur_pelayanan"],
            [POSTER, LOOKALIKE],
            [0.9, 0.8],
            [0, 0],
            [False, True],
            thresholds,
            ("janji_letter", "alur_grid"),
        ),
        # only a lookalike, wrongly accepted (unreadable, so not rejected) at 0.7
        outcome(
            [3],
            [LOOKALIKE],
            ["hak_kewajiban"],
            [LOOKALIKE],
            [0.7],
            [0],
            [False],
            thresholds,
            ("hak_stacked",),
        ),
        # a small Janji poster (1%) missed: detection below the 0.25 candidate threshold
        outcome(
            [0],
            [[0, 0, 10, 10]],
            [None],
            [[0, 0, 10, 10]],
            [0.1],
            [0],
            [False],
            thresholds,
            ("janji_letter",),
        ),
    ]


def test_metrics_with_and_without_verification() -> None:
    ids = [0, 1, 2]
    on = compute_metrics(handmade_outcomes(), ids, NAMES, verification=True)
    off = compute_metrics(handmade_outcomes(), ids, NAMES, verification=False)
    assert on["lookalike_false_accept"]["accepted"] == 1
    assert on["lookalike_false_accept"]["total"] == 2
    assert on["lookalike_false_accept"]["per_kind"]["alur_pelayanan"]["rate"] == 0.0
    assert off["lookalike_false_accept"]["rate"] == 1.0
    # presence: photos 1 and 3 hold Janji; 1 and 2 called present in both settings
    assert on["presence"]["tp"] == 1 and on["presence"]["fp"] == 1 and on["presence"]["fn"] == 1
    assert off["presence"] == on["presence"]
    assert on["recall_by_size"]["<2%"] == {"rate": 0.0, "found": 0, "total": 1}
    assert on["recall_by_size"]["5-15%"] == {"rate": 1.0, "found": 1, "total": 1}
    assert on["recall_by_size"][">15%"]["rate"] is None
    assert on["recall_by_design"] == {"janji_letter": {"rate": 0.5, "found": 1, "total": 2}}
    # the small poster's only detection fell below the candidate threshold: nothing served
    assert on["missed_by_reason"]["not_boxed"] == {"rate": 0.5, "missed": 1, "total": 2}
    assert on["missed_by_reason"]["taken_for_other_sign"]["missed"] == 0
    assert off["missed_by_reason"] == on["missed_by_reason"]
    assert on["false_accept_by_design"]["alur_grid"]["rate"] == 0.0
    assert on["false_accept_by_design"]["hak_stacked"] == {"rate": 1.0, "accepted": 1, "total": 1}
    assert off["false_accept_by_design"]["alur_grid"]["rate"] == 1.0
    # AP: ranked 0.9 TP, 0.8 FP (off only), 0.7 FP, 0.1 TP over 2 Janji objects
    assert on["janji_ap50"] > off["janji_ap50"]
    assert on["per_class"]["janji_banner"]["ap50"] is None


def test_metrics_count_what_the_pipeline_accepts_not_the_candidate_threshold() -> None:
    # accept 0.75: the unreadable lookalike at 0.7 is served but not accepted
    strict = handmade_outcomes(AcceptThresholds(accept=0.75, accept_verified=0.35))
    on = compute_metrics(strict, [0, 1, 2], NAMES, verification=True)
    off = compute_metrics(strict, [0, 1, 2], NAMES, verification=False)
    assert on["lookalike_false_accept"]["accepted"] == 0
    assert (on["presence"]["tp"], on["presence"]["fp"], on["presence"]["fn"]) == (1, 0, 1)
    # verification off judges the same detections as unread: the 0.8 lookalike counts again
    assert off["lookalike_false_accept"]["per_kind"]["alur_pelayanan"]["rate"] == 1.0
    assert off["lookalike_false_accept"]["per_kind"]["hak_kewajiban"]["rate"] == 0.0
    # AP does not depend on the acceptance thresholds
    assert (
        on["janji_ap50"]
        == compute_metrics(handmade_outcomes(), [0, 1, 2], NAMES, verification=True)["janji_ap50"]
    )


def test_missed_janji_objects_are_counted_by_reason_as_served_and_as_unread() -> None:
    outcomes = [
        # a Janji poster whose text was misread and rejected (found when the text is not read)
        outcome([0], [POSTER], [None], [POSTER], [0.6], [0], [True], LOOSE),
        # a Janji poster the detector took for another sign
        outcome([0], [POSTER], [None], [POSTER], [0.9], [3], [False], LOOSE),
    ]
    on = compute_metrics(outcomes, [0, 1, 2], NAMES, verification=True)["missed_by_reason"]
    off = compute_metrics(outcomes, [0, 1, 2], NAMES, verification=False)["missed_by_reason"]
    assert on["rejected_by_text"] == {"rate": 0.5, "missed": 1, "total": 2}
    assert on["taken_for_other_sign"]["missed"] == 1
    assert off["rejected_by_text"]["missed"] == 0 and off["taken_for_other_sign"]["missed"] == 1
    assert on["janji_below_accept"]["missed"] == on["not_boxed"]["missed"] == 0


def card_facts(
    metrics: dict[str, Any] | None = None,
    training: dict[str, Any] | None = None,
    reproduce: str = "",
) -> CardFacts:
    """Model-card facts of a yolo11n at 416 px, accept 0.4 / accept_verified 0.35."""
    return CardFacts(
        "janji-detector",
        "1.0",
        "yolo11n",
        416,
        0.25,
        0.7,
        accept=0.4,
        accept_verified=0.35,
        training=training or {},
        metrics=metrics or {},
        reproduce=reproduce,
    )


def test_report_and_card_show_the_numbers(tmp_path: Path) -> None:
    thresholds = {"confidence": 0.25, "accept": 0.25, "accept_verified": 0.25}
    metrics = evaluate_outcomes(handmade_outcomes(), thresholds, "test", verified=True)
    json.dumps(metrics)  # JSON-ready
    assert metrics["thresholds"] == thresholds
    report = format_report(metrics)
    assert "lookalike false-accept" in report and "50.0%" in report and "100.0%" in report
    assert re.search(r"False accept, design alur_grid \(n=1\) +0\.0% +100\.0%", report)
    assert re.search(r"Janji recall, design janji_letter \(n=2\) +0\.500 +0\.500", report)
    assert "accept 0.25" in report
    points = presence_sweep([True, True, False], [0.9, 0.4, 0.5], threshold_grid(0.25, 0.6))
    chosen = best_threshold(points)
    assert chosen.threshold == 0.4  # F1 0.8 from 0.25 to 0.4: ties go to the higher one
    metrics["calibration"] = calibration_record(points, chosen, 0.35, 3, 2)
    json.dumps(metrics)
    assert metrics["calibration"]["sweep"][0] == {
        "threshold": 0.25,
        "precision": pytest.approx(2 / 3, abs=1e-5),
        "recall": 1.0,
        "f1": 0.8,
    }
    card = render_model_card(
        card_facts(
            metrics=metrics,
            reproduce="python -m training.evaluate --package P --data D --split test",
        )
    )
    assert "| Lookalike false-accept rate | 50.0% | 100.0% |" in card
    assert "| False accept, design hak_stacked (n=1) | 100.0% | 100.0% |" in card
    assert "| Janji recall, size <2% of photo (n=1) | 0.000 | 0.000 |" in card
    assert "python -m training.evaluate --package P" in card
    assert "`accept` was calibrated on val (3 photos, 2 with Janji media" in card
    assert "from confidence 0.4 (text not read) or 0.35 (text confirmed" in card
    assert "| 0.4 (chosen) | 0.667 | 1.000 | 0.800 |" in card
    assert "| 0.45 | 0.500 | 0.500 | 0.500 |" in card
    assert "min(accept, confidence + 0.1)" in card
    assert "yolo11n, trained from scratch" in card
    assert "zoomed out to 320 px, whose boxes covering at least 10% of the photo" in card
    no_zoom = training_card.zoom_out_lines(640, DetectorOptions(zoom_out_side=None))
    assert no_zoom == [] == training_card.zoom_out_lines(320, DetectorOptions(zoom_out_side=320))


def test_a_fine_tuned_checkpoint_names_its_starting_weights(tmp_path: Path) -> None:
    def facts(model: str) -> export.CheckpointFacts:
        args = {"model": model, "batch": 16, "seed": 0, "project": "runs", "name": "v2"}
        return export.CheckpointFacts("yolo11n", 416, 21, 21, Path("d/data.yaml"), args, {})

    tuned = facts("models/checkpoints/janji-v1-best.pt")
    assert provenance.initial_weights(tuned) == "models/checkpoints/janji-v1-best.pt"
    assert "--model models/checkpoints/janji-v1-best.pt " in provenance.train_command(tuned)
    scratch = facts("yolo11n.yaml")
    assert provenance.initial_weights(scratch) is None
    assert "--model yolo11n.yaml " in provenance.train_command(scratch)
    card = render_model_card(
        card_facts(training={"initial_weights": "models/checkpoints/janji-v1-best.pt"})
    )
    assert "fine-tuned from `models/checkpoints/janji-v1-best.pt`" in card


def test_accept_verified_default_and_export_threshold_options(tmp_path: Path) -> None:
    assert default_accept_verified(0.6, 0.25) == 0.35
    assert default_accept_verified(0.3, 0.25) == 0.3  # never above accept
    parser = argparse.ArgumentParser()
    export.add_arguments(parser)
    base = ["--weights", str(tmp_path / "a.pt")]
    options = export.options_from_namespace(parser.parse_args([*base, "--accept", "0.6"]))
    assert (options.accept, options.accept_verified) == (0.6, None)
    assert export.manual_calibration(options).accept_verified == 0.35
    assert "--accept 0.6" in export.export_command(options)
    calibrated = export.options_from_namespace(parser.parse_args(base))
    assert calibrated.accept is None  # calibrated on val
    for argv, words in (
        (["--accept", "1.5"], "--accept must lie in [0, 1]"),
        (["--accept-verified", "0.3"], "--accept-verified needs --accept"),
        (["--accept", "0.4", "--accept-verified", "0.5"], "<= --accept"),
        (["--accept", "0.2"], "--conf <= --accept-verified"),  # below the candidate 0.25
    ):
        with pytest.raises(ExportError, match=re.escape(words)):
            export.options_from_namespace(parser.parse_args([*base, *argv]))


def test_calibrate_on_names_a_dataset_split_but_never_a_test_split(tmp_path: Path) -> None:
    parser = argparse.ArgumentParser()
    export.add_arguments(parser)
    base = ["--weights", str(tmp_path / "a.pt")]
    dev = tmp_path / "devpool"
    dev.mkdir()
    options = export.options_from_namespace(
        parser.parse_args([*base, "--calibrate-on", f"{dev}:dev"])
    )
    assert options.calibrate_on == (dev, "dev")
    assert not options.calibrate_with_text
    assert f"--calibrate-on {dev}:dev" in export.export_command(options)
    assert "--calibrate-with-text" not in export.export_command(options)
    with_text = export.options_from_namespace(
        parser.parse_args([*base, "--calibrate-on", f"{dev}:dev", "--calibrate-with-text"])
    )
    assert with_text.calibrate_with_text
    assert export.export_command(with_text).endswith(
        f"--calibrate-on {dev}:dev --calibrate-with-text"
    )
    for argv, words in (
        (["--calibrate-on", f"{dev}:test"], "never calibrated on"),
        (["--calibrate-on", str(dev)], "write DIR:SPLIT"),
        (["--calibrate-on", f"{tmp_path / 'none'}:dev"], "dataset folder not found"),
        (["--calibrate-on", f"{dev}:dev", "--accept", "0.5"], "exclude each other"),
        (["--calibrate-with-text", "--accept", "0.5"], "exclude each other"),
    ):
        with pytest.raises(ExportError, match=re.escape(words)):
            export.options_from_namespace(parser.parse_args([*base, *argv]))


def test_accept_is_calibrated_on_a_development_split(shipped_package: Path, tmp_path: Path) -> None:
    from datasets.synth.cli import main as generate

    data = tmp_path / "devpool"
    argv = ["--out", str(data), "--train", "0", "--val", "0", "--test", "0", "--dev", "12"]
    assert generate([*argv, "--seed", "4", "--quiet", "--workers", "1"]) == 0
    calibration = calibrate(shipped_package, data, progress=False, split="dev")
    record = calibration.record
    assert (record["split"], record["images"]) == ("dev", 12)
    assert 0 < record["janji_photos"] < 12
    chosen = [p for p in record["sweep"] if p["threshold"] == calibration.accept]
    assert chosen and chosen[0]["f1"] == max(p["f1"] or 0 for p in record["sweep"])
    lines = training_card.calibration_lines({**record, "dataset": "data/devpool"})
    assert lines[0].startswith("`accept` was calibrated on dev of `data/devpool` (12 photos")
    with pytest.raises(CalibrationError, match=r"no images in .*images/val"):
        calibrate(shipped_package, data, progress=False)
    with pytest.raises(CalibrationError, match="cannot calibrate on a test split"):
        calibrate(shipped_package, data, progress=False, split="test")


def test_highest_accept_is_where_a_detection_stops_counting() -> None:
    grid = threshold_grid(0.25, 1.0, 0.01)
    for is_janji in (True, False):
        for status in VerificationStatus:
            for confidence in (0.25, 0.2924868762, 0.349, 0.35, 0.3500001, 0.36, 0.5, 0.9, 1.0):
                highest = highest_accept(is_janji, confidence, status, 0.25)
                for t in grid:
                    thresholds = AcceptThresholds(t, default_accept_verified(t, 0.25))
                    counts = is_accepted(is_janji, confidence, status, thresholds)
                    assert counts == (highest >= t), (is_janji, status, confidence, t)
    confirmed = VerificationStatus.CONFIRMED
    assert highest_accept(True, 0.36, confirmed, 0.25) == 1.0  # from 0.35 at any accept
    assert highest_accept(True, 0.3, confirmed, 0.25) == 0.3
    assert highest_accept(True, 0.9, VerificationStatus.REJECTED, 0.25) == 0.0


def test_accept_is_calibrated_on_what_is_served_with_the_text_check(
    shipped_package: Path, tmp_path: Path
) -> None:
    from datasets.synth.cli import main as generate
    from vision.pipeline import Pipeline, PipelineOptions

    data = tmp_path / "devpool"
    argv = ["--out", str(data), "--train", "0", "--val", "0", "--test", "0", "--dev", "10"]
    assert generate([*argv, "--seed", "5", "--quiet", "--workers", "1"]) == 0
    calibration = calibrate(shipped_package, data, progress=False, split="dev", verify=True)
    record = calibration.record
    assert (record["verification"], record["images"]) == ("on", 10)
    lines = training_card.calibration_lines({**record, "dataset": "data/devpool"})
    assert "(10 photos, " in lines[0] and "verification on:" in lines[0]
    # Every point of the sweep is what the pipeline serves, text check on, at that `accept`.
    truths = splits.load_split(data, "dev")
    truth = [any(load_classes().is_janji(int(c)) for c in t.class_id) for t in truths]
    for point in (record["sweep"][0], record["sweep"][5]):
        accept = point["threshold"]
        options = PipelineOptions(
            accept=accept, accept_verified=default_accept_verified(accept, 0.25)
        )
        pipeline = Pipeline.load(shipped_package, options)
        served = [pipeline.check_file(t.image).janji_present for t in truths]
        tp = sum(p and t for p, t in zip(served, truth, strict=True))
        assert tp / sum(truth) == pytest.approx(point["recall"], abs=1e-4)
        if any(served):
            assert tp / sum(served) == pytest.approx(point["precision"], abs=1e-4)


@pytest.mark.parametrize("module", [train, export, evaluate])
def test_subcommand_modules_plug_into_a_dispatcher(
    module: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import argparse

    parser = argparse.ArgumentParser(prog="janjicheck")
    subparsers = parser.add_subparsers(dest="command")
    sub = module.add_parser(subparsers)
    assert sub.prog.endswith(module.__name__.split(".")[-1])
    name = module.__name__.split(".")[-1]
    argv = {
        "train": [name, "--data", str(tmp_path / "none.yaml")],
        "export": [name, "--weights", str(tmp_path / "none.pt"), "--no-evaluate"],
        "evaluate": [name, "--package", str(tmp_path), "--data", str(tmp_path)],
    }[name]
    assert module.run(parser.parse_args(argv)) == 2
    assert "error:" in capsys.readouterr().err


def test_checkpoint_usage_errors_are_clear(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from janjicheck.cli import main as janjicheck_main

    out = str(tmp_path / "resume.pt")
    assert janjicheck_main(["checkpoint", str(tmp_path), "--out", out]) == 2
    assert "checkpoint not found" in capsys.readouterr().err
    assert janjicheck_main(["checkpoint", str(tmp_path), "--out", out + ".zip"]) == 2
    assert "--out must end in .pt" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


def test_checkpoint_never_overwrites_the_runs_own_last_pt(repo_root: Path, tmp_path: Path) -> None:
    from cli_support import run_janjicheck

    run = tmp_path / "run"
    (run / "weights").mkdir(parents=True)
    last = run / "weights" / "last.pt"
    last.write_bytes((repo_root / "models/checkpoints/janji-v17-resume.pt").read_bytes())
    before = last.read_bytes()
    (tmp_path / "link.pt").symlink_to(last)
    for out in (last, tmp_path / "link.pt", run / "weights" / ".." / "weights" / "last.pt"):
        done = run_janjicheck("checkpoint", str(run), "--out", str(out))
        assert done.returncode == 2, done.stdout
        assert "is the run's own last.pt" in done.stderr and "Traceback" not in done.stderr
    assert last.read_bytes() == before
    assert sorted(p.name for p in (run / "weights").iterdir()) == ["last.pt"]


def test_checkpoint_checks_its_out_before_reading_the_run(
    repo_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from janjicheck.cli import main as janjicheck_main

    run = tmp_path / "run"
    (run / "weights").mkdir(parents=True)
    (run / "weights" / "last.pt").write_bytes(b"never read")  # the out is refused first
    taken = tmp_path / "taken.pt"
    taken.mkdir()
    (taken / "keep.txt").write_text("mine")
    cases = [
        (taken, "is a folder"),
        (Path("/proc/x/y.pt"), "cannot write in /proc"),
        (tmp_path / "notes.txt" / "y.pt", "is a file, not a folder"),
    ]
    (tmp_path / "notes.txt").write_text("mine")
    for out, message in cases:
        assert janjicheck_main(["checkpoint", str(run), "--out", str(out)]) == 2
        err = capsys.readouterr().err
        assert message in err, err
    assert [p.name for p in taken.iterdir()] == ["keep.txt"]
    assert not list(tmp_path.glob("*.partial"))


def test_evaluate_checks_its_json_path_before_evaluating(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def never(*args: object, **kwargs: object) -> dict[str, Any]:
        raise AssertionError("evaluated although the --json path cannot be written")

    monkeypatch.setattr(evaluate, "evaluate_package", never)
    folder = tmp_path / "metrics.json"
    folder.mkdir()
    for json_out, message in (
        ("/proc/x/y.json", "--json /proc/x/y.json: cannot write in /proc"),
        (str(folder), "is a folder"),
    ):
        argv = ["--package", str(tmp_path), "--data", str(tmp_path), "--json", json_out]
        assert evaluate.main(argv) == 2
        assert message in capsys.readouterr().err


def test_evaluate_reports_a_json_it_cannot_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    json_out = tmp_path / "out" / "metrics.json"

    def taken_meanwhile(*args: object, **kwargs: object) -> dict[str, Any]:
        json_out.mkdir(parents=True)  # the path became a folder while evaluating
        return {"empty_photos": {}, "onnx_sha256": "0" * 64}

    monkeypatch.setattr(evaluate, "evaluate_package", taken_meanwhile)
    monkeypatch.setattr(evaluate, "format_report", lambda metrics: "report")
    argv = ["--package", str(tmp_path), "--data", str(tmp_path), "--json", str(json_out)]
    assert evaluate.main(argv) == 2
    captured = capsys.readouterr()
    assert "report" in captured.out
    assert f"error: cannot write --json {json_out}" in captured.err


def test_export_checks_its_out_and_metrics_before_the_export(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    weights = tmp_path / "never-read.pt"  # the checks come before the checkpoint is read
    taken = tmp_path / "package"
    taken.write_text("mine")
    listed = tmp_path / "list.json"
    listed.write_text("[1, 2]")
    binary = tmp_path / "binary.json"
    binary.write_bytes(b"\xff\xfe{}")
    cases = [
        (["--out", str(taken)], "--out " + str(taken) + " is a file"),
        (["--out", "/proc/x/pkg"], "--out /proc/x/pkg: cannot write in /proc"),
        (["--out", str(tmp_path / "p"), "--metrics", str(listed)], "is not a JSON object"),
        (["--out", str(tmp_path / "p"), "--metrics", str(binary)], "cannot read metrics"),
    ]
    for args, message in cases:
        argv = ["--weights", str(weights), *args, "--accept", "0.4", "--no-evaluate"]
        assert export.main(argv) == 2
        err = capsys.readouterr().err
        assert message in err, err
    assert taken.read_text() == "mine"
    assert not (tmp_path / "p").exists()
