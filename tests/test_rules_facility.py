from datetime import date

import pytest

from api.rules import (
    Commitment,
    FacilityRef,
    FollowUpCandidate,
    Grade,
    PhotoFinding,
    RulesError,
    ScoredAudit,
    SiblingVisit,
    VisitPlan,
    VisitStatus,
    commitments_from_verdicts,
    contract_review,
    contract_reviews,
    judge_area,
    load_ruleset,
    overdue_facilities,
    prioritise_follow_ups,
    sibling_visit_plans,
)

RS = load_ruleset("SE-2024")


def audits(*grades: Grade | None, facility: str = "F1") -> list[ScoredAudit]:
    return [
        ScoredAudit(
            audit_id=f"A{i}", facility_code=facility, visit_day=date(2024, 1 + i, 1), grade=g
        )
        for i, g in enumerate(grades)
    ]


def test_three_bad_in_a_row_is_flagged_but_two_is_not() -> None:
    two = contract_review(RS, "F1", audits(Grade.GOOD, Grade.BAD, Grade.BAD))
    assert (two.flagged, two.bad_streak, two.message) == (False, 2, None)
    three = contract_review(RS, "F1", audits(Grade.GOOD, Grade.BAD, Grade.BAD, Grade.BAD))
    assert three.flagged and three.bad_streak == 3
    assert three.streak_audit_ids == ("A1", "A2", "A3")
    assert three.message is not None
    assert "contract" in three.message.text_en and "kontrak" in three.message.text_id


def test_streak_must_be_unbroken_and_recent() -> None:
    broken = audits(Grade.BAD, Grade.BAD, Grade.NEEDS_IMPROVEMENT, Grade.BAD)
    assert not contract_review(RS, "F1", broken).flagged
    recovered = audits(Grade.BAD, Grade.BAD, Grade.BAD, Grade.GOOD)
    assert contract_review(RS, "F1", recovered).bad_streak == 0


def test_audits_are_ordered_by_day_and_unscored_ones_skipped() -> None:
    a = audits(Grade.BAD, Grade.BAD, None, Grade.BAD)
    assert contract_review(RS, "F1", list(reversed(a))).flagged
    shuffled = audits(Grade.BAD, Grade.GOOD, Grade.BAD, Grade.BAD)
    # Given newest first, GOOD (Feb) still sits between the January and March results.
    assert not contract_review(RS, "F1", shuffled[::-1]).flagged


def test_review_threshold_comes_from_the_ruleset() -> None:
    strict = RS.model_copy(
        update={"facility": RS.facility.model_copy(update={"consecutive_bad_for_review": 2})}
    )
    assert contract_review(strict, "F1", audits(Grade.BAD, Grade.BAD)).flagged


def test_contract_reviews_per_facility_and_mixed_input_error() -> None:
    mixed = audits(Grade.BAD, Grade.BAD, Grade.BAD) + audits(Grade.BAD, facility="F2")
    reviews = contract_reviews(RS, mixed)
    assert [(r.facility_code, r.flagged) for r in reviews] == [("F1", True), ("F2", False)]
    with pytest.raises(RulesError, match=r"got audits of \['F2'\]"):
        contract_review(RS, "F1", mixed)


FACILITIES = [
    FacilityRef(code="PKM1", facility_type="puskesmas"),
    FacilityRef(code="KLN1", facility_type="klinik"),
    FacilityRef(code="DR1", facility_type="praktik_dokter"),
    FacilityRef(code="RS1", facility_type="rumah_sakit"),
]


def plans(visits: list[SiblingVisit], today: date) -> dict[str, VisitPlan]:
    return {p.facility_code: p for p in sibling_visit_plans(RS, FACILITIES, visits, today)}


def test_visit_minimum_before_and_after_mid_year() -> None:
    visits = [
        SiblingVisit(facility_code="PKM1", visit_day=date(2024, 2, 1)),
        SiblingVisit(facility_code="KLN1", visit_day=date(2023, 11, 20)),
    ]
    march = plans(visits, date(2024, 3, 1))
    assert march["PKM1"].status is VisitStatus.DUE  # 1 of 2, nothing overdue yet
    assert march["PKM1"].required_by_now == 0
    assert march["KLN1"].status is VisitStatus.DUE  # last visit 102 days ago, none this year
    assert march["DR1"].status is VisitStatus.OVERDUE  # never visited
    assert [r.code for r in march["DR1"].reasons] == ["never_visited"]
    assert march["RS1"].status is VisitStatus.NOT_REQUIRED
    july = plans(visits, date(2024, 7, 2))  # day 184 of 366 -> floor(2*184/366) = 1
    assert july["PKM1"].status is VisitStatus.DUE
    assert july["KLN1"].status is VisitStatus.OVERDUE
    assert {r.code for r in july["KLN1"].reasons} == {"long_gap", "behind_yearly_minimum"}
    assert july["KLN1"].days_since_last_visit == 225


def test_two_visits_are_ok_until_the_gap_grows() -> None:
    visits = [
        SiblingVisit(facility_code="PKM1", visit_day=date(2024, 1, 10)),
        SiblingVisit(facility_code="PKM1", visit_day=date(2024, 2, 10)),
        SiblingVisit(facility_code="PKM1", visit_day=date(2025, 1, 1)),  # future: ignored
    ]
    assert plans(visits, date(2024, 8, 11))["PKM1"].status is VisitStatus.OK  # 183 days
    late = plans(visits, date(2024, 8, 12))["PKM1"]  # 184 days > max_gap_days 183
    assert late.status is VisitStatus.OVERDUE and late.visits_this_year == 2
    assert [r.code for r in late.reasons] == ["long_gap"]


def test_year_end_needs_two_visits() -> None:
    visits = [SiblingVisit(facility_code="PKM1", visit_day=date(2024, 10, 1))]
    assert plans(visits, date(2024, 12, 30))["PKM1"].status is VisitStatus.DUE
    dec31 = plans(visits, date(2024, 12, 31))["PKM1"]
    assert (dec31.status, dec31.required_by_now) == (VisitStatus.OVERDUE, 2)


def test_overdue_list_order_and_unknown_type() -> None:
    visits = [
        SiblingVisit(facility_code="KLN1", visit_day=date(2023, 12, 1)),
        SiblingVisit(facility_code="PKM1", visit_day=date(2023, 6, 1)),
    ]
    overdue = overdue_facilities(RS, FACILITIES, visits, date(2024, 8, 1))
    assert [p.facility_code for p in overdue] == ["DR1", "PKM1", "KLN1"]
    with pytest.raises(RulesError, match="unknown facility type 'apotek'"):
        sibling_visit_plans(RS, [FacilityRef(code="X", facility_type="apotek")], [], date.today())


def open_commitments(
    facility: str, visit_day: date, *area_photos: tuple[str, list[PhotoFinding]]
) -> tuple[Commitment, ...]:
    verdicts = [judge_area(RS, area, photos) for area, photos in area_photos]
    return tuple(commitments_from_verdicts(RS, facility, f"A-{facility}", verdicts, visit_day))


def test_follow_ups_open_findings_first_then_severity_age_last_visit() -> None:
    from api.rules import PhotoQualityIssue

    blurred = [PhotoFinding(quality_issues=(PhotoQualityIssue(code="blurry"),))]
    today = date(2024, 6, 1)
    candidates = [
        FollowUpCandidate(facility_code="CLEAN_OLD", last_visit=date(2023, 1, 1)),
        FollowUpCandidate(facility_code="CLEAN_NEVER"),
        FollowUpCandidate(
            facility_code="LOW_OLD",
            open_commitments=open_commitments(
                "LOW_OLD", date(2024, 1, 1), ("registration", blurred)
            ),
            last_visit=date(2024, 1, 1),
        ),
        FollowUpCandidate(
            facility_code="MISSING_NEW",
            open_commitments=open_commitments(
                "MISSING_NEW", date(2024, 5, 10), ("registration", [])
            ),
            last_visit=date(2024, 5, 10),
        ),
        FollowUpCandidate(
            facility_code="MISSING_OLD",
            open_commitments=open_commitments(
                "MISSING_OLD", date(2024, 2, 1), ("registration", [])
            ),
            last_visit=date(2024, 2, 1),
        ),
    ]
    ranked = prioritise_follow_ups(candidates, today)
    assert [r.facility_code for r in ranked] == [
        "MISSING_OLD",
        "MISSING_NEW",
        "LOW_OLD",
        "CLEAN_NEVER",
        "CLEAN_OLD",
    ]
    assert [r.rank for r in ranked] == [1, 2, 3, 4, 5]
    assert (ranked[0].max_severity, ranked[0].overdue_findings, ranked[0].oldest_open_days) == (
        3,
        1,
        121,
    )
    assert ranked[1].overdue_findings == 0


def test_follow_up_bad_inputs() -> None:
    c = open_commitments("F1", date(2024, 1, 1), ("registration", []))
    with pytest.raises(RulesError, match="another facility's commitment"):
        prioritise_follow_ups(
            [FollowUpCandidate(facility_code="F2", open_commitments=c)], date(2024, 2, 1)
        )
    with pytest.raises(RulesError, match="appears twice"):
        prioritise_follow_ups([FollowUpCandidate(facility_code="F2")] * 2, date(2024, 2, 1))
