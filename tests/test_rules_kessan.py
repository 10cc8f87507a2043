from datetime import date

import pytest

from api.rules import (
    CareType,
    KessanResponse,
    RulesError,
    kessan_indicator,
    kessan_months,
    load_ruleset,
)

RS = load_ruleset("SE-2024")


def answers(
    n: int,
    stars: int = 5,
    facility: str = "F1",
    day: date = date(2024, 5, 10),
    care: CareType = CareType.OUTPATIENT,
) -> list[KessanResponse]:
    return [KessanResponse(facility_code=facility, stars=stars, visit_date=day, care_type=care)] * n


def test_fewer_than_30_visits_requires_every_visit() -> None:
    (m,) = kessan_months(RS, answers(12), {("F1", "2024-05"): 12})
    assert (m.visits, m.required_minimum, m.minimum_met) == (12, 12, True)
    (m,) = kessan_months(RS, answers(11), {("F1", "2024-05"): 12})
    assert (m.required_minimum, m.minimum_met) == (12, False)


@pytest.mark.parametrize(("visits", "required"), [(0, 0), (29, 29), (30, 30), (31, 30), (900, 30)])
def test_required_minimum_is_min_of_30_and_visits(visits: int, required: int) -> None:
    (m,) = kessan_months(RS, [], {("F1", "2024-05"): visits})
    assert m.required_minimum == required


def test_unknown_visits_require_the_full_minimum() -> None:
    (m,) = kessan_months(RS, answers(29), {})
    assert (m.visits, m.required_minimum, m.minimum_met) == (None, 30, False)


def test_rating_percent_and_coverage_scaled_indicator() -> None:
    responses = answers(10, stars=5) + answers(5, stars=3, care=CareType.INPATIENT)
    (m,) = kessan_months(RS, responses, {("F1", "2024-05"): 100})
    assert (m.respondents, m.outpatient, m.inpatient) == (15, 10, 5)
    assert m.mean_rating == pytest.approx(13 / 3, abs=1e-4)
    assert m.rating_percent == pytest.approx((13 / 3 - 1) / 4 * 100, abs=0.01)  # 83.33
    assert m.indicator == pytest.approx(83.33 * 15 / 30, abs=0.01)  # half the respondents
    full = kessan_months(RS, answers(30, stars=4), {("F1", "2024-05"): 100})[0]
    assert (full.rating_percent, full.indicator) == (75.0, 75.0)


def test_month_with_visits_and_no_answer_scores_zero_without_scaling_none() -> None:
    (m,) = kessan_months(RS, [], {("F1", "2024-05"): 40})
    assert (m.mean_rating, m.rating_percent, m.indicator) == (None, None, 0.0)
    unscaled = RS.model_copy(
        update={"kessan": RS.kessan.model_copy(update={"scale_by_coverage": False})}
    )
    (m,) = kessan_months(unscaled, [], {("F1", "2024-05"): 40})
    assert m.indicator is None
    (m,) = kessan_months(unscaled, answers(3, stars=5), {("F1", "2024-05"): 40})
    assert m.indicator == 100.0


def test_groups_by_facility_and_month_sorted() -> None:
    responses = (
        answers(2, facility="F2", day=date(2024, 6, 1))
        + answers(1, stars=1, facility="F1", day=date(2024, 6, 30))
        + answers(3, facility="F1", day=date(2024, 5, 31))
    )
    months = kessan_months(RS, responses, {("F1", "2024-04"): 0})
    assert [(m.facility_code, m.month, m.respondents) for m in months] == [
        ("F1", "2024-04", 0),
        ("F1", "2024-05", 3),
        ("F1", "2024-06", 1),
        ("F2", "2024-06", 2),
    ]
    f1 = [m for m in months if m.facility_code == "F1"]
    # April has no respondent and none required: no indicator; May 100*3/30, June 0.
    assert [m.indicator for m in f1] == [None, 10.0, 0.0]
    assert kessan_indicator(f1) == 5.0
    assert kessan_indicator(f1[:1]) is None


def test_bad_inputs_are_clear_errors() -> None:
    with pytest.raises(RulesError, match="rating 6 is outside 1-5"):
        kessan_months(RS, answers(1, stars=6), {})
    with pytest.raises(RulesError, match="rating 0 is outside"):
        kessan_months(RS, answers(1, stars=0), {})
    with pytest.raises(RulesError, match="is not YYYY-MM"):
        kessan_months(RS, [], {("F1", "2024-13"): 3})
    with pytest.raises(RulesError, match="is negative"):
        kessan_months(RS, [], {("F1", "2024-01"): -1})
