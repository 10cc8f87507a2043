"""One label per physical sign (vision.overlaps)."""

from __future__ import annotations

import numpy as np
import pytest

from vision.overlaps import one_label_per_sign

SIGN = [100.0, 100.0, 300.0, 400.0]
SAME_SIGN = [104.0, 98.0, 302.0, 405.0]
ELSEWHERE = [500.0, 100.0, 700.0, 400.0]


def boxes(*rows: list[float]) -> np.ndarray:
    return np.array(rows, dtype=np.float32)


def test_accepted_janji_wins_over_a_more_confident_other_sign() -> None:
    kept = one_label_per_sign(
        boxes(SAME_SIGN, SIGN), np.array([0.8, 0.4], np.float32), [False, True], [True, True], 0.7
    )
    assert kept.tolist() == [1]


def test_a_candidate_whose_text_was_read_wins_over_an_unread_box() -> None:
    # e.g. a janji_poster rejected as "Hak dan Kewajiban" over the same sheet as other_sign
    conf = np.array([0.5, 0.3], np.float32)
    kept = one_label_per_sign(boxes(SIGN, SAME_SIGN), conf, [False, False], [False, True], 0.7)
    assert kept.tolist() == [1]


def test_without_accepted_or_read_boxes_the_most_confident_stays() -> None:
    kept = one_label_per_sign(
        boxes(SIGN, SAME_SIGN), np.array([0.6, 0.5], np.float32), [False] * 2, [False] * 2, 0.7
    )
    assert kept.tolist() == [0]


def test_separate_signs_and_original_order_are_kept() -> None:
    kept = one_label_per_sign(
        boxes(ELSEWHERE, SIGN, SAME_SIGN),
        np.array([0.9, 0.5, 0.4], np.float32),
        [False, False, True],
        [False, False, True],
        0.7,
    )
    assert kept.tolist() == [0, 2]


def test_partial_overlap_is_two_signs() -> None:
    half = [200.0, 100.0, 400.0, 400.0]  # IoU 1/3 with SIGN
    conf = np.array([0.6, 0.5], np.float32)
    kept = one_label_per_sign(boxes(SIGN, half), conf, [False] * 2, [False] * 2, 0.7)
    assert kept.tolist() == [0, 1]


def test_empty_and_bad_input() -> None:
    none = np.zeros(0, np.float32)
    empty = one_label_per_sign(np.zeros((0, 4), np.float32), none, [], [], 0.7)
    assert empty.tolist() == []
    with pytest.raises(ValueError, match="iou"):
        one_label_per_sign(boxes(SIGN), np.array([0.5], np.float32), [True], [True], 1.5)
    with pytest.raises(ValueError, match="accepted flags"):
        one_label_per_sign(boxes(SIGN), np.array([0.5], np.float32), [], [], 0.7)
