"""Choosing a package's acceptance thresholds (``accept``, ``accept_verified``) on a split.

The exported ONNX runs through the serving pipeline on the val photos (or a development split),
with verification off, or on (what is served, text verdicts included); ``accept`` is the
threshold on a grid from the candidate threshold to 0.95 (step 0.05) that maximises per-photo
Janji presence F1, ties going to the higher threshold. ``accept_verified`` = ``min(accept,
confidence + 0.1)``: a detection whose text was read and confirmed carries its own evidence, so
it needs only to be a fairly confident candidate. Never a test split: its numbers must stay
unbiased.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from datasets.classes import load_classes
from training.metrics import ThresholdPoint, best_threshold, presence_sweep, threshold_grid
from training.served_outcomes import EvaluateError, load_pipeline, served_photos
from vision.acceptance import AcceptThresholds, is_accepted
from vision.results import VerificationStatus

CALIBRATION_SPLIT = "val"  # the default; never the test split: its numbers must stay unbiased
SWEEP_STOP = 0.95
SWEEP_STEP = 0.05
VERIFIED_MARGIN = 0.1  # accept_verified = min(accept, confidence + VERIFIED_MARGIN)


class CalibrationError(ValueError):
    """A calibration that cannot run; the message says why."""


def default_accept_verified(accept: float, confidence: float) -> float:
    """Return ``min(accept, confidence + VERIFIED_MARGIN)`` rounded to 4 decimals.

    A detection whose text confirmed Janji Layanan carries its own evidence, so it counts from
    a little above the candidate threshold, never from more than ``accept``.
    """
    return round(min(accept, confidence + VERIFIED_MARGIN), 4)


def highest_accept(
    is_janji: bool, confidence: float, status: VerificationStatus, candidate: float
) -> float:
    """Return the highest ``accept`` at which one detection counts as Janji Layanan evidence.

    Acceptance (``vision.acceptance.is_accepted``) with ``accept_verified`` =
    ``default_accept_verified(accept, candidate)`` only loses detections as ``accept`` rises:
    one that counts at every ``accept`` is confirmed and confident enough; one that counts at
    0 but not at 1 counts while ``accept`` is at most its confidence (for thresholds of up to
    4 decimals, as the calibration grid's). So a photo is present at ``accept = t`` exactly when
    its highest value here reaches ``t``.

    Args:
        is_janji: Whether the detection's (served) class is a Janji class.
        confidence: Its detector confidence in ``[0, 1]``.
        status: What the text check concluded about it.
        candidate: The package's candidate confidence threshold in ``[0, 1]``.

    Returns:
        1.0 when it counts at every ``accept`` (text confirmed, confidence at least
        ``candidate + 0.1``), its confidence when it counts up to that, 0.0 when it never counts.

    """

    def counts_at(accept: float) -> bool:
        thresholds = AcceptThresholds(accept, default_accept_verified(accept, candidate))
        return is_accepted(is_janji, confidence, status, thresholds)

    if counts_at(1.0):
        return 1.0
    return confidence if counts_at(0.0) else 0.0


@dataclass(frozen=True)
class Calibration:
    """The acceptance thresholds chosen for a package and how.

    Attributes:
        accept: Confidence at which an unverified Janji detection counts.
        accept_verified: Confidence at which a text-confirmed Janji detection counts.
        record: JSON-ready account stored as ``metrics["calibration"]`` (split, photos,
            objective, rule, and the sweep of threshold, precision, recall, F1).

    """

    accept: float
    accept_verified: float
    record: dict[str, Any]


def calibration_record(
    points: Sequence[ThresholdPoint],
    chosen: ThresholdPoint,
    accept_verified: float,
    images: int,
    janji_photos: int,
    split: str = CALIBRATION_SPLIT,
    verify: bool = False,
) -> dict[str, Any]:
    """Return the JSON account of a calibration sweep (see ``Calibration.record``)."""

    def clean(value: float) -> float | None:
        return None if math.isnan(value) else round(value, 5)

    return {
        "method": "calibrated",
        "split": split,
        "images": images,
        "janji_photos": janji_photos,
        "verification": "on" if verify else "off",
        "objective": "per-photo Janji presence F1, ties to the higher threshold",
        "accept": chosen.threshold,
        "accept_verified": accept_verified,
        "accept_verified_rule": f"min(accept, confidence + {VERIFIED_MARGIN})",
        "sweep": [
            {
                "threshold": p.threshold,
                "precision": clean(p.presence.precision),
                "recall": clean(p.presence.recall),
                "f1": clean(p.presence.f1),
            }
            for p in points
        ],
    }


def calibrate(
    package_dir: Path,
    dataset_dir: Path,
    limit: int | None = None,
    progress: bool = True,
    split: str = CALIBRATION_SPLIT,
    verify: bool = False,
) -> Calibration:
    """Choose ``accept`` / ``accept_verified`` for a package on one split of a dataset.

    Every photo of the split goes through the serving pipeline, verification off or on; a photo
    is present at threshold ``t`` when one of its detections counts at ``accept = t``
    (``highest_accept``: exactly the pipeline's ``janji_present`` with ``accept = t``; the
    text check's verdicts do not depend on ``accept``). The sweep runs over
    ``threshold_grid(confidence, 0.95, 0.05)`` and keeps the best presence F1 (ties to the
    higher threshold).

    Args:
        package_dir: A package around the exported ONNX (its candidate threshold is used).
        dataset_dir: The dataset folder (its ``data.yaml`` names the split's folder).
        limit: Use only the first ``limit`` photos of the split.
        progress: Show a progress bar.
        split: The split calibrated on (``val``, or a held-out ``dev`` split).
        verify: Calibrate on what is served with the text check (OCR) on, rejected and
            confirmed detections included; slower. Off: the detector's scores alone.

    Raises:
        CalibrationError: If the split is a test split, is missing or has no photo with a Janji
            object, a photo cannot be decoded, or the package does not load.

    """
    from training.splits import SplitError, load_split

    if split == "test":
        raise CalibrationError("cannot calibrate on a test split: its numbers must stay unbiased")
    try:
        truths = load_split(dataset_dir, split, limit)
    except SplitError as error:
        raise CalibrationError(f"cannot calibrate the acceptance thresholds: {error}") from None
    classes = load_classes()
    janji = classes.janji
    truth = [any(classes.is_janji(int(c)) for c in t.class_id) for t in truths]
    if not any(truth):
        raise CalibrationError(
            f"cannot calibrate the acceptance thresholds: no {split} photo holds a "
            "Janji object (pass --accept to set it by hand)"
        )
    best: list[float] = []
    try:
        pipeline = load_pipeline(package_dir, verify=verify)
        candidate = pipeline.package.confidence
        for _, _, result in served_photos(pipeline, truths, progress, "calibrate"):
            scores = [
                highest_accept(label in janji, float(conf), check.status, candidate)
                for (_, conf, _), label, check in zip(
                    result.detections, result.labels, result.verifications, strict=True
                )
            ]
            best.append(max(scores, default=0.0))
    except EvaluateError as error:
        raise CalibrationError(str(error)) from None
    points = presence_sweep(truth, best, threshold_grid(candidate, SWEEP_STOP, SWEEP_STEP))
    chosen = best_threshold(points)
    accept_verified = default_accept_verified(chosen.threshold, candidate)
    record = calibration_record(
        points, chosen, accept_verified, len(truths), sum(truth), split, verify
    )
    return Calibration(chosen.threshold, accept_verified, record)
