"""What a worker does with one uploaded photo (decode, check, hash) and with its evidence image.

The evidence image (faces blurred, detections drawn) is rendered apart from the check, from the
stored original and the stored result (``render_stored_evidence``): face detection costs more
than the check itself, so the service renders it when the pool is idle or when someone first
asks for it (``api.services.evidence``), and an upload answers with its verdict sooner.

Everything here is CPU work and runs on the inference pool; nothing touches the database.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import cv2
import numpy as np
import numpy.typing as npt

from api.rules.integrity import hash_to_hex, phash
from vision.decode import DecodedImage, DecodeOptions, decode_bytes
from vision.faces import FaceDetector, blur_faces
from vision.results import ImageResult, image_result_from_json, image_result_to_json

EVIDENCE_LONG_SIDE = 1600  # pixels
EVIDENCE_JPEG_QUALITY = 85
MIN_SIDE = 32  # pixels: a photo narrower or lower than this shows nothing an audit can use


class PhotoTooSmallError(Exception):
    """A photo has a side shorter than ``MIN_SIDE`` pixels (e.g. a 1x4000 strip).

    Attributes:
        width: Its width in pixels.
        height: Its height in pixels.

    """

    def __init__(self, width: int, height: int) -> None:
        super().__init__(
            f"The image is {width}x{height} pixels; a photo must be at least {MIN_SIDE} "
            "pixels wide and high."
        )
        self.width = width
        self.height = height


class PhotoChecker(Protocol):
    """The part of the vision pipeline the service uses."""

    def check_image(self, decoded: DecodedImage, name: str) -> ImageResult:
        """Check one decoded photo."""
        ...


@dataclass(frozen=True)
class Models:
    """What the workers share: the detection pipeline, the face detector, model facts.

    Attributes:
        checker: The vision pipeline.
        faces: The face detector used to blur evidence images.
        info: Model package summary (name, version, ...), shown in results and ``/ready``.
        decode: How photos are decoded (reduced JPEG decode, pixel limit).
        class_names: The detector's class names (a detection's class id is its index).

    """

    checker: PhotoChecker
    faces: FaceDetector
    info: dict[str, Any]
    decode: DecodeOptions
    class_names: tuple[str, ...]


@dataclass(frozen=True)
class PhotoAnalysis:
    """The outcome of checking one photo.

    Attributes:
        result: The pipeline's result.
        result_json: Its JSON form (``vision.results.image_result_to_json``).
        phash: 64-bit perceptual hash (``api.rules.integrity.phash``) as 16 hex digits.
        has_exif: Whether the photo carried any EXIF facts.
        taken_at: EXIF capture time (naive local time), if any.
        gps: EXIF ``(latitude, longitude)`` in decimal degrees, if any.

    """

    result: ImageResult
    result_json: dict[str, Any]
    phash: str
    has_exif: bool
    taken_at: dt.datetime | None
    gps: tuple[float, float] | None


def evidence_base(image: npt.NDArray[np.uint8]) -> npt.NDArray[np.uint8]:
    """Return the image evidence is drawn on: shrunk to ``EVIDENCE_LONG_SIDE`` pixels at most.

    Neither side is shrunk below one pixel (a very thin image keeps a side of 1).
    """
    height, width = image.shape[:2]
    long_side = max(height, width)
    if long_side <= EVIDENCE_LONG_SIDE:
        return image
    ratio = EVIDENCE_LONG_SIDE / long_side
    size = (max(1, round(width * ratio)), max(1, round(height * ratio)))
    return np.asarray(cv2.resize(image, size, interpolation=cv2.INTER_AREA), np.uint8)


def render_evidence(
    decoded: DecodedImage, result: ImageResult, faces: FaceDetector
) -> tuple[bytes, int]:
    """Draw the evidence image: faces blurred first, then the detections.

    Returns:
        The JPEG bytes and the number of faces blurred.

    """
    from vision.draw import draw_result

    image = evidence_base(decoded.image)
    found = faces.detect(image)
    private = blur_faces(image, found)
    drawn = draw_result(private, result)
    ok, encoded = cv2.imencode(".jpg", drawn, [cv2.IMWRITE_JPEG_QUALITY, EVIDENCE_JPEG_QUALITY])
    if not ok:
        raise RuntimeError("could not encode the evidence image")
    return encoded.tobytes(), len(found)


def render_stored_evidence(
    models: Models, original: bytes, result_json: dict[str, Any]
) -> tuple[bytes, int]:
    """Draw a stored photo's evidence image from its original and its stored result.

    The original is decoded exactly as for the check, so the image is the one the check saw.

    Args:
        models: The loaded models.
        original: The original upload's bytes.
        result_json: The photo's stored result (``image_result_to_json``).

    Returns:
        The JPEG bytes and the number of faces blurred.

    Raises:
        vision.decode.ImageDecodeError: If the original cannot be decoded.
        ValueError: If the stored result is malformed.

    """
    decoded = decode_bytes(original, models.decode)
    result = image_result_from_json(result_json, models.class_names)
    return render_evidence(decoded, result, models.faces)


def analyse_photo(models: Models, data: bytes, name: str) -> PhotoAnalysis:
    """Decode, check and hash one photo (its evidence image is drawn later).

    Args:
        models: The loaded models.
        data: The uploaded file's bytes.
        name: The upload's file name (shown in results).

    Raises:
        vision.decode.ImageDecodeError: If the bytes are not a usable image.
        PhotoTooSmallError: If a side is shorter than ``MIN_SIDE`` pixels (it is not checked).

    """
    decoded = decode_bytes(data, models.decode)
    if min(decoded.width, decoded.height) < MIN_SIDE:
        raise PhotoTooSmallError(decoded.width, decoded.height)
    result = models.checker.check_image(decoded, Path(name).name)
    exif = decoded.exif
    gps = (
        (exif.latitude, exif.longitude)
        if exif.latitude is not None and exif.longitude is not None
        else None
    )
    return PhotoAnalysis(
        result=result,
        result_json=image_result_to_json(result),
        phash=hash_to_hex(phash(cv2.cvtColor(decoded.image, cv2.COLOR_BGR2GRAY))),
        has_exif=any(
            (exif.captured_at, exif.latitude, exif.make, exif.model, exif.orientation != 1)
        ),
        taken_at=exif.captured_at,
        gps=gps,
    )
