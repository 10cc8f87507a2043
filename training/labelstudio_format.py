"""Label Studio formats (pure): labeling config, boxes to/from Label Studio results and YOLO.

Label Studio stores a rectangle as ``x``, ``y``, ``width``, ``height`` in percent of the image
(top-left corner, 0-100) plus a ``rotation`` in degrees around that corner. Labels are mapped
by class name, never by index (Label Studio's own YOLO export orders ``classes.txt``
alphabetically).
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping, Sequence
from typing import Any
from xml.sax.saxutils import quoteattr

FROM_NAME = "label"
TO_NAME = "image"
RESULT_TYPE = "rectanglelabels"
LOCAL_FILES_PREFIX = "/data/local-files/?d="
# One distinct colour per class in the labeling interface.
COLOURS = ("#2e7d32", "#1565c0", "#6a1b9a", "#ef6c00", "#c62828", "#00838f")


class LabelMapError(ValueError):
    """A Label Studio label that is not one of the detector's classes."""


def labeling_config(class_names: Sequence[str]) -> str:
    """Return the Label Studio labeling config XML: one image, one rectangle per class.

    Args:
        class_names: The detector's class names (``datasets/classes.yaml`` order).

    """
    labels = "\n".join(
        f"    <Label value={quoteattr(name)} background={quoteattr(COLOURS[i % len(COLOURS)])}/>"
        for i, name in enumerate(class_names)
    )
    return (
        "<View>\n"
        f'  <Image name="{TO_NAME}" value="$image" zoom="true" zoomControl="true"/>\n'
        f'  <RectangleLabels name="{FROM_NAME}" toName="{TO_NAME}" strokeWidth="2">\n'
        f"{labels}\n"
        "  </RectangleLabels>\n"
        "</View>\n"
    )


def box_to_result(
    box: Sequence[float],
    label: str,
    width: int,
    height: int,
    score: float | None = None,
    result_id: str | None = None,
) -> dict[str, Any]:
    """Convert one pixel box to a Label Studio rectangle result.

    Args:
        box: ``[x1, y1, x2, y2]`` in pixels of the upright image.
        label: Class name.
        width: Image width in pixels.
        height: Image height in pixels.
        score: Confidence in ``[0, 1]`` (predictions only).
        result_id: Region id; Label Studio makes one when ``None``.

    Returns:
        The result dict (``value`` in percent of the image, clipped to 0-100).

    """
    if width <= 0 or height <= 0:
        raise ValueError(f"image size must be positive, got {width}x{height}")
    x1, y1, x2, y2 = (float(v) for v in box)
    x1, x2 = sorted((min(max(x1, 0.0), width), min(max(x2, 0.0), width)))
    y1, y2 = sorted((min(max(y1, 0.0), height), min(max(y2, 0.0), height)))
    result: dict[str, Any] = {
        "from_name": FROM_NAME,
        "to_name": TO_NAME,
        "type": RESULT_TYPE,
        "original_width": int(width),
        "original_height": int(height),
        "image_rotation": 0,
        "value": {
            "x": 100.0 * x1 / width,
            "y": 100.0 * y1 / height,
            "width": 100.0 * (x2 - x1) / width,
            "height": 100.0 * (y2 - y1) / height,
            "rotation": 0,
            "rectanglelabels": [label],
        },
    }
    if score is not None:
        result["score"] = float(score)
    if result_id is not None:
        result["id"] = result_id
    return result


def result_box_percent(
    value: Mapping[str, Any], width: float = 100.0, height: float = 100.0
) -> tuple[float, float, float, float]:
    """Return the axis-aligned extent ``(x1, y1, x2, y2)`` in percent of a rectangle value.

    Label Studio rotates a rectangle by ``rotation`` degrees clockwise around its top-left
    corner, in pixels; a rotated rectangle is replaced by the bounding box of its corners.

    Args:
        value: The result's ``value`` (``x``, ``y``, ``width``, ``height`` in percent).
        width: Image width in pixels (only matters for a rotated rectangle).
        height: Image height in pixels (only matters for a rotated rectangle).

    """
    x, y = float(value["x"]), float(value["y"])
    w, h = float(value["width"]), float(value["height"])
    angle = math.radians(float(value.get("rotation", 0) or 0))
    if abs(angle) < 1e-9:
        return x, y, x + w, y + h
    sx, sy = width / 100.0, height / 100.0  # percent -> pixels
    cos, sin = math.cos(angle), math.sin(angle)
    corners = [(0.0, 0.0), (w * sx, 0.0), (w * sx, h * sy), (0.0, h * sy)]
    xs = [x + (cx * cos - cy * sin) / sx for cx, cy in corners]
    ys = [y + (cx * sin + cy * cos) / sy for cx, cy in corners]
    return min(xs), min(ys), max(xs), max(ys)


def results_to_yolo(results: Sequence[Mapping[str, Any]], class_names: Sequence[str]) -> list[str]:
    """Convert the rectangle results of one annotation to YOLO label lines.

    Args:
        results: The annotation's ``result`` list (other result types are ignored).
        class_names: The detector's class names; labels are mapped by name.

    Returns:
        Lines ``"class cx cy w h"`` normalized to 0..1, boxes clipped to the image; boxes with
        no area inside the image are dropped.

    Raises:
        LabelMapError: If a rectangle's label is not a class name, or its value is not a
            mapping of finite numbers in range (``x``/``y`` within -100..200 percent,
            ``width``/``height`` within 0..100); the message names the result.

    """
    index = {name: i for i, name in enumerate(class_names)}
    lines = []
    for number, result in enumerate(results, 1):
        if not isinstance(result, Mapping):
            raise LabelMapError(f"result {number} is not an object")
        if result.get("type") != RESULT_TYPE:
            continue
        where = f"result {number}" + (f" (id {result['id']})" if result.get("id") else "")
        value = result.get("value")
        if not isinstance(value, Mapping):
            raise LabelMapError(f"{where}: rectangle value is not an object: {value!r}")
        labels = value.get(RESULT_TYPE) or []
        if not isinstance(labels, list) or len(labels) != 1:
            raise LabelMapError(f"{where}: a rectangle must carry exactly one label, got {labels}")
        label = str(labels[0])
        if label not in index:
            raise LabelMapError(
                f"{where}: label {label!r} is not a detector class ({', '.join(class_names)})"
            )
        x1, y1, x2, y2 = (min(max(v / 100.0, 0.0), 1.0) for v in _checked_extent(result, where))
        if x2 - x1 <= 0 or y2 - y1 <= 0:
            continue
        cx, cy, w, h = (x1 + x2) / 2, (y1 + y2) / 2, x2 - x1, y2 - y1
        lines.append(f"{index[label]} {cx:.6f} {cy:.6f} {w:.6f} {h:.6f}")
    return lines


# Percent ranges a rectangle value may take: a box may reach past the image (it is clipped),
# but not be absurdly far away or have a negative or larger-than-image size.
_VALUE_RANGES = {"x": (-100.0, 200.0), "y": (-100.0, 200.0), "width": (0.0, 100.0)}
_VALUE_RANGES["height"] = _VALUE_RANGES["width"]


def _checked_extent(result: Mapping[str, Any], where: str) -> tuple[float, float, float, float]:
    """Return ``result_box_percent`` of a rectangle result after checking its numbers.

    Raises:
        LabelMapError: If a field is missing, not a number, not finite or out of range.

    """
    value = result["value"]
    try:
        numbers = {key: float(value[key]) for key in _VALUE_RANGES}
        rotation = float(value.get("rotation", 0) or 0)
        width = float(result.get("original_width") or 100.0)
        height = float(result.get("original_height") or 100.0)
    except KeyError as error:
        raise LabelMapError(f"{where}: rectangle without {error}") from None
    except (TypeError, ValueError) as error:
        raise LabelMapError(f"{where}: rectangle value is not a number: {error}") from None
    for key, number in numbers.items():
        low, high = _VALUE_RANGES[key]
        if not math.isfinite(number) or not low <= number <= high:
            raise LabelMapError(f"{where}: rectangle {key} {number} is outside {low:g}..{high:g}")
    if not all(math.isfinite(v) for v in (rotation, width, height)) or min(width, height) <= 0:
        raise LabelMapError(f"{where}: rectangle rotation or image size is not a valid number")
    return result_box_percent({**numbers, "rotation": rotation}, width, height)


def latest_annotation(task: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """Return a task's most recent annotation that was not cancelled (skipped), if any."""
    annotations = [a for a in task.get("annotations") or [] if not a.get("was_cancelled", False)]
    if not annotations:
        return None
    latest: Mapping[str, Any] = max(
        annotations, key=lambda a: (str(a.get("updated_at") or ""), int(a.get("id") or 0))
    )
    return latest


def local_file_url(relative_path: str) -> str:
    """Return the Label Studio URL of a file under its local-files document root.

    Raises:
        ValueError: If the path is not UTF-8 (a file name in another encoding, as Python reads
            it from the file system): Label Studio reads the URL as UTF-8 and would not find
            the file.

    """
    from urllib.parse import quote

    try:
        encoded = relative_path.lstrip("/").encode("utf-8")
    except UnicodeEncodeError:
        raw = os.fsencode(relative_path)
        raise ValueError(
            f"the file name {raw!r} is not UTF-8, so Label Studio could not serve it; "
            "rename the file"
        ) from None
    return LOCAL_FILES_PREFIX + quote(encoded)


def local_file_path(url: str) -> str | None:
    """Return the document-root-relative path in a local-files URL, else ``None``."""
    from urllib.parse import unquote

    if not url.startswith(LOCAL_FILES_PREFIX):
        return None
    return unquote(url[len(LOCAL_FILES_PREFIX) :])
