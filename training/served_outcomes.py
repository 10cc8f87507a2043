"""Run photos through the serving pipeline and keep, per photo, what it found.

A photo's :class:`PhotoOutcome` holds its ground truth, the low-threshold detections of the
AP curve and what the pipeline served with the text check as run and off
(:class:`ServedView`).
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from datasets.classes import load_classes
from training.metrics import iou_matrix
from training.splits import GroundTruth

if TYPE_CHECKING:
    from vision.decode import DecodedImage
    from vision.pipeline import Pipeline
    from vision.results import ImageResult

AP_CONFIDENCE = 0.001  # detector threshold for the AP curve
SAME_BOX_IOU = 0.9  # a low-threshold box this close to a served box is that detection


class EvaluateError(ValueError):
    """An evaluation that cannot run; the message says why."""


@dataclass(frozen=True)
class ServedView:
    """The detections the pipeline served for one photo under one text-check setting.

    Attributes:
        boxes: ``(S, 4)`` the served detections, pixels.
        scores: ``(S,)`` their confidences.
        janji: ``(S,)`` whether each is of a Janji class as served (an other sign relabelled by
            its text included).
        accepted: ``(S,)`` the pipeline's ``accepted``.
        rejected: ``(S,)`` whether the text check rejected each.

    """

    boxes: npt.NDArray[np.float64]
    scores: npt.NDArray[np.float64]
    janji: npt.NDArray[np.bool_]
    accepted: npt.NDArray[np.bool_]
    rejected: npt.NDArray[np.bool_]

    @property
    def janji_present(self) -> bool:
        """The pipeline's per-photo conclusion (``accepted.any()``)."""
        return bool(self.accepted.any())


def served_view(result: ImageResult, janji_ids: Sequence[int]) -> ServedView:
    """Return the served detections of a pipeline result as a :class:`ServedView`."""
    from vision.results import VerificationStatus

    return ServedView(
        boxes=result.detections.xyxy.astype(np.float64),
        scores=result.detections.confidence.astype(np.float64),
        janji=np.isin(result.detections.class_id, janji_ids),
        accepted=np.array(result.accepted, dtype=bool),
        rejected=np.array(
            [v.status is VerificationStatus.REJECTED for v in result.verifications], dtype=bool
        ),
    )


@dataclass(frozen=True)
class PhotoOutcome:
    """What the pipeline found in one photo, next to its ground truth (pixels).

    Attributes:
        width: Image width in pixels.
        height: Image height in pixels.
        gt_class: ``(K,)`` ground-truth class ids.
        gt_boxes: ``(K, 4)`` ground-truth boxes, pixels.
        lookalike: Per ground-truth object, its lookalike kind or ``None``.
        boxes: ``(P, 4)`` low-threshold detections, pixels.
        scores: ``(P,)`` their confidences.
        classes: ``(P,)`` their class ids.
        rejected: ``(P,)`` whether verification rejected the detection.
        served: What the pipeline served, the text check as run.
        unread: What the pipeline serves with the text check off (the same as ``served``
            when it did not run).
        design: Per ground-truth object, its layout family or ``None`` (empty: unknown).

    """

    width: int
    height: int
    gt_class: npt.NDArray[np.int64]
    gt_boxes: npt.NDArray[np.float64]
    lookalike: tuple[str | None, ...]
    boxes: npt.NDArray[np.float64]
    scores: npt.NDArray[np.float64]
    classes: npt.NDArray[np.int64]
    rejected: npt.NDArray[np.bool_]
    served: ServedView
    unread: ServedView
    design: tuple[str | None, ...] = ()


def same_box_rejected(
    boxes: npt.NDArray[np.float64],
    classes: npt.NDArray[np.int64],
    janji_ids: Sequence[int],
    served_boxes: npt.NDArray[np.float64],
    served_rejected: npt.NDArray[np.bool_],
) -> npt.NDArray[np.bool_]:
    """Carry the served detections' rejections over to the low-threshold Janji detections.

    A low-threshold Janji detection is rejected when a served detection that verification
    rejected overlaps it with IoU >= 0.9: the same sign, whose text was read once (the served
    box may be the sign's ``other_sign`` box, kept as its one label). A rejection says "not
    Janji", so ``other_sign`` detections are never removed.
    """
    rejected = np.zeros(len(boxes), dtype=bool)
    if not len(boxes) or not served_rejected.any():
        return rejected
    ious = iou_matrix(boxes, served_boxes[served_rejected])
    result: npt.NDArray[np.bool_] = np.asarray(
        (ious >= SAME_BOX_IOU).any(axis=1) & np.isin(classes, janji_ids)
    )
    return result


def load_pipeline(package_dir: Path, verify: bool) -> Pipeline:
    """Load the package's serving pipeline, verification (OCR) on or off.

    Raises:
        EvaluateError: If the package cannot be loaded.

    """
    from vision.model_package import ModelPackageError
    from vision.pipeline import Pipeline, PipelineOptions
    from vision.verify import VerifyPolicy

    try:
        return Pipeline.load(package_dir, PipelineOptions(verify=VerifyPolicy(enabled=verify)))
    except ModelPackageError as error:
        raise EvaluateError(str(error)) from None


def served_photos(
    pipeline: Pipeline, truths: Sequence[GroundTruth], progress: bool, desc: str
) -> Iterator[tuple[GroundTruth, DecodedImage, ImageResult]]:
    """Check every photo with ``pipeline``, in order.

    Args:
        pipeline: The serving pipeline.
        truths: The photos and their ground truth.
        progress: Show a progress bar.
        desc: The progress bar's label.

    Yields:
        Each photo's ground truth, the decoded photo and the served result.

    Raises:
        EvaluateError: If a photo cannot be decoded.

    """
    from tqdm import tqdm

    from vision.decode import ImageDecodeError, decode_file

    for truth in tqdm(truths, unit="img", disable=not progress, desc=desc):
        try:
            decoded = decode_file(truth.image, pipeline.options.decode)
        except (ImageDecodeError, OSError) as error:
            raise EvaluateError(f"cannot decode {truth.image}: {error}") from None
        yield truth, decoded, pipeline.check_image(decoded, str(truth.image))


def run_pipeline(
    package_dir: Path, truths: Sequence[GroundTruth], verify: bool = True, progress: bool = True
) -> tuple[list[PhotoOutcome], dict[str, float], str]:
    """Run the package's serving pipeline on every photo.

    Args:
        package_dir: The model package folder.
        truths: The photos and their ground truth.
        verify: Whether to run the verification stage (OCR).
        progress: Show a progress bar.

    Returns:
        The outcomes, the thresholds in force (``confidence``, ``accept``,
        ``accept_verified``), and the package's sha256.

    Raises:
        EvaluateError: If the package cannot be loaded or a photo cannot be decoded.

    """
    pipeline = load_pipeline(package_dir, verify)
    outcomes = pipeline_outcomes(pipeline, truths, progress)
    return outcomes, pipeline_thresholds(pipeline), pipeline.package.onnx_sha256


def pipeline_thresholds(pipeline: Pipeline) -> dict[str, float]:
    """Return the thresholds ``pipeline`` serves with, confidences in ``[0, 1]``.

    Keys: ``confidence`` (candidates), ``accept`` and ``accept_verified``.
    """
    return {
        "confidence": pipeline.detector.confidence,
        "accept": pipeline.thresholds.accept,
        "accept_verified": pipeline.thresholds.accept_verified,
    }


def pipeline_outcomes(
    pipeline: Pipeline, truths: Sequence[GroundTruth], progress: bool = True
) -> list[PhotoOutcome]:
    """Run ``pipeline`` on every photo and return what it found next to the ground truth.

    When the pipeline reads text, each photo's detections are also concluded on with nothing
    read (``PhotoOutcome.unread``): what the same pipeline serves with the text check off.

    Raises:
        EvaluateError: If a photo cannot be decoded.

    """
    from vision.results import NOT_CHECKED

    classes = load_classes()
    janji_ids = [classes.id_of(n) for n in classes.janji]
    verify = pipeline.verifier.policy.enabled
    outcomes = []
    for truth, decoded, result in served_photos(pipeline, truths, progress, "evaluate"):
        low = pipeline.detector.detect(decoded.image, decoded.scale, confidence=AP_CONFIDENCE)
        served = served_view(result, janji_ids)
        unread = served
        if verify:  # what the pipeline serves when nothing is read, from the same detections
            found = pipeline.detector.detect(decoded.image, decoded.scale)
            unchecked = [NOT_CHECKED] * len(found)
            off = pipeline.conclude(
                decoded, result.path, result.quality, found, unchecked, time.perf_counter()
            )
            unread = served_view(off, janji_ids)
        boxes = low.xyxy.astype(np.float64)
        size = np.array([decoded.width, decoded.height] * 2, dtype=np.float64)
        outcomes.append(
            PhotoOutcome(
                width=decoded.width,
                height=decoded.height,
                gt_class=truth.class_id,
                gt_boxes=truth.boxes * size,
                lookalike=truth.lookalike,
                boxes=boxes,
                scores=low.confidence.astype(np.float64),
                classes=low.class_id,
                rejected=same_box_rejected(
                    boxes, low.class_id, janji_ids, served.boxes, served.rejected
                ),
                served=served,
                unread=unread,
                design=truth.design,
            )
        )
    return outcomes
