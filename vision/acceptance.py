"""Which detections count as Janji Layanan evidence: the one decision rule, pure.

A detection is *accepted* (counts as Janji Layanan evidence) when all hold:

- its class is a Janji class (``janji_poster``, ``janji_banner``, ``janji_spanduk``);
- verification did not reject it (status is not ``REJECTED``);
- its confidence is at least ``accept_verified`` when its text confirmed Janji Layanan
  (``CONFIRMED``), else at least ``accept`` (text unread, unreadable or not checked).

The two thresholds belong to the model package (calibrated per model version); the pipeline
applies this rule and every consumer (``janji_present``, area verdicts, evaluation) reads its
result instead of comparing confidences itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from vision.results import Verification, VerificationStatus


@dataclass(frozen=True)
class AcceptThresholds:
    """The confidences at which a Janji detection counts.

    Attributes:
        accept: Confidence in ``[0, 1]`` for a detection whose text was not confirmed
            (unread, unreadable or not checked).
        accept_verified: Confidence in ``[0, accept]`` for a detection whose text confirmed
            Janji Layanan.

    """

    accept: float
    accept_verified: float

    def __post_init__(self) -> None:
        if not 0 <= self.accept_verified <= self.accept <= 1:
            raise ValueError(
                "acceptance thresholds must satisfy 0 <= accept_verified <= accept <= 1, got "
                f"accept {self.accept}, accept_verified {self.accept_verified}"
            )


def is_accepted(
    is_janji: bool, confidence: float, status: VerificationStatus, thresholds: AcceptThresholds
) -> bool:
    """Return whether one detection counts as Janji Layanan evidence (rule in module docs).

    Args:
        is_janji: Whether the detection's class is a Janji class.
        confidence: Detector confidence in ``[0, 1]``.
        status: What verification concluded about the detection.
        thresholds: The model's acceptance thresholds.

    """
    if not is_janji or status is VerificationStatus.REJECTED:
        return False
    if status is VerificationStatus.CONFIRMED:
        return confidence >= thresholds.accept_verified
    return confidence >= thresholds.accept


def accept_detections(
    janji: Iterable[bool],
    confidences: Iterable[float],
    verifications: Iterable[Verification],
    thresholds: AcceptThresholds,
) -> tuple[bool, ...]:
    """Return, per detection, whether it counts as Janji Layanan evidence.

    Args:
        janji: Per detection, whether its class is a Janji class.
        confidences: Per detection, the detector confidence in ``[0, 1]``.
        verifications: Per detection, its text check.
        thresholds: The model's acceptance thresholds.

    Raises:
        ValueError: If the three sequences differ in length.

    """
    return tuple(
        is_accepted(j, float(c), v.status, thresholds)
        for j, c, v in zip(janji, confidences, verifications, strict=True)
    )
