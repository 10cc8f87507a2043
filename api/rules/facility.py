"""Facility-level rules: contract review, overdue SiBLing visits, follow-up priority.

- **Contract review**: a facility whose most recent ``facility.consecutive_bad_for_review``
  scored audits (3 by default) are all graded ``bad`` is flagged. Audits without a score are
  skipped; a better grade ends the streak.
- **Overdue SiBLing visits** (facility levels in ``facility.sibling_levels``, FKTP by
  default): overdue when it never had a visit, had none in the last ``facility.max_gap_days``
  days (about six months), or had fewer visits this calendar year than the share of
  ``facility.min_visits_per_year`` already due, ``floor(min_visits x days elapsed / days in
  year)`` (for 2 a year: 0 until mid-year, 1 from 2 July, 2 on 31 December). Not overdue but
  below the yearly minimum is ``due``; otherwise ``ok``.
- **Follow-up priority**: facilities with open findings first; among them the highest
  severity first, then the oldest open finding, then the longest since the last visit (never
  visited first); facility code breaks ties.
"""

from __future__ import annotations

from calendar import isleap
from collections.abc import Sequence
from datetime import date
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict

from api.rules.commitments import Commitment, CommitmentStatus, commitment_status
from api.rules.messages import Message, RulesError
from api.rules.ruleset import Grade, RuleSet


class ScoredAudit(BaseModel):
    """One audit's result, for the contract-review rule.

    Attributes:
        audit_id: The audit.
        facility_code: The facility.
        visit_day: The day of the visit.
        total: The score 0-100, or ``None`` when it had none.
        grade: The grade, or ``None`` when it had no score.

    """

    model_config = ConfigDict(frozen=True)

    audit_id: str
    facility_code: str
    visit_day: date
    total: float | None = None
    grade: Grade | None = None


class ContractReview(BaseModel):
    """Whether a facility is flagged for contract review.

    Attributes:
        facility_code: The facility.
        flagged: Whether its most recent scored results are bad often enough in a row.
        bad_streak: Bad results in a row, counted back from the most recent scored audit.
        required_streak: The streak that flags (``consecutive_bad_for_review``).
        streak_audit_ids: The audits of the current bad streak, oldest first.
        message: The explanation when flagged, else ``None``.

    """

    model_config = ConfigDict(frozen=True)

    facility_code: str
    flagged: bool
    bad_streak: int
    required_streak: int
    streak_audit_ids: tuple[str, ...]
    message: Message | None


def contract_review(
    ruleset: RuleSet, facility_code: str, audits: Sequence[ScoredAudit]
) -> ContractReview:
    """Decide whether one facility is flagged for contract review.

    Args:
        ruleset: The rules (``facility.consecutive_bad_for_review``).
        facility_code: The facility.
        audits: Its audits in any order; they are ordered by visit day (stable, so audits
            of one day keep their given order).

    Returns:
        The decision with the current bad streak.

    Raises:
        RulesError: If an audit belongs to another facility.

    """
    others = sorted({a.facility_code for a in audits} - {facility_code})
    if others:
        raise RulesError(f"contract review of {facility_code!r} got audits of {others}")
    scored = [a for a in sorted(audits, key=lambda a: a.visit_day) if a.grade is not None]
    streak: list[str] = []
    for audit in reversed(scored):
        if audit.grade is not Grade.BAD:
            break
        streak.append(audit.audit_id)
    required = ruleset.facility.consecutive_bad_for_review
    flagged = len(streak) >= required
    message = None
    if flagged:
        message = Message(
            code="contract_review",
            text_id=f"Hasil buruk {len(streak)} kali berturut-turut: fasilitas perlu "
            "ditinjau kontraknya",
            text_en=f"Bad results {len(streak)} times in a row: the facility's contract needs "
            "review",
        )
    return ContractReview(
        facility_code=facility_code,
        flagged=flagged,
        bad_streak=len(streak),
        required_streak=required,
        streak_audit_ids=tuple(reversed(streak)),
        message=message,
    )


def contract_reviews(ruleset: RuleSet, audits: Sequence[ScoredAudit]) -> list[ContractReview]:
    """Apply ``contract_review`` to every facility in ``audits``, sorted by facility code."""
    codes = sorted({a.facility_code for a in audits})
    return [
        contract_review(ruleset, code, [a for a in audits if a.facility_code == code])
        for code in codes
    ]


class FacilityRef(BaseModel):
    """A facility as the rules need it.

    Attributes:
        code: The facility code.
        facility_type: ``puskesmas``, ``klinik``, ``praktik_dokter`` or ``rumah_sakit`` (the
            rule set's ``facility.types``).

    """

    model_config = ConfigDict(frozen=True)

    code: str
    facility_type: str


class SiblingVisit(BaseModel):
    """A SiBLing visit that took place (a submitted or closed audit)."""

    model_config = ConfigDict(frozen=True)

    facility_code: str
    visit_day: date


class VisitStatus(StrEnum):
    """A facility's standing against the yearly SiBLing visit minimum."""

    OVERDUE = "overdue"
    DUE = "due"
    OK = "ok"
    NOT_REQUIRED = "not_required"


class VisitPlan(BaseModel):
    """A facility's SiBLing visits against the yearly minimum.

    Attributes:
        facility_code: The facility.
        level: ``fktp`` or ``fkrtl``.
        status: ``overdue``, ``due``, ``ok`` or ``not_required`` (level not concerned).
        visits_this_year: Visits from 1 January up to ``today``.
        required_per_year: The yearly minimum.
        required_by_now: The share of it already due.
        last_visit: The most recent visit up to ``today``, or ``None``.
        days_since_last_visit: Days from it to ``today``, or ``None``.
        reasons: Why it is overdue or due.

    """

    model_config = ConfigDict(frozen=True)

    facility_code: str
    level: Literal["fktp", "fkrtl"]
    status: VisitStatus
    visits_this_year: int
    required_per_year: int
    required_by_now: int
    last_visit: date | None
    days_since_last_visit: int | None
    reasons: tuple[Message, ...]


def sibling_visit_plans(
    ruleset: RuleSet,
    facilities: Sequence[FacilityRef],
    visits: Sequence[SiblingVisit],
    today: date,
) -> list[VisitPlan]:
    """Assess each facility against the yearly SiBLing visit minimum (rule in module docstring).

    Args:
        ruleset: The rules (``facility.*``).
        facilities: The facilities to assess.
        visits: Visits that took place; visits after ``today`` and of other facilities are
            ignored.
        today: The day of the assessment.

    Returns:
        One plan per facility, in the order given.

    Raises:
        RulesError: For an unknown facility type.

    """
    rule = ruleset.facility
    start = date(today.year, 1, 1)
    days_in_year = 366 if isleap(today.year) else 365  # also for year 9999, the last one
    elapsed = (today - start).days + 1
    required_by_now = rule.min_visits_per_year * elapsed // days_in_year
    plans = []
    for facility in facilities:
        level = ruleset.facility_level(facility.facility_type)
        days = sorted(
            v.visit_day for v in visits if v.facility_code == facility.code and v.visit_day <= today
        )
        this_year = sum(d >= start for d in days)
        last = days[-1] if days else None
        gap = (today - last).days if last else None
        reasons: list[Message] = []
        if level not in rule.sibling_levels:
            status = VisitStatus.NOT_REQUIRED
        else:
            if last is None:
                reasons.append(_NEVER_VISITED)
            elif gap is not None and gap > rule.max_gap_days:
                reasons.append(_long_gap(gap))
            if this_year < required_by_now:
                reasons.append(_behind(this_year, required_by_now))
            if reasons:
                status = VisitStatus.OVERDUE
            elif this_year < rule.min_visits_per_year:
                status = VisitStatus.DUE
                reasons.append(_still_due(this_year, rule.min_visits_per_year))
            else:
                status = VisitStatus.OK
        plans.append(
            VisitPlan(
                facility_code=facility.code,
                level=level,
                status=status,
                visits_this_year=this_year,
                required_per_year=rule.min_visits_per_year,
                required_by_now=required_by_now,
                last_visit=last,
                days_since_last_visit=gap,
                reasons=tuple(reasons),
            )
        )
    return plans


def overdue_facilities(
    ruleset: RuleSet,
    facilities: Sequence[FacilityRef],
    visits: Sequence[SiblingVisit],
    today: date,
) -> list[VisitPlan]:
    """Return the overdue facilities, never visited first, then the longest since a visit."""
    overdue = [
        p
        for p in sibling_visit_plans(ruleset, facilities, visits, today)
        if p.status is VisitStatus.OVERDUE
    ]
    return sorted(
        overdue,
        key=lambda p: (p.last_visit is not None, p.last_visit or today, p.facility_code),
    )


class FollowUpCandidate(BaseModel):
    """A facility that may need a follow-up visit.

    Attributes:
        facility_code: The facility.
        open_commitments: Its commitments not yet closed.
        last_visit: Its most recent SiBLing visit, or ``None``.

    """

    model_config = ConfigDict(frozen=True)

    facility_code: str
    open_commitments: tuple[Commitment, ...] = ()
    last_visit: date | None = None


class FollowUpPriority(BaseModel):
    """A facility's place in the follow-up order.

    Attributes:
        rank: 1 = visit first.
        facility_code: The facility.
        open_findings: Open commitments.
        overdue_findings: Of which past their due date.
        max_severity: The highest severity of its open findings (0 without).
        oldest_open_days: Days since the oldest open finding was made, or ``None``.
        last_visit: Its most recent visit, or ``None``.
        days_since_last_visit: Days since it, or ``None``.

    """

    model_config = ConfigDict(frozen=True)

    rank: int
    facility_code: str
    open_findings: int
    overdue_findings: int
    max_severity: int
    oldest_open_days: int | None
    last_visit: date | None
    days_since_last_visit: int | None


def prioritise_follow_ups(
    candidates: Sequence[FollowUpCandidate], today: date
) -> list[FollowUpPriority]:
    """Order facilities for follow-up visits (order in the module docstring).

    Args:
        candidates: The facilities with their open commitments and last visit.
        today: The day of the ordering (for ages).

    Returns:
        The facilities ranked from 1.

    Raises:
        RulesError: If a facility appears twice or a commitment belongs to another one.

    """
    seen: set[str] = set()
    rows = []
    for candidate in candidates:
        code = candidate.facility_code
        if code in seen:
            raise RulesError(f"facility {code!r} appears twice among follow-up candidates")
        seen.add(code)
        open_ = candidate.open_commitments
        if any(c.facility_code != code for c in open_):
            raise RulesError(f"facility {code!r} was given another facility's commitment")
        oldest = min((c.opened_on for c in open_), default=None)
        last = candidate.last_visit
        rows.append(
            FollowUpPriority(
                rank=0,
                facility_code=code,
                open_findings=len(open_),
                overdue_findings=sum(
                    commitment_status(c, today) is CommitmentStatus.OVERDUE for c in open_
                ),
                max_severity=max((c.severity for c in open_), default=0),
                oldest_open_days=None if oldest is None else (today - oldest).days,
                last_visit=last,
                days_since_last_visit=None if last is None else (today - last).days,
            )
        )
    rows.sort(
        key=lambda r: (
            r.open_findings == 0,
            -r.max_severity,
            -(r.oldest_open_days or 0),
            r.last_visit is not None,
            r.last_visit or today,
            r.facility_code,
        )
    )
    return [r.model_copy(update={"rank": i}) for i, r in enumerate(rows, start=1)]


_NEVER_VISITED = Message(
    code="never_visited",
    text_id="Belum pernah dikunjungi SiBLing",
    text_en="Never had a SiBLing visit",
)


def _long_gap(days: int) -> Message:
    return Message(
        code="long_gap",
        text_id=f"Kunjungan SiBLing terakhir {days} hari yang lalu",
        text_en=f"The last SiBLing visit was {days} days ago",
    )


def _behind(visits: int, required: int) -> Message:
    return Message(
        code="behind_yearly_minimum",
        text_id=f"Baru {visits} kunjungan SiBLing tahun ini; seharusnya sudah {required}",
        text_en=f"Only {visits} SiBLing visits this year; {required} should have taken place "
        "by now",
    )


def _still_due(visits: int, required: int) -> Message:
    return Message(
        code="visits_still_due",
        text_id=f"{visits} dari {required} kunjungan SiBLing tahun ini",
        text_en=f"{visits} of {required} SiBLing visits this year",
    )
