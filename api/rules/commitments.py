"""Improvement commitments: findings of non-compliant areas, with due dates, checked next visit.

Every area whose status in force (an override's if any) is not ``compliant`` becomes one
commitment due ``commitments.due_days`` after the visit (``due_days_by_status`` per verdict).
At a later visit a commitment is ``closed`` when its area is compliant; otherwise it stays
``open`` until its due date and is ``overdue`` after it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from api.rules.days import add_days
from api.rules.messages import Message, RulesError, lower_first
from api.rules.ruleset import AreaStatus, RuleSet
from api.rules.verdict import AreaVerdict, ReviewedVerdict


class CommitmentStatus(StrEnum):
    """Where a commitment stands."""

    OPEN = "open"
    OVERDUE = "overdue"
    CLOSED = "closed"


class Commitment(BaseModel):
    """A facility's commitment to fix one area's finding.

    Attributes:
        key: ``"<audit_id>/<area_id>"``, unique per audit and area.
        facility_code: The facility.
        audit_id: The audit that found it.
        area_id: The area.
        finding_status: The area's status in force when it was found.
        severity: From ``commitments.severity`` (higher = more urgent).
        opened_on: The visit day.
        due_on: The day it must be fixed by.
        actions: What to do (the verdict's advice), in Indonesian and English.

    """

    model_config = ConfigDict(frozen=True)

    key: str
    facility_code: str
    audit_id: str
    area_id: str
    finding_status: AreaStatus
    severity: int
    opened_on: date
    due_on: date
    actions: tuple[Message, ...]


class CommitmentCheck(BaseModel):
    """A commitment as checked on a later day.

    Attributes:
        commitment: The commitment.
        status: ``closed``, ``open`` or ``overdue``.
        checked_on: The day of the check.
        area_status: The area's status in force at that visit, ``None`` when not judged.
        message: What the check concluded.

    """

    model_config = ConfigDict(frozen=True)

    commitment: Commitment
    status: CommitmentStatus
    checked_on: date
    area_status: AreaStatus | None
    message: Message


def commitments_from_verdicts(
    ruleset: RuleSet,
    facility_code: str,
    audit_id: str,
    verdicts: Sequence[AreaVerdict | ReviewedVerdict],
    visit_day: date,
) -> list[Commitment]:
    """Turn the non-compliant areas of an audit into commitments.

    Args:
        ruleset: The rules (due days, severities).
        facility_code: The facility audited.
        audit_id: The audit.
        verdicts: The audit's area verdicts; overrides are honoured.
        visit_day: The day of the visit (commitments open that day).

    Returns:
        One commitment per non-compliant area, in the order of ``verdicts``.

    Raises:
        RulesError: If two verdicts are for the same area, or a due date would lie past the
            end of the calendar.

    """
    seen: set[str] = set()
    commitments = []
    for verdict in verdicts:
        area_id = verdict.area_id
        if area_id in seen:
            raise RulesError(f"two verdicts for area {area_id!r}")
        seen.add(area_id)
        status = verdict.status
        if status is AreaStatus.COMPLIANT:
            continue
        derived = verdict.verdict if isinstance(verdict, ReviewedVerdict) else verdict
        actions = derived.advice if derived.status is status else ()
        commitments.append(
            Commitment(
                key=f"{audit_id}/{area_id}",
                facility_code=facility_code,
                audit_id=audit_id,
                area_id=area_id,
                finding_status=status,
                severity=ruleset.commitments.severity_of(status),
                opened_on=visit_day,
                due_on=add_days(
                    visit_day, ruleset.commitments.days_for(status), f"due date of {area_id}"
                ),
                actions=actions or (_generic_action(ruleset, area_id),),
            )
        )
    return commitments


def commitment_status(commitment: Commitment, today: date) -> CommitmentStatus:
    """Return ``open`` or ``overdue`` for a commitment not yet closed (by its due date)."""
    return CommitmentStatus.OVERDUE if today > commitment.due_on else CommitmentStatus.OPEN


def check_commitments(
    commitments: Sequence[Commitment],
    verdicts: Sequence[AreaVerdict | ReviewedVerdict],
    checked_on: date,
) -> list[CommitmentCheck]:
    """Check open commitments against the area verdicts of a later visit.

    Args:
        commitments: The facility's open commitments.
        verdicts: The area verdicts of the visit checking them; overrides are honoured.
        checked_on: The day of that visit.

    Returns:
        One check per commitment, in the same order: ``closed`` when the area is now
        compliant, else ``open`` or ``overdue`` by the due date (also when the area was not
        judged at this visit).

    Raises:
        RulesError: If a check is dated before the commitment was made.

    """
    by_area = {v.area_id: v.status for v in verdicts}
    checks = []
    for commitment in commitments:
        if checked_on < commitment.opened_on:
            raise RulesError(
                f"commitment {commitment.key}: checked on {checked_on}, "
                f"before it was made on {commitment.opened_on}"
            )
        area_status = by_area.get(commitment.area_id)
        if area_status is AreaStatus.COMPLIANT:
            status, message = CommitmentStatus.CLOSED, _CLOSED
        else:
            status = commitment_status(commitment, checked_on)
            if area_status is None:
                message = _NOT_CHECKED
            else:
                message = _STILL_OVERDUE if status is CommitmentStatus.OVERDUE else _STILL_OPEN
        checks.append(
            CommitmentCheck(
                commitment=commitment,
                status=status,
                checked_on=checked_on,
                area_status=area_status,
                message=message,
            )
        )
    return checks


def _generic_action(ruleset: RuleSet, area_id: str) -> Message:
    area = ruleset.area(area_id)
    return Message(
        code="make_area_compliant",
        text_id="Pastikan Janji Layanan JKN terpasang sesuai ketentuan di "
        f"{lower_first(area.name_id)}",
        text_en="Make sure Janji Layanan JKN is displayed as required in the "
        f"{lower_first(area.name_en)}",
    )


_CLOSED = Message(
    code="commitment_closed",
    text_id="Sudah diperbaiki: area memenuhi ketentuan pada kunjungan ini",
    text_en="Fixed: the area is compliant at this visit",
)
_STILL_OPEN = Message(
    code="commitment_open",
    text_id="Belum diperbaiki, tetapi belum melewati batas waktu",
    text_en="Not fixed yet, but not past its due date",
)
_STILL_OVERDUE = Message(
    code="commitment_overdue",
    text_id="Belum diperbaiki dan sudah melewati batas waktu",
    text_en="Not fixed and past its due date",
)
_NOT_CHECKED = Message(
    code="commitment_not_checked",
    text_id="Area ini tidak diperiksa pada kunjungan ini",
    text_en="The area was not checked at this visit",
)
