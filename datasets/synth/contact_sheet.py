"""A grid of generated images with their labelled boxes and class names drawn, to look at."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from datasets.synth.arrays import Image
from datasets.synth.labels import parse_yolo_line

CLASS_COLORS = ((0, 200, 0), (0, 140, 255), (255, 0, 200), (0, 0, 230))  # BGR per class id


def annotate(image_bgr: Image, label_lines: list[str], names: tuple[str, ...]) -> Image:
    """Draw YOLO boxes with class names on a copy of a BGR image."""
    out = image_bgr.copy()
    h, w = out.shape[:2]
    for line in label_lines:
        cls, cx, cy, bw, bh = parse_yolo_line(line)
        x1, y1 = int((cx - bw / 2) * w), int((cy - bh / 2) * h)
        x2, y2 = int((cx + bw / 2) * w), int((cy + bh / 2) * h)
        color = CLASS_COLORS[cls % len(CLASS_COLORS)]
        cv2.rectangle(out, (x1, y1), (x2, y2), color, 2)
        text = names[cls] if 0 <= cls < len(names) else str(cls)
        cv2.putText(
            out, text, (x1 + 2, max(12, y1 - 4)), cv2.FONT_HERSHEY_SIMPLEX, 0.6, (0, 0, 0), 4
        )
        cv2.putText(out, text, (x1 + 2, max(12, y1 - 4)), cv2.FONT_HERSHEY_SIMPLEX, 0.6, color, 2)
    return out


def contact_sheet(
    images: list[Path], labels_dir: Path, names: tuple[str, ...], columns: int = 6, cell: int = 320
) -> Image:
    """Build a grid of annotated thumbnails.

    Args:
        images: Image files to show (in order).
        labels_dir: Folder holding ``<stem>.txt`` YOLO labels.
        names: Class names by id.
        columns: Thumbnails per row.
        cell: Thumbnail width and height in pixels (images are letterboxed into the cell).

    Returns:
        The BGR sheet image.

    """
    rows = max(1, -(-len(images) // columns))
    sheet = np.full((rows * cell, columns * cell, 3), 40, dtype=np.uint8)
    for i, path in enumerate(images):
        bgr = cv2.imread(str(path), cv2.IMREAD_COLOR)
        if bgr is None:
            continue
        label_file = labels_dir / f"{path.stem}.txt"
        lines = (
            [ln for ln in label_file.read_text().splitlines() if ln.strip()]
            if label_file.exists()
            else []
        )
        shown = annotate(np.asarray(bgr, dtype=np.uint8), lines, names)
        scale = cell / max(shown.shape[:2])
        thumb = cv2.resize(
            shown,
            (int(shown.shape[1] * scale), int(shown.shape[0] * scale)),
            interpolation=cv2.INTER_AREA,
        )
        r, c = divmod(i, columns)
        y, x = r * cell, c * cell
        sheet[y : y + thumb.shape[0], x : x + thumb.shape[1]] = thumb
        cv2.putText(
            sheet,
            path.stem,
            (x + 4, y + cell - 6),
            cv2.FONT_HERSHEY_SIMPLEX,
            0.4,
            (255, 255, 255),
            1,
        )
    return sheet


def write_contact_sheet(
    images_dir: Path, labels_dir: Path, names: tuple[str, ...], out: Path, count: int = 24
) -> None:
    """Write a PNG sheet of about ``count`` images evenly spread over a split's images."""
    files = sorted(images_dir.glob("*.jpg"))
    if not files:
        return
    step = max(1, len(files) // count)
    cv2.imwrite(str(out), contact_sheet(files[::step][:count], labels_dir, names))
