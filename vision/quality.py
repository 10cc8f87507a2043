"""Image quality check: blur, darkness, overexposure, glare and size, with advice for a person."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt

from vision.results import QualityIssue, QualityReport

MESSAGES = {
    "blurry": "The photo is blurry: hold the phone still, tap the screen to focus and retake it.",
    "too_dark": "The photo is too dark: turn on the light and retake it.",
    "too_bright": (
        "The photo is too bright (washed out): step out of direct sunlight or lower the "
        "exposure and retake it."
    ),
    "glare": (
        "Strong light glare covers part of the photo: change the angle so lights and windows "
        "do not reflect on the posters, and retake it."
    ),
    "too_small": (
        "The photo is too small ({width}x{height} pixels): take it with the phone camera at "
        "full resolution (at least {min_side} pixels on the short side)."
    ),
}


@dataclass(frozen=True)
class QualitySettings:
    """Thresholds of the quality check.

    Attributes:
        analysis_long_side: The grey analysis image is resized to this long side, in pixels,
            so sharpness does not depend on the photo's resolution.
        min_sharpness: Below this variance of the Laplacian the photo is ``blurry``.
        min_brightness: Below this mean luminance (percent) the photo is ``too_dark``.
        max_brightness: Above this mean luminance (percent) the photo is ``too_bright``.
        glare_level: Grey level (0-255) at or above which a pixel counts as blown out.
        max_glare: Above this share of blown-out pixels (percent) the photo has ``glare``.
        min_short_side: Below this short side of the full image (pixels) it is ``too_small``.

    """

    analysis_long_side: int = 640
    min_sharpness: float = 45.0
    min_brightness: float = 20.0
    max_brightness: float = 85.0
    glare_level: int = 250
    max_glare: float = 35.0
    min_short_side: int = 480

    def __post_init__(self) -> None:
        if self.analysis_long_side < 64:
            raise ValueError("QualitySettings.analysis_long_side must be >= 64")
        if self.min_sharpness < 0:
            raise ValueError("QualitySettings.min_sharpness must be >= 0")
        if not 0 <= self.min_brightness < self.max_brightness <= 100:
            raise ValueError("QualitySettings: need 0 <= min_brightness < max_brightness <= 100")
        if not 0 < self.glare_level <= 255:
            raise ValueError("QualitySettings.glare_level must lie in 1-255")
        if not 0 <= self.max_glare <= 100:
            raise ValueError("QualitySettings.max_glare must lie in 0-100")
        if self.min_short_side < 0:
            raise ValueError("QualitySettings.min_short_side must be >= 0")


def analysis_grey(image: npt.NDArray[np.uint8], long_side: int) -> npt.NDArray[np.uint8]:
    """Return the grey version of a BGR image resized to ``long_side`` pixels on its long side."""
    grey = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if image.ndim == 3 else image
    h, w = grey.shape[:2]
    ratio = long_side / max(h, w)
    size = (max(1, round(w * ratio)), max(1, round(h * ratio)))
    interp = cv2.INTER_AREA if ratio < 1 else cv2.INTER_LINEAR
    return np.asarray(cv2.resize(grey, size, interpolation=interp), dtype=np.uint8)


def assess_quality(
    image: npt.NDArray[np.uint8],
    width: int,
    height: int,
    settings: QualitySettings | None = None,
) -> QualityReport:
    """Measure sharpness, brightness and glare of a photo and list what makes it hard to judge.

    Args:
        image: Upright BGR uint8 image (may be a reduced decode).
        width: Full-resolution width in pixels (for the size check).
        height: Full-resolution height in pixels.
        settings: Thresholds; defaults when ``None``.

    Returns:
        The report; ``issues`` is empty when the photo is usable.

    """
    s = settings or QualitySettings()
    grey = analysis_grey(image, s.analysis_long_side)
    sharpness = float(cv2.Laplacian(grey, cv2.CV_64F).var())
    brightness = float(grey.mean()) / 255.0 * 100.0
    glare = float(np.count_nonzero(grey >= s.glare_level)) / grey.size * 100.0
    issues: list[QualityIssue] = []
    if min(width, height) < s.min_short_side:
        text = MESSAGES["too_small"].format(width=width, height=height, min_side=s.min_short_side)
        issues.append(QualityIssue("too_small", text))
    if brightness < s.min_brightness:
        issues.append(QualityIssue("too_dark", MESSAGES["too_dark"]))
    elif brightness > s.max_brightness:
        issues.append(QualityIssue("too_bright", MESSAGES["too_bright"]))
    if sharpness < s.min_sharpness and brightness >= s.min_brightness:
        issues.append(QualityIssue("blurry", MESSAGES["blurry"]))
    if glare > s.max_glare and brightness <= s.max_brightness:
        issues.append(QualityIssue("glare", MESSAGES["glare"]))
    return QualityReport(
        sharpness=sharpness, brightness=brightness, glare=glare, issues=tuple(issues)
    )
