import pytest

from api.rules import (
    AreaStatus,
    AreaVerdict,
    AuditScore,
    DetectionFinding,
    Grade,
    IndicatorContribution,
    PhotoFinding,
    RulesError,
    apply_override,
    grade_of,
    janji_implementation,
    judge_area,
    load_ruleset,
    score_audit,
)

RS = load_ruleset("SE-2024")


def by_indicator(score: AuditScore) -> dict[str, IndicatorContribution]:
    return {c.indicator: c for c in score.breakdown}


def test_full_score_uses_configured_weights() -> None:
    s = score_audit(RS, sibling=80, kessan=70, janji=60)
    assert s.total == pytest.approx(0.35 * 80 + 0.30 * 70 + 0.35 * 60)  # 70.0
    assert s.grade is Grade.NEEDS_IMPROVEMENT
    assert not s.renormalised and s.missing == () and s.notes == ()
    parts = by_indicator(s)
    assert parts["kessan"].weight == parts["kessan"].effective_weight == 0.30
    assert parts["kessan"].contribution == pytest.approx(21.0)
    assert sum(c.contribution or 0.0 for c in s.breakdown) == pytest.approx(s.total)


def test_missing_kessan_renormalises_weights_and_says_so() -> None:
    s = score_audit(RS, sibling=90, kessan=None, janji=60)
    assert s.renormalised and s.missing == ("kessan",)
    parts = by_indicator(s)
    assert parts["sibling"].effective_weight == pytest.approx(0.5)
    assert parts["janji"].effective_weight == pytest.approx(0.5)
    assert parts["kessan"].effective_weight == 0 and parts["kessan"].contribution is None
    assert s.total == pytest.approx(75.0)
    assert [n.code for n in s.notes] == ["missing_kessan"]
    assert "KESSAN" in s.notes[0].text_en


def test_only_one_indicator_takes_all_weight() -> None:
    s = score_audit(RS, sibling=None, kessan=None, janji=40)
    assert s.total == 40.0 and s.grade is Grade.BAD
    assert by_indicator(s)["janji"].effective_weight == pytest.approx(1.0)


def test_no_indicator_gives_no_total() -> None:
    s = score_audit(RS, None, None, None)
    assert s.total is None and s.grade is None and not s.renormalised
    assert s.notes[-1].code == "no_indicators"


@pytest.mark.parametrize(
    ("total", "grade"),
    [
        (100, Grade.GOOD),
        (80, Grade.GOOD),
        (79.99, Grade.NEEDS_IMPROVEMENT),
        (60, Grade.NEEDS_IMPROVEMENT),
        (59.99, Grade.BAD),
        (0, Grade.BAD),
    ],
)
def test_grade_thresholds(total: float, grade: Grade) -> None:
    assert grade_of(RS, total) is grade


def test_equal_values_hit_the_threshold_exactly() -> None:
    # 0.35*80 + 0.30*80 + 0.35*80 is 79.99999999999999 in floating point: rounded to 80.
    assert score_audit(RS, 80, 80, 80).grade is Grade.GOOD


@pytest.mark.parametrize("bad", [-1, 100.5, float("nan")])
def test_values_outside_percent_are_rejected(bad: float) -> None:
    with pytest.raises(RulesError, match="sibling must be a percent"):
        score_audit(RS, bad, 50, 50)


def verdict(area: str, status: AreaStatus) -> AreaVerdict:
    photos = {
        AreaStatus.COMPLIANT: [
            PhotoFinding(
                detections=(DetectionFinding(label="janji_poster", confidence=0.9, accepted=True),)
            )
        ],
        AreaStatus.MISSING: [PhotoFinding()],
    }[status]
    return judge_area(RS, area, photos)


def test_janji_implementation_credits_and_unjudged_areas() -> None:
    verdicts = [
        verdict("registration", AreaStatus.COMPLIANT),
        verdict("outpatient_waiting", AreaStatus.COMPLIANT),
        judge_area(
            RS,
            "pharmacy_waiting",
            [
                PhotoFinding(
                    detections=(
                        DetectionFinding(label="janji_poster", confidence=0.9, accepted=True),
                    )
                )
            ],
            floor_area_m2=100,
        ),
        verdict("diagnostic_waiting", AreaStatus.MISSING),
    ]
    j = janji_implementation(RS, verdicts)
    # 1 + 1 + 0.5 (not enough media) + 0 + 0 (information_complaints has no verdict) = 2.5 / 5
    assert j.percent == 50.0
    assert j.unjudged_areas == ("information_complaints",)
    assert {a.area_id: a.status for a in j.areas}["pharmacy_waiting"] is AreaStatus.NOT_ENOUGH_MEDIA


def test_janji_implementation_honours_overrides_and_area_subset() -> None:
    missing = verdict("registration", AreaStatus.MISSING)
    assert janji_implementation(RS, [missing], area_ids=["registration"]).percent == 0.0
    fixed = apply_override(missing, "compliant", "Poster behind the door, seen on site")
    assert janji_implementation(RS, [fixed], area_ids=["registration"]).percent == 100.0


def test_janji_implementation_rejects_duplicates_and_unknown_areas() -> None:
    v = verdict("registration", AreaStatus.COMPLIANT)
    with pytest.raises(RulesError, match="two verdicts for area 'registration'"):
        janji_implementation(RS, [v, v])
    with pytest.raises(RulesError, match="unknown area 'lobby'"):
        janji_implementation(RS, [], area_ids=["lobby"])
    with pytest.raises(RulesError, match="at least one area"):
        janji_implementation(RS, [], area_ids=[])
