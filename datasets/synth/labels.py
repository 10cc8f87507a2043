"""YOLO label lines from pixel boxes."""

from __future__ import annotations


def yolo_line(class_id: int, box: tuple[int, int, int, int], width: int, height: int) -> str:
    """Return ``cls cx cy w h`` with coordinates normalized to 0..1 by the image size.

    Args:
        class_id: Class index.
        box: ``(x1, y1, x2, y2)`` in pixels.
        width: Image width in pixels.
        height: Image height in pixels.

    """
    x1, y1, x2, y2 = (float(v) for v in box)
    x1, x2 = max(0.0, x1), min(float(width), x2)
    y1, y2 = max(0.0, y1), min(float(height), y2)
    cx, cy = (x1 + x2) / 2 / width, (y1 + y2) / 2 / height
    w, h = (x2 - x1) / width, (y2 - y1) / height
    return f"{class_id} {cx:.6f} {cy:.6f} {w:.6f} {h:.6f}"


def parse_yolo_line(line: str) -> tuple[int, float, float, float, float]:
    """Parse ``cls cx cy w h`` (normalized); raises ``ValueError`` on a malformed line."""
    parts = line.split()
    if len(parts) != 5:
        raise ValueError(f"label line needs 5 fields: {line!r}")
    return int(parts[0]), float(parts[1]), float(parts[2]), float(parts[3]), float(parts[4])
