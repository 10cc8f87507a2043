"""Findings and improvement commitments; the next visit checks them."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.auth import Principal
from api.errors import ForbiddenError, InvalidInputError, NotFoundError
from api.models import Audit, Finding
from api.schemas import FindingIn, FindingOut, FindingPatch, Page
from api.services import access, audits, facilities


def to_out(finding: Finding, today: dt.date | None = None) -> FindingOut:
    """Return the API form of a finding (``overdue``: open and past its due date)."""
    today = today or dt.date.today()
    return FindingOut(
        id=finding.id,
        audit_id=finding.audit_id,
        facility_id=finding.facility_id,
        area=finding.area,
        verdict=finding.verdict,
        severity=finding.severity,
        description=finding.description,
        commitment=finding.commitment,
        due_date=finding.due_date,
        status=finding.status,
        overdue=finding.status == "open"
        and finding.due_date is not None
        and finding.due_date < today,
        resolved_audit_id=finding.resolved_audit_id,
        resolution_note=finding.resolution_note,
        created_at=finding.created_at,
    )


def create(db: Session, principal: Principal, audit_id: int, data: FindingIn) -> Finding:
    """Add a finding to an audit (auditors and admins)."""
    audit = audits.get(db, principal, audit_id)
    access.require_role(principal, "admin", "auditor")
    if data.area is not None:
        audits.check_area(audits.ruleset_of(audit), data.area)
    finding = Finding(
        audit_id=audit.id,
        facility_id=audit.facility_id,
        area=data.area,
        description=data.description,
        commitment=data.commitment,
        due_date=data.due_date,
    )
    db.add(finding)
    db.commit()
    return finding


def get(db: Session, principal: Principal, finding_id: int) -> Finding:
    """Return a finding whose facility is in the caller's scope (404 otherwise)."""
    finding = db.get(Finding, finding_id)
    if finding is None:
        raise NotFoundError("finding_not_found", f"There is no finding {finding_id}.")
    audit = db.get(Audit, finding.audit_id)
    if audit is None or not access.in_scope(principal, audit.facility):
        raise NotFoundError("finding_not_found", f"There is no finding {finding_id}.")
    return finding


def update(db: Session, principal: Principal, finding_id: int, data: FindingPatch) -> Finding:
    """Change a finding: a facility sets its commitment and due date; auditors resolve it."""
    finding = get(db, principal, finding_id)
    fields = data.model_dump(exclude_unset=True)
    if principal.role == "facility":
        if set(fields) - {"commitment", "due_date"}:
            raise ForbiddenError(
                "forbidden", "A facility may set only its commitment and due date."
            )
    else:
        access.require_role(principal, "admin", "auditor")
    if data.resolved_audit_id is not None:
        later = db.get(Audit, data.resolved_audit_id)
        if later is None or later.facility_id != finding.facility_id:
            raise InvalidInputError(
                "invalid_audit", "resolved_audit_id must be an audit of the same facility."
            )
    for key, value in fields.items():
        setattr(finding, key, value)
    db.commit()
    return finding


def list_page(
    db: Session,
    principal: Principal,
    facility_id: int,
    status: str | None,
    limit: int,
    offset: int,
) -> Page[FindingOut]:
    """List a facility's findings, open and oldest due first."""
    facility = facilities.get(db, principal, facility_id)
    conditions = [Finding.facility_id == facility.id]
    if status:
        conditions.append(Finding.status == status)
    total = db.scalar(select(func.count()).select_from(Finding).where(*conditions)) or 0
    rows = db.scalars(
        select(Finding)
        .where(*conditions)
        .order_by(Finding.status, Finding.due_date, Finding.id)
        .limit(limit)
        .offset(offset)
    ).all()
    return Page(items=[to_out(f) for f in rows], total=total, limit=limit, offset=offset)
