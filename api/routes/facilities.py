"""Facility routes: facilities, their audits, findings, KESSAN and visit counts."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from api.deps import Caller, Db, SettingsDep
from api.routes.common import ERRORS, IdPath, PagingDep
from api.rules.ruleset import load_ruleset
from api.schemas import (
    AuditIn,
    AuditOut,
    AuditSummary,
    FacilityIn,
    FacilityOut,
    FacilityPatch,
    FeedbackIn,
    FeedbackOut,
    FindingOut,
    OptionalLine,
    Page,
    VisitCountIn,
)
from api.services import audits, facilities, findings, kessan

router = APIRouter(prefix="/api/v1/facilities", tags=["facilities"], responses=ERRORS)


@router.get("", response_model=Page[FacilityOut])
def list_facilities(
    db: Db, caller: Caller, paging: PagingDep, region: Annotated[OptionalLine, Query()] = None
) -> Page[FacilityOut]:
    """List the facilities the caller may see."""
    return facilities.list_page(db, caller, paging.limit, paging.offset, region)


@router.post("", response_model=FacilityOut, status_code=201)
def create_facility(data: FacilityIn, db: Db, caller: Caller, settings: SettingsDep) -> FacilityOut:
    """Register a facility (admins)."""
    ruleset = load_ruleset(settings.rule_set)
    return facilities.to_out(facilities.create(db, caller, ruleset, data))


@router.get("/{facility_id}", response_model=FacilityOut)
def get_facility(facility_id: IdPath, db: Db, caller: Caller) -> FacilityOut:
    """Return one facility."""
    return facilities.to_out(facilities.get(db, caller, facility_id))


@router.patch("/{facility_id}", response_model=FacilityOut)
def update_facility(
    facility_id: IdPath, data: FacilityPatch, db: Db, caller: Caller, settings: SettingsDep
) -> FacilityOut:
    """Change a facility (admins; a facility key may set its own area sizes)."""
    ruleset = load_ruleset(settings.rule_set)
    return facilities.to_out(facilities.update(db, caller, ruleset, facility_id, data))


@router.post("/{facility_id}/audits", response_model=AuditOut, status_code=201)
def create_audit(
    facility_id: IdPath, data: AuditIn, db: Db, caller: Caller, settings: SettingsDep
) -> AuditOut:
    """Start a SiBLing visit (auditors) or a self-check (the facility's own key)."""
    return audits.create(db, caller, settings.rule_set, facility_id, data)


@router.get("/{facility_id}/audits", response_model=Page[AuditSummary])
def list_audits(
    facility_id: IdPath,
    db: Db,
    caller: Caller,
    paging: PagingDep,
    kind: Annotated[str | None, Query(pattern="^(sibling|self_check)$")] = None,
) -> Page[AuditSummary]:
    """List a facility's audits and self-checks, newest first (the self-check history)."""
    return audits.list_page(db, caller, facility_id, paging.limit, paging.offset, kind)


@router.get("/{facility_id}/findings", response_model=Page[FindingOut])
def list_findings(
    facility_id: IdPath,
    db: Db,
    caller: Caller,
    paging: PagingDep,
    status: Annotated[str | None, Query(pattern="^(open|resolved)$")] = None,
) -> Page[FindingOut]:
    """List a facility's findings and commitments."""
    return findings.list_page(db, caller, facility_id, status, paging.limit, paging.offset)


@router.post("/{facility_id}/feedback", response_model=FeedbackOut, status_code=201)
def add_feedback(facility_id: IdPath, data: FeedbackIn, db: Db, caller: Caller) -> FeedbackOut:
    """Record a KESSAN patient feedback (admins, the facility)."""
    return kessan.add_feedback(db, caller, facility_id, data)


@router.put("/{facility_id}/visits", status_code=204)
def set_visits(facility_id: IdPath, data: VisitCountIn, db: Db, caller: Caller) -> None:
    """Set a month's patient visit count (admins, the facility)."""
    kessan.set_visits(db, caller, facility_id, data)


@router.get("/{facility_id}/kessan")
def kessan_summary(
    facility_id: IdPath, db: Db, caller: Caller, settings: SettingsDep
) -> list[dict[str, Any]]:
    """Return KESSAN per month: respondents, the required minimum and the rating."""
    return kessan.summary(db, caller, load_ruleset(settings.rule_set), facility_id)
