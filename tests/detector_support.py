"""A detector for tests: the real one, its output rewritten by a function (what a detector
with other habits would return)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import numpy.typing as npt

from vision.detections import Detections
from vision.detector import Detector
from vision.model_package import ModelPackage


class RewritingDetector(Detector):
    """The package's detector, every output passed through ``rewrite``."""

    def __init__(self, package: ModelPackage, rewrite: Callable[[Detections], Detections]):
        super().__init__(package)
        self.rewrite = rewrite

    def detect(
        self,
        image: npt.NDArray[np.uint8],
        scale: tuple[float, float] = (1.0, 1.0),
        confidence: float | None = None,
    ) -> Detections:
        """Detect as the real detector does, then rewrite (boxes in original pixels)."""
        return self.rewrite(super().detect(image, scale, confidence))
