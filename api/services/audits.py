"""Audits (SiBLing visits and self-checks): lifecycle, area verdicts, checklist and score."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from api.auth import Principal
from api.errors import ConflictError, InvalidInputError, NotFoundError
from api.models import AreaVerdict, Audit, Facility, Feedback, Finding, Photo, VisitCount, utcnow
from api.rules.checklist import score_checklist
from api.rules.commitments import (
    Commitment,
    CommitmentStatus,
    check_commitments,
    commitments_from_verdicts,
)
from api.rules.kessan import KessanResponse, kessan_indicator, kessan_months, month_of
from api.rules.messages import RulesError
from api.rules.ruleset import AreaStatus, RuleSet, load_ruleset
from api.rules.score import janji_implementation, score_audit
from api.rules.verdict import (
    AreaVerdict as RulesVerdict,
)
from api.rules.verdict import (
    PhotoFinding,
    ReviewedVerdict,
    VerdictOverride,
    apply_override,
    judge_area,
)
from api.schemas import (
    AreaOut,
    AuditIn,
    AuditOut,
    AuditSummary,
    ChecklistIn,
    Message,
    OverrideIn,
    Page,
)
from api.schemas import Override as OverrideOut
from api.services import access, facilities

KESSAN_MONTHS = 3  # months of feedback (the visit's month and the two before) in a score


def ruleset_of(audit: Audit) -> RuleSet:
    """Return the rule set an audit is judged by."""
    return load_ruleset(audit.rule_set)


def check_area(ruleset: RuleSet, area: str) -> None:
    """Raise ``NotFoundError`` for an area id the rule set does not know."""
    try:
        ruleset.area(area)
    except RulesError as exc:
        raise NotFoundError("unknown_area", str(exc), {"areas": list(ruleset.area_ids)}) from None


def create(
    db: Session, principal: Principal, rule_set: str, facility_id: int, data: AuditIn
) -> AuditOut:
    """Start an audit of a facility and return its API form.

    Auditors (and admins) start SiBLing visits; facility keys start self-checks of their own
    facility. The audit is committed only once its verdicts and score were computed, so an
    error there (e.g. a ``RulesError`` from a stored floor area) saves nothing.
    """
    facility = facilities.get(db, principal, facility_id)
    kind = data.kind or ("self_check" if principal.role == "facility" else "sibling")
    if kind == "sibling":
        access.require_role(principal, "admin", "auditor")
    else:
        access.require_role(principal, "admin", "facility")
    audit = Audit(
        facility_id=facility.id,
        kind=kind,
        auditor=data.auditor or principal.name,
        created_by_key=principal.key_pk,
        visit_date=data.visit_date,
        status="draft",
        rule_set=rule_set,
        checklist={},
    )
    db.add(audit)
    db.flush()
    out = to_out(db, audit)
    db.commit()
    return out


def get(db: Session, principal: Principal, audit_id: int) -> Audit:
    """Return an audit whose facility is in the caller's scope (404 otherwise)."""
    return access.require_audit(principal, db.get(Audit, audit_id), audit_id)


def require_draft(audit: Audit) -> None:
    """Raise ``ConflictError`` unless the audit is still a draft."""
    if audit.status != "draft":
        raise ConflictError(
            "audit_not_draft", f"Audit {audit.id} is {audit.status}; it can no longer change."
        )


def lock_draft(db: Session, audit: Audit, status: str = "draft") -> None:
    """Check in the database that the audit is still a draft, lock it and set its status.

    One conditional ``UPDATE audits SET status = :status WHERE id = :id AND status = 'draft'``
    checks and writes at once, so of two concurrent requests on one draft only one passes:
    the other waits for its commit, then finds no draft. The row stays locked until the
    session commits or rolls back.

    Args:
        db: The request's session (its transaction holds the lock).
        audit: The audit, as read earlier (possibly stale).
        status: The status to leave it in: ``draft`` to only lock it, ``submitted`` to claim it.

    Raises:
        ConflictError: If the audit is no longer a draft (409 ``audit_not_draft``).

    """
    claimed = (
        db.connection()
        .execute(
            update(Audit).where(Audit.id == audit.id, Audit.status == "draft").values(status=status)
        )
        .rowcount
    )
    if claimed != 1:
        raise ConflictError(
            "audit_not_draft", f"Audit {audit.id} is no longer a draft; it can no longer change."
        )


def _photos_of(audit: Audit, area: str) -> list[Photo]:
    return [p for p in audit.photos if p.area == area]


def _row(audit: Audit, area: str) -> AreaVerdict | None:
    return next((r for r in audit.areas if r.area == area), None)


def recompute_area(db: Session, audit: Audit, area: str) -> AreaVerdict:
    """Re-derive one area's verdict from its photos, keeping any overrides (no commit)."""
    ruleset = ruleset_of(audit)
    photos = _photos_of(audit, area)
    findings = [PhotoFinding.from_result_json(p.result, photo_id=str(p.id)) for p in photos]
    verdict = judge_area(ruleset, area, findings, _floor_area(audit.facility, area))
    row = _row(audit, area)
    if row is None:
        row = AreaVerdict(area=area, overrides=[])
        audit.areas.append(row)
    row.derived = verdict.model_dump(mode="json")
    row.derived_status = verdict.status.value
    row.status = row.overrides[-1]["status"] if row.overrides else verdict.status.value
    db.flush()
    return row


def _floor_area(facility: Facility, area: str) -> float | None:
    value = (facility.area_sizes or {}).get(area)
    return float(value) if value is not None else None


def reviewed(ruleset: RuleSet, audit: Audit, area: str) -> ReviewedVerdict:
    """Return an area's derived verdict with its overrides (``missing`` when no photo yet)."""
    row = _row(audit, area)
    if row is None:
        verdict = judge_area(ruleset, area, [], _floor_area(audit.facility, area))
        return ReviewedVerdict(verdict=verdict)
    return ReviewedVerdict(
        verdict=RulesVerdict.model_validate(row.derived),
        overrides=tuple(VerdictOverride.model_validate(o) for o in row.overrides),
    )


def area_out(ruleset: RuleSet, audit: Audit, area: str) -> AreaOut:
    """Return the API form of one area of an audit."""
    rule = ruleset.area(area)
    review = reviewed(ruleset, audit, area)
    verdict = review.verdict
    return AreaOut(
        area=area,
        name_id=rule.name_id,
        name_en=rule.name_en,
        allowed_media=list(rule.allowed_media),
        status=review.status.value,
        derived_status=verdict.status.value,
        required_count=verdict.required_count,
        qualified_count=verdict.qualified_count,
        photo_count=verdict.photo_count,
        reasons=[Message(**m.model_dump()) for m in verdict.reasons],
        advice=[Message(**m.model_dump()) for m in verdict.advice],
        overrides=[OverrideOut(**o.model_dump()) for o in review.overrides],
        photo_ids=[p.id for p in _photos_of(audit, area)],
    )


def kessan_for(db: Session, ruleset: RuleSet, facility: Facility, day: dt.date) -> float | None:
    """Return the KESSAN indicator of the ``KESSAN_MONTHS`` months up to ``day``."""
    months = _months_back(day, KESSAN_MONTHS)
    responses = [
        KessanResponse(
            facility_code=facility.code,
            stars=f.stars,
            visit_date=f.visit_date,
            care_type=f.care,  # type: ignore[arg-type]
            comment=f.comment or None,
        )
        for f in db.scalars(select(Feedback).where(Feedback.facility_id == facility.id))
        if month_of(f.visit_date) in months
    ]
    visits = {
        (facility.code, v.month): v.visits
        for v in db.scalars(select(VisitCount).where(VisitCount.facility_id == facility.id))
        if v.month in months
    }
    if not responses:
        return None
    return kessan_indicator(kessan_months(ruleset, responses, visits))


def _months_back(day: dt.date, count: int) -> set[str]:
    year, month = day.year, day.month
    months = set()
    for _ in range(count):
        months.add(f"{year:04d}-{month:02d}")
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return months


def score(db: Session, audit: Audit) -> dict[str, Any]:
    """Compute the audit score with its breakdown (SiBLing, KESSAN, Janji)."""
    ruleset = ruleset_of(audit)
    checklist = score_checklist(ruleset, audit.checklist or {})
    reviews = [reviewed(ruleset, audit, a) for a in ruleset.area_ids]
    janji = janji_implementation(ruleset, reviews)
    sibling = checklist.attitudes.percent if audit.kind == "sibling" else None
    kessan = kessan_for(db, ruleset, audit.facility, audit.visit_date)
    result = score_audit(ruleset, sibling, kessan, janji.percent)
    data = result.model_dump(mode="json")
    data["janji"] = janji.model_dump(mode="json")
    data["checklist"] = checklist.model_dump(mode="json")
    return data


def to_out(db: Session, audit: Audit) -> AuditOut:
    """Return the API form of an audit (areas, verdicts and the current score)."""
    ruleset = ruleset_of(audit)
    areas = [area_out(ruleset, audit, a) for a in ruleset.area_ids]
    return AuditOut(
        id=audit.id,
        facility_id=audit.facility_id,
        kind=audit.kind,
        auditor=audit.auditor,
        visit_date=audit.visit_date,
        status=audit.status,
        rule_set=audit.rule_set,
        checklist=dict(audit.checklist or {}),
        areas=areas,
        areas_done=sum(1 for a in areas if a.photo_count),
        score=audit.score if audit.status != "draft" and audit.score else score(db, audit),
        report_url=f"/api/v1/audits/{audit.id}/report.html",
        report_pdf_url=f"/api/v1/audits/{audit.id}/report.pdf",
        created_at=audit.created_at,
        submitted_at=audit.submitted_at,
        closed_at=audit.closed_at,
    )


def list_page(
    db: Session,
    principal: Principal,
    facility_id: int,
    limit: int,
    offset: int,
    kind: str | None,
) -> Page[AuditSummary]:
    """List a facility's audits, newest first."""
    facility = facilities.get(db, principal, facility_id)
    conditions = [Audit.facility_id == facility.id]
    if kind:
        conditions.append(Audit.kind == kind)
    total = db.scalar(select(func.count()).select_from(Audit).where(*conditions)) or 0
    rows = db.scalars(
        select(Audit)
        .where(*conditions)
        .order_by(Audit.visit_date.desc(), Audit.id.desc())
        .limit(limit)
        .offset(offset)
    ).all()
    items = []
    for audit in rows:
        statuses = [r.status for r in audit.areas]
        total_score = (audit.score or {}).get("total") if audit.score else None
        items.append(
            AuditSummary(
                id=audit.id,
                facility_id=audit.facility_id,
                kind=audit.kind,
                auditor=audit.auditor,
                visit_date=audit.visit_date,
                status=audit.status,
                compliant_areas=statuses.count("compliant"),
                areas=len(ruleset_of(audit).area_ids),
                score_total=total_score,
                created_at=audit.created_at,
            )
        )
    return Page(items=items, total=total, limit=limit, offset=offset)


def override(
    db: Session, principal: Principal, audit_id: int, area: str, data: OverrideIn
) -> AreaOut:
    """Override an area's verdict with a note; the derived verdict is kept beside it.

    Only a draft's verdicts can be overridden (409 otherwise): submitting freezes the score
    and turns the verdicts into findings, which later change through the findings themselves.
    """
    audit = get(db, principal, audit_id)
    ruleset = ruleset_of(audit)
    check_area(ruleset, area)
    access.require_role(principal, "admin", "auditor")
    if audit.kind != "sibling":
        raise InvalidInputError("not_sibling", "Only SiBLing audit verdicts can be overridden.")
    require_draft(audit)
    lock_draft(db, audit)
    try:
        review = apply_override(
            reviewed(ruleset, audit, area), data.status, data.note, principal.name, utcnow()
        )
    except RulesError as exc:
        raise InvalidInputError("invalid_override", str(exc)) from None
    row = _row(audit, area) or recompute_area(db, audit, area)
    row.overrides = [o.model_dump(mode="json") for o in review.overrides]
    row.status = review.status.value
    db.commit()
    return area_out(ruleset, audit, area)


def set_checklist(db: Session, principal: Principal, audit_id: int, data: ChecklistIn) -> Audit:
    """Record checklist observations (merged into those already recorded)."""
    audit = get(db, principal, audit_id)
    access.require_role(principal, "admin", "auditor")
    require_draft(audit)
    lock_draft(db, audit)
    merged = {**(audit.checklist or {}), **data.items}
    try:
        score_checklist(ruleset_of(audit), merged)
    except RulesError as exc:
        raise InvalidInputError("invalid_checklist", str(exc)) from None
    audit.checklist = merged
    db.commit()
    return audit


def submit(db: Session, principal: Principal, audit_id: int) -> Audit:
    """Submit a draft audit.

    Freezes the score, turns non-compliant areas into findings with due dates (rule set
    ``commitments``), and checks the facility's earlier open findings against this visit:
    those whose area is now compliant are resolved. The draft is claimed first, atomically
    (``lock_draft``): a second submit of the same audit, even a concurrent one, gets 409.
    """
    audit = get(db, principal, audit_id)
    access.require_reviewer(principal, audit)
    require_draft(audit)
    lock_draft(db, audit, status="submitted")
    ruleset = ruleset_of(audit)
    facility = audit.facility
    audit.score = score(db, audit)
    audit.status = "submitted"
    audit.submitted_at = utcnow()
    reviews = [reviewed(ruleset, audit, a) for a in ruleset.area_ids]
    earlier = db.scalars(
        select(Finding).where(
            Finding.facility_id == audit.facility_id,
            Finding.status == "open",
            Finding.audit_id != audit.id,
            Finding.area.is_not(None),
        )
    ).all()
    checkable = [f for f in earlier if f.opened_on() <= audit.visit_date]
    checks = check_commitments(
        [as_commitment(f, facility.code) for f in checkable], reviews, audit.visit_date
    )
    for finding, check in zip(checkable, checks, strict=True):
        if check.status is CommitmentStatus.CLOSED:
            finding.status = "resolved"
            finding.resolved_audit_id = audit.id
            finding.resolution_note = check.message.text_en
    for commitment in commitments_from_verdicts(
        ruleset, facility.code, str(audit.id), reviews, audit.visit_date
    ):
        area = ruleset.area(commitment.area_id)
        reasons = next(r for r in reviews if r.area_id == commitment.area_id).verdict.reasons
        db.add(
            Finding(
                audit_id=audit.id,
                facility_id=audit.facility_id,
                area=commitment.area_id,
                verdict=commitment.finding_status.value,
                severity=commitment.severity,
                description=f"{area.name_en}: {commitment.finding_status.value}"
                + (f" ({'; '.join(m.text_en for m in reasons)})" if reasons else ""),
                commitment="; ".join(m.text_en for m in commitment.actions),
                due_date=commitment.due_on,
            )
        )
    db.commit()
    return audit


def as_commitment(finding: Finding, facility_code: str) -> Commitment:
    """Return the rules' form of a stored area finding."""
    status = AreaStatus(finding.verdict) if finding.verdict else AreaStatus.MISSING
    opened = finding.opened_on()
    return Commitment(
        key=f"{finding.audit_id}/{finding.area}",
        facility_code=facility_code,
        audit_id=str(finding.audit_id),
        area_id=finding.area or "",
        finding_status=status,
        severity=finding.severity,
        opened_on=opened,
        due_on=finding.due_date or opened,
        actions=(),
    )


def close(db: Session, principal: Principal, audit_id: int) -> Audit:
    """Close a submitted audit."""
    audit = get(db, principal, audit_id)
    access.require_role(principal, "admin", "auditor")
    if audit.status != "submitted":
        raise ConflictError(
            "audit_not_submitted", f"Audit {audit.id} is {audit.status}, not submitted."
        )
    audit.status = "closed"
    audit.closed_at = utcnow()
    db.commit()
    return audit
