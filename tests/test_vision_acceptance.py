"""The acceptance rule: which detections count as Janji Layanan evidence."""

from __future__ import annotations

import pytest

from vision.acceptance import AcceptThresholds, accept_detections, is_accepted
from vision.results import NOT_CHECKED, Verification, VerificationStatus

T = AcceptThresholds(accept=0.6, accept_verified=0.4)
S = VerificationStatus


@pytest.mark.parametrize(
    ("is_janji", "confidence", "status", "expected"),
    [
        (True, 0.6, S.NOT_CHECKED, True),  # unread: accept 0.6, inclusive
        (True, 0.5999, S.NOT_CHECKED, False),
        (True, 0.6, S.UNREADABLE, True),
        (True, 0.59, S.UNREADABLE, False),
        (True, 0.4, S.CONFIRMED, True),  # text confirmed: accept_verified 0.4, inclusive
        (True, 0.3999, S.CONFIRMED, False),
        (True, 0.99, S.REJECTED, False),  # rejected never counts
        (False, 0.99, S.NOT_CHECKED, False),  # other_sign never counts
        (False, 0.99, S.CONFIRMED, False),
    ],
)
def test_rule(is_janji: bool, confidence: float, status: S, expected: bool) -> None:
    assert is_accepted(is_janji, confidence, status, T) is expected


def test_accept_detections_keeps_order_and_length() -> None:
    confirmed = Verification(S.CONFIRMED, promises_read=(1, 2))
    rejected = Verification(S.REJECTED, identified_as="hak_kewajiban")
    flags = accept_detections(
        [True, True, False, True, True],
        [0.45, 0.45, 0.9, 0.9, 0.7],
        [confirmed, NOT_CHECKED, NOT_CHECKED, rejected, NOT_CHECKED],
        T,
    )
    assert flags == (True, False, False, False, True)
    assert accept_detections([], [], [], T) == ()
    with pytest.raises(ValueError):
        accept_detections([True], [0.9, 0.8], [NOT_CHECKED], T)


@pytest.mark.parametrize(("accept", "accept_verified"), [(0.4, 0.5), (1.2, 0.5), (0.5, -0.1)])
def test_thresholds_out_of_order_or_range_are_refused(
    accept: float, accept_verified: float
) -> None:
    with pytest.raises(ValueError, match="accept_verified <= accept"):
        AcceptThresholds(accept=accept, accept_verified=accept_verified)
