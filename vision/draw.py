"""Draw detections and the verdict on a photo (for evidence images and contact sheets)."""

from __future__ import annotations

import cv2
import numpy as np
import numpy.typing as npt

from datasets.classes import load_classes
from vision.results import ImageResult, Verification, VerificationStatus

# BGR colours.
CONFIRMED = (60, 170, 40)
REJECTED = (40, 40, 220)
UNDECIDED = (0, 160, 240)
OTHER = (170, 120, 40)
WHITE = (255, 255, 255)


def box_colour(label: str, verification: Verification) -> tuple[int, int, int]:
    """Return the BGR colour of a box.

    Green for a confirmed Janji medium, red rejected, orange undecided, blue other signs.
    """
    if label not in load_classes().janji:
        return OTHER
    if verification.status is VerificationStatus.CONFIRMED:
        return CONFIRMED
    if verification.status is VerificationStatus.REJECTED:
        return REJECTED
    return UNDECIDED


def box_caption(label: str, confidence: float, verification: Verification) -> str:
    """Return the text drawn above a box, e.g. ``janji_poster 0.91 confirmed 1,2,3``."""
    text = f"{label} {confidence:.2f}"
    if verification.status is not VerificationStatus.NOT_CHECKED:
        text += f" {verification.status.value}"
    if verification.promises_read:
        text += " " + ",".join(str(p) for p in verification.promises_read)
    if verification.identified_as:
        text += f" ({verification.identified_as})"
    return text


def verdict_text(result: ImageResult) -> str:
    """Return the one-line verdict drawn at the top of the image."""
    verdict = "JANJI LAYANAN FOUND" if result.janji_present else "NO JANJI LAYANAN FOUND"
    if result.quality.issues:
        verdict += "  |  quality: " + ", ".join(i.code for i in result.quality.issues)
    return verdict


def draw_result(image: npt.NDArray[np.uint8], result: ImageResult) -> npt.NDArray[np.uint8]:
    """Return a copy of ``image`` with boxes, captions and the verdict drawn on it.

    Args:
        image: Upright BGR uint8 image of the photo at any size (e.g. a reduced decode);
            boxes in ``result`` (original pixels) are scaled to it.
        result: The pipeline's result for this photo.

    """
    canvas = np.ascontiguousarray(image.copy())
    h, w = canvas.shape[:2]
    sx, sy = w / max(result.width, 1), h / max(result.height, 1)
    unit = max(h, w) / 1000.0
    thickness = max(1, round(2 * unit))
    font_scale = max(0.4, 0.6 * unit)
    for (box, conf, _), label, verification in zip(
        result.detections, result.labels, result.verifications, strict=True
    ):
        colour = box_colour(label, verification)
        x1, y1 = round(float(box[0]) * sx), round(float(box[1]) * sy)
        x2, y2 = round(float(box[2]) * sx), round(float(box[3]) * sy)
        cv2.rectangle(canvas, (x1, y1), (x2, y2), colour, thickness)
        _label(canvas, box_caption(label, conf, verification), (x1, y1), colour, font_scale)
    banner = CONFIRMED if result.janji_present else REJECTED
    _label(canvas, verdict_text(result), (0, 0), banner, font_scale * 1.3, below=True)
    return canvas


def _label(
    canvas: npt.NDArray[np.uint8],
    text: str,
    anchor: tuple[int, int],
    colour: tuple[int, int, int],
    scale: float,
    below: bool = False,
) -> None:
    font = cv2.FONT_HERSHEY_SIMPLEX
    weight = max(1, round(scale * 1.6))
    (tw, th), base = cv2.getTextSize(text, font, scale, weight)
    x, y = anchor
    top = y if below or y - th - base - 4 < 0 else y - th - base - 4
    cv2.rectangle(canvas, (x, top), (x + tw + 6, top + th + base + 4), colour, -1)
    cv2.putText(canvas, text, (x + 3, top + th + 2), font, scale, WHITE, weight, cv2.LINE_AA)
