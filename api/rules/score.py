"""The audit score over the three Layanan Prima indicators, and the Janji indicator.

Each indicator is a percent (0-100): SiBLing attitudes (``sibling``), KESSAN (``kessan``) and
Janji Layanan implementation (``janji``). The total is their weighted sum with the rule set's
weights. When an indicator is missing (``None``), the weights of the others are divided by
their sum so they add up to 1 again, and the score says so (``renormalised``, ``missing``,
``notes``). With no indicator at all there is no total and no grade.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict

from api.rules.messages import Message, RulesError
from api.rules.ruleset import AreaStatus, Grade, RuleSet
from api.rules.verdict import AreaVerdict, ReviewedVerdict

Indicator = Literal["sibling", "kessan", "janji"]
INDICATORS: tuple[Indicator, ...] = ("sibling", "kessan", "janji")
INDICATOR_NAMES: dict[Indicator, tuple[str, str]] = {
    "sibling": ("Sikap Layanan Prima (SiBLing)", "Layanan Prima attitudes (SiBLing)"),
    "kessan": ("Kepuasan peserta (KESSAN)", "Participant satisfaction (KESSAN)"),
    "janji": ("Implementasi Janji Layanan JKN", "Janji Layanan JKN implementation"),
}


class IndicatorContribution(BaseModel):
    """One indicator's part of the total.

    Attributes:
        indicator: ``sibling``, ``kessan`` or ``janji``.
        value: The indicator in percent, or ``None`` when missing.
        weight: The weight in the rule set.
        effective_weight: The weight used (renormalised; 0 when missing).
        contribution: Points of the total (``value * effective_weight``), ``None`` when missing.

    """

    model_config = ConfigDict(frozen=True)

    indicator: Indicator
    value: float | None
    weight: float
    effective_weight: float
    contribution: float | None


class AuditScore(BaseModel):
    """An audit score with its breakdown.

    Attributes:
        ruleset_id: The rule set that scored it.
        total: 0-100, rounded to 0.01, or ``None`` when no indicator was given.
        grade: From ``total`` with the rule set's thresholds, or ``None`` without a total.
        breakdown: One entry per indicator, in the order sibling, kessan, janji.
        missing: Indicators that were not given.
        renormalised: Whether weights were renormalised because of missing indicators.
        notes: Plain statements about how the total was formed.

    """

    model_config = ConfigDict(frozen=True)

    ruleset_id: str
    total: float | None
    grade: Grade | None
    breakdown: tuple[IndicatorContribution, ...]
    missing: tuple[Indicator, ...]
    renormalised: bool
    notes: tuple[Message, ...]


def grade_of(ruleset: RuleSet, total: float) -> Grade:
    """Return the grade of a total score in percent (``good``, ``needs_improvement``, ``bad``)."""
    _check_percent("total", total)
    if total >= ruleset.score.good_min:
        return Grade.GOOD
    if total < ruleset.score.bad_below:
        return Grade.BAD
    return Grade.NEEDS_IMPROVEMENT


def score_audit(
    ruleset: RuleSet,
    sibling: float | None,
    kessan: float | None,
    janji: float | None,
) -> AuditScore:
    """Combine the three indicators into a total 0-100 with a breakdown and a grade.

    Args:
        ruleset: The rules (weights and grade thresholds).
        sibling: SiBLing attitudes in percent, or ``None`` when not observed.
        kessan: KESSAN indicator in percent, or ``None`` when there was no feedback.
        janji: Janji implementation in percent, or ``None`` when no area was judged.

    Returns:
        The score; missing indicators renormalise the others' weights, as ``notes`` says.

    Raises:
        RulesError: If a value is outside 0-100 or not finite.

    """
    values: dict[Indicator, float | None] = {"sibling": sibling, "kessan": kessan, "janji": janji}
    for name, value in values.items():
        if value is not None:
            _check_percent(name, value)
    weights = ruleset.score.weights
    present = [k for k in INDICATORS if values[k] is not None and weights[k] > 0]
    missing = tuple(k for k in INDICATORS if values[k] is None)
    weight_sum = sum(weights[k] for k in present)
    renormalised = bool(present) and abs(weight_sum - 1.0) > 1e-9
    breakdown = []
    total = 0.0
    for key in INDICATORS:
        value = values[key]
        if key not in present:
            effective = 0.0
        else:
            effective = weights[key] / weight_sum if renormalised else weights[key]
        contribution = None if value is None else value * effective
        total += contribution or 0.0
        breakdown.append(
            IndicatorContribution(
                indicator=key,
                value=value,
                weight=weights[key],
                effective_weight=effective,
                contribution=contribution,
            )
        )
    notes: list[Message] = []
    for key in missing:
        name_id, name_en = INDICATOR_NAMES[key]
        notes.append(
            Message(
                code=f"missing_{key}",
                text_id=f"Indikator {name_id} tidak ada; bobotnya dibagi ke indikator lain",
                text_en=f"The {name_en} indicator is missing; "
                "its weight was shared among the others",
            )
        )
    if not present:
        notes.append(
            Message(
                code="no_indicators",
                text_id="Tidak ada indikator sehingga skor tidak dapat dihitung",
                text_en="No indicator was given, so there is no score",
            )
        )
        return AuditScore(
            ruleset_id=ruleset.id,
            total=None,
            grade=None,
            breakdown=tuple(breakdown),
            missing=missing,
            renormalised=False,
            notes=tuple(notes),
        )
    total = round(min(100.0, max(0.0, total)), 2)
    return AuditScore(
        ruleset_id=ruleset.id,
        total=total,
        grade=grade_of(ruleset, total),
        breakdown=tuple(breakdown),
        missing=missing,
        renormalised=renormalised,
        notes=tuple(notes),
    )


class AreaCredit(BaseModel):
    """One area's part of the Janji implementation indicator."""

    model_config = ConfigDict(frozen=True)

    area_id: str
    status: AreaStatus
    credit: float
    judged: bool


class JanjiImplementation(BaseModel):
    """The Janji Layanan implementation indicator of one audit.

    Attributes:
        percent: Mean credit of the areas, in percent.
        areas: Each area's status (the override's when overridden) and credit.
        unjudged_areas: Expected areas with no verdict; they count as ``missing``.

    """

    model_config = ConfigDict(frozen=True)

    percent: float
    areas: tuple[AreaCredit, ...]
    unjudged_areas: tuple[str, ...]


def janji_implementation(
    ruleset: RuleSet,
    verdicts: Sequence[AreaVerdict | ReviewedVerdict],
    area_ids: Sequence[str] | None = None,
) -> JanjiImplementation:
    """Turn area verdicts into the Janji implementation indicator.

    Each expected area earns ``area_status_credit[status]`` (compliant 1, not enough media
    0.5 by default); an expected area without a verdict counts as ``missing``. The
    indicator is the mean credit in percent.

    Args:
        ruleset: The rules.
        verdicts: One verdict per judged area; overrides are honoured.
        area_ids: The areas this facility must show; default every area of the rule set.

    Returns:
        The indicator with each area's credit.

    Raises:
        RulesError: For an unknown area, two verdicts for one area, or no expected area.

    """
    expected = list(area_ids) if area_ids is not None else list(ruleset.area_ids)
    for area_id in expected:
        ruleset.area(area_id)
    if not expected:
        raise RulesError("janji_implementation needs at least one area")
    by_area: dict[str, AreaStatus] = {}
    for verdict in verdicts:
        area_id = verdict.area_id
        ruleset.area(area_id)
        if area_id in by_area:
            raise RulesError(f"two verdicts for area {area_id!r}")
        by_area[area_id] = verdict.status
    for area_id in by_area:
        if area_id not in expected:
            expected.append(area_id)
    credits = []
    for area_id in expected:
        status = by_area.get(area_id, AreaStatus.MISSING)
        credits.append(
            AreaCredit(
                area_id=area_id,
                status=status,
                credit=ruleset.area_status_credit[status],
                judged=area_id in by_area,
            )
        )
    percent = 100.0 * sum(c.credit for c in credits) / len(credits)
    return JanjiImplementation(
        percent=round(percent, 2),
        areas=tuple(credits),
        unjudged_areas=tuple(c.area_id for c in credits if not c.judged),
    )


def _check_percent(name: str, value: float) -> None:
    if not math.isfinite(value) or not 0 <= value <= 100:
        raise RulesError(f"{name} must be a percent in [0, 100], got {value}")
