"""The detection pipeline: decode, quality check, detect, verify, conclude, for one photo."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from datasets.classes import load_classes
from vision.decode import DecodedImage, DecodeOptions, decode_bytes, decode_file
from vision.detections import Detections
from vision.detector import Detector, DetectorOptions
from vision.model_package import ModelPackage, load_package
from vision.quality import QualitySettings, assess_quality
from vision.results import NOT_CHECKED, ImageResult, Verification, VerificationStatus
from vision.verify import Verifier, VerifyPolicy


@dataclass(frozen=True)
class PipelineOptions:
    """Settings of every stage.

    Attributes:
        decode: Decoding (reduced JPEG decode target, pixel limit).
        detector: Detector thresholds and threads.
        quality: Quality-check thresholds.
        verify: Verification policy (``VerifyPolicy(enabled=False)`` turns OCR off).
        present_confidence: A Janji detection counts towards ``janji_present`` at or above this
            confidence (0-1); ``None`` = the detector's confidence threshold.

    """

    decode: DecodeOptions = field(default_factory=DecodeOptions)
    detector: DetectorOptions = field(default_factory=DetectorOptions)
    quality: QualitySettings = field(default_factory=QualitySettings)
    verify: VerifyPolicy = field(default_factory=VerifyPolicy)
    present_confidence: float | None = None

    def __post_init__(self) -> None:
        if self.present_confidence is not None and not 0 <= self.present_confidence <= 1:
            raise ValueError("PipelineOptions.present_confidence must lie in [0, 1]")


class Pipeline:
    """Checks photos for Janji Layanan JKN media. Create one per process and reuse it.

    Attributes:
        package: The model package in use.
        options: The settings.
        detector: The ONNX detector.
        verifier: The OCR verifier (its OCR engine loads on first use).

    """

    def __init__(
        self, detector: Detector, options: PipelineOptions, verifier: Verifier | None = None
    ) -> None:
        """Assemble a pipeline from a loaded detector; prefer ``Pipeline.load``."""
        self.detector = detector
        self.package: ModelPackage = detector.package
        self.options = options
        self.verifier = verifier or Verifier(options.verify)
        classes = load_classes()
        self._labels = self.package.class_names
        self._janji_ids = frozenset(
            i for i, name in enumerate(self._labels) if name in classes.janji
        )

    @classmethod
    def load(
        cls,
        package_path: str | os.PathLike[str] | None = None,
        options: PipelineOptions | None = None,
    ) -> Pipeline:
        """Load a model package and build the pipeline.

        Args:
            package_path: Package folder; ``None`` = ``$JANJICHECK_MODEL`` or
                ``models/janji-detector`` in the source tree.
            options: Settings; defaults when ``None``.

        Raises:
            ModelPackageError: If the package is missing, malformed or inconsistent.

        """
        opts = options or PipelineOptions()
        return cls(Detector(load_package(package_path), opts.detector), opts)

    @property
    def present_confidence(self) -> float:
        """Confidence (0-1) at which a Janji detection counts towards ``janji_present``."""
        if self.options.present_confidence is not None:
            return self.options.present_confidence
        return self.detector.confidence

    def decode_bytes(self, data: bytes) -> DecodedImage:
        """Decode photo bytes with this pipeline's decode options.

        Raises:
            ImageDecodeError: ``empty``, ``unsupported``, ``corrupt`` or ``too_large``.

        """
        return decode_bytes(data, self.options.decode)

    def check_bytes(self, data: bytes, name: str) -> ImageResult:
        """Check one photo held in memory.

        Args:
            data: The encoded image file.
            name: Shown as the result's ``path`` (upload name or file path).

        Raises:
            ImageDecodeError: If the bytes are not a readable image within the limits.

        """
        start = time.perf_counter()
        decoded = decode_bytes(data, self.options.decode)
        return self.check_image(decoded, name, start)

    def check_file(self, path: str | os.PathLike[str]) -> ImageResult:
        """Check one photo file.

        Raises:
            ImageDecodeError: If the file is not a readable image within the limits.
            OSError: If the file cannot be read.

        """
        start = time.perf_counter()
        decoded = decode_file(path, self.options.decode)
        return self.check_image(decoded, str(Path(path)), start)

    def check_image(
        self, decoded: DecodedImage, name: str, started: float | None = None
    ) -> ImageResult:
        """Check an already decoded photo (lets a caller reuse the decoded image).

        Args:
            decoded: The decoded photo.
            name: Shown as the result's ``path``.
            started: ``time.perf_counter()`` when work on this photo began (decoding
                included); now when ``None``.

        """
        start = time.perf_counter() if started is None else started
        quality = assess_quality(decoded.image, decoded.width, decoded.height, self.options.quality)
        detections = self.detector.detect(decoded.image, decoded.scale)
        verifications = self._verify(decoded, detections)
        labels = tuple(self._labels[c] for c in detections.class_id.tolist())
        present = any(
            c in self._janji_ids
            and conf >= self.present_confidence
            and v.status is not VerificationStatus.REJECTED
            for (_, conf, c), v in zip(detections, verifications, strict=True)
        )
        return ImageResult(
            path=name,
            width=decoded.width,
            height=decoded.height,
            quality=quality,
            detections=detections,
            labels=labels,
            verifications=verifications,
            janji_present=present,
            seconds=time.perf_counter() - start,
        )

    def _verify(self, decoded: DecodedImage, detections: Detections) -> tuple[Verification, ...]:
        results: list[Verification] = [NOT_CHECKED] * len(detections)
        budget = self.verifier.policy.max_per_image
        for i in range(len(detections)):  # detections come highest confidence first
            if budget <= 0:
                break
            box = detections.xyxy[i]
            if int(detections.class_id[i]) in self._janji_ids and self.verifier.should_read(box):
                results[i] = self.verifier.verify_box(decoded, box)
                budget -= 1
        return tuple(results)
