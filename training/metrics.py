"""Detection metrics (pure numpy): AP, presence, lookalike false accepts, recall by size, misses.

``presence_sweep`` and ``best_threshold`` calibrate a model package's ``accept`` threshold.

Boxes are ``(N, 4)`` ``[x1, y1, x2, y2]`` in pixels of one image. Average precision follows
COCO: detections of all images are ranked by score, matched greedily to the unmatched ground
truth box of highest IoU (at or above the threshold), and precision is interpolated at 101
recall points. AP50-95 is the mean AP over IoU thresholds 0.50, 0.55, ..., 0.95.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

IOU_THRESHOLDS: tuple[float, ...] = tuple(round(0.5 + 0.05 * i, 2) for i in range(10))
RECALL_POINTS = np.linspace(0.0, 1.0, 101)
# Size buckets of an object's box area in percent of the image area: (name, low, high).
SIZE_BUCKETS: tuple[tuple[str, float, float], ...] = (
    ("<2%", 0.0, 2.0),
    ("2-5%", 2.0, 5.0),
    ("5-15%", 5.0, 15.0),
    (">15%", 15.0, math.inf),
)


@dataclass(frozen=True)
class ImageBoxes:
    """Ground truth and predictions of one image, already filtered to the classes scored.

    Attributes:
        gt: ``(G, 4)`` ground-truth boxes in pixels.
        pred: ``(P, 4)`` predicted boxes in pixels.
        scores: ``(P,)`` prediction confidences in ``[0, 1]``.

    """

    gt: FloatArray
    pred: FloatArray
    scores: FloatArray


def as_boxes(boxes: npt.ArrayLike) -> FloatArray:
    """Return ``boxes`` as a float64 ``(N, 4)`` array (an empty input gives ``(0, 4)``)."""
    return np.asarray(boxes, dtype=np.float64).reshape(-1, 4)


def iou_matrix(a: npt.ArrayLike, b: npt.ArrayLike) -> FloatArray:
    """Return the ``(N, M)`` IoU of boxes ``a`` (N, 4) and ``b`` (M, 4), xyxy pixels."""
    box_a, box_b = as_boxes(a), as_boxes(b)
    left = np.maximum(box_a[:, None, 0], box_b[None, :, 0])
    top = np.maximum(box_a[:, None, 1], box_b[None, :, 1])
    right = np.minimum(box_a[:, None, 2], box_b[None, :, 2])
    bottom = np.minimum(box_a[:, None, 3], box_b[None, :, 3])
    inter = np.clip(right - left, 0, None) * np.clip(bottom - top, 0, None)
    area_a = (box_a[:, 2] - box_a[:, 0]) * (box_a[:, 3] - box_a[:, 1])
    area_b = (box_b[:, 2] - box_b[:, 0]) * (box_b[:, 3] - box_b[:, 1])
    union = area_a[:, None] + area_b[None, :] - inter
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(union > 0, inter / union, 0.0)


def match_greedy(
    pred: npt.ArrayLike, scores: npt.ArrayLike, gt: npt.ArrayLike, iou_threshold: float
) -> tuple[BoolArray, BoolArray]:
    """Match predictions to ground truth one to one, highest score first.

    Each prediction takes the unmatched ground-truth box it overlaps most, if that IoU is at
    least ``iou_threshold``.

    Args:
        pred: ``(P, 4)`` predicted boxes, pixels.
        scores: ``(P,)`` confidences.
        gt: ``(G, 4)`` ground-truth boxes, pixels.
        iou_threshold: Minimum IoU of a match, in ``[0, 1]``.

    Returns:
        ``(pred_matched (P,), gt_matched (G,))`` boolean arrays.

    """
    pred_boxes, gt_boxes = as_boxes(pred), as_boxes(gt)
    score = np.asarray(scores, dtype=np.float64).reshape(-1)
    pred_hit = np.zeros(len(pred_boxes), dtype=bool)
    gt_hit = np.zeros(len(gt_boxes), dtype=bool)
    if not len(pred_boxes) or not len(gt_boxes):
        return pred_hit, gt_hit
    ious = iou_matrix(pred_boxes, gt_boxes)
    for i in np.argsort(-score, kind="stable"):
        candidates = np.where(gt_hit, -1.0, ious[i])
        j = int(np.argmax(candidates))
        if candidates[j] >= iou_threshold:
            pred_hit[i] = True
            gt_hit[j] = True
    return pred_hit, gt_hit


def average_precision(true_positive: npt.ArrayLike, scores: npt.ArrayLike, n_gt: int) -> float:
    """COCO 101-point interpolated average precision of ranked detections.

    Args:
        true_positive: ``(P,)`` whether each detection matched a ground-truth box.
        scores: ``(P,)`` detection confidences (ranking order, highest first).
        n_gt: Number of ground-truth boxes.

    Returns:
        AP in ``[0, 1]``; ``nan`` when there is no ground truth.

    """
    if n_gt <= 0:
        return math.nan
    tp = np.asarray(true_positive, dtype=bool).reshape(-1)
    score = np.asarray(scores, dtype=np.float64).reshape(-1)
    if not len(tp):
        return 0.0
    order = np.argsort(-score, kind="stable")
    tp_cum = np.cumsum(tp[order])
    fp_cum = np.cumsum(~tp[order])
    recall = tp_cum / n_gt
    precision = tp_cum / (tp_cum + fp_cum)
    envelope = np.maximum.accumulate(precision[::-1])[::-1]
    index = np.searchsorted(recall, RECALL_POINTS, side="left")
    sampled = np.where(index < len(envelope), envelope[np.minimum(index, len(envelope) - 1)], 0.0)
    return float(sampled.mean())


def dataset_ap(images: Sequence[ImageBoxes], iou_threshold: float) -> float:
    """AP at one IoU threshold over a set of images (one class).

    Returns:
        AP in ``[0, 1]``; ``nan`` when no image has ground truth.

    """
    flags: list[BoolArray] = []
    ranks: list[FloatArray] = []
    n_gt = 0
    for image in images:
        hit, _ = match_greedy(image.pred, image.scores, image.gt, iou_threshold)
        flags.append(hit)
        ranks.append(np.asarray(image.scores, dtype=np.float64).reshape(-1))
        n_gt += len(as_boxes(image.gt))
    if not flags:
        return math.nan
    return average_precision(np.concatenate(flags), np.concatenate(ranks), n_gt)


@dataclass(frozen=True)
class APResult:
    """AP of one class (or merged class).

    Attributes:
        ap50: AP at IoU 0.50.
        ap50_95: Mean AP over IoU 0.50:0.05:0.95.
        n_gt: Number of ground-truth objects.

    """

    ap50: float
    ap50_95: float
    n_gt: int


def ap_summary(images: Sequence[ImageBoxes]) -> APResult:
    """Return AP50 and AP50-95 over ``images`` (one class)."""
    per_threshold = [dataset_ap(images, t) for t in IOU_THRESHOLDS]
    n_gt = sum(len(as_boxes(image.gt)) for image in images)
    return APResult(ap50=per_threshold[0], ap50_95=float(np.mean(per_threshold)), n_gt=n_gt)


@dataclass(frozen=True)
class PresenceResult:
    """Per-photo presence of a Janji medium.

    Attributes:
        precision: TP / (TP + FP); ``nan`` when nothing was predicted present.
        recall: TP / (TP + FN); ``nan`` when no photo has one.
        f1: Harmonic mean of precision and recall (``nan`` if undefined).
        tp: Photos with a Janji medium predicted present.
        fp: Photos without one predicted present.
        fn: Photos with one predicted absent.
        tn: Photos without one predicted absent.

    """

    precision: float
    recall: float
    f1: float
    tp: int
    fp: int
    fn: int
    tn: int


def presence(truth: Iterable[bool], predicted: Iterable[bool]) -> PresenceResult:
    """Per-photo precision, recall and F1 of "a Janji medium is present".

    Args:
        truth: Per photo, whether it holds at least one Janji object.
        predicted: Per photo, the pipeline's ``janji_present``.

    """
    t = np.asarray(list(truth), dtype=bool)
    p = np.asarray(list(predicted), dtype=bool)
    if t.shape != p.shape:
        raise ValueError(f"presence: {t.size} truths but {p.size} predictions")
    tp = int(np.sum(t & p))
    fp = int(np.sum(~t & p))
    fn = int(np.sum(t & ~p))
    tn = int(np.sum(~t & ~p))
    precision = tp / (tp + fp) if tp + fp else math.nan
    recall = tp / (tp + fn) if tp + fn else math.nan
    if math.isnan(precision) or math.isnan(recall) or precision + recall == 0:
        f1 = math.nan if math.isnan(precision) or math.isnan(recall) else 0.0
    else:
        f1 = 2 * precision * recall / (precision + recall)
    return PresenceResult(precision, recall, f1, tp, fp, fn, tn)


@dataclass(frozen=True)
class ThresholdPoint:
    """Per-photo presence when Janji detections count from one confidence threshold.

    Attributes:
        threshold: The confidence threshold in ``[0, 1]``.
        presence: Presence precision, recall and F1 at that threshold.

    """

    threshold: float
    presence: PresenceResult


def threshold_grid(start: float, stop: float = 0.95, step: float = 0.05) -> tuple[float, ...]:
    """Return the thresholds ``start, start + step, ...`` up to ``stop`` (inclusive).

    Args:
        start: First threshold in ``[0, 1]`` (e.g. the package's candidate threshold: below
            it there are no detections to count).
        stop: Last threshold at most, in ``[0, 1]``.
        step: Spacing, > 0.

    Returns:
        Thresholds rounded to 4 decimals, ascending; ``(start,)`` when ``start > stop``.

    Raises:
        ValueError: If a bound lies outside ``[0, 1]`` or ``step`` is not positive.

    """
    if not (0 <= start <= 1 and 0 <= stop <= 1) or step <= 0:
        raise ValueError(
            f"threshold_grid: need 0 <= start, stop <= 1 and step > 0, got {start}, {stop}, {step}"
        )
    count = max(0, math.floor((stop - start) / step + 1e-9)) + 1
    return tuple(round(start + i * step, 4) for i in range(count))


def presence_sweep(
    truth: Iterable[bool], best_scores: Iterable[float], thresholds: Iterable[float]
) -> list[ThresholdPoint]:
    """Per-photo presence at each confidence threshold.

    A photo is called present at ``t`` when its most confident Janji detection reaches ``t``.
    With verification off every detection counts from the same threshold (``accept``), so this
    is exactly the pipeline's ``janji_present`` at ``accept = t``.

    Args:
        truth: Per photo, whether it holds at least one Janji object.
        best_scores: Per photo, the highest threshold at which one of its detections counts
            (with verification off, its most confident Janji detection's confidence; 0 when
            none; see ``training.calibration.highest_accept``).
        thresholds: The thresholds to try, in ``[0, 1]``.

    Returns:
        One point per threshold, in the order given.

    Raises:
        ValueError: If ``truth`` and ``best_scores`` differ in length.

    """
    t = np.asarray(list(truth), dtype=bool)
    best = np.asarray(list(best_scores), dtype=np.float64)
    if t.shape != best.shape:
        raise ValueError(f"presence_sweep: {t.size} truths but {best.size} scores")
    return [
        ThresholdPoint(float(th), presence(t.tolist(), (best >= th).tolist())) for th in thresholds
    ]


def best_threshold(points: Sequence[ThresholdPoint]) -> ThresholdPoint:
    """Return the point of highest presence F1; ties go to the higher threshold.

    An undefined F1 (``nan``: nothing predicted present, or no Janji photo) ranks below 0.

    Raises:
        ValueError: If ``points`` is empty.

    """
    if not points:
        raise ValueError("best_threshold: no thresholds were tried")

    def key(point: ThresholdPoint) -> tuple[float, float]:
        f1 = point.presence.f1
        return (-1.0 if math.isnan(f1) else f1, point.threshold)

    return max(points, key=key)


@dataclass(frozen=True)
class Rate:
    """A share of objects, with its counts.

    Attributes:
        rate: ``hits / total``; ``nan`` when ``total`` is 0.
        hits: Objects counted.
        total: Objects considered.

    """

    rate: float
    hits: int
    total: int


def rate(hits: int, total: int) -> Rate:
    """Return ``Rate(hits / total, hits, total)`` (``nan`` rate when ``total`` is 0)."""
    return Rate(hits / total if total else math.nan, hits, total)


def objects_hit(
    gt: npt.ArrayLike, pred: npt.ArrayLike, scores: npt.ArrayLike, iou_threshold: float = 0.5
) -> BoolArray:
    """Return, per ground-truth box, whether a prediction matches it (greedy, one to one).

    Args:
        gt: ``(G, 4)`` boxes, pixels.
        pred: ``(P, 4)`` predictions already filtered to those that count, pixels.
        scores: ``(P,)`` their confidences.
        iou_threshold: Minimum IoU of a match.

    """
    _, gt_hit = match_greedy(pred, scores, gt, iou_threshold)
    return gt_hit


def lookalike_accepts(
    lookalike_gt: npt.ArrayLike,
    janji_pred: npt.ArrayLike,
    iou_threshold: float = 0.5,
) -> BoolArray:
    """Return, per lookalike object, whether an accepted Janji detection covers it.

    Not one to one: one accepted Janji detection over a lookalike is a false accept even if
    another object also overlaps it.

    Args:
        lookalike_gt: ``(L, 4)`` boxes of lookalike posters, pixels.
        janji_pred: ``(P, 4)`` boxes of the detections the pipeline accepted as Janji
            Layanan evidence, pixels.
        iou_threshold: Minimum IoU of an accept.

    """
    gt_boxes, pred_boxes = as_boxes(lookalike_gt), as_boxes(janji_pred)
    if not len(gt_boxes) or not len(pred_boxes):
        return np.zeros(len(gt_boxes), dtype=bool)
    result: BoolArray = np.asarray(iou_matrix(gt_boxes, pred_boxes).max(axis=1) >= iou_threshold)
    return result


MISS_REASONS: tuple[str, str, str, str] = (
    "rejected_by_text",
    "janji_below_accept",
    "taken_for_other_sign",
    "not_boxed",
)
"""Why a Janji object was missed, in the order the reasons are tested (``miss_reasons``)."""


def miss_reasons(
    gt: npt.ArrayLike,
    found: npt.ArrayLike,
    served: npt.ArrayLike,
    janji: npt.ArrayLike,
    rejected: npt.ArrayLike,
    iou_threshold: float = 0.5,
) -> list[str | None]:
    """Return, per Janji object, why it was missed (``None`` when found).

    A missed object is ``rejected_by_text`` when a Janji detection over it (IoU at least
    ``iou_threshold``) had its text rejected, ``janji_below_accept`` when a Janji detection
    over it was not accepted otherwise (its confidence was below the threshold),
    ``taken_for_other_sign`` when only other-sign detections cover it, else ``not_boxed``.

    Args:
        gt: ``(G, 4)`` boxes of the Janji objects, pixels.
        found: Per object, whether an accepted detection matched it.
        served: ``(S, 4)`` boxes of the detections the pipeline returned, pixels.
        janji: Per served detection, whether its class is a Janji class.
        rejected: Per served detection, whether its text was rejected.
        iou_threshold: Minimum IoU of a detection over an object.

    """
    gt_boxes, served_boxes = as_boxes(gt), as_boxes(served)
    is_janji, is_rejected = np.asarray(janji, dtype=bool), np.asarray(rejected, dtype=bool)
    over = (
        iou_matrix(gt_boxes, served_boxes) >= iou_threshold
        if len(served_boxes)
        else np.zeros((len(gt_boxes), 0), dtype=bool)
    )
    rejected_by_text, janji_below_accept, taken_for_other_sign, not_boxed = MISS_REASONS
    reasons: list[str | None] = []
    for row, was_found in zip(over, np.asarray(found, dtype=bool), strict=True):
        if was_found:
            reasons.append(None)
        elif (row & is_janji & is_rejected).any():
            reasons.append(rejected_by_text)
        elif (row & is_janji).any():
            reasons.append(janji_below_accept)
        elif row.any():
            reasons.append(taken_for_other_sign)
        else:
            reasons.append(not_boxed)
    return reasons


def area_percent(boxes: npt.ArrayLike, width: int, height: int) -> FloatArray:
    """Return each box's area in percent of a ``width`` x ``height`` pixel image."""
    b = as_boxes(boxes)
    result: FloatArray = (b[:, 2] - b[:, 0]) * (b[:, 3] - b[:, 1]) / float(width * height) * 100.0
    return result


def size_bucket(percent: float) -> str:
    """Return the name of the size bucket of an object covering ``percent`` of the image."""
    for name, low, high in SIZE_BUCKETS:
        if low <= percent < high:
            return name
    return SIZE_BUCKETS[-1][0]
