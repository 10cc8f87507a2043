"""The model card (``MODEL_CARD.md``) of a model package, rendered from its facts."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from training.breakdowns import breakdown_rows
from training.graph_rewrite import REWRITE_SUMMARIES
from vision.detector import DetectorOptions

EARLIER_RUN = "kept_from_earlier_run"  # marks a measurement kept when the metrics were redone

LIMITATIONS = (
    "Trained only on synthetic composites (rendered Janji Layanan JKN media and other signs "
    "pasted onto indoor photos and procedural backgrounds); real facility photos may differ.",
    "The test split uses designs, fonts and backgrounds never seen in training, but it is "
    "still synthetic: treat its numbers as an upper bound until checked on labelled real photos.",
    "Small, far media (under 2% of the photo) are the hardest; see recall by size.",
    "Lookalike BPJS posters are told apart by the detector and, when the text is readable, by "
    "the verification stage; unreadable lookalikes rely on the detector alone, and those in a "
    "layout unlike any in training are the most often taken for Janji Layanan (see the false "
    "accepts by design).",
)


@dataclass(frozen=True)
class CardFacts:
    """Everything the model card states.

    Attributes:
        name: Package name.
        version: Model version.
        architecture: e.g. ``yolo11n``.
        imgsz: Square input size in pixels (training and serving).
        confidence: Package candidate threshold (detections below it are not returned).
        iou: Package NMS IoU threshold.
        accept: Confidence at which an unverified Janji detection counts.
        accept_verified: Confidence at which a text-confirmed Janji detection counts.
        training: Training facts stored in ``package.json``.
        metrics: Evaluation metrics from ``training.evaluate`` (may be empty).
        reproduce: Command reproducing the metrics.
        export_command: Command that wrote this package.

    """

    name: str
    version: str
    architecture: str
    imgsz: int
    confidence: float
    iou: float
    accept: float
    accept_verified: float
    training: Mapping[str, Any] = field(default_factory=dict)
    metrics: Mapping[str, Any] = field(default_factory=dict)
    reproduce: str = ""
    export_command: str = ""


def fmt(value: object, percent: bool = False) -> str:
    """Format a metric for a table: 3 decimals (or a percentage), ``n/a`` for missing/NaN."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        return "n/a"
    if math.isnan(float(value)):
        return "n/a"
    return f"{100 * float(value):.1f}%" if percent else f"{float(value):.3f}"


def metrics_table(metrics: Mapping[str, Any]) -> list[str]:
    """Return Markdown lines of the headline metrics, verification on and off side by side."""
    on = metrics.get("verification_on", {})
    off = metrics.get("verification_off", {})
    if not on and not off:
        return ["No evaluation metrics were stored with this package."]

    def row(label: str, key: str, sub: str | None = None, percent: bool = False) -> str:
        def pick(m: Mapping[str, Any]) -> object:
            value = m.get(key, {})
            return value.get(sub) if sub and isinstance(value, Mapping) else value

        return f"| {label} | {fmt(pick(on), percent)} | {fmt(pick(off), percent)} |"

    lines = [
        "| Metric | Verification on | Verification off |",
        "|---|---|---|",
        row("Janji AP50 (class-agnostic)", "janji_ap50"),
        row("Janji AP50-95 (class-agnostic)", "janji_ap50_95"),
        row("Presence precision", "presence", "precision"),
        row("Presence recall", "presence", "recall"),
        row("Presence F1", "presence", "f1"),
        row("Lookalike false-accept rate", "lookalike_false_accept", "rate", percent=True),
    ]
    empty = metrics.get("empty_photos")
    if isinstance(empty, Mapping):
        which = "held-out photos" if empty.get("held_out_only") else "photos"
        earlier = " (measured by an earlier run of this graph)" if empty.get(EARLIER_RUN) else ""
        lines.append(
            f"| Janji accepted in {empty.get('photos', '?')} {which} without Janji media"
            f"{earlier} | "
            f"{fmt(empty.get('verification_on', {}).get('rate'), True)} | "
            f"{fmt(empty.get('verification_off', {}).get('rate'), True)} |"
        )
    per_class = off.get("per_class", {})
    for name in per_class:
        lines.append(
            f"| AP50 / AP50-95 {name} | "
            f"{fmt(on.get('per_class', {}).get(name, {}).get('ap50'))} / "
            f"{fmt(on.get('per_class', {}).get(name, {}).get('ap50_95'))} | "
            f"{fmt(per_class[name].get('ap50'))} / {fmt(per_class[name].get('ap50_95'))} |"
        )
    for label, on_value, off_value, percent in breakdown_rows(on, off):
        lines.append(f"| {label} | {fmt(on_value, percent)} | {fmt(off_value, percent)} |")
    return lines


def other_sets_lines(metrics: Mapping[str, Any]) -> list[str]:
    """Return Markdown lines of the figures recorded on other held-out sets (none: nothing)."""
    sets = metrics.get("other_sets") or []
    if not sets:
        return []
    lines = [
        "## Other held-out sets",
        "",
        "Measured with this package as it is; verification on / off.",
        "",
        "| Set | Photos | Janji AP50 | AP50-95 | Presence F1 (P / R, on) "
        "| Lookalike false-accept |",
        "|---|---|---|---|---|---|",
    ]
    for entry in sets:
        on, off = entry.get("verification_on", {}), entry.get("verification_off", {})
        lines.append(
            f"| {entry.get('name')} | {entry.get('images', '?')} | "
            f"{fmt(on.get('janji_ap50'))} / {fmt(off.get('janji_ap50'))} | "
            f"{fmt(on.get('janji_ap50_95'))} / {fmt(off.get('janji_ap50_95'))} | "
            f"{fmt(on.get('f1'))} / {fmt(off.get('f1'))} "
            f"({fmt(on.get('precision'))} / {fmt(on.get('recall'))}) | "
            f"{fmt(on.get('false_accept'), True)} / {fmt(off.get('false_accept'), True)} |"
        )
    lines += ["", "Made and measured by:", "", "```sh"]
    for entry in sets:
        lines += [
            f"# {entry.get('name')}",
            entry.get("data_command") or "# dataset command not recorded",
            entry.get("reproduce") or "# evaluation command not recorded",
        ]
    return [*lines, "```", ""]


def calibration_lines(calibration: Mapping[str, Any]) -> list[str]:
    """Return Markdown lines saying how ``accept`` / ``accept_verified`` were chosen."""
    if not calibration:
        return ["The acceptance thresholds were not calibrated."]
    sweep = calibration.get("sweep") or []
    if not sweep:
        return [f"Acceptance thresholds {calibration.get('method', 'set by hand')}."]
    of_dataset = f" of `{calibration['dataset']}`" if calibration.get("dataset") else ""
    lines = [
        f"`accept` was calibrated on {calibration.get('split', 'val')}{of_dataset} "
        f"({calibration.get('images', '?')} photos, {calibration.get('janji_photos', '?')} "
        f"with Janji media; never the test split), verification "
        f"{calibration.get('verification', 'off')}: the threshold maximising "
        "per-photo Janji presence F1 (ties to the higher threshold). "
        f"`accept_verified` = {calibration.get('accept_verified_rule', '?')}.",
        "",
        "| Threshold | Precision | Recall | F1 |",
        "|---|---|---|---|",
    ]
    for point in sweep:
        chosen = " (chosen)" if point.get("threshold") == calibration.get("accept") else ""
        lines.append(
            f"| {point.get('threshold')}{chosen} | {fmt(point.get('precision'))} | "
            f"{fmt(point.get('recall'))} | {fmt(point.get('f1'))} |"
        )
    return lines


def origin(initial_weights: object) -> str:
    """Say where the weights started: from scratch, or fine-tuned from a local checkpoint."""
    if not initial_weights:
        return "trained from scratch (no pretrained weights)"
    return (
        f"fine-tuned from `{initial_weights}` (a checkpoint of this project trained from "
        "scratch; no externally pretrained weights)"
    )


def averaging_lines(training: Mapping[str, Any]) -> list[str]:
    """Say which checkpoints averaged weights are the mean of; nothing for a plain checkpoint."""
    sources = training.get("averaged_from") or []
    if not sources:
        return []
    named = ", ".join(
        f"`{s.get('path')}`" + (f" (epoch {s['epoch']})" if s.get("epoch") else "") for s in sources
    )
    return [f"- Weights: the mean of {len(sources)} checkpoints of this run: {named}"]


def quantization_lines(training: Mapping[str, Any]) -> list[str]:
    """Say how the graph was quantized to int8; nothing for a float32 graph."""
    facts = training.get("quantization")
    if not facts:
        return []
    sides = " and ".join(f"{s} px" for s in facts.get("sides", []))
    return [
        f"- Graph: int8 ({facts.get('method', 'quantized')}); activation ranges from "
        f"{facts.get('photos', '?')} training photos of `{facts.get('photos_folder', '?')}` "
        f"letterboxed at {sides or '?'}, as served"
    ]


def rewrite_lines(training: Mapping[str, Any]) -> list[str]:
    """Say which exact rewrites the graph has had (``training.graph_rewrite``); else nothing."""
    applied = training.get("graph_rewrites") or []
    if not applied:
        return []
    said = "; ".join(REWRITE_SUMMARIES.get(name, f"`{name}`") for name in applied)
    return [f"- Graph rewritten for onnxruntime, outputs unchanged: {said}"]


def zoom_out_lines(imgsz: int, serving: DetectorOptions) -> list[str]:
    """Return the model card line on the zoomed-out pass the pipeline serves with, if any.

    Args:
        imgsz: The model's input size, pixels on the long side.
        serving: The detector settings the pipeline serves (and was measured) with.

    """
    side = serving.zoom_out_for(imgsz)
    if side is None:
        return []
    return [
        f"- Served in two passes: the photo at {imgsz} px, and zoomed out to {side} px, whose "
        f"boxes covering at least {serving.zoom_out_min_area:g}% of the photo join the first "
        "pass's in one NMS (media filling much of the photo are boxed more surely when they "
        "look smaller)"
    ]


def render_model_card(facts: CardFacts) -> str:
    """Return the Markdown of ``MODEL_CARD.md``."""
    training = facts.training
    metrics = facts.metrics
    split = metrics.get("split", "test")
    lines = [
        f"# {facts.name} {facts.version}",
        "",
        "Detects Janji Layanan JKN media (`janji_poster`, `janji_banner`, `janji_spanduk`) and "
        "other signs (`other_sign`, BPJS-branded lookalikes included) in photos of health "
        "facilities. ONNX graph for onnxruntime, no NMS inside; the serving pipeline letterboxes, "
        "runs NMS and verifies candidates by reading their text.",
        "",
        "## Model",
        "",
        f"- Architecture: {facts.architecture}, {origin(training.get('initial_weights'))}",
        f"- Input: {facts.imgsz} px on the long side (training and serving size); served "
        "photos are letterboxed to their own aspect, each side padded to a multiple of 32",
        *zoom_out_lines(facts.imgsz, DetectorOptions()),
        *quantization_lines(training),
        *rewrite_lines(training),
        f"- Thresholds: candidate confidence {facts.confidence}, NMS IoU {facts.iou}",
        f"- A Janji detection counts as Janji Layanan evidence (`accepted`) unless its text "
        f"was rejected, from confidence {facts.accept} (text not read) or "
        f"{facts.accept_verified} (text confirmed Janji Layanan)",
        "",
        "## Acceptance thresholds",
        "",
        *calibration_lines(metrics.get("calibration", {})),
        "",
        "## Data",
        "",
        f"- Dataset: `{training.get('dataset', 'unknown')}`",
        f"- Data fingerprint: `{training.get('data_fingerprint', 'unknown')}`",
        "- Synthetic composites; the test split holds designs, fonts and backgrounds that "
        "training never saw.",
        "",
        "## Training",
        "",
        f"- Epochs: {training.get('epochs', '?')} (planned {training.get('epochs_planned', '?')}),"
        f" batch {training.get('batch', '?')}, seed {training.get('seed', '?')}, CPU fp32",
        *averaging_lines(training),
        "- Augmentation: mosaic, HSV jitter, scale 0.5, small rotation/shear/perspective, "
        "no flips (text is not mirror-symmetric)",
        "",
        f"## Metrics ({split} split, {metrics.get('images', '?')} photos, "
        f"{metrics.get('janji_objects', '?')} Janji objects, "
        f"{metrics.get('lookalike_objects', '?')} lookalikes)",
        "",
        *metrics_table(metrics),
        "",
        "AP is class-agnostic over the three Janji classes (COCO 101-point interpolation), "
        "the detector's own ranking less the boxes whose text was rejected. "
        "Presence, false accepts (a lookalike overlapped with IoU >= 0.5 by an accepted "
        "detection; also by lookalike and by design) and recall (by size and by design) count "
        "the detections the serving pipeline accepts, "
        "other signs relabelled as Janji by their text included; verification off counts "
        "what the pipeline serves when nothing is read (the detector's own classes, each "
        "Janji detection counting from `accept`).",
        "",
        *other_sets_lines(metrics),
        "## Reproduce",
        "",
        "```sh",
        f"{training.get('dataset_command', '# dataset command not recorded')}",
        f"{training.get('train_command', '# training command not recorded')}",
        *([training["average_command"]] if training.get("average_command") else []),
        facts.export_command or "# export command not recorded",
        facts.reproduce or "# evaluation command not recorded",
        "```",
        "",
        "## Limitations",
        "",
        *[f"- {item}" for item in LIMITATIONS],
        "",
    ]
    return "\n".join(lines)
