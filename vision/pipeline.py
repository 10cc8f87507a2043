"""The detection pipeline: decode, quality check, detect, verify, conclude, for one photo."""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from datasets.classes import load_classes
from vision.acceptance import AcceptThresholds, accept_detections
from vision.decode import (
    DecodedImage,
    DecodeOptions,
    ImageDecodeError,
    decode_bytes,
    decode_file,
)
from vision.detections import Detections
from vision.detector import Detector, DetectorOptions
from vision.model_package import ModelPackage, load_package
from vision.nms import box_iou
from vision.overlaps import one_label_per_sign
from vision.prefetch import decode_ahead, internal_error
from vision.quality import QualitySettings, assess_quality
from vision.relabel import relabel_by_text
from vision.results import (
    NOT_CHECKED,
    ImageResult,
    QualityReport,
    Verification,
    VerificationStatus,
)
from vision.verify import Verifier, VerifyPolicy


@dataclass(frozen=True)
class PipelineOptions:
    """Settings of every stage.

    Attributes:
        decode: Decoding (reduced JPEG decode target, pixel limit).
        detector: Detector thresholds and threads.
        quality: Quality-check thresholds.
        verify: Verification policy (``VerifyPolicy(enabled=False)`` turns OCR off).
        accept: Overrides the package's ``accept`` (0-1): the confidence at which a Janji
            detection whose text was not confirmed counts; ``None`` = the package's. For
            experiments only: serving uses the package's calibrated value.
        accept_verified: Overrides the package's ``accept_verified`` (0-1): the confidence at
            which a text-confirmed Janji detection counts; ``None`` = the package's.
        same_sign_iou: Boxes of different classes overlapping by more than this IoU (0-1)
            are one sign: only the accepted one, else one whose text was read, else the most
            confident, is reported (``vision.overlaps``).

    """

    decode: DecodeOptions = field(default_factory=DecodeOptions)
    detector: DetectorOptions = field(default_factory=DetectorOptions)
    quality: QualitySettings = field(default_factory=QualitySettings)
    verify: VerifyPolicy = field(default_factory=VerifyPolicy)
    accept: float | None = None
    accept_verified: float | None = None
    same_sign_iou: float = 0.7

    def __post_init__(self) -> None:
        for name, value in (
            ("accept", self.accept),
            ("accept_verified", self.accept_verified),
            ("same_sign_iou", self.same_sign_iou),
        ):
            if value is not None and not 0 <= value <= 1:
                raise ValueError(f"PipelineOptions.{name} must lie in [0, 1], got {value}")


class Pipeline:
    """Checks photos for Janji Layanan JKN media. Create one per process and reuse it.

    Attributes:
        package: The model package in use.
        options: The settings.
        detector: The ONNX detector.
        verifier: The OCR verifier (its OCR engine loads on first use).
        thresholds: The acceptance thresholds in force (the package's unless overridden).

    """

    def __init__(
        self, detector: Detector, options: PipelineOptions, verifier: Verifier | None = None
    ) -> None:
        """Assemble a pipeline from a loaded detector; prefer ``Pipeline.load``.

        Raises:
            ValueError: If overridden acceptance thresholds end up with
                ``accept_verified > accept``.

        """
        self.detector = detector
        self.package: ModelPackage = detector.package
        self.options = options
        self.verifier = verifier or Verifier(options.verify)
        self.thresholds = AcceptThresholds(
            accept=self.package.accept if options.accept is None else options.accept,
            accept_verified=(
                self.package.accept_verified
                if options.accept_verified is None
                else options.accept_verified
            ),
        )
        classes = load_classes()
        self._labels = self.package.class_names
        self._janji_ids = frozenset(
            i for i, name in enumerate(self._labels) if name in classes.janji
        )
        self._class_ids = {name: i for i, name in enumerate(self._labels)}

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
            ValueError: If ``options`` override the acceptance thresholds inconsistently.

        """
        opts = options or PipelineOptions()
        return cls(Detector(load_package(package_path), opts.detector), opts)

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

    def check_files(
        self, paths: Iterable[Path], decode_workers: int = 1
    ) -> Iterator[tuple[Path, ImageResult | str]]:
        """Check many photo files, decoding the next ones while the current one is checked.

        Meant for a detector whose threads sleep when idle (``DetectorOptions(spin_wait=False)``,
        as ``janjicheck detect`` loads it for several photos) with one decoding thread: on 2
        cores a little faster per photo than spinning threads with two decoders (README,
        "Speed").

        Args:
            paths: The files, in the order results are wanted.
            decode_workers: Threads decoding ahead (>= 1); see ``vision.prefetch``.

        Yields:
            Per path, in order, its result, or why it could not be read or checked
            (``"<code>: <message>"``, ``"unreadable file: ..."`` or ``"internal: ..."``).

        """
        for loaded in decode_ahead(paths, self.options.decode, decode_workers):
            if isinstance(loaded.result, str):
                yield loaded.path, loaded.result
                continue
            started = time.perf_counter() - loaded.seconds
            yield loaded.path, self._check_one(loaded.result, str(loaded.path), started)

    def _check_one(self, decoded: DecodedImage, name: str, started: float) -> ImageResult | str:
        """Check one photo of a batch; a failure is that photo's error, not the batch's.

        Returns:
            The result, or ``"internal: <message>"`` when checking it raised.

        """
        try:
            return self.check_image(decoded, name, started)
        except Exception as exc:  # one photo must not end a batch (cv2.error, OCR, memory)
            return internal_error(exc)

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
        # Shrunk once to the network input; the quality check analyses that too unless it is
        # below the check's own analysis size (sharpness would be measured on an enlargement).
        work, _ = self.detector.shrink_to_input(decoded.image)
        settings = self.options.quality
        analysed = work if max(work.shape[:2]) >= settings.analysis_long_side else decoded.image
        quality = assess_quality(analysed, decoded.width, decoded.height, settings)
        found = self.detector.detect(work, original_scale(decoded, work.shape[1], work.shape[0]))
        return self.conclude(decoded, name, quality, found, self._verify(decoded, found), start)

    def conclude(
        self,
        decoded: DecodedImage,
        name: str,
        quality: QualityReport,
        found: Detections,
        verifications: Sequence[Verification],
        started: float,
    ) -> ImageResult:
        """Conclude on a photo from its detections and their text checks.

        Other signs whose text says Janji Layanan become Janji detections, each detection is
        judged against the acceptance thresholds, and one label per sign is kept. With every
        verification ``NOT_CHECKED`` this is what the pipeline serves with the text check off.

        Args:
            decoded: The decoded photo (its upright size in pixels is reported).
            name: Shown as the result's ``path``.
            quality: The photo's quality report.
            found: The detector's output, boxes in pixels of the upright photo.
            verifications: Per detection in ``found``, its text check.
            started: ``time.perf_counter()`` when work on this photo began.

        """
        detections = Detections(
            found.xyxy,
            found.confidence,
            relabel_by_text(found.class_id, found.xyxy, verifications, self._class_ids),
        )
        class_ids = detections.class_id.tolist()
        accepted = accept_detections(
            (c in self._janji_ids for c in class_ids),
            detections.confidence.tolist(),
            verifications,
            self.thresholds,
        )
        concluded = (VerificationStatus.CONFIRMED, VerificationStatus.REJECTED)
        keep = one_label_per_sign(
            detections.xyxy,
            detections.confidence,
            accepted,
            [v.status in concluded for v in verifications],
            self.options.same_sign_iou,
        ).tolist()
        return ImageResult(
            path=name,
            width=decoded.width,
            height=decoded.height,
            quality=quality,
            detections=detections[np.asarray(keep, dtype=np.int64)],
            labels=tuple(self._labels[class_ids[i]] for i in keep),
            verifications=tuple(verifications[i] for i in keep),
            accepted=tuple(accepted[i] for i in keep),
            seconds=time.perf_counter() - started,
        )

    def _verify(self, decoded: DecodedImage, detections: Detections) -> tuple[Verification, ...]:
        """Read Janji candidates, then other signs (policy), most confident first in each.

        A box on the same sign as one already read (IoU above ``same_sign_iou``) takes that
        reading instead of a second OCR pass. When the full-resolution image cannot be decoded
        for a crop, that box and those after it stay ``NOT_CHECKED``.
        """
        policy = self.verifier.policy
        janji = [int(c) in self._janji_ids for c in detections.class_id]
        order = [i for i in range(len(detections)) if janji[i]]  # highest confidence first
        if policy.read_other_signs:
            order += [i for i in range(len(detections)) if not janji[i]]
        results: list[Verification] = [NOT_CHECKED] * len(detections)
        read: list[int] = []
        for i in order:
            box = detections.xyxy[i]
            if not self.verifier.should_read(box):
                continue
            if read:
                overlap = box_iou(box, detections.xyxy[read])
                if overlap.max() > self.options.same_sign_iou:
                    results[i] = results[read[int(overlap.argmax())]]
                    continue
            if len(read) >= policy.max_per_image:
                break
            try:
                results[i] = self.verifier.verify_box(decoded, box)
            except ImageDecodeError:  # the full-resolution decode failed: nothing can be read
                break
            read.append(i)
        return tuple(results)


def original_scale(decoded: DecodedImage, width: int, height: int) -> tuple[float, float]:
    """Return the photo's upright original pixels per pixel of a resize of it, per axis.

    Args:
        decoded: The photo.
        width: The resized image's width in pixels.
        height: The resized image's height in pixels.

    Returns:
        ``(sx, sy)``: original width over ``width``, original height over ``height`` (what
        ``cv2.resize`` maps, edge to edge, on each axis).

    """
    return decoded.width / width, decoded.height / height
