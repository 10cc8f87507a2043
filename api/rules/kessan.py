"""KESSAN patient feedback: per facility and month, the respondent minimum and the rating.

Per facility and month: ``required = min(respondent_minimum, visits)`` (30 by default, or
every visit when the facility had fewer); the rating is the mean of the stars and its percent
``(mean - min_stars) / (max_stars - min_stars) * 100`` ((mean - 1) / 4 * 100 on 1-5 stars).
The month's KESSAN indicator is the rating percent, times ``min(1, respondents / required)``
when ``kessan.scale_by_coverage`` is on (a month with visits and no answer then scores 0).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from api.rules.messages import RulesError
from api.rules.ruleset import RuleSet

MONTH_PATTERN = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


class CareType(StrEnum):
    """Where the respondent was treated."""

    OUTPATIENT = "outpatient"
    INPATIENT = "inpatient"


class KessanResponse(BaseModel):
    """One patient's feedback.

    Attributes:
        facility_code: The facility.
        stars: The rating, 1-5 stars (the rule set's scale).
        visit_date: The day of the visit rated.
        care_type: ``outpatient`` or ``inpatient``.
        comment: Free text, if any.

    """

    model_config = ConfigDict(frozen=True)

    facility_code: str
    stars: int
    visit_date: date
    care_type: CareType
    comment: str | None = None


class KessanMonth(BaseModel):
    """KESSAN of one facility in one month.

    Attributes:
        facility_code: The facility.
        month: ``YYYY-MM``.
        respondents: Responses that month.
        outpatient: Of which outpatient.
        inpatient: Of which inpatient.
        visits: Visits that month, or ``None`` when unknown.
        required_minimum: ``min(respondent_minimum, visits)``; the minimum itself when
            visits are unknown.
        minimum_met: Whether ``respondents >= required_minimum``.
        mean_rating: Mean stars, or ``None`` without respondents.
        rating_percent: The mean on a 0-100 scale, or ``None``.
        indicator: The month's KESSAN indicator in percent, or ``None`` when nothing can be
            said (no respondent and none required, or no respondent without scaling).

    """

    model_config = ConfigDict(frozen=True)

    facility_code: str
    month: str
    respondents: int
    outpatient: int
    inpatient: int
    visits: int | None
    required_minimum: int
    minimum_met: bool
    mean_rating: float | None
    rating_percent: float | None
    indicator: float | None


def month_of(day: date) -> str:
    """Return the ``YYYY-MM`` month of a date."""
    return f"{day.year:04d}-{day.month:02d}"


def kessan_months(
    ruleset: RuleSet,
    responses: Sequence[KessanResponse],
    visits: Mapping[tuple[str, str], int],
) -> list[KessanMonth]:
    """Summarise KESSAN per facility and month.

    Args:
        ruleset: The rules (respondent minimum, star scale, coverage scaling).
        responses: The feedback.
        visits: ``(facility_code, "YYYY-MM")`` to the number of visits that month.

    Returns:
        One entry per facility and month that has responses or a visit count, sorted by
        facility code then month.

    Raises:
        RulesError: For stars outside the scale, a malformed month or negative visits.

    """
    rule = ruleset.kessan
    for (facility, month), count in visits.items():
        if not MONTH_PATTERN.match(month):
            raise RulesError(f"visit count for {facility!r}: month {month!r} is not YYYY-MM")
        if count < 0:
            raise RulesError(f"visit count for {facility!r} {month}: {count} is negative")
    groups: dict[tuple[str, str], list[KessanResponse]] = {key: [] for key in visits}
    for response in responses:
        if not rule.min_stars <= response.stars <= rule.max_stars:
            raise RulesError(
                f"KESSAN rating {response.stars} is outside {rule.min_stars}-{rule.max_stars} stars"
            )
        groups.setdefault((response.facility_code, month_of(response.visit_date)), []).append(
            response
        )
    return [
        _month(ruleset, facility, month, groups[(facility, month)], visits.get((facility, month)))
        for facility, month in sorted(groups)
    ]


def _month(
    ruleset: RuleSet,
    facility: str,
    month: str,
    responses: list[KessanResponse],
    visits: int | None,
) -> KessanMonth:
    rule = ruleset.kessan
    count = len(responses)
    required = rule.respondent_minimum if visits is None else min(rule.respondent_minimum, visits)
    mean = sum(r.stars for r in responses) / count if count else None
    percent = (
        100.0 * (mean - rule.min_stars) / (rule.max_stars - rule.min_stars)
        if mean is not None
        else None
    )
    indicator: float | None
    if not rule.scale_by_coverage or required == 0:
        indicator = percent
    else:
        indicator = (percent or 0.0) * min(1.0, count / required)
    return KessanMonth(
        facility_code=facility,
        month=month,
        respondents=count,
        outpatient=sum(r.care_type is CareType.OUTPATIENT for r in responses),
        inpatient=sum(r.care_type is CareType.INPATIENT for r in responses),
        visits=visits,
        required_minimum=required,
        minimum_met=count >= required,
        mean_rating=None if mean is None else round(mean, 4),
        rating_percent=None if percent is None else round(percent, 2),
        indicator=None if indicator is None else round(indicator, 2),
    )


def kessan_indicator(months: Sequence[KessanMonth]) -> float | None:
    """Return the KESSAN indicator of a period: the mean of its months' indicators.

    Args:
        months: The months of the period (e.g. the three before an audit), one facility.

    Returns:
        Percent 0-100, or ``None`` when no month has an indicator.

    """
    values = [m.indicator for m in months if m.indicator is not None]
    return round(sum(values) / len(values), 2) if values else None
