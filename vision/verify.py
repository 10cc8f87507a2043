"""Verification: read each Janji candidate's text with OCR and confirm or reject it."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Any

import cv2
import numpy as np
import numpy.typing as npt

from vision.decode import DecodedImage
from vision.janji_text import MatchSettings, read_janji
from vision.results import NOT_CHECKED, Verification

TEXT_DETECTION_SIDE = 480  # pixels; rapidocr's own default is 736


@dataclass(frozen=True)
class VerifyPolicy:
    """Which detections are read, and how.

    Attributes:
        enabled: Whether to read text at all.
        min_crop_side: Detections whose box's short side (original pixels) is below this are
            not read (text that small is almost never legible).
        pad: Margin added around each box before cropping, as a fraction of its size.
        max_crop_long_side: Crops are shrunk to this long side in pixels before OCR (time).
        max_per_image: Most detections read per photo: Janji candidates first, then other
            signs, the most confident first within each.
        read_other_signs: Also read ``other_sign`` boxes: one whose text says Janji Layanan
            is relabelled as Janji (``vision.relabel``), one naming a known lookalike says so.
        text_detection_side: The OCR's text detector enlarges a crop until its short side has
            this many pixels (rapidocr's ``Det.limit_side_len``, its default 736); larger
            crops are read as they are. 480 read the 1600 px development set as well as 736
            in about half the time per crop (2400 px photos a little less well: model history,
            "Faster serving: 1.8.1").
        match: Text-matching thresholds.

    """

    enabled: bool = True
    min_crop_side: int = 100
    pad: float = 0.04
    max_crop_long_side: int = 1280
    max_per_image: int = 6
    read_other_signs: bool = True
    text_detection_side: int = TEXT_DETECTION_SIDE
    match: MatchSettings = field(default_factory=MatchSettings)

    def __post_init__(self) -> None:
        if self.min_crop_side < 1:
            raise ValueError("VerifyPolicy.min_crop_side must be >= 1")
        if not 0 <= self.pad <= 1:
            raise ValueError("VerifyPolicy.pad must lie in [0, 1]")
        if self.max_crop_long_side < 64:
            raise ValueError("VerifyPolicy.max_crop_long_side must be >= 64")
        if self.max_per_image < 0:
            raise ValueError("VerifyPolicy.max_per_image must be >= 0")
        if self.text_detection_side < 32:
            raise ValueError("VerifyPolicy.text_detection_side must be >= 32")


class TextReader:
    """Reads text lines from BGR images with rapidocr (PP-OCR ONNX models shipped in its wheel).

    The OCR engine loads on first use (once, also when several threads ask at the same time);
    keep one reader per process. Reading is safe from several threads.
    """

    def __init__(self, text_detection_side: int = TEXT_DETECTION_SIDE) -> None:
        """Create a reader; ``text_detection_side`` as in ``VerifyPolicy`` (pixels)."""
        self.text_detection_side = text_detection_side
        self._engine: Any = None
        self._lock = threading.Lock()

    def read_lines(self, image: npt.NDArray[np.uint8]) -> list[str]:
        """Return the text lines found in a BGR image, in reading order (top to bottom)."""
        result = self._get_engine()(image)
        texts = getattr(result, "txts", None)
        return [str(t) for t in texts] if texts else []

    def _get_engine(self) -> Any:
        with self._lock:
            if self._engine is None:
                from rapidocr import RapidOCR

                # Posters are upright once EXIF orientation is applied: skip the angle classifier.
                params = {
                    "Global.log_level": "error",
                    "Global.use_cls": False,
                    "Det.limit_side_len": self.text_detection_side,
                }
                self._engine = RapidOCR(params=params)
            return self._engine


class Verifier:
    """Confirms or rejects Janji candidates from the text on their full-resolution crops."""

    def __init__(self, policy: VerifyPolicy | None = None, reader: TextReader | None = None):
        """Create a verifier; ``reader`` defaults to a new ``TextReader``."""
        self.policy = policy or VerifyPolicy()
        self.reader = reader or TextReader(self.policy.text_detection_side)

    def should_read(self, box: npt.NDArray[np.float32]) -> bool:
        """Whether a box ``[x1, y1, x2, y2]`` (original pixels) is large enough to read."""
        short = min(float(box[2] - box[0]), float(box[3] - box[1]))
        return self.policy.enabled and short >= self.policy.min_crop_side

    def verify_box(self, decoded: DecodedImage, box: npt.NDArray[np.float32]) -> Verification:
        """Read the text of one box and decide.

        Args:
            decoded: The photo (its full resolution is decoded on first need).
            box: ``[x1, y1, x2, y2]`` in upright original pixels.

        """
        start = time.perf_counter()
        x1, y1, x2, y2 = (float(v) for v in box)
        crop = decoded.crop((x1, y1, x2, y2), pad=self.policy.pad)
        if crop.size == 0:
            return NOT_CHECKED
        crop = _shrink(crop, self.policy.max_crop_long_side)
        lines = self.reader.read_lines(crop)
        decision = read_janji(lines, self.policy.match)
        return Verification(
            status=decision.status,
            promises_read=decision.promises,
            variant=decision.variant,
            identified_as=decision.identified_as,
            title_read=decision.title,
            seconds=time.perf_counter() - start,
        )


def _shrink(image: npt.NDArray[np.uint8], long_side: int) -> npt.NDArray[np.uint8]:
    h, w = image.shape[:2]
    if max(h, w) <= long_side:
        return image
    ratio = long_side / max(h, w)
    size = (max(1, round(w * ratio)), max(1, round(h * ratio)))
    return np.asarray(cv2.resize(image, size, interpolation=cv2.INTER_AREA), dtype=np.uint8)
