"""Evaluation through the real serving pipeline: what "text check on" and "off" measure."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from detector_support import RewritingDetector
from vision_photos import Photos

from datasets.classes import load_classes
from training.evaluate_metrics import compute_metrics
from training.served_outcomes import ServedView, pipeline_outcomes
from training.splits import GroundTruth
from vision.detections import Detections
from vision.model_package import load_package
from vision.pipeline import Pipeline, PipelineOptions
from vision.verify import VerifyPolicy


def _torn(found: Detections) -> Detections:
    """A slightly more confident ``other_sign`` box added on every Janji box: a lookalike the
    detector is torn about."""
    classes = load_classes()
    janji = np.isin(found.class_id, [classes.id_of(n) for n in classes.janji])
    return Detections(
        np.concatenate([found.xyxy, found.xyxy[janji]]),
        np.concatenate([found.confidence, np.minimum(found.confidence[janji] + 0.01, 1.0)]),
        np.concatenate([found.class_id, np.full(int(janji.sum()), classes.id_of("other_sign"))]),
    )


def _same(a: ServedView, b: ServedView) -> bool:
    return all(
        np.array_equal(getattr(a, name), getattr(b, name))
        for name in ("boxes", "scores", "janji", "accepted", "rejected")
    )


def test_text_check_off_is_what_the_pipeline_serves_without_it(
    shipped_package: Path, vision_photos: Photos
) -> None:
    """The "off" figures of a run that reads text are those of a run that does not, even where
    reading changed which box of a sign was kept."""
    x1, y1, x2, y2 = vision_photos.janji_box  # the lookalike poster stands where Janji does
    truth = GroundTruth(
        vision_photos.lookalike_jpg,
        np.array([load_classes().id_of("other_sign")], dtype=np.int64),
        np.array([[x1 / 1600, y1 / 1200, x2 / 1600, y2 / 1200]]),
        ("hak_kewajiban",),
        ("hak_stacked",),
    )
    package = load_package(shipped_package)
    detector = RewritingDetector(package, _torn)
    reading = Pipeline(detector, PipelineOptions())
    blind = Pipeline(detector, PipelineOptions(verify=VerifyPolicy(enabled=False)))
    [read] = pipeline_outcomes(reading, [truth], progress=False)
    [unread] = pipeline_outcomes(blind, [truth], progress=False)

    # Read, the sign keeps its more confident other_sign box (the text named the lookalike);
    # unread, it keeps the Janji box, which counts.
    assert not read.served.janji.any() and len(read.served.boxes) >= 1
    assert read.unread.janji.any() and read.unread.janji_present
    assert _same(read.unread, unread.served) and _same(unread.unread, unread.served)

    ids, names = [0, 1, 2], load_classes().names
    on = compute_metrics([read], ids, names, verification=True)["lookalike_false_accept"]
    off = compute_metrics([read], ids, names, verification=False)["lookalike_false_accept"]
    blind_off = compute_metrics([unread], ids, names, verification=False)
    assert on["rate"] == 0.0
    assert off["rate"] == 1.0 == blind_off["lookalike_false_accept"]["rate"]
