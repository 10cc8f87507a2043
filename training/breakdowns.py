"""Metrics broken down by a key (lookalike kind, design, size): which exist and their rows."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

BREAKDOWNS: tuple[tuple[str, str, bool], ...] = (
    ("False accept: {key} (n={n})", "lookalike_false_accept.per_kind", True),
    ("False accept, design {key} (n={n})", "false_accept_by_design", True),
    ("Janji recall, design {key} (n={n})", "recall_by_design", False),
    ("Janji recall, size {key} of photo (n={n})", "recall_by_size", False),
    ("Janji missed, {key} (share of n={n})", "missed_by_reason", True),
)
"""Label template (``{key}``, ``{n}`` objects), dotted path in the metrics, shown as percent."""

Row = tuple[str, object, object, bool]
"""Label, value with verification on, value with it off, shown as percent."""


def table(metrics: Mapping[str, Any], path: str) -> Mapping[str, Any]:
    """Return the sub-table at a dotted ``path`` of a metrics document (empty if absent)."""
    value: Any = metrics
    for part in path.split("."):
        value = value.get(part, {}) if isinstance(value, Mapping) else {}
    return value if isinstance(value, Mapping) else {}


def breakdown_rows(on: Mapping[str, Any], off: Mapping[str, Any]) -> list[Row]:
    """Return one row per key of every breakdown in ``BREAKDOWNS``, verification on and off.

    Args:
        on: Metrics with verification on (``verification_on`` of an evaluation document).
        off: The same with verification off.

    """
    rows: list[Row] = []
    for label, path, percent in BREAKDOWNS:
        on_table, off_table = table(on, path), table(off, path)
        for key, value in off_table.items():
            rows.append(
                (
                    label.format(key=key, n=value.get("total", 0)),
                    on_table.get(key, {}).get("rate"),
                    value.get("rate"),
                    percent,
                )
            )
    return rows
