"""The metrics of an evaluation, from the per-photo outcomes of the serving pipeline.

AP, presence, lookalike false accepts and recall by size, design and miss reason over a
dataset split (with the text check on and off).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from datasets.classes import load_classes
from training.metrics import (
    MISS_REASONS,
    SIZE_BUCKETS,
    ImageBoxes,
    ap_summary,
    area_percent,
    lookalike_accepts,
    miss_reasons,
    objects_hit,
    presence,
    rate,
    size_bucket,
)
from training.served_outcomes import PhotoOutcome, ServedView

MATCH_IOU = 0.5  # IoU of a "found" object / a false accept


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
