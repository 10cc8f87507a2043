"""Result types of the detection pipeline and their JSON form (the ``detect --json`` contract)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import numpy as np

from vision.detections import Detections


class VerificationStatus(StrEnum):
    """What reading a candidate's text concluded."""

    CONFIRMED = "confirmed"  # Janji Layanan promises read on the crop
    REJECTED = "rejected"  # readable text that is not Janji Layanan (e.g. a lookalike)
    UNREADABLE = "unreadable"  # too small, blurred or angled to decide from text
    NOT_CHECKED = "not_checked"  # the verification policy skipped this detection


@dataclass(frozen=True)
class Verification:
    """The text check of one detection.

    Attributes:
        status: The conclusion.
        promises_read: 1-based numbers of the Janji promises found in the text, ascending.
        variant: ``"fkrtl"`` (6 hospital promises) or ``"fktp"`` (7 primary-care points) when
            the text tells, else ``None``.
        identified_as: For a rejected candidate whose text names another known poster
            (``"hak_kewajiban"``, ``"alur_pelayanan"``, ``"antrean_online"``,
            ``"care_center_165"``, ``"maklumat_pelayanan"``), that id; else ``None``.
        title_read: Whether a Janji Layanan title (or the FKTP opening sentence) was read.
        seconds: Time spent reading, in seconds.
    """

    status: VerificationStatus
    promises_read: tuple[int, ...] = ()
    variant: str | None = None
    identified_as: str | None = None
    title_read: bool = False
    seconds: float = 0.0

    @property
    def verified(self) -> bool | None:
        """``True`` confirmed, ``False`` rejected, ``None`` when undecided or not checked."""
        if self.status is VerificationStatus.CONFIRMED:
            return True
        if self.status is VerificationStatus.REJECTED:
            return False
        return None


NOT_CHECKED = Verification(VerificationStatus.NOT_CHECKED)


@dataclass(frozen=True)
class QualityIssue:
    """One reason a photo is hard to judge, worded for a person.

    Attributes:
        code: Stable machine id: ``blurry``, ``too_dark``, ``too_bright``, ``glare``,
            ``too_small``.
        message: Plain advice, e.g. "The photo is too dark: turn on the light and retake it."
    """

    code: str
    message: str


@dataclass(frozen=True)
class QualityReport:
    """Image quality measurements and the issues they raise.

    Attributes:
        sharpness: Variance of the Laplacian on a normalized-size grey image (higher = sharper).
        brightness: Mean luminance in percent (0 black, 100 white).
        glare: Share of the image that is blown-out highlights, in percent.
        issues: Problems found; empty when the photo is usable.
    """

    sharpness: float
    brightness: float
    glare: float
    issues: tuple[QualityIssue, ...] = ()

    @property
    def ok(self) -> bool:
        """Whether the photo has no quality issue."""
        return not self.issues


@dataclass(frozen=True)
class ImageResult:
    """Everything the pipeline concluded about one photo.

    Attributes:
        path: Where the photo came from (file path or upload name).
        width: Upright image width in pixels.
        height: Upright image height in pixels.
        quality: The quality report.
        detections: Detections in upright original pixels.
        labels: Class name of each detection, same order as ``detections``.
        verifications: The text check of each detection, same order as ``detections``.
        accepted: Per detection, same order, whether it counts as Janji Layanan evidence:
            a Janji class, not rejected by verification, and confidence at least the model's
            ``accept_verified`` when its text was confirmed, else at least ``accept``
            (``vision.acceptance``). ``janji_present`` is ``any(accepted)``.
        seconds: Wall time for this photo, decoding included, in seconds.
    """

    path: str
    width: int
    height: int
    quality: QualityReport
    detections: Detections
    labels: tuple[str, ...]
    verifications: tuple[Verification, ...]
    accepted: tuple[bool, ...]
    seconds: float = field(default=0.0, compare=False)

    def __post_init__(self) -> None:
        n = len(self.detections)
        if not len(self.labels) == len(self.verifications) == len(self.accepted) == n:
            raise ValueError(
                f"ImageResult: {n} detections but {len(self.labels)} labels, "
                f"{len(self.verifications)} verifications, {len(self.accepted)} accepted flags"
            )

    @property
    def janji_present(self) -> bool:
        """Whether at least one detection counts as Janji Layanan evidence (``any(accepted)``)."""
        return any(self.accepted)


def quality_to_json(quality: QualityReport) -> dict[str, Any]:
    """Return the JSON form of a quality report."""
    return {
        "ok": quality.ok,
        "sharpness": round(quality.sharpness, 2),
        "brightness": round(quality.brightness, 2),
        "glare": round(quality.glare, 2),
        "issues": [{"code": i.code, "message": i.message} for i in quality.issues],
    }


def image_result_to_json(result: ImageResult) -> dict[str, Any]:
    """Return one entry of the ``detect --json`` ``images`` list.

    Boxes are ``[x1, y1, x2, y2]`` in pixels of the upright image, rounded to 0.1 px. Each
    detection's ``variant`` is the poster its text showed (``"fkrtl"``: 6 promises,
    ``"fktp"``: 7 points, ``None`` when the text did not tell); its ``accepted`` tells whether
    it counts as Janji Layanan evidence (see ``ImageResult.accepted``); ``janji_present`` is
    true when any does.
    """
    detections = [
        {
            "label": label,
            "confidence": round(conf, 4),
            "box": [round(float(v), 1) for v in box],
            "verified": verification.verified,
            "promises_read": list(verification.promises_read),
            "verification": verification.status.value,
            "identified_as": verification.identified_as,
            "title_read": verification.title_read,
            "variant": verification.variant,
            "accepted": bool(accepted),
        }
        for (box, conf, _), label, verification, accepted in zip(
            result.detections, result.labels, result.verifications, result.accepted, strict=True
        )
    ]
    return {
        "path": output_text(result.path),
        "width": result.width,
        "height": result.height,
        "quality": quality_to_json(result.quality),
        "detections": detections,
        "janji_present": result.janji_present,
    }


def error_to_json(path: str | os.PathLike[str], message: str) -> dict[str, Any]:
    """Return the ``detect --json`` entry of a photo that could not be read."""
    return {
        "path": output_text(path),
        "error": output_text(message),
        "detections": [],
        "janji_present": None,
    }


def output_text(text: str | os.PathLike[str]) -> str:
    r"""Return a file path (or text naming one) as valid Unicode, safe to print or put in JSON.

    A file name whose bytes are not UTF-8 comes from the OS as a ``str`` holding lone
    surrogates (``b"foto_\xe9.jpg"`` becomes ``"foto_\udce9.jpg"``), which a UTF-8 stream
    refuses and JSON cannot carry. Those bytes are written as backslash escapes instead
    (the text ``foto_\xe9.jpg``); text that is valid Unicode comes back unchanged.

    Args:
        text: A path or a message.

    """
    raw = os.fspath(text)
    try:
        return os.fsencode(raw).decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # surrogates that are not escaped bytes (not from the OS)
        return raw.encode("utf-8", "backslashreplace").decode("utf-8")


def image_result_from_json(data: dict[str, Any], class_names: Sequence[str]) -> ImageResult:
    """Rebuild an ``ImageResult`` from its ``image_result_to_json`` form.

    What JSON does not keep comes back empty: each verification's ``seconds`` and the result's
    ``seconds`` are 0, and ``QualityReport.issues`` keep their codes and messages.

    Args:
        data: One entry as written by ``image_result_to_json`` (boxes in pixels).
        class_names: The model's class names; a detection's class id is its label's index.

    Raises:
        ValueError: If the entry is malformed or names an unknown class.

    """
    ids = {name: i for i, name in enumerate(class_names)}
    try:
        quality = data["quality"]
        entries = list(data["detections"])
        report = QualityReport(
            sharpness=float(quality["sharpness"]),
            brightness=float(quality["brightness"]),
            glare=float(quality["glare"]),
            issues=tuple(
                QualityIssue(str(i["code"]), str(i["message"])) for i in quality["issues"]
            ),
        )
        labels = tuple(str(d["label"]) for d in entries)
        detections = Detections(
            xyxy=np.array([d["box"] for d in entries], np.float32).reshape(-1, 4),
            confidence=np.array([d["confidence"] for d in entries], np.float32),
            class_id=np.array([ids[label] for label in labels], np.int64),
        )
        verifications = tuple(
            Verification(
                status=VerificationStatus(d.get("verification", "not_checked")),
                promises_read=tuple(int(p) for p in d.get("promises_read", ())),
                variant=d.get("variant"),
                identified_as=d.get("identified_as"),
                title_read=bool(d.get("title_read", False)),
            )
            for d in entries
        )
        return ImageResult(
            path=str(data.get("path", "")),
            width=int(data["width"]),
            height=int(data["height"]),
            quality=report,
            detections=detections,
            labels=labels,
            verifications=verifications,
            accepted=tuple(bool(d.get("accepted", False)) for d in entries),
        )
    except (KeyError, TypeError) as exc:
        raise ValueError(f"not an image result: missing or wrong {exc}") from exc
