"""Oversight lists over the caller's facilities, from the rules in ``api.rules.facility``.

Overdue SiBLing visits, contract review and the follow-up order.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.auth import Principal
from api.models import Audit, Facility, Finding
from api.rules.facility import (
    FacilityRef,
    FollowUpCandidate,
    ScoredAudit,
    SiblingVisit,
    contract_reviews,
    overdue_facilities,
    prioritise_follow_ups,
)
from api.rules.ruleset import Grade, RuleSet
from api.services import access, audits, facilities


def _visible(db: Session, principal: Principal) -> dict[str, Facility]:
    access.require_role(principal, "admin", "auditor")
    rows = db.scalars(
        select(Facility).where(*facilities.scope_filter(principal)).order_by(Facility.code)
    )
    return {f.code: f for f in rows}


def _sibling_audits(db: Session, visible: dict[str, Facility]) -> list[Audit]:
    ids = [f.id for f in visible.values()]
    return list(
        db.scalars(
            select(Audit).where(
                Audit.facility_id.in_(ids), Audit.kind == "sibling", Audit.status != "draft"
            )
        )
    )


def _ref(facility: Facility) -> dict[str, Any]:
    return {
        "facility_id": facility.id,
        "code": facility.code,
        "name": facility.name,
        "region": facility.region,
    }


def overdue(
    db: Session, principal: Principal, ruleset: RuleSet, today: dt.date
) -> list[dict[str, Any]]:
    """List facilities short of their yearly SiBLing visits, never visited first."""
    visible = _visible(db, principal)
    visits = [
        SiblingVisit(facility_code=a.facility.code, visit_day=a.visit_date)
        for a in _sibling_audits(db, visible)
    ]
    refs = [FacilityRef(code=f.code, facility_type=f.kind) for f in visible.values()]
    return [
        {**_ref(visible[p.facility_code]), **p.model_dump(mode="json")}
        for p in overdue_facilities(ruleset, refs, visits, today)
    ]


def contract_review(db: Session, principal: Principal, ruleset: RuleSet) -> list[dict[str, Any]]:
    """List facilities flagged for contract review (bad results several times in a row)."""
    visible = _visible(db, principal)
    scored = []
    for audit in _sibling_audits(db, visible):
        score = audit.score or {}
        grade = score.get("grade")
        scored.append(
            ScoredAudit(
                audit_id=str(audit.id),
                facility_code=audit.facility.code,
                visit_day=audit.visit_date,
                total=score.get("total"),
                grade=Grade(grade) if grade else None,
            )
        )
    return [
        {
            **_ref(visible[r.facility_code]),
            "contract_status": visible[r.facility_code].contract_status,
            **r.model_dump(mode="json"),
        }
        for r in contract_reviews(ruleset, scored)
        if r.flagged
    ]


def follow_up(
    db: Session, principal: Principal, ruleset: RuleSet, today: dt.date
) -> list[dict[str, Any]]:
    """List facilities with open findings in follow-up order (most urgent first)."""
    del ruleset  # severities were fixed by the rule set when the findings were made
    visible = _visible(db, principal)
    last: dict[str, dt.date] = {}
    for audit in _sibling_audits(db, visible):
        code = audit.facility.code
        last[code] = max(last.get(code, audit.visit_date), audit.visit_date)
    candidates = []
    for code, facility in visible.items():
        open_findings = db.scalars(
            select(Finding).where(
                Finding.facility_id == facility.id,
                Finding.status == "open",
                Finding.area.is_not(None),
            )
        ).all()
        if open_findings:
            candidates.append(
                FollowUpCandidate(
                    facility_code=code,
                    open_commitments=tuple(audits.as_commitment(f, code) for f in open_findings),
                    last_visit=last.get(code),
                )
            )
    return [
        {**_ref(visible[p.facility_code]), **p.model_dump(mode="json")}
        for p in prioritise_follow_ups(candidates, today)
    ]
