"""Audit routes: read, photos per area, overrides, checklist, findings, submit and close."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, UploadFile

from api.deps import Caller, Db, State
from api.routes.common import ERRORS, UPLOAD_ERRORS, IdPath
from api.schemas import (
    AreaOut,
    AuditOut,
    ChecklistIn,
    FindingIn,
    FindingOut,
    FindingPatch,
    OverrideIn,
    UploadOut,
)
from api.services import audits, findings, photos

router = APIRouter(prefix="/api/v1", tags=["audits"], responses=ERRORS)


@router.get("/audits/{audit_id}", response_model=AuditOut)
def get_audit(audit_id: IdPath, db: Db, caller: Caller) -> AuditOut:
    """Return an audit with every area's verdict, advice and the score breakdown."""
    return audits.to_out(db, audits.get(db, caller, audit_id))


@router.post(
    "/audits/{audit_id}/areas/{area}/photos",
    response_model=UploadOut,
    status_code=201,
    responses=UPLOAD_ERRORS,
)
def upload_photos(
    audit_id: IdPath,
    area: str,
    files: Annotated[list[UploadFile], File(description="One or more photos of the area.")],
    state: State,
    db: Db,
    caller: Caller,
) -> UploadOut:
    """Upload photos of one area; each is checked and the area verdict is returned.

    Photos are checked for quality, Janji Layanan media and their text; the evidence image
    (faces blurred, boxes drawn) is at each photo's ``evidence_url``.
    """
    uploads = [photos.Upload(filename=f.filename or "photo", stream=f.file) for f in files]
    return photos.upload(state, db, caller, audit_id, area, uploads)


@router.get("/audits/{audit_id}/areas/{area}", response_model=AreaOut)
def get_area(audit_id: IdPath, area: str, db: Db, caller: Caller) -> AreaOut:
    """Return one area's verdict."""
    audit = audits.get(db, caller, audit_id)
    ruleset = audits.ruleset_of(audit)
    audits.check_area(ruleset, area)
    return audits.area_out(ruleset, audit, area)


@router.post("/audits/{audit_id}/areas/{area}/override", response_model=AreaOut)
def override_area(audit_id: IdPath, area: str, data: OverrideIn, db: Db, caller: Caller) -> AreaOut:
    """Override an area verdict with a note (auditors); the derived verdict is kept."""
    return audits.override(db, caller, audit_id, area, data)


@router.put("/audits/{audit_id}/checklist", response_model=AuditOut)
def set_checklist(audit_id: IdPath, data: ChecklistIn, db: Db, caller: Caller) -> AuditOut:
    """Record SiBLing checklist observations (met, not_met, not_observed)."""
    return audits.to_out(db, audits.set_checklist(db, caller, audit_id, data))


@router.post("/audits/{audit_id}/submit", response_model=AuditOut)
def submit_audit(audit_id: IdPath, db: Db, caller: Caller) -> AuditOut:
    """Submit: freeze the score and turn non-compliant areas into findings."""
    return audits.to_out(db, audits.submit(db, caller, audit_id))


@router.post("/audits/{audit_id}/close", response_model=AuditOut)
def close_audit(audit_id: IdPath, db: Db, caller: Caller) -> AuditOut:
    """Close a submitted audit."""
    return audits.to_out(db, audits.close(db, caller, audit_id))


@router.post("/audits/{audit_id}/findings", response_model=FindingOut, status_code=201)
def add_finding(audit_id: IdPath, data: FindingIn, db: Db, caller: Caller) -> FindingOut:
    """Add a finding with an improvement commitment (auditors)."""
    return findings.to_out(findings.create(db, caller, audit_id, data))


@router.patch("/findings/{finding_id}", response_model=FindingOut)
def update_finding(finding_id: IdPath, data: FindingPatch, db: Db, caller: Caller) -> FindingOut:
    """Set a commitment (the facility) or resolve a finding (auditors)."""
    return findings.to_out(findings.update(db, caller, finding_id, data))
