from datetime import date

import pytest

from api.rules import (
    AreaStatus,
    AreaVerdict,
    CommitmentStatus,
    DetectionFinding,
    PhotoFinding,
    PhotoQualityIssue,
    ReviewedVerdict,
    RulesError,
    apply_override,
    check_commitments,
    commitment_status,
    commitments_from_verdicts,
    judge_area,
    load_ruleset,
)

RS = load_ruleset("SE-2024")
POSTER = PhotoFinding(
    detections=(DetectionFinding(label="janji_poster", confidence=0.9, accepted=True),)
)
SPANDUK = PhotoFinding(
    detections=(DetectionFinding(label="janji_spanduk", confidence=0.9, accepted=True),)
)
BLURRED = PhotoFinding(quality_issues=(PhotoQualityIssue(code="blurry"),))
VISIT = date(2024, 3, 1)


def first_audit() -> list[AreaVerdict]:
    return [
        judge_area(RS, "registration", [POSTER]),
        judge_area(RS, "pharmacy_waiting", [SPANDUK]),
        judge_area(RS, "diagnostic_waiting", [BLURRED]),
        judge_area(RS, "information_complaints", [PhotoFinding()]),
    ]


def test_non_compliant_areas_become_commitments_with_due_dates() -> None:
    commitments = commitments_from_verdicts(RS, "F1", "A1", first_audit(), VISIT)
    assert [(c.area_id, c.finding_status, c.severity, c.due_on) for c in commitments] == [
        ("pharmacy_waiting", AreaStatus.WRONG_MEDIA, 2, date(2024, 3, 31)),
        ("diagnostic_waiting", AreaStatus.UNVERIFIABLE, 1, date(2024, 3, 15)),
        ("information_complaints", AreaStatus.MISSING, 3, date(2024, 3, 31)),
    ]
    assert commitments[0].key == "A1/pharmacy_waiting"
    assert commitments[0].actions[0].code == "use_allowed_media"
    assert commitments[1].actions[0].code == "quality_blurry"


def test_overrides_decide_what_becomes_a_commitment() -> None:
    verdicts: list[AreaVerdict | ReviewedVerdict] = list(first_audit())
    verdicts[1] = apply_override(verdicts[1], "compliant", "Poster on the pillar, seen on site")
    verdicts[0] = apply_override(verdicts[0], "not_enough_media", "Second poster torn down")
    commitments = commitments_from_verdicts(RS, "F1", "A1", verdicts, VISIT)
    assert [c.area_id for c in commitments] == [
        "registration",
        "diagnostic_waiting",
        "information_complaints",
    ]
    # The derived verdict had no advice for the overridden status: a generic action is given.
    assert commitments[0].actions[0].code == "make_area_compliant"
    assert "registration area" in commitments[0].actions[0].text_en


def test_next_visit_closes_fixed_areas_and_marks_the_rest() -> None:
    commitments = commitments_from_verdicts(RS, "F1", "A1", first_audit(), VISIT)
    next_visit = [
        judge_area(RS, "pharmacy_waiting", [POSTER]),  # fixed
        judge_area(RS, "diagnostic_waiting", [BLURRED]),  # still not verifiable
    ]
    early = check_commitments(commitments, next_visit, date(2024, 3, 10))
    assert [c.status for c in early] == [
        CommitmentStatus.CLOSED,
        CommitmentStatus.OPEN,
        CommitmentStatus.OPEN,
    ]
    assert early[2].message.code == "commitment_not_checked"
    late = check_commitments(commitments, next_visit, date(2024, 4, 1))
    assert [c.status for c in late] == [
        CommitmentStatus.CLOSED,
        CommitmentStatus.OVERDUE,
        CommitmentStatus.OVERDUE,
    ]
    assert late[1].area_status is AreaStatus.UNVERIFIABLE
    assert late[1].message.code == "commitment_overdue"


def test_due_day_itself_is_not_overdue() -> None:
    (c,) = commitments_from_verdicts(RS, "F1", "A1", [judge_area(RS, "registration", [])], VISIT)
    assert commitment_status(c, c.due_on) is CommitmentStatus.OPEN
    assert commitment_status(c, date(2024, 4, 1)) is CommitmentStatus.OVERDUE


def test_bad_inputs_are_clear_errors() -> None:
    v = judge_area(RS, "registration", [])
    with pytest.raises(RulesError, match="two verdicts for area 'registration'"):
        commitments_from_verdicts(RS, "F1", "A1", [v, v], VISIT)
    (c,) = commitments_from_verdicts(RS, "F1", "A1", [v], VISIT)
    with pytest.raises(RulesError, match="before it was made"):
        check_commitments([c], [], date(2024, 2, 1))
