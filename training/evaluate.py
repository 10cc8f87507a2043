"""Evaluate a model package (the shipped ONNX, through ``vision.pipeline``) on a dataset split.

Usage::

    python -m training.evaluate --package models/janji-detector --data DIR [--split test] \
        [--json metrics.json] [--limit N] [--no-verify] [--empty-photos DIR [--held-out-only]]

Every photo of the split goes through the serving pipeline (decode, detect at the package's
candidate threshold, read the text of Janji candidates, decide which detections are
*accepted* with the package's ``accept`` / ``accept_verified``). Presence, lookalike false
accepts and recall by size count exactly the detections the pipeline accepts, so they measure
what serving reports. For AP, the same photo is also run through the detector at a low
threshold (a full precision-recall curve); a low-threshold detection that is the same box as
a served detection rejected by verification counts as rejected too.

Metrics are reported twice: with verification on (as served) and off (what the same pipeline
serves from the same detections when nothing is read: each Janji detection counts from
``accept``, as with OCR turned off).
Ground truth is the split's YOLO label files and ``manifest.jsonl`` (each object's lookalike
kind, e.g. ``hak_kewajiban``, and layout family), read by ``training.splits``.
"""

from __future__ import annotations

import argparse
import json
import math
import shlex
import sys
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from datasets.classes import load_classes

if TYPE_CHECKING:
    from vision.decode import DecodedImage
    from vision.pipeline import Pipeline
    from vision.results import ImageResult
from training.breakdowns import breakdown_rows
from training.card import fmt
from training.empty_photos import (
    EmptyPhotos,
    EmptyPhotosError,
    add_empty_photo_arguments,
    empty_photo_accepts,
    empty_photo_truths,
    empty_photos_from,
)
from training.metrics import (
    MISS_REASONS,
    SIZE_BUCKETS,
    ImageBoxes,
    ap_summary,
    area_percent,
    iou_matrix,
    lookalike_accepts,
    miss_reasons,
    objects_hit,
    presence,
    rate,
    size_bucket,
)
from training.output_paths import OutputPathError, check_output_file
from training.provenance import evaluate_command, read_fingerprint
from training.splits import GroundTruth, SplitError, dataset_folder, load_split

AP_CONFIDENCE = 0.001  # detector threshold for the AP curve
MATCH_IOU = 0.5  # IoU of a "found" object / a false accept
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


def _clean(value: float) -> float | None:
    return None if math.isnan(value) else round(value, 5)


def compute_metrics(
    outcomes: Sequence[PhotoOutcome],
    janji_ids: Iterable[int],
    class_names: Sequence[str],
    verification: bool,
) -> dict[str, Any]:
    """Compute every metric over the outcomes, with verification on or off.

    Presence, lookalike false accepts (a lookalike object overlapped with IoU >= 0.5 by an
    accepted detection) and recall by size count the detections the pipeline accepted. Missed
    Janji objects are counted by reason (``training.metrics.miss_reasons``), as a share of all
    Janji objects.

    Args:
        outcomes: Per-photo results.
        janji_ids: Class ids of the Janji classes.
        class_names: Class names by id.
        verification: ``True``: what the pipeline served with the text check as run
            (rejected detections also leave the AP curve); ``False``: what it serves with
            the text check off (``PhotoOutcome.unread``).

    Returns:
        JSON-ready metrics (``None`` where undefined, e.g. no object of a class).

    """
    janji = np.array(sorted(set(janji_ids)), dtype=np.int64)

    def kept(o: PhotoOutcome) -> npt.NDArray[np.bool_]:
        result: npt.NDArray[np.bool_] = (
            ~o.rejected if verification else np.ones(len(o.scores), bool)
        )
        return result

    merged = [
        ImageBoxes(
            gt=o.gt_boxes[np.isin(o.gt_class, janji)],
            pred=o.boxes[np.isin(o.classes, janji) & kept(o)],
            scores=o.scores[np.isin(o.classes, janji) & kept(o)],
        )
        for o in outcomes
    ]
    janji_ap = ap_summary(merged)
    per_class: dict[str, dict[str, Any]] = {}
    for cid, name in enumerate(class_names):
        summary = ap_summary(
            [
                ImageBoxes(
                    gt=o.gt_boxes[o.gt_class == cid],
                    pred=o.boxes[(o.classes == cid) & kept(o)],
                    scores=o.scores[(o.classes == cid) & kept(o)],
                )
                for o in outcomes
            ]
        )
        per_class[name] = {
            "ap50": _clean(summary.ap50),
            "ap50_95": _clean(summary.ap50_95),
            "objects": summary.n_gt,
        }

    def view(o: PhotoOutcome) -> ServedView:
        return o.served if verification else o.unread

    truth_present = [bool(np.isin(o.gt_class, janji).any()) for o in outcomes]
    predicted_present = [view(o).janji_present for o in outcomes]
    photo = presence(truth_present, predicted_present)

    accepted_by_kind: dict[str, list[int]] = {}
    accepted_by_design: dict[str, list[int]] = {}
    found_by_size: dict[str, list[int]] = {name: [0, 0] for name, _, _ in SIZE_BUCKETS}
    found_by_design: dict[str, list[int]] = {}
    missed_by_reason: dict[str, int] = dict.fromkeys(MISS_REASONS, 0)

    def count(table: dict[str, list[int]], key: str | None, hit: bool) -> None:
        if key is not None:
            counts = table.setdefault(key, [0, 0])
            counts[0] += int(hit)
            counts[1] += 1

    for o in outcomes:
        v = view(o)
        counting = v.accepted
        design = o.design or tuple(None for _ in o.lookalike)
        kinds = [i for i, k in enumerate(o.lookalike) if k is not None]
        if kinds:
            hits = lookalike_accepts(o.gt_boxes[kinds], v.boxes[counting])
            for i, hit in zip(kinds, hits, strict=True):
                count(accepted_by_kind, o.lookalike[i], bool(hit))
                count(accepted_by_design, design[i], bool(hit))
        gt_janji = np.flatnonzero(np.isin(o.gt_class, janji))
        if len(gt_janji):
            hit = objects_hit(
                o.gt_boxes[gt_janji],
                v.boxes[counting],
                v.scores[counting],
                MATCH_IOU,
            )
            shares = area_percent(o.gt_boxes[gt_janji], o.width, o.height)
            for j, share, found in zip(gt_janji.tolist(), shares, hit, strict=True):
                count(found_by_size, size_bucket(float(share)), bool(found))
                count(found_by_design, design[j], bool(found))
            reasons = miss_reasons(
                o.gt_boxes[gt_janji],
                hit,
                v.boxes,
                v.janji,
                v.rejected,
                MATCH_IOU,
            )
            for reason in reasons:
                if reason is not None:
                    missed_by_reason[reason] += 1
    total_accepted = sum(c[0] for c in accepted_by_kind.values())
    total_lookalikes = sum(c[1] for c in accepted_by_kind.values())
    janji_objects = sum(c[1] for c in found_by_size.values())
    overall = rate(total_accepted, total_lookalikes)
    return {
        "janji_ap50": _clean(janji_ap.ap50),
        "janji_ap50_95": _clean(janji_ap.ap50_95),
        "per_class": per_class,
        "presence": {
            "precision": _clean(photo.precision),
            "recall": _clean(photo.recall),
            "f1": _clean(photo.f1),
            "tp": photo.tp,
            "fp": photo.fp,
            "fn": photo.fn,
            "tn": photo.tn,
        },
        "lookalike_false_accept": {
            "rate": _clean(overall.rate),
            "accepted": overall.hits,
            "total": overall.total,
            "per_kind": _rates(dict(sorted(accepted_by_kind.items())), "accepted"),
        },
        "recall_by_size": _rates(found_by_size, "found"),
        "recall_by_design": _rates(dict(sorted(found_by_design.items())), "found"),
        "false_accept_by_design": _rates(dict(sorted(accepted_by_design.items())), "accepted"),
        "missed_by_reason": _rates(
            {reason: [n, janji_objects] for reason, n in missed_by_reason.items()}, "missed"
        ),
    }


def _rates(table: Mapping[str, list[int]], hits_name: str) -> dict[str, dict[str, Any]]:
    """Return ``{key: {"rate", hits_name, "total"}}`` of ``[hits, total]`` counts, in order."""
    return {
        key: {"rate": _clean(r.rate), hits_name: r.hits, "total": r.total}
        for key, (hits, total) in table.items()
        for r in [rate(hits, total)]
    }


def evaluate_outcomes(
    outcomes: Sequence[PhotoOutcome],
    thresholds: Mapping[str, float],
    split: str,
    verified: bool,
) -> dict[str, Any]:
    """Return the full metrics document (both verification settings) of ``outcomes``.

    Args:
        outcomes: Per-photo results.
        thresholds: The thresholds the pipeline ran with (``confidence``, ``accept``,
            ``accept_verified``), recorded in the document.
        split: The split evaluated.
        verified: Whether verification ran (else both settings report the same).

    """
    classes = load_classes()
    janji_ids = [classes.id_of(n) for n in classes.names if n in classes.janji]
    off = compute_metrics(outcomes, janji_ids, classes.names, verification=False)
    on = compute_metrics(outcomes, janji_ids, classes.names, verification=True) if verified else off
    return {
        "split": split,
        "images": len(outcomes),
        "janji_objects": int(sum(np.isin(o.gt_class, janji_ids).sum() for o in outcomes)),
        "lookalike_objects": int(sum(sum(k is not None for k in o.lookalike) for o in outcomes)),
        "thresholds": dict(thresholds),
        "match_iou": MATCH_IOU,
        "verification_ran": verified,
        "verification_on": on,
        "verification_off": off,
    }


def load_empty_photos(photos: EmptyPhotos) -> list[GroundTruth]:
    """Return one ground truth without objects per photo of ``photos``.

    Raises:
        EvaluateError: If the folder is missing or holds no photo to use.

    """
    try:
        return empty_photo_truths(photos.folder, photos.held_out_only)
    except EmptyPhotosError as error:
        raise EvaluateError(str(error)) from None


def evaluate_empty_photos(
    pipeline: Pipeline,
    photos: EmptyPhotos,
    truths: Sequence[GroundTruth],
    progress: bool = True,
) -> dict[str, Any]:
    """Count the photos without Janji media in which ``pipeline`` accepts one.

    Args:
        pipeline: The serving pipeline.
        photos: The folder measured.
        truths: Its photos (``load_empty_photos``).
        progress: Show a progress bar.

    Returns:
        ``{"folder", "held_out_only", "photos", "verification_on", "verification_off"}``,
        each setting as ``training.empty_photos.empty_photo_accepts`` reports it.

    Raises:
        EvaluateError: If a photo cannot be decoded.

    """
    outcomes = pipeline_outcomes(pipeline, truths, progress)
    names = [t.image.name for t in truths]
    return {
        "folder": str(photos.folder),
        "held_out_only": photos.held_out_only,
        "photos": len(truths),
        "verification_on": empty_photo_accepts(names, [o.served.janji_present for o in outcomes]),
        "verification_off": empty_photo_accepts(names, [o.unread.janji_present for o in outcomes]),
    }


def evaluate_package(
    package_dir: Path,
    dataset_dir: Path | None,
    split: str = "test",
    limit: int | None = None,
    verify: bool = True,
    progress: bool = True,
    empty_photos: EmptyPhotos | None = None,
) -> dict[str, Any]:
    """Evaluate a model package through the serving pipeline.

    Args:
        package_dir: The model package folder.
        dataset_dir: The dataset folder (or its ``data.yaml``); ``None``: no split, only
            ``empty_photos``.
        split: Split to evaluate.
        limit: Evaluate only the first ``limit`` photos of the split.
        verify: Run the verification stage (OCR); when off, both settings report the same.
        progress: Show a progress bar.
        empty_photos: Also count false accepts on these photos (key ``empty_photos``).

    Returns:
        The metrics document (see ``evaluate_outcomes``; without a split, only
        ``empty_photos``), with the package sha256.

    Raises:
        EvaluateError: If neither a split nor empty photos are given, or the package, the
            split or the photos cannot be read.

    """
    if dataset_dir is None and empty_photos is None:
        raise EvaluateError("nothing to evaluate: give a dataset split or empty photos")
    truths: list[GroundTruth] = []
    if dataset_dir is not None:
        try:
            truths = load_split(dataset_folder(dataset_dir), split, limit)
        except SplitError as error:
            raise EvaluateError(str(error)) from None
    empty = load_empty_photos(empty_photos) if empty_photos is not None else []
    pipeline = load_pipeline(package_dir, verify)
    metrics: dict[str, Any] = {}
    if dataset_dir is not None:
        outcomes = pipeline_outcomes(pipeline, truths, progress)
        metrics = evaluate_outcomes(outcomes, pipeline_thresholds(pipeline), split, verify)
    if empty_photos is not None:
        metrics["empty_photos"] = evaluate_empty_photos(pipeline, empty_photos, empty, progress)
    metrics["onnx_sha256"] = pipeline.package.onnx_sha256
    return metrics


def format_report(metrics: dict[str, Any]) -> str:
    """Return a readable table of a metrics document (a split, empty photos, or both)."""
    parts = [format_split_report(metrics)] if "verification_on" in metrics else []
    if "empty_photos" in metrics:
        parts.append(format_empty_photos(metrics["empty_photos"]))
    return "\n\n".join(parts)


def format_empty_photos(empty: dict[str, Any]) -> str:
    """Return the empty-photo false accepts of a metrics document as readable lines."""
    which = "held-out photos" if empty["held_out_only"] else "photos"
    lines = [f"{empty['photos']} {which} without Janji media in {empty['folder']}:"]
    for setting in ("verification_on", "verification_off"):
        result = empty[setting]
        label = "verify on" if setting == "verification_on" else "verify off"
        lines.append(
            f"  {label}: Janji accepted in {result['accepted']} of {result['total']} "
            f"({fmt(result['rate'], True)})"
        )
    named = empty["verification_on"]["accepted_photos"]
    if named:
        lines.append("  accepted with verify on: " + ", ".join(named))
    return "\n".join(lines)


def format_split_report(metrics: dict[str, Any]) -> str:
    """Return a readable table of a metrics document's split metrics."""
    on, off = metrics["verification_on"], metrics["verification_off"]
    thresholds = metrics.get("thresholds", {})
    header = (
        f"{metrics['split']} split: {metrics['images']} photos, {metrics['janji_objects']} "
        f"Janji objects, {metrics['lookalike_objects']} lookalikes; thresholds: candidate "
        f"{thresholds.get('confidence')}, accept {thresholds.get('accept')}, accept_verified "
        f"{thresholds.get('accept_verified')}"
        + ("" if metrics["verification_ran"] else " (verification not run: on = off)")
    )
    rows: list[tuple[str, object, object, bool]] = [
        ("Janji AP50 (class-agnostic)", on["janji_ap50"], off["janji_ap50"], False),
        ("Janji AP50-95 (class-agnostic)", on["janji_ap50_95"], off["janji_ap50_95"], False),
    ]
    for name in off["per_class"]:
        for key in ("ap50", "ap50_95"):
            rows.append(
                (
                    f"{name} {key.upper().replace('_', '-')}",
                    on["per_class"][name][key],
                    off["per_class"][name][key],
                    False,
                )
            )
    for key in ("precision", "recall", "f1"):
        rows.append((f"presence {key}", on["presence"][key], off["presence"][key], False))
    rows.append(
        (
            "lookalike false-accept",
            on["lookalike_false_accept"]["rate"],
            off["lookalike_false_accept"]["rate"],
            True,
        )
    )
    rows.extend(breakdown_rows(on, off))
    width = max(len(r[0]) for r in rows)
    lines = [header, "", f"{'metric':{width}s}  {'verify on':>10s}  {'verify off':>10s}"]
    for label, a, b, percent in rows:
        lines.append(f"{label:{width}s}  {fmt(a, percent):>10s}  {fmt(b, percent):>10s}")
    return "\n".join(lines)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the evaluation options to ``parser`` (shared by the CLI subcommand)."""
    parser.add_argument("--package", type=Path, required=True, help="model package folder")
    parser.add_argument(
        "--data", type=Path, help="dataset folder or data.yaml (optional with --empty-photos)"
    )
    parser.add_argument("--split", default="test", help="split to evaluate (default test)")
    parser.add_argument("--limit", type=int, help="evaluate only the first N photos")
    parser.add_argument("--json", type=Path, dest="json_out", help="write the metrics here")
    parser.add_argument("--no-verify", action="store_true", help="skip the OCR verification")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    add_empty_photo_arguments(parser)
    parser.add_argument(
        "--update-package",
        action="store_true",
        help="store the metrics in the package and re-render its model card (the model and "
        "its thresholds stay); for a changed serving pipeline, on the package's own split",
    )
    parser.add_argument(
        "--record",
        metavar="NAME",
        help="store these figures in the package as another held-out set named NAME, shown in "
        "its model card next to its own split's (e.g. the test scenes at another photo size)",
    )


DESCRIPTION = "Evaluate a model package on a dataset split through the serving pipeline."


def add_parser(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
) -> argparse.ArgumentParser:
    """Add the ``janjicheck evaluate`` subcommand to ``subparsers`` and return its parser."""
    parser = subparsers.add_parser("evaluate", help=DESCRIPTION, description=DESCRIPTION)
    add_arguments(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    """Run the evaluation from parsed arguments; returns the process exit status."""
    if args.limit is not None and args.limit < 1:
        print("error: --limit must be >= 1", file=sys.stderr)
        return 2
    if args.data is None and args.empty_photos is None:
        print("error: give --data, --empty-photos or both", file=sys.stderr)
        return 2
    if args.held_out_only and args.empty_photos is None:
        print("error: --held-out-only needs --empty-photos", file=sys.stderr)
        return 2
    if args.update_package and (args.data is None or args.limit is not None or args.no_verify):
        print("error: --update-package needs the whole split, verified", file=sys.stderr)
        return 2
    if args.record is not None and (
        args.data is None or args.limit is not None or args.no_verify or args.update_package
    ):
        print(
            "error: --record needs the whole split, verified, and no --update-package",
            file=sys.stderr,
        )
        return 2
    if args.record is not None and not args.record.strip():
        print("error: --record needs a name", file=sys.stderr)
        return 2
    if args.json_out is not None:
        try:
            check_output_file(args.json_out, "--json")
        except OutputPathError as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
    if args.update_package:
        from training.remeasure import RemeasureError, check_target

        try:
            check_target(args.package, args.data, args.split)
        except RemeasureError as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
    try:
        metrics = evaluate_package(
            args.package,
            args.data,
            args.split,
            args.limit,
            not args.no_verify,
            not args.quiet,
            empty_photos_from(args),
        )
    except EvaluateError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(format_report(metrics))
    if args.json_out is not None:
        try:
            args.json_out.parent.mkdir(parents=True, exist_ok=True)
            args.json_out.write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")
        except OSError as error:
            print(f"error: cannot write --json {args.json_out}: {error}", file=sys.stderr)
            return 2
        print(f"\nMetrics written to {args.json_out}")
    if args.update_package:
        from training.remeasure import store_metrics

        try:
            stored = store_metrics(
                args.package,
                metrics,
                read_fingerprint(dataset_folder(args.data)),
                reproduce_command(args),
            )
        except RemeasureError as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
        print(f"\nMetrics and model card stored in {args.package}")
        print("\n".join(stored.report_lines()))
    if args.record is not None:
        from training.remeasure import RemeasureError, record_other_set

        try:
            record_other_set(
                args.package,
                args.record,
                metrics,
                dataset_folder(args.data),
                f"{reproduce_command(args)} --record {shlex.quote(args.record.strip())}",
            )
        except RemeasureError as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
        print(f"\nFigures stored in {args.package} as {args.record.strip()!r}")
    return 0


def reproduce_command(args: argparse.Namespace) -> str:
    """Return the ``training.evaluate`` command that measures what ``args`` measured."""
    return evaluate_command(
        args.package, dataset_folder(args.data), args.split, empty_photos_from(args)
    )


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point (``python -m training.evaluate``); returns the exit status."""
    parser = argparse.ArgumentParser(prog="python -m training.evaluate", description=DESCRIPTION)
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
