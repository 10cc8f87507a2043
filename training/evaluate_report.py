"""Readable tables of an evaluation's metrics document (a split, empty photos, or both)."""

from __future__ import annotations

from typing import Any

from training.breakdowns import breakdown_rows
from training.card import fmt


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
