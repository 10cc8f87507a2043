"""Evidence-integrity flags of a new photo, from the rules in ``api.rules.integrity``.

Flags never reject a photo: reused or near-identical photos (perceptual hash) across areas,
audits or facilities; EXIF time outside the visit day; EXIF GPS far from the facility;
missing EXIF as a soft signal.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.analysis import PhotoAnalysis
from api.models import Audit, Facility, Photo
from api.rules.integrity import (
    EvidenceMeta,
    IntegrityFlag,
    PhotoHash,
    evidence_flags,
    hash_from_hex,
    reuse_flags,
    visit_window,
)
from api.rules.ruleset import RuleSet


def flags_for(
    db: Session, ruleset: RuleSet, audit: Audit, area: str, analysis: PhotoAnalysis
) -> list[IntegrityFlag]:
    """Return the integrity flags of a photo about to be stored in ``audit`` and ``area``.

    Every stored photo is compared, including those flushed earlier in the same transaction.
    """
    facility = audit.facility
    new = PhotoHash(
        photo_id="new",
        phash=hash_from_hex(analysis.phash),
        facility_code=facility.code,
        audit_id=str(audit.id),
        area_id=area,
    )
    rows = db.execute(
        select(Photo.id, Photo.phash, Facility.code, Audit.id, Photo.area)
        .join(Audit, Photo.audit_id == Audit.id)
        .join(Facility, Audit.facility_id == Facility.id)
    ).all()
    others = [
        PhotoHash(
            photo_id=str(pid),
            phash=hash_from_hex(phash),
            facility_code=code,
            audit_id=str(aid),
            area_id=photo_area,
        )
        for pid, phash, code, aid, photo_area in rows
    ]
    start, end = visit_window(audit.visit_date)
    position = (
        (facility.latitude, facility.longitude)
        if facility.latitude is not None and facility.longitude is not None
        else None
    )
    meta = EvidenceMeta(
        has_exif=analysis.has_exif,
        taken_at=analysis.taken_at,
        latitude=analysis.gps[0] if analysis.gps else None,
        longitude=analysis.gps[1] if analysis.gps else None,
    )
    return [
        *reuse_flags(ruleset, new, others),
        *evidence_flags(ruleset, meta, start, end, position),
    ]
