"""Hand-made cases with known answers for training/metrics.py."""

from __future__ import annotations

import math

import numpy as np
import pytest

from training.metrics import (
    ImageBoxes,
    ThresholdPoint,
    ap_summary,
    area_percent,
    average_precision,
    best_threshold,
    dataset_ap,
    iou_matrix,
    lookalike_accepts,
    match_greedy,
    miss_reasons,
    objects_hit,
    presence,
    presence_sweep,
    size_bucket,
    threshold_grid,
)

SQUARE: list[float] = [0.0, 0.0, 10.0, 10.0]


def test_iou_matrix_known_values() -> None:
    others = [SQUARE, [5.0, 0, 15, 10], [20.0, 20, 30, 30], [0.0, 0, 10, 5]]
    ious = iou_matrix([SQUARE], others)
    assert ious.shape == (1, 4)
    assert ious[0] == pytest.approx([1.0, 50 / 150, 0.0, 0.5])


def test_iou_of_degenerate_boxes_is_zero() -> None:
    assert iou_matrix([[0, 0, 0, 0]], [[0, 0, 0, 0]])[0, 0] == 0.0


def test_greedy_matching_gives_duplicate_to_nobody() -> None:
    pred = [SQUARE, [0.5, 0, 10.5, 10]]
    pred_hit, gt_hit = match_greedy(pred, [0.6, 0.9], [SQUARE], 0.5)
    # the higher-scored duplicate takes the object, the other is a false positive
    assert pred_hit.tolist() == [False, True]
    assert gt_hit.tolist() == [True]


def test_greedy_matching_respects_threshold() -> None:
    pred_hit, gt_hit = match_greedy([[0, 0, 10, 4]], [0.9], [SQUARE], 0.5)
    assert not pred_hit.any() and not gt_hit.any()


def test_perfect_detections_give_ap_one() -> None:
    images = [ImageBoxes(np.array([SQUARE]), np.array([SQUARE]), np.array([0.8]))] * 3
    summary = ap_summary(images)
    assert summary.ap50 == pytest.approx(1.0)
    assert summary.ap50_95 == pytest.approx(1.0)
    assert summary.n_gt == 3


def test_false_positive_ranked_first_halves_precision() -> None:
    # one object; a false positive at 0.9 then the true positive at 0.8:
    # precision is 0.5 at every recall level, so AP = 0.5
    assert average_precision([False, True], [0.9, 0.8], n_gt=1) == pytest.approx(0.5)


def test_false_positive_ranked_last_costs_nothing() -> None:
    assert average_precision([True, False], [0.9, 0.1], n_gt=1) == pytest.approx(1.0)


def test_half_recall_gives_51_of_101_points() -> None:
    # two objects, only one found with precision 1: recall points 0.00..0.50 score 1
    assert average_precision([True], [0.9], n_gt=2) == pytest.approx(51 / 101)


def test_no_ground_truth_is_nan_and_no_detections_is_zero() -> None:
    assert math.isnan(average_precision([True], [0.5], n_gt=0))
    assert average_precision([], [], n_gt=3) == 0.0
    assert math.isnan(dataset_ap([], 0.5))


def test_ap50_95_counts_thresholds_passed() -> None:
    # IoU 0.72: a match at 0.50, 0.55, 0.60, 0.65, 0.70 (5 of 10 thresholds)
    image = ImageBoxes(np.array([SQUARE]), np.array([[0, 0, 10, 7.2]]), np.array([0.9]))
    summary = ap_summary([image])
    assert summary.ap50 == pytest.approx(1.0)
    assert summary.ap50_95 == pytest.approx(0.5)


def test_ranking_is_across_images() -> None:
    # image A: TP at 0.9; image B: FP at 0.95 and TP at 0.3. Ranked: FP, TP, TP
    # precision 0, 1/2, 2/3 at recall 0, 1/2, 1 -> envelope 2/3 everywhere
    a = ImageBoxes(np.array([SQUARE]), np.array([SQUARE]), np.array([0.9]))
    b = ImageBoxes(
        np.array([[20, 20, 30, 30]]),
        np.array([[50, 50, 60, 60], [20, 20, 30, 30]]),
        np.array([0.95, 0.3]),
    )
    assert dataset_ap([a, b], 0.5) == pytest.approx(2 / 3)


def test_presence_counts() -> None:
    result = presence([True, True, False, False, True], [True, False, True, False, True])
    assert (result.tp, result.fp, result.fn, result.tn) == (2, 1, 1, 1)
    assert result.precision == pytest.approx(2 / 3)
    assert result.recall == pytest.approx(2 / 3)
    assert result.f1 == pytest.approx(2 / 3)


def test_presence_undefined_and_mismatched() -> None:
    assert math.isnan(presence([False], [False]).f1)
    with pytest.raises(ValueError, match="presence"):
        presence([True], [True, False])


def test_lookalike_accepts_need_overlap() -> None:
    lookalikes = [SQUARE, [100.0, 100, 120, 120]]
    accepted = lookalike_accepts(lookalikes, [[0, 0, 10, 9]])
    assert accepted.tolist() == [True, False]
    assert lookalike_accepts(lookalikes, np.zeros((0, 4))).tolist() == [False, False]


def test_objects_hit_one_to_one() -> None:
    gt = [SQUARE, [0.5, 0, 10.5, 10]]
    # a single detection can find only one of two overlapping objects
    assert objects_hit(gt, [SQUARE], [0.9]).sum() == 1


def test_area_percent_and_buckets() -> None:
    shares = area_percent([[0, 0, 10, 10], [0, 0, 50, 40]], width=100, height=100)
    assert shares == pytest.approx([1.0, 20.0])
    assert [size_bucket(s) for s in (0.5, 2.0, 4.99, 5.0, 15.0, 80.0)] == [
        "<2%",
        "2-5%",
        "2-5%",
        "5-15%",
        ">15%",
        ">15%",
    ]


def test_threshold_grid_from_the_candidate_threshold() -> None:
    assert threshold_grid(0.25) == (
        0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95
    )  # fmt: skip
    assert threshold_grid(0.5, 0.6, 0.05) == (0.5, 0.55, 0.6)
    assert threshold_grid(0.97) == (0.97,)
    with pytest.raises(ValueError):
        threshold_grid(0.2, step=0)
    with pytest.raises(ValueError):
        threshold_grid(1.5)


def test_presence_sweep_known_counts() -> None:
    # 3 Janji photos (best 0.9, 0.6, 0.3) and 2 without (best 0.5 from a lookalike, 0 = none)
    truth = [True, True, True, False, False]
    best = [0.9, 0.6, 0.3, 0.5, 0.0]
    points = presence_sweep(truth, best, [0.25, 0.5, 0.55, 0.95])
    counts = [(p.threshold, p.presence.tp, p.presence.fp, p.presence.fn) for p in points]
    assert counts == [(0.25, 3, 1, 0), (0.5, 2, 1, 1), (0.55, 2, 0, 1), (0.95, 0, 0, 3)]
    assert points[0].presence.f1 == pytest.approx(6 / 7)  # P 3/4, R 1
    assert points[2].presence.f1 == pytest.approx(0.8)  # P 1, R 2/3
    assert math.isnan(points[3].presence.f1)  # nothing called present
    assert points[1].presence.tn == 1
    # inclusive: a best score equal to the threshold counts
    assert presence_sweep([True], [0.5], [0.5])[0].presence.tp == 1
    with pytest.raises(ValueError):
        presence_sweep([True, False], [0.5], [0.5])


def test_best_threshold_max_f1_ties_go_higher_and_nan_ranks_last() -> None:
    truth = [True, True, True, False, False]
    best = [0.9, 0.6, 0.3, 0.5, 0.0]
    chosen = best_threshold(presence_sweep(truth, best, [0.25, 0.5, 0.55, 0.95]))
    assert chosen.threshold == 0.25  # F1 6/7 beats 0.8
    # 0.55 and 0.6 give the same counts (no score between them): the higher one wins
    tie = best_threshold(presence_sweep([True, False], [0.7, 0.5], [0.55, 0.6, 0.75]))
    assert tie.threshold == 0.6 and tie.presence.f1 == 1.0
    nothing = best_threshold(presence_sweep([True], [0.0], [0.3, 0.4]))
    assert nothing.threshold == 0.4  # all F1 undefined: the highest threshold
    with pytest.raises(ValueError):
        best_threshold([])
    assert isinstance(chosen, ThresholdPoint)


def test_rejections_carry_to_the_same_sign_and_only_to_janji_boxes() -> None:
    from training.served_outcomes import same_box_rejected

    low = np.array([[0, 0, 100, 140], [0, 0, 100, 141], [300, 0, 400, 100]], np.float64)
    low_classes = np.array([0, 3, 1], np.int64)  # janji_poster, other_sign, janji_banner
    served = np.array([[0, 0, 100, 140], [300, 0, 400, 100]], np.float64)
    # The sign's served box (an other_sign naming a lookalike) was rejected; the other not.
    out = same_box_rejected(low, low_classes, [0, 1, 2], served, np.array([True, False]))
    assert out.tolist() == [True, False, False]
    none = same_box_rejected(low, low_classes, [0, 1, 2], served, np.array([False, False]))
    assert not none.any()


def test_miss_reasons_name_what_covered_each_missed_object() -> None:
    gt = [[0, 0, 10, 10], [20, 0, 30, 10], [40, 0, 50, 10], [60, 0, 70, 10], [80, 0, 90, 10]]
    served = [
        [0, 0, 10, 10],  # Janji, text rejected
        [0, 0, 10, 11],  # Janji too, not rejected: the rejection names the reason
        [20, 0, 30, 10],  # Janji, not rejected, not accepted
        [40, 0, 50, 10],  # other sign
        [61, 0, 90, 10],  # overlaps the fourth and fifth objects below IoU 0.5
        [80, 0, 90, 10],  # Janji over the fifth object, which was found
    ]
    janji = [True, True, True, False, True, True]
    rejected = [True, False, False, False, False, False]
    found = [False, False, False, False, True]
    assert miss_reasons(gt, found, served, janji, rejected) == [
        "rejected_by_text",
        "janji_below_accept",
        "taken_for_other_sign",
        "not_boxed",
        None,
    ]
    assert miss_reasons(gt[:1], [False], np.zeros((0, 4)), [], []) == ["not_boxed"]
    assert miss_reasons(np.zeros((0, 4)), [], served, janji, rejected) == []
