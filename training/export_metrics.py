"""Reading a ``--metrics`` file given to the exporter and checking it is the package's own.

Metrics given with ``--metrics`` (from ``training.evaluate --json``) are stored only when they
are of the split the package states, were measured on the graph the export writes, and with
the thresholds the package serves with.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from training.export_errors import ExportError


def read_metrics(path: Path) -> dict[str, Any]:
    """Read a metrics document (``training.evaluate --json``) given with ``--metrics``.

    Raises:
        ExportError: If the file cannot be read or is not UTF-8 JSON holding an object.

    """
    try:
        metrics = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ExportError(f"cannot read metrics {path}: {error}") from None
    if not isinstance(metrics, dict):
        raise ExportError(
            f"metrics {path} is not a JSON object: give the file `training.evaluate --json` writes"
        )
    return metrics


def check_metrics_file(metrics: Mapping[str, Any], path: Path, split: str) -> None:
    """Check that ``--metrics`` holds an evaluation of ``split`` that names its graph.

    Raises:
        ExportError: If the metrics record no ONNX graph (``onnx_sha256``: they could be any
            model's) or are not of ``split``.

    """
    if not isinstance(metrics.get("onnx_sha256"), str) or not metrics["onnx_sha256"]:
        raise ExportError(
            f"metrics {path} record no ONNX graph (onnx_sha256), so nothing shows they are this "
            "package's: give what `janjicheck evaluate --json` measured on the exported graph, "
            "or leave out --metrics to evaluate it"
        )
    if metrics.get("split") != split:
        raise ExportError(
            f"metrics {path} are of the {metrics.get('split') or 'unknown'} split, not of "
            f"--split {split}"
        )


def check_metrics_graph(metrics: Mapping[str, Any], path: Path | None, onnx_sha256: str) -> None:
    """Check that ``--metrics`` were measured on the graph the export writes.

    Args:
        metrics: The metrics document (``check_metrics_file`` passed).
        path: Its file, for the message.
        onnx_sha256: The sha256 of the exported graph.

    Raises:
        ExportError: If the metrics were measured on another graph.

    """
    measured = str(metrics.get("onnx_sha256", "")).lower()
    if measured != onnx_sha256:
        raise ExportError(
            f"metrics {path} were measured on another ONNX graph (sha256 {measured[:12]}...) "
            f"than the one this export writes ({onnx_sha256[:12]}...): a package's metrics "
            "must be of its own graph; leave out --metrics to evaluate it"
        )


def check_metrics_thresholds(
    metrics: Mapping[str, Any], path: Path | None, served: Mapping[str, float]
) -> None:
    """Check that ``--metrics`` were measured with the thresholds the package serves with.

    Args:
        metrics: The metrics document.
        path: Its file, for the message.
        served: The package's ``confidence``, ``accept`` and ``accept_verified`` (0-1).

    Raises:
        ExportError: If the metrics record other thresholds, or none.

    """
    measured = metrics.get("thresholds")
    recorded = isinstance(measured, Mapping) and all(
        isinstance(measured.get(key), int | float)
        and math.isclose(float(measured[key]), value, abs_tol=1e-9)
        for key, value in served.items()
    )
    if not recorded:
        raise ExportError(
            f"metrics {path} were measured with thresholds {measured}, not this package's "
            f"{dict(served)}: leave out --metrics to evaluate it, or set --accept and "
            "--accept-verified to the ones measured"
        )
